//! The personal timeline of a case: what the parent logged (letters, calls, meetings, notes),
//! the statutory deadlines that follow from its key dates, follow-ups and promises, in one date
//! order, each with its status today. Also the filters (they apply on screen, in print and in
//! the calendar file), the printed title block, and the calendar events.

use super::casebook::{Case, Casebook, Direction, LogEntry, Note, Party};
use super::date_input::range_in_words;
use super::deadlines::{Deadline, WhoActs};
pub use super::events::Tone;
use super::events::{Followed, Standing};
use super::ics::{deadline_description, uid_for, CalendarEvent};
use super::records::case_deadlines;
use super::sorting;
use super::words::day_month_year;
use super::words::days;
use chrono::{NaiveDate, NaiveTime};

/// The kinds of item a timeline holds, in the order they sort on the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Entry,
    Note,
    Promise,
    FollowUp,
    Deadline,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Entry,
        ItemKind::Note,
        ItemKind::Deadline,
        ItemKind::FollowUp,
        ItemKind::Promise,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ItemKind::Entry => "entries",
            ItemKind::Note => "notes",
            ItemKind::Deadline => "deadlines",
            ItemKind::FollowUp => "follow-ups",
            ItemKind::Promise => "promises",
        }
    }

    /// The filter's label, plural.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Entry => "Letters, calls and meetings (the log)",
            ItemKind::Note => "Notes",
            ItemKind::Deadline => "Deadlines",
            ItemKind::FollowUp => "Follow-ups",
            ItemKind::Promise => "Promises",
        }
    }

    /// What one item is, for the printed "What" column and screen readers.
    pub fn singular(self) -> &'static str {
        match self {
            ItemKind::Entry => "Log entry",
            ItemKind::Note => "Private note",
            ItemKind::Deadline => "Deadline",
            ItemKind::FollowUp => "Follow-up",
            ItemKind::Promise => "Promise",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of item kinds (all of them by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSet(u8);

impl Default for KindSet {
    fn default() -> Self {
        KindSet(ItemKind::ALL.iter().fold(0, |bits, k| bits | k.bit()))
    }
}

impl KindSet {
    pub fn contains(self, kind: ItemKind) -> bool {
        self.0 & kind.bit() != 0
    }

    pub fn with(self, kind: ItemKind, on: bool) -> Self {
        if on {
            KindSet(self.0 | kind.bit())
        } else {
            KindSet(self.0 & !kind.bit())
        }
    }

    pub fn is_all(self) -> bool {
        self == KindSet::default()
    }
}

/// Which items to show, print and export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kinds: KindSet,
    /// Only items involving these people or organisations; empty means everyone.
    pub parties: Vec<Party>,
    /// A chronology for the Tribunal: the factual log and the dates, without private notes or
    /// the parent's own follow-up reminders.
    pub for_tribunal: bool,
}

impl TimelineFilter {
    fn shows_kind(&self, kind: ItemKind) -> bool {
        self.kinds.contains(kind)
            && !(self.for_tribunal && matches!(kind, ItemKind::Note | ItemKind::FollowUp))
    }

    fn passes(&self, item: &TimelineItem) -> bool {
        self.from.is_none_or(|from| item.date >= from)
            && self.to.is_none_or(|to| item.date <= to)
            && (self.parties.is_empty() || item.party.is_some_and(|p| self.parties.contains(&p)))
    }
}

/// Where an item comes from, so that it can open its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRef {
    Entry(String),
    Note(String),
}

/// How an item stands today. Every status has words, so a black-and-white print says it all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Something that happened.
    Happened,
    /// A letter, call or meeting logged for a day still to come (a meeting booked).
    Planned,
    /// A follow-up date: the parent's own.
    DueToday,
    DueIn(i64),
    Passed(i64),
    /// A deadline, and where it stands today.
    Deadline(Standing),
    PromiseKept,
    /// A promise whose date has passed without being ticked as done.
    PromiseMissed(i64),
    /// A promise with no date for it.
    PromiseOpen,
}

impl Status {
    /// The words for the status column.
    pub fn label(self) -> String {
        match self {
            Status::Happened => "Happened".to_string(),
            Status::Planned => "Planned".to_string(),
            Status::DueToday => "Due today".to_string(),
            Status::DueIn(n) => format!("Due in {}", days(n)),
            Status::Passed(n) => format!("Date passed {} ago", days(n)),
            Status::Deadline(standing) => standing.label(),
            Status::PromiseKept => "Done".to_string(),
            Status::PromiseMissed(n) => format!("Not done: {} past the date", days(n)),
            Status::PromiseOpen => "No date given".to_string(),
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            Status::Happened | Status::Planned | Status::PromiseOpen => Tone::Plain,
            Status::DueToday | Status::DueIn(_) => Tone::Soon,
            Status::Passed(_) | Status::PromiseMissed(_) => Tone::Attention,
            Status::Deadline(standing) => standing.tone(),
            Status::PromiseKept => Tone::Done,
        }
    }
}

