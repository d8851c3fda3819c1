//! A service station: `c` workers in front of one FIFO queue of bounded capacity (the queueing-theory M/G/c/K
//! station). Used by web servers, databases, caches and session stores.
//!
//! FIFO with a known service time needs no event to start a request: when a request is admitted, the worker that
//! frees first (a `c`-entry min-heap of the workers' free times) takes it at `start = max(arrival, earliest free)`
//! and finishes at `start + service`. The engine schedules only the finish. Requests must be admitted in arrival
//! order (the engine admits at arrival, or ahead of it when every way into the station takes the same time);
//! then the starts are in admission order too, and a request waits only while every worker is busy.
//!
//! Counts at an instant (busy workers, requests waiting) and their time integrals (for utilization and mean queue
//! length) are computed from the admitted requests' arrival, start and finish times, so they are exact at any
//! time, whatever events have been processed at that µs.

use crate::id::ReqIx;
use crate::time::{SimDuration, SimTime};

/// What happens to an arriving request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Every worker busy and the queue full: refused.
    Refused,
    /// It would start at `at`, past its timeout: it leaves the queue then, failed, and no worker serves it.
    Expires {
        /// When it reaches the head of the queue.
        at: SimTime,
    },
    /// Served from `start` (its arrival, or when a worker frees) to `finish`.
    Serves {
        /// When a worker takes it.
        start: SimTime,
        /// When the worker is done.
        finish: SimTime,
    },
}

/// One admitted request (32 bytes: the station moves them in and out of its queue).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Job {
    arrival: SimTime,
    start: SimTime,
    /// Equal to `start` for a request that expires in the queue.
    finish: SimTime,
    req: ReqIx,
    /// Whether a worker serves it (`finish − start` is its service, kept when a replan moves it); else it expires.
    serves: bool,
}

impl Job {
    fn serves(&self) -> bool {
        self.serves
    }

    /// The service drawn for it, if it is served.
    fn service(&self) -> Option<SimDuration> {
        self.serves.then(|| self.finish.since(self.start))
    }
}

/// Bytes a station keeps per admitted request (its record in a queue that grows by doubling: count it twice).
pub const JOB_BYTES: u64 = std::mem::size_of::<Job>() as u64;
/// Bytes a station keeps per worker (its free time).
pub const WORKER_BYTES: u64 = std::mem::size_of::<SimTime>() as u64;

/// Admitted requests in arrival order: a vector read from `head` (requests before it are forgotten), compacted
/// when the forgotten half is large — a queue whose live part is one slice, for binary searches and plain indexing.
#[derive(Clone, Debug, Default)]
struct Jobs {
    v: Vec<Job>,
    head: usize,
}

impl Jobs {
    fn live(&self) -> &[Job] {
        &self.v[self.head..]
    }

    fn front(&self) -> Option<&Job> {
        self.v.get(self.head)
    }

    fn pop_front(&mut self) {
        self.head += 1;
        if self.head >= 32 && 2 * self.head >= self.v.len() {
            self.v.drain(..self.head);
            self.head = 0;
        }
    }

    fn push_back(&mut self, j: Job) {
        self.v.push(j);
    }

    /// Removes and returns the jobs from live position `from` on.
    fn split_off(&mut self, from: usize) -> Vec<Job> {
        self.v.split_off(self.head + from)
    }

    /// Removes and returns every live job.
    fn take_all(&mut self) -> Vec<Job> {
        let all = self.v.split_off(self.head);
        self.v.clear();
        self.head = 0;
        all
    }
}

/// What a kill found at the station.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reset {
    /// Requests waiting in the queue (they fail now).
    pub waiting: Vec<ReqIx>,
    /// Requests admitted ahead of their arrival, still on their way, with their arrival time.
    pub on_the_way: Vec<(ReqIx, SimTime)>,
}

