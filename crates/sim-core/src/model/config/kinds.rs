//! The settings structs of each component kind, with defaults that make a sensible first diagram (the enums they
//! use are in `options.rs`). Every field has a default (`#[serde(default)]`), so a file written before a field
//! existed still loads.

use super::options::*;
use crate::model::cost::InstanceSize;
use crate::model::traffic_shape::TrafficShape;
use serde::{Deserialize, Serialize};

/// Client (traffic source) settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientConfig {
    /// Mean request rate, requests per second (the base rate a traffic shape multiplies); arrivals are Poisson.
    pub arrival_rate_per_s: f64,
    /// Share of requests that are reads (the rest are writes), 0–1.
    pub read_fraction: f64,
    /// Number of distinct users; each request comes from a uniformly chosen user, who caches DNS answers.
    pub users: u32,
    /// Number of distinct data keys requests touch.
    pub key_count: u32,
    /// How keys are drawn.
    pub key_distribution: KeyDistribution,
    /// Zipf exponent α when `key_distribution` is Zipf.
    pub alpha: f64,
    /// Round trip between the users and the data center over the internet, ms (half each way).
    pub rtt_ms: f64,
    /// Share of requests that start a background job (sending an email, resizing a photo), 0–1; the rest are
    /// reads and writes.
    pub job_fraction: f64,
    /// Mean processing time of one job, ms (exponential).
    pub job_time_ms: f64,
    /// Number of celebrity keys (the first keys), which get `celebrity_share` of all requests between them.
    pub celebrity_keys: u32,
    /// Share of requests for celebrity keys, 0–1.
    pub celebrity_share: f64,
    /// Share of requests for static files (served by a CDN if the client is connected to one), 0–1.
    pub static_fraction: f64,
    /// Number of distinct static files (popularity follows the key distribution).
    pub static_assets: u32,
    /// How the rate changes over the run, as a multiple of `arrival_rate_per_s` (absent in files: constant).
    #[serde(skip_serializing_if = "TrafficShape::is_constant")]
    pub traffic: TrafficShape,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            arrival_rate_per_s: 200.0,
            read_fraction: 0.9,
            users: 1_000,
            key_count: 10_000,
            key_distribution: KeyDistribution::Zipf,
            alpha: 0.8,
            rtt_ms: 40.0,
            job_fraction: 0.0,
            job_time_ms: 500.0,
            celebrity_keys: 0,
            celebrity_share: 0.0,
            static_fraction: 0.0,
            static_assets: 1_000,
            traffic: TrafficShape::Constant,
        }
    }
}

/// DNS settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DnsConfig {
    /// Time to resolve a name that is not cached, ms.
    pub resolution_ms: f64,
    /// How long a user keeps an answer before asking again (record TTL), s.
    pub ttl_s: f64,
    /// GeoDNS: answer each user with the nearest data center that passes health checks (else round robin over
    /// every target, healthy or not).
    pub geo_routing: bool,
    /// GeoDNS: time between health checks of each target, s (unhealthy after 3 failures in a row).
    pub health_check_interval_s: f64,
}

impl Default for DnsConfig {
    fn default() -> Self {
        DnsConfig {
            resolution_ms: 20.0,
            ttl_s: 300.0,
            geo_routing: false,
            health_check_interval_s: 10.0,
        }
    }
}

/// Load balancer settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadBalancerConfig {
    /// How a backend is chosen among the healthy ones.
    pub algorithm: LbAlgorithm,
    /// Time between two health checks of each backend, ms.
    pub health_check_interval_ms: f64,
    /// Consecutive failed checks before a backend is marked unhealthy.
    pub unhealthy_threshold: u32,
    /// Consecutive passed checks before an unhealthy backend gets traffic again.
    pub healthy_threshold: u32,
    /// Most requests in flight through the balancer at once (sent to a backend, not yet answered); one more fails
    /// at once with "connection limit". 0 = unlimited.
    pub max_connections: u32,
    /// The balancer is an active/passive pair behind one virtual IP: a second machine stands by, and when the
    /// active one fails it takes the address over after `takeover_s`. Absent from files when off.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub standby: bool,
    /// Time for the standby to take the address over once the active machine fails (missed heartbeats, then the
    /// address moves), s. Absent from files at its default.
    #[serde(skip_serializing_if = "is_default_takeover")]
    pub takeover_s: f64,
}

/// Default of [`LoadBalancerConfig::takeover_s`]: three missed heartbeats 1 s apart (keepalived's VRRP advert
/// interval is 1 s, and a backup declares the master dead after three missed adverts).
pub const DEFAULT_TAKEOVER_S: f64 = 3.0;

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_default_takeover(v: &f64) -> bool {
    v.to_bits() == DEFAULT_TAKEOVER_S.to_bits()
}

