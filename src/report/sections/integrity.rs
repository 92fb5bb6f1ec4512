//! Section 9, integrity of the evidence: the journal's hashes, seal and signature, the
//! consistency of its numbers, and the commands that re-check it.

use crate::i18n::Lang;
use crate::i18n::report::{Text, fill};
use crate::journal::{CloseStatus, EvidenceGrade, Incomplete, SignatureStatus};
use crate::report::document::{Block, Inline, Inlines, Tone};
use crate::report::model::Inconsistency;
use crate::report::text;

use super::{Out, badge, code, txt};

/// Section 9: the journal's integrity facts, the consistency checks and how to re-check them.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let i = &m.integrity;
    let mut f: Vec<(String, Inlines)> = Vec::new();
    f.push((t.f_journal.into(), code(i.file_name.clone())));
    f.push((t.f_sha256.into(), code(i.file_sha256.clone())));
    f.push((
        t.f_size.into(),
        txt(fill(
            t.size_records,
            &[
                ("bytes", &i.file_bytes),
                ("records", &i.records),
                ("checkpoints", &i.checkpoints),
            ],
        )),
    ));
    f.push((
        t.f_merkle.into(),
        vec![
            Inline::code(i.merkle_root.clone()),
            Inline::text(format!(" ({})", fill(t.tree_size, &[("n", &i.records)]))),
        ],
    ));
    f.push((
        t.f_sealed.into(),
        if i.sealed {
            badge(Tone::Good, t.yes_sealed)
        } else {
            badge(Tone::Bad, t.not_sealed)
        },
    ));
    let closed = match i.closed {
        Some(CloseStatus::Completed) => badge(Tone::Good, t.completed),
        Some(CloseStatus::Aborted) => {
            let mut v = badge(Tone::Warn, t.aborted);
            if !i.close_reason.is_empty() {
                v.push(Inline::text(format!(" — {}", i.close_reason)));
            }
            v
        }
        None => badge(Tone::Warn, t.not_closed),
    };
    f.push((t.f_closed.into(), closed));
    let sig = match &i.signature {
        SignatureStatus::Unsigned => {
            let mut v = badge(Tone::Warn, grade_words(m.lang, EvidenceGrade::Unsigned));
            v.push(Inline::text(format!(" {}", t.sig_unsigned_note)));
            v
        }
        SignatureStatus::SignedNoPubkey {
            key_id,
            checkpoints,
            ..
        } => {
            let mut v = badge(
                Tone::Warn,
                grade_words(m.lang, EvidenceGrade::SignedKeyNotChecked),
            );
            v.push(Inline::text(format!(
                " {}",
                fill(t.sig_unchecked_note, &[("n", checkpoints), ("id", key_id)])
            )));
            v
        }
        SignatureStatus::Verified {
            key_id,
            checkpoints,
            ..
        } => {
            let mut v = badge(
                Tone::Good,
                grade_words(m.lang, EvidenceGrade::SignatureVerified),
            );
            v.push(Inline::text(format!(
                " {}",
                fill(t.sig_verified_note, &[("n", checkpoints), ("id", key_id)])
            )));
            v
        }
        SignatureStatus::Bad { reason } => badge(Tone::Bad, reason.clone()),
        SignatureStatus::Unknown => badge(Tone::Bad, t.unknown),
    };
    f.push((t.f_signature.into(), sig));
    if matches!(
        i.signature,
        SignatureStatus::SignedNoPubkey { .. } | SignatureStatus::Verified { .. }
    ) {
        let fingerprint = i
            .signature
            .fingerprint()
            .map_or_else(|| txt(t.no_checkpoint_yet), |fp| code(fp.to_string()));
        f.push((t.f_fingerprint.into(), fingerprint));
        if let SignatureStatus::SignedNoPubkey {
            public_key: Some(pk),
            ..
        }
        | SignatureStatus::Verified {
            public_key: Some(pk),
            ..
        } = &i.signature
        {
            f.push((t.f_public_key.into(), code(pk.clone())));
        }
    }
    if let Some(inc) = &i.incomplete {
        f.push((
            t.f_complete.into(),
            badge(
                Tone::Bad,
                fill(t.incomplete_value, &[("at", &incomplete_at(t, inc))]),
            ),
        ));
    }
    if let Some(torn) = &i.torn_tail {
        f.push((
            t.f_torn.into(),
            badge(Tone::Bad, fill(t.banner_torn, &[("bytes", &torn.bytes)])),
        ));
    }
    for (line, bytes) in &i.recoveries {
        f.push((
            t.k_recovered.into(),
            txt(format!(
                "{} {line}: {}",
                t.col_line,
                fill(t.bytes_moved, &[("bytes", bytes)])
            )),
        ));
    }
    o.blocks.push(Block::Facts(f));

    o.h(3, "consistency", t.h_consistency);
    if m.checks.is_empty() {
        o.callout(
            Tone::Good,
            fill(
                t.consistent,
                &[
                    ("lines", &m.score_lines.len()),
                    ("overrides", &m.overrides.len()),
                ],
            ),
        );
    } else {
        o.callout(Tone::Bad, t.banner_inconsistent);
        let items = m
            .checks
            .iter()
            .map(|c| {
                txt(match c {
                    Inconsistency::Objective {
                        id,
                        recorded,
                        computed,
                    } => fill(
                        t.check_objective,
                        &[
                            ("id", id),
                            (
                                "recorded",
                                &format!("{}/{} {}", recorded.0, recorded.1, recorded.2.letter()),
                            ),
                            (
                                "computed",
                                &format!("{}/{} {}", computed.0, computed.1, computed.2.letter()),
                            ),
                        ],
                    ),
                    Inconsistency::ObjectiveSet { id } => fill(t.check_set, &[("id", id)]),
                    Inconsistency::Total {
                        turn,
                        recorded,
                        computed,
                    } => fill(
                        t.check_total,
                        &[
                            ("turn", turn),
                            ("recorded", recorded),
                            ("computed", computed),
                        ],
                    ),
                    Inconsistency::Text {
                        line,
                        kind,
                        recorded,
                        rendered,
                    } => fill(
                        t.check_text,
                        &[
                            ("line", line),
                            ("kind", kind),
                            ("recorded", recorded),
                            ("rendered", rendered),
                        ],
                    ),
                    Inconsistency::Unreadable { line, kind } => {
                        fill(t.check_unreadable, &[("line", line), ("kind", kind)])
                    }
                })
            })
            .collect();
        o.blocks.push(Block::List(items));
    }

    let j = text::shell_quote(&i.file_name);
    let anchor = text::shell_quote(&format!("{}.anchor", i.file_name));
    let mut cmds = String::new();
    cmds.push_str(&format!(
        "# {}\nsha256sum {j}\n",
        fill(t.cmd_sha, &[("sha", &i.file_sha256)])
    ));
    cmds.push_str(&format!("# {}\nkunren verify {j}\n", t.cmd_verify));
    if matches!(
        i.signature,
        SignatureStatus::SignedNoPubkey { .. } | SignatureStatus::Verified { .. }
    ) {
        cmds.push_str(&format!(
            "# {}\nkunren verify {j} --pubkey facilitator.pub\nkunren report {j} --pubkey facilitator.pub\n",
            t.cmd_pubkey
        ));
    }
    cmds.push_str(&format!(
        "# {}\nprintf '%s %s\\n' {} {} > {anchor}\nkunren verify {j} --checkpoint {anchor}\n",
        t.cmd_anchor, i.records, i.merkle_root
    ));
    cmds.push_str(&format!("# {}\nkunren replay {j}\n", t.cmd_replay));
    if o.m.redaction.is_some() {
        cmds.push_str(&format!(
            "# {}\nkunren report {j} --format html --redact\n",
            t.cmd_report_redacted
        ));
    } else {
        cmds.push_str(&format!(
            "# {}\nkunren report {j} --format html\n",
            t.cmd_report
        ));
    }
    // Heading, introduction and commands stay together on one printed page.
    o.blocks.push(Block::Keep(vec![
        Block::Heading {
            level: 3,
            anchor: "how-to-verify".into(),
            text: t.h_verify.into(),
        },
        Block::Para(txt(t.verify_intro)),
        Block::Code(cmds),
    ]));
}

/// The evidence grade in the report's language: the words `kunren verify` prints in English.
pub(crate) fn grade_words(lang: Lang, grade: EvidenceGrade) -> &'static str {
    grade.words_in(lang)
}

/// Where an incomplete drill's record stops, in words.
pub(crate) fn incomplete_at(t: &Text, inc: &Incomplete) -> String {
    match (inc.last_turn, inc.max_turns) {
        (Some(turn), Some(max)) => fill(t.at_turn_of, &[("turn", &turn), ("max", &max)]),
        (Some(turn), None) => fill(t.at_turn, &[("turn", &turn)]),
        (None, _) => t.at_no_turn.to_string(),
    }
}
