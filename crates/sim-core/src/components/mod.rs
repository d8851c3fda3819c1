//! Each component kind's behaviour as a small kernel: state + input → a plan (admit / queue / refuse, a chosen
//! backend, a health transition, a write's way to the replicas, a scaling action). Kernels never schedule events or
//! reach into other nodes; the engine applies their plans. Each is unit-tested without an engine.

pub mod autoscale;
pub mod cache;
pub mod cdn;
pub mod client;
pub mod dns;
pub mod jobs;
pub mod load_balancer;
pub mod multi_primary;
pub mod replication;
pub mod router;
pub mod service;
pub mod sessions;
pub mod sharding;
pub mod station;

pub use autoscale::{Autoscaler, Measure, ScalePlan, Signal};
pub use cache::{CacheStats, CacheStore, Lookup};
pub use cdn::{Cdn, EdgeLookup};
pub use client::Client;
pub use dns::Dns;
pub use jobs::{Job, MessageQueue, Pool};
pub use load_balancer::{HealthTransition, LoadBalancer};
pub use multi_primary::Peers;
pub use replication::{OwnWrite, Promotion, ReplicaSet, Shipment};
pub use router::{Reshard, Router};
pub use service::ServiceTime;
pub use sessions::{SessionCheck, SessionTable};
pub use sharding::ShardMap;
pub use station::{Admission, Finished, Station};
