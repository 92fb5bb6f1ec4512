//! Regulatory clocks, expectations, rules, endings: everything that writes score lines.

use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemState;

use crate::engine::components::*;
use crate::engine::facts::Facts;
use crate::engine::resources::*;
use crate::engine::view::{ClockEvent, EndingView, ExpectationEvent};
use crate::i18n::Lang;
use crate::scenario::{Activation, RuleApply};
use crate::scoring::clock::{self, ClockVerdict};
use crate::scoring::{ExpectStatus, ScoreLine, ScoreReason};

/// Adds a score line to the score and the turn log. Its `reason`, the typed reason's English
/// rendering, is written when the turn's log closes ([`close_turn_log`]).
#[allow(clippy::too_many_arguments)]
fn add_line(
    score: &mut Score,
    log: &mut TurnLog,
    turn: u32,
    points: i32,
    (min_points, max_points): (i32, i32),
    source: String,
    objective: &str,
    why: ScoreReason,
    evidence: Vec<String>,
) {
    let line = ScoreLine {
        line: score.lines.len() as u32 + 1,
        turn,
        points,
        source,
        objective: objective.to_string(),
        reason: String::new(),
        evidence,
        max_points,
        min_points,
        why: Some(why),
    };
    log.0.turn_points = log.0.turn_points.saturating_add(points);
    log.0.score_lines.push(line.clone());
    score.lines.push(line);
}

/// The evidence a condition's actions and choices left in the history: references such as
/// `action:x@t#t4` and `option:o#t2`, and the turn by which all of them had happened (each
/// reference's first turn, then the latest of those), read in one walk.
struct Evidence {
    refs: Vec<String>,
    acted: Option<u32>,
}

/// One evidence reference, `{kind}:{id}[@{target}]#t{turn}`, built without the formatting
/// machinery (this runs for every line a turn scores).
fn evidence_ref(kind: &str, id: &str, target: Option<&str>, turn: u32) -> String {
    let mut digits = itoa::Buffer::new();
    let turn = digits.format(turn);
    let mut out = String::with_capacity(
        kind.len() + id.len() + target.map_or(0, |t| t.len() + 1) + turn.len() + 3,
    );
    out.push_str(kind);
    out.push(':');
    out.push_str(id);
    if let Some(t) = target {
        out.push('@');
        out.push_str(t);
    }
    out.push_str("#t");
    out.push_str(turn);
    out
}

fn evidence_for(facts: &Facts, c: &crate::scenario::Condition) -> Evidence {
    let mut refs = Vec::new();
    let mut acted: Option<u32> = None;
    let mut first = |turns: &[u32]| {
        if let Some(&t) = turns.iter().min() {
            acted = Some(acted.map_or(t, |a| a.max(t)));
        }
    };
    c.walk(&mut |c| match c {
        crate::scenario::Condition::Did(a) => {
            for (target, turns) in facts.history.actions.get(a).into_iter().flatten() {
                first(turns);
                refs.extend(
                    turns
                        .iter()
                        .map(|&n| evidence_ref("action", a, target.as_deref(), n)),
                );
            }
        }
        crate::scenario::Condition::DidOn(a, t) => {
            if let Some(turns) = facts.history.turns_on(a, t) {
                first(turns);
                refs.extend(turns.iter().map(|&n| evidence_ref("action", a, Some(t), n)));
            }
        }
        crate::scenario::Condition::Chose(o) => {
            if let Some(&n) = facts.history.chosen.get(o) {
                first(&[n]);
                refs.push(evidence_ref("option", o, None, n));
            }
        }
        _ => {}
    });
    Evidence { refs, acted }
}

/// Clocks (regime index, clock index) whose start event holds now and that have not started.
fn clocks_starting(def: &Def, facts: &Facts) -> Vec<ClockIdx> {
    let mut starting = Vec::new();
    // The index holds the clocks in this order (regime by regime), so the k-th clock met here
    // is `index.clocks[k]`: no `regime/clock` id is formatted to look it up.
    let mut k = 0;
    for (ri, regime) in def.0.regimes.iter().enumerate() {
        for (ki, cdef) in regime.clocks.iter().enumerate() {
            let ci = k;
            k += 1;
            let started = facts
                .index
                .clocks
                .get(ci)
                .and_then(|&e| facts.clocks.get(e).ok())
                .is_some_and(|c| c.started.is_some());
            if !started && facts.holds(&cdef.starts_when, None) {
                starting.push(ClockIdx(ri, ki));
            }
        }
    }
    starting
}

