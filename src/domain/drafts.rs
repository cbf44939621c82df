//! The drafts the record forms edit, text as typed, and the checks that turn a draft into a log
//! entry or a note (every problem at once, each tied to its field).

use super::casebook::{
    Case, Casebook, Direction, LogEntry, Method, Millis, Note, Party, PlanStatus,
};
use super::date_input::{parse_date, DateError, DateParts};
use super::events::{EventKind, KeyDate, MediationScope, OrderKind, TransferKind};
use super::limits::TextField;
use chrono::{NaiveDate, NaiveTime, Timelike};

/// Reads a time typed as "9:05", "09:05" or "9.05" (24-hour clock).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let (hours, minutes) = text.trim().split_once([':', '.'])?;
    let all_digits =
        |t: &str| !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit());
    if !all_digits(hours) || minutes.len() != 2 || !all_digits(minutes) {
        return None;
    }
    NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.parse().ok()?, 0)
}

/// A log entry for an event worked out on My dates ("Save to my records"): its kind as the
/// subject, who it is usually from or to, and the event as its key date.
pub fn entry_for_event(id: &str, date: NaiveDate, key: KeyDate, now: Millis) -> LogEntry {
    use EventKind as K;
    let kind = key.kind();
    let (direction, method) = match kind {
        K::AdviserContacted | K::DeclinedMediation => (Direction::Call, Method::Phone),
        K::AskedForMediation | K::RequestForAssessment | K::RequestForReassessment => {
            (Direction::Sent, Method::Letter)
        }
        K::AnnualReviewMeeting | K::MediationHappened => (Direction::Meeting, Method::Meeting),
        _ => (Direction::Received, Method::Letter),
    };
    let party = match kind {
        K::AskedForMediation => Party::CouncilSenTeam,
        _ => kind.party(),
    };
    LogEntry {
        id: id.to_string(),
        date,
        time: None,
        direction,
        method,
        party,
        person: String::new(),
        subject: kind.entry_subject().to_string(),
        summary: "Added from My dates.".to_string(),
        promised: String::new(),
        promised_by: String::new(),
        promise_kept: false,
        follow_up: None,
        kept_where: String::new(),
        key_date: Some(key),
        updated: now,
        deleted: false,
    }
}

/// What came of adding events to a case's log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// This many entries were added (the rest were in the log already).
    Entries(usize),
    /// Every event was in the log already (the same date and key date): nothing added.
    AlreadyThere,
    /// The case is not there (deleted, perhaps in another tab): nothing added.
    NoSuchCase,
}

/// Adds events worked out on My dates to a case's log as key-date entries ("Save to my
/// records"), leaving out any the log already has. The case's own change time is not touched:
/// a case deleted in another tab must stay deleted when the tabs' saves are merged.
pub fn add_events(
    book: &mut Casebook,
    case_id: &str,
    events: &[(NaiveDate, KeyDate)],
    mut new_id: impl FnMut() -> String,
    now: Millis,
) -> Added {
    let Some(case) = book.case_mut(case_id) else {
        return Added::NoSuchCase;
    };
    let mut added = 0;
    for (date, key) in events {
        let there = case
            .live_entries()
            .any(|e| e.date == *date && e.key_date == Some(*key));
        if !there {
            case.upsert_entry(entry_for_event(&new_id(), *date, *key, now));
            added += 1;
        }
    }
    if added == 0 {
        Added::AlreadyThere
    } else {
        Added::Entries(added)
    }
}

/// A new case for events from My dates, named by the parent, with the plan status they suggest.
pub fn case_for_events(id: &str, name: &str, events: &[(NaiveDate, KeyDate)], now: Millis) -> Case {
    Case {
        id: id.to_string(),
        name: name.trim().to_string(),
        school: String::new(),
        birth_date: None,
        contacts: String::new(),
        plan_status: events.first().map_or(PlanStatus::HasPlan, |(_, key)| {
            plan_status_after(key.kind())
        }),
        entries: Vec::new(),
        notes: Vec::new(),
        updated: now,
        deleted: false,
    }
}

