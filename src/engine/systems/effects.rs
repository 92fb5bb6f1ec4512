//! Applying effects: the one mechanism behind actions, decision options, injects and attacker stages.

use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemState;

use crate::engine::components::*;
use crate::engine::event::{EventKind, Origin, TurnEvent};
use crate::engine::resources::*;
use crate::engine::view::Detection;
use crate::scenario::{Effect, TARGET};

/// Mutable access to the parts of the world effects change.
#[derive(bevy_ecs::system::SystemParam)]
pub struct EffectTargets<'w, 's> {
    def: Res<'w, Def>,
    turn: Res<'w, TurnCounter>,
    index: Res<'w, Index>,
    flags: ResMut<'w, Flags>,
    controls: ResMut<'w, Controls>,
    impact: ResMut<'w, Impact>,
    rng: ResMut<'w, DrillRng>,
    log: ResMut<'w, TurnLog>,
    verified: ResMut<'w, BackupsVerified>,
    rebuilding: ResMut<'w, Rebuilding>,
    assets: Query<'w, 's, &'static mut AssetState>,
    stages: Query<'w, 's, (&'static StageIdx, &'static mut StageState)>,
    clocks: Query<'w, 's, (&'static ClockIdx, &'static mut ClockState)>,
}

impl EffectTargets<'_, '_> {
    /// The bundle being played.
    pub fn bundle(&self) -> std::sync::Arc<crate::scenario::Bundle> {
        self.def.0.clone()
    }

    /// A stage was reached but the team does not know yet.
    pub fn stage_hidden(&self, stage: usize) -> bool {
        self.stages
            .get(self.index.stages[stage])
            .is_ok_and(|(_, s)| s.reached.is_some() && s.known.is_none())
    }

    /// The control is in place organisation-wide.
    pub fn control_in_place(&self, control: &str) -> bool {
        self.controls.org_wide.contains(control)
    }

    /// Index of an asset by id.
    pub fn asset_index(&self, id: &str) -> Option<usize> {
        self.index.asset_ids.get(id).copied()
    }

    /// A roll from the drill's RNG.
    pub fn roll(&mut self) -> f64 {
        self.rng.roll()
    }

    fn event(&mut self, origin: Origin, kind: EventKind) {
        self.log.0.events.push(TurnEvent { origin, kind });
    }

    /// The journal's name of an origin (`action:<id>`, …), for detections.
    fn origin_key(&self, origin: Origin) -> String {
        origin.key(&self.def.0)
    }

    /// The share of a finder's chance left by a stage's stealth: 1 − stealth, within 0..1.
    pub fn unstealth(&self, stage: usize) -> f64 {
        (1.0 - self.def.0.scenario.campaign[stage].stealth).clamp(0.0, 1.0)
    }

    /// Reveals a stage: known now, and its target asset known compromised.
    fn reveal(&mut self, stage: usize, by: &str, chance: f64, roll: f64) {
        let turn = self.turn.turn;
        let entity = self.index.stages[stage];
        if let Ok((_, mut s)) = self.stages.get_mut(entity) {
            if s.known.is_some() {
                return;
            }
            s.known = Some(turn);
        }
        let sdef = &self.def.0.scenario.campaign[stage];
        let target = sdef.target.clone();
        self.log.0.detections.push(Detection {
            stage: sdef.id.clone(),
            by: by.to_string(),
            chance,
            roll,
        });
        if let Some(t) = target
            && let Some(&ai) = self.index.asset_ids.get(&t)
            && let Ok(mut a) = self.assets.get_mut(self.index.assets[ai])
            && a.compromised
        {
            a.known_compromised = true;
        }
    }

