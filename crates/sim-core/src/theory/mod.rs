//! What theory predicts for the pieces of a design, so the app and the CLI can show the formula's value next to
//! the simulated one: queueing stations (M/M/c with Erlang C, M/M/c/K blocking, Little's law), caches (Che's
//! approximation for LRU, its FIFO and LFU counterparts, TTL expiry), replication (writes lost on failover) and
//! sharding (keys moved on a resharding) and nodes that fail at random (their expected share of the run up).
//!
//! `queueing`, `caching` and `resharding` are pure functions of numbers, no engine and no document: each says its
//! formula and source, and returns `None` where the formula does not apply (an unstable queue, an empty cache);
//! their tests check them against published or hand-derived values. `arrivals` decides from the diagram whether a
//! node's arrivals are Poisson, `measured` puts the formulas beside a run (`Simulation::theory`), deciding which
//! assumption a node breaks, and `report` is what it returns.

pub mod arrivals;
pub mod availability;
pub mod caching;
mod conflicts;
mod measured;
pub mod queueing;
pub mod report;
pub mod resharding;

pub use measured::{CACHE_KEYS_MAX, CACHE_LOOKUPS_MIN, STATION_SAMPLES_MIN};
pub use report::{Broken, NodeTheory, Outcome, Quantity, TheoryCheck};

pub use caching::{CachePolicy, cache_hit_ratio, zipf_popularities};
pub use queueing::{Mmc, Mmck, erlang_c, mmc, mmck, round_robin_response_ms_mean};
pub use resharding::{keys_moved_fraction, writes_lost_on_failover};
