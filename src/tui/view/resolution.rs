//! The resolution of a turn: decisions, team actions, what the attacker did (rolls in the control
//! view), detections, what changed, clocks and the turn's score lines.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::super::app::App;
use super::super::i18n::{Lang, S};
use super::super::lists::action_name;
use super::super::model::Model;
use super::theme;
use super::util::{Doc, pct};
use crate::engine::{StepOutcome, TurnReport};

/// True when an event line may be shown in the team view: attacker effects on stages the team
/// does not know stay hidden, except encryption, which everyone sees.
fn visible_event(e: &str, model: &Model) -> bool {
    match e.strip_prefix("stage:") {
        Some(rest) => {
            let stage = rest.split(':').next().unwrap_or("");
            model.known_stages.contains(stage) || e.contains("encrypted")
        }
        None => true,
    }
}

/// An engine event with its origin in words: `action:isolate-host: X isolated` reads
/// `Isolate a host: X isolated`.
pub fn pretty_event(e: &str, model: &Model, lang: Lang) -> String {
    let Some((who, what)) = e.split_once(": ") else {
        return e.to_string();
    };
    let who = if let Some(id) = who.strip_prefix("action:") {
        model
            .action(id)
            .map(|a| action_name(a, lang).to_string())
            .unwrap_or_else(|| id.to_string())
    } else if let Some(id) = who.strip_prefix("stage:") {
        model.stage_title(id).to_string()
    } else if let Some(id) = who
        .strip_prefix("option:")
        .or_else(|| who.strip_prefix("inject:"))
    {
        id.to_string()
    } else if who == "service" || who == "rebuild" {
        return what.to_string();
    } else {
        who.to_string()
    };
    format!("{who}: {what}")
}

