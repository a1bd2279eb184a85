//! Instants as the core sees them: UTC, passed in by the caller (the core never reads a clock),
//! read and written as RFC 3339, and shown as an admin writes dates ("22 Mar 2025").

use crate::error::InputError;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// Parses an RFC 3339 date and time (`2026-11-23T09:30:00Z`, with any offset or fraction).
pub fn parse_rfc3339(text: &str) -> Result<OffsetDateTime, InputError> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .map(|at| at.to_offset(UtcOffset::UTC))
        .map_err(|_| InputError::InvalidTime {
            text: text.chars().take(60).collect(),
        })
}

/// The instant `millis` milliseconds after the Unix epoch (JavaScript's `Date.now()`).
pub fn from_unix_millis(millis: f64) -> Result<OffsetDateTime, InputError> {
    let invalid = || InputError::InvalidTime {
        text: millis.to_string(),
    };
    if !millis.is_finite() {
        return Err(invalid());
    }
    let nanos = (millis * 1_000_000.0) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).map_err(|_| invalid())
}

/// RFC 3339 in UTC with whole seconds: `2025-03-22T13:10:28Z`.
pub fn format_rfc3339(at: OffsetDateTime) -> String {
    let at = at.to_offset(UtcOffset::UTC);
    let year = at.year();
    if !(0..=9999).contains(&year) {
        // Outside four digits (x509 allows neither, but `now` may be anything).
        return format!(
            "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            u8::from(at.month()),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        );
    }
    // Digits by hand: this runs for every certificate and is a measurable share of `inspect`.
    let mut text = *b"0000-00-00T00:00:00Z";
    for (range, value) in [
        (0..4, year as u32),
        (5..7, u32::from(u8::from(at.month()))),
        (8..10, u32::from(at.day())),
        (11..13, u32::from(at.hour())),
        (14..16, u32::from(at.minute())),
        (17..19, u32::from(at.second())),
    ] {
        let mut value = value;
        for digit in text[range].iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    text.iter().copied().map(char::from).collect()
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2025-03-22T13:10:28Z` as `22 Mar 2025`; anything else as it is.
pub fn readable_date(rfc3339: &str) -> String {
    let date = rfc3339.get(..10).unwrap_or(rfc3339);
    let mut parts = date.split('-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return rfc3339.to_owned();
    };
    let month = month
        .parse::<usize>()
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|m| MONTHS.get(m));
    match (month, day.parse::<u8>()) {
        (Some(month), Ok(day)) if year.len() == 4 => format!("{day} {month} {year}"),
        _ => rfc3339.to_owned(),
    }
}

/// `2025-03-22T13:10:28Z` as `22 Mar 2025, 13:10:28 UTC`.
pub fn readable_instant(rfc3339: &str) -> String {
    match rfc3339.get(11..19) {
        Some(clock) if rfc3339.ends_with('Z') => format!("{}, {clock} UTC", readable_date(rfc3339)),
        _ => readable_date(rfc3339),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_an_admin_writes_them() {
        assert_eq!(readable_date("2025-03-22T13:10:28Z"), "22 Mar 2025");
        assert_eq!(readable_date("2025-12-01T00:00:00Z"), "1 Dec 2025");
        assert_eq!(
            readable_instant("2025-03-22T13:10:28Z"),
            "22 Mar 2025, 13:10:28 UTC"
        );
        assert_eq!(readable_date("garbage"), "garbage");
        assert_eq!(readable_date("2025-13-01"), "2025-13-01");
        assert_eq!(readable_date(""), "");
    }

    #[test]
    fn parses_offsets_and_fractions_into_utc() {
        let at = parse_rfc3339("2026-11-23T10:30:00.250+01:00").unwrap();
        assert_eq!(format_rfc3339(at), "2026-11-23T09:30:00Z");
    }

    #[test]
    fn formats_every_field_with_its_zeros() {
        for text in [
            "0001-01-01T00:00:00Z",
            "1999-12-31T23:59:59Z",
            "2049-07-04T05:06:07Z",
            "9999-12-31T23:59:59Z",
        ] {
            assert_eq!(format_rfc3339(parse_rfc3339(text).unwrap()), text);
        }
    }

    #[test]
    fn refuses_what_is_not_rfc3339() {
        assert_eq!(
            parse_rfc3339("23/11/2026").unwrap_err().code(),
            "invalid-time"
        );
    }

    #[test]
    fn reads_javascript_milliseconds() {
        let at = from_unix_millis(1_795_000_000_000.0).unwrap();
        assert_eq!(format_rfc3339(at), "2026-11-18T11:06:40Z");
        assert!(from_unix_millis(f64::NAN).is_err());
        assert!(from_unix_millis(1e300).is_err());
    }
}
