//! Compliance mapping: which requirements apply to this drill, and which journal records
//! evidence each of them.
//!
//! **Which rows.** Rows are chosen by the scenario's sector and the regimes it applies
//! ([`scope`]); `docs/report.md` has the table.
//! - *Defence* (sector `defence`/`defense`/…, or regime `jp-mod-contract` or `dfars-7012`):
//!   NIST SP 800-171 r2 3.6.3 with its one assessment objective (SP 800-171A: [a] the
//!   capability is tested; no frequency), the CMMC assessment guide's *further discussion*
//!   questions under IR.L2-3.6.3 (not objectives); with `jp-mod-contract`, the MoD standard
//!   (装備品等及び役務の調達における情報セキュリティ基準); with `dfars-7012`, DFARS 252.204-7012(c)–(e).
//! - *Health* (sector `health`/`healthcare`/`medical`/`hospital`, or regime `jp-mhlw-medical`):
//!   the MHLW Guideline 6.0 drill and management items, and the 2018 notice 医政総発1029第1号.
//! - *Personal data* (health, or a PPC-report action in the drill's catalogue): APPI Art. 26 and
//!   the My Number Act Art. 29-4.
//! - *Every sector*: ISO/IEC 27001:2022 A.5.24–A.5.28 and NIST CSF 2.0 ID.IM-02.
//!
//! **When a row is met.** Only when the journal holds the evidence: a named participant for each
//! role the duty needs, the executive for management duties, and the team actions the duty needs.
//! A drill with no team action or decision, or with no named participant, never shows *met*
//! (the last step of [`build`] enforces it). A.5.28 (collection of evidence) needs
//! evidence-preservation actions *and* the journal's signature verified against a key the
//! inspector gives ([`ComplianceInputs::signature_verified_with_given_key`]); it is never
//! evidenced by the journal's own hash chain.
//!
//! Each row keeps the journal lines it rests on ([`ComplianceRow::records`]) for machine
//! export. Every text of a row (the requirements' texts, which are part of the mapping, and the
//! sentences composed around them) is a `cm_` entry of the report's catalogue
//! ([`crate::i18n::report`]).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::journal::{CloseStatus, RecordKind, SignatureStatus};
use crate::scenario::CsfFunction;

use super::model::{
    ActionTaken, ClockReport, ClockVerdict, EXECUTIVE_ROLE, ReportModel, StepVerdict, TimelineKind,
};
use crate::i18n::Lang;
use crate::i18n::report::{Text, fill};

/// How well the journal evidences a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Evidenced.
    Met,
    /// Partly evidenced.
    Partial,
    /// Not evidenced.
    Gap,
    /// The requirement does not apply to this drill.
    NotApplicable,
}

/// The group of rows a row belongs to (see the module documentation for how groups are
/// chosen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// NIST SP 800-171 / CMMC, the Japanese MoD standard, DFARS 252.204-7012.
    Defence,
    /// MHLW Guideline 6.0 and the 2018 MHLW notice.
    Health,
    /// APPI and the My Number Act.
    PersonalData,
    /// ISO/IEC 27001:2022 and NIST CSF 2.0, for every sector.
    Common,
}

/// What kind of text a row maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// An assessment objective (NIST SP 800-171A).
    Objective,
    /// A question of the CMMC assessment guide's "further discussion": guidance for the
    /// assessor, not an objective.
    FurtherDiscussion,
    /// A requirement of a law, notice, guideline or contract.
    Requirement,
    /// A control of a control set (ISO/IEC 27001 Annex A, NIST CSF).
    Control,
}

impl RowKind {
    /// The kind's label in the report's language.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.report();
        match self {
            RowKind::Objective => t.kind_objective,
            RowKind::FurtherDiscussion => t.kind_further_discussion,
            RowKind::Requirement => t.kind_requirement,
            RowKind::Control => t.kind_control,
        }
    }
}

/// One journal record a row rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EvidenceRef {
    /// Journal line (from 1).
    pub line: u64,
    /// The record's kind, when the journal has the line.
    pub kind: Option<RecordKind>,
}

/// One row of the mapping.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplianceRow {
    /// The group of rows it belongs to.
    pub family: Family,
    /// What kind of text it maps.
    pub kind: RowKind,
    /// Framework and control id, e.g. "NIST SP 800-171 r2 3.6.3 [a]".
    pub control: String,
    /// What the requirement asks, in the report's language.
    pub requirement: String,
    /// What the reader must know to weigh the row: the plan tested, an assumption, what the
    /// drill cannot show (empty when nothing).
    pub note: String,
    /// The verdict.
    pub status: Status,
    /// Which records evidence it, in words.
    pub evidence: String,
    /// The journal records it rests on, by line, in order.
    pub records: Vec<EvidenceRef>,
    /// What is missing (empty when met).
    pub gap: String,
}

/// Facts about the journal that the records alone do not give, supplied by whoever builds
/// the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ComplianceInputs {
    /// The journal's checkpoint signatures were verified against a public key the inspector
    /// gave (not merely the key stored in the journal). Needed for A.5.28 to be met.
    pub signature_verified_with_given_key: bool,
}

impl ComplianceInputs {
    /// The inputs a verification gives: only a signature verified with a given public key
    /// ([`SignatureStatus::Verified`]) counts; the key stored in the checkpoints does not.
    pub fn from_signature(signature: &SignatureStatus) -> Self {
        ComplianceInputs {
            signature_verified_with_given_key: matches!(
                signature,
                SignatureStatus::Verified { .. }
            ),
        }
    }
}

/// Which groups of rows a drill gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    /// NIST SP 800-171 3.6.3 and the CMMC further discussion.
    pub defence: bool,
    /// The Japanese MoD standard (regime `jp-mod-contract`).
    pub mod_standard: bool,
    /// DFARS 252.204-7012 (regime `dfars-7012`).
    pub dfars: bool,
    /// MHLW Guideline 6.0 and the 2018 notice.
    pub health: bool,
    /// APPI and the My Number Act.
    pub personal_data: bool,
}

