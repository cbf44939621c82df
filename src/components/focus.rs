//! Moving focus after the page changes (to a question, a result or a message), so that keyboard
//! and screen reader users land where the change is.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves focus to the element with `id` once the page has drawn it.
pub fn focus_when_drawn(id: String) {
    request_animation_frame(move || {
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
