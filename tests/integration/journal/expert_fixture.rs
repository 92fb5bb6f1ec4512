//! A journal of `kunren run --policy expert --seed 1` on the default drill and its Markdown
//! report, both written before the typed-core change: the current code must still verify and
//! replay it identically and report it byte for byte. A deliberate scoring change regenerates
//! both files with `kunren run --policy expert --seed 1 --journal F` and `kunren report F -o F.md`
//! and says why in the commit; a change of the report's text regenerates only the `.aar.md`.
//!
//! Replay needs the exact scenario the journal was recorded with (its SHA-256 is in the
//! header): `expert-seed1.scenario.ron` is that file, kept here because the shipped scenario
//! evolves.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/journal")
        .join(name)
}

fn kunren(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kunren"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("kunren runs")
}

#[test]
fn expert_seed1_journal_verifies_and_replays_identically() {
    let journal = fixture("expert-seed1.jsonl");
    let j = journal.to_str().expect("utf-8 path");
    let out = kunren(&["verify", j]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let scenario = fixture("expert-seed1.scenario.ron");
    let out = kunren(&[
        "replay",
        j,
        "--scenario",
        scenario.to_str().expect("utf-8 path"),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("identical"), "{text}");
}

#[test]
fn expert_seed1_report_is_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("aar.md");
    let journal = fixture("expert-seed1.jsonl");
    let out = kunren(&[
        "report",
        journal.to_str().expect("utf-8 path"),
        "-o",
        out_path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = std::fs::read(&out_path).expect("report written");
    let want = std::fs::read(fixture("expert-seed1.aar.md")).expect("fixture");
    if got != want {
        let (g, w) = (
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
        );
        let first = g
            .lines()
            .zip(w.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "report differs from the fixture at line {}:\n  got:  {:?}\n  want: {:?}",
            first + 1,
            g.lines().nth(first),
            w.lines().nth(first)
        );
    }
}

#[test]
fn a_journal_written_under_other_rules_says_so_and_still_reports() {
    use kunren::journal::{CloseStatus, JournalWriter};
    use kunren::records::HeaderExtra;
    use kunren::session::{DrillMeta, header_for};

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v2.jsonl");
    let (bundle, _) =
        kunren::scenario::load_bundle("scenarios/defence-contractor-double-extortion.ron", None)
            .unwrap_or_else(|e| panic!("{}", e.render()));
    let mut header = header_for(&bundle, 1, &DrillMeta::default());
    let mut extra = HeaderExtra::decode(&header.extra).expect("extra");
    extra.rules_version = kunren::records::RULES_VERSION + 1;
    header.extra = extra.to_value();
    JournalWriter::create(&path, header, None)
        .expect("create")
        .seal(CloseStatus::Aborted, "test")
        .expect("seal");
    let p = path.to_str().expect("utf-8 path");
    let out = kunren(&["replay", p]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(4), "{text}");
    let want = format!(
        "written under rules v{}; this is v{}",
        kunren::records::RULES_VERSION + 1,
        kunren::records::RULES_VERSION
    );
    assert!(text.contains(&want), "{text}");
    let out = kunren(&[
        "report",
        p,
        "-o",
        dir.path().join("r.md").to_str().expect("p"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
