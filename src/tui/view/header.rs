//! The console's fixed lines: header, regulatory clocks, tab bar, status line and key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Panel, StatusKind};
use super::super::i18n::{Lang, S};
use super::super::model::Model;
use super::theme;
use super::util::{clock, fit, width};
use crate::engine::ClockView;

/// The header: scenario, turn, scenario clock, impact, paused and control-view flags.
pub fn render_header(app: &App, model: &Model, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let style = if app.paused {
        theme::header_paused()
    } else if app.control_view {
        theme::header_control()
    } else {
        theme::header()
    };
    let mut right: Vec<String> = vec![
        lang.f(S::TurnOf, &[&model.turn, &model.max_turns]),
        clock(model.minutes_now()),
    ];
    if model.over {
        right.push(lang.t(S::Ended).to_string());
    }
    if app.paused {
        right.push(lang.t(S::Paused).to_string());
    }
    if app.control_view {
        right.push(lang.t(S::ControlView).to_string());
    }
    let right = format!(" {} ", right.join(" │ "));
    let room = (area.width as usize).saturating_sub(width(&right) + 1);
    let left = fit(&format!(" kunren · {}", model.scenario_title), room);
    let gap = (area.width as usize).saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::styled(left, style.add_modifier(ratatui::style::Modifier::BOLD)),
        Span::styled(" ".repeat(gap), style),
        Span::styled(right, style),
    ]);
    frame.render_widget(Paragraph::new(line).style(style), area);
}

/// The state of a clock in words, and its style.
pub fn clock_state(c: &ClockView, model: &Model, lang: Lang) -> (String, Style) {
    if let Some(t) = c.met {
        return (lang.f(S::ClockMet, &[&t]), theme::good());
    }
    if let Some(t) = c.missed {
        return (lang.f(S::ClockMissed, &[&t]), theme::bad());
    }
    match c.deadline_turn {
        None => (lang.t(S::ClockNotStarted).to_string(), theme::dim()),
        Some(d) if d < model.turn => (lang.f(S::ClockMissed, &[&d]), theme::bad()),
        Some(d) => {
            let turns_left = d + 1 - model.turn;
            let hours = turns_left * model.turn_minutes / 60;
            if turns_left <= 1 {
                (lang.f(S::ClockDue, &[&d]), theme::bad())
            } else {
                let style = if turns_left <= 2 {
                    theme::warn()
                } else {
                    theme::good()
                };
                (lang.f(S::ClockLeft, &[&hours, &d]), style)
            }
        }
    }
}

/// Clocks that started (running first, then met or missed), and those not started yet.
pub fn clock_entries(model: &Model) -> (Vec<&ClockView>, Vec<&ClockView>) {
    let mut started: Vec<&ClockView> = model
        .snapshot
        .clocks
        .iter()
        .filter(|c| c.started.is_some())
        .collect();
    started.sort_by_key(|c| c.met.or(c.missed).is_some());
    let waiting = model
        .snapshot
        .clocks
        .iter()
        .filter(|c| c.started.is_none())
        .collect();
    (started, waiting)
}

/// A clock's title and regime name in the console's language (English when no translation).
fn clock_names(c: &ClockView, lang: Lang) -> (&str, &str) {
    match lang {
        Lang::Ja => (
            c.title_ja.as_deref().unwrap_or(&c.title),
            c.regime_ja.as_deref().unwrap_or(&c.regime),
        ),
        Lang::En => (&c.title, &c.regime),
    }
}

