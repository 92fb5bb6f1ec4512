//! A record body straight to the bytes the journal writes for it, without building a
//! `serde_json::Value` first.
//!
//! The journal's bytes are those of `serde_json::to_vec(&serde_json::to_value(body))`: a
//! `Value` keeps object keys sorted (byte order), so every object of a body appears with its
//! keys in ascending order whatever the struct's field order. [`write_body`] serialises the
//! body directly while a [`Formatter`] notes where each object's entries begin and end; an
//! object whose keys did not come in ascending order has its entries put in order in place
//! when it closes (inner objects first, which keeps every offset of the outer ones valid).
//! What a `Value` would write differently (a key given twice, an `f32`, which a `Value` holds
//! as an `f64`, 128-bit integers, non-string map keys, raw fragments) makes it write the body
//! through a `Value` instead, so the bytes are always the `Value` ones.

use std::cell::RefCell;
use std::io;
use std::ops::Range;

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

/// Reusable state of [`write_body`]; its buffers stay allocated from record to record.
#[derive(Debug, Default)]
pub(crate) struct BodyEncoder {
    /// The entries of each open object, by depth.
    levels: Vec<Level>,
    depth: usize,
    /// The key being written, unescaped.
    key: Vec<u8>,
    in_key: bool,
    /// Where the entry being written starts (after its comma).
    entry_start: usize,
    /// Set when the direct bytes may differ from the `Value` ones.
    diverges: bool,
    /// A copy of the object being put in order.
    scratch: Vec<u8>,
    order: Vec<usize>,
}

/// The entries of one open object.
#[derive(Debug, Default)]
struct Level {
    entries: Vec<Entry>,
    /// The entries' keys, unescaped, one after the other.
    keys: Vec<u8>,
}

/// One `"key":value` of an object: its key (in [`Level::keys`]) and its bytes in the output.
#[derive(Debug)]
struct Entry {
    key: Range<usize>,
    start: usize,
    end: usize,
}

impl BodyEncoder {
    fn reset(&mut self) {
        self.depth = 0;
        self.key.clear();
        self.in_key = false;
        self.diverges = false;
    }
}

/// Appends the JSON of `body` to `out`, byte for byte what `serde_json::to_vec` of
/// `serde_json::to_value(body)` gives. Returns false (and leaves `out` as it was) when the body
/// does not serialise at all.
pub(crate) fn write_body<T: Serialize + ?Sized>(
    body: &T,
    out: &mut Vec<u8>,
    enc: &mut BodyEncoder,
) -> bool {
    let start = out.len();
    enc.reset();
    let buf = RefCell::new(std::mem::take(out));
    let direct = {
        let mut ser = serde_json::Serializer::with_formatter(
            Out { buf: &buf },
            Watch {
                enc: &mut *enc,
                buf: &buf,
            },
        );
        body.serialize(&mut ser).is_ok()
    };
    *out = buf.into_inner();
    if direct && !enc.diverges {
        return true;
    }
    out.truncate(start);
    let written =
        serde_json::to_value(body).is_ok_and(|v| serde_json::to_writer(&mut *out, &v).is_ok());
    if !written {
        out.truncate(start);
    }
    written
}

/// The output buffer, shared with the formatter (which reads where entries begin and end).
struct Out<'a> {
    buf: &'a RefCell<Vec<u8>>,
}

impl io::Write for Out<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.buf.borrow_mut().extend_from_slice(bytes);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The compact formatter, noting each object's entries and whatever would make the direct
/// bytes differ from a `Value`'s.
struct Watch<'a> {
    enc: &'a mut BodyEncoder,
    buf: &'a RefCell<Vec<u8>>,
}

impl Watch<'_> {
    fn no_key(&mut self) {
        if self.enc.in_key {
            self.enc.diverges = true;
        }
    }

    fn len(&self) -> usize {
        self.buf.borrow().len()
    }

    /// Puts the entries of the object closing at the current depth in key order, in place.
    fn order_entries(&mut self) {
        let enc = &mut *self.enc;
        let Some(level) = enc.levels.get(enc.depth) else {
            return;
        };
        let key = |e: &Entry| &level.keys[e.key.clone()];
        let sorted = level.entries.windows(2).all(|w| key(&w[0]) < key(&w[1]));
        if sorted {
            return;
        }
        enc.order.clear();
        enc.order.extend(0..level.entries.len());
        enc.order
            .sort_by(|&a, &b| key(&level.entries[a]).cmp(key(&level.entries[b])));
        if enc
            .order
            .windows(2)
            .any(|w| key(&level.entries[w[0]]) == key(&level.entries[w[1]]))
        {
            // A `Value` keeps one entry per key: write it through a `Value`.
            enc.diverges = true;
            return;
        }
        let (Some(first), Some(last)) = (level.entries.first(), level.entries.last()) else {
            return;
        };
        let region = first.start..last.end;
        let mut buf = self.buf.borrow_mut();
        enc.scratch.clear();
        enc.scratch.extend_from_slice(&buf[region.clone()]);
        let mut at = region.start;
        for (n, &i) in enc.order.iter().enumerate() {
            if n > 0 {
                buf[at] = b',';
                at += 1;
            }
            let e = &level.entries[i];
            let bytes = &enc.scratch[e.start - region.start..e.end - region.start];
            buf[at..at + bytes.len()].copy_from_slice(bytes);
            at += bytes.len();
        }
        debug_assert_eq!(at, region.end, "entries reordered in the same bytes");
    }
}

