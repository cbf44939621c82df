//! What the records pages show, worked out from the casebook: the log filtered and searched,
//! the deadlines that follow from key dates, and a case's summary. Also the drafts the forms
//! edit, and the checks that turn a draft into a record.

use super::casebook::{Case, Direction, KeyDate, LogEntry, Method, Millis, Note, Party};
use super::date_input::{parse_date, DateError, DateParts};
use super::deadlines::{self as d, Deadline, Rule, WhoActs};
use super::limits::TextField;
use super::my_dates::{Situation, TransferKind};
use super::sorting;
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

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
use serde::{Deserialize, Serialize};

/// How the log is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// The log's filters, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogFilter {
    pub text: String,
    pub party: Option<Party>,
    pub method: Option<Method>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sort: SortOrder,
}

/// The searchable text of each of a case's entries, lowercased once, and the entries' order by
/// date, so that each keystroke in the search box only scans (no lowercasing, no sorting). Built
/// when the case changes, not on every keystroke.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogIndex {
    lowercase: Vec<String>,
    /// Positions in `case.entries`, oldest first (date, time, change time; ties in list order).
    oldest_first: Vec<usize>,
}

impl LogIndex {
    pub fn new(case: &Case) -> Self {
        let lowercase = case
            .entries
            .iter()
            .map(|e| {
                let fields = [
                    &e.subject,
                    &e.summary,
                    &e.person,
                    &e.promised,
                    &e.promised_by,
                    &e.kept_where,
                ];
                let mut text = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
                for field in fields {
                    if field.is_ascii() {
                        text.extend(field.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                    } else {
                        text.push_str(&field.to_lowercase());
                    }
                    text.push('\n');
                }
                text
            })
            .collect();
        let mut oldest_first: Vec<usize> = (0..case.entries.len()).collect();
        sorting::sort_by_key(&mut oldest_first, |&i| {
            let e = &case.entries[i];
            (e.date, e.time, e.updated)
        });
        LogIndex {
            lowercase,
            oldest_first,
        }
    }
}

/// The live entries of a case that pass the filter, in the chosen order. The page keeps a
/// [`LogIndex`] between keystrokes and calls [`filter_log_indexed`]; this builds one for a call.
pub fn filter_log<'a>(case: &'a Case, filter: &LogFilter) -> Vec<&'a LogEntry> {
    filter_log_indexed(case, &LogIndex::new(case), filter)
}

/// The same as [`filter_log`], using an index built from the same case.
pub fn filter_log_indexed<'a>(
    case: &'a Case,
    index: &LogIndex,
    filter: &LogFilter,
) -> Vec<&'a LogEntry> {
    if index.lowercase.len() != case.entries.len() {
        return filter_log(case, filter);
    }
    let words: Vec<String> = filter
        .text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut entries: Vec<&LogEntry> = index
        .oldest_first
        .iter()
        .map(|&i| (&case.entries[i], &index.lowercase[i]))
        .filter(|(e, text)| {
            !e.deleted
                && passes_fields(e, filter)
                && words.iter().all(|w| text.contains(w.as_str()))
        })
        .map(|(e, _)| e)
        .collect();
    if filter.sort == SortOrder::NewestFirst {
        entries.reverse();
    }
    entries
}

fn passes_fields(e: &LogEntry, filter: &LogFilter) -> bool {
    filter.party.is_none_or(|p| e.party == p)
        && filter.method.is_none_or(|m| e.method == m)
        && filter.from.is_none_or(|from| e.date >= from)
        && filter.to.is_none_or(|to| e.date <= to)
}

