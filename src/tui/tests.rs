//! Update-logic tests: messages in, state out, no terminal. The drill runs on the small test
//! scenario in `tests/fixtures/tui/`.

use std::path::Path;
use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Exit, LeaveChoice, Overlay, OverrideStep, Panel, PickerStep, Screen};
use super::event::ConsoleEvent;
use super::hotwash::HwSection;
use super::i18n::Lang;
use super::msg::Msg;
use super::update::{handle_event, update};
use super::{PlayArgs, SetupState};
use crate::journal::{RecordKind, read_journal};
use crate::session::{Drill, DrillMeta};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/tui/scenario.ron"
);

fn drill(journal: Option<&Path>) -> Drill {
    let (bundle, _) = crate::scenario::load_bundle(FIXTURE, None).expect("fixture loads");
    let meta = DrillMeta {
        facilitator: "Mori".into(),
        participants: vec![crate::journal::Participant {
            name: "Aiko Sato".into(),
            role: "exec".into(),
        }],
        mode: "console".into(),
        ..DrillMeta::default()
    };
    Drill::start(Arc::new(bundle), 5, &meta, journal, None).expect("drill starts")
}

fn app() -> App {
    App::console(drill(None), Lang::En, (80, 24))
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

fn model(app: &App) -> &super::model::Model {
    app.model.as_ref().expect("model")
}

#[test]
fn picker_queues_an_action_and_undo_withdraws_it() {
    let mut app = app();
    update(&mut app, Msg::OpenActions);
    typed(&mut app, "triage");
    update(&mut app, Msg::Enter);
    assert!(
        matches!(app.overlay, Some(Overlay::Actions(_))),
        "the picker stays open to queue more"
    );
    assert_eq!(model(&app).team().queued.len(), 1);
    assert_eq!(model(&app).team().queued[0].action, "triage-alert");
    assert_eq!(model(&app).capacity("soc"), Some((2, 3)));
    update(&mut app, Msg::Esc);
    assert!(app.overlay.is_none());
    update(&mut app, Msg::Undo);
    assert!(model(&app).team().queued.is_empty());
    assert_eq!(model(&app).capacity("soc"), Some((3, 3)));
    update(&mut app, Msg::Undo);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("Nothing"))
    );
}

#[test]
fn picker_takes_a_target_and_another_role() {
    let mut app = app();
    update(&mut app, Msg::OpenActions);
    typed(&mut app, "isolate");
    update(&mut app, Msg::Right);
    update(&mut app, Msg::Enter);
    let Some(Overlay::Actions(p)) = &app.overlay else {
        panic!("picker")
    };
    assert_eq!(p.step, PickerStep::Target("isolate-host".into()));
    assert_eq!(
        p.role.as_deref(),
        Some("legal"),
        "→ moves from the owner (it-ops) to the next role"
    );
    typed(&mut app, "dc");
    update(&mut app, Msg::Enter);
    let q = &model(&app).team().queued;
    assert_eq!(q.len(), 1);
    assert_eq!(
        (q[0].target.as_deref(), q[0].role.as_str()),
        (Some("dc-01"), "legal")
    );
    let Some(Overlay::Actions(p)) = &app.overlay else {
        panic!("picker")
    };
    assert_eq!(
        p.step,
        PickerStep::Action,
        "back to the catalogue after queuing"
    );
    // The same host cannot be isolated twice: the engine's check shows in the picker.
    typed(&mut app, "");
    update(&mut app, Msg::Enter);
    typed(&mut app, "dc");
    let Some(Overlay::Actions(p)) = &app.overlay else {
        panic!("picker")
    };
    assert!(
        p.target_check.is_none(),
        "queued but not yet isolated: still allowed"
    );
    update(&mut app, Msg::Esc);
    update(&mut app, Msg::Esc);
    update(&mut app, Msg::Focus(Panel::Actions));
    update(&mut app, Msg::Withdraw);
    assert!(model(&app).team().queued.is_empty());
}

#[test]
fn ending_a_turn_shows_the_resolution_then_the_new_decision() {
    let mut app = app();
    update(&mut app, Msg::AskEndTurn);
    assert_eq!(app.overlay, Some(Overlay::EndTurn));
    update(&mut app, Msg::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(model(&app).turn, 1);
    send(&mut app, &[Msg::AskEndTurn, Msg::Confirm]);
    assert_eq!(model(&app).turn, 2);
    assert_eq!(app.reports.len(), 1);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Resolution { report: 0, .. })
    ));
    update(&mut app, Msg::ToggleControl);
    assert!(app.control_view, "c works inside the resolution");
    update(&mut app, Msg::Enter);
    // Turn 2 delivers the board chair's call with a decision: it waits, it does not open.
    assert!(app.overlay.is_none(), "decisions never open by themselves");
    assert_eq!(app.undecided(), 1);
    update(&mut app, Msg::OpenDecision);
    assert_eq!(
        app.overlay,
        Some(Overlay::Decision {
            index: 0,
            selected: 1,
            confirming: false
        }),
        "the default (`later`) is highlighted"
    );
    send(&mut app, &[Msg::Up, Msg::Down, Msg::Enter]);
    assert!(matches!(
        app.overlay,
        Some(Overlay::Decision {
            confirming: true,
            ..
        })
    ));
    assert!(model(&app).team().decisions[0].queued.is_none(), "not yet");
    update(&mut app, Msg::Enter);
    assert!(app.overlay.is_none());
    let d = &model(&app).team().decisions[0];
    assert_eq!(d.queued.as_deref(), Some("later"));
    update(&mut app, Msg::ShowResolution);
    assert!(matches!(app.overlay, Some(Overlay::Resolution { .. })));
}

