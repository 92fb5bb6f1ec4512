//! Findings an evaluator would write, derived once from the report model: one strength or area
//! for improvement per objective (never one per turn), one for the reference response, and one
//! each when nothing was detected or no executive took part. Each carries the observation (what
//! happened, with turn and scenario time), the analysis (what was expected, from which
//! expectation, clock or rule, and when it was due), a recommendation and the references.

use serde::Serialize;

use super::model::{ClockReport, ObjectiveReport, ReportModel, StepVerdict};
use super::text;
use crate::i18n::report::{Text, fill};
use crate::scoring::clock::resolution_instant;
use crate::scoring::{Rating, ScoreLine};

/// Whether a finding is a strength or an area for improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Performed well.
    Strength,
    /// Needs improvement.
    AreaForImprovement,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Strength or area for improvement.
    pub kind: FindingKind,
    /// The objective it is about, if any.
    pub objective: Option<String>,
    /// What it is about (the objective's title, or the topic).
    pub title: String,
    /// The objective's rating, if it is about one.
    pub rating: Option<Rating>,
    /// What happened, each with its turn and scenario time.
    pub observation: Vec<String>,
    /// What was expected, from which source, and when it was due.
    pub analysis: Vec<String>,
    /// What to do about it.
    pub recommendation: String,
    /// Expectations, regime articles and rules it rests on.
    pub references: Vec<String>,
}

/// Every finding of the drill, strengths first.
pub fn derive(m: &ReportModel) -> Vec<Finding> {
    let t = m.lang.report();
    let mut out = Vec::new();
    for ob in &m.objectives {
        out.extend(objective(t, m, ob));
    }
    out.extend(reference_response(t, m));
    if m.outcome.first_detection_turn.is_none() && !m.scenario.stages.is_empty() {
        out.push(topic(
            t.finding_detection,
            t.never_detected,
            t.rec_detection,
        ));
    }
    if !m.people.executive_present {
        out.push(topic(
            t.finding_management,
            t.no_exec_warning,
            t.rec_management,
        ));
    }
    out.sort_by_key(|f| f.kind != FindingKind::Strength);
    out
}

fn topic(title: &str, observation: &str, recommendation: &str) -> Finding {
    Finding {
        kind: FindingKind::AreaForImprovement,
        objective: None,
        title: title.into(),
        rating: None,
        observation: vec![observation.into()],
        analysis: Vec::new(),
        recommendation: recommendation.into(),
        references: Vec::new(),
    }
}

/// `turn 3 (T+12:00)`: when the engine resolved a turn.
fn when(t: &Text, m: &ReportModel, turn: u32) -> String {
    let minutes = resolution_instant(turn, u32::try_from(m.scenario.turn_minutes).unwrap_or(1));
    format!("{} {turn} ({})", t.turn, text::scenario_time(minutes))
}

fn clock_of<'a>(m: &'a ReportModel, line: &ScoreLine) -> Option<&'a ClockReport> {
    let id = line.source.strip_prefix("clock:")?;
    m.clocks.iter().find(|c| c.id == id)
}

