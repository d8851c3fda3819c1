//! The topology graph of a scenario and the settings of each component kind.
//!
//! `ComponentKind` is a closed enum and every `match` on it is exhaustive: adding a kind (cache, CDN, replica set,
//! shard router, queue, …) fails to compile until the engine, the inspector and the glyph handle it. This module
//! describes *what the user built*; it must not know about runtime state (health, queues, metrics).

mod config;
pub mod cost;
pub mod field;
mod region;
mod spof;
pub mod traffic_shape;
mod validate;

pub use config::{
    CacheConfig, CdnConfig, Choice, ChoiceField, ClientConfig, ComponentConfig, DatabaseConfig,
    DnsConfig, Eviction, KeyDistribution, LbAlgorithm, LoadBalancerConfig, QueueConfig,
    Replication, ServiceDistribution, SessionMode, SessionStoreConfig, ShardRouterConfig,
    ShardStrategy, WebServerConfig, WorkersConfig, WritePolicy,
};
pub use cost::InstanceSize;
pub use field::{FieldSpec, RangeError};
pub use region::Region;
pub use spof::single_points_of_failure;
pub use traffic_shape::{ShapeError, TrafficShape};
pub use validate::{Issue, IssueKind, edge_allowed, validate};

use crate::id::NodeId;
use serde::{Deserialize, Serialize};

/// The kinds of component a user can place. Closed set: match on it exhaustively.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    /// A population of users generating requests (the traffic source).
    Client,
    /// Resolves the site's name to the address of a load balancer or server; answers are cached for the TTL.
    Dns,
    /// Spreads requests over healthy web servers; health-checks them.
    LoadBalancer,
    /// Runs the application: a pool of workers with a queue.
    WebServer,
    /// Stores the data: a pool of query workers with a queue.
    Database,
    /// Keeps recently read data in memory in front of a database (read-through).
    Cache,
    /// A read-only copy of a database, kept up to date by replication from its primary.
    Replica,
    /// Holds user sessions for a stateless web tier (Redis, a NoSQL store).
    SessionStore,
    /// Holds jobs published by web servers until workers take them.
    MessageQueue,
    /// A pool of workers processing jobs from a message queue, optionally autoscaled on its backlog.
    Workers,
    /// Splits the data over several databases (shards) by key.
    ShardRouter,
    /// Edge caches near the users serving static files (images, scripts, styles).
    Cdn,
}

impl ComponentKind {
    /// Every kind, in palette order.
    pub const ALL: [ComponentKind; 12] = [
        ComponentKind::Client,
        ComponentKind::Dns,
        ComponentKind::Cdn,
        ComponentKind::LoadBalancer,
        ComponentKind::WebServer,
        ComponentKind::SessionStore,
        ComponentKind::Cache,
        ComponentKind::ShardRouter,
        ComponentKind::Database,
        ComponentKind::Replica,
        ComponentKind::MessageQueue,
        ComponentKind::Workers,
    ];

    /// Whether nodes of this kind are global services that run in no one data center (users, DNS, CDNs): a
    /// data-center outage leaves them up.
    #[must_use]
    pub fn is_global(self) -> bool {
        match self {
            ComponentKind::Client | ComponentKind::Dns | ComponentKind::Cdn => true,
            ComponentKind::LoadBalancer
            | ComponentKind::WebServer
            | ComponentKind::SessionStore
            | ComponentKind::Cache
            | ComponentKind::ShardRouter
            | ComponentKind::Database
            | ComponentKind::Replica
            | ComponentKind::MessageQueue
            | ComponentKind::Workers => false,
        }
    }

