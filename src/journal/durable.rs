//! Durable file primitives: one-write appends with `sync_data`, directory fsync, torn-tail
//! side files, and the fault injection used to test the failure paths without root.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Simulated storage faults, for tests of the failure paths (full disk, failing fsync).
///
/// The default plan injects nothing. Faults apply only to writes and syncs made through the
/// journal writer after it has opened the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FaultPlan {
    /// Simulate a full disk: the file may not grow beyond this many bytes; a write that would
    /// cross the limit writes the part that fits and then fails with `StorageFull`.
    pub disk_full_at: Option<u64>,
    /// Make every `sync_data` after this many successful ones fail with an I/O error.
    pub fail_sync_after: Option<u64>,
}

/// An append-only journal file that knows its length and can inject faults.
pub(crate) struct JournalFile {
    file: File,
    len: u64,
    syncs: u64,
    faults: FaultPlan,
}

impl JournalFile {
    pub fn new(file: File, len: u64, faults: FaultPlan) -> Self {
        JournalFile {
            file,
            len,
            syncs: 0,
            faults,
        }
    }

    /// Appends `bytes` with one `write_all`, then `sync_data`. When the write fails the file
    /// is cut back to its previous length; the returned flag says whether that worked.
    pub fn append(&mut self, bytes: &[u8]) -> Result<(), (io::Error, bool)> {
        let before = self.len;
        let mut writer = FaultyWriter { jf: self };
        if let Err(e) = writer.write_all(bytes) {
            let restored = self.cut_back(before);
            return Err((e, restored));
        }
        if let Err(e) = self.sync_data() {
            // The bytes may or may not be on disk; do not trust them and do not retry.
            let restored = self.cut_back(before);
            return Err((e, restored));
        }
        Ok(())
    }

    fn cut_back(&mut self, len: u64) -> bool {
        let ok = self.file.set_len(len).is_ok() && self.file.sync_all().is_ok();
        if ok {
            self.len = len;
        }
        ok
    }

    fn sync_data(&mut self) -> io::Result<()> {
        if let Some(limit) = self.faults.fail_sync_after
            && self.syncs >= limit
        {
            return Err(io::Error::other(
                "simulated fsync failure (fault injection)",
            ));
        }
        self.file.sync_data()?;
        self.syncs += 1;
        Ok(())
    }

    /// Syncs data and metadata.
    pub fn sync_all(&mut self) -> io::Result<()> {
        self.file.sync_all()
    }

    /// Truncates to `len` bytes and syncs (used by recovery before any append).
    pub fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.file.set_len(len)?;
        self.file.sync_all()?;
        self.len = len;
        Ok(())
    }
}

struct FaultyWriter<'a> {
    jf: &'a mut JournalFile,
}

impl Write for FaultyWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut allowed = buf.len();
        if let Some(limit) = self.jf.faults.disk_full_at {
            let room = limit.saturating_sub(self.jf.len);
            if room == 0 && !buf.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "no space left on device (simulated)",
                ));
            }
            allowed = allowed.min(usize::try_from(room).unwrap_or(usize::MAX));
        }
        let n = self.jf.file.write(&buf[..allowed])?;
        self.jf.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.jf.file.flush()
    }
}

/// Fsyncs the directory containing `path`, so that a newly created entry survives a crash.
pub(crate) fn sync_parent_dir(path: &Path) -> io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    #[cfg(unix)]
    {
        File::open(parent)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = parent;
        Ok(())
    }
}

/// Writes `bytes` to the first free `<journal>.torn-<n>` (n = 1, 2, ...), synced, and
/// returns its path.
pub(crate) fn write_side_file(journal: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    for n in 1u32..=100_000 {
        let mut name = OsString::from(journal.as_os_str());
        name.push(format!(".torn-{n}"));
        let candidate = PathBuf::from(name);
        let mut file = match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        file.write_all(bytes)?;
        file.sync_all()?;
        sync_parent_dir(&candidate)?;
        return Ok(candidate);
    }
    Err(io::Error::other("no free .torn-<n> file name"))
}
