//! The work and memory budget of a run, decided before it starts: from the document alone, an upper estimate of
//! the bytes the run's tables and requests in flight will hold and of the events it will process, each part
//! charged to the node and setting that causes it. A document over [`Budget`] is refused by validation (an issue on
//! the nodes that cost most, so the Run button and `scalelab` say what to lower) instead of failing an allocation
//! or running for hours. Nothing here runs during a run: the engine's hot loop is not touched.
//!
//! What is counted, in bytes allocated (sizes from the engine's own types; a table that grows by doubling counts
//! twice what it holds; see ARCHITECTURE.md, "Budgets and hostile input"):
//! - per client: its key and static-file samplers ([`Zipf::table_bytes`]), 16 B per user for cached DNS answers
//!   behind a DNS, 8 B per user per session table and sticky load balancer, and its requests in flight — twice
//!   the rate × the longest path's latency and service times (Little's law with room for bursts), never more than
//!   it sends in the whole run, twice over for the slab and the event queue that double as they grow;
//! - per-key tables sized by the largest key count: each database's and replica's versions, each cache's index, a
//!   shard router's moved keys (charged to the client with the most keys);
//! - each station's queue (capacity, or every request of the run if fewer), a cache's and a CDN's entries, a
//!   message queue's messages (capacity, or every job of the run), a replica set's writes in transit (and what a
//!   limited applier holds back) and, with read-your-writes on, users' latest writes (16 B per user), a shard
//!   router's ring.
//!
//! Events: each request's hops, services, lookups and replica applies along its longest path; periodic health
//! checks, DNS checks, metrics windows and scaling ticks; the faults and what they sweep (a resharding recounts
//! every key, a killed session holder scans every user); building the samplers and shard maps (one unit per key).

use super::{FaultAction, Scenario};
use crate::components::station::{JOB_BYTES as STATION_JOB_BYTES, WORKER_BYTES};
use crate::engine::{Ev, Request};
use crate::id::NodeId;
use crate::model::{
    ComponentConfig, ComponentKind, FieldSpec, KeyDistribution, LbAlgorithm, SessionMode,
    TrafficShape, field,
};
use crate::traffic::Zipf;

/// Limits on one run's memory and work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Most bytes the run's tables and requests may hold (estimated before the run).
    pub memory_bytes: u64,
    /// Most events (and units of work such as keys recounted) the run may process.
    pub events: u64,
}

impl Budget {
    /// 256 MiB: a browser tab can hold it twice over (a run and a grading run) with room for vectors that double
    /// while they grow, under the ~1 GiB a phone's tab is allowed, far under wasm32's 4 GiB.
    pub const MEMORY_BYTES: u64 = 256 << 20;
    /// One billion events: about two minutes of simulation in a browser tab (~7 M events/s) and less natively, so
    /// "Check my design" and `scalelab check` always finish.
    pub const EVENTS: u64 = 1_000_000_000;
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            memory_bytes: Budget::MEMORY_BYTES,
            events: Budget::EVENTS,
        }
    }
}

/// One part of an estimate: what a node's setting costs.
#[derive(Clone, Debug, PartialEq)]
pub struct Cost {
    /// The node, or `None` for the run as a whole (run length, fixed overhead).
    pub node: Option<NodeId>,
    /// The setting responsible (its label and unit come from its [`FieldSpec`]).
    pub setting: FieldSpec,
    /// The setting's value.
    pub value: f64,
    /// Bytes it holds.
    pub memory_bytes: u64,
    /// Events it causes.
    pub events: u64,
}

/// The setting a fault timeline is charged to: its length.
pub const FAULTS: FieldSpec = FieldSpec {
    name: "faults",
    label: "Faults on this node",
    unit: "",
    min: 0.0,
    max: 1e4,
    integer: true,
};

/// Fixed overhead of a run (metrics windows, histograms, the event log), charged to nobody.
const BASE_BYTES: u64 = 2 << 20;
/// Per node and per edge: runtime records and traffic counters.
const NODE_BYTES: u64 = 1_024;
const EDGE_BYTES: u64 = 256;
/// One pending event in the queue (a heap entry).
pub(super) const EVENT_BYTES: u64 = 16 + std::mem::size_of::<Ev>() as u64;
/// One request in flight: its slab record, liveness and free-list slots, and its pending event; twice, because the
/// slab and the event queue double their capacity as they grow.
const REQUEST_BYTES: u64 = 2 * (std::mem::size_of::<Request>() as u64 + 1 + 4 + EVENT_BYTES);
/// Per user per table (sessions, sticky cookies) and per key per table (versions, cache index, moved keys): a
/// `u32` in a vector that grows by doubling.
const SLOT_BYTES: u64 = 8;
/// A cache entry (key, version, expiry, frequency, tick, links) and its LFU order entry (entries double as they
/// grow: counted twice where used).
const CACHE_ENTRY_BYTES: u64 = 48;
const LFU_ENTRY_BYTES: u64 = 40;
/// A published job waiting in a message queue.
const JOB_BYTES: u64 = 16;

