//! `Engine::reset` gives what a fresh engine gives: for every shipped scenario and seeds 1–50
//! (the expert; 1–10 for the random player), one engine reset from seed to seed (so each run
//! starts from the state the previous one left) plays identically to a fresh engine per seed, a facilitator's inject fired by hand and state changes tracked. A regression test,
//! not a timing: it must stay a few seconds in a debug build.

use std::sync::Arc;

use kunren::engine::{Engine, EngineError, InjectView, Snapshot, StateChange, Summary, TurnReport};
use kunren::policy::{Expert, Policy, RandomPolicy, play_unrecorded};
use kunren::scenario::Bundle;
use kunren::scenario::load::SCENARIOS;

/// Everything a drill shows: every turn report (with its state changes), changes made
/// outside turns, what firing an inject by hand gave, the final summary, snapshot and
/// delivered injects. Compared with `==` over the structures the journal and the report
/// serialise (rolls compared exactly), which is cheaper in a debug build than their text.
#[derive(Debug, PartialEq)]
struct Run {
    changes: Vec<Vec<StateChange>>,
    fired: Vec<Result<InjectView, EngineError>>,
    reports: Vec<TurnReport>,
    summary: Summary,
    snapshot: Snapshot,
    delivered: Vec<InjectView>,
}

fn play(engine: &mut Engine, policy: &mut dyn Policy) -> Run {
    let contingency = engine
        .bundle()
        .scenario
        .injects
        .iter()
        .find(|i| i.contingency)
        .map(|i| i.id.clone());
    let mut changes = vec![engine.take_changes()];
    let mut fired = Vec::new();
    let mut reports = Vec::new();
    while !engine.is_over() {
        if engine.turn() == 2
            && let Some(id) = &contingency
        {
            fired.push(engine.fire_inject(id));
            changes.push(engine.take_changes());
        }
        play_unrecorded(policy, engine).expect("the shipped players never give up");
        reports.push(engine.end_turn());
    }
    Run {
        changes,
        fired,
        reports,
        summary: engine.summary(),
        snapshot: engine.snapshot(),
        delivered: engine.delivered_injects(),
    }
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

fn compare(
    make: impl Fn(u64) -> Box<dyn Policy>,
    label: &str,
    seeds: std::ops::RangeInclusive<u64>,
) {
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
            // Not `assert_eq!`: a whole drill's Debug text would bury the message.
            assert!(
                got == want,
                "{path}, {label} player, seed {seed}: a reset engine played differently \
                 (reports equal: {}, summary equal: {}, snapshot equal: {})",
                got.reports == want.reports,
                got.summary == want.summary,
                got.snapshot == want.snapshot
            );
        }
    }
}

#[test]
fn reset_engines_play_like_fresh_ones_with_the_expert() {
    compare(|_| Box::new(Expert::default()), "expert", 1..=50);
}

#[test]
fn reset_engines_play_like_fresh_ones_with_the_random_player() {
    // Fewer seeds: the random player is slow in a debug build, and the expert covers 1–50.
    compare(|seed| Box::new(RandomPolicy::new(seed)), "random", 1..=10);
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
    assert!(
        e.queued().is_empty(),
        "queued actions do not survive a reset"
    );
    assert!(play(&mut e, &mut Expert::default()) == want);
}

/// A run with its score lines' English text blanked: what an engine without reason texts
/// must still equal.
fn without_text(mut run: Run) -> Run {
    for r in &mut run.reports {
        for l in &mut r.score_lines {
            l.reason.clear();
        }
    }
    for l in &mut run.summary.score_lines {
        l.reason.clear();
    }
    run
}

#[test]
fn an_engine_without_reason_texts_gives_the_same_verdicts_and_a_narrated_one_writes_every_reason() {
    for (path, bundle) in bundles() {
        for seed in 1..=10 {
            let mut narrated = Engine::new(bundle.clone(), seed);
            let want = play(&mut narrated, &mut Expert::default());
            for l in want.reports.iter().flat_map(|r| &r.score_lines) {
                let why = l.why.expect("the engine types every line's reason");
                assert!(
                    !l.reason.is_empty(),
                    "{path} seed {seed}: line {} has no text",
                    l.line
                );
                assert_eq!(
                    l.reason,
                    why.text(kunren::i18n::Lang::En, &**narrated.bundle()),
                    "{path} seed {seed}: line {}",
                    l.line
                );
            }
            assert!(
                want.summary
                    .score_lines
                    .iter()
                    .all(|l| !l.reason.is_empty()),
                "{path} seed {seed}: the summary's lines have their text"
            );
            let mut quiet = Engine::new(bundle.clone(), seed);
            quiet.without_reason_text();
            let got = play(&mut quiet, &mut Expert::default());
            assert!(
                got.reports
                    .iter()
                    .flat_map(|r| &r.score_lines)
                    .all(|l| l.reason.is_empty()),
                "{path} seed {seed}: without reason texts, lines have none"
            );
            assert!(
                got == without_text(want),
                "{path} seed {seed}: an engine without reason texts scored differently"
            );
        }
    }
}