/// A new case's plan status, as an event made on My dates suggests it (the parent can change
/// it on the case page).
pub fn plan_status_after(kind: EventKind) -> PlanStatus {
    use EventKind as K;
    match kind {
        K::DecisionNoAssessment | K::DecisionNoPlan | K::DisabilityDiscrimination => {
            PlanStatus::NoPlan
        }
        K::RequestForAssessment => PlanStatus::AssessmentRequested,
        K::AssessmentAgreed => PlanStatus::BeingAssessed,
        K::DraftPlan => PlanStatus::DraftPlan,
        K::AnnualReviewMeeting | K::AmendmentNotice => PlanStatus::PlanBeingReviewed,
        K::DecisionToCease => PlanStatus::PlanCeased,
        _ => PlanStatus::HasPlan,
    }
}

/// A choice the parent must make: the choice, or `None` with `error` added.
fn chosen<T>(choice: Option<T>, error: EntryError, errors: &mut Vec<EntryError>) -> Option<T> {
    if choice.is_none() {
        errors.push(error);
    }
    choice
}

/// A log entry as the form holds it, text as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntryDraft {
    pub date: DateParts,
    pub time: String,
    pub direction: Direction,
    pub method: Method,
    pub party: Party,
    pub person: String,
    pub subject: String,
    pub summary: String,
    pub promised: String,
    pub promised_by: String,
    pub promise_kept: bool,
    pub follow_up: DateParts,
    pub kept_where: String,
    /// The kind of event the entry is, if it starts a legal clock. Its details below have no
    /// defaults: a detail the kind needs is chosen by the parent, or the form says so.
    pub key_date: Option<EventKind>,
    pub school_only: bool,
    /// A certificate's decision (needed), or the decision an adviser contact is about (optional).
    pub decision_sent: DateParts,
    pub order: Option<OrderKind>,
    pub unopposed: bool,
    pub move_kind: Option<TransferKind>,
    pub scope: Option<MediationScope>,
    /// Health-only mediation: when the council told the health body (optional).
    pub icb_told: DateParts,
    /// The council agreed to assess: when it received the request (optional).
    pub request_received: DateParts,
}

impl Default for LogEntryDraft {
    fn default() -> Self {
        LogEntryDraft {
            date: DateParts::default(),
            time: String::new(),
            direction: Direction::Received,
            method: Method::Letter,
            party: Party::School,
            person: String::new(),
            subject: String::new(),
            summary: String::new(),
            promised: String::new(),
            promised_by: String::new(),
            promise_kept: false,
            follow_up: DateParts::default(),
            kept_where: String::new(),
            key_date: None,
            school_only: false,
            decision_sent: DateParts::default(),
            order: None,
            unopposed: false,
            move_kind: None,
            scope: None,
            icb_told: DateParts::default(),
            request_received: DateParts::default(),
        }
    }
}

/// A field of the log entry form that can be wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryError {
    Date(DateError),
    /// Longer than the field holds (see `limits`): the field and its length.
    TooLong(TextField, usize),
    Time,
    Subject,
    FollowUp(DateError),
    DecisionSent(DateError),
    CertificateBeforeDecision,
    NoOrder,
    NoMoveKind,
    NoScope,
    IcbTold(DateError),
    RequestReceived(DateError),
}

impl LogEntryDraft {
    /// Sets what it was; a meeting or a call also sets how, so the log never reads "Meeting ·
    /// Letter" (the parent can still change how, for a video call, say).
    pub fn set_direction(&mut self, direction: Direction) {
        self.direction = direction;
        match direction {
            Direction::Meeting if self.method != Method::VideoCall => self.method = Method::Meeting,
            Direction::Call if self.method != Method::VideoCall => self.method = Method::Phone,
            _ => {}
        }
    }

