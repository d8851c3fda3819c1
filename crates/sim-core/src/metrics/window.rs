//! One-second windows of sim time: the series the charts draw. Each closed window is summarised into a small
//! fixed-size record; the ring keeps the last hour. An answer is counted in the window of the time it reaches its
//! user, which the engine knows when the answer leaves the data center: the open window or the next one.

use super::{FailureCause, Histogram};
use crate::time::{SimDuration, SimTime};
use std::collections::VecDeque;

/// Length of a window.
pub const WINDOW: SimDuration = SimDuration::from_secs(1);

/// Summary of one closed window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindowStats {
    /// Start of the window.
    pub start: SimTime,
    /// Requests answered successfully in the window.
    pub completed: u64,
    /// Requests answered with an error in the window.
    pub failed: u64,
    /// Failed requests by cause, indexed by [`FailureCause::index`].
    pub failed_by_cause: [u64; FailureCause::COUNT],
    /// Successful requests per second.
    pub throughput_rps: f64,
    /// Requests the clients sent in the window (offered load; answered later or not at all).
    pub offered: u64,
    /// Requests the clients sent per second: the offered load beside `throughput_rps`, the served load.
    pub offered_rps: f64,
    /// Median end-to-end latency of successful requests, ms (0 when none).
    pub latency_ms_p50: f64,
    /// 95th percentile, ms.
    pub latency_ms_p95: f64,
    /// 99th percentile, ms.
    pub latency_ms_p99: f64,
    /// Mean, ms.
    pub latency_ms_mean: f64,
    /// Hits / lookups over every cache in the window; `None` when no cache was read.
    pub cache_hit_ratio: Option<f64>,
    /// Jobs waiting in every message queue at the end of the window; `None` without queues.
    pub queue_depth: Option<u64>,
    /// Replication lag at the end of the window: the most writes any running read replica has been shipped and
    /// not yet applied; `None` without replicas.
    pub replica_behind_writes_max: Option<u64>,
    /// Mean replication delay (commit to applied) of the writes shipped to replicas in the window, ms; `None` when
    /// none was shipped.
    pub replication_lag_ms_mean: Option<f64>,
    /// Longest replication delay of a write shipped to a replica in the window, ms; `None` when none was shipped.
    pub replication_lag_ms_max: Option<f64>,
    /// Mean wait of the jobs workers took from the message queues in the window, ms; `None` without queues or
    /// when no job was taken.
    pub job_wait_ms_mean: Option<f64>,
    /// Share of the running workers' time spent on jobs in the window (0–1); `None` without worker pools.
    pub worker_utilization: Option<f64>,
    /// What every node cost together at the end of the window, USD per hour (autoscaling changes it).
    pub cost_usd_per_hour: f64,
    /// Reads the read replicas served in the window before applying the reading user's own latest write (a user
    /// not seeing their own write; read-your-writes, issue 14), over every replica; `None` unless some primary
    /// sets `read_your_writes_s` (only then are users' writes remembered).
    pub stale_own_reads: Option<u64>,
    /// Hits / lookups of the CDNs in the window (mean over CDNs); `None` without CDNs or lookups.
    pub cdn_hit_ratio: Option<f64>,
}

impl WindowStats {
    /// Failed share of answered requests in the window (0–1).
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn error_ratio(&self) -> f64 {
        let answered = self.completed + self.failed;
        if answered == 0 {
            0.0
        } else {
            self.failed as f64 / answered as f64
        }
    }
}

/// Running totals of every message queue and worker pool since the start, which a window differences.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct JobTotals {
    /// Sum of the waits of the jobs taken, µs.
    pub wait_sum_us: u64,
    /// Jobs taken by workers.
    pub taken: u64,
    /// Worker·µs spent on jobs.
    pub busy_area_us: u128,
    /// Worker·µs of running workers.
    pub running_area_us: u128,
}

