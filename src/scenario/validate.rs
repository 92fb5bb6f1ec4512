//! Semantic validation and lints: dangling references, duplicate ids, malformed ATT&CK ids,
//! turns out of range, unknown roles or assets, dead ends and author notes.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

use super::catalogue::{ActionDef, Catalogue, DeadlineKind, Regime, TargetKind};
use super::condition::{Condition, Effect, TARGET};
use super::diagnostic::{Diagnostic, Severity, did_you_mean, find_value, locate};
use super::model::{Activation, RuleApply, Scenario, Trigger};
use super::org::Org;
use super::source::Source;
use crate::i18n::diagnostics::{D, Msg, msg};

/// Role ids every shipped organisation provides, so the standard catalogue works everywhere.
pub const STANDARD_ROLES: [&str; 6] = ["exec", "ciso", "soc", "it-ops", "legal", "comms"];

/// Flags the engine itself sets, which conditions may use without any effect setting them.
pub const ENGINE_FLAGS: [&str; 3] = [
    "data-exfiltrated",
    "personal-data-breach",
    "ransomware-detonated",
];

/// Collects the diagnostics of one source file, placed in its text.
struct DiagnosticSink<'a> {
    src: &'a Source,
    out: Vec<Diagnostic>,
    /// The item being checked (e.g. "expectation `isolate`": its kind, or `None` for a
    /// reference step, and its id or step number) and where it starts, so that diagnostics
    /// name it and point inside it.
    item: Option<(Option<D>, String, usize)>,
    /// Where each `id: "…"` value first appears, built in one pass on first use (so that
    /// naming an item costs O(1), not a scan of the file).
    ids: Option<foldhash::HashMap<&'a str, usize>>,
    /// Where each reference step's `Step(` starts, found in one pass on first use.
    steps: Option<Vec<usize>>,
}

impl<'a> DiagnosticSink<'a> {
    fn new(src: &'a Source) -> Self {
        DiagnosticSink {
            src,
            out: vec![],
            item: None,
            ids: None,
            steps: None,
        }
    }

    /// An error placed at the first occurrence of `value` (after `key:` when given).
    fn err(
        &mut self,
        code: &'static str,
        key: Option<&str>,
        value: &str,
        msg: impl Into<Msg>,
    ) -> &mut Diagnostic {
        let msg = msg.into();
        let from = self.item.as_ref().map_or(0, |(_, _, at)| *at);
        let at = find_value(&self.src.text, key, value, 0, from)
            .map(|b| super::diagnostic::position_of(&self.src.text, b))
            .unwrap_or_else(|| locate(&self.src.text, key, value, 0));
        let msg = match &self.item {
            Some((kind, id, _)) if code == "K0102" => {
                let item = match kind {
                    Some(kind) => msg!(item_label, kind = *kind, id = id),
                    None => msg!(step_label, n = id),
                };
                msg!(in_item, msg = msg, item = item)
            }
            _ => msg,
        };
        let n = self.out.len();
        self.out
            .push(Diagnostic::error(code, &self.src.path, msg).at(at));
        &mut self.out[n]
    }

    fn warn(
        &mut self,
        code: &'static str,
        key: Option<&str>,
        value: &str,
        msg: impl Into<Msg>,
    ) -> &mut Diagnostic {
        let d = self.err(code, key, value, msg);
        d.severity = Severity::Warning;
        d
    }

    fn note_todo(&mut self, todo: &Option<String>, owner: &str) {
        if let Some(t) = todo {
            let at = locate(&self.src.text, Some("todo"), t, 0);
            self.out.push(
                Diagnostic::error("K0301", &self.src.path, msg!(todo, owner = owner, text = t))
                    .with_severity(Severity::Note)
                    .at(at),
            );
        }
    }

