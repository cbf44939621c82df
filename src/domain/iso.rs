//! Dates and times as the records store them: "2025-06-30" and "14:30:00", as chrono writes
//! them. Read here rather than by chrono's general parser, which was about 4 KB of the app
//! (gzipped) for these two shapes; tested against chrono on every date and time. Used on the
//! stored fields with `#[serde(with = "...")]`.

use chrono::{NaiveDate, NaiveTime};
use serde::de::Error;
use serde::{Deserialize, Deserializer, Serializer};

/// Digits only, 1 to `max` of them.
fn number(text: &str, max: usize) -> Option<u32> {
    let ok = !text.is_empty() && text.len() <= max && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

/// A date written year-month-day: "2025-06-30" (a year may have a sign and more digits, as
/// chrono writes years past 9999; a month or day may have one digit). Spaces around it are
/// ignored.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let (negative, rest) = match text.as_bytes().first()? {
        b'+' => (false, &text[1..]),
        b'-' => (true, &text[1..]),
        _ => (false, text),
    };
    let mut parts = rest.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    // chrono writes a sign before a year of more than four digits, and reads none without.
    if year.len() > 4 && rest.len() == text.len() {
        return None;
    }
    let year = i32::try_from(number(year, 6)?).ok()?;
    let year = if negative { -year } else { year };
    NaiveDate::from_ymd_opt(year, number(month, 2)?, number(day, 2)?)
}

/// A time written hours:minutes, with seconds and a fraction if any: "14:30", "14:30:00",
/// "14:30:00.5". Spaces around it are ignored.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let (clock, fraction) = match text.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (text, None),
    };
    let mut parts = clock.split(':');
    let hour = number(parts.next()?, 2)?;
    let minute = number(parts.next()?, 2)?;
    let second = match parts.next() {
        Some(s) => number(s, 2)?,
        None if fraction.is_some() => return None,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let nano = match fraction {
        None => 0,
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
            f.parse::<u32>().ok()? * 10u32.pow(9 - f.len() as u32)
        }
        Some(_) => return None,
    };
    // A leap second, as chrono writes it ("23:59:60"): the 59th second, plus one in the nanos.
    if second == 60 {
        return NaiveTime::from_hms_nano_opt(hour, minute, 59, nano.checked_add(1_000_000_000)?);
    }
    NaiveTime::from_hms_nano_opt(hour, minute, second, nano)
}

/// An optional stored value (`null` or missing: none), read from its text by `parse`.
fn optional<'de, D: Deserializer<'de>, T>(
    reader: D,
    parse: fn(&str) -> Option<T>,
    what: &str,
) -> Result<Option<T>, D::Error> {
    match <Option<std::borrow::Cow<str>>>::deserialize(reader)? {
        None => Ok(None),
        Some(text) => parse(&text)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("not a {what}: {text}"))),
    }
}

/// An optional stored value, written as chrono writes it, or `null`.
fn write_optional<S: Serializer, T: std::fmt::Display>(
    value: &Option<T>,
    out: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => out.collect_str(value),
        None => out.serialize_none(),
    }
}

/// A stored date.
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, out: S) -> Result<S::Ok, S::Error> {
        out.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(reader: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<str>>::deserialize(reader)?;
        parse_date(&text).ok_or_else(|| D::Error::custom(format!("not a date: {text}")))
    }
}

/// A stored date that may be missing (`null`).
pub mod option_date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, out: S) -> Result<S::Ok, S::Error> {
        write_optional(date, out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        reader: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        optional(reader, parse_date, "date")
    }
}

/// A stored time of day that may be missing (`null`).
pub mod option_time {
    use super::*;

