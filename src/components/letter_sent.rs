//! "I have sent it": keeps a sent letter in a case's log (sent, how, to whom, its subject, the
//! letter as the summary), with the key date it starts where it starts a legal clock and the
//! reply date it asks for as the follow-up. The rules are in `domain::letter_draft`.

use crate::clock::{new_id, now_millis, today};
use crate::components::date_input::{date_error_message, first_wrong_box, DateInput};
use crate::components::error_summary::{ErrorLink, ErrorSummary};
use crate::components::fields::Checkbox;
use crate::components::focus::focus_when_drawn;
use crate::components::storage_problem::StorageProblemBanner;
use crate::content::letters::{Filled, Letter};
use crate::domain::casebook::Party;
use crate::domain::date_input::{parse_date, DatePart, DateParts};
use crate::domain::drafts::case_for_events;
use crate::domain::events::{EventKind, KeyDate};
use crate::domain::letter_draft::{
    keep_sent, sent_entry, taken_as_received, LetterDraft, Sending, SentHow,
};
use crate::domain::limits::TextField;
use crate::domain::records::entry_deadlines;
use crate::domain::words::{day_month_year, long_date};
use crate::state::CasebookState;
use leptos::prelude::*;

/// What the letter's time limit is, beside the date sent, for a letter that starts a clock.
fn clock_hint(kind: Option<EventKind>) -> &'static str {
    match kind {
        Some(EventKind::RequestForAssessment) => {
            "The council's 6 weeks count from the day it receives your request."
        }
        Some(EventKind::DeclinedMediation) => {
            "The mediation adviser must issue the certificate within 3 working days of receiving your message (weekends and bank holidays do not count)."
        }
        Some(EventKind::AdviserContacted) => {
            "You must contact the mediation adviser within 2 months of the decision being sent, and you need the mediation certificate before you can appeal. If you want mediation, also tell the council: the 30 days for mediation count from when the council is told. If your 2 months end within the next few days, phone the adviser as well, and email rather than post: the law does not move this date."
        }
        Some(EventKind::AskedForMediation) => {
            "The council must arrange mediation within 30 days of being told."
        }
        _ => "",
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
    /// Who it goes to, as the log names them.
    party: Party,
    /// The (case, entry) this letter was kept as, if it was: keeping it again updates it.
    kept_entry: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let today = today();
    let filled = StoredValue::new(filled);
    let sent_on = RwSignal::new(DateParts::from_date(today));
    let how = RwSignal::new(SentHow::Email);
    let after_5pm = RwSignal::new(false);
    let date_error = RwSignal::new(None::<(String, Vec<DatePart>)>);
    let new_name = RwSignal::new(String::new());
    let name_error = RwSignal::new(false);
    let kept = RwSignal::new(None::<Kept>);
    let gone = RwSignal::new(false);
    let keep = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        // Every problem at once, in the error summary (GOV.UK), which takes focus.
        let date = match parse_date(&sent_on.get_untracked(), today) {
            Ok(date) if date <= today => Ok(date),
            Ok(_) => Err((
                "The date you sent it must be today or in the past".to_string(),
                vec![DatePart::Day, DatePart::Month, DatePart::Year],
            )),
            Err(e) => Err((date_error_message("the date you sent it", &e), e.parts())),
        };
        date_error.set(date.clone().err());
        let existing = case_id.get_untracked();
        let typed = new_name.get_untracked().trim().to_string();
        let name_missing =
            existing.is_none() && (typed.is_empty() || TextField::CaseName.check(&typed).is_err());
        name_error.set(name_missing);
        let Ok(date) = date else {
            return;
        };
        if name_missing {
            return;
        }
        let now = now_millis();
        let (target, new_case) = match existing {
            Some(id) => (id, None),
            None => {
                // A new case starts where this letter puts it (a request for an assessment:
                // "Assessment requested").
                let events: Vec<(chrono::NaiveDate, KeyDate)> = draft
                    .with_untracked(|d| d.key_date(letter, today))
                    .map(|k| vec![(date, k)])
                    .unwrap_or_default();
                let case = case_for_events(&new_id("case"), &typed, &events, now);
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
            how: how.get_untracked(),
            after_5pm: after_5pm.get_untracked() && how.get_untracked() == SentHow::Email,
            person,
            party,
        };
        // Kept before in this case: the same entry is updated, never added twice.
        let entry_id = kept_entry
            .get_untracked()
            .filter(|(case, _)| *case == target)
            .map_or_else(|| new_id("entry"), |(_, entry)| entry);
        let entry =
            filled.with_value(|f| sent_entry(f, &sending, key_date, follow_up, &entry_id, now));
        let logged_follow_up = entry.follow_up;
        let result = state.change(|book| {
            if let Some(case) = new_case {
                book.upsert_case(case);
            }
            if let Some(case) = book.case_mut(&target) {
                keep_sent(case, entry, now);
            }
        });
        // Kept only if, after the save (which may have merged another tab's deletion), the
        // case is there and holds the entry.
        let found = state.book.with_untracked(|b| {
            b.case(&target)
                .is_some_and(|c| c.live_entries().any(|e| e.id == entry_id))
        });
        if result.is_ok() && found {
            kept_entry.set(Some((target.clone(), entry_id.clone())));
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
                        <p class="hint">"If you change the letter and keep it again, this entry is updated: it is never added twice."</p>
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
                            <a href=format!("/records/{}/log/{}", k.case_id, k.entry_id)>"See the entry"</a> " · "
                            <a href=format!("/records/{}", k.case_id)>"The case"</a> " · "
                            <a href=format!("/records/{}/timeline", k.case_id)>"Its timeline"</a>
                        </p>
                    </div>
                }.into_any(),
                None => view! {
                    <p>"Once you have sent it, keep it in your records: the app adds it to the case's log with the letter as the summary and, if it asks for a reply by a date, a follow-up on that date (your own reminder, not a legal deadline)."</p>
                    <StorageProblemBanner/>
                    {move || gone.get().then(|| view! {
                        <div class="callout callout--warning" role="alert" data-testid="letter-case-gone">
                            <p>"That case is no longer on this device (it may have been deleted in another tab). Nothing was saved: choose another case at the top of the page, or name a new one."</p>
                        </div>
                    })}
                    <form novalidate on:submit=keep>
                        <ErrorSummary errors=Signal::derive(move || sent_error_links(name_error.get(), date_error.get()))/>
                        {move || match case_name() {
                            Some(name) => view! { <p>"It goes into the log of " <strong>{name}</strong> "."</p> }.into_any(),
                            None => view! {
                                <div class=move || if name_error.get() { "form-group form-group--error" } else { "form-group" }>
                                    <label class="label" for="sent-case-name">{move || if cases_exist() { "Or name a new case for it" } else { "Name for a new case" }}</label>
                                    <p class="hint" id="sent-case-name-hint">{move || if cases_exist() { "To keep it in an existing case, choose the case at the top of the page. Otherwise, usually your child's name or initials." } else { "Usually your child's name or initials" }}</p>
                                    {move || name_error.get().then(|| view! { <p class="error-message" id="sent-case-name-error"><span class="visually-hidden">"Error: "</span>{NAME_NEEDED}</p> })}
                                    <input id="sent-case-name" class="input" type="text" autocomplete="off"
                                        aria-describedby=move || if name_error.get() { "sent-case-name-hint sent-case-name-error" } else { "sent-case-name-hint" }
                                        prop:value=move || new_name.get() on:input=move |e| new_name.set(event_target_value(&e))/>
                                </div>
                            }.into_any(),
                        }}
                        <div class="form-group">
                            <fieldset class="fieldset">
                                <legend class="fieldset__legend">"How did you send it?"</legend>
                                <div class="radios">
                                    {SentHow::ALL.into_iter().map(|m| {
                                        let id = format!("sent-how-{}", m.id());
                                        view! {
                                            <div class="radios__item">
                                                <input class="radios__input" type="radio" name="sent-how" id=id.clone() value=m.id()
                                                    prop:checked=move || how.get() == m
                                                    on:change=move |_| how.set(m)/>
                                                <label class="radios__label" for=id>{m.label()}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </div>
                            </fieldset>
                        </div>
                        <DateInput id="sent-on" label="When did you send it?" hint="For example, 2 12 2026"
                            value=sent_on.into()
                            on_change=Callback::new(move |(part, value): (DatePart, String)| sent_on.update(|d| d.set(part, value)))
                            error=date_error.into()/>
                        {move || (how.get() == SentHow::Email).then(|| view! {
                            <div class="checkboxes">
                                <Checkbox id="sent-after-5pm" label="I sent it after 5pm"
                                    checked=after_5pm.into() on_change=Callback::new(move |on| after_5pm.set(on))/>
                            </div>
                        })}
                        {letter.starts.map(|kind| view! {
                            <div class="inset" data-testid="sent-clock">
                                <p>{clock_hint(Some(kind))}</p>
                                <p>{move || match parse_date(&sent_on.get(), today) {
                                    Ok(sent) if sent <= today => {
                                        let received = taken_as_received(sent, how.get(), after_5pm.get() && how.get() == SentHow::Email);
                                        format!("Taken as received on {}: an email sent before 5pm on a working day, or a letter handed in, counts that day; an email sent later or at a weekend, or a first-class letter, the next working day. The app counts from that day; if they confirm another, change the entry's date.", long_date(received))
                                    }
                                    _ => String::new(),
                                }}</p>
                            </div>
                        })}
                        <button type="submit" class="button" data-testid="keep-letter">"Add it to my records"</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

const NAME_NEEDED: &str = "Enter a name for the case (up to 1,000 characters)";

/// The form's problems for its error summary, in the order of its fields.
fn sent_error_links(
    name_missing: bool,
    date_error: Option<(String, Vec<DatePart>)>,
) -> Vec<ErrorLink> {
    let mut links = Vec::new();
    if name_missing {
        links.push(ErrorLink {
            message: NAME_NEEDED.to_string(),
            target_id: "sent-case-name".to_string(),
        });
    }
    if let Some((message, parts)) = date_error {
        links.push(ErrorLink {
            message,
            target_id: first_wrong_box("sent-on", &parts),
        });
    }
    links
}
