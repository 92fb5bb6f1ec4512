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
    /// Labels of the flags the actions set and read (and those the engine sets itself).
    #[serde(default)]
    pub flags: Vec<super::model::FlagLabel>,
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
    /// What it does, in Japanese (shown in a Japanese drill; the English one when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_ja: Option<String>,
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
    /// The authority in Japanese.
    #[serde(default)]
    pub authority_ja: Option<String>,
    /// Legal basis, for the report.
    #[serde(default)]
    pub basis: String,
    /// The legal basis in Japanese.
    #[serde(default)]
    pub basis_ja: Option<String>,
    /// Where the regime's facts come from: the instrument, its articles or clauses, and its
    /// date (a citation in free text, no URL needed). Empty in files written before sources
    /// were recorded; `kunren check` warns (K0210).
    #[serde(default)]
    pub source: String,
    /// What the regime file assumes rather than takes from its source (a contract term, a
    /// facilitator-set target, a draft date…), for the report.
    #[serde(default)]
    pub assumption: Option<String>,
    /// The assumption in Japanese.
    #[serde(default)]
    pub assumption_ja: Option<String>,
    /// Clocks, met in order by notifications to this regime.
    pub clocks: Vec<ClockDef>,
}

/// Where a clock's deadline comes from: how far the report may treat its hours as the law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineKind {
    /// The hours are stated in the regime's source (e.g. DFARS 7012(c): 72 hours).
    Stated,
    /// The source states a period the engine counts in hours (e.g. "one month", modelled as
    /// 30 days).
    Approximated,
    /// The source sets no hours; the deadline is a term of the organisation's contract, assumed
    /// by the scenario and configurable (`RegimeUse.hours`).
    ContractTerm,
    /// The source asks for "promptly" or leaves the period to a future ordinance; the hours are
    /// a facilitator-set target (`RegimeUse.hours`).
    Target,
}

impl DeadlineKind {
    /// The kind's name as written in RON.
    pub fn name(self) -> &'static str {
        match self {
            DeadlineKind::Stated => "Stated",
            DeadlineKind::Approximated => "Approximated",
            DeadlineKind::ContractTerm => "ContractTerm",
            DeadlineKind::Target => "Target",
        }
    }
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
    /// The source's own words for this deadline and how the clock models them (e.g. "Art.
    /// 23(4)(d): one month after the notification, modelled as 30 days").
    #[serde(default)]
    pub basis: Option<String>,
    /// The basis in Japanese.
    #[serde(default)]
    pub basis_ja: Option<String>,
    /// Where the hours come from (absent: not stated by the regime file).
    #[serde(default)]
    pub deadline: Option<DeadlineKind>,
}
