//! The action picker: filter the catalogue, change the role, pick a target, queue.

use crate::scenario::TargetKind;

use crate::engine::EngineError;

use super::super::app::{ActionMark, ActionPicker, App, Overlay, PickerStep, TargetCheck};
use super::super::i18n::S;
use super::super::lists::{action_name, filtered_actions, filtered_targets};
use super::super::msg::Msg;
use super::super::text_input::TextInput;
use super::{edit, is_edit, with_drill};

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

/// Applies a message to the open picker.
pub(super) fn update(app: &mut App, mut p: ActionPicker, msg: Msg) -> Option<Overlay> {
    let lang = app.lang;
    let model = app.model.as_ref()?;
    match p.step.clone() {
        PickerStep::Action => {
            let list = filtered_actions(model, p.filter.value(), &p.marks);
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
                            let who = app.model.as_ref().map_or(role.clone(), |m| m.person(&role));
                            app.info(lang.f(S::StQueued, &[&name, &who]));
                            p.marks = marks(app);
                        }
                    } else {
                        p.step = PickerStep::Target(a.id.clone());
                        p.target_filter = TextInput::default();
                        p.target_selected = 0;
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
            check_targets(app, &mut p);
        }
        PickerStep::Target(id) => {
            let Some(a) = model.action(&id).cloned() else {
                p.step = PickerStep::Action;
                return Some(Overlay::Actions(p));
            };
            let rows = filtered_targets(model, &a, p.target_filter.value(), lang);
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
                            let who = app.model.as_ref().map_or(role.clone(), |m| m.person(&role));
                            app.info(lang.f(S::StQueued, &[&label, &who]));
                            p.step = PickerStep::Action;
                            p.marks = marks(app);
                            check_targets(app, &mut p);
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
            check_targets(app, &mut p);
        }
    }
    Some(Overlay::Actions(p))
}

/// A fresh picker, with the engine's verdict on every action for its owner.
pub(super) fn open(app: &mut App) -> ActionPicker {
    let mut p = ActionPicker::new();
    p.marks = marks(app);
    check_targets(app, &mut p);
    p
}

/// A refusal as the view shown may tell it: in the team view, a precondition that reads what
/// the team cannot know is not reported (the engine still checks it when the action is queued).
fn shown_refusal(app: &App, action: &str, e: EngineError) -> Option<String> {
    let hidden = !app.shows_control()
        && app
            .model
            .as_ref()
            .is_some_and(|m| m.hidden_preconditions.contains(action));
    match e {
        EngineError::Precondition(_) if hidden => None,
        e => Some(match &app.model {
            Some(m) => crate::tui::view::picker::refusal(m, &e, app.lang),
            None => e.message(app.lang),
        }),
    }
}

/// The engine's verdict on one action and target for a role: the check submission runs, and
/// whether it would do nothing the team can see.
fn verdict(app: &mut App, action: &str, target: Option<&str>, role: &str) -> TargetCheck {
    let Some(d) = app.drill.as_mut() else {
        return TargetCheck::default();
    };
    let checked = d.engine().check(action, target, role);
    let idle = d.engine().would_do_nothing(action, target);
    TargetCheck {
        refused: checked.err().and_then(|e| shown_refusal(app, action, e)),
        idle,
    }
}

/// The engine's verdict on every action of the catalogue, for its owner: refused when no
/// target passes the check, idle when it would do nothing wherever it passes.
fn marks(app: &mut App) -> std::collections::BTreeMap<String, ActionMark> {
    let Some(model) = app.model.as_ref() else {
        return Default::default();
    };
    let actions: Vec<(String, String, bool, Vec<String>)> = model
        .team()
        .actions
        .iter()
        .map(|a| {
            let targets = filtered_targets(model, a, "", app.lang)
                .into_iter()
                .map(|t| t.id)
                .collect();
            (
                a.id.clone(),
                a.owner.clone(),
                a.target == TargetKind::None,
                targets,
            )
        })
        .collect();
    let mut out = std::collections::BTreeMap::new();
    for (id, owner, no_target, targets) in actions {
        let mark = if no_target {
            let v = verdict(app, &id, None, &owner);
            ActionMark {
                refused: v.refused,
                idle: v.idle,
                ready: (0, 0),
            }
        } else {
            let mut ready = 0;
            let mut first_refusal = None;
            let mut idle: Option<String> = None;
            let mut all_idle = true;
            for t in &targets {
                let v = verdict(app, &id, Some(t), &owner);
                match v.refused {
                    Some(r) => {
                        first_refusal.get_or_insert(r);
                    }
                    None => {
                        ready += 1;
                        match v.idle {
                            Some(w) => {
                                idle.get_or_insert(w);
                            }
                            None => all_idle = false,
                        }
                    }
                }
            }
            ActionMark {
                refused: if ready == 0 {
                    first_refusal.or_else(|| Some(app.lang.t(S::DetNoTarget).to_string()))
                } else {
                    None
                },
                idle: if ready > 0 && all_idle {
                    Some(app.lang.t(S::DetIdleEverywhere).to_string())
                } else {
                    None
                },
                ready: (ready, targets.len()),
            }
        };
        out.insert(id, mark);
    }
    out
}

/// Asks the engine about every target of the action being picked (in the target step) or
/// selected (in the catalogue), for the role that takes it; the selected target's refusal is
/// kept apart for the details.
fn check_targets(app: &mut App, p: &mut ActionPicker) {
    p.target_check = None;
    p.checks.clear();
    let Some(model) = app.model.as_ref() else {
        return;
    };
    let action = match &p.step {
        PickerStep::Target(id) => model.action(id),
        PickerStep::Action => {
            let list = filtered_actions(model, p.filter.value(), &p.marks);
            list.get(p.selected.min(list.len().saturating_sub(1)))
                .copied()
        }
    };
    let Some(a) = action.cloned() else { return };
    let role = p.role.clone().unwrap_or_else(|| a.owner.clone());
    if a.target == TargetKind::None {
        let v = verdict(app, &a.id, None, &role);
        p.checks.insert(String::new(), v);
        return;
    }
    let all: Vec<String> = filtered_targets(model, &a, "", app.lang)
        .into_iter()
        .map(|t| t.id)
        .collect();
    let selected = match &p.step {
        PickerStep::Target(_) => {
            let rows = filtered_targets(model, &a, p.target_filter.value(), app.lang);
            rows.get(p.target_selected.min(rows.len().saturating_sub(1)))
                .map(|t| t.id.clone())
        }
        PickerStep::Action => None,
    };
    for t in all {
        let v = verdict(app, &a.id, Some(&t), &role);
        p.checks.insert(t, v);
    }
    if let Some(t) = selected {
        p.target_check = p.checks.get(&t).and_then(|c| c.refused.clone());
    }
}
