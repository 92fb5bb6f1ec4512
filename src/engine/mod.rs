//! The simulation: a bevy_ecs `World` and per-turn schedules behind one `Engine` facade, the only
//! API front ends use.

pub mod changes;
pub mod components;
pub mod event;
pub mod facts;
pub mod messages;
pub mod resources;
pub mod setup;
mod snapshot;
pub mod systems;
pub mod view;

use std::sync::Arc;

use bevy_ecs::message::message_update_system;
use bevy_ecs::prelude::*;

pub use changes::StateChange;
use components::*;
use messages::{InjectFired, TeamAction};
use resources::*;
use systems::{campaign, effects, impact, scoring as score_sys, team, turn};
pub use view::*;

use crate::scenario::{Bundle, TargetKind};
use crate::scoring::{self, ScoreOverride};

/// Why the engine refused a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// No such action in the catalogue.
    #[error("unknown action `{0}`")]
    UnknownAction(String),
    /// No such role in the organisation.
    #[error("unknown role `{0}`")]
    UnknownRole(String),
    /// The target is missing, not needed, or not valid for the action.
    #[error("{0}")]
    BadTarget(TargetProblem),
    /// No target the action could take passes the check now (the picker's verdict).
    #[error("no valid target")]
    NoValidTarget(String),
    /// The role has not enough capacity left this turn.
    #[error("role `{role}` has {left} capacity left this turn; `{action}` costs {cost}")]
    NoCapacity {
        /// Role.
        role: String,
        /// Action.
        action: String,
        /// Cost.
        cost: u32,
        /// Left.
        left: u32,
    },
    /// The precondition does not hold.
    #[error("`{0}` cannot be taken now: its precondition does not hold")]
    Precondition(String),
    /// A once-only action was already taken on this target.
    #[error("`{0}` was already taken on this target")]
    AlreadyDone(String),
    /// No such decision is open.
    #[error("decision `{0}` is not open")]
    NoDecision(String),
    /// No such option in that decision.
    #[error("`{option}` is not an option of decision `{decision}`")]
    NoOption {
        /// Decision.
        decision: String,
        /// Option.
        option: String,
    },
    /// An override outside the line's range (see `ScoreLine::override_range`).
    #[error("score line #{line} can be set from {min} to {max}, not {points}")]
    OverrideOutOfRange {
        /// Line.
        line: u32,
        /// Points asked for.
        points: i32,
        /// Lowest allowed.
        min: i32,
        /// Highest allowed.
        max: i32,
    },
    /// An override without a reason.
    #[error("an override of score line #{0} needs a reason")]
    NoReason(u32),
    /// No such inject.
    #[error("unknown inject `{0}`")]
    UnknownInject(String),
    /// The inject was already delivered.
    #[error("inject `{0}` was already delivered")]
    AlreadyFired(String),
    /// No such score line.
    #[error("no score line {0}")]
    NoLine(u32),
    /// The drill has ended.
    #[error("the drill has ended")]
    Over,
    /// Queue index out of range.
    #[error("nothing queued at position {0}")]
    NothingQueued(usize),
    /// No such override (or it was already withdrawn).
    #[error("there is no override {0} to withdraw")]
    NoOverride(u32),
    /// No such step in the reference response.
    #[error("the reference response has no step {0}")]
    NoStep(usize),
}

impl serde::Serialize for EngineError {
    /// As its English text (what views and their JSON have always shown).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What is wrong with the target of an action ([`EngineError::BadTarget`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetProblem {
    /// A target was given to an action that takes none.
    #[error("`{action}` takes no target (got `{target}`)")]
    Unwanted {
        /// Action.
        action: String,
        /// The target given.
        target: String,
    },
    /// No target was given to an action that needs one.
    #[error("`{action}` needs a target ({kind:?})")]
    Missing {
        /// Action.
        action: String,
        /// The kind of target it takes.
        kind: TargetKind,
    },
    /// The target is not one the action can take.
    #[error("`{target}` is not a valid target for `{action}` ({kind:?})")]
    Invalid {
        /// Action.
        action: String,
        /// The target given.
        target: String,
        /// The kind of target it takes.
        kind: TargetKind,
    },
}

