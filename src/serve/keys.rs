//! A participant's keystrokes, as their terminal sends them over SSH (UTF-8 text, control
//! bytes and VT100/xterm escape sequences), turned into key presses. Bounded: an unfinished
//! sequence longer than [`MAX_PENDING`] bytes is dropped, and [`KeyReader::feed`] gives at most
//! [`MAX_KEYS_PER_CHUNK`] keys per chunk of input.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Longest unfinished escape sequence or UTF-8 character kept between chunks.
pub const MAX_PENDING: usize = 16;
/// Most keys taken from one chunk of input (the rest is dropped: nobody types that fast).
pub const MAX_KEYS_PER_CHUNK: usize = 64;

/// Turns bytes into key presses, keeping an unfinished sequence for the next chunk.
#[derive(Debug, Default)]
pub struct KeyReader {
    pending: Vec<u8>,
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The key of a complete CSI or SS3 sequence's final part (`[A`, `OB`, `[5~`).
fn escape(seq: &[u8]) -> Option<KeyCode> {
    Some(match seq {
        b"[A" | b"OA" => KeyCode::Up,
        b"[B" | b"OB" => KeyCode::Down,
        b"[C" | b"OC" => KeyCode::Right,
        b"[D" | b"OD" => KeyCode::Left,
        b"[H" | b"OH" | b"[1~" | b"[7~" => KeyCode::Home,
        b"[F" | b"OF" | b"[4~" | b"[8~" => KeyCode::End,
        b"[5~" => KeyCode::PageUp,
        b"[6~" => KeyCode::PageDown,
        b"[3~" => KeyCode::Delete,
        b"[Z" => KeyCode::BackTab,
        b"OP" | b"[11~" => KeyCode::F(1),
        _ => return None,
    })
}

/// Length of a complete escape sequence at the start of `b` (after ESC), or `None` while it
/// is still incomplete.
fn sequence_len(b: &[u8]) -> Option<usize> {
    match b.first()? {
        b'[' => b[1..]
            .iter()
            .position(|c| (0x40..=0x7e).contains(c))
            .map(|i| i + 2),
        b'O' => (b.len() >= 2).then_some(2),
        _ => Some(0),
    }
}

impl KeyReader {
    /// The key presses in `bytes` (with what the previous chunk left unfinished).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<KeyEvent> {
        let mut buf = std::mem::take(&mut self.pending);
        buf.extend_from_slice(&bytes[..bytes.len().min(4096)]);
        let mut out = Vec::new();
        let mut i = 0;
        while i < buf.len() && out.len() < MAX_KEYS_PER_CHUNK {
            let b = buf[i];
            match b {
                0x1b => {
                    let rest = &buf[i + 1..];
                    if rest.is_empty() {
                        // A lone Esc at the end of a chunk is the Esc key.
                        out.push(key(KeyCode::Esc));
                        i += 1;
                        continue;
                    }
                    match sequence_len(rest) {
                        None if rest.len() < MAX_PENDING => {
                            self.pending = buf[i..].to_vec();
                            return out;
                        }
                        None => i = buf.len(),
                        Some(0) => {
                            out.push(key(KeyCode::Esc));
                            i += 1;
                        }
                        Some(n) => {
                            if let Some(c) = escape(&rest[..n]) {
                                out.push(key(c));
                            }
                            i += 1 + n;
                        }
                    }
                }
                b'\r' | b'\n' => {
                    out.push(key(KeyCode::Enter));
                    // CR LF is one Enter.
                    i += if b == b'\r' && buf.get(i + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                }
                b'\t' => {
                    out.push(key(KeyCode::Tab));
                    i += 1;
                }
                0x7f | 0x08 => {
                    out.push(key(KeyCode::Backspace));
                    i += 1;
                }
                0x01..=0x1a => {
                    let c = (b - 1 + b'a') as char;
                    out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
                    i += 1;
                }
                0x00..=0x1f => i += 1,
                _ => {
                    let n = match b {
                        0xc0..=0xdf => 2,
                        0xe0..=0xef => 3,
                        0xf0..=0xf7 => 4,
                        _ => 1,
                    };
                    if i + n > buf.len() {
                        if buf.len() - i < MAX_PENDING {
                            self.pending = buf[i..].to_vec();
                        }
                        return out;
                    }
                    if let Some(c) = std::str::from_utf8(&buf[i..i + n])
                        .ok()
                        .and_then(|s| s.chars().next())
                    {
                        out.push(key(KeyCode::Char(c)));
                    }
                    i += n;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(v: Vec<KeyEvent>) -> Vec<KeyCode> {
        v.into_iter().map(|k| k.code).collect()
    }

    #[test]
    fn text_controls_and_sequences_become_keys() {
        let mut r = KeyReader::default();
        assert_eq!(
            codes(r.feed(b"a\r\x1b[A\x1b[6~\x7f\t\x1b")),
            vec![
                KeyCode::Char('a'),
                KeyCode::Enter,
                KeyCode::Up,
                KeyCode::PageDown,
                KeyCode::Backspace,
                KeyCode::Tab,
                KeyCode::Esc
            ]
        );
        let c = r.feed(b"\x03");
        assert_eq!(c[0].code, KeyCode::Char('c'));
        assert_eq!(c[0].modifiers, KeyModifiers::CONTROL);
        assert_eq!(codes(r.feed("確".as_bytes())), vec![KeyCode::Char('確')]);
    }

    #[test]
    fn split_sequences_wait_for_their_end_and_floods_are_cut() {
        let mut r = KeyReader::default();
        assert!(r.feed(b"\x1b[").is_empty());
        assert_eq!(codes(r.feed(b"B")), vec![KeyCode::Down]);
        let bytes = "確".as_bytes();
        assert!(r.feed(&bytes[..1]).is_empty());
        assert_eq!(codes(r.feed(&bytes[1..])), vec![KeyCode::Char('確')]);
        assert_eq!(r.feed(&[b'x'; 10_000]).len(), MAX_KEYS_PER_CHUNK);
        assert!(r.feed(&[0x1b, b'[', b'1']).is_empty());
        assert!(
            r.feed(&[b'1'; 40]).is_empty(),
            "an endless sequence is dropped"
        );
        assert_eq!(codes(r.feed(b"q")), vec![KeyCode::Char('q')]);
    }
}
