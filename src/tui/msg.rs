//! Messages: everything that can happen to the app, and the mapping from keys to messages.
//!
//! The mapping comes from the key table in [`super::keys`] and depends only on the
//! [`InputContext`] (is a text field focused, is a yes/no question open), so it is tested
//! without a terminal.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Overlay, Panel, Screen};
use super::event::ConsoleEvent;

/// Something that happened: a key meaning, a resize.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// Ctrl-C: ask how to leave (the leave dialog); a second Ctrl-C suspends.
    Interrupt,
    /// The process was asked to stop (SIGTERM, SIGHUP: the terminal closed, SIGINT): suspend
    /// at once, without sealing.
    Stop,
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// A character typed into a text field.
    Char(char),
    /// Delete before the cursor.
    Backspace,
    /// Delete under the cursor.
    Delete,
    /// ←.
    Left,
    /// →.
    Right,
    /// ↑.
    Up,
    /// ↓.
    Down,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// Enter: choose, confirm, record.
    Enter,
    /// Esc: close the overlay or dialog.
    Esc,
    /// Tab: next field or panel.
    Tab,
    /// Shift-Tab: previous field or panel.
    BackTab,
    /// Open the help overlay.
    Help,
    /// Ask to quit.
    AskQuit,
    /// Yes to the open question.
    Confirm,
    /// From the leave dialog: go to the hotwash before sealing.
    Hotwash,
    /// From the leave dialog: suspend (the journal stays unsealed; `--resume` continues it).
    Suspend,
    /// From the leave dialog: end the drill (seal the journal) and leave.
    EndDrill,
    /// Open the action picker.
    OpenActions,
    /// Open the decision dialog.
    OpenDecision,
    /// Ask to end the turn.
    AskEndTurn,
    /// Show the last resolution again.
    ShowResolution,
    /// Open the MSEL to fire an inject.
    OpenFire,
    /// Open the score override dialog.
    OpenOverride,
    /// Open the note dialog.
    OpenNote,
    /// Pause or resume.
    TogglePause,
    /// Toggle the control view.
    ToggleControl,
    /// Open the corrections: correct a decision, override or note recorded by mistake.
    OpenCorrect,
    /// `--serve`: show the seats.
    OpenSeats,
    /// Practice: ask for a hint (the model answer's next step for the player's roles).
    AskHint,
    /// Hotwash: edit the selected entry (the new version is recorded with a correction).
    EditEntry,
    /// Hotwash: remove the selected entry (a correction, with a reason).
    RemoveEntry,
    /// Withdraw the last queued action.
    Undo,
    /// Withdraw the selected queued action.
    Withdraw,
    /// Focus a panel.
    Focus(Panel),
}

/// What kind of keys the app expects now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputContext {
    /// Letters are commands.
    Command,
    /// A text field has focus: letters are typed.
    Text,
    /// A yes/no question is open.
    Confirm,
}

/// The input context of the app as it is now.
pub fn context(app: &App) -> InputContext {
    if app.leave.is_some() {
        return InputContext::Confirm;
    }
    if app.help.is_some() {
        return InputContext::Command;
    }
    match &app.screen {
        Screen::Setup(_) => InputContext::Text,
        Screen::Hotwash(h) if h.leaving => InputContext::Confirm,
        Screen::Hotwash(_) => InputContext::Text,
        Screen::Sealed(_) | Screen::Practice(_) => InputContext::Command,
        Screen::Console => match &app.overlay {
            Some(Overlay::EndTurn) => InputContext::Confirm,
            Some(
                Overlay::Actions(_)
                | Overlay::Fire { .. }
                | Overlay::Note(_)
                | Overlay::Override(_)
                | Overlay::Correct(_),
            ) => InputContext::Text,
            Some(Overlay::Hint(_)) => InputContext::Confirm,
            Some(Overlay::Decision { .. } | Overlay::Resolution { .. } | Overlay::Seats) | None => {
                InputContext::Command
            }
        },
    }
}

/// Maps a key press to a message in a context; `None` for keys that mean nothing there.
pub fn key_to_msg(ctx: InputContext, key: KeyEvent) -> Option<Msg> {
    super::keys::lookup(ctx, &key)
}

