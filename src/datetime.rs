//! Instants as the core sees them: UTC, passed in by the caller (the core never reads a clock),
//! read and written as RFC 3339, and shown as an admin writes dates ("22 Mar 2025").

use crate::error::InputError;
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

/// Parses an RFC 3339 date and time (`2026-11-23T09:30:00Z`, with any offset or fraction).
pub fn parse_rfc3339(text: &str) -> Result<OffsetDateTime, InputError> {
    // In UTC; an offset that takes the instant past year 9999 is out of range, not a panic.
    read_rfc3339(text.trim().as_bytes())
        .and_then(|at| at.checked_to_offset(UtcOffset::UTC))
        .ok_or_else(|| InputError::InvalidTime {
            text: text.chars().take(60).collect(),
        })
}

/// RFC 3339's `date-time`, read as `time`'s `Rfc3339` parser reads it: any one byte between
/// date and time, a fraction of any length (to the nanosecond), `Z` in either case, and a leap
/// second only where one can fall (the last second of a month in UTC), as its preceding
/// nanosecond. Written out here because `time`'s format-description parser is a general
/// engine, 3.9 KB of the gzipped wasm (of a 180 KB budget) for this one fixed format;
/// tests/datetime.rs holds the two to the same answers.
fn read_rfc3339(text: &[u8]) -> Option<OffsetDateTime> {
    // Digits at `at..at + n`, as a number.
    let digits = |at: usize, n: usize| -> Option<u16> {
        text.get(at..at + n)?.iter().try_fold(0u16, |value, &byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u16::from(byte - b'0'))
        })
    };
    let literal = |at: usize, byte: u8| text.get(at) == Some(&byte);
    if !(literal(4, b'-') && literal(7, b'-') && literal(13, b':') && literal(16, b':')) {
        return None;
    }
    let year = digits(0, 4)?;
    let month = Month::try_from(u8::try_from(digits(5, 2)?).ok()?).ok()?;
    let day = u8::try_from(digits(8, 2)?).ok()?;
    text.get(10)?;
    let hour = u8::try_from(digits(11, 2)?).ok()?;
    let minute = u8::try_from(digits(14, 2)?).ok()?;
    let mut second = u8::try_from(digits(17, 2)?).ok()?;
    let mut at = 19;
    let mut nanosecond = 0u32;
    if literal(at, b'.') {
        at += 1;
        let start = at;
        let mut scale = 100_000_000;
        while let Some(&byte) = text.get(at).filter(|byte| byte.is_ascii_digit()) {
            nanosecond += u32::from(byte - b'0') * scale;
            scale /= 10;
            at += 1;
        }
        if at == start {
            return None;
        }
    }
    let offset = match text.get(at)? {
        b'Z' | b'z' => {
            at += 1;
            UtcOffset::UTC
        }
        &sign @ (b'+' | b'-') => {
            let hours = i8::try_from(digits(at + 1, 2)?).ok().filter(|&h| h <= 23)?;
            if !literal(at + 3, b':') {
                return None;
            }
            let minutes = i8::try_from(digits(at + 4, 2)?).ok()?;
            at += 6;
            let sign = if sign == b'-' { -1 } else { 1 };
            UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()?
        }
        _ => return None,
    };
    if at != text.len() {
        return None;
    }
    let leap_second = second == 60;
    if leap_second {
        second = 59;
        nanosecond = 999_999_999;
    }
    let date = Date::from_calendar_date(i32::from(year), month, day).ok()?;
    let time = Time::from_hms_nano(hour, minute, second, nanosecond).ok()?;
    let at = date.with_time(time).assume_offset(offset);
    if leap_second {
        let utc = at.checked_to_offset(UtcOffset::UTC)?;
        let last_second = utc.hour() == 23 && utc.minute() == 59 && utc.second() == 59;
        if !last_second || utc.day() != utc.month().length(utc.year()) {
            return None;
        }
    }
    Some(at)
}

/// The instant `millis` milliseconds after the Unix epoch (JavaScript's `Date.now()`).
pub fn from_unix_millis(millis: f64) -> Result<OffsetDateTime, InputError> {
    // The number as JavaScript would show it, to the whole millisecond: formatting the float
    // itself would link Rust's floating-point printer into the wasm for an error message.
    let invalid = || InputError::InvalidTime {
        text: match millis {
            _ if millis.is_nan() => "NaN".to_string(),
            _ if millis.abs() < 1e16 => (millis as i64).to_string(),
            _ if millis == f64::INFINITY => "Infinity".to_string(),
            _ if millis == f64::NEG_INFINITY => "-Infinity".to_string(),
            _ if millis > 0.0 => "1e16 or more".to_string(),
            _ => "-1e16 or less".to_string(),
        },
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
        for (text, readable) in [
            ("2025-03-22T13:10:28Z", "22 Mar 2025"),
            ("2025-12-01T00:00:00Z", "1 Dec 2025"),
            ("garbage", "garbage"),
            ("2025-13-01", "2025-13-01"),
            ("", ""),
        ] {
            assert_eq!(readable_date(text), readable);
        }
        assert_eq!(
            readable_instant("2025-03-22T13:10:28Z"),
            "22 Mar 2025, 13:10:28 UTC"
        );
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
        for (millis, shown) in [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (1e300, "1e16 or more"),
            (-1e300, "-1e16 or less"),
            (1e15, "1000000000000000"),
        ] {
            let message = from_unix_millis(millis).unwrap_err().to_string();
            assert!(
                message.starts_with(&format!("'{shown}' is not")),
                "{message}"
            );
        }
    }
}
