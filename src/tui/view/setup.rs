//! The setup screen: scenario, title, facilitator, participants and roles, language, seed, journal.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::App;
use super::super::i18n::S;
use super::super::setup::{SetupField, SetupState};
use super::super::text_input::TextInput;
use super::theme;
use super::util::{fit, width, wrap};

/// Draws the screen.
pub fn render(app: &App, s: &SetupState, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let block = Block::bordered()
        .title(Line::styled(
            format!(" kunren · {} ", lang.t(S::SetupTitle)),
            theme::section(),
        ))
        .title_bottom(Line::styled(
            format!(" {} ", lang.t(S::SetupKeys)),
            theme::dim(),
        ))
        .border_style(theme::focused());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let labels = [
        S::SetupSector,
        S::SetupScenario,
        S::SetupPath,
        S::SetupOrg,
        S::SetupDrillTitle,
        S::SetupFacilitator,
        S::SetupParticipants,
        S::SetupLanguage,
        S::SetupSeed,
        S::SetupJournal,
    ];
    let label_w = labels.iter().map(|l| width(lang.t(*l))).max().unwrap_or(10) + 3;
    let value_w = (inner.width as usize).saturating_sub(label_w + 1);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor: Option<(u16, usize)> = None;
    let label = |field: Option<SetupField>, s_: S| -> Span<'static> {
        let focused = field.is_some() && field == Some(s.focus);
        let marker = if focused { "▸ " } else { "  " };
        let style = if focused { theme::key() } else { theme::dim() };
        Span::styled(
            super::util::pad(&format!("{marker}{}", lang.t(s_)), label_w),
            style,
        )
    };
    let text_row = |lines: &mut Vec<Line<'static>>,
                    cursor: &mut Option<(u16, usize)>,
                    field: SetupField,
                    s_: S,
                    input: &TextInput,
                    placeholder: &str| {
        let focused = s.focus == field;
        let (shown, col) = super::util::input_view(input, value_w);
        let (text, style) = if input.value().is_empty() {
            (placeholder.to_string(), theme::dim())
        } else {
            (shown, Style::new())
        };
        if focused {
            *cursor = Some((lines.len() as u16, col.min(value_w.saturating_sub(1))));
        }
        lines.push(Line::from(vec![
            label(Some(field), s_),
            Span::styled(fit(&text, value_w), style),
        ]));
    };

    // Scenario selector.
    let (title, path) = match s.choices.get(s.choice) {
        Some(c) => (
            if c.title.is_empty() {
                c.path.clone()
            } else {
                c.title.clone()
            },
            c.path.clone(),
        ),
        None => (
            lang.t(S::SetupOther).to_string(),
            s.path.value().to_string(),
        ),
    };
    let sector = if s.other() {
        lang.t(S::SetupOther).to_string()
    } else {
        format!(
            "{} ({})",
            crate::scenario::sector::sector_name(s.sector(), lang.tag()),
            s.sector_count()
        )
    };
    lines.push(Line::from(vec![
        label(Some(SetupField::Sector), S::SetupSector),
        Span::styled(fit(&format!("◂ {sector} ▸"), value_w), theme::bold()),
    ]));
    lines.push(Line::from(vec![
        label(Some(SetupField::Scenario), S::SetupScenario),
        Span::styled(fit(&format!("◂ {title} ▸"), value_w), theme::bold()),
    ]));
    if s.other() {
        text_row(
            &mut lines,
            &mut cursor,
            SetupField::Path,
            S::SetupPath,
            &s.path,
            "scenarios/….ron",
        );
    }
    // The scenario's summary: two lines on a small terminal, more when there is room.
    let summary_rows = if inner.height >= 30 { 6 } else { 2 };
    let pad_label = " ".repeat(label_w);
    match (&s.bundle, &s.load_error) {
        (Some(b), _) => {
            let info = format!(
                "{} · {}",
                path,
                lang.f(
                    S::SetupTurns,
                    &[
                        &b.scenario.max_turns,
                        &b.scenario.turn_minutes,
                        &b.scenario.language
                    ]
                )
            );
            lines.push(Line::from(vec![
                Span::raw(pad_label.clone()),
                Span::styled(fit(&info, value_w), theme::dim()),
            ]));
            if !b.scenario.summary.is_empty() {
                for l in wrap(&b.scenario.summary, value_w)
                    .into_iter()
                    .take(summary_rows)
                {
                    lines.push(Line::from(vec![
                        Span::raw(pad_label.clone()),
                        Span::styled(l, theme::dim()),
                    ]));
                }
            }
            lines.push(Line::from(vec![
                label(None, S::SetupOrg),
                Span::raw(fit(
                    &format!("{} ({})", b.org.name, b.org_source.path),
                    value_w,
                )),
            ]));
        }
        (None, Some(e)) => {
            for l in wrap(&format!("✗ {e}"), value_w).into_iter().take(3) {
                lines.push(Line::from(vec![
                    Span::raw(pad_label.clone()),
                    Span::styled(l, theme::bad()),
                ]));
            }
        }
        (None, None) => {}
    }
    let default_title = s
        .bundle
        .as_ref()
        .map(|b| b.scenario.title.clone())
        .unwrap_or_else(|| lang.t(S::SetupDefaultTitle).to_string());
    text_row(
        &mut lines,
        &mut cursor,
        SetupField::Title,
        S::SetupDrillTitle,
        &s.title,
        &default_title,
    );
    text_row(
        &mut lines,
        &mut cursor,
        SetupField::Facilitator,
        S::SetupFacilitator,
        &s.facilitator,
        "",
    );
    text_row(
        &mut lines,
        &mut cursor,
        SetupField::Participants,
        S::SetupParticipants,
        &s.participants,
        lang.t(S::SetupParticipantsExample),
    );
    let roles = s.roles();
    if !roles.is_empty() {
        let long = roles
            .iter()
            .map(|(id, name)| format!("{id} ({name})"))
            .collect::<Vec<_>>()
            .join(", ");
        // Role names help, but the ids are what is typed: fall back to ids when names need
        // more than two lines.
        let list = if wrap(&lang.f(S::SetupParticipantsHint, &[&long]), value_w).len() <= 2 {
            long
        } else {
            roles
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        for l in wrap(&lang.f(S::SetupParticipantsHint, &[&list]), value_w)
            .into_iter()
            .take(3)
        {
            lines.push(Line::from(vec![
                Span::raw(pad_label.clone()),
                Span::styled(l, theme::dim()),
            ]));
        }
    }
    lines.push(Line::from(vec![
        label(Some(SetupField::Language), S::SetupLanguage),
        Span::styled(format!("◂ {} ▸", s.lang.name()), theme::bold()),
    ]));
    text_row(
        &mut lines,
        &mut cursor,
        SetupField::Seed,
        S::SetupSeed,
        &s.seed,
        "",
    );
    text_row(
        &mut lines,
        &mut cursor,
        SetupField::Journal,
        S::SetupJournal,
        &s.journal,
        lang.t(S::SetupJournalAuto),
    );
    lines.push(Line::default());
    for w in s.warnings() {
        for l in wrap(&format!("⚠ {w}"), inner.width as usize) {
            lines.push(Line::styled(l, theme::warn()));
        }
    }
    // `--register DIR`: the register read, and the items of earlier drills the hotwash marks.
    if let Some(e) = &s.earlier {
        let previous = s
            .previous_drill
            .clone()
            .unwrap_or_else(|| lang.t(S::NoneWord).to_string());
        let text = lang.f(
            S::SetupRegister,
            &[&e.dir, &e.drills, &previous, &e.items.len(), &e.overdue()],
        );
        let style = if e.overdue() > 0 {
            theme::warn()
        } else {
            theme::dim()
        };
        for l in wrap(&format!("• {text}"), inner.width as usize) {
            lines.push(Line::styled(l, style));
        }
        if e.problems > 0 {
            let text = lang.f(S::SetupRegisterProblems, &[&e.problems, &e.dir]);
            for l in wrap(&format!("⚠ {text}"), inner.width as usize) {
                lines.push(Line::styled(l, theme::warn()));
            }
        }
    }
    if let Some(p) = &s.problem {
        for l in wrap(&format!("✗ {p}"), inner.width as usize) {
            lines.push(Line::styled(l, theme::bad()));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((row, col)) = cursor
        && row < inner.height
    {
        frame.set_cursor_position(Position::new(
            inner.x + (label_w + col) as u16,
            inner.y + row,
        ));
    }
}
