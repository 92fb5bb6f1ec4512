//! The actions script (RON) for headless runs: who did what to which target, per turn, plus the
//! drill record a console would collect (participants, notes, hotwash).

use serde::{Deserialize, Serialize};

/// A scripted drill.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// Format version; must be 1.
    pub format: u32,
    /// Facilitator's name.
    #[serde(default)]
    pub facilitator: Option<String>,
    /// Drill title (defaults to the scenario title).
    #[serde(default)]
    pub title: Option<String>,
    /// Date of the organisation's previous drill (YYYY-MM-DD), shown in the report.
    #[serde(default)]
    pub previous_drill: Option<String>,
    /// People taking part and their roles.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// What happens in each turn.
    #[serde(default)]
    pub turns: Vec<ScriptTurn>,
    /// The debrief.
    #[serde(default)]
    pub hotwash: Option<Hotwash>,
}

/// A person and their role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Name.
    pub name: String,
    /// Role id.
    pub role: String,
}

/// One turn of the script.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Turn")]
pub struct ScriptTurn {
    /// Turn number (from 1).
    pub turn: u32,
    /// Actions, in order.
    #[serde(default)]
    pub actions: Vec<Act>,
    /// Decisions taken.
    #[serde(default)]
    pub decisions: Vec<Choice>,
    /// Facilitator notes.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Score overrides made during this turn, before it resolves (so they name lines scored in
    /// earlier turns).
    #[serde(default)]
    pub overrides: Vec<Override>,
}

/// One action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// Role id taking it.
    pub role: String,
    /// Action id.
    pub action: String,
    /// Target id when the action needs one.
    #[serde(default)]
    pub target: Option<String>,
}

/// A decision taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Decision id.
    pub decision: String,
    /// Option id.
    pub option: String,
    /// Role id deciding.
    pub role: String,
}

/// A facilitator's score override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Score line number (as printed).
    pub line: u32,
    /// New points.
    pub points: i32,
    /// Why.
    pub reason: String,
}

/// The debrief after the drill.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hotwash {
    /// What went well.
    #[serde(default)]
    pub strengths: Vec<String>,
    /// What needs to improve, one line each.
    #[serde(default)]
    pub improvements: Vec<String>,
    /// Areas for improvement with their observation, analysis, recommendation and reference
    /// (recorded after `improvements`).
    #[serde(default)]
    pub areas: Vec<AreaForImprovement>,
    /// The improvement plan.
    #[serde(default)]
    pub items: Vec<ImprovementItem>,
    /// Where the open items of earlier drills stand (done, in progress, dropped), each with a
    /// note: recorded after the plan, before the sign-off.
    #[serde(default)]
    pub item_updates: Vec<ItemUpdate>,
    /// Executive sign-off: name of the executive who accepts the report.
    #[serde(default)]
    pub signoff: Option<String>,
    /// The signing executive's role or title (e.g. "President").
    #[serde(default)]
    pub signoff_role: Option<String>,
    /// What the executive states in signing (default: the standard acceptance statement).
    #[serde(default)]
    pub signoff_statement: Option<String>,
}

/// An area for improvement found in the hotwash (HSEEP AAR/IP: the issue, with its
/// observation, analysis, recommendation and reference). Also the body of a
/// `hotwash_improvement_area` record; a record holding only `text` is the older one-line form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaForImprovement {
    /// Analysis: why it happened, its root cause and its effect.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub analysis: String,
    /// Stable id within the drill (e.g. `AFI-1`), which improvement items name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Observation: what was seen during the drill.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub observation: String,
    /// Recommendation: what should change.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recommendation: String,
    /// Reference: the plan, procedure, law or standard it concerns.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    /// The area for improvement, as one line.
    pub text: String,
}