    fn apply(&mut self, effect: Effect, src: &EffectSource) {
        let resolve = |id: &str| -> String {
            if id == TARGET {
                src.target.clone().unwrap_or_default()
            } else {
                id.to_string()
            }
        };
        let who = src.origin;
        let asset_ix = |me: &Self, id: &str| {
            let id = if id == TARGET {
                src.target.as_deref().unwrap_or_default()
            } else {
                id
            };
            me.index.asset_ids.get(id).copied()
        };
        match effect {
            Effect::SetFlag(f) => {
                self.flags.0.insert(f);
            }
            Effect::ClearFlag(f) => {
                self.flags.0.remove(&f);
            }
            Effect::AddControl(c) => {
                if !self.controls.org_wide.contains(&c) {
                    self.controls.org_wide.insert(c.clone());
                    self.event(who, EventKind::ControlInPlace { control: c });
                }
            }
            Effect::Impact(amount, why) => {
                self.impact.total += amount;
                self.log.0.impact += amount;
                self.event(who, EventKind::Impact { amount, why });
            }
            Effect::Exfiltrate(data) => {
                let Some(di) = self.def.0.org.data.iter().position(|d| d.id == data) else {
                    return;
                };
                let (personal, breach) = {
                    let d = &self.def.0.org.data[di];
                    (d.personal, d.breach_impact)
                };
                self.flags.0.insert("data-exfiltrated".into());
                if personal {
                    self.flags.0.insert("personal-data-breach".into());
                }
                self.impact.total += breach;
                self.log.0.impact += breach;
                self.event(who, EventKind::Exfiltrated { data: di });
            }
            Effect::EncryptZone(zone) => {
                let mut n = 0;
                let members = self
                    .index
                    .zone_assets
                    .get(&zone)
                    .map_or(&[][..], |v| v.as_slice());
                for &ai in members {
                    if let Ok(mut a) = self.assets.get_mut(self.index.assets[ai])
                        && !a.isolated
                        && !a.encrypted
                    {
                        a.encrypted = true;
                        n += 1;
                    }
                }
                if n > 0 {
                    self.flags.0.insert("ransomware-detonated".into());
                    self.event(who, EventKind::ZoneEncrypted { count: n, zone });
                }
            }
            Effect::Notify(regime) => self.notify(&resolve(&regime), who),
            Effect::VerifyBackups => {
                self.verified.0 = true;
                self.event(who, EventKind::BackupsVerified);
            }
            Effect::Hunt(p) => {
                for si in 0..self.index.stages.len() {
                    if self.stage_hidden(si) {
                        let roll = self.rng.roll();
                        let chance = p * self.unstealth(si);
                        if roll < chance {
                            let by = self.origin_key(who);
                            self.reveal(si, &by, chance, roll);
                        }
                    }
                }
            }
            Effect::Inspect(asset, p) => {
                let target = resolve(&asset);
                for si in 0..self.index.stages.len() {
                    let on_target =
                        self.def.0.scenario.campaign[si].target.as_deref() == Some(target.as_str());
                    if on_target && self.stage_hidden(si) {
                        let roll = self.rng.roll();
                        let chance = p * self.unstealth(si);
                        if roll < chance {
                            let by = self.origin_key(who);
                            self.reveal(si, &by, chance, roll);
                        }
                    }
                }
            }
            Effect::Compromise(ref a)
            | Effect::Encrypt(ref a)
            | Effect::Isolate(ref a)
            | Effect::Reconnect(ref a)
            | Effect::Restore(ref a)
            | Effect::Rebuild(ref a)
            | Effect::Evict(ref a) => {
                let Some(ai) = asset_ix(self, a) else { return };
                self.asset_effect(&effect, ai, who);
            }
            // Expanded by `apply_effects`, which can read the facts its condition needs.
            Effect::If { .. } => {}
        }
    }

    fn asset_effect(&mut self, effect: &Effect, ai: usize, who: Origin) {
        let rebuild_turns = self.def.0.org.rebuild_turns.max(1);
        let backup = self
            .def
            .0
            .org
            .assets
            .get(ai)
            .and_then(|a| a.backup.as_ref())
            .map(|b| b.clean_chance);
        let verified = self.verified.0;
        let roll = match effect {
            Effect::Restore(_) if backup.is_some() && !verified => Some(self.rng.roll()),
            _ => None,
        };
        let Ok(mut a) = self.assets.get_mut(self.index.assets[ai]) else {
            return;
        };
        let asset = ai;
        let what = match effect {
            Effect::Compromise(_) => {
                a.compromised = true;
                None
            }
            Effect::Encrypt(_) if a.isolated => Some(EventKind::EncryptionFailed { asset }),
            Effect::Encrypt(_) => {
                a.encrypted = true;
                self.flags.0.insert("ransomware-detonated".into());
                Some(EventKind::AssetEncrypted { asset })
            }
            Effect::Isolate(_) => {
                a.isolated = true;
                Some(EventKind::Isolated { asset })
            }
            Effect::Reconnect(_) => {
                a.isolated = false;
                Some(EventKind::Reconnected { asset })
            }
            Effect::Restore(_) if backup.is_some() && verified => {
                a.encrypted = false;
                a.compromised = false;
                a.known_compromised = false;
                Some(EventKind::RestoredVerified { asset })
            }
            Effect::Restore(_) => match (backup, roll) {
                (Some(chance), Some(roll)) if roll < chance => {
                    a.encrypted = false;
                    a.compromised = false;
                    a.known_compromised = false;
                    Some(EventKind::RestoredClean {
                        asset,
                        roll,
                        chance,
                    })
                }
                (Some(chance), Some(roll)) => {
                    a.encrypted = false;
                    a.compromised = true;
                    Some(EventKind::RestoredInfected {
                        asset,
                        roll,
                        chance,
                    })
                }
                _ => Some(EventKind::NoBackup { asset }),
            },
            Effect::Rebuild(_) => {
                a.encrypted = false;
                a.compromised = false;
                a.known_compromised = false;
                a.rebuilding = rebuild_turns;
                self.rebuilding.0.insert(asset);
                Some(EventKind::Rebuilding {
                    asset,
                    turns: rebuild_turns,
                })
            }
            Effect::Evict(_) if a.known_compromised => {
                a.compromised = false;
                a.known_compromised = false;
                Some(EventKind::Evicted { asset })
            }
            Effect::Evict(_) if a.compromised => Some(EventKind::NothingToEvict { asset }),
            _ => None,
        };
        if let Some(w) = what {
            self.event(who, w);
        }
    }

