//! Building the world from a bundle: one entity per asset, service, role, stage, inject,
//! expectation and clock, plus the resources.

use bevy_ecs::message::MessageRegistry;
use bevy_ecs::prelude::*;

use super::components::*;
use super::messages::{InjectFired, StageOutcome, TeamAction};
use super::resources::*;
use crate::scenario::Bundle;

/// Spawns every entity and inserts every resource for a new drill.
pub fn build_world(bundle: std::sync::Arc<Bundle>, seed: u64) -> World {
    let mut world = World::new();
    MessageRegistry::register_message::<TeamAction>(&mut world);
    MessageRegistry::register_message::<InjectFired>(&mut world);
    MessageRegistry::register_message::<StageOutcome>(&mut world);

    let mut index = Index::default();
    let org = &bundle.org;
    let all_assets = org.all_assets();
    // Spawned in one batch (a large organisation has up to a million assets).
    index.assets = world
        .spawn_batch((0..all_assets.len()).map(|i| (AssetIdx(i), AssetState::default())))
        .collect();
    index.asset_ids.reserve(all_assets.len());
    for (i, a) in all_assets.iter().enumerate() {
        index.asset_ids.insert(a.id.clone(), i);
        match index.zone_assets.get_mut(&a.zone) {
            Some(v) => v.push(i),
            None => {
                index.zone_assets.insert(a.zone.clone(), vec![i]);
            }
        }
    }
    for (i, s) in org.services.iter().enumerate() {
        let lookup = |ids: &[String]| -> Vec<Entity> {
            ids.iter()
                .filter_map(|id| index.asset_ids.get(id).map(|&k| index.assets[k]))
                .collect()
        };
        let deps = ServiceDeps {
            hard: lookup(&s.depends_on),
            soft: lookup(&s.degraded_by),
        };
        let e = world
            .spawn((ServiceIdx(i), deps, ServiceState::default()))
            .id();
        index.services.push(e);
        index.service_ids.insert(s.id.clone(), i);
    }
    for (i, r) in org.roles.iter().enumerate() {
        let e = world.spawn((RoleIdx(i), initial_capacity(r))).id();
        index.roles.push(e);
        index.role_ids.insert(r.id.clone(), i);
    }
    let sc = &bundle.scenario;
    for (i, s) in sc.campaign.iter().enumerate() {
        let e = world.spawn((StageIdx(i), StageState::default())).id();
        index.stages.push(e);
        index.stage_ids.insert(s.id.clone(), i);
    }
    for (i, inj) in sc.injects.iter().enumerate() {
        let e = world.spawn((InjectIdx(i), InjectState::default())).id();
        index.injects.push(e);
        index.inject_ids.insert(inj.id.clone(), i);
        if let Some(d) = &inj.decision {
            index.decision_injects.push(i);
            for (k, o) in d.options.iter().enumerate() {
                index.option_ids.insert(o.id.clone(), (i, k));
            }
        }
    }
    for i in 0..sc.expectations.len() {
        let e = world.spawn((ExpectIdx(i), ExpectState::default())).id();
        index.expects.push(e);
    }
    for (ri, regime) in bundle.regimes.iter().enumerate() {
        for (ki, c) in regime.clocks.iter().enumerate() {
            let e = world
                .spawn((ClockIdx(ri, ki), initial_clock(&bundle, ClockIdx(ri, ki))))
                .id();
            index
                .clock_ids
                .insert(format!("{}/{}", regime.id, c.id), index.clocks.len());
            index.clocks.push(e);
        }
    }
    for (i, a) in bundle.catalogue.actions.iter().enumerate() {
        index.action_ids.insert(a.id.clone(), i);
    }

    world.insert_resource(index);
    world.insert_resource(InitialControls(initial_controls(&bundle)));
    world.insert_resource(Def(bundle));
    world.insert_resource(ReasonText(true));
    insert_drill_state(&mut world, seed);
    world
}

/// A role's capacity at the start of a drill.
fn initial_capacity(role: &crate::scenario::org::Role) -> RoleCapacity {
    RoleCapacity {
        per_turn: role.capacity,
        used: 0,
    }
}

/// A clock's state at the start of a drill: its deadline and grace from the regime and the
/// scenario's use of it.
fn initial_clock(bundle: &Bundle, ClockIdx(ri, ki): ClockIdx) -> ClockState {
    let use_ = bundle.scenario.regimes.get(ri);
    let grace = use_.map_or(crate::scenario::DEFAULT_CLOCK_GRACE, |u| u.grace());
    let hours = bundle.regimes[ri].clocks[ki]
        .hours
        .or(use_.and_then(|u| u.hours))
        .unwrap_or(24);
    ClockState {
        hours,
        grace,
        ..ClockState::default()
    }
}

