//! What an unknown address shows: calm, with ways back into the guide.

use crate::components::page_title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text="Page not found"/>
        <h1 tabindex="-1" data-testid="not-found">"Page not found"</h1>
        <p>"There is no page at this address. If you typed it, check it is spelt correctly. If you followed a link, the page may have moved."</p>
        <p>"You can:"</p>
        <ul class="bullets">
            <li><A href="/guide">"see all sections of the guide"</A></li>
            <li><A href="/search">"search the guide"</A></li>
            <li><A href="/">"go to the home page"</A></li>
        </ul>
    }
}
