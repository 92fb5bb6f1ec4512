//! The facilitator console (issue 5): every screen rendered on `TestBackend` at 80×24 and
//! 120×40 with insta snapshots, on the small scenario in `tests/fixtures/tui/` (kept apart from
//! the shipped content so the snapshots do not churn), plus one end-to-end run of the real
//! binary in a pseudo-terminal (`tui/e2e.rs`).

mod e2e;

use std::path::PathBuf;
use std::sync::Arc;

use kunren::journal::Participant;
use kunren::session::{Drill, DrillMeta};
use kunren::tui::app::{Panel, SealedView};
use kunren::tui::{App, Lang, Msg, PlayArgs, Screen, SetupState, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FIXTURE: &str = "tests/fixtures/tui/scenario.ron";
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn drill() -> Drill {
    let (bundle, _) = kunren::scenario::load_bundle(FIXTURE, None).expect("fixture loads");
    let meta = DrillMeta {
        facilitator: "Mori".into(),
        participants: vec![
            Participant {
                name: "Aiko Sato".into(),
                role: "exec".into(),
            },
            Participant {
                name: "Ren Ito".into(),
                role: "soc".into(),
            },
        ],
        mode: "console".into(),
        ..DrillMeta::default()
    };
    Drill::start(Arc::new(bundle), 5, &meta, None, None).expect("drill starts")
}

fn console(lang: Lang, size: (u16, u16)) -> App {
    let mut app = App::console(drill(), lang, size);
    app.participants = vec![
        ("Aiko Sato".into(), "exec".into()),
        ("Ren Ito".into(), "soc".into()),
    ];
    app.refresh();
    app
}

fn send(app: &mut App, msgs: &[Msg]) {
    for m in msgs {
        update(app, *m);
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Msg::Char(c));
    }
}

/// A console two turns in: triage then the board's question answered, an isolation and a hunt
/// queued for turn 3, the journalist inject fired, the EDR alert fired and answered.
fn busy(lang: Lang, size: (u16, u16)) -> App {
    let mut app = console(lang, size);
    send(&mut app, &[Msg::OpenActions]);
    typed(&mut app, "triage");
    send(&mut app, &[Msg::Enter, Msg::Esc, Msg::OpenFire]);
    typed(&mut app, "edr");
    send(&mut app, &[Msg::Enter, Msg::OpenActions]);
    typed(&mut app, "declare");
    send(
        &mut app,
        &[
            Msg::Enter,
            Msg::Esc,
            Msg::AskEndTurn,
            Msg::Confirm,
            Msg::Esc,
        ],
    );
    // Turn 2: the board's question waits; d opens it on the default (`later`), ↑ picks
    // `now`, Enter asks and Enter confirms.
    send(
        &mut app,
        &[
            Msg::OpenDecision,
            Msg::Up,
            Msg::Enter,
            Msg::Enter,
            Msg::OpenFire,
            Msg::Enter,
            Msg::OpenActions,
        ],
    );
    typed(&mut app, "isolate");
    send(
        &mut app,
        &[Msg::Enter, Msg::Enter, Msg::Esc, Msg::OpenActions],
    );
    typed(&mut app, "threat");
    send(&mut app, &[Msg::Enter, Msg::Esc]);
    app.status = None;
    app
}

fn render(app: &mut App, (w, h): (u16, u16)) -> TestBackend {
    app.size = (w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| view::render(app, f)).expect("draw");
    let backend = terminal.backend().clone();
    no_border_under_a_wide_glyph(&backend);
    backend
}

/// A double-width character covers the cell to its right: that cell must be blank, never a
/// border of a dialog drawn over it (the border would not show on a terminal).
fn no_border_under_a_wide_glyph(backend: &TestBackend) {
    use unicode_width::UnicodeWidthStr;
    let buf = backend.buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width.saturating_sub(1) {
            if buf[(x, y)].symbol().width() > 1 {
                let next = buf[(x + 1, y)].symbol();
                assert!(
                    next == " " || next.is_empty(),
                    "`{next}` at ({}, {y}) is hidden under `{}`:\n{backend}",
                    x + 1,
                    buf[(x, y)].symbol()
                );
            }
        }
    }
}

