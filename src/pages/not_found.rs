//! What an unknown address shows.

use crate::components::not_found::NotFound;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFound/> }
}
