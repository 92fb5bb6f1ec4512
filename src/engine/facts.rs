//! Read-only access to the simulation state, and condition evaluation over it.

use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;

use super::components::*;
use super::resources::*;
use crate::scenario::Condition;
use crate::scenario::evaluate::{AssetFact, ClockFact, FactSource, StageFact, evaluate};
use crate::scoring::clock::ClockVerdict;

/// Everything a condition may look at, borrowed read-only.
#[derive(SystemParam)]
pub struct Facts<'w, 's> {
    /// Entity index.
    pub index: Res<'w, Index>,
    /// Turn.
    pub turn: Res<'w, TurnCounter>,
    /// Flags.
    pub flags: Res<'w, Flags>,
    /// Controls.
    pub controls: Res<'w, Controls>,
    /// History of team actions and choices.
    pub history: Res<'w, History>,
    /// Assets.
    pub assets: Query<'w, 's, &'static AssetState>,
    /// Services.
    pub services: Query<'w, 's, &'static ServiceState>,
    /// Stages.
    pub stages: Query<'w, 's, &'static StageState>,
    /// Injects.
    pub injects: Query<'w, 's, &'static InjectState>,
    /// Clocks.
    pub clocks: Query<'w, 's, &'static ClockState>,
    /// The scenario (for inject channels).
    pub def: Res<'w, Def>,
}

impl Facts<'_, '_> {
    /// State of an asset by id.
    pub fn asset(&self, id: &str) -> Option<&AssetState> {
        let i = *self.index.asset_ids.get(id)?;
        self.assets.get(self.index.assets[i]).ok()
    }

    /// State of a stage by id.
    pub fn stage(&self, id: &str) -> Option<&StageState> {
        let i = *self.index.stage_ids.get(id)?;
        self.stages.get(self.index.stages[i]).ok()
    }

    fn clock(&self, id: &str) -> Option<&ClockState> {
        let i = *self.index.clock_ids.get(id)?;
        self.clocks.get(self.index.clocks[i]).ok()
    }

    /// Evaluates a condition; `target` replaces `$target`. The engine knows every fact, so
    /// the one evaluator's answer is always decided.
    pub fn holds<'a>(&self, c: &'a Condition, target: Option<&'a str>) -> bool {
        evaluate(c, self, target).unwrap_or(false)
    }
}

impl FactSource for Facts<'_, '_> {
    fn turn(&self) -> u32 {
        self.turn.turn
    }

    fn flag(&self, flag: &str) -> Option<bool> {
        Some(self.flags.0.contains(flag))
    }

    fn control(&self, x: &str) -> Option<bool> {
        Some(self.controls.org_wide.contains(x) || self.controls.on_assets.contains(x))
    }

    fn stage(&self, id: &str, fact: StageFact) -> Option<bool> {
        Some(self.stage(id).is_some_and(|s| match fact {
            StageFact::Reached => s.reached.is_some(),
            StageFact::Known => s.known.is_some(),
            StageFact::Halted => s.halted.is_some(),
        }))
    }

    fn asset(&self, id: &str, fact: AssetFact) -> Option<bool> {
        Some(self.asset(id).is_some_and(|s| match fact {
            AssetFact::Compromised => s.compromised,
            AssetFact::Encrypted => s.encrypted,
            AssetFact::Isolated => s.isolated,
            AssetFact::KnownCompromised => s.known_compromised,
        }))
    }

    fn service_down(&self, id: &str) -> Option<bool> {
        Some(
            self.index
                .service_ids
                .get(id)
                .and_then(|&i| self.services.get(self.index.services[i]).ok())
                .is_some_and(|s| s.status == ServiceStatus::Down),
        )
    }

    fn service_down_for(&self, id: &str, turns: u32) -> Option<bool> {
        Some(
            self.index
                .service_ids
                .get(id)
                .and_then(|&i| self.services.get(self.index.services[i]).ok())
                .is_some_and(|s| s.status == ServiceStatus::Down && s.down_streak >= turns.max(1)),
        )
    }

    fn did(&self, action: &str, target: Option<&str>) -> Option<bool> {
        Some(match target {
            None => self.history.did(action),
            Some(t) => self.history.did_on(action, t),
        })
    }

    fn chose(&self, option: &str) -> Option<bool> {
        Some(self.history.chosen.contains_key(option))
    }

    fn injected(&self, id: &str) -> Option<bool> {
        Some(
            self.index
                .inject_ids
                .get(id)
                .and_then(|&i| self.injects.get(self.index.injects[i]).ok())
                .is_some_and(|s| s.fired.is_some()),
        )
    }

    fn discovered(&self) -> Option<bool> {
        let detected = self.stages.iter().any(|s| s.known.is_some());
        let alerted = || {
            self.def
                .0
                .scenario
                .injects
                .iter()
                .zip(&self.index.injects)
                .any(|(def, &e)| {
                    def.channel.makes_aware()
                        && self.injects.get(e).is_ok_and(|s| s.fired.is_some())
                })
        };
        Some(detected || alerted())
    }

    fn clock(&self, id: &str, fact: ClockFact) -> Option<bool> {
        Some(self.clock(id).is_some_and(|c| match fact {
            ClockFact::Met => c.delivered.is_some(),
            ClockFact::Missed => matches!(
                c.verdict,
                Some(ClockVerdict::Overdue | ClockVerdict::Late | ClockVerdict::Missed)
            ),
        }))
    }
}
