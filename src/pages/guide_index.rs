//! The guide's contents page.

use crate::components::booklet_text::inlines_view;
use crate::components::page_title::PageTitle;
use crate::components::section_list::SectionList;
use crate::content::booklet;
use leptos::prelude::*;

#[component]
pub fn GuideIndexPage() -> impl IntoView {
    let guide = booklet();
    view! {
        <PageTitle text="The guide"/>
        <p class="caption">"The guide"</p>
        <h1 tabindex="-1">{guide.title.clone()}</h1>
        <p class="lead">{inlines_view(guide.intro.clone())}</p>
        <p class="source">"From Hertfordshire SENDIASS (Special Educational Needs and Disability Information, Advice and Support Service)."</p>
        <h2>"Sections"</h2>
        <SectionList/>
    }
}
