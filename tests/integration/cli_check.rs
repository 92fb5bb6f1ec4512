//! `kunren check`: every broken fixture gives its expected diagnostic, with location, no panic.

use std::process::Command;

fn kunren() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kunren"))
}

/// (fixture, code, line:col, words the message must contain)
const CASES: &[(&str, &str, &str, &str)] = &[
    ("syntax-error.ron", "K0002", ":7:5", "Expected comma"),
    (
        "unknown-field.ron",
        "K0003",
        ":5:5",
        "did you mean `title`?",
    ),
    (
        "missing-field.ron",
        "K0004",
        ":48:1",
        "missing field `turn_minutes`",
    ),
    (
        "unknown-variant.ron",
        "K0005",
        ":31:87",
        "unknown variant `Fax`",
    ),
    (
        "wrong-type.ron",
        "K0006",
        ":12:15",
        "wrong value for `max_turns`",
    ),
    ("newer-format.ron", "K0007", ":3:5", "format 2 is newer"),
    (
        "duplicate-id.ron",
        "K0101",
        ":36:20",
        "duplicate expectation id `isolate`",
    ),
    (
        "dangling-stage.ron",
        "K0102",
        ":21:104",
        "unknown stage `phsh`",
    ),
    (
        "bad-attack-id.ron",
        "K0103",
        ":21:72",
        "`T14860` is not an ATT&CK technique id",
    ),
    (
        "turn-out-of-range.ron",
        "K0104",
        ":31:20",
        "fires at turn 9, outside 1..=6",
    ),
    (
        "not-kebab.ron",
        "K0105",
        ":31:20",
        "`Press_Call` is not kebab-case",
    ),
    (
        "chance-out-of-range.ron",
        "K0106",
        ":22:39",
        "chance 1.5 is outside 0..1",
    ),
    (
        "bad-decision-default.ron",
        "K0107",
        ":29:107",
        "defaults to `negotiate`",
    ),
    (
        "unknown-regime.ron",
        "K0108",
        ":13:29",
        "unknown regime `gdpr-33`",
    ),
    (
        "unknown-role.ron",
        "K0102",
        ":31:68",
        "unknown role `press-office`",
    ),
    (
        "unknown-asset.ron",
        "K0102",
        ":22:23",
        "unknown asset `db-2`",
    ),
    (
        "unknown-action-in-reference.ron",
        "K0102",
        ":46:65",
        "did you mean `declare-incident`?",
    ),
    (
        "org-unknown-zone.ron",
        "K0102",
        ":21:61",
        "unknown zone `datacentre`",
    ),
    (
        "missing-org.ron",
        "K0001",
        ":10:10",
        "cannot read the organisation file",
    ),
];

#[test]
fn every_invalid_fixture_gives_its_diagnostic() {
    for (file, code, at, words) in CASES {
        let path = format!("tests/fixtures/invalid/{file}");
        let out = kunren()
            .args(["check", &path])
            .output()
            .expect("run kunren");
        let err = String::from_utf8_lossy(&out.stderr);
        let expected_exit = if *code == "K0001" { 3 } else { 1 };
        assert_eq!(
            out.status.code(),
            Some(expected_exit),
            "{file}: exit code\n{err}"
        );
        assert!(
            err.contains(&format!("[{code}]")),
            "{file}: expected {code}\n{err}"
        );
        assert!(
            err.contains(&format!("{path}{at}")),
            "{file}: expected location {at}\n{err}"
        );
        assert!(err.contains(words), "{file}: expected `{words}`\n{err}");
        assert!(!err.contains("panicked"), "{file}: panic\n{err}");
    }
}

#[test]
fn every_invalid_fixture_is_covered() {
    let n = std::fs::read_dir("tests/fixtures/invalid")
        .expect("fixtures")
        .count();
    assert_eq!(n, CASES.len(), "add new fixtures to CASES");
}

