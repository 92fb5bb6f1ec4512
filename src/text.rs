//! Text that is safe to print on a terminal.
//!
//! Scenarios, organisations, scripts and journals come from other people. Any text of theirs
//! that kunren prints goes through [`printable`] (or [`printable_line`] for one-line fields), so
//! that escape sequences cannot move the cursor, erase lines, retitle the window or hide what
//! kunren wrote: control characters are shown escaped instead of being sent to the terminal.
//!
//! A leaf module: it depends on nothing else in kunren.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for a character that must not reach a terminal raw: C0 controls other than newline and
/// tab (ESC and carriage return included), DEL, C1 controls, and the Unicode bidirectional
/// embedding, override and isolate controls (which can reorder what a line appears to say).
pub fn is_control(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// True when `s` holds a character [`is_control`] refuses.
pub fn has_control(s: &str) -> bool {
    s.chars().any(is_control)
}

/// `s` with every control character (see [`is_control`]) shown escaped: `\x1b` for C0 and DEL,
/// `\u{9b}` for C1 and the bidirectional controls. Newline and tab are kept. Borrows when there
/// is nothing to escape. Escaping is idempotent: the escaped form is plain printable text.
pub fn printable(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// As [`printable`], and newlines and tabs are shown escaped too (`\n`, `\t`): for a title, a
/// name or a path printed inside one line of output, where a newline could forge a line.
pub fn printable_line(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, one_line: bool) -> Cow<'_, str> {
    let bad = |c: char| is_control(c) || (one_line && (c == '\n' || c == '\t'));
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !bad(c) {
            out.push(c);
            continue;
        }
        let _ = match c {
            '\n' => out.write_str("\\n"),
            '\t' => out.write_str("\\t"),
            c if u32::from(c) < 0x80 => write!(out, "\\x{:02x}", u32::from(c)),
            c => write!(out, "\\u{{{:x}}}", u32::from(c)),
        };
    }
    Cow::Owned(out)
}

/// JSON text with the control characters that JSON encoders leave raw (DEL, C1, the
/// bidirectional controls; `serde_json` already escapes C0) written as `\uXXXX` escapes. The
/// JSON means the same (those characters can only occur inside strings), but printing it cannot
/// drive a terminal. Use it on every JSON document a command prints.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_control) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_control(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` followed by spaces up to `width` terminal columns (double-width characters count two);
/// longer text is returned whole.
pub fn pad_to_width(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    let mut out = String::with_capacity(s.len() + width.saturating_sub(w));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(printable("Ransom note 身代金"), Cow::Borrowed(_)));
        assert!(matches!(
            printable("two\nlines\tand a tab"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn controls_are_escaped() {
        let s = "\u{1b}[2J\u{1b}[1A VALID\r\u{7f}\u{9b}6n\u{202e}x";
        let p = printable(s);
        assert!(!p.chars().any(is_control), "{p}");
        assert_eq!(p, "\\x1b[2J\\x1b[1A VALID\\x0d\\x7f\\u{9b}6n\\u{202e}x");
        assert_eq!(printable(&p), p, "idempotent");
    }

    #[test]
    fn json_keeps_its_meaning() {
        let v = serde_json::json!({ "t": "a\u{1b}b\u{7f}c\u{9b}d\u{202e}" });
        let text = serde_json::to_string(&v).unwrap();
        let safe = json_safe(&text);
        assert!(!safe.chars().any(is_control), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn one_line_escapes_newlines() {
        assert_eq!(printable_line("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(printable("a\nb"), "a\nb");
    }
}
