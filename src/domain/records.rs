//! A case's deadlines and summary, worked out from its log through the one event model
//! ([`super::events`]): what is next, what the council (or another body) has missed, follow-ups
//! and the last contact with each party.

use super::casebook::{Case, Direction, LogEntry, Party};
use super::events::{follow, Followed, Happened, Standing};
use super::sorting;
use chrono::NaiveDate;

/// Every deadline that follows from a case's key dates, each with the entry it follows from
/// and its standing today. Deadlines repeated by a later entry are left out.
pub fn case_deadlines(case: &Case, today: NaiveDate) -> Vec<(&LogEntry, Followed)> {
    let entries: Vec<&LogEntry> = case
        .live_entries()
        .filter(|e| e.key_date.is_some())
        .collect();
    let events: Vec<Happened> = entries
        .iter()
        .filter_map(|e| {
            e.key_date.map(|key| Happened {
                id: &e.id,
                date: e.date,
                key,
            })
        })
        .collect();
    follow(&events, today)
        .into_iter()
        .filter(|f| !f.repeated)
        .map(|f| (entries[f.event], f))
        .collect()
}

/// The deadlines of one entry, with their standing in its case today.
pub fn entry_deadlines(case: &Case, entry_id: &str, today: NaiveDate) -> Vec<Followed> {
    case_deadlines(case, today)
        .into_iter()
        .filter(|(e, _)| e.id == entry_id)
        .map(|(_, f)| f)
        .collect()
}

/// A deadline with the entry it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDeadline {
    pub entry_id: String,
    pub entry_subject: String,
    pub followed: Followed,
}

/// A date to chase something up: what was promised and by whom, or else the entry's subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub entry_id: String,
    /// "Promised by Ms Patel: send the therapy report", or the entry's subject.
    pub what: String,
    pub date: NaiveDate,
    pub passed: bool,
    /// Ticked as kept.
    pub kept: bool,
    /// The letter that chases it: a promise to follow up, or a reply to a letter sent.
    pub letter: &'static str,
}

/// What the case summary shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    /// Deadlines from today on, soonest first.
    pub upcoming: Vec<CaseDeadline>,
    /// The council's (or another body's) deadlines that have passed with nothing logged to say
    /// they were done, soonest first.
    pub overdue_for_others: Vec<CaseDeadline>,
    /// Entries with a follow-up date, soonest first.
    pub follow_ups: Vec<FollowUp>,
    /// The last contact with each party, most recent first.
    pub last_contact: Vec<(Party, NaiveDate)>,
}

pub fn case_summary(case: &Case, today: NaiveDate) -> CaseSummary {
    let mut upcoming = Vec::new();
    let mut overdue_for_others = Vec::new();
    for (entry, followed) in case_deadlines(case, today) {
        let item = CaseDeadline {
            entry_id: entry.id.clone(),
            entry_subject: entry.subject.clone(),
            followed,
        };
        match item.followed.standing {
            Standing::Upcoming(_) | Standing::DueToday => upcoming.push(item),
            Standing::Overdue { .. } => overdue_for_others.push(item),
            _ => {}
        }
    }
    sorting::sort_by_key(&mut upcoming, |i| i.followed.deadline.act_by());
    sorting::sort_by_key(&mut overdue_for_others, |i| i.followed.deadline.date);
    let mut follow_ups: Vec<FollowUp> = case
        .live_entries()
        .filter_map(|e| {
            let what = match (e.promised.is_empty(), e.promised_by.is_empty()) {
                (true, _) if e.direction == Direction::Sent => format!("Reply due: {}", e.subject),
                (true, _) => e.subject.clone(),
                (false, true) => format!("Promised: {}", e.promised),
                (false, false) => format!("Promised by {}: {}", e.promised_by, e.promised),
            };
            let letter = if e.promised.trim().is_empty() && e.direction == Direction::Sent {
                "chase-reply"
            } else {
                "follow-up-promise"
            };
            e.follow_up.map(|date| FollowUp {
                entry_id: e.id.clone(),
                what,
                date,
                passed: date < today,
                kept: e.promise_kept,
                letter,
            })
        })
        .collect();
    sorting::sort_by_key(&mut follow_ups, |f| f.date);
    let mut last_contact: Vec<(Party, NaiveDate)> = Vec::new();
    for entry in case.live_entries() {
        match last_contact.iter_mut().find(|(p, _)| *p == entry.party) {
            Some((_, date)) if *date < entry.date => *date = entry.date,
            Some(_) => {}
            None => last_contact.push((entry.party, entry.date)),
        }
    }
    sorting::sort_by(&mut last_contact, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    CaseSummary {
        upcoming,
        overdue_for_others,
        follow_ups,
        last_contact,
    }
}

/// A piece of the parent's own contacts as typed: plain text, a phone number to call, or an
/// email address to write to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactPiece {
    Text(String),
    /// As typed, and the number to dial (digits, with a leading +).
    Phone(String, String),
    Email(String),
}

