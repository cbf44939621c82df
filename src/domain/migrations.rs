//! Reading a stored or backed-up casebook of any format version this app has ever written.
//!
//! Each format version has a fixture in `tests/fixtures/casebook-v{N}.json` that must keep
//! loading. Version 1 is the first format, so there is nothing to migrate from yet: a change to
//! the format adds a step here (`v1 -> v2`), bumps `SCHEMA_VERSION`, and adds a fixture.
//!
//! Additions that keep every older record readable stay version 1: the one event model
//! (December 2026) added key-date kinds and optional fields, and `casebook-v1-events.json` holds
//! each of them. An app from before it cannot read an entry with a new kind: it shows that part
//! of the records as unreadable and read-only, and changes nothing (offering "start afresh" only
//! after the stored records are saved as a file); a backup holding one is refused by it. Such an
//! old copy only runs until its service worker takes the new version (then it asks for a reload).
//!
//! Version 2 (December 2026) adds a case's date of birth and the parent's own contacts. They are
//! optional and a version 1 casebook reads as it is, but an app that knows only version 1 would
//! drop them from a case it saves; with version 2 it sees a newer format instead and leaves the
//! records read-only, untouched.

use super::casebook::{Casebook, SCHEMA_VERSION};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrationError {
    /// There is no `schema_version`, so this is not a casebook.
    NoVersion,
    /// Written by a newer version of the app than this one.
    Newer { version: u64 },
    /// A version this app never wrote.
    Unknown { version: u64 },
    /// The version is known but a field is missing or of the wrong type.
    WrongShape(String),
}

/// Brings a stored casebook up to the current format and reads it.
pub fn migrate(value: Value) -> Result<Casebook, MigrationError> {
    let version = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or(MigrationError::NoVersion)?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(MigrationError::Newer { version });
    }
    let current = match version {
        // v1 -> v2: nothing to change (the new fields are optional).
        1 | 2 => value,
        other => return Err(MigrationError::Unknown { version: other }),
    };
    // Read through text, as every other record is read: one compiled copy of the records'
    // readers instead of a second one for `Value` (about 10 KB of the app, gzipped).
    let mut book: Casebook = serde_json::from_str(&current.to_string())
        .map_err(|e| MigrationError::WrongShape(e.to_string()))?;
    book.schema_version = SCHEMA_VERSION;
    Ok(book)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixture_of_every_version_loads() {
        let v1: Value = serde_json::from_str(include_str!("../../tests/fixtures/casebook-v1.json"))
            .expect("JSON");
        let book = migrate(v1).expect("version 1 loads");
        assert_eq!(book.schema_version, SCHEMA_VERSION);
        let case = &book.cases[0];
        assert_eq!(case.name, "J.S.");
        assert_eq!(case.entries.len(), 2);
        assert_eq!(case.notes.len(), 1);
        assert!(case.entries[1].key_date.is_some());
        // It round-trips: written again and read back, the same records.
        let again = serde_json::to_value(&book).expect("writes");
        assert_eq!(migrate(again).expect("reads back"), book);
    }

    /// Records written since the one event model (December 2026): every kind of key date, with
    /// and without its optional details. The same schema version: the new kinds and optional
    /// fields are additions, and every key date is written back exactly as it was read.
    #[test]
    fn the_event_model_fixture_loads_and_every_key_date_round_trips_exactly() {
        let text = include_str!("../../tests/fixtures/casebook-v1-events.json");
        let value: Value = serde_json::from_str(text).expect("JSON");
        let book = migrate(value.clone()).expect("loads");
        let entries = &book.cases[0].entries;
        assert_eq!(entries.len(), 20);
        let stored = value["cases"][0]["entries"].as_array().expect("entries");
        for (entry, original) in entries.iter().zip(stored) {
            assert_eq!(
                serde_json::to_value(entry.key_date).expect("writes"),
                original["key_date"],
                "{}",
                entry.subject
            );
        }
        let kinds: std::collections::BTreeSet<_> = entries
            .iter()
            .filter_map(|e| e.key_date.map(|k| k.kind()))
            .collect();
        assert_eq!(
            kinds.len(),
            16,
            "every kind, two of the five decisions among them"
        );
        let again = serde_json::to_value(&book).expect("writes");
        assert_eq!(migrate(again).expect("reads back"), book);
    }

    /// Version 2: a case's date of birth and own contacts, read and written back exactly.
    #[test]
    fn the_version_2_fixture_loads_and_round_trips() {
        let text = include_str!("../../tests/fixtures/casebook-v2.json");
        let value: Value = serde_json::from_str(text).expect("JSON");
        let book = migrate(value.clone()).expect("loads");
        let case = &book.cases[0];
        assert_eq!(case.birth_date, chrono::NaiveDate::from_ymd_opt(2016, 4, 9));
        assert!(case.contacts.contains("01234 567890"));
        assert!(book.cases[1].birth_date.is_none() && book.cases[1].contacts.is_empty());
        let written = serde_json::to_value(&book).expect("writes");
        for field in ["birth_date", "contacts"] {
            assert_eq!(written["cases"][0][field], value["cases"][0][field]);
            assert!(
                written["cases"][1].get(field).is_none(),
                "written only when given"
            );
        }
        assert_eq!(written["schema_version"], 2);
        assert_eq!(migrate(written).expect("reads back"), book);
    }

    #[test]
    fn unknown_newer_and_missing_versions_are_refused() {
        assert_eq!(
            migrate(serde_json::json!({"cases": []})),
            Err(MigrationError::NoVersion)
        );
        assert_eq!(
            migrate(serde_json::json!({"schema_version": 7, "cases": []})),
            Err(MigrationError::Newer { version: 7 })
        );
        assert_eq!(
            migrate(serde_json::json!({"schema_version": 0, "cases": []})),
            Err(MigrationError::Unknown { version: 0 })
        );
        assert!(matches!(
            migrate(serde_json::json!({"schema_version": 1, "cases": "none"})),
            Err(MigrationError::WrongShape(_))
        ));
    }
}
