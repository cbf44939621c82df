//! A case's timeline: everything recorded and every date that follows, in one list, with
//! filters that also shape the printed copy and the calendar file.

use crate::clock::{now_utc, today};
use crate::components::date_range_form::DateRangeForm;
use crate::components::download::offer_download;
use crate::components::fields::Checkbox;
use crate::components::not_found::case_page_or_not_found;
use crate::components::page_title::PageTitle;
use crate::components::timeline_rows::{append_rows, MountedViews};
use crate::domain::casebook::Party;
use crate::domain::ics::calendar_file;
use crate::domain::sorting;
use crate::domain::timeline::{
    build_timeline, filters_in_words, future_events, title_block, ItemKind, Timeline,
    TimelineFilter,
};
use crate::state::CasebookState;
use leptos::prelude::*;

#[component]
pub fn TimelinePage() -> impl IntoView {
    case_page_or_not_found(|case_id| view! { <TimelineView case_id=case_id/> })
}

thread_local! {
    /// Each case's timeline filters and the initials choice, for this visit.
    static REMEMBERED: std::cell::RefCell<std::collections::HashMap<String, (TimelineFilter, bool)>> =
        Default::default();
}

fn remembered(case_id: &str) -> (TimelineFilter, bool) {
    REMEMBERED.with(|r| r.borrow().get(case_id).cloned().unwrap_or_default())
}

#[component]
fn TimelineView(case_id: String) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let today = today();
    // The filters chosen for this case, as the parent left them (opening an item and coming
    // back keeps them); kept in memory for this visit only.
    let (remembered, initials) = remembered(&case_id);
    let filter = RwSignal::new(remembered);
    let initials_only = RwSignal::new(initials);
    let remember_id = case_id.clone();
    Effect::new(move |_| {
        let chosen = (filter.get(), initials_only.get());
        REMEMBERED.with(|r| r.borrow_mut().insert(remember_id.clone(), chosen));
    });
    let id = StoredValue::new(case_id.clone());
    let timeline = Memo::new(move |_| {
        let id = id.get_value();
        state.book.with(|b| {
            b.case(&id)
                .map(|case| filter.with(|f| build_timeline(case, today, f)))
        })
    });
    let name = move || {
        state.book.with(|b| {
            b.case(&id.get_value())
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    };
    let block = Memo::new(move |_| {
        state.book.with(|b| {
            b.case(&id.get_value())
                .map(|case| filter.with(|f| title_block(case, f, today, initials_only.get())))
        })
    });
    let count = move || timeline.with(|t| t.as_ref().map_or(0, |t| t.items.len()));
    let back = format!("/records/{case_id}");
    let calendar_note = RwSignal::new(None::<&'static str>);
    let download = move |_| {
        let id = id.get_value();
        let text = state.book.with_untracked(|b| {
            let case = b.case(&id)?;
            let events = timeline.with_untracked(|t| {
                t.as_ref()
                    .map(|t| future_events(case, t, initials_only.get_untracked()))
            })?;
            Some((events.len(), calendar_file(&events, "Timeline", now_utc())))
        });
        match text {
            Some((n, text)) if n > 0 => {
                calendar_note.set(None);
                offer_download(
                    "send-casebook-timeline.ics",
                    "text/calendar;charset=utf-8",
                    &text,
                )
            }
            _ => calendar_note.set(Some(
                "There are no dates from today on in this timeline to add.",
            )),
        }
    };
    view! {
        // The same name as the printed title block (initials when chosen): browsers print the
        // page title in their page header.
        <PageTitle text=move || block.get().map(|b| b.heading).unwrap_or_default()/>
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol><li><a href="/records">"My records"</a></li><li><a href=back.clone()>{name}</a></li></ol>
        </nav>
        <div class="print-only timeline-title" data-testid="print-title">
            {move || block.get().map(|block| view! {
                <p class="timeline-title__heading">{block.heading}</p>
                <dl class="timeline-title__lines">
                    {block.lines.into_iter().map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> }).collect_view()}
                </dl>
            })}
        </div>
        <h1 tabindex="-1" class="no-print">"Timeline: " {name}</h1>
        <p class="lead no-print">"Everything you recorded for this case and the dates that follow from it, oldest first. Print it for a meeting, mediation or the Tribunal."</p>
        <TimelineFilters filter=filter initials_only=initials_only/>
        <div class="button-group no-print">
            <button type="button" class="button" data-testid="print-timeline" on:click=|_| { let _ = window().print(); }>
                {move || if filter.read().for_tribunal { "Print the chronology" } else { "Print the timeline" }}
            </button>
            <button type="button" class="button button--secondary" data-testid="timeline-calendar" on:click=download>
                "Add future dates to calendar (.ics)"
            </button>
        </div>
        {move || calendar_note.get().map(|note| view! { <p class="hint" role="status">{note}</p> })}
        <p class="no-print" role="status" data-testid="timeline-count">{move || match count() {
            1 => "1 item".to_string(),
            n => format!("{n} items"),
        }}</p>
        {move || timeline.with(|t| t.as_ref().map(|t| t.items.is_empty())).unwrap_or(true).then(|| view! {
            <p data-testid="timeline-empty">"Nothing to show. Add letters, calls and notes to the case, or change the filters."</p>
        })}
        <TimelineTable timeline=timeline case_id=case_id today=today/>
    }
}

/// How far drawing the rows has gone. A long timeline is drawn a chunk at a time between frames,
/// so the first screenful shows at once and the page never freezes; printing draws the rest
/// first (`beforeprint`).
#[derive(Default)]
struct Progress {
    /// Bumped on every redraw, so that a chunk queued for an older timeline stops.
    generation: u64,
    next: usize,
    mounted: MountedViews,
}

