//! The MSEL (master scenario events list) both ways: `kunren msel export` writes a scenario's
//! injects as the spreadsheet exercise planners keep (HSEEP / CISA CTEP columns), and
//! `kunren msel import` applies an edited sheet back to the scenario file, rewriting only the
//! fields of the injects that changed: comments, layout and everything else in the file stay
//! byte for byte.
//!
//! Editable columns: `summary` (the inject's title), `message` (its text), `from`, `players`
//! (its recipients, `;`-separated role ids), `delivery` (its channel), `trigger` (RON, e.g.
//! `At(3)`, `After("edr-alert", 1)`, `When(Known("phish"))`) and `contingency` (`yes`/`no`).
//! The other columns are for reading and are ignored on import.

use std::fmt::Write as _;

use crate::i18n::diagnostics::{D, Msg, msg};
use crate::scenario::source::Source;
use crate::scenario::{Activation, Bundle, Channel, Diagnostic, Scenario, Trigger};

/// The sheet's columns, in order.
pub const COLUMNS: [&str; 17] = [
    "event",
    "inject_id",
    "turn",
    "scenario_time",
    "trigger",
    "summary",
    "message",
    "from",
    "controller",
    "players",
    "delivery",
    "decision",
    "expected_action",
    "objective",
    "capability",
    "contingency",
    "notes",
];

fn channel_name(c: Channel) -> String {
    format!("{c:?}")
}

fn trigger_text(t: &Trigger) -> String {
    let pretty = ron::ser::PrettyConfig::new()
        .compact_arrays(true)
        .new_line("".to_string())
        .indentor("".to_string())
        .separator(" ".to_string());
    ron::ser::to_string_pretty(t, pretty).unwrap_or_default()
}

