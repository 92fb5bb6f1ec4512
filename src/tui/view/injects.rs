//! The injects panel: this turn's injects with their roles and artifacts, then earlier ones.

use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::i18n::S;
use super::super::model::Model;
use super::describe::channel;
use super::theme;
use super::util::{Doc, fit};
use crate::engine::InjectView;
use crate::scenario::Artifact;

/// The panel's lines at a width.
pub fn lines(app: &App, model: &Model, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let team = model.team();
    let mut doc = Doc::new(width);
    if team.injects.is_empty() {
        doc.text(0, lang.t(S::NoInjects), theme::dim());
    }
    for inj in &team.injects {
        inject(app, model, inj, &mut doc);
        doc.blank();
    }
    if !team.earlier.is_empty() {
        if team.injects.is_empty() {
            doc.blank();
        }
        doc.section(lang.t(S::Earlier));
        for i in &team.earlier {
            let text = format!("T{} [{}] {}", i.turn, channel(i.channel, lang), i.title);
            doc.spans(vec![Span::styled(fit(&text, width), theme::dim())]);
        }
    }
    doc.lines
}

fn inject(app: &App, model: &Model, inj: &InjectView, doc: &mut Doc) {
    let lang = app.lang;
    let tag = format!("[{}] ", channel(inj.channel, lang));
    let tag_style = match inj.channel {
        crate::scenario::Channel::Attacker => theme::bad(),
        crate::scenario::Channel::Alert => theme::warn(),
        _ => theme::section(),
    };
    let title_room = doc.width.saturating_sub(super::util::width(&tag));
    doc.spans(vec![
        Span::styled(tag, tag_style),
        Span::styled(fit(&inj.title, title_room), theme::bold()),
    ]);
    let mut meta = Vec::new();
    if !inj.from.is_empty() {
        meta.push(format!("{} {}", lang.t(S::From), inj.from));
    }
    if !inj.to.is_empty() {
        let to: Vec<String> = inj.to.iter().map(|r| model.person(r)).collect();
        meta.push(format!("{} {}", lang.t(S::To), to.join(", ")));
    }
    if inj.by_facilitator {
        meta.push(lang.t(S::ByFacilitator).to_string());
    }
    if !meta.is_empty() {
        doc.text(2, &meta.join(" · "), theme::dim());
    }
    if !inj.text.is_empty() {
        doc.text(2, &inj.text, ratatui::style::Style::new());
    }
    for a in &inj.artifacts {
        match a {
            Artifact::Log(text) => {
                for l in text.lines() {
                    doc.text(2, &format!("│ {l}"), theme::artifact());
                }
            }
            Artifact::Email(from, subject, body) => {
                doc.text(
                    2,
                    &format!("✉ {}", lang.f(S::EmailFrom, &[from])),
                    theme::artifact(),
                );
                doc.text(4, &lang.f(S::EmailSubject, &[subject]), theme::artifact());
                doc.text(4, body, theme::artifact());
            }
            Artifact::Note(text) => doc.text(2, &format!("» {text}"), theme::artifact()),
        }
    }
    if let Some(id) = &inj.decision
        && let Some(d) = model.team().decisions.iter().find(|d| &d.id == id)
    {
        match &d.queued {
            None => doc.text(
                2,
                &format!("⚑ {}", lang.f(S::DecisionNeeded, &[&d.prompt])),
                theme::warn(),
            ),
            Some(o) => {
                let label = d.label_of(o);
                doc.text(
                    2,
                    &format!("⚑ {} — {}", d.prompt, lang.f(S::Chosen, &[&label])),
                    theme::good(),
                );
            }
        }
    }
}
