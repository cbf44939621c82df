//! Adding and editing a log entry or a note, including "meeting mode".

use crate::clock::{new_id, now_millis, time_now, today};
use crate::components::date_input::{date_error_message, DateInput};
use crate::components::error_summary::{ErrorLink, ErrorSummary};
use crate::components::fields::{Checkbox, SelectField, TextArea, TextField};
use crate::components::focus::focus_when_drawn;
use crate::components::not_found::NotFound;
use crate::components::page_title::PageTitle;
use crate::components::storage_problem::StorageProblemBanner;
use crate::domain::casebook::{Case, Casebook};
use crate::domain::casebook::{Direction, Method, Party};
use crate::domain::date_input::{parse_date, DateError, DatePart, DateParts};
use crate::domain::drafts::{
    party_of, promise_entry, promise_follow_up, promise_logged, promises_in, EntryError,
    LogEntryDraft, NoteDraft, NoteError, PromiseLine, MEETING_PROMPTS, PROMISE_HINT,
};
use crate::domain::events::{EventKind, MediationScope, OrderKind, TransferKind};
use crate::domain::limits::{too_long_message, TextField};
use crate::domain::my_dates::part_suffix;
use crate::domain::words::long_date;
use crate::router::{navigate, use_params_map, use_query_map};
use crate::state::{CasebookState, SaveResult};
use chrono::NaiveDate;
use leptos::prelude::*;

fn date_message(name: &str, error: &DateError) -> String {
    date_error_message(name, error)
}

fn entry_error(error: &EntryError) -> (String, String) {
    match error {
        EntryError::Date(e) => (
            date_message("the date", e),
            format!("entry-date-{}", part_suffix(e.parts()[0])),
        ),
        EntryError::Time => (
            "Enter the time like 09:30, or leave it empty".into(),
            "entry-time".into(),
        ),
        EntryError::Subject => ("Enter what it was about".into(), "entry-subject".into()),
        EntryError::FollowUp(e) => (
            date_message("the follow-up date", e),
            format!("entry-follow-up-{}", part_suffix(e.parts()[0])),
        ),
        EntryError::DecisionSent(e) => (
            date_message("the date the decision was sent", e),
            format!("entry-decision-sent-{}", part_suffix(e.parts()[0])),
        ),
        EntryError::TooLong(field, length) => {
            (too_long_message(*field, *length), field_id(*field).into())
        }
        EntryError::NoOrder => (
            "Select what the Tribunal ordered".into(),
            "entry-order".into(),
        ),
        EntryError::NoMoveKind => ("Select the kind of move".into(), "entry-move-kind".into()),
        EntryError::NoScope => (
            "Select what the mediation is about".into(),
            "entry-scope".into(),
        ),
        EntryError::IcbTold(e) => (
            date_message("the date the council told the health body", e),
            format!("entry-icb-told-{}", part_suffix(e.parts()[0])),
        ),
        EntryError::RequestReceived(e) => (
            date_message("the date the request was received", e),
            format!("entry-request-received-{}", part_suffix(e.parts()[0])),
        ),
        EntryError::CertificateBeforeDecision => (
            "The certificate's date must be the same as or after the date the decision was sent"
                .into(),
            "entry-date-day".into(),
        ),
    }
}

/// The form field that holds a text field of the records.
fn field_id(field: TextField) -> &'static str {
    match field {
        TextField::Person => "entry-person",
        TextField::Subject => "entry-subject",
        TextField::Summary => "entry-summary",
        TextField::Promised => "entry-promised",
        TextField::PromisedBy => "entry-promised-by",
        TextField::KeptWhere => "entry-kept-where",
        TextField::NoteTitle => "note-title",
        TextField::NoteBody => "note-body",
        TextField::CaseName => "case-name",
        TextField::School => "case-school",
        TextField::Contacts => "edit-case-contacts",
    }
}

