//! Typed bodies of the drill's journal records: one struct per record kind, shared by the
//! session (which writes them), replay (which re-derives and compares them) and the report
//! (which reads them). The journal layer itself stays generic (a body is a JSON object); this
//! module is the one place that says what each kind's body holds.
//!
//! Bytes on disk: a body is written as the `serde_json::Value` it turns into, and `serde_json`
//! (without `preserve_order`) keeps object keys sorted, so the field order of these structs
//! does not change the bytes. Every struct lists its fields alphabetically anyway, to read like
//! the file and so that the journal can serialise it straight into the line (it checks that the
//! keys come sorted and goes through a `Value` when they do not).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::event::TurnEvent;
use crate::engine::{
    ActionOutcome, AttackerStep, ClockEvent, DecisionOutcome, Detection, EndingView,
    ExpectationEvent, InjectView, StateChange,
};
use crate::journal::{Record, RecordKind};
use crate::scenario::script::{AreaForImprovement, ImprovementItem, ItemUpdate};
use crate::scenario::{
    CsfFunction, DeadlineKind, ExerciseType, MissionArea, Objective, Step, Tactic,
};
use crate::scoring::{ObjectiveResult, ScoreLine, ScoreOverride};

/// The version of the engine's rules (how turns resolve and how they are scored) that a journal
/// was written under. Bumped by every change that alters what a recorded drill scores; replay of
/// a journal written under other rules says so instead of reporting a divergence.
pub const RULES_VERSION: u32 = 2;

/// Body of `turn_started`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnStarted {
    /// Scenario minutes at the start of the turn.
    pub minutes_at_start: u32,
    /// Turn number, from 1.
    pub turn: u32,
}

/// Body of `action_submitted`: the team queued an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSubmitted {
    /// Action id.
    pub action: String,
    /// Role that takes it.
    pub role: String,
    /// Target id, when the action needs one.
    pub target: Option<String>,
}

/// Body of `action_withdrawn`: a queued action was taken back before the turn ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionWithdrawn {
    /// Action id.
    pub action: String,
    /// Position in the turn's queue (from 0) at the time of withdrawal.
    pub position: usize,
    /// Role that had queued it.
    pub role: String,
    /// Target id, if any.
    pub target: Option<String>,
}

/// Which part of a turn changed the state recorded in a `state_changed` record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The turn's opening (injects delivered); visible to the team in that turn.
    Open,
    /// The turn's resolution; visible from the next turn.
    Resolve,
    /// An inject the facilitator fired by hand; visible at once.
    Facilitator,
}

/// Body of `state_changed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateChanged {
    /// What changed, each with its new state.
    pub changes: Vec<StateChange>,
    /// When in the turn it changed.
    pub phase: Phase,
}

/// The drill's result, carried by the last `turn_ended`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillResult {
    /// Points achievable in this drill.
    pub achievable: i32,
    /// First turn any stage was detected.
    pub first_detection_turn: Option<u32>,
    /// Impact so far.
    pub impact_total: f64,
    /// Unit of impact (from the organisation).
    pub impact_unit: String,
    /// Result per objective.
    pub objectives: Vec<ObjectiveResult>,
    /// Share of achievable points.
    pub share: f64,
    /// Final total.
    pub total: i32,
}

/// Body of `turn_ended`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnEnded {
    /// Set when the drill ended this turn.
    pub ending: Option<EndingView>,
    /// State changes in plain words (English).
    pub events: Vec<String>,
    /// The same changes, typed (indices into the header's names): `events` is their English
    /// rendering. Absent from journals written before the turn log was typed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typed_events: Vec<TurnEvent>,
    /// Impact added this turn.
    pub impact: f64,
    /// Impact so far.
    pub impact_total: f64,
    /// Scenario minutes at the end of the turn.
    pub minutes: u32,
    /// The drill's result, on the turn that ended it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<DrillResult>,
    /// Running total.
    pub total: i32,
    /// Turn number.
    pub turn: u32,
    /// Points this turn.
    pub turn_points: i32,
}

