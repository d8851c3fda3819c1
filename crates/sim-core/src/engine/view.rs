//! Read-only views of a run: the per-frame snapshot for the UI. Building one touches no per-request data.
//! Also the hook that fills a closing window's record for the watching views (edge rates, replication lag, cost):
//! the engine writes them and never reads them back.

use super::{Role, Simulation};
use crate::id::NodeIx;
use crate::metrics::{DbRole, Frame, Health, JobTotals, NodeFrame, ReplicaSetFrame, Totals};

impl Simulation {
    /// Called as a metrics window `secs` long closes: edge rates, and the replication lag, cost, CDN hit ratio,
    /// job totals and stale own reads for the window's record.
    pub(super) fn watch_window_close(&mut self, secs: f64) {
        self.traffic.close_window(secs);
        let behind = self.replica_behind_writes_max();
        let cost = self
            .nodes
            .indices()
            .map(|i| self.node_usd_per_hour(i))
            .sum();
        // The CDNs' hit ratios of the window just closed (computed by the caller before this hook).
        let cdn: Vec<f64> = self
            .nodes
            .iter()
            .filter_map(|n| match &n.role {
                Role::Cdn(c) => c.last_window_hit_ratio,
                _ => None,
            })
            .collect();
        #[allow(clippy::cast_precision_loss)] // a handful of CDNs
        let cdn_hit_ratio = (!cdn.is_empty()).then(|| cdn.iter().sum::<f64>() / cdn.len() as f64);
        self.windows.note_extras(behind, cost, cdn_hit_ratio);
        let jobs = self.job_totals();
        self.windows.note_jobs(jobs);
        // A counter read, no event: runs hash as they did.
        let tracking = self
            .sets
            .iter()
            .any(crate::components::ReplicaSet::tracks_users);
        let stale = self.nodes.iter().map(|n| match &n.role {
            Role::Db(db) => db.stale_own_reads,
            _ => 0,
        });
        self.windows
            .note_stale_own_reads(tracking.then(|| stale.sum()));
    }

    /// The running job totals of every message queue and worker pool now (`None` without queues).
    fn job_totals(&self) -> Option<JobTotals> {
        let mut totals = JobTotals::default();
        let mut queues = false;
        for n in &self.nodes {
            match &n.role {
                Role::Queue(q) => {
                    queues = true;
                    totals.wait_sum_us += q.wait_sum_us;
                    totals.taken += q.taken;
                }
                Role::Workers(w) => {
                    let (busy, running) = w.pool.areas_at(self.now, w.scaler.running);
                    totals.busy_area_us += busy;
                    totals.running_area_us += running;
                }
                _ => {}
            }
        }
        queues.then_some(totals)
    }

    /// The most writes any running read replica is behind its primary now (`None` without replicas).
    fn replica_behind_writes_max(&self) -> Option<u64> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.alive)
            .filter_map(|(i, n)| match (&n.role, self.is_primary(NodeIx::of(i))) {
                (Role::Db(db), Some(false)) => Some(db.behind),
                _ => None,
            })
            .max()
    }
}

impl Simulation {
    /// A snapshot of the run now. Cost: O(nodes + backends + [`Frame::MAX_WINDOWS`] + [`Frame::MAX_LOG`]).
    #[must_use]
    pub fn frame(&self) -> Frame {
        self.frame_last(Frame::MAX_WINDOWS, Frame::MAX_LOG)
    }

