//! One authored file as kunren read it (its path, its text and the SHA-256 that journals record),
//! and the rules for reading files that other people wrote.
//!
//! A leaf of the scenario module (it uses only [`diagnostic`](super::diagnostic)), so that loading
//! and validation can both use it. Reading a [`Source`] from disk, or from the files built into
//! the binary, is [`Source::read`] in [`load`](super::load), which knows those files.
//!
//! # Files from others are hostile
//!
//! * **Regular files only, bounded.** [`read_file`] looks at a path's metadata before opening it
//!   (a FIFO, a device such as `/dev/zero`, a directory or a socket is refused at once, `K0009`),
//!   opens without blocking, checks the opened file again, and reads at most the size limit plus
//!   one byte (`K0010` when the file is larger). The limit is [`max_file_size`]: 16 MiB unless
//!   `--max-file-size` raised it.
//! * **Confined.** A path that a file names (a scenario's `org`) may only lead inside the
//!   [`AllowedRoots`] of that file: the working directory, the scenario's folder, and its pack root
//!   (the nearest folder above it holding a [`PACK_MARKER`] file); otherwise `K0008`. A path a
//!   journal's header names may only lead inside the journal's folder or the working directory
//!   ([`confine_journal_path`], `K0012`). Symbolic links are followed before the check.

use std::fs::{Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use super::diagnostic::Diagnostic;
use crate::i18n::diagnostics::{D, Msg, msg};

/// A source file: where it came from, its text and the SHA-256 of its bytes.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as given (or the embedded path).
    pub path: String,
    /// Text.
    pub text: String,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
}

impl Source {
    /// A source from text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let sha256 = hex::encode(Sha256::digest(text.as_bytes()));
        Source {
            path: path.into(),
            text,
            sha256,
        }
    }
}

