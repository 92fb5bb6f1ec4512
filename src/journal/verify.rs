//! Read-only verification of a journal, with exit codes and text/JSON reports.

use std::path::Path;

use ed25519_dalek::VerifyingKey;
use serde::Serialize;

use super::anchor::Anchor;
use super::bodies::{CheckpointBody, CloseStatus};
use super::hash::{decode_lower_hex, sha256_hex};
use super::keys::{key_fingerprint, load_verifying_key};
use super::record::RecordKind;
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
        /// Fingerprint of the signing key ([`crate::journal::key_fingerprint`]).
        fingerprint: Option<String>,
        /// The signing key's 32 bytes in lowercase hex (what its `.pub` file holds).
        public_key: Option<String>,
    },
    /// Signed, and every signature verifies with the public key stored in the checkpoints,
    /// but no public key was given, so who signed is not established: give `--pubkey`.
    SignedNoPubkey {
        /// Key id from the header.
        key_id: String,
        /// Number of signed checkpoints.
        checkpoints: u64,
        /// Fingerprint of the key stored in the checkpoints, to compare out of band with the
        /// facilitator's key (`None` before the first checkpoint).
        fingerprint: Option<String>,
        /// The key stored in the checkpoints, in lowercase hex (`None` before the first
        /// checkpoint).
        public_key: Option<String>,
    },
    /// A signature is missing, malformed or wrong, or the key does not match.
    Bad {
        /// What is wrong.
        reason: String,
    },
}

/// How far a journal's signatures establish who wrote it: the evidence grade, in the same
/// words in `verify`, `report` (every format) and the console's seal screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceGrade {
    /// Every checkpoint signature verified with a public key the inspector gave (`--pubkey`).
    SignatureVerified,
    /// Signed, the signatures consistent with the key stored in the journal, but that key was
    /// not checked against the facilitator's: anybody can re-sign a journal with a key of
    /// their own.
    SignedKeyNotChecked,
    /// The checkpoints are not signed.
    Unsigned,
}

impl EvidenceGrade {
    /// The grade in words (English): `signature verified`, `signed, key not checked`,
    /// `unsigned`.
    pub fn words(self) -> &'static str {
        match self {
            EvidenceGrade::SignatureVerified => "signature verified",
            EvidenceGrade::SignedKeyNotChecked => "signed, key not checked",
            EvidenceGrade::Unsigned => "unsigned",
        }
    }

    /// The grade in words (Japanese).
    pub fn words_ja(self) -> &'static str {
        match self {
            EvidenceGrade::SignatureVerified => "署名検証済み",
            EvidenceGrade::SignedKeyNotChecked => "署名あり・鍵未確認",
            EvidenceGrade::Unsigned => "署名なし",
        }
    }

    /// The grade in words of `lang` ([`EvidenceGrade::words`] or [`EvidenceGrade::words_ja`]).
    pub fn words_in(self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::En => self.words(),
            crate::i18n::Lang::Ja => self.words_ja(),
        }
    }

    /// The stable machine-readable code (`signature_verified`, `signed_key_not_checked`,
    /// `unsigned`).
    pub fn code(self) -> &'static str {
        match self {
            EvidenceGrade::SignatureVerified => "signature_verified",
            EvidenceGrade::SignedKeyNotChecked => "signed_key_not_checked",
            EvidenceGrade::Unsigned => "unsigned",
        }
    }

    /// What a valid journal of this grade proves (English), as `docs/evidence.md` states it.
    pub fn proves(self) -> &'static str {
        match self {
            EvidenceGrade::SignatureVerified => {
                "the holder of the facilitator's private key sealed these records; with the \
                 final root kept outside the file, nothing was changed, added or removed since"
            }
            EvidenceGrade::SignedKeyNotChecked => {
                "the records are intact since they were signed, but not who signed them: \
                 compare the key's fingerprint with the facilitator's key, or give --pubkey"
            }
            EvidenceGrade::Unsigned => {
                "the records are intact relative to each other, but not who wrote them: \
                 anybody can rewrite an unsigned journal consistently"
            }
        }
    }

    /// What a valid journal of this grade proves (Japanese).
    pub fn proves_ja(self) -> &'static str {
        match self {
            EvidenceGrade::SignatureVerified => {
                "ファシリテーターの秘密鍵の保有者がこの記録を封緘したこと。最終ルートをファイル外に保管していれば、以後の変更・追加・削除がないこと"
            }
            EvidenceGrade::SignedKeyNotChecked => {
                "署名以後に記録が改変されていないこと。ただし署名者は確認されていません（鍵のフィンガープリントをファシリテーターの鍵と照合するか --pubkey を指定）"
            }
            EvidenceGrade::Unsigned => {
                "記録が相互に整合していること。ただし作成者は確認できません（署名のないジャーナルは誰でも整合的に書き換えられます）"
            }
        }
    }
}

