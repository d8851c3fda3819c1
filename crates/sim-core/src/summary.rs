//! The JSON summary of a run (what `scalelab run` prints, what goldens snapshot, what the wasm test compares).
//! Field names carry their units last (`latency_ms`, `throughput_rps`).

use crate::engine::{Role, Simulation};
use crate::metrics::FailureCause;
use serde::Serialize;
use std::collections::BTreeMap;

/// Request totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestTotals {
    /// Sent by clients.
    pub total: u64,
    /// Answered successfully.
    pub completed: u64,
    /// Answered with an error.
    pub failed: u64,
    /// Not yet answered.
    pub in_flight: u64,
}

/// End-to-end latency of successful requests, ms. Percentiles within 1.6 % (histogram buckets); mean exact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LatencyMs {
    /// Mean.
    pub mean: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
}

/// One node's totals.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeSummary {
    /// Node id.
    pub id: u32,
    /// Kind id, e.g. `"web_server"`.
    pub kind: &'static str,
    /// Label.
    pub label: String,
    /// Requests that reached it.
    pub arrived: u64,
    /// Answered successfully.
    pub completed: u64,
    /// Answered with an error.
    pub failed: u64,
    /// Time-average share of busy workers, 0–1 (0 for nodes without workers).
    pub utilization: f64,
    /// Time-average number of requests waiting.
    pub queue_mean: f64,
    /// Price, USD per hour.
    pub cost_per_hour: f64,
    /// Share of the run's time the node was running (time up / time), 0–1, to 6 digits.
    pub availability: f64,
    /// Cache: hits / lookups since the start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hit_ratio: Option<f64>,
    /// Cache: entries evicted to make room.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evictions: Option<u64>,
    /// Cache: hits that returned an entry older than the database's current version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stale_reads: Option<u64>,
    /// Database: read queries executed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reads: Option<u64>,
    /// Database: write queries executed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub writes: Option<u64>,
    /// Database in a replica set: `"primary"` or `"replica"` at the end of the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
    /// Replica: longest delay of a write shipped to it, ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication_lag_ms_max: Option<f64>,
    /// Replica: mean time from a write's commit at the primary to its being applied here, ms, over the writes
    /// shipped to it (shipping delay, plus the wait and apply time at its applier when the primary sets
    /// `apply_rate_per_s`; M/M/1 gives 1/(r − w) without shipping delay). Absent before any write was shipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication_lag_ms_mean: Option<f64>,
    /// Replica: writes shipped to it and not yet applied at the end of the run (its backlog).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication_backlog_writes: Option<u64>,
    /// Replica: reads sent to it while it had not yet applied the reading user's latest write (a user not seeing
    /// their own write). Present when its primary's `read_your_writes_s` is on (the set then remembers each user's
    /// latest write: 16 B a user, too much to keep for every diagram).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stale_own_reads: Option<u64>,
    /// Web server (in-memory sessions) or session store: requests whose user was logged out here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forced_logouts: Option<u64>,
    /// Message queue: the largest backlog, messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth_max: Option<u64>,
    /// Message queue: time from publishing a job to a worker finishing it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_latency_ms: Option<JobLatencyMs>,
    /// Message queue: mean time from publishing a job to a worker taking it, ms (a redelivered job counts each
    /// time it is taken).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_wait_ms_mean: Option<f64>,
    /// Message queue: time-averaged backlog, messages (∫ depth dt / run time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth_mean: Option<f64>,
    /// Message queue: share of its pools' running workers busy with a job, time-averaged, 0–1 (busy worker·s ÷
    /// running worker·s; a dead pool's workers still count as running).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worker_utilization: Option<f64>,
    /// Message queue: time from the last moment the backlog stood at `depth_max` until the queue was next empty,
    /// s: how long the worst backlog took to drain (absent while it is still draining).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth_max_drain_s: Option<f64>,
    /// Message queue: messages lost when a non-durable queue died.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lost_messages: Option<u64>,
    /// CDN: requests its edges fetched from the origin (misses).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_requests: Option<u64>,
    /// Shard router: requests sent to each connected database since the start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard_load: Option<Vec<u64>>,
    /// Shard router: keys each connected database owns at the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard_keys: Option<Vec<u64>>,
    /// Shard router: share of the keys moved by the last resharding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keys_moved_fraction: Option<f64>,
    /// Shard router: busiest shard's requests / mean over the shards in use, since the start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hotspot_ratio: Option<f64>,
    /// Web server autoscaling group: instances running at the end of the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instances: Option<u32>,
    /// Worker pool: jobs finished.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jobs_done: Option<u64>,
    /// Worker pool: workers taking jobs at the end of the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workers_active: Option<u32>,
    /// Database promoted to primary: acknowledged writes it never received.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lost_writes: Option<u64>,
    /// Primary of a multi-primary set: its writes that were concurrent with another primary's write to the same
    /// key (committed there and not yet received here), one of each pair overwritten (last writer wins).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflicts: Option<u64>,
    /// Theory beside the measurement ([`Simulation::theory`]): only in [`Simulation::summary_with_theory`], and
    /// only for nodes a formula covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theory: Option<Vec<crate::theory::TheoryCheck>>,
}

