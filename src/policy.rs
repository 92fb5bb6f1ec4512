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

/// A policy that cannot go on (a bad actions script).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("actions script, turn {turn}: {message}")]
pub struct PolicyError {
    /// Turn.
    pub turn: u32,
    /// What is wrong.
    pub message: String,
}

impl PolicyError {
    /// The exit code of a refused actions script: problems found.
    pub fn exit_code(&self) -> crate::exit::ExitCode {
        crate::exit::ExitCode::Problems
    }
}

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
        let due: Vec<usize> = (0..steps.len())
            .filter(|&i| {
                !self.taken.get(i).copied().unwrap_or(false)
                    && steps[i].turn <= turn
                    && (self.leaves.is_empty() || !self.leaves.contains(&steps[i].role))
            })
            .collect();
        // Nothing is applied while the inputs are gathered, so every `when` can be read over
        // one borrow of the state.
        let holds = engine.holds_each(due.iter().filter_map(|&i| steps[i].when.as_ref()));
        let mut holds = holds.into_iter();
        for i in due {
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
    /// What each input of the last `play` was, for the error message.
    asked: Vec<String>,
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
                self.asked.push(String::new());
                out.push(Input::Decide {
                    decision: c.decision.clone(),
                    option: c.option.clone(),
                    role: c.role.clone(),
                });
            }
            for a in &t.actions {
                self.asked.push(format!("{} by {}: ", a.action, a.role));
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
                message: format!("{}{e}", self.asked.get(index).map_or("", String::as_str)),
            }),
        }
    }
}

/// Checks a script against the bundle before playing: turns in range, roles and actions known.
pub fn check_script(script: &Script, engine: &Engine) -> Result<(), PolicyError> {
    let b = engine.bundle();
    for t in &script.turns {
        let err = |message: String| PolicyError {
            turn: t.turn,
            message,
        };
        if t.turn == 0 || t.turn > b.scenario.max_turns {
            return Err(err(format!(
                "turn {} is outside 1..={}",
                t.turn, b.scenario.max_turns
            )));
        }
        for a in &t.actions {
            if !b.org.roles.iter().any(|r| r.id == a.role) {
                return Err(err(format!("unknown role `{}`", a.role)));
            }
            if !b.catalogue.actions.iter().any(|x| x.id == a.action) {
                return Err(err(format!("unknown action `{}`", a.action)));
            }
        }
    }
    Ok(())
}
