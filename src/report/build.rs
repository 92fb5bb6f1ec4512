//! Builds the [`ReportModel`] from a verified journal's records.
//!
//! The journal's bodies are free JSON written by the engine; this reader is lenient (a missing
//! or odd field becomes empty, zero or "unknown") and never panics, because a journal with a
//! valid hash chain can still be hand-made. Numbers that the engine recorded are recomputed
//! here from the score lines and overrides and any difference is listed as an
//! [`Inconsistency`].

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::engine::StateChange;
use crate::engine::view::StepOutcome;
use crate::journal::{Actor, ClosedBody, Header, Record, RecordKind, RecoveredBody, Verification};
use crate::records::{Body, DrillResult, HeaderExtra, Phase, StateChanged, TurnEnded};
use crate::scenario::CsfFunction;
use crate::scoring::{self, ExpectStatus, ObjectiveResult, ScoreLine, ScoreOverride};

use super::compliance::{self, ComplianceInputs};
use super::model::{
    ActionResult, ActionTaken, ClockReport, ClockVerdict, CorrectionEntry, Debrief, EXECUTIVE_ROLE,
    ExerciseInfo, ExpectationRow, FunctionRow, ImprovementEntry, Inconsistency, Integrity,
    ItemUpdateEntry, NoteEntry, ObjectiveReport, OrgInfo, Outcome, OverrideEntry, People,
    PersonRow, RegimeClockInfo, RegimeInfo, ReportModel, RoleActivity, ScenarioInfo, TimelineEntry,
    TimelineKind, Times, TurnPoint,
};
use super::response::{self, DecisionTaken, Facts};
use crate::i18n::Lang;

/// Objectives tracked turn by turn for the chart (the rest still count in every total).
pub const CHART_OBJECTIVES: usize = 16;

/// The Japanese form when the report is in Japanese and the header has one, else the English.
fn localized(en: &str, ja: Option<&String>, lang: Lang) -> String {
    match ja.filter(|x| lang == Lang::Ja && !x.trim().is_empty()) {
        Some(ja) => ja.clone(),
        None => en.to_string(),
    }
}

/// The name a unit enum variant has on disk (e.g. a channel's `Email`).
fn wire_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(x)) => x,
        _ => String::new(),
    }
}

fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

/// Parses a journal timestamp.
pub fn parse_ts(ts: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(ts, &Rfc3339).ok()
}

fn role_of(actor: &Actor) -> Option<&str> {
    match actor {
        Actor::Role(r) => Some(r),
        _ => None,
    }
}

struct Pending {
    timeline_index: usize,
    turn: u32,
    role: String,
    action: String,
    target: Option<String>,
}

/// Everything collected in one pass over the records.
struct Pass<'a> {
    /// The header's extra (names for the typed records).
    extra: &'a HeaderExtra,
    /// The report's language.
    lang: Lang,
    turn_minutes: u64,
    action_names: HashMap<String, (String, Option<CsfFunction>)>,
    timeline: Vec<TimelineEntry>,
    pending: Vec<Pending>,
    facts: Facts,
    actions: Vec<ActionTaken>,
    decisions: Vec<DecisionTaken>,
    lines: Vec<ScoreLine>,
    overrides: Vec<OverrideEntry>,
    clock_events: Vec<ClockRecord>,
    expectation_status: HashMap<String, ExpectStatus>,
    activity: BTreeMap<String, RoleActivity>,
    debrief: Debrief,
    checks: Vec<Inconsistency>,
    turns: Vec<TurnPoint>,
    last_result: Option<DrillResult>,
    last_turn_ended: Option<TurnEnded>,
    times: Times,
    pause_started: Option<OffsetDateTime>,
    close_reason: String,
    recoveries: Vec<(u64, u64)>,
    first_detection: Option<u32>,
    /// Running points by line number and by objective.
    current: HashMap<u32, (String, i64)>,
    by_objective: HashMap<String, i64>,
    last_override: HashMap<u32, i32>,
    /// Objective ids tracked turn by turn (the first [`CHART_OBJECTIVES`]).
    tracked: Vec<String>,
    last_ts: Option<OffsetDateTime>,
    /// First line at which each flag was set.
    flag_lines: BTreeMap<String, u64>,
    /// What each record a correction may name said, in one line, by journal line.
    said: HashMap<u64, String>,
    /// Corrections, in journal order.
    corrections: Vec<CorrectionEntry>,
    /// Journal lines of the records corrected.
    corrected: HashSet<u64>,
}

