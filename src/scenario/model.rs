//! The scenario format (`scenarios/*.ron`).

use serde::{Deserialize, Serialize};

use super::catalogue::{ActionDef, CsfFunction};
use super::condition::{Condition, Effect};

/// An authored, versioned exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be 1.
    pub format: u32,
    /// Stable kebab-case id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Scenario version (author's own, e.g. "1.2").
    pub version: String,
    /// Language of the text: `en` or `ja`.
    pub language: String,
    /// Sector.
    pub sector: String,
    /// Summary for the facilitator and the report.
    pub summary: String,
    /// Authors.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Path of the organisation file, relative to the scenario file's folder or the project root.
    pub org: String,
    /// Minutes of scenario time per turn.
    pub turn_minutes: u32,
    /// Turn limit.
    pub max_turns: u32,
    /// When turn 1 starts in calendar time: a date and time with an IANA time zone,
    /// `"2021-05-07T05:00[America/New_York]"` (daylight saving included); turn headers, the
    /// console and the report then show the wall-clock time of each turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
    /// Regulatory regimes in force and how they are scored.
    #[serde(default)]
    pub regimes: Vec<RegimeUse>,
    /// What the drill evaluates.
    pub objectives: Vec<Objective>,
    /// The attacker's campaign.
    pub campaign: Vec<Stage>,
    /// Scenario-specific actions, added to the standard catalogue.
    #[serde(default)]
    pub actions: Vec<ActionDef>,
    /// The MSEL.
    pub injects: Vec<Inject>,
    /// What a good team does.
    pub expectations: Vec<Expect>,
    /// Bonuses and penalties on events.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// How the drill can end.
    pub endings: Vec<Ending>,
    /// What a well-prepared team does: drives `--policy expert` and is the model answer in the report.
    #[serde(default)]
    pub reference_response: Vec<Step>,
    /// Free note for authors; surfaces as a lint note.
    #[serde(default)]
    pub todo: Option<String>,
    /// The threat or hazard the exercise plays (HSEEP AAR/IP overview), in the scenario's
    /// language.
    #[serde(default)]
    pub threat: Option<String>,
    /// HSEEP mission areas the exercise covers.
    #[serde(default)]
    pub mission_areas: Vec<MissionArea>,
    /// HSEEP exercise type (default: a tabletop exercise).
    #[serde(default)]
    pub exercise_type: Option<ExerciseType>,
    /// Points each hint costs in `kunren practice` (default 0: hints are free).
    #[serde(default)]
    pub hint_points: u32,
    /// Labels of the flags this scenario sets and reads, for the team's screen (the standard
    /// catalogue labels its own flags; a label here wins).
    #[serde(default)]
    pub flags: Vec<FlagLabel>,
}

/// How a flag reads on the team's screen: conditions and effects name flags by id, the screen
/// by this label (in the drill's language when `label_ja` is given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Flag")]
pub struct FlagLabel {
    /// Flag id.
    pub id: String,
    /// Label in English.
    pub label: String,
    /// Label in Japanese.
    #[serde(default)]
    pub label_ja: Option<String>,
}

/// A mission area of the U.S. National Preparedness Goal, as the HSEEP AAR/IP overview names
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MissionArea {
    /// Prevent an imminent attack.
    Prevention,
    /// Protect against threats and hazards.
    Protection,
    /// Reduce the impact of disasters.
    Mitigation,
    /// Save lives, protect property, meet basic needs after an incident.
    Response,
    /// Restore and revitalise.
    Recovery,
}

impl MissionArea {
    /// Every mission area, in HSEEP order.
    pub const ALL: [MissionArea; 5] = [
        MissionArea::Prevention,
        MissionArea::Protection,
        MissionArea::Mitigation,
        MissionArea::Response,
        MissionArea::Recovery,
    ];

    /// English name.
    pub fn name(self) -> &'static str {
        match self {
            MissionArea::Prevention => "Prevention",
            MissionArea::Protection => "Protection",
            MissionArea::Mitigation => "Mitigation",
            MissionArea::Response => "Response",
            MissionArea::Recovery => "Recovery",
        }
    }

    /// Japanese name.
    pub fn name_ja(self) -> &'static str {
        match self {
            MissionArea::Prevention => "予防",
            MissionArea::Protection => "防護",
            MissionArea::Mitigation => "被害軽減",
            MissionArea::Response => "対応",
            MissionArea::Recovery => "復旧",
        }
    }
}

