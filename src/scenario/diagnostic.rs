//! Diagnostics: coded errors, warnings and notes with `file:line:col`, a snippet and a help line.

use serde::Serialize;

use crate::i18n::Lang;
use crate::i18n::diagnostics::{Msg, msg};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational (e.g. a `todo`).
    Note,
    /// Probably a mistake; the file still loads.
    Warning,
    /// The file cannot be used.
    Error,
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `K0101`; see `docs/diagnostics.md`.
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// File path as given.
    pub file: String,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column in characters (0 when unknown).
    pub col: usize,
    /// What is wrong: a catalogue entry, rendered in English by `Display` and in JSON, in any
    /// language by [`Msg::in_lang`].
    pub message: Msg,
    /// How to fix it.
    pub help: Option<Msg>,
}

impl Diagnostic {
    /// A new error diagnostic.
    pub fn error(code: &'static str, file: &str, message: impl Into<Msg>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            file: file.to_string(),
            line: 0,
            col: 0,
            message: message.into(),
            help: None,
        }
    }

    /// Same diagnostic with another severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Same diagnostic at a position.
    pub fn at(mut self, (line, col): (usize, usize)) -> Self {
        self.line = line;
        self.col = col;
        self
    }

    /// Same diagnostic with a help line.
    pub fn help(mut self, help: impl Into<Msg>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for a code that says a file could not be read or was refused before parsing
    /// (`K0001`, `K0008`–`K0012`): commands exit with code 3 (usage or I/O error).
    pub fn is_read_refusal(&self) -> bool {
        matches!(
            self.code,
            "K0001" | "K0008" | "K0009" | "K0010" | "K0011" | "K0012"
        )
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.message.in_lang(lang)
    }

    /// The help line in `lang`, if any.
    pub fn help_in(&self, lang: Lang) -> Option<String> {
        self.help.as_ref().map(|h| h.in_lang(lang))
    }

    /// Renders it for a terminal in English: see [`Diagnostic::render_in`].
    pub fn render(&self, source: Option<&str>) -> String {
        self.render_in(source, Lang::En)
    }

    /// Renders it for a terminal in `lang`: header, location, the source line with a caret,
    /// help. Every piece of text that came from a file (message, path, snippet, help) is shown
    /// with its control characters escaped ([`crate::text::printable`]).
    pub fn render_in(&self, source: Option<&str>, lang: Lang) -> String {
        use crate::text::{printable, printable_line};
        let t = lang.diagnostics();
        let sev = match self.severity {
            Severity::Error => t.sev_error,
            Severity::Warning => t.sev_warning,
            Severity::Note => t.sev_note,
        };
        let file = printable_line(&self.file);
        let mut out = format!(
            "{sev}[{}]: {}\n",
            self.code,
            printable(&self.message_in(lang))
        );
        if self.line > 0 {
            out.push_str(&format!("  --> {file}:{}:{}\n", self.line, self.col));
            if let Some(text) = source.and_then(|s| s.lines().nth(self.line - 1)) {
                let gutter = self.line.to_string();
                let pad = " ".repeat(gutter.len());
                // The caret goes under the character by display width: a double-width
                // character (kanji, kana, full-width punctuation) takes two columns; a control
                // character is shown escaped, so its escape's width counts.
                let before: String = text.chars().take(self.col.saturating_sub(1)).collect();
                let caret_pad: String = printable(&before)
                    .chars()
                    .map(|c| {
                        if c == '\t' {
                            "\t".to_string()
                        } else {
                            " ".repeat(unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
                        }
                    })
                    .collect();
                let text = printable(text);
                out.push_str(&format!(
                    "{pad} |\n{gutter} | {text}\n{pad} | {caret_pad}^\n"
                ));
            }
        } else {
            out.push_str(&format!("  --> {file}\n"));
        }
        let help_label = t.help_label;
        if let Some(help) = self.help_in(lang) {
            out.push_str(&format!("  = {help_label}: {}\n", printable(&help)));
        }
        if let Some((c, ascii)) = source
            .and_then(|s| s.lines().nth(self.line.checked_sub(1)?))
            .and_then(|text| full_width_near(text, self.col))
        {
            let m = msg!(
                full_width,
                c = c,
                code = format!("{:04X}", u32::from(c)),
                ascii = ascii
            );
            out.push_str(&format!("  = {help_label}: {}\n", m.in_lang(lang)));
        }
        out
    }
}

/// Full-width punctuation an input method types in place of RON's ASCII syntax, with its
/// ASCII form.
const FULL_WIDTH: [(char, char); 14] = [
    ('，', ','),
    ('：', ':'),
    ('；', ';'),
    ('（', '('),
    ('）', ')'),
    ('［', '['),
    ('］', ']'),
    ('｛', '{'),
    ('｝', '}'),
    ('“', '"'),
    ('”', '"'),
    ('＂', '"'),
    ('、', ','),
    ('　', ' '),
];

/// The full-width character at or just before column `col` (1-based, in characters) of
/// `line`, with its ASCII form, when there is one.
fn full_width_near(line: &str, col: usize) -> Option<(char, char)> {
    let chars: Vec<char> = line.chars().collect();
    let at = col.saturating_sub(1);
    [at, at.saturating_sub(1), at + 1]
        .into_iter()
        .filter_map(|i| chars.get(i))
        .find_map(|c| FULL_WIDTH.iter().find(|(f, _)| f == c).copied())
}

/// 1-based (line, column in chars) of a byte offset in `source`.
pub fn position_of(source: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(source.len());
    let before = source.get(..byte).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Finds where a quoted string value appears in the source, preferring an occurrence after `key:`.
///
/// Used to place semantic diagnostics (dangling references, duplicates) since serde keeps no spans.
/// `nth` picks the n-th occurrence (0-based) when ids repeat.
pub fn locate(source: &str, key: Option<&str>, value: &str, nth: usize) -> (usize, usize) {
    find_value(source, key, value, nth, 0)
        .or_else(|| find_value(source, None, value, 0, 0))
        .map(|at| position_of(source, at))
        .unwrap_or((1, 1))
}

/// Byte offset of the `nth` quoted occurrence of `value` at or after byte `from`, preferring
/// occurrences written as `key: "value"` when a key is given.
pub fn find_value(
    source: &str,
    key: Option<&str>,
    value: &str,
    nth: usize,
    from: usize,
) -> Option<usize> {
    let needle = format!("\"{value}\"");
    let from = from.min(source.len());
    let hits: Vec<usize> = source[from..]
        .match_indices(&needle)
        .map(|(i, _)| from + i)
        .collect();
    let keyed = |at: &usize| match key {
        Some(k) => {
            let head = source[..*at].trim_end();
            head.ends_with(':') && head[..head.len() - 1].trim_end().ends_with(k)
        }
        None => true,
    };
    let keyed_hits: Vec<usize> = hits.iter().copied().filter(keyed).collect();
    keyed_hits.get(nth).or_else(|| hits.get(nth)).copied()
}

/// In one pass, the byte offset of the opening quote of the first `key: "value"` for every
/// value: the position [`find_value`] gives for `(Some(key), value, 0, 0)` when the value is
/// written keyed (the key is the text before the colon, as there).
pub fn keyed_values<'a>(source: &'a str, key: &str) -> foldhash::HashMap<&'a str, usize> {
    // About one keyed value per 150 bytes in a large organisation: sized once, not regrown.
    let mut out =
        foldhash::HashMap::with_capacity_and_hasher(source.len() / 256, Default::default());
    let bytes = source.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b':', &bytes[i..]) {
        let colon = i + off;
        i = colon + 1;
        let mut q = colon + 1;
        while q < bytes.len() && (bytes[q] as char).is_whitespace() {
            q += 1;
        }
        if q >= bytes.len() || bytes[q] != b'"' {
            continue;
        }
        // Both are ASCII bytes, so every offset found is a character boundary.
        let Some(len) = memchr::memchr(b'"', &bytes[q + 1..]) else {
            break;
        };
        if source[..colon].trim_end().ends_with(key) {
            out.entry(&source[q + 1..q + 1 + len]).or_insert(q);
        }
        i = q + 1 + len;
    }
    out
}

