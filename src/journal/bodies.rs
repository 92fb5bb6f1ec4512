//! Typed bodies of the records the journal itself understands: the header (`drill_opened`),
//! `checkpoint`, `recovered` and `drill_closed`. Every other body is free JSON supplied by the
//! engine.
//!
//! The fields of the small bodies are declared in alphabetical order so that their bytes on
//! disk do not depend on whether `serde_json` keeps insertion order.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A participant of the drill and the scenario role they play.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Person's name as written on the attendance list.
    pub name: String,
    /// Role id from the scenario.
    pub role: String,
}

/// Body of the first record (`drill_opened`): what was played, by whom, from which sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Version of kunren that wrote the journal.
    pub kunren_version: String,
    /// Unique id of this drill run.
    pub drill_id: String,
    /// Human title of this drill run.
    pub drill_title: String,
    /// Scenario id.
    pub scenario_id: String,
    /// Scenario title.
    pub scenario_title: String,
    /// Lowercase hex SHA-256 of the scenario source bytes.
    pub scenario_sha256: String,
    /// Path of the scenario file as given on the command line.
    pub scenario_path: String,
    /// Organisation id.
    pub org_id: String,
    /// Organisation name.
    pub org_name: String,
    /// Lowercase hex SHA-256 of the organisation source bytes.
    pub org_sha256: String,
    /// Path of the organisation file as given on the command line.
    pub org_path: String,
    /// Seed of the random number generator.
    pub seed: u64,
    /// Name of the lead facilitator.
    pub facilitator: String,
    /// Participants and their roles.
    pub participants: Vec<Participant>,
    /// IANA time zone of the drill (display only; `ts` is always UTC).
    pub timezone: String,
    /// Language of the drill (BCP 47 tag).
    pub language: String,
    /// Id of the signing key (see [`crate::journal::key_id`]); set by the writer, `None` when
    /// the checkpoints are not signed.
    pub pubkey_id: Option<String>,
    /// Free object for engine-provided data (objectives, reference response, ...).
    pub extra: Value,
}

/// Body of a `checkpoint` record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointBody {
    /// Id of the signing key, equal to the header's `pubkey_id`; `None` when unsigned.
    pub key_id: Option<String>,
    /// Lowercase hex of the 32-byte Ed25519 public key that made `signature`; lets `verify`
    /// detect damage to signatures even without `--pubkey` (authenticity still needs it).
    pub public_key: Option<String>,
    /// Lowercase hex RFC 6962 Merkle root of the `tree_size` lines before this record.
    pub root: String,
    /// Lowercase hex Ed25519 signature of [`checkpoint_message`]; `None` when unsigned.
    pub signature: Option<String>,
    /// Number of lines before this record (equal to this record's `seq`).
    pub tree_size: u64,
}

/// Body of a `recovered` record, written each time a session is resumed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveredBody {
    /// Number of bytes moved out of the journal (0 when the tail was clean).
    pub bytes_moved: u64,
    /// Lowercase hex SHA-256 of the moved bytes (of nothing when none were moved).
    pub sha256: String,
    /// File name (not path) of the side file holding the moved bytes, if any.
    pub side_file: Option<String>,
}

/// How a drill ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseStatus {
    /// The drill ran to its end.
    Completed,
    /// The drill was stopped early.
    Aborted,
}

impl CloseStatus {
    /// The snake_case name used on disk.
    pub fn as_str(self) -> &'static str {
        match self {
            CloseStatus::Completed => "completed",
            CloseStatus::Aborted => "aborted",
        }
    }
}

/// Body of the `drill_closed` record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosedBody {
    /// Free-text reason (may be empty).
    pub reason: String,
    /// Completed or aborted.
    pub status: CloseStatus,
}

/// The exact bytes an Ed25519 checkpoint signature covers:
/// `"kunren-checkpoint v1\n" + tree_size + "\n" + root + "\n"` (decimal size, lowercase hex root).
pub fn checkpoint_message(tree_size: u64, root_hex: &str) -> Vec<u8> {
    format!("kunren-checkpoint v1\n{tree_size}\n{root_hex}\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_bodies_serialize_alphabetically() {
        let body = CheckpointBody {
            key_id: None,
            public_key: None,
            root: "ab".into(),
            signature: None,
            tree_size: 3,
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"key_id":null,"public_key":null,"root":"ab","signature":null,"tree_size":3}"#
        );
        let closed = ClosedBody {
            reason: String::new(),
            status: CloseStatus::Aborted,
        };
        assert_eq!(
            serde_json::to_string(&closed).unwrap(),
            r#"{"reason":"","status":"aborted"}"#
        );
    }

    #[test]
    fn message_format_is_stable() {
        assert_eq!(
            checkpoint_message(7, "00ff"),
            b"kunren-checkpoint v1\n7\n00ff\n".to_vec()
        );
    }
}
