//! The corrections dialog's state (`m`): a decision, override or note recorded by mistake is
//! corrected by a new journaled record (who, why), never by changing the old one. The rows
//! come from the session's [`crate::session::Drill::recorded`].

use crate::journal::RecordKind;
use crate::records::Body;

use super::app::App;
use super::i18n::{Lang, S};
use super::text_input::TextInput;

/// Step of the corrections dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectStep {
    /// Choosing the record.
    Pick,
    /// Typing who asks for the correction.
    By,
    /// Typing why the record was a mistake (Enter here records).
    Reason,
}

/// The corrections dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectDialog {
    /// Selected row (index in [`rows`]).
    pub selected: usize,
    /// Step.
    pub step: CorrectStep,
    /// Who asks for it (pre-filled with the facilitator).
    pub by: TextInput,
    /// Why.
    pub reason: TextInput,
}

impl CorrectDialog {
    /// The dialog on the newest record, `by` pre-filled.
    pub fn new(rows: usize, by: &str) -> Self {
        CorrectDialog {
            selected: rows.saturating_sub(1),
            step: CorrectStep::Pick,
            by: TextInput::new(by.to_string()),
            reason: TextInput::default(),
        }
    }
}

/// A record the console can correct: its `seq`, turn, kind and what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectRow {
    /// `seq` in the journal.
    pub seq: u64,
    /// Turn it was made in.
    pub turn: u32,
    /// Kind.
    pub kind: RecordKind,
    /// What it said, in words.
    pub text: String,
}

/// The kinds the console corrects (the hotwash corrects its own entries).
const CONSOLE_KINDS: [RecordKind; 3] = [
    RecordKind::DecisionMade,
    RecordKind::ScoreOverride,
    RecordKind::FacilitatorNote,
];

/// The decisions, overrides and notes not corrected yet, oldest first. In the team view,
/// overrides of lines the team does not see are left out (the control view lists them).
pub fn rows(app: &App) -> Vec<CorrectRow> {
    let (Some(drill), Some(model)) = (app.drill.as_ref(), app.model.as_ref()) else {
        return Vec::new();
    };
    let lang = app.lang;
    drill
        .recorded()
        .iter()
        .filter(|r| r.corrected.is_none() && CONSOLE_KINDS.contains(&r.body.kind()))
        .filter_map(|r| {
            let text = match &r.body {
                Body::DecisionMade(d) => {
                    let prompt = model
                        .decision_prompts
                        .iter()
                        .find(|(id, _)| *id == d.decision)
                        .map_or(d.decision.as_str(), |(_, p)| p.as_str());
                    let who = model.person(d.by.trim_start_matches("role:"));
                    format!("⚑ {prompt} → {} — {who}", d.label)
                }
                Body::ScoreOverride(o) => {
                    if !model.lines().iter().any(|l| l.line.line == o.line) {
                        return None;
                    }
                    format!("± #{}: {:+} → {:+} — {}", o.line, o.from, o.to, o.reason)
                }
                Body::Note(n) if n.private => {
                    format!("✎ {} ({})", n.text, lang.t(S::CorrectPrivate))
                }
                Body::Note(n) => format!("✎ {}", n.text),
                _ => return None,
            };
            Some(CorrectRow {
                seq: r.seq,
                turn: r.turn,
                kind: r.body.kind(),
                text,
            })
        })
        .collect()
}

/// True when something recorded can be corrected now.
pub fn has_correctable(app: &App) -> bool {
    !rows(app).is_empty()
}

/// What correcting a record of this kind does, in words.
pub fn consequence(kind: RecordKind, lang: Lang) -> &'static str {
    lang.t(match kind {
        RecordKind::DecisionMade => S::CorrectDecisionStays,
        RecordKind::ScoreOverride => S::CorrectOverrideWithdrawn,
        _ => S::CorrectNoteStruck,
    })
}
