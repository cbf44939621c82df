//! Small views shared by several pages. They show data; they hold no rules.

pub mod adviser_warning;
pub mod booklet_text;
pub mod case_fields;
pub mod change_case;
pub mod date_input;
pub mod date_range_form;
pub mod deadline_card;
pub mod download;
pub mod error_summary;
pub mod fields;
pub mod focus;
pub mod highlighted_text;
pub mod layout;
pub mod letter_actions;
pub mod letter_sent;
pub mod not_found;
pub mod page_title;
pub mod print_button;
pub mod save_to_records;
pub mod search_form;
pub mod section_list;
pub mod storage_problem;
pub mod timeline_rows;
pub mod update_banner;
pub mod where_you_live;
