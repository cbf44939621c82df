//! One event model serves every page: every kind of event, entered on My dates, and the same
//! event kept in a case's log (as "Save to my records" keeps it), gives the same deadlines with
//! the same standing in the case summary's source, the timeline and the log form's round trip.

use chrono::{Duration, NaiveDate};
use send_casebook::domain::casebook::{Case, PlanStatus};
use send_casebook::domain::date_input::DateParts;
use send_casebook::domain::drafts::{entry_for_event, LogEntryDraft};
use send_casebook::domain::events::{EventKind, Standing};
use send_casebook::domain::my_dates::{
    situation_info, work_out, MediationScope, MyDatesForm, OrderKind, TransferKind,
};
use send_casebook::domain::records::case_deadlines;
use send_casebook::domain::timeline::{build_timeline, Status, TimelineFilter};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// A filled-in My dates form for `kind`, every date `start` plus a few days in the order the
/// form asks for them.
fn form_for(kind: EventKind, start: NaiveDate) -> MyDatesForm {
    let info = situation_info(kind);
    let mut form = MyDatesForm {
        situation: Some(kind),
        order_kind: Some(OrderKind::MakePlan),
        transfer_kind: Some(TransferKind::BetweenPost16),
        mediation_scope: Some(MediationScope::HealthAndOther),
        ..MyDatesForm::default()
    };
    let transfer = [send_casebook::domain::my_dates::DateField::TransferDate];
    let extra: &[_] = if kind == EventKind::PhaseTransfer {
        &transfer
    } else {
        &[]
    };
    for (i, field) in info
        .required
        .iter()
        .chain(info.optional)
        .chain(extra)
        .enumerate()
    {
        form.dates.insert(
            *field,
            DateParts::from_date(start + Duration::days(7 * i as i64)),
        );
    }
    form
}

fn case_with(entries: Vec<send_casebook::domain::casebook::LogEntry>) -> Case {
    Case {
        id: "case-1".into(),
        name: "L".into(),
        school: String::new(),
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
fn every_event_gives_the_same_dates_and_standing_on_my_dates_and_in_the_log() {
    let start = d(2025, 6, 30);
    // Before, during and after the dates: every standing is met somewhere.
    for today in [
        d(2025, 7, 1),
        d(2025, 8, 29),
        d(2025, 10, 1),
        d(2026, 12, 2),
    ] {
        for kind in EventKind::ALL {
            let form = form_for(kind, start);
            let mine = work_out(&form, today).unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
            assert!(!mine.events.is_empty(), "{kind:?} makes an event");
            assert!(
                mine.events
                    .iter()
                    .all(|(_, key)| key.kind() == kind
                        || key.kind() == EventKind::MediationCertificate),
                "{kind:?}"
            );

            let entries: Vec<_> = mine
                .events
                .iter()
                .enumerate()
                .map(|(i, (date, key))| entry_for_event(&format!("entry-{i}"), *date, *key, 1))
                .collect();
            // The log form reads each entry back to the same key date.
            for entry in &entries {
                let again = LogEntryDraft::from_entry(entry)
                    .to_entry(&entry.id, 1, today)
                    .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
                assert_eq!(again.key_date, entry.key_date, "{kind:?}");
            }
            let case = case_with(entries);

            let ours: Vec<_> = mine
                .deadlines
                .iter()
                .map(|f| (f.deadline.rule, f.deadline.date, f.standing))
                .collect();
            let mut logged: Vec<_> = case_deadlines(&case, today)
                .into_iter()
                .filter(|(_, f)| f.standing.is_open())
                .map(|(_, f)| (f.deadline.rule, f.deadline.date, f.standing))
                .collect();
            let mut sorted_ours = ours.clone();
            sorted_ours.sort_by_key(|x| (x.1, format!("{:?}", x.0)));
            logged.sort_by_key(|x| (x.1, format!("{:?}", x.0)));
            assert_eq!(sorted_ours, logged, "{kind:?} on {today}");

            // The timeline shows each of them with the same standing.
            let timeline = build_timeline(&case, today, &TimelineFilter::default());
            for (rule, date, standing) in &ours {
                assert!(
                    timeline.items.iter().any(|item| item
                        .deadline
                        .as_ref()
                        .is_some_and(|(x, _)| x.rule == *rule && x.date == *date)
                        && item.status == Status::Deadline(*standing)),
                    "{kind:?}: {rule:?} on the timeline"
                );
            }
        }
    }
}

#[test]
fn a_decision_logged_with_its_certificate_shows_one_appeal_date_in_both_places() {
    let mut form = form_for(EventKind::DecisionToCease, d(2025, 6, 30));
    form.dates.insert(
        send_casebook::domain::my_dates::DateField::CertificateIssued,
        DateParts::new("20", "8", "2025"),
    );
    let today = d(2025, 7, 15);
    let mine = work_out(&form, today).expect("valid");
    assert_eq!(mine.events.len(), 2, "the decision and the certificate");
    let entries = mine
        .events
        .iter()
        .enumerate()
        .map(|(i, (date, key))| entry_for_event(&format!("entry-{i}"), *date, *key, 1))
        .collect();
    let case = case_with(entries);
    let open: Vec<_> = case_deadlines(&case, today)
        .into_iter()
        .filter(|(_, f)| f.standing.is_open())
        .map(|(_, f)| (f.deadline.rule, f.deadline.date))
        .collect();
    assert_eq!(
        open,
        mine.deadlines
            .iter()
            .map(|f| (f.deadline.rule, f.deadline.date))
            .collect::<Vec<_>>()
    );
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].1, d(2025, 9, 22));
    // In the log, the decision's own dates say what became of them.
    let answered: Vec<Standing> = case_deadlines(&case, today)
        .into_iter()
        .map(|(_, f)| f.standing)
        .filter(|s| !s.is_open())
        .collect();
    assert_eq!(answered.len(), 2, "{answered:?}");
}
