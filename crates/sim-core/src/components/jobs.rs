//! Message-queue and worker-pool kernels: background jobs published by web servers, taken in order by the workers
//! of the pools consuming the queue. A job a worker was processing when its pool died goes back to the front of the
//! queue (at-least-once delivery); a queue that is not durable loses its messages when it dies. Jobs are not
//! requests: nobody waits for them, so they are queue entries with their publish time.

use crate::id::NodeIx;
use crate::metrics::Histogram;
use crate::time::SimTime;
use std::collections::VecDeque;

/// A published job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Job {
    /// When it was published.
    pub published: SimTime,
    /// The client whose request created it (its job time).
    pub client: NodeIx,
}

/// A message queue's state.
#[derive(Clone, Debug)]
pub struct MessageQueue {
    /// Most messages it holds.
    pub capacity: u32,
    /// Whether its messages survive its death.
    pub durable: bool,
    /// Jobs waiting, oldest first.
    pub messages: VecDeque<Job>,
    /// Worker pools taking jobs from it, in edge order.
    pub consumers: Vec<NodeIx>,
    /// Jobs accepted since the start.
    pub published: u64,
    /// Jobs finished.
    pub done: u64,
    /// Jobs lost with the queue.
    pub lost: u64,
    /// The longest backlog.
    pub depth_max: u64,
    /// Publish-to-finish times of finished jobs, µs.
    pub job_latency: Histogram,
    /// Jobs workers took (a redelivered job counts again) and their summed waits since publishing, µs.
    pub taken: u64,
    /// See `taken`.
    pub wait_sum_us: u64,
    /// ∫ backlog dt up to `accounted_at`, message·µs.
    pub depth_area: u128,
    /// When `depth_area` was last brought up to date.
    pub accounted_at: SimTime,
    /// The last time the backlog stood at `depth_max`.
    pub depth_max_at: SimTime,
    /// Time from `depth_max_at` until the queue was next empty, µs (`None` while that backlog still drains).
    pub depth_max_drain_us: Option<u64>,
}

impl MessageQueue {
    /// An empty queue of `capacity` messages feeding `consumers`.
    #[must_use]
    pub fn new(capacity: u32, durable: bool, consumers: Vec<NodeIx>) -> Self {
        MessageQueue {
            capacity,
            durable,
            messages: VecDeque::new(),
            consumers,
            published: 0,
            done: 0,
            lost: 0,
            depth_max: 0,
            job_latency: Histogram::default(),
            taken: 0,
            wait_sum_us: 0,
            depth_area: 0,
            accounted_at: SimTime::ZERO,
            depth_max_at: SimTime::ZERO,
            depth_max_drain_us: Some(0),
        }
    }

    /// ∫ backlog dt from the start to `now`, message·µs.
    #[must_use]
    pub fn depth_area_at(&self, now: SimTime) -> u128 {
        self.depth_area
            + self.messages.len() as u128 * u128::from(now.since(self.accounted_at).as_us())
    }

    /// Brings the backlog's area up to `now`; called before the backlog changes.
    fn account(&mut self, now: SimTime) {
        self.depth_area = self.depth_area_at(now);
        self.accounted_at = now;
    }

    /// After the backlog changed at `now`: a new (or equal) longest backlog restarts the drain clock, an empty
    /// queue stops it.
    fn changed(&mut self, now: SimTime) {
        let depth = self.messages.len() as u64;
        if depth > 0 && depth >= self.depth_max {
            self.depth_max = depth;
            self.depth_max_at = now;
            self.depth_max_drain_us = None;
        } else if depth == 0 && self.depth_max_drain_us.is_none() {
            self.depth_max_drain_us = Some(now.since(self.depth_max_at).as_us());
        }
    }

    /// Publishes `job` (at `job.published`); `false` (refused) when the queue is full.
    pub fn publish(&mut self, job: Job) -> bool {
        if self.messages.len() >= self.capacity as usize {
            return false;
        }
        self.account(job.published);
        self.messages.push_back(job);
        self.published += 1;
        self.changed(job.published);
        true
    }

    /// A worker takes the oldest job at `now`, if any.
    pub fn take(&mut self, now: SimTime) -> Option<Job> {
        self.account(now);
        let job = self.messages.pop_front()?;
        self.taken += 1;
        self.wait_sum_us += now.since(job.published).as_us();
        self.changed(now);
        Some(job)
    }

    /// A worker finished `job` at `now`.
    pub fn finished(&mut self, job: Job, now: SimTime) {
        self.done += 1;
        self.job_latency.record(now.since(job.published).as_us());
    }

