//! What a front end may show of a drill: the team's view, whose types cannot carry ground truth,
//! and the facilitator's control view, which is the ground truth with the dice rolls.
//!
//! Ground truth stays in the session (DESIGN §2b, §9). A [`TeamView`] (for the whole team, or
//! one role) is built from the engine's read-only views by projecting what the team can know:
//!
//! - **assets** ([`TeamAsset`]): known compromise, encryption, isolation and rebuilds; never
//!   the true compromise;
//! - **stages** ([`TeamStage`]): only those the team has detected;
//! - **actions** ([`TeamAction`]): the catalogue, with only the detected stages it changes;
//! - **clocks** ([`TeamClock`]): as they are, unless what starts the clock reads ground truth,
//!   in which case only the team's own filing (`met`) shows;
//! - **score** ([`ScoreView`]): only the lines whose rule, expectation or clock reads nothing but
//!   team-visible facts (see [`Knowledge`]); the other sources are counted, not scored, in
//!   [`TeamView::withheld_rules`], and their lines wait for the debrief;
//! - **impact**: the true total minus what the effects of undetected stages added (data stolen,
//!   direct impact), so outages the team can see and losses it chose or has detected count;
//! - **turns** ([`TeamTurn`]): a resolved turn without rolls, attacker steps of undetected
//!   stages, their events or withheld score lines.
//!
//! A [`ControlView`] holds the truth: the engine's [`Snapshot`], every score line, the full
//! catalogue and the result so far; the turn reports with their rolls are the engine's
//! [`TurnReport`]s themselves.

use crate::scoring::clock::ClockVerdict;
use std::collections::BTreeSet;

use serde::Serialize;

use super::Drill;
use crate::engine::event::{EventKind, Origin, TurnEvent};
use crate::engine::{
    ActionView, ClockEvent, DecisionOutcome, DecisionView, EndingView, Engine, InjectView,
    QueuedAction, RoleView, ServiceView, Snapshot, StepOutcome, Summary, TurnReport,
};
use crate::scenario::{Activation, Bundle, Condition, CsfFunction, Effect, TargetKind};
use crate::scoring::{self, ObjectiveResult, ScoreLine, ScoreOverride};

/// A score line with its points after the facilitator's overrides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineView {
    /// The line as scored.
    pub line: ScoreLine,
    /// Points after the facilitator's overrides.
    pub effective: i32,
    /// The reason of the last override, if any.
    pub override_reason: Option<String>,
}

/// A score as shown: its lines, total, ratings and impact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreView {
    /// The lines shown, in order, with overrides applied.
    pub lines: Vec<LineView>,
    /// Sum of the effective points of the lines shown.
    pub total: i32,
    /// Achievable points of the lines shown.
    pub achievable: i32,
    /// total / achievable (0 when nothing is achievable yet).
    pub share: f64,
    /// Ratings per objective, from the lines shown.
    pub objectives: Vec<ObjectiveResult>,
    /// Total at the end of each finished turn, starting with (0, 0).
    pub totals: Vec<(u32, i32)>,
    /// Impact so far, in the organisation's unit.
    pub impact: f64,
    /// Impact unit.
    pub impact_unit: String,
}

impl ScoreView {
    fn new(
        lines: Vec<&ScoreLine>,
        overrides: &[ScoreOverride],
        bundle: &Bundle,
        finished: u32,
        impact: f64,
    ) -> ScoreView {
        let owned: Vec<ScoreLine> = lines.iter().map(|l| (*l).clone()).collect();
        let shown: Vec<LineView> = owned
            .iter()
            .map(|l| LineView {
                effective: scoring::effective_points(l, overrides),
                override_reason: overrides
                    .iter()
                    .rev()
                    .find(|o| o.line == l.line)
                    .map(|o| o.reason.clone()),
                line: l.clone(),
            })
            .collect();
        let total: i32 = shown.iter().map(|l| l.effective).sum();
        let achievable: i32 = owned.iter().map(|l| l.max_points.max(0)).sum();
        let totals = (0..=finished)
            .map(|t| {
                let sum = shown
                    .iter()
                    .filter(|l| l.line.turn <= t)
                    .map(|l| l.effective)
                    .sum();
                (t, sum)
            })
            .collect();
        ScoreView {
            objectives: scoring::rate(&bundle.scenario.objectives, &owned, overrides),
            lines: shown,
            total,
            achievable,
            share: if achievable > 0 {
                f64::from(total) / f64::from(achievable)
            } else {
                0.0
            },
            totals,
            impact,
            impact_unit: bundle.org.impact_unit.clone(),
        }
    }
}