/// True when `target` names something of `kind` in the drill (an asset, a regime, a supplier).
fn target_exists(b: &Bundle, index: &Index, kind: TargetKind, target: &str) -> bool {
    match kind {
        TargetKind::None => false,
        TargetKind::Asset => index.asset_ids.contains_key(target),
        TargetKind::Regime => b.regimes.iter().any(|x| x.id == target),
        TargetKind::Supplier => b.org.suppliers.iter().any(|x| x.id == target),
    }
}

/// A running drill.
pub struct Engine {
    world: World,
    open: Schedule,
    resolve: Schedule,
    inject_now: Schedule,
    /// The queries a reset writes through, built on the first reset.
    reset: Option<setup::Reset>,
    /// Cached read access for preconditions and policies (building it is costly).
    facts: bevy_ecs::system::SystemState<facts::Facts<'static, 'static>>,
    /// The state as last reported by `take_changes`.
    seen: changes::Seen,
    /// Fill `TurnReport::changes` at the end of each turn (journaled sessions).
    track_changes: bool,
    seed: u64,
}

impl Engine {
    /// Starts a drill: builds the world and opens turn 1 (its injects are delivered).
    pub fn new(bundle: Arc<Bundle>, seed: u64) -> Engine {
        let world = setup::build_world(bundle, seed);
        let mut open = Schedule::default();
        open.add_systems(
            (
                message_update_system,
                turn::begin_turn,
                turn::select_injects,
                turn::deliver_injects,
                effects::apply_effects,
                score_sys::start_clocks_at_opening,
            )
                .chain(),
        );
        let mut resolve = Schedule::default();
        resolve.add_systems(
            (
                team::apply_decisions,
                team::apply_team_actions,
                effects::apply_effects,
                campaign::advance_campaign,
                campaign::apply_stage_outcomes,
                effects::apply_effects,
                campaign::detect_stages,
                impact::propagate_service_impact,
                impact::tick_rebuilds,
                score_sys::tick_regulatory_clocks,
                score_sys::evaluate_expectations,
                score_sys::apply_rules_and_check_endings,
                score_sys::close_turn,
            )
                .chain(),
        );
        let mut inject_now = Schedule::default();
        inject_now.add_systems((turn::deliver_injects, effects::apply_effects).chain());
        let mut world = world;
        let facts = bevy_ecs::system::SystemState::new(&mut world);
        let mut engine = Engine {
            world,
            open,
            resolve,
            inject_now,
            reset: None,
            facts,
            seen: changes::Seen::default(),
            track_changes: false,
            seed,
        };
        // Build the schedules' graphs now, so the first turn costs what every turn costs.
        engine.resolve.initialize(&mut engine.world).ok();
        engine.inject_now.initialize(&mut engine.world).ok();
        engine.open_first_turn();
        engine
    }

    /// Starts the same drill again with `seed`, as [`Engine::new`] would, but keeping the
    /// world's entities, the schedules and the cached system state: every state is put back
    /// to its initial value and turn 1 is opened. What follows is byte-identical to a fresh
    /// engine's (tests/integration/reset.rs); whether changes are tracked stays as it was.
    pub fn reset(&mut self, seed: u64) {
        let world = &mut self.world;
        self.reset
            .get_or_insert_with(|| setup::Reset::new(world))
            .run(world, seed);
        self.seed = seed;
        self.open_first_turn();
    }

    /// Leaves the English `reason` of the score lines the turns make empty, for a batch of
    /// unrecorded runs that reads only points, statuses and evidence: rendering the text is
    /// a twentieth of a playthrough. The typed reason (`why`) is still there, and so is
    /// every verdict (tests/integration/reset.rs compares them with a narrated engine's).
    pub fn without_reason_text(&mut self) {
        self.world.insert_resource(ReasonText(false));
    }

    /// Remembers the initial state for `take_changes` and opens turn 1.
    fn open_first_turn(&mut self) {
        self.seen = self.seen_now();
        self.open.run(&mut self.world);
    }