/// Sector names (lowercase, `-` for spaces and `_`) that select the defence rows.
pub const DEFENCE_SECTORS: [&str; 7] = [
    "defence",
    "defense",
    "defence-industry",
    "defense-industry",
    "defence-industrial-base",
    "defense-industrial-base",
    "dib",
];
/// Sector names that select the health rows.
pub const HEALTH_SECTORS: [&str; 5] =
    ["health", "healthcare", "health-care", "medical", "hospital"];
/// The regime id of the Japanese MoD standard.
pub const MOD_REGIME: &str = "jp-mod-contract";
/// The regime id of DFARS 252.204-7012.
pub const DFARS_REGIME: &str = "dfars-7012";
/// The regime id of the MHLW reporting duty.
pub const MHLW_REGIME: &str = "jp-mhlw-medical";
/// Actions that report a personal-data leak to the PPC.
pub const PPC_ACTIONS: [&str; 2] = ["report-ppc", "report-to-ppc"];
/// Actions that collect or preserve evidence (forensic image, log preservation).
pub const PRESERVE_ACTIONS: [&str; 3] = ["forensic-image", "preserve-logs", "preserve-evidence"];
/// The flag the engine sets when personal data is stolen.
const BREACH_FLAG: &str = "personal-data-breach";

/// Roles whose actions count as IT tasks.
const IT_ROLES: [&str; 3] = ["soc", "it-ops", "ciso"];
/// Actions that count as legal or regulatory support.
const LEGAL_ACTIONS: [&str; 2] = ["notify-authority", "submit-final-report"];
/// Actions that count as public-affairs support.
const PR_ACTIONS: [&str; 2] = ["public-statement", "notify-customers"];
/// Actions that count as management and business support.
const BUSINESS_ACTIONS: [&str; 4] = [
    "brief-executive",
    "convene-crisis-team",
    "activate-continuity",
    "assess-impact",
];
/// Actions that add resources.
const RESOURCE_ACTIONS: [&str; 2] = ["engage-ir-retainer", "contact-supplier"];
/// Actions that involve law enforcement.
const LAW_ACTIONS: [&str; 1] = ["contact-law-enforcement"];
/// Actions that assess or declare an event.
const ASSESS_ACTIONS: [&str; 4] = [
    "triage-alert",
    "declare-incident",
    "assess-impact",
    "forensic-image",
];

fn norm(s: &str) -> String {
    s.trim().to_ascii_lowercase().replace([' ', '_'], "-")
}

/// The groups of rows for a drill, from the scenario's sector (the organisation's when the
/// scenario gives none), the regimes it applies and the actions of its catalogue.
pub fn scope(m: &ReportModel) -> Scope {
    let sector = if m.scenario.sector.trim().is_empty() {
        norm(&m.org.sector)
    } else {
        norm(&m.scenario.sector)
    };
    let uses = |id: &str| m.regimes.iter().any(|r| r.id == id);
    let mod_standard = uses(MOD_REGIME);
    let dfars = uses(DFARS_REGIME);
    let health = HEALTH_SECTORS.contains(&sector.as_str()) || uses(MHLW_REGIME);
    Scope {
        defence: DEFENCE_SECTORS.contains(&sector.as_str()) || mod_standard || dfars,
        mod_standard,
        dfars,
        health,
        personal_data: health
            || m.action_functions
                .keys()
                .any(|a| PPC_ACTIONS.contains(&a.as_str())),
    }
}

/// "lines 3, 7, 9" (at most eight, then "+N more").
pub fn lines_ref(lang: Lang, lines: &[u64]) -> String {
    if lines.is_empty() {
        return lang.report().none.to_string();
    }
    let shown: Vec<String> = lines.iter().take(8).map(u64::to_string).collect();
    let more = lines.len().saturating_sub(8);
    let t = lang.report();
    let one = if lines.len() == 1 {
        t.cm_line
    } else {
        t.cm_lines
    };
    let mut s = fill(one, &[("lines", &shown.join(t.list_sep))]);
    if more > 0 {
        s.push_str(&fill(t.cm_lines_more, &[("n", &more)]));
    }
    s
}

fn join(lang: Lang, items: &[String]) -> String {
    items.join(lang.report().list_sep)
}

fn evidence_of(lang: Lang, what: &str, acts: &[&ActionTaken]) -> String {
    let mut ids: Vec<&str> = acts.iter().map(|a| a.action.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let more = ids.len().saturating_sub(8);
    let mut shown: Vec<String> = ids.iter().take(8).map(|s| s.to_string()).collect();
    if more > 0 {
        shown.push(fill(lang.report().cm_more, &[("n", &more)]));
    }
    let lines: Vec<u64> = acts.iter().map(|a| a.line).collect();
    fill(
        lang.report().cm_evidence_of,
        &[
            ("what", &what),
            ("ids", &join(lang, &shown)),
            ("lines", &lines_ref(lang, &lines)),
        ],
    )
}

/// What every row reads: the model and the facts derived from it once.
struct Ctx<'a> {
    m: &'a ReportModel,
    lang: Lang,
    /// The report's text in `lang`.
    t: &'static Text,
    inputs: ComplianceInputs,
    /// Roles held by a participant with a name.
    named: BTreeSet<&'a str>,
    /// Roles the tested plan needs (the reference response's roles; else the roles that acted).
    required: Vec<String>,
    /// Required roles without a named participant.
    missing: Vec<String>,
    /// Team decisions: (journal line, role).
    decisions: Vec<(u64, String)>,
    /// Team actions plus team decisions.
    team_inputs: usize,
    completed: bool,
    closed_line: Option<u64>,
}