    /// The key date for `kind` from the details typed, or `None` with the problems added.
    fn key_date_of(
        &self,
        kind: EventKind,
        date: Option<NaiveDate>,
        today: NaiveDate,
        errors: &mut Vec<EntryError>,
    ) -> Option<KeyDate> {
        let optional = |parts: &DateParts,
                        error: fn(DateError) -> EntryError,
                        errors: &mut Vec<EntryError>| {
            if parts.is_empty() {
                Ok(None)
            } else {
                parse_date(parts, today)
                    .map(Some)
                    .map_err(|e| errors.push(error(e)))
            }
        };
        use EventKind as K;
        Some(match kind {
            K::DecisionNoAssessment
            | K::DecisionNoPlan
            | K::FinalPlanIssued
            | K::DecisionOnAmendment
            | K::DecisionToCease => KeyDate::Decision {
                about: kind,
                school_only: kind.can_be_school_only() && self.school_only,
            },
            K::MediationCertificate => match parse_date(&self.decision_sent, today) {
                Ok(decision_sent) => {
                    if date.is_some_and(|issued| issued < decision_sent) {
                        errors.push(EntryError::CertificateBeforeDecision);
                    }
                    KeyDate::MediationCertificate { decision_sent }
                }
                Err(e) => {
                    errors.push(EntryError::DecisionSent(e));
                    return None;
                }
            },
            K::AdviserContacted => KeyDate::AdviserContacted {
                decision_sent: optional(&self.decision_sent, EntryError::DecisionSent, errors)
                    .ok()?,
            },
            K::DeclinedMediation => KeyDate::DeclinedMediation,
            K::AskedForMediation => {
                let scope = chosen(self.scope, EntryError::NoScope, errors);
                let icb_told = if scope == Some(MediationScope::HealthOnly) {
                    optional(&self.icb_told, EntryError::IcbTold, errors).ok()?
                } else {
                    None
                };
                KeyDate::AskedForMediation {
                    scope: scope?,
                    icb_told,
                }
            }
            K::MediationHappened => KeyDate::MediationHappened,
            K::RequestForAssessment => KeyDate::RequestForAssessment,
            K::AssessmentAgreed => KeyDate::AssessmentAgreed {
                request_received: optional(
                    &self.request_received,
                    EntryError::RequestReceived,
                    errors,
                )
                .ok()?,
            },
            K::DraftPlan => KeyDate::DraftPlan,
            K::RequestForReassessment => KeyDate::RequestForReassessment,
            K::AnnualReviewMeeting => KeyDate::ReviewMeeting,
            K::AmendmentNotice => KeyDate::AmendmentNotice,
            K::PhaseTransfer => KeyDate::PhaseTransfer {
                move_kind: chosen(self.move_kind, EntryError::NoMoveKind, errors)?,
            },
            K::TribunalOrder => KeyDate::TribunalOrder {
                order: chosen(self.order, EntryError::NoOrder, errors)?,
                unopposed: self.unopposed,
            },
            K::DisabilityDiscrimination => KeyDate::DisabilityDiscrimination,
        })
    }

    pub fn from_entry(entry: &LogEntry) -> Self {
        let mut draft = LogEntryDraft {
            date: DateParts::from_date(entry.date),
            time: entry
                .time
                .map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
                .unwrap_or_default(),
            direction: entry.direction,
            method: entry.method,
            party: entry.party,
            person: entry.person.clone(),
            subject: entry.subject.clone(),
            summary: entry.summary.clone(),
            promised: entry.promised.clone(),
            promised_by: entry.promised_by.clone(),
            promise_kept: entry.promise_kept,
            follow_up: entry
                .follow_up
                .map(DateParts::from_date)
                .unwrap_or_default(),
            kept_where: entry.kept_where.clone(),
            key_date: entry.key_date.map(KeyDate::kind),
            ..LogEntryDraft::default()
        };
        let date = |d: Option<NaiveDate>| d.map(DateParts::from_date).unwrap_or_default();
        match entry.key_date {
            Some(KeyDate::Decision { school_only, .. }) => draft.school_only = school_only,
            Some(KeyDate::MediationCertificate { decision_sent }) => {
                draft.decision_sent = DateParts::from_date(decision_sent)
            }
            Some(KeyDate::AdviserContacted { decision_sent }) => {
                draft.decision_sent = date(decision_sent)
            }
            Some(KeyDate::AskedForMediation { scope, icb_told }) => {
                draft.scope = Some(scope);
                draft.icb_told = date(icb_told);
            }
            Some(KeyDate::AssessmentAgreed { request_received }) => {
                draft.request_received = date(request_received)
            }
            Some(KeyDate::TribunalOrder { order, unopposed }) => {
                draft.order = Some(order);
                draft.unopposed = unopposed;
            }
            Some(KeyDate::PhaseTransfer { move_kind }) => draft.move_kind = Some(move_kind),
            _ => {}
        }
        draft
    }

