//! The app's shared state, and the one place that reads and writes stored data (through
//! `storage`).
//!
//! Every change to the records goes through [`CasebookState::change`], which applies it to a
//! copy and saves that copy; only once the save is done does the page show it as saved. If the
//! save fails (a full quota, storage blocked) the change is not applied to the records, nothing
//! stored is touched, and the caller keeps what the parent typed on screen with the problem.
//! Each save checks first that what is stored is what this tab last read, and merges if not
//! (see `storage::layout`); the browser's `storage` events, `pageshow` and returning to the tab
//! only bring other tabs' changes onto the screen sooner.

use crate::clock::{now_millis, stamps_after, tab_token};
use crate::domain::casebook::{has_newer, merge, Case, Casebook};
use crate::domain::guide::Area;
use crate::domain::letter_draft::Sender;
use crate::domain::my_dates::MyDatesForm;
use crate::storage::layout::{self, ReadProblem, SaveError, Saved, Session};
use crate::storage::{self, BrowserStore, MyDatesProblem, Usage};
use leptos::prelude::*;
use leptos::reactive::owner::LocalStorage;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Why records cannot be saved or read, for the page to explain (see
/// `components::storage_problem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser does not let this site keep anything (site data blocked).
    Unavailable,
    /// Some stored records cannot be read; what could be read is shown, read-only.
    Unreadable { count: usize },
    /// The stored records were written by a newer version of the app.
    Newer,
    /// The last change did not fit (storage full). Nothing stored was changed.
    NotSaved,
    /// Other tabs kept saving at the same moment; the last change was not saved. Trying again
    /// works.
    Busy,
    /// Another tab or window removed the stored records after this page read them.
    ClearedElsewhere,
    /// A newer version of the app is now running in another tab: this page must reload.
    NewVersionElsewhere,
}

impl StorageProblem {
    /// Whether saving is held back until the parent acts (every problem but a full quota,
    /// which a smaller change can get past).
    pub fn blocks_saving(&self) -> bool {
        !matches!(self, StorageProblem::NotSaved | StorageProblem::Busy)
    }
}

/// What a page needs to show a save as done, or keep the parent's text and say why.
pub type SaveResult = Result<(), StorageProblem>;

#[derive(Clone, Copy)]
pub struct CasebookState {
    pub book: RwSignal<Casebook>,
    /// A load or save problem to explain, if any.
    pub problem: RwSignal<Option<StorageProblem>>,
    store: StoredValue<Option<BrowserStore>, LocalStorage>,
    session: StoredValue<Session, LocalStorage>,
    /// The case just deleted, as it was, while "Undo" is offered (in memory only).
    pub deleted_case: RwSignal<Option<Case>>,
    /// The records as they were before a backup replaced them, and as the Replace left them,
    /// while "Undo" is offered.
    pub replaced: RwSignal<Option<(Casebook, Casebook)>>,
    /// The parent has saved the unreadable data as a file, so starting afresh loses nothing.
    pub raw_saved: RwSignal<bool>,
    /// The text of that file, so that nothing it does not hold is cleared.
    saved_file: StoredValue<String, LocalStorage>,
}

fn problem_of_read(problem: ReadProblem) -> StorageProblem {
    match problem {
        ReadProblem::Damaged { count } => StorageProblem::Unreadable { count },
        ReadProblem::Newer => StorageProblem::Newer,
    }
}

impl CasebookState {
    /// Loads the stored casebook (or starts an empty one) and listens for other tabs.
    pub fn load() -> Self {
        let store = BrowserStore::open();
        let (book, session, problem) = match &store {
            None => (
                Casebook::default(),
                Session::new(&tab_token()),
                Some(StorageProblem::Unavailable),
            ),
            Some(store) => {
                let (loaded, session) = layout::load(store, &tab_token());
                (loaded.book, session, loaded.problem.map(problem_of_read))
            }
        };
        stamps_after(&book);
        let state = CasebookState {
            book: RwSignal::new(book),
            problem: RwSignal::new(problem),
            store: StoredValue::new_local(store),
            session: StoredValue::new_local(session),
            deleted_case: RwSignal::new(None),
            replaced: RwSignal::new(None),
            raw_saved: RwSignal::new(false),
            saved_file: StoredValue::new_local(String::new()),
        };
        state.listen_to_other_tabs();
        state
    }