#[test]
fn pause_blocks_the_drill_but_not_notes() {
    let mut app = app();
    update(&mut app, Msg::TogglePause);
    assert!(app.paused);
    update(&mut app, Msg::OpenActions);
    assert!(app.overlay.is_none());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("Paused"))
    );
    update(&mut app, Msg::OpenNote);
    typed(&mut app, "coffee break");
    update(&mut app, Msg::Enter);
    assert!(app.overlay.is_none());
    update(&mut app, Msg::TogglePause);
    assert!(!app.paused);
}

#[test]
fn facilitator_fires_overrides_and_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let mut app = App::console(drill(Some(&path)), Lang::En, (80, 24));
    // The MSEL lists the contingency inject first.
    update(&mut app, Msg::OpenFire);
    update(&mut app, Msg::Enter);
    assert!(
        model(&app)
            .team()
            .injects
            .iter()
            .any(|i| i.id == "journalist" && i.by_facilitator)
    );
    // Fire the EDR alert by hand, then answer it: two expectations are met this turn.
    update(&mut app, Msg::OpenFire);
    typed(&mut app, "edr");
    update(&mut app, Msg::Enter);
    update(&mut app, Msg::OpenActions);
    typed(&mut app, "declare");
    update(&mut app, Msg::Enter);
    update(&mut app, Msg::Esc);
    send(&mut app, &[Msg::AskEndTurn, Msg::Confirm, Msg::Esc]);
    assert!(app.overlay.is_none(), "the board question waits for d");
    assert_eq!(app.undecided(), 1);
    assert!(!model(&app).lines().is_empty(), "a score line to override");
    // Empty note and bad points are refused.
    send(&mut app, &[Msg::OpenNote, Msg::Enter]);
    assert!(matches!(app.overlay, Some(Overlay::Note(_))));
    update(&mut app, Msg::Esc);
    update(&mut app, Msg::OpenOverride);
    update(&mut app, Msg::Enter);
    for _ in 0..4 {
        update(&mut app, Msg::Backspace);
    }
    typed(&mut app, "x3");
    update(&mut app, Msg::Enter);
    update(&mut app, Msg::Enter);
    let Some(Overlay::Override(d)) = &app.overlay else {
        panic!("override dialog")
    };
    assert_eq!(d.points.value(), "3");
    typed(&mut app, "partial credit");
    update(&mut app, Msg::Enter);
    assert!(app.overlay.is_none());
    let line = model(&app).lines().last().expect("line");
    assert_eq!(
        (line.effective, line.override_reason.as_deref()),
        (3, Some("partial credit"))
    );
    update(&mut app, Msg::OpenNote);
    typed(&mut app, "MSP called back");
    update(&mut app, Msg::Enter);
    // Tab marks a note private (left out of the redacted report).
    update(&mut app, Msg::OpenNote);
    typed(&mut app, "The CISO looked lost");
    send(&mut app, &[Msg::Tab, Msg::Enter]);
    assert!(app.overlay.is_none());
    send(&mut app, &[Msg::AskQuit, Msg::EndDrill]);
    let Some(Exit::Sealed(s)) = &app.exit else {
        panic!("sealed: {:?}", app.exit)
    };
    assert_eq!(s.status, "aborted");
    let j = read_journal(&path).expect("journal reads");
    assert!(j.sealed);
    let kinds: Vec<RecordKind> = j.records.iter().map(|r| r.kind).collect();
    for k in [
        RecordKind::InjectDelivered,
        RecordKind::ActionSubmitted,
        RecordKind::ScoreOverride,
        RecordKind::FacilitatorNote,
        RecordKind::DrillClosed,
    ] {
        assert!(kinds.contains(&k), "{k:?} recorded");
    }
    let notes: Vec<crate::records::Note> = j
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::FacilitatorNote)
        .filter_map(|r| match crate::records::Body::of(r) {
            Ok(crate::records::Body::Note(n)) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len(), 2);
    assert!(!notes[0].private && notes[0].text == "MSP called back");
    assert!(notes[1].private && notes[1].text == "The CISO looked lost");
}

