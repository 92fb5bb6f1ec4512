//! The after-action report's data: everything the renderers need, derived from one verified
//! journal and nothing else. Built by [`super::build`]; turned into a document by
//! [`super::sections`].
//!
//! Text in here is raw (exactly as the journal holds it): the renderers escape it.

use std::collections::BTreeMap;

use time::OffsetDateTime;

use crate::engine::EndingView;
use crate::journal::{
    CloseStatus, EvidenceGrade, Header, Incomplete, RecordKind, SignatureStatus, TornTail,
};
use crate::records::PlanFacts;
use crate::scenario::{CsfFunction, DeadlineKind};
use crate::scoring::{ExpectStatus, ObjectiveResult, Rating, ScoreLine, ScoreOverride};

use super::compliance::ComplianceRow;
use crate::i18n::Lang;

/// The role id that marks an executive decision-maker among the participants.
pub const EXECUTIVE_ROLE: &str = "exec";

/// Everything the after-action report shows.
#[derive(Debug, Clone)]
pub struct ReportModel {
    /// Language of the fixed text (from the header's `language`).
    pub lang: Lang,
    /// What the journal shows, turn by turn, for the one condition evaluator.
    pub facts: super::response::Facts,
    /// The journal header, as recorded.
    pub header: Header,
    /// Scenario facts stored in the header.
    pub scenario: ScenarioInfo,
    /// Organisation facts stored in the header.
    pub org: OrgInfo,
    /// Real-time facts: when the drill ran and for how long.
    pub times: Times,
    /// Participants and the roles that acted.
    pub people: People,
    /// Timeline of injects, decisions, actions and engine events.
    pub timeline: Vec<TimelineEntry>,
    /// Objectives with their score lines and ratings.
    pub objectives: Vec<ObjectiveReport>,
    /// Score lines whose objective the header does not declare.
    pub orphan_lines: Vec<ScoreLine>,
    /// Every score line, in journal order.
    pub score_lines: Vec<ScoreLine>,
    /// Every facilitator override, in journal order.
    pub overrides: Vec<OverrideEntry>,
    /// Points by CSF function.
    pub functions: Vec<FunctionRow>,
    /// The score at the end of each turn.
    pub turns: Vec<TurnPoint>,
    /// Regulatory clocks.
    pub clocks: Vec<ClockReport>,
    /// Every action the team took that resolved, in journal order.
    pub actions: Vec<ActionTaken>,
    /// The team's response beside the reference response.
    pub response: ResponseReport,
    /// Expectations declared by the scenario and their final state.
    pub expectations: Vec<ExpectationRow>,
    /// Hotwash, improvement plan, notes.
    pub debrief: Debrief,
    /// Totals and the ending.
    pub outcome: Outcome,
    /// Integrity facts.
    pub integrity: Integrity,
    /// Consistency checks between recomputed and recorded numbers.
    pub checks: Vec<Inconsistency>,
    /// Strengths and areas for improvement the journal shows ([`super::findings`]).
    pub findings: Vec<super::findings::Finding>,
    /// The regimes the scenario applies, with their sources and assumptions.
    pub regimes: Vec<RegimeInfo>,
    /// The organisation's own incident-response plan named at set-up (`None`: the drill
    /// tested the scenario's model response).
    pub plan: Option<PlanFacts>,
    /// CSF function of each action of the drill's catalogue, by action id.
    pub action_functions: BTreeMap<String, CsfFunction>,
    /// First journal line at which each flag was set (from `state_changed`).
    pub flag_lines: BTreeMap<String, u64>,
    /// Kind of every valid journal line, in order (line *n* at index *n* − 1).
    pub record_kinds: Vec<RecordKind>,
    /// The compliance mapping, evaluated once ([`super::compliance::build`]).
    pub compliance: Vec<ComplianceRow>,
    /// The exercise's AAR/IP overview facts and the objectives' core capabilities.
    pub exercise: ExerciseInfo,
    /// Set in the redacted edition: what was replaced and left out.
    pub redaction: Option<Redaction>,
    /// Corrections of records made by mistake, in journal order.
    pub corrections: Vec<CorrectionEntry>,
}

