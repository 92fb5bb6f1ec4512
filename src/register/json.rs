//! `kunren register --format json`: the register as one JSON document (schema
//! `kunren-register/1`, described in `docs/register.md`). Every rating and clock verdict is
//! read from each drill's report model, named as the report's JSON names them.

use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

use crate::report::json::clock_verdict;

use super::dates::{self, ymd};
use super::model::{DrillEntry, Register, TrendCell, TrendRow};

/// The schema id written in every document.
pub const SCHEMA: &str = "kunren-register/1";

fn cell(c: &Option<TrendCell>) -> Value {
    match c {
        None => Value::Null,
        Some(c) => json!({
            "rating": c.rating.letter(),
            "share": c.share,
            "earned": c.earned,
            "achievable": c.achievable,
        }),
    }
}

fn row(r: &TrendRow) -> Value {
    json!({
        "key": r.key,
        "title": r.title,
        "ratings": r.cells.iter().map(cell).collect::<Vec<_>>(),
        "change": r.change(),
    })
}

fn drill(d: &DrillEntry) -> Value {
    let m = &d.model;
    let h = &m.header;
    json!({
        "number": d.number,
        "date": d.date_text(),
        "opened": m.times.opened.and_then(|t| t.format(&Rfc3339).ok()),
        "timezone": h.timezone,
        "drill_id": h.drill_id,
        "drill_title": h.drill_title,
        "journal": d.journal,
        "scenario": {
            "id": h.scenario_id,
            "title": h.scenario_title,
            "version": m.scenario.version,
            "sha256": h.scenario_sha256,
        },
        "status": d.status,
        "close_reason": m.integrity.close_reason,
        "facilitator": h.facilitator,
        "participants": m.people.participants.iter().map(|p| json!({
            "name": p.name, "role": p.role, "role_name": p.role_name,
        })).collect::<Vec<_>>(),
        "executive_present": m.people.executive_present,
        "executives": d.executives(),
        "previous_drill": m.times.previous_drill,
        "total": m.outcome.total,
        "achievable": m.outcome.achievable,
        "objectives": m.objectives.iter().map(|o| {
            let r = &o.result;
            json!({
                "id": r.id, "title": r.title, "function": r.function.name(),
                "rating": r.rating.letter(), "share": r.share,
                "earned": r.earned, "achievable": r.achievable,
            })
        }).collect::<Vec<_>>(),
        "functions": m.functions.iter().filter(|f| f.achievable > 0).map(|f| json!({
            "function": f.function.name(), "rating": f.rating().letter(), "share": f.share(),
            "earned": f.earned, "achievable": f.achievable,
        })).collect::<Vec<_>>(),
        "tally": m.tally(),
        "clocks": m.clocks.iter().map(|c| {
            let (verdict, hours) = clock_verdict(&c.verdict);
            json!({"id": c.id, "verdict": verdict, "verdict_hours": hours})
        }).collect::<Vec<_>>(),
        "grade": d.grade,
        "integrity": {
            "file_sha256": m.integrity.file_sha256,
            "file_bytes": m.integrity.file_bytes,
            "records": m.integrity.records,
            "merkle_root": m.integrity.merkle_root,
            "sealed": m.integrity.sealed,
            "signature": format!("{:?}", m.integrity.signature),
        },
    })
}

/// The register as a pretty-printed JSON document (with a final newline); with `summary`, the
/// annual summary's drills only (those of the last three years) and `"edition": "summary"`.
pub fn render(r: &Register, summary: bool) -> String {
    let from = dates::years_before(r.as_of, 3);
    let drills: Vec<Value> = r
        .drills
        .iter()
        .filter(|d| !summary || d.date > from)
        .map(drill)
        .collect();
    let id_of = |i: usize| r.drills.get(i).map(|d| d.id().to_string());
    let doc = json!({
        "schema": SCHEMA,
        "edition": if summary { "summary" } else { "full" },
        "directory": r.directory,
        "as_of": ymd(r.as_of),
        "every": r.every.to_string(),
        "organisation": r.organisation.as_ref().map(|(id, name)| json!({"id": id, "name": name})),
        "next_due": {
            "date": r.next_due.due.map(ymd),
            "basis_drill": r.next_due.basis.and_then(id_of),
            "overdue": r.next_due.overdue,
        },
        "drills": drills,
        "trend": {
            "drills": r.trend.drills.iter().filter_map(|&i| id_of(i)).collect::<Vec<_>>(),
            "functions": r.trend.functions.iter().map(row).collect::<Vec<_>>(),
            "objectives": r.trend.objectives.iter().map(row).collect::<Vec<_>>(),
        },
        "improvement_items": r.items.iter().filter(|i| !summary || i.is_open()).map(|it| json!({
            "drill_id": id_of(it.drill),
            "id": it.item.id,
            "corrective_action": it.item.action,
            "point_of_contact": it.item.owner,
            "due": it.item.due,
            "status": it.status,
            "overdue": it.overdue,
            "journal_line": it.item.line,
            "history": it.events.iter().map(|e| json!({
                "drill_id": id_of(e.drill),
                "date": r.drills.get(e.drill).map(DrillEntry::date_text),
                "status": e.status,
                "note": e.note,
                "journal_line": e.line,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "unmatched_updates": r.unmatched.iter().map(|u| json!({
            "drill_id": id_of(u.drill),
            "id": u.update.id,
            "drill": u.update.drill,
            "status": u.update.status,
            "journal_line": u.line,
            "reason": u.reason,
        })).collect::<Vec<_>>(),
        "files": r.files.iter().map(|f| json!({
            "path": f.path,
            "status": f.status.word(),
            "detail": f.status.detail(),
            "drill_id": f.drill_id,
        })).collect::<Vec<_>>(),
        "ignored_files": r.ignored,
        "exit_code": r.exit_code().code(),
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