    /// Checks the draft and makes the entry, or lists every problem.
    pub fn to_entry(
        &self,
        id: &str,
        now: Millis,
        today: NaiveDate,
    ) -> Result<LogEntry, Vec<EntryError>> {
        let mut errors = Vec::new();
        let date = parse_date(&self.date, today)
            .map_err(|e| errors.push(EntryError::Date(e)))
            .ok();
        let time = if self.time.trim().is_empty() {
            None
        } else {
            let time = parse_time(&self.time);
            if time.is_none() {
                errors.push(EntryError::Time);
            }
            time
        };
        if self.subject.trim().is_empty() {
            errors.push(EntryError::Subject);
        }
        for (field, text) in [
            (TextField::Person, &self.person),
            (TextField::Subject, &self.subject),
            (TextField::Summary, &self.summary),
            (TextField::Promised, &self.promised),
            (TextField::PromisedBy, &self.promised_by),
            (TextField::KeptWhere, &self.kept_where),
        ] {
            if let Err(length) = field.check(text.trim()) {
                errors.push(EntryError::TooLong(field, length));
            }
        }
        let follow_up = if self.follow_up.is_empty() {
            None
        } else {
            parse_date(&self.follow_up, today)
                .map_err(|e| errors.push(EntryError::FollowUp(e)))
                .ok()
        };
        let key_date = self
            .key_date
            .and_then(|kind| self.key_date_of(kind, date, today, &mut errors));
        match (date, errors.is_empty()) {
            (Some(date), true) => Ok(LogEntry {
                id: id.to_string(),
                date,
                time,
                direction: self.direction,
                method: self.method,
                party: self.party,
                person: self.person.trim().to_string(),
                subject: self.subject.trim().to_string(),
                summary: self.summary.trim().to_string(),
                promised: self.promised.trim().to_string(),
                promised_by: self.promised_by.trim().to_string(),
                promise_kept: self.promise_kept && !self.promised.trim().is_empty(),
                follow_up,
                kept_where: self.kept_where.trim().to_string(),
                key_date,
                updated: now,
                deleted: false,
            }),
            _ => Err(errors),
        }
    }
}

/// A note as the form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteDraft {
    pub date: DateParts,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteError {
    Date(DateError),
    Title,
    /// Longer than the field holds (see `limits`): the field and its length.
    TooLong(TextField, usize),
}

/// The prompts shown beside a "meeting mode" note, from the booklet's advice. They are not
/// saved into the note: the parent writes what they choose.
pub const MEETING_PROMPTS: [&str; 8] = [
    "Who is here",
    "What you want to happen",
    "What was agreed",
    "Actions: who will do what, by when",
    "Bring a friend or relative with you if you can",
    "Keep notes of what is said and agreed",
    "Say clearly what you want to happen",
    "Ask for a written record and a date for a reply",
];

/// The title a meeting note gets while the parent has not typed one.
pub fn meeting_title(date: NaiveDate, time: &str) -> String {
    format!("Meeting, {}, {time}", super::words::day_month_year(date))
}

impl NoteDraft {
    pub fn from_note(note: &Note) -> Self {
        NoteDraft {
            date: DateParts::from_date(note.date),
            title: note.title.clone(),
            body: note.body.clone(),
        }
    }

    /// A new meeting note for `today`: nothing in it until the parent types.
    pub fn meeting(today: NaiveDate) -> Self {
        NoteDraft {
            date: DateParts::from_date(today),
            ..NoteDraft::default()
        }
    }

    /// Whether the parent has typed a title or notes (a date alone is not worth saving).
    pub fn has_text(&self) -> bool {
        !self.title.trim().is_empty() || !self.body.trim().is_empty()
    }

    fn length_errors(&self) -> Vec<NoteError> {
        [
            (TextField::NoteTitle, self.title.trim()),
            (TextField::NoteBody, self.body.as_str()),
        ]
        .into_iter()
        .filter_map(|(field, text)| {
            field
                .check(text)
                .err()
                .map(|n| NoteError::TooLong(field, n))
        })
        .collect()
    }

    pub fn to_note(&self, id: &str, now: Millis, today: NaiveDate) -> Result<Note, Vec<NoteError>> {
        let mut errors = Vec::new();
        let date = parse_date(&self.date, today)
            .map_err(|e| errors.push(NoteError::Date(e)))
            .ok();
        if self.title.trim().is_empty() {
            errors.push(NoteError::Title);
        }
        errors.extend(self.length_errors());
        match (date, errors.is_empty()) {
            (Some(date), true) => Ok(Note {
                id: id.to_string(),
                date,
                title: self.title.trim().to_string(),
                body: self.body.clone(),
                updated: now,
                deleted: false,
            }),
            _ => Err(errors),
        }
    }