#[test]
fn quit_to_hotwash_records_everything_then_seals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let mut app = App::console(drill(Some(&path)), Lang::En, (80, 24));
    app.participants = vec![("Aiko Sato".into(), "exec".into())];
    send(&mut app, &[Msg::AskQuit, Msg::Hotwash]);
    assert!(matches!(app.screen, Screen::Hotwash(_)));
    typed(&mut app, "Quick triage");
    update(&mut app, Msg::Enter);
    update(&mut app, Msg::Tab);
    // An area for improvement: the issue, then observation, analysis, recommendation, reference.
    typed(&mut app, "Nobody called the regulator");
    update(&mut app, Msg::Enter);
    typed(&mut app, "The call was discussed, never made");
    send(&mut app, &[Msg::Enter, Msg::Enter, Msg::Enter]);
    typed(&mut app, "IR plan 4.2");
    update(&mut app, Msg::Enter);
    let Screen::Hotwash(h) = &app.screen else {
        panic!("hotwash")
    };
    assert_eq!(h.areas.len(), 1);
    assert_eq!(h.areas[0].id, "AFI-1");
    assert_eq!(h.areas[0].observation, "The call was discussed, never made");
    assert_eq!(h.areas[0].reference, "IR plan 4.2");
    update(&mut app, Msg::Tab);
    // The item: action, objective, area, capability, element, organisation, POC, status,
    // start, due.
    typed(&mut app, "Write a call tree");
    send(
        &mut app,
        &[Msg::Enter, Msg::Right, Msg::Enter, Msg::Right, Msg::Enter],
    );
    typed(&mut app, "Operational Coordination");
    send(&mut app, &[Msg::Enter, Msg::Right, Msg::Enter]);
    typed(&mut app, "IT department");
    update(&mut app, Msg::Enter);
    update(&mut app, Msg::Enter);
    assert!(
        app.status.as_ref().is_some_and(|s| s.text.contains("Give")),
        "a point of contact is required"
    );
    typed(&mut app, "CISO");
    send(&mut app, &[Msg::Enter, Msg::Right, Msg::Enter, Msg::Enter]);
    typed(&mut app, "2026-02-30");
    update(&mut app, Msg::Enter);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("YYYY-MM-DD"))
    );
    for _ in 0..10 {
        update(&mut app, Msg::Backspace);
    }
    typed(&mut app, "2000-01-31");
    update(&mut app, Msg::Enter);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("before the drill's date")),
        "a due date in the past is refused: {:?}",
        app.status
    );
    for _ in 0..10 {
        update(&mut app, Msg::Backspace);
    }
    typed(&mut app, "2099-02-28");
    update(&mut app, Msg::Enter);
    let Screen::Hotwash(h) = &app.screen else {
        panic!("hotwash")
    };
    assert_eq!(h.items.len(), 1);
    let item = &h.items[0];
    assert_eq!(item.id, "IP-1");
    assert_eq!(item.objective.as_deref(), Some("detect"));
    assert_eq!(item.area.as_deref(), Some("AFI-1"));
    assert_eq!(item.capability.as_deref(), Some("Operational Coordination"));
    assert_eq!(
        item.element,
        Some(crate::scenario::script::CapabilityElement::Planning)
    );
    assert_eq!(item.organisation, "IT department");
    assert_eq!(item.owner, "CISO");
    assert_eq!(item.status, crate::scenario::script::ItemStatus::InProgress);
    assert_eq!(item.due, "2099-02-28");
    update(&mut app, Msg::Tab);
    let Screen::Hotwash(h) = &app.screen else {
        panic!("hotwash")
    };
    assert_eq!(h.section, HwSection::Signoff);
    assert_eq!(
        h.signoff_name.value(),
        "Aiko Sato",
        "the executive participant is suggested"
    );
    assert!(!h.signoff_statement.is_blank(), "a statement is suggested");
    // Name, role (suggested from the organisation), statement: Enter on each.
    send(&mut app, &[Msg::Enter, Msg::Enter, Msg::Enter]);
    let Screen::Hotwash(h) = &app.screen else {
        panic!("hotwash")
    };
    assert_eq!(h.section, HwSection::Seal);
    update(&mut app, Msg::Enter);
    let Screen::Sealed(s) = &app.screen else {
        panic!("sealed screen")
    };
    assert_eq!(
        s.verify_command(),
        format!("kunren verify {}", path.display())
    );
    update(&mut app, Msg::Enter);
    assert!(matches!(app.exit, Some(Exit::Sealed(_))));
    let j = read_journal(&path).expect("journal");
    let count = |k: RecordKind| j.records.iter().filter(|r| r.kind == k).count();
    assert_eq!(count(RecordKind::HotwashStrength), 1);
    assert_eq!(count(RecordKind::HotwashImprovementArea), 1);
    assert_eq!(count(RecordKind::ImprovementItem), 1);
    assert_eq!(count(RecordKind::ExecutiveSignoff), 1);
    let so = j
        .records
        .iter()
        .find(|r| r.kind == RecordKind::ExecutiveSignoff)
        .and_then(|r| match crate::records::Body::of(r) {
            Ok(crate::records::Body::Signoff(s)) => Some(s),
            _ => None,
        })
        .expect("sign-off body");
    assert_eq!(so.name, "Aiko Sato");
    assert!(!so.statement.is_empty());
    assert!(crate::journal::is_valid_timestamp(&so.time), "{}", so.time);
    assert!(j.sealed);
}

#[test]
fn sealing_without_signoff_asks_twice() {
    let mut app = app();
    send(
        &mut app,
        &[
            Msg::AskQuit,
            Msg::Hotwash,
            Msg::BackTab,
            Msg::BackTab,
            Msg::Enter,
        ],
    );
    assert!(matches!(app.screen, Screen::Hotwash(_)), "warned first");
    update(&mut app, Msg::Enter);
    // No journal in this test: sealing has nothing to seal and the app ends.
    assert_eq!(app.exit, Some(Exit::NotStarted));
}

