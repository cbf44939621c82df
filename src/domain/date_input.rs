//! Reading a date typed as day, month and year (the GOV.UK date input), and saying exactly what
//! is wrong when it cannot be read. The words shown to the parent live in the view.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The three boxes of a date input, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateParts {
    /// Puts what was typed into one of the three boxes.
    pub fn set(&mut self, part: DatePart, value: String) {
        match part {
            DatePart::Day => self.day = value,
            DatePart::Month => self.month = value,
            DatePart::Year => self.year = value,
        }
    }

    pub fn new(day: &str, month: &str, year: &str) -> Self {
        DateParts {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        }
    }

    pub fn from_date(date: NaiveDate) -> Self {
        DateParts {
            day: date.day().to_string(),
            month: date.month().to_string(),
            year: date.year().to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.day.trim().is_empty() && self.month.trim().is_empty() && self.year.trim().is_empty()
    }
}

/// One of the three boxes, so an error can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

/// What is wrong with a typed date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Nothing typed at all.
    Missing,
    /// Some boxes are empty.
    Incomplete(Vec<DatePart>),
    /// A box holds something other than digits.
    NotNumbers(Vec<DatePart>),
    /// The year has fewer than four digits.
    YearNotFourDigits,
    /// Month 13, day 32, or 31 February: no such date.
    NotARealDate(Vec<DatePart>),
    /// A real date, but outside the years the app accepts.
    YearOutOfRange { earliest: i32, latest: i32 },
}

impl DateError {
    /// The boxes to mark as wrong (all three when the whole date is at fault).
    pub fn parts(&self) -> Vec<DatePart> {
        match self {
            DateError::Incomplete(parts)
            | DateError::NotNumbers(parts)
            | DateError::NotARealDate(parts) => parts.clone(),
            DateError::YearNotFourDigits | DateError::YearOutOfRange { .. } => vec![DatePart::Year],
            DateError::Missing => vec![DatePart::Day, DatePart::Month, DatePart::Year],
        }
    }
}

/// The years a parent's dates may fall in: letters from 2012 (the calendar's first checked year)
/// to a few years ahead (a planned transfer, a future meeting).
pub fn accepted_years(today: NaiveDate) -> (i32, i32) {
    (2012, today.year() + 5)
}

/// Reads day, month and year. Spaces around numbers are ignored; month names are not accepted
/// (GOV.UK asks for numbers).
pub fn parse_date(parts: &DateParts, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_date_in(parts, accepted_years(today))
}

/// The years a date of birth may fall in: a young person can have an EHC plan up to 25, so up
/// to 30 years back, and not after this year.
pub fn birth_years(today: NaiveDate) -> (i32, i32) {
    (today.year() - 30, today.year())
}

/// Reads a date of birth (see [`birth_years`]).
pub fn parse_birth_date(parts: &DateParts, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_date_in(parts, birth_years(today))
}