/// Starts a clock at `at` scenario minutes and logs it.
fn start_clock(
    def: &Def,
    idx: ClockIdx,
    st: &mut ClockState,
    turn: u32,
    at: u64,
    log: &mut TurnLog,
) {
    let minutes = log.0.minutes / turn.max(1);
    st.started = Some(turn);
    st.started_at = Some(at);
    st.verdict = Some(ClockVerdict::Running);
    let f = st.facts(minutes);
    log.0.clocks.push(ClockEvent {
        clock: clock_id(def, idx),
        event: "started".into(),
        deadline_turn: f.deadline_turn().unwrap_or(turn),
        at_minutes: at,
        deadline_minutes: clock::deadline_instant(at, st.hours),
    });
}

fn clock_id(def: &Def, idx: ClockIdx) -> String {
    let regime = &def.0.regimes[idx.0];
    format!("{}/{}", regime.id, regime.clocks[idx.1].id)
}

/// What the clock systems change: the clocks, the score and the turn's log.
#[derive(bevy_ecs::system::SystemParam)]
pub struct ClockWrite<'w, 's> {
    def: Res<'w, Def>,
    clocks: Query<'w, 's, (&'static ClockIdx, &'static mut ClockState)>,
    score: ResMut<'w, Score>,
    log: ResMut<'w, TurnLog>,
}

/// The cached access the clock systems read the world through: first the facts their start
/// events are read over, then what they change, each fetched once (a `ParamSet` would fetch
/// both on every run to validate them, then again when used).
pub struct ClockAccess {
    facts: SystemState<Facts<'static, 'static>>,
    write: SystemState<ClockWrite<'static, 'static>>,
}

impl ClockAccess {
    fn new(world: &mut World) -> Self {
        ClockAccess {
            facts: SystemState::new(world),
            write: SystemState::new(world),
        }
    }

    /// The turn, its length in minutes, and the clocks whose start event holds now.
    fn starting(&mut self, world: &World) -> (u32, u32, Vec<ClockIdx>) {
        let facts = self
            .facts
            .get(world)
            .expect("the engine inserts every resource Facts reads when it builds the world");
        (
            facts.turn.turn,
            facts.turn.minutes,
            clocks_starting(&facts.def, &facts),
        )
    }

    /// The clocks, the score and the log, to change.
    fn write<'a>(&'a mut self, world: &'a mut World) -> ClockWrite<'a, 'a> {
        self.write
            .get_mut(world)
            .expect("the engine inserts every resource the clocks change when it builds the world")
    }
}

/// Starts, when a turn opens, the clocks whose start event holds once its injects are
/// delivered: they start at the opening instant.
pub fn start_clocks_at_opening(world: &mut World, mut access: Local<Option<ClockAccess>>) {
    let access = access.get_or_insert_with(|| ClockAccess::new(world));
    let (turn, minutes, starting) = access.starting(world);
    if starting.is_empty() {
        return;
    }
    let ClockWrite {
        def,
        mut clocks,
        mut log,
        ..
    } = access.write(world);
    let mut rows: Vec<_> = clocks
        .iter_mut()
        .filter(|(i, _)| starting.contains(i))
        .collect();
    rows.sort_by_key(|(i, _)| **i);
    for (idx, mut st) in rows {
        start_clock(
            &def,
            *idx,
            &mut st,
            turn,
            clock::opening_instant(turn, minutes),
            &mut log,
        );
    }
}

/// Starts clocks whose event happened (or that were delivered first) at this turn's
/// resolution, and scores each clock once its verdict is final: met, late or missed.
pub fn tick_regulatory_clocks(world: &mut World, mut access: Local<Option<ClockAccess>>) {
    let access = access.get_or_insert_with(|| ClockAccess::new(world));
    let (turn, minutes, starting) = access.starting(world);
    let ClockWrite {
        def,
        mut clocks,
        mut score,
        mut log,
    } = access.write(world);
    let mut rows: Vec<_> = clocks.iter_mut().collect();
    rows.sort_by_key(|(i, _)| **i);
    for (idx, mut st) in rows {
        if st.started.is_none() && (starting.contains(idx) || st.delivered == Some(turn)) {
            start_clock(
                &def,
                *idx,
                &mut st,
                turn,
                clock::resolution_instant(turn, minutes),
                &mut log,
            );
        }
        if st.started.is_none() || st.verdict.is_some_and(ClockVerdict::is_final) {
            continue;
        }
        let verdict = st.facts(minutes).verdict(turn, false);
        st.verdict = Some(verdict);
        if verdict.is_final() {
            score_clock(
                &def, *idx, &st, turn, minutes, verdict, &mut score, &mut log,
            );
        }
    }
}

