//! What can never happen: conditions that can never hold, expectations due after the drill
//! ends, stage chains that loop, decision options nothing tells apart, endings that can never
//! be reached, and expectations only the team's own actions start. Each finding becomes a coded
//! `kunren check` diagnostic at the item it is about (see `docs/diagnostics.md`).

use std::collections::BTreeSet;

use super::condition::{Condition, Effect};
use super::model::{Activation, Scenario, Trigger};
use crate::i18n::diagnostics::{D, Msg, msg};

/// One finding: the code, the item's id (to locate it), the message and a help line.
#[derive(Debug, Clone, PartialEq)]
pub struct Lint {
    /// Diagnostic code.
    pub code: &'static str,
    /// The id of the item, located as `id: "…"`.
    pub id: String,
    /// What is wrong.
    pub message: Msg,
    /// What to do.
    pub help: Msg,
}

/// Why a condition can never hold, if it cannot (a positive occurrence of something that is
/// always false in this scenario, or a leaf together with its negation in one `All`).
fn never(c: &Condition, sc: &Scenario) -> Option<Msg> {
    match c {
        Condition::Turn(n) if *n > sc.max_turns => {
            Some(msg!(never_turn, n = *n, max = sc.max_turns))
        }
        Condition::Halted(s) => {
            let stage = sc.campaign.iter().find(|x| &x.id == s)?;
            stage
                .halted_when
                .is_none()
                .then(|| msg!(never_halted, id = s))
        }
        Condition::All(items) => {
            if let Some(why) = items.iter().find_map(|x| never(x, sc)) {
                return Some(why);
            }
            items.iter().find_map(|x| {
                items
                    .iter()
                    .any(|y| matches!(y, Condition::Not(inner) if **inner == *x))
                    .then(|| msg!(never_both, cond = short(x)))
            })
        }
        Condition::Any(items) if !items.is_empty() => {
            let whys: Vec<Msg> = items.iter().filter_map(|x| never(x, sc)).collect();
            (whys.len() == items.len()).then_some(Msg::Join(whys, "; "))
        }
        _ => None,
    }
}

fn short(c: &Condition) -> String {
    let cfg = ron::ser::PrettyConfig::new()
        .compact_arrays(true)
        .new_line("".to_string())
        .indentor("".to_string())
        .separator(" ".to_string());
    ron::ser::to_string_pretty(c, cfg).unwrap_or_default()
}

/// True when every leaf of `c` is a team action or choice (`Did`, `DidOn`, `Chose`).
fn only_team_actions(c: &Condition) -> bool {
    let mut only = true;
    let mut any = false;
    c.walk(&mut |x| match x {
        Condition::Did(_) | Condition::DidOn(..) | Condition::Chose(_) => any = true,
        Condition::All(_) | Condition::Any(_) | Condition::Not(_) => {}
        _ => only = false,
    });
    only && any
}