/// The overlay's lines at a width.
pub fn lines(app: &App, model: &Model, r: &TurnReport, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let control = app.control_view;
    let mut doc = Doc::new(width);
    if let Some(e) = &r.ending {
        doc.text(0, &lang.f(S::ResEnding, &[&e.title]), theme::warn());
        if !e.text.is_empty() {
            doc.text(2, &e.text, Style::new());
        }
        doc.blank();
    }
    if !r.decisions.is_empty() {
        doc.section(lang.t(S::ResDecisions));
        for d in &r.decisions {
            let by = if d.by == "timeout" {
                lang.t(S::ResByTimeout).to_string()
            } else {
                d.by.trim_start_matches("role:").to_string()
            };
            doc.text(
                1,
                &format!(
                    "⚑ {} → {} ({by})",
                    model
                        .decision_prompts
                        .iter()
                        .find(|(id, _)| id == &d.decision)
                        .map(|(_, p)| p.as_str())
                        .unwrap_or(&d.decision),
                    d.label
                ),
                Style::new(),
            );
        }
    }
    doc.section(lang.t(S::ResActions));
    if r.actions.is_empty() {
        doc.text(1, lang.t(S::ResNothing), theme::dim());
    }
    for a in &r.actions {
        let target = a
            .target
            .as_deref()
            .map(|t| format!(" → {}", model.target_name(t)))
            .unwrap_or_default();
        let name = model
            .action(&a.action)
            .map(|x| action_name(x, lang).to_string())
            .unwrap_or_else(|| a.name.clone());
        let (word, style) = if a.success {
            (lang.t(S::ResDone), theme::good())
        } else {
            (lang.t(S::ResFailed), theme::bad())
        };
        let mut text = format!(
            "{} {}{target} ({}): {word}",
            if a.success { "✓" } else { "✗" },
            name,
            a.role
        );
        if control && let Some(roll) = a.roll {
            text.push_str(&format!(
                " [{}]",
                lang.f(
                    S::ResRoll,
                    &[&pct(a.chance), &format!("{:.0}", roll * 100.0)]
                )
            ));
        }
        doc.text(1, &text, style);
        for n in &a.notes {
            doc.text(4, n, theme::dim());
        }
    }
    doc.section(lang.t(S::ResAttacker));
    let mut hidden = 0;
    let mut shown = 0;
    for s in &r.attacker {
        let known = model.known_stages.contains(&s.stage);
        if !(control || known && s.outcome == StepOutcome::Succeeded) {
            hidden += 1;
            continue;
        }
        shown += 1;
        let (word, style) = match s.outcome {
            StepOutcome::Succeeded => (lang.t(S::OutSucceeded), theme::bad()),
            StepOutcome::Failed => (lang.t(S::OutFailed), theme::good()),
            StepOutcome::Blocked => (lang.t(S::OutBlocked), theme::good()),
            StepOutcome::Halted => (lang.t(S::OutHalted), theme::good()),
        };
        let mut text = format!("{} {}: {word}", s.technique, s.title);
        if control {
            let roll = s
                .roll
                .map(|x| format!("{:.0}", x * 100.0))
                .unwrap_or_else(|| "—".into());
            text.push_str(&format!(
                " [{}]",
                lang.f(S::ResRoll, &[&pct(s.chance), &roll])
            ));
        }
        doc.text(1, &text, style);
        if control {
            let base = format!("base {}", pct(s.base));
            let mods: Vec<String> = s
                .modifiers
                .iter()
                .map(|(why, f)| format!("×{f} {why}"))
                .collect();
            let line = if mods.is_empty() {
                base
            } else {
                format!("{base}; {}", mods.join("; "))
            };
            doc.text(4, &line, theme::secret());
        }
    }
    if shown == 0 && hidden == 0 {
        doc.text(1, lang.t(S::ResNothing), theme::dim());
    }
    if hidden > 0 && !control {
        doc.text(1, &lang.f(S::ResHiddenSteps, &[&hidden]), theme::dim());
    }
    if !r.detections.is_empty() {
        doc.section(lang.t(S::ResDetected));
        for d in &r.detections {
            let mut text = lang.f(S::DetectedBy, &[&model.stage_title(&d.stage), &d.by]);
            if control {
                text.push_str(&format!(
                    " [{}]",
                    lang.f(
                        S::ResRoll,
                        &[&pct(d.chance), &format!("{:.0}", d.roll * 100.0)]
                    )
                ));
            }
            doc.text(1, &format!("◉ {text}"), theme::warn());
        }
    }
    let events: Vec<&String> = r
        .events
        .iter()
        .filter(|e| control || visible_event(e, model))
        .collect();
    if !events.is_empty() {
        doc.section(lang.t(S::ResChanged));
        for e in events {
            let style = if e.starts_with("stage:") && !visible_event(e, model) {
                theme::secret()
            } else {
                Style::new()
            };
            doc.text(1, &format!("• {}", pretty_event(e, model, lang)), style);
        }
    }
    if !r.clocks.is_empty() {
        doc.section(lang.t(S::ResClocks));
        for c in &r.clocks {
            let (s, style) = match c.event.as_str() {
                "started" => (S::ClockEvStarted, theme::warn()),
                "met" => (S::ClockEvMet, theme::good()),
                _ => (S::ClockEvMissed, theme::bad()),
            };
            doc.text(
                1,
                &format!("⏱ {}: {}", c.clock, lang.f(s, &[&c.deadline_turn])),
                style,
            );
        }
    }
    doc.section(lang.t(S::ResScore));
    if r.score_lines.is_empty() {
        doc.text(1, lang.t(S::ResNothing), theme::dim());
    }
    for l in &r.score_lines {
        let style = if l.points < 0 {
            theme::bad()
        } else {
            theme::good()
        };
        doc.text(
            1,
            &format!(
                "#{:<3} {:+4}  {} — {}",
                l.line, l.points, l.objective, l.reason
            ),
            style,
        );
    }
    doc.blank();
    doc.text(
        0,
        &lang.f(
            S::ResTotals,
            &[
                &format!("{:+}", r.turn_points),
                &r.total,
                &format!("{:.1}", r.impact_total),
                &model.summary.impact_unit,
            ],
        ),
        theme::bold(),
    );
    doc.lines
}

/// Draws the overlay over `area`.
pub fn render(
    app: &App,
    model: &Model,
    r: &TurnReport,
    scroll: u16,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = app.lang;
    frame.render_widget(Clear, area);
    let mut title = format!(" {} ", lang.f(S::ResolutionTitle, &[&r.turn]));
    if app.control_view {
        title = format!("{title}· {} ", lang.t(S::ControlView));
    }
    let block = Block::bordered()
        .title(title)
        .title_bottom(Line::styled(
            format!(" {} ", lang.t(S::ResKeys)),
            theme::dim(),
        ))
        .border_style(if app.control_view {
            theme::secret()
        } else {
            theme::focused()
        });
    let inner = block.inner(area);
    let lines = lines(app, model, r, inner.width as usize);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max), 0)),
        area,
    );
}
