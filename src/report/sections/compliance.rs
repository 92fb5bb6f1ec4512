//! Section 8, compliance mapping: which requirements apply to this drill, what the journal
//! shows for each, and where the regimes' deadlines come from.

use crate::i18n::Lang;
use crate::i18n::report::fill;
use crate::report::compliance::{self, Family, Status};
use crate::report::document::Tone;
use crate::report::model::ReportModel;
use crate::scenario::DeadlineKind;

use super::{Out, badge, txt};

fn tr(lang: Lang, en: &str, ja: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Ja => ja.to_string(),
    }
}

/// Which groups of rows the drill gets, and why, in one sentence.
fn scope_line(m: &ReportModel) -> String {
    let lang = m.lang;
    let sc = compliance::scope(m);
    let mut groups = Vec::new();
    if sc.defence {
        groups.push(tr(
            lang,
            "NIST SP 800-171 3.6.3 and the CMMC further discussion",
            "NIST SP 800-171 3.6.3 と CMMC の補足の論点",
        ));
    }
    if sc.mod_standard {
        groups.push(tr(
            lang,
            "the Japanese MoD standard",
            "防衛省の情報セキュリティ基準",
        ));
    }
    if sc.dfars {
        groups.push("DFARS 252.204-7012".to_string());
    }
    if sc.health {
        groups.push(tr(
            lang,
            "the MHLW Guideline 6.0 and the 2018 MHLW notice",
            "医療情報システムの安全管理に関するガイドライン第6.0版と2018年の厚生労働省通知",
        ));
    }
    if sc.personal_data {
        groups.push(tr(
            lang,
            "APPI and the My Number Act",
            "個人情報保護法と番号法",
        ));
    }
    groups.push(tr(
        lang,
        "ISO/IEC 27001:2022 A.5.24–A.5.28 and NIST CSF 2.0 ID.IM-02 (every sector)",
        "ISO/IEC 27001:2022 A.5.24〜A.5.28 と NIST CSF 2.0 ID.IM-02（全業種）",
    ));
    let sector = if m.scenario.sector.trim().is_empty() {
        m.org.sector.clone()
    } else {
        m.scenario.sector.clone()
    };
    let regimes: Vec<&str> = m.regimes.iter().map(|r| r.id.as_str()).collect();
    let regimes = if regimes.is_empty() {
        tr(lang, "none", "なし")
    } else {
        regimes.join(", ")
    };
    match lang {
        Lang::En => format!(
            "Rows for sector “{sector}” and regimes {regimes}: {}.",
            groups.join("; ")
        ),
        Lang::Ja => format!(
            "業種「{sector}」、規制 {regimes} に対する行：{}。",
            groups.join("、")
        ),
    }
}

fn deadline_label(lang: Lang, k: Option<DeadlineKind>) -> String {
    match k {
        Some(DeadlineKind::Stated) => tr(lang, "stated in the source", "出典に記載"),
        Some(DeadlineKind::Approximated) => tr(
            lang,
            "the source's period, approximated in hours",
            "出典の期間を時間に換算",
        ),
        Some(DeadlineKind::ContractTerm) => tr(
            lang,
            "contract-term assumption (configurable, not law)",
            "契約条件の仮定（設定可能、法令ではない）",
        ),
        Some(DeadlineKind::Target) => tr(
            lang,
            "facilitator-set target (the source sets no hours)",
            "ファシリテーター設定の目標（出典に時間の定めなし）",
        ),
        None => tr(lang, "basis not recorded", "根拠の記録なし"),
    }
}

/// The regimes' sources, deadlines and assumptions.
fn regimes(o: &mut Out) {
    let m = o.m;
    let lang = m.lang;
    if m.regimes.is_empty() {
        return;
    }
    o.para(tr(
        lang,
        "Where the regimes' deadlines come from (as recorded in the journal's header): a contract term or a target is an assumption of the drill, not the law.",
        "各規制の期限の出典（ジャーナルのヘッダーの記録による）。契約条件や目標は演習の仮定であり、法令ではない。",
    ));
    let rows = m
        .regimes
        .iter()
        .map(|r| {
            let source = if r.source.trim().is_empty() {
                tr(
                    lang,
                    "not recorded in this journal (written before regime sources were kept)",
                    "本ジャーナルには記録なし（出典の記録前に作成）",
                )
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
        tr(lang, "Regime", "規制"),
        tr(lang, "Source", "出典"),
        tr(lang, "Deadlines", "期限"),
        tr(lang, "Assumption", "仮定"),
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
            let family = match (r.family, lang) {
                (Family::Defence, Lang::En) => "defence",
                (Family::Defence, Lang::Ja) => "防衛",
                (Family::Health, Lang::En) => "health",
                (Family::Health, Lang::Ja) => "医療",
                (Family::PersonalData, Lang::En) => "personal data",
                (Family::PersonalData, Lang::Ja) => "個人情報",
                (Family::Common, Lang::En) => "every sector",
                (Family::Common, Lang::Ja) => "全業種",
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