/// A correction of an earlier record (a decision, an override, a note, a hotwash entry): the
/// record stays in the journal, and the report shows it with this.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectionEntry {
    /// Journal line of the correction (from 1).
    pub line: u64,
    /// Turn it was made in.
    pub turn: u32,
    /// Real time.
    pub time: Option<OffsetDateTime>,
    /// The record's actor (the facilitator).
    pub who: String,
    /// Who asked for it, as typed.
    pub by: String,
    /// Why the corrected record was a mistake.
    pub reason: String,
    /// Journal line of the corrected record.
    pub corrects: u64,
    /// Kind of the corrected record.
    pub kind: String,
    /// What the corrected record said, in one line.
    pub what: String,
    /// Journal line of the record that replaces it (a hotwash entry written again).
    pub replaced_by: Option<u64>,
}

/// The facilitator's name a journal holds when none was given (`kunren run` without
/// `--facilitator` or a script's): not a person's name.
pub const UNNAMED_FACILITATOR: &str = "facilitator";

impl ReportModel {
    /// The facilitator as the report names them: their name, or the report's word for the
    /// facilitator when the journal holds none ([`UNNAMED_FACILITATOR`]).
    pub fn facilitator(&self) -> String {
        if self
            .header
            .facilitator
            .eq_ignore_ascii_case(UNNAMED_FACILITATOR)
        {
            self.lang.report().facilitator_short.to_string()
        } else {
            self.header.facilitator.clone()
        }
    }

    /// The correction of the record at journal line `line`, if it was corrected.
    pub fn correction_of(&self, line: u64) -> Option<&CorrectionEntry> {
        self.corrections.iter().find(|c| c.corrects == line)
    }
}

/// The exercise's AAR/IP overview facts, from the header's `extra.exercise` and objectives.
#[derive(Debug, Clone, Default)]
pub struct ExerciseInfo {
    /// Sponsor, point of contact, location, evaluators, participating organisations, handling
    /// marking, threat, mission areas and exercise type, as journaled (empty in older
    /// journals).
    pub facts: crate::records::ExerciseFacts,
    /// The core capability of each objective that names one: (objective id, capability in the
    /// report's language).
    pub capabilities: Vec<(String, String)>,
}

impl ExerciseInfo {
    /// The core capability of an objective, if the scenario maps one.
    pub fn capability(&self, objective: &str) -> Option<&str> {
        self.capabilities
            .iter()
            .find(|(id, _)| id == objective)
            .map(|(_, c)| c.as_str())
    }

    /// The distinct core capabilities, in objective order.
    pub fn distinct_capabilities(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (_, c) in &self.capabilities {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
        out
    }
}

/// What the redacted edition replaced and left out.
#[derive(Debug, Clone, Default)]
pub struct Redaction {
    /// Each person's name and the role (or function) shown instead, longest name first.
    pub names: Vec<(String, String)>,
    /// Private notes left out.
    pub private_notes: usize,
}

impl ReportModel {
    /// Injects delivered.
    pub fn inject_count(&self) -> usize {
        self.timeline
            .iter()
            .filter(|e| matches!(e.kind, TimelineKind::Inject { .. }))
            .count()
    }

    /// Team actions that resolved.
    pub fn action_count(&self) -> usize {
        self.actions.len()
    }

