//! `kunren graph` and `kunren navigator`: every shipped scenario draws, and its layers (and a
//! recorded drill's) follow the ATT&CK Navigator layer format 4.5.

use std::process::Command;

use serde_json::Value;

const TACTICS: [&str; 14] = [
    "reconnaissance",
    "resource-development",
    "initial-access",
    "execution",
    "persistence",
    "privilege-escalation",
    "defense-evasion",
    "credential-access",
    "discovery",
    "lateral-movement",
    "collection",
    "command-and-control",
    "exfiltration",
    "impact",
];

/// The tactics of ATT&CK for ICS (ics-attack v18.1).
const ICS_TACTICS: [&str; 12] = [
    "initial-access",
    "execution",
    "persistence",
    "privilege-escalation",
    "evasion",
    "discovery",
    "lateral-movement",
    "collection",
    "command-and-control",
    "inhibit-response-function",
    "impair-process-control",
    "impact",
];

fn kunren(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(args)
        .output()
        .expect("run kunren");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The required fields and value shapes of layer format 4.5
/// (mitre-attack/attack-navigator `layers/spec/v4.5/layerformat.md`).
fn check_layer(l: &Value) {
    assert!(l["name"].as_str().is_some_and(|n| !n.is_empty()), "name");
    assert!(
        matches!(
            l["domain"].as_str(),
            Some("enterprise-attack" | "ics-attack" | "mobile-attack")
        ),
        "domain {}",
        l["domain"]
    );
    assert_eq!(l["versions"]["layer"], "4.5");
    assert!(l["versions"]["attack"].is_string() && l["versions"]["navigator"].is_string());
    let techniques = l["techniques"].as_array().expect("techniques");
    assert!(!techniques.is_empty());
    for t in techniques {
        let id = t["techniqueID"].as_str().expect("techniqueID");
        let ok = id.len() >= 5
            && id.starts_with('T')
            && id[1..5].chars().all(|c| c.is_ascii_digit())
            && (id.len() == 5
                || (id.len() == 9
                    && &id[5..6] == "."
                    && id[6..].chars().all(|c| c.is_ascii_digit())));
        assert!(ok, "technique id {id}");
        let tactics: &[&str] = if l["domain"] == "ics-attack" {
            &ICS_TACTICS
        } else {
            &TACTICS
        };
        assert!(
            tactics.contains(&t["tactic"].as_str().expect("tactic")),
            "{t}"
        );
        assert!(t["score"].is_number(), "{t}");
        let color = t["color"].as_str().expect("color");
        assert!(
            color.len() == 7
                && color.starts_with('#')
                && color[1..].chars().all(|c| c.is_ascii_hexdigit()),
            "{color}"
        );
        assert!(t["comment"].is_string() && t["enabled"].is_boolean());
    }
}

#[test]
fn every_shipped_scenario_has_a_valid_layer_and_a_graph() {
    for sc in kunren::scenario::load::SCENARIOS.iter().map(|e| e.path) {
        let (code, out) = kunren(&["navigator", sc]);
        assert_eq!(code, Some(0), "{sc}");
        // One layer, or an array of one layer per domain when the campaign mixes them.
        match serde_json::from_str::<Value>(&out).expect("layer is JSON") {
            Value::Array(layers) => layers.iter().for_each(check_layer),
            layer => check_layer(&layer),
        }
        let (code, dot) = kunren(&["graph", sc]);
        assert_eq!(code, Some(0), "{sc}");
        assert!(dot.starts_with("digraph"), "{sc}");
        let (bundle, _) = kunren::scenario::load_bundle(sc, None).expect("loads");
        for i in &bundle.scenario.injects {
            let node = format!("inject_{}", i.id.replace('-', "_"));
            assert!(
                dot.contains(&format!("  {node} [shape=box")),
                "{sc}: {node}"
            );
        }
        for e in &bundle.scenario.endings {
            let node = format!("ending_{}", e.id.replace('-', "_"));
            assert!(
                dot.contains(&format!("-> {node}")),
                "{sc}: nothing leads to {node}"
            );
        }
        let (code, mermaid) = kunren(&["graph", sc, "--format", "mermaid"]);
        assert_eq!(code, Some(0));
        assert!(mermaid.starts_with("flowchart LR\n"));
        assert!(!mermaid.contains("\\#quot;"), "{sc}: quotes as entities");
    }
}

#[test]
fn a_journal_layer_colours_what_the_attacker_reached() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("idle.jsonl");
    let j = journal.to_str().expect("utf-8");
    let (code, _) = kunren(&["run", "--policy", "idle", "--journal", j]);
    assert_eq!(code, Some(0));
    let (code, out) = kunren(&["navigator", j]);
    assert_eq!(code, Some(0));
    let layer: Value = serde_json::from_str(&out).expect("layer is JSON");
    check_layer(&layer);
    let techniques = layer["techniques"].as_array().expect("techniques");
    // An idle team lets the attacker through: something was reached and never detected.
    assert!(
        techniques.iter().any(|t| t["score"] == 3
            && t["comment"]
                .as_str()
                .is_some_and(|c| c.contains("never detected"))),
        "{out}"
    );
    assert!(
        layer["legendItems"]
            .as_array()
            .is_some_and(|l| l.len() == 4)
    );
}