/// Writes a clock's score line and event for a final verdict.
#[allow(clippy::too_many_arguments)]
fn score_clock(
    def: &Def,
    idx: ClockIdx,
    st: &ClockState,
    turn: u32,
    minutes: u32,
    verdict: ClockVerdict,
    score: &mut Score,
    log: &mut TurnLog,
) {
    let use_ = &def.0.scenario.regimes[idx.0];
    let id = clock_id(def, idx);
    let f = st.facts(minutes);
    let deadline = f.deadline_turn().unwrap_or(turn);
    let (regime, clock) = (idx.0, idx.1);
    let (event, points, max, why) = match verdict {
        ClockVerdict::Met => (
            "met",
            use_.points,
            use_.points,
            ScoreReason::ClockMet {
                regime,
                clock,
                turn,
                due: deadline,
                hours: st.hours,
            },
        ),
        ClockVerdict::Late => (
            "late",
            use_.late_points(),
            use_.points,
            ScoreReason::ClockLate {
                regime,
                clock,
                turn,
                due: deadline,
                hours: st.hours,
            },
        ),
        ClockVerdict::Missed => (
            "missed",
            use_.missed_points,
            use_.points,
            ScoreReason::ClockMissed {
                regime,
                clock,
                turn: deadline.saturating_add(st.grace).min(turn),
                due: deadline,
                hours: st.hours,
            },
        ),
        ClockVerdict::DueAfterEnd => (
            "",
            0,
            0,
            ScoreReason::ClockDueAfterEnd {
                regime,
                clock,
                due: deadline,
            },
        ),
        _ => return,
    };
    if !event.is_empty() {
        log.0.clocks.push(ClockEvent {
            clock: id.clone(),
            event: event.into(),
            deadline_turn: deadline,
            at_minutes: clock::resolution_instant(turn, minutes),
            deadline_minutes: st
                .started_at
                .map_or(0, |s| clock::deadline_instant(s, st.hours)),
        });
    }
    let evidence = if matches!(verdict, ClockVerdict::Met | ClockVerdict::Late) {
        vec![format!("clock:{id}#t{turn}")]
    } else {
        vec![]
    };
    let min = if max == 0 {
        0
    } else {
        use_.missed_points.min(use_.late_points()).min(0)
    };
    add_line(
        score,
        log,
        turn,
        points,
        (min, max),
        format!("clock:{id}"),
        &use_.objective,
        why,
        evidence,
    );
}

