//! The action picker: filter the catalogue, change the role, pick a target, queue.

use crate::scenario::TargetKind;

use super::super::app::{ActionPicker, App, Overlay, PickerStep};
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
    let rows = filtered_targets(model, a, p.target_filter.value(), app.lang);
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
