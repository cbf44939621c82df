//! "I have sent it": keeps a sent letter in a case's log (sent, how, to whom, its subject, the
//! letter as the summary), with the key date it starts where it starts a legal clock and the
//! reply date it asks for as the follow-up. The rules are in `domain::letter_draft`.

use crate::clock::{new_id, now_millis, today};
use crate::components::date_input::{date_error_message, DateInput};
use crate::components::focus::focus_when_drawn;
use crate::components::storage_problem::StorageProblemBanner;
use crate::content::letters::{Filled, Letter};
use crate::domain::casebook::Method;
use crate::domain::date_input::{parse_date, DatePart, DateParts};
use crate::domain::drafts::case_for_events;
use crate::domain::events::EventKind;
use crate::domain::letter_draft::{sent_entry, LetterDraft, Sending};
use crate::domain::records::entry_deadlines;
use crate::domain::words::{day_month_year, long_date};
use crate::state::CasebookState;
use leptos::prelude::*;
use leptos_router::components::A;

/// A hint beside the date sent, for a letter that starts a clock.
fn clock_hint(kind: Option<EventKind>) -> &'static str {
    match kind {
        Some(EventKind::RequestForAssessment) => {
            "The council's 6 weeks count from the day it receives your request. By email, that is usually the day you send it; by post, put the day it should arrive."
        }
        Some(EventKind::DeclinedMediation) => {
            "The mediation adviser must send the certificate within 3 working days of hearing from you."
        }
        Some(EventKind::AdviserContacted) => {
            "Contacting the mediation adviser is the step you must take before you can appeal."
        }
        _ => "For example, 27 3 2026",
    }
}

/// What was kept: the case, the entry, and the dates it set off.
#[derive(Clone)]
struct Kept {
    case_id: String,
    case_name: String,
    entry_id: String,
    dates: Vec<(String, String)>,
    follow_up: Option<String>,
}