/// Body of `hotwash_strength`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// The text as typed.
    pub text: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Body of `facilitator_note`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Note {
    /// A private note: left out of the redacted report (absent, meaning false, in older
    /// journals).
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
    /// The text as typed.
    pub text: String,
}

/// Body of `executive_signoff`: the executive accepts the results. Older journals hold only
/// the name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Signoff {
    /// Name of the executive who accepts the results.
    pub name: String,
    /// The executive's role or title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// What the executive states in signing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement: String,
    /// When the executive signed (RFC 3339, UTC); empty in older journals, where the record's
    /// own time stands for it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
}

/// Body of `correction`: an earlier record made by mistake is corrected by this new one,
/// never by changing it. What the correction does depends on the corrected record's kind:
/// a corrected score override no longer counts (the engine withdraws it); a corrected note,
/// decision or hotwash entry stays in the journal and the report shows it with its
/// correction; a decision already took effect in the simulation, so its correction changes
/// nothing there. A hotwash entry written again after an edit names its replacement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Correction {
    /// Who asks for the correction (a name, as typed; the record's actor is the facilitator).
    pub by: String,
    /// Kind of the corrected record.
    pub kind: String,
    /// For a corrected score override: which override of the drill it was (from 1, in
    /// journal order), so that the engine withdraws it without reading the journal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nth_override: Option<u32>,
    /// Why the record was a mistake.
    pub reason: String,
    /// `seq` of the record that replaces the corrected one (a hotwash entry written again),
    /// when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<u64>,
    /// `seq` of the corrected record.
    pub seq: u64,
}

/// The record kinds a [`Correction`] may name.
pub const CORRECTABLE: [RecordKind; 6] = [
    RecordKind::DecisionMade,
    RecordKind::ScoreOverride,
    RecordKind::FacilitatorNote,
    RecordKind::HotwashStrength,
    RecordKind::HotwashImprovementArea,
    RecordKind::ImprovementItem,
];

/// Body of `hint_shown`: in practice, a player asked for a hint and was shown the next step of
/// the reference response for their roles; it costs `points` (the scenario's `hint_points`,
/// scored as a `hint` score line when above 0).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HintShown {
    /// The step's action id, when it is an action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The step's decision option, when it is a choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choose: Option<String>,
    /// Points the hint costs.
    pub points: i32,
    /// Role the step is for.
    pub role: String,
    /// Index of the step in the scenario's reference response (from 0).
    pub step: usize,
    /// The step's target, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// Who a seat of `kunren play --serve` is: the participant, the role and how they signed in
/// (the SHA-256 fingerprint of their key as OpenSSH prints it, or the id of their one-time
/// join code). Carried by [`crate::input::Input::Seat`] and journaled as `seat_input`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct SeatId {
    /// Id of the join code the participant used (`code-1`), for a code seat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Fingerprint of the participant's key (`SHA256:…`), for a key seat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The participant's name.
    pub participant: String,
    /// The role the seat plays.
    pub role: String,
}

/// Body of `seat_input`: the record just before it (`seq`) came from this seat.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SeatInput {
    /// `seq` of the input record the seat made.
    pub of: u64,
    /// The seat.
    pub seat: SeatId,
}

/// Body of `seat_refused`: the SSH server refused a connection (unknown key, wrong code,
/// seat already taken, unknown role, too many attempts).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SeatRefused {
    /// Fingerprint of the key offered, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Address the connection came from.
    pub peer: String,
    /// Why (`unknown_key`, `wrong_code`, `seat_taken`, `unknown_role`, `rate_limited`).
    pub reason: String,
    /// Refusals of this peer folded into this record since the last one written (rate limit).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub repeated: u32,
    /// The user name given (`ssh ROLE@HOST`).
    pub user: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Body of `paused` and `resumed` (no fields).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Empty {}

