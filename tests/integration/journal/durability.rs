//! Locking, storage failures, torn tails and resuming.

use std::fs;
use std::path::{Path, PathBuf};

use kunren::journal::{
    Actor, CloseStatus, FaultPlan, JournalError, JournalWriter, RecordKind, RecoveredBody,
    read_journal, sha256_hex, verify,
};
use serde_json::json;

use super::common::{
    check, header, line_spans, lines, options, play_turn, resume_options, test_key, write_drill,
};

fn torn_path(path: &Path, n: u32) -> PathBuf {
    PathBuf::from(format!("{}.torn-{n}", path.display()))
}

fn note(w: &mut JournalWriter, n: u32) -> Result<u64, JournalError> {
    w.append(
        1,
        RecordKind::FacilitatorNote,
        &Actor::facilitator("Sato Hanako"),
        json!({"text": format!("note {n}: the SOC escalated to the CISO")}),
    )
}

#[test]
fn a_second_writer_gets_locked_and_create_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let mut w = JournalWriter::create_with(&path, header("d"), None, options(4)).unwrap();
    play_turn(&mut w, 1);
    let err = JournalWriter::resume(&path, None).unwrap_err();
    assert!(matches!(err, JournalError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("another kunren session"), "{err}");
    let err = JournalWriter::create(&path, header("d"), None).unwrap_err();
    assert!(matches!(err, JournalError::AlreadyExists { .. }), "{err}");
    // Verification is read-only and works while the drill runs.
    assert_eq!(verify(&path, None, None).exit_code, 1);
    drop(w);
    let (w, _) = JournalWriter::resume(&path, None).unwrap();
    w.seal(CloseStatus::Completed, "").unwrap();
    assert_eq!(verify(&path, None, None).exit_code, 0);
}

#[test]
fn a_full_disk_leaves_no_partial_line_and_the_journal_resumes() {
    let dir = tempfile::tempdir().unwrap();
    // Reference run without faults to know where the lines end.
    let reference = dir.path().join("ref.jsonl");
    {
        let mut w = JournalWriter::create_with(&reference, header("d"), None, options(3)).unwrap();
        for n in 0..8 {
            note(&mut w, n).unwrap();
        }
    }
    let full = fs::read(&reference).unwrap();
    let spans = line_spans(&full);
    let header_end = spans[0].1 as u64;
    for (i, limit) in (header_end..full.len() as u64).step_by(37).enumerate() {
        let path = dir.path().join(format!("full-{i}.jsonl"));
        let opts = options(3).faults(FaultPlan {
            disk_full_at: Some(limit),
            fail_sync_after: None,
        });
        let mut w = JournalWriter::create_with(&path, header("d"), None, opts).unwrap();
        let mut acknowledged = 0;
        let err = loop {
            match note(&mut w, acknowledged) {
                Ok(_) => acknowledged += 1,
                Err(e) => break e,
            }
        };
        match &err {
            JournalError::WriteFailed {
                source,
                tail_removed,
                ..
            } => {
                assert_eq!(source.kind(), std::io::ErrorKind::StorageFull);
                assert!(*tail_removed);
            }
            other => panic!("unexpected error {other}"),
        }
        assert!(matches!(
            note(&mut w, 99),
            Err(JournalError::Poisoned { .. })
        ));
        assert!(matches!(w.checkpoint(), Err(JournalError::Poisoned { .. })));
        assert!(w.is_poisoned());
        let sealed = w.seal(CloseStatus::Aborted, "disk full");
        assert!(matches!(sealed, Err(JournalError::Poisoned { .. })));
        let bytes = fs::read(&path).unwrap();
        assert!(bytes.ends_with(b"\n"), "limit {limit}: partial line left");
        assert!(bytes.len() as u64 <= limit);
        assert_eq!(bytes, full[..bytes.len()], "limit {limit}");
        assert_eq!(check(&bytes).exit_code, 1);
        assert!(check(&bytes).torn_tail.is_none());
        // Every acknowledged note is there.
        let contents = read_journal(&path).unwrap();
        let notes = contents
            .records
            .iter()
            .filter(|r| r.kind == RecordKind::FacilitatorNote)
            .count();
        assert_eq!(notes, acknowledged as usize);
        // With space again, the drill continues and can be sealed.
        let (mut w, info) = JournalWriter::resume_with(&path, None, resume_options(3, 1)).unwrap();
        assert_eq!(info.recovered.bytes_moved, 0);
        note(&mut w, 100).unwrap();
        w.seal(CloseStatus::Completed, "").unwrap();
        assert_eq!(verify(&path, None, None).exit_code, 0);
    }
}

#[test]
fn a_disk_too_full_for_the_header_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let opts = options(3).faults(FaultPlan {
        disk_full_at: Some(100),
        fail_sync_after: None,
    });
    let err = JournalWriter::create_with(&path, header("d"), None, opts).unwrap_err();
    assert!(matches!(err, JournalError::WriteFailed { .. }), "{err}");
    assert!(!path.exists());
}

