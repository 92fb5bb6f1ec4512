//! `kunren play --serve`: a seat's screen (the console's team view for one role, drawn with
//! the console's own panels, with the seat's keys) and the facilitator's seats panel (`s`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::super::app::{App, Panel};
use super::super::i18n::{Lang, S};
use super::super::model::{Model, role_tag};
use super::util::{Doc, centered, clear, fit};
use super::{console_layout, header, score, scrolled_panel, theme};
use crate::serve::seats::{SeatAuth, SeatSpec};
use crate::serve::ui::{SeatClose, SeatOverlay, SeatUi, role_actions};

/// Draws one seat's screen: its role's team view, or the closing screen once it left, the
/// drill ended or the seat moved to a new connection.
pub fn render_seat(
    app: &App,
    ui: &SeatUi,
    spec: &SeatSpec,
    closing: Option<SeatClose>,
    frame: &mut Frame,
) {
    let area = frame.area();
    let lang = app.lang;
    if let Some(why) = closing {
        let (title, text) = match why {
            SeatClose::Ended => (S::SeatClosedTitle, S::SeatClosedText),
            SeatClose::Moved => (S::SeatMovedTitle, S::SeatMovedText),
        };
        let text = vec![
            Line::styled(lang.t(title), theme::bold()),
            Line::raw(lang.t(text)),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    if !app.big_enough() {
        super::too_small(app, frame, area);
        return;
    }
    let Some(model) = &app.model else { return };
    let layout = console_layout(area, model, app.focus);
    seat_header(app, model, ui, spec, frame, layout.header);
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
    let keys = seat_keys(lang, ui, model);
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&keys, layout.keys.width as usize),
            theme::dim(),
        )),
        layout.keys,
    );
    match &ui.overlay {
        None => {}
        Some(SeatOverlay::Help) => help(lang, frame, layout.body),
        Some(SeatOverlay::Actions { selected, target }) => actions(
            app,
            model,
            spec,
            *selected,
            target.as_ref(),
            frame,
            layout.body,
        ),
        Some(SeatOverlay::Decisions { index, selected }) => {
            decisions(app, model, *index, *selected, frame, layout.body)
        }
    }
}

fn seat_header(
    app: &App,
    model: &Model,
    ui: &SeatUi,
    spec: &SeatSpec,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = app.lang;
    let mut text = lang.f(
        S::SeatHeader,
        &[
            &spec.name,
            &role_tag(&spec.role),
            &model.turn,
            &model.max_turns,
            &super::util::clock(model.minutes_now()),
        ],
    );
    if ui.ready {
        text.push_str(lang.t(S::SeatMarkReady));
    }
    if app.paused {
        text.push_str(lang.t(S::SeatMarkPaused));
    }
    if model.over {
        text.push_str(lang.t(S::SeatMarkEnded));
    }
    let style = if app.paused {
        theme::header_paused()
    } else {
        theme::header()
    };
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&text, area.width as usize), style)).style(style),
        area,
    );
}

fn seat_keys(lang: Lang, ui: &SeatUi, model: &Model) -> String {
    match &ui.overlay {
        Some(SeatOverlay::Actions { target: None, .. }) => lang.t(S::SeatKeysActions).to_string(),
        Some(SeatOverlay::Actions { .. }) => lang.t(S::SeatKeysTargets).to_string(),
        Some(SeatOverlay::Decisions { .. }) => lang.t(S::SeatKeysDecisions).to_string(),
        Some(SeatOverlay::Help) => lang.t(S::SeatKeysClose).to_string(),
        None => {
            let mut v: Vec<S> = Vec::new();
            if !model.over {
                v.push(S::SeatKeyActions);
            }
            if !model.team().decisions.is_empty() && !model.over {
                v.push(S::SeatKeyDecide);
            }
            if !model.team().queued.is_empty() && !model.over {
                v.push(S::SeatKeyUndo);
            }
            if !model.over {
                v.push(if ui.ready {
                    S::SeatKeyNotReady
                } else {
                    S::SeatKeyReady
                });
            }
            v.extend([S::SeatKeyPanels, S::SeatKeyHelp, S::SeatKeyLeave]);
            let v: Vec<&str> = v.into_iter().map(|k| lang.t(k)).collect();
            format!(" {}", v.join("  "))
        }
    }
}

