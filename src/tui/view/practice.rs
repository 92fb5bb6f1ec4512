//! The end of a practice drill: every step of the model answer, who did it and when (the
//! players, or the reference response playing the other roles), with the report's verdict.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::super::app::{App, PracticeEnd};
use super::super::i18n::S;
use super::super::lists::action_name;
use super::super::model::role_tag;
use super::theme;
use super::util::{Doc, fit};
use crate::report::model::StepVerdict;

/// The screen's lines at a width.
pub fn lines(app: &App, end: &PracticeEnd, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let t = lang.report();
    let mut doc = Doc::new(width);
    let Some(model) = &app.model else {
        return doc.lines;
    };
    let roles = app
        .practice
        .as_ref()
        .map(|p| p.practice.roles.iter().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    let plays = |r: &str| roles.iter().any(|x| x == r);
    if let Some(e) = &model.team().ending {
        doc.text(
            0,
            &lang.f(
                S::HwEnded,
                &[&crate::scoring::reason::ending_title(e, lang)],
            ),
            theme::bold(),
        );
    }
    doc.text(
        0,
        &lang.f(S::PracticeScore, &[&end.score.0, &end.score.1]),
        theme::bold(),
    );
    let who: Vec<String> = roles.iter().map(|r| model.person(r)).collect();
    doc.text(0, &lang.f(S::PracticeYou, &[&who.join(", ")]), theme::dim());
    let hints = app.practice.as_ref().map_or(0, |p| p.hints);
    doc.text(0, &lang.f(S::PracticeHints, &[&hints]), theme::dim());
    if let Some(p) = &end.problem {
        doc.blank();
        doc.text(0, p, theme::bad());
        return doc.lines;
    }
    doc.blank();
    doc.section(lang.t(S::PracticeSteps));
    let yours = end.steps.iter().filter(|s| plays(&s.role)).count();
    let yours_on_time = end
        .steps
        .iter()
        .filter(|s| plays(&s.role) && s.verdict == StepVerdict::OnTime)
        .count();
    doc.text(
        1,
        &lang.f(S::PracticeYours, &[&yours_on_time, &yours]),
        theme::dim(),
    );
    for (k, s) in end.steps.iter().enumerate() {
        let what = match (&s.action, &s.choose) {
            (Some(a), _) => model
                .action(a)
                .map(|x| action_name(x, lang).to_string())
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
        let (word, style) = match s.verdict {
            StepVerdict::OnTime => (t.step_on_time, theme::good()),
            StepVerdict::Late => (t.step_late, theme::warn()),
            StepVerdict::Missed => (t.step_missed, theme::bad()),
            StepVerdict::NotApplicable => (t.step_not_applicable, theme::dim()),
            StepVerdict::Defaulted => (t.step_defaulted, theme::warn()),
            StepVerdict::DoneUntimed => (t.step_done_untimed, theme::good()),
            StepVerdict::Undetermined => (t.step_undetermined, theme::dim()),
        };
        let mine = plays(&s.role);
        let mark = if mine { "▸" } else { " " };
        doc.text(
            0,
            &format!("{mark}{:>2}. {} {what}{target}", k + 1, role_tag(&s.role)),
            if mine { theme::bold() } else { Style::new() },
        );
        let due = s
            .due_turn
            .map(|d| lang.f(S::PracticeDue, &[&d]))
            .unwrap_or_default();
        let done = match &s.done {
            Some((turn, by, _)) if plays(by) => {
                lang.f(S::PracticeDoneBy, &[turn, &model.person(by)])
            }
            Some((turn, _, _)) => lang.f(S::PracticeDoneByModel, &[turn]),
            None => lang.t(S::PracticeNotDone).to_string(),
        };
        doc.text(5, &format!("{word} · {due} {done}"), style);
    }
    if !end.extra.is_empty() {
        doc.blank();
        doc.section(lang.t(S::PracticeExtra));
        for (turn, role, name) in &end.extra {
            doc.text(
                1,
                &format!("T{turn} {name} — {}", model.person(role)),
                Style::new(),
            );
        }
    }
    doc.lines
}

/// Draws the screen.
pub fn render(app: &App, end: &PracticeEnd, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let title = match &app.model {
        Some(m) => format!(" {} · {} ", lang.t(S::PracticeTitle), m.scenario_title),
        None => format!(" {} ", lang.t(S::PracticeTitle)),
    };
    let block = Block::bordered()
        .title(Line::styled(
            fit(&title, area.width.saturating_sub(4) as usize),
            theme::section(),
        ))
        .title_bottom(Line::styled(
            format!(" {} ", lang.t(S::PracticeKeys)),
            theme::dim(),
        ))
        .border_style(theme::focused());
    let inner = block.inner(main);
    let lines = lines(app, end, inner.width as usize);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((end.scroll.min(max), 0)),
        main,
    );
    if let Some(s) = &app.status {
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit(&format!(" {}", s.text), area.width as usize),
                theme::good(),
            )),
            status,
        );
    }
}
