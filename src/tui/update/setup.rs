//! The setup screen: fields, choices, and starting the drill.

use super::super::app::{App, Exit, Screen};
use super::super::msg::Msg;
use super::super::setup::SetupField;
use super::edit;

/// Applies a message on the setup screen.
pub(super) fn update(app: &mut App, msg: Msg) {
    let Screen::Setup(s) = &mut app.screen else {
        return;
    };
    match msg {
        Msg::Esc => app.exit = Some(Exit::NotStarted),
        Msg::Tab | Msg::Down => s.move_focus(1),
        Msg::BackTab | Msg::Up => s.move_focus(-1),
        Msg::Left | Msg::Right => {
            let d = if msg == Msg::Left { -1 } else { 1 };
            match s.input_mut() {
                Some(i) if d < 0 => i.left(),
                Some(i) => i.right(),
                None => s.cycle(d),
            }
            app.lang = s.lang;
        }
        Msg::Char(c) => {
            if s.focus == SetupField::Seed && !c.is_ascii_digit() {
                return;
            }
            if let Some(i) = s.input_mut() {
                i.insert(c);
            }
            s.problem = None;
        }
        Msg::Backspace | Msg::Delete | Msg::Home | Msg::End => {
            if let Some(i) = s.input_mut() {
                edit(i, msg);
            }
        }
        Msg::Enter => {
            let req = match s.request() {
                Ok(r) => r,
                Err(e) => {
                    s.problem = Some(e);
                    return;
                }
            };
            match super::super::start_drill(&req) {
                Ok(drill) => {
                    let participants = req
                        .participants
                        .iter()
                        .map(|p| (p.name.clone(), p.role.clone()))
                        .collect();
                    let pubkey = req.key.as_deref().map(crate::journal::public_key_path);
                    let mut next = App::console(drill, req.lang, app.size);
                    next.participants = participants;
                    next.refresh();
                    next.pubkey = pubkey;
                    next.earlier = s.earlier.clone();
                    next.start_message();
                    *app = next;
                }
                Err(e) => s.problem = Some(e),
            }
        }
        _ => {}
    }
}
