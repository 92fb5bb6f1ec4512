//! The team's response beside the scenario's reference response.
//!
//! Each reference step falls due at its earliest `turn`, or, when it has a `when` condition,
//! at the first turn from then on where the condition holds. The condition is evaluated over
//! what the journal shows (injects delivered, stages detected, reached or halted, actions
//! taken, options chosen, clocks met or missed, and — in journals that record `state_changed`
//! — flags, controls, asset and service state). Conditions on state an older journal does not
//! carry cannot be decided: such a step is taken as due at its earliest turn and marked
//! approximate. A step is matched to the earliest action
//! the team took with the same action id and, when the step names one, the same target.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::view::StepOutcome;
use crate::scenario::evaluate::{AssetFact, ClockFact, FactSource, StageFact, evaluate};
use crate::scenario::{Condition, Step};

use super::model::{ActionTaken, ResponseReport, StepReport, StepVerdict};

/// A decision as recorded: (turn, option, by role or `None` for a time-out, journal line).
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionTaken {
    /// Turn.
    pub turn: u32,
    /// Option id.
    pub option: String,
    /// Role that decided; `None` when the default applied on time-out.
    pub role: Option<String>,
    /// Journal line.
    pub line: u64,
}

/// What the journal shows, indexed by the first turn each fact appeared.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Inject id → first turn delivered.
    pub injected: BTreeMap<String, u32>,
    /// Stage id → first turn detected.
    pub known: BTreeMap<String, u32>,
    /// Stage id → first turn reached.
    pub reached: BTreeMap<String, u32>,
    /// Stage id → first turn halted.
    pub halted: BTreeMap<String, u32>,
    /// Action id → first turn taken.
    pub did: BTreeMap<String, u32>,
    /// (action, target) → first turn taken.
    pub did_on: BTreeMap<(String, String), u32>,
    /// Option id → first turn chosen.
    pub chose: BTreeMap<String, u32>,
    /// Clock id → first turn met.
    pub clock_met: BTreeMap<String, u32>,
    /// Clock id → first turn missed.
    pub clock_missed: BTreeMap<String, u32>,
    /// First turn in which the team could know of the incident ([`Condition::Discovered`]).
    pub discovered: Option<u32>,
    /// Last turn the team could act in.
    pub last_turn: u32,
    /// The journal records state changes (flags, controls, assets, services).
    pub state_tracked: bool,
    /// Controls in place from the start (org-wide or on some asset).
    pub initial_controls: BTreeSet<String>,
    /// Decision option id → the inject that asks for the decision.
    pub option_inject: BTreeMap<String, String>,
    /// State timelines: key (`flag:x`, `control:x`, `compromised:a`, `encrypted:a`,
    /// `isolated:a`, `known-compromised:a`, `service-down:s`) → (turn visible from, value).
    pub state: BTreeMap<String, Vec<(u32, bool)>>,
}

fn first(map: &mut BTreeMap<String, u32>, key: &str, turn: u32) {
    map.entry(key.to_string())
        .and_modify(|t| *t = (*t).min(turn))
        .or_insert(turn);
}

impl Facts {
    /// Records a state value that the team can see from turn `from` on.
    pub fn set_state(&mut self, key: String, from: u32, value: bool) {
        self.state.entry(key).or_default().push((from, value));
    }

    /// A state value at `turn` (false before any record of it).
    fn state_at(&self, key: &str, turn: u32) -> bool {
        self.state
            .get(key)
            .and_then(|v| v.iter().rev().find(|(from, _)| *from <= turn))
            .is_some_and(|(_, value)| *value)
    }

    /// Records an inject delivered in `turn`.
    pub fn inject(&mut self, id: &str, turn: u32) {
        first(&mut self.injected, id, turn);
    }

    /// Records a stage detected in `turn` (the team knows from the next turn on).
    pub fn detected(&mut self, stage: &str, turn: u32) {
        first(&mut self.known, stage, turn);
        self.aware_from(turn.saturating_add(1));
    }

