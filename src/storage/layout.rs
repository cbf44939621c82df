//! How the casebook is kept in a key-value store (the browser's local storage), so that a save
//! is all-or-nothing, a full quota loses nothing, and no tab overwrites another. Plain Rust over
//! [`KeyValueStore`]; tested natively with a store that fails on purpose.
//!
//! ## The design: generations and one final switch
//! - The records of each case are spread over [`CHUNKS`] parts per kind (a log entry's part is a
//!   hash of its id), so a change rewrites only the small part it touches.
//! - One root key ([`ROOT_KEY`]) holds the list of cases (without their records), a
//!   *generation* number, which tab wrote it, and for every part the key that holds it. A part is
//!   never rewritten in place: a save writes each changed part under a new key named after the
//!   new generation and this tab, and then writes the root, in one `setItem`, to point at them.
//!   That last write is the switch: until it happens, the old root and every part it names are
//!   untouched, so a reload shows the state before the change; once it has happened, it shows
//!   the state after. Parts no longer named are removed afterwards; if that is interrupted, the
//!   next save removes any part older than its generation that no root names.
//! - If any write is refused (a full quota) the parts written so far are removed again and
//!   nothing else changes: later, smaller changes still save.
//! - Before writing, a save reads the root: if its generation or writer is not what this tab
//!   last read or wrote, another tab (or an older copy of the app) has saved since, so the save
//!   first loads what is stored and merges record by record (newest wins, deletions are kept as
//!   tombstones), and writes the merge. A root that has gone (storage cleared elsewhere) is
//!   never silently written back. This check does not depend on the browser's `storage` events,
//!   which can be late or missing.
//! - Anything that cannot be read (a damaged part, a root from a newer version) is reported and
//!   the store is then left exactly as it is: the app shows what it could read, read-only, and
//!   offers every stored value as a file ([`raw_dump`]) before [`start_afresh`].
//! - The layout before this one (a manifest under [`LEGACY_KEY`] with parts at fixed keys) is
//!   read and merged in whenever it is present, so an old tab still open after an update cannot
//!   lose what it writes; its parts are reused as they are until they change.

use super::{KeyValueStore, Refused};
use crate::domain::casebook::{
    merge, CaseRecord, Casebook, LogEntry, Millis, Note, Record, SCHEMA_VERSION,
};
use crate::domain::migrations::{migrate, MigrationError};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;

/// The root: list of cases, generation, and where each part is.
pub const ROOT_KEY: &str = "send-casebook:records";
/// The manifest written by versions of the app before generations.
pub const LEGACY_KEY: &str = "send-casebook:casebook";
/// The layout this version writes. A root with a higher one is from a newer version.
pub const LAYOUT: u64 = 2;
/// Parts per case and kind of record.
pub const CHUNKS: u64 = 32;
const LEGACY_TAG: &str = "legacy";

/// FNV-1a, so every version of the app puts a record in the same part.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub fn chunk_of(record_id: &str) -> u64 {
    fnv1a(record_id) % CHUNKS
}

/// A part's name in the root: `{case id}:{entries|notes}:{n}`.
fn slot(case_id: &str, kind: &str, chunk: u64) -> String {
    format!("{case_id}:{kind}:{chunk}")
}

/// The key that holds a part written with `tag` (`{generation}.{tab}`, or the legacy key).
fn part_key(slot: &str, tag: &str) -> String {
    if tag == LEGACY_TAG {
        format!("{LEGACY_KEY}:{slot}")
    } else {
        format!("{ROOT_KEY}:{slot}@{tag}")
    }
}

/// The generation a part key was written in, if it is one of this layout's part keys.
fn generation_of_part_key(key: &str) -> Option<u64> {
    let rest = key.strip_prefix(ROOT_KEY)?.strip_prefix(':')?;
    let (_, tag) = rest.rsplit_once('@')?;
    tag.split_once('.')?.0.parse().ok()
}

/// Whether a key belongs to the stored casebook (either layout).
pub fn is_casebook_key(key: &str) -> bool {
    key == ROOT_KEY
        || key == LEGACY_KEY
        || key.starts_with(&format!("{ROOT_KEY}:"))
        || key.starts_with(&format!("{LEGACY_KEY}:"))
}

