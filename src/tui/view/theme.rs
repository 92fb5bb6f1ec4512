//! Colours and styles, in one place.

use ratatui::style::{Color, Modifier, Style};

/// Header bar.
pub fn header() -> Style {
    Style::new().fg(Color::Black).bg(Color::Cyan)
}

/// Header bar while paused.
pub fn header_paused() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow)
}

/// Header bar in the control view.
pub fn header_control() -> Style {
    Style::new().fg(Color::White).bg(Color::Magenta)
}

/// Title of a section inside a panel.
pub fn section() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// Border of the focused panel.
pub fn focused() -> Style {
    Style::new().fg(Color::Yellow)
}

/// Border of other panels.
pub fn border() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Secondary text.
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Something good (service up, success, met).
pub fn good() -> Style {
    Style::new().fg(Color::Green)
}

/// A warning (degraded, due soon).
pub fn warn() -> Style {
    Style::new().fg(Color::Yellow)
}

/// Something bad (down, failed, missed).
pub fn bad() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

/// Facilitator-only information (ground truth, rolls).
pub fn secret() -> Style {
    Style::new().fg(Color::Magenta)
}

/// The selected row of a list.
pub fn selected() -> Style {
    Style::new()
        .bg(Color::Blue)
        .fg(Color::White)
        .add_modifier(Modifier::BOLD)
}

/// Key names in hint lines.
pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// Emphasis.
pub fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Artifacts (log lines, e-mails).
pub fn artifact() -> Style {
    Style::new().fg(Color::Gray)
}
