//! The evidence journal: a tamper-evident, crash-safe record of a drill.
//!
//! A journal is a JSON Lines file. Each line is one [`Record`] whose `prev` field is the
//! lowercase hex SHA-256 of the previous line's exact bytes **without** its trailing newline
//! (64 zeros for the first line). The first record is the [`Header`] (`drill_opened`).
//! [`RecordKind::Checkpoint`] records carry the RFC 6962 Merkle root of all lines before them
//! (see [`merkle`]) and, when the facilitator has a key, an Ed25519 signature of
//! [`checkpoint_message`]. A journal is *sealed* when a checkpoint follows `drill_closed`;
//! nothing may follow that final checkpoint.
//!
//! * [`JournalWriter`] creates, appends (one write + `sync_data` per record), seals, and
//!   resumes after a crash, moving a torn tail to `<journal>.torn-<n>`;
//! * [`verify`] checks a journal read-only and produces a [`Verification`] with exit codes;
//! * [`read_journal`] returns the records for the after-action report and replay;
//! * [`keygen`], [`load_signing_key`], [`load_verifying_key`] manage key files.
//!
//! The format is specified for inspectors in `docs/evidence.md`.

mod anchor;
mod bodies;
mod canonical;
mod durable;
mod error;
mod hash;
mod keys;
pub mod merkle;
mod reader;
mod record;
mod scan;
mod timestamp;
mod verify;
mod verify_text;
mod writer;

pub use anchor::Anchor;
pub use bodies::{
    CheckpointBody, CloseStatus, ClosedBody, Header, Participant, RecoveredBody, checkpoint_message,
};
pub use durable::FaultPlan;
pub use error::JournalError;
pub use hash::{ZERO_PREV, sha256_hex};
pub use keys::{
    KeyPairFiles, key_fingerprint, key_id, keygen, load_signing_key, load_verifying_key,
    public_key_path,
};
pub use reader::{JournalContents, read_journal};
pub use record::{Actor, ActorParseError, FIELD_ORDER, FORMAT_VERSION, Record, RecordKind};
pub use scan::{Defect, DefectCode, TornTail};
pub use timestamp::{format_timestamp, is_valid_timestamp};
pub use verify::{
    AnchorCheck, EvidenceGrade, Incomplete, IncompleteCode, SignatureStatus, Verification,
    VerifyOutcome, verify, verify_bytes, verify_files,
};
pub use writer::{Clock, JournalWriter, ResumeInfo, SealInfo, WriterOptions, staging_files};

/// Version of kunren, for [`Header::kunren_version`].
pub const KUNREN_VERSION: &str = env!("CARGO_PKG_VERSION");

impl JournalError {
    /// The exit code of a command that fails with this error: a damaged journal is an
    /// integrity failure; a record the journal refuses is a bug; everything else (files,
    /// locks, keys, a journal that is sealed or already exists) is a usage or I/O error.
    pub fn exit_code(&self) -> crate::exit::ExitCode {
        use crate::exit::ExitCode;
        match self {
            JournalError::Corrupt { .. } => ExitCode::Integrity,
            JournalError::InvalidRecord(_) | JournalError::Encode(_) => ExitCode::Internal,
            JournalError::Io { .. }
            | JournalError::AlreadyExists { .. }
            | JournalError::Locked { .. }
            | JournalError::WriteFailed { .. }
            | JournalError::Poisoned { .. }
            | JournalError::Sealed { .. }
            | JournalError::ClosedNotSealed { .. }
            | JournalError::NotClosed { .. }
            | JournalError::KeyRequired { .. }
            | JournalError::KeyMismatch { .. }
            | JournalError::Key { .. }
            | JournalError::Anchor { .. } => ExitCode::UsageOrIo,
        }
    }
}