/// The estimate of a run: totals and the parts they are made of.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Estimate {
    /// Bytes held at the peak.
    pub memory_bytes: u64,
    /// Events processed.
    pub events: u64,
    /// The parts, in document order (base costs last).
    pub costs: Vec<Cost>,
}

/// Saturating conversion of a non-negative estimate to `u64`.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // saturating by design
pub(super) fn whole(v: f64) -> u64 {
    if v.is_finite() && v > 0.0 {
        v.ceil() as u64
    } else if v > 0.0 {
        u64::MAX
    } else {
        0
    }
}

#[allow(clippy::cast_precision_loss)] // estimates
fn f(v: u64) -> f64 {
    v as f64
}

/// A station's workers (all instances at their largest) and mean service time, ms; `None` for other kinds.
fn service(config: &ComponentConfig) -> Option<(u64, f64)> {
    match config {
        ComponentConfig::WebServer(w) => Some((
            u64::from(w.workers)
                * u64::from(w.instance_size.multiplier())
                * u64::from(w.max_instances.max(w.min_instances).max(1)),
            w.service_time_ms,
        )),
        ComponentConfig::Database(db) | ComponentConfig::Replica(db) => Some((
            u64::from(db.workers) * u64::from(db.instance_size.multiplier()),
            db.read_time_ms.max(db.write_time_ms),
        )),
        ComponentConfig::Cache(c) => Some((u64::from(c.workers), c.lookup_time_ms)),
        ComponentConfig::SessionStore(c) => Some((u64::from(c.workers), c.lookup_time_ms)),
        _ => None,
    }
}

/// A client's mean and peak multiple of its base rate over a run of `d` s: (∫₀ᵈ m / d, max m). Both are exactly 1
/// for a constant rate (so estimates of unshaped documents are unchanged) and for a shape validation refuses.
fn shape_factors(c: &crate::model::ClientConfig, d: f64) -> (f64, f64) {
    let s = &c.traffic;
    if s.is_constant() || s.check().is_err() || d <= 0.0 {
        return (1.0, 1.0);
    }
    (s.integral(d) / d, s.peak_multiplier())
}

/// Per node (document index): latency of its longest path to the end, s, and events per request along it.
struct Paths {
    seconds: Vec<f64>,
    events: Vec<f64>,
}

