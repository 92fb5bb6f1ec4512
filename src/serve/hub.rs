//! The console's side of the seats: the events connections send ([`SeatEvent`]), each seat's
//! screen state, inputs applied to the drill as [`Input::Seat`] (so the session checks the
//! role and journals who made them), refusals journaled, and every connected seat's frame
//! rendered after each change of the drill. It runs on the console's thread, inside its
//! update loop: one owner of the drill, no locks around it.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;

use super::auth::SeatTable;
use super::conn::{Frame, Outlet};
use super::seats::{SeatAuth, SeatSpec};
use super::ui::{SeatClose, SeatDo, SeatUi};
use crate::i18n::S;
use crate::input::Input;
use crate::practice::Practice;
use crate::records::{SeatId, SeatRefused};
use crate::session::SessionError;
use crate::tui::app::{App, Exit};
use crate::tui::model::Model;
use crate::tui::{ConsoleEvent, Lang};

/// What a connection tells the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatEvent {
    /// A participant signed in and opened their screen.
    Joined {
        /// Connection id.
        conn: u64,
        /// Seat index (in `--seat` order).
        seat: usize,
        /// Terminal size (columns, rows).
        size: (u16, u16),
        /// Where to put the seat's frames.
        outlet: Outlet,
    },
    /// A key of a seat.
    Key {
        /// Connection id.
        conn: u64,
        /// The key.
        key: KeyEvent,
    },
    /// A seat's terminal changed size.
    Resize {
        /// Connection id.
        conn: u64,
        /// New size (columns, rows).
        size: (u16, u16),
    },
    /// A seat's connection ended.
    Left {
        /// Connection id.
        conn: u64,
        /// Seat index.
        seat: usize,
    },
    /// A connection was refused (to be journaled).
    Refused(SeatRefused),
    /// The server stopped (why).
    ServerStopped(String),
}

/// The connection holding a seat.
#[derive(Debug)]
pub struct Link {
    /// Connection id.
    pub conn: u64,
    outlet: Outlet,
}

/// A seat as the console keeps it.
pub struct SeatState {
    /// Index in the table.
    pub index: usize,
    /// What `--seat` said.
    pub spec: SeatSpec,
    /// The connection holding it now.
    pub link: Option<Link>,
    /// Its screen state.
    pub ui: SeatUi,
    /// The seat's own console state (language, size, model, status line): its screen is drawn
    /// from it with the console's view code.
    pub app: App,
    /// Identity journaled with its inputs (the key or the code it signed in with).
    pub id: SeatId,
    terminal: Option<Terminal<TestBackend>>,
    /// Times it connected.
    pub joins: u32,
}

/// The seats of a served drill.
pub struct Hub {
    /// The seat table the server checks sign-ins against.
    pub table: Arc<Mutex<SeatTable>>,
    /// Every seat.
    pub seats: Vec<SeatState>,
    /// The host key's fingerprint (`SHA256:…`).
    pub fingerprint: String,
    /// Where the host key is kept.
    pub host_key: PathBuf,
    /// The address the server listens on.
    pub addr: std::net::SocketAddr,
    /// End the turn by itself once every connected seat is ready.
    pub end_when_ready: bool,
    /// The reference response playing the roles no seat holds, when asked for.
    pub reference: Option<Practice>,
    /// Refusals journaled so far.
    pub refusals: u32,
    /// The drill as last published (last record, turn, paused): seats are redrawn when it moves.
    published: (Option<u64>, u32, bool, bool),
    /// Set when the server stopped (why).
    pub stopped: Option<String>,
}

fn seat_id(spec: &SeatSpec, code: Option<String>) -> SeatId {
    SeatId {
        code,
        key: match &spec.auth {
            SeatAuth::Key { fingerprint, .. } => Some(fingerprint.clone()),
            SeatAuth::Code => None,
        },
        participant: spec.name.clone(),
        role: spec.role.clone(),
    }
}