    /// A meeting note as it stands, saved as it is typed: with no title it gets one from the
    /// date and `time`; while the date is half-typed it keeps `last_date` (the date as it last
    /// was complete) and the date's problem comes back to show. Only text over its limit stops it.
    pub fn to_meeting_note(
        &self,
        id: &str,
        now: Millis,
        today: NaiveDate,
        last_date: NaiveDate,
        time: &str,
    ) -> Result<(Note, Option<DateError>), Vec<NoteError>> {
        let errors = self.length_errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let (date, date_problem) = match parse_date(&self.date, today) {
            Ok(date) => (date, None),
            Err(problem) => (last_date, Some(problem)),
        };
        let title = match self.title.trim() {
            "" => meeting_title(date, time),
            typed => typed.to_string(),
        };
        Ok((
            Note {
                id: id.to_string(),
                date,
                title,
                body: self.body.clone(),
                updated: now,
                deleted: false,
            },
            date_problem,
        ))
    }
}

/// A promise found in meeting notes: what will be done, and by whom if the line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseLine {
    pub what: String,
    pub by: String,
}

/// How meeting notes mark a promise, for the hint beside them.
pub const PROMISE_HINT: &str = "Start a line with \"Promise:\" or \"Action:\", or write it as \"Ms Patel will send the report\", and it can become a follow-up in one tap.";

/// The promises in meeting notes: lines starting "Promise:", "Promised:", "Action:" or
/// "Actions:", and lines of the form "<who> will <what>" where who is a name of up to four
/// words starting with a capital ("Ms Patel will send the report by Friday"; not "We will …"
/// or "It will …").
pub fn promises_in(notes: &str) -> Vec<PromiseLine> {
    let mut found: Vec<PromiseLine> = Vec::new();
    for line in notes.lines() {
        let line = line
            .trim()
            .trim_start_matches(['-', '*', '\u{2022}'])
            .trim();
        let lower = line.to_lowercase();
        let marked = ["promise:", "promised:", "action:", "actions:"]
            .iter()
            .find(|p| lower.starts_with(**p))
            .map(|p| line[p.len()..].trim());
        let (text, must_name) = match marked {
            Some(rest) => (rest, false),
            None => (line, true),
        };
        let nothing = ["none", "n/a", "na", "tbc", "nothing", "-"];
        if text.is_empty()
            || text.ends_with('?')
            || nothing.contains(&text.trim_end_matches('.').to_lowercase().as_str())
        {
            continue;
        }
        // Not a person: pronouns, articles and question words ("The next review will …",
        // "What will happen next").
        const NOT_A_PERSON: [&str; 22] = [
            "i", "we", "you", "he", "she", "they", "it", "this", "that", "these", "those", "there",
            "the", "a", "an", "what", "when", "where", "how", "who", "why", "which",
        ];
        let split = text.split_once(" will ").filter(|(who, what)| {
            let words = who.split_whitespace().count();
            let first = who.split_whitespace().next().unwrap_or("").to_lowercase();
            (1..=4).contains(&words)
                && who.chars().next().is_some_and(char::is_uppercase)
                && !NOT_A_PERSON.contains(&first.as_str())
                && !what.trim().is_empty()
        });
        let promise = match (split, must_name) {
            (Some((who, what)), _) => PromiseLine {
                what: what.trim().to_string(),
                by: who.trim().to_string(),
            },
            (None, false) => PromiseLine {
                what: text.to_string(),
                by: String::new(),
            },
            (None, true) => continue,
        };
        if !found.contains(&promise) {
            found.push(promise);
        }
    }
    found
}