/// Snapshots the app built by `make` at both sizes.
fn both(name: &str, make: impl Fn((u16, u16)) -> App) {
    for size in SIZES {
        let mut app = make(size);
        let backend = render(&mut app, size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), backend);
    }
}

fn setup_args() -> PlayArgs {
    PlayArgs {
        scenario: Some(FIXTURE.into()),
        facilitator: Some("Mori".into()),
        participants: vec!["Aiko Sato:exec".into()],
        seed: Some(42),
        ..PlayArgs::default()
    }
}

#[test]
fn setup_screen() {
    both("setup", |size| {
        App::setup(SetupState::new(&setup_args()), size)
    });
}

#[test]
fn setup_screen_japanese_with_warnings() {
    both("setup_ja", |size| {
        let mut args = setup_args();
        args.lang = Some("ja".into());
        args.participants = vec!["Ken Ito:soc".into()];
        let mut app = App::setup(SetupState::new(&args), size);
        // Move to the participants field and leave a bad entry, then try to start.
        send(&mut app, &[Msg::Tab, Msg::Tab, Msg::Tab, Msg::End]);
        typed(&mut app, ", 佐藤:cfo");
        update(&mut app, Msg::Enter);
        app
    });
}

#[test]
fn console_panels() {
    for panel in Panel::ALL {
        both(&format!("console_{panel:?}").to_lowercase(), |size| {
            let mut app = busy(Lang::En, size);
            update(&mut app, Msg::Focus(panel));
            app
        });
    }
}

#[test]
fn console_first_turn() {
    both("console_first_turn", |size| console(Lang::En, size));
}

#[test]
fn console_control_view() {
    both("console_control_view_board", |size| {
        let mut app = busy(Lang::En, size);
        send(&mut app, &[Msg::ToggleControl, Msg::Focus(Panel::Board)]);
        app
    });
}

#[test]
fn console_japanese() {
    both("console_ja", |size| {
        let mut app = busy(Lang::Ja, size);
        update(&mut app, Msg::Focus(Panel::Actions));
        app
    });
}

#[test]
fn action_picker() {
    both("picker_actions", |size| {
        let mut app = busy(Lang::En, size);
        update(&mut app, Msg::OpenActions);
        typed(&mut app, "re");
        app
    });
    both("picker_target", |size| {
        let mut app = busy(Lang::En, size);
        update(&mut app, Msg::OpenActions);
        typed(&mut app, "isolate");
        send(&mut app, &[Msg::Enter, Msg::Down, Msg::Down]);
        app
    });
}

#[test]
fn action_picker_japanese() {
    both("picker_actions_ja", |size| {
        let mut app = busy(Lang::Ja, size);
        update(&mut app, Msg::OpenActions);
        typed(&mut app, "隔離");
        app
    });
}

#[test]
fn action_picker_blocked_japanese() {
    // The refusal of a blocked action, in the drill's language, the action by its name.
    both("picker_blocked_ja", |size| {
        let mut app = busy(Lang::Ja, size);
        update(&mut app, Msg::OpenActions);
        typed(&mut app, "隔離");
        update(&mut app, Msg::Down);
        app
    });
}

#[test]
fn decision_dialog() {
    both("decision", |size| {
        let mut app = console(Lang::En, size);
        send(
            &mut app,
            &[
                Msg::AskEndTurn,
                Msg::Confirm,
                Msg::Esc,
                Msg::OpenDecision,
                Msg::Up,
            ],
        );
        app
    });
    both("decision_confirm", |size| {
        let mut app = console(Lang::En, size);
        send(
            &mut app,
            &[
                Msg::AskEndTurn,
                Msg::Confirm,
                Msg::Esc,
                Msg::OpenDecision,
                Msg::Up,
                Msg::Enter,
            ],
        );
        app
    });
    both("decision_confirm_ja", |size| {
        let mut app = console(Lang::Ja, size);
        send(
            &mut app,
            &[
                Msg::AskEndTurn,
                Msg::Confirm,
                Msg::Esc,
                Msg::OpenDecision,
                Msg::Enter,
            ],
        );
        app
    });
}

