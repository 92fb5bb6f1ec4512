//! Monte Carlo balance testing: play a scenario many times with an automatic player and report
//! the spread of scores (tails, not just means), ratings, endings, and which injects and stages
//! happen how often — so authors can tune a scenario without playing it by hand.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use serde::Serialize;

use crate::engine::Engine;
use crate::policy::Policy;
use crate::scenario::Bundle;

/// Distribution of a number over the runs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Spread {
    /// Smallest.
    pub min: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Largest.
    pub max: f64,
    /// Mean.
    pub mean: f64,
}

impl Spread {
    /// From samples (nearest-rank percentiles).
    pub fn of(mut xs: Vec<f64>) -> Spread {
        if xs.is_empty() {
            return Spread {
                min: 0.0,
                p5: 0.0,
                p50: 0.0,
                p95: 0.0,
                max: 0.0,
                mean: 0.0,
            };
        }
        xs.sort_by(f64::total_cmp);
        let at = |q: f64| xs[((q * (xs.len() - 1) as f64).round() as usize).min(xs.len() - 1)];
        Spread {
            min: xs[0],
            p5: at(0.05),
            p50: at(0.5),
            p95: at(0.95),
            max: xs[xs.len() - 1],
            mean: xs.iter().sum::<f64>() / xs.len() as f64,
        }
    }
}

/// What a batch of runs showed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BalanceReport {
    /// Scenario id.
    pub scenario: String,
    /// Player.
    pub policy: String,
    /// Runs.
    pub runs: u32,
    /// First seed (runs use consecutive seeds).
    pub first_seed: u64,
    /// Share of achievable points.
    pub share: Spread,
    /// Turns played.
    pub turns: Spread,
    /// Impact in the org's unit.
    pub impact: Spread,
    /// The organisation's impact unit.
    pub impact_unit: String,
    /// Per objective, in scenario order: runs per rating letter.
    pub ratings: Vec<RatingCounts>,
    /// Ending id → runs.
    pub endings: BTreeMap<String, u32>,
    /// Per inject, in MSEL order: runs in which it was delivered (0: never seen in this batch).
    pub injects: Vec<Count>,
    /// Per stage, in campaign order: runs in which the attacker reached it.
    pub stages: Vec<Count>,
    /// Runs in which the attacker became known (by a monitoring control or the team).
    pub detected_runs: u32,
}

/// How many runs something happened in.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Count {
    /// Id.
    pub id: String,
    /// Runs.
    pub runs: u32,
    /// Facilitator-only contingency inject (never fires by itself).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub contingency: bool,
}

/// Runs per rating for one objective.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RatingCounts {
    /// Objective id.
    pub objective: String,
    /// Rating letter (P, S, M, U, N/A) → runs.
    pub runs: BTreeMap<String, u32>,
}

/// Plays `runs` drills with consecutive seeds from `first_seed`; `make` builds a fresh player per
/// run; `progress` is told after each run.
pub fn run_batch(
    bundle: &Arc<Bundle>,
    policy_name: &str,
    make: impl Fn(u64) -> Box<dyn Policy>,
    runs: u32,
    first_seed: u64,
    mut progress: impl FnMut(u32, u32),
) -> BalanceReport {
    let sc = &bundle.scenario;
    let mut shares = Vec::new();
    let mut turns = Vec::new();
    let mut impacts = Vec::new();
    let mut ratings: Vec<RatingCounts> = sc
        .objectives
        .iter()
        .map(|o| RatingCounts {
            objective: o.id.clone(),
            runs: BTreeMap::new(),
        })
        .collect();
    let mut endings = BTreeMap::new();
    let count = |id: &str, contingency| Count {
        id: id.to_string(),
        runs: 0,
        contingency,
    };
    let mut injects: Vec<Count> = sc
        .injects
        .iter()
        .map(|i| count(&i.id, i.contingency))
        .collect();
    let mut stages: Vec<Count> = sc.campaign.iter().map(|s| count(&s.id, false)).collect();
    let mut detected_runs = 0;
    for k in 0..runs {
        let seed = first_seed.wrapping_add(u64::from(k));
        let mut engine = Engine::new(bundle.clone(), seed);
        let mut player = make(seed);
        while !engine.is_over() {
            let _ = crate::policy::play_unrecorded(player.as_mut(), &mut engine);
            engine.end_turn();
        }
        let sum = engine.summary();
        shares.push(sum.share);
        turns.push(f64::from(sum.turns));
        impacts.push(sum.impact_total);
        for (o, counts) in sum.objectives.iter().zip(ratings.iter_mut()) {
            *counts
                .runs
                .entry(o.rating.letter().to_string())
                .or_default() += 1;
        }
        if let Some(e) = &sum.ending {
            *endings.entry(e.id.clone()).or_default() += 1;
        }
        let delivered: Vec<String> = engine
            .delivered_injects()
            .into_iter()
            .map(|i| i.id)
            .collect();
        for c in injects.iter_mut().filter(|c| delivered.contains(&c.id)) {
            c.runs += 1;
        }
        let snap = engine.snapshot();
        for (c, st) in stages.iter_mut().zip(&snap.stages) {
            if st.reached.is_some() {
                c.runs += 1;
            }
        }
        if sum.first_detection_turn.is_some() {
            detected_runs += 1;
        }
        progress(k + 1, runs);
    }
    BalanceReport {
        scenario: sc.id.clone(),
        policy: policy_name.to_string(),
        runs,
        first_seed,
        share: Spread::of(shares),
        turns: Spread::of(turns),
        impact: Spread::of(impacts),
        impact_unit: bundle.org.impact_unit.clone(),
        ratings,
        endings,
        injects,
        stages,
        detected_runs,
    }
}