fn key(code: KeyCode) -> ConsoleEvent {
    ConsoleEvent::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        handle_event(app, &key(KeyCode::Char(c)));
    }
}

fn ctrl_c() -> ConsoleEvent {
    ConsoleEvent::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
}

#[test]
fn ctrl_c_asks_and_a_second_one_suspends_without_sealing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let mut app = App::console(drill(Some(&path)), Lang::En, (80, 24));
    send(&mut app, &[Msg::OpenActions, Msg::Char('t')]);
    handle_event(&mut app, &ctrl_c());
    let leave = app.leave.clone().expect("the leave dialog");
    assert_eq!(
        leave.choice(),
        LeaveChoice::Suspend,
        "suspend is highlighted"
    );
    assert!(app.exit.is_none());
    handle_event(&mut app, &key(KeyCode::Esc));
    assert!(app.leave.is_none() && app.exit.is_none(), "Esc cancels");
    assert!(
        matches!(app.overlay, Some(Overlay::Actions(_))),
        "the picker is still there"
    );
    handle_event(&mut app, &ctrl_c());
    handle_event(&mut app, &ctrl_c());
    assert_eq!(app.exit, Some(Exit::Suspended(Some(path.clone()))));
    assert!(!read_journal(&path).expect("journal").sealed, "not sealed");
}

#[test]
fn signals_suspend_and_the_leave_dialog_seals_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let mut app = App::console(drill(Some(&path)), Lang::En, (80, 24));
    handle_event(&mut app, &ConsoleEvent::Stop("SIGHUP"));
    assert_eq!(app.exit, Some(Exit::Suspended(Some(path.clone()))));
    assert!(!read_journal(&path).expect("journal").sealed);

    let path = dir.path().join("k.jsonl");
    let mut app = App::console(drill(Some(&path)), Lang::En, (80, 24));
    keys(&mut app, "q");
    assert!(app.leave.is_some());
    // y takes the highlighted choice: suspend; ↓ moves to "End the drill".
    handle_event(&mut app, &key(KeyCode::Down));
    handle_event(&mut app, &key(KeyCode::Enter));
    let Some(Exit::Sealed(s)) = &app.exit else {
        panic!("sealed: {:?}", app.exit)
    };
    assert_eq!(s.status, "aborted");
    assert!(read_journal(&path).expect("journal").sealed);
}

#[test]
fn a_suspended_drill_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let mut app = App::console(drill(Some(&path)), Lang::En, (80, 24));
    keys(&mut app, "ey");
    handle_event(&mut app, &key(KeyCode::Esc));
    keys(&mut app, "atriage");
    handle_event(&mut app, &key(KeyCode::Enter));
    handle_event(&mut app, &key(KeyCode::Esc));
    keys(&mut app, "qs");
    assert_eq!(app.exit, Some(Exit::Suspended(Some(path.clone()))));
    drop(app);
    let args = PlayArgs {
        scenario: Some(FIXTURE.into()),
        resume: Some(path.clone()),
        ..PlayArgs::default()
    };
    let mut app = super::initial_app(&args, (80, 24)).expect("resumes");
    assert_eq!(model(&app).turn, 2);
    assert_eq!(model(&app).team().queued.len(), 1, "the queue came back");
    assert_eq!(app.undecided(), 1, "the board question still waits");
    assert!(app.overlay.is_none(), "nothing opens by itself");
    keys(&mut app, "ey");
    assert_eq!(model(&app).turn, 3);
    handle_event(&mut app, &key(KeyCode::Esc));
    keys(&mut app, "qe");
    assert!(matches!(app.exit, Some(Exit::Sealed(_))));
    assert!(read_journal(&path).expect("journal").sealed);
}

#[test]
fn typing_meant_for_the_console_never_decides() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let mut app = App::console(drill(Some(&path)), Lang::En, (80, 24));
    // End turn 1: turn 2 asks the board question. Keys typed at once, over the resolution.
    keys(&mut app, "ey");
    assert!(matches!(app.overlay, Some(Overlay::Resolution { .. })));
    keys(&mut app, "atriage");
    handle_event(&mut app, &key(KeyCode::Enter));
    assert_eq!(model(&app).team().queued.len(), 1, "the action was queued");
    assert_eq!(model(&app).team().queued[0].action, "triage-alert");
    handle_event(&mut app, &key(KeyCode::Esc));
    let decided = |p: &Path| {
        read_journal(p)
            .expect("journal")
            .records
            .iter()
            .filter(|r| r.kind == RecordKind::DecisionMade)
            .count()
    };
    assert_eq!(decided(&path), 0, "no decision recorded");
    assert_eq!(app.undecided(), 1);
    // `d` opens it on the default; Enter asks; only the confirmation records it.
    keys(&mut app, "d");
    let Some(Overlay::Decision { selected, .. }) = app.overlay else {
        panic!("decision dialog: {:?}", app.overlay)
    };
    let d = &model(&app).team().decisions[0];
    assert_eq!(d.options[selected].0, d.default);
    handle_event(&mut app, &key(KeyCode::Enter));
    assert_eq!(decided(&path), 0, "Enter only asks");
    handle_event(&mut app, &key(KeyCode::Enter));
    assert_eq!(decided(&path), 1);
    assert!(app.overlay.is_none());
    assert_eq!(app.undecided(), 0);
}

