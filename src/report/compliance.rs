//! Compliance mapping: which journal records evidence which requirement, and the gaps.
//!
//! The mapping covers NIST SP 800-171 r2 3.6.3 / CMMC IR.L2-3.6.3 and the CMMC assessment
//! guide's discussion questions, ISO/IEC 27001:2022 Annex A 5.24–5.28, NIST CSF 2.0 ID.IM-02,
//! and the Japanese Ministry of Defence's Defence Industry Cybersecurity Standard
//! (防衛産業サイバーセキュリティ基準), whose incident-response requirement follows SP 800-171
//! and whose contract clause expects an annual drill. The texts of the requirements live here,
//! in English and Japanese, because they are part of the mapping.

use crate::journal::SignatureStatus;

use super::i18n::Lang;
use super::model::{ActionTaken, ClockVerdict, EXECUTIVE_ROLE, ReportModel, StepVerdict};

/// How well the journal evidences a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Evidenced.
    Met,
    /// Partly evidenced.
    Partial,
    /// Not evidenced.
    Gap,
    /// The requirement does not apply to this scenario.
    NotApplicable,
}

/// One row of the mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplianceRow {
    /// Framework and control id, e.g. "NIST SP 800-171 3.6.3".
    pub control: String,
    /// What the requirement asks, in the report's language.
    pub requirement: String,
    /// The verdict.
    pub status: Status,
    /// Which records evidence it.
    pub evidence: String,
    /// What is missing (empty when met).
    pub gap: String,
}

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
/// The regime id of the Japanese MoD standard.
const MOD_REGIME: &str = "jp-mod-contract";

