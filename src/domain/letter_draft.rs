//! A letter as the parent fills it in: pre-filled from a case and its log, checked field by
//! field, made into the text to send (plain text, an e-mail link, a printable page), and once
//! sent, a log entry, with the key date the letter starts where it starts a legal clock.

use super::calendar::{add_working_days, is_working_day, working_day_on_or_after};
use super::casebook::{Case, Direction, LogEntry, Method, Millis, Party, PlanStatus};
use super::date_input::{parse_birth_date, parse_date, DateError, DateParts};
use super::events::{EventKind, KeyDate, MediationScope};
use super::limits::TextField;
use super::words;
use crate::content::letters::{fill, FieldKind, Filled, Letter};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Working days the suggested reply date is after today.
pub const REPLY_WORKING_DAYS: u32 = 10;
/// The longest `mailto:` address the app hands to a mail app; longer letters are copied instead
/// (some mail apps and browsers cut or refuse long addresses).
pub const MAILTO_LIMIT: usize = 1_800;

/// The parent's name and contact details, remembered on the device for the next letter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub contact: String,
}

/// What the parent has typed into a letter's form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterDraft {
    /// Line and long fields, by id.
    pub texts: BTreeMap<String, String>,
    /// Date fields, by id.
    pub dates: BTreeMap<String, DateParts>,
}

/// Why a field stops the letter being made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LetterProblem {
    Empty,
    Date(DateError),
    /// Longer than a log entry can keep: its length.
    TooLong(usize),
}

/// A field's problem, by field id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub problem: LetterProblem,
}

/// A decision in the middle of a sentence: "… about my child, Sam: a decision not to issue an
/// EHC plan."
pub fn decision_in_words(kind: EventKind) -> &'static str {
    match kind {
        EventKind::DecisionNoAssessment => "a decision not to carry out an EHC needs assessment",
        EventKind::DecisionNoPlan => "a decision not to issue an EHC plan",
        EventKind::FinalPlanIssued => "the final EHC plan",
        EventKind::DecisionOnAmendment => "a decision not to amend the EHC plan",
        EventKind::DecisionToCease => "a decision to stop the EHC plan",
        _ => "",
    }
}

/// Who is on the school's side, or the council's, for the "who you have already spoken to"
/// line of a complaint.
fn spoken_to_for(letter_id: &str) -> &'static [Party] {
    match letter_id {
        "complaint-school" => &[Party::School, Party::Senco, Party::Headteacher],
        "complaint-council" => &[Party::CouncilSenTeam],
        _ => &[],
    }
}

/// "3 November 2026, meeting with Ms Patel (SENCo): Reading support" (the parent's words as
/// they typed them).
fn conversation_line(entry: &LogEntry) -> String {
    let how = match entry.direction {
        Direction::Meeting => "meeting with",
        Direction::Call => "phone call with",
        Direction::Sent => "I wrote to",
        Direction::Received => "letter from",
    };
    let who = if entry.person.trim().is_empty() {
        entry.party.label().to_string()
    } else {
        format!("{} ({})", entry.person.trim(), entry.party.label())
    };
    let about = if entry.subject.trim().is_empty() {
        String::new()
    } else {
        format!(": {}", entry.subject.trim())
    };
    format!("{}, {how} {who}{about}", words::day_month_year(entry.date))
}