#[test]
fn overrides_outside_the_range_are_refused_in_the_dialog() {
    let mut app = app();
    send(&mut app, &[Msg::OpenFire]);
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
    let line = model(&app).lines().last().expect("a line").line.clone();
    let max = *line.override_range().end();
    send(&mut app, &[Msg::OpenOverride, Msg::Enter]);
    for _ in 0..4 {
        update(&mut app, Msg::Backspace);
    }
    typed(&mut app, &(max + 1).to_string());
    update(&mut app, Msg::Enter);
    let Some(Overlay::Override(d)) = &app.overlay else {
        panic!("override dialog")
    };
    assert_eq!(d.step, OverrideStep::Points, "refused: still on the points");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains(&format!("to {max}")))
    );
    for _ in 0..4 {
        update(&mut app, Msg::Backspace);
    }
    typed(&mut app, &max.to_string());
    update(&mut app, Msg::Enter);
    typed(&mut app, "well done");
    update(&mut app, Msg::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(model(&app).lines().last().map(|l| l.effective), Some(max));
}

#[test]
fn the_picker_marks_targets_the_engine_refuses_or_where_nothing_would_happen() {
    let mut app = app();
    // Reconnect: refused on every host (none is isolated).
    update(&mut app, Msg::OpenActions);
    typed(&mut app, "reconnect");
    let Some(Overlay::Actions(p)) = &app.overlay else {
        panic!("picker")
    };
    let mark = p.marks.get("reconnect-host").expect("mark");
    assert!(mark.refused.is_some(), "{mark:?}");
    assert!(p.checks.values().all(|c| c.refused.is_some()));
    update(&mut app, Msg::Esc);
    // The engine's view of doing nothing, from what the team can see.
    let d = app.drill.as_mut().expect("drill");
    let e = d.engine();
    assert!(
        e.would_do_nothing("reconnect-host", Some("dc-01"))
            .is_some_and(|w| w.contains("not isolated"))
    );
    assert!(
        e.would_do_nothing("evict-attacker", Some("eng-lt-042"))
            .is_some_and(|w| w.contains("nothing to evict")),
        "the laptop is compromised, but nobody knows: eviction does nothing either way"
    );
    assert!(
        e.would_do_nothing("restore-from-backup", Some("dc-01"))
            .is_some_and(|w| w.contains("no backup"))
    );
    assert_eq!(
        e.would_do_nothing("restore-from-backup", Some("file-srv")),
        None
    );
    assert_eq!(e.would_do_nothing("isolate-host", Some("dc-01")), None);
    assert_eq!(
        e.would_do_nothing("threat-hunt", None),
        None,
        "a hunt can always find"
    );
}

#[test]
fn help_and_esc_letter_pairs() {
    let mut app = app();
    update(&mut app, Msg::Help);
    assert_eq!(app.help, Some(0));
    update(&mut app, Msg::Down);
    update(&mut app, Msg::Esc);
    assert_eq!(app.help, None);
    // A fast Esc then q arrives as Alt+q: Esc closes the help, q asks to quit.
    update(&mut app, Msg::Help);
    let alt_q = ConsoleEvent::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT));
    assert!(handle_event(&mut app, &alt_q));
    assert_eq!(app.help, None);
    assert!(app.leave.is_some(), "q opens the leave dialog");
    update(&mut app, Msg::Resize(100, 30));
    assert_eq!(app.size, (100, 30));
}

#[test]
fn scrolling_is_bounded_by_the_content() {
    let mut app = app();
    for _ in 0..50 {
        update(&mut app, Msg::Down);
    }
    let max = super::view::panel_max_scroll(&app, Panel::Injects);
    assert_eq!(app.scroll[Panel::Injects.index()], max);
    update(&mut app, Msg::Home);
    assert_eq!(app.scroll[Panel::Injects.index()], 0);
}

#[test]
fn setup_starts_with_the_defaults_and_checks_participants() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("drill.jsonl");
    let args = PlayArgs {
        scenario: Some(FIXTURE.into()),
        facilitator: Some("Mori".into()),
        seed: Some(9),
        journal: Some(journal.clone()),
        ..PlayArgs::default()
    };
    let setup = SetupState::new(&args);
    assert_eq!(setup.lang, Lang::En, "from the scenario");
    let mut app = App::setup(setup, (80, 24));
    // Participants field: a bad role is refused.
    send(&mut app, &[Msg::Tab, Msg::Tab, Msg::Tab]);
    typed(&mut app, "Aiko:cfo");
    update(&mut app, Msg::Enter);
    let Screen::Setup(s) = &app.screen else {
        panic!("still on setup")
    };
    assert!(
        s.problem
            .as_deref()
            .is_some_and(|p| p.contains("unknown role"))
    );
    for _ in 0..3 {
        update(&mut app, Msg::Backspace);
    }
    typed(&mut app, "exec");
    // Language: → switches to Japanese at once.
    update(&mut app, Msg::Tab);
    update(&mut app, Msg::Right);
    assert_eq!(app.lang, Lang::Ja);
    update(&mut app, Msg::Enter);
    assert!(matches!(app.screen, Screen::Console), "started");
    assert_eq!(app.lang, Lang::Ja);
    assert_eq!(app.journal_path.as_deref(), Some(journal.as_path()));
    let j = read_journal(&journal).expect("journal");
    assert_eq!(j.header.language, "ja");
    assert_eq!(j.header.seed, 9);
    assert_eq!(j.header.participants.len(), 1);
}

