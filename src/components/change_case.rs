//! "Change or delete this case", at the foot of a case's page, and the "Undo" offered on
//! My records straight after a case is deleted. They show and ask; their page saves (the
//! callbacks answer whether the change was stored).

use crate::components::case_fields::{CaseFields, CaseFieldsState};
use crate::components::error_summary::ErrorSummary;
use crate::domain::casebook::CaseDetails;
use crate::router::navigate;
use crate::state::CasebookState;
use leptos::prelude::*;

const IDS: [&str; 3] = ["edit-case-name", "edit-case-school", "edit-case-status"];

#[component]
pub fn ChangeCasePanel(
    case_id: String,
    /// Stores what was changed: the details the form opened with, and as typed; true once
    /// stored.
    on_save: Callback<(CaseDetails, CaseDetails), bool>,
    /// Deletes the case; true once stored.
    on_delete: Callback<(), bool>,
) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let id = StoredValue::new(case_id);
    let details = state
        .book
        .with_untracked(|b| b.case(&id.get_value()).map(CaseDetails::of));
    // What the form opened with: only fields changed from it are saved, so a field left alone
    // here cannot put back what another tab changed since.
    let base = StoredValue::new(details.clone().map(CaseDetails::trimmed));
    let fields = CaseFieldsState::new(details);
    // When the case changes elsewhere (another tab), the fields not touched here follow it.
    Effect::new(move |_| {
        let now = state.book.with(|b| {
            b.case(&id.get_value())
                .map(|c| CaseDetails::of(c).trimmed())
        });
        if let (Some(now), Some(opened)) = (now, base.get_value()) {
            if now != opened {
                fields.follow(&opened, &now);
                base.set_value(Some(now));
            }
        }
    });
    let saved = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let counts = move || {
        state.book.with(|b| {
            b.case(&id.get_value())
                .map(|c| (c.live_entries().count(), c.live_notes().count()))
                .unwrap_or_default()
        })
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let (Some(details), Some(opened)) = (fields.read(), base.get_value()) else {
            return;
        };
        if on_save.run((opened, details)) {
            // Show what is stored now, other tabs' changes included, and start from it.
            let now = state
                .book
                .with_untracked(|b| b.case(&id.get_value()).map(CaseDetails::of));
            if let Some(now) = now.clone() {
                fields.show(now);
            }
            base.set_value(now.map(CaseDetails::trimmed));
            saved.set(true);
        }
    };
    let delete = move |_| {
        if on_delete.run(()) {
            navigate("/records", false);
        }
    };
    view! {
        <details class="panel no-print" data-testid="change-case">
            <summary class="details__summary panel__summary">"Change or delete this case"</summary>
            <h3>"Change this case"</h3>
            <form on:submit=on_submit novalidate>
                <ErrorSummary errors=Signal::derive(move || fields.error_links(IDS))/>
                <CaseFields state=fields ids=IDS more=true/>
                <button type="submit" class="button">"Save changes"</button>
                <p role="status" class="hint">{move || saved.get().then_some("Changes saved.")}</p>
            </form>
            <h3>"Delete this case"</h3>
            <Show when=move || confirming.get() fallback=move || view! {
                <button type="button" class="button button--warning" on:click=move |_| confirming.set(true)>
                    "Delete this case"
                </button>
            }>
                <div class="callout callout--warning" role="alert" data-testid="confirm-delete-case">
                    <p>{move || {
                        let (entries, notes) = counts();
                        format!(
                            "This deletes the case with its {entries} log {} and {notes} {} from this device. \
                             You can undo it straight after. To be able to bring it back later, save a backup file first: \
                             restoring that file with \"Merge, and bring back what was deleted here\" brings the case back \
                             and keeps everything else as it is.",
                            if entries == 1 { "entry" } else { "entries" },
                            if notes == 1 { "note" } else { "notes" },
                        )
                    }}</p>
                    <div class="button-group">
                        <button type="button" class="button button--warning" on:click=delete>"Yes, delete this case"</button>
                        <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>"No, keep it"</button>
                    </div>
                </div>
            </Show>
        </details>
    }
}

/// On My records, straight after a case was deleted: what happened, and "Undo". Gone once
/// the parent leaves the page.
#[component]
pub fn DeletedCaseBanner(
    /// Puts the case back; true once stored.
    on_undo: Callback<(), bool>,
) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    on_cleanup(move || state.deleted_case.set(None));
    let undo = move |_| {
        if on_undo.run(()) {
            state.deleted_case.set(None);
        }
    };
    move || {
        state.deleted_case.with(|deleted| {
            deleted.as_ref().map(|case| {
                let message = format!("The case \u{201c}{}\u{201d} was deleted, with its log and notes.", case.name);
                view! {
                    <div class="callout" role="status" data-testid="case-deleted">
                        <p>{message}</p>
                        <button type="button" class="button button--secondary" on:click=undo>"Undo"</button>
                    </div>
                }
            })
        })
    }
}
