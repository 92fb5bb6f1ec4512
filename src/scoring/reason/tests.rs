//! Every [`ScoreReason`] in both languages, English as the engine wrote it before reasons were
//! typed.

use super::*;
use crate::engine::event::RegimeName;

/// Names with one of everything, Japanese forms included.
struct Fixed;

impl Names for Fixed {
    fn origin_id(&self, _: crate::engine::event::Origin) -> Option<&str> {
        None
    }
    fn origin_name(&self, _: crate::engine::event::Origin, _: Lang) -> Option<&str> {
        None
    }
    fn asset(&self, _: usize) -> Option<&str> {
        None
    }
    fn data(&self, _: usize) -> Option<&str> {
        None
    }
    fn service(&self, _: usize) -> Option<(&str, &str)> {
        None
    }
    fn zone(&self, _: &str) -> Option<&str> {
        None
    }
    fn control(&self, _: &str) -> Option<&str> {
        None
    }
    fn regime(&self, i: usize) -> Option<RegimeName<'_>> {
        (i == 0).then_some(RegimeName {
            id: "nis2",
            name: "NIS2 Art. 23",
            name_ja: Some("NIS2指令第23条"),
            authority: "CSIRT",
            authority_ja: None,
        })
    }
    fn regime_count(&self) -> usize {
        1
    }
    fn clock(&self, r: usize, c: usize) -> Option<(&str, Option<&str>)> {
        (r == 0 && c == 0).then_some(("Early warning", Some("早期警告")))
    }
    fn expectation(&self, i: usize) -> Option<(&str, Option<&str>)> {
        (i == 0).then_some(("Isolate the host", Some("端末を隔離する")))
    }
    fn rule(&self, i: usize) -> Option<(&str, Option<&str>)> {
        (i == 0).then_some(("Contained before encryption", Some("暗号化前に封じ込めた")))
    }
    fn step(&self, i: usize) -> Option<(&str, &str)> {
        (i == 2).then_some(("isolate-host", "soc"))
    }
}

/// Each variant with the text the engine's `format!` wrote for it.
fn cases() -> Vec<(ScoreReason, &'static str)> {
    use ScoreReason::*;
    let (regime, clock, expectation) = (0, 0, 0);
    vec![
        (
            ClockMet {
                regime,
                clock,
                turn: 3,
                due: 4,
                hours: 24,
            },
            "Early warning (NIS2 Art. 23): delivered on time (turn 3, due by turn 4, 24 h)",
        ),
        (
            ClockLate {
                regime,
                clock,
                turn: 5,
                due: 4,
                hours: 24,
            },
            "Early warning (NIS2 Art. 23): delivered late (turn 5, due by turn 4, 24 h)",
        ),
        (
            ClockMissed {
                regime,
                clock,
                turn: 6,
                due: 4,
                hours: 72,
            },
            "Early warning (NIS2 Art. 23): missed, not delivered by turn 6 (due by turn 4, 72 h)",
        ),
        (
            ClockDueAfterEnd {
                regime,
                clock,
                due: 9,
            },
            "Early warning (NIS2 Art. 23): due after the drill ends (turn 9); not counted",
        ),
        (ExpectFailed { expectation }, "Isolate the host: failed"),
        (
            ExpectAlreadyDone {
                expectation,
                done: 2,
                since: 4,
            },
            "Isolate the host: done on time: already done in turn 2, before it fell due in turn 4",
        ),
        (
            ExpectDoneOnTime {
                expectation,
                done: 3,
                due: 4,
            },
            "Isolate the host: done on time in turn 3 (due by turn 4)",
        ),
        (
            ExpectMetOnTime {
                expectation,
                turn: 3,
                due: 4,
            },
            "Isolate the host: met on time in turn 3 (due by turn 4)",
        ),
        (
            ExpectLate {
                expectation,
                done: 5,
                due: 4,
            },
            "Isolate the host: done late in turn 5 (due by turn 4)",
        ),
        (
            ExpectExpired {
                expectation,
                turn: 6,
                due: 4,
            },
            "Isolate the host: not done by turn 6 (due by turn 4)",
        ),
        (
            ExpectStillOpen {
                expectation,
                due: 7,
            },
            "Isolate the host: still open when the drill ended (due turn 7); not counted",
        ),
        (Rule { rule: 0 }, "Contained before encryption"),
        (
            RuleNotAchieved { rule: 0 },
            "not achieved: Contained before encryption",
        ),
        (
            Hint { step: 2 },
            "hint: step 3 of the reference response shown (isolate-host, soc)",
        ),
    ]
}

#[test]
fn english_is_the_engines_old_text() {
    for (why, old) in cases() {
        assert_eq!(why.text(Lang::En, &Fixed), old, "{why:?}");
    }
}

/// The words of the English templates, which no Japanese rendering may hold.
const ENGLISH_WORDS: &[&str] = &[
    "delivered",
    "on time",
    "late",
    "missed",
    "due",
    "turn",
    "drill",
    "counted",
    "failed",
    "done",
    "already",
    "before",
    "met",
    "still open",
    "not achieved",
    "hint",
    "step",
    "reference",
    "response",
    "shown",
];

#[test]
fn japanese_has_the_japanese_names_and_none_of_the_english_words() {
    for (why, old) in cases() {
        let ja = why.text(Lang::Ja, &Fixed);
        assert_ne!(ja, old, "{why:?}");
        // Ids are exempt: the hint names the step's action and role by id.
        let lower = ja
            .replace("isolate-host", "")
            .replace("soc", "")
            .to_lowercase();
        for w in ENGLISH_WORDS {
            assert!(!lower.contains(w), "{why:?}: {w:?} in {ja:?}");
        }
        for en in [
            "Early warning",
            "NIS2 Art. 23",
            "Isolate the host",
            "Contained",
        ] {
            assert!(!ja.contains(en), "{why:?}: English name {en:?} in {ja:?}");
        }
    }
}

#[test]
fn every_variant_is_covered() {
    // A new variant must be added to `cases` (this match fails to compile otherwise).
    for (why, _) in cases() {
        match why {
            ScoreReason::ClockMet { .. }
            | ScoreReason::ClockLate { .. }
            | ScoreReason::ClockMissed { .. }
            | ScoreReason::ClockDueAfterEnd { .. }
            | ScoreReason::ExpectFailed { .. }
            | ScoreReason::ExpectAlreadyDone { .. }
            | ScoreReason::ExpectDoneOnTime { .. }
            | ScoreReason::ExpectMetOnTime { .. }
            | ScoreReason::ExpectLate { .. }
            | ScoreReason::ExpectExpired { .. }
            | ScoreReason::ExpectStillOpen { .. }
            | ScoreReason::Rule { .. }
            | ScoreReason::RuleNotAchieved { .. }
            | ScoreReason::Hint { .. } => {}
        }
    }
    assert_eq!(cases().len(), 14);
}

#[test]
fn a_name_out_of_range_renders_empty_not_a_panic() {
    let why = ScoreReason::ExpectFailed { expectation: 99 };
    assert_eq!(why.text(Lang::En, &Fixed), ": failed");
}
