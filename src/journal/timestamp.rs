//! Record timestamps: UTC, RFC 3339, second or millisecond precision, always ending in `Z`.

use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

const MILLIS: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]");
const SECONDS: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");

/// Formats a time as the journal writes it: UTC with millisecond precision, e.g.
/// `2025-01-31T09:00:00.250Z`.
pub fn format_timestamp(at: OffsetDateTime) -> String {
    let utc = at.to_offset(UtcOffset::UTC);
    match utc.format(MILLIS) {
        Ok(s) => s + "Z",
        // Years outside 0000..=9999 cannot be written in RFC 3339; clamp to the epoch rather
        // than fail a durable write over a broken system clock.
        Err(_) => "1970-01-01T00:00:00.000Z".to_owned(),
    }
}

/// True when `ts` is `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.mmmZ` and names a real
/// date and time.
pub fn is_valid_timestamp(ts: &str) -> bool {
    let Some(body) = ts.strip_suffix('Z') else {
        return false;
    };
    let format = match body.len() {
        19 => SECONDS,
        23 => MILLIS,
        _ => return false,
    };
    PrimitiveDateTime::parse(body, format).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn formats_utc_milliseconds() {
        let t = datetime!(2025-01-31 18:00:00.250 +09:00);
        assert_eq!(format_timestamp(t), "2025-01-31T09:00:00.250Z");
    }

    #[test]
    fn accepts_only_the_two_forms() {
        assert!(is_valid_timestamp("2025-01-31T09:00:00Z"));
        assert!(is_valid_timestamp("2025-01-31T09:00:00.250Z"));
        assert!(!is_valid_timestamp("2025-01-31T09:00:00.25Z"));
        assert!(!is_valid_timestamp("2025-01-31T09:00:00+00:00"));
        assert!(!is_valid_timestamp("2025-02-30T09:00:00Z"));
        assert!(!is_valid_timestamp("2025-01-31 09:00:00Z"));
        assert!(!is_valid_timestamp(""));
    }
}
