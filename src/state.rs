//! The app's shared state, and the one place that saves the casebook.
//!
//! Every change goes through [`CasebookState::change`], which applies it and saves straight
//! away. If the save fails (a full quota) the change stays on screen and the problem is shown;
//! nothing already saved is touched. Another tab's changes arrive through the browser's
//! `storage` event and are merged record by record, so neither tab overwrites the other.

use crate::domain::casebook::{merge, Casebook, Millis};
use crate::storage::{self, StorageProblem};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct CasebookState {
    pub book: RwSignal<Casebook>,
    /// A load or save problem to explain, if any.
    pub problem: RwSignal<Option<StorageProblem>>,
}

/// Now, from the device clock, in milliseconds since 1970.
pub fn now_millis() -> Millis {
    js_sys::Date::now() as Millis
}

/// A new record id: the time plus randomness, unique across tabs and devices in practice.
pub fn new_id(prefix: &str) -> String {
    let random = (js_sys::Math::random() * 1e12) as u64;
    format!("{prefix}-{}-{random:x}", now_millis())
}

impl CasebookState {
    /// Loads the stored casebook (or starts an empty one) and listens for other tabs.
    pub fn load() -> Self {
        let (book, problem) = match storage::load_casebook() {
            Ok(book) => (book.unwrap_or_default(), None),
            Err(problem) => (Casebook::default(), Some(problem)),
        };
        let state = CasebookState {
            book: RwSignal::new(book),
            problem: RwSignal::new(problem),
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
        // Never save over data that could not be read until the parent has started afresh:
        // it has been kept aside, and saving now is what they would expect.
        let result = self.book.with_untracked(storage::save_casebook);
        match result {
            Ok(()) => {
                if self.problem.get_untracked() == Some(StorageProblem::NotSaved) {
                    self.problem.set(None);
                }
            }
            Err(problem) => self.problem.set(Some(problem)),
        }
    }

    fn listen_to_other_tabs(&self) {
        let state = *self;
        let on_storage = Closure::<dyn FnMut(web_sys::StorageEvent)>::new(
            move |event: web_sys::StorageEvent| {
                if event.key().as_deref() != Some(storage::CASEBOOK_KEY) {
                    return;
                }
                if let Ok(Some(theirs)) = storage::load_casebook() {
                    let ours = state.book.get_untracked();
                    let merged = merge(&ours, &theirs);
                    if merged != ours {
                        state.book.set(merged.clone());
                    }
                    // Write the union back only if the other tab lacks something of ours.
                    if merged != theirs {
                        state.save();
                    }
                }
            },
        );
        let _ = window()
            .add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        on_storage.forget();
    }
}
