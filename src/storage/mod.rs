//! The only code that touches the browser's local storage. Everything is kept on this device.
//!
//! [`BrowserStore`] is local storage behind the small [`KeyValueStore`] trait (or nothing, when
//! the browser blocks site data: the rest of the app still works). How the casebook is laid
//! out and saved all-or-nothing is plain Rust in [`layout`], tested natively against
//! [`memory::MemoryStore`], a store that fails on purpose. Only `state.rs` calls this module.

pub mod layout;
pub mod memory;

use crate::domain::guide::Area;
use crate::domain::letter_draft::Sender;
use crate::domain::my_dates::MyDatesForm;

pub use layout::{is_casebook_key, usage, Usage};

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
    /// `None` when site data is blocked (reading `localStorage` throws) or missing. A store that
    /// is merely full is still open: its records can be read, and a full quota is its own message.
    pub fn open() -> Option<BrowserStore> {
        let storage = web_sys::window()?.local_storage().ok()??;
        storage.length().ok()?;
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
    /// It is stored but cannot be read; a copy is kept under `{MY_DATES_KEY}:unreadable`.
    Unreadable,
}

fn my_dates_kept_key() -> String {
    format!("{MY_DATES_KEY}:unreadable")
}

/// The saved "My dates" form, if there is one. One that cannot be read is copied aside first
/// (the first such copy is never overwritten), so that a new form can be saved without losing it.
pub fn load_my_dates(store: &mut dyn KeyValueStore) -> Result<Option<MyDatesForm>, MyDatesProblem> {
    let Some(text) = store.get(MY_DATES_KEY) else {
        return Ok(None);
    };
    match serde_json::from_str(&text) {
        Ok(form) => Ok(Some(form)),
        Err(_) => {
            if store.get(&my_dates_kept_key()).is_none() {
                // If even this small copy does not fit, saving refuses to write over the original.
                let _ = store.set(&my_dates_kept_key(), &text);
            }
            Err(MyDatesProblem::Unreadable)
        }
    }
}

/// Saves the form, unless that would write over an unreadable one that could not be kept aside.
pub fn save_my_dates(store: &mut dyn KeyValueStore, form: &MyDatesForm) -> Result<(), Refused> {
    if let Some(old) = store.get(MY_DATES_KEY) {
        let unreadable = serde_json::from_str::<MyDatesForm>(&old).is_err();
        let kept = store.get(&my_dates_kept_key()).is_some();
        if unreadable && !kept {
            return Err(Refused);
        }
    }
    let text = serde_json::to_string(form).map_err(|_| Refused)?;
    store.set(MY_DATES_KEY, &text)
}

pub fn clear_my_dates(store: &mut dyn KeyValueStore) {
    store.remove(MY_DATES_KEY);
}

/// Where the child lives, asked once by "What can I do?".
pub const AREA_KEY: &str = "send-casebook:area:v1";

/// The area the parent chose, if any (anything else stored reads as not chosen, and is asked
/// again).
pub fn load_area(store: &dyn KeyValueStore) -> Option<Area> {
    store.get(AREA_KEY).and_then(|id| Area::from_id(&id))
}

pub fn save_area(store: &mut dyn KeyValueStore, area: Area) -> Result<(), Refused> {
    store.set(AREA_KEY, area.id())
}

/// The parent's name and contact for letters (`domain::letter_draft::Sender`), as JSON.
pub const SENDER_KEY: &str = "send-casebook:sender:v1";

/// The name and contact last used in a letter; anything unreadable reads as none.
pub fn load_sender(store: &dyn KeyValueStore) -> Sender {
    store
        .get(SENDER_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn save_sender(store: &mut dyn KeyValueStore, sender: &Sender) -> Result<(), Refused> {
    store.set(
        SENDER_KEY,
        &serde_json::to_string(sender).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_senders_details_are_kept_and_anything_unreadable_reads_as_none() {
        let mut store = memory::MemoryStore::new();
        assert_eq!(load_sender(&store), Sender::default());
        let me = Sender {
            name: "Alex Smith".into(),
            contact: "12 High Street\nalex@example.org".into(),
        };
        save_sender(&mut store, &me).expect("fits");
        assert_eq!(load_sender(&store), me);
        store.set(SENDER_KEY, "{broken").expect("fits");
        assert_eq!(load_sender(&store), Sender::default());
    }

    #[test]
    fn the_area_is_kept_and_anything_else_stored_is_asked_again() {
        let mut store = memory::MemoryStore::new();
        assert_eq!(load_area(&store), None);
        save_area(&mut store, Area::Elsewhere).expect("fits");
        assert_eq!(load_area(&store), Some(Area::Elsewhere));
        store.set(AREA_KEY, "narnia").expect("fits");
        assert_eq!(load_area(&store), None);
    }

    #[test]
    fn an_unreadable_form_is_kept_aside_once_and_never_written_over_unkept() {
        let mut store = memory::MemoryStore::new();
        store.set(MY_DATES_KEY, "{broken").expect("set");
        assert_eq!(load_my_dates(&mut store), Err(MyDatesProblem::Unreadable));
        assert_eq!(store.get(&my_dates_kept_key()).as_deref(), Some("{broken"));
        save_my_dates(&mut store, &MyDatesForm::default()).expect("saves once kept");
        store.set(MY_DATES_KEY, "[1,2]").expect("set");
        assert!(load_my_dates(&mut store).is_err());
        assert_eq!(
            store.get(&my_dates_kept_key()).as_deref(),
            Some("{broken"),
            "the first copy stays"
        );

        let mut full = memory::MemoryStore::with_quota(40);
        full.set(MY_DATES_KEY, "{broken").expect("fits");
        assert!(load_my_dates(&mut full).is_err());
        assert_eq!(
            save_my_dates(&mut full, &MyDatesForm::default()),
            Err(Refused)
        );
        assert_eq!(
            full.get(MY_DATES_KEY).as_deref(),
            Some("{broken"),
            "not written over"
        );
    }
}
