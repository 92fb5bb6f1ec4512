//! The help overlay: every key, by screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::super::app::App;
use super::super::i18n::S;
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

/// The overlay's lines at a width.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut doc = Doc::new(width);
    let key_w = 15;
    let group = |doc: &mut Doc, title: S, keys: &[(&str, S)]| {
        doc.section(lang.t(title));
        for (k, s) in keys {
            let text = lang.t(*s);
            let wrapped = super::util::wrap(text, width.saturating_sub(key_w + 1));
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
    };
    group(
        &mut doc,
        S::HelpConsole,
        &[
            ("a  /  +", S::HkAct),
            ("u", S::HkUndo),
            ("x  Del", S::HkWithdraw),
            ("d", S::HkDecide),
            ("e", S::HkEndTurn),
            ("r", S::HkResolution),
            ("f", S::HkFire),
            ("o", S::HkOverride),
            ("n", S::HkNote),
            ("p", S::HkPause),
            ("c", S::HkControl),
            ("1 2 3 4  Tab", S::HkPanels),
            ("↑↓ PgUp PgDn", S::HkScroll),
            ("?  F1", S::HkHelp),
            ("q", S::HkQuit),
            ("Ctrl-C", S::HkCtrlC),
        ],
    );
    group(
        &mut doc,
        S::HelpDialogs,
        &[
            ("Esc", S::HkEsc),
            ("Enter", S::HkEnter),
            ("y", S::HkConfirmY),
            ("↑↓ ←→", S::HkArrows),
            ("a–z …", S::HkType),
            ("F1", S::HkF1),
        ],
    );
    group(
        &mut doc,
        S::HelpSetup,
        &[
            ("Tab ↑↓", S::HkSetupMove),
            ("←→", S::HkSetupChoose),
            ("Enter", S::HkSetupStart),
            ("Esc", S::HkSetupQuit),
        ],
    );
    group(
        &mut doc,
        S::HelpHotwash,
        &[
            ("Tab ↑↓", S::HkHwMove),
            ("Enter", S::HkHwEnter),
            ("Esc", S::HkHwEsc),
        ],
    );
    if let Some(p) = &app.journal_path {
        doc.text(0, &lang.f(S::Recording, &[&p.display()]), theme::dim());
    }
    doc.lines
}

/// Draws the overlay.
pub fn render(app: &App, scroll: u16, frame: &mut Frame, screen: Rect) {
    let lang = app.lang;
    let rect = area(screen);
    frame.render_widget(Clear, rect);
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
