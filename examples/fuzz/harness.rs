//! The fuzz harness: structure-aware mutation of kunren's inputs, fed in-process to the loaders,
//! `verify`, `replay` and `report`, with every panic caught, counted and its input saved.
//!
//! Shared by `examples/fuzz/main.rs` (the maintainer's long runs) and the test suite's bounded
//! run (`tests/integration/fuzz_smoke.rs`), so that both exercise exactly the same code.
//!
//! * **Loaders**: the shipped scenarios, organisations, actions script, catalogue and regimes
//!   (and the test fixtures) are tokenised as RON and mutated: numbers pushed to extremes,
//!   strings replaced by control characters, paths, huge or empty text, identifiers swapped,
//!   fields dropped or duplicated, items duplicated, deleted or nested deeper, bytes flipped,
//!   the text cut. Each mutant is parsed and validated; a scenario or organisation that still
//!   loads is played to its end by an automatic player (and now and then rehearsed), a script
//!   is checked and played against its scenario.
//! * **Journals**: journals written by real drills (every shipped scenario with the expert,
//!   random and idle players, a scripted drill, a signed one) and the journal fixtures are
//!   mutated record by record: `turn`, `ts`, `seq`, kinds, actors and body values changed to
//!   extremes, records swapped, duplicated or dropped; most mutants then get their hash chain,
//!   Merkle roots and signatures recomputed so that they reach past the integrity checks. Each
//!   is verified; one that verifies is modelled and rendered as a report (Markdown, HTML, JSON,
//!   redacted) and replayed against its scenario.

#![allow(dead_code)]

use std::cell::Cell;
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once};

use ed25519_dalek::{Signer, SigningKey};
use kunren::journal::{self, Record, RecordKind};
use kunren::scenario::load::{self, Bundle, bundle_from_parts, parse_source};
use kunren::scenario::script::Script;
use kunren::scenario::{Catalogue, Org, Regime, Scenario, Source, validate};
use serde_json::Value;

/// What to fuzz.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Scenario, organisation, script, catalogue and regime loaders (and the engine on what loads).
    Loaders,
    /// `verify`, `report` and `replay` on journals.
    Journal,
}

impl Target {
    /// The name used on the command line and in saved file names.
    pub fn name(self) -> &'static str {
        match self {
            Target::Loaders => "loaders",
            Target::Journal => "journal",
        }
    }
}

/// A small, fast, seeded generator (SplitMix64): the same seed gives the same cases.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// RON mutation

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Space,
    Comment,
    Str,
    Num,
    Ident,
    Punct,
}

fn tokenize(text: &str) -> Vec<(Tok, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let kind = if c.is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            Tok::Space
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            Tok::Comment
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(chars.len());
            Tok::Str
        } else if c.is_ascii_digit()
            || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || ".+-_".contains(chars[i]))
            {
                if (chars[i] == '+' || chars[i] == '-') && !matches!(chars[i - 1], 'e' | 'E') {
                    break;
                }
                i += 1;
            }
            Tok::Num
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            Tok::Ident
        } else {
            i += 1;
            Tok::Punct
        };
        out.push((kind, chars[start..i].iter().collect()));
    }
    out
}

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "255",
    "65535",
    "4294967295",
    "4294967296",
    "2147483647",
    "-2147483648",
    "9223372036854775807",
    "18446744073709551615",
    "99999999999999999999999",
    "0.5",
    "1.5",
    "-0.0",
    "1e308",
    "-1e308",
    "1e-320",
    "NaN",
    "inf",
    "-inf",
];

const IDENTS: &[&str] = &[
    "None",
    "Some",
    "true",
    "false",
    "At",
    "After",
    "When",
    "All",
    "Any",
    "Not",
    "Always",
    "EveryTurn",
    "Once",
    "AtEnd",
    "Impact",
    "Hunt",
    "Turn",
    "Flag",
    "Start",
    "Inject",
    "Asset",
    "Regime",
    "Supplier",
    "Stated",
    "Target",
    "Scenario",
    "Org",
];

fn weird_string(rng: &mut Rng, tokens: &[(Tok, String)]) -> String {
    match rng.below(12) {
        0 => r#""\x1b[2J\x1b[1A\rVALID AND SEALED""#.into(),
        1 => r#""\u{9b}31m\u{7}\u{0}""#.into(),
        2 => r#""\u{202e}evil\u{2066}""#.into(),
        3 => "\"\"".into(),
        4 => format!("\"{}\"", "A".repeat(1 + rng.below(20_000))),
        5 => "\"../../../../../etc/passwd\"".into(),
        6 => "\"/dev/zero\"".into(),
        7 => "\"日本語のテキスト\\n二行目\"".into(),
        8 => "\"9999-12-31T23:59:59Z\"".into(),
        9 => format!("\"{}\"", "-".repeat(1 + rng.below(40))),
        _ => {
            let strings: Vec<&String> = tokens
                .iter()
                .filter(|(k, _)| *k == Tok::Str)
                .map(|(_, s)| s)
                .collect();
            if strings.is_empty() {
                "\"x\"".into()
            } else {
                (*rng.pick(&strings)).clone()
            }
        }
    }
}