#[test]
fn an_fsync_failure_poisons_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let opts = options(100).faults(FaultPlan {
        disk_full_at: None,
        fail_sync_after: Some(4),
    });
    let mut w = JournalWriter::create_with(&path, header("d"), None, opts).unwrap();
    for n in 0..3 {
        note(&mut w, n).unwrap();
    }
    let err = note(&mut w, 3).unwrap_err();
    assert!(matches!(err, JournalError::WriteFailed { .. }), "{err}");
    assert!(err.to_string().contains("must stop"), "{err}");
    let err = note(&mut w, 4).unwrap_err();
    match &err {
        JournalError::Poisoned { cause, .. } => {
            assert!(cause.to_string().contains("simulated fsync failure"));
        }
        other => panic!("unexpected {other}"),
    }
    drop(w);
    let contents = read_journal(&path).unwrap();
    assert_eq!(contents.records.len(), 4, "header + 3 acknowledged notes");
    assert_eq!(verify(&path, None, None).exit_code, 1);
}

#[test]
fn resume_moves_a_torn_tail_aside_and_records_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    write_drill(&path, None, 1, 4, false);
    let clean = fs::read(&path).unwrap();
    // A partial record, as left by a crash in the middle of a write.
    let torn = br#"{"v":1,"seq":9,"ts":"2025-01-31T00:00:09.000Z","turn":1,"kind":"facil"#;
    fs::write(&path, [clean.as_slice(), torn].concat()).unwrap();
    assert_eq!(verify(&path, None, None).exit_code, 1);

    let (mut w, info) = JournalWriter::resume_with(&path, None, resume_options(4, 1)).unwrap();
    let tail = info.torn_tail.clone().unwrap();
    assert_eq!(tail.offset, clean.len() as u64);
    assert_eq!(tail.bytes, torn.len() as u64);
    assert_eq!(fs::read(torn_path(&path, 1)).unwrap(), torn);
    assert_eq!(
        info.recovered,
        RecoveredBody {
            bytes_moved: torn.len() as u64,
            sha256: sha256_hex(torn),
            side_file: Some("j.jsonl.torn-1".into()),
        }
    );
    let last = info.records.last().unwrap();
    assert_eq!(last.kind, RecordKind::Recovered);
    assert_eq!(last.body_as::<RecoveredBody>().unwrap(), info.recovered);
    assert_eq!(info.header, read_journal(&path).unwrap().header);
    assert_eq!(info.records, read_journal(&path).unwrap().records);
    assert_eq!(info.last_turn, 1);
    play_turn(&mut w, 2);
    drop(w);

    // Zero fill (another kind of torn tail) goes to the next side file.
    let mut bytes = fs::read(&path).unwrap();
    let before = bytes.len();
    bytes.extend_from_slice(&[0u8; 512]);
    fs::write(&path, &bytes).unwrap();
    let (w, info) = JournalWriter::resume_with(&path, None, resume_options(4, 2)).unwrap();
    assert_eq!(info.torn_tail.unwrap().offset, before as u64);
    assert_eq!(fs::read(torn_path(&path, 2)).unwrap(), vec![0u8; 512]);
    w.seal(CloseStatus::Completed, "").unwrap();
    assert_eq!(verify(&path, None, None).exit_code, 0);
    assert_eq!(
        fs::read(torn_path(&path, 1)).unwrap(),
        torn,
        "side files are kept"
    );
}

#[test]
fn resume_after_truncation_at_any_offset_of_the_last_three_lines() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("orig.jsonl");
    write_drill(&original, None, 1, 4, true);
    let bytes = fs::read(&original).unwrap();
    let spans = line_spans(&bytes);
    let closed_end = spans[spans.len() - 2].1;
    let from = spans[spans.len() - 3].0;
    for (i, cut) in (from..bytes.len()).enumerate() {
        let path = dir.path().join(format!("cut-{i}.jsonl"));
        fs::write(&path, &bytes[..cut]).unwrap();
        let torn = !spans.iter().any(|&(_, e)| e == cut);
        if cut >= closed_end {
            // drill_closed survived: the drill can only be sealed.
            let err = JournalWriter::resume(&path, None).unwrap_err();
            assert!(
                matches!(err, JournalError::ClosedNotSealed { .. }),
                "cut {cut}: {err}"
            );
            JournalWriter::complete_seal(&path, None, resume_options(4, 1)).unwrap();
        } else {
            let (w, info) = JournalWriter::resume_with(&path, None, resume_options(4, 1)).unwrap();
            assert_eq!(info.torn_tail.is_some(), torn, "cut {cut}");
            assert_eq!(check(&fs::read(&path).unwrap()).exit_code, 1);
            w.seal(CloseStatus::Completed, "").unwrap();
        }
        let r = verify(&path, None, None);
        assert_eq!(r.exit_code, 0, "cut {cut}: {}", r.render_text());
        assert_eq!(torn_path(&path, 1).exists(), torn, "cut {cut}");
    }
}

