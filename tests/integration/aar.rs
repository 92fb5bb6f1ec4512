//! The HSEEP-shaped AAR/IP (issue 9, items 8 and 9): the overview facts journaled in the header
//! and printed, the handling marking on every page, the improvement-plan matrix, the sign-off
//! with statement and time, the approval block, the redacted edition, and journals written
//! before any of this still decoding and reporting.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use kunren::headless::play_drill;
use kunren::journal::{Participant, RecordKind, read_journal};
use kunren::policy;
use kunren::records::{Body, ExerciseFacts, HeaderExtra, Signoff};
use kunren::report::{self, Format};
use kunren::scenario::script::{
    AreaForImprovement, CapabilityElement, Hotwash, ImprovementItem, ItemStatus, Script,
};
use kunren::scenario::{Bundle, load_bundle};
use kunren::session::{Drill, DrillMeta};
use serde_json::json;

const SCENARIO: &str = "scenarios/hospital-ransomware.ron";

fn bundle(path: &str) -> Arc<Bundle> {
    match load_bundle(path, None) {
        Ok((b, _)) => Arc::new(b),
        Err(e) => panic!("cannot load {path}:\n{}", e.render()),
    }
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

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn exercise() -> ExerciseFacts {
    ExerciseFacts {
        evaluators: vec!["Mariko Ueda".into(), "Shinji Kato".into()],
        handling: Some("CUI".into()),
        location: Some("Conference room B".into()),
        organisations: vec!["MedTech Service Co.".into()],
        poc: Some("Exercise office, +81-3-0000-0000".into()),
        sponsor: Some("Board of Directors".into()),
        ..ExerciseFacts::default()
    }
}

fn meta(exercise: ExerciseFacts) -> DrillMeta {
    DrillMeta {
        facilitator: "Hanako Mori".into(),
        participants: vec![
            Participant {
                name: "Aiko Sato".into(),
                role: "exec".into(),
            },
            Participant {
                name: "Kenji Watanabe (head of medical informatics)".into(),
                role: "ciso".into(),
            },
        ],
        timezone: "Asia/Tokyo".into(),
        mode: "headless".into(),
        exercise,
        ..DrillMeta::default()
    }
}

fn plan_item() -> ImprovementItem {
    ImprovementItem {
        id: "IP-7".into(),
        action: "Write a call tree for supplier remote access".into(),
        objective: Some("contain-eradicate".into()),
        capability: None,
        area: Some("AFI-1".into()),
        element: Some(CapabilityElement::Planning),
        organisation: "Medical informatics department".into(),
        owner: "Head of medical informatics".into(),
        start: Some("2099-01-05".into()),
        due: "2099-03-31".into(),
        status: ItemStatus::InProgress,
    }
}

fn hotwash() -> Hotwash {
    Hotwash {
        strengths: vec!["Paper downtime procedures started at once".into()],
        areas: vec![AreaForImprovement {
            id: "AFI-1".into(),
            text: "The supplier's VPN stayed open".into(),
            observation: "The MSS ticket named the VPN account at 03:12".into(),
            analysis: "Nobody on call could cut supplier access at night".into(),
            recommendation: "Give the on-call CISO that authority".into(),
            reference: "IR plan section 4.2".into(),
        }],
        items: vec![plan_item()],
        signoff: Some("Aiko Sato".into()),
        signoff_role: Some("Hospital Director".into()),
        signoff_statement: Some("I accept the findings and fund the plan".into()),
        ..Hotwash::default()
    }
}

/// Plays the hospital drill with the expert, a public note mentioning a participant, a
/// private note and the hotwash; returns the journal path.
fn record(dir: &Path, exercise: ExerciseFacts) -> PathBuf {
    let path = dir.join("aar.jsonl");
    let mut drill =
        Drill::start(bundle(SCENARIO), 1, &meta(exercise), Some(&path), None).expect("start");
    drill
        .note("Kenji Watanabe asked for the supplier's phone number")
        .expect("note");
    drill
        .private_note("Private: the CISO seemed overwhelmed by the press calls")
        .expect("private note");
    let mut p = policy::Expert::default();
    let script = Script {
        format: 1,
        hotwash: Some(hotwash()),
        ..Script::default()
    };
    play_drill(&mut drill, &mut p, Some(&script), |_| {}).expect("play");
    drill.close("").expect("seal");
    path
}

fn full(path: &Path, format: Format) -> String {
    report::render(&report::load(path).expect("model"), format)
}

fn redacted(path: &Path, format: Format) -> String {
    let mut m = report::load(path).expect("model");
    report::redact::redact(&mut m);
    report::render(&m, format)
}

#[test]
fn overview_facts_are_journaled_and_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = record(dir.path(), exercise());
    let j = read_journal(&path).expect("journal");
    let extra = HeaderExtra::decode(&j.header.extra).expect("extra");
    let ex = extra.exercise.expect("exercise facts in the header");
    assert_eq!(ex.sponsor.as_deref(), Some("Board of Directors"));
    assert_eq!(ex.evaluators, ["Mariko Ueda", "Shinji Kato"]);
    assert_eq!(ex.handling.as_deref(), Some("CUI"));
    // From the scenario.
    assert!(
        ex.threat
            .as_deref()
            .is_some_and(|t| t.contains("Ransomware"))
    );
    assert!(!ex.mission_areas.is_empty());
    assert!(extra.objectives.iter().all(|o| o.capability.is_some()));
    for format in [Format::Md, Format::Html] {
        let t = full(&path, format);
        for needle in [
            "Sponsor",
            "Board of Directors",
            "Point of contact",
            "Exercise office, +81-3-0000-0000",
            "Conference room B",
            "Mariko Ueda",
            "Shinji Kato",
            "Participating organisations",
            "MedTech Service Co.",
            "Threat or hazard",
            "Mission areas",
            "Protection, Response, Recovery",
            "Core capabilities",
            "Operational Coordination",
            "Public Health, Healthcare, and Emergency Medical Services",
        ] {
            assert!(t.contains(needle), "{format:?}: {needle}");
        }
    }
}

