//! "Save to my records": adds events worked out on a page (My dates, the guide) to a case's log
//! as key dates, so that their dates follow into the case's summary, timeline, print and
//! calendar. Choose a case, or name a new one.

use crate::clock::{new_id, now_millis};
use crate::components::focus::focus_when_drawn;
use crate::components::storage_problem::StorageProblemBanner;
use crate::domain::drafts::{add_events, case_for_events, Added};
use crate::domain::events::KeyDate;
use crate::state::CasebookState;
use chrono::NaiveDate;
use leptos::prelude::*;

/// "Save to my records": adds what the parent entered to a case's log as key dates, so its
/// deadlines follow into the case summary, timeline, print and calendar.
#[component]
pub fn SaveToRecords(
    events: Vec<(NaiveDate, KeyDate)>,
    has_dates: bool,
    /// The section's heading and button: "Save to my records", "Keep this in my records".
    #[prop(default = "Save to my records")]
    action: &'static str,
) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let cases = Memo::new(move |_| {
        state.book.with(|b| {
            b.live_cases()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(
        cases
            .get_untracked()
            .first()
            .map_or_else(|| NEW_CASE.to_string(), |c| c.0.clone()),
    );
    let name = RwSignal::new(String::new());
    let name_error = RwSignal::new(false);
    let saved = RwSignal::new(None::<(String, String, Added)>);
    let events = StoredValue::new(events);
    // A case deleted (in another tab) while the form is open is no longer offered.
    Effect::new(move |_| {
        let list = cases.get();
        let current = chosen.get_untracked();
        if current != NEW_CASE && !list.iter().any(|(id, _)| *id == current) {
            chosen.set(
                list.first()
                    .map_or_else(|| NEW_CASE.to_string(), |c| c.0.clone()),
            );
        }
    });
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let target = chosen.get_untracked();
        let now = now_millis();
        let events = events.get_value();
        let (case_id, case_name, new_case) = if target == NEW_CASE {
            let typed = name.get_untracked().trim().to_string();
            if typed.is_empty() {
                name_error.set(true);
                focus_when_drawn("save-case-name".to_string());
                return;
            }
            let case = case_for_events(&new_id("case"), &typed, &events, now);
            (case.id.clone(), typed, Some(case))
        } else {
            let name = cases
                .get_untracked()
                .into_iter()
                .find(|c| c.0 == target)
                .map(|c| c.1)
                .unwrap_or_default();
            (target, name, None)
        };
        name_error.set(false);
        let mut added = Added::NoSuchCase;
        let result = state.change(|book| {
            if let Some(case) = new_case {
                book.upsert_case(case);
            }
            added = add_events(book, &case_id, &events, || new_id("entry"), now);
        });
        if result.is_ok() {
            saved.set(Some((case_id, case_name, added)));
            focus_when_drawn("saved-to-records".to_string());
        }
    };
    view! {
        <section class="panel no-print" aria-labelledby="save-to-records-heading" data-testid="save-to-records">
            <h3 id="save-to-records-heading">{action}</h3>
            {move || if !state.storage_available() {
                view! { <p>"This browser is not keeping records (its storage is blocked), so these dates cannot be saved to a case. The calendar file still works."</p> }.into_any()
            } else if let Some((id, case_name, added)) = saved.get() {
                let message = match added {
                    Added::Entries(_) if has_dates => format!("Saved to {case_name}. Its dates now show in the case's summary, timeline and calendar file."),
                    Added::Entries(_) => format!("Saved to {case_name}'s log."),
                    Added::AlreadyThere => format!("{case_name}'s log already has this: nothing was added twice."),
                    Added::NoSuchCase => "That case is no longer on this device (it may have been deleted in another tab). Nothing was saved: choose another case or a new one.".to_string(),
                };
                if added == Added::NoSuchCase {
                    return view! {
                        <div class="callout callout--warning" role="alert" tabindex="-1" id="saved-to-records" data-testid="saved-to-records">
                            <p>{message}</p>
                            <button type="button" class="button button--secondary" on:click=move |_| saved.set(None)>"Choose again"</button>
                        </div>
                    }.into_any();
                }
                view! {
                    <div class="callout" role="status" tabindex="-1" id="saved-to-records" data-testid="saved-to-records">
                        <p>{message}</p>
                        <p><a href=format!("/records/{id}")>"Open the case"</a> " · " <a href=format!("/records/{id}/timeline")>"Its timeline"</a></p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p>"Adds this to a case's log as a key date, so the same dates show in its summary, timeline and print. It stays on this device."</p>
                    <StorageProblemBanner/>
                    <form novalidate on:submit=save>
                        <div class="form-group">
                            <label class="label" for="save-case">"Which case?"</label>
                            <select id="save-case" class="select" on:change=move |e| chosen.set(event_target_value(&e))>
                                {move || cases.get().into_iter().map(|(id, case_name)| {
                                    let value = id.clone();
                                    view! { <option value=value selected=move || chosen.get() == id>{case_name}</option> }
                                }).collect_view()}
                                <option value=NEW_CASE selected=move || chosen.get() == NEW_CASE>"A new case"</option>
                            </select>
                        </div>
                        {move || (chosen.get() == NEW_CASE).then(|| view! {
                            <div class=move || if name_error.get() { "form-group form-group--error" } else { "form-group" }>
                                <label class="label" for="save-case-name">"Name for the new case"</label>
                                <p class="hint" id="save-case-name-hint">"Usually your child's name or initials"</p>
                                {move || name_error.get().then(|| view! { <p class="error-message" id="save-case-name-error"><span class="visually-hidden">"Error: "</span>"Enter a name for the case"</p> })}
                                <input id="save-case-name" class="input" type="text" autocomplete="off"
                                    aria-describedby=move || if name_error.get() { "save-case-name-hint save-case-name-error" } else { "save-case-name-hint" }
                                    prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
                            </div>
                        })}
                        <button type="submit" class="button button--secondary" data-testid="save-to-case">{action}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}

/// The value of the "A new case" option (never a case id: those start with "case-").
const NEW_CASE: &str = "new";
