//! One case: its summary, correspondence log (filtered, searched, sorted) and notes.

use crate::clock::now_millis;
use crate::clock::today;
use crate::components::change_case::ChangeCasePanel;
use crate::components::date_range_form::DateRangeForm;
use crate::components::fields::SelectField;
use crate::components::not_found::case_page_or_not_found;
use crate::components::page_title::PageTitle;
use crate::components::storage_problem::StorageProblemBanner;
use crate::domain::casebook::{Case, CaseDetails, LogEntry, Method, Note, Party};
use crate::domain::date_input::range_in_words;
use crate::domain::events::{Followed, Standing};
use crate::domain::log::{filter_log_indexed, LogFilter, LogIndex, SortOrder};
use crate::domain::records::{case_deadlines, case_summary, CaseSummary};
use crate::domain::sorting;
use crate::domain::words::days;
use crate::domain::words::long_date;
use crate::state::CasebookState;
use chrono::NaiveDate;
use leptos::prelude::*;

/// A case in the shared casebook, read in place: the log of a large case is never copied
/// just to be shown.
#[derive(Clone, Copy)]
struct CaseRef {
    state: CasebookState,
    id: StoredValue<String>,
}

impl CaseRef {
    fn with<R>(&self, f: impl FnOnce(Option<&Case>) -> R) -> R {
        let id = self.id.get_value();
        self.state.book.with(|b| f(b.case(&id)))
    }

    fn with_untracked<R>(&self, f: impl FnOnce(Option<&Case>) -> R) -> R {
        let id = self.id.get_value();
        self.state.book.with_untracked(|b| f(b.case(&id)))
    }
}

/// What was just deleted, for "Undo".
#[derive(Clone, PartialEq)]
enum Deleted {
    Entry(LogEntry),
    Note(Note),
}

/// The start of a long summary (a whole letter may be pasted in): the log stays a list; "Edit"
/// shows it all.
fn summary_preview(summary: &str) -> String {
    const SHOWN: usize = 400;
    match summary.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", summary[..cut].trim_end()),
        None => summary.to_string(),
    }
}

#[component]
pub fn CasePage() -> impl IntoView {
    case_page_or_not_found(|case_id| view! { <CaseView case_id=case_id/> })
}

#[component]
fn CaseView(case_id: String) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let id = case_id.clone();
    let case = CaseRef {
        state,
        id: StoredValue::new(id),
    };
    let deleted = RwSignal::new(None::<Deleted>);
    let today = today();
    let name = move || case.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let base = format!("/records/{case_id}");
    let delete_case_id = case_id.clone();
    let undo = Callback::new(move |_: ()| {
        let Some(what) = deleted.get_untracked() else {
            return;
        };
        let id = delete_case_id.clone();
        let result = state.change(|book| {
            if let Some(case) = book.case_mut(&id) {
                match what {
                    Deleted::Entry(entry) => case.undo_delete_entry(entry, now_millis()),
                    Deleted::Note(note) => case.undo_delete_note(note, now_millis()),
                }
            }
        });
        if result.is_ok() {
            deleted.set(None);
        }
    });
    let details_id = case_id.clone();
    let save_details = Callback::new(move |(opened, details): (CaseDetails, CaseDetails)| {
        // False also when the case was deleted in another tab (the page then says so).
        let mut edited = false;
        let stored = state
            .change(|book| {
                edited = book.edit_case_from(&details_id, &opened, details, now_millis());
            })
            .is_ok();
        stored && edited
    });
    let gone_id = case_id.clone();
    let delete_case = Callback::new(move |()| {
        let mut removed = None;
        let stored = state
            .change(|book| removed = book.delete_case(&gone_id, now_millis()))
            .is_ok();
        if stored && removed.is_some() {
            state.deleted_case.set(removed);
        }
        stored
    });
    view! {
        <PageTitle text=name/>
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol><li><a href="/records">"My records"</a></li></ol>
        </nav>
        <h1 tabindex="-1">{name}</h1>
        <p class="lead">{move || case.with(|c| c.as_ref().map(|c| format!(
            "{}{}{}",
            if c.school.is_empty() { String::new() } else { format!("{}. ", c.school) },
            c.plan_status.label(),
            c.birth_date.map(|b| format!(". Born {}", crate::domain::words::day_month_year(b))).unwrap_or_default(),
        )).unwrap_or_default())}</p>
        <StorageProblemBanner/>
        {move || deleted.get().map(|what| view! {
            <div class="callout" role="status" data-testid="undo-banner" id="undo-banner" tabindex="-1">
                <p>{match what { Deleted::Entry(_) => "Log entry deleted.", Deleted::Note(_) => "Note deleted." }}</p>
                <button type="button" class="button button--secondary" on:click=move |_| undo.run(())>"Undo"</button>
            </div>
        })}
        <div class="button-group">
            <a href=format!("{base}/log/new") class="button" data-testid="add-entry">"Add to the log"</a>
            <a href=format!("{base}/notes/meeting") class="button button--secondary" data-testid="meeting-mode">"Meeting mode"</a>
            <a href=format!("{base}/notes/new") class="button button--secondary">"New note"</a>
            <a href=format!("{base}/timeline") class="button button--secondary" data-testid="open-timeline">"Timeline and printing"</a>
            <a href=format!("/letters?case={case_id}") class="button button--secondary" data-testid="write-letter">"Write a letter"</a>
        </div>
        {move || case.with(|c| c.map(|c| (c.id.clone(), case_summary(c, today)))).map(|(id, summary)| view! { <CaseSummaryView case_id=id summary=summary/> })}
        <CaseContacts text=Signal::derive(move || case.with(|c| c.map(|c| c.contacts.clone()).unwrap_or_default()))/>
        <LogSection case=case case_id=case_id.clone() deleted=deleted today=today/>
        <NotesSection case=case case_id=case_id.clone() deleted=deleted/>
        <ChangeCasePanel case_id=case_id.clone() on_save=save_details on_delete=delete_case/>
    }
}

