//! The drill register: every drill of an organisation, read from the journals under a
//! directory, with its ratings, clocks and evidence, the ratings trend, the next drill due and
//! the improvement plan tracked to completion across drills.
//!
//! `kunren register DIR [--format text|md|html|json] [--summary] [--every 12m] [--as-of DATE]`
//! reads every journal under `DIR` (recursively) through the report's own model
//! ([`crate::report::model_from_bytes`]), so each drill's ratings, clock verdicts and plan
//! items are the ones its report prints. Journals that fail verification, cannot be read, are
//! not kunren journals, belong to another organisation or repeat a drill id are listed with the
//! reason, never skipped silently.
//!
//! One job per file: [`scan`] (finding and reading journals), [`build`] (the register from the
//! models), [`model`] (the types), [`dates`] (periods and dates), [`compose`] (the register and
//! the annual summary as the report's [`crate::report::document::Document`], rendered by the
//! report's Markdown and HTML renderers), [`text`] (plain text), [`json`]. The format is
//! described in `docs/register.md`.

pub mod build;
pub mod compose;
pub mod dates;
pub mod json;
pub mod model;
pub mod scan;
pub mod text;

pub use build::{DirError, Options, build};
pub use dates::Period;
pub use model::{DrillEntry, DrillStatus, FileEntry, FileStatus, Grade, ItemHistory, Register};

/// Output format of the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Plain text for a terminal.
    #[default]
    Text,
    /// Markdown for GitHub, GitLab and other forges.
    Md,
    /// One self-contained HTML file (inline CSS and SVG trend charts), printable on A4.
    Html,
    /// The register as one JSON document (schema `kunren-register/1`), for tools.
    Json,
}

/// Renders the register (or, with `summary`, the annual evidence summary) in `format`.
pub fn render(r: &Register, format: Format, summary: bool) -> String {
    let doc = || {
        if summary {
            compose::summary(r)
        } else {
            compose::register(r, format == Format::Html)
        }
    };
    match format {
        Format::Json => json::render(r, summary),
        Format::Text => text::render(&doc()),
        Format::Md => crate::report::markdown::render(&doc()),
        Format::Html => crate::report::html::render(&doc()),
    }
}
