//! Evidence commands: `verify`, `keygen` and `replay`.

use std::path::Path;

use super::bundle_for_journal;
use crate::exit::{ExitCode, Failure};

pub(super) fn cmd_verify(
    journal: &Path,
    pubkey: Option<&Path>,
    checkpoint: Option<&Path>,
    json: bool,
) -> Result<ExitCode, Failure> {
    let report = crate::journal::verify_files(journal, pubkey, checkpoint);
    if json {
        outln!("{}", report.render_json());
    } else {
        out!("{}", report.render_text());
    }
    Ok(report.outcome.exit_code())
}

pub(super) fn cmd_keygen(out: &Path) -> Result<ExitCode, Failure> {
    let files = crate::journal::keygen(out).map_err(|e| Failure::error(e.exit_code(), e))?;
    outln!("private key: {} (keep it secret)", files.private.display());
    outln!(
        "public key:  {} (give it to the inspector)",
        files.public.display()
    );
    outln!("key id:      {}", files.key_id);
    Ok(ExitCode::Success)
}

pub(super) fn cmd_replay(
    journal: &Path,
    scenario: Option<String>,
    org: Option<String>,
) -> Result<ExitCode, Failure> {
    let (bundle, contents) = bundle_for_journal(journal, scenario.as_deref(), org.as_deref())?;
    let h = &contents.header;
    if let Err(e) = crate::session::check_rules(h) {
        outln!("replay of {}: OTHER RULES", journal.display());
        return Err(Failure::new(
            crate::exit::ExitCode::OtherRules.code(),
            format!("{e}"),
        ));
    }
    let mut replayer = crate::session::Replayer::new(bundle, h.seed);
    for r in &contents.records {
        if let Err(e) = replayer.feed(r) {
            outln!("replay of {}: DIVERGENT", journal.display());
            return Err(Failure::new(ExitCode::Integrity, e.to_string()));
        }
    }
    let missing = replayer.finish();
    let score_lines = contents
        .records
        .iter()
        .filter(|r| r.kind == crate::journal::RecordKind::ScoreLine)
        .count();
    outln!(
        "replay of {}: identical — {} output records compared ({} score lines), final total {}",
        journal.display(),
        replayer.compared,
        score_lines,
        replayer.engine.summary().total
    );
    if !missing.is_empty() {
        outln!(
            "note: the journal stops {} engine record(s) short of the end of its last turn (interrupted)",
            missing.len()
        );
    }
    Ok(ExitCode::Success)
}
