//! `kunren run`: determinism, balance of the shipped scenarios, actions scripts.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .arg("run")
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
fn same_inputs_give_byte_identical_output() {
    for policy in ["expert", "random", "idle"] {
        for format in ["text", "json"] {
            let args = ["--policy", policy, "--seed", "7", "--format", format];
            let a = run(&args);
            let b = run(&args);
            assert_eq!(a.0, 0, "{}", a.2);
            assert_eq!(a.1, b.1, "{policy}/{format} output differs between runs");
        }
    }
    let other = run(&["--policy", "random", "--seed", "8"]);
    let seven = run(&["--policy", "random", "--seed", "7"]);
    assert_ne!(other.1, seven.1, "the seed must matter");
}

#[test]
fn json_has_one_object_per_turn_then_a_summary() {
    let (code, out, err) = run(&["--policy", "expert", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let (last, turns) = lines.split_last().expect("lines");
    assert!(last.get("summary").is_some());
    for (i, t) in turns.iter().enumerate() {
        assert_eq!(t["turn"], i as u64 + 1);
        let sum: i64 = t["score_lines"]
            .as_array()
            .expect("lines")
            .iter()
            .map(|l| l["points"].as_i64().expect("points"))
            .sum();
        assert_eq!(
            t["turn_points"].as_i64(),
            Some(sum),
            "turn points are the sum of the lines"
        );
    }
}

fn share(scenario: &str, policy: &str, seed: u64) -> (f64, Vec<String>) {
    let seed = seed.to_string();
    let (code, out, err) = run(&[
        scenario, "--policy", policy, "--seed", &seed, "--format", "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let last: serde_json::Value =
        serde_json::from_str(out.lines().last().expect("summary")).expect("json");
    let s = &last["summary"];
    let ratings = s["objectives"]
        .as_array()
        .expect("objectives")
        .iter()
        .map(|o| o["rating"].as_str().unwrap_or("?").to_string())
        .collect();
    (s["share"].as_f64().expect("share"), ratings)
}

const SCENARIOS: [&str; 3] = [
    "scenarios/defence-contractor-double-extortion.ron",
    "scenarios/hospital-ransomware.ron",
    "scenarios/hospital-ransomware-ja.ron",
];

#[test]
fn expert_earns_at_least_80_percent_with_no_objective_unable() {
    for sc in SCENARIOS {
        for seed in 1..=5 {
            let (share, ratings) = share(sc, "expert", seed);
            assert!(share >= 0.80, "{sc} seed {seed}: expert share {share:.2}");
            assert!(
                !ratings.iter().any(|r| r == "U"),
                "{sc} seed {seed}: {ratings:?}"
            );
        }
    }
}

#[test]
fn idle_earns_at_most_30_percent() {
    for sc in SCENARIOS {
        for seed in 1..=5 {
            let (share, _) = share(sc, "idle", seed);
            assert!(share <= 0.30, "{sc} seed {seed}: idle share {share:.2}");
        }
    }
}

#[test]
fn a_bad_actions_script_names_the_turn_and_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.ron");
    std::fs::write(
        &path,
        r#"Script(format: 1, turns: [Turn(turn: 2, actions: [Act(role: "soc", action: "isolate-host")])])"#,
    )
    .expect("write");
    let (code, _, err) = run(&[
        "tests/fixtures/valid/mini-scenario.ron",
        "--actions",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("turn 2") && err.contains("isolate-host") && err.contains("needs a target"),
        "{err}"
    );

    std::fs::write(&path, r#"Script(format: 1, turns: [Turn(turn: 1, actions: [Act(role: "janitor", action: "triage-alert")])])"#)
        .expect("write");
    let (code, _, err) = run(&[
        "tests/fixtures/valid/mini-scenario.ron",
        "--actions",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("turn 1") && err.contains("unknown role `janitor`"),
        "{err}"
    );
    // In Japanese, framing line and all.
    let (ja_code, _, err) = run(&[
        "tests/fixtures/valid/mini-scenario.ron",
        "--lang",
        "ja",
        "--actions",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(ja_code, code);
    assert!(
        err.starts_with("エラー: 行動スクリプト、ターン 1：")
            && err.contains("不明なロール `janitor`"),
        "{err}"
    );

    std::fs::write(
        &path,
        "Script(format: 1, turns: [Turn(turn: 1, actoins: [])])",
    )
    .expect("write");
    let (code, _, err) = run(&[
        "tests/fixtures/valid/mini-scenario.ron",
        "--actions",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("K0003") && err.contains("did you mean `actions`"),
        "{err}"
    );
}

#[test]
fn list_shows_shipped_scenarios() {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .arg("list")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("scenarios/defence-contractor-double-extortion.ron"));
    assert!(text.contains("scenarios/hospital-ransomware.ron"));
    assert!(text.contains("assets/orgs/national-hospital.ron"));
    assert!(text.contains("scenarios/hospital-ransomware-ja.ron"));
}

#[test]
fn balance_reports_spread_and_never_seen_injects() {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args([
            "balance",
            "tests/fixtures/valid/mini-scenario.ron",
            "--policy",
            "idle",
            "--runs",
            "20",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["runs"], 20);
    let s = &v["share"];
    assert!(s["min"].as_f64() <= s["p50"].as_f64() && s["p50"].as_f64() <= s["max"].as_f64());
    // Idle never isolates, so the "contained" ending never happens and encryption often does.
    assert!(v["endings"].get("contained").is_none());
    assert_eq!(v["stages"][0]["id"], "phish", "stages in campaign order");
    assert!(v["stages"][0]["runs"].as_u64().unwrap_or(0) > 0);
    let text = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args([
            "balance",
            "tests/fixtures/valid/mini-scenario.ron",
            "--policy",
            "idle",
            "--runs",
            "5",
        ])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&text.stdout).contains("median"));
}

#[test]
fn shipped_scenarios_run_from_any_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        vec!["run", "--policy", "idle"],
        vec![
            "run",
            "scenarios/hospital-ransomware.ron",
            "--policy",
            "idle",
        ],
        vec![
            "check",
            "scenarios/hospital-ransomware.ron",
            "scenarios/defence-contractor-double-extortion.ron",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
            .current_dir(dir.path())
            .args(&args)
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn the_japanese_edition_plays_exactly_like_the_english_one() {
    let strip = |out: String| {
        out.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| {
                let s = &v["summary"];
                if s.is_object() {
                    (
                        s["total"].clone(),
                        s["achievable"].clone(),
                        s["turns"].clone(),
                    )
                } else {
                    (
                        v["total"].clone(),
                        v["turn_points"].clone(),
                        v["turn"].clone(),
                    )
                }
            })
            .collect::<Vec<_>>()
    };
    for seed in ["1", "2", "3"] {
        let en = run(&[
            "scenarios/hospital-ransomware.ron",
            "--policy",
            "random",
            "--seed",
            seed,
            "--format",
            "json",
        ]);
        let ja = run(&[
            "scenarios/hospital-ransomware-ja.ron",
            "--policy",
            "random",
            "--seed",
            seed,
            "--format",
            "json",
        ]);
        assert_eq!(strip(en.1), strip(ja.1), "seed {seed}");
    }
}

#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    for args in [
        vec!["list"],
        vec!["balance", "--runs", "30"],
        vec!["run", "--policy", "random"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kunren"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("read");
        // The reader goes away after one line, like `kunren list | head -1`.
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn language_and_previous_drill_reach_the_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("j.jsonl");
    let j = journal.to_str().expect("utf-8");
    let (code, _, err) = run(&[
        "--policy",
        "expert",
        "--lang",
        "ja",
        "--previous-drill",
        "2025-11-20",
        "--journal",
        j,
    ]);
    assert_eq!(code, 0, "{err}");
    let md = dir.path().join("r.md");
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(["report", j, "-o"])
        .arg(&md)
        .output()
        .expect("report");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&md).expect("read");
    assert!(text.contains("事後評価報告書"), "Japanese headings");
    assert!(text.contains("2025-11-20"), "previous drill date");
}

#[test]
fn a_missing_or_unusable_file_exits_3_in_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let none = dir.path().join("none.jsonl");
    let none = none.to_str().expect("utf-8");
    let existing = dir.path().join("existing.jsonl");
    std::fs::write(&existing, "").expect("write");
    let existing = existing.to_str().expect("utf-8");
    let key = dir.path().join("no-such-dir").join("k");
    for args in [
        vec!["verify", none],
        vec!["replay", none],
        vec!["report", none],
        vec!["check", none],
        vec!["run", "--actions", none],
        vec!["run", "--resume", none],
        vec!["run", "--policy", "idle", "--journal", existing],
        vec!["balance", "--runs", "0"],
        vec!["keygen", "--out", key.to_str().expect("utf-8")],
        vec!["report", "--no-such-flag"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
            .args(&args)
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(3),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn lang_goes_before_the_command_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lang_of = |args: &[&str], name: &str| {
        let journal = dir.path().join(name);
        let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
            .args(args)
            .args(["--policy", "idle", "--seed", "1", "--journal"])
            .arg(&journal)
            .output()
            .expect("run kunren");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        kunren::journal::read_journal(&journal)
            .expect("journal")
            .header
            .language
    };
    assert_eq!(lang_of(&["--lang", "ja", "run"], "a.jsonl"), "ja");
    assert_eq!(lang_of(&["run"], "b.jsonl"), "en");
    assert_eq!(
        lang_of(&["--lang", "ja", "run", "--lang", "en"], "c.jsonl"),
        "en",
        "the command's own --lang wins"
    );
    let bad = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(["--lang", "fr", "run"])
        .output()
        .expect("run kunren");
    assert_ne!(bad.status.code(), Some(0), "only en and ja");
}

/// `run --lang ja`: every row label, the turn header and the result block come from the message
/// catalogue's Japanese side; the English table is unchanged without the flag.
#[test]
fn the_table_speaks_the_drills_language() {
    use kunren::i18n::{Lang, S};
    let (code, ja, err) = run(&[
        "scenarios/hospital-ransomware.ron",
        "--policy",
        "expert",
        "--seed",
        "1",
        "--lang",
        "ja",
    ]);
    assert_eq!(code, 0, "{err}");
    let labels: Vec<&str> = [
        S::RunInject,
        S::RunDecision,
        S::RunAction,
        S::RunAttacker,
        S::RunDetected,
        S::RunEvent,
        S::RunClock,
        S::RunScore,
        S::RunTotal,
        S::RunEnding,
    ]
    .iter()
    .map(|k| Lang::Ja.t(*k))
    .collect();
    let summary = [
        "得点",
        "結末",
        "影響",
        "初回検知",
        "攻撃者は一度も検知されなかった",
        "目標：",
        // The technique legend: a proper name and MITRE's own technique names.
        "ATT&CK",
    ];
    let mut rows = 0;
    for line in ja.lines() {
        // A row of the table or of the result block: two spaces, then its label.
        if let Some(row) = line.strip_prefix("  ").filter(|r| !r.starts_with(' ')) {
            let first = row.split_whitespace().next().unwrap_or("");
            assert!(
                labels.contains(&first) || summary.iter().any(|w| first.starts_with(w)),
                "an English or unknown label in `run --lang ja`: {line}"
            );
            rows += 1;
        }
        if line.starts_with("── ") {
            assert!(line.starts_with("── ターン "), "{line}");
        }
    }
    assert!(rows > 20, "{rows} rows");
    assert!(ja.contains("══ 結果："), "{ja}");
    let (_, en, _) = run(&[
        "scenarios/hospital-ransomware.ron",
        "--policy",
        "expert",
        "--seed",
        "1",
    ]);
    assert!(
        en.contains("── Turn 1/") && en.contains("══ Result: "),
        "{en}"
    );
    assert_eq!(en.lines().count(), ja.lines().count());
}

/// A Japanese drill played with `--lang ja`: the turn log's lines (`事象`) are in Japanese —
/// the catalogue's templates with the drill's names — and none is the English journal text;
/// the same drill in English writes the journal's English lines.
#[test]
fn a_japanese_drill_shows_its_turn_log_in_japanese() {
    let scenario = "scenarios/hospital-ransomware-ja.ron";
    let args = [scenario, "--policy", "expert", "--seed", "3"];
    let (code, ja, err) = run(&[&args[..], &["--lang", "ja"]].concat());
    assert_eq!(code, 0, "{err}");
    let label = "事象";
    let lines: Vec<&str> = ja
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix(label))
        .collect();
    assert!(lines.len() >= 3, "too few event lines:\n{ja}");
    let english = [
        " encrypted",
        " isolated",
        " restored",
        "now in place",
        "delivered to",
        "nothing left to report",
        " exfiltrated",
        " DOWN",
        " back up",
        "is back in service",
        "action:",
        "stage:",
        "service:",
        "rebuild:",
    ];
    for l in &lines {
        for w in english {
            assert!(
                !l.contains(w),
                "English `{w}` in a Japanese event line: {l}"
            );
        }
    }
    // Japanese templates are there (the engine's own words, not only names).
    let ja_words = [
        "隔離",
        "暗号化",
        "提出",
        "停止",
        "復旧",
        "導入",
        "復元",
        "損害",
    ];
    assert!(
        lines.iter().any(|l| ja_words.iter().any(|w| l.contains(w))),
        "no Japanese template word in the event lines: {lines:?}"
    );
    let (code, en, err) = run(&[&args[..], &["--lang", "en"]].concat());
    assert_eq!(code, 0, "{err}");
    let en_lines = en
        .lines()
        .filter(|l| l.trim_start().starts_with("event"))
        .count();
    assert_eq!(en_lines, lines.len(), "the same events in both languages");
    assert!(en.contains("action:") || en.contains("service: "), "{en}");
}

#[test]
fn run_in_japanese_prints_japanese_score_reasons_and_turn_log() {
    let (code, out, err) = run(&[
        "scenarios/defence-contractor-double-extortion-ja.ron",
        "--policy",
        "expert",
        "--lang",
        "ja",
    ]);
    assert_eq!(code, 0, "{err}");
    let scores: Vec<&str> = out.lines().filter(|l| l.contains("得点 ")).collect();
    assert!(scores.len() > 10, "{out}");
    for l in &scores {
        for w in [
            "on time",
            "due by turn",
            "delivered",
            "not achieved",
            "still open",
            "failed",
        ] {
            assert!(!l.contains(w), "English {w:?} in {l:?}");
        }
    }
    assert!(scores.iter().any(|l| l.contains("期限内に実施")), "{out}");
    assert!(out.contains("を隔離した"), "{out}");
}