/// An asset as the team knows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamAsset {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Zone.
    pub zone: String,
    /// The team knows the attacker has a foothold on it.
    pub known_compromised: bool,
    /// Encrypted (everyone sees it).
    pub encrypted: bool,
    /// Isolated by the team.
    pub isolated: bool,
    /// Turns of rebuild left.
    pub rebuilding: u32,
}

/// An attacker stage the team has detected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamStage {
    /// Stage id.
    pub id: String,
    /// Title.
    pub title: String,
    /// ATT&CK technique.
    pub technique: String,
    /// Turn the team learnt of it.
    pub known: u32,
}

/// A regulatory clock as the team knows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamClock {
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
    /// Turn it started, when the team can know what starts it.
    pub started: Option<u32>,
    /// Last turn that meets it, likewise.
    pub deadline_turn: Option<u32>,
    /// Scenario minutes of the deadline, likewise.
    pub deadline_at: Option<u64>,
    /// Turn the team delivered the report.
    pub delivered: Option<u32>,
    /// The verdict, when the team can know what starts the clock (otherwise `NotStarted`).
    pub verdict: ClockVerdict,
}

/// An action of the catalogue as offered to the team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamAction {
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
    /// What it does, in Japanese, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_ja: Option<String>,
    /// Target kind needed.
    pub target: TargetKind,
    /// Targets it can take now (empty for no target).
    pub targets: Vec<String>,
    /// Why it cannot be taken now, if so (the engine's check; shown with
    /// [`crate::engine::EngineError::message`] in the view's language).
    pub blocked: Option<crate::engine::EngineError>,
    /// Detected stages whose chances it changes.
    pub affects: Vec<String>,
}

impl TeamAction {
    /// The action's name in a language (the English one when it has no Japanese form).
    pub fn name_in(&self, lang: crate::i18n::Lang) -> &str {
        match (lang, &self.name_ja) {
            (crate::i18n::Lang::Ja, Some(n)) if !n.is_empty() => n,
            _ => &self.name,
        }
    }

    /// What the action does, in a language (the English sentence when it has no Japanese
    /// form).
    pub fn description_in(&self, lang: crate::i18n::Lang) -> &str {
        match (lang, &self.description_ja) {
            (crate::i18n::Lang::Ja, Some(d)) if !d.is_empty() => d,
            _ => &self.description,
        }
    }
}

/// The team's side of the drill: everything here is something the team can know.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamView {
    /// The role this view is for (`None`: the whole team).
    pub role: Option<String>,
    /// Current turn.
    pub turn: u32,
    /// Turn limit.
    pub max_turns: u32,
    /// Minutes per turn.
    pub turn_minutes: u32,
    /// The drill reached an ending.
    pub over: bool,
    /// The ending, once over.
    pub ending: Option<EndingView>,
    /// Injects delivered this turn (to the role, for a role's view).
    pub injects: Vec<InjectView>,
    /// Injects delivered in earlier turns, newest first (likewise).
    pub earlier: Vec<InjectView>,
    /// Decisions waiting (the role's own, for a role's view).
    pub decisions: Vec<DecisionView>,
    /// Actions queued this turn (by the role, for a role's view).
    pub queued: Vec<QueuedAction>,
    /// Every role's capacity this turn.
    pub roles: Vec<RoleView>,
    /// The catalogue as offered now.
    pub actions: Vec<TeamAction>,
    /// Business services (their status is visible to everyone).
    pub services: Vec<ServiceView>,
    /// Assets, in organisation order.
    pub assets: Vec<TeamAsset>,
    /// Detected stages, in campaign order.
    pub stages: Vec<TeamStage>,
    /// Regulatory clocks.
    pub clocks: Vec<TeamClock>,
    /// The team's score: lines whose cause the team can know; impact it can know.
    pub score: ScoreView,
    /// Rules, expectations and clocks of the scenario whose lines read ground truth: their
    /// points are withheld until the debrief (a count of sources, fixed for the drill, so that
    /// it says nothing about what happened).
    pub withheld_rules: usize,
}