/// The body of one drill record, by kind. The journal's own kinds (`drill_opened`,
/// `checkpoint`, `recovered`, `drill_closed`) are typed in [`crate::journal`].
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `turn_started`.
    TurnStarted(TurnStarted),
    /// `inject_delivered` (by the engine or fired by the facilitator).
    InjectDelivered(InjectView),
    /// `action_submitted`.
    ActionSubmitted(ActionSubmitted),
    /// `action_withdrawn`.
    ActionWithdrawn(ActionWithdrawn),
    /// `action_resolved`.
    ActionResolved(ActionOutcome),
    /// `decision_made` (by a role, or by time-out).
    DecisionMade(DecisionOutcome),
    /// `attacker_step`.
    AttackerStep(AttackerStep),
    /// `detection`.
    Detection(Detection),
    /// `state_changed`.
    StateChanged(StateChanged),
    /// `score_line`.
    ScoreLine(ScoreLine),
    /// `clock_started`, `clock_met`, `clock_late` or `clock_missed` (the kind follows the event).
    Clock(ClockEvent),
    /// `expectation_resolved`.
    ExpectationResolved(ExpectationEvent),
    /// `turn_ended`.
    TurnEnded(TurnEnded),
    /// `facilitator_note`.
    Note(Note),
    /// `score_override`.
    ScoreOverride(ScoreOverride),
    /// `paused`.
    Paused,
    /// `resumed`.
    Resumed,
    /// `hotwash_strength`.
    Strength(Text),
    /// `hotwash_improvement_area`.
    AreaForImprovement(AreaForImprovement),
    /// `improvement_item`.
    ImprovementItem(ImprovementItem),
    /// `improvement_item_update`.
    ItemUpdate(ItemUpdate),
    /// `executive_signoff`.
    Signoff(Signoff),
    /// `correction`.
    Correction(Correction),
    /// `hint_shown`.
    Hint(HintShown),
    /// `seat_input`.
    SeatInput(SeatInput),
    /// `seat_refused`.
    SeatRefused(SeatRefused),
}

/// A record body that does not have the shape its kind requires.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// The kind is one the journal writes itself, not a drill record.
    #[error("`{0}` is a journal record, not a drill record")]
    JournalKind(RecordKind),
    /// The body does not decode as the kind's struct.
    #[error("the body of a `{kind}` record is not valid: {reason}")]
    Shape {
        /// Record kind.
        kind: RecordKind,
        /// What serde said.
        reason: String,
    },
}

fn decode_as<T: DeserializeOwned>(kind: RecordKind, v: &Value) -> Result<T, BodyError> {
    T::deserialize(v).map_err(|e| BodyError::Shape {
        kind,
        reason: e.to_string(),
    })
}

fn encode<T: Serialize>(v: &T) -> Value {
    // Every body type is a struct of strings, numbers, options and vectors: serialising it to
    // a Value cannot fail. Should it ever, an empty object keeps the journal well-formed and
    // replay reports the difference.
    serde_json::to_value(v).unwrap_or_else(|_| Value::Object(serde_json::Map::new()))
}

/// A body serialises as its kind's struct (`paused` and `resumed` as an empty object); the
/// journal writes that, with its keys sorted.
impl Serialize for Body {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Body::TurnStarted(b) => b.serialize(s),
            Body::InjectDelivered(b) => b.serialize(s),
            Body::ActionSubmitted(b) => b.serialize(s),
            Body::ActionWithdrawn(b) => b.serialize(s),
            Body::ActionResolved(b) => b.serialize(s),
            Body::DecisionMade(b) => b.serialize(s),
            Body::AttackerStep(b) => b.serialize(s),
            Body::Detection(b) => b.serialize(s),
            Body::StateChanged(b) => b.serialize(s),
            Body::ScoreLine(b) => b.serialize(s),
            Body::Clock(b) => b.serialize(s),
            Body::ExpectationResolved(b) => b.serialize(s),
            Body::TurnEnded(b) => b.serialize(s),
            Body::Note(b) => b.serialize(s),
            Body::Strength(b) => b.serialize(s),
            Body::AreaForImprovement(b) => b.serialize(s),
            Body::ScoreOverride(b) => b.serialize(s),
            Body::Paused | Body::Resumed => Empty {}.serialize(s),
            Body::ImprovementItem(b) => b.serialize(s),
            Body::ItemUpdate(b) => b.serialize(s),
            Body::Signoff(b) => b.serialize(s),
            Body::Correction(b) => b.serialize(s),
            Body::Hint(b) => b.serialize(s),
            Body::SeatInput(b) => b.serialize(s),
            Body::SeatRefused(b) => b.serialize(s),
        }
    }
}

