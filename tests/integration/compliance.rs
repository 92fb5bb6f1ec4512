//! The compliance mapping (report section 8) and the regime facts behind it: rows chosen by
//! sector and regimes, "met" only on evidence in the journal, the tested plan named at set-up,
//! and regime files that cite their sources and mark their assumptions.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use kunren::headless::play_drill;
use kunren::journal::{Participant, read_journal};
use kunren::policy::{self, Policy};
use kunren::records::HeaderExtra;
use kunren::report::compliance::{self, ComplianceInputs, ComplianceRow, Family, Status};
use kunren::report::{self, Format, ReportModel};
use kunren::scenario::script::{Hotwash, ImprovementItem, Script};
use kunren::scenario::{Bundle, Condition, DeadlineKind, load_bundle};
use kunren::session::{Drill, DrillMeta, plan_facts};

/// Every shipped scenario, with the group of rows its sector selects.
const SHIPPED: [(&str, &str); 4] = [
    (
        "scenarios/defence-contractor-double-extortion.ron",
        "defence",
    ),
    ("scenarios/hospital-ransomware.ron", "health"),
    ("scenarios/hospital-ransomware-ja.ron", "health"),
    ("scenarios/examples/water-utility-ot.ron", "water"),
];

fn bundle(path: &str) -> Arc<Bundle> {
    match load_bundle(path, None) {
        Ok((b, _)) => Arc::new(b),
        Err(e) => panic!("cannot load {path}:\n{}", e.render()),
    }
}

/// A named participant for every role of the scenario's organisation (the executive included).
fn everyone(b: &Bundle) -> Vec<Participant> {
    b.org
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| Participant {
            name: format!("Participant {i}"),
            role: r.id.clone(),
        })
        .collect()
}

fn meta(participants: Vec<Participant>) -> DrillMeta {
    DrillMeta {
        facilitator: "Sato Hanako".into(),
        participants,
        timezone: "Asia/Tokyo".into(),
        mode: "headless".into(),
        ..DrillMeta::default()
    }
}

/// The hotwash of a well-run drill: strengths, an improvement item, the executive's sign-off.
fn hotwash() -> Script {
    Script {
        format: 1,
        hotwash: Some(Hotwash {
            strengths: vec!["The crisis team met within the hour".into()],
            improvements: vec!["Keep the regulator's number on paper".into()],
            items: vec![ImprovementItem {
                action: "Print the reporting contacts".into(),
                objective: None,
                owner: "General affairs".into(),
                due: "2027-03-31".into(),
                ..ImprovementItem::default()
            }],
            signoff: Some("Participant 0".into()),
            ..Hotwash::default()
        }),
        ..Script::default()
    }
}

fn record(
    scenario: &str,
    kind: &str,
    meta: &DrillMeta,
    script: Option<&Script>,
    path: &Path,
) -> ReportModel {
    let mut drill = Drill::start(bundle(scenario), 1, meta, Some(path), None).expect("start");
    let mut p: Box<dyn Policy> = match kind {
        "idle" => Box::new(policy::Idle),
        _ => Box::new(policy::Expert::default()),
    };
    play_drill(&mut drill, p.as_mut(), script, |_| {}).expect("play");
    drill.close("").expect("seal");
    report::load(path).expect("report model")
}

fn find<'a>(rows: &'a [ComplianceRow], control: &str) -> &'a ComplianceRow {
    rows.iter()
        .find(|r| r.control.starts_with(control))
        .unwrap_or_else(|| panic!("no row {control}: {rows:#?}"))
}

fn met(rows: &[ComplianceRow]) -> Vec<String> {
    rows.iter()
        .filter(|r| r.status == Status::Met)
        .map(|r| format!("{} — {}", r.control, r.requirement))
        .collect()
}

#[test]
fn idle_and_zero_participant_runs_never_show_met() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, (sc, _)) in SHIPPED.iter().enumerate() {
        let b = bundle(sc);
        let runs = [
            ("idle", meta(everyone(&b)), Some(hotwash())),
            ("idle", meta(vec![]), None),
            ("expert", meta(vec![]), Some(hotwash())),
            (
                "expert",
                meta(vec![Participant {
                    name: "  ".into(),
                    role: "exec".into(),
                }]),
                Some(hotwash()),
            ),
        ];
        for (j, (kind, m, script)) in runs.iter().enumerate() {
            let path = dir.path().join(format!("{i}-{j}.jsonl"));
            let model = record(sc, kind, m, script.as_ref(), &path);
            assert!(!model.compliance.is_empty());
            assert!(
                met(&model.compliance).is_empty(),
                "{sc} {kind} with {} participant(s): {:#?}",
                m.participants.len(),
                met(&model.compliance)
            );
            let md = report::render(&model, Format::Md);
            let section = md
                .split("## 8\\. ")
                .nth(1)
                .and_then(|s| s.split("## 9\\. ").next())
                .expect("section 8");
            assert!(!section.contains("✔ met"), "{sc} {kind}");
        }
    }
}

