//! External checkpoints ("anchors"): a tree size and Merkle root kept outside the journal.
//!
//! File format (UTF-8 text): blank lines and lines starting with `#` are ignored; exactly one
//! other line holds the decimal tree size and the 64-hex-digit root separated by whitespace:
//!
//! ```text
//! # kunren anchor for drill 2025-annual, printed in the AAR
//! 57 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328
//! ```

use std::fmt;
use std::path::Path;

use serde::Serialize;

use super::error::JournalError;
use super::hash::is_lower_hex;

/// A tree size and the Merkle root of the journal's first `tree_size` lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Anchor {
    /// Number of lines covered.
    pub tree_size: u64,
    /// Lowercase hex RFC 6962 Merkle root of those lines.
    pub root: String,
}

impl fmt::Display for Anchor {
    /// The one-line file form: `<tree_size> <root>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.tree_size, self.root)
    }
}

impl Anchor {
    /// Parses the text of an anchor file; `Err` holds a human-readable reason.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut data = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        let Some(line) = data.next() else {
            return Err("no `<tree_size> <root>` line found".into());
        };
        if data.next().is_some() {
            return Err("more than one `<tree_size> <root>` line".into());
        }
        let mut fields = line.split_whitespace();
        let (Some(size), Some(root), None) = (fields.next(), fields.next(), fields.next()) else {
            return Err(format!("expected `<tree_size> <root>`, found `{line}`"));
        };
        let tree_size = size
            .parse::<u64>()
            .map_err(|_| format!("tree size `{size}` is not a whole number"))?;
        let root = root.to_ascii_lowercase();
        if !is_lower_hex(&root, 64) {
            return Err(format!("root `{root}` is not 64 hexadecimal characters"));
        }
        Ok(Anchor { tree_size, root })
    }

    /// Reads and parses an anchor file.
    pub fn read(path: &Path) -> Result<Self, JournalError> {
        let text = std::fs::read_to_string(path).map_err(|e| JournalError::Anchor {
            path: path.to_owned(),
            reason: format!("cannot read it: {e}"),
        })?;
        Self::parse(&text).map_err(|reason| JournalError::Anchor {
            path: path.to_owned(),
            reason,
        })
    }

    /// The file form with an explanatory comment line, ending in a newline.
    pub fn to_file_text(&self, comment: &str) -> String {
        let comment = comment.replace(['\n', '\r'], " ");
        format!("# {comment}\n{self}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let root = "ab".repeat(32);
        let a = Anchor::parse(&format!("# c\n\n 12  {}\n", root.to_uppercase())).unwrap();
        assert_eq!(
            a,
            Anchor {
                tree_size: 12,
                root: root.clone()
            }
        );
        assert_eq!(Anchor::parse(&a.to_file_text("x\ny")).unwrap(), a);
        assert!(Anchor::parse("").is_err());
        assert!(Anchor::parse("12").is_err());
        assert!(Anchor::parse(&format!("x {root}")).is_err());
        assert!(Anchor::parse(&format!("1 {root}\n2 {root}")).is_err());
        assert!(Anchor::parse("1 abc").is_err());
    }
}
