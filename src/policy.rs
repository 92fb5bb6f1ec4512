//! Automatic players for headless runs and balance testing: idle, random, expert (the scenario's
//! reference response) and scripted (an actions script).

use std::collections::BTreeSet;

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use crate::engine::{Engine, EngineError};
use crate::input::Input;
use crate::scenario::script::Script;

/// Something that plays the team's side: it reads the drill and says what it does as
/// [`Input`]s; the caller applies them (through the session when the drill is recorded) and
/// tells the policy how each was answered.
pub trait Policy {
    /// This turn's inputs (decisions and actions), in the order to apply them.
    fn play(&mut self, engine: &mut Engine) -> Result<Vec<Input>, PolicyError>;

    /// How the engine answered the input at `index` of the last [`Policy::play`]. The default
    /// ignores refusals (a player keeps going).
    fn answered(
        &mut self,
        _index: usize,
        _answer: Result<(), &EngineError>,
    ) -> Result<(), PolicyError> {
        Ok(())
    }
}

/// Plays one turn of `policy` on an engine alone (no journal): the unrecorded path of batch
/// runs. Refusals go back to the policy.
pub fn play_unrecorded(policy: &mut dyn Policy, engine: &mut Engine) -> Result<(), PolicyError> {
    let inputs = policy.play(engine)?;
    for (i, input) in inputs.iter().enumerate() {
        let answer = crate::input::apply_to_engine(engine, input, "policy").map(drop);
        policy.answered(i, answer.as_ref().map(|_| ()))?;
    }
    Ok(())
}

/// A policy that cannot go on (a bad actions script): `Display` is the English text,
/// [`PolicyError::message`] the text in any language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// Turn.
    pub turn: u32,
    /// What is wrong.
    pub problem: ScriptProblem,
}

/// What is wrong with a step of an actions script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptProblem {
    /// The script's turn is not a turn of the drill (1..=`max`).
    TurnOutOfRange {
        /// The drill's last turn.
        max: u32,
    },
    /// The script names a role the organisation does not have.
    UnknownRole {
        /// The role named.
        role: String,
    },
    /// The script names an action the catalogue does not have.
    UnknownAction {
        /// The action named.
        action: String,
    },
    /// The engine refused a step: an action taken by a role, or (`step` none) a decision.
    Refused {
        /// The action and the role that took it, for an action.
        step: Option<(String, String)>,
        /// The engine's refusal.
        refusal: EngineError,
    },
}

impl PolicyError {
    /// The exit code of a refused actions script: problems found.
    pub fn exit_code(&self) -> crate::exit::ExitCode {
        crate::exit::ExitCode::Problems
    }

    /// The error in `lang` (the English is `Display`).
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::report::fill;
        let t = lang.cli_text();
        let (what, refusal) = match &self.problem {
            ScriptProblem::TurnOutOfRange { max } => (
                fill(t.script_turn_out, &[("turn", &self.turn), ("max", max)]),
                String::new(),
            ),
            ScriptProblem::UnknownRole { role } => (
                fill(t.script_unknown_role, &[("role", role)]),
                String::new(),
            ),
            ScriptProblem::UnknownAction { action } => (
                fill(t.script_unknown_action, &[("action", action)]),
                String::new(),
            ),
            ScriptProblem::Refused { step, refusal } => (
                step.as_ref()
                    .map(|(action, role)| fill(t.script_by, &[("action", action), ("role", role)]))
                    .unwrap_or_default(),
                refusal.message(lang),
            ),
        };
        fill(
            t.script_turn,
            &[("turn", &self.turn), ("what", &what), ("refusal", &refusal)],
        )
    }
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::i18n::Lang::En))
    }
}

impl std::error::Error for PolicyError {}

/// Does nothing: decisions time out to their defaults.
#[derive(Debug, Default)]
pub struct Idle;

impl Policy for Idle {
    fn play(&mut self, _engine: &mut Engine) -> Result<Vec<Input>, PolicyError> {
        Ok(Vec::new())
    }
}

/// Picks random affordable actions and random options, from its own seeded stream.
#[derive(Debug)]
pub struct RandomPolicy {
    rng: ChaCha8Rng,
}

impl RandomPolicy {
    /// A random player; uses a stream derived from `seed`, separate from the engine's.
    pub fn new(seed: u64) -> Self {
        RandomPolicy {
            rng: ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_0f7e_a3a3),
        }
    }
}

impl Policy for RandomPolicy {
    fn play(&mut self, engine: &mut Engine) -> Result<Vec<Input>, PolicyError> {
        let mut out = Vec::new();
        for d in engine.open_decisions() {
            if d.options.is_empty() {
                continue;
            }
            let k = self.rng.random_range(0..d.options.len());
            out.push(Input::Decide {
                decision: d.id.clone(),
                option: d.options[k].0.clone(),
                role: d.owner.clone(),
            });
        }
        // The same draws as from `available_actions`' unblocked views, without building them.
        let usable = engine.usable_actions();
        let bundle = engine.bundle().clone();
        for _ in 0..6 {
            if usable.is_empty() {
                break;
            }
            let a = &bundle.catalogue.actions[usable[self.rng.random_range(0..usable.len())]];
            let n = engine.target_count(a.target);
            let target = if n == 0 {
                None
            } else {
                let k = self.rng.random_range(0..n);
                engine.target_at(a.target, k).map(str::to_string)
            };
            out.push(Input::Submit {
                action: a.id.clone(),
                target,
                role: a.owner.clone(),
            });
        }
        Ok(out)
    }
}