/// Index of the next non-space, non-comment token at or after `i`.
fn next_solid(tokens: &[(Tok, String)], mut i: usize) -> Option<usize> {
    while i < tokens.len() {
        if !matches!(tokens[i].0, Tok::Space | Tok::Comment) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The index of the bracket closing the one opened at `open`.
fn matching(tokens: &[(Tok, String)], open: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (j, (k, t)) in tokens.iter().enumerate().skip(open) {
        if *k != Tok::Punct {
            continue;
        }
        match t.as_str() {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

/// End (exclusive) of the value starting at `i`: before the next `,` or closing bracket at
/// depth 0, including that comma.
fn value_end(tokens: &[(Tok, String)], i: usize) -> usize {
    let mut depth = 0i32;
    for (j, (k, t)) in tokens.iter().enumerate().skip(i) {
        if *k != Tok::Punct {
            continue;
        }
        match t.as_str() {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                if depth == 0 {
                    return j;
                }
                depth -= 1;
            }
            "," if depth == 0 => return j + 1,
            _ => {}
        }
    }
    tokens.len()
}

/// Indices of tokens of a kind.
fn indices(tokens: &[(Tok, String)], kind: Tok) -> Vec<usize> {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| *k == kind)
        .map(|(i, _)| i)
        .collect()
}

/// Identifiers followed by `:` (fields) or `(` (groups).
fn followed_by(tokens: &[(Tok, String)], punct: &str) -> Vec<usize> {
    indices(tokens, Tok::Ident)
        .into_iter()
        .filter(|&i| next_solid(tokens, i + 1).is_some_and(|j| tokens[j].1 == punct))
        .collect()
}

/// One structure-aware mutation of RON text.
pub fn mutate_ron(text: &str, rng: &mut Rng) -> String {
    let mut tokens = tokenize(text);
    if tokens.is_empty() {
        return "Scenario(".into();
    }
    match rng.below(13) {
        0 | 1 => {
            let nums = indices(&tokens, Tok::Num);
            if !nums.is_empty() {
                let i = *rng.pick(&nums);
                tokens[i].1 = (*rng.pick(NUMBERS)).to_string();
            }
        }
        2 | 3 => {
            let strs = indices(&tokens, Tok::Str);
            if !strs.is_empty() {
                let i = *rng.pick(&strs);
                tokens[i].1 = weird_string(rng, &tokens);
            }
        }
        4 => {
            let ids = indices(&tokens, Tok::Ident);
            if !ids.is_empty() {
                let i = *rng.pick(&ids);
                tokens[i].1 = if rng.one_in(2) {
                    (*rng.pick(IDENTS)).to_string()
                } else {
                    tokens[*rng.pick(&ids)].1.clone()
                };
            }
        }
        5 | 6 => {
            // Drop a field.
            let fields = followed_by(&tokens, ":");
            if !fields.is_empty() {
                let i = *rng.pick(&fields);
                let colon = next_solid(&tokens, i + 1).unwrap_or(i);
                let end = value_end(&tokens, colon + 1);
                tokens.drain(i..end);
            }
        }
        7 => {
            // Duplicate a field.
            let fields = followed_by(&tokens, ":");
            if !fields.is_empty() {
                let i = *rng.pick(&fields);
                let colon = next_solid(&tokens, i + 1).unwrap_or(i);
                let end = value_end(&tokens, colon + 1);
                let mut copy: Vec<_> = tokens[i..end].to_vec();
                if copy.last().is_none_or(|(_, t)| t != ",") {
                    copy.insert(0, (Tok::Punct, ",".into()));
                }
                tokens.splice(end..end, copy);
            }
        }
        8 => {
            // Duplicate an item (a list element, usually).
            let groups = followed_by(&tokens, "(");
            if !groups.is_empty() {
                let i = *rng.pick(&groups);
                let open = next_solid(&tokens, i + 1).unwrap_or(i);
                if let Some(close) = matching(&tokens, open) {
                    let mut copy = vec![(Tok::Punct, ",".to_string())];
                    copy.extend_from_slice(&tokens[i..=close]);
                    let times = 1 + rng.below(3);
                    for _ in 0..times {
                        tokens.splice(close + 1..close + 1, copy.clone());
                    }
                }
            }
        }
        9 => {
            // Delete an item.
            let groups = followed_by(&tokens, "(");
            if !groups.is_empty() {
                let i = *rng.pick(&groups);
                let open = next_solid(&tokens, i + 1).unwrap_or(i);
                if let Some(close) = matching(&tokens, open) {
                    let mut end = close + 1;
                    if next_solid(&tokens, end).is_some_and(|j| tokens[j].1 == ",") {
                        end = next_solid(&tokens, end).map_or(end, |j| j + 1);
                    }
                    tokens.drain(i..end);
                }
            }
        }
        10 => {
            // Nest an item deeper (conditions: Not(Not(...))).
            let groups = followed_by(&tokens, "(");
            if !groups.is_empty() {
                let i = *rng.pick(&groups);
                let open = next_solid(&tokens, i + 1).unwrap_or(i);
                if let Some(close) = matching(&tokens, open) {
                    let depth = 1 + rng.below(70);
                    let wrap = if rng.one_in(2) { "Not(" } else { "All([" };
                    let shut = if wrap == "Not(" { ")" } else { "])" };
                    tokens.insert(close + 1, (Tok::Punct, shut.repeat(depth)));
                    tokens.insert(i, (Tok::Punct, wrap.repeat(depth)));
                }
            }
        }
        11 => {
            let cut = rng.below(tokens.len());
            tokens.truncate(cut);
        }
        _ => {
            // Raw bytes.
            let mut bytes: Vec<u8> = tokens.iter().flat_map(|(_, t)| t.bytes()).collect();
            for _ in 0..1 + rng.below(4) {
                if bytes.is_empty() {
                    break;
                }
                let i = rng.below(bytes.len());
                match rng.below(3) {
                    0 => bytes[i] = rng.next_u64() as u8,
                    1 => {
                        bytes.remove(i);
                    }
                    _ => bytes.insert(i, rng.next_u64() as u8),
                }
            }
            return String::from_utf8_lossy(&bytes).into_owned();
        }
    }
    tokens.into_iter().map(|(_, t)| t).collect()
}

// ---------------------------------------------------------------------------------------------
// Journal mutation

const TIMESTAMPS: &[&str] = &[
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59.999Z",
    "0000-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "-9999-01-01T00:00:00Z",
    "+10000-01-01T00:00:00Z",
    "2026-13-45T99:99:99Z",
    "2026-04-03T09:15:02+09:00",
    "2026-04-03T09:15:02",
    "",
    "\u{1b}[2J",
];

fn extreme_json(rng: &mut Rng) -> Value {
    match rng.below(12) {
        0 => Value::from(u64::MAX),
        1 => Value::from(i64::MIN),
        2 => Value::from(u32::MAX),
        3 => Value::from(i32::MAX),
        4 => Value::from(-1),
        5 => Value::from(0),
        6 => serde_json::json!(1e308),
        7 => serde_json::json!(-1e308),
        8 => Value::from(0.5),
        9 => Value::Null,
        10 => Value::from(true),
        _ => Value::from(2),
    }
}

fn weird_json_string(rng: &mut Rng) -> Value {
    Value::from(match rng.below(8) {
        0 => "\u{1b}[2J\u{1b}[1A\rVALID AND SEALED".to_string(),
        1 => "\u{9b}31m\u{0}".to_string(),
        2 => String::new(),
        3 => "A".repeat(1 + rng.below(50_000)),
        4 => (*rng.pick(TIMESTAMPS)).to_string(),
        5 => "../../../../../etc/passwd".to_string(),
        6 => "日本語".to_string(),
        _ => "exec".to_string(),
    })
}

/// Changes one value somewhere inside `v`.
fn mutate_value(v: &mut Value, rng: &mut Rng, depth: usize) {
    let descend = depth < 8 && rng.below(3) != 0;
    match v {
        Value::Object(map) if descend && !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = rng.pick(&keys).clone();
            match rng.below(10) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert("unexpected".into(), extreme_json(rng));
                }
                _ => {
                    if let Some(child) = map.get_mut(&key) {
                        mutate_value(child, rng, depth + 1);
                    }
                }
            }
        }
        Value::Array(items) if descend && !items.is_empty() => match rng.below(6) {
            0 => {
                let i = rng.below(items.len());
                items.remove(i);
            }
            1 => {
                let i = rng.below(items.len());
                let copy = items[i].clone();
                items.insert(i, copy);
            }
            _ => {
                let i = rng.below(items.len());
                mutate_value(&mut items[i], rng, depth + 1);
            }
        },
        Value::Number(_) => *v = extreme_json(rng),
        Value::String(_) => {
            *v = if rng.one_in(4) {
                extreme_json(rng)
            } else {
                weird_json_string(rng)
            }
        }
        Value::Bool(b) => *b = !*b,
        _ => {
            *v = if rng.one_in(2) {
                extreme_json(rng)
            } else {
                weird_json_string(rng)
            }
        }
    }
}

