//! MITRE ATT&CK Navigator layers (layer format 4.5): what a scenario's attacker campaign
//! covers, or what a recorded drill's attacker reached, was halted at or was detected at.
//!
//! One layer per ATT&CK domain. Every technique entry names its `techniqueID` and `tactic`
//! (the tactic's short name), a `score` and `color`, and a `comment` saying which stages use
//! it and what happened to them. Open the file in the Navigator ("Open Existing Layer").

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::records::{Body, HeaderExtra};
use crate::scenario::attack::{Domain, domain_of};
use crate::scenario::{Bundle, Tactic};

/// The layer format version written.
pub const LAYER_FORMAT: &str = "4.5";
/// The ATT&CK version the shipped scenarios are written against.
pub const ATTACK_VERSION: &str = "18";
/// The Navigator version the layers were checked against.
pub const NAVIGATOR_VERSION: &str = "5.1.0";

/// The Navigator domain of Enterprise ATT&CK.
pub const ENTERPRISE: &str = "enterprise-attack";
/// The Navigator domain of ATT&CK for ICS.
pub const ICS: &str = "ics-attack";

/// The Navigator's short name of a tactic (`initial-access`, …).
pub fn tactic_shortname(t: Tactic) -> &'static str {
    t.shortname()
}

/// What happened to a stage in a recorded drill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fate {
    /// Never reached.
    NotReached,
    /// Halted by the team or a control.
    Halted,
    /// Reached and detected.
    Detected,
    /// Reached and never detected.
    Undetected,
}

impl Fate {
    fn score(self) -> u32 {
        match self {
            Fate::NotReached => 0,
            Fate::Halted => 1,
            Fate::Detected => 2,
            Fate::Undetected => 3,
        }
    }

    fn color(self) -> &'static str {
        match self {
            Fate::NotReached => "#d9d9d9",
            Fate::Halted => "#66bb6a",
            Fate::Detected => "#ffb74d",
            Fate::Undetected => "#e53935",
        }
    }
}