    /// The verdicts counted once, for every place that states a count (the front page, key
    /// findings, the JSON document).
    pub fn tally(&self) -> Tally {
        let steps = |v: StepVerdict| self.response.count(v);
        let clocks =
            |f: fn(&ClockVerdict) -> bool| self.clocks.iter().filter(|c| f(&c.verdict)).count();
        Tally {
            steps_on_time: steps(StepVerdict::OnTime),
            steps_late: steps(StepVerdict::Late),
            steps_missed: steps(StepVerdict::Missed),
            steps_not_needed: steps(StepVerdict::NotApplicable),
            steps_all: self.response.steps.len(),
            clocks_met: clocks(|v| matches!(v, ClockVerdict::Met { .. })),
            clocks_late: clocks(|v| matches!(v, ClockVerdict::MetLate { .. })),
            clocks_missed: clocks(|v| matches!(v, ClockVerdict::Missed { .. })),
            clocks_after_end: clocks(|v| matches!(v, ClockVerdict::DueAfterEnd { .. })),
            clocks_all: self.clocks.len(),
        }
    }

    /// The kind of the record on journal line `line` (from 1), when the journal has it.
    pub fn kind_of(&self, line: u64) -> Option<RecordKind> {
        let i = usize::try_from(line.checked_sub(1)?).ok()?;
        self.record_kinds.get(i).copied()
    }

    /// State changes the engine reported.
    pub fn event_count(&self) -> usize {
        self.timeline
            .iter()
            .filter(|e| matches!(e.kind, TimelineKind::Event { .. }))
            .count()
    }
}

/// Counts of verdicts, computed once by [`ReportModel::tally`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Tally {
    /// Reference steps done on time.
    pub steps_on_time: usize,
    /// Reference steps done late.
    pub steps_late: usize,
    /// Reference steps due and never done.
    pub steps_missed: usize,
    /// Reference steps that never fell due.
    pub steps_not_needed: usize,
    /// All reference steps.
    pub steps_all: usize,
    /// Clocks met.
    pub clocks_met: usize,
    /// Clocks delivered late.
    pub clocks_late: usize,
    /// Clocks missed.
    pub clocks_missed: usize,
    /// Clocks due after the drill ended (not counted).
    pub clocks_after_end: usize,
    /// All clocks.
    pub clocks_all: usize,
}

/// A regime the scenario applies, as the header records it, in the report's language.
#[derive(Debug, Clone, PartialEq)]
pub struct RegimeInfo {
    /// Regime id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Authority reported to.
    pub authority: String,
    /// Legal or contractual basis.
    pub basis: String,
    /// Citation of the source (empty when the journal predates sources).
    pub source: String,
    /// What the regime file assumes rather than takes from its source.
    pub assumption: Option<String>,
    /// Its clocks.
    pub clocks: Vec<RegimeClockInfo>,
}

/// One clock of a regime: the hours applied and where they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct RegimeClockInfo {
    /// Clock id within the regime.
    pub id: String,
    /// What must be delivered.
    pub title: String,
    /// Hours the drill applied.
    pub hours: u32,
    /// Where the hours come from, when the regime file says.
    pub deadline: Option<DeadlineKind>,
    /// The source's words and how the clock models them.
    pub basis: Option<String>,
}

/// Scenario facts from the header's `extra.scenario`.
#[derive(Debug, Clone, Default)]
pub struct ScenarioInfo {
    /// Author's version string.
    pub version: String,
    /// Sector.
    pub sector: String,
    /// Summary.
    pub summary: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Minutes of scenario time per turn.
    pub turn_minutes: u64,
    /// Turn limit.
    pub max_turns: u64,
    /// ATT&CK techniques of the campaign, each once, with name, tactic and domain.
    pub techniques: Vec<String>,
    /// When turn 1 starts in calendar time (`starts_at`), if the scenario gives it.
    pub starts_at: Option<String>,
    /// Attacker stages: (id, title, technique).
    pub stages: Vec<(String, String, String)>,
    /// How the drill was run (`headless`, `console`, …).
    pub mode: String,
}

impl ScenarioInfo {
    /// The drill's start in calendar time, when the header carries a valid `starts_at`.
    pub fn calendar(&self) -> Option<crate::scenario::calendar::Start> {
        crate::scenario::calendar::parse(self.starts_at.as_deref()?).ok()
    }
}