impl Scenario {
    /// The run's estimated memory and work, before it starts. Never panics, whatever the document (cycles and
    /// dangling connections are ignored; validation reports them).
    #[must_use]
    // One block per kind of cost reads best; counts of nodes and edges (≤ 2,000) are exact as f64.
    #[allow(clippy::too_many_lines, clippy::cast_precision_loss)]
    pub fn estimate(&self) -> Estimate {
        let d = if self.duration_s.is_finite() {
            self.duration_s.clamp(0.0, 1e9)
        } else {
            0.0
        };
        let mut costs = Vec::new();
        let mut add =
            |node: Option<NodeId>, setting: FieldSpec, value: f64, bytes: u64, events: u64| {
                if bytes > 0 || events > 0 {
                    costs.push(Cost {
                        node,
                        setting,
                        value,
                        memory_bytes: bytes,
                        events,
                    });
                }
            };
        let clients: Vec<_> = self
            .nodes
            .iter()
            .filter_map(|n| match &n.config {
                ComponentConfig::Client(c) => Some((n, c)),
                _ => None,
            })
            .collect();
        // A shaped client sends base × ∫₀ᵈ m over the run (its mean rate); what it holds at once follows its peak.
        let rate = |c: &crate::model::ClientConfig| {
            c.arrival_rate_per_s.clamp(0.0, 1e12) * shape_factors(c, d).0
        };
        let peak = |c: &crate::model::ClientConfig| {
            c.arrival_rate_per_s.clamp(0.0, 1e12) * shape_factors(c, d).1
        };
        let total_requests: f64 = clients.iter().map(|(_, c)| rate(c) * d).sum();
        let write_rate: f64 = clients
            .iter()
            .map(|(_, c)| peak(c) * (1.0 - c.read_fraction.clamp(0.0, 1.0)))
            .sum();
        let jobs: f64 = clients
            .iter()
            .map(|(_, c)| rate(c) * c.job_fraction.clamp(0.0, 1.0) * d)
            .sum();
        let users: u64 = clients.iter().map(|(_, c)| u64::from(c.users.max(1))).sum();
        let (mut max_keys, mut key_owner) = (1, None);
        for (n, c) in &clients {
            if key_owner.is_none() || u64::from(c.key_count) > max_keys {
                (max_keys, key_owner) = (u64::from(c.key_count.max(1)), Some(n.id));
            }
        }
        let max_assets = clients
            .iter()
            .map(|(_, c)| u64::from(c.static_assets.max(1)))
            .max()
            .unwrap_or(1);
        let count =
            |kind: ComponentKind| self.nodes.iter().filter(|n| n.kind() == kind).count() as u64;
        let session_tables = u64::from(self.nodes.iter().any(|n| {
            matches!(&n.config, ComponentConfig::WebServer(w) if w.sessions == SessionMode::InMemory)
        })) + count(ComponentKind::SessionStore)
            + self
                .nodes
                .iter()
                .filter(|n| {
                    matches!(&n.config, ComponentConfig::LoadBalancer(l) if l.algorithm == LbAlgorithm::StickySessions)
                })
                .count() as u64;
        let paths = self.paths();
        let index = |id: NodeId| self.nodes.iter().position(|n| n.id == id);

        for (i, n) in self.nodes.iter().enumerate() {
            let id = Some(n.id);
            match &n.config {
                ComponentConfig::Client(c) => {
                    let lambda = rate(c);
                    // Each flash crowd sent to it in the timeline adds base × ∫(m − 1) requests and its peak.
                    let crowds = self
                        .faults
                        .iter()
                        .filter(|f| f.node == n.id && f.action == FaultAction::FlashCrowd)
                        .count() as f64;
                    let crowd = TrafficShape::crowd_from(0.0);
                    let base = c.arrival_rate_per_s.clamp(0.0, 1e12);
                    let extra = crowds * base * (crowd.integral(1e3) - 1e3);
                    let peak_rate = if crowds > 0.0 {
                        peak(c).max(base * crowd.peak_multiplier())
                    } else {
                        peak(c)
                    };
                    // Arrivals are Poisson: allow five standard deviations over the mean.
                    let expected = lambda * d + extra;
                    let sent = if lambda > 0.0 || extra > 0.0 {
                        expected + 5.0 * expected.sqrt() + 8.0
                    } else {
                        0.0
                    };
                    let behind_dns = self
                        .targets(n.id)
                        .filter_map(index)
                        .any(|j| self.nodes[j].kind() == ComponentKind::Dns);
                    let own = c.rtt_ms.clamp(0.0, 1e9) / 1e3 + paths.seconds[i];
                    let in_flight = sent.min(2.0 * peak_rate * own + 16.0);
                    add(
                        id,
                        field::ARRIVAL_RATE,
                        c.arrival_rate_per_s,
                        whole(in_flight) * REQUEST_BYTES,
                        whole(sent * paths.events[i]),
                    );
                    let per_user = SLOT_BYTES * session_tables + if behind_dns { 16 } else { 0 };
                    add(
                        id,
                        field::USERS,
                        f64::from(c.users),
                        u64::from(c.users.max(1)) * per_user,
                        0,
                    );
                    let zipf = c.key_distribution == KeyDistribution::Zipf;
                    let sampler = |n: u32| {
                        if zipf {
                            (Zipf::table_bytes(n), u64::from(n))
                        } else {
                            (0, 0)
                        }
                    };
                    let (mut key_bytes, mut key_work) = sampler(c.key_count);
                    if key_owner == Some(n.id) {
                        let tables = count(ComponentKind::Database)
                            + count(ComponentKind::Replica)
                            + count(ComponentKind::Cache)
                            + count(ComponentKind::ShardRouter);
                        key_bytes += SLOT_BYTES * max_keys * tables;
                        key_work += 2 * max_keys * count(ComponentKind::ShardRouter);
                    }
                    add(
                        id,
                        field::KEY_COUNT,
                        f64::from(c.key_count),
                        key_bytes,
                        key_work,
                    );
                    let (asset_bytes, asset_work) = sampler(c.static_assets);
                    add(
                        id,
                        field::STATIC_ASSETS,
                        f64::from(c.static_assets),
                        asset_bytes,
                        asset_work,
                    );
                }
                ComponentConfig::Dns(dns) => {
                    if dns.geo_routing {
                        let checks = d / dns.health_check_interval_s.max(1e-3);
                        let targets = self.targets(n.id).count() as f64;
                        add(
                            id,
                            field::DNS_HEALTH_INTERVAL,
                            dns.health_check_interval_s,
                            0,
                            whole(checks * (1.0 + targets)),
                        );
                    }
                }
                ComponentConfig::LoadBalancer(lb) => {
                    let checks = d / (lb.health_check_interval_ms.max(1e-3) / 1e3);
                    let backends = self.targets(n.id).count() as f64;
                    add(
                        id,
                        field::HEALTH_INTERVAL,
                        lb.health_check_interval_ms,
                        0,
                        whole(checks * (1.0 + backends)),
                    );
                }
                ComponentConfig::WebServer(w) => {
                    let queued = f(u64::from(w.queue_capacity)).min(total_requests);
                    add(
                        id,
                        field::QUEUE_CAPACITY,
                        f64::from(w.queue_capacity),
                        whole(queued) * (REQUEST_BYTES + 2 * STATION_JOB_BYTES),
                        0,
                    );
                    if w.max_instances > w.min_instances {
                        add(
                            id,
                            field::MAX_INSTANCES,
                            f64::from(w.max_instances),
                            0,
                            whole(d / 10.0),
                        );
                    }
                }
                ComponentConfig::Database(db) | ComponentConfig::Replica(db) => {
                    let queued = f(u64::from(db.queue_capacity)).min(total_requests);
                    add(
                        id,
                        field::QUEUE_CAPACITY,
                        f64::from(db.queue_capacity),
                        whole(queued) * (REQUEST_BYTES + 2 * STATION_JOB_BYTES),
                        0,
                    );
                    let replicas = self
                        .targets(n.id)
                        .filter_map(index)
                        .filter(|&j| self.nodes[j].kind() == ComponentKind::Replica)
                        .count() as f64;
                    if n.kind() == ComponentKind::Database && replicas > 0.0 {
                        for (setting, value, bytes) in super::budget_replication::costs(
                            db,
                            replicas,
                            write_rate,
                            (users, max_keys),
                            d,
                        ) {
                            add(id, setting, value, bytes, 0);
                        }
                    }
                }
                ComponentConfig::Cache(c) => {
                    let queued = f(u64::from(c.queue_capacity)).min(total_requests);
                    add(
                        id,
                        field::QUEUE_CAPACITY,
                        f64::from(c.queue_capacity),
                        whole(queued) * (REQUEST_BYTES + 2 * STATION_JOB_BYTES),
                        0,
                    );
                    let entry = CACHE_ENTRY_BYTES
                        + if c.eviction == crate::model::Eviction::Lfu {
                            LFU_ENTRY_BYTES
                        } else {
                            0
                        };
                    add(
                        id,
                        field::CACHE_CAPACITY,
                        f64::from(c.capacity_entries),
                        2 * u64::from(c.capacity_entries).min(max_keys) * entry,
                        0,
                    );
                }
                ComponentConfig::SessionStore(c) => {
                    let queued = f(u64::from(c.queue_capacity)).min(total_requests);
                    add(
                        id,
                        field::QUEUE_CAPACITY,
                        f64::from(c.queue_capacity),
                        whole(queued) * (REQUEST_BYTES + 2 * STATION_JOB_BYTES),
                        0,
                    );
                }
                ComponentConfig::Cdn(c) => {
                    let entries = u64::from(c.capacity_assets).min(max_assets);
                    add(
                        id,
                        field::CDN_CAPACITY,
                        f64::from(c.capacity_assets),
                        2 * entries * CACHE_ENTRY_BYTES + SLOT_BYTES * max_assets,
                        0,
                    );
                }
                ComponentConfig::MessageQueue(q) => {
                    let held = f(u64::from(q.capacity_messages)).min(jobs);
                    add(
                        id,
                        field::QUEUE_MESSAGES,
                        f64::from(q.capacity_messages),
                        2 * whole(held) * JOB_BYTES,
                        0,
                    );
                }
                ComponentConfig::Workers(w) => {
                    let ticks = if w.max_workers > w.min_workers {
                        d / 5.0
                    } else {
                        0.0
                    };
                    add(
                        id,
                        field::MAX_WORKERS,
                        f64::from(w.max_workers),
                        u64::from(w.max_workers) * 24,
                        whole(ticks),
                    );
                }
                ComponentConfig::ShardRouter(r) => {
                    let shards = self.targets(n.id).count() as u64;
                    // Two rings at once (the map and the one its key counts come from at build, or the old and the
                    // new one while resharding), each grown by doubling.
                    add(
                        id,
                        field::VIRTUAL_NODES,
                        f64::from(r.virtual_nodes),
                        4 * 16 * shards * u64::from(r.virtual_nodes.max(1)),
                        0,
                    );
                }
            }
        }
        // Requests in service: at most a station's workers, and about twice its arrivals × its mean service time;
        // and every worker's free time.
        let all_rate: f64 = clients.iter().map(|(_, c)| peak(c)).sum();
        for n in &self.nodes {
            if let Some((workers, mean_ms)) = service(&n.config) {
                let busy = f(workers)
                    .min(2.0 * all_rate * mean_ms.clamp(0.0, 1e9) / 1e3 + 16.0)
                    .min(total_requests);
                add(
                    Some(n.id),
                    field::WORKERS,
                    f(workers),
                    whole(busy) * (REQUEST_BYTES + 2 * STATION_JOB_BYTES) + workers * WORKER_BYTES,
                    0,
                );
            }
        }
        for n in &self.nodes {
            let random = super::failures::events(self.random_failures.as_ref(), n, d, users);
            if let Some((mtbf_s, events)) = random {
                let setting = match n.config {
                    ComponentConfig::WebServer(ref w) if w.mtbf_s > 0.0 => field::MTBF,
                    _ => super::failures::MTBF_S,
                };
                add(Some(n.id), setting, mtbf_s, 0, events);
            }
        }
        for (node, setting, value, events) in super::budget_lb_pair::costs(self, d) {
            add(Some(node), setting, value, 0, events);
        }
        self.fault_costs(&mut add, d, max_keys, users);
        if let Some((longest_s, bytes)) = super::slo::memory_bytes(&self.slos) {
            add(None, super::slo::WINDOW_S, longest_s, bytes, 0);
        }
        add(
            None,
            field::DURATION,
            self.duration_s,
            BASE_BYTES
                + NODE_BYTES * self.nodes.len() as u64
                + EDGE_BYTES * self.edges.len() as u64,
            whole((d + 1.0) * (1.0 + self.nodes.len() as f64)),
        );
        let memory_bytes = costs
            .iter()
            .fold(0u64, |a, c| a.saturating_add(c.memory_bytes));
        let events = costs.iter().fold(0u64, |a, c| a.saturating_add(c.events));
        Estimate {
            memory_bytes,
            events,
            costs,
        }
    }

