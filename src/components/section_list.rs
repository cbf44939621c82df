//! The guide's contents: every section with its one-line summary.

use crate::content::booklet;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SectionList() -> impl IntoView {
    view! {
        <ol class="section-list" data-testid="section-list">
            {booklet()
                .sections
                .iter()
                .map(|section| {
                    let href = format!("/guide/{}", section.slug);
                    view! {
                        <li>
                            <A href=href>{section.title.clone()}</A>
                            <p>{section.summary.clone()}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
