//! The organisation board: services, assets by zone, and the attacker as the team knows it (or,
//! in the control view, as it really is). Each part draws the view the model holds.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::i18n::{Lang, S};
use super::super::model::{Model, Shown};
use super::theme;
use super::util::{Doc, pad};
use crate::engine::components::ServiceStatus;
use crate::engine::{AssetView, StageView};
use crate::session::{TeamAsset, TeamStage};

/// Zones with at most this many assets list every asset; larger ones list notable ones only.
const LIST_ALL: usize = 6;
/// At most this many notable assets are listed per zone.
const MAX_NOTABLE: usize = 12;

/// The panel's lines at a width.
pub fn lines(app: &App, model: &Model, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut doc = Doc::new(width);
    services(model, lang, width, &mut doc);
    doc.blank();
    doc.section(lang.t(S::Assets));
    match &model.shown {
        Shown::Team { view, .. } => {
            let tags: Vec<_> = view.assets.iter().map(|a| team_tags(a, lang)).collect();
            assets(model, &tags, lang, width, &mut doc);
            doc.blank();
            team_stages(&view.stages, lang, &mut doc);
        }
        Shown::Control { view, .. } => {
            let tags: Vec<_> = view
                .snapshot
                .assets
                .iter()
                .map(|a| control_tags(a, lang))
                .collect();
            assets(model, &tags, lang, width, &mut doc);
            doc.blank();
            control_stages(&view.snapshot.stages, lang, &mut doc);
        }
    }
    clocks(model, lang, &mut doc);
    doc.lines
}

/// Every regulatory clock with its whole title and regime (the header's clock lines cut them
/// on a small terminal) and its state.
fn clocks(model: &Model, lang: Lang, doc: &mut Doc) {
    let rows = super::header::clock_rows(model);
    if rows.is_empty() {
        return;
    }
    doc.blank();
    doc.section(lang.t(S::ResClocks));
    let (started, waiting) = super::header::clock_entries(&rows);
    for c in started.iter().chain(&waiting) {
        let (state, style) = super::header::clock_state(c, model, lang);
        let (title, regime) = super::header::clock_names(c, lang);
        doc.text(1, &format!("⏱ {title} — {regime}"), Style::new());
        doc.text(4, &state, style);
    }
}

fn services(model: &Model, lang: Lang, width: usize, doc: &mut Doc) {
    doc.section(lang.t(S::Services));
    let services = &model.team().services;
    let name_w = services
        .iter()
        .map(|s| super::util::width(&s.name))
        .max()
        .unwrap_or(0)
        .min(width.saturating_sub(14));
    for s in services {
        let (word, style) = match s.status {
            ServiceStatus::Up => (lang.t(S::Up).to_string(), theme::good()),
            ServiceStatus::Degraded => (lang.t(S::Degraded).to_string(), theme::warn()),
            ServiceStatus::Down => (lang.t(S::Down).to_string(), theme::bad()),
        };
        let mut spans = vec![
            Span::styled(" ● ", style),
            Span::raw(pad(&s.name, name_w)),
            Span::raw(" "),
            Span::styled(word, style),
        ];
        if s.down_turns > 0 {
            spans.push(Span::styled(
                format!(" · {}", lang.f(S::DownFor, &[&s.down_turns])),
                theme::dim(),
            ));
        }
        doc.spans(spans);
    }
}

/// Assets by zone; `tags[i]` are the state tags of asset `i` (organisation order). An asset
/// is notable when it has a tag.
fn assets(model: &Model, tags: &[Vec<(String, Style)>], lang: Lang, width: usize, doc: &mut Doc) {
    let notable = |i: usize| tags.get(i).is_some_and(|t| !t.is_empty());
    let listed: Vec<(&str, usize, Vec<usize>, usize)> = model
        .zone_groups
        .iter()
        .map(|(_, name, idx)| {
            let shown: Vec<usize> = if idx.len() <= LIST_ALL {
                idx.clone()
            } else {
                idx.iter()
                    .copied()
                    .filter(|&i| notable(i))
                    .take(MAX_NOTABLE + 1)
                    .collect()
            };
            let notable_n = if idx.len() <= LIST_ALL {
                0
            } else {
                idx.iter().filter(|&&i| notable(i)).count()
            };
            (name.as_str(), idx.len(), shown, notable_n)
        })
        .collect();
    let name = |i: usize| model.asset_names.get(i).map_or("", |(_, n)| n.as_str());
    let asset_w = listed
        .iter()
        .flat_map(|(_, _, shown, _)| shown.iter().map(|&i| super::util::width(name(i))))
        .max()
        .unwrap_or(0)
        .min(width / 2);
    for (zname, count, shown, notable_n) in listed {
        doc.text(1, &format!("{zname} ({count})"), theme::bold());
        for &i in shown.iter().take(MAX_NOTABLE) {
            let mut spans = vec![Span::raw("   "), Span::raw(pad(name(i), asset_w))];
            let t = tags.get(i).map(Vec::as_slice).unwrap_or(&[]);
            if t.is_empty() {
                spans.push(Span::styled(" ✓", theme::good()));
            }
            for (text, style) in t {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(text.clone(), *style));
            }
            doc.spans(spans);
        }
        if notable_n > MAX_NOTABLE {
            doc.spans(vec![Span::styled(
                format!(
                    "   {}",
                    lang.f(S::MoreNotable, &[&(notable_n - MAX_NOTABLE)])
                ),
                theme::warn(),
            )]);
        }
        let rest = if count <= LIST_ALL {
            0
        } else {
            count - notable_n
        };
        if rest > 0 {
            doc.spans(vec![Span::styled(
                format!("   {}", lang.f(S::AllOk, &[&rest])),
                theme::dim(),
            )]);
        }
    }
}