/// Job latency percentiles, ms.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobLatencyMs {
    /// Median.
    pub p50: f64,
    /// 99th percentile.
    pub p99: f64,
}

/// End-to-end availability, as operators quote it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Availability {
    /// Completed ÷ (completed + failed), 0–1, to 6 digits (1 when nothing was answered yet).
    pub requests_answered: f64,
    /// Number of nines: −log₁₀(1 − a) to 2 digits (0.999 → 3); absent when no request failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nines: Option<f64>,
    /// Downtime a year at this availability: (1 − a) × 8 766 h (a year of 365.25 days), h, to 3 digits.
    pub downtime_h_per_year: f64,
}

impl Availability {
    /// From the completed and failed request counts.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn of(completed: u64, failed: u64) -> Availability {
        let answered = completed + failed;
        let a = if answered == 0 {
            1.0
        } else {
            completed as f64 / answered as f64
        };
        Availability {
            requests_answered: round6(a),
            nines: (failed > 0).then(|| libm::round(-libm::log10(1.0 - a) * 100.0) / 100.0),
            downtime_h_per_year: round3((1.0 - a) * 8_766.0),
        }
    }
}

/// How a run kept one service level objective (see [`crate::scenario::Slo`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SloSummary {
    /// The availability objective, 0–1, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_min: Option<f64>,
    /// The p99 latency objective, ms, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_ms_p99_max: Option<f64>,
    /// Its rolling window, s.
    pub window_s: u32,
    /// Time its alert was raised, s, to 3 digits (a raised alert counts up to the end of the run).
    pub breach_s: f64,
    /// Alerts raised.
    pub alerts: u64,
    /// Failed requests ÷ the failures the availability objective allows over the run's answered requests,
    /// failed ÷ ((1 − availability_min) × (completed + failed)), to 6 digits: 1 means the whole error budget was
    /// spent (Beyer et al., "Site Reliability Engineering", 2016, ch. 3). Absent without an availability
    /// objective; 0 when nothing was answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_budget_used: Option<f64>,
}

/// One event-log line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventSummary {
    /// Sim time, s.
    pub at_s: f64,
    /// Node id.
    pub node: u32,
    /// Sentence.
    pub message: String,
}

