//! `starts_at`: calendar time with an IANA zone, daylight saving included, in `run`'s turn
//! headers and the report; bad starts are coded diagnostics at the value.

use std::process::Command;

fn kunren(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(args)
        .output()
        .expect("run kunren");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const DST: &str = "tests/fixtures/authoring/starts-at-dst.ron";

#[test]
fn turn_headers_and_the_report_show_calendar_time_across_daylight_saving() {
    let (code, out, err) = kunren(&["run", "--seed", "1", DST]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("── Turn 1/6 · T+00:00–01:00 · Sun 2024-03-10 01:30 EST ─"),
        "{out}"
    );
    // 02:30 EST does not exist that night: one hour later is 03:30 EDT.
    assert!(
        out.contains("── Turn 2/6 · T+01:00–02:00 · Sun 2024-03-10 03:30 EDT ─"),
        "{out}"
    );
    let (_, ja, _) = kunren(&["run", "--seed", "1", "--lang", "ja", DST]);
    assert!(ja.contains("· 2024-03-10(日) 03:30 EDT ─"), "{ja}");
    let (_, again, _) = kunren(&["run", "--seed", "1", DST]);
    assert_eq!(out, again, "deterministic");

    let dir = tempfile::tempdir().expect("tempdir");
    let j = dir.path().join("d.jsonl");
    let j = j.to_str().expect("utf-8");
    let (code, _, err) = kunren(&["run", "--seed", "1", "--journal", j, DST]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = kunren(&["report", j]);
    assert_eq!(code, Some(0), "{err}");
    let md = std::fs::read_to_string(dir.path().join("d.jsonl.aar.md")).expect("report");
    assert!(
        md.contains("**Calendar time:** Sun 2024-03-10 01:30 EST to "),
        "{md}"
    );
    assert!(md.contains("(America/New_York)"), "{md}");
    assert!(
        md.contains("| T+01:00 (Sun 2024-03-10 03:30 EDT) |"),
        "{md}"
    );
}

#[test]
fn bad_starts_are_coded_at_their_value() {
    let cases = [
        (
            "starts-at-bad-date.ron",
            1,
            "error[K0235]",
            "is not a date and time with a zone",
        ),
        (
            "starts-at-bad-zone.ron",
            1,
            "error[K0236]",
            "did you mean `Asia/Tokyo`?",
        ),
        (
            "starts-at-gap.ron",
            1,
            "error[K0237]",
            "does not exist in Europe/Berlin",
        ),
        (
            "starts-at-twice.ron",
            0,
            "warning[K0238]",
            "happens twice in Europe/Berlin",
        ),
    ];
    for (file, exit, code, words) in cases {
        let path = format!("tests/fixtures/authoring/{file}");
        let (status, _, err) = kunren(&["check", &path]);
        assert_eq!(status, Some(exit), "{file}\n{err}");
        assert!(err.contains(code), "{file}\n{err}");
        assert!(err.contains(&format!("{path}:13:16")), "{file}\n{err}");
        assert!(err.contains(words), "{file}\n{err}");
    }
    let (status, _, err) = kunren(&["check", DST]);
    assert_eq!(status, Some(0), "{err}");
    assert!(err.contains("0 error(s), 0 warning(s)"), "{err}");
}