fn fingerprint<'a>(records: impl Iterator<Item = (&'a str, Millis, bool)>) -> u64 {
    records.fold(0xcbf2_9ce4_8422_2325, |hash, (id, updated, deleted)| {
        let mixed = fnv1a(id) ^ (updated as u64).rotate_left(17) ^ u64::from(deleted);
        (hash ^ mixed).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Which root a tab last read or wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub generation: u64,
    pub writer: String,
}

/// What one tab knows of the store: the root it last read or wrote, and each part's key and
/// fingerprint (so that a save writes only what changed).
#[derive(Debug, Clone, Default)]
pub struct Session {
    tab: String,
    seen: Option<Stamp>,
    parts: BTreeMap<String, (String, u64)>,
    /// The legacy manifest's text when last read, if there was one.
    legacy_seen: Option<String>,
    /// What could not be read when this session loaded: while set, it never writes.
    blocked: Option<ReadProblem>,
}

impl Session {
    /// A session for a tab, named by a short random token of letters and digits.
    pub fn new(tab: &str) -> Self {
        Session {
            tab: tab.chars().filter(char::is_ascii_alphanumeric).collect(),
            ..Session::default()
        }
    }
}

/// Why stored records could not all be read. While this stands, nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    /// Some stored parts or records could not be read (`count` of them); the rest could.
    Damaged { count: usize },
    /// Written by a newer version of the app than this one.
    Newer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// Every record that could be read.
    pub book: Casebook,
    pub problem: Option<ReadProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The store refused a write (usually a full quota). Nothing stored was changed.
    Refused,
    /// Other tabs kept saving first, every time this one tried. Nothing stored was changed.
    Busy,
    /// The stored records were removed elsewhere (another tab cleared them) since this tab read
    /// them: writing this tab's copy back is the parent's choice, not the app's.
    ClearedElsewhere,
    /// What is stored now cannot be read, or is from a newer version: nothing is written.
    Unreadable(ReadProblem),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Stored as given.
    Stored,
    /// Another tab had saved since: this is the merge of both, and it is what is stored now.
    Merged(Casebook),
}

#[derive(Deserialize)]
struct RootStamp {
    generation: u64,
    writer: String,
}

#[derive(Serialize, Deserialize)]
struct RootDoc {
    layout: u64,
    generation: u64,
    writer: String,
    /// The casebook without its records (`schema_version`, `cases`, `last_backup`).
    casebook: Value,
    /// Part name to tag.
    parts: BTreeMap<String, String>,
}

/// The stamp of the stored root: `Ok(None)` when there is none, `Err` when it cannot be read
/// or is from a newer version.
fn stored_stamp(store: &dyn KeyValueStore) -> Result<Option<Stamp>, ReadProblem> {
    let Some(text) = store.get(ROOT_KEY) else {
        return Ok(None);
    };
    let Ok(value) = serde_json::from_str::<Value>(&text) else {
        return Err(ReadProblem::Damaged { count: 1 });
    };
    // A newer layout may not have this one's fields: look at its number first.
    if value.get("layout").and_then(Value::as_u64).unwrap_or(0) > LAYOUT {
        return Err(ReadProblem::Newer);
    }
    match serde_json::from_str::<RootStamp>(&text) {
        Ok(root) => Ok(Some(Stamp {
            generation: root.generation,
            writer: root.writer,
        })),
        Err(_) => Err(ReadProblem::Damaged { count: 1 }),
    }
}

/// Records read from one part, and how many could not be. The whole part is read at once; only
/// if that fails is it read record by record, so one damaged record loses no other.
fn read_records<T: for<'de> Deserialize<'de>>(text: &str, damaged: &mut usize) -> Vec<T> {
    if let Ok(records) = serde_json::from_str::<Vec<T>>(text) {
        return records;
    }
    // Each record's own text, read by the same reader as the whole part (not through `Value`,
    // which would compile a second copy of every record's reader).
    match serde_json::from_str::<Vec<&RawValue>>(text) {
        Ok(values) => values
            .into_iter()
            .filter_map(|v| {
                serde_json::from_str(v.get())
                    .map_err(|_| *damaged += 1)
                    .ok()
            })
            .collect(),
        Err(_) => {
            *damaged += 1;
            Vec::new()
        }
    }
}

fn problem_of(error: MigrationError) -> ReadProblem {
    match error {
        MigrationError::Newer { .. } => ReadProblem::Newer,
        _ => ReadProblem::Damaged { count: 1 },
    }
}

/// Reads the case list (headers without records) through the migrations.
fn read_headers(value: Value) -> Result<Casebook, ReadProblem> {
    let mut book = migrate(value).map_err(problem_of)?;
    for case in &mut book.cases {
        case.entries.clear();
        case.notes.clear();
    }
    Ok(book)
}

/// Puts the records of one part into their case. Returns the part's fingerprint, or 0 if a
/// deleted record still held text (so the next save rewrites the part without it).
fn place_part(book: &mut Casebook, slot: &str, text: &str, damaged: &mut usize) -> u64 {
    let mut pieces = slot.rsplitn(3, ':');
    let (_, kind, case_id) = (pieces.next(), pieces.next(), pieces.next());
    let Some(case) = case_id.and_then(|id| book.cases.iter_mut().find(|c| c.id == id)) else {
        *damaged += 1;
        return 0;
    };
    match kind {
        Some("entries") => place_records(&mut case.entries, text, damaged),
        Some("notes") => place_records(&mut case.notes, text, damaged),
        _ => {
            *damaged += 1;
            0
        }
    }
}

/// Adds one part's records to `records`; its fingerprint, or 0 if a tombstone still held text.
fn place_records<T: CaseRecord + for<'de> Deserialize<'de>>(
    records: &mut Vec<T>,
    text: &str,
    damaged: &mut usize,
) -> u64 {
    let mut part: Vec<T> = read_records(text, damaged);
    let print = fingerprint(part.iter().map(|r| (r.id(), r.updated(), r.is_deleted())));
    let scrubbed = part.iter_mut().map(T::scrub).filter(|&s| s).count() > 0;
    records.extend(part);
    if scrubbed {
        0
    } else {
        print
    }
}

/// Reads the layout before generations: a manifest, records inline (the first builds) and in
/// parts at fixed keys.
fn load_legacy(
    store: &dyn KeyValueStore,
    manifest: &str,
    parts: &mut BTreeMap<String, (String, u64)>,
    damaged: &mut usize,
) -> Option<Casebook> {
    let Ok(value) = serde_json::from_str::<Value>(manifest) else {
        *damaged += 1;
        return None;
    };
    let inline = read_headers_with_inline(value);
    let mut book = match inline {
        Ok(book) => book,
        Err(ReadProblem::Newer) => return None,
        Err(_) => {
            *damaged += 1;
            return None;
        }
    };
    let ids: Vec<String> = book.cases.iter().map(|c| c.id.clone()).collect();
    for id in ids {
        for kind in ["entries", "notes"] {
            for chunk in 0..CHUNKS {
                let slot = slot(&id, kind, chunk);
                if let Some(text) = store.get(&part_key(&slot, LEGACY_TAG)) {
                    let print = place_part(&mut book, &slot, &text, damaged);
                    parts.insert(slot, (LEGACY_TAG.to_string(), print));
                }
            }
        }
    }
    // A save interrupted half-way by that layout could leave a record both inline and in a
    // part: keep one of each, the newer.
    for case in &mut book.cases {
        case.entries = crate::domain::casebook::merge_records(&[], &case.entries);
        case.notes = crate::domain::casebook::merge_records(&[], &case.notes);
    }
    Some(book)
}

/// A legacy manifest may hold records inline: read them with the headers.
fn read_headers_with_inline(value: Value) -> Result<Casebook, ReadProblem> {
    let mut book = migrate(value).map_err(problem_of)?;
    for case in &mut book.cases {
        for entry in &mut case.entries {
            entry.scrub();
        }
        for note in &mut case.notes {
            note.scrub();
        }
    }
    Ok(book)
}

/// Reads the part the root names for `slot` into `book`: its tag and fingerprint. Two tabs
/// switching at the same moment can leave a root naming a part the other removed: then the
/// newest part written for the same place holds those records (and more), so that one is read
/// (with fingerprint 0, so the next save rewrites it).
fn read_named_part(
    store: &dyn KeyValueStore,
    book: &mut Casebook,
    slot: &str,
    tag: String,
    keys: &[String],
    damaged: &mut usize,
) -> (String, u64) {
    if let Some(text) = store.get(&part_key(slot, &tag)) {
        let print = place_part(book, slot, &text, damaged);
        return (tag, print);
    }
    match newest_part(store, slot, keys) {
        Some((other, text)) => {
            place_part(book, slot, &text, damaged);
            (other, 0)
        }
        None => {
            *damaged += 1;
            (tag, 0)
        }
    }
}

/// The newest part key written for `slot`, and its text.
fn newest_part(store: &dyn KeyValueStore, slot: &str, keys: &[String]) -> Option<(String, String)> {
    let prefix = format!("{ROOT_KEY}:{slot}@");
    let (tag, _) = keys
        .iter()
        .filter_map(|key| {
            let tag = key.strip_prefix(&prefix)?;
            Some((tag.to_string(), generation_of_part_key(key)?))
        })
        .max_by_key(|(_, generation)| *generation)?;
    let text = store.get(&part_key(slot, &tag))?;
    Some((tag, text))
}

/// Loads every record that can be read, and starts a session for `tab` at what is stored.
pub fn load(store: &dyn KeyValueStore, tab: &str) -> (Loaded, Session) {
    let mut session = Session::new(tab);
    let mut damaged = 0usize;
    let mut newer = false;
    let mut book = Casebook::default();
    if let Some(text) = store.get(ROOT_KEY) {
        match serde_json::from_str::<RootDoc>(&text) {
            Ok(root) if root.layout > LAYOUT => newer = true,
            Ok(root) => match read_headers(root.casebook) {
                Ok(headers) => {
                    book = headers;
                    session.seen = Some(Stamp {
                        generation: root.generation,
                        writer: root.writer,
                    });
                    let mut keys: Option<Vec<String>> = None;
                    for (slot, tag) in root.parts {
                        let keys = keys.get_or_insert_with(|| store.keys());
                        let (tag, print) =
                            read_named_part(store, &mut book, &slot, tag, keys, &mut damaged);
                        session.parts.insert(slot, (tag, print));
                    }
                }
                Err(ReadProblem::Newer) => newer = true,
                Err(_) => damaged += 1,
            },
            Err(_) => {
                // A root from a newer layout may not have this one's fields.
                match serde_json::from_str::<Value>(&text)
                    .ok()
                    .and_then(|v| v.get("layout").and_then(Value::as_u64))
                {
                    Some(layout) if layout > LAYOUT => newer = true,
                    _ => damaged += 1,
                }
            }
        }
    }
    if let Some(manifest) = store.get(LEGACY_KEY) {
        let root_present = session.seen.is_some();
        let mut legacy_parts = BTreeMap::new();
        match load_legacy(store, &manifest, &mut legacy_parts, &mut damaged) {
            Some(legacy) if root_present => book = merge(&book, &legacy),
            Some(legacy) => {
                book = legacy;
                session.parts = legacy_parts;
            }
            None => {
                if serde_json::from_str::<Value>(&manifest)
                    .ok()
                    .and_then(|v| v.get("schema_version").and_then(Value::as_u64))
                    .is_some_and(|v| v > u64::from(SCHEMA_VERSION))
                {
                    newer = true;
                }
            }
        }
        session.legacy_seen = Some(manifest);
    }
    let problem = if newer {
        Some(ReadProblem::Newer)
    } else if damaged > 0 {
        Some(ReadProblem::Damaged { count: damaged })
    } else {
        None
    };
    session.blocked = problem.clone();
    (Loaded { book, problem }, session)
}

/// One part to store: its name, fingerprint, whether it is empty, and its JSON when needed.
struct Part<'a> {
    slot: String,
    print: u64,
    empty: bool,
    json: Box<dyn Fn() -> String + 'a>,
}