fn due_status(date: NaiveDate, today: NaiveDate) -> Status {
    let ahead = (date - today).num_days();
    match ahead {
        0 => Status::DueToday,
        n if n > 0 => Status::DueIn(n),
        n => Status::Passed(-n),
    }
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineItem {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub kind: ItemKind,
    /// What happened or is due, in a few words.
    pub title: String,
    /// More about it: how the letter came, its summary, the note's text, the rule's source.
    pub detail: String,
    /// Who: the person or organisation, or who must act.
    pub who: String,
    /// The party the item involves, for the filter; `None` for the parent's own.
    pub party: Option<Party>,
    pub status: Status,
    pub record: RecordRef,
    /// For a deadline: how it was worked out, and which of its entry's deadlines it is.
    pub deadline: Option<(Deadline, usize)>,
}

impl TimelineItem {
    /// A key that stays the same when the item's date is corrected, for calendar UIDs and
    /// stable list keys.
    pub fn key(&self, case_id: &str) -> String {
        let (id, what) = match &self.record {
            RecordRef::Entry(id) => (id, self.kind.id()),
            RecordRef::Note(id) => (id, "note"),
        };
        match &self.deadline {
            Some((deadline, index)) => format!("{case_id}|{id}|{:?}|{index}", deadline.rule),
            None => format!("{case_id}|{id}|{what}"),
        }
    }

    /// The item as a calendar event, named with `name` (the case's, or its initials), as a
    /// calendar may hold several cases.
    pub fn calendar_event(&self, case: &Case, name: &str) -> CalendarEvent {
        let description = match &self.deadline {
            Some((deadline, _)) => deadline_description(deadline),
            None => self.detail.clone(),
        };
        CalendarEvent {
            uid: uid_for(&self.key(&case.id)),
            date: self.date,
            summary: format!("{name}: {}", self.title),
            description: format!("{description}\nFrom SEND Casebook ({name}).",),
        }
    }
}

fn how(entry: &LogEntry) -> String {
    let method = entry.method.label();
    match entry.direction {
        Direction::Sent => format!("{method} sent"),
        Direction::Received => format!("{method} received"),
        Direction::Call => "Phone call".to_string(),
        Direction::Meeting => "Meeting".to_string(),
    }
}

fn party_and_person(entry: &LogEntry) -> String {
    if entry.person.is_empty() {
        entry.party.label().to_string()
    } else {
        format!("{} ({})", entry.party.label(), entry.person)
    }
}

/// The party that acts on a deadline, so that "show only the council" keeps its dates.
fn party_of(who: WhoActs) -> Option<Party> {
    match who {
        WhoActs::Parent => None,
        WhoActs::Council => Some(Party::CouncilSenTeam),
        WhoActs::MediationAdviser | WhoActs::Mediator => Some(Party::MediationService),
        WhoActs::Tribunal => Some(Party::Tribunal),
        WhoActs::HealthOrSocialCare => Some(Party::Health),
        WhoActs::HeadTeacher => Some(Party::School),
    }
}

fn entry_items(
    entry: &LogEntry,
    deadlines: &[Followed],
    today: NaiveDate,
    filter: &TimelineFilter,
    out: &mut Vec<TimelineItem>,
) {
    let record = || RecordRef::Entry(entry.id.clone());
    if filter.shows_kind(ItemKind::Entry) {
        let mut detail = how(entry);
        if !entry.summary.is_empty() {
            detail.push_str(". ");
            detail.push_str(&entry.summary);
        }
        out.push(TimelineItem {
            date: entry.date,
            time: entry.time,
            kind: ItemKind::Entry,
            title: entry.subject.clone(),
            detail,
            who: party_and_person(entry),
            party: Some(entry.party),
            status: if entry.date > today {
                Status::Planned
            } else {
                Status::Happened
            },
            record: record(),
            deadline: None,
        });
    }
    let promised = !entry.promised.is_empty();
    if promised && filter.shows_kind(ItemKind::Promise) {
        let by = if entry.promised_by.is_empty() {
            party_and_person(entry)
        } else {
            entry.promised_by.clone()
        };
        let status = match entry.follow_up {
            _ if entry.promise_kept => Status::PromiseKept,
            None => Status::PromiseOpen,
            Some(date) => match due_status(date, today) {
                Status::Passed(n) => Status::PromiseMissed(n),
                other => other,
            },
        };
        out.push(TimelineItem {
            date: entry.follow_up.unwrap_or(entry.date),
            time: None,
            kind: ItemKind::Promise,
            title: format!("Promised: {}", entry.promised),
            detail: format!(
                "Promised on {} ({}).",
                day_month_year(entry.date),
                entry.subject
            ),
            who: by,
            party: Some(entry.party),
            status,
            record: record(),
            deadline: None,
        });
    }
    if let (false, Some(date), true) = (
        promised,
        entry.follow_up,
        filter.shows_kind(ItemKind::FollowUp),
    ) {
        out.push(TimelineItem {
            date,
            time: None,
            kind: ItemKind::FollowUp,
            title: format!("Follow up: {}", entry.subject),
            detail: format!(
                "Chase up the {} of {}.",
                how(entry).to_lowercase(),
                day_month_year(entry.date)
            ),
            who: format!("You, with {}", party_and_person(entry)),
            party: Some(entry.party),
            status: due_status(date, today),
            record: record(),
            deadline: None,
        });
    }
    if filter.shows_kind(ItemKind::Deadline) {
        for followed in deadlines {
            let deadline = followed.deadline.clone();
            let index = followed.index;
            let title = if deadline.by_5pm {
                format!("{}, by 5pm", deadline.title())
            } else {
                deadline.title()
            };
            out.push(TimelineItem {
                date: deadline.act_by(),
                time: None,
                kind: ItemKind::Deadline,
                title,
                detail: format!(
                    "Follows from: {} ({}). Source: {}.",
                    entry.subject,
                    day_month_year(entry.date),
                    deadline.source()
                ),
                who: deadline.who.label().to_string(),
                party: party_of(deadline.who),
                status: Status::Deadline(followed.standing),
                record: record(),
                deadline: Some((deadline, index)),
            });
        }
    }
}

fn note_item(note: &Note) -> TimelineItem {
    TimelineItem {
        date: note.date,
        time: None,
        kind: ItemKind::Note,
        title: note.title.clone(),
        detail: note.body.trim().to_string(),
        who: "You".to_string(),
        party: None,
        status: Status::Happened,
        record: RecordRef::Note(note.id.clone()),
        deadline: None,
    }
}

/// A case's timeline, oldest first, with where "today" falls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub items: Vec<TimelineItem>,
    /// How many items are before today (today's own items come after the "today" mark).
    pub before_today: usize,
}