impl Body {
    /// The record kind this body is written as.
    pub fn kind(&self) -> RecordKind {
        match self {
            Body::TurnStarted(_) => RecordKind::TurnStarted,
            Body::InjectDelivered(_) => RecordKind::InjectDelivered,
            Body::ActionSubmitted(_) => RecordKind::ActionSubmitted,
            Body::ActionWithdrawn(_) => RecordKind::ActionWithdrawn,
            Body::ActionResolved(_) => RecordKind::ActionResolved,
            Body::DecisionMade(_) => RecordKind::DecisionMade,
            Body::AttackerStep(_) => RecordKind::AttackerStep,
            Body::Detection(_) => RecordKind::Detection,
            Body::StateChanged(_) => RecordKind::StateChanged,
            Body::ScoreLine(_) => RecordKind::ScoreLine,
            Body::Clock(c) => match c.event.as_str() {
                "started" => RecordKind::ClockStarted,
                "met" => RecordKind::ClockMet,
                "late" => RecordKind::ClockLate,
                _ => RecordKind::ClockMissed,
            },
            Body::ExpectationResolved(_) => RecordKind::ExpectationResolved,
            Body::TurnEnded(_) => RecordKind::TurnEnded,
            Body::Note(_) => RecordKind::FacilitatorNote,
            Body::ScoreOverride(_) => RecordKind::ScoreOverride,
            Body::Paused => RecordKind::Paused,
            Body::Resumed => RecordKind::Resumed,
            Body::Strength(_) => RecordKind::HotwashStrength,
            Body::AreaForImprovement(_) => RecordKind::HotwashImprovementArea,
            Body::ImprovementItem(_) => RecordKind::ImprovementItem,
            Body::ItemUpdate(_) => RecordKind::ImprovementItemUpdate,
            Body::Signoff(_) => RecordKind::ExecutiveSignoff,
            Body::Correction(_) => RecordKind::Correction,
            Body::Hint(_) => RecordKind::HintShown,
            Body::SeatInput(_) => RecordKind::SeatInput,
            Body::SeatRefused(_) => RecordKind::SeatRefused,
        }
    }

    /// The body as the JSON object written to the journal.
    pub fn to_value(&self) -> Value {
        encode(self)
    }