/// The default size limit of a scenario, organisation, actions script or other authored file:
/// 16 MiB (the shipped scenarios are under 100 KiB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// The size limit [`Source::read`] applies, in bytes ([`DEFAULT_MAX_FILE_SIZE`] unless set).
pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// Sets the size limit for the rest of the process (`--max-file-size`).
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// Parses a `--max-file-size` value: bytes, or a number with a binary suffix `K`, `M`, `G`
/// (also written `KiB`, `MiB`, `GiB`), e.g. `64M`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size: write bytes, or e.g. 64M"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        other => return Err(format!("unknown size unit `{other}`: use K, M or G")),
    };
    match n.checked_mul(factor) {
        Some(0) | None => Err(format!("`{text}` is not a usable size")),
        Some(b) => Ok(b),
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system refused (missing, no permission, …).
    Io(io::Error),
    /// Not a regular file: what it is instead (`a FIFO`, `a device`, `a directory`, …).
    NotRegular(&'static str),
    /// Larger than the limit.
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
}

impl ReadError {
    /// True when the file does not exist (the caller may fall back to a built-in file).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }

    /// The coded diagnostic for `path` (K0001, K0009 or K0010).
    pub fn diagnostic(&self, path: &str) -> Diagnostic {
        match self {
            ReadError::Io(e) => {
                Diagnostic::error("K0001", path, msg!(read_failed, error = e.to_string()))
                    .help(D::read_failed_help)
            }
            ReadError::NotRegular(what) => Diagnostic::error(
                "K0009",
                path,
                msg!(not_regular, what = file_kind_word(what)),
            )
            .help(D::not_regular_help),
            ReadError::TooLarge { limit } => {
                Diagnostic::error("K0010", path, msg!(too_large, limit = *limit))
                    .help(D::too_large_help)
            }
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotRegular(what) => write!(f, "not a regular file ({what})"),
            ReadError::TooLarge { limit } => {
                write!(f, "larger than the limit of {limit} bytes")
            }
        }
    }
}

impl std::error::Error for ReadError {}

impl From<ReadError> for io::Error {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Io(e) => e,
            other => io::Error::new(io::ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

/// Reads a file the user named with the rules of [`read_file`] and the size limit
/// [`max_file_size`], as an I/O result (a FIFO, a device or a file over the limit is an
/// `InvalidInput` error saying so).
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    Ok(read_file(path, max_file_size())?)
}

/// As [`read_regular`], as UTF-8 text.
pub fn read_regular_text(path: &Path) -> io::Result<String> {
    String::from_utf8(read_regular(path)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the file is not valid UTF-8"))
}

/// The catalogue's word for a [`file_kind`].
fn file_kind_word(kind: &str) -> D {
    match kind {
        "a directory" => D::w_directory,
        "a FIFO" => D::w_fifo,
        "a device" => D::w_device,
        "a socket" => D::w_socket,
        _ => D::w_not_a_file,
    }
}

fn file_kind(meta: &Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

fn check_metadata(meta: &Metadata, limit: u64) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::NotRegular(file_kind(meta)));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(())
}

/// Reads a regular file of at most `limit` bytes. The path's metadata is checked before it is
/// opened (nothing is opened for a FIFO or a device), the file is opened without blocking and
/// checked again, and at most `limit + 1` bytes are read, so a file that grows, or lies about
/// its size, is still refused with bounded memory.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    check_metadata(&std::fs::metadata(path).map_err(ReadError::Io)?, limit)?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    check_metadata(&meta, limit)?;
    let capacity = usize::try_from(meta.len().min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The name of the file that marks the top folder of a scenario pack. Its content is not read
/// (a comment saying what the pack is will do); its presence lets the pack's files name each
/// other across the pack's folders (`../assets/orgs/…` from `scenarios/`).
pub const PACK_MARKER: &str = ".kunren-pack";

/// The pack root of `dir`: the nearest folder at or above it (after resolving links) that holds
/// a [`PACK_MARKER`] file.
pub fn pack_root(dir: &Path) -> Option<PathBuf> {
    let dir = dir.canonicalize().ok()?;
    dir.ancestors()
        .find(|d| d.join(PACK_MARKER).is_file())
        .map(Path::to_path_buf)
}

/// The folders that a path named by another file may lead into, resolved (canonical).
#[derive(Debug, Clone, Default)]
pub struct AllowedRoots {
    roots: Vec<(D, PathBuf)>,
}

impl AllowedRoots {
    /// The roots of a file that `scenario_path` names: the working directory, the scenario's
    /// folder, and its pack root (when the scenario is on disk).
    pub fn for_scenario(scenario_path: &Path) -> Self {
        let mut roots = Self::cwd();
        if let Some(dir) = existing_parent(scenario_path) {
            if let Some(pack) = pack_root(&dir) {
                roots.push(D::w_root_pack, pack);
            }
            if let Ok(dir) = dir.canonicalize() {
                roots.push(D::w_root_scenario, dir);
            }
        }
        roots
    }

    /// The roots of a path a journal's header names: the working directory and the journal's
    /// folder.
    pub fn for_journal(journal: &Path) -> Self {
        let mut roots = Self::cwd();
        if let Some(dir) = existing_parent(journal).and_then(|d| d.canonicalize().ok()) {
            roots.push(D::w_root_journal, dir);
        }
        roots
    }

    fn cwd() -> Self {
        let mut roots = AllowedRoots::default();
        if let Ok(cwd) = std::env::current_dir().and_then(|d| d.canonicalize()) {
            roots.push(D::w_root_cwd, cwd);
        }
        roots
    }

    fn push(&mut self, label: D, dir: PathBuf) {
        if !self.roots.iter().any(|(_, d)| *d == dir) {
            self.roots.push((label, dir));
        }
    }

    /// True when `path` exists and, links resolved, lies inside one of the roots.
    pub fn contains(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|p| self.roots.iter().any(|(_, root)| p.starts_with(root)))
    }

    /// The roots, described for a help line: "the working directory (/home/a), …".
    pub fn describe(&self) -> Msg {
        if self.roots.is_empty() {
            return D::roots_none.into();
        }
        let roots = self
            .roots
            .iter()
            .map(|(label, dir)| msg!(root, label = *label, dir = dir.display().to_string()))
            .collect();
        Msg::Join(roots, ", ")
    }
}

/// The folder holding `path` (the working directory for a bare file name), if it exists.
fn existing_parent(path: &Path) -> Option<PathBuf> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    parent.is_dir().then_some(parent)
}

/// Where a path named by a journal's header may be read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JournalPath {
    /// An existing file inside the journal's folder or the working directory: read this path.
    Disk(String),
    /// No such file there: only a built-in file of that name may stand for it.
    NotOnDisk,
}

