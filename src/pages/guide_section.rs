//! One section of the guide at `/guide/{slug}`, with links to the sections either side.

use crate::components::booklet_text::BookletBlocks;
use crate::components::not_found::NotFound;
use crate::components::page_title::PageTitle;
use crate::components::print_button::PrintButton;
use crate::content::{booklet, Section};
use crate::router::use_params_map;
use leptos::prelude::*;

#[component]
pub fn GuideSectionPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let slug = params.read().get("slug").unwrap_or_default();
        match booklet().section(&slug) {
            Some(section) => section_view(section).into_any(),
            None => view! { <NotFound/> }.into_any(),
        }
    }
}

fn section_view(section: &'static Section) -> impl IntoView {
    let (previous, next) = booklet().neighbours(&section.slug);
    view! {
        <PageTitle text=section.title.clone()/>
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/">"Home"</a></li>
                <li><a href="/guide">"Guide"</a></li>
            </ol>
        </nav>
        <article class="guide-section" data-testid="guide-section">
            <h1 tabindex="-1">{section.title.clone()}</h1>
            <BookletBlocks blocks=section.blocks.clone()/>
        </article>
        <p class="source print-only">
            "From the Hertfordshire SENDIASS booklet “What if I do not agree with decisions about SEN Provision?”"
        </p>
        <p class="no-print options-link" data-testid="options-link">"Not sure which route to take? " <a href="/options">"What can I do?"</a> " asks a few questions and shows every route open to you, with your dates."</p>
        <PrintButton label="Print this section"/>
        <nav class="pager" aria-label="Other sections">
            {previous.map(|s| view! {
                <a href=format!("/guide/{}", s.slug) class="pager__previous" rel="prev">
                    <span class="pager__label">"Previous"</span>
                    <span class="pager__title">{s.title.clone()}</span>
                </a>
            })}
            {next.map(|s| view! {
                <a href=format!("/guide/{}", s.slug) class="pager__next" rel="next">
                    <span class="pager__label">"Next"</span>
                    <span class="pager__title">{s.title.clone()}</span>
                </a>
            })}
        </nav>
    }
}