/// Organisation facts from the header's `extra.org`.
#[derive(Debug, Clone, Default)]
pub struct OrgInfo {
    /// Sector.
    pub sector: String,
    /// Unit of impact (e.g. "million JPY").
    pub impact_unit: String,
    /// Roles: (id, name).
    pub roles: Vec<(String, String)>,
    /// Business services: (id, name).
    pub services: Vec<(String, String)>,
}

/// When the drill ran.
#[derive(Debug, Clone, Default)]
pub struct Times {
    /// Time of the header record.
    pub opened: Option<OffsetDateTime>,
    /// Time of the `drill_closed` record, else of the last record.
    pub closed: Option<OffsetDateTime>,
    /// Real seconds spent paused.
    pub paused_seconds: i64,
    /// Number of pauses.
    pub pauses: usize,
    /// Scenario minutes at the end of the last turn played.
    pub scenario_minutes: u64,
    /// Turns played (turn_ended records).
    pub turns_played: u64,
    /// Date of the organisation's previous drill (YYYY-MM-DD), as set up.
    pub previous_drill: Option<String>,
}

/// A participant and the name of their role.
#[derive(Debug, Clone)]
pub struct PersonRow {
    /// Name.
    pub name: String,
    /// Role id.
    pub role: String,
    /// Role name from the organisation, when known.
    pub role_name: Option<String>,
}

/// Participants and roles.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Participants as recorded in the header.
    pub participants: Vec<PersonRow>,
    /// True when a participant holds the [`EXECUTIVE_ROLE`].
    pub executive_present: bool,
    /// Records made under each role (actions and decisions), by role id.
    pub role_activity: BTreeMap<String, RoleActivity>,
    /// Executive sign-offs recorded after the drill.
    pub signoffs: Vec<String>,
}

impl People {
    /// The participant who played `role`, when exactly one participant holds it (so an action
    /// of that role was theirs).
    pub fn name_of_role(&self, role: &str) -> Option<&str> {
        let mut holders = self.participants.iter().filter(|p| p.role == role);
        match (holders.next(), holders.next()) {
            (Some(p), None) => Some(p.name.as_str()),
            _ => None,
        }
    }
}

impl People {
    /// Names of the participants who hold the [`EXECUTIVE_ROLE`].
    pub fn executives(&self) -> Vec<String> {
        self.participants
            .iter()
            .filter(|p| p.role == EXECUTIVE_ROLE)
            .map(|p| p.name.clone())
            .collect()
    }
}

/// What one role did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleActivity {
    /// Actions submitted.
    pub actions: u64,
    /// Decisions taken.
    pub decisions: u64,
    /// Injects addressed to the role.
    pub injects: u64,
}