impl Hub {
    /// Starts the server for these seats: loads or makes the host key in `key_dir`, binds
    /// `addr`, and returns the hub the console keeps.
    pub fn start(
        args: &super::ServeArgs,
        specs: Vec<SeatSpec>,
        key_dir: &std::path::Path,
        lang: Lang,
        tx: Sender<ConsoleEvent>,
    ) -> Result<Hub, super::error::SeatError> {
        let (key, host_key) = super::hostkey::load_or_create(key_dir)?;
        let mut hub = Hub::offline(specs, lang);
        hub.fingerprint = super::hostkey::host_fingerprint(&key);
        hub.host_key = host_key;
        hub.end_when_ready = args.end_when_ready;
        hub.addr = super::server::start(&args.addr, key, hub.table.clone(), tx)?;
        Ok(hub)
    }

    /// The hub of these seats with no server behind it (benchmarks, tests): a seat joins
    /// through [`Hub::handle`] with a [`SeatEvent::Joined`] carrying an outlet of its own.
    pub fn offline(specs: Vec<SeatSpec>, lang: Lang) -> Hub {
        let seats = specs
            .iter()
            .enumerate()
            .map(|(index, spec)| SeatState {
                index,
                spec: spec.clone(),
                link: None,
                ui: SeatUi::default(),
                app: App::for_seat(spec.lang.unwrap_or(lang), (80, 24)),
                id: seat_id(spec, None),
                terminal: None,
                joins: 0,
            })
            .collect();
        Hub {
            table: Arc::new(Mutex::new(SeatTable::new(specs))),
            seats,
            fingerprint: String::new(),
            host_key: PathBuf::new(),
            addr: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            end_when_ready: false,
            reference: None,
            refusals: 0,
            published: (None, 0, false, false),
            stopped: None,
        }
    }

    /// The roles some seat plays, or some participant of `participants` (name, role) who is
    /// not the reference response (a participant at the facilitator's keyboard holds a role
    /// too).
    pub fn held_roles(&self, participants: &[(String, String)]) -> Vec<String> {
        let mut v: Vec<String> = self.seats.iter().map(|s| s.spec.role.clone()).collect();
        v.extend(
            participants
                .iter()
                .filter(|(name, _)| !crate::tui::is_reference_player(name))
                .map(|(_, role)| role.clone()),
        );
        v.sort();
        v.dedup();
        v
    }

    /// Seats connected now.
    pub fn connected(&self) -> usize {
        self.seats.iter().filter(|s| s.link.is_some()).count()
    }

    /// Connected seats that said "ready".
    pub fn ready(&self) -> usize {
        self.seats
            .iter()
            .filter(|s| s.link.is_some() && s.ui.ready)
            .count()
    }

    /// The join code shown for a code seat now (`1234-5678`).
    pub fn code_of(&self, seat: usize) -> Option<String> {
        let t = self.table.lock().unwrap_or_else(|e| e.into_inner());
        t.seats
            .get(seat)
            .and_then(|s| s.code.as_ref())
            .map(|c| format!("{}-{}", &c.code[..4], &c.code[4..]))
    }

    fn by_conn(&self, conn: u64) -> Option<usize> {
        self.seats
            .iter()
            .position(|s| s.link.as_ref().is_some_and(|l| l.conn == conn))
    }

    /// Draws one seat's screen (its closing screen, when closing) and hands it to its
    /// connection.
    fn render(&mut self, i: usize, closing: Option<SeatClose>) {
        let s = &mut self.seats[i];
        s.app.focus = s.ui.focus;
        s.app.scroll = s.ui.scroll;
        let Some(link) = &s.link else { return };
        let (w, h) = s.app.size;
        let term = match &mut s.terminal {
            Some(t)
                if t.backend().buffer().area.width == w
                    && t.backend().buffer().area.height == h =>
            {
                t
            }
            slot => {
                let Ok(t) = Terminal::new(TestBackend::new(w, h));
                slot.insert(t)
            }
        };
        let ui = &s.ui;
        let app = &s.app;
        let spec = &s.spec;
        if term
            .draw(|f| crate::tui::view::seats::render_seat(app, ui, spec, closing, f))
            .is_err()
        {
            return;
        }
        let buffer = Arc::new(term.backend().buffer().clone());
        link.outlet.send(Frame {
            buffer,
            close: closing.is_some(),
        });
    }

