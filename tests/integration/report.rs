//! `kunren report`: the after-action report from a journal alone.
//!
//! Journals are generated here by the library (the same `Drill` + `play_drill` the CLI uses),
//! so the tests follow the shipped scenarios as they evolve; the assertions compare the report
//! with the journal's own records, never with fixed numbers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use kunren::headless::play_drill;
use kunren::journal::{
    Actor, CloseStatus, Header, JournalWriter, Participant, Record, RecordKind, WriterOptions,
    read_journal,
};
use kunren::policy::{self, Policy};
use kunren::report::model::{ClockVerdict, StepVerdict};
use kunren::report::{self, Format, ReportModel};
use kunren::scenario::script::{Hotwash, ImprovementItem, Override, Script, ScriptTurn};
use kunren::scenario::{Bundle, load_bundle};
use kunren::session::{Drill, DrillMeta};
use serde_json::{Value, json};

const SCENARIOS: [&str; 2] = [
    "scenarios/defence-contractor-double-extortion.ron",
    "scenarios/hospital-ransomware.ron",
];

const SECTIONS_EN: [&str; 9] = [
    "1. Exercise overview",
    "2. Participants and roles",
    "3. Timeline",
    "4. Objectives and ratings",
    "5. Regulatory clocks",
    "6. Team response and reference response",
    "7. Strengths, areas for improvement and improvement plan",
    "8. Compliance mapping",
    "9. Integrity of the evidence",
];

const NO_EXEC: &str = "No executive decision-maker took part";

fn bundle(path: &str) -> Arc<Bundle> {
    match load_bundle(path, None) {
        Ok((b, _)) => Arc::new(b),
        Err(e) => panic!("cannot load {path}:\n{}", e.render()),
    }
}

fn player(kind: &str) -> Box<dyn Policy> {
    match kind {
        "idle" => Box::new(policy::Idle),
        _ => Box::new(policy::Expert::default()),
    }
}

fn meta(participants: &[(&str, &str)]) -> DrillMeta {
    DrillMeta {
        title: None,
        facilitator: "Sato Hanako".into(),
        participants: participants
            .iter()
            .map(|(n, r)| Participant {
                name: (*n).into(),
                role: (*r).into(),
            })
            .collect(),
        language: None,
        timezone: "Asia/Tokyo".into(),
        mode: "headless".into(),
        previous_drill: None,
    }
}

/// Plays a drill to its end with a journal at `path` and seals it.
fn record(scenario: &str, kind: &str, meta: &DrillMeta, script: Option<&Script>, path: &Path) {
    let b = bundle(scenario);
    let mut drill = Drill::start(b, 1, meta, Some(path), None).expect("start drill");
    let mut p = player(kind);
    play_drill(&mut drill, p.as_mut(), script, |_| {}).expect("play drill");
    drill.close("").expect("seal journal");
}

fn records(path: &Path) -> Vec<Record> {
    read_journal(path).expect("read journal").records
}

fn model(path: &Path) -> ReportModel {
    report::load(path).expect("report model")
}

fn text(path: &Path, format: Format) -> String {
    report::render(&model(path), format)
}

fn kunren(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
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

/// The four shipped runs (expert and idle of both scenarios), recorded once per test.
fn shipped_runs(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for sc in SCENARIOS {
        for kind in ["expert", "idle"] {
            let name = format!(
                "{}-{kind}.jsonl",
                Path::new(sc)
                    .file_stem()
                    .and_then(|x| x.to_str())
                    .unwrap_or("x")
            );
            let path = dir.join(&name);
            record(sc, kind, &meta(&[("Tanaka Ichiro", "soc")]), None, &path);
            out.push((name, path));
        }
    }
    out
}

#[test]
fn every_section_is_present_in_both_formats_for_the_shipped_scenarios() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, path) in shipped_runs(dir.path()) {
        for format in [Format::Md, Format::Html] {
            let written = report::generate(&path, format, None).expect("generate");
            let out = written.path.clone().expect("written to a file");
            assert_eq!(out, report::default_output(&path, format));
            assert!(
                out.to_string_lossy()
                    .ends_with(&format!(".jsonl.aar.{}", format.extension())),
                "{}",
                out.display()
            );
            let body = std::fs::read_to_string(&out).expect("read report");
            for section in SECTIONS_EN {
                let needle = match format {
                    Format::Md => format!("## {}", section.replacen(". ", "\\. ", 1)),
                    Format::Html => format!(">{section}</h2>"),
                };
                assert!(
                    body.contains(&needle),
                    "{name} {format:?}: no section {section}"
                );
            }
            let h = &records(&path)[0].body;
            let title = h["drill_title"].as_str().expect("title");
            assert!(
                body.contains(&report::html::esc(title))
                    || body.contains(&report::markdown::esc(title))
            );
            if format == Format::Html {
                assert!(body.starts_with("<!DOCTYPE html>"));
                assert!(body.contains("<svg"), "{name}: no chart");
                assert!(body.contains("@media print") && body.contains("size:A4"));
                for external in ["<script", "<link", "src=", "@import", "url(", "https://"] {
                    assert!(
                        !body.contains(external),
                        "{name}: external asset {external}"
                    );
                }
                let http: Vec<_> = body
                    .match_indices("http://")
                    .map(|(i, _)| &body[i..i + 26])
                    .collect();
                assert!(
                    http.iter()
                        .all(|x| x.starts_with("http://www.w3.org/2000/svg")),
                    "{http:?}"
                );
            }
        }
    }
}

