//! Browser tests (wasm-bindgen-test in headless Chromium): components render content data as
//! real elements, links work as tap-to-call and email, and text is never turned into HTML.
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (scripts/test.sh does).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use send_casebook::components::booklet_text::BookletBlocks;
use send_casebook::components::highlighted_text::HighlightedText;
use send_casebook::content::search::{search, Fragment};
use send_casebook::content::{booklet, Block, Inline, Link};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = document();
    let element = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("appended");
    element.unchecked_into()
}

/// The text of every element matching `selector` inside `root`.
fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).expect("a valid selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i).and_then(|node| node.text_content()))
        .collect()
}

#[wasm_bindgen_test]
async fn a_contact_paragraph_renders_call_and_email_links_and_keeps_markup_as_text() {
    let root = container();
    let blocks = vec![Block::Paragraph(vec![
        Inline::Text("<b>not bold</b> Call ".into()),
        Inline::Strong(vec![Inline::Link(Link {
            text: "01992 555847".into(),
            href: "tel:+441992555847".into(),
        })]),
        Inline::Text(" or email ".into()),
        Inline::Link(Link {
            text: "sendiass@hertfordshire.gov.uk".into(),
            href: "mailto:sendiass@hertfordshire.gov.uk".into(),
        }),
    ])];
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <BookletBlocks blocks=blocks.clone()/> }
    });
    leptos::task::tick().await;

    let call = root
        .query_selector("strong > a[href='tel:+441992555847']")
        .unwrap()
        .expect("the phone number is a tel: link inside the bold text");
    assert_eq!(call.text_content().as_deref(), Some("01992 555847"));
    assert!(root
        .query_selector("a[href='mailto:sendiass@hertfordshire.gov.uk']")
        .unwrap()
        .is_some());
    assert!(
        root.query_selector("b").unwrap().is_none(),
        "typed markup became an element"
    );
    assert!(root
        .text_content()
        .unwrap_or_default()
        .starts_with("<b>not bold</b> Call "));
}

#[wasm_bindgen_test]
async fn a_code_of_practice_quote_shows_its_paragraph_number() {
    let root = container();
    let section = booklet()
        .section("disagreement-resolution")
        .expect("section")
        .clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <BookletBlocks blocks=section.blocks.clone()/> }
    });
    leptos::task::tick().await;

    assert_eq!(
        texts(&root, "figure.code-quote figcaption"),
        [
            "SEND Code of Practice, paragraph 11.3",
            "SEND Code of Practice, paragraph 11.6"
        ]
    );
    let note = root
        .query_selector(".update-note[role=note]")
        .unwrap()
        .expect("the CCG note");
    assert!(note
        .text_content()
        .unwrap_or_default()
        .contains("Integrated Care Boards"));
}

#[wasm_bindgen_test]
async fn search_highlights_are_marks_around_exactly_the_matched_text() {
    let root = container();
    let hits = search(booklet(), "tribunal");
    let fragments: Vec<Fragment> = hits[0].excerpts[0].clone();
    let expected: Vec<String> = fragments
        .iter()
        .filter(|f| f.is_match)
        .map(|f| f.text.clone())
        .collect();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <p><HighlightedText fragments=fragments.clone()/></p> }
    });
    leptos::task::tick().await;

    let shown = texts(&root, "mark");
    assert!(!shown.is_empty());
    assert_eq!(shown, expected);
    assert!(shown.iter().all(|m| m.eq_ignore_ascii_case("tribunal")));
}