/// Workers + queue.
#[derive(Clone, Debug)]
pub struct Station {
    workers: u32,
    capacity: u32,
    /// Min-heap of the workers' free times (the finish of each worker's last request).
    free: Vec<SimTime>,
    /// Admitted requests not yet forgotten, in arrival order (so also in start order).
    jobs: Jobs,
    /// Busy-worker and queue areas of the requests forgotten (finished before the front one did).
    done_busy_us: u64,
    done_queue_us: u64,
    /// Requests forgotten, those a worker served, and those that had to wait (read by the theory panel only).
    done: Finished,
    last_arrival: SimTime,
}

/// Totals over the requests a station has finished with and forgotten (those done before the oldest one it still
/// holds): what the theory panel compares with Erlang C. Read-only bookkeeping; nothing in a run depends on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Finished {
    /// Requests forgotten (served, or expired in the queue).
    pub requests: u64,
    /// Of them, served by a worker.
    pub served: u64,
    /// Of them, started later than they arrived (they waited for a worker).
    pub waited: u64,
    /// Their waits summed, µs.
    pub wait_us: u64,
    /// The services of those served, summed, µs.
    pub service_us: u64,
}

impl Station {
    /// A station with `workers` workers (≥ 1) and room for `capacity` waiting requests.
    #[must_use]
    pub fn new(workers: u32, capacity: u32) -> Self {
        let workers = workers.max(1);
        Station {
            workers,
            capacity,
            free: vec![SimTime::ZERO; workers as usize],
            jobs: Jobs::default(),
            done_busy_us: 0,
            done_queue_us: 0,
            done: Finished::default(),
            last_arrival: SimTime::ZERO,
        }
    }

    /// Forgets requests finished by `now`, from the front (a request behind an unfinished one waits its turn).
    fn forget(&mut self, now: SimTime) {
        while let Some(j) = self.jobs.front()
            && j.finish <= now
        {
            let wait_us = j.start.since(j.arrival).as_us();
            if j.serves() {
                let service_us = j.finish.since(j.start).as_us();
                self.done_busy_us += service_us;
                self.done.served += 1;
                self.done.service_us += service_us;
            }
            self.done_queue_us += wait_us;
            self.done.requests += 1;
            self.done.waited += u64::from(wait_us > 0);
            self.done.wait_us += wait_us;
            self.jobs.pop_front();
        }
    }

    /// Request `req` arriving at `arrival` (not before `now`, nor before the last request admitted) is admitted,
    /// expires in the queue (when `timeout` is set and it would wait longer), or is refused. `service` is drawn
    /// only for a request that will be served.
    pub fn admit(
        &mut self,
        now: SimTime,
        arrival: SimTime,
        req: ReqIx,
        timeout: Option<SimDuration>,
        service: impl FnOnce() -> SimDuration,
    ) -> Admission {
        debug_assert!(
            arrival >= now && arrival >= self.last_arrival,
            "station admissions in arrival order"
        );
        self.forget(now);
        self.last_arrival = arrival;
        let earliest = self.free[0];
        let start = if earliest <= arrival {
            arrival
        } else {
            // Every worker is busy at `arrival`: those admitted before and starting after it are waiting.
            let live = self.jobs.live();
            let waiting = live.len() - live.partition_point(|j| j.start <= arrival);
            if waiting >= self.capacity as usize {
                return Admission::Refused;
            }
            earliest
        };
        self.book(
            Job {
                req,
                arrival,
                start,
                finish: start,
                serves: false,
            },
            None,
            timeout,
            service,
        )
    }

    /// Books `job` from its start: it expires, or the earliest free worker serves it (for `drawn`, if a replan
    /// kept the service drawn before).
    fn book(
        &mut self,
        mut job: Job,
        drawn: Option<SimDuration>,
        timeout: Option<SimDuration>,
        service: impl FnOnce() -> SimDuration,
    ) -> Admission {
        if timeout.is_some_and(|t| job.start.since(job.arrival) > t) {
            job.finish = job.start;
            job.serves = false;
            self.jobs.push_back(job);
            return Admission::Expires { at: job.start };
        }
        let took = drawn.unwrap_or_else(service);
        job.serves = true;
        job.finish = job.start + took;
        self.replace_earliest(job.finish);
        self.jobs.push_back(job);
        Admission::Serves {
            start: job.start,
            finish: job.finish,
        }
    }