fn parse_date_in(parts: &DateParts, years: (i32, i32)) -> Result<NaiveDate, DateError> {
    if parts.is_empty() {
        return Err(DateError::Missing);
    }
    let boxes = [
        (DatePart::Day, parts.day.trim()),
        (DatePart::Month, parts.month.trim()),
        (DatePart::Year, parts.year.trim()),
    ];
    let empty: Vec<DatePart> = boxes
        .iter()
        .filter(|(_, t)| t.is_empty())
        .map(|(p, _)| *p)
        .collect();
    if !empty.is_empty() {
        return Err(DateError::Incomplete(empty));
    }
    let not_numbers: Vec<DatePart> = boxes
        .iter()
        .filter(|(_, t)| !t.chars().all(|c| c.is_ascii_digit()) || t.len() > 4)
        .map(|(p, _)| *p)
        .collect();
    if !not_numbers.is_empty() {
        return Err(DateError::NotNumbers(not_numbers));
    }
    let number = |text: &str| text.parse::<u32>().unwrap_or(0);
    let (day, month, year) = (number(boxes[0].1), number(boxes[1].1), boxes[2].1);
    if year.len() != 4 {
        return Err(DateError::YearNotFourDigits);
    }
    let year = number(year) as i32;
    let mut wrong = Vec::new();
    if !(1..=12).contains(&month) {
        wrong.push(DatePart::Month);
    }
    if !(1..=31).contains(&day) {
        wrong.insert(0, DatePart::Day);
    }
    if !wrong.is_empty() {
        return Err(DateError::NotARealDate(wrong));
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or(DateError::NotARealDate(vec![DatePart::Day]))?;
    let (earliest, latest) = years;
    if !(earliest..=latest).contains(&year) {
        return Err(DateError::YearOutOfRange { earliest, latest });
    }
    Ok(date)
}

/// "All dates", "From 1 March 2025", "Up to …" or "1 March 2025 to 30 June 2025".
pub fn range_in_words(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    use super::words::day_month_year;
    match (from, to) {
        (None, None) => "All dates".to_string(),
        (Some(from), None) => format!("From {}", day_month_year(from)),
        (None, Some(to)) => format!("Up to {}", day_month_year(to)),
        (Some(from), Some(to)) => format!("{} to {}", day_month_year(from), day_month_year(to)),
    }
}

/// A problem with the date range typed into the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeError {
    From(DateError),
    To(DateError),
    ToBeforeFrom,
}

