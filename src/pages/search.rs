//! Search the whole guide as you type. The words searched for live in the address (`?q=`), so
//! a search can be shared and the back button works.

use crate::components::highlighted_text::HighlightedText;
use crate::components::page_title::PageTitle;
use crate::components::search_form::search_url;
use crate::components::search_form::search_url as suggestion_url;
use crate::content::booklet;
use crate::content::search::{search, SearchHit};
use crate::content::suggest::{did_you_mean, pages_for, vocabulary};
use crate::router::{navigate, use_query_map};
use leptos::prelude::*;

#[component]
pub fn SearchPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| query_map.read().get("q").unwrap_or_default());
    let on_input = move |event| {
        let typed = event_target_value(&event);
        navigate(&search_url(&typed), true);
    };

    view! {
        <PageTitle text="Search the guide"/>
        <h1 tabindex="-1">"Search the guide"</h1>
        <form class="search-form" role="search" on:submit=|event| event.prevent_default()>
            <label class="label" for="search-input">"Words to find"</label>
            <p class="hint" id="search-hint">"Results appear as you type. For example: appeal, mediation, complaint."</p>
            <input
                id="search-input"
                class="input"
                type="search"
                name="q"
                autocomplete="off"
                aria-describedby="search-hint"
                aria-controls="search-results"
                prop:value=move || query.get()
                on:input=on_input
            />
        </form>
        <SearchResults query=query/>
    }
}

thread_local! {
    /// The booklet's words, gathered once, for "Did you mean".
    static VOCABULARY: std::collections::BTreeMap<String, usize> = vocabulary(booklet());
}

#[component]
fn SearchResults(query: Memo<String>) -> impl IntoView {
    let trimmed = Memo::new(move |_| query.get().trim().to_string());
    let hits = Memo::new(move |_| search(booklet(), &trimmed.get()));
    let summary = move || {
        let trimmed = trimmed.get();
        match (trimmed.is_empty(), hits.read().len()) {
            (true, _) => String::new(),
            (false, 0) => format!("No sections match “{trimmed}”."),
            (false, 1) => format!("1 section matches “{trimmed}”."),
            (false, n) => format!("{n} sections match “{trimmed}”."),
        }
    };
    // A near word the booklet has, when nothing matches ("mediaton": mediation).
    let suggestion = Memo::new(move |_| {
        if trimmed.read().is_empty() || !hits.read().is_empty() {
            return None;
        }
        VOCABULARY.with(|words| did_you_mean(words, &trimmed.read()))
    });
    let pages = Memo::new(move |_| pages_for(&trimmed.read()));
    view! {
        <div id="search-results">
            <p class="search-summary" role="status" data-testid="search-summary">{summary}</p>
            {move || suggestion.get().map(|s| view! {
                <p class="did-you-mean" data-testid="did-you-mean">"Did you mean " <a href=suggestion_url(&s)>{s.clone()}</a> "?"</p>
            })}
            {move || (!pages.read().is_empty()).then(|| view! {
                <ul class="bullets search-pages" data-testid="search-pages">
                    {pages.get().into_iter().map(|(href, label)| view! { <li><a href=href>{label}</a></li> }).collect_view()}
                </ul>
            })}
            {move || {
                if trimmed.read().is_empty() {
                    return None;
                }
                let hits = hits.get();
                Some(if hits.is_empty() { no_results().into_any() } else { hit_list(hits).into_any() })
            }}
        </div>
    }
}

fn no_results() -> impl IntoView {
    view! {
        <div class="no-results" data-testid="no-results">
            <p>"Try:"</p>
            <ul class="bullets">
                <li>"fewer words, or a shorter part of a word (“mediat” finds mediation and mediator)"</li>
                <li>"another word for the same thing, such as “complaint”, “appeal” or “tribunal”"</li>
                <li><a href="/guide">"looking through all sections of the guide"</a></li>
            </ul>
        </div>
    }
}

fn hit_list(hits: Vec<SearchHit<'static>>) -> impl IntoView {
    view! {
        <ol class="search-results" data-testid="search-results">
            {hits.into_iter().map(|hit| {
                let href = format!("/guide/{}", hit.section.slug);
                view! {
                    <li class="search-result">
                        <h2 class="search-result__title">
                            <a href=href><HighlightedText fragments=hit.title/></a>
                        </h2>
                        {hit.excerpts.into_iter().map(|excerpt| view! {
                            <p class="search-result__excerpt"><HighlightedText fragments=excerpt/></p>
                        }).collect_view()}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
