//! The discrete-event engine: builds the runtime from a scenario, runs events in `(time, seq)` order, and offers
//! read-only views (frame, summary, trace hash).
//!
//! Every hop, queue wait and service time is an event at its exact µs; nothing is rounded to a frame.
//! [`Simulation::step_until`] processes events up to a target time or until its event budget is spent, and the
//! result never depends on how a caller slices time. Runtime state is never serialized: a run is always rebuilt
//! from its document and seed.

pub(crate) mod autoscale;
mod build;
mod cdn;
mod clients;
mod faults;
mod flow;
pub(crate) mod jobs;
mod node;
mod queue;
mod replication;
mod request;
mod sessions;
mod shards;
mod view;
mod windows;

pub(crate) use node::Nodes;
pub use queue::Ev;
pub use request::{Hop, MAX_DEPTH, NOWHERE, Request};

use crate::components::{
    CacheStore, Cdn, Client, Dns, LoadBalancer, MessageQueue, ReplicaSet, Router, ServiceTime,
    SessionTable, Station,
};
use crate::id::{NodeId, NodeIx};
use crate::metrics::{EventLog, FailureCause, Histogram, Windows};
use crate::model::{ComponentKind, Issue};
use crate::model::{SessionMode, WritePolicy};
use crate::rng::Rng;
use crate::scenario::{Budget, FaultAction, FaultEvent, Scenario};
use crate::time::{SimDuration, SimTime};
use queue::EventQueue;
use request::Requests;

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
    Workers(Box<jobs::Workers>),
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
    pub group: autoscale::Group,
    pub forced_logouts: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct Db {
    pub station: Station,
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
    /// Writes shipped to this replica and not yet applied.
    pub behind: u64,
    /// Longest replication delay of a write shipped here, µs.
    pub lag_max_us: u64,
    /// Reads served older than the primary's version of the key (read-your-writes violations).
    pub stale_reads: u64,
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
#[derive(Clone, Debug)]
pub(crate) struct NodeRt {
    pub id: NodeId,
    pub kind: ComponentKind,
    pub label: String,
    pub region: crate::model::Region,
    pub alive: bool,
    pub epoch: u32,
    pub down_since: Option<SimTime>,
    pub counters: NodeCounters,
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
}

impl NodeRt {
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
}

/// Result of [`Simulation::step_until`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepOutcome {
    /// The target time was reached (false: the budget ran out first; call again).
    pub reached: bool,
    /// Events processed by this call.
    pub events: u64,
}

/// Why a fault could not be injected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InjectError {
    /// No such node in this run.
    NoSuchNode(NodeId),
}

impl std::fmt::Display for InjectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InjectError::NoSuchNode(id) => {
                write!(f, "Node {id} is not part of this run; reset to include it")
            }
        }
    }
}

impl std::error::Error for InjectError {}

/// A running simulation of one scenario with one seed.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub(crate) nodes: Nodes,
    pub(crate) queue: EventQueue,
    pub(crate) requests: Requests,
    pub(crate) now: SimTime,
    pub(crate) hop: SimDuration,
    pub(crate) faults: Vec<FaultEvent>,
    pub(crate) windows: Windows,
    pub(crate) latency: Histogram,
    pub(crate) generated: u64,
    pub(crate) completed: u64,
    pub(crate) failed: u64,
    pub(crate) failed_by_cause: [u64; FailureCause::COUNT],
    pub(crate) log: EventLog,
    pub(crate) hash: u64,
    pub(crate) events_total: u64,
    pub(crate) behind: bool,
    pub(crate) seed: u64,
    pub(crate) window_start: SimTime,
    pub(crate) sets: Vec<ReplicaSet>,
    /// What the scenario's challenge measures.
    pub(crate) measured: crate::metrics::Measured,
    /// Per node: for clients, the offset of their users in the global user id space.
    pub(crate) user_offset: Vec<u32>,
    /// Where each user's session lives among the stateful (in-memory) web servers.
    pub(crate) web_sessions: SessionTable,
    /// Requests per edge and failures per node, for the watching views (written, never read by the engine).
    pub(crate) traffic: crate::metrics::Traffic,
    /// Data centers in an outage now: nothing in them is rebuilt until they are back.
    pub(crate) regions_down: Vec<crate::model::Region>,
}

