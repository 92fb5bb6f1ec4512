//! `kunren report`: the after-action report from a journal alone.
//!
//! Journals are generated here by the library (the same `Drill` + `play_drill` the CLI uses),
//! so the tests follow the shipped scenarios as they evolve; the assertions compare the report
//! with the journal's own records, never with fixed numbers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use kunren::engine::view::StepOutcome;
use kunren::engine::{
    ActionOutcome, AttackerStep, ClockEvent, DecisionOutcome, Detection, EndingView,
    ExpectationEvent, InjectView,
};
use kunren::headless::play_drill;
use kunren::journal::{
    Actor, CloseStatus, Header, JournalWriter, Participant, Record, RecordKind, WriterOptions,
    read_journal,
};
use kunren::policy::{self, Policy};
use kunren::records::{
    ActionFacts, ActionSubmitted, Body, ClockFacts, DrillResult, ExerciseFacts, ExpectationFacts,
    HeaderExtra, Note, OrgFacts, RegimeFacts, RoleFacts, ScenarioFacts, Signoff, Text, TurnEnded,
    TurnStarted,
};
use kunren::report::model::{ClockVerdict, StepVerdict};
use kunren::report::{self, Format, ReportModel};
use kunren::scenario::script::{
    AreaForImprovement, CapabilityElement, Hotwash, ImprovementItem, ItemStatus, Override, Script,
    ScriptTurn,
};
use kunren::scenario::{Bundle, load_bundle};
use kunren::scenario::{Channel, Condition, CsfFunction, Objective, Step};
use kunren::scoring::{ExpectStatus, ScoreLine, ScoreOverride};
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
        plan: None,
        exercise: ExerciseFacts::default(),
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
                    Format::Json => unreachable!("only Markdown and HTML have sections"),
                };
                assert!(
                    body.contains(&needle),
                    "{name} {format:?}: no section {section}"
                );
            }
            let h: Header = records(&path)[0].body_as().expect("header");
            let title = &h.drill_title;
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
        let lines: Vec<ScoreLine> = recs
            .iter()
            .filter_map(|r| match Body::of(r) {
                Ok(Body::ScoreLine(l)) => Some(l),
                _ => None,
            })
            .collect();
        let mut earned: BTreeMap<String, i64> = BTreeMap::new();
        let mut achievable: BTreeMap<String, i64> = BTreeMap::new();
        for l in &lines {
            *earned.entry(l.objective.clone()).or_default() += i64::from(l.points);
            *achievable.entry(l.objective.clone()).or_default() += i64::from(l.max_points.max(0));
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
            .find_map(|r| match Body::of(r) {
                Ok(Body::TurnEnded(t)) => t.result,
                _ => None,
            })
            .expect("final turn_ended with the result");
        assert_eq!(m.outcome.total, i64::from(result.total));
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
            let rec = result
                .objectives
                .iter()
                .find(|x| x.id == *id)
                .expect("recorded objective");
            assert_eq!(rec.rating, o.result.rating, "{name} {id}");
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
            let n = l.line;
            let pts = l.points;
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
            let reason = report::markdown::esc(&l.reason);
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
        let header: Header = recs[0].body_as().expect("header");
        let extra = HeaderExtra::decode(&header.extra).expect("header extra");
        let end_hours = recs
            .iter()
            .rev()
            .find_map(|r| match Body::of(r) {
                Ok(Body::TurnEnded(t)) => Some(t.minutes),
                _ => None,
            })
            .expect("minutes")
            / 60;
        let m = model(&path);
        let declared: usize = extra.regimes.iter().map(|r| r.clocks.len()).sum();
        assert!(m.clocks.len() >= declared);
        let md = text(&path, Format::Md);
        let clock_events: Vec<ClockEvent> = recs
            .iter()
            .filter_map(|r| match Body::of(r) {
                Ok(Body::Clock(c)) => Some(c),
                _ => None,
            })
            .collect();
        for c in &m.clocks {
            let ev = |event: &str| {
                clock_events
                    .iter()
                    .find(|e| e.event == event && e.clock == c.id)
            };
            let started = ev("started");
            let met = ev("met").or(ev("late"));
            let missed = ev("missed");
            let ended = m.outcome.ending.is_some();
            let end = i64::from(end_hours) * 60;
            let hours = |a: i64, b: i64| (a - b).div_euclid(60);
            // Every clock record carries the deadline the engine applied.
            let deadline = started
                .or(met)
                .or(missed)
                .map(|b| b.deadline_minutes as i64);
            let expected = match (started, met, missed) {
                (_, Some(m), None) if (m.at_minutes as i64) <= deadline.expect("deadline") => {
                    ClockVerdict::Met {
                        margin_hours: hours(deadline.expect("deadline"), m.at_minutes as i64),
                    }
                }
                (_, Some(m), None) => ClockVerdict::MetLate {
                    late_hours: hours(m.at_minutes as i64, deadline.expect("deadline")),
                },
                (_, _, Some(x)) => ClockVerdict::Missed {
                    overdue_hours: hours(
                        (x.at_minutes as i64).max(end),
                        deadline.expect("deadline"),
                    ),
                },
                (Some(_), None, None) if ended => ClockVerdict::DueAfterEnd {
                    hours_after_end: hours(deadline.expect("deadline"), end),
                },
                (Some(_), None, None) => ClockVerdict::Open {
                    hours_left: hours(deadline.expect("deadline"), end),
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
                ClockVerdict::DueAfterEnd { .. } => "due-after-end",
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
        extra: HeaderExtra {
            scenario: ScenarioFacts {
                turn_minutes: 240,
                max_turns: 10,
                ..ScenarioFacts::default()
            },
            regimes: vec![RegimeFacts {
                assumption: None,
                assumption_ja: None,
                authority: "Authority".into(),
                authority_ja: None,
                basis: String::new(),
                basis_ja: None,
                clocks: [
                    ("late", "Late report", 8),
                    ("never", "Never reported", 4),
                    ("ok", "Report on time", 24),
                    ("idle", "Never triggered", 24),
                ]
                .into_iter()
                .map(|(id, title, hours)| ClockFacts {
                    basis: None,
                    basis_ja: None,
                    deadline: None,
                    hours,
                    id: id.into(),
                    title: title.into(),
                    title_ja: None,
                })
                .collect(),
                id: "r".into(),
                name: "Regime".into(),
                name_ja: None,
                objective: String::new(),
                source: String::new(),
            }],
            ..HeaderExtra::default()
        }
        .to_value(),
    };
    let opts = WriterOptions::new().fixed_clock(
        time::macros::datetime!(2026-04-01 00:00:00 UTC),
        time::Duration::seconds(60),
    );
    let mut w = JournalWriter::create_with(path, header, None, opts).expect("create");
    let clock = |id: &str, event: &str, deadline: u32, hours: u32, deadline_hours: u64| {
        Body::Clock(ClockEvent {
            clock: format!("r/{id}"),
            event: event.into(),
            deadline_turn: deadline,
            at_minutes: u64::from(hours) * 60,
            deadline_minutes: deadline_hours * 60,
        })
    };
    let append = |w: &mut JournalWriter, turn: u32, actor: &Actor, body: Body| {
        w.append(turn, body.kind(), actor, body.to_value())
            .expect("append");
    };
    // Turns of 4 h. Started at the end of turn 1 (T+4 h): (turn, clock, event, deadline
    // turn, scenario hours of the event, deadline in scenario hours).
    let events = [
        (1, "late", "started", 3, 4, 12),
        (1, "never", "started", 2, 4, 8),
        (1, "ok", "started", 7, 4, 28),
        (4, "never", "missed", 2, 16, 8),
        (4, "late", "late", 3, 16, 12),
        (4, "ok", "met", 7, 16, 28),
    ];
    for turn in 1..=6u32 {
        let started = Body::TurnStarted(TurnStarted {
            minutes_at_start: (turn - 1) * 240,
            turn,
        });
        append(&mut w, turn, &Actor::Engine, started);
        for (t, id, event, deadline, hours, deadline_hours) in events {
            if t == turn {
                append(
                    &mut w,
                    turn,
                    &Actor::Engine,
                    clock(id, event, deadline, hours, deadline_hours),
                );
            }
        }
        let ended = Body::TurnEnded(TurnEnded {
            ending: None,
            events: vec![],
            typed_events: vec![],
            impact: 0.0,
            impact_total: 0.0,
            minutes: turn * 240,
            result: None,
            total: 0,
            turn,
            turn_points: 0,
        });
        append(&mut w, turn, &Actor::Engine, ended);
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
    assert_eq!(verdict("late"), ClockVerdict::MetLate { late_hours: 4 });
    assert_eq!(verdict("never"), ClockVerdict::Missed { overdue_hours: 16 });
    assert_eq!(verdict("ok"), ClockVerdict::Met { margin_hours: 12 });
    assert_eq!(verdict("idle"), ClockVerdict::NotStarted);
    let md = report::render(&m, Format::Md);
    for needle in [
        "late; delivered 4 h after the deadline",
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
    // The compliance row for management's part (CMMC further discussion in the default
    // drill) is not met without a named executive, and says so.
    let md = text(&without, Format::Md);
    let row = md
        .lines()
        .find(|l| l.contains("business (management) support the response"))
        .expect("compliance row");
    assert!(!row.contains("✔ met"), "{row}");
    assert!(row.contains("a named executive"), "{row}");
    let md = text(&with, Format::Md);
    let row = md
        .lines()
        .find(|l| l.contains("business (management) support the response"))
        .expect("compliance row");
    assert!(!row.contains("a named executive"), "{row}");
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
                    ..ImprovementItem::default()
                },
                ImprovementItem {
                    action: "Name a deputy for the CISO".into(),
                    objective: None,
                    owner: String::new(),
                    due: String::new(),
                    ..ImprovementItem::default()
                },
            ],
            signoff: Some("Yamada Taro, President".into()),
            ..Hotwash::default()
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
    // The objective shows what the override did to its points.
    let ob = m
        .objectives
        .iter()
        .find(|o| o.lines.iter().any(|l| l.line == line))
        .expect("objective of the line");
    assert!(ob.without_overrides.earned > ob.result.earned, "{ob:?}");
    let effect = format!(
        "Facilitator overrides changed this objective from {} points ({}) to {} points ({})",
        ob.without_overrides.earned,
        ob.without_overrides.rating.letter(),
        ob.result.earned,
        ob.result.rating.letter()
    );
    assert!(text(&path, Format::Md).contains(&effect), "{effect}");
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
        3,
        "responsible organisation, point of contact and due date flagged: {row}"
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
    let header: Header = records(&path)[0].body_as().expect("header");
    let extra = HeaderExtra::decode(&header.extra).expect("header extra");
    let named = extra
        .actions
        .iter()
        .filter_map(|a| a.name_ja.as_deref())
        .filter(|n| html.contains(&report::html::esc(n)))
        .count();
    assert!(named > 0, "no Japanese action name in the report");
    for n in extra.regimes.iter().filter_map(|r| r.name_ja.as_deref()) {
        assert!(html.contains(&report::html::esc(n)), "{n}");
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
        extra: HeaderExtra {
            actions: vec![ActionFacts {
                function: CsfFunction::Respond,
                id: X.into(),
                name: X.into(),
                name_ja: None,
            }],
            expectations: vec![ExpectationFacts {
                id: X.into(),
                objective: X.into(),
                points: 5,
                title: X.into(),
                title_ja: None,
                within: 1,
            }],
            mode: X.into(),
            names: None,
            objectives: vec![Objective {
                id: X.into(),
                function: CsfFunction::Detect,
                title: X.into(),
                thresholds: None,
                capability: Some(X.into()),
                capability_ja: Some(X.into()),
            }],
            exercise: Some(ExerciseFacts {
                evaluators: vec![X.into()],
                exercise_type: None,
                handling: Some(X.into()),
                location: Some(X.into()),
                mission_areas: vec![],
                organisations: vec![X.into()],
                poc: Some(X.into()),
                sponsor: Some(X.into()),
                threat: Some(X.into()),
            }),
            org: OrgFacts {
                impact_unit: X.into(),
                roles: vec![RoleFacts {
                    capacity: 1,
                    id: X.into(),
                    name: X.into(),
                }],
                ..OrgFacts::default()
            },
            reference_response: vec![Step {
                turn: 1,
                when: Some(Condition::Injected(X.into())),
                role: X.into(),
                action: Some(X.into()),
                choose: None,
                target: Some(X.into()),
                why: X.into(),
            }],
            regimes: vec![RegimeFacts {
                assumption: Some(X.into()),
                assumption_ja: Some(X.into()),
                authority: X.into(),
                authority_ja: Some(X.into()),
                basis: X.into(),
                basis_ja: Some(X.into()),
                clocks: vec![ClockFacts {
                    basis: Some(X.into()),
                    basis_ja: Some(X.into()),
                    deadline: Some(kunren::scenario::DeadlineKind::ContractTerm),
                    hours: 1,
                    id: X.into(),
                    title: X.into(),
                    title_ja: None,
                }],
                id: X.into(),
                name: X.into(),
                name_ja: None,
                objective: X.into(),
                source: X.into(),
            }],
            scenario: ScenarioFacts {
                summary: X.into(),
                turn_minutes: 60,
                max_turns: 2,
                version: X.into(),
                techniques: vec![X.into()],
                ..ScenarioFacts::default()
            },
            ..HeaderExtra::default()
        }
        .to_value(),
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
    let text = |t: &str| Text { text: t.into() };
    let recs: Vec<(&Actor, Body)> = vec![
        (
            &eng,
            Body::TurnStarted(TurnStarted {
                minutes_at_start: 0,
                turn: 1,
            }),
        ),
        (
            &eng,
            Body::InjectDelivered(InjectView {
                id: X.into(),
                turn: 1,
                to: vec![X.into()],
                channel: Channel::Email,
                from: X.into(),
                title: X.into(),
                text: X.into(),
                artifacts: vec![],
                decision: Some(X.into()),
                by_facilitator: false,
            }),
        ),
        (
            &role,
            Body::ActionSubmitted(ActionSubmitted {
                action: X.into(),
                role: "soc".into(),
                target: Some(X.into()),
            }),
        ),
        (
            &role,
            Body::DecisionMade(DecisionOutcome {
                by: "role:soc".into(),
                decision: X.into(),
                label: X.into(),
                option: X.into(),
            }),
        ),
        (
            &fac,
            Body::Note(Note {
                private: false,
                text: format!("line one\n{X}\nline three"),
            }),
        ),
        (
            &fac,
            Body::ScoreOverride(ScoreOverride {
                line: 1,
                from: 0,
                to: 3,
                reason: X.into(),
                by: X.into(),
                turn: 1,
            }),
        ),
        (
            &role,
            Body::ActionResolved(ActionOutcome {
                action: X.into(),
                name: X.into(),
                role: "soc".into(),
                target: Some(X.into()),
                chance: 1.0,
                roll: None,
                success: true,
                notes: vec![X.into()],
            }),
        ),
        (
            &eng,
            Body::AttackerStep(AttackerStep {
                stage: X.into(),
                title: X.into(),
                technique: X.into(),
                base: 0.5,
                modifiers: vec![],
                chance: 0.5,
                roll: Some(0.1),
                outcome: StepOutcome::Succeeded,
            }),
        ),
        (
            &eng,
            Body::Detection(Detection {
                stage: X.into(),
                by: X.into(),
                chance: 1.0,
                roll: 0.0,
            }),
        ),
        (
            &eng,
            Body::Clock(ClockEvent {
                clock,
                event: "started".into(),
                deadline_turn: 2,
                at_minutes: 60,
                deadline_minutes: 120,
            }),
        ),
        (
            &eng,
            Body::ExpectationResolved(ExpectationEvent {
                id: X.into(),
                status: ExpectStatus::Success,
            }),
        ),
        (
            &eng,
            Body::ScoreLine(ScoreLine {
                line: 1,
                turn: 1,
                points: 5,
                source: X.into(),
                objective: X.into(),
                reason: X.into(),
                evidence: vec![X.into()],
                max_points: 5,
                min_points: 0,
                why: None,
            }),
        ),
        (
            &eng,
            Body::TurnEnded(TurnEnded {
                ending: Some(EndingView {
                    id: X.into(),
                    title: X.into(),
                    text: X.into(),
                    turn: 1,
                }),
                events: vec![X.into()],
                typed_events: vec![],
                impact: 1.0,
                impact_total: 1.0,
                minutes: 60,
                result: Some(DrillResult {
                    achievable: 5,
                    first_detection_turn: Some(1),
                    impact_total: 1.0,
                    impact_unit: X.into(),
                    objectives: vec![],
                    share: 1.0,
                    total: 5,
                }),
                total: 5,
                turn: 1,
                turn_points: 5,
            }),
        ),
        (&fac, Body::Strength(text(X))),
        (
            &fac,
            Body::AreaForImprovement(AreaForImprovement {
                analysis: X.into(),
                id: X.into(),
                observation: X.into(),
                recommendation: X.into(),
                reference: X.into(),
                text: X.into(),
            }),
        ),
        (
            &fac,
            Body::ImprovementItem(ImprovementItem {
                id: X.into(),
                action: X.into(),
                objective: Some(X.into()),
                capability: Some(X.into()),
                area: Some(X.into()),
                element: Some(CapabilityElement::Training),
                organisation: X.into(),
                owner: X.into(),
                start: Some(X.into()),
                due: X.into(),
                status: ItemStatus::InProgress,
            }),
        ),
        (
            &fac,
            Body::Signoff(Signoff {
                name: X.into(),
                role: X.into(),
                statement: X.into(),
                time: X.into(),
            }),
        ),
    ];
    for (actor, body) in recs {
        w.append(1, body.kind(), actor, body.to_value())
            .expect("append");
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
        .find(|l| l.contains("Hold incident-response drills"))
        .expect("row");
    assert!(row.contains("✖ gap"), "{row}");
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
            // Turns never go back in a valid journal (`verify` refuses `turn_decreased`).
            let mut bodies = bodies;
            bodies.sort_by_key(|b| b.1 % 1_000_000);
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

/// The Japanese edition of a scenario, played in Japanese, journaled and reported.
fn japanese_run(dir: &Path) -> PathBuf {
    let path = dir.join("ja-typed.jsonl");
    let mut m = meta(&[("山田太郎", "exec")]);
    m.language = Some("ja".into());
    record(
        "scenarios/defence-contractor-double-extortion-ja.ron",
        "expert",
        &m,
        None,
        &path,
    );
    path
}

/// Words of the engine's English turn-log and score-reason templates.
const ENGLISH_TEMPLATE_WORDS: [&str; 12] = [
    " isolated",
    " reconnected",
    "now in place",
    "delivered to",
    "backups verified",
    "done on time",
    "met on time",
    "done late",
    "due by turn",
    "delivered on time",
    "not achieved",
    "still open",
];

#[test]
fn a_japanese_drills_timeline_and_score_reasons_are_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = japanese_run(dir.path());
    // The journal keeps the English text beside the typed form.
    let recs = records(&path);
    let mut events = 0;
    let mut reasons = 0;
    for r in &recs {
        match Body::of(r) {
            Ok(Body::TurnEnded(t)) => {
                assert_eq!(t.events.len(), t.typed_events.len(), "line {}", r.seq + 1);
                events += t.events.len();
            }
            Ok(Body::ScoreLine(l)) => {
                assert!(l.why.is_some(), "line {}: no typed reason", r.seq + 1);
                reasons += 1;
            }
            _ => {}
        }
    }
    assert!(
        events > 5 && reasons > 10,
        "{events} events, {reasons} lines"
    );
    let m = model(&path);
    assert!(m.checks.is_empty(), "{:?}", m.checks);
    let md = text(&path, Format::Md);
    for w in ENGLISH_TEMPLATE_WORDS {
        assert!(!md.contains(w), "English {w:?} in the Japanese report");
    }
    for ja in [
        "を隔離した",
        "を全社に導入した",
        "期限内に実施",
        "期限内に報告",
    ] {
        assert!(md.contains(ja), "{ja:?} missing from the Japanese report");
    }
    // The same journal reported in English (its header's language changed) renders the
    // typed form in English, which is the recorded text: one truth, and no check fails.
    let en = model_of_edited(&path, |r| {
        if r.kind == RecordKind::DrillOpened {
            r.body["language"] = json!("en");
        }
    });
    assert!(en.checks.is_empty(), "{:?}", en.checks);
    let en_md = report::render(&en, Format::Md);
    for r in &recs {
        if let Ok(Body::TurnEnded(t)) = Body::of(r) {
            for e in &t.events {
                let first = e.split('`').next().unwrap_or(e);
                assert!(en_md.contains(first), "{e:?} not in the English report");
            }
        }
    }
}

/// Builds the report model from `records` as edited, with the verification of the journal's
/// bytes (the edit is made after verification: the build compares the typed form with the
/// text whatever the chain says).
fn model_of_edited(path: &Path, edit: impl Fn(&mut Record)) -> ReportModel {
    let bytes = std::fs::read(path).expect("journal bytes");
    let verify = kunren::journal::verify_bytes(&bytes, None, None);
    let mut recs = records(path);
    for r in &mut recs {
        edit(r);
    }
    report::build::build(&recs, &verify, "edited.jsonl").expect("model")
}

#[test]
fn a_typed_record_that_disagrees_with_its_text_is_an_inconsistency() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = japanese_run(dir.path());
    let recs = records(&path);
    let event_line = recs
        .iter()
        .find(|r| {
            r.kind == RecordKind::TurnEnded
                && !r.body["events"].as_array().is_none_or(Vec::is_empty)
        })
        .map(|r| r.seq)
        .expect("a turn with events");
    let score_line = recs
        .iter()
        .find(|r| r.kind == RecordKind::ScoreLine)
        .map(|r| r.seq)
        .expect("a score line");
    // Edited text, typed form untouched.
    let m = model_of_edited(&path, |r| {
        if r.seq == event_line {
            r.body["events"][0] = json!("hand-edited event");
        }
        if r.seq == score_line {
            r.body["reason"] = json!("hand-edited reason");
        }
    });
    let texts: Vec<_> = m
        .checks
        .iter()
        .filter_map(|c| match c {
            report::model::Inconsistency::Text { line, recorded, .. } => {
                Some((*line, recorded.clone()))
            }
            _ => None,
        })
        .collect();
    let mut want = vec![
        (score_line + 1, "hand-edited reason".to_string()),
        (event_line + 1, "hand-edited event".to_string()),
    ];
    want.sort();
    assert_eq!(texts, want, "{:?}", m.checks);
    let md = report::render(&m, Format::Md);
    assert!(md.contains("hand-edited event") && md.contains("hand-edited reason"));
    // Edited typed form, text untouched: the same check, the recorded text shown.
    let m = model_of_edited(&path, |r| {
        if r.seq == score_line {
            r.body["why"]["expectation"] = json!(1);
        }
    });
    assert!(
        m.checks
            .iter()
            .any(|c| matches!(c, report::model::Inconsistency::Text { line, .. } if *line == score_line + 1)),
        "{:?}",
        m.checks
    );
    // Untouched: no check.
    assert!(model_of_edited(&path, |_| {}).checks.is_empty());
}

#[test]
fn lang_asks_for_the_report_and_its_stderr_lines_in_either_language() {
    use kunren::i18n::Lang;
    use kunren::i18n::report::fill;
    let dir = tempfile::tempdir().expect("tempdir");
    let en = dir.path().join("en.jsonl");
    record(
        SCENARIOS[0],
        "expert",
        &meta(&[("Yamada Taro", "exec")]),
        None,
        &en,
    );
    // Without a flag: the drill's language, English.
    let (code, _, err) = kunren(&["report", s(&en)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with("wrote ") && err.contains("evidence: unsigned"),
        "{err}"
    );
    // The report's own --lang, and the top-level one: Japanese document and stderr.
    let out = dir.path().join("en-ja.md");
    for args in [
        vec!["report", s(&en), "--lang", "ja", "-o", s(&out)],
        vec!["--lang", "ja", "report", s(&en), "-o", s(&out)],
    ] {
        let (code, _, err) = kunren(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let md = std::fs::read_to_string(&out).expect("md");
        assert!(md.starts_with("# 事後評価報告書および改善計画"), "{args:?}");
        assert!(
            md.contains("演習の概要") && !md.contains("Exercise overview"),
            "{args:?}"
        );
        let wrote = fill(
            Lang::Ja.cli_text().report_wrote,
            &[("path", &out.display()), ("bytes", &md.len())],
        );
        assert!(err.contains(&wrote), "{args:?}: {err}");
        assert!(err.contains("証拠: 署名なし"), "{args:?}: {err}");
        assert!(
            !err.contains("wrote") && !err.contains("evidence"),
            "{args:?}: {err}"
        );
    }
    // A Japanese drill asked in English: English document and stderr.
    let ja = japanese_run(dir.path());
    let (code, _, err) = kunren(&["report", s(&ja), "--lang", "en", "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(dir.path().join("ja-typed.jsonl.aar.html")).expect("html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Exercise overview") && !html.contains("演習の概要"));
    assert!(
        err.starts_with("wrote ") && err.contains("evidence: unsigned"),
        "{err}"
    );
    // The same drill without a flag: Japanese stderr.
    let (code, _, err) = kunren(&["report", s(&ja)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("を書き出しました") && err.contains("証拠: "),
        "{err}"
    );
    // An unsealed English journal warns in the language asked for.
    let open = dir.path().join("open.jsonl");
    {
        let mut drill =
            Drill::start(bundle(SCENARIOS[0]), 1, &meta(&[]), Some(&open), None).expect("start");
        drill.end_turn().expect("turn");
    }
    let (code, _, err) = kunren(&["report", s(&open), "--lang", "ja"]);
    assert_eq!(code, 0, "{err}");
    let warning = fill(
        Lang::Ja.cli_text().report_unsealed,
        &[("path", &open.display())],
    );
    assert!(
        err.contains(&warning) && !err.contains("not sealed"),
        "{err}"
    );
    let (_, _, err) = kunren(&["report", s(&open)]);
    assert!(err.contains("not sealed"), "{err}");
    // No report: the refusal in the language asked for, with the same exit code.
    let none = dir.path().join("none.jsonl");
    let (code, _, err) = kunren(&["report", s(&none)]);
    assert_eq!(code, 3, "{err}");
    assert!(err.starts_with("error: cannot read the journal"), "{err}");
    let (ja_code, _, err) = kunren(&["report", s(&none), "--lang", "ja"]);
    assert_eq!(ja_code, code, "{err}");
    assert!(
        err.starts_with(&format!(
            "エラー: ジャーナル {} を読み込めません：",
            none.display()
        )),
        "{err}"
    );
    let (code, _, err) = kunren(&["report", s(&en), "-o", s(&en), "--lang", "ja"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("に報告書を上書きすることはできません"),
        "{err}"
    );
    // A key file that cannot be read is said once, not `error: error:`.
    let (code, _, err) = kunren(&["report", s(&en), "--pubkey", s(&none)]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.starts_with("error: ") && !err.contains("error: error:"),
        "{err}"
    );
}
