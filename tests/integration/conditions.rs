//! One truth for conditions: what the engine finds while a drill is played and what the report
//! finds from the journal alone agree, turn by turn, for every condition a scenario writes,
//! wherever the journal can tell (the report's answer is `Some`).

use std::sync::Arc;

use kunren::input::Input;
use kunren::journal::read_journal;
use kunren::policy::{self, Policy};
use kunren::report::build;
use kunren::scenario::{Bundle, Condition, Trigger, load_bundle};
use kunren::session::{Applied, Drill, DrillMeta, SessionError};

const SCENARIOS: [&str; 4] = [
    "scenarios/defence-contractor-double-extortion.ron",
    "scenarios/hospital-ransomware.ron",
    "scenarios/hospital-ransomware-ja.ron",
    "scenarios/examples/water-utility-ot.ron",
];

fn bundle(path: &str) -> Arc<Bundle> {
    match load_bundle(path, None) {
        Ok((b, _)) => Arc::new(b),
        Err(e) => panic!("cannot load {path}:\n{}", e.render()),
    }
}

/// Every condition the scenario writes, with where it comes from.
fn conditions(b: &Bundle) -> Vec<(String, Condition)> {
    let sc = &b.scenario;
    let mut out = Vec::new();
    for s in &sc.reference_response {
        if let Some(c) = &s.when {
            out.push((format!("step {}", s.role), c.clone()));
        }
    }
    for e in &sc.expectations {
        out.push((format!("expectation {}", e.id), e.done_when.clone()));
        if let Some(c) = &e.fail_when {
            out.push((format!("expectation {} fail", e.id), c.clone()));
        }
    }
    for i in &sc.injects {
        if let Trigger::When(c) = &i.trigger {
            out.push((format!("inject {}", i.id), c.clone()));
        }
    }
    for r in &sc.rules {
        out.push((format!("rule {}", r.id), r.when.clone()));
    }
    for e in &sc.endings {
        out.push((format!("ending {}", e.id), e.when.clone()));
    }
    // Conditions no shipped scenario writes yet, over every service and the awareness event.
    for svc in &b.org.services {
        for n in 1..=3 {
            out.push((
                format!("down for {n}: {}", svc.id),
                Condition::DownFor(svc.id.clone(), n),
            ));
        }
    }
    out.push(("discovered".into(), Condition::Discovered));
    out
}

#[test]
fn engine_and_report_evaluate_conditions_alike() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut compared = 0usize;
    for path in SCENARIOS {
        let b = bundle(path);
        let conds = conditions(&b);
        for (kind, seed) in [
            ("expert", 1u64),
            ("expert", 2),
            ("random", 3),
            ("random", 4),
            ("idle", 5),
        ] {
            let journal = dir
                .path()
                .join(format!("{kind}-{seed}-{}.jsonl", b.scenario.id));
            let meta = DrillMeta {
                facilitator: "F".into(),
                ..DrillMeta::default()
            };
            let mut drill =
                Drill::start(b.clone(), seed, &meta, Some(&journal), None).expect("start");
            let mut player: Box<dyn Policy> = match kind {
                "expert" => Box::new(policy::Expert::default()),
                "random" => Box::new(policy::RandomPolicy::new(seed)),
                _ => Box::new(policy::Idle),
            };
            // (turn, condition index, engine's answer) while the team acts in that turn.
            let mut seen: Vec<(u32, usize, bool)> = Vec::new();
            while !drill.engine().is_over() {
                let turn = drill.engine().turn();
                for (i, (_, c)) in conds.iter().enumerate() {
                    let v = drill.engine().holds(c);
                    seen.push((turn, i, v));
                }
                let inputs = player.play(drill.engine()).expect("play");
                for (i, input) in inputs.into_iter().enumerate() {
                    match drill.apply(input) {
                        Ok(_) => player.answered(i, Ok(())).expect("answer"),
                        Err(SessionError::Engine(e)) => {
                            player.answered(i, Err(&e)).expect("answer")
                        }
                        Err(e) => panic!("{e}"),
                    }
                }
                assert!(matches!(
                    drill.apply(Input::EndTurn).expect("end turn"),
                    Applied::Resolved(_)
                ));
            }
            drill.close("done").expect("seal");
            let contents = read_journal(&journal).expect("read");
            let verify = kunren::journal::verify_files(&journal, None, None);
            let m = build::build(&contents.records, &verify, "j.jsonl").expect("model");
            for (turn, i, engine) in seen {
                if let Some(report) = m.facts.holds(&conds[i].1, turn) {
                    assert_eq!(
                        report, engine,
                        "{path} {kind} seed {seed}, turn {turn}, {}: {:?}",
                        conds[i].0, conds[i].1
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 1000, "only {compared} answers compared");
}
