//! Calendar time of a drill: a scenario's `starts_at` ("2021-05-07T05:00[America/New_York]", a
//! civil date and time with an IANA time zone) and the wall-clock time of each turn, daylight
//! saving included. The time-zone rules are jiff's bundled copy of the IANA database, so the
//! output never depends on the host's `/usr/share/zoneinfo`.

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp, ZonedDateTime};

/// What is wrong with a `starts_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartError {
    /// Not `YYYY-MM-DDTHH:MM[Zone/Name]` (message: why; a date parser's own words as given).
    Syntax(crate::i18n::diagnostics::Msg),
    /// The zone is not in the IANA database (with a close name when there is one).
    UnknownZone(String, Option<String>),
    /// The time falls in a gap (the clocks jump forward over it) in that zone.
    Gap(String),
}

/// A drill's start in calendar time.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    /// The zone's IANA name.
    pub zone: String,
    /// The start, as an instant.
    pub at: Timestamp,
    /// True when the civil time happens twice (the clocks go back); the first is used.
    pub ambiguous: bool,
    tz: TimeZone,
}

/// Reads a `starts_at`: a civil date and time, then the IANA zone in brackets.
pub fn parse(text: &str) -> Result<Start, StartError> {
    let t = text.trim();
    let Some((civil, rest)) = t.split_once('[') else {
        return Err(StartError::Syntax(
            crate::i18n::diagnostics::D::starts_no_zone.into(),
        ));
    };
    let Some(zone) = rest.strip_suffix(']') else {
        return Err(StartError::Syntax(
            crate::i18n::diagnostics::D::starts_no_bracket.into(),
        ));
    };
    let dt: DateTime = civil
        .parse()
        .map_err(|e: jiff::Error| StartError::Syntax(e.to_string().into()))?;
    let tz = jiff::tz::db().get(zone).map_err(|_| {
        let names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
        let close = super::diagnostic::did_you_mean(zone, names.iter().map(String::as_str));
        StartError::UnknownZone(zone.to_string(), close.map(str::to_string))
    })?;
    let amb = tz.to_ambiguous_zoned_datetime(dt);
    let ambiguous = matches!(amb.offset(), AmbiguousOffset::Fold { .. });
    if matches!(amb.offset(), AmbiguousOffset::Gap { .. }) {
        return Err(StartError::Gap(zone.to_string()));
    }
    let z = amb
        .earlier()
        .map_err(|e| StartError::Syntax(e.to_string().into()))?;
    Ok(Start {
        zone: zone.to_string(),
        at: z.timestamp(),
        ambiguous,
        tz,
    })
}

impl Start {
    /// The wall-clock time `minutes` after the start (absolute time: across a daylight-saving
    /// change the wall clock jumps with it).
    pub fn after(&self, minutes: u64) -> Option<ZonedDateTime> {
        let m = i64::try_from(minutes).ok()?;
        let at = self.at.checked_add(SignedDuration::from_mins(m)).ok()?;
        Some(at.to_zoned_datetime(self.tz.clone()))
    }

    /// "Fri 2021-05-07 05:00 EDT" (English) or "2021-05-07(金) 05:00 EDT" (Japanese),
    /// `minutes` after the start; empty past the representable years.
    pub fn label(&self, minutes: u64, ja: bool) -> String {
        let Some(z) = self.after(minutes) else {
            return String::new();
        };
        format_zoned(&z, ja)
    }
}

/// A wall-clock time with its weekday and zone abbreviation, in English or Japanese.
pub fn format_zoned(z: &ZonedDateTime, ja: bool) -> String {
    let wd = z.weekday().to_monday_zero_offset() as usize;
    let abbr = z.time_zone().to_offset_info(z.timestamp());
    let abbr = abbr.abbreviation();
    let ymd = format!("{:04}-{:02}-{:02}", z.year(), z.month(), z.day());
    let hm = format!("{:02}:{:02}", z.hour(), z.minute());
    if ja {
        const WD: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
        format!("{ymd}({}) {hm} {abbr}", WD[wd])
    } else {
        const WD: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        format!("{} {ymd} {hm} {abbr}", WD[wd])
    }
}

/// The wall-clock time of a UTC instant (seconds and nanoseconds since the Unix epoch) in the
/// IANA zone `tz`, daylight saving included: `None` when the zone is unknown or the instant out
/// of range.
pub fn in_zone(unix_seconds: i64, nanos: i32, tz: &str) -> Option<ZonedDateTime> {
    let zone = jiff::tz::db().get(tz).ok()?;
    let ts = Timestamp::new(unix_seconds, nanos).ok()?;
    Some(ts.to_zoned_datetime(zone))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_follow_daylight_saving() {
        // 2024-03-10 02:00 EST → 03:00 EDT in New York.
        let s = parse("2024-03-10T00:30[America/New_York]").expect("parses");
        assert_eq!(s.label(0, false), "Sun 2024-03-10 00:30 EST");
        assert_eq!(s.label(120, false), "Sun 2024-03-10 03:30 EDT");
        assert_eq!(s.label(120, true), "2024-03-10(日) 03:30 EDT");
        let tokyo = parse("2025-05-07T09:00[Asia/Tokyo]").expect("parses");
        assert_eq!(tokyo.label(7 * 24 * 60, false), "Wed 2025-05-14 09:00 JST");
    }

    #[test]
    fn bad_starts_are_told_apart() {
        assert!(matches!(
            parse("2024-03-10T02:30[America/New_York]"),
            Err(StartError::Gap(_))
        ));
        assert!(matches!(
            parse("2024-11-03T01:30[America/New_York]"),
            Ok(Start {
                ambiguous: true,
                ..
            })
        ));
        match parse("2024-05-01T09:00[Asia/Tokio]") {
            Err(StartError::UnknownZone(z, Some(close))) => {
                assert_eq!((z.as_str(), close.as_str()), ("Asia/Tokio", "Asia/Tokyo"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse("2024-02-30T09:00[Asia/Tokyo]"),
            Err(StartError::Syntax(_))
        ));
        assert!(matches!(
            parse("2024-05-01T09:00"),
            Err(StartError::Syntax(_))
        ));
    }
}
