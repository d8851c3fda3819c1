//! Scale Lab's editor: everything about *editing* a scenario that is not drawing it. The interaction state machine
//! (pointer and key events in world coordinates in, [`sim_core::scenario::Edit`]s out), viewport math, hit testing,
//! selection (nodes, or one edge) and bounded undo/redo history, and what an edge means (for its inspector).
//!
//! This crate must not depend on Leptos or web-sys: it is tested natively with a pointer-sequence harness, and the
//! UI only converts DOM events into the calls of [`Editor`] and draws what it exposes.

pub mod clipboard;
pub mod commands;
pub mod connections;
pub mod geometry;
pub mod history;
pub mod interaction;
pub mod link;
pub mod viewport;

pub use clipboard::Clip;
pub use commands::Key;
pub use connections::Item;
pub use geometry::{GRID, NODE_H, NODE_W, Point};
pub use history::History;
pub use interaction::{Editor, Mode, Press};
pub use viewport::Viewport;