#[test]
fn setup_esc_leaves_without_a_journal() {
    let args = PlayArgs {
        scenario: Some(FIXTURE.into()),
        ..PlayArgs::default()
    };
    let mut app = App::setup(SetupState::new(&args), (80, 24));
    update(&mut app, Msg::Char('x'));
    update(&mut app, Msg::Esc);
    assert_eq!(app.exit, Some(Exit::NotStarted));
}

#[test]
fn the_drill_end_leads_to_the_hotwash() {
    let mut app = app();
    // Play idle to the end (the fixture's attacker encrypts by turn 4 with this seed, or the
    // turn limit ends it).
    for _ in 0..6 {
        if model(&app).over {
            break;
        }
        send(
            &mut app,
            &[Msg::Esc, Msg::Esc, Msg::AskEndTurn, Msg::Confirm],
        );
    }
    assert!(model(&app).over);
    update(&mut app, Msg::Enter);
    assert!(matches!(app.screen, Screen::Hotwash(_)));
}

/// Fires the EDR alert and declares the incident: turn 1 scores a line.
fn score_a_line(app: &mut App) {
    send(app, &[Msg::OpenFire]);
    typed(app, "edr");
    send(app, &[Msg::Enter, Msg::OpenActions]);
    typed(app, "declare");
    send(
        app,
        &[
            Msg::Enter,
            Msg::Esc,
            Msg::AskEndTurn,
            Msg::Confirm,
            Msg::Esc,
        ],
    );
}

fn records(path: &Path) -> Vec<crate::journal::Record> {
    read_journal(path).expect("journal").records
}