    /// Work of the fault timeline, per node: the fault events themselves and what they sweep.
    fn fault_costs(
        &self,
        add: &mut impl FnMut(Option<NodeId>, FieldSpec, f64, u64, u64),
        d: f64,
        max_keys: u64,
        users: u64,
    ) {
        let mut per_node: Vec<(NodeId, u64, u64, bool)> = Vec::new();
        for fault in &self.faults {
            let Some(n) = self.node(fault.node) else {
                continue;
            };
            let session_holder = |m: &crate::model::Node| match &m.config {
                ComponentConfig::WebServer(w) => w.sessions == SessionMode::InMemory,
                ComponentConfig::SessionStore(_) => true,
                _ => false,
            };
            let sweep = match fault.action {
                FaultAction::AddShard | FaultAction::RemoveShard | FaultAction::DoubleShards
                    if n.kind() == ComponentKind::ShardRouter =>
                {
                    4 * max_keys
                }
                FaultAction::Kill if session_holder(n) => users,
                FaultAction::Kill
                    if matches!(n.kind(), ComponentKind::Database | ComponentKind::Replica) =>
                {
                    max_keys
                }
                FaultAction::RegionOutage => {
                    let holders = self
                        .nodes
                        .iter()
                        .filter(|m| m.region == n.region && session_holder(m))
                        .count() as u64;
                    holders * users + max_keys
                }
                _ => 0,
            };
            let reshard = matches!(
                fault.action,
                FaultAction::AddShard | FaultAction::RemoveShard | FaultAction::DoubleShards
            ) && n.kind() == ComponentKind::ShardRouter;
            match per_node.iter_mut().find(|p| p.0 == n.id) {
                Some(p) => {
                    p.1 += 1;
                    p.2 = p.2.saturating_add(1 + sweep);
                    p.3 |= reshard;
                }
                None => per_node.push((n.id, 1, 1 + sweep, reshard)),
            }
        }
        for (node, count, work, reshard) in per_node {
            // While a resharding copies keys, every metrics window recounts each key's shard.
            let windows = if reshard { whole(d) * max_keys } else { 0 };
            add(
                Some(node),
                FAULTS,
                f(count),
                0,
                work.saturating_add(windows),
            );
        }
    }