/// Builds the timeline of `case` as it stands on `today`, with only the items `filter` keeps.
pub fn build_timeline(case: &Case, today: NaiveDate, filter: &TimelineFilter) -> Timeline {
    let mut by_entry: std::collections::HashMap<&str, Vec<Followed>> =
        std::collections::HashMap::new();
    for (entry, followed) in case_deadlines(case, today) {
        by_entry
            .entry(entry.id.as_str())
            .or_default()
            .push(followed);
    }
    let mut items = Vec::new();
    for entry in case.live_entries() {
        let deadlines = by_entry
            .get(entry.id.as_str())
            .map_or(&[][..], |d| d.as_slice());
        entry_items(entry, deadlines, today, filter, &mut items);
    }
    if filter.shows_kind(ItemKind::Note) {
        items.extend(case.live_notes().map(note_item));
    }
    items.retain(|item| filter.passes(item));
    sorting::sort_by(&mut items, |a, b| {
        (a.date, a.time, a.kind)
            .cmp(&(b.date, b.time, b.kind))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.record_id().cmp(b.record_id()))
    });
    let before_today = items.partition_point(|item| item.date < today);
    Timeline {
        items,
        before_today,
    }
}

impl TimelineItem {
    fn record_id(&self) -> &str {
        match &self.record {
            RecordRef::Entry(id) | RecordRef::Note(id) => id,
        }
    }
}

/// The items still to come (from today on), as calendar events. Passed dates are left out:
/// a calendar reminder for them helps no one. With `initials_only` the events name the child
/// by initials, as the printed timeline does.
pub fn future_events(case: &Case, timeline: &Timeline, initials_only: bool) -> Vec<CalendarEvent> {
    let name = shown_name(case, initials_only);
    timeline.items[timeline.before_today..]
        .iter()
        .filter(|item| {
            !matches!(
                item.status,
                Status::Deadline(standing) if !standing.is_open()
            ) && !matches!(item.status, Status::PromiseKept)
        })
        .map(|item| item.calendar_event(case, &name))
        .collect()
}

/// The future dates of every case, for one calendar file.
pub fn all_future_events(book: &Casebook, today: NaiveDate) -> Vec<CalendarEvent> {
    book.live_cases()
        .flat_map(|case| {
            let timeline = build_timeline(case, today, &TimelineFilter::default());
            future_events(case, &timeline, false)
        })
        .collect()
}

/// The child's name as every output of the timeline shows it: the name, or its initials.
pub fn shown_name(case: &Case, initials_only: bool) -> String {
    if initials_only {
        initials(&case.name)
    } else {
        case.name.clone()
    }
}

/// "A.B." from "Alex Brown"; a name already given as initials stays as it is.
pub fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '.' || c == '-')
        .filter_map(|word| word.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(|c| c.to_uppercase().chain(std::iter::once('.')))
        .collect()
}

/// What the filters show, in one line, for the closed filter panel.
pub fn filters_in_words(filter: &TimelineFilter) -> String {
    let mut parts = Vec::new();
    if filter.for_tribunal {
        parts.push("chronology for the Tribunal".to_string());
    }
    let kinds: Vec<String> = ItemKind::ALL
        .into_iter()
        .filter(|k| filter.kinds.contains(*k))
        .map(|k| k.label().to_lowercase())
        .collect();
    parts.push(match kinds.len() {
        5 => "everything".to_string(),
        0 => "nothing (tick something to show)".to_string(),
        _ => kinds.join(", "),
    });
    if !filter.parties.is_empty() {
        let names: Vec<&str> = filter.parties.iter().map(|p| p.label()).collect();
        parts.push(format!("involving {}", names.join(", ")));
    }
    let range = range_in_words(filter.from, filter.to);
    let mut chars = range.chars();
    parts.push(
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default(),
    );
    format!("Showing {}", parts.join("; "))
}

/// The printed title block: who and what the timeline is, and which items it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleBlock {
    pub heading: String,
    pub lines: Vec<(&'static str, String)>,
}

