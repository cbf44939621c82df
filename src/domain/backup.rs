//! Backups: the casebook as a JSON file and as a readable HTML page, and reading a JSON backup
//! back safely.
//!
//! Reading never trusts the file: it refuses anything too large, not JSON, of an unknown or newer
//! format, with wrong types, broken dates, duplicate ids, over-long text or embedded script,
//! with a message that says what is wrong. Nothing is changed until the parent has seen a
//! preview and chosen to merge or replace.

use super::casebook::{merge, Case, Casebook, Record, SCHEMA_VERSION};
use super::migrations::{migrate, MigrationError};
use super::sorting;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The largest backup file accepted (local storage itself holds about 5 MB).
pub const MAX_BACKUP_BYTES: usize = 6 * 1024 * 1024;
/// The longest text accepted in one field.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The most records (cases, entries and notes together) accepted.
pub const MAX_RECORDS: usize = 50_000;

/// The wrapper written around a casebook in a backup file.
#[derive(Debug, Serialize, Deserialize)]
struct BackupFile<T> {
    app: String,
    exported_at: i64,
    casebook: T,
}

pub const APP_NAME: &str = "SEND Casebook";

/// Why a backup file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooLarge { bytes: usize },
    NotText,
    NotJson { line: usize, column: usize },
    NotABackup,
    Migration(MigrationError),
    WrongShape(String),
    BadRecord(String),
}

/// The backup file's text for a casebook.
pub fn export_json(casebook: &Casebook, exported_at: i64) -> String {
    let file = BackupFile {
        app: APP_NAME.to_string(),
        exported_at,
        casebook,
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads and checks a backup file.
pub fn read_backup(bytes: &[u8]) -> Result<Casebook, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
    let app = value.get("app").and_then(|a| a.as_str());
    let Some(inner) = value.get("casebook").filter(|_| app == Some(APP_NAME)) else {
        return Err(ImportError::NotABackup);
    };
    let casebook = migrate(inner.clone()).map_err(ImportError::Migration)?;
    validate(&casebook)?;
    Ok(casebook)
}

fn check_text(what: &str, text: &str) -> Result<(), ImportError> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(ImportError::BadRecord(format!(
            "{what} is longer than {MAX_TEXT_CHARS} characters"
        )));
    }
    if text.to_ascii_lowercase().contains("<script") {
        return Err(ImportError::BadRecord(format!(
            "{what} contains program code (a <script> tag)"
        )));
    }
    Ok(())
}

fn check_date(what: &str, date: NaiveDate) -> Result<(), ImportError> {
    if !(1990..=2100).contains(&date.year()) {
        return Err(ImportError::BadRecord(format!(
            "{what} has an impossible date ({date})"
        )));
    }
    Ok(())
}

fn check_ids<T: Record>(what: &str, records: &[T]) -> Result<(), ImportError> {
    let mut seen = std::collections::HashSet::new();
    for record in records {
        if record.id().trim().is_empty() || record.id().len() > 100 {
            return Err(ImportError::BadRecord(format!("a {what} has no proper id")));
        }
        if !seen.insert(record.id()) {
            return Err(ImportError::BadRecord(format!(
                "two {what}s share the id {}",
                record.id()
            )));
        }
    }
    Ok(())
}

/// Checks everything serde cannot: limits, dates, ids, text.
pub fn validate(casebook: &Casebook) -> Result<(), ImportError> {
    check_ids("case", &casebook.cases)?;
    let records: usize = casebook
        .cases
        .iter()
        .map(|c| 1 + c.entries.len() + c.notes.len())
        .sum();
    if records > MAX_RECORDS {
        return Err(ImportError::BadRecord(format!(
            "it holds {records} records, more than {MAX_RECORDS}"
        )));
    }
    for case in &casebook.cases {
        check_text("a case name", &case.name)?;
        check_text("a school name", &case.school)?;
        check_ids("log entry", &case.entries)?;
        check_ids("note", &case.notes)?;
        for entry in &case.entries {
            check_date("a log entry", entry.date)?;
            if let Some(follow_up) = entry.follow_up {
                check_date("a follow-up", follow_up)?;
            }
            for text in [
                &entry.person,
                &entry.subject,
                &entry.summary,
                &entry.promised,
                &entry.promised_by,
                &entry.kept_where,
            ] {
                check_text("a log entry", text)?;
            }
        }
        for note in &case.notes {
            check_date("a note", note.date)?;
            check_text("a note", &note.title)?;
            check_text("a note", &note.body)?;
        }
    }
    Ok(())
}

