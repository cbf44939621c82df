//! "Print this page": the print stylesheet does the rest.

use leptos::prelude::*;

#[component]
pub fn PrintButton(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <button type="button" class="button button--secondary print-button" on:click=|_| {
            let _ = window().print();
        }>{label}</button>
    }
}
