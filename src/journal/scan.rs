//! Reading a journal's bytes back and checking every rule of the format.
//!
//! The same scan serves `verify` (read-only report), `read_journal` (report and replay) and
//! `JournalWriter::resume` (which moves a torn tail aside), so all three agree on what is a
//! torn tail and what is corruption:
//!
//! * **torn tail** — non-empty bytes after the last newline, or a last line that is not a
//!   well-formed record (bad JSON, zero fill, wrong envelope), when every line before it is
//!   valid and the journal is not sealed. A crash in the middle of an append can only produce
//!   this.
//! * **defect** — anything else: a well-formed line that breaks a rule (sequence, `prev` chain,
//!   checkpoint root, signature, order of kinds), or a malformed line followed by more lines,
//!   or anything after the final checkpoint.

use ed25519_dalek::{Signature, VerifyingKey};
use serde::Serialize;
use serde_json::error::Category;

use super::bodies::{
    CheckpointBody, CloseStatus, ClosedBody, Header, RecoveredBody, checkpoint_message,
};
use super::hash::{Digest32, ZERO_PREV, decode_lower_hex, is_lower_hex, sha256_hex};
use super::keys::key_id;
use super::merkle::{MerkleTree, leaf_hash};
use super::record::{Actor, FORMAT_VERSION, Record, RecordKind};

/// Why a journal fails verification, as a stable machine-readable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DefectCode {
    /// The file is empty or its first line is not a complete, valid header.
    MissingHeader,
    /// A line is not valid UTF-8 JSON.
    BadJson,
    /// A line is JSON but not a record: wrong field order, missing or extra field, wrong type,
    /// bad timestamp, unknown kind, bad actor, body not an object, `prev` not lowercase hex.
    BadEnvelope,
    /// `v` is not the supported format version.
    BadVersion,
    /// `seq` is not the line's position (a line was removed, inserted, duplicated or moved).
    SeqMismatch,
    /// `prev` is not the SHA-256 of the previous line (a line was changed or replaced).
    PrevMismatch,
    /// A record's `turn` is lower than the previous record's: turns never go back.
    TurnDecreased,
    /// A record's `ts` is earlier than the previous record's: times never go back.
    TsDecreased,
    /// The first record is not `drill_opened`.
    HeaderNotFirst,
    /// A second `drill_opened` record.
    DuplicateHeader,
    /// The header's body is not a valid header.
    BadHeader,
    /// A `checkpoint`, `recovered` or `drill_closed` body is malformed.
    BadBody,
    /// A checkpoint's `tree_size` is not the number of lines before it.
    CheckpointSize,
    /// A checkpoint's `root` is not the Merkle root of the lines before it.
    CheckpointRoot,
    /// A checkpoint differs from the exact form the writer produces (actor, ts, turn, key id,
    /// byte encoding).
    CheckpointForm,
    /// A signed journal has a checkpoint without a signature.
    MissingSignature,
    /// An unsigned journal has a checkpoint with a signature.
    UnexpectedSignature,
    /// A checkpoint signature is malformed or does not verify with the given public key.
    BadSignature,
    /// The given public key is not the key named in the header.
    KeyMismatch,
    /// A public key was given but the journal is not signed.
    UnsignedJournal,
    /// A record other than `recovered` or `checkpoint` after `drill_closed`.
    RecordAfterClose,
    /// Anything after the final checkpoint of a sealed journal.
    RecordAfterSeal,
    /// The journal's prefix does not match the external checkpoint (anchor).
    AnchorMismatch,
}

/// The first integrity failure found in a journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Defect {
    /// Line number counting from 1, when the failure is tied to a line.
    pub line: Option<u64>,
    /// Machine-readable reason.
    pub code: DefectCode,
    /// Human-readable explanation.
    pub message: String,
}

