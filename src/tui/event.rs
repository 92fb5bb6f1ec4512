//! The console's events: every source (the terminal today; the network and timers later) sends
//! a [`ConsoleEvent`] on one channel, and the console's loop blocks on it (`recv`), so an idle
//! console sleeps instead of polling.

use std::sync::mpsc::Sender;

use ratatui::crossterm::event::{self, Event, KeyEvent};

/// Something the console reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConsoleEvent {
    /// A key was pressed (releases and repeats of other kinds are dropped at the source).
    Key(KeyEvent),
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// The terminal input failed or closed; the console must stop. The text says why.
    InputClosed(String),
    /// The process was asked to stop by a signal (its name: `SIGTERM`, `SIGHUP` when the
    /// terminal closed, `SIGINT`): the console suspends the drill without sealing it.
    Stop(&'static str),
    /// `kunren play --serve`: a seat joined, typed, resized, left, or a connection was
    /// refused (see [`crate::serve`]).
    Seat(crate::serve::SeatEvent),
}

impl ConsoleEvent {
    /// The console's event for a terminal event, if it has one (key presses and resizes).
    pub fn from_terminal(e: &Event) -> Option<ConsoleEvent> {
        match e {
            Event::Resize(w, h) => Some(ConsoleEvent::Resize(*w, *h)),
            _ => e.as_key_press_event().map(ConsoleEvent::Key),
        }
    }
}

/// Starts the thread that reads the terminal and sends its events: it blocks in
/// `crossterm::event::read` between keys (no polling), and ends when the terminal input fails
/// or when nobody listens any more.
pub fn spawn_terminal_input(tx: Sender<ConsoleEvent>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("kunren-input".into())
        .spawn(move || {
            loop {
                match event::read() {
                    Ok(e) => {
                        if let Some(ev) = ConsoleEvent::from_terminal(&e)
                            && tx.send(ev).is_err()
                        {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(ConsoleEvent::InputClosed(e.to_string()));
                        return;
                    }
                }
            }
        })
        .map(|_| ())
}

/// Starts the thread that turns SIGTERM, SIGHUP and SIGINT into [`ConsoleEvent::Stop`] on the
/// channel (in raw mode Ctrl-C is a key, not a signal; these come from outside: `kill`, a
/// closed terminal). The handlers stay installed for the life of the process, so a signal
/// never kills the console before it restored the terminal.
pub fn spawn_signal_watch(tx: Sender<ConsoleEvent>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("kunren-signals".into())
        .spawn(move || {
            for s in signals.forever() {
                let name = match s {
                    SIGHUP => "SIGHUP",
                    SIGINT => "SIGINT",
                    _ => "SIGTERM",
                };
                if tx.send(ConsoleEvent::Stop(name)).is_err() {
                    return;
                }
            }
        })
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyEventState, KeyModifiers};

    #[test]
    fn presses_and_resizes_become_events_releases_do_not() {
        let press = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            ConsoleEvent::from_terminal(&Event::Key(press)),
            Some(ConsoleEvent::Key(press))
        );
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
            ..press
        };
        assert_eq!(ConsoleEvent::from_terminal(&Event::Key(release)), None);
        assert_eq!(
            ConsoleEvent::from_terminal(&Event::Resize(100, 30)),
            Some(ConsoleEvent::Resize(100, 30))
        );
        assert_eq!(ConsoleEvent::from_terminal(&Event::FocusGained), None);
    }

    #[test]
    fn the_channel_carries_events_from_any_thread() {
        let (tx, rx) = std::sync::mpsc::channel();
        let t = std::thread::spawn(move || tx.send(ConsoleEvent::Resize(1, 2)));
        assert_eq!(rx.recv(), Ok(ConsoleEvent::Resize(1, 2)));
        assert!(t.join().is_ok_and(|r| r.is_ok()));
        assert!(rx.recv().is_err(), "every sender gone: the loop can end");
    }
}