#[test]
fn numbers_equal_the_journal_score_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, path) in shipped_runs(dir.path()) {
        let recs = records(&path);
        let lines: Vec<&Value> = recs
            .iter()
            .filter(|r| r.kind == RecordKind::ScoreLine)
            .map(|r| &r.body)
            .collect();
        let mut earned: BTreeMap<String, i64> = BTreeMap::new();
        let mut achievable: BTreeMap<String, i64> = BTreeMap::new();
        for l in &lines {
            let obj = l["objective"].as_str().expect("objective").to_string();
            *earned.entry(obj.clone()).or_default() += l["points"].as_i64().expect("points");
            *achievable.entry(obj).or_default() += l["max_points"].as_i64().expect("max").max(0);
        }
        let m = model(&path);
        assert!(m.checks.is_empty(), "{name}: {:?}", m.checks);
        assert_eq!(m.score_lines.len(), lines.len());
        assert_eq!(m.outcome.total, earned.values().sum::<i64>(), "{name}");
        assert_eq!(
            m.outcome.achievable,
            achievable.values().sum::<i64>(),
            "{name}"
        );
        // The journal's own final result, rating by rating.
        let result = recs
            .iter()
            .rev()
            .find(|r| r.kind == RecordKind::TurnEnded)
            .map(|r| r.body["result"].clone())
            .expect("final turn_ended");
        assert_eq!(m.outcome.total, result["total"].as_i64().expect("total"));
        let md = text(&path, Format::Md);
        for o in &m.objectives {
            let id = &o.result.id;
            assert_eq!(
                i64::from(o.result.earned),
                earned.get(id).copied().unwrap_or(0),
                "{name} {id}"
            );
            assert_eq!(
                i64::from(o.result.achievable),
                achievable.get(id).copied().unwrap_or(0),
                "{name} {id}"
            );
            let rec = result["objectives"]
                .as_array()
                .expect("objectives")
                .iter()
                .find(|x| x["id"] == id.as_str())
                .expect("recorded objective");
            assert_eq!(rec["rating"], json!(o.result.rating), "{name} {id}");
            let row = format!("| `{id}` ");
            let cells = format!("| {}/{} |", o.result.earned, o.result.achievable);
            assert!(
                md.lines()
                    .any(|l| l.starts_with(&row) && l.contains(&cells)),
                "{name}: objective row for {id} with {cells}"
            );
        }
        // Every score line is listed with its number, points and reason.
        for l in &lines {
            let n = l["line"].as_u64().expect("line");
            let pts = l["points"].as_i64().expect("points");
            let pts = if pts > 0 {
                format!("+{pts}")
            } else {
                pts.to_string()
            };
            let row = md
                .lines()
                .find(|x| x.starts_with(&format!("| \\#{n} |")))
                .unwrap_or_else(|| panic!("{name}: score line #{n} missing"));
            let pts_cell = format!("| {} |", report::markdown::esc(&pts));
            assert!(row.contains(&pts_cell), "{name}: {row}");
            let reason = report::markdown::esc(l["reason"].as_str().expect("reason"));
            assert!(row.contains(&reason), "{name}: {row}");
        }
        // The chart ends on the final total.
        assert_eq!(
            m.turns.last().map(|t| t.computed_total),
            Some(m.outcome.total)
        );
    }
}

