//! One key date: when, how long is left, who must act, and how it was worked out.

use crate::domain::calendar::{why_not_working, HOLIDAY_LIST_NAME};
use crate::domain::deadlines::{Certainty, Deadline, Rule, Unit, WhoActs};
use crate::domain::events::Standing;
use crate::domain::words::{self, days_ago, long_date};
use leptos::prelude::*;

fn certainty(certainty: Certainty) -> &'static str {
    match certainty {
        Certainty::Checked => "Checked against the law itself.",
        Certainty::SecondarySources => {
            "From reliable advice services; the regulation's own words were not checked."
        }
        Certainty::Unchecked => {
            "Not yet checked against the law: confirm it with SENDIASS before relying on it."
        }
    }
}

/// What a passed date means, calmly: what can still be done.
fn after_the_date(deadline: &Deadline, days: i64) -> String {
    let ago = days_ago(days);
    match (deadline.rule, deadline.who) {
        (Rule::TribunalAppeal | Rule::DisabilityDiscriminationClaim, _) => format!(
            "This date passed {ago}. You can still send it and ask the Tribunal to accept it late: explain why, and get advice from SENDIASS."
        ),
        (Rule::MediationAdviserContact, _) => format!(
            "This date passed {ago}. If you may want to appeal, contact the mediation adviser now and ask SENDIASS for advice. Your appeal has its own date, shown separately."
        ),
        (_, WhoActs::Parent) => format!("This date passed {ago}. You can still send your views: ask SENDIASS how."),
        (_, who) => format!(
            "This date passed {ago}. If it has not been done, {} is {} late: you can ask why in writing.",
            who.label_in_sentence(),
            words::days(days)
        ),
    }
}

/// The headline date (the day to act by) and, when it is before the legal date, why.
fn headline(deadline: &Deadline) -> (String, Option<String>) {
    let by_5pm = if deadline.by_5pm { ", by 5pm" } else { "" };
    match deadline.act_on {
        Some(act_on) => (
            format!("{}{by_5pm}", long_date(act_on)),
            Some(format!(
                " — the {} is {}",
                words::ordinal_day(deadline.date),
                why_not_working(deadline.date).unwrap_or_else(|| "not a working day".to_string())
            )),
        ),
        None => (format!("{}{by_5pm}", long_date(deadline.date)), None),
    }
}

#[component]
pub fn DeadlineCard(deadline: Deadline, standing: Standing) -> impl IntoView {
    let when = match standing {
        Standing::DueToday => (
            "deadline__status deadline__status--today",
            "Today".to_string(),
        ),
        Standing::Upcoming(1) => ("deadline__status", "Tomorrow: 1 day left".to_string()),
        Standing::Upcoming(n) => ("deadline__status", format!("{n} days from today")),
        Standing::Passed(n) | Standing::Overdue { days: n, .. } => (
            "deadline__status deadline__status--passed",
            after_the_date(&deadline, n),
        ),
        other => ("deadline__status", other.label()),
    };
    let iso = deadline.act_by().to_string();
    let (date_text, why) = headline(&deadline);
    view! {
        <li class="deadline" data-testid="deadline">
            <h3 class="deadline__title">{deadline.title()}</h3>
            <p class="deadline__date"><time datetime=iso>{date_text}</time>{why.map(|w| view! { <span class="deadline__why">{w}</span> })}</p>
            <p class=when.0>{when.1}</p>
            <p class="deadline__who">"Who must act: " {deadline.who.label()}</p>
            {deadline.later_reading.clone().map(|later| view! {
                <div class="callout callout--unsure" data-testid="later-reading">
                    <p class="callout__label">"The law is unclear here"</p>
                    <p>{later.note}</p>
                </div>
            })}
            {(!deadline.notes.is_empty()).then(|| view! {
                <ul class="bullets deadline__notes">
                    {deadline.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                </ul>
            })}
            <DeadlineWorking deadline=deadline.clone()/>
        </li>
    }
}

/// "How this date was worked out": each step with its source, the unit counted in, and how sure
/// the rule is.
#[component]
pub fn DeadlineWorking(deadline: Deadline) -> impl IntoView {
    let uses_working_days = deadline.by_5pm || deadline.unit == Unit::WorkingDays;
    view! {
        <details class="details">
            <summary class="details__summary">"How this date was worked out"</summary>
            <div class="details__text">
                <ol class="steps">
                    {deadline.steps.iter().map(|step| view! {
                        <li>{step.text.clone()} <span class="steps__source">" Source: " {step.source}</span></li>
                    }).collect_view()}
                </ol>
                <p>"Counted in " {deadline.unit.describe()} "."</p>
                {uses_working_days.then(|| view! { <p>"Working days and holidays: " {HOLIDAY_LIST_NAME} "."</p> })}
                <p>{certainty(deadline.certainty)}</p>
            </div>
        </details>
    }
}