    /// For each node, the network latency of the longest way a request can take from it to the end of its path
    /// and back (s; service times are counted at the stations), and the events a request causes along it. Load balancers, DNS and routers pick one way (the longest
    /// counts); a web server calls its session store, data tier and queue in turn (they add up).
    #[allow(clippy::cast_precision_loss)] // a hop of at most 10 s in µs is exact as f64
    fn paths(&self) -> Paths {
        let n = self.nodes.len();
        let index = |id: NodeId| self.nodes.iter().position(|m| m.id == id);
        let out: Vec<Vec<usize>> = self
            .nodes
            .iter()
            .map(|m| self.targets(m.id).filter_map(index).collect())
            .collect();
        let hop_s = self.hop_latency_us.min(10_000_000) as f64 / 1e6;
        let mut paths = Paths {
            seconds: vec![0.0; n],
            events: vec![0.0; n],
        };
        // 0 = not visited, 1 = on the stack (a cycle: counted as nothing), 2 = done.
        let mut state = vec![0u8; n];
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for root in 0..n {
            if state[root] != 0 {
                continue;
            }
            stack.push((root, 0));
            state[root] = 1;
            while let Some(&mut (v, ref mut next)) = stack.last_mut() {
                if let Some(&w) = out[v].get(*next) {
                    *next += 1;
                    if state[w] == 0 {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    continue;
                }
                stack.pop();
                state[v] = 2;
                let node = &self.nodes[v];
                let link =
                    |w: usize| 2.0 * (hop_s + node.region.latency_ms(self.nodes[w].region) / 1e3);
                let children = out[v].iter().filter(|&&w| state[w] == 2);
                let (own_s, own_events, sum) = match &node.config {
                    ComponentConfig::Client(_) => (0.0, 2.0, false),
                    ComponentConfig::Dns(dns) => {
                        (dns.resolution_ms.clamp(0.0, 1e9) / 1e3, 3.0, false)
                    }
                    ComponentConfig::Cdn(c) => (
                        (c.edge_rtt_ms + 2.0 * c.origin_latency_ms).clamp(0.0, 1e9) / 1e3,
                        2.0,
                        false,
                    ),
                    ComponentConfig::LoadBalancer(_) | ComponentConfig::ShardRouter(_) => {
                        (0.0, 1.0, false)
                    }
                    // Stations: their service is counted where they are (at most their workers serve at once).
                    ComponentConfig::WebServer(_)
                    | ComponentConfig::Database(_)
                    | ComponentConfig::Replica(_)
                    | ComponentConfig::Cache(_) => (0.0, 2.0, true),
                    ComponentConfig::SessionStore(_) => (0.0, 2.0, false),
                    ComponentConfig::MessageQueue(_) => (0.0, 1.0, false),
                    ComponentConfig::Workers(_) => (0.0, 2.0, false),
                };
                let (mut s, mut e) = (0.0_f64, 0.0_f64);
                for &w in children {
                    let (cs, ce) = (link(w) + paths.seconds[w], paths.events[w]);
                    if sum {
                        s += cs;
                        e += ce;
                    } else {
                        s = s.max(cs);
                        e = e.max(ce);
                    }
                }
                paths.seconds[v] = own_s + s;
                paths.events[v] = own_events + e;
            }
        }
        paths
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    #[test]
    fn every_preset_fits_the_budget_with_room() {
        for p in presets::ALL {
            let s = presets::get(p.id).expect("preset");
            let e = s.estimate();
            eprintln!(
                "{}: {} KiB, {} events",
                p.id,
                e.memory_bytes >> 10,
                e.events
            );
            assert!(e.memory_bytes < Budget::MEMORY_BYTES / 8, "{}: {e:?}", p.id);
            assert!(e.events < Budget::EVENTS / 8, "{}: {e:?}", p.id);
        }
    }
}
