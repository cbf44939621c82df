//! The record keeper's promises, tested by breaking storage on purpose (natively, against
//! `MemoryStore`): every save is all-or-nothing whichever write fails or is interrupted, a full
//! quota loses nothing and does not block smaller changes, deleting frees space, no tab
//! overwrites another, unreadable data is never written over, and the layout before
//! generations is read and carried over.

use chrono::NaiveDate;
use proptest::prelude::*;
use send_casebook::domain::backup::{self, ImportMode};
use send_casebook::domain::casebook::*;
use send_casebook::storage::layout::{
    self, load, raw_dump, save, start_afresh, ReadProblem, SaveError, Saved, Session, LEGACY_KEY,
    ROOT_KEY,
};
use send_casebook::storage::memory::MemoryStore;
use send_casebook::storage::KeyValueStore;

fn entry(id: &str, updated: Millis, text: &str) -> LogEntry {
    LogEntry {
        id: id.into(),
        date: NaiveDate::from_ymd_opt(2025, 6, 1).expect("date"),
        time: None,
        direction: Direction::Received,
        method: Method::Letter,
        party: Party::School,
        person: String::new(),
        subject: format!("Letter {id}"),
        summary: text.into(),
        promised: String::new(),
        promised_by: String::new(),
        promise_kept: false,
        follow_up: None,
        kept_where: String::new(),
        key_date: None,
        updated,
        deleted: false,
    }
}

fn note(id: &str, updated: Millis, body: &str) -> Note {
    Note {
        id: id.into(),
        date: NaiveDate::from_ymd_opt(2025, 6, 2).expect("date"),
        title: format!("Note {id}"),
        body: body.into(),
        updated,
        deleted: false,
    }
}

fn case(id: &str, updated: Millis, entries: usize) -> Case {
    Case {
        id: id.into(),
        name: format!("Child {id}"),
        school: "Oak Primary".into(),
        birth_date: None,
        contacts: String::new(),
        plan_status: PlanStatus::HasPlan,
        entries: (0..entries)
            .map(|i| {
                entry(
                    &format!("{id}-e{i}"),
                    updated,
                    "Said: the plan will be reviewed.",
                )
            })
            .collect(),
        notes: vec![note(
            &format!("{id}-n0"),
            updated,
            "Notes from the meeting.",
        )],
        updated,
        deleted: false,
    }
}

fn book(cases: Vec<Case>) -> Casebook {
    Casebook {
        cases,
        ..Casebook::default()
    }
}

/// The same records in a fixed order, for comparing.
fn normal(mut book: Casebook) -> Casebook {
    book.cases.sort_by(|a, b| a.id.cmp(&b.id));
    for case in &mut book.cases {
        case.entries.sort_by(|a, b| a.id.cmp(&b.id));
        case.notes.sort_by(|a, b| a.id.cmp(&b.id));
    }
    book.schema_version = SCHEMA_VERSION;
    book
}

fn stored(store: &MemoryStore) -> Casebook {
    let (loaded, _) = load(store, "reader");
    assert_eq!(loaded.problem, None, "stored records read back");
    normal(loaded.book)
}

fn saved(store: &mut MemoryStore, tab: &str, book: &Casebook) -> Session {
    let (_, mut session) = load(store, tab);
    save(store, &mut session, book).expect("saved");
    session
}

/// The first stored part of log entries (the keys name them `...:entries:...`).
fn an_entries_part(store: &MemoryStore) -> String {
    store
        .keys()
        .into_iter()
        .find(|k| k.contains(":entries:"))
        .expect("a part")
}

#[test]
fn a_casebook_reads_back_exactly_and_in_any_language() {
    let mut store = MemoryStore::new();
    let mut original = book(vec![case("a", 1, 120), case("b", 2, 3)]);
    original.cases[1].entries[0].summary = "Lettre reçue: 教育・健康・ケア計画 ✓ \u{1F600}".into();
    // A case's own fields, however they were added to the data model, are stored too.
    original.cases[1].birth_date = chrono::NaiveDate::from_ymd_opt(2016, 4, 9);
    original.cases[1].contacts = "SEN officer: Jo Bloggs, 01234 567890".into();
    original.last_backup = Some(5);
    saved(&mut store, "t1", &original);
    assert_eq!(stored(&store), normal(original));
}

/// A change, applied to what `before` holds.
type Change = fn(&mut Casebook);

