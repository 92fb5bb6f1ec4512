//! The team's turn: decisions (taken or timed out) and actions.

use bevy_ecs::prelude::*;

use crate::engine::components::*;
use crate::engine::messages::TeamAction;
use crate::engine::resources::*;
use crate::engine::view::{ActionOutcome, DecisionOutcome};

/// Applies decisions taken this turn, and defaults for those that timed out.
#[allow(clippy::too_many_arguments)] // a bevy system: each parameter is one resource or query
pub fn apply_decisions(
    def: Res<Def>,
    turn: Res<TurnCounter>,
    index: Res<Index>,
    mut queue: ResMut<DecisionQueue>,
    mut states: Query<&mut InjectState>,
    mut history: ResMut<History>,
    mut pending: ResMut<PendingEffects>,
    mut log: ResMut<TurnLog>,
) {
    let taken = std::mem::take(&mut queue.0);
    for (i, inj) in def.0.scenario.injects.iter().enumerate() {
        let Some(decision) = &inj.decision else {
            continue;
        };
        let Ok(mut state) = states.get_mut(index.injects[i]) else {
            continue;
        };
        let Some(fired) = state.fired else { continue };
        if state.decided.is_some() {
            continue;
        }
        let choice = match taken.get(&decision.id) {
            Some((option, role)) => Some((option.clone(), format!("role:{role}"))),
            None if turn.turn >= fired.saturating_add(decision.timeout_turns.max(1) - 1) => {
                Some((decision.default.clone(), "timeout".to_string()))
            }
            None => None,
        };
        let Some((option_id, by)) = choice else {
            continue;
        };
        let Some((oi, opt)) = decision
            .options
            .iter()
            .enumerate()
            .find(|(_, o)| o.id == option_id)
        else {
            continue;
        };
        state.decided = Some((oi, turn.turn, by.clone()));
        history.chosen.insert(opt.id.clone(), turn.turn);
        for e in &opt.effects {
            pending.0.push((
                e.clone(),
                EffectSource {
                    origin: crate::engine::event::Origin::Option(i, oi),
                    target: None,
                },
            ));
        }
        log.0.decisions.push(DecisionOutcome {
            decision: decision.id.clone(),
            option: opt.id.clone(),
            label: opt.label.clone(),
            by,
        });
    }
}

/// Resolves the team's actions in submission order: rolls, history, effects.
pub fn apply_team_actions(
    def: Res<Def>,
    turn: Res<TurnCounter>,
    mut actions: MessageReader<TeamAction>,
    mut rng: ResMut<DrillRng>,
    mut history: ResMut<History>,
    mut pending: ResMut<PendingEffects>,
    mut log: ResMut<TurnLog>,
) {
    for msg in actions.read() {
        let Some(a) = def.0.catalogue.actions.get(msg.action) else {
            continue;
        };
        let roll = (a.chance < 1.0).then(|| rng.roll());
        let success = roll.is_none_or(|r| r < a.chance);
        let mut notes = Vec::new();
        if success {
            // Only actions that worked count as done (for expectations, endings and evidence).
            history.record(&a.id, msg.target.as_deref(), turn.turn);
            for e in &a.effects {
                pending.0.push((
                    e.clone(),
                    EffectSource {
                        origin: crate::engine::event::Origin::Action(msg.action),
                        target: msg.target.clone(),
                    },
                ));
            }
        } else if let Some(r) = roll {
            notes.push(format!(
                "did not work (roll {:.0} ≥ chance {:.0}%)",
                r * 100.0,
                a.chance * 100.0
            ));
        }
        log.0.actions.push(ActionOutcome {
            action: a.id.clone(),
            name: a.name.clone(),
            role: msg.role.clone(),
            target: msg.target.clone(),
            chance: a.chance,
            roll,
            success,
            notes,
        });
    }
}