    /// Decodes a body of `kind`.
    pub fn decode(kind: RecordKind, v: &Value) -> Result<Body, BodyError> {
        Ok(match kind {
            RecordKind::TurnStarted => Body::TurnStarted(decode_as(kind, v)?),
            RecordKind::InjectDelivered => Body::InjectDelivered(decode_as(kind, v)?),
            RecordKind::ActionSubmitted => Body::ActionSubmitted(decode_as(kind, v)?),
            RecordKind::ActionWithdrawn => Body::ActionWithdrawn(decode_as(kind, v)?),
            RecordKind::ActionResolved => Body::ActionResolved(decode_as(kind, v)?),
            RecordKind::DecisionMade => Body::DecisionMade(decode_as(kind, v)?),
            RecordKind::AttackerStep => Body::AttackerStep(decode_as(kind, v)?),
            RecordKind::Detection => Body::Detection(decode_as(kind, v)?),
            RecordKind::StateChanged => Body::StateChanged(decode_as(kind, v)?),
            RecordKind::ScoreLine => Body::ScoreLine(decode_as(kind, v)?),
            RecordKind::ClockStarted
            | RecordKind::ClockMet
            | RecordKind::ClockLate
            | RecordKind::ClockMissed => {
                let c: ClockEvent = decode_as(kind, v)?;
                let body = Body::Clock(c);
                if body.kind() != kind {
                    return Err(BodyError::Shape {
                        kind,
                        reason: "its `event` does not match the record kind".into(),
                    });
                }
                body
            }
            RecordKind::ExpectationResolved => Body::ExpectationResolved(decode_as(kind, v)?),
            RecordKind::TurnEnded => Body::TurnEnded(decode_as(kind, v)?),
            RecordKind::FacilitatorNote => Body::Note(decode_as(kind, v)?),
            RecordKind::ScoreOverride => Body::ScoreOverride(decode_as(kind, v)?),
            RecordKind::Paused => {
                decode_as::<Empty>(kind, v)?;
                Body::Paused
            }
            RecordKind::Resumed => {
                decode_as::<Empty>(kind, v)?;
                Body::Resumed
            }
            RecordKind::HotwashStrength => Body::Strength(decode_as(kind, v)?),
            RecordKind::HotwashImprovementArea => Body::AreaForImprovement(decode_as(kind, v)?),
            RecordKind::ImprovementItem => Body::ImprovementItem(decode_as(kind, v)?),
            RecordKind::ImprovementItemUpdate => Body::ItemUpdate(decode_as(kind, v)?),
            RecordKind::ExecutiveSignoff => Body::Signoff(decode_as(kind, v)?),
            RecordKind::Correction => Body::Correction(decode_as(kind, v)?),
            RecordKind::HintShown => Body::Hint(decode_as(kind, v)?),
            RecordKind::SeatInput => Body::SeatInput(decode_as(kind, v)?),
            RecordKind::SeatRefused => Body::SeatRefused(decode_as(kind, v)?),
            RecordKind::DrillOpened
            | RecordKind::Checkpoint
            | RecordKind::Recovered
            | RecordKind::DrillClosed => return Err(BodyError::JournalKind(kind)),
        })
    }

    /// Decodes the body of a journal record.
    pub fn of(r: &Record) -> Result<Body, BodyError> {
        Body::decode(r.kind, &r.body)
    }
}

/// An action of the catalogue, as the header keeps it for the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionFacts {
    /// CSF function the action serves.
    pub function: CsfFunction,
    /// Action id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Name in Japanese, if the catalogue gives one.
    pub name_ja: Option<String>,
}

/// A decision option (id and label).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionFacts {
    /// Option id.
    pub id: String,
    /// Label shown to the team.
    pub label: String,
}

/// A decision the scenario can ask for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionFacts {
    /// Option taken on time-out.
    pub default: String,
    /// Decision id.
    pub id: String,
    /// The inject that asks for it.
    pub inject: String,
    /// Options offered.
    pub options: Vec<OptionFacts>,
    /// The question.
    pub prompt: String,
}

/// An expectation of the scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectationFacts {
    /// Expectation id.
    pub id: String,
    /// Objective it evidences.
    pub objective: String,
    /// Points on time.
    pub points: i32,
    /// Title.
    pub title: String,
    /// Title in Japanese, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_ja: Option<String>,
    /// Turns allowed after activation.
    pub within: u32,
}

/// A role of the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleFacts {
    /// Action points per turn.
    pub capacity: u32,
    /// Role id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A business service of the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFacts {
    /// Service id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// The organisation, as the header keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrgFacts {
    /// Unit of impact.
    pub impact_unit: String,
    /// Roles.
    pub roles: Vec<RoleFacts>,
    /// Sector.
    pub sector: String,
    /// Business services.
    pub services: Vec<ServiceFacts>,
}

