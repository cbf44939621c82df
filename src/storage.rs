//! The only code that touches the browser's local storage. Everything is kept on this device.
//!
//! A value that cannot be read is never thrown away: it is copied aside under
//! `{key}:unreadable` before anything new is saved, and the page says so.

use crate::domain::my_dates::MyDatesForm;
use gloo_storage::{errors::StorageError, LocalStorage, Storage};

pub const MY_DATES_KEY: &str = "send-casebook:my-dates:v1";

/// Why something could not be loaded or saved, for the page to explain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// Stored data could not be read; it was kept aside under `kept_as`.
    Unreadable { kept_as: String },
    /// The browser refused to save: usually the storage is full, or storage is switched off.
    NotSaved,
}

/// The saved "My dates" form, if there is one.
pub fn load_my_dates() -> Result<Option<MyDatesForm>, StorageProblem> {
    match LocalStorage::get::<MyDatesForm>(MY_DATES_KEY) {
        Ok(form) => Ok(Some(form)),
        Err(StorageError::KeyNotFound(_)) => Ok(None),
        Err(_) => {
            let kept_as = format!("{MY_DATES_KEY}:unreadable");
            let raw = LocalStorage::raw()
                .get_item(MY_DATES_KEY)
                .ok()
                .flatten()
                .unwrap_or_default();
            // Keep the first unreadable copy: a second failure must not overwrite it.
            if LocalStorage::raw()
                .get_item(&kept_as)
                .ok()
                .flatten()
                .is_none()
            {
                let _ = LocalStorage::raw().set_item(&kept_as, &raw);
            }
            Err(StorageProblem::Unreadable { kept_as })
        }
    }
}

pub fn save_my_dates(form: &MyDatesForm) -> Result<(), StorageProblem> {
    LocalStorage::set(MY_DATES_KEY, form).map_err(|_| StorageProblem::NotSaved)
}

pub fn clear_my_dates() {
    LocalStorage::delete(MY_DATES_KEY);
}
