//! Automatic players for headless runs and balance testing: idle, random, expert (the scenario's
//! reference response) and scripted (an actions script).

use std::collections::BTreeSet;

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use crate::engine::{Engine, EngineError};
use crate::scenario::TargetKind;
use crate::scenario::script::Script;

/// What a policy did in one turn, including what the engine refused.
#[derive(Debug, Clone, Default)]
pub struct Moves {
    /// Refusals, as messages (a policy keeps going).
    pub refused: Vec<String>,
}

/// Something that plays the team's side.
pub trait Policy {
    /// Queues this turn's actions and decisions on the engine.
    fn play(&mut self, engine: &mut Engine) -> Result<Moves, PolicyError>;
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

/// Does nothing: decisions time out to their defaults.
#[derive(Debug, Default)]
pub struct Idle;

impl Policy for Idle {
    fn play(&mut self, _engine: &mut Engine) -> Result<Moves, PolicyError> {
        Ok(Moves::default())
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
    fn play(&mut self, engine: &mut Engine) -> Result<Moves, PolicyError> {
        let mut moves = Moves::default();
        for d in engine.open_decisions() {
            if d.options.is_empty() {
                continue;
            }
            let k = self.rng.random_range(0..d.options.len());
            if let Err(e) = engine.decide(&d.id, &d.options[k].0, &d.owner) {
                moves.refused.push(e.to_string());
            }
        }
        let actions = engine.available_actions();
        for _ in 0..6 {
            let usable: Vec<_> = actions.iter().filter(|a| a.blocked.is_none()).collect();
            if usable.is_empty() {
                break;
            }
            let a = usable[self.rng.random_range(0..usable.len())];
            let target = if a.target == TargetKind::None || a.targets.is_empty() {
                None
            } else {
                Some(a.targets[self.rng.random_range(0..a.targets.len())].clone())
            };
            if let Err(e) = engine.submit(&a.id, target.as_deref(), &a.owner) {
                moves.refused.push(e.to_string());
            }
        }
        Ok(moves)
    }
}

/// Plays the scenario's reference response: each step is taken the first turn (from its `turn`)
/// when its `when` holds and the engine accepts it.
#[derive(Debug, Default)]
pub struct Expert {
    done: BTreeSet<usize>,
}

impl Policy for Expert {
    fn play(&mut self, engine: &mut Engine) -> Result<Moves, PolicyError> {
        let mut moves = Moves::default();
        let steps = engine.bundle().scenario.reference_response.clone();
        let turn = engine.turn();
        for (i, step) in steps.iter().enumerate() {
            if self.done.contains(&i) || step.turn > turn {
                continue;
            }
            if let Some(c) = &step.when
                && !engine.holds(c)
            {
                continue;
            }
            let result = match (&step.action, &step.choose) {
                (Some(a), _) => engine.submit(a, step.target.as_deref(), &step.role),
                (None, Some(o)) => decide_option(engine, o, &step.role),
                (None, None) => Ok(()),
            };
            match result {
                Ok(()) => {
                    self.done.insert(i);
                }
                Err(EngineError::AlreadyDone(_)) => {
                    self.done.insert(i);
                }
                Err(e) => moves.refused.push(e.to_string()),
            }
        }
        Ok(moves)
    }
}

/// Chooses an option by id in whichever open decision offers it.
fn decide_option(engine: &mut Engine, option: &str, role: &str) -> Result<(), EngineError> {
    let open = engine.open_decisions();
    match open
        .iter()
        .find(|d| d.options.iter().any(|(o, _)| o == option))
    {
        Some(d) => engine.decide(&d.id, option, role),
        None => Err(EngineError::NoDecision(format!("offering `{option}`"))),
    }
}

/// Plays an actions script; any refusal is an error naming the turn.
#[derive(Debug)]
pub struct Scripted {
    script: Script,
}

impl Scripted {
    /// A scripted player.
    pub fn new(script: Script) -> Self {
        Scripted { script }
    }
}

impl Policy for Scripted {
    fn play(&mut self, engine: &mut Engine) -> Result<Moves, PolicyError> {
        let turn = engine.turn();
        let err = |message: String| PolicyError { turn, message };
        for t in self.script.turns.iter().filter(|t| t.turn == turn) {
            for c in &t.decisions {
                engine
                    .decide(&c.decision, &c.option, &c.role)
                    .map_err(|e| err(e.to_string()))?;
            }
            for a in &t.actions {
                engine
                    .submit(&a.action, a.target.as_deref(), &a.role)
                    .map_err(|e| err(format!("{} by {}: {e}", a.action, a.role)))?;
            }
        }
        Ok(Moves::default())
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
