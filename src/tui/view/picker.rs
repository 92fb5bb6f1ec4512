//! The action picker: type to filter the catalogue, see owner, cost, capacity left, chance,
//! preconditions and the stages an action changes; then pick a target; queue several.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::{ActionPicker, App, PickerStep, TargetCheck};
use super::super::i18n::S;
use super::super::lists::{TargetRow, action_name, filtered_actions, filtered_targets};
use super::super::model::{Model, Shown};
use super::describe;
use super::theme;
use super::util::{Doc, fit, pad, pct};
use crate::scenario::TargetKind;
use crate::session::TeamAction;

/// An engine refusal as the console tells it, in `lang`: actions by their names in that
/// language, roles by the people who play them ("Aoi Tanaka (SOC)"), other ids as they are.
pub fn refusal(
    model: &Model,
    e: &crate::engine::EngineError,
    lang: super::super::i18n::Lang,
) -> String {
    use crate::i18n::refusal::Named;
    e.message_named(lang, &|what, id| match what {
        Named::Action => model
            .team()
            .actions
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_string(), |a| action_name(a, lang).to_string()),
        Named::Role => model.person(id),
        _ => id.to_string(),
    })
}

/// Draws the picker over `area`.
pub fn render(app: &App, model: &Model, p: &ActionPicker, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    super::util::clear(frame, area);
    let actions = filtered_actions(model, p.filter.value(), &p.marks);
    let selected = actions
        .get(p.selected.min(actions.len().saturating_sub(1)))
        .copied();
    let (title, keys) = match &p.step {
        PickerStep::Action => (
            format!(" {} ", lang.t(S::PickerTitle)),
            lang.t(S::PickerKeys),
        ),
        PickerStep::Target(id) => {
            let name = model
                .action(id)
                .map(|a| action_name(a, lang).to_string())
                .unwrap_or_default();
            (
                format!(" {} ", lang.f(S::PickerTargetTitle, &[&name])),
                lang.t(S::PickerTargetKeys),
            )
        }
    };
    let block = Block::bordered()
        .title(title)
        .title_bottom(Line::styled(format!(" {keys} "), theme::dim()))
        .border_style(theme::focused());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [filter_row, body, queued_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let [list_area, detail_area] =
        Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)]).areas(body);

    // Which action the details show: in the target step, the chosen action.
    let current: Option<&TeamAction> = match &p.step {
        PickerStep::Action => selected,
        PickerStep::Target(id) => model.action(id),
    };
    let role = current
        .map(|a| p.role.clone().unwrap_or_else(|| a.owner.clone()))
        .unwrap_or_default();

    // Filter line with the role on the right.
    let input = match &p.step {
        PickerStep::Action => &p.filter,
        PickerStep::Target(_) => &p.target_filter,
    };
    let label = format!("{}: ", lang.t(S::PickerFilter));
    let role_text = match model.capacity(&role) {
        Some((left, cap)) => format!(
            "◂ {} {} ({left}/{cap}) ▸",
            lang.t(S::PickerBy),
            model.person(&role)
        ),
        None => String::new(),
    };
    let filter_w = (filter_row.width as usize)
        .saturating_sub(super::util::width(&label) + super::util::width(&role_text) + 2);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label.clone(), theme::section()),
            Span::raw(pad(input.value(), filter_w)),
            Span::raw(" "),
            Span::styled(role_text, theme::key()),
        ])),
        filter_row,
    );
    let cx = filter_row.x
        + super::util::width(&label) as u16
        + input.cursor_width().min(filter_w) as u16;
    frame.set_cursor_position(Position::new(
        cx.min(filter_row.right().saturating_sub(1)),
        filter_row.y,
    ));

    match &p.step {
        PickerStep::Action => action_list(app, model, p, &actions, frame, list_area),
        PickerStep::Target(_) => {
            if let Some(a) = current {
                let rows = filtered_targets(model, a, p.target_filter.value(), lang);
                target_list(&rows, p, frame, list_area);
            }
        }
    }
    if let Some(a) = current {
        let chosen = match &p.step {
            PickerStep::Target(_) => {
                let rows = filtered_targets(model, a, p.target_filter.value(), lang);
                rows.get(p.target_selected.min(rows.len().saturating_sub(1)))
                    .cloned()
            }
            PickerStep::Action => None,
        };
        let doc = details(
            app,
            model,
            p,
            a,
            &role,
            chosen,
            detail_area.width.saturating_sub(2) as usize,
        );
        frame.render_widget(
            Paragraph::new(doc).block(
                Block::new()
                    .borders(ratatui::widgets::Borders::LEFT)
                    .border_style(theme::border()),
            ),
            detail_area,
        );
    } else {
        frame.render_widget(
            Paragraph::new(Line::styled(lang.t(S::PickerNoMatch), theme::dim())),
            detail_area,
        );
    }
    let queued: Vec<String> = model
        .team()
        .queued
        .iter()
        .map(|q| {
            let n = model
                .action(&q.action)
                .map(|a| action_name(a, lang).to_string())
                .unwrap_or_else(|| q.action.clone());
            match &q.target {
                Some(t) => format!("{n} → {}", model.target_name(t)),
                None => n,
            }
        })
        .collect();
    let text = if queued.is_empty() {
        lang.f(S::PickerQueued, &[&0])
    } else {
        lang.f(S::PickerQueued, &[&queued.join(", ")])
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&text, queued_row.width as usize),
            theme::good(),
        )),
        queued_row,
    );
}