#[test]
fn clock_verdicts_follow_the_clock_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut seen = BTreeMap::new();
    for (name, path) in shipped_runs(dir.path()) {
        let recs = records(&path);
        let header = &recs[0].body;
        let turn_minutes = header["extra"]["scenario"]["turn_minutes"]
            .as_u64()
            .expect("turn minutes");
        let end_hours = recs
            .iter()
            .rev()
            .find(|r| r.kind == RecordKind::TurnEnded)
            .and_then(|r| r.body["minutes"].as_u64())
            .expect("minutes")
            / 60;
        let m = model(&path);
        let declared: usize = header["extra"]["regimes"]
            .as_array()
            .expect("regimes")
            .iter()
            .map(|r| r["clocks"].as_array().map_or(0, Vec::len))
            .sum();
        assert!(m.clocks.len() >= declared);
        let md = text(&path, Format::Md);
        for c in &m.clocks {
            let ev = |kind: RecordKind| {
                recs.iter()
                    .find(|r| r.kind == kind && r.body["clock"] == c.id.as_str())
                    .map(|r| &r.body)
            };
            let started = ev(RecordKind::ClockStarted);
            let met = ev(RecordKind::ClockMet);
            let missed = ev(RecordKind::ClockMissed);
            let hours_of = |b: &Value| b["hours_since_start"].as_i64().expect("hours");
            // The legal deadline: start + hours allowed; without a start record (a clock met in
            // the turn it started), the deadline turn the engine applied.
            let deadline = match (started, c.hours) {
                (Some(b), Some(h)) => Some(hours_of(b) + h as i64),
                _ => started.or(met).or(missed).map(|b| {
                    b["deadline_turn"].as_i64().expect("deadline") * turn_minutes as i64 / 60
                }),
            };
            let expected = match (started, met, missed) {
                (_, Some(m), Some(_)) => ClockVerdict::MetLate {
                    late_hours: hours_of(m) - deadline.expect("deadline"),
                },
                (_, Some(m), None) => ClockVerdict::Met {
                    margin_hours: deadline.expect("deadline") - hours_of(m),
                },
                (_, None, Some(_)) => ClockVerdict::Missed {
                    overdue_hours: end_hours as i64 - deadline.expect("deadline"),
                },
                (Some(_), None, None) => ClockVerdict::Open {
                    hours_left: deadline.expect("deadline") - end_hours as i64,
                },
                (None, None, None) => ClockVerdict::NotStarted,
            };
            assert_eq!(c.verdict, expected, "{name} {}", c.id);
            if let ClockVerdict::Met { margin_hours } = c.verdict {
                assert!(margin_hours >= 0, "{name} {}: met after its deadline", c.id);
                assert!(
                    md.contains(&format!("✔ met, {margin_hours} h to spare")),
                    "{name}"
                );
            }
            if let ClockVerdict::Missed { overdue_hours } = c.verdict {
                assert!(md.contains("past the deadline at the end"), "{name}");
                assert!(md.contains(&format!("({overdue_hours} h past")), "{name}");
            }
            let key = match c.verdict {
                ClockVerdict::NotStarted => "not-started",
                ClockVerdict::Open { .. } => "open",
                ClockVerdict::Met { .. } => "met",
                ClockVerdict::MetLate { .. } => "met-late",
                ClockVerdict::Missed { .. } => "missed",
            };
            *seen.entry(key).or_insert(0) += 1;
        }
    }
    // The expert meets at least one clock; whatever else happens is checked above.
    assert!(seen.contains_key("met"), "{seen:?}");
}

/// A hand-made journal with three clocks: missed then met late, missed and never met, met.
fn clock_journal(path: &Path) {
    let header = Header {
        kunren_version: "0.1.0".into(),
        drill_id: "clocks".into(),
        drill_title: "Clocks".into(),
        scenario_id: "s".into(),
        scenario_title: "S".into(),
        scenario_sha256: "ab".repeat(32),
        scenario_path: "s.ron".into(),
        org_id: "o".into(),
        org_name: "O".into(),
        org_sha256: "cd".repeat(32),
        org_path: "o.ron".into(),
        seed: 1,
        facilitator: "F".into(),
        participants: vec![],
        timezone: "UTC".into(),
        language: "en".into(),
        pubkey_id: None,
        extra: json!({
            "scenario": {"turn_minutes": 240, "max_turns": 10},
            "regimes": [{"id": "r", "name": "Regime", "authority": "Authority", "clocks": [
                {"id": "late", "title": "Late report", "hours": 8},
                {"id": "never", "title": "Never reported", "hours": 4},
                {"id": "ok", "title": "Report on time", "hours": 24},
                {"id": "idle", "title": "Never triggered", "hours": 24}
            ]}],
        }),
    };
    let opts = WriterOptions::new().fixed_clock(
        time::macros::datetime!(2026-04-01 00:00:00 UTC),
        time::Duration::seconds(60),
    );
    let mut w = JournalWriter::create_with(path, header, None, opts).expect("create");
    let clock = |id: &str, event: &str, deadline: u32, hours: u32| json!({"clock": format!("r/{id}"), "event": event, "deadline_turn": deadline, "hours_since_start": hours});
    let kind = |event: &str| match event {
        "started" => RecordKind::ClockStarted,
        "met" => RecordKind::ClockMet,
        _ => RecordKind::ClockMissed,
    };
    // Turns of 4 h. Started at the end of turn 1 (T+4 h).
    let events = [
        (1, "late", "started", 3, 4),
        (1, "never", "started", 2, 4),
        (1, "ok", "started", 7, 4),
        (3, "never", "missed", 2, 12),
        (4, "late", "missed", 3, 16),
        (4, "ok", "met", 7, 16),
        (5, "late", "met", 3, 20),
    ];
    for turn in 1..=6u32 {
        w.append(
            turn,
            RecordKind::TurnStarted,
            &Actor::Engine,
            json!({"turn": turn}),
        )
        .expect("append");
        for (t, id, event, deadline, hours) in events {
            if t == turn {
                w.append(
                    turn,
                    kind(event),
                    &Actor::Engine,
                    clock(id, event, deadline, hours),
                )
                .expect("append");
            }
        }
        let body = json!({"turn": turn, "minutes": turn * 240, "total": 0, "events": []});
        w.append(turn, RecordKind::TurnEnded, &Actor::Engine, body)
            .expect("append");
    }
    w.seal(CloseStatus::Completed, "").expect("seal");
}

