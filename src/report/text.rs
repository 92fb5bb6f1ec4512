//! Formatting of times, durations and numbers for the report, in English or Japanese.
//!
//! Journal timestamps are UTC. They are shown in the drill's IANA time zone, daylight saving
//! included (jiff's bundled time-zone database, so the host's zoneinfo does not matter); a zone
//! the database does not know is shown as UTC.

use time::{Date, OffsetDateTime, UtcOffset};

use crate::i18n::Lang;
use crate::i18n::report::fill;

/// The offset and abbreviation of `tz` at the instant `at` (UTC for an unknown zone).
pub fn zone_at(tz: &str, at: OffsetDateTime) -> (UtcOffset, String) {
    crate::scenario::calendar::in_zone(at.unix_timestamp(), 0, tz)
        .and_then(|z| {
            let info = z.time_zone().to_offset_info(z.timestamp());
            let offset = UtcOffset::from_whole_seconds(z.offset().seconds()).ok()?;
            Some((offset, info.abbreviation().to_string()))
        })
        .unwrap_or((UtcOffset::UTC, "UTC".to_string()))
}

/// The offset and abbreviation of `tz` at the start of 2000 (UTC for an unknown zone): a label
/// for the zone as a whole; times are converted with [`zone_at`], which follows daylight saving.
pub fn zone(tz: &str) -> (UtcOffset, String) {
    zone_at(
        tz,
        OffsetDateTime::from_unix_timestamp(946_684_800).unwrap_or(OffsetDateTime::UNIX_EPOCH),
    )
}

/// The time in the drill's zone and the zone's label; a time that cannot be shown in that zone
/// (at the very edge of the representable years, as a forged journal may hold) stays in UTC and
/// says so, rather than stopping the report.
fn local_labelled(dt: OffsetDateTime, tz: &str) -> (OffsetDateTime, String) {
    let (offset, label) = zone_at(tz, dt);
    match dt.checked_to_offset(offset) {
        Some(l) => (l, label),
        None => (dt.to_offset(UtcOffset::UTC), "UTC".to_string()),
    }
}

fn local(dt: OffsetDateTime, tz: &str) -> OffsetDateTime {
    local_labelled(dt, tz).0
}

