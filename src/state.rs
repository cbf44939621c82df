//! The app's shared state, and the one place that saves the casebook.
//!
//! Every change goes through [`CasebookState::change`], which applies it and saves straight
//! away. If the save fails (a full quota) the change stays on screen and the problem is shown;
//! nothing already saved is touched. Another tab's changes arrive through the browser's
//! `storage` event and are merged record by record, so neither tab overwrites the other.

use crate::domain::casebook::{merge, Case, Casebook, Millis};
use crate::storage::{self, SavedChunks, StorageProblem};
use leptos::prelude::*;
use leptos::reactive::owner::LocalStorage;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct CasebookState {
    pub book: RwSignal<Casebook>,
    /// A load or save problem to explain, if any.
    pub problem: RwSignal<Option<StorageProblem>>,
    /// What is already stored, so a save writes only what changed.
    saved: StoredValue<SavedChunks, LocalStorage>,
    /// The case just deleted, as it was, while "Undo" is offered (in memory only).
    pub deleted_case: RwSignal<Option<Case>>,
}

thread_local! {
    static LAST_STAMP: std::cell::Cell<Millis> = const { std::cell::Cell::new(0) };
}

/// A change time: the device clock in milliseconds since 1970, but always later than the last
/// one given out, so that two changes in the same millisecond (or a clock that stands still)
/// still count as newer. Saving and merging rely on that.
pub fn now_millis() -> Millis {
    LAST_STAMP.with(|last| {
        let stamp = (js_sys::Date::now() as Millis).max(last.get() + 1);
        last.set(stamp);
        stamp
    })
}

/// Makes sure later change times are newer than every record already stored.
fn stamps_after(book: &Casebook) {
    let newest = book
        .cases
        .iter()
        .flat_map(|c| {
            std::iter::once(c.updated)
                .chain(c.entries.iter().map(|e| e.updated))
                .chain(c.notes.iter().map(|n| n.updated))
        })
        .max()
        .unwrap_or(0);
    LAST_STAMP.with(|last| last.set(last.get().max(newest)));
}

/// Today's date on this device, from the browser's clock in its local time zone.
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(chrono::NaiveDate::MIN)
}

/// Now, in UTC, from the browser's clock (for calendar file stamps).
pub fn now_utc() -> chrono::NaiveDateTime {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_utc_full_year() as i32,
        now.get_utc_month() + 1,
        now.get_utc_date(),
    )
    .and_then(|date| {
        date.and_hms_opt(
            now.get_utc_hours(),
            now.get_utc_minutes(),
            now.get_utc_seconds(),
        )
    })
    .unwrap_or_default()
}

/// A new record id: the time plus randomness, unique across tabs and devices in practice.
pub fn new_id(prefix: &str) -> String {
    let random = (js_sys::Math::random() * 1e12) as u64;
    format!("{prefix}-{}-{random:x}", now_millis())
}

impl CasebookState {
    /// Loads the stored casebook (or starts an empty one) and listens for other tabs.
    pub fn load() -> Self {
        let (book, saved, problem) = match storage::load_casebook() {
            Ok(Some((book, saved))) => (book, saved, None),
            Ok(None) => (Casebook::default(), SavedChunks::default(), None),
            Err(problem) => (Casebook::default(), SavedChunks::default(), Some(problem)),
        };
        stamps_after(&book);
        let state = CasebookState {
            book: RwSignal::new(book),
            problem: RwSignal::new(problem),
            saved: StoredValue::new_local(saved),
            deleted_case: RwSignal::new(None),
        };
        state.listen_to_other_tabs();
        state
    }

    /// Applies a change and saves it.
    pub fn change(&self, update: impl FnOnce(&mut Casebook)) {
        self.book.update(update);
        self.save();
    }

    fn save(&self) {
        // Data that could not be read was kept aside when it was loaded, so saving here cannot
        // lose it.
        let result = self
            .book
            .with_untracked(|book| {
                self.saved
                    .try_update_value(|saved| storage::save_casebook(book, saved))
            })
            .unwrap_or(Err(StorageProblem::NotSaved));
        match result {
            Ok(()) => {
                if self.problem.get_untracked() == Some(StorageProblem::NotSaved) {
                    self.problem.set(None);
                }
            }
            Err(problem) => self.problem.set(Some(problem)),
        }
    }

    /// Reads what another tab saved and merges it with ours, record by record.
    fn merge_from_storage(&self) {
        let Ok(Some((theirs, stored))) = storage::load_casebook() else {
            return;
        };
        // What is stored now is the other tab's: only our newer records need writing back.
        self.saved.set_value(stored);
        stamps_after(&theirs);
        let ours = self.book.get_untracked();
        let merged = merge(&ours, &theirs);
        if merged != ours {
            self.book.set(merged.clone());
        }
        if merged != theirs {
            self.save();
        }
    }

    fn listen_to_other_tabs(&self) {
        let state = *self;
        // One save in another tab writes several keys: merge once, after the last of them.
        let pending = StoredValue::new_local(false);
        let on_storage = Closure::<dyn FnMut(web_sys::StorageEvent)>::new(
            move |event: web_sys::StorageEvent| {
                if !event.key().as_deref().is_some_and(storage::is_casebook_key)
                    || pending.get_value()
                {
                    return;
                }
                pending.set_value(true);
                set_timeout(
                    move || {
                        pending.set_value(false);
                        state.merge_from_storage();
                    },
                    std::time::Duration::from_millis(20),
                );
            },
        );
        let _ = window()
            .add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        on_storage.forget();
    }
}
