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
    let mut controls = Controls::default();
    for c in &org.controls {
        if c.in_place {
            controls.org_wide.insert(c.id.clone());
        }
    }
    index.assets.reserve(all_assets.len());
    for (i, a) in all_assets.iter().enumerate() {
        let e = world.spawn((AssetIdx(i), AssetState::default())).id();
        index.assets.push(e);
        index.asset_ids.insert(a.id.clone(), i);
        index.zone_assets.entry(a.zone.clone()).or_default().push(i);
        for c in &a.controls {
            if !controls.on_assets.contains(c) {
                controls.on_assets.insert(c.clone());
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
        let e = world
            .spawn((
                RoleIdx(i),
                RoleCapacity {
                    per_turn: r.capacity,
                    used: 0,
                },
            ))
            .id();
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
        let use_ = sc.regimes.get(ri);
        let use_hours = use_.and_then(|u| u.hours);
        let grace = use_.map_or(crate::scenario::DEFAULT_CLOCK_GRACE, |u| u.grace());
        for (ki, c) in regime.clocks.iter().enumerate() {
            let hours = c.hours.or(use_hours).unwrap_or(24);
            let e = world
                .spawn((
                    ClockIdx(ri, ki),
                    ClockState {
                        hours,
                        grace,
                        ..ClockState::default()
                    },
                ))
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

    world.insert_resource(TurnCounter {
        turn: 0,
        max: sc.max_turns,
        minutes: sc.turn_minutes,
    });
    world.insert_resource(index);
    world.insert_resource(controls);
    world.insert_resource(DrillRng::new(seed));
    world.insert_resource(Def(bundle));
    world.init_resource::<Flags>();
    world.init_resource::<History>();
    world.init_resource::<ActionQueue>();
    world.init_resource::<DecisionQueue>();
    world.init_resource::<PendingEffects>();
    world.init_resource::<Score>();
    world.init_resource::<Impact>();
    world.init_resource::<RulesFired>();
    world.init_resource::<TurnLog>();
    world.init_resource::<Outcome>();
    world.init_resource::<BackupsVerified>();
    world
}
