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
//! export. The requirements' texts live here, in English and Japanese, because they are part
//! of the mapping.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::journal::{CloseStatus, RecordKind, SignatureStatus};
use crate::scenario::CsfFunction;

use super::model::{
    ActionTaken, ClockReport, ClockVerdict, EXECUTIVE_ROLE, ReportModel, StepVerdict, TimelineKind,
};
use crate::i18n::Lang;

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
        match (self, lang) {
            (RowKind::Objective, Lang::En) => "assessment objective",
            (RowKind::Objective, Lang::Ja) => "評価目標",
            (RowKind::FurtherDiscussion, Lang::En) => {
                "further discussion (not an assessment objective)"
            }
            (RowKind::FurtherDiscussion, Lang::Ja) => "補足の論点（評価目標ではない）",
            (RowKind::Requirement, Lang::En) => "requirement",
            (RowKind::Requirement, Lang::Ja) => "要求事項",
            (RowKind::Control, Lang::En) => "control",
            (RowKind::Control, Lang::Ja) => "管理策",
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

fn tr(lang: Lang, en: &str, ja: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Ja => ja.to_string(),
    }
}

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
        return tr(lang, "none", "なし");
    }
    let shown: Vec<String> = lines.iter().take(8).map(u64::to_string).collect();
    let more = lines.len().saturating_sub(8);
    let mut s = match lang {
        Lang::En => format!(
            "line{} {}",
            if lines.len() == 1 { "" } else { "s" },
            shown.join(", ")
        ),
        Lang::Ja => format!("{}行目", shown.join("、")),
    };
    if more > 0 {
        s.push_str(&match lang {
            Lang::En => format!(" (+{more} more)"),
            Lang::Ja => format!("（他{more}件）"),
        });
    }
    s
}

fn join(lang: Lang, items: &[String]) -> String {
    items.join(match lang {
        Lang::En => ", ",
        Lang::Ja => "、",
    })
}

