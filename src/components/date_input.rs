//! The GOV.UK date input: a fieldset with day, month and year boxes, a hint and an error.

use crate::domain::date_input::{DateError, DatePart, DateParts};
use crate::domain::my_dates::part_suffix;
use leptos::prelude::*;

#[component]
pub fn DateInput(
    /// Stem of the ids: `{id}-day`, `{id}-month`, `{id}-year`.
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    #[prop(optional)] optional: bool,
    value: Signal<DateParts>,
    on_change: Callback<(DatePart, String)>,
    /// The message to show, and which boxes are wrong.
    error: Signal<Option<(String, Vec<DatePart>)>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = move || {
        if error.read().is_some() {
            format!("{hint_id} {error_id}")
        } else {
            hint_id.clone()
        }
    };
    let part = move |part: DatePart, label: &'static str, width: &'static str| {
        let input_id = format!("{id}-{}", part_suffix(part));
        let for_id = input_id.clone();
        let wrong = move || {
            error
                .read()
                .as_ref()
                .is_some_and(|(_, parts)| parts.contains(&part))
        };
        let current = move || {
            let parts = value.get();
            match part {
                DatePart::Day => parts.day,
                DatePart::Month => parts.month,
                DatePart::Year => parts.year,
            }
        };
        view! {
            <div class="date-input__item">
                <label class="date-input__label" for=for_id>{label}</label>
                <input
                    id=input_id
                    class=move || format!("input date-input__input {width}{}", if wrong() { " input--error" } else { "" })
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=current
                    on:input=move |event| on_change.run((part, event_target_value(&event)))
                />
            </div>
        }
    };
    let group_class = move || {
        if error.read().is_some() {
            "form-group form-group--error"
        } else {
            "form-group"
        }
    };
    view! {
        <div class=group_class>
            <fieldset class="fieldset" role="group" aria-describedby=described_by>
                <legend class="fieldset__legend">
                    {label}{optional.then_some(" (optional)")}
                </legend>
                <p class="hint" id=format!("{id}-hint")>{hint}</p>
                {move || error.get().map(|(message, _)| view! {
                    <p class="error-message" id=format!("{id}-error")>
                        <span class="visually-hidden">"Error: "</span>{message}
                    </p>
                })}
                <div class="date-input">
                    {part(DatePart::Day, "Day", "input--width-2")}
                    {part(DatePart::Month, "Month", "input--width-2")}
                    {part(DatePart::Year, "Year", "input--width-4")}
                </div>
            </fieldset>
        </div>
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn parts_in_words(parts: &[DatePart]) -> String {
    let words: Vec<&str> = parts
        .iter()
        .map(|p| match p {
            DatePart::Day => "day",
            DatePart::Month => "month",
            DatePart::Year => "year",
        })
        .collect();
    match words.as_slice() {
        [one] => format!("a {one}"),
        [first, second] => format!("a {first} and {second}"),
        _ => words.join(", "),
    }
}

/// The GOV.UK-style message for a date that cannot be read; `name` is how the field is called
/// in a sentence ("the date the decision was sent").
/// The id of the first box a date error names (`{id}-day`, `-month` or `-year`), for an
/// error summary's link; the day's when it names none.
pub fn first_wrong_box(id: &str, parts: &[DatePart]) -> String {
    format!(
        "{id}-{}",
        parts.first().map_or("day", |part| part_suffix(*part))
    )
}

pub fn date_error_message(name: &str, error: &DateError) -> String {
    match error {
        DateError::Missing => format!("Enter {name}"),
        DateError::Incomplete(parts) => format!(
            "{} must include {}",
            capitalise(name),
            parts_in_words(parts)
        ),
        DateError::NotNumbers(_) => format!(
            "{} must be written in numbers, for example 30 6 2025",
            capitalise(name)
        ),
        DateError::YearNotFourDigits => {
            format!("The year of {name} must have 4 numbers, for example 2025")
        }
        DateError::NotARealDate(_) => format!("{} must be a real date", capitalise(name)),
        DateError::YearOutOfRange { earliest, latest } => {
            format!(
                "{} must be between {earliest} and {latest}",
                capitalise(name)
            )
        }
    }
}
