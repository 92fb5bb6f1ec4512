//! One SSH connection: signing in against the seat table, the pty and its window changes, the
//! participant's keys (bounded and rate-limited) sent to the console, and the frame writer
//! that sends the seat's screen at most [`MAX_FPS`] times a second. The console never waits
//! for a connection: it hands over the latest frame ([`Outlet`], a watch channel) and a slow
//! client simply skips frames.

use std::net::SocketAddr;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use russh::server::{Auth, ChannelOpenHandle, Handle, Msg, PublicKeyOffer, Response, Session};
use russh::{Channel, ChannelId, Pty};
use tokio::sync::watch;

use super::auth::{Journal, Refusal, SeatTable};
use super::hub::SeatEvent;
use super::keys::KeyReader;
use crate::i18n::{Lang, S};
use crate::records::SeatRefused;
use crate::tui::ConsoleEvent;

/// Most frames a second sent to one seat.
pub const MAX_FPS: u64 = 30;
/// Most keys a second taken from one seat (more are dropped).
pub const MAX_KEYS_PER_SECOND: u32 = 40;
/// Largest terminal a seat may ask for (columns, rows); larger is clamped.
pub const MAX_SIZE: (u16, u16) = (400, 200);

/// A seat's screen, as the console drew it last.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The cells.
    pub buffer: Arc<Buffer>,
    /// After this frame the connection closes (the seat left or the drill ended).
    pub close: bool,
}

/// Where the console puts a connection's latest frame.
#[derive(Clone)]
pub struct Outlet(pub Arc<watch::Sender<Option<Frame>>>);

impl std::fmt::Debug for Outlet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Outlet")
    }
}

impl PartialEq for Outlet {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Outlet {}

impl Outlet {
    /// Hands over a frame (never waits; the previous one is dropped if not sent yet).
    pub fn send(&self, frame: Frame) {
        self.0.send_replace(Some(frame));
    }
}

/// The handler of one connection.
pub struct Conn {
    /// Connection id (unique in this server's life).
    pub id: u64,
    peer: Option<SocketAddr>,
    table: Arc<Mutex<SeatTable>>,
    tx: Sender<ConsoleEvent>,
    user: String,
    seat: Option<usize>,
    attempts: u32,
    refusal: Option<Refusal>,
    offered: Option<String>,
    size: (u16, u16),
    channel: Option<ChannelId>,
    joined: bool,
    keys: KeyReader,
    bucket: (Instant, u32),
}

fn clamp_size(w: u32, h: u32) -> (u16, u16) {
    (
        w.clamp(1, MAX_SIZE.0 as u32) as u16,
        h.clamp(1, MAX_SIZE.1 as u32) as u16,
    )
}

impl Conn {
    /// A new connection from `peer`.
    pub fn new(
        id: u64,
        peer: Option<SocketAddr>,
        table: Arc<Mutex<SeatTable>>,
        tx: Sender<ConsoleEvent>,
    ) -> Self {
        Conn {
            id,
            peer,
            table,
            tx,
            user: String::new(),
            seat: None,
            attempts: 0,
            refusal: None,
            offered: None,
            size: (80, 24),
            channel: None,
            joined: false,
            keys: KeyReader::default(),
            bucket: (Instant::now(), 0),
        }
    }

    fn table(&self) -> std::sync::MutexGuard<'_, SeatTable> {
        // A poisoned lock means a panic elsewhere; the table itself is still consistent.
        self.table.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn blocked(&mut self) -> bool {
        let Some(p) = self.peer else { return false };
        let blocked = self.table().blocked(p.ip(), Instant::now());
        if blocked {
            self.refuse(Refusal::RateLimited);
        }
        blocked
    }

    fn refuse(&mut self, why: Refusal) -> Auth {
        self.attempts += 1;
        // The most telling reason of the connection is kept (a taken seat over a wrong key).
        if self
            .refusal
            .is_none_or(|r| r == Refusal::UnknownKey || why == Refusal::SeatTaken)
        {
            self.refusal = Some(why);
        }
        if let Some(p) = self.peer {
            self.table().failed(p.ip(), Instant::now());
        }
        Auth::reject()
    }

    fn send(&self, ev: SeatEvent) {
        // The console gone means the drill is over: nothing to tell.
        let _ = self.tx.send(ConsoleEvent::Seat(ev));
    }

