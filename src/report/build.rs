//! Builds the [`ReportModel`] from a verified journal's records.
//!
//! The journal's bodies are free JSON written by the engine; this reader is lenient (a missing
//! or odd field becomes empty, zero or "unknown") and never panics, because a journal with a
//! valid hash chain can still be hand-made. Numbers that the engine recorded are recomputed
//! here from the score lines and overrides and any difference is listed as an
//! [`Inconsistency`].

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::engine::EndingView;
use crate::journal::{Actor, Header, Record, RecordKind, VerifyReport};
use crate::scenario::{CsfFunction, Objective};
use crate::scoring::{self, ExpectStatus, ObjectiveResult, ScoreLine, ScoreOverride};

use super::i18n::Lang;
use super::model::{
    ActionResult, ActionTaken, ClockReport, ClockVerdict, Debrief, EXECUTIVE_ROLE, ExpectationRow,
    FunctionRow, ImprovementEntry, Inconsistency, Integrity, NoteEntry, ObjectiveReport, OrgInfo,
    Outcome, OverrideEntry, People, PersonRow, ReportModel, RoleActivity, ScenarioInfo,
    TimelineEntry, TimelineKind, Times, TurnPoint,
};
use super::response::{self, DecisionTaken, Facts};

/// Objectives tracked turn by turn for the chart (the rest still count in every total).
pub const CHART_OBJECTIVES: usize = 16;

