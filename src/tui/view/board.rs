//! The organisation board: services, assets by zone, and the attacker as the team knows it (or,
//! in the control view, as it really is).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::i18n::{Lang, S};
use super::super::model::Model;
use super::theme;
use super::util::{Doc, pad};
use crate::engine::AssetView;
use crate::engine::components::ServiceStatus;

/// Zones with at most this many assets list every asset; larger ones list notable ones only.
const LIST_ALL: usize = 6;
/// At most this many notable assets are listed per zone.
const MAX_NOTABLE: usize = 12;

/// The panel's lines at a width.
pub fn lines(app: &App, model: &Model, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut doc = Doc::new(width);
    doc.section(lang.t(S::Services));
    let name_w = model
        .snapshot
        .services
        .iter()
        .map(|s| super::util::width(&s.name))
        .max()
        .unwrap_or(0)
        .min(width.saturating_sub(14));
    for s in &model.snapshot.services {
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
    doc.blank();
    doc.section(lang.t(S::Assets));
    let control = app.control_view;
    let notable = |a: &AssetView| {
        a.known_compromised
            || a.encrypted
            || a.isolated
            || a.rebuilding > 0
            || (control && a.compromised)
    };
    let listed: Vec<(&str, usize, Vec<&AssetView>, usize)> = model
        .zone_groups
        .iter()
        .map(|(_, name, idx)| {
            let assets = idx.iter().map(|&i| &model.snapshot.assets[i]);
            let shown: Vec<&AssetView> = if idx.len() <= LIST_ALL {
                assets.collect()
            } else {
                assets
                    .filter(|a| notable(a))
                    .take(MAX_NOTABLE + 1)
                    .collect()
            };
            let notable_n = if idx.len() <= LIST_ALL {
                0
            } else {
                idx.iter()
                    .filter(|&&i| notable(&model.snapshot.assets[i]))
                    .count()
            };
            (name.as_str(), idx.len(), shown, notable_n)
        })
        .collect();
    let asset_w = listed
        .iter()
        .flat_map(|(_, _, shown, _)| shown.iter().map(|a| super::util::width(&a.name)))
        .max()
        .unwrap_or(0)
        .min(24)
        .min(width / 2);
    for (zname, count, shown, notable_n) in listed {
        doc.spans(vec![Span::styled(
            format!(" {zname} ({count})"),
            theme::bold(),
        )]);
        for a in shown.iter().take(MAX_NOTABLE) {
            let mut spans = vec![Span::raw("   "), Span::raw(pad(&a.name, asset_w))];
            let t = tags(a, control, lang);
            if t.is_empty() {
                spans.push(Span::styled(" ✓", theme::good()));
            }
            for (text, style) in t {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(text, style));
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
    doc.blank();
    if app.control_view {
        doc.section(lang.t(S::AttackerTruth));
        for s in &model.snapshot.stages {
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
            ]);
        }
    } else {
        doc.section(lang.t(S::Attacker));
        let known: Vec<_> = model
            .snapshot
            .stages
            .iter()
            .filter(|s| s.known.is_some())
            .collect();
        if known.is_empty() {
            doc.text(1, lang.t(S::NothingKnown), theme::dim());
        }
        for s in known {
            let mut state = lang.f(S::StageKnown, &[&s.known.unwrap_or(0)]);
            let mut style = theme::warn();
            if let Some(h) = s.halted {
                state = format!("{state} · {}", lang.f(S::StageHalted, &[&h]));
                style = theme::good();
            }
            doc.spans(vec![
                Span::styled(format!(" {:<10}", s.technique), theme::dim()),
                Span::raw(format!("{} ", s.title)),
                Span::styled(state, style),
            ]);
        }
    }
    doc.lines
}

/// The state tags of an asset as the current view shows them.
pub fn tags(a: &AssetView, control: bool, lang: Lang) -> Vec<(String, Style)> {
    let mut t = Vec::new();
    if a.known_compromised {
        t.push((lang.t(S::TagCompromised).to_string(), theme::bad()));
    } else if control && a.compromised {
        t.push((lang.t(S::TagHidden).to_string(), theme::secret()));
    }
    if a.encrypted {
        t.push((lang.t(S::TagEncrypted).to_string(), theme::bad()));
    }
    if a.isolated {
        t.push((lang.t(S::TagIsolated).to_string(), theme::warn()));
    }
    if a.rebuilding > 0 {
        t.push((lang.f(S::TagRebuilding, &[&a.rebuilding]), theme::warn()));
    }
    t
}