/// What a timeline entry is.
#[derive(Debug, Clone, PartialEq)]
pub enum TimelineKind {
    /// An inject was delivered.
    Inject {
        /// Inject id.
        id: String,
        /// Headline.
        title: String,
        /// Roles addressed.
        to: Vec<String>,
        /// Channel name.
        channel: String,
        /// Fired by hand by the facilitator.
        by_facilitator: bool,
        /// Decision it asks for.
        decision: Option<String>,
    },
    /// A decision was taken, or defaulted on time-out.
    Decision {
        /// Decision id.
        decision: String,
        /// Option id.
        option: String,
        /// Option label, when recorded.
        label: String,
        /// True when the default applied on time-out.
        timeout: bool,
    },
    /// The team submitted an action.
    Action {
        /// Action id.
        action: String,
        /// Action name, when known.
        name: String,
        /// Target.
        target: Option<String>,
        /// How it resolved, when it did.
        result: ActionResult,
    },
    /// A hidden attacker stage became known.
    Detection {
        /// Stage id.
        stage: String,
        /// What revealed it.
        by: String,
    },
    /// An attacker stage succeeded or was halted (ground truth).
    Attacker {
        /// Stage id.
        stage: String,
        /// Stage title.
        title: String,
        /// ATT&CK technique.
        technique: String,
        /// True when halted for good, false when it succeeded.
        halted: bool,
    },
    /// A regulatory clock started, was met or was missed.
    Clock {
        /// `regime/clock`.
        clock: String,
        /// `started`, `met` or `missed`.
        event: String,
    },
    /// A state change reported by the engine (asset encrypted, service down, …).
    Event {
        /// The engine's words.
        text: String,
    },
    /// A facilitator changed a score line.
    Override {
        /// Line number.
        line: u32,
        /// Points before.
        from: i32,
        /// Points after.
        to: i32,
    },
    /// A record was corrected (who, why).
    Correction {
        /// Journal line of the corrected record.
        corrects: u64,
        /// Its kind.
        kind: String,
        /// Who asked for it.
        by: String,
        /// Why.
        reason: String,
    },
    /// Practice: a hint showed a step of the reference response.
    Hint {
        /// Step number (from 1).
        step: usize,
        /// The step's action or option.
        what: String,
        /// Its target, if any.
        target: Option<String>,
        /// Points it cost.
        points: i32,
    },
    /// The drill was paused.
    Paused,
    /// The drill was resumed after a pause.
    Resumed,
    /// The session was resumed after an interruption.
    Recovered {
        /// Bytes moved aside.
        bytes: u64,
    },
    /// The drill reached an ending.
    Ending {
        /// Ending id.
        id: String,
        /// Title.
        title: String,
    },
    /// The drill was closed.
    Closed {
        /// Completed or aborted.
        status: String,
        /// Reason given.
        reason: String,
    },
}

/// How a submitted action turned out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ActionResult {
    /// Resolved and it worked.
    Succeeded,
    /// Resolved and it failed its roll.
    Failed,
    /// Withdrawn before the turn ended.
    Withdrawn,
    /// No resolution recorded (the journal ends first).
    Unresolved,
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    /// Line number in the journal (from 1).
    pub line: u64,
    /// Turn.
    pub turn: u32,
    /// Scenario minutes since the start of the drill.
    pub scenario_minutes: u64,
    /// Real time.
    pub time: Option<OffsetDateTime>,
    /// Who: `engine`, `facilitator:<name>`, `role:<id>`.
    pub who: String,
    /// What.
    pub kind: TimelineKind,
}

/// An objective with its lines and ratings.
#[derive(Debug, Clone)]
pub struct ObjectiveReport {
    /// The recomputed result (from score lines and overrides).
    pub result: ObjectiveResult,
    /// The result recorded in the journal's final `turn_ended`, if any.
    pub recorded: Option<ObjectiveResult>,
    /// The result the engine scored, before any facilitator override (equal to `result` when
    /// no override touched this objective).
    pub without_overrides: ObjectiveResult,
    /// Score lines for this objective.
    pub lines: Vec<ScoreLine>,
}

/// An override and where it sits in the journal.
#[derive(Debug, Clone)]
pub struct OverrideEntry {
    /// The override.
    pub ov: ScoreOverride,
    /// Journal line (from 1).
    pub line_no: u64,
    /// Real time.
    pub time: Option<OffsetDateTime>,
    /// Objective of the overridden line, when found.
    pub objective: Option<String>,
}

/// Points by CSF function.
#[derive(Debug, Clone)]
pub struct FunctionRow {
    /// The function.
    pub function: CsfFunction,
    /// Objectives of this function: (id, rating).
    pub objectives: Vec<(String, Rating)>,
    /// Points earned.
    pub earned: i32,
    /// Points achievable.
    pub achievable: i32,
    /// Team actions of this function that resolved.
    pub actions: u64,
}

impl FunctionRow {
    /// Share of the achievable points earned (0..1), `None` when nothing was achievable.
    pub fn share(&self) -> Option<f64> {
        (self.achievable > 0)
            .then(|| (f64::from(self.earned) / f64::from(self.achievable)).clamp(0.0, 1.0))
    }

    /// The function's rating: its share rated with the default HSEEP thresholds
    /// ([`Rating::from_share`]); not evaluated when nothing was achievable.
    pub fn rating(&self) -> Rating {
        self.share().map_or(Rating::NotEvaluated, |s| {
            Rating::from_share(s, crate::scenario::Thresholds::default())
        })
    }
}