    /// Whether the browser lets the app keep anything at all.
    pub fn storage_available(&self) -> bool {
        self.store.with_value(Option::is_some)
    }

    /// Applies a change and saves it. `Ok` only once it is stored; otherwise the records on
    /// screen stay as they were before the change and the problem is shown.
    pub fn change(&self, update: impl FnOnce(&mut Casebook)) -> SaveResult {
        // The change is made to the newest records: another tab may have saved since this page
        // last looked (its storage event is handled a moment later).
        self.refresh_from_storage();
        if let Some(problem) = self.problem.get_untracked().filter(|p| p.blocks_saving()) {
            return Err(problem);
        }
        let mut next = self.book.get_untracked();
        update(&mut next);
        self.store_book(next)
    }

    /// Saves `next` as the records, merging another tab's newer saves in.
    fn store_book(&self, next: Casebook) -> SaveResult {
        let result = self
            .store
            .try_update_value(|store| {
                let store = store.as_mut()?;
                self.session
                    .try_update_value(|session| layout::save(store, session, &next))
            })
            .flatten();
        let outcome = match result {
            None => Err(StorageProblem::Unavailable),
            Some(Ok(Saved::Stored)) => {
                // Its change times came from `now_millis`, so the clock is already past them.
                self.book.set(next);
                Ok(())
            }
            Some(Ok(Saved::Merged(merged))) => {
                stamps_after(&merged);
                self.book.set(merged);
                Ok(())
            }
            Some(Err(SaveError::Refused)) => Err(StorageProblem::NotSaved),
            Some(Err(SaveError::Busy)) => Err(StorageProblem::Busy),
            Some(Err(SaveError::ClearedElsewhere)) => Err(StorageProblem::ClearedElsewhere),
            Some(Err(SaveError::Unreadable(problem))) => {
                // Show what could be read: it may hold another tab's newer records.
                if let Some(store) = self.store.get_value() {
                    let (theirs, _) = layout::load(&store, "reader");
                    self.book.update(|book| *book = merge(book, &theirs.book));
                }
                Err(problem_of_read(problem))
            }
        };
        match &outcome {
            Ok(()) => {
                if matches!(
                    self.problem.get_untracked(),
                    Some(StorageProblem::NotSaved | StorageProblem::Busy)
                ) {
                    self.problem.set(None);
                }
            }
            Err(problem) => self.problem.set(Some(problem.clone())),
        }
        outcome
    }

    /// Replaces the records (a backup restored with "Replace": `replace` makes the new records
    /// from the ones here), keeping what was here for "Undo" until the parent moves on. Both are
    /// made from the newest stored records, so a record another tab saved a moment ago is
    /// replaced with a tombstone like the rest, and comes back with Undo.
    pub fn replace_with(&self, replace: impl FnOnce(&Casebook) -> Casebook) -> SaveResult {
        let mut kept = None;
        self.change(|book| {
            let next = replace(book);
            kept = Some((std::mem::replace(book, next.clone()), next));
        })?;
        self.replaced.set(kept);
        Ok(())
    }

    /// Takes back the last "Replace": what it changed goes back, and anything added or changed
    /// since (here or in another tab) stays.
    pub fn undo_replace(&self) -> SaveResult {
        let Some((before, after)) = self.replaced.get_untracked() else {
            return Ok(());
        };
        // `change` works from what is stored now, with any other tab's edits since.
        let now = now_millis();
        self.change(|book| {
            *book = crate::domain::backup::undo_replace(book, &before, &after, now);
        })?;
        self.replaced.set(None);
        Ok(())
    }

