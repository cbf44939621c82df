//! What to do with a finished letter: copy it, open it in the mail app, print it on A4, or save
//! it as a text or web-page file. Nothing is sent from the app.

use crate::clock::today;
use crate::components::download::offer_download;
use crate::content::letters::{Filled, Letter};
use crate::domain::letter_draft::{as_html, as_text, file_name, mailto};
use leptos::prelude::*;

/// Puts `text` on the clipboard; `done` hears whether it worked.
fn copy_text(text: String, done: impl Fn(bool) + 'static) {
    let clipboard = window().navigator().clipboard();
    let promise = clipboard.write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        let worked = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done(worked);
    });
}

#[component]
pub fn LetterActions(letter: &'static Letter, filled: Filled) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let email = RwSignal::new(String::new());
    let filled = StoredValue::new(filled);
    let copy = move |what: &'static str| {
        let text = filled.with_value(|f| match what {
            "subject" => f.subject.clone(),
            _ => f.body.clone(),
        });
        copy_text(text, move |worked| {
            message.set(Some(if worked {
                match what {
                    "subject" => "The subject line is copied.".to_string(),
                    _ => "The letter is copied. Paste it into an email or a document.".to_string(),
                }
            } else {
                "This browser did not let the app copy. Select the letter above and copy it yourself.".to_string()
            }));
        });
    };
    let address = move || filled.with_value(|f| mailto(&email.get(), f));
    let copy_for_email = move |_| {
        let body = filled.with_value(|f| f.body.clone());
        copy_text(body, move |worked| {
            message.set(Some(if worked {
                "The letter is copied: start a new email, paste it in, and copy the subject line too.".to_string()
            } else {
                "Select the letter above, copy it, and paste it into a new email.".to_string()
            }));
        });
    };
    let download_text = move |_| {
        filled.with_value(|f| {
            offer_download(
                &file_name(letter, today(), "txt"),
                "text/plain;charset=utf-8",
                &as_text(f),
            )
        })
    };
    let download_html = move |_| {
        filled.with_value(|f| {
            offer_download(
                &file_name(letter, today(), "html"),
                "text/html;charset=utf-8",
                &as_html(f, &letter.title),
            )
        })
    };
    view! {
        <section class="panel no-print" aria-labelledby="letter-actions-heading" data-testid="letter-actions">
            <h2 id="letter-actions-heading">"Send or keep it"</h2>
            <div class="button-group">
                <button type="button" class="button" data-testid="copy-letter" on:click=move |_| copy("body")>"Copy the letter"</button>
                <button type="button" class="button button--secondary" data-testid="copy-subject" on:click=move |_| copy("subject")>"Copy the subject line"</button>
            </div>
            <p role="status" class="hint" data-testid="letter-message">{move || message.get()}</p>
            <div class="form-group">
                <label class="label" for="letter-email">"Their email address (optional)"</label>
                <p class="hint" id="letter-email-hint">"Opens the letter in your email app, ready to send. The app sends nothing itself."</p>
                <input id="letter-email" class="input" type="email" autocomplete="off" spellcheck="false"
                    aria-describedby="letter-email-hint"
                    prop:value=move || email.get() on:input=move |e| email.set(event_target_value(&e))/>
            </div>
            <div class="button-group">
                {move || match address() {
                    Some(href) => view! {
                        <a class="button button--secondary" href=href data-testid="email-letter">"Open in my email app"</a>
                    }.into_any(),
                    None => view! {
                        <p class="hint" data-testid="email-too-long">"This letter is too long for your email app to open whole from a link."</p>
                        <button type="button" class="button button--secondary" data-testid="copy-for-email" on:click=copy_for_email>"Copy it for an email"</button>
                    }.into_any(),
                }}
                <button type="button" class="button button--secondary" data-testid="print-letter" on:click=|_| { let _ = window().print(); }>"Print the letter"</button>
            </div>
            <div class="button-group">
                <button type="button" class="button button--secondary" data-testid="download-letter-text" on:click=download_text>"Save as a text file"</button>
                <button type="button" class="button button--secondary" data-testid="download-letter-html" on:click=download_html>"Save as a web page"</button>
            </div>
        </section>
    }
}
