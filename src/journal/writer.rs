//! The journal writer: create, append, checkpoint, seal, and resume after a crash.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ed25519_dalek::{Signer, SigningKey};
use serde_json::Value;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::anchor::Anchor;
use super::bodies::{
    CheckpointBody, CloseStatus, ClosedBody, Header, RecoveredBody, checkpoint_message,
};
use super::canonical::{BodyEncoder, write_body};
use super::durable::{FaultPlan, JournalFile, sync_parent_dir, write_side_file};
use super::error::JournalError;
use super::hash::{ZERO_PREV, sha256, sha256_hex};
use super::keys::key_id;
use super::merkle::{MerkleTree, leaf_hash};
use super::record::{Actor, FORMAT_VERSION, Record, RecordKind};
use super::scan::{DefectCode, Scan, TornTail, scan};
use super::timestamp::format_timestamp;

/// A source of record timestamps.
pub type Clock = Box<dyn FnMut() -> OffsetDateTime + Send + Sync>;

/// Tunables of a [`JournalWriter`].
pub struct WriterOptions {
    checkpoint_every: u64,
    clock: Option<Clock>,
    faults: FaultPlan,
}

impl WriterOptions {
    /// Default number of records between automatic checkpoints.
    pub const DEFAULT_CHECKPOINT_EVERY: u64 = 100;

    /// Defaults: a checkpoint every 100 records, the system clock, no fault injection.
    pub fn new() -> Self {
        WriterOptions {
            checkpoint_every: Self::DEFAULT_CHECKPOINT_EVERY,
            clock: None,
            faults: FaultPlan::default(),
        }
    }

    /// Writes a checkpoint before a record whenever `n` records were appended since the last
    /// one; `0` disables automatic checkpoints (the final one at sealing is always written).
    pub fn checkpoint_every(mut self, n: u64) -> Self {
        self.checkpoint_every = n;
        self
    }

    /// Uses `clock` instead of the system clock for the `ts` of new records.
    pub fn clock(mut self, clock: impl FnMut() -> OffsetDateTime + Send + Sync + 'static) -> Self {
        self.clock = Some(Box::new(clock));
        self
    }

    /// A deterministic clock: `start`, then `start + step`, `start + 2 * step`, ...
    pub fn fixed_clock(self, start: OffsetDateTime, step: time::Duration) -> Self {
        let mut next = start;
        self.clock(move || {
            let now = next;
            next += step;
            now
        })
    }

    /// Injects simulated storage faults (tests of the failure paths).
    pub fn faults(mut self, plan: FaultPlan) -> Self {
        self.faults = plan;
        self
    }
}

impl Default for WriterOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for WriterOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WriterOptions")
            .field("checkpoint_every", &self.checkpoint_every)
            .field("custom_clock", &self.clock.is_some())
            .field("faults", &self.faults)
            .finish()
    }
}

/// What sealing a journal produced; print `anchor` in the after-action report so the final
/// root can be kept outside the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealInfo {
    /// Total number of lines, including the final checkpoint.
    pub records: u64,
    /// Tree size and Merkle root of the whole sealed journal.
    pub anchor: Anchor,
    /// Lowercase hex SHA-256 of the whole file.
    pub file_sha256: String,
    /// How the drill ended.
    pub status: CloseStatus,
    /// Id of the key that signed the checkpoints, if any.
    pub key_id: Option<String>,
}

/// What `resume` found and did; the caller rebuilds the engine state from `records`.
#[derive(Clone, Debug, PartialEq)]
pub struct ResumeInfo {
    /// The drill's header.
    pub header: Header,
    /// Every record now in the journal, header first, ending with the new `recovered` record.
    pub records: Vec<Record>,
    /// Body of the `recovered` record that was appended.
    pub recovered: RecoveredBody,
    /// The torn tail that was moved aside, if there was one.
    pub torn_tail: Option<TornTail>,
    /// Turn of the last record before the interruption.
    pub last_turn: u32,
}