    /// Records that the team could know of the incident from `turn` on.
    pub fn aware_from(&mut self, turn: u32) {
        self.discovered = Some(self.discovered.map_or(turn, |t| t.min(turn)));
    }

    /// Records an attacker stage outcome in `turn`.
    pub fn stage(&mut self, stage: &str, outcome: StepOutcome, turn: u32) {
        match outcome {
            StepOutcome::Succeeded => first(&mut self.reached, stage, turn),
            StepOutcome::Halted => first(&mut self.halted, stage, turn),
            StepOutcome::Failed | StepOutcome::Blocked => {}
        }
    }

    /// Records an action resolved in `turn`.
    pub fn action(&mut self, action: &str, target: Option<&str>, turn: u32) {
        first(&mut self.did, action, turn);
        if let Some(t) = target {
            self.did_on
                .entry((action.to_string(), t.to_string()))
                .and_modify(|x| *x = (*x).min(turn))
                .or_insert(turn);
        }
    }

    /// Records an option chosen in `turn`.
    pub fn chosen(&mut self, option: &str, turn: u32) {
        first(&mut self.chose, option, turn);
    }

    /// Records a clock event in `turn`.
    pub fn clock(&mut self, clock: &str, event: &str, turn: u32) {
        match event {
            "met" => first(&mut self.clock_met, clock, turn),
            "missed" => first(&mut self.clock_missed, clock, turn),
            _ => {}
        }
    }

    /// Whether `c` holds when the team acts in `turn`: `Some(bool)` when the journal can tell,
    /// `None` when the condition depends on state the journal does not carry. Evaluated by the
    /// engine's own evaluator over [`AtTurn`].
    pub fn holds(&self, c: &Condition, turn: u32) -> Option<bool> {
        evaluate(c, &AtTurn { facts: self, turn }, None)
    }

    /// Turns at which the truth of any condition can change, in order.
    fn change_points(&self, extra: &[u32]) -> BTreeSet<u32> {
        let mut out: BTreeSet<u32> = extra.iter().copied().collect();
        out.extend(self.injected.values().copied());
        for m in [
            &self.known,
            &self.reached,
            &self.halted,
            &self.did,
            &self.chose,
            &self.clock_met,
            &self.clock_missed,
        ] {
            out.extend(m.values().map(|t| t.saturating_add(1)));
        }
        out.extend(self.did_on.values().map(|t| t.saturating_add(1)));
        out.extend(self.discovered);
        out.extend(self.state.values().flatten().map(|(from, _)| *from));
        out
    }
}

/// What the journal shows when the team acts in one turn: the report's [`FactSource`].
///
/// Injects delivered at the opening of a turn count in that turn; everything the engine
/// resolves at the end of a turn counts from the next one.
pub struct AtTurn<'a> {
    /// The journal's facts.
    pub facts: &'a Facts,
    /// The turn the team acts in.
    pub turn: u32,
}

impl AtTurn<'_> {
    fn before(&self, m: &BTreeMap<String, u32>, k: &str) -> Option<bool> {
        Some(m.get(k).is_some_and(|&t| t < self.turn))
    }

    /// State the journal records only when it tracks state changes.
    fn state(&self, key: String) -> Option<bool> {
        self.facts
            .state_tracked
            .then(|| self.facts.state_at(&key, self.turn))
    }
}

