//! The approval block at the end of the report: lines for the people who prepare, review and
//! approve the AAR/IP to sign on paper.

use crate::report::document::{Block, Inlines};

use super::{Out, txt};

/// The anchor of the approval block's heading.
pub(super) const ANCHOR: &str = "approval";

/// The approval block: who prepared, reviewed and approved the report, with blank signature
/// and date cells.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let blank = || txt("");
    let facilitator = m.facilitator();
    let evaluator = m
        .exercise
        .facts
        .evaluators
        .first()
        .cloned()
        .unwrap_or_default();
    let (exec, exec_role) = m
        .debrief
        .signoff_details
        .last()
        .map(|s| (s.name.clone(), s.role.clone()))
        .unwrap_or_default();
    let row = |capacity: &str, name: String, role: String| -> Vec<Inlines> {
        vec![txt(capacity), txt(name), txt(role), blank(), blank()]
    };
    let rows = vec![
        row(
            t.approval_prepared,
            facilitator,
            t.f_facilitator.to_string(),
        ),
        row(t.approval_reviewed, evaluator, String::new()),
        row(t.approval_approved, exec, exec_role),
    ];
    let mut keep = vec![Block::Heading {
        level: 2,
        anchor: ANCHOR.into(),
        text: t.h_approval.into(),
    }];
    keep.push(Block::Para(txt(t.approval_intro)));
    keep.push(Block::Table {
        head: [
            t.col_capacity,
            t.col_name,
            t.col_title,
            t.col_signature,
            t.col_date,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows,
        numeric: vec![false; 5],
        class: "approval",
    });
    o.blocks.push(Block::Keep(keep));
}