fn parts_of(book: &Casebook) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    for case in book.cases.iter().filter(|c| !c.deleted) {
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
            out.push(Part {
                slot: slot(&case.id, "entries", chunk),
                print: fingerprint(entries.iter().map(|e| (e.id(), e.updated, e.deleted))),
                empty: entries.is_empty(),
                json: Box::new(move || serde_json::to_string(&entries).unwrap_or_default()),
            });
            out.push(Part {
                slot: slot(&case.id, "notes", chunk),
                print: fingerprint(notes.iter().map(|n| (n.id(), n.updated, n.deleted))),
                empty: notes.is_empty(),
                json: Box::new(move || serde_json::to_string(&notes).unwrap_or_default()),
            });
        }
    }
    out
}

/// The case list without records, as stored in the root: each case as the data model writes
/// it (so a field added to a case is stored without a change here), less its log and notes.
fn headers_value(book: &Casebook) -> Value {
    let cases: Vec<Value> = book
        .cases
        .iter()
        .map(|c| {
            let header = c.header();
            // Through text, not `to_value`: the app already writes cases as text, and a second
            // serializer for every record type would add to the download.
            let mut value: Value = serde_json::to_string(&header)
                .ok()
                .and_then(|text| serde_json::from_str(&text).ok())
                .unwrap_or(Value::Null);
            if let Some(fields) = value.as_object_mut() {
                fields.remove("entries");
                fields.remove("notes");
            }
            value
        })
        .collect();
    serde_json::json!({
        "schema_version": SCHEMA_VERSION,
        "cases": cases,
        "last_backup": book.last_backup,
    })
}

