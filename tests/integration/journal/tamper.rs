//! Damaged journals: `verify` must never say 0, and must say 1 or 2 as documented.

use std::path::Path;

use kunren::journal::{
    Anchor, DefectCode, SignatureStatus, VerifyOutcome, verify, verify_bytes, verify_files,
};
use proptest::prelude::*;

use super::common::{check, drill_bytes, line_spans, lines, test_key, write_drill};

#[test]
fn intact_journals_verify_with_exit_0() {
    let unsigned = drill_bytes(None, 2, 4, true);
    let r = check(&unsigned);
    assert_eq!(r.exit_code, 0, "{}", r.render_text());
    assert_eq!(r.signature, SignatureStatus::Unsigned);
    assert!(r.sealed);
    assert!(r.checkpoints >= 3);

    let signed = drill_bytes(Some(test_key()), 2, 4, true);
    let pk = test_key().verifying_key();
    let r = verify_bytes(&signed, Some(&pk), None);
    assert_eq!(r.exit_code, 0, "{}", r.render_text());
    assert!(matches!(r.signature, SignatureStatus::Verified { .. }));
    let r = check(&signed);
    assert_eq!(r.exit_code, 0);
    assert!(matches!(
        r.signature,
        SignatureStatus::SignedNoPubkey { .. }
    ));
}

#[test]
fn unsealed_journal_is_exit_1() {
    let bytes = drill_bytes(None, 1, 4, false);
    let r = check(&bytes);
    assert_eq!(r.outcome, VerifyOutcome::ValidUnsealed);
    assert!(r.torn_tail.is_none() && r.failure.is_none());
}

#[test]
fn truncation_at_every_offset_of_the_last_three_lines_is_exit_1() {
    let bytes = drill_bytes(None, 1, 4, true);
    let spans = line_spans(&bytes);
    let from = spans[spans.len() - 3].0;
    for cut in from..bytes.len() {
        let r = check(&bytes[..cut]);
        assert_eq!(r.exit_code, 1, "cut at {cut}: {}", r.render_text());
        let at_boundary = spans.iter().any(|&(_, e)| e == cut) || cut == from;
        assert_eq!(r.torn_tail.is_none(), at_boundary, "cut at {cut}");
    }
}

/// Flips bytes with several masks; returns how many variants were checked.
fn flip_all(
    bytes: &[u8],
    positions: impl Iterator<Item = usize>,
    verify: impl Fn(&[u8]) -> i32,
) -> usize {
    let spans = line_spans(bytes);
    // Everything before the newline of the second-to-last line is covered by the chain.
    let chained_end = spans[spans.len() - 2].1 - 1;
    let mut checked = 0;
    let mut copy = bytes.to_vec();
    for pos in positions {
        for mask in [0x01u8, 0x02, 0x20, 0x80] {
            copy[pos] ^= mask;
            let code = verify(&copy);
            copy[pos] ^= mask;
            checked += 1;
            assert!(
                code == 1 || code == 2,
                "flip {mask:#04x} at {pos}: exit {code}"
            );
            if pos < chained_end {
                assert_eq!(code, 2, "flip {mask:#04x} at {pos} inside the chain");
            }
        }
    }
    checked
}

#[test]
fn every_byte_flipped_never_verifies() {
    let bytes = drill_bytes(None, 1, 4, true);
    let checked = flip_all(&bytes, 0..bytes.len(), |b| check(b).exit_code);
    assert!(checked >= 2000, "only {checked} flips");
}

#[test]
fn signed_journal_flips_never_verify_with_or_without_pubkey() {
    let bytes = drill_bytes(Some(test_key()), 1, 4, true);
    let pk = test_key().verifying_key();
    let spans = line_spans(&bytes);
    let tail_start = spans[spans.len() - 2].0;
    // Every byte of the last two lines, and a deterministic sample of the rest.
    let mut positions: Vec<usize> = (tail_start..bytes.len()).collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..300 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        positions.push((x % tail_start as u64) as usize);
    }
    flip_all(&bytes, positions.iter().copied(), |b| {
        verify_bytes(b, Some(&pk), None).exit_code
    });
    flip_all(&bytes, positions.into_iter(), |b| check(b).exit_code);
}

