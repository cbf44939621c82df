//! "My dates": the parent picks what happened, enters the dates they have, and sees every
//! deadline that follows, explained. The inputs are saved on this device as they are typed.

use crate::clock::{now_utc, today};
use crate::components::adviser_warning::AdviserWarning;
use crate::components::date_input::{date_error_message, DateInput};
use crate::components::deadline_card::DeadlineCard;
use crate::components::download::offer_download;
use crate::components::error_summary::{ErrorLink, ErrorSummary};
use crate::components::focus::focus_when_drawn;
use crate::components::page_title::PageTitle;
use crate::components::save_to_records::SaveToRecords;
use crate::components::storage_problem::MyDatesStorageNotes;
use crate::components::where_you_live::AdviceSource;
use crate::domain::date_input::DatePart;
use crate::domain::events::EventGroup;
use crate::domain::ics;
use crate::domain::my_dates::{
    situation_info, work_out, DateField, FormError, MediationScope, MyDates, MyDatesForm,
    OrderKind, Situation, TransferKind,
};
use crate::state::{CasebookState, StorageProblem};
use leptos::prelude::*;

/// The plain-English message for a form error (GOV.UK wording patterns).
pub fn error_message(error: &FormError) -> String {
    match error {
        FormError::NoSituation => "Select what has happened".into(),
        FormError::NoOrderKind => "Select what the Tribunal ordered".into(),
        FormError::NoTransferKind => "Select the kind of move".into(),
        FormError::TransferYear { earliest, latest } => {
            format!("Enter the year of the move as 4 numbers, between {earliest} and {latest}")
        }
        FormError::NoMediationScope => "Select what the mediation is about".into(),
        FormError::CertificateBeforeDecision => {
            "The date the certificate was issued must be the same as or after the date the decision was sent".into()
        }
        FormError::Date(field, date_error) => date_error_message(field.name(), date_error),
    }
}

#[component]
pub fn MyDatesPage() -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let (initial, load_problem) = match state.load_my_dates() {
        Ok(saved) => (saved.unwrap_or_default(), None),
        Err(problem) => (MyDatesForm::default(), Some(problem)),
    };
    let today = today();
    let first_results = if initial.submitted {
        work_out(&initial, today).ok()
    } else {
        None
    };
    let form = RwSignal::new(initial);
    let results = RwSignal::new(first_results);
    let errors = RwSignal::new(Vec::<FormError>::new());
    let save_problem = RwSignal::new(None::<StorageProblem>);
    let situation = Memo::new(move |_| form.read().situation);

    // Every change is saved as it is typed (not the form as it opens: an unreadable saved copy
    // is left alone until the parent types).
    Effect::new(move |first: Option<()>| {
        let current = form.get();
        if first.is_some() || !state.storage_available() {
            save_problem.set(state.save_my_dates(&current).err());
        }
    });

    let error_links = Signal::derive(move || {
        errors
            .get()
            .iter()
            .map(|e| ErrorLink {
                message: error_message(e),
                target_id: e.target_id(),
            })
            .collect::<Vec<_>>()
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match work_out(&form.get_untracked(), today) {
            Ok(dates) => {
                errors.set(Vec::new());
                results.set(Some(dates));
                form.update(|f| f.submitted = true);
                focus_when_drawn("results-heading".to_string());
            }
            Err(problems) => {
                results.set(None);
                errors.set(problems);
            }
        }
    };

    let choose = move |chosen: Situation| {
        form.update(|f| {
            f.situation = Some(chosen);
            f.submitted = false;
        });
        results.set(None);
        errors.set(Vec::new());
    };

    let group = RwSignal::new(form.get_untracked().situation.map(Situation::group));
    // Another group: the choice made in the last one no longer stands.
    let choose_group = move |chosen: EventGroup| {
        if group.get_untracked() != Some(chosen) {
            group.set(Some(chosen));
            form.update(|f| {
                f.situation = None;
                f.submitted = false;
            });
            results.set(None);
            errors.set(Vec::new());
        }
    };
    let start_again = move |_| {
        group.set(None);
        state.clear_my_dates();
        form.set(MyDatesForm::default());
        results.set(None);
        errors.set(Vec::new());
    };

    view! {
        <PageTitle text="My dates"/>
        <h1 tabindex="-1">"Work out your dates"</h1>
        <p class="lead">
            "Choose what has happened and enter the dates you have. You will see every deadline that follows, "
            "how it was worked out, and where the law is unclear. Your dates stay on this device."
        </p>
        <MyDatesStorageNotes load_problem=load_problem save_problem=save_problem/>
        <ErrorSummary errors=error_links/>
        <form class="my-dates-form" novalidate on:submit=on_submit>
            <SituationChoice situation=situation.into() group=group on_choose=Callback::new(choose) on_group=Callback::new(choose_group) has_error=Signal::derive(move || errors.read().contains(&FormError::NoSituation))/>
            {move || situation.get().map(|chosen| view! { <SituationFields situation=chosen form=form errors=errors/> })}
            <div class="button-group">
                <button type="submit" class="button" data-testid="work-out">"Work out my dates"</button>
                <button type="button" class="button button--secondary" on:click=start_again>"Start again"</button>
            </div>
        </form>
        {move || results.get().map(|dates| view! { <Results dates=dates key=situation.get().map(|s| s.id()).unwrap_or("dates")/> })}
        <p class="source">
            "Dates follow the SEND Regulations 2014, the Tribunal's procedure rules and England and Wales bank holidays. "
            <AdviceSource/>
        </p>
    }
}