    /// Requests held at `arrival` (in service or waiting: admitted, not finished by then), for an arrival not
    /// before `now` nor before the last one admitted. Costs one pass over the requests not yet forgotten.
    #[must_use]
    pub fn in_system(&mut self, now: SimTime, arrival: SimTime) -> u32 {
        self.forget(now);
        let held = self
            .jobs
            .live()
            .iter()
            .filter(|j| j.finish > arrival)
            .count();
        u32::try_from(held).unwrap_or(u32::MAX)
    }

    /// The earliest free worker is next free at `t`: sift the heap's root down.
    fn replace_earliest(&mut self, t: SimTime) {
        let n = self.free.len();
        let mut i = 0;
        loop {
            let l = 2 * i + 1;
            if l >= n {
                break;
            }
            let c = if l + 1 < n && self.free[l + 1] < self.free[l] {
                l + 1
            } else {
                l
            };
            if self.free[c] >= t {
                break;
            }
            self.free[i] = self.free[c];
            i = c;
        }
        self.free[i] = t;
    }

    /// The node died at `now`: every worker stops (the requests in service stay counted until their service would
    /// have ended, by the engine), waiting requests and those still on their way are handed back.
    pub fn reset(&mut self, now: SimTime) -> Reset {
        let mut out = Reset::default();
        for j in self.jobs.take_all() {
            if j.start <= now {
                if j.serves() {
                    self.done_busy_us += j.finish.min(now).since(j.start).as_us();
                }
                self.done_queue_us += j.start.since(j.arrival).as_us();
            } else if j.arrival <= now {
                self.done_queue_us += now.since(j.arrival).as_us();
                out.waiting.push(j.req);
            } else {
                out.on_the_way.push((j.req, j.arrival));
            }
        }
        self.free.fill(now);
        self.last_arrival = now;
        out
    }

    /// Changes the number of workers at `now` (instances added or removed). Requests in service keep their workers
    /// (after a shrink, those finishing first retire); every request not yet started is booked again, in order,
    /// keeping the service drawn for it (`service` draws for one that expired before and is served now). Returns the
    /// new plan of each (refusals cannot happen: they were admitted).
    pub fn set_workers(
        &mut self,
        now: SimTime,
        workers: u32,
        timeout: Option<SimDuration>,
        mut service: impl FnMut(ReqIx) -> SimDuration,
    ) -> Vec<(ReqIx, Admission)> {
        self.forget(now);
        self.workers = workers.max(1);
        let split = self.jobs.live().partition_point(|j| j.start <= now);
        let pending = self.jobs.split_off(split);
        let mut busy: Vec<SimTime> = self
            .jobs
            .live()
            .iter()
            .filter(|j| j.serves() && j.finish > now)
            .map(|j| j.finish)
            .collect();
        busy.sort_unstable_by(|a, b| b.cmp(a));
        busy.resize(self.workers as usize, now);
        busy.sort_unstable();
        self.free = busy;
        pending
            .into_iter()
            .map(|j| {
                let start = j.arrival.max(self.free[0]);
                let plan = self.book(Job { start, ..j }, j.service(), timeout, || service(j.req));
                (j.req, plan)
            })
            .collect()
    }

    /// Test only: overwrite the workers' state and the waiting requests, to show the invariant checker catching a
    /// station in a state its methods never produce.
    #[cfg(test)]
    pub(crate) fn corrupt(&mut self, now: SimTime, busy: u32, waiting: &[ReqIx]) {
        self.jobs = Jobs::default();
        let far = now + SimDuration::from_secs(3_600);
        for i in 0..busy {
            self.jobs.push_back(Job {
                req: ReqIx(u32::MAX - i),
                arrival: now,
                start: now,
                finish: far,
                serves: true,
            });
        }
        for &req in waiting {
            self.jobs.push_back(Job {
                req,
                arrival: now,
                start: far,
                finish: far,
                serves: false,
            });
        }
    }

