//! `Engine::reset` gives what a fresh engine gives: for every shipped scenario and seeds 1–50,
//! one engine reset from seed to seed (so each run starts from the state the previous one
//! left) plays byte-identically to a fresh engine per seed, with the expert and the random
//! player, a facilitator's inject fired by hand and state changes tracked.

use std::sync::Arc;

use kunren::engine::Engine;
use kunren::policy::{Expert, Policy, RandomPolicy, play_unrecorded};
use kunren::scenario::Bundle;
use kunren::scenario::load::SCENARIOS;

/// Everything a drill shows, as JSON: every turn report (with its state changes), changes
/// made outside turns, the final summary and snapshot.
fn play(engine: &mut Engine, policy: &mut dyn Policy) -> String {
    let mut out = String::new();
    let contingency = engine
        .bundle()
        .scenario
        .injects
        .iter()
        .find(|i| i.contingency)
        .map(|i| i.id.clone());
    out.push_str(&serde_json::to_string(&engine.take_changes()).expect("changes serialise"));
    while !engine.is_over() {
        if engine.turn() == 2
            && let Some(id) = &contingency
        {
            let fired = engine.fire_inject(id);
            out.push_str(&format!("{fired:?}"));
            out.push_str(&serde_json::to_string(&engine.take_changes()).expect("serialise"));
        }
        play_unrecorded(policy, engine).expect("the shipped players never give up");
        let report = engine.end_turn();
        out.push_str(&serde_json::to_string(&report).expect("reports serialise"));
    }
    out.push_str(&serde_json::to_string(&engine.summary()).expect("summary serialises"));
    out.push_str(&serde_json::to_string(&engine.snapshot()).expect("snapshot serialises"));
    out.push_str(&format!("{:?}", engine.delivered_injects()));
    out
}

fn bundles() -> Vec<(&'static str, Arc<Bundle>)> {
    SCENARIOS
        .iter()
        .map(|e| {
            let (b, _) = kunren::scenario::load_bundle(e.path, None)
                .unwrap_or_else(|_| panic!("{} loads", e.path));
            (e.path, Arc::new(b))
        })
        .collect()
}

fn compare(make: impl Fn(u64) -> Box<dyn Policy>, label: &str) {
    let seeds = 1..=50u64;
    for (path, bundle) in bundles() {
        let mut reused = Engine::new(bundle.clone(), 999);
        reused.track_changes();
        // Leave the world dirty before the first reset.
        play(&mut reused, make(999).as_mut());
        for seed in seeds.clone() {
            let mut fresh = Engine::new(bundle.clone(), seed);
            fresh.track_changes();
            let want = play(&mut fresh, make(seed).as_mut());
            reused.reset(seed);
            assert_eq!(reused.seed(), seed);
            let got = play(&mut reused, make(seed).as_mut());
            assert!(
                got == want,
                "{path}, {label} player, seed {seed}: a reset engine played differently"
            );
        }
    }
}

#[test]
fn reset_engines_play_like_fresh_ones_with_the_expert() {
    compare(|_| Box::new(Expert::default()), "expert");
}

#[test]
fn reset_engines_play_like_fresh_ones_with_the_random_player() {
    compare(|seed| Box::new(RandomPolicy::new(seed)), "random");
}

#[test]
fn a_reset_mid_drill_starts_over() {
    let (_, bundle) = bundles().remove(0);
    let mut fresh = Engine::new(bundle.clone(), 7);
    let want = play(&mut fresh, &mut Expert::default());
    let mut e = Engine::new(bundle, 3);
    let mut p = RandomPolicy::new(3);
    for _ in 0..3 {
        play_unrecorded(&mut p, &mut e).expect("plays");
        // Queue actions and leave them unresolved: the reset must drop them.
        e.end_turn();
    }
    play_unrecorded(&mut p, &mut e).expect("plays");
    e.reset(7);
    assert_eq!(e.turn(), 1);
    assert!(e.queued().is_empty(), "queued actions do not survive a reset");
    assert_eq!(play(&mut e, &mut Expert::default()), want);
}