/// Maps a console event to a message (key presses and resizes).
pub fn event_to_msg(ctx: InputContext, event: &ConsoleEvent) -> Option<Msg> {
    match event {
        ConsoleEvent::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        ConsoleEvent::Key(k) => key_to_msg(ctx, *k),
        ConsoleEvent::Stop(_) => Some(Msg::Stop),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn letters_are_commands_or_text_by_context() {
        let a = key(KeyCode::Char('a'));
        assert_eq!(key_to_msg(InputContext::Command, a), Some(Msg::OpenActions));
        assert_eq!(key_to_msg(InputContext::Text, a), Some(Msg::Char('a')));
        assert_eq!(key_to_msg(InputContext::Confirm, a), None);
        let q = key(KeyCode::Char('q'));
        assert_eq!(key_to_msg(InputContext::Command, q), Some(Msg::AskQuit));
        assert_eq!(key_to_msg(InputContext::Text, q), Some(Msg::Char('q')));
        let y = key(KeyCode::Char('y'));
        assert_eq!(key_to_msg(InputContext::Confirm, y), Some(Msg::Confirm));
        assert_eq!(
            key_to_msg(InputContext::Text, key(KeyCode::Char('訓'))),
            Some(Msg::Char('訓'))
        );
    }

    #[test]
    fn every_console_key_maps() {
        let expect = [
            ('a', Msg::OpenActions),
            ('d', Msg::OpenDecision),
            ('e', Msg::AskEndTurn),
            ('r', Msg::ShowResolution),
            ('f', Msg::OpenFire),
            ('o', Msg::OpenOverride),
            ('n', Msg::OpenNote),
            ('p', Msg::TogglePause),
            ('c', Msg::ToggleControl),
            ('u', Msg::Undo),
            ('x', Msg::Withdraw),
            ('?', Msg::Help),
            ('2', Msg::Focus(Panel::Board)),
        ];
        for (c, m) in expect {
            assert_eq!(
                key_to_msg(InputContext::Command, key(KeyCode::Char(c))),
                Some(m),
                "{c}"
            );
        }
        assert_eq!(
            key_to_msg(InputContext::Command, key(KeyCode::Char('z'))),
            None
        );
    }

    #[test]
    fn control_c_interrupts_everywhere_and_esc_closes() {
        let cc = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for ctx in [
            InputContext::Command,
            InputContext::Text,
            InputContext::Confirm,
        ] {
            assert_eq!(key_to_msg(ctx, cc), Some(Msg::Interrupt));
            assert_eq!(key_to_msg(ctx, key(KeyCode::Esc)), Some(Msg::Esc));
            assert_eq!(key_to_msg(ctx, key(KeyCode::F(1))), Some(Msg::Help));
        }
        let st = KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(key_to_msg(InputContext::Text, st), Some(Msg::BackTab));
        assert_eq!(
            key_to_msg(
                InputContext::Text,
                KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT)
            ),
            None
        );
    }

    #[test]
    fn questions_take_yes_no_hotwash_and_help() {
        let c = |ch| key_to_msg(InputContext::Confirm, key(KeyCode::Char(ch)));
        for (ch, m) in [
            ('y', Some(Msg::Confirm)),
            ('Y', Some(Msg::Confirm)),
            ('n', Some(Msg::Esc)),
            ('N', Some(Msg::Esc)),
            ('h', Some(Msg::Hotwash)),
            ('H', Some(Msg::Hotwash)),
            ('s', Some(Msg::Suspend)),
            ('e', Some(Msg::EndDrill)),
            ('?', Some(Msg::Help)),
            ('a', None),
            ('q', None),
        ] {
            assert_eq!(c(ch), m, "{ch}");
        }
        let cmd = |ch| key_to_msg(InputContext::Command, key(KeyCode::Char(ch)));
        assert_eq!(cmd('y'), Some(Msg::Confirm));
        assert_eq!(cmd('Y'), None);
        assert_eq!(cmd('j'), Some(Msg::Down));
        assert_eq!(cmd('k'), Some(Msg::Up));
        assert_eq!(cmd('/'), Some(Msg::OpenActions));
        assert_eq!(cmd('+'), Some(Msg::OpenActions));
        assert_eq!(
            key_to_msg(
                InputContext::Command,
                KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL)
            ),
            None,
            "Ctrl with another letter means nothing"
        );
    }

    #[test]
    fn resizes_pass() {
        assert_eq!(
            event_to_msg(InputContext::Command, &ConsoleEvent::Resize(100, 30)),
            Some(Msg::Resize(100, 30))
        );
        let q = ConsoleEvent::Key(key(KeyCode::Char('q')));
        assert_eq!(event_to_msg(InputContext::Command, &q), Some(Msg::AskQuit));
    }
}
