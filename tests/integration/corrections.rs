//! Corrections without rewriting, names beside roles and practice hints, end to end through
//! the session, the journal, replay and the report (issue 10, items 6, 11 and 12).

use std::process::Command;
use std::sync::Arc;

use kunren::input::Input;
use kunren::journal::{Participant, RecordKind, read_journal};
use kunren::records::{Body, Correction};
use kunren::session::{Drill, DrillMeta, Replayer};

const FIXTURE: &str = "tests/fixtures/tui/scenario.ron";

fn meta() -> DrillMeta {
    DrillMeta {
        facilitator: "Mori".into(),
        participants: vec![
            Participant {
                name: "Aiko Sato".into(),
                role: "exec".into(),
            },
            Participant {
                name: "Ren Ito".into(),
                role: "soc".into(),
            },
        ],
        mode: "headless".into(),
        ..DrillMeta::default()
    }
}

fn bundle(hint_points: u32) -> Arc<kunren::scenario::Bundle> {
    let (mut b, _) = kunren::scenario::load_bundle(FIXTURE, None).expect("fixture loads");
    b.scenario.hint_points = hint_points;
    Arc::new(b)
}

fn seq_of(path: &std::path::Path, kind: RecordKind) -> u64 {
    read_journal(path)
        .expect("journal")
        .records
        .iter()
        .rev()
        .find(|r| r.kind == kind)
        .map(|r| r.seq)
        .expect("record")
}

#[test]
fn a_corrected_decision_keeps_its_effect_and_the_report_shows_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let mut d = Drill::start(bundle(0), 5, &meta(), Some(&path), None).expect("start");
    d.end_turn().expect("turn 1");
    d.decide("brief-board", "now", "exec").expect("decide");
    d.end_turn().expect("turn 2");
    let decision = seq_of(&path, RecordKind::DecisionMade);
    // Nothing to correct at a line that is not a decision, override, note or hotwash entry.
    let refused = d.apply(Input::Correct(Correction {
        seq: 0,
        reason: "x".into(),
        ..Correction::default()
    }));
    assert!(refused.is_err());
    let no_reason = d.apply(Input::Correct(Correction {
        seq: decision,
        ..Correction::default()
    }));
    assert!(no_reason.is_err(), "a correction needs a reason");
    d.apply(Input::Correct(Correction {
        by: "Aiko Sato".into(),
        reason: "the board asked to wait; pressed the wrong option".into(),
        seq: decision,
        ..Correction::default()
    }))
    .expect("corrected");
    assert!(
        d.apply(Input::Correct(Correction {
            reason: "again".into(),
            seq: decision,
            ..Correction::default()
        }))
        .is_err(),
        "corrected once only"
    );
    assert!(
        d.engine()
            .holds(&kunren::scenario::Condition::Flag("board-briefed".into())),
        "the decision took effect and keeps it"
    );
    d.end_turn().expect("turn 3");
    d.close("").expect("sealed");
    let m = kunren::report::load(&path).expect("report");
    assert_eq!(m.corrections.len(), 1);
    let c = &m.corrections[0];
    assert_eq!(
        (c.corrects, c.kind.as_str()),
        (decision + 1, "decision_made")
    );
    assert!(c.what.contains("brief-board"), "{}", c.what);
    assert!(m.checks.is_empty(), "{:?}", m.checks);
    let md = kunren::report::render(&m, kunren::report::Format::Md);
    assert!(md.contains("pressed the wrong option"), "the correction");
    assert!(md.contains("brief-board"), "the decision");
    // Names beside roles in the timeline: one participant plays each role.
    assert!(md.contains("Aiko Sato (exec)"), "{md}");
    // Replay gives the same outputs.
    let mut r = Replayer::new(bundle(0), 5);
    for rec in &read_journal(&path).expect("journal").records {
        r.feed(rec).expect("replays");
    }
}

#[test]
fn hints_cost_the_scenarios_points_as_a_hint_line_counted_in_no_objective() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let mut d = Drill::start(bundle(4), 5, &meta(), Some(&path), None).expect("start");
    let p = kunren::practice::Practice::new(["soc".to_string()]);
    let shown = p.hint(&mut d).expect("hint").expect("a step for the SOC");
    assert_eq!(shown.step.action.as_deref(), Some("triage-alert"));
    let report = d.end_turn().expect("turn 1");
    let hint = report
        .score_lines
        .iter()
        .find(|l| l.source == "hint")
        .expect("the hint's line");
    assert_eq!(
        (hint.points, hint.max_points, hint.objective.as_str()),
        (-4, 0, "")
    );
    assert_eq!(report.total, -4);
    let rs = read_journal(&path).expect("journal").records;
    let h = rs
        .iter()
        .find(|r| r.kind == RecordKind::HintShown)
        .expect("hint record");
    match Body::of(h).expect("body") {
        Body::Hint(b) => assert_eq!((b.step, b.points, b.role.as_str()), (0, 4, "soc")),
        other => panic!("{other:?}"),
    }
    d.close("").expect("sealed");
    let m = kunren::report::load(&path).expect("report");
    assert!(m.orphan_lines.is_empty(), "a hint line is not an orphan");
    assert!(m.checks.is_empty(), "{:?}", m.checks);
    let md = kunren::report::render(&m, kunren::report::Format::Md);
    assert!(md.contains("Practice hints cost 4 points"), "{md}");
}

#[test]
fn run_prints_names_beside_roles_when_the_script_names_people() {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args([
            "run",
            "scenarios/hospital-ransomware.ron",
            "--actions",
            "scenarios/examples/hospital-actions.ron",
            "--seed",
            "1",
        ])
        .output()
        .expect("kunren run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("action") && l.contains(") (SOC)")),
        "{text}"
    );
    let plain = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(["run", "--policy", "expert", "--seed", "1"])
        .output()
        .expect("kunren run");
    let plain = String::from_utf8_lossy(&plain.stdout);
    assert!(
        plain.lines().any(|l| l.starts_with("  action   soc ")),
        "without names the ids stay: {plain}"
    );
}
