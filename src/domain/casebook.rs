//! The parent's records: cases (one per child), their correspondence log and notes.
//!
//! Plain data with the rules that keep it safe: every record has an id and the time it was last
//! changed; deleting leaves a tombstone so that merging two copies (two tabs, or a backup) never
//! brings a deleted record back; merging keeps the newer version of each record.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The version of the stored format. Bump it with a migration in `migrations`.
pub const SCHEMA_VERSION: u32 = 2;

/// Milliseconds since 1970, from the device clock: when a record last changed.
pub type Millis = i64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Casebook {
    pub schema_version: u32,
    pub cases: Vec<Case>,
    /// When the parent last saved a backup file, if ever.
    #[serde(default)]
    pub last_backup: Option<Millis>,
}

impl Default for Casebook {
    fn default() -> Self {
        Casebook {
            schema_version: SCHEMA_VERSION,
            cases: Vec::new(),
            last_backup: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanStatus {
    NoPlan,
    AssessmentRequested,
    BeingAssessed,
    DraftPlan,
    HasPlan,
    PlanBeingReviewed,
    PlanCeased,
}

impl PlanStatus {
    /// Its id in form controls and addresses (the same as its stored name).
    pub fn id(self) -> &'static str {
        match self {
            PlanStatus::NoPlan => "no-plan",
            PlanStatus::AssessmentRequested => "assessment-requested",
            PlanStatus::BeingAssessed => "being-assessed",
            PlanStatus::DraftPlan => "draft-plan",
            PlanStatus::HasPlan => "has-plan",
            PlanStatus::PlanBeingReviewed => "plan-being-reviewed",
            PlanStatus::PlanCeased => "plan-ceased",
        }
    }

    pub fn from_id(id: &str) -> Option<PlanStatus> {
        PlanStatus::ALL.into_iter().find(|x| x.id() == id)
    }

    pub const ALL: [PlanStatus; 7] = [
        PlanStatus::NoPlan,
        PlanStatus::AssessmentRequested,
        PlanStatus::BeingAssessed,
        PlanStatus::DraftPlan,
        PlanStatus::HasPlan,
        PlanStatus::PlanBeingReviewed,
        PlanStatus::PlanCeased,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PlanStatus::NoPlan => "No EHC plan (SEN support)",
            PlanStatus::AssessmentRequested => "Assessment requested",
            PlanStatus::BeingAssessed => "Being assessed",
            PlanStatus::DraftPlan => "Draft plan",
            PlanStatus::HasPlan => "Has an EHC plan",
            PlanStatus::PlanBeingReviewed => "Plan being reviewed or amended",
            PlanStatus::PlanCeased => "Plan ceased",
        }
    }
}

/// One child or young person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub school: String,
    /// The child's date of birth, if the parent added it (letters use it). Written only when
    /// set, so a case without one is stored exactly as before.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::iso::option_date"
    )]
    pub birth_date: Option<NaiveDate>,
    /// The parent's own contacts for this child (their council's SEN officer, their local
    /// SENDIASS, the school), as they typed them. Written only when set.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contacts: String,
    pub plan_status: PlanStatus,
    #[serde(default)]
    pub entries: Vec<LogEntry>,
    #[serde(default)]
    pub notes: Vec<Note>,
    pub updated: Millis,
    #[serde(default)]
    pub deleted: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Sent,
    Received,
    Call,
    Meeting,
}

impl Direction {
    /// Its id in form controls and addresses (the same as its stored name).
    pub fn id(self) -> &'static str {
        match self {
            Direction::Sent => "sent",
            Direction::Received => "received",
            Direction::Call => "call",
            Direction::Meeting => "meeting",
        }
    }

    pub fn from_id(id: &str) -> Option<Direction> {
        Direction::ALL.into_iter().find(|x| x.id() == id)
    }

    pub const ALL: [Direction; 4] = [
        Direction::Sent,
        Direction::Received,
        Direction::Call,
        Direction::Meeting,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Direction::Sent => "I sent it",
            Direction::Received => "I received it",
            Direction::Call => "Phone call",
            Direction::Meeting => "Meeting",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    Letter,
    Email,
    Phone,
    Meeting,
    VideoCall,
    Text,
}