/// One technique of a layer: (technique id, tactic) → stages' comments and the worst fate.
type Cells = BTreeMap<(String, &'static str), (Vec<String>, Option<Fate>)>;

fn layer(name: String, description: String, domain: Domain, cells: Cells, scored: bool) -> Value {
    let techniques: Vec<Value> = cells
        .into_iter()
        .map(|((id, tactic), (comments, fate))| {
            let mut t = json!({
                "techniqueID": id,
                "tactic": tactic,
                "comment": comments.join("; "),
                "enabled": true,
            });
            match fate {
                Some(f) if scored => {
                    t["score"] = json!(f.score());
                    t["color"] = json!(f.color());
                }
                _ => {
                    t["score"] = json!(1);
                    t["color"] = json!("#4a90d9");
                }
            }
            t
        })
        .collect();
    let mut l = json!({
        "name": name,
        "versions": {
            "attack": ATTACK_VERSION,
            "navigator": NAVIGATOR_VERSION,
            "layer": LAYER_FORMAT,
        },
        "domain": domain.stix(),
        "description": description,
        "techniques": techniques,
        "hideDisabled": false,
        "showTacticRowBackground": false,
        "selectTechniquesAcrossTactics": false,
        "selectSubtechniquesWithParent": false,
    });
    if scored {
        l["gradient"] = json!({
            "colors": [Fate::Halted.color(), Fate::Undetected.color()],
            "minValue": 0,
            "maxValue": 3,
        });
        l["legendItems"] = json!([
            {"label": "reached, never detected", "color": Fate::Undetected.color()},
            {"label": "reached, detected", "color": Fate::Detected.color()},
            {"label": "halted", "color": Fate::Halted.color()},
            {"label": "not reached", "color": Fate::NotReached.color()},
        ]);
    } else {
        l["legendItems"] = json!([{"label": "used by the scenario", "color": "#4a90d9"}]);
    }
    l
}

/// One layer per domain the cells' techniques belong to (Enterprise first); with more than
/// one, each name says its domain.
fn layers_by_domain(name: String, description: String, cells: Cells, scored: bool) -> Vec<Value> {
    let mut by: BTreeMap<Domain, Cells> = BTreeMap::new();
    for (k, v) in cells {
        by.entry(domain_of(&k.0)).or_default().insert(k, v);
    }
    if by.is_empty() {
        by.insert(Domain::Enterprise, Cells::new());
    }
    let several = by.len() > 1;
    by.into_iter()
        .map(|(d, cells)| {
            let name = if several {
                format!("{name} ({})", d.label())
            } else {
                name.clone()
            };
            layer(name, description.clone(), d, cells, scored)
        })
        .collect()
}

/// The layers of a scenario: every technique its campaign uses, one layer per domain.
pub fn scenario_layers(bundle: &Bundle) -> Vec<Value> {
    let sc = &bundle.scenario;
    let mut cells = Cells::new();
    for s in &sc.campaign {
        let e = cells
            .entry((s.technique.clone(), tactic_shortname(s.tactic)))
            .or_default();
        e.0.push(format!("stage {}: {}", s.id, s.title));
    }
    layers_by_domain(
        format!("{} — techniques", sc.title),
        format!(
            "kunren scenario {} v{}: the attacker's campaign ({} stages)",
            sc.id,
            sc.version,
            sc.campaign.len()
        ),
        cells,
        false,
    )
}

/// The layers of a recorded drill: for each technique its stages used, the worst that
/// happened (reached and never detected, reached and detected, halted, not reached), from the
/// journal's header and its `attacker_step` and `detection` records.
pub fn journal_layers(records: &[crate::journal::Record]) -> Result<Vec<Value>, String> {
    let header = records
        .first()
        .ok_or_else(|| "the journal has no header".to_string())?;
    let h: crate::journal::Header = header
        .body_as()
        .map_err(|e| format!("the journal header cannot be read: {e}"))?;
    let extra = HeaderExtra::decode(&h.extra).map_err(|e| e.to_string())?;
    let mut reached: BTreeMap<String, u32> = BTreeMap::new();
    let mut halted: BTreeMap<String, u32> = BTreeMap::new();
    let mut known: BTreeMap<String, u32> = BTreeMap::new();
    for r in records {
        match Body::of(r) {
            Ok(Body::AttackerStep(b)) => match b.outcome {
                crate::engine::view::StepOutcome::Succeeded => {
                    reached.entry(b.stage).or_insert(r.turn);
                }
                crate::engine::view::StepOutcome::Halted => {
                    halted.entry(b.stage).or_insert(r.turn);
                }
                _ => {}
            },
            Ok(Body::Detection(b)) => {
                known.entry(b.stage).or_insert(r.turn);
            }
            _ => {}
        }
    }
    let mut cells = Cells::new();
    for s in &extra.stages {
        let (fate, what) = match (reached.get(&s.id), known.get(&s.id), halted.get(&s.id)) {
            (Some(r), None, _) => (
                Fate::Undetected,
                format!("reached in turn {r}, never detected"),
            ),
            (Some(r), Some(k), _) => (
                Fate::Detected,
                format!("reached in turn {r}, detected in turn {k}"),
            ),
            (None, _, Some(t)) => (Fate::Halted, format!("halted in turn {t}")),
            (None, _, None) => (Fate::NotReached, "not reached".to_string()),
        };
        let e = cells
            .entry((s.technique.clone(), tactic_shortname(s.tactic)))
            .or_default();
        e.0.push(format!("stage {}: {} ({what})", s.id, s.title));
        e.1 = Some(e.1.map_or(fate, |f| f.max(fate)));
    }
    Ok(layers_by_domain(
        format!("{} — drill {}", h.scenario_title, h.drill_id),
        format!(
            "kunren drill {} of scenario {} (seed {}): what the attacker reached, was halted at or was detected at",
            h.drill_id, h.scenario_id, h.seed
        ),
        cells,
        true,
    ))
}

/// True when `text` is a journal (its first line is a JSON record) rather than a scenario.
pub fn looks_like_journal(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    serde_json::from_str::<Value>(first)
        .ok()
        .and_then(|v| v.get("kind").and_then(Value::as_str).map(str::to_string))
        .is_some_and(|k| k == "drill_opened")
}