impl<'a> Ctx<'a> {
    fn new(m: &'a ReportModel, inputs: ComplianceInputs) -> Self {
        let named: BTreeSet<&str> = m
            .people
            .participants
            .iter()
            .filter(|p| !p.name.trim().is_empty())
            .map(|p| p.role.as_str())
            .collect();
        let decisions: Vec<(u64, String)> = m
            .timeline
            .iter()
            .filter_map(|e| match &e.kind {
                TimelineKind::Decision { timeout: false, .. } => Some((
                    e.line,
                    e.who.strip_prefix("role:").unwrap_or(&e.who).to_string(),
                )),
                _ => None,
            })
            .collect();
        let mut required: Vec<String> = m.response.steps.iter().map(|s| s.role.clone()).collect();
        if required.is_empty() {
            required = m
                .people
                .role_activity
                .iter()
                .filter(|(_, a)| a.actions + a.decisions > 0)
                .map(|(r, _)| r.clone())
                .collect();
        }
        required.sort_unstable();
        required.dedup();
        let missing = required
            .iter()
            .filter(|r| !named.contains(r.as_str()))
            .cloned()
            .collect();
        let closed_line = m
            .timeline
            .iter()
            .rev()
            .find(|e| matches!(e.kind, TimelineKind::Closed { .. }))
            .map(|e| e.line);
        Ctx {
            lang: m.lang,
            t: m.lang.report(),
            inputs,
            team_inputs: m.actions.len() + decisions.len(),
            completed: matches!(m.integrity.closed, Some(CloseStatus::Completed)),
            named,
            required,
            missing,
            decisions,
            closed_line,
            m,
        }
    }

