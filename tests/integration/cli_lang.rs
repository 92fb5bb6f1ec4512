//! `--lang ja` for a drill that cannot be loaded: `run`, `balance` and `replay` print the
//! diagnostics and the lines around them from the catalogue's Japanese side (no English
//! template word), with the same exit code as in English.

use std::path::Path;
use std::process::Command;

use super::cli_check::{english_template_words, english_words_in, plain_words};

const BAD: &str = "tests/fixtures/invalid/duplicate-id.ron";

fn kunren(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(args)
        .output()
        .expect("run kunren");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Fails on an English word of the diagnostics' or the framing lines' templates in `err`,
/// outside the quoted source (`-->`, `|` lines) and the words the scenario itself holds.
fn assert_japanese(what: &str, err: &str) {
    assert!(err.contains("エラー[K0"), "{what}: {err}");
    let mut english = english_template_words();
    for (_, template) in kunren::i18n::Lang::En.cli_text().entries() {
        english.extend(plain_words(template));
    }
    let source = std::fs::read_to_string(BAD).expect("fixture");
    let authored: std::collections::BTreeSet<String> =
        plain_words(&source.replace(['`', '"'], " "))
            .into_iter()
            .collect();
    for line in err.lines() {
        let line = line.trim_start();
        if line.starts_with("-->") || line.contains(" | ") || line.ends_with(" |") {
            continue;
        }
        for w in plain_words(line) {
            assert!(
                !english.contains(&w) || authored.contains(&w),
                "{what}: the English word `{w}` in {line:?}\n{err}"
            );
        }
    }
}

/// The same command in English: its exit code, and that the check above would see it.
fn english_code(args: &[&str]) -> i32 {
    let (code, err) = kunren(args);
    assert!(err.contains("error[K0"), "{args:?}: {err}");
    assert!(
        plain_words(&err)
            .iter()
            .any(|w| english_template_words().contains(w)),
        "{err}"
    );
    code
}

#[test]
fn run_and_balance_report_a_bad_scenario_in_japanese() {
    for args in [vec!["run", BAD], vec!["balance", "--runs", "2", BAD]] {
        let code = english_code(&args);
        assert_ne!(code, 0, "{args:?}");
        for ja in [
            [&args[..], &["--lang", "ja"]].concat(),
            [&["--lang", "ja"], &args[..]].concat(),
        ] {
            let (ja_code, err) = kunren(&ja);
            assert_eq!(ja_code, code, "{ja:?}: {err}");
            assert_japanese(&format!("{ja:?}"), &err);
        }
    }
}

#[test]
fn balance_refuses_zero_runs_in_japanese() {
    let (code, err) = kunren(&["balance", "--runs", "0"]);
    assert!(err.contains("at least 1"), "{err}");
    let (ja_code, ja) = kunren(&["balance", "--runs", "0", "--lang", "ja"]);
    assert_eq!(ja_code, code);
    assert!(ja.contains("エラー: --runs は 1 以上"), "{ja}");
}

#[test]
fn replay_reports_a_bad_scenario_in_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("j.jsonl");
    let j = journal.to_str().expect("utf-8");
    let s = "tests/fixtures/valid/mini-scenario.ron";
    let (code, err) = kunren(&["run", "--seed", "1", "--journal", j, s]);
    assert_eq!(code, 0, "{err}");
    assert!(Path::new(j).exists());
    let args = ["replay", j, "--scenario", BAD];
    let code = english_code(&args);
    assert_ne!(code, 0);
    let (ja_code, err) = kunren(&[&args[..], &["--lang", "ja"]].concat());
    assert_eq!(ja_code, code, "{err}");
    assert!(
        err.starts_with(kunren::i18n::Lang::Ja.cli_text().load_failed),
        "{err}"
    );
    assert_japanese("replay --lang ja", &err);
}

/// `kunren [--lang LANG] play --serve … --seat SEAT` in a terminal (the console refuses to
/// start without one): its exit code and everything it printed.
fn play_with_seat(lang: Option<&str>, seat: &str) -> (Option<i32>, String) {
    let mut args: Vec<&str> = Vec::new();
    if let Some(l) = lang {
        args.extend(["--lang", l]);
    }
    args.extend(["play", "--serve", "127.0.0.1:0", "--seat", seat]);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut term = super::pty::Term::spawn(
        Path::new(env!("CARGO_BIN_EXE_kunren")),
        &args,
        dir.path(),
        (120, 30),
    );
    let (status, out) = term.finish();
    (status.code(), out)
}

#[test]
fn a_bad_seat_is_refused_in_the_language_asked_for() {
    let seat = "Ken:soc:/nonexistent/k.pub";
    let (code, en) = play_with_seat(None, seat);
    assert_eq!(code, Some(2), "{en}");
    assert!(
        en.contains("error: --seat \"Ken:soc:/nonexistent/k.pub\": cannot read /nonexistent/k.pub"),
        "{en}"
    );
    let english: std::collections::BTreeSet<String> = kunren::i18n::Lang::En
        .seat_errors()
        .entries()
        .iter()
        .flat_map(|(_, t)| plain_words(t))
        .collect();
    // The check below sees English: the English refusal is full of those words.
    assert!(english_words_in(&en, &english) >= 4, "{en}");
    let (ja_code, ja) = play_with_seat(Some("ja"), seat);
    assert_eq!(ja_code, code, "{ja}");
    assert!(
        ja.contains(
            "エラー: --seat \"Ken:soc:/nonexistent/k.pub\"：/nonexistent/k.pub を読み込めません："
        ),
        "{ja}"
    );
    // The system's own words for the missing file are its, not kunren's.
    let ja_words = ja.replace("No such file or directory (os error 2)", "");
    for w in plain_words(&ja_words) {
        assert!(!english.contains(&w), "the English word `{w}` in {ja}");
    }
}
