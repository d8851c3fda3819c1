//! Builds the runtime from a (validated) scenario: one `NodeRt` per node in document order — each kind's runtime
//! built by its own file here (`client`, `web`, `data` for databases, caches and session stores, `edge` for DNS,
//! load balancers, CDNs and shard routers, `jobs` for queues and worker pools) — every random stream derived from
//! the seed, the replica sets, and the first events (arrivals, health checks, window ticks, the fault timeline).

mod client;
mod data;
mod edge;
mod jobs;
mod leads;
mod web;

use super::queue::Ev;
use super::{EventQueue, NodeCounters, NodeRt, Role, Simulation};
use crate::components::{ReplicaSet, SessionTable};
use crate::id::{NodeId, NodeIx};
use crate::metrics::{EventLog, FailureCause, Histogram, WINDOW, Windows};
use crate::model::Node;
use crate::model::{ComponentConfig, ComponentKind};
use crate::rng::{Rng, Stream};
use crate::scenario::Scenario;
use crate::time::{SimDuration, SimTime};

/// The document's topology as the builders need it: engine indices of nodes and of the targets of their edges.
struct Topology<'a> {
    s: &'a Scenario,
}

impl Topology<'_> {
    /// The engine index of node `id`.
    fn index(&self, id: NodeId) -> NodeIx {
        NodeIx::of(
            self.s
                .nodes
                .iter()
                .position(|n| n.id == id)
                .expect("validated: edges point at nodes"),
        )
    }

    /// The targets of `id`'s edges whose kind is one of `kinds`, in edge order.
    fn targets(&self, id: NodeId, kinds: &[ComponentKind]) -> Vec<NodeIx> {
        self.s
            .targets(id)
            .filter(|t| self.s.node(*t).is_some_and(|n| kinds.contains(&n.kind())))
            .map(|t| self.index(t))
            .collect()
    }

    /// The first target of `id`'s edges whose kind is one of `kinds`.
    fn target(&self, id: NodeId, kinds: &[ComponentKind]) -> Option<NodeIx> {
        self.targets(id, kinds).first().copied()
    }

    /// The first node with an edge into `id` whose kind is `kind`.
    fn source(&self, id: NodeId, kind: ComponentKind) -> Option<NodeIx> {
        self.s
            .edges
            .iter()
            .find(|e| e.to == id && self.s.node(e.from).is_some_and(|f| f.kind() == kind))
            .map(|e| self.index(e.from))
    }
}

/// The runtime of node `n`.
fn node(t: &Topology, n: &Node) -> NodeRt {
    let s = t.s;
    let role = match &n.config {
        ComponentConfig::Client(c) => client::client(t, n, c),
        ComponentConfig::Cdn(c) => edge::cdn(t, n, c),
        ComponentConfig::Dns(d) => edge::dns(t, n, d),
        ComponentConfig::LoadBalancer(l) => edge::load_balancer(t, n, l),
        ComponentConfig::ShardRouter(r) => edge::router(t, n, r),
        ComponentConfig::WebServer(w) => web::web_server(t, n, w),
        ComponentConfig::Database(d) | ComponentConfig::Replica(d) => data::database(d),
        ComponentConfig::SessionStore(c) => data::session_store(c),
        ComponentConfig::Cache(c) => data::cache(t, n, c),
        ComponentConfig::MessageQueue(q) => jobs::message_queue(t, n, q),
        ComponentConfig::Workers(w) => jobs::workers(t, n, w),
    };
    let edge_origin = match &role {
        Role::Cdn(c) => Some(c.origin_latency),
        _ => None,
    };
    NodeRt {
        id: n.id,
        kind: n.kind(),
        region: n.region,
        label: if n.label.is_empty() {
            n.kind().title().to_owned()
        } else {
            n.label.clone()
        },
        alive: true,
        epoch: 0,
        down_since: None,
        down_us: 0,
        failures: crate::scenario::failures::of(s.random_failures.as_ref(), n).map(
            |(mtbf_s, mttr_s)| super::node::Failures {
                mtbf_us: mtbf_s * 1e6,
                mttr_us: mttr_s * 1e6,
                rng: Rng::new(s.seed, Stream::Faults, n.id.0),
            },
        ),
        counters: NodeCounters::default(),
        slowdown: 1,
        service_rng: Rng::new(s.seed, Stream::Service, n.id.0),
        role,
        window_completed: 0,
        last_window_rps: 0.0,
        window_busy_area_start: 0,
        last_window_utilization: 0.0,
        usd_per_hour: crate::model::cost::usd_per_hour(&n.config),
        edge_origin,
        lead: None,
        inbound: Vec::new(),
    }
}

