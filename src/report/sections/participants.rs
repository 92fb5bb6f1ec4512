//! Section 2, participants and roles: who played, which roles acted, who signed off.

use crate::i18n::report::fill;
use crate::report::document::Tone;
use crate::report::text;

use super::{Out, code, txt};

/// Section 2: the participants, the roles' activity and the sign-off.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let execs = m.people.executives();
    if execs.is_empty() {
        o.callout(Tone::Bad, t.no_exec_warning);
    } else {
        o.callout(
            Tone::Good,
            fill(t.exec_present, &[("names", &execs.join(", "))]),
        );
    }
    if m.people.participants.is_empty() {
        o.callout(Tone::Warn, t.no_participants);
    } else {
        let rows = m
            .people
            .participants
            .iter()
            .map(|p| {
                vec![
                    txt(p.name.clone()),
                    code(p.role.clone()),
                    txt(p.role_name.clone().unwrap_or_else(|| t.unknown_role.into())),
                ]
            })
            .collect();
        o.table(
            &[t.col_name, t.col_role, t.col_role_name],
            &[false; 3],
            rows,
        );
    }
    o.h(3, "roles", t.h_roles);
    let mut ids: Vec<String> = m.org.roles.iter().map(|(id, _)| id.clone()).collect();
    for r in m.people.role_activity.keys() {
        if !ids.contains(r) {
            ids.push(r.clone());
        }
    }
    let rows = ids
        .iter()
        .map(|id| {
            let name = m
                .org
                .roles
                .iter()
                .find(|(r, _)| r == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            let a = m.people.role_activity.get(id).cloned().unwrap_or_default();
            let who: Vec<String> = m
                .people
                .participants
                .iter()
                .filter(|p| p.role == *id)
                .map(|p| p.name.clone())
                .collect();
            vec![
                code(id.clone()),
                txt(name),
                txt(if who.is_empty() {
                    "—".to_string()
                } else {
                    who.join(", ")
                }),
                txt(a.injects.to_string()),
                txt(a.actions.to_string()),
                txt(a.decisions.to_string()),
            ]
        })
        .collect();
    o.table(
        &[
            t.col_role,
            t.col_role_name,
            t.col_played_by,
            t.col_injects,
            t.col_actions,
            t.col_decisions,
        ],
        &[false, false, false, true, true, true],
        rows,
    );
    if !m.exercise.facts.evaluators.is_empty() {
        o.para(format!(
            "{}: {}",
            t.f_evaluators,
            m.exercise.facts.evaluators.join(", ")
        ));
    }
    o.h(3, "signoff", t.h_signoff);
    if m.debrief.signoffs.is_empty() {
        o.callout(Tone::Warn, t.no_signoff);
    } else {
        let names: Vec<String> = m.debrief.signoffs.iter().map(|s| s.text.clone()).collect();
        o.para(fill(t.signed_off, &[("names", &names.join(", "))]));
        let tz = o.tz().to_string();
        let rows = m
            .debrief
            .signoff_details
            .iter()
            .zip(&m.debrief.signoffs)
            .map(|(s, n)| {
                let when = crate::report::build::parse_ts(&s.time)
                    .map(|x| text::datetime(x, &tz))
                    .unwrap_or_else(|| s.time.clone());
                let dash = |x: &str| {
                    if x.trim().is_empty() {
                        "—".to_string()
                    } else {
                        x.to_string()
                    }
                };
                vec![
                    txt(dash(&s.name)),
                    txt(dash(&s.role)),
                    txt(dash(&s.statement)),
                    txt(when),
                    txt(n.line.to_string()),
                ]
            })
            .collect();
        o.table_c(
            "signoff",
            &[
                t.col_name,
                t.col_title,
                t.col_statement,
                t.col_signed_at,
                t.col_line,
            ],
            &[false, false, false, false, true],
            rows,
        );
    }
}
