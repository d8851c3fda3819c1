//! Grading a run against its scenario's [`Challenge`]: each limit becomes a check with the measured value, the
//! limit, pass/fail and — when it fails — a sentence that says *why*, in the chapter's terms (the dominant failure
//! cause, the saturated node, the most expensive node). This is what `scalelab check` prints for autograding.

use crate::engine::{Role, Simulation};
use crate::metrics::FailureCause;
use crate::scenario::Challenge;
use serde::Serialize;

/// One limit of a challenge, measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    /// Id, e.g. `"max_error_ratio"`.
    pub name: &'static str,
    /// What was measured, in the limit's unit.
    pub measured: f64,
    /// The limit.
    pub limit: f64,
    /// Whether the measurement meets the limit.
    pub pass: bool,
    /// A sentence for people: what was measured and, on failure, why.
    pub explanation: String,
}

/// The verdict on a run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    /// Whether every check passed.
    pub pass: bool,
    /// The challenge's goal.
    pub goal: String,
    /// Sim time measured from, s.
    pub measured_from_s: f64,
    /// Sim time measured to, s.
    pub measured_to_s: f64,
    /// Every check, in a fixed order.
    pub checks: Vec<Check>,
}

#[allow(clippy::cast_precision_loss)]
fn pct(v: f64) -> String {
    format!("{:.2} %", v * 100.0)
}

