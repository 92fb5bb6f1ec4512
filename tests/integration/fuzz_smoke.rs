//! A bounded run of the fuzz harness (`examples/fuzz`): a few hundred structure-aware mutants of
//! the shipped files and of real journals through the loaders, `verify`, `report` and `replay`,
//! without a single panic. Long runs: `cargo run --release --example fuzz -- --cases N`.

#[path = "../../examples/fuzz/harness.rs"]
mod harness;

use harness::{Stats, Target};

#[test]
fn a_bounded_fuzz_run_finds_no_panic() {
    let work = tempfile::tempdir().expect("tempdir");
    let corpus = harness::corpus(work.path());
    assert!(corpus.seeds.len() >= 10, "authored seeds");
    assert!(corpus.journals.len() >= 10, "journal seeds");
    let save = work.path().join("panics");
    let mut stats = Stats::default();
    harness::run(
        &corpus,
        Target::Loaders,
        300,
        11,
        Some(&save),
        &mut stats,
        |_| {},
    );
    harness::run(
        &corpus,
        Target::Journal,
        150,
        11,
        Some(&save),
        &mut stats,
        |_| {},
    );
    assert_eq!(stats.cases["loaders"], 300);
    assert_eq!(stats.cases["journal"], 150);
    // The mutations reach past parsing and the hash chain, not only into error paths.
    assert!(
        stats.deep.get("loaders").copied().unwrap_or(0) > 20,
        "{stats:?}"
    );
    assert!(
        stats.deep.get("journal").copied().unwrap_or(0) > 20,
        "{stats:?}"
    );
    assert!(stats.panics.is_empty(), "panics: {:#?}", stats.panics);
}

#[test]
fn mutations_keep_the_structure_they_target() {
    let mut rng = harness::Rng::new(3);
    let text = include_str!("../fixtures/valid/mini-scenario.ron");
    let mut changed = 0;
    for _ in 0..200 {
        if harness::mutate_ron(text, &mut rng) != text {
            changed += 1;
        }
    }
    assert!(changed > 150, "{changed}");
    // A resealed journal with nothing mutated verifies exactly as the original.
    let bytes = include_bytes!("../fixtures/journal/golden.jsonl");
    let mut records: Vec<kunren::journal::Record> = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| kunren::journal::Record::from_line(l).expect("record"))
        .collect();
    let out = harness::write_journal(&mut records, true, None);
    assert_eq!(&out[..], &bytes[..]);
}
