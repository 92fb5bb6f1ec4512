//! Cost of the evidence journal's durable append, against a plain `write_all` + `sync_data`
//! loop writing the same bytes to the same file system in the same run.
//!
//! Run with `cargo bench --bench journal`. Besides criterion's two measurements
//! (`journal_append/journal` and `journal_append/raw_write_sync_data`), the bench prints a
//! paired ratio `raw time / journal time` measured in interleaved rounds; 1.0 means the journal
//! costs nothing beyond the write and the sync, the target is >= 0.9.
//!
//! It then measures the whole recording path: an expert playthrough of the default drill
//! through a journaled session (engine turns, the records of each input and turn, the appends)
//! against the same journal lines written by the raw loop, and prints that ratio too (the work
//! outside the syncs is `1 - ratio` of the whole; the target is again >= 0.9). As the syncs'
//! latency on a shared disk swings from round to round, it also prints the median of the
//! rounds' ratios and the user CPU time per record of both sides (the recorded drill's work
//! outside the syncs, measured directly).

use std::fs::{File, OpenOptions};
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use kunren::journal::{Actor, Header, JournalWriter, Participant, RecordKind, WriterOptions};
use serde_json::{Value, json};

fn header() -> Header {
    Header {
        kunren_version: "bench".into(),
        drill_id: "bench".into(),
        drill_title: "journal benchmark".into(),
        scenario_id: "ransomware-01".into(),
        scenario_title: "Ransomware".into(),
        scenario_sha256: "0".repeat(64),
        scenario_path: "scenarios/ransomware.ron".into(),
        org_id: "acme".into(),
        org_name: "ACME".into(),
        org_sha256: "0".repeat(64),
        org_path: "orgs/acme.ron".into(),
        seed: 42,
        facilitator: "Bench".into(),
        participants: vec![Participant {
            name: "A".into(),
            role: "soc".into(),
        }],
        timezone: "UTC".into(),
        language: "en".into(),
        pubkey_id: None,
        extra: Value::Null,
    }
}

/// A typical action record body (about 150 bytes on disk).
fn body(i: u64) -> Value {
    json!({"participant": "A. Tanaka", "role": "soc", "action": "isolate_host",
           "target": format!("host-{i:04}"), "note": "EDR alert confirmed"})
}

/// Appends `n` records to a fresh journal in `dir`; returns the time and the bytes written.
fn journal_run(dir: &Path, name: &str, n: u64) -> (Duration, Vec<u8>) {
    let path = dir.join(name);
    let mut w = JournalWriter::create_with(&path, header(), None, WriterOptions::new())
        .expect("create journal");
    let start_len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let actor = Actor::role("soc");
    let start = Instant::now();
    for i in 0..n {
        w.append(1, RecordKind::ActionSubmitted, &actor, body(i))
            .expect("append");
    }
    let elapsed = start.elapsed();
    drop(w);
    let bytes = std::fs::read(&path).expect("read journal");
    let appended = bytes[usize::try_from(start_len).unwrap_or(0)..].to_vec();
    (elapsed, appended)
}

/// Writes the same lines with a plain `write_all` + `sync_data` loop.
fn raw_run(dir: &Path, name: &str, bytes: &[u8]) -> Duration {
    let path = dir.join(name);
    let mut file: File = OpenOptions::new()
        .append(true)
        .create_new(true)
        .open(&path)
        .expect("create raw file");
    let start = Instant::now();
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        file.write_all(black_box(line)).expect("write");
        file.sync_data().expect("sync");
    }
    start.elapsed()
}

fn criterion_benches(c: &mut Criterion, dir: &Path) {
    let mut group = c.benchmark_group("journal_append");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    let mut counter = 0u64;
    let mut sample_bytes = Vec::new();
    group.bench_function("journal", |b| {
        b.iter_custom(|iters| {
            counter += 1;
            let (t, bytes) = journal_run(dir, &format!("j{counter}.jsonl"), iters);
            sample_bytes = bytes;
            t
        })
    });
    group.bench_function("raw_write_sync_data", |b| {
        b.iter_custom(|iters| {
            counter += 1;
            let lines: Vec<&[u8]> = sample_bytes.split_inclusive(|&x| x == b'\n').collect();
            let mut bytes = Vec::new();
            for i in 0..usize::try_from(iters).unwrap_or(1) {
                if let Some(line) = lines.get(i % lines.len().max(1)) {
                    bytes.extend_from_slice(line);
                }
            }
            raw_run(dir, &format!("r{counter}.bin"), &bytes)
        })
    });
    group.finish();
}

/// Interleaved rounds of journal and raw runs; prints raw/journal time ratio.
fn paired_ratio(dir: &Path, rounds: u32, per_round: u64) -> f64 {
    let (mut journal, mut raw) = (Duration::ZERO, Duration::ZERO);
    for round in 0..rounds {
        let (tj, bytes) = journal_run(dir, &format!("pair-j{round}.jsonl"), per_round);
        let tr = raw_run(dir, &format!("pair-r{round}.bin"), &bytes);
        journal += tj;
        raw += tr;
    }
    let ratio = raw.as_secs_f64() / journal.as_secs_f64().max(f64::MIN_POSITIVE);
    let per = |d: Duration| d.as_secs_f64() * 1e6 / f64::from(rounds) / per_round as f64;
    println!(
        "journal append ratio (raw write+sync_data time / journal append time): {ratio:.3} \
         (journal {:.1} us/record, raw {:.1} us/record, {rounds} x {per_round} records; target >= 0.9)",
        per(journal),
        per(raw)
    );
    ratio
}