/// The deadlines that follow from an entry marked as a key date.
pub fn key_date_deadlines(entry: &LogEntry) -> Vec<Deadline> {
    let Some(key) = entry.key_date else {
        return Vec::new();
    };
    let date = entry.date;
    let mut out = match key {
        KeyDate::Decision { about } if about.is_appealable_decision() => {
            vec![
                d::explain_mediation_adviser_deadline(date),
                d::explain_appeal_deadline(date, None, true),
            ]
        }
        KeyDate::Decision { .. } => Vec::new(),
        KeyDate::MediationCertificate { decision_sent } => {
            vec![d::explain_appeal_deadline(decision_sent, Some(date), true)]
        }
        KeyDate::DraftPlan => vec![d::explain_draft_plan_comments(date)],
        KeyDate::AmendmentNotice => {
            vec![
                d::explain_amendment_notice_comments(date),
                d::explain_final_amended_plan(date),
            ]
        }
        KeyDate::ReviewMeeting => vec![
            d::explain_review_report(date),
            d::explain_review_decision(date),
            d::explain_final_amended_plan_after_review(date),
            d::explain_annual_review_due(date),
        ],
        KeyDate::RequestForAssessment => vec![
            d::explain_decision_whether_to_assess(date),
            d::explain_no_plan_notice(date),
            d::explain_final_plan(date),
        ],
        KeyDate::TribunalOrder { order } => d::explain_tribunal_order(order.into(), date, false),
        KeyDate::AssessmentAgreed => Vec::new(),
        KeyDate::PhaseTransfer { move_kind } => match move_kind {
            TransferKind::BetweenPost16 => vec![d::explain_post16_transfer(date)],
            TransferKind::SchoolPhases => {
                d::explain_phase_transfer(date.year(), d::PhaseTransfer::SchoolPhases)
                    .into_iter()
                    .collect()
            }
            TransferKind::SecondaryToPost16 => {
                d::explain_phase_transfer(date.year(), d::PhaseTransfer::SecondaryToPost16)
                    .into_iter()
                    .collect()
            }
        },
    };
    sorting::sort_by_key(&mut out, |deadline| deadline.date);
    out
}

/// What the log shows about a deadline someone else had to meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing logged yet says it was done.
    NotLogged,
    /// A later key date in the log is the thing this deadline was for (the decision, notice or
    /// plan arrived), on this date.
    Met(NaiveDate),
    /// A later key date shows this step is no longer needed (a plan arrived, so no notice that
    /// there will be no plan is due), on this date.
    Overtaken(NaiveDate),
}

/// Whether a key date logged later is what `rule` required, or makes it unnecessary.
fn answers(rule: Rule, key: KeyDate) -> Option<fn(NaiveDate) -> Outcome> {
    use Situation as S;
    let decision = match key {
        KeyDate::Decision { about } => Some(about),
        _ => None,
    };
    match rule {
        Rule::DecisionWhetherToAssess
            if key == KeyDate::AssessmentAgreed || decision == Some(S::DecisionNoAssessment) =>
        {
            Some(Outcome::Met)
        }
        // A plan, or a decision made after assessing, shows the council did decide to assess.
        Rule::DecisionWhetherToAssess
            if key == KeyDate::DraftPlan
                || matches!(decision, Some(S::DecisionNoPlan | S::FinalPlanIssued)) =>
        {
            Some(Outcome::Overtaken)
        }
        Rule::NoPlanNotice if decision == Some(S::DecisionNoPlan) => Some(Outcome::Met),
        Rule::NoPlanNotice if decision == Some(S::FinalPlanIssued) || key == KeyDate::DraftPlan => {
            Some(Outcome::Overtaken)
        }
        Rule::FinalPlan | Rule::FinalPlanAfterReassessment
            if decision == Some(S::FinalPlanIssued) =>
        {
            Some(Outcome::Met)
        }
        Rule::FinalAmendedPlan | Rule::FinalAmendedPlanAfterReview
            if matches!(decision, Some(S::FinalPlanIssued | S::DecisionOnAmendment)) =>
        {
            Some(Outcome::Met)
        }
        Rule::ReviewDecision
            if key == KeyDate::AmendmentNotice
                || matches!(decision, Some(S::DecisionOnAmendment | S::DecisionToCease)) =>
        {
            Some(Outcome::Met)
        }
        _ => None,
    }
}

