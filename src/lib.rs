//! Scale Lab front end: a Leptos CSR app where students build a web system on a canvas and watch a deterministic
//! per-request simulation of it. The document and its editing rules live in `sim-core` and `scalelab-editor`;
//! this crate only draws them and turns DOM events into editor calls.
//!
//! Modules are public so `tests/web.rs` can mount the app and drive it through [`ctx::Ctx::dispatch`].

pub mod app;
pub mod canvas;
pub mod charts;
pub mod controls;
pub mod ctx;
pub mod event_log;
pub mod format;
pub mod inspector;
pub mod keys;
pub mod palette;
pub mod sim_driver;

use leptos::prelude::*;

/// Mounts the app on `<body>` with the "three_tier" preset loaded; returns its context (for tests and tools).
pub fn mount_app() -> ctx::Ctx {
    mount_app_to(document().body().expect("a page has a <body>"))
}

/// Mounts the app inside `parent` (tests mount one app per test into a fresh element).
pub fn mount_app_to(parent: web_sys::HtmlElement) -> ctx::Ctx {
    let ctx = ctx::Ctx::new();
    mount_to(parent, move || view! { <app::App ctx=ctx /> }).forget();
    ctx
}
