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
        &[Msg::AskQuit, Msg::Hotwash, Msg::BackTab, Msg::Enter],
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