    /// Checks ids are kebab-case and unique within one kind.
    fn ids<'i>(&mut self, kind: D, ids: impl IntoIterator<Item = &'i str>) -> BTreeSet<String> {
        self.check_ids(kind, ids)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// [`DiagnosticSink::ids`], returning the ids borrowed (for kinds that may be very many).
    fn check_ids<'i>(
        &mut self,
        kind: D,
        ids: impl IntoIterator<Item = &'i str>,
    ) -> BTreeSet<&'i str> {
        let ids = ids.into_iter();
        let mut seen: foldhash::HashMap<&str, usize> =
            foldhash::HashMap::with_capacity_and_hasher(ids.size_hint().0, Default::default());
        for id in ids {
            let n = seen.entry(id).or_insert(0);
            if *n == 1 {
                let at = locate(&self.src.text, Some("id"), id, 1);
                self.out.push(
                    Diagnostic::error(
                        "K0101",
                        &self.src.path,
                        msg!(duplicate_id, kind = kind, id = id),
                    )
                    .at(at)
                    .help(msg!(duplicate_id_help, kind = kind)),
                );
            }
            *n += 1;
            if !is_kebab(id) {
                self.err(
                    "K0105",
                    Some("id"),
                    id,
                    msg!(not_kebab, kind = kind, id = id),
                )
                .help = Some(D::not_kebab_help.into());
            }
        }
        seen.into_keys().collect()
    }

    /// Sets the item being checked: diagnostics name it and are placed inside it.
    fn item(&mut self, kind: D, id: &str) {
        let text: &'a str = &self.src.text;
        let ids = self
            .ids
            .get_or_insert_with(|| super::diagnostic::keyed_values(text, "id"));
        let at = match ids.get(id) {
            Some(&at) => at,
            None => find_value(text, Some("id"), id, 0, 0).unwrap_or(0),
        };
        // The id's buffer is reused from item to item: naming one allocates nothing.
        let mut label = self.item.take().map(|(_, l, _)| l).unwrap_or_default();
        label.clear();
        label.push_str(id);
        self.item = Some((Some(kind), label, at));
    }

    /// Sets the n-th (0-based) reference step as the item being checked.
    fn step_item(&mut self, n: usize) {
        let text = &self.src.text;
        let start = || text.find("reference_response:").unwrap_or(0);
        let steps = self.steps.get_or_insert_with(|| {
            let start = start();
            text[start..]
                .match_indices("Step(")
                .map(|(i, _)| start + i)
                .collect()
        });
        let at = steps.get(n).copied().unwrap_or_else(start);
        self.item = Some((None, (n + 1).to_string(), at));
    }

    /// Checks that `value` is one of `known`, reporting a dangling reference otherwise.
    fn exists<S: Borrow<str> + Ord>(&mut self, kind: D, value: &str, known: &BTreeSet<S>) {
        if known.contains(value) {
            return;
        }
        let help = match did_you_mean(value, known.iter().map(Borrow::borrow)) {
            Some(s) => msg!(did_you_mean, s = s),
            None if known.is_empty() => msg!(none_defined, kind = kind),
            None => msg!(
                known_ids,
                kind = kind,
                list = known
                    .iter()
                    .take(12)
                    .map(Borrow::borrow)
                    .collect::<Vec<&str>>()
                    .join(", ")
            ),
        };
        self.err(
            "K0102",
            None,
            value,
            msg!(unknown_ref, kind = kind, value = value),
        )
        .help = Some(help);
    }

    /// Refuses a chance outside 0..1; `what` (a catalogue entry with an `{id}`) names it.
    fn chance(&mut self, what: D, id: &str, value: f64) {
        if !(0.0..=1.0).contains(&value) || value.is_nan() {
            let text = format!("{value}");
            let at = locate_number(&self.src.text, &text);
            self.out.push(
                Diagnostic::error(
                    "K0106",
                    &self.src.path,
                    msg!(
                        chance_out,
                        what = Msg::new(what, vec![("id", id.into())]),
                        value = text.as_str()
                    ),
                )
                .at(at)
                .help(D::chance_help),
            );
        }
    }
}

fn locate_number(text: &str, number: &str) -> (usize, usize) {
    text.find(number)
        .map(|i| super::diagnostic::position_of(text, i))
        .unwrap_or((1, 1))
}

