//! The clock rule (`kunren::scoring::clock`) as the engine scores it: with 6-hour turns and a
//! 12-hour clock started by a declaration in turn 3, the deadline falls two turns later; filing
//! on time scores strictly more than filing one or two turns late, the later filing never more
//! than the earlier one, and the achievable points do not depend on when the team files.

use std::sync::Arc;

use kunren::engine::Engine;
use kunren::scenario::load::load_bundle;
use kunren::scenario::{Bundle, Regime, RegimeUse};
use kunren::scoring::clock::ClockVerdict;

/// The mini fixture with 6-hour turns, ten turns, no endings, an attacker that never succeeds,
/// and one 12-hour clock started by the declaration.
fn drill() -> Arc<Bundle> {
    let (mut b, _) =
        load_bundle("tests/fixtures/valid/mini-scenario.ron", None).expect("fixture loads");
    // The declaration needs no alert here.
    for a in &mut b.catalogue.actions {
        if a.id == "declare-incident" {
            a.requires = None;
        }
    }
    let sc = &mut b.scenario;
    sc.turn_minutes = 360;
    sc.max_turns = 10;
    sc.endings.clear();
    sc.expectations.clear();
    sc.rules.clear();
    for s in &mut sc.campaign {
        s.chance = 0.0;
    }
    sc.regimes = vec![RegimeUse {
        id: "test-12h".into(),
        objective: "report".into(),
        points: 10,
        missed_points: -10,
        hours: None,
        late_points: None,
        grace: None,
        regime: None,
    }];
    let regime: Regime = ron::from_str(
        r#"Regime(format: 1, id: "test-12h", name: "Test regime", authority: "Test authority",
            clocks: [Clock(id: "report", title: "Report", starts_when: Flag("incident-confirmed"),
                           hours: Some(12), met_by: ["notify-authority"])])"#,
    )
    .expect("test regime parses");
    b.regimes = vec![regime];
    Arc::new(b)
}

/// Declares in turn 3, files in `file_in`, plays to the end: (points of the clock line,
/// achievable points of the objective, verdict, deadline turn).
fn play(file_in: u32) -> (i32, i32, ClockVerdict, Option<u32>) {
    let mut e = Engine::new(drill(), 1);
    while !e.is_over() {
        let turn = e.turn();
        if turn == 3 {
            e.submit("declare-incident", None, "ciso").expect("declare");
        }
        if turn == file_in {
            e.submit("notify-authority", Some("test-12h"), "legal")
                .expect("file");
        }
        e.end_turn();
    }
    let s = e.summary();
    let lines: Vec<_> = s
        .score_lines
        .iter()
        .filter(|l| l.source == "clock:test-12h/report")
        .collect();
    assert_eq!(lines.len(), 1, "one score line per clock: {lines:?}");
    let report = s
        .objectives
        .iter()
        .find(|o| o.id == "report")
        .expect("objective");
    let clock = e.snapshot().clocks.into_iter().next().expect("clock");
    (
        lines[0].points,
        report.achievable,
        clock.verdict,
        clock.deadline_turn,
    )
}

#[test]
fn filing_late_never_scores_more_than_filing_on_time_or_earlier() {
    let on_time = play(5);
    let one_late = play(6);
    let two_late = play(7);
    assert_eq!(
        on_time.3,
        Some(5),
        "a 12 h clock from the end of turn 3 is due in turn 5"
    );
    assert_eq!(on_time.2, ClockVerdict::Met);
    assert!(
        matches!(one_late.2, ClockVerdict::Late | ClockVerdict::Missed),
        "{one_late:?}"
    );
    assert!(
        matches!(two_late.2, ClockVerdict::Late | ClockVerdict::Missed),
        "{two_late:?}"
    );
    assert!(on_time.0 > one_late.0 && on_time.0 > two_late.0);
    assert!(two_late.0 <= one_late.0);
    assert_eq!(on_time.1, one_late.1);
    assert_eq!(on_time.1, two_late.1);
}

#[test]
fn a_clock_due_after_the_last_turn_is_not_counted_unless_met() {
    // Declared in turn 10 of 10: the deadline (turn 12) falls after the drill.
    let mut e = Engine::new(drill(), 1);
    while !e.is_over() {
        if e.turn() == 10 {
            e.submit("declare-incident", None, "ciso").expect("declare");
        }
        e.end_turn();
    }
    let clock = e.snapshot().clocks.into_iter().next().expect("clock");
    assert_eq!(clock.verdict, ClockVerdict::DueAfterEnd);
    let s = e.summary();
    let line = s
        .score_lines
        .iter()
        .find(|l| l.source == "clock:test-12h/report")
        .expect("a line says why it is not counted");
    assert_eq!((line.points, line.max_points), (0, 0));
    assert!(
        line.reason.contains("due after the drill ends"),
        "{}",
        line.reason
    );
}