/// The facilitator's view: the ground truth, every score line, and what the team sees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlView {
    /// What the team sees now.
    pub team: TeamView,
    /// The true state of the drill.
    pub snapshot: Snapshot,
    /// The catalogue, with every stage each action changes.
    pub actions: Vec<ActionView>,
    /// Every score line, the true total and impact.
    pub score: ScoreView,
    /// The result so far (final once over).
    pub summary: Summary,
}

/// A team action's outcome, without its roll.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamActionOutcome {
    /// Action id.
    pub action: String,
    /// Action name.
    pub name: String,
    /// Role that took it.
    pub role: String,
    /// Target id.
    pub target: Option<String>,
    /// It worked.
    pub success: bool,
}

/// An attacker step the team can know about: a detected stage that succeeded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamStep {
    /// Stage id.
    pub stage: String,
    /// Stage title.
    pub title: String,
    /// ATT&CK technique.
    pub technique: String,
}

/// A stage the team learnt about, without the roll.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamDetection {
    /// Stage id.
    pub stage: String,
    /// Stage title.
    pub title: String,
    /// What revealed it (control or action id).
    pub by: String,
}

/// One resolved turn as the team may see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamTurn {
    /// Turn number.
    pub turn: u32,
    /// Scenario minutes at the end of the turn.
    pub minutes: u32,
    /// Set when the drill ended this turn.
    pub ending: Option<EndingView>,
    /// Decisions taken or defaulted.
    pub decisions: Vec<DecisionOutcome>,
    /// The team's actions.
    pub actions: Vec<TeamActionOutcome>,
    /// Attacker steps of detected stages that succeeded this turn.
    pub attacker: Vec<TeamStep>,
    /// Stages revealed this turn.
    pub detections: Vec<TeamDetection>,
    /// What changed that the team can see, typed: an undetected stage's origin is
    /// [`Origin::Unnamed`], a restore does not tell whether its backup was clean.
    pub events: Vec<TurnEvent>,
    /// Clock events the team can know.
    pub clocks: Vec<ClockEvent>,
    /// Score lines of this turn the team may see.
    pub lines: Vec<ScoreLine>,
    /// Points of those lines.
    pub turn_points: i32,
    /// The team's running total at the end of the turn (overrides applied).
    pub total: i32,
    /// Impact at the end of the turn, as far as the team knows now.
    pub impact: f64,
}

/// What the team can know, worked out once from the scenario: the facts only the attacker's
/// stages change, and so which conditions, clocks and score sources read ground truth.
///
/// A condition is team-knowable when [`crate::policy::team_visible`] holds for it (it reads no
/// `Reached` or `Compromised`) and it reads no `Halted` (a halted stage the team never saw), no
/// flag or control an attacker stage sets (`data-exfiltrated` after an `Exfiltrate`, a stage's
/// `SetFlag`), and no `ClockMissed` of a clock that ground truth starts.
/// `ransomware-detonated` stays knowable: encryption is visible to everyone.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    hidden_flags: BTreeSet<String>,
    hidden_controls: BTreeSet<String>,
    hidden_clocks: BTreeSet<String>,
    visible_sources: BTreeSet<String>,
    withheld: usize,
}

