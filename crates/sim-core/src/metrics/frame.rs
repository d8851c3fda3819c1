//! The read-only snapshot of a run the UI draws one animation frame from. Built by
//! [`crate::Simulation::frame`]; cheap to build (no per-request data) and never fed back into the engine.

use super::{EdgeFrame, FailureCause, LogEntry, WindowStats};
use crate::id::NodeId;
use crate::model::ComponentKind;
use crate::time::SimTime;

/// A node's health as the user should see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    /// Running, and no load balancer has it marked unhealthy.
    Healthy,
    /// Killed, but some load balancer in front of it has not noticed yet (its requests fail as "node down").
    DownUndetected,
    /// Killed, and every load balancer in front of it has marked it unhealthy.
    Down,
    /// Running again, but some load balancer still marks it unhealthy (waiting for passed health checks).
    Recovering,
}

/// A load balancer pair's machines as the user should see them (`lb_pair` in the engine).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairStatus {
    /// Both machines run: one serves, the other stands by.
    Ready,
    /// The active machine failed and the standby is taking the address over (requests fail meanwhile).
    TakingOver,
    /// One machine runs and serves; the other is down, so nothing stands by.
    NoStandby,
    /// Both machines are down.
    Down,
}

/// A database's role in its replica set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbRole {
    /// Takes the writes.
    Primary,
    /// Serves reads from a copy that lags the primary.
    Replica,
}

/// One node's live state.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeFrame {
    /// Node id.
    pub id: NodeId,
    /// Node kind.
    pub kind: ComponentKind,
    /// Health as described by [`Health`].
    pub health: Health,
    /// Workers busy now / workers (0–1); 0 for nodes without workers.
    pub utilization: f64,
    /// Requests waiting for a worker now.
    pub queue_len: u32,
    /// Requests inside this node or downstream of it now (arrived − completed − failed).
    pub in_flight: u64,
    /// Requests that reached this node since the start.
    pub arrived: u64,
    /// Requests this node answered successfully since the start.
    pub completed: u64,
    /// Requests this node answered with an error since the start (failed here or downstream).
    pub failed: u64,
    /// Requests that failed *at* this node since the start (the node is the cause).
    pub failed_here: u64,
    /// `failed_here` by cause, indexed by [`FailureCause::index`] (what the failure flash at the node says).
    pub failed_here_by_cause: [u64; FailureCause::COUNT],
    /// Completions per second over the last full window.
    pub throughput_rps: f64,
    /// Cache: hits / lookups over the last full window (`None` for other kinds, or no lookups).
    pub hit_ratio: Option<f64>,
    /// Cache: entries held now / capacity (`None` for other kinds).
    pub fill_ratio: Option<f64>,
    /// Database in a replica set: its current role (`None` outside a set).
    pub db_role: Option<DbRole>,
    /// Replica: writes shipped to it and not yet applied (how far behind the primary it is).
    pub behind_writes: Option<u64>,
    /// Primary of a multi-primary set: its writes so far that were concurrent with another primary's write to the
    /// same key (`None` otherwise).
    pub conflicts: Option<u64>,
    /// Shard router: requests per second to each connected database over the last window (`None` for other
    /// kinds).
    pub shard_load_rps: Option<Vec<f64>>,
    /// Shard router: keys each connected database owns.
    pub shard_keys: Option<Vec<u64>>,
    /// Shard router: busiest shard's load / mean shard load over the last window.
    pub hotspot_ratio: Option<f64>,
    /// Shard router: share of a running resharding's keys already copied.
    pub migration_progress: Option<f64>,
    /// Shard router, while a resharding runs: (from, to) databases that keys are being copied between.
    pub migration_flows: Vec<(NodeId, NodeId)>,
    /// Web server autoscaling group: instances (taking traffic, booting).
    pub instances: Option<(u32, u32)>,
    /// Worker pool: workers taking jobs now (warming ones not counted). For a message queue, `queue_len` is its
    /// backlog.
    pub workers_active: Option<u32>,
    /// A node that fails at random (a mean time between failures): the share of the run so far it was running,
    /// 0–1 (`None` otherwise).
    pub availability: Option<f64>,
    /// Slowed down by a gray failure (a Slow down fault not yet undone by Speed up or a restart): it serves
    /// [`crate::scenario::SLOWDOWN_FACTOR`] times slower while still passing health checks.
    pub slowed: bool,
    /// Runs in a data center a network partition cuts off from the others now ([`crate::scenario::FaultAction::Partition`]).
    pub cut_off: bool,
    /// A load balancer with a standby machine: the pair's state (`None` for any other node).
    pub pair: Option<PairStatus>,
}