#[component]
pub fn LogEntryPage() -> impl IntoView {
    let params = use_params_map();
    let state = expect_context::<CasebookState>();
    let case_id = params.read_untracked().get("case").unwrap_or_default();
    let entry_id = params.read_untracked().get("entry").unwrap_or_default();
    let existing = state.book.with_untracked(|b| {
        let case = b.case(&case_id)?;
        if entry_id == "new" {
            return Some(None);
        }
        case.live_entries()
            .find(|e| e.id == entry_id)
            .map(|e| Some(e.clone()))
    });
    let Some(existing) = existing else {
        return view! { <NotFound/> }.into_any();
    };
    let is_new = existing.is_none();
    let draft = RwSignal::new(
        existing
            .as_ref()
            .map(LogEntryDraft::from_entry)
            .unwrap_or_else(|| LogEntryDraft {
                date: DateParts::from_date(today()),
                ..LogEntryDraft::default()
            }),
    );
    let errors = RwSignal::new(Vec::<EntryError>::new());
    let back = format!("/records/{case_id}");
    let home = state.book.with_untracked(|b| CaseHome::new(&case_id, b));
    let case_name = home.name();
    let id = if is_new {
        new_id("entry")
    } else {
        entry_id.clone()
    };
    let submit = move || match draft.get_untracked().to_entry(&id, now_millis(), today()) {
        Ok(entry) => {
            errors.set(Vec::new());
            if home.save(state, move |case| case.upsert_entry(entry)) == HomeSave::Saved {
                navigate(&format!("/records/{}", home.id.get_untracked()), false);
            }
        }
        Err(problems) => errors.set(problems),
    };
    let retry = Callback::new({
        let submit = submit.clone();
        move |_: ()| submit()
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submit();
    };
    let links = Signal::derive(move || {
        errors
            .get()
            .iter()
            .map(|e| {
                let (message, target_id) = entry_error(e);
                ErrorLink { message, target_id }
            })
            .collect::<Vec<_>>()
    });
    let text = move |get: fn(&LogEntryDraft) -> &String| {
        Signal::derive(move || draft.with(|d| get(d).clone()))
    };
    let set = move |put: fn(&mut LogEntryDraft, String)| {
        Callback::new(move |v: String| draft.update(|d| put(d, v)))
    };
    let too_long = move |field: TextField| {
        Signal::derive(move || {
            errors.with(|all| {
                all.iter().find_map(|e| match e {
                    EntryError::TooLong(f, n) if *f == field => Some(too_long_message(*f, *n)),
                    _ => None,
                })
            })
        })
    };
    let date_error = move |pick: fn(&EntryError) -> Option<&DateError>| {
        Signal::derive(move || {
            errors.with(|all| {
                all.iter()
                    .find_map(|e| pick(e).map(|d| (entry_error(e).0, d.parts())))
            })
        })
    };
    let date_change = move |put: fn(&mut LogEntryDraft) -> &mut DateParts| {
        Callback::new(move |(part, value): (DatePart, String)| {
            draft.update(|d| {
                put(d).set(part, value);
            })
        })
    };
    let direction_options: Vec<(&'static str, &'static str)> =
        Direction::ALL.iter().map(|d| (d.id(), d.label())).collect();
    let method_options: Vec<(&'static str, &'static str)> =
        Method::ALL.iter().map(|m| (m.id(), m.label())).collect();
    let party_options: Vec<(&'static str, &'static str)> =
        Party::ALL.iter().map(|p| (p.id(), p.label())).collect();
    let key_options: Vec<(&'static str, &'static str)> =
        std::iter::once(("none", "No, an ordinary entry"))
            .chain(EventKind::ALL.iter().map(|k| (k.id(), k.label())))
            .collect();
    /// A choice with no default: the first option asks for one.
    fn with_prompt(
        prompt: &'static str,
        options: impl Iterator<Item = (&'static str, &'static str)>,
    ) -> Vec<(&'static str, &'static str)> {
        std::iter::once(("", prompt)).chain(options).collect()
    }
    let order_options = with_prompt(
        "Choose what was ordered",
        OrderKind::ALL.iter().map(|o| (o.id(), o.label())),
    );
    let move_options = with_prompt(
        "Choose the kind of move",
        TransferKind::ALL.iter().map(|k| (k.id(), k.label())),
    );
    let scope_options = with_prompt(
        "Choose what it is about",
        MediationScope::ALL.iter().map(|k| (k.id(), k.label())),
    );
    let choice_error = move |wanted: EntryError| {
        Signal::derive(move || {
            errors
                .read()
                .contains(&wanted)
                .then(|| entry_error(&wanted).0)
        })
    };
    let key = Memo::new(move |_| draft.read().key_date);
    let title = if is_new {
        "Add to the log"
    } else {
        "Edit a log entry"
    };

    view! {
        <PageTitle text=title/>
        <nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/records">"My records"</a></li><li><a href=back.clone()>{case_name}</a></li></ol></nav>
        <h1 tabindex="-1">{title}</h1>
        <StorageProblemBanner/>
        <CaseGoneOffer home=home retry=retry/>
        <ErrorSummary errors=links/>
        <form novalidate on:submit=on_submit data-testid="entry-form">
            <DateInput id="entry-date" label="Date" hint="For a letter, the date on it. For example, 30 6 2025"
                value=Signal::derive(move || draft.read().date.clone()) on_change=date_change(|d| &mut d.date)
                error=date_error(|e| if let EntryError::Date(d) = e { Some(d) } else { None })/>
            <TextField id="entry-time" label="Time (optional)" hint="For example, 14:30" width="input--width-4" value=text(|d| &d.time) on_input=set(|d, v| d.time = v)
                error=Signal::derive(move || errors.read().contains(&EntryError::Time).then(|| entry_error(&EntryError::Time).0))/>
            <SelectField id="entry-direction" label="What was it?" options=direction_options
                value=Signal::derive(move || draft.read().direction.id())
                on_change=Callback::new(move |v: String| draft.update(|d| if let Some(x) = Direction::from_id(&v) { d.set_direction(x) }))/>
            <SelectField id="entry-method" label="How" options=method_options.clone()
                value=Signal::derive(move || draft.read().method.id())
                on_change=Callback::new(move |v: String| draft.update(|d| if let Some(m) = Method::from_id(&v) { d.method = m }))/>
            <SelectField id="entry-party" label="Who with" options=party_options.clone()
                value=Signal::derive(move || draft.read().party.id())
                on_change=Callback::new(move |v: String| draft.update(|d| if let Some(p) = Party::from_id(&v) { d.party = p }))/>
            <TextField id="entry-person" label="Person's name (optional)" value=text(|d| &d.person) on_input=set(|d, v| d.person = v)/>
            <TextField id="entry-subject" label="What it was about" value=text(|d| &d.subject) on_input=set(|d, v| d.subject = v)
                error=Signal::derive(move || errors.read().contains(&EntryError::Subject).then(|| entry_error(&EntryError::Subject).0))/>
            <TextArea id="entry-summary" label="Summary (optional)" hint="What was said or decided. A whole letter can be pasted here." value=text(|d| &d.summary) on_input=set(|d, v| d.summary = v)
                limit=TextField::Summary.limit() error=too_long(TextField::Summary)/>
            <TextField id="entry-promised" label="What was promised (optional)" value=text(|d| &d.promised) on_input=set(|d, v| d.promised = v)/>
            <TextField id="entry-promised-by" label="Promised by (optional)" value=text(|d| &d.promised_by) on_input=set(|d, v| d.promised_by = v)/>
            {move || (!draft.read().promised.trim().is_empty()).then(|| view! {
                <div class="form-group">
                    <Checkbox id="entry-promise-kept" label="This promise has been kept"
                        checked=Signal::derive(move || draft.read().promise_kept)
                        on_change=Callback::new(move |on: bool| draft.update(|d| d.promise_kept = on))/>
                </div>
            })}
            <DateInput id="entry-follow-up" label="Follow up by" hint="When to chase it up, or when the promise is due. For example, 14 7 2025" optional=true
                value=Signal::derive(move || draft.read().follow_up.clone()) on_change=date_change(|d| &mut d.follow_up)
                error=date_error(|e| if let EntryError::FollowUp(d) = e { Some(d) } else { None })/>
            <TextField id="entry-kept-where" label="Where the document is kept (optional)" hint="For example: blue folder, or email inbox" value=text(|d| &d.kept_where) on_input=set(|d, v| d.kept_where = v)/>
            <SelectField id="entry-key-date" label="Does this start a legal clock?" options=key_options
                value=Signal::derive(move || key.get().map_or("none", EventKind::id))
                on_change=Callback::new(move |v: String| draft.update(|d| d.key_date = EventKind::from_id(&v)))/>
            {move || key.get().map(|kind| view! { <p class="hint" data-testid="key-date-hint">"The date above: " {kind.date_hint()} "."</p> })}
            {move || key.get().map(|kind| match kind {
                EventKind::FinalPlanIssued => view! {
                    <div class="form-group">
                        <Checkbox id="entry-school-only" label="An appeal would only be about the school or college named, the type named, or that none is named"
                            checked=Signal::derive(move || draft.read().school_only)
                            on_change=Callback::new(move |on: bool| draft.update(|d| d.school_only = on))/>
                    </div>
                }.into_any(),
                EventKind::MediationCertificate | EventKind::AdviserContacted => view! {
                    <DateInput id="entry-decision-sent" label="When was the decision sent?"
                        hint=if kind == EventKind::MediationCertificate { "The decision the certificate is about" } else { "The decision you may appeal (optional): its appeal date then shows" }
                        optional={kind == EventKind::AdviserContacted}
                        value=Signal::derive(move || draft.read().decision_sent.clone()) on_change=date_change(|d| &mut d.decision_sent)
                        error=date_error(|e| if let EntryError::DecisionSent(d) = e { Some(d) } else { None })/>
                }.into_any(),
                EventKind::AskedForMediation => view! {
                    <SelectField id="entry-scope" label="What is the mediation about?" options=scope_options.clone()
                        value=Signal::derive(move || draft.read().scope.map_or("", MediationScope::id))
                        on_change=Callback::new(move |v: String| draft.update(|d| d.scope = MediationScope::from_id(&v)))
                        error=choice_error(EntryError::NoScope)/>
                    {move || (draft.read().scope == Some(MediationScope::HealthOnly)).then(|| view! {
                        <DateInput id="entry-icb-told" label="When did the council tell the health body (ICB)?" hint="Leave empty if you do not know" optional=true
                            value=Signal::derive(move || draft.read().icb_told.clone()) on_change=date_change(|d| &mut d.icb_told)
                            error=date_error(|e| if let EntryError::IcbTold(d) = e { Some(d) } else { None })/>
                    })}
                }.into_any(),
                EventKind::AssessmentAgreed => view! {
                    <DateInput id="entry-request-received" label="When did the council receive the request?" hint="Optional: the 16 and 20-week dates then show" optional=true
                        value=Signal::derive(move || draft.read().request_received.clone()) on_change=date_change(|d| &mut d.request_received)
                        error=date_error(|e| if let EntryError::RequestReceived(d) = e { Some(d) } else { None })/>
                }.into_any(),
                EventKind::TribunalOrder => view! {
                    <SelectField id="entry-order" label="What did the Tribunal order?" options=order_options.clone()
                        value=Signal::derive(move || draft.read().order.map_or("", OrderKind::id))
                        on_change=Callback::new(move |v: String| draft.update(|d| d.order = OrderKind::from_id(&v)))
                        error=choice_error(EntryError::NoOrder)/>
                    <div class="form-group">
                        <Checkbox id="entry-unopposed" label="The council told the Tribunal it would not oppose the appeal (the date above is when)"
                            checked=Signal::derive(move || draft.read().unopposed)
                            on_change=Callback::new(move |on: bool| draft.update(|d| d.unopposed = on))/>
                    </div>
                }.into_any(),
                EventKind::PhaseTransfer => view! {
                    <SelectField id="entry-move-kind" label="What kind of move?" options=move_options.clone()
                        value=Signal::derive(move || draft.read().move_kind.map_or("", TransferKind::id))
                        on_change=Callback::new(move |v: String| draft.update(|d| d.move_kind = TransferKind::from_id(&v)))
                        error=choice_error(EntryError::NoMoveKind)/>
                }.into_any(),
                _ => ().into_any(),
            })}
            <div class="button-group">
                <button type="submit" class="button" data-testid="save-entry">"Save"</button>
                <a href=back class="button button--secondary">"Cancel"</a>
            </div>
        </form>
    }
    .into_any()
}

/// How long after the last keystroke meeting mode saves.
const MEETING_SAVE_PAUSE_MS: u64 = 300;

/// What came of saving into a form's case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HomeSave {
    Saved,
    /// Not stored: the storage problem is on the page.
    NotSaved,
    /// The case was deleted in another tab or window: nothing saved; a new case is offered.
    CaseGone,
}

