//! The limits every number from an authored file must respect (`K0109`), and the lint on
//! control characters in authored text (`K0220`).
//!
//! Scenarios and organisations come from other people. A number far beyond anything a drill
//! needs (`turn_minutes: 4294967295`, a group of four billion assets, a rule worth
//! `i32::MAX` points every turn) would wrap scenario time around, overflow the score or exhaust
//! memory; it is refused here, with the limit in the message, before the engine sees it. The
//! limits are documented in `docs/scenario-format.md` ("Limits").

use serde::Serialize;

use super::catalogue::{ActionDef, Regime};
use super::diagnostic::{Diagnostic, Severity, position_of};
use super::model::{RuleApply, Scenario, Trigger};
use super::org::Org;
use super::source::Source;
use crate::i18n::diagnostics::{D, Msg, msg};

/// Most turns a drill may have (`max_turns`), and the most turns any delay, deadline, grace,
/// time-out or rebuild may span.
pub const MAX_TURNS: u32 = 1_000;
/// Longest turn, in minutes (`turn_minutes`): one week.
pub const MAX_TURN_MINUTES: u32 = 10_080;
/// Longest regulatory deadline or backup interval, in hours: 366 days.
pub const MAX_HOURS: u32 = 8_784;
/// Largest number of points, positive or negative, that one item may award.
pub const MAX_POINTS: i32 = 10_000;
/// Largest score a scenario may be able to reach, positive or negative, over a whole drill
/// (every expectation, clock and rule at its extreme, per-turn rules on every turn).
pub const MAX_SCORE_SPAN: i64 = 100_000_000;
/// Largest role capacity and action cost, in points per turn.
pub const MAX_CAPACITY: u32 = 1_000;
/// Most assets an organisation may have, its asset groups expanded.
pub const MAX_ASSETS: u64 = 1_000_000;
/// Largest impact amount (per hour of outage, per data breach, per `Impact` effect), either sign.
pub const MAX_IMPACT: f64 = 1e12;
/// Largest chance modifier factor.
pub const MAX_FACTOR: f64 = 1_000.0;

/// What a number is, named only when it is reported (naming costs nothing otherwise).
#[derive(Clone, Copy)]
enum What<'a> {
    /// A field of the file itself: `` `turn_minutes` `` (the field is the key).
    Field,
    /// A field of an item: "{kind} `{id}` `{field}`" (the field is the key).
    Item(D, &'a str),
    /// A catalogue entry taking the item's `{id}` and the key as `{field}` or `{name}`.
    Of(D, &'a str),
    /// The amount of an `Impact` effect of an item (its kind and id).
    Impact(D, &'a str),
    /// A catalogue entry with no argument.
    Plain(D),
}

impl What<'_> {
    fn msg(self, key: &str) -> Msg {
        match self {
            What::Field => msg!(what_field, field = key),
            What::Item(kind, id) => msg!(what_item_field, kind = kind, id = id, field = key),
            What::Of(d, id) => Msg::new(
                d,
                vec![
                    ("id", id.into()),
                    ("field", key.into()),
                    ("name", key.into()),
                ],
            ),
            What::Impact(kind, id) => {
                msg!(what_impact, owner = msg!(item_label, kind = kind, id = id))
            }
            What::Plain(d) => d.into(),
        }
    }
}

/// Collects `K0109` errors for one file.
struct Limits<'a> {
    src: &'a Source,
    out: Vec<Diagnostic>,
}