impl Method {
    /// Its id in form controls and addresses (the same as its stored name).
    pub fn id(self) -> &'static str {
        match self {
            Method::Letter => "letter",
            Method::Email => "email",
            Method::Phone => "phone",
            Method::Meeting => "meeting",
            Method::VideoCall => "video-call",
            Method::Text => "text",
        }
    }

    pub fn from_id(id: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|x| x.id() == id)
    }

    pub const ALL: [Method; 6] = [
        Method::Letter,
        Method::Email,
        Method::Phone,
        Method::Meeting,
        Method::VideoCall,
        Method::Text,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Method::Letter => "Letter",
            Method::Email => "Email",
            Method::Phone => "Phone",
            Method::Meeting => "Meeting",
            Method::VideoCall => "Video call",
            Method::Text => "Text message",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Party {
    School,
    Senco,
    Headteacher,
    CouncilSenTeam,
    Sendiass,
    MediationService,
    Tribunal,
    Health,
    SocialCare,
    Other,
}

impl Party {
    /// Its id in form controls and addresses (the same as its stored name).
    pub fn id(self) -> &'static str {
        match self {
            Party::School => "school",
            Party::Senco => "senco",
            Party::Headteacher => "headteacher",
            Party::CouncilSenTeam => "council-sen-team",
            Party::Sendiass => "sendiass",
            Party::MediationService => "mediation-service",
            Party::Tribunal => "tribunal",
            Party::Health => "health",
            Party::SocialCare => "social-care",
            Party::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<Party> {
        Party::ALL.into_iter().find(|x| x.id() == id)
    }

    pub const ALL: [Party; 10] = [
        Party::School,
        Party::Senco,
        Party::Headteacher,
        Party::CouncilSenTeam,
        Party::Sendiass,
        Party::MediationService,
        Party::Tribunal,
        Party::Health,
        Party::SocialCare,
        Party::Other,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Party::School => "School",
            Party::Senco => "SENCo",
            Party::Headteacher => "Headteacher",
            Party::CouncilSenTeam => "Council SEN team",
            Party::Sendiass => "SENDIASS",
            Party::MediationService => "Mediation service",
            Party::Tribunal => "Tribunal",
            Party::Health => "Health",
            Party::SocialCare => "Social care",
            Party::Other => "Other",
        }
    }
}

pub use super::events::KeyDate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: String,
    #[serde(with = "super::iso::date")]
    pub date: NaiveDate,
    #[serde(default, with = "super::iso::option_time")]
    pub time: Option<NaiveTime>,
    pub direction: Direction,
    pub method: Method,
    pub party: Party,
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub promised: String,
    #[serde(default)]
    pub promised_by: String,
    /// The parent has ticked that what was promised has been done. Written only when true, so
    /// that the many entries without a promise cost nothing in storage.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub promise_kept: bool,
    #[serde(default, with = "super::iso::option_date")]
    pub follow_up: Option<NaiveDate>,
    #[serde(default)]
    pub kept_where: String,
    #[serde(default)]
    pub key_date: Option<KeyDate>,
    pub updated: Millis,
    #[serde(default)]
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    #[serde(with = "super::iso::date")]
    pub date: NaiveDate,
    pub title: String,
    #[serde(default)]
    pub body: String,
    pub updated: Millis,
    #[serde(default)]
    pub deleted: bool,
}

impl Case {
    /// The case without its log and notes (what the stored list of cases holds), copied field
    /// by field without copying the records. Written out in full, so that a field added to a
    /// case is a compile error here until it is kept.
    pub fn header(&self) -> Case {
        let Case {
            id,
            name,
            school,
            birth_date,
            contacts,
            plan_status,
            entries: _,
            notes: _,
            updated,
            deleted,
        } = self;
        Case {
            id: id.clone(),
            name: name.clone(),
            school: school.clone(),
            birth_date: *birth_date,
            contacts: contacts.clone(),
            plan_status: *plan_status,
            entries: Vec::new(),
            notes: Vec::new(),
            updated: *updated,
            deleted: *deleted,
        }
    }
}

