//! `kunren register`: the drill register built from the journals of several drills.
//!
//! The drills are real (`Drill` + `play_drill`, as the CLI plays them); their journals are then
//! rewritten record by record with a fixed historical clock and a chosen drill id, so three
//! drills a year apart can be tested today. Every assertion about a rating compares the
//! register with the report model of the same journal (one truth).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use kunren::headless::play_drill;
use kunren::journal::{
    ClosedBody, JournalWriter, Participant, RecordKind, WriterOptions, read_journal,
};
use kunren::policy::{self, Policy};
use kunren::records::{Body, ExerciseFacts, HeaderExtra};
use kunren::register::{self, DrillStatus, FileStatus, Format, Options, Period};
use kunren::report;
use kunren::scenario::script::{Hotwash, ImprovementItem, ItemStatus, ItemUpdate, Script};
use kunren::scenario::{Bundle, load_bundle};
use kunren::session::{Drill, DrillMeta};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::{date, datetime};

const SCENARIO: &str = "scenarios/defence-contractor-double-extortion.ron";

fn bundle() -> Arc<Bundle> {
    match load_bundle(SCENARIO, None) {
        Ok((b, _)) => Arc::new(b),
        Err(e) => panic!("cannot load {SCENARIO}:\n{}", e.render()),
    }
}

fn meta() -> DrillMeta {
    DrillMeta {
        title: None,
        facilitator: "Sato Hanako".into(),
        participants: [
            ("Yamada Taro", "exec"),
            ("Suzuki Yui", "ciso"),
            ("Ito Ken", "soc"),
        ]
        .iter()
        .map(|(n, r)| Participant {
            name: (*n).into(),
            role: (*r).into(),
        })
        .collect(),
        language: None,
        timezone: "Asia/Tokyo".into(),
        mode: "headless".into(),
        previous_drill: None,
        plan: None,
        exercise: ExerciseFacts::default(),
    }
}

fn item(id: &str, action: &str, due: &str) -> ImprovementItem {
    ImprovementItem {
        id: id.into(),
        action: action.into(),
        owner: "General affairs".into(),
        due: due.into(),
        ..ImprovementItem::default()
    }
}

fn script(items: Vec<ImprovementItem>, updates: Vec<ItemUpdate>) -> Script {
    Script {
        format: 1,
        hotwash: Some(Hotwash {
            strengths: vec!["The crisis team met within the hour".into()],
            items,
            item_updates: updates,
            ..Hotwash::default()
        }),
        ..Script::default()
    }
}

/// Rewrites the journal at `src` to `dst` with drill id `id` and a clock starting at `start`
/// (one second per record): the same records, written as if the drill had run then.
fn restamp(src: &Path, dst: &Path, id: &str, start: OffsetDateTime) {
    restamp_with(src, dst, id, start, None);
}

/// `restamp`, and when `previous` is given the header also records the previous drill (as
/// `--register` fills it).
fn restamp_with(src: &Path, dst: &Path, id: &str, start: OffsetDateTime, previous: Option<&str>) {
    let c = read_journal(src).expect("read journal");
    let mut header = c.header.clone();
    header.drill_id = id.into();
    if let Some(previous) = previous {
        let mut extra = HeaderExtra::decode(&header.extra).expect("extra");
        extra.previous_drill = Some(previous.into());
        header.extra = extra.to_value();
    }
    let opts = WriterOptions::new().fixed_clock(start, time::Duration::seconds(1));
    let mut w = JournalWriter::create_with(dst, header, None, opts).expect("create");
    let mut closed = None;
    for r in &c.records {
        match r.kind {
            RecordKind::DrillOpened | RecordKind::Checkpoint | RecordKind::Recovered => {}
            RecordKind::DrillClosed => {
                closed = Some(serde_json::from_value::<ClosedBody>(r.body.clone()).expect("closed"))
            }
            kind => {
                w.append(r.turn, kind, &r.actor, r.body.clone())
                    .expect("append");
            }
        }
    }
    let closed = closed.expect("the source drill is closed");
    w.seal(closed.status, &closed.reason).expect("seal");
}