/// Reads the filter's "from" and "to" dates; either may be left empty.
pub fn read_date_range(
    from: &DateParts,
    to: &DateParts,
    today: NaiveDate,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), Vec<RangeError>> {
    let read = |parts: &DateParts| {
        if parts.is_empty() {
            Ok(None)
        } else {
            parse_date(parts, today).map(Some)
        }
    };
    let mut errors = Vec::new();
    let from = read(from).map_err(|e| errors.push(RangeError::From(e)));
    let to = read(to).map_err(|e| errors.push(RangeError::To(e)));
    match (from, to) {
        (Ok(Some(from)), Ok(Some(to))) if to < from => Err(vec![RangeError::ToBeforeFrom]),
        (Ok(from), Ok(to)) => Ok((from, to)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_of_birth_may_be_up_to_30_years_back() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        assert_eq!(
            parse_birth_date(&DateParts::new("9", "4", "2001"), today),
            NaiveDate::from_ymd_opt(2001, 4, 9).ok_or(DateError::Missing)
        );
        assert_eq!(
            parse_birth_date(&DateParts::new("9", "4", "1990"), today),
            Err(DateError::YearOutOfRange {
                earliest: 1996,
                latest: 2026
            })
        );
        assert!(parse_date(&DateParts::new("9", "4", "2001"), today).is_err());
    }
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date")
    }

    fn parse(day: &str, month: &str, year: &str) -> Result<NaiveDate, DateError> {
        parse_date(&DateParts::new(day, month, year), today())
    }

    #[test]
    fn reads_a_real_date_with_spaces_and_leading_zeros() {
        assert_eq!(
            parse(" 01 ", "09", "2025"),
            Ok(NaiveDate::from_ymd_opt(2025, 9, 1).expect("date"))
        );
        assert_eq!(
            parse("29", "2", "2024"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).expect("date"))
        );
    }

    #[test]
    fn impossible_dates_point_at_the_wrong_box() {
        assert_eq!(
            parse("31", "2", "2025"),
            Err(DateError::NotARealDate(vec![DatePart::Day]))
        );
        assert_eq!(
            parse("29", "2", "2025"),
            Err(DateError::NotARealDate(vec![DatePart::Day]))
        );
        assert_eq!(
            parse("1", "13", "2025"),
            Err(DateError::NotARealDate(vec![DatePart::Month]))
        );
        assert_eq!(
            parse("0", "0", "2025"),
            Err(DateError::NotARealDate(vec![
                DatePart::Day,
                DatePart::Month
            ]))
        );
        assert_eq!(
            parse("32", "1", "2025"),
            Err(DateError::NotARealDate(vec![DatePart::Day]))
        );
    }

    #[test]
    fn missing_and_incomplete_dates_say_which_boxes() {
        assert_eq!(parse("", " ", ""), Err(DateError::Missing));
        assert_eq!(
            parse("1", "", "2025"),
            Err(DateError::Incomplete(vec![DatePart::Month]))
        );
        assert_eq!(
            parse("", "", "2025"),
            Err(DateError::Incomplete(vec![DatePart::Day, DatePart::Month]))
        );
    }

    #[test]
    fn letters_and_short_years_are_refused() {
        assert_eq!(
            parse("1st", "Sept", "2025"),
            Err(DateError::NotNumbers(vec![DatePart::Day, DatePart::Month]))
        );
        assert_eq!(parse("1", "9", "25"), Err(DateError::YearNotFourDigits));
        assert_eq!(
            parse("1", "9", "-2025"),
            Err(DateError::NotNumbers(vec![DatePart::Year]))
        );
        assert_eq!(
            parse("1", "9", "202555"),
            Err(DateError::NotNumbers(vec![DatePart::Year]))
        );
    }

    #[test]
    fn each_box_is_set_on_its_own() {
        let mut parts = DateParts::new("1", "2", "2025");
        parts.set(DatePart::Month, "12".into());
        parts.set(DatePart::Day, "31".into());
        assert_eq!(parts, DateParts::new("31", "12", "2025"));
        parts.set(DatePart::Year, String::new());
        assert_eq!(parts, DateParts::new("31", "12", ""));
    }

    #[test]
    fn ranges_read_in_words() {
        let day = |d| NaiveDate::from_ymd_opt(2025, 3, d);
        assert_eq!(range_in_words(None, None), "All dates");
        assert_eq!(range_in_words(day(1), None), "From 1 March 2025");
        assert_eq!(range_in_words(None, day(31)), "Up to 31 March 2025");
        assert_eq!(
            range_in_words(day(1), day(31)),
            "1 March 2025 to 31 March 2025"
        );
    }

    #[test]
    fn years_far_away_are_refused() {
        assert_eq!(
            parse("1", "9", "1999"),
            Err(DateError::YearOutOfRange {
                earliest: 2012,
                latest: 2031
            })
        );
        assert_eq!(
            parse("1", "9", "2032"),
            Err(DateError::YearOutOfRange {
                earliest: 2012,
                latest: 2031
            })
        );
        assert!(parse("1", "9", "2031").is_ok());
    }

    proptest! {
        #[test]
        fn any_typing_gives_a_date_or_an_error_never_a_panic(day in "\\PC{0,6}", month in "\\PC{0,6}", year in "\\PC{0,6}") {
            let _ = parse(&day, &month, &year);
        }

        #[test]
        fn every_date_written_out_reads_back(offset in 0i64..(365 * 19)) {
            let date = NaiveDate::from_ymd_opt(2012, 1, 1).expect("date") + chrono::Duration::days(offset);
            prop_assert_eq!(parse_date(&DateParts::from_date(date), today()), Ok(date));
        }
    }

    #[test]
    fn the_date_range_reads_empty_one_sided_and_both_and_refuses_impossible_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let empty = DateParts::default();
        let march = DateParts::new("1", "3", "2025");
        let june = DateParts::new("30", "6", "2025");
        assert_eq!(read_date_range(&empty, &empty, today), Ok((None, None)));
        assert_eq!(
            read_date_range(&march, &empty, today),
            Ok((Some(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()), None))
        );
        assert_eq!(
            read_date_range(&march, &june, today),
            Ok((
                Some(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()),
                Some(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap())
            ))
        );
        assert_eq!(
            read_date_range(&june, &march, today),
            Err(vec![RangeError::ToBeforeFrom])
        );
        let impossible = DateParts::new("31", "2", "2025");
        let errors = read_date_range(&impossible, &DateParts::new("1", "", "2025"), today)
            .expect_err("both wrong");
        assert!(matches!(
            errors[0],
            RangeError::From(DateError::NotARealDate(_))
        ));
        assert!(matches!(
            errors[1],
            RangeError::To(DateError::Incomplete(_))
        ));
    }
}
