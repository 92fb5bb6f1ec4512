//! Reading a journal for the after-action report and for replay.

use std::path::Path;

use super::bodies::{CloseStatus, Header};
use super::error::JournalError;
use super::record::Record;
use super::scan::{TornTail, scan};

/// The verified contents of a journal.
#[derive(Clone, Debug, PartialEq)]
pub struct JournalContents {
    /// The drill's header.
    pub header: Header,
    /// Every valid record, header first (a torn tail is not included).
    pub records: Vec<Record>,
    /// How the drill ended, if it was closed.
    pub closed: Option<CloseStatus>,
    /// True when the final checkpoint follows `drill_closed`.
    pub sealed: bool,
    /// Bytes left by an interrupted write, if any.
    pub torn_tail: Option<TornTail>,
    /// Lowercase hex Merkle root of all valid lines.
    pub merkle_root: String,
}

/// Reads and checks a journal (every rule except signatures, which need a public key; use
/// [`crate::journal::verify`] for that). A torn tail is reported, not an error; any other
/// damage is `JournalError::Corrupt`.
pub fn read_journal(path: &Path) -> Result<JournalContents, JournalError> {
    // Regular files only: a FIFO or a device named as a journal is refused, not waited on.
    let bytes = crate::scenario::source::read_file(path, u64::MAX)
        .map_err(|e| JournalError::io("read the journal", path, e.into()))?;
    let scanned = scan(&bytes, None);
    if let Some(defect) = scanned.defect {
        return Err(JournalError::Corrupt {
            path: path.to_owned(),
            line: defect.line.unwrap_or(1),
            reason: defect.message,
        });
    }
    let Some(header) = scanned.header else {
        return Err(JournalError::Corrupt {
            path: path.to_owned(),
            line: 1,
            reason: "no valid header".into(),
        });
    };
    Ok(JournalContents {
        header,
        merkle_root: scanned.tree.root_hex(),
        records: scanned.records,
        closed: scanned.closed,
        sealed: scanned.sealed,
        torn_tail: scanned.torn,
    })
}