/// A regulatory clock, with the hours the scenario applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockFacts {
    /// The source's words for the deadline and how the clock models them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// The basis in Japanese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_ja: Option<String>,
    /// Where the hours come from (stated, approximated, contract term, target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DeadlineKind>,
    /// Deadline in hours.
    pub hours: u32,
    /// Clock id within its regime.
    pub id: String,
    /// Title.
    pub title: String,
    /// Title in Japanese, if given.
    pub title_ja: Option<String>,
}

/// A regime the scenario applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegimeFacts {
    /// What the regime file assumes rather than takes from its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// The assumption in Japanese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption_ja: Option<String>,
    /// Authority reported to.
    pub authority: String,
    /// The authority in Japanese (absent from journals written before regimes had one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_ja: Option<String>,
    /// Legal or contractual basis.
    pub basis: String,
    /// The basis in Japanese (absent from journals written before regimes had one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_ja: Option<String>,
    /// Its clocks.
    pub clocks: Vec<ClockFacts>,
    /// Regime id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Name in Japanese, if given.
    pub name_ja: Option<String>,
    /// Objective the clocks evidence.
    pub objective: String,
    /// Citation of the regime's source (empty in journals written before sources were kept).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// The organisation's own incident-response plan, named by the facilitator at set-up
/// (`--plan FILE --plan-title … --plan-version …`): the plan the drill tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFacts {
    /// The plan file as given on the command line.
    pub file: String,
    /// SHA-256 (hex) of the plan file's bytes when the drill was set up.
    pub sha256: String,
    /// Size of the plan file in bytes.
    pub size: u64,
    /// The plan's title, as the facilitator gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The plan's version, as the facilitator gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The scenario, as the header keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScenarioFacts {
    /// Authors.
    pub authors: Vec<String>,
    /// Turn limit.
    pub max_turns: u32,
    /// Sector.
    pub sector: String,
    /// Summary.
    pub summary: String,
    /// ATT&CK technique of each stage, in campaign order.
    pub techniques: Vec<String>,
    /// Minutes of scenario time per turn.
    pub turn_minutes: u32,
    /// Scenario version.
    pub version: String,
    /// When turn 1 starts in calendar time (the scenario's `starts_at`); absent from headers
    /// of scenarios without one, so their journals are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
}

/// An attacker stage, as the header keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageFacts {
    /// Stage id.
    pub id: String,
    /// ATT&CK tactic.
    pub tactic: Tactic,
    /// ATT&CK technique.
    pub technique: String,
    /// Title.
    pub title: String,
}

/// An id and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdName {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// An inject, as typed events name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjectNames {
    /// Inject id.
    pub id: String,
    /// Its decision's options (empty without a decision).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionFacts>,
    /// Title.
    pub title: String,
}

/// A rule, as score reasons name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleNames {
    /// Rule id.
    pub id: String,
    /// Why (authored).
    pub reason: String,
    /// Why, in Japanese, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_ja: Option<String>,
}

/// Names by index, in the bundle's order, for what the header does not keep otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LogNames {
    /// Asset names.
    pub assets: Vec<String>,
    /// Controls.
    pub controls: Vec<IdName>,
    /// Data set names.
    pub data: Vec<String>,
    /// Injects.
    pub injects: Vec<InjectNames>,
    /// Each service's outage note (in the order of `org.services`).
    pub outage_notes: Vec<String>,
    /// Rules.
    pub rules: Vec<RuleNames>,
    /// Zones.
    pub zones: Vec<IdName>,
}

fn rules_v1() -> u32 {
    1
}

fn is_v1(v: &u32) -> bool {
    *v == 1
}