impl Formatter for Watch<'_> {
    fn write_null<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_null(w)
    }
    fn write_bool<W: ?Sized + io::Write>(&mut self, w: &mut W, v: bool) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_bool(w, v)
    }
    fn write_i8<W: ?Sized + io::Write>(&mut self, w: &mut W, v: i8) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_i8(w, v)
    }
    fn write_i16<W: ?Sized + io::Write>(&mut self, w: &mut W, v: i16) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_i16(w, v)
    }
    fn write_i32<W: ?Sized + io::Write>(&mut self, w: &mut W, v: i32) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_i32(w, v)
    }
    fn write_i64<W: ?Sized + io::Write>(&mut self, w: &mut W, v: i64) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_i64(w, v)
    }
    fn write_i128<W: ?Sized + io::Write>(&mut self, w: &mut W, v: i128) -> io::Result<()> {
        self.enc.diverges = true;
        CompactFormatter.write_i128(w, v)
    }
    fn write_u8<W: ?Sized + io::Write>(&mut self, w: &mut W, v: u8) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_u8(w, v)
    }
    fn write_u16<W: ?Sized + io::Write>(&mut self, w: &mut W, v: u16) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_u16(w, v)
    }
    fn write_u32<W: ?Sized + io::Write>(&mut self, w: &mut W, v: u32) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_u32(w, v)
    }
    fn write_u64<W: ?Sized + io::Write>(&mut self, w: &mut W, v: u64) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_u64(w, v)
    }
    fn write_u128<W: ?Sized + io::Write>(&mut self, w: &mut W, v: u128) -> io::Result<()> {
        self.enc.diverges = true;
        CompactFormatter.write_u128(w, v)
    }
    fn write_f32<W: ?Sized + io::Write>(&mut self, w: &mut W, v: f32) -> io::Result<()> {
        // A `Value` holds it as an f64, whose shortest form differs (0.1 → 0.10000000149011612).
        self.enc.diverges = true;
        CompactFormatter.write_f32(w, v)
    }
    fn write_f64<W: ?Sized + io::Write>(&mut self, w: &mut W, v: f64) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_f64(w, v)
    }
    fn write_number_str<W: ?Sized + io::Write>(&mut self, w: &mut W, v: &str) -> io::Result<()> {
        self.enc.diverges = true;
        CompactFormatter.write_number_str(w, v)
    }
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if self.enc.in_key {
            self.enc.key.extend_from_slice(fragment.as_bytes());
        }
        CompactFormatter.write_string_fragment(w, fragment)
    }
    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        if self.enc.in_key {
            let byte = match escape {
                CharEscape::Quote => b'"',
                CharEscape::ReverseSolidus => b'\\',
                CharEscape::Solidus => b'/',
                CharEscape::Backspace => 0x08,
                CharEscape::FormFeed => 0x0c,
                CharEscape::LineFeed => b'\n',
                CharEscape::CarriageReturn => b'\r',
                CharEscape::Tab => b'\t',
                CharEscape::AsciiControl(b) => b,
            };
            self.enc.key.push(byte);
        }
        CompactFormatter.write_char_escape(w, escape)
    }
    fn write_byte_array<W: ?Sized + io::Write>(&mut self, w: &mut W, v: &[u8]) -> io::Result<()> {
        self.no_key();
        CompactFormatter.write_byte_array(w, v)
    }
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.no_key();
        CompactFormatter.begin_array(w)
    }
    fn write_raw_fragment<W: ?Sized + io::Write>(&mut self, w: &mut W, v: &str) -> io::Result<()> {
        self.enc.diverges = true;
        CompactFormatter.write_raw_fragment(w, v)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.no_key();
        let enc = &mut *self.enc;
        if enc.levels.len() == enc.depth {
            enc.levels.push(Level::default());
        }
        let level = &mut enc.levels[enc.depth];
        level.entries.clear();
        level.keys.clear();
        enc.depth += 1;
        CompactFormatter.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.enc.depth = self.enc.depth.saturating_sub(1);
        if !self.enc.diverges {
            self.order_entries();
        }
        CompactFormatter.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        // The comma goes before the entry: the entry's bytes start after it.
        CompactFormatter.begin_object_key(w, first)?;
        self.enc.entry_start = self.len();
        self.enc.in_key = true;
        self.enc.key.clear();
        Ok(())
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        let start = self.enc.entry_start;
        let enc = &mut *self.enc;
        enc.in_key = false;
        match enc.depth.checked_sub(1).and_then(|d| enc.levels.get_mut(d)) {
            Some(level) => {
                let from = level.keys.len();
                level.keys.extend_from_slice(&enc.key);
                level.entries.push(Entry {
                    key: from..level.keys.len(),
                    start,
                    end: start,
                });
            }
            None => enc.diverges = true,
        }
        CompactFormatter.end_object_key(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        CompactFormatter.end_object_value(w)?;
        let end = self.len();
        let enc = &mut *self.enc;
        if let Some(e) = enc
            .depth
            .checked_sub(1)
            .and_then(|d| enc.levels.get_mut(d))
            .and_then(|l| l.entries.last_mut())
        {
            e.end = end;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    fn via_value<T: Serialize>(v: &T) -> Vec<u8> {
        serde_json::to_vec(&serde_json::to_value(v).unwrap()).unwrap()
    }

    fn direct<T: Serialize>(v: &T) -> Vec<u8> {
        let mut out = b"prefix".to_vec();
        assert!(write_body(v, &mut out, &mut BodyEncoder::default()));
        out.split_off(6)
    }

    #[derive(Serialize)]
    struct Sorted {
        a: u32,
        b: Option<String>,
        c: Vec<Inner>,
        d: f64,
    }

    #[derive(Serialize)]
    struct Inner {
        x_y: i64,
        xa: bool,
    }

    #[derive(Serialize)]
    struct Unsorted {
        zeta: u32,
        alpha: Inner,
        #[serde(rename = "a\"q")]
        quoted: u8,
    }

    #[derive(Serialize)]
    struct Nested {
        z: Vec<Unsorted>,
        m: Option<Box<Nested>>,
        a: HashMap<String, Unsorted>,
    }

    #[derive(Serialize)]
    struct Small {
        f: f32,
    }

    #[derive(Serialize)]
    struct Flat {
        b: u8,
        #[serde(flatten)]
        rest: BTreeMap<String, u8>,
    }

    #[test]
    fn same_bytes_as_through_a_value() {
        let sorted = Sorted {
            a: 7,
            b: Some("é \"q\" \n\u{1}".into()),
            c: vec![
                Inner { x_y: -3, xa: true },
                Inner {
                    x_y: i64::MAX,
                    xa: false,
                },
            ],
            d: 0.1,
        };
        assert_eq!(direct(&sorted), via_value(&sorted));
        let unsorted = Unsorted {
            zeta: 1,
            alpha: Inner { x_y: 0, xa: true },
            quoted: 2,
        };
        assert_eq!(direct(&unsorted), via_value(&unsorted));
        let un = |zeta| Unsorted {
            zeta,
            alpha: Inner { x_y: 5, xa: false },
            quoted: 9,
        };
        let nested = Nested {
            z: vec![un(1), un(2)],
            m: Some(Box::new(Nested {
                z: vec![],
                m: None,
                a: [("q".to_string(), un(3)), ("b\"".to_string(), un(4))]
                    .into_iter()
                    .collect(),
            })),
            a: (0..20).map(|i| (format!("k{i}"), un(i))).collect(),
        };
        assert_eq!(direct(&nested), via_value(&nested));
        let small = Small { f: 0.1 };
        assert_eq!(direct(&small), via_value(&small));
        let map: HashMap<String, u32> = (0..50).map(|i| (format!("k{i}"), i)).collect();
        assert_eq!(direct(&map), via_value(&map));
        let ints: BTreeMap<u32, u32> = [(2, 1), (10, 2)].into_iter().collect();
        assert_eq!(direct(&ints), via_value(&ints));
        let flat = Flat {
            b: 1,
            rest: [("a".to_string(), 2), ("b".to_string(), 3)]
                .into_iter()
                .collect(),
        };
        assert_eq!(direct(&flat), via_value(&flat));
        let nan = Sorted {
            a: 0,
            b: None,
            c: vec![],
            d: f64::NAN,
        };
        assert_eq!(direct(&nan), via_value(&nan));
    }

    #[test]
    fn a_body_that_does_not_serialise_leaves_the_buffer() {
        let bad: BTreeMap<Vec<u8>, u8> = [(vec![1u8], 1)].into_iter().collect();
        let mut out = b"x".to_vec();
        assert!(!write_body(&bad, &mut out, &mut BodyEncoder::default()));
        assert_eq!(out, b"x");
    }
}