#[test]
fn cli_options_reach_the_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    let j = dir.path().join("cli.jsonl");
    let (code, _, err) = kunren(&[
        "run",
        "--policy",
        "expert",
        "--journal",
        s(&j),
        "--sponsor",
        "Kaiyo board",
        "--poc",
        "Exercise office",
        "--location",
        "Yokosuka plant",
        "--evaluator",
        "E. One",
        "--evaluator",
        "E. Two",
        "--organisation",
        "Daito Heavy Industries",
        "--organization",
        "CAD vendor",
        "--handling",
        "社外秘",
    ]);
    assert_eq!(code, 0, "{err}");
    let h = read_journal(&j).expect("journal").header;
    let ex = HeaderExtra::decode(&h.extra)
        .expect("extra")
        .exercise
        .expect("facts");
    assert_eq!(ex.sponsor.as_deref(), Some("Kaiyo board"));
    assert_eq!(ex.poc.as_deref(), Some("Exercise office"));
    assert_eq!(ex.location.as_deref(), Some("Yokosuka plant"));
    assert_eq!(ex.evaluators, ["E. One", "E. Two"]);
    assert_eq!(ex.organisations, ["Daito Heavy Industries", "CAD vendor"]);
    assert_eq!(ex.handling.as_deref(), Some("社外秘"));
    let md = full(&j, Format::Md);
    assert!(md.starts_with("**社外秘**\n"), "{}", &md[..80]);
}

#[test]
fn the_handling_marking_is_on_every_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = record(dir.path(), exercise());
    let md = full(&path, Format::Md);
    assert!(md.starts_with("**CUI**\n\n# "), "top: {}", &md[..40]);
    assert!(md.trim_end().ends_with("**CUI**"), "bottom");
    let html = full(&path, Format::Html);
    // Printed: in the top and bottom margin of every page; on screen: above and below.
    assert!(
        html.contains("@top-center{content:\"CUI\""),
        "top margin box"
    );
    assert!(
        html.contains("@bottom-center{content:\"CUI\""),
        "bottom margin box"
    );
    assert!(html.contains("<div class=\"handling top\" role=\"note\">CUI</div>"));
    assert!(html.contains("<div class=\"handling bottom\" role=\"note\">CUI</div>"));
    let body_start = html.find("<body>").expect("body");
    let main_start = html.find("<main>").expect("main");
    assert!(html[body_start..main_start].contains("handling top"));
    // Without a marking there is none.
    let dir2 = tempfile::tempdir().expect("tempdir");
    let plain = record(dir2.path(), ExerciseFacts::default());
    let html = full(&plain, Format::Html);
    assert!(!html.contains("@top-center"));
    assert!(!html.contains("class=\"handling"));
    assert!(full(&plain, Format::Md).starts_with("# "));
}

