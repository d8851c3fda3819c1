//! Scale Lab front end: a Leptos CSR app where students build a web system on a canvas and watch a deterministic
//! per-request simulation of it. The document and its editing rules live in `sim-core` and `scalelab-editor`;
//! this crate only draws them and turns DOM events into editor calls.
//!
//! Modules are public so `tests/web.rs` can mount the app and drive it through [`ctx::Ctx::dispatch`].

/// A view's text from the message catalogs, following the language switch: `{tr!("undo")}`,
/// `title=tr!("undo-title")`. See [`i18n::t`].
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        move || $crate::i18n::t($id)
    };
}

pub mod actions;
pub mod app;
pub mod canvas;
pub mod chapter;
pub mod charts;
pub mod cheatsheet;
pub mod controls;
pub mod ctx;
pub mod dots;
pub mod event_log;
pub mod grading;
pub mod i18n;
pub mod inspector;
pub mod keys;
pub mod modal;
pub mod offline;
pub mod outline;
pub mod palette;
pub mod probe;
pub mod share;
pub mod sim_driver;
pub mod sweep;

pub use scalelab_shell::format;

use leptos::prelude::*;

/// Mounts the app on `<body>`, live: it opens the scenario in the address (else the autosave, else the
/// chapter's first step), keeps the address and autosave in step, and talks to an embedding page. Returns its context.
pub fn mount_app() -> ctx::Ctx {
    let start = share::startup::initial();
    if let Some(t) = start.options.theme {
        share::bridge::set_theme(t.id());
    }
    i18n::init(start.options.lang);
    let warnings = start.options.warnings.join(" ");
    let ctx = ctx::Ctx::with(start.doc, start.options);
    let notice = match (start.notice, warnings.is_empty()) {
        (Some(n), _) => Some(n),
        (None, false) => Some(warnings),
        (None, true) => None,
    };
    ctx.notice.set(notice);
    ctx.fit_request.update(|n| *n += 1);
    mount_to_body(move || view! { <app::App ctx=ctx live=true /> });
    // The loading skeleton in index.html has done its job.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    ctx
}

/// Mounts the app inside `parent` on the "three_tier" preset, not live (tests mount one app per test into a fresh
/// element).
pub fn mount_app_to(parent: web_sys::HtmlElement) -> ctx::Ctx {
    let ctx = ctx::Ctx::new();
    mount_to(parent, move || view! { <app::App ctx=ctx /> }).forget();
    ctx
}
