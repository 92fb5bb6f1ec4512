//! Section 5, regulatory clocks: each notification deadline and whether it was met.

use crate::i18n::report::{Text, fill};
use crate::report::document::{Inline, Inlines, Tone};
use crate::report::model::{ClockVerdict, ReportModel};
use crate::report::text;

use super::{Out, badge, txt};

/// Section 5: every regulatory clock, when it started, its deadline and its verdict.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    if m.clocks.is_empty() {
        o.para(t.no_clocks);
        return;
    }
    o.para(t.clocks_intro);
    let rows = m
        .clocks
        .iter()
        .map(|c| {
            let mut what = Vec::new();
            if !c.title.is_empty() {
                what.push(Inline::text(format!("{} ", c.title)));
            }
            what.push(Inline::code(c.id.clone()));
            let regime = if c.authority.is_empty() {
                c.regime.clone()
            } else {
                format!("{} — {}", c.regime, c.authority)
            };
            let allowed = c
                .hours
                .map(|x| text::hours(i64::try_from(x).unwrap_or(i64::MAX), m.lang))
                .unwrap_or_else(|| "—".into());
            let started = c
                .started
                .map(|(turn, at)| o.at_turn(turn, at))
                .unwrap_or_else(|| "—".into());
            let deadline = match (c.deadline_minutes, c.deadline_turn, c.started) {
                (Some(at), Some(turn), Some(_)) => {
                    format!("{} ({} {turn})", text::scenario_time(at), t.turn)
                }
                (Some(at), _, Some(_)) => text::scenario_time(at),
                _ => "—".into(),
            };
            let delivered = c
                .delivered
                .map(|(turn, at)| o.at_turn(turn, at))
                .unwrap_or_else(|| "—".into());
            vec![
                what,
                txt(regime),
                txt(allowed),
                txt(started),
                txt(deadline),
                txt(delivered),
                verdict(t, m, &c.verdict),
            ]
        })
        .collect();
    o.table_c(
        "clocks",
        &[
            t.col_clock,
            t.col_regime,
            t.col_allowed,
            t.col_started,
            t.col_deadline,
            t.col_delivered,
            t.col_verdict,
        ],
        &[false, false, true, false, false, false, false],
        rows,
    );
}

/// A clock's verdict as a badge (also used by the front page and section 7).
pub(super) fn verdict(t: &Text, m: &ReportModel, v: &ClockVerdict) -> Inlines {
    let h = |x: i64| text::hours(x, m.lang);
    match v {
        ClockVerdict::NotStarted => badge(Tone::Info, t.clock_not_started),
        ClockVerdict::Open { hours_left } => badge(
            Tone::Warn,
            fill(t.clock_open, &[("hours", &h(*hours_left))]),
        ),
        ClockVerdict::Met { margin_hours } => badge(
            Tone::Good,
            fill(t.clock_met_margin, &[("hours", &h(*margin_hours))]),
        ),
        ClockVerdict::MetLate { late_hours } => badge(
            Tone::Bad,
            fill(t.clock_met_late, &[("hours", &h(*late_hours))]),
        ),
        ClockVerdict::Missed { overdue_hours } => badge(
            Tone::Bad,
            fill(t.clock_missed_by, &[("hours", &h(*overdue_hours))]),
        ),
        ClockVerdict::DueAfterEnd { hours_after_end } => badge(
            Tone::Info,
            fill(t.clock_after_end, &[("hours", &h(*hours_after_end))]),
        ),
    }
}
