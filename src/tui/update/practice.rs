//! Practice (`kunren practice`): the reference response plays the other roles at the end of
//! each turn, hints on request (`h`), and the end screen that sets the team's steps beside the
//! model answer.

use super::super::app::{App, HintDialog, Overlay, PracticeEnd, Screen};
use super::super::i18n::S;
use super::super::msg::Msg;
use super::{open_leave, step_scroll, with_drill};

/// Plays this turn's reference steps of the roles the players do not take, through the
/// session (journaled like any input). Called just before the turn ends.
pub(super) fn play_others(app: &mut App) {
    if let Some(mut hub) = app.serve.take() {
        hub.play_unheld(app);
        app.serve = Some(hub);
    }
    let Some(mut p) = app.practice.take() else {
        return;
    };
    with_drill(app, |d| p.practice.play_others(d));
    app.practice = Some(p);
}

/// `h`: asks for a hint (a hint that costs points asks first).
pub(super) fn open_hint(app: &mut App) {
    let cost = app
        .drill
        .as_mut()
        .map_or(0, |d| d.engine().bundle().scenario.hint_points);
    let mut dialog = HintDialog { cost, shown: None };
    if cost == 0 && !show(app, &mut dialog) {
        return;
    }
    app.overlay = Some(Overlay::Hint(dialog));
}

/// Journals the hint and puts the step in the dialog; false when no step is left (said on the
/// status line) or the session refused.
fn show(app: &mut App, dialog: &mut HintDialog) -> bool {
    let Some(p) = app.practice.take() else {
        return false;
    };
    let shown = with_drill(app, |d| p.practice.hint(d));
    app.practice = Some(p);
    match shown {
        Some(Some(step)) => {
            if let Some(p) = app.practice.as_mut() {
                p.hints += 1;
            }
            let lang = app.lang;
            if dialog.cost == 0 {
                app.info(lang.t(S::StHintShownFree));
            } else {
                app.info(lang.f(S::StHintShown, &[&dialog.cost]));
            }
            dialog.shown = Some(step);
            true
        }
        Some(None) => {
            app.info(app.lang.t(S::HintNone));
            false
        }
        None => false,
    }
}

/// Applies a message to the hint dialog.
pub(super) fn hint_update(app: &mut App, mut d: HintDialog, msg: Msg) -> Option<Overlay> {
    match (d.shown.is_some(), msg) {
        (false, Msg::Confirm | Msg::Enter) => {
            if show(app, &mut d) {
                Some(Overlay::Hint(d))
            } else {
                None
            }
        }
        (_, Msg::Esc | Msg::Enter | Msg::Confirm) => None,
        _ => Some(Overlay::Hint(d)),
    }
}

/// Opens the end screen: the journal's report model compares the team's steps with the model
/// answer.
pub(super) fn go_end(app: &mut App) {
    let mut end = PracticeEnd {
        steps: Vec::new(),
        extra: Vec::new(),
        score: (0, 0),
        problem: None,
        scroll: 0,
    };
    match app.journal_path.as_deref().map(crate::report::load) {
        Some(Ok(m)) => {
            end.steps = m.response.steps.clone();
            end.extra = m
                .response
                .extra
                .iter()
                .map(|a| (a.turn, a.role.clone(), a.name.clone()))
                .collect();
            end.score = (m.outcome.total, m.outcome.achievable);
        }
        Some(Err(e)) => end.problem = Some(e.to_string()),
        None => end.problem = Some(app.lang.t(S::PracticeNoJournal).to_string()),
    }
    app.overlay = None;
    app.status = None;
    app.screen = Screen::Practice(Box::new(end));
}

/// Applies a message on the end screen: scroll, Enter for the hotwash, q or Esc to leave.
pub(super) fn end_update(app: &mut App, msg: Msg) {
    let max = super::super::view::practice_max_scroll(app);
    let Screen::Practice(end) = &mut app.screen else {
        return;
    };
    match msg {
        Msg::Enter => super::console::go_hotwash(app),
        Msg::Esc | Msg::AskQuit => open_leave(app),
        Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown | Msg::Home | Msg::End => {
            end.scroll = step_scroll(end.scroll, msg, max);
        }
        _ => {}
    }
}