fn evidence_of(lang: Lang, what: &str, acts: &[&ActionTaken]) -> String {
    let mut ids: Vec<&str> = acts.iter().map(|a| a.action.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let more = ids.len().saturating_sub(8);
    let mut shown: Vec<String> = ids.iter().take(8).map(|s| s.to_string()).collect();
    if more > 0 {
        shown.push(match lang {
            Lang::En => format!("+{more} more"),
            Lang::Ja => format!("他{more}件"),
        });
    }
    let lines: Vec<u64> = acts.iter().map(|a| a.line).collect();
    match lang {
        Lang::En => format!(
            "{what}: {} ({})",
            join(lang, &shown),
            lines_ref(lang, &lines)
        ),
        Lang::Ja => format!(
            "{what}：{}（{}）",
            join(lang, &shown),
            lines_ref(lang, &lines)
        ),
    }
}

/// What every row reads: the model and the facts derived from it once.
struct Ctx<'a> {
    m: &'a ReportModel,
    lang: Lang,
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

    fn tr(&self, en: &str, ja: &str) -> String {
        tr(self.lang, en, ja)
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
            self.tr("none", "なし")
        } else {
            join(self.lang, &v)
        }
    }

    /// The plan the drill tested, briefly, for the rows that rest on it.
    fn plan_note(&self) -> String {
        match &self.m.plan {
            Some(p) => {
                let title = p.title.clone().unwrap_or_else(|| p.file.clone());
                match (self.lang, &p.version) {
                    (Lang::En, Some(v)) => {
                        format!("Tested against the organisation's plan “{title}”, version {v}.")
                    }
                    (Lang::En, None) => format!("Tested against the organisation's plan “{title}”."),
                    (Lang::Ja, Some(v)) => format!("組織の計画「{title}」（版 {v}）に対して試験した。"),
                    (Lang::Ja, None) => format!("組織の計画「{title}」に対して試験した。"),
                }
            }
            None => self.tr(
                "Tested against the scenario's model response, not the organisation's own incident-response plan.",
                "組織自身のインシデント対応計画ではなく、シナリオの模範対応に対して試験した。",
            ),
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
                    .map(|v| match self.lang {
                        Lang::En => format!(", version {v}"),
                        Lang::Ja => format!("、版 {v}"),
                    })
                    .unwrap_or_default();
                match self.lang {
                    Lang::En => format!(
                        "Plan tested: the organisation's plan “{title}”{version} (file {}, SHA-256 {}), named at set-up (line 1).",
                        p.file, p.sha256
                    ),
                    Lang::Ja => format!(
                        "試験した計画：組織の計画「{title}」{version}（ファイル {}、SHA-256 {}）。開始時に指定（1行目）。",
                        p.file, p.sha256
                    ),
                }
            }
            None => match self.lang {
                Lang::En => format!(
                    "Plan tested: the scenario's model response ({} reference steps), not the organisation's own incident-response plan; name the plan at set-up with --plan FILE --plan-title … --plan-version ….",
                    self.m.response.steps.len()
                ),
                Lang::Ja => format!(
                    "試験した計画：シナリオの模範対応（{}手順）であり、組織自身のインシデント対応計画ではない。開始時に --plan FILE --plan-title … --plan-version … で計画を指定できる。",
                    self.m.response.steps.len()
                ),
            },
        }
    }

    /// Who took part, for the capability rows: what is missing, if anything.
    fn people_gaps(&self) -> Vec<String> {
        if self.named.is_empty() {
            vec![self.tr(
                "No participant is named in the header: the journal cannot show who was tested.",
                "ヘッダーに参加者の氏名がなく、誰が試験されたかをジャーナルで示せない。",
            )]
        } else if !self.missing.is_empty() {
            vec![match self.lang {
                Lang::En => format!(
                    "No named participant for role(s): {}.",
                    join(self.lang, &self.missing)
                ),
                Lang::Ja => format!(
                    "氏名のある参加者がいない役割：{}。",
                    join(self.lang, &self.missing)
                ),
            }]
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
                vec![self.tr(
                    "No turn was played: the capability was not tested.",
                    "ターンが一度も実施されておらず、対応能力は試験されていない。",
                )],
            );
        }
        if self.team_inputs == 0 {
            return (
                Status::Gap,
                vec![self.tr(
                    "No team action or decision was recorded: nothing was tested.",
                    "チームの行動・意思決定が記録されておらず、何も試験されていない。",
                )],
            );
        }
        let mut gaps = Vec::new();
        if !self.completed {
            gaps.push(self.tr(
                "The drill did not run to its end (aborted or not closed).",
                "演習が最後まで実施されていない（中断または未終了）。",
            ));
        } else if !self.m.integrity.sealed {
            gaps.push(self.tr(
                "The journal is not sealed: close the drill so the record is complete.",
                "ジャーナルが封緘されていない。演習を正しく終了し記録を完結させること。",
            ));
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
                match self.lang {
                    Lang::En => format!(
                        "Taken only by role(s) with no named participant: {}.",
                        join(self.lang, &self.unnamed_roles(acts))
                    ),
                    Lang::Ja => format!(
                        "氏名のある参加者がいない役割のみが実施：{}。",
                        join(self.lang, &self.unnamed_roles(acts))
                    ),
                },
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
        let mut evidence = match self.lang {
            Lang::En => format!("clock records: {}", lines_ref(self.lang, &clock_lines)),
            Lang::Ja => format!("期限の記録：{}", lines_ref(self.lang, &clock_lines)),
        };
        if !reports.is_empty() {
            evidence.push_str(match self.lang {
                Lang::En => "; ",
                Lang::Ja => "。",
            });
            evidence.push_str(&evidence_of(
                self.lang,
                &self.tr("reports", "報告"),
                &reports,
            ));
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
        let unnamed = |s: &Self| match s.lang {
            Lang::En => format!(
                "The report was made by role(s) with no named participant: {}.",
                join(s.lang, &s.unnamed_roles(&reports))
            ),
            Lang::Ja => format!(
                "報告は氏名のある参加者がいない役割によるもの：{}。",
                join(s.lang, &s.unnamed_roles(&reports))
            ),
        };
        let (status, gap) = if late {
            (
                Status::Gap,
                match self.lang {
                    Lang::En => format!("The report to {authority} was late or not made."),
                    Lang::Ja => format!("{authority}への報告が遅延した、または行われなかった。"),
                },
            )
        } else if reports.is_empty() {
            (
                Status::Gap,
                match self.lang {
                    Lang::En => format!("No report to {authority} was made in the drill."),
                    Lang::Ja => format!("演習中に{authority}への報告が行われていない。"),
                },
            )
        } else if self.named_acts(&reports).is_empty() {
            (Status::Partial, unnamed(self))
        } else if all_met || clocks.is_empty() {
            (Status::Met, String::new())
        } else {
            (
                Status::Partial,
                match self.lang {
                    Lang::En => format!(
                        "The reporting to {authority} was not completed in the drill (a clock is still open)."
                    ),
                    Lang::Ja => {
                        format!("{authority}への報告が演習中に完了していない（未了の期限がある）。")
                    }
                },
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
            cx.tr(
                "No team action or decision was recorded in the drill.",
                "演習中にチームの行動・意思決定が記録されていない。",
            )
        } else {
            cx.tr(
                "No participant is named in the header.",
                "ヘッダーに参加者の氏名がない。",
            )
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

fn capability_evidence(cx: &Ctx) -> String {
    let m = cx.m;
    let lang = cx.lang;
    let span = match (lang, cx.closed_line) {
        (Lang::En, Some(l)) => format!("drill_opened (line 1) to drill_closed (line {l})"),
        (Lang::Ja, Some(l)) => format!("drill_opened（1行目）から drill_closed（{l}行目）まで"),
        (Lang::En, None) => "drill_opened (line 1); no drill_closed".to_string(),
        (Lang::Ja, None) => "drill_opened（1行目）から。drill_closed なし".to_string(),
    };
    let covered = cx.required.len() - cx.missing.len();
    match lang {
        Lang::En => format!(
            "{span}; {} turns played; {} team actions, {} team decisions, {} injects; named participants: {} ({covered} of {} required roles)",
            m.times.turns_played,
            m.actions.len(),
            cx.decisions.len(),
            m.inject_count(),
            cx.named_list(),
            cx.required.len()
        ),
        Lang::Ja => format!(
            "{span}。{}ターン実施、チームの行動{}件、意思決定{}件、インジェクト{}件。氏名のある参加者：{}（必要な役割{}件中{covered}件）",
            m.times.turns_played,
            m.actions.len(),
            cx.decisions.len(),
            m.inject_count(),
            cx.named_list(),
            cx.required.len()
        ),
    }
}

fn defence_rows(cx: &Ctx, sc: &Scope, rows: &mut Vec<ComplianceRow>) {
    let m = cx.m;
    let lang = cx.lang;

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
            cx.tr(
                "Test the organizational incident response capability. Objective (SP 800-171A): [a] the incident response capability is tested.",
                "組織のインシデント対応能力を試験する。評価目標（SP 800-171A）：[a] インシデント対応能力が試験されている。",
            ),
            format!(
                "{} {}",
                cx.tr(
                    "SP 800-171A sets no testing frequency.",
                    "SP 800-171A は試験の頻度を定めていない。",
                ),
                cx.plan_note()
            ),
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
        (
            Status::Gap,
            cx.tr(
                "No role took an action or a decision.",
                "どの役割も行動・意思決定を行っていない。",
            ),
        )
    } else if !unnamed_acted.is_empty() {
        (
            Status::Partial,
            match lang {
                Lang::En => format!(
                    "Roles acted with no named participant: {}. Record who played each role.",
                    join(lang, &unnamed_acted)
                ),
                Lang::Ja => format!(
                    "氏名のある参加者がいないまま行動した役割：{}。各役割の担当者を記録すること。",
                    join(lang, &unnamed_acted)
                ),
            },
        )
    } else if !cx.missing.is_empty() {
        (Status::Partial, cx.people_gaps().join(" "))
    } else {
        (Status::Met, String::new())
    };
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: match lang {
            Lang::En => format!(
                "named participants: {}; roles that acted: {}",
                cx.named_list(),
                if acted.is_empty() {
                    "none".into()
                } else {
                    join(lang, &acted)
                }
            ),
            Lang::Ja => format!(
                "氏名のある参加者：{}。行動した役割：{}",
                cx.named_list(),
                if acted.is_empty() {
                    "なし".into()
                } else {
                    join(lang, &acted)
                }
            ),
        },
        records: cx.capability_records(),
        ..fd(cx.tr(
            "What activities are performed when an incident is suspected, and who is responsible for them?",
            "インシデントが疑われるときに何を行い、誰が責任を負うか。",
        ))
    });

    // IT tasks: technical actions (not governance) by the SOC, IT operations or the CISO.
    let it = cx.acts(|a| {
        IT_ROLES.contains(&a.role.as_str())
            && m.action_functions.get(&a.action) != Some(&CsfFunction::Govern)
    });
    let (status, gap) = cx.action_row(
        &it,
        cx.tr(
            "No technical response was exercised.",
            "技術的対応が演習されていない。",
        ),
    );
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: if it.is_empty() {
            cx.tr(
                "no technical action by the SOC, IT operations or CISO",
                "SOC・IT運用・CISOによる技術的な行動なし",
            )
        } else {
            evidence_of(lang, &cx.tr("actions", "行動"), &it)
        },
        records: cx.refs(it.iter().map(|a| a.line)),
        ..fd(cx.tr(
            "What tasks does IT perform (containment, eradication, recovery)?",
            "IT部門はどの作業を行うか（封じ込め・根絶・復旧）。",
        ))
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
            cx.tr("legal", "法務"),
            !cx.named_acts(&legal).is_empty(),
            !legal.is_empty(),
        ),
        (
            cx.tr("public affairs", "広報"),
            !cx.named_acts(&pr).is_empty(),
            !pr.is_empty(),
        ),
        (
            cx.tr(
                "business/management (a named executive)",
                "経営・事業（氏名のある経営層）",
            ),
            cx.exec_named() && exec_acted,
            !business.is_empty() || !exec_decisions.is_empty(),
        ),
    ];
    let missing: Vec<String> = parts.iter().filter(|p| !p.1).map(|p| p.0.clone()).collect();
    let mut ev = Vec::new();
    for (label, acts) in [
        (cx.tr("legal", "法務"), &legal),
        (cx.tr("public affairs", "広報"), &pr),
        (cx.tr("business", "事業"), &business),
    ] {
        if !acts.is_empty() {
            ev.push(evidence_of(lang, &label, acts));
        }
    }
    if !exec_decisions.is_empty() {
        ev.push(match lang {
            Lang::En => format!(
                "{} decision(s) by the executive role ({})",
                exec_decisions.len(),
                lines_ref(lang, &exec_decisions)
            ),
            Lang::Ja => format!(
                "経営層による意思決定{}件（{}）",
                exec_decisions.len(),
                lines_ref(lang, &exec_decisions)
            ),
        });
    }
    ev.push(match lang {
        Lang::En => format!(
            "executive participants: {}",
            if m.people.executives().is_empty() {
                "none".to_string()
            } else {
                m.people.executives().join(", ")
            }
        ),
        Lang::Ja => format!(
            "経営層の参加者：{}",
            if m.people.executives().is_empty() {
                "なし".to_string()
            } else {
                m.people.executives().join("、")
            }
        ),
    });
    rows.push(ComplianceRow {
        status: match parts.iter().filter(|p| p.1).count() {
            3 => Status::Met,
            0 if parts.iter().all(|p| !p.2) => Status::Gap,
            _ => Status::Partial,
        },
        gap: if missing.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::En => format!(
                    "Not exercised by a named participant: {}.",
                    join(lang, &missing)
                ),
                Lang::Ja => format!(
                    "氏名のある参加者により演習されていない：{}。",
                    join(lang, &missing)
                ),
            }
        },
        evidence: ev.join(match lang {
            Lang::En => "; ",
            Lang::Ja => "。",
        }),
        records: cx.refs(
            legal
                .iter()
                .chain(&pr)
                .chain(&business)
                .map(|a| a.line)
                .chain(exec_decisions.iter().copied()),
        ),
        ..fd(cx.tr(
            "How do legal, public affairs and business (management) support the response?",
            "法務・広報・事業部門（経営層）はどのように対応を支援するか。",
        ))
    });

    // Resources.
    let res = cx.acts(|a| RESOURCE_ACTIONS.contains(&a.action.as_str()));
    let (status, gap) = cx.action_row(
        &res,
        cx.tr(
            "No outside help was engaged: rehearse calling the IR retainer.",
            "外部支援が要請されていない。インシデント対応支援事業者への連絡を演習すること。",
        ),
    );
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: if res.is_empty() {
            cx.tr("none", "なし")
        } else {
            evidence_of(lang, &cx.tr("actions", "行動"), &res)
        },
        records: cx.refs(res.iter().map(|a| a.line)),
        ..fd(cx.tr(
            "How are resources added (IR retainer, suppliers)?",
            "追加リソースをどう確保するか（外部支援契約・委託先）。",
        ))
    });

    // Law enforcement.
    let law = cx.acts(|a| LAW_ACTIONS.contains(&a.action.as_str()));
    let (status, gap) = cx.action_row(
        &law,
        cx.tr(
            "Law enforcement was not contacted in the drill.",
            "演習中に警察への連絡が行われていない。",
        ),
    );
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: if law.is_empty() {
            cx.tr("none", "なし")
        } else {
            evidence_of(lang, &cx.tr("actions", "行動"), &law)
        },
        records: cx.refs(law.iter().map(|a| a.line)),
        ..fd(cx.tr(
            "When and how is law enforcement contacted?",
            "いつ、どのように警察（法執行機関）へ連絡するか。",
        ))
    });

    // Negative impact on operations.
    let assess = cx.acts(|a| a.action == "assess-impact");
    let turns = m.times.turns_played;
    let (status, gap) = if turns == 0 {
        (
            Status::Gap,
            cx.tr("No turn was played.", "ターンが実施されていない。"),
        )
    } else {
        let (s, g) = cx.action_row(
            &assess,
            cx.tr(
                "The engine recorded the impact, but the team did not assess it (assess-impact).",
                "影響はエンジンが記録したが、チームは評価していない（assess-impact）。",
            ),
        );
        (if s == Status::Gap { Status::Partial } else { s }, g)
    };
    let unit = &m.org.impact_unit;
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: {
            let mut e = match lang {
                Lang::En => format!(
                    "impact per turn in {turns} turn_ended records: total {:.1} {unit}; {} state change(s) recorded",
                    m.outcome.impact_total,
                    m.event_count()
                ),
                Lang::Ja => format!(
                    "turn_ended {turns}件にターン毎の影響を記録：合計 {:.1} {unit}、状態変化{}件",
                    m.outcome.impact_total,
                    m.event_count()
                ),
            };
            if !assess.is_empty() {
                e.push_str(match lang {
                    Lang::En => "; ",
                    Lang::Ja => "。",
                });
                e.push_str(&evidence_of(lang, &cx.tr("assessment", "評価"), &assess));
            }
            e
        },
        records: cx.refs(assess.iter().map(|a| a.line)),
        ..fd(cx.tr(
            "Are the negative impacts on operations documented?",
            "業務への悪影響が記録されているか。",
        ))
    });

    // The Japanese MoD standard.
    if sc.mod_standard {
        let mod_name = cx.tr(
            "Japan MoD standard (装備品等及び役務の調達における情報セキュリティ基準)",
            "装備品等及び役務の調達における情報セキュリティ基準（防衛省）",
        );
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
            evidence: match (lang, &due) {
                (Lang::En, Some((d, n))) => format!(
                    "drill held on {d}; next drill due by {n} if held yearly; {}",
                    capability_evidence(cx)
                ),
                (Lang::Ja, Some((d, n))) => format!(
                    "{d}に実施、年次の場合の次回期限 {n}。{}",
                    capability_evidence(cx)
                ),
                _ => capability_evidence(cx),
            },
            records: cx.capability_records(),
            ..row(
                Family::Defence,
                RowKind::Requirement,
                mod_name.clone(),
                cx.tr(
                    "Test the incident-response capability, as NIST SP 800-171 3.6.3 on which the standard is based.",
                    "基準が準拠する NIST SP 800-171 3.6.3 と同様に、インシデント対応能力を試験する。",
                ),
                format!(
                    "{} {}",
                    cx.tr(
                        "An annual drill is reported in the press (Yomiuri, 2022-04-03); it was not read in the standard's text.",
                        "年次訓練の義務は報道（読売新聞、2022年4月3日）によるもので、基準の本文では確認していない。",
                    ),
                    cx.plan_note()
                ),
            )
        });
        let authority = cx.tr("the Ministry of Defence", "防衛省");
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
                cx.tr(
                    "Report an incident affecting protected information to the Ministry of Defence immediately, then promptly (直ちに … その後速やかに).",
                    "保護すべき情報に関わるインシデントを直ちに防衛省へ報告し、その後速やかに続報する。",
                ),
                match (lang, hours) {
                    (Lang::En, Some(h)) => format!(
                        "Contract-term assumption: the drill's {h} h deadline is not stated in the standard's public text; set it to the organisation's contract."
                    ),
                    (Lang::Ja, Some(h)) => format!(
                        "契約条件の仮定：本演習の期限{h}時間は基準の公開文書に記載がない。自社の契約に合わせて設定すること。"
                    ),
                    _ => cx.tr(
                        "Contract-term assumption: the standard's public text states no hour limit.",
                        "契約条件の仮定：基準の公開文書に時間の上限はない。",
                    ),
                },
            )
        });
    }

    // DFARS 252.204-7012.
    if sc.dfars {
        let authority = cx.tr("the U.S. DoD (DIBNet)", "米国防総省（DIBNet）");
        let (mut status, mut gap, mut evidence, mut records) =
            cx.report_duty(DFARS_REGIME, &authority);
        let images = cx.acts(|a| PRESERVE_ACTIONS.contains(&a.action.as_str()));
        if !images.is_empty() {
            evidence.push_str(match lang {
                Lang::En => "; ",
                Lang::Ja => "。",
            });
            evidence.push_str(&evidence_of(
                lang,
                &cx.tr("evidence preserved", "証拠の保全"),
                &images,
            ));
            records = cx.refs(
                records
                    .iter()
                    .map(|r| r.line)
                    .chain(images.iter().map(|a| a.line)),
            );
        }
        if status == Status::Met && cx.named_acts(&images).is_empty() {
            status = Status::Partial;
            gap = cx.tr(
                "No forensic image was taken by a named participant: nothing was preserved for the 90 days.",
                "氏名のある参加者によるフォレンジックイメージの取得がなく、90日間保全すべきものがない。",
            );
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
                cx.tr(
                    "Report a cyber incident within 72 hours of discovery via DIBNet; submit malicious software to DC3; preserve images and monitoring data for 90 days from the submission of the report.",
                    "サイバーインシデントを発見から72時間以内に DIBNet で報告し、マルウェアを DC3 に提出し、イメージと監視データを報告の提出から90日間保全する。",
                ),
                cx.tr(
                    "The drill shows the report and the images taken; it cannot show the 90-day retention or the DC3 submission.",
                    "本演習で示せるのは報告とイメージの取得までで、90日間の保全や DC3 への提出は示せない。",
                ),
            )
        });
    }
}