    /// [`Simulation::frame`] with only the last `windows` metric windows and `log` log entries (each at most
    /// [`Frame::MAX_WINDOWS`] / [`Frame::MAX_LOG`]): a view that shows a minute copies a minute, not five.
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // ratios for display
    pub fn frame_last(&self, windows: usize, log: usize) -> Frame {
        // (load balancers in front of the node, of which mark it unhealthy)
        let mut marks = vec![(0u32, 0u32); self.nodes.len()];
        for n in self.nodes.iter().filter(|n| n.alive) {
            if let Role::Lb(lb) = &n.role {
                for b in &lb.balancer.backends {
                    let m = &mut marks[b.node.get()];
                    m.0 += 1;
                    m.1 += u32::from(!b.healthy);
                }
            }
        }
        let since_window = self.now.since(self.window_start).as_us();
        let nodes = self
            .nodes
            .iter()
            .zip(marks)
            .enumerate()
            .map(|(i, (n, (fronting, marking)))| {
                let i = NodeIx::of(i);
                let primary = self.is_primary(i);
                let health = match (n.alive, fronting, marking) {
                    (true, _, 0) => Health::Healthy,
                    (true, _, _) => Health::Recovering,
                    (false, f, m) if f > 0 && m < f => Health::DownUndetected,
                    (false, _, _) => Health::Down,
                };
                let (utilization, queue_len) = n.station().map_or((0.0, 0), |st| {
                    // A partial window shorter than 0.2 s is too noisy: show the last full one.
                    let u = if since_window >= 200_000 {
                        let area = st.busy_area_us(self.now) - n.window_busy_area_start;
                        area as f64 / (f64::from(st.workers()) * since_window as f64)
                    } else {
                        n.last_window_utilization
                    };
                    (u.clamp(0.0, 1.0), st.queue_len(self.now))
                });
                let (utilization, queue_len) = match &n.role {
                    Role::Queue(q) => (0.0, u32::try_from(q.messages.len()).unwrap_or(u32::MAX)),
                    Role::Workers(w) if w.scaler.running > 0 => (
                        (f64::from(w.pool.busy) / f64::from(w.scaler.running)).clamp(0.0, 1.0),
                        0,
                    ),
                    _ => (utilization, queue_len),
                };
                let c = n.counters;
                NodeFrame {
                    id: n.id,
                    kind: n.kind,
                    health,
                    utilization,
                    queue_len,
                    in_flight: c.arrived - c.completed - c.failed,
                    arrived: c.arrived,
                    completed: c.completed,
                    failed: c.failed,
                    failed_here: c.failed_here,
                    failed_here_by_cause: self.traffic.failed_here_by_cause(i),
                    throughput_rps: n.last_window_rps,
                    availability: n.failures.as_ref().map(|_| n.availability(self.now)),
                    slowed: n.slowdown > 1,
                    cut_off: self.is_cut_off(i),
                    pair: match &n.role {
                        Role::Lb(lb) => lb.pair.as_ref().map(super::lb_pair::Pair::status),
                        _ => None,
                    },
                    hit_ratio: match &n.role {
                        Role::Cache(c) => c.last_window_hit_ratio,
                        Role::Cdn(c) => c.last_window_hit_ratio,
                        _ => None,
                    },
                    fill_ratio: match &n.role {
                        Role::Cache(c) if c.store.capacity() > 0 => {
                            Some(f64::from(c.store.len()) / f64::from(c.store.capacity()))
                        }
                        Role::Cache(_) => Some(0.0),
                        Role::Cdn(c) if c.store.capacity() > 0 => {
                            Some(f64::from(c.store.len()) / f64::from(c.store.capacity()))
                        }
                        _ => None,
                    },
                    db_role: primary.map(|p| if p { DbRole::Primary } else { DbRole::Replica }),
                    shard_load_rps: match &n.role {
                        Role::Router(r) => Some(r.last_window_load.clone()),
                        _ => None,
                    },
                    shard_keys: match &n.role {
                        Role::Router(r) => Some(r.key_counts.clone()),
                        _ => None,
                    },
                    hotspot_ratio: match &n.role {
                        Role::Router(r) => r.hotspot_ratio(&r.last_window_load),
                        _ => None,
                    },
                    migration_progress: match &n.role {
                        Role::Router(r) => r.migration_progress(self.now),
                        _ => None,
                    },
                    migration_flows: match &n.role {
                        Role::Router(r) => r.migration.as_ref().map_or_else(Vec::new, |m| {
                            m.flows
                                .iter()
                                .filter_map(|&(a, b)| {
                                    let db = |i: u32| {
                                        r.shards.get(i as usize).map(|&e| self.nodes[e].id)
                                    };
                                    Some((db(a)?, db(b)?))
                                })
                                .collect()
                        }),
                        _ => Vec::new(),
                    },
                    instances: match &n.role {
                        Role::Web(w) if w.group.scales() => {
                            Some((w.group.scaler.running, w.group.scaler.warming))
                        }
                        _ => None,
                    },
                    workers_active: match &n.role {
                        Role::Workers(w) => Some(w.scaler.running),
                        _ => None,
                    },
                    conflicts: self.conflicts(i),
                    behind_writes: match (&n.role, primary) {
                        (Role::Db(db), Some(false)) => Some(db.behind),
                        _ => None,
                    },
                }
            })
            .collect();
        let log_len = self.log.entries().len();
        Frame {
            now: self.now,
            behind: self.behind,
            nodes,
            edges: self.traffic.edges(),
            replica_sets: self
                .sets
                .iter()
                .map(|set| ReplicaSetFrame {
                    members: set.members.iter().map(|&m| self.nodes[m].id).collect(),
                    primary: self.nodes[set.primary].id,
                })
                .collect(),
            totals: Totals {
                generated: self.generated,
                completed: self.completed,
                failed: self.failed,
                in_flight: self.requests.live_count(),
            },
            failed_by_cause: self.failed_by_cause,
            windows: self.windows.last(windows.min(Frame::MAX_WINDOWS)),
            log: self
                .log
                .entries()
                .skip(log_len.saturating_sub(log.min(Frame::MAX_LOG)))
                .cloned()
                .collect(),
            log_total: self.log.total(),
            cost_usd_per_hour: self
                .nodes
                .indices()
                .map(|i| self.node_usd_per_hour(i))
                .sum(),
            slo_alerts: self
                .slos
                .states()
                .iter()
                .map(crate::metrics::SloState::intervals)
                .collect(),
            cut_links: self
                .cut_links()
                .map(|(a, b)| (self.nodes[a].id, self.nodes[b].id))
                .collect(),
        }
    }
}