impl LogEntry {
    /// Makes a deleted entry a bare tombstone: its id, change time and the deletion, nothing
    /// the parent wrote. True if anything had to be removed.
    pub fn scrub(&mut self) -> bool {
        if !self.deleted {
            return false;
        }
        let bare = LogEntry {
            id: self.id.clone(),
            date: TOMBSTONE_DATE,
            time: None,
            direction: Direction::Received,
            method: Method::Letter,
            party: Party::Other,
            person: String::new(),
            subject: String::new(),
            summary: String::new(),
            promised: String::new(),
            promised_by: String::new(),
            promise_kept: false,
            follow_up: None,
            kept_where: String::new(),
            key_date: None,
            updated: self.updated,
            deleted: true,
        };
        let changed = *self != bare;
        *self = bare;
        changed
    }
}

impl Note {
    /// Makes a deleted note a bare tombstone (id, change time, deletion). True if anything had
    /// to be removed.
    pub fn scrub(&mut self) -> bool {
        if !self.deleted {
            return false;
        }
        let changed =
            self.date != TOMBSTONE_DATE || !self.title.is_empty() || !self.body.is_empty();
        self.date = TOMBSTONE_DATE;
        self.title.clear();
        self.body.clear();
        changed
    }
}

/// The date every tombstone carries, so that it tells nothing about the record it replaced.
pub const TOMBSTONE_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// Anything with an id, a change time and a tombstone can be merged.
pub trait Record: Clone {
    fn id(&self) -> &str;
    fn updated(&self) -> Millis;
}

/// A log entry or a note: a record of a case that can be deleted, leaving a bare tombstone.
pub trait CaseRecord: Record + PartialEq {
    fn is_deleted(&self) -> bool;
    fn set_updated(&mut self, at: Millis);
    /// Makes a deleted record a bare tombstone; true if anything had to be removed.
    fn scrub(&mut self) -> bool;
    /// This record deleted at `at`, as a tombstone with nothing the parent wrote.
    fn buried(&self, at: Millis) -> Self {
        let mut tombstone = self.clone();
        tombstone.mark_deleted();
        tombstone.set_updated(at);
        tombstone.scrub();
        tombstone
    }
    fn mark_deleted(&mut self);
    /// This record, as a change made at `at`.
    fn stamped(&self, at: Millis) -> Self {
        let mut record = self.clone();
        record.set_updated(at);
        record
    }
}

macro_rules! case_record {
    ($record:ty) => {
        impl Record for $record {
            fn id(&self) -> &str {
                &self.id
            }
            fn updated(&self) -> Millis {
                self.updated
            }
        }

        impl CaseRecord for $record {
            fn is_deleted(&self) -> bool {
                self.deleted
            }
            fn set_updated(&mut self, at: Millis) {
                self.updated = at;
            }
            fn scrub(&mut self) -> bool {
                <$record>::scrub(self)
            }
            fn mark_deleted(&mut self) {
                self.deleted = true;
            }
        }
    };
}

case_record!(LogEntry);
case_record!(Note);

impl Record for Case {
    fn id(&self) -> &str {
        &self.id
    }
    fn updated(&self) -> Millis {
        self.updated
    }
}

/// Merges two lists of records by id: each record keeps its newer version (ties keep `ours`),
/// records only one side has are kept, and order follows `ours` then the new ones.
pub fn merge_records<T: Record>(ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut merged: Vec<T> = ours.to_vec();
    for record in theirs {
        match merged.iter_mut().find(|r| r.id() == record.id()) {
            Some(existing) if record.updated() > existing.updated() => *existing = record.clone(),
            Some(_) => {}
            None => merged.push(record.clone()),
        }
    }
    merged
}

/// Merges two casebooks, record by record, so that neither side's newer changes are lost.
pub fn merge(ours: &Casebook, theirs: &Casebook) -> Casebook {
    let mut cases = merge_records(&ours.cases, &theirs.cases);
    for case in &mut cases {
        let (Some(a), Some(b)) = (
            ours.cases.iter().find(|c| c.id == case.id),
            theirs.cases.iter().find(|c| c.id == case.id),
        ) else {
            continue;
        };
        if case.deleted {
            // A deleted case keeps nothing the parent wrote, whichever side still had it.
            case.entries.clear();
            case.notes.clear();
            continue;
        }
        case.entries = merge_records(&a.entries, &b.entries);
        case.notes = merge_records(&a.notes, &b.notes);
    }
    Casebook {
        schema_version: SCHEMA_VERSION,
        cases,
        last_backup: ours.last_backup.max(theirs.last_backup),
    }
}

