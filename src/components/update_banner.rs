//! Tells the parent a new version is ready, and applies it only when they choose.

use crate::pwa::{self, PwaStatus};
use leptos::prelude::*;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let status = expect_context::<PwaStatus>();
    view! {
        <Show when=move || status.update_ready.get() && !status.update_dismissed.get()>
            <section class="update-banner" role="status" aria-labelledby="update-banner-title" data-testid="update-banner">
                <h2 id="update-banner-title" class="update-banner__title">"A new version of SEND Casebook is ready"</h2>
                <p>"Update when it suits you. It takes a moment and keeps everything saved on this device."</p>
                <div class="button-group">
                    <button type="button" class="button" on:click=|_| pwa::apply_update()>"Update now"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| status.update_dismissed.set(true)>"Not now"</button>
                </div>
            </section>
        </Show>
    }
}