impl Simulation {
    /// Builds the runtime of `scenario` (with its seed) at time zero.
    ///
    /// # Errors
    /// Every blocking validation issue of the scenario (see [`Scenario::errors`]), including a run over the default
    /// [`Budget`].
    pub fn new(scenario: &Scenario) -> Result<Simulation, Vec<Issue>> {
        Self::with_budget(scenario, &Budget::default())
    }

    /// [`Simulation::new`] with another budget (the CLI's `--max-events`).
    ///
    /// # Errors
    /// Every blocking validation issue of the scenario under `budget` (see [`Scenario::errors_within`]).
    pub fn with_budget(scenario: &Scenario, budget: &Budget) -> Result<Simulation, Vec<Issue>> {
        let errors = scenario.errors_within(budget);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(build::build(scenario))
    }

    /// Current sim time.
    #[must_use]
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The seed this run uses.
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Hash of every event processed so far (time, kind, node, request). Equal hashes mean equal runs.
    #[must_use]
    pub fn trace_hash(&self) -> u64 {
        self.hash
    }

    /// Events processed since the start.
    #[must_use]
    pub fn events_processed(&self) -> u64 {
        self.events_total
    }

    /// End-to-end latencies of every successful request so far, µs.
    #[must_use]
    pub fn latency(&self) -> &Histogram {
        &self.latency
    }

    /// Events scheduled and not yet processed.
    #[must_use]
    pub fn pending_events(&self) -> usize {
        self.queue.len()
    }

    /// Requests the clients have sent since the start.
    #[must_use]
    pub fn requests_generated(&self) -> u64 {
        self.generated
    }

    /// Processes every event with time ≤ `target`, unless `event_budget` events are processed first; then the run
    /// stops early (`reached == false`, and [`crate::metrics::Frame::behind`] is set) and the next call continues
    /// exactly where it stopped. On success the clock is set to `target`.
    pub fn step_until(&mut self, target: SimTime, event_budget: u64) -> StepOutcome {
        let mut events = 0;
        while let Some(t) = self.queue.peek_time() {
            if t > target {
                break;
            }
            if events >= event_budget {
                self.events_total += events;
                self.behind = true;
                #[cfg(debug_assertions)]
                self.assert_invariants();
                return StepOutcome {
                    reached: false,
                    events,
                };
            }
            let (t, ev) = self.queue.pop().expect("peeked event is there");
            self.now = t;
            self.hash = mix(self.hash, t.as_us());
            self.hash = mix(self.hash, ev.fingerprint());
            self.dispatch(ev);
            events += 1;
        }
        self.events_total += events;
        self.now = self.now.max(target);
        self.behind = false;
        #[cfg(debug_assertions)]
        self.assert_invariants();
        StepOutcome {
            reached: true,
            events,
        }
    }

    /// Kills or restores `node` one µs after the current time, as a click during a run does. Returns the fault to
    /// record in the document's timeline, so that replaying the document reproduces this run exactly.
    ///
    /// # Errors
    /// [`InjectError::NoSuchNode`] when the node is not part of this run (added after it started).
    pub fn inject(&mut self, node: NodeId, action: FaultAction) -> Result<FaultEvent, InjectError> {
        if !self.nodes.iter().any(|n| n.id == node) {
            return Err(InjectError::NoSuchNode(node));
        }
        let fault = FaultEvent {
            at_us: self.now.as_us() + 1,
            node,
            action,
        };
        let index = u32::try_from(self.faults.len()).expect("fault timeline fits u32");
        self.faults.push(fault);
        self.queue.push_fault(SimTime(fault.at_us), index);
        Ok(fault)
    }

    /// Whether `node` is running (false after a kill, until a restore).
    #[must_use]
    pub fn is_alive(&self, node: NodeId) -> Option<bool> {
        self.nodes.iter().find(|n| n.id == node).map(|n| n.alive)
    }

    /// Counters of `node`.
    #[must_use]
    pub fn counters(&self, node: NodeId) -> Option<NodeCounters> {
        self.nodes.iter().find(|n| n.id == node).map(|n| n.counters)
    }

    pub(crate) fn schedule(&mut self, at: SimTime, ev: Ev) {
        self.queue.push(at, ev);
    }
}

/// Mixes one word into the trace hash (a multiply-rotate step; not cryptographic, only sensitive to every bit and
/// to order).
fn mix(h: u64, word: u64) -> u64 {
    (h ^ word)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(29)
}
