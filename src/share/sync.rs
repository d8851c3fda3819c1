//! Keeps the address bar and the autosave in step with the document, and opens scenarios that arrive later (a
//! link pasted into the address bar, a file, the host page, the chapter gallery).
//!
//! Both writes are debounced ([`SAVE_DEBOUNCE_MS`]) so a drag does not write on every pointer move, and the
//! address is changed with `history.replaceState`: the back button is not flooded with one entry per edit.

use super::startup::{AUTOSAVE_KEY, storage};
use crate::ctx::Ctx;
use crate::sim_driver;
use leptos::ev;
use leptos::prelude::*;
use leptos_use::watch_debounced;
use scalelab_share::decode_fragment;
use sim_core::Scenario;
use sim_core::scenario::Edit;

/// Quiet time after the last change before the address and the autosave are written, ms.
pub const SAVE_DEBOUNCE_MS: f64 = 400.0;

/// Opens `doc` in place of the current diagram, as one undo step (so Undo brings the old diagram back): stops
/// any run and zooms to fit. `why` becomes the notice, if given.
pub fn open(ctx: Ctx, doc: Scenario, why: Option<String>) {
    sim_driver::stop(ctx);
    let _ = ctx.dispatch(Edit::Replace(Box::new(doc)));
    ctx.fit_request.update(|n| *n += 1);
    ctx.notice.set(why);
}

/// Opens the scenario of a share fragment (`t/…` or `d1.…`), or says why it cannot (the diagram stays).
pub fn open_fragment(ctx: Ctx, fragment: &str) {
    match decode_fragment(fragment) {
        Ok(d) => open(ctx, d.scenario, None),
        Err(e) => ctx.notice.set(Some(crate::i18n::t_with(
            "notice-link-unreadable",
            &[("error", e.to_string().into())],
        ))),
    }
}

fn replace_hash(fragment: &str) {
    let w = window();
    let current = w.location().hash().unwrap_or_default();
    if current.trim_start_matches('#') == fragment {
        return;
    }
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        );
    }
}

/// Installs the address-bar sync, the autosave (unless `autosave` is false: embedded pages) and the
/// `hashchange` listener, for the lifetime of the calling component.
pub fn install(ctx: Ctx, autosave: bool) {
    let save_failed = StoredValue::new(false);
    let write = move |doc: &Scenario| {
        let fragment = super::fragment_for(doc);
        replace_hash(&fragment);
        ctx.fragment.set(fragment);
        if !autosave {
            return;
        }
        let saved = storage().is_some_and(|st| st.set_item(AUTOSAVE_KEY, &doc.to_json()).is_ok());
        if !saved && !save_failed.get_value() {
            ctx.notice
                .set(Some(crate::i18n::t("notice-autosave-failed")));
        }
        save_failed.set_value(!saved);
    };
    // Write once at start (the address shows the scenario even before the first edit), then on every change.
    ctx.doc.with_untracked(write);
    let _stop = watch_debounced(
        move || ctx.doc.get(),
        move |doc, _, _| write(doc),
        SAVE_DEBOUNCE_MS,
    );
    let hash = window_event_listener(ev::hashchange, move |_| {
        let h = window().location().hash().unwrap_or_default();
        let h = h.trim_start_matches('#');
        if !h.is_empty() && h != ctx.fragment.get_untracked() {
            open_fragment(ctx, h);
        }
    });
    // Flush a pending write when the page goes away (the debounce may not have fired yet).
    let leave = window_event_listener(ev::pagehide, move |_| ctx.doc.with_untracked(write));
    on_cleanup(move || {
        hash.remove();
        leave.remove();
    });
}
