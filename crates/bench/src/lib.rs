//! Benchmark cases of the simulation core and the hand-written baseline they are compared with, compiled both
//! natively (`src/bin/scalelab-bench.rs`) and to wasm (`wasm.rs`, run by `run-wasm.mjs` in Node), so the same code
//! is measured on both. `cargo xtask bench` runs both and writes BENCHMARKS.md.
//!
//! This crate measures nothing itself: it has no clock (wasm32-unknown-unknown has none without imports). Callers
//! time [`run_case`] and [`baseline::run`] with their own clock. It must not change how the core behaves.

pub mod baseline;
pub mod cases;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use cases::{CASES, Case, Totals, run_case};
