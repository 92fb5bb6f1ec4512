//! Dialogs over the console: end turn, decision, fire an inject, override a score line, note;
//! the leave dialog (over any screen of a drill); and the paused banner.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::{App, LeaveChoice, LeaveDialog, Overlay, OverrideStep};
use super::super::i18n::S;
use super::super::lists::filtered_msel;
use super::super::model::Model;
use super::super::rules::{override_points, rating_effect};
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
    super::util::clear(frame, rect);
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
    super::util::clear(frame, rect);
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
        Overlay::Seats => super::seats::render_panel(app, model, frame, area),
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
        Overlay::Decision {
            index,
            selected,
            confirming,
        } => decision(app, model, (*index, *selected, *confirming), frame, area, w),
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
                    m.to.iter()
                        .map(|r| model.person(r))
                        .collect::<Vec<_>>()
                        .join(", ")
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
                    l.line.reason_in(lang, &*model.bundle)
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
            if let Some(l) = model.lines().get(sel) {
                let r = l.line.override_range();
                lines.push(Line::styled(
                    fit(
                        &lang.f(
                            S::OverrideRange,
                            &[&l.line.line, r.start(), r.end(), &l.line.max_points],
                        ),
                        inner_w,
                    ),
                    theme::dim(),
                ));
                let verdict = match d.step {
                    OverrideStep::Line => None,
                    _ => Some(override_points(&d.points, &l.line)),
                };
                let (text, style) = match verdict {
                    None => (String::new(), theme::dim()),
                    Some(Err(e)) => (e.text(lang), theme::bad()),
                    Some(Ok(p)) => {
                        match rating_effect(&model.objective_defs, model.lines(), l.line.line, p) {
                            Some(e) => (
                                lang.f(
                                    S::OverrideRating,
                                    &[
                                        &e.objective,
                                        &e.before.0,
                                        &e.before.1,
                                        &e.rating_before.letter(),
                                        &e.after.0,
                                        &e.after.1,
                                        &e.rating_after.letter(),
                                    ],
                                ),
                                if e.rating_before == e.rating_after {
                                    Style::new()
                                } else {
                                    theme::warn()
                                },
                            ),
                            None => (String::new(), theme::dim()),
                        }
                    }
                };
                lines.push(Line::styled(fit(&text, inner_w), style));
            }
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
        Overlay::Correct(d) => correct(app, d, frame, area, w),
        Overlay::Hint(d) => hint(app, model, d, frame, area, w),
        Overlay::Actions(_) | Overlay::Resolution { .. } => {}
    }
}

/// The corrections dialog: the records that can be corrected, what correcting the selected
/// one does, who asks and why.
fn correct(
    app: &App,
    d: &super::super::correct::CorrectDialog,
    frame: &mut Frame,
    area: Rect,
    w: u16,
) {
    use super::super::correct::{CorrectStep, consequence, rows};
    let lang = app.lang;
    let inner_w = w.saturating_sub(2) as usize;
    let list = rows(app);
    let n = list.len();
    let sel = d.selected.min(n.saturating_sub(1));
    let room = (area.height as usize).saturating_sub(9).clamp(3, 12);
    let start = if n <= room {
        0
    } else {
        sel.saturating_sub(room / 2).min(n - room)
    };
    let mut lines = Vec::new();
    for (i, r) in list.iter().enumerate().skip(start).take(room) {
        let text = format!(
            "{}T{:<2} {}",
            if i == sel { "▸" } else { " " },
            r.turn,
            r.text
        );
        let style = match (i == sel, d.step) {
            (true, CorrectStep::Pick) => theme::selected(),
            (true, _) => theme::bold(),
            _ => Style::new(),
        };
        lines.push(Line::styled(pad(&fit(&text, inner_w), inner_w), style));
    }
    lines.push(Line::default());
    if let Some(r) = list.get(sel) {
        let mut doc = Doc::new(inner_w);
        doc.text(0, &lang.f(S::CorrectLine, &[&(r.seq + 1)]), theme::dim());
        doc.text(0, consequence(r.kind, lang), theme::warn());
        lines.extend(doc.lines);
    }
    let by_row = lines.len() as u16;
    lines.push(input_line(
        lang.t(S::CorrectBy),
        &d.by,
        inner_w,
        d.step == CorrectStep::By,
    ));
    lines.push(input_line(
        lang.t(S::CorrectReason),
        &d.reason,
        inner_w,
        d.step == CorrectStep::Reason,
    ));
    let inner = dialog(
        frame,
        area,
        format!(" {} ", lang.t(S::CorrectTitle)),
        lang.t(S::CorrectKeys),
        lines,
        w,
    );
    match d.step {
        CorrectStep::By => cursor(frame, inner, by_row, lang.t(S::CorrectBy), &d.by),
        CorrectStep::Reason => cursor(
            frame,
            inner,
            by_row + 1,
            lang.t(S::CorrectReason),
            &d.reason,
        ),
        CorrectStep::Pick => {}
    }
}

