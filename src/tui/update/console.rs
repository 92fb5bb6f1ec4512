//! The console screen: opening dialogs, pausing, the control view, the queue, scrolling, and
//! ending the turn.

use super::super::app::{App, NoteDialog, Overlay, OverrideDialog, OverrideStep, Panel, Screen};
use super::super::hotwash::{HotwashState, ObjectiveChoice};
use super::super::i18n::S;
use super::super::lists::action_name;
use super::super::msg::Msg;
use super::super::setup::is_exec_role;
use super::super::text_input::TextInput;
use super::super::view;
use super::{dialogs, open_leave, picker, step_scroll, with_drill};

/// True once the drill reached an ending.
pub(super) fn over(app: &App) -> bool {
    app.model.as_ref().is_some_and(|m| m.over)
}

/// Applies a message on the console screen (to the open overlay, if any).
pub(super) fn update(app: &mut App, msg: Msg) {
    if msg == Msg::ToggleControl
        && app.practice.is_none()
        && matches!(
            app.overlay,
            Some(Overlay::Resolution { .. } | Overlay::Decision { .. })
        )
    {
        toggle_control(app);
        return;
    }
    if app.overlay.is_some() {
        dialogs::update(app, msg);
        return;
    }
    let lang = app.lang;
    if app.paused
        && !matches!(
            msg,
            Msg::TogglePause
                | Msg::OpenNote
                | Msg::AskQuit
                | Msg::ToggleControl
                | Msg::OpenCorrect
                | Msg::OpenSeats
                | Msg::Focus(_)
                | Msg::Tab
                | Msg::BackTab
                | Msg::Up
                | Msg::Down
                | Msg::PageUp
                | Msg::PageDown
                | Msg::Home
                | Msg::End
                | Msg::Esc
        )
    {
        app.error(lang.t(S::StPausedBlocked));
        return;
    }
    if app.practice.is_some()
        && matches!(msg, Msg::OpenFire | Msg::OpenOverride | Msg::ToggleControl)
    {
        app.error(lang.t(S::StPracticeNoFacilitator));
        return;
    }
    match msg {
        Msg::AskQuit => open_leave(app),
        Msg::Esc => app.status = None,
        Msg::Enter if over(app) && app.practice.is_some() => super::practice::go_end(app),
        Msg::Enter if over(app) => go_hotwash(app),
        Msg::OpenCorrect => super::correct::open(app),
        Msg::AskHint if app.practice.is_none() => app.error(lang.t(S::StHintPracticeOnly)),
        Msg::AskHint if over(app) => app.info(lang.t(S::StOver)),
        Msg::AskHint => super::practice::open_hint(app),
        Msg::OpenActions | Msg::AskEndTurn if over(app) => app.info(lang.t(S::StOver)),
        Msg::OpenActions => {
            let p = picker::open(app);
            app.overlay = Some(Overlay::Actions(p));
        }
        Msg::AskEndTurn => app.overlay = Some(Overlay::EndTurn),
        Msg::OpenDecision => match open_decision(app) {
            Some(o) => app.overlay = Some(o),
            None => app.info(lang.t(S::NoDecision)),
        },
        Msg::ShowResolution => match app.reports.len() {
            0 => app.info(lang.t(S::ResNone)),
            n => {
                app.overlay = Some(Overlay::Resolution {
                    report: n - 1,
                    scroll: 0,
                })
            }
        },
        Msg::OpenFire => {
            if over(app) {
                app.info(lang.t(S::StOver));
            } else if app.model.as_ref().is_some_and(|m| m.msel.is_empty()) {
                app.info(lang.t(S::FireNone));
            } else {
                app.overlay = Some(Overlay::Fire {
                    filter: TextInput::default(),
                    selected: 0,
                });
            }
        }
        Msg::OpenOverride => {
            if app.model.as_ref().is_some_and(|m| m.lines().is_empty()) {
                app.info(lang.t(S::OverrideNoLines));
            } else {
                let last = app
                    .model
                    .as_ref()
                    .map(|m| m.lines().len().saturating_sub(1))
                    .unwrap_or(0);
                app.overlay = Some(Overlay::Override(OverrideDialog {
                    selected: last,
                    step: OverrideStep::Line,
                    points: TextInput::default(),
                    reason: TextInput::default(),
                }));
            }
        }
        Msg::OpenNote => app.overlay = Some(Overlay::Note(NoteDialog::default())),
        Msg::OpenSeats if app.serve.is_some() => app.overlay = Some(Overlay::Seats),
        Msg::TogglePause => {
            let paused = !app.paused;
            if with_drill(app, |d| d.set_paused(paused)).is_some() {
                app.paused = paused;
                app.info(lang.t(if paused { S::StPaused } else { S::StResumed }));
            }
        }
        Msg::ToggleControl => toggle_control(app),
        Msg::Undo => {
            let n = app
                .model
                .as_ref()
                .map(|m| m.team().queued.len())
                .unwrap_or(0);
            if n == 0 {
                app.info(lang.t(S::StNothingToUndo));
            } else {
                withdraw(app, n - 1);
            }
        }
        Msg::Withdraw | Msg::Delete => {
            let n = app
                .model
                .as_ref()
                .map(|m| m.team().queued.len())
                .unwrap_or(0);
            if n == 0 {
                app.info(lang.t(S::StNothingToUndo));
            } else {
                withdraw(app, app.queue_selected.min(n - 1));
            }
        }
        Msg::Focus(p) => app.focus = p,
        Msg::Tab => app.focus = app.focus.next(),
        Msg::BackTab => app.focus = app.focus.prev(),
        Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown | Msg::Home | Msg::End => {
            scroll_panel(app, msg)
        }
        _ => {}
    }
}

