//! The frame around every page: skip link, header with the main navigation, and footer.

use crate::domain::address::is_current;
use crate::pwa::PwaStatus;
use crate::router::use_pathname;
use leptos::prelude::*;
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

/// The site's menu: each link and its words.
const MENU: &[(&str, &str)] = &[
    ("/", "Home"),
    ("/guide", "Guide"),
    ("/dates", "My dates"),
    ("/records", "My records"),
    ("/search", "Search"),
    ("/contacts", "Contacts"),
];

/// A menu link, marked as the current page (`aria-current`) while its page or one below it shows.
#[component]
fn MenuLink(href: &'static str, text: &'static str) -> impl IntoView {
    let pathname = use_pathname();
    let current = move || pathname.with(|p| is_current(href, p)).then_some("page");
    view! { <a href=href aria-current=current>{text}</a> }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a href="/" class="site-header__name">
                    <span class="site-header__logo" aria-hidden="true"></span>
                    "SEND Casebook"
                </a>
                <nav class="site-nav" aria-label="Main">
                    <ul>
                        {MENU.iter().map(|(href, text)| view! { <li><MenuLink href=href text=text/></li> }).collect_view()}
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
                <a href="/about">"About this app and its sources"</a>
            </p>
            <p>"Nothing you do here is sent anywhere."</p>
        </footer>
    }
}
