//! Loading scenarios, organisations, the action catalogue and regimes, from disk or from the binary.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::catalogue::{Catalogue, Regime};
use super::diagnostic::{Diagnostic, Severity};
use super::model::Scenario;
use super::org::Org;
use super::parse::{check_format_version, parse_ron};
use super::source::Source;
use super::validate;
use crate::exit::{ExitCode, Failure};

/// A file that ships inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    /// Path relative to the project root.
    pub path: &'static str,
    /// Contents.
    pub text: &'static str,
}

/// The default drill's scenario path.
pub const DEFAULT_SCENARIO: &str = "scenarios/defence-contractor-double-extortion.ron";

/// Scenarios shipped in the binary.
pub const SCENARIOS: &[Embedded] = &[
    Embedded {
        path: DEFAULT_SCENARIO,
        text: include_str!("../../scenarios/defence-contractor-double-extortion.ron"),
    },
    Embedded {
        path: "scenarios/hospital-ransomware.ron",
        text: include_str!("../../scenarios/hospital-ransomware.ron"),
    },
    Embedded {
        path: "scenarios/hospital-ransomware-ja.ron",
        text: include_str!("../../scenarios/hospital-ransomware-ja.ron"),
    },
];

/// Organisations shipped in the binary.
pub const ORGS: &[Embedded] = &[
    Embedded {
        path: "assets/orgs/defence-contractor.ron",
        text: include_str!("../../assets/orgs/defence-contractor.ron"),
    },
    Embedded {
        path: "assets/orgs/national-hospital.ron",
        text: include_str!("../../assets/orgs/national-hospital.ron"),
    },
    Embedded {
        path: "assets/orgs/national-hospital-ja.ron",
        text: include_str!("../../assets/orgs/national-hospital-ja.ron"),
    },
];

/// The standard action catalogue.
pub const ACTIONS: Embedded = Embedded {
    path: "assets/actions.ron",
    text: include_str!("../../assets/actions.ron"),
};

/// Regulatory regimes shipped in the binary.
pub const REGIMES: &[Embedded] = &[
    Embedded {
        path: "assets/regimes/dfars-7012.ron",
        text: include_str!("../../assets/regimes/dfars-7012.ron"),
    },
    Embedded {
        path: "assets/regimes/nis2-art23.ron",
        text: include_str!("../../assets/regimes/nis2-art23.ron"),
    },
    Embedded {
        path: "assets/regimes/jp-mod-contract.ron",
        text: include_str!("../../assets/regimes/jp-mod-contract.ron"),
    },
    Embedded {
        path: "assets/regimes/jp-acd.ron",
        text: include_str!("../../assets/regimes/jp-acd.ron"),
    },
    Embedded {
        path: "assets/regimes/jp-mhlw-medical.ron",
        text: include_str!("../../assets/regimes/jp-mhlw-medical.ron"),
    },
];

/// Reading a [`Source`] lives here, beside the files built into the binary it falls back to.
impl Source {
    /// Reads a file from disk, falling back to an embedded file of the same path.
    pub fn read(path: &str) -> Result<Self, Box<Diagnostic>> {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Ok(Source::new(path, text)),
                Err(_) => Err(Box::new(
                    Diagnostic::error("K0001", path, "file is not valid UTF-8")
                        .help("save the file as UTF-8"),
                )),
            },
            Err(e) => match embedded(path) {
                Some(emb) => Ok(Source::new(emb.path, emb.text)),
                None => Err(Box::new(
                    Diagnostic::error("K0001", path, format!("cannot read file: {e}"))
                        .help("check the path; `kunren list` shows the shipped scenarios"),
                )),
            },
        }
    }
}

/// The embedded file with this path (or file name), if any.
pub fn embedded(path: &str) -> Option<Embedded> {
    let norm = normalise(path);
    let norm = norm.as_str();
    SCENARIOS
        .iter()
        .chain(ORGS)
        .chain(REGIMES)
        .chain(std::iter::once(&ACTIONS))
        .find(|e| e.path == norm)
        .copied()
}