/// The score at the end of one turn.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnPoint {
    /// Turn.
    pub turn: u32,
    /// Scenario minutes at the end of the turn.
    pub minutes: u64,
    /// Running total recorded in `turn_ended`.
    pub recorded_total: Option<i64>,
    /// Running total recomputed from the score lines and the overrides made so far.
    pub computed_total: i64,
    /// Running points by objective, in the order of [`ReportModel::objectives`].
    pub by_objective: Vec<i64>,
    /// Impact added this turn.
    pub impact: f64,
    /// Impact so far.
    pub impact_total: f64,
}

/// How a regulatory clock went: the verdict of [`crate::scoring::clock`], with the margin.
#[derive(Debug, Clone, PartialEq)]
pub enum ClockVerdict {
    /// Never started: the triggering event did not happen.
    NotStarted,
    /// Started and still open at the end of the journal (a drill not yet ended).
    Open {
        /// Hours left at the end of the journal (negative: overdue, within the grace turns).
        hours_left: i64,
    },
    /// Delivered no later than the deadline.
    Met {
        /// Hours to spare.
        margin_hours: i64,
    },
    /// Delivered after the deadline, within the grace turns.
    MetLate {
        /// Hours after the deadline.
        late_hours: i64,
    },
    /// Not delivered within the grace turns.
    Missed {
        /// Hours past the deadline at the end of the drill (at least this late).
        overdue_hours: i64,
    },
    /// Still open when the drill ended, the deadline after the end: not counted.
    DueAfterEnd {
        /// Hours between the end of the drill and the deadline.
        hours_after_end: i64,
    },
}

/// One regulatory clock.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockReport {
    /// `regime/clock`.
    pub id: String,
    /// Regime name.
    pub regime: String,
    /// Authority to report to.
    pub authority: String,
    /// What must be delivered.
    pub title: String,
    /// Hours allowed.
    pub hours: Option<u64>,
    /// Started: (turn, scenario minutes of the start event).
    pub started: Option<(u32, u64)>,
    /// Deadline in scenario minutes since the start of the drill.
    pub deadline_minutes: Option<u64>,
    /// Last turn that meets the clock, as the engine applied it.
    pub deadline_turn: Option<u32>,
    /// Delivered (met or late): (turn, scenario minutes of the delivery).
    pub delivered: Option<(u32, u64)>,
    /// Found missed: (turn, scenario minutes).
    pub missed: Option<(u32, u64)>,
    /// The verdict.
    pub verdict: ClockVerdict,
    /// Journal lines of the clock's records.
    pub evidence: Vec<u64>,
}

impl ClockReport {
    /// A clock with only its id known, not started.
    pub fn blank(id: String) -> Self {
        ClockReport {
            id,
            regime: String::new(),
            authority: String::new(),
            title: String::new(),
            hours: None,
            started: None,
            deadline_minutes: None,
            deadline_turn: None,
            delivered: None,
            missed: None,
            verdict: ClockVerdict::NotStarted,
            evidence: Vec::new(),
        }
    }
}

/// How one reference step compares with what the team did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepVerdict {
    /// Done by its due turn.
    OnTime,
    /// Done after its due turn.
    Late,
    /// Due, never done.
    Missed,
    /// Its condition never arose and the team did not do it.
    NotApplicable,
    /// A decision step that was settled by the time-out default, not by the team.
    Defaulted,
    /// Done, but the journal cannot tell whether in time (the condition depends on state the
    /// journal does not carry).
    DoneUntimed,
    /// Not done, and the journal cannot tell whether it was needed.
    Undetermined,
}