fn changes() -> Vec<(&'static str, Change)> {
    vec![
        ("add an entry", |b| {
            b.cases[0].entries.push(entry("new-entry", 100, "Added"))
        }),
        ("edit every entry", |b| {
            for e in &mut b.cases[0].entries {
                e.summary = "Edited".into();
                e.updated = 100;
            }
        }),
        ("delete an entry", |b| {
            b.cases[0].delete_entry("a-e3", 100).expect("there");
        }),
        ("delete a case", |b| {
            b.delete_case("a", 100).expect("there");
        }),
        ("merge a backup", |b| {
            let file = book(vec![case("a", 90, 40), case("c", 90, 70)]);
            *b = backup::apply(b, &file, ImportMode::Merge, 100);
        }),
        ("replace with a backup", |b| {
            let file = book(vec![case("c", 90, 70)]);
            *b = backup::apply(b, &file, ImportMode::Replace, 100);
        }),
        ("undo a replace", |b| {
            let before = b.clone();
            let file = book(vec![case("c", 90, 70)]);
            let replaced = backup::replace(b, &file, 100);
            *b = backup::undo_replace(&replaced, &before, &replaced, 101);
        }),
        ("undo a deleted case", |b| {
            let gone = b.delete_case("a", 100).expect("there");
            b.undo_delete_case(gone, 101);
        }),
        ("undo a deleted entry", |b| {
            let gone = b.cases[0].delete_entry("a-e5", 100).expect("there");
            b.cases[0].undo_delete_entry(gone, 101);
        }),
    ]
}

/// For every change and every write N it makes: when write N is refused, or the tab dies
/// after write N, a reload shows the records before the change or after it, never a mix.
#[test]
fn every_save_is_all_or_nothing_whichever_write_fails() {
    for (what, change) in changes() {
        let before = book(vec![case("a", 1, 60), case("b", 1, 5)]);
        let mut after = before.clone();
        change(&mut after);
        // How many writes does this save make?
        let mut probe = MemoryStore::new();
        let session = saved(&mut probe, "t0", &before);
        probe.writes = 0;
        save(&mut probe, &mut session.clone(), &after).expect("saved");
        let writes = probe.writes;
        assert!(writes >= 1, "{what}");
        for n in 1..=writes + 1 {
            for crash in [false, true] {
                let mut store = MemoryStore::new();
                let mut session = saved(&mut store, "t0", &before);
                store.writes = 0;
                if crash {
                    store.crash_after = Some(n - 1);
                } else {
                    store.fail_at = Some(n);
                }
                let result = save(&mut store, &mut session, &after);
                store.heal();
                let now = stored(&store);
                if result.is_ok() {
                    assert_eq!(now, normal(after.clone()), "{what}: saved, write {n}");
                } else {
                    assert_eq!(result, Err(SaveError::Refused), "{what}");
                    assert!(
                        now == normal(before.clone()) || (crash && now == normal(after.clone())),
                        "{what}: write {n} failed (crash {crash}): a mix was stored"
                    );
                    if !crash {
                        assert_eq!(now, normal(before.clone()), "{what}: refused at {n}");
                    }
                }
                // And the next save, with nothing failing, stores the change.
                let (_, mut session) = load(&store, "t1");
                let result = save(&mut store, &mut session, &after).expect("saves now");
                let expected = match result {
                    Saved::Stored => normal(after.clone()),
                    Saved::Merged(m) => normal(m),
                };
                assert_eq!(stored(&store), expected, "{what}: saved after write {n}");
            }
        }
    }
}

#[test]
fn every_field_at_its_limit_in_any_script_is_stored_and_comes_back_in_a_backup() {
    use send_casebook::domain::limits::TextField;
    let at = |field: TextField, unit: &str| unit.repeat(field.limit());
    for unit in ["x", "é", "字", "😀"] {
        let mut c = case("a", 1, 1);
        c.name = at(TextField::CaseName, unit);
        c.school = at(TextField::School, unit);
        c.contacts = at(TextField::Contacts, unit);
        let e = &mut c.entries[0];
        e.person = at(TextField::Person, unit);
        e.subject = at(TextField::Subject, unit);
        e.summary = at(TextField::Summary, unit);
        e.promised = at(TextField::Promised, unit);
        e.promised_by = at(TextField::PromisedBy, unit);
        e.kept_where = at(TextField::KeptWhere, unit);
        c.notes[0].title = at(TextField::NoteTitle, unit);
        c.notes[0].body = at(TextField::NoteBody, unit);
        let b = book(vec![c]);
        let mut store = MemoryStore::new();
        saved(&mut store, "t", &b);
        assert_eq!(stored(&store), normal(b.clone()), "{unit}");
        let file = backup::export_json(&stored(&store), 1);
        let with_mark = format!("\u{feff}{file}");
        for text in [file, with_mark] {
            assert_eq!(
                backup::read_backup(text.as_bytes()).map(normal),
                Ok(normal(b.clone())),
                "{unit}"
            );
        }
    }
}

