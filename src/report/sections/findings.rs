//! The findings of section 7 ([`crate::report::findings`]): each strength or area for
//! improvement as a short block of observation, analysis, recommendation and references.

use crate::report::document::{Block, Inline};
use crate::report::findings::FindingKind;

use super::{Out, txt};

/// Writes the findings of one kind, under an introduction; nothing when there are none.
pub(super) fn write(o: &mut Out, kind: FindingKind) {
    let (t, m) = (o.t, o.m);
    let mine: Vec<_> = m.findings.iter().filter(|f| f.kind == kind).collect();
    if mine.is_empty() {
        return;
    }
    o.para(match kind {
        FindingKind::Strength => t.observed_strengths,
        FindingKind::AreaForImprovement => t.observed_areas,
    });
    for f in mine {
        let mut head = Vec::new();
        if let Some(r) = f.rating {
            head.push(Inline::Rating(r));
            head.push(Inline::text(" "));
        }
        head.push(Inline::Strong(f.title.clone()));
        if let Some(id) = &f.objective {
            head.push(Inline::text(" ("));
            head.push(Inline::code(id.clone()));
            head.push(Inline::text(")"));
        }
        o.blocks.push(Block::Para(head));
        let mut facts = Vec::new();
        let list = |items: &[String]| txt(items.join(" · "));
        if !f.observation.is_empty() {
            facts.push((t.f_observation.to_string(), list(&f.observation)));
        }
        if !f.analysis.is_empty() {
            facts.push((t.f_analysis.to_string(), list(&f.analysis)));
        }
        if !f.recommendation.is_empty() {
            facts.push((
                t.f_recommendation.to_string(),
                txt(f.recommendation.clone()),
            ));
        }
        if !f.references.is_empty() {
            facts.push((t.f_references.to_string(), list(&f.references)));
        }
        o.blocks.push(Block::Facts(facts));
    }
}
