//! Grading a run against its scenario's [`Challenge`]: each limit becomes a check with the measured value, the
//! limit, pass/fail and — when it fails — a sentence that says *why*, in the chapter's terms (the node and cause
//! that failed most requests and what made it fail them, the saturated node, the most expensive node). This is what
//! `scalelab check` prints for autograding.
//!
//! An explanation must follow the run, not a guess: failed requests are blamed on the node that failed most of
//! them in the measured interval, and the reason is read from how that node is reached (through a DNS that still
//! hands out its address, behind a load balancer that has not noticed yet, or with nothing to take over).

use crate::components::dns::UNHEALTHY_AFTER;
use crate::engine::{Role, Simulation};
use crate::id::NodeIx;
use crate::metrics::{FailureCause, LogText};
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
    /// The same sentence as data, for a translation: clauses by stable id (`error_ratio`, `most_at`,
    /// `why_down_lb`…) with their figures. In English they are joined by ". ", except that a clause whose id starts
    /// with `why_` follows the one before it after ": ". Empty when the sentence has no translation (a fault on a
    /// missing node). Not in the JSON.
    #[serde(skip)]
    pub text: Vec<LogText>,
}

/// The verdict on a run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    /// The engine that ran the graded run ([`crate::engine::ENGINE`]).
    pub engine: u32,
    /// Whether every check passed.
    pub pass: bool,
    /// The share of checks passed, 0–1 (`passed / checks`; 1 when the challenge sets no limit). A gradebook's
    /// partial credit: `pass` is `score == 1.0`.
    pub score: f64,
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
        let latency = self.measured_latency();
        let summary = self.summary();
        let ok = latency.count();
        let failed = m.failed();
        let answered = ok + failed;
        let secs = self.now.since(m.from).as_us() as f64 / 1e6;
        let mut checks = Vec::new();
        // A limit measured over no request would pass on nothing (a dead system, or measuring after the end):
        // such a check fails and says so.
        let interval = format!(
            "between {:.0} s and {:.0} s",
            m.from.as_secs_f64(),
            self.now.as_secs_f64()
        );
        let none_answered = format!(
            "no request was answered {interval}, so there is nothing to grade: this check fails"
        );
        let none_succeeded = format!(
            "no request succeeded {interval} ({failed} failed), so there is nothing to grade: this check fails"
        );
        let from_to = |t: LogText| {
            t.value("from", m.from.as_secs_f64(), 0)
                .value("to", self.now.as_secs_f64(), 0)
        };
        let none_answered_t = vec![from_to(LogText::new("none_answered"))];
        let none_succeeded_t =
            vec![from_to(LogText::new("none_succeeded")).count("failed", failed)];

        if let Some(limit) = challenge.max_error_ratio {
            let ratio = if answered == 0 {
                0.0
            } else {
                failed as f64 / answered as f64
            };
            let pass = answered > 0 && ratio <= limit;
            let mut explanation = format!(
                "{failed} of {answered} requests failed ({}; allowed {})",
                pct(ratio),
                pct(limit)
            );
            let mut text = vec![
                LogText::new("error_ratio")
                    .count("failed", failed)
                    .count("answered", answered)
                    .value("ratio", ratio * 100.0, 2)
                    .value("limit", limit * 100.0, 2),
            ];
            if answered == 0 {
                explanation.clone_from(&none_answered);
                text.clone_from(&none_answered_t);
            } else if !pass {
                let (why, why_text) = self.why_requests_failed();
                explanation += &why;
                text.extend(why_text);
            }
            checks.push(Check {
                name: "max_error_ratio",
                measured: ratio,
                limit,
                pass,
                explanation,
                text,
            });
        }
        if let Some(limit) = challenge.max_latency_ms_p99 {
            let p99 = latency.quantile_us(0.99) as f64 / 1e3;
            let pass = ok > 0 && p99 <= limit;
            let mut explanation = format!("p99 latency {p99:.1} ms (allowed {limit} ms)");
            let mut text = vec![
                LogText::new("p99")
                    .value("p99", p99, 1)
                    .number("limit", limit),
            ];
            if ok == 0 {
                explanation.clone_from(&none_succeeded);
                text.clone_from(&none_succeeded_t);
            } else if !pass
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
                text.push(
                    LogText::new("busiest")
                        .name("node", busy.label.clone())
                        .value("utilization", busy.utilization * 100.0, 0),
                );
            }
            checks.push(Check {
                name: "max_latency_ms_p99",
                measured: p99,
                limit,
                pass,
                explanation,
                text,
            });
        }
        if let Some(limit) = challenge.min_throughput_rps {
            let rps = if secs > 0.0 { ok as f64 / secs } else { 0.0 };
            let pass = ok > 0 && rps >= limit;
            let mut explanation =
                format!("{rps:.0} successful requests per second (needed {limit})");
            let mut text = vec![
                LogText::new("throughput")
                    .value("rps", rps, 0)
                    .number("limit", limit),
            ];
            if ok == 0 {
                explanation.clone_from(&none_succeeded);
                text.clone_from(&none_succeeded_t);
            } else if !pass {
                explanation += ". Either the users send less than that, or requests fail or stay stuck in queues";
                text.push(LogText::new("throughput_hint"));
            }
            checks.push(Check {
                name: "min_throughput_rps",
                measured: rps,
                limit,
                pass,
                explanation,
                text,
            });
        }
        if let Some(limit) = challenge.max_cost_per_hour {
            let cost = summary.cost_per_hour;
            let pass = cost <= limit;
            let mut explanation = format!("the system costs ${cost:.3} per hour (budget ${limit})");
            let mut text = vec![
                LogText::new("cost")
                    .value("cost", cost, 3)
                    .number("limit", limit),
            ];
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
                text.push(
                    LogText::new("most_expensive")
                        .name("node", top.label.clone())
                        .value("cost", top.cost_per_hour, 3),
                );
            }
            checks.push(Check {
                name: "max_cost_per_hour",
                measured: cost,
                limit,
                pass,
                explanation,
                text,
            });
        }
        if let Some(limit) = challenge.max_lost_writes {
            let lost: u64 = summary.nodes.iter().filter_map(|n| n.lost_writes).sum();
            let pass = lost <= limit;
            let mut explanation = format!("{lost} acknowledged writes were lost (allowed {limit})");
            let mut text = vec![
                LogText::new("lost_writes")
                    .count("lost", lost)
                    .count("limit", limit),
            ];
            if !pass {
                explanation += ". Asynchronous replication loses the writes that had not reached the promoted replica; \
                                semi-synchronous replication loses none";
                text.push(LogText::new("lost_writes_hint"));
            }
            checks.push(Check {
                name: "max_lost_writes",
                measured: lost as f64,
                limit: limit as f64,
                pass,
                explanation,
                text,
            });
        }
        if let Some(limit) = challenge.max_logged_out {
            let out = m.failed_by_cause[FailureCause::LoggedOut.index()];
            let pass = answered > 0 && out <= limit;
            let mut explanation =
                format!("{out} requests found their user logged out (allowed {limit})");
            let mut text = vec![
                LogText::new("logged_out")
                    .count("count", out)
                    .count("limit", limit),
            ];
            if answered == 0 {
                explanation.clone_from(&none_answered);
                text.clone_from(&none_answered_t);
            } else if !pass {
                explanation += ". Sessions kept in one web server's memory are lost with it or missing on the others; \
                                keep them in a shared session store (or at least use sticky sessions)";
                text.push(LogText::new("logged_out_hint"));
            }
            checks.push(Check {
                name: "max_logged_out",
                measured: out as f64,
                limit: limit as f64,
                pass,
                explanation,
                text,
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
            let mut text = vec![
                LogText::new("stale_files")
                    .count("count", stale)
                    .count("limit", limit),
            ];
            if !pass {
                explanation += ". After a deploy the edges keep serving their cached copies until the TTL runs out; \
                                versioned file names (app.3f9a.js) make new files new URLs, so nothing old is served";
                text.push(LogText::new("stale_files_hint"));
            }
            checks.push(Check {
                name: "max_stale_files",
                measured: stale as f64,
                limit: limit as f64,
                pass,
                explanation,
                text,
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
            let mut text = vec![
                LogText::new("job_delay")
                    .value("p99", done_p99_s, 1)
                    .count("waiting", waiting as u64)
                    .value("oldest", oldest_s, 1)
                    .number("limit", limit),
            ];
            if !pass {
                explanation += ". Jobs arrive faster than the workers finish them, so the backlog grows: the queue \
                                lets the worker pool scale on its own — allow more workers, or let it scale sooner";
                text.push(LogText::new("job_delay_hint"));
            }
            checks.push(Check {
                name: "max_job_delay_s",
                measured: delay,
                limit,
                pass,
                explanation,
                text,
            });
        }
        if let Some(limit) = challenge.max_slo_breach_s {
            // The SLO breached longest, by its number (1-based) in the scenario.
            let (number, breach_s, alerts) = self
                .slos
                .states()
                .iter()
                .enumerate()
                .map(|(i, st)| (i + 1, st.breach_us(self.now) as f64 / 1e6, st.alerts))
                .fold(
                    (0, 0.0_f64, 0),
                    |best, x| if x.1 > best.1 { x } else { best },
                );
            let pass = breach_s <= limit;
            let explanation = if number == 0 {
                format!("no SLO was breached (allowed {limit} s)")
            } else {
                format!(
                    "SLO {number} was breached for {breach_s:.1} s in {alerts} alerts (allowed {limit} s)"
                )
            };
            let text = vec![if number == 0 {
                LogText::new("slo_never_breached").number("limit", limit)
            } else {
                LogText::new("slo_breach")
                    .count("slo", number as u64)
                    .value("seconds", breach_s, 1)
                    .count("alerts", alerts)
                    .number("limit", limit)
            }];
            checks.push(Check {
                name: "max_slo_breach_s",
                measured: breach_s,
                limit,
                pass,
                explanation,
                text,
            });
        }
        let missing: Vec<String> = challenge
            .faults
            .iter()
            .filter(|f| !self.nodes.iter().any(|n| n.id == f.node))
            .map(|f| {
                let action = serde_json::to_value(f.action)
                    .ok()
                    .and_then(|v| v.as_str().map(|a| a.replace('_', " ")))
                    .unwrap_or_default();
                format!(
                    "a {action} of node {} at {:.0} s",
                    f.node,
                    f.at_us as f64 / 1e6
                )
            })
            .collect();
        if !missing.is_empty() {
            checks.push(Check {
                name: "faults_injected",
                measured: (challenge.faults.len() - missing.len()) as f64,
                limit: challenge.faults.len() as f64,
                pass: false,
                explanation: format!(
                    "the challenge injects {} but this design has no such node, so the failure it must survive was \
                     not tested: keep the node the challenge names",
                    missing.join(", ")
                ),
                text: Vec::new(),
            });
        }
        let passed = checks.iter().filter(|c| c.pass).count();
        Verdict {
            engine: crate::engine::ENGINE,
            pass: passed == checks.len(),
            score: if checks.is_empty() {
                1.0
            } else {
                passed as f64 / checks.len() as f64
            },
            goal: challenge.goal.clone(),
            measured_from_s: m.from.as_secs_f64(),
            measured_to_s: self.now.as_secs_f64(),
            checks,
        }
    }
}

impl Simulation {
    /// The node (engine index) and cause that failed the most requests in the measured interval, with the count.
    /// Ties go to the earlier node, then to the cause listed first in [`FailureCause::ALL`].
    fn top_failure(&self) -> Option<(NodeIx, FailureCause, u64)> {
        let rank = |c: FailureCause| FailureCause::ALL.iter().position(|&a| a == c);
        self.measured
            .failed_here
            .iter()
            .enumerate()
            .flat_map(|(i, row)| FailureCause::ALL.map(|c| (NodeIx::of(i), c, row[c.index()])))
            .filter(|&(_, _, n)| n > 0)
            .max_by_key(|&(i, c, n)| (n, std::cmp::Reverse(i), std::cmp::Reverse(rank(c))))
    }

    /// ". Most were '<cause>' at <node> (<n>): <why>" for the failures of the measured interval, or the dominant
    /// cause alone when no node is known; with the same as clauses ([`Check::text`]).
    fn why_requests_failed(&self) -> (String, Vec<LogText>) {
        let m = &self.measured;
        if let Some((node, cause, n)) = self.top_failure() {
            let (why, why_text) = self.why_node_failed(node, cause);
            return (
                format!(
                    ". Most were '{}' at {} ({n}): {why}",
                    cause.title(),
                    self.nodes[node].label,
                ),
                vec![
                    LogText::new("most_at")
                        .name("cause", cause.id())
                        .name("node", self.nodes[node].label.clone())
                        .count("count", n),
                    why_text,
                ],
            );
        }
        FailureCause::ALL
            .into_iter()
            .max_by_key(|c| m.failed_by_cause[c.index()])
            .filter(|c| m.failed_by_cause[c.index()] > 0)
            .map_or_else(
                || (String::new(), Vec::new()),
                |cause| {
                    let count = m.failed_by_cause[cause.index()];
                    (
                        format!(
                            ". Most were '{}' ({count}): {}",
                            cause.title(),
                            cause.explanation()
                        ),
                        vec![
                            LogText::new("most")
                                .name("cause", cause.id())
                                .count("count", count),
                            LogText::new("why_cause").name("cause", cause.id()),
                        ],
                    )
                },
            )
    }

    /// Why node `node` failed requests with `cause`, from how the run reaches it (and as a `why_` clause).
    fn why_node_failed(&self, node: NodeIx, cause: FailureCause) -> (String, LogText) {
        let n = &self.nodes[node];
        let label = &n.label;
        match cause {
            FailureCause::NodeDown => self.why_node_down(node),
            FailureCause::QueueFull => match &n.role {
                Role::Web(w) if w.group.scales() => {
                    let warm_s = w.group.scaler.warm_up.as_ms_f64() / 1e3;
                    let cooldown_s = w.group.scaler.cooldown.as_ms_f64() / 1e3;
                    (
                        format!(
                            "more requests arrived than its running instances could serve and its queue could hold. It \
                             scales out, but a new instance takes {warm_s:.0} s to warm up and the group waits {cooldown_s:.0} s between \
                             steps: keep spare instances (a higher minimum) where a sudden load can arrive",
                        ),
                        LogText::new("why_queue_full_scaling")
                            .value("warm_up", warm_s, 0)
                            .value("cooldown", cooldown_s, 0),
                    )
                }
                Role::Queue(_) => (
                    "the message queue was full: the workers do not keep up with the jobs".into(),
                    LogText::new("why_queue_full_mq"),
                ),
                _ => (
                    format!(
                        "more requests arrived than its workers could serve and its queue could hold: give {label} \
                         more capacity (a larger size, more workers or more servers) or send it less"
                    ),
                    LogText::new("why_queue_full").name("node", label.clone()),
                ),
            },
            FailureCause::NoHealthyBackend => (
                format!(
                    "{label} had marked every server behind it unhealthy, so it had nowhere to send them"
                ),
                LogText::new("why_no_healthy_backend").name("node", label.clone()),
            ),
            FailureCause::Timeout => (
                format!(
                    "requests waited at {label} longer than its timeout: it, or the tier behind it, is overloaded"
                ),
                LogText::new("why_timeout").name("node", label.clone()),
            ),
            FailureCause::ConnectionLimit => (
                format!(
                    "{label} already held as many requests as its connection limit allows: raise its \
                     max_connections, give it more capacity, or send it less"
                ),
                LogText::new("why_connection_limit").name("node", label.clone()),
            ),
            FailureCause::Partition => (
                format!(
                    "requests between {label}'s data center and another crossed a network partition: keep what a \
                     data center needs (its database copy, its servers) inside it, or fail users over to one side"
                ),
                LogText::new("why_partition").name("node", label.clone()),
            ),
            FailureCause::LoggedOut => (
                cause.explanation().to_owned(),
                LogText::new("why_cause").name("cause", cause.id()),
            ),
        }
    }

    /// Why requests failed as "node down" at node `node`: who kept sending them there, or that nothing could take
    /// its place. The clause's `region` is the data center it went down with, or `none`.
    fn why_node_down(&self, node: NodeIx) -> (String, LogText) {
        let n = &self.nodes[node];
        let label = &n.label;
        let region = n.region;
        let region_down = self.regions_down.contains(&region);
        let with_region = if region_down {
            format!("{label} went down with data center {}", region.title())
        } else {
            format!("{label} was down")
        };
        let clause = |id: &'static str| {
            LogText::new(id)
                .name("node", label.clone())
                .name("region", if region_down { region.title() } else { "none" })
        };
        let dns = self.nodes.iter().find_map(|d| match &d.role {
            Role::Dns(dns) if dns.targets.iter().any(|t| t.node == node) => Some((d, dns)),
            _ => None,
        });
        if let Some((d, dns)) = dns {
            return if dns.is_geo() {
                let interval_s = dns.check_interval.as_ms_f64() / 1e3;
                let ttl_s = dns.ttl.as_ms_f64() / 1e3;
                (
                    format!(
                        "{with_region}, and users' cached DNS answers still sent them there. {} stops answering with \
                         it only after {UNHEALTHY_AFTER} failed health checks ({interval_s:.0} s apart), and users keep an answer \
                         for its TTL ({ttl_s:.0} s): check more often and shorten the TTL to move them sooner",
                        d.label,
                    ),
                    clause("why_down_geo_dns")
                        .name("dns", d.label.clone())
                        .count("checks", u64::from(UNHEALTHY_AFTER))
                        .value("interval", interval_s, 0)
                        .value("ttl", ttl_s, 0),
                )
            } else {
                (
                    format!(
                        "{with_region}, and {} kept answering with its address: a plain DNS does not check its \
                         targets, so users are sent there until it is back",
                        d.label
                    ),
                    clause("why_down_plain_dns").name("dns", d.label.clone()),
                )
            };
        }
        let lb = self.nodes.iter().find_map(|l| match &l.role {
            Role::Lb(lb) if lb.balancer.backends.iter().any(|b| b.node == node) => Some((l, lb)),
            _ => None,
        });
        if let Some((l, lb)) = lb {
            return (
                format!(
                    "{with_region}, and {} kept sending it requests until its health check noticed (a check every \
                     {:.0} ms, and several must fail in a row): check more often, or after fewer failures, to notice \
                     sooner",
                    l.label,
                    lb.interval.as_ms_f64()
                ),
                clause("why_down_lb").name("lb", l.label.clone()).value(
                    "interval",
                    lb.interval.as_ms_f64(),
                    0,
                ),
            );
        }
        if let Role::Db(db) = &n.role
            && db.set.is_some()
        {
            return (
                format!(
                    "{with_region}: the writes sent to it failed until the failover timeout passed and a replica was \
                     promoted"
                ),
                clause("why_down_db"),
            );
        }
        if region_down {
            (
                format!(
                    "{with_region}, and nothing outside {} can do its work: every request that needs it fails until \
                     the data center is back. A data center that must survive the other's loss needs its own {}",
                    region.title(),
                    n.kind.title().to_lowercase()
                ),
                clause("why_down_region_spof").name("kind", n.kind.id()),
            )
        } else {
            (
                format!(
                    "{with_region}, and nothing else can do its work: every request that needs it fails until it is \
                     back (a single point of failure for those requests)"
                ),
                clause("why_down_spof"),
            )
        }
    }
}
