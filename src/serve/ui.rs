//! A seat's own screen state (focus, scrolling, the open list) and what its keys do. The keys
//! never reach the facilitator's key table: a seat has only its role's actions, its role's
//! decisions, "ready", help and leave. What a key asks of the drill comes back as a
//! [`SeatDo::Input`], which the hub wraps in [`crate::input::Input::Seat`].

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::input::Input;
use crate::session::TeamView;
use crate::tui::app::Panel;

/// Why a seat's screen closes (its last frame says which).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatClose {
    /// The seat left, or the drill ended.
    Ended,
    /// The same key connected again: the seat moved to the new connection.
    Moved,
}

/// A list open over a seat's screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatOverlay {
    /// The role's actions (selected row), then the chosen action's targets.
    Actions {
        /// Selected action row.
        selected: usize,
        /// The action whose target is being chosen, and the selected target row.
        target: Option<(String, usize)>,
    },
    /// The role's open decisions: which one, which option row.
    Decisions {
        /// Index among the role's open decisions.
        index: usize,
        /// Selected option row.
        selected: usize,
    },
    /// The seat's keys.
    Help,
}

/// What a seat's key asks for.
// Short-lived (one per key), so the size of its largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatDo {
    /// Nothing (the key means nothing here).
    Nothing,
    /// Only the seat's screen changed.
    Redraw,
    /// An input of the seat's role for the drill.
    Input(Input),
    /// Withdraw the role's last queued action (the hub finds its place in the turn's queue).
    WithdrawLast,
    /// The seat says it is ready to end the turn (or takes it back).
    Ready(bool),
    /// Leave: the connection closes (the seat can reconnect).
    Leave,
}

/// A seat's screen state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatUi {
    /// Focused panel (the tab shown at 80×24).
    pub focus: Panel,
    /// Scroll of each panel.
    pub scroll: [u16; 4],
    /// The open list, if any.
    pub overlay: Option<SeatOverlay>,
    /// The seat said "ready" this turn.
    pub ready: bool,
}

impl Default for SeatUi {
    fn default() -> Self {
        SeatUi {
            focus: Panel::Injects,
            scroll: [0; 4],
            overlay: None,
            ready: false,
        }
    }
}

/// The actions a seat may take: its role's (the owner's) actions of the catalogue offered now.
pub fn role_actions<'a>(view: &'a TeamView, role: &str) -> Vec<&'a crate::session::TeamAction> {
    view.actions.iter().filter(|a| a.owner == role).collect()
}

fn step(sel: usize, n: usize, code: KeyCode) -> usize {
    let last = n.saturating_sub(1);
    match code {
        KeyCode::Up | KeyCode::Char('k') => sel.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => (sel + 1).min(last),
        KeyCode::PageUp => sel.saturating_sub(10),
        KeyCode::PageDown => (sel + 10).min(last),
        KeyCode::Home => 0,
        KeyCode::End => last,
        _ => sel.min(last),
    }
}

impl SeatUi {
    /// Applies a key of the seat, given what its role sees now.
    pub fn key(&mut self, view: &TeamView, role: &str, k: KeyEvent) -> SeatDo {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(k.code, KeyCode::Char('c') | KeyCode::Char('d')) {
            return SeatDo::Leave;
        }
        match self.overlay.take() {
            None => self.console_key(view, k),
            Some(o) => self.overlay_key(view, role, o, k),
        }
    }

    fn console_key(&mut self, view: &TeamView, k: KeyEvent) -> SeatDo {
        let f = self.focus.index();
        match k.code {
            KeyCode::Char('q') => SeatDo::Leave,
            KeyCode::Char('?') | KeyCode::F(1) => {
                self.overlay = Some(SeatOverlay::Help);
                SeatDo::Redraw
            }
            KeyCode::Char('a') | KeyCode::Char('/') | KeyCode::Char('+') if !view.over => {
                self.overlay = Some(SeatOverlay::Actions {
                    selected: 0,
                    target: None,
                });
                SeatDo::Redraw
            }
            KeyCode::Char('d') if !view.decisions.is_empty() && !view.over => {
                let d = &view.decisions[0];
                let selected = d
                    .options
                    .iter()
                    .position(|(o, _)| Some(o) == d.queued.as_ref() || *o == d.default)
                    .unwrap_or(0);
                self.overlay = Some(SeatOverlay::Decisions { index: 0, selected });
                SeatDo::Redraw
            }
            KeyCode::Char('u') if !view.queued.is_empty() && !view.over => SeatDo::WithdrawLast,
            KeyCode::Char('r') if !view.over => {
                self.ready = !self.ready;
                SeatDo::Ready(self.ready)
            }
            KeyCode::Char(c @ '1'..='4') => {
                self.focus = Panel::ALL[(c as u8 - b'1') as usize];
                SeatDo::Redraw
            }
            KeyCode::Tab => {
                self.focus = self.focus.next();
                SeatDo::Redraw
            }
            KeyCode::BackTab => {
                self.focus = self.focus.prev();
                SeatDo::Redraw
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.scroll[f] = self.scroll[f].saturating_sub(1);
                SeatDo::Redraw
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.scroll[f] = self.scroll[f].saturating_add(1);
                SeatDo::Redraw
            }
            KeyCode::PageUp => {
                self.scroll[f] = self.scroll[f].saturating_sub(10);
                SeatDo::Redraw
            }
            KeyCode::PageDown => {
                self.scroll[f] = self.scroll[f].saturating_add(10);
                SeatDo::Redraw
            }
            KeyCode::Home => {
                self.scroll[f] = 0;
                SeatDo::Redraw
            }
            _ => SeatDo::Nothing,
        }
    }