    fn acts(&self, f: impl Fn(&ActionTaken) -> bool) -> Vec<&'a ActionTaken> {
        self.m.actions.iter().filter(|a| f(a)).collect()
    }

    fn named_acts(&self, acts: &[&'a ActionTaken]) -> Vec<&'a ActionTaken> {
        acts.iter()
            .copied()
            .filter(|a| self.named.contains(a.role.as_str()))
            .collect()
    }

    /// Roles among `acts` that no named participant holds.
    fn unnamed_roles(&self, acts: &[&ActionTaken]) -> Vec<String> {
        let mut v: Vec<String> = acts
            .iter()
            .filter(|a| !self.named.contains(a.role.as_str()))
            .map(|a| a.role.clone())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    fn refs(&self, lines: impl IntoIterator<Item = u64>) -> Vec<EvidenceRef> {
        let mut lines: Vec<u64> = lines.into_iter().filter(|l| *l > 0).collect();
        lines.sort_unstable();
        lines.dedup();
        lines
            .into_iter()
            .map(|line| EvidenceRef {
                line,
                kind: self.m.kind_of(line),
            })
            .collect()
    }

    fn exec_named(&self) -> bool {
        self.named.contains(EXECUTIVE_ROLE)
    }

    fn named_list(&self) -> String {
        let v: Vec<String> = self
            .m
            .people
            .participants
            .iter()
            .filter(|p| !p.name.trim().is_empty())
            .map(|p| format!("{} ({})", p.name, p.role))
            .collect();
        if v.is_empty() {
            self.t.none.to_string()
        } else {
            join(self.lang, &v)
        }
    }

    /// The plan the drill tested, briefly, for the rows that rest on it.
    fn plan_note(&self) -> String {
        match &self.m.plan {
            Some(p) => {
                let title = p.title.clone().unwrap_or_else(|| p.file.clone());
                let t = self.t;
                match &p.version {
                    Some(v) => fill(t.cm_plan_note_version, &[("title", &title), ("version", v)]),
                    None => fill(t.cm_plan_note, &[("title", &title)]),
                }
            }
            None => self.t.cm_tested_against_scenario_s.to_string(),
        }
    }

    /// The plan the drill tested, in full, for the paragraph above the table.
    fn plan_statement(&self) -> String {
        match &self.m.plan {
            Some(p) => {
                let title = p.title.clone().unwrap_or_else(|| p.file.clone());
                let version = p
                    .version
                    .as_ref()
                    .map(|v| fill(self.t.cm_plan_version, &[("version", v)]))
                    .unwrap_or_default();
                fill(
                    self.t.cm_plan_statement,
                    &[
                        ("title", &title),
                        ("version", &version),
                        ("file", &p.file),
                        ("sha", &p.sha256),
                    ],
                )
            }
            None => fill(
                self.t.cm_plan_statement_model,
                &[("steps", &self.m.response.steps.len())],
            ),
        }
    }

    /// Who took part, for the capability rows: what is missing, if anything.
    fn people_gaps(&self) -> Vec<String> {
        if self.named.is_empty() {
            vec![self.t.cm_participant_named_header_journal.to_string()]
        } else if !self.missing.is_empty() {
            vec![fill(
                self.t.cm_roles_unnamed,
                &[("roles", &join(self.lang, &self.missing))],
            )]
        } else {
            Vec::new()
        }
    }

    /// Whether the incident-response capability was tested: turns, team inputs, completion,
    /// seal and named participants for every required role.
    fn capability(&self) -> (Status, Vec<String>) {
        if self.m.times.turns_played == 0 {
            return (
                Status::Gap,
                vec![self.t.cm_turn_played_capability_tested.to_string()],
            );
        }
        if self.team_inputs == 0 {
            return (
                Status::Gap,
                vec![self.t.cm_team_action_decision_recorded.to_string()],
            );
        }
        let mut gaps = Vec::new();
        if !self.completed {
            gaps.push(self.t.cm_drill_did_run_end.to_string());
        } else if !self.m.integrity.sealed {
            gaps.push(self.t.cm_journal_sealed_close_drill.to_string());
        }
        gaps.extend(self.people_gaps());
        let status = if gaps.is_empty() {
            Status::Met
        } else {
            Status::Partial
        };
        (status, gaps)
    }

    /// The records a capability test rests on: the header, the close, team actions and
    /// decisions.
    fn capability_records(&self) -> Vec<EvidenceRef> {
        self.refs(
            std::iter::once(1)
                .chain(self.closed_line)
                .chain(self.m.actions.iter().map(|a| a.line))
                .chain(self.decisions.iter().map(|d| d.0)),
        )
    }

    /// Met when a named participant took one of `acts`; partial when only unnamed roles did;
    /// gap (with `none`) when nobody did.
    fn action_row(&self, acts: &[&'a ActionTaken], none: String) -> (Status, String) {
        if acts.is_empty() {
            return (Status::Gap, none);
        }
        if self.named_acts(acts).is_empty() {
            return (
                Status::Partial,
                fill(
                    self.t.cm_taken_only_unnamed,
                    &[("roles", &join(self.lang, &self.unnamed_roles(acts)))],
                ),
            );
        }
        (Status::Met, String::new())
    }

    /// A reporting duty: the regime's clocks and the team's reports to it (actions targeting
    /// the regime). Returns the status, the gap, the evidence text and the records.
    fn report_duty(
        &self,
        regime: &str,
        authority: &str,
    ) -> (Status, String, String, Vec<EvidenceRef>) {
        let prefix = format!("{regime}/");
        let clocks: Vec<&ClockReport> = self
            .m
            .clocks
            .iter()
            .filter(|c| c.id.starts_with(&prefix))
            .collect();
        let reports = self.acts(|a| a.target.as_deref() == Some(regime));
        let clock_lines: Vec<u64> = clocks.iter().flat_map(|c| c.evidence.clone()).collect();
        let records = self.refs(
            clock_lines
                .iter()
                .copied()
                .chain(reports.iter().map(|a| a.line)),
        );
        let t = self.t;
        let mut evidence = fill(
            t.cm_clock_records,
            &[("lines", &lines_ref(self.lang, &clock_lines))],
        );
        if !reports.is_empty() {
            evidence.push_str(t.clause_sep);
            evidence.push_str(&evidence_of(self.lang, self.t.cm_reports, &reports));
        }
        let late = clocks.iter().any(|c| {
            matches!(
                c.verdict,
                ClockVerdict::Missed { .. } | ClockVerdict::MetLate { .. }
            )
        });
        let all_met = !clocks.is_empty()
            && clocks
                .iter()
                .all(|c| matches!(c.verdict, ClockVerdict::Met { .. }));
        let unnamed = |s: &Self| {
            fill(
                t.cm_report_unnamed,
                &[("roles", &join(s.lang, &s.unnamed_roles(&reports)))],
            )
        };
        let (status, gap) = if late {
            (
                Status::Gap,
                fill(t.cm_report_late, &[("authority", &authority)]),
            )
        } else if reports.is_empty() {
            (
                Status::Gap,
                fill(t.cm_report_none, &[("authority", &authority)]),
            )
        } else if self.named_acts(&reports).is_empty() {
            (Status::Partial, unnamed(self))
        } else if all_met || clocks.is_empty() {
            (Status::Met, String::new())
        } else {
            (
                Status::Partial,
                fill(t.cm_report_open, &[("authority", &authority)]),
            )
        };
        (status, gap, evidence, records)
    }

    /// The hours a regime's first clock applied, for the notes.
    fn regime_hours(&self, regime: &str) -> Option<u32> {
        self.m
            .regimes
            .iter()
            .find(|r| r.id == regime)
            .and_then(|r| r.clocks.first())
            .map(|c| c.hours)
    }
}

/// The plan the drill tested, in one sentence: the organisation's plan named at set-up (title,
/// version, file and SHA-256), or the scenario's model response.
pub fn plan_statement(m: &ReportModel) -> String {
    Ctx::new(m, ComplianceInputs::default()).plan_statement()
}

/// The mapping the report shows: [`ReportModel::compliance`], built once with [`build`].
pub fn map(m: &ReportModel) -> Vec<ComplianceRow> {
    m.compliance.clone()
}

/// Builds the mapping for a report model (everything but [`ReportModel::compliance`] filled).
pub fn build(m: &ReportModel, inputs: &ComplianceInputs) -> Vec<ComplianceRow> {
    let cx = Ctx::new(m, *inputs);
    let sc = scope(m);
    let mut rows = Vec::new();
    if sc.defence {
        defence_rows(&cx, &sc, &mut rows);
    }
    if sc.health {
        health_rows(&cx, &mut rows);
    }
    if sc.personal_data {
        rows.push(personal_data_row(&cx));
    }
    common_rows(&cx, &mut rows);
    // Nothing is met without the team and the people: an idle drill, or one with no named
    // participant, never evidences a requirement in full.
    let idle = cx.team_inputs == 0;
    let nobody = cx.named.is_empty();
    for r in &mut rows {
        if r.status != Status::Met || !(idle || nobody) {
            continue;
        }
        r.status = Status::Partial;
        let why = if idle {
            cx.t.cm_team_action_decision_recorded_2.to_string()
        } else {
            cx.t.cm_participant_named_header.to_string()
        };
        r.gap = if r.gap.is_empty() {
            why
        } else {
            format!("{} {why}", r.gap)
        };
    }
    rows
}

fn row(
    family: Family,
    kind: RowKind,
    control: impl Into<String>,
    requirement: String,
    note: String,
) -> ComplianceRow {
    ComplianceRow {
        family,
        kind,
        control: control.into(),
        requirement,
        note,
        status: Status::Gap,
        evidence: String::new(),
        records: Vec::new(),
        gap: String::new(),
    }
}

/// The executives' names ("none" when there is none).
fn executives(cx: &Ctx) -> String {
    let names = cx.m.people.executives();
    if names.is_empty() {
        cx.t.none.to_string()
    } else {
        names.join(cx.t.list_sep)
    }
}

fn capability_evidence(cx: &Ctx) -> String {
    let m = cx.m;
    let lang = cx.lang;
    let t = lang.report();
    let span = match cx.closed_line {
        Some(l) => fill(t.cm_span_closed, &[("line", &l)]),
        None => t.cm_span_open.to_string(),
    };
    let covered = cx.required.len() - cx.missing.len();
    fill(
        t.cm_capability_evidence,
        &[
            ("span", &span),
            ("turns", &m.times.turns_played),
            ("actions", &m.actions.len()),
            ("decisions", &cx.decisions.len()),
            ("injects", &m.inject_count()),
            ("named", &cx.named_list()),
            ("covered", &covered),
            ("required", &cx.required.len()),
        ],
    )
}

fn defence_rows(cx: &Ctx, sc: &Scope, rows: &mut Vec<ComplianceRow>) {
    let m = cx.m;
    let lang = cx.lang;
    let t = lang.report();

    // NIST SP 800-171 r2 3.6.3, objective [a].
    let (status, gaps) = cx.capability();
    rows.push(ComplianceRow {
        status,
        evidence: capability_evidence(cx),
        records: cx.capability_records(),
        gap: gaps.join(" "),
        ..row(
            Family::Defence,
            RowKind::Objective,
            "NIST SP 800-171 r2 3.6.3 [a]",
            cx.t.cm_test_organizational_incident_response.to_string(),
            format!("{} {}", cx.t.cm_sp_800_171a_sets, cx.plan_note()),
        )
    });

    // CMMC further discussion.
    let cmmc = "CMMC IR.L2-3.6.3".to_string();
    let fd = |req: String| {
        row(
            Family::Defence,
            RowKind::FurtherDiscussion,
            cmmc.clone(),
            req,
            String::new(),
        )
    };

    // What happens and who is responsible.
    let acted: Vec<String> = m
        .people
        .role_activity
        .iter()
        .filter(|(_, a)| a.actions + a.decisions > 0)
        .map(|(r, _)| r.clone())
        .collect();
    let unnamed_acted: Vec<String> = acted
        .iter()
        .filter(|r| !cx.named.contains(r.as_str()))
        .cloned()
        .collect();
    let (status, gap) = if acted.is_empty() {
        (Status::Gap, cx.t.cm_role_took_action_decision.to_string())
    } else if !unnamed_acted.is_empty() {
        (
            Status::Partial,
            fill(
                t.cm_roles_acted_unnamed,
                &[("roles", &join(lang, &unnamed_acted))],
            ),
        )
    } else if !cx.missing.is_empty() {
        (Status::Partial, cx.people_gaps().join(" "))
    } else {
        (Status::Met, String::new())
    };
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: fill(
            t.cm_named_and_acted,
            &[
                ("named", &cx.named_list()),
                (
                    "acted",
                    &if acted.is_empty() {
                        t.none.to_string()
                    } else {
                        join(lang, &acted)
                    },
                ),
            ],
        ),
        records: cx.capability_records(),
        ..fd(cx.t.cm_what_activities_are_performed.to_string())
    });

    // IT tasks: technical actions (not governance) by the SOC, IT operations or the CISO.
    let it = cx.acts(|a| {
        IT_ROLES.contains(&a.role.as_str())
            && m.action_functions.get(&a.action) != Some(&CsfFunction::Govern)
    });
    let (status, gap) = cx.action_row(&it, cx.t.cm_technical_response_exercised.to_string());
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: if it.is_empty() {
            cx.t.cm_technical_action_soc_it.to_string()
        } else {
            evidence_of(lang, cx.t.cm_actions, &it)
        },
        records: cx.refs(it.iter().map(|a| a.line)),
        ..fd(cx.t.cm_what_tasks_does_it.to_string())
    });

    // Legal, public affairs and business support.
    let legal = cx.acts(|a| a.role == "legal" || LEGAL_ACTIONS.contains(&a.action.as_str()));
    let pr = cx.acts(|a| a.role == "comms" || PR_ACTIONS.contains(&a.action.as_str()));
    let business =
        cx.acts(|a| a.role == EXECUTIVE_ROLE || BUSINESS_ACTIONS.contains(&a.action.as_str()));
    let exec_decisions: Vec<u64> = cx
        .decisions
        .iter()
        .filter(|d| d.1 == EXECUTIVE_ROLE)
        .map(|d| d.0)
        .collect();
    let exec_acted =
        !exec_decisions.is_empty() || business.iter().any(|a| a.role == EXECUTIVE_ROLE);
    let parts = [
        (
            cx.t.cm_legal.to_string(),
            !cx.named_acts(&legal).is_empty(),
            !legal.is_empty(),
        ),
        (
            cx.t.cm_public_affairs.to_string(),
            !cx.named_acts(&pr).is_empty(),
            !pr.is_empty(),
        ),
        (
            cx.t.cm_business_management_named_executive.to_string(),
            cx.exec_named() && exec_acted,
            !business.is_empty() || !exec_decisions.is_empty(),
        ),
    ];
    let missing: Vec<String> = parts.iter().filter(|p| !p.1).map(|p| p.0.clone()).collect();
    let mut ev = Vec::new();
    for (label, acts) in [
        (cx.t.cm_legal.to_string(), &legal),
        (cx.t.cm_public_affairs.to_string(), &pr),
        (cx.t.cm_business.to_string(), &business),
    ] {
        if !acts.is_empty() {
            ev.push(evidence_of(lang, &label, acts));
        }
    }
    if !exec_decisions.is_empty() {
        ev.push(fill(
            t.cm_exec_decisions,
            &[
                ("n", &exec_decisions.len()),
                ("lines", &lines_ref(lang, &exec_decisions)),
            ],
        ));
    }
    ev.push(fill(t.cm_exec_participants, &[("names", &executives(cx))]));
    rows.push(ComplianceRow {
        status: match parts.iter().filter(|p| p.1).count() {
            3 => Status::Met,
            0 if parts.iter().all(|p| !p.2) => Status::Gap,
            _ => Status::Partial,
        },
        gap: if missing.is_empty() {
            String::new()
        } else {
            fill(
                t.cm_not_exercised_named,
                &[("parts", &join(lang, &missing))],
            )
        },
        evidence: ev.join(t.clause_sep),
        records: cx.refs(
            legal
                .iter()
                .chain(&pr)
                .chain(&business)
                .map(|a| a.line)
                .chain(exec_decisions.iter().copied()),
        ),
        ..fd(cx.t.cm_how_do_legal_public.to_string())
    });

    // Resources.
    let res = cx.acts(|a| RESOURCE_ACTIONS.contains(&a.action.as_str()));
    let (status, gap) = cx.action_row(&res, cx.t.cm_outside_help_engaged_rehearse.to_string());
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: if res.is_empty() {
            cx.t.none.to_string()
        } else {
            evidence_of(lang, cx.t.cm_actions, &res)
        },
        records: cx.refs(res.iter().map(|a| a.line)),
        ..fd(cx.t.cm_how_are_resources_added.to_string())
    });

    // Law enforcement.
    let law = cx.acts(|a| LAW_ACTIONS.contains(&a.action.as_str()));
    let (status, gap) = cx.action_row(&law, cx.t.cm_law_enforcement_contacted_drill.to_string());
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: if law.is_empty() {
            cx.t.none.to_string()
        } else {
            evidence_of(lang, cx.t.cm_actions, &law)
        },
        records: cx.refs(law.iter().map(|a| a.line)),
        ..fd(cx.t.cm_when_how_law_enforcement.to_string())
    });

    // Negative impact on operations.
    let assess = cx.acts(|a| a.action == "assess-impact");
    let turns = m.times.turns_played;
    let (status, gap) = if turns == 0 {
        (Status::Gap, cx.t.cm_turn_played.to_string())
    } else {
        let (s, g) = cx.action_row(&assess, cx.t.cm_engine_recorded_impact_but.to_string());
        (if s == Status::Gap { Status::Partial } else { s }, g)
    };
    let unit = &m.org.impact_unit;
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: {
            let mut e = fill(
                t.cm_impact_evidence,
                &[
                    ("turns", &turns),
                    ("total", &format!("{:.1}", m.outcome.impact_total)),
                    ("unit", unit),
                    ("events", &m.event_count()),
                ],
            );
            if !assess.is_empty() {
                e.push_str(t.clause_sep);
                e.push_str(&evidence_of(lang, cx.t.cm_assessment, &assess));
            }
            e
        },
        records: cx.refs(assess.iter().map(|a| a.line)),
        ..fd(cx.t.cm_are_negative_impacts_operations.to_string())
    });

    // The Japanese MoD standard.
    if sc.mod_standard {
        let mod_name = cx.t.cm_japan_mod_standard.to_string();
        let (status, gaps) = cx.capability();
        let due = m.times.opened.map(|d| {
            (
                super::text::date(d, &m.header.timezone),
                super::text::next_year(d, &m.header.timezone),
            )
        });
        rows.push(ComplianceRow {
            status,
            gap: gaps.join(" "),
            evidence: match &due {
                Some((d, n)) => fill(
                    t.cm_mod_evidence,
                    &[
                        ("date", d),
                        ("next", n),
                        ("evidence", &capability_evidence(cx)),
                    ],
                ),
                None => capability_evidence(cx),
            },
            records: cx.capability_records(),
            ..row(
                Family::Defence,
                RowKind::Requirement,
                mod_name.clone(),
                cx.t.cm_test_incident_response_capability.to_string(),
                format!("{} {}", cx.t.cm_annual_drill_reported_press, cx.plan_note()),
            )
        });
        let authority = cx.t.cm_ministry_defence.to_string();
        let (status, gap, evidence, records) = cx.report_duty(MOD_REGIME, &authority);
        let hours = cx.regime_hours(MOD_REGIME);
        rows.push(ComplianceRow {
            status,
            gap,
            evidence,
            records,
            ..row(
                Family::Defence,
                RowKind::Requirement,
                mod_name,
                cx.t.cm_report_incident_affecting_protected.to_string(),
                match hours {
                    Some(h) => fill(t.cm_mod_hours_assumption, &[("h", &h)]),
                    None => t.cm_contract_term_assumption_standard.to_string(),
                },
            )
        });
    }

    // DFARS 252.204-7012.
    if sc.dfars {
        let authority = cx.t.cm_u_s_dod_dibnet.to_string();
        let (mut status, mut gap, mut evidence, mut records) =
            cx.report_duty(DFARS_REGIME, &authority);
        let images = cx.acts(|a| PRESERVE_ACTIONS.contains(&a.action.as_str()));
        if !images.is_empty() {
            evidence.push_str(t.clause_sep);
            evidence.push_str(&evidence_of(lang, cx.t.cm_evidence_preserved, &images));
            records = cx.refs(
                records
                    .iter()
                    .map(|r| r.line)
                    .chain(images.iter().map(|a| a.line)),
            );
        }
        if status == Status::Met && cx.named_acts(&images).is_empty() {
            status = Status::Partial;
            gap = cx.t.cm_forensic_image_taken_named.to_string();
        }
        rows.push(ComplianceRow {
            status,
            gap,
            evidence,
            records,
            ..row(
                Family::Defence,
                RowKind::Requirement,
                "DFARS 252.204-7012(c)–(e)",
                cx.t.cm_report_cyber_incident_within.to_string(),
                cx.t.cm_drill_shows_report_images.to_string(),
            )
        });
    }
}