/// The decision dialog as `d` opens it: on the first decision still waiting (else the first),
/// with the option already chosen highlighted, or the scenario's default. `None` when no
/// decision is open.
pub(super) fn open_decision(app: &App) -> Option<Overlay> {
    let decisions = &app.model.as_ref()?.team().decisions;
    let index = decisions
        .iter()
        .position(|d| d.queued.is_none())
        .unwrap_or(0);
    let d = decisions.get(index)?;
    Some(Overlay::Decision {
        index,
        selected: default_row(d),
        confirming: false,
    })
}

/// The row a decision's options start on: the option chosen so far, else the default.
pub(super) fn default_row(d: &crate::engine::DecisionView) -> usize {
    let want = d.queued.as_deref().unwrap_or(&d.default);
    d.options.iter().position(|(id, _)| id == want).unwrap_or(0)
}

/// Switches between the team view and the control view (the model is rebuilt from the other
/// view of the session).
pub(super) fn toggle_control(app: &mut App) {
    app.control_view = !app.control_view;
    app.refresh();
    let text = app.lang.t(if app.control_view {
        S::StControlOn
    } else {
        S::StControlOff
    });
    app.info(text);
}

fn withdraw(app: &mut App, pos: usize) {
    let lang = app.lang;
    let label = app
        .model
        .as_ref()
        .and_then(|m| m.team().queued.get(pos).map(|q| queued_label(m, q, lang)))
        .unwrap_or_default();
    if with_drill(app, |d| d.withdraw(pos)).is_some() {
        app.info(lang.f(S::StWithdrawn, &[&label]));
    }
}

fn queued_label(
    m: &super::super::model::Model,
    q: &crate::engine::QueuedAction,
    lang: super::super::i18n::Lang,
) -> String {
    let name = m
        .action(&q.action)
        .map(|a| action_name(a, lang).to_string())
        .unwrap_or_else(|| q.action.clone());
    match &q.target {
        Some(t) => format!("{name} → {}", m.target_name(t)),
        None => name,
    }
}

fn scroll_panel(app: &mut App, msg: Msg) {
    if app.focus == Panel::Actions {
        let n = app
            .model
            .as_ref()
            .map(|m| m.team().queued.len())
            .unwrap_or(0);
        let s = &mut app.queue_selected;
        *s = match msg {
            Msg::Up => s.saturating_sub(1),
            Msg::Down => (*s + 1).min(n.saturating_sub(1)),
            Msg::Home | Msg::PageUp => 0,
            _ => n.saturating_sub(1),
        };
        return;
    }
    if app.focus == Panel::Score {
        let n = app.model.as_ref().map_or(0, |m| m.score().objectives.len());
        let s = &mut app.score_selected;
        *s = match msg {
            Msg::Up => s.saturating_sub(1),
            Msg::Down => (*s + 1).min(n.saturating_sub(1)),
            Msg::Home | Msg::PageUp => 0,
            _ => n.saturating_sub(1),
        };
        return;
    }
    let max = view::panel_max_scroll(app, app.focus);
    let s = &mut app.scroll[app.focus.index()];
    *s = step_scroll(*s, msg, max);
}

