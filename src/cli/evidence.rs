//! Evidence commands: `verify`, `keygen` and `replay` (`report` is [`crate::report::command_with`]).

use std::path::Path;

use super::bundle_for_journal_in;
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
    outln!(
        "fingerprint: {} (what `kunren verify` and `kunren report` show for journals signed \
         with this key)",
        files.fingerprint
    );
    Ok(ExitCode::Success)
}

pub(super) fn cmd_replay(
    journal: &Path,
    scenario: Option<String>,
    org: Option<String>,
    lang: crate::i18n::Lang,
) -> Result<ExitCode, Failure> {
    let (bundle, contents) =
        bundle_for_journal_in(journal, scenario.as_deref(), org.as_deref(), lang)?;
    let h = &contents.header;
    let mut replayer = match crate::session::Replayer::for_header(bundle, h) {
        Ok(r) => r,
        Err(e @ crate::session::SessionError::OtherRules(_)) => {
            outln!("replay of {}: OTHER RULES", journal.display());
            return Err(Failure::new(ExitCode::OtherRules.code(), format!("{e}")));
        }
        Err(e) => {
            outln!("replay of {}: DIVERGENT", journal.display());
            return Err(Failure::new(e.exit_code(), e.to_string()));
        }
    };
    for r in &contents.records {
        if let Err(e) = replayer.feed(r) {
            outln!("replay of {}: DIVERGENT", journal.display());
            return Err(Failure::new(ExitCode::Integrity, e.to_string()));
        }
    }
    let missing = replayer.finish();
    if let Some(status) = contents.closed {
        use crate::journal::CloseStatus;
        let over = replayer.engine.is_over();
        let problem = if status == CloseStatus::Completed && !over {
            Some(format!(
                "the journal is closed as completed, but the replayed drill had not ended: it \
                 stops in turn {} without an ending or the turn limit",
                replayer.engine.turn()
            ))
        } else if status == CloseStatus::Aborted && over {
            Some("the journal is closed as aborted, but the replayed drill had ended".to_owned())
        } else if !missing.is_empty() {
            Some(format!(
                "the journal is closed, but {} engine record(s) of its last turn are missing",
                missing.len()
            ))
        } else {
            None
        };
        if let Some(p) = problem {
            outln!("replay of {}: DIVERGENT", journal.display());
            return Err(Failure::new(ExitCode::Integrity, p));
        }
    }
    let score_lines = contents
        .records
        .iter()
        .filter(|r| r.kind == crate::journal::RecordKind::ScoreLine)
        .count();
    outln!(
        "replay of {}: identical — header facts, {} input records and {} output records \
         compared (kind, turn, actor and body; {} score lines), final total {}",
        journal.display(),
        replayer.inputs,
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
