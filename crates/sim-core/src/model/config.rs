//! Settings of each component kind, with defaults that make a sensible first diagram.
//!
//! Every field has a default (`#[serde(default)]`), so a file written before a field existed still loads. Numeric
//! fields are listed with their [`FieldSpec`] by [`ComponentConfig::numbers`] and changed through
//! [`ComponentConfig::with_number`], which rejects out-of-range values; choice fields likewise through
//! [`ComponentConfig::choices`] / [`ComponentConfig::with_choice`]. The inspector is generic over these lists.

use super::ComponentKind;
use super::cost::InstanceSize;
use super::field::{self, FieldSpec, RangeError};
use serde::{Deserialize, Serialize};

/// How request keys (user ids, item ids) are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyDistribution {
    /// Every key equally likely.
    Uniform,
    /// Key of rank k has probability ∝ 1/k^α (a few keys are hot).
    #[default]
    Zipf,
}

/// Load-balancing algorithm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LbAlgorithm {
    /// Each healthy backend in turn.
    #[default]
    RoundRobin,
    /// A uniformly random healthy backend.
    Random,
    /// The healthy backend with the fewest requests outstanding (ties: first in list order).
    LeastConnections,
    /// The client address (here: the user) hashed modulo the healthy backends.
    IpHash,
    /// Round robin for a user's first request, then the backend named by their session cookie while healthy.
    StickySessions,
}

/// Where a web server keeps user sessions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionMode {
    /// No logins (sessions are not modelled).
    #[default]
    None,
    /// In this server's memory (stateful): a request on another server finds no session and the user is logged
    /// out; a dead server logs out all its users.
    InMemory,
    /// In a shared session store (stateless web tier): any server can serve any user.
    SessionStore,
}

/// Distribution of service times around their mean.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceDistribution {
    /// Memoryless (coefficient of variation 1): the "M" in M/M/c.
    #[default]
    Exponential,
    /// Always exactly the mean: the "D" in M/D/c.
    Constant,
}

/// How a shard router maps keys to shards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShardStrategy {
    /// hash(key) mod n.
    Modulo,
    /// A hash ring with virtual nodes.
    #[default]
    ConsistentHashing,
    /// Contiguous key ranges.
    Range,
}

/// How writes reach read replicas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Replication {
    /// The primary acknowledges a write at once and ships it to replicas after the lag: fast writes, but writes
    /// not yet shipped are lost if the primary dies.
    #[default]
    Asynchronous,
    /// The primary acknowledges a write only once one replica has received it (a network round trip later): slower
    /// writes, nothing acknowledged is lost.
    SemiSynchronous,
}

/// Which entry a full cache evicts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Eviction {
    /// Least recently used.
    #[default]
    Lru,
    /// Least frequently used since it entered the cache (ties: least recently used).
    Lfu,
    /// Oldest inserted, whatever its use.
    Fifo,
}

/// What a cache does when a write passes through it to the database.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WritePolicy {
    /// Delete the cached entry after the database write (the next read misses and refills).
    #[default]
    Invalidate,
    /// Store the written value in the cache after the database write.
    WriteThrough,
    /// Leave the cached entry alone: reads see the old value until it expires (stale reads).
    Nothing,
}

/// Client (traffic source) settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientConfig {
    /// Mean request rate, requests per second; arrivals are Poisson.
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
}

