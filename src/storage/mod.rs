//! The only code that touches the browser's local storage. Everything is kept on this device.
//!
//! [`BrowserStore`] is local storage behind the small [`KeyValueStore`] trait (or nothing, when
//! the browser blocks site data: the rest of the app still works). How the casebook is laid
//! out and saved all-or-nothing is plain Rust in [`layout`], tested natively against
//! [`memory::MemoryStore`], a store that fails on purpose. Only `state.rs` calls this module.

pub mod layout;
pub mod memory;

use crate::domain::my_dates::MyDatesForm;

pub use layout::{is_casebook_key, usage, ReadProblem, SaveError, Saved, Session, Usage};

pub const MY_DATES_KEY: &str = "send-casebook:my-dates:v1";

/// The store refused to write (a full quota, or storage switched off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

/// A key-value store of text, as local storage is.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
}

/// The browser's local storage, if the browser lets this site keep anything.
#[derive(Clone)]
pub struct BrowserStore(web_sys::Storage);

impl BrowserStore {
    /// `None` when site data is blocked (reading `localStorage` throws) or missing, or when it
    /// refuses even a tiny write (some private modes).
    pub fn open() -> Option<BrowserStore> {
        let storage = web_sys::window()?.local_storage().ok()??;
        let probe = "send-casebook:probe";
        storage.set_item(probe, "1").ok()?;
        let _ = storage.remove_item(probe);
        Some(BrowserStore(storage))
    }
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), Refused> {
        self.0.set_item(key, value).map_err(|_| Refused)
    }

    fn remove(&mut self, key: &str) {
        let _ = self.0.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let length = self.0.length().unwrap_or(0);
        (0..length)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }
}

/// Why the saved "My dates" form could not be read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MyDatesProblem {
    /// It is stored but cannot be read; it is left as it is.
    Unreadable,
}

/// The saved "My dates" form, if there is one. An unreadable one is left untouched: saving a
/// new one writes under the same key only after the parent changes the form.
pub fn load_my_dates(store: &dyn KeyValueStore) -> Result<Option<MyDatesForm>, MyDatesProblem> {
    match store.get(MY_DATES_KEY) {
        None => Ok(None),
        Some(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|_| MyDatesProblem::Unreadable),
    }
}

pub fn save_my_dates(store: &mut dyn KeyValueStore, form: &MyDatesForm) -> Result<(), Refused> {
    let text = serde_json::to_string(form).map_err(|_| Refused)?;
    store.set(MY_DATES_KEY, &text)
}

pub fn clear_my_dates(store: &mut dyn KeyValueStore) {
    store.remove(MY_DATES_KEY);
}
