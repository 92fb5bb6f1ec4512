//! A Japanese drill end to end holds no English word of kunren's own: `kunren run --lang ja`
//! on a shipped Japanese scenario, then `kunren report --lang ja` (Markdown and HTML), and
//! no line of their stdout, stderr or report holds a word of an English template of any
//! catalogue (diagnostics, command line, report, session, refusals, score, seats, the
//! console's strings) outside the authored text the drill quotes back (the scenario's,
//! the organisation's, the action catalogue's and the regimes' strings), ids, paths and code
//! spans. The same drill in English is full of those words, so the check can fail.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use kunren::i18n::{Lang, S};

use super::cli_check::{PROPER_NAMES, plain_words};

const SCENARIO: &str = "scenarios/hospital-ransomware-ja.ron";

/// The authored files the drill quotes from (beside the regimes of `assets/regimes`).
const AUTHORED: [&str; 4] = [
    SCENARIO,
    "assets/orgs/national-hospital-ja.ron",
    "assets/actions.ron",
    SCRIPT,
];

/// An actions script of the drill, with notes, overrides, a hotwash and an improvement plan.
const SCRIPT: &str = "scenarios/examples/hospital-actions.ron";

/// The ways the drill is played: the reference response, nobody (every clock missed), the
/// script.
const PLAYERS: [&[&str]; 3] = [
    &["--policy", "expert"],
    &["--policy", "idle"],
    &["--actions", SCRIPT],
];

/// MITRE's names of the ATT&CK techniques, quoted as MITRE writes them (as are its tactics').
const TECHNIQUES: &str = "assets/attack/techniques.tsv";

/// Every template of every catalogue, in `lang`.
fn templates(lang: Lang) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    let mut add =
        |entries: Vec<(&str, &str)>| v.extend(entries.into_iter().map(|(_, t)| t.to_string()));
    add(lang.diagnostics().entries());
    add(lang.cli_text().entries());
    add(lang.session_errors().entries());
    add(lang.refusals().entries());
    add(lang.score().entries());
    add(lang.seat_errors().entries());
    v.extend(
        lang.report()
            .entries()
            .into_iter()
            .map(|(_, t)| t.to_string()),
    );
    v.extend(S::ALL.iter().map(|s| s.get(lang).to_string()));
    v
}

/// Words of the English templates that Japanese output must not hold: minus those the
/// Japanese templates hold too (`OpenSSH`, `CSF`, a flag's value) and proper names and
/// protocol words that stay as they are in Japanese.
fn english_words() -> BTreeSet<String> {
    let japanese: BTreeSet<String> = templates(Lang::Ja)
        .iter()
        .flat_map(|t| plain_words(t))
        .collect();
    let mut words: BTreeSet<String> = templates(Lang::En)
        .iter()
        .flat_map(|t| plain_words(t))
        .filter(|w| !japanese.contains(w))
        .collect();
    for name in PROPER_NAMES.iter().chain(&["nist", "sha-"]) {
        words.remove(*name);
    }
    words
}