#[test]
fn decisions_banner() {
    both("decisions_banner", |size| {
        let mut app = console(Lang::En, size);
        send(&mut app, &[Msg::AskEndTurn, Msg::Confirm, Msg::Esc]);
        app.status = None;
        app
    });
    both("decisions_banner_ja", |size| {
        let mut app = console(Lang::Ja, size);
        send(&mut app, &[Msg::AskEndTurn, Msg::Confirm, Msg::Esc]);
        app.status = None;
        app
    });
}

#[test]
fn leave_dialog() {
    both("leave", |size| {
        let mut app = busy(Lang::En, size);
        update(&mut app, Msg::Interrupt);
        app
    });
    both("leave_ja", |size| {
        let mut app = busy(Lang::Ja, size);
        send(&mut app, &[Msg::AskQuit, Msg::Down]);
        app
    });
}

/// Every dialog over Japanese text at 80×24: its four corners and left border show (the
/// render check refuses a border hidden under a wide character).
#[test]
fn dialogs_over_japanese_keep_their_borders() {
    let size = (80, 24);
    let base = || {
        let mut app = busy(Lang::Ja, size);
        update(&mut app, Msg::Focus(Panel::Actions));
        app
    };
    let cases: Vec<(&str, Vec<Msg>)> = vec![
        ("help", vec![Msg::Help]),
        ("note", vec![Msg::OpenNote]),
        ("fire", vec![Msg::OpenFire]),
        ("override", vec![Msg::OpenOverride, Msg::Enter]),
        ("decision", vec![Msg::OpenDecision]),
        ("quit", vec![Msg::AskQuit]),
    ];
    for (name, msgs) in cases {
        let mut app = base();
        send(&mut app, &msgs);
        app.status = None;
        let backend = render(&mut app, size);
        let text = format!("{backend}");
        for corner in ['┌', '┐', '└', '┘'] {
            assert!(text.contains(corner), "{name}: {corner} missing\n{text}");
        }
        insta::assert_snapshot!(format!("over_japanese_{name}_80x24"), backend);
    }
}

#[test]
fn the_hotwash_leave_dialog_over_japanese_keeps_its_borders() {
    let size = (80, 24);
    let mut app = busy(Lang::Ja, size);
    send(&mut app, &[Msg::AskQuit, Msg::Hotwash, Msg::Esc]);
    app.status = None;
    let backend = render(&mut app, size);
    let text = format!("{backend}");
    for corner in ['┌', '┐', '└', '┘'] {
        assert!(text.contains(corner), "{corner} missing\n{text}");
    }
    insta::assert_snapshot!("over_japanese_hotwash_leave_80x24", backend);
}

#[test]
fn suspending_leaves_a_journal_that_verify_calls_unsealed_and_play_resumes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("suspended.jsonl");
    let (bundle, _) = kunren::scenario::load_bundle(FIXTURE, None).expect("fixture loads");
    let meta = DrillMeta {
        facilitator: "Mori".into(),
        mode: "console".into(),
        ..DrillMeta::default()
    };
    let d = Drill::start(Arc::new(bundle), 5, &meta, Some(&path), None).expect("drill starts");
    let mut app = App::console(d, Lang::En, (80, 24));
    send(
        &mut app,
        &[Msg::AskEndTurn, Msg::Confirm, Msg::Esc, Msg::Interrupt],
    );
    assert!(app.leave.is_some(), "Ctrl-C asks first");
    update(&mut app, Msg::Suspend);
    assert_eq!(
        app.exit,
        Some(kunren::tui::Exit::Suspended(Some(path.clone())))
    );
    drop(app);
    let verify = std::process::Command::new(env!("CARGO_BIN_EXE_kunren"))
        .arg("verify")
        .arg(&path)
        .output()
        .expect("kunren verify");
    assert_eq!(verify.status.code(), Some(1), "valid but unsealed");
    let args = PlayArgs {
        scenario: Some(FIXTURE.into()),
        resume: Some(path.clone()),
        ..PlayArgs::default()
    };
    let mut app = kunren::tui::initial_app(&args, (80, 24)).expect("resumes");
    assert_eq!(app.model.as_ref().map(|m| m.turn), Some(2));
    send(&mut app, &[Msg::AskEndTurn, Msg::Confirm]);
    assert_eq!(app.model.as_ref().map(|m| m.turn), Some(3));
}