/// Renders a balance report as text.
pub fn render(r: &BalanceReport) -> String {
    let mut s = String::new();
    let pct = |x: f64| format!("{:>4.0}%", x * 100.0);
    let _ = writeln!(
        s,
        "Balance of {} with the {} player over {} runs (seeds {}..{})",
        r.scenario,
        r.policy,
        r.runs,
        r.first_seed,
        r.first_seed + u64::from(r.runs.saturating_sub(1))
    );
    let _ = writeln!(
        s,
        "  share of achievable   min {}  p5 {}  median {}  p95 {}  max {}",
        pct(r.share.min),
        pct(r.share.p5),
        pct(r.share.p50),
        pct(r.share.p95),
        pct(r.share.max)
    );
    let _ = writeln!(
        s,
        "  turns played          min {:>4.0}   p5 {:>4.0}   median {:>4.0}   p95 {:>4.0}   max {:>4.0}",
        r.turns.min, r.turns.p5, r.turns.p50, r.turns.p95, r.turns.max
    );
    let _ = writeln!(
        s,
        "  impact ({})  median {:.1}  p95 {:.1}  max {:.1}",
        r.impact_unit, r.impact.p50, r.impact.p95, r.impact.max
    );
    let _ = writeln!(
        s,
        "  attacker known to the team (by a control or an action) in {} of {} runs",
        r.detected_runs, r.runs
    );
    let _ = writeln!(s, "  ratings (runs per rating):");
    for RatingCounts {
        objective: o,
        runs: m,
    } in &r.ratings
    {
        let cells: Vec<String> = ["P", "S", "M", "U", "N/A"]
            .iter()
            .map(|k| format!("{k} {:>3}", m.get(*k).copied().unwrap_or(0)))
            .collect();
        let _ = writeln!(s, "    {o:<28} {}", cells.join("  "));
    }
    let _ = writeln!(s, "  endings:");
    for (e, n) in &r.endings {
        let _ = writeln!(s, "    {e:<28} {n:>4}");
    }
    let _ = writeln!(s, "  stages reached (runs), in campaign order:");
    for c in &r.stages {
        let _ = writeln!(s, "    {:<28} {:>4}", c.id, c.runs);
    }
    let _ = writeln!(s, "  injects delivered (runs), in MSEL order:");
    for c in &r.injects {
        let flag = match (c.runs, c.contingency) {
            (_, true) => "   (contingency: fired by hand only)",
            (0, false) => "   ← never delivered in this batch",
            _ => "",
        };
        let _ = writeln!(s, "    {:<28} {:>4}{flag}", c.id, c.runs);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::Spread;

    #[test]
    fn percentiles_use_nearest_rank() {
        let s = Spread::of((1..=101).map(f64::from).collect());
        assert_eq!(
            (s.min, s.p5, s.p50, s.p95, s.max),
            (1.0, 6.0, 51.0, 96.0, 101.0)
        );
        assert_eq!(Spread::of(vec![]).max, 0.0);
    }
}
