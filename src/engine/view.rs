//! Plain-data views of the drill for front ends: turn reports, snapshots, summaries.

use serde::{Deserialize, Serialize};

use super::components::ServiceStatus;
use crate::scenario::{Artifact, Channel, CsfFunction};
use crate::scoring::{ExpectStatus, ObjectiveResult, ScoreLine, ScoreOverride};

/// An inject as delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InjectView {
    /// Inject id.
    pub id: String,
    /// Turn delivered.
    pub turn: u32,
    /// Roles addressed.
    pub to: Vec<String>,
    /// Channel.
    pub channel: Channel,
    /// Sender.
    pub from: String,
    /// Headline.
    pub title: String,
    /// Body.
    pub text: String,
    /// Artifacts.
    pub artifacts: Vec<Artifact>,
    /// Decision id, if it asks for one.
    pub decision: Option<String>,
    /// Fired by hand by the facilitator.
    pub by_facilitator: bool,
}

/// An action the team took and how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionOutcome {
    /// Action id.
    pub action: String,
    /// Action name.
    pub name: String,
    /// Role that took it.
    pub role: String,
    /// Target id.
    pub target: Option<String>,
    /// Chance it had.
    pub chance: f64,
    /// Roll (0..1); below the chance succeeds. `None` when certain.
    pub roll: Option<f64>,
    /// It worked.
    pub success: bool,
    /// What it changed, in plain words.
    pub notes: Vec<String>,
}

/// A decision taken (or defaulted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionOutcome {
    /// Decision id.
    pub decision: String,
    /// Option id.
    pub option: String,
    /// Option label.
    pub label: String,
    /// `role:<id>` or `timeout`.
    pub by: String,
}

/// What happened to an attacker stage this turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOutcome {
    /// Rolled and succeeded.
    Succeeded,
    /// Rolled and failed; will try again.
    Failed,
    /// Chance was zero this turn.
    Blocked,
    /// Stopped for good.
    Halted,
}

/// One attacker roll as the journal records it (`attacker_step`): the modifiers' reasons as
/// English text. The engine's turn report holds the typed [`AttackerRoll`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttackerStep {
    /// Stage id.
    pub stage: String,
    /// Stage title.
    pub title: String,
    /// ATT&CK technique.
    pub technique: String,
    /// Base chance.
    pub base: f64,
    /// Modifiers that applied (reason, factor).
    pub modifiers: Vec<(String, f64)>,
    /// Final chance.
    pub chance: f64,
    /// Roll, when one was made.
    pub roll: Option<f64>,
    /// Outcome.
    pub outcome: StepOutcome,
}

/// One attacker roll as the engine reports it: [`AttackerStep`] with typed modifier reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttackerRoll {
    /// Stage id.
    pub stage: String,
    /// Stage title.
    pub title: String,
    /// ATT&CK technique.
    pub technique: String,
    /// Base chance.
    pub base: f64,
    /// Modifiers that applied (reason, factor); [`super::event::ModifierReason::text`] words
    /// the reason in a language.
    pub modifiers: Vec<(super::event::ModifierReason, f64)>,
    /// Final chance.
    pub chance: f64,
    /// Roll, when one was made.
    pub roll: Option<f64>,
    /// Outcome.
    pub outcome: StepOutcome,
}

impl AttackerRoll {
    /// The journal's record of the roll: the reasons in English.
    pub fn record(&self, bundle: &crate::scenario::Bundle) -> AttackerStep {
        AttackerStep {
            stage: self.stage.clone(),
            title: self.title.clone(),
            technique: self.technique.clone(),
            base: self.base,
            modifiers: self
                .modifiers
                .iter()
                .map(|(why, f)| (why.text(crate::i18n::Lang::En, bundle), *f))
                .collect(),
            chance: self.chance,
            roll: self.roll,
            outcome: self.outcome,
        }
    }
}