fn bar_keys(app: &App) -> Vec<String> {
    super::view::key_bar_text(app, 79)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

#[test]
fn a_note_and_an_override_are_corrected_by_new_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let mut app = App::console(drill(Some(&path)), Lang::En, (80, 24));
    score_a_line(&mut app);
    let total = model(&app).score().total;
    assert!(total > 0, "the declaration scored");
    // Override the line down to 0, then note something.
    send(&mut app, &[Msg::OpenOverride, Msg::Enter]);
    let Some(Overlay::Override(d)) = &mut app.overlay else {
        panic!("override dialog")
    };
    d.points.set("0");
    send(&mut app, &[Msg::Enter]);
    typed(&mut app, "typed by mistake");
    send(&mut app, &[Msg::Enter]);
    assert_eq!(model(&app).score().total, 0, "the override counts");
    send(&mut app, &[Msg::OpenNote]);
    typed(&mut app, "wrong team");
    send(&mut app, &[Msg::Enter]);
    // m lists the override and the note (newest selected): correct the note.
    send(&mut app, &[Msg::OpenCorrect]);
    let rows = super::correct::rows(&app);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[1].text.contains("wrong team"));
    send(&mut app, &[Msg::Enter, Msg::Enter, Msg::Enter]);
    assert!(
        matches!(app.overlay, Some(Overlay::Correct(_))),
        "a reason is required"
    );
    typed(&mut app, "it was about the other team");
    send(&mut app, &[Msg::Enter]);
    assert!(app.overlay.is_none());
    // Then the override: it no longer counts.
    send(&mut app, &[Msg::OpenCorrect, Msg::Enter, Msg::Enter]);
    typed(&mut app, "wrong line");
    send(&mut app, &[Msg::Enter]);
    assert_eq!(
        model(&app).score().total,
        total,
        "the override is withdrawn"
    );
    assert!(!super::correct::has_correctable(&app));
    let rs = records(&path);
    let corrections: Vec<_> = rs
        .iter()
        .filter(|r| r.kind == RecordKind::Correction)
        .map(|r| match crate::records::Body::of(r) {
            Ok(crate::records::Body::Correction(c)) => c,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(corrections.len(), 2);
    let note = rs
        .iter()
        .find(|r| r.kind == RecordKind::FacilitatorNote)
        .expect("note");
    assert_eq!(corrections[0].seq, note.seq);
    assert_eq!(corrections[0].kind, "facilitator_note");
    assert_eq!(corrections[0].by, "Mori");
    assert_eq!(corrections[1].kind, "score_override");
    assert_eq!(corrections[1].nth_override, Some(1));
    // The note and the override stay as they were recorded.
    assert!(rs.iter().any(|r| r.kind == RecordKind::ScoreOverride));
    // The journal replays: the engine withdraws the override on replay too.
    keys(&mut app, "ey");
    let (bundle, _) = crate::scenario::load_bundle(FIXTURE, None).expect("fixture");
    let mut replay = crate::session::Replayer::new(Arc::new(bundle), 5);
    for r in &records(&path) {
        replay.feed(r).expect("replays");
    }
    assert!(replay.divergence.is_none());
    // The report: the note struck with its correction, the override not counted.
    let m = crate::report::load(&path).expect("report model");
    assert!(
        m.overrides.is_empty(),
        "the withdrawn override is not counted"
    );
    assert_eq!(m.corrections.len(), 2);
    assert!(m.correction_of(note.seq + 1).is_some());
    assert!(m.checks.is_empty(), "{:?}", m.checks);
    let md = crate::report::render(&m, crate::report::Format::Md);
    assert!(md.contains("~~wrong team~~"), "struck note");
    assert!(md.contains("it was about the other team"));
}

#[test]
fn hotwash_entries_are_edited_and_removed_by_corrections() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("j.jsonl");
    let mut app = App::console(drill(Some(&path)), Lang::En, (80, 24));
    send(&mut app, &[Msg::AskQuit, Msg::Hotwash]);
    typed(&mut app, "Fast triage");
    send(&mut app, &[Msg::Enter]);
    typed(&mut app, "Clear comms");
    send(&mut app, &[Msg::Enter]);
    // Select the first strength, edit it.
    send(&mut app, &[Msg::PageDown, Msg::EditEntry]);
    let Screen::Hotwash(h) = &mut app.screen else {
        panic!("hotwash")
    };
    assert_eq!(h.input.value(), "Fast triage");
    h.input.set("Fast triage of the EDR alert");
    send(&mut app, &[Msg::Enter]);
    // Select the second, remove it with a reason.
    send(
        &mut app,
        &[Msg::PageDown, Msg::PageDown, Msg::RemoveEntry, Msg::Enter],
    );
    let Screen::Hotwash(h) = &app.screen else {
        panic!("hotwash")
    };
    assert_eq!(
        h.strengths,
        vec!["Fast triage of the EDR alert".to_string()]
    );
    let rs = records(&path);
    let strengths: Vec<_> = rs
        .iter()
        .filter(|r| r.kind == RecordKind::HotwashStrength)
        .collect();
    assert_eq!(strengths.len(), 3, "every version stays in the journal");
    let corrections: Vec<crate::records::Correction> = rs
        .iter()
        .filter(|r| r.kind == RecordKind::Correction)
        .filter_map(|r| match crate::records::Body::of(r) {
            Ok(crate::records::Body::Correction(c)) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(corrections.len(), 2);
    assert_eq!(corrections[0].seq, strengths[0].seq);
    assert_eq!(corrections[0].replaced_by, Some(strengths[2].seq));
    assert_eq!(corrections[1].seq, strengths[1].seq);
    assert_eq!(corrections[1].replaced_by, None);
    let m = crate::report::load(&path).expect("report model");
    let shown: Vec<&str> = m
        .debrief
        .strengths
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(shown, ["Fast triage of the EDR alert"]);
    // An area an item answers cannot be removed before the item.
    send(&mut app, &[Msg::Tab]);
    typed(&mut app, "Slow escalation");
    for _ in 0..5 {
        send(&mut app, &[Msg::Enter]);
    }
    send(&mut app, &[Msg::Tab]);
    typed(&mut app, "Escalation drill");
    send(&mut app, &[Msg::Enter, Msg::Enter, Msg::Right]);
    send(&mut app, &[Msg::Enter, Msg::Enter, Msg::Enter, Msg::Enter]);
    typed(&mut app, "Mori");
    send(&mut app, &[Msg::Enter, Msg::Enter, Msg::Enter]);
    typed(&mut app, "2099-01-01");
    send(&mut app, &[Msg::Enter]);
    let Screen::Hotwash(h) = &app.screen else {
        panic!("hotwash")
    };
    assert_eq!(h.items.len(), 1, "{:?}", app.status);
    assert_eq!(h.items[0].area.as_deref(), Some("AFI-1"));
    send(
        &mut app,
        &[Msg::BackTab, Msg::PageDown, Msg::RemoveEntry, Msg::Enter],
    );
    let Screen::Hotwash(h) = &app.screen else {
        panic!("hotwash")
    };
    assert_eq!(h.areas.len(), 1, "kept: IP-1 answers it");
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("IP-1")));
}

#[test]
fn the_key_bar_shows_every_key_valid_now() {
    for lang in [Lang::En, Lang::Ja] {
        let mut app = App::console(drill(None), lang, (80, 24));
        let k = bar_keys(&app);
        for want in ["a", "e", "f", "n", "p", "c", "?", "q"] {
            assert!(k.iter().any(|x| x == want), "{lang:?} {want} in {k:?}");
        }
        assert!(!k.iter().any(|x| x == "o"), "nothing to override yet");
        assert!(!k.iter().any(|x| x == "h"), "hints are for practice");
        // End turn 1 with a line scored: a decision waits, a line can be overridden.
        score_a_line(&mut app);
        let k = bar_keys(&app);
        for want in ["d", "o"] {
            assert!(k.iter().any(|x| x == want), "{lang:?} {want} in {k:?}");
        }
        // Paused: only what works while paused.
        keys(&mut app, "p");
        let k = bar_keys(&app);
        assert!(!k.iter().any(|x| x == "a" || x == "e"), "{k:?}");
        assert!(k.iter().any(|x| x == "p") && k.iter().any(|x| x == "n"));
        keys(&mut app, "p");
        // A text dialog: its keys, and F1 (not ?) for help.
        keys(&mut app, "n");
        let k = bar_keys(&app);
        assert!(k.iter().any(|x| x == "F1"), "{k:?}");
        assert!(k.iter().any(|x| x == "Esc"), "{k:?}");
        assert!(!k.iter().any(|x| x == "q" || x == "?"), "{k:?}");
    }
}

