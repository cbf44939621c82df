//! Plain Rust rules with no browser code: the calendar now, deadlines next. Tested natively.

pub mod calendar;
