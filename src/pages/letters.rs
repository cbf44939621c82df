//! "Letters": the letters the guide's routes ask for (`content/letters.md`), filled in from a
//! case and its log, previewed as they will be sent, copied, opened in the mail app, printed or
//! downloaded, and once sent, kept in the case's log ("I have sent it"). The rules are in
//! `domain::letter_draft`; this page shows and asks.

use crate::clock::today;
use crate::components::date_input::{date_error_message, DateInput};
use crate::components::error_summary::{ErrorLink, ErrorSummary};
use crate::components::fields::{TextArea, TextField};
use crate::components::focus::focus_when_drawn;
use crate::components::letter_actions::LetterActions;
use crate::components::letter_sent::LetterSent;
use crate::components::not_found::NotFound;
use crate::components::page_title::PageTitle;
use crate::content::letters::{letter, letters, FieldKind, Letter};
use crate::domain::date_input::{DatePart, DateParts};
use crate::domain::letter_draft::{recipient, FieldProblem, LetterDraft, LetterProblem};
use crate::domain::limits::group;
use crate::domain::my_dates::part_suffix;
use crate::router::{use_params_map, use_query_map};
use crate::state::CasebookState;
use leptos::prelude::*;

/// The list of letters, each opened for the case given in the address, if any.
#[component]
pub fn LettersPage() -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let query = use_query_map();
    let case_id = move || query.read().get("case");
    let case_name = move || {
        let id = case_id()?;
        state.book.with(|b| b.case(&id).map(|c| c.name.clone()))
    };
    view! {
        <PageTitle text="Letters"/>
        <h1 tabindex="-1">"Letters"</h1>
        <p class="lead">
            "Letters the booklet's routes ask for, in plain English. Each is filled in from your records where it can be; "
            "you check and change every word, then copy it, email it, print it or save it as a file."
        </p>
        {move || case_name().map(|name| view! { <p>"Filled in from the records of " <strong>{name}</strong> "."</p> })}
        <p class="hint">"This is information, not advice. SENDIASS can help you write to the school or council."</p>
        <ul class="card-list" data-testid="letter-list">
            {letters().iter().map(|l| {
                let id = l.id.as_str();
                let href = move || match case_id() {
                    Some(case) => format!("/letters/{id}?case={case}"),
                    None => format!("/letters/{id}"),
                };
                view! {
                    <li class="card">
                        <h2 class="card__title"><a href=href>{l.title.as_str()}</a></h2>
                        <p class="card__text">"To: " {l.to.as_str()}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// One letter: its form, the letter as it will be sent, what to do with it, and "I have sent it".
#[component]
pub fn LetterPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let id = params.read().get("letter").unwrap_or_default();
        match letter(&id) {
            Some(found) => view! { <LetterForm letter=found/> }.into_any(),
            None => view! { <NotFound/> }.into_any(),
        }
    }
}

fn field_name(letter: &Letter, id: &str) -> String {
    letter
        .field(id)
        .map(|f| crate::domain::words::lower_first(&f.label))
        .unwrap_or_default()
}

/// The first box to focus for a field's problem.
fn target_of(letter: &Letter, problem: &FieldProblem) -> String {
    match (
        &problem.problem,
        letter.field(&problem.field).map(|f| f.kind),
    ) {
        (LetterProblem::Date(e), _) => {
            format!("letter-{}-{}", problem.field, part_suffix(e.parts()[0]))
        }
        (_, Some(FieldKind::Date)) => format!("letter-{}-day", problem.field),
        _ => format!("letter-{}", problem.field),
    }
}

fn message_of(letter: &Letter, problem: &FieldProblem) -> String {
    let name = field_name(letter, &problem.field);
    match &problem.problem {
        LetterProblem::Empty => format!("Enter {name}"),
        LetterProblem::Date(e) => date_error_message(&name, e),
        LetterProblem::TooLong(length) => format!(
            "Shorten {name}: it makes the letter's subject or text too long ({} characters)",
            group(*length)
        ),
    }
}

#[component]
fn LetterForm(letter: &'static Letter) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let query = use_query_map();
    let today = today();
    let entry_id = StoredValue::new(query.read_untracked().get("entry"));
    let cases = Memo::new(move |_| {
        state.book.with(|b| {
            b.live_cases()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    // The case in the address; or, when there is only one, that one.
    let case_id = RwSignal::new(
        query
            .read_untracked()
            .get("case")
            .filter(|id| state.book.with_untracked(|b| b.case(id).is_some()))
            .or_else(|| {
                let only = cases.get_untracked();
                (only.len() == 1).then(|| only[0].0.clone())
            }),
    );
    let sender = StoredValue::new(state.load_sender());
    let prefill = move |case: Option<&String>| {
        state.book.with_untracked(|b| {
            let case = case.and_then(|id| b.case(id));
            let entry = case.and_then(|c| {
                let wanted = entry_id.get_value()?;
                c.live_entries().find(|e| e.id == wanted)
            });
            LetterDraft::prefilled(letter, case, entry, &sender.get_value(), today)
        })
    };
    let party = move || {
        let wanted = entry_id.get_value();
        state.book.with_untracked(|b| {
            let case = case_id.get_untracked().and_then(|id| b.case(&id));
            recipient(letter, case, wanted.as_deref())
        })
    };
    let first_fill = prefill(case_id.get_untracked().as_ref());
    let last_fill = StoredValue::new(first_fill.clone());
    let draft = RwSignal::new(first_fill);
    // The entry "I have sent it" made, so that keeping the letter again updates it.
    let kept_entry = RwSignal::new(None::<(String, String)>);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let previewed = RwSignal::new(false);
    let links = Signal::derive(move || {
        problems
            .get()
            .iter()
            .map(|p| ErrorLink {
                message: message_of(letter, p),
                target_id: target_of(letter, p),
            })
            .collect::<Vec<_>>()
    });
    let filled = Memo::new(move |_| draft.with(|d| d.make(letter, today).ok()));
    let preview = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match draft.with_untracked(|d| d.make(letter, today)) {
            Ok(_) => {
                problems.set(Vec::new());
                previewed.set(true);
                let typed = draft.with_untracked(|d| d.sender());
                if typed != sender.get_value() {
                    state.save_sender(&typed);
                    sender.set_value(typed);
                }
                focus_when_drawn("letter-preview-heading".to_string());
            }
            Err(found) => problems.set(found),
        }
    };
    let choose_case = move |value: String| {
        let chosen = (!value.is_empty()).then_some(value);
        let next = prefill(chosen.as_ref());
        draft.update(|d| *d = d.refilled(&last_fill.get_value(), &next));
        last_fill.set_value(next);
        case_id.set(chosen);
        problems.set(Vec::new());
    };
    let error_of = move |id: &'static str| {
        Signal::derive(move || {
            problems.with(|list| {
                list.iter()
                    .find(|p| p.field == id)
                    .map(|p| message_of(letter, p))
            })
        })
    };
    let fields = letter
        .fields
        .iter()
        .map(|field| {
            let id: &'static str = field.id.as_str();
            let label: &'static str = field.label.as_str();
            let input_id: &'static str = field.input_id.as_str();
            match field.kind {
                FieldKind::Line => view! {
                    <TextField id=input_id label=label
                        value=Signal::derive(move || draft.with(|d| d.text(id)))
                        on_input=Callback::new(move |v: String| draft.update(|d| { d.texts.insert(id.to_string(), v); }))
                        error=error_of(id)/>
                }
                .into_any(),
                FieldKind::Long => view! {
                    <TextArea id=input_id label=label rows=4
                        hint=if id == "issues" { "One issue per line" } else { "" }
                        value=Signal::derive(move || draft.with(|d| d.text(id)))
                        on_input=Callback::new(move |v: String| draft.update(|d| { d.texts.insert(id.to_string(), v); }))
                        error=error_of(id)/>
                }
                .into_any(),
                FieldKind::Date => {
                    let date_error = Signal::derive(move || {
                        problems.with(|list| {
                            list.iter().find(|p| p.field == id).map(|p| {
                                let parts = match &p.problem {
                                    LetterProblem::Date(e) => e.parts(),
                                    _ => vec![DatePart::Day, DatePart::Month, DatePart::Year],
                                };
                                (message_of(letter, p), parts)
                            })
                        })
                    });
                    view! {
                        <DateInput id=input_id label=label hint=match id {
                            "birth-date" => "For example, 27 3 2016",
                            "reply-by" => "A suggestion: 10 working days from today. It is not a legal time limit, so choose any reasonable date (a complaints procedure may set its own). For example, 27 3 2026",
                            _ => "For example, 27 3 2026",
                        }
                            value=Signal::derive(move || draft.with(|d| d.date_parts(id)))
                            on_change=Callback::new(move |(part, value): (DatePart, String)| draft.update(|d| {
                                d.dates.entry(id.to_string()).or_insert_with(DateParts::default).set(part, value);
                            }))
                            error=date_error/>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    let title = letter.title.as_str();
    view! {
        <PageTitle text=title/>
        <nav class="breadcrumbs no-print" aria-label="Breadcrumb">
            <a href="/letters">"Letters"</a>
        </nav>
        <h1 tabindex="-1" class="no-print">{title}</h1>
        <div class="no-print">
            <p class="lead">"To: " {letter.to.as_str()}</p>
            <p class="hint">"Check every word: it is your letter. Nothing is sent from this app; you send it yourself."</p>
            <ErrorSummary errors=links/>
            {move || (!cases.get().is_empty()).then(|| view! {
                <div class="form-group">
                    <label class="label" for="letter-case">"Fill in from the records of"</label>
                    <p class="hint" id="letter-case-hint">"Choosing a case fills in what its records know. You can change everything."</p>
                    <select id="letter-case" class="select" aria-describedby="letter-case-hint"
                        on:change=move |e| choose_case(event_target_value(&e))>
                        <option value="" selected=move || case_id.get().is_none()>"Nobody: I will fill it in"</option>
                        {move || cases.get().into_iter().map(|(id, name)| {
                            let value = id.clone();
                            view! { <option value=value selected=move || case_id.get().as_deref() == Some(id.as_str())>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}
            <form novalidate on:submit=preview data-testid="letter-form">
                {fields}
                <button type="submit" class="button">"Preview the letter"</button>
            </form>
        </div>
        {move || (previewed.get()).then(|| match filled.get() {
            Some(filled) => view! {
                <section class="letter-preview" aria-labelledby="letter-preview-heading" data-testid="letter-preview">
                    <h2 id="letter-preview-heading" tabindex="-1" class="no-print">"Your letter"</h2>
                    <p class="letter-preview__subject"><strong>"Subject: "</strong><span data-testid="letter-subject">{filled.subject.clone()}</span></p>
                    <div class="letter-preview__body" data-testid="letter-body">{filled.body.clone()}</div>
                </section>
                <LetterActions letter=letter filled=filled.clone()/>
                <LetterSent letter=letter filled=filled case_id=case_id draft=draft party=party() kept_entry=kept_entry/>
            }.into_any(),
            None => view! {
                <p class="callout no-print" role="status">"The letter shows here again once every field is filled in."</p>
            }.into_any(),
        })}
    }
}
