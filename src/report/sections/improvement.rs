//! Section 7, strengths, areas for improvement and improvement plan: the hotwash as recorded,
//! with what the journal itself shows.

use crate::i18n::report::fill;
use crate::report::document::{Block, Inline, Inlines, Tone};
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
        hotwash_areas(o);
    }
    findings::write(o, FindingKind::AreaForImprovement);

    o.h(3, "plan", t.h_plan);
    if d.items.is_empty() {
        o.callout(Tone::Warn, t.no_plan);
    } else {
        o.para(t.plan_intro);
        plan(o);
    }
    if !d.item_updates.is_empty() {
        o.h(3, "item-updates", t.h_item_updates);
        o.para(t.item_updates_intro);
        item_updates(o);
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
                    {
                        let mut v = if n.private {
                            vec![
                                Inline::Badge(Tone::Info, t.private_badge.into()),
                                Inline::text(" "),
                            ]
                        } else {
                            Vec::new()
                        };
                        match m.correction_of(n.line) {
                            Some(c) => {
                                v.push(Inline::Struck(n.text.clone()));
                                v.push(Inline::text(" "));
                                v.push(Inline::Badge(
                                    Tone::Warn,
                                    fill(
                                        t.corrected_by,
                                        &[("line", &c.line), ("by", &c.by), ("reason", &c.reason)],
                                    ),
                                ));
                            }
                            None => v.push(Inline::text(n.text.clone())),
                        }
                        v
                    },
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
    corrections(o);
}

/// Every correction, with what the corrected record said (struck): shown only when the
/// journal holds some.
fn corrections(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    if m.corrections.is_empty() {
        return;
    }
    o.h(3, "corrections", t.h_corrections);
    o.para(t.corrections_intro);
    let rows = m
        .corrections
        .iter()
        .map(|c| {
            let mut said = vec![Inline::Struck(c.what.clone())];
            if let Some(n) = c.replaced_by {
                said.push(Inline::text(format!(
                    " ({})",
                    fill(t.replaced_at, &[("line", &n)])
                )));
            }
            vec![
                txt(c.line.to_string()),
                txt(c.turn.to_string()),
                txt(c.corrects.to_string()),
                code(c.kind.clone()),
                said,
                txt(c.by.clone()),
                txt(c.reason.clone()),
            ]
        })
        .collect();
    o.table_c(
        "corrections",
        &[
            t.col_line,
            t.col_turn,
            t.col_corrects,
            t.col_kind,
            t.col_said,
            t.col_by,
            t.col_reason,
        ],
        &[true, true, true, false, false, false, false],
        rows,
    );
}

/// The hotwash's areas for improvement: one-line ones as a list, those with an observation,
/// analysis, recommendation or reference as the HSEEP block (id and issue, then each part).
fn hotwash_areas(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let d = &m.debrief;
    // In the order recorded: one-line areas as a list, the others as a block each.
    let mut simple: Vec<Inlines> = Vec::new();
    for (i, n) in d.areas.iter().enumerate() {
        let a = d.area_details.get(i);
        let parts: Vec<(String, Inlines)> = a
            .map(|a| {
                [
                    (t.afi_observation, a.observation.as_str()),
                    (t.afi_analysis, a.analysis.as_str()),
                    (t.afi_recommendation, a.recommendation.as_str()),
                    (t.afi_reference, a.reference.as_str()),
                ]
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| (k.to_string(), txt(v.to_string())))
                .collect()
            })
            .unwrap_or_default();
        let id = a.map(|a| a.id.clone()).unwrap_or_default();
        if parts.is_empty() {
            let mut v = Vec::new();
            if !id.is_empty() {
                v.push(Inline::Strong(id));
                v.push(Inline::text(" "));
            }
            v.push(Inline::text(n.text.clone()));
            simple.push(v);
            continue;
        }
        if !simple.is_empty() {
            o.blocks.push(Block::List(std::mem::take(&mut simple)));
        }
        let head = if id.is_empty() {
            n.text.clone()
        } else {
            format!("{id} — {}", n.text)
        };
        o.blocks.push(Block::Keep(vec![
            Block::Para(vec![Inline::Strong(head)]),
            Block::Facts(parts),
        ]));
    }
    if !simple.is_empty() {
        o.blocks.push(Block::List(simple));
    }
}

