//! Applying effects: the one mechanism behind actions, decision options, injects and attacker stages.

use bevy_ecs::prelude::*;

use crate::engine::components::*;
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

    fn name_of(&self, asset: usize) -> String {
        self.def
            .0
            .org
            .assets
            .get(asset)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| format!("asset #{asset}"))
    }

    fn event(&mut self, who: &str, what: String) {
        self.log.0.events.push(format!("{who}: {what}"));
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

    fn apply(&mut self, effect: &Effect, src: &EffectSource) {
        let resolve = |id: &str| -> String {
            if id == TARGET {
                src.target.clone().unwrap_or_default()
            } else {
                id.to_string()
            }
        };
        let who = src.origin.clone();
        let asset_ix = |me: &Self, id: &str| me.index.asset_ids.get(&resolve(id)).copied();
        match effect {
            Effect::SetFlag(f) => {
                self.flags.0.insert(f.clone());
            }
            Effect::ClearFlag(f) => {
                self.flags.0.remove(f);
            }
            Effect::AddControl(c) => {
                if self.controls.org_wide.insert(c.clone()) {
                    self.event(&who, format!("control `{c}` now in place"));
                }
            }
            Effect::Impact(amount, why) => {
                self.impact.total += amount;
                self.log.0.impact += amount;
                self.event(&who, format!("impact {amount} ({why})"));
            }
            Effect::Exfiltrate(data) => {
                let Some(d) = self.def.0.org.data.iter().find(|d| &d.id == data).cloned() else {
                    return;
                };
                self.flags.0.insert("data-exfiltrated".into());
                if d.personal {
                    self.flags.0.insert("personal-data-breach".into());
                }
                self.impact.total += d.breach_impact;
                self.log.0.impact += d.breach_impact;
                self.event(&who, format!("{} exfiltrated", d.name));
            }
            Effect::EncryptZone(zone) => {
                let members = self
                    .index
                    .zone_assets
                    .get(zone)
                    .cloned()
                    .unwrap_or_default();
                let mut n = 0;
                for ai in members {
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
                    self.event(&who, format!("{n} assets in zone `{zone}` encrypted"));
                }
            }
            Effect::Notify(regime) => self.notify(&resolve(regime), &who),
            Effect::VerifyBackups => {
                self.verified.0 = true;
                self.event(
                    &who,
                    "backups verified: restores will use known-clean restore points".into(),
                );
            }
            Effect::Hunt(p) => {
                for si in 0..self.index.stages.len() {
                    if self.stage_hidden(si) {
                        let roll = self.rng.roll();
                        let chance = p * self.unstealth(si);
                        if roll < chance {
                            self.reveal(si, &who, chance, roll);
                        }
                    }
                }
            }
            Effect::Inspect(asset, p) => {
                let target = resolve(asset);
                for si in 0..self.index.stages.len() {
                    let on_target =
                        self.def.0.scenario.campaign[si].target.as_deref() == Some(target.as_str());
                    if on_target && self.stage_hidden(si) {
                        let roll = self.rng.roll();
                        let chance = p * self.unstealth(si);
                        if roll < chance {
                            self.reveal(si, &who, chance, roll);
                        }
                    }
                }
            }
            Effect::Compromise(a)
            | Effect::Encrypt(a)
            | Effect::Isolate(a)
            | Effect::Reconnect(a)
            | Effect::Restore(a)
            | Effect::Rebuild(a)
            | Effect::Evict(a) => {
                let Some(ai) = asset_ix(self, a) else { return };
                self.asset_effect(effect, ai, &who);
            }
            // Expanded by `apply_effects`, which can read the facts its condition needs.
            Effect::If { .. } => {}
        }
    }

    fn asset_effect(&mut self, effect: &Effect, ai: usize, who: &str) {
        let name = self.name_of(ai);
        let rebuild_turns = self.def.0.org.rebuild_turns.max(1);
        let backup = self.def.0.org.assets.get(ai).and_then(|a| a.backup.clone());
        let verified = self.verified.0;
        let roll = match effect {
            Effect::Restore(_) if backup.is_some() && !verified => Some(self.rng.roll()),
            _ => None,
        };
        let Ok(mut a) = self.assets.get_mut(self.index.assets[ai]) else {
            return;
        };
        let what = match effect {
            Effect::Compromise(_) => {
                a.compromised = true;
                None
            }
            Effect::Encrypt(_) if a.isolated => {
                Some(format!("{name} was isolated: encryption failed"))
            }
            Effect::Encrypt(_) => {
                a.encrypted = true;
                self.flags.0.insert("ransomware-detonated".into());
                Some(format!("{name} encrypted"))
            }
            Effect::Isolate(_) => {
                a.isolated = true;
                Some(format!("{name} isolated"))
            }
            Effect::Reconnect(_) => {
                a.isolated = false;
                Some(format!("{name} reconnected"))
            }
            Effect::Restore(_) if backup.is_some() && verified => {
                a.encrypted = false;
                a.compromised = false;
                a.known_compromised = false;
                Some(format!(
                    "{name} restored from a verified clean restore point"
                ))
            }
            Effect::Restore(_) => match (backup, roll) {
                (Some(b), Some(r)) if r < b.clean_chance => {
                    a.encrypted = false;
                    a.compromised = false;
                    a.known_compromised = false;
                    Some(format!(
                        "{name} restored from a clean backup (roll {:.0} < {:.0}%)",
                        r * 100.0,
                        b.clean_chance * 100.0
                    ))
                }
                (Some(b), Some(r)) => {
                    a.encrypted = false;
                    a.compromised = true;
                    Some(format!(
                        "{name} restored, but the backup was infected (roll {:.0} ≥ {:.0}%)",
                        r * 100.0,
                        b.clean_chance * 100.0
                    ))
                }
                _ => Some(format!("{name} has no backup: nothing restored")),
            },
            Effect::Rebuild(_) => {
                a.encrypted = false;
                a.compromised = false;
                a.known_compromised = false;
                a.rebuilding = rebuild_turns;
                Some(format!("{name} rebuilding ({rebuild_turns} turns)"))
            }
            Effect::Evict(_) if a.known_compromised => {
                a.compromised = false;
                a.known_compromised = false;
                Some(format!("attacker evicted from {name}"))
            }
            Effect::Evict(_) if a.compromised => Some(format!("nothing found to evict on {name}")),
            _ => None,
        };
        if let Some(w) = what {
            self.event(who, w);
        }
    }

    /// Meets the earliest open clock of a regime that this action meets.
    fn notify(&mut self, regime: &str, who: &str) {
        let Some(ri) = self.def.0.regimes.iter().position(|r| r.id == regime) else {
            self.event(
                who,
                format!("no regime `{regime}` in this drill: nothing reported"),
            );
            return;
        };
        let action = who.strip_prefix("action:").unwrap_or(who).to_string();
        let turn = self.turn.turn;
        let clocks = self.def.0.regimes[ri].clocks.clone();
        for cdef in &clocks {
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
                let authority = self.def.0.regimes[ri].authority.clone();
                self.event(who, format!("{}: delivered to {authority}", cdef.title));
                return;
            }
        }
        self.event(who, format!("nothing left to report under `{regime}`"));
    }
}

/// Applies every pending effect in order. An `If` reads its condition over the state as it is
/// when its turn comes (the effects before it applied) and is replaced, in place, by the
/// branch that applies.
pub fn apply_effects(
    mut pending: ResMut<PendingEffects>,
    mut world: ParamSet<(EffectTargets, crate::engine::facts::Facts)>,
) {
    let mut queue: std::collections::VecDeque<_> = std::mem::take(&mut pending.0).into();
    while let Some((effect, src)) = queue.pop_front() {
        if let Effect::If {
            when,
            then,
            otherwise,
        } = &effect
        {
            let holds = world.p1().holds(when, src.target.as_deref());
            let branch = if holds { then } else { otherwise };
            for e in branch.iter().rev() {
                queue.push_front((e.clone(), src.clone()));
            }
            continue;
        }
        world.p0().apply(&effect, &src);
    }
}

/// Reveals a stage from another system (monitoring controls).
pub fn reveal_stage(targets: &mut EffectTargets, stage: usize, by: &str, chance: f64, roll: f64) {
    targets.reveal(stage, by, chance, roll);
}