/// Plays a whole drill (idle or expert) with the hotwash of `script`, journaled at `path`.
fn play(path: &Path, expert: bool, script: &Script) {
    let mut drill = Drill::start(bundle(), 1, &meta(), Some(path), None).expect("start");
    let mut p: Box<dyn Policy> = if expert {
        Box::new(policy::Expert::default())
    } else {
        Box::new(policy::Idle)
    };
    play_drill(&mut drill, p.as_mut(), Some(script), |_| {}).expect("play");
    drill.close("").expect("seal");
}

struct Drills {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    a: PathBuf,
    b: PathBuf,
    c: PathBuf,
}

/// Three drills a year apart (2023 idle, 2024 expert, 2025 aborted after two turns) and a
/// damaged copy of the first, in `dir` (the 2025 one in a subdirectory).
fn three_drills() -> Drills {
    let tmp = tempfile::tempdir().expect("tempdir");
    let raw = tmp.path().join("raw");
    let dir = tmp.path().join("register");
    std::fs::create_dir_all(&raw).expect("mkdir");
    std::fs::create_dir_all(dir.join("2025")).expect("mkdir");

    let s1 = script(
        vec![
            item("IP-1", "Print the MoD reporting contacts", "2023-09-30"),
            item("IP-2", "Name a deputy for the CISO", "2023-12-31"),
        ],
        vec![],
    );
    play(&raw.join("a.jsonl"), false, &s1);
    let a = dir.join("2023-drill.jsonl");
    restamp(
        &raw.join("a.jsonl"),
        &a,
        "drill-2023",
        datetime!(2023-04-10 01:00 UTC),
    );

    let s2 = script(
        vec![item("IP-1", "Rehearse the DFARS report", "2024-12-31")],
        vec![
            // No drill named: the latest earlier drill with an item IP-1.
            ItemUpdate {
                id: "IP-1".into(),
                status: ItemStatus::Done,
                note: "Contacts printed and filed in the crisis binder".into(),
                ..ItemUpdate::default()
            },
            ItemUpdate {
                drill: "drill-2023".into(),
                id: "IP-2".into(),
                status: ItemStatus::InProgress,
                note: "Candidate chosen; board approval pending".into(),
            },
        ],
    );
    play(&raw.join("b.jsonl"), true, &s2);
    let b = dir.join("2024-drill.jsonl");
    restamp(
        &raw.join("b.jsonl"),
        &b,
        "drill-2024",
        datetime!(2024-04-15 01:00 UTC),
    );

    let raw_c = raw.join("c.jsonl");
    let mut drill = Drill::start(bundle(), 1, &meta(), Some(&raw_c), None).expect("start");
    drill.end_turn().expect("turn 1");
    drill.end_turn().expect("turn 2");
    drill
        .close("fire alarm: the drill was stopped")
        .expect("seal");
    let c = dir.join("2025").join("drill.jsonl");
    restamp(&raw_c, &c, "drill-2025", datetime!(2025-04-20 01:00 UTC));

    // A damaged copy of the 2023 journal: one byte changed in the middle.
    let mut bytes = std::fs::read(&a).expect("read");
    let at = bytes.len() / 2;
    let pos = at
        + bytes[at..]
            .iter()
            .position(|b| b.is_ascii_digit())
            .expect("digit");
    bytes[pos] = if bytes[pos] == b'7' { b'8' } else { b'7' };
    std::fs::write(dir.join("damaged.jsonl"), bytes).expect("write");
    Drills {
        _tmp: tmp,
        dir,
        a,
        b,
        c,
    }
}

fn opts(as_of: time::Date) -> Options {
    Options {
        every: Period::default(),
        as_of: Some(as_of),
        org: None,
    }
}

