//! Why a score line scored what it did, typed: indices into the bundle and the turns and hours
//! the verdict read, rendered on demand in a language from the catalogue
//! ([`crate::i18n::score`]) with the authored names in the drill's language. The English
//! rendering is the line's journaled `reason`, byte for byte what the engine wrote before the
//! reason was typed.

use std::fmt::Display;

use serde::{Deserialize, Serialize};

use crate::engine::event::{Names, ja_or};
use crate::i18n::Lang;
use crate::i18n::report::fill;

/// Why a line scored, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ScoreReason {
    /// A clock's report was delivered on time.
    ClockMet {
        /// Regime index.
        regime: usize,
        /// Clock index within the regime.
        clock: usize,
        /// Turn it was delivered in.
        turn: u32,
        /// Turn it was due by.
        due: u32,
        /// Deadline in hours.
        hours: u32,
    },
    /// A clock's report was delivered late.
    ClockLate {
        /// Regime index.
        regime: usize,
        /// Clock index within the regime.
        clock: usize,
        /// Turn it was delivered in.
        turn: u32,
        /// Turn it was due by.
        due: u32,
        /// Deadline in hours.
        hours: u32,
    },
    /// A clock was missed.
    ClockMissed {
        /// Regime index.
        regime: usize,
        /// Clock index within the regime.
        clock: usize,
        /// Turn by which it was not delivered.
        turn: u32,
        /// Turn it was due by.
        due: u32,
        /// Deadline in hours.
        hours: u32,
    },
    /// A clock falls due after the drill ends (not counted).
    ClockDueAfterEnd {
        /// Regime index.
        regime: usize,
        /// Clock index within the regime.
        clock: usize,
        /// Turn it is due by.
        due: u32,
    },
    /// An expectation failed.
    ExpectFailed {
        /// Expectation index.
        expectation: usize,
    },
    /// An expectation was already met before it fell due.
    ExpectAlreadyDone {
        /// Expectation index.
        expectation: usize,
        /// Turn the team did it.
        done: u32,
        /// Turn it fell due (was activated).
        since: u32,
    },
    /// An expectation was done on time by the team's actions.
    ExpectDoneOnTime {
        /// Expectation index.
        expectation: usize,
        /// Turn the team did it.
        done: u32,
        /// Turn it was due by.
        due: u32,
    },
    /// An expectation was met on time (no action of the team named as its evidence).
    ExpectMetOnTime {
        /// Expectation index.
        expectation: usize,
        /// Turn it was met in.
        turn: u32,
        /// Turn it was due by.
        due: u32,
    },
    /// An expectation was done late, within the grace.
    ExpectLate {
        /// Expectation index.
        expectation: usize,
        /// Turn the team did it.
        done: u32,
        /// Turn it was due by.
        due: u32,
    },
    /// An expectation expired.
    ExpectExpired {
        /// Expectation index.
        expectation: usize,
        /// Last turn it could have been done in (grace included).
        turn: u32,
        /// Turn it was due by.
        due: u32,
    },
    /// An expectation was still open when the drill ended (not counted).
    ExpectStillOpen {
        /// Expectation index.
        expectation: usize,
        /// Turn it was due.
        due: u32,
    },
    /// A rule applied: its authored reason.
    Rule {
        /// Rule index.
        rule: usize,
    },
    /// A bonus rule was never earned.
    RuleNotAchieved {
        /// Rule index.
        rule: usize,
    },
    /// A practice hint showed a step of the reference response.
    Hint {
        /// Step index (0-based).
        step: usize,
    },
}