/// Confines a path named by the header of `journal` (its `scenario_path` or `org_path`): a
/// relative path is looked up from the working directory, then from the journal's folder; a
/// file found must lie (links resolved) inside the journal's folder or the working directory.
/// Elsewhere the path is refused with `K0012` and the user must name the file (`--scenario`,
/// `--org`), which the journal's hashes then check.
pub fn confine_journal_path(
    journal: &Path,
    named: &str,
    what: &str,
) -> Result<JournalPath, Box<Diagnostic>> {
    let roots = AllowedRoots::for_journal(journal);
    let mut candidates = vec![PathBuf::from(named)];
    if Path::new(named).is_relative()
        && let Some(dir) = existing_parent(journal)
    {
        candidates.push(dir.join(named));
    }
    let mut outside = false;
    for c in candidates {
        if std::fs::metadata(&c).is_err() {
            continue;
        }
        if roots.contains(&c) {
            return Ok(JournalPath::Disk(c.to_string_lossy().into_owned()));
        }
        outside = true;
    }
    if outside {
        let flag = if what == "scenario" {
            "--scenario"
        } else {
            "--org"
        };
        let shown = journal.display().to_string();
        return Err(Box::new(
            Diagnostic::error(
                "K0012",
                &shown,
                msg!(
                    journal_outside,
                    what = if what == "scenario" {
                        D::w_scenario
                    } else {
                        D::w_organisation
                    },
                    named = named
                ),
            )
            .help(msg!(
                journal_outside_help,
                flag = flag,
                allowed = roots.describe()
            )),
        ));
    }
    Ok(JournalPath::NotOnDisk)
}

/// The name of the top-level item of a RON file (`Scenario`, `Org`, …): the first identifier
/// after any byte-order mark, whitespace, `//` and `/* */` comments and `#![…]` attributes.
pub fn leading_item(text: &str) -> Option<&str> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, tail)| tail);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, tail)| tail);
        } else if let Some(r) = rest.strip_prefix("#!") {
            rest = r.split_once(']').map_or("", |(_, tail)| tail);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..end];
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }

    #[test]
    fn leading_items_skip_comments_and_attributes() {
        assert_eq!(
            leading_item("// x\n/* y */ #![enable(a)]\nOrg(\n"),
            Some("Org")
        );
        assert_eq!(leading_item("\u{feff}Scenario("), Some("Scenario"));
        assert_eq!(leading_item("root:$6$abc:19000"), Some("root"));
        assert_eq!(leading_item("  "), None);
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_directories_are_refused_before_reading() {
        let e = read_file(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular("a device")), "{e}");
        let e = read_file(Path::new("."), 1 << 20).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular("a directory")), "{e}");
    }

    #[test]
    fn oversize_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.ron");
        std::fs::write(&p, vec![b'x'; 2048]).unwrap();
        assert!(matches!(
            read_file(&p, 2047),
            Err(ReadError::TooLarge { limit: 2047 })
        ));
        assert_eq!(read_file(&p, 2048).unwrap().len(), 2048);
    }
}
