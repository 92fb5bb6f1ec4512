//! Engine speed: one turn of the default scenario, a full expert playthrough including world
//! setup, and one turn on a generated organisation of 100 000 assets.
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

criterion_group!(engine, benches);
criterion_main!(engine);
