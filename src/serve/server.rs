//! The SSH server's thread: a small tokio runtime (confined to this thread) running russh on
//! a listener bound before the console starts, so a port already in use is a clear error.

use std::net::SocketAddr;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::keys::PrivateKey;
use russh::server::Server as _;
use russh::{MethodKind, MethodSet};

use super::auth::SeatTable;
use super::conn::Conn;
use super::error::SeatError;
use crate::tui::ConsoleEvent;

/// How long a connection may stay silent before its keep-alives give up (it then frees its
/// seat): [`KEEPALIVE`] times [`KEEPALIVE_MAX`].
pub const KEEPALIVE: Duration = Duration::from_secs(10);
/// Unanswered keep-alives before a connection is dropped.
pub const KEEPALIVE_MAX: usize = 3;

struct Factory {
    next: u64,
    table: Arc<Mutex<SeatTable>>,
    tx: Sender<ConsoleEvent>,
}

impl russh::server::Server for Factory {
    type Handler = Conn;

    fn new_client(&mut self, peer: Option<SocketAddr>) -> Conn {
        self.next += 1;
        Conn::new(self.next, peer, self.table.clone(), self.tx.clone())
    }
}

/// The russh configuration of the seats server: the host key, publickey and
/// keyboard-interactive only, a second's delay on every refusal, keep-alives.
pub fn config(key: PrivateKey) -> russh::server::Config {
    let mut methods = MethodSet::empty();
    methods.push(MethodKind::PublicKey);
    methods.push(MethodKind::KeyboardInteractive);
    russh::server::Config {
        methods,
        keys: vec![key],
        auth_rejection_time: Duration::from_millis(500),
        auth_rejection_time_initial: Some(Duration::from_millis(0)),
        max_auth_attempts: 6,
        inactivity_timeout: Some(Duration::from_secs(4 * 3600)),
        keepalive_interval: Some(KEEPALIVE),
        keepalive_max: KEEPALIVE_MAX,
        nodelay: true,
        ..Default::default()
    }
}

/// Binds `addr` and starts the server's thread; returns the address bound (the port chosen
/// when `:0` was given).
pub fn start(
    addr: &str,
    key: PrivateKey,
    table: Arc<Mutex<SeatTable>>,
    tx: Sender<ConsoleEvent>,
) -> Result<SocketAddr, SeatError> {
    let cannot_listen = |e: std::io::Error| SeatError::CannotListen {
        addr: addr.to_string(),
        error: e.to_string(),
    };
    let listener = std::net::TcpListener::bind(addr).map_err(cannot_listen)?;
    let bound = listener.local_addr().map_err(cannot_listen)?;
    listener.set_nonblocking(true).map_err(cannot_listen)?;
    let config = Arc::new(config(key));
    std::thread::Builder::new()
        .name("kunren-serve".into())
        .spawn(move || {
            let stopped = tx.clone();
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .enable_time()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = stopped.send(ConsoleEvent::Seat(super::SeatEvent::ServerStopped(
                        e.to_string(),
                    )));
                    return;
                }
            };
            let why = rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                let mut factory = Factory {
                    next: 0,
                    table,
                    tx: tx.clone(),
                };
                factory.run_on_socket(config, &listener).await?;
                Ok::<_, std::io::Error>(())
            });
            if let Err(e) = why {
                // Nobody to tell if the console is gone.
                let _ = stopped.send(ConsoleEvent::Seat(super::SeatEvent::ServerStopped(
                    e.to_string(),
                )));
            }
        })
        .map_err(|e| SeatError::CannotStart {
            error: e.to_string(),
        })?;
    Ok(bound)
}