fn ymd(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// `2026-04-03` in the drill's zone.
pub fn date(dt: OffsetDateTime, tz: &str) -> String {
    ymd(local(dt, tz).date())
}

/// `2026-04-03 09:15:02 JST`.
pub fn datetime(dt: OffsetDateTime, tz: &str) -> String {
    let (l, label) = local_labelled(dt, tz);
    format!(
        "{} {:02}:{:02}:{:02} {label}",
        ymd(l.date()),
        l.hour(),
        l.minute(),
        l.second(),
    )
}

/// `09:15:02`, or `04-04 09:15:02` when the day differs from `day_of`.
pub fn clock_time(dt: OffsetDateTime, tz: &str, day_of: Option<OffsetDateTime>) -> String {
    let l = local(dt, tz);
    let same_day = day_of.is_none_or(|d| local(d, tz).date() == l.date());
    if same_day {
        format!("{:02}:{:02}:{:02}", l.hour(), l.minute(), l.second())
    } else {
        format!(
            "{:02}-{:02} {:02}:{:02}:{:02}",
            u8::from(l.month()),
            l.day(),
            l.hour(),
            l.minute(),
            l.second()
        )
    }
}

/// The calendar day of `dt` in the drill's zone (the day [`date`] prints).
pub fn local_date(dt: OffsetDateTime, tz: &str) -> Date {
    local(dt, tz).date()
}

/// The day a drill held at `dt` makes the next one due: the register's rule
/// ([`crate::register::dates::next_due`], 12 months: the same calendar day a year later, 28
/// February for 29 February).
pub fn next_year(dt: OffsetDateTime, tz: &str) -> String {
    let day = local_date(dt, tz);
    let due = crate::register::dates::next_due(Some(day), crate::register::Period::default());
    ymd(due.unwrap_or(day))
}

/// When the next drill is due, from one journal, by the register's rule
/// ([`crate::register::dates::next_due`], 12 months after the last completed drill): this
/// drill's day when it completed, else the previous drill recorded in the header (an aborted or
/// unfinished drill does not count); `None` when neither is known (a drill is due now).
pub fn next_drill_due(m: &crate::report::ReportModel, tz: &str) -> Option<Date> {
    let completed = m.integrity.closed == Some(crate::journal::CloseStatus::Completed);
    let basis = match (completed, m.times.opened) {
        (true, Some(open)) => Some(local_date(open, tz)),
        _ => m
            .times
            .previous_drill
            .as_deref()
            .and_then(crate::register::dates::parse_ymd),
    };
    crate::register::dates::next_due(basis, crate::register::Period::default())
}

/// Scenario time since the start: `T+16:00`.
pub fn scenario_time(minutes: u64) -> String {
    format!("T+{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A real duration: `1 h 02 min 05 s` / `1時間02分05秒`.
pub fn real_duration(seconds: i64, lang: Lang) -> String {
    let s = seconds.max(0);
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    let t = lang.report();
    let sec = format!("{sec:02}");
    if h == 0 {
        fill(t.dur_min_sec, &[("m", &m), ("s", &sec)])
    } else {
        fill(
            t.dur_h_min_sec,
            &[("h", &h), ("m", &format!("{m:02}")), ("s", &sec)],
        )
    }
}

/// A scenario duration: `16 h 00 min` / `16時間00分`.
pub fn minutes_duration(minutes: u64, lang: Lang) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    fill(
        lang.report().dur_h_min,
        &[("h", &h), ("m", &format!("{m:02}"))],
    )
}

/// Hours: `72 h` / `72時間`.
pub fn hours(h: i64, lang: Lang) -> String {
    fill(lang.report().dur_h, &[("h", &h)])
}

/// A share as a whole percentage: `85%`.
pub fn pct(share: f64) -> String {
    if share.is_finite() {
        format!("{:.0}%", share * 100.0)
    } else {
        "—".into()
    }
}

/// A signed number: `+10`, `-5`, `0`.
pub fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// An impact figure with its unit: `12.5 million JPY`.
pub fn impact(x: f64, unit: &str) -> String {
    if unit.is_empty() {
        format!("{x:.1}")
    } else {
        format!("{x:.1} {unit}")
    }
}

/// Quotes a path for a POSIX shell when it needs it.
pub fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./+:@%,=".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn times_show_in_their_zone_with_daylight_saving() {
        let t = datetime!(2026-02-28 23:30:05 UTC);
        assert_eq!(datetime(t, "Asia/Tokyo"), "2026-03-01 08:30:05 JST");
        assert_eq!(datetime(t, "Europe/Paris"), "2026-03-01 00:30:05 CET");
        let summer = datetime!(2026-07-01 12:00 UTC);
        assert_eq!(datetime(summer, "Europe/Paris"), "2026-07-01 14:00:00 CEST");
        assert_eq!(datetime(t, "Mars/Olympus"), "2026-02-28 23:30:05 UTC");
        assert_eq!(
            next_year(datetime!(2028-02-29 01:00 UTC), "UTC"),
            "2029-02-28"
        );
        assert_eq!(
            clock_time(t, "Asia/Tokyo", Some(datetime!(2026-02-28 10:00 UTC))),
            "03-01 08:30:05"
        );
    }

    #[test]
    fn the_last_representable_second_does_not_stop_the_report() {
        let edge = time::macros::datetime!(9999-12-31 23:59:59 UTC);
        assert_eq!(datetime(edge, "Asia/Tokyo"), "9999-12-31 23:59:59 UTC");
        assert_eq!(date(edge, "Asia/Tokyo"), "9999-12-31");
        assert_eq!(next_year(edge, "Asia/Tokyo"), "9999-12-31");
    }

    #[test]
    fn durations_and_quotes() {
        assert_eq!(real_duration(3725, Lang::En), "1 h 02 min 05 s");
        assert_eq!(real_duration(65, Lang::Ja), "1分05秒");
        assert_eq!(scenario_time(960), "T+16:00");
        assert_eq!(shell_quote("x.jsonl"), "x.jsonl");
        assert_eq!(shell_quote("a b'c"), r"'a b'\''c'");
    }
}
