//! Turns the booklet's content data into HTML elements. Text is always set as text, never as HTML.

use crate::content::{Block, Inline};
use leptos::prelude::*;

/// The blocks of one section. Headings inside a section are `<h2>`, under the page's `<h1>`.
#[component]
pub fn BookletBlocks(blocks: Vec<Block>) -> impl IntoView {
    blocks.into_iter().map(block_view).collect_view()
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Heading(text) => view! { <h2>{text}</h2> }.into_any(),
        Block::Paragraph(inlines) => view! { <p>{inlines_view(inlines)}</p> }.into_any(),
        Block::List(items) => view! {
            <ul class="bullets">
                {items.into_iter().map(|item| view! { <li>{inlines_view(item)}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Block::Quote { blocks, paragraph } => view! {
            <figure class="code-quote">
                <blockquote>{blocks.into_iter().map(block_view).collect_view()}</blockquote>
                <figcaption>
                    "SEND Code of Practice, paragraph " <span class="code-quote__para">{paragraph}</span>
                </figcaption>
            </figure>
        }
        .into_any(),
        Block::Note(inlines) => view! {
            <div class="update-note" role="note">
                <p class="update-note__label">"Note added by SEND Casebook (not the booklet's words)"</p>
                <p>{inlines_view(inlines)}</p>
            </div>
        }
        .into_any(),
    }
}

/// Inline text with bold, italic and links. Phone and email links get a label that says what
/// tapping them does, for screen readers.
pub fn inlines_view(inlines: Vec<Inline>) -> AnyView {
    inlines
        .into_iter()
        .map(|inline| match inline {
            Inline::Text(text) => text.into_any(),
            Inline::Strong(inner) => view! { <strong>{inlines_view(inner)}</strong> }.into_any(),
            Inline::Emphasis(inner) => view! { <em>{inlines_view(inner)}</em> }.into_any(),
            Inline::Link(link) => {
                let class = match link.kind() {
                    Some(crate::content::ContactKind::Phone) => "contact-link contact-link--phone",
                    Some(crate::content::ContactKind::Email) => "contact-link contact-link--email",
                    None => "",
                };
                view! { <a class=class href=link.href>{link.text}</a> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}