/// Rows drawn at once when the timeline opens (more than a screenful), then per chunk.
const FIRST_ROWS: usize = 60;
const ROWS_PER_CHUNK: usize = 150;

#[component]
fn TimelineTable(
    timeline: Memo<Option<Timeline>>,
    case_id: String,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let body = NodeRef::<leptos::html::Tbody>::new();
    let progress = StoredValue::new_local(Progress::default());
    let busy = RwSignal::new(true);
    let case_id = StoredValue::new(case_id);
    // Draws up to `count` more rows of the current timeline; queues the rest.
    let draw_more = move |generation: u64, count: usize| {
        let Some(body) = body.get_untracked() else {
            return true;
        };
        let finished = timeline.with_untracked(|t| {
            let Some(t) = t else { return true };
            progress
                .try_update_value(|p| {
                    if p.generation != generation || p.next >= t.items.len() {
                        return p.next >= t.items.len();
                    }
                    let to = p.next.saturating_add(count).min(t.items.len());
                    case_id.with_value(|id| {
                        append_rows(&body, t, (p.next, to), id, today, &mut p.mounted)
                    });
                    p.next = to;
                    to >= t.items.len()
                })
                .unwrap_or(true)
        });
        if finished {
            busy.set(false);
        }
        finished
    };
    fn keep_drawing(draw_more: impl Fn(u64, usize) -> bool + Copy + 'static, generation: u64) {
        set_timeout(
            move || {
                if !draw_more(generation, ROWS_PER_CHUNK) {
                    keep_drawing(draw_more, generation);
                }
            },
            std::time::Duration::ZERO,
        );
    }
    Effect::new(move |_| {
        timeline.track();
        let Some(body) = body.get() else { return };
        busy.set(true);
        let generation = progress
            .try_update_value(|p| {
                p.generation += 1;
                p.next = 0;
                p.generation
            })
            .unwrap_or_default();
        body.set_text_content(None);
        // The old rows' views go only now that their rows are gone.
        progress.update_value(|p| p.mounted.clear());
        if !draw_more(generation, FIRST_ROWS) {
            keep_drawing(draw_more, generation);
        }
    });
    let _ = window_event_listener(leptos::ev::beforeprint, move |_| {
        let generation = progress.with_value(|p| p.generation);
        draw_more(generation, usize::MAX);
    });
    view! {
        <table class="timeline" data-testid="timeline" role="table" aria-busy=move || busy.get().to_string()>
            <caption class="visually-hidden">"Timeline, oldest first"</caption>
            <thead role="rowgroup">
                <tr role="row">
                    <th scope="col" role="columnheader" class="timeline__date">"Date"</th>
                    <th scope="col" role="columnheader" class="timeline__day">"Day"</th>
                    <th scope="col" role="columnheader">"What happened"</th>
                    <th scope="col" role="columnheader" class="timeline__who">"Who"</th>
                    <th scope="col" role="columnheader" class="timeline__status">"Status"</th>
                </tr>
            </thead>
            <tbody node_ref=body role="rowgroup"></tbody>
        </table>
    }
}

/// The filters: date range (GOV.UK date inputs, applied with a button so that half-typed dates
/// do not flash errors), kinds, people, the Tribunal chronology and initials for printing.
#[component]
fn TimelineFilters(
    filter: RwSignal<TimelineFilter>,
    initials_only: RwSignal<bool>,
) -> impl IntoView {
    let start = filter.with_untracked(|f| (f.from, f.to));
    let apply = Callback::new(move |(from, to)| {
        filter.update(|f| {
            f.from = from;
            f.to = to;
        })
    });
    view! {
        <details class="timeline-filters no-print" data-testid="timeline-filters">
            <summary class="timeline-filters__summary">
                <span class="timeline-filters__title">"Choose what to show and print"</span>
                <span class="timeline-filters__now" data-testid="filters-now">{move || filter.with(filters_in_words)}</span>
            </summary>
            <DateRangeForm ids=["timeline-from", "timeline-to"] start=start on_apply=apply testid="timeline-dates"/>
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"Show"</legend>
                <div class="checkboxes checkboxes--columns">
                    {ItemKind::ALL.into_iter().map(|kind| view! {
                        <Checkbox id=format!("show-{}", kind.id()) label=kind.label()
                            checked=Signal::derive(move || filter.read().kinds.contains(kind))
                            on_change=Callback::new(move |on: bool| filter.update(|f| f.kinds = f.kinds.with(kind, on)))/>
                    }).collect_view()}
                </div>
            </fieldset>
            <details class="details">
                <summary class="details__summary">"Only items involving…"</summary>
                <div class="details__text">
                    <p class="hint">"Tick the people or organisations to show. Leave them all unticked to show everyone."</p>
                    <div class="checkboxes checkboxes--columns">
                        {Party::ALL.into_iter().map(|party| view! {
                            <Checkbox id=format!("party-{}", party.id()) label=party.label()
                                checked=Signal::derive(move || filter.read().parties.contains(&party))
                                on_change=Callback::new(move |on: bool| filter.update(|f| {
                                    f.parties.retain(|p| *p != party);
                                    if on { f.parties.push(party); sorting::sort(&mut f.parties); }
                                }))/>
                        }).collect_view()}
                    </div>
                </div>
            </details>
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"For printing"</legend>
                <Checkbox id="for-tribunal" label="A chronology for the Tribunal: leave out my private notes and follow-up reminders"
                    checked=Signal::derive(move || filter.read().for_tribunal)
                    on_change=Callback::new(move |on: bool| filter.update(|f| f.for_tribunal = on))/>
                <Checkbox id="initials-only" label="Use initials instead of my child's name"
                    checked=initials_only.into()
                    on_change=Callback::new(move |on: bool| initials_only.set(on))/>
            </fieldset>
        </details>
    }
}