fn kunren(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(args)
        .output()
        .expect("run kunren");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn a_register_of_three_drills_a_year_apart() {
    let d = three_drills();
    let reg = register::build(&d.dir, &opts(date!(2025 - 06 - 01))).expect("register");

    // Order, dates (in the drills' zone) and status.
    let ids: Vec<&str> = reg.drills.iter().map(|x| x.id()).collect();
    assert_eq!(ids, ["drill-2023", "drill-2024", "drill-2025"]);
    let dates: Vec<String> = reg.drills.iter().map(|x| x.date_text()).collect();
    assert_eq!(dates, ["2023-04-10", "2024-04-15", "2025-04-20"]);
    let status: Vec<DrillStatus> = reg.drills.iter().map(|x| x.status).collect();
    assert_eq!(
        status,
        [
            DrillStatus::Completed,
            DrillStatus::Completed,
            DrillStatus::Aborted
        ]
    );
    assert!(reg.drills.iter().all(|x| x.model.people.executive_present));

    // The damaged file is listed with its reason; the others verified.
    let damaged = reg
        .files
        .iter()
        .find(|f| f.path.ends_with("damaged.jsonl"))
        .expect("the damaged file is listed");
    match &damaged.status {
        FileStatus::Damaged(why) => {
            assert!(why.contains("fails verification at line"), "{why}")
        }
        other => panic!("damaged.jsonl is {other:?}"),
    }
    assert_eq!(reg.files.len(), 4);
    assert_eq!(
        reg.files
            .iter()
            .filter(|f| f.status == FileStatus::Verified)
            .count(),
        3
    );
    assert_eq!(reg.exit_code().code(), 1);

    // The trend: the completed drills only, each rating the report's own.
    assert_eq!(reg.trend.drills, [0, 1]);
    let models = [
        report::load(&d.a).expect("a"),
        report::load(&d.b).expect("b"),
    ];
    for (k, m) in models.iter().enumerate() {
        for o in &m.objectives {
            let row = reg
                .trend
                .objectives
                .iter()
                .find(|r| r.key == o.result.id)
                .expect("objective row");
            assert_eq!(row.cells[k].expect("rated").rating, o.result.rating);
        }
        for f in m.functions.iter().filter(|f| f.achievable > 0) {
            let row = reg
                .trend
                .functions
                .iter()
                .find(|r| r.key == f.function.name())
                .expect("function row");
            assert_eq!(row.cells[k].expect("rated").rating, f.rating());
            assert_eq!(row.cells[k].expect("rated").share, f.share());
        }
    }
    // The idle 2023 drill against the expert 2024 one: something improved, nothing declined.
    let changes: Vec<_> = reg
        .trend
        .objectives
        .iter()
        .filter_map(|r| r.change())
        .collect();
    assert!(
        changes.contains(&register::model::Change::Improved),
        "{changes:?}"
    );
    assert!(
        !changes.contains(&register::model::Change::Declined),
        "{changes:?}"
    );

    // Next drill due: the last completed drill (2024; the 2025 one was aborted) + 12 months.
    assert_eq!(reg.next_due.basis, Some(1));
    assert_eq!(reg.next_due.due, Some(date!(2025 - 04 - 15)));
    assert!(reg.next_due.overdue);
    let later = register::build(
        &d.dir,
        &Options {
            every: "18m".parse().expect("period"),
            ..opts(date!(2025 - 06 - 01))
        },
    )
    .expect("register");
    assert_eq!(later.next_due.due, Some(date!(2025 - 10 - 15)));
    assert!(!later.next_due.overdue);

    // Items: IP-1 opened in 2023 and confirmed done in 2024; IP-2 in progress and overdue;
    // 2024's own IP-1 open and not yet due... until the as-of date passes it.
    let find = |drill: usize, id: &str| {
        reg.items
            .iter()
            .find(|i| i.drill == drill && i.item.id == id)
            .expect("item")
    };
    let ip1 = find(0, "IP-1");
    assert_eq!(ip1.status, ItemStatus::Done);
    assert_eq!(ip1.events.len(), 1);
    assert_eq!(ip1.events[0].drill, 1);
    assert!(ip1.events[0].note.contains("crisis binder"));
    assert!(!ip1.overdue);
    let ip2 = find(0, "IP-2");
    assert_eq!(ip2.status, ItemStatus::InProgress);
    assert!(ip2.overdue);
    let new_ip1 = find(1, "IP-1");
    assert_eq!(new_ip1.status, ItemStatus::Open);
    assert!(new_ip1.overdue, "due 2024-12-31, open on 2025-06-01");
    assert!(reg.unmatched.is_empty());
    assert_eq!(reg.previous_drill().as_deref(), Some("2024-04-15"));

    // Every format says so.
    let text = register::render(&reg, Format::Text, false);
    for want in [
        "drill-2023",
        "2024-04-15",
        "aborted",
        "fire alarm",
        "damaged.jsonl",
        "fails verification at line",
        "2025-04-15",
        "overdue",
        "Contacts printed and filed in the crisis binder",
    ] {
        assert!(text.contains(want), "text lacks {want}:\n{text}");
    }
    let html = register::render(&reg, Format::Html, false);
    assert!(html.contains("<svg") && !html.contains("<script"));
    let md = register::render(&reg, Format::Md, true);
    assert!(md.contains("Annual drill evidence summary"));
    assert!(md.contains(&models[1].integrity.file_sha256));
    assert!(md.contains(&models[1].integrity.merkle_root));
    assert!(md.contains("kunren verify"));
    let json: Value =
        serde_json::from_str(&register::render(&reg, Format::Json, false)).expect("json");
    assert_eq!(json["schema"], "kunren-register/1");
    assert_eq!(json["next_due"]["date"], "2025-04-15");
    assert_eq!(json["drills"][2]["status"], "aborted");
    let _ = &d.c;
}

#[test]
fn the_command_lists_every_file_and_exits_by_what_it_found() {
    let d = three_drills();
    let dir = s(&d.dir);
    let (code, out, _) = kunren(&["register", dir, "--as-of", "2025-06-01"]);
    assert_eq!(code, 1, "{out}");
    let line = out
        .lines()
        .find(|l| l.contains("damaged.jsonl"))
        .expect("a line for the damaged file");
    assert!(
        line.contains("damaged") && line.contains("fails verification"),
        "{line}"
    );

    // A duplicate (same drill id) and a file that is not a journal get their own lines.
    std::fs::copy(&d.b, d.dir.join("copy-of-2024.jsonl")).expect("copy");
    std::fs::write(d.dir.join("notes.jsonl"), "{\"hello\": 1}\n").expect("write");
    std::fs::write(d.dir.join("README.txt"), "not a journal").expect("write");
    let (code, json, err) = kunren(&["register", dir, "--as-of", "2025-06-01", "--format", "json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&json).expect("json");
    let status = |name: &str| -> String {
        v["files"]
            .as_array()
            .expect("files")
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .map(|f| format!("{} {}", f["status"], f["detail"]))
            .unwrap_or_else(|| panic!("{name} not listed"))
    };
    assert!(status("copy-of-2024.jsonl").contains("duplicate"));
    assert!(status("copy-of-2024.jsonl").contains("identical"));
    assert!(status("notes.jsonl").contains("foreign"));
    assert_eq!(v["ignored_files"], 1);
    assert_eq!(v["drills"].as_array().map(Vec::len), Some(3));
    assert!(err.contains("damaged.jsonl"), "problems on stderr: {err}");

    // Only what verifies: exit 0. Nothing readable: exit 2. No directory: exit 3.
    let good = d.dir.parent().expect("parent").join("good");
    std::fs::create_dir_all(&good).expect("mkdir");
    std::fs::copy(&d.a, good.join("a.jsonl")).expect("copy");
    std::fs::copy(&d.b, good.join("b.jsonl")).expect("copy");
    let (code, out, _) = kunren(&["register", s(&good), "--as-of", "2025-01-01"]);
    assert_eq!(code, 0, "{out}");
    let bad = d.dir.parent().expect("parent").join("bad");
    std::fs::create_dir_all(&bad).expect("mkdir");
    std::fs::copy(d.dir.join("damaged.jsonl"), bad.join("x.jsonl")).expect("copy");
    assert_eq!(kunren(&["register", s(&bad)]).0, 2);
    assert_eq!(kunren(&["register", s(&bad.join("missing"))]).0, 3);

    // --summary to a file.
    let out_file = d.dir.parent().expect("parent").join("summary.html");
    let (code, _, _) = kunren(&[
        "register",
        s(&good),
        "--summary",
        "--format",
        "html",
        "--as-of",
        "2025-01-01",
        "-o",
        s(&out_file),
    ]);
    assert_eq!(code, 0);
    let html = std::fs::read_to_string(&out_file).expect("summary written");
    assert!(html.contains("Annual drill evidence summary"));
}

#[test]
fn run_with_the_register_lists_open_items_and_records_their_updates() {
    let d = three_drills();
    let script = d.dir.parent().expect("parent").join("actions.ron");
    std::fs::write(
        &script,
        r#"Script(
    format: 1,
    facilitator: "Sato Hanako",
    participants: [Participant(name: "Yamada Taro", role: "exec")],
    hotwash: Hotwash(
        item_updates: [
            ItemUpdate(id: "IP-2", status: Done, note: "Deputy appointed by the board"),
            ItemUpdate(id: "IP-1", status: Dropped, note: "Superseded by the new runbook"),
        ],
    ),
)"#,
    )
    .expect("write script");
    let journal = d.dir.join("2026.jsonl");
    let (code, out, err) = kunren(&[
        "run",
        SCENARIO,
        "--actions",
        s(&script),
        "--journal",
        s(&journal),
        "--register",
        s(&d.dir),
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    // The open items of earlier drills, before the drill's own output.
    let listing = out.split("Turn").next().unwrap_or_default();
    assert!(
        listing.contains("IP-2") && listing.contains("drill-2023"),
        "{listing}"
    );
    assert!(listing.contains("drill-2024"), "{listing}");
    assert!(
        err.contains("damaged.jsonl"),
        "the register's problems on stderr: {err}"
    );

    let c = read_journal(&journal).expect("journal");
    let extra = HeaderExtra::decode(&c.header.extra).expect("extra");
    assert_eq!(extra.previous_drill.as_deref(), Some("2024-04-15"));
    let updates: Vec<ItemUpdate> = c
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::ImprovementItemUpdate)
        .map(|r| match Body::of(r) {
            Ok(Body::ItemUpdate(u)) => u,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(updates.len(), 2);
    // The register named the drill whose plan holds each item: 2023's IP-1 is done, so the
    // open IP-1 is 2024's.
    assert_eq!(updates[0].drill, "drill-2023");
    assert_eq!(updates[1].drill, "drill-2024");
    assert_eq!(kunren(&["verify", s(&journal)]).0, 0);
    assert_eq!(kunren(&["replay", s(&journal)]).0, 0);
    let aar = report::render(&report::load(&journal).expect("model"), report::Format::Md);
    assert!(aar.contains("Improvement items of earlier drills"));
    assert!(aar.contains("Deputy appointed by the board"));

    // The register now shows both items closed.
    let reg = register::build(&d.dir, &opts(date!(2026 - 06 - 01))).expect("register");
    let status = |drill: &str, id: &str| {
        reg.items
            .iter()
            .find(|i| reg.drills[i.drill].id() == drill && i.item.id == id)
            .map(|i| i.status)
    };
    assert_eq!(status("drill-2023", "IP-2"), Some(ItemStatus::Done));
    assert_eq!(status("drill-2024", "IP-1"), Some(ItemStatus::Dropped));
    assert_eq!(reg.open_items().count(), 0);

    // An update naming no open item refuses the script (exit 1), before any journal is made.
    std::fs::write(
        &script,
        r#"Script(format: 1, hotwash: Hotwash(item_updates: [ItemUpdate(id: "IP-9", status: Done)]))"#,
    )
    .expect("write script");
    let refused = d.dir.join("refused.jsonl");
    let (code, _, err) = kunren(&[
        "run",
        SCENARIO,
        "--actions",
        s(&script),
        "--journal",
        s(&refused),
        "--register",
        s(&d.dir),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("IP-9"), "{err}");
    assert!(!refused.exists());
}

#[test]
fn an_update_body_round_trips_and_older_scripts_still_parse() {
    let u = ItemUpdate {
        drill: String::new(),
        id: "IP-1".into(),
        note: String::new(),
        status: ItemStatus::Done,
    };
    let body = Body::ItemUpdate(u.clone());
    assert_eq!(body.kind(), RecordKind::ImprovementItemUpdate);
    assert_eq!(
        body.to_value(),
        serde_json::json!({"id": "IP-1", "status": "Done"}),
        "empty fields are left out"
    );
    assert_eq!(
        Body::decode(RecordKind::ImprovementItemUpdate, &body.to_value()),
        Ok(body)
    );
    // A hotwash written before item updates existed still parses.
    let old: Script =
        ron::from_str(r#"Script(format: 1, hotwash: Some(Hotwash(strengths: ["ok"])))"#)
            .expect("old script");
    assert!(old.hotwash.expect("hotwash").item_updates.is_empty());
}

/// The "Next drill due" line of a drill's report.
fn report_next_due(path: &Path) -> String {
    let aar = report::render(&report::load(path).expect("model"), report::Format::Md);
    aar.lines()
        .find(|l| l.contains("Next drill due"))
        .unwrap_or_else(|| panic!("no next-due line in the report of {}", path.display()))
        .to_string()
}

#[test]
fn the_reports_next_drill_due_is_the_registers() {
    let d = three_drills();
    // The same drills, each recording the previous completed drill as `--register` gives it.
    let dir = d.dir.parent().expect("parent").join("recorded");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let a = dir.join("a.jsonl");
    std::fs::copy(&d.a, &a).expect("copy");
    let b = dir.join("b.jsonl");
    restamp_with(
        &d.b,
        &b,
        "drill-2024",
        datetime!(2024-04-15 01:00 UTC),
        Some("2023-04-10"),
    );
    let c = dir.join("c.jsonl");
    restamp_with(
        &d.c,
        &c,
        "drill-2025",
        datetime!(2025-04-20 01:00 UTC),
        Some("2024-04-15"),
    );

    // The register after each drill and that drill's report give the same next-due date.
    let mut seen = Vec::new();
    for (path, due) in [(&a, "2024-04-10"), (&b, "2025-04-15"), (&c, "2025-04-15")] {
        let only = dir.join(format!("only-{}", seen.len()));
        std::fs::create_dir_all(&only).expect("mkdir");
        seen.push(path.clone());
        for (k, p) in seen.iter().enumerate() {
            std::fs::copy(p, only.join(format!("{k}.jsonl"))).expect("copy");
        }
        let reg = register::build(&only, &opts(date!(2025 - 06 - 01))).expect("register");
        assert_eq!(
            reg.next_due.due.map(register::dates::ymd).as_deref(),
            Some(due),
            "register after {}",
            path.display()
        );
        let model = report::load(path).expect("model");
        assert_eq!(
            report::text::next_drill_due(&model, &model.header.timezone),
            reg.next_due.due,
            "{}",
            path.display()
        );
        let line = report_next_due(path);
        assert!(line.contains(due), "{line}");
        let (code, out, err) = kunren(&["register", s(&only), "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let json: Value = serde_json::from_str(&out).expect("json");
        assert_eq!(json["next_due"]["date"], due);
    }
    // The aborted drill does not count: its report says so beside the date.
    assert!(report_next_due(&c).contains("does not count"));
    // The aborted drill of three_drills() records no previous drill: its report cannot know
    // of the 2024 drill, and says a drill is due now rather than a year after the abort.
    let line = report_next_due(&d.c);
    assert!(line.contains("now"), "{line}");
    assert!(!line.contains("2026-04-20"), "{line}");
}

#[test]
fn marking_an_item_in_the_console_hotwash_journals_it_and_the_register_shows_its_history() {
    use kunren::tui::earlier::Earlier;
    use kunren::tui::hotwash::HwSection;
    use kunren::tui::{App, Lang, Msg, Screen, update};

    let d = three_drills();
    let earlier = Earlier::load(&d.dir).expect("register");
    let open: Vec<(&str, &str)> = earlier
        .items
        .iter()
        .map(|i| (i.drill.as_str(), i.id.as_str()))
        .collect();
    assert_eq!(open, [("drill-2023", "IP-2"), ("drill-2024", "IP-1")]);
    assert_eq!(earlier.previous_drill.as_deref(), Some("2024-04-15"));
    assert!(
        earlier.items.iter().all(|i| i.overdue),
        "due in 2023 and 2024"
    );
    assert_eq!(earlier.problems, 1, "the damaged copy");

    // A console drill (journaled in the register's folder) with the register's items.
    let journal = d.dir.join("2026-console.jsonl");
    let mut m = meta();
    m.mode = "console".into();
    m.previous_drill = earlier.previous_drill.clone();
    let drill = Drill::start(bundle(), 3, &m, Some(&journal), None).expect("start");
    let mut app = App::console(drill, Lang::En, (120, 40));
    app.earlier = Some(earlier);
    app.refresh();
    for msg in [Msg::AskQuit, Msg::Hotwash, Msg::Tab, Msg::Tab, Msg::Tab] {
        update(&mut app, msg);
    }
    let Screen::Hotwash(h) = &app.screen else {
        panic!("not on the hotwash");
    };
    assert_eq!(h.section, HwSection::Earlier);
    assert_eq!(h.selected, Some(0), "the first open item is selected");
    // IP-2 of 2023: done, with a note (Enter: status → note; Enter: record).
    update(&mut app, Msg::Enter);
    update(&mut app, Msg::Enter);
    assert!(
        app.status.as_ref().is_some_and(|s| s.text.contains("note")),
        "a mark needs a note"
    );
    for c in "Deputy CISO appointed by the board".chars() {
        update(&mut app, Msg::Char(c));
    }
    update(&mut app, Msg::Enter);
    // IP-1 of 2024: dropped (← from done wraps to dropped).
    for msg in [Msg::Left, Msg::Enter] {
        update(&mut app, msg);
    }
    for c in "Superseded by the new runbook".chars() {
        update(&mut app, Msg::Char(c));
    }
    update(&mut app, Msg::Enter);
    // Seal and leave.
    update(&mut app, Msg::Esc);
    update(&mut app, Msg::Confirm);
    assert!(matches!(app.screen, Screen::Sealed(_)), "sealed");

    let c = read_journal(&journal).expect("journal");
    let updates: Vec<ItemUpdate> = c
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::ImprovementItemUpdate)
        .map(|r| match Body::of(r) {
            Ok(Body::ItemUpdate(u)) => u,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        updates,
        [
            ItemUpdate {
                drill: "drill-2023".into(),
                id: "IP-2".into(),
                note: "Deputy CISO appointed by the board".into(),
                status: ItemStatus::Done,
            },
            ItemUpdate {
                drill: "drill-2024".into(),
                id: "IP-1".into(),
                note: "Superseded by the new runbook".into(),
                status: ItemStatus::Dropped,
            },
        ]
    );
    assert_eq!(kunren(&["verify", s(&journal)]).0, 0);

    // The register: IP-2 opened in 2023, in progress in 2024, done in the console drill.
    let new_id = c.header.drill_id.clone();
    let reg = register::build(&d.dir, &Options::default()).expect("register");
    let ip2 = reg
        .items
        .iter()
        .find(|i| reg.drills[i.drill].id() == "drill-2023" && i.item.id == "IP-2")
        .expect("IP-2");
    let history: Vec<(&str, ItemStatus)> = ip2
        .events
        .iter()
        .map(|e| (reg.drills[e.drill].id(), e.status))
        .collect();
    assert_eq!(
        history,
        [
            ("drill-2024", ItemStatus::InProgress),
            (new_id.as_str(), ItemStatus::Done)
        ]
    );
    assert_eq!(reg.open_items().count(), 0);
    let (code, out, err) = kunren(&["register", s(&d.dir)]);
    assert_eq!(code, 1, "the damaged copy is still there: {err}");
    assert!(out.contains("Deputy CISO appointed by the board"), "{out}");
    assert!(out.contains(&new_id), "{out}");
}