impl LetterDraft {
    /// A letter's form filled from what the app knows: the case (child's name, date of birth,
    /// school), its log (the latest decision, the conversations a complaint should mention) and
    /// the entry it was opened from (a promise to follow up, a conversation to confirm), with a
    /// reply date 10 working days from today. Everything stays editable.
    pub fn prefilled(
        letter: &Letter,
        case: Option<&Case>,
        entry: Option<&LogEntry>,
        sender: &Sender,
        today: NaiveDate,
    ) -> Self {
        let mut texts: BTreeMap<String, String> = BTreeMap::new();
        let mut dates: BTreeMap<String, DateParts> = BTreeMap::new();
        let mut known: BTreeMap<&str, String> = BTreeMap::new();
        known.insert("your-name", sender.name.trim().to_string());
        known.insert("your-contact", sender.contact.trim().to_string());
        let mut known_dates: BTreeMap<&str, NaiveDate> = BTreeMap::new();
        known_dates.insert("reply-by", add_working_days(today, REPLY_WORKING_DAYS));
        if let Some(case) = case {
            known.insert("child", case.name.trim().to_string());
            if !case.school.trim().is_empty() {
                known.insert("school", case.school.trim().to_string());
            }
            if let Some(born) = case.birth_date {
                known_dates.insert("birth-date", born);
            }
            let decision = entry
                .filter(|e| matches!(e.key_date, Some(KeyDate::Decision { .. })))
                .or_else(|| {
                    case.live_entries()
                        .filter(|e| matches!(e.key_date, Some(KeyDate::Decision { .. })))
                        .max_by_key(|e| (e.date, e.updated))
                });
            if let Some((about, sent)) = decision.and_then(|e| match e.key_date {
                Some(KeyDate::Decision { about, .. }) => Some((about, e.date)),
                _ => None,
            }) {
                known.insert("decision", decision_in_words(about).to_string());
                known_dates.insert("decision-date", sent);
            }
            let parties = spoken_to_for(&letter.id);
            if !parties.is_empty() {
                let mut talks: Vec<&LogEntry> = case
                    .live_entries()
                    .filter(|e| parties.contains(&e.party) && e.date <= today)
                    .collect();
                talks.sort_by_key(|e| std::cmp::Reverse((e.date, e.updated)));
                let lines: Vec<String> = talks
                    .into_iter()
                    .take(5)
                    .rev()
                    .map(|e| format!("- {}", conversation_line(e)))
                    .collect();
                if !lines.is_empty() {
                    known.insert("tried", lines.join("\n"));
                }
            }
        }
        if let Some(entry) = entry {
            let person = if entry.promised_by.trim().is_empty() {
                entry.person.trim()
            } else {
                entry.promised_by.trim()
            };
            let role = match entry.party {
                Party::Headteacher | Party::Senco => entry.party.label(),
                _ => "Sir or Madam",
            };
            known.insert(
                "to-name",
                if person.is_empty() { role } else { person }.to_string(),
            );
            let promise = if entry.promised.trim().is_empty() {
                entry.subject.trim()
            } else {
                entry.promised.trim()
            };
            if !promise.is_empty() {
                known.insert("promise", promise_with_its_date(promise, entry.date));
            }
            known_dates.insert("promised-on", entry.date);
            if entry.direction == Direction::Sent {
                known_dates.insert("sent-on", entry.date);
            }
            if !entry.subject.trim().is_empty() {
                known.insert("topic", entry.subject.trim().to_string());
            }
            known.insert("when", words::day_month_year(entry.date));
            if !entry.summary.trim().is_empty() {
                known.insert("said", entry.summary.trim().to_string());
            }
        }
        for field in &letter.fields {
            match field.kind {
                FieldKind::Date => {
                    let parts = known_dates
                        .get(field.id.as_str())
                        .map(|d| DateParts::from_date(*d))
                        .unwrap_or_default();
                    dates.insert(field.id.clone(), parts);
                }
                FieldKind::Line | FieldKind::Long => {
                    let text = known.get(field.id.as_str()).cloned().unwrap_or_default();
                    texts.insert(field.id.clone(), text);
                }
            }
        }
        LetterDraft { texts, dates }
    }

    /// This draft filled in again for another case: each field the parent has not changed
    /// since `before` was filled in takes its value from `after`; what they typed stays.
    pub fn refilled(&self, before: &LetterDraft, after: &LetterDraft) -> LetterDraft {
        let mut next = self.clone();
        for (id, value) in &after.texts {
            if self.texts.get(id) == before.texts.get(id) {
                next.texts.insert(id.clone(), value.clone());
            }
        }
        for (id, value) in &after.dates {
            if self.dates.get(id) == before.dates.get(id) {
                next.dates.insert(id.clone(), value.clone());
            }
        }
        next
    }

    pub fn text(&self, id: &str) -> String {
        self.texts.get(id).cloned().unwrap_or_default()
    }

    pub fn date_parts(&self, id: &str) -> DateParts {
        self.dates.get(id).cloned().unwrap_or_default()
    }

    /// Each field's words as the letter will say them (dates in words), or every problem.
    pub fn values(
        &self,
        letter: &Letter,
        today: NaiveDate,
    ) -> Result<BTreeMap<String, String>, Vec<FieldProblem>> {
        let mut values = BTreeMap::new();
        let mut problems = Vec::new();
        for field in &letter.fields {
            let problem = match field.kind {
                FieldKind::Date => match if field.id == "birth-date" {
                    parse_birth_date(&self.date_parts(&field.id), today)
                } else {
                    parse_date(&self.date_parts(&field.id), today)
                } {
                    Ok(date) => {
                        values.insert(field.id.clone(), words::day_month_year(date));
                        None
                    }
                    Err(DateError::Missing) => Some(LetterProblem::Empty),
                    Err(e) => Some(LetterProblem::Date(e)),
                },
                FieldKind::Line | FieldKind::Long => {
                    let text = self.text(&field.id);
                    let limit = if field.kind == FieldKind::Line {
                        TextField::Subject
                    } else {
                        TextField::Promised
                    };
                    if text.trim().is_empty() && field.optional {
                        None
                    } else if text.trim().is_empty() {
                        Some(LetterProblem::Empty)
                    } else if let Err(length) = limit.check(text.trim()) {
                        Some(LetterProblem::TooLong(length))
                    } else {
                        values.insert(field.id.clone(), text.trim().to_string());
                        None
                    }
                }
            };
            if let Some(problem) = problem {
                problems.push(FieldProblem {
                    field: field.id.clone(),
                    problem,
                });
            }
        }
        if problems.is_empty() {
            Ok(values)
        } else {
            Err(problems)
        }
    }

