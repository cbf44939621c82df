//! The GOV.UK error summary: what is wrong, each item a link to the field, focused when shown.

use leptos::html;
use leptos::prelude::*;

/// One problem: its message and the id of the input it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorLink {
    pub message: String,
    pub target_id: String,
}

fn next_title_id() -> String {
    thread_local! {
        static COUNT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let n = COUNT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    format!("error-summary-title-{n}")
}

#[component]
pub fn ErrorSummary(errors: Signal<Vec<ErrorLink>>) -> impl IntoView {
    let summary = NodeRef::<html::Div>::new();
    // Its own title id: a page may hold two forms, each with its summary.
    let title_id = next_title_id();
    // Move focus to the summary each time a new set of errors appears, as GOV.UK does.
    Effect::new(move |_| {
        if !errors.read().is_empty() {
            if let Some(element) = summary.get() {
                let _ = element.focus();
            }
        }
    });
    view! {
        <Show when=move || !errors.read().is_empty()>
            <div class="error-summary" node_ref=summary tabindex="-1" role="alert" aria-labelledby=title_id.clone() data-testid="error-summary">
                <h2 class="error-summary__title" id=title_id.clone()>"There is a problem"</h2>
                <ul class="error-summary__list">
                    {move || errors.get().into_iter().map(|error| {
                        let target = error.target_id.clone();
                        let href = format!("#{target}");
                        view! {
                            <li>
                                <a href=href on:click=move |event| {
                                    // Focus the field itself (the router would otherwise take the link).
                                    event.prevent_default();
                                    if let Some(field) = document().get_element_by_id(&target) {
                                        use wasm_bindgen::JsCast;
                                        if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
                                            let _ = field.focus();
                                            field.scroll_into_view();
                                        }
                                    }
                                }>{error.message}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