    /// Workers busy at `now`.
    #[must_use]
    #[allow(clippy::cast_possible_truncation)] // at most the admitted requests in service, a u32 count of workers
    pub fn busy(&self, now: SimTime) -> u32 {
        self.jobs
            .live()
            .iter()
            .filter(|j| j.serves() && j.start <= now && now < j.finish)
            .count() as u32
    }

    /// Totals over the requests finished and forgotten so far (see [`Finished`]).
    #[must_use]
    pub fn finished(&self) -> Finished {
        self.done
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

    /// Requests waiting at `now`.
    #[must_use]
    #[allow(clippy::cast_possible_truncation)] // bounded by capacity: u32
    pub fn queue_len(&self, now: SimTime) -> u32 {
        self.jobs
            .live()
            .iter()
            .filter(|j| j.arrival <= now && now < j.start)
            .count() as u32
    }

    /// Requests admitted and not finished at `now`: waiting, in service or on their way.
    pub fn held(&self, now: SimTime) -> impl Iterator<Item = ReqIx> + '_ {
        self.jobs
            .live()
            .iter()
            .filter(move |j| j.finish > now)
            .map(|j| j.req)
    }

    /// ∫ busy workers dt from 0 to `now`, worker·µs.
    #[must_use]
    pub fn busy_area_us(&self, now: SimTime) -> u64 {
        self.done_busy_us
            + self
                .jobs
                .live()
                .iter()
                .filter(|j| j.serves())
                .map(|j| j.finish.min(now).since(j.start).as_us())
                .sum::<u64>()
    }

