//! The core's RFC 3339 reader gives time's `Rfc3339` parser's answer, instant for instant, on
//! every shape of input: each field at and past its bounds, every kind of offset and fraction,
//! leap seconds where they may and may not fall, and single-byte damage anywhere.

use mimecast_sso::datetime::parse_rfc3339;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// time's reading, in UTC (`None` when it refuses or the instant leaves its range).
fn reference(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .ok()?
        .checked_to_offset(UtcOffset::UTC)
}

fn agree(text: &str) -> bool {
    let ours = parse_rfc3339(text).ok();
    assert_eq!(ours, reference(text), "{text:?}");
    ours.is_some()
}

#[test]
fn every_field_at_and_past_its_bounds_reads_as_time_reads_it() {
    let years = [
        "0000", "0001", "1999", "2000", "2024", "2100", "9999", "02024", "999",
    ];
    let months = ["00", "01", "02", "06", "12", "13", "1"];
    let days = ["00", "01", "28", "29", "30", "31", "32"];
    let separators = ["T", "t", " ", "x", "é", ""];
    let clocks = [
        "00:00:00", "23:59:59", "24:00:00", "12:60:00", "23:59:60", "23:59:61", "22:59:60",
        "1:00:00", "00:00",
    ];
    let fractions = ["", ".", ".5", ".123456789", ".1234567891234", ".x"];
    let offsets = [
        "Z", "z", "+00:00", "-00:00", "+01:00", "-01:00", "+23:59", "-23:59", "+24:00", "+01:60",
        "+0100", "", "Z ", "+01:00x", "ZZ",
    ];
    let (mut read, mut refused) = (0, 0);
    // Every combination of the dates with every clock, and of the clocks with every ending.
    for year in years {
        for month in months {
            for day in days {
                for separator in ["T", " ", "é"] {
                    for clock in ["00:00:00", "23:59:60"] {
                        let text = format!("{year}-{month}-{day}{separator}{clock}Z");
                        if agree(&text) {
                            read += 1
                        } else {
                            refused += 1
                        }
                    }
                }
            }
        }
    }
    for separator in separators {
        for clock in clocks {
            for fraction in fractions {
                for offset in offsets {
                    for date in [
                        "2016-12-31",
                        "2016-06-30",
                        "2016-12-30",
                        "9999-12-31",
                        "0000-01-01",
                    ] {
                        let text = format!("{date}{separator}{clock}{fraction}{offset}");
                        if agree(&text) {
                            read += 1
                        } else {
                            refused += 1
                        }
                    }
                }
            }
        }
    }
    // Both outcomes are well represented: the cases test the reader, not only its refusals.
    assert!(
        read > 500 && refused > 5000,
        "{read} read, {refused} refused"
    );
}

#[test]
fn leap_seconds_count_only_at_the_end_of_a_month_in_utc() {
    for (text, valid) in [
        ("2016-12-31T23:59:60Z", true),
        ("2016-06-30T23:59:60Z", true),
        ("2016-12-31T22:59:60-01:00", true),
        ("2017-01-01T00:59:60+01:00", true),
        ("2016-12-30T23:59:60Z", false),
        ("2016-12-31T23:59:60+01:00", false),
        ("2016-12-31T23:58:60Z", false),
    ] {
        assert_eq!(agree(text), valid, "{text}");
    }
    assert_eq!(
        mimecast_sso::datetime::format_rfc3339(parse_rfc3339("2016-12-31T23:59:60Z").unwrap()),
        "2016-12-31T23:59:59Z"
    );
}

#[test]
fn single_byte_damage_anywhere_reads_as_time_reads_it() {
    let replacements = [
        b'0', b'9', b'-', b':', b'.', b'+', b'Z', b'T', b' ', b'a', 0x00, 0x7F,
    ];
    for original in [
        "2026-11-23T09:30:00Z",
        "2026-11-23T09:30:00.250+01:00",
        "2024-02-29T23:59:59.999999999-12:30",
    ] {
        for at in 0..original.len() {
            for byte in replacements {
                let mut bytes = original.as_bytes().to_vec();
                bytes[at] = byte;
                agree(&String::from_utf8(bytes).unwrap());
            }
            // A byte removed, and one inserted.
            agree(&format!("{}{}", &original[..at], &original[at + 1..]));
            agree(&format!("{}5{}", &original[..at], &original[at..]));
        }
    }
}

#[test]
fn an_offset_past_year_9999_is_refused_not_a_panic() {
    assert_eq!(
        parse_rfc3339("9999-12-31T23:59:59-23:59")
            .unwrap_err()
            .code(),
        "invalid-time"
    );
    assert!(agree("0000-01-01T00:00:00+23:59"));
}
