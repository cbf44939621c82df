//! Backups: the casebook as a JSON file and as a readable HTML page, and reading a JSON backup
//! back safely.
//!
//! Reading never trusts the file: it refuses anything too large, not JSON, of an unknown or newer
//! format, with wrong types, broken dates, ids of another shape, duplicate ids or text longer
//! than the forms allow (`limits`), with a message that says what is wrong. Text is never
//! refused for what it says: it is always shown as text. Every backup the app writes, it reads:
//! the limits are the forms' own. Change times from the future are brought back to now.
//! Nothing is changed until the parent has seen a preview and chosen to merge or replace.

use super::casebook::{
    merge, merge_records, Case, CaseRecord, Casebook, Millis, Record, SCHEMA_VERSION,
};
use super::limits::{group, is_valid_id, TextField};
use super::migrations::{migrate, MigrationError};
use super::sorting;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The largest backup file accepted. Local storage holds about 5 million characters; written
/// as UTF-8 a character may take 3 bytes, and escapes more, so any casebook a device can hold
/// makes a file well under this.
pub const MAX_BACKUP_BYTES: usize = 64 * 1024 * 1024;
/// The most records (cases, entries and notes together) accepted: far more than fit.
pub const MAX_RECORDS: usize = 500_000;

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
    // Compact: a large casebook's file is a quarter smaller than pretty-printed.
    serde_json::to_string(&file).unwrap_or_default()
}

/// Reads and checks a backup file.
pub fn read_backup(bytes: &[u8]) -> Result<Casebook, ImportError> {
    read_backup_file(bytes).map(|(casebook, _)| casebook)
}

/// Reads and checks a backup file to import it `now`: change times from the future are settled
/// (see [`settle_times`]) to when the file says it was made, so that importing the same file
/// twice gives the same times and never outranks an edit made in between. Returns the casebook
/// and how many times were settled.
pub fn read_backup_at(bytes: &[u8], now: Millis) -> Result<(Casebook, usize), ImportError> {
    let (mut casebook, exported_at) = read_backup_file(bytes)?;
    // A file made on a device whose clock ran fast says it was made in the future too: then its
    // wrong times settle to 0, which outranks nothing and stays the same on every import.
    let made = exported_at.filter(|at| (0..=now).contains(at)).unwrap_or(0);
    let settled = settle_times(&mut casebook, now, made);
    Ok((casebook, settled))
}

fn read_backup_file(bytes: &[u8]) -> Result<(Casebook, Option<Millis>), ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    // Text editors may save a byte-order mark at the start.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
    let app = value.get("app").and_then(|a| a.as_str());
    let Some(inner) = value.get("casebook").filter(|_| app == Some(APP_NAME)) else {
        return Err(ImportError::NotABackup);
    };
    let exported_at = value.get("exported_at").and_then(serde_json::Value::as_i64);
    let casebook = migrate(inner.clone()).map_err(ImportError::Migration)?;
    validate(&casebook)?;
    Ok((casebook, exported_at))
}

fn check_text(what: &str, field: TextField, text: &str) -> Result<(), ImportError> {
    field.check(text).map_err(|length| {
        ImportError::BadRecord(format!(
            "in {what}, {} is {} characters long, more than the {} the app allows",
            field.name(),
            group(length),
            group(field.limit())
        ))
    })
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
        if !is_valid_id(record.id()) {
            return Err(ImportError::BadRecord(format!(
                "a {what} has an id this app does not make"
            )));
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
        check_text("a case", TextField::CaseName, &case.name)?;
        check_text("a case", TextField::School, &case.school)?;
        check_text("a case", TextField::Contacts, &case.contacts)?;
        check_ids("log entry", &case.entries)?;
        check_ids("note", &case.notes)?;
        for entry in case.live_entries() {
            check_date("a log entry", entry.date)?;
            if let Some(follow_up) = entry.follow_up {
                check_date("a follow-up", follow_up)?;
            }
            for (field, text) in [
                (TextField::Person, &entry.person),
                (TextField::Subject, &entry.subject),
                (TextField::Summary, &entry.summary),
                (TextField::Promised, &entry.promised),
                (TextField::PromisedBy, &entry.promised_by),
                (TextField::KeptWhere, &entry.kept_where),
            ] {
                check_text("a log entry", field, text)?;
            }
        }
        for note in case.live_notes() {
            check_date("a note", note.date)?;
            check_text("a note", TextField::NoteTitle, &note.title)?;
            check_text("a note", TextField::NoteBody, &note.body)?;
        }
    }
    Ok(())
}

