//! Adding and editing a log entry or a note, including "meeting mode".

use crate::components::date_input::{date_error_message, DateInput};
use crate::components::error_summary::{ErrorLink, ErrorSummary};
use crate::components::fields::{Checkbox, SelectField, TextArea, TextField};
use crate::components::page_title::PageTitle;
use crate::domain::casebook::Direction;
use crate::domain::date_input::{DateError, DatePart, DateParts};
use crate::domain::my_dates::{part_suffix, OrderKind, TransferKind, SITUATIONS};
use crate::domain::records::{EntryError, KeyDateChoice, LogEntryDraft, NoteDraft, NoteError};
use crate::pages::case::{
    method_from_id, method_options, method_value, party_from_id, party_options, party_value,
};
use crate::pages::not_found::NotFoundPage;
use crate::pages::records::today;
use crate::state::{new_id, now_millis, CasebookState};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

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
        EntryError::CertificateBeforeDecision => (
            "The certificate's date must be the same as or after the date the decision was sent"
                .into(),
            "entry-date-day".into(),
        ),
    }
}

fn direction_id(direction: Direction) -> &'static str {
    match direction {
        Direction::Sent => "sent",
        Direction::Received => "received",
        Direction::Call => "call",
        Direction::Meeting => "meeting",
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
        return view! { <NotFoundPage/> }.into_any();
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
    let navigate = use_navigate();
    let back = format!("/records/{case_id}");
    let save_case_id = case_id.clone();
    let save_back = back.clone();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let id = if is_new {
            new_id("entry")
        } else {
            entry_id.clone()
        };
        match draft.get_untracked().to_entry(&id, now_millis(), today()) {
            Ok(entry) => {
                let case_id = save_case_id.clone();
                state.change(|book| {
                    if let Some(case) = book.case_mut(&case_id) {
                        case.upsert_entry(entry);
                    }
                });
                navigate(&save_back, Default::default());
            }
            Err(problems) => errors.set(problems),
        }
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
    let direction_options: Vec<(&'static str, &'static str)> = Direction::ALL
        .iter()
        .map(|d| (direction_id(*d), d.label()))
        .collect();
    let key_options: Vec<(&'static str, &'static str)> = KeyDateChoice::ALL
        .iter()
        .map(|k| (k.id(), k.label()))
        .collect();
    let about_options: Vec<(&'static str, &'static str)> = SITUATIONS
        .iter()
        .filter(|s| s.situation.is_appealable_decision())
        .map(|s| (s.id, s.label))
        .collect();
    let order_options: Vec<(&'static str, &'static str)> =
        OrderKind::ALL.iter().map(|o| (o.id(), o.label())).collect();
    let move_options: Vec<(&'static str, &'static str)> = TransferKind::ALL
        .iter()
        .map(|k| (k.id(), k.label()))
        .collect();
    let key = Memo::new(move |_| draft.read().key_date);
    let title = if is_new {
        "Add to the log"
    } else {
        "Edit a log entry"
    };

    view! {
        <PageTitle text=title/>
        <nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><A href="/records">"My records"</A></li><li><A href=back.clone()>"Case"</A></li></ol></nav>
        <h1 tabindex="-1">{title}</h1>
        <ErrorSummary errors=links/>
        <form novalidate on:submit=on_submit data-testid="entry-form">
            <DateInput id="entry-date" label="Date" hint="For a letter, the date on it. For example, 30 6 2025"
                value=Signal::derive(move || draft.read().date.clone()) on_change=date_change(|d| &mut d.date)
                error=date_error(|e| if let EntryError::Date(d) = e { Some(d) } else { None })/>
            <TextField id="entry-time" label="Time (optional)" hint="For example, 14:30" width="input--width-4" value=text(|d| &d.time) on_input=set(|d, v| d.time = v)
                error=Signal::derive(move || errors.read().contains(&EntryError::Time).then(|| entry_error(&EntryError::Time).0))/>
            <SelectField id="entry-direction" label="What was it?" options=direction_options
                value=Signal::derive(move || direction_id(draft.read().direction))
                on_change=Callback::new(move |v: String| draft.update(|d| if let Some(x) = Direction::ALL.into_iter().find(|x| direction_id(*x) == v) { d.direction = x }))/>
            <SelectField id="entry-method" label="How" options=method_options()
                value=Signal::derive(move || method_value(draft.read().method))
                on_change=Callback::new(move |v: String| draft.update(|d| if let Some(m) = method_from_id(&v) { d.method = m }))/>
            <SelectField id="entry-party" label="Who with" options=party_options()
                value=Signal::derive(move || party_value(draft.read().party))
                on_change=Callback::new(move |v: String| draft.update(|d| if let Some(p) = party_from_id(&v) { d.party = p }))/>
            <TextField id="entry-person" label="Person's name (optional)" value=text(|d| &d.person) on_input=set(|d, v| d.person = v)/>
            <TextField id="entry-subject" label="What it was about" value=text(|d| &d.subject) on_input=set(|d, v| d.subject = v)
                error=Signal::derive(move || errors.read().contains(&EntryError::Subject).then(|| entry_error(&EntryError::Subject).0))/>
            <TextArea id="entry-summary" label="Summary (optional)" hint="What was said or decided" value=text(|d| &d.summary) on_input=set(|d, v| d.summary = v)/>
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
                value=Signal::derive(move || key.get().id())
                on_change=Callback::new(move |v: String| draft.update(|d| d.key_date = KeyDateChoice::from_id(&v)))/>
            {move || match key.get() {
                KeyDateChoice::Decision => view! {
                    <SelectField id="entry-decision-about" label="Which decision?" options=about_options.clone()
                        value=Signal::derive(move || SITUATIONS.iter().find(|s| s.situation == draft.read().decision_about).map_or("", |s| s.id))
                        on_change=Callback::new(move |v: String| draft.update(|d| if let Some(s) = SITUATIONS.iter().find(|s| s.id == v) { d.decision_about = s.situation }))/>
                }.into_any(),
                KeyDateChoice::MediationCertificate => view! {
                    <DateInput id="entry-decision-sent" label="When was the decision sent?" hint="The decision the certificate is about"
                        value=Signal::derive(move || draft.read().decision_sent.clone()) on_change=date_change(|d| &mut d.decision_sent)
                        error=date_error(|e| if let EntryError::DecisionSent(d) = e { Some(d) } else { None })/>
                }.into_any(),
                KeyDateChoice::TribunalOrder => view! {
                    <SelectField id="entry-order" label="What did the Tribunal order?" options=order_options.clone()
                        value=Signal::derive(move || draft.read().order.id())
                        on_change=Callback::new(move |v: String| draft.update(|d| if let Some(o) = OrderKind::ALL.into_iter().find(|o| o.id() == v) { d.order = o }))/>
                }.into_any(),
                KeyDateChoice::PhaseTransfer => view! {
                    <SelectField id="entry-move-kind" label="What kind of move?" options=move_options.clone()
                        value=Signal::derive(move || draft.read().move_kind.id())
                        on_change=Callback::new(move |v: String| draft.update(|d| if let Some(k) = TransferKind::ALL.into_iter().find(|k| k.id() == v) { d.move_kind = k }))/>
                }.into_any(),
                _ => ().into_any(),
            }}
            <div class="button-group">
                <button type="submit" class="button" data-testid="save-entry">"Save"</button>
                <A href=back attr:class="button button--secondary">"Cancel"</A>
            </div>
        </form>
    }
    .into_any()
}

