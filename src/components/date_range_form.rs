//! "From" and "to" dates for a filter, as GOV.UK date inputs, applied with a button so that a
//! half-typed date does not flash an error. Impossible dates get an error summary and change
//! nothing. Used by the case's log and by the timeline.

use crate::clock::today;
use crate::components::date_input::{date_error_message, first_wrong_box, DateInput};
use crate::components::error_summary::{ErrorLink, ErrorSummary};
use crate::domain::date_input::{read_date_range, DatePart, DateParts, RangeError};
use chrono::NaiveDate;
use leptos::prelude::*;

/// A chosen range: either end may be open.
pub type DateRange = (Option<NaiveDate>, Option<NaiveDate>);

/// The error's message for the summary and the field, and which boxes are wrong.
fn explain(error: &RangeError) -> (String, Vec<DatePart>) {
    match error {
        RangeError::From(e) => (date_error_message("the \"from\" date", e), e.parts()),
        RangeError::To(e) => (date_error_message("the \"to\" date", e), e.parts()),
        RangeError::ToBeforeFrom => (
            "The \"to\" date must be the same as or after the \"from\" date".to_string(),
            vec![DatePart::Day, DatePart::Month, DatePart::Year],
        ),
    }
}

/// `ids` are the two date inputs' id stems, for example `["log-from", "log-to"]`.
#[component]
pub fn DateRangeForm(
    ids: [&'static str; 2],
    /// The range in use when the form is drawn.
    start: DateRange,
    on_apply: Callback<DateRange>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let typed = |date: Option<NaiveDate>| date.map(DateParts::from_date).unwrap_or_default();
    let from = RwSignal::new(typed(start.0));
    let to = RwSignal::new(typed(start.1));
    let errors = RwSignal::new(Vec::<RangeError>::new());
    let links = Signal::derive(move || {
        errors
            .read()
            .iter()
            .map(|error| {
                let (message, parts) = explain(error);
                let field = match error {
                    RangeError::From(_) => ids[0],
                    _ => ids[1],
                };
                ErrorLink {
                    message,
                    target_id: first_wrong_box(field, &parts),
                }
            })
            .collect::<Vec<_>>()
    });
    let change = |parts: RwSignal<DateParts>| {
        Callback::new(move |(part, value): (DatePart, String)| parts.update(|p| p.set(part, value)))
    };
    let error_for = move |from_side: bool| {
        Signal::derive(move || {
            errors
                .read()
                .iter()
                .find(|e| matches!(e, RangeError::From(_)) == from_side)
                .map(explain)
        })
    };
    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match read_date_range(&from.get_untracked(), &to.get_untracked(), today()) {
            Ok(range) => {
                errors.set(Vec::new());
                on_apply.run(range);
            }
            Err(found) => errors.set(found),
        }
    };
    let clear = move |_| {
        from.set(DateParts::default());
        to.set(DateParts::default());
        errors.set(Vec::new());
        on_apply.run((None, None));
    };
    view! {
        <ErrorSummary errors=links/>
        <form novalidate on:submit=apply data-testid=testid>
            <div class="date-range">
                <DateInput id=ids[0] label="From" hint="For example, 1 9 2025" optional=true
                    value=from.into() on_change=change(from) error=error_for(true)/>
                <DateInput id=ids[1] label="To" hint="For example, 31 7 2026" optional=true
                    value=to.into() on_change=change(to) error=error_for(false)/>
            </div>
            <div class="button-group">
                <button type="submit" class="button button--secondary">"Show these dates"</button>
                <button type="button" class="button button--secondary" on:click=clear>"All dates"</button>
            </div>
        </form>
    }
}
