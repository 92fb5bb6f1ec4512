//! The Markdown report, for GitHub, GitLab and other CommonMark/GFM renderers.
//!
//! Journal text is escaped so that it renders as written: Markdown punctuation is
//! backslash-escaped, `<` and `&` cannot start HTML, pipes cannot split a table cell and line
//! breaks inside a cell or a list item become `<br>`.

use std::fmt::Write as _;

use super::document::{Block, Chart, Document, Inline, Tone};

/// Escapes text for Markdown inline content (paragraphs, list items and table cells).
///
/// Punctuation that could start Markdown syntax is backslash-escaped where it could act as
/// syntax (an intraword `_` or a `#` inside a word cannot), `&` only where it would start an
/// entity, and line breaks become `<br>`.
pub fn esc(s: &str) -> String {
    let s = s.trim_end_matches(['\n', '\r']);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let alnum = |i: Option<&char>| i.is_some_and(|c| c.is_alphanumeric());
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i == 0 { None } else { chars.get(i - 1) };
        let next = chars.get(i + 1);
        let spaced_next = next.is_none_or(|n| n.is_whitespace());
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '_' if !(alnum(prev) && alnum(next)) => out.push_str("\\_"),
            '#' if prev.is_none_or(|p| p.is_whitespace()) => out.push_str("\\#"),
            '-' | '+' | '=' if i == 0 && spaced_next => {
                out.push('\\');
                out.push(c);
            }
            '&' => {
                let rest: String = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                    .collect();
                let entity =
                    !rest.is_empty() && chars.get(i + 1 + rest.chars().count()) == Some(&';');
                out.push_str(if entity { "&amp;" } else { "&" });
            }
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    // "1. text" at the start would become an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let mut after = out[digits..].chars();
    if digits > 0
        && matches!(after.next(), Some('.') | Some(')'))
        && after.next().is_none_or(char::is_whitespace)
    {
        out.insert(digits, '\\');
    }
    out
}

/// A code span that survives any backticks and pipes in `s`.
fn code_span(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    let longest = clean.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if clean.starts_with('`') || clean.ends_with('`') || clean.is_empty() {
        " "
    } else {
        ""
    };
    // Inside a table a pipe ends the cell even in a code span: GFM needs it escaped.
    let body = clean.replace('|', "\\|");
    format!("{fence}{pad}{body}{pad}{fence}")
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
            Inline::Text(s) => out.push_str(&esc(s)),
            Inline::Strong(s) if !s.trim().is_empty() => {
                let _ = write!(out, "**{}**", esc(s.trim()));
            }
            Inline::Strong(_) => {}
            Inline::Code(s) => out.push_str(&code_span(s)),
            Inline::Rating(r) => {
                let _ = write!(out, "**{}**", esc(r.letter()));
            }
            Inline::Badge(t, s) => {
                let _ = write!(out, "{}{}", mark(*t), esc(s));
            }
            Inline::Struck(s) if !s.trim().is_empty() => {
                let _ = write!(out, "~~{}~~", esc(s.trim()));
            }
            Inline::Struck(_) => {}
        }
    }
    out
}

fn table(out: &mut String, head: &[String], rows: &[Vec<String>], numeric: &[bool]) {
    let num = |i: usize| numeric.get(i).copied().unwrap_or(false);
    out.push('|');
    for h in head {
        let _ = write!(out, " {} |", esc(h));
    }
    out.push_str("\n|");
    for i in 0..head.len() {
        out.push_str(if num(i) { " ---: |" } else { " --- |" });
    }
    out.push('\n');
    for row in rows {
        out.push('|');
        for i in 0..head.len() {
            let cell = row.get(i).map(String::as_str).unwrap_or("");
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn chart(out: &mut String, c: &Chart) {
    let mut head = vec![c.turn_label.clone()];
    head.extend(c.series.iter().map(|s| s.name.clone()));
    let rows: Vec<Vec<String>> = c
        .turns
        .iter()
        .enumerate()
        .map(|(i, turn)| {
            let mut row = vec![turn.to_string()];
            for s in &c.series {
                let v = s.values.get(i).copied().unwrap_or(0);
                row.push(if !s.has(i) {
                    "—".to_string()
                } else if s.emphasis {
                    format!("**{v}**")
                } else {
                    v.to_string()
                });
            }
            row
        })
        .collect();
    let numeric = vec![true; head.len()];
    table(out, &head, &rows, &numeric);
}

/// Renders the document as Markdown.
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let marking = doc
        .handling
        .as_deref()
        .map(|h| format!("**{}**", esc(h.trim())));
    if let Some(m) = &marking {
        let _ = writeln!(out, "{m}\n");
    }
    for b in &doc.blocks {
        block(&mut out, b);
    }
    let _ = writeln!(out, "---\n\n{}", esc(&doc.footer));
    if let Some(m) = &marking {
        let _ = writeln!(out, "\n{m}");
    }
    out
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Heading { level, text, .. } => {
            let l = usize::from((*level).clamp(1, 6));
            let _ = writeln!(out, "{} {}\n", "#".repeat(l), esc(text));
        }
        Block::Para(items) => {
            let _ = writeln!(out, "{}\n", inlines(items));
        }
        Block::Callout(t, items) => {
            let m = mark(*t).trim_end();
            let body = inlines(items);
            if m.is_empty() {
                let _ = writeln!(out, "> {body}\n");
            } else {
                let _ = writeln!(out, "> **{m}** {body}\n");
            }
        }
        Block::Facts(rows) => {
            for (label, value) in rows {
                let _ = writeln!(out, "- **{}:** {}", esc(label), inlines(value));
            }
            out.push('\n');
        }
        Block::Table {
            head,
            rows,
            numeric,
            ..
        } => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|c| inlines(c)).collect())
                .collect();
            table(out, head, &cells, numeric);
        }
        Block::List(items) => {
            for i in items {
                let _ = writeln!(out, "- {}", inlines(i));
            }
            out.push('\n');
        }
        Block::Code(s) => {
            let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            let body: String = s
                .chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .collect();
            let _ = writeln!(out, "{fence}sh\n{}\n{fence}\n", body.trim_end());
        }
        Block::Chart(c) => chart(out, c),
        Block::PageBreak => {}
        Block::Keep(blocks) => {
            for b in blocks {
                block(out, b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(esc("a|b <script>"), r"a\|b \<script\>");
        assert_eq!(esc("1. not a list"), r"1\. not a list");
        assert_eq!(esc("- nor this"), r"\- nor this");
        assert_eq!(esc("two\nlines"), "two<br>lines");
        assert_eq!(esc("&lt;"), "&amp;lt;");
        assert_eq!(
            esc("ATT&CK 0.5 drill_opened _x_ #1 a #b"),
            r"ATT&CK 0.5 drill_opened \_x\_ \#1 a \#b"
        );
        assert_eq!(esc("-5 and - x"), "-5 and - x");
        assert_eq!(code_span("a`b|c"), r"``a`b\|c``");
    }
}
