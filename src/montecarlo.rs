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
    /// The seed of the run behind each of min, p5, median, p95 and max (`kunren run --seed N`
    /// reproduces it; among equal values, the lowest seed).
    pub seeds: SpreadSeeds,
}

/// The seeds behind a spread's points.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
pub struct SpreadSeeds {
    /// Seed of the smallest value.
    pub min: u64,
    /// Seed of the 5th percentile.
    pub p5: u64,
    /// Seed of the median.
    pub p50: u64,
    /// Seed of the 95th percentile.
    pub p95: u64,
    /// Seed of the largest value.
    pub max: u64,
}

impl Spread {
    /// From samples (nearest-rank percentiles), without seeds.
    pub fn of(xs: Vec<f64>) -> Spread {
        Spread::of_runs(xs.into_iter().map(|x| (x, 0)).collect())
    }

    /// From (value, seed) samples: nearest-rank percentiles, each with the seed of its run.
    pub fn of_runs(mut xs: Vec<(f64, u64)>) -> Spread {
        if xs.is_empty() {
            return Spread {
                min: 0.0,
                p5: 0.0,
                p50: 0.0,
                p95: 0.0,
                max: 0.0,
                mean: 0.0,
                seeds: SpreadSeeds::default(),
            };
        }
        xs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let n = xs.len();
        let idx = |q: f64| ((q * (n - 1) as f64).round() as usize).min(n - 1);
        // The largest value's lowest seed: the first of the run of equal maxima.
        let max_i = xs.iter().position(|x| x.0 == xs[n - 1].0).unwrap_or(n - 1);
        Spread {
            min: xs[0].0,
            p5: xs[idx(0.05)].0,
            p50: xs[idx(0.5)].0,
            p95: xs[idx(0.95)].0,
            max: xs[n - 1].0,
            mean: xs.iter().map(|x| x.0).sum::<f64>() / n as f64,
            seeds: SpreadSeeds {
                min: xs[0].1,
                p5: xs[idx(0.05)].1,
                p50: xs[idx(0.5)].1,
                p95: xs[idx(0.95)].1,
                max: xs[max_i].1,
            },
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
    /// Every ending (and `time-limit`) with its runs, and why it did not happen in the others.
    pub endings: Vec<Count>,
    /// Per inject, in MSEL order: runs in which it was delivered (0: never seen in this batch).
    pub injects: Vec<Count>,
    /// Per stage, in campaign order: runs in which the attacker reached it.
    pub stages: Vec<Count>,
    /// Runs in which the attacker became known (by a monitoring control or the team).
    pub detected_runs: u32,
    /// Per decision, in MSEL order: runs per option chosen (by the team or by time-out).
    pub decisions: Vec<DecisionCounts>,
    /// Per expectation, in scenario order: runs per outcome.
    pub expectations: Vec<ExpectationCounts>,
}

/// How often each option of a decision was taken.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DecisionCounts {
    /// Decision id.
    pub decision: String,
    /// Option id → runs in which it was chosen by a role.
    pub chosen: BTreeMap<String, u32>,
    /// Option id → runs in which it applied as the time-out default.
    pub timed_out: BTreeMap<String, u32>,
    /// Runs in which the decision was never asked.
    pub not_asked: u32,
}

/// How an expectation ended over the runs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExpectationCounts {
    /// Expectation id.
    pub id: String,
    /// Met on time.
    pub met: u32,
    /// Met late (within the grace).
    pub late: u32,
    /// Failed or expired.
    pub missed: u32,
    /// Still open when the drill ended.
    pub open: u32,
    /// Never activated.
    pub inactive: u32,
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
    /// In the runs where it did not happen: why, by the first part of its trigger or
    /// condition that did not hold at the end of the run → runs.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub why_not: BTreeMap<String, u32>,
}

/// Runs per rating for one objective.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RatingCounts {
    /// Objective id.
    pub objective: String,
    /// Rating letter (P, S, M, U, N/A) → runs.
    pub runs: BTreeMap<String, u32>,
}

