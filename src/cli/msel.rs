//! `kunren msel export` and `kunren msel import`: the scenario's injects as a spreadsheet and
//! back ([`crate::msel`]).

use std::path::Path;

use crate::exit::{ExitCode, Failure};
use crate::scenario::load::{self, load_or_fail};
use crate::scenario::source::Source;

pub(super) fn cmd_export(
    scenario: Option<&str>,
    org: Option<&str>,
    out: Option<&Path>,
    bom: bool,
) -> Result<ExitCode, Failure> {
    let bundle = load_or_fail(scenario, org)?;
    let bytes = crate::msel::export(&bundle, bom)
        .map_err(|e| Failure::new(ExitCode::Internal, format!("cannot write the sheet: {e}")))?;
    match out {
        Some(p) if p != Path::new("-") => {
            crate::report::atomic::write_atomic(p, &bytes).map_err(|e| {
                Failure::new(
                    ExitCode::UsageOrIo,
                    format!("cannot write {}: {e}", p.display()),
                )
            })?;
            eprintln!(
                "wrote {} ({} injects)",
                p.display(),
                bundle.scenario.injects.len()
            );
        }
        _ => {
            use std::io::Write as _;
            let _ = std::io::stdout().write_all(&bytes);
        }
    }
    Ok(ExitCode::Success)
}

pub(super) fn cmd_import(
    sheet: &Path,
    into: &str,
    dry_run: bool,
    lang: crate::i18n::Lang,
) -> Result<ExitCode, Failure> {
    let io = |what: &str, p: &str, e: std::io::Error| {
        Failure::new(ExitCode::UsageOrIo, format!("cannot read {what} {p}: {e}"))
    };
    let sheet_name = sheet.display().to_string();
    let csv_bytes = crate::scenario::source::read_regular(sheet)
        .map_err(|e| io("the sheet", &sheet_name, e))?;
    // The scenario must load cleanly before it is changed.
    let bundle = load::load_or_fail_in(Some(into), None, lang)?;
    let text = crate::scenario::source::read_regular_text(Path::new(into))
        .map_err(|e| io("the scenario", into, e))?;
    let src = Source::new(into, text);
    let imported = crate::msel::import(&csv_bytes, &sheet_name, &src, &bundle.scenario);
    if !imported.diagnostics.is_empty() {
        let sheet_text = String::from_utf8_lossy(&csv_bytes).into_owned();
        let mut msg = String::new();
        for d in &imported.diagnostics {
            msg.push_str(&d.render_in(Some(&sheet_text), lang));
            msg.push('\n');
        }
        msg.push_str(&crate::i18n::report::fill(
            lang.cli_text().msel_problems,
            &[("count", &imported.diagnostics.len())],
        ));
        return Err(Failure::new(ExitCode::Problems, msg));
    }
    if imported.changed.is_empty() {
        eprintln!("no inject differs from {into}: nothing to change");
        return Ok(ExitCode::Success);
    }
    // The new text must load as cleanly as the old one.
    let new_src = Source::new(into, imported.text.clone());
    let scenario = crate::msel::reparse(&imported.text, into)
        .map_err(|d| Failure::new(ExitCode::Problems, d.render(Some(&imported.text))))?;
    if let Err(errs) = load::bundle_from_parts(
        scenario,
        new_src,
        bundle.org.clone(),
        bundle.org_source.clone(),
    ) {
        return Err(Failure::new(
            ExitCode::Problems,
            format!("{}\nthe scenario is unchanged", errs.render()),
        ));
    }
    for (id, fields) in &imported.changed {
        eprintln!("inject `{id}`: {}", fields.join(", "));
    }
    if dry_run {
        eprintln!("dry run: {into} is unchanged");
    } else {
        crate::report::atomic::write_atomic(Path::new(into), imported.text.as_bytes())
            .map_err(|e| Failure::new(ExitCode::UsageOrIo, format!("cannot write {into}: {e}")))?;
        eprintln!("updated {} inject(s) in {into}", imported.changed.len());
    }
    Ok(ExitCode::Success)
}
