//! Section 8, compliance mapping: which requirements apply to this drill, what the journal
//! shows for each, and where the regimes' deadlines come from.

use crate::i18n::Lang;
use crate::i18n::report::fill;
use crate::report::compliance::{self, Family, Status};
use crate::report::document::Tone;
use crate::report::model::ReportModel;
use crate::scenario::DeadlineKind;

use super::{Out, badge, txt};

/// Which groups of rows the drill gets, and why, in one sentence.
fn scope_line(m: &ReportModel) -> String {
    let lang = m.lang;
    let sc = compliance::scope(m);
    let mut groups = Vec::new();
    if sc.defence {
        groups.push(lang.report().cs_nist_sp_800_171.to_string());
    }
    if sc.mod_standard {
        groups.push(lang.report().cs_japanese_mod_standard.to_string());
    }
    if sc.dfars {
        groups.push("DFARS 252.204-7012".to_string());
    }
    if sc.health {
        groups.push(lang.report().cs_mhlw_guideline_6_0.to_string());
    }
    if sc.personal_data {
        groups.push(lang.report().cs_appi_my_number_act.to_string());
    }
    groups.push(lang.report().cs_iso_iec_27001_2022.to_string());
    let sector = if m.scenario.sector.trim().is_empty() {
        m.org.sector.clone()
    } else {
        m.scenario.sector.clone()
    };
    let regimes: Vec<&str> = m.regimes.iter().map(|r| r.id.as_str()).collect();
    let regimes = if regimes.is_empty() {
        lang.report().none.to_string()
    } else {
        regimes.join(", ")
    };
    let t = lang.report();
    fill(
        t.cs_scope_line,
        &[
            ("sector", &sector),
            ("regimes", &regimes),
            ("groups", &groups.join(t.group_sep)),
        ],
    )
}

fn deadline_label(lang: Lang, k: Option<DeadlineKind>) -> String {
    match k {
        Some(DeadlineKind::Stated) => lang.report().cs_stated_source.to_string(),
        Some(DeadlineKind::Approximated) => {
            lang.report().cs_source_s_period_approximated.to_string()
        }
        Some(DeadlineKind::ContractTerm) => lang
            .report()
            .cs_contract_term_assumption_configurable
            .to_string(),
        Some(DeadlineKind::Target) => lang.report().cs_facilitator_set_target_source.to_string(),
        None => lang.report().cs_basis_recorded.to_string(),
    }
}

/// The regimes' sources, deadlines and assumptions.
fn regimes(o: &mut Out) {
    let m = o.m;
    let lang = m.lang;
    if m.regimes.is_empty() {
        return;
    }
    o.para(lang.report().cs_where_regimes_deadlines_come.to_string());
    let rows = m
        .regimes
        .iter()
        .map(|r| {
            let source = if r.source.trim().is_empty() {
                lang.report().cs_recorded_journal_written_before.to_string()
            } else {
                r.source.clone()
            };
            let clocks: Vec<String> = r
                .clocks
                .iter()
                .map(|c| {
                    let mut s = format!(
                        "{} ({}/{}): {} h — {}",
                        c.title,
                        r.id,
                        c.id,
                        c.hours,
                        deadline_label(lang, c.deadline)
                    );
                    if let Some(b) = &c.basis {
                        s.push_str(&format!(". {b}"));
                    }
                    s
                })
                .collect();
            vec![
                txt(r.name.clone()),
                txt(source),
                txt(clocks.join("\n")),
                txt(r.assumption.clone().unwrap_or_else(|| "—".into())),
            ]
        })
        .collect();
    let head = [
        lang.report().cs_regime.to_string(),
        lang.report().cs_source.to_string(),
        lang.report().cs_deadlines.to_string(),
        lang.report().cs_assumption.to_string(),
    ];
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    o.table_c("regimes", &head, &[false; 4], rows);
}

/// Section 8: the compliance table, its summary, and the regimes' sources.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let lang = m.lang;
    o.para(t.compliance_intro);
    o.para(scope_line(m));
    o.para(compliance::plan_statement(m));
    let rows = compliance::map(m);
    let gaps = rows.iter().filter(|r| r.status == Status::Gap).count();
    let partial = rows.iter().filter(|r| r.status == Status::Partial).count();
    let table = rows
        .into_iter()
        .map(|r| {
            let status = match r.status {
                Status::Met => badge(Tone::Good, t.c_met),
                Status::Partial => badge(Tone::Warn, t.c_partial),
                Status::Gap => badge(Tone::Bad, t.c_gap),
                Status::NotApplicable => badge(Tone::Info, t.c_na),
            };
            let family = match r.family {
                Family::Defence => t.family_defence,
                Family::Health => t.family_health,
                Family::PersonalData => t.family_personal_data,
                Family::Common => t.family_common,
            };
            let requirement = if r.note.is_empty() {
                r.requirement
            } else {
                format!("{}\n{}", r.requirement, r.note)
            };
            vec![
                txt(format!("{}\n{} · {family}", r.control, r.kind.label(lang))),
                txt(requirement),
                status,
                txt(r.evidence),
                txt(r.gap),
            ]
        })
        .collect();
    o.table_c(
        "compliance",
        &[
            t.col_control,
            t.col_requirement,
            t.col_status,
            t.col_evidence,
            t.col_gap,
        ],
        &[false; 5],
        table,
    );
    if gaps + partial > 0 {
        o.callout(
            if gaps > 0 { Tone::Bad } else { Tone::Warn },
            fill(t.gaps_summary, &[("gaps", &gaps), ("partial", &partial)]),
        );
    } else {
        o.callout(Tone::Good, t.no_gaps);
    }
    regimes(o);
}