pub fn title_block(
    case: &Case,
    filter: &TimelineFilter,
    today: NaiveDate,
    initials_only: bool,
) -> TitleBlock {
    let child = shown_name(case, initials_only);
    let heading = if filter.for_tribunal {
        format!("Chronology for the Tribunal: {child}")
    } else {
        format!("Timeline: {child}")
    };
    let mut about = String::new();
    if !case.school.is_empty() {
        about.push_str(&case.school);
        about.push_str(". ");
    }
    about.push_str(case.plan_status.label());
    let range = range_in_words(filter.from, filter.to);
    let kinds: Vec<&str> = ItemKind::ALL
        .iter()
        .filter(|k| filter.shows_kind(**k))
        .map(|k| k.label())
        .collect();
    let mut lines = vec![
        ("Case", about),
        ("Printed on", day_month_year(today)),
        ("Dates", range),
        (
            "Showing",
            if filter.kinds.is_all() && !filter.for_tribunal {
                "Everything recorded".to_string()
            } else {
                kinds.join(", ")
            },
        ),
    ];
    if !filter.parties.is_empty() {
        let names: Vec<&str> = filter.parties.iter().map(|p| p.label()).collect();
        lines.push(("Involving", names.join(", ")));
    }
    if filter.for_tribunal {
        lines.push((
            "Note",
            "Private notes and reminders are left out of this chronology.".to_string(),
        ));
    }
    TitleBlock { heading, lines }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::casebook::tests::{case, d, entry};
    use crate::domain::casebook::{KeyDate, Method};
    use crate::domain::deadlines::{self as rules, Rule};
    use crate::domain::events::{EventKind, TransferKind};
    use proptest::prelude::*;

    fn note(id: &str, date: NaiveDate, title: &str) -> Note {
        Note {
            id: id.into(),
            date,
            title: title.into(),
            body: "What was said".into(),
            updated: 1,
            deleted: false,
        }
    }

    fn all(case: &Case, today: NaiveDate) -> Timeline {
        build_timeline(case, today, &TimelineFilter::default())
    }

    fn titles(timeline: &Timeline) -> Vec<&str> {
        timeline.items.iter().map(|i| i.title.as_str()).collect()
    }

    /// A case with one of everything: a decision letter (a key date), a call with a promise, an
    /// email with a follow-up date, a note, and a deleted entry.
    fn sample() -> Case {
        let mut decision = entry("decision", d(2025, 6, 30), 1);
        decision.subject = "Final plan, no speech therapy".into();
        decision.key_date = Some(KeyDate::Decision {
            about: EventKind::FinalPlanIssued,
            school_only: false,
        });
        let mut call = entry("call", d(2025, 7, 2), 2);
        call.subject = "Call with SENCo".into();
        call.party = Party::Senco;
        call.direction = Direction::Call;
        call.method = Method::Phone;
        call.promised = "Send the therapy report".into();
        call.promised_by = "Ms Green".into();
        call.follow_up = Some(d(2025, 7, 11));
        let mut email = entry("email", d(2025, 7, 3), 3);
        email.subject = "Asked for the report".into();
        email.direction = Direction::Sent;
        email.method = Method::Email;
        email.follow_up = Some(d(2025, 7, 20));
        let mut gone = entry("gone", d(2025, 7, 4), 4);
        gone.deleted = true;
        let mut k = case("k", vec![decision, call, email, gone]);
        k.notes
            .push(note("n1", d(2025, 7, 1), "My worries before the meeting"));
        k
    }

    #[test]
    fn the_timeline_merges_everything_in_date_order_with_today_marked() {
        let k = sample();
        let today = d(2025, 7, 15);
        let timeline = all(&k, today);
        let appeal = rules::explain_appeal_deadline(d(2025, 6, 30), None, true).date;
        // Saturday 30 August: shown on the working day before it.
        let adviser = rules::explain_mediation_adviser_deadline(d(2025, 6, 30)).act_by();
        assert_eq!(adviser, d(2025, 8, 29));
        let dates: Vec<NaiveDate> = timeline.items.iter().map(|i| i.date).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "oldest first");
        assert_eq!(
            titles(&timeline),
            vec![
                "Final plan, no speech therapy",
                "My worries before the meeting",
                "Call with SENCo",
                "Asked for the report",
                "Promised: Send the therapy report",
                "Follow up: Asked for the report",
                "Last day to contact the mediation adviser",
                "Last day to register an appeal with the Tribunal, by 5pm",
            ]
        );
        assert_eq!(timeline.items[6].date, adviser);
        assert_eq!(timeline.items[7].date, appeal);
        assert!(
            !titles(&timeline).contains(&"Letter gone"),
            "deleted entries stay out"
        );
        // Today (15 July) falls after the promise (11 July) and before the follow-up (20 July).
        assert_eq!(timeline.before_today, 5);
        assert_eq!(timeline.items[4].status, Status::PromiseMissed(4));
        assert_eq!(timeline.items[5].status, Status::DueIn(5));
        assert_eq!(timeline.items[1].record, RecordRef::Note("n1".into()));
        assert_eq!(timeline.items[2].record, RecordRef::Entry("call".into()));
        assert_eq!(timeline.items[2].who, "SENCo");
        assert_eq!(timeline.items[4].who, "Ms Green");
        assert!(timeline.items[2].detail.starts_with("Phone call"));
    }

    #[test]
    fn a_deadline_carries_its_explanation_and_source() {
        let timeline = all(&sample(), d(2025, 7, 15));
        let appeal = timeline
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Deadline && i.title.contains("appeal"))
            .expect("the appeal deadline");
        let (deadline, _) = appeal.deadline.as_ref().expect("explained");
        assert_eq!(deadline.rule, Rule::TribunalAppeal);
        assert!(appeal.detail.contains(deadline.source()));
        assert!(appeal.detail.contains("Final plan, no speech therapy"));
        assert_eq!(appeal.who, "You");
        assert_eq!(appeal.party, None);
    }

    #[test]
    fn the_councils_lateness_is_counted_to_the_day_the_plan_arrived() {
        let request_received = d(2025, 1, 6);
        let final_due = rules::explain_final_plan(request_received).date;
        let mut request = entry("request", request_received, 1);
        request.key_date = Some(KeyDate::RequestForAssessment);
        let mut plan = entry("plan", final_due + chrono::Duration::days(12), 2);
        plan.key_date = Some(KeyDate::Decision {
            about: EventKind::FinalPlanIssued,
            school_only: false,
        });
        let today = final_due + chrono::Duration::days(40);
        let k = case("k", vec![request.clone(), plan]);
        let timeline = all(&k, today);
        let item = |rule: Rule| {
            timeline
                .items
                .iter()
                .find(|i| i.deadline.as_ref().is_some_and(|(d, _)| d.rule == rule))
                .expect("deadline present")
        };
        let final_plan = item(Rule::FinalPlan);
        assert_eq!(
            final_plan.status,
            Status::Deadline(Standing::Done {
                who: WhoActs::Council,
                on: final_due + chrono::Duration::days(12),
                days_late: 12
            })
        );
        assert!(final_plan
            .status
            .label()
            .ends_with("the council was 12 days late"));
        assert_eq!(final_plan.status.tone(), Tone::Attention);
        // A plan arrived, so no "no plan" notice was ever due.
        assert!(matches!(
            item(Rule::NoPlanNotice).status,
            Status::Deadline(Standing::NotNeeded { .. })
        ));
        // The plan also shows the council decided to assess, on a day the log does not show.
        assert!(matches!(
            item(Rule::DecisionWhetherToAssess).status,
            Status::Deadline(Standing::DoneUndated { .. })
        ));
        // With only the request logged, the decision is overdue, counted to today.
        let alone = all(&case("k", vec![request.clone()]), today);
        let decide = alone
            .items
            .iter()
            .find(|i| {
                i.deadline
                    .as_ref()
                    .is_some_and(|(d, _)| d.rule == Rule::DecisionWhetherToAssess)
            })
            .expect("present");
        let late = (today - decide.deadline.as_ref().expect("deadline").0.date).num_days();
        assert_eq!(
            decide.status,
            Status::Deadline(Standing::Overdue {
                who: WhoActs::Council,
                days: late
            })
        );
        assert_eq!(
            decide.status.label(),
            format!("{late} days overdue (not logged as done)")
        );
        // Once the council's letter agreeing to assess is logged, it counts as done then.
        let mut agreed = entry("agreed", request_received + chrono::Duration::days(50), 3);
        agreed.key_date = Some(KeyDate::AssessmentAgreed {
            request_received: None,
        });
        let with_letter = all(&case("k", vec![request.clone(), agreed]), today);
        let decide = with_letter
            .items
            .iter()
            .find(|i| {
                i.deadline
                    .as_ref()
                    .is_some_and(|(d, _)| d.rule == Rule::DecisionWhetherToAssess)
            })
            .expect("present");
        assert_eq!(
            decide.status.label(),
            format!(
                "Done on {}: the council was {} days late",
                day_month_year(request_received + chrono::Duration::days(50)),
                50 - (decide.deadline.as_ref().expect("d").0.date - request_received).num_days()
            )
        );

        // Without the plan in the log, the final plan is overdue too.
        let alone = all(&case("k", vec![request]), today);
        let final_plan = alone
            .items
            .iter()
            .find(|i| {
                i.deadline
                    .as_ref()
                    .is_some_and(|(d, _)| d.rule == Rule::FinalPlan)
            })
            .expect("present");
        assert_eq!(
            final_plan.status,
            Status::Deadline(Standing::Overdue {
                who: WhoActs::Council,
                days: 40
            })
        );
    }

    #[test]
    fn a_plan_in_time_is_done_on_time_and_a_parents_passed_date_is_not_called_late() {
        let mut request = entry("request", d(2025, 1, 6), 1);
        request.key_date = Some(KeyDate::RequestForAssessment);
        let due = rules::explain_final_plan(d(2025, 1, 6)).date;
        let mut plan = entry("plan", due - chrono::Duration::days(3), 2);
        plan.key_date = Some(KeyDate::Decision {
            about: EventKind::FinalPlanIssued,
            school_only: false,
        });
        let timeline = all(
            &case("k", vec![request, plan]),
            due + chrono::Duration::days(400),
        );
        let final_plan = timeline
            .items
            .iter()
            .find(|i| {
                i.deadline
                    .as_ref()
                    .is_some_and(|(d, _)| d.rule == Rule::FinalPlan)
            })
            .expect("present");
        assert!(final_plan.status.label().starts_with("Done on time"));
        assert_eq!(final_plan.status.tone(), Tone::Done);
        let appeal = timeline
            .items
            .iter()
            .find(|i| {
                i.deadline
                    .as_ref()
                    .is_some_and(|(d, _)| d.rule == Rule::TribunalAppeal)
            })
            .expect("the plan's appeal date");
        assert!(matches!(
            appeal.status,
            Status::Deadline(Standing::Passed(_))
        ));
        assert!(
            !appeal.status.label().contains("late"),
            "{}",
            appeal.status.label()
        );
    }

    #[test]
    fn promises_are_kept_missed_due_or_undated() {
        let today = d(2025, 7, 15);
        let promise = |id: &str, follow_up: Option<NaiveDate>, kept: bool| {
            let mut e = entry(id, d(2025, 7, 1), 1);
            e.promised = format!("Promise {id}");
            e.follow_up = follow_up;
            e.promise_kept = kept;
            e
        };
        let k = case(
            "k",
            vec![
                promise("kept", Some(d(2025, 7, 5)), true),
                promise("missed", Some(d(2025, 7, 3)), false),
                promise("due", Some(d(2025, 7, 15)), false),
                promise("undated", None, false),
            ],
        );
        let filter = TimelineFilter {
            kinds: KindSet(0).with(ItemKind::Promise, true),
            ..TimelineFilter::default()
        };
        let timeline = build_timeline(&k, today, &filter);
        let status = |title: &str| {
            timeline
                .items
                .iter()
                .find(|i| i.title.ends_with(title))
                .map(|i| i.status)
        };
        assert_eq!(status("kept"), Some(Status::PromiseKept));
        assert_eq!(status("missed"), Some(Status::PromiseMissed(12)));
        assert_eq!(status("due"), Some(Status::DueToday));
        assert_eq!(status("undated"), Some(Status::PromiseOpen));
        assert_eq!(timeline.items.len(), 4);
        assert!(timeline
            .items
            .iter()
            .all(|i| i.kind == ItemKind::Promise && i.party == Some(Party::CouncilSenTeam)));
        // An undated promise sits on the day it was made.
        let undated = timeline
            .items
            .iter()
            .find(|i| i.title.ends_with("undated"))
            .expect("present");
        assert_eq!(undated.date, d(2025, 7, 1));
    }

    #[test]
    fn filters_keep_dates_kinds_and_parties() {
        let k = sample();
        let today = d(2025, 7, 15);
        let july = TimelineFilter {
            from: Some(d(2025, 7, 1)),
            to: Some(d(2025, 7, 31)),
            ..TimelineFilter::default()
        };
        let timeline = build_timeline(&k, today, &july);
        assert!(timeline
            .items
            .iter()
            .all(|i| i.date >= d(2025, 7, 1) && i.date <= d(2025, 7, 31)));
        assert_eq!(
            titles(&timeline),
            vec![
                "My worries before the meeting",
                "Call with SENCo",
                "Asked for the report",
                "Promised: Send the therapy report",
                "Follow up: Asked for the report",
            ]
        );

        let senco = TimelineFilter {
            parties: vec![Party::Senco],
            ..TimelineFilter::default()
        };
        let timeline = build_timeline(&k, today, &senco);
        assert_eq!(
            titles(&timeline),
            vec!["Call with SENCo", "Promised: Send the therapy report"]
        );

        let deadlines_only = TimelineFilter {
            kinds: KindSet(0).with(ItemKind::Deadline, true),
            ..TimelineFilter::default()
        };
        let timeline = build_timeline(&k, today, &deadlines_only);
        assert_eq!(timeline.items.len(), 2);
        assert!(timeline.items.iter().all(|i| i.kind == ItemKind::Deadline));
    }

    #[test]
    fn the_tribunal_chronology_leaves_out_private_notes_and_reminders_only() {
        let k = sample();
        let today = d(2025, 7, 15);
        let chronology = TimelineFilter {
            for_tribunal: true,
            ..TimelineFilter::default()
        };
        let timeline = build_timeline(&k, today, &chronology);
        let everything = all(&k, today);
        let kinds: Vec<ItemKind> = timeline.items.iter().map(|i| i.kind).collect();
        assert!(!kinds.contains(&ItemKind::Note));
        assert!(!kinds.contains(&ItemKind::FollowUp));
        assert_eq!(
            everything
                .items
                .iter()
                .filter(|i| !matches!(i.kind, ItemKind::Note | ItemKind::FollowUp))
                .count(),
            timeline.items.len(),
            "the factual log, promises and dates all stay"
        );
        let block = title_block(&k, &chronology, today, true);
        assert_eq!(block.heading, "Chronology for the Tribunal: A.B.");
        assert!(block.lines.iter().any(|(label, _)| *label == "Note"));
    }

    #[test]
    fn the_title_block_says_what_is_shown() {
        let mut k = sample();
        k.name = "Alex Brown-Smith".into();
        let filter = TimelineFilter {
            from: Some(d(2025, 1, 1)),
            to: Some(d(2025, 12, 31)),
            parties: vec![Party::School, Party::Tribunal],
            ..TimelineFilter::default()
        };
        let block = title_block(&k, &filter, d(2025, 7, 15), false);
        assert_eq!(block.heading, "Timeline: Alex Brown-Smith");
        let line = |label: &str| {
            block
                .lines
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(
            line("Case").as_deref(),
            Some("Oak Primary. Has an EHC plan")
        );
        assert_eq!(line("Printed on").as_deref(), Some("15 July 2025"));
        assert_eq!(
            line("Dates").as_deref(),
            Some("1 January 2025 to 31 December 2025")
        );
        assert_eq!(line("Showing").as_deref(), Some("Everything recorded"));
        assert_eq!(line("Involving").as_deref(), Some("School, Tribunal"));
        assert_eq!(
            title_block(&k, &filter, d(2025, 7, 15), true).heading,
            "Timeline: A.B.S."
        );
    }

    #[test]
    fn every_case_adds_its_future_dates_to_one_calendar() {
        let mut book = Casebook::default();
        let mut other = sample();
        other.id = "other".into();
        other.name = "C.D.".into();
        let mut gone = sample();
        gone.id = "gone".into();
        gone.deleted = true;
        book.cases = vec![sample(), other, gone];
        let events = all_future_events(&book, d(2025, 7, 15));
        assert_eq!(events.len(), 6, "three from each live case");
        assert_eq!(
            events
                .iter()
                .filter(|e| e.summary.starts_with("C.D.: "))
                .count(),
            3
        );
        let uids: std::collections::BTreeSet<&String> = events.iter().map(|e| &e.uid).collect();
        assert_eq!(uids.len(), 6, "the cases' events never share a UID");
    }

    #[test]
    fn the_closed_filter_panel_says_what_is_shown() {
        assert_eq!(
            filters_in_words(&TimelineFilter::default()),
            "Showing everything; all dates"
        );
        let narrow = TimelineFilter {
            from: Some(d(2025, 3, 1)),
            kinds: KindSet(0)
                .with(ItemKind::Entry, true)
                .with(ItemKind::Deadline, true),
            parties: vec![Party::School],
            for_tribunal: true,
            ..TimelineFilter::default()
        };
        assert_eq!(
            filters_in_words(&narrow),
            "Showing chronology for the Tribunal; letters, calls and meetings (the log), deadlines; \
             involving School; from 1 March 2025"
        );
    }

    #[test]
    fn short_dates_fit_a_narrow_column() {
        assert_eq!(
            crate::domain::words::short_date(d(2025, 9, 1)),
            "1 Sep 2025"
        );
        assert_eq!(
            crate::domain::words::short_date(d(2026, 12, 25)),
            "25 Dec 2026"
        );
    }

    #[test]
    fn initials_are_taken_from_each_part_of_the_name() {
        assert_eq!(initials("Alex Brown"), "A.B.");
        assert_eq!(initials("A.B."), "A.B.");
        assert_eq!(initials("  émile   zola "), "É.Z.");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn a_planned_move_gives_the_phase_transfer_date() {
        let mut transfer = entry("move", d(2027, 9, 1), 1);
        transfer.key_date = Some(KeyDate::PhaseTransfer {
            move_kind: TransferKind::SchoolPhases,
        });
        let mut college = entry("college", d(2027, 9, 6), 2);
        college.key_date = Some(KeyDate::PhaseTransfer {
            move_kind: TransferKind::BetweenPost16,
        });
        let timeline = all(&case("k", vec![transfer, college]), d(2026, 11, 28));
        let deadline = |rule: Rule| {
            timeline
                .items
                .iter()
                .find(|i| i.deadline.as_ref().is_some_and(|(d, _)| d.rule == rule))
                .map(|i| i.date)
        };
        assert_eq!(
            deadline(Rule::PhaseTransferReview),
            rules::phase_transfer_before(2027, rules::PhaseTransfer::SchoolPhases)
                .and_then(|d| d.pred_opt())
        );
        assert_eq!(
            deadline(Rule::Post16TransferReview),
            Some(crate::domain::counting::subtract_months(d(2027, 9, 6), 5))
        );
        assert_eq!(
            timeline.items.last().map(|i| i.status),
            Some(Status::Planned)
        );
    }

    fn property(event: &ical::parser::ical::component::IcalEvent, name: &str) -> String {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    }

    #[test]
    fn with_initials_chosen_the_calendar_file_names_the_child_by_initials_too() {
        let mut k = sample();
        k.name = "Leo Smith".into();
        let today = d(2025, 7, 15);
        let timeline = all(&k, today);
        let events = future_events(&k, &timeline, true);
        assert!(!events.is_empty());
        for event in &events {
            assert!(event.summary.starts_with("L.S.: "), "{}", event.summary);
            assert!(!event.summary.contains("Leo") && !event.description.contains("Leo"));
        }
        assert!(future_events(&k, &timeline, false)[0]
            .summary
            .starts_with("Leo Smith: "));
    }

    #[test]
    fn future_dates_export_as_a_calendar_that_parses_and_updates_in_place() {
        let mut k = sample();
        k.name = "Sam; Jones, aged 9".into();
        let today = d(2025, 7, 15);
        let stamp = today.and_hms_opt(9, 0, 0).expect("time");
        let timeline = all(&k, today);
        let events = future_events(&k, &timeline, false);
        let text = crate::domain::ics::calendar_file(&events, "Timeline", stamp);
        let parsed = ical::IcalParser::new(text.as_bytes())
            .next()
            .expect("one calendar")
            .expect("valid iCalendar");
        // From today on: the follow-up, the mediation adviser and appeal dates.
        let summaries: Vec<String> = parsed
            .events
            .iter()
            .map(|e| property(e, "SUMMARY"))
            .collect();
        assert_eq!(summaries.len(), 3, "{summaries:?}");
        assert!(summaries
            .iter()
            .all(|s| s.starts_with("Sam\\; Jones\\, aged 9: ")));
        let appeal = parsed
            .events
            .iter()
            .find(|e| property(e, "SUMMARY").contains("appeal"))
            .expect("appeal event");
        let appeal_date = rules::explain_appeal_deadline(d(2025, 6, 30), None, true).date;
        assert_eq!(
            property(appeal, "DTSTART"),
            appeal_date.format("%Y%m%d").to_string()
        );
        assert!(property(appeal, "DESCRIPTION").contains("HESC Rules"));
        assert_eq!(appeal.alarms.len(), 2);
        let triggers: Vec<String> = appeal
            .alarms
            .iter()
            .flat_map(|a| a.properties.iter())
            .filter(|p| p.name == "TRIGGER")
            .filter_map(|p| p.value.clone())
            .collect();
        assert_eq!(triggers, vec!["-P7D", "-P1D"]);

        // Correcting the decision's date moves the events but keeps their UIDs.
        let uids = |case: &Case| {
            let t = all(case, today);
            let mut u: Vec<(String, NaiveDate)> = future_events(case, &t, false)
                .into_iter()
                .map(|e| (e.uid, e.date))
                .collect();
            u.sort();
            u
        };
        let before = uids(&k);
        let mut corrected = k.clone();
        corrected.entries[0].date = d(2025, 7, 2);
        let after = uids(&corrected);
        assert_eq!(
            before.iter().map(|(u, _)| u).collect::<Vec<_>>(),
            after.iter().map(|(u, _)| u).collect::<Vec<_>>()
        );
        assert_ne!(before, after, "the dates moved");
        let distinct: std::collections::BTreeSet<&String> = before.iter().map(|(u, _)| u).collect();
        assert_eq!(distinct.len(), before.len(), "one UID per event");
    }

    fn arbitrary_case() -> impl Strategy<Value = (Case, NaiveDate)> {
        let entry_strategy = (
            0i64..2000,
            0u8..6,
            any::<bool>(),
            any::<bool>(),
            0u8..10,
            any::<bool>(),
        );
        (
            proptest::collection::vec(entry_strategy, 0..40),
            proptest::collection::vec(0i64..2000, 0..10),
            0i64..2000,
        )
            .prop_map(|(entries, notes, today)| {
                let start = d(2023, 1, 1);
                let at = |n: i64| start + chrono::Duration::days(n);
                let keys = [
                    None,
                    Some(KeyDate::RequestForAssessment),
                    Some(KeyDate::DraftPlan),
                    Some(KeyDate::Decision {
                        about: EventKind::FinalPlanIssued,
                        school_only: false,
                    }),
                    Some(KeyDate::ReviewMeeting),
                    Some(KeyDate::AmendmentNotice),
                ];
                let entries = entries
                    .into_iter()
                    .enumerate()
                    .map(|(i, (day, key, promise, follow, party, deleted))| {
                        let mut e = entry(&format!("e{i}"), at(day), i as i64);
                        e.key_date = keys[usize::from(key)];
                        e.party = Party::ALL[usize::from(party)];
                        if promise {
                            e.promised = "something".into();
                        }
                        if follow {
                            e.follow_up = Some(at(day + 10));
                        }
                        e.deleted = deleted;
                        e
                    })
                    .collect();
                let mut k = case("k", entries);
                k.notes = notes
                    .into_iter()
                    .enumerate()
                    .map(|(i, day)| note(&format!("n{i}"), at(day), "note"))
                    .collect();
                (k, at(today))
            })
    }

    proptest! {
        #[test]
        fn the_timeline_is_ordered_and_filters_only_ever_remove(
            (k, today) in arbitrary_case(),
            from in proptest::option::of(0i64..2000),
            parties in proptest::collection::vec(0usize..10, 0..3),
            for_tribunal in any::<bool>(),
        ) {
            let everything = all(&k, today);
            for pair in everything.items.windows(2) {
                prop_assert!(pair[0].date <= pair[1].date);
            }
            prop_assert!(everything.items[..everything.before_today].iter().all(|i| i.date < today));
            prop_assert!(everything.items[everything.before_today..].iter().all(|i| i.date >= today));
            let live = k.live_entries().count();
            let logged = everything.items.iter().filter(|i| i.kind == ItemKind::Entry).count();
            prop_assert_eq!(live, logged, "every live entry once");
            prop_assert_eq!(everything.items.iter().filter(|i| i.kind == ItemKind::Note).count(), k.notes.len());

            let filter = TimelineFilter {
                from: from.map(|n| d(2023, 1, 1) + chrono::Duration::days(n)),
                parties: parties.into_iter().map(|p| Party::ALL[p]).collect(),
                for_tribunal,
                ..TimelineFilter::default()
            };
            let some = build_timeline(&k, today, &filter);
            for item in &some.items {
                prop_assert!(everything.items.contains(item), "a filter never adds or changes an item");
                prop_assert!(filter.from.is_none_or(|f| item.date >= f));
                if for_tribunal {
                    prop_assert!(!matches!(item.kind, ItemKind::Note | ItemKind::FollowUp));
                }
            }
            let events = future_events(&k, &some, false);
            prop_assert!(events.iter().all(|e| e.date >= today));
        }
    }
}