#[test]
fn shipped_files_check_clean() {
    let mut args = vec!["check".to_string()];
    for dir in ["scenarios", "assets/orgs", "assets/regimes"] {
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "ron") {
                args.push(p.to_string_lossy().into_owned());
            }
        }
    }
    args.push("assets/actions.ron".into());
    let out = kunren().args(&args).output().expect("run kunren");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("0 error(s), 0 warning(s)"), "{err}");
}

#[test]
fn check_json_lists_diagnostics_for_editors() {
    let out = kunren()
        .args([
            "check",
            "--format",
            "json",
            "tests/fixtures/invalid/dangling-stage.ron",
        ])
        .output()
        .expect("run kunren");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "K0102");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 21);
    assert_eq!(v["errors"], 1);
}

#[test]
fn all_semantic_errors_are_reported_in_one_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = std::fs::read_to_string("tests/fixtures/valid/mini-scenario.ron").expect("read");
    let broken = base
        .replace("org: \"mini-org.ron\"", "org: \"../../../work/none.ron\"")
        .replace("after: \"phish\"", "after: \"nope\"")
        .replace("technique: \"T1486\"", "technique: \"X1\"")
        .replace("to: [\"comms\"]", "to: [\"pr\"]");
    let org = std::fs::read_to_string("tests/fixtures/valid/mini-org.ron").expect("read");
    std::fs::write(dir.path().join("mini-org.ron"), org).expect("write");
    let path = dir.path().join("s.ron");
    std::fs::write(
        &path,
        broken.replace("../../../work/none.ron", "mini-org.ron"),
    )
    .expect("write");
    let out = kunren().arg("check").arg(&path).output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    for code in [
        "unknown stage `nope`",
        "`X1` is not an ATT&CK",
        "unknown role `pr`",
    ] {
        assert!(err.contains(code), "missing {code}\n{err}");
    }
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn usage_and_io_errors_exit_3() {
    let out = kunren()
        .args(["check", "no/such/file.ron"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3));
    let out = kunren()
        .args(["run", "--seed", "banana"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3));
    let out = kunren().arg("--help").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Exit codes"));
}

#[test]
fn version_and_missing_endings_are_placed_on_their_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let org = std::fs::read_to_string("tests/fixtures/valid/mini-org.ron").expect("read");
    std::fs::write(dir.path().join("mini-org.ron"), &org).expect("write");
    let base = std::fs::read_to_string("tests/fixtures/valid/mini-scenario.ron").expect("read");
    let start = base.find("    endings: [").expect("endings");
    let end = start + base[start..].find("    ],\n").expect("end") + 7;
    let no_endings = format!("{}    endings: [],\n{}", &base[..start], &base[end..]);
    let path = dir.path().join("s.ron");
    std::fs::write(&path, no_endings.replacen("format: 1", "format: 0", 1)).expect("write");
    let out = kunren().arg("check").arg(&path).output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    let file = path.display().to_string();
    assert!(
        err.contains("[K0007]") && err.contains(&format!("{file}:3:5")),
        "{err}"
    );
    let line = no_endings[..no_endings.find("endings: []").expect("x")]
        .matches('\n')
        .count()
        + 1;
    assert!(
        err.contains("[K0205]") && err.contains(&format!("{file}:{line}:5")),
        "{err}"
    );
}

