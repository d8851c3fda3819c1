//! Builds the runtime from a (validated) scenario: one `NodeRt` per node in document order, every random stream
//! derived from the seed, and the first events (arrivals, health checks, window ticks, the fault timeline).

use super::autoscale::{EVALUATION_PERIOD, Group};
use super::cdn::Cdn;
use super::jobs::{MQueue, Pool, SCALE_INTERVAL};
use super::queue::Ev;
use super::replication::ReplicaSet;
use super::shards::Router;
use super::{Cache, Db, EventQueue, Lb, NodeCounters, NodeRt, Role, Simulation, Store, Web};
use crate::components::ShardMap;
use crate::components::{
    CacheStore, Client, Dns, LoadBalancer, ServiceTime, SessionTable, Station,
};
use crate::id::{NodeId, NodeIx};
use crate::metrics::{EventLog, FailureCause, Histogram, WINDOW, Windows};
use crate::model::{ComponentConfig, ComponentKind, ServiceDistribution, SessionMode};
use crate::rng::{Rng, Stream};
use crate::scenario::Scenario;
use crate::time::{SimDuration, SimTime};

pub(super) fn build(s: &Scenario) -> Simulation {
    let index = |id: NodeId| -> NodeIx {
        NodeIx::of(
            s.nodes
                .iter()
                .position(|n| n.id == id)
                .expect("validated: edges point at nodes"),
        )
    };
    let targets = |id: NodeId, kinds: &[ComponentKind]| -> Vec<NodeIx> {
        s.targets(id)
            .filter(|t| s.node(*t).is_some_and(|n| kinds.contains(&n.kind())))
            .map(index)
            .collect()
    };
    let nodes = s
        .nodes
        .iter()
        .map(|n| {
            let role = match &n.config {
                ComponentConfig::Client(c) => {
                    let mut client = Box::new(Client::new(
                        c,
                        Rng::new(s.seed, Stream::Arrivals, n.id.0),
                        Rng::new(s.seed, Stream::Keys, n.id.0),
                    ));
                    client.cdn = targets(n.id, &[ComponentKind::Cdn]).first().copied();
                    let entry = s
                        .targets(n.id)
                        .find(|t| s.node(*t).is_some_and(|t| t.kind() != ComponentKind::Cdn))
                        .map_or(NodeIx(0), index);
                    Role::Client(client, entry)
                }
                ComponentConfig::Cdn(c) => Role::Cdn(Box::new(Cdn {
                    store: CacheStore::new(
                        crate::model::Eviction::Lru,
                        c.capacity_assets,
                        SimDuration::from_secs_f64(c.ttl_s),
                        false,
                    ),
                    edge_half_rtt: SimDuration::from_ms_f64(c.edge_rtt_ms / 2.0),
                    origin_latency: SimDuration::from_ms_f64(c.origin_latency_ms),
                    versioned_urls: c.versioned_urls,
                    version: 0,
                    origin: targets(
                        n.id,
                        &[ComponentKind::LoadBalancer, ComponentKind::WebServer],
                    )
                    .first()
                    .copied()
                    .expect("validated: a CDN has an origin"),
                    stale_hits: 0,
                    origin_requests: 0,
                    window_lookups: 0,
                    window_hits: 0,
                    last_window_hit_ratio: None,
                })),
                ComponentConfig::Dns(d) => {
                    let addresses: Vec<(NodeIx, crate::model::Region)> = targets(
                        n.id,
                        &[ComponentKind::LoadBalancer, ComponentKind::WebServer],
                    )
                    .into_iter()
                    .map(|t| (t, s.nodes[t.get()].region))
                    .collect();
                    Role::Dns(Dns::new(
                        &addresses,
                        d.geo_routing,
                        SimDuration::from_ms_f64(d.resolution_ms),
                        SimDuration::from_secs_f64(d.ttl_s),
                        SimDuration::from_secs_f64(d.health_check_interval_s).max(SimDuration(1)),
                    ))
                }
                ComponentConfig::LoadBalancer(l) => Role::Lb(Lb {
                    balancer: LoadBalancer::new(
                        l.algorithm,
                        l.unhealthy_threshold,
                        l.healthy_threshold,
                        &targets(n.id, &[ComponentKind::WebServer]),
                    ),
                    rng: Rng::new(s.seed, Stream::Routing, n.id.0),
                    interval: SimDuration::from_ms_f64(l.health_check_interval_ms)
                        .max(SimDuration(1)),
                }),
                ComponentConfig::WebServer(w) => Role::Web(Web {
                    station: Station::new(
                        w.workers
                            .saturating_mul(w.instance_size.multiplier())
                            .saturating_mul(w.min_instances.max(1)),
                        w.queue_capacity,
                    ),
                    group: Group {
                        min: w.min_instances.max(1),
                        max: w.max_instances.max(w.min_instances.max(1)),
                        target: w.target_utilization,
                        warm_up: SimDuration::from_secs_f64(w.warm_up_s),
                        cooldown: SimDuration::from_secs_f64(w.cooldown_s),
                        running: w.min_instances.max(1),
                        warming: 0,
                        workers_per_instance: w
                            .workers
                            .saturating_mul(w.instance_size.multiplier()),
                        usd_per_instance: crate::model::cost::usd_per_hour(&n.config)
                            / f64::from(w.min_instances.max(1)),
                        last_action: None,
                        area_at_eval: 0,
                        time_at_eval: SimTime::ZERO,
                    },
                    service: ServiceTime::from_ms(w.service_time_ms, w.service_distribution),
                    timeout: SimDuration::from_ms_f64(w.timeout_ms),
                    database: if w.embedded_database {
                        None
                    } else {
                        targets(
                            n.id,
                            &[
                                ComponentKind::Database,
                                ComponentKind::Cache,
                                ComponentKind::ShardRouter,
                            ],
                        )
                        .first()
                        .copied()
                    },
                    sessions: w.sessions,
                    store: match w.sessions {
                        SessionMode::SessionStore => targets(n.id, &[ComponentKind::SessionStore])
                            .first()
                            .copied(),
                        SessionMode::None | SessionMode::InMemory => None,
                    },
                    forced_logouts: 0,
                    queue: targets(n.id, &[ComponentKind::MessageQueue])
                        .first()
                        .copied(),
                }),
                ComponentConfig::Database(d) | ComponentConfig::Replica(d) => Role::Db(Db {
                    station: Station::new(
                        d.workers.saturating_mul(d.instance_size.multiplier()),
                        d.queue_capacity,
                    ),
                    read: ServiceTime::from_ms(d.read_time_ms, d.service_distribution),
                    write: ServiceTime::from_ms(d.write_time_ms, d.service_distribution),
                    versions: Vec::new(),
                    reads: 0,
                    writes: 0,
                    set: None,
                    applied: 0,
                    apply_epoch: 0,
                    behind: 0,
                    lag_max_us: 0,
                    stale_reads: 0,
                    lost_writes: 0,
                }),
                ComponentConfig::MessageQueue(q) => Role::Queue(Box::new(MQueue {
                    capacity: q.capacity_messages,
                    durable: q.durable,
                    messages: std::collections::VecDeque::new(),
                    consumers: targets(n.id, &[ComponentKind::Workers]),
                    published: 0,
                    done: 0,
                    lost: 0,
                    depth_max: 0,
                    job_latency: crate::metrics::Histogram::default(),
                })),
                ComponentConfig::Workers(w) => Role::Workers(Box::new(Pool {
                    queue: s
                        .edges
                        .iter()
                        .find(|e| {
                            e.to == n.id
                                && s.node(e.from)
                                    .is_some_and(|f| f.kind() == ComponentKind::MessageQueue)
                        })
                        .map(|e| index(e.from)),
                    min: w.min_workers,
                    max: w.max_workers,
                    target_backlog: w.target_backlog_per_worker,
                    warm_up: SimDuration::from_secs_f64(w.warm_up_s),
                    active: w.min_workers,
                    warming: 0,
                    busy: 0,
                    in_progress: Vec::new(),
                    jobs_done: 0,
                })),
                ComponentConfig::ShardRouter(r) => {
                    let shards = targets(n.id, &[ComponentKind::Database]);
                    let keys = s
                        .nodes
                        .iter()
                        .filter_map(|c| match &c.config {
                            ComponentConfig::Client(c) => Some(c.key_count),
                            _ => None,
                        })
                        .max()
                        .unwrap_or(1);
                    let connected = u32::try_from(shards.len()).expect("shard count fits u32");
                    let active = if r.active_shards == 0 {
                        connected
                    } else {
                        r.active_shards.min(connected)
                    };
                    Role::Router(Box::new(Router {
                        strategy: r.strategy,
                        virtual_nodes: r.virtual_nodes,
                        keys,
                        map: ShardMap::new(r.strategy, active, keys, r.virtual_nodes),
                        migration: None,
                        migration_keys_per_s: r.migration_keys_per_s,
                        load: vec![0; shards.len()],
                        window_load: vec![0; shards.len()],
                        last_window_load: vec![0.0; shards.len()],
                        keys_moved_fraction: 0.0,
                        key_counts: {
                            let mut counts =
                                ShardMap::new(r.strategy, active, keys, r.virtual_nodes)
                                    .key_counts();
                            counts.resize(shards.len(), 0);
                            counts
                        },
                        shards,
                    }))
                }
                ComponentConfig::SessionStore(c) => Role::Store(Box::new(Store {
                    station: Station::new(c.workers, c.queue_capacity),
                    table: SessionTable::default(),
                    lookup: ServiceTime::from_ms(
                        c.lookup_time_ms,
                        ServiceDistribution::Exponential,
                    ),
                    forced_logouts: 0,
                })),
                ComponentConfig::Cache(c) => Role::Cache(Box::new(Cache {
                    station: Station::new(c.workers, c.queue_capacity),
                    store: CacheStore::new(
                        c.eviction,
                        c.capacity_entries,
                        SimDuration::from_secs_f64(c.ttl_s),
                        c.refresh_ttl_on_hit,
                    ),
                    lookup: ServiceTime::from_ms(
                        c.lookup_time_ms,
                        ServiceDistribution::Exponential,
                    ),
                    write_policy: c.write_policy,
                    database: targets(n.id, &[ComponentKind::Database, ComponentKind::ShardRouter])
                        .first()
                        .copied()
                        .expect("validated: a cache has a database"),
                    stale_reads: 0,
                    window_lookups: 0,
                    window_hits: 0,
                    last_window_hit_ratio: None,
                })),
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
                counters: NodeCounters::default(),
                service_rng: Rng::new(s.seed, Stream::Service, n.id.0),
                role,
                window_completed: 0,
                last_window_rps: 0.0,
                window_busy_area_start: 0,
                last_window_utilization: 0.0,
                usd_per_hour: crate::model::cost::usd_per_hour(&n.config),
            }
        })
        .collect();

    let mut sim = Simulation {
        nodes,
        queue: EventQueue::default(),
        requests: super::Requests::default(),
        now: SimTime::ZERO,
        hop: SimDuration(s.hop_latency_us),
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
    };
    let mut next_user = 0u32;
    for n in &s.nodes {
        sim.user_offset.push(next_user);
        if let ComponentConfig::Client(c) = &n.config {
            next_user = next_user.saturating_add(c.users.max(1));
        }
    }
    for (i, n) in s.nodes.iter().enumerate() {
        let ComponentConfig::Database(d) = &n.config else {
            continue;
        };
        let replicas = targets(n.id, &[ComponentKind::Replica]);
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
        sim.sets.push(ReplicaSet::new(
            members,
            d.replication,
            SimDuration::from_ms_f64(d.replication_lag_ms),
            SimDuration::from_secs_f64(d.failover_timeout_s),
            SimDuration::from_secs_f64(d.provision_delay_s),
            Rng::new(s.seed, Stream::Replication, n.id.0),
        ));
    }
    for (i, f) in s.faults.iter().enumerate() {
        sim.queue.push_fault(
            SimTime(f.at_us),
            u32::try_from(i).expect("fault count fits u32"),
        );
    }
    sim.schedule(SimTime::ZERO + WINDOW, Ev::WindowClose);
    for node in sim.nodes.indices() {
        match &mut sim.nodes[node].role {
            Role::Client(c, _) => {
                if let Some(gap) = c.next_gap() {
                    sim.schedule(SimTime::ZERO + gap, Ev::ClientArrival { node });
                }
            }
            Role::Lb(lb) => {
                let first = SimTime::ZERO + lb.interval;
                sim.schedule(first, Ev::HealthCheck { node });
            }
            Role::Dns(d) if d.is_geo() => {
                let first = SimTime::ZERO + d.check_interval;
                sim.schedule(first, Ev::DnsCheck { node });
            }
            Role::Web(w) if w.group.scales() => {
                sim.schedule(SimTime::ZERO + EVALUATION_PERIOD, Ev::ScaleTick { node });
            }
            Role::Workers(w) if w.max > w.min => {
                sim.schedule(SimTime::ZERO + SCALE_INTERVAL, Ev::ScaleTick { node });
            }
            Role::Dns(_)
            | Role::Web(_)
            | Role::Db(_)
            | Role::Cache(_)
            | Role::Store(_)
            | Role::Queue(_)
            | Role::Workers(_)
            | Role::Router(_)
            | Role::Cdn(_) => {}
        }
    }
    sim
}