/// Whether `ours` holds anything `theirs` does not: a case or record it lacks, or a newer
/// version of one. Order does not count (a stored casebook comes back in storage order).
pub fn has_newer(ours: &Casebook, theirs: &Casebook) -> bool {
    fn newer<T: Record>(ours: &[T], theirs: &[T]) -> bool {
        let known: std::collections::HashMap<&str, Millis> =
            theirs.iter().map(|r| (r.id(), r.updated())).collect();
        ours.iter()
            .any(|r| known.get(r.id()).is_none_or(|&at| r.updated() > at))
    }
    newer(&ours.cases, &theirs.cases)
        || ours.last_backup > theirs.last_backup
        || ours.cases.iter().any(|case| {
            theirs
                .cases
                .iter()
                .find(|c| c.id == case.id)
                .is_some_and(|other| {
                    !other.deleted
                        && (newer(&case.entries, &other.entries)
                            || newer(&case.notes, &other.notes))
                })
        })
}

impl Casebook {
    /// How long ago the last backup was, in words.
    pub fn last_backup_in_words(&self, now: Millis) -> String {
        match self.last_backup {
            None => "You have not saved a backup yet.".into(),
            Some(at) => match (now - at) / 86_400_000 {
                0 => "Last backup: today.".into(),
                days => format!("Last backup: {}.", super::words::days_ago(days)),
            },
        }
    }

    pub fn live_cases(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter().filter(|c| !c.deleted)
    }

    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id && !c.deleted)
    }

    pub fn case_mut(&mut self, id: &str) -> Option<&mut Case> {
        self.cases.iter_mut().find(|c| c.id == id && !c.deleted)
    }

    /// Adds a case, or replaces the one with the same id.
    pub fn upsert_case(&mut self, case: Case) {
        match self.cases.iter_mut().find(|c| c.id == case.id) {
            Some(existing) => {
                let (entries, notes) = (
                    std::mem::take(&mut existing.entries),
                    std::mem::take(&mut existing.notes),
                );
                *existing = Case {
                    entries,
                    notes,
                    ..case
                };
            }
            None => self.cases.push(case),
        }
    }

    /// How many live records (cases, entries, notes) the casebook holds.
    pub fn record_count(&self) -> usize {
        self.live_cases()
            .map(|c| 1 + c.live_entries().count() + c.live_notes().count())
            .sum()
    }

    /// Records changed since the last backup: a nudge to back up.
    pub fn changed_since_backup(&self) -> usize {
        let since = self.last_backup.unwrap_or(Millis::MIN);
        self.live_cases()
            .map(|c| {
                usize::from(c.updated > since)
                    + c.live_entries().filter(|e| e.updated > since).count()
                    + c.live_notes().filter(|n| n.updated > since).count()
            })
            .sum()
    }
}

/// What the parent can change about a case: the child's name (or initials), the school and
/// where things stand with the EHC plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetails {
    pub name: String,
    pub school: String,
    pub plan_status: PlanStatus,
    pub birth_date: Option<NaiveDate>,
    pub contacts: String,
}

impl CaseDetails {
    /// The details as typed, trimmed; the name (or initials) is needed.
    pub fn read(name: &str, school: &str, plan_status: PlanStatus) -> Option<CaseDetails> {
        let name = name.trim();
        (!name.is_empty()).then(|| CaseDetails {
            name: name.to_string(),
            school: school.trim().to_string(),
            plan_status,
            birth_date: None,
            contacts: String::new(),
        })
    }

    /// As a form reads them back: text trimmed. (A stored value with stray spaces, from a
    /// backup file say, would otherwise always count as changed by the form.)
    pub fn trimmed(self) -> CaseDetails {
        CaseDetails {
            name: self.name.trim().to_string(),
            school: self.school.trim().to_string(),
            contacts: self.contacts.trim().to_string(),
            ..self
        }
    }

    pub fn of(case: &Case) -> CaseDetails {
        CaseDetails {
            name: case.name.clone(),
            school: case.school.clone(),
            plan_status: case.plan_status,
            birth_date: case.birth_date,
            contacts: case.contacts.clone(),
        }
    }
}

