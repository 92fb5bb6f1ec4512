//! The action catalogue (`assets/actions.ron`) and regulatory regimes (`assets/regimes/*.ron`).

use serde::{Deserialize, Serialize};

use super::condition::{Condition, Effect};

/// NIST CSF 2.0 function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CsfFunction {
    /// Govern.
    Govern,
    /// Identify.
    Identify,
    /// Protect.
    Protect,
    /// Detect.
    Detect,
    /// Respond.
    Respond,
    /// Recover.
    Recover,
}

impl CsfFunction {
    /// All functions in CSF order.
    pub const ALL: [CsfFunction; 6] = [
        CsfFunction::Govern,
        CsfFunction::Identify,
        CsfFunction::Protect,
        CsfFunction::Detect,
        CsfFunction::Respond,
        CsfFunction::Recover,
    ];

    /// The function's name.
    pub fn name(self) -> &'static str {
        match self {
            CsfFunction::Govern => "Govern",
            CsfFunction::Identify => "Identify",
            CsfFunction::Protect => "Protect",
            CsfFunction::Detect => "Detect",
            CsfFunction::Respond => "Respond",
            CsfFunction::Recover => "Recover",
        }
    }
}

/// A list of actions; the standard one ships in `assets/actions.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Format version; must be 1.
    pub format: u32,
    /// The actions.
    pub actions: Vec<ActionDef>,
}

/// What an action is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetKind {
    /// No target.
    None,
    /// An asset of the organisation.
    Asset,
    /// A regulatory regime the scenario uses.
    Regime,
    /// A supplier of the organisation.
    Supplier,
}

/// An action the team can take in a turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Action")]
pub struct ActionDef {
    /// Stable kebab-case id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Display name in Japanese.
    #[serde(default)]
    pub name_ja: Option<String>,
    /// CSF function the action belongs to.
    pub function: CsfFunction,
    /// Role that owns the action by default (any role may take it, paying the cost from its capacity).
    pub owner: String,
    /// Capacity points it costs.
    pub cost: u32,
    /// What it targets.
    #[serde(default = "default_target")]
    pub target: TargetKind,
    /// Precondition; `$target` names the chosen target.
    #[serde(default)]
    pub requires: Option<Condition>,
    /// Can be taken only once per target over the drill.
    #[serde(default)]
    pub once: bool,
    /// Chance that it works; the roll is shown.
    #[serde(default = "one")]
    pub chance: f64,
    /// Effects when it works; `$target` names the chosen target.
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// What it does, in one sentence.
    #[serde(default)]
    pub description: String,
}

fn default_target() -> TargetKind {
    TargetKind::None
}

fn one() -> f64 {
    1.0
}

/// A regulatory regime: reporting clocks that start on events and are met by actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    /// Format version; must be 1.
    pub format: u32,
    /// Stable id (`dfars-7012`, `nis2-art23`, …).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Display name in Japanese.
    #[serde(default)]
    pub name_ja: Option<String>,
    /// Authority reported to.
    pub authority: String,
    /// Legal basis, for the report.
    #[serde(default)]
    pub basis: String,
    /// Clocks, met in order by notifications to this regime.
    pub clocks: Vec<ClockDef>,
}

/// One reporting deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Clock")]
pub struct ClockDef {
    /// Stable id within the regime.
    pub id: String,
    /// What must be delivered.
    pub title: String,
    /// What must be delivered, in Japanese.
    #[serde(default)]
    pub title_ja: Option<String>,
    /// What starts the clock (usually `Flag("incident-confirmed")`).
    pub starts_when: Condition,
    /// Deadline in hours; `None` means set by the scenario (`hours` in its regime use), default 24.
    pub hours: Option<u32>,
    /// Action ids (targeting this regime) that meet the clock.
    pub met_by: Vec<String>,
}
