//! One module per route, named after what the parent sees.

pub mod about;
pub mod case;
pub mod contacts;
pub mod guide_index;
pub mod guide_section;
pub mod home;
pub mod letters;
pub mod my_dates;
pub mod not_found;
pub mod options;
pub mod record_forms;
pub mod records;
pub mod search;
pub mod timeline;