impl Casebook {
    /// Changes a live case's details; its log and notes stay as they are. False if there is no
    /// such case.
    pub fn edit_case(&mut self, id: &str, details: CaseDetails, now: Millis) -> bool {
        let Some(case) = self.case_mut(id) else {
            return false;
        };
        case.name = details.name;
        case.school = details.school;
        case.plan_status = details.plan_status;
        case.birth_date = details.birth_date;
        case.contacts = details.contacts;
        case.updated = now;
        true
    }

    /// Applies what the parent changed in a form that opened showing `base`: each field the
    /// parent left as it was keeps the case's value now, which another tab may have changed
    /// since the form opened (a school changed here must not put back contacts changed there).
    /// Nothing changed: nothing is written, and the case's time stays. False if there is no
    /// such case.
    pub fn edit_case_from(
        &mut self,
        id: &str,
        base: &CaseDetails,
        edited: CaseDetails,
        now: Millis,
    ) -> bool {
        let Some(current) = self.case(id).map(CaseDetails::of) else {
            return false;
        };
        fn pick<T: PartialEq>(edited: T, base: &T, current: T) -> T {
            if &edited == base {
                current
            } else {
                edited
            }
        }
        let details = CaseDetails {
            name: pick(edited.name, &base.name, current.name.clone()),
            school: pick(edited.school, &base.school, current.school.clone()),
            plan_status: pick(edited.plan_status, &base.plan_status, current.plan_status),
            birth_date: pick(edited.birth_date, &base.birth_date, current.birth_date),
            contacts: pick(edited.contacts, &base.contacts, current.contacts.clone()),
        };
        details == current || self.edit_case(id, details, now)
    }

    /// Deletes a case with its whole log and all its notes. What stays is a tombstone (the id,
    /// the time, nothing the parent wrote), so that merging an older copy cannot bring the case
    /// back. Returns the case as it was, for "undo".
    pub fn delete_case(&mut self, id: &str, now: Millis) -> Option<Case> {
        let case = self.cases.iter_mut().find(|c| c.id == id && !c.deleted)?;
        let tombstone = Case {
            id: case.id.clone(),
            name: String::new(),
            school: String::new(),
            birth_date: None,
            contacts: String::new(),
            plan_status: case.plan_status,
            entries: Vec::new(),
            notes: Vec::new(),
            updated: now,
            deleted: true,
        };
        Some(std::mem::replace(case, tombstone))
    }

    /// Puts back a deleted case as it was, newer than its tombstone.
    pub fn undo_delete_case(&mut self, mut before: Case, now: Millis) {
        before.deleted = false;
        before.updated = now;
        match self.cases.iter_mut().find(|c| c.id == before.id) {
            Some(existing) => *existing = before,
            None => self.cases.push(before),
        }
    }
}

impl Case {
    pub fn live_entries(&self) -> impl Iterator<Item = &LogEntry> {
        self.entries.iter().filter(|e| !e.deleted)
    }