/// Activates expectations and resolves them: success, partial, failed or expired.
pub fn evaluate_expectations(
    def: Res<Def>,
    facts: Facts,
    mut expects: Query<(&ExpectIdx, &mut ExpectState)>,
    mut score: ResMut<Score>,
    mut log: ResMut<TurnLog>,
) {
    let turn = facts.turn.turn;
    // In scenario order, through the index (no list to build and sort each turn).
    for &entity in &facts.index.expects {
        let Ok((idx, mut st)) = expects.get_mut(entity) else {
            continue;
        };
        let e = &def.0.scenario.expectations[idx.0];
        if st.status == ExpectStatus::Inactive {
            let active_since = match &e.after {
                Activation::Start => Some(1),
                Activation::Inject(i) => facts
                    .index
                    .inject_ids
                    .get(i)
                    .and_then(|&k| facts.injects.get(facts.index.injects[k]).ok())
                    .and_then(|s| s.fired),
                // The condition became true while this turn resolved: the team can respond
                // from the next turn on.
                Activation::When(c) => facts.holds(c, None).then_some(turn + 1),
            };
            let Some(since) = active_since else { continue };
            st.status = ExpectStatus::Pending;
            st.activated = Some(since);
            log.0.expectations.push(ExpectationEvent {
                id: e.id.clone(),
                status: ExpectStatus::Pending,
            });
        }
        if st.status != ExpectStatus::Pending {
            continue;
        }
        let since = st.activated.unwrap_or(turn);
        let due = since.saturating_add(e.within.max(1) - 1);
        let grace_end = due.saturating_add(e.grace);
        let failed = e.fail_when.as_ref().is_some_and(|f| facts.holds(f, None));
        let done = !failed && facts.holds(&e.done_when, None);
        if !failed && !done && turn <= grace_end {
            // Still open: nothing to score this turn (and no evidence to gather).
            continue;
        }
        let Evidence {
            refs: mut evidence,
            acted,
        } = evidence_for(&facts, &e.done_when);
        // The turn the team's actions made the condition true: per action, its first turn;
        // across the condition's actions, the last of those.
        let acted = acted.filter(|&a| a <= turn);
        let expectation = idx.0;
        let (status, points, why) = if failed {
            (
                ExpectStatus::Failed,
                e.missed_points,
                ScoreReason::ExpectFailed { expectation },
            )
        } else if done && turn <= due {
            let why = match acted {
                Some(done) if done < since => ScoreReason::ExpectAlreadyDone {
                    expectation,
                    done,
                    since,
                },
                Some(done) => ScoreReason::ExpectDoneOnTime {
                    expectation,
                    done,
                    due,
                },
                None => ScoreReason::ExpectMetOnTime {
                    expectation,
                    turn,
                    due,
                },
            };
            (ExpectStatus::Success, e.points, why)
        } else if done && turn <= grace_end {
            (
                ExpectStatus::Partial,
                e.late_points,
                ScoreReason::ExpectLate {
                    expectation,
                    done: acted.unwrap_or(turn),
                    due,
                },
            )
        } else if turn > grace_end {
            (
                ExpectStatus::Expired,
                e.missed_points,
                ScoreReason::ExpectExpired {
                    expectation,
                    turn: grace_end,
                    due,
                },
            )
        } else {
            continue;
        };
        st.status = status;
        st.resolved = Some(turn);
        log.0.expectations.push(ExpectationEvent {
            id: e.id.clone(),
            status,
        });
        if let Activation::Inject(i) = &e.after {
            evidence.insert(0, format!("inject:{i}#t{since}"));
        }
        add_line(
            &mut score,
            &mut log,
            turn,
            points,
            (e.missed_points.min(e.late_points).min(0), e.points),
            format!("expect:{}", e.id),
            &e.objective,
            why,
            evidence,
        );
    }
}

/// Applies the rules, then checks the endings: one system, so that the facts are fetched
/// once for both.
pub fn apply_rules_and_check_endings(
    def: Res<Def>,
    facts: Facts,
    mut outcome: ResMut<Outcome>,
    mut fired: ResMut<RulesFired>,
    mut score: ResMut<Score>,
    mut log: ResMut<TurnLog>,
    expects: Query<(&ExpectIdx, &ExpectState)>,
) {
    apply_rules(&def, &facts, &mut fired, &mut score, &mut log);
    check_endings(
        &def,
        &facts,
        &mut outcome,
        &mut fired,
        &mut score,
        &mut log,
        &expects,
    );
}

/// Applies `Once` and `EveryTurn` rules.
fn apply_rules(
    def: &Def,
    facts: &Facts,
    fired: &mut RulesFired,
    score: &mut Score,
    log: &mut TurnLog,
) {
    let turn = facts.turn.turn;
    for (i, r) in def.0.scenario.rules.iter().enumerate() {
        let applies = match r.apply {
            RuleApply::Once => !fired.0.contains(&i) && facts.holds(&r.when, None),
            RuleApply::EveryTurn => facts.holds(&r.when, None),
            RuleApply::AtEnd => false,
        };
        if applies {
            fired.0.insert(i);
            let evidence = evidence_for(facts, &r.when).refs;
            add_line(
                score,
                log,
                turn,
                r.points,
                (r.points.min(0), r.points.max(0)),
                format!("rule:{}", r.id),
                &r.objective,
                ScoreReason::Rule { rule: i },
                evidence,
            );
        }
    }
}

