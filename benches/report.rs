//! Time to turn a 10 000-record journal into an after-action report.
//!
//! Run with `cargo bench --bench report`. The journal is recorded once by the library, like a
//! real drill: the expert plays the default scenario while the facilitator writes many notes
//! each turn, until the journal holds at least 10 000 records. Criterion measures the whole
//! pipeline (read, verify, model, compose, render) for Markdown and HTML, and the CLI's path
//! including the atomic write; the bench then prints one plain timing against the 1 s target.
//!
//! The journal goes to `$KUNREN_BENCH_DIR`, else `/dev/shm` when it exists (10 000 fsyncs on
//! a disk take a while), else the system temp dir.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{Criterion, Throughput};
use kunren::headless::play_drill;
use kunren::policy::Expert;
use kunren::report::{self, Format};
use kunren::scenario::load_bundle;
use kunren::scenario::script::{Script, ScriptTurn};
use kunren::session::{Drill, DrillMeta};

const TARGET_RECORDS: usize = 10_000;

fn meta() -> DrillMeta {
    DrillMeta {
        title: Some("Report benchmark".into()),
        facilitator: "Bench".into(),
        participants: vec![],
        language: None,
        timezone: "Asia/Tokyo".into(),
        mode: "headless".into(),
        previous_drill: None,
        ..DrillMeta::default()
    }
}

/// Records the benchmark journal in `dir` and returns its path and record count.
fn record_journal(dir: &Path) -> (PathBuf, usize) {
    let (bundle, _) = load_bundle(kunren::scenario::load::DEFAULT_SCENARIO, None)
        .unwrap_or_else(|e| panic!("cannot load the default scenario:\n{}", e.render()));
    let bundle = std::sync::Arc::new(bundle);
    // A dry run to learn how many turns the expert plays.
    let mut dry = Drill::start(bundle.clone(), 1, &meta(), None, None).expect("dry run");
    let turns = play_drill(&mut dry, &mut Expert::default(), None, |_| {})
        .expect("play")
        .turns
        .max(1);
    let per_turn = TARGET_RECORDS / turns as usize + 1;
    let script = Script {
        format: 1,
        turns: (1..=turns)
            .map(|turn| ScriptTurn {
                turn,
                notes: (0..per_turn)
                    .map(|i| {
                        format!(
                            "Turn {turn}, note {i}: the SOC lead asks for the firewall logs of \
                             the engineering VLAN | escalation <pending> & owner \"IT ops\""
                        )
                    })
                    .collect(),
                ..ScriptTurn::default()
            })
            .collect(),
        ..Script::default()
    };
    let path = dir.join("bench.jsonl");
    let mut drill = Drill::start(bundle, 1, &meta(), Some(&path), None).expect("start");
    play_drill(&mut drill, &mut Expert::default(), Some(&script), |_| {}).expect("play");
    drill.close("").expect("seal");
    let records = std::fs::read(&path)
        .expect("read")
        .iter()
        .filter(|b| **b == b'\n')
        .count();
    assert!(records >= TARGET_RECORDS, "only {records} records");
    (path, records)
}

fn main() {
    let base = std::env::var_os("KUNREN_BENCH_DIR")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from("/dev/shm")).filter(|p| p.is_dir()))
        .unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(base).expect("temp dir");
    let (path, records) = record_journal(dir.path());
    let out = dir.path().join("bench.aar.html");

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("report_10k_records");
    g.throughput(Throughput::Elements(records as u64));
    g.sample_size(20);
    for (name, format) in [("markdown", Format::Md), ("html", Format::Html)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let m = report::load(black_box(&path)).expect("model");
                black_box(report::render(&m, format))
            })
        });
    }
    g.bench_function("html_written_atomically", |b| {
        b.iter(|| report::generate(black_box(&path), Format::Html, Some(&out)).expect("write"))
    });
    g.finish();
    c.final_summary();

    let start = Instant::now();
    let written = report::generate(&path, Format::Html, Some(&out)).expect("write");
    let took = start.elapsed();
    println!(
        "report of a {records}-record journal ({} bytes of HTML, written atomically): {:.1} ms \
         (target < 1000 ms)",
        written.bytes,
        took.as_secs_f64() * 1e3
    );
}