    /// Rebuilds each connected seat's model from the drill (one per role) and redraws them.
    fn publish_all(&mut self, app: &mut App) {
        let Some(drill) = app.drill.as_mut() else {
            return;
        };
        let mut models: Vec<(String, Model)> = Vec::new();
        for i in 0..self.seats.len() {
            if self.seats[i].link.is_none() {
                continue;
            }
            let role = self.seats[i].spec.role.clone();
            let model = match models.iter().find(|(r, _)| *r == role) {
                Some((_, m)) => m.clone(),
                None => {
                    let mut m = Model::build_for(drill, false, Some(&role), &app.reports);
                    m.people = app.participants.clone();
                    models.push((role, m.clone()));
                    m
                }
            };
            let s = &mut self.seats[i];
            if s.app.model.as_ref().is_some_and(|m| m.turn != model.turn) {
                s.ui.ready = false;
                s.ui.overlay = None;
            }
            s.app.model = Some(model);
            s.app.paused = app.paused;
            self.render(i, None);
        }
        self.published = self.state(app);
    }

    fn state(&self, app: &mut App) -> (Option<u64>, u32, bool, bool) {
        let paused = app.paused;
        let over = app.model.as_ref().is_some_and(|m| m.over);
        match app.drill.as_mut() {
            Some(d) => (d.last_seq(), d.engine().turn(), paused, over),
            None => (None, 0, paused, true),
        }
    }

    /// After any event: redraws the seats when the drill moved (a record written, a new turn,
    /// a pause), and closes every seat once the drill is sealed or the console leaves.
    pub fn after_event(&mut self, app: &mut App) {
        let sealed = matches!(app.screen, crate::tui::Screen::Sealed(_));
        if app.exit.is_some() || sealed {
            self.close_all();
            return;
        }
        if app.drill.is_none() {
            return;
        }
        let now = self.state(app);
        if now != self.published {
            self.publish_all(app);
        }
    }

    /// Tells every connected seat the drill ended here and closes its connection.
    pub fn close_all(&mut self) {
        for i in 0..self.seats.len() {
            if self.seats[i].link.is_some() {
                self.render(i, Some(SeatClose::Ended));
                self.seats[i].link = None;
            }
        }
    }

    /// Plays the reference response for the roles no seat holds (before the turn ends).
    pub fn play_unheld(&mut self, app: &mut App) {
        let Some(r) = self.reference.as_mut() else {
            return;
        };
        let Some(d) = app.drill.as_mut() else { return };
        if let Err(e) = r.play_others(d) {
            fail(app, e);
        }
    }

    /// Applies one event of a connection.
    pub fn handle(&mut self, app: &mut App, ev: SeatEvent) {
        match ev {
            SeatEvent::Joined {
                conn,
                seat,
                size,
                outlet,
            } => {
                if seat >= self.seats.len() {
                    return;
                }
                // The same key connected again (the old connection dropped, or is stale): the
                // seat moves to the new connection and the old one is told and closed.
                let moved = self.seats[seat]
                    .link
                    .as_ref()
                    .is_some_and(|old| old.conn != conn);
                if moved {
                    self.render(seat, Some(SeatClose::Moved));
                    self.seats[seat].link = None;
                }
                let s = &mut self.seats[seat];
                let code = {
                    let t = self.table.lock().unwrap_or_else(|e| e.into_inner());
                    t.seats.get(seat).and_then(|x| x.used_code.clone())
                };
                s.id = seat_id(&s.spec, code);
                s.link = Some(Link { conn, outlet });
                s.app.size = size;
                s.ui = SeatUi::default();
                s.joins += 1;
                let lang = s.app.lang;
                s.app.info(lang.t(S::SeatWelcome));
                let who = format!("{} ({})", s.spec.name, s.spec.role.to_uppercase());
                let text = if moved { S::SeatsMoved } else { S::SeatsJoined };
                app.info(app.lang.f(text, &[&who]));
                self.publish_all(app);
            }
            SeatEvent::Left { conn, seat } => {
                let Some(s) = self.seats.get_mut(seat) else {
                    return;
                };
                if s.link.as_ref().is_some_and(|l| l.conn == conn) {
                    s.link = None;
                    s.ui.ready = false;
                    let who = format!("{} ({})", s.spec.name, s.spec.role.to_uppercase());
                    app.info(app.lang.f(S::SeatsLeft, &[&who]));
                }
            }
            SeatEvent::Resize { conn, size } => {
                if let Some(i) = self.by_conn(conn) {
                    self.seats[i].app.size = size;
                    self.render(i, None);
                }
            }
            SeatEvent::Key { conn, key } => {
                if let Some(i) = self.by_conn(conn) {
                    self.key(app, i, key);
                }
            }
            SeatEvent::Refused(r) => {
                let why = refusal_reason(&r.reason, app.lang);
                let text = app.lang.f(S::SeatsRefused, &[&r.user, &r.peer, &why]);
                let Some(d) = app.drill.as_mut() else { return };
                match d.record_refusal(r) {
                    Ok(()) => {
                        self.refusals += 1;
                        app.error(text);
                    }
                    Err(e) => fail(app, e),
                }
            }
            SeatEvent::ServerStopped(why) => {
                app.error(app.lang.f(S::SeatsStopped, &[&why]));
                self.stopped = Some(why);
            }
        }
    }

