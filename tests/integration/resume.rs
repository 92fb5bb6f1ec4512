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

/// Faithful resume (issue 11, item 5): a crash at any record boundary of a drill a player
/// writes (a policy, or an actions script), resumed with `Drill::resume_for_player` and played
/// on with the same player, ends with exactly the records the uninterrupted drill wrote.
mod faithful {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;
    use std::time::Instant;

    use kunren::headless::play_drill;
    use kunren::journal::{Participant, Record, RecordKind, VerifyOutcome, verify_bytes};
    use kunren::policy::{self, Policy};
    use kunren::scenario::script::Script;
    use kunren::scenario::{Bundle, load_bundle};
    use kunren::session::{Drill, DrillMeta, SessionError};
    use serde_json::Value;

    fn bundle(path: &str) -> Arc<Bundle> {
        match load_bundle(path, None) {
            Ok((b, _)) => Arc::new(b),
            Err(e) => panic!("cannot load {path}:\n{}", e.render()),
        }
    }

    /// A scratch directory in memory when the system has one (a record is one fsync).
    fn scratch() -> tempfile::TempDir {
        let shm = Path::new("/dev/shm");
        if shm.is_dir()
            && let Ok(dir) = tempfile::Builder::new()
                .prefix("kunren-resume")
                .tempdir_in(shm)
        {
            return dir;
        }
        tempfile::tempdir().expect("tempdir")
    }

    #[derive(Clone, Copy, Debug)]
    enum Player {
        Expert,
        Random,
        Idle,
        Script,
    }

    struct Case {
        player: Player,
        seed: u64,
        bundle: Arc<Bundle>,
        script: Option<Script>,
    }

    impl Case {
        fn new(player: Player, seed: u64) -> Case {
            let (scenario, script) = match player {
                Player::Script => (
                    "scenarios/hospital-ransomware.ron",
                    Some(
                        kunren::cli::load_script("scenarios/examples/hospital-actions.ron")
                            .unwrap_or_else(|f| panic!("{}", f.message)),
                    ),
                ),
                _ => ("scenarios/defence-contractor-double-extortion.ron", None),
            };
            Case {
                player,
                seed,
                bundle: bundle(scenario),
                script,
            }
        }

        /// A fresh player, built as for the original run.
        fn player(&self) -> Box<dyn Policy> {
            match (self.player, &self.script) {
                (Player::Expert, _) => Box::new(policy::Expert::default()),
                (Player::Random, _) => Box::new(policy::RandomPolicy::new(self.seed)),
                (Player::Idle, _) => Box::new(policy::Idle),
                (Player::Script, Some(s)) => Box::new(policy::Scripted::new(s.clone())),
                (Player::Script, None) => unreachable!("a script case has its script"),
            }
        }

        fn meta(&self) -> DrillMeta {
            DrillMeta {
                facilitator: "Sato Hanako".into(),
                participants: vec![Participant {
                    name: "Tanaka Ichiro".into(),
                    role: "soc".into(),
                }],
                timezone: "Asia/Tokyo".into(),
                mode: "headless".into(),
                ..DrillMeta::default()
            }
        }

        /// The uninterrupted run's journal.
        fn uninterrupted(&self, path: &Path) -> Vec<u8> {
            let mut drill = Drill::start(
                self.bundle.clone(),
                self.seed,
                &self.meta(),
                Some(path),
                None,
            )
            .expect("start");
            play_drill(
                &mut drill,
                self.player().as_mut(),
                self.script.as_ref(),
                |_| {},
            )
            .expect("play");
            drill.close("").expect("seal");
            std::fs::read(path).expect("read")
        }

        /// Resumes the journal at `path` with a fresh player and plays it to its end, as
        /// `kunren run --resume` does; a drill that had already ended is sealed by the resume.
        fn resume(&self, path: &Path) -> Result<(), SessionError> {
            let mut drill = match Drill::resume_for_player(path, self.bundle.clone(), None) {
                Ok(d) => d,
                Err(SessionError::Mismatch(m)) if m.contains("had already ended") => {
                    return Ok(());
                }
                Err(e) => return Err(e),
            };
            let result = play_drill(
                &mut drill,
                self.player().as_mut(),
                self.script.as_ref(),
                |_| {},
            );
            match result {
                Ok(_) => drill.close("").map(drop),
                Err(kunren::headless::PlayError::Session(e)) => {
                    let _ = drill.close("stopped");
                    Err(e)
                }
                Err(e) => panic!("{e}"),
            }
        }
    }