/// The parent's own contacts for this child, with tap-to-call and email links.
#[component]
fn CaseContacts(text: Signal<String>) -> impl IntoView {
    use crate::domain::records::{contact_pieces, ContactPiece};
    view! {
        <section aria-labelledby="case-contacts-heading" data-testid="case-contacts">
            <h2 id="case-contacts-heading">"Your contacts"</h2>
            {move || {
                let text = text.get();
                if text.trim().is_empty() {
                    view! {
                        <p class="no-print">"Keep your own contacts here, such as your council's SEN officer and your local SENDIASS: "
                            "open \u{201c}Change or delete this case\u{201d} at the foot of this page."</p>
                    }.into_any()
                } else {
                    view! {
                        <p class="case-contacts">
                            {contact_pieces(&text).into_iter().map(|piece| match piece {
                                ContactPiece::Text(t) => t.into_any(),
                                ContactPiece::Phone(typed, dial) => view! { <a href=format!("tel:{dial}")>{typed}</a> }.into_any(),
                                ContactPiece::Email(address) => view! { <a href=format!("mailto:{address}")>{address.clone()}</a> }.into_any(),
                            }).collect_view()}
                        </p>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn CaseSummaryView(case_id: String, summary: CaseSummary) -> impl IntoView {
    let CaseSummary {
        upcoming,
        overdue_for_others,
        follow_ups,
        last_contact,
    } = summary;
    let base = format!("/records/{case_id}");
    view! {
        <section aria-labelledby="summary-heading" data-testid="case-summary">
            <h2 id="summary-heading">"Summary"</h2>
            <p class="no-print">"Not sure what to do next? " <a href="/options">"What can I do?"</a> " shows every route open to you; its dates can be kept in this case."</p>
            <h3>"Next deadlines"</h3>
            {if upcoming.is_empty() {
                view! { <p>"None. Mark a letter in the log as a key date (for example a decision letter) to see the dates that follow from it."</p> }.into_any()
            } else {
                view! {
                    <ul class="bullets" data-testid="upcoming">
                        {upcoming.into_iter().take(6).map(|item| view! {
                            <li>
                                <strong>{long_date(item.followed.deadline.act_by())}{item.followed.deadline.by_5pm.then_some(", by 5pm")}</strong>": "
                                {item.followed.deadline.title()} " (from " <a href=format!("{base}/log/{}", item.entry_id)>{item.entry_subject.clone()}</a> ")"
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!overdue_for_others.is_empty()).then(|| view! {
                <h3>"Deadlines for others that have passed"</h3>
                <ul class="bullets" data-testid="overdue">
                    {overdue_for_others.into_iter().map(|item| {
                        let late = match item.followed.standing {
                            Standing::Overdue { who, days: n } => format!("{} is {} late", who.label_in_sentence(), days(n)),
                            _ => String::new(),
                        };
                        view! {
                            <li>{item.followed.deadline.title()} ": " {long_date(item.followed.deadline.date)} ". If it has not been done, " <strong>{late}</strong> "."</li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <h3>"Follow-ups"</h3>
            {if follow_ups.is_empty() {
                view! { <p>"No follow-up dates set."</p> }.into_any()
            } else {
                view! {
                    <ul class="bullets" data-testid="follow-ups">
                        {follow_ups.into_iter().map(|f| {
                            let note = if f.kept { Some(" (done)") } else if f.passed { Some(" (date passed: chase it up)") } else { None };
                            let letter = (!f.kept).then(|| format!("/letters/{}?case={case_id}&entry={}", f.letter, f.entry_id));
                            view! {
                                <li>
                                    {long_date(f.date)} ": " <a href=format!("{base}/log/{}", f.entry_id)>{f.what}</a> {note}
                                    {letter.map(|href| view! {
                                        <br class="no-print"/>
                                        <a href=href class="no-print" data-testid="follow-up-letter">"Write a follow-up letter"<span class="visually-hidden">{format!(" for {long}", long = long_date(f.date))}</span></a>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>"Last contact"</h3>
            {if last_contact.is_empty() {
                view! { <p>"Nothing logged yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="bullets" data-testid="last-contact">
                        {last_contact.into_iter().map(|(party, date)| view! { <li>{party.label()} ": " {long_date(date)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn LogSection(
    case: CaseRef,
    case_id: String,
    deleted: RwSignal<Option<Deleted>>,
    today: NaiveDate,
) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let filter = RwSignal::new(LogFilter::default());
    let mut party_choices = vec![("", "All")];
    party_choices.extend(Party::ALL.iter().map(|p| (p.id(), p.label())));
    let mut method_choices = vec![("", "All")];
    method_choices.extend(Method::ALL.iter().map(|m| (m.id(), m.label())));
    let base = format!("/records/{case_id}");
    // Only a page of entries is drawn at a time, so typing in the search box stays quick even
    // with thousands of entries: filtering is cheap, drawing is not.
    let page_size = 50;
    let limit = RwSignal::new(page_size);
    Effect::new(move |_| {
        filter.track();
        limit.set(page_size);
    });
    // Lowercased text and date order, built when the case changes, not on every keystroke.
    // Always "changed" when rebuilt: comparing two indexes of a large case would cost more.
    let index = Memo::new_with_compare(
        move |_| case.with(|c| c.map(LogIndex::new).unwrap_or_default()),
        |_, _| true,
    );
    let matching = Memo::new(move |_| {
        case.with(|c| {
            let Some(c) = c.as_ref() else {
                return (0, Vec::new());
            };
            index.with(|index| {
                filter.with(|f| {
                    let found = filter_log_indexed(c, index, f);
                    let shown = found
                        .iter()
                        .take(limit.get())
                        .map(|e| (*e).clone())
                        .collect::<Vec<LogEntry>>();
                    (found.len(), shown)
                })
            })
        })
    });
    let entries = move || matching.with(|(_, shown)| shown.clone());
    let matched = move || matching.with(|(count, _)| *count);
    let total = move || case.with(|c| c.as_ref().map_or(0, |c| c.live_entries().count()));
    // Every key date's deadlines, worked out once per change to the case (not per keystroke
    // in the search box).
    let deadlines_by_entry = Memo::new(move |_| {
        let mut by_entry: std::collections::HashMap<String, Vec<Followed>> =
            std::collections::HashMap::new();
        case.with(|c| {
            if let Some(c) = c {
                for (entry, followed) in case_deadlines(c, today) {
                    by_entry.entry(entry.id.clone()).or_default().push(followed);
                }
            }
        });
        by_entry
    });
    view! {
        <section aria-labelledby="log-heading">
            <h2 id="log-heading">"Correspondence log"</h2>
            <div class="filters" role="search" aria-label="Filter the log">
                <div class="form-group">
                    <label class="label" for="log-search">"Search the log"</label>
                    <input id="log-search" class="input" type="search" autocomplete="off"
                        prop:value=move || filter.read().text.clone()
                        on:input=move |e| filter.update(|f| f.text = event_target_value(&e))/>
                </div>
                <SelectField id="log-party" label="Who" options=party_choices
                    value=Signal::derive(move || filter.read().party.map(Party::id).unwrap_or(""))
                    on_change=Callback::new(move |v: String| filter.update(|f| f.party = Party::from_id(&v)))/>
                <SelectField id="log-method" label="How" options=method_choices
                    value=Signal::derive(move || filter.read().method.map(Method::id).unwrap_or(""))
                    on_change=Callback::new(move |v: String| filter.update(|f| f.method = Method::from_id(&v)))/>
                <SelectField id="log-sort" label="Order" options=vec![("newest", "Newest first"), ("oldest", "Oldest first")]
                    value=Signal::derive(move || if filter.read().sort == SortOrder::NewestFirst { "newest" } else { "oldest" })
                    on_change=Callback::new(move |v: String| filter.update(|f| f.sort = if v == "oldest" { SortOrder::OldestFirst } else { SortOrder::NewestFirst }))/>
            </div>
            <details class="details log-dates" data-testid="log-dates">
                <summary class="details__summary">{move || filter.with(|f| match (f.from, f.to) {
                    (None, None) => "Only entries between two dates".to_string(),
                    (from, to) => format!("Dates: {}", range_in_words(from, to)),
                })}</summary>
                <div class="details__text">
                    <DateRangeForm ids=["log-from", "log-to"] start=(None, None)
                        on_apply=Callback::new(move |(from, to)| filter.update(|f| { f.from = from; f.to = to; }))/>
                </div>
            </details>
            <p role="status" data-testid="log-count">{move || {
                let shown = matched();
                let all = total();
                let noun = if all == 1 { "entry" } else { "entries" };
                if shown == all { format!("{all} {noun}") } else { format!("{shown} of {all} {noun} match") }
            }}</p>
            <ol class="log-list" data-testid="log-list">
                {move || {
                    let base = base.clone();
                    let mut by_entry = deadlines_by_entry.get();
                    entries().into_iter().map(|entry| {
                        let edit = format!("{base}/log/{}", entry.id);
                        let entry_id = entry.id.clone();
                        let deadlines = by_entry.remove(&entry.id).unwrap_or_default();
                        let case_id = case.with_untracked(|c| c.as_ref().map(|c| c.id.clone()).unwrap_or_default());
                        let hidden_subject = format!(" {}", entry.subject);
                        let hidden_subject_too = hidden_subject.clone();
                        view! {
                            <li class="log-entry" data-testid="log-entry">
                                <p class="log-entry__meta">
                                    <time datetime=entry.date.to_string()>{long_date(entry.date)}</time>
                                    " · " {entry.direction.label()} " · " {entry.method.label()} " · " {entry.party.label()}
                                    {(!entry.person.is_empty()).then(|| format!(" ({})", entry.person))}
                                </p>
                                <h3 class="log-entry__subject">{entry.subject.clone()}</h3>
                                {(!entry.summary.is_empty()).then(|| view! { <p class="log-entry__summary">{summary_preview(&entry.summary)}</p> })}
                                {(!entry.promised.is_empty()).then(|| view! { <p>"Promised: " {entry.promised.clone()} {(!entry.promised_by.is_empty()).then(|| format!(" (by {})", entry.promised_by))}</p> })}
                                {entry.key_date.map(|key| view! { <p class="log-entry__key" data-testid="entry-key-date">"Key date: " {key.describe()}</p> })}
                                {(!deadlines.is_empty()).then(|| view! {
                                    <ul class="bullets log-entry__deadlines" data-testid="entry-deadlines">
                                        {deadlines.iter().map(|f| view! {
                                            <li>{f.deadline.title()} ": " <strong>{long_date(f.deadline.act_by())}</strong> " (" {f.standing.label()} ")"</li>
                                        }).collect_view()}
                                    </ul>
                                })}
                                <div class="button-group">
                                    <a href=edit class="button button--secondary">"Edit" <span class="visually-hidden">{hidden_subject}</span></a>
                                    <button type="button" class="button button--warning" on:click=move |_| {
                                        let mut removed = None;
                                        let result = state.change(|book| {
                                            if let Some(case) = book.case_mut(&case_id) {
                                                removed = case.delete_entry(&entry_id, now_millis());
                                            }
                                        });
                                        if result.is_ok() {
                                            deleted.set(removed.map(Deleted::Entry));
                                            // Focus to the message with its Undo, not to the next entry's Delete.
                                            crate::components::focus::focus_when_drawn("undo-banner".to_string());
                                        }
                                    }>"Delete" <span class="visually-hidden">{hidden_subject_too}</span></button>
                                </div>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
            {move || (matched() > limit.get()).then(|| view! {
                <button type="button" class="button button--secondary" data-testid="show-more"
                    on:click=move |_| limit.update(|l| *l += page_size)>
                    {format!("Show more ({} not shown)", matched() - limit.get())}
                </button>
            })}
        </section>
    }
}

#[component]
fn NotesSection(
    case: CaseRef,
    case_id: String,
    deleted: RwSignal<Option<Deleted>>,
) -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let base = format!("/records/{case_id}");
    // A page of notes at a time, like the log.
    let limit = RwSignal::new(20);
    let sorted = Memo::new(move |_| {
        case.with(|c| {
            let mut notes: Vec<&Note> = c
                .as_ref()
                .map(|c| c.live_notes().collect())
                .unwrap_or_default();
            sorting::sort_by(&mut notes, |a, b| {
                b.date.cmp(&a.date).then(b.updated.cmp(&a.updated))
            });
            let shown: Vec<Note> = notes
                .iter()
                .take(limit.get())
                .map(|n| (*n).clone())
                .collect();
            (notes.len(), shown)
        })
    });
    let notes = move || sorted.with(|(_, shown)| shown.clone());
    let count = move || sorted.with(|(count, _)| *count);
    view! {
        <section aria-labelledby="notes-heading">
            <h2 id="notes-heading">"Notes"</h2>
            {move || (count() == 0).then(|| view! { <p>"No notes yet. Use \"New note\", or \"Meeting mode\" in a meeting."</p> })}
            <ol class="log-list" data-testid="note-list">
                {move || {
                    let base = base.clone();
                    notes().into_iter().map(|note| {
                        let note_id = note.id.clone();
                        let case_id = case_id.clone();
                        let hidden_title = format!(" {}", note.title);
                        let hidden_title_too = hidden_title.clone();
                        view! {
                            <li class="log-entry" data-testid="note">
                                <p class="log-entry__meta"><time datetime=note.date.to_string()>{long_date(note.date)}</time></p>
                                <h3 class="log-entry__subject">{note.title.clone()}</h3>
                                <p class="note-body">{note.body.chars().take(300).collect::<String>()}</p>
                                <div class="button-group">
                                    <a href=format!("{base}/notes/{}", note.id) class="button button--secondary">"Open" <span class="visually-hidden">{hidden_title}</span></a>
                                    <button type="button" class="button button--warning" on:click=move |_| {
                                        let mut removed = None;
                                        let result = state.change(|book| {
                                            if let Some(case) = book.case_mut(&case_id) {
                                                removed = case.delete_note(&note_id, now_millis());
                                            }
                                        });
                                        if result.is_ok() {
                                            deleted.set(removed.map(Deleted::Note));
                                            crate::components::focus::focus_when_drawn("undo-banner".to_string());
                                        }
                                    }>"Delete" <span class="visually-hidden">{hidden_title_too}</span></button>
                                </div>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
            {move || (count() > limit.get()).then(|| view! {
                <button type="button" class="button button--secondary" on:click=move |_| limit.update(|l| *l += 20)>
                    {format!("Show more notes ({} not shown)", count() - limit.get())}
                </button>
            })}
        </section>
    }
}