/// Plays the scenario's reference response: each step is taken the first turn (from its `turn`)
/// when its `when` holds and the engine accepts it.
#[derive(Debug, Default)]
pub struct Expert {
    done: BTreeSet<usize>,
    /// The same steps as `done`, by index (read for every step each turn).
    taken: Vec<bool>,
    /// Reference step behind each input of the last `play`.
    asked: Vec<usize>,
    turn: u32,
    refusals: Vec<Refusal>,
    /// Roles whose steps it leaves to someone else (the players, in `kunren practice`).
    leaves: BTreeSet<String>,
    /// Scratch: the steps due this turn (kept to reuse its allocation).
    due: Vec<usize>,
}

/// A reference step the engine refused when the expert played it.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// Index of the step in the reference response.
    pub step: usize,
    /// Turn it was refused in.
    pub turn: u32,
    /// Why.
    pub error: EngineError,
}

impl Expert {
    /// The reference response restricted to the steps of roles other than `players`: what
    /// plays the rest of the team in `kunren practice`.
    pub fn except(players: impl IntoIterator<Item = String>) -> Self {
        Expert {
            leaves: players.into_iter().collect(),
            ..Expert::default()
        }
    }

    /// Every refusal so far, in order (a step refused in several turns appears each time).
    pub fn refusals(&self) -> &[Refusal] {
        &self.refusals
    }

    /// Counts step `i` as taken (a resumed practice drill whose journal shows it done).
    pub fn mark_done(&mut self, i: usize) {
        self.take(i);
    }

    /// Reference steps taken so far (by index).
    pub fn done(&self) -> &BTreeSet<usize> {
        &self.done
    }
}

impl Policy for Expert {
    fn play(&mut self, engine: &mut Engine) -> Result<Vec<Input>, PolicyError> {
        let bundle = engine.bundle().clone();
        let turn = engine.turn();
        self.turn = turn;
        self.asked.clear();
        let mut out = Vec::new();
        let steps = &bundle.scenario.reference_response;
        // The list of due steps is kept between turns (cleared, not reallocated).
        let mut due = std::mem::take(&mut self.due);
        due.clear();
        due.extend((0..steps.len()).filter(|&i| {
            !self.taken.get(i).copied().unwrap_or(false)
                && steps[i].turn <= turn
                && (self.leaves.is_empty() || !self.leaves.contains(&steps[i].role))
        }));
        // Nothing is applied while the inputs are gathered, so every `when` can be read over
        // one borrow of the state.
        let holds = engine.holds_each(due.iter().filter_map(|&i| steps[i].when.as_ref()));
        let mut holds = holds.into_iter();
        for &i in &due {
            let step = &steps[i];
            if step.when.is_some() && holds.next() == Some(false) {
                continue;
            }
            let input = match (&step.action, &step.choose) {
                (Some(a), _) => Input::Submit {
                    action: a.clone(),
                    target: step.target.clone(),
                    role: step.role.clone(),
                },
                (None, Some(o)) => match engine.decision_offering(o) {
                    Some(decision) => Input::Decide {
                        decision,
                        option: o.clone(),
                        role: step.role.clone(),
                    },
                    None => {
                        self.note_closed_decision(engine, i, o);
                        continue;
                    }
                },
                (None, None) => {
                    self.take(i);
                    continue;
                }
            };
            self.asked.push(i);
            out.push(input);
        }
        self.due = due;
        Ok(out)
    }

    fn answered(
        &mut self,
        index: usize,
        answer: Result<(), &EngineError>,
    ) -> Result<(), PolicyError> {
        let Some(&step) = self.asked.get(index) else {
            return Ok(());
        };
        match answer {
            Ok(()) => {
                self.take(step);
            }
            Err(e) => {
                if matches!(e, EngineError::AlreadyDone(_)) {
                    self.take(step);
                }
                self.refusals.push(Refusal {
                    step,
                    turn: self.turn,
                    error: e.clone(),
                });
            }
        }
        Ok(())
    }
}

impl Expert {
    /// Counts step `i` as taken.
    fn take(&mut self, i: usize) {
        self.done.insert(i);
        if self.taken.len() <= i {
            self.taken.resize(i + 1, false);
        }
        self.taken[i] = true;
    }