#[test]
fn missed_and_late_clocks_say_by_how_much() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("clocks.jsonl");
    clock_journal(&path);
    let m = model(&path);
    let verdict = |id: &str| {
        m.clocks
            .iter()
            .find(|c| c.id == format!("r/{id}"))
            .map(|c| c.verdict.clone())
            .expect("clock")
    };
    // Deadline = start (T+4 h) + hours allowed; the drill ends at T+24 h.
    assert_eq!(verdict("late"), ClockVerdict::MetLate { late_hours: 8 });
    assert_eq!(verdict("never"), ClockVerdict::Missed { overdue_hours: 16 });
    assert_eq!(verdict("ok"), ClockVerdict::Met { margin_hours: 12 });
    assert_eq!(verdict("idle"), ClockVerdict::NotStarted);
    let md = report::render(&m, Format::Md);
    for needle in [
        "✖ missed; delivered 8 h late",
        "✖ missed; not delivered (16 h past the deadline at the end)",
        "✔ met, 12 h to spare",
        "not started",
    ] {
        assert!(md.contains(needle), "{needle}");
    }
    assert!(md.contains("Late report"));
    assert!(md.contains("Key findings"));
}

#[test]
fn a_missing_executive_is_flagged_and_a_present_one_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let without = dir.path().join("no-exec.jsonl");
    record(
        SCENARIOS[0],
        "expert",
        &meta(&[("Tanaka Ichiro", "soc"), ("Suzuki Yui", "ciso")]),
        None,
        &without,
    );
    let with = dir.path().join("exec.jsonl");
    record(
        SCENARIOS[0],
        "expert",
        &meta(&[("Yamada Taro", "exec"), ("Tanaka Ichiro", "soc")]),
        None,
        &with,
    );
    let m = model(&without);
    assert!(!m.people.executive_present);
    for format in [Format::Md, Format::Html] {
        let t = text(&without, format);
        assert!(
            t.matches(NO_EXEC).count() >= 2,
            "first page and section 2: {format:?}"
        );
        let t = text(&with, format);
        assert!(!t.contains(NO_EXEC), "{format:?}");
        assert!(t.contains("Executive decision-maker present: Yamada Taro."));
    }
    let md = text(&without, Format::Md);
    let row = md
        .lines()
        .find(|l| l.contains("Management takes part in the drill"))
        .expect("compliance row");
    assert!(row.contains("✖ gap"), "{row}");
}

/// A script with participants, notes, an override and a hotwash, built against the scenario's
/// actual score lines (found by a dry run) so that it stays valid as the scenario changes.
fn rich_script(scenario: &str, notes: &[&str]) -> (Script, u32) {
    let b = bundle(scenario);
    let mut dry = Drill::start(b, 1, &meta(&[]), None, None).expect("dry run");
    let summary = play_drill(&mut dry, &mut policy::Expert::default(), None, |_| {}).expect("play");
    let line = summary
        .score_lines
        .iter()
        .find(|l| l.turn < summary.turns && l.points > 0)
        .expect("a positive score line before the last turn")
        .clone();
    let script = Script {
        format: 1,
        facilitator: Some("Sato Hanako".into()),
        title: None,
        previous_drill: None,
        participants: vec![],
        turns: vec![
            ScriptTurn {
                turn: 1,
                notes: notes.iter().map(|n| (*n).to_string()).collect(),
                ..ScriptTurn::default()
            },
            ScriptTurn {
                turn: line.turn + 1,
                overrides: vec![Override {
                    line: line.line,
                    points: line.points / 2,
                    reason: "Done, but only after the facilitator's prompt".into(),
                }],
                ..ScriptTurn::default()
            },
        ],
        hotwash: Some(Hotwash {
            strengths: vec!["The crisis team met within the hour".into()],
            improvements: vec!["Nobody knew where the offline backup key was".into()],
            items: vec![
                ImprovementItem {
                    action: "Store the backup key in the crisis binder".into(),
                    objective: Some(line.objective.clone()),
                    owner: "IT operations manager".into(),
                    due: "2026-06-30".into(),
                },
                ImprovementItem {
                    action: "Name a deputy for the CISO".into(),
                    objective: None,
                    owner: String::new(),
                    due: String::new(),
                },
            ],
            signoff: Some("Yamada Taro, President".into()),
        }),
    };
    (script, line.line)
}