fn is_email(word: &str) -> bool {
    match word.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !word.contains(['<', '>', '"', '\'', '(', ')', ',', ';', ':'])
        }
        None => false,
    }
}

/// Splits the parent's contacts into text, phone numbers (10 or more digits, starting with 0
/// or +) and email addresses, so each can be tapped. Line breaks stay in the text.
pub fn contact_pieces(text: &str) -> Vec<ContactPiece> {
    let mut pieces: Vec<ContactPiece> = Vec::new();
    let push_text = |pieces: &mut Vec<ContactPiece>, t: &str| {
        if t.is_empty() {
            return;
        }
        if let Some(ContactPiece::Text(last)) = pieces.last_mut() {
            last.push_str(t);
        } else {
            pieces.push(ContactPiece::Text(t.to_string()));
        }
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut plain_from = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let word_start = i == 0 || chars[i - 1].1.is_whitespace();
        // A phone number: +, a digit or "(" and a digit, then digits with single separators
        // (a space, "-" or "."), and brackets around a group: 01234 567890, (01234) 567890,
        // 01234-567890, +44 (0)1234 567890.
        let opens_number = c == '+'
            || c.is_ascii_digit()
            || (c == '(' && chars.get(i + 1).is_some_and(|n| n.1.is_ascii_digit()));
        if word_start && opens_number {
            let mut j = i + 1;
            let mut last_digit = if c.is_ascii_digit() { i } else { usize::MAX };
            let mut open = c == '(';
            // Where the bracket opened at the start closed, if it did.
            let mut first_closed_at = None;
            while j < chars.len() {
                let ch = chars[j].1;
                let next = chars.get(j + 1).map(|n| n.1);
                let next_digit = next.is_some_and(|n| n.is_ascii_digit());
                if ch.is_ascii_digit() {
                    last_digit = j;
                } else if ch == ')' && open && chars[j - 1].1.is_ascii_digit() {
                    open = false;
                    if c == '(' && first_closed_at.is_none() {
                        first_closed_at = Some(j);
                    }
                } else if ch == '(' && !open && chars[j - 1].1 == ' ' && next_digit {
                    open = true;
                } else if !(matches!(ch, ' ' | '-' | '.')
                    && (next_digit || (ch == ' ' && next == Some('('))))
                {
                    break;
                }
                j += 1;
            }
            if last_digit != usize::MAX {
                // A bracket around the whole number, or never closed, is text around it:
                // "(01234 567890)". One around a group is part of it: "(01234) 567890".
                let around = c == '(' && (open || first_closed_at == Some(last_digit + 1));
                let from = if around { i + 1 } else { i };
                let stop = last_digit + 1;
                let start = chars[from].0;
                let end = chars.get(stop).map_or(text.len(), |n| n.0);
                let typed = &text[start..end];
                // "+44 (0)1234": the 0 in brackets is not dialled from abroad.
                let dialled = if typed.starts_with('+') {
                    typed.replacen("(0)", "", 1)
                } else {
                    typed.to_string()
                };
                let digits: String = dialled.chars().filter(char::is_ascii_digit).collect();
                let ends_word = chars.get(stop).is_none_or(|n| !n.1.is_alphanumeric());
                let balanced = typed.matches('(').count() == typed.matches(')').count();
                let first_group = typed
                    .split([' ', '-', '.', '(', ')'])
                    .find(|g| !g.is_empty())
                    .unwrap_or("")
                    .len();
                let plausible = first_group >= 3
                    && digits.len() >= 10
                    && digits.len() <= 13
                    && (typed.starts_with('+')
                        || typed.starts_with('0')
                        || typed.starts_with("(0"));
                if plausible && ends_word && balanced {
                    push_text(&mut pieces, &text[plain_from..start]);
                    let dial = if typed.starts_with('+') {
                        format!("+{digits}")
                    } else {
                        digits
                    };
                    pieces.push(ContactPiece::Phone(typed.to_string(), dial));
                    i = stop;
                    plain_from = end;
                    continue;
                }
            }
        }
        if word_start && !c.is_whitespace() {
            let mut j = i;
            while j < chars.len() && !chars[j].1.is_whitespace() {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |n| n.0);
            let word = &text[at..end];
            let trimmed = word.trim_end_matches(['.', ',', ';', ')']);
            if is_email(trimmed) {
                push_text(&mut pieces, &text[plain_from..at]);
                pieces.push(ContactPiece::Email(trimmed.to_string()));
                plain_from = at + trimmed.len();
                i = j;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_text(&mut pieces, &text[plain_from..]);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parents_contacts_become_text_phone_numbers_and_emails() {
        use ContactPiece::*;
        assert_eq!(
            contact_pieces(
                "SEN officer Jo: 01234 567890, jo.bloggs@council.gov.uk.\nSENDIASS +44 1992 555847"
            ),
            vec![
                Text("SEN officer Jo: ".into()),
                Phone("01234 567890".into(), "01234567890".into()),
                Text(", ".into()),
                Email("jo.bloggs@council.gov.uk".into()),
                Text(".\nSENDIASS ".into()),
                Phone("+44 1992 555847".into(), "+441992555847".into()),
            ]
        );
        // Short numbers, dates and years stay text; so does an @ without a domain.
        assert_eq!(
            contact_pieces("Room 12, since 2024, @school, 3 12 2026"),
            vec![Text("Room 12, since 2024, @school, 3 12 2026".into())]
        );
        assert_eq!(contact_pieces(""), vec![]);
        // A date and time written with spaces is not a phone number.
        assert_eq!(
            contact_pieces("01 09 2025 10 30"),
            vec![Text("01 09 2025 10 30".into())]
        );
        assert_eq!(
            contact_pieces("é 07700 900123é"),
            vec![Text("é 07700 900123é".into())]
        );
    }

    /// Numbers written the other ways parents and councils write them.
    #[test]
    fn phone_numbers_with_brackets_dashes_and_dots_are_tappable() {
        use ContactPiece::*;
        let phone = |typed: &str, dial: &str| Phone(typed.into(), dial.into());
        for (text, typed, dial) in [
            ("(01234) 567890", "(01234) 567890", "01234567890"),
            ("01234-567890", "01234-567890", "01234567890"),
            ("01234.567.890", "01234.567.890", "01234567890"),
            ("0300 123-4567", "0300 123-4567", "03001234567"),
            ("+44 (0)1234 567890", "+44 (0)1234 567890", "+441234567890"),
            ("+44 1992 555847", "+44 1992 555847", "+441992555847"),
            ("(020) 7946 0018", "(020) 7946 0018", "02079460018"),
        ] {
            assert_eq!(contact_pieces(text), vec![phone(typed, dial)], "{text}");
            // In a sentence, in brackets, and at the end of one.
            assert_eq!(
                contact_pieces(&format!("Call {text}.")),
                vec![Text("Call ".into()), phone(typed, dial), Text(".".into())],
                "{text}"
            );
            assert_eq!(
                contact_pieces(&format!("SENCo: {text}, mornings")),
                vec![
                    Text("SENCo: ".into()),
                    phone(typed, dial),
                    Text(", mornings".into())
                ],
                "{text}"
            );
        }
        // Brackets around the whole number, or one never closed, stay text; so do dates and
        // times with dashes or dots.
        assert_eq!(
            contact_pieces("SENCo (01234 567890), mornings"),
            vec![
                Text("SENCo (".into()),
                phone("01234 567890", "01234567890"),
                Text("), mornings".into())
            ]
        );
        assert_eq!(
            contact_pieces("(01234 567890"),
            vec![Text("(".into()), phone("01234 567890", "01234567890")]
        );
        for text in [
            "01-09-2025-10-30",
            "01.09.2025 10.30",
            "2025-06-01",
            "(12) 345",
            "3.5 hours",
        ] {
            assert_eq!(contact_pieces(text), vec![Text(text.into())], "{text}");
        }
    }
    use crate::domain::casebook::tests::{case, d, entry};
    use crate::domain::events::{EventKind, KeyDate, Standing};

    fn today() -> NaiveDate {
        d(2025, 7, 15)
    }

    #[test]
    fn a_decision_entry_gives_its_deadlines_and_they_follow_a_corrected_date() {
        let mut e = entry("a", d(2025, 6, 30), 1);
        e.key_date = Some(KeyDate::Decision {
            about: EventKind::FinalPlanIssued,
            school_only: false,
        });
        let dates_of = |e: &crate::domain::casebook::LogEntry| -> Vec<NaiveDate> {
            entry_deadlines(&case("k", vec![e.clone()]), "a", today())
                .iter()
                .map(|x| x.deadline.date)
                .collect()
        };
        assert_eq!(dates_of(&e), [d(2025, 8, 30), d(2025, 9, 1)]);
        e.date = d(2025, 7, 1);
        let corrected = dates_of(&e);
        assert_eq!(corrected, [d(2025, 9, 1), d(2025, 9, 1)]);
    }

    #[test]
    fn the_summary_shows_what_is_next_what_the_council_missed_and_last_contacts() {
        let mut request = entry("r", d(2025, 1, 6), 1);
        request.key_date = Some(KeyDate::RequestForAssessment);
        let mut decision = entry("d", d(2025, 6, 30), 2);
        decision.key_date = Some(KeyDate::Decision {
            about: EventKind::FinalPlanIssued,
            school_only: false,
        });
        decision.follow_up = Some(d(2025, 7, 10));
        let mut call = entry("c", d(2025, 7, 2), 3);
        call.party = Party::Senco;
        let k = case("k", vec![request, decision, call]);
        let summary = case_summary(&k, today());
        assert_eq!(
            summary
                .upcoming
                .iter()
                .map(|u| u.followed.deadline.date)
                .collect::<Vec<_>>(),
            [d(2025, 8, 30), d(2025, 9, 1)]
        );
        let late: Vec<Standing> = summary
            .overdue_for_others
            .iter()
            .map(|o| o.followed.standing)
            .collect();
        // The final plan logged on 30 June answers the 6, 16 and 20-week dates from the request
        // (the timeline shows how late it was), so none is listed as missed.
        assert!(late.is_empty(), "{late:?}");
        let without_plan = case("k", vec![k.entries[0].clone()]);
        let late: Vec<i64> = case_summary(&without_plan, today())
            .overdue_for_others
            .iter()
            .filter_map(|o| match o.followed.standing {
                Standing::Overdue { days, .. } => Some(days),
                _ => None,
            })
            .collect();
        assert_eq!(late, [148, 78, 50], "6, 16 and 20 weeks from 6 January");
        assert_eq!(
            summary.follow_ups,
            [FollowUp {
                entry_id: "d".to_string(),
                what: "Letter d".to_string(),
                date: d(2025, 7, 10),
                passed: true,
                kept: false,
                letter: "follow-up-promise",
            }]
        );
        // A promise is shown as what was promised, and by whom.
        let mut promise = entry("p", d(2025, 7, 1), 4);
        promise.promised = "Send the therapy report".into();
        promise.promised_by = "Ms Patel".into();
        promise.follow_up = Some(d(2025, 7, 20));
        let promised = case_summary(&case("k", vec![promise]), today());
        assert_eq!(
            promised.follow_ups[0].what,
            "Promised by Ms Patel: Send the therapy report"
        );
        assert_eq!(promised.follow_ups[0].letter, "follow-up-promise");
        // A letter sent with a reply date is chased with its own letter.
        let mut sent = entry("s", d(2025, 7, 1), 4);
        sent.direction = crate::domain::casebook::Direction::Sent;
        sent.follow_up = Some(d(2025, 7, 20));
        let chased = case_summary(&case("k", vec![sent]), today());
        assert_eq!(chased.follow_ups[0].letter, "chase-reply");
        assert_eq!(chased.follow_ups[0].what, "Reply due: Letter s");
        assert!(!promised.follow_ups[0].passed);
        assert_eq!(
            summary.last_contact,
            [
                (Party::Senco, d(2025, 7, 2)),
                (Party::CouncilSenTeam, d(2025, 6, 30))
            ]
        );
    }
}
