//! `kunren report --format json`: the report's whole model as one JSON document, for an
//! inspector's tools. Markdown, HTML and JSON come from the same [`ReportModel`]; the schema
//! (`kunren-report/1`) is described in `docs/report.md`. Every verdict here is the one the
//! other formats print: step and clock verdicts, ratings, the tally, findings and compliance
//! rows are read from the model, never recomputed.

use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

use super::model::{ClockReport, ClockVerdict, ReportModel, StepReport, StepVerdict};
use crate::journal::SignatureStatus;
use crate::scoring::Rating;

/// The schema id written in every document.
pub const SCHEMA: &str = "kunren-report/1";

/// The model as a pretty-printed JSON document (with a final newline).
pub fn render(m: &ReportModel) -> String {
    let mut doc = document(m);
    if let Some(r) = &m.redaction {
        scrub(&mut doc, &r.names);
    }
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// In the redacted edition, replaces every name left in any string by its label (the same
/// names, longest first, as the Markdown and HTML editions).
fn scrub(v: &mut Value, names: &[(String, String)]) {
    match v {
        Value::String(s) => {
            for (name, label) in names {
                if s.contains(name.as_str()) {
                    *s = s.replace(name.as_str(), label);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| scrub(x, names)),
        Value::Object(map) => map.values_mut().for_each(|x| scrub(x, names)),
        _ => {}
    }
}

fn time(t: Option<time::OffsetDateTime>) -> Value {
    t.and_then(|t| t.format(&Rfc3339).ok())
        .map_or(Value::Null, Value::String)
}

fn rating(r: Rating) -> &'static str {
    r.letter()
}

/// The document: every top-level member is described in `docs/report.md`.
pub fn document(m: &ReportModel) -> Value {
    let h = &m.header;
    json!({
        "schema": SCHEMA,
        "language": m.lang.tag(),
        "overview": {
            "drill_id": h.drill_id,
            "drill_title": h.drill_title,
            "scenario": {
                "id": h.scenario_id,
                "title": h.scenario_title,
                "version": m.scenario.version,
                "sector": m.scenario.sector,
                "sha256": h.scenario_sha256,
            },
            "organisation": {
                "id": h.org_id,
                "name": h.org_name,
                "sector": m.org.sector,
                "sha256": h.org_sha256,
            },
            "seed": h.seed,
            "facilitator": h.facilitator,
            "timezone": h.timezone,
            "opened": time(m.times.opened),
            "closed": time(m.times.closed),
            "scenario_minutes": m.times.scenario_minutes,
            "turns_played": m.times.turns_played,
            "previous_drill": m.times.previous_drill,
            "plan": m.plan,
            "exercise": m.exercise.facts,
            "capabilities": m.exercise.capabilities,
        },
        "redacted": m.redaction.as_ref().map(|r| json!({
            "names_replaced": r.names.len(),
            "private_notes_left_out": r.private_notes,
        })),
        "participants": m.people.participants.iter().map(|p| json!({
            "name": p.name,
            "role": p.role,
            "role_name": p.role_name,
        })).collect::<Vec<_>>(),
        "executive_present": m.people.executive_present,
        "outcome": {
            "total": m.outcome.total,
            "achievable": m.outcome.achievable,
            "impact_total": m.outcome.impact_total,
            "impact_unit": m.org.impact_unit,
            "ending": m.outcome.ending.as_ref().map(|e| json!({
                "id": e.id, "title": e.title, "turn": e.turn,
            })),
            "first_detection_turn": m.outcome.first_detection_turn,
        },
        "tally": m.tally(),
        "objectives": m.objectives.iter().map(|o| {
            let r = &o.result;
            json!({
                "id": r.id,
                "title": r.title,
                "function": r.function.name(),
                "earned": r.earned,
                "achievable": r.achievable,
                "share": r.share,
                "rating": rating(r.rating),
                "without_overrides": {
                    "earned": o.without_overrides.earned,
                    "rating": rating(o.without_overrides.rating),
                },
                "score_lines": o.lines.iter().map(|l| l.line).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "score_lines": m.score_lines,
        "overrides": m.overrides.iter().map(|o| json!({
            "line": o.ov.line,
            "from": o.ov.from,
            "to": o.ov.to,
            "reason": o.ov.reason,
            "by": o.ov.by,
            "turn": o.ov.turn,
            "journal_line": o.line_no,
            "objective": o.objective,
        })).collect::<Vec<_>>(),
        "expectations": m.expectations.iter().map(|e| json!({
            "id": e.id,
            "title": e.title,
            "objective": e.objective,
            "points": e.points,
            "status": e.status,
        })).collect::<Vec<_>>(),
        "clocks": m.clocks.iter().map(clock).collect::<Vec<_>>(),
        "reference_response": m.response.steps.iter().enumerate().map(|(i, s)| step(m, i, s)).collect::<Vec<_>>(),
        "actions_beyond_reference": m.response.extra.iter().map(|a| json!({
            "turn": a.turn, "role": a.role, "action": a.action, "target": a.target,
            "success": a.success, "journal_line": a.line,
        })).collect::<Vec<_>>(),
        "findings": m.findings,
        "compliance": m.compliance,
        "hotwash": {
            "strengths": m.debrief.strengths.iter().map(|n| &n.text).collect::<Vec<_>>(),
            "areas_for_improvement": m.debrief.areas.iter().map(|n| &n.text).collect::<Vec<_>>(),
            "improvement_plan": m.debrief.items.iter().map(|i| json!({
                "id": i.id,
                "capability": i.capability,
                "objective": i.objective,
                "area_for_improvement": i.area,
                "corrective_action": i.action,
                "capability_element": i.element,
                "organisation": i.organisation,
                "point_of_contact": i.owner,
                "start": i.start,
                "due": i.due,
                "status": i.status,
                "journal_line": i.line,
            })).collect::<Vec<_>>(),
            "item_updates": m.debrief.item_updates.iter().map(|e| json!({
                "drill": e.update.drill,
                "id": e.update.id,
                "status": e.update.status,
                "note": e.update.note,
                "journal_line": e.line,
            })).collect::<Vec<_>>(),
            "signoffs": m.debrief.signoffs.iter().map(|n| json!({
                "text": n.text, "by": n.who, "time": time(n.time), "journal_line": n.line,
            })).collect::<Vec<_>>(),
        },
        "notes": m.debrief.notes.iter().map(|n| json!({
            "turn": n.turn, "by": n.who, "text": n.text, "time": time(n.time), "journal_line": n.line,
            "corrected_at": m.correction_of(n.line).map(|c| c.line),
        })).collect::<Vec<_>>(),
        "corrections": m.corrections.iter().map(|c| json!({
            "journal_line": c.line, "turn": c.turn, "time": time(c.time), "recorded_by": c.who,
            "by": c.by, "reason": c.reason, "corrects": c.corrects, "kind": c.kind,
            "said": c.what, "replaced_by": c.replaced_by,
        })).collect::<Vec<_>>(),
        "integrity": {
            "file_name": m.integrity.file_name,
            "file_sha256": m.integrity.file_sha256,
            "file_bytes": m.integrity.file_bytes,
            "records": m.integrity.records,
            "checkpoints": m.integrity.checkpoints,
            "merkle_root": m.integrity.merkle_root,
            "sealed": m.integrity.sealed,
            "signature": format!("{:?}", m.integrity.signature),
            "evidence_grade": m.integrity.grade.map(|g| json!({
                "code": g.code(),
                "words": g.words(),
                "proves": g.proves(),
                "key_id": key_id(&m.integrity.signature),
                "fingerprint": m.integrity.signature.fingerprint(),
            })),
            "incomplete": m.integrity.incomplete.as_ref().map(|i| json!({
                "code": i.code,
                "last_turn": i.last_turn,
                "max_turns": i.max_turns,
                "message": i.message,
            })),
            "ratings_provisional": m.integrity.provisional(),
        },
        "consistency_checks": m.checks.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>(),
    })
}

/// The id of the key that signed the journal, if it is signed.
fn key_id(s: &SignatureStatus) -> Option<&str> {
    match s {
        SignatureStatus::Verified { key_id, .. }
        | SignatureStatus::SignedNoPubkey { key_id, .. } => Some(key_id),
        _ => None,
    }
}

/// The JSON name of a clock verdict (`not_started`, `open`, `met`, `late`, `missed`,
/// `due_after_end`) and its hours (to spare, late, overdue, left or after the end).
pub fn clock_verdict(v: &ClockVerdict) -> (&'static str, Option<i64>) {
    match *v {
        ClockVerdict::NotStarted => ("not_started", None),
        ClockVerdict::Open { hours_left } => ("open", Some(hours_left)),
        ClockVerdict::Met { margin_hours } => ("met", Some(margin_hours)),
        ClockVerdict::MetLate { late_hours } => ("late", Some(late_hours)),
        ClockVerdict::Missed { overdue_hours } => ("missed", Some(overdue_hours)),
        ClockVerdict::DueAfterEnd { hours_after_end } => ("due_after_end", Some(hours_after_end)),
    }
}

fn clock(c: &ClockReport) -> Value {
    let (verdict, hours) = clock_verdict(&c.verdict);
    let at =
        |x: Option<(u32, u64)>| x.map(|(turn, minutes)| json!({"turn": turn, "minutes": minutes}));
    json!({
        "id": c.id,
        "regime": c.regime,
        "authority": c.authority,
        "title": c.title,
        "hours": c.hours,
        "started": at(c.started),
        "deadline": c.deadline_minutes.map(|minutes| json!({"turn": c.deadline_turn, "minutes": minutes})),
        "delivered": at(c.delivered),
        "verdict": verdict,
        "verdict_hours": hours,
        "journal_lines": c.evidence,
    })
}

fn step(m: &ReportModel, i: usize, s: &StepReport) -> Value {
    let verdict = match s.verdict {
        StepVerdict::OnTime => "on_time",
        StepVerdict::Late => "late",
        StepVerdict::Missed => "missed",
        StepVerdict::NotApplicable => "not_needed",
        StepVerdict::Defaulted => "defaulted",
        StepVerdict::DoneUntimed => "done_untimed",
        StepVerdict::Undetermined => "undetermined",
    };
    json!({
        "step": i + 1,
        "role": s.role,
        "action": s.action,
        "choose": s.choose,
        "target": s.target,
        "why": s.why,
        "due_turn": s.due_turn,
        "due_exact": s.due_exact,
        "done": s.done.as_ref().map(|(turn, by, line)| json!({
            "turn": turn,
            "by": by,
            "participant": m.people.name_of_role(by),
            "journal_line": line,
        })),
        "done_failed": s.done_failed,
        "verdict": verdict,
    })
}
