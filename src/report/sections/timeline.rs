//! Section 3, timeline: every recorded event, in journal order.

use crate::i18n::report::{Text, fill};
use crate::report::document::{Inline, Inlines, Tone};
use crate::report::model::{ActionResult, TimelineEntry, TimelineKind};
use crate::report::text;

use super::{Out, txt};

/// Section 3: the timeline table.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let (_, zone) = match m.times.opened {
        Some(at) => text::zone_at(o.tz(), at),
        None => text::zone(o.tz()),
    };
    o.para(fill(t.timeline_intro, &[("zone", &zone)]));
    if m.timeline.is_empty() {
        o.para(t.none);
        return;
    }
    let start = m.times.opened;
    let calendar = m.scenario.calendar();
    let ja = m.lang == crate::i18n::Lang::Ja;
    let tz = o.tz().to_string();
    let rows = m
        .timeline
        .iter()
        .map(|e| {
            vec![
                txt(e.line.to_string()),
                txt(e.turn.to_string()),
                txt(match &calendar {
                    Some(c) => format!(
                        "{} ({})",
                        text::scenario_time(e.scenario_minutes),
                        c.label(e.scenario_minutes, ja)
                    ),
                    None => text::scenario_time(e.scenario_minutes),
                }),
                txt(e
                    .time
                    .map(|x| text::clock_time(x, &tz, start))
                    .unwrap_or_default()),
                txt(who_named(o, &e.who)),
                corrected(o, e, timeline_what(t, e)),
            ]
        })
        .collect();
    o.table_c(
        "timeline",
        &[
            t.col_line,
            t.col_turn,
            t.col_scenario_time,
            t.col_real_time,
            t.col_who,
            t.col_what,
        ],
        &[true, true, false, false, false, false],
        rows,
    );
}

/// Who acted, with the participant's name beside the role when exactly one participant holds
/// it (`Aoi Tanaka (soc)`).
fn who_named(o: &Out, actor: &str) -> String {
    let shown = o.who(actor);
    match actor
        .strip_prefix("role:")
        .and_then(|r| o.m.people.name_of_role(r))
    {
        Some(name) => format!("{name} ({shown})"),
        None => shown,
    }
}

/// An entry a later correction names, with that correction.
fn corrected(o: &Out, e: &TimelineEntry, mut what: Inlines) -> Inlines {
    if let Some(c) = o.m.correction_of(e.line) {
        what.push(Inline::text(" "));
        what.push(Inline::Badge(
            Tone::Warn,
            fill(
                o.t.corrected_by,
                &[("line", &c.line), ("by", &c.by), ("reason", &c.reason)],
            ),
        ));
    }
    what
}