#[test]
fn rows_follow_the_sector_and_the_regimes() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, (sc, sector)) in SHIPPED.iter().enumerate() {
        let b = bundle(sc);
        let path = dir.path().join(format!("{i}.jsonl"));
        let model = record(sc, "expert", &meta(everyone(&b)), None, &path);
        let rows = &model.compliance;
        let has = |f: Family| rows.iter().any(|r| r.family == f);
        let text: String = rows
            .iter()
            .map(|r| format!("{} {} {}\n", r.control, r.requirement, r.note))
            .collect();
        assert!(has(Family::Common), "{sc}");
        for c in ["A.5.24", "A.5.25", "A.5.26", "A.5.27", "A.5.28"] {
            assert!(
                text.contains(&format!("ISO/IEC 27001:2022 {c}")),
                "{sc} {c}"
            );
        }
        match *sector {
            "defence" => {
                assert!(has(Family::Defence) && !has(Family::Health), "{sc}");
                for needle in ["MHLW", "医政総発", "Medical Information Systems"] {
                    assert!(!text.contains(needle), "{sc}: {needle}");
                }
                for needle in [
                    "NIST SP 800-171 r2 3.6.3 [a]",
                    "CMMC IR.L2-3.6.3",
                    "装備品等及び役務の調達における情報セキュリティ基準",
                    "DFARS 252.204-7012",
                ] {
                    assert!(text.contains(needle), "{sc}: {needle}");
                }
                // The CMMC questions are labelled as further discussion, never as objectives.
                for r in rows.iter().filter(|r| r.control.starts_with("CMMC")) {
                    assert_eq!(r.kind, compliance::RowKind::FurtherDiscussion, "{r:?}");
                }
                // The drill's MoD deadline is a labelled contract-term assumption.
                let mod_report = rows
                    .iter()
                    .find(|r| r.requirement.contains("Ministry of Defence immediately"))
                    .expect("MoD report row");
                assert!(mod_report.note.contains("Contract-term assumption"));
            }
            "health" => {
                assert!(has(Family::Health) && !has(Family::Defence), "{sc}");
                for needle in ["800-171", "CMMC", "MoD", "防衛", "DFARS"] {
                    assert!(!text.contains(needle), "{sc}: {needle}");
                }
                assert!(text.contains("医政総発1029第1号"), "{sc}");
                assert!(has(Family::PersonalData), "{sc}");
            }
            _ => {
                assert!(
                    !has(Family::Defence) && !has(Family::Health) && !has(Family::PersonalData),
                    "{sc}"
                );
            }
        }
        // The Markdown says the same.
        let md = report::render(&model, Format::Md);
        if *sector == "health" {
            assert!(!md.contains("800-171") && !md.contains("DFARS"), "{sc}");
        }
        if *sector == "defence" {
            assert!(
                !md.contains("医政総発") && !md.contains("MHLW Guideline"),
                "{sc}"
            );
        }
    }
}