/// How far ahead of this device's clock a change time may be and still count as true: another
/// device's clock may run a little fast. Beyond it, the time is taken to be wrong.
pub const CLOCK_TOLERANCE: Millis = 24 * 60 * 60 * 1000;

/// Brings change times from the future (a device with its clock wrong, or an edited file) back
/// to `to` (at most `now`), and negative ones to 0, so that they cannot outrank later edits or
/// overflow. Deleted records are made bare tombstones. Returns how many times were changed.
pub fn settle_times(casebook: &mut Casebook, now: Millis, to: Millis) -> usize {
    let mut changed = 0;
    let latest = now.saturating_add(CLOCK_TOLERANCE);
    let to = to.clamp(0, now);
    let mut settle = |time: &mut Millis| {
        let settled = if *time > latest { to } else { (*time).max(0) };
        if settled != *time {
            *time = settled;
            changed += 1;
        }
    };
    for case in &mut casebook.cases {
        settle(&mut case.updated);
        for entry in &mut case.entries {
            settle(&mut entry.updated);
            entry.scrub();
        }
        for note in &mut case.notes {
            settle(&mut note.updated);
            note.scrub();
        }
        if case.deleted {
            case.name.clear();
            case.school.clear();
            case.entries.clear();
            case.notes.clear();
        }
    }
    if let Some(at) = casebook.last_backup.as_mut() {
        settle(at);
    }
    changed
}

/// `file` instead of `here`, as a change made `now`: what `here` has and `file` does not
/// becomes a tombstone (so another tab or a later merge cannot bring it back), and every record
/// of `file` that differs from `here` is stamped `now` (so it outranks the copies elsewhere).
pub fn replace(here: &Casebook, file: &Casebook, now: Millis) -> Casebook {
    fn replace_records<T: CaseRecord>(here: &[T], file: &[T], now: Millis) -> Vec<T> {
        let mut out: Vec<T> = file
            .iter()
            .map(|record| {
                if here.iter().find(|r| r.id() == record.id()) == Some(record) {
                    record.clone()
                } else {
                    record.stamped(now)
                }
            })
            .collect();
        for gone in here
            .iter()
            .filter(|r| !file.iter().any(|f| f.id() == r.id()))
        {
            out.push(gone.buried(now));
        }
        out
    }
    let mut cases = Vec::new();
    for case in &file.cases {
        let mut case = case.clone();
        let mine = here.cases.iter().find(|c| c.id == case.id);
        let (my_entries, my_notes) =
            mine.map_or((&[][..], &[][..]), |c| (&c.entries[..], &c.notes[..]));
        case.entries = replace_records(my_entries, &case.entries, now);
        case.notes = replace_records(my_notes, &case.notes, now);
        let header_differs = mine.is_none_or(|m| {
            (&m.name, &m.school, m.plan_status, m.deleted)
                != (&case.name, &case.school, case.plan_status, case.deleted)
        });
        if header_differs
            || case.entries.iter().any(|e| e.updated == now)
            || case.notes.iter().any(|n| n.updated == now)
        {
            case.updated = now;
        }
        cases.push(case);
    }
    for gone in here
        .cases
        .iter()
        .filter(|c| !file.cases.iter().any(|f| f.id == c.id))
    {
        let mut tombstone = gone.clone();
        if !tombstone.deleted {
            tombstone.updated = now;
        }
        tombstone.deleted = true;
        tombstone.name.clear();
        tombstone.school.clear();
        tombstone.entries.clear();
        tombstone.notes.clear();
        cases.push(tombstone);
    }
    Casebook {
        schema_version: SCHEMA_VERSION,
        cases,
        last_backup: here.last_backup.max(file.last_backup),
    }
}

