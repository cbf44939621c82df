//! The app shell: routes, the page frame around them, and what every page shares.

use crate::components::layout::{SiteFooter, SiteHeader, SkipLink};
use crate::components::update_banner::UpdateBanner;
use crate::domain::address::Page;
use crate::pages::{
    about::AboutPage,
    case::CasePage,
    contacts::ContactsPage,
    guide_index::GuideIndexPage,
    guide_section::GuideSectionPage,
    home::HomePage,
    letters::{LetterPage, LettersPage},
    my_dates::MyDatesPage,
    not_found::NotFoundPage,
    options::OptionsPage,
    record_forms::{LogEntryPage, NotePage},
    records::RecordsPage,
    search::SearchPage,
    timeline::TimelinePage,
};
use crate::pwa::{self, PwaStatus};
use crate::router::{use_pathname, Router};
use crate::state::CasebookState;
use leptos::prelude::*;

/// Replaces the "Loading" message in `index.html`, or a page pre-rendered at build time (its
/// elements are marked `data-prerendered`; see `pwa/prerender.mjs`), with the app. Both happen in
/// one task, before the browser paints again, and the app draws the same page: nothing moves.
pub fn mount() {
    if let Some(message) = document().get_element_by_id("boot-message") {
        message.remove();
    }
    // Where keyboard focus is in the pre-rendered page (a parent may already have pressed Tab),
    // so that it lands on the same place in the app's page.
    let focus = prerendered_focus();
    if let Ok(old) = document().query_selector_all("body > [data-prerendered]") {
        for i in 0..old.length() {
            if let Some(node) = old.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
    leptos::mount::mount_to_body(App);
    if let Some((top, inner)) = focus {
        restore_focus(top, inner);
    }
}

/// The drawn top-level elements of the page (not scripts).
fn page_elements() -> Vec<web_sys::Element> {
    let mut out = Vec::new();
    let mut next = document().body().and_then(|b| b.first_element_child());
    while let Some(element) = next {
        next = element.next_element_sibling();
        if !matches!(
            element.tag_name().as_str(),
            "SCRIPT" | "NOSCRIPT" | "TEMPLATE"
        ) {
            out.push(element);
        }
    }
    out
}

/// The focused element as (which top-level element, which element inside it; `None` for the
/// top-level element itself), if focus is in the pre-rendered page.
fn prerendered_focus() -> Option<(usize, Option<u32>)> {
    let active = document().active_element()?;
    let tops = page_elements();
    let top = tops.iter().position(|t| t.contains(Some(&active)))?;
    if !tops[top].has_attribute("data-prerendered") {
        return None;
    }
    if tops[top] == active {
        return Some((top, None));
    }
    let inside = tops[top].query_selector_all("*").ok()?;
    (0..inside.length())
        .find(|i| {
            inside
                .item(*i)
                .is_some_and(|n| n.is_same_node(Some(&active)))
        })
        .map(|i| (top, Some(i)))
}

fn restore_focus(top: usize, inner: Option<u32>) {
    use wasm_bindgen::JsCast;
    let Some(top_element) = page_elements().into_iter().nth(top) else {
        return;
    };
    let target = match inner {
        None => Some(top_element),
        Some(i) => top_element
            .query_selector_all("*")
            .ok()
            .and_then(|all| all.item(i))
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok()),
    };
    if let Some(element) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

#[component]
pub fn App() -> impl IntoView {
    let state = CasebookState::load();
    provide_context(state);
    let status = PwaStatus::new();
    provide_context(status);
    pwa::start(status);
    Effect::new(move |_| {
        if status.taken_over.get() {
            state
                .problem
                .set(Some(crate::state::StorageProblem::NewVersionElsewhere));
        }
    });

    let router = Router::start();
    let page = router.page();
    view! {
        <SkipLink/>
        <SiteHeader/>
        <UpdateBanner/>
        <FocusOnNavigation/>
        <main id="main-content" class="page" tabindex="-1">
            // Drawn again when the page or a part of its address changes, not when only the
            // words after `?` change.
            {move || page.with(|(shown, _)| page_view(*shown))}
        </main>
        <SiteFooter/>
    }
}

/// The view of each page of the app (their addresses: `domain::address::PATTERNS`).
fn page_view(page: Page) -> AnyView {
    match page {
        Page::Home => view! { <HomePage/> }.into_any(),
        Page::GuideIndex => view! { <GuideIndexPage/> }.into_any(),
        Page::GuideSection => view! { <GuideSectionPage/> }.into_any(),
        Page::Dates => view! { <MyDatesPage/> }.into_any(),
        Page::Options => view! { <OptionsPage/> }.into_any(),
        Page::Letters => view! { <LettersPage/> }.into_any(),
        Page::Letter => view! { <LetterPage/> }.into_any(),
        Page::Records => view! { <RecordsPage/> }.into_any(),
        Page::Case => view! { <CasePage/> }.into_any(),
        Page::Timeline => view! { <TimelinePage/> }.into_any(),
        Page::LogEntry => view! { <LogEntryPage/> }.into_any(),
        Page::Note => view! { <NotePage/> }.into_any(),
        Page::Search => view! { <SearchPage/> }.into_any(),
        Page::Contacts => view! { <ContactsPage/> }.into_any(),
        Page::About => view! { <AboutPage/> }.into_any(),
        Page::NotFound => view! { <NotFoundPage/> }.into_any(),
    }
}

/// After moving to another page, puts keyboard and screen reader focus on the new page's main
/// heading, as a full page load would. Not on the first load, which starts at the top as usual.
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let pathname = use_pathname();
    Effect::new(move |previous: Option<String>| {
        let path = pathname.get();
        if previous.is_some_and(|p| p != path) {
            request_animation_frame(|| {
                let heading = document().query_selector("main h1").ok().flatten();
                if let Some(heading) = heading
                    .and_then(|h| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h).ok())
                {
                    let _ = heading.focus();
                }
                window().scroll_to_with_x_and_y(0.0, 0.0);
            });
        }
        path
    });
}