#[test]
fn repeated_bad_references_name_and_point_at_their_own_items() {
    let dir = tempfile::tempdir().expect("tempdir");
    let org = std::fs::read_to_string("tests/fixtures/valid/mini-org.ron").expect("read");
    std::fs::write(dir.path().join("mini-org.ron"), &org).expect("write");
    let base = std::fs::read_to_string("tests/fixtures/valid/mini-scenario.ron").expect("read");
    let text = base
        .replace("objective: \"detect\"", "objective: \"comms\"")
        .replace(
            "within: 2, points: 10, objective: \"report\"",
            "within: 2, points: 10, objective: \"comms\"",
        );
    let path = dir.path().join("s.ron");
    std::fs::write(&path, &text).expect("write");
    let out = kunren().arg("check").arg(&path).output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    let line_of = |needle: &str| {
        text[..text.find(needle).expect(needle)]
            .matches('\n')
            .count()
            + 1
    };
    let isolate = line_of("Expect(id: \"isolate\"");
    let declare = line_of("Expect(id: \"declare\"");
    assert!(
        err.contains("unknown objective `comms` (in expectation `isolate`)"),
        "{err}"
    );
    assert!(
        err.contains("unknown objective `comms` (in expectation `declare`)"),
        "{err}"
    );
    let file = path.display().to_string();
    assert!(err.contains(&format!("{file}:{}:", isolate + 1)), "{err}");
    assert!(err.contains(&format!("{file}:{}:", declare + 1)), "{err}");
}

#[test]
fn a_missing_comma_inside_a_list_is_a_syntax_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let org = std::fs::read_to_string("tests/fixtures/valid/mini-org.ron").expect("read");
    std::fs::write(dir.path().join("mini-org.ron"), &org).expect("write");
    let base = std::fs::read_to_string("tests/fixtures/valid/mini-scenario.ron").expect("read");
    let text = base.replacen("objective: \"detect\"),", "objective: \"detect\")", 1);
    let path = dir.path().join("s.ron");
    std::fs::write(&path, &text).expect("write");
    let out = kunren().arg("check").arg(&path).output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[K0002]") && err.contains("Expected comma"),
        "{err}"
    );
}

#[test]
fn aar_fields_are_checked_capabilities_threat_and_mission_areas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string("tests/fixtures/valid/mini-scenario.ron").expect("fixture");
    let text = text
        .replace(
            r#"title: "Detect the intrusion")"#,
            r#"title: "Detect the intrusion", capability: "Cyber security")"#,
        )
        .replace(
            r#"title: "Report on time")"#,
            r#"title: "Report on time", capability: "Operational Coordination", capability_ja: "活動調整")"#,
        )
        .replace(
            "    org: \"mini-org.ron\",",
            "    org: \"mini-org.ron\",\n    threat: \"\",\n    mission_areas: [Response, Recovery],\n    exercise_type: Tabletop,",
        );
    let path = dir.path().join("aar-scenario.ron");
    std::fs::write(&path, text).expect("write");
    std::fs::copy(
        "tests/fixtures/valid/mini-org.ron",
        dir.path().join("mini-org.ron"),
    )
    .expect("org");
    let out = kunren()
        .args(["check", path.to_str().expect("utf-8")])
        .output()
        .expect("run kunren");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "warnings only: {err}");
    assert!(
        err.contains("warning[K0218]: objective `detect` names `Cyber security`, which is not one of the 32 core capabilities"),
        "{err}"
    );
    assert!(err.contains("did you mean `Cybersecurity`?"), "{err}");
    assert!(err.contains("warning[K0219]: the threat is empty"), "{err}");
    assert!(!err.contains("`report` names"), "{err}");
    // A mission area outside the five is a type error.
    let bad = std::fs::read_to_string(&path)
        .expect("read")
        .replace("[Response, Recovery]", "[Resilience]");
    std::fs::write(&path, bad).expect("write");
    let out = kunren()
        .args(["check", path.to_str().expect("utf-8")])
        .output()
        .expect("run kunren");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("unknown variant `Resilience`"), "{err}");
}

/// Writes a variant of the mini scenario (with its organisation beside it) and checks it.
fn check_variant(edit: impl Fn(String) -> String) -> (Option<i32>, String) {
    check_variant_in("en", edit)
}