impl Knowledge {
    /// Works out what the team can know in this scenario.
    pub fn new(bundle: &Bundle) -> Knowledge {
        let mut k = Knowledge::default();
        for stage in &bundle.scenario.campaign {
            for e in &stage.on_success {
                match e {
                    Effect::SetFlag(f) | Effect::ClearFlag(f) => {
                        k.hidden_flags.insert(f.clone());
                    }
                    Effect::AddControl(c) => {
                        k.hidden_controls.insert(c.clone());
                    }
                    Effect::Exfiltrate(data) => {
                        k.hidden_flags.insert("data-exfiltrated".into());
                        if bundle.org.data.iter().any(|d| &d.id == data && d.personal) {
                            k.hidden_flags.insert("personal-data-breach".into());
                        }
                    }
                    _ => {}
                }
            }
        }
        // What starts a clock may only read knowable facts (a missed clock in it counts as
        // ground truth here, which errs on the side of withholding).
        for r in &bundle.regimes {
            for c in &r.clocks {
                let id = format!("{}/{}", r.id, c.id);
                let mut ok = k.knowable(&c.starts_when);
                c.starts_when.walk(&mut |x| {
                    ok &= !matches!(x, Condition::ClockMissed(_));
                });
                if !ok {
                    k.hidden_clocks.insert(id);
                }
            }
        }
        let sc = &bundle.scenario;
        let mut sources = Vec::new();
        for e in &sc.expectations {
            let activation = match &e.after {
                Activation::Start | Activation::Inject(_) => true,
                Activation::When(c) => k.knowable(c),
            };
            let ok = activation
                && k.knowable(&e.done_when)
                && e.fail_when.as_ref().is_none_or(|c| k.knowable(c));
            sources.push((format!("expect:{}", e.id), ok));
        }
        for r in &sc.rules {
            sources.push((format!("rule:{}", r.id), k.knowable(&r.when)));
        }
        for r in &bundle.regimes {
            for c in &r.clocks {
                let id = format!("{}/{}", r.id, c.id);
                let ok = !k.hidden_clocks.contains(&id);
                sources.push((format!("clock:{id}"), ok));
            }
        }
        // A hint's cost is the team's own doing.
        k.visible_sources
            .insert(crate::scoring::HINT_SOURCE.to_string());
        for (source, ok) in sources {
            if ok {
                k.visible_sources.insert(source);
            } else {
                k.withheld += 1;
            }
        }
        k
    }

    /// True when the team can know whether the condition holds.
    pub fn knowable(&self, c: &Condition) -> bool {
        let mut ok = c.team_visible();
        c.walk(&mut |c| match c {
            Condition::Halted(_) => ok = false,
            Condition::Flag(f) if self.hidden_flags.contains(f) => ok = false,
            Condition::Control(x) if self.hidden_controls.contains(x) => ok = false,
            Condition::ClockMissed(id) if self.hidden_clocks.contains(id) => ok = false,
            _ => {}
        });
        ok
    }

    /// True when the team may see score lines of this source (`expect:…`, `rule:…`, `clock:…`).
    pub fn line_visible(&self, source: &str) -> bool {
        self.visible_sources.contains(source)
    }

    /// True when the team can know the state of this clock (`regime/clock`).
    pub fn clock_visible(&self, id: &str) -> bool {
        !self.hidden_clocks.contains(id)
    }

    /// Number of score sources whose lines are withheld from the team.
    pub fn withheld(&self) -> usize {
        self.withheld
    }
}

/// Impact the effects of a stage add directly when it succeeds (stolen data, `Impact`).
fn stage_impact(bundle: &Bundle, stage: &str) -> f64 {
    let Some(s) = bundle.scenario.campaign.iter().find(|s| s.id == stage) else {
        return 0.0;
    };
    s.on_success
        .iter()
        .map(|e| match e {
            Effect::Impact(amount, _) => *amount,
            Effect::Exfiltrate(data) => bundle
                .org
                .data
                .iter()
                .find(|d| &d.id == data)
                .map_or(0.0, |d| d.breach_impact),
            _ => 0.0,
        })
        .sum()
}

