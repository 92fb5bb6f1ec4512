//! Rehearsing the reference response: `kunren check` plays the scenario's model answer (the
//! expert player) for a few seeds and reports, as coded diagnostics at each step, what would
//! keep it from earning full marks: a step its role cannot afford in the turn it falls due
//! (K0213), a step whose action's precondition does not hold when it falls due (K0214), and a
//! decision step whose decision is asked but never open to it (K0215).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::engine::{Engine, EngineError};
use crate::policy::{Expert, play_unrecorded};
use crate::scenario::diagnostic::position_of;
use crate::scenario::source::Source;
use crate::scenario::{Bundle, Diagnostic, Severity};

/// Seeds the rehearsal plays.
pub const SEEDS: std::ops::RangeInclusive<u64> = 1..=20;

/// What went wrong with one step, and in which seeds and turns.
#[derive(Debug, Default)]
struct Trouble {
    seeds: Vec<u64>,
    turns: Vec<u32>,
    example: Option<crate::engine::EngineError>,
}

/// Plays the reference response of `bundle` for [`SEEDS`] and returns a diagnostic per step and
/// kind of trouble, located at the step in `src` (the scenario file).
pub fn rehearse(bundle: Bundle, src: &Source) -> Vec<Diagnostic> {
    let bundle = Arc::new(bundle);
    let mut troubles: BTreeMap<(usize, &'static str), Trouble> = BTreeMap::new();
    // One engine, reset for each seed: the world is built once.
    let mut engine = Engine::new(bundle.clone(), *SEEDS.start());
    for seed in SEEDS {
        if seed != *SEEDS.start() {
            engine.reset(seed);
        }
        let mut expert = Expert::default();
        while !engine.is_over() {
            if play_unrecorded(&mut expert, &mut engine).is_err() {
                break;
            }
            engine.end_turn();
        }
        for r in expert.refusals() {
            let code = match &r.error {
                EngineError::NoCapacity { .. } => "K0213",
                EngineError::Precondition(_) => "K0214",
                EngineError::NoDecision(_) | EngineError::NoOption { .. } => "K0215",
                EngineError::AlreadyDone(_) => "K0216",
                _ => "K0214",
            };
            let t = troubles.entry((r.step, code)).or_default();
            if !t.seeds.contains(&seed) {
                t.seeds.push(seed);
            }
            if !t.turns.contains(&r.turn) {
                t.turns.push(r.turn);
            }
            if t.example.is_none() {
                t.example = Some(r.error.clone());
            }
        }
    }
    troubles
        .into_iter()
        .map(|((step, code), t)| diagnostic(&bundle, src, step, code, &t))
        .collect()
}

fn diagnostic(
    bundle: &Bundle,
    src: &Source,
    n: usize,
    code: &'static str,
    t: &Trouble,
) -> Diagnostic {
    let step = &bundle.scenario.reference_response[n];
    use crate::i18n::diagnostics::{Arg, D, Msg, msg};
    let what: Msg = step
        .action
        .as_deref()
        .map(|a| match &step.target {
            Some(x) => Msg::from(format!("`{a}` → `{x}`")),
            None => Msg::from(format!("`{a}`")),
        })
        .or_else(|| step.choose.as_deref().map(|o| msg!(rh_choose, o = o)))
        .unwrap_or_else(|| Msg::from(""));
    let seeds = t
        .seeds
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let turns = t
        .turns
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let (problem, help) = match code {
        "K0213" => (msg!(rh_capacity, role = &step.role), D::rh_capacity_help),
        "K0214" => (D::rh_precondition.into(), D::rh_precondition_help),
        "K0215" => (D::rh_not_open.into(), D::rh_not_open_help),
        _ => (D::rh_once.into(), D::rh_once_help),
    };
    let example = t
        .example
        .clone()
        .map_or(Arg::Text(String::new()), |e| Arg::Refusal(Box::new(e)));
    let msg = msg!(
        rh_step,
        n = n + 1,
        what = what,
        problem = problem,
        seeds = seeds,
        turns = turns,
        example = example
    );
    let text = &src.text;
    let start = text.find("reference_response:").unwrap_or(0);
    let at = text[start..]
        .match_indices("Step(")
        .nth(n)
        .map_or(start, |(i, _)| start + i);
    Diagnostic::error(code, &src.path, msg)
        .with_severity(Severity::Warning)
        .at(position_of(text, at))
        .help(help)
}
