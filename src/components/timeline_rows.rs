//! The rows of the timeline table (date, day, what happened, who, status) and the "today" row.
//!
//! A case can have thousands of items. Drawn through `view!`, each row cost about fifty DOM calls
//! and thirty string copies, and 2,000 rows took over 200 ms. Here each row is a deep clone of
//! one template row (a single DOM call) whose text is then filled in with `textContent`: never as
//! HTML, so nothing the parent typed can become markup. Only a deadline's "How this date was
//! worked out" is a Leptos view, mounted into its cell.
//!
//! The table keeps explicit table roles because the screen style lays its rows out as a grid.
//! Every status is in words, so a black-and-white print says it all.

use crate::components::deadline_card::DeadlineWorking;
use crate::domain::timeline::{RecordRef, Timeline, TimelineItem, Tone};
use crate::domain::words::{long_date, short_date, weekday_name};
use chrono::{NaiveDate, Timelike};
use leptos::prelude::*;
use web_sys::{Document, Element, HtmlElement};

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Plain => "status",
        Tone::Soon => "status status--soon",
        Tone::Attention => "status status--attention",
        Tone::Done => "status status--done",
    }
}

/// Views mounted inside the rows, kept alive until the rows are drawn again.
pub type MountedViews = Vec<Box<dyn std::any::Any>>;

fn element(document: &Document, tag: &str, class: &str) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    Some(element)
}

/// The row every item is cloned from:
/// `<tr><td><time/></td><td/><td><span/><a/><p/></td><td/><td><span/></td></tr>`.
fn template_row(document: &Document) -> Option<Element> {
    let row = element(document, "tr", "timeline__item")?;
    row.set_attribute("data-testid", "timeline-item").ok()?;
    row.set_attribute("role", "row").ok()?;
    let date = element(document, "td", "timeline__date")?;
    let time = element(document, "time", "")?;
    date.append_child(&time).ok()?;
    let what = element(document, "td", "timeline__what")?;
    for (tag, class) in [
        ("span", "timeline__kind"),
        ("a", "timeline__title"),
        ("p", "timeline__detail"),
    ] {
        let part = element(document, tag, class)?;
        what.append_child(&part).ok()?;
    }
    let status = element(document, "td", "timeline__status")?;
    let label = element(document, "span", "status")?;
    status.append_child(&label).ok()?;
    for cell in [
        date,
        element(document, "td", "timeline__day")?,
        what,
        element(document, "td", "timeline__who")?,
        status,
    ] {
        cell.set_attribute("role", "cell").ok()?;
        row.append_child(&cell).ok()?;
    }
    Some(row)
}

/// Fills a clone of the template with one item.
fn fill_row(
    document: &Document,
    row: &Element,
    item: &TimelineItem,
    case_id: &str,
    mounted: &mut MountedViews,
) -> Option<()> {
    row.set_class_name(&format!(
        "timeline__item timeline__item--{}",
        item.kind.id()
    ));
    let date = row.first_element_child()?;
    let time = date.first_element_child()?;
    time.set_attribute("datetime", &item.date.to_string())
        .ok()?;
    let mut when = short_date(item.date);
    if let Some(t) = item.time {
        when.push_str(&format!(", {:02}:{:02}", t.hour(), t.minute()));
    }
    time.set_text_content(Some(&when));
    let day = date.next_element_sibling()?;
    day.set_text_content(Some(weekday_name(item.date)));
    let what = day.next_element_sibling()?;
    let kind = what.first_element_child()?;
    kind.set_text_content(Some(item.kind.singular()));
    let link = kind.next_element_sibling()?;
    let href = match &item.record {
        RecordRef::Entry(id) => format!("/records/{case_id}/log/{id}"),
        RecordRef::Note(id) => format!("/records/{case_id}/notes/{id}"),
    };
    link.set_attribute("href", &href).ok()?;
    link.set_text_content(Some(&item.title));
    let detail = link.next_element_sibling()?;
    if item.detail.is_empty() {
        detail.remove();
    } else {
        detail.set_text_content(Some(&item.detail));
    }
    if let Some((deadline, _)) = &item.deadline {
        if let Some(later) = &deadline.later_reading {
            let unsure = element(document, "p", "timeline__unsure")?;
            let label = element(document, "strong", "")?;
            label.set_text_content(Some("The law is unclear here: "));
            unsure.append_child(&label).ok()?;
            unsure.append_with_str_1(&later.note).ok()?;
            what.append_child(&unsure).ok()?;
        }
        let cell: HtmlElement = wasm_bindgen::JsCast::dyn_into(what.clone()).ok()?;
        let deadline = deadline.clone();
        mounted.push(Box::new(leptos::mount::mount_to(cell, move || {
            view! { <DeadlineWorking deadline=deadline/> }
        })));
    }
    let who = what.next_element_sibling()?;
    who.set_text_content(Some(&item.who));
    let status = who.next_element_sibling()?.first_element_child()?;
    status.set_class_name(tone_class(item.status.tone()));
    status.set_text_content(Some(&item.status.label()));
    Some(())
}

fn today_row(document: &Document, today: NaiveDate) -> Option<Element> {
    let row = element(document, "tr", "timeline__today")?;
    row.set_attribute("data-testid", "timeline-today").ok()?;
    row.set_attribute("role", "row").ok()?;
    let cell = element(document, "td", "")?;
    cell.set_attribute("colspan", "5").ok()?;
    cell.set_attribute("role", "cell").ok()?;
    let label = element(document, "strong", "")?;
    label.set_text_content(Some("Today"));
    cell.append_child(&label).ok()?;
    cell.append_with_str_1(&format!(", {}", long_date(today)))
        .ok()?;
    row.append_child(&cell).ok()?;
    Some(row)
}

/// Appends the rows for items `from..to` of the timeline to `body`, with the "today" row in its
/// place, keeping the views mounted in them in `mounted`.
pub fn append_rows(
    body: &Element,
    timeline: &Timeline,
    (from, to): (usize, usize),
    case_id: &str,
    today: NaiveDate,
    mounted: &mut MountedViews,
) {
    let document = document();
    let Some(template) = template_row(&document) else {
        return;
    };
    let rows = document.create_document_fragment();
    let to = to.min(timeline.items.len());
    for (index, item) in timeline.items.iter().enumerate().take(to).skip(from) {
        if index == timeline.before_today {
            if let Some(row) = today_row(&document, today) {
                let _ = rows.append_child(&row);
            }
        }
        let Ok(row) = template.clone_node_with_deep(true) else {
            continue;
        };
        if let Ok(row) = wasm_bindgen::JsCast::dyn_into::<Element>(row) {
            if fill_row(&document, &row, item, case_id, mounted).is_some() {
                let _ = rows.append_child(&row);
            }
        }
    }
    if to == timeline.items.len() && timeline.before_today == to {
        if let Some(row) = today_row(&document, today) {
            let _ = rows.append_child(&row);
        }
    }
    let _ = body.append_child(&rows);
}