/// Checks endings in order, then the turn limit; on the last turn closes the score.
fn check_endings(
    def: &Def,
    facts: &Facts,
    outcome: &mut Outcome,
    fired: &mut RulesFired,
    score: &mut Score,
    log: &mut TurnLog,
    expects: &Query<(&ExpectIdx, &ExpectState)>,
) {
    if outcome.0.is_some() {
        return;
    }
    let turn = facts.turn.turn;
    let sc = &def.0.scenario;
    let ending = sc
        .endings
        .iter()
        .find(|e| facts.holds(&e.when, None))
        .map(|e| EndingView {
            id: e.id.clone(),
            title: e.title.clone(),
            text: e.text.clone(),
            turn,
        })
        .or_else(|| {
            (turn >= facts.turn.max).then(|| EndingView {
                id: crate::scoring::reason::TIME_LIMIT.into(),
                title: Lang::En.score().time_limit.into(),
                text: String::new(),
                turn,
            })
        });
    let Some(ending) = ending else { return };
    // Close the score: end-of-drill rules, bonuses never earned, expectations still open.
    for (i, r) in sc.rules.iter().enumerate() {
        match r.apply {
            RuleApply::AtEnd => {
                let holds = facts.holds(&r.when, None);
                let pts = if holds { r.points } else { 0 };
                let why = if holds {
                    ScoreReason::Rule { rule: i }
                } else {
                    ScoreReason::RuleNotAchieved { rule: i }
                };
                if holds || r.points > 0 {
                    add_line(
                        score,
                        log,
                        turn,
                        pts,
                        (r.points.min(0), r.points.max(0)),
                        format!("rule:{}", r.id),
                        &r.objective,
                        why,
                        evidence_for(facts, &r.when).refs,
                    );
                }
            }
            RuleApply::Once if r.points > 0 && !fired.0.contains(&i) => {
                fired.0.insert(i);
                add_line(
                    score,
                    log,
                    turn,
                    0,
                    (0, r.points),
                    format!("rule:{}", r.id),
                    &r.objective,
                    ScoreReason::RuleNotAchieved { rule: i },
                    vec![],
                );
            }
            _ => {}
        }
    }
    let mut rows: Vec<_> = expects.iter().collect();
    rows.sort_by_key(|(i, _)| **i);
    for (idx, st) in rows {
        if st.status != ExpectStatus::Pending {
            continue;
        }
        let e = &sc.expectations[idx.0];
        let due = st
            .activated
            .unwrap_or(turn)
            .saturating_add(e.within.max(1) - 1);
        let why = ScoreReason::ExpectStillOpen {
            expectation: idx.0,
            due,
        };
        add_line(
            score,
            log,
            turn,
            0,
            (0, 0),
            format!("expect:{}", e.id),
            &e.objective,
            why,
            vec![],
        );
    }
    log.0.ending = Some(ending.clone());
    outcome.0 = Some(ending);
}

/// Closes the turn: the clocks still open when the drill ended, then the turn's log. One
/// system, so that the score and the log are fetched once for both.
pub fn close_turn(
    def: Res<Def>,
    turn: Res<TurnCounter>,
    text: Res<ReasonText>,
    impact: Res<Impact>,
    mut clocks: Query<(&ClockIdx, &mut ClockState)>,
    mut score: ResMut<Score>,
    mut log: ResMut<TurnLog>,
) {
    close_clocks_at_end(&def, &turn, &mut clocks, &mut score, &mut log);
    close_turn_log(&def, &text, &mut score, &impact, &mut log);
}

/// When the drill ended this turn, closes the clocks still open: missed when their deadline
/// passed, otherwise due after the drill ends (not counted).
fn close_clocks_at_end(
    def: &Def,
    turn: &TurnCounter,
    clocks: &mut Query<(&ClockIdx, &mut ClockState)>,
    score: &mut Score,
    log: &mut TurnLog,
) {
    if log.0.ending.is_none() {
        return;
    }
    let mut rows: Vec<_> = clocks.iter_mut().collect();
    rows.sort_by_key(|(i, _)| **i);
    for (idx, mut st) in rows {
        if st.started.is_none() || st.verdict.is_some_and(ClockVerdict::is_final) {
            continue;
        }
        let verdict = st.facts(turn.minutes).verdict(turn.turn, true);
        st.verdict = Some(verdict);
        score_clock(def, *idx, &st, turn.turn, turn.minutes, verdict, score, log);
    }
}

/// Stamps the running total into the turn log, and writes the English reason of each line the
/// turn scored (the typed reason rendered over the bundle), unless the engine runs without
/// reason texts ([`ReasonText`]).
fn close_turn_log(
    def: &Def,
    text: &ReasonText,
    score: &mut Score,
    impact: &Impact,
    log: &mut TurnLog,
) {
    log.0.total = score.total();
    log.0.impact_total = impact.total;
    if !text.0 {
        return;
    }
    let turn = log.0.turn;
    let unwritten = |l: &ScoreLine| l.turn == turn && l.reason.is_empty();
    for lines in [&mut score.lines, &mut log.0.score_lines] {
        for line in lines.iter_mut().rev().take_while(|l| unwritten(l)) {
            if let Some(why) = line.why {
                line.reason = why.text(Lang::En, &*def.0);
            }
        }
    }
}