    /// Meets the earliest open clock of a regime that this action meets.
    fn notify(&mut self, regime: &str, who: Origin) {
        let def = self.def.0.clone();
        let Some(ri) = def.regimes.iter().position(|r| r.id == regime) else {
            self.event(
                who,
                EventKind::NoRegime {
                    regime: regime.to_string(),
                },
            );
            return;
        };
        let action = who.action_id(&def);
        let turn = self.turn.turn;
        for (ki, cdef) in def.regimes[ri].clocks.iter().enumerate() {
            if !cdef.met_by.iter().any(|m| m == &action) {
                continue;
            }
            let Some(&ci) = self.index.clock_ids.get(&format!("{regime}/{}", cdef.id)) else {
                continue;
            };
            if let Ok((_, mut st)) = self.clocks.get_mut(self.index.clocks[ci])
                && st.delivered.is_none()
                && !st.verdict.is_some_and(|v| v.is_final())
            {
                // A report before the clock started also meets it; the clock system records
                // the start in the same turn.
                st.delivered = Some(turn);
                self.event(
                    who,
                    EventKind::ReportDelivered {
                        regime: ri,
                        clock: ki,
                    },
                );
                return;
            }
        }
        self.event(who, EventKind::NothingToReport { regime: ri });
    }
}

/// The cached access [`apply_effects`] reads the world through: the targets effects change
/// and the facts an `If` reads, each fetched only when it is used (a `ParamSet` would fetch
/// both on every run to validate them, which costs more than most turns' effects).
pub struct EffectAccess {
    targets: SystemState<EffectTargets<'static, 'static>>,
    facts: SystemState<crate::engine::facts::Facts<'static, 'static>>,
}

/// Applies every pending effect in order. An `If` reads its condition over the state as it is
/// when its turn comes (the effects before it applied) and is replaced, in place, by the
/// branch that applies.
pub fn apply_effects(world: &mut World, mut access: Local<Option<EffectAccess>>) {
    if world.resource::<PendingEffects>().0.is_empty() {
        return;
    }
    let access = access.get_or_insert_with(|| EffectAccess {
        targets: SystemState::new(world),
        facts: SystemState::new(world),
    });
    let mut queue: std::collections::VecDeque<_> =
        std::mem::take(&mut world.resource_mut::<PendingEffects>().0).into();
    // Each run of plain effects is applied through one fetch of the targets; a conditional
    // one reads the facts in between.
    loop {
        {
            let mut targets = access.targets.get_mut(world).expect(
                "the engine inserts every resource effects change when it builds the world",
            );
            while let Some((effect, src)) = queue.pop_front() {
                if matches!(effect, Effect::If { .. }) {
                    queue.push_front((effect, src));
                    break;
                }
                targets.apply(effect, &src);
            }
        }
        let Some((
            Effect::If {
                when,
                then,
                otherwise,
            },
            src,
        )) = queue.pop_front()
        else {
            return;
        };
        let holds = access
            .facts
            .get(world)
            .expect("the engine inserts every resource Facts reads when it builds the world")
            .holds(&when, src.target.as_deref());
        let branch = if holds { then } else { otherwise };
        for e in branch.into_iter().rev() {
            queue.push_front((e, src.clone()));
        }
    }
}

/// Reveals a stage from another system (monitoring controls).
pub fn reveal_stage(targets: &mut EffectTargets, stage: usize, by: &str, chance: f64, roll: f64) {
    targets.reveal(stage, by, chance, roll);
}