fn tr(lang: Lang, en: &str, ja: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Ja => ja.to_string(),
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

fn actions_where(m: &ReportModel, f: impl Fn(&ActionTaken) -> bool) -> Vec<&ActionTaken> {
    m.actions.iter().filter(|a| f(a)).collect()
}

fn evidence_of(lang: Lang, what: &str, acts: &[&ActionTaken]) -> String {
    let mut ids: Vec<&str> = acts.iter().map(|a| a.action.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let more = ids.len().saturating_sub(8);
    ids.truncate(8);
    let ids = if more > 0 {
        let mut v: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        v.push(match lang {
            Lang::En => format!("+{more} more"),
            Lang::Ja => format!("他{more}件"),
        });
        v
    } else {
        ids.iter().map(|s| s.to_string()).collect()
    };
    let lines: Vec<u64> = acts.iter().map(|a| a.line).collect();
    match lang {
        Lang::En => format!("{what}: {} ({})", ids.join(", "), lines_ref(lang, &lines)),
        Lang::Ja => format!("{what}：{}（{}）", ids.join("、"), lines_ref(lang, &lines)),
    }
}

/// Builds the mapping for a report.
pub fn map(m: &ReportModel) -> Vec<ComplianceRow> {
    let lang = m.lang;
    let mut rows = Vec::new();
    let completed = matches!(
        m.integrity.closed,
        Some(crate::journal::CloseStatus::Completed)
    );
    let turns = m.times.turns_played;
    let closed_line = m
        .timeline
        .iter()
        .rev()
        .find(|e| matches!(e.kind, super::model::TimelineKind::Closed { .. }))
        .map(|e| e.line);
    let span = match (lang, closed_line) {
        (Lang::En, Some(l)) => format!("drill_opened (line 1) to drill_closed (line {l})"),
        (Lang::Ja, Some(l)) => format!("drill_opened（1行目）から drill_closed（{l}行目）まで"),
        (Lang::En, None) => "drill_opened (line 1); no drill_closed".to_string(),
        (Lang::Ja, None) => "drill_opened（1行目）から。drill_closed なし".to_string(),
    };

    // NIST SP 800-171 3.6.3 / CMMC IR.L2-3.6.3.
    let (status, gap) = if turns == 0 {
        (
            Status::Gap,
            tr(
                lang,
                "No turn was played: the capability was not tested.",
                "ターンが一度も実施されておらず、対応能力は試験されていない。",
            ),
        )
    } else if completed && m.integrity.sealed {
        (Status::Met, String::new())
    } else if completed {
        (
            Status::Partial,
            tr(
                lang,
                "The journal is not sealed: close the drill so the record is complete.",
                "ジャーナルが封緘されていない。演習を正しく終了し記録を完結させること。",
            ),
        )
    } else {
        (
            Status::Partial,
            tr(
                lang,
                "The drill did not run to its end (aborted or not closed).",
                "演習が最後まで実施されていない（中断または未終了）。",
            ),
        )
    };
    rows.push(ComplianceRow {
        control: "NIST SP 800-171 r2 3.6.3 / CMMC IR.L2-3.6.3".into(),
        requirement: tr(
            lang,
            "Test the organizational incident response capability.",
            "組織のインシデント対応能力を試験する。",
        ),
        status,
        evidence: match lang {
            Lang::En => format!(
                "{span}; {turns} turns played; {} score lines; {} injects, {} team actions",
                m.score_lines.len(),
                m.inject_count(),
                m.action_count()
            ),
            Lang::Ja => format!(
                "{span}。{turns}ターン実施、採点行{}件、インジェクト{}件、チームの行動{}件",
                m.score_lines.len(),
                m.inject_count(),
                m.action_count()
            ),
        },
        gap,
    });

    // CMMC discussion questions.
    let cmmc = "CMMC IR.L2-3.6.3";
    let acted: Vec<&String> = m
        .people
        .role_activity
        .iter()
        .filter(|(_, a)| a.actions + a.decisions > 0)
        .map(|(r, _)| r)
        .collect();
    let acted_list = acted
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let (status, gap) = match (m.people.participants.is_empty(), acted.is_empty()) {
        (false, false) => (Status::Met, String::new()),
        (true, false) => (
            Status::Partial,
            tr(
                lang,
                "Roles acted but no participant is named in the header: record who played each role.",
                "役割は行動したが、参加者の氏名が記録されていない。各役割の担当者を記録すること。",
            ),
        ),
        (_, true) => (
            Status::Gap,
            tr(
                lang,
                "No role took an action or a decision.",
                "どの役割も行動・意思決定を行っていない。",
            ),
        ),
    };
    rows.push(ComplianceRow {
        control: cmmc.into(),
        requirement: tr(
            lang,
            "Discussion: what happens and who is responsible.",
            "論点：何が起き、誰が責任を負うか。",
        ),
        status,
        evidence: match lang {
            Lang::En => format!(
                "header participants: {}; roles that acted: {}",
                m.people.participants.len(),
                if acted_list.is_empty() {
                    "none".into()
                } else {
                    acted_list.clone()
                }
            ),
            Lang::Ja => format!(
                "ヘッダーの参加者：{}名、行動した役割：{}",
                m.people.participants.len(),
                if acted_list.is_empty() {
                    "なし".into()
                } else {
                    acted_list.clone()
                }
            ),
        },
        gap,
    });

    let it = actions_where(m, |a| IT_ROLES.contains(&a.role.as_str()));
    rows.push(ComplianceRow {
        control: cmmc.into(),
        requirement: tr(
            lang,
            "Discussion: IT tasks (containment, eradication, recovery).",
            "論点：IT部門の作業（封じ込め・根絶・復旧）。",
        ),
        status: if it.is_empty() {
            Status::Gap
        } else {
            Status::Met
        },
        evidence: if it.is_empty() {
            tr(
                lang,
                "no action by the SOC, IT operations or CISO",
                "SOC・IT運用・CISOによる行動なし",
            )
        } else {
            evidence_of(lang, &tr(lang, "actions", "行動"), &it)
        },
        gap: if it.is_empty() {
            tr(
                lang,
                "No technical response was exercised.",
                "技術的対応が演習されていない。",
            )
        } else {
            String::new()
        },
    });

    let legal = actions_where(m, |a| {
        a.role == "legal" || LEGAL_ACTIONS.contains(&a.action.as_str())
    });
    let pr = actions_where(m, |a| {
        a.role == "comms" || PR_ACTIONS.contains(&a.action.as_str())
    });
    let business = actions_where(m, |a| {
        a.role == EXECUTIVE_ROLE || BUSINESS_ACTIONS.contains(&a.action.as_str())
    });
    let exec_decisions = m
        .people
        .role_activity
        .get(EXECUTIVE_ROLE)
        .map_or(0, |a| a.decisions);
    let covered = [
        !legal.is_empty(),
        !pr.is_empty(),
        !business.is_empty() || exec_decisions > 0,
    ];
    let mut missing = Vec::new();
    if !covered[0] {
        missing.push(tr(lang, "legal", "法務"));
    }
    if !covered[1] {
        missing.push(tr(lang, "public affairs", "広報"));
    }
    if !covered[2] {
        missing.push(tr(lang, "business/management", "経営・事業"));
    }
    let mut ev = Vec::new();
    for (label, acts) in [
        (tr(lang, "legal", "法務"), &legal),
        (tr(lang, "public affairs", "広報"), &pr),
        (tr(lang, "business", "事業"), &business),
    ] {
        if !acts.is_empty() {
            ev.push(evidence_of(lang, &label, acts));
        }
    }
    if exec_decisions > 0 {
        ev.push(match lang {
            Lang::En => format!("{exec_decisions} decision(s) by the executive role"),
            Lang::Ja => format!("経営層による意思決定{exec_decisions}件"),
        });
    }
    rows.push(ComplianceRow {
        control: cmmc.into(),
        requirement: tr(
            lang,
            "Discussion: legal, public-affairs and business support.",
            "論点：法務・広報・事業部門の支援。",
        ),
        status: match covered.iter().filter(|c| **c).count() {
            3 => Status::Met,
            0 => Status::Gap,
            _ => Status::Partial,
        },
        evidence: if ev.is_empty() {
            tr(lang, "none", "なし")
        } else {
            ev.join("; ")
        },
        gap: if missing.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::En => format!("Not exercised: {}.", missing.join(", ")),
                Lang::Ja => format!("演習されていない：{}。", missing.join("、")),
            }
        },
    });

    let res = actions_where(m, |a| RESOURCE_ACTIONS.contains(&a.action.as_str()));
    rows.push(ComplianceRow {
        control: cmmc.into(),
        requirement: tr(
            lang,
            "Discussion: how resources are added (retainer, suppliers).",
            "論点：追加リソースの確保（外部支援契約・委託先）。",
        ),
        status: if res.is_empty() {
            Status::Gap
        } else {
            Status::Met
        },
        evidence: if res.is_empty() {
            tr(lang, "none", "なし")
        } else {
            evidence_of(lang, &tr(lang, "actions", "行動"), &res)
        },
        gap: if res.is_empty() {
            tr(
                lang,
                "No outside help was engaged: rehearse calling the IR retainer.",
                "外部支援が要請されていない。インシデント対応支援事業者への連絡を演習すること。",
            )
        } else {
            String::new()
        },
    });

    let law = actions_where(m, |a| LAW_ACTIONS.contains(&a.action.as_str()));
    rows.push(ComplianceRow {
        control: cmmc.into(),
        requirement: tr(
            lang,
            "Discussion: contact with law enforcement.",
            "論点：警察（法執行機関）への連絡。",
        ),
        status: if law.is_empty() {
            Status::Gap
        } else {
            Status::Met
        },
        evidence: if law.is_empty() {
            tr(lang, "none", "なし")
        } else {
            evidence_of(lang, &tr(lang, "actions", "行動"), &law)
        },
        gap: if law.is_empty() {
            tr(
                lang,
                "Law enforcement was not contacted in the drill.",
                "演習中に警察への連絡が行われていない。",
            )
        } else {
            String::new()
        },
    });

    let unit = &m.org.impact_unit;
    let down_events = m.event_count();
    rows.push(ComplianceRow {
        control: cmmc.into(),
        requirement: tr(lang, "Document the negative impact on operations.", "業務への悪影響を記録する。"),
        status: if turns > 0 { Status::Met } else { Status::Gap },
        evidence: match lang {
            Lang::En => format!("impact per turn in {turns} turn_ended records: total {:.1} {unit}; {down_events} state change(s) recorded", m.outcome.impact_total),
            Lang::Ja => format!("turn_ended {turns}件にターン毎の影響を記録：合計 {:.1} {unit}、状態変化{down_events}件", m.outcome.impact_total),
        },
        gap: if turns > 0 { String::new() } else { tr(lang, "No turn was played.", "ターンが実施されていない。") },
    });

    // ISO/IEC 27001:2022.
    let steps = m.response.steps.len();
    let roles = m.org.roles.len();
    rows.push(ComplianceRow {
        control: "ISO/IEC 27001:2022 A.5.24".into(),
        requirement: tr(lang, "Incident management planning and preparation: roles and procedures defined and rehearsed.", "インシデント管理の計画と準備：役割と手順を定め、訓練する。"),
        status: match (steps > 0, roles > 0) {
            (true, true) => Status::Met,
            (false, false) => Status::Gap,
            _ => Status::Partial,
        },
        evidence: match lang {
            Lang::En => format!("header: {roles} roles, a reference response of {steps} steps"),
            Lang::Ja => format!("ヘッダー：役割{roles}件、模範対応{steps}手順"),
        },
        gap: if steps == 0 { tr(lang, "The scenario carries no reference response to rehearse against.", "シナリオに模範対応が定義されていない。") } else { String::new() },
    });

    let detections: Vec<u64> = m
        .timeline
        .iter()
        .filter(|e| matches!(e.kind, super::model::TimelineKind::Detection { .. }))
        .map(|e| e.line)
        .collect();
    let assess = actions_where(m, |a| ASSESS_ACTIONS.contains(&a.action.as_str()));
    let team_decisions: u64 = m.people.role_activity.values().map(|a| a.decisions).sum();
    let decided = !assess.is_empty() || team_decisions > 0;
    rows.push(ComplianceRow {
        control: "ISO/IEC 27001:2022 A.5.25".into(),
        requirement: tr(
            lang,
            "Assessment and decision on information security events.",
            "情報セキュリティ事象の評価と決定。",
        ),
        status: match (!detections.is_empty(), decided) {
            (true, true) => Status::Met,
            (false, false) => Status::Gap,
            _ => Status::Partial,
        },
        evidence: {
            let mut e = match lang {
                Lang::En => format!("detections: {}", lines_ref(lang, &detections)),
                Lang::Ja => format!("検知：{}", lines_ref(lang, &detections)),
            };
            if !assess.is_empty() {
                e.push_str("; ");
                e.push_str(&evidence_of(lang, &tr(lang, "assessment", "評価"), &assess));
            }
            if team_decisions > 0 {
                e.push_str(&match lang {
                    Lang::En => format!("; {team_decisions} team decision(s)"),
                    Lang::Ja => format!("、チームの意思決定{team_decisions}件"),
                });
            }
            e
        },
        gap: if decided {
            String::new()
        } else {
            tr(
                lang,
                "No event was assessed or declared by the team.",
                "チームによる事象の評価・宣言がない。",
            )
        },
    });

    let respond = m
        .functions
        .iter()
        .find(|f| f.function == crate::scenario::CsfFunction::Respond)
        .map_or(0, |f| f.actions);
    let missed = m.response.count(StepVerdict::Missed);
    let late = m.response.count(StepVerdict::Late);
    rows.push(ComplianceRow {
        control: "ISO/IEC 27001:2022 A.5.26".into(),
        requirement: tr(lang, "Response to information security incidents according to documented procedures.", "文書化された手順に従ったインシデントへの対応。"),
        status: match (respond > 0, missed) {
            (false, _) => Status::Gap,
            (true, 0) if late == 0 => Status::Met,
            _ => Status::Partial,
        },
        evidence: match lang {
            Lang::En => format!("{respond} Respond action(s); reference steps: {} on time, {late} late, {missed} missed", m.response.count(StepVerdict::OnTime)),
            Lang::Ja => format!("対応（Respond）行動{respond}件。模範対応：期限内{}件、遅延{late}件、未実施{missed}件", m.response.count(StepVerdict::OnTime)),
        },
        gap: if missed + late > 0 || respond == 0 {
            tr(lang, "Steps of the reference response were late or missed: see section 6.", "模範対応の手順に遅延・未実施がある（第6節参照）。")
        } else {
            String::new()
        },
    });

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
        control: "ISO/IEC 27001:2022 A.5.27".into(),
        requirement: tr(lang, "Learning from information security incidents.", "情報セキュリティインシデントからの学習。"),
        status: lessons,
        evidence: match lang {
            Lang::En => format!("hotwash: {hot} line(s); improvement plan: {items} item(s) ({})", lines_ref(lang, &lessons_lines)),
            Lang::Ja => format!("ホットウォッシュ{hot}件、改善計画{items}件（{}）", lines_ref(lang, &lessons_lines)),
        },
        gap: match lessons {
            Status::Met => String::new(),
            _ if items == 0 => tr(lang, "No improvement plan was recorded: hold the hotwash and record owners and due dates.", "改善計画が記録されていない。ホットウォッシュを行い、担当者と期限を記録すること。"),
            _ => tr(lang, "No hotwash strengths or areas for improvement were recorded.", "ホットウォッシュの強み・改善点が記録されていない。"),
        },
    });

    let signed = matches!(
        m.integrity.signature,
        SignatureStatus::Verified { .. } | SignatureStatus::SignedNoPubkey { .. }
    );
    rows.push(ComplianceRow {
        control: "ISO/IEC 27001:2022 A.5.28".into(),
        requirement: tr(lang, "Collection and preservation of evidence with integrity.", "証拠の収集と完全性の保全。"),
        status: match (m.integrity.sealed, signed) {
            (true, true) => Status::Met,
            (true, false) => Status::Partial,
            (false, _) => Status::Gap,
        },
        evidence: match lang {
            Lang::En => format!("hash-chained journal of {} records, {} checkpoint(s), Merkle root in section 9", m.integrity.records, m.integrity.checkpoints),
            Lang::Ja => format!("ハッシュ連鎖ジャーナル{}件、チェックポイント{}件、Merkleルートは第9節", m.integrity.records, m.integrity.checkpoints),
        },
        gap: match (m.integrity.sealed, signed) {
            (true, true) => String::new(),
            (true, false) => tr(lang, "Checkpoints are not signed: sign with a facilitator key (kunren keygen) or keep the Merkle root outside the file.", "チェックポイントが署名されていない。ファシリテーター鍵で署名する（kunren keygen）か、Merkleルートを外部に保管すること。"),
            (false, _) => tr(lang, "The journal is not sealed: its end is not protected.", "ジャーナルが封緘されておらず、末尾が保護されていない。"),
        },
    });

    // NIST CSF 2.0 ID.IM-02.
    rows.push(ComplianceRow {
        control: "NIST CSF 2.0 ID.IM-02".into(),
        requirement: tr(
            lang,
            "Improvements are identified from tests and exercises.",
            "試験・演習から改善点を特定する。",
        ),
        status: if items > 0 { Status::Met } else { Status::Gap },
        evidence: match lang {
            Lang::En => format!("improvement plan: {items} item(s)"),
            Lang::Ja => format!("改善計画{items}件"),
        },
        gap: if items > 0 {
            String::new()
        } else {
            tr(
                lang,
                "No improvement item was recorded.",
                "改善項目が記録されていない。",
            )
        },
    });

    // Japanese MoD standard.
    let mod_name = tr(
        lang,
        "Japan MoD Defence Industry Cybersecurity Standard",
        "防衛産業サイバーセキュリティ基準",
    );
    rows.push(ComplianceRow {
        control: mod_name.clone(),
        requirement: tr(
            lang,
            "Annual incident-response drill (capability test as in SP 800-171 3.6.3).",
            "年次のインシデント対応訓練（SP 800-171 3.6.3 相当の能力試験）。",
        ),
        status: if completed {
            Status::Met
        } else if turns > 0 {
            Status::Partial
        } else {
            Status::Gap
        },
        evidence: match (lang, m.times.opened) {
            (Lang::En, Some(d)) => format!(
                "drill held on {}; next drill due by {}",
                super::text::date(d, &m.header.timezone),
                super::text::next_year(d, &m.header.timezone)
            ),
            (Lang::Ja, Some(d)) => format!(
                "{}に実施、次回期限 {}",
                super::text::date(d, &m.header.timezone),
                super::text::next_year(d, &m.header.timezone)
            ),
            _ => tr(lang, "drill date unknown", "実施日不明"),
        },
        gap: if completed {
            String::new()
        } else {
            tr(
                lang,
                "The drill did not run to its end.",
                "演習が最後まで実施されていない。",
            )
        },
    });
    rows.push(ComplianceRow {
        control: mod_name.clone(),
        requirement: tr(
            lang,
            "Management takes part in the drill (executive decision-maker present).",
            "経営層が訓練に参加する（意思決定権者の参加）。",
        ),
        status: if m.people.executive_present {
            Status::Met
        } else {
            Status::Gap
        },
        evidence: {
            let execs = m.people.executives();
            if execs.is_empty() {
                tr(
                    lang,
                    "no participant holds the exec role",
                    "exec 役割の参加者なし",
                )
            } else {
                execs.join(", ")
            }
        },
        gap: if m.people.executive_present {
            String::new()
        } else {
            tr(
                lang,
                "No executive decision-maker took part.",
                "経営層の意思決定権者が参加していない。",
            )
        },
    });
    let mod_clocks: Vec<_> = m
        .clocks
        .iter()
        .filter(|c| c.id.starts_with(&format!("{MOD_REGIME}/")))
        .collect();
    let (status, gap) = if mod_clocks.is_empty() {
        (Status::NotApplicable, String::new())
    } else if mod_clocks
        .iter()
        .all(|c| matches!(c.verdict, ClockVerdict::Met { .. }))
    {
        (Status::Met, String::new())
    } else if mod_clocks.iter().any(|c| {
        matches!(
            c.verdict,
            ClockVerdict::Missed { .. } | ClockVerdict::MetLate { .. }
        )
    }) {
        (
            Status::Gap,
            tr(
                lang,
                "The report to the Ministry of Defence was late or not made.",
                "防衛省への報告が遅延した、または行われなかった。",
            ),
        )
    } else {
        (
            Status::Partial,
            tr(
                lang,
                "The reporting path to the Ministry of Defence was not completed in the drill.",
                "防衛省への報告経路が演習中に完了していない。",
            ),
        )
    };
    let clock_lines: Vec<u64> = mod_clocks
        .iter()
        .flat_map(|c| c.evidence.iter().copied())
        .collect();
    rows.push(ComplianceRow {
        control: mod_name,
        requirement: tr(
            lang,
            "Report incidents to the Ministry of Defence promptly.",
            "インシデントを速やかに防衛省へ報告する。",
        ),
        status,
        evidence: if mod_clocks.is_empty() {
            tr(
                lang,
                "this scenario does not use the regime",
                "本シナリオは対象外",
            )
        } else {
            match lang {
                Lang::En => format!("clock records: {}", lines_ref(lang, &clock_lines)),
                Lang::Ja => format!("期限の記録：{}", lines_ref(lang, &clock_lines)),
            }
        },
        gap,
    });
    rows
}