/// Where focus goes once a situation is chosen: its first question.
fn first_question_id(situation: Situation) -> String {
    let info = situation_info(situation);
    match info.required.first() {
        Some(field) => format!("{}-day", field.id()),
        None => format!("transfer-{}", TransferKind::ALL[0].id()),
    }
}

/// "What has happened?" in two short steps (what it is about, then which), so that a phone
/// shows a few choices at a time and the questions that follow are close by.
#[component]
fn SituationChoice(
    situation: Signal<Option<Situation>>,
    group: RwSignal<Option<EventGroup>>,
    on_choose: Callback<Situation>,
    on_group: Callback<EventGroup>,
    has_error: Signal<bool>,
) -> impl IntoView {
    // A tap or click on a choice moves focus on to its first question; arrow keys in the radio
    // group do not (they would leave the group after one step).
    let pointer = StoredValue::new(false);
    view! {
        <div class=move || if has_error.get() { "form-group form-group--error" } else { "form-group" }>
            <fieldset class="fieldset" aria-describedby="situation-hint">
                <legend class="fieldset__legend fieldset__legend--m"><h2 class="fieldset__heading">"What has happened?"</h2></legend>
                <p class="hint" id="situation-hint">"First choose what it is about, then which letter, meeting or event."</p>
                {move || has_error.get().then(|| view! {
                    <p class="error-message"><span class="visually-hidden">"Error: "</span>{error_message(&FormError::NoSituation)}</p>
                })}
                <div class="radios" data-testid="situation-groups">
                    {EventGroup::ALL.iter().map(|g| {
                        let g = *g;
                        let id = format!("situation-group-{}", g.id());
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name="situation-group" id=id.clone() value=g.id()
                                    prop:checked=move || group.get() == Some(g)
                                    on:change=move |_| on_group.run(g)/>
                                <label class="radios__label" for=id>{g.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
        {move || group.get().map(|g| view! {
            <div class="form-group">
                <fieldset class="fieldset" data-testid="situation-kinds">
                    <legend class="fieldset__legend">"Which one?"</legend>
                    <div class="radios" on:pointerdown=move |_| pointer.set_value(true) on:keydown=move |_| pointer.set_value(false)>
                        {g.kinds().map(|kind| {
                            let info = situation_info(kind);
                            let id = format!("situation-{}", kind.id());
                            let hint_id = format!("{id}-hint");
                            view! {
                                <div class="radios__item">
                                    <input class="radios__input" type="radio" name="situation" id=id.clone() value=kind.id()
                                        aria-describedby=(!info.hint.is_empty()).then(|| hint_id.clone())
                                        prop:checked=move || situation.get() == Some(kind)
                                        on:change=move |_| {
                                            on_choose.run(kind);
                                            if pointer.get_value() {
                                                pointer.set_value(false);
                                                focus_when_drawn(first_question_id(kind));
                                            }
                                        }/>
                                    <label class="radios__label" for=id>{kind.label()}</label>
                                    {(!info.hint.is_empty()).then(|| view! { <p class="radios__hint hint" id=hint_id>{info.hint}</p> })}
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
        })}
    }
}

#[component]
fn SituationFields(
    situation: Situation,
    form: RwSignal<MyDatesForm>,
    errors: RwSignal<Vec<FormError>>,
) -> impl IntoView {
    let info = situation_info(situation);
    let date_field = move |field: DateField, optional: bool| {
        let value = Signal::derive(move || form.read().date(field));
        let on_change = Callback::new(move |(part, text): (DatePart, String)| {
            form.update(|f| {
                f.dates.entry(field).or_default().set(part, text);
            });
        });
        let error = Signal::derive(move || {
            errors
                .read()
                .iter()
                .find(|e| e.field() == Some(field))
                .map(|e| {
                    let parts = match e {
                        FormError::Date(_, date_error) => date_error.parts(),
                        _ => vec![DatePart::Day, DatePart::Month, DatePart::Year],
                    };
                    (error_message(e), parts)
                })
        });
        view! { <DateInput id=field.id() label=field.label() hint=field.hint() optional=optional value=value on_change=on_change error=error/> }
    };
    view! {
        <div class="situation-fields" data-testid="situation-fields">
            {info.required.iter().map(|f| date_field(*f, false)).collect_view()}
            {(situation == Situation::AskedForMediation).then(|| view! { <ScopeFields form=form errors=errors/> })}
            {info.optional.iter().filter(|f| **f != DateField::IcbTold).map(|f| date_field(*f, true)).collect_view()}
            {move || (situation == Situation::AskedForMediation && form.read().mediation_scope == Some(MediationScope::HealthOnly))
                .then(|| date_field(DateField::IcbTold, true))}
            {situation.can_be_school_only().then(|| view! {
                <div class="form-group checkboxes__item">
                    <input class="checkboxes__input" type="checkbox" id="school-only"
                        prop:checked=move || form.read().school_only
                        on:change=move |event| form.update(|f| f.school_only = event_target_checked(&event))/>
                    <label class="checkboxes__label" for="school-only">
                        "My appeal is only about the school or college named, the type named, or that none is named"
                    </label>
                </div>
            })}
            {(situation == Situation::TribunalOrder).then(|| view! { <OrderFields form=form errors=errors/> })}
            {(situation == Situation::PhaseTransfer).then(|| view! { <TransferFields form=form errors=errors date_field=date_field/> })}
        </div>
    }
}

#[component]
fn ScopeFields(form: RwSignal<MyDatesForm>, errors: RwSignal<Vec<FormError>>) -> impl IntoView {
    let has_error = move || errors.read().contains(&FormError::NoMediationScope);
    view! {
        <div class=move || if has_error() { "form-group form-group--error" } else { "form-group" }>
            <fieldset class="fieldset" aria-describedby="scope-hint">
                <legend class="fieldset__legend">"What is the mediation about?"</legend>
                <p class="hint" id="scope-hint">"Health matters change who arranges it, and from when its 30 days run."</p>
                {move || has_error().then(|| view! {
                    <p class="error-message"><span class="visually-hidden">"Error: "</span>{error_message(&FormError::NoMediationScope)}</p>
                })}
                <div class="radios">
                    {MediationScope::ALL.iter().map(|scope| {
                        let scope = *scope;
                        let id = format!("scope-{}", scope.id());
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name="mediation-scope" id=id.clone()
                                    prop:checked=move || form.read().mediation_scope == Some(scope)
                                    on:change=move |_| form.update(|f| f.mediation_scope = Some(scope))/>
                                <label class="radios__label" for=id>{scope.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

#[component]
fn OrderFields(form: RwSignal<MyDatesForm>, errors: RwSignal<Vec<FormError>>) -> impl IntoView {
    let has_error = move || errors.read().contains(&FormError::NoOrderKind);
    view! {
        <div class=move || if has_error() { "form-group form-group--error" } else { "form-group" }>
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"What did the Tribunal order?"</legend>
                {move || has_error().then(|| view! {
                    <p class="error-message"><span class="visually-hidden">"Error: "</span>{error_message(&FormError::NoOrderKind)}</p>
                })}
                <div class="radios">
                    {OrderKind::ALL.iter().map(|kind| {
                        let kind = *kind;
                        let id = format!("order-{}", kind.id());
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name="order-kind" id=id.clone()
                                    prop:checked=move || form.read().order_kind == Some(kind)
                                    on:change=move |_| form.update(|f| f.order_kind = Some(kind))/>
                                <label class="radios__label" for=id>{kind.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
        <div class="form-group checkboxes__item">
            <input class="checkboxes__input" type="checkbox" id="unopposed"
                prop:checked=move || form.read().unopposed
                on:change=move |event| form.update(|f| f.unopposed = event_target_checked(&event))/>
            <label class="checkboxes__label" for="unopposed">"The council told the Tribunal it would not oppose the appeal (the date above is the date it did so)"</label>
        </div>
    }
}

#[component]
fn TransferFields<F, V>(
    form: RwSignal<MyDatesForm>,
    errors: RwSignal<Vec<FormError>>,
    date_field: F,
) -> impl IntoView
where
    F: Fn(DateField, bool) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let kind_error = move || errors.read().contains(&FormError::NoTransferKind);
    let year_error = move || {
        errors
            .read()
            .iter()
            .find(|e| matches!(e, FormError::TransferYear { .. }))
            .map(error_message)
    };
    let kind = Memo::new(move |_| form.read().transfer_kind);
    view! {
        <div class=move || if kind_error() { "form-group form-group--error" } else { "form-group" }>
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"What kind of move is it?"</legend>
                {move || kind_error().then(|| view! {
                    <p class="error-message"><span class="visually-hidden">"Error: "</span>{error_message(&FormError::NoTransferKind)}</p>
                })}
                <div class="radios">
                    {TransferKind::ALL.iter().map(|k| {
                        let k = *k;
                        let id = format!("transfer-{}", k.id());
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" name="transfer-kind" id=id.clone()
                                    prop:checked=move || kind.get() == Some(k)
                                    on:change=move |_| form.update(|f| f.transfer_kind = Some(k))/>
                                <label class="radios__label" for=id>{k.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
        {move || match kind.get() {
            Some(TransferKind::BetweenPost16) => date_field(DateField::TransferDate, false).into_any(),
            Some(_) => view! {
                <div class=move || if year_error().is_some() { "form-group form-group--error" } else { "form-group" }>
                    <label class="label" for="transfer-year">"In which year is the move?"</label>
                    <p class="hint" id="transfer-year-hint">"For example, 2027 for a move in September 2027"</p>
                    {move || year_error().map(|m| view! { <p class="error-message" id="transfer-year-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                    <input id="transfer-year" class=move || if year_error().is_some() { "input input--width-4 input--error" } else { "input input--width-4" }
                        type="text" inputmode="numeric" autocomplete="off" aria-describedby="transfer-year-hint"
                        prop:value=move || form.read().transfer_year.clone()
                        on:input=move |event| form.update(|f| f.transfer_year = event_target_value(&event))/>
                </div>
            }.into_any(),
            None => ().into_any(),
        }}
    }
}

#[component]
fn Results(dates: MyDates, key: &'static str) -> impl IntoView {
    let MyDates {
        events,
        deadlines,
        warnings,
    } = dates;
    let has_dates = !deadlines.is_empty();
    let for_calendar: Vec<_> = deadlines.iter().map(|f| f.deadline.clone()).collect();
    view! {
        <section class="results" aria-labelledby="results-heading" data-testid="results">
            <h2 id="results-heading" tabindex="-1">"Your dates"</h2>
            {warnings.into_iter().map(|warning| view! { <AdviserWarning warning=warning/> }).collect_view()}
            <ol class="deadline-list">
                {deadlines.into_iter().map(|f| view! { <DeadlineCard deadline=f.deadline standing=f.standing/> }).collect_view()}
            </ol>
            <div class="button-group">
                <button type="button" class="button" data-testid="add-to-calendar" on:click=move |_| download_calendar(&for_calendar, key)>
                    "Add to calendar (.ics file)"
                </button>
            </div>
            <p class="hint">"Opens in your phone's or computer's calendar. Downloading it again after a correction updates the same events."</p>
            <SaveToRecords events=events has_dates=has_dates/>
        </section>
    }
}

/// Offers the dates as an `.ics` file, made on the device: nothing is sent anywhere.
fn download_calendar(deadlines: &[crate::domain::deadlines::Deadline], key: &str) {
    let text = ics::calendar(deadlines, key, now_utc());
    offer_download(
        "send-casebook-dates.ics",
        "text/calendar;charset=utf-8",
        &text,
    );
}
