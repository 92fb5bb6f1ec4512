//! Loading scenarios, organisations, the action catalogue and regimes, from disk or from the binary.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::catalogue::{Catalogue, Regime};
use super::diagnostic::{Diagnostic, Severity};
use super::model::Scenario;
use super::org::Org;
use super::parse::{check_format_version, parse_ron};
use super::source::{
    AllowedRoots, JournalPath, PACK_MARKER, Source, confine_journal_path, leading_item,
    max_file_size, pack_root, read_file,
};
use super::validate;
use crate::exit::{ExitCode, Failure};
use crate::i18n::diagnostics::{Arg, D, msg};

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

/// Scenarios shipped in the binary (the default drill first): every `.ron` file of its folder (see `build.rs`).
pub const SCENARIOS: &[Embedded] = SCENARIO_FILES;

/// Organisations shipped in the binary, every `.ron` file of its folder (see `build.rs`).
pub const ORGS: &[Embedded] = ORG_FILES;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The standard action catalogue.
pub const ACTIONS: Embedded = Embedded {
    path: "assets/actions.ron",
    text: include_str!("../../assets/actions.ron"),
};

/// Regulatory regimes shipped in the binary, every `.ron` file of its folder (see `build.rs`).
pub const REGIMES: &[Embedded] = REGIME_FILES;

/// Reading a [`Source`] lives here, beside the files built into the binary it falls back to.
impl Source {
    /// Reads a file from disk, falling back to an embedded file of the same path when no file
    /// exists there. Only a regular file of at most [`max_file_size`] bytes is read (`K0009`,
    /// `K0010`); see [`read_file`].
    pub fn read(path: &str) -> Result<Self, Box<Diagnostic>> {
        Self::read_limited(path, max_file_size())
    }