    /// The letter as it will be sent, dated today, or every field still to fill or put right.
    /// Its subject must fit a log entry's subject, so that the entry "I have sent it" makes is
    /// one the app's own backups can read back.
    pub fn make(&self, letter: &Letter, today: NaiveDate) -> Result<Filled, Vec<FieldProblem>> {
        let values = self.values(letter, today)?;
        let filled = fill(letter, &values).map_err(|missing| {
            missing
                .into_iter()
                .map(|field| FieldProblem {
                    field,
                    problem: LetterProblem::Empty,
                })
                .collect::<Vec<_>>()
        })?;
        if let Err(length) = TextField::Subject.check(&filled.subject) {
            let field = letter
                .fields
                .iter()
                .filter(|f| letter.subject.contains(&format!("{{{}}}", f.id)))
                .max_by_key(|f| values.get(&f.id).map_or(0, |v| v.chars().count()))
                .map(|f| f.id.clone())
                .unwrap_or_default();
            return Err(vec![FieldProblem {
                field,
                problem: LetterProblem::TooLong(length),
            }]);
        }
        Ok(Filled {
            body: format!("{}\n\n{}", words::day_month_year(today), filled.body),
            ..filled
        })
    }

    /// The parent's name and contact as typed, to remember for the next letter.
    pub fn sender(&self) -> Sender {
        Sender {
            name: self.text("your-name").trim().to_string(),
            contact: self.text("your-contact").trim().to_string(),
        }
    }

    /// The reply date the letter asks for, if it asks for one and it reads as a date.
    pub fn reply_by(&self, letter: &Letter, today: NaiveDate) -> Option<NaiveDate> {
        letter.field("reply-by")?;
        parse_date(&self.date_parts("reply-by"), today).ok()
    }

    /// The key date that sending this letter is, if it starts a clock.
    pub fn key_date(&self, letter: &Letter, today: NaiveDate) -> Option<KeyDate> {
        Some(match letter.starts? {
            EventKind::RequestForAssessment => KeyDate::RequestForAssessment,
            EventKind::DeclinedMediation => KeyDate::DeclinedMediation,
            EventKind::AdviserContacted => KeyDate::AdviserContacted {
                decision_sent: parse_date(&self.date_parts("decision-date"), today).ok(),
            },
            EventKind::AskedForMediation => KeyDate::AskedForMediation {
                scope: if mentions_nothing(&self.text("health")) {
                    MediationScope::EducationOrCare
                } else {
                    MediationScope::HealthAndOther
                },
                icb_told: None,
            },
            _ => return None,
        })
    }
}

/// A promise with the day it names written out: "send the report by Friday" said on Wednesday
/// 2 December 2026 becomes "send the report by Friday (Friday 4 December 2026)", so that a
/// letter about it is clear. Anything else is left as it is.
pub fn promise_with_its_date(promise: &str, said_on: NaiveDate) -> String {
    let lower = promise.to_lowercase();
    let Some(at) = lower.rfind("by ") else {
        return promise.to_string();
    };
    let mut phrase = lower[at + 3..]
        .split(|c: char| c.is_whitespace() || [',', '.', ';', '!'].contains(&c))
        .filter(|w| !w.is_empty());
    let first = phrase.next().unwrap_or("");
    let relative = matches!(
        first,
        "tomorrow"
            | "next"
            | "this"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    );
    match super::drafts::date_in_promise(promise, said_on).filter(|_| relative) {
        Some(date) => format!(
            "{} ({})",
            promise.trim_end_matches(['.', ' ']),
            words::long_date(date)
        ),
        None => promise.to_string(),
    }
}

/// "None", "no", "n/a" or nothing: the parent wants no health care provision mediated.
fn mentions_nothing(text: &str) -> bool {
    let words = text
        .trim()
        .trim_end_matches('.')
        .to_lowercase()
        .replace('/', "");
    matches!(
        words.as_str(),
        "" | "none" | "no" | "na" | "nothing" | "not applicable"
    )
}

/// How a letter was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentHow {
    Email,
    /// First-class post.
    Post,
    /// Handed in.
    Hand,
}

impl SentHow {
    pub const ALL: [SentHow; 3] = [SentHow::Email, SentHow::Post, SentHow::Hand];

    pub fn id(self) -> &'static str {
        match self {
            SentHow::Email => "email",
            SentHow::Post => "post",
            SentHow::Hand => "hand",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SentHow::Email => "By email",
            SentHow::Post => "By first-class post",
            SentHow::Hand => "By hand",
        }
    }

    pub fn method(self) -> Method {
        match self {
            SentHow::Email => Method::Email,
            SentHow::Post | SentHow::Hand => Method::Letter,
        }
    }
}