/// [`check_variant`] with `kunren check --lang LANG`.
fn check_variant_in(lang: &str, edit: impl Fn(String) -> String) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string("tests/fixtures/valid/mini-scenario.ron").expect("fixture");
    let path = dir.path().join("variant.ron");
    std::fs::write(&path, edit(text)).expect("write");
    std::fs::copy(
        "tests/fixtures/valid/mini-org.ron",
        dir.path().join("mini-org.ron"),
    )
    .expect("org");
    let out = kunren()
        .args(["check", "--lang", lang, path.to_str().expect("utf-8")])
        .output()
        .expect("run kunren");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_reference_response_is_rehearsed_and_steps_it_cannot_play_are_located() {
    // Three two-point threat hunts in turn 1 for a SOC of two points: two cannot be afforded.
    let (code, err) = check_variant(|t| {
        t.replace(
            "    reference_response: [",
            "    reference_response: [\n        Step(turn: 1, role: \"soc\", action: \"threat-hunt\"),\n        Step(turn: 1, role: \"soc\", action: \"threat-hunt\"),",
        )
    });
    assert_eq!(code, Some(0), "warnings only: {err}");
    assert!(
        err.contains("warning[K0213]: reference step 2 (`threat-hunt`) cannot be played on time: role `soc` cannot afford it"),
        "{err}"
    );
    assert!(err.contains("variant.ron:"), "located: {err}");
    assert!(!err.contains("reference step 1 (`threat-hunt`)"), "{err}");
    // In Japanese, the engine's refusal quoted as the example too.
    let (_, ja) = check_variant_in("ja", |t| {
        t.replace(
            "    reference_response: [",
            "    reference_response: [\n        Step(turn: 1, role: \"soc\", action: \"threat-hunt\"),\n        Step(turn: 1, role: \"soc\", action: \"threat-hunt\"),",
        )
    });
    assert!(
        ja.contains("警告[K0213]: 模範対応の手順 2（`threat-hunt`）を期限どおりに実施できません：役割 `soc` は期限のターンにその対応力がありません"),
        "{ja}"
    );
    assert!(ja.contains("soc のこのターンの残り対応力は"), "{ja}");
    assert!(!ja.contains("capacity left"), "{ja}");
}

#[test]
fn a_clock_shorter_than_a_turn_and_a_late_score_above_on_time_are_flagged() {
    // 30-hour turns: NIS2's 24-hour early warning is shorter than one turn.
    let (code, err) = check_variant(|t| t.replace("turn_minutes: 60", "turn_minutes: 1800"));
    assert_eq!(code, Some(0), "warnings only: {err}");
    assert!(
        err.contains("warning[K0217]: clock `nis2-art23/early-warning` allows 24 h, shorter than one turn (1800 min)"),
        "{err}"
    );
    let (code, err) = check_variant(|t| {
        t.replace(
            "missed_points: -5)]",
            "missed_points: -5, late_points: 20)]",
        )
    });
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("error[K0106]: regime `nis2-art23`: `late_points` 20 must lie between"),
        "{err}"
    );
}