/// An HSEEP exercise type: discussion-based (seminar to game) or operations-based (drill to
/// full-scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ExerciseType {
    /// Seminar.
    Seminar,
    /// Workshop.
    Workshop,
    /// Tabletop exercise (TTX), the default.
    #[default]
    Tabletop,
    /// Game.
    Game,
    /// Drill.
    Drill,
    /// Functional exercise (FE).
    Functional,
    /// Full-scale exercise (FSE).
    FullScale,
}

impl ExerciseType {
    /// English name.
    pub fn name(self) -> &'static str {
        match self {
            ExerciseType::Seminar => "Seminar",
            ExerciseType::Workshop => "Workshop",
            ExerciseType::Tabletop => "Tabletop exercise",
            ExerciseType::Game => "Game",
            ExerciseType::Drill => "Drill",
            ExerciseType::Functional => "Functional exercise",
            ExerciseType::FullScale => "Full-scale exercise",
        }
    }

    /// Japanese name.
    pub fn name_ja(self) -> &'static str {
        match self {
            ExerciseType::Seminar => "セミナー",
            ExerciseType::Workshop => "ワークショップ",
            ExerciseType::Tabletop => "机上演習",
            ExerciseType::Game => "ゲーム形式の演習",
            ExerciseType::Drill => "ドリル（個別訓練）",
            ExerciseType::Functional => "機能演習",
            ExerciseType::FullScale => "総合演習",
        }
    }
}

/// The 32 core capabilities of the U.S. National Preparedness Goal (2nd edition, 2015), which
/// HSEEP objectives map to; `kunren check` warns about an objective's capability outside it.
pub const CORE_CAPABILITIES: [&str; 32] = [
    "Planning",
    "Public Information and Warning",
    "Operational Coordination",
    "Forensics and Attribution",
    "Intelligence and Information Sharing",
    "Interdiction and Disruption",
    "Screening, Search, and Detection",
    "Access Control and Identity Verification",
    "Cybersecurity",
    "Physical Protective Measures",
    "Risk Management for Protection Programs and Activities",
    "Supply Chain Integrity and Security",
    "Community Resilience",
    "Long-term Vulnerability Reduction",
    "Risk and Disaster Resilience Assessment",
    "Threats and Hazards Identification",
    "Critical Transportation",
    "Environmental Response/Health and Safety",
    "Fatality Management Services",
    "Fire Management and Suppression",
    "Infrastructure Systems",
    "Logistics and Supply Chain Management",
    "Mass Care Services",
    "Mass Search and Rescue Operations",
    "On-scene Security, Protection, and Law Enforcement",
    "Operational Communications",
    "Public Health, Healthcare, and Emergency Medical Services",
    "Situational Assessment",
    "Economic Recovery",
    "Health and Social Services",
    "Housing",
    "Natural and Cultural Resources",
];

/// Use of a regime by a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeUse {
    /// Regime id (a file `assets/regimes/<id>.ron`).
    pub id: String,
    /// Objective the clocks evidence.
    pub objective: String,
    /// Points for each clock met on time.
    pub points: i32,
    /// Points (usually negative) for each clock missed.
    #[serde(default)]
    pub missed_points: i32,
    /// Deadline in hours for clocks whose regime leaves it to the scenario (default 24).
    #[serde(default)]
    pub hours: Option<u32>,
    /// Points for each clock delivered late, within the grace turns (default: half of
    /// `missed_points`, so a late report scores between on time and missed).
    #[serde(default)]
    pub late_points: Option<i32>,
    /// Turns after a deadline in which a delivery counts as late rather than missed
    /// (default [`DEFAULT_CLOCK_GRACE`]).
    #[serde(default)]
    pub grace: Option<u32>,
    /// The whole regime, carried in the scenario (inline): for a regime kunren does not ship
    /// and the scenario does not keep in `regimes/<id>.ron`. Its `id` must be this entry's id
    /// and not a shipped regime's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regime: Option<Box<super::catalogue::Regime>>,
}