    /// What the comparison looks at: kind, turn, actor and body of every drill record (the
    /// journal's checkpoints and `recovered` left out; a sign-off's wall-clock time too).
    fn drill_records(bytes: &[u8]) -> Vec<(RecordKind, u32, String, Value)> {
        bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .filter_map(|l| Record::from_line(l).ok())
            .filter(|r| !matches!(r.kind, RecordKind::Checkpoint | RecordKind::Recovered))
            .map(|r| {
                let mut body = r.body;
                if r.kind == RecordKind::ExecutiveSignoff
                    && let Some(o) = body.as_object_mut()
                {
                    o.remove("time");
                }
                (r.kind, r.turn, r.actor.to_string(), body)
            })
            .collect()
    }

    /// Record boundaries: the end of every line (header excluded, sealed end excluded), and
    /// a point inside the next line (a torn last write).
    fn cuts(bytes: &[u8]) -> Vec<usize> {
        let ends: Vec<usize> = bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        let mut out = Vec::new();
        for w in ends.windows(2) {
            out.push(w[0]);
            out.push(w[0] + (w[1] - w[0]) / 2);
        }
        out
    }

    /// A small deterministic generator for picking boundaries.
    fn pick(all: &[usize], n: usize, seed: u64) -> Vec<usize> {
        let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut chosen: Vec<usize> = Vec::new();
        // Always the first boundary and the last ten (the end of the last turn, the hotwash,
        // drill_closed, a torn final checkpoint).
        chosen.extend(all.first());
        chosen.extend(all.iter().rev().take(10));
        while chosen.len() < n.min(all.len()) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let c = all[(x % all.len() as u64) as usize];
            if !chosen.contains(&c) {
                chosen.push(c);
            }
        }
        chosen.sort_unstable();
        chosen
    }

    fn check(case: &Case, dir: &Path, n: usize) -> usize {
        let full_path: PathBuf = dir.join(format!("{:?}-{}-full.jsonl", case.player, case.seed));
        let full = case.uninterrupted(&full_path);
        let want = drill_records(&full);
        let all = cuts(&full);
        let chosen = pick(&all, n, case.seed ^ case.player as u64);
        for (i, &cut) in chosen.iter().enumerate() {
            let path = dir.join(format!("{:?}-{}-{i}.jsonl", case.player, case.seed));
            std::fs::write(&path, &full[..cut]).expect("write the cut journal");
            case.resume(&path).unwrap_or_else(|e| {
                panic!(
                    "{:?} seed {}, cut at byte {cut}: {e}",
                    case.player, case.seed
                )
            });
            let got = std::fs::read(&path).expect("read");
            let v = verify_bytes(&got, None, None);
            assert_eq!(
                v.outcome,
                VerifyOutcome::ValidSealed,
                "{:?} cut at {cut}: {}",
                case.player,
                v.render_text()
            );
            let have = drill_records(&got);
            if have != want {
                let at = have.iter().zip(&want).position(|(a, b)| a != b);
                panic!(
                    "{:?} seed {}, cut at byte {cut}: resumed journal differs at drill record \
                     {at:?} (lengths {} and {}):\n  resumed: {:?}\n  uninterrupted: {:?}",
                    case.player,
                    case.seed,
                    have.len(),
                    want.len(),
                    at.and_then(|i| have.get(i)),
                    at.and_then(|i| want.get(i)),
                );
            }
            let _ = std::fs::remove_file(&path);
            for k in 1..4 {
                let _ = std::fs::remove_file(format!("{}.torn-{k}", path.display()));
            }
        }
        chosen.len()
    }

    #[test]
    fn a_crash_at_any_record_boundary_resumes_to_the_uninterrupted_drill() {
        let dir = scratch();
        let started = Instant::now();
        let mut tested = 0;
        for (player, seed, n) in [
            (Player::Expert, 1, 120),
            (Player::Random, 7, 140),
            (Player::Idle, 3, 100),
            (Player::Script, 1, 40),
        ] {
            tested += check(&Case::new(player, seed), dir.path(), n);
        }
        eprintln!(
            "{tested} crash points resumed faithfully in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        assert!(tested >= 400, "{tested}");
    }

    #[test]
    fn resuming_with_another_player_writes_nothing_and_leaves_the_journal_resumable() {
        let dir = scratch();
        let expert = Case::new(Player::Expert, 1);
        let full = expert.uninterrupted(&dir.path().join("full.jsonl"));
        let ends: Vec<usize> = full
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        let path = dir.path().join("cut.jsonl");
        std::fs::write(&path, &full[..ends[ends.len() / 2]]).expect("write");
        let err = Case::new(Player::Idle, 1)
            .resume(&path)
            .expect_err("the idle player does not give the expert's inputs");
        assert!(
            err.to_string().contains("not what the player gives"),
            "{err}"
        );
        let v = verify_bytes(&std::fs::read(&path).expect("read"), None, None);
        assert_eq!(
            v.outcome,
            VerifyOutcome::ValidUnsealed,
            "{}",
            v.render_text()
        );
        expert.resume(&path).expect("the right player resumes it");
        let got = std::fs::read(&path).expect("read");
        assert_eq!(drill_records(&got), drill_records(&full));
    }
}