/// At most `n` characters of `s`, with an ellipsis when cut.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n).collect();
        out.push('…');
        out
    }
}

/// The improvement-plan matrix, with every HSEEP column.
fn plan(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let ja = m.lang == crate::i18n::Lang::Ja;
    let drill_day = m.times.opened.map(|x| text::date(x, o.tz()));
    let rows = m
        .debrief
        .items
        .iter()
        .map(|i| {
            let capability = i
                .capability
                .clone()
                .filter(|c| !c.trim().is_empty())
                .or_else(|| {
                    i.objective
                        .as_deref()
                        .and_then(|id| m.exercise.capability(id))
                        .map(str::to_string)
                });
            let mut cap: Inlines = Vec::new();
            if let Some(c) = capability {
                cap.push(Inline::text(c));
            }
            if let Some(id) = &i.objective {
                if !cap.is_empty() {
                    cap.push(Inline::text(" · "));
                }
                cap.push(Inline::code(id.clone()));
            }
            if cap.is_empty() {
                cap = txt("—");
            }
            let area = match &i.area {
                Some(id) => {
                    let text = m
                        .debrief
                        .area_details
                        .iter()
                        .find(|a| a.id == *id)
                        .map(|a| a.text.clone());
                    let mut v = vec![Inline::code(id.clone())];
                    if let Some(text) = text {
                        v.push(Inline::text(format!(" {}", short(&text, 80))));
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
            let mut due = missing(&i.due);
            if let Some(day) = &drill_day
                && !i.due.trim().is_empty()
                && i.due.trim() < day.as_str()
            {
                due.push(Inline::text(" "));
                due.push(Inline::Badge(Tone::Bad, t.due_before_drill.into()));
            }
            let element = i
                .element
                .map(|e| if ja { e.name_ja() } else { e.name() })
                .unwrap_or("—");
            let status = if ja {
                i.status.name_ja()
            } else {
                i.status.name()
            };
            vec![
                vec![
                    Inline::code(i.id.clone()),
                    Inline::text(fill(t.plan_line, &[("line", &i.line)])),
                ],
                cap,
                area,
                txt(i.action.clone()),
                txt(element),
                missing(&i.organisation),
                missing(&i.owner),
                txt(i.start.clone().unwrap_or_else(|| "—".into())),
                due,
                txt(status),
            ]
        })
        .collect();
    o.table_c(
        "plan",
        &[
            t.col_ip_id,
            t.col_capability,
            t.col_area,
            t.col_corrective,
            t.col_element,
            t.col_org,
            t.col_poc,
            t.col_start,
            t.col_completion,
            t.col_status,
        ],
        &[false; 10],
        rows,
    );
}

/// Where the items of earlier drills stand, as this hotwash recorded them.
fn item_updates(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let ja = m.lang == crate::i18n::Lang::Ja;
    let rows = m
        .debrief
        .item_updates
        .iter()
        .map(|e| {
            let u = &e.update;
            let status = if ja {
                u.status.name_ja()
            } else {
                u.status.name()
            };
            vec![
                if u.drill.trim().is_empty() {
                    txt(t.earlier_drill_unnamed)
                } else {
                    code(u.drill.clone())
                },
                code(u.id.clone()),
                txt(status),
                txt(if u.note.trim().is_empty() {
                    "—".to_string()
                } else {
                    u.note.clone()
                }),
                txt(e.line.to_string()),
            ]
        })
        .collect();
    o.table_c(
        "",
        &[
            t.col_drill,
            t.col_ip_id,
            t.col_status,
            t.col_note,
            t.col_line,
        ],
        &[false, false, false, false, true],
        rows,
    );
}
