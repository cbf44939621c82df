//! Where the guide comes from, what we changed in it, and what the app does with your data.

use crate::components::page_title::PageTitle;
use crate::content::{booklet, corrections::corrections};
use leptos::prelude::*;

#[component]
pub fn AboutPage() -> impl IntoView {
    view! {
        <PageTitle text="About SEND Casebook"/>
        <h1 tabindex="-1">"About SEND Casebook"</h1>
        <p class="lead">
            "SEND Casebook helps parents in England whose child has special educational needs and who "
            "disagree with a decision by a school or council. It works in the browser, and keeps working "
            "without a signal once it has been opened."
        </p>
        <h2>"Your privacy"</h2>
        <p>"The app makes no requests to any other website and sends nothing about you anywhere. There are no accounts, adverts or tracking."</p>
        <p>
            "Your records, notes and dates are kept only in this browser on this device. They leave it only when you "
            "choose to: a backup file, a readable copy, a printout, or a calendar file. If the browser's data is "
            "cleared, only a backup file can bring them back, so save one now and then from My records."
        </p>
        <p>
            "Anyone who uses this browser on this device can open them. On a shared or borrowed device, "
            "save a backup file and then delete the case (\"Change or delete this case\", at the foot of "
            "its page): deleting removes everything you wrote in it from this device."
        </p>
        <h2>"Where the guide comes from"</h2>
        <p>
            "The guide is the booklet " <cite>{booklet().title.clone()}</cite> " by "
            {booklet().publisher.clone()} ", the Special Educational Needs and Disability Information, "
            "Advice and Support Service for Hertfordshire. Its words are shown as the booklet has them."
        </p>
        <p>
            "Where the booklet is out of date, a clearly marked note added by SEND Casebook says what has "
            "changed. The booklet's own words are not changed."
        </p>
        <h2>"Corrections to the booklet's text"</h2>
        <p>"The booklet's text was taken from a PDF. We fixed only these faults of that process:"</p>
        <CorrectionList notes=false testid="corrections"/>
        <h2>"Notes beside the booklet's words"</h2>
        <p>"Where the booklet's words are loose or out of date, the guide keeps them and shows a marked note beside them:"</p>
        <CorrectionList notes=true testid="booklet-notes"/>
        <h2>"Not legal advice"</h2>
        <p>"This app gives information, not legal advice. For advice about your child, contact Hertfordshire SENDIASS."</p>
    }
}

/// The corrections to the booklet's text, or the notes beside its words, each with why.
#[component]
fn CorrectionList(notes: bool, testid: &'static str) -> impl IntoView {
    view! {
        <ul class="corrections" data-testid=testid>
            {corrections().into_iter().filter(|c| c.is_note() == notes).map(|c| view! {
                <li>
                    <h3>{c.title}</h3>
                    <p>{c.why}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}