    /// Reports state changes in each `TurnReport` (for the journal); changes made while a turn
    /// opens or by a facilitator's inject are collected with `take_changes`.
    pub fn track_changes(&mut self) {
        self.track_changes = true;
    }

    /// The scenario bundle being played.
    pub fn bundle(&self) -> &Arc<Bundle> {
        &self.world.resource::<Def>().0
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Current turn (from 1).
    pub fn turn(&self) -> u32 {
        self.world.resource::<TurnCounter>().turn
    }

    /// True once an ending was reached.
    pub fn is_over(&self) -> bool {
        self.world.resource::<Outcome>().0.is_some()
    }

    /// The ending, once over.
    pub fn ending(&self) -> Option<EndingView> {
        self.world.resource::<Outcome>().0.clone()
    }

    /// Injects delivered so far this turn.
    pub fn current_injects(&self) -> Vec<InjectView> {
        self.world.resource::<TurnLog>().0.injects.clone()
    }

    /// Every inject delivered so far, in order.
    pub fn delivered_injects(&mut self) -> Vec<InjectView> {
        let bundle = self.bundle().clone();
        let mut q = self.world.query::<(&InjectIdx, &InjectState)>();
        let mut out: Vec<InjectView> = q
            .iter(&self.world)
            .filter_map(|(i, s)| {
                s.fired
                    .map(|t| turn::inject_view(&bundle.scenario.injects[i.0], t, false))
            })
            .collect();
        out.sort_by_key(|v| v.turn);
        out
    }

    /// Capacity left for a role this turn.
    pub fn capacity_left(&self, role: &str) -> Option<u32> {
        let index = self.world.resource::<Index>();
        let e = index.roles[*index.role_ids.get(role)?];
        let c = self.world.get::<RoleCapacity>(e)?;
        Some(c.per_turn.saturating_sub(c.used))
    }

    /// Runs a read-only closure over the facts (for preconditions and policies).
    fn with_facts<R>(&mut self, f: impl FnOnce(&facts::Facts) -> R) -> R {
        let facts = self
            .facts
            .get(&self.world)
            .expect("the engine inserts every resource Facts reads when it builds the world");
        f(&facts)
    }

    /// True when the condition holds now (over the whole state; used by policies and tools).
    pub fn holds(&mut self, c: &crate::scenario::Condition) -> bool {
        self.with_facts(|f| f.holds(c, None))
    }

    /// [`Engine::holds`] for several conditions at once, over one borrow of the state (what
    /// a policy reading many conditions per turn uses).
    pub fn holds_each<'a>(
        &mut self,
        cs: impl IntoIterator<Item = &'a crate::scenario::Condition>,
    ) -> Vec<bool> {
        self.with_facts(|f| cs.into_iter().map(|c| f.holds(c, None)).collect())
    }

    /// Valid targets for an action.
    pub fn targets(&self, action: &str) -> Vec<String> {
        let b = self.bundle();
        let Some(a) = b.catalogue.actions.iter().find(|a| a.id == action) else {
            return vec![];
        };
        (0..self.target_count(a.target))
            .filter_map(|k| self.target_at(a.target, k))
            .map(str::to_string)
            .collect()
    }

    /// How many targets an action of this kind offers (the length of [`Engine::targets`]),
    /// without listing them.
    pub fn target_count(&self, kind: TargetKind) -> usize {
        let b = self.bundle();
        match kind {
            TargetKind::None => 0,
            TargetKind::Asset => b.org.assets.len(),
            TargetKind::Regime => b.regimes.len(),
            TargetKind::Supplier => b.org.suppliers.len(),
        }
    }

    /// The `k`-th target an action of this kind offers (as [`Engine::targets`] lists them).
    pub fn target_at(&self, kind: TargetKind, k: usize) -> Option<&str> {
        let b = self.bundle();
        match kind {
            TargetKind::None => None,
            TargetKind::Asset => b.org.assets.get(k).map(|x| x.id.as_str()),
            TargetKind::Regime => b.regimes.get(k).map(|x| x.id.as_str()),
            TargetKind::Supplier => b.org.suppliers.get(k).map(|x| x.id.as_str()),
        }
    }

