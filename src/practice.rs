//! Practice without a facilitator (`kunren practice`): the players take the roles they name at
//! the console; the reference response plays every other role (the expert policy restricted to
//! those roles' steps), applied at the end of each turn through [`Drill::apply`], so the drill
//! is the same engine, the same journal and the same report as any other. A hint shows the
//! next reference step for the players' roles; it is journaled and may cost points.

use std::collections::BTreeSet;

use crate::input::Input;
use crate::policy::{Expert, Policy, PolicyError};
use crate::scenario::{Condition, Step};
use crate::session::{Drill, SessionError};

/// The practice side of a drill: the players' roles and the reference response playing the
/// others.
#[derive(Debug)]
pub struct Practice {
    /// Roles the players take.
    pub roles: BTreeSet<String>,
    others: Expert,
    /// Reference inputs applied for the other roles so far, with the turn (for the end screen).
    pub played: Vec<(u32, Input)>,
}

/// The next reference step for the players, as a hint shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct HintStep {
    /// Index of the step in the reference response.
    pub index: usize,
    /// The step.
    pub step: Step,
    /// True when it is due now (its turn has come and its condition holds); false when it is
    /// the next one to come.
    pub due: bool,
}

impl Practice {
    /// Practice for players taking `roles`.
    pub fn new(roles: impl IntoIterator<Item = String>) -> Self {
        let roles: BTreeSet<String> = roles.into_iter().collect();
        Practice {
            others: Expert::except(roles.clone()),
            roles,
            played: Vec::new(),
        }
    }

    /// After `--resume`: the reference steps of the other roles the journal shows done are not
    /// played again.
    pub fn resume(&mut self, drill: &mut Drill) {
        let engine = drill.engine();
        let bundle = engine.bundle().clone();
        for (i, step) in bundle.scenario.reference_response.iter().enumerate() {
            if self.roles.contains(&step.role) {
                continue;
            }
            let done = match (&step.action, &step.choose) {
                (Some(a), _) => engine.holds(&match &step.target {
                    Some(t) => Condition::DidOn(a.clone(), t.clone()),
                    None => Condition::Did(a.clone()),
                }),
                (None, Some(o)) => engine.holds(&Condition::Chose(o.clone())),
                (None, None) => false,
            };
            if done {
                self.others.mark_done(i);
            }
        }
    }

    /// True when `role` is one of the players'.
    pub fn plays(&self, role: &str) -> bool {
        self.roles.contains(role)
    }

    /// Plays this turn's reference steps of the other roles through the session (journaled
    /// like any input; a step the engine refuses is skipped, as the expert policy does).
    /// Returns how many inputs were applied.
    pub fn play_others(&mut self, drill: &mut Drill) -> Result<usize, SessionError> {
        let turn = drill.engine().turn();
        let inputs = self
            .others
            .play(drill.engine())
            .map_err(|e: PolicyError| SessionError::Mismatch(e.to_string()))?;
        let mut n = 0;
        for (i, input) in inputs.into_iter().enumerate() {
            match drill.apply(input.clone()) {
                Ok(_) => {
                    n += 1;
                    self.played.push((turn, input));
                    let _ = self.others.answered(i, Ok(()));
                }
                Err(SessionError::Engine(e)) => {
                    let _ = self.others.answered(i, Err(&e));
                }
                Err(e) => return Err(e),
            }
        }
        Ok(n)
    }

    /// The next reference step for the players' roles that the team has not done yet: the
    /// first one due now, else the first one still to come; `None` when none is left.
    pub fn next_step(&self, drill: &mut Drill) -> Option<HintStep> {
        let engine = drill.engine();
        let bundle = engine.bundle().clone();
        let turn = engine.turn();
        let queued = engine.queued();
        let decisions = engine.open_decisions();
        let mut upcoming: Option<HintStep> = None;
        for (index, step) in bundle.scenario.reference_response.iter().enumerate() {
            if !self.roles.contains(&step.role) {
                continue;
            }
            let done = match (&step.action, &step.choose) {
                (Some(a), _) => {
                    let c = match &step.target {
                        Some(t) => Condition::DidOn(a.clone(), t.clone()),
                        None => Condition::Did(a.clone()),
                    };
                    engine.holds(&c)
                        || queued
                            .iter()
                            .any(|q| &q.action == a && q.target == step.target)
                }
                (None, Some(o)) => {
                    engine.holds(&Condition::Chose(o.clone()))
                        || decisions
                            .iter()
                            .any(|d| d.queued.as_deref() == Some(o.as_str()))
                }
                (None, None) => true,
            };
            if done {
                continue;
            }
            let due = step.turn <= turn && step.when.as_ref().is_none_or(|c| engine.holds(c));
            let hint = HintStep {
                index,
                step: step.clone(),
                due,
            };
            if due {
                return Some(hint);
            }
            if upcoming.is_none() {
                upcoming = Some(hint);
            }
        }
        upcoming
    }

    /// Shows a hint: journals it (and its cost) and returns the step, or `None` when no step
    /// is left for the players.
    pub fn hint(&self, drill: &mut Drill) -> Result<Option<HintStep>, SessionError> {
        let Some(h) = self.next_step(drill) else {
            return Ok(None);
        };
        drill.apply(Input::Hint {
            role: h.step.role.clone(),
            step: h.index,
        })?;
        Ok(Some(h))
    }
}
