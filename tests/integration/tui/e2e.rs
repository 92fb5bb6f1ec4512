//! End to end: the real binary in a pseudo-terminal plays three turns with a few actions, leaves
//! with `q` then `e` (end the drill), and leaves a journal that verifies (sealed, exit 0); and a
//! drill suspended by Ctrl-C twice, resumed, then stopped by SIGTERM stays unsealed and
//! resumable, the terminal restored each time.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A pseudo-terminal pair of the given size: (controller, terminal).
fn openpty(cols: u16, rows: u16) -> (OwnedFd, OwnedFd) {
    let mut controller: libc::c_int = -1;
    let mut terminal: libc::c_int = -1;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new file descriptors into the pointers on success; we own them.
    let rc = unsafe {
        libc::openpty(
            &mut controller,
            &mut terminal,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty failed: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just created by openpty and are not owned elsewhere.
    unsafe {
        (
            OwnedFd::from_raw_fd(controller),
            OwnedFd::from_raw_fd(terminal),
        )
    }
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

fn wait_until(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

struct Pty {
    writer: File,
    output: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    fn keys(&mut self, keys: &str) {
        for b in keys.bytes() {
            self.writer.write_all(&[b]).expect("write to the pty");
            self.writer.flush().expect("flush");
            std::thread::sleep(Duration::from_millis(15));
        }
        // Let the console handle and draw before the next batch (and keep Esc apart from the
        // next key, which a terminal would otherwise read as Alt+key).
        std::thread::sleep(Duration::from_millis(120));
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().expect("lock")).into_owned()
    }
}

#[test]
fn plays_three_turns_in_a_pty_quits_and_the_journal_verifies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("e2e.jsonl");
    let (controller, terminal) = openpty(100, 30);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kunren"));
    cmd.args([
        "play",
        "tests/fixtures/tui/scenario.ron",
        "--seed",
        "5",
        "--facilitator",
        "E2E",
    ])
    .args([
        "--participant",
        "Aiko Sato:exec",
        "--participant",
        "Ken Ito:soc",
    ])
    .arg("--journal")
    .arg(&journal)
    .env("TERM", "xterm-256color")
    .stdin(Stdio::from(terminal.try_clone().expect("dup")))
    .stdout(Stdio::from(terminal.try_clone().expect("dup")))
    .stderr(Stdio::from(terminal));
    // SAFETY: between fork and exec only async-signal-safe calls: a new session, and the pty
    // as its controlling terminal.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("spawn kunren play");
    // The command holds the parent's copies of the terminal side: close them, or reading the
    // controller never ends.
    drop(cmd);
    let output = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let output = output.clone();
        let mut file = File::from(controller.try_clone().expect("dup"));
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // Reading ends with EIO once the child has exited and closed the terminal.
            while let Ok(n) = file.read(&mut buf) {
                if n == 0 {
                    break;
                }
                output.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        })
    };
    let mut pty = Pty {
        writer: File::from(controller),
        output,
    };
    let long = Duration::from_secs(30);
    wait_until("the first frame", long, || pty.text().contains("Fixture"));
    assert!(
        pty.text().contains("\x1b[?1049h"),
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
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > long {
            let _ = child.kill();
            panic!("kunren did not exit; screen so far:\n{}", pty.text());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pty.writer);
    let _ = reader.join();
    let out = String::from_utf8_lossy(&pty.output.lock().expect("lock")).into_owned();
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

/// Starts `kunren` with `args` in a new pseudo-terminal of 100×30; returns the child, the
/// terminal's writer and what it printed so far.
fn spawn(args: &[&std::ffi::OsStr]) -> (std::process::Child, Pty, std::thread::JoinHandle<()>) {
    let (controller, terminal) = openpty(100, 30);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kunren"));
    cmd.args(args)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .stdin(Stdio::from(terminal.try_clone().expect("dup")))
        .stdout(Stdio::from(terminal.try_clone().expect("dup")))
        .stderr(Stdio::from(terminal));
    // SAFETY: between fork and exec only async-signal-safe calls: a new session, and the pty
    // as its controlling terminal.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let child = cmd.spawn().expect("spawn kunren");
    drop(cmd);
    let output = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let output = output.clone();
        let mut file = File::from(controller.try_clone().expect("dup"));
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = file.read(&mut buf) {
                if n == 0 {
                    break;
                }
                output.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        })
    };
    let pty = Pty {
        writer: File::from(controller),
        output,
    };
    (child, pty, reader)
}

fn wait_exit(child: &mut std::process::Child, pty: &Pty) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().expect("wait") {
            return s;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("kunren did not exit; screen so far:\n{}", pty.text());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
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
    let (mut child, mut pty, reader) = spawn(&args);
    let long = Duration::from_secs(30);
    wait_until("the first frame", long, || pty.text().contains("Fixture"));
    pty.keys("ey");
    wait_until("turn 1 to end", long, || turns_ended(&journal) == 1);
    // Ctrl-C asks how to leave; a second Ctrl-C suspends.
    pty.keys("\x03");
    wait_until("the leave dialog", long, || pty.text().contains("Suspend"));
    pty.keys("\x03");
    let status = wait_exit(&mut child, &pty);
    drop(pty.writer);
    let _ = reader.join();
    let out = String::from_utf8_lossy(&pty.output.lock().expect("lock")).into_owned();
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
    let (mut child, pty, reader) = spawn(&args);
    wait_until("the resumed console", long, || pty.text().contains("2/6"));
    // SAFETY: kill sends a signal to the child we spawned; no memory is touched.
    let rc = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(rc, 0);
    let status = wait_exit(&mut child, &pty);
    drop(pty.writer);
    let _ = reader.join();
    let out = String::from_utf8_lossy(&pty.output.lock().expect("lock")).into_owned();
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
    let (mut child, mut pty, reader) = spawn(&args);
    let long = Duration::from_secs(30);
    wait_until("the first frame", long, || pty.text().contains("Fixture"));
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
    let status = wait_exit(&mut child, &pty);
    drop(pty.writer);
    let _ = reader.join();
    let out = String::from_utf8_lossy(&pty.output.lock().expect("lock")).into_owned();
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