const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The date a promise names, read from its words after "by" ("by Friday", "by tomorrow", "by
/// next week", "by 4 December", "by 4/12"), counted from the meeting; `None` when it names none.
pub fn date_in_promise(text: &str, meeting: NaiveDate) -> Option<NaiveDate> {
    use chrono::{Datelike, Duration};
    let lower = text.to_lowercase();
    let after = lower.rsplit_once("by ")?.1;
    let words: Vec<&str> = after
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let first = *words.first()?;
    let second = words.get(1).copied().unwrap_or("");
    if first == "tomorrow" {
        return meeting.checked_add_signed(Duration::days(1));
    }
    if first == "next" && second == "week" {
        return meeting.checked_add_signed(Duration::days(7));
    }
    let day_name = if first == "next" || first == "this" {
        second
    } else {
        first
    };
    if let Some(n) = WEEKDAY_NAMES.iter().position(|d| *d == day_name) {
        let today = meeting.weekday().num_days_from_monday() as i64;
        let mut ahead = (n as i64 - today).rem_euclid(7);
        if ahead == 0 {
            ahead = 7;
        }
        if first == "next" && ahead < 7 {
            // "Next Friday" said on a Wednesday: the Friday of next week.
            ahead += 7;
        }
        return meeting.checked_add_signed(Duration::days(ahead));
    }
    // "4 December", "4th December 2026", "4/12", "4/12/2026".
    let (day, month, year) = if let Some((d, rest)) = first.split_once('/') {
        let mut parts = rest.split('/');
        let m: u32 = parts.next()?.parse().ok()?;
        let y: Option<i32> = parts.next().and_then(|y| y.parse().ok());
        (d.parse::<u32>().ok()?, m, y)
    } else {
        let digits: String = first.chars().take_while(char::is_ascii_digit).collect();
        let day: u32 = digits.parse().ok()?;
        let m = MONTH_NAMES
            .iter()
            .position(|name| second.len() >= 3 && name.starts_with(second))? as u32
            + 1;
        let y: Option<i32> = words
            .get(2)
            .filter(|w| w.len() == 4)
            .and_then(|w| w.parse().ok());
        (day, m, y)
    };
    let year = year.unwrap_or(meeting.year());
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    if date < meeting && words.get(2).is_none_or(|w| w.len() != 4) && !first.contains("/20") {
        NaiveDate::from_ymd_opt(year + 1, month, day)
    } else {
        Some(date)
    }
}

/// The follow-up date for a promise: the date it names, or else 10 working days after the
/// meeting (or today, if later).
pub fn promise_follow_up(promise: &PromiseLine, meeting: NaiveDate, today: NaiveDate) -> NaiveDate {
    date_in_promise(&promise.what, meeting)
        .unwrap_or_else(|| super::calendar::add_working_days(meeting.max(today), 10))
}

/// Who a person is in the log (their latest entry naming them with a role), or "Other".
pub fn party_of(case: &Case, person: &str) -> Party {
    let person = person.trim().to_lowercase();
    if person.is_empty() {
        return Party::Other;
    }
    case.live_entries()
        .filter(|e| e.party != Party::Other)
        .filter(|e| {
            e.person.trim().to_lowercase() == person
                || e.promised_by.trim().to_lowercase() == person
        })
        .max_by_key(|e| (e.date, e.updated))
        .map_or(Party::Other, |e| e.party)
}

/// The log entry a promise from a meeting becomes: the meeting, what was promised and by whom
/// (with their role from the log, if it knows them), and the follow-up date of
/// [`promise_follow_up`], to change on the entry if need be.
pub fn promise_entry(
    promise: &PromiseLine,
    meeting: NaiveDate,
    today: NaiveDate,
    party: Party,
    id: &str,
    now: Millis,
) -> LogEntry {
    LogEntry {
        id: id.to_string(),
        date: meeting,
        time: None,
        direction: Direction::Meeting,
        method: Method::Meeting,
        party,
        person: promise.by.clone(),
        subject: format!(
            "Promise made at the meeting on {}",
            super::words::day_month_year(meeting)
        ),
        summary: "From the meeting notes.".to_string(),
        promised: promise.what.clone(),
        promised_by: promise.by.clone(),
        promise_kept: false,
        follow_up: Some(promise_follow_up(promise, meeting, today)),
        kept_where: String::new(),
        key_date: None,
        updated: now,
        deleted: false,
    }
}

/// The live entry already made from this promise at this meeting, if any (so a second tap adds
/// nothing).
pub fn promise_logged<'a>(
    case: &'a Case,
    promise: &PromiseLine,
    meeting: NaiveDate,
) -> Option<&'a LogEntry> {
    case.live_entries()
        .find(|e| e.date == meeting && e.promised == promise.what && e.promised_by == promise.by)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_a_promise_names_is_read_from_its_words() {
        let wed = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2026, m, day);
        let y27 = |m: u32, day: u32| NaiveDate::from_ymd_opt(2027, m, day);
        for (text, expected) in [
            ("send the report by Friday", d(12, 4)),
            ("call me by friday.", d(12, 4)),
            ("reply by Wednesday", d(12, 9)),
            ("reply by next Friday", d(12, 11)),
            ("send it by tomorrow", d(12, 3)),
            ("book it by next week", d(12, 9)),
            ("send the report by 14 December", d(12, 14)),
            ("send the report by 14th Dec 2026", d(12, 14)),
            ("send the report by 3 January", y27(1, 3)),
            ("send it by 4/1", y27(1, 4)),
            ("send it by 4/12/2026", d(12, 4)),
            ("send the report soon", None),
            ("stand by me", None),
            ("by 31 February", None),
        ] {
            assert_eq!(date_in_promise(text, wed), expected, "{text}");
        }
    }

    #[test]
    fn promises_are_found_in_meeting_notes_and_become_follow_ups_once() {
        let notes = "Who is here: me, Ms Patel (SENCo), Mr Jones\n\
            - Ms Patel will send the speech therapy report by Friday\n\
            Action: ask the council about transport\n\
            Promise: Mr Jones will call me next week\n\
            We will meet again in March\n\
            it will rain\n\
            The next review will be in March\n\
            What will happen next?\n\
            Action: none\n\
            He will have 1:1 support\n\
            Action:\n\
            - Ms Patel will send the speech therapy report by Friday";
        let found = promises_in(notes);
        assert_eq!(
            found,
            vec![
                PromiseLine {
                    what: "send the speech therapy report by Friday".into(),
                    by: "Ms Patel".into()
                },
                PromiseLine {
                    what: "ask the council about transport".into(),
                    by: String::new()
                },
                PromiseLine {
                    what: "call me next week".into(),
                    by: "Mr Jones".into()
                },
            ]
        );
        let meeting = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        let entry = promise_entry(&found[0], meeting, meeting, Party::Senco, "entry-1", 9);
        assert_eq!(entry.party, Party::Senco);
        assert_eq!(entry.promised, "send the speech therapy report by Friday");
        assert_eq!(entry.promised_by, "Ms Patel");
        assert_eq!(entry.direction, Direction::Meeting);
        assert_eq!(entry.method, Method::Meeting);
        // "By Friday", said on Wednesday 2 December 2026: Friday 4 December.
        assert_eq!(entry.follow_up, NaiveDate::from_ymd_opt(2026, 12, 4));
        assert_eq!(
            promise_follow_up(&found[1], meeting, meeting),
            NaiveDate::from_ymd_opt(2026, 12, 16).expect("date"),
            "no date named: 10 working days"
        );
        let mut case = case_for_events("case-1", "Sam", &[], 1);
        assert!(promise_logged(&case, &found[0], meeting).is_none());
        case.upsert_entry(entry);
        assert!(promise_logged(&case, &found[0], meeting).is_some());
        assert!(promise_logged(&case, &found[2], meeting).is_none());
    }
    use crate::domain::casebook::tests::d;

    fn today() -> NaiveDate {
        d(2025, 7, 15)
    }

    #[test]
    fn an_entry_draft_checks_every_field_and_round_trips() {
        let mut draft = LogEntryDraft {
            date: DateParts::new("31", "2", "2025"),
            time: "25:00".into(),
            follow_up: DateParts::new("1", "", ""),
            ..LogEntryDraft::default()
        };
        let errors = draft.to_entry("x", 1, today()).expect_err("invalid");
        assert_eq!(errors.len(), 4, "{errors:?}");
        draft.date = DateParts::new("30", "6", "2025");
        draft.time = "09:15".into();
        draft.follow_up = DateParts::default();
        draft.subject = "  Final plan  ".into();
        draft.key_date = Some(EventKind::MediationCertificate);
        draft.decision_sent = DateParts::new("1", "7", "2025");
        assert_eq!(
            draft.to_entry("x", 1, today()),
            Err(vec![EntryError::CertificateBeforeDecision])
        );
        draft.decision_sent = DateParts::new("1", "5", "2025");
        let made = draft.to_entry("x", 1, today()).expect("valid");
        assert_eq!(made.subject, "Final plan");
        assert_eq!(
            LogEntryDraft::from_entry(&made).to_entry("x", 1, today()),
            Ok(made)
        );
    }

    #[test]
    fn times_are_read_on_the_24_hour_clock() {
        assert_eq!(parse_time("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time(" 14.30 "), NaiveTime::from_hms_opt(14, 30, 0));
        for bad in ["", "9", "25:00", "9:5", "ab:cd", "9:60", "-1:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_meeting_note_is_empty_until_typed_and_saves_with_a_default_title_and_a_half_typed_date() {
        let draft = NoteDraft::meeting(d(2025, 7, 14));
        assert!(!draft.has_text(), "nothing to save yet");
        assert!(draft.body.is_empty(), "the checklist is a prompt, not text");
        let typed = NoteDraft {
            body: "SENCo agreed to a review".into(),
            ..draft.clone()
        };
        let (note, problem) = typed
            .to_meeting_note("n", 1, today(), d(2025, 7, 14), "10:30")
            .expect("saved");
        assert_eq!(note.title, "Meeting, 14 July 2025, 10:30");
        assert_eq!((note.date, problem), (d(2025, 7, 14), None));

        let mut half = typed.clone();
        half.date.year = "20".into();
        half.title = "Annual review".into();
        let (note, problem) = half
            .to_meeting_note("n", 2, today(), d(2025, 7, 14), "10:30")
            .expect("still saved");
        assert_eq!(
            (note.date, note.title.as_str()),
            (d(2025, 7, 14), "Annual review")
        );
        assert!(problem.is_some(), "and the date's problem is shown");

        let too_long = NoteDraft {
            body: "x".repeat(100_001),
            ..typed
        };
        assert_eq!(
            too_long.to_meeting_note("n", 3, today(), d(2025, 7, 14), "10:30"),
            Err(vec![NoteError::TooLong(TextField::NoteBody, 100_001)])
        );
        assert_eq!(
            NoteDraft {
                title: " ".into(),
                ..draft
            }
            .to_note("n", 1, today()),
            Err(vec![NoteError::Title])
        );
    }

    #[test]
    fn a_pasted_letter_fits_and_text_over_the_limit_is_named() {
        let mut draft = LogEntryDraft {
            date: DateParts::from_date(d(2025, 7, 1)),
            subject: "Letter".into(),
            summary: "ä".repeat(25_000),
            ..LogEntryDraft::default()
        };
        assert!(draft.to_entry("e", 1, today()).is_ok());
        draft.person = "p".repeat(1_001);
        assert_eq!(
            draft.to_entry("e", 1, today()),
            Err(vec![EntryError::TooLong(TextField::Person, 1_001)])
        );
    }

    #[test]
    fn events_added_to_a_case_are_not_added_twice_and_a_deleted_case_stays_deleted() {
        let mut book = Casebook::default();
        let events = [
            (
                d(2025, 6, 30),
                KeyDate::Decision {
                    about: EventKind::DecisionToCease,
                    school_only: false,
                },
            ),
            (
                d(2025, 8, 20),
                KeyDate::MediationCertificate {
                    decision_sent: d(2025, 6, 30),
                },
            ),
        ];
        let case = case_for_events("case-1", "  Leo ", &events, 5);
        assert_eq!(
            (case.name.as_str(), case.plan_status),
            ("Leo", PlanStatus::PlanCeased)
        );
        book.upsert_case(case);
        let mut n = 0;
        let mut ids = || {
            n += 1;
            format!("entry-{n}")
        };
        assert_eq!(
            add_events(&mut book, "case-1", &events, &mut ids, 9),
            Added::Entries(2)
        );
        assert_eq!(
            add_events(&mut book, "case-1", &events, &mut ids, 10),
            Added::AlreadyThere
        );
        let case = book.case("case-1").expect("case");
        assert_eq!(case.live_entries().count(), 2);
        assert_eq!(case.updated, 5, "the case's own change time is left alone");
        assert!(case.entries.iter().all(|e| e.updated == 9));
        book.delete_case("case-1", 20);
        assert_eq!(
            add_events(&mut book, "case-1", &events, &mut ids, 21),
            Added::NoSuchCase
        );
        assert!(book.case("case-1").is_none());
    }

    #[test]
    fn a_meeting_or_a_call_sets_how_it_happened() {
        let mut draft = LogEntryDraft::default();
        assert_eq!(draft.method, Method::Letter);
        draft.set_direction(Direction::Meeting);
        assert_eq!(draft.method, Method::Meeting);
        draft.set_direction(Direction::Call);
        assert_eq!(draft.method, Method::Phone);
        draft.method = Method::VideoCall;
        draft.set_direction(Direction::Meeting);
        assert_eq!(draft.method, Method::VideoCall, "a video call stays one");
        draft.set_direction(Direction::Sent);
        assert_eq!(
            draft.method,
            Method::VideoCall,
            "a letter sent leaves how alone"
        );
    }
}