/// The open window's accumulators and the ring of closed windows.
#[derive(Clone, Debug)]
pub struct Windows {
    start: SimTime,
    latency: Histogram,
    failed_by_cause: [u64; FailureCause::COUNT],
    /// Answers stamped in the next window.
    next_latency: Histogram,
    next_failed_by_cause: [u64; FailureCause::COUNT],
    replica_behind_writes_max: Option<u64>,
    /// Replication delays of the writes shipped in the open window: sum, count and longest, µs.
    lag_sum_us: u64,
    lag_count: u64,
    lag_max_us: u64,
    /// The job totals at the window's close (noted just before it) and at its opening.
    jobs: Option<JobTotals>,
    jobs_at_open: JobTotals,
    cost_usd_per_hour: f64,
    cdn_hit_ratio: Option<f64>,
    /// Stale own reads since the start, noted as the window closes, and at its opening.
    stale_own_reads: Option<u64>,
    stale_own_reads_at_open: u64,
    /// Requests the clients had sent when the open window opened.
    offered_at_open: u64,
    closed: VecDeque<WindowStats>,
}

impl Default for Windows {
    fn default() -> Self {
        Windows {
            start: SimTime::ZERO,
            latency: Histogram::default(),
            failed_by_cause: [0; FailureCause::COUNT],
            next_latency: Histogram::default(),
            next_failed_by_cause: [0; FailureCause::COUNT],
            replica_behind_writes_max: None,
            lag_sum_us: 0,
            lag_count: 0,
            lag_max_us: 0,
            jobs: None,
            jobs_at_open: JobTotals::default(),
            cost_usd_per_hour: 0.0,
            cdn_hit_ratio: None,
            stale_own_reads: None,
            stale_own_reads_at_open: 0,
            offered_at_open: 0,
            closed: VecDeque::with_capacity(Self::CAPACITY),
        }
    }
}

#[allow(clippy::cast_precision_loss)]
fn ms(us: u64) -> f64 {
    us as f64 / 1_000.0
}

impl Windows {
    /// Closed windows kept (one hour).
    pub const CAPACITY: usize = 3_600;

    /// Start of the open window.
    #[must_use]
    pub fn open_start(&self) -> SimTime {
        self.start
    }

    /// Latencies of the answers stamped in the open window.
    #[must_use]
    pub fn open_latency(&self) -> &Histogram {
        &self.latency
    }

    /// Failed answers stamped in the open window.
    #[must_use]
    pub fn open_failed(&self) -> u64 {
        self.failed_by_cause.iter().sum()
    }

    /// Latencies of the answers stamped in the window after the open one.
    #[must_use]
    pub fn next_latency(&self) -> &Histogram {
        &self.next_latency
    }

    /// Answers can be stamped up to (not including) this time: the end of the window after the open one.
    #[must_use]
    pub fn horizon(&self) -> SimTime {
        self.start + WINDOW + WINDOW
    }

    /// Whether `at` falls in the open window (else in the next; before [`Windows::horizon`]).
    fn in_open(&self, at: SimTime) -> bool {
        debug_assert!(
            at < self.horizon(),
            "an answer stamped past the next window"
        );
        at < self.start + WINDOW
    }

    /// A successful request answered at `at` (in the open or the next window), with its end-to-end latency.
    pub fn record_success(&mut self, at: SimTime, latency: SimDuration) {
        if self.in_open(at) {
            self.latency.record(latency.as_us());
        } else {
            self.next_latency.record(latency.as_us());
        }
    }

    /// A failed request answered at `at` (in the open or the next window).
    pub fn record_failure(&mut self, at: SimTime, cause: FailureCause) {
        if self.in_open(at) {
            self.failed_by_cause[cause.index()] += 1;
        } else {
            self.next_failed_by_cause[cause.index()] += 1;
        }
    }

    /// A write shipped to a replica with `delay_us` from commit to applied, counted in the open window (see
    /// [`WindowStats::replication_lag_ms_mean`]).
    pub fn record_replication_lag(&mut self, delay_us: u64) {
        self.lag_sum_us += delay_us;
        self.lag_count += 1;
        self.lag_max_us = self.lag_max_us.max(delay_us);
    }

    /// The job totals now, as the open window closes (`None` without message queues): the window's job wait and
    /// worker utilization are the change since the last ones noted.
    pub fn note_jobs(&mut self, totals: Option<JobTotals>) {
        self.jobs = totals;
    }

    /// The stale own reads since the start now, as the open window closes (`None` without read-your-writes): the
    /// window's [`WindowStats::stale_own_reads`] is the change since the last one noted.
    pub fn note_stale_own_reads(&mut self, total: Option<u64>) {
        self.stale_own_reads = total;
    }

