//! Engine behaviour through its public API, on the small fixture scenario.

use std::sync::Arc;

use kunren::engine::{Engine, EngineError};
use kunren::scenario::load::load_bundle;
use kunren::scoring::{ExpectStatus, Rating};

fn mini() -> Arc<kunren::scenario::Bundle> {
    let (b, warnings) =
        load_bundle("tests/fixtures/valid/mini-scenario.ron", None).expect("fixture loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    Arc::new(b)
}

/// Plays until the EDR alert arrives, or gives up.
fn until_alert(e: &mut Engine) -> bool {
    while !e.is_over() {
        if e.current_injects().iter().any(|i| i.id == "edr-alert") {
            return true;
        }
        e.end_turn();
    }
    false
}

#[test]
fn isolating_on_the_alert_halts_encryption_and_scores_on_time() {
    // Find a seed where the alert arrives before encryption (detection is a roll).
    let seed = (1..50)
        .find(|&s| until_alert(&mut Engine::new(mini(), s)))
        .expect("some seed detects");
    let mut e = Engine::new(mini(), seed);
    assert!(until_alert(&mut e));
    e.submit("isolate-host", Some("laptop-1"), "it-ops")
        .expect("isolate");
    e.submit("declare-incident", None, "ciso").expect("declare");
    let r = e.end_turn();
    assert!(
        r.expectations
            .iter()
            .any(|x| x.id == "isolate" && x.status == ExpectStatus::Success)
    );
    assert_eq!(r.ending.as_ref().map(|x| x.id.as_str()), Some("contained"));
    let s = e.summary();
    let detect = s
        .objectives
        .iter()
        .find(|o| o.id == "detect")
        .expect("objective");
    assert_eq!(
        (detect.earned, detect.achievable, detect.rating),
        (10, 10, Rating::P)
    );
    assert!(
        s.score_lines.iter().all(|l| !l.reason.is_empty()),
        "every line says why"
    );
}

#[test]
fn capacity_preconditions_and_targets_are_enforced() {
    let mut e = Engine::new(mini(), 1);
    assert!(matches!(
        e.submit("isolate-host", None, "it-ops"),
        Err(EngineError::BadTarget(_))
    ));
    assert!(matches!(
        e.submit("isolate-host", Some("nope"), "it-ops"),
        Err(EngineError::BadTarget(_))
    ));
    assert!(matches!(
        e.submit("triage-alert", None, "nobody"),
        Err(EngineError::UnknownRole(_))
    ));
    // declare-incident needs an alert first.
    assert!(matches!(
        e.submit("declare-incident", None, "ciso"),
        Err(EngineError::Precondition(_))
    ));
    // legal has capacity 1.
    e.submit("notify-authority", Some("nis2-art23"), "legal")
        .expect("first");
    assert!(matches!(
        e.submit("notify-authority", Some("nis2-art23"), "legal"),
        Err(EngineError::NoCapacity { .. })
    ));
    // Undo gives the capacity back.
    e.withdraw(0).expect("withdraw");
    assert_eq!(e.capacity_left("legal"), Some(1));
}

#[test]
fn same_seed_same_reports_different_seed_differs() {
    let play = |seed| {
        let mut e = Engine::new(mini(), seed);
        let mut out = Vec::new();
        while !e.is_over() {
            let _ = e.submit("threat-hunt", None, "soc");
            out.push(serde_json::to_string(&e.end_turn()).expect("json"));
        }
        out
    };
    assert_eq!(play(3), play(3));
    assert!((1..20).any(|s| play(s) != play(3)));
}

#[test]
fn decisions_time_out_to_their_default() {
    // Run idle until the ransom note; the decision times out to `refuse`.
    for seed in 1..200 {
        let mut e = Engine::new(mini(), seed);
        while !e.is_over() {
            let r = e.end_turn();
            if let Some(d) = r.decisions.iter().find(|d| d.decision == "ransom") {
                assert_eq!((d.option.as_str(), d.by.as_str()), ("refuse", "timeout"));
                return;
            }
        }
    }
    // The fixture ends on encryption, so the note never resolves: that is fine too.
}

#[test]
fn facilitator_override_changes_totals_and_ratings() {
    let seed = (1..50)
        .find(|&s| until_alert(&mut Engine::new(mini(), s)))
        .expect("seed");
    let mut e = Engine::new(mini(), seed);
    until_alert(&mut e);
    e.end_turn(); // nothing done: isolate not on time (within 1)
    let before = e.summary().total;
    let line = e.score_lines().first().map(|l| l.line);
    if let Some(line) = line {
        let o = e
            .override_score(
                line,
                10,
                "isolated by phone, not in the tool",
                "facilitator:A",
            )
            .expect("override");
        assert_eq!(o.to, 10);
        assert!(e.summary().total > before || o.from == 10);
        assert!(matches!(
            e.override_score(999, 1, "x", "y"),
            Err(EngineError::NoLine(999))
        ));
    }
}

#[test]
fn overrides_stay_within_the_line_and_need_a_reason() {
    let seed = (1..50)
        .find(|&s| until_alert(&mut Engine::new(mini(), s)))
        .expect("seed");
    let mut e = Engine::new(mini(), seed);
    until_alert(&mut e);
    e.submit("isolate-host", Some("laptop-1"), "it-ops")
        .expect("isolate");
    e.end_turn();
    let line = e
        .score_lines()
        .into_iter()
        .find(|l| l.source == "expect:isolate")
        .expect("isolate scored");
    assert_eq!((line.points, line.max_points, line.min_points), (10, 10, 0));
    // A +10 line cannot become +30 (the "100 of 75 achievable (133 %)").
    assert!(matches!(
        e.override_score(line.line, 30, "generous", "facilitator:A"),
        Err(EngineError::OverrideOutOfRange {
            min: 0,
            max: 10,
            ..
        })
    ));
    assert!(matches!(
        e.override_score(line.line, -1, "harsh", "facilitator:A"),
        Err(EngineError::OverrideOutOfRange { .. })
    ));
    assert!(matches!(
        e.override_score(line.line, 5, "  ", "facilitator:A"),
        Err(EngineError::NoReason(_))
    ));
    e.override_score(line.line, 5, "isolated late by phone", "facilitator:A")
        .expect("within range");
    let s = e.summary();
    assert!(s.total <= s.achievable, "{} of {}", s.total, s.achievable);
}

#[test]
fn contingency_and_repeat_injects_by_hand() {
    let mut e = Engine::new(mini(), 1);
    let v = e.fire_inject("press").expect("fire");
    assert!(v.by_facilitator);
    assert!(matches!(
        e.fire_inject("press"),
        Err(EngineError::AlreadyFired(_))
    ));
    assert!(matches!(
        e.fire_inject("nope"),
        Err(EngineError::UnknownInject(_))
    ));
}

#[test]
fn actions_say_which_stages_they_change() {
    let mut e = Engine::new(mini(), 1);
    let actions = e.available_actions();
    let isolate = actions
        .iter()
        .find(|a| a.id == "isolate-host")
        .expect("isolate-host");
    assert_eq!(isolate.affects, vec!["encrypt".to_string()]);
    assert!(isolate.targets.contains(&"laptop-1".to_string()));
    let declare = actions
        .iter()
        .find(|a| a.id == "declare-incident")
        .expect("declare");
    assert!(declare.blocked.is_some(), "needs an alert first");
}

#[test]
fn a_stealthy_stage_is_not_found_by_hunting_or_monitoring() {
    // The mini drill's phishing stage is watched by the EDR (detect 0.5): with full stealth,
    // no seed finds it by monitoring or by hunting every turn.
    let mut b = (*mini()).clone();
    b.scenario.campaign[0].stealth = 1.0;
    let b = std::sync::Arc::new(b);
    for seed in 1..20 {
        let mut e = Engine::new(b.clone(), seed);
        while !e.is_over() {
            let _ = e.submit("threat-hunt", None, "soc");
            e.end_turn();
        }
        let s = e.snapshot();
        assert!(
            s.stages[0].known.is_none(),
            "seed {seed}: found despite full stealth"
        );
    }
    // Without stealth, some seed finds it.
    assert!((1..20).any(|seed| {
        let mut e = Engine::new(mini(), seed);
        while !e.is_over() {
            let _ = e.submit("threat-hunt", None, "soc");
            e.end_turn();
        }
        e.snapshot().stages[0].known.is_some()
    }));
}