/// True for `lower-case-ids-like-this` (digits allowed).
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// True for an ATT&CK technique id such as `T1566` or `T1566.001`.
pub fn is_attack_id(id: &str) -> bool {
    let b = id.as_bytes();
    let base = b.len() >= 5 && b[0] == b'T' && b[1..5].iter().all(u8::is_ascii_digit);
    match b.len() {
        5 => base,
        9 => base && b[5] == b'.' && b[6..9].iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

fn check_version(r: &mut DiagnosticSink, format: u32) {
    if format != 1 {
        let at = locate_key(&r.src.text, "format");
        r.out.push(
            Diagnostic::error(
                "K0007",
                &r.src.path,
                msg!(format_unsupported, format = format),
            )
            .at(at)
            .help(D::format_help),
        );
    }
}

/// Position of the first `key:` in the source (1:1 when absent).
fn locate_key(text: &str, key: &str) -> (usize, usize) {
    let needle = format!("{key}:");
    text.match_indices(&needle)
        .find(|(i, _)| *i == 0 || !text[..*i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .map(|(i, _)| super::diagnostic::position_of(text, i))
        .unwrap_or((1, 1))
}

/// Validates an organisation on its own.
pub fn validate_org(org: &Org, src: &Source) -> Vec<Diagnostic> {
    let mut r = DiagnosticSink::new(src);
    check_version(&mut r, org.format);
    r.ids(D::w_organisation, [org.id.as_str()]);
    let zones = r.ids(D::w_zone, org.zones.iter().map(|z| z.id.as_str()));
    let roles = r.ids(D::w_role, org.roles.iter().map(|x| x.id.as_str()));
    let controls = r.ids(D::w_control, org.controls.iter().map(|x| x.id.as_str()));
    let data = r.ids(D::w_data_set, org.data.iter().map(|x| x.id.as_str()));
    let mut asset_ids: Vec<&str> = org.assets.iter().map(|a| a.id.as_str()).collect();
    let group_prefixes: Vec<String> = org.asset_groups.iter().map(|g| g.prefix.clone()).collect();
    asset_ids.extend(group_prefixes.iter().map(String::as_str));
    r.check_ids(D::w_asset, asset_ids);
    r.ids(D::w_service, org.services.iter().map(|x| x.id.as_str()));
    r.ids(D::w_supplier, org.suppliers.iter().map(|x| x.id.as_str()));
    for std_role in STANDARD_ROLES {
        if !roles.contains(std_role) {
            r.warn(
                "K0201",
                Some("id"),
                &org.id,
                msg!(standard_role_missing, role = std_role),
            )
            .help = Some(D::standard_role_help.into());
        }
    }
    for role in &org.roles {
        if role.capacity == 0 {
            r.warn(
                "K0202",
                Some("id"),
                &role.id,
                msg!(no_capacity, id = &role.id),
            );
        }
    }
    for c in &org.controls {
        r.chance(D::what_control_detect, &c.id, c.detect_chance);
    }
    for a in &org.assets {
        r.item(D::w_asset, &a.id);
        r.exists(D::w_zone, &a.zone, &zones);
        r.exists(D::w_role, &a.owner, &roles);
        a.data
            .iter()
            .for_each(|d| r.exists(D::w_data_set, d, &data));
        a.controls
            .iter()
            .for_each(|c| r.exists(D::w_control, c, &controls));
        if let Some(b) = &a.backup {
            r.chance(D::what_backup_clean, &a.id, b.clean_chance);
        }
    }
    r.item = None;
    for g in &org.asset_groups {
        r.exists(D::w_zone, &g.zone, &zones);
        r.exists(D::w_role, &g.owner, &roles);
        g.controls
            .iter()
            .for_each(|c| r.exists(D::w_control, c, &controls));
    }
    let all_assets: BTreeSet<&str> = org.assets.iter().map(|a| a.id.as_str()).collect();
    for s in &org.services {
        r.item(D::w_service, &s.id);
        for d in s.depends_on.iter().chain(&s.degraded_by) {
            r.exists(D::w_asset, d, &all_assets);
        }
    }
    for s in &org.suppliers {
        r.item(D::w_supplier, &s.id);
        s.reaches
            .iter()
            .for_each(|a| r.exists(D::w_asset, a, &all_assets));
    }
    r.item = None;
    r.note_todo(&org.todo, &org.id);
    r.out.extend(super::bounds::check_org(org, src));
    r.out.extend(lint_controls(org, src));
    r.out
}

/// Validates the standard catalogue on its own (owners must be standard roles).
pub fn validate_catalogue(cat: &Catalogue, src: &Source) -> Vec<Diagnostic> {
    let mut r = DiagnosticSink::new(src);
    check_version(&mut r, cat.format);
    r.ids(D::w_action, cat.actions.iter().map(|a| a.id.as_str()));
    let roles: BTreeSet<String> = STANDARD_ROLES.iter().map(|s| s.to_string()).collect();
    for a in &cat.actions {
        r.exists(D::w_role, &a.owner, &roles);
        r.chance(D::what_action, &a.id, a.chance);
    }
    r.out
        .extend(super::bounds::check_catalogue(&cat.actions, src));
    r.out.extend(lint_controls(cat, src));
    r.out
}

/// Validates a regime file on its own.
pub fn validate_regime(reg: &Regime, src: &Source) -> Vec<Diagnostic> {
    let mut r = DiagnosticSink::new(src);
    check_version(&mut r, reg.format);
    r.ids(D::w_regime, [reg.id.as_str()]);
    r.ids(D::w_clock, reg.clocks.iter().map(|c| c.id.as_str()));
    if reg.source.trim().is_empty() {
        r.warn(
            "K0210",
            Some("id"),
            &reg.id,
            msg!(regime_no_source, id = &reg.id),
        )
        .help = Some(D::regime_no_source_help.into());
    }
    for c in &reg.clocks {
        if c.met_by.is_empty() {
            r.err(
                "K0102",
                Some("id"),
                &c.id,
                msg!(clock_no_met_by, id = &c.id),
            );
        }
        if let (Some(kind @ (DeadlineKind::ContractTerm | DeadlineKind::Target)), Some(h)) =
            (c.deadline, c.hours)
        {
            r.warn(
                "K0211",
                Some("id"),
                &c.id,
                msg!(
                    clock_fixed_hours,
                    id = &c.id,
                    kind = if kind == DeadlineKind::ContractTerm {
                        D::w_contract_term
                    } else {
                        D::w_facilitator_target
                    },
                    h = h
                ),
            )
            .help = Some(D::clock_fixed_hours_help.into());
        }
        let assumed = matches!(
            c.deadline,
            Some(DeadlineKind::Approximated | DeadlineKind::ContractTerm | DeadlineKind::Target)
        );
        if assumed && c.basis.as_deref().is_none_or(|b| b.trim().is_empty()) {
            r.warn("K0212", Some("id"), &c.id, msg!(clock_no_basis, id = &c.id))
                .help = Some(D::clock_no_basis_help.into());
        }
    }
    // The Japanese forms (shown in a Japanese drill and report): empty is a mistake.
    let ja = [
        ("name_ja", reg.name_ja.as_deref()),
        ("authority_ja", reg.authority_ja.as_deref()),
        ("basis_ja", reg.basis_ja.as_deref()),
        ("assumption_ja", reg.assumption_ja.as_deref()),
    ];
    for (field, value) in ja {
        if let Some(v) = value.filter(|v| v.trim().is_empty()) {
            r.warn(
                "K0219",
                Some(field),
                v,
                msg!(
                    empty_ja_field,
                    kind = D::w_regime,
                    id = &reg.id,
                    field = field
                ),
            )
            .help = Some(D::empty_ja_field_help.into());
        }
    }
    r.out.extend(super::bounds::check_regime(reg, src));
    r.out.extend(lint_controls(reg, src));
    r.out
}

/// Everything a scenario may refer to, by kind.
struct Known<'o> {
    stages: BTreeSet<String>,
    injects: BTreeSet<String>,
    options: BTreeSet<String>,
    actions: BTreeSet<String>,
    objectives: BTreeSet<String>,
    /// Borrowed from the organisation: it may hold very many.
    assets: BTreeSet<&'o str>,
    services: BTreeSet<String>,
    controls: BTreeSet<String>,
    zones: BTreeSet<String>,
    data: BTreeSet<String>,
    roles: BTreeSet<String>,
    regimes: BTreeSet<String>,
    suppliers: BTreeSet<String>,
    clocks: BTreeSet<String>,
    flags_set: BTreeSet<String>,
}

impl Known<'_> {
    fn condition(
        &self,
        r: &mut DiagnosticSink,
        c: &Condition,
        allow_target: bool,
        flags_used: &mut BTreeSet<String>,
    ) {
        c.walk(&mut |c| {
            let asset = |r: &mut DiagnosticSink, a: &str| {
                if !(allow_target && a == TARGET) {
                    r.exists(D::w_asset, a, &self.assets);
                }
            };
            match c {
                Condition::Flag(f) => {
                    flags_used.insert(f.clone());
                }
                Condition::Control(x) => r.exists(D::w_control, x, &self.controls),
                Condition::Reached(s) | Condition::Known(s) | Condition::Halted(s) => {
                    r.exists(D::w_stage, s, &self.stages)
                }
                Condition::Compromised(a)
                | Condition::Encrypted(a)
                | Condition::Isolated(a)
                | Condition::KnownCompromised(a) => asset(r, a),
                Condition::ServiceDown(s) | Condition::DownFor(s, _) => {
                    r.exists(D::w_service, s, &self.services)
                }
                Condition::Did(a) => r.exists(D::w_action, a, &self.actions),
                Condition::DidOn(a, t) => {
                    r.exists(D::w_action, a, &self.actions);
                    if !self.assets.contains(t.as_str())
                        && !self.regimes.contains(t)
                        && !self.suppliers.contains(t)
                    {
                        asset(r, t);
                    }
                }
                Condition::Chose(o) => r.exists(D::w_decision_option, o, &self.options),
                Condition::Injected(i) => r.exists(D::w_inject, i, &self.injects),
                Condition::ClockMet(k) | Condition::ClockMissed(k) => {
                    r.exists(D::w_clock, k, &self.clocks)
                }
                _ => {}
            }
        });
    }

    fn effects(
        &self,
        r: &mut DiagnosticSink,
        effects: &[Effect],
        allow_target: bool,
        flags_used: &mut BTreeSet<String>,
    ) {
        for e in effects {
            match e {
                Effect::If {
                    when,
                    then,
                    otherwise,
                } => {
                    self.condition(r, when, allow_target, flags_used);
                    self.effects(r, then, allow_target, flags_used);
                    self.effects(r, otherwise, allow_target, flags_used);
                }
                Effect::EncryptZone(z) => r.exists(D::w_zone, z, &self.zones),
                Effect::Exfiltrate(d) => r.exists(D::w_data_set, d, &self.data),
                Effect::AddControl(c) => r.exists(D::w_control, c, &self.controls),
                Effect::Notify(x) if !(allow_target && x == TARGET) => {
                    r.exists(D::w_regime, x, &self.regimes)
                }
                Effect::Hunt(p) | Effect::Inspect(_, p) => r.chance(D::what_hunt, "", *p),
                _ => {}
            }
            if let Some(a) = e.asset()
                && !(allow_target && a == TARGET)
            {
                r.exists(D::w_asset, a, &self.assets);
            }
        }
    }
}

/// Validates a scenario against its organisation, catalogue and regimes.
pub fn validate_scenario(
    sc: &Scenario,
    src: &Source,
    org: &Org,
    cat: &Catalogue,
    regimes: &[Regime],
) -> Vec<Diagnostic> {
    let mut r = DiagnosticSink::new(src);
    check_version(&mut r, sc.format);
    check_starts_at(sc, &mut r);
    r.ids(D::w_scenario, [sc.id.as_str()]);
    if sc.language != "en" && sc.language != "ja" {
        r.err(
            "K0106",
            Some("language"),
            &sc.language,
            msg!(language_unsupported, lang = &sc.language),
        )
        .help = Some(D::language_help.into());
    }
    if sc.max_turns == 0 || sc.turn_minutes == 0 {
        r.err("K0104", None, "max_turns", D::turns_zero);
    }
    let objectives = r.ids(D::w_objective, sc.objectives.iter().map(|o| o.id.as_str()));
    let stages = r.ids(D::w_stage, sc.campaign.iter().map(|s| s.id.as_str()));
    let injects = r.ids(D::w_inject, sc.injects.iter().map(|i| i.id.as_str()));
    let decisions = sc.injects.iter().filter_map(|i| i.decision.as_ref());
    r.ids(D::w_decision, decisions.clone().map(|d| d.id.as_str()));
    let options = r.ids(
        D::w_decision_option,
        decisions
            .clone()
            .flat_map(|d| d.options.iter().map(|o| o.id.as_str())),
    );
    r.ids(
        D::w_expectation,
        sc.expectations.iter().map(|e| e.id.as_str()),
    );
    r.ids(D::w_rule, sc.rules.iter().map(|e| e.id.as_str()));
    r.ids(D::w_ending, sc.endings.iter().map(|e| e.id.as_str()));
    r.ids(
        D::w_scenario_action,
        sc.actions.iter().map(|e| e.id.as_str()),
    );
    let all_actions: Vec<&ActionDef> = cat.actions.iter().collect();
    let std_ids: BTreeSet<&str> = cat.actions[..cat.actions.len() - sc.actions.len()]
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    for a in &sc.actions {
        r.item(D::w_action, &a.id);
        if std_ids.contains(a.id.as_str()) {
            r.err(
                "K0101",
                Some("id"),
                &a.id,
                msg!(action_in_standard, id = &a.id),
            )
            .help = Some(D::action_in_standard_help.into());
        }
    }
    let org_assets = org.all_assets();
    let all_org_assets: BTreeSet<&str> = org_assets.iter().map(|a| a.id.as_str()).collect();
    let mut clocks = BTreeSet::new();
    for reg in regimes {
        for c in &reg.clocks {
            clocks.insert(format!("{}/{}", reg.id, c.id));
        }
    }
    let mut flags_set: BTreeSet<String> = ENGINE_FLAGS.iter().map(|s| s.to_string()).collect();
    let mut all_effects: Vec<&Effect> = Vec::new();
    all_effects.extend(sc.campaign.iter().flat_map(|s| &s.on_success));
    all_effects.extend(sc.injects.iter().flat_map(|i| &i.effects));
    all_effects.extend(
        sc.injects
            .iter()
            .filter_map(|i| i.decision.as_ref())
            .flat_map(|d| d.options.iter().flat_map(|o| &o.effects)),
    );
    all_effects.extend(all_actions.iter().flat_map(|a| &a.effects));
    let all_effects: Vec<&Effect> = all_effects
        .into_iter()
        .flat_map(|e| Effect::flatten(std::slice::from_ref(e)))
        .collect();
    for e in all_effects {
        if let Effect::SetFlag(f) = e {
            flags_set.insert(f.clone());
        }
    }
    let known = Known {
        stages: stages.clone(),
        injects: injects.clone(),
        options: options.clone(),
        actions: all_actions.iter().map(|a| a.id.clone()).collect(),
        objectives: objectives.clone(),
        assets: all_org_assets,
        services: org.services.iter().map(|s| s.id.clone()).collect(),
        controls: org
            .controls
            .iter()
            .map(|s| s.id.clone())
            .chain(
                all_actions
                    .iter()
                    .flat_map(|a| Effect::flatten(&a.effects))
                    .filter_map(|e| match e {
                        Effect::AddControl(c) => Some(c.clone()),
                        _ => None,
                    }),
            )
            .collect(),
        zones: org.zones.iter().map(|s| s.id.clone()).collect(),
        data: org.data.iter().map(|s| s.id.clone()).collect(),
        roles: org.roles.iter().map(|s| s.id.clone()).collect(),
        regimes: regimes.iter().map(|s| s.id.clone()).collect(),
        suppliers: org.suppliers.iter().map(|s| s.id.clone()).collect(),
        clocks,
        flags_set,
    };
    let mut flags_used = BTreeSet::new();

    for use_ in &sc.regimes {
        r.item(D::w_regime_use, &use_.id);
        r.exists(D::w_objective, &use_.objective, &known.objectives);
        let late = use_.late_points();
        if late > use_.points || late < use_.missed_points {
            r.err(
                "K0106",
                Some("id"),
                &use_.id,
                msg!(
                    late_points_between,
                    id = &use_.id,
                    late = late,
                    missed = use_.missed_points,
                    points = use_.points
                ),
            )
            .help = Some(D::late_points_help.into());
        }
        let Some(reg) = regimes.iter().find(|x| x.id == use_.id) else {
            continue;
        };
        for c in &reg.clocks {
            let hours = c.hours.or(use_.hours).unwrap_or(24);
            if u64::from(hours) * 60 < u64::from(sc.turn_minutes) {
                r.warn(
                    "K0217",
                    Some("id"),
                    &use_.id,
                    msg!(
                        clock_shorter_than_turn,
                        clock = format!("{}/{}", reg.id, c.id),
                        hours = hours,
                        minutes = sc.turn_minutes
                    ),
                )
                .help = Some(D::clock_shorter_help.into());
            }
        }
    }
    check_campaign(sc, &mut r, &known, &mut flags_used);
    check_injects(sc, &mut r, &known, &mut flags_used);
    check_scoring(sc, &mut r, &known, &mut flags_used);
    check_reference(sc, cat, &mut r, &known, &mut flags_used);
    lint_flags_and_objectives(sc, &mut r, &known, &flags_used);
    lint_aar(sc, &mut r);
    lint_reachability(sc, &mut r);
    for l in super::reachability::analyse(sc) {
        r.item = None;
        r.warn(l.code, Some("id"), &l.id, l.message).help = Some(l.help);
    }
    r.note_todo(&sc.todo, &sc.id);
    r.out.extend(lint_controls(sc, src));
    let mut out = super::bounds::check_scenario(sc, src, regimes);
    out.append(&mut r.out);
    out
}

/// `starts_at`: a date and time with an IANA zone (K0235 syntax, K0236 unknown zone, K0237 a
/// time the clocks skip, K0238 a time that happens twice).
fn check_starts_at(sc: &Scenario, r: &mut DiagnosticSink) {
    use super::calendar::{StartError, parse};
    let Some(text) = &sc.starts_at else { return };
    r.item = None;
    let form = D::starts_form;
    match parse(text) {
        Ok(s) if s.ambiguous => {
            r.warn(
                "K0238",
                Some("starts_at"),
                text,
                msg!(starts_twice, text = text, zone = s.zone.to_string()),
            )
            .help = Some(D::starts_twice_help.into());
        }
        Ok(_) => {}
        Err(StartError::Syntax(why)) => {
            r.err(
                "K0235",
                Some("starts_at"),
                text,
                msg!(starts_syntax, text = text, why = why),
            )
            .help = Some(form.into());
        }
        Err(StartError::UnknownZone(zone, close)) => {
            let msg = msg!(unknown_zone, zone = zone);
            r.err("K0236", Some("starts_at"), text, msg).help = Some(match close {
                Some(c) => msg!(unknown_zone_close, close = c),
                None => D::unknown_zone_help.into(),
            });
        }
        Err(StartError::Gap(zone)) => {
            r.err(
                "K0237",
                Some("starts_at"),
                text,
                msg!(starts_gap, text = text, zone = zone),
            )
            .help = Some(D::starts_gap_help.into());
        }
    }
}

/// A stage's technique against the ATT&CK data: unknown (K0230), revoked (K0231), deprecated
/// (K0232), or not of the stage's tactic (K0233).
fn check_attack_data(s: &super::model::Stage, r: &mut DiagnosticSink) {
    use super::attack::{Finding, table, variant_names};
    let v = table().version;
    for f in super::attack::check(&s.technique, s.tactic) {
        match f {
            Finding::Unknown => {
                r.err(
                    "K0230",
                    Some("technique"),
                    &s.technique,
                    msg!(attack_unknown, id = &s.technique, v = v.to_string()),
                )
                .help = Some(D::attack_unknown_help.into());
            }
            Finding::Revoked(t, by) | Finding::Deprecated(t, by) => {
                let what = if t.revoked {
                    D::w_revoked
                } else {
                    D::w_deprecated
                };
                let code = if t.revoked { "K0231" } else { "K0232" };
                let msg = match by {
                    Some(b) => msg!(
                        attack_replaced,
                        id = t.id.to_string(),
                        name = t.name.to_string(),
                        what = what,
                        v = v.to_string(),
                        by = b.id.to_string(),
                        by_name = b.name.to_string()
                    ),
                    None => msg!(
                        attack_gone,
                        id = t.id.to_string(),
                        name = t.name.to_string(),
                        what = what,
                        v = v.to_string()
                    ),
                };
                let help = match by {
                    Some(b) => msg!(attack_write, id = b.id.to_string()),
                    None => D::attack_choose.into(),
                };
                r.warn(code, Some("technique"), &s.technique, msg).help = Some(help);
            }
            Finding::WrongTactic(t, tactics) => {
                let msg = msg!(
                    attack_wrong_tactic,
                    id = t.id.to_string(),
                    name = t.name.to_string(),
                    domain = t.domain.label().to_string(),
                    tactic = format!("{:?}", s.tactic),
                    tactics = variant_names(&tactics)
                );
                let d = r.warn("K0233", Some("technique"), &s.technique, msg);
                d.help = Some(msg!(
                    attack_wrong_tactic_help,
                    first = variant_names(&tactics[..1]),
                    tactic = format!("{:?}", s.tactic)
                ));
                // Point at the tactic itself (`tactic: Impact` is not quoted).
                let at = r.item.as_ref().map_or(0, |(_, _, at)| *at);
                let text = &r.src.text;
                if let Some(off) = text.get(at..).and_then(|t| t.find("tactic:")) {
                    let v = at + off + "tactic:".len();
                    let v = v + (text[v..].len() - text[v..].trim_start().len());
                    let pos = super::diagnostic::position_of(text, v);
                    if let Some(d) = r.out.last_mut() {
                        (d.line, d.col) = pos;
                    }
                }
            }
        }
    }
}

/// Stages: ATT&CK ids, order, targets, chances, modifiers, detection.
fn check_campaign(
    sc: &Scenario,
    r: &mut DiagnosticSink,
    known: &Known,
    flags_used: &mut BTreeSet<String>,
) {
    r.item = None;
    for s in &sc.campaign {
        r.item(D::w_stage, &s.id);
        if !is_attack_id(&s.technique) {
            r.err(
                "K0103",
                Some("technique"),
                &s.technique,
                msg!(not_attack_id, id = &s.technique),
            )
            .help = Some(D::not_attack_id_help.into());
        } else {
            check_attack_data(s, r);
        }
        if let Some(a) = &s.after {
            r.exists(D::w_stage, a, &known.stages);
            if a == &s.id {
                r.err("K0102", Some("after"), a, msg!(stage_after_itself, id = a));
            }
        }
        if let Some(t) = &s.target {
            r.exists(D::w_asset, t, &known.assets);
        }
        if let Some(t) = s.earliest
            && (t == 0 || t > sc.max_turns)
        {
            r.err(
                "K0104",
                Some("id"),
                &s.id,
                msg!(stage_earliest_out, id = &s.id, t = t, max = sc.max_turns),
            );
        }
        r.chance(D::what_stage, &s.id, s.chance);
        r.chance(D::what_stage_stealth, &s.id, s.stealth);
        for m in &s.modifiers {
            known.condition(r, &m.when, false, flags_used);
            if let Some(ja) = m.reason_ja.as_deref()
                && ja.trim().is_empty()
            {
                r.warn(
                    "K0219",
                    Some("reason_ja"),
                    ja,
                    msg!(empty_reason_ja, id = &s.id),
                )
                .help = Some(D::empty_reason_ja_help.into());
            }
            if m.factor < 0.0 || m.factor.is_nan() {
                r.err(
                    "K0106",
                    Some("id"),
                    &s.id,
                    msg!(negative_factor, id = &s.id),
                );
            }
        }
        if let Some(h) = &s.halted_when {
            known.condition(r, h, false, flags_used);
        }
        s.detected_by
            .iter()
            .for_each(|c| r.exists(D::w_control, c, &known.controls));
        known.effects(r, &s.on_success, s.target.is_some(), flags_used);
        r.note_todo(&s.todo, &s.id);
    }
}

/// Injects: recipients, triggers, decisions.
fn check_injects(
    sc: &Scenario,
    r: &mut DiagnosticSink,
    known: &Known,
    flags_used: &mut BTreeSet<String>,
) {
    r.item = None;
    let fire_ids: BTreeSet<String> = known.injects.union(&known.options).cloned().collect();
    for i in &sc.injects {
        r.item(D::w_inject, &i.id);
        for role in &i.to {
            r.exists(D::w_role, role, &known.roles);
        }
        match &i.trigger {
            Trigger::At(t) if *t == 0 || *t > sc.max_turns => {
                r.err(
                    "K0104",
                    Some("id"),
                    &i.id,
                    msg!(inject_turn_out, id = &i.id, t = *t, max = sc.max_turns),
                )
                .help = Some(D::inject_turn_help.into());
            }
            Trigger::After(id, _) => {
                r.exists(D::w_inject_or_option, id, &fire_ids);
                if id == &i.id {
                    r.err(
                        "K0102",
                        Some("id"),
                        &i.id,
                        msg!(inject_after_itself, id = &i.id),
                    );
                }
            }
            Trigger::When(c) => known.condition(r, c, false, flags_used),
            _ => {}
        }
        known.effects(r, &i.effects, false, flags_used);
        if let Some(d) = &i.decision {
            r.exists(D::w_role, &d.owner, &known.roles);
            let opts: BTreeSet<String> = d.options.iter().map(|o| o.id.clone()).collect();
            if !opts.contains(&d.default) {
                r.err(
                    "K0107",
                    Some("default"),
                    &d.default,
                    msg!(bad_default, id = &d.id, default = &d.default),
                )
                .help = Some(msg!(
                    options_list,
                    list = opts.iter().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
            if d.options.len() < 2 {
                r.warn("K0203", Some("id"), &d.id, msg!(few_options, id = &d.id));
            }
            for o in &d.options {
                known.effects(r, &o.effects, false, flags_used);
            }
        }
        r.note_todo(&i.todo, &i.id);
    }
}

/// Expectations, rules, endings and the scenario's own actions.
fn check_scoring(
    sc: &Scenario,
    r: &mut DiagnosticSink,
    known: &Known,
    flags_used: &mut BTreeSet<String>,
) {
    r.item = None;
    for e in &sc.expectations {
        r.item(D::w_expectation, &e.id);
        r.exists(D::w_objective, &e.objective, &known.objectives);
        match &e.after {
            Activation::Inject(i) => r.exists(D::w_inject, i, &known.injects),
            Activation::When(c) => known.condition(r, c, false, flags_used),
            Activation::Start => {}
        }
        known.condition(r, &e.done_when, false, flags_used);
        if let Some(f) = &e.fail_when {
            known.condition(r, f, false, flags_used);
        }
        if e.within == 0 {
            r.err("K0104", Some("id"), &e.id, msg!(within_zero, id = &e.id));
        }
        if e.points <= 0 {
            r.warn("K0204", Some("id"), &e.id, msg!(no_points, id = &e.id));
        }
    }
    for rule in &sc.rules {
        r.item(D::w_rule, &rule.id);
        r.exists(D::w_objective, &rule.objective, &known.objectives);
        known.condition(r, &rule.when, false, flags_used);
        if rule.apply == RuleApply::EveryTurn && rule.points > 0 {
            r.err(
                "K0106",
                Some("id"),
                &rule.id,
                msg!(rule_positive, id = &rule.id),
            )
            .help = Some(D::rule_positive_help.into());
        }
    }
    if sc.endings.is_empty() {
        let at = locate_key(&r.src.text, "endings");
        let d = Diagnostic::error("K0205", &r.src.path, D::no_ending);
        r.out.push(d.with_severity(Severity::Warning).at(at));
    }
    for e in &sc.endings {
        r.item(D::w_ending, &e.id);
        known.condition(r, &e.when, false, flags_used);
    }
    for a in &sc.actions {
        r.item(D::w_action, &a.id);
        r.exists(D::w_role, &a.owner, &known.roles);
    }
    for a in &sc.actions {
        r.item(D::w_action, &a.id);
        if let Some(c) = &a.requires {
            known.condition(r, c, true, flags_used);
        }
        known.effects(r, &a.effects, true, flags_used);
    }
}

/// The reference response: roles, actions and their targets, options.
fn check_reference(
    sc: &Scenario,
    cat: &Catalogue,
    r: &mut DiagnosticSink,
    known: &Known,
    flags_used: &mut BTreeSet<String>,
) {
    r.item = None;
    for (n, step) in sc.reference_response.iter().enumerate() {
        r.step_item(n);
        r.exists(D::w_role, &step.role, &known.roles);
        if step.turn == 0 || step.turn > sc.max_turns {
            r.err(
                "K0104",
                Some("action"),
                step.action
                    .as_deref()
                    .or(step.choose.as_deref())
                    .unwrap_or("turn"),
                msg!(step_turn_out, turn = step.turn, max = sc.max_turns),
            );
        }
        if let Some(c) = &step.when {
            known.condition(r, c, false, flags_used);
            if !c.team_visible() {
                let at = r.item.as_ref().map_or(0, |(_, _, at)| *at);
                let msg = msg!(step_ground_truth, n = n + 1);
                let d = Diagnostic::error("K0209", &r.src.path, msg)
                    .with_severity(Severity::Warning)
                    .at(super::diagnostic::position_of(&r.src.text, at))
                    .help(D::step_ground_truth_help);
                r.out.push(d);
            }
        }
        match (&step.action, &step.choose) {
            (Some(a), None) => {
                r.exists(D::w_action, a, &known.actions);
                if let Some(def) = cat.actions.iter().find(|d| &d.id == a) {
                    let target_ok = match (def.target, &step.target) {
                        (TargetKind::None, None) => true,
                        (TargetKind::Asset, Some(t)) => {
                            r.exists(D::w_asset, t, &known.assets);
                            true
                        }
                        (TargetKind::Regime, Some(t)) => {
                            r.exists(D::w_regime, t, &known.regimes);
                            true
                        }
                        (TargetKind::Supplier, Some(t)) => {
                            r.exists(D::w_supplier, t, &known.suppliers);
                            true
                        }
                        _ => false,
                    };
                    if !target_ok {
                        r.err(
                            "K0102",
                            Some("action"),
                            a,
                            msg!(
                                step_target_kind,
                                action = a,
                                kind = format!("{:?}", def.target)
                            ),
                        );
                    }
                }
            }
            (None, Some(o)) => r.exists(D::w_decision_option, o, &known.options),
            _ => {
                let at = locate_key(&r.src.text, "reference_response");
                let msg = D::step_one_of;
                r.out
                    .push(Diagnostic::error("K0102", &r.src.path, msg).at(at));
            }
        }
    }
}

/// Flags tested but never set; objectives nothing scores.
fn lint_flags_and_objectives(
    sc: &Scenario,
    r: &mut DiagnosticSink,
    known: &Known,
    flags_used: &BTreeSet<String>,
) {
    r.item = None;
    for f in flags_used {
        if !known.flags_set.contains(f) {
            r.warn("K0206", None, f, msg!(flag_never_set, flag = f))
                .help = Some(D::flag_never_set_help.into());
        }
    }
    // Objectives nothing scores can never be rated.
    for o in &sc.objectives {
        let scored = sc.expectations.iter().any(|e| e.objective == o.id)
            || sc.rules.iter().any(|x| x.objective == o.id && x.points > 0)
            || sc.regimes.iter().any(|x| x.objective == o.id);
        if !scored {
            r.warn(
                "K0207",
                Some("id"),
                &o.id,
                msg!(objective_unscored, id = &o.id),
            );
        }
    }
}

/// The AAR/IP fields: each objective's core capability, the threat.
fn lint_aar(sc: &Scenario, r: &mut DiagnosticSink) {
    r.item = None;
    for o in &sc.objectives {
        r.item(D::w_objective, &o.id);
        match o.capability.as_deref() {
            Some(c) if c.trim().is_empty() => {
                r.warn(
                    "K0219",
                    Some("capability"),
                    c,
                    msg!(empty_capability, id = &o.id),
                )
                .help = Some(D::empty_capability_help.into());
            }
            Some(c) if !super::model::CORE_CAPABILITIES.contains(&c) => {
                let help = match did_you_mean(c, super::model::CORE_CAPABILITIES) {
                    Some(s) => msg!(did_you_mean, s = s),
                    None => D::unknown_capability_help.into(),
                };
                r.warn(
                    "K0218",
                    Some("capability"),
                    c,
                    msg!(unknown_capability, id = &o.id, c = c),
                )
                .help = Some(help);
            }
            None if o.capability_ja.is_some() => {
                r.warn(
                    "K0219",
                    Some("capability_ja"),
                    o.capability_ja.as_deref().unwrap_or_default(),
                    msg!(capability_ja_only, id = &o.id),
                )
                .help = Some(D::capability_ja_only_help.into());
            }
            _ => {}
        }
    }
    r.item = None;
    if let Some(t) = sc.threat.as_deref()
        && t.trim().is_empty()
    {
        r.warn("K0219", Some("threat"), t, D::empty_threat).help =
            Some(D::empty_threat_help.into());
    }
    // The Japanese forms of expectation titles and rule reasons (shown in a Japanese drill).
    let ja = sc
        .expectations
        .iter()
        .map(|e| (D::w_expectation, &e.id, "title_ja", e.title_ja.as_deref()))
        .chain(
            sc.rules
                .iter()
                .map(|x| (D::w_rule, &x.id, "reason_ja", x.reason_ja.as_deref())),
        );
    for (kind, id, field, value) in ja {
        if let Some(v) = value.filter(|v| v.trim().is_empty()) {
            r.item(kind, id);
            r.warn(
                "K0219",
                Some(field),
                v,
                msg!(empty_ja_field, kind = kind, id = id, field = field),
            )
            .help = Some(D::empty_ja_field_help.into());
        }
    }
    r.item = None;
}

/// Warns about injects that can never fire because they hang off a chain that starts nowhere.
fn lint_reachability(sc: &Scenario, r: &mut DiagnosticSink) {
    r.item = None;
    let mut reachable: BTreeSet<&str> = BTreeSet::new();
    let option_owner: BTreeMap<&str, &str> = sc
        .injects
        .iter()
        .filter_map(|i| i.decision.as_ref().map(|d| (i, d)))
        .flat_map(|(i, d)| {
            d.options
                .iter()
                .map(move |o| (o.id.as_str(), i.id.as_str()))
        })
        .collect();
    loop {
        let before = reachable.len();
        for i in &sc.injects {
            r.item(D::w_inject, &i.id);
            let ok = match &i.trigger {
                Trigger::At(_) | Trigger::When(_) => true,
                Trigger::After(id, _) => {
                    reachable.contains(id.as_str())
                        || option_owner
                            .get(id.as_str())
                            .is_some_and(|o| reachable.contains(o))
                }
            };
            if ok || i.contingency {
                reachable.insert(i.id.as_str());
            }
        }
        if reachable.len() == before {
            break;
        }
    }
    for i in &sc.injects {
        r.item(D::w_inject, &i.id);
        if !reachable.contains(i.id.as_str()) {
            r.warn(
                "K0208",
                Some("id"),
                &i.id,
                msg!(inject_unreachable, id = &i.id),
            );
        }
    }
}

/// The control-character lint (K0220) of a value parsed from `src`, skipped when it cannot
/// find anything: a parsed string holds a control character only when the source text holds
/// one or an escape that makes one (any but `\n`, `\t`, `\"`, `\'` and `\\`), so a
/// non-empty source with neither needs no walk over the whole value (which serialises it: a
/// fifth of checking a large organisation, a seventh of loading the default drill).
fn lint_controls<T: serde::Serialize>(value: &T, src: &Source) -> Vec<Diagnostic> {
    let text = &src.text;
    if !text.is_empty() && !may_escape_a_control(text) && !crate::text::has_control(text) {
        return Vec::new();
    }
    super::bounds::lint_control_chars(value, src)
}

/// True when `text` holds a backslash escape that may stand for a control character (and for
/// any escape it does not know, so it errs on the side of the full lint).
fn may_escape_a_control(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| c == b'\\') {
        match b.get(i + k + 1) {
            Some(b'n' | b't' | b'"' | b'\'' | b'\\') => i += k + 2,
            _ => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::may_escape_a_control;

    #[test]
    fn only_escapes_that_may_make_a_control_character_count() {
        assert!(!may_escape_a_control(
            r#"title: "a \"b\" c\n\td", path: "C:\\x1b""#
        ));
        assert!(may_escape_a_control(r#"title: "\x1b[2J""#));
        assert!(may_escape_a_control(r#"title: "\u{202e}""#));
        assert!(may_escape_a_control(r#"title: "a\rb""#));
        assert!(may_escape_a_control(r#"title: "\0""#));
        assert!(may_escape_a_control("ends with \\"));
    }
}
