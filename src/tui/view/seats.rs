//! `kunren play --serve`: a seat's screen (the console's team view for one role, drawn with
//! the console's own panels, with the seat's keys) and the facilitator's seats panel (`s`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::super::app::{App, Panel};
use super::super::i18n::Lang;
use super::super::model::{Model, role_tag};
use super::util::{Doc, centered, clear, fit};
use super::{console_layout, header, score, scrolled_panel, theme};
use crate::serve::seats::{SeatAuth, SeatSpec};
use crate::serve::ui::{SeatOverlay, SeatUi, role_actions, tr};

/// Draws one seat's screen: its role's team view, or the closing screen once it left or the
/// drill ended.
pub fn render_seat(app: &App, ui: &SeatUi, spec: &SeatSpec, closing: bool, frame: &mut Frame) {
    let area = frame.area();
    let lang = app.lang;
    if closing {
        let text = vec![
            Line::styled(
                tr(
                    lang,
                    "kunren — your seat is closed.",
                    "kunren — 席を閉じました。",
                ),
                theme::bold(),
            ),
            Line::raw(tr(
                lang,
                "The drill ended here, or you left. Everything you did is in the journal.",
                "演習がここで終わったか、退席しました。操作はすべて記録に残っています。",
            )),
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
    let mut text = format!(
        " kunren · {} ({}) · {} {}/{} · {}",
        spec.name,
        role_tag(&spec.role),
        tr(lang, "Turn", "ターン"),
        model.turn,
        model.max_turns,
        super::util::clock(model.minutes_now()),
    );
    if ui.ready {
        text.push_str(tr(lang, " · READY", " · 準備完了"));
    }
    if app.paused {
        text.push_str(tr(lang, " · PAUSED", " · 一時停止中"));
    }
    if model.over {
        text.push_str(tr(lang, " · ENDED", " · 終了"));
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
        Some(SeatOverlay::Actions { target: None, .. }) => tr(
            lang,
            " ↑↓ select  Enter queue/choose target  Esc close",
            " ↑↓ 選択  Enter 登録/対象へ  Esc 閉じる",
        )
        .to_string(),
        Some(SeatOverlay::Actions { .. }) => tr(
            lang,
            " ↑↓ select target  Enter queue  Esc back",
            " ↑↓ 対象を選択  Enter 登録  Esc 戻る",
        )
        .to_string(),
        Some(SeatOverlay::Decisions { .. }) => tr(
            lang,
            " ↑↓ option  Tab next decision  Enter decide  Esc close",
            " ↑↓ 選択肢  Tab 次の判断  Enter 決定  Esc 閉じる",
        )
        .to_string(),
        Some(SeatOverlay::Help) => tr(lang, " Esc close", " Esc 閉じる").to_string(),
        None => {
            let mut v: Vec<&str> = Vec::new();
            if !model.over {
                v.push(tr(lang, "a actions", "a 対応"));
            }
            if !model.team().decisions.is_empty() && !model.over {
                v.push(tr(lang, "d decide", "d 判断"));
            }
            if !model.team().queued.is_empty() && !model.over {
                v.push(tr(lang, "u undo", "u 取消"));
            }
            if !model.over {
                v.push(if ui.ready {
                    tr(lang, "r not ready", "r 準備取消")
                } else {
                    tr(lang, "r ready", "r 準備完了")
                });
            }
            v.push(tr(lang, "1-4 panels", "1-4 パネル"));
            v.push(tr(lang, "? help", "? ヘルプ"));
            v.push(tr(lang, "q leave", "q 退席"));
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
    let rows: [(&str, &str, &str); 9] = [
        (
            "a",
            "queue one of your role's actions",
            "担当ロールの対応を登録",
        ),
        (
            "d",
            "take a decision your role owns",
            "担当ロールの判断を下す",
        ),
        (
            "u",
            "withdraw your role's last queued action",
            "最後に登録した対応を取り下げ",
        ),
        (
            "r",
            "tell the facilitator you are ready to end the turn",
            "ターン終了の準備完了を伝える",
        ),
        (
            "1-4, Tab",
            "panels: injects, organisation, actions, score",
            "パネル: 状況付与・組織・対応・得点",
        ),
        ("↑↓ PgUp PgDn", "scroll", "スクロール"),
        ("?", "this help", "このヘルプ"),
        (
            "q, Ctrl-C",
            "leave (you can reconnect with the same key)",
            "退席（同じ鍵で再接続できます）",
        ),
        (
            "",
            "the facilitator ends each turn",
            "ターンはファシリテーターが終了します",
        ),
    ];
    let lines = rows
        .iter()
        .map(|(k, en, ja)| {
            Line::from(vec![
                Span::styled(format!(" {k:<14}"), theme::key()),
                Span::raw(tr(lang, en, ja).to_string()),
            ])
        })
        .collect();
    boxed(
        frame,
        area,
        tr(lang, " Keys of your seat ", " 席のキー ").into(),
        lines,
    );
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
    let name = |a: &crate::session::TeamAction| match (lang, &a.name_ja) {
        (Lang::Ja, Some(n)) => n.clone(),
        _ => a.name.clone(),
    };
    match target {
        None => {
            if list.is_empty() {
                lines.push(Line::raw(tr(
                    lang,
                    " Your role has no action in the catalogue.",
                    " 担当ロールの対応はカタログにありません。",
                )));
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
                let why = a.blocked.clone().unwrap_or_else(|| a.description.clone());
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
                lines.push(Line::raw(tr(
                    lang,
                    " No target can take it now.",
                    " 今は対象がありません。",
                )));
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
    let title = format!(
        " {} ({}) ",
        tr(lang, "Actions of your role", "担当ロールの対応"),
        role_tag(&spec.role)
    );
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
            text.push_str(tr(lang, " (default)", "（既定）"));
        }
        if d.queued.as_deref() == Some(o.as_str()) {
            text.push_str(tr(lang, " ✓ chosen", " ✓ 選択済み"));
        }
        let style = if i == selected {
            theme::focused()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::styled(text, style));
    }
    let title = format!(
        " {} {}/{} ",
        tr(lang, "Decision", "判断"),
        index.min(n.saturating_sub(1)) + 1,
        n
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
        &format!("ssh -p {} ROLE@{}", hub.addr.port(), hub.addr.ip()),
        theme::key(),
    );
    doc.text(
        0,
        &format!("{} {}", tr(lang, "Host key:", "ホスト鍵:"), hub.fingerprint),
        theme::bold(),
    );
    doc.text(
        0,
        &format!(
            "{}/{} {} · {} {} · {} {}",
            hub.connected(),
            hub.seats.len(),
            tr(lang, "connected", "接続中"),
            hub.ready(),
            tr(lang, "ready", "準備完了"),
            hub.refusals,
            tr(lang, "refused", "拒否"),
        ),
        theme::dim(),
    );
    for s in &hub.seats {
        let on = s.link.is_some();
        let state = match (on, s.ui.ready) {
            (true, true) => tr(lang, "● ready", "● 準備完了"),
            (true, false) => tr(lang, "● connected", "● 接続中"),
            _ => tr(lang, "○ not connected", "○ 未接続"),
        };
        let auth = match &s.spec.auth {
            SeatAuth::Key { fingerprint, .. } => {
                format!("{} {}", tr(lang, "key", "鍵"), fit(fingerprint, 20))
            }
            SeatAuth::Code => format!(
                "{} {}",
                tr(lang, "code", "コード"),
                hub.code_of(s.index).unwrap_or_default()
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
                    .map(|a| match (lang, &a.name_ja) {
                        (Lang::Ja, Some(n)) => n.clone(),
                        _ => a.name.clone(),
                    })
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
                &format!("{} {}", tr(lang, "queued:", "登録:"), queued.join(", ")),
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
                &format!(
                    "{} {}",
                    tr(lang, "Reference response plays:", "模範対応が担当:"),
                    others.join(", ")
                ),
                theme::dim(),
            );
        }
    }
    if let Some(why) = &hub.stopped {
        doc.text(0, why, theme::bad());
    }
    let lines = doc.lines;
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    clear(frame, rect);
    let block = Block::bordered()
        .title(tr(lang, " Seats ", " 席 "))
        .title_bottom(Line::styled(
            tr(lang, " Esc/s close ", " Esc/s 閉じる "),
            theme::dim(),
        ))
        .border_style(theme::focused());
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