/// Lexically normalises a relative path: drops `.` and folds `dir/..` (so
/// `scenarios/../assets/orgs/x.ron` names the embedded `assets/orgs/x.ron`).
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if path.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Everything the engine needs to run one drill, validated.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The scenario.
    pub scenario: Scenario,
    /// Its source.
    pub scenario_source: Source,
    /// The organisation.
    pub org: Org,
    /// Its source.
    pub org_source: Source,
    /// The standard catalogue plus the scenario's own actions.
    pub catalogue: Catalogue,
    /// Regimes the scenario uses, in its order.
    pub regimes: Vec<Regime>,
}

impl Bundle {
    /// A flag's label for the team's screen, in Japanese when `ja` and one is given: the
    /// scenario's, else the standard catalogue's; `None` when neither labels it.
    pub fn flag_label(&self, id: &str, ja: bool) -> Option<&str> {
        let f = self
            .scenario
            .flags
            .iter()
            .chain(&self.catalogue.flags)
            .find(|f| f.id == id)?;
        Some(match (&f.label_ja, ja) {
            (Some(l), true) if !l.trim().is_empty() => l.as_str(),
            _ => f.label.as_str(),
        })
    }
}

/// Errors from loading: every diagnostic found, with the sources to render them against.
#[derive(Debug, Clone, Default)]
pub struct LoadErrors {
    /// Diagnostics (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
    /// Sources by path, for snippets.
    pub sources: Vec<Source>,
}