/// How many times a save reads again and merges when other tabs keep switching first.
const SAVE_TRIES: usize = 10;

/// Why a generation was not written.
enum CommitError {
    /// The store refused a write, or another tab switched first.
    Refused,
    /// A part this tab would keep is gone (two tabs switched at the same moment and the other
    /// removed it): read what is stored again before writing.
    MissingPart,
}

fn roll_back(store: &mut dyn KeyValueStore, written: &[String]) {
    for key in written {
        store.remove(key);
    }
}

/// Writes `book` as the next generation: changed parts under new keys, then the root, then
/// removes what is no longer named. All or nothing.
fn commit(
    store: &mut dyn KeyValueStore,
    session: &mut Session,
    book: &Casebook,
) -> Result<(), CommitError> {
    write_generation(store, session, book, true)
}

/// As [`commit`], whatever root is stored now (starting afresh replaces it on purpose).
fn commit_unchecked(
    store: &mut dyn KeyValueStore,
    session: &mut Session,
    book: &Casebook,
) -> Result<(), SaveError> {
    write_generation(store, session, book, false).map_err(|_| SaveError::Refused)
}

fn write_generation(
    store: &mut dyn KeyValueStore,
    session: &mut Session,
    book: &Casebook,
    check_stamp: bool,
) -> Result<(), CommitError> {
    let generation = session.seen.as_ref().map_or(0, |s| s.generation) + 1;
    let tag = format!("{generation}.{}", session.tab);
    let present: std::collections::BTreeSet<String> = store.keys().into_iter().collect();
    let mut parts: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let mut written: Vec<String> = Vec::new();
    for part in parts_of(book) {
        if part.empty {
            continue;
        }
        match session.parts.get(&part.slot) {
            Some((old_tag, print)) if *print == part.print => {
                if !present.contains(&part_key(&part.slot, old_tag)) {
                    roll_back(store, &written);
                    return Err(CommitError::MissingPart);
                }
                parts.insert(part.slot, (old_tag.clone(), part.print));
            }
            _ => {
                let key = part_key(&part.slot, &tag);
                if store.set(&key, &(part.json)()).is_err() {
                    roll_back(store, &written);
                    return Err(CommitError::Refused);
                }
                written.push(key);
                parts.insert(part.slot, (tag.clone(), part.print));
            }
        }
    }
    let root = RootDoc {
        layout: LAYOUT,
        generation,
        writer: session.tab.clone(),
        casebook: headers_value(book),
        parts: parts
            .iter()
            .map(|(slot, (tag, _))| (slot.clone(), tag.clone()))
            .collect(),
    };
    let Ok(text) = serde_json::to_string(&root) else {
        roll_back(store, &written);
        return Err(CommitError::Refused);
    };
    // Look once more just before the switch: another tab may have saved meanwhile.
    if check_stamp && stored_stamp(store).ok().flatten().as_ref() != session.seen.as_ref() {
        roll_back(store, &written);
        return Err(CommitError::Refused);
    }
    if store.set(ROOT_KEY, &text).is_err() {
        roll_back(store, &written);
        return Err(CommitError::Refused);
    }
    // Switched. What follows only frees space; if it is interrupted, a later save finishes it.
    let named: std::collections::BTreeSet<String> = parts
        .iter()
        .map(|(slot, (tag, _))| part_key(slot, tag))
        .collect();
    for (slot, (old_tag, _)) in &session.parts {
        let old = part_key(slot, old_tag);
        if !named.contains(&old) {
            store.remove(&old);
        }
    }
    let legacy_untouched =
        session.legacy_seen.is_some() && store.get(LEGACY_KEY) == session.legacy_seen;
    for key in store.keys() {
        let stale_part = generation_of_part_key(&key).is_some_and(|g| g < generation);
        // A copy kept aside by an earlier version (`…:unreadable`) is the parent's data: never
        // removed.
        let legacy_part = legacy_untouched
            && key.starts_with(&format!("{LEGACY_KEY}:"))
            && !key.ends_with(":unreadable");
        if (stale_part || legacy_part) && !named.contains(&key) {
            store.remove(&key);
        }
    }
    if legacy_untouched {
        store.remove(LEGACY_KEY);
        session.legacy_seen = None;
    }
    session.seen = Some(Stamp {
        generation,
        writer: session.tab.clone(),
    });
    session.parts = parts;
    Ok(())
}