/// The tallies of a batch, added to run by run; merging two gives the same tallies whatever
/// the order, so a batch spread over threads reports exactly what one thread would.
#[derive(Debug, Clone)]
struct Tally {
    shares: Vec<(f64, u64)>,
    turns: Vec<(f64, u64)>,
    impacts: Vec<(f64, u64)>,
    ratings: Vec<RatingCounts>,
    endings: BTreeMap<String, Count>,
    decisions: Vec<DecisionCounts>,
    expectations: Vec<ExpectationCounts>,
    injects: Vec<Count>,
    stages: Vec<Count>,
    detected_runs: u32,
}

fn add_map(into: &mut BTreeMap<String, u32>, from: BTreeMap<String, u32>) {
    for (k, v) in from {
        *into.entry(k).or_default() += v;
    }
}

fn add_count(into: &mut Count, from: Count) {
    into.runs += from.runs;
    add_map(&mut into.why_not, from.why_not);
}

/// Adds one run to `key`, allocating the key only the first time it is counted.
fn bump(map: &mut BTreeMap<String, u32>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

/// What a thread asks the engine at the end of every run, built once: the conditions read for
/// the inject and stage tallies, the text of each condition a reason names, and scratch space.
struct Probes {
    /// `Injected(id)` for every inject (MSEL order), then `Reached(id)` and `Halted(id)` for
    /// every stage (campaign order).
    conditions: Vec<crate::scenario::Condition>,
    /// Each condition's [`condition_text`], by its address in the thread's bundle.
    texts: std::collections::HashMap<usize, String>,
    /// The reason being written.
    scratch: String,
    /// Last reported status of each expectation in the run being tallied.
    last_status: Vec<Option<crate::scoring::ExpectStatus>>,
}

impl Probes {
    fn new(bundle: &Bundle) -> Probes {
        use crate::scenario::Condition;
        let sc = &bundle.scenario;
        let conditions = sc
            .injects
            .iter()
            .map(|i| Condition::Injected(i.id.clone()))
            .chain(sc.campaign.iter().flat_map(|s| {
                [
                    Condition::Reached(s.id.clone()),
                    Condition::Halted(s.id.clone()),
                ]
            }))
            .collect();
        Probes {
            conditions,
            texts: std::collections::HashMap::new(),
            scratch: String::new(),
            last_status: Vec::new(),
        }
    }

    /// `args` written into the scratch space.
    fn text(&mut self, args: std::fmt::Arguments<'_>) -> &str {
        self.scratch.clear();
        let _ = self.scratch.write_fmt(args);
        &self.scratch
    }

    /// [`why_not`], with each condition's text rendered once per thread.
    fn why_not(&mut self, engine: &mut Engine, c: &crate::scenario::Condition) -> &str {
        use crate::scenario::Condition;
        let failing = match c {
            Condition::All(items) => items.iter().find(|x| !engine.holds(x)),
            _ if engine.holds(c) => None,
            _ => Some(c),
        };
        let Some(failing) = failing else {
            return "it held only after the drill ended";
        };
        if matches!(failing, Condition::All(_)) {
            // A nested `All`: its own first failing part (not cached: rare).
            let why = why_not(engine, failing);
            self.scratch = why;
            return &self.scratch;
        }
        let key = std::ptr::from_ref(failing) as usize;
        self.texts
            .entry(key)
            .or_insert_with(|| format!("{} did not hold", condition_text(failing)))
            .as_str()
    }
}

impl Tally {
    /// Empty tallies for the scenario.
    fn new(bundle: &Bundle) -> Tally {
        let sc = &bundle.scenario;
        let ratings: Vec<RatingCounts> = sc
            .objectives
            .iter()
            .map(|o| RatingCounts {
                objective: o.id.clone(),
                runs: BTreeMap::new(),
            })
            .collect();
        let count = |id: &str, contingency| Count {
            id: id.to_string(),
            runs: 0,
            contingency,
            why_not: BTreeMap::new(),
        };
        // Every ending is listed, so one that never happens shows 0.
        let endings: BTreeMap<String, Count> = sc
            .endings
            .iter()
            .map(|e| (e.id.clone(), count(&e.id, false)))
            .chain(std::iter::once((
                "time-limit".to_string(),
                count("time-limit", false),
            )))
            .collect();
        let decisions: Vec<DecisionCounts> = sc
            .injects
            .iter()
            .filter_map(|i| i.decision.as_ref())
            .map(|d| DecisionCounts {
                decision: d.id.clone(),
                chosen: BTreeMap::new(),
                timed_out: BTreeMap::new(),
                not_asked: 0,
            })
            .collect();
        let expectations: Vec<ExpectationCounts> = sc
            .expectations
            .iter()
            .map(|e| ExpectationCounts {
                id: e.id.clone(),
                met: 0,
                late: 0,
                missed: 0,
                open: 0,
                inactive: 0,
            })
            .collect();
        let injects: Vec<Count> = sc
            .injects
            .iter()
            .map(|i| count(&i.id, i.contingency))
            .collect();
        let stages: Vec<Count> = sc.campaign.iter().map(|s| count(&s.id, false)).collect();
        Tally {
            shares: Vec::new(),
            turns: Vec::new(),
            impacts: Vec::new(),
            ratings,
            endings,
            decisions,
            expectations,
            injects,
            stages,
            detected_runs: 0,
        }
    }

    /// Plays one drill with `seed` on `engine` (built fresh the first time, then reset) and
    /// adds what it showed.
    fn add_run(
        &mut self,
        bundle: &Arc<Bundle>,
        make: &(dyn Fn(u64) -> Box<dyn Policy> + Sync),
        seed: u64,
        engine: &mut Option<Engine>,
        probes: &mut Probes,
    ) {
        let sc = &bundle.scenario;
        let Tally {
            shares,
            turns,
            impacts,
            ratings,
            endings,
            decisions,
            expectations,
            injects,
            stages,
            detected_runs,
        } = self;
        let engine = match engine {
            Some(e) => {
                e.reset(seed);
                e
            }
            None => {
                let mut e = Engine::new(bundle.clone(), seed);
                // The tallies read points and statuses, never a line's text.
                e.without_reason_text();
                engine.insert(e)
            }
        };
        let mut player = make(seed);
        // The last status of each expectation (in scenario order) the turns reported.
        probes.last_status.clear();
        probes.last_status.resize(sc.expectations.len(), None);
        while !engine.is_over() {
            let _ = crate::policy::play_unrecorded(player.as_mut(), engine);
            let report = engine.end_turn();
            for d in &report.decisions {
                if let Some(c) = decisions.iter_mut().find(|c| c.decision == d.decision) {
                    let map = if d.by == "timeout" {
                        &mut c.timed_out
                    } else {
                        &mut c.chosen
                    };
                    bump(map, &d.option);
                }
            }
            for e in &report.expectations {
                if let Some(i) = sc.expectations.iter().position(|x| x.id == e.id) {
                    probes.last_status[i] = Some(e.status);
                }
            }
        }
        for c in decisions.iter_mut() {
            if !engine.was_asked(&c.decision) {
                c.not_asked += 1;
            }
        }
        for (c, status) in expectations.iter_mut().zip(&probes.last_status) {
            use crate::scoring::ExpectStatus as X;
            match status {
                Some(X::Success) => c.met += 1,
                Some(X::Partial) => c.late += 1,
                Some(X::Failed | X::Expired) => c.missed += 1,
                Some(X::Pending) => c.open += 1,
                Some(X::Inactive) | None => c.inactive += 1,
            }
        }
        let sum = engine.summary_brief();
        shares.push((sum.share, seed));
        turns.push((f64::from(sum.turns), seed));
        impacts.push((sum.impact_total, seed));
        for (o, counts) in sum.objectives.iter().zip(ratings.iter_mut()) {
            bump(&mut counts.runs, o.rating.letter());
        }
        let ended = sum.ending.as_ref().map(|e| e.id.as_str());
        for (id, c) in endings.iter_mut() {
            if ended == Some(id.as_str()) {
                c.runs += 1;
            } else if let Some(e) = sc.endings.iter().find(|e| e.id == *id) {
                let why = probes.why_not(engine, &e.when);
                bump(&mut c.why_not, why);
            }
        }
        // Which injects were delivered and which stages reached or halted, read over one
        // borrow of the state instead of building every view.
        let facts = engine.holds_each(&probes.conditions);
        let (delivered, stage_facts) = facts.split_at(sc.injects.len());
        for ((c, def), &was) in injects.iter_mut().zip(&sc.injects).zip(delivered) {
            if was {
                c.runs += 1;
            } else if !def.contingency {
                let why = match &def.trigger {
                    crate::scenario::Trigger::At(t) => {
                        probes.text(format_args!("the drill ended before turn {t}"))
                    }
                    crate::scenario::Trigger::After(x, n) => {
                        let happened = sc
                            .injects
                            .iter()
                            .zip(delivered)
                            .any(|(i, &d)| d && i.id == *x)
                            || engine.holds(&crate::scenario::Condition::Chose(x.clone()));
                        if happened {
                            probes.text(format_args!("the drill ended within {n} turns of `{x}`"))
                        } else {
                            probes.text(format_args!("`{x}` never happened"))
                        }
                    }
                    crate::scenario::Trigger::When(cond) => probes.why_not(engine, cond),
                };
                bump(&mut c.why_not, why);
            }
        }
        let reached = |id: &str| {
            sc.campaign
                .iter()
                .position(|s| s.id == id)
                .is_some_and(|k| stage_facts[2 * k])
        };
        for (k, (c, def)) in stages.iter_mut().zip(&sc.campaign).enumerate() {
            let (was_reached, halted) = (stage_facts[2 * k], stage_facts[2 * k + 1]);
            if was_reached {
                c.runs += 1;
                continue;
            }
            let why = if halted {
                "halted"
            } else if let Some(after) = def
                .after
                .as_ref()
                .filter(|a| sc.campaign.iter().any(|x| &x.id == *a) && !reached(a))
            {
                probes.text(format_args!("`{after}` never reached"))
            } else if def.earliest.is_some_and(|t| t > sum.turns) {
                probes.text(format_args!(
                    "the drill ended before turn {}",
                    def.earliest.unwrap_or(0)
                ))
            } else {
                probes.text(format_args!("its rolls failed (chance {})", def.chance))
            };
            bump(&mut c.why_not, why);
        }
        if sum.first_detection_turn.is_some() {
            *detected_runs += 1;
        }
    }

    /// Adds another batch's tallies.
    fn merge(&mut self, other: Tally) {
        self.shares.extend(other.shares);
        self.turns.extend(other.turns);
        self.impacts.extend(other.impacts);
        for (a, b) in self.ratings.iter_mut().zip(other.ratings) {
            add_map(&mut a.runs, b.runs);
        }
        for (k, b) in other.endings {
            match self.endings.get_mut(&k) {
                Some(a) => add_count(a, b),
                None => {
                    self.endings.insert(k, b);
                }
            }
        }
        for (a, b) in self.decisions.iter_mut().zip(other.decisions) {
            add_map(&mut a.chosen, b.chosen);
            add_map(&mut a.timed_out, b.timed_out);
            a.not_asked += b.not_asked;
        }
        for (a, b) in self.expectations.iter_mut().zip(other.expectations) {
            a.met += b.met;
            a.late += b.late;
            a.missed += b.missed;
            a.open += b.open;
            a.inactive += b.inactive;
        }
        for (a, b) in self.injects.iter_mut().zip(other.injects) {
            add_count(a, b);
        }
        for (a, b) in self.stages.iter_mut().zip(other.stages) {
            add_count(a, b);
        }
        self.detected_runs += other.detected_runs;
    }

    fn report(
        self,
        bundle: &Bundle,
        policy_name: &str,
        runs: u32,
        first_seed: u64,
    ) -> BalanceReport {
        let sc = &bundle.scenario;
        BalanceReport {
            scenario: sc.id.clone(),
            policy: policy_name.to_string(),
            runs,
            first_seed,
            share: Spread::of_runs(self.shares),
            turns: Spread::of_runs(self.turns),
            impact: Spread::of_runs(self.impacts),
            impact_unit: bundle.org.impact_unit.clone(),
            ratings: self.ratings,
            endings: self.endings.into_values().collect(),
            injects: self.injects,
            stages: self.stages,
            detected_runs: self.detected_runs,
            decisions: self.decisions,
            expectations: self.expectations,
        }
    }
}

/// Plays `runs` drills with consecutive seeds from `first_seed` on `threads` threads (at
/// least one); `make` builds a fresh player per run; `progress` is told how many runs are done.
/// The report is the same for every thread count.
pub fn run_batch(
    bundle: &Arc<Bundle>,
    policy_name: &str,
    make: impl Fn(u64) -> Box<dyn Policy> + Sync,
    runs: u32,
    first_seed: u64,
    threads: usize,
    mut progress: impl FnMut(u32, u32),
) -> BalanceReport {
    let threads = threads.clamp(1, runs.max(1) as usize);
    let done = std::sync::atomic::AtomicU32::new(0);
    let seeds: Vec<u64> = (0..runs)
        .map(|k| first_seed.wrapping_add(u64::from(k)))
        .collect();
    let chunk = seeds.len().div_ceil(threads).max(1);
    let mut total = Tally::new(bundle);
    std::thread::scope(|scope| {
        let make = &make;
        let done = &done;
        let workers: Vec<_> = seeds
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut t = Tally::new(bundle);
                    // One engine per thread, reset for each seed, on the thread's own copy of
                    // the bundle (threads sharing one would contend for its reference count).
                    let own = Arc::new(Bundle::clone(bundle));
                    let mut engine = None;
                    let mut probes = Probes::new(&own);
                    for &seed in part {
                        t.add_run(&own, make, seed, &mut engine, &mut probes);
                        done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    t
                })
            })
            .collect();
        let mut last = u32::MAX;
        while workers.iter().any(|w| !w.is_finished()) {
            let now = done.load(std::sync::atomic::Ordering::Relaxed);
            if now != last {
                progress(now, runs);
                last = now;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        for w in workers {
            match w.join() {
                Ok(t) => total.merge(t),
                Err(p) => std::panic::resume_unwind(p),
            }
        }
    });
    progress(runs, runs);
    total.report(bundle, policy_name, runs, first_seed)
}