#[test]
fn notes_overrides_and_the_hotwash_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rich.jsonl");
    let (script, line) = rich_script(SCENARIOS[1], &["Phones in the crisis room were unreliable"]);
    record(
        SCENARIOS[1],
        "expert",
        &meta(&[("Yamada Taro", "exec")]),
        Some(&script),
        &path,
    );
    let m = model(&path);
    assert!(m.checks.is_empty(), "{:?}", m.checks);
    assert_eq!(m.overrides.len(), 1);
    assert_eq!(m.overrides[0].ov.line, line);
    // The override is reflected in the recomputed rating and the total.
    let lines = m.score_lines.clone();
    let sum: i64 = lines
        .iter()
        .map(|l| {
            if l.line == line {
                i64::from(m.overrides[0].ov.to)
            } else {
                i64::from(l.points)
            }
        })
        .sum();
    assert_eq!(m.outcome.total, sum);
    for format in [Format::Md, Format::Html] {
        let t = text(&path, format);
        for needle in [
            "Phones in the crisis room were unreliable",
            "Done, but only after the facilitator",
            "The crisis team met within the hour",
            "Nobody knew where the offline backup key was",
            "Store the backup key in the crisis binder",
            "IT operations manager",
            "2026-06-30",
            "Yamada Taro, President",
        ] {
            assert!(t.contains(needle), "{format:?}: {needle}");
        }
        assert!(!t.contains("No improvement plan is recorded"));
        assert!(!t.contains("No executive sign-off is recorded"));
    }
    let md = text(&path, Format::Md);
    let row = md
        .lines()
        .find(|l| l.contains("Name a deputy for the CISO"))
        .expect("item");
    assert_eq!(
        row.matches("✖ missing").count(),
        2,
        "owner and due flagged: {row}"
    );
}

#[test]
fn japanese_drills_get_japanese_headings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ja.jsonl");
    let mut m = meta(&[("山田太郎", "exec")]);
    m.language = Some("ja".into());
    record(SCENARIOS[0], "expert", &m, None, &path);
    let html = text(&path, Format::Html);
    assert!(html.contains("<html lang=\"ja\">"));
    for h in [
        "演習の概要",
        "参加者と役割",
        "タイムライン",
        "目標と評価",
        "規制上の報告期限",
        "チームの対応と模範対応",
        "改善計画",
        "コンプライアンス対応表",
        "証拠の完全性",
        "検証方法",
    ] {
        assert!(html.contains(h), "{h}");
    }
    assert!(!html.contains("Exercise overview"));
    // Action, regime and clock names in Japanese where the header carries them.
    let header = &records(&path)[0].body;
    let named = header["extra"]["actions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["name_ja"].as_str())
        .filter(|n| html.contains(&report::html::esc(n)))
        .count();
    assert!(named > 0, "no Japanese action name in the report");
    for regime in header["extra"]["regimes"].as_array().into_iter().flatten() {
        if let Some(n) = regime["name_ja"].as_str() {
            assert!(html.contains(&report::html::esc(n)), "{n}");
        }
    }
    let md = text(&path, Format::Md);
    assert!(md.starts_with("# 事後評価報告書および改善計画"));
}