/// A primary database and its read replicas as the run has them now (after any promotion).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaSetFrame {
    /// Every member, the configured primary first.
    pub members: Vec<NodeId>,
    /// The member taking the writes now; the other running members follow it (replicate from it).
    pub primary: NodeId,
}

impl ReplicaSetFrame {
    /// Whether the configured primary was replaced by a promoted replica.
    #[must_use]
    pub fn promoted(&self) -> bool {
        self.members.first() != Some(&self.primary)
    }
}

/// Whole-system counters since the start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Requests the clients sent.
    pub generated: u64,
    /// Requests answered successfully.
    pub completed: u64,
    /// Requests answered with an error.
    pub failed: u64,
    /// Requests not yet answered.
    pub in_flight: u64,
}

/// Snapshot of a run at `now`.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Sim time of the snapshot.
    pub now: SimTime,
    /// The last `step_until` ran out of event budget before reaching its target (the run is behind real time).
    pub behind: bool,
    /// Every node, in document order.
    pub nodes: Vec<NodeFrame>,
    /// Every edge's traffic: the diagram's edges in document order, then the routes the run made over no edge of
    /// the diagram ([`EdgeFrame::routed`]).
    pub edges: Vec<EdgeFrame>,
    /// Every replica set, in the order of their configured primaries in the document.
    pub replica_sets: Vec<ReplicaSetFrame>,
    /// Whole-system counters.
    pub totals: Totals,
    /// Failed requests by cause since the start, indexed by [`FailureCause::index`].
    pub failed_by_cause: [u64; FailureCause::COUNT],
    /// The most recent one-second windows (oldest first), at most [`Frame::MAX_WINDOWS`].
    pub windows: Vec<WindowStats>,
    /// The most recent event-log entries (oldest first), at most [`Frame::MAX_LOG`].
    pub log: Vec<LogEntry>,
    /// Entries ever logged (so the UI can tell when older ones were dropped).
    pub log_total: u64,
    /// What every node costs together, USD per hour.
    pub cost_usd_per_hour: f64,
    /// Per service level objective of the scenario (in its order): the alert intervals, oldest first, as (raised
    /// at, cleared at; `None` while still raised), for the charts to mark. Empty without SLOs.
    pub slo_alerts: Vec<Vec<(SimTime, Option<SimTime>)>>,
    /// Links a network partition cuts now, each once as the pair of nodes its fault named (either way round is the
    /// same link; see [`crate::scenario::FaultEvent::peer`]). Empty without such faults.
    pub cut_links: Vec<(NodeId, NodeId)>,
}

impl Frame {
    /// Most windows a frame carries (five minutes of sim time).
    pub const MAX_WINDOWS: usize = 300;
    /// Most log entries a frame carries.
    pub const MAX_LOG: usize = 200;

    /// The live state of `id`.
    #[must_use]
    pub fn node(&self, id: NodeId) -> Option<&NodeFrame> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The traffic of the edge `from → to`.
    #[must_use]
    pub fn edge(&self, from: NodeId, to: NodeId) -> Option<&EdgeFrame> {
        self.edges.iter().find(|e| e.from == from && e.to == to)
    }

    /// Whether a network partition cuts the edge between `a` and `b` now: its link is cut, or the two run in
    /// different data centers ([`NodeFrame::cut_off`] on either, neither a global service) with one cut off.
    /// `regions_differ` says whether their regions differ (the frame does not carry regions).
    #[must_use]
    pub fn edge_cut(&self, a: NodeId, b: NodeId, regions_differ: bool) -> bool {
        if self.cut_links.contains(&(a, b)) || self.cut_links.contains(&(b, a)) {
            return true;
        }
        match (self.node(a), self.node(b)) {
            (Some(na), Some(nb)) => {
                regions_differ
                    && (na.cut_off || nb.cut_off)
                    && !na.kind.is_global()
                    && !nb.kind.is_global()
            }
            _ => false,
        }
    }

    /// Failed requests of one cause since the start.
    #[must_use]
    pub fn failed(&self, cause: FailureCause) -> u64 {
        self.failed_by_cause[cause.index()]
    }
}