/// Appends records to a journal file, durably and in order. Holds an exclusive lock on the
/// file for its whole life; dropping it releases the lock without sealing.
pub struct JournalWriter {
    path: PathBuf,
    file: JournalFile,
    header: Header,
    key: Option<SigningKey>,
    key_id: Option<String>,
    tree: MerkleTree,
    file_hash: Sha256,
    next_seq: u64,
    prev: String,
    last_ts: String,
    last_turn: u32,
    since_checkpoint: u64,
    checkpoint_every: u64,
    closed: bool,
    clock: Clock,
    poisoned: Option<Arc<io::Error>>,
    /// Scratch buffers, reused from record to record: the body's JSON and the whole line.
    body: Vec<u8>,
    line: Vec<u8>,
    encoder: BodyEncoder,
}

impl fmt::Debug for JournalWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JournalWriter")
            .field("path", &self.path)
            .field("next_seq", &self.next_seq)
            .field("key_id", &self.key_id)
            .field("poisoned", &self.poisoned.is_some())
            .finish_non_exhaustive()
    }
}

/// How long a contended lock is retried before giving up with `Locked`. A real second
/// writer holds the lock for the whole drill; this only rides out a lock that briefly
/// lingers in a process being spawned (between `fork` and `exec` the child shares the open
/// file and therefore its `flock`).
const LOCK_RETRIES: u32 = 25;
const LOCK_RETRY_PAUSE: Duration = Duration::from_millis(10);

fn lock(file: &File, path: &Path) -> Result<(), JournalError> {
    for attempt in 0..=LOCK_RETRIES {
        match fs4::FileExt::try_lock(file) {
            Ok(()) => return Ok(()),
            Err(fs4::TryLockError::WouldBlock) if attempt < LOCK_RETRIES => {
                std::thread::sleep(LOCK_RETRY_PAUSE);
            }
            Err(fs4::TryLockError::WouldBlock) => break,
            Err(fs4::TryLockError::Error(e)) => {
                return Err(JournalError::io("lock the journal", path, e));
            }
        }
    }
    Err(JournalError::Locked {
        path: path.to_owned(),
    })
}

/// How old a staging file must be to be removed even though a process with its pid runs (the
/// pid may have been reused by an unrelated process). Creating a journal takes milliseconds.
const STALE_STAGING_AGE: Duration = Duration::from_secs(10 * 60);