#[test]
fn end_turn_confirmation() {
    both("end_turn", |size| {
        let mut app = busy(Lang::En, size);
        update(&mut app, Msg::AskEndTurn);
        app
    });
}

#[test]
fn resolution() {
    both("resolution_team", |size| {
        let mut app = busy(Lang::En, size);
        send(&mut app, &[Msg::AskEndTurn, Msg::Confirm]);
        app
    });
    // The turn log, the rolls and the modifiers in the console's language (typed events).
    both("resolution_team_ja", |size| {
        let mut app = busy(Lang::Ja, size);
        send(&mut app, &[Msg::AskEndTurn, Msg::Confirm]);
        app
    });
    both("resolution_control_ja", |size| {
        let mut app = busy(Lang::Ja, size);
        send(
            &mut app,
            &[Msg::AskEndTurn, Msg::Confirm, Msg::ToggleControl],
        );
        app.status = None;
        app
    });
    both("resolution_control", |size| {
        let mut app = busy(Lang::En, size);
        send(
            &mut app,
            &[Msg::AskEndTurn, Msg::Confirm, Msg::ToggleControl],
        );
        app.status = None;
        app
    });
}

#[test]
fn facilitator_dialogs() {
    both("fire", |size| {
        let mut app = console(Lang::En, size);
        update(&mut app, Msg::OpenFire);
        app
    });
    both("override", |size| {
        let mut app = busy(Lang::En, size);
        send(
            &mut app,
            &[
                Msg::OpenOverride,
                Msg::Enter,
                Msg::Backspace,
                Msg::Backspace,
            ],
        );
        typed(&mut app, "7");
        send(&mut app, &[Msg::Enter]);
        typed(&mut app, "declared late but well");
        app
    });
    both("note", |size| {
        let mut app = busy(Lang::En, size);
        update(&mut app, Msg::OpenNote);
        typed(&mut app, "The SOC lead asked for the MSP's phone number");
        app
    });
    both("quit", |size| {
        let mut app = busy(Lang::En, size);
        update(&mut app, Msg::AskQuit);
        app
    });
    both("override_ja", |size| {
        let mut app = busy(Lang::Ja, size);
        send(
            &mut app,
            &[
                Msg::OpenOverride,
                Msg::Enter,
                Msg::Backspace,
                Msg::Backspace,
            ],
        );
        typed(&mut app, "99");
        app
    });
    both("paused", |size| {
        let mut app = busy(Lang::En, size);
        update(&mut app, Msg::TogglePause);
        app.status = None;
        app
    });
}

#[test]
fn help_overlay() {
    both("help", |size| {
        let mut app = busy(Lang::En, size);
        update(&mut app, Msg::Help);
        app
    });
    both("help_ja", |size| {
        let mut app = busy(Lang::Ja, size);
        update(&mut app, Msg::Help);
        app
    });
}

fn hotwash(lang: Lang, size: (u16, u16)) -> App {
    let mut app = busy(lang, size);
    send(&mut app, &[Msg::AskQuit, Msg::Hotwash]);
    typed(&mut app, "The SOC triaged the first alert within the hour");
    update(&mut app, Msg::Enter);
    typed(&mut app, "Isolation was quick");
    update(&mut app, Msg::Enter);
    update(&mut app, Msg::Tab);
    // An area for improvement with its observation and reference.
    typed(&mut app, "Nobody called the regulator");
    update(&mut app, Msg::Enter);
    typed(&mut app, "Discussed at 10:40, never made");
    send(&mut app, &[Msg::Enter, Msg::Enter, Msg::Enter]);
    typed(&mut app, "IR plan 4.2");
    update(&mut app, Msg::Enter);
    update(&mut app, Msg::Tab);
    // An improvement item in every HSEEP column, then the next one begun.
    typed(&mut app, "Write a regulator call tree");
    send(
        &mut app,
        &[
            Msg::Enter,
            Msg::Right,
            Msg::Right,
            Msg::Right,
            Msg::Enter,
            Msg::Right,
            Msg::Enter,
        ],
    );
    typed(&mut app, "Operational Coordination");
    send(&mut app, &[Msg::Enter, Msg::Right, Msg::Enter]);
    typed(&mut app, "Security office");
    update(&mut app, Msg::Enter);
    typed(&mut app, "CISO");
    send(&mut app, &[Msg::Enter, Msg::Enter]);
    typed(&mut app, "2099-10-01");
    update(&mut app, Msg::Enter);
    typed(&mut app, "2099-12-01");
    update(&mut app, Msg::Enter);
    typed(&mut app, "Run a phishing drill");
    app.status = None;
    app
}