    /// As [`Source::read`], with an explicit size limit in bytes.
    pub fn read_limited(path: &str, limit: u64) -> Result<Self, Box<Diagnostic>> {
        match read_file(Path::new(path), limit) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Ok(Source::new(path, text)),
                Err(_) => Err(Box::new(
                    Diagnostic::error("K0001", path, D::not_utf8).help(D::not_utf8_help),
                )),
            },
            Err(e) if e.is_not_found() => match embedded(path) {
                Some(emb) => Ok(Source::new(emb.path, emb.text)),
                None => Err(Box::new(e.diagnostic(path))),
            },
            Err(e) => Err(Box::new(e.diagnostic(path))),
        }
    }

    /// True when this is one of the files built into the binary (read from it, or identical).
    pub fn is_builtin(&self) -> bool {
        embedded(&self.path).is_some_and(|e| e.text == self.text)
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
            // Above the root is the root.
            ".." if parts.is_empty() && path.starts_with('/') => {}
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
    /// Renders every diagnostic for a terminal, in English.
    pub fn render(&self) -> String {
        self.render_in(crate::i18n::Lang::En)
    }

    /// Renders every diagnostic for a terminal in `lang` ([`Diagnostic::render_in`]).
    pub fn render_in(&self, lang: crate::i18n::Lang) -> String {
        self.diagnostics
            .iter()
            .map(|d| {
                let src = self
                    .sources
                    .iter()
                    .find(|s| s.path == d.file)
                    .map(|s| s.text.as_str());
                d.render_in(src, lang)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The exit code of a load that failed: usage or I/O when a file cannot be read or was
    /// refused ([`Diagnostic::is_read_refusal`]), problems otherwise.
    pub fn exit_code(&self) -> ExitCode {
        if self.diagnostics.iter().any(Diagnostic::is_read_refusal) {
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

/// A regime the scenario carries inline (`RegimeUse(…, regime: Regime(…))`), validated like a
/// regime file, its diagnostics placed in the scenario. Its id must be the entry's (K0239) and
/// must not be a shipped regime's (K0240): the built-in regimes stay what they are.
fn inline_regime(
    use_: &super::model::RegimeUse,
    inline: &Regime,
    src: &Source,
) -> (Option<Regime>, Vec<Diagnostic>) {
    let at = |id: &str| super::diagnostic::locate(&src.text, Some("id"), id, 0);
    if inline.id != use_.id {
        return (
            None,
            vec![
                Diagnostic::error(
                    "K0239",
                    &src.path,
                    msg!(inline_regime_ids_differ, id = &inline.id, used = &use_.id),
                )
                .at(at(&inline.id))
                .help(msg!(inline_regime_ids_help, used = &use_.id)),
            ],
        );
    }
    if regime(&inline.id).is_some() {
        return (
            None,
            vec![
                Diagnostic::error(
                    "K0240",
                    &src.path,
                    msg!(inline_regime_shipped, id = &inline.id),
                )
                .at(at(&inline.id))
                .help(msg!(inline_regime_shipped_help, id = &inline.id)),
            ],
        );
    }
    // Errors and warnings alike are the scenario's: there is no separate file to check.
    let problems = validate::validate_regime(inline, src);
    let ok = !problems
        .iter()
        .any(|d| d.severity == super::Severity::Error);
    (ok.then(|| inline.clone()), problems)
}

/// A scenario's own regime: `regimes/<id>.ron` in the scenario's folder (a regular file inside
/// the folders a scenario may read from, within the size limit), parsed and validated like a
/// shipped regime. `None` when there is no such file (or the id could name another path).
pub fn local_regime(scenario_path: &str, id: &str) -> Option<Result<Regime, Box<Diagnostic>>> {
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    let dir = Path::new(scenario_path).parent()?;
    let path = dir.join("regimes").join(format!("{id}.ron"));
    if !path.exists() {
        return None;
    }
    let shown = path.display().to_string();
    let roots = super::source::AllowedRoots::for_scenario(Path::new(scenario_path));
    if !roots.contains(&path) {
        return Some(Err(Box::new(
            Diagnostic::error("K0008", &shown, msg!(regime_outside, path = &shown))
                .help(msg!(allowed, allowed = roots.describe())),
        )));
    }
    let text = match super::source::read_file(&path, super::source::max_file_size()) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                return Some(Err(Box::new(Diagnostic::error(
                    "K0001",
                    &shown,
                    D::regime_not_utf8,
                ))));
            }
        },
        Err(e) => return Some(Err(Box::new(e.diagnostic(&shown)))),
    };
    let src = Source::new(shown, text);
    Some(parse_source::<Regime>(&src).and_then(|r| {
        let problems = validate::validate_regime(&r, &src);
        match problems
            .into_iter()
            .find(|d| d.severity == super::Severity::Error)
        {
            Some(d) => Err(Box::new(d)),
            None if r.id != id => Err(Box::new(Diagnostic::error(
                "K0102",
                &src.path,
                msg!(regime_file_id, id = id, declared = &r.id),
            ))),
            None => Ok(r),
        }
    }))
}

/// Finds the organisation file a scenario names, confined (see [`AllowedRoots`]).
///
/// A relative `org` is looked up against the scenario's folder, then the folder above it, then
/// the scenario's pack root, then the working directory; the first file that exists is used if
/// it lies (links resolved) inside the working directory, the scenario's folder or its pack
/// root. A built-in organisation of that name comes next. A file found only outside those
/// folders is refused with `K0008` (nothing of it is opened). When nothing is found, the path
/// beside the scenario is returned, so that reading it reports the missing file.
pub fn resolve_org(scenario_path: &str, org: &str) -> Result<String, Box<Diagnostic>> {
    let scenario = Path::new(scenario_path);
    let dir = scenario.parent().unwrap_or(Path::new(""));
    let beside = normalise(&dir.join(org).to_string_lossy());
    let mut candidates = vec![beside.clone()];
    if Path::new(org).is_relative() {
        if let Some(up) = dir.parent() {
            candidates.push(normalise(&up.join(org).to_string_lossy()));
        }
        if let Some(pack) = dir_of(scenario).as_deref().and_then(pack_root) {
            candidates.push(normalise(&pack.join(org).to_string_lossy()));
        }
        candidates.push(normalise(org));
    }
    let roots = AllowedRoots::for_scenario(scenario);
    let mut outside = None;
    for c in candidates {
        if std::fs::metadata(&c).is_err() {
            continue;
        }
        if roots.contains(Path::new(&c)) {
            return Ok(c);
        }
        let resolved = Path::new(&c)
            .canonicalize()
            .map_or(c, |p| p.display().to_string());
        outside.get_or_insert(resolved);
    }
    if let Some(e) = embedded(org).or_else(|| embedded(&beside)) {
        return Ok(e.path.to_string());
    }
    match outside {
        Some(found) => Err(Box::new(
            Diagnostic::error(
                "K0008",
                scenario_path,
                msg!(org_outside, org = org, found = found),
            )
            .help(msg!(
                org_outside_help,
                marker = PACK_MARKER,
                allowed = roots.describe()
            )),
        )),
        None => Ok(beside),
    }
}

/// The folder holding `path` (`.` for a bare file name), when it exists.
fn dir_of(path: &Path) -> Option<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    dir.is_dir().then_some(dir)
}

/// Who named a file: it decides whether its text may be quoted before it is known to be of the
/// expected kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// The user, on the command line: any regular file, quoted in diagnostics.
    ByUser,
    /// Another file (a scenario's `org`, a journal's header): quoted only once it begins as the
    /// expected kind of file.
    ByFile,
}

/// Refuses (`K0011`) a file named by another file that does not begin as the expected kind
/// (`Org(`, `Scenario(`): its text is never quoted, so a scenario cannot make kunren print a
/// line of some other file.
fn expect_kind(src: &Source, named: Named, kind: &str, what: D) -> Result<(), Box<Diagnostic>> {
    if named == Named::ByUser || src.is_builtin() || leading_item(&src.text) == Some(kind) {
        return Ok(());
    }
    Err(Box::new(
        Diagnostic::error(
            "K0011",
            &src.path,
            msg!(wrong_kind, path = &src.path, what = what, kind = kind),
        )
        .help(D::wrong_kind_help),
    ))
}

/// Loads a scenario and its organisation (or `org_override`) and validates the pair.
///
/// Both paths are named by the user; the organisation the scenario names is confined (see
/// [`resolve_org`]). Warnings and notes are returned alongside the bundle; any error fails the
/// load.
pub fn load_bundle(
    scenario_path: &str,
    org_override: Option<&str>,
) -> Result<(Bundle, Vec<Diagnostic>), LoadErrors> {
    load_named(
        scenario_path,
        Named::ByUser,
        org_override.map(|o| (o, Named::ByUser)),
    )
}

fn fail(d: Diagnostic, sources: &[Source]) -> LoadErrors {
    LoadErrors {
        diagnostics: vec![d],
        sources: sources.to_vec(),
    }
}

fn load_named(
    scenario_path: &str,
    scenario_named: Named,
    org: Option<(&str, Named)>,
) -> Result<(Bundle, Vec<Diagnostic>), LoadErrors> {
    // The sources are copied into the errors only when the load fails (an organisation may be
    // many megabytes).
    let scenario_source = Source::read(scenario_path).map_err(|d| fail(*d, &[]))?;
    expect_kind(
        &scenario_source,
        scenario_named,
        "Scenario",
        D::w_a_scenario,
    )
    .map_err(|d| fail(*d, &[]))?;
    let sources = std::slice::from_ref(&scenario_source);
    let scenario: Scenario = parse_source(&scenario_source).map_err(|d| fail(*d, sources))?;
    // Point at the scenario's `org:` line when the organisation it names is the problem: that
    // is what the author must fix.
    let at_org_line = |mut d: Diagnostic| {
        let at = super::diagnostic::locate(&scenario_source.text, Some("org"), &scenario.org, 0);
        d.file = scenario_source.path.clone();
        d.at(at)
    };
    let (org_path, org_named) = match org {
        Some((p, named)) => (p.to_string(), named),
        None => match resolve_org(&scenario_source.path, &scenario.org) {
            Ok(p) => (p, Named::ByFile),
            Err(d) => return Err(fail(at_org_line(*d), sources)),
        },
    };
    let from_scenario = org.is_none();
    let org_source = Source::read(&org_path)
        .and_then(|s| expect_kind(&s, org_named, "Org", D::w_an_organisation).map(|()| s))
        .map_err(|d| {
            let mut d = *d;
            if from_scenario {
                if d.code == "K0001" {
                    // "cannot read file: {error}" becomes "cannot read the organisation …: {error}".
                    let error = match d.message.key() {
                        Some(D::read_failed) => d.message.arg("error").cloned(),
                        _ => None,
                    }
                    .unwrap_or_else(|| Arg::from(d.message.clone()));
                    d.message = msg!(org_unreadable, path = &org_path, error = error);
                } else if d.code != "K0011" {
                    d.message = msg!(org_problem, path = &org_path, msg = d.message);
                }
                d = at_org_line(d);
            }
            fail(d, sources)
        })?;
    let org: Org = parse_source(&org_source)
        .map_err(|d| fail(*d, &[scenario_source.clone(), org_source.clone()]))?;
    bundle_from_parts(scenario, scenario_source, org, org_source)
}

/// Loads the bundle a journal was recorded with. Without `scenario` / `org` (files the user
/// names), the header's `scenario_path` / `org_path` are used, confined by
/// [`confine_journal_path`]: read only inside the journal's folder or the working directory,
/// else only a built-in file of that path stands for them. The caller still checks the
/// sources' SHA-256 against the header.
pub fn load_for_journal(
    journal: &Path,
    header_scenario: &str,
    header_org: &str,
    scenario: Option<&str>,
    org: Option<&str>,
) -> Result<(Bundle, Vec<Diagnostic>), LoadErrors> {
    let locate = |named: &str, what: &str, flag: &str| -> Result<String, LoadErrors> {
        match confine_journal_path(journal, named, what) {
            Ok(JournalPath::Disk(p)) => Ok(p),
            Ok(JournalPath::NotOnDisk) if embedded(named).is_some() => Ok(named.to_string()),
            Ok(JournalPath::NotOnDisk) => Err(fail(
                Diagnostic::error(
                    "K0001",
                    named,
                    msg!(
                        journal_not_found,
                        what = if what == "scenario" {
                            D::w_scenario
                        } else {
                            D::w_organisation
                        },
                        named = named
                    ),
                )
                .help(msg!(journal_not_found_help, flag = flag)),
                &[],
            )),
            Err(d) => Err(fail(*d, &[])),
        }
    };
    let (scenario_path, scenario_named) = match scenario {
        Some(p) => (p.to_string(), Named::ByUser),
        None => (
            locate(header_scenario, "scenario", "--scenario")?,
            Named::ByFile,
        ),
    };
    let (org_path, org_named) = match org {
        Some(p) => (p.to_string(), Named::ByUser),
        None => (locate(header_org, "organisation", "--org")?, Named::ByFile),
    };
    load_named(&scenario_path, scenario_named, Some((&org_path, org_named)))
}

/// Builds and validates a bundle from already-parsed parts.
pub fn bundle_from_parts(
    scenario: Scenario,
    scenario_source: Source,
    org: Org,
    org_source: Source,
) -> Result<(Bundle, Vec<Diagnostic>), LoadErrors> {
    let mut errs = LoadErrors::default();
    // The sources go into the errors only when the load fails.
    let failed = |mut errs: LoadErrors| {
        errs.sources = vec![scenario_source.clone(), org_source.clone()];
        Err(errs)
    };
    let mut catalogue = match standard_catalogue() {
        Ok(c) => c,
        Err(d) => {
            errs.diagnostics.push(*d);
            return failed(errs);
        }
    };
    catalogue.actions.extend(scenario.actions.iter().cloned());
    let mut regimes = Vec::new();
    for use_ in &scenario.regimes {
        if let Some(inline) = &use_.regime {
            let (r, mut found) = inline_regime(use_, inline, &scenario_source);
            regimes.extend(r);
            errs.diagnostics.append(&mut found);
            continue;
        }
        match regime(&use_.id).or_else(|| local_regime(&scenario_source.path, &use_.id)) {
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
                        msg!(unknown_regime, id = &use_.id),
                    )
                    .at(at)
                    .help(msg!(
                        unknown_regime_help,
                        list = known.join(", "),
                        id = &use_.id
                    )),
                );
            }
        }
    }
    errs.diagnostics
        .extend(validate::validate_org(&org, &org_source));
    if super::bounds::out_of_bounds(&errs.diagnostics) {
        // An organisation beyond the limits is never expanded nor checked against.
        return failed(errs);
    }
    errs.diagnostics.extend(validate::validate_scenario(
        &scenario,
        &scenario_source,
        &org,
        &catalogue,
        &regimes,
    ));
    if errs.has_errors() {
        return failed(errs);
    }
    let warnings = std::mem::take(&mut errs.diagnostics);
    let mut org = org;
    // Groups expanded; an organisation without groups keeps its assets as they are (no copy).
    if let std::borrow::Cow::Owned(all) = org.all_assets() {
        org.assets = all;
    }
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
    load_or_fail_in(scenario, org, crate::i18n::Lang::En)
}