/// What importing a backup would do, for the parent to see before choosing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPreview {
    /// Cases, entries and notes the device does not have.
    pub new_records: usize,
    /// Records the file has in a newer version than the device.
    pub newer_in_file: usize,
    /// Records the device has in a newer version than the file.
    pub newer_here: usize,
    /// Records that are the same on both.
    pub unchanged: usize,
    /// Live cases in the file, by name.
    pub case_names: Vec<String>,
}

fn compare<T: Record>(here: &[T], file: &[T], preview: &mut ImportPreview) {
    for record in file {
        match here.iter().find(|r| r.id() == record.id()) {
            None => preview.new_records += 1,
            Some(existing) if record.updated() > existing.updated() => preview.newer_in_file += 1,
            Some(existing) if record.updated() < existing.updated() => preview.newer_here += 1,
            Some(_) => preview.unchanged += 1,
        }
    }
}

pub fn preview(here: &Casebook, file: &Casebook) -> ImportPreview {
    let mut preview = ImportPreview::default();
    compare(&here.cases, &file.cases, &mut preview);
    for case in &file.cases {
        let existing: Option<&Case> = here.cases.iter().find(|c| c.id == case.id);
        compare(
            existing.map_or(&[][..], |c| &c.entries),
            &case.entries,
            &mut preview,
        );
        compare(
            existing.map_or(&[][..], |c| &c.notes),
            &case.notes,
            &mut preview,
        );
    }
    preview.case_names = file.live_cases().map(|c| c.name.clone()).collect();
    preview
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Keep everything, taking the newer version of each record.
    Merge,
    /// Use the backup instead of what is on the device.
    Replace,
}

pub fn apply(here: &Casebook, file: &Casebook, mode: ImportMode) -> Casebook {
    match mode {
        ImportMode::Merge => merge(here, file),
        ImportMode::Replace => Casebook {
            schema_version: SCHEMA_VERSION,
            ..file.clone()
        },
    }
}

