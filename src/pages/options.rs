//! "What can I do?": a few plain questions, then every route the booklet offers for this
//! situation (open ones first, the others with why not), each with the booklet's own words,
//! who to contact, the dates from the letter and what to prepare. The routes are content
//! (`content/routes.md`); `domain::guide` applies them.

use crate::clock::today;
use crate::components::adviser_warning::AdviserWarning;
use crate::components::date_input::{date_error_message, DateInput};
use crate::components::deadline_card::DeadlineCard;
use crate::components::error_summary::{ErrorLink, ErrorSummary};
use crate::components::focus::focus_when_drawn;
use crate::components::page_title::PageTitle;
use crate::components::print_button::PrintButton;
use crate::components::save_to_records::SaveToRecords;
use crate::content::routes::{routes, ContactRef, Question, Routes};
use crate::content::{booklet, ContactKind};
use crate::domain::date_input::DatePart;
use crate::domain::guide::{
    answer, date_question, event_for, questions_to_ask, Area, GuideAnswer, GuideError, GuideForm,
    RouteShown,
};
use crate::domain::my_dates::warnings_for;
use crate::domain::words::long_date;
use crate::state::CasebookState;
use leptos::prelude::*;

/// Asked apart from the routes file's questions, as it is remembered between visits.
const AREA_QUESTION: &str = "Does your child live in Hertfordshire?";

fn error_link(error: &GuideError) -> ErrorLink {
    match error {
        GuideError::Unanswered(id, ask) => ErrorLink {
            message: format!("Answer the question: {ask}"),
            target_id: format!("{id}-0"),
        },
        GuideError::Letter(e) => ErrorLink {
            message: date_error_message("the date on the letter", e),
            target_id: format!(
                "letter-date-{}",
                crate::domain::my_dates::part_suffix(e.parts()[0])
            ),
        },
    }
}

#[component]
pub fn OptionsPage() -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let all = StoredValue::new(routes());
    // Asked once and remembered on this device; it can be changed here at any time.
    let area = RwSignal::new(state.load_area());
    let area_error = RwSignal::new(false);
    let today = today();
    let form = RwSignal::new(GuideForm::default());
    let result = RwSignal::new(None::<GuideAnswer>);
    let errors = RwSignal::new(Vec::<GuideError>::new());
    let links = Signal::derive(move || {
        let mut links: Vec<ErrorLink> = Vec::new();
        if area_error.get() {
            links.push(ErrorLink {
                message: format!("Answer the question: {AREA_QUESTION}"),
                target_id: "area-0".to_string(),
            });
        }
        links.extend(errors.get().iter().map(error_link));
        links
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let found = all.with_value(|r| answer(r, &form.get_untracked(), today));
        area_error.set(area.get_untracked().is_none());
        let found = match (found, area.get_untracked()) {
            (Ok(_), None) => Err(Vec::new()),
            (other, _) => other,
        };
        match found {
            Ok(found) => {
                errors.set(Vec::new());
                result.set(Some(found));
                form.update(|f| f.submitted = true);
                focus_when_drawn("options-heading".to_string());
            }
            Err(problems) => {
                result.set(None);
                errors.set(problems);
            }
        }
    };
    let questions = Memo::new(move |_| {
        form.with(|f| {
            all.with_value(|r| {
                questions_to_ask(r, f)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<Question>>()
            })
        })
    });
    let date_question = Memo::new(move |_| {
        form.with(|f| {
            all.with_value(|r| event_for(r, &f.answer("problem").unwrap_or_default()))
                .map(date_question)
        })
    });
    view! {
        <PageTitle text="What can I do?"/>
        <h1 tabindex="-1">"What can I do?"</h1>
        <p class="lead">
            "Answer a few questions. You will see every route the booklet describes for your situation, in the order that keeps most options open, "
            "with who to contact, your dates and what to prepare. Your answers stay on this device."
        </p>
        <p class="hint no-print">{move || match area.get() {
            Some(Area::Elsewhere) => view! {
                "This is information, not advice. For advice about your child, contact your local SENDIASS (your council's Local Offer website names it)."
            }.into_any(),
            _ => view! {
                "This is information, not advice. For advice about your child, call Hertfordshire SENDIASS on "
                <a href="tel:+441992555847">"01992 555847"</a> "."
            }.into_any(),
        }}</p>
        <ErrorSummary errors=links/>
        <form class="no-print" novalidate on:submit=on_submit data-testid="options-form">
            <AreaQuestion area=area error=area_error on_change=Callback::new(move |chosen: Area| {
                area.set(Some(chosen));
                area_error.set(false);
                result.set(None);
                // Kept for next time; if it cannot be, it still applies to this visit.
                let _ = state.save_area(chosen);
            })/>
            <For each=move || questions.get() key=|q| q.id.clone() let:question>
                <QuestionField question=question form=form errors=errors result=result/>
            </For>
            {move || date_question.get().map(|(label, hint)| view! {
                <DateInput id="letter-date" label=label
                    hint=hint
                    optional=true
                    value=Signal::derive(move || form.read().letter.clone())
                    on_change=Callback::new(move |(part, text): (DatePart, String)| {
                        form.update(|f| f.letter.set(part, text));
                        result.set(None);
                    })
                    error=Signal::derive(move || errors.read().iter().find_map(|e| match e {
                        GuideError::Letter(d) => Some((date_error_message("the date on the letter", d), d.parts())),
                        _ => None,
                    }))/>
            })}
            <div class="button-group">
                <button type="submit" class="button" data-testid="show-options">"Show my options"</button>
            </div>
        </form>
        {move || result.get().map(|found| view! { <Options found=found form=form.get_untracked() all=all area=area.get_untracked().unwrap_or(Area::Hertfordshire)/> })}
    }
}

