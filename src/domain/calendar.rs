//! The England and Wales calendar: bank holidays and working days.
//!
//! A working day is any day except a Saturday, a Sunday, Christmas Day, Good Friday or a bank
//! holiday in England and Wales (HESC Rules r 1(3); Banking and Financial Dealings Act 1971 s 1).
//! Bank holidays come from the general rules (Easter, first and last Mondays, Christmas and New
//! Year with their substitute days) plus the one-off changes made by royal proclamation, kept as
//! data in [`ONE_OFF_CHANGES`] because nobody can compute a jubilee or a state funeral.
//!
//! 24 and 31 December and every day in August are working days. The Tribunal's August and
//! Christmas rule is a deadline rule, not a calendar rule: see `deadlines`.

use super::sorting;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Which list of holidays this module uses; shown beside deadlines so a parent can check it.
pub const HOLIDAY_LIST_NAME: &str =
    "England and Wales bank holidays (gov.uk list for 2012 to 2027, general rules after that)";

/// A day off in England and Wales, with the name gov.uk gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BankHoliday {
    pub date: NaiveDate,
    pub name: &'static str,
}

/// A change to the usual bank holidays, made by royal proclamation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneOffChange {
    /// A usual holiday moved to another day.
    Moved {
        from: (i32, u32, u32),
        to: (i32, u32, u32),
        name: &'static str,
    },
    /// An extra holiday.
    Extra {
        date: (i32, u32, u32),
        name: &'static str,
    },
}

/// Every one-off change known. 2012 to 2023 are checked against gov.uk; the earlier ones are
/// context only (they agree with the `holidays` package but were not checked against an
/// official source).
pub const ONE_OFF_CHANGES: &[OneOffChange] = &[
    OneOffChange::Moved {
        from: (1995, 5, 1),
        to: (1995, 5, 8),
        name: "Early May bank holiday (VE day)",
    },
    OneOffChange::Extra {
        date: (1999, 12, 31),
        name: "Millennium celebrations",
    },
    OneOffChange::Moved {
        from: (2002, 5, 27),
        to: (2002, 6, 4),
        name: "Spring bank holiday",
    },
    OneOffChange::Extra {
        date: (2002, 6, 3),
        name: "Queen's Golden Jubilee",
    },
    OneOffChange::Extra {
        date: (2011, 4, 29),
        name: "Royal wedding",
    },
    OneOffChange::Moved {
        from: (2012, 5, 28),
        to: (2012, 6, 4),
        name: "Spring bank holiday",
    },
    OneOffChange::Extra {
        date: (2012, 6, 5),
        name: "Queen's Diamond Jubilee",
    },
    OneOffChange::Moved {
        from: (2020, 5, 4),
        to: (2020, 5, 8),
        name: "Early May bank holiday (VE day)",
    },
    OneOffChange::Moved {
        from: (2022, 5, 30),
        to: (2022, 6, 2),
        name: "Spring bank holiday",
    },
    OneOffChange::Extra {
        date: (2022, 6, 3),
        name: "Platinum Jubilee bank holiday",
    },
    OneOffChange::Extra {
        date: (2022, 9, 19),
        name: "Bank Holiday for the State Funeral of Queen Elizabeth II",
    },
    OneOffChange::Extra {
        date: (2023, 5, 8),
        name: "Bank holiday for the coronation of King Charles III",
    },
];

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    // Only called with dates built from valid rules and data, checked by the tests below.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn from_tuple((year, month, day): (i32, u32, u32)) -> NaiveDate {
    ymd(year, month, day)
}

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1).unwrap_or(NaiveDate::MIN)
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    let next_month_start = if month == 12 {
        ymd(year + 1, 1, 1)
    } else {
        ymd(year, month + 1, 1)
    };
    let last_day = next_month_start - Duration::days(1);
    let back = last_day.weekday().num_days_from_monday();
    last_day - Duration::days(i64::from(back))
}

