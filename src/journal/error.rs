//! Errors of the journal, worded for the facilitator who has to act on them.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything that can go wrong while writing, resuming or reading a journal.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// A file operation failed.
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        /// What was being done, e.g. "create the journal".
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },

    /// `create` found a file already there; journals are never overwritten.
    #[error(
        "the journal {} already exists; kunren never overwrites evidence. Choose another file \
         name, or continue that drill with --resume",
        path.display()
    )]
    AlreadyExists {
        /// The existing file.
        path: PathBuf,
    },

    /// Another process (or another writer in this process) holds the journal's lock.
    #[error(
        "the journal {} is being written by another kunren session (it is locked). Close the \
         other session first; two writers would interleave records",
        path.display()
    )]
    Locked {
        /// The locked file.
        path: PathBuf,
    },

    /// Writing or syncing a record failed; the record was NOT recorded and the writer is now
    /// unusable.
    #[error(
        "could not record to the journal {}: {source}. The record was not saved{}. The drill \
         must stop here: fix the storage (free space, check the disk), then continue with \
         --resume",
        path.display(),
        if *tail_removed { " and the journal was left intact" } else {
            "; part of it may remain at the end of the journal and --resume will move it aside"
        }
    )]
    WriteFailed {
        /// The journal.
        path: PathBuf,
        /// The original storage error.
        #[source]
        source: Arc<io::Error>,
        /// True when the partial line (if any) was removed again.
        tail_removed: bool,
    },

    /// A previous write or sync failed; the writer refuses all further work.
    #[error(
        "the journal {} stopped accepting records after an earlier storage error ({cause}); \
         nothing more was written. Fix the storage, then continue with --resume",
        path.display()
    )]
    Poisoned {
        /// The journal.
        path: PathBuf,
        /// The storage error that stopped the writer.
        #[source]
        cause: Arc<io::Error>,
    },

    /// The journal is damaged somewhere other than a torn last line; it is left untouched.
    #[error(
        "the journal {} is damaged at line {line}: {reason}. It was not modified; keep it as \
         evidence and run `kunren verify` on it",
        path.display()
    )]
    Corrupt {
        /// The journal.
        path: PathBuf,
        /// First bad line, counting from 1.
        line: u64,
        /// What is wrong with it.
        reason: String,
    },

    /// The journal is sealed (closed and final checkpoint written); it cannot be continued.
    #[error(
        "the journal {} is sealed: the drill was closed and its final checkpoint written, so \
         it cannot be continued. Start a new drill with a new journal",
        path.display()
    )]
    Sealed {
        /// The journal.
        path: PathBuf,
    },

    /// The drill was closed but the final checkpoint is missing (interrupted while sealing).
    #[error(
        "the drill in {} was closed but the session stopped before the final checkpoint; it \
         cannot be continued, only sealed (JournalWriter::complete_seal)",
        path.display()
    )]
    ClosedNotSealed {
        /// The journal.
        path: PathBuf,
    },

    /// `complete_seal` was called on a journal whose drill is still open.
    #[error(
        "the drill in {} is still open; resume it instead of sealing it",
        path.display()
    )]
    NotClosed {
        /// The journal.
        path: PathBuf,
    },

    /// The journal is signed but no signing key was supplied to continue it.
    #[error(
        "the journal {} is signed with key {key_id}; give the same key (--key) to continue it",
        path.display()
    )]
    KeyRequired {
        /// The journal.
        path: PathBuf,
        /// Key id from the header.
        key_id: String,
    },

    /// The supplied key does not belong to the journal.
    #[error("wrong key for the journal {}: {detail}", path.display())]
    KeyMismatch {
        /// The journal.
        path: PathBuf,
        /// Which key was expected and which was given.
        detail: String,
    },

    /// A key file could not be read, written or understood.
    #[error("key file {}: {reason}", path.display())]
    Key {
        /// The key file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },

    /// An external checkpoint (anchor) file could not be understood.
    #[error("checkpoint file {}: {reason}", path.display())]
    Anchor {
        /// The anchor file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },

    /// The caller asked for a record the journal does not accept (a programming error).
    #[error("invalid journal record: {0}")]
    InvalidRecord(String),

    /// A record could not be encoded as JSON (a programming error); nothing was written.
    #[error("could not encode a journal record as JSON: {0}")]
    Encode(#[from] serde_json::Error),
}

impl JournalError {
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        JournalError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