#[test]
fn the_improvement_plan_has_every_hseep_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = record(dir.path(), exercise());
    let md = full(&path, Format::Md);
    let head = md
        .lines()
        .find(|l| l.starts_with("| Id | Core capability |"))
        .expect("plan header");
    assert_eq!(
        head,
        "| Id | Core capability | Area for improvement | Corrective action | Capability element \
         | Primary responsible organisation | Organisation POC | Start | Completion | Status |"
    );
    let row = md
        .lines()
        .find(|l| l.contains("Write a call tree for supplier remote access"))
        .expect("plan row");
    let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
    assert_eq!(cells.len(), 10, "{row}");
    assert!(cells[0].starts_with("`IP-7`"), "{row}");
    assert!(
        cells[1].starts_with("Interdiction and Disruption"),
        "capability from the objective: {row}"
    );
    assert!(cells[1].contains("`contain-eradicate`"), "{row}");
    assert!(
        cells[2].starts_with("`AFI-1` The supplier's VPN stayed open"),
        "{row}"
    );
    assert_eq!(cells[4], "Planning");
    assert_eq!(cells[5], "Medical informatics department");
    assert_eq!(cells[6], "Head of medical informatics");
    assert_eq!(cells[7], "2099-01-05");
    assert_eq!(cells[8], "2099-03-31");
    assert_eq!(cells[9], "in progress");
    // The area for improvement in full.
    for needle in [
        "**AFI-1 — The supplier's VPN stayed open**",
        "- **Observation:** The MSS ticket named the VPN account at 03:12",
        "- **Analysis:** Nobody on call could cut supplier access at night",
        "- **Recommendation:** Give the on-call CISO that authority",
        "- **Reference:** IR plan section 4.2",
    ] {
        assert!(md.contains(needle), "{needle}");
    }
    // The item round-trips through the journal as the one type.
    let j = read_journal(&path).expect("journal");
    let rec = j
        .records
        .iter()
        .find(|r| r.kind == RecordKind::ImprovementItem)
        .expect("item record");
    assert_eq!(
        Body::of(rec).expect("body"),
        Body::ImprovementItem(plan_item())
    );
}

#[test]
fn the_signoff_is_journaled_with_statement_role_and_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = record(dir.path(), exercise());
    let j = read_journal(&path).expect("journal");
    let rec = j
        .records
        .iter()
        .find(|r| r.kind == RecordKind::ExecutiveSignoff)
        .expect("sign-off");
    let Body::Signoff(so) = Body::of(rec).expect("body") else {
        panic!("not a sign-off")
    };
    assert_eq!(so.name, "Aiko Sato");
    assert_eq!(so.role, "Hospital Director");
    assert_eq!(so.statement, "I accept the findings and fund the plan");
    assert!(
        kunren::journal::is_valid_timestamp(&so.time),
        "time: {}",
        so.time
    );
    for format in [Format::Md, Format::Html] {
        let t = full(&path, format);
        for needle in [
            "Executive sign-off",
            "Statement",
            "I accept the findings and fund the plan",
            "Hospital Director",
            "Approval",
            "Approved by (executive)",
            "Prepared by (facilitator)",
            "Reviewed by (evaluator)",
        ] {
            assert!(t.contains(needle), "{format:?}: {needle}");
        }
        // The time, in the drill's zone.
        assert!(t.contains(" JST"), "{format:?}");
    }
    let md = full(&path, Format::Md);
    let approval = &md[md.find("## Approval").expect("approval block")..];
    assert!(approval.contains("| Approved by (executive) | Aiko Sato | Hospital Director |  |  |"));
    assert!(approval.contains("| Reviewed by (evaluator) | Mariko Ueda |"));
}

#[test]
fn the_redacted_edition_names_roles_and_leaves_private_notes_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = record(dir.path(), exercise());
    let people = [
        "Aiko Sato",
        "Kenji Watanabe",
        "Hanako Mori",
        "Mariko Ueda",
        "Shinji Kato",
    ];
    let private = "the CISO seemed overwhelmed by the press calls";
    for format in [Format::Md, Format::Html] {
        let t = full(&path, format);
        for n in people {
            assert!(t.contains(n), "full {format:?} names {n}");
        }
        assert!(t.contains(private), "full {format:?} has the private note");
        assert!(!t.contains("REDACTED EDITION"));

        let r = redacted(&path, format);
        for n in people {
            assert!(!r.contains(n), "redacted {format:?} still names {n}");
        }
        assert!(
            !r.contains(private),
            "redacted {format:?} has the private note"
        );
        assert!(r.contains("REDACTED EDITION"), "{format:?} notice");
        assert!(r.contains("redacted edition"), "{format:?} title");
        // Names become roles, including inside free text.
        assert!(r.contains("asked for the supplier"), "{format:?}");
        let first_page = &r[..r
            .find("1. Exercise overview")
            .or_else(|| r.find("1\\. Exercise overview"))
            .expect("overview")];
        assert!(
            first_page.contains("REDACTED EDITION"),
            "notice on the first page"
        );
        // The integrity figures still describe the full journal.
        let m = report::load(&path).expect("model");
        assert!(r.contains(&m.integrity.file_sha256));
        assert!(r.contains(&m.integrity.merkle_root));
        assert_eq!(
            full(&path, format)
                .matches(&m.integrity.file_sha256)
                .count(),
            r.matches(&m.integrity.file_sha256).count()
        );
    }
    // On the command line: --redact writes its own file next to the journal.
    let (code, _, err) = kunren(&["report", s(&path), "--redact"]);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("aar.jsonl.aar.redacted.md");
    let text = std::fs::read_to_string(&out).expect("redacted report written");
    assert!(text.contains("REDACTED EDITION") && !text.contains("Aiko Sato"));
    assert!(
        text.contains("--redact"),
        "the regenerate command keeps --redact"
    );
    assert!(!dir.path().join("aar.jsonl.aar.md").exists());
}

