//! Plain text for a terminal: the report's document tree ([`Document`]) rendered with
//! underlined headings, aligned label/value lists and column-aligned tables (by display width,
//! so Japanese text lines up). Charts are left out (their tables carry the numbers).
//!
//! Safety: control characters (terminal escape sequences among them) and bidirectional
//! overrides in journal text are dropped, so a note cannot move the cursor or recolour the
//! terminal.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::report::document::{Block, Document, Inline, Tone};

/// Drops control characters (except newline) and bidirectional overrides.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            c == '\n'
                || !(c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c))
        })
        .collect()
}

fn mark(t: Tone) -> &'static str {
    match t {
        Tone::Good => "✔ ",
        Tone::Warn => "⚠ ",
        Tone::Bad => "✖ ",
        Tone::Info => "",
    }
}

fn inlines(items: &[Inline]) -> String {
    let mut out = String::new();
    for i in items {
        match i {
            Inline::Text(s) | Inline::Strong(s) | Inline::Code(s) => out.push_str(&clean(s)),
            Inline::Struck(s) => {
                out.push_str("~~");
                out.push_str(&clean(s));
                out.push_str("~~");
            }
            Inline::Rating(r) => out.push_str(r.letter()),
            Inline::Badge(t, s) => {
                out.push_str(mark(*t));
                out.push_str(&clean(s));
            }
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.trim_end_matches('\n').replace('\n', " / ")
}

fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn pad(out: &mut String, s: &str, w: usize, right: bool) {
    let fill = w.saturating_sub(width(s));
    if right {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(s);
    } else {
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', fill));
    }
}

fn table(out: &mut String, head: &[String], rows: &[Vec<String>], numeric: &[bool]) {
    let n = head.len();
    let num = |i: usize| numeric.get(i).copied().unwrap_or(false);
    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
    let split: Vec<Vec<Vec<&str>>> = rows
        .iter()
        .map(|r| {
            (0..n)
                .map(|i| {
                    r.get(i)
                        .map_or(vec![""], |c| c.trim_end_matches('\n').split('\n').collect())
                })
                .collect()
        })
        .collect();
    for r in &split {
        for (i, lines) in r.iter().enumerate() {
            for l in lines {
                widths[i] = widths[i].max(width(l));
            }
        }
    }
    let line = |out: &mut String, cells: &[&str]| {
        let mut s = String::new();
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            pad(&mut s, cells.get(i).copied().unwrap_or(""), *w, num(i));
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    let head_cells: Vec<&str> = head.iter().map(String::as_str).collect();
    line(out, &head_cells);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    let rule_cells: Vec<&str> = rule.iter().map(String::as_str).collect();
    line(out, &rule_cells);
    for r in &split {
        let height = r.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let cells: Vec<&str> = r
                .iter()
                .map(|lines| lines.get(k).copied().unwrap_or(""))
                .collect();
            line(out, &cells);
        }
    }
    out.push('\n');
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Heading { level, text, .. } => {
            let text = one_line(&clean(text));
            let under = match level {
                1 => Some('='),
                2 => Some('-'),
                _ => None,
            };
            let _ = writeln!(out, "{text}");
            match under {
                Some(c) => {
                    let _ = writeln!(out, "{}\n", c.to_string().repeat(width(&text)));
                }
                None => {
                    let _ = writeln!(out, "{}\n", "·".repeat(width(&text)));
                }
            }
        }
        Block::Para(items) => {
            let _ = writeln!(out, "{}\n", inlines(items).trim_end());
        }
        Block::Callout(t, items) => {
            let m = match t {
                Tone::Info => "ℹ ",
                t => mark(*t),
            };
            let _ = writeln!(out, "{m}{}\n", one_line(&inlines(items)));
        }
        Block::Facts(rows) => {
            let labels: Vec<String> = rows.iter().map(|(l, _)| clean(l)).collect();
            let w = labels.iter().map(|l| width(l)).max().unwrap_or(0);
            for (label, (_, value)) in labels.iter().zip(rows) {
                let mut s = String::new();
                pad(&mut s, &format!("{label}:"), w + 1, false);
                let _ = writeln!(out, "{s} {}", one_line(&inlines(value)));
            }
            out.push('\n');
        }
        Block::Table {
            head,
            rows,
            numeric,
            ..
        } => {
            let head: Vec<String> = head.iter().map(|h| one_line(&clean(h))).collect();
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|c| inlines(c)).collect())
                .collect();
            table(out, &head, &cells, numeric);
        }
        Block::List(items) => {
            for i in items {
                let _ = writeln!(out, "  - {}", one_line(&inlines(i)));
            }
            out.push('\n');
        }
        Block::Code(s) => {
            for l in clean(s).trim_end().lines() {
                let _ = writeln!(out, "    {l}");
            }
            out.push('\n');
        }
        Block::Chart(_) | Block::PageBreak => {}
        Block::Keep(blocks) => {
            for b in blocks {
                block(out, b);
            }
        }
    }
}

/// Renders blocks as plain text (no marking, no footer).
pub fn render_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        block(&mut out, b);
    }
    out
}

/// Renders the document as plain text.
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let marking = doc.handling.as_deref().map(|h| one_line(&clean(h.trim())));
    if let Some(m) = &marking {
        let _ = writeln!(out, "[{m}]\n");
    }
    for b in &doc.blocks {
        block(&mut out, b);
    }
    let _ = writeln!(out, "-- {}", one_line(&clean(&doc.footer)));
    if let Some(m) = &marking {
        let _ = writeln!(out, "\n[{m}]");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_by_display_width_and_escapes_are_dropped() {
        let doc = Document {
            title: "t".into(),
            lang: "en",
            footer: "f".into(),
            handling: None,
            blocks: vec![Block::Table {
                head: vec!["a".into(), "n".into()],
                rows: vec![
                    vec![vec![Inline::text("訓練")], vec![Inline::text("1")]],
                    vec![
                        vec![Inline::text("x\u{1b}[31my\ntwo")],
                        vec![Inline::text("22")],
                    ],
                ],
                numeric: vec![false, true],
                class: "",
            }],
        };
        let out = render(&doc);
        assert!(!out.contains('\u{1b}'));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "a        n");
        assert_eq!(lines[2], "訓練     1");
        assert_eq!(lines[3], "x[31my  22");
        assert_eq!(lines[4], "two");
    }
}
