//! Ground truth stays in the session: random drills of every shipped scenario (random seeds, the
//! random player, idle turns, facilitator injects) and, after every change, no view the team
//! gets tells it what it has not detected.
//!
//! The oracles are the test's own, written from the engine's control view and turn reports, not
//! from the code that builds the team's view:
//! - no undetected stage is named (its id as a stage, its title anywhere in the view's JSON);
//! - every team asset's compromise is one the team knows of;
//! - the team's impact leaves out what undetected stages' events added (read back from the
//!   turn reports' events), and is what is left;
//! - the team's score is the sum of the lines whose rule, expectation or clock reads no ground
//!   truth (classified here from the scenario), so it moves only with what the team can see;
//! - no field of a team type carries truth or dice (`compromised`, `reached`, `halted`,
//!   `roll`, `modifiers`, `base`).

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use kunren::engine::{Snapshot, TurnReport};
use kunren::policy::{Policy, RandomPolicy};
use kunren::scenario::{Activation, Bundle, Condition, Effect};
use kunren::session::{Drill, DrillMeta, TeamTurn, TeamView};
use proptest::prelude::*;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde_json::Value;

const SCENARIOS: [&str; 3] = [
    "scenarios/defence-contractor-double-extortion.ron",
    "scenarios/hospital-ransomware.ron",
    "scenarios/hospital-ransomware-ja.ron",
];

fn bundles() -> &'static [Arc<Bundle>] {
    static B: OnceLock<Vec<Arc<Bundle>>> = OnceLock::new();
    B.get_or_init(|| {
        SCENARIOS
            .iter()
            .map(|p| Arc::new(kunren::scenario::load_bundle(p, None).expect("loads").0))
            .collect()
    })
}

/// Flags only the attacker's stages set (a stage's `SetFlag`, or what `Exfiltrate` sets).
fn attacker_flags(b: &Bundle) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for s in &b.scenario.campaign {
        for e in &s.on_success {
            match e {
                Effect::SetFlag(f) | Effect::ClearFlag(f) => {
                    out.insert(f.clone());
                }
                Effect::Exfiltrate(_) => {
                    out.insert("data-exfiltrated".to_string());
                    out.insert("personal-data-breach".to_string());
                }
                _ => {}
            }
        }
    }
    out
}

/// True when a condition reads ground truth the team cannot see.
fn reads_truth(c: &Condition, flags: &BTreeSet<String>) -> bool {
    let mut truth = false;
    c.walk(&mut |c| {
        truth |= match c {
            Condition::Reached(_) | Condition::Compromised(_) | Condition::Halted(_) => true,
            Condition::Flag(f) => flags.contains(f),
            _ => false,
        };
    });
    truth
}

/// Score sources (`expect:…`, `rule:…`, `clock:…`) whose lines may read ground truth.
fn truth_sources(b: &Bundle) -> BTreeSet<String> {
    let flags = attacker_flags(b);
    let mut out = BTreeSet::new();
    for e in &b.scenario.expectations {
        let when = match &e.after {
            Activation::When(c) => reads_truth(c, &flags),
            _ => false,
        };
        if when
            || reads_truth(&e.done_when, &flags)
            || e.fail_when.as_ref().is_some_and(|c| reads_truth(c, &flags))
        {
            out.insert(format!("expect:{}", e.id));
        }
    }
    for r in &b.scenario.rules {
        if reads_truth(&r.when, &flags) {
            out.insert(format!("rule:{}", r.id));
        }
    }
    for r in &b.regimes {
        for c in &r.clocks {
            if reads_truth(&c.starts_when, &flags) {
                out.insert(format!("clock:{}/{}", r.id, c.id));
            }
        }
    }
    out
}