impl Default for LoadBalancerConfig {
    fn default() -> Self {
        LoadBalancerConfig {
            algorithm: LbAlgorithm::RoundRobin,
            health_check_interval_ms: 1_000.0,
            unhealthy_threshold: 3,
            healthy_threshold: 2,
            max_connections: 0,
            standby: false,
            takeover_s: DEFAULT_TAKEOVER_S,
        }
    }
}

/// Web server settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebServerConfig {
    /// Requests served at once (c).
    pub workers: u32,
    /// Mean CPU time of one request at this server, ms.
    pub service_time_ms: f64,
    /// Shape of the service time.
    pub service_distribution: ServiceDistribution,
    /// Requests that may wait for a worker; one more is refused ("queue full").
    pub queue_capacity: u32,
    /// A request older than this at the server (waiting or waiting on the database) fails with "timeout", ms.
    pub timeout_ms: f64,
    /// This server also runs the database (the single-server setup): its service time covers the query and it
    /// needs no Database node.
    pub embedded_database: bool,
    /// Where user sessions live.
    pub sessions: SessionMode,
    /// Machine size (vertical scaling): multiplies the workers and the price.
    pub instance_size: InstanceSize,
    /// Instances running this server (an autoscaling group when `max_instances` is larger).
    pub min_instances: u32,
    /// Most instances the group may scale out to.
    pub max_instances: u32,
    /// The group adds instances when utilization is above this, and removes them when well below, 0–1.
    pub target_utilization: f64,
    /// Time for a new instance to boot and take traffic, s.
    pub warm_up_s: f64,
    /// Time after a scaling action before the next, s.
    pub cooldown_s: f64,
    /// Mean time between random failures, s (exponential; 0 = never fails at random). Off by default.
    pub mtbf_s: f64,
    /// Mean time to repair after a random failure, s (exponential).
    pub mttr_s: f64,
}

impl Default for WebServerConfig {
    fn default() -> Self {
        WebServerConfig {
            workers: 8,
            service_time_ms: 10.0,
            service_distribution: ServiceDistribution::Exponential,
            queue_capacity: 100,
            timeout_ms: 5_000.0,
            embedded_database: false,
            sessions: SessionMode::None,
            instance_size: InstanceSize::Small,
            min_instances: 1,
            max_instances: 1,
            target_utilization: 0.6,
            warm_up_s: 60.0,
            cooldown_s: 120.0,
            mtbf_s: 0.0,
            mttr_s: 60.0,
        }
    }
}

/// Database settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DatabaseConfig {
    /// Queries executed at once.
    pub workers: u32,
    /// Mean time of a read query, ms.
    pub read_time_ms: f64,
    /// Mean time of a write query, ms.
    pub write_time_ms: f64,
    /// Shape of the query times.
    pub service_distribution: ServiceDistribution,
    /// Queries that may wait for a worker; one more is refused ("queue full").
    pub queue_capacity: u32,
    /// Most queries admitted at once (executing + waiting); one more fails at once with "connection limit".
    /// 0 = unlimited. With `max_connections` = workers nothing waits: the database is an M/M/c/c loss system.
    pub max_connections: u32,
    /// Primary with replicas: how writes reach them.
    pub replication: Replication,
    /// Primary with replicas: mean time for a write to reach a replica, ms (exponential; applied in order).
    pub replication_lag_ms: f64,
    /// Primary with replicas: writes each replica applies per second, through one applier in commit order (as
    /// MySQL's SQL thread; exponential apply times of mean 1/r); 0 = unlimited (a write is applied on arrival).
    /// With writes at rate w < r the mean time from commit to applied is 1/(r − w) (M/M/1); at w > r replicas fall
    /// ever further behind.
    pub apply_rate_per_s: f64,
    /// Primary with replicas, read-your-writes: a user's reads go to the primary for this long after that user's
    /// own write commits, s (0 = off), so they never see a replica that lacks it.
    pub read_your_writes_s: f64,
    /// Primary with replicas: share of the other reads sent to the primary instead of a replica, 0–1.
    pub primary_read_share: f64,
    /// Primary with replicas: how long the primary must be down before a replica is promoted, s.
    pub failover_timeout_s: f64,
    /// Primary with replicas: after a promotion, how long until the lost primary is rebuilt as a replica, s.
    pub provision_delay_s: f64,
    /// Machine size (vertical scaling): multiplies the workers and the price.
    pub instance_size: InstanceSize,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            workers: 8,
            read_time_ms: 2.0,
            write_time_ms: 5.0,
            service_distribution: ServiceDistribution::Exponential,
            queue_capacity: 500,
            max_connections: 0,
            replication: Replication::Asynchronous,
            replication_lag_ms: 200.0,
            apply_rate_per_s: 0.0,
            read_your_writes_s: 0.0,
            primary_read_share: 0.0,
            failover_timeout_s: 10.0,
            provision_delay_s: 30.0,
            instance_size: InstanceSize::Small,
        }
    }
}

