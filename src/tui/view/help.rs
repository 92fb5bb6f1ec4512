//! The help overlay: every key, by screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::App;
use super::super::i18n::S;
use super::super::keys::{self, Section};
use super::theme;
use super::util::{Doc, pad};

/// Where the overlay goes on a screen.
pub fn area(screen: Rect) -> Rect {
    super::util::centered(
        screen,
        screen.width.saturating_sub(4).min(100),
        screen.height.saturating_sub(2),
    )
}

/// The overlay's lines at a width: every row of the key table, by section.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut doc = Doc::new(width);
    let longest = Section::ALL
        .iter()
        .flat_map(|s| keys::help_rows(*s))
        .map(|(k, _)| super::util::width(&k))
        .max()
        .unwrap_or(0);
    let key_w = (longest + 3).min(width / 2);
    for section in Section::ALL {
        doc.section(section.title(lang));
        for (k, b) in keys::help_rows(section) {
            let wrapped = super::util::wrap(keys::text(b, lang), width.saturating_sub(key_w + 1));
            for (i, l) in wrapped.into_iter().enumerate() {
                let key = if i == 0 {
                    pad(&format!(" {k}"), key_w)
                } else {
                    " ".repeat(key_w)
                };
                doc.spans(vec![Span::styled(key, theme::key()), Span::raw(l)]);
            }
        }
        doc.blank();
    }
    if let Some(p) = &app.journal_path {
        doc.text(0, &lang.f(S::Recording, &[&p.display()]), theme::dim());
    }
    doc.lines
}

/// Draws the overlay.
pub fn render(app: &App, scroll: u16, frame: &mut Frame, screen: Rect) {
    let lang = app.lang;
    let rect = area(screen);
    super::util::clear(frame, rect);
    let block = Block::bordered()
        .title(format!(" {} ", lang.t(S::HelpTitle)))
        .title_bottom(Line::styled(
            format!(" {} ", lang.t(S::HelpKeys)),
            theme::dim(),
        ))
        .border_style(theme::focused());
    let inner = block.inner(rect);
    let lines = lines(app, inner.width as usize);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max), 0)),
        rect,
    );
}