fn health_rows(cx: &Ctx, rows: &mut Vec<ComplianceRow>) {
    let m = cx.m;
    let lang = cx.lang;
    let guideline = cx.tr(
        "MHLW Guideline for the Security Management of Medical Information Systems 6.0",
        "医療情報システムの安全管理に関するガイドライン 第6.0版",
    );
    let signoff_lines: Vec<u64> = m.debrief.signoffs.iter().map(|n| n.line).collect();
    let item_lines: Vec<u64> = m.debrief.items.iter().map(|i| i.line).collect();

    // Drills whose results go to management.
    let (mut status, mut gaps) = cx.capability();
    if status != Status::Gap && signoff_lines.is_empty() {
        status = Status::Partial;
        gaps.push(cx.tr(
            "The results did not go to management: record the executive sign-off.",
            "結果が経営層に報告されていない。経営層の承認（サインオフ）を記録すること。",
        ));
    }
    rows.push(ComplianceRow {
        status,
        gap: gaps.join(" "),
        evidence: match lang {
            Lang::En => format!(
                "{}; executive sign-off: {}",
                capability_evidence(cx),
                lines_ref(lang, &signoff_lines)
            ),
            Lang::Ja => format!(
                "{}。経営層の承認：{}",
                capability_evidence(cx),
                lines_ref(lang, &signoff_lines)
            ),
        },
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
            cx.tr(
                "Hold incident-response drills, including the reporting procedures, and report their results to management.",
                "報告手順を含むインシデント対応の訓練を実施し、その結果を経営層に報告する。",
            ),
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
            cx.tr(
                "no named participant holds the exec role",
                "exec 役割の氏名のある参加者がいない",
            ),
        ),
        (
            exec_acted,
            cx.tr(
                "the executive took no action or decision",
                "経営層が行動・意思決定を行っていない",
            ),
        ),
        (
            !signoff_lines.is_empty(),
            cx.tr("no executive sign-off", "経営層の承認がない"),
        ),
        (
            !item_lines.is_empty(),
            cx.tr("no improvement plan to approve", "承認すべき改善計画がない"),
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
                cx.tr(
                    "No executive decision-maker took part. ",
                    "経営層の意思決定権者が参加していない。",
                )
            };
            match lang {
                Lang::En => format!("{first}Missing: {}.", join(lang, &missing)),
                Lang::Ja => format!("{first}不足：{}。", join(lang, &missing)),
            }
        },
        evidence: match lang {
            Lang::En => format!(
                "executive participants: {}; executive actions and decisions: {}; sign-off: {}; improvement plan: {}",
                if m.people.executives().is_empty() {
                    "none".to_string()
                } else {
                    m.people.executives().join(", ")
                },
                lines_ref(lang, &exec_lines),
                lines_ref(lang, &signoff_lines),
                lines_ref(lang, &item_lines)
            ),
            Lang::Ja => format!(
                "経営層の参加者：{}。経営層の行動・意思決定：{}。承認：{}。改善計画：{}",
                if m.people.executives().is_empty() {
                    "なし".to_string()
                } else {
                    m.people.executives().join("、")
                },
                lines_ref(lang, &exec_lines),
                lines_ref(lang, &signoff_lines),
                lines_ref(lang, &item_lines)
            ),
        },
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
            cx.tr(
                "Management takes part in the drill and approves: the executive responsible leads the response decisions and approves the results and the improvement plan.",
                "経営層が訓練に参加し承認する：責任者である経営層が対応の意思決定を主導し、結果と改善計画を承認する。",
            ),
            String::new(),
        )
    });

    // The 2018 notice: report promptly.
    let authority = cx.tr("the Ministry of Health, Labour and Welfare", "厚生労働省");
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
            cx.tr(
                "MHLW notice 医政総発1029第1号 (2018)",
                "厚生労働省通知 医政総発1029第1号（2018年）",
            ),
            cx.tr(
                "Report a cyber attack that disrupts care to the MHLW promptly (速やかに).",
                "診療に支障が生じるサイバー攻撃を速やかに厚生労働省へ報告する。",
            ),
            match (lang, hours) {
                (Lang::En, Some(h)) => format!(
                    "The notice sets no hour limit: the drill's {h} h is a facilitator-set target for \"promptly\"."
                ),
                (Lang::Ja, Some(h)) => format!(
                    "通知は時間の上限を定めていない。本演習の{h}時間は「速やかに」を表すファシリテーター設定の目標。"
                ),
                _ => cx.tr(
                    "The notice sets no hour limit; the scenario does not apply the MHLW regime, so no clock was kept.",
                    "通知は時間の上限を定めていない。本シナリオは厚生労働省への報告の期限を設定していない。",
                ),
            },
        )
    });
}