/// Summary of a run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// The engine that ran it ([`crate::engine::ENGINE`]): a grade or a golden says which engine's answers it holds.
    pub engine: u32,
    /// Seed of the run.
    pub seed: u64,
    /// Sim time covered, s.
    pub duration_s: f64,
    /// Trace hash as 16 hex digits (a string: JSON numbers lose bits past 2^53).
    pub trace_hash: String,
    /// Request totals.
    pub requests: RequestTotals,
    /// Failed requests by cause id. Every cause is listed, zero or not, except `connection_limit` and `partition`,
    /// which appear only when some request failed with them (a run without connection limits or partitions
    /// summarizes as before they existed).
    pub failed_by_cause: BTreeMap<&'static str, u64>,
    /// Successful requests per second of sim time.
    pub throughput_rps: f64,
    /// Requests the clients sent per second of sim time (the offered load; `throughput_rps` is the served load).
    pub offered_rps: f64,
    /// End-to-end availability: the share of answered requests answered successfully.
    pub availability: Availability,
    /// Latency of successful requests.
    pub latency_ms: LatencyMs,
    /// Events processed.
    pub events_processed: u64,
    /// What every node costs together, USD per hour.
    pub cost_per_hour: f64,
    /// Per node, in document order.
    pub nodes: Vec<NodeSummary>,
    /// The event log.
    pub events: Vec<EventSummary>,
    /// Per service level objective of the scenario, in its order; absent without SLOs (so older goldens hold).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub slos: Vec<SloSummary>,
}

/// failed ÷ ((1 − `availability_min`) × answered); 0 when nothing was answered.
#[allow(clippy::cast_precision_loss)] // request counts as a ratio
fn error_budget_used(availability_min: f64, completed: u64, failed: u64) -> f64 {
    let allowed = (1.0 - availability_min) * (completed + failed) as f64;
    if failed == 0 {
        0.0
    } else {
        failed as f64 / allowed
    }
}

#[allow(clippy::cast_precision_loss)]
fn hit_ratio(st: crate::components::CacheStats) -> f64 {
    if st.lookups == 0 {
        0.0
    } else {
        round3(st.hits as f64 / st.lookups as f64)
    }
}

fn round4(v: f64) -> f64 {
    libm::round(v * 10_000.0) / 10_000.0
}

fn round6(v: f64) -> f64 {
    libm::round(v * 1_000_000.0) / 1_000_000.0
}

fn round3(v: f64) -> f64 {
    libm::round(v * 1_000.0) / 1_000.0
}

impl Simulation {
    /// [`Simulation::summary`] with each node's `theory` rows (`scenario` is the document the run was built
    /// from): what `scalelab run` prints. The plain summary, which goldens pin, has no theory.
    #[must_use]
    pub fn summary_with_theory(&self, scenario: &crate::Scenario) -> Summary {
        let mut summary = self.summary();
        for t in self.theory(scenario) {
            if let Some(node) = summary.nodes.iter_mut().find(|n| n.id == t.node.0)
                && !t.checks.is_empty()
            {
                node.theory = Some(t.checks);
            }
        }
        summary
    }

