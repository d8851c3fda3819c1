//! Background jobs: web servers publish them to a message queue and answer at once; worker pools take them in
//! order, process them and acknowledge them. A job a worker was processing when its pool died goes back to the
//! front of the queue (at-least-once delivery); a queue that is not durable loses its messages when it dies. A
//! pool can autoscale on its backlog: every few seconds it aims for `target_backlog_per_worker` waiting jobs per
//! worker, between its minimum and maximum, and new workers take jobs only after their warm-up.

use super::queue::Ev;
use super::{Role, Simulation};
use crate::id::NodeIx;
use crate::metrics::{Histogram, LogEntry, LogKind};
use crate::time::{SimDuration, SimTime};
use std::collections::VecDeque;

/// How often an autoscaled pool reconsiders its size.
pub(crate) const SCALE_INTERVAL: SimDuration = SimDuration::from_secs(5);

/// A published job.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Job {
    pub published: SimTime,
    /// Engine index of the client whose request created it (its job time).
    pub client: NodeIx,
}

/// A message queue's state.
#[derive(Clone, Debug)]
pub(crate) struct MQueue {
    pub capacity: u32,
    pub durable: bool,
    pub messages: VecDeque<Job>,
    /// Worker pools taking jobs from it, in edge order.
    pub consumers: Vec<NodeIx>,
    pub published: u64,
    pub done: u64,
    pub lost: u64,
    pub depth_max: u64,
    pub job_latency: Histogram,
}

/// A worker pool's state.
#[derive(Clone, Debug)]
pub(crate) struct Pool {
    pub queue: Option<NodeIx>,
    pub min: u32,
    pub max: u32,
    pub target_backlog: u32,
    pub warm_up: SimDuration,
    pub active: u32,
    pub warming: u32,
    pub busy: u32,
    pub in_progress: Vec<Option<Job>>,
    pub jobs_done: u64,
}

impl Simulation {
    /// Exact mean time from publishing a job to a worker finishing it at queue `queue`, ms (`None` if `queue` is
    /// not a message queue or no job finished).
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn job_latency_mean_ms(&self, queue: crate::id::NodeId) -> Option<f64> {
        let n = self.nodes.iter().find(|n| n.id == queue)?;
        match &n.role {
            Role::Queue(q) if q.job_latency.count() > 0 => Some(q.job_latency.mean_us() / 1_000.0),
            _ => None,
        }
    }

    /// Mean job time of client `client`, µs.
    pub(super) fn job_mean_us(&self, client: NodeIx) -> f64 {
        match &self.nodes[client].role {
            Role::Client(c, _) => c.job_mean_us,
            _ => 0.0,
        }
    }

    /// Hands waiting jobs of queue `q` to idle workers of its pools.
    pub(super) fn dispatch_jobs(&mut self, q: NodeIx) {
        let now = self.now;
        if !self.nodes[q].alive {
            return;
        }
        let mut c = 0;
        loop {
            let Role::Queue(mq) = &self.nodes[q].role else {
                return;
            };
            let Some(&pool) = mq.consumers.get(c) else {
                return;
            };
            c += 1;
            loop {
                let p = &self.nodes[pool];
                let Role::Workers(w) = &p.role else { break };
                if !p.alive || w.busy >= w.active {
                    break;
                }
                let Role::Queue(mq) = &mut self.nodes[q].role else {
                    return;
                };
                let Some(job) = mq.messages.pop_front() else {
                    return;
                };
                let mean = self.job_mean_us(job.client);
                let p = &mut self.nodes[pool];
                let epoch = p.epoch;
                let took = SimDuration(p.service_rng.exponential_us(mean).max(1));
                let Role::Workers(w) = &mut p.role else {
                    unreachable!("checked above")
                };
                w.busy += 1;
                self.traffic
                    .arrive(q, pool, crate::metrics::RequestKind::Job);
                let slot = match w.in_progress.iter().position(Option::is_none) {
                    Some(s) => {
                        w.in_progress[s] = Some(job);
                        s
                    }
                    None => {
                        w.in_progress.push(Some(job));
                        w.in_progress.len() - 1
                    }
                };
                let slot = u32::try_from(slot).expect("jobs in progress fit u32");
                self.schedule(
                    now + took,
                    Ev::JobDone {
                        node: pool,
                        epoch,
                        slot,
                    },
                );
            }
        }
    }

    /// A web server publishes job request `h` to queue `node` (which is running).
    pub(super) fn publish(&mut self, node: NodeIx, client: NodeIx) -> bool {
        let now = self.now;
        let Role::Queue(mq) = &mut self.nodes[node].role else {
            return false;
        };
        if mq.messages.len() >= mq.capacity as usize {
            return false;
        }
        mq.messages.push_back(Job {
            published: now,
            client,
        });
        mq.published += 1;
        mq.depth_max = mq.depth_max.max(mq.messages.len() as u64);
        true
    }

