//! Headless play: drive the engine with a policy to the end and render turn reports as text or JSON.

use std::fmt::Write as _;

use crate::engine::event::LogLabels;
use crate::engine::{Engine, Summary, TurnReport, view::StepOutcome};
use crate::exit::ExitCode;
use crate::i18n::{Lang, S};
use crate::input::Input;
use crate::policy::{Policy, PolicyError};
use crate::scenario::Bundle;
use crate::scenario::script::Script;
use crate::session::{Drill, SessionError};

/// Why a headless drill stopped early.
#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    /// The player (an actions script) failed.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// The session failed (journal I/O, engine refusal).
    #[error(transparent)]
    Session(#[from] SessionError),
}

impl PlayError {
    /// The exit code of a headless drill that stopped early.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            PlayError::Policy(e) => e.exit_code(),
            PlayError::Session(e) => e.exit_code(),
        }
    }

    /// The error in `lang` (`Display` is the English one): a script's problems and refusals
    /// are translated, journal failures keep their text.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PlayError::Policy(e) => e.message(lang),
            PlayError::Session(e) => e.message(lang),
        }
    }
}

/// Plays a recorded drill to its end: the policy's inputs go through the session so they are
/// journaled; a script's notes, overrides and hotwash are recorded too.
pub fn play_drill(
    drill: &mut Drill,
    policy: &mut dyn Policy,
    script: Option<&Script>,
    mut on_turn: impl FnMut(&TurnReport),
) -> Result<Summary, PlayError> {
    let mut skip_policy = drill.resumed_mid_turn();
    while !drill.engine().is_over() {
        let turn = drill.engine().turn();
        if !std::mem::take(&mut skip_policy) {
            let inputs = policy.play(drill.engine())?;
            for (i, input) in inputs.into_iter().enumerate() {
                match drill.apply(input) {
                    Ok(_) => policy.answered(i, Ok(()))?,
                    Err(SessionError::Engine(e)) => {
                        if let Err(policy) = policy.answered(i, Err(&e)) {
                            // The script's error holds the refusal.
                            return Err(PlayError::Policy(policy));
                        }
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
        if let Some(s) = script {
            for t in s.turns.iter().filter(|t| t.turn == turn) {
                for n in &t.notes {
                    drill.apply(Input::Note {
                        text: n.clone(),
                        private: false,
                    })?;
                }
                for o in &t.overrides {
                    drill.apply(Input::Override {
                        line: o.line,
                        points: o.points,
                        reason: o.reason.clone(),
                    })?;
                }
            }
        }
        let report = drill.end_turn()?;
        on_turn(&report);
    }
    if let Some(h) = script.and_then(|s| s.hotwash.as_ref()) {
        drill.record_hotwash(h)?;
    }
    Ok(drill.engine().summary())
}

/// Plays a drill to its end, calling `on_turn` with each report (after the policy's moves).
pub fn play_out(
    engine: &mut Engine,
    policy: &mut dyn Policy,
    mut on_turn: impl FnMut(&mut Engine, &TurnReport) -> Result<(), PolicyError>,
) -> Result<Summary, PolicyError> {
    while !engine.is_over() {
        crate::policy::play_unrecorded(policy, engine)?;
        let report = engine.end_turn();
        on_turn(engine, &report)?;
    }
    Ok(engine.summary())
}

/// One turn as `kunren run --json` prints it: the report's fields, with the turn log and the
/// attacker's modifier reasons as the journal words them (English text, as before the log was
/// typed).
pub fn report_json(r: &TurnReport, bundle: &Bundle) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    if let Some(m) = v.as_object_mut() {
        m.insert("events".into(), r.event_lines(bundle).into());
        let attacker: Vec<_> = r.attacker.iter().map(|a| a.record(bundle)).collect();
        m.insert(
            "attacker".into(),
            serde_json::to_value(attacker).unwrap_or_default(),
        );
    }
    v
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Renders one turn as text for a terminal or a log, in English. Every text that comes from the
/// scenario, the organisation or a script (titles, labels, reasons, events) is shown on one line
/// with its control characters escaped ([`crate::text::printable_line`]).
pub fn render_turn(r: &TurnReport, bundle: &Bundle, max_turns: u32) -> String {
    render_turn_with(r, bundle, max_turns, &[], Lang::En)
}

/// A row label ("inject", "インジェクト") padded to the label column by display width.
fn label(lang: Lang, key: S) -> String {
    crate::text::pad_to_width(lang.t(key), 8)
}

/// Renders one turn as text in `lang`, with the participant's name beside each role that acted
/// or is addressed ("Aoi Tanaka (SOC)") when `people` (name, role id) names one. The fixed words
/// come from the message catalogue ([`crate::i18n`]), the turn log's events and the engine's
/// modifiers too (worded from `bundle`, in `lang`); authored text is shown as written (its
/// Japanese form in Japanese where the scenario gives one), as by [`render_turn`].
pub fn render_turn_with(
    r: &TurnReport,
    bundle: &Bundle,
    max_turns: u32,
    people: &[(String, String)],
    lang: Lang,
) -> String {
    use crate::text::printable_line as p;
    let who = |role: &str| {
        let shown = crate::session::person(people, role).unwrap_or_else(|| role.to_string());
        p(&shown).into_owned()
    };
    let pct = |x: f64| pct(x);
    let roll = |x: f64| format!("{:.0}", x * 100.0);
    let mut s = String::new();
    // Scenario time from the start of the turn to its end (T+hh:mm).
    let hhmm = |min: u32| format!("{:02}:{:02}", min / 60, min % 60);
    let start = r.minutes.saturating_sub(r.minutes / r.turn.max(1));
    let head = lang.f(
        S::RunTurnHeader,
        &[&r.turn, &max_turns, &hhmm(start), &hhmm(r.minutes)],
    );
    let _ = writeln!(s, "── {head} {}", "─".repeat(36));
    for i in &r.injects {
        let fac = if i.by_facilitator {
            lang.t(S::RunByFacilitator)
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {} {:<22} → {}{fac}: {}",
            label(lang, S::RunInject),
            p(&i.id),
            i.to.iter().map(|r| who(r)).collect::<Vec<_>>().join(", "),
            p(&i.title)
        );
    }
    for d in &r.decisions {
        let by = match d.by.strip_prefix("role:") {
            Some(role) => who(role),
            None => p(&d.by).into_owned(),
        };
        let _ = writeln!(
            s,
            "  {} {:<22} {}",
            label(lang, S::RunDecision),
            p(&d.decision),
            lang.f(S::RunDecisionBy, &[&p(&d.option), &p(&d.label), &by])
        );
    }
    for a in &r.actions {
        let target = a
            .target
            .as_deref()
            .map(|t| format!(" → {}", p(t)))
            .unwrap_or_default();
        let chance = match a.roll {
            Some(x) => lang.f(S::RunChanceRoll, &[&pct(a.chance), &roll(x)]),
            None => String::new(),
        };
        let ok = lang.t(if a.success { S::RunDone } else { S::RunFailed });
        let _ = writeln!(
            s,
            "  {} {:<7} {}{target}: {ok}{chance}",
            label(lang, S::RunAction),
            who(&a.role),
            p(&a.action)
        );
    }
    for st in &r.attacker {
        let mods: Vec<String> = st
            .modifiers
            .iter()
            .map(|(why, f)| format!("×{f} {}", p(&why.text(lang, bundle))))
            .collect();
        let mods = if mods.is_empty() {
            String::new()
        } else {
            format!(" [{}]", mods.join("; "))
        };
        let outcome = lang.t(match st.outcome {
            StepOutcome::Succeeded => S::RunSucceeded,
            StepOutcome::Failed => S::RunStepFailed,
            StepOutcome::Blocked => S::RunBlocked,
            StepOutcome::Halted => S::RunHalted,
        });
        if st.outcome == StepOutcome::Halted {
            let _ = writeln!(
                s,
                "  {} {:<22} {}: {}",
                label(lang, S::RunAttacker),
                p(&st.stage),
                p(&st.technique),
                lang.t(S::RunHaltedForGood)
            );
            continue;
        }
        let rolled = st
            .roll
            .map(|x| lang.f(S::RunRoll, &[&roll(x)]))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  {} {:<22} {} {}{rolled}{mods}: {outcome}",
            label(lang, S::RunAttacker),
            p(&st.stage),
            p(&st.technique),
            lang.f(S::RunBaseChance, &[&pct(st.base), &pct(st.chance)])
        );
    }
    for d in &r.detections {
        let _ = writeln!(
            s,
            "  {} {:<22} {}",
            label(lang, S::RunDetected),
            p(&d.stage),
            lang.f(
                S::RunDetectedBy,
                &[&p(&d.by), &pct(d.chance), &roll(d.roll)]
            )
        );
    }
    let labels = LogLabels(bundle);
    for e in &r.events {
        let text = e.text(lang, &labels);
        let _ = writeln!(s, "  {} {}", label(lang, S::RunEvent), p(&text));
    }
    for c in &r.clocks {
        let event = match c.event.as_str() {
            "started" => lang.t(S::RunClockStarted).to_string(),
            "met" => lang.t(S::RunClockMet).to_string(),
            "late" => lang.t(S::RunClockLate).to_string(),
            "missed" => lang.t(S::RunClockMissed).to_string(),
            other => p(other).into_owned(),
        };
        let _ = writeln!(
            s,
            "  {} {:<22} {}",
            label(lang, S::RunClock),
            p(&c.clock),
            lang.f(S::RunClockDeadline, &[&event, &c.deadline_turn])
        );
    }
    for l in &r.score_lines {
        let _ = writeln!(
            s,
            "  {} #{:<3} {:+4}  {:<18} {}",
            label(lang, S::RunScore),
            l.line,
            l.points,
            p(&l.objective),
            p(&l.reason_in(lang, bundle))
        );
    }
    let _ = writeln!(
        s,
        "  {} {}",
        label(lang, S::RunTotal),
        lang.f(
            S::RunTotalLine,
            &[
                &format!("{:+}", r.total),
                &format!("{:+}", r.turn_points),
                &format!("{:.1}", r.impact_total)
            ]
        )
    );
    if let Some(e) = &r.ending {
        let _ = writeln!(
            s,
            "  {} {}: {}",
            label(lang, S::RunEnding),
            p(&e.id),
            p(crate::scoring::reason::ending_title(e, lang))
        );
    }
    s
}

/// Renders the final summary as text in English, authored text shown as by [`render_turn`].
pub fn render_summary(sum: &Summary) -> String {
    render_summary_in(sum, Lang::En)
}

/// Renders the final summary as text in `lang` (fixed words from the message catalogue).
pub fn render_summary_in(sum: &Summary, lang: Lang) -> String {
    use crate::text::printable_line as p;
    let mut s = String::new();
    let head = lang.f(S::RunResult, &[&p(&sum.scenario), &sum.seed]);
    let _ = writeln!(s, "══ {head} {}", "═".repeat(30));
    let _ = writeln!(
        s,
        "  {}",
        lang.f(
            S::RunSummaryScore,
            &[&sum.total, &sum.achievable, &pct(sum.share), &sum.turns]
        )
    );
    if let Some(e) = &sum.ending {
        let _ = writeln!(
            s,
            "  {}",
            lang.f(
                S::RunSummaryEnding,
                &[&p(&e.id), &p(crate::scoring::reason::ending_title(e, lang))]
            )
        );
    }
    let _ = writeln!(
        s,
        "  {}",
        lang.f(
            S::RunSummaryImpact,
            &[&format!("{:.1}", sum.impact_total), &p(&sum.impact_unit)]
        )
    );
    match sum.first_detection_turn {
        Some(t) => {
            let _ = writeln!(s, "  {}", lang.f(S::RunFirstDetection, &[&t]));
        }
        None => {
            let _ = writeln!(s, "  {}", lang.t(S::RunNeverDetected));
        }
    }
    let _ = writeln!(s, "  {}", lang.t(S::RunObjectives));
    for o in &sum.objectives {
        let _ = writeln!(
            s,
            "    {:<3} {} {:<24} {:>4}/{:<4} {}",
            o.rating.letter(),
            crate::text::pad_to_width(lang.csf_function(o.function), 9),
            p(&o.id),
            o.earned,
            o.achievable,
            p(&o.title)
        );
    }
    s
}