#[test]
fn resume_refuses_damage_in_the_middle_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    write_drill(&path, None, 2, 4, false);
    let mut bytes = fs::read(&path).unwrap();
    let spans = line_spans(&bytes);
    bytes[spans[3].0 + 30] ^= 0x01;
    fs::write(&path, &bytes).unwrap();
    let err = JournalWriter::resume(&path, None).unwrap_err();
    match &err {
        JournalError::Corrupt { line, .. } => assert!(*line == 4 || *line == 5, "{err}"),
        other => panic!("unexpected {other}"),
    }
    assert!(err.to_string().contains("was not modified"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!torn_path(&path, 1).exists());
    assert!(matches!(
        read_journal(&path),
        Err(JournalError::Corrupt { .. })
    ));
}

#[test]
fn resume_refuses_a_sealed_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    write_drill(&path, None, 1, 4, true);
    let before = fs::read(&path).unwrap();
    let err = JournalWriter::resume(&path, None).unwrap_err();
    assert!(matches!(err, JournalError::Sealed { .. }), "{err}");
    let err = JournalWriter::complete_seal(&path, None, options(4)).unwrap_err();
    assert!(matches!(err, JournalError::Sealed { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn complete_seal_refuses_an_open_drill() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    write_drill(&path, None, 1, 4, false);
    let err = JournalWriter::complete_seal(&path, None, options(4)).unwrap_err();
    assert!(matches!(err, JournalError::NotClosed { .. }), "{err}");
}

#[test]
fn resume_checks_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let signed = dir.path().join("signed.jsonl");
    write_drill(&signed, Some(test_key()), 1, 4, false);
    let err = JournalWriter::resume(&signed, None).unwrap_err();
    assert!(matches!(err, JournalError::KeyRequired { .. }), "{err}");
    let other = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
    let err = JournalWriter::resume(&signed, Some(other)).unwrap_err();
    assert!(matches!(err, JournalError::KeyMismatch { .. }), "{err}");
    let (w, _) = JournalWriter::resume(&signed, Some(test_key())).unwrap();
    w.seal(CloseStatus::Completed, "").unwrap();
    let pk = test_key().verifying_key();
    assert_eq!(verify(&signed, Some(&pk), None).exit_code, 0);

    let unsigned = dir.path().join("unsigned.jsonl");
    write_drill(&unsigned, None, 1, 4, false);
    let err = JournalWriter::resume(&unsigned, Some(test_key())).unwrap_err();
    assert!(matches!(err, JournalError::KeyMismatch { .. }), "{err}");
}

#[test]
fn append_refuses_invalid_records_without_poisoning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let mut w = JournalWriter::create_with(&path, header("d"), None, options(4)).unwrap();
    let e = Actor::Engine;
    for kind in [
        RecordKind::DrillOpened,
        RecordKind::Checkpoint,
        RecordKind::Recovered,
        RecordKind::DrillClosed,
    ] {
        let err = w.append(0, kind, &e, json!({})).unwrap_err();
        assert!(matches!(err, JournalError::InvalidRecord(_)), "{err}");
    }
    let err = w.append(0, RecordKind::Paused, &e, json!([1])).unwrap_err();
    assert!(matches!(err, JournalError::InvalidRecord(_)));
    let err = w
        .append(0, RecordKind::Paused, &Actor::role(""), json!({}))
        .unwrap_err();
    assert!(matches!(err, JournalError::InvalidRecord(_)));
    assert!(!w.is_poisoned());
    assert_eq!(w.append(0, RecordKind::Paused, &e, json!({})).unwrap(), 1);
    assert_eq!(w.next_seq(), 2);
}

#[test]
fn checkpoints_come_every_n_records_and_cover_everything_before_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let seal = write_drill(&path, Some(test_key()), 3, 5, true).unwrap();
    let contents = read_journal(&path).unwrap();
    let kinds: Vec<RecordKind> = contents.records.iter().map(|r| r.kind).collect();
    let mut since = 0;
    for kind in &kinds {
        if *kind == RecordKind::Checkpoint {
            since = 0;
        } else {
            since += 1;
            assert!(since <= 5, "{kinds:?}");
        }
    }
    assert_eq!(kinds.last(), Some(&RecordKind::Checkpoint));
    assert_eq!(kinds[kinds.len() - 2], RecordKind::DrillClosed);
    assert_eq!(contents.merkle_root, seal.anchor.root);
    assert!(contents.sealed);
    assert_eq!(contents.closed, Some(CloseStatus::Completed));
    assert_eq!(seal.key_id.as_deref(), contents.header.pubkey_id.as_deref());
    assert_eq!(lines(&fs::read(&path).unwrap()).len() as u64, seal.records);
}
