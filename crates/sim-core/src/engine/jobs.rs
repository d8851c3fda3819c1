//! Background jobs at run time: web servers publish them to a message queue and answer at once; worker pools take
//! them in order, process them and acknowledge them (kernels in `components::jobs`). A pool can autoscale on its
//! backlog (`engine::autoscale`); new workers take jobs only after their warm-up.

use super::queue::Ev;
use super::{Role, Simulation};
use crate::components::{Autoscaler, Job, Pool};
use crate::id::{NodeIx, ReqIx};
use crate::metrics::{FailureCause, LogText, RequestKind};
use crate::time::SimDuration;

/// A worker pool: its jobs in progress and the autoscaler that sets how many workers take jobs.
#[derive(Clone, Debug)]
pub(crate) struct Workers {
    pub pool: Pool,
    /// `running` workers take jobs.
    pub scaler: Autoscaler,
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
                if !p.alive || w.pool.busy >= w.scaler.running {
                    break;
                }
                let Role::Queue(mq) = &mut self.nodes[q].role else {
                    return;
                };
                let Some(job) = mq.take(now) else {
                    return;
                };
                let mean = self.job_mean_us(job.client);
                let p = &mut self.nodes[pool];
                let epoch = p.epoch;
                let took = SimDuration(p.service_rng.exponential_us(mean).max(1));
                let Role::Workers(w) = &mut p.role else {
                    unreachable!("checked above")
                };
                w.pool.account(now, w.scaler.running);
                let slot = w.pool.start(job);
                self.traffic.arrive(q, pool, RequestKind::Job);
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

    /// A web server publishes a job of `client`'s to queue `node` (which is running); `false` when it is full.
    pub(super) fn publish(&mut self, node: NodeIx, client: NodeIx) -> bool {
        let now = self.now;
        let Role::Queue(mq) = &mut self.nodes[node].role else {
            return false;
        };
        mq.publish(Job {
            published: now,
            client,
        })
    }

    /// A request carrying a job reaches message queue `node`: published (the request is answered at once) unless
    /// the queue is down or full.
    pub(super) fn on_publish(&mut self, h: ReqIx, node: NodeIx) {
        let now = self.now;
        if !self.nodes[node].alive {
            return self.fail_at(h, node, FailureCause::NodeDown, now);
        }
        let client = self.requests[h].client;
        if self.publish(node, client) {
            self.succeed_at(h, node, now);
            self.dispatch_jobs(node);
        } else {
            self.fail_at(h, node, FailureCause::QueueFull, now);
        }
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
        w.pool.account(now, w.scaler.running);
        let job = w.pool.finish(slot);
        if let Some(q) = w.pool.queue {
            if let Role::Queue(mq) = &mut self.nodes[q].role {
                mq.finished(job, now);
            }
            self.dispatch_jobs(q);
        }
    }

    /// Queue or pool `node` died: a pool's jobs in progress go back to the queue; a non-durable queue loses its
    /// messages. Returns a clause for the log (English and as data), if there is something to say.
    pub(super) fn on_jobs_node_killed(&mut self, node: NodeIx) -> Option<(String, LogText)> {
        let now = self.now;
        match &mut self.nodes[node].role {
            Role::Workers(w) => {
                w.pool.account(now, w.scaler.running);
                let back = w.pool.die();
                let q = w.pool.queue?;
                let n = back.len();
                if let Role::Queue(mq) = &mut self.nodes[q].role {
                    mq.redeliver(back, now);
                }
                (n > 0).then(|| {
                    (
                        format!("{n} jobs in progress go back to the queue"),
                        LogText::new("jobs_requeued").count("count", n as u64),
                    )
                })
            }
            Role::Queue(mq) => {
                let n = mq.die(now);
                (n > 0).then(|| {
                    (
                        format!("{n} messages were lost (the queue is not durable)"),
                        LogText::new("messages_lost").count("count", n),
                    )
                })
            }
            _ => None,
        }
    }

    /// Queue or pool `node` came back: jobs flow again.
    pub(super) fn on_jobs_node_restored(&mut self, node: NodeIx) {
        let q = match &self.nodes[node].role {
            Role::Workers(w) => w.pool.queue,
            Role::Queue(_) => Some(node),
            _ => None,
        };
        if let Some(q) = q {
            self.dispatch_jobs(q);
        }
    }
}
