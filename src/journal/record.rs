//! The on-disk record envelope: one compact JSON object per line.
//!
//! Fields appear in exactly this order: `v, seq, ts, turn, kind, actor, body, prev`. The
//! reader enforces the order, rejects missing or extra fields, and checks the type and form of
//! every field, so the writer's output is the only accepted shape.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::hash::is_lower_hex;
use super::timestamp::is_valid_timestamp;

/// Version of the record format written in every record's `v` field.
pub const FORMAT_VERSION: u32 = 1;

/// Field names of the envelope in their mandatory order.
pub const FIELD_ORDER: [&str; 8] = ["v", "seq", "ts", "turn", "kind", "actor", "body", "prev"];

/// What a record is about; serialized as a snake_case string in the `kind` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// The header, always the first record; its body is a [`crate::journal::Header`].
    DrillOpened,
    /// A turn began.
    TurnStarted,
    /// An inject (scenario event) was shown to the participants.
    InjectDelivered,
    /// A participant submitted an action (who, role, action, target).
    ActionSubmitted,
    /// A participant withdrew a queued action before the turn ended.
    ActionWithdrawn,
    /// The engine resolved a submitted action (chance, roll, success).
    ActionResolved,
    /// A decision was taken.
    DecisionMade,
    /// The simulated attacker advanced (stage, chance, roll, outcome).
    AttackerStep,
    /// The defenders detected something.
    Detection,
    /// Flags, controls, assets or services changed (their new state).
    StateChanged,
    /// A line of the score sheet.
    ScoreLine,
    /// A response clock started.
    ClockStarted,
    /// A response clock was met in time.
    ClockMet,
    /// A response clock's report was delivered after its deadline, within the grace turns.
    ClockLate,
    /// A response clock ran out.
    ClockMissed,
    /// An expected response was resolved.
    ExpectationResolved,
    /// A turn ended.
    TurnEnded,
    /// A free-text note by the facilitator.
    FacilitatorNote,
    /// The facilitator overrode a score (who, why).
    ScoreOverride,
    /// The drill was paused.
    Paused,
    /// The drill was resumed after a pause.
    Resumed,
    /// Hotwash: a strength.
    HotwashStrength,
    /// Hotwash: an area for improvement.
    HotwashImprovementArea,
    /// An improvement item with owner and due date.
    ImprovementItem,
    /// Where an improvement item of an earlier drill stands (done, in progress, dropped).
    ImprovementItemUpdate,
    /// An executive signed the results off.
    ExecutiveSignoff,
    /// A correction of an earlier record made by mistake (who, why); the corrected record
    /// stays as it was.
    Correction,
    /// Practice: a hint showed the next step of the reference response.
    HintShown,
    /// `kunren play --serve`: the input record just before came from this SSH seat.
    SeatInput,
    /// `kunren play --serve`: the SSH server refused a connection.
    SeatRefused,
    /// A Merkle checkpoint over all earlier lines (written by the journal itself).
    Checkpoint,
    /// The session was resumed after an interruption (written by the journal itself).
    Recovered,
    /// The drill ended; only `recovered` and the final `checkpoint` may follow.
    DrillClosed,
}

impl RecordKind {
    /// Kinds that only the journal writer itself produces; `append` refuses them.
    pub fn is_reserved(self) -> bool {
        matches!(
            self,
            RecordKind::DrillOpened
                | RecordKind::Checkpoint
                | RecordKind::Recovered
                | RecordKind::DrillClosed
        )
    }