    /// The kind's name for people ("Load balancer").
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            ComponentKind::Client => "Client",
            ComponentKind::Dns => "DNS",
            ComponentKind::LoadBalancer => "Load balancer",
            ComponentKind::WebServer => "Web server",
            ComponentKind::Database => "Database",
            ComponentKind::Cache => "Cache",
            ComponentKind::Replica => "Read replica",
            ComponentKind::SessionStore => "Session store",
            ComponentKind::MessageQueue => "Message queue",
            ComponentKind::Workers => "Workers",
            ComponentKind::ShardRouter => "Shard router",
            ComponentKind::Cdn => "CDN",
        }
    }

    /// The kind's id in files and on the command line ("load_balancer").
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            ComponentKind::Client => "client",
            ComponentKind::Dns => "dns",
            ComponentKind::LoadBalancer => "load_balancer",
            ComponentKind::WebServer => "web_server",
            ComponentKind::Database => "database",
            ComponentKind::Cache => "cache",
            ComponentKind::Replica => "replica",
            ComponentKind::SessionStore => "session_store",
            ComponentKind::MessageQueue => "message_queue",
            ComponentKind::Workers => "workers",
            ComponentKind::ShardRouter => "shard_router",
            ComponentKind::Cdn => "cdn",
        }
    }

    /// One sentence a beginner can read in the palette's tooltip.
    #[must_use]
    pub fn explanation(self) -> &'static str {
        match self {
            ComponentKind::Client => {
                "Users sending requests (browsers, mobile apps). The source of all traffic."
            }
            ComponentKind::Dns => {
                "Turns the domain name into an IP address. Clients cache the answer for the record's TTL."
            }
            ComponentKind::LoadBalancer => {
                "Spreads requests over the web servers behind it and stops sending to servers that fail health checks."
            }
            ComponentKind::WebServer => {
                "Runs the application. A fixed number of workers serve requests; the rest wait in a bounded queue."
            }
            ComponentKind::Database => {
                "Stores the data. Reads and writes take query workers; the rest wait in a queue."
            }
            ComponentKind::Cache => {
                "Keeps hot data in memory in front of the database: a hit skips the database, a miss reads it \
                 and keeps a copy until the entry is evicted or expires."
            }
            ComponentKind::Cdn => {
                "Copies of the static files (images, scripts) on servers near the users: faster for them, less \
                 load on your servers. A miss fetches the file from the origin."
            }
            ComponentKind::ShardRouter => {
                "Splits the data over the databases connected to it (shards): each user id belongs to one shard. \
                 Adding a shard moves some keys to it."
            }
            ComponentKind::MessageQueue => {
                "Web servers publish slow jobs here and answer at once; workers take the jobs later. The \
                 backlog absorbs bursts and outages of the workers."
            }
            ComponentKind::Workers => {
                "Take jobs from the message queue they are connected from and process them. Can scale out when \
                 the backlog grows."
            }
            ComponentKind::SessionStore => {
                "Keeps every user's login session in one shared place, so any web server can serve any user \
                 (a stateless web tier). If it dies, everyone is logged out."
            }
            ComponentKind::Replica => {
                "A read-only copy of the database it is connected from. Reads are spread over replicas; writes go \
                 to the primary and reach replicas after the replication lag. If the primary dies, the most \
                 up-to-date replica is promoted."
            }
        }
    }
}

/// A component placed on the canvas. `x`/`y` are world coordinates in canvas pixels (the node's top-left).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Stable id, unique in the document.
    pub id: NodeId,
    /// Name shown on the canvas (plain text, never HTML).
    #[serde(default)]
    pub label: String,
    /// World x of the node's top-left corner, px.
    #[serde(default)]
    pub x: f64,
    /// World y of the node's top-left corner, px.
    #[serde(default)]
    pub y: f64,
    /// The data center (region) it runs in.
    #[serde(default)]
    pub region: Region,
    /// Kind and settings.
    pub config: ComponentConfig,
}

impl Node {
    /// The node's kind, from its settings.
    #[must_use]
    pub fn kind(&self) -> ComponentKind {
        self.config.kind()
    }
}

/// A directed connection: `from` sends requests to `to`. Edges are unique per `(from, to)` pair; their order in
/// the document is the order a load balancer lists its backends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
}
