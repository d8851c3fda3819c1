//! The run's nodes: one runtime record per node of the document (its liveness, counters, random stream and its
//! kind's state), and the table of them in document order, indexed by [`NodeIx`].

use crate::components::{CacheStore, LoadBalancer, ServiceTime, SessionTable, Station};
use crate::components::{Cdn, Client, Dns, MessageQueue, Router};
use crate::id::{NodeId, NodeIx, ReqIx};
use crate::model::{ComponentKind, Region, SessionMode, WritePolicy};
use crate::rng::Rng;
use crate::time::{SimDuration, SimTime};
use std::ops::{Deref, DerefMut, Index, IndexMut};

/// Counters of one node since the start. `arrived − completed − failed` requests are in the node or downstream.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeCounters {
    /// Requests that reached the node.
    pub arrived: u64,
    /// Requests the node answered successfully.
    pub completed: u64,
    /// Requests the node answered with an error (its own or from downstream).
    pub failed: u64,
    /// Requests the node itself failed.
    pub failed_here: u64,
}

/// Kind-specific runtime state.
#[derive(Clone, Debug)]
pub(crate) enum Role {
    /// The client kernel and its entry point (DNS, load balancer or web server).
    Client(Box<Client>, NodeIx),
    Dns(Dns),
    Lb(Lb),
    Web(Web),
    Db(Db),
    Cache(Box<Cache>),
    Store(Box<Store>),
    Queue(Box<MessageQueue>),
    Workers(Box<super::jobs::Workers>),
    Router(Box<Router>),
    Cdn(Box<Cdn>),
}

