//! The one condition evaluator. The engine asks it over the live simulation state; the report
//! asks it over what a journal shows at a given turn. Both describe their facts through
//! [`FactSource`]; the evaluator maps every [`Condition`] variant onto those questions and
//! combines the answers with three-valued logic (`None` = the source cannot tell), so a new
//! variant touches the model, the validator and this function only.

use super::condition::{Condition, TARGET};

/// A fact about an attacker stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageFact {
    /// The attacker completed the stage (ground truth).
    Reached,
    /// The team knows the stage happened.
    Known,
    /// The stage can no longer progress.
    Halted,
}

/// A fact about an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetFact {
    /// The attacker has a foothold (ground truth).
    Compromised,
    /// Encrypted by ransomware.
    Encrypted,
    /// Isolated from the network.
    Isolated,
    /// The team knows it is compromised.
    KnownCompromised,
}

/// A fact about a regulatory clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockFact {
    /// The report was delivered (on time or late).
    Met,
    /// The deadline passed without a delivery on time.
    Missed,
}

/// Where the facts come from. Each answer is `Some(true/false)`, or `None` when the source
/// cannot tell (the report over a journal that does not record some state).
pub trait FactSource {
    /// The current turn.
    fn turn(&self) -> u32;
    /// A scenario flag is set.
    fn flag(&self, flag: &str) -> Option<bool>;
    /// A control is in place (org-wide or on some asset).
    fn control(&self, control: &str) -> Option<bool>;
    /// A fact about a stage.
    fn stage(&self, stage: &str, fact: StageFact) -> Option<bool>;
    /// A fact about an asset.
    fn asset(&self, asset: &str, fact: AssetFact) -> Option<bool>;
    /// A business service is down.
    fn service_down(&self, service: &str) -> Option<bool>;
    /// A business service has been down for at least `turns` consecutive turns.
    fn service_down_for(&self, service: &str, turns: u32) -> Option<bool>;
    /// The team took this action (on this target, when one is given).
    fn did(&self, action: &str, target: Option<&str>) -> Option<bool>;
    /// This decision option was chosen.
    fn chose(&self, option: &str) -> Option<bool>;
    /// This inject was delivered.
    fn injected(&self, inject: &str) -> Option<bool>;
    /// A fact about a clock.
    fn clock(&self, clock: &str, fact: ClockFact) -> Option<bool>;
    /// The team could know of the incident (see [`Condition::Discovered`]).
    fn discovered(&self) -> Option<bool>;
}

/// Evaluates `c` over `facts`; `target` replaces the placeholder `$target`.
pub fn evaluate<'a, F: FactSource + ?Sized>(
    c: &'a Condition,
    facts: &F,
    target: Option<&'a str>,
) -> Option<bool> {
    let resolve = |id: &'a str| -> &'a str {
        if id == TARGET {
            target.unwrap_or_default()
        } else {
            id
        }
    };
    match c {
        Condition::Always => Some(true),
        Condition::Turn(n) => Some(facts.turn() >= *n),
        Condition::Flag(f) => facts.flag(f),
        Condition::Control(x) => facts.control(x),
        Condition::Reached(s) => facts.stage(s, StageFact::Reached),
        Condition::Known(s) => facts.stage(s, StageFact::Known),
        Condition::Halted(s) => facts.stage(s, StageFact::Halted),
        Condition::Compromised(a) => facts.asset(resolve(a), AssetFact::Compromised),
        Condition::Encrypted(a) => facts.asset(resolve(a), AssetFact::Encrypted),
        Condition::Isolated(a) => facts.asset(resolve(a), AssetFact::Isolated),
        Condition::KnownCompromised(a) => facts.asset(resolve(a), AssetFact::KnownCompromised),
        Condition::ServiceDown(s) => facts.service_down(s),
        Condition::DownFor(s, n) => facts.service_down_for(s, *n),
        Condition::Did(a) => facts.did(a, None),
        Condition::DidOn(a, t) => facts.did(a, Some(resolve(t))),
        Condition::Chose(o) => facts.chose(o),
        Condition::Injected(i) => facts.injected(i),
        Condition::ClockMet(k) => facts.clock(k, ClockFact::Met),
        Condition::ClockMissed(k) => facts.clock(k, ClockFact::Missed),
        Condition::Discovered => facts.discovered(),
        Condition::All(items) => {
            let mut unknown = false;
            for i in items {
                match evaluate(i, facts, target) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            (!unknown).then_some(true)
        }
        Condition::Any(items) => {
            let mut unknown = false;
            for i in items {
                match evaluate(i, facts, target) {
                    Some(true) => return Some(true),
                    None => unknown = true,
                    Some(false) => {}
                }
            }
            (!unknown).then_some(false)
        }
        Condition::Not(inner) => evaluate(inner, facts, target).map(|b| !b),
    }
}
