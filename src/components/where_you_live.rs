//! What the app says about contacts depends on where the child lives: the booklet's numbers are
//! Hertfordshire's, and elsewhere in England they are never offered as the parent's own. The
//! answer is the one given on "What can I do?", kept on the device.

use crate::domain::guide::Area;
use crate::state::CasebookState;
use leptos::prelude::*;

/// How to find one's own council's SEN team and SENDIASS outside Hertfordshire.
const FIND_YOUR_OWN: &str = "Your council's SEN team is named on its letters to you and on its Local Offer website. Every council has a SENDIASS (free, impartial information, advice and support): find yours on the Local Offer website or through the national IASS Network.";

/// Above the booklet's contacts: whose they are, and, outside Hertfordshire, where to find the
/// parent's own (and where to keep them).
#[component]
pub fn WhoseContacts() -> impl IntoView {
    let area = expect_context::<CasebookState>().load_area();
    match area {
        Some(Area::Elsewhere) => view! {
            <div class="callout" data-testid="contacts-elsewhere">
                <p><strong>"These are Hertfordshire's contacts, not your council's."</strong> " You told the app your child lives somewhere else in England (you can change that on "
                    <a href="/options">"What can I do?"</a> ")."</p>
                <p>{FIND_YOUR_OWN}</p>
                <p>"You can keep your own contacts on your child's case in " <a href="/records">"My records"</a> ", with tap-to-call links."</p>
            </div>
        }
        .into_any(),
        _ => view! {
            <p class="hint" data-testid="contacts-whose">"These are for families in Hertfordshire. Somewhere else in England? " {FIND_YOUR_OWN}</p>
        }
        .into_any(),
    }
}

/// "Information, not advice", with the advice service that fits where the child lives.
#[component]
pub fn AdviceSource() -> impl IntoView {
    let area = expect_context::<CasebookState>().load_area();
    match area {
        Some(Area::Elsewhere) => view! {
            "This is information, not legal advice: check important dates with your local SENDIASS (your council's Local Offer website names it)."
        }
        .into_any(),
        _ => view! {
            "This is information, not legal advice: check important dates with your local SENDIASS (in Hertfordshire, "
            <a href="tel:+441992555847">"01992 555847"</a> ")."
        }
        .into_any(),
    }
}