/// One mutation of a journal's records.
pub fn mutate_records(records: &mut Vec<Record>, rng: &mut Rng) {
    if records.is_empty() {
        return;
    }
    let n = records.len();
    let i = if rng.one_in(6) { 0 } else { rng.below(n) };
    // Body values most often: `verify` refuses turns and times that go back, so a changed
    // body is what most often reaches `report` and `replay`.
    match rng.below(16) {
        0 => {
            records[i].turn = match rng.below(6) {
                0 => u32::MAX,
                1 => 0,
                2 => records[i].turn.saturating_sub(1 + rng.below(4) as u32),
                3 => records[i].turn.saturating_add(1 + rng.below(4) as u32),
                _ => rng.below(40) as u32,
            }
        }
        1 => {
            // A later turn from here on: still never decreasing.
            let by = 1 + rng.below(3) as u32;
            for r in records.iter_mut().skip(i.max(1)) {
                r.turn = r.turn.saturating_add(by);
            }
        }
        2 => records[i].ts = (*rng.pick(TIMESTAMPS)).to_string(),
        3 => {
            // One extreme time from here on (never decreasing after it).
            let ts = *rng.pick(&TIMESTAMPS[..2]);
            for r in records.iter_mut().skip(i) {
                r.ts = ts.to_string();
            }
        }
        4..=10 => mutate_value(&mut records[i].body, rng, 0),
        11 => {
            let j = rng.below(n);
            records.swap(i, j);
        }
        12 => {
            let copy = records[i].clone();
            records.insert(rng.below(n + 1), copy);
        }
        13 => {
            records.remove(i);
        }
        14 => {
            let j = rng.below(n);
            if rng.one_in(2) {
                records[i].kind = records[j].kind;
            } else {
                records[i].actor = records[j].actor.clone();
            }
        }
        _ => {
            records[i].seq = match rng.below(3) {
                0 => u64::MAX,
                1 => records[i].seq.wrapping_add(1),
                _ => 0,
            }
        }
    }
}

