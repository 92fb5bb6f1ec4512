//! Checks shared by the update logic and the views, so that a dialog shows exactly what Enter
//! will accept: override points within the line's range, and what an override does to the
//! objective's rating.

use crate::scenario::Objective;
use crate::scoring::{self, Rating, ScoreLine, ScoreOverride};

use super::i18n::{Lang, S};
use super::model::LineView;
use super::text_input::TextInput;

/// Why typed override points are refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PointsError {
    /// Not a whole number.
    NotANumber,
    /// Outside the line's range (`ScoreLine::override_range`).
    OutOfRange {
        /// Lowest allowed.
        min: i32,
        /// Highest allowed.
        max: i32,
    },
}

impl PointsError {
    /// The message shown in the dialog and on the status line.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            PointsError::NotANumber => lang.t(S::OverrideBadPoints).to_string(),
            PointsError::OutOfRange { min, max } => lang.f(S::OverrideOutOfRange, &[&min, &max]),
        }
    }
}

/// The points typed in the override dialog, if they are a whole number within the line's
/// allowed range (the rule the engine enforces too).
pub fn override_points(
    input: &TextInput,
    line: &crate::scoring::ScoreLine,
) -> Result<i32, PointsError> {
    let t = input.trimmed();
    let points = t
        .strip_prefix('+')
        .unwrap_or(t)
        .parse::<i32>()
        .map_err(|_| PointsError::NotANumber)?;
    let range = line.override_range();
    if range.contains(&points) {
        Ok(points)
    } else {
        Err(PointsError::OutOfRange {
            min: *range.start(),
            max: *range.end(),
        })
    }
}

/// An objective's rating now and with an override of one line, computed the way the score is
/// ([`scoring::rate`] over the lines shown, with and without the new override).
#[derive(Debug, Clone, PartialEq)]
pub struct RatingEffect {
    /// Objective title.
    pub objective: String,
    /// Points earned and achievable now.
    pub before: (i32, i32),
    /// Points earned and achievable with the override.
    pub after: (i32, i32),
    /// Rating now.
    pub rating_before: Rating,
    /// Rating with the override.
    pub rating_after: Rating,
}

/// What setting line `line` to `points` does to its objective's rating, over `lines` (the lines
/// shown, with their effective points).
pub fn rating_effect(
    objectives: &[Objective],
    lines: &[LineView],
    line: u32,
    points: i32,
) -> Option<RatingEffect> {
    let target = lines.iter().find(|l| l.line.line == line)?;
    let raw: Vec<ScoreLine> = lines.iter().map(|l| l.line.clone()).collect();
    // The overrides in force, as the effective points the lines show.
    let current: Vec<ScoreOverride> = lines
        .iter()
        .filter(|l| l.effective != l.line.points || l.override_reason.is_some())
        .map(|l| ScoreOverride {
            line: l.line.line,
            from: l.line.points,
            to: l.effective,
            reason: l.override_reason.clone().unwrap_or_default(),
            by: String::new(),
            turn: l.line.turn,
        })
        .collect();
    let mut with = current.clone();
    with.push(ScoreOverride {
        line,
        from: target.effective,
        to: points,
        reason: String::new(),
        by: String::new(),
        turn: target.line.turn,
    });
    let objective = &target.line.objective;
    let pick = |ov: &[ScoreOverride]| {
        scoring::rate(objectives, &raw, ov)
            .into_iter()
            .find(|o| &o.id == objective)
    };
    let (b, a) = (pick(&current)?, pick(&with)?);
    Some(RatingEffect {
        objective: b.title.clone(),
        before: (b.earned, b.achievable),
        after: (a.earned, a.achievable),
        rating_before: b.rating,
        rating_after: a.rating,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::CsfFunction;

    fn line(n: u32, points: i32, min: i32, max: i32) -> ScoreLine {
        ScoreLine {
            line: n,
            turn: 1,
            points,
            source: "rule:x".into(),
            objective: "o".into(),
            reason: "r".into(),
            evidence: vec![],
            max_points: max,
            min_points: min,
            why: None,
        }
    }

    #[test]
    fn points_are_refused_outside_the_range() {
        let l = line(1, 5, 0, 10);
        assert_eq!(override_points(&TextInput::new("7"), &l), Ok(7));
        assert_eq!(override_points(&TextInput::new("+10"), &l), Ok(10));
        assert_eq!(
            override_points(&TextInput::new("11"), &l),
            Err(PointsError::OutOfRange { min: 0, max: 10 })
        );
        assert_eq!(
            override_points(&TextInput::new("x"), &l),
            Err(PointsError::NotANumber)
        );
        assert!(
            PointsError::OutOfRange { min: 0, max: 10 }
                .text(Lang::En)
                .contains("0 to 10")
        );
    }

    #[test]
    fn the_rating_effect_uses_the_scoring_rule() {
        let objectives = vec![Objective {
            id: "o".into(),
            function: CsfFunction::Detect,
            title: "Detect".into(),
            thresholds: None,
            capability: None,
            capability_ja: None,
        }];
        let lines: Vec<LineView> = [line(1, 10, 0, 10), line(2, 0, 0, 10)]
            .into_iter()
            .map(|l| LineView {
                effective: l.points,
                override_reason: None,
                line: l,
            })
            .collect();
        let e = rating_effect(&objectives, &lines, 2, 8).expect("effect");
        assert_eq!((e.before, e.after), ((10, 20), (18, 20)));
        assert_eq!((e.rating_before, e.rating_after), (Rating::M, Rating::P));
    }
}
