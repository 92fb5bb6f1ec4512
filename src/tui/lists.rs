//! Filtered lists shared by the update logic and the views: the catalogue, the targets of an
//! action, the MSEL. Filtering is case-insensitive; every word of the filter must match.

use crate::scenario::TargetKind;
use crate::session::TeamAction;

use super::i18n::Lang;
use super::model::{Model, MselEntry, Shown};
use super::view::{control_tags, team_tags};

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
pub fn action_name(a: &TeamAction, lang: Lang) -> &str {
    a.name_in(lang)
}

/// Actions matching the filter, in catalogue order, those that cannot be taken now (blocked,
/// or refused by the engine on every target: `marks`) last.
pub fn filtered_actions<'a>(
    model: &'a Model,
    filter: &str,
    marks: &std::collections::BTreeMap<String, super::app::ActionMark>,
) -> Vec<&'a TeamAction> {
    let mut v: Vec<&TeamAction> = model
        .team()
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
    v.sort_by_key(|a| a.blocked.is_some() || marks.get(&a.id).is_some_and(|m| m.refused.is_some()));
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

/// Targets of an action matching the filter; assets carry their zone and state as the shown
/// view has it.
pub fn filtered_targets(
    model: &Model,
    action: &TeamAction,
    filter: &str,
    lang: Lang,
) -> Vec<TargetRow> {
    let wanted = |id: &str| action.targets.iter().any(|t| t == id) || action.targets.is_empty();
    let row = |id: &str, name: &str, zone: &str, tags: Vec<String>| {
        let mut detail = vec![model.zone_name(zone).to_string()];
        detail.extend(tags);
        TargetRow {
            id: id.to_string(),
            name: name.to_string(),
            detail: detail.join(", "),
        }
    };
    match action.target {
        TargetKind::None => vec![],
        TargetKind::Asset => match &model.shown {
            Shown::Team { view, .. } => view
                .assets
                .iter()
                .filter(|a| wanted(&a.id) && matches(filter, &[&a.id, &a.name, &a.zone]))
                .map(|a| {
                    let tags = team_tags(a, lang).into_iter().map(|t| t.0).collect();
                    row(&a.id, &a.name, &a.zone, tags)
                })
                .collect(),
            Shown::Control { view, .. } => view
                .snapshot
                .assets
                .iter()
                .filter(|a| wanted(&a.id) && matches(filter, &[&a.id, &a.name, &a.zone]))
                .map(|a| {
                    let tags = control_tags(a, lang).into_iter().map(|t| t.0).collect();
                    row(&a.id, &a.name, &a.zone, tags)
                })
                .collect(),
        },
        TargetKind::Regime => rows(&model.regimes, action, filter),
        TargetKind::Supplier => rows(&model.suppliers, action, filter),
    }
}

fn rows(list: &[(String, String)], action: &TeamAction, filter: &str) -> Vec<TargetRow> {
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
