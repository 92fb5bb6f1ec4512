//! The hotwash screen: strengths, areas for improvement, the improvement plan, the sign-off,
//! and the seal.

use super::super::app::{App, Exit, Screen};
use super::super::earlier::MarkField;
use super::super::hotwash::{
    AreaField, AreaForm, DateProblem, HwSection, ItemField, ItemForm, SignoffField,
};
use super::super::i18n::S;
use super::super::msg::Msg;
use super::super::text_input::TextInput;
use super::console::over;
use super::{edit, is_edit, seal, with_drill};
use crate::input::Input;
use crate::records::Correction;

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
    if h.removing.is_some() {
        match msg {
            Msg::Esc => h.removing = None,
            Msg::Enter => remove_entry(app),
            m if is_edit(m) => {
                if let Some(i) = h.removing.as_mut() {
                    edit(i, m);
                }
            }
            _ => {}
        }
        return;
    }
    match msg {
        Msg::Esc if h.editing.is_some() => {
            h.move_section(0);
            app.info(app.lang.t(S::HwEditCancelled));
        }
        Msg::Esc => h.leaving = true,
        Msg::PageUp | Msg::PageDown if h.section == HwSection::Ratings => {
            let n = app.model.as_ref().map_or(0, |m| m.score().objectives.len()) as u16;
            h.ratings_scroll = if msg == Msg::PageDown {
                (h.ratings_scroll + 5).min(n.saturating_mul(2))
            } else {
                h.ratings_scroll.saturating_sub(5)
            };
        }
        Msg::PageUp | Msg::PageDown if h.editing.is_none() => {
            h.select_entry(msg == Msg::PageDown);
            if h.section == HwSection::Earlier
                && let Some(e) = h.earlier.as_mut()
            {
                e.load(h.selected);
            }
            app.status = None;
        }
        Msg::EditEntry | Msg::RemoveEntry if h.section == HwSection::Earlier => {
            app.error(app.lang.t(S::HwEarlierRemark));
        }
        Msg::EditEntry => {
            if h.editing.is_some() {
                return;
            }
            if h.start_edit() {
                app.info(app.lang.t(S::HwEditing));
            } else {
                app.error(app.lang.t(S::HwSelectFirst));
            }
        }
        Msg::RemoveEntry => {
            if h.editing.is_some() {
                return;
            }
            match h.selected.filter(|&i| i < h.entries()) {
                Some(_) => {
                    h.removing = Some(TextInput::new(app.lang.t(S::HwRemovedReason)));
                }
                None => app.error(app.lang.t(S::HwSelectFirst)),
            }
        }
        Msg::Tab | Msg::Down => h.move_section(1),
        Msg::BackTab | Msg::Up => h.move_section(-1),
        Msg::Left | Msg::Right if h.section == HwSection::Items && h.item.focused().is_choice() => {
            h.turn_choice(msg == Msg::Right);
        }
        Msg::Left | Msg::Right
            if h.section == HwSection::Earlier
                && h.selected.is_some()
                && h.earlier
                    .as_ref()
                    .is_some_and(|e| e.field == MarkField::Status) =>
        {
            if let Some(e) = h.earlier.as_mut() {
                e.turn(msg == Msg::Right);
            }
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
        HwSection::Ratings => h.move_section(1),
        HwSection::Strengths => {
            if h.input.is_blank() {
                return;
            }
            let text = h.input.trimmed().to_string();
            let editing = h.editing;
            if let Some(seq) = record(app, Input::Strength { text: text.clone() }, editing) {
                let Screen::Hotwash(h) = &mut app.screen else {
                    return;
                };
                place(&mut h.strengths, &mut h.strength_seqs, editing, text, seq);
                h.input = TextInput::default();
                h.editing = None;
                h.selected = None;
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
            let editing = h.editing;
            if editing.is_none() {
                h.areas_made += 1;
            }
            if let Some(seq) = record(app, Input::AreaForImprovement(area.clone()), editing) {
                let Screen::Hotwash(h) = &mut app.screen else {
                    return;
                };
                place(&mut h.areas, &mut h.area_seqs, editing, area, seq);
                h.area = AreaForm::default();
                h.editing = None;
                h.selected = None;
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
            let editing = h.editing;
            if editing.is_none() {
                h.items_made += 1;
            }
            if let Some(seq) = record(app, Input::PlanItem(item.clone()), editing) {
                let Screen::Hotwash(h) = &mut app.screen else {
                    return;
                };
                place(&mut h.items, &mut h.item_seqs, editing, item, seq);
                h.item = ItemForm::default();
                h.editing = None;
                h.selected = None;
            }
        }
        HwSection::Earlier => mark_earlier(app),
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

/// Enter in the earlier drills' items: from the status to the note, then records the mark as
/// an item update naming the drill whose plan holds the item, and moves to the next item not
/// marked yet.
fn mark_earlier(app: &mut App) {
    let lang = app.lang;
    let Screen::Hotwash(h) = &mut app.screen else {
        return;
    };
    let Some(e) = h.earlier.as_mut() else {
        return;
    };
    if e.items.is_empty() {
        return;
    }
    let Some(i) = h.selected.filter(|&i| i < e.items.len()) else {
        app.error(lang.t(S::HwEarlierSelect));
        return;
    };
    if e.field == MarkField::Status {
        e.field = MarkField::Note;
        return;
    }
    if e.note.is_blank() {
        app.error(lang.t(S::HwEarlierNeedNote));
        return;
    }
    let Some(update) = e.update(i) else {
        return;
    };
    let status = match lang {
        super::super::i18n::Lang::Ja => update.status.name_ja(),
        super::super::i18n::Lang::En => update.status.name(),
    };
    let text = lang.f(S::HwEarlierRecorded, &[&update.id, &update.drill, &status]);
    if with_drill(app, |d| d.item_update(&update)).is_none() {
        return;
    }
    let Some(seq) = app.drill.as_ref().and_then(|d| d.last_seq()) else {
        return;
    };
    let Screen::Hotwash(h) = &mut app.screen else {
        return;
    };
    let Some(e) = h.earlier.as_mut() else {
        return;
    };
    e.record(i, update, seq);
    h.selected = e
        .first_unmarked()
        .filter(|&n| e.marks[n].is_none())
        .or(Some(i));
    e.load(h.selected);
    app.info(text);
}

/// Records a hotwash entry; when it is the new version of the entry at `editing`, also a
/// correction of the old one naming it as the replacement. Returns the new record's `seq`.
fn record(app: &mut App, input: Input, editing: Option<usize>) -> Option<u64> {
    let lang = app.lang;
    let old = editing.and_then(|i| entry_seq(app, i));
    with_drill(app, |d| d.apply(input))?;
    let seq = app.drill.as_ref().and_then(|d| d.last_seq())?;
    match old {
        Some(old) => {
            let c = Correction {
                by: app.facilitator.clone(),
                reason: lang.t(S::HwEditedReason).to_string(),
                replaced_by: Some(seq),
                seq: old,
                ..Correction::default()
            };
            with_drill(app, |d| d.apply(Input::Correct(c)))?;
            app.info(lang.t(S::HwEdited));
        }
        None => app.info(lang.t(S::HwRecorded)),
    }
    Some(seq)
}

/// The journal `seq` of entry `i` of the focused section.
fn entry_seq(app: &App, i: usize) -> Option<u64> {
    let Screen::Hotwash(h) = &app.screen else {
        return None;
    };
    match h.section {
        HwSection::Strengths => h.strength_seqs.get(i).copied(),
        HwSection::Areas => h.area_seqs.get(i).copied(),
        HwSection::Items => h.item_seqs.get(i).copied(),
        _ => None,
    }
}

/// Puts a recorded entry in its list: in place of the edited one, else at the end.
fn place<T>(list: &mut Vec<T>, seqs: &mut Vec<u64>, editing: Option<usize>, value: T, seq: u64) {
    match editing.filter(|&i| i < list.len() && i < seqs.len()) {
        Some(i) => {
            list[i] = value;
            seqs[i] = seq;
        }
        None => {
            list.push(value);
            seqs.push(seq);
        }
    }
}

/// Removes the selected entry: a correction with the reason typed (an area an item still
/// answers is kept: edit or remove the item first).
fn remove_entry(app: &mut App) {
    let lang = app.lang;
    let Screen::Hotwash(h) = &mut app.screen else {
        return;
    };
    let Some(i) = h.selected.filter(|&i| i < h.entries()) else {
        h.removing = None;
        return;
    };
    let reason = h
        .removing
        .as_ref()
        .map(|r| r.trimmed().to_string())
        .unwrap_or_default();
    if reason.is_empty() {
        app.error(lang.t(S::CorrectNeedReason));
        return;
    }
    if h.section == HwSection::Areas {
        let id = h.areas[i].id.clone();
        if let Some(item) = h
            .items
            .iter()
            .find(|it| it.area.as_deref() == Some(id.as_str()))
        {
            let text = lang.f(S::HwAreaInUse, &[&item.id, &id]);
            h.removing = None;
            app.error(text);
            return;
        }
    }
    let Some(seq) = entry_seq(app, i) else {
        return;
    };
    let c = Correction {
        by: app.facilitator.clone(),
        reason,
        seq,
        ..Correction::default()
    };
    if with_drill(app, |d| d.apply(Input::Correct(c))).is_none() {
        return;
    }
    let Screen::Hotwash(h) = &mut app.screen else {
        return;
    };
    match h.section {
        HwSection::Strengths => {
            h.strengths.remove(i);
            h.strength_seqs.remove(i);
        }
        HwSection::Areas => {
            h.areas.remove(i);
            h.area_seqs.remove(i);
        }
        HwSection::Items => {
            h.items.remove(i);
            h.item_seqs.remove(i);
        }
        _ => {}
    }
    h.removing = None;
    h.selected = None;
    app.info(lang.t(S::HwRemoved));
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
