//! `kunren play --serve` end to end with the real OpenSSH client: the binary's console in a
//! pseudo-terminal, two key seats connected with `ssh` in their own 80×24 pseudo-terminals,
//! one queuing its role's action, a wrong key refused and journaled, the facilitator ending a
//! turn that reaches the seats, and a sealed journal that verifies and replays identically.
//! Also: the session refuses a seat's input for another role. Skips (saying so) only when no
//! `ssh` client is installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kunren::input::Input;
use kunren::records::SeatId;
use kunren::session::{Drill, DrillMeta, SessionError};

use crate::pty::Term;

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
    aoi.send("a");
    aoi.wait_for("Actions of your role (SOC)");
    aoi.send("\x1b[B");
    aoi.send("\r");
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
    fac.send("s");
    fac.wait_for("2/2 connected");
    fac.send("\x1b");
    fac.send("e");
    fac.send("y");
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
    fac.send("\x1b");
    fac.send("q");
    fac.send("e");
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
    assert_eq!(e.to_string(), "the seat of soc cannot act for it-ops");
    assert_eq!(
        e.message(kunren::i18n::Lang::Ja),
        "soc の席から it-ops の対応は登録できません"
    );
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

/// Starts a served drill of the hospital scenario in `d` with these extra flags; returns the
/// facilitator's terminal and the port the seats connect to.
fn serve(d: &Path, journal: &Path, extra: &[&str]) -> (Term, String) {
    let kunren = PathBuf::from(env!("CARGO_BIN_EXE_kunren"));
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/hospital-ransomware.ron");
    let mut args = vec![
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
    ];
    args.extend_from_slice(extra);
    let fac = Term::spawn(&kunren, &args, d, (100, 30));
    fac.wait_for("Serving seats on 127.0.0.1:");
    let text = fac.text();
    let at = text.find("Serving seats on 127.0.0.1:").expect("address") + 27;
    let port: String = text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(!port.is_empty(), "a port in {text}");
    (fac, port)
}

#[test]
fn a_dropped_seat_is_taken_over_by_the_same_key_and_the_old_connection_closed() {
    let Some(ssh) = ssh_client() else {
        eprintln!(
            "SKIPPED: no OpenSSH client (ssh) is installed; `apt-get install openssh-client`"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    keygen(d, "aoi");
    let journal = d.join("j").join("drill.jsonl");
    let (mut fac, port) = serve(d, &journal, &["--seat", "Aoi Tanaka:soc:aoi.pub"]);
    let mut old = Term::spawn(&ssh, &ssh_args("aoi", &port, "soc@127.0.0.1"), d, (80, 24));
    old.wait_for("Aoi Tanaka (SOC)");
    // The old connection goes silent, as when the network drops: no close, no keep-alive
    // answered (the client is stopped).
    // SAFETY: kill sends a signal to a child we spawned; no memory is touched.
    assert_eq!(
        unsafe { libc::kill(old.child.id() as libc::pid_t, libc::SIGSTOP) },
        0
    );
    // The same key at once takes the seat (not `seat_taken` for the next 30 s).
    let mut new = Term::spawn(&ssh, &ssh_args("aoi", &port, "soc@127.0.0.1"), d, (80, 24));
    new.wait_for("Aoi Tanaka (SOC)");
    new.send("a");
    new.wait_for("Actions of your role (SOC)");
    fac.wait_for("Aoi Tanaka (SOC) connected again");
    assert!(
        journal_lines(&journal, "seat_refused").is_empty(),
        "nothing was refused: {:?}",
        journal_lines(&journal, "seat_refused")
    );
    // The old connection was closed: once it runs again it reads so and exits.
    // SAFETY: as above.
    assert_eq!(
        unsafe { libc::kill(old.child.id() as libc::pid_t, libc::SIGCONT) },
        0
    );
    // Its last screen, before it left the alternate screen: everything it printed, read to the
    // end of the pseudo-terminal (the output may still be in flight when the client exits).
    let (_, raw) = old.finish();
    let last = raw.rfind("\x1b[?1049l").unwrap_or(raw.len());
    let shown = crate::pty::screen(&raw.as_bytes()[..last], 80, 24);
    assert!(
        shown.contains("your seat moved to a new connection"),
        "{shown}"
    );
    // The new connection keeps the seat and plays: an action queued from it is journaled.
    new.send("\r");
    new.wait_for("Queued:");
    wait_until("the seat's input", || {
        !journal_lines(&journal, "seat_input").is_empty()
    });
    fac.send("s");
    fac.wait_for("1/1 connected");
    fac.send("\x1b");
    fac.send("q");
    fac.send("e");
    assert!(fac.wait_exit().success(), "{}", fac.text());
    new.wait_exit();
}

#[test]
fn the_reference_response_is_named_and_a_resume_refuses_other_seats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let journal = d.join("j").join("drill.jsonl");
    let (mut fac, _) = serve(
        d,
        &journal,
        &["--seat", "Aoi Tanaka:soc:code", "--reference-unheld"],
    );
    // The header names the reference response for every role no participant plays.
    let contents = kunren::journal::read_journal(&journal).expect("read");
    let people = &contents.header.participants;
    assert!(
        people
            .iter()
            .any(|p| p.name == "Aoi Tanaka" && p.role == "soc"),
        "{people:?}"
    );
    let bundle =
        kunren::scenario::load::load_or_fail(Some("scenarios/hospital-ransomware.ron"), None)
            .expect("bundle");
    for r in bundle.org.roles.iter().filter(|r| r.id != "soc") {
        assert!(
            people
                .iter()
                .any(|p| p.role == r.id && kunren::tui::is_reference_player(&p.name)),
            "the reference response plays {}: {people:?}",
            r.id
        );
    }
    // Suspend (Ctrl-C twice): the journal stays open.
    fac.keys("\x03");
    fac.wait_for("Suspend");
    fac.keys("\x03");
    let (status, _) = fac.finish();
    assert!(status.success());

    // Resumed with a seat the drill never had: refused, saying which seats it has.
    let kunren = PathBuf::from(env!("CARGO_BIN_EXE_kunren"));
    let j = journal.to_str().expect("utf-8");
    let resume = |seat: &str| {
        let args = [
            "play",
            "--resume",
            j,
            "--serve",
            "127.0.0.1:0",
            "--seat",
            seat,
            "--reference-unheld",
        ];
        Term::spawn(&kunren, &args, d, (100, 30))
    };
    let mut refused = resume("Mei Ito:soc:code");
    let (status, out) = refused.finish();
    assert_eq!(status.code(), Some(2), "{out}");
    assert!(
        out.contains("Mei Ito (soc) is not a participant of this drill")
            && out.contains("\"Aoi Tanaka:soc\""),
        "{out}"
    );
    // With its own seat it resumes and serves.
    let mut again = resume("Aoi Tanaka:soc:code");
    again.wait_for("Serving seats on 127.0.0.1:");
    again.keys("\x03");
    again.wait_for("Suspend");
    again.keys("\x03");
    let (status, out) = again.finish();
    assert!(status.success(), "{out}");
}
