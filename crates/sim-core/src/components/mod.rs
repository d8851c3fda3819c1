//! Each component kind's behaviour as a small kernel: state + input → a plan (admit / queue / refuse, a chosen
//! backend, a health transition). Kernels never schedule events or reach into other nodes; the engine applies
//! their plans. Each is unit-tested without an engine.

pub mod cache;
pub mod client;
pub mod dns;
pub mod load_balancer;
pub mod service;
pub mod sessions;
pub mod sharding;
pub mod station;

pub use cache::{CacheStats, CacheStore, Lookup};
pub use client::Client;
pub use dns::Dns;
pub use load_balancer::{HealthTransition, LoadBalancer};
pub use service::ServiceTime;
pub use sessions::{SessionCheck, SessionTable};
pub use sharding::ShardMap;
pub use station::{Admission, Station};