/// Impact added by stages that were reached by `turn` and that the team has not detected.
fn hidden_impact(bundle: &Bundle, snapshot: &Snapshot, turn: u32) -> f64 {
    snapshot
        .stages
        .iter()
        .filter(|s| s.known.is_none() && s.reached.is_some_and(|r| r <= turn))
        .map(|s| stage_impact(bundle, &s.id))
        .sum()
}

/// Impact the team can know of, from a true total at the end of `turn`.
fn known_impact(bundle: &Bundle, snapshot: &Snapshot, total: f64, turn: u32) -> f64 {
    let hidden = hidden_impact(bundle, snapshot, turn);
    if hidden == 0.0 {
        total
    } else {
        (total - hidden).max(0.0)
    }
}

fn for_role(i: &InjectView, role: Option<&str>) -> bool {
    role.is_none_or(|r| i.to.is_empty() || i.to.iter().any(|t| t == r))
}

/// Turns finished so far (the current one too once the drill is over).
fn finished(snapshot: &Snapshot, over: bool) -> u32 {
    if over {
        snapshot.turn
    } else {
        snapshot.turn.saturating_sub(1)
    }
}

/// Builds the team's view from the engine's views of the truth.
fn team_view_of(
    engine: &mut Engine,
    snapshot: &Snapshot,
    summary: &Summary,
    actions: &[ActionView],
    role: Option<&str>,
) -> TeamView {
    let bundle = engine.bundle().clone();
    let knowledge = Knowledge::new(&bundle);
    let turn = engine.turn();
    let over = engine.is_over();
    let known: BTreeSet<&str> = snapshot
        .stages
        .iter()
        .filter(|s| s.known.is_some())
        .map(|s| s.id.as_str())
        .collect();
    let injects: Vec<InjectView> = engine
        .current_injects()
        .into_iter()
        .filter(|i| for_role(i, role))
        .collect();
    let mut earlier: Vec<InjectView> = engine
        .delivered_injects()
        .into_iter()
        .filter(|i| i.turn < turn && for_role(i, role))
        .collect();
    earlier.reverse();
    let decisions = engine
        .open_decisions()
        .into_iter()
        .filter(|d| role.is_none_or(|r| d.owner == r))
        .collect();
    let queued = engine
        .queued()
        .into_iter()
        .filter(|q| role.is_none_or(|r| q.role == r))
        .collect();
    let actions = actions
        .iter()
        .map(|a| TeamAction {
            id: a.id.clone(),
            name: a.name.clone(),
            name_ja: a.name_ja.clone(),
            function: a.function,
            owner: a.owner.clone(),
            cost: a.cost,
            chance: a.chance,
            description: a.description.clone(),
            description_ja: a.description_ja.clone(),
            target: a.target,
            targets: a.targets.clone(),
            blocked: a.blocked.clone(),
            affects: a
                .affects
                .iter()
                .filter(|s| known.contains(s.as_str()))
                .cloned()
                .collect(),
        })
        .collect();
    let assets = snapshot
        .assets
        .iter()
        .map(|a| TeamAsset {
            id: a.id.clone(),
            name: a.name.clone(),
            zone: a.zone.clone(),
            known_compromised: a.known_compromised,
            encrypted: a.encrypted,
            isolated: a.isolated,
            rebuilding: a.rebuilding,
        })
        .collect();
    let stages = snapshot
        .stages
        .iter()
        .filter_map(|s| {
            Some(TeamStage {
                id: s.id.clone(),
                title: s.title.clone(),
                technique: s.technique.clone(),
                known: s.known?,
            })
        })
        .collect();
    let clocks = snapshot
        .clocks
        .iter()
        .map(|c| {
            let visible = knowledge.clock_visible(&c.id);
            TeamClock {
                id: c.id.clone(),
                regime: c.regime.clone(),
                regime_ja: c.regime_ja.clone(),
                title: c.title.clone(),
                title_ja: c.title_ja.clone(),
                hours: c.hours,
                started: c.started.filter(|_| visible),
                deadline_turn: c.deadline_turn.filter(|_| visible),
                deadline_at: c.deadline_at.filter(|_| visible),
                delivered: c.delivered,
                verdict: if visible {
                    c.verdict
                } else {
                    ClockVerdict::NotStarted
                },
            }
        })
        .collect();
    let lines: Vec<&ScoreLine> = summary
        .score_lines
        .iter()
        .filter(|l| knowledge.line_visible(&l.source))
        .collect();
    let impact = known_impact(&bundle, snapshot, snapshot.impact_total, turn);
    TeamView {
        role: role.map(str::to_string),
        turn,
        max_turns: snapshot.max_turns,
        turn_minutes: snapshot.turn_minutes,
        over,
        ending: snapshot.ending.clone(),
        injects,
        earlier,
        decisions,
        queued,
        roles: snapshot.roles.clone(),
        actions,
        services: snapshot.services.clone(),
        assets,
        stages,
        clocks,
        score: ScoreView::new(
            lines,
            &summary.overrides,
            &bundle,
            finished(snapshot, over),
            impact,
        ),
        withheld_rules: knowledge.withheld(),
    }
}