fn boxed(frame: &mut Frame, area: Rect, title: String, lines: Vec<Line<'static>>) {
    let w = area.width.saturating_sub(8).clamp(40, 90).min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    clear(frame, rect);
    let block = Block::bordered()
        .title(title)
        .border_style(theme::focused());
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

fn help(lang: Lang, frame: &mut Frame, area: Rect) {
    let rows: [(&str, S); 9] = [
        ("a", S::SeatHelpActions),
        ("d", S::SeatHelpDecide),
        ("u", S::SeatHelpUndo),
        ("r", S::SeatHelpReady),
        ("1-4, Tab", S::SeatHelpPanels),
        ("↑↓ PgUp PgDn", S::SeatHelpScroll),
        ("?", S::SeatHelpHelp),
        ("q, Ctrl-C", S::SeatHelpLeave),
        ("", S::SeatHelpTurns),
    ];
    let lines = rows
        .iter()
        .map(|(k, text)| {
            Line::from(vec![
                Span::styled(format!(" {k:<14}"), theme::key()),
                Span::raw(lang.t(*text).to_string()),
            ])
        })
        .collect();
    boxed(frame, area, lang.t(S::SeatHelpTitle).into(), lines);
}

fn actions(
    app: &App,
    model: &Model,
    spec: &SeatSpec,
    selected: usize,
    target: Option<&(String, usize)>,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = app.lang;
    let view = model.team();
    let list = role_actions(view, &spec.role);
    let room = area.height.saturating_sub(4) as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let name = |a: &crate::session::TeamAction| a.name_in(lang).to_string();
    match target {
        None => {
            if list.is_empty() {
                lines.push(Line::raw(lang.t(S::SeatNoActions)));
            }
            let first = selected.saturating_sub(room.saturating_sub(1));
            for (i, a) in list.iter().enumerate().skip(first).take(room.max(1)) {
                let mark = if a.blocked.is_some() { "✗" } else { " " };
                let arrow = if i == selected { "▸" } else { " " };
                let text = format!("{arrow}{mark} {} · {}", name(a), a.cost);
                let style = if i == selected {
                    theme::focused()
                } else if a.blocked.is_some() {
                    theme::dim()
                } else {
                    ratatui::style::Style::default()
                };
                lines.push(Line::styled(text, style));
            }
            if let Some(a) = list.get(selected) {
                let why = a.blocked.as_ref().map_or_else(
                    || a.description_in(lang).to_string(),
                    |e| super::picker::refusal(model, e, lang),
                );
                lines.push(Line::styled(format!(" {why}"), theme::dim()));
            }
        }
        Some((id, t)) => {
            let a = list.iter().find(|a| a.id == *id);
            let targets = a.map(|a| a.targets.clone()).unwrap_or_default();
            if let Some(a) = a {
                lines.push(Line::styled(format!(" {}", name(a)), theme::bold()));
            }
            if targets.is_empty() {
                lines.push(Line::raw(lang.t(S::SeatNoTarget)));
            }
            let first = t.saturating_sub(room.saturating_sub(2));
            for (i, x) in targets.iter().enumerate().skip(first).take(room.max(1)) {
                let style = if i == *t {
                    theme::focused()
                } else {
                    ratatui::style::Style::default()
                };
                let arrow = if i == *t { "▸" } else { " " };
                lines.push(Line::styled(
                    format!(" {arrow} {}", model.target_name(x)),
                    style,
                ));
            }
        }
    }
    let title = lang.f(S::SeatActionsTitle, &[&role_tag(&spec.role)]);
    boxed(frame, area, title, lines);
}

fn decisions(
    app: &App,
    model: &Model,
    index: usize,
    selected: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = app.lang;
    let view = model.team();
    let n = view.decisions.len();
    let Some(d) = view.decisions.get(index.min(n.saturating_sub(1))) else {
        return;
    };
    let w = area.width.saturating_sub(10).clamp(30, 88) as usize;
    let mut doc = Doc::new(w);
    doc.text(1, &d.prompt, theme::bold());
    let mut lines = doc.lines;
    for (i, (o, label)) in d.options.iter().enumerate() {
        let arrow = if i == selected { "▸" } else { " " };
        let mut text = format!(" {arrow} {label}");
        if *o == d.default {
            text.push_str(lang.t(S::SeatOptionDefault));
        }
        if d.queued.as_deref() == Some(o.as_str()) {
            text.push_str(lang.t(S::SeatOptionChosen));
        }
        let style = if i == selected {
            theme::focused()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::styled(text, style));
    }
    let title = lang.f(
        S::SeatDecisionTitle,
        &[&(index.min(n.saturating_sub(1)) + 1), &n],
    );
    boxed(frame, area, title, lines);
}

/// The facilitator's seats panel: where participants connect, the host key to check, each
/// seat (connected, ready, what its role queued, its join code), and who plays the others.
pub fn render_panel(app: &App, model: &Model, frame: &mut Frame, area: Rect) {
    let Some(hub) = app.serve.as_ref() else {
        return;
    };
    let lang = app.lang;
    let w = area.width.saturating_sub(8).clamp(40, 100).min(area.width);
    let inner = w.saturating_sub(2) as usize;
    let mut doc = Doc::new(inner);
    doc.text(
        0,
        &lang.f(S::SeatsConnect, &[&hub.addr.port(), &hub.addr.ip()]),
        theme::key(),
    );
    doc.text(
        0,
        &lang.f(S::SeatsHostKey, &[&hub.fingerprint]),
        theme::bold(),
    );
    doc.text(
        0,
        &lang.f(
            S::SeatsCounts,
            &[
                &hub.connected(),
                &hub.seats.len(),
                &hub.ready(),
                &hub.refusals,
            ],
        ),
        theme::dim(),
    );
    for s in &hub.seats {
        let on = s.link.is_some();
        let state = match (on, s.ui.ready) {
            (true, true) => lang.t(S::SeatsStateReady),
            (true, false) => lang.t(S::SeatsStateConnected),
            _ => lang.t(S::SeatsStateAway),
        };
        let auth = match &s.spec.auth {
            SeatAuth::Key { fingerprint, .. } => lang.f(S::SeatsAuthKey, &[&fit(fingerprint, 20)]),
            SeatAuth::Code => lang.f(
                S::SeatsAuthCode,
                &[&hub.code_of(s.index).unwrap_or_default()],
            ),
        };
        let style = if on { theme::good() } else { theme::dim() };
        doc.text(
            0,
            &format!(
                "{} ({}) {state} · {auth}",
                s.spec.name,
                role_tag(&s.spec.role)
            ),
            style,
        );
        let queued: Vec<String> = model
            .team()
            .queued
            .iter()
            .filter(|q| q.role == s.spec.role)
            .map(|q| {
                let n = model
                    .action(&q.action)
                    .map(|a| a.name_in(lang).to_string())
                    .unwrap_or_else(|| q.action.clone());
                match &q.target {
                    Some(t) => format!("{n} → {}", model.target_name(t)),
                    None => n,
                }
            })
            .collect();
        if !queued.is_empty() {
            doc.text(
                2,
                &lang.f(S::SeatsQueued, &[&queued.join(", ")]),
                ratatui::style::Style::default(),
            );
        }
    }
    if let Some(r) = &hub.reference {
        let others: Vec<String> = model
            .roles
            .iter()
            .filter(|(id, _)| !r.plays(id))
            .map(|(id, _)| role_tag(id))
            .collect();
        if !others.is_empty() {
            doc.text(
                0,
                &lang.f(S::SeatsReference, &[&others.join(", ")]),
                theme::dim(),
            );
        }
    }
    if let Some(why) = &hub.stopped {
        doc.text(0, &lang.f(S::SeatsStopped, &[why]), theme::bad());
    }
    let lines = doc.lines;
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    clear(frame, rect);
    let block = Block::bordered()
        .title(lang.t(S::SeatsTitle))
        .title_bottom(Line::styled(lang.t(S::SeatsClose), theme::dim()))
        .border_style(theme::focused());
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