impl Limits<'_> {
    /// Refuses `value` of `key` (described as `what`) unless it lies in `lo..=hi`.
    fn int(&mut self, what: What, key: &str, value: i64, lo: i64, hi: i64) {
        let limit = match value {
            v if v > hi => msg!(above_limit, hi = hi),
            v if v < lo => msg!(below_limit, lo = lo),
            _ => return,
        };
        let at = locate_number(&self.src.text, key, &value.to_string());
        self.out.push(
            Diagnostic::error(
                "K0109",
                &self.src.path,
                msg!(int_out, what = what.msg(key), value = value, limit = limit),
            )
            .at(at)
            .help(msg!(int_out_help, key = key, lo = lo, hi = hi)),
        );
    }

    /// Refuses an amount that is not finite or lies outside `-max..=max` (`lo` 0 when it may
    /// not be negative).
    fn float(&mut self, what: What, key: &str, value: f64, lo: f64, hi: f64) {
        if value.is_finite() && (lo..=hi).contains(&value) {
            return;
        }
        let at = locate_number(&self.src.text, key, &format!("{value}"));
        self.out.push(
            Diagnostic::error(
                "K0109",
                &self.src.path,
                msg!(
                    float_out,
                    what = what.msg(key),
                    value = value,
                    lo = lo,
                    hi = hi
                ),
            )
            .at(at)
            .help(D::float_out_help),
        );
    }

    fn points(&mut self, what: What, key: &str, value: i32) {
        self.int(
            what,
            key,
            i64::from(value),
            -i64::from(MAX_POINTS),
            i64::from(MAX_POINTS),
        );
    }

    fn turns(&mut self, what: What, key: &str, value: u32) {
        self.int(what, key, i64::from(value), 0, i64::from(MAX_TURNS));
    }
}

/// Position of `key: value`, `key: Some(value)` or `Key(value)`, else of the first `key:` or
/// `Key(`, else of the value alone, else 1:1.
fn locate_number(text: &str, key: &str, value: &str) -> (usize, usize) {
    let mut first_key = None;
    let (field, variant) = (format!("{key}:"), format!("{key}("));
    let keyed = text
        .match_indices(&field)
        .chain(text.match_indices(&variant));
    for (i, _) in keyed {
        let boundary = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if !boundary {
            continue;
        }
        first_key.get_or_insert(i);
        let rest = text[i + key.len() + 1..].trim_start();
        let rest = rest.strip_prefix("Some(").unwrap_or(rest).trim_start();
        if rest.starts_with(value) {
            let at = text.len() - rest.len();
            return position_of(text, at);
        }
    }
    first_key
        .or_else(|| text.find(value))
        .map_or((1, 1), |i| position_of(text, i))
}