/// A stage the team learnt about this turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// Stage id.
    pub stage: String,
    /// What revealed it (control or action id).
    pub by: String,
    /// Chance.
    pub chance: f64,
    /// Roll.
    pub roll: f64,
}

/// What happened to a regulatory clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClockEvent {
    /// `regime/clock`.
    pub clock: String,
    /// `started`, `met`, `late` or `missed`.
    pub event: String,
    /// Last turn that meets the clock.
    pub deadline_turn: u32,
    /// Scenario minutes at which this event happened (see [`crate::scoring::clock`]).
    #[serde(default)]
    pub at_minutes: u64,
    /// Scenario minutes of the deadline.
    #[serde(default)]
    pub deadline_minutes: u64,
}

/// An expectation changing state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpectationEvent {
    /// Expectation id.
    pub id: String,
    /// New status.
    pub status: ExpectStatus,
}

/// How the drill ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndingView {
    /// Ending id (`time-limit` when the turn limit was reached).
    pub id: String,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
    /// Turn.
    pub turn: u32,
}

/// Everything that happened in one turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TurnReport {
    /// Turn number.
    pub turn: u32,
    /// Scenario minutes at the end of the turn.
    pub minutes: u32,
    /// Injects delivered this turn.
    pub injects: Vec<InjectView>,
    /// Decisions taken or defaulted.
    pub decisions: Vec<DecisionOutcome>,
    /// Team actions.
    pub actions: Vec<ActionOutcome>,
    /// Attacker rolls.
    pub attacker: Vec<AttackerRoll>,
    /// Stages revealed.
    pub detections: Vec<Detection>,
    /// State changes (assets encrypted, services down, …), typed; [`super::event::TurnEvent::text`]
    /// words them in a language, [`TurnReport::event_lines`] as the journal writes them.
    pub events: Vec<super::event::TurnEvent>,
    /// Clock events.
    pub clocks: Vec<ClockEvent>,
    /// Expectation changes.
    pub expectations: Vec<ExpectationEvent>,
    /// Score lines added.
    pub score_lines: Vec<ScoreLine>,
    /// Points this turn.
    pub turn_points: i32,
    /// Running total.
    pub total: i32,
    /// Impact added this turn.
    pub impact: f64,
    /// Impact so far.
    pub impact_total: f64,
    /// Set when the drill ended this turn.
    pub ending: Option<EndingView>,
    /// What the resolution changed (flags, controls, assets, services), when the engine tracks it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<super::StateChange>,
}

impl TurnReport {
    /// The turn log as the journal writes it: each event in English ([`super::event::LogLabels`]).
    pub fn event_lines(&self, bundle: &crate::scenario::Bundle) -> Vec<String> {
        self.events.iter().map(|e| e.log_line(bundle)).collect()
    }
}

/// An action as offered to the team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Name in Japanese, if given.
    pub name_ja: Option<String>,
    /// CSF function.
    pub function: CsfFunction,
    /// Owner role.
    pub owner: String,
    /// Cost.
    pub cost: u32,
    /// Chance it works.
    pub chance: f64,
    /// Description.
    pub description: String,
    /// Description in Japanese, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_ja: Option<String>,
    /// Target kind needed.
    pub target: crate::scenario::TargetKind,
    /// Targets it can take now (empty for no target).
    pub targets: Vec<String>,
    /// Why it cannot be taken now, if so (the engine's refusal: shown with
    /// [`super::EngineError::message`] in the view's language).
    pub blocked: Option<super::EngineError>,
    /// Stages whose chances it changes (by a modifier or halt condition).
    pub affects: Vec<String>,
}

/// An action queued for this turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedAction {
    /// Action id.
    pub action: String,
    /// Target.
    pub target: Option<String>,
    /// Role.
    pub role: String,
}

/// A decision waiting for the team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionView {
    /// Decision id.
    pub id: String,
    /// Inject that asked.
    pub inject: String,
    /// Question.
    pub prompt: String,
    /// Role deciding.
    pub owner: String,
    /// (option id, label).
    pub options: Vec<(String, String)>,
    /// Default on time-out.
    pub default: String,
    /// Last turn to decide before the default applies.
    pub deadline_turn: u32,
    /// Option queued for this turn, if any.
    pub queued: Option<String>,
}

