//! Filtered lists shared by the update logic and the views: the catalogue, the targets of an
//! action, the MSEL. Filtering is case-insensitive; every word of the filter must match.

use crate::engine::ActionView;
use crate::scenario::TargetKind;

use super::i18n::{Lang, S};
use super::model::{Model, MselEntry};

/// True when every word of the filter matches: an ASCII word must start a word of the
/// haystack (so `iso` finds "isolate", not "ciso"); other text (Japanese) may match anywhere.
fn matches(filter: &str, haystack: &[&str]) -> bool {
    let hay = haystack.join(" ").to_lowercase();
    let words: Vec<&str> = hay
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    filter.to_lowercase().split_whitespace().all(|f| {
        if f.is_ascii() {
            // `eng-lt` must find ENG-LT-042: each alphanumeric piece starts a word.
            f.split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty())
                .all(|p| words.iter().any(|w| w.starts_with(p)))
        } else {
            hay.contains(f)
        }
    })
}

/// The action's display name in a language.
pub fn action_name(a: &ActionView, lang: Lang) -> &str {
    match (lang, &a.name_ja) {
        (Lang::Ja, Some(n)) if !n.is_empty() => n,
        _ => &a.name,
    }
}

/// Actions matching the filter, in catalogue order (available ones first).
pub fn filtered_actions<'a>(model: &'a Model, filter: &str) -> Vec<&'a ActionView> {
    let mut v: Vec<&ActionView> = model
        .actions
        .iter()
        .filter(|a| {
            matches(
                filter,
                &[
                    &a.id,
                    &a.name,
                    a.name_ja.as_deref().unwrap_or(""),
                    &a.owner,
                    a.function.name(),
                ],
            )
        })
        .collect();
    v.sort_by_key(|a| a.blocked.is_some());
    v
}

/// A target of an action: id and a label to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRow {
    /// Target id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Extra detail (zone and state for assets).
    pub detail: String,
}

/// Targets of an action matching the filter.
pub fn filtered_targets(
    model: &Model,
    action: &ActionView,
    filter: &str,
    control: bool,
    lang: Lang,
) -> Vec<TargetRow> {
    match action.target {
        TargetKind::None => vec![],
        TargetKind::Asset => model
            .snapshot
            .assets
            .iter()
            .filter(|a| action.targets.contains(&a.id) || action.targets.is_empty())
            .filter(|a| matches(filter, &[&a.id, &a.name, &a.zone]))
            .map(|a| {
                let mut tags = vec![model.zone_name(&a.zone).to_string()];
                if a.known_compromised {
                    tags.push(lang.t(S::TagCompromised).into());
                } else if control && a.compromised {
                    tags.push(lang.t(S::TagHidden).into());
                }
                if a.encrypted {
                    tags.push(lang.t(S::TagEncrypted).into());
                }
                if a.isolated {
                    tags.push(lang.t(S::TagIsolated).into());
                }
                if a.rebuilding > 0 {
                    tags.push(lang.f(S::TagRebuilding, &[&a.rebuilding]));
                }
                TargetRow {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    detail: tags.join(", "),
                }
            })
            .collect(),
        TargetKind::Regime => rows(&model.regimes, action, filter),
        TargetKind::Supplier => rows(&model.suppliers, action, filter),
    }
}

fn rows(list: &[(String, String)], action: &ActionView, filter: &str) -> Vec<TargetRow> {
    list.iter()
        .filter(|(id, _)| action.targets.contains(id))
        .filter(|(id, name)| matches(filter, &[id, name]))
        .map(|(id, name)| TargetRow {
            id: id.clone(),
            name: name.clone(),
            detail: String::new(),
        })
        .collect()
}

/// MSEL entries matching the filter.
pub fn filtered_msel<'a>(model: &'a Model, filter: &str) -> Vec<&'a MselEntry> {
    model
        .msel
        .iter()
        .filter(|m| matches(filter, &[&m.id, &m.title, &m.to.join(" ")]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn every_word_must_match() {
        assert!(matches("iso host", &["isolate-host", "Isolate a host"]));
        assert!(matches("", &["x"]));
        assert!(matches("隔離", &["端末の隔離"]));
        assert!(!matches("iso backup", &["isolate-host"]));
        assert!(!matches("iso", &["Brief the executive", "ciso"]));
        assert!(matches("host iso", &["isolate-host"]));
        assert!(matches("eng-lt", &["ENG-LT-042"]));
        assert!(!matches("eng-ws", &["ENG-LT-042"]));
    }
}