impl Defect {
    fn at(line: u64, code: DefectCode, message: impl Into<String>) -> Self {
        Defect {
            line: Some(line),
            code,
            message: message.into(),
        }
    }
}

/// Bytes at the end of a journal left by an interrupted write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TornTail {
    /// Byte offset where the torn tail starts (the length of the valid part).
    pub offset: u64,
    /// Number of bytes in the torn tail.
    pub bytes: u64,
    /// Lowercase hex SHA-256 of the torn bytes.
    pub sha256: String,
    /// What the tail looks like.
    pub reason: String,
}

/// Result of scanning a journal's bytes.
pub(crate) struct Scan {
    pub header: Option<Header>,
    pub records: Vec<Record>,
    /// RFC 6962 leaf hash of each valid line.
    pub leaves: Vec<Digest32>,
    pub tree: MerkleTree,
    /// Hex SHA-256 of the last valid line (the next record's `prev`).
    pub last_hash: String,
    /// Length in bytes of the valid prefix (ends right after a newline).
    pub good_len: u64,
    pub closed: Option<CloseStatus>,
    pub sealed: bool,
    pub checkpoints: u64,
    /// Records (not counting checkpoints) since the last checkpoint.
    pub since_checkpoint: u64,
    pub torn: Option<TornTail>,
    pub defect: Option<Defect>,
}

impl Scan {
    fn new() -> Self {
        Scan {
            header: None,
            records: Vec::new(),
            leaves: Vec::new(),
            tree: MerkleTree::new(),
            last_hash: ZERO_PREV.to_owned(),
            good_len: 0,
            closed: None,
            sealed: false,
            checkpoints: 0,
            since_checkpoint: 0,
            torn: None,
            defect: None,
        }
    }

    /// Root of the first `size` valid lines, if there are that many.
    pub fn prefix_root(&self, size: u64) -> Option<Digest32> {
        let size = usize::try_from(size).ok()?;
        let leaves = self.leaves.get(..size)?;
        let mut tree = MerkleTree::new();
        for leaf in leaves {
            tree.push_leaf_hash(*leaf);
        }
        Some(tree.root())
    }
}

/// Scans a whole journal. With `pubkey`, every checkpoint signature is verified against it.
pub(crate) fn scan(bytes: &[u8], pubkey: Option<&VerifyingKey>) -> Scan {
    let mut s = Scan::new();
    if bytes.is_empty() {
        s.defect = Some(Defect::at(
            1,
            DefectCode::MissingHeader,
            "the file is empty",
        ));
        return s;
    }
    let mut pos = 0usize;
    let mut index = 0u64;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
            s.tail_without_newline(rest, pos, index);
            break;
        };
        let line = &rest[..nl];
        let end = pos + nl + 1;
        match Record::from_line(line) {
            Err(err) => {
                s.malformed_line(&err, bytes, pos, end == bytes.len(), index);
                break;
            }
            Ok(record) => {
                if let Err(defect) = s.check(&record, line, index, pubkey) {
                    s.defect = Some(defect);
                    break;
                }
                s.accept(record, line, end);
            }
        }
        pos = end;
        index += 1;
    }
    s
}

fn torn_reason(tail: &[u8]) -> &'static str {
    if tail.iter().all(|&b| b == 0 || b == b'\n') {
        "zero fill left by an interrupted write"
    } else {
        "an incomplete or unreadable last line left by an interrupted write"
    }
}

impl Scan {
    fn tail_without_newline(&mut self, rest: &[u8], pos: usize, index: u64) {
        let line = index + 1;
        if self.sealed {
            self.defect = Some(Defect::at(
                line,
                DefectCode::RecordAfterSeal,
                format!("{} bytes after the final checkpoint", rest.len()),
            ));
        } else if index == 0 {
            self.defect = Some(Defect::at(
                1,
                DefectCode::MissingHeader,
                "the header line is incomplete (no newline)",
            ));
        } else {
            self.torn = Some(TornTail {
                offset: pos as u64,
                bytes: rest.len() as u64,
                sha256: sha256_hex(rest),
                reason: format!("line {line} has no newline: {}", torn_reason(rest)),
            });
        }
    }

