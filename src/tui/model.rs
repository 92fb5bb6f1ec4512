//! A read-only copy of what the views show, taken from the drill after every change, so that
//! drawing a frame needs no engine query and no `&mut`.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::{
    ActionView, DecisionView, EndingView, InjectView, QueuedAction, Snapshot, Summary,
};
use crate::scenario::{Channel, Condition};
use crate::scoring::{ScoreLine, effective_points};
use crate::session::Drill;

/// An inject of the MSEL that the facilitator can still fire.
#[derive(Debug, Clone, PartialEq)]
pub struct MselEntry {
    /// Inject id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Roles addressed.
    pub to: Vec<String>,
    /// Channel.
    pub channel: Channel,
    /// Authored as a facilitator-only contingency inject.
    pub contingency: bool,
}

/// A score line with its points after overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct LineView {
    /// The line as scored.
    pub line: ScoreLine,
    /// Points after the facilitator's overrides.
    pub effective: i32,
    /// The reason of the last override, if any.
    pub override_reason: Option<String>,
}

/// What the console shows about the drill, refreshed after each change.
#[derive(Debug, Clone)]
pub struct Model {
    /// Scenario title.
    pub scenario_title: String,
    /// Scenario language (`en`, `ja`).
    pub scenario_language: String,
    /// Organisation name.
    pub org_name: String,
    /// Current turn.
    pub turn: u32,
    /// Turn limit.
    pub max_turns: u32,
    /// Minutes per turn.
    pub turn_minutes: u32,
    /// The drill reached an ending.
    pub over: bool,
    /// The ending.
    pub ending: Option<EndingView>,
    /// State of the drill (truth and knowledge).
    pub snapshot: Snapshot,
    /// The catalogue as offered now.
    pub actions: Vec<ActionView>,
    /// Actions queued this turn.
    pub queued: Vec<QueuedAction>,
    /// Decisions waiting.
    pub decisions: Vec<DecisionView>,
    /// Injects delivered this turn.
    pub injects: Vec<InjectView>,
    /// Injects delivered in earlier turns, newest first.
    pub earlier: Vec<InjectView>,
    /// Result so far.
    pub summary: Summary,
    /// Score lines with overrides applied.
    pub lines: Vec<LineView>,
    /// Total at the end of each finished turn, starting with (0, 0).
    pub totals: Vec<(u32, i32)>,
    /// Injects not delivered yet (contingency ones first).
    pub msel: Vec<MselEntry>,
    /// Role ids and names, in organisation order.
    pub roles: Vec<(String, String)>,
    /// Stage ids the team knows about.
    pub known_stages: BTreeSet<String>,
    /// Regimes in force (id, name), targets of notifications.
    pub regimes: Vec<(String, String)>,
    /// Suppliers (id, name).
    pub suppliers: Vec<(String, String)>,
    /// Stage id → title.
    pub stage_titles: Vec<(String, String)>,
    /// Zones (id, name).
    pub zones: Vec<(String, String)>,
    /// Assets grouped by zone, in zone order: (zone id, zone name, indices into the snapshot's assets).
    pub zone_groups: Vec<(String, String, Vec<usize>)>,
    /// Decisions of the scenario (id, prompt).
    pub decision_prompts: Vec<(String, String)>,
    /// Per action id: its precondition and whether it can be taken once only.
    pub action_rules: BTreeMap<String, (Option<Condition>, bool)>,
}