/// The exercise's facts for the HSEEP AAR/IP overview: from the set-up (command-line options or
/// the console's setup), the organisation's defaults and the scenario. Absent from the header
/// when none is given, so older journals keep their bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExerciseFacts {
    /// Evaluators who observed the drill.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluators: Vec<String>,
    /// HSEEP exercise type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise_type: Option<ExerciseType>,
    /// Handling marking printed on every page of the report (e.g. "CUI", "社外秘").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<String>,
    /// Where the drill was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// HSEEP mission areas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mission_areas: Vec<MissionArea>,
    /// Participating organisations besides the organisation itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<String>,
    /// The exercise's point of contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poc: Option<String>,
    /// Sponsor of the exercise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<String>,
    /// The threat or hazard played.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat: Option<String>,
}

impl ExerciseFacts {
    /// True when nothing is set.
    pub fn is_empty(&self) -> bool {
        *self == ExerciseFacts::default()
    }

    /// These facts, with every field left unset here taken from `fallback`.
    pub fn or(mut self, fallback: &ExerciseFacts) -> ExerciseFacts {
        let pick = |a: &mut Option<String>, b: &Option<String>| {
            if a.as_deref().is_none_or(|x| x.trim().is_empty()) {
                *a = b.clone().filter(|x| !x.trim().is_empty());
            }
        };
        pick(&mut self.handling, &fallback.handling);
        pick(&mut self.location, &fallback.location);
        pick(&mut self.poc, &fallback.poc);
        pick(&mut self.sponsor, &fallback.sponsor);
        pick(&mut self.threat, &fallback.threat);
        if self.evaluators.is_empty() {
            self.evaluators = fallback.evaluators.clone();
        }
        if self.organisations.is_empty() {
            self.organisations = fallback.organisations.clone();
        }
        if self.mission_areas.is_empty() {
            self.mission_areas = fallback.mission_areas.clone();
        }
        self.exercise_type = self.exercise_type.or(fallback.exercise_type);
        self
    }
}

/// The header's `extra`: what the report needs from the scenario, the organisation and the
/// set-up, so that a journal stands alone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HeaderExtra {
    /// The action catalogue (ids, names, functions).
    pub actions: Vec<ActionFacts>,
    /// Controls in place from the start (org-wide or on some asset), sorted.
    pub controls_in_place: Vec<String>,
    /// Decisions the scenario can ask for.
    pub decisions: Vec<DecisionFacts>,
    /// The exercise's AAR/IP overview facts (absent when none was given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<ExerciseFacts>,
    /// The scenario's expectations.
    pub expectations: Vec<ExpectationFacts>,
    /// How the drill is run (`headless`, `console`).
    pub mode: String,
    /// What typed turn-log events and score reasons name that the fields above do not keep,
    /// so that a report renders them without the scenario (absent from journals written before
    /// the turn log was typed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names: Option<LogNames>,
    /// The scenario's objectives.
    pub objectives: Vec<Objective>,
    /// The organisation.
    pub org: OrgFacts,
    /// The organisation's own incident-response plan, when the facilitator named one (absent:
    /// the drill tests the scenario's model response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanFacts>,
    /// Date of the organisation's previous drill (YYYY-MM-DD).
    pub previous_drill: Option<String>,
    /// The scenario's reference response.
    pub reference_response: Vec<Step>,
    /// The regimes applied.
    pub regimes: Vec<RegimeFacts>,
    /// Version of the engine's rules the drill was played under (absent, meaning 1, in
    /// journals written before rules were versioned).
    #[serde(default = "rules_v1", skip_serializing_if = "is_v1")]
    pub rules_version: u32,
    /// The scenario.
    pub scenario: ScenarioFacts,
    /// The attacker's stages.
    pub stages: Vec<StageFacts>,
    /// The journal records `state_changed`.
    pub state_tracking: bool,
}

impl HeaderExtra {
    /// Reads the `extra` of a header.
    pub fn decode(v: &Value) -> Result<HeaderExtra, BodyError> {
        decode_as(RecordKind::DrillOpened, v)
    }

    /// The object written into the header.
    pub fn to_value(&self) -> Value {
        encode(self)
    }
}
