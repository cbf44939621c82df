//! The one place that reads and changes the browser's address. Which page an address shows is
//! decided by [`crate::domain::address`]; this module keeps the address in signals, follows links
//! inside the app without reloading, and follows the back and forward buttons.
//!
//! Any `<a href="/...">` on the page is followed in place, as a full page load would be but
//! without one; a click that asks for something else (a new tab, a download, another site, a
//! link to a place on the same page, or a handler that already dealt with it) is left to the
//! browser.

use crate::domain::address::{self, Page, Params};
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The address being shown, and what it means.
#[derive(Clone, Copy)]
pub struct Router {
    /// The path (`/records/c1`), as the browser gives it.
    pub pathname: RwSignal<String>,
    /// The words after `?`, with the `?`.
    search: RwSignal<String>,
    /// The page and the parts of the address it names; unchanged when only the query changes, so
    /// a page stays (and keeps what was typed) while its query words change.
    page: Memo<(Page, Params)>,
    query: Memo<Params>,
}

impl Router {
    /// Reads the address, starts following links and history, and makes the router available to
    /// every page and handler. Call once, for the app.
    pub fn start() -> Router {
        let pathname = RwSignal::new(String::new());
        let search = RwSignal::new(String::new());
        let page = Memo::new(move |_| pathname.with(|p| address::page_at(p)));
        let query = Memo::new(move |_| search.with(|s| address::query(s)));
        let router = Router {
            pathname,
            search,
            page,
            query,
        };
        router.read_address();
        CURRENT.with(|c| c.set(Some(router)));

        let back_or_forward = Closure::<dyn Fn()>::new(move || router.read_address());
        let follow_link = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event| {
            if let Some(to) = link_to_follow(&event) {
                event.prevent_default();
                let path = router.pathname.get_untracked();
                navigate(&to, false);
                // A new page scrolls to its top and focuses its heading (app::FocusOnNavigation);
                // a link to the same page with other words after `?` ("Did you mean"), or to
                // the page already shown, scrolls to the top as a page load would.
                if router.pathname.get_untracked() == path {
                    window().scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
        });
        // On the window, the last place a click reaches: handlers on the page's own elements
        // (Leptos's `on:click`, not delegated in this build) have run, and one that called
        // `prevent_default` has its way (tested). If Leptos's event delegation were turned on,
        // its listener would be on the window too, added after this one: check that test then.
        let window = window();
        let _ = window
            .add_event_listener_with_callback("popstate", back_or_forward.as_ref().unchecked_ref());
        let _ =
            window.add_event_listener_with_callback("click", follow_link.as_ref().unchecked_ref());
        // The app lives as long as the page.
        back_or_forward.forget();
        follow_link.forget();
        router
    }

    fn read_address(&self) {
        let location = window().location();
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        if self.pathname.get_untracked() != path {
            self.pathname.set(path);
        }
        if self.search.get_untracked() != search {
            self.search.set(search);
        }
    }

    /// The page the address shows; changes only when the page or its named parts change.
    pub fn page(&self) -> Memo<(Page, Params)> {
        self.page
    }
}

thread_local! {
    /// The app's router (one per page; event handlers run outside any component, so not a context).
    static CURRENT: std::cell::Cell<Option<Router>> = const { std::cell::Cell::new(None) };
}

fn router() -> Router {
    CURRENT
        .with(|c| c.get())
        .expect("Router::start runs before any page")
}

/// The parts of the address the page names (`case` in `/records/:case`).
pub fn use_params_map() -> Memo<Params> {
    let page = router().page;
    Memo::new(move |_| page.with(|(_, params)| params.clone()))
}

/// The words after `?` in the address.
pub fn use_query_map() -> Memo<Params> {
    router().query
}

/// The path being shown, for things that change with the page (focus, the menu).
pub fn use_pathname() -> RwSignal<String> {
    router().pathname
}

/// Goes to `to` (a path in the app, with any `?` and `#`), adding it to the history, or in place
/// of the current entry when `replace` (for the search box's words, say). Scrolling and focus
/// follow the page change (`app::FocusOnNavigation`).
pub fn navigate(to: &str, replace: bool) {
    let window = window();
    let Ok(history) = window.history() else {
        let _ = window.location().set_href(to);
        return;
    };
    let here = window.location();
    let current = format!(
        "{}{}{}",
        here.pathname().unwrap_or_default(),
        here.search().unwrap_or_default(),
        here.hash().unwrap_or_default()
    );
    if current != to {
        let done = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(to))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(to))
        };
        if done.is_err() {
            let _ = window.location().set_href(to);
            return;
        }
    }
    if let Some(router) = CURRENT.with(|c| c.get()) {
        router.read_address();
    }
}

/// Where a click on a link should take the app, if it is a plain click on a link to another
/// page of this app; `None` leaves the click to the browser.
fn link_to_follow(event: &web_sys::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let link = target
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let leaves = link.has_attribute("download")
        || !matches!(link.target().as_str(), "" | "_self")
        || link.rel().split_whitespace().any(|r| r == "external");
    let here = window().location();
    if leaves || link.origin() != here.origin().ok()? {
        return None;
    }
    let (path, search, hash) = (link.pathname(), link.search(), link.hash());
    // A place on this page (the skip link, an error summary's links): the browser goes there.
    if !hash.is_empty() && here.pathname().ok()? == path && here.search().ok()? == search {
        return None;
    }
    Some(format!("{path}{search}{hash}"))
}