#[test]
fn a_change_too_big_for_the_quota_changes_nothing_and_smaller_changes_still_save() {
    let mut store = MemoryStore::with_quota(200_000);
    let mut book_now = book(vec![case("a", 1, 50)]);
    let mut session = saved(&mut store, "t", &book_now);
    let snapshot = store.snapshot();

    let mut too_big = book_now.clone();
    too_big.cases[0]
        .notes
        .push(note("big", 10, &"x".repeat(250_000)));
    assert_eq!(
        save(&mut store, &mut session, &too_big),
        Err(SaveError::Refused)
    );
    assert_eq!(store.snapshot(), snapshot, "nothing stored was touched");
    // The message says how much is used, and by which case.
    let usage = layout::usage(&store);
    assert_eq!(usage.total, store.used());
    assert_eq!(usage.by_case.len(), 1);
    assert_eq!(usage.by_case[0].0, "a");
    assert!(usage.by_case[0].1 > usage.total / 2);

    // The parent renames the case: that saves, and the big note is not in it.
    book_now.cases[0].name = "Renamed".into();
    book_now.cases[0].updated = 11;
    save(&mut store, &mut session, &book_now).expect("a small change fits");
    assert_eq!(stored(&store), normal(book_now));
}

#[test]
fn deleting_frees_the_space_and_keeps_no_text() {
    let mut store = MemoryStore::new();
    let mut b = book(vec![case("a", 1, 5)]);
    let mut session = saved(&mut store, "t", &b);
    let small = store.used();
    b.cases[0]
        .notes
        .push(note("long", 2, &"letter ".repeat(20_000)));
    save(&mut store, &mut session, &b).expect("saved");
    assert!(store.used() > small + 100_000);
    b.cases[0].delete_note("long", 3).expect("deleted");
    save(&mut store, &mut session, &b).expect("saved");
    assert!(
        store.used() < small + 500,
        "used {} vs {small}",
        store.used()
    );
    let dump = raw_dump(&store);
    assert!(!dump.contains("letter letter"), "no text kept: {dump}");

    // A whole case: nothing of it stays but its tombstone in the list of cases.
    b.delete_case("a", 4).expect("deleted");
    save(&mut store, &mut session, &b).expect("saved");
    let dump = raw_dump(&store);
    assert!(
        !dump.contains("Oak Primary") && !dump.contains("Said:"),
        "{dump}"
    );
    assert_eq!(store.keys(), vec![ROOT_KEY.to_string()]);
}

#[test]
fn a_stale_tab_merges_instead_of_overwriting() {
    let mut store = MemoryStore::new();
    let start = book(vec![case("a", 1, 3)]);
    saved(&mut store, "first", &start);
    let (_, mut tab_a) = load(&store, "a");
    let (_, mut tab_b) = load(&store, "b");

    let mut a = start.clone();
    a.cases[0].entries.push(entry("from-a", 10, "A"));
    assert_eq!(save(&mut store, &mut tab_a, &a), Ok(Saved::Stored));

    // Tab B never heard of A's save (no storage event): its save must still keep A's entry.
    let mut b = start.clone();
    b.cases[0].entries.push(entry("from-b", 11, "B"));
    let Ok(Saved::Merged(merged)) = save(&mut store, &mut tab_b, &b) else {
        panic!("B merges");
    };
    let ids: Vec<String> = stored(&store).cases[0]
        .entries
        .iter()
        .map(|e| e.id.clone())
        .collect();
    assert!(ids.contains(&"from-a".into()) && ids.contains(&"from-b".into()));
    assert_eq!(normal(merged), stored(&store));

    // And B deleting the case wins over A's older copy.
    let mut b2 = stored(&store);
    b2.delete_case("a", 20).expect("there");
    save(&mut store, &mut tab_b, &b2).expect("saved");
    let mut a2 = a.clone();
    a2.cases[0].name = "Older rename".into();
    a2.cases[0].updated = 15;
    save(&mut store, &mut tab_a, &a2).expect("saved");
    assert!(stored(&store).case("a").is_none());
}

#[test]
fn records_cleared_in_another_tab_are_not_written_back_silently() {
    let mut store = MemoryStore::new();
    let b = book(vec![case("a", 1, 3)]);
    let mut session = saved(&mut store, "t", &b);
    for key in store.keys() {
        store.remove(&key);
    }
    assert!(layout::cleared_elsewhere(&store, &session));
    assert_eq!(
        save(&mut store, &mut session, &b),
        Err(SaveError::ClearedElsewhere)
    );
    assert!(store.keys().is_empty());
    // The parent chooses to keep them: a fresh session writes them back.
    let mut fresh = Session::new("t2");
    save(&mut store, &mut fresh, &b).expect("saved");
    assert_eq!(stored(&store), normal(b));
}

