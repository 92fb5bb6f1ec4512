//! Section 7, strengths, areas for improvement and improvement plan: the hotwash as recorded,
//! with what the journal itself shows.

use crate::report::document::{Block, Inline, Tone};
use crate::report::findings::FindingKind;
use crate::report::text;

use super::{Out, badge, code, findings, txt};

/// Section 7: strengths, areas for improvement, the improvement plan, score overrides and
/// notes.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let d = &m.debrief;

    o.h(3, "strengths", t.h_strengths);
    if d.strengths.is_empty() {
        o.para(t.none_recorded);
    } else {
        let items = d.strengths.iter().map(|n| txt(n.text.clone())).collect();
        o.blocks.push(Block::List(items));
    }
    findings::write(o, FindingKind::Strength);

    o.h(3, "areas", t.h_areas);
    if d.areas.is_empty() {
        o.para(t.none_recorded);
    } else {
        let items = d.areas.iter().map(|n| txt(n.text.clone())).collect();
        o.blocks.push(Block::List(items));
    }
    findings::write(o, FindingKind::AreaForImprovement);

    o.h(3, "plan", t.h_plan);
    if d.items.is_empty() {
        o.callout(Tone::Warn, t.no_plan);
    } else {
        let rows = d
            .items
            .iter()
            .map(|i| {
                let objective = match &i.objective {
                    Some(id) => {
                        let title = m
                            .objectives
                            .iter()
                            .find(|x| x.result.id == *id)
                            .map(|x| x.result.title.clone());
                        let mut v = vec![Inline::code(id.clone())];
                        if let Some(title) = title {
                            v.push(Inline::text(format!(" {title}")));
                        }
                        v
                    }
                    None => txt("—"),
                };
                let missing = |s: &str| {
                    if s.trim().is_empty() {
                        badge(Tone::Bad, t.missing)
                    } else {
                        txt(s.to_string())
                    }
                };
                vec![
                    txt(i.action.clone()),
                    objective,
                    missing(&i.owner),
                    missing(&i.due),
                    txt(i.line.to_string()),
                ]
            })
            .collect();
        o.table_c(
            "plan",
            &[
                t.col_corrective,
                t.col_objective,
                t.col_owner,
                t.col_due_date,
                t.col_line,
            ],
            &[false, false, false, false, true],
            rows,
        );
    }

    o.h(3, "overrides", t.h_overrides);
    if m.overrides.is_empty() {
        o.para(t.no_overrides);
    } else {
        let rows = m
            .overrides
            .iter()
            .map(|e| {
                let reason = if e.ov.reason.trim().is_empty() {
                    badge(Tone::Bad, t.no_reason)
                } else {
                    txt(e.ov.reason.clone())
                };
                vec![
                    txt(format!("#{}", e.ov.line)),
                    e.objective.clone().map(code).unwrap_or_else(|| txt("—")),
                    txt(format!("{} → {}", e.ov.from, e.ov.to)),
                    reason,
                    txt(o.who(&e.ov.by)),
                    txt(e.ov.turn.to_string()),
                    txt(e.line_no.to_string()),
                ]
            })
            .collect();
        o.table_c(
            "overrides",
            &[
                t.col_line_no,
                t.col_objective,
                t.col_change,
                t.col_reason,
                t.col_by,
                t.col_turn,
                t.col_line,
            ],
            &[true, false, false, false, false, true, true],
            rows,
        );
    }

    o.h(3, "notes", t.h_notes);
    if d.notes.is_empty() {
        o.para(t.none_recorded);
    } else {
        let tz = o.tz().to_string();
        let start = m.times.opened;
        let rows = d
            .notes
            .iter()
            .map(|n| {
                vec![
                    txt(n.line.to_string()),
                    txt(n.turn.to_string()),
                    txt(n
                        .time
                        .map(|x| text::clock_time(x, &tz, start))
                        .unwrap_or_default()),
                    txt(o.who(&n.who)),
                    txt(n.text.clone()),
                ]
            })
            .collect();
        o.table_c(
            "notes",
            &[
                t.col_line,
                t.col_turn,
                t.col_real_time,
                t.col_who,
                t.col_note,
            ],
            &[true, true, false, false, false],
            rows,
        );
    }
}
