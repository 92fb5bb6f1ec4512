//! Messages (buffered events) passed between systems within a turn.

use bevy_ecs::prelude::*;

/// A team action to resolve this turn.
#[derive(Message, Debug, Clone)]
pub struct TeamAction {
    /// Catalogue index.
    pub action: usize,
    /// Target id.
    pub target: Option<String>,
    /// Role id.
    pub role: String,
}

/// An inject to deliver now.
#[derive(Message, Debug, Clone, Copy)]
pub struct InjectFired {
    /// Inject index.
    pub inject: usize,
    /// Fired by hand by the facilitator.
    pub by_facilitator: bool,
}

/// The result of an attacker roll, to be applied to the stage.
#[derive(Message, Debug, Clone, Copy)]
pub struct StageOutcome {
    /// Stage index.
    pub stage: usize,
    /// Reached this turn (otherwise halted).
    pub reached: bool,
}
