//! `update(&mut App, Msg)`: the only place the app's state changes. Everything that matters to
//! the drill goes through [`crate::session::Drill`], so it is journaled; the rest is
//! presentation state (focus, scrolling, overlays).

use crate::scenario::TargetKind;
use crate::scenario::script::ImprovementItem;
use crate::session::{Drill, SessionError};

use super::app::{
    ActionPicker, App, Exit, Overlay, OverrideDialog, OverrideStep, Panel, PickerStep, Screen,
    SealedView,
};
use super::hotwash::{HotwashState, HwSection, ItemField, valid_date};
use super::i18n::S;
use super::lists::{action_name, filtered_actions, filtered_msel, filtered_targets};
use super::msg::{Msg, context, event_to_msg, key_to_msg};
use super::setup::{SetupField, is_exec_role};
use super::text_input::TextInput;
use super::view;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Handles one terminal event: maps it in the app's current context and applies it. An
/// Alt+letter press is how a terminal delivers Esc followed quickly by a letter, so it is
/// handled as Esc, then the letter. Returns true when something was applied (redraw).
pub fn handle_event(app: &mut App, event: &Event) -> bool {
    if let Some(k) = event.as_key_press_event()
        && k.modifiers == KeyModifiers::ALT
        && matches!(k.code, KeyCode::Char(_))
    {
        update(app, Msg::Esc);
        if app.exit.is_none()
            && let Some(m) = key_to_msg(context(app), KeyEvent::new(k.code, KeyModifiers::NONE))
        {
            update(app, m);
        }
        return true;
    }
    match event_to_msg(context(app), event) {
        Some(m) => {
            update(app, m);
            true
        }
        None => false,
    }
}

/// Applies one message to the app.
pub fn update(app: &mut App, msg: Msg) {
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            return;
        }
        Msg::Interrupt => {
            interrupt(app);
            return;
        }
        _ => {}
    }
    if let Some(scroll) = app.help {
        let max = view::help_max_scroll(app);
        app.help = match msg {
            Msg::Esc | Msg::Help | Msg::AskQuit | Msg::Enter => None,
            Msg::Up => Some(scroll.saturating_sub(1)),
            Msg::Down => Some((scroll + 1).min(max)),
            Msg::PageUp => Some(scroll.saturating_sub(10)),
            Msg::PageDown => Some((scroll + 10).min(max)),
            Msg::Home => Some(0),
            Msg::End => Some(max),
            _ => Some(scroll),
        };
        return;
    }
    if msg == Msg::Help {
        app.help = Some(0);
        return;
    }
    match app.screen {
        Screen::Setup(_) => setup_update(app, msg),
        Screen::Console => console_update(app, msg),
        Screen::Hotwash(_) => hotwash_update(app, msg),
        Screen::Sealed(ref s) => {
            if matches!(msg, Msg::Enter | Msg::Esc | Msg::AskQuit | Msg::Confirm) {
                app.exit = Some(Exit::Sealed(s.clone()));
            }
        }
    }
}

/// Ctrl-C: seal as aborted (the engine decides: completed if an ending was reached) and leave.
fn interrupt(app: &mut App) {
    if let Screen::Sealed(s) = &app.screen {
        app.exit = Some(Exit::Sealed(s.clone()));
        return;
    }
    if app.drill.is_none() {
        app.exit = Some(Exit::NotStarted);
        return;
    }
    match seal(app, "interrupted (Ctrl-C)") {
        Ok(s) => app.exit = Some(s.map(Exit::Sealed).unwrap_or(Exit::NotStarted)),
        Err(e) => app.exit = Some(Exit::Failed(e)),
    }
}

/// Seals the journal; `Ok(None)` when the drill was not recorded.
fn seal(app: &mut App, reason: &str) -> Result<Option<SealedView>, String> {
    let Some(drill) = app.drill.take() else {
        return Ok(None);
    };
    let path = drill.journal_path();
    match drill.close(reason) {
        Ok(Some(info)) => Ok(path.map(|p| SealedView::new(p, &info, app.pubkey.clone()))),
        Ok(None) => Ok(None),
        Err(e) => Err(format!("error: the journal could not be sealed: {e}")),
    }
}