#[test]
fn names_stand_beside_roles() {
    let mut app = app();
    app.participants = vec![
        ("Aoi Tanaka".into(), "soc".into()),
        ("Ken Mori".into(), "it-ops".into()),
        ("Mei Ito".into(), "it-ops".into()),
    ];
    app.refresh();
    let m = model(&app);
    assert_eq!(m.person("soc"), "Aoi Tanaka (SOC)");
    assert_eq!(m.person("it-ops"), "Ken Mori, Mei Ito (IT-OPS)");
    assert_eq!(m.person("legal"), "LEGAL");
}

#[test]
fn labels_replace_ids_on_the_team_screen_and_ids_stay_in_the_control_view() {
    let mut app = app();
    let m = model(&app);
    assert_eq!(m.named("alert-raised", Lang::En), "an alert was raised");
    assert_eq!(m.named("alert-raised", Lang::Ja), "アラート発報");
    let edr = m.origin("control:edr", Lang::En);
    assert!(!edr.contains("control:"), "{edr}");
    send(&mut app, &[Msg::ToggleControl]);
    let m = model(&app);
    assert!(m.named("alert-raised", Lang::En).contains("(alert-raised)"));
    assert!(m.origin("control:edr", Lang::En).contains("control:edr"));
}

fn practice_app(path: &Path, hint_points: u32) -> App {
    let (mut bundle, _) = crate::scenario::load_bundle(FIXTURE, None).expect("fixture loads");
    bundle.scenario.hint_points = hint_points;
    let meta = DrillMeta {
        facilitator: "Aoi".into(),
        participants: vec![crate::journal::Participant {
            name: "Aoi".into(),
            role: "soc".into(),
        }],
        mode: "practice".into(),
        ..DrillMeta::default()
    };
    let d = Drill::start(Arc::new(bundle), 5, &meta, Some(path), None).expect("drill starts");
    let mut app = App::console(d, Lang::En, (80, 24));
    app.participants = vec![("Aoi".into(), "soc".into())];
    app.practice = Some(super::app::PracticeState {
        practice: crate::practice::Practice::new(["soc".to_string()]),
        hints: 0,
    });
    app.refresh();
    app
}

#[test]
fn practice_plays_the_other_roles_and_hints_cost_points() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.jsonl");
    let mut app = practice_app(&path, 3);
    let k = bar_keys(&app);
    assert!(k.iter().any(|x| x == "h"), "{k:?}");
    for off in ["f", "o", "c"] {
        assert!(!k.iter().any(|x| x == off), "{off} in {k:?}");
    }
    keys(&mut app, "c");
    assert!(!app.control_view, "no control view in practice");
    // A hint that costs points asks first.
    keys(&mut app, "h");
    let Some(Overlay::Hint(d)) = &app.overlay else {
        panic!("hint dialog")
    };
    assert!(d.shown.is_none());
    keys(&mut app, "y");
    let Some(Overlay::Hint(d)) = &app.overlay else {
        panic!("hint dialog")
    };
    let shown = d.shown.clone().expect("shown");
    assert_eq!(shown.step.action.as_deref(), Some("triage-alert"));
    assert!(shown.due);
    handle_event(&mut app, &key(KeyCode::Esc));
    // The EDR alert comes (fired here directly: practice has no fire key): the reference
    // response takes the CISO's and IT operations' steps when the turn ends.
    app.drill
        .as_mut()
        .expect("drill")
        .fire_inject("edr-alert")
        .expect("fired");
    keys(&mut app, "atriage");
    handle_event(&mut app, &key(KeyCode::Enter));
    handle_event(&mut app, &key(KeyCode::Esc));
    keys(&mut app, "ey");
    let rs = records(&path);
    assert_eq!(
        rs.iter()
            .filter(|r| r.kind == RecordKind::HintShown)
            .count(),
        1
    );
    let hint_line = rs
        .iter()
        .filter(|r| r.kind == RecordKind::ScoreLine)
        .find_map(|r| match crate::records::Body::of(r) {
            Ok(crate::records::Body::ScoreLine(l)) if l.source == "hint" => Some(l),
            _ => None,
        })
        .expect("the hint's score line");
    assert_eq!(hint_line.points, -3);
    let by = |role: &str| {
        rs.iter()
            .filter(|r| r.kind == RecordKind::ActionSubmitted)
            .any(|r| r.actor == crate::journal::Actor::role(role))
    };
    assert!(by("soc"), "the player queued the triage");
    assert!(
        by("ciso") && by("it-ops"),
        "the reference response played the others"
    );
    let played = &app.practice.as_ref().expect("practice").practice.played;
    assert!(
        played
            .iter()
            .all(|(_, i)| !matches!(i, crate::input::Input::Submit { role, .. } if role == "soc")),
        "the player's role is left to the player: {played:?}"
    );
    let (bundle, _) = crate::scenario::load_bundle(FIXTURE, None).expect("fixture");
    let mut b = bundle;
    b.scenario.hint_points = 3;
    let mut replay = crate::session::Replayer::new(Arc::new(b), 5);
    for r in &rs {
        replay.feed(r).expect("replays");
    }
}
