//! "My records": the parent's cases (one per child), adding a case, and keeping the records safe
//! with backups.

pub use crate::clock::today;
use crate::clock::{new_id, now_millis};
use crate::components::case_fields::{CaseFields, CaseFieldsState};
use crate::components::change_case::DeletedCaseBanner;
use crate::components::download::offer_download;
use crate::components::error_summary::ErrorSummary;
use crate::components::page_title::PageTitle;
pub use crate::components::storage_problem::StorageProblemBanner;
use crate::domain::backup::{self, ImportError, ImportMode, ImportPreview};
use crate::domain::casebook::{Case, Casebook};
use crate::domain::migrations::MigrationError;
use crate::domain::{ics, timeline};
use crate::state::CasebookState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The plain-English reason a backup file was refused.
pub fn import_error_message(error: &ImportError) -> String {
    match error {
        ImportError::Empty => "The file is empty.".into(),
        ImportError::TooLarge { bytes } => format!(
            "The file is too large ({} MB). A SEND Casebook backup is much smaller: check you chose the right file.",
            megabytes(*bytes)
        ),
        ImportError::NotText | ImportError::NotJson { .. } | ImportError::NotABackup => {
            "This is not a SEND Casebook backup file, or it is damaged or incomplete. Choose a file saved with \"Save a backup file\".".into()
        }
        ImportError::Migration(MigrationError::Newer { .. }) => {
            "This backup was made by a newer version of SEND Casebook. Update the app (reload it with a signal), then try again.".into()
        }
        ImportError::Migration(_) | ImportError::WrongShape(_) => {
            "This backup file is damaged: some records are not in the form SEND Casebook writes.".into()
        }
        ImportError::BadRecord(why) => format!("This backup file cannot be used: {why}."),
    }
}

/// "1 record", "2 records" (a record is a case, a log entry or a note).
fn records(count: usize) -> String {
    format!("{count} {}", if count == 1 { "record" } else { "records" })
}

/// A size in megabytes to one decimal place, rounded ("6.1"), with integer arithmetic: formatting
/// a float would add the whole float printer (about 10 KB) to the bundle for this one message.
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + 524_288) / 1_048_576;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// One calendar file with the future dates of every case.
#[component]
fn AllDatesToCalendar() -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let note = RwSignal::new(None::<&'static str>);
    let download = move |_| {
        let events = state
            .book
            .with_untracked(|b| timeline::all_future_events(b, today()));
        if events.is_empty() {
            note.set(Some("None of your cases has a date from today on yet."));
        } else {
            note.set(None);
            let text = ics::calendar_file(&events, "Timeline", crate::clock::now_utc());
            offer_download(
                "send-casebook-all-dates.ics",
                "text/calendar;charset=utf-8",
                &text,
            );
        }
    };
    view! {
        <div class="button-group">
            <button type="button" class="button button--secondary" data-testid="all-calendar" on:click=download>
                "Add every case's future dates to calendar (.ics)"
            </button>
        </div>
        {move || note.get().map(|n| view! { <p class="hint" role="status">{n}</p> })}
    }
}