#[test]
fn balance_names_the_seeds_of_its_extremes_and_says_why_things_did_not_happen() {
    let (code, out) = kunren(&[
        "balance", "--policy", "random", "--runs", "25", "--format", "json",
    ]);
    assert_eq!(code, Some(0));
    let r: Value = serde_json::from_str(&out).expect("one JSON document");
    for (point, seed) in [
        ("max", &r["share"]["seeds"]["max"]),
        ("min", &r["share"]["seeds"]["min"]),
    ] {
        let seed = seed.as_u64().expect("seed").to_string();
        let (code, run) = kunren(&[
            "run", "--policy", "random", "--seed", &seed, "--format", "json",
        ]);
        assert_eq!(code, Some(0));
        let last: Value = serde_json::from_str(run.lines().last().expect("summary")).expect("json");
        let share = last["summary"]["share"].as_f64().expect("share");
        assert!(
            (share - r["share"][point].as_f64().expect("point")).abs() < 1e-12,
            "run --seed {seed} reproduces the {point}"
        );
    }
    // Every ending is listed, with why it did not happen in the other runs.
    let endings = r["endings"].as_array().expect("endings");
    assert!(endings.iter().any(|e| e["id"] == "time-limit"));
    assert!(
        endings
            .iter()
            .filter(|e| e["runs"].as_u64() < Some(25) && e["id"] != "time-limit")
            .all(|e| e["why_not"].as_object().is_some_and(|w| !w.is_empty())),
        "{endings:?}"
    );
    assert!(r["decisions"].as_array().is_some_and(|d| !d.is_empty()));
    let e = &r["expectations"][0];
    let total: u64 = ["met", "late", "missed", "open", "inactive"]
        .iter()
        .map(|k| e[*k].as_u64().expect("count"))
        .sum();
    assert_eq!(total, 25, "every run counted once: {e}");
    let (_, help) = kunren(&["balance", "--help"]);
    assert!(!help.contains("per turn"), "{help}");
}