/// Ends the turn and shows its resolution.
pub(super) fn end_turn(app: &mut App) {
    let lang = app.lang;
    if let Some(report) = with_drill(app, |d| d.end_turn()) {
        let mut text = lang.f(S::StTurnEnded, &[&report.turn]);
        for d in report.decisions.iter().filter(|d| d.by == "timeout") {
            let prompt = app
                .model
                .as_ref()
                .and_then(|m| m.decision_prompts.iter().find(|(id, _)| *id == d.decision))
                .map(|(_, p)| p.clone())
                .unwrap_or_else(|| d.decision.clone());
            text.push(' ');
            text.push_str(&lang.f(S::StTimedOut, &[&prompt, &d.label]));
        }
        app.info(text);
        app.reports.push(report);
        // The model's turns follow the reports.
        app.refresh();
        app.scroll = [0; 4];
        app.queue_selected = 0;
        app.overlay = Some(Overlay::Resolution {
            report: app.reports.len() - 1,
            scroll: 0,
        });
        if over(app) {
            app.info(lang.t(S::StOver));
        }
    }
}

/// Opens the hotwash screen (the debrief: the model switches to the control view).
pub(super) fn go_hotwash(app: &mut App) {
    let lang = app.lang;
    let (objectives, suggestion) = match &app.model {
        Some(m) => {
            let exec_roles: Vec<(&str, &str)> = m
                .roles
                .iter()
                .filter(|(id, name)| is_exec_role(id, name))
                .map(|(id, name)| (id.as_str(), name.as_str()))
                .collect();
            // In practice the reference response plays the roles nobody took: it signs nothing.
            let exec = app.participants.iter().find(|(n, r)| {
                exec_roles.iter().any(|(id, _)| id == r) && !crate::tui::is_reference_player(n)
            });
            let role = exec
                .and_then(|(_, r)| exec_roles.iter().find(|(id, _)| id == r))
                .map(|(_, name)| name.to_string())
                .unwrap_or_default();
            let suggestion = crate::records::Signoff {
                name: exec.map(|(n, _)| n.clone()).unwrap_or_default(),
                role,
                statement: crate::session::default_signoff_statement(lang.tag()).to_string(),
                time: String::new(),
            };
            (m.objectives.clone(), suggestion)
        }
        None => (vec![], crate::records::Signoff::default()),
    };
    let (capabilities, drill_date) = match app.drill.as_mut() {
        Some(d) => {
            let date = d.opened().date();
            let caps: Vec<(String, Option<String>)> = d
                .engine()
                .bundle()
                .scenario
                .objectives
                .iter()
                .map(|o| {
                    let c = match (lang, &o.capability_ja) {
                        (crate::tui::Lang::Ja, Some(ja)) if !ja.trim().is_empty() => {
                            Some(ja.clone())
                        }
                        _ => o.capability.clone(),
                    };
                    (o.id.clone(), c)
                })
                .collect();
            (caps, Some(date))
        }
        None => (vec![], None),
    };
    let objectives = objectives
        .into_iter()
        .map(|(id, title)| ObjectiveChoice {
            capability: capabilities
                .iter()
                .find(|(i, _)| *i == id)
                .and_then(|(_, c)| c.clone()),
            id,
            title,
        })
        .collect();
    app.overlay = None;
    app.paused = false;
    app.status = None;
    let mut h = HotwashState::new(objectives, suggestion);
    h.drill_date = drill_date;
    h.earlier = app
        .earlier
        .as_ref()
        .map(|e| crate::tui::earlier::EarlierState::new(e.items.clone()));
    app.screen = Screen::Hotwash(Box::new(h));
    app.refresh();
}