/// The key-date entries of a case, oldest first, to look up what answered a deadline.
pub struct KeyDates(Vec<(NaiveDate, String, KeyDate)>);

impl KeyDates {
    pub fn of(case: &Case) -> Self {
        let mut keys: Vec<(NaiveDate, String, KeyDate)> = case
            .live_entries()
            .filter_map(|e| e.key_date.map(|k| (e.date, e.id.clone(), k)))
            .collect();
        sorting::sort_by(&mut keys, |a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        KeyDates(keys)
    }

    /// What the log shows about a deadline that follows from the entry `from` (dated
    /// `from_date`): the first later key date that answers it, if any.
    pub fn outcome(&self, from: &str, from_date: NaiveDate, deadline: &Deadline) -> Outcome {
        if matches!(deadline.who, WhoActs::Parent) {
            return Outcome::NotLogged;
        }
        self.0
            .iter()
            .filter(|(date, id, _)| *date >= from_date && id != from)
            .find_map(|(date, _, key)| answers(deadline.rule, *key).map(|make| make(*date)))
            .unwrap_or(Outcome::NotLogged)
    }
}

/// A deadline with the entry it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDeadline {
    pub entry_id: String,
    pub entry_subject: String,
    pub deadline: Deadline,
}

/// What the case summary shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    /// Deadlines from today on, soonest first.
    pub upcoming: Vec<CaseDeadline>,
    /// The council's (or another body's) deadlines that have passed, with days late.
    pub overdue_for_others: Vec<(CaseDeadline, i64)>,
    /// Entries with a follow-up date, soonest first, with whether it has passed.
    pub follow_ups: Vec<(String, String, NaiveDate, bool)>,
    /// The last contact with each party, most recent first.
    pub last_contact: Vec<(Party, NaiveDate)>,
}

pub fn case_summary(case: &Case, today: NaiveDate) -> CaseSummary {
    let mut upcoming = Vec::new();
    let mut overdue_for_others = Vec::new();
    let keys = KeyDates::of(case);
    for entry in case.live_entries() {
        for deadline in key_date_deadlines(entry) {
            if keys.outcome(&entry.id, entry.date, &deadline) != Outcome::NotLogged {
                continue;
            }
            let item = CaseDeadline {
                entry_id: entry.id.clone(),
                entry_subject: entry.subject.clone(),
                deadline,
            };
            if item.deadline.date >= today {
                upcoming.push(item);
            } else if !matches!(item.deadline.who, WhoActs::Parent) {
                let late = (today - item.deadline.date).num_days();
                overdue_for_others.push((item, late));
            }
        }
    }
    sorting::sort_by_key(&mut upcoming, |i| i.deadline.date);
    sorting::sort_by_key(&mut overdue_for_others, |(i, _)| i.deadline.date);
    let mut follow_ups: Vec<(String, String, NaiveDate, bool)> = case
        .live_entries()
        .filter_map(|e| {
            e.follow_up
                .map(|f| (e.id.clone(), e.subject.clone(), f, f < today))
        })
        .collect();
    sorting::sort_by_key(&mut follow_ups, |f| f.2);
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

/// Which key date an entry is, as the form's select offers it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyDateChoice {
    #[default]
    None,
    Decision,
    MediationCertificate,
    DraftPlan,
    AmendmentNotice,
    ReviewMeeting,
    RequestForAssessment,
    AssessmentAgreed,
    TribunalOrder,
    PhaseTransfer,
}

impl KeyDateChoice {
    pub const ALL: [KeyDateChoice; 10] = [
        KeyDateChoice::None,
        KeyDateChoice::Decision,
        KeyDateChoice::MediationCertificate,
        KeyDateChoice::DraftPlan,
        KeyDateChoice::AmendmentNotice,
        KeyDateChoice::ReviewMeeting,
        KeyDateChoice::RequestForAssessment,
        KeyDateChoice::AssessmentAgreed,
        KeyDateChoice::TribunalOrder,
        KeyDateChoice::PhaseTransfer,
    ];

