//! Text rendering of a [`Verification`] for people ([`Verification::render_text`]). A leaf:
//! verification itself does not depend on how its report is worded.

use std::fmt::Write;

use super::verify::{EvidenceGrade, SignatureStatus, Verification, VerifyOutcome};

fn verdict(report: &Verification) -> &'static str {
    match report.outcome {
        VerifyOutcome::ValidSealed => "VALID AND SEALED",
        VerifyOutcome::ValidUnsealed if report.torn_tail.is_some() => {
            "VALID, BUT ENDS IN A TORN TAIL (not sealed)"
        }
        VerifyOutcome::ValidUnsealed => "VALID, BUT NOT SEALED",
        VerifyOutcome::IntegrityFailure => "INTEGRITY FAILURE",
        VerifyOutcome::Error => "ERROR",
    }
}

impl Verification {
    /// The report as text for people: aligned `label: value` lines followed by advice.
    pub fn render_text(&self) -> String {
        render(self)
    }
}

fn render(r: &Verification) -> String {
    let mut out = String::new();
    let mut row = |label: &str, value: &str| {
        let _ = writeln!(out, "{label:<13} {value}");
    };
    row("journal:", &r.journal);
    row("result:", &format!("{} (exit {})", verdict(r), r.exit_code));
    if let Some(error) = &r.error {
        row("error:", error);
        return out;
    }
    if let Some(id) = &r.drill_id {
        let title = r.drill_title.as_deref().unwrap_or("");
        let scenario = r.scenario_id.as_deref().unwrap_or("?");
        let org = r.org_id.as_deref().unwrap_or("?");
        row(
            "drill:",
            &format!("{id} \"{title}\" (scenario {scenario}, org {org})"),
        );
    }
    let closed = match r.closed {
        Some(status) => format!("drill closed: {}", status.as_str()),
        None => "drill not closed".to_owned(),
    };
    row(
        "records:",
        &format!(
            "{} valid lines, {} checkpoints, {closed}",
            r.records, r.checkpoints
        ),
    );
    if let Some(root) = &r.merkle_root {
        row(
            "merkle root:",
            &format!("{root} (of the {} valid lines)", r.records),
        );
    }
    if let (Some(sha), Some(bytes)) = (&r.file_sha256, r.file_bytes) {
        row("file sha256:", &format!("{sha} ({bytes} bytes)"));
    }
    let signature = match &r.signature {
        SignatureStatus::Unknown => "unknown (no valid header)".to_owned(),
        SignatureStatus::Unsigned => format!(
            "{} (nothing in the journal shows who wrote it)",
            EvidenceGrade::Unsigned.words()
        ),
        SignatureStatus::Verified { checkpoints, .. } => format!(
            "{} ({checkpoints} checkpoint signatures verified with the given public key)",
            EvidenceGrade::SignatureVerified.words()
        ),
        SignatureStatus::SignedNoPubkey { checkpoints, .. } => format!(
            "{} ({checkpoints} checkpoint signatures consistent with the key stored in the \
             journal, but anybody can re-sign a journal with a key of their own: compare the \
             fingerprint below with the facilitator's key, or give --pubkey)",
            EvidenceGrade::SignedKeyNotChecked.words()
        ),
        SignatureStatus::Bad { reason } => format!("BAD: {reason}"),
    };
    row("signature:", &signature);
    if let SignatureStatus::Verified { key_id, .. }
    | SignatureStatus::SignedNoPubkey { key_id, .. } = &r.signature
    {
        let fingerprint = r
            .signature
            .fingerprint()
            .unwrap_or("unknown (no checkpoint yet)");
        row("key:", &format!("id {key_id}, fingerprint {fingerprint}"));
    }
    if let Some(i) = &r.incomplete {
        row(
            "incomplete:",
            &format!("{} ({})", i.message, serde_name(&i.code)),
        );
    }
    if let Some(a) = &r.anchor {
        let verdict = if a.matched {
            "matches"
        } else {
            "DOES NOT MATCH"
        };
        row(
            "checkpoint:",
            &format!("external checkpoint {} {} {verdict}", a.tree_size, a.root),
        );
    }
    if let Some(t) = &r.torn_tail {
        row(
            "torn tail:",
            &format!("{} bytes at offset {}: {}", t.bytes, t.offset, t.reason),
        );
    }
    if let Some(f) = &r.failure {
        let at = f.line.map_or(String::new(), |l| format!("line {l}: "));
        row(
            "failure:",
            &format!("{at}{} ({})", f.message, serde_code(f)),
        );
    }
    out.push_str(advice(r));
    if r.incomplete.is_some() && r.failure.is_none() {
        out.push_str(
            "The drill is closed as completed, but its record stops before an ending or the \
             turn limit: treat its results as provisional (`kunren replay` re-derives where it \
             really stopped).\n",
        );
    }
    out
}

fn serde_code(f: &super::scan::Defect) -> String {
    serde_name(&f.code)
}

fn serde_name<T: serde::Serialize>(code: &T) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn advice(r: &Verification) -> &'static str {
    match r.outcome {
        VerifyOutcome::ValidSealed => {
            "\nThe chain, every checkpoint and the seal are intact. Compare the merkle root \
             above with the root recorded outside the file (AAR, --checkpoint) to rule out a \
             rewritten journal.\n"
        }
        VerifyOutcome::ValidUnsealed if r.torn_tail.is_some() => {
            "\nThe last write was interrupted. Continue the drill with `kunren play ... --resume \
             JOURNAL` to move the torn bytes to a side file, or keep the file as it is.\n"
        }
        VerifyOutcome::ValidUnsealed => {
            "\nEvery line is intact but the journal is not sealed: the drill is still running, \
             was interrupted, or records were removed from the end. Only an external checkpoint \
             (--checkpoint) can tell the last case apart.\n"
        }
        VerifyOutcome::IntegrityFailure => {
            "\nThe journal was changed or damaged. Keep the file unchanged as evidence.\n"
        }
        VerifyOutcome::Error => "",
    }
}
