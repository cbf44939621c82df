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

/// Records are spread over this many keys per case and kind, so that a change rewrites only
/// the small part it touches: one 4 MB value takes local storage 30 to 60 ms to write.
pub const CHUNKS: u64 = 32;

/// FNV-1a, so every version of the app puts a record in the same chunk.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub fn chunk_of(record_id: &str) -> u64 {
    fnv1a(record_id) % CHUNKS
}

fn chunk_key(case_id: &str, kind: &str, chunk: u64) -> String {
    format!("{CASEBOOK_KEY}:{case_id}:{kind}:{chunk}")
}

/// What was last written under each chunk key, as a fingerprint of its records' ids and change
/// times, so that a save writes only the chunks that changed.
#[derive(Debug, Default, Clone)]
pub struct SavedChunks(std::collections::HashMap<String, u64>);

fn fingerprint<'a>(records: impl Iterator<Item = (&'a str, i64, bool)>) -> u64 {
    records.fold(0xcbf2_9ce4_8422_2325, |hash, (id, updated, deleted)| {
        let mixed = fnv1a(id) ^ (updated as u64).rotate_left(17) ^ u64::from(deleted);
        (hash ^ mixed).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One chunk to store: its key, its fingerprint, and how to write its JSON (only called when
/// the fingerprint changed).
type Chunk<'a> = (String, u64, Box<dyn Fn() -> String + 'a>);

/// The casebook's chunks.
fn chunks(casebook: &Casebook) -> Vec<Chunk<'_>> {
    use crate::domain::casebook::{LogEntry, Note};
    let mut out: Vec<Chunk<'_>> = Vec::new();
    for case in &casebook.cases {
        // One pass to sort the records into their chunks.
        let mut entries: Vec<Vec<&LogEntry>> = vec![Vec::new(); CHUNKS as usize];
        for entry in &case.entries {
            entries[chunk_of(&entry.id) as usize].push(entry);
        }
        let mut notes: Vec<Vec<&Note>> = vec![Vec::new(); CHUNKS as usize];
        for note in &case.notes {
            notes[chunk_of(&note.id) as usize].push(note);
        }
        for (chunk, (entries, notes)) in entries.into_iter().zip(notes).enumerate() {
            let chunk = chunk as u64;
            let entries_print = fingerprint(
                entries
                    .iter()
                    .map(|e| (e.id.as_str(), e.updated, e.deleted)),
            );
            let notes_print =
                fingerprint(notes.iter().map(|n| (n.id.as_str(), n.updated, n.deleted)));
            out.push((
                chunk_key(&case.id, "entries", chunk),
                entries_print,
                Box::new(move || serde_json::to_string(&entries).unwrap_or_default()),
            ));
            out.push((
                chunk_key(&case.id, "notes", chunk),
                notes_print,
                Box::new(move || serde_json::to_string(&notes).unwrap_or_default()),
            ));
        }
    }
    out
}

/// Keeps every stored part of an unreadable casebook aside, as one JSON object of key to
/// stored text, under `{CASEBOOK_KEY}:unreadable` (the first such copy is never overwritten).
fn keep_casebook_aside() -> StorageProblem {
    let kept_as = format!("{CASEBOOK_KEY}:unreadable");
    let storage = LocalStorage::raw();
    if storage.get_item(&kept_as).ok().flatten().is_none() {
        let length = storage.length().unwrap_or(0);
        let parts: serde_json::Map<String, serde_json::Value> = (0..length)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| is_casebook_key(key) && *key != kept_as)
            .filter_map(|key| {
                let value = storage.get_item(&key).ok().flatten()?;
                Some((key, serde_json::Value::String(value)))
            })
            .collect();
        let text = serde_json::to_string(&parts).unwrap_or_default();
        let _ = storage.set_item(&kept_as, &text);
    }
    StorageProblem::Unreadable { kept_as }
}

/// The stored casebook, brought up to the current format, and what is stored of it.
pub fn load_casebook() -> Result<Option<(Casebook, SavedChunks)>, StorageProblem> {
    let storage = LocalStorage::raw();
    let raw = match storage.get_item(CASEBOOK_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Ok(None),
        Err(_) => return Err(StorageProblem::NotSaved),
    };
    let mut value: serde_json::Value =
        serde_json::from_str(&raw).map_err(|_| keep_casebook_aside())?;
    // Put each case's records back from their chunks before reading the whole.
    if let Some(cases) = value.get_mut("cases").and_then(|c| c.as_array_mut()) {
        for case in cases.iter_mut() {
            let Some(id) = case.get("id").and_then(|i| i.as_str()).map(String::from) else {
                continue;
            };
            for kind in ["entries", "notes"] {
                // Records written inline (by a build before chunking) are kept as well.
                let mut records = case
                    .get(kind)
                    .and_then(|r| r.as_array())
                    .cloned()
                    .unwrap_or_default();
                for chunk in 0..CHUNKS {
                    if let Ok(Some(text)) = storage.get_item(&chunk_key(&id, kind, chunk)) {
                        match serde_json::from_str::<Vec<serde_json::Value>>(&text) {
                            Ok(part) => records.extend(part),
                            Err(_) => return Err(keep_casebook_aside()),
                        }
                    }
                }
                if let Some(object) = case.as_object_mut() {
                    object.insert(kind.to_string(), serde_json::Value::Array(records));
                }
            }
        }
    }
    let casebook = migrate(value).map_err(|_| keep_casebook_aside())?;
    let saved = SavedChunks(
        chunks(&casebook)
            .into_iter()
            .map(|(key, print, _)| (key, print))
            .collect(),
    );
    Ok(Some((casebook, saved)))
}

/// Saves the casebook, writing only the chunks that changed, then the list of cases. If the
/// storage is full, what was written before stays as it was and the problem is returned.
pub fn save_casebook(casebook: &Casebook, saved: &mut SavedChunks) -> Result<(), StorageProblem> {
    let storage = LocalStorage::raw();
    for (key, print, json) in chunks(casebook) {
        if saved.0.get(&key) == Some(&print) {
            continue;
        }
        storage
            .set_item(&key, &json())
            .map_err(|_| StorageProblem::NotSaved)?;
        saved.0.insert(key, print);
    }
    // The list of cases, without their records (those are in the chunks). Built field by
    // field: cloning the whole casebook here would copy every record on every save.
    let cases: Vec<crate::domain::casebook::Case> = casebook
        .cases
        .iter()
        .map(|c| crate::domain::casebook::Case {
            id: c.id.clone(),
            name: c.name.clone(),
            school: c.school.clone(),
            plan_status: c.plan_status,
            entries: Vec::new(),
            notes: Vec::new(),
            updated: c.updated,
            deleted: c.deleted,
        })
        .collect();
    let manifest = Casebook {
        schema_version: casebook.schema_version,
        cases,
        last_backup: casebook.last_backup,
    };
    let text = serde_json::to_string(&manifest).map_err(|_| StorageProblem::NotSaved)?;
    storage
        .set_item(CASEBOOK_KEY, &text)
        .map_err(|_| StorageProblem::NotSaved)
}

/// Whether a storage key holds part of the casebook (not the copy kept aside).
pub fn is_casebook_key(key: &str) -> bool {
    key == CASEBOOK_KEY
        || (key.starts_with(&format!("{CASEBOOK_KEY}:")) && !key.ends_with(":unreadable"))
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
