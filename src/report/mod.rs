//! The after-action report and improvement plan (AAR/IP), generated from a journal alone.
//!
//! `kunren report JOURNAL [--format md|html|json] [-o FILE] [--pubkey FILE]` reads the journal
//! once, verifies it (a journal that fails verification, or whose signatures do not match the
//! public key given, is refused, exit 2), builds a [`model::ReportModel`]
//! from its records, composes the sections ([`document::Document`]) in the drill's language
//! and renders them as Markdown or as one self-contained HTML file, written atomically next to
//! the journal (`<journal>.aar.md` / `<journal>.aar.html`) or to `-o FILE` (`-o -` for
//! stdout). An unsealed journal is reported, marked so on the first page.
//!
//! One job per file: [`build`] (model from the records), [`response`] (team vs reference
//! response), [`compliance`] (requirements mapping), [`sections`] (the document; its fixed
//! text is the catalogue's [`crate::i18n::report`]), [`text`] (times and numbers),
//! [`markdown`], [`html`] (and its SVG [`html::chart`]), [`atomic`] (the write). The format is described in `docs/report.md`.

pub mod atomic;
pub mod build;
pub mod compliance;
pub mod document;
pub mod findings;
pub mod html;
pub mod json;
pub mod markdown;
pub mod model;
pub mod names;
pub mod redact;
pub mod response;
pub mod sections;
pub mod text;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use ed25519_dalek::VerifyingKey;

use crate::exit::ExitCode;
use crate::i18n::Lang;
use crate::i18n::report::fill;
use crate::journal::{Record, VerifyOutcome, verify_bytes};

pub use model::ReportModel;

/// Output format of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown for GitHub, GitLab and other forges.
    Md,
    /// One self-contained HTML file (inline CSS and SVG), printable on A4.
    Html,
    /// The whole report model as one JSON document (schema `kunren-report/1`), for tools.
    Json,
}