#[test]
fn unreadable_parts_are_reported_never_written_over_and_offered_as_a_file() {
    let mut store = MemoryStore::new();
    let b = book(vec![case("a", 1, 200)]);
    saved(&mut store, "t", &b);
    let part = an_entries_part(&store);
    let text = store.get(&part).expect("text");
    store
        .set(&part, &text[..text.len() / 2])
        .expect("truncated");
    let snapshot = store.snapshot();

    let (loaded, mut session) = load(&store, "t2");
    let Some(ReadProblem::Damaged { count }) = loaded.problem else {
        panic!("reported");
    };
    assert_eq!(count, 1);
    let readable = loaded.book.cases[0].entries.len();
    assert!(readable > 150 && readable < 200, "{readable} readable");

    let mut changed = loaded.book.clone();
    changed.cases[0].name = "New".into();
    changed.cases[0].updated = 5;
    assert!(matches!(
        save(&mut store, &mut session, &changed),
        Err(SaveError::Unreadable(_))
    ));
    assert_eq!(store.snapshot(), snapshot, "nothing written");
    let dump: serde_json::Value = serde_json::from_str(&raw_dump(&store)).expect("JSON");
    assert_eq!(
        dump[&part],
        serde_json::Value::String(text[..text.len() / 2].to_string())
    );

    // After the file is saved: start afresh with what could be read.
    let file = raw_dump(&store);
    start_afresh(&mut store, "t3", &loaded.book, &file)
        .0
        .expect("fits");
    assert_eq!(stored(&store), normal(loaded.book));
}

/// A part that is whole JSON but holds one record of the wrong shape (an impossible date, a
/// field of the wrong type) loses that record only: the rest are read one by one.
#[test]
fn a_record_of_the_wrong_shape_loses_only_itself() {
    for bad in [
        serde_json::json!("2025-02-30"),
        serde_json::json!(7),
        serde_json::Value::Null,
    ] {
        let mut store = MemoryStore::new();
        let b = book(vec![case("a", 1, 40)]);
        saved(&mut store, "t", &b);
        // The part holding the most records.
        let part = store
            .keys()
            .into_iter()
            .filter(|k| k.contains(":entries:"))
            .max_by_key(|k| store.get(k).map_or(0, |t| t.matches("\"id\"").count()))
            .expect("a part");
        let mut records: Vec<serde_json::Value> =
            serde_json::from_str(&store.get(&part).expect("text")).expect("JSON");
        let in_part = records.len();
        assert!(in_part > 1, "{in_part} records in the part");
        let lost = records[0]["id"].as_str().expect("id").to_string();
        records[0]["date"] = bad.clone();
        store
            .set(&part, &serde_json::to_string(&records).expect("text"))
            .expect("set");

        let (loaded, _) = load(&store, "t2");
        assert_eq!(
            loaded.problem,
            Some(ReadProblem::Damaged { count: 1 }),
            "{bad}"
        );
        let ids: Vec<&str> = loaded.book.cases[0]
            .entries
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids.len(), 39, "{bad}: every other record is read");
        assert!(!ids.contains(&lost.as_str()));
    }
}

#[test]
fn a_newer_version_is_left_alone() {
    let mut store = MemoryStore::new();
    store
        .set(
            ROOT_KEY,
            r#"{"layout":3,"generation":9,"writer":"x","whatever":true}"#,
        )
        .expect("set");
    let (loaded, mut session) = load(&store, "t");
    assert_eq!(loaded.problem, Some(ReadProblem::Newer));
    assert!(matches!(
        save(&mut store, &mut session, &book(vec![case("a", 1, 1)])),
        Err(SaveError::Unreadable(ReadProblem::Newer))
    ));
    assert_eq!(store.keys(), vec![ROOT_KEY.to_string()]);
}

/// The layout written before generations: a manifest and parts at fixed keys.
fn write_legacy(store: &mut MemoryStore, b: &Casebook) {
    let mut manifest = b.clone();
    for case in &mut manifest.cases {
        for e in std::mem::take(&mut case.entries) {
            let key = format!(
                "{LEGACY_KEY}:{}:entries:{}",
                case.id,
                layout::chunk_of(&e.id)
            );
            let mut part: Vec<LogEntry> = store
                .get(&key)
                .map(|t| serde_json::from_str(&t).expect("part"))
                .unwrap_or_default();
            part.push(e);
            store
                .set(&key, &serde_json::to_string(&part).expect("json"))
                .expect("set");
        }
        for n in std::mem::take(&mut case.notes) {
            let key = format!("{LEGACY_KEY}:{}:notes:{}", case.id, layout::chunk_of(&n.id));
            let mut part: Vec<Note> = store
                .get(&key)
                .map(|t| serde_json::from_str(&t).expect("part"))
                .unwrap_or_default();
            part.push(n);
            store
                .set(&key, &serde_json::to_string(&part).expect("json"))
                .expect("set");
        }
    }
    store
        .set(LEGACY_KEY, &serde_json::to_string(&manifest).expect("json"))
        .expect("set");
}