    /// Every stored value of the records, as a file's text, for when something cannot be
    /// read. Marks that the parent has it, so that "start afresh" is then offered.
    pub fn raw_records(&self) -> String {
        let text = self
            .store
            .with_value(|store| store.as_ref().map(|s| layout::raw_dump(s)))
            .unwrap_or_default();
        self.saved_file.set_value(text.clone());
        self.raw_saved.set(true);
        text
    }

    /// After the unreadable data was saved as a file: clears it and keeps what could be read
    /// (see `layout::start_afresh`: it clears nothing the file does not hold).
    pub fn start_afresh(&self) -> SaveResult {
        if !self.raw_saved.get_untracked() {
            return Err(self
                .problem
                .get_untracked()
                .unwrap_or(StorageProblem::NotSaved));
        }
        let keep = self.book.get_untracked();
        let tab = tab_token();
        let saved_file = self.saved_file.get_value();
        let result = self
            .store
            .try_update_value(|store| {
                store
                    .as_mut()
                    .map(|s| layout::start_afresh(s, &tab, &keep, &saved_file))
            })
            .flatten();
        let Some((result, records)) = result else {
            return Err(StorageProblem::Unavailable);
        };
        // Stored or not, the page shows everything that could be read.
        stamps_after(&records);
        self.book.set(records);
        match result {
            Ok(session) => {
                self.session.set_value(session);
                self.problem.set(None);
                Ok(())
            }
            Err(SaveError::Unreadable(problem)) => {
                // Damaged differently from the file (another tab wrote since): the file must be
                // saved again before anything is cleared.
                self.raw_saved.set(false);
                let problem = problem_of_read(problem);
                self.problem.set(Some(problem.clone()));
                Err(problem)
            }
            Err(_) => {
                self.problem.set(Some(StorageProblem::NotSaved));
                Err(StorageProblem::NotSaved)
            }
        }
    }

    /// After another tab removed the records: the parent chose to store this page's copy again.
    pub fn put_back(&self) -> SaveResult {
        self.session.set_value(Session::new(&tab_token()));
        self.problem.set(None);
        let book = self.book.get_untracked();
        self.store_book(book)
    }

    /// How much of the browser's storage the app uses, and by which case.
    pub fn usage(&self) -> Usage {
        self.store
            .with_value(|store| store.as_ref().map(|s| storage::usage(s)))
            .unwrap_or_default()
    }

    /// Brings what another tab saved onto this page (without writing unless this page holds
    /// records the store does not).
    pub fn refresh_from_storage(&self) {
        if self
            .problem
            .get_untracked()
            .is_some_and(|p| p.blocks_saving())
        {
            return;
        }
        let Some(store) = self.store.get_value() else {
            return;
        };
        let stale = self
            .session
            .with_value(|session| layout::is_stale(&store, session));
        if !stale {
            return;
        }
        if self
            .session
            .with_value(|session| layout::cleared_elsewhere(&store, session))
        {
            self.problem.set(Some(StorageProblem::ClearedElsewhere));
            return;
        }
        let tab = tab_token();
        let ours = self.book.get_untracked();
        // Only the parts another tab changed are read (a large casebook is not parsed again on
        // every keystroke made in another tab's meeting notes).
        let (theirs, session) = self
            .session
            .with_value(|held| layout::load_changes(&store, &tab, held, &ours));
        if let Some(problem) = theirs.problem {
            // Show what could be read (it may hold another tab's newer records), read-only.
            self.book.set(merge(&ours, &theirs.book));
            self.problem.set(Some(problem_of_read(problem)));
            return;
        }
        // The page shows (and the session knows) what is stored, merged with anything only
        // this page had, before anything is written: a failed save then loses nothing. Only
        // content counts, not order: a stored casebook comes back in storage order, and
        // writing because of order alone would have two tabs writing back and forth forever.
        self.session.set_value(session);
        stamps_after(&theirs.book);
        if has_newer(&theirs.book, &ours) {
            self.book.set(merge(&ours, &theirs.book));
        }
        if has_newer(&ours, &theirs.book) {
            let merged = self.book.get_untracked();
            let _ = self.store_book(merged);
        }
    }

