//! ECS resources: the turn counter, the RNG, flags, the index of entities, the score and the turn log.

use std::collections::{BTreeMap, BTreeSet};

use foldhash::HashMap;
use std::sync::Arc;

use bevy_ecs::prelude::*;
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

use super::view::{EndingView, QueuedAction, TurnReport};
use crate::scenario::{Bundle, Effect};
use crate::scoring::{ScoreLine, ScoreOverride};

/// The scenario, organisation, catalogue and regimes being played.
#[derive(Resource, Clone)]
pub struct Def(pub Arc<Bundle>);

/// The current turn (1-based) and limit.
#[derive(Resource, Debug, Clone, Copy)]
pub struct TurnCounter {
    /// Current turn.
    pub turn: u32,
    /// Turn limit.
    pub max: u32,
    /// Minutes per turn.
    pub minutes: u32,
}

/// The one seeded RNG. Every roll goes through it, in a fixed order.
#[derive(Resource)]
pub struct DrillRng(pub ChaCha8Rng);

impl DrillRng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        DrillRng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A roll in [0, 1).
    pub fn roll(&mut self) -> f64 {
        use rand::RngExt;
        self.0.random::<f64>()
    }
}

/// Entities by id, per kind, and in definition order. The maps hash with foldhash, seeded per
/// process (no output depends on their order).
#[derive(Resource, Default)]
pub struct Index {
    /// Asset entities in org order.
    pub assets: Vec<Entity>,
    /// Asset id → index.
    pub asset_ids: HashMap<String, usize>,
    /// Service entities.
    pub services: Vec<Entity>,
    /// Service id → index.
    pub service_ids: HashMap<String, usize>,
    /// Role entities.
    pub roles: Vec<Entity>,
    /// Role id → index.
    pub role_ids: HashMap<String, usize>,
    /// Stage entities.
    pub stages: Vec<Entity>,
    /// Stage id → index.
    pub stage_ids: HashMap<String, usize>,
    /// Inject entities.
    pub injects: Vec<Entity>,
    /// Inject id → index.
    pub inject_ids: HashMap<String, usize>,
    /// Option id → (inject index, option index).
    pub option_ids: HashMap<String, (usize, usize)>,
    /// The injects that ask a decision, by index, in MSEL order.
    pub decision_injects: Vec<usize>,
    /// Expectation entities.
    pub expects: Vec<Entity>,
    /// Clock entities.
    pub clocks: Vec<Entity>,
    /// `regime/clock` → index into `clocks`.
    pub clock_ids: HashMap<String, usize>,
    /// Action id → index in the catalogue.
    pub action_ids: HashMap<String, usize>,
    /// Zone id → asset indices.
    pub zone_assets: HashMap<String, Vec<usize>>,
}

/// Scenario flags that are set.
#[derive(Resource, Default, Debug, Clone)]
pub struct Flags(pub BTreeSet<String>);

/// Controls in place organisation-wide, and those present on at least one asset.
#[derive(Resource, Default, Debug, Clone)]
pub struct Controls {
    /// Org-wide.
    pub org_wide: BTreeSet<String>,
    /// On some asset.
    pub on_assets: BTreeSet<String>,
}

/// What the team has done: action id → target → turns taken; option id → turn chosen.
#[derive(Resource, Default, Debug, Clone)]
pub struct History {
    /// Actions taken, by id, then by target (`None` before any target), with their turns;
    /// iterating gives (action, target) in order. An action is present once it was taken.
    pub actions: BTreeMap<String, BTreeMap<Option<String>, Vec<u32>>>,
    /// Options chosen.
    pub chosen: BTreeMap<String, u32>,
}

impl History {
    /// The action was taken (on any target).
    pub fn did(&self, action: &str) -> bool {
        self.actions.contains_key(action)
    }

