//! One row of the timeline table (date, day, what happened, who, status), and the "today" row.
//! The same rows are printed: every status is in words, so nothing depends on colour.

use crate::components::deadline_card::DeadlineWorking;
use crate::domain::deadlines::{long_date, short_date, weekday_name};
use crate::domain::timeline::{RecordRef, TimelineItem, Tone};
use chrono::{NaiveDate, Timelike};
use leptos::prelude::*;

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Plain => "status",
        Tone::Soon => "status status--soon",
        Tone::Attention => "status status--attention",
        Tone::Done => "status status--done",
    }
}

/// A row. Plain `<a>` links (the router still handles them) keep a long timeline quick to draw.
#[component]
pub fn TimelineRow(item: TimelineItem, case_id: String) -> impl IntoView {
    let href = match &item.record {
        RecordRef::Entry(id) => format!("/records/{case_id}/log/{id}"),
        RecordRef::Note(id) => format!("/records/{case_id}/notes/{id}"),
    };
    let time = item
        .time
        .map(|t| format!(", {:02}:{:02}", t.hour(), t.minute()));
    let status = item.status;
    let unsure = item
        .deadline
        .as_ref()
        .and_then(|(d, _)| d.later_reading.as_ref())
        .map(|later| later.note.clone());
    let working = item.deadline.map(|(deadline, _)| deadline);
    view! {
        <tr class=format!("timeline__item timeline__item--{}", item.kind.id()) data-testid="timeline-item">
            <td class="timeline__date"><time datetime=item.date.to_string()>{short_date(item.date)}</time>{time}</td>
            <td class="timeline__day">{weekday_name(item.date)}</td>
            <td class="timeline__what">
                <span class="timeline__kind">{item.kind.singular()}</span>
                <a class="timeline__title" href=href>{item.title}</a>
                {(!item.detail.is_empty()).then(|| view! { <p class="timeline__detail">{item.detail}</p> })}
                {unsure.map(|note| view! { <p class="timeline__unsure"><strong>"The law is unclear here: "</strong>{note}</p> })}
                {working.map(|deadline| view! { <DeadlineWorking deadline=deadline/> })}
            </td>
            <td class="timeline__who">{item.who}</td>
            <td class="timeline__status"><span class=tone_class(status.tone())>{status.label()}</span></td>
        </tr>
    }
}

/// The line between what has happened and what is to come.
#[component]
pub fn TodayRow(today: NaiveDate) -> impl IntoView {
    view! {
        <tr class="timeline__today" data-testid="timeline-today">
            <td colspan="5"><strong>"Today"</strong>", " {long_date(today)}</td>
        </tr>
    }
}
