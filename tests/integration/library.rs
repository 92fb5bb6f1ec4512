//! The scenario library's bar (issue 13): every drill shipped in `scenarios/` checks clean with
//! no warnings, is long and rich enough, and plays fairly — the model answer wins, doing
//! nothing loses, playing at random lands in between — for 500 expert runs and 100 runs of
//! the other players. The library itself spans at least nine sectors and four Japanese drills.

use std::collections::BTreeSet;
use std::sync::Arc;

use kunren::montecarlo::{BalanceReport, run_batch};
use kunren::policy::{self, Policy};
use kunren::scenario::{Bundle, load, load_bundle};

/// Loads a shipped drill; its diagnostics must be empty (no errors, no warnings).
fn load_clean(path: &str) -> Arc<Bundle> {
    match load_bundle(path, None) {
        Ok((b, warnings)) => {
            let shown: Vec<String> = warnings.iter().map(|w| w.render(None)).collect();
            assert!(
                shown.is_empty(),
                "{path} has warnings:\n{}",
                shown.join("\n")
            );
            Arc::new(b)
        }
        Err(e) => panic!("{path} does not load:\n{}", e.render()),
    }
}

fn batch(b: &Arc<Bundle>, kind: &str, runs: u32) -> BalanceReport {
    let make = |seed: u64| -> Box<dyn Policy> {
        match kind {
            "idle" => Box::new(policy::Idle),
            "random" => Box::new(policy::RandomPolicy::new(seed)),
            _ => Box::new(policy::Expert::default()),
        }
    };
    run_batch(b, kind, make, runs, 1, 2, |_, _| {})
}

#[test]
fn every_shipped_drill_meets_the_library_bar() {
    let mut failures: Vec<String> = Vec::new();
    for e in load::SCENARIOS {
        let b = load_clean(e.path);
        let s = &b.scenario;
        let mut fail = |what: String| failures.push(format!("{}: {what}", e.path));
        if s.max_turns < 14 {
            fail(format!("max_turns {} < 14", s.max_turns));
        }
        if s.injects.len() < 15 {
            fail(format!("{} injects < 15", s.injects.len()));
        }
        let decisions = s.injects.iter().filter(|i| i.decision.is_some()).count();
        if decisions < 3 {
            fail(format!("{decisions} decisions < 3"));
        }
        let functions: BTreeSet<String> = s
            .objectives
            .iter()
            .map(|o| format!("{:?}", o.function))
            .collect();
        if functions.len() < 5 {
            fail(format!(
                "objectives in {} CSF functions < 5",
                functions.len()
            ));
        }
        let expert = batch(&b, "expert", 500);
        let idle = batch(&b, "idle", 100);
        let random = batch(&b, "random", 100);
        if expert.turns.p50 < 10.0 {
            fail(format!(
                "expert median playthrough {} turns < 10",
                expert.turns.p50
            ));
        }
        if expert.share.p50 < 0.85 || expert.share.min < 0.7 {
            fail(format!(
                "expert median {:.2} (>= 0.85) min {:.2} (>= 0.7)",
                expert.share.p50, expert.share.min
            ));
        }
        for r in &expert.ratings {
            if let Some(n) = r.runs.get("U").filter(|n| **n > 0) {
                fail(format!("expert rated U on {} in {n} runs", r.objective));
            }
        }
        if idle.share.p50 > 0.3 {
            fail(format!("idle median {:.2} > 0.3", idle.share.p50));
        }
        if !(idle.share.p50 < random.share.p50 && random.share.p50 < expert.share.p50) {
            fail(format!(
                "random median {:.2} not between idle {:.2} and expert {:.2}",
                random.share.p50, idle.share.p50, expert.share.p50
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_library_spans_the_sectors_and_languages_the_regulators_name() {
    let mut sectors = BTreeSet::new();
    let mut japanese = 0;
    for e in load::SCENARIOS {
        let b = load_clean(e.path);
        sectors.insert(b.scenario.sector.clone());
        if b.scenario.language == "ja" {
            japanese += 1;
        }
    }
    assert!(
        load::SCENARIOS.len() >= 10,
        "{} drills",
        load::SCENARIOS.len()
    );
    assert!(sectors.len() >= 9, "sectors: {sectors:?}");
    assert!(japanese >= 4, "{japanese} Japanese drills");
    assert_eq!(load::SCENARIOS[0].path, load::DEFAULT_SCENARIO);
}

/// Japanese characters (kana and CJK ideographs): a text holding them is written in Japanese.
fn is_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn every_shipped_action_has_a_japanese_name_and_description() {
    let mut missing: Vec<String> = Vec::new();
    for e in load::SCENARIOS {
        let b = load_clean(e.path);
        let actions = b.catalogue.actions.iter().chain(&b.scenario.actions);
        for a in actions {
            let name = a.name_ja.as_deref().is_some_and(is_japanese) || is_japanese(&a.name);
            let description =
                a.description_ja.as_deref().is_some_and(is_japanese) || is_japanese(&a.description);
            if !name {
                missing.push(format!(
                    "{}: action `{}` has no Japanese name",
                    e.path, a.id
                ));
            }
            if !description {
                missing.push(format!(
                    "{}: action `{}` has no Japanese description",
                    e.path, a.id
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Every shipped regime says its name, authority and basis (and any assumption) in Japanese,
/// and every clock its title and basis: a Japanese drill and its report show them.
#[test]
fn every_shipped_regime_has_a_japanese_form() {
    let mut missing: Vec<String> = Vec::new();
    let mut check = |what: String, en: &str, ja: Option<&str>| {
        if !en.trim().is_empty() && !ja.is_some_and(is_japanese) {
            missing.push(what);
        }
    };
    assert!(load::REGIMES.len() >= 14);
    for e in load::REGIMES {
        let id = e
            .path
            .trim_end_matches(".ron")
            .rsplit('/')
            .next()
            .unwrap_or(e.path);
        let r = match load::regime(id) {
            Some(Ok(r)) => r,
            _ => panic!("regime {}", e.path),
        };
        check(format!("{id}: name_ja"), &r.name, r.name_ja.as_deref());
        check(
            format!("{id}: authority_ja"),
            &r.authority,
            r.authority_ja.as_deref(),
        );
        check(format!("{id}: basis_ja"), &r.basis, r.basis_ja.as_deref());
        if let Some(a) = &r.assumption {
            check(
                format!("{id}: assumption_ja"),
                a,
                r.assumption_ja.as_deref(),
            );
        }
        for c in &r.clocks {
            check(
                format!("{id}/{}: title_ja", c.id),
                &c.title,
                c.title_ja.as_deref(),
            );
            if let Some(b) = &c.basis {
                check(format!("{id}/{}: basis_ja", c.id), b, c.basis_ja.as_deref());
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
