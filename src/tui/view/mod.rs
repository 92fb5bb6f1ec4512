//! Drawing: pure functions from `&App` to a frame, one module per screen or panel. Nothing here
//! changes state; the update logic uses the same layout and line builders to bound scrolling.

pub mod describe;
pub mod seats;
pub mod theme;
pub mod util;

pub use board::{control_tags, team_tags};

mod actions;
mod board;
mod dialogs;
mod header;
mod help;
mod hotwash;
mod injects;
pub(crate) mod picker;
mod practice;
mod resolution;
mod score;
mod sealed;
mod setup;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::{App, Overlay, Panel, Screen};
use super::i18n::S;
use super::model::Model;
use super::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole app.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    match &app.screen {
        Screen::Setup(s) => setup::render(app, s, frame, area),
        Screen::Console => console(app, frame, area),
        Screen::Hotwash(h) => hotwash::render(app, h, frame, area),
        Screen::Practice(e) => practice::render(app, e, frame, area),
        Screen::Sealed(s) => sealed::render(app, s, frame, area),
    }
    if let Some(scroll) = app.help {
        help::render(app, scroll, frame, area);
    }
    if let Some(d) = &app.leave {
        dialogs::leave(app, d, frame, area);
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let text = vec![
        Line::styled(
            lang.f(
                S::Enlarge,
                &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height],
            ),
            theme::warn(),
        ),
        Line::styled(lang.t(S::EnlargeHint), theme::dim()),
    ];
    let mut text = text;
    if app.leave.is_some() {
        // The leave dialog does not fit: its keys still work, so say them.
        text.push(Line::styled(lang.t(S::LeaveTitle), theme::warn()));
        text.push(Line::styled(lang.t(S::LeaveKeys), theme::key()));
    }
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// Where the parts of the console screen go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsoleLayout {
    /// Header line.
    pub header: Rect,
    /// Regulatory clocks.
    pub clocks: Rect,
    /// Tab bar (small terminals only).
    pub tabs: Option<Rect>,
    /// Everything between the clocks and the status line (overlays cover it).
    pub body: Rect,
    /// The decisions banner ("2 decisions waiting — d"), shown while any is waiting.
    pub banner: Option<Rect>,
    /// Area of each panel that is shown.
    pub panels: [Option<Rect>; 4],
    /// Status line.
    pub status: Rect,
    /// Key hints.
    pub keys: Rect,
}

/// True when every panel fits on screen at once.
pub fn is_wide(area: Rect) -> bool {
    area.width >= 120 && area.height >= 32
}

/// Rows the clocks take.
pub fn clock_rows(model: &Model, area: Rect) -> u16 {
    let rows = header::clock_rows(model);
    let (started, waiting) = header::clock_entries(&rows);
    let n = (started.len() + usize::from(!waiting.is_empty())) as u16;
    let cap = if is_wide(area) { 4 } else { 2 };
    n.clamp(1, cap)
}

/// Lays out the console screen.
pub fn console_layout(area: Rect, model: &Model, focus: Panel) -> ConsoleLayout {
    let waiting = model.team().decisions.iter().any(|d| d.queued.is_none());
    let [header, clocks, rest, banner, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(clock_rows(model, area)),
        Constraint::Fill(1),
        Constraint::Length(u16::from(waiting)),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let banner = waiting.then_some(banner);
    let mut panels = [None; 4];
    let tabs = if is_wide(area) {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rest);
        let [inj, board] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(top);
        let [act, score] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(bottom);
        panels = [Some(inj), Some(board), Some(act), Some(score)];
        None
    } else {
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(rest);
        panels[focus.index()] = Some(body);
        Some(tabs)
    };
    ConsoleLayout {
        header,
        clocks,
        tabs,
        body: rest,
        banner,
        panels,
        status,
        keys,
    }
}

fn screen_area(app: &App) -> Rect {
    Rect::new(0, 0, app.size.0, app.size.1)
}

/// A panel's frame: bordered, titled, highlighted when focused.
pub fn panel_block(title: String, focused: bool) -> Block<'static> {
    Block::bordered().title(title).border_style(if focused {
        theme::focused()
    } else {
        theme::border()
    })
}

/// Lines of a scrollable panel at a given inner width.
pub fn panel_lines(app: &App, model: &Model, panel: Panel, width: usize) -> Vec<Line<'static>> {
    match panel {
        Panel::Injects => injects::lines(app, model, width),
        Panel::Board => board::lines(app, model, width),
        Panel::Actions => actions::lines(app, model, width),
        Panel::Score => vec![],
    }
}

