//! Read-only verification of a journal, with exit codes and text/JSON reports.

use std::path::Path;

use ed25519_dalek::VerifyingKey;
use serde::Serialize;

use super::anchor::Anchor;
use super::bodies::CloseStatus;
use super::hash::sha256_hex;
use super::keys::load_verifying_key;
use super::scan::{Defect, DefectCode, Scan, TornTail, scan};
use crate::exit::ExitCode;

/// Overall verdict of `kunren verify`; [`VerifyOutcome::exit_code`] maps it to the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyOutcome {
    /// Exit 0: every line valid and the journal sealed (final checkpoint after drill_closed).
    ValidSealed,
    /// Exit 1: every line valid but the journal is not sealed, or it ends in a torn tail.
    ValidUnsealed,
    /// Exit 2: an integrity failure (see the report's `failure`).
    IntegrityFailure,
    /// Exit 3: usage or I/O error (see the report's `error`).
    Error,
}

impl VerifyOutcome {
    /// The process exit code: success, problems (unsealed), integrity, or usage or I/O.
    pub fn exit_code(self) -> ExitCode {
        match self {
            VerifyOutcome::ValidSealed => ExitCode::Success,
            VerifyOutcome::ValidUnsealed => ExitCode::Problems,
            VerifyOutcome::IntegrityFailure => ExitCode::Integrity,
            VerifyOutcome::Error => ExitCode::UsageOrIo,
        }
    }
}

/// What could be said about the checkpoint signatures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignatureStatus {
    /// No valid header was found, so nothing is known.
    Unknown,
    /// The journal's checkpoints are not signed.
    Unsigned,
    /// Signed, and every checkpoint signature verified with the given public key.
    Verified {
        /// Key id from the header.
        key_id: String,
        /// Number of checkpoint signatures verified.
        checkpoints: u64,
    },
    /// Signed, and every signature verifies with the public key stored in the checkpoints,
    /// but no public key was given, so who signed is not established: give `--pubkey`.
    SignedNoPubkey {
        /// Key id from the header.
        key_id: String,
        /// Number of signed checkpoints.
        checkpoints: u64,
    },
    /// A signature is missing, malformed or wrong, or the key does not match.
    Bad {
        /// What is wrong.
        reason: String,
    },
}

/// Result of comparing the journal with an external checkpoint (anchor).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnchorCheck {
    /// Tree size from the anchor file.
    pub tree_size: u64,
    /// Root from the anchor file.
    pub root: String,
    /// True when the journal's first `tree_size` lines have exactly this root.
    pub matched: bool,
}

/// The outcome of verifying one journal: everything `kunren verify` prints (text or JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// The journal's path as given.
    pub journal: String,
    /// The verdict.
    pub outcome: VerifyOutcome,
    /// The exit code for the verdict (the number of [`VerifyOutcome::exit_code`]).
    pub exit_code: i32,
    /// Number of valid lines (records), header and checkpoints included.
    pub records: u64,
    /// Number of valid checkpoints.
    pub checkpoints: u64,
    /// Lowercase hex Merkle root of all valid lines.
    pub merkle_root: Option<String>,
    /// Lowercase hex SHA-256 of the whole file, as it is on disk.
    pub file_sha256: Option<String>,
    /// Size of the file in bytes.
    pub file_bytes: Option<u64>,
    /// True when the final checkpoint follows drill_closed.
    pub sealed: bool,
    /// How the drill ended, if it was closed.
    pub closed: Option<CloseStatus>,
    /// Drill id from the header.
    pub drill_id: Option<String>,
    /// Drill title from the header.
    pub drill_title: Option<String>,
    /// Scenario id from the header.
    pub scenario_id: Option<String>,
    /// Organisation id from the header.
    pub org_id: Option<String>,
    /// Signature status.
    pub signature: SignatureStatus,
    /// The torn tail, if the journal ends in one.
    pub torn_tail: Option<TornTail>,
    /// The external checkpoint comparison, if one was given.
    pub anchor: Option<AnchorCheck>,
    /// The first integrity failure, if any.
    pub failure: Option<Defect>,
    /// The usage or I/O error, if any.
    pub error: Option<String>,
}

impl Verification {
    fn error(journal: &Path, message: String) -> Self {
        Verification {
            journal: journal.display().to_string(),
            outcome: VerifyOutcome::Error,
            exit_code: VerifyOutcome::Error.exit_code().code(),
            records: 0,
            checkpoints: 0,
            merkle_root: None,
            file_sha256: None,
            file_bytes: None,
            sealed: false,
            closed: None,
            drill_id: None,
            drill_title: None,
            scenario_id: None,
            org_id: None,
            signature: SignatureStatus::Unknown,
            torn_tail: None,
            anchor: None,
            failure: None,
            error: Some(message),
        }
    }

    /// The report as pretty-printed JSON (`--json`).
    pub fn render_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\":\"cannot encode the report: {e}\"}}"))
    }
}

