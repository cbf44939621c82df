//! The only code that touches the browser's local storage. Everything is kept on this device.
//!
//! A value that cannot be read is never thrown away: it is copied aside under
//! `{key}:unreadable` before anything new is saved, and the page says so. A save that does not
//! fit (a full quota) changes nothing already saved.

use crate::domain::casebook::Casebook;
use crate::domain::migrations::migrate;
use crate::domain::my_dates::MyDatesForm;
use gloo_storage::{errors::StorageError, LocalStorage, Storage};

pub const MY_DATES_KEY: &str = "send-casebook:my-dates:v1";
/// The casebook (cases, log, notes). Its format version is inside the value.
pub const CASEBOOK_KEY: &str = "send-casebook:casebook";

/// Why something could not be loaded or saved, for the page to explain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// Stored data could not be read; it was kept aside under `kept_as`.
    Unreadable { kept_as: String },
    /// The browser refused to save: usually the storage is full, or storage is switched off.
    NotSaved,
}

/// Copies an unreadable value to `{key}:unreadable`, keeping the first such copy: a second
/// failure must not overwrite it.
fn keep_aside(key: &str) -> StorageProblem {
    let kept_as = format!("{key}:unreadable");
    let storage = LocalStorage::raw();
    let raw = storage.get_item(key).ok().flatten().unwrap_or_default();
    if storage.get_item(&kept_as).ok().flatten().is_none() {
        let _ = storage.set_item(&kept_as, &raw);
    }
    StorageProblem::Unreadable { kept_as }
}

/// The raw text of a value kept aside, so the parent can save it as a file.
pub fn unreadable_copy(kept_as: &str) -> Option<String> {
    LocalStorage::raw().get_item(kept_as).ok().flatten()
}

/// The saved "My dates" form, if there is one.
pub fn load_my_dates() -> Result<Option<MyDatesForm>, StorageProblem> {
    match LocalStorage::get::<MyDatesForm>(MY_DATES_KEY) {
        Ok(form) => Ok(Some(form)),
        Err(StorageError::KeyNotFound(_)) => Ok(None),
        Err(_) => Err(keep_aside(MY_DATES_KEY)),
    }
}

pub fn save_my_dates(form: &MyDatesForm) -> Result<(), StorageProblem> {
    LocalStorage::set(MY_DATES_KEY, form).map_err(|_| StorageProblem::NotSaved)
}

pub fn clear_my_dates() {
    LocalStorage::delete(MY_DATES_KEY);
}

/// The stored casebook, brought up to the current format.
pub fn load_casebook() -> Result<Option<Casebook>, StorageProblem> {
    let raw = match LocalStorage::raw().get_item(CASEBOOK_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Ok(None),
        Err(_) => return Err(StorageProblem::NotSaved),
    };
    let value: serde_json::Value =
        serde_json::from_str(&raw).map_err(|_| keep_aside(CASEBOOK_KEY))?;
    migrate(value)
        .map(Some)
        .map_err(|_| keep_aside(CASEBOOK_KEY))
}

/// Saves the casebook. On failure nothing already saved is changed.
pub fn save_casebook(casebook: &Casebook) -> Result<(), StorageProblem> {
    LocalStorage::set(CASEBOOK_KEY, casebook).map_err(|_| StorageProblem::NotSaved)
}

/// Roughly how much of local storage this app uses, in characters (browsers allow about 5
/// million).
pub fn used_characters() -> usize {
    let storage = LocalStorage::raw();
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .map(|key| key.len() + storage.get_item(&key).ok().flatten().map_or(0, |v| v.len()))
        .sum()
}