    /// The replication lag, cost and CDN hit ratio to record with the next window closed (see
    /// [`WindowStats::replica_behind_writes_max`], [`WindowStats::cost_usd_per_hour`] and
    /// [`WindowStats::cdn_hit_ratio`]).
    pub fn note_extras(
        &mut self,
        replica_behind_writes_max: Option<u64>,
        cost_usd_per_hour: f64,
        cdn_hit_ratio: Option<f64>,
    ) {
        self.replica_behind_writes_max = replica_behind_writes_max;
        self.cost_usd_per_hour = cost_usd_per_hour;
        self.cdn_hit_ratio = cdn_hit_ratio;
    }

    /// Closes the open window at `now` (with the window's cache hit ratio, if any cache was read, the total
    /// message-queue backlog, if there are queues, and the requests the clients have sent since the start) and
    /// opens the next.
    #[allow(clippy::cast_precision_loss)]
    pub fn close(
        &mut self,
        now: SimTime,
        cache_hit_ratio: Option<f64>,
        queue_depth: Option<u64>,
        generated: u64,
    ) {
        let secs = now.since(self.start).as_us() as f64 / 1e6;
        let completed = self.latency.count();
        let offered = generated.saturating_sub(self.offered_at_open);
        self.offered_at_open = generated;
        let [p50, p95, p99] = self.latency.quantiles_us([0.50, 0.95, 0.99]);
        let jobs = self.jobs.take();
        let stale_own_reads = self.stale_own_reads.take().map(|total| {
            let window = total.saturating_sub(self.stale_own_reads_at_open);
            self.stale_own_reads_at_open = total;
            window
        });
        let (job_wait_ms_mean, worker_utilization) = match jobs {
            Some(j) => {
                let o = self.jobs_at_open;
                let taken = j.taken.saturating_sub(o.taken);
                let running = j.running_area_us.saturating_sub(o.running_area_us);
                self.jobs_at_open = j;
                (
                    (taken > 0).then(|| {
                        j.wait_sum_us.saturating_sub(o.wait_sum_us) as f64 / taken as f64 / 1_000.0
                    }),
                    (running > 0).then(|| {
                        j.busy_area_us.saturating_sub(o.busy_area_us) as f64 / running as f64
                    }),
                )
            }
            None => (None, None),
        };
        let stats = WindowStats {
            start: self.start,
            completed,
            failed: self.failed_by_cause.iter().sum(),
            failed_by_cause: self.failed_by_cause,
            throughput_rps: if secs > 0.0 {
                completed as f64 / secs
            } else {
                0.0
            },
            offered,
            offered_rps: if secs > 0.0 {
                offered as f64 / secs
            } else {
                0.0
            },
            latency_ms_p50: ms(p50),
            latency_ms_p95: ms(p95),
            latency_ms_p99: ms(p99),
            latency_ms_mean: self.latency.mean_us() / 1_000.0,
            cache_hit_ratio,
            queue_depth,
            replica_behind_writes_max: self.replica_behind_writes_max.take(),
            replication_lag_ms_mean: (self.lag_count > 0)
                .then(|| self.lag_sum_us as f64 / self.lag_count as f64 / 1_000.0),
            replication_lag_ms_max: (self.lag_count > 0).then(|| ms(self.lag_max_us)),
            job_wait_ms_mean,
            worker_utilization,
            cost_usd_per_hour: self.cost_usd_per_hour,
            cdn_hit_ratio: self.cdn_hit_ratio.take(),
            stale_own_reads,
        };
        if self.closed.len() == Self::CAPACITY {
            self.closed.pop_front();
        }
        self.closed.push_back(stats);
        // The next window opens with the answers already stamped in it.
        std::mem::swap(&mut self.latency, &mut self.next_latency);
        self.next_latency.clear();
        self.failed_by_cause = std::mem::take(&mut self.next_failed_by_cause);
        (self.lag_sum_us, self.lag_count, self.lag_max_us) = (0, 0, 0);
        self.start = now;
    }

    /// The last `n` closed windows, oldest first.
    #[must_use]
    pub fn last(&self, n: usize) -> Vec<WindowStats> {
        self.closed
            .iter()
            .skip(self.closed.len().saturating_sub(n))
            .copied()
            .collect()
    }

    /// Every closed window kept, oldest first.
    pub fn closed(&self) -> impl ExactSizeIterator<Item = &WindowStats> {
        self.closed.iter()
    }
}