impl Pass<'_> {
    /// Adds a timeline entry at the instant the clock rule gives it: the turn's end for what
    /// the engine resolves (`end_of_turn`), its opening otherwise ([`crate::scoring::clock`]).
    fn entry(&mut self, r: &Record, end_of_turn: bool, kind: TimelineKind) {
        let m = u32::try_from(self.turn_minutes).unwrap_or(u32::MAX);
        let minutes = if end_of_turn {
            crate::scoring::clock::resolution_instant(r.turn, m)
        } else {
            crate::scoring::clock::opening_instant(r.turn, m)
        };
        self.timeline.push(TimelineEntry {
            line: r.seq.saturating_add(1),
            turn: r.turn,
            scenario_minutes: minutes,
            time: parse_ts(&r.ts),
            who: r.actor.to_string(),
            kind,
        });
    }

    fn note(r: &Record, text: String) -> NoteEntry {
        NoteEntry {
            turn: r.turn,
            time: parse_ts(&r.ts),
            who: r.actor.to_string(),
            text,
            line: r.seq.saturating_add(1),
            private: false,
        }
    }

    fn unreadable(&mut self, r: &Record) {
        self.checks.push(Inconsistency::Unreadable {
            line: r.seq.saturating_add(1),
            kind: r.kind.to_string(),
        });
    }

    fn add_points(&mut self, line: u32, objective: &str, points: i64) {
        if let Some((obj, old)) = self.current.get(&line).cloned() {
            *self.by_objective.entry(obj).or_default() -= old;
        }
        self.current.insert(line, (objective.to_string(), points));
        *self.by_objective.entry(objective.to_string()).or_default() += points;
    }

    /// Flags, controls, assets and services that changed: what the team can see from when.
    fn state_changed(&mut self, r: &Record, b: StateChanged) {
        // Changes made while a turn opens (or by a facilitator's inject) are visible in that
        // turn; changes made when it resolves, from the next one.
        let from = match b.phase {
            Phase::Resolve => r.turn.saturating_add(1),
            Phase::Open | Phase::Facilitator => r.turn,
        };
        for c in b.changes {
            match c {
                StateChange::FlagSet { flag } => {
                    self.flag_lines
                        .entry(flag.clone())
                        .or_insert(r.seq.saturating_add(1));
                    self.facts.set_state(format!("flag:{flag}"), from, true)
                }
                StateChange::FlagCleared { flag } => {
                    self.facts.set_state(format!("flag:{flag}"), from, false)
                }
                StateChange::ControlAdded { control } => {
                    self.facts
                        .set_state(format!("control:{control}"), from, true)
                }
                StateChange::Asset {
                    asset,
                    compromised,
                    known_compromised,
                    encrypted,
                    isolated,
                    ..
                } => {
                    for (key, value) in [
                        ("compromised", compromised),
                        ("encrypted", encrypted),
                        ("isolated", isolated),
                        ("known-compromised", known_compromised),
                    ] {
                        self.facts.set_state(format!("{key}:{asset}"), from, value);
                    }
                }
                StateChange::Service { service, status } => {
                    let down = status == crate::engine::components::ServiceStatus::Down;
                    self.facts
                        .set_state(format!("service-down:{service}"), from, down);
                }
            }
        }
    }

    fn record(&mut self, r: &Record) {
        if let Some(ts) = parse_ts(&r.ts) {
            self.last_ts = Some(ts);
        }
        match r.kind {
            RecordKind::DrillOpened | RecordKind::Checkpoint => return,
            RecordKind::Recovered => {
                match r.body_as::<RecoveredBody>() {
                    Ok(b) => {
                        let bytes = b.bytes_moved;
                        self.recoveries.push((r.seq.saturating_add(1), bytes));
                        self.entry(r, false, TimelineKind::Recovered { bytes });
                    }
                    Err(_) => self.unreadable(r),
                }
                return;
            }
            RecordKind::DrillClosed => {
                match r.body_as::<ClosedBody>() {
                    Ok(b) => {
                        self.close_reason = b.reason;
                        self.times.closed = parse_ts(&r.ts);
                        let kind = TimelineKind::Closed {
                            status: b.status.as_str().to_string(),
                            reason: self.close_reason.clone(),
                        };
                        self.entry(r, true, kind);
                    }
                    Err(_) => self.unreadable(r),
                }
                return;
            }
            _ => {}
        }
        let Ok(body) = Body::of(r) else {
            self.unreadable(r);
            return;
        };
        match body {
            Body::StateChanged(b) => self.state_changed(r, b),
            Body::InjectDelivered(b) => {
                for role in &b.to {
                    self.activity.entry(role.clone()).or_default().injects += 1;
                }
                self.facts.inject(&b.id, r.turn);
                if b.channel.makes_aware() {
                    self.facts.aware_from(r.turn);
                }
                let kind = TimelineKind::Inject {
                    channel: wire_name(&b.channel),
                    id: b.id,
                    title: b.title,
                    to: b.to,
                    by_facilitator: b.by_facilitator || matches!(r.actor, Actor::Facilitator(_)),
                    decision: b.decision,
                };
                self.entry(r, false, kind);
            }
            Body::ActionSubmitted(b) => {
                let role = role_of(&r.actor)
                    .map(str::to_string)
                    .unwrap_or_else(|| b.role.clone());
                self.activity.entry(role.clone()).or_default().actions += 1;
                let name = self
                    .action_names
                    .get(&b.action)
                    .map(|x| x.0.clone())
                    .unwrap_or_default();
                self.pending.push(Pending {
                    timeline_index: self.timeline.len(),
                    turn: r.turn,
                    role,
                    action: b.action.clone(),
                    target: b.target.clone(),
                });
                // The team's actions take effect when the turn resolves.
                self.entry(
                    r,
                    true,
                    TimelineKind::Action {
                        action: b.action,
                        name,
                        target: b.target,
                        result: ActionResult::Unresolved,
                    },
                );
            }
            Body::ActionWithdrawn(b) => {
                let pos = self.pending.iter().rposition(|p| {
                    p.turn == r.turn
                        && p.action == b.action
                        && p.target == b.target
                        && p.role == b.role
                });
                if let Some(p) = pos.map(|i| self.pending.remove(i)) {
                    self.set_result(p.timeline_index, ActionResult::Withdrawn);
                }
            }
            Body::ActionResolved(b) => self.resolved(r, b),
            Body::DecisionMade(b) => {
                let timeout = b.by == "timeout" || r.actor == Actor::Engine;
                let role = if timeout {
                    None
                } else {
                    Some(
                        role_of(&r.actor)
                            .map(str::to_string)
                            .unwrap_or_else(|| b.by.trim_start_matches("role:").to_string()),
                    )
                };
                if let Some(role) = &role {
                    self.activity.entry(role.clone()).or_default().decisions += 1;
                }
                self.facts.chosen(&b.option, r.turn);
                self.said.insert(
                    r.seq.saturating_add(1),
                    format!("{} → {} ({})", b.decision, b.option, b.label),
                );
                self.decisions.push(DecisionTaken {
                    turn: r.turn,
                    option: b.option.clone(),
                    role,
                    line: r.seq.saturating_add(1),
                });
                let kind = TimelineKind::Decision {
                    decision: b.decision,
                    option: b.option,
                    label: b.label,
                    timeout,
                };
                // Team decisions and time-outs alike take effect when the turn resolves.
                self.entry(r, true, kind);
            }
            Body::AttackerStep(b) => {
                self.facts.stage(&b.stage, b.outcome, r.turn);
                if matches!(b.outcome, StepOutcome::Succeeded | StepOutcome::Halted) {
                    let kind = TimelineKind::Attacker {
                        halted: b.outcome == StepOutcome::Halted,
                        stage: b.stage,
                        title: b.title,
                        technique: b.technique,
                    };
                    self.entry(r, true, kind);
                }
            }
            Body::Detection(b) => {
                self.facts.detected(&b.stage, r.turn);
                self.first_detection = Some(self.first_detection.map_or(r.turn, |t| t.min(r.turn)));
                let kind = TimelineKind::Detection {
                    stage: b.stage,
                    by: b.by,
                };
                self.entry(r, true, kind);
            }
            Body::Clock(b) => {
                self.facts.clock(&b.clock, &b.event, r.turn);
                self.clock_events.push(ClockRecord {
                    event: b.clone(),
                    turn: r.turn,
                    line: r.seq.saturating_add(1),
                });
                self.entry(
                    r,
                    true,
                    TimelineKind::Clock {
                        clock: b.clock,
                        event: b.event,
                    },
                );
            }
            Body::ExpectationResolved(b) => {
                self.expectation_status.insert(b.id, b.status);
            }
            Body::ScoreLine(mut l) => {
                let (shown, m) = super::names::reason(self.extra, &l, self.lang);
                self.mismatch(r, m);
                l.reason = shown;
                let points = self
                    .last_override
                    .get(&l.line)
                    .map_or(i64::from(l.points), |&p| i64::from(p));
                self.add_points(l.line, &l.objective, points);
                self.lines.push(l);
            }
            Body::ScoreOverride(o) => {
                self.said.insert(
                    r.seq.saturating_add(1),
                    format!("#{}: {} → {} — {}", o.line, o.from, o.to, o.reason),
                );
                self.last_override.insert(o.line, o.to);
                let objective = self.current.get(&o.line).map(|x| x.0.clone());
                if let Some(obj) = &objective {
                    self.add_points(o.line, &obj.clone(), i64::from(o.to));
                }
                self.entry(
                    r,
                    false,
                    TimelineKind::Override {
                        line: o.line,
                        from: o.from,
                        to: o.to,
                    },
                );
                self.overrides.push(OverrideEntry {
                    ov: o,
                    line_no: r.seq.saturating_add(1),
                    time: parse_ts(&r.ts),
                    objective,
                });
            }
            Body::TurnEnded(b) => self.turn_ended(r, b),
            Body::Note(b) => {
                self.said.insert(r.seq.saturating_add(1), b.text.clone());
                let mut n = Self::note(r, b.text);
                n.private = b.private;
                self.debrief.notes.push(n);
            }
            Body::Paused => {
                self.times.pauses += 1;
                self.pause_started = parse_ts(&r.ts);
                self.entry(r, false, TimelineKind::Paused);
            }
            Body::Resumed => {
                if let (Some(start), Some(now)) = (self.pause_started.take(), parse_ts(&r.ts)) {
                    self.times.paused_seconds = self
                        .times
                        .paused_seconds
                        .saturating_add((now - start).whole_seconds().max(0));
                }
                self.entry(r, false, TimelineKind::Resumed);
            }
            Body::Strength(b) => {
                self.said.insert(r.seq.saturating_add(1), b.text.clone());
                self.debrief.strengths.push(Self::note(r, b.text))
            }
            Body::AreaForImprovement(mut b) => {
                self.said.insert(
                    r.seq.saturating_add(1),
                    format!("{} {}", b.id, b.text).trim().to_string(),
                );
                self.debrief.areas.push(Self::note(r, b.text.clone()));
                if b.id.trim().is_empty() {
                    b.id = format!("AFI-{}", self.debrief.areas.len());
                }
                self.debrief.area_details.push(b);
            }
            Body::ImprovementItem(b) => {
                self.said.insert(
                    r.seq.saturating_add(1),
                    format!("{} {}", b.id, b.action).trim().to_string(),
                );
                let n = self.debrief.items.len() + 1;
                self.debrief.items.push(ImprovementEntry {
                    action: b.action,
                    objective: b.objective,
                    owner: b.owner,
                    due: b.due,
                    line: r.seq.saturating_add(1),
                    id: if b.id.trim().is_empty() {
                        format!("IP-{n}")
                    } else {
                        b.id
                    },
                    capability: b.capability,
                    area: b.area,
                    element: b.element,
                    organisation: b.organisation,
                    start: b.start,
                    status: b.status,
                })
            }
            Body::ItemUpdate(update) => self.debrief.item_updates.push(ItemUpdateEntry {
                update,
                line: r.seq.saturating_add(1),
                time: parse_ts(&r.ts),
            }),
            Body::Signoff(mut b) => {
                let n = Self::note(r, b.name.clone());
                self.debrief.signoffs.push(n);
                if b.time.trim().is_empty() {
                    b.time = r.ts.clone();
                }
                self.debrief.signoff_details.push(b);
            }
            Body::TurnStarted(_) => {
                self.facts.last_turn = self.facts.last_turn.max(r.turn);
            }
            Body::Correction(c) => self.correction(r, c),
            Body::Hint(h) => {
                let what = h.action.or(h.choose).unwrap_or_default();
                let kind = TimelineKind::Hint {
                    step: h.step.saturating_add(1),
                    what,
                    target: h.target,
                    points: h.points,
                };
                self.entry(r, false, kind);
            }
            // SSH seats (`kunren play --serve`): who sat where is evidence for `verify`, not a
            // line of the report.
            Body::SeatInput(_) | Body::SeatRefused(_) => {}
        }
    }

    /// A correction: kept with what it corrects; a corrected override stops counting from here
    /// (the line's points fall back to the override before it, or the engine's own).
    fn correction(&mut self, r: &Record, c: crate::records::Correction) {
        let corrects = c.seq.saturating_add(1);
        self.corrected.insert(corrects);
        if let Some(i) = self.overrides.iter().position(|o| o.line_no == corrects) {
            let n = self.overrides.remove(i).ov.line;
            let back = self
                .overrides
                .iter()
                .rev()
                .find(|o| o.ov.line == n)
                .map(|o| o.ov.to);
            let points = match back {
                Some(p) => {
                    self.last_override.insert(n, p);
                    Some(p)
                }
                None => {
                    self.last_override.remove(&n);
                    self.lines.iter().find(|l| l.line == n).map(|l| l.points)
                }
            };
            if let (Some(p), Some(obj)) = (points, self.current.get(&n).map(|x| x.0.clone())) {
                self.add_points(n, &obj, i64::from(p));
            }
        }
        self.entry(
            r,
            false,
            TimelineKind::Correction {
                corrects,
                kind: c.kind.clone(),
                by: c.by.clone(),
                reason: c.reason.clone(),
            },
        );
        self.corrections.push(CorrectionEntry {
            line: r.seq.saturating_add(1),
            turn: r.turn,
            time: parse_ts(&r.ts),
            who: r.actor.to_string(),
            by: c.by,
            reason: c.reason,
            corrects,
            what: self.said.get(&corrects).cloned().unwrap_or_default(),
            kind: c.kind,
            replaced_by: c.replaced_by.map(|x| x.saturating_add(1)),
        });
    }

    /// Leaves out of the hotwash the entries a correction withdrew or replaced (the
    /// corrections list them).
    fn drop_corrected_entries(&mut self) {
        let gone = &self.corrected;
        let d = &mut self.debrief;
        d.strengths.retain(|n| !gone.contains(&n.line));
        d.items.retain(|i| !gone.contains(&i.line));
        let keep: Vec<bool> = d.areas.iter().map(|n| !gone.contains(&n.line)).collect();
        let mut k = keep.iter();
        d.areas.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        d.area_details.retain(|_| *k.next().unwrap_or(&true));
    }

    fn set_result(&mut self, index: usize, result: ActionResult) {
        if let Some(TimelineEntry {
            kind: TimelineKind::Action { result: r, .. },
            ..
        }) = self.timeline.get_mut(index)
        {
            *r = result;
        }
    }

    fn resolved(&mut self, r: &Record, b: crate::engine::ActionOutcome) {
        let action = b.action;
        let target = b.target;
        let role = if b.role.is_empty() {
            role_of(&r.actor).unwrap_or_default().to_string()
        } else {
            b.role
        };
        let success = b.success;
        let name = self
            .action_names
            .get(&action)
            .map(|x| x.0.clone())
            .unwrap_or_default();
        let name = if name.is_empty() { b.name } else { name };
        self.facts.action(&action, target.as_deref(), r.turn);
        self.actions.push(ActionTaken {
            turn: r.turn,
            role: role.clone(),
            action: action.clone(),
            name: name.clone(),
            target: target.clone(),
            success,
            line: r.seq.saturating_add(1),
        });
        let result = if success {
            ActionResult::Succeeded
        } else {
            ActionResult::Failed
        };
        let pos = self.pending.iter().position(|p| {
            p.turn == r.turn && p.action == action && p.target == target && p.role == role
        });
        match pos.map(|i| self.pending.remove(i)) {
            Some(p) => self.set_result(p.timeline_index, result),
            None => self.entry(
                r,
                true,
                TimelineKind::Action {
                    action,
                    name,
                    target,
                    result,
                },
            ),
        }
    }

    /// Records that a typed record's English differs from its recorded text.
    fn mismatch(&mut self, r: &Record, m: Option<super::names::Mismatch>) {
        if let Some((recorded, rendered)) = m {
            self.checks.push(Inconsistency::Text {
                line: r.seq.saturating_add(1),
                kind: r.kind.to_string(),
                recorded,
                rendered,
            });
        }
    }

    fn turn_ended(&mut self, r: &Record, b: TurnEnded) {
        let (shown, m) = super::names::events(self.extra, &b.events, &b.typed_events, self.lang);
        self.mismatch(r, m);
        for text in shown {
            self.entry(r, true, TimelineKind::Event { text });
        }
        if let Some(e) = &b.ending {
            let kind = TimelineKind::Ending {
                id: e.id.clone(),
                title: scoring::reason::ending_title(e, self.lang).to_string(),
            };
            self.entry(r, true, kind);
        }
        let minutes = u64::from(b.minutes);
        self.times.scenario_minutes = self.times.scenario_minutes.max(minutes);
        self.times.turns_played += 1;
        let computed: i64 = self.by_objective.values().sum();
        let recorded = i64::from(b.total);
        if recorded != computed {
            self.checks.push(Inconsistency::Total {
                turn: r.turn,
                recorded,
                computed,
            });
        }
        self.turns.push(TurnPoint {
            turn: r.turn,
            minutes,
            recorded_total: Some(recorded),
            computed_total: computed,
            by_objective: self
                .tracked
                .iter()
                .map(|id| self.by_objective.get(id).copied().unwrap_or(0))
                .collect(),
            impact: finite(b.impact),
            impact_total: finite(b.impact_total),
        });
        if let Some(res) = &b.result {
            self.last_result = Some(res.clone());
        }
        self.last_turn_ended = Some(b);
    }
}