/// The limits of a scenario's numbers (its own actions included), and the span of its score.
pub fn check_scenario(sc: &Scenario, src: &Source, regimes: &[Regime]) -> Vec<Diagnostic> {
    let mut l = Limits {
        src,
        out: Vec::new(),
    };
    let (max_turns, minutes) = (i64::from(MAX_TURNS), i64::from(MAX_TURN_MINUTES));
    // Zero is K0104's.
    if sc.max_turns > 0 {
        l.int(
            What::Field,
            "max_turns",
            i64::from(sc.max_turns),
            1,
            max_turns,
        );
    }
    if sc.turn_minutes > 0 {
        let m = i64::from(sc.turn_minutes);
        l.int(What::Field, "turn_minutes", m, 1, minutes);
    }
    let mut span: i64 = 0;
    let extreme = |xs: &[i32]| xs.iter().map(|x| i64::from(*x).abs()).max().unwrap_or(0);
    for u in &sc.regimes {
        let what = What::Item(D::w_regime, &u.id);
        l.points(what, "points", u.points);
        l.points(what, "missed_points", u.missed_points);
        if let Some(p) = u.late_points {
            l.points(what, "late_points", p);
        }
        if let Some(h) = u.hours {
            l.int(what, "hours", i64::from(h), 0, i64::from(MAX_HOURS));
        }
        if let Some(g) = u.grace {
            l.turns(what, "grace", g);
        }
        let clocks = regimes
            .iter()
            .find(|r| r.id == u.id)
            .map_or(1, |r| r.clocks.len().max(1));
        let most = extreme(&[u.points, u.missed_points, u.late_points.unwrap_or(0)]);
        span = span.saturating_add(most.saturating_mul(clocks as i64));
    }
    for s in &sc.campaign {
        if let Some(t) = s.earliest {
            l.turns(What::Item(D::w_stage, &s.id), "earliest", t);
        }
        for m in &s.modifiers {
            l.float(
                What::Of(D::what_modifier_factor, &s.id),
                "factor",
                m.factor,
                0.0,
                MAX_FACTOR,
            );
        }
        effects(&mut l, (D::w_stage, &s.id), &s.on_success);
    }
    for i in &sc.injects {
        match &i.trigger {
            Trigger::At(t) => l.turns(What::Of(D::what_inject_turn, &i.id), "At", *t),
            Trigger::After(_, d) => l.turns(What::Of(D::what_inject_delay, &i.id), "trigger", *d),
            Trigger::When(_) => {}
        }
        effects(&mut l, (D::w_inject, &i.id), &i.effects);
        if let Some(d) = &i.decision {
            l.turns(
                What::Item(D::w_decision, &d.id),
                "timeout_turns",
                d.timeout_turns,
            );
            for o in &d.options {
                effects(&mut l, (D::w_option, &o.id), &o.effects);
            }
        }
    }
    for e in &sc.expectations {
        let what = What::Item(D::w_expectation, &e.id);
        l.turns(what, "within", e.within);
        l.turns(what, "grace", e.grace);
        l.points(what, "points", e.points);
        l.points(what, "late_points", e.late_points);
        l.points(what, "missed_points", e.missed_points);
        span = span.saturating_add(extreme(&[e.points, e.late_points, e.missed_points]));
    }
    for r in &sc.rules {
        l.points(What::Item(D::w_rule, &r.id), "points", r.points);
        let times = if r.apply == RuleApply::EveryTurn {
            i64::from(sc.max_turns)
        } else {
            1
        };
        span = span.saturating_add(extreme(&[r.points]).saturating_mul(times));
    }
    for o in &sc.objectives {
        if let Some(t) = o.thresholds {
            for (name, v) in [("p", t.p), ("s", t.s), ("m", t.m)] {
                l.float(What::Of(D::what_threshold, &o.id), name, v, 0.0, 1.0);
            }
        }
    }
    for s in &sc.reference_response {
        l.turns(What::Plain(D::what_step_turn), "turn", s.turn);
    }
    actions(&mut l, &sc.actions);
    if span > MAX_SCORE_SPAN {
        l.out.push(
            Diagnostic::error(
                "K0109",
                &src.path,
                msg!(score_span, span = span, limit = MAX_SCORE_SPAN),
            )
            .at((1, 1))
            .help(D::score_span_help),
        );
    }
    l.out
}

fn effects(l: &mut Limits, (kind, id): (D, &str), effects: &[super::condition::Effect]) {
    for e in super::condition::Effect::flatten(effects) {
        if let super::condition::Effect::Impact(amount, _) = e {
            l.float(
                What::Impact(kind, id),
                "Impact",
                *amount,
                -MAX_IMPACT,
                MAX_IMPACT,
            );
        }
    }
}

fn actions(l: &mut Limits, actions: &[ActionDef]) {
    for a in actions {
        l.int(
            What::Item(D::w_action, &a.id),
            "cost",
            i64::from(a.cost),
            0,
            i64::from(MAX_CAPACITY),
        );
        effects(l, (D::w_action, &a.id), &a.effects);
    }
}

/// The limits of an action catalogue's numbers.
pub fn check_catalogue(actions_: &[ActionDef], src: &Source) -> Vec<Diagnostic> {
    let mut l = Limits {
        src,
        out: Vec::new(),
    };
    actions(&mut l, actions_);
    l.out
}

/// The limits of a regime's numbers.
pub fn check_regime(reg: &Regime, src: &Source) -> Vec<Diagnostic> {
    let mut l = Limits {
        src,
        out: Vec::new(),
    };
    for c in &reg.clocks {
        if let Some(h) = c.hours {
            l.int(
                What::Item(D::w_clock, &c.id),
                "hours",
                i64::from(h),
                0,
                i64::from(MAX_HOURS),
            );
        }
    }
    l.out
}