#[derive(Clone, Debug)]
pub(crate) struct Store {
    pub station: Station,
    pub table: SessionTable,
    pub lookup: ServiceTime,
    pub forced_logouts: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct Lb {
    pub balancer: LoadBalancer,
    pub rng: Rng,
    pub interval: SimDuration,
    /// Most requests out through the balancer at once (0 = unlimited).
    pub max_connections: u32,
    /// The active/passive pair behind the balancer's address, when it has a standby.
    pub pair: Option<super::lb_pair::Pair>,
}

#[derive(Clone, Debug)]
pub(crate) struct Web {
    pub station: Station,
    pub service: ServiceTime,
    pub timeout: SimDuration,
    pub database: Option<NodeIx>,
    pub sessions: SessionMode,
    pub store: Option<NodeIx>,
    /// Message queue jobs are published to (none: the server does jobs inline).
    pub queue: Option<NodeIx>,
    /// Instances (an autoscaling group when its maximum exceeds its minimum).
    pub group: super::autoscale::Group,
    pub forced_logouts: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct Db {
    pub station: Station,
    /// Most queries admitted at once, executing + waiting (0 = unlimited).
    pub max_connections: u32,
    pub read: ServiceTime,
    pub write: ServiceTime,
    /// Current data version per key (number of writes applied), grown on demand.
    pub versions: Vec<u32>,
    pub reads: u64,
    pub writes: u64,
    /// Replica set this database belongs to, if any.
    pub set: Option<u32>,
    /// Replicated writes applied (replicas; compared with the set's committed count).
    pub applied: u64,
    /// Incremented to drop every write in transit to this node.
    pub apply_epoch: u32,
    /// Writes shipped to this replica and not yet applied (including those `held`).
    pub behind: u64,
    /// Writes the primary committed while a network partition cut this replica off, in commit order:
    /// `(key, version, commit time, the primary that committed it)`; shipped when it heals.
    pub held: Vec<(u32, u32, SimTime, NodeIx)>,
    /// Longest replication delay of a write shipped here (commit to applied), µs.
    pub lag_max_us: u64,
    /// Sum and number of the replication delays of writes shipped here (commit to applied), µs.
    pub lag_sum_us: u64,
    pub lag_count: u64,
    /// Reads served older than the primary's version of the key (read-your-writes violations).
    pub stale_reads: u64,
    /// Reads sent here while it had not applied the reading user's latest write (counted when the set tracks
    /// users).
    pub stale_own_reads: u64,
    /// Acknowledged writes lost when this node was promoted.
    pub lost_writes: u64,
}

impl Db {
    pub(crate) fn version(&self, key: u32) -> u32 {
        self.versions.get(key as usize).copied().unwrap_or(0)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Cache {
    pub station: Station,
    pub store: CacheStore,
    pub lookup: ServiceTime,
    pub write_policy: WritePolicy,
    pub database: NodeIx,
    pub stale_reads: u64,
    /// Lookups and hits in the open window, and the hit ratio of the last closed one.
    pub window_lookups: u64,
    pub window_hits: u64,
    pub last_window_hit_ratio: Option<f64>,
}

/// One node's runtime.
/// A node's random failure process: up times exponential with mean `mtbf_us`, repairs exponential with mean
/// `mttr_us`, drawn from the node's own stream (`Stream::Faults`, the node's id), so no other draw moves. Long-run
/// availability MTBF/(MTBF + MTTR) (an alternating renewal process; Barlow & Proschan, Statistical Theory of
/// Reliability and Life Testing, 1975, ch. 7).
#[derive(Clone, Debug)]
pub(crate) struct Failures {
    pub mtbf_us: f64,
    pub mttr_us: f64,
    pub rng: Rng,
}

#[derive(Clone, Debug)]
pub(crate) struct NodeRt {
    pub id: NodeId,
    pub kind: ComponentKind,
    pub label: String,
    pub region: Region,
    pub alive: bool,
    pub epoch: u32,
    pub down_since: Option<SimTime>,
    /// Time down in closed outages (a current one is `down_since`), µs.
    pub down_us: u64,
    /// Random failures and repairs, when the node has a mean time between failures.
    pub failures: Option<Failures>,
    pub counters: NodeCounters,
    /// Service times are multiplied by this (1 normally; `SLOWDOWN_FACTOR` while slowed down).
    pub slowdown: u32,
    pub service_rng: Rng,
    pub role: Role,
    /// Completions in the open window, and the rate of the last closed one.
    pub window_completed: u64,
    pub last_window_rps: f64,
    /// Busy-worker area at the open window's start, and the utilization of the last closed window.
    pub window_busy_area_start: u64,
    pub last_window_utilization: f64,
    /// Price of this node, USD per hour (see `model::cost`).
    pub usd_per_hour: f64,
    /// For a CDN, the latency edge ↔ origin, which is that of every link it has.
    pub edge_origin: Option<SimDuration>,
    /// A station every way into which takes the same time: requests are admitted when they are sent there, that
    /// long ahead of their arrival (`None`: admitted on arrival; see `engine::stations`).
    pub lead: Option<SimDuration>,
    /// A station admitting ahead while it is down: requests on their way (slot, ticket, arrival), admitted at once
    /// if it is back before they arrive.
    pub inbound: Vec<(ReqIx, u32, SimTime)>,
}

impl NodeRt {
    /// The node runs again at `now`: its outage joins `down_us`.
    pub(crate) fn came_up(&mut self, now: SimTime) {
        if let Some(d) = self.down_since.take() {
            self.down_us += now.since(d).as_us();
        }
    }

    /// Share of `[0, now]` the node was running, 0–1 (1 at time 0).
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn availability(&self, now: SimTime) -> f64 {
        let open = self.down_since.map_or(0, |d| now.since(d).as_us());
        let t = now.as_us();
        if t == 0 {
            1.0
        } else {
            1.0 - (self.down_us + open) as f64 / t as f64
        }
    }

    pub(crate) fn station(&self) -> Option<&Station> {
        match &self.role {
            Role::Web(w) => Some(&w.station),
            Role::Db(d) => Some(&d.station),
            Role::Cache(c) => Some(&c.station),
            Role::Store(s) => Some(&s.station),
            Role::Client(..)
            | Role::Dns(_)
            | Role::Lb(_)
            | Role::Queue(_)
            | Role::Workers(_)
            | Role::Router(_)
            | Role::Cdn(_) => None,
        }
    }

    pub(crate) fn station_mut(&mut self) -> Option<&mut Station> {
        match &mut self.role {
            Role::Web(w) => Some(&mut w.station),
            Role::Db(d) => Some(&mut d.station),
            Role::Cache(c) => Some(&mut c.station),
            Role::Store(s) => Some(&mut s.station),
            Role::Client(..)
            | Role::Dns(_)
            | Role::Lb(_)
            | Role::Queue(_)
            | Role::Workers(_)
            | Role::Router(_)
            | Role::Cdn(_) => None,
        }
    }
}

/// Every node's runtime, in document order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Nodes(pub Vec<NodeRt>);

impl Nodes {
    /// Every node index, in order.
    pub(crate) fn indices(&self) -> impl Iterator<Item = NodeIx> + use<> {
        (0..self.0.len()).map(NodeIx::of)
    }
}

impl Index<NodeIx> for Nodes {
    type Output = NodeRt;
    #[inline]
    fn index(&self, i: NodeIx) -> &NodeRt {
        &self.0[i.get()]
    }
}

impl IndexMut<NodeIx> for Nodes {
    #[inline]
    fn index_mut(&mut self, i: NodeIx) -> &mut NodeRt {
        &mut self.0[i.get()]
    }
}

impl Deref for Nodes {
    type Target = [NodeRt];
    fn deref(&self) -> &[NodeRt] {
        &self.0
    }
}

impl DerefMut for Nodes {
    fn deref_mut(&mut self) -> &mut [NodeRt] {
        &mut self.0
    }
}

impl<'a> IntoIterator for &'a Nodes {
    type Item = &'a NodeRt;
    type IntoIter = std::slice::Iter<'a, NodeRt>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut Nodes {
    type Item = &'a mut NodeRt;
    type IntoIter = std::slice::IterMut<'a, NodeRt>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

impl FromIterator<NodeRt> for Nodes {
    fn from_iter<I: IntoIterator<Item = NodeRt>>(iter: I) -> Self {
        Nodes(iter.into_iter().collect())
    }
}
