//! Inputs: every change a person or a player policy makes to a drill, as one typed value.
//!
//! The console, headless `run`, the player policies, replay and resume all produce or decode
//! [`Input`]s, and [`crate::session::Drill::apply`] is the one way they change a drill. On disk
//! an input is the record it always was (its kind, actor and body; see [`crate::records`]):
//! there is no tagged enum in the journal, and derived fields such as a decision's label are
//! written by the session from the engine's state.

use serde::{Deserialize, Serialize};

use crate::engine::{Engine, EngineError, InjectView, TurnReport};
use crate::journal::{Actor, Record};
use crate::records::{Body, BodyError, Correction, Signoff};
use crate::scenario::script::{AreaForImprovement, ImprovementItem, ItemUpdate};

/// One thing a participant, the facilitator or a player policy does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// Queue an action for this turn.
    Submit {
        /// Action id.
        action: String,
        /// Target id, when the action needs one.
        target: Option<String>,
        /// Role taking it.
        role: String,
    },
    /// Take back the queued action at this position (from 0).
    Withdraw {
        /// Position in the turn's queue.
        position: usize,
    },
    /// Choose an option of an open decision.
    Decide {
        /// Decision id.
        decision: String,
        /// Option id.
        option: String,
        /// Role deciding.
        role: String,
    },
    /// Facilitator: deliver an inject now.
    FireInject {
        /// Inject id.
        inject: String,
    },
    /// Facilitator: change a score line's points, with a reason.
    Override {
        /// Score line number.
        line: u32,
        /// New points.
        points: i32,
        /// Why.
        reason: String,
    },
    /// Facilitator: a note for the record.
    Note {
        /// The note.
        text: String,
        /// Private: left out of the redacted report.
        #[serde(default)]
        private: bool,
    },
    /// Facilitator: pause the drill.
    Pause,
    /// Facilitator: resume after a pause.
    Resume,
    /// Hotwash: a strength.
    Strength {
        /// What went well.
        text: String,
    },
    /// Hotwash: an area for improvement, with its observation, analysis, recommendation and
    /// reference.
    AreaForImprovement(AreaForImprovement),
    /// Hotwash: an item of the improvement plan.
    PlanItem(ImprovementItem),
    /// Hotwash: where an improvement item of an earlier drill stands, with a note.
    ItemUpdate(ItemUpdate),
    /// Hotwash: the executive signs the results off (name, role, statement, time).
    Signoff(Signoff),
    /// Correct an earlier decision, override, note or hotwash entry recorded by mistake (who,
    /// why): a new record, never a change to the old one. A corrected override no longer
    /// counts; the rest only add to the record (a decision already took effect). The session
    /// fills in the corrected record's kind and, for an override, which one it was.
    Correct(Correction),
    /// Practice: show the next step of the reference response for a player's role (the step's
    /// index in the reference response); costs the scenario's `hint_points`.
    Hint {
        /// Role the hint is for.
        role: String,
        /// Index of the step shown.
        step: usize,
    },
    /// A participant's input from their SSH seat (`kunren play --serve`): only their role's
    /// submissions, withdrawals and decisions. Journaled as the inner input's record followed
    /// by a `seat_input` record naming the seat; replay re-derives the inner record.
    Seat {
        /// Who made it.
        seat: crate::records::SeatId,
        /// What they did.
        input: Box<Input>,
    },
    /// End the turn: the engine resolves it.
    EndTurn,
    /// Seal the journal (completed when the drill reached an ending, else aborted).
    Seal {
        /// Why the drill ends here (may be empty).
        reason: String,
    },
}

impl Input {
    /// True for inputs that only add to the record (notes, pauses, hotwash) and leave the
    /// simulation as it is.
    pub fn is_record_only(&self) -> bool {
        matches!(
            self,
            Input::Note { .. }
                | Input::Pause
                | Input::Resume
                | Input::Strength { .. }
                | Input::AreaForImprovement(_)
                | Input::PlanItem(_)
                | Input::ItemUpdate(_)
                | Input::Signoff(_)
        ) || matches!(self, Input::Correct(c) if c.nth_override.is_none())
    }

