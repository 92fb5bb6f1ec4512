//! Conditions and effects: the small typed expression language shared by scenarios and actions.

use serde::{Deserialize, Serialize};

/// A condition over the simulation state. Evaluated by the engine; never parsed from strings at run time.
///
/// Asset ids may be the placeholder `"$target"` inside an action's `requires`, meaning the action's target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Condition {
    /// Always true.
    Always,
    /// True from turn `n` on (turn ≥ n).
    Turn(u32),
    /// A scenario flag is set.
    Flag(String),
    /// An organisation control is in place (org-wide or on any asset).
    Control(String),
    /// The attacker has reached (completed) this stage: ground truth.
    Reached(String),
    /// The team knows this stage happened (it was reached and detected).
    Known(String),
    /// The stage can no longer progress (halted by the team or a control).
    Halted(String),
    /// The asset is compromised (ground truth).
    Compromised(String),
    /// The asset is encrypted by ransomware (ground truth, visible to everyone).
    Encrypted(String),
    /// The asset is isolated from the network.
    Isolated(String),
    /// The asset is known by the team to be compromised.
    KnownCompromised(String),
    /// The business service is down.
    ServiceDown(String),
    /// The business service has been down for at least this many consecutive turns.
    DownFor(String, u32),
    /// The team has taken this action at least once (any target).
    Did(String),
    /// The team has taken this action on this target.
    DidOn(String, String),
    /// This decision option was chosen (by the team or by time-out).
    Chose(String),
    /// This inject has been delivered.
    Injected(String),
    /// A regulatory clock's (`regime-id/clock-id`) report was delivered, on time or late.
    ClockMet(String),
    /// A regulatory clock's (`regime-id/clock-id`) deadline passed without a delivery on time.
    ClockMissed(String),
    /// The team could know of the incident: it has detected an attacker stage, or an inject on
    /// the `Alert` or `Attacker` channel has been delivered to it. Independent of the
    /// scenario's stages and flags; regimes that count from discovery or awareness start on it.
    Discovered,
    /// All of these hold.
    All(Vec<Condition>),
    /// At least one of these holds.
    Any(Vec<Condition>),
    /// This does not hold.
    Not(Box<Condition>),
}

impl Condition {
    /// Calls `f` on this condition and every nested one, depth first.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Condition)) {
        f(self);
        match self {
            Condition::All(items) | Condition::Any(items) => items.iter().for_each(|c| c.walk(f)),
            Condition::Not(inner) => inner.walk(f),
            _ => {}
        }
    }

    /// True when the condition looks only at what the team can know: nothing inside it is
    /// ground truth (`Reached`, `Compromised`). Reference steps should wait on such conditions.
    pub fn team_visible(&self) -> bool {
        let mut visible = true;
        self.walk(&mut |c| {
            if matches!(c, Condition::Reached(_) | Condition::Compromised(_)) {
                visible = false;
            }
        });
        visible
    }
}

/// Something that changes the simulation state: effects of actions, decision options and attacker stages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Effect {
    /// Set a scenario flag.
    SetFlag(String),
    /// Clear a scenario flag.
    ClearFlag(String),
    /// Mark the asset compromised (attacker foothold).
    Compromise(String),
    /// Encrypt the asset (it goes down; services depending on it go down).
    Encrypt(String),
    /// Encrypt every asset of a zone that is not isolated.
    EncryptZone(String),
    /// Exfiltrate a data set held by an asset (data id); adds impact and sets flag `data-exfiltrated`.
    Exfiltrate(String),
    /// Isolate the asset from the network.
    Isolate(String),
    /// Reconnect an isolated asset.
    Reconnect(String),
    /// Restore the asset from its backup: clean with the backup's `clean_chance`, otherwise
    /// re-infected; always clean once the backups were verified (`VerifyBackups`).
    Restore(String),
    /// Verify the backups: later restores pick a known-clean restore point.
    VerifyBackups,
    /// Rebuild the asset from gold images: clean, back after `rebuild_turns` of the org.
    Rebuild(String),
    /// Remove the attacker's foothold from the asset (credentials reset, malware removed) when it is known.
    Evict(String),
    /// Roll to reveal each hidden attacker stage with this chance (threat hunt, triage).
    Hunt(f64),
    /// Roll to reveal hidden stages whose target is this asset, with this chance (forensics on a host).
    Inspect(String, f64),
    /// Put an organisation control in place from now on (e.g. enforce MFA, segment the network).
    AddControl(String),
    /// Add direct impact in the organisation's unit, with a reason (ransom paid, fine, …).
    Impact(f64, String),
    /// Meet the earliest open regulatory clock of this regime that the action can meet (`$target` allowed).
    Notify(String),
    /// Conditional effects: `If(when: …, then: [...], else: [...])`. The engine reads `when`
    /// when it comes to this effect (after the effects queued before it this turn) and applies
    /// `then` if it holds, else `else` (default none), in place, in order.
    If {
        /// The condition (`$target` allowed in an action's effects).
        when: Condition,
        /// Applied when `when` holds.
        then: Vec<Effect>,
        /// Applied when it does not.
        #[serde(rename = "else", default)]
        otherwise: Vec<Effect>,
    },
}

impl Effect {
    /// Calls `f` on this effect and every effect nested in an `If` (both branches), depth first.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Effect)) {
        f(self);
        if let Effect::If {
            then, otherwise, ..
        } = self
        {
            then.iter().chain(otherwise).for_each(|e| e.walk(f));
        }
    }

    /// Every effect of a list, nested ones included, in order.
    pub fn flatten(effects: &[Effect]) -> Vec<&Effect> {
        let mut out = Vec::new();
        for e in effects {
            e.walk(&mut |x| out.push(x));
        }
        out
    }

    /// The asset id this effect names, if it names one.
    pub fn asset(&self) -> Option<&str> {
        match self {
            Effect::Compromise(a)
            | Effect::Encrypt(a)
            | Effect::Isolate(a)
            | Effect::Reconnect(a)
            | Effect::Restore(a)
            | Effect::Rebuild(a)
            | Effect::Evict(a)
            | Effect::Inspect(a, _) => Some(a),
            _ => None,
        }
    }
}

/// The placeholder for "the target chosen for this action" in action preconditions and effects.
pub const TARGET: &str = "$target";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ground_truth_anywhere_inside_is_not_team_visible() {
        let known = Condition::Known("phish".into());
        assert!(known.team_visible());
        let nested = Condition::All(vec![
            known.clone(),
            Condition::Not(Box::new(Condition::Reached("phish".into()))),
        ]);
        assert!(!nested.team_visible());
        assert!(!Condition::Any(vec![Condition::Compromised("db".into())]).team_visible());
    }
}
