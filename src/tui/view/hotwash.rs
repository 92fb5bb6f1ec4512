//! The hotwash screen: the result, then strengths, areas for improvement, the improvement plan,
//! the executive sign-off, and the seal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::super::app::{App, StatusKind};
use super::super::earlier::{EarlierState, MarkField};
use super::super::hotwash::{AreaField, HotwashState, HwSection, ItemField, SignoffField};
use super::super::i18n::{Lang, S};
use super::super::text_input::TextInput;
use super::theme;
use super::util::{Doc, centered, fit, pad, pct, width};

fn section_name(s: HwSection) -> S {
    match s {
        HwSection::Ratings => S::HwRatings,
        HwSection::Strengths => S::HwStrengths,
        HwSection::Areas => S::HwAreas,
        HwSection::Items => S::HwItems,
        HwSection::Earlier => S::HwEarlier,
        HwSection::Signoff => S::HwSignoff,
        HwSection::Seal => S::HwSeal,
    }
}

/// Draws the screen.
pub fn render(app: &App, h: &HotwashState, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let title = match &app.model {
        Some(m) => format!(" {} · {} ", lang.t(S::HotwashTitle), m.scenario_title),
        None => format!(" {} ", lang.t(S::HotwashTitle)),
    };
    let block = Block::bordered()
        .title(Line::styled(
            fit(&title, area.width.saturating_sub(4) as usize),
            theme::section(),
        ))
        .title_bottom(Line::styled(
            match h.section {
                // The earlier drills' items: the keys of the key table for that section.
                HwSection::Earlier => format!(
                    " {} ",
                    super::super::keys::earlier_bar(lang, area.width.saturating_sub(4) as usize)
                ),
                _ => format!(" {} ", lang.t(S::HwKeys)),
            },
            theme::dim(),
        ))
        .border_style(theme::focused());
    let inner = block.inner(main);
    frame.render_widget(block, main);
    let w = inner.width as usize;

    // Result.
    let mut top: Vec<Line> = Vec::new();
    if let Some(m) = &app.model {
        let ended = match &m.team().ending {
            Some(e) => lang.f(
                S::HwEnded,
                &[&format!(
                    "{} (T{})",
                    crate::scoring::reason::ending_title(e, lang),
                    e.turn
                )],
            ),
            None => lang.f(S::HwStopped, &[&m.turn]),
        };
        top.push(Line::styled(fit(&ended, w), theme::bold()));
        // The debrief tells everything: the score of every line and the true impact.
        let s = m.score();
        top.push(Line::raw(fit(
            &lang.f(
                S::HwResult,
                &[
                    &s.total,
                    &s.achievable,
                    &pct(s.share.max(0.0)),
                    &format!("{:.1}", s.impact),
                    &s.impact_unit,
                ],
            ),
            w,
        )));
        // How many of each rating; every objective is listed whole in the Ratings section.
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for o in &s.objectives {
            let l = o.rating.letter();
            match counts.iter_mut().find(|(x, _)| *x == l) {
                Some((_, n)) => *n += 1,
                None => counts.push((l, 1)),
            }
        }
        let counts: Vec<String> = counts.iter().map(|(l, n)| format!("{l} {n}")).collect();
        top.push(Line::styled(
            fit(
                &lang.f(
                    S::HwRatingsCount,
                    &[&counts.join(" · "), &lang.t(S::HwRatings)],
                ),
                w,
            ),
            theme::dim(),
        ));
    }
    let top_h = top.len() as u16;
    let [top_area, body] =
        Layout::vertical([Constraint::Length(top_h + 1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(Paragraph::new(top), top_area);

    let sections = h.sections();
    let menu_w = sections
        .iter()
        // Room for the name and its count: ` (3)`, or ` (1/2)` for the earlier items.
        .map(|s| width(lang.t(section_name(*s))) + if *s == HwSection::Earlier { 10 } else { 8 })
        .max()
        .unwrap_or(20)
        .min(w * 2 / 5) as u16;
    let [menu, pane] =
        Layout::horizontal([Constraint::Length(menu_w), Constraint::Fill(1)]).areas(body);
    let menu_lines: Vec<Line> = sections
        .iter()
        .map(|s| {
            let count = match s {
                HwSection::Ratings => app
                    .model
                    .as_ref()
                    .map(|m| format!(" ({})", m.score().objectives.len()))
                    .unwrap_or_default(),
                HwSection::Strengths => format!(" ({})", h.strengths.len()),
                HwSection::Areas => format!(" ({})", h.areas.len()),
                HwSection::Items => format!(" ({})", h.items.len()),
                HwSection::Earlier => h
                    .earlier
                    .as_ref()
                    .map(|e| format!(" ({}/{})", e.marked(), e.items.len()))
                    .unwrap_or_default(),
                HwSection::Signoff => {
                    if h.signoff.is_some() {
                        " ✓".into()
                    } else {
                        " —".into()
                    }
                }
                HwSection::Seal => String::new(),
            };
            let focused = *s == h.section;
            let text = format!(
                "{}{}{count}",
                if focused { "▸ " } else { "  " },
                lang.t(section_name(*s))
            );
            let style = if focused {
                theme::selected()
            } else {
                Style::new()
            };
            Line::styled(pad(&text, menu_w as usize - 1), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(menu_lines), menu);
    let pane_block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme::border());
    let pane_inner = pane_block.inner(pane);
    frame.render_widget(pane_block, pane);
    let pw = pane_inner.width.saturating_sub(1) as usize;
    let pane_inner = Rect {
        x: pane_inner.x + 1,
        width: pane_inner.width.saturating_sub(1),
        ..pane_inner
    };

    let mut doc = Doc::new(pw);
    doc.section(lang.t(section_name(h.section)));
    // The form of the section: (label, typed input or the choice shown, focused).
    let mut fields: Vec<Field> = Vec::new();
    let mut free: Option<&TextInput> = None;
    let none = lang.t(S::NoneWord).to_string();
    // A recorded entry: selected (▸, to edit or remove), being edited, or plain.
    let mut sel_line: Option<usize> = None;
    let mut entry = |doc: &mut Doc, i: usize, text: String| {
        if h.selected == Some(i) {
            sel_line = Some(doc.lines.len());
        }
        let (mark, style) = if h.editing == Some(i) {
            ("✎", theme::warn())
        } else if h.selected == Some(i) {
            ("▸", theme::selected())
        } else {
            ("•", Style::new())
        };
        doc.text(1, &format!("{mark} {text}"), style);
    };
    let mut scroll_to: Option<u16> = None;
    match h.section {
        HwSection::Ratings => {
            if let Some(m) = &app.model {
                for o in &m.score().objectives {
                    doc.text(
                        1,
                        &format!(
                            "{:<5} {:>3}/{:<3} {}",
                            format!("[{}]", o.rating.letter()),
                            o.earned,
                            o.achievable,
                            o.title
                        ),
                        Style::new(),
                    );
                }
            }
            doc.blank();
            doc.text(0, lang.t(S::HwRatingsHelp), theme::dim());
            scroll_to = Some(h.ratings_scroll);
        }
        HwSection::Strengths => {
            for (i, s) in h.strengths.iter().enumerate() {
                entry(&mut doc, i, s.clone());
            }
            free = Some(&h.input);
        }
        HwSection::Areas => {
            for (i, a) in h.areas.iter().enumerate() {
                entry(&mut doc, i, format!("{} {}", a.id, a.text));
            }
            let focus = h.area.focused();
            for (f, s) in AreaField::ALL.into_iter().zip([
                S::HwAreaText,
                S::HwAreaObservation,
                S::HwAreaAnalysis,
                S::HwAreaRecommendation,
                S::HwAreaReference,
            ]) {
                let i = h.area.input(f);
                fields.push((s, Some(i), i.value().to_string(), f == focus));
            }
        }
        HwSection::Items => {
            for (k, i) in h.items.iter().enumerate() {
                let obj = i
                    .objective
                    .as_deref()
                    .and_then(|o| h.objectives.iter().find(|x| x.id == o))
                    .map(|o| format!(" [{}]", o.title))
                    .unwrap_or_default();
                entry(
                    &mut doc,
                    k,
                    format!("{} {}{obj} — {} · {}", i.id, i.action, i.owner, i.due),
                );
            }
            let focus = h.item.focused();
            let choice = |v: String| format!("◂ {v} ▸");
            for f in ItemField::ALL {
                let (s, shown) = match f {
                    ItemField::Action => (S::HwItemAction, None),
                    ItemField::Objective => (
                        S::HwItemObjective,
                        Some(choice(
                            h.item_objective()
                                .map(|o| o.title.clone())
                                .unwrap_or_else(|| none.clone()),
                        )),
                    ),
                    ItemField::Area => (
                        S::HwItemArea,
                        Some(choice(
                            h.item_area()
                                .map(|a| format!("{} {}", a.id, a.text))
                                .unwrap_or_else(|| none.clone()),
                        )),
                    ),
                    ItemField::Capability => (S::HwItemCapability, None),
                    ItemField::Element => (
                        S::HwItemElement,
                        Some(choice(
                            h.item
                                .element()
                                .map(|e| match lang {
                                    Lang::Ja => e.name_ja().to_string(),
                                    Lang::En => e.name().to_string(),
                                })
                                .unwrap_or_else(|| none.clone()),
                        )),
                    ),
                    ItemField::Organisation => (S::HwItemOrganisation, None),
                    ItemField::Owner => (S::HwItemOwner, None),
                    ItemField::Status => {
                        let st = h.item.status();
                        (
                            S::HwItemStatus,
                            Some(choice(match lang {
                                Lang::Ja => st.name_ja().to_string(),
                                Lang::En => st.name().to_string(),
                            })),
                        )
                    }
                    ItemField::Start => (S::HwItemStart, None),
                    ItemField::Due => (S::HwItemDue, None),
                };
                let input = h.item.input(f);
                let value = shown
                    .unwrap_or_else(|| input.map(|i| i.value().to_string()).unwrap_or_default());
                fields.push((s, input, value, f == focus));
            }
        }
        HwSection::Earlier => {
            if let Some(e) = &h.earlier {
                earlier(&mut doc, h, e, lang, &mut entry, &mut fields);
            }
        }
        HwSection::Signoff => match &h.signoff {
            Some(so) => {
                let who = if so.role.is_empty() {
                    so.name.clone()
                } else {
                    format!("{} ({})", so.name, so.role)
                };
                doc.text(2, &lang.f(S::HwSignedBy, &[&who]), theme::good());
                doc.text(2, &so.statement, Style::new());
                doc.text(2, &so.time, theme::dim());
            }
            None => {
                for (f, s, i) in [
                    (SignoffField::Name, S::HwSignoffName, &h.signoff_name),
                    (SignoffField::Role, S::HwSignoffRole, &h.signoff_role),
                    (
                        SignoffField::Statement,
                        S::HwSignoffStatement,
                        &h.signoff_statement,
                    ),
                ] {
                    fields.push((s, Some(i), i.value().to_string(), f == h.signoff_field));
                }
            }
        },
        HwSection::Seal => {
            if h.signoff.is_none() {
                doc.text(0, lang.t(S::HwNoSignoffYet), theme::warn());
            }
            doc.text(0, lang.t(S::HwSealHelp), theme::bold());
            if let Some(p) = &app.journal_path {
                doc.text(0, &lang.f(S::Recording, &[&p.display()]), theme::dim());
            }
        }
    }
    // The earlier drills' items say their keys in the key bar.
    if h.entries() > 0 && h.section != HwSection::Earlier {
        doc.text(0, lang.t(S::HwEntriesHelp), theme::dim());
    }
    if let Some(l) = sel_line
        && h.editing.is_none()
        && h.removing.is_none()
    {
        scroll_to = Some(l.saturating_sub(1) as u16);
    }
    if let Some(i) = h.editing {
        let id = match h.section {
            HwSection::Areas => h.areas.get(i).map(|a| a.id.clone()),
            HwSection::Items => h.items.get(i).map(|x| x.id.clone()),
            _ => None,
        }
        .unwrap_or_else(|| format!("#{}", i + 1));
        doc.text(0, &lang.f(S::HwEditingTag, &[&id]), theme::warn());
    }
    doc.blank();
    let mut cursor = None;
    if let (Some(reason), Some(i)) = (&h.removing, h.selected) {
        let what = match h.section {
            HwSection::Strengths => h.strengths.get(i).cloned(),
            HwSection::Areas => h.areas.get(i).map(|a| a.id.clone()),
            HwSection::Items => h.items.get(i).map(|x| x.id.clone()),
            _ => None,
        }
        .unwrap_or_default();
        doc.text(0, &lang.f(S::HwRemoveAsk, &[&what]), theme::warn());
        let (shown, col) = super::util::input_view(reason, pw.saturating_sub(2));
        cursor = Some((doc.lines.len() as u16, 2 + col));
        doc.spans(vec![
            Span::styled("› ", theme::key()),
            Span::styled(shown, theme::bold()),
        ]);
        doc.text(0, lang.t(S::HwRemoveKeys), theme::dim());
        free = None;
        fields.clear();
    }
    if let Some(input) = free {
        let (shown, col) = super::util::input_view(input, pw.saturating_sub(2));
        cursor = Some((doc.lines.len() as u16, 2 + col));
        let (text, style) = if input.value().is_empty() {
            (lang.t(S::HwInputText).to_string(), theme::dim())
        } else {
            (shown, theme::bold())
        };
        doc.spans(vec![
            Span::styled("› ", theme::key()),
            Span::styled(fit(&text, pw.saturating_sub(2)), style),
        ]);
    }
    let label_w = fields
        .iter()
        .map(|(s, ..)| width(lang.t(*s)))
        .max()
        .unwrap_or(10)
        + 3;
    let label_w = label_w.min(pw / 2);
    for (s, input, value, active) in &fields {
        let style = if *active { theme::key() } else { theme::dim() };
        let value = match input {
            Some(i) if i.value() == value.as_str() => {
                let (shown, col) = super::util::input_view(i, pw.saturating_sub(label_w));
                if *active {
                    cursor = Some((doc.lines.len() as u16, label_w + col));
                }
                shown
            }
            _ => value.clone(),
        };
        doc.spans(vec![
            Span::styled(
                pad(&fit(&format!("{} ", lang.t(*s)), label_w), label_w),
                style,
            ),
            Span::styled(
                fit(&value, pw.saturating_sub(label_w)),
                if *active { theme::bold() } else { Style::new() },
            ),
        ]);
    }
    if !fields.is_empty() {
        let help = match h.section {
            HwSection::Earlier => S::HwEarlierFormHelp,
            _ => S::HwFormHelp,
        };
        doc.text(0, lang.t(help), theme::dim());
    }
    let n = doc.lines.len() as u16;
    let scroll = match scroll_to {
        Some(s) => s.min(n.saturating_sub(pane_inner.height)),
        None => n.saturating_sub(pane_inner.height),
    };
    frame.render_widget(Paragraph::new(doc.lines).scroll((scroll, 0)), pane_inner);
    if let Some((row, col)) = cursor
        && row >= scroll
        && row - scroll < pane_inner.height
    {
        frame.set_cursor_position(Position::new(
            pane_inner.x + col as u16,
            pane_inner.y + row - scroll,
        ));
    }

    if let Some(s) = &app.status {
        let style = match s.kind {
            StatusKind::Info => theme::good(),
            StatusKind::Error => theme::bad(),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit(&format!(" {}", s.text), area.width as usize),
                style,
            )),
            status,
        );
    }

    if h.leaving {
        let body = format!("{}  {}", lang.t(S::HwLeaveTitle), lang.t(S::HwLeaveKeys));
        let rect = centered(main, (width(&body) + 4) as u16, 3);
        super::util::clear(frame, rect);
        frame.render_widget(
            Paragraph::new(Line::styled(body, theme::bold()))
                .block(Block::bordered().border_style(theme::warn())),
            rect,
        );
    }
}

/// A form field: its label, the typed input (or none for a ←→ choice), the value shown, and
/// whether it has focus.
type Field<'a> = (S, Option<&'a TextInput>, String, bool);

/// The earlier drills' open items, each with its drill, owner, due date (overdue flagged),
/// where it stands and the mark recorded in this hotwash; then the form of the selected one.
fn earlier<'a>(
    doc: &mut Doc,
    h: &HotwashState,
    e: &'a EarlierState,
    lang: Lang,
    entry: &mut impl FnMut(&mut Doc, usize, String),
    fields: &mut Vec<Field<'a>>,
) {
    let name = |st: crate::scenario::script::ItemStatus| match lang {
        Lang::Ja => st.name_ja(),
        Lang::En => st.name(),
    };
    if e.items.is_empty() {
        doc.text(1, lang.t(S::HwEarlierNone), theme::dim());
        return;
    }
    for (i, it) in e.items.iter().enumerate() {
        entry(doc, i, format!("{} {}", it.id, it.action));
        doc.text(
            4,
            &lang.f(
                S::HwEarlierLine,
                &[&it.drill, &it.drill_date, &it.owner, &it.due],
            ),
            theme::dim(),
        );
        let mut spans: Vec<Span<'static>> = vec![Span::raw("    ")];
        if it.overdue {
            spans.push(Span::styled(lang.t(S::HwEarlierOverdue), theme::bad()));
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(name(it.status), theme::warn()));
        doc.spans(spans);
        if let Some(m) = e.marks.get(i).and_then(Option::as_ref) {
            doc.text(
                4,
                &format!("→ {}: {}", name(m.update.status), m.update.note),
                theme::good(),
            );
        }
    }
    let Some(it) = h.selected.and_then(|i| e.items.get(i)) else {
        doc.text(0, lang.t(S::HwEarlierSelect), theme::dim());
        return;
    };
    doc.blank();
    doc.text(
        0,
        &lang.f(S::HwEarlierMarking, &[&it.id, &it.drill]),
        theme::bold(),
    );
    fields.push((
        S::HwEarlierStatus,
        None,
        format!("◂ {} ▸", name(e.status())),
        e.field == MarkField::Status,
    ));
    fields.push((
        S::HwEarlierNote,
        Some(&e.note),
        e.note.value().to_string(),
        e.field == MarkField::Note,
    ));
}