fn personal_data_row(cx: &Ctx) -> ComplianceRow {
    let m = cx.m;
    let lang = cx.lang;
    let ppc = cx.acts(|a| PPC_ACTIONS.contains(&a.action.as_str()));
    let breach = m.flag_lines.get(BREACH_FLAG).copied();
    let (status, gap) = if !ppc.is_empty() {
        cx.action_row(&ppc, String::new())
    } else if let Some(line) = breach {
        (
            Status::Gap,
            match lang {
                Lang::En => {
                    format!("Personal data leaked (line {line}) but no report to the PPC was made.")
                }
                Lang::Ja => format!(
                    "個人データが漏えいした（{line}行目）が、個人情報保護委員会への報告が行われていない。"
                ),
            },
        )
    } else if m.facts.state_tracked {
        (
            Status::NotApplicable,
            cx.tr(
                "No personal-data leak was recorded in this drill.",
                "本演習では個人データの漏えいは記録されていない。",
            ),
        )
    } else {
        (
            Status::Gap,
            cx.tr(
                "The journal cannot show whether personal data leaked, and no report to the PPC was made.",
                "個人データが漏えいしたかをジャーナルで示せず、個人情報保護委員会への報告もない。",
            ),
        )
    };
    let mut evidence = match (lang, breach) {
        (Lang::En, Some(l)) => format!("personal-data leak: line {l}"),
        (Lang::Ja, Some(l)) => format!("個人データの漏えい：{l}行目"),
        (Lang::En, None) => "personal-data leak: none recorded".to_string(),
        (Lang::Ja, None) => "個人データの漏えい：記録なし".to_string(),
    };
    if !ppc.is_empty() {
        evidence.push_str(match lang {
            Lang::En => "; ",
            Lang::Ja => "。",
        });
        evidence.push_str(&evidence_of(lang, &cx.tr("reports", "報告"), &ppc));
    }
    ComplianceRow {
        status,
        gap,
        evidence,
        records: cx.refs(breach.into_iter().chain(ppc.iter().map(|a| a.line))),
        ..row(
            Family::PersonalData,
            RowKind::Requirement,
            cx.tr(
                "APPI Art. 26 / My Number Act Art. 29-4",
                "個人情報保護法第26条／番号法第29条の4",
            ),
            cx.tr(
                "Report a personal-data leak to the Personal Information Protection Commission: under APPI Art. 26 a preliminary report in about 3–5 days and a confirmed report within 30 days (60 for a leak by unauthorised access); a leak of My Numbers under the My Number Act Art. 29-4. Notify the people affected.",
                "個人データの漏えいを個人情報保護委員会に報告する：個人情報保護法第26条により速報はおおむね3〜5日以内、確報は30日以内（不正アクセス等によるものは60日以内）。マイナンバー（特定個人情報）の漏えいは番号法第29条の4による。本人へ通知する。",
            ),
            cx.tr(
                "The confirmed report and the notice to the people affected fall after the drill and are not assessed.",
                "確報と本人への通知は演習の後になるため評価しない。",
            ),
        )
    }
}