fn timeline_what(t: &Text, e: &TimelineEntry) -> Inlines {
    let mut v = Vec::new();
    let mut kw = |s: &str| v.push(Inline::Strong(s.to_string()));
    match &e.kind {
        TimelineKind::Inject {
            id,
            title,
            to,
            channel,
            by_facilitator,
            decision,
        } => {
            kw(t.k_inject);
            v.push(Inline::text(" "));
            v.push(Inline::code(id.clone()));
            let mut s = format!(" {title}");
            if !to.is_empty() {
                s.push_str(&format!(" → {}", to.join(", ")));
            }
            if !channel.is_empty() {
                s.push_str(&format!(" [{channel}]"));
            }
            if *by_facilitator {
                s.push_str(&format!(" ({})", t.by_facilitator));
            }
            if let Some(d) = decision {
                s.push_str(&format!(" — {}: {d}", t.asks_decision));
            }
            v.push(Inline::text(s));
        }
        TimelineKind::Decision {
            decision,
            option,
            label,
            timeout,
        } => {
            kw(t.k_decision);
            v.push(Inline::text(" "));
            v.push(Inline::code(decision.clone()));
            v.push(Inline::text(" → "));
            v.push(Inline::code(option.clone()));
            if !label.is_empty() && label != option {
                v.push(Inline::text(format!(" ({label})")));
            }
            if *timeout {
                v.push(Inline::text(" "));
                v.push(Inline::Badge(Tone::Warn, t.timeout_default.into()));
            }
        }
        TimelineKind::Action {
            action,
            name,
            target,
            result,
        } => {
            kw(t.k_action);
            v.push(Inline::text(" "));
            v.push(Inline::code(action.clone()));
            if let Some(x) = target {
                v.push(Inline::text(" → "));
                v.push(Inline::code(x.clone()));
            }
            if !name.is_empty() {
                v.push(Inline::text(format!(" ({name})")));
            }
            v.push(Inline::text(" "));
            v.push(match result {
                ActionResult::Succeeded => Inline::Badge(Tone::Good, t.succeeded.into()),
                ActionResult::Failed => Inline::Badge(Tone::Bad, t.failed.into()),
                ActionResult::Withdrawn => Inline::Badge(Tone::Info, t.withdrawn.into()),
                ActionResult::Unresolved => Inline::Badge(Tone::Info, t.unresolved.into()),
            });
        }
        TimelineKind::Detection { stage, by } => {
            kw(t.k_detection);
            v.push(Inline::text(" "));
            v.push(Inline::code(stage.clone()));
            v.push(Inline::text(format!(" — {} {by}", t.by)));
        }
        TimelineKind::Attacker {
            stage,
            title,
            technique,
            halted,
        } => {
            kw(t.k_attacker);
            v.push(Inline::text(" "));
            v.push(Inline::code(stage.clone()));
            v.push(Inline::text(format!(" {title} ({technique}) ")));
            v.push(if *halted {
                Inline::Badge(Tone::Good, t.halted.into())
            } else {
                Inline::Badge(Tone::Bad, t.stage_succeeded.into())
            });
            v.push(Inline::text(format!(" {}", t.ground_truth)));
        }
        TimelineKind::Clock { clock, event } => {
            kw(t.k_clock);
            v.push(Inline::text(" "));
            v.push(Inline::code(clock.clone()));
            v.push(Inline::text(" "));
            v.push(match event.as_str() {
                "started" => Inline::Badge(Tone::Info, t.clock_started.into()),
                "met" => Inline::Badge(Tone::Good, t.clock_met.into()),
                _ => Inline::Badge(Tone::Bad, t.clock_missed.into()),
            });
        }
        TimelineKind::Event { text } => {
            kw(t.k_event);
            v.push(Inline::text(format!(" {text}")));
        }
        TimelineKind::Override { line, from, to } => {
            kw(t.k_override);
            v.push(Inline::text(format!(" #{line}: {from} → {to}")));
        }
        TimelineKind::Correction {
            corrects,
            kind,
            by,
            reason,
        } => {
            kw(t.k_correction);
            v.push(Inline::text(format!(" {} {corrects} (", t.col_line)));
            v.push(Inline::code(kind.clone()));
            v.push(Inline::text(format!(") — {by}: {reason}")));
        }
        TimelineKind::Hint {
            step,
            what,
            target,
            points,
        } => {
            kw(t.k_hint);
            v.push(Inline::text(format!(
                " {}: ",
                fill(t.hint_step, &[("step", step)])
            )));
            v.push(Inline::code(what.clone()));
            if let Some(x) = target {
                v.push(Inline::text(" → "));
                v.push(Inline::code(x.clone()));
            }
            if *points != 0 {
                v.push(Inline::text(format!(" (−{points})")));
            }
        }
        TimelineKind::Paused => kw(t.k_paused),
        TimelineKind::Resumed => kw(t.k_resumed),
        TimelineKind::Recovered { bytes } => {
            kw(t.k_recovered);
            v.push(Inline::text(format!(
                " {}",
                fill(t.bytes_moved, &[("bytes", bytes)])
            )));
        }
        TimelineKind::Ending { id, title } => {
            kw(t.k_ending);
            v.push(Inline::text(format!(" {title} ")));
            v.push(Inline::code(id.clone()));
        }
        TimelineKind::Closed { status, reason } => {
            kw(t.k_closed);
            let status = match status.as_str() {
                "completed" => t.completed,
                "aborted" => t.aborted,
                other => other,
            };
            v.push(Inline::text(format!(" {status}")));
            if !reason.is_empty() {
                v.push(Inline::text(format!(" — {reason}")));
            }
        }
    }
    v
}
