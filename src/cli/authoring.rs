//! `kunren graph` and `kunren navigator`: a scenario drawn as a graph, and ATT&CK Navigator
//! layers of a scenario or of a recorded drill.

use std::path::Path;

use crate::exit::{ExitCode, Failure};
use crate::graph::GraphFormat;
use crate::scenario::load::load_or_fail;

/// Writes `text` to `out` (atomically), or to stdout when `out` is `None` or `-`.
fn emit(text: &str, out: Option<&Path>) -> Result<ExitCode, Failure> {
    match out {
        Some(p) if p != Path::new("-") => {
            crate::report::atomic::write_atomic(p, text.as_bytes()).map_err(|e| {
                Failure::new(
                    ExitCode::UsageOrIo,
                    format!("cannot write {}: {e}", p.display()),
                )
            })?;
            eprintln!("wrote {}", p.display());
        }
        _ => out!("{text}"),
    }
    Ok(ExitCode::Success)
}

pub(super) fn cmd_graph(
    scenario: Option<&str>,
    org: Option<&str>,
    format: GraphFormat,
    out: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let bundle = load_or_fail(scenario, org)?;
    emit(&crate::graph::render(&bundle.scenario, format), out)
}

pub(super) fn cmd_navigator(file: &Path, out: Option<&Path>) -> Result<ExitCode, Failure> {
    let io = |e: std::io::Error| {
        Failure::new(
            ExitCode::UsageOrIo,
            format!("cannot read {}: {e}", file.display()),
        )
    };
    let text = crate::scenario::source::read_regular_text(file).map_err(io)?;
    let layers = if crate::navigator::looks_like_journal(&text) {
        let read = crate::journal::read_journal(file).map_err(|e| {
            Failure::new(
                ExitCode::Integrity,
                format!("cannot read the journal {}: {e}", file.display()),
            )
        })?;
        crate::navigator::journal_layers(&read.records)
            .map_err(|m| Failure::new(ExitCode::Integrity, m))?
    } else {
        let path = file.to_string_lossy();
        let bundle = load_or_fail(Some(&path), None)?;
        crate::navigator::scenario_layers(&bundle)
    };
    // One layer per domain: a single layer is written as itself, several as an array.
    let value = match layers.as_slice() {
        [one] => one.clone(),
        _ => serde_json::Value::Array(layers),
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    emit(&text, out)
}