/// Takes back a Replace made `now`-ish: every record still exactly as the Replace left it
/// (`after`) goes back to how it was `before` (stamped `now`, so it outranks copies elsewhere);
/// anything changed or added since, in this tab or another, is kept as it is.
pub fn undo_replace(
    current: &Casebook,
    before: &Casebook,
    after: &Casebook,
    now: Millis,
) -> Casebook {
    fn revert<T: CaseRecord>(current: &[T], before: &[T], after: &[T], now: Millis) -> Vec<T> {
        let mut out: Vec<T> = current.to_vec();
        let mut ids: Vec<&str> = before.iter().chain(after).map(Record::id).collect();
        ids.dedup();
        for id in ids {
            let here = out.iter().position(|r| r.id() == id);
            let left = after.iter().find(|r| r.id() == id);
            let untouched = match (here.map(|i| &out[i]), left) {
                (Some(c), Some(a)) => c == a,
                (None, None) => true,
                _ => false,
            };
            if !untouched {
                continue;
            }
            match (before.iter().find(|r| r.id() == id), here) {
                // The Replace left it as it was: nothing to take back.
                (Some(was), Some(i)) if *was == out[i] => {}
                (Some(was), Some(i)) => out[i] = was.stamped(now),
                (Some(was), None) => out.push(was.stamped(now)),
                (None, Some(i)) => out[i] = out[i].buried(now),
                (None, None) => {}
            }
        }
        out
    }
    let header = |c: &Case| {
        (
            c.name.clone(),
            c.school.clone(),
            c.plan_status,
            c.updated,
            c.deleted,
        )
    };
    let mut result = current.clone();
    let mut ids: Vec<String> = before
        .cases
        .iter()
        .chain(&after.cases)
        .map(|c| c.id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        let was = before.cases.iter().find(|c| c.id == id);
        let left = after.cases.iter().find(|c| c.id == id);
        let empty = Case {
            id: id.clone(),
            name: String::new(),
            school: String::new(),
            birth_date: None,
            contacts: String::new(),
            plan_status: super::casebook::PlanStatus::NoPlan,
            entries: Vec::new(),
            notes: Vec::new(),
            updated: 0,
            deleted: true,
        };
        let position = match result.cases.iter().position(|c| c.id == id) {
            Some(i) => i,
            None => {
                result.cases.push(empty.clone());
                result.cases.len() - 1
            }
        };
        let case = &mut result.cases[position];
        let (was, left) = (was.unwrap_or(&empty), left.unwrap_or(&empty));
        case.entries = revert(&case.entries, &was.entries, &left.entries, now);
        case.notes = revert(&case.notes, &was.notes, &left.notes, now);
        let kept_since = case.live_entries().any(|e| !was.entries.contains(e))
            || case.live_notes().any(|n| !was.notes.contains(n));
        if header(case) == header(left)
            && header(was) != header(left)
            && !(was.deleted && kept_since)
        {
            case.name = was.name.clone();
            case.school = was.school.clone();
            case.plan_status = was.plan_status;
            case.deleted = was.deleted;
            case.updated = now;
        }
        if case.deleted {
            case.name.clear();
            case.school.clear();
            case.entries.clear();
            case.notes.clear();
        }
    }
    result
}

/// `mine` with every record deleted in it but alive in `theirs` back, as a change made `now`.
fn bring_back<T: CaseRecord>(mine: &[T], theirs: &[T], now: Millis) -> Vec<T> {
    let revived: Vec<T> = theirs
        .iter()
        .filter(|r| !r.is_deleted())
        .filter(|r| mine.iter().any(|m| m.id() == r.id() && m.is_deleted()))
        .map(|r| r.stamped(now))
        .collect();
    merge_records(mine, &revived)
}