/// Grace turns after a clock's deadline when the scenario does not say.
pub const DEFAULT_CLOCK_GRACE: u32 = 1;

impl RegimeUse {
    /// Points for a late delivery.
    pub fn late_points(&self) -> i32 {
        self.late_points.unwrap_or(self.missed_points / 2)
    }

    /// Grace turns after a deadline.
    pub fn grace(&self) -> u32 {
        self.grace.unwrap_or(DEFAULT_CLOCK_GRACE)
    }
}

/// Rating thresholds as shares of achievable points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Share for P (performed without challenges).
    pub p: f64,
    /// Share for S (with some challenges).
    pub s: f64,
    /// Share for M (with major challenges).
    pub m: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            p: 0.85,
            s: 0.60,
            m: 0.35,
        }
    }
}

/// What the drill evaluates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Stable id.
    pub id: String,
    /// CSF 2.0 function.
    pub function: CsfFunction,
    /// Title.
    pub title: String,
    /// Rating thresholds; default P ≥ 85 %, S ≥ 60 %, M ≥ 35 %.
    #[serde(default)]
    pub thresholds: Option<Thresholds>,
    /// The HSEEP core capability the objective exercises (e.g. "Operational Coordination").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capability: Option<String>,
    /// The capability's name in Japanese, for Japanese reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capability_ja: Option<String>,
}

/// MITRE ATT&CK tactic of a stage: the Enterprise tactics and the ICS-only ones (shared names
/// such as `InitialAccess` or `Impact` are valid in both domains; the technique says which).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tactic {
    /// TA0001.
    InitialAccess,
    /// TA0002.
    Execution,
    /// TA0003.
    Persistence,
    /// TA0004.
    PrivilegeEscalation,
    /// TA0005.
    DefenseEvasion,
    /// TA0006.
    CredentialAccess,
    /// TA0007.
    Discovery,
    /// TA0008.
    LateralMovement,
    /// TA0009.
    Collection,
    /// TA0011.
    CommandAndControl,
    /// TA0010.
    Exfiltration,
    /// TA0040 (ICS TA0105).
    Impact,
    /// ICS TA0103.
    Evasion,
    /// ICS TA0107.
    InhibitResponseFunction,
    /// ICS TA0106.
    ImpairProcessControl,
}

impl Scenario {
    /// The drill's start in calendar time, when `starts_at` is given and valid.
    pub fn start(&self) -> Option<super::calendar::Start> {
        super::calendar::parse(self.starts_at.as_deref()?).ok()
    }

    /// The wall-clock time at which turn `turn` (1-based) starts, when the drill has a valid
    /// `starts_at`.
    pub fn turn_start_label(&self, turn: u32, ja: bool) -> Option<String> {
        let minutes = u64::from(turn.saturating_sub(1)) * u64::from(self.turn_minutes);
        Some(self.start()?.label(minutes, ja))
    }
}

impl Tactic {
    /// ATT&CK's short name of the tactic (`initial-access`, `impair-process-control`).
    pub fn shortname(self) -> &'static str {
        match self {
            Tactic::InitialAccess => "initial-access",
            Tactic::Execution => "execution",
            Tactic::Persistence => "persistence",
            Tactic::PrivilegeEscalation => "privilege-escalation",
            Tactic::DefenseEvasion => "defense-evasion",
            Tactic::CredentialAccess => "credential-access",
            Tactic::Discovery => "discovery",
            Tactic::LateralMovement => "lateral-movement",
            Tactic::Collection => "collection",
            Tactic::CommandAndControl => "command-and-control",
            Tactic::Exfiltration => "exfiltration",
            Tactic::Impact => "impact",
            Tactic::Evasion => "evasion",
            Tactic::InhibitResponseFunction => "inhibit-response-function",
            Tactic::ImpairProcessControl => "impair-process-control",
        }
    }

    /// ATT&CK's name of the tactic (`Initial Access`, `Impair Process Control`).
    pub fn label(self) -> &'static str {
        match self {
            Tactic::InitialAccess => "Initial Access",
            Tactic::Execution => "Execution",
            Tactic::Persistence => "Persistence",
            Tactic::PrivilegeEscalation => "Privilege Escalation",
            Tactic::DefenseEvasion => "Defense Evasion",
            Tactic::CredentialAccess => "Credential Access",
            Tactic::Discovery => "Discovery",
            Tactic::LateralMovement => "Lateral Movement",
            Tactic::Collection => "Collection",
            Tactic::CommandAndControl => "Command and Control",
            Tactic::Exfiltration => "Exfiltration",
            Tactic::Impact => "Impact",
            Tactic::Evasion => "Evasion",
            Tactic::InhibitResponseFunction => "Inhibit Response Function",
            Tactic::ImpairProcessControl => "Impair Process Control",
        }
    }
}