/// One question as GOV.UK radios.
#[component]
fn QuestionField(
    question: Question,
    form: RwSignal<GuideForm>,
    errors: RwSignal<Vec<GuideError>>,
    result: RwSignal<Option<GuideAnswer>>,
) -> impl IntoView {
    let id = question.id.clone();
    let has_error = {
        let id = StoredValue::new(id.clone());
        Signal::derive(move || {
            errors
                .read()
                .iter()
                .any(|e| matches!(e, GuideError::Unanswered(q, _) if id.with_value(|id| q == id)))
        })
    };
    let hint_id = format!("{id}-hint");
    view! {
        <div class=move || if has_error.get() { "form-group form-group--error" } else { "form-group" } id=format!("question-{id}")>
            <fieldset class="fieldset" aria-describedby=(!question.hint.is_empty()).then(|| hint_id.clone())>
                <legend class="fieldset__legend fieldset__legend--m"><h2 class="fieldset__heading">{question.ask.clone()}</h2></legend>
                {(!question.hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{question.hint.clone()}</p> })}
                {move || has_error.get().then(|| view! {
                    <p class="error-message"><span class="visually-hidden">"Error: "</span>"Choose one"</p>
                })}
                <div class="radios">
                    {question.answers.iter().enumerate().map(|(n, (answer, label))| {
                        let input_id = format!("{id}-{n}");
                        let (q, a) = (id.clone(), answer.clone());
                        let (q2, a2) = (id.clone(), answer.clone());
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name=id.clone() id=input_id.clone() value=answer.clone()
                                    prop:checked=move || form.read().answers.get(&q2) == Some(&a2)
                                    on:change=move |_| {
                                        form.update(|f| { f.answers.insert(q.clone(), a.clone()); });
                                        result.set(None);
                                    }/>
                                <label class="radios__label" for=input_id>{label.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// The answer: the answers given (each can be changed), the open routes in order, then the
/// routes that are not open and why, and a way to keep the dates.
#[component]
fn Options(
    found: GuideAnswer,
    form: GuideForm,
    all: StoredValue<Routes>,
    area: Area,
) -> impl IntoView {
    let (open, closed): (Vec<RouteShown>, Vec<RouteShown>) =
        found.routes.into_iter().partition(|r| r.open);
    let summary: Vec<(String, String, String)> = all.with_value(|r| {
        questions_to_ask(r, &form)
            .into_iter()
            .filter_map(|q| {
                let given = form.answer(&q.id)?;
                let label = q.answers.iter().find(|(id, _)| *id == given)?.1.clone();
                Some((q.id.clone(), q.ask.clone(), label))
            })
            .collect()
    });
    let letter = found.event.map(|(date, _)| date);
    let warnings = warnings_for(open.iter().flat_map(|r| r.deadlines.iter()));
    let events: Vec<_> = found.event.into_iter().collect();
    let has_dates = open.iter().any(|r| !r.deadlines.is_empty());
    let printed = format!("Your options, printed on {}", long_date(today()));
    view! {
        <section class="results options" aria-labelledby="options-heading" data-testid="options">
            <p class="print-only options__printed">{printed}</p>
            <h2 id="options-heading" tabindex="-1">"Your options"</h2>
            <dl class="summary-list" data-testid="answers">
                {summary.into_iter().map(|(id, ask, label)| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{ask}</dt>
                        <dd class="summary-list__value">{label}</dd>
                        <dd class="summary-list__actions no-print">
                            <a href=format!("#question-{id}") on:click=move |e| { e.prevent_default(); focus_when_drawn(format!("{id}-0")); }>
                                "Change" <span class="visually-hidden">" this answer"</span>
                            </a>
                        </dd>
                    </div>
                }).collect_view()}
                <div class="summary-list__row">
                    <dt class="summary-list__key">{AREA_QUESTION}</dt>
                    <dd class="summary-list__value">{area.label()}</dd>
                    <dd class="summary-list__actions no-print">
                        <a href="#question-area" on:click=move |e| { e.prevent_default(); focus_when_drawn("area-0".to_string()); }>
                            "Change" <span class="visually-hidden">" where your child lives"</span>
                        </a>
                    </dd>
                </div>
                {letter.map(|date| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"The date on the letter"</dt>
                        <dd class="summary-list__value">{long_date(date)}</dd>
                    </div>
                })}
            </dl>
            {warnings.into_iter().map(|warning| view! { <AdviserWarning warning=warning/> }).collect_view()}
            <p>"Routes can usually be followed together: the booklet says \"Usually you can follow more than one route.\""</p>
            <ol class="route-list" data-testid="open-routes">
                {open.into_iter().map(|shown| view! { <RouteCard shown=shown area=area/> }).collect_view()}
            </ol>
            {(!closed.is_empty()).then(|| view! {
                <h2>"Not open to you now"</h2>
                <ul class="bullets" data-testid="closed-routes">
                    {closed.into_iter().map(|shown| view! {
                        <li><strong>{shown.route.title.clone()}</strong> ": " {shown.route.closed_why.clone()}</li>
                    }).collect_view()}
                </ul>
            })}
            <div class="button-group no-print">
                <PrintButton label="Print your options"/>
            </div>
            {(!events.is_empty()).then(|| view! { <SaveToRecords events=events.clone() has_dates=has_dates action="Keep this in my records"/> })}
            {match area {
                Area::Hertfordshire => view! {
                    <p class="source">
                        "This is information, not legal advice. Hertfordshire SENDIASS gives free, impartial advice: "
                        <a href="tel:+441992555847">"01992 555847"</a> "."
                    </p>
                }.into_any(),
                Area::Elsewhere => view! {
                    <p class="source">"This is information, not legal advice. Your local SENDIASS gives free, impartial advice."</p>
                }.into_any(),
            }}
        </section>
    }
}

/// One open route: what it is, the booklet's words, who to contact, its dates, what to prepare.
#[component]
fn RouteCard(shown: RouteShown, area: Area) -> impl IntoView {
    let RouteShown {
        route,
        deadlines,
        letters,
        ..
    } = shown;
    let (slug, quote) = route.booklet.clone();
    let section = booklet()
        .section(&slug)
        .map(|s| s.title.clone())
        .unwrap_or_default();
    view! {
        <li class="route" data-testid="route" data-route=route.id.clone()>
            <h3 class="route__title">{route.title.clone()}</h3>
            <p>{route.what.clone()}</p>
            <blockquote class="route__quote">
                <p>{quote}</p>
                <footer>"The booklet, " <a href=format!("/guide/{slug}")>{section}</a></footer>
            </blockquote>
            <RouteContact contact=route.contact area=area/>
            {(!deadlines.is_empty()).then(|| view! {
                <ol class="deadline-list">
                    {deadlines.into_iter().map(|f| view! { <DeadlineCard deadline=f.deadline standing=f.standing/> }).collect_view()}
                </ol>
            })}
            <h4>"What to prepare"</h4>
            <ul class="bullets">
                {route.prepare.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
            </ul>
            {(!letters.is_empty()).then(|| view! {
                <h4 class="no-print">"Letters for this"</h4>
                <ul class="bullets no-print" data-testid="route-letters">
                    {letters.iter().filter_map(|id| crate::content::letters::letter(id)).map(|l| view! {
                        <li><a href=format!("/letters/{}", l.id)>{l.title.as_str()}</a></li>
                    }).collect_view()}
                </ul>
            })}
            {(!route.together.is_empty()).then(|| view! { <p class="hint">{route.together.clone()}</p> })}
        </li>
    }
}

/// Who to contact for a route, with tap-to-call and email links from the booklet. Elsewhere
/// in England the Hertfordshire numbers are not offered as the parent's: they are told where to
/// find their own.
#[component]
fn RouteContact(contact: ContactRef, area: Area) -> impl IntoView {
    let elsewhere = area == Area::Elsewhere;
    let (intro, slug): (&str, Option<&str>) = match (contact, elsewhere) {
        (ContactRef::School, _) => ("Who to contact: your child's school (the class teacher, the SENCo or the headteacher).", None),
        (ContactRef::CouncilSenTeam, false) => ("Who to contact: the council's SEN team. Hertfordshire's area teams:", Some("sen-officers")),
        (ContactRef::CouncilSenTeam, true) => ("Who to contact: your council's SEN team. Its details are on the council's letters and on its Local Offer website.", None),
        (ContactRef::Sendiass, false) => ("Who to contact: Hertfordshire SENDIASS.", Some("contact-sendiass")),
        (ContactRef::Sendiass, true) => ("Who to contact: your local SENDIASS (the free information, advice and support service). Every council has one: find yours on your council's Local Offer website or through the national IASS Network.", None),
        (ContactRef::KidsMediation, false) => ("Who to contact: Kids Mediation.", Some("kids-mediation")),
        (ContactRef::KidsMediation, true) => ("Who to contact: the disagreement resolution service for your area. Your council must arrange one: its Local Offer or its letters name it (Kids Mediation is Hertfordshire's).", None),
        (ContactRef::MediationAdviser, _) => ("Who to contact: the mediation adviser named in the council's decision letter.", None),
        (ContactRef::Tribunal, _) => ("Who to contact: the SEND Tribunal (the First-tier Tribunal, Special Educational Needs and Disability). For an appeal, the council's decision letter says how; SENDIASS can help with the forms.", None),
    };
    let contacts: Vec<_> = slug
        .map(|slug| {
            booklet()
                .contacts()
                .into_iter()
                .filter(|c| c.section_slug == slug)
                .collect()
        })
        .unwrap_or_default();
    view! {
        <div class="route__contact" data-testid="route-contact">
            <p>{intro}</p>
            {(!contacts.is_empty()).then(|| view! {
                <ul class="contact__links">
                    {contacts.into_iter().map(|c| view! {
                        <li>
                            <strong>{c.name.trim_end_matches(':').to_string()}</strong> " "
                            {c.links.into_iter().map(|(kind, link)| {
                                let verb = match kind { ContactKind::Phone => "Call ", ContactKind::Email => "Email " };
                                view! { <a class="contact-link" href=link.href>{verb}<span class="contact-link__value">{link.text}</span></a> " " }
                            }).collect_view()}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// "Does your child live in Hertfordshire?": the booklet's contacts are Hertfordshire's.
#[component]
fn AreaQuestion(
    area: RwSignal<Option<Area>>,
    error: RwSignal<bool>,
    on_change: Callback<Area>,
) -> impl IntoView {
    view! {
        <div class=move || if error.get() { "form-group form-group--error" } else { "form-group" } id="question-area">
            <fieldset class="fieldset" aria-describedby="area-hint">
                <legend class="fieldset__legend fieldset__legend--m"><h2 class="fieldset__heading">{AREA_QUESTION}</h2></legend>
                <p class="hint" id="area-hint">"The booklet's phone numbers are Hertfordshire's. The routes and dates are the law in all of England. Your answer is remembered on this device."</p>
                {move || error.get().then(|| view! {
                    <p class="error-message"><span class="visually-hidden">"Error: "</span>"Choose one"</p>
                })}
                <div class="radios">
                    {Area::ALL.iter().enumerate().map(|(n, choice)| {
                        let choice = *choice;
                        let id = format!("area-{n}");
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name="area" id=id.clone() value=choice.id()
                                    prop:checked=move || area.get() == Some(choice)
                                    on:change=move |_| on_change.run(choice)/>
                                <label class="radios__label" for=id>{choice.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}