#[test]
fn what_can_never_happen_is_reported_at_its_item() {
    let (code, err) = check_variant(|t| {
        t.replace(
            r#"rules: [Rule(id: "paid", reason: "Ransom paid", when: Flag("ransom-paid"), points: -20, objective: "report")],"#,
            r#"rules: [Rule(id: "paid", reason: "Ransom paid", when: Flag("ransom-paid"), points: -20, objective: "report"),
               Rule(id: "late-bonus", reason: "Late", when: Turn(30), points: 5, apply: Once, objective: "report"),
               Rule(id: "both", reason: "Both", when: All([Flag("ransom-paid"), Not(Flag("ransom-paid"))]), points: -5, objective: "report")],"#,
        )
        .replace(
            r#"Ending(id: "encrypted", title: "Database encrypted", kind: Breached, when: Encrypted("db-1")),"#,
            r#"Ending(id: "encrypted", title: "Database encrypted", kind: Breached, when: Encrypted("db-1")),
        Ending(id: "phish-stopped", title: "Phish stopped", kind: Contained, when: Halted("phish")),"#,
        )
        .replace(
            r#"Opt(id: "refuse", label: "Refuse")])),"#,
            r#"Opt(id: "refuse", label: "Refuse"), Opt(id: "stall", label: "Stall")])),"#,
        )
        .replace(
            r#"    expectations: ["#,
            r#"    expectations: [
        Expect(id: "long", title: "Long", after: Start, done_when: Did("declare-incident"), within: 40, points: 5, objective: "report"),
        Expect(id: "farmed", title: "Farmed", after: When(Did("isolate-host")), done_when: Did("declare-incident"), within: 2, points: 5, objective: "report"),"#,
        )
        .replace(
            r#"Stage(id: "phish", title: "Phishing", technique: "T1566.001", tactic: InitialAccess,"#,
            r#"Stage(id: "phish", title: "Phishing", technique: "T1566.001", tactic: InitialAccess, after: "encrypt","#,
        )
    });
    assert_eq!(code, Some(0), "warnings only: {err}");
    for needle in [
        "warning[K0221]: rule `late-bonus` can never apply: `Turn(30)` never holds in a 6-turn drill",
        "warning[K0221]: rule `both` can never apply: `All` requires both `Flag(\"ransom-paid\")` and its negation",
        "warning[K0221]: ending `phish-stopped` can never be reached: `Halted(\"phish\")` never holds: stage `phish` has no `halted_when`",
        "warning[K0222]: expectation `long` falls due in turn 40",
        "warning[K0223]: stage `phish` waits on itself through `after`: phish → encrypt → phish",
        "warning[K0224]: options `refuse` and `stall` of decision `ransom` change the same things",
        "warning[K0225]: expectation `farmed` starts only on the team's own actions",
    ] {
        assert!(err.contains(needle), "missing {needle}\n{err}");
    }
    assert!(err.contains("variant.ron:"), "located: {err}");
}

#[test]
fn a_scenario_brings_its_own_regime_from_a_regimes_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string("tests/fixtures/valid/mini-scenario.ron").expect("fixture");
    let text = text.replace(
        r#"regimes: [RegimeUse(id: "nis2-art23", objective: "report", points: 10, missed_points: -5)],"#,
        r#"regimes: [RegimeUse(id: "tsa-pipeline", objective: "report", points: 10, missed_points: -10)],"#,
    )
    .replace(r#"target: "nis2-art23")"#, r#"target: "tsa-pipeline")"#);
    std::fs::write(dir.path().join("pipeline.ron"), text).expect("write");
    std::fs::copy(
        "tests/fixtures/valid/mini-org.ron",
        dir.path().join("mini-org.ron"),
    )
    .expect("org");
    std::fs::create_dir(dir.path().join("regimes")).expect("mkdir");
    std::fs::write(
        dir.path().join("regimes/tsa-pipeline.ron"),
        r#"Regime(
    format: 1,
    id: "tsa-pipeline",
    name: "TSA Security Directive Pipeline-2021-01",
    name_ja: "TSA パイプライン保安指令 2021-01",
    authority: "CISA",
    source: "TSA Security Directive Pipeline-2021-01 (May 2021), reporting of cybersecurity incidents to CISA",
    clocks: [Clock(id: "report", title: "Cybersecurity incident report to CISA", starts_when: Discovered,
                   hours: Some(12), met_by: ["notify-authority"], deadline: Stated,
                   basis: "report within 12 hours of identification")],
)
"#,
    )
    .expect("regime");
    let p = dir.path().join("pipeline.ron");
    let p = p.to_str().expect("utf-8");
    let out = kunren().args(["check", p]).output().expect("run kunren");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("K0108"), "{err}");
    assert!(!err.contains("error["), "{err}");
    let journal = dir.path().join("j.jsonl");
    let out = kunren()
        .args([
            "run",
            p,
            "--policy",
            "idle",
            "--journal",
            journal.to_str().expect("utf-8"),
        ])
        .output()
        .expect("run kunren");
    let run = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        run.contains("Cybersecurity incident report to CISA"),
        "{run}"
    );
    let md = dir.path().join("r.md");
    let out = kunren()
        .args([
            "report",
            journal.to_str().expect("utf-8"),
            "-o",
            md.to_str().expect("utf-8"),
        ])
        .output()
        .expect("run kunren");
    assert_eq!(out.status.code(), Some(0));
    let report = std::fs::read_to_string(&md).expect("report");
    assert!(
        report.contains("TSA Security Directive Pipeline-2021-01"),
        "its own name in the report"
    );
    // A regime id that would name another path is never looked up.
    let bad = std::fs::read_to_string(dir.path().join("pipeline.ron"))
        .expect("read")
        .replace(
            r#"id: "tsa-pipeline", objective"#,
            r#"id: "../tsa-pipeline", objective"#,
        );
    std::fs::write(dir.path().join("pipeline.ron"), bad).expect("write");
    let out = kunren().args(["check", p]).output().expect("run kunren");
    assert!(String::from_utf8_lossy(&out.stderr).contains("K0108"));
}

