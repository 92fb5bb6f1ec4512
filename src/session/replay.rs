//! Replay: re-run a journal's recorded inputs through a fresh engine and compare every record.
//! Used by `kunren replay` and by resume (which also writes what a crash cut off).
//!
//! Every field a drill record has is re-derived and compared: an output record's kind, turn,
//! actor and body are what the engine gives at that point; an input is applied in the turn its
//! record names (which must be the engine's current turn, with no output still owed) and its
//! record must be exactly the one the session writes for it ([`super::input_record`]: the
//! decision's label, the withdrawn action, the override's old points, the inject's text...).
//! [`Replayer::for_header`] also checks the header's scenario facts
//! ([`super::check_header_facts`]).

use std::sync::Arc;

use super::{
    Rec, SessionError, check_header_facts, check_rules, facilitator_actor, input_record,
    opening_records, state_record, turn_records,
};
use crate::engine::Engine;
use crate::input::{self, Effect, Input};
use crate::journal::{Actor, Header, Record, RecordKind};
use crate::records::Phase;
use crate::scenario::Bundle;

/// A difference between a recorded record and the replayed engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// Sequence number of the recorded record.
    pub seq: u64,
    /// Turn.
    pub turn: u32,
    /// What was recorded (kind, turn, actor and body).
    pub recorded: String,
    /// What the engine produced.
    pub replayed: String,
}

/// Re-runs a journal's inputs through a fresh engine and compares every record.
pub struct Replayer {
    /// The engine being rebuilt.
    pub engine: Engine,
    expected: std::collections::VecDeque<(u32, Rec)>,
    /// The facilitator the session recorded as actor (from the header); `None` takes each
    /// facilitator record's own actor.
    facilitator: Option<Actor>,
    /// Output records compared so far.
    pub compared: u64,
    /// Input records re-derived and compared so far.
    pub inputs: u64,
    /// The first divergence found.
    pub divergence: Option<Divergence>,
    /// The journal predates the typed turn log ([`super::compat`]).
    untyped: bool,
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
            facilitator: None,
            compared: 0,
            inputs: 0,
            divergence: None,
            untyped: false,
        }
    }

    /// A replayer for the journal with this header: checks that it was written under these
    /// rules ([`SessionError::OtherRules`]) and that its scenario facts are the bundle's
    /// ([`SessionError::Mismatch`] naming the field), and replays with its seed and
    /// facilitator. The caller has checked the sources' hashes ([`super::check_sources`]).
    pub fn for_header(bundle: Arc<Bundle>, header: &Header) -> Result<Self, SessionError> {
        check_rules(header)?;
        check_header_facts(header, &bundle)?;
        let mut replayer = Replayer::new(bundle, header.seed);
        replayer.facilitator = Some(facilitator_actor(&header.facilitator));
        replayer.untyped = super::compat::untyped(header);
        Ok(replayer)
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

    /// Feeds one recorded line: inputs drive the engine, and every record is compared.
    pub fn feed(&mut self, r: &Record) -> Result<(), SessionError> {
        if Self::is_output(r) {
            return self.feed_output(r);
        }
        let input = match Input::from_record(r) {
            None => return Ok(()),
            Some(Ok(input)) => input,
            Some(Err(e)) => {
                return Err(SessionError::Mismatch(format!("line {}: {e}", r.seq + 1)));
            }
        };
        if let Some((turn, (actor, body))) = self.expected.front() {
            let owed = describe(body.kind(), *turn, actor, &body.to_value());
            return self.diverge(r, owed);
        }
        let turn = self.engine.turn();
        if r.turn != turn {
            return self.diverge(
                r,
                format!(
                    "{} applied in turn {turn} (the journal names turn {}, but the drill was \
                     in turn {turn} when this input was recorded)",
                    r.kind, r.turn
                ),
            );
        }
        let facilitator = match (&self.facilitator, &r.actor) {
            (Some(f), _) => f.clone(),
            (None, a @ Actor::Facilitator(_)) => a.clone(),
            (None, _) => Actor::facilitator("facilitator"),
        };
        let by = facilitator.to_string();
        let effect = match input::apply_to_engine(&mut self.engine, &input, &by) {
            Ok(effect) => effect,
            Err(e) => {
                return Err(SessionError::Mismatch(format!(
                    "line {} ({}): the engine refused the recorded input: {e}",
                    r.seq + 1,
                    r.kind
                )));
            }
        };
        match input_record(&input, &effect, &facilitator) {
            Some((actor, body)) => {
                let value = body.to_value();
                if body.kind() != r.kind || actor != r.actor || value != r.body {
                    return self.diverge(r, describe(body.kind(), turn, &actor, &value));
                }
            }
            None => return self.diverge(r, "no record for this input".into()),
        }
        self.inputs += 1;
        if let Effect::Fired(_) = effect {
            let changes = self.engine.take_changes();
            if let Some(rec) = state_record(Phase::Facilitator, &changes) {
                self.expected.push_back((turn, rec));
            }
        }
        Ok(())
    }

    fn feed_output(&mut self, r: &Record) -> Result<(), SessionError> {
        if self.expected.is_empty() {
            let report = self.engine.end_turn();
            let summary = report.ending.as_ref().map(|_| self.engine.summary());
            for rec in turn_records(&report, summary.as_ref(), self.engine.bundle()) {
                self.expected.push_back((report.turn, rec));
            }
            if !self.engine.is_over() {
                let minutes = self.engine.bundle().scenario.turn_minutes;
                let t = self.engine.turn();
                let changes = self.engine.take_changes();
                for rec in opening_records(t, minutes, &self.engine.current_injects(), &changes) {
                    self.expected.push_back((t, rec));
                }
            }
        }
        let Some((turn, (actor, body))) = self.expected.pop_front() else {
            return self.diverge(r, "nothing (the drill had ended)".into());
        };
        let value = self.comparable(&body);
        if body.kind() != r.kind || turn != r.turn || actor != r.actor || value != r.body {
            return self.diverge(r, describe(body.kind(), turn, &actor, &value));
        }
        self.compared += 1;
        Ok(())
    }

    /// A derived body as this journal would hold it.
    fn comparable(&self, body: &crate::records::Body) -> serde_json::Value {
        if self.untyped {
            super::compat::as_untyped(body.kind(), body.to_value())
        } else {
            body.to_value()
        }
    }

    fn diverge(&mut self, r: &Record, replayed: String) -> Result<(), SessionError> {
        let d = Divergence {
            seq: r.seq,
            turn: r.turn,
            recorded: describe(r.kind, r.turn, &r.actor, &r.body),
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

/// A record as `kind turn N actor body`, for divergence messages.
fn describe(kind: RecordKind, turn: u32, actor: &Actor, body: &serde_json::Value) -> String {
    format!("{kind} turn {turn} {actor} {body}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::Body;

    #[test]
    fn describe_names_every_compared_field() {
        let text = describe(
            RecordKind::ScoreLine,
            3,
            &Actor::Engine,
            &Body::Paused.to_value(),
        );
        assert_eq!(text, "score_line turn 3 engine {}");
    }
}
