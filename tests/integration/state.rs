//! State changes in the journal: recorded per phase, replayed exactly, and used by the report
//! to time the reference response.

use std::sync::Arc;

use kunren::journal::{RecordKind, read_journal};
use kunren::scenario::load::load_bundle;
use kunren::session::{Drill, DrillMeta, Replayer};

#[test]
fn facilitator_injects_record_their_state_changes_and_replay_matches() {
    let (bundle, _) = load_bundle("tests/fixtures/valid/mini-scenario.ron", None).expect("fixture");
    let bundle = Arc::new(bundle);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let meta = DrillMeta {
        facilitator: "Sato".into(),
        mode: "test".into(),
        ..DrillMeta::default()
    };
    let mut drill = Drill::start(bundle.clone(), 3, &meta, Some(&path), None).expect("start");
    drill.fire_inject("edr-alert").expect("fire"); // sets flag alert-raised
    drill
        .submit("isolate-host", Some("laptop-1"), "it-ops")
        .expect("isolate");
    while !drill.engine().is_over() {
        drill.end_turn().expect("turn");
    }
    drill.close("").expect("seal");

    let j = read_journal(&path).expect("journal");
    let states: Vec<_> = j
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::StateChanged)
        .collect();
    let by_facilitator = states
        .iter()
        .find(|r| r.body["phase"] == "facilitator")
        .expect("a facilitator-phase state change");
    assert_eq!(by_facilitator.body["changes"][0]["kind"], "flag_set");
    assert_eq!(by_facilitator.body["changes"][0]["flag"], "alert-raised");
    let isolated = states.iter().any(|r| {
        r.body["phase"] == "resolve"
            && r.body["changes"].as_array().is_some_and(|c| {
                c.iter()
                    .any(|x| x["asset"] == "laptop-1" && x["isolated"] == true)
            })
    });
    assert!(isolated, "the isolation is recorded when the turn resolves");

    let mut replay = Replayer::new(bundle, j.header.seed);
    for r in &j.records {
        replay.feed(r).expect("replay matches");
    }
    assert!(replay.compared > 0);
}

#[test]
fn the_report_times_every_reference_step_of_the_default_drill() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("j.jsonl");
    let md = dir.path().join("r.md");
    let kunren = env!("CARGO_BIN_EXE_kunren");
    let run = std::process::Command::new(kunren)
        .args(["run", "--policy", "expert", "--seed", "1", "--journal"])
        .arg(&journal)
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(0));
    let rep = std::process::Command::new(kunren)
        .arg("report")
        .arg(&journal)
        .arg("-o")
        .arg(&md)
        .output()
        .expect("report");
    assert_eq!(
        rep.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&rep.stderr)
    );
    let text = std::fs::read_to_string(&md).expect("read");
    assert!(
        !text.contains("not assessable"),
        "every step's timing is decided from the journal"
    );
    // The ransom-free expert takes the enclave decision the turn it is asked.
    let row = text
        .lines()
        .find(|l| l.contains("choose `isolate-enclave`"))
        .expect("the enclave decision step");
    assert!(row.contains("on time"), "{row}");
}