    /// The summary of the run so far.
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // statistics for display
    pub fn summary(&self) -> Summary {
        let secs = self.now.as_secs_f64();
        let now = self.now;
        let ms = |us: u64| round3(us as f64 / 1_000.0);
        let latency = self.latency();
        Summary {
            engine: crate::engine::ENGINE,
            seed: self.seed,
            duration_s: round3(secs),
            trace_hash: format!("{:016x}", self.hash),
            requests: RequestTotals {
                total: self.generated,
                completed: self.completed,
                failed: self.failed,
                in_flight: self.requests.live_count(),
            },
            failed_by_cause: FailureCause::ALL
                .iter()
                .map(|&c| (c, self.failed_by_cause[c.index()]))
                .filter(|&(c, n)| {
                    n > 0 || !matches!(c, FailureCause::ConnectionLimit | FailureCause::Partition)
                })
                .map(|(c, n)| (c.id(), n))
                .collect(),
            availability: Availability::of(self.completed, self.failed),
            throughput_rps: if secs > 0.0 {
                round3(self.completed as f64 / secs)
            } else {
                0.0
            },
            offered_rps: if secs > 0.0 {
                round3(self.generated as f64 / secs)
            } else {
                0.0
            },
            latency_ms: LatencyMs {
                mean: round3(latency.mean_us() / 1_000.0),
                p50: ms(latency.quantile_us(0.50)),
                p95: ms(latency.quantile_us(0.95)),
                p99: ms(latency.quantile_us(0.99)),
            },
            events_processed: self.events_total,
            cost_per_hour: round4(
                self.nodes
                    .indices()
                    .map(|i| self.node_usd_per_hour(i))
                    .sum(),
            ),
            nodes: self
                .nodes
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let primary = self.is_primary(crate::id::NodeIx::of(i));
                    let (utilization, queue_mean) = match (n.station(), now.as_us()) {
                        (Some(st), t) if t > 0 => station_means(st, now, t),
                        _ => (0.0, 0.0),
                    };
                    let (cache, db) = match &n.role {
                        Role::Cache(c) => (Some(c), None),
                        Role::Db(d) => (None, Some(d)),
                        _ => (None, None),
                    };
                    NodeSummary {
                        id: n.id.0,
                        kind: n.kind.id(),
                        label: n.label.clone(),
                        arrived: n.counters.arrived,
                        completed: n.counters.completed,
                        failed: n.counters.failed,
                        utilization: round3(utilization),
                        queue_mean: round3(queue_mean),
                        cost_per_hour: round4(self.node_usd_per_hour(crate::id::NodeIx::of(i))),
                        availability: round6(n.availability(now)),
                        hit_ratio: match &n.role {
                            Role::Cache(c) => Some(hit_ratio(c.store.stats)),
                            Role::Cdn(c) => Some(hit_ratio(c.store.stats)),
                            _ => None,
                        },
                        origin_requests: match &n.role {
                            Role::Cdn(c) => Some(c.origin_requests),
                            _ => None,
                        },
                        evictions: cache.map(|c| c.store.stats.evictions),
                        stale_reads: match &n.role {
                            Role::Cdn(c) => Some(c.stale_hits),
                            _ => cache.map(|c| c.stale_reads).or(db.map(|d| d.stale_reads)),
                        },
                        reads: db.map(|d| d.reads),
                        writes: db.map(|d| d.writes),
                        role: primary.map(|p| if p { "primary" } else { "replica" }),
                        replication_lag_ms_max: db
                            .filter(|d| d.set.is_some())
                            .map(|d| round3(d.lag_max_us as f64 / 1e3)),
                        replication_lag_ms_mean: db
                            .filter(|d| d.set.is_some() && d.lag_count > 0)
                            .map(|d| round3(d.lag_sum_us as f64 / d.lag_count as f64 / 1e3)),
                        replication_backlog_writes: db
                            .filter(|_| primary == Some(false))
                            .map(|d| d.behind),
                        stale_own_reads: db
                            .filter(|d| {
                                primary == Some(false)
                                    && d.set.is_some_and(|s| self.sets[s as usize].tracks_users())
                            })
                            .map(|d| d.stale_own_reads),
                        lost_writes: db.filter(|d| d.set.is_some()).map(|d| d.lost_writes),
                        conflicts: self.conflicts(crate::id::NodeIx::of(i)),
                        depth_max: match &n.role {
                            Role::Queue(q) => Some(q.depth_max),
                            _ => None,
                        },
                        job_latency_ms: match &n.role {
                            Role::Queue(q) => Some(JobLatencyMs {
                                p50: ms(q.job_latency.quantile_us(0.5)),
                                p99: ms(q.job_latency.quantile_us(0.99)),
                            }),
                            _ => None,
                        },
                        lost_messages: match &n.role {
                            Role::Queue(q) => Some(q.lost),
                            _ => None,
                        },
                        job_wait_ms_mean: match &n.role {
                            Role::Queue(q) if q.taken > 0 => {
                                Some(round3(q.wait_sum_us as f64 / q.taken as f64 / 1e3))
                            }
                            Role::Queue(_) => Some(0.0),
                            _ => None,
                        },
                        depth_mean: match (&n.role, now.as_us()) {
                            (Role::Queue(q), t) if t > 0 => {
                                Some(round3(q.depth_area_at(now) as f64 / t as f64))
                            }
                            (Role::Queue(_), _) => Some(0.0),
                            _ => None,
                        },
                        worker_utilization: match &n.role {
                            Role::Queue(q) => Some(round3(self.worker_utilization(&q.consumers))),
                            _ => None,
                        },
                        depth_max_drain_s: match &n.role {
                            Role::Queue(q) => {
                                q.depth_max_drain_us.map(|us| round3(us as f64 / 1e6))
                            }
                            _ => None,
                        },
                        shard_load: match &n.role {
                            Role::Router(r) => Some(r.load.clone()),
                            _ => None,
                        },
                        shard_keys: match &n.role {
                            Role::Router(r) => Some(r.effective_key_counts(now)),
                            _ => None,
                        },
                        keys_moved_fraction: match &n.role {
                            Role::Router(r) => Some(round3(r.keys_moved_fraction)),
                            _ => None,
                        },
                        hotspot_ratio: match &n.role {
                            Role::Router(r) => {
                                let load: Vec<f64> = r.load.iter().map(|&l| l as f64).collect();
                                r.hotspot_ratio(&load).map(round3)
                            }
                            _ => None,
                        },
                        instances: match &n.role {
                            Role::Web(w) if w.group.scales() => Some(w.group.scaler.running),
                            _ => None,
                        },
                        jobs_done: match &n.role {
                            Role::Workers(w) => Some(w.pool.jobs_done),
                            _ => None,
                        },
                        workers_active: match &n.role {
                            Role::Workers(w) => Some(w.scaler.running),
                            _ => None,
                        },
                        forced_logouts: match &n.role {
                            Role::Web(w) if w.sessions != crate::model::SessionMode::None => {
                                Some(w.forced_logouts)
                            }
                            Role::Store(s) => Some(s.forced_logouts),
                            _ => None,
                        },
                        theory: None,
                    }
                })
                .collect(),
            events: self
                .log
                .entries()
                .map(|e| EventSummary {
                    at_s: round3(e.at.as_secs_f64()),
                    node: e.node.0,
                    message: e.message.clone(),
                })
                .collect(),
            slos: self
                .slos
                .states()
                .iter()
                .map(|st| SloSummary {
                    availability_min: st.slo.availability_min,
                    latency_ms_p99_max: st.slo.latency_ms_p99_max,
                    window_s: st.slo.window_s,
                    breach_s: round3(st.breach_us(now) as f64 / 1e6),
                    alerts: st.alerts,
                    error_budget_used: st
                        .slo
                        .availability_min
                        .map(|a| round6(error_budget_used(a, self.completed, self.failed))),
                })
                .collect(),
        }
    }
}

impl Simulation {
    /// Busy worker·µs ÷ running worker·µs over the worker pools `pools`, from the start to now (0 with no
    /// running workers).
    #[allow(clippy::cast_precision_loss)]
    fn worker_utilization(&self, pools: &[crate::id::NodeIx]) -> f64 {
        let (busy, running) = pools
            .iter()
            .filter_map(|&p| match &self.nodes[p].role {
                Role::Workers(w) => Some(w.pool.areas_at(self.now, w.scaler.running)),
                _ => None,
            })
            .fold((0u128, 0u128), |(b, r), (pb, pr)| (b + pb, r + pr));
        if running == 0 {
            0.0
        } else {
            busy as f64 / running as f64
        }
    }
}

#[allow(clippy::cast_precision_loss)]
fn station_means(
    st: &crate::components::Station,
    now: crate::time::SimTime,
    t_us: u64,
) -> (f64, f64) {
    let t = t_us as f64;
    (
        st.busy_area_us(now) as f64 / (f64::from(st.workers()) * t),
        st.queue_area_us(now) as f64 / t,
    )
}