#[test]
fn an_expert_run_with_everyone_named_meets_3_6_3_and_evidence_names_its_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sc = SHIPPED[0].0;
    let b = bundle(sc);
    let people = everyone(&b);
    assert!(people.iter().any(|p| p.role == "exec"));
    let path = dir.path().join("expert.jsonl");
    let model = record(sc, "expert", &meta(people), Some(&hotwash()), &path);
    let rows = &model.compliance;
    let r = find(rows, "NIST SP 800-171 r2 3.6.3");
    assert_eq!(r.status, Status::Met, "{r:#?}");
    assert!(
        r.note.contains("model response"),
        "no plan named: the row says what was tested: {}",
        r.note
    );
    let who = rows
        .iter()
        .find(|r| r.requirement.contains("who is responsible"))
        .expect("row");
    assert_eq!(who.status, Status::Met, "{who:#?}");
    let business = rows
        .iter()
        .find(|r| r.requirement.contains("business (management)"))
        .expect("row");
    assert_eq!(business.status, Status::Met, "{business:#?}");

    // Every row's records are real lines of the journal, with their kinds.
    let recs = read_journal(&path).expect("read").records;
    for row in rows {
        for e in &row.records {
            let r = recs
                .get(usize::try_from(e.line - 1).expect("line"))
                .unwrap_or_else(|| panic!("{}: line {} beyond the journal", row.control, e.line));
            assert_eq!(Some(r.kind), e.kind, "{}", row.control);
        }
        if row.status == Status::Met {
            assert!(!row.records.is_empty(), "{} met on no record", row.control);
        }
    }
    assert_eq!(
        r.records.first().map(|e| e.kind),
        Some(Some(kunren::journal::RecordKind::DrillOpened))
    );

    // Without the executive, management duties are not met.
    let path = dir.path().join("no-exec.jsonl");
    let people: Vec<Participant> = everyone(&b)
        .into_iter()
        .filter(|p| p.role != "exec")
        .collect();
    let model = record(sc, "expert", &meta(people), Some(&hotwash()), &path);
    let business = model
        .compliance
        .iter()
        .find(|r| r.requirement.contains("business (management)"))
        .expect("row");
    assert_ne!(business.status, Status::Met);
    assert!(
        business.gap.contains("a named executive"),
        "{}",
        business.gap
    );
    assert_ne!(
        find(&model.compliance, "NIST SP 800-171 r2 3.6.3").status,
        Status::Met,
        "exec is a role of the reference response"
    );
}

#[test]
fn hospital_management_duties_need_the_executive_and_the_sign_off() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sc = SHIPPED[1].0;
    let b = bundle(sc);
    let path = dir.path().join("h.jsonl");
    let model = record(sc, "expert", &meta(everyone(&b)), Some(&hotwash()), &path);
    let mgmt = model
        .compliance
        .iter()
        .find(|r| r.requirement.starts_with("Management takes part"))
        .expect("row");
    assert_eq!(mgmt.status, Status::Met, "{mgmt:#?}");
    let drill = model
        .compliance
        .iter()
        .find(|r| r.requirement.starts_with("Hold incident-response drills"))
        .expect("row");
    assert_eq!(drill.status, Status::Met, "{drill:#?}");

    let path = dir.path().join("h-no-signoff.jsonl");
    let model = record(sc, "expert", &meta(everyone(&b)), None, &path);
    for prefix in ["Management takes part", "Hold incident-response drills"] {
        let r = model
            .compliance
            .iter()
            .find(|r| r.requirement.starts_with(prefix))
            .expect("row");
        assert_eq!(r.status, Status::Partial, "{r:#?}");
    }
}

#[test]
fn a_5_28_is_never_met_without_a_signature_verified_with_a_given_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, (sc, _)) in SHIPPED.iter().enumerate() {
        let b = bundle(sc);
        let path = dir.path().join(format!("{i}.jsonl"));
        let model = record(sc, "expert", &meta(everyone(&b)), Some(&hotwash()), &path);
        let r = find(&model.compliance, "ISO/IEC 27001:2022 A.5.28");
        assert_ne!(r.status, Status::Met, "{sc}: {r:#?}");
        for words in ["hash chain", "hash-chained", "Merkle"] {
            assert!(
                !r.evidence.contains(words),
                "{sc}: A.5.28 rests on the journal: {}",
                r.evidence
            );
        }
        // A later `--pubkey` lifts it, but only where evidence was preserved.
        let lifted = compliance::build(
            &model,
            &ComplianceInputs {
                signature_verified_with_given_key: true,
            },
        );
        let l = find(&lifted, "ISO/IEC 27001:2022 A.5.28");
        let preserved = model
            .actions
            .iter()
            .any(|a| compliance::PRESERVE_ACTIONS.contains(&a.action.as_str()));
        assert_eq!(l.status == Status::Met, preserved, "{sc}: {l:#?}");
    }
    // The key stored in the journal is not the inspector's key.
    assert!(
        !ComplianceInputs::from_signature(&kunren::journal::SignatureStatus::SignedNoPubkey {
            key_id: "k".into(),
            checkpoints: 3,
            fingerprint: None,
            public_key: None,
        })
        .signature_verified_with_given_key
    );
}