fn health_rows(cx: &Ctx, rows: &mut Vec<ComplianceRow>) {
    let m = cx.m;
    let lang = cx.lang;
    let t = lang.report();
    let guideline = cx.t.cm_mhlw_guideline_security_management.to_string();
    let signoff_lines: Vec<u64> = m.debrief.signoffs.iter().map(|n| n.line).collect();
    let item_lines: Vec<u64> = m.debrief.items.iter().map(|i| i.line).collect();

    // Drills whose results go to management.
    let (mut status, mut gaps) = cx.capability();
    if status != Status::Gap && signoff_lines.is_empty() {
        status = Status::Partial;
        gaps.push(cx.t.cm_results_did_go_management.to_string());
    }
    rows.push(ComplianceRow {
        status,
        gap: gaps.join(" "),
        evidence: fill(
            t.cm_signoff_evidence,
            &[
                ("evidence", &capability_evidence(cx)),
                ("lines", &lines_ref(lang, &signoff_lines)),
            ],
        ),
        records: cx.refs(
            cx.capability_records()
                .iter()
                .map(|r| r.line)
                .chain(signoff_lines.iter().copied()),
        ),
        ..row(
            Family::Health,
            RowKind::Requirement,
            guideline.clone(),
            cx.t.cm_hold_incident_response_drills.to_string(),
            cx.plan_note(),
        )
    });

    // Management takes part and approves.
    let exec_acted = m
        .people
        .role_activity
        .get(EXECUTIVE_ROLE)
        .is_some_and(|a| a.actions + a.decisions > 0);
    let checks = [
        (
            cx.exec_named(),
            cx.t.cm_named_participant_holds_exec.to_string(),
        ),
        (
            exec_acted,
            cx.t.cm_executive_took_action_decision.to_string(),
        ),
        (
            !signoff_lines.is_empty(),
            cx.t.cm_executive_sign_off.to_string(),
        ),
        (
            !item_lines.is_empty(),
            cx.t.cm_improvement_plan_approve.to_string(),
        ),
    ];
    let missing: Vec<String> = checks
        .iter()
        .filter(|c| !c.0)
        .map(|c| c.1.clone())
        .collect();
    let exec_lines: Vec<u64> = m
        .actions
        .iter()
        .filter(|a| a.role == EXECUTIVE_ROLE)
        .map(|a| a.line)
        .chain(
            cx.decisions
                .iter()
                .filter(|d| d.1 == EXECUTIVE_ROLE)
                .map(|d| d.0),
        )
        .collect();
    rows.push(ComplianceRow {
        status: if missing.is_empty() {
            Status::Met
        } else if !cx.exec_named() && signoff_lines.is_empty() {
            Status::Gap
        } else {
            Status::Partial
        },
        gap: if missing.is_empty() {
            String::new()
        } else {
            let first = if cx.exec_named() {
                String::new()
            } else {
                cx.t.cm_executive_decision_maker_took.to_string()
            };
            fill(
                t.cm_missing,
                &[("first", &first), ("missing", &join(lang, &missing))],
            )
        },
        evidence: fill(
            t.cm_management_evidence,
            &[
                ("names", &executives(cx)),
                ("acts", &lines_ref(lang, &exec_lines)),
                ("signoff", &lines_ref(lang, &signoff_lines)),
                ("plan", &lines_ref(lang, &item_lines)),
            ],
        ),
        records: cx.refs(
            std::iter::once(1)
                .chain(exec_lines.iter().copied())
                .chain(signoff_lines.iter().copied())
                .chain(item_lines.iter().copied()),
        ),
        ..row(
            Family::Health,
            RowKind::Requirement,
            guideline,
            cx.t.cm_management_takes_part_drill.to_string(),
            String::new(),
        )
    });

    // The 2018 notice: report promptly.
    let authority = cx.t.cm_ministry_health_labour_welfare.to_string();
    let (status, gap, evidence, records) = cx.report_duty(MHLW_REGIME, &authority);
    let hours = cx.regime_hours(MHLW_REGIME);
    rows.push(ComplianceRow {
        status,
        gap,
        evidence,
        records,
        ..row(
            Family::Health,
            RowKind::Requirement,
            cx.t.cm_mhlw_notice_1029_1.to_string(),
            cx.t.cm_report_cyber_attack_that.to_string(),
            match hours {
                Some(h) => fill(t.cm_mhlw_hours_target, &[("h", &h)]),
                None => t.cm_notice_sets_hour_limit.to_string(),
            },
        )
    });
}