/// A stage of the attacker's campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stable id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// ATT&CK technique id (T1566 or T1566.001).
    pub technique: String,
    /// ATT&CK tactic.
    pub tactic: Tactic,
    /// Stage that must be reached first.
    #[serde(default)]
    pub after: Option<String>,
    /// Earliest turn it can be attempted.
    #[serde(default)]
    pub earliest: Option<u32>,
    /// Asset the stage acts on, if any.
    #[serde(default)]
    pub target: Option<String>,
    /// Base chance per turn.
    pub chance: f64,
    /// How hard the stage is to find once reached, 0..1 (default 0): every hunt, inspection
    /// and monitoring control finds it with its chance × (1 − stealth). Long dwell is a high
    /// stealth; 1 can only be found by what it does (its injects and effects).
    #[serde(default)]
    pub stealth: f64,
    /// Chance multipliers that apply while their condition holds (0 blocks).
    #[serde(default)]
    pub modifiers: Vec<Modifier>,
    /// The stage stops for good when this holds before it is reached.
    #[serde(default)]
    pub halted_when: Option<Condition>,
    /// Controls (ids) that watch for this stage once reached; each rolls its `detect_chance` per turn.
    #[serde(default)]
    pub detected_by: Vec<String>,
    /// What happens when the stage succeeds.
    #[serde(default)]
    pub on_success: Vec<Effect>,
    /// Free note for authors.
    #[serde(default)]
    pub todo: Option<String>,
}

/// A chance multiplier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modifier {
    /// When it applies.
    pub when: Condition,
    /// Multiplier on the chance (0 blocks, 0.5 halves, 1.5 helps the attacker).
    pub factor: f64,
    /// Why, in plain words (shown with the roll).
    pub reason: String,
    /// Why, in Japanese (shown in a Japanese drill; `reason` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_ja: Option<String>,
}

/// When an inject fires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// At the start of this turn.
    At(u32),
    /// A number of turns after an inject was delivered or a decision option chosen (id of either).
    After(String, u32),
    /// At the start of the first turn when the condition holds.
    When(Condition),
}

/// How an inject reaches the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    /// Security tool alert.
    Alert,
    /// E-mail.
    Email,
    /// Phone call.
    Phone,
    /// Press or media enquiry.
    Press,
    /// Ransom note or attacker message.
    Attacker,
    /// Internal memo or chat.
    Memo,
    /// Authority or regulator.
    Authority,
    /// Supplier message.
    Supplier,
}

impl Channel {
    /// True when an inject on this channel makes the team aware of the incident (see
    /// [`crate::scenario::Condition::Discovered`]): a security alert or the attacker's message.
    pub fn makes_aware(self) -> bool {
        matches!(self, Channel::Alert | Channel::Attacker)
    }
}

/// An artifact attached to an inject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Artifact {
    /// Log lines.
    Log(String),
    /// An e-mail: from, subject, body.
    Email(String, String, String),
    /// A note or document excerpt.
    Note(String),
}

