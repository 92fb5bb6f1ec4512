//! Dialogs over the console: quit, end turn, decision, fire an inject, override a score line,
//! note; and the paused banner.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::super::app::{App, Overlay, OverrideStep};
use super::super::i18n::S;
use super::super::lists::filtered_msel;
use super::super::model::Model;
use super::super::text_input::TextInput;
use super::describe::channel;
use super::theme;
use super::util::{Doc, centered, fit, input_view, pad};

fn dialog(
    frame: &mut Frame,
    area: Rect,
    title: String,
    keys: &str,
    lines: Vec<Line<'static>>,
    w: u16,
) -> Rect {
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w.min(area.width), h);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(title)
        .title_bottom(Line::styled(format!(" {keys} "), theme::dim()))
        .border_style(theme::focused());
    let inner = block.inner(rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
    inner
}

fn dialog_width(area: Rect) -> u16 {
    (area.width.saturating_sub(8)).clamp(40, 90)
}

fn input_line(label: &str, input: &TextInput, width: usize, active: bool) -> Line<'static> {
    let style = if active { theme::key() } else { theme::dim() };
    Line::from(vec![
        Span::styled(format!("{label}: "), style),
        Span::raw(pad(
            &input_view(input, width.saturating_sub(super::util::width(label) + 2)).0,
            width.saturating_sub(super::util::width(label) + 2),
        )),
    ])
}

fn cursor(frame: &mut Frame, inner: Rect, row: u16, label: &str, input: &TextInput) {
    let room = (inner.width as usize).saturating_sub(super::util::width(label) + 2);
    let x = inner.x + (super::util::width(label) + 2 + input_view(input, room).1) as u16;
    frame.set_cursor_position(Position::new(
        x.min(inner.right().saturating_sub(1)),
        inner.y + row,
    ));
}

/// "Paused" across the body of the console.
pub fn paused_banner(app: &App, frame: &mut Frame, area: Rect) {
    let text = app.lang.t(S::PausedBanner);
    let w = (super::util::width(text) + 6) as u16;
    let rect = centered(area, w, 3);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(Line::styled(text, theme::header_paused()))
            .centered()
            .block(Block::bordered().border_style(theme::warn())),
        rect,
    );
}