    pub fn id(self) -> &'static str {
        match self {
            KeyDateChoice::None => "none",
            KeyDateChoice::Decision => "decision",
            KeyDateChoice::MediationCertificate => "mediation-certificate",
            KeyDateChoice::DraftPlan => "draft-plan",
            KeyDateChoice::AmendmentNotice => "amendment-notice",
            KeyDateChoice::ReviewMeeting => "review-meeting",
            KeyDateChoice::RequestForAssessment => "request-for-assessment",
            KeyDateChoice::AssessmentAgreed => "assessment-agreed",
            KeyDateChoice::TribunalOrder => "tribunal-order",
            KeyDateChoice::PhaseTransfer => "phase-transfer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            KeyDateChoice::None => "No, an ordinary entry",
            KeyDateChoice::Decision => "A decision letter (the date it was sent)",
            KeyDateChoice::MediationCertificate => "A mediation certificate (its date of issue)",
            KeyDateChoice::DraftPlan => "A draft EHC plan",
            KeyDateChoice::AmendmentNotice => "A notice of proposed amendments",
            KeyDateChoice::ReviewMeeting => "An annual review meeting",
            KeyDateChoice::RequestForAssessment => {
                "A request for an EHC needs assessment (the date received)"
            }
            KeyDateChoice::AssessmentAgreed => "The council's letter agreeing to assess",
            KeyDateChoice::TribunalOrder => "A Tribunal order",
            KeyDateChoice::PhaseTransfer => {
                "A planned move to a new school, phase or college (the date of the move)"
            }
        }
    }

    pub fn from_id(id: &str) -> KeyDateChoice {
        KeyDateChoice::ALL
            .into_iter()
            .find(|c| c.id() == id)
            .unwrap_or_default()
    }

    pub fn of(key: Option<KeyDate>) -> KeyDateChoice {
        match key {
            None => KeyDateChoice::None,
            Some(KeyDate::Decision { .. }) => KeyDateChoice::Decision,
            Some(KeyDate::MediationCertificate { .. }) => KeyDateChoice::MediationCertificate,
            Some(KeyDate::DraftPlan) => KeyDateChoice::DraftPlan,
            Some(KeyDate::AmendmentNotice) => KeyDateChoice::AmendmentNotice,
            Some(KeyDate::ReviewMeeting) => KeyDateChoice::ReviewMeeting,
            Some(KeyDate::RequestForAssessment) => KeyDateChoice::RequestForAssessment,
            Some(KeyDate::AssessmentAgreed) => KeyDateChoice::AssessmentAgreed,
            Some(KeyDate::TribunalOrder { .. }) => KeyDateChoice::TribunalOrder,
            Some(KeyDate::PhaseTransfer { .. }) => KeyDateChoice::PhaseTransfer,
        }
    }
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
    pub key_date: KeyDateChoice,
    pub decision_about: Situation,
    pub decision_sent: DateParts,
    pub order: super::my_dates::OrderKind,
    pub move_kind: TransferKind,
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
            key_date: KeyDateChoice::None,
            decision_about: Situation::FinalPlanIssued,
            decision_sent: DateParts::default(),
            order: super::my_dates::OrderKind::MakePlan,
            move_kind: TransferKind::SchoolPhases,
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
}