/// The scenario's injects as an MSEL in CSV (UTF-8; with a byte-order mark when `bom`, so
/// that Excel shows Japanese).
pub fn export(bundle: &Bundle, bom: bool) -> Result<Vec<u8>, String> {
    let sc = &bundle.scenario;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).map_err(|e| e.to_string())?;
    for (n, inj) in sc.injects.iter().enumerate() {
        let (turn, time) = match inj.trigger {
            Trigger::At(t) => (
                t.to_string(),
                crate::report::text::scenario_time(crate::scoring::clock::opening_instant(
                    t,
                    sc.turn_minutes,
                )),
            ),
            _ => (String::new(), String::new()),
        };
        let expectations: Vec<_> = sc
            .expectations
            .iter()
            .filter(|e| matches!(&e.after, Activation::Inject(i) if *i == inj.id))
            .collect();
        let objectives: Vec<&str> = expectations.iter().map(|e| e.objective.as_str()).collect();
        let capabilities: Vec<&str> = objectives
            .iter()
            .filter_map(|o| {
                sc.objectives
                    .iter()
                    .find(|x| x.id == *o)
                    .and_then(|x| x.capability.as_deref())
            })
            .collect();
        let decision = inj.decision.as_ref().map_or(String::new(), |d| {
            let options: Vec<String> = d
                .options
                .iter()
                .map(|o| {
                    if o.id == d.default {
                        format!("{} (default)", o.id)
                    } else {
                        o.id.clone()
                    }
                })
                .collect();
            format!("{} [{}] — {}", d.prompt, d.owner, options.join(" / "))
        });
        let controller = if inj.contingency {
            "facilitator (fired by hand)"
        } else {
            "kunren (automatic)"
        };
        let row = [
            (n + 1).to_string(),
            inj.id.clone(),
            turn,
            time,
            trigger_text(&inj.trigger),
            inj.title.clone(),
            inj.text.clone(),
            inj.from.clone(),
            controller.to_string(),
            inj.to.join("; "),
            channel_name(inj.channel),
            decision,
            expectations
                .iter()
                .map(|e| e.title.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            dedup(objectives).join("; "),
            dedup(capabilities).join("; "),
            if inj.contingency { "yes" } else { "no" }.to_string(),
            inj.todo.clone().unwrap_or_default(),
        ];
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    let body = w.into_inner().map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(body.len() + 3);
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    out.extend(body);
    Ok(out)
}

fn dedup(mut v: Vec<&str>) -> Vec<&str> {
    let mut seen = std::collections::BTreeSet::new();
    v.retain(|x| seen.insert(*x));
    v
}

/// A change to one field of one inject: the byte range of its value (or the insertion point
/// for a missing field) and the new RON text.
#[derive(Debug, Clone)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The scenario's new text (equal to the old when nothing changed).
    pub text: String,
    /// Injects updated, by id, with the fields changed.
    pub changed: Vec<(String, Vec<&'static str>)>,
    /// Problems, each naming the sheet's row and column.
    pub diagnostics: Vec<Diagnostic>,
}

/// A bad cell: the message names the sheet's row (as a spreadsheet numbers it, the header
/// being row 1) and the column; the location is the row's line in the file.
fn cell_error(sheet: &str, row: usize, line: usize, column: &str, msg: Msg) -> Diagnostic {
    Diagnostic::error(
        "K0401",
        sheet,
        msg!(msel_cell, row = row, column = column, msg = msg),
    )
    .at((line, 1))
}

/// Applies the sheet `csv_bytes` (file name `sheet` for diagnostics) to the scenario whose
/// source is `src` and parsed form `sc`.
pub fn import(csv_bytes: &[u8], sheet: &str, src: &Source, sc: &Scenario) -> Imported {
    let mut out = Imported {
        text: src.text.clone(),
        ..Imported::default()
    };
    let bytes = csv_bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv_bytes);
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = match r.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            out.diagnostics.push(Diagnostic::error(
                "K0403",
                sheet,
                msg!(msel_unreadable, error = e.to_string()),
            ));
            return out;
        }
    };
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let Some(id_col) = col("inject_id") else {
        out.diagnostics.push(
            Diagnostic::error("K0403", sheet, D::msel_no_id_column)
                .at((1, 1))
                .help(D::msel_no_id_column_help),
        );
        return out;
    };
    let spans = inject_spans(&src.text);
    let mut edits: Vec<Edit> = Vec::new();
    for (k, rec) in r.records().enumerate() {
        let row = k + 2;
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(row, |p| p.line() as usize);
                out.diagnostics.push(cell_error(
                    sheet,
                    row,
                    line,
                    "-",
                    msg!(msel_bad_row, error = e.to_string()),
                ));
                continue;
            }
        };
        let line = rec.position().map_or(row, |p| p.line() as usize);
        let get = |name: &str| col(name).and_then(|c| rec.get(c).map(|v| (line, v)));
        let id = rec.get(id_col).unwrap_or("").trim();
        if id.is_empty() {
            continue;
        }
        let Some((i, inj)) = sc.injects.iter().enumerate().find(|(_, x)| x.id == id) else {
            out.diagnostics.push(
                cell_error(sheet, row, line, "inject_id", msg!(msel_no_inject, id = id))
                    .help(D::msel_no_inject_help),
            );
            continue;
        };
        let Some(&(start, end)) = spans.get(i) else {
            continue;
        };
        let mut changed = Vec::new();
        let mut want = inj.clone();
        if let Some((_, v)) = get("summary") {
            want.title = v.to_string();
        }
        if let Some((_, v)) = get("message") {
            want.text = v.to_string();
        }
        if let Some((_, v)) = get("from") {
            want.from = v.to_string();
        }
        if let Some((_, v)) = get("players") {
            want.to = v
                .split([';', ','])
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect();
        }
        if let Some((c, v)) = get("delivery") {
            match ron::from_str::<Channel>(v.trim()) {
                Ok(ch) => want.channel = ch,
                Err(_) => out.diagnostics.push(cell_error(
                    sheet,
                    row,
                    c,
                    "delivery",
                    msg!(msel_unknown_channel, value = v.trim()),
                )),
            }
        }
        if let Some((c, v)) = get("trigger") {
            match ron::from_str::<Trigger>(v.trim()) {
                Ok(t) => want.trigger = t,
                Err(e) => out.diagnostics.push(cell_error(
                    sheet,
                    row,
                    c,
                    "trigger",
                    msg!(msel_bad_trigger, error = e.to_string()),
                )),
            }
        }
        if let Some((c, v)) = get("contingency") {
            match v.trim().to_ascii_lowercase().as_str() {
                "yes" | "true" | "y" | "1" | "はい" => want.contingency = true,
                "no" | "false" | "n" | "0" | "" | "いいえ" => want.contingency = false,
                other => out.diagnostics.push(cell_error(
                    sheet,
                    row,
                    c,
                    "contingency",
                    msg!(msel_not_yes_no, value = other),
                )),
            }
        }
        let mut field = |name: &'static str, text: String, differs: bool, default_absent: bool| {
            if !differs {
                return;
            }
            changed.push(name);
            match field_value_span(&src.text, start, end, name) {
                Some((a, b)) => edits.push(Edit {
                    start: a,
                    end: b,
                    text,
                }),
                None if default_absent => {
                    // Insert before the closing parenthesis, after any trailing comma.
                    let close = end - 1;
                    let head = src.text[..close].trim_end();
                    let sep = if head.ends_with(',') || head.ends_with('(') {
                        " "
                    } else {
                        ", "
                    };
                    edits.push(Edit {
                        start: head.len(),
                        end: head.len(),
                        text: format!("{sep}{name}: {text}"),
                    });
                }
                None => {}
            }
        };
        field(
            "title",
            ron_string(&want.title),
            want.title != inj.title,
            false,
        );
        field("text", ron_string(&want.text), want.text != inj.text, false);
        field("from", ron_string(&want.from), want.from != inj.from, true);
        field("to", ron_list(&want.to), want.to != inj.to, false);
        field(
            "channel",
            channel_name(want.channel),
            want.channel != inj.channel,
            false,
        );
        field(
            "trigger",
            trigger_text(&want.trigger),
            want.trigger != inj.trigger,
            false,
        );
        field(
            "contingency",
            want.contingency.to_string(),
            want.contingency != inj.contingency,
            true,
        );
        if !changed.is_empty() {
            out.changed.push((inj.id.clone(), changed));
        }
    }
    if !out.diagnostics.is_empty() {
        return out;
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.start));
    for e in edits {
        out.text.replace_range(e.start..e.end, &e.text);
    }
    out
}

