//! Scale Lab's simulation core: a deterministic, per-request discrete-event model of a web system.
//!
//! The crate owns three things and keeps them apart (see ARCHITECTURE.md):
//! the *document* ([`scenario::Scenario`]: topology, settings, seed, fault timeline; serialized and versioned),
//! the *runtime* ([`engine::Simulation`]: event queue, requests in flight, health; never serialized, always rebuilt
//! from a document and its seed), and read-only *views* of the runtime ([`metrics::Frame`], [`summary::Summary`]).
//!
//! It must not do IO, read a clock, use OS randomness or iterate a `HashMap`: the same scenario and seed give the
//! same run on every platform, native or wasm, however the caller slices time.

pub mod check;
pub mod components;
pub mod engine;
pub mod id;
pub mod metrics;
pub mod model;
pub mod rng;
pub mod scenario;
pub mod summary;
pub mod sweep;
pub mod theory;
pub mod time;
pub mod traffic;
pub mod verdict;

pub use engine::{Simulation, StepOutcome};
pub use id::NodeId;
pub use model::{ComponentConfig, ComponentKind};
pub use scenario::Scenario;
pub use time::{SimDuration, SimTime};