/// The day a letter is usually taken as received, as advice services count it (IPSEA's model
/// letters): an email sent before 5pm on a working day, or a letter handed in on one, that day;
/// an email sent later or on a weekend or bank holiday, the next working day; first-class post,
/// the next working day after posting.
pub fn taken_as_received(sent: NaiveDate, how: SentHow, after_5pm: bool) -> NaiveDate {
    match how {
        SentHow::Email if after_5pm && is_working_day(sent) => add_working_days(sent, 1),
        SentHow::Email | SentHow::Hand => working_day_on_or_after(sent),
        SentHow::Post => add_working_days(sent, 1),
    }
}

/// How the letter went, for its log entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sending {
    pub date: NaiveDate,
    pub how: SentHow,
    /// An email sent after 5pm (it counts from the next working day).
    pub after_5pm: bool,
    /// Who it went to, by name, if the parent gave one.
    pub person: String,
    /// Who it went to, as the log names them.
    pub party: Party,
}

impl Sending {
    pub fn received(&self) -> NaiveDate {
        taken_as_received(self.date, self.how, self.after_5pm)
    }
}

/// The log entry for a letter sent: what was sent, to whom, the letter as its summary, the
/// reply date as its follow-up, and the key date it starts. A letter that starts a clock is
/// dated the day it is taken as received (the day the clock counts from), and its summary
/// says when and how it was sent.
pub fn sent_entry(
    filled: &Filled,
    sending: &Sending,
    key_date: Option<KeyDate>,
    follow_up: Option<NaiveDate>,
    id: &str,
    now: Millis,
) -> LogEntry {
    let (date, summary) = match key_date {
        Some(_) => {
            let received = sending.received();
            let how = words::lower_first(sending.how.label());
            let first = if received == sending.date {
                format!(
                    "Sent {how} on {}, and taken as received that day (the day its time limit counts from). If they say they received it on another day, change this entry's date.",
                    words::day_month_year(sending.date)
                )
            } else {
                format!(
                    "Sent {how} on {}, and taken as received on {} (the day its time limit counts from). If they say they received it on another day, change this entry's date.",
                    words::day_month_year(sending.date),
                    words::day_month_year(received)
                )
            };
            (received, format!("{first}\n\n{}", filled.body))
        }
        None => (sending.date, filled.body.clone()),
    };
    LogEntry {
        id: id.to_string(),
        date,
        time: None,
        direction: Direction::Sent,
        method: sending.how.method(),
        party: sending.party,
        person: sending.person.trim().to_string(),
        subject: filled.subject.clone(),
        summary,
        promised: String::new(),
        promised_by: String::new(),
        promise_kept: false,
        follow_up: follow_up.filter(|d| *d > date),
        kept_where: String::new(),
        key_date,
        updated: now,
        deleted: false,
    }
}

/// Who a letter goes to: its own party, or, for a letter to whoever made a promise or a
/// decision (party "other" in `content/letters.md`), the party of the log entry it follows up.
pub fn recipient(letter: &Letter, case: Option<&Case>, entry_id: Option<&str>) -> Party {
    if letter.party != Party::Other {
        return letter.party;
    }
    case.zip(entry_id)
        .and_then(|(case, id)| case.live_entries().find(|e| e.id == id))
        .map_or(letter.party, |e| e.party)
}

/// Keeps a sent letter's entry in its case's log (the same entry again replaces it). A request
/// for an assessment moves a case with no plan on a step, to "Assessment requested"; no other
/// letter changes the plan's status.
pub fn keep_sent(case: &mut Case, entry: LogEntry, now: Millis) {
    let requests_assessment =
        entry.key_date.map(|k| k.kind()) == Some(EventKind::RequestForAssessment);
    if requests_assessment && case.plan_status == PlanStatus::NoPlan {
        case.plan_status = PlanStatus::AssessmentRequested;
        case.updated = now;
    }
    case.upsert_entry(entry);
}

/// Percent-encodes text for a `mailto:` address (RFC 6068): everything but unreserved ASCII.
pub fn mailto_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.replace("\r\n", "\n").replace('\n', "\r\n").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The `mailto:` address that opens the letter in the mail app, or `None` when it is too long
/// for mail apps to take whole (the page copies it instead).
pub fn mailto(to: &str, filled: &Filled) -> Option<String> {
    let address = format!(
        "mailto:{}?subject={}&body={}",
        mailto_encode(to.trim()).replace("%40", "@"),
        mailto_encode(&filled.subject),
        mailto_encode(&filled.body)
    );
    (address.len() <= MAILTO_LIMIT).then_some(address)
}