pub(super) fn build(s: &Scenario) -> Simulation {
    let t = Topology { s };
    let mut sim = Simulation {
        nodes: s.nodes.iter().map(|n| node(&t, n)).collect(),
        queue: EventQueue::default(),
        requests: super::Requests::default(),
        now: SimTime::ZERO,
        distances: Simulation::region_tables(SimDuration(s.hop_latency_us)).0,
        links: Simulation::region_tables(SimDuration(s.hop_latency_us)).1,
        faults: s.faults.clone(),
        windows: Windows::default(),
        latency: Histogram::default(),
        generated: 0,
        completed: 0,
        failed: 0,
        failed_by_cause: [0; FailureCause::COUNT],
        log: EventLog::default(),
        hash: 0x5CA1_E1AB ^ s.seed,
        events_total: 0,
        behind: false,
        seed: s.seed,
        window_start: SimTime::ZERO,
        sets: Vec::new(),
        measured: crate::metrics::Measured::starting(
            SimTime::ZERO
                + SimDuration::from_secs_f64(
                    s.challenge.as_ref().map_or(0.0, |c| c.measure_from_s),
                ),
        ),
        user_offset: Vec::new(),
        web_sessions: SessionTable::default(),
        traffic: crate::metrics::Traffic::new(
            &s.nodes.iter().map(|n| n.id).collect::<Vec<_>>(),
            &s.edges.iter().map(|e| (e.from, e.to)).collect::<Vec<_>>(),
        ),
        regions_down: Vec::new(),
        cuts: Default::default(),
        slos: crate::metrics::SloTracker::new(&s.slos),
    };
    let mut next_user = 0u32;
    for n in &s.nodes {
        sim.user_offset.push(next_user);
        if let ComponentConfig::Client(c) = &n.config {
            next_user = next_user.saturating_add(c.users.max(1));
        }
    }
    replica_sets(&t, &mut sim);
    for (i, lead) in leads::leads(&sim).into_iter().enumerate() {
        sim.nodes[NodeIx::of(i)].lead = lead;
    }
    for (i, f) in s.faults.iter().enumerate() {
        sim.queue.push_fault(
            SimTime(f.at_us),
            u32::try_from(i).expect("fault count fits u32"),
        );
    }
    sim.schedule(SimTime::ZERO + WINDOW, Ev::WindowClose);
    first_events(&mut sim);
    sim
}

/// A database connected to read replicas forms a replica set with them.
fn replica_sets(t: &Topology, sim: &mut Simulation) {
    for (i, n) in t.s.nodes.iter().enumerate() {
        let ComponentConfig::Database(d) = &n.config else {
            continue;
        };
        let replicas = t.targets(n.id, &[ComponentKind::Replica]);
        if replicas.is_empty() {
            continue;
        }
        let set = u32::try_from(sim.sets.len()).expect("set count fits u32");
        let mut members = vec![NodeIx::of(i)];
        members.extend(replicas);
        for &m in &members {
            if let Role::Db(db) = &mut sim.nodes[m].role {
                db.set = Some(set);
            }
        }
        sim.sets.push(
            ReplicaSet::new(
                members,
                d.replication,
                SimDuration::from_ms_f64(d.replication_lag_ms),
                SimDuration::from_secs_f64(d.failover_timeout_s),
                SimDuration::from_secs_f64(d.provision_delay_s),
                Rng::new(t.s.seed, Stream::Replication, n.id.0),
            )
            .with_apply_rate(
                d.apply_rate_per_s,
                Rng::new(t.s.seed, Stream::ReplicaApply, n.id.0),
            )
            .with_read_routing(
                SimDuration::from_secs_f64(d.read_your_writes_s),
                d.primary_read_share,
                // The primary's own routing stream: no load balancer draws from it.
                Rng::new(t.s.seed, Stream::Routing, n.id.0),
                d.read_your_writes_s > 0.0,
            ),
        );
    }
}

/// Each node's first periodic event: a client's first arrival, health checks, autoscaler evaluations.
fn first_events(sim: &mut Simulation) {
    for node in sim.nodes.indices() {
        let first = match &mut sim.nodes[node].role {
            Role::Client(c, _) => c
                .next_arrival(SimTime::ZERO)
                .map(|at| (at, Ev::ClientArrival { node })),
            Role::Lb(lb) => Some((SimTime::ZERO + lb.interval, Ev::HealthCheck { node })),
            Role::Dns(d) if d.is_geo() => {
                Some((SimTime::ZERO + d.check_interval, Ev::DnsCheck { node }))
            }
            Role::Web(w) if w.group.scales() => Some((
                SimTime::ZERO + w.group.scaler.period,
                Ev::ScaleTick { node },
            )),
            Role::Workers(w) if w.scaler.scales() => {
                Some((SimTime::ZERO + w.scaler.period, Ev::ScaleTick { node }))
            }
            Role::Dns(_)
            | Role::Web(_)
            | Role::Db(_)
            | Role::Cache(_)
            | Role::Store(_)
            | Role::Queue(_)
            | Role::Workers(_)
            | Role::Router(_)
            | Role::Cdn(_) => None,
        };
        if let Some((at, ev)) = first {
            sim.schedule(at, ev);
        }
        if let Some(f) = &mut sim.nodes[node].failures {
            let up = crate::time::SimDuration(f.rng.exponential_us(f.mtbf_us).max(1));
            sim.schedule(SimTime::ZERO + up, Ev::RandomFailure { node });
        }
        sim.schedule_second_machine(node);
    }
}
