//! The engine's plain public API, used the way an independent test suite would use it, checked
//! against the worked examples of the rule book (docs/rules/deadlines.md, section 16).

use chrono::NaiveDate;
use send_casebook::calendar::{add_working_days, is_working_day};
use send_casebook::deadlines::{
    add_months, appeal_deadline, certificate_due, mediation_adviser_deadline,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a real date")
}

#[test]
fn public_paths_give_the_rule_book_answers() {
    assert_eq!(add_months(d(2024, 12, 31), 2), d(2025, 2, 28));
    assert_eq!(appeal_deadline(d(2025, 6, 30), None), d(2025, 9, 1));
    assert_eq!(mediation_adviser_deadline(d(2025, 6, 30)), d(2025, 8, 30));
    assert_eq!(
        appeal_deadline(d(2024, 10, 1), Some(d(2024, 11, 29))),
        d(2025, 1, 2)
    );
    assert_eq!(certificate_due(d(2025, 12, 24)), d(2025, 12, 31));
    assert_eq!(add_working_days(d(2022, 9, 16), 3), d(2022, 9, 22));
    assert!(!is_working_day(d(2022, 9, 19)), "the state funeral");
    assert!(is_working_day(d(2025, 12, 24)));
}