/// Draws a dialog overlay.
pub fn render(app: &App, model: &Model, overlay: &Overlay, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let w = dialog_width(area);
    let inner_w = w.saturating_sub(2) as usize;
    match overlay {
        Overlay::Quit => {
            let mut doc = Doc::new(inner_w);
            let body = if model.over {
                S::QuitCompleted
            } else {
                S::QuitAborted
            };
            doc.text(
                0,
                lang.t(body),
                if model.over {
                    Style::new()
                } else {
                    theme::warn()
                },
            );
            if let Some(p) = &app.journal_path {
                doc.text(0, &lang.f(S::Recording, &[&p.display()]), theme::dim());
            }
            dialog(
                frame,
                area,
                format!(" {} ", lang.t(S::QuitTitle)),
                lang.t(S::QuitKeys),
                doc.lines,
                w,
            );
        }
        Overlay::EndTurn => {
            let mut doc = Doc::new(inner_w);
            let open = model
                .team()
                .decisions
                .iter()
                .filter(|d| d.queued.is_none())
                .count();
            doc.text(
                0,
                &lang.f(
                    S::EndTurnBody,
                    &[&model.turn, &model.team().queued.len(), &open],
                ),
                theme::bold(),
            );
            if open > 0 {
                doc.text(0, lang.t(S::EndTurnDefault), theme::warn());
            }
            dialog(
                frame,
                area,
                format!(" {} ", lang.t(S::EndTurnTitle)),
                lang.t(S::ConfirmKeys),
                doc.lines,
                w,
            );
        }
        Overlay::Decision { index, selected } => {
            let team = model.team();
            let Some(d) = team
                .decisions
                .get((*index).min(team.decisions.len().saturating_sub(1)))
            else {
                return;
            };
            let mut doc = Doc::new(inner_w);
            if let Some(inj) = team
                .injects
                .iter()
                .chain(&team.earlier)
                .find(|i| i.id == d.inject)
            {
                doc.text(
                    0,
                    &format!("[{}] {}", channel(inj.channel, lang), inj.title),
                    theme::dim(),
                );
            }
            doc.text(0, &d.prompt, theme::bold());
            let default = d
                .options
                .iter()
                .find(|(id, _)| id == &d.default)
                .map(|(_, l)| l.clone())
                .unwrap_or(d.default.clone());
            doc.text(
                0,
                &lang.f(S::DecisionOwner, &[&d.owner, &default, &d.deadline_turn]),
                theme::dim(),
            );
            doc.blank();
            for (i, (id, label)) in d.options.iter().enumerate() {
                let chosen = d.queued.as_deref() == Some(id.as_str());
                let mark = if chosen { "✓" } else { " " };
                let style = if i == *selected {
                    theme::selected()
                } else {
                    Style::new()
                };
                doc.spans(vec![Span::styled(
                    pad(
                        &format!("{}{mark} {label}", if i == *selected { "▸" } else { " " }),
                        inner_w,
                    ),
                    style,
                )]);
            }
            let title = format!(
                " {} ",
                lang.f(S::DecisionTitle, &[&(index + 1), &team.decisions.len()])
            );
            dialog(frame, area, title, lang.t(S::DecisionKeys), doc.lines, w);
        }
        Overlay::Fire { filter, selected } => {
            let list = filtered_msel(model, filter.value());
            let rows = (area.height as usize).saturating_sub(5).clamp(3, 14);
            let mut lines = vec![input_line(lang.t(S::PickerFilter), filter, inner_w, true)];
            if list.is_empty() {
                lines.push(Line::styled(lang.t(S::FireNone), theme::dim()));
            }
            let sel = (*selected).min(list.len().saturating_sub(1));
            let start = if list.len() <= rows {
                0
            } else {
                sel.saturating_sub(rows / 2).min(list.len() - rows)
            };
            for (i, m) in list.iter().enumerate().skip(start).take(rows) {
                let tag = if m.contingency {
                    format!("[{}] ", lang.t(S::Contingency))
                } else {
                    String::new()
                };
                let text = format!(
                    "{}{tag}[{}] {} → {}",
                    if i == sel { "▸" } else { " " },
                    channel(m.channel, lang),
                    m.title,
                    m.to.join(", ")
                );
                let style = if i == sel {
                    theme::selected()
                } else if m.contingency {
                    theme::warn()
                } else {
                    Style::new()
                };
                lines.push(Line::styled(pad(&text, inner_w), style));
            }
            let inner = dialog(
                frame,
                area,
                format!(" {} ", lang.t(S::FireTitle)),
                lang.t(S::FireKeys),
                lines,
                w,
            );
            cursor(frame, inner, 0, lang.t(S::PickerFilter), filter);
        }
        Overlay::Override(d) => {
            let rows = (area.height as usize).saturating_sub(8).clamp(3, 12);
            let mut lines = Vec::new();
            let n = model.lines().len();
            let sel = d.selected.min(n.saturating_sub(1));
            let start = if n <= rows {
                0
            } else {
                sel.saturating_sub(rows / 2).min(n - rows)
            };
            for (i, l) in model.lines().iter().enumerate().skip(start).take(rows) {
                let pts = if l.effective != l.line.points {
                    format!("{:+}→{:+}", l.line.points, l.effective)
                } else {
                    format!("{:+}", l.effective)
                };
                let text = format!(
                    "{}#{:<3} T{:<2} {:>7}  {}",
                    if i == sel { "▸" } else { " " },
                    l.line.line,
                    l.line.turn,
                    pts,
                    l.line.reason
                );
                let style = if i == sel {
                    if d.step == OverrideStep::Line {
                        theme::selected()
                    } else {
                        theme::bold()
                    }
                } else {
                    Style::new()
                };
                lines.push(Line::styled(fit(&text, inner_w), style));
            }
            lines.push(Line::default());
            lines.push(input_line(
                lang.t(S::OverridePoints),
                &d.points,
                inner_w,
                d.step == OverrideStep::Points,
            ));
            lines.push(input_line(
                lang.t(S::OverrideReason),
                &d.reason,
                inner_w,
                d.step == OverrideStep::Reason,
            ));
            let rows_used = lines.len() as u16;
            let inner = dialog(
                frame,
                area,
                format!(" {} ", lang.t(S::OverrideTitle)),
                lang.t(S::OverrideKeys),
                lines,
                w,
            );
            match d.step {
                OverrideStep::Points => cursor(
                    frame,
                    inner,
                    rows_used - 2,
                    lang.t(S::OverridePoints),
                    &d.points,
                ),
                OverrideStep::Reason => cursor(
                    frame,
                    inner,
                    rows_used - 1,
                    lang.t(S::OverrideReason),
                    &d.reason,
                ),
                OverrideStep::Line => {}
            }
        }
        Overlay::Note(note) => {
            let label = lang.t(S::NoteLabel);
            let (flag, style) = if note.private {
                (format!("■ {}", lang.t(S::NotePrivate)), theme::warn())
            } else {
                (format!("□ {}", lang.t(S::NotePublic)), theme::dim())
            };
            let lines = vec![
                input_line(label, &note.input, inner_w, true),
                Line::styled(fit(&flag, inner_w), style),
            ];
            let inner = dialog(
                frame,
                area,
                format!(" {} ", lang.t(S::NoteTitle)),
                lang.t(S::NoteKeys),
                lines,
                w,
            );
            cursor(frame, inner, 0, label, &note.input);
        }
        Overlay::Actions(_) | Overlay::Resolution { .. } => {}
    }
}