/// Writes records as a journal: with `reseal`, renumbers `seq`, recomputes every `prev`, every
/// checkpoint's Merkle root and tree size, and re-signs checkpoints with `key`, so that the
/// mutation is the only thing wrong with the file.
pub fn write_journal(records: &mut [Record], reseal: bool, key: Option<&SigningKey>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut lines: Vec<Vec<u8>> = Vec::new();
    for (i, record) in records.iter_mut().enumerate() {
        if reseal {
            record.seq = i as u64;
            record.prev = lines.last().map_or_else(
                || journal::ZERO_PREV.to_string(),
                |l| journal::sha256_hex(l),
            );
            if record.kind == RecordKind::Checkpoint
                && let Value::Object(body) = &mut record.body
            {
                let root = hex::encode(journal::merkle::root_of(lines.iter().map(Vec::as_slice)));
                body.insert("tree_size".into(), Value::from(i as u64));
                body.insert("root".into(), Value::from(root.clone()));
                if let Some(key) = key
                    && body.get("signature").is_some_and(|s| !s.is_null())
                {
                    let sig = key.sign(&journal::checkpoint_message(i as u64, &root));
                    body.insert("signature".into(), Value::from(hex::encode(sig.to_bytes())));
                }
            }
        }
        let line = record.to_line().unwrap_or_default();
        out.extend_from_slice(&line);
        out.push(b'\n');
        lines.push(line);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The corpus

/// Which loader a seed file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A scenario, with the index of its organisation in [`Corpus::orgs`].
    Scenario(usize),
    /// An organisation, with the index of a scenario that uses it in [`Corpus::scenarios`].
    Org(usize),
    /// An actions script, with the index of the bundle it plays in [`Corpus::bundles`].
    Script(usize),
    /// An action catalogue.
    Catalogue,
    /// A regime.
    Regime,
}

/// One authored seed file.
#[derive(Debug, Clone)]
pub struct Seed {
    /// What it is.
    pub kind: Kind,
    /// Its path (for diagnostics and saved inputs).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// One journal seed.
#[derive(Clone)]
pub struct JournalSeed {
    /// Where it came from.
    pub name: String,
    /// Its records.
    pub records: Vec<Record>,
    /// The key that signed it, if any.
    pub key: Option<SigningKey>,
}

/// Everything the fuzzer starts from.
pub struct Corpus {
    /// Authored seed files.
    pub seeds: Vec<Seed>,
    /// Parsed scenarios by seed index (for pairing with mutated organisations).
    pub scenarios: Vec<(Scenario, Source)>,
    /// Parsed organisations (for pairing with mutated scenarios).
    pub orgs: Vec<(Org, Source)>,
    /// Loaded bundles of the shipped scenarios (for scripts and replay).
    pub bundles: Vec<Arc<Bundle>>,
    /// Journals.
    pub journals: Vec<JournalSeed>,
}

fn text_of(path: &str) -> Option<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(path)).ok()
}