/// A message delivered to the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    /// Stable id.
    pub id: String,
    /// When it fires.
    pub trigger: Trigger,
    /// Role ids it is addressed to.
    pub to: Vec<String>,
    /// Channel.
    pub channel: Channel,
    /// Sender as shown.
    #[serde(default)]
    pub from: String,
    /// Headline.
    pub title: String,
    /// Body text.
    pub text: String,
    /// Attached artifacts.
    #[serde(default)]
    pub artifacts: Vec<Artifact>,
    /// A choice the team must make.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Effects when delivered (e.g. setting a flag the team now knows).
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// A facilitator-only contingency inject (fired by hand from the console).
    #[serde(default)]
    pub contingency: bool,
    /// Free note for authors.
    #[serde(default)]
    pub todo: Option<String>,
}

/// A decision attached to an inject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Stable id.
    pub id: String,
    /// The question.
    pub prompt: String,
    /// Role that decides.
    pub owner: String,
    /// Turns before the default is applied.
    pub timeout_turns: u32,
    /// Option id applied on time-out.
    pub default: String,
    /// Options.
    pub options: Vec<Opt>,
}

/// One option of a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opt {
    /// Stable id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Effects.
    #[serde(default)]
    pub effects: Vec<Effect>,
}

/// What activates an expectation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Activation {
    /// From the start of the drill.
    Start,
    /// When this inject is delivered.
    Inject(String),
    /// When this condition first holds.
    When(Condition),
}

/// What a good team does in response to an inject or state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Stable id.
    pub id: String,
    /// What is expected, in plain words.
    pub title: String,
    /// The title in Japanese, shown in a Japanese drill (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_ja: Option<String>,
    /// What activates it.
    pub after: Activation,
    /// Met when this holds (e.g. `Any([Did("isolate-host"), Did("disable-account")])`).
    pub done_when: Condition,
    /// Fails at once when this holds (e.g. `Chose("pay")`).
    #[serde(default)]
    pub fail_when: Option<Condition>,
    /// Turns allowed, counting the activation turn as the first.
    pub within: u32,
    /// Points when met on time.
    pub points: i32,
    /// Points when met late, within the grace.
    #[serde(default)]
    pub late_points: i32,
    /// Extra turns during which a late response still earns `late_points`.
    #[serde(default)]
    pub grace: u32,
    /// Points when it fails or expires (0 or negative).
    #[serde(default)]
    pub missed_points: i32,
    /// Objective it evidences.
    pub objective: String,
}

/// A bonus or penalty on an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// Why, in plain words.
    pub reason: String,
    /// The reason in Japanese, shown in a Japanese drill (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_ja: Option<String>,
    /// When it applies.
    pub when: Condition,
    /// Points (signed).
    pub points: i32,
    /// Objective it counts towards.
    pub objective: String,
    /// `Once` (first turn it holds), `EveryTurn` (each turn it holds, penalties only) or `AtEnd`.
    #[serde(default)]
    pub apply: RuleApply,
}

/// When a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RuleApply {
    /// The first turn its condition holds.
    #[default]
    Once,
    /// Every turn its condition holds (penalties only).
    EveryTurn,
    /// At the end of the drill, if the condition holds then.
    AtEnd,
}

/// Kind of ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndingKind {
    /// The attack was contained.
    Contained,
    /// Services recovered after damage.
    Recovered,
    /// The organisation was badly hurt.
    Breached,
    /// Turn limit reached.
    TimeLimit,
}

/// An ending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: EndingKind,
    /// Checked at the end of each turn, in order.
    pub when: Condition,
    /// Epilogue shown to the team.
    #[serde(default)]
    pub text: String,
}

/// One step of the reference response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Earliest turn.
    #[serde(default = "first_turn")]
    pub turn: u32,
    /// Taken the first turn (≥ `turn`) when this holds; write it over what the team knows.
    #[serde(default)]
    pub when: Option<Condition>,
    /// Role that takes it.
    pub role: String,
    /// Action id (or give `choose` instead).
    #[serde(default)]
    pub action: Option<String>,
    /// Decision option id to choose (instead of an action).
    #[serde(default)]
    pub choose: Option<String>,
    /// Target id, if the action needs one.
    #[serde(default)]
    pub target: Option<String>,
    /// Why a good team does this (shown in the report).
    #[serde(default)]
    pub why: String,
}

fn first_turn() -> u32 {
    1
}
