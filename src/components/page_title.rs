//! The browser tab's title (also what screen readers announce and browsers print in headers).
//!
//! A page names itself with `<PageTitle text=.../>`; an empty name gives just the app's name.
//! This does what `leptos_meta`'s `<Title>` did for us, without its server-rendering machinery
//! in the bundle.

use leptos::prelude::*;

/// "Mediation – SEND Casebook", or "SEND Casebook" for the home page.
pub fn full_title(page: &str) -> String {
    if page.is_empty() {
        "SEND Casebook".to_string()
    } else {
        format!("{page} – SEND Casebook")
    }
}

/// Sets the document's title while the page is shown, and again whenever `text` changes.
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    Effect::new(move |_| document().set_title(&full_title(&text.get())));
}

#[cfg(test)]
mod tests {
    use super::full_title;

    #[test]
    fn pages_are_named_before_the_app() {
        assert_eq!(full_title(""), "SEND Casebook");
        assert_eq!(full_title("Mediation"), "Mediation – SEND Casebook");
    }
}