    /// ∫ queue length dt from 0 to `now`, request·µs.
    #[must_use]
    pub fn queue_area_us(&self, now: SimTime) -> u64 {
        self.done_queue_us
            + self
                .jobs
                .live()
                .iter()
                .map(|j| j.start.min(now).since(j.arrival).as_us())
                .sum::<u64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(v: u64) -> SimDuration {
        SimDuration::from_ms(v)
    }

    fn t(ms: u64) -> SimTime {
        SimTime(ms * 1_000)
    }

    #[test]
    fn workers_then_queue_then_refusal() {
        let mut s = Station::new(2, 1);
        let admit = |s: &mut Station, r: u32| s.admit(t(0), t(0), ReqIx(r), None, || ms(10));
        let serves = |start, finish| Admission::Serves {
            start: t(start),
            finish: t(finish),
        };
        assert_eq!(admit(&mut s, 1), serves(0, 10));
        assert_eq!(admit(&mut s, 2), serves(0, 10));
        assert_eq!(
            admit(&mut s, 3),
            serves(10, 20),
            "waits for the first free worker"
        );
        assert_eq!(admit(&mut s, 4), Admission::Refused);
        assert_eq!((s.busy(t(5)), s.queue_len(t(5))), (2, 1));
        assert_eq!((s.busy(t(15)), s.queue_len(t(15))), (1, 0));
        assert_eq!(
            s.admit(t(15), t(15), ReqIx(5), None, || ms(10)),
            serves(15, 25)
        );
    }

    #[test]
    fn utilization_and_queue_integrals_are_exact() {
        let mut s = Station::new(2, 10);
        let mut admit = |at: u64, took: u64| s.admit(t(at), t(at), ReqIx(0), None, || ms(took));
        admit(0, 300); // worker A busy [0, 300)
        admit(100, 300); // worker B busy [100, 400)
        admit(200, 100); // waits [200, 300), then A busy [300, 400)
        assert_eq!(s.busy_area_us(t(500)), 1_000 * (300 + 300 + 100));
        assert_eq!(s.queue_area_us(t(500)), 1_000 * 100);
        assert_eq!(s.queue_area_us(t(250)), 1_000 * 50);
        assert_eq!(s.busy_area_us(t(250)), 1_000 * (250 + 150));
        // Forgetting finished requests keeps the integrals.
        let _ = s.admit(t(600), t(600), ReqIx(9), None, || ms(1));
        assert_eq!(s.busy_area_us(t(600)), 1_000 * 700);
        assert_eq!(s.queue_area_us(t(600)), 1_000 * 100);
    }

    #[test]
    fn a_request_that_would_wait_past_its_timeout_expires_without_a_worker() {
        let mut s = Station::new(1, 10);
        let timeout = Some(ms(50));
        let _ = s.admit(t(0), t(0), ReqIx(1), timeout, || ms(100));
        assert_eq!(
            s.admit(t(10), t(10), ReqIx(2), timeout, || ms(5)),
            Admission::Expires { at: t(100) }
        );
        assert_eq!(
            s.admit(t(60), t(60), ReqIx(3), timeout, || ms(5)),
            Admission::Serves {
                start: t(100),
                finish: t(105)
            },
            "the worker the expired request never took serves the next"
        );
        assert_eq!(s.queue_len(t(99)), 2);
        assert_eq!(s.busy(t(102)), 1);
    }

    #[test]
    fn admitted_ahead_of_arrival_a_request_waits_only_once_it_is_there() {
        let mut s = Station::new(1, 10);
        let _ = s.admit(t(0), t(20), ReqIx(1), None, || ms(10));
        assert_eq!(
            (s.busy(t(5)), s.queue_len(t(5))),
            (0, 0),
            "still on its way"
        );
        assert_eq!(s.busy(t(25)), 1);
        assert_eq!(s.held(t(5)).collect::<Vec<_>>(), [ReqIx(1)]);
        assert_eq!(s.busy_area_us(t(40)), 10_000);
    }

    #[test]
    fn reset_frees_workers_and_hands_back_the_queue_and_those_on_their_way() {
        let mut s = Station::new(1, 5);
        for (r, at) in [(1, 0), (2, 0), (3, 0), (4, 50)] {
            let _ = s.admit(t(0), t(at), ReqIx(r), None, || ms(10));
        }
        let reset = s.reset(t(5));
        assert_eq!(reset.waiting, [ReqIx(2), ReqIx(3)]);
        assert_eq!(reset.on_the_way, [(ReqIx(4), t(50))]);
        assert_eq!((s.busy(t(5)), s.queue_len(t(5))), (0, 0));
        assert_eq!(s.busy_area_us(t(100)), 5_000, "service stops at the kill");
        assert_eq!(s.queue_area_us(t(100)), 10_000);
    }

    #[test]
    fn more_workers_start_the_queue_and_fewer_retire_as_they_finish() {
        let mut s = Station::new(1, 10);
        for r in 0..3 {
            let _ = s.admit(t(0), t(0), ReqIx(r), None, || ms(100));
        }
        let plans = s.set_workers(t(10), 3, None, |_| ms(1));
        assert_eq!(
            plans,
            [
                (
                    ReqIx(1),
                    Admission::Serves {
                        start: t(10),
                        finish: t(110)
                    }
                ),
                (
                    ReqIx(2),
                    Admission::Serves {
                        start: t(10),
                        finish: t(110)
                    }
                ),
            ],
            "the waiting requests start now, keeping their service"
        );
        assert_eq!(s.busy(t(20)), 3);
        let _ = s.admit(t(20), t(20), ReqIx(3), None, || ms(100));
        let plans = s.set_workers(t(30), 1, None, |_| ms(1));
        assert_eq!(
            plans,
            [(
                ReqIx(3),
                Admission::Serves {
                    start: t(110),
                    finish: t(210)
                }
            )],
            "one worker left: the last of those in service to finish"
        );
    }
}
