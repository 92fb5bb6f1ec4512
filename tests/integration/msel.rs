//! `kunren msel`: export then import changes nothing, byte for byte; an edited sheet changes
//! only the fields of the injects it edits; bad cells are named by row and column.

use std::path::Path;
use std::process::Command;

/// Every shipped drill's file name under `scenarios/`.
fn scenarios() -> impl Iterator<Item = &'static str> {
    kunren::scenario::load::SCENARIOS
        .iter()
        .map(|e| e.path.trim_start_matches("scenarios/"))
}

fn kunren(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run kunren");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the scenarios and the assets they name, to edit freely.
fn pack() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["scenarios", "assets", "assets/orgs", "assets/regimes"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        for e in std::fs::read_dir(root.join(sub))
            .expect("read dir")
            .flatten()
        {
            if e.path().is_file() {
                std::fs::copy(e.path(), dir.path().join(sub).join(e.file_name())).expect("copy");
            }
        }
    }
    dir
}

#[test]
fn export_then_import_is_byte_identical_for_every_shipped_scenario() {
    let dir = pack();
    for sc in scenarios() {
        let path = format!("scenarios/{sc}");
        let before = std::fs::read(dir.path().join(&path)).expect("read");
        let (_, run_before, _) = kunren(dir.path(), &["run", &path, "--policy", "expert"]);
        let (code, _, err) = kunren(
            dir.path(),
            &["msel", "export", &path, "-o", "m.csv", "--bom"],
        );
        assert_eq!(code, Some(0), "{err}");
        let sheet = std::fs::read(dir.path().join("m.csv")).expect("sheet");
        assert!(sheet.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
        let (code, _, err) = kunren(dir.path(), &["msel", "import", "m.csv", "--into", &path]);
        assert_eq!(code, Some(0), "{err}");
        assert!(err.contains("nothing to change"), "{err}");
        assert_eq!(
            std::fs::read(dir.path().join(&path)).expect("read"),
            before,
            "{sc}"
        );
        let (_, run_after, _) = kunren(dir.path(), &["run", &path, "--policy", "expert"]);
        assert_eq!(run_before, run_after, "{sc}");
    }
}

fn edit(dir: &Path, from: &str, to: &str, f: impl Fn(&[String], &mut Vec<Vec<String>>)) {
    let mut r = csv::Reader::from_path(dir.join(from)).expect("sheet");
    let head: Vec<String> = r
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.expect("row").iter().map(str::to_string).collect())
        .collect();
    f(&head, &mut rows);
    let mut w = csv::Writer::from_path(dir.join(to)).expect("write");
    w.write_record(&head).expect("head");
    for row in rows {
        w.write_record(&row).expect("row");
    }
    w.flush().expect("flush");
}

#[test]
fn an_edited_sheet_changes_only_the_edited_fields_and_bad_cells_are_named() {
    let dir = pack();
    let path = "scenarios/hospital-ransomware.ron";
    let before = std::fs::read_to_string(dir.path().join(path)).expect("read");
    let (code, _, _) = kunren(dir.path(), &["msel", "export", path, "-o", "m.csv"]);
    assert_eq!(code, Some(0));
    edit(dir.path(), "m.csv", "edited.csv", |h, rows| {
        let c = |n: &str| h.iter().position(|x| x == n).expect("column");
        rows[1][c("summary")] = "EDITED: unusual VPN logins".into();
        rows[1][c("players")] = "soc; ciso".into();
        rows[1][c("contingency")] = "yes".into();
    });
    let (code, _, err) = kunren(
        dir.path(),
        &["msel", "import", "edited.csv", "--into", path],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("inject `mss-vpn-alert`: title, to, contingency"),
        "{err}"
    );
    let after = std::fs::read_to_string(dir.path().join(path)).expect("read");
    let changed: Vec<_> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 3, "only the inject's own lines: {changed:?}");
    assert!(after.contains("title: \"EDITED: unusual VPN logins\""));
    assert!(after.contains("to: [\"soc\", \"ciso\"]"));
    // Comments survive.
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with("//"))
            .count()
    };
    assert_eq!(comments(&before), comments(&after));
    // The drill plays the edit: the contingency inject is no longer delivered on its own.
    let (code, out, _) = kunren(dir.path(), &["run", path, "--policy", "expert"]);
    assert_eq!(code, Some(0));
    assert!(
        !out.contains("EDITED: unusual VPN logins"),
        "a contingency inject waits for the facilitator"
    );

    edit(dir.path(), "m.csv", "bad.csv", |h, rows| {
        let c = |n: &str| h.iter().position(|x| x == n).expect("column");
        rows[2][c("delivery")] = "Fax".into();
        rows[3][c("trigger")] = "Sometime".into();
        rows[4][c("inject_id")] = "no-such-inject".into();
    });
    let unchanged = std::fs::read(dir.path().join(path)).expect("read");
    let (code, _, err) = kunren(dir.path(), &["msel", "import", "bad.csv", "--into", path]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("error[K0401]: row 4, column `delivery`: unknown channel `Fax`"),
        "{err}"
    );
    assert!(
        err.contains("row 5, column `trigger`: not a trigger"),
        "{err}"
    );
    assert!(
        err.contains("row 6, column `inject_id`: no inject `no-such-inject`"),
        "{err}"
    );
    assert!(err.contains("the scenario is unchanged"));
    // The same problems in Japanese (K0401 from the catalogue), the same exit code.
    let (ja_code, _, ja) = kunren(
        dir.path(),
        &["--lang", "ja", "msel", "import", "bad.csv", "--into", path],
    );
    assert_eq!(ja_code, code, "{ja}");
    for want in [
        "エラー[K0401]: 4 行目、列 `delivery`：不明な配信手段 `Fax`",
        "5 行目、列 `trigger`：トリガーではありません",
        "6 行目、列 `inject_id`：シナリオにインジェクト `no-such-inject` はありません",
        "シートに問題が 3 件あります。シナリオは変更していません",
    ] {
        assert!(ja.contains(want), "{want}: {ja}");
    }
    for english in [
        "row ",
        "column",
        "unknown channel",
        "not a trigger",
        "unchanged",
    ] {
        assert!(!ja.contains(english), "{english}: {ja}");
    }
    assert_eq!(
        std::fs::read(dir.path().join(path)).expect("read"),
        unchanged
    );
}
