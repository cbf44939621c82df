//! The home screen: where to start, the search box, and the guide's sections.

use crate::clock::now_millis;
use crate::components::booklet_text::inlines_view;
use crate::components::page_title::PageTitle;
use crate::components::search_form::SearchForm;
use crate::components::section_list::SectionList;
use crate::content::booklet;
use crate::state::CasebookState;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let guide = booklet();
    let state = expect_context::<CasebookState>();
    // With one case, straight to its timeline; otherwise to the list of cases to pick from.
    let timeline_link = move || {
        state.book.with(|b| {
            let mut cases = b.live_cases();
            match (cases.next(), cases.next()) {
                (Some(only), None) => format!("/records/{}/timeline", only.id),
                _ => "/records".to_string(),
            }
        })
    };
    view! {
        <PageTitle text=""/>
        <h1 tabindex="-1">"SEND Casebook"</h1>
        <p class="lead">
            "Help for parents in England who disagree with a decision about their child's special "
            "educational needs (SEN). Everything here works without a signal."
        </p>
        <BackupReminder/>
        <SearchForm/>
        <h2>"Where to start"</h2>
        <ul class="card-list">
            <li class="card card--first">
                <a href="/options">"What can I do?"</a>
                <p>"Answer a few questions and see every route open to you, with your dates, who to contact and what to prepare."</p>
            </li>
            <li class="card">
                <a href="/letters">"Letters"</a>
                <p>"A complaint, a request for an assessment, a letter to the mediation adviser: filled in from your records, ready to copy, email or print."</p>
            </li>
            <li class="card">
                <a href="/records">"My records"</a>
                <p>"Keep a log of letters, calls and meetings, and notes, on this device only."</p>
            </li>
            <li class="card">
                <a href=timeline_link>"Timeline"</a>
                <p>"Print a timeline of your case for a meeting, mediation or the Tribunal, and add its dates to your calendar."</p>
            </li>
            <li class="card">
                <a href="/dates">"Work out your deadlines"</a>
                <p>"Got a decision letter? See the last day to appeal and to call the mediation adviser."</p>
            </li>
            <li class="card">
                <a href="/guide/first-steps">"First steps"</a>
                <p>"Not happy with the help your child gets at school? Start here."</p>
            </li>
            <li class="card">
                <a href="/guide/what-next">"What you can do next"</a>
                <p>"Get help, complain, try mediation or appeal."</p>
            </li>
            <li class="card">
                <a href="/contacts">"Phone and email contacts"</a>
                <p>"Hertfordshire's SEN officers, Kids Mediation and SENDIASS, one tap away."</p>
            </li>
        </ul>
        <h2>"The guide"</h2>
        <p>
            <cite>{guide.title.clone()}</cite>
            " by Hertfordshire SENDIASS. "
            {inlines_view(guide.intro.clone())}
        </p>
        <SectionList/>
    }
}

/// "Last backup: N days ago", and a nudge when records have changed since.
#[component]
fn BackupReminder() -> impl IntoView {
    let state = expect_context::<CasebookState>();
    move || {
        state.book.with(|book| {
            if book.record_count() == 0 {
                return None;
            }
            let changed = book.changed_since_backup();
            let last = book.last_backup_in_words(now_millis());
            let class = if changed > 0 { "callout callout--warning" } else { "callout" };
            Some(view! {
                <div class=class data-testid="backup-reminder">
                    <p>{last}</p>
                    {(changed > 0).then(|| view! {
                        <p>
                            {format!("{changed} record{} added or changed since then. ", if changed == 1 { "" } else { "s" })}
                            <a href="/records">"Save a backup file"</a>
                            " so they are safe if this browser's data is cleared."
                        </p>
                    })}
                </div>
            })
        })
    }
}