impl Model {
    /// Reads everything the views need from the drill.
    pub fn build(drill: &mut Drill) -> Model {
        let engine = drill.engine();
        let bundle = engine.bundle().clone();
        let snapshot = engine.snapshot();
        let actions = engine.available_actions();
        let queued = engine.queued();
        let decisions = engine.open_decisions();
        let injects = engine.current_injects();
        let turn = engine.turn();
        let delivered = engine.delivered_injects();
        let summary = engine.summary();
        let over = engine.is_over();
        let ending = engine.ending();
        let delivered_ids: BTreeSet<&str> = delivered
            .iter()
            .map(|i| i.id.as_str())
            .chain(injects.iter().map(|i| i.id.as_str()))
            .collect();
        let mut msel: Vec<MselEntry> = bundle
            .scenario
            .injects
            .iter()
            .filter(|i| !delivered_ids.contains(i.id.as_str()))
            .map(|i| MselEntry {
                id: i.id.clone(),
                title: i.title.clone(),
                to: i.to.clone(),
                channel: i.channel,
                contingency: i.contingency,
            })
            .collect();
        msel.sort_by_key(|m| !m.contingency);
        let mut earlier: Vec<InjectView> =
            delivered.into_iter().filter(|i| i.turn < turn).collect();
        earlier.reverse();
        let lines: Vec<LineView> = summary
            .score_lines
            .iter()
            .map(|l| LineView {
                effective: effective_points(l, &summary.overrides),
                override_reason: summary
                    .overrides
                    .iter()
                    .rev()
                    .find(|o| o.line == l.line)
                    .map(|o| o.reason.clone()),
                line: l.clone(),
            })
            .collect();
        let finished = if over { turn } else { turn.saturating_sub(1) };
        let totals = (0..=finished)
            .map(|t| {
                let sum = lines
                    .iter()
                    .filter(|l| l.line.turn <= t)
                    .map(|l| l.effective)
                    .sum();
                (t, sum)
            })
            .collect();
        let known_stages = snapshot
            .stages
            .iter()
            .filter(|s| s.known.is_some())
            .map(|s| s.id.clone())
            .collect();
        let zone_groups = |zones: &[crate::scenario::org::Zone], snap: &Snapshot| {
            let mut groups: Vec<(String, String, Vec<usize>)> = zones
                .iter()
                .map(|z| (z.id.clone(), z.name.clone(), Vec::new()))
                .collect();
            let mut by_id: BTreeMap<String, usize> = groups
                .iter()
                .enumerate()
                .map(|(i, g)| (g.0.clone(), i))
                .collect();
            for (ai, a) in snap.assets.iter().enumerate() {
                let gi = match by_id.get(&a.zone) {
                    Some(&gi) => gi,
                    None => {
                        groups.push((a.zone.clone(), a.zone.clone(), Vec::new()));
                        by_id.insert(a.zone.clone(), groups.len() - 1);
                        groups.len() - 1
                    }
                };
                groups[gi].2.push(ai);
            }
            groups.retain(|g| !g.2.is_empty());
            groups
        };
        let zone_groups = zone_groups(&bundle.org.zones, &snapshot);
        Model {
            zone_groups,
            scenario_title: bundle.scenario.title.clone(),
            scenario_language: bundle.scenario.language.clone(),
            org_name: bundle.org.name.clone(),
            turn,
            max_turns: bundle.scenario.max_turns,
            turn_minutes: bundle.scenario.turn_minutes,
            over,
            ending,
            snapshot,
            actions,
            queued,
            decisions,
            injects,
            earlier,
            summary,
            lines,
            totals,
            msel,
            roles: bundle
                .org
                .roles
                .iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect(),
            known_stages,
            regimes: bundle
                .regimes
                .iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect(),
            suppliers: bundle
                .org
                .suppliers
                .iter()
                .map(|x| (x.id.clone(), x.name.clone()))
                .collect(),
            decision_prompts: bundle
                .scenario
                .injects
                .iter()
                .filter_map(|i| i.decision.as_ref())
                .map(|d| (d.id.clone(), d.prompt.clone()))
                .collect(),
            zones: bundle
                .org
                .zones
                .iter()
                .map(|z| (z.id.clone(), z.name.clone()))
                .collect(),
            action_rules: bundle
                .catalogue
                .actions
                .iter()
                .map(|a| (a.id.clone(), (a.requires.clone(), a.once)))
                .collect(),
            stage_titles: bundle
                .scenario
                .campaign
                .iter()
                .map(|x| (x.id.clone(), x.title.clone()))
                .collect(),
        }
    }

    /// Capacity left for a role this turn, and its capacity per turn.
    pub fn capacity(&self, role: &str) -> Option<(u32, u32)> {
        self.snapshot
            .roles
            .iter()
            .find(|r| r.id == role)
            .map(|r| (r.capacity.saturating_sub(r.used), r.capacity))
    }

    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&ActionView> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The title of a stage (its id when unknown).
    pub fn stage_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.stage_titles
            .iter()
            .find(|(s, _)| s == id)
            .map(|(_, t)| t.as_str())
            .unwrap_or(id)
    }

    /// A target's display name (asset host name, regime or supplier name), else the id.
    pub fn target_name<'a>(&'a self, id: &'a str) -> &'a str {
        if let Some(a) = self.snapshot.assets.iter().find(|a| a.id == id) {
            return &a.name;
        }
        self.regimes
            .iter()
            .chain(&self.suppliers)
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.as_str())
            .unwrap_or(id)
    }

    /// A zone's display name.
    pub fn zone_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.zones
            .iter()
            .find(|(z, _)| z == id)
            .map(|(_, n)| n.as_str())
            .unwrap_or(id)
    }

    /// Scenario minutes at the start of the current turn.
    pub fn minutes_now(&self) -> u32 {
        self.turn.saturating_sub(1) * self.turn_minutes
    }
}
