//! Plain-words renderings of scenario data for the views: conditions (action preconditions),
//! effects (what a decision's option does) and channels.

use crate::scenario::{Channel, Condition, Effect, TARGET};

use super::super::i18n::{Lang, S};

/// Gives the label of an id (an asset's name, an action's name…), or the id itself.
pub type Labels<'a> = &'a dyn Fn(&str) -> String;

fn name(id: &str, lang: Lang, labels: Labels) -> String {
    if id == TARGET {
        lang.t(S::CondTarget).to_string()
    } else {
        labels(id)
    }
}

/// A condition in words, naming things by id (`alert-raised or the target not isolated`).
pub fn condition(c: &Condition, lang: Lang) -> String {
    condition_with(c, lang, &|id| id.to_string())
}

/// A condition in words, naming things by their labels where `labels` has one.
pub fn condition_with(c: &Condition, lang: Lang, labels: Labels) -> String {
    let name = |id: &str, lang: Lang| name(id, lang, labels);
    let nested = |c: &Condition, lang: Lang| nested(c, lang, labels);
    let join = |v: &[Condition], sep: &str, lang: Lang| join(v, sep, lang, labels);
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
        Condition::DownFor(x, n) => lang.f(S::CondDownFor, &[&name(x, lang), n]),
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

fn nested(c: &Condition, lang: Lang, labels: Labels) -> String {
    match c {
        Condition::All(v) | Condition::Any(v) if v.len() > 1 => {
            format!("({})", condition_with(c, lang, labels))
        }
        _ => condition_with(c, lang, labels),
    }
}

fn join(v: &[Condition], sep: &str, lang: Lang, labels: Labels) -> String {
    v.iter()
        .map(|c| nested(c, lang, labels))
        .collect::<Vec<_>>()
        .join(sep)
}

/// An effect in words (`isolates ENG-LT-042`, `impact +30 kJPY (ransom paid)`), naming things
/// by their labels; `unit` is the organisation's impact unit.
pub fn effect(e: &Effect, lang: Lang, labels: Labels, unit: &str) -> String {
    let n = |id: &str| name(id, lang, labels);
    let pct = |p: f64| format!("{:.0}%", p * 100.0);
    match e {
        Effect::SetFlag(f) => lang.f(S::EffSetFlag, &[&n(f)]),
        Effect::ClearFlag(f) => lang.f(S::EffClearFlag, &[&n(f)]),
        Effect::Compromise(a) => lang.f(S::EffCompromise, &[&n(a)]),
        Effect::Encrypt(a) => lang.f(S::EffEncrypt, &[&n(a)]),
        Effect::EncryptZone(z) => lang.f(S::EffEncryptZone, &[&n(z)]),
        Effect::Exfiltrate(d) => lang.f(S::EffExfiltrate, &[&n(d)]),
        Effect::Isolate(a) => lang.f(S::EffIsolate, &[&n(a)]),
        Effect::Reconnect(a) => lang.f(S::EffReconnect, &[&n(a)]),
        Effect::Restore(a) => lang.f(S::EffRestore, &[&n(a)]),
        Effect::VerifyBackups => lang.t(S::EffVerifyBackups).to_string(),
        Effect::Rebuild(a) => lang.f(S::EffRebuild, &[&n(a)]),
        Effect::Evict(a) => lang.f(S::EffEvict, &[&n(a)]),
        Effect::Hunt(p) => lang.f(S::EffHunt, &[&pct(*p)]),
        Effect::Inspect(a, p) => lang.f(S::EffInspect, &[&n(a), &pct(*p)]),
        Effect::AddControl(c) => lang.f(S::EffAddControl, &[&n(c)]),
        Effect::Impact(x, why) => lang.f(S::EffImpact, &[&x, &unit, &why]),
        Effect::Notify(r) => lang.f(S::EffNotify, &[&n(r)]),
        Effect::If {
            when,
            then,
            otherwise,
        } => lang.f(
            S::EffIf,
            &[
                &condition_with(when, lang, labels),
                &effects(then, lang, labels, unit),
                &effects(otherwise, lang, labels, unit),
            ],
        ),
    }
}

/// What a list of effects does, in words; "no direct effect" when it is empty.
pub fn effects(v: &[Effect], lang: Lang, labels: Labels, unit: &str) -> String {
    if v.is_empty() {
        return lang.t(S::EffNone).to_string();
    }
    v.iter()
        .map(|e| effect(e, lang, labels, unit))
        .collect::<Vec<_>>()
        .join("; ")
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
        let named = condition_with(
            &Condition::KnownCompromised("eng-lt".into()),
            Lang::En,
            &|id| {
                if id == "eng-lt" {
                    "ENG-LT-042".into()
                } else {
                    id.into()
                }
            },
        );
        assert_eq!(named, "ENG-LT-042 known compromised");
    }

    #[test]
    fn effects_read_as_words() {
        let v = vec![
            Effect::Impact(30.0, "ransom paid".into()),
            Effect::SetFlag("ransom-paid".into()),
        ];
        let labels = |id: &str| id.to_string();
        assert_eq!(
            effects(&v, Lang::En, &labels, "kJPY"),
            "impact +30 kJPY (ransom paid); sets ransom-paid"
        );
        assert_eq!(
            effects(&[], Lang::En, &labels, "kJPY"),
            "no direct effect (the scenario's rules may score the choice)"
        );
        let cond = Effect::If {
            when: Condition::Flag("backups-verified".into()),
            then: vec![Effect::SetFlag("restoring".into())],
            otherwise: vec![],
        };
        let text = effect(&cond, Lang::En, &labels, "kJPY");
        assert!(text.starts_with("if "), "{text}");
        assert!(text.contains("sets restoring"), "{text}");
        assert!(text.contains("otherwise: no direct effect"), "{text}");
    }
}