    fn malformed_line(
        &mut self,
        err: &serde_json::Error,
        bytes: &[u8],
        pos: usize,
        is_last: bool,
        index: u64,
    ) {
        let line = index + 1;
        let code = match err.classify() {
            Category::Data => DefectCode::BadEnvelope,
            _ => DefectCode::BadJson,
        };
        if self.sealed {
            self.defect = Some(Defect::at(
                line,
                DefectCode::RecordAfterSeal,
                "a line after the final checkpoint",
            ));
        } else if index == 0 {
            self.defect = Some(Defect::at(
                1,
                DefectCode::MissingHeader,
                format!("the header line is not a valid record: {err}"),
            ));
        } else if is_last {
            let tail = &bytes[pos..];
            self.torn = Some(TornTail {
                offset: pos as u64,
                bytes: tail.len() as u64,
                sha256: sha256_hex(tail),
                reason: format!(
                    "line {line} is not a valid record ({err}): {}",
                    torn_reason(tail)
                ),
            });
        } else {
            self.defect = Some(Defect::at(
                line,
                code,
                format!("not a valid record ({err}), and more lines follow it"),
            ));
        }
    }

    fn accept(&mut self, record: Record, line: &[u8], end: usize) {
        let leaf = leaf_hash(line);
        self.leaves.push(leaf);
        self.tree.push_leaf_hash(leaf);
        self.last_hash = sha256_hex(line);
        self.good_len = end as u64;
        if record.kind == RecordKind::Checkpoint {
            self.checkpoints += 1;
            self.since_checkpoint = 0;
            if self.closed.is_some() {
                self.sealed = true;
            }
        } else {
            self.since_checkpoint += 1;
        }
        self.records.push(record);
    }

    fn check(
        &mut self,
        rec: &Record,
        line: &[u8],
        index: u64,
        pubkey: Option<&VerifyingKey>,
    ) -> Result<(), Defect> {
        let n = index + 1;
        if self.sealed {
            return Err(Defect::at(
                n,
                DefectCode::RecordAfterSeal,
                format!("a `{}` record after the final checkpoint", rec.kind),
            ));
        }
        if rec.v != FORMAT_VERSION {
            return Err(Defect::at(
                n,
                DefectCode::BadVersion,
                format!(
                    "format version {} (this kunren reads version {FORMAT_VERSION})",
                    rec.v
                ),
            ));
        }
        if rec.seq != index {
            return Err(Defect::at(
                n,
                DefectCode::SeqMismatch,
                format!(
                    "seq is {} but this is record {index}: a record was removed, inserted, \
                     duplicated or moved",
                    rec.seq
                ),
            ));
        }
        if rec.prev != self.last_hash {
            let what = if index == 0 {
                "the first record's prev must be 64 zeros".to_owned()
            } else {
                format!(
                    "prev is not the SHA-256 of line {index}: that line was changed or replaced"
                )
            };
            return Err(Defect::at(n, DefectCode::PrevMismatch, what));
        }
        if index == 0 {
            return self.check_header(rec, pubkey);
        }
        self.check_order(rec, n)?;
        if self.closed.is_some()
            && !matches!(rec.kind, RecordKind::Recovered | RecordKind::Checkpoint)
        {
            return Err(Defect::at(
                n,
                DefectCode::RecordAfterClose,
                format!("a `{}` record after drill_closed", rec.kind),
            ));
        }
        match rec.kind {
            RecordKind::DrillOpened => Err(Defect::at(
                n,
                DefectCode::DuplicateHeader,
                "a second drill_opened header",
            )),
            RecordKind::DrillClosed => {
                let body: ClosedBody = rec.body_as().map_err(|e| bad_body(n, rec.kind, &e))?;
                self.closed = Some(body.status);
                Ok(())
            }
            RecordKind::Recovered => {
                let body: RecoveredBody = rec.body_as().map_err(|e| bad_body(n, rec.kind, &e))?;
                if !is_lower_hex(&body.sha256, 64) {
                    return Err(Defect::at(
                        n,
                        DefectCode::BadBody,
                        "recovered: sha256 is not 64 lowercase hex characters",
                    ));
                }
                Ok(())
            }
            RecordKind::Checkpoint => self.check_checkpoint(rec, line, n, pubkey),
            _ => Ok(()),
        }
    }