/// The limits of an organisation's numbers, its size (assets, groups expanded) included. A
/// bundle is not built from an organisation that fails them (its groups are never expanded).
pub fn check_org(org: &Org, src: &Source) -> Vec<Diagnostic> {
    let mut l = Limits {
        src,
        out: Vec::new(),
    };
    l.turns(What::Field, "rebuild_turns", org.rebuild_turns);
    for r in &org.roles {
        l.int(
            What::Item(D::w_role, &r.id),
            "capacity",
            i64::from(r.capacity),
            0,
            i64::from(MAX_CAPACITY),
        );
    }
    for d in &org.data {
        l.float(
            What::Item(D::w_data_set, &d.id),
            "breach_impact",
            d.breach_impact,
            -MAX_IMPACT,
            MAX_IMPACT,
        );
    }
    for a in &org.assets {
        if let Some(b) = &a.backup {
            l.int(
                What::Of(D::what_backup_field, &a.id),
                "interval_hours",
                i64::from(b.interval_hours),
                0,
                i64::from(MAX_HOURS),
            );
        }
    }
    for s in &org.services {
        l.float(
            What::Item(D::w_service, &s.id),
            "impact_per_hour",
            s.impact_per_hour,
            -MAX_IMPACT,
            MAX_IMPACT,
        );
    }
    let assets = org
        .asset_groups
        .iter()
        .fold(org.assets.len() as u64, |n, g| {
            n.saturating_add(u64::from(g.count))
        });
    if assets > MAX_ASSETS {
        let at = locate_number(&src.text, "count", "");
        l.out.push(
            Diagnostic::error(
                "K0109",
                &src.path,
                msg!(too_many_assets, assets = assets, limit = MAX_ASSETS),
            )
            .at(at)
            .help(D::too_many_assets_help),
        );
    }
    l.out
}

/// True when `diagnostics` hold a `K0109` error: the file's numbers cannot be used at all.
pub fn out_of_bounds(diagnostics: &[Diagnostic]) -> bool {
    diagnostics
        .iter()
        .any(|d| d.code == "K0109" && d.severity == Severity::Error)
}

/// Warns (`K0220`) on every text of an authored file that holds a control character (see
/// [`crate::text::is_control`]): kunren shows such characters escaped, never raw, but an
/// author almost never means them, and a file sent by someone else may use them to spoof a
/// terminal.
pub fn lint_control_chars<T: Serialize>(value: &T, src: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Ok(tree) = serde_json::to_value(value) else {
        return out;
    };
    let mut found = Vec::new();
    walk(&tree, &mut String::new(), &mut found);
    for (path, text) in found {
        let Some((i, c)) = text
            .char_indices()
            .find(|(_, c)| crate::text::is_control(*c))
        else {
            continue;
        };
        let at = locate_text(&src.text, &text[..i], c);
        out.push(
            Diagnostic::error(
                "K0220",
                &src.path,
                msg!(
                    control_char,
                    path = path,
                    code = format!("{:04X}", u32::from(c))
                ),
            )
            .with_severity(Severity::Warning)
            .at(at)
            .help(D::control_char_help),
        );
    }
    out
}

fn walk(v: &serde_json::Value, path: &mut String, found: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match v {
        Value::String(s) if crate::text::has_control(s) => found.push((path.clone(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, found);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&crate::text::printable_line(k));
                walk(item, path, found);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Where a string holding a control character is written: after the text before it (when
/// there is some), else the raw character itself, else the first escape in a string literal.
fn locate_text(text: &str, before: &str, c: char) -> (usize, usize) {
    let by_prefix = (!before.is_empty())
        .then(|| text.find(&format!("\"{before}")))
        .flatten();
    by_prefix
        .or_else(|| text.find(c))
        .or_else(|| text.find("\"\\u{").or_else(|| text.find("\"\\x")))
        .map_or((1, 1), |i| position_of(text, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_located_after_their_key() {
        let t = "a: 1,\n  turn_minutes: 4294967295,\n hours: Some(9000)";
        assert_eq!(locate_number(t, "turn_minutes", "4294967295"), (2, 17));
        assert_eq!(locate_number(t, "hours", "9000"), (3, 14));
    }
}