fn personal_data_row(cx: &Ctx) -> ComplianceRow {
    let m = cx.m;
    let lang = cx.lang;
    let t = lang.report();
    let ppc = cx.acts(|a| PPC_ACTIONS.contains(&a.action.as_str()));
    let breach = m.flag_lines.get(BREACH_FLAG).copied();
    let (status, gap) = if !ppc.is_empty() {
        cx.action_row(&ppc, String::new())
    } else if let Some(line) = breach {
        (Status::Gap, fill(t.cm_leak_no_report, &[("line", &line)]))
    } else if m.facts.state_tracked {
        (
            Status::NotApplicable,
            cx.t.cm_personal_data_leak_recorded.to_string(),
        )
    } else {
        (Status::Gap, cx.t.cm_journal_cannot_show_whether.to_string())
    };
    let mut evidence = match breach {
        Some(l) => fill(t.cm_leak_line, &[("line", &l)]),
        None => t.cm_leak_none.to_string(),
    };
    if !ppc.is_empty() {
        evidence.push_str(t.clause_sep);
        evidence.push_str(&evidence_of(lang, cx.t.cm_reports, &ppc));
    }
    ComplianceRow {
        status,
        gap,
        evidence,
        records: cx.refs(breach.into_iter().chain(ppc.iter().map(|a| a.line))),
        ..row(
            Family::PersonalData,
            RowKind::Requirement,
            cx.t.cm_appi_art_26_my.to_string(),
            cx.t.cm_report_personal_data_leak.to_string(),
            cx.t.cm_confirmed_report_notice_people.to_string(),
        )
    }
}