#[test]
fn swapped_lines_are_exit_2() {
    let bytes = drill_bytes(None, 1, 4, true);
    let ls = lines(&bytes);
    for i in 0..ls.len() - 1 {
        let mut v = ls.clone();
        v.swap(i, i + 1);
        let r = check(&v.concat());
        assert_eq!(r.exit_code, 2, "swap {i}/{}: {}", i + 1, r.render_text());
    }
}

#[test]
fn a_deleted_middle_line_is_exit_2() {
    let bytes = drill_bytes(None, 1, 4, true);
    let ls = lines(&bytes);
    for i in 0..ls.len() - 1 {
        let mut v = ls.clone();
        v.remove(i);
        let r = check(&v.concat());
        assert_eq!(r.exit_code, 2, "delete line {}: {}", i + 1, r.render_text());
    }
}

#[test]
fn a_duplicated_line_is_exit_2() {
    let bytes = drill_bytes(None, 1, 4, true);
    let ls = lines(&bytes);
    for i in 0..ls.len() {
        let mut v = ls.clone();
        v.insert(i, ls[i].clone());
        let r = check(&v.concat());
        assert_eq!(
            r.exit_code,
            2,
            "duplicate line {}: {}",
            i + 1,
            r.render_text()
        );
    }
}

#[test]
fn deleting_the_tail_is_exit_1_and_the_anchor_turns_it_into_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let seal = write_drill(&path, None, 1, 4, true).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let ls = lines(&bytes);
    assert_eq!(seal.anchor.tree_size, ls.len() as u64);
    assert_eq!(seal.records, ls.len() as u64);
    assert_eq!(seal.file_sha256, kunren::journal::sha256_hex(&bytes));
    let intact = verify_bytes(&bytes, None, Some(&seal.anchor));
    assert_eq!(intact.exit_code, 0);
    assert_eq!(
        intact.merkle_root.as_deref(),
        Some(seal.anchor.root.as_str())
    );
    for keep in 1..ls.len() {
        let prefix = ls[..keep].concat();
        assert_eq!(check(&prefix).exit_code, 1, "keep {keep}");
        let r = verify_bytes(&prefix, None, Some(&seal.anchor));
        assert_eq!(r.exit_code, 2, "keep {keep}");
        assert_eq!(r.failure.unwrap().code, DefectCode::AnchorMismatch);
    }
    // An anchor of an earlier prefix still matches the intact journal.
    let early = verify_bytes(&ls[..5].concat(), None, None)
        .merkle_root
        .unwrap();
    let anchor = Anchor {
        tree_size: 5,
        root: early,
    };
    assert_eq!(verify_bytes(&bytes, None, Some(&anchor)).exit_code, 0);
    // Through the file API too.
    let anchor_file = dir.path().join("anchor.txt");
    std::fs::write(&anchor_file, seal.anchor.to_file_text("AAR 2025")).unwrap();
    assert_eq!(verify(&path, None, Some(&anchor_file)).exit_code, 0);
    std::fs::write(&path, ls[..ls.len() - 1].concat()).unwrap();
    assert_eq!(verify(&path, None, Some(&anchor_file)).exit_code, 2);
}

#[test]
fn keys_must_match_the_journal() {
    let signed = drill_bytes(Some(test_key()), 1, 4, true);
    let other = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]).verifying_key();
    let r = verify_bytes(&signed, Some(&other), None);
    assert_eq!(r.exit_code, 2);
    assert!(matches!(r.signature, SignatureStatus::Bad { .. }));
    let unsigned = drill_bytes(None, 1, 4, true);
    let r = verify_bytes(&unsigned, Some(&test_key().verifying_key()), None);
    assert_eq!(r.exit_code, 2);
    assert_eq!(r.failure.unwrap().code, DefectCode::UnsignedJournal);
}