/// Saves `book`. If another tab saved since this session last read or wrote, merges first and
/// says so. On any error nothing stored has changed, and neither has the session: a later save
/// will notice the other tab's save again and merge it.
pub fn save(
    store: &mut dyn KeyValueStore,
    session: &mut Session,
    book: &Casebook,
) -> Result<Saved, SaveError> {
    if let Some(problem) = &session.blocked {
        return Err(SaveError::Unreadable(problem.clone()));
    }
    let mut work = session.clone();
    let mut merged = None;
    let mut read_again = false;
    // Several tries: a tab that saved between our look and our switch makes one stale (two
    // tabs saving as fast as a parent types meet often).
    for _ in 0..SAVE_TRIES {
        let stamp = stored_stamp(store).map_err(SaveError::Unreadable)?;
        let legacy = store.get(LEGACY_KEY);
        if read_again || stamp.as_ref() != work.seen.as_ref() || legacy != work.legacy_seen {
            if stamp.is_none()
                && legacy.is_none()
                && (work.seen.is_some() || work.legacy_seen.is_some())
            {
                return Err(SaveError::ClearedElsewhere);
            }
            let (theirs, fresh) = load(store, &work.tab);
            if let Some(problem) = theirs.problem {
                return Err(SaveError::Unreadable(problem));
            }
            work = fresh;
            merged = Some(merge(merged.as_ref().unwrap_or(book), &theirs.book));
            read_again = false;
        }
        let target = merged.as_ref().unwrap_or(book);
        match commit(store, &mut work, target) {
            Ok(()) => {
                *session = work;
                return Ok(match merged {
                    Some(m) if &m != book => Saved::Merged(m),
                    _ => Saved::Stored,
                });
            }
            Err(CommitError::MissingPart) => read_again = true,
            Err(CommitError::Refused)
                if stored_stamp(store).ok().flatten().as_ref() != work.seen.as_ref() => {}
            Err(CommitError::Refused) => return Err(SaveError::Refused),
        }
    }
    Err(SaveError::Busy)
}

