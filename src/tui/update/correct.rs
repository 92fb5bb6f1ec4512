//! The corrections dialog (`m`): pick a decision, override or note, say who asks and why, and
//! the session records a correction (the record itself is never changed).

use super::super::app::{App, Overlay};
use super::super::correct::{CorrectDialog, CorrectStep, rows};
use super::super::i18n::S;
use super::super::msg::Msg;
use super::{edit, is_edit, with_drill};
use crate::input::Input;
use crate::journal::RecordKind;
use crate::records::Correction;

/// Opens the dialog on the newest record, or says there is nothing to correct.
pub(super) fn open(app: &mut App) {
    let n = rows(app).len();
    if n == 0 {
        app.info(app.lang.t(S::CorrectNone));
        return;
    }
    let by = app.facilitator.clone();
    app.overlay = Some(Overlay::Correct(CorrectDialog::new(n, &by)));
}

/// Applies a message to the dialog; returns it while it stays open.
pub(super) fn update(app: &mut App, mut d: CorrectDialog, msg: Msg) -> Option<Overlay> {
    let lang = app.lang;
    let list = rows(app);
    if list.is_empty() {
        return None;
    }
    d.selected = d.selected.min(list.len() - 1);
    match (d.step, msg) {
        (CorrectStep::Pick, Msg::Esc) => return None,
        (_, Msg::Esc) => d.step = CorrectStep::Pick,
        (CorrectStep::Pick, Msg::Up) => d.selected = d.selected.saturating_sub(1),
        (CorrectStep::Pick, Msg::Down) => d.selected = (d.selected + 1).min(list.len() - 1),
        (CorrectStep::Pick, Msg::Home | Msg::PageUp) => d.selected = 0,
        (CorrectStep::Pick, Msg::End | Msg::PageDown) => d.selected = list.len() - 1,
        (CorrectStep::Pick, Msg::Enter) => d.step = CorrectStep::By,
        (CorrectStep::By, Msg::Enter | Msg::Tab | Msg::Down) => d.step = CorrectStep::Reason,
        (CorrectStep::Reason, Msg::Up | Msg::BackTab) => d.step = CorrectStep::By,
        (CorrectStep::By, Msg::Up | Msg::BackTab) => d.step = CorrectStep::Pick,
        (CorrectStep::Reason, Msg::Enter) => {
            if d.reason.is_blank() {
                app.error(lang.t(S::CorrectNeedReason));
                return Some(Overlay::Correct(d));
            }
            let row = list[d.selected].clone();
            let c = Correction {
                by: d.by.trimmed().to_string(),
                reason: d.reason.trimmed().to_string(),
                seq: row.seq,
                ..Correction::default()
            };
            with_drill(app, |dr| dr.apply(Input::Correct(c)))?;
            let what = match row.kind {
                RecordKind::DecisionMade => S::StCorrectedDecision,
                RecordKind::ScoreOverride => S::StCorrectedOverride,
                _ => S::StCorrectedNote,
            };
            app.info(lang.f(what, &[&(row.seq + 1)]));
            return None;
        }
        (CorrectStep::By, m) if is_edit(m) => edit(&mut d.by, m),
        (CorrectStep::Reason, m) if is_edit(m) => edit(&mut d.reason, m),
        _ => {}
    }
    Some(Overlay::Correct(d))
}
