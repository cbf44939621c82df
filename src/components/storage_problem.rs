//! The one place that explains a storage problem to the parent, with the way out of it: every
//! page that saves records shows this banner.

use crate::clock::today;
use crate::components::download::offer_download;
use crate::domain::limits::group;
use crate::state::{CasebookState, StorageProblem};
use crate::storage::{MyDatesProblem, Usage};
use leptos::prelude::*;

/// Roughly what browsers let one site keep in local storage, in characters.
const ROUGH_QUOTA: usize = 5_000 * 1024;

fn kb(characters: usize) -> String {
    group(characters.div_ceil(1024))
}

/// What is using the space, largest first, by case name.
fn usage_in_words(usage: &Usage, names: &[(String, String)]) -> String {
    let mut parts: Vec<String> = usage
        .by_case
        .iter()
        .take(3)
        .map(|(id, size)| {
            let name = names
                .iter()
                .find(|(case_id, _)| case_id == id)
                .map_or("a deleted case", |(_, name)| name.as_str());
            format!("{name} {} KB", kb(*size))
        })
        .collect();
    if parts.is_empty() {
        parts.push("nothing yet".into());
    }
    format!(
        "About {} KB of roughly {} KB is used ({}).",
        kb(usage.total),
        kb(ROUGH_QUOTA),
        parts.join(", ")
    )
}

pub fn problem_message(problem: &StorageProblem) -> &'static str {
    match problem {
        StorageProblem::Unavailable => "This browser is not letting SEND Casebook keep anything on this device (site data is blocked, \
             or this is a private window that does not allow it). The guide, search, contacts and My dates still work, \
             but records cannot be kept. To keep records, allow this site to store data in the browser's settings, then reload the page.",
        StorageProblem::Unreadable { .. } => "Some of your saved records could not be read. They have been left on this device exactly as they were, \
             and nothing will be saved over them. What could be read is shown below, but cannot be changed for now. \
             Save the stored records as a file (to keep, or to send to SENDIASS or the app's makers for help); \
             then you can start afresh with what could be read.",
        StorageProblem::Newer => "Your records were saved by a newer version of SEND Casebook, so this older copy of the app will not change them. \
             Reload the page with a signal to get the new version. They have not been touched.",
        StorageProblem::NotSaved => "Your last change could not be saved: the browser's storage on this device is full. \
             It has not been saved, and nothing saved before has changed. What you typed is still on screen.",
        StorageProblem::Busy => "Your last change was not saved: SEND Casebook is open in other tabs that were saving at the same moment. \
             What you typed is still on screen, and nothing saved before has changed: save it again.",
        StorageProblem::ClearedElsewhere => "Your records were removed from this device in another tab or window. \
             This page still shows them, but they are no longer saved on this device.",
        StorageProblem::NewVersionElsewhere => "A new version of SEND Casebook has started in another tab. \
             Reload this page to carry on: until then nothing here is saved, so nothing can be overwritten.",
    }
}