impl Format {
    /// The file extension used for the default output path.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// Why a report could not be made. Its words are the command line's catalogue
/// ([`crate::i18n::cli`]), in any language with [`ReportError::message`]; `Display` is the
/// English one.
#[derive(Debug)]
pub enum ReportError {
    /// The journal could not be read.
    Read {
        /// Journal path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The journal fails verification: no report is made from it.
    Integrity {
        /// Journal path.
        path: String,
        /// The journal line the failure is tied to, if any.
        line: Option<u64>,
        /// Why.
        reason: String,
    },
    /// The journal's signatures do not match the public key given with `--pubkey` (or the
    /// journal is not signed): no report is made from it.
    SignatureMismatch {
        /// Journal path.
        path: String,
        /// The public key file given.
        pubkey: String,
        /// The journal line the failure is tied to, if any.
        line: Option<u64>,
        /// Why.
        reason: String,
    },
    /// The public key file given with `--pubkey` cannot be read (the key's own error).
    Key(String),
    /// The report would overwrite the journal itself.
    OverJournal(PathBuf),
    /// The report could not be written.
    Write {
        /// Output path (`-` for stdout).
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReportError::Read { source, .. } | ReportError::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl ReportError {
    /// Exit code: integrity for a journal that fails verification, usage or I/O otherwise.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            ReportError::Integrity { .. } | ReportError::SignatureMismatch { .. } => {
                ExitCode::Integrity
            }
            ReportError::Read { .. }
            | ReportError::Key(_)
            | ReportError::OverJournal(_)
            | ReportError::Write { .. } => ExitCode::UsageOrIo,
        }
    }
}

/// Builds the report model from a journal's bytes; `file_name` names the journal in the
/// report's verify commands. Refuses bytes that fail verification.
pub fn model_from_bytes(bytes: &[u8], file_name: &str) -> Result<ReportModel, ReportError> {
    model_from_bytes_with(bytes, file_name, None)
}

/// As [`model_from_bytes`], checking every checkpoint signature with `pubkey` when one is
/// given: the evidence grade is then "signature verified" (and ISO/IEC 27001 A.5.28 can be
/// met); a journal whose signatures do not match it is refused like any integrity failure.
pub fn model_from_bytes_with(
    bytes: &[u8],
    file_name: &str,
    pubkey: Option<&VerifyingKey>,
) -> Result<ReportModel, ReportError> {
    model_from_bytes_in(bytes, file_name, pubkey, None)
}

/// As [`model_from_bytes_with`], in `lang` when one is given (`kunren report --lang`), else
/// in the drill's language.
pub fn model_from_bytes_in(
    bytes: &[u8],
    file_name: &str,
    pubkey: Option<&VerifyingKey>,
    lang: Option<Lang>,
) -> Result<ReportModel, ReportError> {
    let verify = verify_bytes(bytes, pubkey, None);
    let refuse = |line: Option<u64>, reason: String| ReportError::Integrity {
        path: file_name.to_string(),
        line,
        reason,
    };
    if verify.outcome == VerifyOutcome::IntegrityFailure || verify.outcome == VerifyOutcome::Error {
        let (line, reason) = match (&verify.failure, &verify.error) {
            (Some(d), _) => (d.line, d.message.clone()),
            (None, Some(e)) => (None, e.clone()),
            (None, None) => (None, "unknown failure".to_string()),
        };
        return Err(refuse(line, reason));
    }
    let good = verify
        .torn_tail
        .as_ref()
        .and_then(|t| usize::try_from(t.offset).ok())
        .unwrap_or(bytes.len())
        .min(bytes.len());
    let mut records = Vec::new();
    for (i, line) in bytes[..good].split(|&b| b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        match Record::from_line(line) {
            Ok(r) => records.push(r),
            Err(e) => return Err(refuse(Some(i as u64 + 1), e.to_string())),
        }
    }
    build::build_in(&records, &verify, file_name, lang)
        .ok_or_else(|| refuse(Some(1), "the header cannot be read".to_string()))
}

/// Reads, verifies and models the journal at `path`.
pub fn load(path: &Path) -> Result<ReportModel, ReportError> {
    load_with(path, None)
}

/// As [`load`], verifying the signatures with the public key file `pubkey` when one is given
/// (`kunren report --pubkey FILE`): an unreadable key file is [`ReportError::Key`], a journal
/// whose signatures do not match it [`ReportError::SignatureMismatch`].
pub fn load_with(path: &Path, pubkey: Option<&Path>) -> Result<ReportModel, ReportError> {
    load_in(path, pubkey, None)
}

/// As [`load_with`], in `lang` when one is given, else in the drill's language.
pub fn load_in(
    path: &Path,
    pubkey: Option<&Path>,
    lang: Option<Lang>,
) -> Result<ReportModel, ReportError> {
    let key = pubkey
        .map(crate::journal::load_verifying_key)
        .transpose()
        .map_err(|e| ReportError::Key(e.to_string()))?;
    let bytes = std::fs::read(path).map_err(|source| ReportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    // The report names the journal by its file name (it travels beside it); a refusal on the
    // command line names the path the user gave.
    model_from_bytes_in(&bytes, &name, key.as_ref(), lang).map_err(|e| match e {
        ReportError::Integrity { line, reason, .. } => match pubkey {
            Some(k) if key_failure(&bytes, key.as_ref()) => ReportError::SignatureMismatch {
                path: path.display().to_string(),
                pubkey: k.display().to_string(),
                line,
                reason,
            },
            _ => ReportError::Integrity {
                path: path.display().to_string(),
                line,
                reason,
            },
        },
        other => other,
    })
}

/// True when the journal fails verification with `key` because of the key (it passes
/// without it).
fn key_failure(bytes: &[u8], key: Option<&VerifyingKey>) -> bool {
    use crate::journal::DefectCode as D;
    let with = verify_bytes(bytes, key, None);
    with.failure.as_ref().is_some_and(|d| {
        matches!(
            d.code,
            D::KeyMismatch
                | D::BadSignature
                | D::MissingSignature
                | D::UnexpectedSignature
                | D::UnsignedJournal
        )
    })
}

/// Renders a model in `format` (the redacted edition when the model was redacted with
/// [`redact::redact`]).
pub fn render(model: &ReportModel, format: Format) -> String {
    let mut doc = sections::compose(model);
    if let Some(r) = &model.redaction {
        redact::scrub(&mut doc, r);
    }
    match format {
        Format::Md => markdown::render(&doc),
        Format::Html => html::render(&doc),
        Format::Json => json::render(model),
    }
}

/// The default output path: next to the journal, `<journal>.aar.md` or `<journal>.aar.html`.
pub fn default_output(journal: &Path, format: Format) -> PathBuf {
    default_output_for(journal, format, false)
}

/// The default output path of either edition: `<journal>.aar.md` / `.aar.html`, or
/// `<journal>.aar.redacted.md` / `.aar.redacted.html` for the redacted one.
pub fn default_output_for(journal: &Path, format: Format, redacted: bool) -> PathBuf {
    let mut name = journal
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_else(|| "journal".into());
    let edition = if redacted { ".redacted" } else { "" };
    name.push(format!(".aar{edition}.{}", format.extension()));
    journal.with_file_name(name)
}

/// Where a report went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The file written, or `None` for stdout.
    pub path: Option<PathBuf>,
    /// True when the journal was sealed.
    pub sealed: bool,
    /// True when the drill is flagged as incomplete (closed as completed without an ending).
    pub incomplete: bool,
    /// The journal's evidence grade.
    pub grade: Option<crate::journal::EvidenceGrade>,
    /// Number of bytes written.
    pub bytes: usize,
    /// The report's language.
    pub lang: Lang,
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// What `kunren report` says on stderr once the report is written, in the report's language:
/// where it went, an unsealed or incomplete journal, the evidence grade.
pub fn notices(written: &Written, journal: &Path) -> Vec<String> {
    let t = written.lang.cli_text();
    let journal = journal.display();
    let mut lines = Vec::new();
    if let Some(p) = &written.path {
        lines.push(fill(
            t.report_wrote,
            &[("path", &p.display()), ("bytes", &written.bytes)],
        ));
    }
    if !written.sealed {
        lines.push(fill(t.report_unsealed, &[("path", &journal)]));
    }
    if written.incomplete {
        lines.push(fill(t.report_incomplete, &[("path", &journal)]));
    }
    if let Some(grade) = written.grade {
        lines.push(fill(
            t.report_evidence,
            &[("grade", &grade.words_in(written.lang))],
        ));
    }
    lines
}

/// Generates the report of `journal` in `format` and writes it to `out` (default: next to the
/// journal; `-` for stdout), atomically.
pub fn generate(
    journal: &Path,
    format: Format,
    out: Option<&Path>,
) -> Result<Written, ReportError> {
    generate_with(journal, format, out, false)
}

/// As [`generate`]; with `redacted`, the redacted edition (see [`redact::redact`]), written by
/// default to `<journal>.aar.redacted.<ext>`.
pub fn generate_with(
    journal: &Path,
    format: Format,
    out: Option<&Path>,
    redacted: bool,
) -> Result<Written, ReportError> {
    generate_keyed(journal, format, out, redacted, None, None)
}

/// As [`generate_with`], verifying the signatures with the public key file `pubkey` when one
/// is given ([`load_with`]), nothing written when they do not match; in `lang` when one is
/// given, else in the drill's language.
pub fn generate_keyed(
    journal: &Path,
    format: Format,
    out: Option<&Path>,
    redacted: bool,
    pubkey: Option<&Path>,
    lang: Option<Lang>,
) -> Result<Written, ReportError> {
    let mut model = load_in(journal, pubkey, lang)?;
    if redacted {
        redact::redact(&mut model);
    }
    let text = render(&model, format);
    let sealed = model.integrity.sealed;
    let incomplete = model.integrity.incomplete.is_some();
    let grade = model.integrity.grade;
    let lang = model.lang;
    if out == Some(Path::new("-")) {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|source| ReportError::Write {
                path: PathBuf::from("-"),
                source,
            })?;
        return Ok(Written {
            path: None,
            sealed,
            incomplete,
            grade,
            bytes: text.len(),
            lang,
        });
    }
    let target = out.map_or_else(
        || default_output_for(journal, format, redacted),
        Path::to_path_buf,
    );
    if target == journal || same_file(&target, journal) {
        return Err(ReportError::OverJournal(target));
    }
    atomic::write_atomic(&target, text.as_bytes()).map_err(|source| ReportError::Write {
        path: target.clone(),
        source,
    })?;
    Ok(Written {
        path: Some(target),
        sealed,
        incomplete,
        grade,
        bytes: text.len(),
        lang,
    })
}

/// The `kunren report` command: generates the report and tells the user on stderr where it
/// went. Returns the exit code (success) or the error.
pub fn command(
    journal: &Path,
    format: Format,
    out: Option<&Path>,
) -> Result<ExitCode, ReportError> {
    command_with(journal, format, out, false)
}

/// As [`command`]; with `redacted`, writes the redacted edition.
pub fn command_with(
    journal: &Path,
    format: Format,
    out: Option<&Path>,
    redacted: bool,
) -> Result<ExitCode, ReportError> {
    command_keyed(journal, format, out, redacted, None, None)
}

/// The whole `kunren report` command: as [`command_with`], with the public key file given
/// with `--pubkey` ([`generate_keyed`]) and the language given with `--lang` (else the
/// drill's), which is also the language of the lines on stderr.
pub fn command_keyed(
    journal: &Path,
    format: Format,
    out: Option<&Path>,
    redacted: bool,
    pubkey: Option<&Path>,
    lang: Option<Lang>,
) -> Result<ExitCode, ReportError> {
    let written = generate_keyed(journal, format, out, redacted, pubkey, lang)?;
    for line in notices(&written, journal) {
        eprintln!("{line}");
    }
    Ok(ExitCode::Success)
}