    pub fn serialize<S: Serializer>(time: &Option<NaiveTime>, out: S) -> Result<S::Ok, S::Error> {
        write_optional(time, out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        reader: D,
    ) -> Result<Option<NaiveTime>, D::Error> {
        optional(reader, parse_time, "time")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every date chrono can hold reads back from what chrono writes, as chrono reads it.
        #[test]
        fn every_date_reads_as_chrono_reads_it(days in -3_000_000i32..3_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).expect("in range");
            let text = date.to_string();
            prop_assert_eq!(parse_date(&text), Some(date));
            prop_assert_eq!(parse_date(&text), text.parse::<NaiveDate>().ok());
        }

        /// Leap seconds included (chrono holds one as a nanosecond count of a billion or more).
        #[test]
        fn every_time_reads_as_chrono_reads_it(secs in 0u32..86_400, nanos in prop_oneof![Just(0u32), 0u32..2_000_000_000]) {
            // chrono allows a leap second only at the end of a minute.
            prop_assume!(nanos < 1_000_000_000 || secs % 60 == 59);
            let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos).expect("in range");
            let text = time.to_string();
            prop_assert_eq!(parse_time(&text), Some(time));
            prop_assert_eq!(parse_time(&text), text.parse::<NaiveTime>().ok());
        }

        /// Any short text: never a date chrono would not read, and the same date when both do.
        #[test]
        fn no_text_reads_as_a_different_date(text in "[ +0-9-]{0,12}|[0-9]{4,6}-[0-9]{1,2}-[0-9]{1,2}") {
            if let Some(date) = parse_date(&text) {
                prop_assert_eq!(text.trim().parse::<NaiveDate>().ok(), Some(date), "{}", text);
            }
        }
    }

    #[test]
    fn the_shapes_people_and_chrono_write_are_read_and_others_are_not() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_date("2025-06-30"), d(2025, 6, 30));
        assert_eq!(parse_date(" 2025-6-3 "), d(2025, 6, 3));
        assert_eq!(parse_date("+12345-01-01"), d(12345, 1, 1));
        assert_eq!(parse_date("-0001-12-31"), d(-1, 12, 31));
        for bad in [
            "",
            "2025-02-30",
            "2025-13-01",
            "2025/06/30",
            "30-06-2025x",
            "2025-06",
            "2025-06-30-1",
            "2025-006-30",
            "x",
            "-",
            "2025--06-30",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s);
        assert_eq!(parse_time("14:30:00"), t(14, 30, 0));
        assert_eq!(parse_time("9:05"), t(9, 5, 0));
        assert_eq!(
            parse_time("23:59:59.5"),
            NaiveTime::from_hms_milli_opt(23, 59, 59, 500)
        );
        for bad in [
            "",
            "24:00",
            "12:60",
            "12",
            "12:30:00:00",
            "12.30",
            "ab:cd",
            "12:30:00.",
            "12:30:00.1234567890",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn stored_fields_write_as_chrono_wrote_them() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Stored {
            #[serde(with = "date")]
            date: NaiveDate,
            #[serde(default, with = "option_date")]
            maybe: Option<NaiveDate>,
            #[serde(default, with = "option_time")]
            time: Option<NaiveTime>,
        }
        #[derive(serde::Serialize)]
        struct AsChrono {
            date: NaiveDate,
            maybe: Option<NaiveDate>,
            time: Option<NaiveTime>,
        }
        for (maybe, time) in [
            (None, None),
            (
                NaiveDate::from_ymd_opt(2016, 4, 9),
                NaiveTime::from_hms_opt(9, 5, 0),
            ),
        ] {
            let date = NaiveDate::from_ymd_opt(2025, 6, 30).expect("date");
            let ours = serde_json::to_string(&Stored { date, maybe, time }).expect("writes");
            let chrono = serde_json::to_string(&AsChrono { date, maybe, time }).expect("writes");
            assert_eq!(ours, chrono);
            assert_eq!(
                serde_json::from_str::<Stored>(&ours).expect("reads"),
                Stored { date, maybe, time }
            );
        }
        // A missing optional field reads as none; an escaped string still reads.
        let read: Stored = serde_json::from_str(r#"{"date":"2025\u002d06-30"}"#).expect("reads");
        assert_eq!((read.maybe, read.time), (None, None));
        assert!(serde_json::from_str::<Stored>(r#"{"date":"2025-02-30"}"#).is_err());
        assert!(serde_json::from_str::<Stored>(r#"{"date":20250630}"#).is_err());
        assert!(serde_json::from_str::<Stored>(r#"{"date":null}"#).is_err());
    }
}
