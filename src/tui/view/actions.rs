//! The actions panel: the queue for this turn (selectable, to withdraw), capacity left per role,
//! and the open decisions.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::{App, Panel};
use super::super::i18n::S;
use super::super::lists::action_name;
use super::super::model::Model;
use super::theme;
use super::util::{Doc, fit};

/// Number of lines before the first queue row.
const QUEUE_TOP: usize = 1;

/// The panel's lines at a width.
pub fn lines(app: &App, model: &Model, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let team = model.team();
    let mut doc = Doc::new(width);
    doc.section(&format!("{} ({})", lang.t(S::Queued), team.queued.len()));
    if team.queued.is_empty() {
        doc.text(1, lang.t(S::NothingQueued), theme::dim());
    }
    for (i, q) in team.queued.iter().enumerate() {
        let a = model.action(&q.action);
        let name = a
            .map(|a| action_name(a, lang).to_string())
            .unwrap_or_else(|| q.action.clone());
        let cost = a.map(|a| a.cost).unwrap_or(0);
        let target = q
            .target
            .as_deref()
            .map(|t| format!(" → {}", model.target_name(t)))
            .unwrap_or_default();
        let tail = format!("  {} · {cost}", model.person(&q.role));
        let room = width.saturating_sub(super::util::width(&tail) + 4);
        let text = format!(" {}. {}", i + 1, fit(&format!("{name}{target}"), room));
        let selected = app.focus == Panel::Actions && i == app.queue_selected;
        let style = if selected {
            theme::selected()
        } else {
            Style::new()
        };
        doc.spans(vec![
            Span::styled(text, style),
            Span::styled(tail, theme::dim()),
        ]);
    }
    doc.blank();
    doc.section(lang.t(S::Capacity));
    let caps: Vec<String> = team
        .roles
        .iter()
        .map(|r| {
            format!(
                "{} {}/{}",
                super::super::model::role_tag(&r.id),
                r.capacity.saturating_sub(r.used),
                r.capacity
            )
        })
        .collect();
    doc.text(1, &caps.join(" · "), Style::new());
    if !team.decisions.is_empty() {
        doc.blank();
        doc.section(lang.t(S::OpenDecisions));
        for d in &team.decisions {
            match &d.queued {
                Some(o) => {
                    let label = d.label_of(o);
                    doc.text(
                        1,
                        &format!("⚑ {} — {}", d.prompt, lang.f(S::Chosen, &[&label])),
                        theme::good(),
                    );
                }
                None => {
                    let default = d.label_of(&d.default);
                    doc.text(
                        1,
                        &format!(
                            "⚑ {} — {}",
                            d.prompt,
                            lang.f(S::NotChosen, &[&default, &d.deadline_turn])
                        ),
                        theme::warn(),
                    );
                }
            }
        }
    }
    doc.blank();
    doc.text(1, lang.t(S::ActionsHint), theme::dim());
    doc.lines
}

/// Scroll offset that keeps the selected queue row visible.
pub fn scroll_for(app: &App, model: &Model, width: usize, height: u16) -> u16 {
    let n = lines(app, model, width).len();
    let max = n.saturating_sub(height as usize);
    let row = QUEUE_TOP + app.queue_selected;
    let h = height as usize;
    let s = if row >= h { row + 1 - h } else { 0 };
    s.min(max) as u16
}
