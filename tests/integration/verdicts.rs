//! One verdict, read everywhere: for every shipped scenario × player (expert, random, idle) ×
//! seeds 1–5, the engine's end state (what the console's end screen and `kunren run` print),
//! the journal's score lines, the report model and the rendered report state the same
//! totals, ratings, clock verdicts and expectation outcomes. And the model answer earns full
//! marks: for seeds 1–10 of every shipped drill the expert's reference response is on time in every step.

use std::path::Path;
use std::sync::Arc;

use kunren::engine::view::{ClockView, Summary};
use kunren::headless::play_drill;
use kunren::journal::{Participant, read_journal};
use kunren::policy::{self, Policy};
use kunren::records::Body;
use kunren::report::model::{ClockVerdict, StepVerdict};
use kunren::report::{self, Format, ReportModel};
use kunren::scenario::{Bundle, load_bundle};
use kunren::scoring::clock::ClockVerdict as Rule;
use kunren::scoring::{ExpectStatus, ScoreLine};
use kunren::session::{Drill, DrillMeta};

/// Every shipped drill (the library grows by adding files to `scenarios/`).
fn scenarios() -> impl Iterator<Item = &'static str> {
    kunren::scenario::load::SCENARIOS.iter().map(|e| e.path)
}

fn bundle(path: &str) -> Arc<Bundle> {
    match load_bundle(path, None) {
        Ok((b, _)) => Arc::new(b),
        Err(e) => panic!("cannot load {path}:\n{}", e.render()),
    }
}

fn player(kind: &str, seed: u64) -> Box<dyn Policy> {
    match kind {
        "idle" => Box::new(policy::Idle),
        "random" => Box::new(policy::RandomPolicy::new(seed)),
        _ => Box::new(policy::Expert::default()),
    }
}

/// Plays one drill into `path`: the engine's summary and clocks at the end.
fn play(b: &Arc<Bundle>, kind: &str, seed: u64, path: &Path) -> (Summary, Vec<ClockView>) {
    let meta = DrillMeta {
        facilitator: "Sato Hanako".into(),
        participants: vec![Participant {
            name: "Tanaka Ichiro".into(),
            role: "soc".into(),
        }],
        timezone: "Asia/Tokyo".into(),
        ..DrillMeta::default()
    };
    let mut drill = Drill::start(b.clone(), seed, &meta, Some(path), None).expect("start");
    let mut p = player(kind, seed);
    let summary = play_drill(&mut drill, p.as_mut(), None, |_| {}).expect("play");
    let clocks = drill.engine().snapshot().clocks;
    drill.close("").expect("seal");
    (summary, clocks)
}

/// The report's word for a clock, in the rule's vocabulary.
fn word(v: &ClockVerdict) -> Rule {
    match v {
        ClockVerdict::NotStarted => Rule::NotStarted,
        ClockVerdict::Open { .. } => Rule::Running,
        ClockVerdict::Met { .. } => Rule::Met,
        ClockVerdict::MetLate { .. } => Rule::Late,
        ClockVerdict::Missed { .. } => Rule::Missed,
        ClockVerdict::DueAfterEnd { .. } => Rule::DueAfterEnd,
    }
}