/// The hint dialog of practice: what a hint costs, then the step it shows.
fn hint(
    app: &App,
    model: &Model,
    d: &super::super::app::HintDialog,
    frame: &mut Frame,
    area: Rect,
    w: u16,
) {
    let lang = app.lang;
    let inner_w = w.saturating_sub(2) as usize;
    let mut doc = Doc::new(inner_w);
    let keys = match &d.shown {
        None => {
            doc.text(0, lang.t(S::HintAsk), Style::new());
            doc.text(0, &lang.f(S::HintCost, &[&d.cost]), theme::warn());
            lang.t(S::HintAskKeys)
        }
        Some(h) => {
            let s = &h.step;
            let what = match (&s.action, &s.choose) {
                (Some(a), _) => model
                    .action(a)
                    .map(|x| super::super::lists::action_name(x, lang).to_string())
                    .unwrap_or_else(|| a.clone()),
                (None, Some(o)) => model
                    .option_labels
                    .iter()
                    .find(|(id, _)| id == o)
                    .map_or_else(|| o.clone(), |(_, l)| l.clone()),
                (None, None) => String::new(),
            };
            let target = s
                .target
                .as_deref()
                .map(|x| format!(" → {}", model.target_name(x)))
                .unwrap_or_default();
            doc.text(
                0,
                &lang.f(S::HintFor, &[&model.person(&s.role)]),
                theme::dim(),
            );
            doc.text(2, &format!("{what}{target}"), theme::bold());
            let when = if h.due {
                lang.t(S::HintDueNow).to_string()
            } else {
                match &s.when {
                    Some(c) => {
                        let labels = |id: &str| model.named(id, lang);
                        lang.f(
                            S::HintLater,
                            &[&s.turn, &super::describe::condition_with(c, lang, &labels)],
                        )
                    }
                    None => lang.f(S::HintFrom, &[&s.turn]),
                }
            };
            doc.text(2, &when, theme::warn());
            if !s.why.is_empty() {
                doc.text(2, &lang.f(S::HintWhy, &[&s.why]), Style::new());
            }
            lang.t(S::HintKeys)
        }
    };
    dialog(
        frame,
        area,
        format!(" {} ", lang.t(S::HintTitle)),
        keys,
        doc.lines,
        w,
    );
}

