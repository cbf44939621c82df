//! The home screen: where to start, the search box, and the guide's sections.

use crate::components::booklet_text::inlines_view;
use crate::components::section_list::SectionList;
use crate::content::booklet;
use crate::pages::search::SearchForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let guide = booklet();
    view! {
        <Title text=""/>
        <h1 tabindex="-1">"SEND Casebook"</h1>
        <p class="lead">
            "Help for parents in England who disagree with a decision about their child's special "
            "educational needs (SEN). Everything here works without a signal."
        </p>
        <SearchForm/>
        <h2>"Where to start"</h2>
        <ul class="card-list">
            <li class="card">
                <A href="/dates">"Work out your deadlines"</A>
                <p>"Got a decision letter? See the last day to appeal and to call the mediation adviser."</p>
            </li>
            <li class="card">
                <A href="/guide/first-steps">"First steps"</A>
                <p>"Not happy with the help your child gets at school? Start here."</p>
            </li>
            <li class="card">
                <A href="/guide/what-next">"What you can do next"</A>
                <p>"Get help, complain, try mediation or appeal."</p>
            </li>
            <li class="card">
                <A href="/contacts">"Phone and email contacts"</A>
                <p>"Your SEN officer, Kids Mediation and Hertfordshire SENDIASS, one tap away."</p>
            </li>
        </ul>
        <h2>"The guide"</h2>
        <p>
            <cite>{guide.title.clone()}</cite>
            " by Hertfordshire SENDIASS. "
            {inlines_view(guide.intro.clone())}
        </p>
        <SectionList/>
        <p class="coming-soon">
            "Coming next to SEND Casebook: a record of letters, calls and meetings kept on this "
            "device, and a timeline to print."
        </p>
    }
}