/// The campaign's techniques, each once, in campaign order, with name, tactic and domain
/// from the ATT&CK table ("T1486 Data Encrypted for Impact (Impact, Enterprise)").
fn named_techniques(extra: &HeaderExtra) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<String> = extra
        .stages
        .iter()
        .filter(|s| seen.insert((s.technique.clone(), s.tactic.shortname())))
        .map(|s| crate::scenario::attack::describe(&s.technique, s.tactic))
        .collect();
    if out.is_empty() {
        // A header without stage facts: the bare ids, each once.
        let mut seen = std::collections::BTreeSet::new();
        out = (extra.scenario.techniques.iter())
            .filter(|t| seen.insert(t.to_string()))
            .cloned()
            .collect();
    }
    out
}

fn scenario_info(extra: &HeaderExtra) -> ScenarioInfo {
    let sc = &extra.scenario;
    ScenarioInfo {
        version: sc.version.clone(),
        sector: sc.sector.clone(),
        summary: sc.summary.clone(),
        authors: sc.authors.clone(),
        turn_minutes: u64::from(sc.turn_minutes),
        max_turns: u64::from(sc.max_turns),
        techniques: named_techniques(extra),
        starts_at: sc.starts_at.clone(),
        stages: extra
            .stages
            .iter()
            .map(|x| (x.id.clone(), x.title.clone(), x.technique.clone()))
            .collect(),
        mode: extra.mode.clone(),
    }
}