/// Clocks: one line per started clock, one line for those not started.
pub fn render_clocks(app: &App, model: &Model, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let (started, waiting) = clock_entries(model);
    let rows = area.height as usize;
    let w = area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if started.is_empty() && waiting.is_empty() {
        lines.push(Line::styled(
            format!(" ⏱ {}", lang.t(S::NoClocks)),
            theme::dim(),
        ));
    }
    let room_for_started = if waiting.is_empty() {
        rows
    } else {
        rows.saturating_sub(1)
    }
    .max(1);
    let more = started.len().saturating_sub(room_for_started);
    for (i, c) in started.iter().take(room_for_started).enumerate() {
        let (state, style) = clock_state(c, model, lang);
        let tail = if i + 1 == room_for_started && more > 0 {
            format!("  (+{more})")
        } else {
            String::new()
        };
        let label_room = w.saturating_sub(width(&state) + width(&tail) + 6);
        let (title, regime) = clock_names(c, lang);
        let label = fit(&format!("{title} — {regime}"), label_room);
        lines.push(Line::from(vec![
            Span::styled(" ⏱ ", theme::dim()),
            Span::raw(label),
            Span::raw("  "),
            Span::styled(state, style),
            Span::styled(tail, theme::dim()),
        ]));
    }
    if !waiting.is_empty() && lines.len() < rows {
        let mut regimes: Vec<(&str, Vec<&str>)> = Vec::new();
        for c in &waiting {
            let (title, regime) = clock_names(c, lang);
            match regimes.iter_mut().find(|(r, _)| *r == regime) {
                Some((_, v)) => v.push(title),
                None => regimes.push((regime, vec![title])),
            }
        }
        let text = regimes
            .iter()
            .map(|(r, v)| format!("{r}: {}", v.join(", ")))
            .collect::<Vec<_>>()
            .join("; ");
        let state = lang.t(S::ClockNotStarted);
        lines.push(Line::from(vec![
            Span::styled(" ⏱ ", theme::dim()),
            Span::styled(format!("{state} — "), theme::dim()),
            Span::styled(fit(&text, w.saturating_sub(width(state) + 6)), theme::dim()),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The tab bar shown on small terminals: one panel at a time.
pub fn render_tabs(app: &App, model: &Model, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let undecided = model
        .decisions
        .iter()
        .filter(|d| d.queued.is_none())
        .count();
    let mut spans = Vec::new();
    for p in Panel::ALL {
        let (name, extra) = match p {
            Panel::Injects => (
                lang.t(S::PanelInjects),
                format!(" ({})", model.injects.len()),
            ),
            Panel::Board => (lang.t(S::PanelBoard), String::new()),
            Panel::Actions => (
                lang.t(S::PanelActions),
                if undecided > 0 {
                    format!(" ({}) ⚑{undecided}", model.queued.len())
                } else {
                    format!(" ({})", model.queued.len())
                },
            ),
            Panel::Score => (lang.t(S::PanelScore), format!(" {:+}", model.summary.total)),
        };
        let text = format!(" {} {name}{extra} ", p.index() + 1);
        let style = if p == app.focus {
            theme::selected()
        } else {
            Style::new()
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::styled("│", theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status line: the last message, or what is waiting.
pub fn render_status(app: &App, model: &Model, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let w = area.width as usize;
    let line = match &app.status {
        Some(s) => {
            let style = match s.kind {
                StatusKind::Info => theme::good(),
                StatusKind::Error => theme::bad(),
            };
            Line::styled(fit(&format!(" {}", s.text), w), style)
        }
        None => match model.decisions.iter().find(|d| d.queued.is_none()) {
            Some(d) => Line::styled(
                fit(
                    &format!(" ⚑ {}", lang.f(S::DecisionNeeded, &[&d.prompt])),
                    w,
                ),
                theme::warn(),
            ),
            None if model.over => {
                Line::styled(fit(&format!(" {}", lang.t(S::StOver)), w), theme::warn())
            }
            None => Line::default(),
        },
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Key hints that fit the width; help and quit always shown.
pub fn render_keys(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let pairs: Vec<(&str, S)> = if app.paused {
        vec![("p", S::KResume), ("n", S::KNote), ("c", S::KControl)]
    } else {
        vec![
            ("a", S::KAct),
            ("e", S::KEndTurn),
            ("d", S::KDecide),
            ("f", S::KFire),
            ("o", S::KOverride),
            ("n", S::KNote),
            ("p", S::KPause),
            ("c", S::KControl),
            ("1-4", S::KPanels),
        ]
    };
    let fixed = [("?", S::KHelp), ("q", S::KQuit)];
    let cost = |k: &str, s: S| width(k) + 1 + width(lang.t(s)) + 2;
    let mut room = (area.width as usize)
        .saturating_sub(1 + fixed.iter().map(|(k, s)| cost(k, *s)).sum::<usize>());
    let mut chosen = Vec::new();
    for (k, s) in pairs {
        let c = cost(k, s);
        if c <= room {
            room -= c;
            chosen.push((k, s));
        }
    }
    chosen.extend(fixed);
    let mut spans = vec![Span::raw(" ")];
    for (k, s) in chosen {
        spans.push(Span::styled(k, theme::key()));
        spans.push(Span::raw(format!(" {}  ", lang.t(s))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
