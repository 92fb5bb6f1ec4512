//! Replay: re-run a journal's recorded inputs through a fresh engine and compare every output
//! record. Used by `kunren replay` and by resume (which also writes what a crash cut off).

use std::sync::Arc;

use super::{Rec, SessionError, opening_records, state_record, turn_records};
use crate::engine::Engine;
use crate::input::{self, Effect, Input};
use crate::journal::{Actor, Record, RecordKind};
use crate::records::Phase;
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
            | RecordKind::ClockLate
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
            let Some((_, (_, body))) = self.expected.pop_front() else {
                return self.diverge(r, "nothing (the drill had ended)".into());
            };
            let value = body.to_value();
            if body.kind() != r.kind || value != r.body {
                return self.diverge(r, format!("{} {value}", body.kind()));
            }
            self.compared += 1;
            return Ok(());
        }
        let input = match Input::from_record(r) {
            None => return Ok(()),
            Some(Ok(input)) => input,
            Some(Err(e)) => {
                return Err(SessionError::Mismatch(format!("line {}: {e}", r.seq + 1)));
            }
        };
        let by = r.actor.to_string();
        match input::apply_to_engine(&mut self.engine, &input, &by) {
            Ok(Effect::Fired(_)) => {
                let changes = self.engine.take_changes();
                if let Some(rec) = state_record(Phase::Facilitator, &changes) {
                    self.expected.push_back((r.turn, rec));
                }
                Ok(())
            }
            Ok(_) => Ok(()),
            Err(e) => Err(SessionError::Mismatch(format!(
                "line {} ({}): the engine refused the recorded input: {e}",
                r.seq + 1,
                r.kind
            ))),
        }
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
