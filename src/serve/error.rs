//! Why `--serve` and its `--seat` flags cannot set up a served drill: a seat's public key
//! file, a `--seat` specification, the seats of a resumed drill, the host key and the
//! listener. Each variant carries its data (paths, specifications, roles, fingerprints, the
//! system's own error text); its words are the catalogue's [`crate::i18n::seats`], in any
//! language with [`SeatError::message`], and `Display` is the English one.

use std::fmt;

use crate::i18n::Lang;

/// How a seat signs in, as a refusal names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    /// With the key of this fingerprint (`SHA256:…`).
    Key(String),
    /// With a one-time join code.
    Code,
}

/// What is wrong with a `--seat` specification's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecProblem {
    /// No participant's name before the first `:`.
    NoName,
    /// The name holds a control character.
    ControlChar,
    /// No role, or no key file or `code`.
    Incomplete,
    /// A language other than `en` or `ja` (as given).
    Language(String),
    /// The key file cannot be used.
    Key(Box<SeatError>),
}

/// The seats a resumed drill was played with, as a refusal lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    /// No seat signed in yet: the journal's participants (name, role).
    Participants(Vec<(String, String)>),
    /// The seats that signed in so far (name, role, how).
    Seats(Vec<(String, String, SignIn)>),
}

/// Why a resumed drill refuses its `--seat` flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResumeProblem {
    /// A seat names someone who is not a participant of the drill.
    NotParticipant {
        /// The seat's name.
        name: String,
        /// Its role.
        role: String,
    },
    /// A seat signs in otherwise than it did in the drill.
    OtherSignIn {
        /// The seat's name.
        name: String,
        /// Its role.
        role: String,
        /// How it signed in before.
        was: SignIn,
        /// How it would sign in now.
        now: SignIn,
    },
    /// Someone who sat at a seat has none now.
    Missing {
        /// The participant.
        name: String,
        /// Their role.
        role: String,
    },
}

/// Why a served drill cannot start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatError {
    /// A public key file cannot be read.
    CannotRead {
        /// The file.
        path: String,
        /// The system's error.
        error: String,
    },
    /// A public key file is not a regular file.
    NotAFile {
        /// The file.
        path: String,
    },
    /// A public key file is larger than [`super::seats::MAX_PUBKEY_BYTES`].
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        bytes: u64,
    },
    /// A public key file holds no key line.
    NoKey {
        /// The file.
        path: String,
    },
    /// A public key file's line is not an OpenSSH public key.
    NotAKey {
        /// The file.
        path: String,
        /// The parser's error.
        error: String,
    },
    /// A `--seat` specification is malformed.
    BadSpec {
        /// The specification as given.
        spec: String,
        /// What is wrong.
        problem: SpecProblem,
    },
    /// A `--seat` names a role the organisation does not have.
    NoRole {
        /// The specification as given.
        spec: String,
        /// The role named.
        role: String,
        /// The organisation's role ids.
        roles: Vec<String>,
    },
    /// Two key seats share a key.
    SharedKey {
        /// The later specification.
        spec: String,
        /// The key's fingerprint.
        fingerprint: String,
        /// The earlier seat's name.
        name: String,
        /// The earlier seat's role.
        role: String,
    },
    /// A resumed drill's seats differ from the `--seat` flags.
    Resumed {
        /// What differs.
        problem: Box<ResumeProblem>,
        /// The drill's seats.
        listing: Listing,
    },
    /// The host key file cannot be read.
    HostKeyRead {
        /// The file.
        path: String,
        /// The system's error.
        error: String,
    },
    /// The host key is not a regular file of a reasonable size.
    HostKeyNotFile {
        /// The file.
        path: String,
        /// The largest size read.
        max: u64,
    },
    /// The host key does not parse.
    HostKeyInvalid {
        /// The file.
        path: String,
        /// The parser's error.
        error: String,
    },
    /// The host key's folder cannot be created.
    CannotCreate {
        /// The folder.
        dir: String,
        /// The system's error.
        error: String,
    },
    /// No randomness to make a host key.
    NoRandomness {
        /// The system's error.
        error: String,
    },
    /// The new host key cannot be encoded.
    CannotEncode {
        /// The encoder's error.
        error: String,
    },
    /// The new host key cannot be written.
    HostKeyWrite {
        /// The file.
        path: String,
        /// The system's error.
        error: String,
    },
    /// The address cannot be listened on.
    CannotListen {
        /// The address as given.
        addr: String,
        /// The system's error.
        error: String,
    },
    /// The server's thread cannot be started.
    CannotStart {
        /// The system's error.
        error: String,
    },
}

impl fmt::Display for SeatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SeatError {}