#[component]
pub fn NotePage() -> impl IntoView {
    let params = use_params_map();
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
        return view! { <NotFoundPage/> }.into_any();
    };
    let is_new = existing.is_none();
    let meeting = note_id == "meeting";
    let initial = match (&existing, meeting) {
        (Some(note), _) => NoteDraft::from_note(note),
        (None, true) => {
            let now = js_sys::Date::new_0();
            NoteDraft::meeting(
                today(),
                &format!("{:02}:{:02}", now.get_hours(), now.get_minutes()),
            )
        }
        (None, false) => NoteDraft {
            date: DateParts::from_date(today()),
            ..NoteDraft::default()
        },
    };
    let draft = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<NoteError>::new());
    let navigate = use_navigate();
    let back = format!("/records/{case_id}");
    let save_back = back.clone();
    // A meeting note is saved as soon as it opens, and on every change, so nothing is lost if
    // the phone locks or the battery dies.
    let saved_id = RwSignal::new(if is_new { None } else { Some(note_id.clone()) });
    let save_case = StoredValue::new(case_id.clone());
    let save = move || -> Result<(), Vec<NoteError>> {
        let id = saved_id.get_untracked().unwrap_or_else(|| new_id("note"));
        let note = draft.get_untracked().to_note(&id, now_millis(), today())?;
        let case_id = save_case.get_value();
        state.change(|book| {
            if let Some(case) = book.case_mut(&case_id) {
                case.upsert_note(note);
            }
        });
        saved_id.set(Some(id));
        Ok(())
    };
    if meeting {
        let _ = save();
        Effect::new(move |first: Option<()>| {
            draft.track();
            if first.is_some() {
                let _ = save();
            }
        });
    }
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match save() {
            Ok(()) => navigate(&save_back, Default::default()),
            Err(problems) => errors.set(problems),
        }
    };
    let links = Signal::derive(move || {
        errors
            .get()
            .iter()
            .map(|e| match e {
                NoteError::Date(d) => ErrorLink {
                    message: date_message("the date", d),
                    target_id: format!("note-date-{}", part_suffix(d.parts()[0])),
                },
                NoteError::Title => ErrorLink {
                    message: "Enter a title".into(),
                    target_id: "note-title".into(),
                },
            })
            .collect::<Vec<_>>()
    });
    let title = if meeting {
        "Meeting notes"
    } else if is_new {
        "New note"
    } else {
        "Note"
    };
    view! {
        <PageTitle text=title/>
        <nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><A href="/records">"My records"</A></li><li><A href=back.clone()>"Case"</A></li></ol></nav>
        <h1 tabindex="-1">{title}</h1>
        {meeting.then(|| view! { <p class="lead" data-testid="meeting-intro">"Saved on this device as you type, even with no signal."</p> })}
        <ErrorSummary errors=links/>
        <form novalidate on:submit=on_submit data-testid="note-form" class=if meeting { "meeting-form" } else { "" }>
            <DateInput id="note-date" label="Date" hint="For example, 1 7 2025"
                value=Signal::derive(move || draft.read().date.clone())
                on_change=Callback::new(move |(part, value): (DatePart, String)| draft.update(|d| d.date.set(part, value)))
                error=Signal::derive(move || errors.with(|all| all.iter().find_map(|e| if let NoteError::Date(d) = e { Some((date_message("the date", d), d.parts())) } else { None })))/>
            <TextField id="note-title" label="Title" value=Signal::derive(move || draft.read().title.clone()) on_input=Callback::new(move |v| draft.update(|d| d.title = v))
                error=Signal::derive(move || errors.read().contains(&NoteError::Title).then(|| "Enter a title".to_string()))/>
            <TextArea id="note-body" label="Notes" hint="Who was there, what was agreed, actions and by when" rows=if meeting { 16 } else { 10 }
                value=Signal::derive(move || draft.read().body.clone()) on_input=Callback::new(move |v| draft.update(|d| d.body = v))/>
            <div class="button-group">
                <button type="submit" class="button" data-testid="save-note">{if meeting { "Done" } else { "Save" }}</button>
                <A href=back attr:class="button button--secondary">{if meeting { "Back to the case" } else { "Cancel" }}</A>
            </div>
        </form>
    }
    .into_any()
}
