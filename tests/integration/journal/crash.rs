//! SIGKILL in the middle of a long run: no acknowledged record may be lost.
//!
//! The test binary plays both parts. `crash_child_writer` does nothing in a normal test run;
//! when started with `KUNREN_JOURNAL_CRASH_CHILD=<journal>` it resumes that journal and
//! appends records forever, printing `ACK <seq> <trial> <n>` after each `append` returned.
//! The parent kills it with SIGKILL (`Child::kill` on Unix) after a varying delay.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use kunren::journal::{
    Actor, CloseStatus, JournalWriter, RecordKind, WriterOptions, read_journal, verify,
};
use serde_json::json;

use super::common::{check, header};

const CHILD_ENV: &str = "KUNREN_JOURNAL_CRASH_CHILD";
const TRIAL_ENV: &str = "KUNREN_JOURNAL_CRASH_TRIAL";
const TRIALS: u64 = 24;

#[test]
fn crash_child_writer() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return; // Normal test run: this test only acts as the child process.
    };
    let trial: u64 = std::env::var(TRIAL_ENV)
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let options = WriterOptions::new().checkpoint_every(7);
    let (mut writer, _) = match JournalWriter::resume_with(PathBuf::from(path), None, options) {
        Ok(w) => w,
        Err(e) => {
            println!("ERR {e}");
            return;
        }
    };
    let actor = Actor::role("soc");
    let mut out = std::io::stdout().lock();
    for n in 0..1_000_000u64 {
        let body = json!({"trial": trial, "n": n, "pad": "x".repeat((n % 97) as usize)});
        match writer.append(1, RecordKind::ActionSubmitted, &actor, body) {
            Ok(seq) => {
                let _ = writeln!(out, "ACK {seq} {trial} {n}");
                let _ = out.flush();
            }
            Err(e) => {
                let _ = writeln!(out, "ERR {e}");
                return;
            }
        }
    }
}

#[test]
fn sigkill_during_appends_loses_no_acknowledged_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.jsonl");
    drop(JournalWriter::create(&path, header("crash"), None).unwrap());
    let exe = std::env::current_exe().unwrap();
    let mut acked: Vec<(u64, u64, u64)> = Vec::new();
    for trial in 0..TRIALS {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "journal::crash::crash_child_writer",
                "--nocapture",
            ])
            .args(["--test-threads", "1", "--quiet"])
            .env(CHILD_ENV, &path)
            .env(TRIAL_ENV, trial.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<String>>()
        });
        // Vary the moment of the kill: sometimes during start-up or resume, mostly mid-run.
        let delay = 5 + (trial * 37) % 70;
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap();
        child.wait().unwrap();
        let output = reader.join().unwrap();
        for line in &output {
            assert!(
                !line.starts_with("ERR"),
                "trial {trial}: child failed: {line}"
            );
            let mut parts = line.split_whitespace();
            if parts.next() != Some("ACK") {
                continue;
            }
            let nums: Vec<u64> = parts.filter_map(|p| p.parse().ok()).collect();
            assert_eq!(nums.len(), 3, "{line}");
            acked.push((nums[0], nums[1], nums[2]));
        }
        let bytes = std::fs::read(&path).unwrap();
        let code = check(&bytes).exit_code;
        assert_eq!(code, 1, "trial {trial}: {}", check(&bytes).render_text());
        let contents = read_journal(&path).unwrap();
        for &(seq, t, n) in &acked {
            let record = contents
                .records
                .get(seq as usize)
                .unwrap_or_else(|| panic!("trial {trial}: acknowledged seq {seq} lost"));
            assert_eq!(record.body["trial"], t, "seq {seq}");
            assert_eq!(record.body["n"], n, "seq {seq}");
        }
    }
    assert!(
        acked.len() >= 50,
        "only {} records acknowledged",
        acked.len()
    );
    let (w, _) = JournalWriter::resume(&path, None).unwrap();
    w.seal(CloseStatus::Completed, "crash test done").unwrap();
    let r = verify(&path, None, None);
    assert_eq!(r.exit_code, 0, "{}", r.render_text());
}
