//! An iCalendar (RFC 5545) file of deadlines, for "Add to calendar".
//!
//! All-day events; a UID made from the rule and the date it was counted from, so importing the
//! same dates again updates the events instead of duplicating them; text escaped and lines
//! folded as the standard requires; CRLF line endings.

use super::deadlines::Deadline;
use super::words::long_date;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

/// `20250901`: the iCalendar DATE form (by hand, to keep chrono's formatter out of the app).
fn ical_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// `20261127T093000Z`: the iCalendar UTC DATE-TIME form.
fn ical_utc(stamp: NaiveDateTime) -> String {
    format!(
        "{}T{:02}{:02}{:02}Z",
        ical_date(stamp.date()),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    )
}

/// Escapes TEXT values: backslash, semicolon, comma and newlines.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            other => out.push(other),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
pub fn fold_line(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

/// FNV-1a: a tiny hash that gives the same answer in every version of the app.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A stable identifier for a deadline: the same rule for the same `key` always gets the same
/// UID, whatever its date, so a corrected date updates the event already in the calendar.
pub fn uid(deadline: &Deadline, key: &str, index: usize) -> String {
    uid_for(&format!("{key}|{:?}|{index}", deadline.rule))
}

/// The UID for an event named by `key`: the same key always gives the same UID.
pub fn uid_for(key: &str) -> String {
    format!("{:016x}@send-casebook", fnv1a(key))
}

/// One all-day event, with reminders a week and a day before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// What a deadline's event says: how the date was worked out, with its sources.
pub fn deadline_description(deadline: &Deadline) -> String {
    let mut description: Vec<String> = deadline
        .steps
        .iter()
        .map(|s| format!("{} ({})", s.text, s.source))
        .collect();
    if let Some(later) = &deadline.later_reading {
        description.push(later.note.clone());
    }
    description.extend(deadline.notes.iter().cloned());
    description.push("Worked out by SEND Casebook. Not legal advice: check with SENDIASS.".into());
    description.join("\n")
}

/// A deadline's title, with "by 5pm" where the time of day matters.
pub fn deadline_summary(deadline: &Deadline) -> String {
    if deadline.by_5pm {
        format!("{} (by 5pm)", deadline.title())
    } else {
        deadline.title()
    }
}

/// The calendar file of "My dates". `key` names what the dates belong to (for example the
/// situation picked), so that re-importing after correcting a date replaces the old events.
pub fn calendar(deadlines: &[Deadline], key: &str, stamp: NaiveDateTime) -> String {
    let events: Vec<CalendarEvent> = deadlines
        .iter()
        .enumerate()
        .map(|(index, deadline)| CalendarEvent {
            uid: uid(deadline, key, index),
            date: deadline.act_by(),
            summary: deadline_summary(deadline),
            description: deadline_description(deadline),
        })
        .collect();
    calendar_file(&events, "My dates", stamp)
}

/// An iCalendar file of `events`. `product` names the part of the app that made it.
pub fn calendar_file(events: &[CalendarEvent], product: &str, stamp: NaiveDateTime) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!("PRODID:-//SEND Casebook//{product}//EN"),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "X-WR-CALNAME:SEND Casebook dates".to_string(),
    ];
    for event in events {
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", event.uid),
            format!("DTSTAMP:{}", ical_utc(stamp)),
            format!("DTSTART;VALUE=DATE:{}", ical_date(event.date)),
            format!(
                "DTEND;VALUE=DATE:{}",
                ical_date(event.date + Duration::days(1))
            ),
            format!("SUMMARY:{}", escape_text(&event.summary)),
            format!("DESCRIPTION:{}", escape_text(&event.description)),
            "TRANSP:TRANSPARENT".to_string(),
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            format!(
                "DESCRIPTION:{}",
                escape_text(&format!("{}: {}", event.summary, long_date(event.date)))
            ),
            "TRIGGER:-P7D".to_string(),
            "END:VALARM".to_string(),
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            format!(
                "DESCRIPTION:{}",
                escape_text(&format!("Tomorrow: {}", event.summary))
            ),
            "TRIGGER:-P1D".to_string(),
            "END:VALARM".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".to_string());
    lines
        .iter()
        .map(|l| fold_line(l))
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadlines::{explain_appeal_deadline, explain_mediation_adviser_deadline};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn stamp() -> NaiveDateTime {
        d(2026, 11, 27).and_hms_opt(9, 30, 0).expect("time")
    }

    #[test]
    fn dates_and_stamps_use_the_icalendar_forms() {
        assert_eq!(ical_date(d(2025, 9, 1)), "20250901");
        assert_eq!(ical_utc(stamp()), "20261127T093000Z");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold_line(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
    }

    #[test]
    fn the_file_parses_back_with_all_day_events_and_stable_uids() {
        let decision = d(2025, 6, 30);
        let deadlines = vec![
            explain_mediation_adviser_deadline(decision),
            explain_appeal_deadline(decision, None, true),
        ];
        let text = calendar(&deadlines, "final-plan-issued", stamp());
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.lines().all(|l| l.len() <= 76), "folded");

        let mut parser = ical::IcalParser::new(text.as_bytes());
        let parsed = parser
            .next()
            .expect("one calendar")
            .expect("valid iCalendar");
        assert_eq!(parsed.events.len(), 2);
        let property = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
                .unwrap_or_default()
        };
        let appeal = &parsed.events[1];
        assert_eq!(property(appeal, "DTSTART"), "20250901");
        assert_eq!(property(appeal, "DTEND"), "20250902");
        let params = appeal
            .properties
            .iter()
            .find(|p| p.name == "DTSTART")
            .and_then(|p| p.params.clone());
        assert_eq!(
            params,
            Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])])
        );
        assert!(property(appeal, "SUMMARY").contains("by 5pm"));
        assert!(property(appeal, "DESCRIPTION").contains("HESC Rules r 12(3)(a)"));
        assert_eq!(appeal.alarms.len(), 2, "a week before and a day before");

        // A corrected decision date keeps the UIDs: a second import updates the events.
        let corrected = d(2025, 7, 2);
        let corrected = vec![
            explain_mediation_adviser_deadline(corrected),
            explain_appeal_deadline(corrected, None, true),
        ];
        let again = calendar(&corrected, "final-plan-issued", stamp());
        assert_ne!(text, again);
        let uids = |t: &str| {
            t.lines()
                .filter(|l| l.starts_with("UID:"))
                .map(String::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(uids(&text), uids(&again));
        assert_ne!(uids(&text)[0], uids(&text)[1], "each event has its own UID");
    }
}
