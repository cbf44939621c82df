//! Dates and counts in words, as every page writes them: "Monday 1 September 2025",
//! "1 Sep 2025", "1 day", "3 days". Written by hand: chrono's formatter would add a lot to the
//! app's size.

use chrono::{Datelike, NaiveDate};

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "1 September".
pub fn day_and_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), MONTHS[date.month0() as usize])
}

/// "Monday".
pub fn weekday_name(date: NaiveDate) -> &'static str {
    WEEKDAYS[date.weekday().num_days_from_monday() as usize]
}

/// "1 Sep 2025", for narrow columns.
pub fn short_date(date: NaiveDate) -> String {
    let month = MONTHS[date.month0() as usize];
    format!("{} {} {}", date.day(), &month[..3], date.year())
}

/// "1 September 2025".
pub fn day_month_year(date: NaiveDate) -> String {
    format!("{} {}", day_and_month(date), date.year())
}

/// "Monday 1 September".
pub fn weekday_day_and_month(date: NaiveDate) -> String {
    format!("{} {}", weekday_name(date), day_and_month(date))
}

/// "Monday 1 September 2025".
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {}", weekday_day_and_month(date), date.year())
}

/// "1st", "2nd", "14th", "23rd": the day of the month as an ordinal.
pub fn ordinal_day(date: NaiveDate) -> String {
    let n = date.day();
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The text with its first letter lowercased, for use inside a sentence: "Make and maintain an
/// EHC plan" as "make and maintain an EHC plan" ("EHC" stays).
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    // An acronym ("EHC plan", "SENCo meeting") keeps its capitals.
    if text.chars().nth(1).is_some_and(char::is_uppercase) {
        return text.to_string();
    }
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A count with its noun: "1 day", "2 days", "1 entry", "3 entries".
pub fn count(n: i64, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// "1 day", "12 days".
pub fn days(n: i64) -> String {
    count(n, "day", "days")
}

/// "1 day ago", "12 days ago".
pub fn days_ago(n: i64) -> String {
    format!("{} ago", days(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_first_keeps_acronyms() {
        assert_eq!(
            lower_first("Request for an EHC plan"),
            "request for an EHC plan"
        );
        assert_eq!(lower_first("EHC plan review"), "EHC plan review");
        assert_eq!(lower_first("SENCo meeting"), "SENCo meeting");
        assert_eq!(lower_first("A"), "a");
        assert_eq!(lower_first(""), "");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn dates_read_as_words() {
        assert_eq!(long_date(d(2025, 9, 1)), "Monday 1 September 2025");
        assert_eq!(short_date(d(2026, 12, 25)), "25 Dec 2026");
        assert_eq!(day_month_year(d(2024, 2, 29)), "29 February 2024");
        assert_eq!(
            weekday_day_and_month(d(2025, 12, 25)),
            "Thursday 25 December"
        );
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(days(1), "1 day");
        assert_eq!(days(0), "0 days");
        assert_eq!(days(2), "2 days");
        assert_eq!(days_ago(1), "1 day ago");
        assert_eq!(count(1, "entry", "entries"), "1 entry");
        assert_eq!(count(11, "entry", "entries"), "11 entries");
    }
}
