//! Section 8, compliance mapping: the requirements of the regimes and what the drill shows for
//! each.

use crate::report::compliance::{self, Status};
use crate::report::document::Tone;
use crate::report::i18n::fill;

use super::{Out, badge, txt};

/// Section 8: the compliance table and its summary.
pub(super) fn write(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    o.para(t.compliance_intro);
    let rows = compliance::map(m);
    let gaps = rows.iter().filter(|r| r.status == Status::Gap).count();
    let partial = rows.iter().filter(|r| r.status == Status::Partial).count();
    let table = rows
        .into_iter()
        .map(|r| {
            let status = match r.status {
                Status::Met => badge(Tone::Good, t.c_met),
                Status::Partial => badge(Tone::Warn, t.c_partial),
                Status::Gap => badge(Tone::Bad, t.c_gap),
                Status::NotApplicable => badge(Tone::Info, t.c_na),
            };
            vec![
                txt(r.control),
                txt(r.requirement),
                status,
                txt(r.evidence),
                txt(r.gap),
            ]
        })
        .collect();
    o.table_c(
        "compliance",
        &[
            t.col_control,
            t.col_requirement,
            t.col_status,
            t.col_evidence,
            t.col_gap,
        ],
        &[false; 5],
        table,
    );
    if gaps + partial > 0 {
        o.callout(
            if gaps > 0 { Tone::Bad } else { Tone::Warn },
            fill(t.gaps_summary, &[("gaps", &gaps), ("partial", &partial)]),
        );
    } else {
        o.callout(Tone::Good, t.no_gaps);
    }
}
