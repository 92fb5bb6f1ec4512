//! The resolution of a turn: decisions, team actions, what the attacker did, detections, what
//! changed, clocks and the turn's score lines. The team view draws the session's `TeamTurn`
//! (no rolls, nothing of undetected stages); the control view draws the engine's report with
//! every roll, chance and modifier.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::super::app::App;
use super::super::i18n::{Lang, S};
use super::super::lists::action_name;
use super::super::model::{Model, Shown};
use super::theme;
use super::util::{Doc, pct};
use crate::engine::event::{Labels, Origin, Quoted, TurnEvent};
use crate::engine::{ClockEvent, DecisionOutcome, EndingView, StepOutcome, TurnReport};
use crate::scoring::ScoreLine;
use crate::session::{ControlView, TeamTurn};

/// How the console names what the turn log refers to: an origin in words (`Isolate a host`
/// for `action:isolate-host`; none for a service or a rebuild, whose line says what it is),
/// and the ids the journal quotes (`` zone `corp` ``, `` control `mfa` ``) as their labels
/// (with the id beside them in the control view).
struct ConsoleLabels<'a>(&'a Model);

impl Labels for ConsoleLabels<'_> {
    fn names(&self) -> &dyn crate::engine::event::Names {
        &*self.0.bundle
    }

    fn origin(&self, o: Origin, lang: Lang) -> Option<String> {
        match o {
            Origin::Service | Origin::Rebuild | Origin::Unnamed => None,
            _ => Some(self.0.origin(&o.key(&self.0.bundle), lang)),
        }
    }

    fn quoted(&self, _kind: Quoted, id: &str, lang: Lang) -> String {
        self.0.named(id, lang)
    }
}

/// An engine event in words, in the console's language: `Isolate a host: X isolated`.
pub fn pretty_event(e: &TurnEvent, model: &Model, lang: Lang) -> String {
    e.text(lang, &ConsoleLabels(model))
}

/// The overlay's lines at a width, for the resolved turn at `index` (oldest first).
pub fn lines(app: &App, model: &Model, index: usize, width: usize) -> Vec<Line<'static>> {
    let mut doc = Doc::new(width);
    match &model.shown {
        Shown::Team { turns, .. } => {
            if let Some(t) = turns.get(index) {
                team_lines(app, model, t, &mut doc);
            }
        }
        Shown::Control { view, turns } => {
            if let Some(r) = turns.get(index) {
                control_lines(app, model, view, r, &mut doc);
            }
        }
    }
    doc.lines
}

fn ending(e: &Option<EndingView>, lang: Lang, doc: &mut Doc) {
    if let Some(e) = e {
        doc.text(
            0,
            &lang.f(
                S::ResEnding,
                &[&crate::scoring::reason::ending_title(e, lang)],
            ),
            theme::warn(),
        );
        if !e.text.is_empty() {
            doc.text(2, &e.text, Style::new());
        }
        doc.blank();
    }
}

fn decisions(model: &Model, decisions: &[DecisionOutcome], lang: Lang, doc: &mut Doc) {
    if decisions.is_empty() {
        return;
    }
    doc.section(lang.t(S::ResDecisions));
    for d in decisions {
        let by = if d.by == "timeout" {
            lang.t(S::ResByTimeout).to_string()
        } else {
            model.person(d.by.trim_start_matches("role:"))
        };
        let prompt = model
            .decision_prompts
            .iter()
            .find(|(id, _)| id == &d.decision)
            .map(|(_, p)| p.as_str())
            .unwrap_or(&d.decision);
        doc.text(1, &format!("⚑ {prompt} → {} — {by}", d.label), Style::new());
    }
}

/// An action's line: mark, name, target, role and result.
fn action_text(
    model: &Model,
    id: &str,
    name: &str,
    target: Option<&str>,
    role: &str,
    success: bool,
    lang: Lang,
) -> (String, Style) {
    let target = target
        .map(|t| format!(" → {}", model.target_name(t)))
        .unwrap_or_default();
    let name = model
        .action(id)
        .map(|x| action_name(x, lang).to_string())
        .unwrap_or_else(|| name.to_string());
    let (word, style) = if success {
        (lang.t(S::ResDone), theme::good())
    } else {
        (lang.t(S::ResFailed), theme::bad())
    };
    let mark = if success { "✓" } else { "✗" };
    let who = model.person(role);
    (format!("{mark} {name}{target} — {who}: {word}"), style)
}

