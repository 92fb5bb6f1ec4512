//! Plain-words renderings of scenario data for the views: conditions (action preconditions) and
//! channels.

use crate::scenario::{Channel, Condition, TARGET};

use super::super::i18n::{Lang, S};

fn name(id: &str, lang: Lang) -> String {
    if id == TARGET {
        lang.t(S::CondTarget).to_string()
    } else {
        id.to_string()
    }
}

/// A condition in words (`alert-raised or ransomware-detonated`, `the target not isolated`).
pub fn condition(c: &Condition, lang: Lang) -> String {
    let one = |s: S, a: &str| lang.f(s, &[&name(a, lang)]);
    match c {
        Condition::Always => lang.t(S::CondAlways).to_string(),
        Condition::Turn(n) => lang.f(S::CondTurn, &[n]),
        Condition::Flag(f) => one(S::CondFlag, f),
        Condition::Control(x) => one(S::CondControl, x),
        Condition::Reached(x) => one(S::CondReached, x),
        Condition::Known(x) => one(S::CondKnown, x),
        Condition::Halted(x) => one(S::CondHalted, x),
        Condition::Compromised(x) => one(S::CondCompromised, x),
        Condition::Encrypted(x) => one(S::CondEncrypted, x),
        Condition::Isolated(x) => one(S::CondIsolated, x),
        Condition::KnownCompromised(x) => one(S::CondKnownCompromised, x),
        Condition::ServiceDown(x) => one(S::CondServiceDown, x),
        Condition::Did(x) => one(S::CondDid, x),
        Condition::DidOn(a, t) => lang.f(S::CondDidOn, &[&name(a, lang), &name(t, lang)]),
        Condition::Chose(x) => one(S::CondChose, x),
        Condition::Injected(x) => one(S::CondInjected, x),
        Condition::ClockMet(x) => one(S::CondClockMet, x),
        Condition::ClockMissed(x) => one(S::CondClockMissed, x),
        Condition::Discovered => lang.t(S::CondDiscovered).to_string(),
        Condition::All(v) => join(v, lang.t(S::CondAnd), lang),
        Condition::Any(v) => join(v, lang.t(S::CondOr), lang),
        Condition::Not(x) => match x.as_ref() {
            Condition::Isolated(a) => one(S::CondNotIsolated, a),
            _ => lang.f(S::CondNot, &[&nested(x, lang)]),
        },
    }
}

fn nested(c: &Condition, lang: Lang) -> String {
    match c {
        Condition::All(v) | Condition::Any(v) if v.len() > 1 => format!("({})", condition(c, lang)),
        _ => condition(c, lang),
    }
}

fn join(v: &[Condition], sep: &str, lang: Lang) -> String {
    v.iter()
        .map(|c| nested(c, lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The channel's label.
pub fn channel(c: Channel, lang: Lang) -> &'static str {
    lang.t(match c {
        Channel::Alert => S::ChAlert,
        Channel::Email => S::ChEmail,
        Channel::Phone => S::ChPhone,
        Channel::Press => S::ChPress,
        Channel::Attacker => S::ChAttacker,
        Channel::Memo => S::ChMemo,
        Channel::Authority => S::ChAuthority,
        Channel::Supplier => S::ChSupplier,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_read_as_words() {
        let c = Condition::Any(vec![
            Condition::Flag("alert-raised".into()),
            Condition::Not(Box::new(Condition::Isolated(TARGET.into()))),
        ]);
        assert_eq!(
            condition(&c, Lang::En),
            "alert-raised or the target not isolated"
        );
        assert_eq!(condition(&c, Lang::Ja), "alert-raised または 対象が未隔離");
    }
}