    fn key(&mut self, app: &mut App, i: usize, key: KeyEvent) {
        let role = self.seats[i].spec.role.clone();
        let Some(view) = self.seats[i].app.model.as_ref().map(|m| m.team().clone()) else {
            return;
        };
        let lang = self.seats[i].app.lang;
        let todo = self.seats[i].ui.key(&view, &role, key);
        let input = match todo {
            SeatDo::Nothing => return,
            SeatDo::Redraw => {
                self.render(i, None);
                return;
            }
            SeatDo::Leave => {
                self.render(i, Some(SeatClose::Ended));
                self.seats[i].link = None;
                return;
            }
            SeatDo::Ready(ready) => {
                self.seats[i].app.info(lang.t(if ready {
                    S::SeatReadyOn
                } else {
                    S::SeatReadyOff
                }));
                let all = self.connected() > 0 && self.ready() == self.connected();
                let who = format!("{} ({})", self.seats[i].spec.name, role.to_uppercase());
                let text = match (ready, all) {
                    (true, true) => app.lang.f(S::SeatsAllReady, &[&who]),
                    (true, false) => app.lang.f(
                        S::SeatsReadyCount,
                        &[&who, &self.ready(), &self.connected()],
                    ),
                    (false, _) => app.lang.f(S::SeatsNotReady, &[&who]),
                };
                app.info(text);
                if all && self.end_when_ready && !app.paused {
                    crate::tui::update::end_turn_by_seats(app);
                    self.publish_all(app);
                } else {
                    self.render(i, None);
                }
                return;
            }
            SeatDo::WithdrawLast => {
                let Some(d) = app.drill.as_mut() else { return };
                let queued = d.engine().queued();
                let Some(position) = queued.iter().rposition(|q| q.role == role) else {
                    return;
                };
                Input::Withdraw { position }
            }
            SeatDo::Input(input) => input,
        };
        let seat = self.seats[i].id.clone();
        let what = describe(&input, &view, self.seats[i].app.model.as_ref(), lang);
        let Some(d) = app.drill.as_mut() else { return };
        let applied = d.apply(Input::Seat {
            seat,
            input: Box::new(input),
        });
        match applied {
            Ok(_) => {
                self.seats[i].ui.overlay = None;
                self.seats[i].app.info(what);
                app.refresh();
                self.publish_all(app);
            }
            Err(SessionError::Journal(e)) => fail(app, SessionError::Journal(e)),
            Err(e) => {
                // An engine refusal in the seat's language, with names, not ids.
                let seat = &self.seats[i].app;
                let text = match (&e, &seat.model) {
                    (SessionError::Engine(e), Some(m)) => {
                        crate::tui::view::picker::refusal(m, e, seat.lang)
                    }
                    (SessionError::Engine(e), None) => e.message(seat.lang),
                    _ => e.message(seat.lang),
                };
                self.seats[i].app.error(text);
                self.render(i, None);
            }
        }
    }
}