/// The bank holidays of one year in date order, as gov.uk lists them (weekdays only).
pub fn bank_holidays(year: i32) -> Vec<BankHoliday> {
    let easter = easter_sunday(year);
    let new_year = match ymd(year, 1, 1).weekday() {
        Weekday::Sat => BankHoliday {
            date: ymd(year, 1, 3),
            name: "New Year's Day (substitute day)",
        },
        Weekday::Sun => BankHoliday {
            date: ymd(year, 1, 2),
            name: "New Year's Day (substitute day)",
        },
        _ => BankHoliday {
            date: ymd(year, 1, 1),
            name: "New Year's Day",
        },
    };
    let mut days = vec![
        new_year,
        BankHoliday {
            date: easter - Duration::days(2),
            name: "Good Friday",
        },
        BankHoliday {
            date: easter + Duration::days(1),
            name: "Easter Monday",
        },
        BankHoliday {
            date: first_monday(year, 5),
            name: "Early May bank holiday",
        },
        BankHoliday {
            date: last_monday(year, 5),
            name: "Spring bank holiday",
        },
        BankHoliday {
            date: last_monday(year, 8),
            name: "Summer bank holiday",
        },
    ];
    let christmas = ymd(year, 12, 25);
    let (christmas_day, boxing_day) = match christmas.weekday() {
        Weekday::Fri => ((25, "Christmas Day"), (28, "Boxing Day (substitute day)")),
        Weekday::Sat => (
            (27, "Christmas Day (substitute day)"),
            (28, "Boxing Day (substitute day)"),
        ),
        Weekday::Sun => ((27, "Christmas Day (substitute day)"), (26, "Boxing Day")),
        _ => ((25, "Christmas Day"), (26, "Boxing Day")),
    };
    days.push(BankHoliday {
        date: ymd(year, 12, christmas_day.0),
        name: christmas_day.1,
    });
    days.push(BankHoliday {
        date: ymd(year, 12, boxing_day.0),
        name: boxing_day.1,
    });

    for change in ONE_OFF_CHANGES {
        match *change {
            OneOffChange::Moved { from, to, name } if from.0 == year => {
                let from = from_tuple(from);
                days.retain(|d| d.date != from);
                days.push(BankHoliday {
                    date: from_tuple(to),
                    name,
                });
            }
            OneOffChange::Extra { date, name } if date.0 == year => {
                days.push(BankHoliday {
                    date: from_tuple(date),
                    name,
                });
            }
            _ => {}
        }
    }
    sorting::sort(&mut days);
    days
}

/// The bank holiday on `date`, if there is one.
pub fn bank_holiday(date: NaiveDate) -> Option<BankHoliday> {
    bank_holidays(date.year())
        .into_iter()
        .find(|h| h.date == date)
}

fn is_christmas_day(date: NaiveDate) -> bool {
    date.month() == 12 && date.day() == 25
}

pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Not a Saturday, Sunday, Christmas Day, Good Friday or bank holiday in England and Wales.
///
/// Christmas Day is checked by date as well: when it falls on a weekend the holiday list names
/// the substitute day, but the 25th itself is never a working day.
pub fn is_working_day(date: NaiveDate) -> bool {
    !(is_weekend(date) || is_christmas_day(date) || bank_holiday(date).is_some())
}

/// Why `date` is not a working day, in words ("a Saturday", "Easter Monday"), or `None`.
pub fn why_not_working(date: NaiveDate) -> Option<String> {
    if let Some(holiday) = bank_holiday(date) {
        return Some(holiday.name.to_string());
    }
    match date.weekday() {
        Weekday::Sat => Some("a Saturday".to_string()),
        Weekday::Sun => Some("a Sunday".to_string()),
        _ if is_christmas_day(date) => Some("Christmas Day".to_string()),
        _ => None,
    }
}

/// The first working day strictly after `date`.
pub fn next_working_day_after(date: NaiveDate) -> NaiveDate {
    let mut day = date.succ_opt().unwrap_or(date);
    while !is_working_day(day) {
        day = day.succ_opt().unwrap_or(day);
    }
    day
}

