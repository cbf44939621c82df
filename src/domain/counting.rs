//! How periods are counted in English law, one function per unit.
//!
//! - The day of the event is not counted (*Dodds v Walker* [1981] 1 WLR 1027): N days after X
//!   end on X + N, N weeks on X + 7N.
//! - Months are calendar months ending on the corresponding date, clamped to the end of a
//!   shorter month: 31 December + 2 months = 28 (or 29) February; 30 November + 2 months =
//!   30 January (the end of a month does not "stick").
//! - "N days beginning with X" counts X as day 1, so they end on X + N - 1; "N months starting
//!   with X" end the day before the corresponding date (or on the last day of a shorter month).

use chrono::{Datelike, Duration, Months, NaiveDate};

/// The corresponding date `n` calendar months later, or the last day of that month if it is
/// shorter. Never overflows into the next month (unlike JavaScript's `setMonth`).
pub fn add_months(date: NaiveDate, n: u32) -> NaiveDate {
    // chrono clamps to the last day of the month, which is the rule; the fallback only applies
    // past the year 262,000.
    date.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// The corresponding date `n` calendar months earlier, clamped the same way.
pub fn subtract_months(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(n))
        .unwrap_or(NaiveDate::MIN)
}

pub fn add_days(date: NaiveDate, n: u32) -> NaiveDate {
    date + Duration::days(i64::from(n))
}

pub fn subtract_days(date: NaiveDate, n: u32) -> NaiveDate {
    date - Duration::days(i64::from(n))
}

/// `n` weeks of seven days: the same weekday as `date`.
pub fn add_weeks(date: NaiveDate, n: u32) -> NaiveDate {
    add_days(date, 7 * n)
}

/// The last of `n` days beginning with `date` (which is day 1).
pub fn days_beginning_with(date: NaiveDate, n: u32) -> NaiveDate {
    add_days(date, n.saturating_sub(1))
}

/// The last day of `n` calendar months "starting with" `date` (which is day 1): the day before
/// the corresponding date, or the last day of that month when it has no corresponding date
/// (31 August + 6 months ends on the last day of February).
pub fn months_starting_with(date: NaiveDate, n: u32) -> NaiveDate {
    let clamped = add_months(date, n);
    if clamped.day() == date.day() {
        clamped.pred_opt().unwrap_or(clamped)
    } else {
        clamped
    }
}

/// Whether `date` falls in the Tribunal's Christmas window, 25 December to 1 January inclusive.
pub fn in_christmas_window(date: NaiveDate) -> bool {
    (date.month() == 12 && date.day() >= 25) || (date.month() == 1 && date.day() == 1)
}

pub fn in_august(date: NaiveDate) -> bool {
    date.month() == 8
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
    }

    #[test]
    fn months_use_the_corresponding_date_clamped_to_the_month_end() {
        assert_eq!(add_months(d("2024-12-31"), 2), d("2025-02-28"));
        assert_eq!(add_months(d("2023-12-31"), 2), d("2024-02-29"));
        assert_eq!(
            add_months(d("2025-11-30"), 2),
            d("2026-01-30"),
            "the month end does not stick"
        );
        assert_eq!(add_months(d("2025-02-28"), 1), d("2025-03-28"));
        assert_eq!(add_months(d("2025-01-31"), 1), d("2025-02-28"));
        assert_eq!(add_months(d("2024-02-29"), 12), d("2025-02-28"));
        assert_eq!(
            add_months(d("1980-09-30"), 4),
            d("1981-01-30"),
            "Dodds v Walker"
        );
        assert_eq!(subtract_months(d("2026-09-01"), 5), d("2026-04-01"));
        assert_eq!(subtract_months(d("2026-07-31"), 5), d("2026-02-28"));
    }

    #[test]
    fn weeks_and_days_exclude_the_first_day_but_beginning_with_counts_it() {
        assert_eq!(add_weeks(d("2025-01-06"), 20), d("2025-05-26"));
        assert_eq!(add_days(d("2025-12-05"), 30), d("2026-01-04"));
        assert_eq!(days_beginning_with(d("2025-08-01"), 15), d("2025-08-15"));
        assert_eq!(days_beginning_with(d("2025-08-01"), 1), d("2025-08-01"));
    }

    #[test]
    fn the_christmas_window_is_25_december_to_1_january() {
        assert!(!in_christmas_window(d("2025-12-24")));
        assert!(in_christmas_window(d("2025-12-25")));
        assert!(in_christmas_window(d("2025-12-31")));
        assert!(in_christmas_window(d("2026-01-01")));
        assert!(!in_christmas_window(d("2026-01-02")));
    }

    proptest! {
        #[test]
        fn months_starting_with_end_the_day_before_the_next_period_begins(offset in 0i64..(365 * 40), n in 1u32..36) {
            let start = d("2000-01-01") + Duration::days(offset);
            let last = months_starting_with(start, n);
            let next = last + Duration::days(1);
            let corresponding = add_months(start, n);
            if corresponding.day() == start.day() {
                // The day after the period is the corresponding date.
                prop_assert_eq!(next, corresponding);
            } else {
                // No corresponding date: the period runs to the end of that month.
                prop_assert_eq!(last, corresponding);
                prop_assert_eq!(next.day(), 1);
            }
        }

        #[test]
        fn adding_months_never_overflows_into_the_next_month(offset in 0i64..(365 * 40), n in 0u32..36) {
            let start = d("2000-01-01") + Duration::days(offset);
            let end = add_months(start, n);
            let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
            prop_assert_eq!(months, n as i32, "lands in the right month");
            prop_assert!(end.day() <= start.day());
            // Either the same day number, or the month was too short and this is its last day.
            prop_assert!(end.day() == start.day() || end.succ_opt().unwrap().day() == 1);
        }

        #[test]
        fn weeks_keep_the_weekday(offset in 0i64..(365 * 40), n in 0u32..60) {
            let start = d("2000-01-01") + Duration::days(offset);
            prop_assert_eq!(add_weeks(start, n).weekday(), start.weekday());
        }
    }
}