/// The corrections dialog over a console with a note, an override and a decision recorded.
fn correcting(lang: Lang, size: (u16, u16)) -> App {
    let mut app = busy(lang, size);
    send(&mut app, &[Msg::OpenNote]);
    typed(&mut app, "Board call at 10:40");
    send(&mut app, &[Msg::Enter, Msg::OpenOverride, Msg::Enter]);
    if let Some(kunren::tui::app::Overlay::Override(d)) = &mut app.overlay {
        d.points.set("5");
    }
    update(&mut app, Msg::Enter);
    typed(&mut app, "Declared late in the call");
    send(
        &mut app,
        &[Msg::Enter, Msg::OpenCorrect, Msg::Enter, Msg::Enter],
    );
    typed(&mut app, "points given to the wrong line");
    app.status = None;
    app
}

#[test]
fn corrections_dialog() {
    both("correct", |size| correcting(Lang::En, size));
    both("correct_ja", |size| correcting(Lang::Ja, size));
    both("correct_pick", |size| {
        let mut app = busy(Lang::En, size);
        send(&mut app, &[Msg::OpenNote]);
        typed(&mut app, "Wrong note");
        send(&mut app, &[Msg::Enter, Msg::OpenCorrect]);
        app.status = None;
        app
    });
}

/// A practice drill on the fixture: Ren Ito plays the SOC, the reference response the rest;
/// hints cost 2 points.
fn practice(lang: Lang, size: (u16, u16), journal: Option<&std::path::Path>) -> App {
    let (mut bundle, _) = kunren::scenario::load_bundle(FIXTURE, None).expect("fixture loads");
    bundle.scenario.hint_points = 2;
    let mut participants = vec![Participant {
        name: "Ren Ito".into(),
        role: "soc".into(),
    }];
    for r in ["exec", "ciso", "it-ops", "legal", "comms"] {
        participants.push(Participant {
            name: kunren::tui::reference_player(lang).into(),
            role: r.into(),
        });
    }
    let meta = DrillMeta {
        facilitator: "Ren Ito".into(),
        participants: participants.clone(),
        mode: "practice".into(),
        ..DrillMeta::default()
    };
    let d = Drill::start(Arc::new(bundle), 5, &meta, journal, None).expect("drill starts");
    let mut app = App::console(d, lang, size);
    app.participants = participants
        .iter()
        .map(|p| (p.name.clone(), p.role.clone()))
        .collect();
    app.practice = Some(kunren::tui::app::PracticeState {
        practice: kunren::practice::Practice::new(["soc".to_string()]),
        hints: 0,
    });
    app.refresh();
    app.status = None;
    app
}

#[test]
fn practice_screens() {
    both("practice_console", |size| practice(Lang::En, size, None));
    both("practice_console_ja", |size| practice(Lang::Ja, size, None));
    both("practice_hint_ask", |size| {
        let mut app = practice(Lang::En, size, None);
        update(&mut app, Msg::AskHint);
        app
    });
    both("practice_hint_ask_ja", |size| {
        let mut app = practice(Lang::Ja, size, None);
        update(&mut app, Msg::AskHint);
        app
    });
    both("practice_hint", |size| {
        let mut app = practice(Lang::En, size, None);
        send(&mut app, &[Msg::AskHint, Msg::Confirm]);
        app.status = None;
        app
    });
    both("practice_hint_ja", |size| {
        let mut app = practice(Lang::Ja, size, None);
        send(&mut app, &[Msg::AskHint, Msg::Confirm]);
        app.status = None;
        app
    });
}

