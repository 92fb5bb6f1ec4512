//! RFC 6962 Merkle tree hashing over journal lines.
//!
//! * leaf hash: `SHA-256(0x00 || line bytes)` (the line without its trailing `'\n'`);
//! * node hash: `SHA-256(0x01 || left || right)`;
//! * a tree of `n > 1` leaves splits at `k`, the largest power of two smaller than `n`;
//! * the empty tree hashes to `SHA-256("")`.
//!
//! [`MerkleTree`] is incremental: it keeps one root per perfect subtree (at most 64), so
//! appending a line and computing the current root are both `O(log n)`.

use sha2::{Digest, Sha256};

use super::hash::Digest32;

/// Root of the empty tree: `SHA-256("")`.
pub const EMPTY_ROOT: Digest32 = [
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
];

/// RFC 6962 leaf hash of one journal line (without its newline).
pub fn leaf_hash(line: &[u8]) -> Digest32 {
    let mut h = Sha256::new();
    h.update([0x00]);
    h.update(line);
    h.finalize().into()
}

/// RFC 6962 interior node hash.
pub fn node_hash(left: &Digest32, right: &Digest32) -> Digest32 {
    let mut h = Sha256::new();
    h.update([0x01]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// Incremental RFC 6962 Merkle tree over journal lines.
#[derive(Clone, Debug, Default)]
pub struct MerkleTree {
    /// Roots of the perfect subtrees, left to right, as `(height, hash)`; heights strictly decrease.
    stack: Vec<(u32, Digest32)>,
    size: u64,
}

impl MerkleTree {
    /// An empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of leaves appended so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends one journal line (bytes without the trailing newline).
    pub fn push_line(&mut self, line: &[u8]) {
        self.push_leaf_hash(leaf_hash(line));
    }

    /// Appends an already computed leaf hash.
    pub fn push_leaf_hash(&mut self, leaf: Digest32) {
        let mut height = 0u32;
        let mut hash = leaf;
        while let Some(&(top_height, top_hash)) = self.stack.last() {
            if top_height != height {
                break;
            }
            self.stack.pop();
            hash = node_hash(&top_hash, &hash);
            height += 1;
        }
        self.stack.push((height, hash));
        self.size += 1;
    }

    /// The Merkle tree hash of all leaves appended so far.
    pub fn root(&self) -> Digest32 {
        let mut iter = self.stack.iter().rev();
        let Some(&(_, mut acc)) = iter.next() else {
            return EMPTY_ROOT;
        };
        for (_, left) in iter {
            acc = node_hash(left, &acc);
        }
        acc
    }

    /// Lowercase hex of [`MerkleTree::root`].
    pub fn root_hex(&self) -> String {
        hex::encode(self.root())
    }
}

/// Merkle tree hash of a sequence of lines (each without its newline).
pub fn root_of<'a, I>(lines: I) -> Digest32
where
    I: IntoIterator<Item = &'a [u8]>,
{
    let mut tree = MerkleTree::new();
    for line in lines {
        tree.push_line(line);
    }
    tree.root()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::hash::sha256;

    /// The recursive definition straight from RFC 6962 §2.1.
    fn naive(leaves: &[&[u8]]) -> Digest32 {
        match leaves.len() {
            0 => sha256(b""),
            1 => leaf_hash(leaves[0]),
            n => {
                let mut k = 1;
                while k * 2 < n {
                    k *= 2;
                }
                node_hash(&naive(&leaves[..k]), &naive(&leaves[k..]))
            }
        }
    }

    /// Leaves used by the Certificate Transparency reference test suite.
    const CT_LEAVES: [&[u8]; 8] = [
        b"",
        b"\x00",
        b"\x10",
        b"\x20\x21",
        b"\x30\x31",
        b"\x40\x41\x42\x43",
        b"\x50\x51\x52\x53\x54\x55\x56\x57",
        b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
    ];

    /// Roots of the first 1..=8 CT leaves, as published with the CT reference implementation.
    const CT_ROOTS: [&str; 8] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    #[test]
    fn empty_tree_is_sha256_of_nothing() {
        assert_eq!(MerkleTree::new().root(), sha256(b""));
        assert_eq!(EMPTY_ROOT, sha256(b""));
        assert_eq!(MerkleTree::new().size(), 0);
    }

    #[test]
    fn matches_certificate_transparency_vectors() {
        let mut tree = MerkleTree::new();
        for (i, leaf) in CT_LEAVES.iter().enumerate() {
            tree.push_line(leaf);
            assert_eq!(tree.root_hex(), CT_ROOTS[i], "size {}", i + 1);
            assert_eq!(hex::encode(naive(&CT_LEAVES[..=i])), CT_ROOTS[i]);
        }
    }

    #[test]
    fn incremental_matches_naive_for_many_sizes() {
        let lines: Vec<Vec<u8>> = (0..300u32)
            .map(|i| format!("line {i}").into_bytes())
            .collect();
        let mut tree = MerkleTree::new();
        for n in 1..=lines.len() {
            tree.push_line(&lines[n - 1]);
            let refs: Vec<&[u8]> = lines[..n].iter().map(Vec::as_slice).collect();
            assert_eq!(tree.root(), naive(&refs), "size {n}");
            assert_eq!(tree.size(), n as u64);
        }
        let refs: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
        assert_eq!(root_of(refs.iter().copied()), tree.root());
    }

    #[test]
    fn leaf_and_node_are_domain_separated() {
        let a = leaf_hash(b"x");
        assert_ne!(a, sha256(b"x"));
        assert_ne!(node_hash(&a, &a), leaf_hash(&[a, a].concat()));
    }
}