fn s(v: &Value, k: &str) -> String {
    match v.get(k) {
        Some(Value::String(x)) => x.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn opt_s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

fn u(v: &Value, k: &str) -> Option<u64> {
    v.get(k).and_then(Value::as_u64)
}

fn u32_of(v: &Value, k: &str) -> Option<u32> {
    u(v, k).map(|x| u32::try_from(x).unwrap_or(u32::MAX))
}

fn f(v: &Value, k: &str) -> f64 {
    v.get(k)
        .and_then(Value::as_f64)
        .filter(|x| x.is_finite())
        .unwrap_or(0.0)
}

fn arr<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn strings(v: &Value, k: &str) -> Vec<String> {
    arr(v, k)
        .iter()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

fn pairs(v: &Value, k: &str, a: &str, b: &str) -> Vec<(String, String)> {
    arr(v, k).iter().map(|x| (s(x, a), s(x, b))).collect()
}

/// `key`, or `key_ja` when the report is in Japanese and the header has it.
fn localized(v: &Value, key: &str, lang: Lang) -> String {
    if lang == Lang::Ja
        && let Some(ja) = v
            .get(format!("{key}_ja"))
            .and_then(Value::as_str)
            .filter(|x| !x.trim().is_empty())
    {
        return ja.to_string();
    }
    s(v, key)
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

fn function_of(name: &str) -> Option<CsfFunction> {
    CsfFunction::ALL.into_iter().find(|f| f.name() == name)
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
    turn_minutes: u64,
    action_names: HashMap<String, (String, Option<CsfFunction>)>,
    timeline: Vec<TimelineEntry>,
    pending: Vec<Pending>,
    facts: Facts,
    actions: Vec<ActionTaken>,
    decisions: Vec<DecisionTaken>,
    lines: Vec<ScoreLine>,
    overrides: Vec<OverrideEntry>,
    clock_events: Vec<(String, String, u32, u32, u32, u64)>,
    expectation_status: HashMap<String, ExpectStatus>,
    activity: BTreeMap<String, RoleActivity>,
    debrief: Debrief,
    checks: Vec<Inconsistency>,
    turns: Vec<TurnPoint>,
    last_result: Option<Value>,
    last_turn_ended: Option<&'a Value>,
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
}

impl<'a> Pass<'a> {
    fn entry(&mut self, r: &Record, end_of_turn: bool, kind: TimelineKind) {
        let turn = u64::from(r.turn);
        let minutes = if end_of_turn {
            turn.saturating_mul(self.turn_minutes)
        } else {
            turn.saturating_sub(1).saturating_mul(self.turn_minutes)
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

    fn note(r: &Record) -> NoteEntry {
        NoteEntry {
            turn: r.turn,
            time: parse_ts(&r.ts),
            who: r.actor.to_string(),
            text: s(&r.body, "text"),
            line: r.seq.saturating_add(1),
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
    fn state_changed(&mut self, r: &Record) {
        let b = &r.body;
        // Changes made while a turn opens (or by a facilitator's inject) are visible in that
        // turn; changes made when it resolves, from the next one.
        let from = match b.get("phase").and_then(Value::as_str) {
            Some("resolve") => r.turn.saturating_add(1),
            _ => r.turn,
        };
        let changes = b
            .get("changes")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for c in &changes {
            let field = |k: &str| c.get(k).and_then(Value::as_bool).unwrap_or(false);
            match c.get("kind").and_then(Value::as_str) {
                Some("flag_set") => {
                    self.facts
                        .set_state(format!("flag:{}", s(c, "flag")), from, true)
                }
                Some("flag_cleared") => {
                    self.facts
                        .set_state(format!("flag:{}", s(c, "flag")), from, false)
                }
                Some("control_added") => {
                    self.facts
                        .set_state(format!("control:{}", s(c, "control")), from, true)
                }
                Some("asset") => {
                    let a = s(c, "asset");
                    for (key, value) in [
                        ("compromised", field("compromised")),
                        ("encrypted", field("encrypted")),
                        ("isolated", field("isolated")),
                        ("known-compromised", field("known_compromised")),
                    ] {
                        self.facts.set_state(format!("{key}:{a}"), from, value);
                    }
                }
                Some("service") => {
                    let down = c.get("status").and_then(Value::as_str) == Some("down");
                    self.facts
                        .set_state(format!("service-down:{}", s(c, "service")), from, down);
                }
                _ => {}
            }
        }
    }

    fn record(&mut self, r: &'a Record) {
        let b = &r.body;
        if let Some(ts) = parse_ts(&r.ts) {
            self.last_ts = Some(ts);
        }
        match r.kind {
            RecordKind::StateChanged => self.state_changed(r),
            RecordKind::InjectDelivered => {
                let id = s(b, "id");
                let to = strings(b, "to");
                for role in &to {
                    self.activity.entry(role.clone()).or_default().injects += 1;
                }
                self.facts.inject(&id, r.turn);
                let kind = TimelineKind::Inject {
                    id,
                    title: s(b, "title"),
                    to,
                    channel: s(b, "channel"),
                    by_facilitator: b
                        .get("by_facilitator")
                        .and_then(Value::as_bool)
                        .unwrap_or(false)
                        || matches!(r.actor, Actor::Facilitator(_)),
                    decision: opt_s(b, "decision"),
                };
                self.entry(r, false, kind);
            }
            RecordKind::ActionSubmitted => {
                let role = role_of(&r.actor)
                    .map(str::to_string)
                    .unwrap_or_else(|| s(b, "role"));
                self.activity.entry(role.clone()).or_default().actions += 1;
                let action = s(b, "action");
                let target = opt_s(b, "target");
                let name = self
                    .action_names
                    .get(&action)
                    .map(|x| x.0.clone())
                    .unwrap_or_default();
                self.pending.push(Pending {
                    timeline_index: self.timeline.len(),
                    turn: r.turn,
                    role,
                    action: action.clone(),
                    target: target.clone(),
                });
                self.entry(
                    r,
                    false,
                    TimelineKind::Action {
                        action,
                        name,
                        target,
                        result: ActionResult::Unresolved,
                    },
                );
            }
            RecordKind::ActionWithdrawn => {
                let role = s(b, "role");
                let (action, target) = (s(b, "action"), opt_s(b, "target"));
                let pos = self.pending.iter().rposition(|p| {
                    p.turn == r.turn && p.action == action && p.target == target && p.role == role
                });
                if let Some(p) = pos.map(|i| self.pending.remove(i)) {
                    self.set_result(p.timeline_index, ActionResult::Withdrawn);
                }
            }
            RecordKind::ActionResolved => self.resolved(r),
            RecordKind::DecisionMade => {
                let timeout = s(b, "by") == "timeout" || r.actor == Actor::Engine;
                let role = if timeout {
                    None
                } else {
                    Some(
                        role_of(&r.actor)
                            .map(str::to_string)
                            .unwrap_or_else(|| s(b, "by").trim_start_matches("role:").to_string()),
                    )
                };
                if let Some(role) = &role {
                    self.activity.entry(role.clone()).or_default().decisions += 1;
                }
                let option = s(b, "option");
                self.facts.chosen(&option, r.turn);
                self.decisions.push(DecisionTaken {
                    turn: r.turn,
                    option: option.clone(),
                    role,
                    line: r.seq.saturating_add(1),
                });
                let kind = TimelineKind::Decision {
                    decision: s(b, "decision"),
                    option,
                    label: s(b, "label"),
                    timeout,
                };
                // A team decision is taken during the turn; a time-out applies at its end.
                self.entry(r, timeout, kind);
            }
            RecordKind::AttackerStep => {
                let (stage, outcome) = (s(b, "stage"), s(b, "outcome"));
                self.facts.stage(&stage, &outcome, r.turn);
                if outcome == "succeeded" || outcome == "halted" {
                    let kind = TimelineKind::Attacker {
                        stage,
                        title: s(b, "title"),
                        technique: s(b, "technique"),
                        halted: outcome == "halted",
                    };
                    self.entry(r, true, kind);
                }
            }
            RecordKind::Detection => {
                let stage = s(b, "stage");
                self.facts.detected(&stage, r.turn);
                self.first_detection = Some(self.first_detection.map_or(r.turn, |t| t.min(r.turn)));
                let kind = TimelineKind::Detection {
                    stage,
                    by: s(b, "by"),
                };
                self.entry(r, true, kind);
            }
            RecordKind::ClockStarted | RecordKind::ClockMet | RecordKind::ClockMissed => {
                let (clock, event) = (s(b, "clock"), s(b, "event"));
                let event = if event.is_empty() {
                    match r.kind {
                        RecordKind::ClockStarted => "started".to_string(),
                        RecordKind::ClockMet => "met".to_string(),
                        _ => "missed".to_string(),
                    }
                } else {
                    event
                };
                self.facts.clock(&clock, &event, r.turn);
                self.clock_events.push((
                    clock.clone(),
                    event.clone(),
                    r.turn,
                    u32_of(b, "deadline_turn").unwrap_or(0),
                    u32_of(b, "hours_since_start").unwrap_or(0),
                    r.seq.saturating_add(1),
                ));
                self.entry(r, true, TimelineKind::Clock { clock, event });
            }
            RecordKind::ExpectationResolved => {
                if let Ok(status) = serde_json::from_value::<ExpectStatus>(
                    b.get("status").cloned().unwrap_or(Value::Null),
                ) {
                    self.expectation_status.insert(s(b, "id"), status);
                }
            }
            RecordKind::ScoreLine => match r.body_as::<ScoreLine>() {
                Ok(l) => {
                    let points = self
                        .last_override
                        .get(&l.line)
                        .map_or(i64::from(l.points), |&p| i64::from(p));
                    self.add_points(l.line, &l.objective, points);
                    self.lines.push(l);
                }
                Err(_) => self.unreadable(r),
            },
            RecordKind::ScoreOverride => match r.body_as::<ScoreOverride>() {
                Ok(o) => {
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
                Err(_) => self.unreadable(r),
            },
            RecordKind::TurnEnded => self.turn_ended(r),
            RecordKind::FacilitatorNote => {
                let n = Self::note(r);
                self.debrief.notes.push(n);
            }
            RecordKind::Paused => {
                self.times.pauses += 1;
                self.pause_started = parse_ts(&r.ts);
                self.entry(r, false, TimelineKind::Paused);
            }
            RecordKind::Resumed => {
                if let (Some(start), Some(now)) = (self.pause_started.take(), parse_ts(&r.ts)) {
                    self.times.paused_seconds = self
                        .times
                        .paused_seconds
                        .saturating_add((now - start).whole_seconds().max(0));
                }
                self.entry(r, false, TimelineKind::Resumed);
            }
            RecordKind::HotwashStrength => self.debrief.strengths.push(Self::note(r)),
            RecordKind::HotwashImprovementArea => self.debrief.areas.push(Self::note(r)),
            RecordKind::ImprovementItem => self.debrief.items.push(ImprovementEntry {
                action: s(b, "action"),
                objective: opt_s(b, "objective"),
                owner: s(b, "owner"),
                due: s(b, "due"),
                line: r.seq.saturating_add(1),
            }),
            RecordKind::ExecutiveSignoff => {
                let mut n = Self::note(r);
                n.text = s(b, "name");
                self.debrief.signoffs.push(n);
            }
            RecordKind::Recovered => {
                let bytes = u(b, "bytes_moved").unwrap_or(0);
                self.recoveries.push((r.seq.saturating_add(1), bytes));
                self.entry(r, false, TimelineKind::Recovered { bytes });
            }
            RecordKind::DrillClosed => {
                self.close_reason = s(b, "reason");
                self.times.closed = parse_ts(&r.ts);
                let kind = TimelineKind::Closed {
                    status: s(b, "status"),
                    reason: self.close_reason.clone(),
                };
                self.entry(r, true, kind);
            }
            RecordKind::TurnStarted => {
                self.facts.last_turn = self.facts.last_turn.max(r.turn);
            }
            RecordKind::DrillOpened | RecordKind::Checkpoint => {}
        }
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

    fn resolved(&mut self, r: &Record) {
        let b = &r.body;
        let action = s(b, "action");
        let target = opt_s(b, "target");
        let role = {
            let x = s(b, "role");
            if x.is_empty() {
                role_of(&r.actor).unwrap_or_default().to_string()
            } else {
                x
            }
        };
        let success = b.get("success").and_then(Value::as_bool).unwrap_or(false);
        let name = self
            .action_names
            .get(&action)
            .map(|x| x.0.clone())
            .unwrap_or_default();
        let name = if name.is_empty() { s(b, "name") } else { name };
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

    fn turn_ended(&mut self, r: &'a Record) {
        let b = &r.body;
        for e in strings(b, "events") {
            self.entry(r, true, TimelineKind::Event { text: e });
        }
        let ending = b
            .get("ending")
            .filter(|e| !e.is_null())
            .and_then(|e| serde_json::from_value::<EndingView>(e.clone()).ok());
        if let Some(e) = &ending {
            let kind = TimelineKind::Ending {
                id: e.id.clone(),
                title: e.title.clone(),
            };
            self.entry(r, true, kind);
        }
        let minutes =
            u(b, "minutes").unwrap_or_else(|| u64::from(r.turn).saturating_mul(self.turn_minutes));
        self.times.scenario_minutes = self.times.scenario_minutes.max(minutes);
        self.times.turns_played += 1;
        let computed: i64 = self.by_objective.values().sum();
        let recorded = b.get("total").and_then(Value::as_i64);
        if let Some(rec) = recorded
            && rec != computed
        {
            self.checks.push(Inconsistency::Total {
                turn: r.turn,
                recorded: rec,
                computed,
            });
        }
        self.turns.push(TurnPoint {
            turn: r.turn,
            minutes,
            recorded_total: recorded,
            computed_total: computed,
            by_objective: self
                .tracked
                .iter()
                .map(|id| self.by_objective.get(id).copied().unwrap_or(0))
                .collect(),
            impact: f(b, "impact"),
            impact_total: f(b, "impact_total"),
        });
        if let Some(res) = b.get("result").filter(|x| x.is_object()) {
            self.last_result = Some(res.clone());
        }
        self.last_turn_ended = Some(b);
    }
}

fn read_objectives(extra: &Value) -> Vec<Objective> {
    arr(extra, "objectives")
        .iter()
        .filter_map(|o| serde_json::from_value::<Objective>(o.clone()).ok())
        .collect()
}

fn scenario_info(extra: &Value) -> ScenarioInfo {
    let sc = extra.get("scenario").unwrap_or(&Value::Null);
    ScenarioInfo {
        version: s(sc, "version"),
        sector: s(sc, "sector"),
        summary: s(sc, "summary"),
        authors: strings(sc, "authors"),
        turn_minutes: u(sc, "turn_minutes").unwrap_or(0),
        max_turns: u(sc, "max_turns").unwrap_or(0),
        techniques: strings(sc, "techniques"),
        stages: arr(extra, "stages")
            .iter()
            .map(|x| (s(x, "id"), s(x, "title"), s(x, "technique")))
            .collect(),
        mode: s(extra, "mode"),
    }
}

fn org_info(extra: &Value) -> OrgInfo {
    let org = extra.get("org").unwrap_or(&Value::Null);
    OrgInfo {
        sector: s(org, "sector"),
        impact_unit: s(org, "impact_unit"),
        roles: pairs(org, "roles", "id", "name"),
        services: pairs(org, "services", "id", "name"),
    }
}

/// Builds the model. `records` are the journal's valid records (header first); `verify` is
/// the verification of the same bytes; `file_name` names the journal in the verify commands.
pub fn build(records: &[Record], verify: &VerifyReport, file_name: &str) -> Option<ReportModel> {
    let first = records.first()?;
    let header: Header = first.body_as().ok()?;
    let extra = &header.extra;
    let scenario = scenario_info(extra);
    let org = org_info(extra);
    let turn_minutes = scenario.turn_minutes.max(1);
    let lang = Lang::from_tag(&header.language);
    let action_names = arr(extra, "actions")
        .iter()
        .map(|a| {
            let name = localized(a, "name", lang);
            (s(a, "id"), (name, function_of(&s(a, "function"))))
        })
        .collect();
    let mut pass = Pass {
        turn_minutes,
        action_names,
        timeline: Vec::new(),
        pending: Vec::new(),
        facts: Facts {
            state_tracked: extra.get("state_tracking").and_then(Value::as_bool) == Some(true),
            initial_controls: arr(extra, "controls_in_place")
                .iter()
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect(),
            option_inject: arr(extra, "decisions")
                .iter()
                .flat_map(|d| {
                    let inject = s(d, "inject");
                    arr(d, "options")
                        .iter()
                        .map(move |o| (s(o, "id"), inject.clone()))
                        .collect::<Vec<_>>()
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
        checks: Vec::new(),
        turns: Vec::new(),
        last_result: None,
        last_turn_ended: None,
        times: Times {
            opened: parse_ts(&first.ts),
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
    };
    let objectives = read_objectives(extra);
    pass.tracked = objectives
        .iter()
        .take(CHART_OBJECTIVES)
        .map(|o| o.id.clone())
        .collect();
    for r in records {
        pass.record(r);
    }
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
    let recorded = pass.last_result.clone();
    let recorded_objectives: Vec<ObjectiveResult> = recorded
        .as_ref()
        .map(|r| {
            arr(r, "objectives")
                .iter()
                .filter_map(|o| serde_json::from_value::<ObjectiveResult>(o.clone()).ok())
                .collect()
        })
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
            ObjectiveReport {
                result,
                recorded: rec,
                lines,
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
    if let Some(rec) = recorded
        .as_ref()
        .and_then(|r| r.get("total"))
        .and_then(Value::as_i64)
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
        .filter(|l| !objectives.iter().any(|o| o.id == l.objective))
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

    let end_hours = pass.times.scenario_minutes / 60;
    let clocks = clocks(extra, &pass.clock_events, turn_minutes, end_hours, lang);
    let response = response::compare(
        arr(extra, "reference_response"),
        &pass.facts,
        &pass.actions,
        &pass.decisions,
    );
    let expectations = arr(extra, "expectations")
        .iter()
        .map(|e| {
            let id = s(e, "id");
            ExpectationRow {
                status: pass.expectation_status.get(&id).copied(),
                title: s(e, "title"),
                objective: s(e, "objective"),
                points: e.get("points").and_then(Value::as_i64).unwrap_or(0),
                id,
            }
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

    let ending = pass
        .last_turn_ended
        .and_then(|b| b.get("ending"))
        .filter(|e| !e.is_null())
        .and_then(|e| serde_json::from_value::<EndingView>(e.clone()).ok());
    let first_detection_turn = recorded
        .as_ref()
        .and_then(|r| u32_of(r, "first_detection_turn"))
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
        && let Some(unit) = recorded.as_ref().and_then(|r| opt_s(r, "impact_unit"))
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
        torn_tail: verify.torn_tail.clone(),
        recoveries: std::mem::take(&mut pass.recoveries),
    };
    Some(ReportModel {
        lang,
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
    })
}

/// The regulatory clocks: every clock the header declares, plus any clock the records name.
fn clocks(
    extra: &Value,
    events: &[(String, String, u32, u32, u32, u64)],
    turn_minutes: u64,
    end_hours: u64,
    lang: Lang,
) -> Vec<ClockReport> {
    let mut out: Vec<ClockReport> = Vec::new();
    for regime in arr(extra, "regimes") {
        for c in arr(regime, "clocks") {
            out.push(ClockReport {
                regime: localized(regime, "name", lang),
                authority: s(regime, "authority"),
                title: localized(c, "title", lang),
                hours: u(c, "hours"),
                ..ClockReport::blank(format!("{}/{}", s(regime, "id"), s(c, "id")))
            });
        }
    }
    for (clock, event, turn, deadline_turn, hours, line) in events {
        let i = match out.iter().position(|c| c.id == *clock) {
            Some(i) => i,
            None => {
                out.push(ClockReport::blank(clock.clone()));
                out.len() - 1
            }
        };
        let c = &mut out[i];
        c.evidence.push(*line);
        let at = Some((*turn, u64::from(*hours)));
        match event.as_str() {
            "started" => {
                c.started = c.started.or(at);
                c.deadline_turn = Some(*deadline_turn);
            }
            "met" => {
                c.met = c.met.or(at);
                c.deadline_turn = c.deadline_turn.or(Some(*deadline_turn));
            }
            _ => {
                c.missed = c.missed.or(at);
                c.deadline_turn = c.deadline_turn.or(Some(*deadline_turn));
            }
        }
    }
    for c in &mut out {
        let from_turn = c
            .deadline_turn
            .map(|t| u64::from(t).saturating_mul(turn_minutes) / 60);
        // A clock met in the turn it would have started has no `started` record: infer the
        // start from the deadline the engine applied.
        if c.started.is_none()
            && (c.met.is_some() || c.missed.is_some())
            && let (Some(dt), Some(h)) = (c.deadline_turn, c.hours)
        {
            let turns = h.saturating_mul(60) / turn_minutes.max(1);
            let st = u64::from(dt).saturating_sub(turns);
            c.started = Some((
                u32::try_from(st).unwrap_or(u32::MAX),
                st.saturating_mul(turn_minutes) / 60,
            ));
            c.started_inferred = true;
        }
        c.deadline_hours = match (c.started, c.hours) {
            (Some((_, h)), Some(allowed)) => Some(h.saturating_add(allowed)),
            _ => from_turn,
        };
        let diff = |a: u64, b: u64| {
            i64::try_from(a)
                .unwrap_or(i64::MAX)
                .saturating_sub(i64::try_from(b).unwrap_or(i64::MAX))
        };
        c.verdict = match (c.started, c.met, c.missed, c.deadline_hours) {
            (_, Some((_, met)), Some(_), Some(d)) => ClockVerdict::MetLate {
                late_hours: diff(met, d),
            },
            (_, Some((_, met)), None, Some(d)) => ClockVerdict::Met {
                margin_hours: diff(d, met),
            },
            (_, Some(_), _, None) => ClockVerdict::Met { margin_hours: 0 },
            (_, None, Some(_), d) => ClockVerdict::Missed {
                overdue_hours: d.map_or(0, |d| diff(end_hours, d)),
            },
            (Some(_), None, None, d) => ClockVerdict::Open {
                hours_left: d.map_or(0, |d| diff(d, end_hours)),
            },
            (None, None, None, _) => ClockVerdict::NotStarted,
        };
    }
    out
}