/// The event as the team may see it, given the stages it knows; `None` when the team may not
/// see it. A known stage's events are shown whole; of an undetected stage's, only encryptions,
/// and without their origin. An eviction that finds nothing is withheld (it tells that
/// something was there to find); a restore's roll (which tells whether the backup was
/// infected) is dropped: the team sees the restore only.
fn team_event(e: &TurnEvent, known: &BTreeSet<&str>, b: &Bundle) -> Option<TurnEvent> {
    if let Origin::Stage(si) = e.origin {
        let id = b.scenario.campaign.get(si).map(|s| s.id.as_str());
        if id.is_some_and(|id| known.contains(id)) {
            return Some(e.clone());
        }
        return e.kind.is_encryption().then(|| TurnEvent {
            origin: Origin::Unnamed,
            kind: e.kind.clone(),
        });
    }
    match e.kind {
        EventKind::NothingToEvict { .. } => None,
        EventKind::RestoredClean { asset, .. } | EventKind::RestoredInfected { asset, .. } => {
            Some(TurnEvent {
                origin: e.origin,
                kind: EventKind::RestoredFromBackup { asset },
            })
        }
        _ => Some(e.clone()),
    }
}

impl Drill {
    /// What the team (or, with a role, that role's seat) may see now. Its types cannot carry
    /// ground truth: see the [module documentation](self) for what is projected and why.
    pub fn team_view(&mut self, role: Option<&str>) -> TeamView {
        let engine = self.engine();
        let snapshot = engine.snapshot();
        let summary = engine.summary();
        let actions = engine.available_actions();
        team_view_of(engine, &snapshot, &summary, &actions, role)
    }

    /// The facilitator's view: the truth, every score line, and what the team sees.
    pub fn control_view(&mut self) -> ControlView {
        let engine = self.engine();
        let bundle = engine.bundle().clone();
        let snapshot = engine.snapshot();
        let summary = engine.summary();
        let actions = engine.available_actions();
        let team = team_view_of(engine, &snapshot, &summary, &actions, None);
        let score = ScoreView::new(
            summary.score_lines.iter().collect(),
            &summary.overrides,
            &bundle,
            finished(&snapshot, team.over),
            summary.impact_total,
        );
        ControlView {
            team,
            snapshot,
            actions,
            score,
            summary,
        }
    }

