//! "If you may want to appeal: the mediation adviser comes first", while the adviser's date is
//! still to meet and the appeal's is open, with the guide and the contacts one tap away.

use crate::domain::my_dates::Warning;
use crate::domain::words::long_date;
use leptos::prelude::*;

#[component]
pub fn AdviserWarning(warning: Warning) -> impl IntoView {
    match warning {
                Warning::AdviserBeforeAppeal { adviser, appeal, passed: false } => view! {
                    <div class="callout callout--warning" data-testid="adviser-warning">
                        <p class="callout__label">"If you may want to appeal: the mediation adviser comes first"</p>
                        <p>
                            "First contact the mediation adviser named in the council's letter, by " <strong>{long_date(adviser)}</strong>
                            ". That is before your appeal deadline of " {long_date(appeal)}
                            ", and it does not move for weekends, holidays or August. Phone them as early as you can."
                        </p>
                        <p><a href="/guide/mediation">"About mediation"</a> " · " <a href="/contacts">"Contacts"</a></p>
                    </div>
                }.into_any(),
                Warning::AdviserBeforeAppeal { appeal, passed: true, .. } => view! {
                    <div class="callout callout--warning" data-testid="adviser-warning">
                        <p class="callout__label">"The mediation adviser date has passed; your appeal date has not"</p>
                        <p>
                            "If you may want to appeal, contact the mediation adviser named in the council's letter now, and ask SENDIASS for advice. "
                            "Your appeal deadline is " <strong>{long_date(appeal)}</strong> "."
                        </p>
                        <p><a href="/guide/mediation">"About mediation"</a> " · " <a href="/contacts">"Contacts"</a></p>
                    </div>
                }.into_any()
    }
}
