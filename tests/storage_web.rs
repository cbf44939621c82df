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
            plan_status: PlanStatus::HasPlan,
            entries: (0..entries).map(entry).collect(),
            notes: Vec::new(),
            updated: 1,
            deleted: false,
        }],
        ..Casebook::default()
    }
}

#[wasm_bindgen_test]
fn the_casebook_round_trips_and_a_change_rewrites_only_its_chunk() {
    use send_casebook::storage::{load_casebook, save_casebook, SavedChunks, CASEBOOK_KEY};
    reset();
    let storage = local_storage();
    assert_eq!(load_casebook().map(|b| b.is_none()), Ok(true));
    let mut book = sample_casebook(200);
    let mut saved = SavedChunks::default();
    save_casebook(&book, &mut saved).expect("saved");
    let (loaded, _) = load_casebook().expect("readable").expect("present");
    let mut expected = book.clone();
    let mut got = loaded.clone();
    for b in [&mut expected, &mut got] {
        b.cases[0].entries.sort_by(|x, y| x.id.cmp(&y.id));
    }
    assert_eq!(got, expected, "every record comes back");

    // Mark every stored key, change one entry, save: only that entry's chunk and the list of
    // cases are written again.
    let keys: Vec<String> = (0..storage.length().expect("length"))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(CASEBOOK_KEY))
        .collect();
    for key in &keys {
        let value = storage.get_item(key).expect("read").expect("present");
        storage.set_item(key, &format!("{value} ")).expect("marked");
    }
    book.cases[0].entries[7].subject = "Changed".into();
    book.cases[0].entries[7].updated = 10_000;
    save_casebook(&book, &mut saved).expect("saved");
    let rewritten = keys
        .iter()
        .filter(|k| {
            !storage
                .get_item(k)
                .expect("read")
                .expect("present")
                .ends_with(' ')
        })
        .count();
    assert_eq!(rewritten, 2, "one chunk and the list of cases");
    reset();
}

#[wasm_bindgen_test]
fn an_unreadable_casebook_is_kept_aside_whole() {
    use send_casebook::storage::{load_casebook, CASEBOOK_KEY};
    reset();
    let storage = local_storage();
    storage.set_item(CASEBOOK_KEY, "{broken").expect("set");
    storage
        .set_item(&format!("{CASEBOOK_KEY}:case-1:entries:3"), "[]")
        .expect("set");
    assert!(matches!(
        load_casebook(),
        Err(StorageProblem::Unreadable { .. })
    ));
    let kept = storage
        .get_item(&format!("{CASEBOOK_KEY}:unreadable"))
        .expect("read")
        .expect("kept");
    let kept: serde_json::Value = serde_json::from_str(&kept).expect("JSON");
    assert_eq!(kept[CASEBOOK_KEY], "{broken");
    assert_eq!(kept[format!("{CASEBOOK_KEY}:case-1:entries:3")], "[]");
    reset();
}
