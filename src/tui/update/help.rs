//! The help overlay: scrolling, and closing it.

use super::super::app::App;
use super::super::msg::Msg;
use super::super::view;

/// Applies a message while the help overlay is open (it is drawn above everything).
pub(super) fn update(app: &mut App, scroll: u16, msg: Msg) {
    let max = view::help_max_scroll(app);
    app.help = match msg {
        Msg::Esc | Msg::Help | Msg::AskQuit | Msg::Enter => None,
        Msg::Up => Some(scroll.saturating_sub(1)),
        Msg::Down => Some((scroll + 1).min(max)),
        Msg::PageUp => Some(scroll.saturating_sub(10)),
        Msg::PageDown => Some((scroll + 10).min(max)),
        Msg::Home => Some(0),
        Msg::End => Some(max),
        _ => Some(scroll),
    };
}