impl FactSource for AtTurn<'_> {
    fn turn(&self) -> u32 {
        self.turn
    }

    fn flag(&self, flag: &str) -> Option<bool> {
        self.state(format!("flag:{flag}"))
    }

    fn control(&self, control: &str) -> Option<bool> {
        self.state(format!("control:{control}"))
            .map(|b| b || self.facts.initial_controls.contains(control))
    }

    fn stage(&self, stage: &str, fact: StageFact) -> Option<bool> {
        let m = match fact {
            StageFact::Reached => &self.facts.reached,
            StageFact::Known => &self.facts.known,
            StageFact::Halted => &self.facts.halted,
        };
        self.before(m, stage)
    }

    fn asset(&self, asset: &str, fact: AssetFact) -> Option<bool> {
        let key = match fact {
            AssetFact::Compromised => "compromised",
            AssetFact::Encrypted => "encrypted",
            AssetFact::Isolated => "isolated",
            AssetFact::KnownCompromised => "known-compromised",
        };
        self.state(format!("{key}:{asset}"))
    }

    fn service_down(&self, service: &str) -> Option<bool> {
        self.state(format!("service-down:{service}"))
    }

    fn service_down_for(&self, service: &str, turns: u32) -> Option<bool> {
        if !self.facts.state_tracked {
            return None;
        }
        // Down from the turn the change became visible (`from`), i.e. since the resolution of
        // turn `from − 1`: by the last resolution, turn − 1, that is turn − from + 1 turns.
        let key = format!("service-down:{service}");
        let Some((from, down)) = self
            .facts
            .state
            .get(&key)
            .and_then(|v| v.iter().rev().find(|(f, _)| *f <= self.turn).copied())
        else {
            return Some(false);
        };
        Some(down && self.turn + 1 - from >= turns.max(1))
    }

    fn did(&self, action: &str, target: Option<&str>) -> Option<bool> {
        match target {
            None => self.before(&self.facts.did, action),
            Some(t) => Some(
                self.facts
                    .did_on
                    .get(&(action.to_string(), t.to_string()))
                    .is_some_and(|&x| x < self.turn),
            ),
        }
    }

    fn chose(&self, option: &str) -> Option<bool> {
        self.before(&self.facts.chose, option)
    }

    fn injected(&self, inject: &str) -> Option<bool> {
        Some(
            self.facts
                .injected
                .get(inject)
                .is_some_and(|&t| t <= self.turn),
        )
    }

    fn discovered(&self) -> Option<bool> {
        Some(self.facts.discovered.is_some_and(|t| t <= self.turn))
    }

    fn clock(&self, clock: &str, fact: ClockFact) -> Option<bool> {
        match fact {
            ClockFact::Met => self.before(&self.facts.clock_met, clock),
            ClockFact::Missed => self.before(&self.facts.clock_missed, clock),
        }
    }
}

fn turn_values(c: &Condition, out: &mut Vec<u32>) {
    c.walk(&mut |x| {
        if let Condition::Turn(n) = x {
            out.push(*n);
        }
    });
}

/// What fulfilled a step: (turn, who, journal line, the action failed, a time-out decided).
type Match = (u32, String, u64, bool, bool);