impl LogEntryDraft {
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
            key_date: KeyDateChoice::of(entry.key_date),
            ..LogEntryDraft::default()
        };
        match entry.key_date {
            Some(KeyDate::Decision { about }) => draft.decision_about = about,
            Some(KeyDate::MediationCertificate { decision_sent }) => {
                draft.decision_sent = DateParts::from_date(decision_sent)
            }
            Some(KeyDate::TribunalOrder { order }) => draft.order = order,
            Some(KeyDate::PhaseTransfer { move_kind }) => draft.move_kind = move_kind,
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
        let key_date = match self.key_date {
            KeyDateChoice::None => None,
            KeyDateChoice::Decision => Some(KeyDate::Decision {
                about: self.decision_about,
            }),
            KeyDateChoice::MediationCertificate => match parse_date(&self.decision_sent, today) {
                Ok(decision_sent) => {
                    if date.is_some_and(|issued| issued < decision_sent) {
                        errors.push(EntryError::CertificateBeforeDecision);
                    }
                    Some(KeyDate::MediationCertificate { decision_sent })
                }
                Err(e) => {
                    errors.push(EntryError::DecisionSent(e));
                    None
                }
            },
            KeyDateChoice::DraftPlan => Some(KeyDate::DraftPlan),
            KeyDateChoice::AmendmentNotice => Some(KeyDate::AmendmentNotice),
            KeyDateChoice::ReviewMeeting => Some(KeyDate::ReviewMeeting),
            KeyDateChoice::RequestForAssessment => Some(KeyDate::RequestForAssessment),
            KeyDateChoice::AssessmentAgreed => Some(KeyDate::AssessmentAgreed),
            KeyDateChoice::TribunalOrder => Some(KeyDate::TribunalOrder { order: self.order }),
            KeyDateChoice::PhaseTransfer => Some(KeyDate::PhaseTransfer {
                move_kind: self.move_kind,
            }),
        };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::casebook::tests::{case, d, entry};
    use proptest::prelude::*;

    proptest! {
        /// The indexed search (entries put in date order once, when the case changes) gives
        /// exactly what filtering and then sorting every time gives: the same entries, in the
        /// same order, ties included, both ways round.
        #[test]
        fn the_indexed_log_is_the_filtered_then_sorted_log(
            rows in proptest::collection::vec(
                (0i64..40, proptest::option::of(0u32..3), 0i64..5, 0usize..3, any::<bool>(), any::<bool>()),
                0..60,
            ),
            word in proptest::option::of(0usize..3),
            party in proptest::option::of(0usize..3),
            newest_first in any::<bool>(),
        ) {
            const WORDS: [&str; 3] = ["therapy", "transport", "Review"];
            const PARTIES: [Party; 3] = [Party::School, Party::Senco, Party::CouncilSenTeam];
            let entries: Vec<LogEntry> = rows
                .iter()
                .enumerate()
                .map(|(i, &(day, hour, updated, p, mention, deleted))| {
                    let mut e = entry(&format!("e{i}"), d(2025, 1, 1) + chrono::Duration::days(day), updated);
                    e.time = hour.map(|h| NaiveTime::from_hms_opt(9 + h, 0, 0).expect("a time"));
                    e.party = PARTIES[p];
                    e.deleted = deleted;
                    if mention {
                        e.summary = format!("About {} and more", WORDS[i % 3]);
                    }
                    e
                })
                .collect();
            let c = case("k", entries);
            let filter = LogFilter {
                text: word.map(|w| WORDS[w].to_uppercase()).unwrap_or_default(),
                party: party.map(|p| PARTIES[p]),
                sort: if newest_first { SortOrder::NewestFirst } else { SortOrder::OldestFirst },
                ..LogFilter::default()
            };
            let needle = filter.text.to_lowercase();
            let mut expected: Vec<&LogEntry> = c
                .live_entries()
                .filter(|e| filter.party.is_none_or(|p| e.party == p))
                .filter(|e| e.subject.to_lowercase().contains(&needle) || e.summary.to_lowercase().contains(&needle))
                .collect();
            expected.sort_by_key(|e| (e.date, e.time, e.updated));
            if newest_first {
                expected.reverse();
            }
            let ids = |list: &[&LogEntry]| list.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
            prop_assert_eq!(ids(&filter_log(&c, &filter)), ids(&expected));
            let index = LogIndex::new(&c);
            prop_assert_eq!(ids(&filter_log_indexed(&c, &index, &filter)), ids(&expected));
        }
    }

    fn today() -> NaiveDate {
        d(2025, 7, 15)
    }

    #[test]
    fn the_log_filters_by_party_method_dates_and_words_and_sorts() {
        let mut a = entry("a", d(2025, 6, 1), 1);
        a.subject = "Speech therapy sessions".into();
        a.party = Party::Senco;
        let mut b = entry("b", d(2025, 6, 30), 2);
        b.summary = "Final plan arrived; therapy is missing".into();
        let mut c = entry("c", d(2025, 7, 3), 3);
        c.method = Method::Email;
        let k = case("k", vec![a, b, c]);
        let ids = |f: &LogFilter| {
            filter_log(&k, f)
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&LogFilter::default()), ["c", "b", "a"]);
        assert_eq!(
            ids(&LogFilter {
                sort: SortOrder::OldestFirst,
                ..LogFilter::default()
            }),
            ["a", "b", "c"]
        );
        assert_eq!(
            ids(&LogFilter {
                text: "THERAPY".into(),
                ..LogFilter::default()
            }),
            ["b", "a"]
        );
        assert_eq!(
            ids(&LogFilter {
                text: "therapy missing".into(),
                ..LogFilter::default()
            }),
            ["b"]
        );
        assert_eq!(
            ids(&LogFilter {
                party: Some(Party::Senco),
                ..LogFilter::default()
            }),
            ["a"]
        );
        assert_eq!(
            ids(&LogFilter {
                method: Some(Method::Email),
                ..LogFilter::default()
            }),
            ["c"]
        );
        assert_eq!(
            ids(&LogFilter {
                from: Some(d(2025, 6, 2)),
                to: Some(d(2025, 7, 1)),
                ..LogFilter::default()
            }),
            ["b"]
        );
    }

    #[test]
    fn a_decision_entry_gives_its_deadlines_and_they_follow_a_corrected_date() {
        let mut e = entry("a", d(2025, 6, 30), 1);
        e.key_date = Some(KeyDate::Decision {
            about: Situation::FinalPlanIssued,
        });
        let dates: Vec<NaiveDate> = key_date_deadlines(&e).iter().map(|x| x.date).collect();
        assert_eq!(dates, [d(2025, 8, 30), d(2025, 9, 1)]);
        e.date = d(2025, 7, 1);
        let corrected: Vec<NaiveDate> = key_date_deadlines(&e).iter().map(|x| x.date).collect();
        assert_eq!(corrected, [d(2025, 9, 1), d(2025, 9, 1)]);
    }

    #[test]
    fn the_summary_shows_what_is_next_what_the_council_missed_and_last_contacts() {
        let mut request = entry("r", d(2025, 1, 6), 1);
        request.key_date = Some(KeyDate::RequestForAssessment);
        let mut decision = entry("d", d(2025, 6, 30), 2);
        decision.key_date = Some(KeyDate::Decision {
            about: Situation::FinalPlanIssued,
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
                .map(|u| u.deadline.date)
                .collect::<Vec<_>>(),
            [d(2025, 8, 30), d(2025, 9, 1)]
        );
        let late: Vec<i64> = summary
            .overdue_for_others
            .iter()
            .map(|(_, days)| *days)
            .collect();
        // The final plan logged on 30 June answers the 6, 16 and 20-week dates from the request
        // (the timeline shows how late it was), so none is listed as missed.
        assert!(late.is_empty(), "{late:?}");
        let without_plan = case("k", vec![k.entries[0].clone()]);
        let late: Vec<i64> = case_summary(&without_plan, today())
            .overdue_for_others
            .iter()
            .map(|(_, days)| *days)
            .collect();
        assert_eq!(late, [148, 78, 50], "6, 16 and 20 weeks from 6 January");
        assert_eq!(
            summary.follow_ups,
            [(
                "d".to_string(),
                "Letter d".to_string(),
                d(2025, 7, 10),
                true
            )]
        );
        assert_eq!(
            summary.last_contact,
            [
                (Party::Senco, d(2025, 7, 2)),
                (Party::CouncilSenTeam, d(2025, 6, 30))
            ]
        );
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
        draft.key_date = KeyDateChoice::MediationCertificate;
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
}
