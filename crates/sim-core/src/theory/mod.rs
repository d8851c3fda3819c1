//! What theory predicts for the pieces of a design, so the app and the CLI can show the formula's value next to
//! the simulated one: queueing stations (M/M/c with Erlang C, M/M/c/K blocking, Little's law), caches (Che's
//! approximation for LRU, its FIFO and LFU counterparts, TTL expiry), replication (writes lost on failover) and
//! sharding (keys moved on a resharding).
//!
//! Pure functions of numbers, no engine and no document: each says its formula and source, and returns `None` (or
//! a typed reason) where the formula does not apply (an unstable queue, an empty cache). Deciding whether a node's
//! settings meet a formula's assumptions (Poisson arrivals, exponential service, no autoscaling) is the caller's
//! job; the tests in each file check the formulas against published or hand-derived values.

pub mod caching;
pub mod queueing;
pub mod resharding;

pub use caching::{CachePolicy, cache_hit_ratio, zipf_popularities};
pub use queueing::{Mmc, Mmck, erlang_c, mmc, mmck, round_robin_response_ms_mean};
pub use resharding::{keys_moved_fraction, writes_lost_on_failover};
