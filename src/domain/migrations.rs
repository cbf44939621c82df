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
        1 => value,
        other => return Err(MigrationError::Unknown { version: other }),
    };
    serde_json::from_value(current).map_err(|e| MigrationError::WrongShape(e.to_string()))
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
