//! The score panel: total and impact, a bar per objective with its rating, a chart of the total
//! over turns, and (when there is room) the latest score lines.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use super::super::app::App;
use super::super::i18n::S;
use super::super::model::Model;
use super::theme;
use super::util::{bar, fit, pad, pct};
use crate::scoring::Rating;

fn rating_style(r: Rating) -> Style {
    match r {
        Rating::P => theme::good(),
        Rating::S => theme::good(),
        Rating::M => theme::warn(),
        Rating::U => theme::bad(),
        Rating::NotEvaluated => theme::dim(),
    }
}

fn summary_lines(app: &App, model: &Model, width: usize, focused: bool) -> Vec<Line<'static>> {
    let lang = app.lang;
    let s = model.score();
    let mut out = vec![
        Line::styled(
            fit(
                &lang.f(S::Total, &[&s.total, &s.achievable, &pct(s.share.max(0.0))]),
                width,
            ),
            theme::bold(),
        ),
        Line::raw(fit(
            &lang.f(S::Impact, &[&format!("{:.1}", s.impact), &s.impact_unit]),
            width,
        )),
    ];
    // The team's score leaves out lines that read ground truth: say so, with the number of
    // such rules (fixed for the drill, so it tells nothing of what happened).
    let withheld = model.control().map_or(model.team().withheld_rules, |_| 0);
    if withheld > 0 {
        out.push(Line::styled(
            fit(&lang.f(S::Withheld, &[&withheld]), width),
            theme::dim(),
        ));
    }
    out.push(Line::styled(
        lang.t(S::Objectives).to_string(),
        theme::section(),
    ));
    let bar_w = if width >= 60 { 16 } else { 10 };
    let tail_w = bar_w + 12;
    let title_w = width.saturating_sub(tail_w + 4);
    let selected = app.score_selected.min(s.objectives.len().saturating_sub(1));
    for (i, o) in s.objectives.iter().enumerate() {
        let letter = o.function.name().chars().next().unwrap_or('?');
        let title_style = if focused && i == selected {
            theme::selected()
        } else {
            Style::new()
        };
        out.push(Line::from(vec![
            Span::styled(format!(" {letter} "), theme::dim()),
            Span::styled(pad(&o.title, title_w), title_style),
            Span::raw(" "),
            Span::styled(bar(o.share, bar_w), rating_style(o.rating)),
            Span::raw(format!(" {:>3}/{:<3} ", o.earned, o.achievable)),
            Span::styled(
                o.rating.letter().to_string(),
                rating_style(o.rating).add_modifier(ratatui::style::Modifier::BOLD),
            ),
        ]));
    }
    // Focused, the selected objective's title is shown whole (the rows cut long titles).
    if focused && let Some(o) = s.objectives.get(selected) {
        for (k, l) in super::util::wrap(&o.title, width.saturating_sub(3))
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 { " ▸ " } else { "   " };
            out.push(Line::styled(format!("{lead}{l}"), theme::bold()));
        }
    }
    out
}

/// Draws the panel.
pub fn render(app: &App, model: &Model, frame: &mut Frame, area: Rect, focused: bool) {
    let lang = app.lang;
    let block = super::panel_block(format!(" {} ", lang.t(S::PanelScore)), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    // The tab shown on a small terminal is the focused one too.
    let selecting = app.focus == super::super::app::Panel::Score;
    let top = summary_lines(app, model, width, selecting);
    let top_h = (top.len() as u16).min(inner.height);
    let rest_h = inner.height - top_h;
    let chart_h = if rest_h >= 14 {
        rest_h / 2 + 2
    } else if rest_h >= 5 {
        rest_h
    } else {
        0
    };
    let [top_area, chart_area, lines_area] = Layout::vertical([
        Constraint::Length(top_h),
        Constraint::Length(chart_h),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(top), top_area);
    if chart_h > 0 {
        chart(app, model, frame, chart_area);
    }
    if lines_area.height > 1 {
        let mut lines = vec![Line::styled(
            lang.t(S::LastLines).to_string(),
            theme::section(),
        )];
        if model.lines().is_empty() {
            lines.push(Line::styled(
                lang.t(S::NoScoreYet).to_string(),
                theme::dim(),
            ));
        }
        let n = (lines_area.height as usize).saturating_sub(1);
        for l in model.lines().iter().rev().take(n) {
            let pts = if l.effective != l.line.points {
                format!("{:+}→{:+}", l.line.points, l.effective)
            } else {
                format!("{:+}", l.effective)
            };
            let style = if l.effective < 0 {
                theme::bad()
            } else {
                theme::good()
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!(" #{:<3} T{:<2} ", l.line.line, l.line.turn),
                    theme::dim(),
                ),
                Span::styled(format!("{pts:>6} "), style),
                Span::raw(fit(
                    &l.line.reason_in(lang, &*model.bundle),
                    width.saturating_sub(20),
                )),
            ]));
        }
        frame.render_widget(Paragraph::new(lines), lines_area);
    }
}

fn chart(app: &App, model: &Model, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let data: Vec<(f64, f64)> = model
        .score()
        .totals
        .iter()
        .map(|(t, v)| (f64::from(*t), f64::from(*v)))
        .collect();
    let lo = data.iter().map(|d| d.1).fold(0.0_f64, f64::min);
    let hi = data
        .iter()
        .map(|d| d.1)
        .fold(0.0_f64, f64::max)
        .max(model.score().achievable as f64)
        .max(1.0);
    let max_t = f64::from(model.max_turns.max(1));
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme::good())
            .data(&data),
    ];
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([0.0, max_t])
                .labels([
                    "0".to_string(),
                    format!("{} {}", lang.t(S::Turn), model.max_turns),
                ])
                .style(theme::dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels([format!("{lo:.0}"), format!("{hi:.0}")])
                .style(theme::dim()),
        )
        .legend_position(None);
    let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(lang.t(S::ScoreOverTurns), theme::section())),
        title,
    );
    frame.render_widget(chart, body);
}