#[test]
fn check_and_list_speak_the_language_asked_for() {
    let file = "tests/fixtures/valid/mini-scenario.ron";
    for args in [
        vec!["--lang", "ja", "check", file],
        vec!["check", "--lang", "ja", file],
    ] {
        let out = kunren().args(&args).output().expect("run kunren");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(
            err.contains("1 ファイルを検査：エラー 0 件"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("checked"), "{args:?}: {err}");
    }
    let out = kunren().args(["check", file]).output().expect("run kunren");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("checked 1 file(s): 0 error(s)"), "{err}");
    for args in [vec!["--lang", "ja", "list"], vec!["list", "--lang", "ja"]] {
        let out = kunren().args(&args).output().expect("run kunren");
        let text = String::from_utf8_lossy(&out.stdout);
        for heading in ["分野別のシナリオ", "組織：", "制度：", "ターン ×"] {
            assert!(text.contains(heading), "{args:?} lacks {heading}: {text}");
        }
        for english in [
            "Scenarios by sector",
            "Organisations:",
            "Regimes:",
            " turns × ",
        ] {
            assert!(!text.contains(english), "{args:?} still says {english}");
        }
    }
}

/// The words of the English diagnostics' templates (four letters or more), their
/// placeholders and quoted RON (`` `…` ``, `"…"`) left out.
pub(crate) fn english_template_words() -> std::collections::BTreeSet<String> {
    let mut words = std::collections::BTreeSet::new();
    for (_, template) in kunren::i18n::Lang::En.diagnostics().entries() {
        for w in plain_words(template) {
            words.insert(w);
        }
    }
    for name in PROPER_NAMES {
        words.remove(*name);
    }
    words
}

/// How many of `text`'s plain words are among `english` (the words of English templates): how a
/// language check shows that it sees English at all.
pub(crate) fn english_words_in(text: &str, english: &std::collections::BTreeSet<String>) -> usize {
    plain_words(text)
        .iter()
        .filter(|w| english.contains(*w))
        .count()
}

/// Proper names and protocol words, which stay as they are in Japanese.
pub(crate) const PROPER_NAMES: &[&str] = &[
    "kunren",
    "attack",
    "mitre",
    "hseep",
    "iana",
    "enterprise",
    "fifo",
];

