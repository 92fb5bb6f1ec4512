//! Dialogs over the console: end turn, decision, fire an inject, override a score line, note
//! (the action picker, the resolution and the leave dialog have their own code).

use super::super::app::{App, Overlay, OverrideDialog, OverrideStep, Panel};
use super::super::i18n::S;
use super::super::lists::filtered_msel;
use super::super::msg::Msg;
use super::super::rules::override_points;
use super::super::text_input::TextInput;
use super::console::{default_row, end_turn};
use super::{edit, is_edit, picker, resolution, with_drill};

/// Applies a message to the open overlay.
pub(super) fn update(app: &mut App, msg: Msg) {
    let Some(overlay) = app.overlay.take() else {
        return;
    };
    app.overlay = match overlay {
        Overlay::EndTurn => match msg {
            Msg::Confirm | Msg::Enter => {
                super::practice::play_others(app);
                end_turn(app);
                app.overlay.take()
            }
            Msg::Esc => None,
            _ => Some(Overlay::EndTurn),
        },
        Overlay::Actions(p) => picker::update(app, p, msg),
        Overlay::Decision {
            index,
            selected,
            confirming,
        } => decision_update(app, index, selected, confirming, msg),
        Overlay::Fire { filter, selected } => fire_update(app, filter, selected, msg),
        Overlay::Override(d) => override_update(app, d, msg),
        Overlay::Note(mut note) => match msg {
            Msg::Esc => None,
            Msg::Tab | Msg::BackTab => {
                note.private = !note.private;
                Some(Overlay::Note(note))
            }
            Msg::Enter => {
                if note.input.is_blank() {
                    app.error(app.lang.t(S::StEmptyNote));
                    Some(Overlay::Note(note))
                } else {
                    let text = note.input.trimmed().to_string();
                    let private = note.private;
                    let done = with_drill(app, |d| {
                        if private {
                            d.private_note(&text)
                        } else {
                            d.note(&text)
                        }
                    });
                    if done.is_some() {
                        app.info(app.lang.t(if private {
                            S::StNotedPrivate
                        } else {
                            S::StNoted
                        }));
                        None
                    } else {
                        Some(Overlay::Note(note))
                    }
                }
            }
            m if is_edit(m) => {
                edit(&mut note.input, m);
                Some(Overlay::Note(note))
            }
            _ => Some(Overlay::Note(note)),
        },
        Overlay::Resolution { report, scroll } => resolution::update(app, report, scroll, msg),
        Overlay::Correct(d) => super::correct::update(app, d, msg),
        Overlay::Hint(d) => super::practice::hint_update(app, d, msg),
        Overlay::Seats => match msg {
            Msg::Esc | Msg::OpenSeats | Msg::AskQuit | Msg::Enter => None,
            _ => Some(Overlay::Seats),
        },
    };
}

/// The decision dialog: ↑↓ choose (from the default), Enter shows what the option does and who
/// decides, and only a second Enter (or `y`) records it; Esc steps back, then closes.
fn decision_update(
    app: &mut App,
    index: usize,
    selected: usize,
    confirming: bool,
    msg: Msg,
) -> Option<Overlay> {
    let lang = app.lang;
    let decisions = app.model.as_ref()?.team().decisions.clone();
    if decisions.is_empty() {
        return None;
    }
    let index = index.min(decisions.len() - 1);
    let d = &decisions[index];
    let n = d.options.len();
    let (mut index, mut selected) = (index, selected.min(n.saturating_sub(1)));
    if confirming {
        return match msg {
            Msg::Enter | Msg::Confirm => {
                let (opt, label) = d.options.get(selected).cloned()?;
                let (id, owner, prompt) = (d.id.clone(), d.owner.clone(), d.prompt.clone());
                with_drill(app, |dr| dr.decide(&id, &opt, &owner))?;
                let waiting = app.undecided();
                let mut text = lang.f(S::StDecided, &[&prompt, &label]);
                if waiting > 0 {
                    text.push(' ');
                    text.push_str(&lang.decisions_waiting(waiting));
                }
                app.info(text);
                None
            }
            Msg::Esc | Msg::Up | Msg::BackTab => Some(Overlay::Decision {
                index,
                selected,
                confirming: false,
            }),
            _ => Some(Overlay::Decision {
                index,
                selected,
                confirming: true,
            }),
        };
    }
    match msg {
        Msg::Esc => return None,
        Msg::Up => selected = selected.saturating_sub(1),
        Msg::Down => selected = (selected + 1).min(n.saturating_sub(1)),
        Msg::Left | Msg::Right | Msg::Tab | Msg::BackTab => {
            let k = decisions.len();
            index = if matches!(msg, Msg::Left | Msg::BackTab) {
                (index + k - 1) % k
            } else {
                (index + 1) % k
            };
            selected = default_row(&decisions[index]);
        }
        Msg::Enter => {
            return Some(Overlay::Decision {
                index,
                selected,
                confirming: true,
            });
        }
        _ => {}
    }
    Some(Overlay::Decision {
        index,
        selected,
        confirming: false,
    })
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
            return None;
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
    let lines = app.model.as_ref()?.lines();
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
        (OverrideStep::Points, Msg::Enter) => match lines.get(d.selected) {
            Some(l) => match override_points(&d.points, &l.line) {
                Ok(_) => {
                    d.step = OverrideStep::Reason;
                    app.status = None;
                }
                Err(e) => app.error(e.text(lang)),
            },
            None => d.step = OverrideStep::Line,
        },
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
            } else if let Some(l) = lines.get(d.selected)
                && let Ok(points) = override_points(&d.points, &l.line)
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