impl LoadErrors {
    /// Renders every diagnostic for a terminal.
    pub fn render(&self) -> String {
        self.diagnostics
            .iter()
            .map(|d| {
                let src = self
                    .sources
                    .iter()
                    .find(|s| s.path == d.file)
                    .map(|s| s.text.as_str());
                d.render(src)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The exit code of a load that failed: usage or I/O when a file cannot be read
    /// (`K0001`), problems otherwise.
    pub fn exit_code(&self) -> ExitCode {
        if self.diagnostics.iter().any(|d| d.code == "K0001") {
            ExitCode::UsageOrIo
        } else {
            ExitCode::Problems
        }
    }

    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

impl std::fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for LoadErrors {}

/// Parses a source as a `T`, after checking its format version.
pub fn parse_source<T: serde::de::DeserializeOwned>(src: &Source) -> Result<T, Box<Diagnostic>> {
    check_format_version(&src.path, &src.text)?;
    parse_ron(&src.path, &src.text)
}

/// The standard catalogue (built in).
pub fn standard_catalogue() -> Result<Catalogue, Box<Diagnostic>> {
    parse_source(&Source::new(ACTIONS.path, ACTIONS.text))
}

/// A built-in regime by id.
pub fn regime(id: &str) -> Option<Result<Regime, Box<Diagnostic>>> {
    let path = format!("assets/regimes/{id}.ron");
    REGIMES
        .iter()
        .find(|e| e.path == path)
        .map(|e| parse_source(&Source::new(e.path, e.text)))
}

/// Finds the organisation file a scenario names: next to the scenario, then the working directory,
/// then the built-in library.
pub fn resolve_org_path(scenario_path: &str, org: &str) -> String {
    let beside = Path::new(scenario_path)
        .parent()
        .map(|p| p.join(org))
        .unwrap_or_else(|| PathBuf::from(org));
    if beside.exists() {
        let text = beside.to_string_lossy();
        // Fold `dir/..`: `scenarios/../assets/x` → `assets/x`.
        return normalise(&text);
    }
    if let Some(root) = Path::new(scenario_path).parent().and_then(Path::parent) {
        let up = root.join(org);
        if up.exists() {
            return up.to_string_lossy().into_owned();
        }
    }
    if Path::new(org).exists() || embedded(org).is_some() {
        return org.to_string();
    }
    beside.to_string_lossy().into_owned()
}

/// Loads a scenario and its organisation (or `org_override`) and validates the pair.
///
/// Warnings and notes are returned alongside the bundle; any error fails the load.
pub fn load_bundle(
    scenario_path: &str,
    org_override: Option<&str>,
) -> Result<(Bundle, Vec<Diagnostic>), LoadErrors> {
    let mut errs = LoadErrors::default();
    let scenario_source = Source::read(scenario_path).map_err(|d| LoadErrors {
        diagnostics: vec![*d],
        sources: vec![],
    })?;
    errs.sources.push(scenario_source.clone());
    let scenario: Scenario = parse_source(&scenario_source).map_err(|d| LoadErrors {
        diagnostics: vec![*d],
        sources: errs.sources.clone(),
    })?;
    let org_path = match org_override {
        Some(p) => p.to_string(),
        None => resolve_org_path(&scenario_source.path, &scenario.org),
    };
    let org_source = Source::read(&org_path).map_err(|d| {
        let mut d = *d;
        if org_override.is_none() {
            // Point at the scenario's `org:` line: that is what the author must fix.
            d.message = format!(
                "cannot read the organisation file `{org_path}` named by the scenario: {}",
                d.message.trim_start_matches("cannot read file: ")
            );
            let at =
                super::diagnostic::locate(&scenario_source.text, Some("org"), &scenario.org, 0);
            d.file = scenario_source.path.clone();
            d = d.at(at);
        }
        LoadErrors {
            diagnostics: vec![d],
            sources: errs.sources.clone(),
        }
    })?;
    errs.sources.push(org_source.clone());
    let org: Org = parse_source(&org_source).map_err(|d| LoadErrors {
        diagnostics: vec![*d],
        sources: errs.sources.clone(),
    })?;
    bundle_from_parts(scenario, scenario_source, org, org_source)
}

/// Builds and validates a bundle from already-parsed parts.
pub fn bundle_from_parts(
    scenario: Scenario,
    scenario_source: Source,
    org: Org,
    org_source: Source,
) -> Result<(Bundle, Vec<Diagnostic>), LoadErrors> {
    let mut errs = LoadErrors {
        diagnostics: vec![],
        sources: vec![scenario_source.clone(), org_source.clone()],
    };
    let mut catalogue = match standard_catalogue() {
        Ok(c) => c,
        Err(d) => {
            errs.diagnostics.push(*d);
            return Err(errs);
        }
    };
    catalogue.actions.extend(scenario.actions.iter().cloned());
    let mut regimes = Vec::new();
    for use_ in &scenario.regimes {
        match regime(&use_.id) {
            Some(Ok(r)) => regimes.push(r),
            Some(Err(d)) => errs.diagnostics.push(*d),
            None => {
                let known: Vec<&str> = REGIMES
                    .iter()
                    .filter_map(|e| e.path.strip_prefix("assets/regimes/"))
                    .filter_map(|p| p.strip_suffix(".ron"))
                    .collect();
                let at = super::diagnostic::locate(&scenario_source.text, Some("id"), &use_.id, 0);
                errs.diagnostics.push(
                    Diagnostic::error(
                        "K0108",
                        &scenario_source.path,
                        format!("unknown regime `{}`", use_.id),
                    )
                    .at(at)
                    .help(format!("built-in regimes: {}", known.join(", "))),
                );
            }
        }
    }
    errs.diagnostics
        .extend(validate::validate_org(&org, &org_source));
    errs.diagnostics.extend(validate::validate_scenario(
        &scenario,
        &scenario_source,
        &org,
        &catalogue,
        &regimes,
    ));
    if errs.has_errors() {
        return Err(errs);
    }
    let warnings = std::mem::take(&mut errs.diagnostics);
    let mut org = org;
    org.assets = org.all_assets().into_owned();
    org.asset_groups.clear();
    Ok((
        Bundle {
            scenario,
            scenario_source,
            org,
            org_source,
            catalogue,
            regimes,
        },
        warnings,
    ))
}

/// Loads a command's bundle (the default drill when no scenario is given), or fails with the
/// rendered diagnostics and [`LoadErrors::exit_code`].
pub fn load_or_fail(scenario: Option<&str>, org: Option<&str>) -> Result<Arc<Bundle>, Failure> {
    let path = scenario.unwrap_or(DEFAULT_SCENARIO);
    match load_bundle(path, org) {
        Ok((bundle, _warnings)) => Ok(Arc::new(bundle)),
        Err(errs) => Err(Failure::new(errs.exit_code(), errs.render())),
    }
}
