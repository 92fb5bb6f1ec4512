//! Ed25519 key files for signing checkpoints.
//!
//! * private key file: 64 lowercase hex characters (the 32-byte Ed25519 seed) and a newline,
//!   created with `create_new` and, on Unix, permissions `0600`;
//! * public key file `<private>.pub`: 64 lowercase hex characters (the 32-byte public key)
//!   and a newline.
//!
//! The key id written in journal headers is the hex of the first 8 bytes of the SHA-256 of
//! the 32 public key bytes (16 hex characters).

use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use ed25519_dalek::{SigningKey, VerifyingKey};

use super::durable::sync_parent_dir;
use super::error::JournalError;
use super::hash::sha256;

/// The id of a public key: hex of the first 8 bytes of SHA-256 of its 32 bytes.
pub fn key_id(key: &VerifyingKey) -> String {
    let digest = sha256(key.as_bytes());
    hex::encode(&digest[..8])
}

/// The fingerprint of a public key, for comparing keys out of band: `SHA256:` and the 64
/// lowercase hex digits of the SHA-256 of its 32 bytes. The key id ([`key_id`]) is the first
/// 16 of those digits.
pub fn key_fingerprint(key: &VerifyingKey) -> String {
    format!("SHA256:{}", hex::encode(sha256(key.as_bytes())))
}

/// Paths and id of a freshly generated key pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPairFiles {
    /// The private key file (keep it secret).
    pub private: PathBuf,
    /// The public key file to hand to inspectors.
    pub public: PathBuf,
    /// The key id that signed journals will carry.
    pub key_id: String,
    /// The public key's fingerprint ([`key_fingerprint`]), to compare out of band.
    pub fingerprint: String,
}

/// The public key file name that belongs to a private key file: `<private>.pub`.
pub fn public_key_path(private: &Path) -> PathBuf {
    let mut name = OsString::from(private.as_os_str());
    name.push(".pub");
    PathBuf::from(name)
}

fn key_err(path: &Path, reason: impl Into<String>) -> JournalError {
    JournalError::Key {
        path: path.to_owned(),
        reason: reason.into(),
    }
}

fn create_key_file(path: &Path, contents: &str, private: bool) -> Result<(), JournalError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            key_err(path, "already exists; kunren never overwrites a key")
        } else {
            key_err(path, format!("cannot create it: {e}"))
        }
    })?;
    file.write_all(contents.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| key_err(path, format!("cannot write it: {e}")))
}

/// Generates a key pair from the operating system's random source and writes the private key
/// to `out` and the public key to `<out>.pub`. Neither file may exist yet.
pub fn keygen(out: &Path) -> Result<KeyPairFiles, JournalError> {
    let public = public_key_path(out);
    if public.exists() {
        return Err(key_err(
            &public,
            "already exists; kunren never overwrites a key",
        ));
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| key_err(out, format!("the system random source failed: {e}")))?;
    let signing = SigningKey::from_bytes(&seed);
    seed.fill(0);
    let verifying = signing.verifying_key();
    create_key_file(out, &format!("{}\n", hex::encode(signing.to_bytes())), true)?;
    if let Err(e) = create_key_file(
        &public,
        &format!("{}\n", hex::encode(verifying.as_bytes())),
        false,
    ) {
        // Do not leave half a key pair behind.
        let _ = fs::remove_file(out);
        return Err(e);
    }
    sync_parent_dir(out).map_err(|e| JournalError::io("sync the directory of", out, e))?;
    Ok(KeyPairFiles {
        private: out.to_owned(),
        public,
        key_id: key_id(&verifying),
        fingerprint: key_fingerprint(&verifying),
    })
}

fn read_hex32(path: &Path, what: &str) -> Result<[u8; 32], JournalError> {
    // A key file is 65 bytes; a FIFO, a device or anything large is not one.
    let bytes = crate::scenario::source::read_file(path, 4096)
        .map_err(|e| key_err(path, format!("cannot open it: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| key_err(path, format!("cannot read it as text: {e}")))?;
    let trimmed = text.trim();
    let mut out = [0u8; 32];
    if trimmed.len() != 64 || hex::decode_to_slice(trimmed, &mut out).is_err() {
        return Err(key_err(
            path,
            format!("expected {what} as 64 hexadecimal characters; is this the right file?"),
        ));
    }
    Ok(out)
}

/// Loads a private (signing) key file written by [`keygen`].
pub fn load_signing_key(path: &Path) -> Result<SigningKey, JournalError> {
    let seed = read_hex32(path, "a private key (32-byte Ed25519 seed)")?;
    Ok(SigningKey::from_bytes(&seed))
}

/// Loads a public (verifying) key file written by [`keygen`].
pub fn load_verifying_key(path: &Path) -> Result<VerifyingKey, JournalError> {
    let bytes = read_hex32(path, "a public key (32 bytes)")?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| key_err(path, "the 32 bytes are not a valid Ed25519 public key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keygen_round_trips_and_refuses_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("facilitator.key");
        let files = keygen(&out).unwrap();
        assert_eq!(files.public, dir.path().join("facilitator.key.pub"));
        let sk = load_signing_key(&out).unwrap();
        let pk = load_verifying_key(&files.public).unwrap();
        assert_eq!(sk.verifying_key(), pk);
        assert_eq!(key_id(&pk), files.key_id);
        assert_eq!(files.key_id.len(), 16);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(matches!(keygen(&out), Err(JournalError::Key { .. })));
    }

    #[test]
    fn loading_garbage_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k");
        fs::write(&p, "not a key").unwrap();
        let err = load_signing_key(&p).unwrap_err().to_string();
        assert!(err.contains("64 hexadecimal"), "{err}");
        assert!(load_verifying_key(&dir.path().join("missing")).is_err());
    }
}
