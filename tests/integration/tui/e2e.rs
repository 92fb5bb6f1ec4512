//! End to end: the real binary in a pseudo-terminal plays three turns with a few actions, leaves
//! with `q` then `e` (end the drill), and leaves a journal that verifies (sealed, exit 0); and a
//! drill suspended by Ctrl-C twice, resumed, then stopped by SIGTERM stays unsealed and
//! resumable, the terminal restored each time.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::pty::{Term, wait_until};

/// `kunren` with `args` in a new pseudo-terminal of 100×30, in the crate's folder.
fn spawn<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Term {
    Term::spawn(
        Path::new(env!("CARGO_BIN_EXE_kunren")),
        args,
        Path::new(env!("CARGO_MANIFEST_DIR")),
        (100, 30),
    )
}

fn turns_ended(journal: &Path) -> usize {
    std::fs::read_to_string(journal)
        .map(|t| {
            t.lines()
                .filter(|l| l.contains("\"kind\":\"turn_ended\""))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn plays_three_turns_in_a_pty_quits_and_the_journal_verifies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("e2e.jsonl");
    let args: Vec<&std::ffi::OsStr> = [
        "play",
        "tests/fixtures/tui/scenario.ron",
        "--seed",
        "5",
        "--facilitator",
        "E2E",
        "--participant",
        "Aiko Sato:exec",
        "--participant",
        "Ken Ito:soc",
        "--journal",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .chain([journal.as_os_str()])
    .collect();
    let mut pty = spawn(&args);
    let long = Duration::from_secs(30);
    wait_until("the first frame", long, || pty.raw().contains("Fixture"));
    assert!(
        pty.raw().contains("\x1b[?1049h"),
        "the console uses the alternate screen"
    );

    // Turn 1: triage an alert; end the turn.
    pty.keys("a");
    pty.keys("triage\r");
    pty.keys("\x1b");
    pty.keys("ey");
    wait_until("turn 1 to end", long, || turns_ended(&journal) == 1);
    // Close the resolution; the board's question waits: d opens it on the default, Enter
    // asks, Enter confirms.
    pty.keys("\r");
    pty.keys("d");
    pty.keys("\r");
    pty.keys("\r");

    // Turn 2: isolate a workstation (a target) and hunt; undo and redo the hunt; end the turn.
    pty.keys("a");
    pty.keys("isolate\r");
    pty.keys("acct\r");
    pty.keys("\x1b");
    pty.keys("a");
    pty.keys("hunt\r");
    pty.keys("\x1b");
    pty.keys("u");
    pty.keys("a");
    pty.keys("hunt\r");
    pty.keys("\x1b");
    pty.keys("ey");
    wait_until("turn 2 to end", long, || turns_ended(&journal) == 2);
    pty.keys("\r");

    // Turn 3: a note from the facilitator, an action, end the turn.
    pty.keys("n");
    pty.keys("e2e note\r");
    pty.keys("a");
    pty.keys("review\r");
    pty.keys("\x1b");
    pty.keys("ey");
    wait_until("turn 3 to end", long, || turns_ended(&journal) == 3);
    pty.keys("\r");

    // Leave: q asks, e ends the drill; the journal is sealed as aborted.
    pty.keys("q");
    pty.keys("e");
    let (status, out) = pty.finish();
    assert!(status.success(), "exit status {status:?}; output:\n{out}");
    assert!(
        out.contains("\x1b[?1049l"),
        "the terminal was restored (alternate screen left)"
    );
    assert!(
        out.contains(&format!("kunren verify {}", journal.display())),
        "prints the verify command"
    );
    assert!(out.contains("kunren report"), "prints the report command");

    let bytes = std::fs::read(&journal).expect("journal");
    let report = kunren::journal::verify_bytes(&bytes, None, None);
    assert_eq!(
        report.outcome.exit_code(),
        kunren::exit::ExitCode::Success,
        "{}",
        report.render_text()
    );
    let contents = kunren::journal::read_journal(&journal).expect("read");
    let kinds: Vec<String> = contents
        .records
        .iter()
        .map(|r| r.kind.to_string())
        .collect();
    let count = |k: &str| kinds.iter().filter(|x| *x == k).count();
    assert_eq!(count("turn_ended"), 3);
    assert_eq!(
        count("action_submitted"),
        5,
        "triage, isolate, hunt twice, review"
    );
    assert_eq!(count("action_withdrawn"), 1);
    assert_eq!(count("decision_made"), 1);
    assert_eq!(count("facilitator_note"), 1);
    assert_eq!(contents.closed, Some(kunren::journal::CloseStatus::Aborted));
    assert_eq!(contents.header.facilitator, "E2E");
}

fn verify_code(journal: &Path) -> Option<i32> {
    Command::new(env!("CARGO_BIN_EXE_kunren"))
        .arg("verify")
        .arg(journal)
        .output()
        .expect("kunren verify")
        .status
        .code()
}

#[test]
fn suspended_by_ctrl_c_resumed_then_stopped_by_sigterm_stays_unsealed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("suspend.jsonl");
    let j = journal.as_os_str();
    let args: Vec<&std::ffi::OsStr> = [
        "play",
        "tests/fixtures/tui/scenario.ron",
        "--seed",
        "5",
        "--facilitator",
        "E2E",
        "--participant",
        "Aiko Sato:exec",
        "--journal",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .chain([j])
    .collect();
    let mut pty = spawn(&args);
    let long = Duration::from_secs(30);
    wait_until("the first frame", long, || pty.raw().contains("Fixture"));
    pty.keys("ey");
    wait_until("turn 1 to end", long, || turns_ended(&journal) == 1);
    // Ctrl-C asks how to leave; a second Ctrl-C suspends.
    pty.keys("\x03");
    wait_until("the leave dialog", long, || pty.raw().contains("Suspend"));
    pty.keys("\x03");
    let (status, out) = pty.finish();
    assert!(status.success(), "exit status {status:?}; output:\n{out}");
    assert!(out.contains("\x1b[?1049l"), "the terminal was restored");
    assert!(out.contains("kunren play --resume"), "says how to continue");
    assert_eq!(verify_code(&journal), Some(1), "valid but not sealed");

    // Resume it, then stop it from outside: SIGTERM suspends too.
    let args: Vec<&std::ffi::OsStr> = ["play", "--resume"]
        .iter()
        .map(std::ffi::OsStr::new)
        .chain([j])
        .collect();
    let mut pty = spawn(&args);
    wait_until("the resumed console", long, || pty.raw().contains("2/6"));
    // SAFETY: kill sends a signal to the child we spawned; no memory is touched.
    let rc = unsafe { libc::kill(pty.child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(rc, 0);
    let (status, out) = pty.finish();
    assert!(status.success(), "exit status {status:?}; output:\n{out}");
    assert!(out.contains("\x1b[?1049l"), "the terminal was restored");
    assert_eq!(verify_code(&journal), Some(1), "still unsealed");
    let contents = kunren::journal::read_journal(&journal).expect("read");
    assert!(!contents.sealed);
    assert_eq!(
        contents
            .records
            .iter()
            .filter(|r| r.kind.to_string() == "turn_ended")
            .count(),
        1
    );
}

/// `kunren practice` in a pseudo-terminal: one player takes the SOC, the reference response
/// plays the rest; three turns with a hint, an action, a note corrected by mistake; then
/// *End the drill*. The journal verifies sealed, replays identically, and holds the hint, the
/// correction and the reference response's moves under the other roles.
#[test]
fn practice_plays_three_turns_in_a_pty_and_the_journal_verifies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("practice.jsonl");
    let j = journal.as_os_str();
    let args: Vec<&std::ffi::OsStr> = [
        "practice",
        "tests/fixtures/tui/scenario.ron",
        "--role",
        "soc",
        "--name",
        "Ren Ito",
        "--seed",
        "5",
        "--journal",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .chain([j])
    .collect();
    let mut pty = spawn(&args);
    let long = Duration::from_secs(30);
    wait_until("the first frame", long, || pty.raw().contains("Fixture"));
    // Turn 1: a hint (free in this scenario: shown at once), then the step it names.
    let has = |kind: &str| {
        let kind = format!("\"kind\":\"{kind}\"");
        move |j: &Path| std::fs::read_to_string(j).is_ok_and(|t| t.contains(&kind))
    };
    pty.keys("h");
    wait_until("the hint", long, || has("hint_shown")(&journal));
    pty.keys("\x1b");
    pty.keys("a");
    pty.keys("triage\r");
    pty.keys("\x1b");
    pty.keys("ey");
    wait_until("turn 1 to end", long, || turns_ended(&journal) == 1);
    pty.keys("\r");
    // Turn 2: a hunt; end the turn (the reference response plays the other roles first).
    pty.keys("a");
    pty.keys("hunt\r");
    pty.keys("\x1b");
    pty.keys("ey");
    wait_until("turn 2 to end", long, || turns_ended(&journal) == 2);
    pty.keys("\r");
    // Turn 3: a note made by mistake, corrected (m, the newest record, who, why).
    pty.keys("n");
    pty.keys("wrong note\r");
    wait_until("the note", long, || has("facilitator_note")(&journal));
    pty.keys("m");
    pty.keys("\r");
    pty.keys("\r");
    pty.keys("typed in the wrong drill\r");
    wait_until("the correction", long, || has("correction")(&journal));
    pty.keys("ey");
    wait_until("turn 3 to end", long, || turns_ended(&journal) == 3);
    pty.keys("\r");
    pty.keys("q");
    pty.keys("e");
    let (status, out) = pty.finish();
    assert!(status.success(), "exit status {status:?}; output:\n{out}");
    assert!(out.contains("\x1b[?1049l"), "the terminal was restored");
    assert_eq!(verify_code(&journal), Some(0), "sealed and valid");
    let replay = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .arg("replay")
        .arg(&journal)
        .output()
        .expect("kunren replay");
    let text = String::from_utf8_lossy(&replay.stdout);
    assert_eq!(replay.status.code(), Some(0), "{text}");
    assert!(text.contains("identical"), "{text}");

    let contents = kunren::journal::read_journal(&journal).expect("read");
    let h = &contents.header;
    let extra = kunren::records::HeaderExtra::decode(&h.extra).expect("extra");
    assert_eq!(extra.mode, "practice");
    assert!(
        h.participants
            .iter()
            .any(|p| p.name == "Ren Ito" && p.role == "soc")
    );
    assert!(
        h.participants
            .iter()
            .filter(|p| p.role != "soc")
            .all(|p| kunren::tui::is_reference_player(&p.name)),
        "the reference response plays every other role"
    );
    let count = |k: &str| {
        contents
            .records
            .iter()
            .filter(|r| r.kind.to_string() == k)
            .count()
    };
    assert_eq!(count("turn_ended"), 3);
    assert_eq!(count("hint_shown"), 1);
    assert_eq!(count("correction"), 1);
    assert_eq!(count("facilitator_note"), 1);
    let soc_actions = contents
        .records
        .iter()
        .filter(|r| r.kind.to_string() == "action_submitted")
        .filter(|r| r.actor == kunren::journal::Actor::role("soc"))
        .count();
    assert_eq!(soc_actions, 2, "the player's triage and hunt");
    assert!(contents.sealed && contents.closed.is_some());
}

/// `practice` and `play` with a scenario that does not load, under `--lang ja`: the error line
/// and the diagnostic are Japanese, the exit code the English one.
#[test]
fn a_scenario_that_does_not_load_is_refused_in_the_language_asked() {
    let bad = "tests/fixtures/invalid/duplicate-id.ron";
    let practice = ["practice", bad, "--role", "soc"];
    let play = ["play", bad, "--facilitator", "F", "--participant", "A:soc"];
    for args in [&practice[..], &play[..]] {
        let (en_status, en) = spawn(args).finish();
        assert!(
            en.contains("error: The scenario does not load:"),
            "{args:?}: {en}"
        );
        let ja_args = [args, &["--lang", "ja"]].concat();
        let (status, ja) = spawn(&ja_args).finish();
        assert_eq!(status.code(), en_status.code(), "{ja_args:?}: {ja}");
        assert!(
            ja.contains("エラー: シナリオを読み込めません:") && ja.contains("が重複しています"),
            "{ja_args:?}: {ja}"
        );
        let ja = ja.replace(bad, "");
        assert!(!ja.contains("error:") && !ja.contains("duplicate"), "{ja}");
    }
}