fn common_rows(cx: &Ctx, rows: &mut Vec<ComplianceRow>) {
    let m = cx.m;
    let lang = cx.lang;
    let iso = |c: &str| format!("ISO/IEC 27001:2022 {c}");

    // A.5.24 planning and preparation.
    let (status, gaps) = if cx.team_inputs == 0 {
        (
            Status::Gap,
            vec![cx.tr(
                "No team action or decision: the arrangements were not rehearsed.",
                "チームの行動・意思決定がなく、体制は訓練されていない。",
            )],
        )
    } else {
        let mut gaps = Vec::new();
        if m.plan.is_none() {
            gaps.push(cx.tr(
                "Rehearsed against the scenario's model response, not the organisation's own plan: name the plan at set-up (--plan FILE --plan-title … --plan-version …).",
                "組織自身の計画ではなくシナリオの模範対応で訓練した。開始時に計画を指定すること（--plan FILE --plan-title … --plan-version …）。",
            ));
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
        evidence: match lang {
            Lang::En => format!(
                "header (line 1): {} organisation roles, {} required by the plan, named participants: {}; {} team actions",
                m.org.roles.len(),
                cx.required.len(),
                cx.named_list(),
                m.actions.len()
            ),
            Lang::Ja => format!(
                "ヘッダー（1行目）：組織の役割{}件、計画が必要とする役割{}件、氏名のある参加者：{}。チームの行動{}件",
                m.org.roles.len(),
                cx.required.len(),
                cx.named_list(),
                m.actions.len()
            ),
        },
        records: cx.refs([1]),
        ..row(
            Family::Common,
            RowKind::Control,
            iso("A.5.24"),
            cx.tr(
                "Incident management planning and preparation: processes, roles and responsibilities defined, communicated and rehearsed.",
                "インシデント管理の計画と準備：プロセス・役割・責任を定め、周知し、訓練する。",
            ),
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
            cx.tr(
                "No event was detected, assessed or decided on.",
                "事象の検知・評価・決定がない。",
            ),
        ),
        (false, _, _) => (
            Status::Partial,
            cx.tr(
                "The team assessed or decided, but the attacker was never detected.",
                "チームは評価・決定を行ったが、攻撃者は検知されなかった。",
            ),
        ),
        (true, false, true) => (
            Status::Partial,
            cx.tr(
                "Events were assessed or decided only by roles with no named participant.",
                "評価・決定は氏名のある参加者がいない役割のみによるもの。",
            ),
        ),
        (true, false, false) => (
            Status::Partial,
            cx.tr(
                "Events were detected but the team did not assess or declare them.",
                "事象は検知されたが、チームは評価・宣言していない。",
            ),
        ),
    };
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: {
            let mut e = match lang {
                Lang::En => format!("detections: {}", lines_ref(lang, &detections)),
                Lang::Ja => format!("検知：{}", lines_ref(lang, &detections)),
            };
            if !assess.is_empty() {
                e.push_str(match lang {
                    Lang::En => "; ",
                    Lang::Ja => "。",
                });
                e.push_str(&evidence_of(lang, &cx.tr("assessment", "評価"), &assess));
            }
            if !cx.decisions.is_empty() {
                e.push_str(&match lang {
                    Lang::En => format!("; {} team decision(s)", cx.decisions.len()),
                    Lang::Ja => format!("。チームの意思決定{}件", cx.decisions.len()),
                });
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
            cx.tr(
                "Assessment and decision on information security events.",
                "情報セキュリティ事象の評価と決定。",
            ),
            String::new(),
        )
    });

    // A.5.26 response.
    let respond = cx.acts(|a| m.action_functions.get(&a.action) == Some(&CsfFunction::Respond));
    let missed = m.response.count(StepVerdict::Missed);
    let late = m.response.count(StepVerdict::Late);
    let (status, gap) = if respond.is_empty() {
        (
            Status::Gap,
            cx.tr(
                "No Respond action was taken.",
                "対応（Respond）の行動がない。",
            ),
        )
    } else if cx.named_acts(&respond).is_empty() {
        cx.action_row(&respond, String::new())
    } else if missed + late > 0 {
        (
            Status::Partial,
            cx.tr(
                "Steps of the reference response were late or missed: see section 6.",
                "模範対応の手順に遅延・未実施がある（第6節参照）。",
            ),
        )
    } else {
        (Status::Met, String::new())
    };
    rows.push(ComplianceRow {
        status,
        gap,
        evidence: match lang {
            Lang::En => format!(
                "{} Respond action(s); reference steps: {} on time, {late} late, {missed} missed",
                respond.len(),
                m.response.count(StepVerdict::OnTime)
            ),
            Lang::Ja => format!(
                "対応（Respond）行動{}件。模範対応：期限内{}件、遅延{late}件、未実施{missed}件",
                respond.len(),
                m.response.count(StepVerdict::OnTime)
            ),
        },
        records: cx.refs(respond.iter().map(|a| a.line)),
        ..row(
            Family::Common,
            RowKind::Control,
            iso("A.5.26"),
            cx.tr(
                "Response to information security incidents according to documented procedures.",
                "文書化された手順に従ったインシデントへの対応。",
            ),
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
            _ if items == 0 => cx.tr(
                "No improvement plan was recorded: hold the hotwash and record owners and due dates.",
                "改善計画が記録されていない。ホットウォッシュを行い、担当者と期限を記録すること。",
            ),
            _ => cx.tr(
                "No hotwash strengths or areas for improvement were recorded.",
                "ホットウォッシュの強み・改善点が記録されていない。",
            ),
        },
        evidence: match lang {
            Lang::En => format!(
                "hotwash: {hot} line(s); improvement plan: {items} item(s) ({})",
                lines_ref(lang, &lessons_lines)
            ),
            Lang::Ja => format!(
                "ホットウォッシュ{hot}件、改善計画{items}件（{}）",
                lines_ref(lang, &lessons_lines)
            ),
        },
        records: cx.refs(lessons_lines.iter().copied()),
        ..row(
            Family::Common,
            RowKind::Control,
            iso("A.5.27"),
            cx.tr(
                "Learning from information security incidents.",
                "情報セキュリティインシデントからの学習。",
            ),
            String::new(),
        )
    });

    // A.5.28 collection of evidence (forensic handling).
    let preserve = cx.acts(|a| PRESERVE_ACTIONS.contains(&a.action.as_str()));
    let verified = cx.inputs.signature_verified_with_given_key;
    let (status, gap) = if preserve.is_empty() {
        (
            Status::Gap,
            cx.tr(
                "No evidence-preservation action (forensic image, log preservation) was taken.",
                "証拠保全の行動（フォレンジックイメージの取得、ログの保全）がない。",
            ),
        )
    } else {
        let mut gaps = Vec::new();
        let (s, g) = cx.action_row(&preserve, String::new());
        if s != Status::Met {
            gaps.push(g);
        }
        if !verified {
            gaps.push(cx.tr(
                "The journal's signature was not verified against a public key the inspector holds (make the report with --pubkey and the facilitator's public key), so the record of the evidence handling is not authenticated.",
                "ジャーナルの署名が検査者の保有する公開鍵で検証されていない（kunren report に --pubkey でファシリテーターの公開鍵が指定されていない）ため、証拠の取扱いの記録は認証されていない。",
            ));
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
                cx.tr("evidence preserved: none", "証拠の保全：なし")
            } else {
                evidence_of(lang, &cx.tr("evidence preserved", "証拠の保全"), &preserve)
            };
            e.push_str(&match (lang, verified) {
                (Lang::En, true) => "; signature verified with the inspector's key".to_string(),
                (Lang::Ja, true) => "。署名は検査者の鍵で検証済み".to_string(),
                (Lang::En, false) => "; signature not verified with a given key".to_string(),
                (Lang::Ja, false) => "。署名は指定された鍵で未検証".to_string(),
            });
            e
        },
        records: cx.refs(preserve.iter().map(|a| a.line)),
        ..row(
            Family::Common,
            RowKind::Control,
            iso("A.5.28"),
            cx.tr(
                "Collection of evidence: identify, collect, acquire and preserve evidence of information security events (forensic handling).",
                "証拠の収集：情報セキュリティ事象の証拠を特定・収集・取得・保全する（フォレンジックの取扱い）。",
            ),
            cx.tr(
                "Evidence here is the incident's forensic evidence, not this journal: the journal's hash chain does not count. Met needs preservation actions and this journal's signature verified against a key the inspector gives.",
                "ここでの証拠はインシデントのフォレンジック証拠であり、本ジャーナルではない（ハッシュ連鎖は数えない）。充足には保全の行動と、検査者が指定する鍵による本ジャーナルの署名検証が必要。",
            ),
        )
    });

    // NIST CSF 2.0 ID.IM-02.
    let item_lines: Vec<u64> = m.debrief.items.iter().map(|i| i.line).collect();
    rows.push(ComplianceRow {
        status: if items > 0 { Status::Met } else { Status::Gap },
        gap: if items > 0 {
            String::new()
        } else {
            cx.tr(
                "No improvement item was recorded.",
                "改善項目が記録されていない。",
            )
        },
        evidence: match lang {
            Lang::En => format!(
                "improvement plan: {items} item(s) ({})",
                lines_ref(lang, &item_lines)
            ),
            Lang::Ja => format!("改善計画{items}件（{}）", lines_ref(lang, &item_lines)),
        },
        records: cx.refs(item_lines.iter().copied()),
        ..row(
            Family::Common,
            RowKind::Control,
            "NIST CSF 2.0 ID.IM-02",
            cx.tr(
                "Improvements are identified from security tests and exercises.",
                "セキュリティの試験・演習から改善点を特定する。",
            ),
            String::new(),
        )
    });
}
