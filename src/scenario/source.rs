//! One authored file as kunren read it: its path, its text and the SHA-256 that journals record.
//!
//! A leaf of the scenario module, so that loading and validation can both use it. Reading one
//! from disk, or from the files built into the binary, is [`Source::read`] in
//! [`load`](super::load), which knows those files.

use sha2::{Digest, Sha256};

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
