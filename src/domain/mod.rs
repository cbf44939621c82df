//! Plain Rust rules with no browser code: the calendar, how periods are counted, the statutory
//! deadlines, reading typed dates, the "My dates" form and calendar files. Tested natively.

pub mod address;
pub mod backup;
pub mod calendar;
pub mod casebook;
pub mod counting;
pub mod date_input;
pub mod deadlines;
pub mod drafts;
pub mod events;
pub mod guide;
pub mod ics;
pub mod iso;
pub mod letter_draft;
pub mod limits;
pub mod log;
pub mod migrations;
pub mod my_dates;
pub mod records;
pub mod sorting;
pub mod timeline;
pub mod words;