    /// Decodes the input a journal record holds: `None` for records that are outputs of the
    /// engine or of the journal itself (including decisions taken by time-out and injects the
    /// engine delivered), an error when an input's body has the wrong shape.
    pub fn from_record(r: &Record) -> Option<Result<Input, BodyError>> {
        use crate::journal::RecordKind as K;
        let by_engine = r.actor == Actor::Engine;
        let is_input = match r.kind {
            K::ActionSubmitted
            | K::ActionWithdrawn
            | K::ScoreOverride
            | K::FacilitatorNote
            | K::Paused
            | K::Resumed
            | K::HotwashStrength
            | K::HotwashImprovementArea
            | K::ImprovementItem
            | K::ImprovementItemUpdate
            | K::ExecutiveSignoff
            | K::Correction
            | K::HintShown => true,
            K::DecisionMade | K::InjectDelivered => !by_engine,
            _ => false,
        };
        if !is_input {
            return None;
        }
        let body = match Body::of(r) {
            Ok(b) => b,
            Err(e) => return Some(Err(e)),
        };
        let role = match &r.actor {
            Actor::Role(x) => x.clone(),
            _ => String::new(),
        };
        let input = match body {
            Body::ActionSubmitted(b) => Input::Submit {
                action: b.action,
                target: b.target,
                role,
            },
            Body::ActionWithdrawn(b) => Input::Withdraw {
                position: b.position,
            },
            Body::DecisionMade(b) => Input::Decide {
                decision: b.decision,
                option: b.option,
                role,
            },
            Body::InjectDelivered(b) => Input::FireInject { inject: b.id },
            Body::ScoreOverride(b) => Input::Override {
                line: b.line,
                points: b.to,
                reason: b.reason,
            },
            Body::Note(b) => Input::Note {
                text: b.text,
                private: b.private,
            },
            Body::Paused => Input::Pause,
            Body::Resumed => Input::Resume,
            Body::Strength(b) => Input::Strength { text: b.text },
            Body::AreaForImprovement(b) => Input::AreaForImprovement(b),
            Body::ImprovementItem(b) => Input::PlanItem(b),
            Body::ItemUpdate(b) => Input::ItemUpdate(b),
            Body::Signoff(b) => Input::Signoff(b),
            Body::Correction(b) => Input::Correct(b),
            Body::Hint(b) => Input::Hint { role, step: b.step },
            _ => return None,
        };
        Some(Ok(input))
    }
}

/// What applying an input to the engine gave.
// Short-lived (one per input applied), so the size of its largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The engine took it (or it only adds to the record).
    Taken,
    /// A queued action was withdrawn; this was it.
    Withdrawn(crate::engine::QueuedAction),
    /// A decision was taken; this is the chosen option's label.
    Decided {
        /// The option's label.
        label: String,
    },
    /// An inject was delivered.
    Fired(Box<InjectView>),
    /// A score line was overridden.
    Overridden(crate::scoring::ScoreOverride),
    /// The turn was resolved.
    Resolved(Box<TurnReport>),
    /// A score override was withdrawn by a correction; this was it.
    OverrideWithdrawn(crate::scoring::ScoreOverride),
    /// A hint was scored; the score line, when the scenario makes hints cost points.
    Hinted(
        Option<crate::scoring::ScoreLine>,
        Option<Box<crate::scenario::Step>>,
    ),
    /// Sealing is the session's business: the engine has nothing to do.
    Seal,
}

/// Applies an input to an engine alone (no journal): the one mapping from inputs to engine
/// calls, used by the recorded session, replay and unrecorded batch runs. `by` names who
/// makes facilitator changes (an override records it).
pub fn apply_to_engine(
    engine: &mut Engine,
    input: &Input,
    by: &str,
) -> Result<Effect, EngineError> {
    Ok(match input {
        Input::Submit {
            action,
            target,
            role,
        } => {
            engine.submit(action, target.as_deref(), role)?;
            Effect::Taken
        }
        Input::Withdraw { position } => Effect::Withdrawn(engine.withdraw(*position)?),
        Input::Decide {
            decision,
            option,
            role,
        } => {
            // The label is read before deciding: a decision stays open until the turn
            // resolves, so this is the option the engine accepts below.
            let label = engine
                .open_decision(decision)
                .and_then(|d| d.options.iter().find(|o| o.id == *option))
                .map(|o| o.label.clone())
                .unwrap_or_default();
            engine.decide(decision, option, role)?;
            Effect::Decided { label }
        }
        Input::FireInject { inject } => Effect::Fired(Box::new(engine.fire_inject(inject)?)),
        Input::Override {
            line,
            points,
            reason,
        } => Effect::Overridden(engine.override_score(*line, *points, reason, by)?),
        Input::Correct(c) => match c.nth_override {
            Some(n) => Effect::OverrideWithdrawn(engine.withdraw_override(n)?),
            None => Effect::Taken,
        },
        Input::Hint { step, .. } => {
            let line = engine.hint(*step)?;
            let shown = engine
                .bundle()
                .scenario
                .reference_response
                .get(*step)
                .cloned()
                .map(Box::new);
            Effect::Hinted(line, shown)
        }
        Input::Seat { input, .. } => apply_to_engine(engine, input, by)?,
        Input::EndTurn => Effect::Resolved(Box::new(engine.end_turn())),
        Input::Seal { .. } => Effect::Seal,
        // Record-only inputs returned above.
        _ => Effect::Taken,
    })
}
