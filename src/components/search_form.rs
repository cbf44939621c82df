//! The search box on the home page, and the search page's address for a query.

use crate::router::navigate;
use leptos::prelude::*;

/// The search page's address for `query`.
pub fn search_url(query: &str) -> String {
    if query.is_empty() {
        "/search".to_string()
    } else {
        format!(
            "/search?q={}",
            String::from(js_sys::encode_uri_component(query))
        )
    }
}

/// The search box on the home page: goes to the search page with what was typed.
#[component]
pub fn SearchForm() -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    view! {
        <form class="search-form" role="search" on:submit=move |event| {
            event.prevent_default();
            let query = input.get().map(|i| i.value()).unwrap_or_default();
            navigate(&search_url(query.trim()), false);
        }>
            <label class="label" for="home-search">"Search the guide"</label>
            <div class="search-form__row">
                <input id="home-search" class="input" type="search" name="q" node_ref=input autocomplete="off"/>
                <button type="submit" class="button">"Search"</button>
            </div>
        </form>
    }
}