    pub fn live_notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| !n.deleted)
    }

    /// Adds an entry, or replaces the one with the same id.
    pub fn upsert_entry(&mut self, entry: LogEntry) {
        match self.entries.iter_mut().find(|e| e.id == entry.id) {
            Some(existing) => *existing = entry,
            None => self.entries.push(entry),
        }
    }

    pub fn upsert_note(&mut self, note: Note) {
        match self.notes.iter_mut().find(|n| n.id == note.id) {
            Some(existing) => *existing = note,
            None => self.notes.push(note),
        }
    }

    /// Marks an entry deleted (a tombstone, so that a merge cannot bring it back). Returns the
    /// entry as it was, for "undo".
    pub fn delete_entry(&mut self, id: &str, now: Millis) -> Option<LogEntry> {
        let entry = self.entries.iter_mut().find(|e| e.id == id && !e.deleted)?;
        let before = entry.clone();
        entry.deleted = true;
        entry.updated = now;
        entry.scrub();
        Some(before)
    }

    pub fn delete_note(&mut self, id: &str, now: Millis) -> Option<Note> {
        let note = self.notes.iter_mut().find(|n| n.id == id && !n.deleted)?;
        let before = note.clone();
        note.deleted = true;
        note.updated = now;
        note.scrub();
        Some(before)
    }

    /// Puts back a deleted record as it was, newer than its tombstone.
    pub fn undo_delete_entry(&mut self, mut before: LogEntry, now: Millis) {
        before.deleted = false;
        before.updated = now;
        self.upsert_entry(before);
    }

    pub fn undo_delete_note(&mut self, mut before: Note, now: Millis) {
        before.deleted = false;
        before.updated = now;
        self.upsert_note(before);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn the_last_backup_reads_in_words() {
        let day = 86_400_000;
        let mut book = Casebook::default();
        assert_eq!(
            book.last_backup_in_words(10 * day),
            "You have not saved a backup yet."
        );
        book.last_backup = Some(10 * day);
        assert_eq!(
            book.last_backup_in_words(10 * day + 5),
            "Last backup: today."
        );
        assert_eq!(
            book.last_backup_in_words(11 * day),
            "Last backup: 1 day ago."
        );
        assert_eq!(
            book.last_backup_in_words(13 * day),
            "Last backup: 3 days ago."
        );
    }

    #[test]
    fn form_ids_are_the_stored_names_and_read_back() {
        fn check<T: Serialize + Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            id: fn(T) -> &'static str,
            from: fn(&str) -> Option<T>,
        ) {
            for x in all {
                assert_eq!(
                    serde_json::to_string(x).expect("names"),
                    format!("\"{}\"", id(*x))
                );
                assert_eq!(from(id(*x)), Some(*x));
            }
            assert_eq!(from("no-such-thing"), None);
        }
        check(&PlanStatus::ALL, PlanStatus::id, PlanStatus::from_id);
        check(&Party::ALL, Party::id, Party::from_id);
        check(&Method::ALL, Method::id, Method::from_id);
        check(&Direction::ALL, Direction::id, Direction::from_id);
    }

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    pub fn entry(id: &str, date: NaiveDate, updated: Millis) -> LogEntry {
        LogEntry {
            id: id.into(),
            date,
            time: None,
            direction: Direction::Received,
            method: Method::Letter,
            party: Party::CouncilSenTeam,
            person: String::new(),
            subject: format!("Letter {id}"),
            summary: String::new(),
            promised: String::new(),
            promised_by: String::new(),
            promise_kept: false,
            follow_up: None,
            kept_where: String::new(),
            key_date: None,
            updated,
            deleted: false,
        }
    }

    pub fn case(id: &str, entries: Vec<LogEntry>) -> Case {
        Case {
            id: id.into(),
            name: "A.B.".into(),
            school: "Oak Primary".into(),
            birth_date: None,
            contacts: String::new(),
            plan_status: PlanStatus::HasPlan,
            entries,
            notes: Vec::new(),
            updated: 1,
            deleted: false,
        }
    }

    #[test]
    fn merging_keeps_the_newer_version_of_each_record_and_all_new_ones() {
        let ours = vec![entry("a", d(2025, 1, 1), 10), entry("b", d(2025, 1, 2), 30)];
        let mut theirs_a = entry("a", d(2025, 1, 1), 20);
        theirs_a.subject = "corrected".into();
        let theirs = vec![
            theirs_a,
            entry("b", d(2025, 1, 2), 5),
            entry("c", d(2025, 1, 3), 1),
        ];
        let merged = merge_records(&ours, &theirs);
        assert_eq!(
            merged.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert_eq!(merged[0].subject, "corrected");
        assert_eq!(merged[1].updated, 30);
    }

    #[test]
    fn a_deleted_record_is_not_brought_back_by_an_older_copy() {
        let mut ours = case("k", vec![entry("a", d(2025, 1, 1), 10)]);
        ours.delete_entry("a", 50).expect("deleted");
        let theirs = case("k", vec![entry("a", d(2025, 1, 1), 10)]);
        let merged = merge(
            &Casebook {
                cases: vec![ours],
                ..Casebook::default()
            },
            &Casebook {
                cases: vec![theirs],
                ..Casebook::default()
            },
        );
        assert_eq!(merged.cases[0].live_entries().count(), 0);
    }

    #[test]
    fn undo_puts_back_exactly_what_was_deleted() {
        let mut c = case("k", vec![entry("a", d(2025, 1, 1), 10)]);
        let before = c.delete_entry("a", 50).expect("deleted");
        assert_eq!(c.live_entries().count(), 0);
        assert!(c.delete_entry("a", 51).is_none(), "already deleted");
        c.undo_delete_entry(before.clone(), 60);
        let restored = c.live_entries().next().expect("back");
        assert_eq!(
            (restored.subject.as_str(), restored.updated),
            (before.subject.as_str(), 60)
        );
    }

    #[test]
    fn changes_since_the_last_backup_are_counted() {
        let mut book = Casebook {
            cases: vec![case(
                "k",
                vec![entry("a", d(2025, 1, 1), 10), entry("b", d(2025, 1, 1), 30)],
            )],
            ..Casebook::default()
        };
        assert_eq!(book.changed_since_backup(), 3);
        book.last_backup = Some(20);
        assert_eq!(book.changed_since_backup(), 1);
        assert_eq!(book.record_count(), 3);
    }

    #[test]
    fn upserting_a_case_keeps_its_records() {
        let mut book = Casebook {
            cases: vec![case("k", vec![entry("a", d(2025, 1, 1), 10)])],
            ..Casebook::default()
        };
        let mut renamed = case("k", Vec::new());
        renamed.name = "C.D.".into();
        book.upsert_case(renamed);
        assert_eq!(book.cases[0].name, "C.D.");
        assert_eq!(book.cases[0].entries.len(), 1);
    }

    /// The date of birth and own contacts (December 2026) are additions: a case without them is
    /// written exactly as before, and one with them reads back the same.
    #[test]
    fn a_birth_date_and_contacts_are_written_only_when_given_and_read_back() {
        let plain = case("case-1", Vec::new());
        let text = serde_json::to_string(&plain).expect("writes");
        assert!(!text.contains("birth_date") && !text.contains("contacts"));
        let mut full = plain.clone();
        full.birth_date = NaiveDate::from_ymd_opt(2016, 4, 9);
        full.contacts = "SEN officer: Jo Bloggs, 01234 567890".into();
        let text = serde_json::to_string(&full).expect("writes");
        assert!(text.contains("\"birth_date\":\"2016-04-09\""));
        let back: Case = serde_json::from_str(&text).expect("reads");
        assert_eq!(back, full);
    }

    #[test]
    fn case_details_need_a_name_and_are_trimmed() {
        assert_eq!(CaseDetails::read("  ", "Oak", PlanStatus::NoPlan), None);
        assert_eq!(
            CaseDetails::read(" S.J. ", " Oak Primary ", PlanStatus::DraftPlan),
            Some(CaseDetails {
                name: "S.J.".into(),
                school: "Oak Primary".into(),
                plan_status: PlanStatus::DraftPlan,
                birth_date: None,
                contacts: String::new(),
            })
        );
    }

    #[test]
    fn editing_a_case_changes_its_details_and_keeps_its_records() {
        let mut book = Casebook {
            cases: vec![case("k", vec![entry("a", d(2025, 1, 1), 10)])],
            ..Casebook::default()
        };
        let details = CaseDetails::read("C.D.", "", PlanStatus::PlanCeased).expect("valid");
        assert!(book.edit_case("k", details.clone(), 99));
        let edited = book.case("k").expect("live");
        assert_eq!(CaseDetails::of(edited), details);
        assert_eq!((edited.updated, edited.entries.len()), (99, 1));
        assert!(!book.edit_case("missing", details, 100));
    }

    /// Two tabs: this form opened before another tab changed the case. Only what was changed
    /// here is written; every field left alone keeps the other tab's value, for every choice of
    /// fields changed here and there.
    #[test]
    fn a_form_writes_only_what_it_changed() {
        let base = CaseDetails {
            name: "A.B.".into(),
            school: "Oak".into(),
            plan_status: PlanStatus::NoPlan,
            birth_date: None,
            contacts: "SEN officer 01234 567890".into(),
        };
        let other = CaseDetails {
            name: "A.B.C.".into(),
            school: "Elm".into(),
            plan_status: PlanStatus::HasPlan,
            birth_date: Some(d(2016, 4, 9)),
            contacts: "SEN officer 01234 567890\nSENDIASS 01992 555847".into(),
        };
        let mine = CaseDetails {
            name: "A.Z.".into(),
            school: "Ash".into(),
            plan_status: PlanStatus::DraftPlan,
            birth_date: Some(d(2015, 1, 2)),
            contacts: "Mine".into(),
        };
        type Field = fn(&mut CaseDetails, &CaseDetails);
        let fields: [Field; 5] = [
            |to, from| to.name = from.name.clone(),
            |to, from| to.school = from.school.clone(),
            |to, from| to.plan_status = from.plan_status,
            |to, from| to.birth_date = from.birth_date,
            |to, from| to.contacts = from.contacts.clone(),
        ];
        for there in 0..32u32 {
            for here in 0..32u32 {
                // The other tab's save: the fields in `there` changed.
                let mut stored = base.clone();
                let mut typed = base.clone();
                let mut expected = base.clone();
                for (i, set) in fields.iter().enumerate() {
                    if there & (1 << i) != 0 {
                        set(&mut stored, &other);
                        set(&mut expected, &other);
                    }
                    if here & (1 << i) != 0 {
                        set(&mut typed, &mine);
                        set(&mut expected, &mine);
                    }
                }
                let mut book = Casebook {
                    cases: vec![case("k", vec![])],
                    ..Casebook::default()
                };
                assert!(book.edit_case("k", stored, 10));
                assert!(book.edit_case_from("k", &base, typed, 20));
                let now = book.case("k").expect("live");
                assert_eq!(
                    CaseDetails::of(now),
                    expected,
                    "there {there:05b} here {here:05b}"
                );
                assert_eq!(
                    now.updated,
                    if here == 0 { 10 } else { 20 },
                    "nothing changed here: not written"
                );
            }
        }
        let mut book = Casebook::default();
        assert!(!book.edit_case_from("missing", &base, mine, 5));
    }

    #[test]
    fn a_deleted_case_keeps_nothing_the_parent_wrote_and_undo_restores_it() {
        let mut book = Casebook {
            cases: vec![
                case("k", vec![entry("a", d(2025, 1, 1), 10)]),
                case("m", vec![]),
            ],
            ..Casebook::default()
        };
        let before = book.delete_case("k", 50).expect("deleted");
        assert!(book.case("k").is_none());
        assert_eq!(book.live_cases().count(), 1);
        let tombstone = &book.cases[0];
        assert!(tombstone.deleted && tombstone.updated == 50);
        assert!(tombstone.name.is_empty() && tombstone.school.is_empty());
        assert!(tombstone.entries.is_empty() && tombstone.notes.is_empty());
        assert!(book.delete_case("k", 51).is_none(), "already deleted");
        assert!(!book.edit_case("k", CaseDetails::of(&before), 52));

        book.undo_delete_case(before.clone(), 60);
        let back = book.case("k").expect("back");
        assert_eq!(back.entries, before.entries);
        assert_eq!((back.name.as_str(), back.updated), ("A.B.", 60));
    }

    #[test]
    fn only_new_or_newer_records_count_as_newer_whatever_their_order() {
        let a = Casebook {
            cases: vec![case(
                "k",
                vec![entry("a", d(2025, 1, 1), 10), entry("b", d(2025, 1, 2), 20)],
            )],
            ..Casebook::default()
        };
        let mut reordered = a.clone();
        reordered.cases[0].entries.reverse();
        assert!(!has_newer(&a, &reordered) && !has_newer(&reordered, &a));
        let mut edited = a.clone();
        edited.cases[0].entries[1].updated = 30;
        assert!(has_newer(&edited, &a) && !has_newer(&a, &edited));
        let mut added = a.clone();
        added.cases[0].entries.push(entry("c", d(2025, 1, 3), 5));
        assert!(has_newer(&added, &a) && !has_newer(&a, &added));
    }

    #[test]
    fn merging_an_older_copy_does_not_bring_a_deleted_case_or_its_records_back() {
        let older = Casebook {
            cases: vec![case("k", vec![entry("a", d(2025, 1, 1), 10)])],
            ..Casebook::default()
        };
        let mut newer = older.clone();
        newer.delete_case("k", 50).expect("deleted");
        for merged in [merge(&newer, &older), merge(&older, &newer)] {
            assert_eq!(merged.live_cases().count(), 0);
            assert!(merged.cases[0].entries.is_empty(), "no text kept");
        }
    }
}
