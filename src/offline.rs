//! Offline and installable: registers the service worker (`sw.js`, written by `www/postbuild.mjs` from
//! `www/sw.js`) and shows "A new version of Scale Lab is ready" with a Reload button when a newer build is
//! waiting. Only the full playground registers it: an embed (`?embed=1`) never does, so a course page cannot
//! install a worker on the reader's behalf (a worker the reader installed still serves embeds of the same site).
//!
//! The page reloads only when the reader asks: the first visit's worker takes control without a reload, and an
//! update waits until Reload, which tells the waiting worker to take over and reloads once it has.

use leptos::prelude::*;
use leptos_use::{
    UseServiceWorkerOptions, UseServiceWorkerReturn, use_service_worker_with_options,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The worker script, relative to the page, so its scope is the site's directory on any sub-path.
pub const SCRIPT_URL: &str = "./sw.js";

/// The message the waiting worker takes as "take over now" (`www/sw.js` listens for it).
pub const SKIP_WAITING: &str = "skipWaiting";

/// Registers the worker and draws the update notice while a newer build waits. Mount it once, in the full
/// playground only.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let asked = Arc::new(AtomicBool::new(false));
    let reload_when_ready = Arc::clone(&asked);
    let UseServiceWorkerReturn {
        waiting,
        skip_waiting,
        ..
    } = use_service_worker_with_options(
        UseServiceWorkerOptions::default()
            .script_url(SCRIPT_URL)
            .skip_waiting_message(SKIP_WAITING)
            .on_controller_change(move || {
                if reload_when_ready.load(Ordering::Relaxed) {
                    let _ = window().location().reload();
                }
            }),
    );
    let reload = move |_| {
        asked.store(true, Ordering::Relaxed);
        skip_waiting();
    };
    view! {
        <Show when=move || waiting.get()>
            <div class="notice update" role="status" data-testid="update-notice">
                <span>"A new version of Scale Lab is ready."</span>
                <button type="button" class="small primary" data-testid="update-reload" on:click=reload.clone()>
                    "Reload"
                </button>
            </div>
        </Show>
    }
}
