//! Finding the journals under a directory and reading each through the report's model.
//!
//! A file is a candidate when its name ends in `.jsonl` or its first bytes are those of a
//! journal's first line (`{"v":`); other files (reports, keys, anchors) are counted and left
//! alone. Directories are walked recursively; symbolic links to directories are not followed
//! (no loops), links to files are read.

use std::path::{Path, PathBuf};

use crate::journal::{Record, RecordKind};
use crate::report::{ReportError, ReportModel, model_from_bytes};

use super::model::FileStatus;

/// A file found under the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where it is.
    pub path: PathBuf,
    /// The path shown: the directory as given joined with the file's place under it.
    pub shown: String,
}

/// What was found under the directory.
#[derive(Debug, Default)]
pub struct Walk {
    /// Candidate journals, sorted by path.
    pub files: Vec<Found>,
    /// Directories that could not be listed, with the error.
    pub unreadable: Vec<(Found, String)>,
    /// Files that are not journals.
    pub ignored: usize,
}

/// The start of every journal's first line.
const JOURNAL_START: &[u8] = b"{\"v\":";

fn looks_like_journal(path: &Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
    {
        return true;
    }
    use std::io::Read as _;
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == JOURNAL_START)
}

/// Walks `dir` recursively. Errors only when `dir` itself cannot be listed.
pub fn walk(dir: &Path) -> std::io::Result<Walk> {
    let mut out = Walk::default();
    let mut pending: Vec<PathBuf> = Vec::new();
    let mut next = Some(std::fs::read_dir(dir)?);
    loop {
        let entries = match next.take() {
            Some(e) => e,
            None => match pending.pop() {
                None => break,
                Some(path) => match std::fs::read_dir(&path) {
                    Ok(e) => e,
                    Err(e) => {
                        let shown = path.display().to_string();
                        out.unreadable.push((Found { path, shown }, e.to_string()));
                        continue;
                    }
                },
            },
        };
        for entry in entries {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                pending.push(path);
            } else if (kind.is_file() || (kind.is_symlink() && path.is_file()))
                && looks_like_journal(&path)
            {
                let shown = path.display().to_string();
                out.files.push(Found { path, shown });
            } else if kind.is_file() || kind.is_symlink() {
                out.ignored += 1;
            }
        }
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.unreadable.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    Ok(out)
}

/// What reading one candidate gave.
#[derive(Debug)]
pub enum Read {
    /// A journal that verifies (sealed or not), modelled by the report.
    Journal(Box<ReportModel>),
    /// A file that is not in the register, and why.
    Left(FileStatus),
}

/// Reads one candidate and models it as the report does.
pub fn read(f: &Found) -> Read {
    let bytes = match std::fs::read(&f.path) {
        Ok(b) => b,
        Err(e) => return Read::Left(FileStatus::Unreadable(format!("cannot read it: {e}"))),
    };
    if bytes.is_empty() {
        return Read::Left(FileStatus::Foreign(
            "empty file, not a kunren journal".into(),
        ));
    }
    if !bytes.starts_with(JOURNAL_START) {
        return Read::Left(FileStatus::Foreign(
            "not a kunren journal (its first line is not a journal record)".into(),
        ));
    }
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    if let Ok(r) = Record::from_line(first)
        && r.kind != RecordKind::DrillOpened
    {
        return Read::Left(FileStatus::Damaged(format!(
            "line 1 is a `{}` record, not the header: the start of the journal is missing",
            r.kind
        )));
    }
    let name = f
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| f.shown.clone());
    match model_from_bytes(&bytes, &name) {
        Ok(m) => Read::Journal(Box::new(m)),
        Err(ReportError::Integrity { line, reason, .. }) => {
            let at = line.map(|l| format!(" at line {l}")).unwrap_or_default();
            Read::Left(FileStatus::Damaged(format!(
                "fails verification{at}: {reason}"
            )))
        }
        Err(e) => Read::Left(FileStatus::Damaged(e.to_string())),
    }
}
