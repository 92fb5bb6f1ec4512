//! Scoring: score lines, expectation states, objective ratings.

pub mod clock;
pub mod reason;

pub use reason::ScoreReason;

use serde::{Deserialize, Serialize};

use crate::scenario::{CsfFunction, Objective, Thresholds};

/// One signed entry on the score: nothing is scored without a line that says why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreLine {
    /// Line number, from 1, unique in the drill.
    pub line: u32,
    /// Turn it was scored in.
    pub turn: u32,
    /// Points as scored by the engine.
    pub points: i32,
    /// Id of the rule, expectation or clock (`expect:…`, `rule:…`, `clock:…`).
    pub source: String,
    /// Objective id.
    pub objective: String,
    /// Why, in plain words.
    pub reason: String,
    /// References to what justifies it (`action:isolate-host@eng-lt-042#t2`, `inject:edr-alert#t1`, …).
    pub evidence: Vec<String>,
    /// Positive maximum this line could have earned (for achievable points).
    pub max_points: i32,
    /// The lowest points its source could have scored (a missed clock, an expired
    /// expectation, a penalty): an override may not go below it, nor above `max_points`.
    #[serde(default)]
    pub min_points: i32,
    /// Why, typed: `reason` is its English rendering. Absent from lines journaled before
    /// reasons were typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<ScoreReason>,
}

impl ScoreLine {
    /// The reason in `lang`: the typed reason rendered with `names` in Japanese, the
    /// recorded text in English (which is the typed reason's English rendering) or when the
    /// line has no typed reason.
    pub fn reason_in(
        &self,
        lang: crate::i18n::Lang,
        names: &dyn crate::engine::event::Names,
    ) -> String {
        match self.why {
            Some(w) if lang != crate::i18n::Lang::En => w.text(lang, names),
            _ => self.reason.clone(),
        }
    }

    /// The points an override may set: `min_points..=max_points` (never above 0 for a line
    /// that is not counted).
    pub fn override_range(&self) -> std::ops::RangeInclusive<i32> {
        self.min_points.min(self.points)..=self.max_points.max(0).max(self.points)
    }
}

/// The source of the score lines that practice hints cost (they count in the total, in no
/// objective, and the team always sees them).
pub const HINT_SOURCE: &str = "hint";

/// A facilitator's change to a score line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreOverride {
    /// Line number.
    pub line: u32,
    /// Points before.
    pub from: i32,
    /// Points after.
    pub to: i32,
    /// Why.
    pub reason: String,
    /// Who.
    pub by: String,
    /// Turn it was made in.
    pub turn: u32,
}

/// State of an expectation (after OpenBAS): pending until met, failed or expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectStatus {
    /// Not yet activated.
    Inactive,
    /// Activated; waiting for the team.
    Pending,
    /// Met on time.
    Success,
    /// Met late, within the grace.
    Partial,
    /// Failed (a failing condition held).
    Failed,
    /// Not met in time.
    Expired,
}

/// HSEEP rating of an objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    /// Performed without challenges.
    P,
    /// Performed with some challenges.
    S,
    /// Performed with major challenges.
    M,
    /// Unable to be performed.
    U,
    /// Nothing to evaluate happened.
    #[serde(rename = "N/A")]
    NotEvaluated,
}

impl Rating {
    /// The letter shown in tables.
    pub fn letter(self) -> &'static str {
        match self {
            Rating::P => "P",
            Rating::S => "S",
            Rating::M => "M",
            Rating::U => "U",
            Rating::NotEvaluated => "N/A",
        }
    }

    /// From a share of achievable points.
    pub fn from_share(share: f64, t: Thresholds) -> Rating {
        if share >= t.p {
            Rating::P
        } else if share >= t.s {
            Rating::S
        } else if share >= t.m {
            Rating::M
        } else {
            Rating::U
        }
    }
}

/// An objective's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveResult {
    /// Objective id.
    pub id: String,
    /// Title.
    pub title: String,
    /// CSF function.
    pub function: CsfFunction,
    /// Points earned (after overrides).
    pub earned: i32,
    /// Points achievable.
    pub achievable: i32,
    /// Share of achievable, 0..1.
    pub share: f64,
    /// Rating.
    pub rating: Rating,
}

/// The effective points of a line after overrides (the last override wins).
pub fn effective_points(line: &ScoreLine, overrides: &[ScoreOverride]) -> i32 {
    overrides
        .iter()
        .rev()
        .find(|o| o.line == line.line)
        .map(|o| o.to)
        .unwrap_or(line.points)
}

/// Rates every objective from the score lines.
pub fn rate(
    objectives: &[Objective],
    lines: &[ScoreLine],
    overrides: &[ScoreOverride],
) -> Vec<ObjectiveResult> {
    objectives
        .iter()
        .map(|o| {
            let mine = lines.iter().filter(|l| l.objective == o.id);
            let earned: i32 = mine
                .clone()
                .map(|l| effective_points(l, overrides))
                .fold(0, i32::saturating_add);
            let achievable: i32 = mine
                .map(|l| l.max_points.max(0))
                .fold(0, i32::saturating_add);
            let share = if achievable > 0 {
                (f64::from(earned) / f64::from(achievable)).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let rating = if achievable > 0 {
                Rating::from_share(share, o.thresholds.unwrap_or_default())
            } else {
                Rating::NotEvaluated
            };
            ObjectiveResult {
                id: o.id.clone(),
                title: o.title.clone(),
                function: o.function,
                earned,
                achievable,
                share,
                rating,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: u32, obj: &str, points: i32, max: i32) -> ScoreLine {
        ScoreLine {
            line: n,
            turn: 1,
            points,
            source: "t".into(),
            objective: obj.into(),
            reason: String::new(),
            evidence: vec![],
            max_points: max,
            min_points: 0,
            why: None,
        }
    }

    #[test]
    fn ratings_follow_thresholds_and_overrides() {
        let objs = vec![Objective {
            id: "a".into(),
            function: CsfFunction::Detect,
            title: "A".into(),
            thresholds: None,
            capability: None,
            capability_ja: None,
        }];
        let lines = vec![line(1, "a", 10, 10), line(2, "a", 0, 10)];
        let r = rate(&objs, &lines, &[]);
        assert_eq!(
            (r[0].earned, r[0].achievable, r[0].rating),
            (10, 20, Rating::M)
        );
        let ov = ScoreOverride {
            line: 2,
            from: 0,
            to: 8,
            reason: "x".into(),
            by: "f".into(),
            turn: 1,
        };
        let r = rate(&objs, &lines, &[ov]);
        assert_eq!(r[0].rating, Rating::P);
    }

    #[test]
    fn nothing_achievable_is_not_evaluated() {
        let objs = vec![Objective {
            id: "a".into(),
            function: CsfFunction::Govern,
            title: "A".into(),
            thresholds: None,
            capability: None,
            capability_ja: None,
        }];
        assert_eq!(rate(&objs, &[], &[])[0].rating, Rating::NotEvaluated);
    }
}
