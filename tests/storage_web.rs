//! Browser tests of the storage layer (wasm-bindgen-test in headless Chromium, real local
//! storage): saving and loading "My dates", and unreadable data kept aside, never lost.
//! Run with `cargo test --target wasm32-unknown-unknown --test storage_web`.
#![cfg(target_arch = "wasm32")]

use send_casebook::domain::date_input::DateParts;
use send_casebook::domain::my_dates::{DateField, MyDatesForm, Situation};
use send_casebook::storage::{
    clear_my_dates, load_my_dates, save_my_dates, StorageProblem, MY_DATES_KEY,
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

#[wasm_bindgen_test]
fn a_saved_form_loads_back_exactly() {
    reset();
    assert_eq!(load_my_dates(), Ok(None), "nothing saved yet");
    let mut form = MyDatesForm {
        situation: Some(Situation::DraftPlan),
        submitted: true,
        ..MyDatesForm::default()
    };
    form.dates
        .insert(DateField::DraftServed, DateParts::new("1", "8", "2025"));
    save_my_dates(&form).expect("saved");
    assert_eq!(load_my_dates(), Ok(Some(form)));
    clear_my_dates();
    assert_eq!(load_my_dates(), Ok(None));
}

#[wasm_bindgen_test]
fn unreadable_data_is_kept_aside_and_a_second_failure_does_not_overwrite_it() {
    reset();
    let storage = local_storage();
    storage.set_item(MY_DATES_KEY, "{not json").expect("set");
    let kept_as = format!("{MY_DATES_KEY}:unreadable");
    assert_eq!(
        load_my_dates(),
        Err(StorageProblem::Unreadable {
            kept_as: kept_as.clone()
        })
    );
    assert_eq!(
        storage.get_item(&kept_as).expect("read"),
        Some("{not json".to_string())
    );

    storage.set_item(MY_DATES_KEY, "[1,2,3]").expect("set");
    assert!(load_my_dates().is_err());
    assert_eq!(
        storage.get_item(&kept_as).expect("read"),
        Some("{not json".to_string()),
        "the first copy stays"
    );
}

#[wasm_bindgen_test]
fn a_full_storage_quota_is_reported_and_the_saved_copy_is_untouched() {
    reset();
    let storage = local_storage();
    let mut form = MyDatesForm {
        situation: Some(Situation::DraftPlan),
        ..MyDatesForm::default()
    };
    save_my_dates(&form).expect("the first save fits");
    // Fill local storage to its quota (about 5 MB in Chromium) with junk under other keys,
    // halving the block each time it no longer fits, down to a single character.
    let mut size = 512 * 1024;
    let mut index = 0;
    while size > 0 {
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
    form.dates.insert(
        DateField::DraftServed,
        DateParts::new("1", "8", &"2".repeat(100_000)),
    );
    assert_eq!(save_my_dates(&form), Err(StorageProblem::NotSaved));
    let saved = load_my_dates()
        .expect("still readable")
        .expect("still there");
    assert_eq!(saved.situation, Some(Situation::DraftPlan));
    assert!(saved.dates.is_empty(), "the earlier save is unchanged");
    reset();
}