    /// `turn` and `ts` never decrease from one record to the next.
    fn check_order(&self, rec: &Record, n: u64) -> Result<(), Defect> {
        let Some(prev) = self.records.last() else {
            return Ok(());
        };
        if rec.turn < prev.turn {
            return Err(Defect::at(
                n,
                DefectCode::TurnDecreased,
                format!(
                    "turn {} after turn {} on line {}: turns never go back, so this record \
                     was moved or its turn changed",
                    rec.turn,
                    prev.turn,
                    prev.seq + 1
                ),
            ));
        }
        if timestamp_order_key(&rec.ts) < timestamp_order_key(&prev.ts) {
            return Err(Defect::at(
                n,
                DefectCode::TsDecreased,
                format!(
                    "ts {} is earlier than {} on line {}: times never go back, so this record \
                     was moved or its time changed",
                    rec.ts,
                    prev.ts,
                    prev.seq + 1
                ),
            ));
        }
        Ok(())
    }

    fn check_header(&mut self, rec: &Record, pubkey: Option<&VerifyingKey>) -> Result<(), Defect> {
        if rec.kind != RecordKind::DrillOpened {
            return Err(Defect::at(
                1,
                DefectCode::HeaderNotFirst,
                format!("the first record is `{}`, not drill_opened", rec.kind),
            ));
        }
        let header: Header = rec
            .body_as()
            .map_err(|e| Defect::at(1, DefectCode::BadHeader, format!("header: {e}")))?;
        if !header.extra.is_object() {
            return Err(Defect::at(
                1,
                DefectCode::BadHeader,
                "header: `extra` is not an object",
            ));
        }
        if let Some(id) = &header.pubkey_id
            && !is_lower_hex(id, 16)
        {
            return Err(Defect::at(
                1,
                DefectCode::BadHeader,
                "header: pubkey_id is not 16 lowercase hex characters",
            ));
        }
        if let Some(pk) = pubkey {
            let given = key_id(pk);
            match &header.pubkey_id {
                None => {
                    return Err(Defect::at(
                        1,
                        DefectCode::UnsignedJournal,
                        format!(
                            "a public key ({given}) was given but the journal is not signed; \
                             a signed journal may have been replaced by an unsigned one"
                        ),
                    ));
                }
                Some(id) if *id != given => {
                    return Err(Defect::at(
                        1,
                        DefectCode::KeyMismatch,
                        format!(
                            "the signature does not match the given public key: the journal \
                             is signed with key {id}, the given public key is {given}"
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        self.header = Some(header);
        Ok(())
    }

    fn check_checkpoint(
        &self,
        rec: &Record,
        line: &[u8],
        n: u64,
        pubkey: Option<&VerifyingKey>,
    ) -> Result<(), Defect> {
        let body: CheckpointBody = rec.body_as().map_err(|e| bad_body(n, rec.kind, &e))?;
        if body.tree_size != self.tree.size() {
            return Err(Defect::at(
                n,
                DefectCode::CheckpointSize,
                format!(
                    "checkpoint covers {} lines but {} lines precede it",
                    body.tree_size,
                    self.tree.size()
                ),
            ));
        }
        let root = self.tree.root_hex();
        if body.root != root {
            return Err(Defect::at(
                n,
                DefectCode::CheckpointRoot,
                format!(
                    "checkpoint root {} is not the Merkle root {root} of the {} lines before it",
                    body.root, body.tree_size
                ),
            ));
        }
        self.check_checkpoint_form(rec, line, &body, n)?;
        let header_key = self.header.as_ref().and_then(|h| h.pubkey_id.as_deref());
        let Some(header_key) = header_key else {
            if body.signature.is_some() || body.public_key.is_some() {
                return Err(Defect::at(
                    n,
                    DefectCode::UnexpectedSignature,
                    "a signature or public key in a journal whose header names no key",
                ));
            }
            return Ok(());
        };
        let (Some(sig), Some(pk_hex)) = (&body.signature, &body.public_key) else {
            return Err(Defect::at(
                n,
                DefectCode::MissingSignature,
                "the journal is signed but this checkpoint lacks its signature or public key",
            ));
        };
        let bad = |why: &str| Defect::at(n, DefectCode::BadSignature, why.to_owned());
        let sig_bytes = decode_lower_hex::<64>(sig)
            .ok_or_else(|| bad("signature is not 128 lowercase hex characters"))?;
        let embedded = decode_lower_hex::<32>(pk_hex)
            .and_then(|b| VerifyingKey::from_bytes(&b).ok())
            .ok_or_else(|| bad("public_key is not a valid Ed25519 public key in lowercase hex"))?;
        if key_id(&embedded) != header_key {
            return Err(bad("public_key does not have the header's key id"));
        }
        if let Some(given) = pubkey
            && given.as_bytes() != embedded.as_bytes()
        {
            return Err(Defect::at(
                n,
                DefectCode::KeyMismatch,
                "the signature does not match the given public key: the checkpoint was \
                 signed with a different key",
            ));
        }
        let message = checkpoint_message(body.tree_size, &body.root);
        embedded
            .verify_strict(&message, &Signature::from_bytes(&sig_bytes))
            .map_err(|_| bad("the checkpoint signature does not verify"))
    }

    fn check_checkpoint_form(
        &self,
        rec: &Record,
        line: &[u8],
        body: &CheckpointBody,
        n: u64,
    ) -> Result<(), Defect> {
        let form =
            |why: &str| Defect::at(n, DefectCode::CheckpointForm, format!("checkpoint {why}"));
        let Some(prev) = self.records.last() else {
            return Err(form("before the header"));
        };
        if rec.actor != Actor::System {
            return Err(form("actor must be `system`"));
        }
        if rec.ts != prev.ts {
            return Err(form("ts must equal the ts of the record before it"));
        }
        if rec.turn != prev.turn {
            return Err(form("turn must equal the turn of the record before it"));
        }
        let header_key = self.header.as_ref().and_then(|h| h.pubkey_id.as_ref());
        if body.key_id.as_ref() != header_key {
            return Err(form("key_id differs from the header's pubkey_id"));
        }
        match rec.to_line() {
            Ok(canonical) if canonical == line => Ok(()),
            _ => Err(form("is not byte-for-byte in the form the writer produces")),
        }
    }
}

/// A record timestamp (either accepted form) as a string that sorts in time order: the
/// millisecond form without the `Z` (`YYYY-MM-DDTHH:MM:SS.mmm`), every field fixed-width.
fn timestamp_order_key(ts: &str) -> String {
    let body = ts.strip_suffix('Z').unwrap_or(ts);
    if body.len() == 19 {
        format!("{body}.000")
    } else {
        body.to_owned()
    }
}

fn bad_body(n: u64, kind: RecordKind, err: &serde_json::Error) -> Defect {
    Defect::at(n, DefectCode::BadBody, format!("{kind} body: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::bodies::Participant;
    use crate::journal::writer::{JournalWriter, WriterOptions};
    use serde_json::json;

    fn journal(records: u32) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let header = Header {
            kunren_version: "t".into(),
            drill_id: "d".into(),
            drill_title: "t".into(),
            scenario_id: "s".into(),
            scenario_title: "s".into(),
            scenario_sha256: "0".repeat(64),
            scenario_path: "s".into(),
            org_id: "o".into(),
            org_name: "o".into(),
            org_sha256: "0".repeat(64),
            org_path: "o".into(),
            seed: 1,
            facilitator: "f".into(),
            participants: vec![Participant {
                name: "n".into(),
                role: "r".into(),
            }],
            timezone: "UTC".into(),
            language: "en".into(),
            pubkey_id: None,
            extra: json!({}),
        };
        let options = WriterOptions::new().checkpoint_every(3);
        let mut w = JournalWriter::create_with(&path, header, None, options).unwrap();
        for i in 0..records {
            w.append(1, RecordKind::Detection, &Actor::Engine, json!({"i": i}))
                .unwrap();
        }
        drop(w);
        std::fs::read(&path).unwrap()
    }

    #[test]
    fn clean_unsealed_journal_has_neither_torn_tail_nor_defect() {
        let s = scan(&journal(5), None);
        assert!(s.defect.is_none() && s.torn.is_none());
        assert_eq!(s.records.len(), 7, "header, 5 records, 1 checkpoint");
        assert_eq!(s.checkpoints, 1);
        assert!(!s.sealed && s.closed.is_none());
    }

    #[test]
    fn malformed_last_line_is_a_torn_tail_but_malformed_middle_line_is_a_defect() {
        let mut bytes = journal(4);
        bytes.extend_from_slice(b"{\"v\":1,\"seq\"\x00\x00\n");
        let s = scan(&bytes, None);
        assert!(s.defect.is_none());
        assert!(s.torn.is_some());
        bytes.extend_from_slice(&journal(1)[..10]);
        bytes.push(b'\n');
        let s = scan(&bytes, None);
        assert_eq!(s.defect.map(|d| d.code), Some(DefectCode::BadJson));
    }

    #[test]
    fn a_well_formed_last_line_that_does_not_chain_is_a_defect() {
        let bytes = journal(4);
        let mut lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
        let last = lines.pop().unwrap();
        lines.push(lines[1]);
        let s = scan(&lines.concat(), None);
        assert_eq!(s.defect.map(|d| d.code), Some(DefectCode::SeqMismatch));
        let mut bad_prev = lines[..lines.len() - 1].concat();
        let text = String::from_utf8(last.to_vec()).unwrap();
        let prev_at = text.find("\"prev\":\"").unwrap() + 8;
        let mut changed = text.into_bytes();
        changed[prev_at] = if changed[prev_at] == b'0' { b'1' } else { b'0' };
        bad_prev.extend_from_slice(&changed);
        let s = scan(&bad_prev, None);
        assert_eq!(s.defect.map(|d| d.code), Some(DefectCode::PrevMismatch));
    }

    #[test]
    fn timestamps_of_either_precision_sort_in_time_order() {
        let k = timestamp_order_key;
        assert!(k("2025-01-31T00:00:01Z") < k("2025-01-31T00:00:01.500Z"));
        assert!(k("2025-01-31T00:00:01.500Z") < k("2025-01-31T00:00:02Z"));
        assert_eq!(k("2025-01-31T00:00:01Z"), k("2025-01-31T00:00:01.000Z"));
        assert!(k("2024-12-31T23:59:59.999Z") < k("2025-01-01T00:00:00Z"));
    }

    #[test]
    fn prefix_roots_match_the_running_tree() {
        let s = scan(&journal(6), None);
        let n = s.records.len() as u64;
        assert_eq!(s.prefix_root(n), Some(s.tree.root()));
        assert_eq!(s.prefix_root(0), Some(crate::journal::merkle::EMPTY_ROOT));
        assert_eq!(s.prefix_root(n + 1), None);
    }
}
