//! The front page: what management reads first, before the numbered sections.

use crate::i18n::report::{Text, fill};
use crate::journal::{CloseStatus, EvidenceGrade};
use crate::report::compliance::{self, Status};
use crate::report::document::{Block, Inline, Inlines, Tone};
use crate::report::model::{ClockVerdict, ReportModel};
use crate::report::text;
use crate::scoring::Rating;

use super::{Out, Section, clocks, integrity, rating_name, txt};

/// The first page: title, banners, the facts at a glance, ratings, key findings, contents.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let h = &m.header;
    let edition = if m.redaction.is_some() {
        t.title_redacted
    } else {
        ""
    };
    o.h(
        1,
        "top",
        format!("{} — {}{edition}", t.title, h.drill_title),
    );
    let date = m
        .times
        .opened
        .map(|d| text::date(d, o.tz()))
        .unwrap_or_default();
    o.blocks.push(Block::Para(vec![
        Inline::Strong(h.org_name.clone()),
        Inline::text(format!(" · {date} · {} ", t.drill_id)),
        Inline::code(h.drill_id.clone()),
    ]));
    if let Some(r) = &m.redaction {
        o.callout(
            Tone::Warn,
            fill(t.redacted_notice, &[("n", &r.private_notes)]),
        );
    }
    let i = &m.integrity;
    if !i.sealed {
        o.callout(Tone::Bad, t.banner_unsealed);
    }
    if let Some(torn) = &i.torn_tail {
        o.callout(Tone::Bad, fill(t.banner_torn, &[("bytes", &torn.bytes)]));
    }
    if let Some(inc) = &i.incomplete {
        o.callout(
            Tone::Bad,
            fill(
                t.banner_incomplete,
                &[("at", &integrity::incomplete_at(t, inc))],
            ),
        );
    }
    match i.closed {
        Some(CloseStatus::Aborted) => {
            let reason = if i.close_reason.is_empty() {
                t.no_reason.to_string()
            } else {
                i.close_reason.clone()
            };
            o.callout(Tone::Warn, fill(t.banner_aborted, &[("reason", &reason)]));
        }
        None => o.callout(Tone::Warn, t.banner_not_closed),
        Some(CloseStatus::Completed) => {}
    }
    if !m.people.executive_present {
        o.callout(Tone::Bad, t.no_exec_warning);
    }
    if !m.checks.is_empty() {
        o.callout(Tone::Bad, t.banner_inconsistent);
    }
    if !i.recoveries.is_empty() {
        o.callout(
            Tone::Info,
            fill(t.banner_recovered, &[("n", &i.recoveries.len())]),
        );
    }
    if !m.outcome.has_result {
        o.callout(Tone::Info, t.banner_no_result);
    }
    let mut facts = Vec::new();
    let out = &m.outcome;
    let share = if out.achievable > 0 {
        out.total as f64 / out.achievable as f64
    } else {
        0.0
    };
    facts.push((
        t.glance_score.to_string(),
        txt(fill(
            t.points_of,
            &[
                ("earned", &out.total),
                ("achievable", &out.achievable),
                ("share", &text::pct(share)),
            ],
        )),
    ));
    facts.push((
        t.f_ending.to_string(),
        txt(out
            .ending
            .as_ref()
            .map(|e| format!("{} ({})", e.title, e.id))
            .unwrap_or_else(|| t.none.to_string())),
    ));
    let tz = o.tz().to_string();
    if let (Some(a), Some(b)) = (m.times.opened, m.times.closed) {
        facts.push((
            t.f_date.to_string(),
            txt(format!(
                "{} · {} · {}",
                text::date(a, &tz),
                text::real_duration((b - a).whole_seconds(), m.lang),
                fill(
                    t.scenario_short,
                    &[
                        (
                            "duration",
                            &text::minutes_duration(m.times.scenario_minutes, m.lang)
                        ),
                        ("turns", &m.times.turns_played),
                    ],
                )
            )),
        ));
    }
    facts.push((t.f_facilitator.to_string(), txt(m.facilitator())));
    if let Some(grade) = i.grade {
        let tone = match grade {
            EvidenceGrade::SignatureVerified => Tone::Good,
            EvidenceGrade::SignedKeyNotChecked | EvidenceGrade::Unsigned => Tone::Warn,
        };
        let mut v = vec![Inline::Badge(
            tone,
            integrity::grade_words(m.lang, grade).into(),
        )];
        if let Some(fp) = i.signature.fingerprint() {
            v.push(Inline::text(format!(" · {} ", t.fingerprint_word)));
            v.push(Inline::code(fp.to_string()));
        }
        facts.push((t.f_evidence.to_string(), v));
    }
    facts.push((
        Section::Participants.title(t).to_string(),
        vec![
            Inline::text(fill(
                t.participants_n,
                &[("n", &m.people.participants.len())],
            )),
            Inline::text(" "),
            if m.people.executive_present {
                Inline::Badge(Tone::Good, t.exec_yes.into())
            } else {
                Inline::Badge(Tone::Bad, t.exec_no.into())
            },
        ],
    ));
    let tally = m.tally();
    facts.push((
        Section::Clocks.title(t).to_string(),
        txt(fill(
            t.clocks_glance,
            &[
                ("met", &tally.clocks_met),
                ("late", &tally.clocks_late),
                ("missed", &tally.clocks_missed),
                ("after_end", &tally.clocks_after_end),
                ("all", &tally.clocks_all),
            ],
        )),
    ));
    facts.push((
        t.glance_reference.to_string(),
        txt(fill(
            t.steps_glance,
            &[
                ("on_time", &tally.steps_on_time),
                ("late", &tally.steps_late),
                ("missed", &tally.steps_missed),
                ("not_needed", &tally.steps_not_needed),
                ("all", &tally.steps_all),
            ],
        )),
    ));
    o.blocks.push(Block::Facts(facts));
    if !m.objectives.is_empty() {
        let with_capability = !m.exercise.capabilities.is_empty();
        let rows = m
            .objectives
            .iter()
            .map(|ob| {
                let r = &ob.result;
                let mut row = vec![vec![Inline::Rating(r.rating)], txt(r.title.clone())];
                if with_capability {
                    row.push(txt(m.exercise.capability(&r.id).unwrap_or("—").to_string()));
                }
                row.push(txt(m.lang.csf_function(r.function)));
                row.push(txt(format!("{}/{}", r.earned, r.achievable)));
                row
            })
            .collect();
        if i.provisional() {
            o.h(3, "ratings", t.glance_ratings_provisional);
        } else {
            o.h(3, "ratings", t.glance_ratings);
        }
        if with_capability {
            o.table_c(
                "ratings",
                &[
                    t.col_rating,
                    t.col_objective,
                    t.col_capability,
                    t.col_function,
                    t.col_points,
                ],
                &[false, false, false, false, true],
                rows,
            );
        } else {
            o.table_c(
                "ratings",
                &[t.col_rating, t.col_objective, t.col_function, t.col_points],
                &[false, false, false, true],
                rows,
            );
        }
    }
    let findings = key_findings(t, m);
    if !findings.is_empty() {
        o.h(3, "key-findings", t.h_key_findings);
        o.blocks.push(Block::List(findings));
    }
    let mut toc = Vec::new();
    for s in Section::ALL {
        toc.push(txt(format!("{}. {}", s.number(), s.title(t))));
    }
    toc.push(txt(t.h_approval));
    o.h(3, "contents", t.contents);
    o.blocks.push(Block::List(toc));
    o.blocks.push(Block::PageBreak);
}