fn agree(
    name: &str,
    summary: &Summary,
    clocks: &[ClockView],
    lines: &[ScoreLine],
    m: &ReportModel,
) {
    // Totals and ratings: the engine's end screen and the report.
    assert_eq!(i64::from(summary.total), m.outcome.total, "{name}: total");
    assert_eq!(
        i64::from(summary.achievable),
        m.outcome.achievable,
        "{name}: achievable"
    );
    for o in &summary.objectives {
        let r = m
            .objectives
            .iter()
            .find(|x| x.result.id == o.id)
            .unwrap_or_else(|| panic!("{name}: objective {} missing", o.id));
        assert_eq!(
            (r.result.earned, r.result.achievable, r.result.rating),
            (o.earned, o.achievable, o.rating),
            "{name}: objective {}",
            o.id
        );
    }
    // Clocks: the engine, the journal's one score line per clock, the report.
    for c in clocks {
        let r = m
            .clocks
            .iter()
            .find(|x| x.id == c.id)
            .unwrap_or_else(|| panic!("{name}: clock {} missing", c.id));
        assert_eq!(word(&r.verdict), c.verdict, "{name}: clock {}", c.id);
        let mine: Vec<_> = lines
            .iter()
            .filter(|l| l.source == format!("clock:{}", c.id))
            .collect();
        let want = usize::from(c.verdict != Rule::NotStarted);
        assert_eq!(mine.len(), want, "{name}: lines of clock {}", c.id);
        if let Some(l) = mine.first() {
            let counted = l.max_points > 0;
            assert_eq!(
                counted,
                c.verdict != Rule::DueAfterEnd,
                "{name}: {}",
                l.reason
            );
            if c.verdict == Rule::Met {
                assert_eq!(l.points, l.max_points, "{name}: {}", l.reason);
            } else {
                assert!(l.points < l.max_points || !counted, "{name}: {}", l.reason);
            }
        }
    }
    // Expectations: the status the journal recorded and the score line it wrote.
    for e in &m.expectations {
        let mine: Vec<_> = lines
            .iter()
            .filter(|l| l.source == format!("expect:{}", e.id))
            .collect();
        match e.status {
            Some(ExpectStatus::Success) => {
                assert_eq!(mine.len(), 1, "{name}: {}", e.id);
                assert_eq!(i64::from(mine[0].points), e.points, "{name}: {}", e.id);
            }
            Some(ExpectStatus::Partial | ExpectStatus::Failed | ExpectStatus::Expired) => {
                assert_eq!(mine.len(), 1, "{name}: {}", e.id);
                assert!(i64::from(mine[0].points) < e.points, "{name}: {}", e.id);
            }
            _ => assert!(
                mine.iter().all(|l| l.max_points == 0),
                "{name}: {} open yet counted",
                e.id
            ),
        }
    }
    // Reference steps: a step never due takes no action; one done is matched once.
    for s in &m.response.steps {
        if s.verdict == StepVerdict::NotApplicable {
            assert!(s.done.is_none() && s.due_turn.is_none(), "{name}: {s:?}");
        }
        if matches!(s.verdict, StepVerdict::OnTime | StepVerdict::Late) {
            assert!(s.done.is_some(), "{name}: {s:?}");
        }
    }
    let mut lines_used: Vec<u64> = m
        .response
        .steps
        .iter()
        .filter_map(|s| s.done.as_ref().map(|d| d.2))
        .collect();
    let n = lines_used.len();
    lines_used.sort_unstable();
    lines_used.dedup();
    assert_eq!(
        lines_used.len(),
        n,
        "{name}: an action counted for two steps"
    );
    // The JSON document states the model's verdicts.
    let doc: serde_json::Value =
        serde_json::from_str(&report::render(m, Format::Json)).expect("valid JSON");
    assert_eq!(
        doc["tally"],
        serde_json::to_value(m.tally()).expect("tally"),
        "{name}"
    );
    for (j, s) in doc["reference_response"]
        .as_array()
        .expect("steps")
        .iter()
        .zip(&m.response.steps)
    {
        let want = match s.verdict {
            StepVerdict::OnTime => "on_time",
            StepVerdict::Late => "late",
            StepVerdict::Missed => "missed",
            StepVerdict::NotApplicable => "not_needed",
            _ => continue,
        };
        assert_eq!(j["verdict"], want, "{name}");
    }
    // The front page states the same counts as the sections.
    let t = m.tally();
    let md = report::render(m, Format::Md);
    if m.lang == kunren::i18n::Lang::En {
        let steps = format!(
            "{} on time, {} late, {} missed, {} not needed, of {} steps",
            t.steps_on_time, t.steps_late, t.steps_missed, t.steps_not_needed, t.steps_all
        );
        assert!(md.contains(&steps), "{name}: {steps}");
        let clocks = format!(
            "{} met, {} late, {} missed, {} due after the drill ends, of {}",
            t.clocks_met, t.clocks_late, t.clocks_missed, t.clocks_after_end, t.clocks_all
        );
        assert!(md.contains(&clocks), "{name}: {clocks}");
    }
}

fn score_lines(path: &Path) -> Vec<ScoreLine> {
    read_journal(path)
        .expect("read")
        .records
        .iter()
        .filter_map(|r| match Body::of(r) {
            Ok(Body::ScoreLine(l)) => Some(l),
            _ => None,
        })
        .collect()
}

#[test]
fn every_place_states_the_same_verdicts() {
    let dir = tempfile::tempdir().expect("tempdir");
    for sc in scenarios() {
        let b = bundle(sc);
        for kind in ["expert", "random", "idle"] {
            for seed in 1..=5 {
                let name = format!("{sc} {kind} seed {seed}");
                let path = dir
                    .path()
                    .join(format!("{}-{kind}-{seed}.jsonl", b.scenario.id));
                let (summary, clocks) = play(&b, kind, seed, &path);
                let m = report::load(&path).expect("report model");
                agree(&name, &summary, &clocks, &score_lines(&path), &m);
            }
        }
    }
}

#[test]
fn the_model_answer_earns_full_marks() {
    let dir = tempfile::tempdir().expect("tempdir");
    for sc in scenarios() {
        let b = bundle(sc);
        for seed in 1..=10 {
            let path = dir.path().join(format!("{}-{seed}.jsonl", b.scenario.id));
            play(&b, "expert", seed, &path);
            let m = report::load(&path).expect("report model");
            // Read as an inspector's tool would: the JSON document.
            let doc: serde_json::Value =
                serde_json::from_str(&report::render(&m, Format::Json)).expect("valid JSON");
            assert_eq!(doc["schema"], "kunren-report/1");
            assert_eq!(doc["tally"]["steps_late"], 0, "{sc} seed {seed}");
            assert_eq!(doc["tally"]["steps_missed"], 0, "{sc} seed {seed}");
            let bad: Vec<_> = doc["reference_response"]
                .as_array()
                .expect("steps")
                .iter()
                .filter(|s| s["verdict"] == "late" || s["verdict"] == "missed")
                .map(|s| format!("step {} {} {}", s["step"], s["action"], s["verdict"]))
                .collect();
            assert!(bad.is_empty(), "{sc} seed {seed}: {bad:?}");
            for o in doc["objectives"].as_array().expect("objectives") {
                let r = o["rating"].as_str().expect("rating");
                assert!(
                    matches!(r, "P" | "S" | "N/A"),
                    "{sc} seed {seed}: {} rated {r}",
                    o["id"]
                );
            }
            for c in &m.clocks {
                assert!(
                    !matches!(
                        c.verdict,
                        ClockVerdict::Missed { .. } | ClockVerdict::MetLate { .. }
                    ),
                    "{sc} seed {seed}: clock {} {:?}",
                    c.id,
                    c.verdict
                );
            }
        }
    }
}