#[test]
fn the_plan_named_at_set_up_is_hashed_recorded_and_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("ir-plan.pdf");
    std::fs::write(&plan, b"%PDF-1.7 the incident response plan").expect("write plan");
    let facts = plan_facts(&plan, Some("Kaiyo IR plan"), Some("3.1")).expect("plan facts");
    assert_eq!(
        facts.sha256,
        kunren::journal::sha256_hex(b"%PDF-1.7 the incident response plan")
    );
    let sc = SHIPPED[0].0;
    let b = bundle(sc);
    let mut m = meta(everyone(&b));
    m.plan = Some(facts.clone());
    let path = dir.path().join("plan.jsonl");
    let model = record(sc, "expert", &m, Some(&hotwash()), &path);
    let recs = read_journal(&path).expect("read").records;
    let h: kunren::journal::Header = recs[0].body_as().expect("header");
    let extra = HeaderExtra::decode(&h.extra).expect("extra");
    assert_eq!(extra.plan.as_ref(), Some(&facts));
    assert_eq!(model.plan.as_ref(), Some(&facts));
    let a524 = find(&model.compliance, "ISO/IEC 27001:2022 A.5.24");
    assert_eq!(a524.status, Status::Met, "{a524:#?}");
    assert!(a524.note.contains("Kaiyo IR plan") && a524.note.contains("3.1"));
    let md = report::render(&model, Format::Md);
    assert!(
        md.contains(&facts.sha256),
        "the plan's SHA-256 is in the report"
    );

    // Without a plan, the header has no `plan` key at all and A.5.24 says what was tested.
    let path = dir.path().join("no-plan.jsonl");
    let model = record(sc, "expert", &meta(everyone(&b)), Some(&hotwash()), &path);
    let recs = read_journal(&path).expect("read").records;
    let h: kunren::journal::Header = recs[0].body_as().expect("header");
    assert!(h.extra.get("plan").is_none(), "{}", h.extra);
    let a524 = find(&model.compliance, "ISO/IEC 27001:2022 A.5.24");
    assert_eq!(a524.status, Status::Partial);
    assert!(a524.gap.contains("--plan"), "{}", a524.gap);

    // A directory or a missing file is refused with a message naming it.
    assert!(plan_facts(dir.path(), None, None).is_err());
    let err = plan_facts(&dir.path().join("nope.pdf"), None, None).expect_err("missing");
    assert!(err.contains("nope.pdf"), "{err}");
}

fn kunren(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run kunren");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_run_takes_the_plan_and_refuses_bad_plan_options() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("plan.txt");
    std::fs::write(&plan, "plan v2\n").expect("write");
    let journal = dir.path().join("j.jsonl");
    let (code, _, err) = kunren(&[
        "run",
        "--policy",
        "idle",
        "--journal",
        journal.to_str().expect("p"),
        "--plan",
        plan.to_str().expect("p"),
        "--plan-title",
        "Incident response plan",
        "--plan-version",
        "2",
    ]);
    assert_eq!(code, 0, "{err}");
    let recs = read_journal(&journal).expect("read").records;
    let h: kunren::journal::Header = recs[0].body_as().expect("header");
    let extra = HeaderExtra::decode(&h.extra).expect("extra");
    let p = extra.plan.expect("plan recorded");
    assert_eq!(p.sha256, kunren::journal::sha256_hex(b"plan v2\n"));
    assert_eq!(p.title.as_deref(), Some("Incident response plan"));
    assert_eq!(p.version.as_deref(), Some("2"));
    assert_eq!(p.size, 8);

    let (code, _, _) = kunren(&["run", "--policy", "idle", "--plan-title", "x"]);
    assert_eq!(code, 3, "--plan-title needs --plan");
    let missing = dir.path().join("missing.pdf");
    let (code, _, err) = kunren(&[
        "run",
        "--policy",
        "idle",
        "--plan",
        missing.to_str().expect("p"),
    ]);
    assert_eq!(code, 3);
    assert!(err.contains("missing.pdf"), "{err}");
}

#[test]
fn japanese_reports_map_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sc = SHIPPED[2].0;
    let b = bundle(sc);
    let path = dir.path().join("ja.jsonl");
    let model = record(sc, "expert", &meta(everyone(&b)), None, &path);
    let md = report::render(&model, Format::Md);
    for needle in [
        "厚生労働省通知 医政総発1029第1号（2018年）",
        "個人情報保護法第26条／番号法第29条の4",
        "ファシリテーター設定の目標",
    ] {
        assert!(md.contains(needle), "{needle}");
    }
}

mod regimes {
    use super::*;

    const REGIMES: [&str; 5] = [
        "dfars-7012",
        "nis2-art23",
        "jp-mod-contract",
        "jp-acd",
        "jp-mhlw-medical",
    ];