/// Builds the corpus: the shipped and fixture files, and journals of real drills written in
/// `work` (a scratch folder).
pub fn corpus(work: &Path) -> Corpus {
    let mut c = Corpus {
        seeds: Vec::new(),
        scenarios: Vec::new(),
        orgs: Vec::new(),
        bundles: Vec::new(),
        journals: Vec::new(),
    };
    let pairs: &[(&str, &str)] = &[
        (
            "scenarios/defence-contractor-double-extortion.ron",
            "assets/orgs/defence-contractor.ron",
        ),
        (
            "scenarios/hospital-ransomware.ron",
            "assets/orgs/national-hospital.ron",
        ),
        (
            "scenarios/hospital-ransomware-ja.ron",
            "assets/orgs/national-hospital-ja.ron",
        ),
        (
            "scenarios/examples/water-utility-ot.ron",
            "scenarios/examples/water-utility-org.ron",
        ),
        (
            "tests/fixtures/valid/mini-scenario.ron",
            "tests/fixtures/valid/mini-org.ron",
        ),
        (
            "tests/fixtures/tui/scenario.ron",
            "tests/fixtures/tui/org.ron",
        ),
    ];
    for (s, o) in pairs {
        let (Some(st), Some(ot)) = (text_of(s), text_of(o)) else {
            continue;
        };
        let (ss, os) = (Source::new(*s, st), Source::new(*o, ot));
        let (Ok(sc), Ok(org)) = (parse_source::<Scenario>(&ss), parse_source::<Org>(&os)) else {
            continue;
        };
        let idx = c.scenarios.len();
        c.seeds.push(Seed {
            kind: Kind::Scenario(idx),
            name: s.to_string(),
            text: ss.text.clone(),
        });
        c.seeds.push(Seed {
            kind: Kind::Org(idx),
            name: o.to_string(),
            text: os.text.clone(),
        });
        c.scenarios.push((sc, ss));
        c.orgs.push((org, os));
    }
    for e in load::SCENARIOS {
        if let Ok((b, _)) = load::load_bundle(e.path, None) {
            c.bundles.push(Arc::new(b));
        }
    }
    let hospital = c
        .bundles
        .iter()
        .position(|b| b.scenario_source.path.ends_with("hospital-ransomware.ron"))
        .unwrap_or(0);
    if let Some(t) = text_of("scenarios/examples/hospital-actions.ron") {
        c.seeds.push(Seed {
            kind: Kind::Script(hospital),
            name: "scenarios/examples/hospital-actions.ron".into(),
            text: t,
        });
    }
    c.seeds.push(Seed {
        kind: Kind::Catalogue,
        name: load::ACTIONS.path.into(),
        text: load::ACTIONS.text.into(),
    });
    for r in load::REGIMES {
        c.seeds.push(Seed {
            kind: Kind::Regime,
            name: r.path.into(),
            text: r.text.into(),
        });
    }
    c.journals = journals(work, &c.bundles, hospital);
    c
}

fn parse_journal(name: &str, bytes: &[u8], key: Option<SigningKey>) -> Option<JournalSeed> {
    let records: Option<Vec<Record>> = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| Record::from_line(l).ok())
        .collect();
    Some(JournalSeed {
        name: name.to_string(),
        records: records?,
        key,
    })
}

/// The key of the signed seed journal (fixed: the fuzzer re-signs its mutants with it).
pub fn fuzz_key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