impl ScoreReason {
    /// The reason in `lang`, names from `n` (the journal's `reason` in English).
    pub fn text(&self, lang: Lang, n: &dyn Names) -> String {
        let t = lang.score();
        let clock = |r: usize, c: usize| -> (String, String) {
            let title = n.clock(r, c).map_or("", |(t, ja)| ja_or(lang, t, ja));
            let regime = n.regime(r).map_or("", |r| ja_or(lang, r.name, r.name_ja));
            (title.to_string(), regime.to_string())
        };
        let expect = |i: usize| n.expectation(i).map_or("", |(t, ja)| ja_or(lang, t, ja));
        let rule = |i: usize| n.rule(i).map_or("", |(t, ja)| ja_or(lang, t, ja));
        let f = |template: &str, args: &[(&str, &dyn Display)]| fill(template, args);
        match *self {
            ScoreReason::ClockMet {
                regime,
                clock: c,
                turn,
                due,
                hours,
            }
            | ScoreReason::ClockLate {
                regime,
                clock: c,
                turn,
                due,
                hours,
            }
            | ScoreReason::ClockMissed {
                regime,
                clock: c,
                turn,
                due,
                hours,
            } => {
                let template = match self {
                    ScoreReason::ClockMet { .. } => t.clock_met,
                    ScoreReason::ClockLate { .. } => t.clock_late,
                    _ => t.clock_missed,
                };
                let (title, name) = clock(regime, c);
                f(
                    template,
                    &[
                        ("title", &title),
                        ("regime", &name),
                        ("turn", &turn),
                        ("due", &due),
                        ("hours", &hours),
                    ],
                )
            }
            ScoreReason::ClockDueAfterEnd {
                regime,
                clock: c,
                due,
            } => {
                let (title, name) = clock(regime, c);
                f(
                    t.clock_due_after_end,
                    &[("title", &title), ("regime", &name), ("due", &due)],
                )
            }
            ScoreReason::ExpectFailed { expectation } => {
                f(t.expect_failed, &[("title", &expect(expectation))])
            }
            ScoreReason::ExpectAlreadyDone {
                expectation,
                done,
                since,
            } => f(
                t.expect_already_done,
                &[
                    ("title", &expect(expectation)),
                    ("done", &done),
                    ("since", &since),
                ],
            ),
            ScoreReason::ExpectDoneOnTime {
                expectation,
                done,
                due,
            } => f(
                t.expect_done_on_time,
                &[
                    ("title", &expect(expectation)),
                    ("done", &done),
                    ("due", &due),
                ],
            ),
            ScoreReason::ExpectMetOnTime {
                expectation,
                turn,
                due,
            } => f(
                t.expect_met_on_time,
                &[
                    ("title", &expect(expectation)),
                    ("turn", &turn),
                    ("due", &due),
                ],
            ),
            ScoreReason::ExpectLate {
                expectation,
                done,
                due,
            } => f(
                t.expect_late,
                &[
                    ("title", &expect(expectation)),
                    ("done", &done),
                    ("due", &due),
                ],
            ),
            ScoreReason::ExpectExpired {
                expectation,
                turn,
                due,
            } => f(
                t.expect_expired,
                &[
                    ("title", &expect(expectation)),
                    ("turn", &turn),
                    ("due", &due),
                ],
            ),
            ScoreReason::ExpectStillOpen { expectation, due } => f(
                t.expect_still_open,
                &[("title", &expect(expectation)), ("due", &due)],
            ),
            ScoreReason::Rule { rule: r } => rule(r).to_string(),
            ScoreReason::RuleNotAchieved { rule: r } => {
                f(t.rule_not_achieved, &[("reason", &rule(r))])
            }
            ScoreReason::Hint { step } => {
                let (what, role) = n.step(step).unwrap_or(("", ""));
                f(
                    t.hint,
                    &[("step", &(step + 1)), ("what", &what), ("role", &role)],
                )
            }
        }
    }
}

/// The id of the ending the engine sets when the turn limit is reached.
pub const TIME_LIMIT: &str = "time-limit";

/// An ending's title in `lang`: the catalogue's for the engine's own turn-limit ending (as the
/// engine titled it), the authored title otherwise.
pub fn ending_title(e: &crate::engine::EndingView, lang: Lang) -> &str {
    if e.id == TIME_LIMIT && e.title == Lang::En.score().time_limit {
        lang.score().time_limit
    } else {
        &e.title
    }
}

#[cfg(test)]
mod tests;
