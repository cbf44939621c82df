//! Browser tests of the storage layer (wasm-bindgen-test in headless Chromium, real local
//! storage): "My dates" saved and read back, an unreadable one left untouched, the casebook's
//! all-or-nothing saves against the browser's real quota, and only changed parts rewritten.
//! Run with `cargo test --target wasm32-unknown-unknown --test storage_web`.
#![cfg(target_arch = "wasm32")]

use send_casebook::domain::date_input::DateParts;
use send_casebook::domain::my_dates::{DateField, MyDatesForm, Situation};
use send_casebook::storage::layout::{self, SaveError, ROOT_KEY};
use send_casebook::storage::{
    clear_my_dates, load_my_dates, save_my_dates, BrowserStore, KeyValueStore, MyDatesProblem,
    MY_DATES_KEY,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("local storage")
}

fn reset() {
    let storage = local_storage();
    storage.clear().expect("cleared");
}

fn store() -> BrowserStore {
    BrowserStore::open().expect("local storage is allowed in the test browser")
}

/// Fills local storage to its quota with junk under other keys, halving the block each time
/// it no longer fits, down to `smallest` characters.
fn fill_quota(smallest: usize) {
    let storage = local_storage();
    let mut size = 512 * 1024;
    let mut index = 0;
    while size >= smallest {
        if storage
            .set_item(&format!("filler-{index}"), &"x".repeat(size))
            .is_ok()
        {
            index += 1;
            assert!(index < 400, "the quota was never reached");
        } else {
            size /= 2;
        }
    }
}

#[wasm_bindgen_test]
fn a_saved_form_loads_back_exactly() {
    reset();
    let mut store = store();
    assert_eq!(load_my_dates(&mut store), Ok(None), "nothing saved yet");
    let mut form = MyDatesForm {
        situation: Some(Situation::DraftPlan),
        submitted: true,
        ..MyDatesForm::default()
    };
    form.dates
        .insert(DateField::DraftServed, DateParts::new("1", "8", "2025"));
    save_my_dates(&mut store, &form).expect("saved");
    assert_eq!(load_my_dates(&mut store), Ok(Some(form)));
    clear_my_dates(&mut store);
    assert_eq!(load_my_dates(&mut store), Ok(None));
}

#[wasm_bindgen_test]
fn an_unreadable_form_is_kept_aside_and_a_second_failure_does_not_overwrite_it() {
    reset();
    let storage = local_storage();
    storage.set_item(MY_DATES_KEY, "{not json").expect("set");
    let kept_as = format!("{MY_DATES_KEY}:unreadable");
    assert_eq!(load_my_dates(&mut store()), Err(MyDatesProblem::Unreadable));
    assert_eq!(
        storage.get_item(&kept_as).expect("read"),
        Some("{not json".to_string())
    );
    storage.set_item(MY_DATES_KEY, "[1,2,3]").expect("set");
    assert!(load_my_dates(&mut store()).is_err());
    assert_eq!(
        storage.get_item(&kept_as).expect("read"),
        Some("{not json".to_string()),
        "the first copy stays"
    );
}

#[wasm_bindgen_test]
fn a_full_storage_quota_is_reported_and_the_saved_copy_is_untouched() {
    reset();
    let mut store = store();
    let mut form = MyDatesForm {
        situation: Some(Situation::DraftPlan),
        ..MyDatesForm::default()
    };
    save_my_dates(&mut store, &form).expect("the first save fits");
    fill_quota(1);
    form.dates.insert(
        DateField::DraftServed,
        DateParts::new("1", "8", &"2".repeat(100_000)),
    );
    assert!(save_my_dates(&mut store, &form).is_err());
    let saved = load_my_dates(&mut store)
        .expect("still readable")
        .expect("still there");
    assert_eq!(saved.situation, Some(Situation::DraftPlan));
    assert!(saved.dates.is_empty(), "the earlier save is unchanged");
    reset();
}