#[test]
fn records_in_the_old_layout_are_read_and_carried_over() {
    let mut store = MemoryStore::new();
    let mut old = book(vec![case("a", 1, 40), case("b", 1, 2)]);
    // A deleted entry of the old layout kept its text: it goes on the next save.
    old.cases[0].entries[0].deleted = true;
    old.cases[0].entries[0].updated = 2;
    write_legacy(&mut store, &old);
    let (loaded, mut session) = load(&store, "t");
    assert_eq!(loaded.problem, None);
    let mut expected = old.clone();
    expected.cases[0].entries[0].scrub();
    assert_eq!(normal(loaded.book.clone()), normal(expected.clone()));

    let mut next = loaded.book.clone();
    next.cases[1]
        .entries
        .push(entry("new", 5, "after the update"));
    save(&mut store, &mut session, &next).expect("saved");
    assert!(store.get(LEGACY_KEY).is_none(), "old manifest gone");
    assert_eq!(stored(&store), normal(next.clone()));
    assert!(
        !raw_dump(&store).contains(&old.cases[0].entries[0].summary) || {
            // The summary text is shared by live entries; the deleted one's subject is unique.
            !raw_dump(&store).contains("\"Letter a-e0\"")
        }
    );

    // An old tab still open writes the old layout again: its records are merged, not lost.
    let mut old_tab = old.clone();
    old_tab.cases[0]
        .entries
        .push(entry("from-old-tab", 6, "old tab"));
    write_legacy(&mut store, &old_tab);
    let now = stored(&store);
    assert!(now
        .cases
        .iter()
        .any(|c| c.entries.iter().any(|e| e.id == "from-old-tab")));
    assert!(now
        .cases
        .iter()
        .any(|c| c.entries.iter().any(|e| e.id == "new")));
}

