//! Scale Lab's app logic that needs no browser, tested natively: the one run driver ([`runner`]), what can be done
//! to a node ([`actions`]), the keymap the shortcut sheet is written from ([`keymap`]), which charts are shown
//! ([`charts`]) and how a line chart is laid out ([`plot`]), the request-dot sampler ([`dots`]), the load sweep's
//! stepping and charts ([`sweep`]), the theory panel's words ([`theory`]) and the words and numbers shown to people ([`format`]) and the message ids of the core's settings ([`messages`]). The app (`src/`) reads
//! and writes the browser and draws what these return.
//!
//! This crate must not depend on Leptos or web-sys (`tests/tidy.rs` checks it), like `scalelab-editor`.

pub mod actions;
pub mod charts;
pub mod dots;
pub mod format;
pub mod keymap;
pub mod messages;
pub mod plot;
pub mod rules;
pub mod runner;
pub mod sweep;
pub mod theory;
