//! The service worker, seen from the page: registers it (release builds only, so that
//! `trunk serve` is never hidden behind a cache), says when the app is ready to use offline, and
//! applies a new version only when the parent asks.

use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// What the page knows about its service worker.
#[derive(Clone, Copy)]
pub struct PwaStatus {
    /// A service worker controls the page: every file is cached and the app works offline.
    pub offline_ready: RwSignal<bool>,
    /// A new version is installed and waiting for the parent to choose to use it.
    pub update_ready: RwSignal<bool>,
    /// The parent chose "Not now": do not ask again until the next visit.
    pub update_dismissed: RwSignal<bool>,
    /// A new version took over from another tab while this page runs the old one: this page
    /// must not write stored records any more (it may not know their new layout).
    pub taken_over: RwSignal<bool>,
}

impl PwaStatus {
    pub fn new() -> Self {
        Self {
            offline_ready: RwSignal::new(false),
            update_ready: RwSignal::new(false),
            update_dismissed: RwSignal::new(false),
            taken_over: RwSignal::new(false),
        }
    }
}

impl Default for PwaStatus {
    fn default() -> Self {
        Self::new()
    }
}

thread_local! {
    /// Set when the parent chose "Update now": the next change of controller reloads the page.
    static RELOAD_ON_NEW_CONTROLLER: Cell<bool> = const { Cell::new(false) };
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Some browsers (and private windows) have no service workers at all.
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return None;
    }
    Some(navigator.service_worker())
}

/// Registers `/sw.js` and keeps `status` up to date.
pub fn start(status: PwaStatus) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else { return };
    let had_controller = container.controller().is_some();
    status.offline_ready.set(had_controller);

    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if RELOAD_ON_NEW_CONTROLLER.with(Cell::get) {
            let _ = window().location().reload();
        } else if had_controller {
            // Another tab chose "Update now": the new version now serves this page's files.
            status.taken_over.set(true);
        } else {
            status.offline_ready.set(true);
        }
    });
    let _ = container.add_event_listener_with_callback(
        "controllerchange",
        on_controller_change.as_ref().unchecked_ref(),
    );
    on_controller_change.forget();

    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else {
            return;
        };
        // Where service workers are blocked, register() can give nothing at all.
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch_for_updates(&registration, &container, status);
        // register() does not look for a new version when the worker is already registered,
        // so ask once each time the app opens. Offline the check fails: that is expected, and
        // awaiting it keeps the failure from surfacing as an unhandled error.
        if let Ok(checking) = registration.update() {
            let _ = JsFuture::from(checking).await;
        }
    });
}

fn watch_for_updates(
    registration: &ServiceWorkerRegistration,
    container: &ServiceWorkerContainer,
    status: PwaStatus,
) {
    // A worker waiting while another controls the page is a new version. With no controller it
    // is the very first install, which needs no prompt.
    if registration.waiting().is_some() && container.controller().is_some() {
        status.update_ready.set(true);
    }
    // Events can be missed (an install that finished while the page was busy), so look again
    // every few seconds; it costs nothing and asks nothing of the network. Once an hour, ask
    // the server for a new version, as a long-open app would otherwise never see one.
    let checks = Cell::new(0u32);
    let _ = set_interval_with_handle(
        move || {
            checks.set(checks.get() + 1);
            let hourly = checks.get().is_multiple_of(720);
            wasm_bindgen_futures::spawn_local(async move {
                // Ask for the registration afresh each time rather than trusting an old handle.
                let Some(container) = self::container() else {
                    return;
                };
                let Ok(found) = JsFuture::from(container.get_registration()).await else {
                    return;
                };
                let Ok(current) = found.dyn_into::<ServiceWorkerRegistration>() else {
                    return;
                };
                if current.waiting().is_some()
                    && container.controller().is_some()
                    && !status.update_ready.get_untracked()
                {
                    status.update_ready.set(true);
                }
                if hourly {
                    if let Ok(checking) = current.update() {
                        let _ = JsFuture::from(checking).await;
                    }
                }
            });
        },
        std::time::Duration::from_secs(3),
    );
    let registration_for_event = registration.clone();
    let container = container.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = registration_for_event.installing() else {
            return;
        };
        let worker = installing.clone();
        let container = container.clone();
        let on_state_change = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                status.update_ready.set(true);
            }
        });
        let _ = installing.add_event_listener_with_callback(
            "statechange",
            on_state_change.as_ref().unchecked_ref(),
        );
        on_state_change.forget();
    });
    let _ = registration
        .add_event_listener_with_callback("updatefound", on_update_found.as_ref().unchecked_ref());
    on_update_found.forget();
}

/// Tells the waiting worker to take over; the page reloads once it has.
pub fn apply_update() {
    let Some(container) = container() else { return };
    RELOAD_ON_NEW_CONTROLLER.with(|flag| flag.set(true));
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        match registration.waiting() {
            Some(waiting) => {
                let _ = waiting.post_message(&JsValue::from_str("skipWaiting"));
            }
            None => {
                let _ = window().location().reload();
            }
        }
    });
}