/// How far a panel can scroll at the current terminal size.
pub fn panel_max_scroll(app: &App, panel: Panel) -> u16 {
    let Some(model) = &app.model else { return 0 };
    let layout = console_layout(screen_area(app), model, panel);
    let Some(area) = layout.panels[panel.index()] else {
        return 0;
    };
    let inner = Block::bordered().inner(area);
    let n = panel_lines(app, model, panel, inner.width as usize).len();
    (n as u16).saturating_sub(inner.height)
}

/// How far the resolution overlay can scroll.
pub fn resolution_max_scroll(app: &App, report: usize) -> u16 {
    let Some(model) = &app.model else {
        return 0;
    };
    let layout = console_layout(screen_area(app), model, app.focus);
    let inner = Block::bordered().inner(layout.body);
    let n = resolution::lines(app, model, report, inner.width as usize).len();
    (n as u16).saturating_sub(inner.height)
}

/// The key bar's entries (key, label) fitted to `room` columns, as drawn.
pub fn key_bar_text(app: &App, room: usize) -> Vec<(String, String)> {
    header::key_bar(app, room)
}

/// How far the practice end screen can scroll.
pub fn practice_max_scroll(app: &App) -> u16 {
    let Screen::Practice(end) = &app.screen else {
        return 0;
    };
    let area = screen_area(app);
    let inner = Block::bordered().inner(Rect {
        height: area.height.saturating_sub(1),
        ..area
    });
    let n = practice::lines(app, end, inner.width as usize).len();
    (n as u16).saturating_sub(inner.height)
}

/// How far the help overlay can scroll.
pub fn help_max_scroll(app: &App) -> u16 {
    let area = help::area(screen_area(app));
    let inner = Block::bordered().inner(area);
    let n = help::lines(app, inner.width as usize).len();
    (n as u16).saturating_sub(inner.height)
}

fn console(app: &App, frame: &mut Frame, area: Rect) {
    let Some(model) = &app.model else { return };
    let layout = console_layout(area, model, app.focus);
    header::render_header(app, model, frame, layout.header);
    header::render_clocks(app, model, frame, layout.clocks);
    if let Some(tabs) = layout.tabs {
        header::render_tabs(app, model, frame, tabs);
    }
    for panel in Panel::ALL {
        let Some(rect) = layout.panels[panel.index()] else {
            continue;
        };
        let focused = app.focus == panel && layout.tabs.is_none();
        match panel {
            Panel::Score => score::render(app, model, frame, rect, focused),
            _ => scrolled_panel(app, model, panel, frame, rect, focused),
        }
    }
    if let Some(b) = layout.banner {
        header::render_banner(app, model, frame, b);
    }
    header::render_status(app, model, frame, layout.status);
    header::render_keys(app, frame, layout.keys);
    if app.paused && app.overlay.is_none() {
        dialogs::paused_banner(app, frame, layout.body);
    }
    match &app.overlay {
        None => {}
        Some(Overlay::Actions(p)) => picker::render(app, model, p, frame, layout.body),
        Some(Overlay::Resolution { report, scroll }) if *report < model.turns_len() => {
            resolution::render(app, model, *report, *scroll, frame, layout.body);
        }
        Some(Overlay::Resolution { .. }) => {}
        Some(o) => dialogs::render(app, model, o, frame, layout.body),
    }
}

fn scrolled_panel(
    app: &App,
    model: &Model,
    panel: Panel,
    frame: &mut Frame,
    area: Rect,
    focused: bool,
) {
    let lang = app.lang;
    let title = match panel {
        Panel::Injects => format!(
            " {} · {} ",
            lang.t(S::PanelInjects),
            lang.f(S::TurnOf, &[&model.turn, &model.max_turns])
        ),
        Panel::Board => {
            if model.control().is_some() {
                format!(" {} · {} ", lang.t(S::PanelBoard), lang.t(S::ControlView))
            } else {
                format!(" {} ", lang.t(S::PanelBoard))
            }
        }
        Panel::Actions => format!(" {} ", lang.t(S::PanelActions)),
        Panel::Score => format!(" {} ", lang.t(S::PanelScore)),
    };
    let block = panel_block(title, focused);
    let inner = block.inner(area);
    let lines = panel_lines(app, model, panel, inner.width as usize);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    let scroll = if panel == Panel::Actions {
        actions::scroll_for(app, model, inner.width as usize, inner.height)
    } else {
        app.scroll[panel.index()].min(max)
    };
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
