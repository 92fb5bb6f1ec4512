//! Section 6, team response and reference response: each reference step, when it was due and
//! done, and the team's additional actions.

use crate::i18n::report::Text;
use crate::report::document::{Inline, Inlines, Tone};
use crate::report::model::StepVerdict;

use super::{Out, badge, code, txt};

/// Section 6: the reference steps and the additional actions.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    if m.response.steps.is_empty() {
        o.para(t.no_reference);
    } else {
        o.para(t.response_intro);
        let rows = m
            .response
            .steps
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let mut step = Vec::new();
                if let Some(a) = &s.action {
                    step.push(Inline::code(a.clone()));
                } else if let Some(c) = &s.choose {
                    step.push(Inline::text(format!("{} ", t.choose)));
                    step.push(Inline::code(c.clone()));
                }
                if let Some(x) = &s.target {
                    step.push(Inline::text(" → "));
                    step.push(Inline::code(x.clone()));
                }
                let due = match (s.due_from, s.due_turn) {
                    (None, Some(d)) => format!("{} {d}", t.turn),
                    (Some(a), Some(b)) if a < b => format!("{} {a}–{b} ({})", t.turn, t.approx),
                    (Some(_), Some(b)) => format!("{} {b}", t.turn),
                    (Some(a), None) => format!("≥ {} {a} ({})", t.turn, t.approx),
                    (None, None) => "—".into(),
                };
                let done = match &s.done {
                    Some((turn, who, _)) => {
                        let mut x =
                            format!("{} {turn} · {}", t.turn, o.who(&format!("role:{who}")));
                        if let Some(name) = m.people.name_of_role(who) {
                            x.push_str(&format!(" ({name})"));
                        }
                        if s.done_failed {
                            x.push_str(&format!(" ({})", t.failed));
                        }
                        x
                    }
                    None => "—".into(),
                };
                vec![
                    txt((k + 1).to_string()),
                    code(s.role.clone()),
                    step,
                    txt(due),
                    txt(done),
                    step_verdict(t, s.verdict),
                    txt(s.why.clone()),
                ]
            })
            .collect();
        o.table_c(
            "response",
            &[
                t.col_no,
                t.col_role,
                t.col_step,
                t.col_due,
                t.col_done,
                t.col_verdict,
                t.col_why,
            ],
            &[true, false, false, false, false, false, false],
            rows,
        );
    }
    o.h(3, "additional-actions", t.h_additional);
    if m.response.extra.is_empty() {
        o.para(t.none);
    } else {
        let rows = m
            .response
            .extra
            .iter()
            .map(|a| {
                vec![
                    txt(a.turn.to_string()),
                    code(a.role.clone()),
                    vec![
                        Inline::code(a.action.clone()),
                        Inline::text(format!(" {}", a.name)),
                    ],
                    a.target.clone().map(code).unwrap_or_else(|| txt("—")),
                    if a.success {
                        badge(Tone::Good, t.succeeded)
                    } else {
                        badge(Tone::Bad, t.failed)
                    },
                ]
            })
            .collect();
        o.table(
            &[
                t.col_turn,
                t.col_role,
                t.col_action,
                t.col_target,
                t.col_result,
            ],
            &[true, false, false, false, false],
            rows,
        );
    }
}

fn step_verdict(t: &Text, v: StepVerdict) -> Inlines {
    match v {
        StepVerdict::OnTime => badge(Tone::Good, t.step_on_time),
        StepVerdict::Late => badge(Tone::Warn, t.step_late),
        StepVerdict::Missed => badge(Tone::Bad, t.step_missed),
        StepVerdict::NotApplicable => badge(Tone::Info, t.step_not_applicable),
        StepVerdict::Defaulted => badge(Tone::Warn, t.step_defaulted),
        StepVerdict::DoneUntimed => badge(Tone::Good, t.step_done_untimed),
        StepVerdict::Undetermined => badge(Tone::Info, t.step_undetermined),
    }
}