fn sample_casebook(entries: usize) -> send_casebook::domain::casebook::Casebook {
    use send_casebook::domain::casebook::*;
    let entry = |i: usize| LogEntry {
        id: format!("entry-{i}"),
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("date"),
        time: None,
        direction: Direction::Received,
        method: Method::Letter,
        party: Party::School,
        person: String::new(),
        subject: format!("Letter {i}"),
        summary: String::new(),
        promised: String::new(),
        promised_by: String::new(),
        promise_kept: false,
        follow_up: None,
        kept_where: String::new(),
        key_date: None,
        updated: 1 + i as i64,
        deleted: false,
    };
    Casebook {
        cases: vec![Case {
            id: "case-1".into(),
            name: "J.S.".into(),
            school: String::new(),
            birth_date: None,
            contacts: String::new(),
            plan_status: PlanStatus::HasPlan,
            entries: (0..entries).map(entry).collect(),
            notes: Vec::new(),
            updated: 1,
            deleted: false,
        }],
        ..Casebook::default()
    }
}

fn sorted(
    mut book: send_casebook::domain::casebook::Casebook,
) -> send_casebook::domain::casebook::Casebook {
    for case in &mut book.cases {
        case.entries.sort_by(|x, y| x.id.cmp(&y.id));
    }
    book
}

#[wasm_bindgen_test]
fn the_casebook_round_trips_and_a_change_rewrites_only_its_part() {
    reset();
    let storage = local_storage();
    let mut store = store();
    let (loaded, mut session) = layout::load(&store, "t1");
    assert!(loaded.book.cases.is_empty() && loaded.problem.is_none());
    let mut book = sample_casebook(200);
    layout::save(&mut store, &mut session, &book).expect("saved");
    let (loaded, _) = layout::load(&store, "t2");
    assert_eq!(
        sorted(loaded.book),
        sorted(book.clone()),
        "every record comes back"
    );

    let before: Vec<String> = store.keys();
    book.cases[0].entries[7].subject = "Changed".into();
    book.cases[0].entries[7].updated = 10_000;
    layout::save(&mut store, &mut session, &book).expect("saved");
    let after: Vec<String> = store.keys();
    let new: Vec<&String> = after.iter().filter(|k| !before.contains(k)).collect();
    let gone: Vec<&String> = before.iter().filter(|k| !after.contains(k)).collect();
    assert_eq!(new.len(), 1, "one new part: {new:?}");
    assert_eq!(gone.len(), 1, "the part it replaced is removed: {gone:?}");
    assert!(storage.get_item(ROOT_KEY).expect("read").is_some());
    reset();
}

#[wasm_bindgen_test]
fn at_the_real_quota_a_save_is_all_or_nothing_and_a_smaller_change_still_saves() {
    reset();
    let mut store = store();
    let (_, mut session) = layout::load(&store, "t1");
    let mut book = sample_casebook(300);
    layout::save(&mut store, &mut session, &book).expect("saved");
    fill_quota(64);
    let stored_before = layout::raw_dump(&store);

    // Every entry changed at once: many parts, which cannot all fit.
    let mut big = book.clone();
    for entry in &mut big.cases[0].entries {
        entry.summary = "a long letter ".repeat(200);
        entry.updated = 50_000;
    }
    assert_eq!(
        layout::save(&mut store, &mut session, &big),
        Err(SaveError::Refused)
    );
    assert_eq!(
        layout::raw_dump(&store),
        stored_before,
        "nothing stored changed"
    );

    // Free a little (as deleting old items would), then a rename saves.
    for key in store
        .keys()
        .into_iter()
        .filter(|k| k.starts_with("filler-"))
        .take(1)
    {
        store.remove(&key);
    }
    book.cases[0].name = "Renamed".into();
    book.cases[0].updated = 60_000;
    layout::save(&mut store, &mut session, &book).expect("a small change saves");
    let (loaded, _) = layout::load(&store, "t2");
    assert_eq!(sorted(loaded.book), sorted(book));
    reset();
}
