//! SHA-256 helpers and strict lowercase hex handling shared by the journal.

use sha2::{Digest, Sha256};

/// A 32-byte SHA-256 digest.
pub type Digest32 = [u8; 32];

/// The `prev` value of the first record: 64 ASCII zeros.
pub const ZERO_PREV: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> Digest32 {
    Sha256::digest(bytes).into()
}

/// Lowercase hex of SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(sha256(bytes))
}

/// True when `s` is exactly `len` lowercase hexadecimal characters.
pub(crate) fn is_lower_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Decodes exactly `N` bytes from lowercase hex, rejecting uppercase and any other form.
pub(crate) fn decode_lower_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    if !is_lower_hex(s, N * 2) {
        return None;
    }
    let mut out = [0u8; N];
    hex::decode_to_slice(s, &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_sha256_is_the_well_known_value() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn hex_is_strictly_lowercase() {
        assert!(is_lower_hex("00ff", 4));
        assert!(!is_lower_hex("00FF", 4));
        assert!(!is_lower_hex("00f", 4));
        assert_eq!(decode_lower_hex::<2>("0aff"), Some([0x0a, 0xff]));
        assert_eq!(decode_lower_hex::<2>("0AFF"), None);
        assert_eq!(ZERO_PREV.len(), 64);
    }
}
