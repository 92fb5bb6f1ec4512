//! Services follow their assets; outages add impact; rebuilds progress.

use bevy_ecs::prelude::*;

use crate::engine::components::*;
use crate::engine::event::{EventKind, Origin, TurnEvent};
use crate::engine::resources::*;

/// Sets each service's status from its assets and adds the turn's outage impact.
pub fn propagate_service_impact(
    def: Res<Def>,
    turn: Res<TurnCounter>,
    assets: Query<&AssetState>,
    mut services: Query<(&ServiceIdx, &ServiceDeps, &mut ServiceState)>,
    mut impact: ResMut<Impact>,
    mut log: ResMut<TurnLog>,
) {
    let hours = f64::from(turn.minutes) / 60.0;
    let mut rows: Vec<_> = services.iter_mut().collect();
    rows.sort_by_key(|(i, _, _)| **i);
    for (idx, deps, mut state) in rows {
        let down = |e: &Entity| assets.get(*e).is_ok_and(AssetState::down);
        let status = if deps.hard.iter().any(down) {
            ServiceStatus::Down
        } else if deps.soft.iter().any(down) {
            ServiceStatus::Degraded
        } else {
            ServiceStatus::Up
        };
        let sdef = &def.0.org.services[idx.0];
        if status != state.status {
            log.0.events.push(TurnEvent {
                origin: Origin::Service,
                kind: EventKind::ServiceChanged {
                    service: idx.0,
                    status,
                },
            });
            state.status = status;
        }
        let cost = match status {
            ServiceStatus::Down => sdef.impact_per_hour * hours,
            ServiceStatus::Degraded => sdef.impact_per_hour * hours / 2.0,
            ServiceStatus::Up => 0.0,
        };
        if status == ServiceStatus::Down {
            state.down_turns += 1;
            state.down_streak += 1;
        } else {
            state.down_streak = 0;
        }
        impact.total += cost;
        log.0.impact += cost;
    }
}

/// Counts down rebuilds; an asset is back when its rebuild completes.
pub fn tick_rebuilds(
    index: Res<Index>,
    mut rebuilding: ResMut<Rebuilding>,
    mut assets: Query<&mut AssetState>,
    mut log: ResMut<TurnLog>,
) {
    if rebuilding.0.is_empty() {
        return;
    }
    // In asset order, as the events are logged.
    let mut done = Vec::new();
    for &i in &rebuilding.0 {
        let Ok(mut a) = assets.get_mut(index.assets[i]) else {
            continue;
        };
        if a.rebuilding > 0 {
            a.rebuilding -= 1;
        }
        if a.rebuilding == 0 {
            done.push(i);
        }
    }
    for &i in &done {
        rebuilding.0.remove(&i);
    }
    for asset in done {
        log.0.events.push(TurnEvent {
            origin: Origin::Rebuild,
            kind: EventKind::RebuildDone { asset },
        });
    }
}