    fn overlay_key(&mut self, view: &TeamView, role: &str, o: SeatOverlay, k: KeyEvent) -> SeatDo {
        if k.code == KeyCode::Esc || k.code == KeyCode::Char('q') {
            // Esc steps back from a target list to the actions; else closes.
            if let SeatOverlay::Actions {
                selected,
                target: Some(_),
            } = o
            {
                self.overlay = Some(SeatOverlay::Actions {
                    selected,
                    target: None,
                });
            }
            return SeatDo::Redraw;
        }
        match o {
            SeatOverlay::Help => SeatDo::Redraw,
            SeatOverlay::Actions { selected, target } => {
                let actions = role_actions(view, role);
                match target {
                    None => {
                        if k.code != KeyCode::Enter {
                            self.overlay = Some(SeatOverlay::Actions {
                                selected: step(selected, actions.len(), k.code),
                                target: None,
                            });
                            return SeatDo::Redraw;
                        }
                        let Some(a) = actions.get(selected) else {
                            self.overlay = Some(SeatOverlay::Actions {
                                selected,
                                target: None,
                            });
                            return SeatDo::Nothing;
                        };
                        if a.target == crate::scenario::TargetKind::None {
                            return SeatDo::Input(Input::Submit {
                                action: a.id.clone(),
                                target: None,
                                role: role.to_string(),
                            });
                        }
                        self.overlay = Some(SeatOverlay::Actions {
                            selected,
                            target: Some((a.id.clone(), 0)),
                        });
                        SeatDo::Redraw
                    }
                    Some((id, t)) => {
                        let targets: Vec<String> = actions
                            .iter()
                            .find(|a| a.id == id)
                            .map(|a| a.targets.clone())
                            .unwrap_or_default();
                        if k.code == KeyCode::Enter
                            && let Some(target) = targets.get(t)
                        {
                            return SeatDo::Input(Input::Submit {
                                action: id,
                                target: Some(target.clone()),
                                role: role.to_string(),
                            });
                        }
                        self.overlay = Some(SeatOverlay::Actions {
                            selected,
                            target: Some((id, step(t, targets.len(), k.code))),
                        });
                        SeatDo::Redraw
                    }
                }
            }
            SeatOverlay::Decisions { index, selected } => {
                let n = view.decisions.len();
                let Some(d) = view.decisions.get(index.min(n.saturating_sub(1))) else {
                    return SeatDo::Redraw;
                };
                match k.code {
                    KeyCode::Enter => {
                        let Some((option, _)) = d.options.get(selected) else {
                            return SeatDo::Redraw;
                        };
                        SeatDo::Input(Input::Decide {
                            decision: d.id.clone(),
                            option: option.clone(),
                            role: role.to_string(),
                        })
                    }
                    KeyCode::Tab | KeyCode::Right | KeyCode::Left | KeyCode::BackTab => {
                        let next = if matches!(k.code, KeyCode::Tab | KeyCode::Right) {
                            (index + 1) % n
                        } else {
                            (index + n - 1) % n
                        };
                        self.overlay = Some(SeatOverlay::Decisions {
                            index: next,
                            selected: 0,
                        });
                        SeatDo::Redraw
                    }
                    code => {
                        self.overlay = Some(SeatOverlay::Decisions {
                            index,
                            selected: step(selected, d.options.len(), code),
                        });
                        SeatDo::Redraw
                    }
                }
            }
        }
    }
}
