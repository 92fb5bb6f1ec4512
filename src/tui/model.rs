//! A read-only copy of what the views show, taken from the drill after every change, so that
//! drawing a frame needs no engine query and no `&mut`.
//!
//! The state of the drill comes from the session as one of two views: in the team view the
//! model holds only a [`TeamView`] (and the team's version of each resolved turn), whose types
//! cannot carry ground truth; in the control view it holds a [`ControlView`] and the engine's
//! turn reports with their rolls. The rest is scenario data every screen needs (names, the
//! MSEL for the facilitator's fire dialog).

use std::collections::BTreeMap;

use crate::engine::TurnReport;
use crate::scenario::{Channel, Condition, Effect, Objective};
use crate::session::{ControlView, Drill, ScoreView, TeamAction, TeamTurn, TeamView};

pub use crate::session::LineView;

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

/// The state of the drill as the console shows it now.
#[derive(Debug, Clone)]
pub enum Shown {
    /// What the team can know, and the resolved turns as the team may see them.
    Team {
        /// The team's view.
        view: Box<TeamView>,
        /// Resolved turns of this session, oldest first.
        turns: Vec<TeamTurn>,
    },
    /// The ground truth, and the engine's turn reports with every roll.
    Control {
        /// The facilitator's view.
        view: Box<ControlView>,
        /// Resolved turns of this session, oldest first.
        turns: Vec<TurnReport>,
    },
}

/// What the console shows about the drill, refreshed after each change.
#[derive(Debug, Clone)]
pub struct Model {
    /// Scenario title.
    pub scenario_title: String,
    /// The drill's start in calendar time (`starts_at`), when the scenario gives one.
    pub start: Option<crate::scenario::calendar::Start>,
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
    /// The state of the drill, in the view the console shows.
    pub shown: Shown,
    /// Injects not delivered yet (contingency ones first), for the facilitator's fire dialog.
    pub msel: Vec<MselEntry>,
    /// Role ids and names, in organisation order.
    pub roles: Vec<(String, String)>,
    /// Objectives (id, title), for the hotwash's improvement plan.
    pub objectives: Vec<(String, String)>,
    /// Regimes in force (id, name), targets of notifications.
    pub regimes: Vec<(String, String)>,
    /// Suppliers (id, name).
    pub suppliers: Vec<(String, String)>,
    /// Zones (id, name).
    pub zones: Vec<(String, String)>,
    /// Assets (id, name), in organisation order.
    pub asset_names: Vec<(String, String)>,
    /// Assets grouped by zone, in zone order: (zone id, zone name, indices into the assets,
    /// which both views list in organisation order).
    pub zone_groups: Vec<(String, String, Vec<usize>)>,
    /// Decisions of the scenario (id, prompt).
    pub decision_prompts: Vec<(String, String)>,
    /// Per action id: its precondition and whether it can be taken once only.
    pub action_rules: BTreeMap<String, (Option<Condition>, bool)>,
    /// Per decision id: each option's id and effects (what choosing it does, in the dialog).
    pub decision_effects: BTreeMap<String, Vec<(String, Vec<Effect>)>>,
    /// The scenario's objectives, for rating the effect of an override.
    pub objective_defs: Vec<Objective>,
    /// Services (id, name).
    pub services: Vec<(String, String)>,
    /// Injects (id, title).
    pub inject_titles: Vec<(String, String)>,
    /// Actions whose precondition reads what the team cannot know (a hidden compromise): in
    /// the team view the picker does not tell whether it holds (the engine still checks it).
    pub hidden_preconditions: std::collections::BTreeSet<String>,
    /// People and the roles they play (name, role id), for "Aoi Tanaka (SOC)".
    pub people: Vec<(String, String)>,
    /// Labels of flags, controls, clocks (`regime/clock`), regimes and data sets, by id, in
    /// English and Japanese when given: what the team's screen shows instead of ids.
    pub labels: BTreeMap<String, (String, Option<String>)>,
    /// Decision options (id, label), for events an option caused.
    pub option_labels: Vec<(String, String)>,
    /// The bundle being played, which the turn log's typed events index into.
    pub bundle: std::sync::Arc<crate::scenario::Bundle>,
}