/// A merge in which what was deleted on this device but is alive in `file` comes back (stamped
/// `now`): how a parent brings back one deleted case from a backup without losing newer work.
pub fn merge_bringing_back(here: &Casebook, file: &Casebook, now: Millis) -> Casebook {
    let mut merged = merge(here, file);
    for case in &mut merged.cases {
        let Some(theirs) = file.cases.iter().find(|c| c.id == case.id && !c.deleted) else {
            continue;
        };
        if case.deleted {
            *case = theirs.clone();
            case.updated = now;
        }
        case.entries = bring_back(&case.entries, &theirs.entries, now);
        case.notes = bring_back(&case.notes, &theirs.notes, now);
    }
    merged
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
    /// Live cases, entries and notes on this device that the file does not have: what Replace
    /// would remove.
    pub only_here: usize,
    /// Cases deleted on this device that the file still has, by name: Merge keeps them
    /// deleted; "Merge, and bring back" brings them back.
    pub deleted_here: Vec<String>,
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
    for case in here.live_cases() {
        match file.cases.iter().find(|c| c.id == case.id) {
            None => {
                preview.only_here += 1 + case.live_entries().count() + case.live_notes().count()
            }
            Some(theirs) => {
                preview.only_here += case
                    .live_entries()
                    .filter(|e| !theirs.entries.iter().any(|t| t.id == e.id))
                    .count()
                    + case
                        .live_notes()
                        .filter(|n| !theirs.notes.iter().any(|t| t.id == n.id))
                        .count();
            }
        }
    }
    preview.deleted_here = file
        .live_cases()
        .filter(|c| here.cases.iter().any(|h| h.id == c.id && h.deleted))
        .map(|c| c.name.clone())
        .collect();
    preview
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Keep everything, taking the newer version of each record.
    Merge,
    /// As Merge, and what was deleted on this device but is in the file comes back.
    MergeBringingBack,
    /// Use the backup instead of what is on the device (with tombstones for what goes).
    Replace,
}

