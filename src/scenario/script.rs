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
    /// What needs to improve.
    #[serde(default)]
    pub improvements: Vec<String>,
    /// The improvement plan.
    #[serde(default)]
    pub items: Vec<ImprovementItem>,
    /// Executive sign-off: name of the executive who accepts the report.
    #[serde(default)]
    pub signoff: Option<String>,
}

/// One corrective action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImprovementItem {
    /// Corrective action.
    pub action: String,
    /// Objective id it addresses.
    #[serde(default)]
    pub objective: Option<String>,
    /// Responsible person or role.
    pub owner: String,
    /// Due date (YYYY-MM-DD).
    pub due: String,
}
