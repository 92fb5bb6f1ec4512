//! `kunren check` and `kunren list`: validate authored files; list the shipped ones.

use super::DocFormat;
use crate::exit::{ExitCode, Failure};
use crate::i18n::{Lang, S};
use crate::scenario::load;
use crate::scenario::script::Script;
use crate::scenario::source::Source;
use crate::scenario::{Diagnostic, Severity, validate};

/// The kind of file, from its top-level struct name (`Scenario(`, `Org(`, …).
pub(super) fn detect_kind(text: &str) -> &'static str {
    let name = crate::scenario::source::leading_item(text).unwrap_or("");
    ["Scenario", "Org", "Catalogue", "Regime", "Script"]
        .into_iter()
        .find(|k| *k == name)
        .unwrap_or("unknown")
}

pub(super) fn check_one(path: &str) -> (Vec<Diagnostic>, Vec<Source>) {
    let src = match Source::read(path) {
        Ok(s) => s,
        Err(d) => return (vec![*d], vec![]),
    };
    let sources = vec![src.clone()];
    let one = |d: Box<Diagnostic>| (vec![*d], sources.clone());
    match detect_kind(&src.text) {
        "Scenario" => match load::load_bundle(path, None) {
            Ok((bundle, mut warnings)) => {
                // Rehearse only a scenario without errors (warnings do not stop it).
                warnings.extend(crate::rehearsal::rehearse(bundle, &src));
                (warnings, sources)
            }
            Err(e) => (e.diagnostics, e.sources),
        },
        "Org" => match load::parse_source::<crate::scenario::Org>(&src) {
            Ok(org) => (validate::validate_org(&org, &src), sources),
            Err(d) => one(d),
        },
        "Catalogue" => match load::parse_source::<crate::scenario::Catalogue>(&src) {
            Ok(c) => (validate::validate_catalogue(&c, &src), sources),
            Err(d) => one(d),
        },
        "Regime" => match load::parse_source::<crate::scenario::Regime>(&src) {
            Ok(r) => (validate::validate_regime(&r, &src), sources),
            Err(d) => one(d),
        },
        "Script" => match load::parse_source::<Script>(&src) {
            Ok(script) => (
                crate::scenario::bounds::lint_control_chars(&script, &src),
                sources,
            ),
            Err(d) => one(d),
        },
        _ => (
            vec![
                Diagnostic::error("K0002", path, crate::i18n::diagnostics::D::not_kunren_file)
                    .at((1, 1)),
            ],
            sources,
        ),
    }
}

/// `kunren check`: the diagnostics of every file, then a summary in `lang` (JSON keys stay
/// English).
pub(super) fn cmd_check(
    paths: &[String],
    format: DocFormat,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    let mut all = Vec::new();
    let mut sources = Vec::new();
    for p in paths {
        let (d, s) = check_one(p);
        all.extend(d);
        sources.extend(s);
    }
    let io = all.iter().any(Diagnostic::is_read_refusal);
    let errors = all.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = all
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    match format {
        DocFormat::Json => {
            let v =
                serde_json::json!({ "diagnostics": all, "errors": errors, "warnings": warnings });
            let json = serde_json::to_string_pretty(&v).unwrap_or_default();
            outln!("{}", crate::text::json_safe(&json));
        }
        DocFormat::Text => {
            for d in &all {
                let src = sources
                    .iter()
                    .find(|s| s.path == d.file)
                    .map(|s| s.text.as_str());
                eprintln!("{}", d.render_in(src, lang));
            }
            eprintln!(
                "{}",
                lang.f(S::CheckSummary, &[&paths.len(), &errors, &warnings])
            );
        }
    }
    Ok(if io {
        ExitCode::UsageOrIo
    } else if errors > 0 {
        ExitCode::Problems
    } else {
        ExitCode::Success
    })
}

/// `kunren list`: the built-in files, their titles shown with control characters escaped; the
/// headings and counts in `lang` (titles as authored).
pub(super) fn cmd_list(lang: Lang) -> Result<ExitCode, Failure> {
    use crate::scenario::sector::{sector_name, sector_rank};
    use crate::text::printable_line as p;
    outln!("{}", lang.t(S::ListScenarios));
    let mut rows: Vec<(String, &str, Option<crate::scenario::Scenario>)> = load::SCENARIOS
        .iter()
        .map(|e| {
            let src = Source::new(e.path, e.text);
            let parsed = load::parse_source::<crate::scenario::Scenario>(&src).ok();
            let sector = parsed
                .as_ref()
                .map(|s| s.sector.clone())
                .unwrap_or_default();
            (sector, e.path, parsed)
        })
        .collect();
    rows.sort_by(|a, b| sector_rank(&a.0).cmp(&sector_rank(&b.0)).then(a.1.cmp(b.1)));
    let w = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let mut last: Option<String> = None;
    for (sector, path, parsed) in &rows {
        if last.as_deref() != Some(sector.as_str()) {
            outln!("  {}", p(sector_name(sector, lang.tag())));
            last = Some(sector.clone());
        }
        match parsed {
            Some(s) => outln!(
                "    {:<w$} {} {}",
                path,
                p(&s.title),
                lang.f(
                    S::ListScenarioFacts,
                    &[&s.max_turns, &s.turn_minutes, &p(&s.language)]
                )
            ),
            None => outln!("    {:<w$} {}", path, lang.t(S::ListUnparsable)),
        }
    }
    outln!("{}", lang.t(S::ListOrgs));
    for e in load::ORGS {
        let src = Source::new(e.path, e.text);
        match load::parse_source::<crate::scenario::Org>(&src) {
            Ok(o) => outln!(
                "  {:<52} {} {}",
                e.path,
                p(&o.name),
                lang.f(
                    S::ListOrgFacts,
                    &[&p(&o.sector), &o.assets.len(), &o.services.len()]
                )
            ),
            Err(_) => outln!("  {:<52} {}", e.path, lang.t(S::ListUnparsable)),
        }
    }
    outln!("{}", lang.t(S::ListRegimes));
    for e in load::REGIMES {
        let src = Source::new(e.path, e.text);
        if let Ok(r) = load::parse_source::<crate::scenario::Regime>(&src) {
            outln!("  {:<52} {}", p(&r.id), p(&r.name));
        }
    }
    Ok(ExitCode::Success)
}