    /// Catalogue indices of the actions [`Engine::available_actions`] offers unblocked now,
    /// in catalogue order, without building the views (what a random player draws from).
    pub fn usable_actions(&mut self) -> Vec<usize> {
        if self.is_over() {
            return Vec::new();
        }
        let b = self.bundle().clone();
        b.catalogue
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| match a.target {
                TargetKind::None => self.check(&a.id, None, &a.owner).is_ok(),
                kind => self.target_count(kind) > 0,
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Each decision whose inject was delivered, in MSEL order, with whether it is still open
    /// (not yet decided): what [`Engine::was_asked`], [`Engine::open_decision`] and
    /// [`Engine::decision_offering`] read, without building the views.
    fn asked_decisions(&self) -> impl Iterator<Item = (&crate::scenario::Decision, bool)> {
        let b = &self.world.resource::<Def>().0;
        let index = self.world.resource::<Index>();
        index.decision_injects.iter().filter_map(|&i| {
            let d = b.scenario.injects[i].decision.as_ref()?;
            let s = self.world.get::<InjectState>(index.injects[i])?;
            s.fired.is_some().then_some((d, s.decided.is_none()))
        })
    }

    /// True when the inject asking decision `id` was delivered (the decision was asked, open
    /// or not), without building the views of the delivered injects.
    pub fn was_asked(&self, decision: &str) -> bool {
        self.asked_decisions().any(|(d, _)| d.id == decision)
    }

    /// The open decision `id` (its inject delivered, not yet decided), as
    /// [`Engine::open_decisions`] would list it, without building the views.
    pub fn open_decision(&self, id: &str) -> Option<&crate::scenario::Decision> {
        self.asked_decisions()
            .find(|&(d, open)| open && d.id == id)
            .map(|(d, _)| d)
    }

    /// The id of the first open decision (in MSEL order) that offers `option`, as
    /// [`Engine::open_decisions`] would find it, without building the views.
    pub fn decision_offering(&self, option: &str) -> Option<String> {
        self.asked_decisions()
            .find(|&(d, open)| open && d.options.iter().any(|o| o.id == option))
            .map(|(d, _)| d.id.clone())
    }

    /// True when `target` is a valid target of `action` (a lookup, not a list of every asset).
    pub fn is_target(&self, action: &str, target: &str) -> bool {
        let b = self.bundle();
        let index = self.world.resource::<Index>();
        index
            .action_ids
            .get(action)
            .is_some_and(|&ai| target_exists(b, index, b.catalogue.actions[ai].target, target))
    }

    /// The catalogue as offered now: cost, owner, chance, targets and why one is blocked.
    pub fn available_actions(&mut self) -> Vec<ActionView> {
        let b = self.bundle().clone();
        // Which stages each action changes: those whose modifiers or halt condition name the
        // action, a control it adds, a flag it sets, or (for isolation) a host being isolated.
        let mut affects: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for s in &b.scenario.campaign {
            let conditions: Vec<_> = s
                .modifiers
                .iter()
                .map(|m| &m.when)
                .chain(s.halted_when.as_ref())
                .collect();
            for a in &b.catalogue.actions {
                let mut hit = false;
                for c in &conditions {
                    c.walk(&mut |c| {
                        use crate::scenario::{Condition as C, Effect as E};
                        hit |= match c {
                            C::Did(x) | C::DidOn(x, _) => *x == a.id,
                            C::Control(x) => a
                                .effects
                                .iter()
                                .any(|e| matches!(e, E::AddControl(y) if y == x)),
                            C::Flag(x) => a
                                .effects
                                .iter()
                                .any(|e| matches!(e, E::SetFlag(y) if y == x)),
                            C::Isolated(_) => a.effects.iter().any(|e| matches!(e, E::Isolate(_))),
                            _ => false,
                        };
                    });
                }
                if hit {
                    affects.entry(a.id.clone()).or_default().push(s.id.clone());
                }
            }
        }
        let over = self.is_over();
        b.catalogue
            .actions
            .iter()
            .map(|a| {
                let targets = self.targets(&a.id);
                let blocked = if over {
                    Some(EngineError::Over)
                } else if a.target == TargetKind::None {
                    self.check(&a.id, None, &a.owner).err()
                } else if targets.is_empty() {
                    Some(EngineError::NoValidTarget(a.id.clone()))
                } else {
                    None
                };
                ActionView {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    name_ja: a.name_ja.clone(),
                    function: a.function,
                    owner: a.owner.clone(),
                    cost: a.cost,
                    chance: a.chance,
                    description: a.description.clone(),
                    description_ja: a.description_ja.clone(),
                    target: a.target,
                    targets,
                    blocked,
                    affects: affects.get(&a.id).cloned().unwrap_or_default(),
                }
            })
            .collect()
    }

    /// Checks whether a role may take an action on a target now, without queuing it.
    pub fn check(
        &mut self,
        action: &str,
        target: Option<&str>,
        role: &str,
    ) -> Result<usize, EngineError> {
        if self.is_over() {
            return Err(EngineError::Over);
        }
        // Borrow the bundle from the world (no reference-count traffic): `facts` is a
        // separate field, so the facts can be read while it is borrowed.
        let b = &self.world.resource::<Def>().0;
        let index = self.world.resource::<Index>();
        let (ai, def) = index
            .action_ids
            .get(action)
            .map(|&ai| (ai, &b.catalogue.actions[ai]))
            .ok_or_else(|| EngineError::UnknownAction(action.to_string()))?;
        let left = self
            .capacity_left(role)
            .ok_or_else(|| EngineError::UnknownRole(role.to_string()))?;
        match (def.target, target) {
            (TargetKind::None, Some(t)) => {
                return Err(EngineError::BadTarget(TargetProblem::Unwanted {
                    action: action.to_string(),
                    target: t.to_string(),
                }));
            }
            (TargetKind::None, None) => {}
            (kind, None) => {
                return Err(EngineError::BadTarget(TargetProblem::Missing {
                    action: action.to_string(),
                    kind,
                }));
            }
            (kind, Some(t)) => {
                if !target_exists(b, index, kind, t) {
                    return Err(EngineError::BadTarget(TargetProblem::Invalid {
                        action: action.to_string(),
                        target: t.to_string(),
                        kind: def.target,
                    }));
                }
            }
        }
        if def.cost > left {
            return Err(EngineError::NoCapacity {
                role: role.to_string(),
                action: action.to_string(),
                cost: def.cost,
                left,
            });
        }
        let queued_same = self
            .world
            .resource::<ActionQueue>()
            .0
            .iter()
            .any(|q| q.action == action && q.target.as_deref() == target);
        let history = self.world.resource::<History>();
        let done_before = match target {
            Some(t) => history.did_on(action, t),
            None => history.did(action),
        };
        // Reading the facts costs more than the rest of the check: only for a precondition.
        let ok = def.requires.as_ref().is_none_or(|c| {
            self.facts
                .get(&self.world)
                .expect("the engine inserts every resource Facts reads when it builds the world")
                .holds(c, target)
        });
        if def.once && (done_before || queued_same) {
            return Err(EngineError::AlreadyDone(action.to_string()));
        }
        if !ok {
            return Err(EngineError::Precondition(action.to_string()));
        }
        Ok(ai)
    }

    /// Why taking `action` on `target` now would change nothing the team can see, if so: each
    /// of its effects, read against the state the team knows (isolation, known compromise,
    /// encryption, the organisation's backups, what it has reported, controls it put in
    /// place). `None` when any effect may do something. Never reads ground truth: an effect
    /// whose result depends on hidden state (a hunt, a restore of a host with a backup, a flag
    /// or control an attacker stage may set) counts as doing something, so the answer says
    /// nothing about hidden compromise.
    pub fn would_do_nothing(&mut self, action: &str, target: Option<&str>) -> Option<String> {
        use crate::scenario::Effect as E;
        let b = self.bundle().clone();
        let def = b.catalogue.actions.iter().find(|a| a.id == action)?;
        if def.effects.is_empty() {
            return None;
        }
        let resolve = |id: &str| -> String {
            if id == crate::scenario::TARGET {
                target.unwrap_or_default().to_string()
            } else {
                id.to_string()
            }
        };
        // What attacker stages can change: the team cannot know those facts.
        let stage_effects: Vec<&E> = b
            .scenario
            .campaign
            .iter()
            .flat_map(|s| s.on_success.iter())
            .collect();
        let mut reasons = Vec::new();
        for e in &def.effects {
            let asset = e.asset().map(resolve);
            let state = asset.as_deref().and_then(|id| {
                let i = *self.world.resource::<Index>().asset_ids.get(id)?;
                let entity = self.world.resource::<Index>().assets[i];
                let st = self.world.get::<AssetState>(entity)?.clone();
                Some((i, st))
            });
            let name = |i: usize| b.org.assets[i].name.clone();
            let why = match (e, state) {
                (E::Isolate(_), Some((i, st))) if st.isolated => {
                    Some(format!("{} is already isolated", name(i)))
                }
                (E::Reconnect(_), Some((i, st))) if !st.isolated => {
                    Some(format!("{} is not isolated", name(i)))
                }
                (E::Restore(_), Some((i, _))) if b.org.assets[i].backup.is_none() => {
                    Some(format!("{} has no backup to restore from", name(i)))
                }
                (E::Evict(_), Some((i, st))) if !st.known_compromised => Some(format!(
                    "no foothold is known on {}: there is nothing to evict",
                    name(i)
                )),
                (E::VerifyBackups, _)
                    if self.world.resource::<BackupsVerified>().0
                        && !stage_effects.iter().any(|x| matches!(x, E::VerifyBackups)) =>
                {
                    Some("the backups are already verified".to_string())
                }
                (E::AddControl(c), _)
                    if self.world.resource::<Controls>().org_wide.contains(c)
                        && !stage_effects
                            .iter()
                            .any(|x| matches!(x, E::AddControl(y) if y == c)) =>
                {
                    Some(format!("control `{c}` is already in place"))
                }
                (E::Notify(r), _) => self.nothing_to_report(&resolve(r), action),
                _ => None,
            };
            match why {
                Some(w) => reasons.push(w),
                None => return None,
            }
        }
        reasons.dedup();
        Some(reasons.join("; "))
    }

    /// Why a report to `regime` by `action` would deliver nothing: no such regime in the
    /// drill, or every clock the action meets already delivered (what the team itself did).
    fn nothing_to_report(&mut self, regime: &str, action: &str) -> Option<String> {
        let b = self.bundle().clone();
        let Some(r) = b.regimes.iter().find(|r| r.id == regime) else {
            return Some(format!("no regime `{regime}` in this drill"));
        };
        let index = self.world.resource::<Index>();
        let clocks: Vec<Entity> = r
            .clocks
            .iter()
            .filter(|c| c.met_by.iter().any(|m| m == action))
            .filter_map(|c| index.clock_ids.get(&format!("{regime}/{}", c.id)))
            .map(|&ci| index.clocks[ci])
            .collect();
        if clocks.is_empty() {
            return None;
        }
        let all_delivered = clocks.iter().all(|&e| {
            self.world
                .get::<ClockState>(e)
                .is_some_and(|st| st.delivered.is_some())
        });
        all_delivered.then(|| format!("everything due to {} was already reported", r.name))
    }

    /// Queues an action for this turn, taken by `role` (its cost comes from that role's capacity).
    pub fn submit(
        &mut self,
        action: &str,
        target: Option<&str>,
        role: &str,
    ) -> Result<(), EngineError> {
        let ai = self.check(action, target, role)?;
        let cost = self.bundle().catalogue.actions[ai].cost;
        self.spend(role, cost as i64);
        self.world
            .resource_mut::<ActionQueue>()
            .0
            .push(QueuedAction {
                action: action.to_string(),
                target: target.map(str::to_string),
                role: role.to_string(),
            });
        Ok(())
    }

    fn spend(&mut self, role: &str, delta: i64) {
        let index = self.world.resource::<Index>();
        let Some(&ri) = index.role_ids.get(role) else {
            return;
        };
        let e = index.roles[ri];
        if let Some(mut c) = self.world.get_mut::<RoleCapacity>(e) {
            c.used = (i64::from(c.used) + delta).max(0) as u32;
        }
    }

    /// Actions queued for this turn.
    pub fn queued(&self) -> Vec<QueuedAction> {
        self.world.resource::<ActionQueue>().0.clone()
    }

    /// Removes a queued action (undo before the turn ends), returning it.
    pub fn withdraw(&mut self, position: usize) -> Result<QueuedAction, EngineError> {
        let mut queue = self.world.resource_mut::<ActionQueue>();
        if position >= queue.0.len() {
            return Err(EngineError::NothingQueued(position));
        }
        let q = queue.0.remove(position);
        let cost = self
            .bundle()
            .catalogue
            .actions
            .iter()
            .find(|a| a.id == q.action)
            .map(|a| a.cost)
            .unwrap_or(0);
        self.spend(&q.role, -(cost as i64));
        Ok(q)
    }

    /// Decisions waiting for the team.
    pub fn open_decisions(&mut self) -> Vec<DecisionView> {
        let b = self.bundle().clone();
        let queued = self.world.resource::<DecisionQueue>().0.clone();
        let mut q = self.world.query::<(&InjectIdx, &InjectState)>();
        let mut rows: Vec<_> = q
            .iter(&self.world)
            .filter(|(_, s)| s.fired.is_some() && s.decided.is_none())
            .map(|(i, s)| (*i, s.fired.unwrap_or(0)))
            .collect();
        rows.sort();
        rows.into_iter()
            .filter_map(|(i, fired)| {
                let inj = &b.scenario.injects[i.0];
                let d = inj.decision.as_ref()?;
                Some(DecisionView {
                    id: d.id.clone(),
                    inject: inj.id.clone(),
                    prompt: d.prompt.clone(),
                    owner: d.owner.clone(),
                    options: d
                        .options
                        .iter()
                        .map(|o| (o.id.clone(), o.label.clone()))
                        .collect(),
                    default: d.default.clone(),
                    deadline_turn: fired.saturating_add(d.timeout_turns.max(1) - 1),
                    queued: queued.get(&d.id).map(|(o, _)| o.clone()),
                })
            })
            .collect()
    }

    /// Takes a decision (applied when the turn resolves; may be changed until then).
    pub fn decide(&mut self, decision: &str, option: &str, role: &str) -> Result<(), EngineError> {
        if self.is_over() {
            return Err(EngineError::Over);
        }
        if self.capacity_left(role).is_none() {
            return Err(EngineError::UnknownRole(role.to_string()));
        }
        let d = self
            .open_decision(decision)
            .ok_or_else(|| EngineError::NoDecision(decision.to_string()))?;
        if !d.options.iter().any(|o| o.id == option) {
            return Err(EngineError::NoOption {
                decision: decision.to_string(),
                option: option.to_string(),
            });
        }
        self.world
            .resource_mut::<DecisionQueue>()
            .0
            .insert(decision.to_string(), (option.to_string(), role.to_string()));
        Ok(())
    }

    /// Facilitator: delivers an inject now (contingency or any not yet delivered).
    pub fn fire_inject(&mut self, id: &str) -> Result<InjectView, EngineError> {
        if self.is_over() {
            return Err(EngineError::Over);
        }
        let index = self.world.resource::<Index>();
        let i = *index
            .inject_ids
            .get(id)
            .ok_or_else(|| EngineError::UnknownInject(id.to_string()))?;
        let e = index.injects[i];
        if self
            .world
            .get::<InjectState>(e)
            .is_some_and(|s| s.fired.is_some())
        {
            return Err(EngineError::AlreadyFired(id.to_string()));
        }
        self.world.write_message(InjectFired {
            inject: i,
            by_facilitator: true,
        });
        self.inject_now.run(&mut self.world);
        self.world
            .resource::<TurnLog>()
            .0
            .injects
            .iter()
            .rev()
            .find(|v| v.id == id)
            .cloned()
            .ok_or_else(|| EngineError::UnknownInject(id.to_string()))
    }

    /// Facilitator: overrides a score line's points, with a reason.
    pub fn override_score(
        &mut self,
        line: u32,
        points: i32,
        reason: &str,
        by: &str,
    ) -> Result<ScoreOverride, EngineError> {
        let turn = self.turn();
        if reason.trim().is_empty() {
            return Err(EngineError::NoReason(line));
        }
        let mut score = self.world.resource_mut::<Score>();
        let (current, range) = score
            .lines
            .iter()
            .find(|l| l.line == line)
            .map(|l| {
                (
                    scoring::effective_points(l, &score.overrides),
                    l.override_range(),
                )
            })
            .ok_or(EngineError::NoLine(line))?;
        if !range.contains(&points) {
            return Err(EngineError::OverrideOutOfRange {
                line,
                points,
                min: *range.start(),
                max: *range.end(),
            });
        }
        let o = ScoreOverride {
            line,
            from: current,
            to: points,
            reason: reason.to_string(),
            by: by.to_string(),
            turn,
        };
        score.overrides.push(o.clone());
        score.overrides_made += 1;
        let n = score.overrides_made;
        score.override_ns.push(n);
        Ok(o)
    }

    /// Withdraws the `n`-th override of the drill (from 1, in the order they were made): a
    /// correction says it was a mistake, so it no longer counts (the line's points are those
    /// of the override before it, or the engine's own).
    pub fn withdraw_override(&mut self, n: u32) -> Result<ScoreOverride, EngineError> {
        let mut score = self.world.resource_mut::<Score>();
        let i = score
            .override_ns
            .iter()
            .position(|&x| x == n)
            .ok_or(EngineError::NoOverride(n))?;
        score.override_ns.remove(i);
        Ok(score.overrides.remove(i))
    }

    /// Practice: scores a hint that showed step `step` of the reference response. It costs the
    /// scenario's `hint_points`, as a `hint` score line of this turn (none when the scenario
    /// sets no cost).
    pub fn hint(&mut self, step: usize) -> Result<Option<scoring::ScoreLine>, EngineError> {
        if self.is_over() {
            return Err(EngineError::Over);
        }
        let bundle = self.bundle().clone();
        if step >= bundle.scenario.reference_response.len() {
            return Err(EngineError::NoStep(step));
        }
        let cost = i32::try_from(bundle.scenario.hint_points).unwrap_or(i32::MAX);
        if cost == 0 {
            return Ok(None);
        }
        let turn = self.turn();
        let why = scoring::ScoreReason::Hint { step };
        let mut score = self.world.resource_mut::<Score>();
        let line = scoring::ScoreLine {
            line: score.lines.len() as u32 + 1,
            turn,
            points: -cost,
            source: scoring::HINT_SOURCE.to_string(),
            objective: String::new(),
            reason: why.text(crate::i18n::Lang::En, &*bundle),
            evidence: vec![format!("hint:{}#t{turn}", step + 1)],
            max_points: 0,
            min_points: -cost,
            why: Some(why),
        };
        score.lines.push(line.clone());
        let mut log = self.world.resource_mut::<TurnLog>();
        log.0.turn_points -= cost;
        log.0.score_lines.push(line.clone());
        Ok(Some(line))
    }

    /// Resolves the turn (decisions, actions, attacker, detection, impact, clocks, scoring, endings)
    /// and, unless the drill ended, opens the next one.
    pub fn end_turn(&mut self) -> TurnReport {
        if self.is_over() {
            return TurnReport {
                turn: self.turn(),
                ending: self.ending(),
                ..TurnReport::default()
            };
        }
        let queue = std::mem::take(&mut self.world.resource_mut::<ActionQueue>().0);
        for q in queue {
            let idx = self
                .world
                .resource::<Index>()
                .action_ids
                .get(&q.action)
                .copied();
            if let Some(action) = idx {
                self.world.write_message(TeamAction {
                    action,
                    target: q.target,
                    role: q.role,
                });
            }
        }
        self.resolve.run(&mut self.world);
        // The next turn starts a fresh log, so the finished one can be moved out.
        let mut report = if self.is_over() {
            self.world.resource::<TurnLog>().0.clone()
        } else {
            std::mem::take(&mut self.world.resource_mut::<TurnLog>().0)
        };
        if self.track_changes {
            report.changes = self.take_changes();
        }
        if !self.is_over() {
            self.open.run(&mut self.world);
        }
        report
    }
}
