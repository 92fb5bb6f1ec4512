//! ECS components: the state of assets, services, roles, stages, injects, expectations and clocks.
//!
//! Each entity also carries an index component (`AssetIdx`, …) pointing into the scenario
//! definition, which keeps iteration order stable for deterministic rolls.

use bevy_ecs::prelude::*;

use crate::scoring::ExpectStatus;

/// Index of an asset in the organisation's asset list.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct AssetIdx(pub usize);

/// Ground-truth and known state of an asset.
#[derive(Component, Debug, Clone, Default, PartialEq)]
pub struct AssetState {
    /// The attacker has a foothold.
    pub compromised: bool,
    /// The team knows about the foothold.
    pub known_compromised: bool,
    /// Encrypted by ransomware.
    pub encrypted: bool,
    /// Cut off the network by the team.
    pub isolated: bool,
    /// Turns left until a rebuild completes (0 = not rebuilding).
    pub rebuilding: u32,
}

impl AssetState {
    /// The asset cannot serve (encrypted, isolated or being rebuilt).
    pub fn down(&self) -> bool {
        self.encrypted || self.isolated || self.rebuilding > 0
    }
}

/// Index of a service.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ServiceIdx(pub usize);

/// Assets a service needs (`hard`) or is degraded without (`soft`).
#[derive(Component, Debug, Clone, Default)]
pub struct ServiceDeps {
    /// Down if any of these is down.
    pub hard: Vec<Entity>,
    /// Degraded if any of these is down.
    pub soft: Vec<Entity>,
}

/// Status of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    /// Working.
    #[default]
    Up,
    /// Working with reduced capacity.
    Degraded,
    /// Not working.
    Down,
}

/// State of a service.
#[derive(Component, Debug, Clone, Default)]
pub struct ServiceState {
    /// Current status.
    pub status: ServiceStatus,
    /// Turns spent down so far.
    pub down_turns: u32,
    /// Consecutive turns down up to now (0 when up or degraded).
    pub down_streak: u32,
}

/// Index of a role.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RoleIdx(pub usize);

/// Capacity of a role this turn.
#[derive(Component, Debug, Clone, Default)]
pub struct RoleCapacity {
    /// Points per turn.
    pub per_turn: u32,
    /// Points committed this turn.
    pub used: u32,
}

/// Index of a campaign stage.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct StageIdx(pub usize);

/// Progress of a stage (turn numbers).
#[derive(Component, Debug, Clone, Default)]
pub struct StageState {
    /// Turn it was reached.
    pub reached: Option<u32>,
    /// Turn the team learnt of it.
    pub known: Option<u32>,
    /// Turn it was halted.
    pub halted: Option<u32>,
    /// Rolls made so far.
    pub attempts: u32,
}

/// Index of an inject.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct InjectIdx(pub usize);

/// Delivery state of an inject, and its decision if any.
#[derive(Component, Debug, Clone, Default)]
pub struct InjectState {
    /// Turn it was delivered.
    pub fired: Option<u32>,
    /// Decision outcome: option index, turn, who (`role:<id>` or `timeout`).
    pub decided: Option<(usize, u32, String)>,
}

/// Index of an expectation.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExpectIdx(pub usize);

/// Progress of an expectation.
#[derive(Component, Debug, Clone)]
pub struct ExpectState {
    /// Status.
    pub status: ExpectStatus,
    /// Turn it was activated.
    pub activated: Option<u32>,
    /// Turn it was resolved.
    pub resolved: Option<u32>,
}

impl Default for ExpectState {
    fn default() -> Self {
        ExpectState {
            status: ExpectStatus::Inactive,
            activated: None,
            resolved: None,
        }
    }
}

/// A regulatory clock: regime index and clock index within it.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockIdx(pub usize, pub usize);

/// Progress of a clock; its verdict follows [`crate::scoring::clock`].
#[derive(Component, Debug, Clone, Default)]
pub struct ClockState {
    /// Turn the starting event happened.
    pub started: Option<u32>,
    /// Scenario minutes of the starting event.
    pub started_at: Option<u64>,
    /// Deadline in scenario hours.
    pub hours: u32,
    /// Grace turns after the deadline in which a delivery counts as late.
    pub grace: u32,
    /// Turn the report was delivered.
    pub delivered: Option<u32>,
    /// The verdict as of the last resolved turn.
    pub verdict: Option<crate::scoring::clock::ClockVerdict>,
}

impl ClockState {
    /// The facts the clock rule reads.
    pub fn facts(&self, turn_minutes: u32) -> crate::scoring::clock::ClockFacts {
        crate::scoring::clock::ClockFacts {
            started_at: self.started_at,
            hours: self.hours,
            delivered: self.delivered,
            grace: self.grace,
            turn_minutes,
        }
    }

    /// Last turn that still meets the deadline, given the turn length.
    pub fn deadline_turn(&self, turn_minutes: u32) -> Option<u32> {
        self.facts(turn_minutes).deadline_turn()
    }
}