fn org_info(extra: &HeaderExtra) -> OrgInfo {
    let org = &extra.org;
    OrgInfo {
        sector: org.sector.clone(),
        impact_unit: org.impact_unit.clone(),
        roles: org
            .roles
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect(),
        services: org
            .services
            .iter()
            .map(|x| (x.id.clone(), x.name.clone()))
            .collect(),
    }
}

/// Builds the model in the drill's language (the header's). `records` are the journal's
/// valid records (header first); `verify` is the verification of the same bytes; `file_name`
/// names the journal in the verify commands.
pub fn build(records: &[Record], verify: &Verification, file_name: &str) -> Option<ReportModel> {
    build_in(records, verify, file_name, None)
}

/// As [`build`], in `lang` when one is given (`kunren report --lang`), else in the drill's.
pub fn build_in(
    records: &[Record],
    verify: &Verification,
    file_name: &str,
    lang: Option<Lang>,
) -> Option<ReportModel> {
    let first = records.first()?;
    let header: Header = first.body_as().ok()?;
    let (extra, extra_readable) = match HeaderExtra::decode(&header.extra) {
        Ok(x) => (x, true),
        Err(_) => (HeaderExtra::default(), false),
    };
    let extra = &extra;
    let scenario = scenario_info(extra);
    let org = org_info(extra);
    let turn_minutes = scenario.turn_minutes.max(1);
    let lang = lang.unwrap_or_else(|| Lang::from_tag_or_en(&header.language));
    let action_names = extra
        .actions
        .iter()
        .map(|a| {
            let name = localized(&a.name, a.name_ja.as_ref(), lang);
            (a.id.clone(), (name, Some(a.function)))
        })
        .collect();
    let mut pass = Pass {
        extra,
        lang,
        turn_minutes,
        action_names,
        timeline: Vec::new(),
        pending: Vec::new(),
        facts: Facts {
            state_tracked: extra.state_tracking,
            initial_controls: extra.controls_in_place.iter().cloned().collect(),
            option_inject: extra
                .decisions
                .iter()
                .flat_map(|d| {
                    d.options
                        .iter()
                        .map(move |o| (o.id.clone(), d.inject.clone()))
                })
                .collect(),
            ..Facts::default()
        },
        actions: Vec::new(),
        decisions: Vec::new(),
        lines: Vec::new(),
        overrides: Vec::new(),
        clock_events: Vec::new(),
        expectation_status: HashMap::new(),
        activity: BTreeMap::new(),
        debrief: Debrief::default(),
        checks: if extra_readable {
            Vec::new()
        } else {
            vec![Inconsistency::Unreadable {
                line: 1,
                kind: RecordKind::DrillOpened.to_string(),
            }]
        },
        turns: Vec::new(),
        last_result: None,
        last_turn_ended: None,
        times: Times {
            opened: parse_ts(&first.ts),
            previous_drill: extra.previous_drill.clone(),
            ..Times::default()
        },
        pause_started: None,
        close_reason: String::new(),
        recoveries: Vec::new(),
        first_detection: None,
        current: HashMap::new(),
        by_objective: HashMap::new(),
        last_override: HashMap::new(),
        tracked: Vec::new(),
        last_ts: None,
        flag_lines: BTreeMap::new(),
        said: HashMap::new(),
        corrections: Vec::new(),
        corrected: HashSet::new(),
    };
    let objectives = extra.objectives.clone();
    let exercise = ExerciseInfo {
        facts: extra.exercise.clone().unwrap_or_default(),
        capabilities: objectives
            .iter()
            .filter_map(|o| {
                let en = o.capability.as_deref().filter(|c| !c.trim().is_empty())?;
                Some((o.id.clone(), localized(en, o.capability_ja.as_ref(), lang)))
            })
            .collect(),
    };
    pass.tracked = objectives
        .iter()
        .take(CHART_OBJECTIVES)
        .map(|o| o.id.clone())
        .collect();
    for r in records {
        pass.record(r);
    }
    pass.drop_corrected_entries();
    if pass.times.closed.is_none() {
        pass.times.closed = pass.last_ts;
    }
    if let Some(start) = pass.pause_started.take()
        && let Some(end) = pass.times.closed
    {
        pass.times.paused_seconds = pass
            .times
            .paused_seconds
            .saturating_add((end - start).whole_seconds().max(0));
    }
    pass.facts.last_turn = pass
        .facts
        .last_turn
        .max(pass.turns.last().map_or(0, |t| t.turn));

    let overrides: Vec<ScoreOverride> = pass.overrides.iter().map(|o| o.ov.clone()).collect();
    let results = scoring::rate(&objectives, &pass.lines, &overrides);
    let unaltered = scoring::rate(&objectives, &pass.lines, &[]);
    let recorded = pass.last_result.clone();
    let recorded_objectives: Vec<ObjectiveResult> = recorded
        .as_ref()
        .map(|r| r.objectives.clone())
        .unwrap_or_default();
    let mut checks = std::mem::take(&mut pass.checks);
    let objective_reports: Vec<ObjectiveReport> = results
        .into_iter()
        .map(|result| {
            let rec = recorded_objectives
                .iter()
                .find(|o| o.id == result.id)
                .cloned();
            if recorded.is_some() {
                match &rec {
                    Some(x)
                        if (x.earned, x.achievable, x.rating)
                            != (result.earned, result.achievable, result.rating) =>
                    {
                        checks.push(Inconsistency::Objective {
                            id: result.id.clone(),
                            recorded: (x.earned, x.achievable, x.rating),
                            computed: (result.earned, result.achievable, result.rating),
                        });
                    }
                    Some(_) => {}
                    None => checks.push(Inconsistency::ObjectiveSet {
                        id: result.id.clone(),
                    }),
                }
            }
            let lines = pass
                .lines
                .iter()
                .filter(|l| l.objective == result.id)
                .cloned()
                .collect();
            let without_overrides = unaltered
                .iter()
                .find(|u| u.id == result.id)
                .cloned()
                .unwrap_or_else(|| result.clone());
            ObjectiveReport {
                result,
                recorded: rec,
                lines,
                without_overrides,
            }
        })
        .collect();
    for o in &recorded_objectives {
        if !objective_reports.iter().any(|x| x.result.id == o.id) {
            checks.push(Inconsistency::ObjectiveSet { id: o.id.clone() });
        }
    }
    let total: i64 = pass
        .lines
        .iter()
        .map(|l| i64::from(scoring::effective_points(l, &overrides)))
        .sum();
    let achievable: i64 = pass
        .lines
        .iter()
        .map(|l| i64::from(l.max_points.max(0)))
        .sum();
    if let Some(rec) = recorded.as_ref().map(|r| i64::from(r.total))
        && rec != total
    {
        checks.push(Inconsistency::Total {
            turn: 0,
            recorded: rec,
            computed: total,
        });
    }
    let orphan_lines = pass
        .lines
        .iter()
        .filter(|l| {
            l.source != scoring::HINT_SOURCE && !objectives.iter().any(|o| o.id == l.objective)
        })
        .cloned()
        .collect();

    let functions = CsfFunction::ALL
        .into_iter()
        .map(|function| {
            let mine: Vec<&ObjectiveReport> = objective_reports
                .iter()
                .filter(|o| o.result.function == function)
                .collect();
            FunctionRow {
                function,
                objectives: mine
                    .iter()
                    .map(|o| (o.result.id.clone(), o.result.rating))
                    .collect(),
                earned: mine
                    .iter()
                    .map(|o| o.result.earned)
                    .fold(0i32, i32::saturating_add),
                achievable: mine
                    .iter()
                    .map(|o| o.result.achievable)
                    .fold(0i32, i32::saturating_add),
                actions: pass
                    .actions
                    .iter()
                    .filter(|a| {
                        pass.action_names.get(&a.action).and_then(|x| x.1) == Some(function)
                    })
                    .count() as u64,
            }
        })
        .collect();

    let ended = pass
        .last_turn_ended
        .as_ref()
        .is_some_and(|b| b.ending.is_some());
    let clocks = clocks(
        extra,
        &pass.clock_events,
        pass.times.scenario_minutes,
        ended,
        lang,
    );
    let response = response::compare(
        &extra.reference_response,
        &pass.facts,
        &pass.actions,
        &pass.decisions,
    );
    let expectations = extra
        .expectations
        .iter()
        .map(|e| ExpectationRow {
            status: pass.expectation_status.get(&e.id).copied(),
            title: e.title.clone(),
            objective: e.objective.clone(),
            points: i64::from(e.points),
            id: e.id.clone(),
        })
        .collect();

    let role_name = |id: &str| {
        org.roles
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, n)| n.clone())
    };
    let participants: Vec<PersonRow> = header
        .participants
        .iter()
        .map(|p| PersonRow {
            name: p.name.clone(),
            role: p.role.clone(),
            role_name: role_name(&p.role),
        })
        .collect();
    let people = People {
        executive_present: participants.iter().any(|p| p.role == EXECUTIVE_ROLE),
        participants,
        role_activity: std::mem::take(&mut pass.activity),
        signoffs: pass
            .debrief
            .signoffs
            .iter()
            .map(|n| n.text.clone())
            .collect(),
    };

    let ending = pass.last_turn_ended.as_ref().and_then(|b| {
        b.ending.clone().map(|mut e| {
            e.title = scoring::reason::ending_title(&e, lang).to_string();
            e
        })
    });
    let first_detection_turn = recorded
        .as_ref()
        .and_then(|r| r.first_detection_turn)
        .or(pass.first_detection);
    let outcome = Outcome {
        total,
        achievable,
        impact_total: pass.turns.last().map_or(0.0, |t| t.impact_total),
        ending,
        first_detection_turn,
        has_result: recorded.is_some(),
    };
    let mut org = org;
    if org.impact_unit.is_empty()
        && let Some(unit) = recorded.as_ref().map(|r| r.impact_unit.clone())
    {
        org.impact_unit = unit;
    }
    let integrity = Integrity {
        file_name: file_name.to_string(),
        file_sha256: verify.file_sha256.clone().unwrap_or_default(),
        file_bytes: verify.file_bytes.unwrap_or(0),
        records: verify.records,
        checkpoints: verify.checkpoints,
        merkle_root: verify.merkle_root.clone().unwrap_or_default(),
        sealed: verify.sealed,
        closed: verify.closed,
        close_reason: std::mem::take(&mut pass.close_reason),
        signature: verify.signature.clone(),
        grade: verify.grade,
        incomplete: verify.incomplete.clone(),
        torn_tail: verify.torn_tail.clone(),
        recoveries: std::mem::take(&mut pass.recoveries),
    };
    let regimes = regime_info(extra, lang);
    let action_functions = extra
        .actions
        .iter()
        .map(|a| (a.id.clone(), a.function))
        .collect();
    let mut model = ReportModel {
        lang,
        facts: pass.facts,
        scenario,
        org,
        times: pass.times,
        people,
        timeline: pass.timeline,
        objectives: objective_reports,
        orphan_lines,
        score_lines: pass.lines,
        overrides: pass.overrides,
        functions,
        turns: pass.turns,
        clocks,
        actions: pass.actions,
        response,
        expectations,
        debrief: pass.debrief,
        outcome,
        integrity,
        checks,
        header,
        regimes,
        plan: extra.plan.clone(),
        action_functions,
        flag_lines: std::mem::take(&mut pass.flag_lines),
        record_kinds: records.iter().map(|r| r.kind).collect(),
        compliance: Vec::new(),
        findings: Vec::new(),
        exercise,
        redaction: None,
        corrections: std::mem::take(&mut pass.corrections),
    };
    let inputs = ComplianceInputs::from_signature(&model.integrity.signature);
    model.compliance = compliance::build(&model, &inputs);
    model.findings = super::findings::derive(&model);
    Some(model)
}