/// Plays the default drill with the expert through a journaled session into `dir/name`;
/// returns the time (from the start of the drill to its end, header and all) and the lines.
fn recorded_drill(
    dir: &Path,
    name: &str,
    bundle: &std::sync::Arc<kunren::scenario::Bundle>,
) -> (Duration, Vec<u8>) {
    let path = dir.join(name);
    let meta = kunren::session::DrillMeta {
        facilitator: "Bench".into(),
        timezone: "UTC".into(),
        mode: "headless".into(),
        ..Default::default()
    };
    let mut policy = kunren::policy::Expert::default();
    let start = Instant::now();
    let mut drill =
        kunren::session::Drill::start(bundle.clone(), 1, &meta, Some(&path), None).expect("start");
    kunren::headless::play_drill(&mut drill, &mut policy, None, |r| {
        black_box(r);
    })
    .expect("the expert plays the default drill to its end");
    let elapsed = start.elapsed();
    drop(drill);
    (elapsed, std::fs::read(&path).expect("read journal"))
}

/// User CPU time of the calling thread so far: the work outside the kernel, so outside the
/// writes and syncs (whose latency on a shared disk varies far more than the work does).
fn thread_user_time() -> Duration {
    // SAFETY: `getrusage` only writes the `rusage` it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a local `rusage`; RUSAGE_THREAD is supported on Linux.
    if unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut usage) } != 0 {
        return Duration::ZERO;
    }
    let secs = u64::try_from(usage.ru_utime.tv_sec).unwrap_or(0);
    let micros = u32::try_from(usage.ru_utime.tv_usec).unwrap_or(0);
    Duration::from_secs(secs) + Duration::from_micros(u64::from(micros))
}

/// Interleaved rounds of recorded drills and raw writes of their lines; prints raw/recorded
/// (pooled over the rounds, and the median of the rounds' own ratios), and the user CPU time
/// per record of each side: the recorded drill's work outside the syncs, measured directly.
fn recording_ratio(dir: &Path, rounds: u32) -> f64 {
    let bundle = std::sync::Arc::new(
        kunren::scenario::load_bundle(kunren::scenario::load::DEFAULT_SCENARIO, None)
            .expect("default loads")
            .0,
    );
    let (mut recorded, mut raw, mut lines) = (Duration::ZERO, Duration::ZERO, 0usize);
    let (mut recorded_cpu, mut raw_cpu) = (Duration::ZERO, Duration::ZERO);
    let mut each = Vec::new();
    for round in 0..rounds {
        let cpu0 = thread_user_time();
        let (tj, bytes) = recorded_drill(dir, &format!("drill-{round}.jsonl"), &bundle);
        let cpu1 = thread_user_time();
        let tr = raw_run(dir, &format!("drill-raw-{round}.bin"), &bytes);
        let cpu2 = thread_user_time();
        recorded_cpu += cpu1.saturating_sub(cpu0);
        raw_cpu += cpu2.saturating_sub(cpu1);
        lines += bytes.split_inclusive(|&b| b == b'\n').count();
        recorded += tj;
        raw += tr;
        each.push(tr.as_secs_f64() / tj.as_secs_f64().max(f64::MIN_POSITIVE));
    }
    each.sort_by(f64::total_cmp);
    let median = each.get(each.len() / 2).copied().unwrap_or(0.0);
    let ratio = raw.as_secs_f64() / recorded.as_secs_f64().max(f64::MIN_POSITIVE);
    let per = |d: Duration| d.as_secs_f64() * 1e6 / lines.max(1) as f64;
    println!(
        "recording path ratio (raw write+sync_data time / recorded expert drill time): {ratio:.3} \
         (median of the rounds {median:.3}; recorded {:.1} us/record, raw {:.1} us/record, \
         {rounds} drills, {lines} records; target >= 0.9)",
        per(recorded),
        per(raw)
    );
    println!(
        "recording path user CPU: recorded {:.1} us/record, raw loop {:.1} us/record \
         (the work outside the syncs; the ratio's target means <= {:.1} us/record here)",
        per(recorded_cpu),
        per(raw_cpu),
        per(raw) / 9.0
    );
    ratio
}

fn main() {
    let base = std::env::var_os("KUNREN_BENCH_DIR").map_or_else(std::env::temp_dir, Into::into);
    let dir = tempfile::tempdir_in(base).expect("temp dir");
    let mut c = Criterion::default().configure_from_args();
    criterion_benches(&mut c, dir.path());
    c.final_summary();
    let quick = std::env::args().any(|a| a == "--test");
    let (rounds, per_round) = if quick { (2, 20) } else { (10, 200) };
    paired_ratio(dir.path(), rounds, per_round);
    recording_ratio(dir.path(), if quick { 1 } else { 20 });
}