/// The strings of the authored files (RON string literals, the fields of the techniques'
/// table), longest first.
fn authored_strings() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut files: Vec<String> = AUTHORED.iter().map(|p| p.to_string()).collect();
    for entry in std::fs::read_dir("assets/regimes").expect("regimes") {
        files.push(entry.expect("entry").path().display().to_string());
    }
    let table = std::fs::read_to_string(TECHNIQUES).expect("techniques");
    out.extend(
        table
            .lines()
            .flat_map(|l| l.split('\t'))
            .filter(|f| f.chars().count() >= 2)
            .map(str::to_string),
    );
    use kunren::scenario::attack::{Domain, tactics_of};
    for domain in [Domain::Enterprise, Domain::Ics] {
        out.extend(tactics_of(domain).iter().map(|t| t.label().to_string()));
    }
    for path in &files {
        let text = std::fs::read_to_string(path).expect("authored file");
        let mut s = String::new();
        let mut inside = false;
        let mut escaped = false;
        for c in text.chars() {
            match (inside, escaped, c) {
                (false, _, '"') => inside = true,
                (true, true, c) => {
                    s.push(c);
                    escaped = false;
                }
                (true, false, '\\') => escaped = true,
                (true, false, '"') => {
                    inside = false;
                    if s.chars().count() >= 2 {
                        out.push(std::mem::take(&mut s));
                    }
                    s.clear();
                }
                (true, false, c) => s.push(c),
                _ => {}
            }
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

/// `text` without what lies between each `open` and the next `close` (both dropped too).
fn without_between(text: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(a) = rest.find(open) {
        out.push_str(&rest[..a]);
        rest = match rest[a + open.len()..].find(close) {
            Some(b) => &rest[a + open.len() + b + close.len()..],
            None => "",
        };
        out.push(' ');
    }
    out + rest
}

/// The text of an HTML page: no style sheet, no code, no tags, the common entities decoded.
fn html_text(html: &str) -> String {
    let body = without_between(html, "<style", "</style>");
    let body = without_between(&body, "<code", "</code>");
    let body = without_between(&body, "<pre", "</pre>");
    let mut out = String::new();
    let mut tag = false;
    for c in body.chars() {
        match c {
            '<' => tag = true,
            '>' if tag => {
                tag = false;
                out.push(' ');
            }
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// A Markdown document without its fenced code blocks (the verify commands).
fn without_fences(md: &str) -> String {
    without_between(md, "```", "```")
}

/// A line without the ids it quotes with their kind (`action:triage-alert`,
/// `expect:first-report`): a machine's words, not kunren's.
fn without_prefixed_ids(line: &str) -> String {
    let is_id = |c: char| c.is_ascii_alphanumeric() || "-_/.".contains(c);
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && chars[i].is_ascii_lowercase() {
            i += 1;
        }
        let kind = i > start && (start == 0 || !chars[start - 1].is_ascii_alphanumeric());
        if kind && i + 1 < chars.len() && chars[i] == ':' && is_id(chars[i + 1]) {
            i += 1;
            while i < chars.len() && is_id(chars[i]) {
                i += 1;
            }
            out.push(' ');
        } else if i > start {
            out.extend(&chars[start..i]);
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A Markdown line without its link targets (`](#anchor)`).
fn without_links(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..=i]);
        rest = match rest[i + 2..].find(')') {
            Some(j) => &rest[i + 2 + j + 1..],
            None => "",
        };
    }
    out + rest
}

/// `line` without the authored string `a`, whole or cut short (the report shortens long
/// texts in its tables: `The supplier's VPN stayed open…`).
fn without_authored(line: &str, a: &str) -> String {
    let head: String = a.chars().take(12).collect();
    let mut out = line.to_string();
    let mut from = 0;
    while let Some(i) = out[from..].find(&head).map(|i| i + from) {
        let n: usize = out[i..]
            .chars()
            .zip(a.chars())
            .take_while(|(x, y)| x == y)
            .map(|(x, _)| x.len_utf8())
            .sum();
        if n == a.len() || out[i + n..].starts_with('…') {
            out.replace_range(i..i + n, " ");
        }
        from = i + out[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// The English template words in `text` outside the authored strings, each with its line.
fn leaks(what: &str, text: &str, english: &BTreeSet<String>, authored: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let mut plain = without_prefixed_ids(&without_links(line));
        for a in authored {
            plain = without_authored(&plain, a);
        }
        for w in plain_words(&plain) {
            if english.contains(&w) {
                found.push(format!("{what}: `{w}` in {:?}", line.trim()));
            }
        }
    }
    found
}

fn kunren(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(args)
        .output()
        .expect("run kunren");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "{args:?}:\n{stdout}\n{stderr}");
    (stdout, stderr)
}

/// The drill in `lang`, headless, played by `PLAYERS[player]`, with its reports: (what,
/// text) of every output.
fn drill_outputs(dir: &Path, lang: &str, player: usize) -> Vec<(String, String)> {
    let name = format!("{lang}-{player}");
    let journal = dir.join(format!("{name}.jsonl"));
    let j = journal.to_str().expect("utf-8");
    let mut out = Vec::new();
    let mut args = vec!["run", "--lang", lang, "--seed", "1", "--journal", j];
    args.extend(PLAYERS[player]);
    args.push(SCENARIO);
    let (stdout, stderr) = kunren(&args);
    out.push(("run stdout".to_string(), stdout));
    out.push(("run stderr".to_string(), stderr));
    for format in ["md", "html"] {
        let (_, stderr) = kunren(&["report", j, "--lang", lang, "--format", format]);
        out.push((format!("report --format {format} stderr"), stderr));
        let path = dir.join(format!("{name}.jsonl.aar.{format}"));
        let text = std::fs::read_to_string(&path).expect("report");
        let text = if format == "html" {
            html_text(&text)
        } else {
            without_fences(&text)
        };
        out.push((format!("report.{format}"), text));
    }
    out
}

#[test]
fn a_japanese_drill_and_its_report_hold_no_english_template_word() {
    let english = english_words();
    assert!(english.contains("turn") && english.contains("objectives"));
    let authored = authored_strings();
    // A fixed English word in Japanese output is found; the same word inside authored text
    // or an id is not.
    assert_eq!(
        leaks("probe", "実行条件：seed 1", &english, &authored).len(),
        1
    );
    assert!(leaks("probe", "検知元 action:triage-alert", &english, &authored).is_empty());
    let dir = tempfile::tempdir().expect("tempdir");
    // The check sees English: the same drill in English is full of those words, in every
    // output (`run` prints nothing on stderr when all goes well).
    for (what, text) in drill_outputs(dir.path(), "en", 0) {
        let n = leaks(&what, &text, &english, &authored).len();
        let least = match what.as_str() {
            "run stderr" => 0,
            w if w.ends_with("stderr") => 2,
            _ => 20,
        };
        assert!(n >= least, "{what}: only {n} English words:\n{text}");
    }
    let mut found = Vec::new();
    for (player, flags) in PLAYERS.iter().enumerate() {
        for (what, text) in drill_outputs(dir.path(), "ja", player) {
            found.extend(leaks(
                &format!("{flags:?} {what}"),
                &text,
                &english,
                &authored,
            ));
        }
    }
    assert!(
        found.is_empty(),
        "{} English word(s):\n{}",
        found.len(),
        found.join("\n")
    );
}
