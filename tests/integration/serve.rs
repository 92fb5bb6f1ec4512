//! `kunren play --serve` end to end with the real OpenSSH client: the binary's console in a
//! pseudo-terminal, two key seats connected with `ssh` in their own 80×24 pseudo-terminals,
//! one queuing its role's action, a wrong key refused and journaled, the facilitator ending a
//! turn that reaches the seats, and a sealed journal that verifies and replays identically.
//! Also: the session refuses a seat's input for another role. Skips (saying so) only when no
//! `ssh` client is installed.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kunren::input::Input;
use kunren::records::SeatId;
use kunren::session::{Drill, DrillMeta, SessionError};

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

/// What a terminal of `cols`×`rows` shows after `bytes`: enough of VT100 for ratatui's output
/// (cursor moves, clears, SGR ignored, wide characters taking two cells).
fn screen(bytes: &[u8], cols: usize, rows: usize) -> String {
    let mut grid = vec![vec![' '; cols]; rows];
    let (mut r, mut c) = (0usize, 0usize);
    let text = String::from_utf8_lossy(bytes);
    let mut it = text.chars().peekable();
    while let Some(ch) = it.next() {
        match ch {
            '\x1b' => {
                if it.peek() != Some(&'[') {
                    it.next();
                    continue;
                }
                it.next();
                let mut params = String::new();
                let mut fin = ' ';
                for x in it.by_ref() {
                    if ('\x40'..='\x7e').contains(&x) {
                        fin = x;
                        break;
                    }
                    params.push(x);
                }
                let nums: Vec<usize> = params
                    .trim_start_matches('?')
                    .split(';')
                    .map(|n| n.parse().unwrap_or(0))
                    .collect();
                match fin {
                    'H' | 'f' => {
                        r = nums.first().copied().unwrap_or(1).max(1) - 1;
                        c = nums.get(1).copied().unwrap_or(1).max(1) - 1;
                    }
                    'J' if nums.first() == Some(&2) => {
                        grid = vec![vec![' '; cols]; rows];
                    }
                    'h' | 'l' if params.contains("1049") => {
                        grid = vec![vec![' '; cols]; rows];
                    }
                    _ => {}
                }
            }
            '\r' => c = 0,
            '\n' => r += 1,
            ch if (ch as u32) < 0x20 => {}
            ch => {
                let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(1);
                if r < rows && c < cols {
                    grid[r][c] = ch;
                    if w == 2 && c + 1 < cols {
                        grid[r][c + 1] = '\0';
                    }
                }
                c += w;
            }
        }
        if r >= rows {
            grid.remove(0);
            grid.push(vec![' '; cols]);
            r = rows - 1;
        }
    }
    grid.iter()
        .map(|row| row.iter().filter(|c| **c != '\0').collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A program running in its own pseudo-terminal, with everything it printed so far.
struct Term {
    child: Child,
    writer: File,
    output: Arc<Mutex<Vec<u8>>>,
    size: (u16, u16),
}

impl Term {
    fn spawn(program: &Path, args: &[&str], cwd: &Path, size: (u16, u16)) -> Term {
        let (controller, terminal) = openpty(size.0, size.1);
        let mut cmd = Command::new(program);
        cmd.args(args)
            .current_dir(cwd)
            .env("TERM", "xterm-256color")
            .env("NO_COLOR", "1")
            .stdin(Stdio::from(terminal.try_clone().expect("dup")))
            .stdout(Stdio::from(terminal.try_clone().expect("dup")))
            .stderr(Stdio::from(terminal));
        // SAFETY: between fork and exec only async-signal-safe calls: a new session, and the
        // pty as its controlling terminal.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn");
        let output = Arc::new(Mutex::new(Vec::new()));
        {
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
            });
        }
        Term {
            child,
            writer: File::from(controller),
            output,
            size,
        }
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(200));
    }

    /// Everything printed, as bytes decoded (for words anywhere in the history).
    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().expect("lock")).into_owned()
    }

    /// What the terminal shows now.
    fn text(&self) -> String {
        let bytes = self.output.lock().expect("lock").clone();
        screen(&bytes, self.size.0 as usize, self.size.1 as usize)
    }

    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while !self.text().contains(what) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what:?}; screen so far:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_exit(&mut self) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                return s;
            }
            if start.elapsed() > Duration::from_secs(30) {
                let _ = self.child.kill();
                panic!("did not exit; screen so far:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The OpenSSH client, if installed.
fn ssh_client() -> Option<PathBuf> {
    ["/usr/bin/ssh", "/usr/local/bin/ssh", "/bin/ssh"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

fn keygen(dir: &Path, name: &str) -> String {
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(dir.join(name))
        .status()
        .expect("ssh-keygen")
        .success();
    assert!(ok, "ssh-keygen failed");
    let out = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(dir.join(format!("{name}.pub")))
        .output()
        .expect("ssh-keygen -l");
    // "256 SHA256:… comment (ED25519)": the fingerprint as OpenSSH prints it.
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .nth(1)
        .expect("a fingerprint")
        .to_string()
}

fn ssh_args<'a>(key: &'a str, port: &'a str, user: &'a str) -> Vec<&'a str> {
    vec![
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "LogLevel=ERROR",
        "-i",
        key,
        "-tt",
        "-p",
        port,
        user,
    ]
}

fn journal_lines(path: &Path, kind: &str) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains(&format!("\"kind\":\"{kind}\"")))
        .map(str::to_string)
        .collect()
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

#[test]
fn two_ssh_seats_play_a_turn_a_wrong_key_is_journaled_and_the_journal_verifies() {
    let Some(ssh) = ssh_client() else {
        eprintln!(
            "SKIPPED: no OpenSSH client (ssh) is installed; `apt-get install openssh-client`"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let aoi_fp = keygen(d, "aoi");
    keygen(d, "mei");
    let bad_fp = keygen(d, "bad");
    let journal = d.join("j").join("drill.jsonl");
    let kunren = PathBuf::from(env!("CARGO_BIN_EXE_kunren"));
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/hospital-ransomware.ron");
    let mut fac = Term::spawn(
        &kunren,
        &[
            "play",
            scenario.to_str().expect("utf-8"),
            "--seed",
            "3",
            "--facilitator",
            "Fac",
            "--journal",
            journal.to_str().expect("utf-8"),
            "--serve",
            "127.0.0.1:0",
            "--seat",
            "Aoi Tanaka:soc:aoi.pub",
            "--seat",
            "Mei Ito:it-ops:mei.pub:ja",
        ],
        d,
        (100, 30),
    );
    fac.wait_for("Serving seats on 127.0.0.1:");
    let text = fac.text();
    let at = text.find("Serving seats on 127.0.0.1:").expect("address") + 27;
    let port: String = text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(!port.is_empty(), "a port in {text}");
    // The host key is kept beside the journal, its fingerprint on the facilitator's screen.
    let host_pub = d.join("j").join("kunren_host_ed25519_key.pub");
    assert!(host_pub.is_file(), "host key beside the journal");
    let host_fp = {
        let out = Command::new("ssh-keygen")
            .arg("-lf")
            .arg(&host_pub)
            .output()
            .expect("ssh-keygen");
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .nth(1)
            .expect("fp")
            .to_string()
    };
    fac.wait_for(&host_fp);

    let mut aoi = Term::spawn(&ssh, &ssh_args("aoi", &port, "soc@127.0.0.1"), d, (80, 24));
    aoi.wait_for("Aoi Tanaka (SOC)");
    let mut mei = Term::spawn(
        &ssh,
        &ssh_args("mei", &port, "it-ops@127.0.0.1"),
        d,
        (80, 24),
    );
    mei.wait_for("Mei Ito (IT-OPS)");
    mei.wait_for("ターン");

    // Aoi queues one of the SOC's actions (the second of its list: no target).
    aoi.keys("a");
    aoi.wait_for("Actions of your role (SOC)");
    aoi.keys("\x1b[B");
    aoi.keys("\r");
    aoi.wait_for("Queued:");
    wait_until("the seat's input in the journal", || {
        !journal_lines(&journal, "seat_input").is_empty()
    });
    let seat_input = journal_lines(&journal, "seat_input").remove(0);
    assert!(seat_input.contains(&aoi_fp), "{seat_input}");
    assert!(seat_input.contains("Aoi Tanaka"), "{seat_input}");
    let submitted = journal_lines(&journal, "action_submitted");
    assert_eq!(submitted.len(), 1, "{submitted:?}");
    assert!(
        submitted[0].contains("\"role\":\"soc\""),
        "{}",
        submitted[0]
    );

    // A key no seat has is refused and journaled.
    let status = Command::new(&ssh)
        .args(ssh_args("bad", &port, "soc@127.0.0.1"))
        .arg("true")
        .current_dir(d)
        .stdin(Stdio::null())
        .output()
        .expect("ssh")
        .status;
    assert!(!status.success(), "the wrong key got in");
    wait_until("the refusal in the journal", || {
        journal_lines(&journal, "seat_refused")
            .iter()
            .any(|l| l.contains("unknown_key") && l.contains(&bad_fp))
    });

    // The facilitator sees the seats and ends the turn; it reaches both seats.
    fac.keys("s");
    fac.wait_for("2/2 connected");
    fac.keys("\x1b");
    fac.keys("e");
    fac.keys("y");
    aoi.wait_for("Turn 2/16");
    mei.wait_for("2/16");

    // No seat ever saw the control view's ground truth (in anything it was sent).
    for seat in [&aoi, &mei] {
        let t = seat.raw();
        for truth in ["CONTROL", "統制ビュー", "(hidden)", "出目"] {
            assert!(!t.contains(truth), "a seat saw {truth:?}:\n{t}");
        }
    }

    // The facilitator ends the drill: the seats are closed, the journal is sealed.
    fac.keys("\x1b");
    fac.keys("q");
    fac.keys("e");
    assert!(fac.wait_exit().success(), "{}", fac.text());
    aoi.wait_exit();
    mei.wait_exit();
    let verify = Command::new(&kunren)
        .arg("verify")
        .arg(&journal)
        .output()
        .expect("verify");
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    let replay = Command::new(&kunren)
        .arg("replay")
        .arg(&journal)
        .output()
        .expect("replay");
    let out = String::from_utf8_lossy(&replay.stdout);
    assert!(
        replay.status.success() && out.contains("identical"),
        "{out}"
    );
}

#[test]
fn the_session_refuses_a_seat_acting_for_another_role_and_journals_its_own() {
    let bundle =
        kunren::scenario::load::load_or_fail(Some("scenarios/hospital-ransomware.ron"), None)
            .expect("bundle");
    let meta = DrillMeta {
        title: None,
        facilitator: "Fac".into(),
        ..DrillMeta::default()
    };
    let mut drill = Drill::start(bundle.clone(), 3, &meta, None, None).expect("drill");
    let seat = SeatId {
        key: Some("SHA256:test".into()),
        participant: "Aoi Tanaka".into(),
        role: "soc".into(),
        ..SeatId::default()
    };
    let of_it_ops = bundle
        .catalogue
        .actions
        .iter()
        .find(|a| a.owner == "it-ops" && a.target == kunren::scenario::TargetKind::None)
        .expect("an it-ops action")
        .id
        .clone();
    let of_soc = bundle
        .catalogue
        .actions
        .iter()
        .find(|a| a.owner == "soc" && a.target == kunren::scenario::TargetKind::None)
        .expect("a soc action")
        .id
        .clone();
    let as_seat = |input: Input| Input::Seat {
        seat: seat.clone(),
        input: Box::new(input),
    };
    // Another role's action, even taken as the seat's own role: refused.
    let e = drill
        .apply(as_seat(Input::Submit {
            action: of_it_ops.clone(),
            target: None,
            role: "soc".into(),
        }))
        .expect_err("another role's action");
    assert!(matches!(e, SessionError::Seat(_)), "{e}");
    // Acting for another role: refused.
    let e = drill
        .apply(as_seat(Input::Submit {
            action: of_it_ops,
            target: None,
            role: "it-ops".into(),
        }))
        .expect_err("acting for it-ops");
    assert!(matches!(e, SessionError::Seat(_)), "{e}");
    // A facilitator's control: refused.
    let e = drill
        .apply(as_seat(Input::EndTurn))
        .expect_err("ending the turn");
    assert!(matches!(e, SessionError::Seat(_)), "{e}");
    assert!(drill.engine().queued().is_empty(), "nothing was queued");
    // Its own role's action is taken.
    drill
        .apply(as_seat(Input::Submit {
            action: of_soc.clone(),
            target: None,
            role: "soc".into(),
        }))
        .expect("its own action");
    assert_eq!(drill.engine().queued()[0].action, of_soc);
}
