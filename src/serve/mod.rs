//! `kunren play SCENARIO --serve ADDR:PORT --seat …`: every role at its own terminal over SSH.
//!
//! The facilitator's console runs as always; beside it an SSH server (russh, on a tokio
//! runtime confined to this module's [`server`] thread) lets each participant connect with a
//! stock OpenSSH client (`ssh -p PORT ROLE@HOST`) and see the console's team view for their
//! role only. The pieces, one job each:
//!
//! - [`error`]: why the seats cannot be set up ([`error::SeatError`], its words in
//!   [`crate::i18n::seats`]);
//! - [`seats`]: parsing `--seat "NAME:ROLE:KEYFILE.pub[:LANG]"` and `--seat "NAME:ROLE:code"`;
//! - [`hostkey`]: the server's Ed25519 host key, generated once beside the journals, and its
//!   fingerprint as OpenSSH prints it;
//! - [`auth`]: the seat table the server checks keys and one-time join codes against, which
//!   seat each connection holds, and the rate limit of refusals;
//! - [`keys`]: a participant's bytes to key presses (bounded);
//! - [`conn`]: one SSH connection (auth, pty, window changes, input limits, the frame writer);
//! - [`ui`]: a seat's own screen state and what its keys do;
//! - [`hub`]: the console's side of the bridge: seats joining and leaving, their inputs applied
//!   to the drill as [`crate::input::Input::Seat`], their frames rendered after every change.
//!
//! Nothing in here reads ground truth: a seat's screen is drawn from
//! [`crate::session::Drill::team_view`] for its role.

pub mod auth;
pub mod conn;
pub mod error;
pub mod hostkey;
pub mod hub;
pub mod keys;
pub mod seats;
pub mod server;
pub mod ui;

pub use hub::{Hub, SeatEvent};

/// What `--serve` and its companions ask for.
#[derive(Debug, Clone, Default)]
pub struct ServeArgs {
    /// Address and port to listen on (`127.0.0.1:2222`, `0.0.0.0:2222`).
    pub addr: String,
    /// The `--seat` specifications, as given.
    pub seats: Vec<String>,
    /// End the turn by itself once every connected seat said "ready".
    pub end_when_ready: bool,
    /// Let the reference response play the roles no seat holds (as `kunren practice` does).
    pub reference_unheld: bool,
    /// Folder of the host key (default: the journal's folder).
    pub host_key_dir: Option<std::path::PathBuf>,
}
