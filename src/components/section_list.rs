//! The guide's contents: every section with its one-line summary.

use crate::content::booklet;
use leptos::prelude::*;

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
                            <a href=href>{section.title.clone()}</a>
                            <p>{section.summary.clone()}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