    pub(super) fn on_job_done(&mut self, pool: NodeIx, epoch: u32, slot: u32) {
        let now = self.now;
        let p = &mut self.nodes[pool];
        if p.epoch != epoch {
            return; // the pool died; the job went back to the queue then
        }
        let Role::Workers(w) = &mut p.role else {
            unreachable!("jobs run in pools")
        };
        let job = w.in_progress[slot as usize]
            .take()
            .expect("a job in progress has a slot");
        w.busy -= 1;
        w.jobs_done += 1;
        let queue = w.queue;
        if let Some(q) = queue {
            if let Role::Queue(mq) = &mut self.nodes[q].role {
                mq.done += 1;
                mq.job_latency.record(now.since(job.published).as_us());
            }
            self.dispatch_jobs(q);
        }
    }

    /// Queue or pool `node` died: a pool's jobs in progress go back to the queue; a non-durable queue loses its
    /// messages. Returns a sentence for the log, if there is something to say.
    pub(super) fn on_jobs_node_killed(&mut self, node: NodeIx) -> Option<String> {
        match &mut self.nodes[node].role {
            Role::Workers(w) => {
                let back: Vec<Job> = w.in_progress.drain(..).flatten().collect();
                w.busy = 0;
                let q = w.queue?;
                let n = back.len();
                if let Role::Queue(mq) = &mut self.nodes[q].role {
                    for job in back.into_iter().rev() {
                        mq.messages.push_front(job);
                    }
                }
                (n > 0).then(|| format!("{n} jobs in progress go back to the queue"))
            }
            Role::Queue(mq) if !mq.durable => {
                let n = mq.messages.len() as u64;
                mq.lost += n;
                mq.messages.clear();
                (n > 0).then(|| format!("{n} messages were lost (the queue is not durable)"))
            }
            _ => None,
        }
    }

    /// Queue or pool `node` came back: jobs flow again.
    pub(super) fn on_jobs_node_restored(&mut self, node: NodeIx) {
        let q = match &self.nodes[node].role {
            Role::Workers(w) => w.queue,
            Role::Queue(_) => Some(node),
            _ => None,
        };
        if let Some(q) = q {
            self.dispatch_jobs(q);
        }
    }

    pub(super) fn on_scale_tick(&mut self, pool: NodeIx) {
        if matches!(self.nodes[pool].role, Role::Web(_)) {
            return self.on_group_tick(pool);
        }
        let now = self.now;
        self.schedule(now + SCALE_INTERVAL, Ev::ScaleTick { node: pool });
        let p = &self.nodes[pool];
        let Role::Workers(w) = &p.role else { return };
        let depth = w.queue.map_or(0, |q| match &self.nodes[q].role {
            Role::Queue(mq) => mq.messages.len() as u64,
            _ => 0,
        });
        if !p.alive {
            return;
        }
        let wanted = depth.div_ceil(u64::from(w.target_backlog.max(1)));
        let desired = u32::try_from(wanted)
            .unwrap_or(u32::MAX)
            .clamp(w.min, w.max.max(w.min));
        let (label, id) = (p.label.clone(), p.id);
        let Role::Workers(w) = &mut self.nodes[pool].role else {
            unreachable!()
        };
        let message = if desired > w.active + w.warming {
            let more = desired - w.active - w.warming;
            w.warming += more;
            let ready = now + w.warm_up;
            let message = format!(
                "{label}: backlog {depth} jobs, starting {more} more workers (ready in {:.0} s)",
                w.warm_up.as_ms_f64() / 1e3
            );
            self.schedule(
                ready,
                Ev::WorkersReady {
                    node: pool,
                    count: more,
                },
            );
            message
        } else if desired < w.active && w.warming == 0 {
            let fewer = w.active - desired;
            w.active = desired;
            format!("{label}: backlog {depth} jobs, stopping {fewer} workers ({desired} left)")
        } else {
            return;
        };
        self.log.push(LogEntry {
            at: now,
            node: id,
            kind: LogKind::Scaled,
            message,
        });
    }

    pub(super) fn on_workers_ready(&mut self, pool: NodeIx, count: u32) {
        if matches!(self.nodes[pool].role, Role::Web(_)) {
            return self.on_instances_ready(pool, count);
        }
        let Role::Workers(w) = &mut self.nodes[pool].role else {
            return;
        };
        w.warming = w.warming.saturating_sub(count);
        w.active += count;
        if let Some(q) = w.queue {
            self.dispatch_jobs(q);
        }
    }
}