/// Every stored value of the casebook, as one JSON object of key to text: what the parent
/// saves as a file when something cannot be read.
pub fn raw_dump(store: &dyn KeyValueStore) -> String {
    let parts: serde_json::Map<String, Value> = store
        .keys()
        .into_iter()
        .filter(|key| is_casebook_key(key))
        .filter_map(|key| Some((key.clone(), Value::String(store.get(&key)?))))
        .collect();
    serde_json::to_string_pretty(&parts).unwrap_or_default()
}

/// After the parent has saved the raw data as a file (`saved_file`, the text of that file):
/// stores `keep` (the records that could be read) as a new start, then removes every other
/// stored part of the casebook (a copy kept aside by an earlier version stays). If there is no
/// room to write first, it clears first. Whatever the store holds that can be read now is kept
/// too, and it never clears what the parent has not got in the file:
/// - the store reads cleanly now (another tab started afresh already): a normal save, merging;
/// - it is from a newer version now: nothing is written;
/// - it is still damaged but no longer what the file holds (another tab wrote since): nothing
///   is written, and the file must be saved again (`Unreadable(Damaged)`).
///
/// Returns the records it stored, or, when it did not, the records to show: this page's merged
/// with what could be read (so nothing read is lost from the page if the write fails).
pub fn start_afresh(
    store: &mut dyn KeyValueStore,
    tab: &str,
    keep: &Casebook,
    saved_file: &str,
) -> (Result<Session, SaveError>, Casebook) {
    let (now, mut current) = load(store, tab);
    let keep = merge(keep, &now.book);
    match now.problem {
        Some(ReadProblem::Newer) => return (Err(SaveError::Unreadable(ReadProblem::Newer)), keep),
        None => {
            return match save(store, &mut current, &keep) {
                Ok(Saved::Stored) => (Ok(current), keep),
                Ok(Saved::Merged(merged)) => (Ok(current), merged),
                Err(e) => (Err(e), keep),
            }
        }
        Some(problem) if raw_dump(store) != saved_file => {
            return (Err(SaveError::Unreadable(problem)), keep)
        }
        Some(_) => {}
    }
    let mut session = Session::new(tab);
    // Generations after any stored one, so nothing written now looks older than what it replaces.
    let highest = store
        .keys()
        .iter()
        .filter_map(|k| generation_of_part_key(k))
        .max()
        .unwrap_or(0);
    session.seen = Some(Stamp {
        generation: highest,
        writer: String::new(),
    });
    let clear_others = |store: &mut dyn KeyValueStore, session: &Session| {
        let named: Vec<String> = session
            .parts
            .iter()
            .map(|(slot, (tag, _))| part_key(slot, tag))
            .collect();
        for key in store.keys() {
            if is_casebook_key(&key)
                && key != ROOT_KEY
                && !key.ends_with(":unreadable")
                && !named.contains(&key)
            {
                store.remove(&key);
            }
        }
    };
    if commit_unchecked(store, &mut session, &keep).is_err() {
        clear_others(store, &Session::new(tab));
        store.remove(ROOT_KEY);
        session = Session::new(tab);
        if let Err(e) = commit_unchecked(store, &mut session, &keep) {
            return (Err(e), keep);
        }
    }
    clear_others(store, &session);
    session.legacy_seen = None;
    (Ok(session), keep)
}