/// The first part of `c` that does not hold now, written as the scenario writes it: for
/// `All`, its first part that fails; for `Any`, the whole (none of its parts holds); for a
/// leaf, the leaf.
pub fn why_not(engine: &mut Engine, c: &crate::scenario::Condition) -> String {
    use crate::scenario::Condition;
    match c {
        Condition::All(items) => items.iter().find(|x| !engine.holds(x)).map_or_else(
            || "it held only after the drill ended".to_string(),
            |x| why_not(engine, x),
        ),
        _ if engine.holds(c) => "it held only after the drill ended".to_string(),
        _ => format!("{} did not hold", condition_text(c)),
    }
}

/// A condition as RON text (`Known("phish")`).
fn condition_text(c: &crate::scenario::Condition) -> String {
    let cfg = ron::ser::PrettyConfig::new()
        .compact_arrays(true)
        .new_line("".to_string())
        .indentor("".to_string())
        .separator(" ".to_string());
    ron::ser::to_string_pretty(c, cfg).unwrap_or_default()
}

/// The reasons a thing did not happen, most frequent first: `  ↳ 12× reason`.
fn why_lines(s: &mut String, why: &BTreeMap<String, u32>) {
    let mut v: Vec<_> = why.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (reason, n) in v {
        let _ = writeln!(s, "        ↳ {n:>4}× {reason}");
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
    let z = &r.share.seeds;
    let _ = writeln!(
        s,
        "    seeds (kunren run --seed N)  min {}  p5 {}  median {}  p95 {}  max {}",
        z.min, z.p5, z.p50, z.p95, z.max
    );
    let _ = writeln!(
        s,
        "  turns played          min {:>4.0}   p5 {:>4.0}   median {:>4.0}   p95 {:>4.0}   max {:>4.0}",
        r.turns.min, r.turns.p5, r.turns.p50, r.turns.p95, r.turns.max
    );
    let _ = writeln!(
        s,
        "  impact ({})  median {:.1}  p95 {:.1}  max {:.1} (seed {})",
        r.impact_unit, r.impact.p50, r.impact.p95, r.impact.max, r.impact.seeds.max
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
    let _ = writeln!(s, "  endings (runs), and why not in the others:");
    for c in &r.endings {
        let mark = if c.runs == 0 {
            "   ← never in this batch"
        } else {
            ""
        };
        let _ = writeln!(s, "    {:<28} {:>4}{mark}", c.id, c.runs);
        if c.runs < r.runs {
            why_lines(&mut s, &c.why_not);
        }
    }
    let _ = writeln!(s, "  stages reached (runs), in campaign order:");
    for c in &r.stages {
        let mark = if c.runs == 0 {
            "   ← never reached in this batch"
        } else {
            ""
        };
        let _ = writeln!(s, "    {:<28} {:>4}{mark}", c.id, c.runs);
        if c.runs == 0 {
            why_lines(&mut s, &c.why_not);
        }
    }
    let _ = writeln!(s, "  injects delivered (runs), in MSEL order:");
    for c in &r.injects {
        let flag = match (c.runs, c.contingency) {
            (_, true) => "   (contingency: fired by hand only)",
            (0, false) => "   ← never delivered in this batch",
            _ => "",
        };
        let _ = writeln!(s, "    {:<28} {:>4}{flag}", c.id, c.runs);
        if c.runs == 0 && !c.contingency {
            why_lines(&mut s, &c.why_not);
        }
    }
    if !r.decisions.is_empty() {
        let _ = writeln!(
            s,
            "  decisions (runs per option: chosen by a role / by time-out):"
        );
        for d in &r.decisions {
            let mut options: Vec<&String> = d.chosen.keys().chain(d.timed_out.keys()).collect();
            options.sort();
            options.dedup();
            let cells: Vec<String> = options
                .iter()
                .map(|o| {
                    format!(
                        "{o} {}/{}",
                        d.chosen.get(*o).copied().unwrap_or(0),
                        d.timed_out.get(*o).copied().unwrap_or(0)
                    )
                })
                .collect();
            let _ = writeln!(
                s,
                "    {:<28} {}{}",
                d.decision,
                cells.join("  "),
                if d.not_asked > 0 {
                    format!("  (not asked in {})", d.not_asked)
                } else {
                    String::new()
                }
            );
        }
    }
    if !r.expectations.is_empty() {
        let _ = writeln!(
            s,
            "  expectations (runs: met / late / missed / open / never active):"
        );
        for e in &r.expectations {
            let _ = writeln!(
                s,
                "    {:<28} {:>4} {:>4} {:>4} {:>4} {:>4}",
                e.id, e.met, e.late, e.missed, e.open, e.inactive
            );
        }
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
        let s = Spread::of_runs(vec![(3.0, 7), (1.0, 9), (3.0, 2), (2.0, 4)]);
        assert_eq!(
            (s.seeds.min, s.seeds.max),
            (9, 2),
            "the lowest seed among equal maxima"
        );
    }
}
