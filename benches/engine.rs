//! Engine speed: one turn of the default scenario, a full expert playthrough including world
//! setup, balance playthroughs on a reused engine, one turn on a generated organisation of
//! 100 000 assets, and loading (and checking) organisations of 10^3 to 10^5 explicit assets.
//!
//! Run with `cargo bench --bench engine`; medians go in docs/performance.md.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kunren::engine::Engine;
use kunren::policy::Expert;
use kunren::scenario::load::{DEFAULT_SCENARIO, bundle_from_parts, load_bundle};
use kunren::scenario::org::{AssetGroup, AssetKind, Criticality};
use kunren::scenario::{Bundle, Source};

fn default_bundle() -> Arc<Bundle> {
    Arc::new(
        load_bundle(DEFAULT_SCENARIO, None)
            .expect("default loads")
            .0,
    )
}

/// The default scenario on its organisation grown to `n` assets by a generated workstation group.
fn large_bundle(n: u32) -> Arc<Bundle> {
    let b = default_bundle();
    let mut org = b.org.clone();
    let have = org.assets.len() as u32;
    let zone = org.zones[0].id.clone();
    org.asset_groups.push(AssetGroup {
        prefix: "gen-ws".into(),
        count: n.saturating_sub(have),
        kind: AssetKind::Workstation,
        zone,
        criticality: Criticality::Low,
        controls: vec![],
        owner: "it-ops".into(),
    });
    let src = Source::new("generated-org.ron", String::new());
    Arc::new(
        bundle_from_parts(b.scenario.clone(), b.scenario_source.clone(), org, src)
            .expect("large org validates")
            .0,
    )
}

/// An engine advanced to turn 3 with the expert playing, so the turn measured has work in it.
fn engine_at_turn_3(bundle: &Arc<Bundle>) -> (Engine, Expert) {
    let mut e = Engine::new(bundle.clone(), 1);
    let mut p = Expert::default();
    for _ in 0..2 {
        let _ = kunren::policy::play_unrecorded(&mut p, &mut e);
        e.end_turn();
    }
    let _ = kunren::policy::play_unrecorded(&mut p, &mut e);
    (e, p)
}

fn benches(c: &mut Criterion) {
    let bundle = default_bundle();
    c.bench_function("turn/default", |b| {
        b.iter_batched(
            || engine_at_turn_3(&bundle),
            // Return the engine so its drop is not timed.
            |(mut e, p)| {
                black_box(e.end_turn());
                (e, p)
            },
            BatchSize::SmallInput,
        )
    });
    c.bench_function("playthrough/expert-default", |b| {
        b.iter(|| {
            let mut e = Engine::new(bundle.clone(), 1);
            let mut p = Expert::default();
            while !e.is_over() {
                let _ = kunren::policy::play_unrecorded(&mut p, &mut e);
                black_box(e.end_turn());
            }
            e.summary().total
        })
    });
    let mut group = c.benchmark_group("balance");
    const RUNS: u32 = 200;
    group.throughput(criterion::Throughput::Elements(u64::from(RUNS)));
    group.sample_size(20);
    for threads in [1usize, 2] {
        let name = if threads == 1 {
            "expert-default".to_string()
        } else {
            format!("expert-default/{threads}-threads")
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                kunren::montecarlo::run_batch(
                    &bundle,
                    "expert",
                    |_| Box::new(Expert::default()),
                    RUNS,
                    1,
                    threads,
                    |_, _| {},
                )
            })
        });
    }
    group.finish();
    loading(c);
    let large = large_bundle(100_000);
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("turn/100k-assets", |b| {
        b.iter_batched(
            || engine_at_turn_3(&large),
            |(mut e, p)| {
                black_box(e.end_turn());
                (e, p)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Writes the default organisation with `n` explicit `Asset(...)` entries (about 150 bytes
/// each) added, in `dir`; returns its path (given to the loader as the scenario's org).
fn write_large(dir: &std::path::Path, n: usize) -> String {
    let org = std::fs::read_to_string("assets/orgs/defence-contractor.ron").expect("org");
    let at = org.find("    assets: [\n").expect("an assets list") + "    assets: [\n".len();
    let mut text = String::with_capacity(org.len() + n * 160);
    text.push_str(&org[..at]);
    for k in 0..n {
        text.push_str(&format!(
            "        Asset(id: \"gen-ws-{k:07}\", name: \"GEN-WS-{k:07}\", kind: Workstation, \
             zone: \"corp\", criticality: Low, controls: [\"edr\"], owner: \"it-ops\"),\n"
        ));
    }
    text.push_str(&org[at..]);
    let org_path = dir.join(format!("org-{n}.ron"));
    std::fs::write(&org_path, text).expect("write org");
    org_path.display().to_string()
}

/// Loading (parse and validate) and checking (loading plus the rehearsal of 20 seeds) of
/// organisations with 10^3 to 10^5 explicit assets.
fn loading(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let org = write_large(dir.path(), n);
        group.bench_function(format!("{n}-assets"), |b| {
            b.iter(|| {
                load_bundle(DEFAULT_SCENARIO, Some(&org))
                    .expect("large org loads")
                    .0
            })
        });
        group.bench_function(format!("check/{n}-assets"), |b| {
            b.iter(|| {
                let (bundle, _) =
                    load_bundle(DEFAULT_SCENARIO, Some(&org)).expect("large org loads");
                let src = bundle.scenario_source.clone();
                kunren::rehearsal::rehearse(bundle, &src)
            })
        });
    }
    group.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
