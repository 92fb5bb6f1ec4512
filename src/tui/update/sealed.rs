//! The sealed screen: any of Enter, Esc, `q` or `y` leaves.

use super::super::app::{App, Exit, Screen};
use super::super::msg::Msg;

/// Applies a message on the sealed screen.
pub(super) fn update(app: &mut App, msg: Msg) {
    if let Screen::Sealed(s) = &app.screen
        && matches!(msg, Msg::Enter | Msg::Esc | Msg::AskQuit | Msg::Confirm)
    {
        app.exit = Some(Exit::Sealed(s.clone()));
    }
}
