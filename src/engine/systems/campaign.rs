//! The attacker: stages roll against chances that controls and team actions change; monitoring
//! controls roll to reveal what happened.

use bevy_ecs::prelude::*;

use super::effects::{EffectTargets, reveal_stage};
use crate::engine::components::*;
use crate::engine::event::ModifierReason;
use crate::engine::facts::Facts;
use crate::engine::messages::StageOutcome;
use crate::engine::resources::*;
use crate::engine::view::{AttackerRoll, StepOutcome};

/// Rolls every stage that can move this turn, in campaign order.
pub fn advance_campaign(
    def: Res<Def>,
    facts: Facts,
    mut rng: ResMut<DrillRng>,
    mut log: ResMut<TurnLog>,
    mut outcomes: MessageWriter<StageOutcome>,
) {
    let turn = facts.turn.turn;
    for (si, stage) in def.0.scenario.campaign.iter().enumerate() {
        let Ok(state) = facts.stages.get(facts.index.stages[si]) else {
            continue;
        };
        if state.reached.is_some() || state.halted.is_some() {
            continue;
        }
        if stage.earliest.is_some_and(|e| turn < e) {
            continue;
        }
        if let Some(prev) = &stage.after {
            let ready = facts
                .stage(prev)
                .and_then(|p| p.reached)
                .is_some_and(|t| t < turn);
            if !ready {
                continue;
            }
        }
        let mut step = AttackerRoll {
            stage: stage.id.clone(),
            title: stage.title.clone(),
            technique: stage.technique.clone(),
            base: stage.chance,
            modifiers: Vec::new(),
            chance: stage.chance,
            roll: None,
            outcome: StepOutcome::Blocked,
        };
        if stage
            .halted_when
            .as_ref()
            .is_some_and(|h| facts.holds(h, None))
        {
            step.outcome = StepOutcome::Halted;
            step.chance = 0.0;
            outcomes.write(StageOutcome {
                stage: si,
                reached: false,
            });
            log.0.attacker.push(step);
            continue;
        }
        let mut chance = stage.chance;
        if let Some(t) = &stage.target
            && let Some(&ai) = facts.index.asset_ids.get(t)
            && facts.asset(t).is_some_and(|a| a.isolated)
        {
            step.modifiers
                .push((ModifierReason::TargetIsolated(ai), 0.0));
            chance = 0.0;
        }
        for (mi, m) in stage.modifiers.iter().enumerate() {
            if facts.holds(&m.when, None) {
                step.modifiers
                    .push((ModifierReason::Authored(si, mi), m.factor));
                chance *= m.factor;
            }
        }
        chance = chance.clamp(0.0, 1.0);
        step.chance = chance;
        if chance > 0.0 {
            let roll = rng.roll();
            step.roll = Some(roll);
            if roll < chance {
                step.outcome = StepOutcome::Succeeded;
                outcomes.write(StageOutcome {
                    stage: si,
                    reached: true,
                });
            } else {
                step.outcome = StepOutcome::Failed;
            }
        }
        log.0.attacker.push(step);
    }
}

/// Applies stage outcomes: marks them and queues their effects.
pub fn apply_stage_outcomes(
    def: Res<Def>,
    turn: Res<TurnCounter>,
    index: Res<Index>,
    mut outcomes: MessageReader<StageOutcome>,
    mut stages: Query<&mut StageState>,
    mut pending: ResMut<PendingEffects>,
) {
    for o in outcomes.read() {
        let Ok(mut s) = stages.get_mut(index.stages[o.stage]) else {
            continue;
        };
        s.attempts += 1;
        if !o.reached {
            s.halted = Some(turn.turn);
            continue;
        }
        s.reached = Some(turn.turn);
        let stage = &def.0.scenario.campaign[o.stage];
        for e in &stage.on_success {
            pending.0.push((
                e.clone(),
                EffectSource {
                    origin: crate::engine::event::Origin::Stage(o.stage),
                    target: stage.target.clone(),
                },
            ));
        }
    }
}

/// Monitoring controls roll to reveal stages that were reached but are not yet known.
pub fn detect_stages(mut targets: EffectTargets) {
    let def = targets.bundle();
    for (si, stage) in def.scenario.campaign.iter().enumerate() {
        if !targets.stage_hidden(si) {
            continue;
        }
        let target_controls: &[String] = stage
            .target
            .as_ref()
            .and_then(|t| targets.asset_index(t))
            .and_then(|i| def.org.assets.get(i))
            .map(|a| a.controls.as_slice())
            .unwrap_or(&[]);
        for cid in &stage.detected_by {
            let Some(control) = def.org.controls.iter().find(|c| &c.id == cid) else {
                continue;
            };
            let in_place = targets.control_in_place(cid) || target_controls.contains(cid);
            if !in_place || control.detect_chance <= 0.0 {
                continue;
            }
            let roll = targets.roll();
            let chance = control.detect_chance * targets.unstealth(si);
            if roll < chance {
                reveal_stage(&mut targets, si, &format!("control:{cid}"), chance, roll);
                break;
            }
        }
    }
}
