//! The resolution overlay: scrolling, and closing it (to the hotwash once the drill is over).

use super::super::app::{App, Overlay};
use super::super::msg::Msg;
use super::super::view;
use super::console::{go_hotwash, over};
use super::step_scroll;

/// Commands that close the resolution and then act on the console, as if it had been closed
/// first: typing `a` after a turn ends opens the picker, not whatever was on screen.
fn passes_through(msg: Msg) -> bool {
    matches!(
        msg,
        Msg::OpenActions
            | Msg::OpenDecision
            | Msg::AskEndTurn
            | Msg::OpenFire
            | Msg::OpenOverride
            | Msg::OpenNote
            | Msg::OpenCorrect
            | Msg::AskHint
            | Msg::TogglePause
            | Msg::Undo
            | Msg::Withdraw
            | Msg::AskQuit
            | Msg::Focus(_)
    )
}

/// Applies a message to the resolution of the turn at `report` (index in the app's reports).
pub(super) fn update(app: &mut App, report: usize, scroll: u16, msg: Msg) -> Option<Overlay> {
    match msg {
        Msg::Esc | Msg::Enter | Msg::ShowResolution => {
            if over(app) && app.practice.is_some() {
                super::practice::go_end(app);
            } else if over(app) {
                go_hotwash(app);
            } else {
                app.overlay = None;
            }
            app.overlay.take()
        }
        m if passes_through(m) && !over(app) => {
            app.overlay = None;
            super::console::update(app, m);
            app.overlay.take()
        }
        m => {
            let max = view::resolution_max_scroll(app, report);
            Some(Overlay::Resolution {
                report,
                scroll: step_scroll(scroll, m, max),
            })
        }
    }
}