/// What management must read first: the problems, each pointing at its section.
fn key_findings(t: &Text, m: &ReportModel) -> Vec<Inlines> {
    let mut out = Vec::new();
    for ob in &m.objectives {
        if matches!(ob.result.rating, Rating::S | Rating::M | Rating::U) {
            out.push(vec![
                Inline::Rating(ob.result.rating),
                Inline::text(format!(
                    " {} — {}",
                    ob.result.title,
                    rating_name(t, ob.result.rating)
                )),
            ]);
        }
    }
    for c in &m.clocks {
        if matches!(
            c.verdict,
            ClockVerdict::Missed { .. } | ClockVerdict::MetLate { .. }
        ) {
            let mut v = vec![Inline::text(format!(
                "{} ",
                if c.title.is_empty() { &c.id } else { &c.title }
            ))];
            v.extend(clocks::verdict(t, m, &c.verdict));
            out.push(v);
        }
    }
    let tally = m.tally();
    let (missed, late) = (tally.steps_missed, tally.steps_late);
    if missed + late > 0 {
        out.push(txt(fill(
            t.finding_steps,
            &[
                ("missed", &missed),
                ("late", &late),
                ("all", &m.response.steps.len()),
            ],
        )));
    }
    if m.outcome.first_detection_turn.is_none() && !m.scenario.stages.is_empty() {
        out.push(txt(t.never_detected));
    }
    if m.debrief.items.is_empty() {
        out.push(txt(t.no_plan));
    }
    let gaps = compliance::map(m)
        .iter()
        .filter(|r| r.status == Status::Gap)
        .count();
    if gaps > 0 {
        out.push(txt(fill(t.finding_gaps, &[("n", &gaps)])));
    }
    out
}
