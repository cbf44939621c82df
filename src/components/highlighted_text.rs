//! Search results text with the matched words in `<mark>`, built from fragments, never HTML.

use crate::content::search::Fragment;
use leptos::prelude::*;

#[component]
pub fn HighlightedText(fragments: Vec<Fragment>) -> impl IntoView {
    fragments
        .into_iter()
        .map(|fragment| {
            if fragment.is_match {
                view! { <mark>{fragment.text}</mark> }.into_any()
            } else {
                fragment.text.into_any()
            }
        })
        .collect_view()
}