/// Runs a drill operation: engine refusals go to the status line, journal failures stop the
/// session. Refreshes the model after success.
fn with_drill<T>(
    app: &mut App,
    f: impl FnOnce(&mut Drill) -> Result<T, SessionError>,
) -> Option<T> {
    let drill = app.drill.as_mut()?;
    match f(drill) {
        Ok(v) => {
            app.refresh();
            Some(v)
        }
        Err(SessionError::Journal(e)) => {
            app.exit = Some(Exit::Failed(format!(
                "error: the journal failed, the session stops: {e}\nno record after the failure was kept; continue with `kunren play --resume JOURNAL`"
            )));
            None
        }
        Err(e) => {
            app.error(e.to_string());
            None
        }
    }
}

// ── setup ────────────────────────────────────────────────────────────────────────────────────

fn setup_update(app: &mut App, msg: Msg) {
    let Screen::Setup(s) = &mut app.screen else {
        return;
    };
    match msg {
        Msg::Esc => app.exit = Some(Exit::NotStarted),
        Msg::Tab | Msg::Down => s.move_focus(1),
        Msg::BackTab | Msg::Up => s.move_focus(-1),
        Msg::Left | Msg::Right => {
            let d = if msg == Msg::Left { -1 } else { 1 };
            match s.input_mut() {
                Some(i) if d < 0 => i.left(),
                Some(i) => i.right(),
                None => s.cycle(d),
            }
            app.lang = s.lang;
        }
        Msg::Char(c) => {
            if s.focus == SetupField::Seed && !c.is_ascii_digit() {
                return;
            }
            if let Some(i) = s.input_mut() {
                i.insert(c);
            }
            s.problem = None;
        }
        Msg::Backspace | Msg::Delete | Msg::Home | Msg::End => {
            if let Some(i) = s.input_mut() {
                edit(i, msg);
            }
        }
        Msg::Enter => {
            let req = match s.request() {
                Ok(r) => r,
                Err(e) => {
                    s.problem = Some(e);
                    return;
                }
            };
            match super::start_drill(&req) {
                Ok(drill) => {
                    let participants = req
                        .participants
                        .iter()
                        .map(|p| (p.name.clone(), p.role.clone()))
                        .collect();
                    let pubkey = req.key.as_deref().map(crate::journal::public_key_path);
                    let mut next = App::console(drill, req.lang, app.size);
                    next.participants = participants;
                    next.pubkey = pubkey;
                    if let Some(p) = &next.journal_path {
                        let text = next.lang.f(S::Recording, &[&p.display()]);
                        next.info(text);
                    }
                    *app = next;
                }
                Err(e) => s.problem = Some(e),
            }
        }
        _ => {}
    }
}

fn edit(input: &mut TextInput, msg: Msg) {
    match msg {
        Msg::Char(c) => input.insert(c),
        Msg::Backspace => input.backspace(),
        Msg::Delete => input.delete(),
        Msg::Left => input.left(),
        Msg::Right => input.right(),
        Msg::Home => input.home(),
        Msg::End => input.end(),
        _ => {}
    }
}

fn is_edit(msg: Msg) -> bool {
    matches!(
        msg,
        Msg::Char(_) | Msg::Backspace | Msg::Delete | Msg::Left | Msg::Right | Msg::Home | Msg::End
    )
}

// ── console ──────────────────────────────────────────────────────────────────────────────────

fn over(app: &App) -> bool {
    app.model.as_ref().is_some_and(|m| m.over)
}

