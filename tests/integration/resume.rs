//! Crash and resume of a real headless drill: the binary is killed with SIGKILL at spread-out
//! moments; whatever it left verifies after `--resume`, and replay reproduces every score line.

use std::process::{Command, Stdio};
use std::time::Duration;

fn kunren() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kunren"))
}

#[test]
fn killed_runs_resume_verify_and_replay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut interrupted = 0;
    for trial in 0..20u64 {
        let journal = dir.path().join(format!("t{trial}.jsonl"));
        let mut child = kunren()
            .args(["run", "--policy", "random", "--seed"])
            .arg((trial + 1).to_string())
            .arg("--journal")
            .arg(&journal)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(2 + trial * 3));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        if !journal.exists() {
            continue; // killed before the header was written: nothing to recover
        }
        let v = kunren()
            .arg("verify")
            .arg(&journal)
            .output()
            .expect("verify");
        match v.status.code() {
            Some(0) => {} // the run finished before the kill
            Some(1) => {
                interrupted += 1;
                let r = kunren()
                    .arg("run")
                    .arg("--resume")
                    .arg(&journal)
                    .args(["--policy", "random"])
                    .output()
                    .expect("resume");
                assert_eq!(
                    r.status.code(),
                    Some(0),
                    "trial {trial}: {}",
                    String::from_utf8_lossy(&r.stderr)
                );
                let v = kunren()
                    .arg("verify")
                    .arg(&journal)
                    .output()
                    .expect("verify");
                assert_eq!(
                    v.status.code(),
                    Some(0),
                    "trial {trial}: {}",
                    String::from_utf8_lossy(&v.stdout)
                );
            }
            other => panic!(
                "trial {trial}: verify exit {other:?}: {}",
                String::from_utf8_lossy(&v.stdout)
            ),
        }
        let r = kunren()
            .arg("replay")
            .arg(&journal)
            .output()
            .expect("replay");
        assert_eq!(
            r.status.code(),
            Some(0),
            "trial {trial}: {}{}",
            String::from_utf8_lossy(&r.stdout),
            String::from_utf8_lossy(&r.stderr)
        );
    }
    // Not asserted (timing varies by machine), but reported.
    eprintln!("{interrupted} of 20 runs were interrupted mid-drill");
}

#[test]
fn replay_detects_a_different_scenario_and_a_forged_score() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("j.jsonl");
    let out = kunren()
        .args([
            "run",
            "tests/fixtures/valid/mini-scenario.ron",
            "--policy",
            "expert",
            "--journal",
        ])
        .arg(&journal)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let r = kunren()
        .arg("replay")
        .arg(&journal)
        .output()
        .expect("replay");
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );

    // A different scenario file: exit 3, naming the hash mismatch.
    let other = dir.path().join("other.ron");
    let text = std::fs::read_to_string("tests/fixtures/valid/mini-scenario.ron").expect("read");
    std::fs::write(
        &other,
        text.replace("chance: 0.5,", "chance: 0.6,").replace(
            "mini-org.ron",
            "../../../work/main/tests/fixtures/valid/mini-org.ron",
        ),
    )
    .expect("write");
    let r = kunren()
        .arg("replay")
        .arg(&journal)
        .arg("--scenario")
        .arg(&other)
        .arg("--org")
        .arg("tests/fixtures/valid/mini-org.ron")
        .output()
        .expect("replay");
    assert_eq!(
        r.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(String::from_utf8_lossy(&r.stderr).contains("SHA-256"));
}