/// The letter as plain text: the subject line, then the letter.
pub fn as_text(filled: &Filled) -> String {
    format!("Subject: {}\n\n{}\n", filled.subject, filled.body)
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The letter as a small web page to keep or print: every character the parent typed is
/// escaped, so it shows as text and never runs.
pub fn as_html(filled: &Filled, title: &str) -> String {
    let paragraphs: String = filled
        .body
        .split("\n\n")
        .map(|p| {
            let lines: Vec<String> = p.lines().map(escape_html).collect();
            format!("<p>{}</p>\n", lines.join("<br>\n"))
        })
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>body{{font-family:Arial,sans-serif;font-size:12pt;line-height:1.5;max-width:40em;margin:2em auto;padding:0 1em}}@page{{size:A4;margin:20mm}}</style>\n</head>\n<body>\n<p><strong>Subject: {}</strong></p>\n{}</body>\n</html>\n",
        escape_html(title),
        escape_html(&filled.subject),
        paragraphs
    )
}

/// A file name for the letter: "complaint-school-2026-12-02".
pub fn file_name(letter: &Letter, today: NaiveDate, extension: &str) -> String {
    use chrono::Datelike;
    format!(
        "{}-{}-{:02}-{:02}.{extension}",
        letter.id,
        today.year(),
        today.month(),
        today.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::letters::{letter, letters};
    use crate::domain::casebook::tests::case;
    use crate::domain::events::deadlines_of;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn entry(id: &str, date: NaiveDate, party: Party, key: Option<KeyDate>) -> LogEntry {
        LogEntry {
            id: id.into(),
            date,
            time: None,
            direction: Direction::Meeting,
            method: Method::Meeting,
            party,
            person: String::new(),
            subject: "Reading support".into(),
            summary: String::new(),
            promised: String::new(),
            promised_by: String::new(),
            promise_kept: false,
            follow_up: None,
            kept_where: String::new(),
            key_date: key,
            updated: 1,
            deleted: false,
        }
    }

    #[test]
    fn a_follow_up_goes_to_whoever_the_entry_was_with() {
        let chase = letter("chase-reply").expect("letter");
        let complaint = letter("complaint-school").expect("letter");
        let case = sam();
        assert_eq!(
            recipient(chase, Some(&case), Some("e2")),
            Party::CouncilSenTeam
        );
        assert_eq!(recipient(chase, Some(&case), Some("e1")), Party::Senco);
        assert_eq!(recipient(chase, Some(&case), Some("gone")), chase.party);
        assert_eq!(recipient(chase, None, Some("e1")), chase.party);
        assert_eq!(
            recipient(complaint, Some(&case), Some("e2")),
            complaint.party,
            "a letter's own party wins"
        );
    }

    #[test]
    fn a_kept_request_for_an_assessment_moves_a_case_with_no_plan_on_a_step_only() {
        let request = entry(
            "r",
            d(2026, 12, 2),
            Party::CouncilSenTeam,
            Some(KeyDate::RequestForAssessment),
        );
        let complaint = entry("c", d(2026, 12, 2), Party::School, None);
        for (status, sent, expected) in [
            (
                PlanStatus::NoPlan,
                &request,
                PlanStatus::AssessmentRequested,
            ),
            (PlanStatus::NoPlan, &complaint, PlanStatus::NoPlan),
            (PlanStatus::HasPlan, &request, PlanStatus::HasPlan),
            (
                PlanStatus::BeingAssessed,
                &request,
                PlanStatus::BeingAssessed,
            ),
        ] {
            let mut kept = case("k", vec![]);
            kept.plan_status = status;
            keep_sent(&mut kept, sent.clone(), 99);
            assert_eq!(kept.plan_status, expected, "{status:?} {}", sent.id);
            assert_eq!(kept.live_entries().count(), 1);
            // Kept again (the parent pressed it twice): still one entry.
            keep_sent(&mut kept, sent.clone(), 100);
            assert_eq!(kept.live_entries().count(), 1);
        }
    }

    fn sam() -> Case {
        let mut talk = entry("e1", d(2026, 10, 5), Party::Senco, None);
        talk.person = "Ms Patel".into();
        let decision = entry(
            "e2",
            d(2026, 11, 2),
            Party::CouncilSenTeam,
            Some(KeyDate::Decision {
                about: EventKind::DecisionNoPlan,
                school_only: false,
            }),
        );
        let older = entry(
            "e3",
            d(2026, 3, 2),
            Party::CouncilSenTeam,
            Some(KeyDate::Decision {
                about: EventKind::DecisionNoAssessment,
                school_only: false,
            }),
        );
        let mut sam = case("case-1", vec![talk, decision, older]);
        sam.name = "Sam".into();
        sam.school = "Oak Primary".into();
        sam.birth_date = Some(d(2016, 4, 9));
        sam
    }

    #[test]
    fn a_letter_is_prefilled_from_the_case_its_log_and_the_entry() {
        let today = d(2026, 12, 2);
        let sam = sam();
        let complaint = letter("complaint-school").expect("there");
        let draft = LetterDraft::prefilled(complaint, Some(&sam), None, &Sender::default(), today);
        assert_eq!(draft.text("child"), "Sam");
        assert_eq!(draft.text("school"), "Oak Primary");
        assert_eq!(
            draft.text("tried"),
            "- 5 October 2026, meeting with Ms Patel (SENCo): Reading support"
        );
        // 10 working days from Wednesday 2 December 2026.
        assert_eq!(
            draft.date_parts("reply-by"),
            DateParts::new("16", "12", "2026")
        );
        assert_eq!(draft.text("issues"), "");

        let assessment = letter("request-assessment").expect("there");
        let draft = LetterDraft::prefilled(assessment, Some(&sam), None, &Sender::default(), today);
        assert_eq!(
            draft.date_parts("birth-date"),
            DateParts::new("9", "4", "2016")
        );

        // The latest decision in the log, unless the letter is opened from one.
        let adviser = letter("adviser-certificate").expect("there");
        let draft = LetterDraft::prefilled(adviser, Some(&sam), None, &Sender::default(), today);
        assert_eq!(
            draft.text("decision"),
            "a decision not to issue an EHC plan"
        );
        assert_eq!(
            draft.date_parts("decision-date"),
            DateParts::new("2", "11", "2026")
        );
        let older = sam.entries.iter().find(|e| e.id == "e3").expect("there");
        let draft =
            LetterDraft::prefilled(adviser, Some(&sam), Some(older), &Sender::default(), today);
        assert_eq!(
            draft.text("decision"),
            "a decision not to carry out an EHC needs assessment"
        );

        let mut promise = entry("e4", d(2026, 11, 20), Party::Senco, None);
        promise.promised = "send the speech therapy report".into();
        promise.promised_by = "Ms Patel".into();
        let follow = letter("follow-up-promise").expect("there");
        let draft = LetterDraft::prefilled(
            follow,
            Some(&sam),
            Some(&promise),
            &Sender::default(),
            today,
        );
        assert_eq!(draft.text("to-name"), "Ms Patel");
        assert_eq!(draft.text("promise"), "send the speech therapy report");
        assert_eq!(
            draft.date_parts("promised-on"),
            DateParts::new("20", "11", "2026")
        );
        // A day named in the promise is written out for the letter.
        promise.promised = "Send the report by Friday.".into();
        let draft = LetterDraft::prefilled(
            follow,
            Some(&sam),
            Some(&promise),
            &Sender::default(),
            today,
        );
        assert_eq!(
            draft.text("promise"),
            "Send the report by Friday (Friday 27 November 2026)"
        );
        // The parent's name and contact, remembered, fill every letter.
        let me = Sender {
            name: "Alex Smith".into(),
            contact: "alex@example.org".into(),
        };
        let draft = LetterDraft::prefilled(follow, None, None, &me, today);
        assert_eq!(
            (draft.text("your-name"), draft.text("your-contact")),
            ("Alex Smith".to_string(), "alex@example.org".to_string())
        );
        assert_eq!(draft.sender(), me);

        // Without a case, only the reply date is suggested.
        let draft = LetterDraft::prefilled(complaint, None, None, &Sender::default(), today);
        assert_eq!(draft.text("child"), "");
        assert!(!draft.date_parts("reply-by").is_empty());
    }

    #[test]
    fn choosing_another_case_keeps_what_the_parent_typed() {
        let today = d(2026, 12, 2);
        let complaint = letter("complaint-school").expect("there");
        let me = Sender::default();
        let blank = LetterDraft::prefilled(complaint, None, None, &me, today);
        let mut typed = blank.clone();
        typed
            .texts
            .insert("issues".into(), "No reading support".into());
        let sam = LetterDraft::prefilled(complaint, Some(&sam()), None, &me, today);
        let next = typed.refilled(&blank, &sam);
        assert_eq!(next.text("issues"), "No reading support");
        assert_eq!(next.text("child"), "Sam");
        assert_eq!(next.text("school"), "Oak Primary");
    }

    #[test]
    fn every_letter_prefilled_for_every_field_and_completed_makes_text_with_no_placeholder() {
        let today = d(2026, 12, 2);
        let sam = sam();
        for letter in letters() {
            let mut draft =
                LetterDraft::prefilled(letter, Some(&sam), None, &Sender::default(), today);
            let before = draft
                .make(letter, today)
                .expect_err("some fields are empty");
            assert!(before.iter().all(|p| p.problem == LetterProblem::Empty));
            for problem in before {
                let field = letter.field(&problem.field).expect("a field");
                match field.kind {
                    FieldKind::Date => {
                        draft
                            .dates
                            .insert(field.id.clone(), DateParts::new("3", "11", "2026"));
                    }
                    _ => {
                        draft
                            .texts
                            .insert(field.id.clone(), format!("typed {}", field.id));
                    }
                }
            }
            let filled = draft.make(letter, today).expect("complete");
            assert!(!filled.body.contains('{') && !filled.subject.contains('{'));
            assert!(filled.subject.contains("Sam") || letter.field("child").is_none());
            for field in &letter.fields {
                let Some(words) = draft
                    .values(letter, today)
                    .expect("complete")
                    .get(&field.id)
                    .cloned()
                else {
                    assert!(field.optional, "{}: {}", letter.id, field.id);
                    continue;
                };
                assert!(
                    filled.body.contains(&words) || filled.subject.contains(&words),
                    "{}: {}",
                    letter.id,
                    field.id
                );
            }
        }
    }

    #[test]
    fn a_wrong_date_or_an_empty_field_is_named_and_dates_are_written_in_words() {
        let today = d(2026, 12, 2);
        let follow = letter("follow-up-promise").expect("there");
        let mut draft = LetterDraft::prefilled(follow, None, None, &Sender::default(), today);
        draft.texts.insert("to-name".into(), "Ms Patel".into());
        draft.texts.insert("promise".into(), "   ".into());
        draft
            .dates
            .insert("promised-on".into(), DateParts::new("31", "2", "2026"));
        let problems = draft.make(follow, today).expect_err("problems");
        assert_eq!(
            problems,
            vec![
                FieldProblem {
                    field: "promise".into(),
                    problem: LetterProblem::Empty
                },
                FieldProblem {
                    field: "promised-on".into(),
                    problem: LetterProblem::Date(DateError::NotARealDate(vec![
                        crate::domain::date_input::DatePart::Day
                    ]))
                },
                FieldProblem {
                    field: "your-name".into(),
                    problem: LetterProblem::Empty
                },
            ]
        );
        // A subject too long for the log names the field that made it so.
        let mut long = draft.clone();
        long.texts.insert("promise".into(), "p".repeat(995));
        long.texts.insert("your-name".into(), "Alex".into());
        long.dates
            .insert("promised-on".into(), DateParts::new("20", "11", "2026"));
        let problems = long.make(follow, today).expect_err("subject too long");
        assert_eq!(problems[0].field, "promise");
        assert!(matches!(problems[0].problem, LetterProblem::TooLong(_)));
        draft.texts.insert("promise".into(), "the report".into());
        draft.texts.insert("your-name".into(), "Alex".into());
        draft
            .dates
            .insert("promised-on".into(), DateParts::new("20", "11", "2026"));
        let filled = draft.make(follow, today).expect("complete");
        assert!(filled
            .body
            .contains("On 20 November 2026 you promised: the report."));
        assert!(filled.body.contains("by 16 December 2026"));
        assert_eq!(draft.reply_by(follow, today), Some(d(2026, 12, 16)));
        let long = "x".repeat(1_001);
        draft.texts.insert("to-name".into(), long);
        assert_eq!(
            draft.make(follow, today).expect_err("too long")[0].problem,
            LetterProblem::TooLong(1_001)
        );
    }

    #[test]
    fn sending_a_letter_that_starts_a_clock_logs_that_key_date_and_its_deadlines_follow() {
        let today = d(2026, 12, 2);
        let request = letter("request-assessment").expect("there");
        let draft = LetterDraft::prefilled(request, Some(&sam()), None, &Sender::default(), today);
        let key = draft.key_date(request, today);
        assert_eq!(key, Some(KeyDate::RequestForAssessment));
        let filled = Filled {
            subject: "Request for an EHC needs assessment: Sam".into(),
            body: "Dear Sir or Madam,\n\n…".into(),
        };
        let sending = Sending {
            date: today,
            how: SentHow::Email,
            after_5pm: false,
            person: String::new(),
            party: request.party,
        };
        let logged = sent_entry(&filled, &sending, key, None, "entry-1", 5);
        assert_eq!(logged.direction, Direction::Sent);
        assert_eq!(logged.method, Method::Email);
        assert_eq!(logged.party, Party::CouncilSenTeam);
        assert!(logged
            .summary
            .starts_with("Sent by email on 2 December 2026, and taken as received that day"));
        assert!(logged.summary.ends_with(&filled.body));
        // Posted: dated the next working day, when the council's 6 weeks start.
        let posted = Sending {
            how: SentHow::Post,
            ..sending.clone()
        };
        let by_post = sent_entry(&filled, &posted, key, None, "entry-2", 5);
        assert_eq!(by_post.date, d(2026, 12, 3));
        assert_eq!(by_post.method, Method::Letter);
        assert!(by_post
            .summary
            .contains("taken as received on 3 December 2026"));
        let dates = deadlines_of(logged.date, logged.key_date.expect("key date"));
        // The council's 6-week decision date: 13 January 2027.
        assert!(dates
            .iter()
            .any(|d| d.date == NaiveDate::from_ymd_opt(2027, 1, 13).expect("date")));

        let certificate = letter("adviser-certificate").expect("there");
        let draft =
            LetterDraft::prefilled(certificate, Some(&sam()), None, &Sender::default(), today);
        assert_eq!(
            draft.key_date(certificate, today),
            Some(KeyDate::DeclinedMediation)
        );
        let mediation = letter("adviser-mediation").expect("there");
        let draft =
            LetterDraft::prefilled(mediation, Some(&sam()), None, &Sender::default(), today);
        assert_eq!(
            draft.key_date(mediation, today),
            Some(KeyDate::AdviserContacted {
                decision_sent: Some(d(2026, 11, 2))
            })
        );
        let council = letter("council-mediation").expect("there");
        let mut draft =
            LetterDraft::prefilled(council, Some(&sam()), None, &Sender::default(), today);
        draft.texts.insert("health".into(), "None.".into());
        assert_eq!(
            draft.key_date(council, today),
            Some(KeyDate::AskedForMediation {
                scope: MediationScope::EducationOrCare,
                icb_told: None
            })
        );
        draft
            .texts
            .insert("health".into(), "Speech and language therapy".into());
        assert_eq!(
            draft.key_date(council, today),
            Some(KeyDate::AskedForMediation {
                scope: MediationScope::HealthAndOther,
                icb_told: None
            })
        );
        let complaint = letter("complaint-school").expect("there");
        let draft =
            LetterDraft::prefilled(complaint, Some(&sam()), None, &Sender::default(), today);
        assert_eq!(draft.key_date(complaint, today), None);
        // Not a clock: dated the day sent, and the letter alone as the summary.
        let plain = sent_entry(&filled, &posted, None, None, "entry-3", 5);
        assert_eq!(
            (plain.date, plain.summary.as_str()),
            (today, filled.body.as_str())
        );
        // The reply date becomes the follow-up; one on or before the day sent is dropped.
        let with_reply = sent_entry(&filled, &sending, None, Some(d(2026, 12, 16)), "e", 5);
        assert_eq!(with_reply.follow_up, Some(d(2026, 12, 16)));
        let same_day = sent_entry(&filled, &sending, None, Some(today), "e", 5);
        assert_eq!(same_day.follow_up, None);
    }

    #[test]
    fn a_letter_is_taken_as_received_as_advice_services_count_it() {
        // Wednesday 2 December 2026; Friday 4 December; Christmas Day 2026 is a Friday.
        let wed = d(2026, 12, 2);
        assert_eq!(taken_as_received(wed, SentHow::Email, false), wed);
        assert_eq!(taken_as_received(wed, SentHow::Email, true), d(2026, 12, 3));
        assert_eq!(taken_as_received(wed, SentHow::Hand, false), wed);
        assert_eq!(taken_as_received(wed, SentHow::Post, false), d(2026, 12, 3));
        let fri = d(2026, 12, 4);
        assert_eq!(taken_as_received(fri, SentHow::Post, false), d(2026, 12, 7));
        assert_eq!(taken_as_received(fri, SentHow::Email, true), d(2026, 12, 7));
        let saturday = d(2026, 12, 5);
        assert_eq!(
            taken_as_received(saturday, SentHow::Email, false),
            d(2026, 12, 7)
        );
        assert_eq!(
            taken_as_received(saturday, SentHow::Email, true),
            d(2026, 12, 7)
        );
        let christmas_eve = d(2026, 12, 24);
        assert_eq!(
            taken_as_received(christmas_eve, SentHow::Post, false),
            d(2026, 12, 29)
        );
        assert_eq!(
            file_name(letter("in-writing").expect("there"), d(2026, 3, 7), "txt"),
            "in-writing-2026-03-07.txt"
        );
    }

    #[test]
    fn mailto_encodes_everything_and_long_letters_are_not_squeezed_into_an_address() {
        let filled = Filled {
            subject: "Complaint: Sam & Jo?".into(),
            body: "Line one\nLine two = 100% <ok>".into(),
        };
        let address = mailto("sen@example.org", &filled).expect("short");
        assert_eq!(
            address,
            "mailto:sen@example.org?subject=Complaint%3A%20Sam%20%26%20Jo%3F&body=Line%20one%0D%0ALine%20two%20%3D%20100%25%20%3Cok%3E"
        );
        let long = Filled {
            subject: "x".into(),
            body: "word ".repeat(400),
        };
        assert_eq!(mailto("", &long), None);
        assert_eq!(mailto_encode("é"), "%C3%A9");
    }

    #[test]
    fn the_html_file_escapes_what_the_parent_typed() {
        let filled = Filled {
            subject: "<script>alert(1)</script>".into(),
            body: "Dear Ms O'Neil,\n\nFirst & <b>bold</b>\nsecond line".into(),
        };
        let html = as_html(&filled, "A letter");
        assert!(!html.contains("<script>alert") && !html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("<p>Dear Ms O&#39;Neil,</p>"));
        assert!(html.contains("<p>First &amp; &lt;b&gt;bold&lt;/b&gt;<br>\nsecond line</p>"));
        assert_eq!(
            as_text(&filled),
            format!("Subject: {}\n\n{}\n", filled.subject, filled.body)
        );
    }
}