impl Simulation {
    /// Grades the run so far against `challenge`.
    #[must_use]
    #[allow(clippy::cast_precision_loss, clippy::too_many_lines)] // one block per kind of limit reads best
    pub fn grade(&self, challenge: &Challenge) -> Verdict {
        let m = &self.measured;
        let summary = self.summary();
        let ok = m.latency.count();
        let failed = m.failed();
        let answered = ok + failed;
        let secs = self.now.since(m.from).as_us() as f64 / 1e6;
        let mut checks = Vec::new();

        if let Some(limit) = challenge.max_error_ratio {
            let ratio = if answered == 0 {
                0.0
            } else {
                failed as f64 / answered as f64
            };
            let pass = ratio <= limit;
            let mut explanation = format!(
                "{failed} of {answered} requests failed ({}; allowed {})",
                pct(ratio),
                pct(limit)
            );
            if !pass
                && let Some(cause) = FailureCause::ALL
                    .into_iter()
                    .max_by_key(|c| m.failed_by_cause[c.index()])
            {
                explanation += &format!(
                    ". Most were '{}' ({}): {}",
                    cause.title(),
                    m.failed_by_cause[cause.index()],
                    cause.explanation()
                );
            }
            checks.push(Check {
                name: "max_error_ratio",
                measured: ratio,
                limit,
                pass,
                explanation,
            });
        }
        if let Some(limit) = challenge.max_latency_ms_p99 {
            let p99 = m.latency.quantile_us(0.99) as f64 / 1e3;
            let pass = p99 <= limit;
            let mut explanation = format!("p99 latency {p99:.1} ms (allowed {limit} ms)");
            if !pass
                && let Some(busy) = summary
                    .nodes
                    .iter()
                    .filter(|n| n.utilization > 0.0)
                    .max_by(|a, b| a.utilization.total_cmp(&b.utilization))
            {
                explanation += &format!(
                    ". The busiest node is {} at {:.0} % utilization: requests queue there; add capacity or spread the load",
                    busy.label,
                    busy.utilization * 100.0
                );
            }
            checks.push(Check {
                name: "max_latency_ms_p99",
                measured: p99,
                limit,
                pass,
                explanation,
            });
        }
        if let Some(limit) = challenge.min_throughput_rps {
            let rps = if secs > 0.0 { ok as f64 / secs } else { 0.0 };
            let pass = rps >= limit;
            let mut explanation =
                format!("{rps:.0} successful requests per second (needed {limit})");
            if !pass {
                explanation += ". Either the users send less than that, or requests fail or stay stuck in queues";
            }
            checks.push(Check {
                name: "min_throughput_rps",
                measured: rps,
                limit,
                pass,
                explanation,
            });
        }
        if let Some(limit) = challenge.max_cost_per_hour {
            let cost = summary.cost_per_hour;
            let pass = cost <= limit;
            let mut explanation = format!("the system costs ${cost:.3} per hour (budget ${limit})");
            if !pass
                && let Some(top) = summary
                    .nodes
                    .iter()
                    .max_by(|a, b| a.cost_per_hour.total_cmp(&b.cost_per_hour))
            {
                explanation += &format!(
                    ". The most expensive node is {} at ${:.3}/h: a smaller size or fewer copies may do",
                    top.label, top.cost_per_hour
                );
            }
            checks.push(Check {
                name: "max_cost_per_hour",
                measured: cost,
                limit,
                pass,
                explanation,
            });
        }
        if let Some(limit) = challenge.max_lost_writes {
            let lost: u64 = summary.nodes.iter().filter_map(|n| n.lost_writes).sum();
            let pass = lost <= limit;
            let mut explanation = format!("{lost} acknowledged writes were lost (allowed {limit})");
            if !pass {
                explanation += ". Asynchronous replication loses the writes that had not reached the promoted replica; \
                                semi-synchronous replication loses none";
            }
            checks.push(Check {
                name: "max_lost_writes",
                measured: lost as f64,
                limit: limit as f64,
                pass,
                explanation,
            });
        }
        if let Some(limit) = challenge.max_logged_out {
            let out = m.failed_by_cause[FailureCause::LoggedOut.index()];
            let pass = out <= limit;
            let mut explanation =
                format!("{out} requests found their user logged out (allowed {limit})");
            if !pass {
                explanation += ". Sessions kept in one web server's memory are lost with it or missing on the others; \
                                keep them in a shared session store (or at least use sticky sessions)";
            }
            checks.push(Check {
                name: "max_logged_out",
                measured: out as f64,
                limit: limit as f64,
                pass,
                explanation,
            });
        }
        if let Some(limit) = challenge.max_stale_files {
            let stale: u64 = summary
                .nodes
                .iter()
                .filter(|n| n.kind == "cdn")
                .filter_map(|n| n.stale_reads)
                .sum();
            let pass = stale <= limit;
            let mut explanation = format!(
                "{stale} static-file requests got an old copy from the CDN (allowed {limit})"
            );
            if !pass {
                explanation += ". After a deploy the edges keep serving their cached copies until the TTL runs out; \
                                versioned file names (app.3f9a.js) make new files new URLs, so nothing old is served";
            }
            checks.push(Check {
                name: "max_stale_files",
                measured: stale as f64,
                limit: limit as f64,
                pass,
                explanation,
            });
        }
        if let Some(limit) = challenge.max_job_delay_s {
            let (mut done_p99_s, mut oldest_s, mut waiting) = (0.0_f64, 0.0_f64, 0_usize);
            for n in &self.nodes {
                if let Role::Queue(q) = &n.role {
                    if q.job_latency.count() > 0 {
                        done_p99_s = done_p99_s.max(q.job_latency.quantile_us(0.99) as f64 / 1e6);
                    }
                    if let Some(job) = q.messages.front() {
                        oldest_s = oldest_s.max(self.now.since(job.published).as_us() as f64 / 1e6);
                    }
                    waiting += q.messages.len();
                }
            }
            let delay = done_p99_s.max(oldest_s);
            let pass = delay <= limit;
            let mut explanation = format!(
                "p99 of the finished jobs took {done_p99_s:.1} s; {waiting} jobs still wait, the oldest for \
                 {oldest_s:.1} s (allowed {limit} s)"
            );
            if !pass {
                explanation += ". Jobs arrive faster than the workers finish them, so the backlog grows: the queue \
                                lets the worker pool scale on its own — allow more workers, or let it scale sooner";
            }
            checks.push(Check {
                name: "max_job_delay_s",
                measured: delay,
                limit,
                pass,
                explanation,
            });
        }
        Verdict {
            pass: checks.iter().all(|c| c.pass),
            goal: challenge.goal.clone(),
            measured_from_s: m.from.as_secs_f64(),
            measured_to_s: self.now.as_secs_f64(),
            checks,
        }
    }
}
