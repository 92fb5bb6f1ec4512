//! Read-only views of the whole drill: the snapshot for boards and the final summary.

use super::Engine;
use super::components::*;
use super::resources::*;
use super::view::*;
use crate::scoring;

impl Engine {
    /// The state of the drill (truth and what is known).
    pub fn snapshot(&mut self) -> Snapshot {
        let b = self.bundle().clone();
        let tc = *self.world.resource::<TurnCounter>();
        let index = self.world.resource::<Index>();
        let asset_entities = index.assets.clone();
        let service_entities = index.services.clone();
        let stage_entities = index.stages.clone();
        let clock_entities = index.clocks.clone();
        let role_entities = index.roles.clone();
        let assets = b
            .org
            .assets
            .iter()
            .zip(asset_entities)
            .map(|(a, e)| {
                let s = self.world.get::<AssetState>(e).cloned().unwrap_or_default();
                AssetView {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    zone: a.zone.clone(),
                    compromised: s.compromised,
                    known_compromised: s.known_compromised,
                    encrypted: s.encrypted,
                    isolated: s.isolated,
                    rebuilding: s.rebuilding,
                }
            })
            .collect();
        let services = b
            .org
            .services
            .iter()
            .zip(service_entities)
            .map(|(d, e)| {
                let s = self
                    .world
                    .get::<ServiceState>(e)
                    .cloned()
                    .unwrap_or_default();
                ServiceView {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    status: s.status,
                    down_turns: s.down_turns,
                }
            })
            .collect();
        let stages = b
            .scenario
            .campaign
            .iter()
            .zip(stage_entities)
            .map(|(d, e)| {
                let s = self.world.get::<StageState>(e).cloned().unwrap_or_default();
                StageView {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    technique: d.technique.clone(),
                    reached: s.reached,
                    known: s.known,
                    halted: s.halted,
                }
            })
            .collect();
        let mut clocks = Vec::new();
        let mut ce = clock_entities.into_iter();
        for r in &b.regimes {
            for c in &r.clocks {
                let s = ce
                    .next()
                    .and_then(|e| self.world.get::<ClockState>(e).cloned())
                    .unwrap_or_default();
                clocks.push(ClockView {
                    id: format!("{}/{}", r.id, c.id),
                    regime: r.name.clone(),
                    regime_ja: r.name_ja.clone(),
                    title: c.title.clone(),
                    title_ja: c.title_ja.clone(),
                    hours: s.hours,
                    started: s.started,
                    deadline_turn: s.deadline_turn(tc.minutes),
                    started_at: s.started_at,
                    deadline_at: s
                        .started_at
                        .map(|at| crate::scoring::clock::deadline_instant(at, s.hours)),
                    delivered: s.delivered,
                    grace: s.grace,
                    verdict: s
                        .verdict
                        .unwrap_or(crate::scoring::clock::ClockVerdict::NotStarted),
                });
            }
        }
        let roles = b
            .org
            .roles
            .iter()
            .zip(role_entities)
            .map(|(r, e)| {
                let c = self
                    .world
                    .get::<RoleCapacity>(e)
                    .cloned()
                    .unwrap_or_default();
                RoleView {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    capacity: c.per_turn,
                    used: c.used,
                }
            })
            .collect();
        Snapshot {
            turn: tc.turn,
            max_turns: tc.max,
            turn_minutes: tc.minutes,
            assets,
            services,
            stages,
            clocks,
            roles,
            flags: self.world.resource::<Flags>().0.iter().cloned().collect(),
            total: self.world.resource::<Score>().total(),
            impact_total: self.world.resource::<Impact>().total,
            impact_unit: b.org.impact_unit.clone(),
            ending: self.ending(),
        }
    }

    /// Score lines so far.
    pub fn score_lines(&self) -> Vec<scoring::ScoreLine> {
        self.world.resource::<Score>().lines.clone()
    }

    /// The result so far (final once over): ratings, totals, impact, ending.
    pub fn summary(&mut self) -> Summary {
        self.summarise(true)
    }

    /// As [`Engine::summary`], without copying the score lines and overrides (left empty):
    /// for batch tallies, which read only the totals, ratings, impact and ending.
    pub fn summary_brief(&mut self) -> Summary {
        self.summarise(false)
    }

    fn summarise(&mut self, with_lines: bool) -> Summary {
        let b = self.bundle().clone();
        let mut q = self.world.query::<&StageState>();
        let first_detection_turn = q.iter(&self.world).filter_map(|s| s.known).min();
        let ending = self.ending();
        let turns = self.turn();
        let score = self.world.resource::<Score>();
        let objectives = scoring::rate(&b.scenario.objectives, &score.lines, &score.overrides);
        let total = score.total();
        let achievable: i32 = score
            .lines
            .iter()
            .map(|l| l.max_points.max(0))
            .fold(0, i32::saturating_add);
        Summary {
            scenario: b.scenario.id.clone(),
            seed: self.seed,
            turns,
            total,
            achievable,
            share: if achievable > 0 {
                f64::from(total) / f64::from(achievable)
            } else {
                0.0
            },
            objectives,
            score_lines: if with_lines {
                score.lines.clone()
            } else {
                Vec::new()
            },
            overrides: if with_lines {
                score.overrides.clone()
            } else {
                Vec::new()
            },
            impact_total: self.world.resource::<Impact>().total,
            impact_unit: b.org.impact_unit.clone(),
            first_detection_turn,
            ending,
        }
    }
}