/// The decision dialog: the question, who decides, the default and its deadline, the options
/// (the default marked); once Enter chose one, what it does and a request to confirm.
fn decision(
    app: &App,
    model: &Model,
    (index, selected, confirming): (usize, usize, bool),
    frame: &mut Frame,
    area: Rect,
    w: u16,
) {
    let lang = app.lang;
    let inner_w = w.saturating_sub(2) as usize;
    let team = model.team();
    let Some(d) = team
        .decisions
        .get(index.min(team.decisions.len().saturating_sub(1)))
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
    let label_of = |id: &str| {
        d.options
            .iter()
            .find(|(o, _)| o == id)
            .map(|(_, l)| l.clone())
            .unwrap_or_else(|| id.to_string())
    };
    // Who decides: the person and role tag, then the role's name.
    let owner = format!("{} — {}", model.person(&d.owner), model.role_name(&d.owner));
    doc.text(
        0,
        &lang.f(
            S::DecisionOwner,
            &[&owner, &label_of(&d.default), &d.deadline_turn],
        ),
        theme::dim(),
    );
    doc.blank();
    let selected = selected.min(d.options.len().saturating_sub(1));
    if confirming {
        let Some((opt, label)) = d.options.get(selected) else {
            return;
        };
        doc.text(0, &lang.f(S::DecisionChoosing, &[label]), theme::warn());
        let effects = model
            .decision_effects
            .get(&d.id)
            .and_then(|v| v.iter().find(|(o, _)| o == opt))
            .map(|(_, e)| e.as_slice())
            .unwrap_or(&[]);
        let labels = |id: &str| model.named(id, lang);
        let what = super::describe::effects(effects, lang, &labels, &model.score().impact_unit);
        doc.text(2, &lang.f(S::DecisionEffects, &[&what]), Style::new());
        doc.text(2, &lang.f(S::DecisionBy, &[&owner]), Style::new());
        if *opt == d.default {
            doc.text(2, lang.t(S::DecisionIsDefault), theme::dim());
        }
        doc.blank();
        doc.text(0, lang.t(S::DecisionConfirm), theme::bold());
    } else {
        for (i, (id, label)) in d.options.iter().enumerate() {
            let chosen = d.queued.as_deref() == Some(id.as_str());
            let mark = if chosen { "✓" } else { " " };
            let default = if *id == d.default {
                format!("  ({})", lang.t(S::DecisionDefault))
            } else {
                String::new()
            };
            let style = if i == selected {
                theme::selected()
            } else {
                Style::new()
            };
            doc.spans(vec![Span::styled(
                pad(
                    &format!(
                        "{}{mark} {label}{default}",
                        if i == selected { "▸" } else { " " }
                    ),
                    inner_w,
                ),
                style,
            )]);
        }
    }
    let title = format!(
        " {} ",
        lang.f(S::DecisionTitle, &[&(index + 1), &team.decisions.len()])
    );
    let keys = lang.t(if confirming {
        S::DecisionConfirmKeys
    } else {
        S::DecisionKeys
    });
    dialog(frame, area, title, keys, doc.lines, w);
}

/// The leave dialog, over any screen of a drill: suspend (resume later), end the drill (seal),
/// the hotwash first (from the console), or cancel.
pub fn leave(app: &App, d: &LeaveDialog, frame: &mut Frame, screen: Rect) {
    let lang = app.lang;
    let area = Rect {
        y: screen.y + 1,
        height: screen.height.saturating_sub(3),
        ..screen
    };
    let w = dialog_width(area);
    let inner_w = w.saturating_sub(2) as usize;
    let over = app.model.as_ref().is_some_and(|m| m.over);
    let mut doc = Doc::new(inner_w);
    for (i, c) in d.choices.iter().enumerate() {
        let (key, title, what) = match c {
            LeaveChoice::Suspend => ("s", S::LeaveSuspend, S::LeaveSuspendWhat),
            LeaveChoice::End if over => ("e", S::LeaveEndCompleted, S::LeaveEndWhat),
            LeaveChoice::End => ("e", S::LeaveEnd, S::LeaveEndWhat),
            LeaveChoice::Hotwash => ("h", S::LeaveHotwash, S::LeaveHotwashWhat),
            LeaveChoice::Cancel => ("Esc", S::LeaveCancel, S::LeaveCancelWhat),
        };
        let sel = i == d.selected;
        let style = if sel {
            theme::selected()
        } else {
            theme::bold()
        };
        doc.spans(vec![Span::styled(
            pad(
                &format!("{}{key:<4}{}", if sel { "▸ " } else { "  " }, lang.t(title)),
                inner_w,
            ),
            style,
        )]);
        doc.text(6, lang.t(what), theme::dim());
    }
    if let Some(p) = &app.journal_path {
        doc.blank();
        doc.text(0, &lang.f(S::Recording, &[&p.display()]), theme::dim());
    }
    dialog(
        frame,
        area,
        format!(" {} ", lang.t(S::LeaveTitle)),
        lang.t(S::LeaveKeys),
        doc.lines,
        w,
    );
}