/// Verifies the journal at `path`, read-only. With `pubkey`, every checkpoint signature must
/// verify with it; with `checkpoint_file`, the journal must still contain the anchored prefix.
pub fn verify(
    path: &Path,
    pubkey: Option<&VerifyingKey>,
    checkpoint_file: Option<&Path>,
) -> Verification {
    let anchor = match checkpoint_file.map(Anchor::read).transpose() {
        Ok(a) => a,
        Err(e) => return Verification::error(path, e.to_string()),
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Verification::error(path, format!("cannot read {}: {e}", path.display()));
        }
    };
    let mut report = verify_bytes(&bytes, pubkey, anchor.as_ref());
    report.journal = path.display().to_string();
    report
}

/// Like [`verify`], but loads the public key from a file first (a bad key file is exit 3).
pub fn verify_files(
    path: &Path,
    pubkey_file: Option<&Path>,
    checkpoint_file: Option<&Path>,
) -> Verification {
    let key = match pubkey_file.map(load_verifying_key).transpose() {
        Ok(k) => k,
        Err(e) => return Verification::error(path, e.to_string()),
    };
    verify(path, key.as_ref(), checkpoint_file)
}

/// Verifies a journal held in memory (same rules as [`verify`]).
pub fn verify_bytes(
    bytes: &[u8],
    pubkey: Option<&VerifyingKey>,
    anchor: Option<&Anchor>,
) -> Verification {
    let scanned = scan(bytes, pubkey);
    let anchor_check = anchor.map(|a| check_anchor(&scanned, a));
    let mut failure = scanned.defect.clone();
    if failure.is_none()
        && let Some(check) = anchor_check.as_ref().filter(|c| !c.matched)
    {
        failure = Some(anchor_defect(&scanned, check));
    }
    let outcome = if failure.is_some() {
        VerifyOutcome::IntegrityFailure
    } else if scanned.sealed {
        VerifyOutcome::ValidSealed
    } else {
        VerifyOutcome::ValidUnsealed
    };
    let header = scanned.header.as_ref();
    Verification {
        journal: "<memory>".into(),
        outcome,
        exit_code: outcome.exit_code().code(),
        records: scanned.records.len() as u64,
        checkpoints: scanned.checkpoints,
        merkle_root: Some(scanned.tree.root_hex()),
        file_sha256: Some(sha256_hex(bytes)),
        file_bytes: Some(bytes.len() as u64),
        sealed: scanned.sealed,
        closed: scanned.closed,
        drill_id: header.map(|h| h.drill_id.clone()),
        drill_title: header.map(|h| h.drill_title.clone()),
        scenario_id: header.map(|h| h.scenario_id.clone()),
        org_id: header.map(|h| h.org_id.clone()),
        signature: signature_status(&scanned, pubkey.is_some()),
        torn_tail: scanned.torn.clone(),
        anchor: anchor_check,
        failure,
        error: None,
    }
}

fn check_anchor(scanned: &Scan, anchor: &Anchor) -> AnchorCheck {
    let matched = scanned
        .prefix_root(anchor.tree_size)
        .is_some_and(|root| hex::encode(root) == anchor.root);
    AnchorCheck {
        tree_size: anchor.tree_size,
        root: anchor.root.clone(),
        matched,
    }
}

fn anchor_defect(scanned: &Scan, check: &AnchorCheck) -> Defect {
    let have = scanned.records.len() as u64;
    let message = if check.tree_size > have {
        format!(
            "the external checkpoint covers {} lines but the journal has only {have} valid \
             lines: records were removed from the end",
            check.tree_size
        )
    } else {
        format!(
            "the first {} lines do not have the anchored root {}: the journal was changed \
             after the checkpoint was taken",
            check.tree_size, check.root
        )
    };
    Defect {
        line: None,
        code: DefectCode::AnchorMismatch,
        message,
    }
}

fn signature_status(scanned: &Scan, have_key: bool) -> SignatureStatus {
    if let Some(defect) = &scanned.defect
        && matches!(
            defect.code,
            DefectCode::BadSignature
                | DefectCode::MissingSignature
                | DefectCode::UnexpectedSignature
                | DefectCode::KeyMismatch
                | DefectCode::UnsignedJournal
        )
    {
        return SignatureStatus::Bad {
            reason: defect.message.clone(),
        };
    }
    let Some(header) = &scanned.header else {
        return SignatureStatus::Unknown;
    };
    match &header.pubkey_id {
        None => SignatureStatus::Unsigned,
        Some(key_id) if have_key => SignatureStatus::Verified {
            key_id: key_id.clone(),
            checkpoints: scanned.checkpoints,
        },
        Some(key_id) => SignatureStatus::SignedNoPubkey {
            key_id: key_id.clone(),
            checkpoints: scanned.checkpoints,
        },
    }
}
