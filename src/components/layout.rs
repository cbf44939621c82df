//! The frame around every page: skip link, header with the main navigation, and footer.

use crate::pwa::PwaStatus;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

/// The first thing a keyboard user reaches: jumps past the navigation.
///
/// Moves focus itself: the router would otherwise treat the `#main-content` link as a
/// navigation and leave focus where it was.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = |event: web_sys::MouseEvent| {
        event.prevent_default();
        let main = document()
            .get_element_by_id("main-content")
            .and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(main) = main {
            let _ = main.focus();
            main.scroll_into_view();
        }
    };
    view! { <a class="skip-link" href="#main-content" on:click=skip>"Skip to main content"</a> }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="site-header__name">
                    <span class="site-header__logo" aria-hidden="true"></span>
                    "SEND Casebook"
                </A>
                <nav class="site-nav" aria-label="Main">
                    <ul>
                        <li><A href="/" exact=true>"Home"</A></li>
                        <li><A href="/guide">"Guide"</A></li>
                        <li><A href="/dates">"My dates"</A></li>
                        <li><A href="/records">"My records"</A></li>
                        <li><A href="/search">"Search"</A></li>
                        <li><A href="/contacts">"Contacts"</A></li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let status = expect_context::<PwaStatus>();
    view! {
        <footer class="site-footer">
            <p class="offline-status" data-testid="offline-status">
                {move || if status.offline_ready.get() {
                    "Saved on this device: works without a signal."
                } else {
                    "Open the app once with a signal and it will then work offline."
                }}
            </p>
            <p>
                "The guide is the booklet "
                <cite>"What if I do not agree with decisions about SEN Provision?"</cite>
                " by Hertfordshire SENDIASS. "
                <A href="/about">"About this app and its sources"</A>
            </p>
            <p>"Nothing you do here is sent anywhere."</p>
        </footer>
    }
}