fn journals(work: &Path, bundles: &[Arc<Bundle>], hospital: usize) -> Vec<JournalSeed> {
    use kunren::policy::{Expert, Idle, Policy, RandomPolicy, Scripted};
    use kunren::session::{Drill, DrillMeta};
    let mut out = Vec::new();
    for (name, bytes) in [
        (
            "golden.jsonl",
            &include_bytes!("../../tests/fixtures/journal/golden.jsonl")[..],
        ),
        (
            "expert-seed1.jsonl",
            &include_bytes!("../../tests/fixtures/journal/expert-seed1.jsonl")[..],
        ),
        (
            "v1-expert-seed1.jsonl",
            &include_bytes!("../../tests/fixtures/journal/v1-expert-seed1.jsonl")[..],
        ),
    ] {
        out.extend(parse_journal(name, bytes, None));
    }
    let script = text_of("scenarios/examples/hospital-actions.ron")
        .and_then(|t| parse_source::<Script>(&Source::new("actions.ron", t)).ok());
    let meta = DrillMeta {
        title: Some("Fuzz drill".into()),
        facilitator: "Fuzz Facilitator".into(),
        participants: vec![kunren::journal::Participant {
            name: "Ada".into(),
            role: "soc".into(),
        }],
        timezone: "Asia/Tokyo".into(),
        mode: "headless".into(),
        ..DrillMeta::default()
    };
    let mut n = 0;
    let mut play = |bundle: &Arc<Bundle>,
                    policy: &mut dyn Policy,
                    script: Option<&Script>,
                    key: Option<SigningKey>| {
        n += 1;
        let path = work.join(format!("seed-{n}.jsonl"));
        let _ = std::fs::remove_file(&path);
        let Ok(mut drill) = Drill::start(bundle.clone(), 1, &meta, Some(&path), key.clone()) else {
            return None;
        };
        let _ = kunren::headless::play_drill(&mut drill, policy, script, |_| {});
        let _ = drill.close("");
        let bytes = std::fs::read(&path).ok()?;
        parse_journal(&format!("{}-{n}", bundle.scenario.id), &bytes, key)
    };
    for b in bundles {
        out.extend(play(b, &mut Expert::default(), None, None));
        out.extend(play(b, &mut RandomPolicy::new(1), None, None));
        out.extend(play(b, &mut Idle, None, None));
    }
    if let Some(b) = bundles.first() {
        out.extend(play(b, &mut Expert::default(), None, Some(fuzz_key())));
    }
    if let (Some(b), Some(s)) = (bundles.get(hospital), script) {
        out.extend(play(b, &mut Scripted::new(s.clone()), Some(&s), None));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Running cases

thread_local! {
    static FUZZING: Cell<bool> = const { Cell::new(false) };
}

static LAST_PANIC: Mutex<Option<(String, String)>> = Mutex::new(None);
static HOOK: Once = Once::new();

/// Installs (once) a panic hook that, on a thread running fuzz cases, records the panic's
/// message and location quietly; on any other thread it behaves as before.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if FUZZING.with(Cell::get) {
                let location = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_else(|| "unknown".into());
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(no message)".into());
                if let Ok(mut last) = LAST_PANIC.lock() {
                    *last = Some((location, message));
                }
            } else {
                previous(info);
            }
        }));
    });
}