#[component]
pub fn RecordsPage() -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let cases = move || {
        state
            .book
            .with(|b| b.live_cases().cloned().collect::<Vec<Case>>())
    };
    let undo_delete = Callback::new(move |()| match state.deleted_case.get_untracked() {
        Some(case) => state
            .change(|book| book.undo_delete_case(case, now_millis()))
            .is_ok(),
        None => true,
    });
    view! {
        <PageTitle text="My records"/>
        <h1 tabindex="-1">"My records"</h1>
        <p class="lead">
            "Keep a record of every letter, email, call and meeting, and notes of what was said. "
            "Everything stays on this device: nothing is sent anywhere."
        </p>
        <StorageProblemBanner/>
        <DeletedCaseBanner on_undo=undo_delete/>
        <h2>"Your cases"</h2>
        {move || {
            let cases = cases();
            if cases.is_empty() {
                view! { <p data-testid="no-cases">"No cases yet. Add one for each child or young person below."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list" data-testid="case-list">
                        {cases.into_iter().map(|case| {
                            let entries = case.live_entries().count();
                            let notes = case.live_notes().count();
                            let for_name = format!(" for {}", case.name);
                            view! {
                                <li class="card">
                                    <a href=format!("/records/{}", case.id)>{case.name.clone()}</a>
                                    <p>{case.school.clone()} {(!case.school.is_empty()).then_some(". ")} {case.plan_status.label()}</p>
                                    <p class="hint">{format!(
                                        "{entries} log {}, {notes} {}",
                                        if entries == 1 { "entry" } else { "entries" },
                                        if notes == 1 { "note" } else { "notes" }
                                    )}</p>
                                    <p><a href=format!("/records/{}/timeline", case.id)>"Timeline"<span class="visually-hidden">{for_name}</span></a></p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <AllDatesToCalendar/>
                }.into_any()
            }
        }}
        <AddCaseForm/>
        <BackupPanel/>
    }
}

#[component]
fn AddCaseForm() -> impl IntoView {
    const IDS: [&str; 3] = ["case-name", "case-school", "case-status"];
    let state = expect_context::<CasebookState>();
    let fields = CaseFieldsState::new(None);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(details) = fields.read() else {
            return;
        };
        let case = Case {
            id: new_id("case"),
            name: details.name,
            school: details.school,
            birth_date: details.birth_date,
            contacts: details.contacts,
            plan_status: details.plan_status,
            entries: Vec::new(),
            notes: Vec::new(),
            updated: now_millis(),
            deleted: false,
        };
        if state.change(|book| book.upsert_case(case)).is_ok() {
            fields.name.set(String::new());
            fields.school.set(String::new());
            request_persistent_storage();
        }
    };
    view! {
        <form class="panel" on:submit=on_submit novalidate>
            <h2>"Add a case"</h2>
            <ErrorSummary errors=Signal::derive(move || fields.error_links(IDS))/>
            <CaseFields state=fields ids=IDS/>
            <button type="submit" class="button">"Add case"</button>
        </form>
    }
}

/// Asks the browser not to clear this site's storage when space runs low (Safari especially
/// may delete it after some days unused). The answer is shown on the backup panel.
pub fn request_persistent_storage() {
    let storage = window().navigator().storage();
    if let Ok(promise) = storage.persist() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

#[derive(Clone, PartialEq)]
enum ImportState {
    Idle,
    Refused(String),
    Ready {
        file: Casebook,
        preview: ImportPreview,
        /// Change times from the future brought back to now.
        settled: usize,
    },
    Done(String),
}

#[component]
fn BackupPanel() -> impl IntoView {
    let state = expect_context::<CasebookState>();
    let import = RwSignal::new(ImportState::Idle);
    let persisted = RwSignal::new(None::<bool>);
    let storage_manager = window().navigator().storage();
    if let Ok(promise) = storage_manager.persisted() {
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(answer) = JsFuture::from(promise).await {
                persisted.set(answer.as_bool());
            }
        });
    }

    let save_json = move |_| {
        let now = now_millis();
        let text = state.book.with_untracked(|b| backup::export_json(b, now));
        offer_download(
            &format!("send-casebook-backup-{}.json", today()),
            "application/json",
            &text,
        );
        let _ = state.change(|b| b.last_backup = Some(now));
    };
    let save_html = move |_| {
        let text = state
            .book
            .with_untracked(|b| backup::export_html(b, today()));
        offer_download(
            &format!("send-casebook-records-{}.html", today()),
            "text/html;charset=utf-8",
            &text,
        );
    };
    let on_file = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > backup::MAX_BACKUP_BYTES as f64 {
            import.set(ImportState::Refused(import_error_message(
                &ImportError::TooLarge {
                    bytes: file.size() as usize,
                },
            )));
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
                import.set(ImportState::Refused(
                    "The file could not be read. Try choosing it again.".into(),
                ));
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            match backup::read_backup_at(&bytes, now_millis()) {
                Ok((file, settled)) => {
                    let preview = state
                        .book
                        .with_untracked(|here| backup::preview(here, &file));
                    import.set(ImportState::Ready {
                        file,
                        preview,
                        settled,
                    });
                }
                Err(error) => import.set(ImportState::Refused(import_error_message(&error))),
            }
        });
    };
    let apply = move |mode: ImportMode| {
        if let ImportState::Ready { file, .. } = import.get_untracked() {
            let now = now_millis();
            let result = match mode {
                ImportMode::Replace => {
                    state.replace_with(|book| backup::apply(book, &file, mode, now))
                }
                _ => state.change(|book| *book = backup::apply(book, &file, mode, now)),
            };
            import.set(match result {
                Ok(()) => ImportState::Done(match mode {
                    ImportMode::Merge => {
                        "The backup has been merged with the records on this device.".into()
                    }
                    ImportMode::MergeBringingBack => {
                        "The backup has been merged with the records on this device, and what was deleted here has come back.".into()
                    }
                    ImportMode::Replace => {
                        "The records on this device have been replaced by the backup. You can undo this until you leave this page.".into()
                    }
                }),
                Err(_) => ImportState::Refused(
                    "The backup could not be restored: see the message at the top of the page.".into(),
                ),
            });
        }
    };
    on_cleanup(move || state.replaced.set(None));
    let undo_replace = move |_| {
        if state.undo_replace().is_ok() {
            import.set(ImportState::Done(
                "The records are back as they were before the backup replaced them.".into(),
            ));
        }
    };

    view! {
        <section class="panel" aria-labelledby="backup-heading" data-testid="backup-panel">
            <h2 id="backup-heading">"Keep your records safe"</h2>
            <p data-testid="last-backup">{move || state.book.with(|b| b.last_backup_in_words(now_millis()))}</p>
            <p>
                "Your records are only on this device. If the browser's data is cleared, or the device is lost, they are gone, "
                "so save a backup file now and then and keep it somewhere safe (for example email it to yourself)."
            </p>
            <p data-testid="persist-status">{move || match persisted.get() {
                Some(true) => "This browser has agreed to keep your records even when space runs low.",
                Some(false) => "This browser may clear your records if space runs low or the app is not used for a while. Backups protect you.",
                None => "",
            }}</p>
            <div class="button-group">
                <button type="button" class="button" data-testid="save-json" on:click=save_json>"Save a backup file"</button>
                <button type="button" class="button button--secondary" data-testid="save-html" on:click=save_html>"Save a readable copy (web page)"</button>
            </div>
            <h3>"Restore or check a backup"</h3>
            <div class="form-group">
                <label class="label" for="import-file">"Choose a backup file"</label>
                <p class="hint" id="import-file-hint">"Nothing changes until you have seen what the file holds and chosen what to do."</p>
                <input id="import-file" class="file-input" type="file" accept=".json,application/json" aria-describedby="import-file-hint" on:change=on_file/>
            </div>
            {move || match import.get() {
                ImportState::Idle => ().into_any(),
                ImportState::Refused(message) => view! {
                    <div class="callout callout--warning" role="alert" data-testid="import-refused"><p>{message}</p><p>"Your records have not been changed."</p></div>
                }.into_any(),
                ImportState::Done(message) => view! {
                    <div class="callout" role="status" data-testid="import-done">
                        <p>{message}</p>
                        {move || state.replaced.with(Option::is_some).then(|| view! {
                            <button type="button" class="button button--secondary" data-testid="undo-replace" on:click=undo_replace>
                                "Undo: put back what was on this device"
                            </button>
                        })}
                    </div>
                }.into_any(),
                ImportState::Ready { preview, settled, .. } => view! {
                    <div class="callout" role="status" data-testid="import-preview">
                        <p class="callout__label">"This backup can be restored."</p>
                        <p>{format!("Cases in it: {}.", if preview.case_names.is_empty() { "none".to_string() } else { preview.case_names.join(", ") })}</p>
                        <ul class="bullets">
                            <li>{format!("{} this device does not have", records(preview.new_records))}</li>
                            <li>{format!("{} newer in the file", records(preview.newer_in_file))}</li>
                            <li>{format!("{} newer on this device", records(preview.newer_here))}</li>
                            <li>{format!("{} the same", records(preview.unchanged))}</li>
                            <li data-testid="only-here">{format!("{} only on this device: Replace would remove {}", records(preview.only_here), if preview.only_here == 1 { "it" } else { "them" })}</li>
                        </ul>
                        {(!preview.deleted_here.is_empty()).then(|| view! {
                            <p data-testid="deleted-here">{format!(
                                "Deleted on this device but in the file: {}. Merge keeps {} deleted; \"Merge, and bring back what was deleted here\" brings {} back.",
                                preview.deleted_here.join(", "),
                                if preview.deleted_here.len() == 1 { "it" } else { "them" },
                                if preview.deleted_here.len() == 1 { "it" } else { "them" },
                            )}</p>
                        })}
                        {(settled > 0).then(|| view! {
                            <p data-testid="import-settled">{format!(
                                "{settled} change {} in the file {} in the future (a device clock may have been wrong): {} counted as changed now.",
                                if settled == 1 { "time" } else { "times" },
                                if settled == 1 { "was" } else { "were" },
                                if settled == 1 { "it is" } else { "they are" },
                            )}</p>
                        })}
                        <p class="hint">"Merge keeps everything: for each record, the newer copy. Replace makes this device hold only what is in the file; "
                           "you can undo it straight after, but save a backup of this device first if you may want its newer work later."</p>
                        <div class="button-group">
                            <button type="button" class="button" on:click=move |_| apply(ImportMode::Merge)>"Merge: keep the newer of each record"</button>
                            <button type="button" class="button button--secondary" data-testid="merge-bring-back" on:click=move |_| apply(ImportMode::MergeBringingBack)>"Merge, and bring back what was deleted here"</button>
                            <button type="button" class="button button--secondary" on:click=move |_| apply(ImportMode::Replace)>"Replace what is on this device"</button>
                            <button type="button" class="button button--secondary" on:click=move |_| import.set(ImportState::Idle)>"Cancel"</button>
                        </div>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::megabytes;

    #[test]
    fn sizes_read_in_megabytes_to_one_place() {
        assert_eq!(megabytes(0), "0.0");
        assert_eq!(megabytes(10 * 1024 * 1024), "10.0");
        assert_eq!(megabytes(6_400_000), "6.1");
        assert_eq!(megabytes(1_048_575), "1.0");
        assert_eq!(megabytes(1_100_000), "1.0");
        assert_eq!(megabytes(1_101_005), "1.1");
    }
}