#[test]
fn the_largest_part_of_a_full_store_still_saves_after_a_refusal() {
    // One change too big never blocks: after a refusal, each smaller change saves.
    let mut store = MemoryStore::with_quota(60_000);
    let mut b = book(vec![case("a", 1, 10)]);
    let mut session = saved(&mut store, "t", &b);
    for i in 0..200 {
        let mut next = b.clone();
        next.cases[0]
            .entries
            .push(entry(&format!("x{i}"), 10 + i, &"y".repeat(500)));
        match save(&mut store, &mut session, &next) {
            Ok(_) => b = next,
            Err(SaveError::Refused) => break,
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(stored(&store), normal(b.clone()), "full, and intact");
    b.cases[0].name = "Renamed when full".into();
    b.cases[0].updated = 1_000;
    save(&mut store, &mut session, &b).expect("a rename still saves when full");
    assert_eq!(stored(&store), normal(b));
}

#[derive(Debug, Clone)]
enum Op {
    Add {
        tab: usize,
        case: usize,
    },
    Edit {
        tab: usize,
        pick: usize,
    },
    Delete {
        tab: usize,
        pick: usize,
    },
    DeleteCase {
        tab: usize,
        case: usize,
    },
    AddCase {
        tab: usize,
    },
    Import {
        tab: usize,
        replace: bool,
    },
    /// The tab reloads: reads what is stored afresh.
    Reload {
        tab: usize,
    },
}

fn op() -> impl Strategy<Value = (Op, Option<usize>, bool)> {
    let tab = 0usize..2;
    let op = prop_oneof![
        (tab.clone(), 0usize..3).prop_map(|(tab, case)| Op::Add { tab, case }),
        (tab.clone(), 0usize..50).prop_map(|(tab, pick)| Op::Edit { tab, pick }),
        (tab.clone(), 0usize..50).prop_map(|(tab, pick)| Op::Delete { tab, pick }),
        (tab.clone(), 0usize..3).prop_map(|(tab, case)| Op::DeleteCase { tab, case }),
        tab.clone().prop_map(|tab| Op::AddCase { tab }),
        (tab.clone(), any::<bool>()).prop_map(|(tab, replace)| Op::Import { tab, replace }),
        tab.prop_map(|tab| Op::Reload { tab }),
    ];
    (op, proptest::option::of(1usize..6), any::<bool>())
}

struct Tab {
    book: Casebook,
    session: Session,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Two tabs make random changes, some saves fail at a random write (refused, or the tab
    /// dies there). After each step: whatever each save reported as done is in the store
    /// (unless a later change reported as done replaced it), and what the store holds is
    /// exactly the merge of the saves reported as done: nothing half-written.
    #[test]
    fn two_tabs_with_failing_writes_never_lose_a_reported_save(steps in proptest::collection::vec(op(), 1..25)) {
        let mut store = MemoryStore::new();
        let start = book(vec![case("c0", 1, 4)]);
        saved(&mut store, "setup", &start);
        let mut tabs: Vec<Tab> = (0..2).map(|i| {
            let (loaded, session) = load(&store, &format!("tab{i}"));
            Tab { book: loaded.book, session }
        }).collect();
        let mut clock: Millis = 10;
        let mut model = start.clone();
        for (step, (op, fail, crash)) in steps.into_iter().enumerate() {
            clock += 1;
            let t = match &op { Op::Add{tab,..}|Op::Edit{tab,..}|Op::Delete{tab,..}|Op::DeleteCase{tab,..}|Op::AddCase{tab}|Op::Import{tab,..}|Op::Reload{tab} => *tab };
            let mut next = tabs[t].book.clone();
            let live: Vec<String> = next.live_cases().map(|c| c.id.clone()).collect();
            match op {
                Op::Reload { .. } => {
                    let (loaded, session) = load(&store, &format!("tab{t}r{step}"));
                    prop_assert_eq!(loaded.problem, None);
                    tabs[t] = Tab { book: loaded.book, session };
                    continue;
                }
                Op::Add { case, .. } => {
                    if let Some(id) = live.get(case % live.len().max(1)) {
                        let c = next.case_mut(id).expect("live");
                        c.entries.push(entry(&format!("s{step}"), clock, "added"));
                    }
                }
                Op::Edit { pick, .. } => {
                    let all: Vec<(String, String)> = next.live_cases().flat_map(|c| c.live_entries().map(|e| (c.id.clone(), e.id.clone())).collect::<Vec<_>>()).collect();
                    if let Some((c, e)) = all.get(pick % all.len().max(1)) {
                        let case = next.case_mut(c).expect("live");
                        let entry = case.entries.iter_mut().find(|x| &x.id == e).expect("there");
                        entry.summary = format!("edited at {clock}");
                        entry.updated = clock;
                    }
                }
                Op::Delete { pick, .. } => {
                    let all: Vec<(String, String)> = next.live_cases().flat_map(|c| c.live_entries().map(|e| (c.id.clone(), e.id.clone())).collect::<Vec<_>>()).collect();
                    if let Some((c, e)) = all.get(pick % all.len().max(1)) {
                        next.case_mut(c).expect("live").delete_entry(e, clock);
                    }
                }
                Op::DeleteCase { case, .. } => {
                    if let Some(id) = live.get(case % live.len().max(1)) {
                        next.delete_case(id, clock);
                    }
                }
                Op::AddCase { .. } => {
                    next.cases.push(case(&format!("k{step}"), clock, 3));
                }
                Op::Import { replace, .. } => {
                    let file = book(vec![case(&format!("f{step}"), clock, 2)]);
                    let mode = if replace { ImportMode::Replace } else { ImportMode::Merge };
                    next = backup::apply(&next, &file, mode, clock);
                }
            }
            if let Some(n) = fail {
                store.writes = 0;
                if crash { store.crash_after = Some(n - 1) } else { store.fail_at = Some(n) }
            }
            let result = save(&mut store, &mut tabs[t].session, &next);
            store.heal();
            match result {
                Ok(Saved::Stored) => {
                    model = merge(&next, &model);
                    tabs[t].book = next;
                }
                Ok(Saved::Merged(m)) => {
                    model = merge(&next, &model);
                    tabs[t].book = m;
                }
                Err(SaveError::Refused) => {
                    if crash {
                        // The tab died: it comes back by reloading.
                        let (loaded, session) = load(&store, &format!("tab{t}x{step}"));
                        prop_assert_eq!(loaded.problem, None);
                        // A crash after the switch stored the change: count it if it is there.
                        if normal(loaded.book.clone()) == normal(merge(&next, &model)) {
                            model = merge(&next, &model);
                        }
                        tabs[t] = Tab { book: loaded.book, session };
                    }
                }
                Err(other) => prop_assert!(false, "unexpected {:?}", other),
            }
            prop_assert_eq!(stored(&store), normal(model.clone()), "after step {}", step);
            // Each tab reading only what changed since it last read or wrote sees exactly what
            // a full read sees.
            for tab in &tabs {
                let (changes, _) = layout::load_changes(&store, "peek", &tab.session, &tab.book);
                prop_assert_eq!(changes.problem, None);
                prop_assert_eq!(normal(changes.book), stored(&store), "cheap read after step {}", step);
            }
        }
    }
}

#[test]
fn a_root_naming_a_part_another_tab_removed_reads_the_newest_part_instead() {
    // Two tabs switch at the same moment: the root that lands last names a part the other tab
    // had already replaced and removed.
    let mut store = MemoryStore::new();
    let start = book(vec![case("a", 1, 30)]);
    saved(&mut store, "first", &start);
    let old_root = store.get(ROOT_KEY).expect("root");
    let (_, mut tab_a) = load(&store, "a");
    let (_, mut tab_b) = load(&store, "b");
    let (_, tab_c) = load(&store, "c");
    let mut a = start.clone();
    a.cases[0].entries[0].summary = "changed in tab A".into();
    a.cases[0].entries[0].updated = 50;
    save(&mut store, &mut tab_a, &a).expect("saved");
    store
        .set(ROOT_KEY, &old_root)
        .expect("tab B's root lands last");
    let (loaded, _) = load(&store, "reader");
    assert_eq!(loaded.problem, None, "nothing reported damaged");
    assert_eq!(
        normal(loaded.book),
        normal(a.clone()),
        "tab A's change is read"
    );

    // Tab B (whose root that is) saves again, and a tab that held the old part reads cheaply:
    // nothing of A's change or of the part is lost.
    let mut b = start.clone();
    b.cases[0].notes[0].body = "changed in tab B".into();
    b.cases[0].notes[0].updated = 60;
    save(&mut store, &mut tab_b, &b).expect("saved");
    let now = stored(&store);
    let case_now = now.case("a").expect("case");
    assert_eq!(case_now.entries.len(), 30);
    assert!(case_now
        .entries
        .iter()
        .any(|e| e.summary == "changed in tab A"));
    assert_eq!(case_now.notes[0].body, "changed in tab B");
    let (cheap, _) = layout::load_changes(&store, "c", &tab_c, &start);
    assert_eq!(normal(cheap.book), now);
}

#[test]
fn old_layout_problems_are_reported_and_its_kept_aside_copy_is_never_removed() {
    let mut store = MemoryStore::new();
    let old = book(vec![case("a", 1, 5)]);
    write_legacy(&mut store, &old);
    let kept = format!("{LEGACY_KEY}:unreadable");
    store
        .set(&kept, "{\"records the old version could not read\"")
        .expect("set");
    let (_, mut session) = load(&store, "t");
    save(&mut store, &mut session, &old).expect("saved");
    assert!(store.get(&kept).is_some(), "the old copy kept aside stays");
    assert!(raw_dump(&store).contains("records the old version could not read"));

    // A damaged old manifest is reported, and nothing of the old layout is removed.
    let mut store = MemoryStore::new();
    write_legacy(&mut store, &old);
    store
        .set(LEGACY_KEY, "{\"schema_version\":1,\"cases\":[")
        .expect("damaged");
    let before = store.snapshot();
    let (loaded, mut session) = load(&store, "t");
    assert!(matches!(loaded.problem, Some(ReadProblem::Damaged { .. })));
    assert!(save(&mut store, &mut session, &old).is_err());
    assert_eq!(store.snapshot(), before);
}

#[test]
fn a_tab_that_read_only_the_old_layout_does_not_write_back_what_was_cleared() {
    let mut store = MemoryStore::new();
    let old = book(vec![case("a", 1, 5)]);
    write_legacy(&mut store, &old);
    let (loaded, mut session) = load(&store, "t");
    for key in store.keys() {
        store.remove(&key);
    }
    assert!(layout::cleared_elsewhere(&store, &session));
    assert_eq!(
        save(&mut store, &mut session, &loaded.book),
        Err(SaveError::ClearedElsewhere)
    );
    assert!(store.keys().is_empty());
}

#[test]
fn starting_afresh_writes_first_and_keeps_old_copies_aside() {
    let mut store = MemoryStore::new();
    let b = book(vec![case("a", 1, 40)]);
    saved(&mut store, "t", &b);
    let kept = format!("{LEGACY_KEY}:unreadable");
    store.set(&kept, "old").expect("set");
    let part = an_entries_part(&store);
    store.set(&part, "[{damaged-marker").expect("damaged");
    let (loaded, _) = load(&store, "t2");
    assert!(loaded.problem.is_some());
    // Interrupted after its first write: what was stored still reads as before.
    let mut crashing = store.clone();
    crashing.crash_after = Some(1);
    let file = raw_dump(&store);
    let _ = start_afresh(&mut crashing, "t3", &loaded.book, &file);
    crashing.heal();
    assert!(
        raw_dump(&crashing).contains("[{"),
        "nothing removed before the new start was stored"
    );
    start_afresh(&mut store, "t3", &loaded.book, &file)
        .0
        .expect("fits");
    assert_eq!(stored(&store), normal(loaded.book));
    assert_eq!(store.get(&kept).as_deref(), Some("old"));
    assert!(!raw_dump(&store).contains("damaged-marker"));
}

/// Two tabs showed the same damaged records. One started afresh and the parent went on adding
/// records there; the other, still showing its old copy, starts afresh later: it must not wipe
/// what the first stored since.
#[test]
fn starting_afresh_in_a_second_tab_keeps_what_the_first_stored_since() {
    let mut store = MemoryStore::new();
    let b = book(vec![case("a", 1, 40)]);
    saved(&mut store, "t", &b);
    let part = an_entries_part(&store);
    store.set(&part, "[{damaged").expect("damaged");
    let (first, _) = load(&store, "t1");
    let (second, _) = load(&store, "t2");
    assert!(first.problem.is_some() && second.problem.is_some());

    let file = raw_dump(&store);
    let (started, stored_first) = start_afresh(&mut store, "t1", &first.book, &file);
    let mut session = started.expect("fits");
    assert_eq!(normal(stored_first.clone()), normal(first.book.clone()));
    let mut more = stored_first;
    more.cases[0].name = "Renamed later".into();
    more.cases[0].updated = 50;
    more.cases[0]
        .entries
        .push(entry("new-after-afresh", 60, "typed in the first tab"));
    save(&mut store, &mut session, &more).expect("saved");

    // The second tab's file was saved before the first started afresh: its text no longer
    // matches, but the store reads cleanly now, so this is a normal, merging save.
    let (started, stored_second) = start_afresh(&mut store, "t2", &second.book, &file);
    started.expect("fits");
    assert_eq!(
        stored(&store),
        normal(more.clone()),
        "nothing the first tab stored is lost"
    );
    assert_eq!(normal(stored_second), normal(more));
}

/// Start afresh never clears what the parent has not got in their file: damaged data written
/// after the file was saved, or records from a newer version of the app.
#[test]
fn starting_afresh_clears_nothing_the_saved_file_does_not_hold() {
    let mut store = MemoryStore::new();
    let b = book(vec![case("a", 1, 40), case("b", 1, 3)]);
    saved(&mut store, "t", &b);
    let parts: Vec<String> = store
        .keys()
        .into_iter()
        .filter(|k| k.contains(":entries:"))
        .collect();
    store.set(&parts[0], "[{damaged").expect("damaged");
    let (loaded, _) = load(&store, "t2");
    let file = raw_dump(&store);
    // Another tab (an old copy of the app, say) damages another part after the file was saved.
    store.set(&parts[1], "[{also damaged").expect("damaged");
    let snapshot = store.snapshot();
    let (started, shown) = start_afresh(&mut store, "t2", &loaded.book, &file);
    assert!(matches!(
        started,
        Err(SaveError::Unreadable(ReadProblem::Damaged { .. }))
    ));
    assert_eq!(store.snapshot(), snapshot, "nothing written or removed");
    assert!(
        shown.cases.iter().any(|c| c.id == "b"),
        "what could be read is shown"
    );
    // With the file saved again, it goes ahead.
    let file = raw_dump(&store);
    start_afresh(&mut store, "t2", &loaded.book, &file)
        .0
        .expect("fits");
    assert!(!raw_dump(&store).contains("damaged"));

    // A newer version's records: left alone.
    let mut store = MemoryStore::new();
    saved(&mut store, "t", &b);
    let mut root: serde_json::Value =
        serde_json::from_str(&store.get(ROOT_KEY).expect("root")).expect("JSON");
    root["layout"] = serde_json::json!(99);
    store.set(ROOT_KEY, &root.to_string()).expect("set");
    let snapshot = store.snapshot();
    let file = raw_dump(&store);
    let (started, _) = start_afresh(&mut store, "t3", &b, &file);
    assert!(matches!(
        started,
        Err(SaveError::Unreadable(ReadProblem::Newer))
    ));
    assert_eq!(
        store.snapshot(),
        snapshot,
        "a newer version's records untouched"
    );
}

#[test]
fn a_newer_root_without_this_layouts_fields_is_newer_not_damaged() {
    let mut store = MemoryStore::new();
    let (_, mut session) = load(&store, "t");
    store
        .set(ROOT_KEY, r#"{"layout":7,"something":"else"}"#)
        .expect("set");
    assert_eq!(
        save(&mut store, &mut session, &book(vec![case("a", 1, 1)])),
        Err(SaveError::Unreadable(ReadProblem::Newer))
    );
}

/// A store where "another tab" switches the root while this tab writes its parts, the first
/// `times` times: what two tabs saving as fast as a parent types look like.
struct Contended {
    inner: MemoryStore,
    times: usize,
    other: Session,
    other_book: Casebook,
}

impl KeyValueStore for Contended {
    fn get(&self, key: &str) -> Option<String> {
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), send_casebook::storage::Refused> {
        if self.times > 0 && key.contains('@') {
            self.times -= 1;
            // The other tab saves a small change of its own, whole, in between.
            let c = &mut self.other_book.cases[0];
            c.name = format!("Renamed {}", self.times);
            c.updated += 1;
            save(&mut self.inner, &mut self.other, &self.other_book).expect("the other tab saves");
        }
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) {
        self.inner.remove(key)
    }
    fn keys(&self) -> Vec<String> {
        self.inner.keys()
    }
}

#[test]
fn a_save_that_keeps_meeting_other_tabs_retries_then_says_so_and_changes_nothing() {
    for (times, expect_saved) in [(3, true), (100, false)] {
        let mut inner = MemoryStore::new();
        let start = book(vec![case("a", 1, 10)]);
        saved(&mut inner, "first", &start);
        let (_, mine) = load(&inner, "mine");
        let (_, other) = load(&inner, "other");
        let mut store = Contended {
            inner,
            times,
            other,
            other_book: start.clone(),
        };
        let mut session = mine;
        let mut b = start.clone();
        b.cases[0]
            .entries
            .push(entry("mine", 500, "typed in this tab"));
        let result = save(&mut store, &mut session, &b);
        let now = stored(&store.inner);
        let has_mine = now.cases[0].entries.iter().any(|e| e.id == "mine");
        if expect_saved {
            assert!(matches!(result, Ok(Saved::Merged(_))), "{result:?}");
            assert!(
                has_mine && now.cases[0].name.starts_with("Renamed"),
                "both kept"
            );
        } else {
            assert_eq!(result, Err(SaveError::Busy));
            assert!(!has_mine, "nothing half-stored");
            assert!(
                now.cases[0].name.starts_with("Renamed"),
                "the other tab's saves stand"
            );
        }
    }
}