/// What the casebook takes in the store, in characters, by case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// Everything this site keeps in the store (records, My dates), in characters.
    pub total: usize,
    /// Characters per case id, largest first.
    pub by_case: Vec<(String, usize)>,
}

pub fn usage(store: &dyn KeyValueStore) -> Usage {
    let mut by_case: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0;
    for key in store.keys() {
        // Everything this site keeps counts against the same quota.
        let size = key.len() + store.get(&key).map_or(0, |v| v.encode_utf16().count());
        total += size;
        if key.ends_with(":unreadable") {
            continue;
        }
        let slot = key
            .strip_prefix(&format!("{ROOT_KEY}:"))
            .map(|rest| rest.rsplit_once('@').map_or(rest, |(slot, _)| slot))
            .or_else(|| key.strip_prefix(&format!("{LEGACY_KEY}:")));
        if let Some(case_id) = slot.and_then(|s| s.split(':').next()) {
            *by_case.entry(case_id.to_string()).or_default() += size;
        }
    }
    let mut by_case: Vec<(String, usize)> = by_case.into_iter().collect();
    by_case.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Usage { total, by_case }
}

/// Whether what is stored now differs from what this session last read or wrote.
pub fn is_stale(store: &dyn KeyValueStore, session: &Session) -> bool {
    stored_stamp(store).ok().flatten().as_ref() != session.seen.as_ref()
        || store.get(LEGACY_KEY) != session.legacy_seen
}