#[test]
fn balance_reports_the_same_for_any_number_of_threads() {
    let run = |threads: &str| {
        let (code, out) = kunren(&[
            "balance",
            "--policy",
            "random",
            "--runs",
            "24",
            "--threads",
            threads,
            "--format",
            "json",
        ]);
        assert_eq!(code, Some(0));
        out
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

/// `kunren check` with its stderr and exit code.
fn check(path: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(["check", path])
        .output()
        .expect("run kunren");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn attack_ids_are_checked_against_the_real_data() {
    // (fixture, exit code, code, line:col, words)
    let cases: [(&str, i32, &str, &str, &str); 4] = [
        (
            "unknown-technique.ron",
            1,
            "error[K0230]",
            ":21:72",
            "`T9999` is not an ATT&CK technique",
        ),
        (
            "revoked-technique.ron",
            0,
            "warning[K0231]",
            ":21:72",
            "`T1086` (PowerShell) is revoked in ATT&CK v18.1: it is now T1059.001 (Command and Scripting Interpreter: PowerShell)",
        ),
        (
            "deprecated-technique.ron",
            0,
            "warning[K0232]",
            ":21:72",
            "`T1026` (Multiband Communication) is deprecated",
        ),
        (
            "wrong-tactic.ron",
            0,
            "warning[K0233]",
            ":21:89",
            "T0836 Modify Parameter (ICS) does not belong to the tactic Impact: its tactics are ImpairProcessControl",
        ),
    ];
    for (file, exit, code, at, words) in cases {
        let path = format!("tests/fixtures/attack/{file}");
        let (status, err) = check(&path);
        assert_eq!(status, Some(exit), "{file}\n{err}");
        assert!(err.contains(code), "{file}: {code}\n{err}");
        assert!(err.contains(&format!("{path}{at}")), "{file}: {at}\n{err}");
        assert!(err.contains(words), "{file}: {words}\n{err}");
        assert!(err.contains("= help:"), "{file}: help line\n{err}");
    }
    let (status, err) = check("tests/fixtures/attack/ics-tactic.ron");
    assert_eq!(status, Some(0), "{err}");
    assert!(err.contains("0 error(s), 0 warning(s)"), "{err}");
}

#[test]
fn an_ics_campaign_gets_one_navigator_layer_per_domain() {
    let (code, out) = kunren(&["navigator", "scenarios/examples/water-utility-ot.ron"]);
    assert_eq!(code, Some(0));
    let layers: Vec<Value> = serde_json::from_str(&out).expect("an array of layers");
    let domains: Vec<&str> = layers.iter().filter_map(|l| l["domain"].as_str()).collect();
    assert_eq!(domains, ["enterprise-attack", "ics-attack"]);
    for l in &layers {
        check_layer(l);
        for t in l["techniques"].as_array().expect("techniques") {
            let id = t["techniqueID"].as_str().expect("id");
            assert_eq!(
                id.starts_with("T0"),
                l["domain"] == "ics-attack",
                "{id} in {}",
                l["domain"]
            );
        }
    }
    let ics = &layers[1]["techniques"];
    assert!(
        ics.as_array()
            .expect("techniques")
            .iter()
            .any(|t| t["techniqueID"] == "T0836" && t["tactic"] == "impair-process-control"),
        "{ics}"
    );
}

#[test]
fn technique_names_reach_run_and_the_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("d.jsonl");
    let j = journal.to_str().expect("utf-8");
    let (code, out) = kunren(&[
        "run",
        "--seed",
        "1",
        "--journal",
        j,
        "scenarios/defence-contractor-double-extortion.ron",
    ]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("ATT&CK T1486 Data Encrypted for Impact (Impact, Enterprise)"),
        "{out}"
    );
    assert_eq!(
        out.matches("ATT&CK T1486 ").count(),
        1,
        "each technique once"
    );
    let (code, _) = kunren(&["report", j]);
    assert_eq!(code, Some(0));
    let md = std::fs::read_to_string(dir.path().join("d.jsonl.aar.md")).expect("report");
    let line = md
        .lines()
        .find(|l| l.contains("ATT&CK techniques"))
        .expect("techniques line");
    assert_eq!(line.matches("T1486").count(), 1, "{line}");
    assert!(
        line.contains("T1566.002 Phishing: Spearphishing Link (Initial Access, Enterprise)"),
        "{line}"
    );
}

#[test]
fn a_scenario_carries_a_whole_regime_inline_with_its_names_in_both_languages() {
    let f = "tests/fixtures/authoring/inline-regime.ron";
    let (status, err) = check(f);
    assert_eq!(status, Some(0), "{err}");
    assert!(err.contains("0 error(s), 0 warning(s)"), "{err}");
    let dir = tempfile::tempdir().expect("tempdir");
    let j = dir.path().join("d.jsonl");
    let j = j.to_str().expect("utf-8");
    let (code, out) = kunren(&["run", "--seed", "1", "--journal", j, f]);
    assert_eq!(code, Some(0));
    assert!(out.contains("clock    pipeline-sd/report"), "{out}");
    assert!(
        out.contains("(Pipeline security directive (12 h))"),
        "{out}"
    );
    let (code, _) = kunren(&["report", j]);
    assert_eq!(code, Some(0));
    let md = std::fs::read_to_string(dir.path().join("d.jsonl.aar.md")).expect("report");
    assert!(md.contains("Pipeline security directive (12 h)"), "{md}");
    // The journal keeps the regime's names in the drill's language: a Japanese drill.
    let jj = dir.path().join("ja.jsonl");
    let jj = jj.to_str().expect("utf-8");
    let (code, _) = kunren(&["--lang", "ja", "run", "--seed", "1", "--journal", jj, f]);
    assert_eq!(code, Some(0));
    let ja = dir.path().join("ja.md");
    let (code, _) = kunren(&[
        "--lang",
        "ja",
        "report",
        jj,
        "-o",
        ja.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(0));
    let md = std::fs::read_to_string(&ja).expect("report");
    assert!(md.contains("パイプライン保安指令（12時間）"), "{md}");
    assert!(md.contains("サイバーセキュリティ事案報告"), "{md}");

    for (file, code, at, words) in [
        (
            "inline-regime-id-differs.ron",
            "error[K0239]",
            ":19:21",
            "the inline regime `pipeline-sd2` is used as `pipeline-sd`",
        ),
        (
            "inline-regime-shipped-id.ron",
            "error[K0240]",
            ":16:23",
            "the inline regime `jp-acd` has the id of a regime kunren ships",
        ),
    ] {
        let path = format!("tests/fixtures/authoring/{file}");
        let (status, err) = check(&path);
        assert_eq!(status, Some(1), "{file}\n{err}");
        assert!(err.contains(code), "{file}\n{err}");
        assert!(err.contains(&format!("{path}{at}")), "{file}\n{err}");
        assert!(err.contains(words), "{file}\n{err}");
    }
}