    /// True while this connection may send another key (a token bucket per second).
    fn take_key(&mut self) -> bool {
        let now = Instant::now();
        if now.duration_since(self.bucket.0) >= Duration::from_secs(1) {
            self.bucket = (now, 0);
        }
        self.bucket.1 += 1;
        self.bucket.1 <= MAX_KEYS_PER_SECOND
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if let Some(seat) = self.seat {
            self.table().release(self.id);
            if self.joined {
                self.send(SeatEvent::Left {
                    conn: self.id,
                    seat,
                });
            }
            return;
        }
        let Some(reason) = self.refusal else { return };
        let peer = self.peer.map(|p| p.ip().to_string()).unwrap_or_default();
        let journal = match self.peer {
            Some(p) => self.table().journal(p.ip(), Instant::now()),
            None => Journal::Write(0),
        };
        if let Journal::Write(repeated) = journal {
            let key = self.offered.take();
            self.send(SeatEvent::Refused(SeatRefused {
                key,
                peer,
                reason: reason.as_str().to_string(),
                repeated,
                user: self.user.chars().take(64).collect(),
            }));
        }
    }
}

impl russh::server::Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        self.user = user.to_string();
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        self.user = user.to_string();
        if self.blocked() {
            return Ok(Auth::reject());
        }
        let fp = super::seats::fingerprint(offer.public_key);
        let (role, seat) = {
            let t = self.table();
            (t.has_role(user), t.key_seat(user, &fp))
        };
        match (role, seat) {
            (false, _) => Ok(self.refuse(Refusal::UnknownRole)),
            (true, None) => {
                if self.offered.is_none() {
                    self.offered = Some(fp);
                }
                Ok(self.refuse(Refusal::UnknownKey))
            }
            (true, Some(_)) => Ok(Auth::Accept),
        }
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let fp = super::seats::fingerprint(key.public_key);
        let claimed = self.table().claim_key(user, &fp, self.id);
        match claimed {
            Ok(i) => {
                self.seat = Some(i);
                Ok(Auth::Accept)
            }
            Err(why) => {
                self.offered = Some(fp);
                Ok(self.refuse(why))
            }
        }
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        self.user = user.to_string();
        if self.blocked() {
            return Ok(Auth::reject());
        }
        let Some(mut response) = response else {
            if !self.table().has_code_seat(user) {
                let why = if self.table().has_role(user) {
                    Refusal::UnknownKey
                } else {
                    Refusal::UnknownRole
                };
                return Ok(self.refuse(why));
            }
            // Before the seat, and so its language, is known; ASCII (OpenSSH escapes anything
            // else in prompts).
            let lang = Lang::En;
            return Ok(Auth::Partial {
                name: "kunren".into(),
                instructions: lang.t(S::SeatJoinInstructions).into(),
                prompts: vec![(lang.t(S::SeatJoinPrompt).into(), true)].into(),
            });
        };
        let typed = response.next().map(|b| b.to_vec()).unwrap_or_default();
        let typed: Vec<u8> = typed.into_iter().take(64).collect();
        let claimed = self.table().claim_code(user, &typed, self.id);
        match claimed {
            Ok(i) => {
                self.seat = Some(i);
                Ok(Auth::Accept)
            }
            Err(why) => Ok(self.refuse(why)),
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.seat.is_none() || self.channel.is_some() {
            // One screen per seat.
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = clamp_size(col_width, row_height);
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(seat) = self.seat else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        // Once: and not when the seat already moved to a newer connection with the same key.
        if self.joined || !self.table().holds(seat, self.id) {
            session.channel_failure(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        let (tx, rx) = watch::channel(None);
        tokio::spawn(write_frames(session.handle(), channel, rx));
        self.joined = true;
        self.send(SeatEvent::Joined {
            conn: self.id,
            seat,
            size: self.size,
            outlet: Outlet(Arc::new(tx)),
        });
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // A seat is a screen: no commands.
        let lang = self
            .seat
            .and_then(|i| self.table().lang_of(i))
            .unwrap_or_default();
        session.data(
            channel,
            format!("{}\r\n", lang.t(S::SeatExecRefused)).into_bytes(),
        )?;
        session.exit_status_request(channel, 1)?;
        session.close(channel)?;
        Ok(())
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.joined {
            return Ok(());
        }
        for key in self.keys.feed(data) {
            if !self.take_key() {
                break;
            }
            self.send(SeatEvent::Key { conn: self.id, key });
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = clamp_size(col_width, row_height);
        if self.joined {
            self.send(SeatEvent::Resize {
                conn: self.id,
                size: self.size,
            });
        }
        Ok(())
    }
}

/// The bytes that bring a terminal showing `prev` to `next` (all of it when the size changed).
pub fn frame_bytes(prev: Option<&Buffer>, next: &Buffer) -> std::io::Result<Vec<u8>> {
    let mut out: Vec<u8> = Vec::new();
    let mut backend = CrosstermBackend::new(&mut out);
    let area = next.area;
    let blank;
    let prev = match prev {
        Some(p) if p.area == area => p,
        _ => {
            backend.clear()?;
            blank = Buffer::empty(Rect::new(0, 0, area.width, area.height));
            &blank
        }
    };
    backend.draw(prev.diff(next).into_iter())?;
    backend.hide_cursor()?;
    Backend::flush(&mut backend)?;
    Ok(out)
}

/// Sends a seat its frames: waits for the console's next one, sends the difference from the
/// last one sent, and waits at least 1/[`MAX_FPS`] s before the next (frames in between are
/// skipped, never queued).
async fn write_frames(handle: Handle, channel: ChannelId, mut rx: watch::Receiver<Option<Frame>>) {
    // The alternate screen, no cursor; left again when the seat closes.
    if handle
        .data(channel, b"\x1b[?1049h\x1b[?25l".to_vec())
        .await
        .is_err()
    {
        return;
    }
    let mut prev: Option<Arc<Buffer>> = None;
    let pause = Duration::from_millis(1000 / MAX_FPS);
    while rx.changed().await.is_ok() {
        let Some(frame) = rx.borrow_and_update().clone() else {
            continue;
        };
        let Ok(mut bytes) = frame_bytes(prev.as_deref(), &frame.buffer) else {
            break;
        };
        if frame.close {
            bytes.extend_from_slice(b"\x1b[?25h\x1b[?1049l");
        }
        if handle.data(channel, bytes).await.is_err() {
            break;
        }
        prev = Some(frame.buffer);
        if frame.close {
            let _ = handle.exit_status_request(channel, 0).await;
            let _ = handle.eof(channel).await;
            let _ = handle.close(channel).await;
            break;
        }
        tokio::time::sleep(pause).await;
    }
}