/// Impact the events of undetected stages added, up to a turn, read from the turn reports.
fn hidden_impact(b: &Bundle, truth: &Snapshot, reports: &[TurnReport], upto: u32) -> f64 {
    let hidden: BTreeSet<&str> = truth
        .stages
        .iter()
        .filter(|s| s.known.is_none())
        .map(|s| s.id.as_str())
        .collect();
    let mut sum = 0.0;
    for r in reports.iter().filter(|r| r.turn <= upto) {
        for e in &r.event_lines(b) {
            let Some(rest) = e.strip_prefix("stage:") else {
                continue;
            };
            let Some((stage, what)) = rest.split_once(": ") else {
                continue;
            };
            if !hidden.contains(stage) {
                continue;
            }
            if let Some(amount) = what
                .strip_prefix("impact ")
                .and_then(|x| x.split(' ').next())
                .and_then(|x| x.parse::<f64>().ok())
            {
                sum += amount;
            } else if let Some(name) = what.strip_suffix(" exfiltrated") {
                sum += b
                    .org
                    .data
                    .iter()
                    .find(|d| d.name == name)
                    .map_or(0.0, |d| d.breach_impact);
            }
        }
    }
    sum
}

/// Every key of a JSON value, recursively.
fn keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                keys(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

const TRUTH_KEYS: [&str; 6] = [
    "compromised",
    "reached",
    "halted",
    "roll",
    "modifiers",
    "base",
];

/// Checks one piece of what the team gets (a view or a turn) against the truth.
fn no_truth_in(json: &Value, truth: &Snapshot, what: &str) -> Result<(), TestCaseError> {
    let mut k = BTreeSet::new();
    keys(json, &mut k);
    for t in TRUTH_KEYS {
        prop_assert!(!k.contains(t), "{what} has a `{t}` field");
    }
    let text = json.to_string();
    for s in truth.stages.iter().filter(|s| s.known.is_none()) {
        prop_assert!(
            !text.contains(&s.title),
            "{what} names undetected stage `{}` by its title: {text}",
            s.id
        );
        prop_assert!(
            !text.contains(&format!("stage:{}:", s.id)),
            "{what} carries an event of undetected stage `{}`",
            s.id
        );
    }
    prop_assert!(!text.contains("(roll "), "{what} tells a roll");
    Ok(())
}

fn check_view(
    b: &Bundle,
    v: &TeamView,
    truth: &Snapshot,
    lines: &[kunren::scoring::ScoreLine],
    overrides: &[kunren::scoring::ScoreOverride],
    reports: &[TurnReport],
) -> Result<(), TestCaseError> {
    let known: BTreeSet<&str> = truth
        .stages
        .iter()
        .filter(|s| s.known.is_some())
        .map(|s| s.id.as_str())
        .collect();
    for s in &v.stages {
        prop_assert!(known.contains(s.id.as_str()), "undetected stage {}", s.id);
    }
    for a in &v.actions {
        for s in &a.affects {
            prop_assert!(
                known.contains(s.as_str()),
                "{} affects undetected {s}",
                a.id
            );
        }
    }
    prop_assert_eq!(v.assets.len(), truth.assets.len());
    for (t, a) in v.assets.iter().zip(&truth.assets) {
        prop_assert_eq!(&t.id, &a.id);
        prop_assert_eq!(
            t.known_compromised,
            a.known_compromised,
            "asset {} shows a compromise the team does not know",
            a.id
        );
    }
    // Impact: never what undetected stages added; exactly the rest.
    let hidden = hidden_impact(b, truth, reports, u32::MAX);
    prop_assert!(
        v.score.impact <= truth.impact_total - hidden + 1e-6,
        "team impact {} includes undetected impact (truth {}, hidden {hidden})",
        v.score.impact,
        truth.impact_total
    );
    prop_assert!((v.score.impact - (truth.impact_total - hidden).max(0.0)).abs() < 1e-6);
    // Score: the lines of sources that read no ground truth, and nothing else.
    let truth_src = truth_sources(b);
    let expected: Vec<u32> = lines
        .iter()
        .filter(|l| !truth_src.contains(&l.source))
        .map(|l| l.line)
        .collect();
    let shown: Vec<u32> = v.score.lines.iter().map(|l| l.line.line).collect();
    prop_assert_eq!(&shown, &expected, "team score lines");
    let total: i32 = lines
        .iter()
        .filter(|l| !truth_src.contains(&l.source))
        .map(|l| kunren::scoring::effective_points(l, overrides))
        .sum();
    prop_assert_eq!(v.score.total, total);
    no_truth_in(&serde_json::to_value(v).expect("json"), truth, "team view")
}

fn check_turn(
    b: &Bundle,
    t: &TeamTurn,
    r: &TurnReport,
    truth: &Snapshot,
    reports: &[TurnReport],
) -> Result<(), TestCaseError> {
    let hidden = hidden_impact(b, truth, reports, r.turn);
    prop_assert!(
        t.impact <= r.impact_total - hidden + 1e-6,
        "turn {} impact {} includes undetected impact (truth {}, hidden {hidden})",
        r.turn,
        t.impact,
        r.impact_total
    );
    let truth_src = truth_sources(b);
    for l in &t.lines {
        prop_assert!(!truth_src.contains(&l.source), "turn line {}", l.source);
    }
    // The events as the team's screens word them, in both languages, beside the typed ones.
    let mut json = serde_json::to_value(t).expect("json");
    let labels = kunren::engine::event::LogLabels(b);
    for (key, lang) in [
        ("events_en", kunren::i18n::Lang::En),
        ("events_ja", kunren::i18n::Lang::Ja),
    ] {
        let lines: Vec<String> = t.events.iter().map(|e| e.text(lang, &labels)).collect();
        json[key] = lines.into();
    }
    no_truth_in(&json, truth, &format!("turn {}", r.turn))
}

/// Checks every view the team can get now.
fn check_all(
    drill: &mut Drill,
    b: &Bundle,
    reports: &[TurnReport],
    role: &str,
) -> Result<(), TestCaseError> {
    let control = drill.control_view();
    let truth = &control.snapshot;
    let lines = &control.summary.score_lines;
    let overrides = &control.summary.overrides;
    let team = drill.team_view(None);
    prop_assert_eq!(&team, &control.team);
    check_view(b, &team, truth, lines, overrides, reports)?;
    let seat = drill.team_view(Some(role));
    check_view(b, &seat, truth, lines, overrides, reports)?;
    for i in seat.injects.iter().chain(&seat.earlier) {
        prop_assert!(i.to.is_empty() || i.to.iter().any(|r| r == role));
    }
    for r in reports {
        let t = drill.team_turn(r);
        check_turn(b, &t, r, truth, reports)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_team_never_sees_what_it_has_not_detected(
        scenario in 0usize..SCENARIOS.len(),
        seed in any::<u64>(),
        player in any::<u64>(),
    ) {
        let b = bundles()[scenario].clone();
        let mut drill = Drill::start(b.clone(), seed, &DrillMeta::default(), None, None)
            .expect("drill starts");
        let mut policy = RandomPolicy::new(player);
        let mut rng = ChaCha8Rng::seed_from_u64(player);
        let roles: Vec<String> = b.org.roles.iter().map(|r| r.id.clone()).collect();
        let mut reports: Vec<TurnReport> = Vec::new();
        while !drill.engine().is_over() {
            let role = &roles[rng.random_range(0..roles.len())];
            check_all(&mut drill, &b, &reports, role)?;
            // Most turns the random player acts; some turns nobody does.
            if rng.random_range(0..4) > 0 {
                policy.play(drill.engine()).expect("the random player never fails");
            }
            // Now and then the facilitator fires an inject from the MSEL.
            if rng.random_range(0..5) == 0 {
                let i = &b.scenario.injects[rng.random_range(0..b.scenario.injects.len())];
                let _ = drill.fire_inject(&i.id);
                check_all(&mut drill, &b, &reports, role)?;
            }
            reports.push(drill.end_turn().expect("turn ends"));
        }
        let role = &roles[rng.random_range(0..roles.len())];
        check_all(&mut drill, &b, &reports, role)?;
    }
}
