//! The hotwash screen: strengths, areas for improvement, the improvement plan, the sign-off,
//! and the seal.

use crate::scenario::script::ImprovementItem;

use super::super::app::{App, Exit, Screen};
use super::super::hotwash::{HwSection, ItemField, valid_date};
use super::super::i18n::S;
use super::super::msg::Msg;
use super::super::text_input::TextInput;
use super::console::over;
use super::{edit, is_edit, seal, with_drill};

/// Applies a message on the hotwash screen.
pub(super) fn update(app: &mut App, msg: Msg) {
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
