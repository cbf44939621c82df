//! Labelled text, text area and select fields in the GOV.UK style, with an optional error.

use leptos::prelude::*;

fn group_class(has_error: bool) -> &'static str {
    if has_error {
        "form-group form-group--error"
    } else {
        "form-group"
    }
}

#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional)] width: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = move || {
        let mut ids = Vec::new();
        if !hint.is_empty() {
            ids.push(hint_id.clone());
        }
        if error.read().is_some() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class=move || group_class(error.read().is_some())>
            <label class="label" for=id>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            {move || error.get().map(|m| view! { <p class="error-message" id=format!("{id}-error")><span class="visually-hidden">"Error: "</span>{m}</p> })}
            <input id=id type="text" autocomplete="off"
                class=move || format!("input {width}{}", if error.read().is_some() { " input--error" } else { "" })
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |event| on_input.run(event_target_value(&event))/>
        </div>
    }
}

/// A text area. With `limit`, it says how many characters are left once the text nears the
/// limit, and how many too many past it (GOV.UK character count), before the parent saves.
#[component]
pub fn TextArea(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
    #[prop(default = 5)] rows: u32,
    #[prop(optional)] limit: Option<usize>,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let count_id = format!("{id}-count");
    let count = move || {
        let limit = limit?;
        let length = value.with(|v| v.chars().count());
        if length * 10 < limit * 9 {
            return None;
        }
        Some(if length <= limit {
            format!(
                "You have {} characters remaining",
                crate::domain::limits::group(limit - length)
            )
        } else {
            format!(
                "You have {} characters too many",
                crate::domain::limits::group(length - limit)
            )
        })
    };
    let described = move || {
        let mut ids = Vec::new();
        if !hint.is_empty() {
            ids.push(format!("{id}-hint"));
        }
        if error.read().is_some() {
            ids.push(format!("{id}-error"));
        }
        if limit.is_some() {
            ids.push(format!("{id}-count"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class=move || group_class(error.read().is_some())>
            <label class="label" for=id>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            {move || error.get().map(|m| view! { <p class="error-message" id=format!("{id}-error")><span class="visually-hidden">"Error: "</span>{m}</p> })}
            <textarea id=id class=move || if error.read().is_some() { "textarea input--error" } else { "textarea" } rows=rows
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |event| on_input.run(event_target_value(&event))></textarea>
            {limit.map(|_| view! { <p class="hint character-count" id=count_id aria-live="polite" data-testid=format!("{id}-count")>{count}</p> })}
        </div>
    }
}

/// A select with options given as (value, label) pairs.
#[component]
pub fn SelectField(
    id: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    value: Signal<&'static str>,
    on_change: Callback<String>,
    /// A message when nothing suitable is chosen.
    #[prop(optional)]
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let error = move || error.and_then(|e| e.get());
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class=move || if error().is_some() { "form-group form-group--error" } else { "form-group" }>
            <label class="label" for=id>{label}</label>
            {move || error().map(|message| view! {
                <p class="error-message" id=error_id.clone()><span class="visually-hidden">"Error: "</span>{message}</p>
            })}
            <select id=id class="select" aria-describedby=move || error().map(|_| described.clone())
                aria-invalid=move || error().map(|_| "true")
                on:change=move |event| on_change.run(event_target_value(&event))>
                {options.into_iter().map(|(option, text)| view! {
                    <option value=option selected=move || value.get() == option>{text}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// A GOV.UK-style checkbox with its label.
#[component]
pub fn Checkbox(
    #[prop(into)] id: String,
    label: &'static str,
    checked: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="checkboxes__item">
            <input class="checkboxes__input" type="checkbox" id=id.clone()
                prop:checked=move || checked.get()
                on:change=move |event| on_change.run(event_target_checked(&event))/>
            <label class="checkboxes__label" for=id>{label}</label>
        </div>
    }
}