/// One step of the reference response.
#[derive(Debug, Clone, PartialEq)]
pub struct StepReport {
    /// Role expected to act.
    pub role: String,
    /// Action id (or empty for a decision step).
    pub action: Option<String>,
    /// Decision option id for a decision step.
    pub choose: Option<String>,
    /// Target.
    pub target: Option<String>,
    /// Why a good team does this.
    pub why: String,
    /// Turn the step's condition is known to have held (its due turn when exact).
    pub due_turn: Option<u32>,
    /// True when the journal decides the condition at every turn, so `due_turn` is exact.
    pub due_exact: bool,
    /// When not exact: the first turn at which the condition could not be decided; the step
    /// fell due at the earliest then (and at the latest at `due_turn`, if known).
    pub due_from: Option<u32>,
    /// What the team did: (turn, role, journal line).
    pub done: Option<(u32, String, u64)>,
    /// True when the matching action failed its roll.
    pub done_failed: bool,
    /// The verdict.
    pub verdict: StepVerdict,
}

/// An action the team took that no reference step asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionTaken {
    /// Turn.
    pub turn: u32,
    /// Role.
    pub role: String,
    /// Action id.
    pub action: String,
    /// Action name.
    pub name: String,
    /// Target.
    pub target: Option<String>,
    /// It worked.
    pub success: bool,
    /// Journal line.
    pub line: u64,
}

/// The team's response beside the reference response.
#[derive(Debug, Clone, Default)]
pub struct ResponseReport {
    /// One row per reference step, in scenario order.
    pub steps: Vec<StepReport>,
    /// Actions the team took beyond the reference response.
    pub extra: Vec<ActionTaken>,
}

impl ResponseReport {
    /// How many reference steps got this verdict.
    pub fn count(&self, verdict: StepVerdict) -> usize {
        self.steps.iter().filter(|s| s.verdict == verdict).count()
    }
}

/// An expectation and how it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectationRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Objective id.
    pub objective: String,
    /// Full points.
    pub points: i64,
    /// Last status recorded, if any.
    pub status: Option<ExpectStatus>,
}

/// A text recorded by the facilitator (note, hotwash line, sign-off).
#[derive(Debug, Clone, PartialEq)]
pub struct NoteEntry {
    /// Turn.
    pub turn: u32,
    /// Real time.
    pub time: Option<OffsetDateTime>,
    /// Who recorded it.
    pub who: String,
    /// The text.
    pub text: String,
    /// Journal line.
    pub line: u64,
    /// A facilitator note marked private (left out of the redacted edition).
    pub private: bool,
}

/// One corrective action of the improvement plan (the HSEEP improvement-plan matrix).
#[derive(Debug, Clone, PartialEq)]
pub struct ImprovementEntry {
    /// Corrective action.
    pub action: String,
    /// Objective id.
    pub objective: Option<String>,
    /// Point of contact.
    pub owner: String,
    /// Due (completion) date as recorded.
    pub due: String,
    /// Journal line.
    pub line: u64,
    /// Stable id (as recorded, else `IP-n` by order).
    pub id: String,
    /// Core capability (as recorded, else the objective's).
    pub capability: Option<String>,
    /// Id of the area for improvement it answers.
    pub area: Option<String>,
    /// Capability element.
    pub element: Option<crate::scenario::script::CapabilityElement>,
    /// Primary responsible organisation.
    pub organisation: String,
    /// Start date as recorded.
    pub start: Option<String>,
    /// Status.
    pub status: crate::scenario::script::ItemStatus,
}

/// Where an improvement item of an earlier drill stands, as recorded in this drill's hotwash.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemUpdateEntry {
    /// The update as recorded (drill id, item id, status, note).
    pub update: crate::scenario::script::ItemUpdate,
    /// Journal line.
    pub line: u64,
    /// Real time.
    pub time: Option<OffsetDateTime>,
}