/// A role as the console tags it: its id in capitals (`SOC`, `IT-OPS`).
pub fn role_tag(role: &str) -> String {
    role.to_uppercase()
}

impl Model {
    /// Reads what the views need from the drill: the control view when `control`, else the
    /// team's; `reports` are the turns resolved in this session.
    pub fn build(drill: &mut Drill, control: bool, reports: &[TurnReport]) -> Model {
        Model::build_for(drill, control, None, reports)
    }

    /// As [`Model::build`], with the team view of one role (an SSH seat's) when `role` is
    /// given and `control` is not.
    pub fn build_for(
        drill: &mut Drill,
        control: bool,
        role: Option<&str>,
        reports: &[TurnReport],
    ) -> Model {
        let bundle = drill.engine().bundle().clone();
        let shown = if control {
            Shown::Control {
                view: Box::new(drill.control_view()),
                turns: reports.to_vec(),
            }
        } else {
            Shown::Team {
                view: Box::new(drill.team_view(role)),
                turns: drill.team_turns(reports),
            }
        };
        let delivered = drill.engine().delivered_injects();
        let current = drill.engine().current_injects();
        let mut msel: Vec<MselEntry> = bundle
            .scenario
            .injects
            .iter()
            .filter(|i| {
                !delivered
                    .iter()
                    .chain(&current)
                    .any(|d| d.id.as_str() == i.id.as_str())
            })
            .map(|i| MselEntry {
                id: i.id.clone(),
                title: i.title.clone(),
                to: i.to.clone(),
                channel: i.channel,
                contingency: i.contingency,
            })
            .collect();
        msel.sort_by_key(|m| !m.contingency);
        let pairs = |v: &mut dyn Iterator<Item = (&String, &String)>| -> Vec<(String, String)> {
            v.map(|(a, b)| (a.clone(), b.clone())).collect()
        };
        let zones = pairs(&mut bundle.org.zones.iter().map(|z| (&z.id, &z.name)));
        let assets: Vec<(String, String, String)> = bundle
            .org
            .assets
            .iter()
            .map(|a| (a.id.clone(), a.name.clone(), a.zone.clone()))
            .collect();
        let team = match &shown {
            Shown::Team { view, .. } => view,
            Shown::Control { view, .. } => &view.team,
        };
        let (turn, max_turns, turn_minutes, over) =
            (team.turn, team.max_turns, team.turn_minutes, team.over);
        Model {
            bundle: bundle.clone(),
            zone_groups: zone_groups(&zones, &assets),
            scenario_title: bundle.scenario.title.clone(),
            start: bundle.scenario.start(),
            scenario_language: bundle.scenario.language.clone(),
            org_name: bundle.org.name.clone(),
            turn,
            max_turns,
            turn_minutes,
            over,
            shown,
            msel,
            roles: pairs(&mut bundle.org.roles.iter().map(|r| (&r.id, &r.name))),
            objectives: pairs(&mut bundle.scenario.objectives.iter().map(|o| (&o.id, &o.title))),
            regimes: pairs(&mut bundle.regimes.iter().map(|r| (&r.id, &r.name))),
            suppliers: pairs(&mut bundle.org.suppliers.iter().map(|x| (&x.id, &x.name))),
            decision_prompts: bundle
                .scenario
                .injects
                .iter()
                .filter_map(|i| i.decision.as_ref())
                .map(|d| (d.id.clone(), d.prompt.clone()))
                .collect(),
            decision_effects: bundle
                .scenario
                .injects
                .iter()
                .filter_map(|i| i.decision.as_ref())
                .map(|d| {
                    let opts = d
                        .options
                        .iter()
                        .map(|o| (o.id.clone(), o.effects.clone()))
                        .collect();
                    (d.id.clone(), opts)
                })
                .collect(),
            objective_defs: bundle.scenario.objectives.clone(),
            hidden_preconditions: {
                let k = crate::session::Knowledge::new(&bundle);
                bundle
                    .catalogue
                    .actions
                    .iter()
                    .filter(|a| a.requires.as_ref().is_some_and(|c| !k.knowable(c)))
                    .map(|a| a.id.clone())
                    .collect()
            },
            services: pairs(&mut bundle.org.services.iter().map(|x| (&x.id, &x.name))),
            inject_titles: pairs(&mut bundle.scenario.injects.iter().map(|i| (&i.id, &i.title))),
            people: Vec::new(),
            labels: labels(&bundle),
            option_labels: bundle
                .scenario
                .injects
                .iter()
                .filter_map(|i| i.decision.as_ref())
                .flat_map(|d| d.options.iter().map(|o| (o.id.clone(), o.label.clone())))
                .collect(),
            zones,
            asset_names: assets.into_iter().map(|(id, name, _)| (id, name)).collect(),
            action_rules: bundle
                .catalogue
                .actions
                .iter()
                .map(|a| (a.id.clone(), (a.requires.clone(), a.once)))
                .collect(),
        }
    }

