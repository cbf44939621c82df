//! Every phone number and email address in the guide on one page, for use in a hurry.

use crate::components::page_title::PageTitle;
use crate::components::where_you_live::WhoseContacts;
use crate::content::{booklet, ContactKind};
use leptos::prelude::*;

#[component]
pub fn ContactsPage() -> impl IntoView {
    view! {
        <PageTitle text="Contacts"/>
        <h1 tabindex="-1">"Contacts"</h1>
        <p class="lead">"Tap a number to call it or an address to write an email. These come from the Hertfordshire SENDIASS booklet."</p>
        <WhoseContacts/>
        <ul class="contact-list" data-testid="contact-list">
            {booklet().contacts().into_iter().map(|contact| {
                let section = booklet().section(&contact.section_slug).map(|s| s.title.clone()).unwrap_or_default();
                view! {
                    <li class="contact">
                        <h2 class="contact__name">{contact.name.clone()}</h2>
                        <ul class="contact__links">
                            {contact.links.into_iter().map(|(kind, link)| {
                                let verb = match kind {
                                    ContactKind::Phone => "Call ",
                                    ContactKind::Email => "Email ",
                                };
                                view! {
                                    <li><a class="contact-link" href=link.href>{verb}<span class="contact-link__value">{link.text}</span></a></li>
                                }
                            }).collect_view()}
                        </ul>
                        <p class="contact__more">
                            "More in the guide: "
                            <a href=format!("/guide/{}", contact.section_slug)>{section}</a>
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
