//! The committed golden journal must keep verifying, and the writer must keep producing it
//! byte for byte (set `KUNREN_BLESS_GOLDEN=1` to regenerate it after a deliberate change).

use std::fs;
use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;
use kunren::journal::{
    Actor, Anchor, CloseStatus, JournalWriter, RecordKind, SignatureStatus, WriterOptions,
    load_verifying_key, public_key_path, read_journal, verify,
};
use serde_json::json;
use time::macros::datetime;

use super::common::header;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/journal")
        .join(name)
}

/// The golden journal's signing key: a fixed test seed, not a secret.
fn golden_key() -> SigningKey {
    SigningKey::from_bytes(&[0x6b; 32])
}

fn clock_from(start: time::OffsetDateTime) -> WriterOptions {
    WriterOptions::new()
        .checkpoint_every(8)
        .fixed_clock(start, time::Duration::milliseconds(1500))
}

/// Writes a complete drill using every record kind, with one crash and recovery.
fn write_golden(path: &Path) -> kunren::journal::SealInfo {
    let mut h = header("2025-annual-acme");
    h.extra = json!({"objectives": ["Contain ransomware within two turns"],
                     "reference_response": ["isolate_host", "notify_ciso"]});
    let fac = Actor::facilitator("Sato Hanako");
    let soc = Actor::role("soc");
    let ciso = Actor::role("ciso");
    let e = Actor::Engine;
    let mut w = JournalWriter::create_with(
        path,
        h,
        Some(golden_key()),
        clock_from(datetime!(2025-01-31 00:00:00 UTC)),
    )
    .unwrap();
    let add = |w: &mut JournalWriter, turn, kind, actor: &Actor, body| {
        w.append(turn, kind, actor, body).unwrap();
    };
    add(&mut w, 1, RecordKind::TurnStarted, &e, json!({"turn": 1}));
    add(
        &mut w,
        1,
        RecordKind::InjectDelivered,
        &e,
        json!({"inject": "edr-alert", "text": "EDR: suspicious encryption on FS01"}),
    );
    add(
        &mut w,
        1,
        RecordKind::ClockStarted,
        &e,
        json!({"clock": "containment", "minutes": 60}),
    );
    add(
        &mut w,
        1,
        RecordKind::ActionSubmitted,
        &soc,
        json!({"participant": "Tanaka Ichiro", "role": "soc", "action": "isolate_host", "target": "fs01"}),
    );
    add(
        &mut w,
        1,
        RecordKind::DecisionMade,
        &ciso,
        json!({"decision": "activate_ir_plan"}),
    );
    add(
        &mut w,
        1,
        RecordKind::AttackerStep,
        &e,
        json!({"stage": "lateral_movement", "chance": 0.35, "roll": 0.81, "outcome": "blocked"}),
    );
    add(
        &mut w,
        1,
        RecordKind::Detection,
        &e,
        json!({"by": "soc", "what": "ransomware process"}),
    );
    add(
        &mut w,
        1,
        RecordKind::ClockMet,
        &e,
        json!({"clock": "containment", "after_minutes": 25}),
    );
    add(
        &mut w,
        1,
        RecordKind::ExpectationResolved,
        &e,
        json!({"expectation": "isolate within 1h", "met": true}),
    );
    add(
        &mut w,
        1,
        RecordKind::ScoreLine,
        &e,
        json!({"item": "containment", "points": 10, "max": 10}),
    );
    add(
        &mut w,
        1,
        RecordKind::FacilitatorNote,
        &fac,
        json!({"text": "ログ保全の判断が早かった"}),
    );
    add(&mut w, 1, RecordKind::TurnEnded, &e, json!({"turn": 1}));
    drop(w); // the session stops here ...
    // ... in the middle of writing a record.
    let mut bytes = fs::read(path).unwrap();
    bytes.extend_from_slice(br#"{"v":1,"seq":14,"ts":"2025-01-31T00:00:2"#);
    fs::write(path, &bytes).unwrap();
    let (mut w, _) = JournalWriter::resume_with(
        path,
        Some(golden_key()),
        clock_from(datetime!(2025-01-31 00:10:00 UTC)),
    )
    .unwrap();
    add(&mut w, 2, RecordKind::TurnStarted, &e, json!({"turn": 2}));
    add(
        &mut w,
        2,
        RecordKind::Paused,
        &fac,
        json!({"reason": "coffee"}),
    );
    add(&mut w, 2, RecordKind::Resumed, &fac, json!({}));
    add(
        &mut w,
        2,
        RecordKind::ClockStarted,
        &e,
        json!({"clock": "notify_regulator", "minutes": 30}),
    );
    add(
        &mut w,
        2,
        RecordKind::ClockMissed,
        &e,
        json!({"clock": "notify_regulator"}),
    );
    add(
        &mut w,
        2,
        RecordKind::ScoreOverride,
        &fac,
        json!({"item": "notification", "from": 0, "to": 5, "by": "Sato Hanako", "why": "partial notice given by phone"}),
    );
    add(&mut w, 2, RecordKind::TurnEnded, &e, json!({"turn": 2}));
    add(
        &mut w,
        2,
        RecordKind::HotwashStrength,
        &fac,
        json!({"text": "fast isolation"}),
    );
    add(
        &mut w,
        2,
        RecordKind::HotwashImprovementArea,
        &fac,
        json!({"text": "regulator notification"}),
    );
    add(
        &mut w,
        2,
        RecordKind::ImprovementItem,
        &fac,
        json!({"item": "notification runbook", "owner": "Suzuki Yui", "due": "2025-03-31"}),
    );
    add(
        &mut w,
        2,
        RecordKind::ExecutiveSignoff,
        &Actor::facilitator("Yamada Taro"),
        json!({"name": "Yamada Taro", "title": "CEO"}),
    );
    w.seal(CloseStatus::Completed, "scenario finished").unwrap()
}

#[test]
fn golden_journal_still_verifies() {
    let journal = fixture("golden.jsonl");
    let pubkey = load_verifying_key(&fixture("golden.key.pub")).unwrap();
    let r = verify(&journal, Some(&pubkey), Some(&fixture("golden.anchor")));
    assert_eq!(r.exit_code, 0, "{}", r.render_text());
    assert!(matches!(r.signature, SignatureStatus::Verified { .. }));
    assert_eq!(r.anchor.map(|a| a.matched), Some(true));
    let contents = read_journal(&journal).unwrap();
    assert_eq!(contents.header.drill_id, "2025-annual-acme");
    assert!(
        contents
            .records
            .iter()
            .any(|r| r.kind == RecordKind::Recovered)
    );
}

#[test]
fn the_writer_still_produces_the_golden_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("golden.jsonl");
    let seal = write_golden(&path);
    let produced = fs::read(&path).unwrap();
    let anchor_text = seal.anchor.to_file_text("final root of golden.jsonl");
    let pub_text = format!("{}\n", hex::encode(golden_key().verifying_key().as_bytes()));
    if std::env::var_os("KUNREN_BLESS_GOLDEN").is_some() {
        fs::create_dir_all(fixture("")).unwrap();
        fs::write(fixture("golden.jsonl"), &produced).unwrap();
        fs::write(fixture("golden.anchor"), &anchor_text).unwrap();
        fs::write(public_key_path(&fixture("golden.key")), &pub_text).unwrap();
        return;
    }
    let committed = fs::read(fixture("golden.jsonl")).unwrap();
    assert!(
        produced == committed,
        "the journal format changed; if that is deliberate, bump the format version and \
         regenerate with KUNREN_BLESS_GOLDEN=1"
    );
    assert_eq!(
        Anchor::read(&fixture("golden.anchor")).unwrap(),
        seal.anchor
    );
    assert_eq!(
        fs::read_to_string(fixture("golden.key.pub")).unwrap(),
        pub_text
    );
}