fn common_rows(cx: &Ctx, rows: &mut Vec<ComplianceRow>) {
    let m = cx.m;
    let lang = cx.lang;
    let t = lang.report();
    let iso = |c: &str| format!("ISO/IEC 27001:2022 {c}");

    // A.5.24 planning and preparation.
    let (status, gaps) = if cx.team_inputs == 0 {
        (
            Status::Gap,
            vec![cx.t.cm_team_action_decision_arrangements.to_string()],
        )
    } else {
        let mut gaps = Vec::new();
        if m.plan.is_none() {
            gaps.push(cx.t.cm_rehearsed_against_scenario_s.to_string());
        }
        gaps.extend(cx.people_gaps());
        (
            if gaps.is_empty() {
                Status::Met
            } else {
                Status::Partial
            },
            gaps,
        )
    };
    rows.push(ComplianceRow {
        status,
        gap: gaps.join(" "),
        evidence: fill(
            t.cm_planning_evidence,
            &[
                ("roles", &m.org.roles.len()),
                ("required", &cx.required.len()),
                ("named", &cx.named_list()),
                ("actions", &m.actions.len()),
            ],
        ),
        records: cx.refs([1]),
        ..row(
            Family::Common,
            RowKind::Control,
            iso("A.5.24"),
            cx.t.cm_incident_management_planning_preparation.to_string(),
            cx.plan_note(),
        )
    });

    // A.5.25 assessment and decision.
    let detections: Vec<u64> = m
        .timeline
        .iter()
        .filter(|e| matches!(e.kind, TimelineKind::Detection { .. }))
        .map(|e| e.line)
        .collect();
    let assess = cx.acts(|a| ASSESS_ACTIONS.contains(&a.action.as_str()));
    let named_decisions: Vec<u64> = cx
        .decisions
        .iter()
        .filter(|d| cx.named.contains(d.1.as_str()))
        .map(|d| d.0)
        .collect();
    let decided_named = !cx.named_acts(&assess).is_empty() || !named_decisions.is_empty();
    let decided = !assess.is_empty() || !cx.decisions.is_empty();
    let (status, gap) = match (!detections.is_empty(), decided_named, decided) {
        (true, true, _) => (Status::Met, String::new()),
        (false, false, false) => (
            Status::Gap,
            cx.t.cm_event_detected_assessed_decided.to_string(),
        ),
        (false, _, _) => (
            Status::Partial,
            cx.t.cm_team_assessed_decided_but.to_string(),
        ),
        (true, false, true) => (
            Status::Partial,
            cx.t.cm_events_were_assessed_decided.to_string(),
        ),
        (true, false, false) => (
            Status::Partial,
            cx.t.cm_events_were_detected_but.to_string(),
        ),
    };
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: {
            let mut e = fill(t.cm_detections, &[("lines", &lines_ref(lang, &detections))]);
            if !assess.is_empty() {
                e.push_str(t.clause_sep);
                e.push_str(&evidence_of(lang, cx.t.cm_assessment, &assess));
            }
            if !cx.decisions.is_empty() {
                e.push_str(&fill(t.cm_team_decisions, &[("n", &cx.decisions.len())]));
            }
            e
        },
        records: cx.refs(
            detections
                .iter()
                .copied()
                .chain(assess.iter().map(|a| a.line))
                .chain(cx.decisions.iter().map(|d| d.0)),
        ),
        ..row(
            Family::Common,
            RowKind::Control,
            iso("A.5.25"),
            cx.t.cm_assessment_decision_information_security.to_string(),
            String::new(),
        )
    });

    // A.5.26 response.
    let respond = cx.acts(|a| m.action_functions.get(&a.action) == Some(&CsfFunction::Respond));
    let missed = m.response.count(StepVerdict::Missed);
    let late = m.response.count(StepVerdict::Late);
    let (status, gap) = if respond.is_empty() {
        (Status::Gap, cx.t.cm_respond_action_taken.to_string())
    } else if cx.named_acts(&respond).is_empty() {
        cx.action_row(&respond, String::new())
    } else if missed + late > 0 {
        (
            Status::Partial,
            cx.t.cm_steps_reference_response_were.to_string(),
        )
    } else {
        (Status::Met, String::new())
    };
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: fill(
            t.cm_respond_evidence,
            &[
                ("n", &respond.len()),
                ("on_time", &m.response.count(StepVerdict::OnTime)),
                ("late", &late),
                ("missed", &missed),
            ],
        ),
        records: cx.refs(respond.iter().map(|a| a.line)),
        ..row(
            Family::Common,
            RowKind::Control,
            iso("A.5.26"),
            cx.t.cm_response_information_security_incidents.to_string(),
            cx.plan_note(),
        )
    });

    // A.5.27 learning.
    let hot = m.debrief.strengths.len() + m.debrief.areas.len();
    let items = m.debrief.items.len();
    let lessons_lines: Vec<u64> = m
        .debrief
        .strengths
        .iter()
        .chain(&m.debrief.areas)
        .map(|n| n.line)
        .chain(m.debrief.items.iter().map(|i| i.line))
        .collect();
    let lessons = match (hot > 0, items > 0) {
        (true, true) => Status::Met,
        (false, false) => Status::Gap,
        _ => Status::Partial,
    };
    rows.push(ComplianceRow {
        status: lessons,
        gap: match lessons {
            Status::Met => String::new(),
            _ if items == 0 => cx.t.cm_improvement_plan_recorded_hold.to_string(),
            _ => cx.t.cm_hotwash_strengths_areas_improvement.to_string(),
        },
        evidence: fill(
            t.cm_lessons_evidence,
            &[
                ("hot", &hot),
                ("items", &items),
                ("lines", &lines_ref(lang, &lessons_lines)),
            ],
        ),
        records: cx.refs(lessons_lines.iter().copied()),
        ..row(
            Family::Common,
            RowKind::Control,
            iso("A.5.27"),
            cx.t.cm_learning_information_security_incidents.to_string(),
            String::new(),
        )
    });

    // A.5.28 collection of evidence (forensic handling).
    let preserve = cx.acts(|a| PRESERVE_ACTIONS.contains(&a.action.as_str()));
    let verified = cx.inputs.signature_verified_with_given_key;
    let (status, gap) = if preserve.is_empty() {
        (
            Status::Gap,
            cx.t.cm_evidence_preservation_action_forensic.to_string(),
        )
    } else {
        let mut gaps = Vec::new();
        let (s, g) = cx.action_row(&preserve, String::new());
        if s != Status::Met {
            gaps.push(g);
        }
        if !verified {
            gaps.push(cx.t.cm_journal_s_signature_verified.to_string());
        }
        if gaps.is_empty() {
            (Status::Met, String::new())
        } else {
            (Status::Partial, gaps.join(" "))
        }
    };
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: {
            let mut e = if preserve.is_empty() {
                cx.t.cm_evidence_preserved_none.to_string()
            } else {
                evidence_of(lang, cx.t.cm_evidence_preserved, &preserve)
            };
            e.push_str(if verified {
                t.cm_signature_verified
            } else {
                t.cm_signature_not_verified
            });
            e
        },
        records: cx.refs(preserve.iter().map(|a| a.line)),
        ..row(
            Family::Common,
            RowKind::Control,
            iso("A.5.28"),
            cx.t.cm_collection_evidence_identify_collect.to_string(),
            cx.t.cm_evidence_here_incident_s.to_string(),
        )
    });

    // NIST CSF 2.0 ID.IM-02.
    let item_lines: Vec<u64> = m.debrief.items.iter().map(|i| i.line).collect();
    rows.push(ComplianceRow {
        status: if items > 0 { Status::Met } else { Status::Gap },
        gap: if items > 0 {
            String::new()
        } else {
            cx.t.cm_improvement_item_recorded.to_string()
        },
        evidence: fill(
            t.cm_plan_items,
            &[("items", &items), ("lines", &lines_ref(lang, &item_lines))],
        ),
        records: cx.refs(item_lines.iter().copied()),
        ..row(
            Family::Common,
            RowKind::Control,
            "NIST CSF 2.0 ID.IM-02",
            cx.t.cm_improvements_are_identified_security.to_string(),
            String::new(),
        )
    });
}