fn console_update(app: &mut App, msg: Msg) {
    if msg == Msg::ToggleControl
        && matches!(
            app.overlay,
            Some(Overlay::Resolution { .. } | Overlay::Decision { .. })
        )
    {
        toggle_control(app);
        return;
    }
    if app.overlay.is_some() {
        overlay_update(app, msg);
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
    match msg {
        Msg::AskQuit => app.overlay = Some(Overlay::Quit),
        Msg::Esc => app.status = None,
        Msg::Enter if over(app) => go_hotwash(app),
        Msg::OpenActions | Msg::AskEndTurn if over(app) => app.info(lang.t(S::StOver)),
        Msg::OpenActions => app.overlay = Some(Overlay::Actions(ActionPicker::new())),
        Msg::AskEndTurn => app.overlay = Some(Overlay::EndTurn),
        Msg::OpenDecision => {
            if app.model.as_ref().is_some_and(|m| !m.decisions.is_empty()) {
                app.overlay = Some(Overlay::Decision {
                    index: 0,
                    selected: 0,
                });
            } else {
                app.info(lang.t(S::NoDecision));
            }
        }
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
            if app.model.as_ref().is_some_and(|m| m.lines.is_empty()) {
                app.info(lang.t(S::OverrideNoLines));
            } else {
                let last = app
                    .model
                    .as_ref()
                    .map(|m| m.lines.len().saturating_sub(1))
                    .unwrap_or(0);
                app.overlay = Some(Overlay::Override(OverrideDialog {
                    selected: last,
                    step: OverrideStep::Line,
                    points: TextInput::default(),
                    reason: TextInput::default(),
                }));
            }
        }
        Msg::OpenNote => app.overlay = Some(Overlay::Note(TextInput::default())),
        Msg::TogglePause => {
            let paused = !app.paused;
            if with_drill(app, |d| d.set_paused(paused)).is_some() {
                app.paused = paused;
                app.info(lang.t(if paused { S::StPaused } else { S::StResumed }));
                if !paused {
                    app.open_new_decision();
                }
            }
        }
        Msg::ToggleControl => toggle_control(app),
        Msg::Undo => {
            let n = app.model.as_ref().map(|m| m.queued.len()).unwrap_or(0);
            if n == 0 {
                app.info(lang.t(S::StNothingToUndo));
            } else {
                withdraw(app, n - 1);
            }
        }
        Msg::Withdraw | Msg::Delete => {
            let n = app.model.as_ref().map(|m| m.queued.len()).unwrap_or(0);
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

fn toggle_control(app: &mut App) {
    app.control_view = !app.control_view;
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
        .and_then(|m| m.queued.get(pos).map(|q| queued_label(m, q, lang)))
        .unwrap_or_default();
    if with_drill(app, |d| d.withdraw(pos)).is_some() {
        app.info(lang.f(S::StWithdrawn, &[&label]));
    }
}

fn queued_label(
    m: &super::model::Model,
    q: &crate::engine::QueuedAction,
    lang: super::i18n::Lang,
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
        let n = app.model.as_ref().map(|m| m.queued.len()).unwrap_or(0);
        let s = &mut app.queue_selected;
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

fn step_scroll(s: u16, msg: Msg, max: u16) -> u16 {
    match msg {
        Msg::Up => s.saturating_sub(1),
        Msg::Down => s.saturating_add(1).min(max),
        Msg::PageUp => s.saturating_sub(10),
        Msg::PageDown => s.saturating_add(10).min(max),
        Msg::Home => 0,
        Msg::End => max,
        _ => s,
    }
    .min(max)
}

fn overlay_update(app: &mut App, msg: Msg) {
    let Some(overlay) = app.overlay.take() else {
        return;
    };
    app.overlay = match overlay {
        Overlay::Quit => match msg {
            Msg::Confirm | Msg::Enter => {
                match seal(app, "quit by the facilitator") {
                    Ok(s) => app.exit = Some(s.map(Exit::Sealed).unwrap_or(Exit::NotStarted)),
                    Err(e) => app.exit = Some(Exit::Failed(e)),
                }
                None
            }
            Msg::Hotwash => {
                go_hotwash(app);
                None
            }
            Msg::Esc => None,
            _ => Some(Overlay::Quit),
        },
        Overlay::EndTurn => match msg {
            Msg::Confirm | Msg::Enter => {
                end_turn(app);
                app.overlay.take()
            }
            Msg::Esc => None,
            _ => Some(Overlay::EndTurn),
        },
        Overlay::Actions(p) => picker_update(app, p, msg),
        Overlay::Decision { index, selected } => decision_update(app, index, selected, msg),
        Overlay::Fire { filter, selected } => fire_update(app, filter, selected, msg),
        Overlay::Override(d) => override_update(app, d, msg),
        Overlay::Note(mut input) => match msg {
            Msg::Esc => None,
            Msg::Enter => {
                if input.is_blank() {
                    app.error(app.lang.t(S::StEmptyNote));
                    Some(Overlay::Note(input))
                } else {
                    let text = input.trimmed().to_string();
                    if with_drill(app, |d| d.note(&text)).is_some() {
                        app.info(app.lang.t(S::StNoted));
                        None
                    } else {
                        Some(Overlay::Note(input))
                    }
                }
            }
            m if is_edit(m) => {
                edit(&mut input, m);
                Some(Overlay::Note(input))
            }
            _ => Some(Overlay::Note(input)),
        },
        Overlay::Resolution { report, scroll } => match msg {
            Msg::Esc | Msg::Enter | Msg::ShowResolution => {
                if over(app) {
                    go_hotwash(app);
                } else {
                    app.overlay = None;
                    app.open_new_decision();
                }
                app.overlay.take()
            }
            m => {
                let max = view::resolution_max_scroll(app, report);
                Some(Overlay::Resolution {
                    report,
                    scroll: step_scroll(scroll, m, max),
                })
            }
        },
    };
}

fn end_turn(app: &mut App) {
    let lang = app.lang;
    if let Some(report) = with_drill(app, |d| d.end_turn()) {
        app.info(lang.f(S::StTurnEnded, &[&report.turn]));
        app.reports.push(report);
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

fn go_hotwash(app: &mut App) {
    let (objectives, suggestion) = match &app.model {
        Some(m) => {
            let objectives = m
                .summary
                .objectives
                .iter()
                .map(|o| (o.id.clone(), o.title.clone()))
                .collect();
            let exec_roles: Vec<&str> = m
                .roles
                .iter()
                .filter(|(id, name)| is_exec_role(id, name))
                .map(|(id, _)| id.as_str())
                .collect();
            let suggestion = app
                .participants
                .iter()
                .find(|(_, r)| exec_roles.contains(&r.as_str()))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            (objectives, suggestion)
        }
        None => (vec![], String::new()),
    };
    app.overlay = None;
    app.paused = false;
    app.status = None;
    app.screen = Screen::Hotwash(Box::new(HotwashState::new(objectives, suggestion)));
}

fn cycle_role(app: &App, current: Option<&str>, owner: &str, delta: isize) -> Option<String> {
    let roles = &app.model.as_ref()?.roles;
    if roles.is_empty() {
        return None;
    }
    let cur = current.unwrap_or(owner);
    let i = roles.iter().position(|(id, _)| id == cur).unwrap_or(0) as isize;
    let n = roles.len() as isize;
    Some(roles[((i + delta).rem_euclid(n)) as usize].0.clone())
}

fn picker_update(app: &mut App, mut p: ActionPicker, msg: Msg) -> Option<Overlay> {
    let lang = app.lang;
    let model = app.model.as_ref()?;
    match p.step.clone() {
        PickerStep::Action => {
            let list = filtered_actions(model, p.filter.value());
            let n = list.len();
            let current = list
                .get(p.selected.min(n.saturating_sub(1)))
                .map(|a| (*a).clone());
            match msg {
                Msg::Esc => return None,
                Msg::Up => p.selected = p.selected.saturating_sub(1),
                Msg::Down => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
                Msg::PageUp => p.selected = p.selected.saturating_sub(10),
                Msg::PageDown => p.selected = (p.selected + 10).min(n.saturating_sub(1)),
                Msg::Left | Msg::Right => {
                    if let Some(a) = &current {
                        let d = if msg == Msg::Left { -1 } else { 1 };
                        p.role = cycle_role(app, p.role.as_deref(), &a.owner, d);
                    }
                }
                Msg::Enter => {
                    let Some(a) = current else {
                        return Some(Overlay::Actions(p));
                    };
                    let role = p.role.clone().unwrap_or_else(|| a.owner.clone());
                    if a.target == TargetKind::None {
                        let name = action_name(&a, lang).to_string();
                        if with_drill(app, |d| d.submit(&a.id, None, &role)).is_some() {
                            app.info(lang.f(S::StQueued, &[&name, &role]));
                        }
                    } else {
                        p.step = PickerStep::Target(a.id.clone());
                        p.target_filter = TextInput::default();
                        p.target_selected = 0;
                        check_target(app, &mut p);
                    }
                }
                m if is_edit(m) => {
                    edit(&mut p.filter, m);
                    if matches!(m, Msg::Char(_) | Msg::Backspace | Msg::Delete) {
                        p.selected = 0;
                    }
                }
                _ => {}
            }
        }
        PickerStep::Target(id) => {
            let Some(a) = model.action(&id).cloned() else {
                p.step = PickerStep::Action;
                return Some(Overlay::Actions(p));
            };
            let rows = filtered_targets(model, &a, p.target_filter.value(), app.control_view, lang);
            let n = rows.len();
            match msg {
                Msg::Esc => p.step = PickerStep::Action,
                Msg::Up => p.target_selected = p.target_selected.saturating_sub(1),
                Msg::Down => p.target_selected = (p.target_selected + 1).min(n.saturating_sub(1)),
                Msg::PageUp => p.target_selected = p.target_selected.saturating_sub(10),
                Msg::PageDown => {
                    p.target_selected = (p.target_selected + 10).min(n.saturating_sub(1))
                }
                Msg::Left | Msg::Right => {
                    let d = if msg == Msg::Left { -1 } else { 1 };
                    p.role = cycle_role(app, p.role.as_deref(), &a.owner, d);
                }
                Msg::Enter => {
                    if let Some(t) = rows.get(p.target_selected.min(n.saturating_sub(1))) {
                        let role = p.role.clone().unwrap_or_else(|| a.owner.clone());
                        let label = format!("{} → {}", action_name(&a, lang), t.name);
                        let target = t.id.clone();
                        if with_drill(app, |d| d.submit(&a.id, Some(&target), &role)).is_some() {
                            app.info(lang.f(S::StQueued, &[&label, &role]));
                            p.step = PickerStep::Action;
                            return Some(Overlay::Actions(p));
                        }
                    }
                }
                m if is_edit(m) => {
                    edit(&mut p.target_filter, m);
                    if matches!(m, Msg::Char(_) | Msg::Backspace | Msg::Delete) {
                        p.target_selected = 0;
                    }
                }
                _ => {}
            }
            check_target(app, &mut p);
        }
    }
    Some(Overlay::Actions(p))
}

/// Asks the engine whether the selected target can be taken now (shown in the picker).
fn check_target(app: &mut App, p: &mut ActionPicker) {
    p.target_check = None;
    let PickerStep::Target(id) = &p.step else {
        return;
    };
    let Some(model) = app.model.as_ref() else {
        return;
    };
    let Some(a) = model.action(id) else { return };
    let rows = filtered_targets(
        model,
        a,
        p.target_filter.value(),
        app.control_view,
        app.lang,
    );
    let Some(t) = rows.get(p.target_selected.min(rows.len().saturating_sub(1))) else {
        return;
    };
    let role = p.role.clone().unwrap_or_else(|| a.owner.clone());
    let (aid, tid) = (a.id.clone(), t.id.clone());
    if let Some(d) = app.drill.as_mut()
        && let Err(e) = d.engine().check(&aid, Some(&tid), &role)
    {
        p.target_check = Some(e.to_string());
    }
}

fn decision_update(app: &mut App, index: usize, selected: usize, msg: Msg) -> Option<Overlay> {
    let lang = app.lang;
    let decisions = app.model.as_ref()?.decisions.clone();
    if decisions.is_empty() {
        return None;
    }
    let index = index.min(decisions.len() - 1);
    let d = &decisions[index];
    let n = d.options.len();
    let (mut index, mut selected) = (index, selected.min(n.saturating_sub(1)));
    match msg {
        Msg::Esc => return None,
        Msg::Up => selected = selected.saturating_sub(1),
        Msg::Down => selected = (selected + 1).min(n.saturating_sub(1)),
        Msg::Left => {
            index = (index + decisions.len() - 1) % decisions.len();
            selected = 0;
        }
        Msg::Right | Msg::Tab => {
            index = (index + 1) % decisions.len();
            selected = 0;
        }
        Msg::Enter => {
            let (opt, label) = d.options.get(selected).cloned()?;
            let (id, owner, prompt) = (d.id.clone(), d.owner.clone(), d.prompt.clone());
            with_drill(app, |dr| dr.decide(&id, &opt, &owner))?;
            app.info(lang.f(S::StDecided, &[&prompt, &label]));
            let remaining = app
                .model
                .as_ref()?
                .decisions
                .iter()
                .position(|x| x.queued.is_none());
            return remaining.map(|i| Overlay::Decision {
                index: i,
                selected: 0,
            });
        }
        _ => {}
    }
    Some(Overlay::Decision { index, selected })
}

fn fire_update(
    app: &mut App,
    mut filter: TextInput,
    mut selected: usize,
    msg: Msg,
) -> Option<Overlay> {
    let lang = app.lang;
    let list: Vec<String> = filtered_msel(app.model.as_ref()?, filter.value())
        .iter()
        .map(|m| m.id.clone())
        .collect();
    let n = list.len();
    match msg {
        Msg::Esc => return None,
        Msg::Up => selected = selected.saturating_sub(1),
        Msg::Down => selected = (selected + 1).min(n.saturating_sub(1)),
        Msg::Enter => {
            let id = list.get(selected.min(n.saturating_sub(1)))?.clone();
            let view = with_drill(app, |d| d.fire_inject(&id))?;
            app.info(lang.f(S::StFired, &[&view.title]));
            app.focus = Panel::Injects;
            app.scroll[Panel::Injects.index()] = 0;
            app.overlay = None;
            app.open_new_decision();
            return app.overlay.take();
        }
        m if is_edit(m) => {
            edit(&mut filter, m);
            if matches!(m, Msg::Char(_) | Msg::Backspace | Msg::Delete) {
                selected = 0;
            }
        }
        _ => {}
    }
    Some(Overlay::Fire { filter, selected })
}

fn override_update(app: &mut App, mut d: OverrideDialog, msg: Msg) -> Option<Overlay> {
    let lang = app.lang;
    let lines = &app.model.as_ref()?.lines;
    let n = lines.len();
    match (d.step, msg) {
        (_, Msg::Esc) => return None,
        (OverrideStep::Line, Msg::Up) => d.selected = d.selected.saturating_sub(1),
        (OverrideStep::Line, Msg::Down) => d.selected = (d.selected + 1).min(n.saturating_sub(1)),
        (OverrideStep::Line, Msg::Enter) => {
            if let Some(l) = lines.get(d.selected) {
                d.points.set(l.effective.to_string());
                d.step = OverrideStep::Points;
            }
        }
        (OverrideStep::Points, Msg::Enter) => {
            if d.points.trimmed().parse::<i32>().is_ok() {
                d.step = OverrideStep::Reason;
                app.status = None;
            } else {
                app.error(lang.t(S::OverrideBadPoints));
            }
        }
        (OverrideStep::Points, Msg::Up | Msg::BackTab) => d.step = OverrideStep::Line,
        (OverrideStep::Points, m) if is_edit(m) => {
            if let Msg::Char(c) = m
                && !(c.is_ascii_digit() || c == '-' || c == '+')
            {
                return Some(Overlay::Override(d));
            }
            edit(&mut d.points, m);
        }
        (OverrideStep::Reason, Msg::Enter) => {
            if d.reason.is_blank() {
                app.error(lang.t(S::OverrideNeedReason));
            } else if let (Some(l), Ok(points)) =
                (lines.get(d.selected), d.points.trimmed().parse::<i32>())
            {
                let line = l.line.line;
                let reason = d.reason.trimmed().to_string();
                with_drill(app, |dr| dr.override_score(line, points, &reason))?;
                app.info(lang.f(S::StOverridden, &[&line, &points]));
                return None;
            }
        }
        (OverrideStep::Reason, Msg::Up | Msg::BackTab) => d.step = OverrideStep::Points,
        (OverrideStep::Reason, m) if is_edit(m) => edit(&mut d.reason, m),
        _ => {}
    }
    Some(Overlay::Override(d))
}

// ── hotwash ──────────────────────────────────────────────────────────────────────────────────

fn hotwash_update(app: &mut App, msg: Msg) {
    let lang = app.lang;
    let Screen::Hotwash(h) = &mut app.screen else {
        return;
    };
    if h.leaving {
        match msg {
            Msg::Confirm | Msg::Enter => finish(app),
            Msg::Esc => h.leaving = false,
            _ => {}
        }
        return;
    }
    match msg {
        Msg::Esc => h.leaving = true,
        Msg::Tab | Msg::Down => h.move_section(1),
        Msg::BackTab | Msg::Up => h.move_section(-1),
        Msg::Left | Msg::Right
            if h.section == HwSection::Items && h.item_field == ItemField::Objective =>
        {
            let n = h.objectives.len() + 1;
            h.item_objective = if msg == Msg::Left {
                (h.item_objective + n - 1) % n
            } else {
                (h.item_objective + 1) % n
            };
        }
        Msg::Enter => hotwash_enter(app),
        m if is_edit(m) => {
            if let Some(i) = h.input_mut() {
                edit(i, m);
            }
            app.status = None;
        }
        _ => {}
    }
    let _ = lang;
}

fn hotwash_enter(app: &mut App) {
    let lang = app.lang;
    let Screen::Hotwash(h) = &mut app.screen else {
        return;
    };
    match h.section {
        HwSection::Strengths | HwSection::Areas => {
            if h.input.is_blank() {
                return;
            }
            let strength = h.section == HwSection::Strengths;
            let text = h.input.trimmed().to_string();
            if with_drill(app, |d| d.hotwash_line(strength, &text)).is_some() {
                let Screen::Hotwash(h) = &mut app.screen else {
                    return;
                };
                if strength {
                    h.strengths.push(text);
                } else {
                    h.areas.push(text);
                }
                h.input = TextInput::default();
                app.info(lang.t(S::HwRecorded));
            }
        }
        HwSection::Items => match h.item_field {
            ItemField::Action => {
                if h.item_action.is_blank() {
                    app.error(lang.t(S::HwNeedAction));
                } else {
                    h.item_field = ItemField::Objective;
                }
            }
            ItemField::Objective => h.item_field = ItemField::Owner,
            ItemField::Owner => {
                if h.item_owner.is_blank() {
                    app.error(lang.t(S::HwNeedOwner));
                } else {
                    h.item_field = ItemField::Due;
                }
            }
            ItemField::Due => {
                if !valid_date(h.item_due.value()) {
                    app.error(lang.t(S::HwBadDate));
                    return;
                }
                let item = ImprovementItem {
                    action: h.item_action.trimmed().to_string(),
                    objective: h.item_objective_id(),
                    owner: h.item_owner.trimmed().to_string(),
                    due: h.item_due.trimmed().to_string(),
                };
                if with_drill(app, |d| d.improvement_item(&item)).is_some() {
                    let Screen::Hotwash(h) = &mut app.screen else {
                        return;
                    };
                    h.items.push(item);
                    h.item_action = TextInput::default();
                    h.item_owner = TextInput::default();
                    h.item_due = TextInput::default();
                    h.item_objective = 0;
                    h.item_field = ItemField::Action;
                    app.info(lang.t(S::HwRecorded));
                }
            }
        },
        HwSection::Signoff => {
            if h.signoff.is_some() || h.input.is_blank() {
                return;
            }
            let name = h.input.trimmed().to_string();
            if with_drill(app, |d| d.signoff(&name)).is_some() {
                let Screen::Hotwash(h) = &mut app.screen else {
                    return;
                };
                h.signoff = Some(name);
                h.input = TextInput::default();
                h.section = HwSection::Seal;
                app.info(lang.t(S::HwRecorded));
            }
        }
        HwSection::Seal => {
            if h.signoff.is_none() && !h.seal_warned {
                h.seal_warned = true;
                app.error(lang.t(S::HwNoSignoff));
                return;
            }
            finish(app);
        }
    }
}

/// Seals after the hotwash and shows where the journal is.
fn finish(app: &mut App) {
    let reason = if over(app) {
        ""
    } else {
        "stopped by the facilitator before the end; hotwash held"
    };
    match seal(app, reason) {
        Ok(Some(s)) => {
            app.status = None;
            app.screen = Screen::Sealed(s);
        }
        Ok(None) => app.exit = Some(Exit::NotStarted),
        Err(e) => app.exit = Some(Exit::Failed(e)),
    }
}
