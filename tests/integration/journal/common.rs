//! Shared helpers: headers, keys, deterministic clocks, sample drills, line surgery.

use std::path::Path;

use ed25519_dalek::SigningKey;
use kunren::journal::{
    Actor, CloseStatus, Header, JournalWriter, Participant, RecordKind, SealInfo, Verification,
    WriterOptions, verify_bytes,
};
use serde_json::{Value, json};
use time::macros::datetime;

/// A header with fixed contents.
pub fn header(drill_id: &str) -> Header {
    Header {
        kunren_version: "0.1.0".into(),
        drill_id: drill_id.into(),
        drill_title: "Annual IR drill".into(),
        scenario_id: "ransomware-01".into(),
        scenario_title: "Ransomware on the file server".into(),
        scenario_sha256: "1f".repeat(32),
        scenario_path: "scenarios/ransomware-01.ron".into(),
        org_id: "acme".into(),
        org_name: "ACME Precision KK".into(),
        org_sha256: "2e".repeat(32),
        org_path: "orgs/acme.ron".into(),
        seed: 20_250_131,
        facilitator: "Sato Hanako".into(),
        participants: vec![
            Participant {
                name: "Tanaka Ichiro".into(),
                role: "soc".into(),
            },
            Participant {
                name: "Suzuki Yui".into(),
                role: "ciso".into(),
            },
        ],
        timezone: "Asia/Tokyo".into(),
        language: "ja".into(),
        pubkey_id: None,
        extra: json!({"objectives": ["contain within 2 turns"]}),
    }
}

/// A fixed signing key (never use outside tests).
pub fn test_key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

/// Deterministic options: a checkpoint every `every` records and a clock ticking 1 s.
pub fn options(every: u64) -> WriterOptions {
    WriterOptions::new().checkpoint_every(every).fixed_clock(
        datetime!(2025-01-31 00:00:00 UTC),
        time::Duration::seconds(1),
    )
}

/// Options for resuming a journal written with [`options`]: the same, with a clock that starts
/// `hours` later, since a journal's times never go back (`verify` refuses `ts_decreased`).
pub fn resume_options(every: u64, hours: i64) -> WriterOptions {
    WriterOptions::new().checkpoint_every(every).fixed_clock(
        datetime!(2025-01-31 00:00:00 UTC) + time::Duration::hours(hours),
        time::Duration::seconds(1),
    )
}

/// Appends one turn's worth of typical records.
pub fn play_turn(w: &mut JournalWriter, turn: u32) {
    let soc = Actor::role("soc");
    let records: [(RecordKind, Actor, Value); 6] = [
        (
            RecordKind::TurnStarted,
            Actor::Engine,
            json!({"turn": turn}),
        ),
        (
            RecordKind::InjectDelivered,
            Actor::Engine,
            json!({"inject": format!("inj-{turn}"), "text": "EDR alert on FS01"}),
        ),
        (
            RecordKind::ActionSubmitted,
            soc.clone(),
            json!({"participant": "Tanaka Ichiro", "action": "isolate_host", "target": "fs01"}),
        ),
        (
            RecordKind::AttackerStep,
            Actor::Engine,
            json!({"stage": "lateral_movement", "chance": 0.35, "roll": 0.81, "outcome": "blocked"}),
        ),
        (
            RecordKind::ScoreLine,
            Actor::Engine,
            json!({"item": "containment", "points": 10, "max": 10}),
        ),
        (RecordKind::TurnEnded, Actor::Engine, json!({"turn": turn})),
    ];
    for (kind, actor, body) in records {
        w.append(turn, kind, &actor, body).expect("append");
    }
}

/// Writes a drill of `turns` turns; seals it when `seal` is true.
pub fn write_drill(
    path: &Path,
    key: Option<SigningKey>,
    turns: u32,
    every: u64,
    seal: bool,
) -> Option<SealInfo> {
    let mut w = JournalWriter::create_with(path, header("drill-test"), key, options(every))
        .expect("create");
    for turn in 1..=turns {
        play_turn(&mut w, turn);
    }
    seal.then(|| {
        w.seal(CloseStatus::Completed, "end of scenario")
            .expect("seal")
    })
}

/// Bytes of a freshly written drill.
pub fn drill_bytes(key: Option<SigningKey>, turns: u32, every: u64, seal: bool) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    write_drill(&path, key, turns, every, seal);
    std::fs::read(&path).expect("read")
}

/// `(start, end)` of every line, `end` just after its newline.
pub fn line_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            spans.push((start, i + 1));
            start = i + 1;
        }
    }
    spans
}

/// The lines of a journal, each with its newline.
pub fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    line_spans(bytes)
        .into_iter()
        .map(|(s, e)| bytes[s..e].to_vec())
        .collect()
}

/// Verifies in memory without key or anchor.
pub fn check(bytes: &[u8]) -> Verification {
    verify_bytes(bytes, None, None)
}
