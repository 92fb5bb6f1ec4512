//! The hotwash screen: strengths, areas for improvement, the improvement plan, the sign-off,
//! and the seal.

use super::super::app::{App, Exit, Screen};
use super::super::hotwash::{
    AreaField, AreaForm, DateProblem, HwSection, ItemField, ItemForm, SignoffField,
};
use super::super::i18n::S;
use super::super::msg::Msg;
use super::super::text_input::TextInput;
use super::console::over;
use super::{edit, is_edit, seal, with_drill};

/// Applies a message on the hotwash screen.
pub(super) fn update(app: &mut App, msg: Msg) {
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
        Msg::Left | Msg::Right if h.section == HwSection::Items && h.item.focused().is_choice() => {
            h.turn_choice(msg == Msg::Right);
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
}

fn next<T: Copy + PartialEq>(all: &[T], f: T) -> Option<T> {
    let i = all.iter().position(|x| *x == f)?;
    all.get(i + 1).copied()
}

fn hotwash_enter(app: &mut App) {
    let lang = app.lang;
    let Screen::Hotwash(h) = &mut app.screen else {
        return;
    };
    match h.section {
        HwSection::Strengths => {
            if h.input.is_blank() {
                return;
            }
            let text = h.input.trimmed().to_string();
            if with_drill(app, |d| d.hotwash_line(true, &text)).is_some() {
                let Screen::Hotwash(h) = &mut app.screen else {
                    return;
                };
                h.strengths.push(text);
                h.input = TextInput::default();
                app.info(lang.t(S::HwRecorded));
            }
        }
        HwSection::Areas => {
            let f = h.area.focused();
            if f == AreaField::Text && h.area.text.is_blank() {
                if h.area.field.is_some() {
                    app.error(lang.t(S::HwNeedArea));
                }
                return;
            }
            if let Some(n) = next(&AreaField::ALL, f) {
                h.area.field = Some(n);
                return;
            }
            let area = h.area.area(h.next_area_id());
            if with_drill(app, |d| d.area_for_improvement(&area)).is_some() {
                let Screen::Hotwash(h) = &mut app.screen else {
                    return;
                };
                h.areas.push(area);
                h.area = AreaForm::default();
                app.info(lang.t(S::HwRecorded));
            }
        }
        HwSection::Items => {
            let f = h.item.focused();
            match f {
                ItemField::Action if h.item.action.is_blank() => {
                    app.error(lang.t(S::HwNeedAction));
                    return;
                }
                ItemField::Objective if h.item.capability.is_blank() => {
                    if let Some(c) = h.item_objective().and_then(|o| o.capability.clone()) {
                        h.item.capability.set(c);
                    }
                }
                ItemField::Owner if h.item.owner.is_blank() => {
                    app.error(lang.t(S::HwNeedOwner));
                    return;
                }
                ItemField::Start
                    if !h.item.start.is_blank()
                        && super::super::hotwash::parse_date(h.item.start.value()).is_none() =>
                {
                    app.error(lang.t(S::HwBadStart));
                    return;
                }
                _ => {}
            }
            if let Some(n) = next(&ItemField::ALL, f) {
                h.item.field = Some(n);
                return;
            }
            if let Err(p) = h.check_dates() {
                let text = match p {
                    DateProblem::BadDue => lang.t(S::HwBadDate).to_string(),
                    DateProblem::BadStart => lang.t(S::HwBadStart).to_string(),
                    DateProblem::StartAfterDue => lang.t(S::HwStartAfterDue).to_string(),
                    DateProblem::DueBeforeDrill(day) => {
                        lang.f(S::HwDueBeforeDrill, &[&h.item.due.trimmed(), &day, &day])
                    }
                };
                app.error(text);
                return;
            }
            let item = h.item();
            if with_drill(app, |d| d.improvement_item(&item)).is_some() {
                let Screen::Hotwash(h) = &mut app.screen else {
                    return;
                };
                h.items.push(item);
                h.item = ItemForm::default();
                app.info(lang.t(S::HwRecorded));
            }
        }
        HwSection::Signoff => {
            if h.signoff.is_some() {
                return;
            }
            match h.signoff_field {
                SignoffField::Name => {
                    if !h.signoff_name.is_blank() {
                        h.signoff_field = SignoffField::Role;
                    }
                    return;
                }
                SignoffField::Role => {
                    h.signoff_field = SignoffField::Statement;
                    return;
                }
                SignoffField::Statement => {}
            }
            let statement = if h.signoff_statement.is_blank() {
                crate::session::default_signoff_statement(lang.tag()).to_string()
            } else {
                h.signoff_statement.trimmed().to_string()
            };
            let signoff = crate::records::Signoff {
                name: h.signoff_name.trimmed().to_string(),
                role: h.signoff_role.trimmed().to_string(),
                statement,
                time: crate::session::now_timestamp(),
            };
            if with_drill(app, |d| d.signoff(&signoff)).is_some() {
                let Screen::Hotwash(h) = &mut app.screen else {
                    return;
                };
                h.signoff = Some(signoff);
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
