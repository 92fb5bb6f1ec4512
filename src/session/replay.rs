//! Replay: re-run a journal's recorded inputs through a fresh engine and compare every output
//! record. Used by `kunren replay` and by resume (which also writes what a crash cut off).

use std::sync::Arc;

use serde_json::Value;

use super::{Rec, SessionError, opening_records, turn_records};
use crate::engine::Engine;
use crate::journal::{Actor, Record, RecordKind};
use crate::scenario::Bundle;

/// A difference between a recorded output and the replayed engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// Sequence number of the recorded record.
    pub seq: u64,
    /// Turn.
    pub turn: u32,
    /// What was recorded (kind and body).
    pub recorded: String,
    /// What the engine produced.
    pub replayed: String,
}

/// Re-runs a journal's inputs through a fresh engine and compares every output record.
pub struct Replayer {
    /// The engine being rebuilt.
    pub engine: Engine,
    expected: std::collections::VecDeque<(u32, Rec)>,
    /// Output records compared so far.
    pub compared: u64,
    /// The first divergence found.
    pub divergence: Option<Divergence>,
}

impl Replayer {
    /// A replayer over a fresh engine.
    pub fn new(bundle: Arc<Bundle>, seed: u64) -> Self {
        let mut engine = Engine::new(bundle.clone(), seed);
        engine.track_changes();
        let changes = engine.take_changes();
        let opening = opening_records(
            1,
            bundle.scenario.turn_minutes,
            &engine.current_injects(),
            &changes,
        );
        Replayer {
            engine,
            expected: opening.into_iter().map(|r| (1, r)).collect(),
            compared: 0,
            divergence: None,
        }
    }

    fn is_output(r: &Record) -> bool {
        match r.kind {
            RecordKind::TurnStarted
            | RecordKind::ActionResolved
            | RecordKind::AttackerStep
            | RecordKind::Detection
            | RecordKind::StateChanged
            | RecordKind::ClockStarted
            | RecordKind::ClockMet
            | RecordKind::ClockMissed
            | RecordKind::ExpectationResolved
            | RecordKind::ScoreLine
            | RecordKind::TurnEnded => true,
            RecordKind::DecisionMade | RecordKind::InjectDelivered => r.actor == Actor::Engine,
            _ => false,
        }
    }

    /// Feeds one recorded line: inputs drive the engine, outputs are compared.
    pub fn feed(&mut self, r: &Record) -> Result<(), SessionError> {
        if Self::is_output(r) {
            if self.expected.is_empty() {
                let report = self.engine.end_turn();
                let summary = report.ending.as_ref().map(|_| self.engine.summary());
                for rec in turn_records(&report, summary.as_ref()) {
                    self.expected.push_back((report.turn, rec));
                }
                if !self.engine.is_over() {
                    let minutes = self.engine.bundle().scenario.turn_minutes;
                    let t = self.engine.turn();
                    let changes = self.engine.take_changes();
                    for rec in opening_records(t, minutes, &self.engine.current_injects(), &changes)
                    {
                        self.expected.push_back((t, rec));
                    }
                }
            }
            let Some((_, (kind, _, body))) = self.expected.pop_front() else {
                return self.diverge(r, "nothing (the drill had ended)".into());
            };
            if kind != r.kind || body != r.body {
                return self.diverge(r, format!("{kind} {body}"));
            }
            self.compared += 1;
            return Ok(());
        }
        let s = |k: &str| r.body.get(k).and_then(Value::as_str).map(str::to_string);
        let role = || match &r.actor {
            Actor::Role(x) => x.clone(),
            _ => String::new(),
        };
        let result = match r.kind {
            RecordKind::ActionSubmitted => self
                .engine
                .submit(
                    &s("action").unwrap_or_default(),
                    s("target").as_deref(),
                    &role(),
                )
                .map(|_| ()),
            RecordKind::ActionWithdrawn => {
                let pos = r
                    .body
                    .get("position")
                    .and_then(Value::as_u64)
                    .unwrap_or(u64::MAX);
                self.engine.withdraw(pos as usize).map(|_| ())
            }
            RecordKind::DecisionMade => self.engine.decide(
                &s("decision").unwrap_or_default(),
                &s("option").unwrap_or_default(),
                &role(),
            ),
            RecordKind::InjectDelivered => {
                let fired = self.engine.fire_inject(&s("id").unwrap_or_default());
                if fired.is_ok() {
                    let changes = self.engine.take_changes();
                    if let Some(rec) = super::state_record("facilitator", &changes) {
                        self.expected.push_back((r.turn, rec));
                    }
                }
                fired.map(|_| ())
            }
            RecordKind::ScoreOverride => {
                let line = r.body.get("line").and_then(Value::as_u64).unwrap_or(0) as u32;
                let to = r.body.get("to").and_then(Value::as_i64).unwrap_or(0) as i32;
                self.engine
                    .override_score(
                        line,
                        to,
                        &s("reason").unwrap_or_default(),
                        &s("by").unwrap_or_default(),
                    )
                    .map(|_| ())
            }
            _ => Ok(()),
        };
        result.map_err(|e| {
            SessionError::Mismatch(format!(
                "line {} ({}): the engine refused the recorded input: {e}",
                r.seq + 1,
                r.kind
            ))
        })
    }

    fn diverge(&mut self, r: &Record, replayed: String) -> Result<(), SessionError> {
        let d = Divergence {
            seq: r.seq,
            turn: r.turn,
            recorded: format!("{} {}", r.kind, r.body),
            replayed,
        };
        self.divergence = Some(d.clone());
        Err(SessionError::Mismatch(format!(
            "line {} (turn {}) diverges:\n  recorded: {}\n  replayed: {}",
            d.seq + 1,
            d.turn,
            d.recorded,
            d.replayed
        )))
    }

    /// Output records the engine produced that the journal does not hold yet (cut off by a crash).
    pub fn finish(&mut self) -> Vec<(u32, Rec)> {
        self.expected.drain(..).collect()
    }
}