/// The strength or area for improvement of one objective, if it has anything to say.
fn objective(t: &Text, m: &ReportModel, ob: &ObjectiveReport) -> Option<Finding> {
    let r = &ob.result;
    let counted: Vec<&ScoreLine> = ob
        .lines
        .iter()
        .filter(|l| l.max_points > 0 || l.points < 0)
        .collect();
    if counted.is_empty() {
        return None;
    }
    let short: Vec<&&ScoreLine> = counted.iter().filter(|l| l.points < l.max_points).collect();
    let strength = short.is_empty() && r.rating == Rating::P;
    let shown: Vec<&&ScoreLine> = if strength {
        counted.iter().collect()
    } else {
        short
    };
    let mut observation = Vec::new();
    let mut analysis = Vec::new();
    let mut references = Vec::new();
    let mut recs: Vec<&str> = Vec::new();
    // One observation per source: a penalty scored every turn is one entry, not one per turn.
    let mut sources: Vec<(&str, Vec<&ScoreLine>)> = Vec::new();
    for l in shown {
        match sources.iter_mut().find(|(s, _)| *s == l.source) {
            Some((_, v)) => v.push(l),
            None => sources.push((&l.source, vec![l])),
        }
    }
    for (source, group) in &sources {
        let first = group[0];
        let sum: i32 = group.iter().map(|l| l.points).sum();
        observation.push(match group.last() {
            Some(last) if group.len() > 1 => fill(
                t.obs_repeated,
                &[
                    ("reason", &first.reason),
                    ("n", &group.len()),
                    ("from", &when(t, m, first.turn)),
                    ("to", &when(t, m, last.turn)),
                    ("points", &format!("{sum:+}")),
                ],
            ),
            _ => format!("{}: {} ({sum:+})", when(t, m, first.turn), first.reason),
        });
        let (kind, id) = source.split_once(':').unwrap_or(("", source));
        let l = first;
        match kind {
            "expect" => {
                let title = m
                    .expectations
                    .iter()
                    .find(|e| e.id == id)
                    .map_or(id, |e| e.title.as_str());
                analysis.push(fill(
                    t.analysis_expectation,
                    &[("title", &title), ("id", &id), ("max", &l.max_points)],
                ));
                references.push(fill(t.ref_expectation, &[("id", &id)]));
                recs.push(t.rec_expectation);
            }
            "clock" => {
                if let Some(c) = clock_of(m, l) {
                    let deadline = c
                        .deadline_minutes
                        .map(text::scenario_time)
                        .unwrap_or_else(|| "—".into());
                    analysis.push(fill(
                        t.analysis_clock,
                        &[
                            ("title", &c.title),
                            ("authority", &c.authority),
                            ("hours", &c.hours.unwrap_or(0)),
                            ("deadline", &deadline),
                            ("turn", &c.deadline_turn.unwrap_or(0)),
                        ],
                    ));
                    references.push(format!("{} ({})", c.regime, c.id));
                }
                recs.push(t.rec_clock);
            }
            _ => {
                analysis.push(fill(t.analysis_rule, &[("id", &id)]));
                references.push(fill(t.ref_rule, &[("id", &id)]));
                recs.push(t.rec_rule);
            }
        }
    }
    references.dedup();
    let recommendation = if strength {
        t.rec_strength.to_string()
    } else {
        recs.sort_unstable();
        recs.dedup();
        recs.join(" ")
    };
    if strength {
        analysis = vec![fill(
            t.analysis_strength,
            &[("earned", &r.earned), ("achievable", &r.achievable)],
        )];
    }
    Some(Finding {
        kind: if strength {
            FindingKind::Strength
        } else {
            FindingKind::AreaForImprovement
        },
        objective: Some(r.id.clone()),
        title: r.title.clone(),
        rating: Some(r.rating),
        observation,
        analysis,
        recommendation,
        references,
    })
}

/// One area for improvement for the late and missed reference steps, grouped by what was to be
/// done and by whom; or a strength when every step that fell due was on time.
fn reference_response(t: &Text, m: &ReportModel) -> Option<Finding> {
    let tally = m.tally();
    let due = tally.steps_on_time + tally.steps_late + tally.steps_missed;
    if due == 0 {
        return None;
    }
    if tally.steps_late + tally.steps_missed == 0 {
        return Some(Finding {
            kind: FindingKind::Strength,
            objective: None,
            title: t.finding_reference.into(),
            rating: None,
            observation: vec![fill(
                t.obs_steps_on_time,
                &[("n", &tally.steps_on_time), ("all", &due)],
            )],
            analysis: Vec::new(),
            recommendation: t.rec_strength.into(),
            references: vec![t.ref_reference.into()],
        });
    }
    // (what, role) → [(step number, verdict, due, done, by)]
    let mut groups: Vec<((String, String), Vec<String>)> = Vec::new();
    let mut steps = Vec::new();
    for (i, s) in m.response.steps.iter().enumerate() {
        if !matches!(s.verdict, StepVerdict::Late | StepVerdict::Missed) {
            continue;
        }
        let what = match (&s.action, &s.choose, &s.target) {
            (Some(a), _, Some(x)) => format!("{a} → {x}"),
            (Some(a), _, None) => a.clone(),
            (None, Some(o), _) => o.clone(),
            _ => String::new(),
        };
        let due = s.due_turn.map_or_else(|| "—".into(), |d| when(t, m, d));
        let item = match &s.done {
            Some((turn, by, _)) => fill(
                t.obs_step_late,
                &[
                    ("n", &(i + 1)),
                    ("due", &due),
                    ("done", &when(t, m, *turn)),
                    ("by", by),
                ],
            ),
            None => fill(t.obs_step_missed, &[("n", &(i + 1)), ("due", &due)]),
        };
        steps.push((i + 1).to_string());
        let key = (what, s.role.clone());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    let observation = groups
        .into_iter()
        .map(|((what, role), items)| format!("{what} ({role}): {}", items.join("; ")))
        .collect();
    Some(Finding {
        kind: FindingKind::AreaForImprovement,
        objective: None,
        title: t.finding_reference.into(),
        rating: None,
        observation,
        analysis: vec![t.analysis_reference.into()],
        recommendation: t.rec_reference.into(),
        references: vec![fill(t.ref_steps, &[("steps", &steps.join(", "))])],
    })
}