impl SignatureStatus {
    /// The evidence grade of a journal whose signatures are in order; `None` when no header
    /// was read or a signature is bad (an integrity failure, not a grade).
    pub fn grade(&self) -> Option<EvidenceGrade> {
        match self {
            SignatureStatus::Verified { .. } => Some(EvidenceGrade::SignatureVerified),
            SignatureStatus::SignedNoPubkey { .. } => Some(EvidenceGrade::SignedKeyNotChecked),
            SignatureStatus::Unsigned => Some(EvidenceGrade::Unsigned),
            SignatureStatus::Unknown | SignatureStatus::Bad { .. } => None,
        }
    }

    /// The signing key's fingerprint, when the journal is signed and has a checkpoint.
    pub fn fingerprint(&self) -> Option<&str> {
        match self {
            SignatureStatus::Verified { fingerprint, .. }
            | SignatureStatus::SignedNoPubkey { fingerprint, .. } => fingerprint.as_deref(),
            _ => None,
        }
    }
}

/// Why a journal that says its drill was completed is flagged as incomplete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IncompleteCode {
    /// `drill_closed` says `completed`, but no turn reached an ending or the turn limit.
    CompletedWithoutEnding,
}

/// A drill closed as completed that never reached an ending or its turn limit: its record
/// stops early (cut and resealed, or closed by mistake), so its ratings are provisional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Incomplete {
    /// Machine-readable reason.
    pub code: IncompleteCode,
    /// The last turn that ended, if any.
    pub last_turn: Option<u32>,
    /// The scenario's turn limit, when the header gives it.
    pub max_turns: Option<u32>,
    /// Human-readable explanation.
    pub message: String,
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
    /// The evidence grade ([`SignatureStatus::grade`]); `None` on an integrity failure.
    pub grade: Option<EvidenceGrade>,
    /// Set when the drill is closed as completed without having reached an ending or its
    /// turn limit. A flag, not an integrity failure: the exit code does not change.
    pub incomplete: Option<Incomplete>,
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
            grade: None,
            incomplete: None,
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
    let signature = signature_status(&scanned, pubkey.is_some());
    let grade = if failure.is_some() {
        None
    } else {
        signature.grade()
    };
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
        signature,
        grade,
        incomplete: incompleteness(&scanned),
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
    let public_key = stored_public_key(scanned);
    let fingerprint = public_key
        .as_deref()
        .and_then(decode_lower_hex::<32>)
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
        .map(|k| key_fingerprint(&k));
    match &header.pubkey_id {
        None => SignatureStatus::Unsigned,
        Some(key_id) if have_key => SignatureStatus::Verified {
            key_id: key_id.clone(),
            checkpoints: scanned.checkpoints,
            fingerprint,
            public_key,
        },
        Some(key_id) => SignatureStatus::SignedNoPubkey {
            key_id: key_id.clone(),
            checkpoints: scanned.checkpoints,
            fingerprint,
            public_key,
        },
    }
}

/// The public key stored in the first valid checkpoint (every checkpoint of a valid signed
/// journal holds the same one).
fn stored_public_key(scanned: &Scan) -> Option<String> {
    scanned
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::Checkpoint)
        .find_map(|r| r.body_as::<CheckpointBody>().ok()?.public_key)
}

/// A drill closed as completed must have reached an ending (the last `turn_ended` carries
/// one) or its turn limit (`extra.scenario.max_turns` of the header, when given).
fn incompleteness(scanned: &Scan) -> Option<Incomplete> {
    if scanned.closed != Some(CloseStatus::Completed) {
        return None;
    }
    let last = scanned
        .records
        .iter()
        .rev()
        .find(|r| r.kind == RecordKind::TurnEnded);
    let max_turns = scanned
        .header
        .as_ref()
        .and_then(|h| h.extra.pointer("/scenario/max_turns"))
        .and_then(serde_json::Value::as_u64)
        .and_then(|m| u32::try_from(m).ok());
    let ended = last.is_some_and(|r| {
        r.body
            .get("ending")
            .is_some_and(serde_json::Value::is_object)
            || max_turns.is_some_and(|m| r.turn >= m)
    });
    if ended {
        return None;
    }
    let last_turn = last.map(|r| r.turn);
    let at = match (last_turn, max_turns) {
        (Some(t), Some(m)) => format!("the last turn recorded is {t} of {m}"),
        (Some(t), None) => format!("the last turn recorded is {t}"),
        (None, _) => "no turn ended".to_owned(),
    };
    Some(Incomplete {
        code: IncompleteCode::CompletedWithoutEnding,
        last_turn,
        max_turns,
        message: format!(
            "the drill is closed as completed but never reached an ending or its turn limit \
             ({at}): the record stops early, so its ratings are provisional"
        ),
    })
}