/// A journal made by hand with hostile text everywhere a scenario or a person can put text.
fn hostile_journal(path: &Path) {
    const X: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>|`]]></style>";
    let header = Header {
        kunren_version: "0.1.0".into(),
        drill_id: format!("id-{X}"),
        drill_title: format!("Drill {X}"),
        scenario_id: format!("sc-{X}"),
        scenario_title: format!("Scenario {X}"),
        scenario_sha256: "ab".repeat(32),
        scenario_path: format!("scenarios/{X}.ron"),
        org_id: "org".into(),
        org_name: format!("Org {X}"),
        org_sha256: "cd".repeat(32),
        org_path: "org.ron".into(),
        seed: 1,
        facilitator: format!("Fac {X}"),
        participants: vec![Participant {
            name: format!("Name {X}"),
            role: format!("role{X}"),
        }],
        timezone: X.into(),
        language: X.into(),
        pubkey_id: None,
        extra: json!({
            "mode": X,
            "scenario": {"summary": X, "turn_minutes": 60, "max_turns": 2, "version": X, "techniques": [X]},
            "org": {"roles": [{"id": X, "name": X}], "impact_unit": X},
            "objectives": [{"id": X, "function": "Detect", "title": X}],
            "expectations": [{"id": X, "title": X, "objective": X, "points": 5}],
            "regimes": [{"id": X, "name": X, "authority": X, "clocks": [{"id": X, "title": X, "hours": 1}]}],
            "reference_response": [{"turn": 1, "role": X, "action": X, "target": X, "why": X, "when": {"Injected": X}}],
            "actions": [{"id": X, "name": X, "function": "Respond"}],
        }),
    };
    let opts = WriterOptions::new().fixed_clock(
        time::macros::datetime!(2026-04-01 00:00:00 UTC),
        time::Duration::seconds(30),
    );
    let mut w = JournalWriter::create_with(path, header, None, opts).expect("create");
    let eng = Actor::Engine;
    let role = Actor::role("soc");
    let fac = Actor::facilitator("Fac");
    let clock = format!("{X}/{X}");
    let recs: Vec<(RecordKind, &Actor, Value)> = vec![
        (
            RecordKind::TurnStarted,
            &eng,
            json!({"turn": 1, "minutes_at_start": 0}),
        ),
        (
            RecordKind::InjectDelivered,
            &eng,
            json!({"id": X, "turn": 1, "to": [X], "channel": X, "from": X, "title": X, "text": X, "artifacts": [], "decision": X, "by_facilitator": false}),
        ),
        (
            RecordKind::ActionSubmitted,
            &role,
            json!({"action": X, "target": X, "role": "soc"}),
        ),
        (
            RecordKind::DecisionMade,
            &role,
            json!({"decision": X, "option": X, "by": "role:soc"}),
        ),
        (
            RecordKind::FacilitatorNote,
            &fac,
            json!({"text": format!("line one\n{X}\nline three")}),
        ),
        (
            RecordKind::ScoreOverride,
            &fac,
            json!({"line": 1, "from": 0, "to": 3, "reason": X, "by": X, "turn": 1}),
        ),
        (
            RecordKind::ActionResolved,
            &role,
            json!({"action": X, "name": X, "role": "soc", "target": X, "chance": 1.0, "roll": null, "success": true, "notes": [X]}),
        ),
        (
            RecordKind::AttackerStep,
            &eng,
            json!({"stage": X, "title": X, "technique": X, "base": 0.5, "modifiers": [], "chance": 0.5, "roll": 0.1, "outcome": "succeeded"}),
        ),
        (
            RecordKind::Detection,
            &eng,
            json!({"stage": X, "by": X, "chance": 1.0, "roll": 0.0}),
        ),
        (
            RecordKind::ClockStarted,
            &eng,
            json!({"clock": clock, "event": "started", "deadline_turn": 2, "hours_since_start": 1}),
        ),
        (
            RecordKind::ExpectationResolved,
            &eng,
            json!({"id": X, "status": "success"}),
        ),
        (
            RecordKind::ScoreLine,
            &eng,
            json!({"line": 1, "turn": 1, "points": 5, "source": X, "objective": X, "reason": X, "evidence": [X], "max_points": 5}),
        ),
        (
            RecordKind::TurnEnded,
            &eng,
            json!({"turn": 1, "minutes": 60, "events": [X], "turn_points": 5, "total": 5, "impact": 1.0, "impact_total": 1.0, "ending": {"id": X, "title": X, "text": X, "turn": 1}, "result": {"total": 5, "achievable": 5, "share": 1.0, "objectives": [], "impact_total": 1.0, "impact_unit": X, "first_detection_turn": 1}}),
        ),
        (RecordKind::HotwashStrength, &fac, json!({"text": X})),
        (RecordKind::HotwashImprovementArea, &fac, json!({"text": X})),
        (
            RecordKind::ImprovementItem,
            &fac,
            json!({"action": X, "objective": X, "owner": X, "due": X}),
        ),
        (RecordKind::ExecutiveSignoff, &fac, json!({"name": X})),
    ];
    for (kind, actor, body) in recs {
        w.append(1, kind, actor, body).expect("append");
    }
    w.seal(CloseStatus::Aborted, X).expect("seal");
}

/// True when byte `at` of `line` is inside a Markdown code span.
fn in_code_span(line: &str, at: usize) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'`') {
            i += 2;
            continue;
        }
        if b[i] == b'`' {
            let n = b[i..].iter().take_while(|c| **c == b'`').count();
            let start = i + n;
            let mut j = start;
            let mut close = None;
            while j < b.len() {
                if b[j] == b'`' {
                    let m = b[j..].iter().take_while(|c| **c == b'`').count();
                    if m == n {
                        close = Some(j);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            match close {
                Some(c) if at >= start && at < c => return true,
                Some(c) => i = c + n,
                None => i = start,
            }
            continue;
        }
        if i == at {
            return false;
        }
        i += 1;
    }
    false
}

#[test]
fn hostile_text_cannot_inject_markup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hostile.jsonl");
    hostile_journal(&path);
    let m = model(&path);
    let html = report::render(&m, Format::Html);
    for bad in ["<script", "<img", "onerror=alert(2)>", "]]></style>"] {
        assert!(!html.contains(bad), "HTML contains {bad}");
    }
    assert_eq!(html.matches("<style>").count(), 1);
    assert_eq!(html.matches("</style>").count(), 1);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let md = report::render(&m, Format::Md);
    // Every `<` of the hostile text is escaped or inside a code span (where Markdown shows it
    // literally), and no table row gains a cell from a `|`.
    for line in md.lines() {
        for (i, _) in line
            .match_indices('<')
            .filter(|(i, _)| !line[*i..].starts_with("<br>"))
        {
            let escaped = i > 0 && line.as_bytes()[i - 1] == b'\\';
            assert!(
                escaped || in_code_span(line, i),
                "raw < in Markdown: {line}"
            );
        }
    }
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let rows: Vec<&str> = table.lines().collect();
        let cells = |l: &str| l.replace("\\|", "").matches('|').count();
        let width = cells(rows[0]);
        for r in &rows {
            assert_eq!(cells(r), width, "table row split by a pipe: {r}");
        }
    }
    // The multi-line note keeps its lines apart in both formats.
    assert!(html.contains("line one<br>"));
    assert!(md.contains("line one<br>"));
}