#[component]
pub fn LetterSent(
    letter: &'static Letter,
    filled: Filled,
    /// The case the letter was filled in from, if any.
    case_id: RwSignal<Option<String>>,
    draft: RwSignal<LetterDraft>,
) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let today = today();
    let filled = StoredValue::new(filled);
    let sent_on = RwSignal::new(DateParts::from_date(today));
    let method = RwSignal::new(Method::Email);
    let date_error = RwSignal::new(None::<(String, Vec<DatePart>)>);
    let new_name = RwSignal::new(String::new());
    let name_error = RwSignal::new(false);
    let kept = RwSignal::new(None::<Kept>);
    let gone = RwSignal::new(false);
    let keep = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let date = match parse_date(&sent_on.get_untracked(), today) {
            Ok(date) if date <= today => date,
            Ok(_) => {
                date_error.set(Some((
                    "The date you sent it must be today or in the past".to_string(),
                    vec![DatePart::Day, DatePart::Month, DatePart::Year],
                )));
                focus_when_drawn("sent-on-day".to_string());
                return;
            }
            Err(e) => {
                date_error.set(Some((
                    date_error_message("the date you sent it", &e),
                    e.parts(),
                )));
                focus_when_drawn(format!(
                    "sent-on-{}",
                    crate::domain::my_dates::part_suffix(e.parts()[0])
                ));
                return;
            }
        };
        date_error.set(None);
        let now = now_millis();
        let existing = case_id.get_untracked();
        let (target, new_case) = match existing {
            Some(id) => (id, None),
            None => {
                let typed = new_name.get_untracked().trim().to_string();
                if typed.is_empty() {
                    name_error.set(true);
                    focus_when_drawn("sent-case-name".to_string());
                    return;
                }
                let case = case_for_events(&new_id("case"), &typed, &[], now);
                (case.id.clone(), Some(case))
            }
        };
        name_error.set(false);
        gone.set(false);
        let (key_date, follow_up, person) = draft.with_untracked(|d| {
            (
                d.key_date(letter, today),
                d.reply_by(letter, today),
                d.text("to-name"),
            )
        });
        let sending = Sending {
            date,
            method: method.get_untracked(),
            person,
            party: letter.party,
        };
        let entry_id = new_id("entry");
        let entry =
            filled.with_value(|f| sent_entry(f, &sending, key_date, follow_up, &entry_id, now));
        let logged_follow_up = entry.follow_up;
        let mut found = false;
        let result = state.change(|book| {
            if let Some(case) = new_case {
                book.upsert_case(case);
            }
            if let Some(case) = book.case_mut(&target) {
                case.upsert_entry(entry);
                found = true;
            }
        });
        if result.is_ok() && found {
            let (case_name, dates) = state.book.with_untracked(|b| {
                let case = b.case(&target);
                (
                    case.map(|c| c.name.clone()).unwrap_or_default(),
                    case.map(|c| {
                        entry_deadlines(c, &entry_id, today)
                            .into_iter()
                            .filter(|f| !f.repeated)
                            .map(|f| (f.deadline.title(), long_date(f.deadline.act_by())))
                            .collect()
                    })
                    .unwrap_or_default(),
                )
            });
            case_id.set(Some(target.clone()));
            kept.set(Some(Kept {
                case_id: target,
                case_name,
                entry_id,
                dates,
                follow_up: logged_follow_up.map(day_month_year),
            }));
            focus_when_drawn("letter-kept".to_string());
        } else if result.is_ok() {
            gone.set(true);
            case_id.set(None);
        }
    };
    let cases_exist = move || state.book.with(|b| b.live_cases().next().is_some());
    let case_name = move || {
        case_id
            .get()
            .and_then(|id| state.book.with(|b| b.case(&id).map(|c| c.name.clone())))
    };
    view! {
        <section class="panel no-print" aria-labelledby="letter-sent-heading" data-testid="letter-sent">
            <h2 id="letter-sent-heading">"I have sent it"</h2>
            {move || match kept.get() {
                Some(k) => view! {
                    <div class="callout" role="status" tabindex="-1" id="letter-kept" data-testid="letter-kept">
                        <p>{format!("Kept in {}'s log as a letter you sent.", k.case_name)}</p>
                        {(!k.dates.is_empty()).then(|| view! {
                            <p>"It starts these dates:"</p>
                            <ul class="bullets">
                                {k.dates.iter().map(|(title, date)| view! { <li>{title.clone()} ": " <strong>{date.clone()}</strong></li> }).collect_view()}
                            </ul>
                        })}
                        {k.follow_up.clone().map(|date| view! {
                            <p>{format!("A follow-up is set for {date}, the reply date you asked for.")}</p>
                        })}
                        <p>
                            <A href=format!("/records/{}/log/{}", k.case_id, k.entry_id)>"See the entry"</A> " · "
                            <A href=format!("/records/{}", k.case_id)>"The case"</A> " · "
                            <A href=format!("/records/{}/timeline", k.case_id)>"Its timeline"</A>
                        </p>
                    </div>
                }.into_any(),
                None => view! {
                    <p>"Once you have sent it, keep it in your records: the app adds it to the case's log with today's date, the letter as the summary and, if it asks for a reply by a date, a follow-up on that date."</p>
                    <StorageProblemBanner/>
                    {move || gone.get().then(|| view! {
                        <div class="callout callout--warning" role="alert" data-testid="letter-case-gone">
                            <p>"That case is no longer on this device (it may have been deleted in another tab). Nothing was saved: choose another case at the top of the page, or name a new one."</p>
                        </div>
                    })}
                    <form novalidate on:submit=keep>
                        {move || match case_name() {
                            Some(name) => view! { <p>"It goes into the log of " <strong>{name}</strong> "."</p> }.into_any(),
                            None => view! {
                                <div class=move || if name_error.get() { "form-group form-group--error" } else { "form-group" }>
                                    <label class="label" for="sent-case-name">{move || if cases_exist() { "Or name a new case for it" } else { "Name for a new case" }}</label>
                                    <p class="hint" id="sent-case-name-hint">{move || if cases_exist() { "To keep it in an existing case, choose the case at the top of the page. Otherwise, usually your child's name or initials." } else { "Usually your child's name or initials" }}</p>
                                    {move || name_error.get().then(|| view! { <p class="error-message" id="sent-case-name-error"><span class="visually-hidden">"Error: "</span>"Enter a name for the case"</p> })}
                                    <input id="sent-case-name" class="input" type="text" autocomplete="off"
                                        aria-describedby=move || if name_error.get() { "sent-case-name-hint sent-case-name-error" } else { "sent-case-name-hint" }
                                        prop:value=move || new_name.get() on:input=move |e| new_name.set(event_target_value(&e))/>
                                </div>
                            }.into_any(),
                        }}
                        <DateInput id="sent-on" label="When did you send it?" hint=clock_hint(letter.starts)
                            value=sent_on.into()
                            on_change=Callback::new(move |(part, value): (DatePart, String)| sent_on.update(|d| d.set(part, value)))
                            error=date_error.into()/>
                        <div class="form-group">
                            <fieldset class="fieldset">
                                <legend class="fieldset__legend">"How did you send it?"</legend>
                                <div class="radios">
                                    {[(Method::Email, "By email"), (Method::Letter, "By post or by hand")].into_iter().map(|(m, label)| {
                                        let id = format!("sent-how-{}", m.id());
                                        view! {
                                            <div class="radios__item">
                                                <input class="radios__input" type="radio" name="sent-how" id=id.clone() value=m.id()
                                                    prop:checked=move || method.get() == m
                                                    on:change=move |_| method.set(m)/>
                                                <label class="radios__label" for=id>{label}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </div>
                            </fieldset>
                        </div>
                        <button type="submit" class="button" data-testid="keep-letter">"Add it to my records"</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