/// The technique's ATT&CK name after a stage's line (cut at the panel's edge first).
fn technique_name(id: &str) -> Span<'static> {
    match crate::scenario::attack::name_of(id) {
        Some(name) => Span::styled(format!(" · {name}"), theme::dim()),
        None => Span::raw(""),
    }
}

/// The attacker as the team knows it: the stages it has detected.
fn team_stages(stages: &[TeamStage], lang: Lang, doc: &mut Doc) {
    doc.section(lang.t(S::Attacker));
    if stages.is_empty() {
        doc.text(1, lang.t(S::NothingKnown), theme::dim());
    }
    for s in stages {
        doc.spans(vec![
            Span::styled(format!(" {:<10}", s.technique), theme::dim()),
            Span::raw(format!("{} ", s.title)),
            Span::styled(lang.f(S::StageKnown, &[&s.known]), theme::warn()),
            technique_name(&s.technique),
        ]);
    }
}

/// Every stage of the campaign as it really is.
fn control_stages(stages: &[StageView], lang: Lang, doc: &mut Doc) {
    doc.section(lang.t(S::AttackerTruth));
    for s in stages {
        let (state, style) = match (s.reached, s.known, s.halted) {
            (_, _, Some(h)) => (lang.f(S::StageHalted, &[&h]), theme::good()),
            (Some(r), Some(k), None) => (
                format!(
                    "{} · {}",
                    lang.f(S::StageReached, &[&r]),
                    lang.f(S::StageKnown, &[&k])
                ),
                theme::warn(),
            ),
            (Some(r), None, None) => (
                format!(
                    "{} · {}",
                    lang.f(S::StageReached, &[&r]),
                    lang.t(S::StageHiddenTag)
                ),
                theme::secret(),
            ),
            (None, _, None) => (lang.t(S::StagePending).to_string(), theme::dim()),
        };
        doc.spans(vec![
            Span::styled(format!(" {:<10}", s.technique), theme::dim()),
            Span::raw(format!("{} ", s.title)),
            Span::styled(state, style),
            technique_name(&s.technique),
        ]);
    }
}

/// The state tags of an asset as the team knows it.
pub fn team_tags(a: &TeamAsset, lang: Lang) -> Vec<(String, Style)> {
    let mut t = Vec::new();
    if a.known_compromised {
        t.push((lang.t(S::TagCompromised).to_string(), theme::bad()));
    }
    state_tags(a.encrypted, a.isolated, a.rebuilding, lang, &mut t);
    t
}

/// The state tags of an asset as it really is (a foothold the team does not know is marked).
pub fn control_tags(a: &AssetView, lang: Lang) -> Vec<(String, Style)> {
    let mut t = Vec::new();
    if a.known_compromised {
        t.push((lang.t(S::TagCompromised).to_string(), theme::bad()));
    } else if a.compromised {
        t.push((lang.t(S::TagHidden).to_string(), theme::secret()));
    }
    state_tags(a.encrypted, a.isolated, a.rebuilding, lang, &mut t);
    t
}

fn state_tags(
    encrypted: bool,
    isolated: bool,
    rebuilding: u32,
    lang: Lang,
    t: &mut Vec<(String, Style)>,
) {
    if encrypted {
        t.push((lang.t(S::TagEncrypted).to_string(), theme::bad()));
    }
    if isolated {
        t.push((lang.t(S::TagIsolated).to_string(), theme::warn()));
    }
    if rebuilding > 0 {
        t.push((lang.f(S::TagRebuilding, &[&rebuilding]), theme::warn()));
    }
}