/// Where a form saves: the case it was opened from or, if that case was deleted in another tab
/// while the parent was typing and they chose so, a new case for what they typed.
#[derive(Clone, Copy)]
struct CaseHome {
    id: RwSignal<String>,
    /// The case as it was when the form opened, without its records.
    header: StoredValue<Option<Case>>,
    gone: RwSignal<bool>,
}

impl CaseHome {
    fn new(case_id: &str, book: &Casebook) -> Self {
        let header = book.case(case_id).map(Case::header);
        CaseHome {
            id: RwSignal::new(case_id.to_string()),
            header: StoredValue::new(header),
            gone: RwSignal::new(false),
        }
    }

    fn name(&self) -> String {
        self.header
            .with_value(|h| h.as_ref().map(|c| c.name.clone()))
            .unwrap_or_default()
    }

    /// Saves `put` into the case. If the case has gone (deleted elsewhere, seen now or in the
    /// merge the save made), says so instead: what the parent typed stays in the form.
    fn save(&self, state: CasebookState, put: impl FnOnce(&mut Case)) -> HomeSave {
        let id = self.id.get_untracked();
        let mut put = Some(put);
        let result: SaveResult = state.change(|book| {
            if let (Some(case), Some(put)) = (book.case_mut(&id), put.take()) {
                put(case);
            }
        });
        // The change reached the case only if the case was there when it was made, and is
        // still there after the save (which may have merged another tab's deletion).
        let reached = put.is_none() && state.book.with_untracked(|b| b.case(&id).is_some());
        match (result, reached) {
            (Ok(()), true) => HomeSave::Saved,
            (Err(_), _) if state.book.with_untracked(|b| b.case(&id).is_some()) => {
                HomeSave::NotSaved
            }
            _ => {
                self.gone.set(true);
                HomeSave::CaseGone
            }
        }
    }