    /// The turns the action was taken on this target (a lookup without allocating).
    pub fn turns_on(&self, action: &str, target: &str) -> Option<&[u32]> {
        self.actions
            .get(action)?
            .iter()
            .find(|(t, _)| t.as_deref() == Some(target))
            .map(|(_, turns)| turns.as_slice())
    }

    /// The action was taken on this target.
    pub fn did_on(&self, action: &str, target: &str) -> bool {
        self.turns_on(action, target).is_some()
    }

    /// Records that `action` worked on `target` in `turn`.
    pub fn record(&mut self, action: &str, target: Option<&str>, turn: u32) {
        let by_target = match self.actions.get_mut(action) {
            Some(m) => m,
            None => self.actions.entry(action.to_string()).or_default(),
        };
        match by_target.iter_mut().find(|(t, _)| t.as_deref() == target) {
            Some((_, turns)) => turns.push(turn),
            None => {
                by_target.insert(target.map(str::to_string), vec![turn]);
            }
        }
    }
}

/// Actions queued by the team for the current turn, in submission order.
#[derive(Resource, Default, Debug, Clone)]
pub struct ActionQueue(pub Vec<QueuedAction>);

/// Decisions the team has taken this turn: decision id → (option id, role).
#[derive(Resource, Default, Debug, Clone)]
pub struct DecisionQueue(pub BTreeMap<String, (String, String)>);

/// Where an effect came from (for notes, notifications and evidence).
#[derive(Debug, Clone, PartialEq)]
pub struct EffectSource {
    /// What the effect belongs to (an action, option, stage or inject).
    pub origin: super::event::Origin,
    /// The action's target, when an action.
    pub target: Option<String>,
}

/// Effects waiting to be applied, in order.
#[derive(Resource, Default, Debug, Clone)]
pub struct PendingEffects(pub Vec<(Effect, EffectSource)>);

/// The score: every line and every override.
#[derive(Resource, Default, Debug, Clone)]
pub struct Score {
    /// Lines in order.
    pub lines: Vec<ScoreLine>,
    /// Overrides in order (those withdrawn by a correction are taken out).
    pub overrides: Vec<ScoreOverride>,
    /// Which override of the drill (from 1, in the order they were made) each entry of
    /// `overrides` is, so that a correction can name one that stays the same.
    pub override_ns: Vec<u32>,
    /// Overrides made so far, withdrawn ones included.
    pub overrides_made: u32,
}

impl Score {
    /// Total after overrides (saturating: it never wraps around).
    pub fn total(&self) -> i32 {
        self.lines
            .iter()
            .map(|l| crate::scoring::effective_points(l, &self.overrides))
            .fold(0, i32::saturating_add)
    }
}

/// Accumulated impact in the organisation's unit.
#[derive(Resource, Default, Debug, Clone)]
pub struct Impact {
    /// Total.
    pub total: f64,
}

/// Rules already applied (for `Once` rules).
#[derive(Resource, Default, Debug, Clone)]
pub struct RulesFired(pub BTreeSet<usize>);

/// Whether score lines get their English `reason` text (on unless a batch of unrecorded runs,
/// which reads only points and statuses, turns it off with `Engine::without_reason_text`). It
/// survives a reset.
#[derive(Resource, Debug, Clone, Copy)]
pub struct ReasonText(pub bool);

/// The report being built for the current turn.
#[derive(Resource, Default, Debug, Clone)]
pub struct TurnLog(pub TurnReport);

/// The ending, once reached.
#[derive(Resource, Default, Debug, Clone)]
pub struct Outcome(pub Option<EndingView>);

/// The assets being rebuilt, by index: the rebuild countdown reads only these, not every
/// asset of the organisation.
#[derive(Resource, Default, Debug, Clone)]
pub struct Rebuilding(pub BTreeSet<usize>);

/// The team has verified the backups: restores use known-clean restore points.
#[derive(Resource, Default, Debug, Clone, Copy)]
pub struct BackupsVerified(pub bool);