/// Session store settings (Redis / a NoSQL store holding user sessions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionStoreConfig {
    /// Lookups served at once.
    pub workers: u32,
    /// Mean time of one session lookup, ms.
    pub lookup_time_ms: f64,
    /// Lookups that may wait for a worker.
    pub queue_capacity: u32,
}

impl Default for SessionStoreConfig {
    fn default() -> Self {
        SessionStoreConfig {
            workers: 16,
            lookup_time_ms: 0.5,
            queue_capacity: 1_000,
        }
    }
}

/// CDN settings: edge caches near the users for static files, fetching misses from the origin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CdnConfig {
    /// Files an edge keeps (LRU beyond that).
    pub capacity_assets: u32,
    /// How long an edge serves a file before fetching it again, s; 0 = until purged.
    pub ttl_s: f64,
    /// Round trip between users and their nearest edge, ms.
    pub edge_rtt_ms: f64,
    /// One-way latency between an edge and the origin, ms.
    pub origin_latency_ms: f64,
    /// Whether file names carry their version (app.3f9a.js): a deploy changes the URLs, so edges never serve
    /// old files; without it they serve old files until the TTL expires.
    pub versioned_urls: bool,
}

impl Default for CdnConfig {
    fn default() -> Self {
        CdnConfig {
            capacity_assets: 10_000,
            ttl_s: 3_600.0,
            edge_rtt_ms: 10.0,
            origin_latency_ms: 30.0,
            versioned_urls: false,
        }
    }
}

/// Shard router settings: the databases it is connected to are its shards, in connection order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShardRouterConfig {
    /// How keys (user ids) map to shards.
    pub strategy: ShardStrategy,
    /// Consistent hashing: points per shard on the ring.
    pub virtual_nodes: u32,
    /// Shards in use at the start; 0 = every connected database. "Add shard" brings in the next one.
    pub active_shards: u32,
    /// Keys copied per second when resharding.
    pub migration_keys_per_s: f64,
}

impl Default for ShardRouterConfig {
    fn default() -> Self {
        ShardRouterConfig {
            strategy: ShardStrategy::ConsistentHashing,
            virtual_nodes: 100,
            active_shards: 0,
            migration_keys_per_s: 1_000.0,
        }
    }
}

/// Message queue settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueConfig {
    /// Messages it can hold; a publish to a full queue fails.
    pub capacity_messages: u32,
    /// Whether messages survive the queue's death (written to disk) or are lost with it.
    pub durable: bool,
}

impl Default for QueueConfig {
    fn default() -> Self {
        QueueConfig {
            capacity_messages: 100_000,
            durable: true,
        }
    }
}

/// Worker pool settings: workers take jobs from the queue they are connected from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkersConfig {
    /// Workers always running.
    pub min_workers: u32,
    /// Most workers autoscaling may run (equal to the minimum: no autoscaling).
    pub max_workers: u32,
    /// Autoscaling aims for at most this many waiting jobs per worker.
    pub target_backlog_per_worker: u32,
    /// Time for a new worker to start taking jobs, s.
    pub warm_up_s: f64,
}

impl Default for WorkersConfig {
    fn default() -> Self {
        WorkersConfig {
            min_workers: 4,
            max_workers: 4,
            target_backlog_per_worker: 50,
            warm_up_s: 30.0,
        }
    }
}

/// Cache settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CacheConfig {
    /// Entries it can hold.
    pub capacity_entries: u32,
    /// Which entry a full cache evicts.
    pub eviction: Eviction,
    /// How long an entry stays valid after it is stored, s; 0 = until evicted.
    pub ttl_s: f64,
    /// Whether a hit restarts the entry's TTL.
    pub refresh_ttl_on_hit: bool,
    /// What a write does to the cached entry.
    pub write_policy: WritePolicy,
    /// Lookups served at once.
    pub workers: u32,
    /// Mean time of one lookup, ms.
    pub lookup_time_ms: f64,
    /// Lookups that may wait for a worker.
    pub queue_capacity: u32,
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig {
            capacity_entries: 1_000,
            eviction: Eviction::Lru,
            ttl_s: 60.0,
            refresh_ttl_on_hit: false,
            write_policy: WritePolicy::Invalidate,
            workers: 16,
            lookup_time_ms: 0.3,
            queue_capacity: 1_000,
        }
    }
}
