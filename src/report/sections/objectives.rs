//! Section 4, objectives and ratings: how each objective was scored, line by line.

use crate::i18n::report::{Text, fill};
use crate::report::build;
use crate::report::document::{Block, Chart, Inline, Inlines, Series, Tone};
use crate::report::model::ReportModel;
use crate::report::text;
use crate::scoring::ExpectStatus;

use super::{Out, badge, code, rating_name, txt};

/// Section 4: ratings, the CSF functions, the score chart, the score lines per objective and
/// the expectations.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    o.para(t.ratings_intro);
    if m.integrity.provisional() {
        let why = if m.integrity.incomplete.is_some() {
            t.why_incomplete
        } else {
            t.why_unsealed
        };
        o.callout(Tone::Warn, fill(t.ratings_provisional, &[("why", &why)]));
    }
    let rows: Vec<Vec<Inlines>> = m
        .objectives
        .iter()
        .map(|ob| {
            let r = &ob.result;
            let recorded = match &ob.recorded {
                Some(x)
                    if x.rating == r.rating
                        && x.earned == r.earned
                        && x.achievable == r.achievable =>
                {
                    badge(Tone::Good, t.matches)
                }
                Some(x) => badge(
                    Tone::Bad,
                    format!(
                        "{} {}/{} {}",
                        t.differs,
                        x.earned,
                        x.achievable,
                        x.rating.letter()
                    ),
                ),
                None => txt("—"),
            };
            vec![
                vec![
                    Inline::code(r.id.clone()),
                    Inline::text(format!(" {}", r.title)),
                ],
                txt(m.lang.csf_function(r.function)),
                txt(format!("{}/{}", r.earned, r.achievable)),
                txt(if r.achievable > 0 {
                    text::pct(r.share)
                } else {
                    "—".into()
                }),
                vec![Inline::Rating(r.rating)],
                recorded,
            ]
        })
        .collect();
    if rows.is_empty() {
        o.para(t.none);
    } else {
        o.table(
            &[
                t.col_objective,
                t.col_function,
                t.col_points,
                t.col_share,
                t.col_rating,
                t.col_recorded,
            ],
            &[false, false, true, true, false, false],
            rows,
        );
    }
    if !m.orphan_lines.is_empty() {
        let ids: Vec<String> = m
            .orphan_lines
            .iter()
            .map(|l| format!("#{}", l.line))
            .collect();
        o.callout(
            Tone::Warn,
            fill(t.orphan_lines, &[("lines", &ids.join(", "))]),
        );
    }
    let hints: Vec<&crate::scoring::ScoreLine> = m
        .score_lines
        .iter()
        .filter(|l| l.source == crate::scoring::HINT_SOURCE)
        .collect();
    if !hints.is_empty() {
        let ids: Vec<String> = hints.iter().map(|l| format!("#{}", l.line)).collect();
        let points: i32 = hints.iter().map(|l| -l.points).sum();
        o.para(fill(
            t.hint_lines,
            &[("points", &points), ("lines", &ids.join(", "))],
        ));
    }

    o.h(3, "csf", t.h_csf);
    let rows = m
        .functions
        .iter()
        .map(|f| {
            let mut objs = Vec::new();
            for (k, (id, rating)) in f.objectives.iter().enumerate() {
                if k > 0 {
                    objs.push(Inline::text(" "));
                }
                objs.push(Inline::code(id.clone()));
                objs.push(Inline::text(" "));
                objs.push(Inline::Rating(*rating));
            }
            if objs.is_empty() {
                objs.push(Inline::text("—"));
            }
            let share = f.share().map_or_else(|| "—".into(), text::pct);
            vec![
                txt(m.lang.csf_function(f.function)),
                objs,
                txt(format!("{}/{}", f.earned, f.achievable)),
                txt(share),
                txt(f.actions.to_string()),
            ]
        })
        .collect();
    o.table(
        &[
            t.col_function,
            t.col_objectives,
            t.col_points,
            t.col_share,
            t.col_team_actions,
        ],
        &[false, false, true, true, true],
        rows,
    );

    o.h(3, "score-chart", t.h_chart);
    if m.turns.is_empty() {
        o.para(t.none);
    } else {
        let mut series: Vec<Series> = m
            .objectives
            .iter()
            .take(build::CHART_OBJECTIVES)
            .enumerate()
            .map(|(k, ob)| Series {
                name: ob.result.id.clone(),
                values: m
                    .turns
                    .iter()
                    .map(|tp| tp.by_objective.get(k).copied().unwrap_or(0))
                    .collect(),
                emphasis: false,
                ceiling: Some(i64::from(ob.result.achievable)),
                gaps: Vec::new(),
            })
            .collect();
        series.insert(
            0,
            Series {
                name: t.total.into(),
                values: m.turns.iter().map(|tp| tp.computed_total).collect(),
                emphasis: true,
                ceiling: Some(m.outcome.achievable),
                gaps: Vec::new(),
            },
        );
        o.blocks.push(Block::Chart(Chart {
            title: t.h_chart.into(),
            x_label: t.col_turn.into(),
            y_label: t.col_points.into(),
            turn_label: t.col_turn.into(),
            turns: m.turns.iter().map(|tp| tp.turn).collect(),
            series,
        }));
        if m.objectives.len() > build::CHART_OBJECTIVES {
            o.para(fill(t.chart_limited, &[("n", &build::CHART_OBJECTIVES)]));
        }
    }

    for ob in &m.objectives {
        let r = &ob.result;
        o.h(
            3,
            format!("objective-{}", anchor_id(&r.id)),
            format!("{} — {}", r.id, r.title),
        );
        o.blocks.push(Block::Para(vec![
            Inline::Rating(r.rating),
            Inline::text(format!(
                " {} · {} · {}",
                rating_name(t, r.rating),
                m.lang.csf_function(r.function),
                fill(
                    t.points_of,
                    &[
                        ("earned", &r.earned),
                        ("achievable", &r.achievable),
                        ("share", &text::pct(r.share)),
                    ]
                )
            )),
        ]));
        let before = &ob.without_overrides;
        if (before.earned, before.rating) != (r.earned, r.rating) {
            o.para(fill(
                t.override_effect,
                &[
                    ("earned_before", &before.earned),
                    ("rating_before", &before.rating.letter()),
                    ("earned", &r.earned),
                    ("rating", &r.rating.letter()),
                ],
            ));
        }
        if ob.lines.is_empty() {
            o.para(t.no_lines);
            continue;
        }
        o.blocks.push(score_table(t, m, &ob.lines));
    }
    if !m.orphan_lines.is_empty() {
        o.h(3, "objective-undeclared", t.undeclared_objective);
        o.blocks.push(score_table(t, m, &m.orphan_lines));
    }

    if !m.expectations.is_empty() {
        o.h(3, "expectations", t.h_expectations);
        let rows = m
            .expectations
            .iter()
            .map(|e| {
                let (tone, word) = match e.status {
                    Some(ExpectStatus::Success) => (Tone::Good, t.exp_success),
                    Some(ExpectStatus::Partial) => (Tone::Warn, t.exp_partial),
                    Some(ExpectStatus::Failed) => (Tone::Bad, t.exp_failed),
                    Some(ExpectStatus::Expired) => (Tone::Bad, t.exp_expired),
                    Some(ExpectStatus::Pending) => (Tone::Warn, t.exp_pending),
                    Some(ExpectStatus::Inactive) | None => (Tone::Info, t.exp_inactive),
                };
                vec![
                    code(e.id.clone()),
                    txt(e.title.clone()),
                    code(e.objective.clone()),
                    txt(e.points.to_string()),
                    badge(tone, word),
                ]
            })
            .collect();
        o.table(
            &[
                t.col_id,
                t.col_expectation,
                t.col_objective,
                t.col_points,
                t.col_status,
            ],
            &[false, false, false, true, false],
            rows,
        );
    }
}

/// An ASCII anchor id from an objective id.
fn anchor_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

fn score_table(t: &Text, m: &ReportModel, lines: &[crate::scoring::ScoreLine]) -> Block {
    let rows = lines
        .iter()
        .map(|l| {
            let ov = m.overrides.iter().rev().find(|o| o.ov.line == l.line);
            let ov_cell = match ov {
                Some(o) => badge(Tone::Warn, format!("→ {} ({})", o.ov.to, o.ov.reason)),
                None => txt(""),
            };
            vec![
                txt(format!("#{}", l.line)),
                txt(l.turn.to_string()),
                code(l.source.clone()),
                txt(l.reason.clone()),
                txt(text::signed(i64::from(l.points))),
                txt(l.max_points.to_string()),
                ov_cell,
            ]
        })
        .collect();
    Block::Table {
        head: [
            t.col_line_no,
            t.col_turn,
            t.col_source,
            t.col_reason,
            t.col_points,
            t.col_max,
            t.col_override,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows,
        numeric: vec![true, true, false, false, true, true, false],
        class: "scores",
    }
}