/// The pid in a staging file's name (`.<journal>.creating-<pid>`), if it is one.
fn staging_pid(name: &str) -> Option<u32> {
    let (stem, pid) = name.rsplit_once(".creating-")?;
    if !stem.starts_with('.') || stem.len() < 2 || pid.is_empty() {
        return None;
    }
    if !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// True when a process with this pid runs (or may run: always true where it cannot be told).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // Signal 0 checks that the process exists without sending anything.
        // SAFETY: `kill` with signal 0 has no effect on the target; `pid` is positive, so it
        // names one process, never a process group.
        let rc = unsafe { libc::kill(pid, 0) };
        rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// The staging files (`.<name>.creating-<pid>`) left beside `journal` by a `create` that did
/// not finish (a crash between writing the header and linking it into place), whoever left
/// them. They hold no evidence (only a header that never became a journal); the next create
/// in the folder removes the stale ones.
pub fn staging_files(journal: &Path) -> Vec<PathBuf> {
    let Some(name) = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
    else {
        return Vec::new();
    };
    let prefix = format!(".{name}.creating-");
    staging_in(journal)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .collect()
}

/// Every staging file in the folder of `journal`.
fn staging_in(journal: &Path) -> Vec<PathBuf> {
    let dir = match journal.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| staging_pid(&e.file_name().to_string_lossy()).is_some())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// Removes the staging files in the folder of `journal` whose process no longer runs, or that
/// are older than [`STALE_STAGING_AGE`]. Best effort: a file that cannot be removed stays.
fn remove_stale_staging(journal: &Path) {
    for p in staging_in(journal) {
        let Some(pid) = p
            .file_name()
            .and_then(|n| staging_pid(&n.to_string_lossy()))
        else {
            continue;
        };
        let old = std::fs::symlink_metadata(&p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_STAGING_AGE);
        if old || !process_alive(pid) {
            let _ = std::fs::remove_file(&p);
        }
    }
}

impl JournalWriter {
    /// Creates a new journal at `path` with default options; see [`JournalWriter::create_with`].
    pub fn create(
        path: impl AsRef<Path>,
        header: Header,
        signing_key: Option<SigningKey>,
    ) -> Result<Self, JournalError> {
        Self::create_with(path, header, signing_key, WriterOptions::new())
    }

    /// Creates a new journal: the file must not exist; it is locked, the header record is
    /// written and synced, then the directory is synced. Stale staging files of earlier creates
    /// in the folder are removed first (see [`staging_files`]). The header's `pubkey_id` is set from
    /// `signing_key` (or cleared), and a `null` `extra` becomes `{}`. On failure the new file
    /// is removed again.
    pub fn create_with(
        path: impl AsRef<Path>,
        mut header: Header,
        signing_key: Option<SigningKey>,
        options: WriterOptions,
    ) -> Result<Self, JournalError> {
        let path = path.as_ref().to_owned();
        if header.extra.is_null() {
            header.extra = Value::Object(serde_json::Map::new());
        }
        if !header.extra.is_object() {
            return Err(JournalError::InvalidRecord(
                "the header's `extra` must be a JSON object".into(),
            ));
        }
        let key_id = signing_key.as_ref().map(|k| key_id(&k.verifying_key()));
        header.pubkey_id = key_id.clone();
        let body = serde_json::to_value(&header)?;
        if path.exists() {
            return Err(JournalError::AlreadyExists { path });
        }
        // The header is written to a private file first and linked into place, so a journal
        // never exists without its complete header, even after a crash in between.
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "journal".into());
        let staging = path.with_file_name(format!(".{file_name}.creating-{}", std::process::id()));
        let _ = std::fs::remove_file(&staging);
        remove_stale_staging(&path);
        let file = match OpenOptions::new()
            .append(true)
            .create_new(true)
            .open(&staging)
        {
            Ok(f) => f,
            Err(e) => return Err(JournalError::io("create the journal", &path, e)),
        };
        let mut linked = false;
        let result = (|| {
            lock(&file, &path)?;
            let mut writer = JournalWriter {
                path: path.clone(),
                file: JournalFile::new(file, 0, options.faults),
                header,
                key: signing_key,
                key_id,
                tree: MerkleTree::new(),
                file_hash: Sha256::new(),
                next_seq: 0,
                prev: ZERO_PREV.to_owned(),
                last_ts: String::new(),
                last_turn: 0,
                since_checkpoint: 0,
                checkpoint_every: options.checkpoint_every,
                closed: false,
                clock: options
                    .clock
                    .unwrap_or_else(|| Box::new(OffsetDateTime::now_utc)),
                poisoned: None,
                body: Vec::new(),
                line: Vec::new(),
                encoder: BodyEncoder::default(),
            };
            writer.encode_body(&body)?;
            writer.write_counted(0, RecordKind::DrillOpened, &Actor::System)?;
            writer
                .file
                .sync_all()
                .map_err(|e| JournalError::io("sync the journal", &path, e))?;
            match std::fs::hard_link(&staging, &path) {
                Ok(()) => linked = true,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(JournalError::AlreadyExists { path: path.clone() });
                }
                Err(e) => return Err(JournalError::io("create the journal", &path, e)),
            }
            let _ = std::fs::remove_file(&staging);
            sync_parent_dir(&path)
                .map_err(|e| JournalError::io("sync the directory of", &path, e))?;
            Ok(writer)
        })();
        let _ = std::fs::remove_file(&staging);
        if result.is_err() && linked {
            // Nothing of the drill has happened yet; do not leave a half-made journal behind.
            let _ = std::fs::remove_file(&path);
        }
        result
    }

    /// Continues an interrupted journal with default options; see [`JournalWriter::resume_with`].
    pub fn resume(
        path: impl AsRef<Path>,
        signing_key: Option<SigningKey>,
    ) -> Result<(Self, ResumeInfo), JournalError> {
        Self::resume_with(path, signing_key, WriterOptions::new())
    }

    /// Continues an interrupted journal: locks it, verifies every line (and every signature
    /// when a key is given), moves a torn tail to `<journal>.torn-<n>`, truncates to the last
    /// good record, and appends a `recovered` record (always, so every interruption is on
    /// record). Refuses damaged journals (`Corrupt`), sealed ones (`Sealed`), closed but
    /// unsealed ones (`ClosedNotSealed`) and the wrong key.
    pub fn resume_with(
        path: impl AsRef<Path>,
        signing_key: Option<SigningKey>,
        options: WriterOptions,
    ) -> Result<(Self, ResumeInfo), JournalError> {
        let (mut writer, scan, bytes) = Self::open_existing(path.as_ref(), signing_key, options)?;
        if scan.sealed {
            return Err(JournalError::Sealed { path: writer.path });
        }
        if scan.closed.is_some() {
            return Err(JournalError::ClosedNotSealed { path: writer.path });
        }
        let recovered = writer.move_torn_tail(scan.torn.as_ref(), &bytes)?;
        writer.encode_body(&recovered)?;
        writer.write_counted(writer.last_turn, RecordKind::Recovered, &Actor::System)?;
        let record = writer.last_record()?;
        let Scan {
            header,
            mut records,
            torn,
            ..
        } = scan;
        let last_turn = records.last().map_or(0, |r| r.turn);
        records.push(record);
        let info = ResumeInfo {
            header: header.unwrap_or_else(|| writer.header.clone()),
            records,
            recovered,
            torn_tail: torn,
            last_turn,
        };
        Ok((writer, info))
    }

    /// Finishes sealing a journal whose drill was closed but whose final checkpoint is
    /// missing (the session stopped while sealing): moves a torn tail aside, appends
    /// `recovered`, then the final checkpoint.
    pub fn complete_seal(
        path: impl AsRef<Path>,
        signing_key: Option<SigningKey>,
        options: WriterOptions,
    ) -> Result<SealInfo, JournalError> {
        let (mut writer, scan, bytes) = Self::open_existing(path.as_ref(), signing_key, options)?;
        if scan.sealed {
            return Err(JournalError::Sealed { path: writer.path });
        }
        let Some(status) = scan.closed else {
            return Err(JournalError::NotClosed { path: writer.path });
        };
        writer.closed = true;
        let recovered = writer.move_torn_tail(scan.torn.as_ref(), &bytes)?;
        writer.encode_body(&recovered)?;
        writer.write_counted(writer.last_turn, RecordKind::Recovered, &Actor::System)?;
        writer.write_checkpoint()?;
        Ok(writer.seal_info(status))
    }

    fn open_existing(
        path: &Path,
        signing_key: Option<SigningKey>,
        options: WriterOptions,
    ) -> Result<(Self, Scan, Vec<u8>), JournalError> {
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .open(path)
            .map_err(|e| JournalError::io("open the journal", path, e))?;
        lock(&file, path)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| JournalError::io("read the journal", path, e))?;
        let verifying = signing_key.as_ref().map(SigningKey::verifying_key);
        let scan = scan(&bytes, verifying.as_ref());
        if let Some(defect) = &scan.defect {
            return Err(match defect.code {
                DefectCode::UnsignedJournal => JournalError::KeyMismatch {
                    path: path.to_owned(),
                    detail: "the journal was started without a signing key; continue it without \
                             --key"
                        .into(),
                },
                DefectCode::KeyMismatch => JournalError::KeyMismatch {
                    path: path.to_owned(),
                    detail: defect.message.clone(),
                },
                _ => JournalError::Corrupt {
                    path: path.to_owned(),
                    line: defect.line.unwrap_or(1),
                    reason: defect.message.clone(),
                },
            });
        }
        let (Some(header), Some(last)) = (scan.header.clone(), scan.records.last()) else {
            return Err(JournalError::Corrupt {
                path: path.to_owned(),
                line: 1,
                reason: "no valid header".into(),
            });
        };
        if let (Some(id), None) = (&header.pubkey_id, &signing_key) {
            return Err(JournalError::KeyRequired {
                path: path.to_owned(),
                key_id: id.clone(),
            });
        }
        let mut file_hash = Sha256::new();
        let good = usize::try_from(scan.good_len)
            .unwrap_or(bytes.len())
            .min(bytes.len());
        file_hash.update(&bytes[..good]);
        let writer = JournalWriter {
            path: path.to_owned(),
            file: JournalFile::new(file, bytes.len() as u64, options.faults),
            key_id: header.pubkey_id.clone(),
            header,
            key: signing_key,
            tree: scan.tree.clone(),
            file_hash,
            next_seq: scan.records.len() as u64,
            prev: scan.last_hash.clone(),
            last_ts: last.ts.clone(),
            last_turn: last.turn,
            since_checkpoint: scan.since_checkpoint,
            checkpoint_every: options.checkpoint_every,
            closed: false,
            clock: options
                .clock
                .unwrap_or_else(|| Box::new(OffsetDateTime::now_utc)),
            poisoned: None,
            body: Vec::new(),
            line: Vec::new(),
            encoder: BodyEncoder::default(),
        };
        Ok((writer, scan, bytes))
    }

    fn move_torn_tail(
        &mut self,
        torn: Option<&TornTail>,
        bytes: &[u8],
    ) -> Result<RecoveredBody, JournalError> {
        let Some(torn) = torn else {
            return Ok(RecoveredBody {
                bytes_moved: 0,
                sha256: sha256_hex(b""),
                side_file: None,
            });
        };
        let start = usize::try_from(torn.offset)
            .unwrap_or(bytes.len())
            .min(bytes.len());
        let tail = &bytes[start..];
        let side = write_side_file(&self.path, tail)
            .map_err(|e| JournalError::io("save the torn tail of", &self.path, e))?;
        self.file
            .truncate(torn.offset)
            .map_err(|e| JournalError::io("truncate the torn tail of", &self.path, e))?;
        Ok(RecoveredBody {
            bytes_moved: tail.len() as u64,
            sha256: sha256_hex(tail),
            side_file: side.file_name().map(|n| n.to_string_lossy().into_owned()),
        })
    }

    /// Appends one record and returns its `seq` once it is durably on disk. Writes an
    /// automatic checkpoint first when one is due. `kind` must not be one the journal writes
    /// itself (`drill_opened`, `checkpoint`, `recovered`, `drill_closed`) and `body` must be a
    /// JSON object. After any storage error the writer is poisoned: this call returns
    /// `WriteFailed`, every later call `Poisoned`.
    pub fn append(
        &mut self,
        turn: u32,
        kind: RecordKind,
        actor: &Actor,
        body: Value,
    ) -> Result<u64, JournalError> {
        self.append_serialized(turn, kind, actor, &body)
    }

    /// As [`JournalWriter::append`], with any serialisable body (it must serialise as a JSON
    /// object). The bytes written are those of the body turned into a `serde_json::Value`
    /// (keys sorted), but the body is serialised straight into the line when that gives the
    /// same bytes, which it does for structs whose fields are in alphabetical order.
    pub fn append_serialized<T: serde::Serialize + ?Sized>(
        &mut self,
        turn: u32,
        kind: RecordKind,
        actor: &Actor,
        body: &T,
    ) -> Result<u64, JournalError> {
        self.ensure_usable()?;
        if kind.is_reserved() {
            return Err(JournalError::InvalidRecord(format!(
                "`{kind}` records are written by the journal itself"
            )));
        }
        self.encode_body(body)?;
        if self.body.first() != Some(&b'{') {
            return Err(JournalError::InvalidRecord(format!(
                "the body of a `{kind}` record must be a JSON object"
            )));
        }
        if !actor.is_valid() {
            return Err(JournalError::InvalidRecord(format!(
                "invalid actor `{actor}`"
            )));
        }
        self.write_counted(turn, kind, actor)
    }

    /// Writes a checkpoint now (for example at the end of a turn) and returns its `seq`.
    pub fn checkpoint(&mut self) -> Result<u64, JournalError> {
        self.ensure_usable()?;
        self.write_checkpoint()
    }

    /// Closes the drill: writes `drill_closed` and the final checkpoint (signed when a key is
    /// present), then releases the file. Print the returned anchor outside the file.
    pub fn seal(mut self, status: CloseStatus, reason: &str) -> Result<SealInfo, JournalError> {
        self.ensure_usable()?;
        self.encode_body(&ClosedBody {
            reason: reason.to_owned(),
            status,
        })?;
        self.write_counted(self.last_turn, RecordKind::DrillClosed, &Actor::System)?;
        self.closed = true;
        self.write_checkpoint()?;
        Ok(self.seal_info(status))
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The header as written (with `pubkey_id` filled in).
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The `seq` the next record will get (= number of lines written).
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Lowercase hex Merkle root of all lines written so far.
    pub fn current_root(&self) -> String {
        self.tree.root_hex()
    }

    /// Id of the signing key, if checkpoints are signed.
    pub fn key_id(&self) -> Option<&str> {
        self.key_id.as_deref()
    }

    /// True after a storage error; every further call fails with `Poisoned`.
    pub fn is_poisoned(&self) -> bool {
        self.poisoned.is_some()
    }

    fn ensure_usable(&self) -> Result<(), JournalError> {
        match &self.poisoned {
            Some(cause) => Err(JournalError::Poisoned {
                path: self.path.clone(),
                cause: Arc::clone(cause),
            }),
            None => Ok(()),
        }
    }

    fn seal_info(&self, status: CloseStatus) -> SealInfo {
        SealInfo {
            records: self.next_seq,
            anchor: Anchor {
                tree_size: self.tree.size(),
                root: self.tree.root_hex(),
            },
            file_sha256: hex::encode(self.file_hash.clone().finalize()),
            status,
            key_id: self.key_id.clone(),
        }
    }

    /// Serialises `body` into the body buffer (see [`JournalWriter::append_serialized`]).
    fn encode_body<T: serde::Serialize + ?Sized>(&mut self, body: &T) -> Result<(), JournalError> {
        self.body.clear();
        if write_body(body, &mut self.body, &mut self.encoder) {
            return Ok(());
        }
        // Say why, in serde_json's words.
        match serde_json::to_value(body) {
            Err(e) => Err(JournalError::Encode(e)),
            Ok(_) => Err(JournalError::InvalidRecord(
                "a record body could not be written as JSON".into(),
            )),
        }
    }

    /// The record last written, read back from its line (for [`ResumeInfo::records`]).
    fn last_record(&self) -> Result<Record, JournalError> {
        let line = self.line.strip_suffix(b"\n").unwrap_or(&self.line);
        Ok(Record::from_line(line)?)
    }

    /// Writes the body in the body buffer as a non-checkpoint record, preceded by an automatic
    /// checkpoint when one is due; returns its `seq`.
    fn write_counted(
        &mut self,
        turn: u32,
        kind: RecordKind,
        actor: &Actor,
    ) -> Result<u64, JournalError> {
        if !self.closed
            && self.checkpoint_every > 0
            && self.since_checkpoint >= self.checkpoint_every
        {
            // The checkpoint's body goes through the body buffer too: keep this record's.
            let body = std::mem::take(&mut self.body);
            let written = self.write_checkpoint();
            self.body = body;
            written?;
        }
        let ts = format_timestamp((self.clock)());
        let seq = self.write_line(turn, kind, actor, Some(ts))?;
        self.since_checkpoint += 1;
        Ok(seq)
    }

    fn write_checkpoint(&mut self) -> Result<u64, JournalError> {
        let tree_size = self.tree.size();
        let root = self.tree.root_hex();
        let signature = self.key.as_ref().map(|key| {
            let message = checkpoint_message(tree_size, &root);
            hex::encode(key.sign(&message).to_bytes())
        });
        let public_key = self
            .key
            .as_ref()
            .map(|k| hex::encode(k.verifying_key().as_bytes()));
        self.encode_body(&CheckpointBody {
            key_id: self.key_id.clone(),
            public_key,
            root,
            signature,
            tree_size,
        })?;
        let seq = self.write_line(self.last_turn, RecordKind::Checkpoint, &Actor::System, None)?;
        self.since_checkpoint = 0;
        Ok(seq)
    }

    /// Builds the whole line in memory around the body buffer, writes it with one
    /// `write_all`, then `sync_data`. `ts` is the record's time (`None`: the last record's).
    /// The line is the one `Record::to_line` gives for the same fields.
    fn write_line(
        &mut self,
        turn: u32,
        kind: RecordKind,
        actor: &Actor,
        ts: Option<String>,
    ) -> Result<u64, JournalError> {
        use std::io::Write as _;
        let seq = self.next_seq;
        let line = &mut self.line;
        line.clear();
        // Writing to a Vec cannot fail; serde_json writes strings with the same escapes as
        // the derived `Serialize` of `Record`.
        let _ = write!(line, "{{\"v\":{FORMAT_VERSION},\"seq\":{seq},\"ts\":");
        serde_json::to_writer(&mut *line, ts.as_deref().unwrap_or(&self.last_ts))?;
        let _ = write!(
            line,
            ",\"turn\":{turn},\"kind\":\"{}\",\"actor\":",
            kind.as_str()
        );
        serde_json::to_writer(&mut *line, actor)?;
        line.extend_from_slice(b",\"body\":");
        line.extend_from_slice(&self.body);
        line.extend_from_slice(b",\"prev\":\"");
        line.extend_from_slice(self.prev.as_bytes());
        line.extend_from_slice(b"\"}");
        let digest = sha256(line);
        let leaf = leaf_hash(line);
        line.push(b'\n');
        if let Err((source, tail_removed)) = self.file.append(line) {
            let source = Arc::new(source);
            self.poisoned = Some(Arc::clone(&source));
            return Err(JournalError::WriteFailed {
                path: self.path.clone(),
                source,
                tail_removed,
            });
        }
        self.file_hash.update(&*line);
        self.tree.push_leaf_hash(leaf);
        let mut hex_prev = [0u8; 64];
        // 32 bytes always fit 64 hex digits.
        let _ = hex::encode_to_slice(digest, &mut hex_prev);
        self.prev.clear();
        self.prev.extend(hex_prev.iter().map(|&b| char::from(b)));
        if let Some(ts) = ts {
            self.last_ts = ts;
        }
        self.next_seq += 1;
        self.last_turn = turn;
        Ok(seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn writer_is_send_and_sync() {
        assert_send_sync::<JournalWriter>();
        assert_send_sync::<JournalError>();
    }

    #[test]
    fn staging_names_are_recognised() {
        assert_eq!(staging_pid(".d.jsonl.creating-42"), Some(42));
        assert_eq!(staging_pid(".creating-42"), None);
        assert_eq!(staging_pid("d.jsonl.creating-42"), None);
        assert_eq!(staging_pid(".d.jsonl.creating-4x"), None);
        assert_eq!(staging_pid(".d.jsonl.creating-"), None);
    }

    #[cfg(unix)]
    #[test]
    fn stale_staging_files_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A process that has exited: its pid is free (until reused, which the test tolerates
        // by only asserting the live one is kept when the dead one is reported dead).
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let dead = child.id();
        child.wait().expect("wait");
        let dead_file = dir.path().join(format!(".old.jsonl.creating-{dead}"));
        let live_file = dir
            .path()
            .join(format!(".busy.jsonl.creating-{}", std::process::id()));
        let other = dir.path().join("notes.creating-1");
        for f in [&dead_file, &live_file, &other] {
            std::fs::write(f, b"x").expect("write");
        }
        let journal = dir.path().join("old.jsonl");
        assert_eq!(staging_files(&journal), vec![dead_file.clone()]);
        remove_stale_staging(&journal);
        assert!(live_file.exists(), "a live process's staging file stays");
        assert!(other.exists(), "not a staging file");
        if !process_alive(dead) {
            assert!(!dead_file.exists(), "a dead process's staging file goes");
        }
    }
}
