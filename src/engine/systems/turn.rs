//! Opening a turn: the counter, capacities, and delivering injects.

use bevy_ecs::prelude::*;

use crate::engine::components::*;
use crate::engine::facts::Facts;
use crate::engine::messages::InjectFired;
use crate::engine::resources::*;
use crate::engine::view::{InjectView, TurnReport};
use crate::scenario::{Inject, Trigger};

/// Moves to the next turn, resets capacities and starts a fresh turn log.
pub fn begin_turn(
    mut turn: ResMut<TurnCounter>,
    mut log: ResMut<TurnLog>,
    mut roles: Query<&mut RoleCapacity>,
) {
    turn.turn += 1;
    for mut r in &mut roles {
        r.used = 0;
    }
    log.0 = TurnReport {
        turn: turn.turn,
        minutes: turn.turn.saturating_mul(turn.minutes),
        ..TurnReport::default()
    };
}

/// Builds the view of a delivered inject.
pub fn inject_view(def: &Inject, turn: u32, by_facilitator: bool) -> InjectView {
    InjectView {
        id: def.id.clone(),
        turn,
        to: def.to.clone(),
        channel: def.channel,
        from: def.from.clone(),
        title: def.title.clone(),
        text: def.text.clone(),
        artifacts: def.artifacts.clone(),
        decision: def.decision.as_ref().map(|d| d.id.clone()),
        by_facilitator,
    }
}

/// Decides which injects fire this turn (`At`, `After`, `When`), in MSEL order.
pub fn select_injects(def: Res<Def>, facts: Facts, mut fired: MessageWriter<InjectFired>) {
    let turn = facts.turn.turn;
    for (i, inj) in def.0.scenario.injects.iter().enumerate() {
        if inj.contingency {
            continue;
        }
        let Ok(state) = facts.injects.get(facts.index.injects[i]) else {
            continue;
        };
        if state.fired.is_some() {
            continue;
        }
        let due = match &inj.trigger {
            Trigger::At(t) => *t == turn,
            Trigger::After(id, delay) => {
                after_turn(&facts, id).is_some_and(|t| t + delay.max(&1) <= turn)
            }
            Trigger::When(c) => facts.holds(c, None),
        };
        if due {
            fired.write(InjectFired {
                inject: i,
                by_facilitator: false,
            });
        }
    }
}

/// Turn an inject was delivered or an option chosen.
fn after_turn(facts: &Facts, id: &str) -> Option<u32> {
    if let Some(&i) = facts.index.inject_ids.get(id) {
        return facts.injects.get(facts.index.injects[i]).ok()?.fired;
    }
    facts.history.chosen.get(id).copied()
}

/// Delivers the injects selected this turn: marks them, logs them, queues their effects.
pub fn deliver_injects(
    def: Res<Def>,
    turn: Res<TurnCounter>,
    index: Res<Index>,
    mut fired: MessageReader<InjectFired>,
    mut states: Query<&mut InjectState>,
    mut log: ResMut<TurnLog>,
    mut pending: ResMut<PendingEffects>,
) {
    for msg in fired.read() {
        let inj = &def.0.scenario.injects[msg.inject];
        let Ok(mut state) = states.get_mut(index.injects[msg.inject]) else {
            continue;
        };
        if state.fired.is_some() {
            continue;
        }
        state.fired = Some(turn.turn);
        log.0
            .injects
            .push(inject_view(inj, turn.turn, msg.by_facilitator));
        for e in &inj.effects {
            pending.0.push((
                e.clone(),
                EffectSource {
                    origin: crate::engine::event::Origin::Inject(msg.inject),
                    target: None,
                },
            ));
        }
    }
}