impl Default for DnsConfig {
    fn default() -> Self {
        DnsConfig {
            resolution_ms: 20.0,
            ttl_s: 300.0,
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
}

impl Default for LoadBalancerConfig {
    fn default() -> Self {
        LoadBalancerConfig {
            algorithm: LbAlgorithm::RoundRobin,
            health_check_interval_ms: 1_000.0,
            unhealthy_threshold: 3,
            healthy_threshold: 2,
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
    /// Primary with replicas: how writes reach them.
    pub replication: Replication,
    /// Primary with replicas: mean time for a write to reach a replica, ms (exponential; applied in order).
    pub replication_lag_ms: f64,
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
            replication: Replication::Asynchronous,
            replication_lag_ms: 200.0,
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

/// A component's kind together with its settings. In files: `{"kind": "web_server", "workers": 8, …}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ComponentConfig {
    /// See [`ClientConfig`].
    Client(ClientConfig),
    /// See [`DnsConfig`].
    Dns(DnsConfig),
    /// See [`LoadBalancerConfig`].
    LoadBalancer(LoadBalancerConfig),
    /// See [`WebServerConfig`].
    WebServer(WebServerConfig),
    /// See [`DatabaseConfig`].
    Database(DatabaseConfig),
    /// See [`CacheConfig`].
    Cache(CacheConfig),
    /// A read replica: the query settings of [`DatabaseConfig`] (its replication settings are the primary's).
    Replica(DatabaseConfig),
    /// See [`SessionStoreConfig`].
    SessionStore(SessionStoreConfig),
    /// See [`QueueConfig`].
    MessageQueue(QueueConfig),
    /// See [`WorkersConfig`].
    Workers(WorkersConfig),
    /// See [`ShardRouterConfig`].
    ShardRouter(ShardRouterConfig),
    /// See [`CdnConfig`].
    Cdn(CdnConfig),
}

/// A setting chosen from a fixed list (shown as a select).
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceField {
    /// Name in the file, e.g. `"algorithm"`.
    pub name: &'static str,
    /// Label for people.
    pub label: &'static str,
    /// `(id, label)` of each option.
    pub options: &'static [(&'static str, &'static str)],
    /// Id of the current option.
    pub current: &'static str,
}

/// Stands in for a setting name this kind does not have, so the error still reads as a sentence.
const UNKNOWN_FIELD: FieldSpec = FieldSpec {
    name: "",
    label: "Unknown setting",
    unit: "",
    min: 0.0,
    max: 0.0,
    integer: false,
};

const SHARD_STRATEGIES: &[(&str, &str)] = &[
    ("consistent_hashing", "Consistent hashing (virtual nodes)"),
    ("modulo", "hash(user id) mod number of shards"),
    ("range", "Ranges of user ids"),
];
const INSTANCE_SIZES: &[(&str, &str)] = &[
    ("small", "small: 2 vCPU, workers ×1"),
    ("medium", "medium: 4 vCPU, workers ×2"),
    ("large", "large: 8 vCPU, workers ×4"),
    ("xlarge", "xlarge: 16 vCPU, workers ×8"),
    ("2xlarge", "2xlarge: 32 vCPU, workers ×16 (largest)"),
];

fn size_choice(size: InstanceSize) -> ChoiceField {
    ChoiceField {
        name: "instance_size",
        label: "Instance size",
        options: INSTANCE_SIZES,
        current: size.id(),
    }
}

const SESSION_MODES: &[(&str, &str)] = &[
    ("none", "No logins"),
    ("in_memory", "In this server's memory (stateful)"),
    ("session_store", "In a shared session store (stateless)"),
];
const LB_ALGORITHMS: &[(&str, &str)] = &[
    ("round_robin", "Round robin"),
    ("random", "Random"),
    ("least_connections", "Least connections"),
    ("ip_hash", "IP hash"),
    ("sticky_sessions", "Sticky sessions (cookie)"),
];
const DISTRIBUTIONS: &[(&str, &str)] = &[("exponential", "Exponential"), ("constant", "Constant")];
const KEY_DISTRIBUTIONS: &[(&str, &str)] = &[("zipf", "Zipf (skewed)"), ("uniform", "Uniform")];
const YES_NO: &[(&str, &str)] = &[("no", "No"), ("yes", "Yes")];
const EVICTIONS: &[(&str, &str)] = &[
    ("lru", "LRU (least recently used)"),
    ("lfu", "LFU (least frequently used)"),
    ("fifo", "FIFO (oldest first)"),
];
const REPLICATIONS: &[(&str, &str)] = &[
    ("asynchronous", "Asynchronous (fast writes, may lose some)"),
    (
        "semi_synchronous",
        "Semi-synchronous (slower writes, no loss)",
    ),
];
const WRITE_POLICIES: &[(&str, &str)] = &[
    ("invalidate", "Invalidate the entry"),
    ("write_through", "Write through (update the entry)"),
    ("nothing", "Nothing (stale reads)"),
];

fn parse_yes_no(id: &str) -> Option<bool> {
    match id {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn distribution_id(d: ServiceDistribution) -> &'static str {
    match d {
        ServiceDistribution::Exponential => "exponential",
        ServiceDistribution::Constant => "constant",
    }
}

fn parse_distribution(id: &str) -> Option<ServiceDistribution> {
    match id {
        "exponential" => Some(ServiceDistribution::Exponential),
        "constant" => Some(ServiceDistribution::Constant),
        _ => None,
    }
}

impl ComponentConfig {
    /// Default settings for a kind (what a palette drop creates).
    #[must_use]
    pub fn default_for(kind: ComponentKind) -> Self {
        match kind {
            ComponentKind::Client => ComponentConfig::Client(ClientConfig::default()),
            ComponentKind::Dns => ComponentConfig::Dns(DnsConfig::default()),
            ComponentKind::LoadBalancer => {
                ComponentConfig::LoadBalancer(LoadBalancerConfig::default())
            }
            ComponentKind::WebServer => ComponentConfig::WebServer(WebServerConfig::default()),
            ComponentKind::Database => ComponentConfig::Database(DatabaseConfig::default()),
            ComponentKind::Cache => ComponentConfig::Cache(CacheConfig::default()),
            ComponentKind::Replica => ComponentConfig::Replica(DatabaseConfig::default()),
            ComponentKind::SessionStore => {
                ComponentConfig::SessionStore(SessionStoreConfig::default())
            }
            ComponentKind::MessageQueue => ComponentConfig::MessageQueue(QueueConfig::default()),
            ComponentKind::Workers => ComponentConfig::Workers(WorkersConfig::default()),
            ComponentKind::ShardRouter => {
                ComponentConfig::ShardRouter(ShardRouterConfig::default())
            }
            ComponentKind::Cdn => ComponentConfig::Cdn(CdnConfig::default()),
        }
    }

    /// The kind these settings belong to.
    #[must_use]
    pub fn kind(&self) -> ComponentKind {
        match self {
            ComponentConfig::Client(_) => ComponentKind::Client,
            ComponentConfig::Dns(_) => ComponentKind::Dns,
            ComponentConfig::LoadBalancer(_) => ComponentKind::LoadBalancer,
            ComponentConfig::WebServer(_) => ComponentKind::WebServer,
            ComponentConfig::Database(_) => ComponentKind::Database,
            ComponentConfig::Cache(_) => ComponentKind::Cache,
            ComponentConfig::Replica(_) => ComponentKind::Replica,
            ComponentConfig::SessionStore(_) => ComponentKind::SessionStore,
            ComponentConfig::MessageQueue(_) => ComponentKind::MessageQueue,
            ComponentConfig::Workers(_) => ComponentKind::Workers,
            ComponentConfig::ShardRouter(_) => ComponentKind::ShardRouter,
            ComponentConfig::Cdn(_) => ComponentKind::Cdn,
        }
    }

    /// Every numeric setting with its range and current value, in inspector order.
    #[must_use]
    pub fn numbers(&self) -> Vec<(FieldSpec, f64)> {
        match self {
            ComponentConfig::Client(c) => vec![
                (field::ARRIVAL_RATE, c.arrival_rate_per_s),
                (field::READ_FRACTION, c.read_fraction),
                (field::USERS, f64::from(c.users)),
                (field::KEY_COUNT, f64::from(c.key_count)),
                (field::ZIPF_ALPHA, c.alpha),
                (field::RTT, c.rtt_ms),
                (field::JOB_FRACTION, c.job_fraction),
                (field::JOB_TIME, c.job_time_ms),
                (field::CELEBRITY_KEYS, f64::from(c.celebrity_keys)),
                (field::CELEBRITY_SHARE, c.celebrity_share),
                (field::STATIC_FRACTION, c.static_fraction),
                (field::STATIC_ASSETS, f64::from(c.static_assets)),
            ],
            ComponentConfig::Cdn(c) => vec![
                (field::CDN_CAPACITY, f64::from(c.capacity_assets)),
                (field::CDN_TTL, c.ttl_s),
                (field::EDGE_RTT, c.edge_rtt_ms),
                (field::ORIGIN_LATENCY, c.origin_latency_ms),
            ],
            ComponentConfig::ShardRouter(c) => vec![
                (field::VIRTUAL_NODES, f64::from(c.virtual_nodes)),
                (field::ACTIVE_SHARDS, f64::from(c.active_shards)),
                (field::MIGRATION_RATE, c.migration_keys_per_s),
            ],
            ComponentConfig::Dns(c) => vec![
                (field::DNS_RESOLUTION, c.resolution_ms),
                (field::DNS_TTL, c.ttl_s),
            ],
            ComponentConfig::LoadBalancer(c) => vec![
                (field::HEALTH_INTERVAL, c.health_check_interval_ms),
                (field::UNHEALTHY_THRESHOLD, f64::from(c.unhealthy_threshold)),
                (field::HEALTHY_THRESHOLD, f64::from(c.healthy_threshold)),
            ],
            ComponentConfig::WebServer(c) => vec![
                (field::WORKERS, f64::from(c.workers)),
                (field::SERVICE_TIME, c.service_time_ms),
                (field::QUEUE_CAPACITY, f64::from(c.queue_capacity)),
                (field::TIMEOUT, c.timeout_ms),
            ],
            ComponentConfig::Database(c) => vec![
                (field::WORKERS, f64::from(c.workers)),
                (field::READ_TIME, c.read_time_ms),
                (field::WRITE_TIME, c.write_time_ms),
                (field::QUEUE_CAPACITY, f64::from(c.queue_capacity)),
                (field::REPLICATION_LAG, c.replication_lag_ms),
                (field::FAILOVER_TIMEOUT, c.failover_timeout_s),
                (field::PROVISION_DELAY, c.provision_delay_s),
            ],
            ComponentConfig::MessageQueue(c) => {
                vec![(field::QUEUE_MESSAGES, f64::from(c.capacity_messages))]
            }
            ComponentConfig::Workers(c) => vec![
                (field::MIN_WORKERS, f64::from(c.min_workers)),
                (field::MAX_WORKERS, f64::from(c.max_workers)),
                (
                    field::JOBS_PER_WORKER,
                    f64::from(c.target_backlog_per_worker),
                ),
                (field::WARM_UP, c.warm_up_s),
            ],
            ComponentConfig::SessionStore(c) => vec![
                (field::WORKERS, f64::from(c.workers)),
                (field::LOOKUP_TIME, c.lookup_time_ms),
                (field::QUEUE_CAPACITY, f64::from(c.queue_capacity)),
            ],
            ComponentConfig::Replica(c) => vec![
                (field::WORKERS, f64::from(c.workers)),
                (field::READ_TIME, c.read_time_ms),
                (field::WRITE_TIME, c.write_time_ms),
                (field::QUEUE_CAPACITY, f64::from(c.queue_capacity)),
            ],
            ComponentConfig::Cache(c) => vec![
                (field::CACHE_CAPACITY, f64::from(c.capacity_entries)),
                (field::CACHE_TTL, c.ttl_s),
                (field::WORKERS, f64::from(c.workers)),
                (field::LOOKUP_TIME, c.lookup_time_ms),
                (field::QUEUE_CAPACITY, f64::from(c.queue_capacity)),
            ],
        }
    }

    /// A copy with the numeric setting `name` set to `value`.
    ///
    /// # Errors
    /// [`RangeError`] when the value is outside the field's range (the settings are unchanged), or when this kind
    /// has no such field (reported against a zero-width range so the message still names it).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked whole and in range first
    pub fn with_number(&self, name: &str, value: f64) -> Result<ComponentConfig, RangeError> {
        let spec = self
            .numbers()
            .into_iter()
            .map(|(s, _)| s)
            .find(|s| s.name == name)
            .ok_or(RangeError {
                field: UNKNOWN_FIELD,
                value,
            })?;
        spec.check(value)?;
        let int = value as u32;
        let mut out = self.clone();
        match (&mut out, name) {
            (ComponentConfig::Client(c), "arrival_rate_per_s") => c.arrival_rate_per_s = value,
            (ComponentConfig::Client(c), "read_fraction") => c.read_fraction = value,
            (ComponentConfig::Client(c), "users") => c.users = int,
            (ComponentConfig::Client(c), "key_count") => c.key_count = int,
            (ComponentConfig::Client(c), "alpha") => c.alpha = value,
            (ComponentConfig::Client(c), "rtt_ms") => c.rtt_ms = value,
            (ComponentConfig::Dns(c), "resolution_ms") => c.resolution_ms = value,
            (ComponentConfig::Dns(c), "ttl_s") => c.ttl_s = value,
            (ComponentConfig::LoadBalancer(c), "health_check_interval_ms") => {
                c.health_check_interval_ms = value;
            }
            (ComponentConfig::LoadBalancer(c), "unhealthy_threshold") => {
                c.unhealthy_threshold = int;
            }
            (ComponentConfig::LoadBalancer(c), "healthy_threshold") => c.healthy_threshold = int,
            (ComponentConfig::WebServer(c), "workers") => c.workers = int,
            (ComponentConfig::WebServer(c), "service_time_ms") => c.service_time_ms = value,
            (ComponentConfig::WebServer(c), "queue_capacity") => c.queue_capacity = int,
            (ComponentConfig::WebServer(c), "timeout_ms") => c.timeout_ms = value,
            (ComponentConfig::Database(c) | ComponentConfig::Replica(c), "workers") => {
                c.workers = int;
            }
            (ComponentConfig::Database(c) | ComponentConfig::Replica(c), "read_time_ms") => {
                c.read_time_ms = value;
            }
            (ComponentConfig::Database(c) | ComponentConfig::Replica(c), "write_time_ms") => {
                c.write_time_ms = value;
            }
            (ComponentConfig::Database(c) | ComponentConfig::Replica(c), "queue_capacity") => {
                c.queue_capacity = int;
            }
            (ComponentConfig::Client(c), "job_fraction") => c.job_fraction = value,
            (ComponentConfig::Client(c), "job_time_ms") => c.job_time_ms = value,
            (ComponentConfig::Client(c), "celebrity_keys") => c.celebrity_keys = int,
            (ComponentConfig::Client(c), "celebrity_share") => c.celebrity_share = value,
            (ComponentConfig::Client(c), "static_fraction") => c.static_fraction = value,
            (ComponentConfig::Client(c), "static_assets") => c.static_assets = int,
            (ComponentConfig::Cdn(c), "capacity_assets") => c.capacity_assets = int,
            (ComponentConfig::Cdn(c), "ttl_s") => c.ttl_s = value,
            (ComponentConfig::Cdn(c), "edge_rtt_ms") => c.edge_rtt_ms = value,
            (ComponentConfig::Cdn(c), "origin_latency_ms") => c.origin_latency_ms = value,
            (ComponentConfig::ShardRouter(c), "virtual_nodes") => c.virtual_nodes = int,
            (ComponentConfig::ShardRouter(c), "active_shards") => c.active_shards = int,
            (ComponentConfig::ShardRouter(c), "migration_keys_per_s") => {
                c.migration_keys_per_s = value;
            }
            (ComponentConfig::MessageQueue(c), "capacity_messages") => c.capacity_messages = int,
            (ComponentConfig::Workers(c), "min_workers") => c.min_workers = int,
            (ComponentConfig::Workers(c), "max_workers") => c.max_workers = int,
            (ComponentConfig::Workers(c), "target_backlog_per_worker") => {
                c.target_backlog_per_worker = int;
            }
            (ComponentConfig::Workers(c), "warm_up_s") => c.warm_up_s = value,
            (ComponentConfig::SessionStore(c), "workers") => c.workers = int,
            (ComponentConfig::SessionStore(c), "lookup_time_ms") => c.lookup_time_ms = value,
            (ComponentConfig::SessionStore(c), "queue_capacity") => c.queue_capacity = int,
            (ComponentConfig::Database(c), "replication_lag_ms") => c.replication_lag_ms = value,
            (ComponentConfig::Database(c), "failover_timeout_s") => c.failover_timeout_s = value,
            (ComponentConfig::Database(c), "provision_delay_s") => c.provision_delay_s = value,
            (ComponentConfig::Cache(c), "capacity_entries") => c.capacity_entries = int,
            (ComponentConfig::Cache(c), "ttl_s") => c.ttl_s = value,
            (ComponentConfig::Cache(c), "workers") => c.workers = int,
            (ComponentConfig::Cache(c), "lookup_time_ms") => c.lookup_time_ms = value,
            (ComponentConfig::Cache(c), "queue_capacity") => c.queue_capacity = int,
            _ => {
                unreachable!("numbers() listed {name} for this kind but with_number cannot set it")
            }
        }
        Ok(out)
    }

    /// Every choice setting with its options and current value.
    #[must_use]
    pub fn choices(&self) -> Vec<ChoiceField> {
        match self {
            ComponentConfig::Client(c) => vec![ChoiceField {
                name: "key_distribution",
                label: "Key popularity",
                options: KEY_DISTRIBUTIONS,
                current: match c.key_distribution {
                    KeyDistribution::Zipf => "zipf",
                    KeyDistribution::Uniform => "uniform",
                },
            }],
            ComponentConfig::Dns(_) => vec![],
            ComponentConfig::LoadBalancer(c) => vec![ChoiceField {
                name: "algorithm",
                label: "Algorithm",
                options: LB_ALGORITHMS,
                current: match c.algorithm {
                    LbAlgorithm::RoundRobin => "round_robin",
                    LbAlgorithm::Random => "random",
                    LbAlgorithm::LeastConnections => "least_connections",
                    LbAlgorithm::IpHash => "ip_hash",
                    LbAlgorithm::StickySessions => "sticky_sessions",
                },
            }],
            ComponentConfig::WebServer(c) => vec![
                ChoiceField {
                    name: "service_distribution",
                    label: "Service time shape",
                    options: DISTRIBUTIONS,
                    current: distribution_id(c.service_distribution),
                },
                ChoiceField {
                    name: "embedded_database",
                    label: "Also runs the database",
                    options: YES_NO,
                    current: if c.embedded_database { "yes" } else { "no" },
                },
                size_choice(c.instance_size),
                ChoiceField {
                    name: "sessions",
                    label: "User sessions live",
                    options: SESSION_MODES,
                    current: match c.sessions {
                        SessionMode::None => "none",
                        SessionMode::InMemory => "in_memory",
                        SessionMode::SessionStore => "session_store",
                    },
                },
            ],
            ComponentConfig::Database(c) => vec![
                ChoiceField {
                    name: "service_distribution",
                    label: "Query time shape",
                    options: DISTRIBUTIONS,
                    current: distribution_id(c.service_distribution),
                },
                size_choice(c.instance_size),
                ChoiceField {
                    name: "replication",
                    label: "Replication to read replicas",
                    options: REPLICATIONS,
                    current: match c.replication {
                        Replication::Asynchronous => "asynchronous",
                        Replication::SemiSynchronous => "semi_synchronous",
                    },
                },
            ],
            ComponentConfig::SessionStore(_) | ComponentConfig::Workers(_) => vec![],
            ComponentConfig::Cdn(c) => vec![ChoiceField {
                name: "versioned_urls",
                label: "File names carry their version",
                options: YES_NO,
                current: if c.versioned_urls { "yes" } else { "no" },
            }],
            ComponentConfig::ShardRouter(c) => vec![ChoiceField {
                name: "strategy",
                label: "Sharding strategy",
                options: SHARD_STRATEGIES,
                current: match c.strategy {
                    ShardStrategy::Modulo => "modulo",
                    ShardStrategy::ConsistentHashing => "consistent_hashing",
                    ShardStrategy::Range => "range",
                },
            }],
            ComponentConfig::MessageQueue(c) => vec![ChoiceField {
                name: "durable",
                label: "Messages survive a crash (durable)",
                options: YES_NO,
                current: if c.durable { "yes" } else { "no" },
            }],
            ComponentConfig::Replica(c) => vec![
                ChoiceField {
                    name: "service_distribution",
                    label: "Query time shape",
                    options: DISTRIBUTIONS,
                    current: distribution_id(c.service_distribution),
                },
                size_choice(c.instance_size),
            ],
            ComponentConfig::Cache(c) => vec![
                ChoiceField {
                    name: "eviction",
                    label: "Eviction",
                    options: EVICTIONS,
                    current: match c.eviction {
                        Eviction::Lru => "lru",
                        Eviction::Lfu => "lfu",
                        Eviction::Fifo => "fifo",
                    },
                },
                ChoiceField {
                    name: "write_policy",
                    label: "On write",
                    options: WRITE_POLICIES,
                    current: match c.write_policy {
                        WritePolicy::Invalidate => "invalidate",
                        WritePolicy::WriteThrough => "write_through",
                        WritePolicy::Nothing => "nothing",
                    },
                },
                ChoiceField {
                    name: "refresh_ttl_on_hit",
                    label: "A hit restarts the TTL",
                    options: YES_NO,
                    current: if c.refresh_ttl_on_hit { "yes" } else { "no" },
                },
            ],
        }
    }

    /// A copy with the choice setting `name` set to option `id`; `None` if this kind has no such setting or
    /// option.
    #[must_use]
    pub fn with_choice(&self, name: &str, id: &str) -> Option<ComponentConfig> {
        let mut out = self.clone();
        match (&mut out, name) {
            (ComponentConfig::Client(c), "key_distribution") => {
                c.key_distribution = match id {
                    "zipf" => KeyDistribution::Zipf,
                    "uniform" => KeyDistribution::Uniform,
                    _ => return None,
                };
            }
            (ComponentConfig::LoadBalancer(c), "algorithm") => {
                c.algorithm = match id {
                    "round_robin" => LbAlgorithm::RoundRobin,
                    "random" => LbAlgorithm::Random,
                    "least_connections" => LbAlgorithm::LeastConnections,
                    "ip_hash" => LbAlgorithm::IpHash,
                    "sticky_sessions" => LbAlgorithm::StickySessions,
                    _ => return None,
                };
            }
            (ComponentConfig::WebServer(c), "service_distribution") => {
                c.service_distribution = parse_distribution(id)?;
            }
            (
                ComponentConfig::Database(c) | ComponentConfig::Replica(c),
                "service_distribution",
            ) => {
                c.service_distribution = parse_distribution(id)?;
            }
            (ComponentConfig::Database(c), "replication") => {
                c.replication = match id {
                    "asynchronous" => Replication::Asynchronous,
                    "semi_synchronous" => Replication::SemiSynchronous,
                    _ => return None,
                };
            }
            (ComponentConfig::WebServer(c), "embedded_database") => {
                c.embedded_database = parse_yes_no(id)?;
            }
            (ComponentConfig::WebServer(c), "instance_size") => {
                c.instance_size = InstanceSize::from_id(id)?;
            }
            (ComponentConfig::Database(c) | ComponentConfig::Replica(c), "instance_size") => {
                c.instance_size = InstanceSize::from_id(id)?;
            }
            (ComponentConfig::MessageQueue(c), "durable") => c.durable = parse_yes_no(id)?,
            (ComponentConfig::Cdn(c), "versioned_urls") => c.versioned_urls = parse_yes_no(id)?,
            (ComponentConfig::ShardRouter(c), "strategy") => {
                c.strategy = match id {
                    "modulo" => ShardStrategy::Modulo,
                    "consistent_hashing" => ShardStrategy::ConsistentHashing,
                    "range" => ShardStrategy::Range,
                    _ => return None,
                };
            }
            (ComponentConfig::WebServer(c), "sessions") => {
                c.sessions = match id {
                    "none" => SessionMode::None,
                    "in_memory" => SessionMode::InMemory,
                    "session_store" => SessionMode::SessionStore,
                    _ => return None,
                };
            }
            (ComponentConfig::Cache(c), "eviction") => {
                c.eviction = match id {
                    "lru" => Eviction::Lru,
                    "lfu" => Eviction::Lfu,
                    "fifo" => Eviction::Fifo,
                    _ => return None,
                };
            }
            (ComponentConfig::Cache(c), "write_policy") => {
                c.write_policy = match id {
                    "invalidate" => WritePolicy::Invalidate,
                    "write_through" => WritePolicy::WriteThrough,
                    "nothing" => WritePolicy::Nothing,
                    _ => return None,
                };
            }
            (ComponentConfig::Cache(c), "refresh_ttl_on_hit") => {
                c.refresh_ttl_on_hit = parse_yes_no(id)?;
            }
            _ => return None,
        }
        Some(out)
    }

    /// Every out-of-range numeric setting (a file may carry values the inspector would have refused).
    #[must_use]
    pub fn range_errors(&self) -> Vec<RangeError> {
        self.numbers()
            .into_iter()
            .filter_map(|(spec, v)| spec.check(v).err())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_number_can_be_set_and_read_back() {
        for kind in ComponentKind::ALL {
            let cfg = ComponentConfig::default_for(kind);
            assert!(
                cfg.range_errors().is_empty(),
                "defaults of {kind:?} are out of range"
            );
            for (spec, _) in cfg.numbers() {
                let v = if spec.integer {
                    libm::floor((spec.min + spec.max) / 2.0)
                } else {
                    (spec.min + spec.max) / 2.0
                };
                let changed = cfg
                    .with_number(spec.name, v)
                    .expect("in-range value accepted");
                let read = changed
                    .numbers()
                    .into_iter()
                    .find(|(s, _)| s.name == spec.name)
                    .map(|(_, v)| v);
                assert_eq!(read, Some(v), "{kind:?}.{}", spec.name);
            }
        }
    }

    #[test]
    fn out_of_range_settings_are_refused_and_leave_the_config_alone() {
        let cfg = ComponentConfig::default_for(ComponentKind::WebServer);
        let err = cfg.with_number("workers", 0.0).unwrap_err();
        assert_eq!(err.field.name, "workers");
        assert!(cfg.with_number("no_such_setting", 1.0).is_err());
    }

    #[test]
    fn every_listed_choice_option_can_be_selected() {
        for kind in ComponentKind::ALL {
            let cfg = ComponentConfig::default_for(kind);
            for choice in cfg.choices() {
                for (id, _) in choice.options {
                    let changed = cfg
                        .with_choice(choice.name, id)
                        .expect("listed option accepted");
                    let now = changed
                        .choices()
                        .into_iter()
                        .find(|c| c.name == choice.name)
                        .map(|c| c.current);
                    assert_eq!(now, Some(*id));
                }
                assert!(cfg.with_choice(choice.name, "bogus").is_none());
            }
        }
    }
}