    /// The snake_case name used on disk.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::DrillOpened => "drill_opened",
            RecordKind::TurnStarted => "turn_started",
            RecordKind::InjectDelivered => "inject_delivered",
            RecordKind::ActionSubmitted => "action_submitted",
            RecordKind::ActionWithdrawn => "action_withdrawn",
            RecordKind::ActionResolved => "action_resolved",
            RecordKind::DecisionMade => "decision_made",
            RecordKind::AttackerStep => "attacker_step",
            RecordKind::Detection => "detection",
            RecordKind::StateChanged => "state_changed",
            RecordKind::ScoreLine => "score_line",
            RecordKind::ClockStarted => "clock_started",
            RecordKind::ClockMet => "clock_met",
            RecordKind::ClockLate => "clock_late",
            RecordKind::ClockMissed => "clock_missed",
            RecordKind::ExpectationResolved => "expectation_resolved",
            RecordKind::TurnEnded => "turn_ended",
            RecordKind::FacilitatorNote => "facilitator_note",
            RecordKind::ScoreOverride => "score_override",
            RecordKind::Paused => "paused",
            RecordKind::Resumed => "resumed",
            RecordKind::HotwashStrength => "hotwash_strength",
            RecordKind::HotwashImprovementArea => "hotwash_improvement_area",
            RecordKind::ImprovementItem => "improvement_item",
            RecordKind::ImprovementItemUpdate => "improvement_item_update",
            RecordKind::ExecutiveSignoff => "executive_signoff",
            RecordKind::Correction => "correction",
            RecordKind::HintShown => "hint_shown",
            RecordKind::SeatInput => "seat_input",
            RecordKind::SeatRefused => "seat_refused",
            RecordKind::Checkpoint => "checkpoint",
            RecordKind::Recovered => "recovered",
            RecordKind::DrillClosed => "drill_closed",
        }
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who caused a record; serialized as `engine`, `system`, `facilitator:<name>` or `role:<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Actor {
    /// The simulation engine.
    Engine,
    /// The journal or the program itself (header, checkpoints, recovery, closing).
    System,
    /// A named facilitator.
    Facilitator(String),
    /// A participant role, by its scenario id.
    Role(String),
}

impl Actor {
    /// A facilitator actor; the name must be non-empty and free of control characters.
    pub fn facilitator(name: impl Into<String>) -> Self {
        Actor::Facilitator(name.into())
    }

    /// A role actor; the id must be non-empty and free of control characters.
    pub fn role(id: impl Into<String>) -> Self {
        Actor::Role(id.into())
    }

    /// True when the name part (if any) is non-empty and contains no control characters.
    pub fn is_valid(&self) -> bool {
        match self {
            Actor::Engine | Actor::System => true,
            Actor::Facilitator(s) | Actor::Role(s) => valid_name(s),
        }
    }
}

fn valid_name(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(char::is_control)
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Engine => f.write_str("engine"),
            Actor::System => f.write_str("system"),
            Actor::Facilitator(name) => write!(f, "facilitator:{name}"),
            Actor::Role(id) => write!(f, "role:{id}"),
        }
    }
}

/// Error returned when a string is not a valid [`Actor`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid actor `{0}`: expected `engine`, `system`, `facilitator:<name>` or `role:<id>` \
     (non-empty, no control characters)"
)]
pub struct ActorParseError(pub String);

impl FromStr for Actor {
    type Err = ActorParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let actor = match s {
            "engine" => Actor::Engine,
            "system" => Actor::System,
            _ => {
                if let Some(name) = s.strip_prefix("facilitator:") {
                    Actor::Facilitator(name.to_owned())
                } else if let Some(id) = s.strip_prefix("role:") {
                    Actor::Role(id.to_owned())
                } else {
                    return Err(ActorParseError(s.to_owned()));
                }
            }
        };
        if actor.is_valid() {
            Ok(actor)
        } else {
            Err(ActorParseError(s.to_owned()))
        }
    }
}

impl Serialize for Actor {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Actor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(de::Error::custom)
    }
}

/// One journal record (one line of the file).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Record {
    /// Format version, always [`FORMAT_VERSION`].
    pub v: u32,
    /// Position of the record in the file, starting at 0 for the header.
    pub seq: u64,
    /// UTC time, RFC 3339 with `Z`, second or millisecond precision.
    pub ts: String,
    /// Drill turn; 0 before the first turn.
    pub turn: u32,
    /// What the record is about.
    pub kind: RecordKind,
    /// Who caused it.
    pub actor: Actor,
    /// Kind-specific data; always a JSON object.
    pub body: Value,
    /// Lowercase hex SHA-256 of the previous line's bytes without its newline (64 zeros for
    /// the header).
    pub prev: String,
}

impl Record {
    /// Deserializes the body into a typed value.
    pub fn body_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(&self.body)
    }

    /// The exact line bytes the writer produces for this record (without the newline).
    pub fn to_line(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(self)
    }

    /// Parses one line (without its newline), enforcing the envelope's shape and field order.
    pub fn from_line(line: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(line)
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

fn expect_key<'de, A: MapAccess<'de>>(map: &mut A, want: &'static str) -> Result<(), A::Error> {
    match map.next_key::<String>()? {
        Some(key) if key == want => Ok(()),
        Some(key) => Err(de::Error::custom(format_args!(
            "field `{key}` where `{want}` was expected (the fields must be, in this order: {})",
            FIELD_ORDER.join(", ")
        ))),
        None => Err(de::Error::missing_field(want)),
    }
}

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a kunren journal record object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        expect_key(&mut map, "v")?;
        let v: u32 = map.next_value()?;
        expect_key(&mut map, "seq")?;
        let seq: u64 = map.next_value()?;
        expect_key(&mut map, "ts")?;
        let ts: String = map.next_value()?;
        if !is_valid_timestamp(&ts) {
            return Err(de::Error::custom(format_args!(
                "`ts` is `{ts}`, not a UTC RFC 3339 time like 2025-01-31T09:00:00.000Z"
            )));
        }
        expect_key(&mut map, "turn")?;
        let turn: u32 = map.next_value()?;
        expect_key(&mut map, "kind")?;
        let kind: RecordKind = map.next_value()?;
        expect_key(&mut map, "actor")?;
        let actor: Actor = map.next_value()?;
        expect_key(&mut map, "body")?;
        let body: Value = map.next_value()?;
        if !body.is_object() {
            return Err(de::Error::custom("`body` must be a JSON object"));
        }
        expect_key(&mut map, "prev")?;
        let prev: String = map.next_value()?;
        if !is_lower_hex(&prev, 64) {
            return Err(de::Error::custom(
                "`prev` must be 64 lowercase hexadecimal characters",
            ));
        }
        if let Some(extra) = map.next_key::<String>()? {
            return Err(de::Error::custom(format_args!(
                "unexpected field `{extra}` after `prev`"
            )));
        }
        Ok(Record {
            v,
            seq,
            ts,
            turn,
            kind,
            actor,
            body,
            prev,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::hash::ZERO_PREV;
    use serde_json::json;

    fn sample() -> Record {
        Record {
            v: 1,
            seq: 0,
            ts: "2025-01-31T09:00:00.000Z".into(),
            turn: 0,
            kind: RecordKind::FacilitatorNote,
            actor: Actor::facilitator("Sato"),
            body: json!({"text": "hello"}),
            prev: ZERO_PREV.into(),
        }
    }

    #[test]
    fn round_trips_in_field_order() {
        let line = sample().to_line().unwrap();
        let text = String::from_utf8(line.clone()).unwrap();
        assert_eq!(
            text,
            format!(
                "{{\"v\":1,\"seq\":0,\"ts\":\"2025-01-31T09:00:00.000Z\",\"turn\":0,\
                 \"kind\":\"facilitator_note\",\"actor\":\"facilitator:Sato\",\
                 \"body\":{{\"text\":\"hello\"}},\"prev\":\"{ZERO_PREV}\"}}"
            )
        );
        assert_eq!(Record::from_line(&line).unwrap(), sample());
    }

    #[test]
    fn rejects_wrong_order_missing_and_extra_fields() {
        let good = String::from_utf8(sample().to_line().unwrap()).unwrap();
        let swapped = good.replacen("\"v\":1,\"seq\":0", "\"seq\":0,\"v\":1", 1);
        assert!(Record::from_line(swapped.as_bytes()).is_err());
        let missing = good.replacen("\"turn\":0,", "", 1);
        assert!(Record::from_line(missing.as_bytes()).is_err());
        let extra = good.trim_end_matches('}').to_owned() + ",\"x\":1}";
        assert!(Record::from_line(extra.as_bytes()).is_err());
        let upper = good.replacen(ZERO_PREV, &"A".repeat(64), 1);
        assert!(Record::from_line(upper.as_bytes()).is_err());
        let bad_body = good.replacen("{\"text\":\"hello\"}", "[1]", 1);
        assert!(Record::from_line(bad_body.as_bytes()).is_err());
    }

    #[test]
    fn actors_parse_and_print() {
        for s in ["engine", "system", "facilitator:Ana Lima", "role:soc"] {
            assert_eq!(s.parse::<Actor>().unwrap().to_string(), s);
        }
        for s in ["", "admin", "role:", "facilitator:", "role:a\nb"] {
            assert!(s.parse::<Actor>().is_err(), "{s:?}");
        }
    }

    #[test]
    fn kind_names_match_serde() {
        for kind in [RecordKind::DrillOpened, RecordKind::HotwashImprovementArea] {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                Value::String(kind.as_str().into())
            );
        }
        assert!(RecordKind::Checkpoint.is_reserved());
        assert!(!RecordKind::ScoreLine.is_reserved());
    }
}