fn window(selected: usize, n: usize, height: usize) -> usize {
    if height == 0 || n <= height {
        0
    } else {
        selected.saturating_sub(height / 2).min(n - height)
    }
}

fn action_list(
    app: &App,
    model: &Model,
    p: &ActionPicker,
    actions: &[&TeamAction],
    frame: &mut Frame,
    area: Rect,
) {
    let lang = app.lang;
    let h = area.height as usize;
    let w = area.width as usize;
    if actions.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(lang.t(S::PickerNoMatch), theme::dim())),
            area,
        );
        return;
    }
    let selected = p.selected.min(actions.len() - 1);
    let start = window(selected, actions.len(), h);
    let tail_w = 16;
    let lines: Vec<Line> = actions
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(i, a)| {
            let left = model.capacity(&a.owner).map(|c| c.0).unwrap_or(0);
            let mark = p.marks.get(&a.id);
            let refused = a.blocked.is_some() || mark.is_some_and(|m| m.refused.is_some());
            let unavailable = refused || a.cost > left;
            let idle = !unavailable && mark.is_some_and(|m| m.idle.is_some());
            let pointer = if i == selected { "▸" } else { " " };
            let sign = if unavailable {
                "✗"
            } else if idle {
                "○"
            } else {
                " "
            };
            let name = pad(
                &format!("{pointer}{sign}{}", action_name(a, lang)),
                w.saturating_sub(tail_w),
            );
            let tail = format!(
                "{:<7} {:>1} {:>4}",
                fit(&super::super::model::role_tag(&a.owner), 7),
                a.cost,
                pct(a.chance)
            );
            let style = if i == selected {
                theme::selected()
            } else if unavailable || idle {
                theme::dim()
            } else {
                Style::new()
            };
            Line::styled(format!("{name}{}", pad(&format!(" {tail}"), tail_w)), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn target_list(rows: &[TargetRow], p: &ActionPicker, frame: &mut Frame, area: Rect) {
    let h = area.height as usize;
    let w = area.width as usize;
    if rows.is_empty() {
        return;
    }
    let selected = p.target_selected.min(rows.len() - 1);
    let start = window(selected, rows.len(), h);
    let longest = rows
        .iter()
        .map(|r| super::util::width(&r.name))
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(i, r)| {
            let check = p.checks.get(&r.id);
            let sign = match check {
                Some(TargetCheck {
                    refused: Some(_), ..
                }) => "✗",
                Some(TargetCheck { idle: Some(_), .. }) => "○",
                _ => " ",
            };
            let style = if i == selected {
                theme::selected()
            } else if sign != " " {
                theme::dim()
            } else {
                Style::new()
            };
            let name_w = (longest + 4).clamp(8, (w * 3 / 5).max(8));
            Line::from(vec![
                Span::styled(
                    pad(
                        &format!("{}{sign}{}", if i == selected { "▸" } else { " " }, r.name),
                        name_w,
                    ),
                    style,
                ),
                Span::styled(
                    fit(&format!(" {}", r.detail), w.saturating_sub(name_w)),
                    if i == selected { style } else { theme::dim() },
                ),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Details of an action for a role: owner, cost, capacity, chance, target, needs, affects, state.
fn details(
    app: &App,
    model: &Model,
    p: &ActionPicker,
    a: &TeamAction,
    role: &str,
    chosen: Option<TargetRow>,
    width: usize,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut doc = Doc::new(width);
    doc.text(0, action_name(a, lang), theme::bold());
    // The id is the facilitator's: shown in the control view only.
    let kind = if model.control().is_some() {
        format!("{} · {}", a.id, a.function.name())
    } else {
        a.function.name().to_string()
    };
    doc.text(0, &kind, theme::dim());
    // A key and its value; wrapped (in the value's style) when it does not fit the pane.
    let kv = |doc: &mut Doc, k: &str, v: String, style: Style| {
        if super::util::width(k) + 2 + super::util::width(&v) <= doc.width {
            doc.spans(vec![
                Span::styled(format!("{k}: "), theme::dim()),
                Span::styled(v, style),
            ]);
        } else {
            doc.text(0, &format!("{k}: {v}"), style);
        }
    };
    kv(
        &mut doc,
        lang.t(S::DetOwner),
        model.person(&a.owner),
        Style::new(),
    );
    let (left, cap) = model.capacity(role).unwrap_or((0, 0));
    let cap_style = if a.cost > left {
        theme::bad()
    } else {
        theme::good()
    };
    kv(
        &mut doc,
        lang.t(S::DetCost),
        format!(
            "{} — {}",
            a.cost,
            lang.f(S::DetCapacity, &[&model.person(role), &left, &cap])
        ),
        cap_style,
    );
    kv(&mut doc, lang.t(S::DetChance), pct(a.chance), Style::new());
    let target = match a.target {
        TargetKind::None => lang.t(S::TargetNone),
        TargetKind::Asset => lang.t(S::TargetAsset),
        TargetKind::Regime => lang.t(S::TargetRegime),
        TargetKind::Supplier => lang.t(S::TargetSupplier),
    };
    match &chosen {
        Some(t) => kv(
            &mut doc,
            lang.t(S::DetTarget),
            t.name.clone(),
            theme::bold(),
        ),
        None => kv(
            &mut doc,
            lang.t(S::DetTarget),
            target.to_string(),
            Style::new(),
        ),
    }
    if let Some((requires, once)) = model.action_rules.get(&a.id) {
        let mut needs = Vec::new();
        if let Some(c) = requires {
            let labels = |id: &str| model.named(id, lang);
            needs.push(describe::condition_with(c, lang, &labels));
        }
        if *once {
            needs.push(lang.t(S::DetOnce).to_string());
        }
        if !needs.is_empty() {
            doc.text(
                0,
                &format!("{}: {}", lang.t(S::DetNeeds), needs.join("; ")),
                Style::new(),
            );
        }
    }
    // The stages it changes: those the team has detected, or every one in the control view.
    let (affects, style): (Vec<&str>, Style) = match &model.shown {
        Shown::Team { .. } => (
            a.affects.iter().map(|s| model.stage_title(s)).collect(),
            Style::new(),
        ),
        Shown::Control { view, .. } => (
            view.actions
                .iter()
                .find(|x| x.id == a.id)
                .map(|x| x.affects.iter().map(|s| model.stage_title(s)).collect())
                .unwrap_or_default(),
            theme::secret(),
        ),
    };
    if !affects.is_empty() {
        doc.text(
            0,
            &format!("{}: {}", lang.t(S::DetAffects), affects.join(", ")),
            style,
        );
    }
    let blocked = |why: &str| (lang.f(S::DetBlocked, &[&why]), theme::bad());
    let no_capacity = a.cost > left;
    let check = match &chosen {
        Some(t) => p.checks.get(&t.id),
        None if a.target == TargetKind::None => p.checks.get(""),
        None => None,
    };
    let state = if let Some(reason) = &a.blocked {
        blocked(&refusal(model, reason, lang))
    } else if let Some(TargetCheck {
        refused: Some(r), ..
    }) = check
    {
        blocked(r)
    } else if no_capacity {
        blocked(lang.t(S::DetNoCapacity))
    } else if let Some(TargetCheck { idle: Some(w), .. }) = check {
        (lang.f(S::DetIdle, &[w]), theme::warn())
    } else if chosen.is_none() && a.target != TargetKind::None {
        // The catalogue step: how many targets the engine would take, for this role.
        let total = p.checks.len();
        let ready: Vec<&TargetCheck> = p.checks.values().filter(|c| c.refused.is_none()).collect();
        let busy = ready.iter().filter(|c| c.idle.is_none()).count();
        if ready.is_empty() {
            let why = p
                .checks
                .values()
                .find_map(|c| c.refused.clone())
                .unwrap_or_else(|| lang.t(S::DetNoTarget).to_string());
            blocked(&why)
        } else if busy == 0 {
            (
                lang.f(S::DetIdle, &[&lang.t(S::DetIdleEverywhere)]),
                theme::warn(),
            )
        } else if ready.len() == busy {
            (lang.f(S::DetReadyOn, &[&busy, &total]), theme::good())
        } else {
            (
                lang.f(S::DetReadyOnIdle, &[&busy, &total, &(ready.len() - busy)]),
                theme::good(),
            )
        }
    } else {
        (lang.t(S::DetReady).to_string(), theme::good())
    };
    doc.text(0, &format!("▶ {}", state.0), state.1);
    if !app.shows_control() && model.hidden_preconditions.contains(&a.id) {
        doc.text(2, lang.t(S::DetHiddenPrecondition), theme::dim());
    }
    if !a.description.is_empty() {
        doc.blank();
        doc.text(0, a.description_in(lang), theme::dim());
    }
    doc.lines
}