    /// Records, once, that step `i` fell due while the decision offering `option` had already
    /// been asked and was no longer open.
    fn note_closed_decision(&mut self, engine: &mut Engine, i: usize, option: &str) {
        if self.refusals.iter().any(|r| r.step == i) {
            return;
        }
        let bundle = engine.bundle().clone();
        let Some(decision) = bundle
            .scenario
            .injects
            .iter()
            .filter_map(|inj| inj.decision.as_ref())
            .find(|d| d.options.iter().any(|o| o.id == option))
        else {
            return;
        };
        if engine.was_asked(&decision.id) {
            self.refusals.push(Refusal {
                step: i,
                turn: engine.turn(),
                error: EngineError::NoDecision(decision.id.clone()),
            });
        }
    }
}

/// Plays an actions script; any refusal is an error naming the turn.
#[derive(Debug)]
pub struct Scripted {
    script: Script,
    /// The action and role of each input of the last `play` (none for a decision), for the
    /// error.
    asked: Vec<Option<(String, String)>>,
    turn: u32,
}

impl Scripted {
    /// A scripted player.
    pub fn new(script: Script) -> Self {
        Scripted {
            script,
            asked: Vec::new(),
            turn: 0,
        }
    }
}

impl Policy for Scripted {
    fn play(&mut self, engine: &mut Engine) -> Result<Vec<Input>, PolicyError> {
        self.turn = engine.turn();
        self.asked.clear();
        let mut out = Vec::new();
        for t in self.script.turns.iter().filter(|t| t.turn == self.turn) {
            for c in &t.decisions {
                self.asked.push(None);
                out.push(Input::Decide {
                    decision: c.decision.clone(),
                    option: c.option.clone(),
                    role: c.role.clone(),
                });
            }
            for a in &t.actions {
                self.asked.push(Some((a.action.clone(), a.role.clone())));
                out.push(Input::Submit {
                    action: a.action.clone(),
                    target: a.target.clone(),
                    role: a.role.clone(),
                });
            }
        }
        Ok(out)
    }

    fn answered(
        &mut self,
        index: usize,
        answer: Result<(), &EngineError>,
    ) -> Result<(), PolicyError> {
        match answer {
            Ok(()) => Ok(()),
            Err(e) => Err(PolicyError {
                turn: self.turn,
                problem: ScriptProblem::Refused {
                    step: self.asked.get(index).cloned().flatten(),
                    refusal: e.clone(),
                },
            }),
        }
    }
}

/// Checks a script against the bundle before playing: turns in range, roles and actions known.
pub fn check_script(script: &Script, engine: &Engine) -> Result<(), PolicyError> {
    let b = engine.bundle();
    for t in &script.turns {
        let err = |problem: ScriptProblem| PolicyError {
            turn: t.turn,
            problem,
        };
        if t.turn == 0 || t.turn > b.scenario.max_turns {
            return Err(err(ScriptProblem::TurnOutOfRange {
                max: b.scenario.max_turns,
            }));
        }
        for a in &t.actions {
            if !b.org.roles.iter().any(|r| r.id == a.role) {
                return Err(err(ScriptProblem::UnknownRole {
                    role: a.role.clone(),
                }));
            }
            if !b.catalogue.actions.iter().any(|x| x.id == a.action) {
                return Err(err(ScriptProblem::UnknownAction {
                    action: a.action.clone(),
                }));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn refusal() -> EngineError {
        EngineError::NoCapacity {
            role: "soc".into(),
            action: "isolate".into(),
            cost: 3,
            left: 1,
        }
    }

    /// Every problem beside the English text it had before it was typed.
    fn all() -> Vec<(PolicyError, String)> {
        let e = |turn, problem| PolicyError { turn, problem };
        vec![
            (
                e(9, ScriptProblem::TurnOutOfRange { max: 6 }),
                "actions script, turn 9: turn 9 is outside 1..=6".into(),
            ),
            (
                e(2, ScriptProblem::UnknownRole { role: "cfo".into() }),
                "actions script, turn 2: unknown role `cfo`".into(),
            ),
            (
                e(2, ScriptProblem::UnknownAction { action: "x".into() }),
                "actions script, turn 2: unknown action `x`".into(),
            ),
            (
                e(
                    3,
                    ScriptProblem::Refused {
                        step: Some(("isolate".into(), "soc".into())),
                        refusal: refusal(),
                    },
                ),
                format!("actions script, turn 3: isolate by soc: {}", refusal()),
            ),
            (
                e(
                    3,
                    ScriptProblem::Refused {
                        step: None,
                        refusal: refusal(),
                    },
                ),
                format!("actions script, turn 3: {}", refusal()),
            ),
        ]
    }

    #[test]
    fn the_english_is_the_old_text_and_the_japanese_is_typed() {
        for (e, old) in all() {
            assert_eq!(e.to_string(), old);
            assert_eq!(e.message(Lang::En), old);
            let ja = e.message(Lang::Ja);
            assert!(ja.starts_with("行動スクリプト、ターン "), "{ja}");
            for w in ["actions script", " by ", "outside", "unknown", "capacity"] {
                assert!(!ja.contains(w), "{w} in {ja}");
            }
        }
        let (e, _) = &all()[3];
        assert!(
            e.message(Lang::Ja)
                .starts_with("行動スクリプト、ターン 3：soc の「isolate」："),
            "{}",
            e.message(Lang::Ja)
        );
    }
}