/// The lowercase words of `text` outside `{…}`, `` `…` `` and `"…"` (a path or an
/// identifier with `_`, `/` or a digit is no word, nor is a flag such as `--seat`).
pub(crate) fn plain_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars().chain([' ']) {
        match (quote, c) {
            (None, '{' | '`' | '"') => quote = Some(if c == '{' { '}' } else { c }),
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, c) if c.is_ascii_alphanumeric() || "'-_/.".contains(c) => word.push(c),
            (None, _) => {
                let w = word
                    .trim_matches(|c| "'-.".contains(c))
                    .to_ascii_lowercase();
                if w.len() >= 4
                    && !word.starts_with("--")
                    && w.chars()
                        .all(|c| c.is_ascii_alphabetic() || "'-".contains(c))
                {
                    out.push(w);
                }
                word.clear();
            }
        }
        if quote.is_some() && !word.is_empty() {
            word.clear();
        }
    }
    out
}

#[test]
fn check_in_japanese_prints_every_invalid_fixture_without_english_template_words() {
    let english = english_template_words();
    assert!(english.contains("duplicate") && english.contains("unknown"));
    // The check sees English: the same fixture checked in English is full of those words.
    let out = kunren()
        .args(["check", "tests/fixtures/invalid/duplicate-id.ron"])
        .output()
        .expect("run kunren");
    let en = String::from_utf8_lossy(&out.stderr);
    assert!(english_words_in(&en, &english) >= 4, "{en}");
    let mut checked = 0;
    for entry in std::fs::read_dir("tests/fixtures/invalid").expect("fixtures") {
        let path = entry.expect("entry").path();
        let source = std::fs::read_to_string(&path).expect("fixture");
        let out = kunren()
            .args(["check", "--lang", "ja"])
            .arg(&path)
            .output()
            .expect("run kunren");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("エラー[K0"), "{}: {err}", path.display());
        // Words the file itself holds (ids, field names) may be quoted back; so may the
        // parser's and the system's own words (`Expected comma`, `No such file`).
        let authored: std::collections::BTreeSet<String> =
            plain_words(&source.replace(['`', '"'], " "))
                .into_iter()
                .collect();
        let foreign = ["expected", "comma", "integer"];
        for line in err.lines() {
            let line = line
                .trim_start()
                .replace("No such file or directory (os error 2)", "");
            if line.starts_with("-->") || line.contains(" | ") || line.ends_with(" |") {
                continue;
            }
            // A list of ids after a label (`有効なフィールド：format, id, …`) is quoted syntax.
            let is_list = |part: &str| {
                let items: Vec<&str> = part.trim_end_matches('。').split(", ").collect();
                items.len() > 1
                    && items.iter().all(|i| {
                        !i.is_empty()
                            && i.chars()
                                .all(|c| c.is_ascii_alphanumeric() || "-_/.".contains(c))
                    })
            };
            let line: String = line
                .split('：')
                .map(|part| {
                    let head = part.split('。').next().unwrap_or(part);
                    if is_list(head) {
                        part.replacen(head, "", 1)
                    } else {
                        part.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("：");
            for w in plain_words(&line) {
                assert!(
                    !english.contains(&w) || authored.contains(&w) || foreign.contains(&w.as_str()),
                    "{}: the English word `{w}` in {line:?}",
                    path.display()
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 19, "{checked}");
}

/// An empty Japanese form of a regime's authority or basis is K0219, like the scenario's.
#[test]
fn an_empty_japanese_authority_or_basis_of_a_regime_is_warned_about() {
    let text = std::fs::read_to_string("assets/regimes/nis2-art23.ron").expect("regime");
    assert!(text.contains("authority_ja: \"") && text.contains("basis_ja: \""));
    for field in ["authority_ja", "basis_ja"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nis2-art23.ron");
        let start = text.find(&format!("{field}: \"")).expect("field") + field.len() + 3;
        let end = start + text[start..].find('"').expect("end");
        std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).expect("write");
        let out = kunren()
            .arg("check")
            .arg(&path)
            .output()
            .expect("run kunren");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "warning[K0219]: regime `nis2-art23` has an empty `{field}`"
            )),
            "{field}: {err}"
        );
    }
}
