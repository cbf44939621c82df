//! "Page not found", calm, with ways back into the guide; and the wrapper that shows it for a
//! case page whose case does not exist (deleted in another tab, or a mistyped address).

use crate::components::page_title::PageTitle;
use crate::router::use_params_map;
use crate::state::CasebookState;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageTitle text="Page not found"/>
        <h1 tabindex="-1" data-testid="not-found">"Page not found"</h1>
        <p>"There is no page at this address. If you typed it, check it is spelt correctly. If you followed a link, the page may have moved."</p>
        <p>"You can:"</p>
        <ul class="bullets">
            <li><a href="/guide">"see all sections of the guide"</a></li>
            <li><a href="/search">"search the guide"</a></li>
            <li><a href="/">"go to the home page"</a></li>
        </ul>
    }
}

/// The page `page` draws for the case named in the address (`/records/:case/...`), or "Page not
/// found" when there is no such case, for example after it was deleted in another tab.
pub fn case_page_or_not_found<V: IntoView + 'static>(page: fn(String) -> V) -> impl IntoView {
    let params = use_params_map();
    let state = expect_context::<CasebookState>();
    let case_id = Memo::new(move |_| params.read().get("case").unwrap_or_default());
    let exists = Memo::new(move |_| state.book.with(|b| b.case(&case_id.get()).is_some()));
    move || {
        if exists.get() {
            page(case_id.get()).into_any()
        } else {
            view! { <NotFound/> }.into_any()
        }
    }
}