/// Escapes text for HTML, so that anything typed is shown as text.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// A self-contained page of every record, readable in any browser and clean when printed.
pub fn export_html(casebook: &Casebook, exported_on: NaiveDate) -> String {
    use super::deadlines::long_date;
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>SEND Casebook records</title>\n\
         <style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}\
         table{border-collapse:collapse;width:100%}th,td{border:1px solid #777;padding:.3rem;text-align:left;vertical-align:top}\
         tr{break-inside:avoid}h2{break-before:page}h2:first-of-type{break-before:auto}</style>\n</head>\n<body>\n",
    );
    html.push_str(&format!(
        "<h1>SEND Casebook records</h1>\n<p>Exported on {}. Kept on the parent's device; this file contains personal information.</p>\n",
        long_date(exported_on)
    ));
    for case in casebook.live_cases() {
        html.push_str(&format!(
            "<h2>{}</h2>\n<p>School: {}. Plan: {}.</p>\n",
            escape_html(&case.name),
            escape_html(&case.school),
            case.plan_status.label()
        ));
        let mut entries: Vec<_> = case.live_entries().collect();
        sorting::sort_by_key(&mut entries, |e| (e.date, e.time));
        html.push_str("<h3>Correspondence log</h3>\n<table>\n<thead><tr><th>Date</th><th>What</th><th>Who</th><th>Details</th></tr></thead>\n<tbody>\n");
        for e in entries {
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}, {}</td><td>{}{}</td><td><strong>{}</strong><br>{}{}</td></tr>\n",
                long_date(e.date),
                e.direction.label(),
                e.method.label(),
                e.party.label(),
                if e.person.is_empty() { String::new() } else { format!(": {}", escape_html(&e.person)) },
                escape_html(&e.subject),
                escape_html(&e.summary),
                if e.promised.is_empty() {
                    String::new()
                } else {
                    format!("<br>Promised: {} ({})", escape_html(&e.promised), escape_html(&e.promised_by))
                },
            ));
        }
        html.push_str("</tbody>\n</table>\n<h3>Notes</h3>\n");
        let mut notes: Vec<_> = case.live_notes().collect();
        sorting::sort_by_key(&mut notes, |n| n.date);
        for n in notes {
            html.push_str(&format!(
                "<h4>{}: {}</h4>\n<p>{}</p>\n",
                long_date(n.date),
                escape_html(&n.title),
                escape_html(&n.body).replace('\n', "<br>")
            ));
        }
    }
    html.push_str("</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::casebook::tests::{case, d, entry};
    use proptest::prelude::*;

    #[test]
    fn a_deleted_case_comes_back_from_a_backup_only_by_replacing() {
        let backup = sample();
        let file = read_backup(export_json(&backup, 1).as_bytes()).expect("own backup reads");
        let mut here = backup.clone();
        here.delete_case("case-1", 10_000).expect("deleted");
        let merged = apply(&here, &file, ImportMode::Merge);
        assert!(
            merged.case("case-1").is_none(),
            "the newer deletion wins a merge"
        );
        let replaced = apply(&here, &file, ImportMode::Replace);
        assert_eq!(replaced.case("case-1"), backup.case("case-1"));
    }

    fn sample() -> Casebook {
        let mut c = case(
            "case-1",
            vec![
                entry("e1", d(2025, 6, 30), 100),
                entry("e2", d(2025, 7, 2), 200),
            ],
        );
        c.entries[0].summary = "Decision: <b>no</b> assessment & \"reasons\"".into();
        Casebook {
            cases: vec![c],
            ..Casebook::default()
        }
    }

    #[test]
    fn a_backup_reads_back_exactly() {
        let book = sample();
        let text = export_json(&book, 1_700_000_000_000);
        assert_eq!(read_backup(text.as_bytes()), Ok(book));
    }

    #[test]
    fn malformed_files_are_refused_with_a_reason() {
        assert_eq!(read_backup(b"  \n"), Err(ImportError::Empty));
        assert_eq!(read_backup(&[0xff, 0xfe, 0x00]), Err(ImportError::NotText));
        let truncated = export_json(&sample(), 1);
        let truncated = &truncated.as_bytes()[..truncated.len() / 2];
        assert!(matches!(
            read_backup(truncated),
            Err(ImportError::NotJson { .. })
        ));
        assert_eq!(
            read_backup(br#"{"hello": "world"}"#),
            Err(ImportError::NotABackup)
        );
        let junk = vec![b'a'; 10 * 1024 * 1024];
        assert_eq!(
            read_backup(&junk),
            Err(ImportError::TooLarge { bytes: junk.len() })
        );
    }

    #[test]
    fn wrong_types_and_hostile_content_are_refused() {
        let good = export_json(&sample(), 1);
        let wrong_type = good.replace("\"plan_status\": \"has-plan\"", "\"plan_status\": 42");
        assert!(
            matches!(
                read_backup(wrong_type.as_bytes()),
                Err(ImportError::Migration(_))
            ),
            "{wrong_type}"
        );
        let script = good.replace("Letter e1", "<script>alert(1)</script>");
        assert!(
            matches!(read_backup(script.as_bytes()), Err(ImportError::BadRecord(m)) if m.contains("script"))
        );
        let bad_date = good.replace("2025-06-30", "2025-02-30");
        assert!(read_backup(bad_date.as_bytes()).is_err());
        let twice = good.replace("\"e2\"", "\"e1\"");
        assert!(
            matches!(read_backup(twice.as_bytes()), Err(ImportError::BadRecord(m)) if m.contains("share the id"))
        );
        let newer = good.replace("\"schema_version\": 1", "\"schema_version\": 99");
        assert_eq!(
            read_backup(newer.as_bytes()),
            Err(ImportError::Migration(MigrationError::Newer {
                version: 99
            }))
        );
    }

    #[test]
    fn the_preview_counts_new_newer_and_older_records() {
        let here = sample();
        let mut file = sample();
        file.cases[0].entries[0].updated = 150; // newer in the file
        file.cases[0].entries[1].updated = 150; // older in the file
        file.cases[0].entries.push(entry("e3", d(2025, 7, 3), 1)); // new
        let p = preview(&here, &file);
        assert_eq!(
            (p.new_records, p.newer_in_file, p.newer_here, p.unchanged),
            (1, 1, 1, 1)
        );
        assert_eq!(p.case_names, ["A.B."]);
        let merged = apply(&here, &file, ImportMode::Merge);
        assert_eq!(merged.cases[0].entries.len(), 3);
        assert_eq!(
            merged.cases[0].entries[1].updated, 200,
            "the device's newer record is kept"
        );
        let replaced = apply(&here, &file, ImportMode::Replace);
        assert_eq!(replaced.cases[0].entries[1].updated, 150);
    }

    #[test]
    fn the_html_export_shows_typed_text_as_text() {
        let html = export_html(&sample(), d(2026, 11, 27));
        assert!(
            html.contains("Decision: &lt;b&gt;no&lt;/b&gt; assessment &amp; &quot;reasons&quot;")
        );
        assert!(!html.contains("<b>no</b>"));
        assert!(html.contains("Monday 30 June 2025"));
        assert!(
            html.contains("default-src 'none'"),
            "the exported page runs no script"
        );
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic_the_importer(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = read_backup(&bytes);
        }

        #[test]
        fn random_json_never_panics_the_importer(text in "\\{\"app\":\"SEND Casebook\",\"casebook\":\\{\"schema_version\":1,\"cases\":\\[\\PC{0,200}") {
            let _ = read_backup(text.as_bytes());
        }
    }
}
