//! The server's host key: Ed25519, generated once and kept beside the journals
//! (`kunren-journals/kunren_host_ed25519_key`, mode 0600, OpenSSH format, with its `.pub`), so
//! that participants check the same fingerprint at every drill.

use std::path::{Path, PathBuf};

use russh::keys::PrivateKey;
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;

use super::error::SeatError;

/// File name of the host key in its folder.
pub const HOST_KEY_FILE: &str = "kunren_host_ed25519_key";

/// Largest host key file read.
const MAX_KEY_BYTES: u64 = 16 * 1024;

/// The host key of a folder: read when it is there, else generated and written.
pub fn load_or_create(dir: &Path) -> Result<(PrivateKey, PathBuf), SeatError> {
    let path = dir.join(HOST_KEY_FILE);
    let shown = || path.display().to_string();
    if path.exists() {
        let cannot_read = |e: std::io::Error| SeatError::HostKeyRead {
            path: shown(),
            error: e.to_string(),
        };
        let meta = std::fs::metadata(&path).map_err(cannot_read)?;
        if !meta.is_file() || meta.len() > MAX_KEY_BYTES {
            return Err(SeatError::HostKeyNotFile {
                path: shown(),
                max: MAX_KEY_BYTES,
            });
        }
        let text = std::fs::read_to_string(&path).map_err(cannot_read)?;
        let key = PrivateKey::from_openssh(&text).map_err(|e| SeatError::HostKeyInvalid {
            path: shown(),
            error: e.to_string(),
        })?;
        return Ok((key, path));
    }
    std::fs::create_dir_all(dir).map_err(|e| SeatError::CannotCreate {
        dir: dir.display().to_string(),
        error: e.to_string(),
    })?;
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| SeatError::NoRandomness {
        error: e.to_string(),
    })?;
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| SeatError::CannotEncode {
            error: e.to_string(),
        })?;
    write_private(&path, text.as_bytes()).map_err(|e| SeatError::HostKeyWrite {
        path: shown(),
        error: e.to_string(),
    })?;
    if let Ok(public) = key.public_key().to_openssh() {
        let _ = std::fs::write(path.with_extension("pub"), format!("{public}\n"));
    }
    Ok((key, path))
}

/// The host key's fingerprint as OpenSSH prints it (`SHA256:…`), which participants compare
/// with what their client shows on the first connection.
pub fn host_fingerprint(key: &PrivateKey) -> String {
    super::seats::fingerprint(key.public_key())
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.mode(0o600);
    }
    let mut f = o.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_key_is_made_once_and_read_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, path) = load_or_create(dir.path()).expect("created");
        let (b, _) = load_or_create(dir.path()).expect("read again");
        assert_eq!(host_fingerprint(&a), host_fingerprint(&b));
        assert!(host_fingerprint(&a).starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "private to its owner");
        }
        std::fs::write(dir.path().join("x"), "").expect("write");
        let bad = tempfile::tempdir().expect("tempdir");
        std::fs::write(bad.path().join(HOST_KEY_FILE), "junk").expect("write");
        let e = load_or_create(bad.path())
            .expect_err("junk key")
            .to_string();
        assert!(e.contains("not valid"), "{e}");
    }
}