/// [`load_or_fail`] with the diagnostics rendered in `lang`.
pub fn load_or_fail_in(
    scenario: Option<&str>,
    org: Option<&str>,
    lang: crate::i18n::Lang,
) -> Result<Arc<Bundle>, Failure> {
    let path = scenario.unwrap_or(DEFAULT_SCENARIO);
    match load_bundle(path, org) {
        Ok((bundle, _warnings)) => Ok(Arc::new(bundle)),
        Err(errs) => Err(Failure::new(errs.exit_code(), errs.render_in(lang))),
    }
}

/// Loads the bundle of a journal ([`load_for_journal`]; `scenario` / `org` are the files the
/// user names, if any), or fails with usage or I/O and the rendered diagnostics.
pub fn load_for_journal_or_fail(
    journal: &Path,
    header_scenario: &str,
    header_org: &str,
    scenario: Option<&str>,
    org: Option<&str>,
) -> Result<Arc<Bundle>, Failure> {
    load_for_journal_or_fail_in(
        journal,
        header_scenario,
        header_org,
        scenario,
        org,
        crate::i18n::Lang::En,
    )
}

/// [`load_for_journal_or_fail`] with the diagnostics rendered in `lang`.
pub fn load_for_journal_or_fail_in(
    journal: &Path,
    header_scenario: &str,
    header_org: &str,
    scenario: Option<&str>,
    org: Option<&str>,
    lang: crate::i18n::Lang,
) -> Result<Arc<Bundle>, Failure> {
    match load_for_journal(journal, header_scenario, header_org, scenario, org) {
        Ok((bundle, _warnings)) => Ok(Arc::new(bundle)),
        Err(errs) => Err(Failure::new(ExitCode::UsageOrIo, errs.render_in(lang))),
    }
}