pub fn apply(here: &Casebook, file: &Casebook, mode: ImportMode, now: Millis) -> Casebook {
    match mode {
        ImportMode::Merge => merge(here, file),
        ImportMode::MergeBringingBack => merge_bringing_back(here, file, now),
        ImportMode::Replace => replace(here, file, now),
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
    use super::words::long_date;
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
        let merged = apply(&here, &file, ImportMode::Merge, 20_000);
        assert!(
            merged.case("case-1").is_none(),
            "the newer deletion wins a merge"
        );
        for mode in [ImportMode::Replace, ImportMode::MergeBringingBack] {
            let back = apply(&here, &file, mode, 20_000);
            let case = back.case("case-1").expect("back");
            let texts = |entries: &[crate::domain::casebook::LogEntry]| {
                entries
                    .iter()
                    .map(|e| (e.id.clone(), e.summary.clone(), e.deleted))
                    .collect::<Vec<_>>()
            };
            assert_eq!(texts(&case.entries), texts(&backup.cases[0].entries));
            assert_eq!(case.updated, 20_000, "newer than the deletion");
            assert_eq!(
                merge(&here, &back).case("case-1"),
                Some(case),
                "and stays back"
            );
        }
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
        let junk = vec![b'a'; MAX_BACKUP_BYTES + 1];
        assert_eq!(
            read_backup(&junk),
            Err(ImportError::TooLarge { bytes: junk.len() })
        );
    }

    #[test]
    fn wrong_types_and_hostile_content_are_refused() {
        let good = export_json(&sample(), 1);
        let wrong_type = good.replace("\"plan_status\":\"has-plan\"", "\"plan_status\":42");
        assert!(
            matches!(
                read_backup(wrong_type.as_bytes()),
                Err(ImportError::Migration(_))
            ),
            "{wrong_type}"
        );
        let slash = good.replace("\"e2\"", "\"../e2\"");
        assert!(
            matches!(read_backup(slash.as_bytes()), Err(ImportError::BadRecord(m)) if m.contains("id this app does not make"))
        );
        let bad_date = good.replace("2025-06-30", "2025-02-30");
        assert!(read_backup(bad_date.as_bytes()).is_err());
        let twice = good.replace("\"e2\"", "\"e1\"");
        assert!(
            matches!(read_backup(twice.as_bytes()), Err(ImportError::BadRecord(m)) if m.contains("share the id"))
        );
        let newer = good.replace("\"schema_version\":2", "\"schema_version\":99");
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
        assert_eq!((p.only_here, p.deleted_here.len()), (0, 0));
        let mut gone = here.clone();
        gone.cases[0]
            .entries
            .push(entry("only-here", d(2025, 7, 4), 5));
        gone.cases
            .push(case("case-9", vec![entry("x", d(2025, 7, 4), 5)]));
        assert_eq!(
            preview(&gone, &file).only_here,
            3,
            "an entry, and a case with its entry"
        );
        let mut deleted = here.clone();
        deleted.delete_case("case-1", 9_999).expect("there");
        assert_eq!(preview(&deleted, &file).deleted_here, ["A.B."]);
        let merged = apply(&here, &file, ImportMode::Merge, 1_000);
        assert_eq!(merged.cases[0].entries.len(), 3);
        assert_eq!(
            merged.cases[0].entries[1].updated, 200,
            "the device's newer record is kept"
        );
        let replaced = apply(&here, &file, ImportMode::Replace, 1_000);
        assert_eq!(
            replaced.cases[0].entries[1].updated, 1_000,
            "the file's version, as a change made now"
        );
        assert_eq!(
            merge(&here, &replaced),
            replaced,
            "a merge with the old copy keeps the replacement"
        );
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

    #[test]
    fn undoing_a_replace_keeps_what_was_added_or_changed_since() {
        let before = sample();
        let mut file = sample();
        file.cases[0].id = "case-2".into();
        let after = replace(&before, &file, 1_000);
        assert!(after.case("case-1").is_none() && after.case("case-2").is_some());
        // Since the Replace: a new case, and an edit to the file's case.
        let mut current = after.clone();
        current
            .cases
            .push(case("case-3", vec![entry("n1", d(2025, 8, 1), 1_100)]));
        let theirs = current.case_mut("case-2").expect("from the file");
        theirs.entries[0].summary = "edited since".into();
        theirs.entries[0].updated = 1_200;
        let undone = undo_replace(&current, &before, &after, 2_000);
        assert_eq!(
            undone.case("case-1").map(|c| c.live_entries().count()),
            Some(2),
            "back"
        );
        assert!(
            undone.case("case-3").is_some(),
            "the case added since stays"
        );
        let kept = undone.case("case-2").expect("changed since, so kept");
        assert_eq!(kept.entries[0].summary, "edited since");
        assert!(kept.entries[1].deleted, "untouched since: taken back");
        // And another tab's older copy cannot undo the undo.
        assert_eq!(merge(&after, &undone).case("case-1"), undone.case("case-1"));
    }

    #[test]
    fn change_times_from_the_future_or_near_the_integer_limit_are_settled() {
        let now = 1_750_000_000_000;
        let mut book = sample();
        book.cases[0].entries[0].updated = i64::MAX;
        book.cases[0].entries[1].updated = now + 1_000; // a clock a second fast: true
        book.cases[0].updated = -5;
        book.last_backup = Some(now + CLOCK_TOLERANCE + 1);
        assert_eq!(settle_times(&mut book, now, now - 500), 3);
        assert_eq!(book.cases[0].entries[0].updated, now - 500);
        assert_eq!(book.cases[0].entries[1].updated, now + 1_000);
        assert_eq!(
            (book.cases[0].updated, book.last_backup),
            (0, Some(now - 500))
        );
        // The same file read again later gives the same times.
        let mut file = sample();
        file.cases[0].entries[0].updated = i64::MAX;
        let text = export_json(&file, now - 500);
        let (first, settled) = read_backup_at(text.as_bytes(), now).expect("reads");
        let (again, _) = read_backup_at(text.as_bytes(), now + 60_000).expect("reads");
        assert_eq!((settled, &first), (1, &again));
        let mut edited = book.clone();
        edited.cases[0].entries[0].summary = "edited".into();
        edited.cases[0].entries[0].updated = now + 2_000;
        assert_eq!(merge(&book, &edited).cases[0].entries[0].summary, "edited");
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