    /// What the team sees (in the control view too: injects, decisions, the queue and
    /// capacity are the same for everyone).
    pub fn team(&self) -> &TeamView {
        match &self.shown {
            Shown::Team { view, .. } => view,
            Shown::Control { view, .. } => &view.team,
        }
    }

    /// The facilitator's view, when it is the one shown.
    pub fn control(&self) -> Option<&ControlView> {
        match &self.shown {
            Shown::Control { view, .. } => Some(view),
            Shown::Team { .. } => None,
        }
    }

    /// The score shown: the team's, or every line in the control view.
    pub fn score(&self) -> &ScoreView {
        match &self.shown {
            Shown::Team { view, .. } => &view.score,
            Shown::Control { view, .. } => &view.score,
        }
    }

    /// The score lines shown, with overrides applied.
    pub fn lines(&self) -> &[LineView] {
        &self.score().lines
    }

    /// The number of turns resolved in this session.
    pub fn turns_len(&self) -> usize {
        match &self.shown {
            Shown::Team { turns, .. } => turns.len(),
            Shown::Control { turns, .. } => turns.len(),
        }
    }

    /// Capacity left for a role this turn, and its capacity per turn.
    pub fn capacity(&self, role: &str) -> Option<(u32, u32)> {
        self.team()
            .roles
            .iter()
            .find(|r| r.id == role)
            .map(|r| (r.capacity.saturating_sub(r.used), r.capacity))
    }

    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&TeamAction> {
        self.team().actions.iter().find(|a| a.id == id)
    }

