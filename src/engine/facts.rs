//! Read-only access to the simulation state, and condition evaluation over it.

use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;

use super::components::*;
use super::resources::*;
use crate::scenario::{Condition, TARGET};

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

    /// Evaluates a condition; `target` replaces `$target`.
    pub fn holds<'a>(&self, c: &'a Condition, target: Option<&'a str>) -> bool {
        let resolve = |id: &'a str| -> &'a str {
            if id == TARGET {
                target.unwrap_or_default()
            } else {
                id
            }
        };
        let asset =
            |id: &'a str, f: fn(&AssetState) -> bool| self.asset(resolve(id)).is_some_and(f);
        match c {
            Condition::Always => true,
            Condition::Turn(n) => self.turn.turn >= *n,
            Condition::Flag(f) => self.flags.0.contains(f),
            Condition::Control(x) => {
                self.controls.org_wide.contains(x) || self.controls.on_assets.contains(x)
            }
            Condition::Reached(s) => self.stage(s).is_some_and(|s| s.reached.is_some()),
            Condition::Known(s) => self.stage(s).is_some_and(|s| s.known.is_some()),
            Condition::Halted(s) => self.stage(s).is_some_and(|s| s.halted.is_some()),
            Condition::Compromised(a) => asset(a, |s| s.compromised),
            Condition::Encrypted(a) => asset(a, |s| s.encrypted),
            Condition::Isolated(a) => asset(a, |s| s.isolated),
            Condition::KnownCompromised(a) => asset(a, |s| s.known_compromised),
            Condition::ServiceDown(id) => self
                .index
                .service_ids
                .get(id)
                .and_then(|&i| self.services.get(self.index.services[i]).ok())
                .is_some_and(|s| s.status == ServiceStatus::Down),
            Condition::Did(a) => self.history.did(a),
            Condition::DidOn(a, t) => self.history.did_on(a, resolve(t)),
            Condition::Chose(o) => self.history.chosen.contains_key(o),
            Condition::Injected(i) => self
                .index
                .inject_ids
                .get(i)
                .and_then(|&i| self.injects.get(self.index.injects[i]).ok())
                .is_some_and(|s| s.fired.is_some()),
            Condition::ClockMet(k) => self.clock(k).is_some_and(|c| c.met.is_some()),
            Condition::ClockMissed(k) => self.clock(k).is_some_and(|c| c.missed.is_some()),
            Condition::All(items) => items.iter().all(|c| self.holds(c, target)),
            Condition::Any(items) => items.iter().any(|c| self.holds(c, target)),
            Condition::Not(inner) => !self.holds(inner, target),
        }
    }
}
