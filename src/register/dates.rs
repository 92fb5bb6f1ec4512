//! Calendar dates for the register: the drill period (`--every`), adding it to a date, and the
//! `YYYY-MM-DD` form journals and plans use.

use std::fmt;
use std::str::FromStr;

use time::{Date, Month, OffsetDateTime};

/// How often a drill is due: a number of months (a year is 12) or of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar months (the same day N months later; the month's last day when it has none).
    Months(u32),
    /// Days.
    Days(u32),
}

impl Default for Period {
    fn default() -> Self {
        Period::Months(12)
    }
}

impl FromStr for Period {
    type Err = String;

    /// `12m`, `6 months`, `1y`, `2 years`, `90d`, `90 days`, or a bare number of months.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        let unit = t[digits.len()..].trim();
        let bad =
            || format!("`{s}` is not a period: give months, years or days, e.g. 12m, 1y or 90d");
        let n: u32 = digits.parse().map_err(|_| bad())?;
        if n == 0 {
            return Err(format!("`{s}`: the period must be longer than zero"));
        }
        match unit {
            "" | "m" | "mo" | "month" | "months" => Ok(Period::Months(n)),
            "y" | "year" | "years" => n.checked_mul(12).map(Period::Months).ok_or_else(bad),
            "d" | "day" | "days" => Ok(Period::Days(n)),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Months(12) => f.write_str("12 months"),
            Period::Months(1) => f.write_str("1 month"),
            Period::Months(n) => write!(f, "{n} months"),
            Period::Days(1) => f.write_str("1 day"),
            Period::Days(n) => write!(f, "{n} days"),
        }
    }
}

impl Period {
    /// The date one period after `d` (saturating at the last representable date).
    pub fn after(self, d: Date) -> Date {
        match self {
            Period::Days(n) => d
                .checked_add(time::Duration::days(i64::from(n)))
                .unwrap_or(Date::MAX),
            Period::Months(n) => {
                let months0 = i64::from(d.year()) * 12 + i64::from(u8::from(d.month())) - 1;
                let target = months0 + i64::from(n);
                let (Ok(year), Ok(month)) = (
                    i32::try_from(target.div_euclid(12)),
                    u8::try_from(target.rem_euclid(12) + 1),
                ) else {
                    return Date::MAX;
                };
                let Ok(month) = Month::try_from(month) else {
                    return Date::MAX;
                };
                let day = d.day().min(month.length(year));
                Date::from_calendar_date(year, month, day).unwrap_or(Date::MAX)
            }
        }
    }
}

/// The same calendar day `n` years before `d` (28 February for 29 February).
pub fn years_before(d: Date, n: i32) -> Date {
    let year = d.year().saturating_sub(n);
    let day = d.day().min(d.month().length(year));
    Date::from_calendar_date(year, d.month(), day).unwrap_or(Date::MIN)
}

/// `YYYY-MM-DD`.
pub fn ymd(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Reads `YYYY-MM-DD` (surrounding blanks allowed); `None` for anything else.
pub fn parse_ymd(s: &str) -> Option<Date> {
    let s = s.trim();
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// The calendar day of `t` in the time zone `tz`, as the report dates the drill (daylight
/// saving followed; UTC for zones kunren does not know): [`crate::report::text::local_date`].
pub fn local_date(t: OffsetDateTime, tz: &str) -> Date {
    crate::report::text::local_date(t, tz)
}

/// When the next drill is due: one period after the last completed drill (`None` when no
/// completed drill is on record: a drill is due now). The one rule `kunren register` and the
/// report's "next drill due" both apply; aborted and incomplete drills do not count.
pub fn next_due(last_completed: Option<Date>, every: Period) -> Option<Date> {
    last_completed.map(|d| every.after(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn periods_parse_and_add() {
        assert_eq!("12m".parse(), Ok(Period::Months(12)));
        assert_eq!("1y".parse(), Ok(Period::Months(12)));
        assert_eq!("6 months".parse(), Ok(Period::Months(6)));
        assert_eq!("90d".parse(), Ok(Period::Days(90)));
        assert_eq!("18".parse(), Ok(Period::Months(18)));
        assert!("0m".parse::<Period>().is_err());
        assert!("soon".parse::<Period>().is_err());
        assert_eq!(
            Period::Months(12).after(date!(2024 - 02 - 29)),
            date!(2025 - 02 - 28)
        );
        assert_eq!(
            Period::Months(1).after(date!(2025 - 01 - 31)),
            date!(2025 - 02 - 28)
        );
        assert_eq!(
            Period::Months(13).after(date!(2025 - 12 - 15)),
            date!(2027 - 01 - 15)
        );
        assert_eq!(
            Period::Days(90).after(date!(2025 - 01 - 01)),
            date!(2025 - 04 - 01)
        );
        assert_eq!(Period::Months(12).after(Date::MAX), Date::MAX);
    }

    #[test]
    fn dates_read_and_print() {
        assert_eq!(parse_ymd(" 2025-03-31 "), Some(date!(2025 - 03 - 31)));
        assert_eq!(parse_ymd("2025-3-31"), None);
        assert_eq!(parse_ymd("2025-02-30"), None);
        assert_eq!(parse_ymd("soon"), None);
        assert_eq!(ymd(date!(2025 - 03 - 01)), "2025-03-01");
        assert_eq!(
            years_before(date!(2028 - 02 - 29), 3),
            date!(2025 - 02 - 28)
        );
        let t = time::macros::datetime!(2025-03-31 20:00 UTC);
        assert_eq!(local_date(t, "Asia/Tokyo"), date!(2025 - 04 - 01));
        assert_eq!(local_date(t, "Europe/Paris"), date!(2025 - 03 - 31));
    }
}
