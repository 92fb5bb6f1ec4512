//! Files from others are hostile: every attack of issue 11 on the loaders gives a coded error
//! and a documented exit code, prints nothing of a file outside the allowed folders, and never
//! hangs, grows without bound or sends control characters to the terminal.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SCENARIO: &str = include_str!("../fixtures/valid/mini-scenario.ron");
const ORG: &str = include_str!("../fixtures/valid/mini-org.ron");

fn kunren(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kunren"));
    c.current_dir(dir);
    c
}

/// What a child did: its output and how long it took.
struct Run {
    out: Output,
    took: Duration,
}

/// Runs with a deadline: a command that hangs fails the test instead of the suite.
fn output_within(mut cmd: Command, limit: Duration) -> Run {
    use std::io::Read;
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kunren");
    let mut pipes = (child.stdout.take(), child.stderr.take());
    let read = |p: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = p {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = read(pipes.0.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = read(pipes.1.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("kunren did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let out = Output {
        status,
        stdout: stdout.join().expect("stdout"),
        stderr: stderr.join().expect("stderr"),
    };
    Run {
        out,
        took: start.elapsed(),
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A mini scenario in `dir` whose `org` is `org`.
fn scenario_naming(dir: &Path, name: &str, org: &str) -> String {
    let text = SCENARIO.replace("org: \"mini-org.ron\"", &format!("org: {org:?}"));
    std::fs::write(dir.join(name), text).expect("write scenario");
    name.to_string()
}

#[test]
fn an_org_outside_the_allowed_folders_is_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    for target in ["../../../../../etc/shadow", "../../../../../etc/passwd"] {
        let s = scenario_naming(dir.path(), "s.ron", target);
        for args in [vec!["check", &s], vec!["run", &s]] {
            let out = kunren(dir.path()).args(&args).output().expect("run");
            let all = text(&out);
            assert_eq!(out.status.code(), Some(3), "{args:?}: {all}");
            assert!(all.contains("error[K0008]"), "{args:?}: {all}");
            assert!(!all.contains("root:"), "file content printed: {all}");
        }
    }
    // A symbolic link inside the folder leads outside it: refused too.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("link.ron")).expect("link");
        let s = scenario_naming(dir.path(), "l.ron", "link.ron");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("mkdir");
        let out = kunren(&sub)
            .args(["check", &format!("../{s}")])
            .output()
            .expect("run");
        let all = text(&out);
        assert!(all.contains("error[K0008]"), "{all}");
        assert!(!all.contains("root:"), "{all}");
    }
}

#[test]
fn a_file_inside_the_folders_that_is_no_org_is_never_quoted() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("secrets.txt"),
        "API_TOKEN=hunter2-TOP-SECRET\n",
    )
    .expect("write");
    let s = scenario_naming(dir.path(), "s.ron", "secrets.txt");
    let out = kunren(dir.path())
        .args(["check", &s])
        .output()
        .expect("run");
    let all = text(&out);
    assert_eq!(out.status.code(), Some(3), "{all}");
    assert!(all.contains("error[K0011]"), "{all}");
    assert!(!all.contains("hunter2"), "content printed: {all}");
    // Named by the user, the same file is theirs to see.
    let out = kunren(dir.path())
        .args(["check", "secrets.txt"])
        .output()
        .expect("run");
    assert!(text(&out).contains("K0002"), "{}", text(&out));
}

#[test]
fn the_pack_marker_lets_a_pack_name_its_own_folders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path();
    std::fs::create_dir_all(pack.join("scenarios")).expect("mkdir");
    std::fs::create_dir_all(pack.join("assets")).expect("mkdir");
    std::fs::write(pack.join("assets/mini-org.ron"), ORG).expect("write");
    let s = scenario_naming(&pack.join("scenarios"), "s.ron", "../assets/mini-org.ron");
    let inside = pack.join("scenarios");
    let out = kunren(&inside).args(["check", &s]).output().expect("run");
    assert_eq!(out.status.code(), Some(3), "no marker yet: {}", text(&out));
    assert!(text(&out).contains("K0008"), "{}", text(&out));
    std::fs::write(pack.join(kunren::scenario::source::PACK_MARKER), "").expect("marker");
    let out = kunren(&inside).args(["check", &s]).output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // This repository is a pack: its scenarios check from inside `scenarios/`.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = kunren(&repo.join("scenarios"))
        .args([
            "check",
            "hospital-ransomware.ron",
            "defence-contractor-double-extortion.ron",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[cfg(unix)]
#[test]
fn dev_zero_is_refused_at_once_with_bounded_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("mini-org.ron"), ORG).expect("write");
    let s = scenario_naming(dir.path(), "z.ron", "/dev/zero");
    // From `/`, /dev/zero lies inside the working directory: what refuses it is its type.
    let scenario = dir.path().join(&s);
    let scenario = scenario.to_str().expect("utf-8");
    for args in [
        vec!["check", scenario],
        vec!["check", "/dev/zero"],
        vec!["run", "/dev/zero"],
        vec!["run", scenario, "--org", "/dev/zero"],
    ] {
        let mut cmd = kunren(Path::new("/"));
        cmd.args(&args);
        // Bounded memory, enforced rather than measured: the child may allocate at most
        // 128 MiB of data (a reader that slurped /dev/zero would die, not answer K0009). A
        // measured peak would not do here: a child forked from this test process inherits the
        // high-water mark of the whole suite's memory at the fork.
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: setrlimit is async-signal-safe; the closure allocates nothing.
            unsafe {
                cmd.pre_exec(|| {
                    let lim = libc::rlimit {
                        rlim_cur: 128 << 20,
                        rlim_max: 128 << 20,
                    };
                    if libc::setrlimit(libc::RLIMIT_DATA, &lim) == 0 {
                        Ok(())
                    } else {
                        Err(std::io::Error::last_os_error())
                    }
                });
            }
        }
        let run = output_within(cmd, Duration::from_secs(20));
        let all = text(&run.out);
        assert_eq!(run.out.status.code(), Some(3), "{args:?}: {all}");
        assert!(all.contains("error[K0009]"), "{args:?}: {all}");
        assert!(all.contains("a device"), "{args:?}: {all}");
        assert!(
            run.took < Duration::from_secs(10),
            "{args:?} took {:?}",
            run.took
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.ron");
    let c = std::ffi::CString::new(fifo.to_str().expect("utf-8")).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    std::fs::write(dir.path().join("mini-org.ron"), ORG).expect("write");
    let s = scenario_naming(dir.path(), "f.ron", "pipe.ron");
    for args in [
        vec!["check", "pipe.ron"],
        vec!["check", s.as_str()],
        vec!["run", s.as_str()],
        vec!["run", "--actions", "pipe.ron"],
        vec!["replay", "pipe.ron"],
        vec!["navigator", "pipe.ron"],
    ] {
        let mut cmd = kunren(dir.path());
        cmd.args(&args);
        let run = output_within(cmd, Duration::from_secs(20));
        let all = text(&run.out);
        assert_eq!(run.out.status.code(), Some(3), "{args:?}: {all}");
        assert!(all.contains("a FIFO"), "{args:?}: {all}");
        assert!(
            run.took < Duration::from_secs(10),
            "{args:?} took {:?}",
            run.took
        );
    }
}

#[test]
fn an_oversize_file_is_refused_unless_the_limit_is_raised() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut big = SCENARIO.to_string();
    big.push_str(&format!("// {}\n", "x".repeat(17 << 20)));
    std::fs::write(dir.path().join("mini-org.ron"), ORG).expect("write");
    std::fs::write(dir.path().join("big.ron"), &big).expect("write");
    let out = kunren(dir.path())
        .args(["check", "big.ron"])
        .output()
        .expect("run");
    let all = text(&out);
    assert_eq!(out.status.code(), Some(3), "{all}");
    assert!(all.contains("error[K0010]"), "{all}");
    assert!(all.contains("--max-file-size"), "{all}");
    let out = kunren(dir.path())
        .args(["check", "--max-file-size", "32M", "big.ron"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = kunren(dir.path())
        .args(["run", "--max-file-size", "1K", "big.ron"])
        .output()
        .expect("run");
    assert!(text(&out).contains("K0010"), "{}", text(&out));
    let out = kunren(dir.path())
        .args(["check", "--max-file-size", "lots", "big.ron"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
}

#[test]
fn numbers_beyond_the_limits_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("mini-org.ron"), ORG).expect("write");
    let cases = [
        (
            "turn_minutes: 60",
            "turn_minutes: 4294967295",
            "`turn_minutes` 4294967295",
        ),
        (
            "max_turns: 6",
            "max_turns: 4294967295",
            "`max_turns` 4294967295",
        ),
        ("points: 10,", "points: 2147483647,", "`points` 2147483647"),
    ];
    for (from, to, says) in cases {
        assert!(SCENARIO.contains(from), "{from}");
        std::fs::write(dir.path().join("n.ron"), SCENARIO.replacen(from, to, 1)).expect("write");
        for cmd in ["check", "run"] {
            let out = kunren(dir.path())
                .args([cmd, "n.ron"])
                .output()
                .expect("run");
            let all = text(&out);
            assert_eq!(out.status.code(), Some(1), "{cmd} {to}: {all}");
            assert!(
                all.contains("error[K0109]") && all.contains(says),
                "{to}: {all}"
            );
        }
    }
    let huge_group = ORG.replacen("assets: [", "asset_groups: [AssetGroup(prefix: \"pc\", count: 4000000000, kind: Workstation, zone: \"office\", criticality: Low, owner: \"it-ops\")],\n    assets: [", 1);
    assert_ne!(huge_group, ORG);
    std::fs::write(dir.path().join("mini-org.ron"), huge_group).expect("write");
    let mut cmd = kunren(dir.path());
    cmd.args(["check", "n.ron", "mini-org.ron"]);
    let run = output_within(cmd, Duration::from_secs(30));
    let all = text(&run.out);
    assert!(
        all.contains("error[K0109]: the organisation has 4000000002 assets"),
        "{all}"
    );
}

#[test]
fn escape_sequences_in_authored_text_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("mini-org.ron"), ORG).expect("write");
    let spoof = r#"title: "EDR alert\x1b[2J\x1b[1A\rVALID AND SEALED\u{9b}31m""#;
    let text_ = SCENARIO.replacen(r#"title: "EDR alert""#, spoof, 1);
    assert_ne!(text_, SCENARIO);
    std::fs::write(dir.path().join("esc.ron"), text_).expect("write");
    let out = kunren(dir.path())
        .args(["run", "esc.ron", "--policy", "expert"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let bad = |b: &[u8]| {
        let s = String::from_utf8_lossy(b);
        b.contains(&0x1b) || b.contains(&b'\r') || s.contains('\u{9b}')
    };
    assert!(!bad(&out.stdout), "control bytes on stdout");
    assert!(!bad(&out.stderr), "control bytes on stderr");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains(r"EDR alert\x1b[2J"), "{shown}");
    for args in [
        vec!["run", "esc.ron", "--format", "json"],
        vec!["check", "esc.ron", "--format", "json"],
        vec!["balance", "esc.ron", "--runs", "2", "--format", "json"],
    ] {
        let out = kunren(dir.path()).args(&args).output().expect("run");
        assert!(!bad(&out.stdout), "{args:?}: control bytes in JSON");
        let json = String::from_utf8_lossy(&out.stdout);
        if args[0] == "run" {
            // The data is kept, escaped the JSON way.
            assert!(json.contains(r"EDR alert\u001b[2J"), "{json}");
            assert!(json.contains(r"\u009b31m"), "{json}");
        }
    }
    let out = kunren(dir.path())
        .args(["check", "esc.ron"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "a warning: {}", text(&out));
    assert!(!bad(&out.stdout) && !bad(&out.stderr));
    let all = text(&out);
    assert!(
        all.contains("warning[K0220]: `injects[0].title` holds the control character U+001B"),
        "{all}"
    );
    // An error message quoting such text escapes it too.
    let broken = SCENARIO.replacen(r#"after: "phish""#, "after: \"ph\u{1b}[2Jish\"", 1);
    std::fs::write(dir.path().join("raw.ron"), broken).expect("write");
    let out = kunren(dir.path())
        .args(["check", "raw.ron"])
        .output()
        .expect("run");
    assert!(!bad(&out.stderr), "{}", text(&out));
    assert!(text(&out).contains(r"ph\x1b[2Jish"), "{}", text(&out));
}

#[test]
fn journal_header_paths_are_confined_to_the_journal_and_the_working_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (authoring, evidence, elsewhere) = (
        dir.path().join("authoring"),
        dir.path().join("evidence"),
        dir.path().join("elsewhere"),
    );
    for d in [&authoring, &evidence, &elsewhere] {
        std::fs::create_dir(d).expect("mkdir");
    }
    std::fs::write(authoring.join("mini-org.ron"), ORG).expect("write");
    std::fs::write(authoring.join("s.ron"), SCENARIO).expect("write");
    let scenario = authoring.join("s.ron");
    let journal = evidence.join("j.jsonl");
    let out = kunren(&authoring)
        .args(["run", "--policy", "idle", "--journal"])
        .arg(&journal)
        .arg(&scenario)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // The header names files in `authoring/`, outside both the journal's folder and `elsewhere/`.
    let out = kunren(&elsewhere)
        .arg("replay")
        .arg(&journal)
        .output()
        .expect("replay");
    let all = text(&out);
    assert_eq!(out.status.code(), Some(3), "{all}");
    assert!(all.contains("error[K0012]"), "{all}");
    assert!(all.contains("--scenario"), "{all}");
    // Named by the user, the files are read and the journal's hashes accept them.
    let out = kunren(&elsewhere)
        .arg("replay")
        .arg(&journal)
        .arg("--scenario")
        .arg(&scenario)
        .arg("--org")
        .arg(authoring.join("mini-org.ron"))
        .output()
        .expect("replay");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // From the authoring folder (the working directory), the header's paths may be opened.
    let out = kunren(&authoring)
        .arg("replay")
        .arg(&journal)
        .output()
        .expect("replay");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // A header path that now holds some other file is not quoted.
    std::fs::write(authoring.join("mini-org.ron"), "DB_PASSWORD=swordfish\n").expect("write");
    let out = kunren(&authoring)
        .arg("replay")
        .arg(&journal)
        .output()
        .expect("replay");
    let all = text(&out);
    assert_eq!(out.status.code(), Some(3), "{all}");
    assert!(all.contains("K0011"), "{all}");
    assert!(!all.contains("swordfish"), "{all}");
}