/// The debrief.
#[derive(Debug, Clone, Default)]
pub struct Debrief {
    /// Hotwash strengths.
    pub strengths: Vec<NoteEntry>,
    /// Hotwash areas for improvement.
    pub areas: Vec<NoteEntry>,
    /// The improvement plan.
    pub items: Vec<ImprovementEntry>,
    /// Where the items of earlier drills stand, as this drill's hotwash recorded them.
    pub item_updates: Vec<ItemUpdateEntry>,
    /// Facilitator notes.
    pub notes: Vec<NoteEntry>,
    /// Executive sign-offs.
    pub signoffs: Vec<NoteEntry>,
    /// The areas for improvement in full, in the order of `areas` (ids `AFI-n` by order where
    /// the journal gives none).
    pub area_details: Vec<crate::scenario::script::AreaForImprovement>,
    /// The sign-offs in full, in the order of `signoffs` (the record's time where the body
    /// gives none).
    pub signoff_details: Vec<crate::records::Signoff>,
}

/// Totals and the ending.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Points after overrides, recomputed.
    pub total: i64,
    /// Achievable points, recomputed.
    pub achievable: i64,
    /// Impact total (last `turn_ended`).
    pub impact_total: f64,
    /// The ending reached, if any.
    pub ending: Option<EndingView>,
    /// Turn the attacker was first detected.
    pub first_detection_turn: Option<u32>,
    /// True when the journal holds the final `result`.
    pub has_result: bool,
}

/// Integrity facts about the journal file.
#[derive(Debug, Clone)]
pub struct Integrity {
    /// File name of the journal (for the verify commands).
    pub file_name: String,
    /// SHA-256 of the whole file.
    pub file_sha256: String,
    /// Size in bytes.
    pub file_bytes: u64,
    /// Valid lines.
    pub records: u64,
    /// Checkpoints.
    pub checkpoints: u64,
    /// Merkle root of all valid lines.
    pub merkle_root: String,
    /// Sealed (final checkpoint after `drill_closed`).
    pub sealed: bool,
    /// How the drill was closed, if it was.
    pub closed: Option<CloseStatus>,
    /// Reason given when closing.
    pub close_reason: String,
    /// Signature status (verified when the report was made with `--pubkey`).
    pub signature: SignatureStatus,
    /// The evidence grade: signature verified, signed but key not checked, or unsigned.
    pub grade: Option<EvidenceGrade>,
    /// Set when the drill is closed as completed but never reached an ending or its turn
    /// limit: the record stops early and the ratings are provisional.
    pub incomplete: Option<Incomplete>,
    /// Torn tail, if any.
    pub torn_tail: Option<TornTail>,
    /// Sessions resumed after an interruption: (journal line, bytes moved).
    pub recoveries: Vec<(u64, u64)>,
}

impl Integrity {
    /// True when the ratings are provisional: the journal is not sealed, or the drill is
    /// closed as completed without having reached an ending or its turn limit.
    pub fn provisional(&self) -> bool {
        !self.sealed || self.incomplete.is_some()
    }
}

/// A number in the journal that does not match its recomputation.
#[derive(Debug, Clone, PartialEq)]
pub enum Inconsistency {
    /// An objective's recomputed rating or points differ from the recorded result.
    Objective {
        /// Objective id.
        id: String,
        /// Recorded (earned, achievable, rating).
        recorded: (i32, i32, Rating),
        /// Recomputed (earned, achievable, rating).
        computed: (i32, i32, Rating),
    },
    /// An objective is in the recorded result but not in the header, or the reverse.
    ObjectiveSet {
        /// Objective id.
        id: String,
    },
    /// The recorded total differs from the recomputed one.
    Total {
        /// Turn (0 for the final result).
        turn: u32,
        /// Recorded.
        recorded: i64,
        /// Recomputed.
        computed: i64,
    },
    /// A typed record (a turn's events, a score line's reason) does not say, in English, what
    /// the text recorded beside it says: the report shows the recorded text.
    Text {
        /// Journal line.
        line: u64,
        /// Kind.
        kind: String,
        /// The text recorded.
        recorded: String,
        /// The typed form in English.
        rendered: String,
    },
    /// A body could not be read as the record kind says.
    Unreadable {
        /// Journal line.
        line: u64,
        /// Kind.
        kind: String,
    },
}
