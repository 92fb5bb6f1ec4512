//! The one clock rule: at which instant a turn's events happen, when a regulatory clock is
//! due, and its verdict. The engine scores with it, the console shows it and the report states
//! it; nothing else computes a deadline.
//!
//! **Instants.** A turn of `m` minutes spans scenario time `(t−1)·m` to `t·m`. Injects delivered
//! when turn `t` opens happen at its start, `(t−1)·m`; everything the engine resolves — the
//! team's actions and decisions, the attacker's stages, detections, state changes — happens at
//! its end, `t·m`.
//!
//! **Clocks.** A clock starts at the instant of its start event: at the opening of a turn when
//! its condition holds once that turn's injects are delivered, otherwise at the end of the turn
//! in which its condition first holds (or in which the team delivers the report, if earlier).
//! Its deadline is the start plus the hours allowed. A delivery is **met** when it is resolved no
//! later than the deadline, so the last turn that meets a clock is the last turn whose end is
//! not after the deadline. A delivery in one of the `grace` turns after that is **late**; a clock
//! not delivered by then is **missed** (a delivery after that changes nothing). A clock still
//! open when the drill ends is missed when its deadline has passed, and otherwise **due after
//! the drill ends** and not counted.

use serde::{Deserialize, Serialize};

/// Scenario minutes at which turn `turn` opens (its injects are delivered).
pub fn opening_instant(turn: u32, turn_minutes: u32) -> u64 {
    u64::from(turn.saturating_sub(1)) * u64::from(turn_minutes)
}

/// Scenario minutes at which turn `turn` resolves (its actions and events happen).
pub fn resolution_instant(turn: u32, turn_minutes: u32) -> u64 {
    u64::from(turn) * u64::from(turn_minutes)
}

/// The deadline, in scenario minutes, of a clock started at `started_at` minutes.
pub fn deadline_instant(started_at: u64, hours: u32) -> u64 {
    started_at.saturating_add(u64::from(hours) * 60)
}

/// The last turn whose resolution is not after the deadline (a delivery in it meets the clock).
pub fn deadline_turn(started_at: u64, hours: u32, turn_minutes: u32) -> u32 {
    let turn = deadline_instant(started_at, hours) / u64::from(turn_minutes.max(1));
    u32::try_from(turn).unwrap_or(u32::MAX)
}

/// A clock's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockVerdict {
    /// Its start event has not happened.
    NotStarted,
    /// Started; the deadline has not passed and nothing was delivered yet.
    Running,
    /// Started; the deadline passed, still within the grace turns.
    Overdue,
    /// Delivered no later than the deadline.
    Met,
    /// Delivered after the deadline, within the grace turns.
    Late,
    /// Not delivered by the end of the grace turns (or by the end of a drill past its deadline).
    Missed,
    /// Still open when the drill ended, with the deadline after the end: not counted.
    DueAfterEnd,
}

impl ClockVerdict {
    /// True once the verdict can no longer change.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ClockVerdict::Met
                | ClockVerdict::Late
                | ClockVerdict::Missed
                | ClockVerdict::DueAfterEnd
        )
    }
}

/// Everything the rule needs to know about one clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClockFacts {
    /// Scenario minutes of the start event, once started.
    pub started_at: Option<u64>,
    /// Hours allowed.
    pub hours: u32,
    /// Turn in which the report was delivered (resolved), if it was.
    pub delivered: Option<u32>,
    /// Turns after the deadline in which a delivery still counts as late.
    pub grace: u32,
    /// Turn length in minutes.
    pub turn_minutes: u32,
}

impl ClockFacts {
    /// The last turn that meets the clock, once started.
    pub fn deadline_turn(&self) -> Option<u32> {
        self.started_at
            .map(|s| deadline_turn(s, self.hours, self.turn_minutes))
    }

    /// The verdict once turn `turn` has resolved; `ended` when the drill ended with that turn.
    pub fn verdict(&self, turn: u32, ended: bool) -> ClockVerdict {
        let Some(started_at) = self.started_at else {
            return ClockVerdict::NotStarted;
        };
        let last_on_time = deadline_turn(started_at, self.hours, self.turn_minutes);
        let last_late = last_on_time.saturating_add(self.grace);
        match self.delivered {
            Some(d) if d <= last_on_time => return ClockVerdict::Met,
            Some(d) if d <= last_late => return ClockVerdict::Late,
            Some(_) => return ClockVerdict::Missed,
            None => {}
        }
        if turn > last_late {
            ClockVerdict::Missed
        } else if turn > last_on_time {
            if ended {
                ClockVerdict::Missed
            } else {
                ClockVerdict::Overdue
            }
        } else if ended {
            if deadline_instant(started_at, self.hours)
                > resolution_instant(turn, self.turn_minutes)
            {
                ClockVerdict::DueAfterEnd
            } else {
                ClockVerdict::Missed
            }
        } else {
            ClockVerdict::Running
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(delivered: Option<u32>) -> ClockFacts {
        // 6-hour turns, a 12-hour clock started by a declaration resolved in turn 3.
        ClockFacts {
            started_at: Some(resolution_instant(3, 360)),
            hours: 12,
            delivered,
            grace: 1,
            turn_minutes: 360,
        }
    }

    #[test]
    fn a_twelve_hour_clock_started_in_turn_three_is_due_in_turn_five() {
        assert_eq!(clock(None).deadline_turn(), Some(5));
        assert_eq!(clock(Some(5)).verdict(5, false), ClockVerdict::Met);
        assert_eq!(clock(Some(6)).verdict(6, false), ClockVerdict::Late);
        assert_eq!(clock(Some(7)).verdict(7, false), ClockVerdict::Missed);
        assert_eq!(clock(None).verdict(5, false), ClockVerdict::Running);
        assert_eq!(clock(None).verdict(6, false), ClockVerdict::Overdue);
        assert_eq!(clock(None).verdict(7, false), ClockVerdict::Missed);
    }

    #[test]
    fn an_open_clock_at_the_end_is_missed_or_due_after_the_end() {
        assert_eq!(clock(None).verdict(4, true), ClockVerdict::DueAfterEnd);
        assert_eq!(clock(None).verdict(5, true), ClockVerdict::Missed);
        assert_eq!(clock(None).verdict(6, true), ClockVerdict::Missed);
    }

    #[test]
    fn an_inject_at_the_opening_starts_the_clock_a_turn_earlier() {
        let c = ClockFacts {
            started_at: Some(opening_instant(3, 360)),
            ..clock(None)
        };
        assert_eq!(c.deadline_turn(), Some(4));
        // A clock shorter than a turn, started at a resolution, is met in the same turn.
        let short = ClockFacts {
            hours: 1,
            delivered: Some(3),
            ..clock(None)
        };
        assert_eq!(short.deadline_turn(), Some(3));
        assert_eq!(short.verdict(3, false), ClockVerdict::Met);
    }
}