/// The end screen after a practice drill played to its ending.
fn practice_end(lang: Lang, size: (u16, u16), dir: &std::path::Path) -> App {
    let path = dir.join(format!("p-{}-{}x{}.jsonl", lang.tag(), size.0, size.1));
    let mut app = practice(lang, size, Some(&path));
    send(&mut app, &[Msg::OpenActions]);
    typed(&mut app, "triage");
    send(&mut app, &[Msg::Enter, Msg::Esc]);
    for _ in 0..6 {
        if app.model.as_ref().is_some_and(|m| m.over) {
            break;
        }
        send(&mut app, &[Msg::AskEndTurn, Msg::Confirm, Msg::Esc]);
    }
    assert!(
        matches!(app.screen, Screen::Practice(_)),
        "the end screen follows the last resolution"
    );
    app.status = None;
    app
}

#[test]
fn practice_end_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    both("practice_end", |size| {
        practice_end(Lang::En, size, dir.path())
    });
    both("practice_end_ja", |size| {
        practice_end(Lang::Ja, size, dir.path())
    });
}

#[test]
fn hotwash_ratings_and_edits() {
    both("hotwash_ratings", |size| {
        let mut app = hotwash(Lang::En, size);
        send(&mut app, &[Msg::Tab, Msg::Tab, Msg::Tab]);
        app
    });
    both("hotwash_ratings_ja", |size| {
        let mut app = hotwash(Lang::Ja, size);
        send(&mut app, &[Msg::Tab, Msg::Tab, Msg::Tab]);
        app
    });
    both("hotwash_edit", |size| {
        let mut app = hotwash(Lang::En, size);
        send(
            &mut app,
            &[Msg::BackTab, Msg::BackTab, Msg::PageDown, Msg::EditEntry],
        );
        app.status = None;
        app
    });
    both("hotwash_edit_ja", |size| {
        let mut app = hotwash(Lang::Ja, size);
        send(
            &mut app,
            &[Msg::BackTab, Msg::BackTab, Msg::PageDown, Msg::EditEntry],
        );
        app.status = None;
        app
    });
    both("hotwash_remove", |size| {
        let mut app = hotwash(Lang::En, size);
        send(
            &mut app,
            &[Msg::BackTab, Msg::BackTab, Msg::PageUp, Msg::RemoveEntry],
        );
        app
    });
    both("hotwash_remove_ja", |size| {
        let mut app = hotwash(Lang::Ja, size);
        send(
            &mut app,
            &[Msg::BackTab, Msg::BackTab, Msg::PageUp, Msg::RemoveEntry],
        );
        app
    });
}

#[test]
fn hotwash_screen() {
    both("hotwash_items", |size| hotwash(Lang::En, size));
    both("hotwash_strengths", |size| {
        let mut app = hotwash(Lang::En, size);
        send(&mut app, &[Msg::BackTab, Msg::BackTab]);
        app
    });
    both("hotwash_signoff_ja", |size| {
        let mut app = hotwash(Lang::Ja, size);
        update(&mut app, Msg::Tab);
        app
    });
    both("hotwash_leave", |size| {
        let mut app = hotwash(Lang::En, size);
        update(&mut app, Msg::Esc);
        app
    });
}

/// What a register of two earlier drills gives the console: one item in progress and past
/// its due date, one open and not due yet.
fn register_items() -> kunren::tui::earlier::Earlier {
    use kunren::scenario::script::ItemStatus;
    use kunren::tui::earlier::{Earlier, EarlierItem};
    Earlier {
        dir: "drills".into(),
        drills: 2,
        problems: 1,
        previous_drill: Some("2025-04-15".into()),
        items: vec![
            EarlierItem {
                drill: "drill-2024".into(),
                drill_date: "2024-04-10".into(),
                id: "IP-2".into(),
                action: "Name a deputy for the CISO".into(),
                owner: "General affairs".into(),
                due: "2024-12-31".into(),
                status: ItemStatus::InProgress,
                overdue: true,
            },
            EarlierItem {
                drill: "drill-2025".into(),
                drill_date: "2025-04-15".into(),
                id: "IP-1".into(),
                action: "Rehearse the regulator call".into(),
                owner: "CISO".into(),
                due: "2099-12-31".into(),
                status: ItemStatus::Open,
                overdue: false,
            },
        ],
    }
}

