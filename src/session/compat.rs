//! Journals written before the turn log and score reasons were typed: their header has no
//! `extra.names`, their `turn_ended` no `typed_events` and their `score_line` no `why`. A
//! replay or resume of such a journal compares what the engine derives without those additive
//! fields, so that every record it did write is still re-derived byte for byte.

use serde_json::Value;

use crate::journal::{Header, RecordKind};
use crate::records::HeaderExtra;

/// True when the header predates the typed turn log (no `extra.names`).
pub fn untyped(header: &Header) -> bool {
    HeaderExtra::decode(&header.extra).is_ok_and(|x| x.names.is_none())
}

/// `body` (of a record of `kind`) as a journal written before the typed turn log holds it.
pub fn as_untyped(kind: RecordKind, mut body: Value) -> Value {
    let field = match kind {
        RecordKind::TurnEnded => "typed_events",
        RecordKind::ScoreLine => "why",
        _ => return body,
    };
    if let Value::Object(m) = &mut body {
        m.remove(field);
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_typed_fields_of_the_two_kinds_go() {
        let v = serde_json::json!({"why": 1, "reason": "r", "typed_events": []});
        assert_eq!(
            as_untyped(RecordKind::ScoreLine, v.clone()),
            serde_json::json!({"reason": "r", "typed_events": []})
        );
        assert_eq!(
            as_untyped(RecordKind::TurnEnded, v.clone()),
            serde_json::json!({"why": 1, "reason": "r"})
        );
        assert_eq!(as_untyped(RecordKind::ActionResolved, v.clone()), v);
    }
}
