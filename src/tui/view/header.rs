//! The console's fixed lines: header, regulatory clocks, tab bar, status line and key hints.

use crate::scoring::clock::{self, ClockVerdict};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Panel, StatusKind};
use super::super::i18n::{Lang, S};
use super::super::keys;
use super::super::model::{Model, Shown};
use super::theme;
use super::util::{clock, fit, width};

/// The header: scenario, turn, scenario clock, impact, paused and control-view flags.
pub fn render_header(app: &App, model: &Model, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let style = if app.paused {
        theme::header_paused()
    } else if model.control().is_some() {
        theme::header_control()
    } else {
        theme::header()
    };
    let mut right: Vec<String> = vec![
        lang.f(S::TurnOf, &[&model.turn, &model.max_turns]),
        clock(model.minutes_now()),
    ];
    if let Some(start) = &model.start {
        right.push(start.label(u64::from(model.minutes_now()), lang == Lang::Ja));
    }
    let waiting = app.undecided();
    if waiting > 0 {
        right.push(format!("⚑{waiting}"));
    }
    if model.over {
        right.push(lang.t(S::Ended).to_string());
    }
    if app.paused {
        right.push(lang.t(S::Paused).to_string());
    }
    if model.control().is_some() {
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

/// A regulatory clock as drawn: from the team's view or, in the control view, the truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockRow<'a> {
    /// What must be delivered.
    pub title: &'a str,
    /// The same in Japanese, if given.
    pub title_ja: Option<&'a str>,
    /// Regime name.
    pub regime: &'a str,
    /// The same in Japanese, if given.
    pub regime_ja: Option<&'a str>,
    /// Turn started.
    pub started: Option<u32>,
    /// Last turn that meets it.
    pub deadline_turn: Option<u32>,
    /// Scenario minutes of the deadline.
    pub deadline_at: Option<u64>,
    /// Turn the report was delivered.
    pub delivered: Option<u32>,
    /// Verdict as of the last resolved turn.
    pub verdict: ClockVerdict,
}

/// The clocks of the view shown.
pub fn clock_rows(model: &Model) -> Vec<ClockRow<'_>> {
    match &model.shown {
        Shown::Team { view, .. } => view
            .clocks
            .iter()
            .map(|c| ClockRow {
                title: &c.title,
                title_ja: c.title_ja.as_deref(),
                regime: &c.regime,
                regime_ja: c.regime_ja.as_deref(),
                started: c.started,
                deadline_turn: c.deadline_turn,
                deadline_at: c.deadline_at,
                delivered: c.delivered,
                verdict: c.verdict,
            })
            .collect(),
        Shown::Control { view, .. } => view
            .snapshot
            .clocks
            .iter()
            .map(|c| ClockRow {
                title: &c.title,
                title_ja: c.title_ja.as_deref(),
                regime: &c.regime,
                regime_ja: c.regime_ja.as_deref(),
                started: c.started,
                deadline_turn: c.deadline_turn,
                deadline_at: c.deadline_at,
                delivered: c.delivered,
                verdict: c.verdict,
            })
            .collect(),
    }
}

/// The state of a clock in words, and its style (the verdict of [`crate::scoring::clock`]).
pub fn clock_state(c: &ClockRow, model: &Model, lang: Lang) -> (String, Style) {
    let d = c.deadline_turn.unwrap_or(0);
    match c.verdict {
        ClockVerdict::Met => (
            lang.f(S::ClockMet, &[&c.delivered.unwrap_or(d)]),
            theme::good(),
        ),
        ClockVerdict::Late => (
            lang.f(S::ClockLate, &[&c.delivered.unwrap_or(d), &d]),
            theme::warn(),
        ),
        ClockVerdict::Missed => (lang.f(S::ClockMissed, &[&d]), theme::bad()),
        ClockVerdict::Overdue => (lang.f(S::ClockOverdue, &[&d]), theme::bad()),
        ClockVerdict::DueAfterEnd => (lang.t(S::ClockAfterEnd).to_string(), theme::dim()),
        ClockVerdict::NotStarted => match c.delivered {
            Some(t) => (lang.f(S::ClockDelivered, &[&t]), theme::dim()),
            None => (lang.t(S::ClockNotStarted).to_string(), theme::dim()),
        },
        ClockVerdict::Running if d > model.max_turns => {
            (lang.t(S::ClockAfterEnd).to_string(), theme::dim())
        }
        ClockVerdict::Running => {
            let now = clock::opening_instant(model.turn, model.turn_minutes);
            let hours = c.deadline_at.map_or(0, |at| at.saturating_sub(now) / 60);
            let turns_left = (d + 1).saturating_sub(model.turn);
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
pub fn clock_entries<'a>(rows: &[ClockRow<'a>]) -> (Vec<ClockRow<'a>>, Vec<ClockRow<'a>>) {
    let mut started: Vec<ClockRow> = rows
        .iter()
        .filter(|c| c.started.is_some())
        .copied()
        .collect();
    started.sort_by_key(|c| c.verdict.is_final());
    let waiting = rows
        .iter()
        .filter(|c| c.started.is_none())
        .copied()
        .collect();
    (started, waiting)
}

/// A clock's title and regime name in the console's language (English when no translation).
pub fn clock_names<'a>(c: &ClockRow<'a>, lang: Lang) -> (&'a str, &'a str) {
    match lang {
        Lang::Ja => (
            c.title_ja.unwrap_or(c.title),
            c.regime_ja.unwrap_or(c.regime),
        ),
        Lang::En => (c.title, c.regime),
    }
}