    /// The title of a stage the shown view knows of (its id otherwise).
    pub fn stage_title<'a>(&'a self, id: &'a str) -> &'a str {
        match &self.shown {
            Shown::Team { view, .. } => view
                .stages
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.title.as_str()),
            Shown::Control { view, .. } => view
                .snapshot
                .stages
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.title.as_str()),
        }
        .unwrap_or(id)
    }

    /// A target's display name (asset host name, regime or supplier name), else the id.
    pub fn target_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.asset_names
            .iter()
            .chain(&self.regimes)
            .chain(&self.suppliers)
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.as_str())
            .unwrap_or(id)
    }

    /// A role's display name (its id when the organisation has none).
    pub fn role_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.roles
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, n)| n.as_str())
            .unwrap_or(id)
    }

    /// The label of anything a condition or an effect names, in the shown view: an asset,
    /// regime, supplier, zone, service, inject, action (in the language) or known stage; the
    /// id itself when nothing has a label.
    pub fn label(&self, id: &str, lang: super::i18n::Lang) -> String {
        if let Some(a) = self.action(id) {
            return super::lists::action_name(a, lang).to_string();
        }
        self.asset_names
            .iter()
            .chain(&self.regimes)
            .chain(&self.suppliers)
            .chain(&self.zones)
            .chain(&self.services)
            .chain(&self.inject_titles)
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.clone())
            .or_else(|| {
                self.labels.get(id).map(|(en, ja)| match (lang, ja) {
                    (super::i18n::Lang::Ja, Some(ja)) => ja.clone(),
                    _ => en.clone(),
                })
            })
            .unwrap_or_else(|| self.stage_title(id).to_string())
    }

    /// What the team's screen calls an id: [`Model::label`], and in the control view the id
    /// beside it (`EDR agent (edr)`), so that the facilitator can still name it.
    pub fn named(&self, id: &str, lang: super::i18n::Lang) -> String {
        let label = self.label(id, lang);
        if self.control().is_some() && label != id {
            format!("{label} ({id})")
        } else {
            label
        }
    }

    /// What did something, in words: `control:edr` is the control's name, `action:x` the
    /// action's, `stage:x` the stage's, `option:x` the option's label, `inject:x` the inject's
    /// title (with the reference in the control view).
    pub fn origin(&self, who: &str, lang: super::i18n::Lang) -> String {
        let Some((kind, id)) = who.split_once(':') else {
            return self.named(who, lang);
        };
        let label = match kind {
            "option" => self
                .option_labels
                .iter()
                .find(|(o, _)| o == id)
                .map(|(_, l)| l.clone()),
            "stage" => Some(self.stage_title(id).to_string()),
            _ => Some(self.label(id, lang)),
        }
        .unwrap_or_else(|| id.to_string());
        if self.control().is_some() && label != id {
            format!("{label} ({who})")
        } else {
            label
        }
    }

    /// A person as the console names them: "Aoi Tanaka (SOC)" when one participant plays the
    /// role, "Aoi Tanaka, Ken Mori (SOC)" when several do, and the role's tag alone when
    /// nobody does.
    pub fn person(&self, role: &str) -> String {
        crate::session::person(&self.people, role).unwrap_or_else(|| role_tag(role))
    }

    /// An objective's title (in the control view with its id); hint lines, which count in no
    /// objective, read "hint".
    pub fn objective_name(&self, id: &str, lang: super::i18n::Lang) -> String {
        if id.is_empty() {
            return lang.t(super::i18n::S::HintLine).to_string();
        }
        match self.objectives.iter().find(|(o, _)| o == id) {
            Some((_, t)) if self.control().is_some() => format!("{t} ({id})"),
            Some((_, t)) => t.clone(),
            None => id.to_string(),
        }
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

/// Labels of what conditions, effects and events name by id besides assets, zones, services
/// and injects: flags (the scenario's or the catalogue's labels), controls, regimes, their
/// clocks (`regime/clock`) and data sets.
fn labels(bundle: &crate::scenario::Bundle) -> BTreeMap<String, (String, Option<String>)> {
    let mut out = BTreeMap::new();
    for f in bundle.catalogue.flags.iter().chain(&bundle.scenario.flags) {
        out.insert(f.id.clone(), (f.label.clone(), f.label_ja.clone()));
    }
    for c in &bundle.org.controls {
        out.insert(c.id.clone(), (c.name.clone(), None));
    }
    for d in &bundle.org.data {
        out.insert(d.id.clone(), (d.name.clone(), None));
    }
    for r in &bundle.regimes {
        out.insert(r.id.clone(), (r.name.clone(), r.name_ja.clone()));
        for c in &r.clocks {
            let regime_ja = r.name_ja.clone().unwrap_or_else(|| r.name.clone());
            let ja = c
                .title_ja
                .as_ref()
                .map(|t| format!("{t} — {regime_ja}"))
                .or_else(|| r.name_ja.as_ref().map(|n| format!("{} — {n}", c.title)));
            out.insert(
                format!("{}/{}", r.id, c.id),
                (format!("{} — {}", c.title, r.name), ja),
            );
        }
    }
    out
}

/// Assets grouped by zone in zone order (zones no asset is in are left out; assets in a zone
/// the organisation does not list get a group of their own).
fn zone_groups(
    zones: &[(String, String)],
    assets: &[(String, String, String)],
) -> Vec<(String, String, Vec<usize>)> {
    let mut groups: Vec<(String, String, Vec<usize>)> = zones
        .iter()
        .map(|(id, name)| (id.clone(), name.clone(), Vec::new()))
        .collect();
    let mut by_id: BTreeMap<String, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.0.clone(), i))
        .collect();
    for (ai, (_, _, zone)) in assets.iter().enumerate() {
        let gi = match by_id.get(zone) {
            Some(&gi) => gi,
            None => {
                groups.push((zone.clone(), zone.clone(), Vec::new()));
                by_id.insert(zone.clone(), groups.len() - 1);
                groups.len() - 1
            }
        };
        groups[gi].2.push(ai);
    }
    groups.retain(|g| !g.2.is_empty());
    groups
}