/// Compares the team's actions and decisions with the reference response in `steps` (the
/// header's `extra.reference_response`).
pub fn compare(
    steps: &[Step],
    facts: &Facts,
    actions: &[ActionTaken],
    decisions: &[DecisionTaken],
) -> ResponseReport {
    let mut used_actions = vec![false; actions.len()];
    let mut used_decisions = vec![false; decisions.len()];
    let mut out = Vec::with_capacity(steps.len());
    // When each step fell due: (first turn its condition is known to hold, first turn the
    // journal cannot decide it).
    let mut due: Vec<(Option<u32>, Option<u32>)> = Vec::with_capacity(steps.len());
    for step in steps {
        // A decision step cannot fall due before its decision is asked for.
        let asked = step
            .choose
            .as_ref()
            .and_then(|o| facts.option_inject.get(o))
            .map(|inject| facts.injected.get(inject).copied());
        let earliest = match asked {
            Some(Some(t)) => step.turn.max(t),
            Some(None) => u32::MAX, // never asked: not due
            None => step.turn,
        }
        .max(1);
        // First turn the condition is known to hold, and first turn it cannot be decided
        // (before that one): the due turn lies between them.
        let (first_true, first_unknown) = match &step.when {
            None => ((earliest <= facts.last_turn).then_some(earliest), None),
            Some(cond) => {
                let mut extra = vec![earliest];
                turn_values(cond, &mut extra);
                let mut first_true = None;
                let mut first_unknown = None;
                for t in facts.change_points(&extra) {
                    if t < earliest || t > facts.last_turn {
                        continue;
                    }
                    match facts.holds(cond, t) {
                        Some(true) => {
                            first_true = Some(t);
                            break;
                        }
                        Some(false) => {}
                        None => {
                            first_unknown = first_unknown.or(Some(t));
                        }
                    }
                }
                (first_true, first_unknown)
            }
        };
        due.push((first_true, first_unknown));
    }
    // Match actions to steps in the order the steps fell due (then those the journal cannot
    // time), so each action counts once, for the earliest step it fulfils. A step known never
    // to have fallen due is not needed and takes no action.
    let mut order: Vec<usize> = (0..steps.len())
        .filter(|&i| due[i].0.is_some() || due[i].1.is_some())
        .collect();
    order.sort_by_key(|&i| (due[i].0.is_none(), due[i].0.or(due[i].1), i));
    let mut matched: Vec<Option<Match>> = vec![None; steps.len()];
    for i in order {
        let step = &steps[i];
        if let Some(action) = &step.action {
            let found = actions.iter().enumerate().find(|(k, a)| {
                !used_actions[*k]
                    && a.action == *action
                    && step
                        .target
                        .as_ref()
                        .is_none_or(|t| a.target.as_ref() == Some(t))
            });
            if let Some((k, a)) = found {
                used_actions[k] = true;
                matched[i] = Some((a.turn, a.role.clone(), a.line, !a.success, false));
            }
        } else if let Some(option) = &step.choose {
            let found = decisions
                .iter()
                .enumerate()
                .find(|(k, d)| !used_decisions[*k] && d.option == *option);
            if let Some((k, d)) = found {
                used_decisions[k] = true;
                let who = d.role.clone().unwrap_or_else(|| "timeout".into());
                matched[i] = Some((d.turn, who, d.line, false, d.role.is_none()));
            }
        }
    }
    for (i, step) in steps.iter().enumerate() {
        let (due_turn, first_unknown) = due[i];
        let due_exact = first_unknown.is_none();
        let m = matched[i].take();
        let done_failed = m.as_ref().is_some_and(|x| x.3);
        let defaulted = m.as_ref().is_some_and(|x| x.4);
        let done = m.map(|(turn, who, line, _, _)| (turn, who, line));
        let verdict = match (done.as_ref(), first_unknown) {
            (Some(_), _) if defaulted => StepVerdict::Defaulted,
            (Some((d, _, _)), None) => match due_turn {
                Some(due) if *d > due => StepVerdict::Late,
                _ => StepVerdict::OnTime,
            },
            (Some((d, _, _)), Some(from)) => match due_turn {
                _ if *d <= from => StepVerdict::OnTime,
                Some(due) if *d > due => StepVerdict::Late,
                _ => StepVerdict::DoneUntimed,
            },
            (None, _) if due_turn.is_some() => StepVerdict::Missed,
            (None, None) => StepVerdict::NotApplicable,
            (None, Some(_)) => StepVerdict::Undetermined,
        };
        out.push(StepReport {
            role: step.role.clone(),
            action: step.action.clone(),
            choose: step.choose.clone(),
            target: step.target.clone(),
            why: step.why.clone(),
            due_turn,
            due_exact,
            due_from: first_unknown,
            done,
            done_failed,
            verdict,
        });
    }
    let extra = actions
        .iter()
        .zip(&used_actions)
        .filter(|(_, used)| !**used)
        .map(|(a, _)| a.clone())
        .collect();
    ResponseReport { steps: out, extra }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reference step, written as it would be in a scenario file.
    fn step(ron: &str) -> Step {
        match crate::scenario::parse::ron_options().from_str(ron) {
            Ok(s) => s,
            Err(e) => panic!("bad step {ron}: {e}"),
        }
    }

    fn taken(turn: u32, action: &str, target: Option<&str>) -> ActionTaken {
        ActionTaken {
            turn,
            role: "soc".into(),
            action: action.into(),
            name: action.into(),
            target: target.map(str::to_string),
            success: true,
            line: u64::from(turn) * 10,
        }
    }

    #[test]
    fn steps_are_on_time_late_missed_or_not_applicable() {
        let mut facts = Facts {
            last_turn: 6,
            ..Facts::default()
        };
        facts.inject("edr-alert", 2);
        facts.detected("phish", 1);
        let steps = vec![
            step(
                r#"Step(turn: 1, when: Injected("edr-alert"), role: "ciso", action: "declare-incident")"#,
            ),
            step(
                r#"Step(turn: 1, when: Known("phish"), role: "soc", action: "isolate-host", target: "h1")"#,
            ),
            step(r#"Step(turn: 3, role: "legal", action: "notify-authority")"#),
            step(r#"Step(turn: 1, when: Known("exfil"), role: "soc", action: "block-egress")"#),
            step(r#"Step(turn: 2, when: Flag("x"), role: "soc", action: "threat-hunt")"#),
            step(r#"Step(turn: 2, when: Flag("y"), role: "soc", action: "enforce-mfa")"#),
            step(r#"Step(turn: 3, when: Flag("z"), role: "soc", action: "review-logs")"#),
            step(
                r#"Step(turn: 1, when: Any([Flag("z"), Injected("edr-alert")]), role: "soc", action: "forensic-image")"#,
            ),
        ];
        let actions = vec![
            taken(2, "declare-incident", None),
            taken(4, "isolate-host", Some("h2")),
            taken(5, "isolate-host", Some("h1")),
            taken(3, "threat-hunt", None),
            taken(3, "review-logs", None),
        ];
        let r = compare(&steps, &facts, &actions, &[]);
        let v: Vec<_> = r
            .steps
            .iter()
            .map(|s| (s.verdict, s.due_turn, s.due_exact))
            .collect();
        assert_eq!(
            v,
            vec![
                (StepVerdict::OnTime, Some(2), true),
                (StepVerdict::Late, Some(2), true),
                (StepVerdict::Missed, Some(3), true),
                (StepVerdict::NotApplicable, None, true),
                (StepVerdict::DoneUntimed, None, false),
                (StepVerdict::Undetermined, None, false),
                (StepVerdict::OnTime, None, false),
                (StepVerdict::Missed, Some(2), false),
            ]
        );
        let extra: Vec<_> = r.extra.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(extra, vec!["isolate-host"]);
    }

    #[test]
    fn decisions_by_time_out_are_defaulted() {
        let facts = Facts {
            last_turn: 3,
            ..Facts::default()
        };
        let steps = vec![step(r#"Step(turn: 1, role: "exec", choose: "refuse")"#)];
        let d = vec![DecisionTaken {
            turn: 2,
            option: "refuse".into(),
            role: None,
            line: 9,
        }];
        let r = compare(&steps, &facts, &[], &d);
        assert_eq!(r.steps[0].verdict, StepVerdict::Defaulted);
    }

    #[test]
    fn conditions_combine_three_valued() {
        let mut facts = Facts::default();
        facts.inject("a", 1);
        let c = Condition::All(vec![
            Condition::Injected("a".into()),
            Condition::Flag("f".into()),
        ]);
        assert_eq!(facts.holds(&c, 1), None);
        let c = Condition::Any(vec![
            Condition::Injected("a".into()),
            Condition::Flag("f".into()),
        ]);
        assert_eq!(facts.holds(&c, 1), Some(true));
        let c = Condition::Not(Box::new(Condition::Injected("b".into())));
        assert_eq!(facts.holds(&c, 1), Some(true));
    }
}