/// The seat's status line after an input was taken (the target by its name when the seat's
/// model knows it).
fn describe(
    input: &Input,
    view: &crate::session::TeamView,
    model: Option<&Model>,
    lang: Lang,
) -> String {
    let name = |id: &str| {
        view.actions
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name_in(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    match input {
        Input::Submit { action, target, .. } => {
            let t = target
                .as_deref()
                .map(|t| format!(" → {}", model.map_or(t, |m| m.target_name(t))))
                .unwrap_or_default();
            lang.f(S::SeatQueued, &[&name(action), &t])
        }
        Input::Withdraw { .. } => lang.t(S::SeatWithdrawn).to_string(),
        Input::Decide {
            decision, option, ..
        } => {
            let label = view
                .decisions
                .iter()
                .find(|d| d.id == *decision)
                .map(|d| d.label_of(option).to_string())
                .unwrap_or_else(|| option.clone());
            lang.f(S::SeatDecided, &[&label])
        }
        _ => String::new(),
    }
}

/// A refusal's journaled reason (`wrong_code`, …) in words of `lang`; an unknown one as it is.
fn refusal_reason(reason: &str, lang: Lang) -> String {
    use super::auth::Refusal as R;
    let key = [
        (R::UnknownRole, S::SeatsWhyUnknownRole),
        (R::UnknownKey, S::SeatsWhyUnknownKey),
        (R::WrongCode, S::SeatsWhyWrongCode),
        (R::SeatTaken, S::SeatsWhySeatTaken),
        (R::RateLimited, S::SeatsWhyRateLimited),
    ]
    .into_iter()
    .find(|(r, _)| r.as_str() == reason);
    match key {
        Some((_, k)) => lang.t(k).to_string(),
        None => reason.to_string(),
    }
}

/// A journal failure stops the console (as any journal failure does).
fn fail(app: &mut App, e: SessionError) {
    match e {
        SessionError::Journal(e) => {
            app.exit = Some(Exit::Failed(crate::i18n::report::fill(
                app.lang.cli_text().journal_failed_seat,
                &[("error", &e)],
            )));
        }
        other => app.error(other.message(app.lang)),
    }
}

/// Handles a seat event on the console (the hub is taken out of the app while it works).
pub fn handle(app: &mut App, ev: SeatEvent) {
    if let Some(mut hub) = app.serve.take() {
        hub.handle(app, ev);
        app.serve = Some(hub);
    }
}

/// After any console event: the seats follow the drill.
pub fn after_event(app: &mut App) {
    if let Some(mut hub) = app.serve.take() {
        hub.after_event(app);
        app.serve = Some(hub);
    }
}

/// Starts serving the seats of `app`'s drill: the host key beside the journal, the server on
/// `args.addr`, and, when asked, the reference response for the roles no seat holds.
pub fn attach(
    app: &mut App,
    args: &super::ServeArgs,
    specs: Vec<SeatSpec>,
    tx: Sender<ConsoleEvent>,
) -> Result<(), super::error::SeatError> {
    let dir = match (&args.host_key_dir, &app.journal_path) {
        (Some(d), _) => d.clone(),
        (None, Some(p)) => p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map(|d| d.to_path_buf())
            .unwrap_or_else(|| PathBuf::from(".")),
        (None, None) => PathBuf::from(crate::tui::JOURNAL_DIR),
    };
    let mut hub = Hub::start(args, specs, &dir, app.lang, tx)?;
    if args.reference_unheld {
        let mut p = Practice::new(hub.held_roles(&app.participants));
        if let Some(d) = app.drill.as_mut() {
            p.resume(d);
        }
        hub.reference = Some(p);
    }
    let text = app.lang.f(S::SeatsServing, &[&hub.addr, &hub.fingerprint]);
    app.info(text);
    app.serve = Some(Box::new(hub));
    Ok(())
}