/// A clock record as read: the event, its turn and its journal line.
#[derive(Debug, Clone)]
struct ClockRecord {
    event: crate::engine::view::ClockEvent,
    turn: u32,
    line: u64,
}

/// The regimes of the header, in the report's language.
fn regime_info(extra: &HeaderExtra, lang: Lang) -> Vec<RegimeInfo> {
    extra
        .regimes
        .iter()
        .map(|r| RegimeInfo {
            id: r.id.clone(),
            name: localized(&r.name, r.name_ja.as_ref(), lang),
            authority: localized(&r.authority, r.authority_ja.as_ref(), lang),
            basis: localized(&r.basis, r.basis_ja.as_ref(), lang),
            source: r.source.clone(),
            assumption: r
                .assumption
                .as_ref()
                .map(|a| localized(a, r.assumption_ja.as_ref(), lang)),
            clocks: r
                .clocks
                .iter()
                .map(|c| RegimeClockInfo {
                    id: c.id.clone(),
                    title: localized(&c.title, c.title_ja.as_ref(), lang),
                    hours: c.hours,
                    deadline: c.deadline,
                    basis: c
                        .basis
                        .as_ref()
                        .map(|b| localized(b, c.basis_ja.as_ref(), lang)),
                })
                .collect(),
        })
        .collect()
}