#[test]
fn the_verify_commands_wrap_in_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = record(dir.path(), ExerciseFacts::default());
    let html = full(&path, Format::Html);
    let css = &html[..html.find("</style>").expect("style")];
    let rule = css
        .lines()
        .find(|l| l.starts_with("pre code{"))
        .expect("pre code rule");
    assert!(rule.contains("white-space:pre-wrap"), "{rule}");
    assert!(css.contains("pre,pre code{white-space:pre-wrap !important"));
}

#[test]
fn old_bodies_and_the_golden_fixture_still_decode_and_report() {
    // Bodies as journals wrote them before the HSEEP fields.
    let item = Body::decode(
        RecordKind::ImprovementItem,
        &json!({"action": "a", "objective": null, "owner": "o", "due": "2026-01-31"}),
    )
    .expect("old item");
    let Body::ImprovementItem(item) = item else {
        panic!("item")
    };
    assert_eq!(item.status, ItemStatus::Open);
    assert!(item.id.is_empty() && item.element.is_none() && item.start.is_none());
    let so = Body::decode(RecordKind::ExecutiveSignoff, &json!({"name": "N"})).expect("old");
    assert_eq!(
        so,
        Body::Signoff(Signoff {
            name: "N".into(),
            ..Signoff::default()
        })
    );
    let note = Body::decode(RecordKind::FacilitatorNote, &json!({"text": "t"})).expect("old");
    assert!(matches!(note, Body::Note(n) if !n.private));
    let area =
        Body::decode(RecordKind::HotwashImprovementArea, &json!({"text": "t"})).expect("old");
    assert!(matches!(area, Body::AreaForImprovement(a) if a.observation.is_empty()));
    // New bodies with nothing new keep the old bytes.
    assert_eq!(
        Body::decode(RecordKind::FacilitatorNote, &json!({"text": "t"}))
            .expect("note")
            .to_value(),
        json!({"text": "t"})
    );

    // A journal written under rules v1, before any of this: its header re-encodes to the same
    // JSON, and it reports.
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal/v1-expert-seed1.jsonl");
    let j = read_journal(&fixture).expect("fixture");
    let extra = HeaderExtra::decode(&j.header.extra).expect("extra");
    assert!(extra.exercise.is_none());
    assert_eq!(
        extra.to_value(),
        j.header.extra,
        "byte-identical header extra"
    );
    let m = report::load(&fixture).expect("model");
    assert!(m.checks.is_empty(), "{:?}", m.checks);
    let md = report::render(&m, Format::Md);
    assert!(md.contains("Sponsor:** not recorded in the journal"));
    assert!(md.starts_with("# "), "no handling marking");
}

#[test]
fn organisation_defaults_fill_what_the_set_up_leaves_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let org = std::fs::read_to_string("tests/fixtures/valid/mini-org.ron").expect("org");
    let org = org.replacen(
        "    format: 1,",
        "    format: 1,\n    report: (sponsor: \"Org sponsor\", handling: \"社外秘\", organisations: [\"Prime liaison\"]),",
        1,
    );
    std::fs::write(dir.path().join("mini-org.ron"), org).expect("org");
    std::fs::copy(
        "tests/fixtures/valid/mini-scenario.ron",
        dir.path().join("mini-scenario.ron"),
    )
    .expect("scenario");
    let scenario = dir.path().join("mini-scenario.ron");
    let (code, _, err) = kunren(&["check", s(&scenario)]);
    assert_eq!(code, 0, "{err}");
    let b = bundle(s(&scenario));
    let facts = |m: &DrillMeta| kunren::session::exercise_facts(&b, m);
    let none = facts(&DrillMeta::default());
    assert_eq!(none.sponsor.as_deref(), Some("Org sponsor"));
    assert_eq!(none.handling.as_deref(), Some("社外秘"));
    assert_eq!(none.organisations, ["Prime liaison"]);
    let given = facts(&DrillMeta {
        exercise: ExerciseFacts {
            sponsor: Some("CLI sponsor".into()),
            organisations: vec![" ".into(), "CLI org".into()],
            ..ExerciseFacts::default()
        },
        ..DrillMeta::default()
    });
    assert_eq!(given.sponsor.as_deref(), Some("CLI sponsor"));
    assert_eq!(given.organisations, ["CLI org"]);
    assert_eq!(given.handling.as_deref(), Some("社外秘"));
}