/// The controls in place when a drill starts, worked out once per world (a reset copies them:
/// finding the controls on some asset reads every asset).
#[derive(Resource)]
struct InitialControls(Controls);

/// The controls in place when a drill starts: those the organisation has in place, and those
/// on at least one asset.
fn initial_controls(bundle: &Bundle) -> Controls {
    let org = &bundle.org;
    let mut controls = Controls::default();
    for c in &org.controls {
        if c.in_place {
            controls.org_wide.insert(c.id.clone());
        }
    }
    for a in org.all_assets().iter() {
        for c in &a.controls {
            if !controls.on_assets.contains(c) {
                controls.on_assets.insert(c.clone());
            }
        }
    }
    controls
}

/// Inserts (or overwrites) every resource that changes during a drill with its value at the
/// start: the one definition of the initial state, used by [`build_world`] and [`Reset`].
fn insert_drill_state(world: &mut World, seed: u64) {
    let bundle = world.resource::<Def>().0.clone();
    let sc = &bundle.scenario;
    world.insert_resource(TurnCounter {
        turn: 0,
        max: sc.max_turns,
        minutes: sc.turn_minutes,
    });
    let controls = world.resource::<InitialControls>().0.clone();
    world.insert_resource(controls);
    world.insert_resource(DrillRng::new(seed));
    world.insert_resource(Flags::default());
    world.insert_resource(History::default());
    world.insert_resource(ActionQueue::default());
    world.insert_resource(DecisionQueue::default());
    world.insert_resource(PendingEffects::default());
    world.insert_resource(Score::default());
    world.insert_resource(Impact::default());
    world.insert_resource(RulesFired::default());
    world.insert_resource(TurnLog::default());
    world.insert_resource(Outcome::default());
    world.insert_resource(BackupsVerified::default());
    world.insert_resource(Rebuilding::default());
}

/// Puts a world built by [`build_world`] back to the start of a drill, keeping its entities
/// (so iteration order is the same as in a fresh world), the index and the bundle: every
/// component state and every drill resource gets its initial value, and the message queues are
/// emptied (readers' cursors stay valid: they see only messages written later). It holds the
/// queries it writes through, so a batch of resets builds them once.
pub struct Reset {
    assets: QueryState<&'static mut AssetState>,
    services: QueryState<&'static mut ServiceState>,
    stages: QueryState<&'static mut StageState>,
    injects: QueryState<&'static mut InjectState>,
    expects: QueryState<&'static mut ExpectState>,
    roles: QueryState<(&'static RoleIdx, &'static mut RoleCapacity)>,
    clocks: QueryState<(&'static ClockIdx, &'static mut ClockState)>,
}

impl Reset {
    /// The queries over `world` (built by [`build_world`]).
    pub fn new(world: &mut World) -> Reset {
        Reset {
            assets: world.query(),
            services: world.query(),
            stages: world.query(),
            injects: world.query(),
            expects: world.query(),
            roles: world.query(),
            clocks: world.query(),
        }
    }

    /// Resets `world` to the start of a drill with `seed`.
    pub fn run(&mut self, world: &mut World, seed: u64) {
        let bundle = world.resource::<Def>().0.clone();
        for mut c in self.assets.iter_mut(world) {
            *c = AssetState::default();
        }
        for mut c in self.services.iter_mut(world) {
            *c = ServiceState::default();
        }
        for mut c in self.stages.iter_mut(world) {
            *c = StageState::default();
        }
        for mut c in self.injects.iter_mut(world) {
            *c = InjectState::default();
        }
        for mut c in self.expects.iter_mut(world) {
            *c = ExpectState::default();
        }
        for (i, mut c) in self.roles.iter_mut(world) {
            *c = initial_capacity(&bundle.org.roles[i.0]);
        }
        for (i, mut c) in self.clocks.iter_mut(world) {
            *c = initial_clock(&bundle, *i);
        }
        world.resource_mut::<Messages<TeamAction>>().clear();
        world.resource_mut::<Messages<InjectFired>>().clear();
        world.resource_mut::<Messages<StageOutcome>>().clear();
        insert_drill_state(world, seed);
    }
}