/// The last working day strictly before `date`.
pub fn previous_working_day_before(date: NaiveDate) -> NaiveDate {
    let mut day = date.pred_opt().unwrap_or(date);
    while !is_working_day(day) {
        day = day.pred_opt().unwrap_or(day);
    }
    day
}

/// `date` itself if it is a working day, otherwise the next one.
pub fn working_day_on_or_after(date: NaiveDate) -> NaiveDate {
    if is_working_day(date) {
        date
    } else {
        next_working_day_after(date)
    }
}

/// The n-th working day after `date`; `date` itself is never counted. With n = 0, `date`.
pub fn add_working_days(date: NaiveDate, n: u32) -> NaiveDate {
    (0..n).fold(date, |day, _| next_working_day_after(day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
    }

    /// The gov.uk table for 2012 to 2027 (`shared/rules/bank_holidays.md`), copied as test data.
    const GOV_UK_TABLE: &str = include_str!("../../tests/data/bank_holidays_2012_2027.txt");

    fn table() -> Vec<(NaiveDate, String)> {
        GOV_UK_TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|line| {
                let (date, name) = line.split_once(' ').expect("date then name");
                (d(date), name.trim().to_string())
            })
            .collect()
    }

    #[test]
    fn every_bank_holiday_2012_to_2027_matches_the_gov_uk_table() {
        let expected = table();
        assert_eq!(expected.len(), 132, "the table has 132 dates");
        let computed: Vec<(NaiveDate, String)> = (2012..=2027)
            .flat_map(bank_holidays)
            .map(|h| (h.date, h.name.to_string()))
            .collect();
        for (date, name) in &expected {
            let found = computed.iter().find(|(c, _)| c == date);
            assert!(found.is_some(), "{date} ({name}) is missing");
            let found_name = &found.map(|(_, n)| n.as_str()).unwrap_or_default();
            assert!(
                name.starts_with(found_name) || found_name.starts_with(name.as_str()),
                "{date}: computed '{found_name}', gov.uk '{name}'"
            );
        }
        let extra: Vec<&(NaiveDate, String)> = computed
            .iter()
            .filter(|(c, _)| !expected.iter().any(|(e, _)| e == c))
            .collect();
        assert!(extra.is_empty(), "holidays not in the table: {extra:?}");
    }

    #[test]
    fn every_year_in_the_independent_gov_uk_json_matches_exactly() {
        // gov.uk's own bank-holidays.json as shipped in the PyPI package govuk-bank-holidays 0.19.
        let json: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/data/govuk_bank_holidays_england_and_wales.json"
        ))
        .expect("valid JSON");
        let mut expected: Vec<NaiveDate> = json["events"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| d(e["date"].as_str().expect("date")))
            .collect();
        expected.sort();
        let (first, last) = (expected[0].year(), expected[expected.len() - 1].year());
        assert_eq!((first, last), (2012, 2028));
        let computed: Vec<NaiveDate> = (first..=last)
            .flat_map(bank_holidays)
            .map(|h| h.date)
            .collect();
        assert_eq!(computed, expected);
    }

    #[test]
    fn easter_sunday_2028_to_2040_from_the_rule_book() {
        let expected = [
            "2028-04-16",
            "2029-04-01",
            "2030-04-21",
            "2031-04-13",
            "2032-03-28",
            "2033-04-17",
            "2034-04-09",
            "2035-03-25",
            "2036-04-13",
            "2037-04-05",
            "2038-04-25",
            "2039-04-10",
            "2040-04-01",
        ];
        for (year, date) in (2028..=2040).zip(expected) {
            assert_eq!(easter_sunday(year), d(date), "{year}");
        }
    }

    #[test]
    fn the_rule_based_preview_for_2028_to_2030() {
        let dates = |year| {
            bank_holidays(year)
                .iter()
                .map(|h| h.date)
                .collect::<Vec<_>>()
        };
        let expect = |list: &[&str]| list.iter().map(|t| d(t)).collect::<Vec<_>>();
        assert_eq!(
            dates(2028),
            expect(&[
                "2028-01-03",
                "2028-04-14",
                "2028-04-17",
                "2028-05-01",
                "2028-05-29",
                "2028-08-28",
                "2028-12-25",
                "2028-12-26"
            ])
        );
        assert_eq!(
            dates(2029),
            expect(&[
                "2029-01-01",
                "2029-03-30",
                "2029-04-02",
                "2029-05-07",
                "2029-05-28",
                "2029-08-27",
                "2029-12-25",
                "2029-12-26"
            ])
        );
        assert_eq!(
            dates(2030),
            expect(&[
                "2030-01-01",
                "2030-04-19",
                "2030-04-22",
                "2030-05-06",
                "2030-05-27",
                "2030-08-26",
                "2030-12-25",
                "2030-12-26"
            ])
        );
    }

    #[test]
    fn christmas_eve_new_years_eve_and_august_are_working_days() {
        for date in [
            "2025-12-24",
            "2025-12-31",
            "2025-08-01",
            "2025-08-29",
            "2026-12-24",
        ] {
            assert!(is_working_day(d(date)), "{date}");
        }
    }

    #[test]
    fn christmas_day_is_never_a_working_day_even_on_a_weekend() {
        assert!(!is_working_day(d("2027-12-25")));
        assert!(!is_working_day(d("2027-12-27")), "its substitute day");
        assert_eq!(
            why_not_working(d("2027-12-27")).as_deref(),
            Some("Christmas Day (substitute day)")
        );
    }

    #[test]
    fn certificate_examples_from_the_rule_book() {
        // Declines mediation Wed 24 Dec 2025: 25, 26 Dec and the weekend do not count.
        assert_eq!(add_working_days(d("2025-12-24"), 3), d("2025-12-31"));
        // Adviser told Fri 16 Sep 2022: the state funeral on Mon 19 Sep is skipped.
        assert_eq!(add_working_days(d("2022-09-16"), 3), d("2022-09-22"));
        // Adviser told Wed 1 Jun 2022: 2 and 3 Jun 2022 skipped.
        assert_eq!(add_working_days(d("2022-06-01"), 3), d("2022-06-08"));
        // Told on a Saturday: Monday is day 1.
        assert_eq!(add_working_days(d("2025-03-08"), 1), d("2025-03-10"));
    }

    #[test]
    fn adding_zero_working_days_is_the_same_day() {
        assert_eq!(add_working_days(d("2025-12-25"), 0), d("2025-12-25"));
    }

    #[test]
    fn every_year_to_2040_has_eight_holidays_and_all_are_weekdays() {
        for year in 2012..=2040 {
            let days = bank_holidays(year);
            let expected = match year {
                2012 | 2023 => 9,
                2022 => 10,
                _ => 8,
            };
            assert_eq!(days.len(), expected, "{year}");
            assert!(
                days.iter()
                    .all(|h| !is_weekend(h.date) && h.date.year() == year),
                "{year}"
            );
        }
    }

    proptest! {
        #[test]
        fn adding_working_days_lands_on_a_working_day_and_skips_only_non_working_days(
            offset in 0i64..(365 * 28), n in 1u32..40
        ) {
            let start = d("2012-01-01") + Duration::days(offset);
            let end = add_working_days(start, n);
            prop_assert!(is_working_day(end));
            prop_assert!(end > start);
            let mut counted = 0;
            let mut day = start;
            while day < end {
                day = day.succ_opt().unwrap();
                if is_working_day(day) {
                    counted += 1;
                }
            }
            prop_assert_eq!(counted, n);
            // A week has at most 5 working days, and no run of non-working days is longer than
            // 5 (Christmas and a weekend): so n working days span between n and 3n+4 days.
            let span = (end - start).num_days();
            prop_assert!(span >= i64::from(n) && span <= 3 * i64::from(n) + 4, "span {}", span);
        }

        #[test]
        fn adding_working_days_is_additive(offset in 0i64..(365 * 28), a in 0u32..15, b in 0u32..15) {
            let start = d("2012-01-01") + Duration::days(offset);
            prop_assert_eq!(add_working_days(add_working_days(start, a), b), add_working_days(start, a + b));
        }
    }
}