#[test]
fn garbage_is_exit_2_and_zero_fill_after_valid_records_is_exit_1() {
    for junk in [
        &b""[..],
        b"\n",
        b"hello\n",
        b"\xff\xfe\n",
        b"{}\n",
        &[0u8; 4096],
    ] {
        assert_eq!(check(junk).exit_code, 2, "{junk:?}");
    }
    let mut bytes = drill_bytes(None, 1, 4, false);
    bytes.extend_from_slice(&[0u8; 4096]);
    let r = check(&bytes);
    assert_eq!(r.exit_code, 1);
    assert!(r.torn_tail.unwrap().reason.contains("zero fill"));
    let mut sealed = drill_bytes(None, 1, 4, true);
    sealed.extend_from_slice(&[0u8; 10]);
    assert_eq!(check(&sealed).exit_code, 2, "bytes after the seal");
}

#[test]
fn usage_and_io_errors_are_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.jsonl");
    let r = verify(&missing, None, None);
    assert_eq!(r.exit_code, 3);
    assert!(r.error.is_some());
    let path = dir.path().join("j.jsonl");
    write_drill(&path, None, 1, 4, true);
    let bad_anchor = dir.path().join("anchor.txt");
    std::fs::write(&bad_anchor, "not an anchor").unwrap();
    assert_eq!(verify(&path, None, Some(&bad_anchor)).exit_code, 3);
    let bad_key = dir.path().join("k.pub");
    std::fs::write(&bad_key, "zz").unwrap();
    assert_eq!(verify_files(&path, Some(&bad_key), None).exit_code, 3);
    assert_eq!(
        verify_files(&path, None, Some(Path::new("/nonexistent/a"))).exit_code,
        3
    );
    assert_eq!(verify_files(&path, None, None).exit_code, 0);
}

#[test]
fn reports_render_as_text_and_json() {
    let bytes = drill_bytes(None, 1, 4, true);
    let r = check(&bytes);
    let text = r.render_text();
    assert!(text.contains("VALID AND SEALED (exit 0)"), "{text}");
    assert!(text.contains(r.merkle_root.as_deref().unwrap()));
    let json: serde_json::Value = serde_json::from_str(&r.render_json()).unwrap();
    assert_eq!(json["exit_code"], 0);
    assert_eq!(json["outcome"], "valid_sealed");
    assert_eq!(json["signature"]["status"], "unsigned");

    let ls = lines(&bytes);
    let damaged = [ls[0].clone(), ls[2].clone()].concat();
    let r = check(&damaged);
    let json: serde_json::Value = serde_json::from_str(&r.render_json()).unwrap();
    assert_eq!(json["failure"]["line"], 2);
    assert_eq!(json["failure"]["code"], "seq_mismatch");
    assert!(r.render_text().contains("line 2:"));
}

/// One sealed unsigned journal shared by the property tests.
fn sealed_sample() -> &'static [u8] {
    static SAMPLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| drill_bytes(None, 1, 4, true))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_verify(data in proptest::collection::vec(any::<u8>(), 0..600)) {
        let r = check(&data);
        prop_assert_eq!(r.exit_code, 2);
    }

    #[test]
    fn arbitrary_splices_never_verify(
        pos in 0usize..100_000,
        del in 0usize..40,
        ins in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        let bytes = sealed_sample();
        let pos = pos % bytes.len();
        let end = (pos + del).min(bytes.len());
        let mut edited = bytes[..pos].to_vec();
        edited.extend_from_slice(&ins);
        edited.extend_from_slice(&bytes[end..]);
        prop_assume!(edited.as_slice() != bytes);
        let code = check(&edited).exit_code;
        prop_assert!(code == 1 || code == 2, "exit {}", code);
    }
}
