//! Colours and styles, in one place; and the monochrome theme used when `NO_COLOR` is set
//! (<https://no-color.org>): no colour at all, only bold, underline and reverse video, which
//! stay readable on a projector.

use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::style::{Color, Modifier, Style};

static MONOCHROME: AtomicBool = AtomicBool::new(false);

/// Switches every style of the console to the monochrome theme (or back).
pub fn set_monochrome(on: bool) {
    MONOCHROME.store(on, Ordering::Relaxed);
}

/// True when the monochrome theme is in use.
pub fn monochrome() -> bool {
    MONOCHROME.load(Ordering::Relaxed)
}

/// True when the environment asks for no colour: `NO_COLOR` set and not empty.
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The colour style, or the monochrome one.
fn pick(colour: Style, mono: Style) -> Style {
    if monochrome() { mono } else { colour }
}

const B: Modifier = Modifier::BOLD;
const R: Modifier = Modifier::REVERSED;
const U: Modifier = Modifier::UNDERLINED;

/// Header bar.
pub fn header() -> Style {
    pick(
        Style::new().fg(Color::Black).bg(Color::Cyan),
        Style::new().add_modifier(R),
    )
}

/// Header bar while paused.
pub fn header_paused() -> Style {
    pick(
        Style::new().fg(Color::Black).bg(Color::Yellow),
        Style::new().add_modifier(R | B),
    )
}

/// Header bar in the control view.
pub fn header_control() -> Style {
    pick(
        Style::new().fg(Color::White).bg(Color::Magenta),
        Style::new().add_modifier(R | B | U),
    )
}

/// The decisions banner's label.
pub fn banner() -> Style {
    pick(
        Style::new()
            .fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(B),
        Style::new().add_modifier(R | B),
    )
}

/// Title of a section inside a panel.
pub fn section() -> Style {
    pick(
        Style::new().fg(Color::Cyan).add_modifier(B),
        Style::new().add_modifier(B | U),
    )
}

/// Border of the focused panel.
pub fn focused() -> Style {
    pick(Style::new().fg(Color::Yellow), Style::new().add_modifier(B))
}

/// Border of other panels.
pub fn border() -> Style {
    pick(Style::new().fg(Color::DarkGray), Style::new())
}

/// Secondary text.
pub fn dim() -> Style {
    pick(Style::new().fg(Color::DarkGray), Style::new())
}

/// Something good (service up, success, met).
pub fn good() -> Style {
    pick(Style::new().fg(Color::Green), Style::new())
}

/// A warning (degraded, due soon).
pub fn warn() -> Style {
    pick(Style::new().fg(Color::Yellow), Style::new().add_modifier(B))
}

/// Something bad (down, failed, missed).
pub fn bad() -> Style {
    pick(
        Style::new().fg(Color::Red).add_modifier(B),
        Style::new().add_modifier(B | U),
    )
}

/// Facilitator-only information (ground truth, rolls).
pub fn secret() -> Style {
    pick(
        Style::new().fg(Color::Magenta),
        Style::new().add_modifier(Modifier::ITALIC),
    )
}

/// The selected row of a list.
pub fn selected() -> Style {
    pick(
        Style::new()
            .bg(Color::Blue)
            .fg(Color::White)
            .add_modifier(B),
        Style::new().add_modifier(R | B),
    )
}

/// Key names in hint lines.
pub fn key() -> Style {
    pick(
        Style::new().fg(Color::Cyan).add_modifier(B),
        Style::new().add_modifier(B),
    )
}

/// Emphasis.
pub fn bold() -> Style {
    Style::new().add_modifier(B)
}

/// Artifacts (log lines, e-mails).
pub fn artifact() -> Style {
    pick(Style::new().fg(Color::Gray), Style::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_monochrome_theme_has_no_colour() {
        let all = || {
            [
                header(),
                header_paused(),
                header_control(),
                banner(),
                section(),
                focused(),
                border(),
                dim(),
                good(),
                warn(),
                bad(),
                secret(),
                selected(),
                key(),
                bold(),
                artifact(),
            ]
        };
        assert!(all().iter().any(|s| s.fg.is_some()), "colours by default");
        set_monochrome(true);
        let mono = all();
        set_monochrome(false);
        for s in mono {
            assert!(s.fg.is_none() && s.bg.is_none(), "{s:?}");
        }
        assert!(
            mono[12].add_modifier.contains(Modifier::REVERSED),
            "selection"
        );
    }
}