    /// A resolved turn as the team may see it, with what the team knows now: no rolls, no
    /// attacker step, event or score line that would tell of an undetected stage.
    pub fn team_turn(&mut self, report: &TurnReport) -> TeamTurn {
        team_turn_of(&self.turn_context(), report)
    }

    /// Several resolved turns as the team may see them (one look at the state for all).
    pub fn team_turns(&mut self, reports: &[TurnReport]) -> Vec<TeamTurn> {
        let cx = self.turn_context();
        reports.iter().map(|r| team_turn_of(&cx, r)).collect()
    }

    fn turn_context(&mut self) -> TurnContext {
        let engine = self.engine();
        let bundle = engine.bundle().clone();
        TurnContext {
            knowledge: Knowledge::new(&bundle),
            snapshot: engine.snapshot(),
            summary: engine.summary(),
            bundle,
        }
    }
}

/// What building a [`TeamTurn`] reads: the state now and what the team can know.
struct TurnContext {
    knowledge: Knowledge,
    snapshot: Snapshot,
    summary: Summary,
    bundle: std::sync::Arc<Bundle>,
}

fn team_turn_of(cx: &TurnContext, report: &TurnReport) -> TeamTurn {
    let (knowledge, snapshot, summary) = (&cx.knowledge, &cx.snapshot, &cx.summary);
    let known: BTreeSet<&str> = snapshot
        .stages
        .iter()
        .filter(|s| s.known.is_some())
        .map(|s| s.id.as_str())
        .collect();
    let title = |id: &str| {
        snapshot
            .stages
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let lines: Vec<ScoreLine> = report
        .score_lines
        .iter()
        .filter(|l| knowledge.line_visible(&l.source))
        .cloned()
        .collect();
    let total = summary
        .score_lines
        .iter()
        .filter(|l| l.turn <= report.turn && knowledge.line_visible(&l.source))
        .map(|l| scoring::effective_points(l, &summary.overrides))
        .sum();
    TeamTurn {
        turn: report.turn,
        minutes: report.minutes,
        ending: report.ending.clone(),
        decisions: report.decisions.clone(),
        actions: report
            .actions
            .iter()
            .map(|a| TeamActionOutcome {
                action: a.action.clone(),
                name: a.name.clone(),
                role: a.role.clone(),
                target: a.target.clone(),
                success: a.success,
            })
            .collect(),
        attacker: report
            .attacker
            .iter()
            .filter(|s| s.outcome == StepOutcome::Succeeded && known.contains(s.stage.as_str()))
            .map(|s| TeamStep {
                stage: s.stage.clone(),
                title: s.title.clone(),
                technique: s.technique.clone(),
            })
            .collect(),
        detections: report
            .detections
            .iter()
            .map(|d| TeamDetection {
                stage: d.stage.clone(),
                title: title(&d.stage),
                by: d.by.clone(),
            })
            .collect(),
        events: report
            .events
            .iter()
            .filter_map(|e| team_event(e, &known, &cx.bundle))
            .collect(),
        clocks: report
            .clocks
            .iter()
            .filter(|c| c.event == "met" || knowledge.clock_visible(&c.clock))
            .cloned()
            .collect(),
        turn_points: lines.iter().map(|l| l.points).sum(),
        lines,
        total,
        impact: known_impact(&cx.bundle, snapshot, report.impact_total, report.turn),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::session::DrillMeta;

    fn drill(path: &str, seed: u64) -> Drill {
        let (bundle, _) =
            crate::scenario::load_bundle(&format!("{}/{path}", env!("CARGO_MANIFEST_DIR")), None)
                .expect("scenario loads");
        Drill::start(Arc::new(bundle), seed, &DrillMeta::default(), None, None)
            .expect("drill starts")
    }

    const DEFAULT: &str = "scenarios/defence-contractor-double-extortion.ron";

    #[test]
    fn ground_truth_rules_are_withheld() {
        let mut d = drill(DEFAULT, 1);
        let bundle = d.engine().bundle().clone();
        let k = Knowledge::new(&bundle);
        // Read Reached, a stage-set flag, or truth directly: withheld.
        for s in [
            "rule:found-before-the-domain-fell",
            "rule:enclave-encrypted",
            "rule:plant-encrypted",
            "rule:data-exfiltrated",
            "rule:prime-phished",
        ] {
            assert!(!k.line_visible(s), "{s} is withheld");
        }
        // Caused by what the team does or sees: shown.
        for s in [
            "rule:ransom-paid",
            "rule:production-down",
            "rule:contained-before-encryption",
            "expect:declare-on-alert",
            "expect:isolate-patient-zero",
            "clock:jp-mod-contract/incident-report",
        ] {
            assert!(k.line_visible(s), "{s} is shown");
        }
        assert_eq!(k.withheld(), 5);
    }

    #[test]
    fn events_of_undetected_stages_lose_their_origin() {
        let mut d = drill(DEFAULT, 1);
        let b = d.engine().bundle().clone();
        let stage = |id: &str| {
            let i = b.scenario.campaign.iter().position(|s| s.id == id);
            Origin::Stage(i.expect("stage"))
        };
        let zone = b.org.zones[0].id.clone();
        let ev = |origin, kind| TurnEvent { origin, kind };
        let known: BTreeSet<&str> = ["phish"].into_iter().collect();
        let text = |e: Option<TurnEvent>| e.map(|e| e.log_line(&b));
        let enc = EventKind::ZoneEncrypted {
            count: 5,
            zone: zone.clone(),
        };
        // An undetected stage's encryption: shown, without its origin.
        assert_eq!(
            text(team_event(&ev(stage("lateral"), enc.clone()), &known, &b)),
            Some(format!("5 assets in zone `{zone}` encrypted"))
        );
        // Anything else of an undetected stage: withheld.
        let exfil = EventKind::Exfiltrated { data: 0 };
        assert_eq!(team_event(&ev(stage("lateral"), exfil), &known, &b), None);
        // A known stage's events: whole.
        let phish = ev(stage("phish"), EventKind::Isolated { asset: 0 });
        assert_eq!(team_event(&phish, &known, &b), Some(phish.clone()));
        // A restore without its roll, whether the backup was clean or not.
        let action = Origin::Action(0);
        for kind in [
            EventKind::RestoredInfected {
                asset: 1,
                roll: 0.7,
                chance: 0.5,
            },
            EventKind::RestoredClean {
                asset: 1,
                roll: 0.2,
                chance: 0.5,
            },
        ] {
            let seen = team_event(&ev(action, kind), &known, &b).expect("shown");
            assert_eq!(seen.kind, EventKind::RestoredFromBackup { asset: 1 });
            let line = seen.log_line(&b);
            assert!(line.ends_with(" restored from backup") && !line.contains("roll"));
        }
        // An eviction that found nothing: withheld.
        let none = ev(action, EventKind::NothingToEvict { asset: 0 });
        assert_eq!(team_event(&none, &known, &b), None);
        // A service's status: shown.
        let down = ev(
            Origin::Service,
            EventKind::ServiceChanged {
                service: 0,
                status: crate::engine::components::ServiceStatus::Down,
            },
        );
        assert_eq!(team_event(&down, &known, &b), Some(down.clone()));
    }

    #[test]
    fn a_role_sees_its_own_injects_and_decisions() {
        let mut d = drill(DEFAULT, 1);
        let all = d.team_view(None);
        let soc = d.team_view(Some("soc"));
        assert!(!all.injects.is_empty());
        assert!(soc.injects.iter().all(|i| i.to.iter().any(|r| r == "soc")));
        let exec = d.team_view(Some("exec"));
        assert!(
            exec.injects.len() < all.injects.len(),
            "the first inject goes to the SOC only"
        );
        assert!(exec.decisions.iter().all(|x| x.owner == "exec"));
        assert_eq!(soc.score, all.score, "the score is the team's");
    }
}