/// Whether the stored casebook was removed (by another tab) after this session read it.
pub fn cleared_elsewhere(store: &dyn KeyValueStore, session: &Session) -> bool {
    (session.seen.is_some() || session.legacy_seen.is_some())
        && store.get(ROOT_KEY).is_none()
        && store.get(LEGACY_KEY).is_none()
}

/// What is stored now, read cheaply, for a tab that already holds what `session` last read or
/// wrote (`held`): parts stored under the same key as then are taken from `held`; only the
/// parts another tab changed are read. Anything unusual (the old layout, a root that cannot be
/// read) takes the full [`load`].
pub fn load_changes(
    store: &dyn KeyValueStore,
    tab: &str,
    session: &Session,
    held: &Casebook,
) -> (Loaded, Session) {
    let root = match store
        .get(ROOT_KEY)
        .map(|t| serde_json::from_str::<RootDoc>(&t))
    {
        Some(Ok(root))
            if root.layout <= LAYOUT
                && session.legacy_seen.is_none()
                && store.get(LEGACY_KEY).is_none() =>
        {
            root
        }
        _ => return load(store, tab),
    };
    let Ok(mut book) = read_headers(root.casebook) else {
        return load(store, tab);
    };
    // The records this tab holds, by part.
    let mut held_parts: BTreeMap<String, (Vec<&LogEntry>, Vec<&Note>)> = BTreeMap::new();
    for case in &held.cases {
        for entry in &case.entries {
            let key = slot(&case.id, "entries", chunk_of(&entry.id));
            held_parts.entry(key).or_default().0.push(entry);
        }
        for note in &case.notes {
            let key = slot(&case.id, "notes", chunk_of(&note.id));
            held_parts.entry(key).or_default().1.push(note);
        }
    }
    let mut fresh = Session::new(tab);
    fresh.seen = Some(Stamp {
        generation: root.generation,
        writer: root.writer,
    });
    let mut damaged = 0;
    let keys = store.keys();
    let present: std::collections::BTreeSet<&str> = keys.iter().map(String::as_str).collect();
    for (slot, tag) in root.parts {
        // Unchanged: the same key as this tab last knew, and still there.
        let unchanged = session
            .parts
            .get(&slot)
            .filter(|(held_tag, _)| *held_tag == tag)
            .filter(|_| present.contains(part_key(&slot, &tag).as_str()));
        let case_id = slot.rsplitn(3, ':').nth(2).unwrap_or_default().to_string();
        let target = book.cases.iter_mut().find(|c| c.id == case_id);
        let (tag, print) = match (unchanged, target) {
            (Some((_, print)), Some(case)) => {
                if let Some((entries, notes)) = held_parts.get(&slot) {
                    case.entries.extend(entries.iter().map(|e| (*e).clone()));
                    case.notes.extend(notes.iter().map(|n| (*n).clone()));
                }
                (tag, *print)
            }
            _ => read_named_part(store, &mut book, &slot, tag, &keys, &mut damaged),
        };
        fresh.parts.insert(slot, (tag, print));
    }
    let problem = (damaged > 0).then_some(ReadProblem::Damaged { count: damaged });
    fresh.blocked = problem.clone();
    (Loaded { book, problem }, fresh)
}

impl From<Refused> for SaveError {
    fn from(_: Refused) -> Self {
        SaveError::Refused
    }
}