/// The regulatory clocks: every clock the header declares, plus any clock the records name.
/// Each verdict is the one the engine recorded (`clock_met`, `clock_late`, `clock_missed`);
/// a clock with no final record is open, or due after the drill ends when the drill ended
/// before its deadline (see [`crate::scoring::clock`]).
fn clocks(
    extra: &HeaderExtra,
    events: &[ClockRecord],
    end_minutes: u64,
    ended: bool,
    lang: Lang,
) -> Vec<ClockReport> {
    let mut out: Vec<ClockReport> = Vec::new();
    for regime in &extra.regimes {
        for c in &regime.clocks {
            out.push(ClockReport {
                regime: localized(&regime.name, regime.name_ja.as_ref(), lang),
                authority: localized(&regime.authority, regime.authority_ja.as_ref(), lang),
                title: localized(&c.title, c.title_ja.as_ref(), lang),
                hours: Some(u64::from(c.hours)),
                ..ClockReport::blank(format!("{}/{}", regime.id, c.id))
            });
        }
    }
    for r in events {
        let e = &r.event;
        let i = match out.iter().position(|c| c.id == e.clock) {
            Some(i) => i,
            None => {
                out.push(ClockReport::blank(e.clock.clone()));
                out.len() - 1
            }
        };
        let c = &mut out[i];
        c.evidence.push(r.line);
        let at = Some((r.turn, e.at_minutes));
        c.deadline_turn = c.deadline_turn.or(Some(e.deadline_turn));
        c.deadline_minutes = c.deadline_minutes.or(Some(e.deadline_minutes));
        match e.event.as_str() {
            "started" => c.started = c.started.or(at),
            "met" | "late" => c.delivered = c.delivered.or(at),
            _ => c.missed = c.missed.or(at),
        }
    }
    let hours = |a: u64, b: u64| {
        let d = i128::from(a) - i128::from(b);
        i64::try_from(d.div_euclid(60)).unwrap_or(i64::MAX)
    };
    for c in &mut out {
        let deadline = c.deadline_minutes.unwrap_or(0);
        c.verdict = match (c.started, c.delivered, c.missed) {
            (None, None, None) => ClockVerdict::NotStarted,
            (_, Some((_, at)), None) if at <= deadline => ClockVerdict::Met {
                margin_hours: hours(deadline, at),
            },
            (_, Some((_, at)), None) => ClockVerdict::MetLate {
                late_hours: hours(at, deadline),
            },
            (_, _, Some((_, at))) => ClockVerdict::Missed {
                overdue_hours: hours(at.max(end_minutes), deadline),
            },
            (Some(_), None, None) if ended => ClockVerdict::DueAfterEnd {
                hours_after_end: hours(deadline, end_minutes),
            },
            (Some(_), None, None) => ClockVerdict::Open {
                hours_left: hours(deadline, end_minutes),
            },
        };
    }
    out
}