#[test]
fn cli_writes_next_to_the_journal_to_a_file_or_to_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let j = dir.path().join("drill.jsonl");
    record(
        SCENARIOS[0],
        "expert",
        &meta(&[("Yamada Taro", "exec")]),
        None,
        &j,
    );
    let (code, _, err) = kunren(&["report", s(&j)]);
    assert_eq!(code, 0, "{err}");
    let md = dir.path().join("drill.jsonl.aar.md");
    assert!(md.exists(), "{err}");
    let out = dir.path().join("out.html");
    let (code, _, err) = kunren(&["report", s(&j), "--format", "html", "-o", s(&out)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(&out)
            .expect("html")
            .contains("<svg")
    );
    let (code, stdout, _) = kunren(&["report", s(&j), "-o", "-"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, std::fs::read_to_string(&md).expect("md"));
    // Regenerating gives the same bytes (no clock in the report).
    assert_eq!(stdout, text(&j, Format::Md));
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
    // Never over the journal itself.
    let (code, _, err) = kunren(&["report", s(&j), "-o", s(&j)]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("over the journal"), "{err}");
    assert!(read_journal(&j).is_ok());
    // A missing journal is an I/O error.
    let (code, _, err) = kunren(&["report", s(&dir.path().join("none.jsonl"))]);
    assert_eq!(code, 3, "{err}");
}

#[test]
fn a_tampered_journal_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let j = dir.path().join("drill.jsonl");
    record(SCENARIOS[1], "expert", &meta(&[]), None, &j);
    let text = std::fs::read_to_string(&j).expect("journal");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let k = lines
        .iter()
        .position(|l| l.contains("\"kind\":\"score_line\""))
        .expect("a score line");
    let at = lines[k].find("\"points\":").expect("points") + "\"points\":".len();
    lines[k].insert(at, '1');
    std::fs::write(&j, lines.join("\n") + "\n").expect("write");
    let (code, _, err) = kunren(&["report", s(&j)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("fails verification"), "{err}");
    assert!(
        err.contains(&format!("line {}", k + 2)),
        "names the first bad line: {err}"
    );
    assert!(!dir.path().join("drill.jsonl.aar.md").exists());
}

#[test]
fn an_unsealed_journal_is_reported_and_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let j = dir.path().join("open.jsonl");
    {
        let mut drill =
            Drill::start(bundle(SCENARIOS[0]), 1, &meta(&[]), Some(&j), None).expect("start");
        drill.end_turn().expect("turn");
        drill.note("stopped for lunch").expect("note");
        // Dropped without close: no drill_closed, no final checkpoint.
    }
    let (code, _, err) = kunren(&["report", s(&j), "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("not sealed"), "{err}");
    let html = std::fs::read_to_string(dir.path().join("open.jsonl.aar.html")).expect("html");
    let first_section = html.find("id=\"overview\"").expect("overview");
    let banner = html.find("UNSEALED JOURNAL").expect("banner");
    assert!(banner < first_section, "the mark is on the first page");
    assert!(html.contains("stopped for lunch"));
    assert!(html.contains("holds no final result"));
}

#[test]
fn an_aborted_drill_says_so_with_its_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let j = dir.path().join("aborted.jsonl");
    let mut drill =
        Drill::start(bundle(SCENARIOS[1]), 1, &meta(&[]), Some(&j), None).expect("start");
    drill.end_turn().expect("turn");
    drill.close("fire alarm").expect("close");
    let md = text(&j, Format::Md);
    assert!(md.contains("The drill was aborted before its end: fire alarm"));
    let m = model(&j);
    assert!(m.integrity.sealed);
    let row = md
        .lines()
        .find(|l| l.contains("Annual incident-response drill"))
        .expect("row");
    assert!(row.contains("⚠ partial"), "{row}");
}

#[test]
fn expert_runs_follow_the_reference_response() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, path) in shipped_runs(dir.path()) {
        let m = model(&path);
        let header = &records(&path)[0].body;
        let steps = header["extra"]["reference_response"]
            .as_array()
            .map_or(0, Vec::len);
        assert_eq!(m.response.steps.len(), steps, "{name}");
        // Every step that was done points at a real action or decision of the team.
        let recs = records(&path);
        for st in &m.response.steps {
            if let Some((turn, _, line)) = &st.done {
                let r = &recs[(*line - 1) as usize];
                assert_eq!(r.turn, *turn);
                assert!(
                    matches!(
                        r.kind,
                        RecordKind::ActionResolved | RecordKind::DecisionMade
                    ),
                    "{name}"
                );
                if let Some(a) = &st.action {
                    assert_eq!(r.body["action"], a.as_str());
                }
            }
        }
        if name.ends_with("-idle.jsonl") {
            // The idle team does nothing: no step is done by the team.
            assert!(
                m.response
                    .steps
                    .iter()
                    .all(|s| s.done.is_none() || s.verdict == StepVerdict::Defaulted),
                "{name}"
            );
            assert!(m.response.extra.is_empty());
        } else {
            assert!(
                m.response
                    .steps
                    .iter()
                    .any(|s| s.verdict == StepVerdict::OnTime),
                "{name}"
            );
        }
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<u32>().prop_map(|n| json!(n)),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| json!(f)),
            "[a-z<>|&\"' \\n_*#`-]{0,12}".prop_map(Value::String),
            Just(json!("succeeded")),
            Just(json!("met")),
        ];
        leaf.prop_recursive(3, 24, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(
                    prop_oneof![
                        Just("id".to_string()),
                        Just("turn".to_string()),
                        Just("line".to_string()),
                        Just("objective".to_string()),
                        Just("clock".to_string()),
                        Just("title".to_string()),
                        Just("ending".to_string()),
                        Just("result".to_string()),
                        Just("objectives".to_string()),
                        Just("when".to_string()),
                        Just("points".to_string()),
                        "[a-z_]{1,8}"
                    ],
                    inner,
                    0..6
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    const KINDS: [RecordKind; 21] = [
        RecordKind::TurnStarted,
        RecordKind::InjectDelivered,
        RecordKind::ActionSubmitted,
        RecordKind::ActionWithdrawn,
        RecordKind::ActionResolved,
        RecordKind::DecisionMade,
        RecordKind::AttackerStep,
        RecordKind::Detection,
        RecordKind::ScoreLine,
        RecordKind::ClockStarted,
        RecordKind::ClockMet,
        RecordKind::ClockMissed,
        RecordKind::ExpectationResolved,
        RecordKind::TurnEnded,
        RecordKind::FacilitatorNote,
        RecordKind::ScoreOverride,
        RecordKind::Paused,
        RecordKind::Resumed,
        RecordKind::HotwashStrength,
        RecordKind::ImprovementItem,
        RecordKind::ExecutiveSignoff,
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Any body in any record of a valid journal gives a report, never a panic.
        #[test]
        fn odd_bodies_never_panic(
            extra in any_json(),
            bodies in prop::collection::vec((0usize..KINDS.len(), any::<u32>(), any_json()), 0..24),
        ) {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("odd.jsonl");
            let mut header = Header {
                kunren_version: "0".into(), drill_id: "d".into(), drill_title: "t".into(),
                scenario_id: "s".into(), scenario_title: "s".into(), scenario_sha256: "0".repeat(64),
                scenario_path: "s".into(), org_id: "o".into(), org_name: "o".into(),
                org_sha256: "0".repeat(64), org_path: "o".into(), seed: 0, facilitator: "f".into(),
                participants: vec![], timezone: "UTC".into(), language: "ja".into(), pubkey_id: None,
                extra,
            };
            header.extra = match header.extra {
                Value::Object(m) => Value::Object(m),
                other => json!({ "objectives": other }),
            };
            let mut w = JournalWriter::create_with(&path, header, None, WriterOptions::new().checkpoint_every(7))
                .expect("create");
            for (k, turn, body) in bodies {
                let body = if body.is_object() { body } else { json!({ "v": body }) };
                w.append(turn % 1_000_000, KINDS[k], &Actor::Engine, body).expect("append");
            }
            drop(w);
            let m = report::load(&path).expect("model");
            let _ = report::render(&m, Format::Md);
            let _ = report::render(&m, Format::Html);
        }
    }
}