/// The hotwash's earlier drills' items: the first marked done with a note, the second being
/// marked in progress.
fn hotwash_earlier(lang: Lang, size: (u16, u16)) -> App {
    let mut app = busy(lang, size);
    app.earlier = Some(register_items());
    send(
        &mut app,
        &[Msg::AskQuit, Msg::Hotwash, Msg::Tab, Msg::Tab, Msg::Tab],
    );
    update(&mut app, Msg::Enter);
    typed(&mut app, "Deputy appointed by the board");
    update(&mut app, Msg::Enter);
    send(&mut app, &[Msg::Right, Msg::Enter]);
    typed(&mut app, "Draft call tree written");
    app
}

#[test]
fn hotwash_earlier_items() {
    both("hotwash_earlier", |size| hotwash_earlier(Lang::En, size));
    both("hotwash_earlier_ja", |size| hotwash_earlier(Lang::Ja, size));
    // The first mark is journaled as an item update naming the drill whose plan holds it.
    let app = hotwash_earlier(Lang::En, (120, 40));
    let Screen::Hotwash(h) = &app.screen else {
        panic!("not on the hotwash");
    };
    let e = h.earlier.as_ref().expect("the register's items");
    let m = e.marks[0].as_ref().expect("IP-2 marked");
    assert_eq!(
        (m.update.drill.as_str(), m.update.id.as_str()),
        ("drill-2024", "IP-2")
    );
    assert!(e.marks[1].is_none(), "the second is being written");
    // Without a register the section is not there.
    let mut plain = busy(Lang::En, (120, 40));
    send(
        &mut plain,
        &[Msg::AskQuit, Msg::Hotwash, Msg::Tab, Msg::Tab, Msg::Tab],
    );
    let Screen::Hotwash(h) = &plain.screen else {
        panic!("not on the hotwash");
    };
    assert_eq!(h.section, kunren::tui::hotwash::HwSection::Signoff);
}

#[test]
fn setup_screen_with_a_register() {
    both("setup_register", |size| {
        let mut s = SetupState::new(&setup_args());
        s.earlier = Some(register_items());
        s.previous_drill = Some("2025-04-15".into());
        App::setup(s, size)
    });
    both("setup_register_ja", |size| {
        let mut s = SetupState::new(&PlayArgs {
            lang: Some("ja".into()),
            ..setup_args()
        });
        s.earlier = Some(register_items());
        s.previous_drill = Some("2025-04-15".into());
        App::setup(s, size)
    });
}

fn sealed(lang: Lang, size: (u16, u16)) -> App {
    let mut app = busy(lang, size);
    app.drill = None;
    app.screen = Screen::Sealed(SealedView {
        path: PathBuf::from("kunren-journals/20260403-021400-5.jsonl"),
        status: "aborted".into(),
        records: 42,
        root: "9f".repeat(32),
        file_sha256: "0a".repeat(32),
        key_id: Some("ed25519:1f2e3d4c".into()),
        pubkey: Some(PathBuf::from("keys/facilitator.key.pub")),
    });
    app
}

#[test]
fn sealed_screen() {
    both("sealed", |size| sealed(Lang::En, size));
    both("sealed_ja", |size| sealed(Lang::Ja, size));
}

#[test]
fn too_small_terminal() {
    for (w, h) in [(79, 24), (80, 23), (40, 10)] {
        let mut app = busy(Lang::En, (w, h));
        let backend = render(&mut app, (w, h));
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), backend);
    }
    let mut app = busy(Lang::Ja, (60, 12));
    let backend = render(&mut app, (60, 12));
    insta::assert_snapshot!("too_small_ja_60x12", backend);
}

#[test]
fn resize_keeps_the_state() {
    let mut app = busy(Lang::En, (120, 40));
    let before = app.model.as_ref().map(|m| m.team().queued.len());
    update(&mut app, Msg::Resize(80, 24));
    let small = render(&mut app, (80, 24));
    update(&mut app, Msg::Resize(120, 40));
    let large = render(&mut app, (120, 40));
    assert_eq!(app.model.as_ref().map(|m| m.team().queued.len()), before);
    assert_ne!(format!("{small}"), format!("{large}"));
}