/// The capability element an improvement item works on (HSEEP: planning, organisation,
/// equipment, training, exercises).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CapabilityElement {
    /// Plans, procedures, policies.
    Planning,
    /// Structure, staffing, leadership, agreements.
    #[serde(alias = "Organization")]
    Organisation,
    /// Equipment and systems.
    Equipment,
    /// Training.
    Training,
    /// Exercises.
    Exercises,
}

impl CapabilityElement {
    /// Every element, in HSEEP order.
    pub const ALL: [CapabilityElement; 5] = [
        CapabilityElement::Planning,
        CapabilityElement::Organisation,
        CapabilityElement::Equipment,
        CapabilityElement::Training,
        CapabilityElement::Exercises,
    ];

    /// English name.
    pub fn name(self) -> &'static str {
        match self {
            CapabilityElement::Planning => "Planning",
            CapabilityElement::Organisation => "Organisation",
            CapabilityElement::Equipment => "Equipment",
            CapabilityElement::Training => "Training",
            CapabilityElement::Exercises => "Exercises",
        }
    }

    /// Japanese name.
    pub fn name_ja(self) -> &'static str {
        match self {
            CapabilityElement::Planning => "計画",
            CapabilityElement::Organisation => "組織",
            CapabilityElement::Equipment => "資機材",
            CapabilityElement::Training => "教育・研修",
            CapabilityElement::Exercises => "演習",
        }
    }
}

/// Where an improvement item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ItemStatus {
    /// Not started (the default, also for items recorded before status existed).
    #[default]
    Open,
    /// Work has started.
    InProgress,
    /// Completed.
    Done,
    /// Dropped (the reason belongs in a note).
    Dropped,
}

impl ItemStatus {
    /// Every status, in order.
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Open,
        ItemStatus::InProgress,
        ItemStatus::Done,
        ItemStatus::Dropped,
    ];

    /// English name.
    pub fn name(self) -> &'static str {
        match self {
            ItemStatus::Open => "open",
            ItemStatus::InProgress => "in progress",
            ItemStatus::Done => "done",
            ItemStatus::Dropped => "dropped",
        }
    }

    /// Japanese name.
    pub fn name_ja(self) -> &'static str {
        match self {
            ItemStatus::Open => "未着手",
            ItemStatus::InProgress => "対応中",
            ItemStatus::Done => "完了",
            ItemStatus::Dropped => "取り止め",
        }
    }
}

/// One item of the improvement plan (HSEEP AAR/IP improvement-plan matrix): the one type the
/// console's hotwash, actions scripts, the `improvement_item` record and the report share.
/// Items recorded before the HSEEP columns existed hold only `action`, `objective`, `owner` and
/// `due`; the other fields default.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImprovementItem {
    /// Stable id within the drill (e.g. `IP-1`); with the drill id it names the item across
    /// drills. Empty in older journals (the report numbers those items in order).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Corrective action.
    pub action: String,
    /// Objective id it addresses.
    #[serde(default)]
    pub objective: Option<String>,
    /// Core capability it improves (default in the report: the objective's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capability: Option<String>,
    /// Id of the area for improvement it answers (e.g. `AFI-1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Capability element it works on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<CapabilityElement>,
    /// Primary responsible organisation (a department, a supplier, …).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    /// Point of contact: the person (or role) responsible.
    pub owner: String,
    /// Start date (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Completion (due) date (YYYY-MM-DD).
    pub due: String,
    /// Where it stands.
    #[serde(default)]
    pub status: ItemStatus,
}

/// Where an improvement item of an earlier drill stands, as the facilitator records it in a
/// later drill's hotwash (HSEEP: the plan is tracked to completion). Also the body of an
/// `improvement_item_update` record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemUpdate {
    /// Drill id of the drill whose plan holds the item. Empty: the latest earlier drill with an
    /// item of this id (`kunren run --register` fills it in from the register).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub drill: String,
    /// The item's stable id within that drill (e.g. `IP-1`).
    pub id: String,
    /// What was done, or why the item was dropped.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Where the item stands now.
    pub status: ItemStatus,
}