    fn regime(id: &str) -> kunren::scenario::Regime {
        match kunren::scenario::load::regime(id) {
            Some(Ok(r)) => r,
            _ => panic!("regime {id}"),
        }
    }

    #[test]
    fn every_shipped_regime_cites_its_source_and_labels_its_deadlines() {
        for id in REGIMES {
            let r = regime(id);
            assert!(!r.source.trim().is_empty(), "{id}: no source");
            for c in &r.clocks {
                let kind = c
                    .deadline
                    .unwrap_or_else(|| panic!("{id}/{}: no kind", c.id));
                assert!(c.basis.is_some(), "{id}/{}: no basis", c.id);
                if matches!(kind, DeadlineKind::ContractTerm | DeadlineKind::Target) {
                    assert_eq!(c.hours, None, "{id}/{}: must stay configurable", c.id);
                    assert!(r.assumption.is_some(), "{id}: assumption not said");
                }
            }
        }
        let m = regime("jp-mod-contract");
        assert_eq!(m.clocks[0].deadline, Some(DeadlineKind::ContractTerm));
        assert!(
            m.assumption
                .as_deref()
                .is_some_and(|a| a.starts_with("Contract-term assumption"))
        );
        let acd = regime("jp-acd");
        assert!(
            acd.assumption
                .as_deref()
                .is_some_and(|a| a.contains("2026-10-01") && a.contains("draft cabinet order"))
        );
        let dfars = regime("dfars-7012");
        assert!(dfars.basis.contains("of discovery"));
        assert!(
            dfars
                .basis
                .contains("90 days from the submission of the report")
        );
        let mhlw = regime("jp-mhlw-medical");
        assert!(mhlw.source.contains("医政総発1029第1号"));
        assert_eq!(mhlw.clocks[0].deadline, Some(DeadlineKind::Target));
    }

    #[test]
    fn nis2_final_report_runs_one_month_from_the_notification() {
        let r = regime("nis2-art23");
        let fin = r
            .clocks
            .iter()
            .find(|c| c.id == "final-report")
            .expect("final-report");
        assert_eq!(
            fin.starts_when,
            Condition::ClockMet("nis2-art23/notification".into())
        );
        assert_eq!(fin.hours, Some(720));
        assert_eq!(fin.deadline, Some(DeadlineKind::Approximated));
        assert!(
            fin.basis
                .as_deref()
                .is_some_and(|b| b.contains("one month") && b.contains("30 days"))
        );
    }

    #[test]
    fn shipped_regimes_check_clean_and_lints_catch_unsourced_ones() {
        let mut args = vec!["check".to_string()];
        args.extend(REGIMES.iter().map(|id| format!("assets/regimes/{id}.ron")));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = kunren(&args);
        let all = format!("{out}{err}");
        assert_eq!(code, 0, "{all}");
        assert!(all.contains("0 error(s), 0 warning(s)"), "{all}");

        let dir = tempfile::tempdir().expect("tempdir");
        let bad = dir.path().join("bad.ron");
        std::fs::write(
            &bad,
            "Regime(format: 1, id: \"x-test\", name: \"X\", authority: \"A\",\n  clocks: [Clock(id: \"c\", title: \"T\", starts_when: Flag(\"incident-confirmed\"), hours: Some(72), met_by: [\"notify-authority\"], deadline: ContractTerm)])\n",
        )
        .expect("write");
        let (_, out, err) = kunren(&["check", bad.to_str().expect("p")]);
        let all = format!("{out}{err}");
        for code in ["K0210", "K0211", "K0212"] {
            assert!(all.contains(code), "{code}: {all}");
        }
    }

    #[test]
    fn scenario_texts_state_the_corrected_facts() {
        let read = |p: &str| {
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).expect(p)
        };
        let defence = read("scenarios/defence-contractor-double-extortion.ron");
        assert!(defence.contains("My Number Act Art. 29-4"));
        assert!(!defence.contains("APPI Art. 26: preliminary report"));
        assert!(!defence.contains("Ministry of Defence (72 h)"));
        for p in [
            "scenarios/hospital-ransomware.ron",
            "scenarios/hospital-ransomware-ja.ron",
        ] {
            let t = read(p);
            assert!(
                !t.contains("Add `jp-acd`") && !t.contains("`jp-acd` を追加"),
                "{p}"
            );
            assert!(t.contains("医政総発1029第1号"), "{p}");
            assert!(
                !t.contains("within 24 hours,") && !t.contains("24時間以内に厚生労働省へ報告"),
                "{p}"
            );
        }
    }
}