    /// Makes a new case like the one that was deleted, for the form to save into.
    fn make_new_case(&self, state: CasebookState) -> SaveResult {
        let Some(mut case) = self.header.get_value() else {
            return Ok(());
        };
        case.id = new_id("case");
        case.updated = now_millis();
        case.deleted = false;
        let id = case.id.clone();
        state.change(|book| book.upsert_case(case))?;
        self.id.set(id);
        self.gone.set(false);
        Ok(())
    }
}

/// Shown when the form's case was deleted elsewhere: nothing typed is dropped.
#[component]
fn CaseGoneOffer(home: CaseHome, retry: Callback<()>) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    move || {
        home.gone.get().then(|| {
            let name = home.name();
            view! {
                <div class="callout callout--warning" role="alert" data-testid="case-gone">
                    <p>{format!(
                        "The case \u{201c}{name}\u{201d} was deleted in another tab or window, so what you typed here has not been saved. It is still here."
                    )}</p>
                    <button type="button" class="button" data-testid="save-in-new-case" on:click=move |_| {
                        if home.make_new_case(state).is_ok() {
                            retry.run(());
                        }
                    }>{format!("Save it in a new case called \u{201c}{}\u{201d}", home.name())}</button>
                </div>
            }
        })
    }
}

/// In meeting mode: each promise in the notes, and one tap to make it a follow-up in the log
/// (what was promised, by whom, a follow-up date). A promise already made one says so.
#[component]
fn MeetingPromises(
    home: CaseHome,
    notes: Signal<String>,
    meeting: Signal<NaiveDate>,
) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let promises = Memo::new(move |_| notes.with(|n| promises_in(n)));
    let logged = move |promise: &PromiseLine| {
        let id = home.id.get();
        state.book.with(|b| {
            b.case(&id).and_then(|c| {
                promise_logged(c, promise, meeting.get()).map(|e| (e.id.clone(), e.follow_up))
            })
        })
    };
    view! {
        <section class="panel meeting-promises" aria-labelledby="promises-heading" data-testid="meeting-promises">
            <h2 id="promises-heading">"Promises"</h2>
            <p class="hint">{PROMISE_HINT}</p>
            <Show when=move || !promises.read().is_empty()>
                <ul class="promise-list">
                    <For each=move || promises.get().into_iter().enumerate() key=|(i, p)| (*i, p.by.clone(), p.what.clone()) let:item>
                        {
                            let (index, promise) = item;
                            let shown = if promise.by.is_empty() { promise.what.clone() } else { format!("{}: {}", promise.by, promise.what) };
                            let promise = StoredValue::new(promise);
                            let make = move |_| {
                                let promise = promise.get_value();
                                let id = home.id.get_untracked();
                                let party = state.book.with_untracked(|b| b.case(&id).map_or(Party::Other, |c| party_of(c, &promise.by)));
                                let entry = promise_entry(&promise, meeting.get_untracked(), today(), party, &new_id("entry"), now_millis());
                                if home.save(state, move |case| case.upsert_entry(entry)) == HomeSave::Saved {
                                    focus_when_drawn(format!("promise-{index}"));
                                }
                            };
                            let due = move || long_date(promise_follow_up(&promise.get_value(), meeting.get(), today()));
                            view! {
                                <li class="promise-list__item" data-testid="promise">
                                    <span>{shown}</span>
                                    {move || match promise.with_value(|p| logged(p)) {
                                        Some((entry_id, follow_up)) => view! {
                                            <span class="promise-list__done" data-testid="promise-logged" tabindex="-1" id=format!("promise-{index}")>
                                                {follow_up.map(|d| format!("Follow-up on {}. ", long_date(d)))}
                                                <a href=format!("/records/{}/log/{entry_id}", home.id.get_untracked())>"See it in the log"</a>
                                            </span>
                                        }.into_any(),
                                        None => view! {
                                            <button type="button" class="button button--secondary" data-testid="make-follow-up" on:click=make>"Make it a follow-up on " {due}</button>
                                        }.into_any(),
                                    }}
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// Changes the address without a new page, so that a reload opens the note being typed. Not
/// through the router on purpose: the note's id is part of the address, and the router would
/// draw the page again in the middle of a meeting.
fn replace_address(path: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

fn note_error_link(error: &NoteError) -> ErrorLink {
    match error {
        NoteError::Date(d) => ErrorLink {
            message: date_message("the date", d),
            target_id: format!("note-date-{}", part_suffix(d.parts()[0])),
        },
        NoteError::Title => ErrorLink {
            message: "Enter a title".into(),
            target_id: "note-title".into(),
        },
        NoteError::TooLong(field, length) => ErrorLink {
            message: too_long_message(*field, *length),
            target_id: field_id(*field).into(),
        },
    }
}

#[component]
pub fn NotePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let state = expect_context::<CasebookState>();
    let case_id = params.read_untracked().get("case").unwrap_or_default();
    let note_id = params.read_untracked().get("note").unwrap_or_default();
    let existing = state.book.with_untracked(|b| {
        let case = b.case(&case_id)?;
        if note_id == "new" || note_id == "meeting" {
            return Some(None);
        }
        case.live_notes()
            .find(|n| n.id == note_id)
            .map(|n| Some(n.clone()))
    });
    let Some(existing) = existing else {
        return view! { <NotFound/> }.into_any();
    };
    let home = state.book.with_untracked(|b| CaseHome::new(&case_id, b));
    let case_name = home.name();
    // Meeting mode: a new meeting note, or one reopened after a reload (`?meeting=1`).
    let meeting = note_id == "meeting" || query.read_untracked().get("meeting").is_some();
    let is_new = existing.is_none();
    let initial = match (&existing, meeting) {
        (Some(note), _) => NoteDraft::from_note(note),
        (None, true) => NoteDraft::meeting(today()),
        (None, false) => NoteDraft {
            date: DateParts::from_date(today()),
            ..NoteDraft::default()
        },
    };
    let last_date = StoredValue::new(existing.as_ref().map_or_else(today, |n| n.date));
    let draft = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<NoteError>::new());
    let status = RwSignal::new(None::<String>);
    let back = format!("/records/{case_id}");
    let saved_id = RwSignal::new(existing.map(|n| n.id));
    let opened_at = StoredValue::new(time_now());

    // Meeting mode saves as the parent types; nothing is saved until they type something.
    // `on_page`: the parent is still on this page, so its address can become the note's.
    let save_meeting = move |on_page: bool| -> HomeSave {
        let typed = draft.get_untracked();
        if !typed.has_text() {
            // Nothing typed (or everything typed taken out again): no note is kept.
            if let Some(id) = saved_id.get_untracked() {
                let outcome = home.save(state, |case| {
                    case.delete_note(&id, now_millis());
                });
                if outcome == HomeSave::Saved {
                    saved_id.set(None);
                    status.set(None);
                    // Only while the parent is here: when the page is being left, the address
                    // is already the next page's.
                    if on_page {
                        replace_address(&format!(
                            "/records/{}/notes/meeting",
                            home.id.get_untracked()
                        ));
                    }
                }
                return outcome;
            }
            return HomeSave::Saved;
        }
        let id = saved_id.get_untracked().unwrap_or_else(|| new_id("note"));
        let made = typed.to_meeting_note(
            &id,
            now_millis(),
            today(),
            last_date.get_value(),
            &opened_at.get_value(),
        );
        let (note, date_problem) = match made {
            Ok(made) => made,
            Err(problems) => {
                errors.set(problems);
                status.set(Some(
                    "Not saved: see the problem above. What you typed is still here.".into(),
                ));
                return HomeSave::NotSaved;
            }
        };
        errors.set(Vec::new());
        let date = note.date;
        let outcome = home.save(state, move |case| case.upsert_note(note));
        status.set(Some(match outcome {
            HomeSave::Saved => {
                last_date.set_value(date);
                saved_id.set(Some(id.clone()));
                // So that a reload (phones reload tabs left in the background) reopens this
                // note, in its case, in meeting mode.
                if on_page {
                    replace_address(&format!(
                        "/records/{}/notes/{id}?meeting=1",
                        home.id.get_untracked()
                    ));
                }
                match date_problem {
                    None => format!("Saved on this device at {}.", time_now()),
                    Some(problem) => format!(
                        "Saved on this device at {}, dated {} for now: {}.",
                        time_now(),
                        long_date(date),
                        date_message("the date", &problem)
                    ),
                }
            }
            HomeSave::NotSaved => {
                "Not saved: see the message above. What you typed is still here.".into()
            }
            HomeSave::CaseGone => {
                "Not saved: this case was deleted in another tab or window.".into()
            }
        }));
        outcome
    };
    if meeting {
        // Saved a moment after the parent stops typing (not on every keystroke, which would
        // have every other open tab reading the records as fast as they type), and at once when
        // the page is hidden or left: a phone may stop or reload a tab in the background.
        let typed_since_save = StoredValue::new(0u64);
        Effect::new(move |first: Option<()>| {
            draft.track();
            if first.is_none() {
                return;
            }
            let mark = typed_since_save.get_value() + 1;
            typed_since_save.set_value(mark);
            set_timeout(
                move || {
                    if typed_since_save.try_get_value() == Some(mark) {
                        typed_since_save.set_value(0);
                        save_meeting(true);
                    }
                },
                std::time::Duration::from_millis(MEETING_SAVE_PAUSE_MS),
            );
        });
        let flush = move |on_page: bool| {
            if typed_since_save.try_get_value().is_some_and(|m| m > 0) {
                typed_since_save.set_value(0);
                save_meeting(on_page);
            }
        };
        let hidden = window_event_listener_untyped("visibilitychange", move |_| {
            if document().hidden() {
                flush(true);
            }
        });
        let leaving = window_event_listener_untyped("pagehide", move |_| flush(true));
        // Leaving for another page of the app: save what was typed, and leave the address be.
        on_cleanup(move || {
            flush(false);
            hidden.remove();
            leaving.remove();
        });
    }
    let submit = move || {
        let to = move || format!("/records/{}", home.id.get_untracked());
        if meeting {
            if save_meeting(true) == HomeSave::Saved {
                navigate(&to(), false);
            }
            return;
        }
        let id = saved_id.get_untracked().unwrap_or_else(|| new_id("note"));
        match draft.get_untracked().to_note(&id, now_millis(), today()) {
            Ok(note) => {
                errors.set(Vec::new());
                if home.save(state, move |case| case.upsert_note(note)) == HomeSave::Saved {
                    saved_id.set(Some(id));
                    navigate(&to(), false);
                }
            }
            Err(problems) => errors.set(problems),
        }
    };
    // In a meeting the parent carries on typing after saving into a new case; a note form
    // saves and goes back, as its Save button does.
    let retry = Callback::new({
        move |_: ()| {
            if meeting {
                save_meeting(true);
            } else {
                submit();
            }
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submit();
    };
    let links =
        Signal::derive(move || errors.get().iter().map(note_error_link).collect::<Vec<_>>());
    let too_long = move |field: TextField| {
        Signal::derive(move || {
            errors.with(|all| {
                all.iter().find_map(|e| match e {
                    NoteError::TooLong(f, n) if *f == field => Some(too_long_message(*f, *n)),
                    _ => None,
                })
            })
        })
    };
    let title = if meeting {
        "Meeting notes"
    } else if is_new {
        "New note"
    } else {
        "Note"
    };
    let title_hint = if meeting {
        "If you leave it empty, the note is called after the date and time"
    } else {
        ""
    };
    view! {
        <PageTitle text=title/>
        <nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/records">"My records"</a></li><li><a href=back.clone()>{case_name}</a></li></ol></nav>
        <h1 tabindex="-1">{title}</h1>
        {meeting.then(|| view! {
            <p class="lead" data-testid="meeting-intro">{if is_new {
                "Kept on this device as you type, even with no signal. Nothing is saved until you type."
            } else {
                "Your notes so far, kept on this device. Carry on typing: they are saved as you type."
            }}</p>
        })}
        <StorageProblemBanner focus=!meeting/>
        <CaseGoneOffer home=home retry=retry/>
        <ErrorSummary errors=links/>
        <form novalidate on:submit=on_submit data-testid="note-form" class=if meeting { "meeting-form" } else { "" }>
            <DateInput id="note-date" label="Date" hint="For example, 1 7 2025"
                value=Signal::derive(move || draft.read().date.clone())
                on_change=Callback::new(move |(part, value): (DatePart, String)| draft.update(|d| d.date.set(part, value)))
                error=Signal::derive(move || errors.with(|all| all.iter().find_map(|e| if let NoteError::Date(d) = e { Some((date_message("the date", d), d.parts())) } else { None })))/>
            <TextField id="note-title" label=if meeting { "Title (optional)" } else { "Title" } hint=title_hint
                value=Signal::derive(move || draft.read().title.clone()) on_input=Callback::new(move |v| draft.update(|d| d.title = v))
                error=Signal::derive(move || errors.with(|all| all.iter().find_map(|e| match e {
                    NoteError::Title => Some("Enter a title".to_string()),
                    NoteError::TooLong(TextField::NoteTitle, n) => Some(too_long_message(TextField::NoteTitle, *n)),
                    _ => None,
                })))/>
            {meeting.then(|| view! {
                <details class="details meeting-prompts" data-testid="meeting-prompts">
                    <summary class="details__summary">"Things worth noting"</summary>
                    <div class="details__text">
                        <p class="hint">"A reminder only: what you type is saved, not this list."</p>
                        <ul class="bullets hint">{MEETING_PROMPTS.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
                    </div>
                </details>
            })}
            <TextArea id="note-body" label="Notes" hint="Who was there, what was agreed, actions and by when" rows=if meeting { 16 } else { 10 }
                value=Signal::derive(move || draft.read().body.clone()) on_input=Callback::new(move |v| draft.update(|d| d.body = v))
                limit=TextField::NoteBody.limit() error=too_long(TextField::NoteBody)/>
            {meeting.then(|| view! {
                <p class="hint meeting-status" role="status" data-testid="meeting-status">{move || status.get()}</p>
                <MeetingPromises home=home notes=Signal::derive(move || draft.read().body.clone())
                    meeting=Signal::derive(move || parse_date(&draft.read().date, today()).unwrap_or_else(|_| last_date.get_value()))/>
            })}
            <div class="button-group">
                <button type="submit" class="button" data-testid="save-note">{if meeting { "Done" } else { "Save" }}</button>
                <a href=back class="button button--secondary">{if meeting { "Back to the case" } else { "Cancel" }}</a>
            </div>
        </form>
    }
    .into_any()
}