#[component]
pub fn StorageProblemBanner(
    /// Move focus (and so the screen) to the message when a problem appears, as a form's error
    /// summary does. Off where the parent is typing as it saves (meeting mode), which says so
    /// next to the text instead.
    #[prop(default = true)]
    focus: bool,
) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    if focus {
        Effect::new(move |previous: Option<Option<StorageProblem>>| {
            let now = state.problem.get();
            if now.is_some() && previous.is_some_and(|p| p != now) {
                request_animation_frame(|| {
                    if let Some(banner) =
                        document()
                            .get_element_by_id("records-problem")
                            .and_then(|e| {
                                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                            })
                    {
                        let _ = banner.focus();
                    }
                });
            }
            now
        });
    }
    let save_raw = move |_| {
        let text = state.raw_records();
        offer_download(
            &format!("send-casebook-stored-records-{}.json", today()),
            "application/json",
            &text,
        );
    };
    let save_backup = move |_| {
        let text = state
            .book
            .with_untracked(|b| crate::domain::backup::export_json(b, crate::clock::now_millis()));
        offer_download(
            &format!("send-casebook-backup-{}.json", today()),
            "application/json",
            &text,
        );
    };
    let reload = move |_| {
        let _ = window().location().reload();
    };
    view! {
        {move || state.problem.get().map(|problem| {
            let usage = matches!(problem, StorageProblem::NotSaved).then(|| {
                let names: Vec<(String, String)> = state.book.with_untracked(|b| {
                    b.live_cases().map(|c| (c.id.clone(), c.name.clone())).collect()
                });
                usage_in_words(&state.usage(), &names)
            });
            let actions = match problem {
                StorageProblem::Unreadable { .. } | StorageProblem::Newer => view! {
                    <div class="button-group">
                        <button type="button" class="button button--secondary" data-testid="save-raw" on:click=save_raw>
                            "Save the stored records as a file"
                        </button>
                        <button type="button" class="button button--secondary" on:click=save_backup>
                            "Save what could be read as a backup file"
                        </button>
                        {move || (state.raw_saved.get() && matches!(state.problem.get(), Some(StorageProblem::Unreadable { .. }))).then(|| view! {
                            <button type="button" class="button button--warning" data-testid="start-afresh"
                                on:click=move |_| { let _ = state.start_afresh(); }>
                                "Start afresh with what could be read"
                            </button>
                        })}
                    </div>
                }.into_any(),
                StorageProblem::ClearedElsewhere => view! {
                    <div class="button-group">
                        <button type="button" class="button" data-testid="put-back" on:click=move |_| { let _ = state.put_back(); }>
                            "Keep these records on this device"
                        </button>
                        <button type="button" class="button button--secondary" on:click=save_backup>"Save them as a backup file"</button>
                        <button type="button" class="button button--secondary" on:click=reload>"Leave them removed"</button>
                    </div>
                }.into_any(),
                StorageProblem::NewVersionElsewhere => view! {
                    <div class="button-group">
                        <button type="button" class="button" on:click=reload>"Reload"</button>
                    </div>
                }.into_any(),
                StorageProblem::NotSaved => view! {
                    <p>"Deleting log entries or notes you no longer need frees their space (save a backup file first: "
                       "the backup keeps them). A long note or letter can also be shortened."</p>
                }.into_any(),
                StorageProblem::Unavailable | StorageProblem::Busy => ().into_any(),
            };
            view! {
                <div class="callout callout--warning" role="alert" id="records-problem" tabindex="-1" data-testid="records-problem">
                    <p>{problem_message(&problem)}</p>
                    {usage.map(|u| view! { <p data-testid="storage-usage">{u}</p> })}
                    {actions}
                </div>
            }
        })}
    }
}

fn my_dates_load_message(problem: &MyDatesProblem) -> &'static str {
    match problem {
        MyDatesProblem::Unreadable => {
            "The dates saved on this device earlier could not be read, so the form starts empty. \
             The saved copy has been kept on this device, untouched."
        }
    }
}

fn my_dates_save_message(problem: &StorageProblem) -> &'static str {
    match problem {
        StorageProblem::Unavailable => "This browser is not letting the app keep anything on this device, so your dates will not be kept \
             after you close this page. Everything on this page still works; note the dates down or add them to your calendar.",
        StorageProblem::NewVersionElsewhere => "A new version of SEND Casebook has started in another tab, so this page no longer saves your dates. \
             Reload the page to carry on; what is on screen still works.",
        _ => "Your dates could not be saved on this device: the browser's storage may be full. \
             They are still on screen; note them down or add them to your calendar before closing this page.",
    }
}

/// On My dates: the saved form could not be read, or the form could not be saved.
#[component]
pub fn MyDatesStorageNotes(
    load_problem: Option<MyDatesProblem>,
    save_problem: RwSignal<Option<StorageProblem>>,
) -> impl IntoView {
    view! {
        {load_problem.map(|p| view! { <div class="callout callout--warning" role="status" data-testid="storage-problem"><p>{my_dates_load_message(&p)}</p></div> })}
        {move || save_problem.get().map(|p| view! { <div class="callout callout--warning" role="status" data-testid="save-problem"><p>{my_dates_save_message(&p)}</p></div> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_names_the_largest_cases() {
        let usage = Usage {
            total: 3_000_000,
            by_case: vec![("c1".into(), 2_048_000), ("c2".into(), 10)],
        };
        let names = vec![("c1".to_string(), "Sam".to_string())];
        assert_eq!(
            usage_in_words(&usage, &names),
            "About 2,930 KB of roughly 5,000 KB is used (Sam 2,000 KB, a deleted case 1 KB)."
        );
    }
}
