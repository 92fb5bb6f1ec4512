//! `update(&mut App, Msg)`: the only place the app's state changes. Everything that matters to
//! the drill goes through [`crate::session::Drill`], so it is journaled; the rest is
//! presentation state (focus, scrolling, overlays). One module per screen or dialog, as in
//! [`super::view`].

mod console;
mod correct;
mod dialogs;
mod help;
mod hotwash;
mod picker;
mod practice;
mod resolution;
mod sealed;
mod setup;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::report::fill;
use crate::session::{Drill, SessionError};

use super::app::{App, Exit, LeaveChoice, LeaveDialog, Screen, SealedView};
use super::event::ConsoleEvent;
use super::msg::{Msg, context, event_to_msg, key_to_msg};
use super::text_input::TextInput;

/// Handles one console event: maps it in the app's current context and applies it. An
/// Alt+letter press is how a terminal delivers Esc followed quickly by a letter, so it is
/// handled as Esc, then the letter. Returns true when something was applied (redraw).
pub fn handle_event(app: &mut App, event: &ConsoleEvent) -> bool {
    let handled = handle_event_inner(app, event);
    // The seats follow every change of the drill, whoever made it.
    crate::serve::hub::after_event(app);
    handled
}

/// Ends the turn because every connected seat said "ready" (`--end-when-ready`), unless the
/// facilitator has a dialog open (then the facilitator ends it).
pub fn end_turn_by_seats(app: &mut App) {
    if !matches!(app.screen, Screen::Console)
        || app.paused
        || !matches!(
            app.overlay,
            None | Some(super::app::Overlay::Resolution { .. })
        )
    {
        return;
    }
    app.overlay = None;
    practice::play_others(app);
    console::end_turn(app);
}

fn handle_event_inner(app: &mut App, event: &ConsoleEvent) -> bool {
    if let ConsoleEvent::Seat(ev) = event {
        crate::serve::hub::handle(app, ev.clone());
        return true;
    }
    if let ConsoleEvent::Key(k) = event
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
        Msg::Stop => {
            suspend(app);
            return;
        }
        _ => {}
    }
    if let Some(d) = app.leave.take() {
        app.leave = leave_update(app, d, msg);
        return;
    }
    if let Some(scroll) = app.help {
        help::update(app, scroll, msg);
        return;
    }
    if msg == Msg::Help {
        app.help = Some(0);
        return;
    }
    match app.screen {
        Screen::Setup(_) => setup::update(app, msg),
        Screen::Console => console::update(app, msg),
        Screen::Hotwash(_) => hotwash::update(app, msg),
        Screen::Practice(_) => practice::end_update(app, msg),
        Screen::Sealed(_) => sealed::update(app, msg),
    }
}

/// Ctrl-C: before a drill, leave (nothing is recorded); on the sealed screen, leave; during a
/// drill, ask how to leave, and suspend at a second Ctrl-C. Nothing is sealed without a choice.
fn interrupt(app: &mut App) {
    if let Screen::Sealed(s) = &app.screen {
        app.exit = Some(Exit::Sealed(s.clone()));
        return;
    }
    if app.drill.is_none() {
        app.exit = Some(Exit::NotStarted);
        return;
    }
    if app.leave.is_some() {
        suspend(app);
    } else {
        open_leave(app);
    }
}

/// Opens the leave dialog over whatever is shown (the help closes).
pub(super) fn open_leave(app: &mut App) {
    app.help = None;
    app.leave = Some(LeaveDialog::new(matches!(
        app.screen,
        Screen::Console | Screen::Practice(_)
    )));
}

/// Suspends the drill: the journal is left as it is, every record already written and synced,
/// and unsealed, so that `kunren play --resume` continues it. Used by the leave dialog, a
/// second Ctrl-C, SIGTERM and SIGHUP.
pub(super) fn suspend(app: &mut App) {
    if let Screen::Sealed(s) = &app.screen {
        app.exit = Some(Exit::Sealed(s.clone()));
        return;
    }
    let path = app.drill.take().and_then(|d| d.journal_path());
    app.exit = Some(match (&app.screen, path) {
        (Screen::Setup(_), _) => Exit::NotStarted,
        (_, p) => Exit::Suspended(p),
    });
}

/// Seals the journal (as aborted unless the drill reached an ending) and leaves; the summary
/// with the commands to verify and report is printed once the terminal is restored.
fn end_drill(app: &mut App) {
    match seal(app, "ended by the facilitator") {
        Ok(s) => app.exit = Some(s.map(Exit::Sealed).unwrap_or(Exit::NotStarted)),
        Err(e) => app.exit = Some(Exit::Failed(e)),
    }
}

/// Applies a message to the leave dialog; returns it while it stays open.
fn leave_update(app: &mut App, mut d: LeaveDialog, msg: Msg) -> Option<LeaveDialog> {
    let choice = match msg {
        Msg::Up | Msg::BackTab => {
            d.selected = d.selected.saturating_sub(1);
            return Some(d);
        }
        Msg::Down | Msg::Tab => {
            d.selected = (d.selected + 1).min(d.choices.len().saturating_sub(1));
            return Some(d);
        }
        Msg::Enter | Msg::Confirm => d.choice(),
        Msg::Suspend => LeaveChoice::Suspend,
        Msg::EndDrill => LeaveChoice::End,
        Msg::Hotwash if d.choices.contains(&LeaveChoice::Hotwash) => LeaveChoice::Hotwash,
        Msg::Esc | Msg::AskQuit => LeaveChoice::Cancel,
        _ => return Some(d),
    };
    match choice {
        LeaveChoice::Suspend => suspend(app),
        LeaveChoice::End => end_drill(app),
        LeaveChoice::Hotwash => console::go_hotwash(app),
        LeaveChoice::Cancel => {}
    }
    None
}

/// Seals the journal; `Ok(None)` when the drill was not recorded.
pub(super) fn seal(app: &mut App, reason: &str) -> Result<Option<SealedView>, String> {
    let Some(drill) = app.drill.take() else {
        return Ok(None);
    };
    let path = drill.journal_path();
    match drill.close(reason) {
        Ok(Some(info)) => Ok(path.map(|p| SealedView::new(p, &info, app.pubkey.clone()))),
        Ok(None) => Ok(None),
        Err(e) => Err(fill(
            app.lang.cli_text().seal_failed,
            &[("error", &e.message(app.lang))],
        )),
    }
}

/// Runs a drill operation: engine refusals go to the status line, journal failures stop the
/// session. Refreshes the model after success.
pub(super) fn with_drill<T>(
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
            app.exit = Some(Exit::Failed(fill(
                app.lang.cli_text().journal_failed,
                &[("error", &e)],
            )));
            None
        }
        Err(SessionError::Engine(e)) => {
            // A refusal in the console's language, with names, not ids.
            let text = match &app.model {
                Some(m) => crate::tui::view::picker::refusal(m, &e, app.lang),
                None => e.message(app.lang),
            };
            app.error(text);
            None
        }
        Err(e) => {
            app.error(e.message(app.lang));
            None
        }
    }
}

/// Applies an editing message to a text field.
pub(super) fn edit(input: &mut TextInput, msg: Msg) {
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

/// True for messages that edit a text field.
pub(super) fn is_edit(msg: Msg) -> bool {
    matches!(
        msg,
        Msg::Char(_) | Msg::Backspace | Msg::Delete | Msg::Left | Msg::Right | Msg::Home | Msg::End
    )
}

/// A scroll offset moved by a message, within 0..=max.
pub(super) fn step_scroll(s: u16, msg: Msg, max: u16) -> u16 {
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
