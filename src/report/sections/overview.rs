//! Section 1, exercise overview: the organisation, the drill, its scenario and its outcome.

use crate::i18n::report::fill;
use crate::report::document::{Block, Inline, Inlines};
use crate::report::text;

use super::{Out, code, txt};

/// "Next drill due", by the register's rule ([`text::next_drill_due`]): a year after this
/// drill when it completed; else (an aborted or unfinished drill does not count) a year after
/// the previous drill recorded, or now.
fn next_due(m: &crate::report::ReportModel, tz: &str) -> String {
    let t = m.lang.report();
    let due = text::next_drill_due(m, tz);
    let completed = m.integrity.closed == Some(crate::journal::CloseStatus::Completed);
    match (due, completed) {
        (Some(d), true) => crate::register::dates::ymd(d),
        (Some(d), false) => fill(
            t.next_due_not_counted,
            &[("date", &crate::register::dates::ymd(d))],
        ),
        (None, _) => t.next_due_now.to_string(),
    }
}

/// Section 1: the facts of the exercise and the list of objectives.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let h = &m.header;
    let tz = o.tz().to_string();
    let mut f: Vec<(String, Inlines)> = Vec::new();
    let mut org = vec![Inline::Strong(h.org_name.clone()), Inline::text(" ")];
    org.push(Inline::code(h.org_id.clone()));
    if !m.org.sector.is_empty() {
        org.push(Inline::text(format!(" · {}", m.org.sector)));
    }
    f.push((t.f_org.into(), org));
    let ex = &m.exercise.facts;
    let ja = m.lang == crate::i18n::Lang::Ja;
    let given = |v: &Option<String>| {
        txt(v
            .clone()
            .filter(|x| !x.trim().is_empty())
            .unwrap_or_else(|| t.not_recorded.to_string()))
    };
    let list = |v: &[String]| {
        txt(if v.is_empty() {
            t.not_recorded.to_string()
        } else {
            v.join(t.list_sep)
        })
    };
    f.push((t.f_scope.into(), txt(m.scenario.summary.clone())));
    if !ex.mission_areas.is_empty() {
        let names: Vec<String> = ex
            .mission_areas
            .iter()
            .map(|a| if ja { a.name_ja() } else { a.name() }.to_string())
            .collect();
        f.push((t.f_mission_areas.into(), list(&names)));
    }
    f.push((
        t.f_capabilities.into(),
        txt(match m.exercise.distinct_capabilities() {
            c if c.is_empty() => t.not_recorded.to_string(),
            c => c.join(t.group_sep),
        }),
    ));
    f.push((t.f_threat.into(), given(&ex.threat)));
    f.push((t.f_drill_title.into(), txt(h.drill_title.clone())));
    f.push((t.f_drill_id.into(), code(h.drill_id.clone())));
    let kind = match (ex.exercise_type, m.scenario.mode.as_str()) {
        (None, "headless") => t.type_headless.to_string(),
        (None, "console") => t.type_console.to_string(),
        (None, "") => t.type_unknown.to_string(),
        (None, other) => format!("{} ({other})", t.type_unknown),
        (Some(x), mode) => {
            let name = if ja { x.name_ja() } else { x.name() };
            let mode = match mode {
                "headless" => t.mode_headless.to_string(),
                "console" => t.mode_console.to_string(),
                "" => t.unknown.to_string(),
                other => other.to_string(),
            };
            fill(t.type_given, &[("kind", &name), ("mode", &mode)])
        }
    };
    f.push((t.f_type.into(), txt(kind)));
    if let Some(loc) = ex.location.as_ref().filter(|x| !x.trim().is_empty()) {
        f.push((t.f_location.into(), txt(loc.clone())));
    }
    if let Some(open) = m.times.opened {
        f.push((t.f_date.into(), txt(text::date(open, &tz))));
    }
    let real = match (m.times.opened, m.times.closed) {
        (Some(a), Some(b)) => {
            let secs = (b - a).whole_seconds();
            let mut s = format!(
                "{} – {} ({})",
                text::datetime(a, &tz),
                text::clock_time(b, &tz, Some(a)),
                text::real_duration(secs, m.lang)
            );
            if m.times.pauses > 0 {
                s.push_str(&fill(
                    t.paused_for,
                    &[
                        (
                            "duration",
                            &text::real_duration(m.times.paused_seconds, m.lang),
                        ),
                        ("n", &m.times.pauses),
                    ],
                ));
            }
            s
        }
        _ => t.unknown.to_string(),
    };
    f.push((t.f_real.into(), txt(real)));
    f.push((
        t.f_scenario_time.into(),
        txt(fill(
            t.scenario_duration,
            &[
                (
                    "duration",
                    &text::minutes_duration(m.times.scenario_minutes, m.lang),
                ),
                ("turns", &m.times.turns_played),
                ("minutes", &m.scenario.turn_minutes),
                ("max", &m.scenario.max_turns),
            ],
        )),
    ));
    if let Some(start) = m.scenario.calendar() {
        let ja = m.lang == crate::i18n::Lang::Ja;
        f.push((
            t.f_calendar.into(),
            txt(fill(
                t.calendar_span,
                &[
                    ("start", &start.label(0, ja)),
                    ("end", &start.label(m.times.scenario_minutes, ja)),
                    ("zone", &start.zone),
                ],
            )),
        ));
    }
    f.push((t.f_facilitator.into(), txt(m.facilitator())));
    if !ex.evaluators.is_empty() {
        f.push((t.f_evaluators.into(), list(&ex.evaluators)));
    }
    f.push((t.f_sponsor.into(), given(&ex.sponsor)));
    let mut orgs = vec![h.org_name.clone()];
    orgs.extend(
        ex.organisations
            .iter()
            .filter(|o| **o != h.org_name)
            .cloned(),
    );
    f.push((t.f_participating.into(), list(&orgs)));
    f.push((t.f_poc.into(), given(&ex.poc)));
    if let Some(mark) = ex.handling.as_ref().filter(|x| !x.trim().is_empty()) {
        f.push((t.f_handling.into(), vec![Inline::Strong(mark.clone())]));
    }
    let mut sc = vec![Inline::Strong(h.scenario_title.clone()), Inline::text(" ")];
    sc.push(Inline::code(h.scenario_id.clone()));
    if !m.scenario.version.is_empty() {
        sc.push(Inline::text(format!(" v{}", m.scenario.version)));
    }
    f.push((t.f_scenario.into(), sc));
    f.push((
        t.f_scenario_hash.into(),
        vec![
            Inline::code(h.scenario_sha256.clone()),
            Inline::text(" "),
            Inline::code(h.scenario_path.clone()),
        ],
    ));
    f.push((
        t.f_org_hash.into(),
        vec![
            Inline::code(h.org_sha256.clone()),
            Inline::text(" "),
            Inline::code(h.org_path.clone()),
        ],
    ));
    f.push((
        t.f_run.into(),
        txt(fill(
            t.run_facts,
            &[
                ("seed", &h.seed),
                ("language", &h.language),
                ("version", &h.kunren_version),
            ],
        )),
    ));
    if !m.scenario.techniques.is_empty() {
        f.push((t.f_techniques.into(), txt(m.scenario.techniques.join("; "))));
    }
    let previous = m.times.previous_drill.clone();
    f.push((
        t.f_previous.into(),
        txt(previous.unwrap_or_else(|| t.not_recorded.to_string())),
    ));
    if m.times.opened.is_some() {
        f.push((t.f_next_due.into(), txt(next_due(m, &tz))));
    }
    let out = &m.outcome;
    f.push((
        t.f_ending.into(),
        txt(out
            .ending
            .as_ref()
            .map(|e| {
                if e.text.is_empty() {
                    format!("{} ({})", e.title, e.id)
                } else {
                    format!("{} ({}) — {}", e.title, e.id, e.text)
                }
            })
            .unwrap_or_else(|| t.none.to_string())),
    ));
    f.push((
        t.f_impact.into(),
        txt(text::impact(out.impact_total, &m.org.impact_unit)),
    ));
    let detect = match out.first_detection_turn {
        Some(turn) => fill(
            t.detected_at,
            &[
                ("turn", &turn),
                (
                    "time",
                    &text::scenario_time(u64::from(turn).saturating_mul(m.scenario.turn_minutes)),
                ),
            ],
        ),
        None => t.never_detected.to_string(),
    };
    f.push((t.f_detect.into(), txt(detect)));
    o.blocks.push(Block::Facts(f));
    o.h(3, "objectives-list", t.h_objectives_list);
    let rows = m
        .objectives
        .iter()
        .map(|ob| {
            vec![
                code(ob.result.id.clone()),
                txt(m.lang.csf_function(ob.result.function)),
                txt(m
                    .exercise
                    .capability(&ob.result.id)
                    .unwrap_or("—")
                    .to_string()),
                txt(ob.result.title.clone()),
            ]
        })
        .collect::<Vec<_>>();
    if rows.is_empty() {
        o.para(t.none);
    } else {
        o.table(
            &[t.col_id, t.col_function, t.col_capability, t.col_objective],
            &[false; 4],
            rows,
        );
    }
}