/// A panic found.
#[derive(Debug, Clone)]
pub struct Found {
    /// Which target.
    pub target: Target,
    /// Where it panicked (`file:line`).
    pub location: String,
    /// The panic message.
    pub message: String,
    /// How many cases hit this location.
    pub hits: u64,
    /// Files holding the first inputs that hit it.
    pub saved: Vec<PathBuf>,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Stats {
    /// Cases run, per target.
    pub cases: BTreeMap<&'static str, u64>,
    /// Cases whose mutant still loaded (loaders) or verified (journals), per target.
    pub deep: BTreeMap<&'static str, u64>,
    /// Panics, one entry per location.
    pub panics: Vec<Found>,
}

impl Stats {
    /// Total panicking cases.
    pub fn panic_cases(&self) -> u64 {
        self.panics.iter().map(|f| f.hits).sum()
    }
}

/// The inputs of one case, for saving when it panics.
struct Case {
    files: Vec<(String, Vec<u8>)>,
}

/// Runs one loader case; returns true when the mutant loaded.
fn loaders_case(corpus: &Corpus, rng: &mut Rng, case: &mut Case) -> bool {
    let seed = rng.pick(&corpus.seeds);
    let mut text = seed.text.clone();
    // Mostly one mutation, so that many mutants still load and reach the engine.
    let rounds = if rng.one_in(2) { 1 } else { 2 + rng.below(3) };
    for _ in 0..rounds {
        text = mutate_ron(&text, rng);
    }
    case.files
        .push((seed.name.clone(), text.clone().into_bytes()));
    let src = Source::new(seed.name.clone(), text);
    let play = rng.one_in(3);
    let rehearse = rng.one_in(200);
    // Every parser on every mutant: cheap, and a scenario may be fed as anything.
    if rng.one_in(4) {
        let _ = parse_source::<Scenario>(&src).map(drop);
        let _ = parse_source::<Org>(&src).map(drop);
        let _ = parse_source::<Script>(&src).map(drop);
        let _ = parse_source::<Catalogue>(&src).map(drop);
        let _ = parse_source::<Regime>(&src).map(drop);
    }
    let render = |d: &[kunren::scenario::Diagnostic], text: &str| {
        for x in d {
            let _ = x.render(Some(text));
        }
    };
    match seed.kind {
        Kind::Scenario(org) => {
            let (o, os) = corpus.orgs[org].clone();
            match parse_source::<Scenario>(&src) {
                Ok(sc) => finish_bundle(
                    bundle_from_parts(sc, src.clone(), o, os),
                    &src,
                    play,
                    rehearse,
                    rng,
                ),
                Err(d) => {
                    render(&[*d], &src.text);
                    false
                }
            }
        }
        Kind::Org(sc) => {
            let (s, ss) = corpus.scenarios[sc].clone();
            match parse_source::<Org>(&src) {
                Ok(org) => {
                    render(&validate::validate_org(&org, &src), &src.text);
                    finish_bundle(
                        bundle_from_parts(s, ss.clone(), org, src.clone()),
                        &ss,
                        play,
                        rehearse,
                        rng,
                    )
                }
                Err(d) => {
                    render(&[*d], &src.text);
                    false
                }
            }
        }
        Kind::Script(b) => match parse_source::<Script>(&src) {
            Ok(script) => {
                let _ = kunren::scenario::bounds::lint_control_chars(&script, &src);
                let Some(bundle) = corpus.bundles.get(b) else {
                    return true;
                };
                let mut engine = kunren::engine::Engine::new(bundle.clone(), 1);
                if kunren::policy::check_script(&script, &engine).is_ok() {
                    let mut p = kunren::policy::Scripted::new(script);
                    let _ = kunren::headless::play_out(&mut engine, &mut p, |_, r| {
                        let _ = kunren::headless::render_turn(r, bundle, 99);
                        Ok(())
                    });
                    let _ = kunren::headless::render_summary(&engine.summary());
                }
                true
            }
            Err(d) => {
                render(&[*d], &src.text);
                false
            }
        },
        Kind::Catalogue => match parse_source::<Catalogue>(&src) {
            Ok(cat) => {
                render(&validate::validate_catalogue(&cat, &src), &src.text);
                true
            }
            Err(d) => {
                render(&[*d], &src.text);
                false
            }
        },
        Kind::Regime => match parse_source::<Regime>(&src) {
            Ok(r) => {
                render(&validate::validate_regime(&r, &src), &src.text);
                true
            }
            Err(d) => {
                render(&[*d], &src.text);
                false
            }
        },
    }
}

fn finish_bundle(
    result: Result<(Bundle, Vec<kunren::scenario::Diagnostic>), load::LoadErrors>,
    src: &Source,
    play: bool,
    rehearse: bool,
    rng: &mut Rng,
) -> bool {
    match result {
        Ok((bundle, _warnings)) => {
            if rehearse {
                let _ = kunren::rehearsal::rehearse(bundle.clone(), src);
            }
            if play {
                use kunren::policy::{Expert, Idle, Policy, RandomPolicy};
                let bundle = Arc::new(bundle);
                let seed = rng.next_u64();
                let mut engine = kunren::engine::Engine::new(bundle.clone(), seed);
                let mut policy: Box<dyn Policy> = match rng.below(3) {
                    0 => Box::new(Expert::default()),
                    1 => Box::new(RandomPolicy::new(seed)),
                    _ => Box::new(Idle),
                };
                let max = bundle.scenario.max_turns;
                let _ = kunren::headless::play_out(&mut engine, policy.as_mut(), |_, r| {
                    let _ = kunren::headless::render_turn(r, &bundle, max);
                    Ok(())
                });
                let _ = kunren::headless::render_summary(&engine.summary());
            }
            true
        }
        Err(errs) => {
            let _ = errs.render();
            false
        }
    }
}

/// Runs one journal case; returns true when the mutant verified.
fn journal_case(corpus: &Corpus, rng: &mut Rng, case: &mut Case) -> bool {
    let seed = rng.pick(&corpus.journals);
    let mut records = seed.records.clone();
    for _ in 0..1 + rng.below(4) {
        mutate_records(&mut records, rng);
    }
    let reseal = !rng.one_in(4);
    let mut bytes = write_journal(&mut records, reseal, seed.key.as_ref());
    if rng.one_in(12) && !bytes.is_empty() {
        let cut = rng.below(bytes.len());
        bytes.truncate(cut);
    } else if rng.one_in(12) {
        bytes.extend(std::iter::repeat_n(0u8, 1 + rng.below(64)));
    }
    case.files
        .push((format!("{}.jsonl", seed.name), bytes.clone()));
    let pubkey = seed.key.as_ref().map(SigningKey::verifying_key);
    let v = journal::verify_bytes(&bytes, pubkey.as_ref(), None);
    let _ = v.render_text();
    let _ = v.render_json();
    if v.outcome == journal::VerifyOutcome::IntegrityFailure {
        return false;
    }
    if let Ok(mut model) = kunren::report::model_from_bytes(&bytes, "fuzz.jsonl") {
        let format = *rng.pick(&[
            kunren::report::Format::Md,
            kunren::report::Format::Html,
            kunren::report::Format::Json,
        ]);
        let _ = kunren::report::render(&model, format);
        if rng.one_in(4) {
            kunren::report::redact::redact(&mut model);
            let _ = kunren::report::render(&model, kunren::report::Format::Md);
        }
    }
    replay(corpus, &records);
    true
}

fn replay(corpus: &Corpus, records: &[Record]) {
    let Some(header) = records
        .first()
        .and_then(|r| r.body_as::<journal::Header>().ok())
    else {
        return;
    };
    if kunren::session::check_rules(&header).is_err() {
        return;
    }
    let Some(bundle) = corpus
        .bundles
        .iter()
        .find(|b| kunren::session::check_sources(&header, b).is_ok())
    else {
        return;
    };
    let mut replayer = kunren::session::Replayer::new(bundle.clone(), header.seed);
    for r in records {
        if replayer.feed(r).is_err() {
            return;
        }
    }
    let _ = replayer.finish();
}

/// Runs `cases` cases of `target` from `seed`. Panics are caught; the first inputs of each
/// panicking location are saved in `save` (when given). `progress` is called every 1000 cases.
pub fn run(
    corpus: &Corpus,
    target: Target,
    cases: u64,
    seed: u64,
    save: Option<&Path>,
    stats: &mut Stats,
    mut progress: impl FnMut(u64),
) {
    install_hook();
    let mut rng = Rng::new(seed ^ (target as u64).wrapping_mul(0x5851_f42d_4c95_7f2d));
    for n in 0..cases {
        let mut case = Case { files: Vec::new() };
        let mut case_rng = Rng::new(rng.next_u64());
        FUZZING.with(|f| f.set(true));
        let result = panic::catch_unwind(AssertUnwindSafe(|| match target {
            Target::Loaders => loaders_case(corpus, &mut case_rng, &mut case),
            Target::Journal => journal_case(corpus, &mut case_rng, &mut case),
        }));
        FUZZING.with(|f| f.set(false));
        *stats.cases.entry(target.name()).or_default() += 1;
        match result {
            Ok(true) => *stats.deep.entry(target.name()).or_default() += 1,
            Ok(false) => {}
            Err(_) => {
                let (location, message) = LAST_PANIC
                    .lock()
                    .ok()
                    .and_then(|mut l| l.take())
                    .unwrap_or_else(|| ("unknown".into(), "(no message)".into()));
                record_panic(stats, target, location, message, &case, n, save);
            }
        }
        if (n + 1) % 1000 == 0 {
            progress(n + 1);
        }
    }
}

fn record_panic(
    stats: &mut Stats,
    target: Target,
    location: String,
    message: String,
    case: &Case,
    n: u64,
    save: Option<&Path>,
) {
    let index = match stats
        .panics
        .iter()
        .position(|f| f.target == target && f.location == location)
    {
        Some(i) => i,
        None => {
            stats.panics.push(Found {
                target,
                location: location.clone(),
                message: message.clone(),
                hits: 0,
                saved: Vec::new(),
            });
            stats.panics.len() - 1
        }
    };
    let found = &mut stats.panics[index];
    found.hits += 1;
    if found.saved.len() >= 3 {
        return;
    }
    let Some(dir) = save else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    for (name, bytes) in &case.files {
        let file = Path::new(name)
            .file_name()
            .map_or_else(|| "input".into(), |f| f.to_string_lossy().into_owned());
        let path = dir.join(format!("{}-case{n}-{file}", target.name()));
        if std::fs::write(&path, bytes).is_ok() {
            let _ = std::fs::write(
                path.with_extension("panic.txt"),
                format!("{location}\n{message}\n"),
            );
            found.saved.push(path);
        }
    }
}