    /// Jobs a dead pool was processing go back to the front at `now`, in their order.
    pub fn redeliver(&mut self, jobs: Vec<Job>, now: SimTime) {
        self.account(now);
        for job in jobs.into_iter().rev() {
            self.messages.push_front(job);
        }
        self.changed(now);
    }

    /// The queue died at `now`: a queue that is not durable loses its messages. Returns how many were lost.
    pub fn die(&mut self, now: SimTime) -> u64 {
        if self.durable {
            return 0;
        }
        self.account(now);
        let n = self.messages.len() as u64;
        self.lost += n;
        self.messages.clear();
        self.changed(now);
        n
    }
}

/// A worker pool's jobs in progress.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    /// The queue it consumes.
    pub queue: Option<NodeIx>,
    /// Workers processing a job.
    pub busy: u32,
    /// Jobs in progress by slot (a slot is free when `None`).
    pub in_progress: Vec<Option<Job>>,
    /// Jobs finished.
    pub jobs_done: u64,
    /// ∫ busy workers dt up to `accounted_at`, worker·µs.
    pub busy_area: u128,
    /// ∫ workers taking jobs dt up to `accounted_at`, worker·µs (the denominator of utilization).
    pub running_area: u128,
    /// When the areas were last brought up to date.
    pub accounted_at: SimTime,
}

impl Pool {
    /// The (busy, running) worker·µs areas from the start to `now`, `running` workers taking jobs since the last
    /// update.
    #[must_use]
    pub fn areas_at(&self, now: SimTime, running: u32) -> (u128, u128) {
        let dt = u128::from(now.since(self.accounted_at).as_us());
        (
            self.busy_area + u128::from(self.busy) * dt,
            self.running_area + u128::from(running) * dt,
        )
    }

    /// Brings the areas up to `now`; called before `busy` or the running workers change.
    pub fn account(&mut self, now: SimTime, running: u32) {
        (self.busy_area, self.running_area) = self.areas_at(now, running);
        self.accounted_at = now;
    }

    /// A worker takes `job`: the slot it is kept in until done.
    pub fn start(&mut self, job: Job) -> u32 {
        self.busy += 1;
        let slot = match self.in_progress.iter().position(Option::is_none) {
            Some(s) => {
                self.in_progress[s] = Some(job);
                s
            }
            None => {
                self.in_progress.push(Some(job));
                self.in_progress.len() - 1
            }
        };
        u32::try_from(slot).expect("jobs in progress fit u32")
    }

    /// The job in `slot` is done.
    ///
    /// # Panics
    /// If the slot holds no job (the engine checks the pool's epoch first).
    pub fn finish(&mut self, slot: u32) -> Job {
        let job = self.in_progress[slot as usize]
            .take()
            .expect("a job in progress has a slot");
        self.busy -= 1;
        self.jobs_done += 1;
        job
    }

    /// The pool died: its jobs in progress, oldest slot first, to go back to the queue.
    pub fn die(&mut self) -> Vec<Job> {
        self.busy = 0;
        self.in_progress.drain(..).flatten().collect()
    }

    /// Jobs in progress now.
    #[must_use]
    pub fn in_progress(&self) -> u64 {
        self.in_progress.iter().flatten().count() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(at: u64) -> Job {
        Job {
            published: SimTime(at),
            client: NodeIx(0),
        }
    }

    #[test]
    fn a_full_queue_refuses_and_a_finished_job_counts_its_latency() {
        let mut q = MessageQueue::new(2, true, vec![NodeIx(3)]);
        assert!(q.publish(job(0)) && q.publish(job(1)));
        assert!(!q.publish(job(2)), "full");
        assert_eq!((q.published, q.depth_max), (2, 2));
        let first = q.messages.pop_front().expect("a job");
        q.finished(first, SimTime(500));
        assert_eq!(q.done, 1);
        assert_eq!(q.job_latency.mean_us(), 500.0);
    }

    #[test]
    fn a_dead_pool_redelivers_and_a_dead_volatile_queue_loses() {
        let mut q = MessageQueue::new(10, false, vec![NodeIx(3)]);
        let mut p = Pool::default();
        q.publish(job(0));
        q.publish(job(1));
        q.publish(job(2));
        let a = p.start(q.messages.pop_front().expect("job 0"));
        let _ = p.start(q.messages.pop_front().expect("job 1"));
        assert_eq!(p.finish(a), job(0));
        assert_eq!(p.start(job(9)), a, "a free slot is reused");
        q.redeliver(p.die(), SimTime(4));
        assert_eq!(p.busy, 0);
        assert_eq!(
            q.messages.iter().map(|j| j.published.0).collect::<Vec<_>>(),
            [9, 1, 2],
            "in slot order at the front"
        );
        assert_eq!(q.die(SimTime(5)), 3);
        assert_eq!(q.lost, 3);
    }
}