fn outcome_word(o: StepOutcome, lang: Lang) -> (&'static str, Style) {
    match o {
        StepOutcome::Succeeded => (lang.t(S::OutSucceeded), theme::bad()),
        StepOutcome::Failed => (lang.t(S::OutFailed), theme::good()),
        StepOutcome::Blocked => (lang.t(S::OutBlocked), theme::good()),
        StepOutcome::Halted => (lang.t(S::OutHalted), theme::good()),
    }
}

/// The words and colour of a clock's event (`started`, `met`, `late`, `missed`): a report
/// delivered after its deadline is late, not missed.
fn clock_event_words(event: &str) -> (S, Style) {
    match event {
        "started" => (S::ClockEvStarted, theme::warn()),
        "met" => (S::ClockEvMet, theme::good()),
        "late" => (S::ClockEvLate, theme::warn()),
        _ => (S::ClockEvMissed, theme::bad()),
    }
}

fn clocks(model: &Model, clocks: &[ClockEvent], lang: Lang, doc: &mut Doc) {
    if clocks.is_empty() {
        return;
    }
    doc.section(lang.t(S::ResClocks));
    for c in clocks {
        let (s, style) = clock_event_words(&c.event);
        doc.text(
            1,
            &format!(
                "⏱ {}: {}",
                model.named(&c.clock, lang),
                lang.f(s, &[&c.deadline_turn])
            ),
            style,
        );
    }
}

#[allow(clippy::too_many_arguments)] // the figures of the totals line
fn score(
    model: &Model,
    lines: &[ScoreLine],
    turn_points: i32,
    total: i32,
    impact: f64,
    lang: Lang,
    doc: &mut Doc,
) {
    doc.section(lang.t(S::ResScore));
    if lines.is_empty() {
        doc.text(1, lang.t(S::ResNothing), theme::dim());
    }
    for l in lines {
        let style = if l.points < 0 {
            theme::bad()
        } else {
            theme::good()
        };
        doc.text(
            1,
            &format!(
                "#{:<3} {:+4}  {} — {}",
                l.line,
                l.points,
                model.objective_name(&l.objective, lang),
                l.reason_in(lang, &*model.bundle)
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
                &format!("{turn_points:+}"),
                &total,
                &format!("{impact:.1}"),
                &model.score().impact_unit,
            ],
        ),
        theme::bold(),
    );
}

/// The turn as the team may see it.
fn team_lines(app: &App, model: &Model, t: &TeamTurn, doc: &mut Doc) {
    let lang = app.lang;
    ending(&t.ending, lang, doc);
    decisions(model, &t.decisions, lang, doc);
    doc.section(lang.t(S::ResActions));
    if t.actions.is_empty() {
        doc.text(1, lang.t(S::ResNothing), theme::dim());
    }
    for a in &t.actions {
        let (text, style) = action_text(
            model,
            &a.action,
            &a.name,
            a.target.as_deref(),
            &a.role,
            a.success,
            lang,
        );
        doc.text(1, &text, style);
    }
    doc.section(lang.t(S::ResAttacker));
    for s in &t.attacker {
        let (word, style) = outcome_word(StepOutcome::Succeeded, lang);
        doc.text(1, &format!("{} {}: {word}", s.technique, s.title), style);
    }
    doc.text(1, lang.t(S::ResHiddenSteps), theme::dim());
    if !t.detections.is_empty() {
        doc.section(lang.t(S::ResDetected));
        for d in &t.detections {
            let text = lang.f(S::DetectedBy, &[&d.title, &model.origin(&d.by, lang)]);
            doc.text(1, &format!("◉ {text}"), theme::warn());
        }
    }
    if !t.events.is_empty() {
        doc.section(lang.t(S::ResChanged));
        for e in &t.events {
            doc.text(
                1,
                &format!("• {}", pretty_event(e, model, lang)),
                Style::new(),
            );
        }
    }
    clocks(model, &t.clocks, lang, doc);
    score(model, &t.lines, t.turn_points, t.total, t.impact, lang, doc);
}