impl DecisionView {
    /// The label of one of its options (the id itself when unknown).
    pub fn label_of<'a>(&'a self, option: &'a str) -> &'a str {
        self.options
            .iter()
            .find(|(id, _)| id == option)
            .map_or(option, |(_, label)| label.as_str())
    }
}

/// An asset as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssetView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Zone.
    pub zone: String,
    /// Ground truth: compromised.
    pub compromised: bool,
    /// Team knows it is compromised.
    pub known_compromised: bool,
    /// Encrypted.
    pub encrypted: bool,
    /// Isolated.
    pub isolated: bool,
    /// Turns of rebuild left.
    pub rebuilding: u32,
}

/// A service as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Status.
    pub status: ServiceStatus,
    /// Turns down so far.
    pub down_turns: u32,
}

/// A stage as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Technique.
    pub technique: String,
    /// Reached turn (truth).
    pub reached: Option<u32>,
    /// Known turn.
    pub known: Option<u32>,
    /// Halted turn.
    pub halted: Option<u32>,
}

/// A clock as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClockView {
    /// `regime/clock`.
    pub id: String,
    /// Regime name.
    pub regime: String,
    /// Regime name in Japanese, if the regime gives one.
    pub regime_ja: Option<String>,
    /// What must be delivered.
    pub title: String,
    /// What must be delivered, in Japanese, if given.
    pub title_ja: Option<String>,
    /// Hours allowed.
    pub hours: u32,
    /// Turn started.
    pub started: Option<u32>,
    /// Deadline turn.
    pub deadline_turn: Option<u32>,
    /// Scenario minutes of the start.
    pub started_at: Option<u64>,
    /// Scenario minutes of the deadline.
    pub deadline_at: Option<u64>,
    /// Turn the report was delivered.
    pub delivered: Option<u32>,
    /// Grace turns after the deadline.
    pub grace: u32,
    /// Verdict as of the last resolved turn.
    pub verdict: crate::scoring::clock::ClockVerdict,
}

/// A role's capacity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Capacity per turn.
    pub capacity: u32,
    /// Used this turn (queued).
    pub used: u32,
}

/// The state of the drill. Front ends filter by `known_*` for the team view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    /// Current turn.
    pub turn: u32,
    /// Turn limit.
    pub max_turns: u32,
    /// Minutes per turn.
    pub turn_minutes: u32,
    /// Assets.
    pub assets: Vec<AssetView>,
    /// Services.
    pub services: Vec<ServiceView>,
    /// Stages.
    pub stages: Vec<StageView>,
    /// Clocks.
    pub clocks: Vec<ClockView>,
    /// Roles.
    pub roles: Vec<RoleView>,
    /// Flags set.
    pub flags: Vec<String>,
    /// Score total (after overrides).
    pub total: i32,
    /// Impact so far.
    pub impact_total: f64,
    /// Impact unit.
    pub impact_unit: String,
    /// Ending, once over.
    pub ending: Option<EndingView>,
}

/// The final result of a drill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Scenario id.
    pub scenario: String,
    /// Seed.
    pub seed: u64,
    /// Turns played.
    pub turns: u32,
    /// Total points after overrides.
    pub total: i32,
    /// Achievable points.
    pub achievable: i32,
    /// total / achievable.
    pub share: f64,
    /// Ratings.
    pub objectives: Vec<ObjectiveResult>,
    /// All score lines.
    pub score_lines: Vec<ScoreLine>,
    /// Overrides.
    pub overrides: Vec<ScoreOverride>,
    /// Impact total.
    pub impact_total: f64,
    /// Impact unit.
    pub impact_unit: String,
    /// Turn the first stage became known (time to detect), if ever.
    pub first_detection_turn: Option<u32>,
    /// Ending.
    pub ending: Option<EndingView>,
}
