//! The discrete-event engine: builds the runtime from a scenario, runs events in `(time, seq)` order, and offers
//! read-only views (frame, summary, trace hash).
//!
//! Every hop, queue wait and service time happens at its exact µs — as its own event, or folded into the next one
//! when its outcome is known when the request is sent (see `flow`) — and nothing is rounded to a frame.
//! [`Simulation::step_until`] processes events up to a target time or until its event budget is spent, and the
//! result never depends on how a caller slices time. Runtime state is never serialized: a run is always rebuilt
//! from its document and seed.

pub(crate) mod autoscale;
mod back;
mod build;
mod cdn;
mod clients;
mod data;
mod edge;
mod faults;
mod flow;
pub(crate) mod jobs;
mod lb_pair;
mod multi_primary;
mod node;
mod partition;
mod queue;
mod replication;
mod request;
mod shards;
mod slo;
mod stations;
mod view;
mod web;
mod windows;

pub use node::NodeCounters;
pub(crate) use node::{Cache, Db, Lb, NodeRt, Nodes, Role, Store, Web};
pub use queue::Ev;
pub use request::{Hop, MAX_DEPTH, NOWHERE, Request};

use crate::components::{ReplicaSet, SessionTable};
use crate::id::NodeId;
use crate::metrics::{EventLog, FailureCause, Histogram, Windows};
use crate::model::Issue;
use crate::scenario::{Budget, FaultAction, FaultEvent, Scenario};
use crate::time::{SimDuration, SimTime};
use queue::EventQueue;
use request::Requests;

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

/// Version of the engine's answers: 2 since requests pass the nodes that decide at once without events of their
/// own and stations plan each request's start and finish when they admit it (issue 12). Summaries and verdicts
/// carry it, so a course can tell which engine produced a grade.
pub const ENGINE: u32 = 2;

/// A running simulation of one scenario with one seed.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub(crate) nodes: Nodes,
    pub(crate) queue: EventQueue,
    pub(crate) requests: Requests,
    pub(crate) now: SimTime,
    /// Network latency between regions, and link latency (the hop plus that), by region index.
    pub(crate) distances: [[SimDuration; 4]; 4],
    pub(crate) links: [[SimDuration; 4]; 4],
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
    /// Data centers and links a network partition cuts off now (`FaultAction::Partition`).
    pub(crate) cuts: partition::Cuts,
    /// The scenario's service level objectives, judged as each window closes.
    pub(crate) slos: crate::metrics::SloTracker,
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
    pub fn latency(&self) -> Histogram {
        let mut all = self.latency.clone();
        all.merge(self.windows.open_latency());
        all.merge(self.windows.next_latency());
        all
    }

    /// Successful requests so far (the latencies [`Simulation::latency`] holds), without merging histograms.
    pub(crate) fn latency_count(&self) -> u64 {
        self.latency.count()
            + self.windows.open_latency().count()
            + self.windows.next_latency().count()
    }

    /// Latencies of the successful requests the challenge measures so far, µs.
    pub(crate) fn measured_latency(&self) -> Histogram {
        let mut all = self.measured.latency.clone();
        for (start, h) in [
            (self.windows.open_start(), self.windows.open_latency()),
            (
                self.windows.open_start() + crate::metrics::WINDOW,
                self.windows.next_latency(),
            ),
        ] {
            if start >= self.measured.from {
                all.merge(h);
            }
        }
        all
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
            let (t, ev) = self.queue.take();
            self.now = t;
            self.hash = mix(self.hash, t.as_us());
            self.hash = mix(self.hash, ev.fingerprint());
            self.dispatch(ev);
            self.queue.done();
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
        self.inject_on(node, None, action)
    }

    /// [`Simulation::inject`] of `action` (`Partition` or `Heal`) on the link between `node` and `peer` only.
    ///
    /// # Errors
    /// [`InjectError::NoSuchNode`] when either node is not part of this run.
    pub fn inject_link(
        &mut self,
        node: NodeId,
        peer: NodeId,
        action: FaultAction,
    ) -> Result<FaultEvent, InjectError> {
        self.inject_on(node, Some(peer), action)
    }

    fn inject_on(
        &mut self,
        node: NodeId,
        peer: Option<NodeId>,
        action: FaultAction,
    ) -> Result<FaultEvent, InjectError> {
        for id in std::iter::once(node).chain(peer) {
            if !self.nodes.iter().any(|n| n.id == id) {
                return Err(InjectError::NoSuchNode(id));
            }
        }
        let fault = FaultEvent {
            at_us: self.now.as_us() + 1,
            node,
            action,
            peer,
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
