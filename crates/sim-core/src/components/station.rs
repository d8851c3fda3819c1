//! A service station: `c` workers in front of one FIFO queue of bounded capacity (the queueing-theory
//! M/G/c/K station). Used by web servers and databases. Tracks the time integrals of busy workers and queue length,
//! so utilization and mean queue length are exact over any interval.

use crate::id::ReqIx;
use crate::time::SimTime;
use std::collections::VecDeque;

/// What happens to an arriving request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// A worker was free: service starts now.
    Start,
    /// All workers busy: the request waits in the queue.
    Queued,
    /// All workers busy and the queue full: the request is refused.
    Refused,
}

/// Workers + queue.
#[derive(Clone, Debug)]
pub struct Station {
    workers: u32,
    capacity: u32,
    busy: u32,
    queue: VecDeque<ReqIx>,
    last: SimTime,
    busy_area_us: u64,
    queue_area_us: u64,
}

impl Station {
    /// A station with `workers` workers (≥ 1) and room for `capacity` waiting requests.
    #[must_use]
    pub fn new(workers: u32, capacity: u32) -> Self {
        Station {
            workers: workers.max(1),
            capacity,
            busy: 0,
            queue: VecDeque::new(),
            last: SimTime::ZERO,
            busy_area_us: 0,
            queue_area_us: 0,
        }
    }

    fn advance(&mut self, now: SimTime) {
        let dt = now.since(self.last).as_us();
        self.busy_area_us += u64::from(self.busy) * dt;
        self.queue_area_us += self.queue.len() as u64 * dt;
        self.last = now;
    }

    /// A request arrives at `now`.
    pub fn admit(&mut self, now: SimTime, req: ReqIx) -> Admission {
        self.advance(now);
        if self.busy < self.workers {
            self.busy += 1;
            Admission::Start
        } else if self.queue.len() < self.capacity as usize {
            self.queue.push_back(req);
            Admission::Queued
        } else {
            Admission::Refused
        }
    }

    /// A worker finished at `now`. Returns the next waiting request, which the same worker starts on (the caller
    /// may refuse it, e.g. on timeout, by calling `release` again); `None` frees the worker. After the station
    /// shrank, a finishing worker beyond the new count retires instead of taking the next request.
    pub fn release(&mut self, now: SimTime) -> Option<ReqIx> {
        self.advance(now);
        if self.busy > self.workers {
            self.busy -= 1;
            return None;
        }
        let next = self.queue.pop_front();
        if next.is_none() {
            debug_assert!(self.busy > 0, "release without a busy worker");
            self.busy = self.busy.saturating_sub(1);
        }
        next
    }

    /// The node died at `now`: every worker stops and the waiting requests are returned (to be failed).
    pub fn reset(&mut self, now: SimTime) -> Vec<ReqIx> {
        self.advance(now);
        self.busy = 0;
        self.queue.drain(..).collect()
    }

    /// Changes the number of workers at `now` (instances added or removed). Returns the waiting requests that can
    /// start on the new workers; the caller schedules their service.
    pub fn set_workers(&mut self, now: SimTime, workers: u32) -> Vec<ReqIx> {
        self.advance(now);
        self.workers = workers.max(1);
        let mut started = Vec::new();
        while self.busy < self.workers
            && let Some(h) = self.queue.pop_front()
        {
            self.busy += 1;
            started.push(h);
        }
        started
    }

    /// Test only: overwrite the busy count and the waiting requests, to show the invariant checker catching a
    /// station in a state its methods never produce.
    #[cfg(test)]
    pub(crate) fn corrupt(&mut self, busy: u32, waiting: &[ReqIx]) {
        self.busy = busy;
        self.queue = waiting.iter().copied().collect();
    }

    /// Workers busy now.
    #[must_use]
    pub fn busy(&self) -> u32 {
        self.busy
    }

    /// Workers.
    #[must_use]
    pub fn workers(&self) -> u32 {
        self.workers
    }

    /// Queue capacity.
    #[must_use]
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Requests waiting now.
    #[must_use]
    #[allow(clippy::cast_possible_truncation)] // bounded by capacity: u32
    pub fn queue_len(&self) -> u32 {
        self.queue.len() as u32
    }

    /// Requests waiting, in order.
    pub fn queued(&self) -> impl Iterator<Item = ReqIx> + '_ {
        self.queue.iter().copied()
    }

    /// ∫ busy workers dt from 0 to `now`, worker·µs.
    #[must_use]
    pub fn busy_area_us(&self, now: SimTime) -> u64 {
        self.busy_area_us + u64::from(self.busy) * now.since(self.last).as_us()
    }

    /// ∫ queue length dt from 0 to `now`, request·µs.
    #[must_use]
    pub fn queue_area_us(&self, now: SimTime) -> u64 {
        self.queue_area_us + self.queue.len() as u64 * now.since(self.last).as_us()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_then_queue_then_refusal() {
        let mut s = Station::new(2, 1);
        let t = SimTime(0);
        assert_eq!(s.admit(t, ReqIx(1)), Admission::Start);
        assert_eq!(s.admit(t, ReqIx(2)), Admission::Start);
        assert_eq!(s.admit(t, ReqIx(3)), Admission::Queued);
        assert_eq!(s.admit(t, ReqIx(4)), Admission::Refused);
        assert_eq!(
            s.release(SimTime(10)),
            Some(ReqIx(3)),
            "the freed worker takes the oldest waiting request"
        );
        assert_eq!(s.busy(), 2);
        assert_eq!(s.release(SimTime(20)), None);
        assert_eq!(s.busy(), 1);
    }

    #[test]
    fn utilization_and_queue_integrals_are_exact() {
        let mut s = Station::new(2, 10);
        s.admit(SimTime(0), ReqIx(1)); // busy 1 over [0,100)
        s.admit(SimTime(100), ReqIx(2)); // busy 2 over [100,200)
        s.admit(SimTime(200), ReqIx(3)); // queue 1 over [200,300)
        s.release(SimTime(300)); // 3 starts; busy 2 over [200,400)
        s.release(SimTime(400)); // busy 1 over [400, 500)
        assert_eq!(s.busy_area_us(SimTime(500)), 100 + 200 + 2 * 200 + 100);
        assert_eq!(s.queue_area_us(SimTime(500)), 100);
    }

    #[test]
    fn reset_frees_workers_and_hands_back_the_queue() {
        let mut s = Station::new(1, 5);
        s.admit(SimTime(0), ReqIx(1));
        s.admit(SimTime(0), ReqIx(2));
        s.admit(SimTime(0), ReqIx(3));
        assert_eq!(s.reset(SimTime(5)), vec![ReqIx(2), ReqIx(3)]);
        assert_eq!((s.busy(), s.queue_len()), (0, 0));
    }
}