/// The turn as it really went, with every roll.
fn control_lines(app: &App, model: &Model, view: &ControlView, r: &TurnReport, doc: &mut Doc) {
    let lang = app.lang;
    let roll = |chance: f64, roll: Option<f64>| {
        let roll = roll
            .map(|x| format!("{:.0}", x * 100.0))
            .unwrap_or_else(|| "—".into());
        format!(" [{}]", lang.f(S::ResRoll, &[&pct(chance), &roll]))
    };
    ending(&r.ending, lang, doc);
    decisions(model, &r.decisions, lang, doc);
    doc.section(lang.t(S::ResActions));
    if r.actions.is_empty() {
        doc.text(1, lang.t(S::ResNothing), theme::dim());
    }
    for a in &r.actions {
        let (mut text, style) = action_text(
            model,
            &a.action,
            &a.name,
            a.target.as_deref(),
            &a.role,
            a.success,
            lang,
        );
        if a.roll.is_some() {
            text.push_str(&roll(a.chance, a.roll));
        }
        doc.text(1, &text, style);
        for n in &a.notes {
            doc.text(4, n, theme::dim());
        }
    }
    doc.section(lang.t(S::ResAttacker));
    if r.attacker.is_empty() {
        doc.text(1, lang.t(S::ResNothing), theme::dim());
    }
    for s in &r.attacker {
        let (word, style) = outcome_word(s.outcome, lang);
        let text = format!(
            "{} {}: {word}{}",
            s.technique,
            s.title,
            roll(s.chance, s.roll)
        );
        doc.text(1, &text, style);
        let base = lang.f(S::ResBase, &[&pct(s.base)]);
        let mods: Vec<String> = s
            .modifiers
            .iter()
            .map(|(why, f)| format!("×{f} {}", why.text(lang, &model.bundle)))
            .collect();
        let line = if mods.is_empty() {
            base
        } else {
            format!("{base}; {}", mods.join("; "))
        };
        doc.text(4, &line, theme::secret());
    }
    if !r.detections.is_empty() {
        doc.section(lang.t(S::ResDetected));
        for d in &r.detections {
            let text = format!(
                "{}{}",
                lang.f(
                    S::DetectedBy,
                    &[&model.stage_title(&d.stage), &model.origin(&d.by, lang)]
                ),
                roll(d.chance, Some(d.roll))
            );
            doc.text(1, &format!("◉ {text}"), theme::warn());
        }
    }
    if !r.events.is_empty() {
        doc.section(lang.t(S::ResChanged));
        // What the team does not see is marked: effects of stages it has not detected.
        let hidden = |e: &TurnEvent| match e.origin {
            Origin::Stage(si) => {
                let id = model
                    .bundle
                    .scenario
                    .campaign
                    .get(si)
                    .map(|s| s.id.as_str());
                !e.kind.is_encryption()
                    && !view.team.stages.iter().any(|s| Some(s.id.as_str()) == id)
            }
            _ => false,
        };
        for e in &r.events {
            let style = if hidden(e) {
                theme::secret()
            } else {
                Style::new()
            };
            doc.text(1, &format!("• {}", pretty_event(e, model, lang)), style);
        }
    }
    clocks(model, &r.clocks, lang, doc);
    score(
        model,
        &r.score_lines,
        r.turn_points,
        r.total,
        r.impact_total,
        lang,
        doc,
    );
}

/// Draws the overlay over `area`.
pub fn render(app: &App, model: &Model, index: usize, scroll: u16, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    super::util::clear(frame, area);
    let turn = match &model.shown {
        Shown::Team { turns, .. } => turns.get(index).map(|t| t.turn),
        Shown::Control { turns, .. } => turns.get(index).map(|r| r.turn),
    }
    .unwrap_or(model.turn);
    let control = model.control().is_some();
    let mut title = format!(" {} ", lang.f(S::ResolutionTitle, &[&turn]));
    if control {
        title = format!("{title}· {} ", lang.t(S::ControlView));
    }
    let block = Block::bordered()
        .title(title)
        .title_bottom(Line::styled(
            format!(" {} ", lang.t(S::ResKeys)),
            theme::dim(),
        ))
        .border_style(if control {
            theme::secret()
        } else {
            theme::focused()
        });
    let inner = block.inner(area);
    let lines = lines(app, model, index, inner.width as usize);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max), 0)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_report_is_shown_late_and_only_a_missed_one_missed() {
        assert_eq!(clock_event_words("late").0, S::ClockEvLate);
        assert_eq!(clock_event_words("missed").0, S::ClockEvMissed);
        assert_eq!(clock_event_words("met").0, S::ClockEvMet);
        assert_eq!(clock_event_words("started").0, S::ClockEvStarted);
        let late = Lang::En.f(S::ClockEvLate, &[&3]);
        assert!(late.contains("LATE") && !late.contains("MISSED"), "{late}");
    }
}
