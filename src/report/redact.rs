//! The redacted edition (`kunren report --redact`): the same report with the names of the
//! people in the drill replaced by their roles and the facilitator's private notes left out,
//! for readers outside the organisation. The integrity figures still describe the full
//! journal, so a holder of the journal can check that the redacted edition came from it.
//!
//! Two passes: [`redact`] replaces names where the model holds them (participants, the
//! facilitator, evaluators, the executives who signed off) and drops private notes; [`scrub`]
//! then replaces any of those names left inside free text (notes, hotwash lines, titles) in the
//! composed document, longest name first.

use super::document::{Block, Document, Inline};
use super::model::{Redaction, ReportModel};

/// Turns `model` into the redacted edition (idempotent).
pub fn redact(model: &mut ReportModel) {
    if model.redaction.is_some() {
        return;
    }
    let t = model.lang.report();
    let role_label = |role: &str| -> String {
        model
            .org
            .roles
            .iter()
            .find(|(id, _)| id == role)
            .map(|(_, name)| name.clone())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| role.to_string())
    };
    let mut names: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str, label: String| {
        // "Aiko Tanaka (exercise director)" is also written "Aiko Tanaka" or, with a title
        // after a comma, "Aiko Tanaka, director": replace each form.
        let full = name.trim();
        let forms = [
            full,
            full.split('(').next().unwrap_or(full).trim(),
            full.split(['(', ',', '、', '（'])
                .next()
                .unwrap_or(full)
                .trim(),
        ];
        for form in forms {
            // A name of one character would match too much text; a name equal to its label
            // needs no replacing.
            if form.chars().count() < 2 || form.eq_ignore_ascii_case(&label) {
                continue;
            }
            if !names.iter().any(|(n, _)| n == form) {
                names.push((form.to_string(), label.clone()));
            }
        }
    };
    for p in &model.header.participants {
        add(&p.name, role_label(&p.role));
    }
    let facilitator = model.header.facilitator.clone();
    if !facilitator.eq_ignore_ascii_case(super::model::UNNAMED_FACILITATOR) {
        add(&facilitator, t.facilitator_short.to_string());
    }
    for (i, e) in model.exercise.facts.evaluators.iter().enumerate() {
        add(e, format!("{} {}", t.evaluator, i + 1));
    }
    for s in &model.debrief.signoff_details {
        let label = if s.role.trim().is_empty() {
            t.executive.to_string()
        } else {
            s.role.clone()
        };
        add(&s.name, label);
    }
    names.sort_by(|a, b| {
        b.0.chars()
            .count()
            .cmp(&a.0.chars().count())
            .then(a.0.cmp(&b.0))
    });
    let label_of = |name: &str| -> Option<String> {
        names
            .iter()
            .find(|(n, _)| n == name.trim())
            .map(|(_, l)| l.clone())
    };

    // Structured fields.
    for p in &mut model.header.participants {
        p.name = role_label(&p.role);
    }
    for p in &mut model.people.participants {
        p.name = p.role_name.clone().unwrap_or_else(|| p.role.clone());
    }
    model.header.facilitator = t.facilitator_short.to_string();
    for (i, e) in model.exercise.facts.evaluators.iter_mut().enumerate() {
        *e = format!("{} {}", t.evaluator, i + 1);
    }
    for s in &mut model.debrief.signoff_details {
        if let Some(l) = label_of(&s.name) {
            s.name = l;
        }
    }
    for n in &mut model.debrief.signoffs {
        if let Some(l) = label_of(&n.text) {
            n.text = l;
        }
    }
    for s in &mut model.people.signoffs {
        if let Some(l) = label_of(s) {
            *s = l;
        }
    }
    let anonymous = |who: &mut String| {
        if who.starts_with("facilitator:") {
            *who = "facilitator:".to_string();
        }
    };
    for e in &mut model.timeline {
        anonymous(&mut e.who);
    }
    for o in &mut model.overrides {
        anonymous(&mut o.ov.by);
    }
    let d = &mut model.debrief;
    for n in d
        .notes
        .iter_mut()
        .chain(d.strengths.iter_mut())
        .chain(d.areas.iter_mut())
        .chain(d.signoffs.iter_mut())
    {
        anonymous(&mut n.who);
    }
    let before = d.notes.len();
    d.notes.retain(|n| !n.private);
    let private_notes = before - d.notes.len();
    model.redaction = Some(Redaction {
        names,
        private_notes,
    });
}

/// Replaces every name of `r` left in the document's text by its label.
pub fn scrub(doc: &mut Document, r: &Redaction) {
    if r.names.is_empty() {
        return;
    }
    let fix = |s: &mut String| {
        for (name, label) in &r.names {
            if s.contains(name.as_str()) {
                *s = s.replace(name.as_str(), label);
            }
        }
    };
    fix(&mut doc.title);
    fix(&mut doc.footer);
    if let Some(h) = &mut doc.handling {
        fix(h);
    }
    for b in &mut doc.blocks {
        block(b, &fix);
    }
}

fn inlines(items: &mut [Inline], fix: &impl Fn(&mut String)) {
    for i in items {
        match i {
            Inline::Text(s)
            | Inline::Strong(s)
            | Inline::Code(s)
            | Inline::Badge(_, s)
            | Inline::Struck(s) => fix(s),
            Inline::Rating(_) => {}
        }
    }
}

fn block(b: &mut Block, fix: &impl Fn(&mut String)) {
    match b {
        Block::Heading { text, .. } => fix(text),
        Block::Para(items) | Block::Callout(_, items) => inlines(items, fix),
        Block::Facts(rows) => {
            for (label, value) in rows {
                fix(label);
                inlines(value, fix);
            }
        }
        Block::Table { head, rows, .. } => {
            for h in head {
                fix(h);
            }
            for row in rows {
                for cell in row {
                    inlines(cell, fix);
                }
            }
        }
        Block::List(items) => {
            for i in items {
                inlines(i, fix);
            }
        }
        Block::Code(s) => fix(s),
        Block::Chart(c) => {
            fix(&mut c.title);
            for s in &mut c.series {
                fix(&mut s.name);
            }
        }
        Block::PageBreak => {}
        Block::Keep(blocks) => {
            for b in blocks {
                block(b, fix);
            }
        }
    }
}
