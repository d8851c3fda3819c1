//! Offline and installable: registers the service worker (`sw.js`, written by `www/postbuild.mjs` from
//! `www/sw.js`) and shows "A new version of Scale Lab is ready" with a Reload button when a newer build is
//! waiting. Only the full playground registers it: an embed (`?embed=1`) never does, so a course page cannot
//! install a worker on the reader's behalf (a worker the reader installed still serves embeds of the same site).
//!
//! The page reloads only when the reader asks: the first visit's worker takes control without a reload, and an
//! update waits until Reload, which tells the waiting worker to take over and reloads once it has.
//!
//! Written on web-sys rather than leptos-use's `use_service_worker`, which cost 12 KB of gzipped wasm (its async
//! actions) against about 2 KB here, on a first load already over its budget (BENCHMARKS.md).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::ServiceWorkerRegistration;

/// The worker script, relative to the page, so its scope is the site's directory on any sub-path.
pub const SCRIPT_URL: &str = "./sw.js";

/// The message the waiting worker takes as "take over now" (`www/sw.js` listens for it).
pub const SKIP_WAITING: &str = "skipWaiting";

/// Sets `handler` as an event handler property through `set`, for the page's lifetime.
fn on(set: impl FnOnce(Option<&js_sys::Function>), handler: impl FnMut() + 'static) {
    let closure = Closure::<dyn FnMut()>::new(handler);
    set(Some(closure.as_ref().unchecked_ref()));
    // Handlers live as long as the page (the registration does too).
    closure.forget();
}

/// Watches `reg`: `waiting` follows whether a newer worker waits, including one that finishes installing later.
fn watch(reg: ServiceWorkerRegistration, waiting: RwSignal<bool>) {
    let check = {
        let reg = reg.clone();
        move || waiting.set(reg.waiting().is_some())
    };
    check();
    // A worker installing now (or found later) is waiting once installed.
    let follow = {
        let reg = reg.clone();
        move || {
            if let Some(installing) = reg.installing() {
                on(|f| installing.set_onstatechange(f), check.clone());
            }
        }
    };
    follow();
    on(|f| reg.set_onupdatefound(f), follow);
}

/// Registers the worker and draws the update notice while a newer build waits. Mount it once, in the full
/// playground only. Where the browser has no service workers (an insecure origin, some private modes), does
/// nothing.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let waiting = RwSignal::new(false);
    let asked = StoredValue::new(false);
    let registration = StoredValue::new_local(None::<ServiceWorkerRegistration>);
    let navigator = window().navigator();
    // `navigator.serviceWorker` is missing on insecure origins: calling into it would throw.
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !supported {
        return ().into_any();
    }
    let container = navigator.service_worker();
    on(
        |f| container.set_oncontrollerchange(f),
        move || {
            if asked.get_value() {
                let _ = window().location().reload();
            }
        },
    );
    leptos::task::spawn_local(async move {
        let reg = match JsFuture::from(container.register(SCRIPT_URL)).await {
            Ok(r) => r.unchecked_into::<ServiceWorkerRegistration>(),
            Err(e) => {
                leptos::logging::warn!("Scale Lab works online only here: {e:?}");
                return;
            }
        };
        watch(reg.clone(), waiting);
        registration.set_value(Some(reg.clone()));
        // Look for a newer build now, not only on the browser's own schedule.
        if let Ok(p) = reg.update() {
            let _ = JsFuture::from(p).await;
        }
    });
    let reload = move |_| {
        asked.set_value(true);
        let worker =
            registration.with_value(|r| r.as_ref().and_then(ServiceWorkerRegistration::waiting));
        if let Some(w) = worker {
            let _ = w.post_message(&SKIP_WAITING.into());
        }
    };
    view! {
        <Show when=move || waiting.get()>
            <div class="notice update" role="status" data-testid="update-notice">
                <span>{crate::tr!("update-ready")}</span>
                <button type="button" class="small primary" data-testid="update-reload" on:click=reload>
                    {crate::tr!("update-reload")}
                </button>
            </div>
        </Show>
    }
    .into_any()
}