/// Clocks: one line per started clock, one line for those not started.
pub fn render_clocks(app: &App, model: &Model, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let all = clock_rows(model);
    let (started, waiting) = clock_entries(&all);
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
    let team = model.team();
    let undecided = team.decisions.iter().filter(|d| d.queued.is_none()).count();
    let mut spans = Vec::new();
    for p in Panel::ALL {
        let (name, extra) = match p {
            Panel::Injects => (
                lang.t(S::PanelInjects),
                format!(" ({})", team.injects.len()),
            ),
            Panel::Board => (lang.t(S::PanelBoard), String::new()),
            Panel::Actions => (
                lang.t(S::PanelActions),
                if undecided > 0 {
                    format!(" ({}) ⚑{undecided}", team.queued.len())
                } else {
                    format!(" ({})", team.queued.len())
                },
            ),
            Panel::Score => (lang.t(S::PanelScore), format!(" {:+}", model.score().total)),
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
        None if model.over => {
            Line::styled(fit(&format!(" {}", lang.t(S::StOver)), w), theme::warn())
        }
        None if app.serve.is_some() => {
            let hub = app
                .serve
                .as_deref()
                .map_or((0, 0, 0), |h| (h.connected(), h.seats.len(), h.ready()));
            let text = lang.f(S::SeatsStatusLine, &[&hub.0, &hub.1, &hub.2]);
            Line::styled(fit(&text, w), theme::dim())
        }
        None => Line::default(),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The decisions banner: how many decisions wait, the first one's question, and the key that
/// opens them. Decisions never open by themselves: this line is how the room learns of them.
pub fn render_banner(app: &App, model: &Model, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let waiting: Vec<_> = model
        .team()
        .decisions
        .iter()
        .filter(|d| d.queued.is_none())
        .collect();
    let Some(first) = waiting.first() else {
        return;
    };
    let head = format!(" ⚑ {} ", lang.decisions_waiting(waiting.len()));
    let room = (area.width as usize).saturating_sub(width(&head) + 1);
    let tail = fit(
        &lang.f(S::DecisionFirst, &[&first.prompt, &first.deadline_turn]),
        room,
    );
    let line = Line::from(vec![
        Span::styled(head, theme::banner()),
        Span::styled(format!(" {tail}"), theme::warn()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The key bar's entries as drawn: (key, label), fitted to `room` columns. Every key valid
/// now is shown ([`keys::bar`]): with its label, two spaces apart; if that is too wide, one
/// space apart; then with short labels; only if even that does not fit are the last ones left
/// out, and `?` then reads "more" (the help lists every key).
pub fn key_bar(app: &App, room: usize) -> Vec<(String, String)> {
    let lang = app.lang;
    let (now, always) = keys::bar(app);
    let all: Vec<&(String, keys::Hint)> = now.iter().chain(&always).collect();
    let cost = |v: &[(String, String)], sep: usize| {
        v.iter()
            .map(|(k, l)| width(k) + 1 + width(l) + sep)
            .sum::<usize>()
    };
    for (short, sep) in [(false, 2), (false, 1), (true, 2), (true, 1)] {
        let v: Vec<(String, String)> = all
            .iter()
            .map(|(k, h)| {
                let l = if short {
                    keys::short_label(h, lang)
                } else {
                    keys::label(h, lang)
                };
                (k.clone(), l.to_string())
            })
            .collect();
        if cost(&v, sep) <= room {
            return v;
        }
    }
    let shorten = |v: &[(String, keys::Hint)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(k, h)| (k.clone(), keys::short_label(h, lang).to_string()))
            .collect()
    };
    let mut fixed = shorten(&always);
    for (k, l) in fixed.iter_mut() {
        if k == "?" || k == "F1" {
            *l = lang.t(S::KeysMore).to_string();
        }
    }
    let mut kept = shorten(&now);
    while !kept.is_empty() && cost(&kept, 1) + cost(&fixed, 1) > room {
        kept.pop();
    }
    kept.extend(fixed);
    kept
}

/// The key bar: the keys valid now, from the key table (see [`key_bar`]).
pub fn render_keys(app: &App, frame: &mut Frame, area: Rect) {
    let room = (area.width as usize).saturating_sub(1);
    let entries = key_bar(app, room);
    let sep = {
        let full: usize = entries
            .iter()
            .map(|(k, l)| width(k) + 1 + width(l) + 2)
            .sum();
        if full <= room { "  " } else { " " }
    };
    let mut spans = vec![Span::raw(" ")];
    for (k, l) in entries {
        spans.push(Span::styled(k, theme::key()));
        spans.push(Span::raw(format!(" {l}{sep}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
