//! Fuzz kunren's loaders, `verify`, `replay` and `report` in-process.
//!
//! ```text
//! cargo run --release --example fuzz -- --cases 100000 [--target loaders|journal|all]
//!     [--seed N] [--save DIR]
//! ```
//!
//! Prints the cases run per target and every panic found (location, message, hits); the first
//! inputs of each panicking location are saved in `--save` (default `target/fuzz-panics`).
//! Exits 0 when nothing panicked, 1 otherwise. The mutation strategy is described in
//! `harness.rs`; run from the repository's top folder.

mod harness;

use std::path::PathBuf;
use std::time::Instant;

use harness::{Stats, Target};

fn usage() -> ! {
    eprintln!(
        "usage: fuzz --cases N [--target loaders|journal|all] [--seed N] [--save DIR]\n\
         (for `all`, N cases per target)"
    );
    std::process::exit(3);
}

fn main() {
    let mut cases: u64 = 1000;
    let mut targets = vec![Target::Loaders, Target::Journal];
    let mut seed: u64 = 1;
    let mut save = PathBuf::from("target/fuzz-panics");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--cases" => cases = value().parse().unwrap_or_else(|_| usage()),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage()),
            "--save" => save = PathBuf::from(value()),
            "--target" => {
                targets = match value().as_str() {
                    "loaders" => vec![Target::Loaders],
                    "journal" | "journals" => vec![Target::Journal],
                    "all" => vec![Target::Loaders, Target::Journal],
                    _ => usage(),
                }
            }
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    let work = std::env::temp_dir().join(format!("kunren-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&work);
    let started = Instant::now();
    let corpus = harness::corpus(&work);
    eprintln!(
        "corpus: {} authored files, {} journals, {} bundles ({:.1} s)",
        corpus.seeds.len(),
        corpus.journals.len(),
        corpus.bundles.len(),
        started.elapsed().as_secs_f64()
    );
    let mut stats = Stats::default();
    for target in targets {
        let t0 = Instant::now();
        harness::run(
            &corpus,
            target,
            cases,
            seed,
            Some(&save),
            &mut stats,
            |done| {
                if done % 10_000 == 0 {
                    eprintln!(
                        "  {}: {done}/{cases} cases, {:.0} cases/s",
                        target.name(),
                        done as f64 / t0.elapsed().as_secs_f64()
                    );
                }
            },
        );
        eprintln!(
            "{}: {} cases in {:.1} s ({} reached past parsing/verification)",
            target.name(),
            stats.cases.get(target.name()).copied().unwrap_or(0),
            t0.elapsed().as_secs_f64(),
            stats.deep.get(target.name()).copied().unwrap_or(0)
        );
    }
    let _ = std::fs::remove_dir_all(&work);
    let total: u64 = stats.cases.values().sum();
    println!("cases run: {total}");
    for (t, n) in &stats.cases {
        println!(
            "  {t}: {n} ({} deep)",
            stats.deep.get(t).copied().unwrap_or(0)
        );
    }
    println!(
        "panics: {} case(s) at {} location(s)",
        stats.panic_cases(),
        stats.panics.len()
    );
    for f in &stats.panics {
        println!(
            "  [{}] {} — {} ({} hit(s))",
            f.target.name(),
            f.location,
            f.message.lines().next().unwrap_or(""),
            f.hits
        );
        for p in &f.saved {
            println!("      input: {}", p.display());
        }
    }
    std::process::exit(i32::from(!stats.panics.is_empty()));
}