/// The closest candidate to `word` by edit distance, if close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn carets_follow_display_width_and_full_width_punctuation_is_named() {
        let src = "Scenario(\n    id: \"訓練\", title： \"x\",\n)\n";
        let d = Diagnostic::error("K0002", "x.ron", "syntax error: Expected colon").at((2, 20));
        let out = d.render(Some(src));
        // 4 spaces, `id: "` (5), 訓練 (4 columns), `", title` (8): the caret under `：`.
        let caret = out
            .lines()
            .find(|l| l.trim_end().ends_with('^'))
            .expect("caret line");
        let text = out
            .lines()
            .find(|l| l.contains("title："))
            .expect("source line");
        let col = |l: &str, f: &dyn Fn(char) -> bool| {
            let mut w = 0;
            for c in l.chars() {
                if f(c) {
                    return w;
                }
                w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
            w
        };
        assert_eq!(
            col(caret, &|c| c == '^'),
            col(text, &|c| c == '：'),
            "{out}"
        );
        assert!(
            out.contains("`：` (U+FF1A) is a full-width character; RON needs the ASCII `:`"),
            "{out}"
        );
    }

    #[test]
    fn the_one_pass_index_agrees_with_the_scan_for_every_id() {
        for path in [
            "scenarios/defence-contractor-double-extortion.ron",
            "scenarios/hospital-ransomware-ja.ron",
            "assets/orgs/defence-contractor.ron",
        ] {
            let text = std::fs::read_to_string(path).expect("shipped file");
            let index = keyed_values(&text, "id");
            assert!(index.len() > 20, "{path}");
            for (value, at) in &index {
                assert_eq!(
                    find_value(&text, Some("id"), value, 0, 0),
                    Some(*at),
                    "{path}: {value}"
                );
            }
        }
    }

    use super::*;

    #[test]
    fn positions_are_one_based_in_chars() {
        let src = "ab\n日本x";
        assert_eq!(position_of(src, 0), (1, 1));
        assert_eq!(position_of(src, 3), (2, 1));
        assert_eq!(position_of(src, src.find('x').unwrap()), (2, 3));
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("tittle", ["title", "text"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", ["title", "text"]), None);
    }

    #[test]
    fn locate_prefers_keyed_occurrence() {
        let src = "a: \"x\",\n id: \"x\"";
        assert_eq!(locate(src, Some("id"), "x", 0), (2, 6));
        assert_eq!(locate(src, None, "x", 0), (1, 4));
    }
}