    fn listen_to_other_tabs(&self) {
        let state = *self;
        // One save in another tab writes several keys: look once, after the last of them.
        let pending = StoredValue::new_local(false);
        let schedule = move || {
            if pending.get_value() {
                return;
            }
            pending.set_value(true);
            set_timeout(
                move || {
                    pending.set_value(false);
                    state.refresh_from_storage();
                },
                std::time::Duration::from_millis(20),
            );
        };
        let on_storage = Closure::<dyn FnMut(web_sys::StorageEvent)>::new(
            move |event: web_sys::StorageEvent| {
                // No key: another tab cleared the whole storage.
                if event.key().as_deref().is_none_or(storage::is_casebook_key) {
                    schedule();
                }
            },
        );
        let on_show = Closure::<dyn FnMut()>::new(schedule);
        let window = window();
        let _ =
            window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        // A page brought back from the back/forward cache, or a tab the parent returns to,
        // may have missed events.
        let _ =
            window.add_event_listener_with_callback("pageshow", on_show.as_ref().unchecked_ref());
        let _ = document()
            .add_event_listener_with_callback("visibilitychange", on_show.as_ref().unchecked_ref());
        on_storage.forget();
        on_show.forget();
    }

    /// The saved "My dates" form, or why it could not be read.
    pub fn load_my_dates(&self) -> Result<Option<MyDatesForm>, MyDatesProblem> {
        self.store
            .try_update_value(|store| store.as_mut().map(|s| storage::load_my_dates(s)))
            .flatten()
            .unwrap_or(Ok(None))
    }

    /// Saves the "My dates" form; `Err` when it could not be stored.
    pub fn save_my_dates(&self, form: &MyDatesForm) -> SaveResult {
        // A newer version running in another tab may keep this form differently.
        if self.problem.get_untracked() == Some(StorageProblem::NewVersionElsewhere) {
            return Err(StorageProblem::NewVersionElsewhere);
        }
        self.store
            .try_update_value(|store| {
                store
                    .as_mut()
                    .map(|s| storage::save_my_dates(s, form).map_err(|_| StorageProblem::NotSaved))
            })
            .flatten()
            .unwrap_or(Err(StorageProblem::Unavailable))
    }

    /// Where the child lives, if the parent has said.
    pub fn load_area(&self) -> Option<Area> {
        self.store
            .with_value(|store| store.as_ref().and_then(|s| storage::load_area(s)))
    }

    /// Remembers where the child lives; `Err` when it could not be stored (it still applies to
    /// this visit).
    pub fn save_area(&self, area: Area) -> SaveResult {
        self.store
            .try_update_value(|store| {
                store
                    .as_mut()
                    .map(|s| storage::save_area(s, area).map_err(|_| StorageProblem::NotSaved))
            })
            .flatten()
            .unwrap_or(Err(StorageProblem::Unavailable))
    }

    /// The parent's name and contact from their last letter.
    pub fn load_sender(&self) -> Sender {
        self.store
            .with_value(|store| store.as_ref().map(|s| storage::load_sender(s)))
            .unwrap_or_default()
    }

    /// Remembers the parent's name and contact for the next letter (nothing is lost if it does
    /// not fit: the letter itself is on screen).
    pub fn save_sender(&self, sender: &Sender) {
        self.store.update_value(|store| {
            if let Some(s) = store.as_mut() {
                let _ = storage::save_sender(s, sender);
            }
        });
    }

    pub fn clear_my_dates(&self) {
        self.store.update_value(|store| {
            if let Some(s) = store.as_mut() {
                storage::clear_my_dates(s);
            }
        });
    }
}
