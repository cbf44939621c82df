//! Plain Rust rules with no browser code: the calendar, how periods are counted, and the
//! statutory deadlines. Tested natively with `cargo test`.

pub mod calendar;
pub mod counting;
pub mod deadlines;