/// Every finding for `sc`.
pub fn analyse(sc: &Scenario) -> Vec<Lint> {
    let mut out = Vec::new();
    let mut lint = |code, id: &str, message: Msg, help: D| {
        out.push(Lint {
            code,
            id: id.to_string(),
            message,
            help: help.into(),
        });
    };
    let help_never = D::never_help;
    for i in &sc.injects {
        if let Trigger::When(c) = &i.trigger
            && let Some(why) = never(c, sc)
        {
            lint(
                "K0221",
                &i.id,
                msg!(never_delivered, id = &i.id, why = why),
                help_never,
            );
        }
    }
    for e in &sc.expectations {
        if let Some(why) = never(&e.done_when, sc) {
            lint(
                "K0221",
                &e.id,
                msg!(never_met, id = &e.id, why = why),
                help_never,
            );
        }
        if let Activation::When(c) = &e.after
            && let Some(why) = never(c, sc)
        {
            lint(
                "K0221",
                &e.id,
                msg!(never_start, id = &e.id, why = why),
                help_never,
            );
        }
        // Due after the drill ends, whenever it starts.
        let first = match &e.after {
            Activation::Start => Some(1),
            Activation::Inject(i) => {
                sc.injects
                    .iter()
                    .find(|x| &x.id == i)
                    .and_then(|x| match x.trigger {
                        Trigger::At(t) => Some(t),
                        _ => None,
                    })
            }
            Activation::When(_) => None,
        };
        let within = e.within.max(1);
        if let Some(t) = first
            && t + within - 1 > sc.max_turns
        {
            lint(
                "K0222",
                &e.id,
                msg!(
                    due_after_end,
                    id = &e.id,
                    due = t + within - 1,
                    t = t,
                    within = within,
                    max = sc.max_turns
                ),
                D::due_after_end_help,
            );
        }
    }
    for r in &sc.rules {
        if let Some(why) = never(&r.when, sc) {
            lint(
                "K0221",
                &r.id,
                msg!(never_apply, id = &r.id, why = why),
                help_never,
            );
        }
    }
    for e in &sc.endings {
        if let Some(why) = never(&e.when, sc) {
            lint(
                "K0221",
                &e.id,
                msg!(never_reached, id = &e.id, why = why),
                help_never,
            );
        }
    }
    // Stage chains (`after`) that loop, of any length: each stage in a loop is reported once.
    let mut in_cycle: BTreeSet<&str> = BTreeSet::new();
    for s in &sc.campaign {
        let mut seen = vec![s.id.as_str()];
        let mut cur = s.after.as_deref();
        while let Some(a) = cur {
            if a == s.id {
                if !in_cycle.contains(s.id.as_str()) {
                    for x in &seen {
                        in_cycle.insert(x);
                    }
                    seen.push(a);
                    lint(
                        "K0223",
                        &s.id,
                        msg!(
                            stage_loop,
                            id = &s.id,
                            chain = seen.iter().rev().copied().collect::<Vec<_>>().join(" → ")
                        ),
                        D::stage_loop_help,
                    );
                }
                break;
            }
            if seen.contains(&a) {
                break;
            }
            seen.push(a);
            cur = sc
                .campaign
                .iter()
                .find(|x| x.id == a)
                .and_then(|x| x.after.as_deref());
        }
    }
    // Decision options nothing tells apart: the same effects, and no condition or trigger reads
    // either of them.
    let mut read: BTreeSet<String> = BTreeSet::new();
    fn chosen(c: &Condition, read: &mut BTreeSet<String>) {
        c.walk(&mut |x| {
            if let Condition::Chose(o) = x {
                read.insert(o.clone());
            }
        })
    }
    let mut conds: Vec<&Condition> = Vec::new();
    for i in &sc.injects {
        match &i.trigger {
            Trigger::When(c) => conds.push(c),
            Trigger::After(x, _) => {
                read.insert(x.clone());
            }
            Trigger::At(_) => {}
        }
    }
    for e in &sc.expectations {
        conds.push(&e.done_when);
        if let Some(f) = &e.fail_when {
            conds.push(f);
        }
        if let Activation::When(c) = &e.after {
            conds.push(c);
        }
    }
    conds.extend(sc.rules.iter().map(|r| &r.when));
    conds.extend(sc.endings.iter().map(|e| &e.when));
    for s in &sc.reference_response {
        if let Some(c) = &s.when {
            conds.push(c);
        }
        if let Some(o) = &s.choose {
            read.insert(o.clone());
        }
    }
    for s in &sc.campaign {
        if let Some(c) = &s.halted_when {
            conds.push(c);
        }
        conds.extend(s.modifiers.iter().map(|m| &m.when));
    }
    conds.extend(sc.actions.iter().filter_map(|a| a.requires.as_ref()));
    // The conditions of conditional effects read state too (`If(when: Chose(…))`).
    let owners = effect_owners(sc);
    for (_, _, effects) in &owners {
        for e in Effect::flatten(effects) {
            if let Effect::If { when, .. } = e {
                conds.push(when);
            }
        }
    }
    for c in conds {
        chosen(c, &mut read);
    }
    for i in &sc.injects {
        let Some(d) = &i.decision else { continue };
        for (k, a) in d.options.iter().enumerate() {
            for b in &d.options[k + 1..] {
                if same_effects(&a.effects, &b.effects)
                    && !read.contains(&a.id)
                    && !read.contains(&b.id)
                {
                    lint(
                        "K0224",
                        &a.id,
                        msg!(same_options, a = &a.id, b = &b.id, d = &d.id),
                        D::same_options_help,
                    );
                }
            }
        }
    }
    // Conditional effects whose condition can never hold: their `then` never applies.
    for (kind, id, effects) in &owners {
        for e in Effect::flatten(effects) {
            if let Effect::If { when, .. } = e
                && let Some(why) = never(when, sc)
            {
                lint(
                    "K0234",
                    id,
                    msg!(if_never, kind = *kind, id = *id, why = why),
                    D::if_never_help,
                );
            }
        }
    }
    // Expectations only the team's own actions start: a player can farm them.
    for e in &sc.expectations {
        if let Activation::When(c) = &e.after
            && only_team_actions(c)
        {
            lint(
                "K0225",
                &e.id,
                msg!(team_started, id = &e.id),
                D::team_started_help,
            );
        }
    }
    out
}

/// Every list of effects of the scenario with its owner: (kind, id, effects).
fn effect_owners(sc: &Scenario) -> Vec<(D, &str, &[Effect])> {
    let mut v: Vec<(D, &str, &[Effect])> = Vec::new();
    for s in &sc.campaign {
        v.push((D::w_stage, &s.id, &s.on_success));
    }
    for i in &sc.injects {
        v.push((D::w_inject, &i.id, &i.effects));
        for o in i.decision.iter().flat_map(|d| &d.options) {
            v.push((D::w_option, &o.id, &o.effects));
        }
    }
    for a in &sc.actions {
        v.push((D::w_action, &a.id, &a.effects));
    }
    v
}

fn same_effects(a: &[Effect], b: &[Effect]) -> bool {
    a == b
}