fn ron_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn ron_list(items: &[String]) -> String {
    let mut out = String::from("[");
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{}", ron_string(x));
    }
    out.push(']');
    out
}

/// Skips a string literal or comment at `i`, returning the index after it (or `i` when there
/// is none).
fn skip_literal(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => {
            let mut j = i + 1;
            while j < b.len() {
                match b[j] {
                    b'\\' => j += 2,
                    b'"' => return j + 1,
                    _ => j += 1,
                }
            }
            b.len()
        }
        Some(b'/') if b.get(i + 1) == Some(&b'/') => {
            let mut j = i;
            while j < b.len() && b[j] != b'\n' {
                j += 1;
            }
            j
        }
        Some(b'/') if b.get(i + 1) == Some(&b'*') => {
            let mut j = i + 2;
            while j + 1 < b.len() && !(b[j] == b'*' && b[j + 1] == b'/') {
                j += 1;
            }
            (j + 2).min(b.len())
        }
        _ => i,
    }
}

/// The bytes of `text[from..to]` outside string literals and comments, each with the bracket
/// depth before it (relative to `from`): the one scanner the span finders share.
struct Structure<'a> {
    b: &'a [u8],
    i: usize,
    end: usize,
    depth: i32,
}

impl<'a> Structure<'a> {
    fn new(text: &'a str, from: usize, to: usize) -> Self {
        Structure {
            b: text.as_bytes(),
            i: from,
            end: to.min(text.len()),
            depth: 0,
        }
    }
}

impl Iterator for Structure<'_> {
    /// (byte offset, byte, depth before it).
    type Item = (usize, u8, i32);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.i >= self.end {
                return None;
            }
            let j = skip_literal(self.b, self.i);
            if j != self.i {
                self.i = j;
                continue;
            }
            let (at, c, depth) = (self.i, self.b[self.i], self.depth);
            match c {
                b'(' | b'[' => self.depth += 1,
                b')' | b']' => self.depth -= 1,
                _ => {}
            }
            self.i += 1;
            return Some((at, c, depth));
        }
    }
}

/// True when `key` starts at `at` as a whole word followed by a colon.
fn key_at(text: &str, at: usize, key: &str) -> bool {
    let b = text.as_bytes();
    text[at..].starts_with(key)
        && (at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_'))
        && text[at + key.len()..].trim_start().starts_with(':')
}

/// The byte range `Inject(` … `)` of every inject of the scenario's `injects` list, in order.
fn inject_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // The `injects:` key at the scenario's top level (depth 1).
    let Some(list) = Structure::new(text, 0, text.len())
        .find(|&(at, _, depth)| depth == 1 && key_at(text, at, "injects"))
        .and_then(|(at, _, _)| text[at..].find('[').map(|k| at + k + 1))
    else {
        return out;
    };
    let mut item_start = None;
    for (at, c, depth) in Structure::new(text, list, text.len()) {
        match c {
            b'(' if depth == 0 => {
                // The item's name precedes its parenthesis.
                let name_start = text[..at]
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(0, |k| k + 1);
                item_start = Some(name_start);
            }
            b')' | b']' if depth == 0 => break,
            b')' | b']' if depth == 1 => {
                if let Some(s) = item_start.take() {
                    out.push((s, at + 1));
                }
            }
            _ => {}
        }
    }
    out
}

/// The byte range of the value of `field` at the top level of the item spanning
/// `start..end` (`Inject(` … `)`).
fn field_value_span(text: &str, start: usize, end: usize, field: &str) -> Option<(usize, usize)> {
    let open = start + text[start..end].find('(')?;
    let (at, _, _) = Structure::new(text, open + 1, end)
        .find(|&(at, _, depth)| depth == 0 && key_at(text, at, field))?;
    let colon = at + field.len() + text[at + field.len()..].find(':')?;
    let v = colon + 1 + (text[colon + 1..end].len() - text[colon + 1..end].trim_start().len());
    // The value runs to the next comma or closing bracket at its own depth.
    let stop = Structure::new(text, v, end)
        .find(|&(_, c, depth)| depth == 0 && matches!(c, b',' | b')' | b']'))
        .map_or(end, |(k, _, _)| k);
    Some((v, v + text[v..stop].trim_end().len()))
}

/// Checks that the imported text parses as the same kind of scenario, returning it.
pub fn reparse(text: &str, path: &str) -> Result<Scenario, Box<Diagnostic>> {
    crate::scenario::load::parse_source::<Scenario>(&Source::new(path, text))
}
