//! The event queue, ordered by `(time, seq)`. Faults use the low half of the sequence space (their timeline
//! index) and every other event the high half (a counter), so at equal times faults run first and a fault injected
//! during a run is ordered exactly as it is when the recorded timeline is replayed.

use crate::id::{NodeIx, ReqIx};
use crate::time::SimTime;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// What an event does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ev {
    /// Apply fault number `0` of the run's timeline.
    Fault(u32),
    /// A client's next request is due.
    ClientArrival {
        /// Client node.
        node: NodeIx,
    },
    /// A request reaches a node whose admission could not be decided when it was sent (a message queue, a station
    /// reached by ways of different lengths or that was down); it is counted there since it was sent.
    Arrive {
        /// Request slot.
        req: ReqIx,
        /// Node reached.
        node: NodeIx,
        /// The request's ticket when it was sent.
        ticket: u32,
    },
    /// A request's time at the node holding it ends: a worker finished it, or a DNS lookup did.
    Done {
        /// Request slot.
        req: ReqIx,
        /// The request's ticket when it was admitted.
        ticket: u32,
    },
    /// A request reached the head of the queue of the web server holding it past its timeout: it fails.
    Expire {
        /// Request slot.
        req: ReqIx,
        /// The request's ticket when it was admitted.
        ticket: u32,
    },
    /// The response (or error) reaches the user.
    ClientReceive {
        /// Request slot.
        req: ReqIx,
    },
    /// A load balancer checks its backends.
    HealthCheck {
        /// Load balancer node.
        node: NodeIx,
    },
    /// The metrics window ends.
    WindowClose,
    /// A replicated write reaches a replica (dropped if the replica's apply epoch changed meanwhile).
    ReplicaApply {
        /// Replica node.
        node: NodeIx,
        /// Key written.
        key: u32,
        /// Slot of the write's `(apply epoch, version)` in its replica set's table of writes in transit.
        slot: u32,
    },
    /// The failover timeout of replica set `set` has passed since its primary died.
    FailoverCheck {
        /// Replica set index.
        set: u32,
    },
    /// A request comes back to its web server from the session store and carries on.
    Resume {
        /// Request slot.
        req: ReqIx,
        /// Web server node.
        node: NodeIx,
        /// The web server's epoch when the request left it.
        epoch: u32,
    },
    /// A GeoDNS health-checks its targets.
    DnsCheck {
        /// DNS node.
        node: NodeIx,
    },
    /// A worker finishes job `slot` of its pool (ignored if the pool died meanwhile).
    JobDone {
        /// Worker pool node.
        node: NodeIx,
        /// The pool's epoch when the job started.
        epoch: u32,
        /// Slot of the job in the pool's in-progress table.
        slot: u32,
    },
    /// A worker pool's autoscaler looks at the backlog, or a web autoscaling group at its utilization.
    ScaleTick {
        /// Worker pool node.
        node: NodeIx,
    },
    /// Workers (or web instances) started by an autoscaler finish warming up.
    WorkersReady {
        /// Worker pool node.
        node: NodeIx,
        /// How many.
        count: u32,
    },
    /// A lost primary is rebuilt as a replica.
    Provision {
        /// Database node.
        node: NodeIx,
    },
    /// A node with a mean time between failures fails at random.
    RandomFailure {
        /// The node.
        node: NodeIx,
    },
    /// A node that failed at random is repaired.
    Repair {
        /// The node.
        node: NodeIx,
    },
    /// The second machine of a load balancer pair fails at random (the first one's are `RandomFailure`).
    SecondFailure {
        /// The load balancer node.
        node: NodeIx,
    },
    /// The second machine of a load balancer pair is repaired.
    SecondRepair {
        /// The load balancer node.
        node: NodeIx,
    },
    /// A load balancer pair's standby takes the address over (ignored if the pair's takeover count moved on).
    Takeover {
        /// The load balancer node.
        node: NodeIx,
        /// The pair's takeover count when it was planned.
        takeover: u32,
    },
}

impl Ev {
    /// A word identifying the event for the trace hash.
    pub fn fingerprint(self) -> u64 {
        let (tag, a, b) = match self {
            Ev::Fault(i) => (1u64, i, 0),
            Ev::ClientArrival { node } => (2, node.0, 0),
            Ev::Arrive { req, node, .. } => (3, node.0, req.0),
            Ev::Done { req, ticket } => (4, ticket, req.0),
            Ev::Expire { req, ticket } => (16, ticket, req.0),
            Ev::ClientReceive { req } => (5, 0, req.0),
            Ev::HealthCheck { node } => (6, node.0, 0),
            Ev::WindowClose => (7, 0, 0),
            Ev::ReplicaApply { node, key, .. } => (8, node.0, key),
            Ev::FailoverCheck { set } => (9, set, 0),
            Ev::Provision { node } => (10, node.0, 0),
            Ev::Resume { req, node, .. } => (11, node.0, req.0),
            Ev::JobDone { node, slot, .. } => (12, node.0, slot),
            Ev::ScaleTick { node } => (13, node.0, 0),
            Ev::DnsCheck { node } => (15, node.0, 0),
            Ev::WorkersReady { node, count } => (14, node.0, count),
            Ev::RandomFailure { node } => (17, node.0, 0),
            Ev::Repair { node } => (18, node.0, 0),
            Ev::SecondFailure { node } => (19, node.0, 0),
            Ev::SecondRepair { node } => (20, node.0, 0),
            Ev::Takeover { node, takeover } => (21, node.0, takeover),
        };
        (tag << 56) ^ (u64::from(a) << 32) ^ u64::from(b)
    }
}

/// A pending event and its place in the order: `(time << 64) | seq`, so one 128-bit comparison orders by time, then
/// by sequence. Ordered in reverse, so std's max-heap gives the earliest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    key: u128,
    ev: Ev,
}

impl Ord for Entry {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        // Compared as two words: wasm has 64-bit comparisons, not 128-bit ones.
        #[allow(clippy::cast_possible_truncation)] // the halves of the keys
        let (a, b) = (
            ((self.key >> 64) as u64, self.key as u64),
            ((other.key >> 64) as u64, other.key as u64),
        );
        b.cmp(&a)
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn key(time: SimTime, seq: u64) -> u128 {
    (u128::from(time.as_us()) << 64) | u128::from(seq)
}

#[allow(clippy::cast_possible_truncation)] // the high half of a key is its time
fn time_of(key: u128) -> SimTime {
    SimTime((key >> 64) as u64)
}

const ORDINARY: u64 = 1 << 63;
/// The key of no event: later than every event's.
const NONE: u128 = u128::MAX;

/// Pending events: a binary heap of [`Entry`] (std's, whose sifting moves a hole rather than swapping), plus a
/// lane holding each client's next arrival (one per client, scheduled only by the one before), since every
/// request starts with one. The lane's entries take their sequence numbers from the same counter, so events come
/// out in exactly the `(time, seq)` order one heap would give.
///
/// The event being processed stays at the top of the heap until its handler is done: the handler's first push
/// replaces it (one sift down from the top instead of a pop and a push), and if it pushes nothing it is popped
/// then.
#[derive(Clone, Debug)]
pub struct EventQueue {
    heap: BinaryHeap<Entry>,
    counter: u64,
    /// Per node: its slot in `lane` (`u32::MAX` for none yet).
    lane_slot: Vec<u32>,
    /// Each client's next arrival: key ([`NONE`] when it has none) and client.
    lane: Vec<(u128, NodeIx)>,
    /// The key and slot of the earliest arrival in `lane`.
    lane_first: (u128, usize),
    /// The heap's top is the event being processed.
    top_taken: bool,
}

impl Default for EventQueue {
    /// An empty queue. Its lane's earliest key is [`NONE`]: a derived default (key 0) would claim an arrival at
    /// time 0 in a lane with no client, which a diagram without clients (the fuzzer found one) then tried to take.
    fn default() -> Self {
        Self {
            heap: BinaryHeap::new(),
            counter: 0,
            lane_slot: Vec::new(),
            lane: Vec::new(),
            lane_first: (NONE, 0),
            top_taken: false,
        }
    }
}

impl EventQueue {
    /// Schedules an ordinary event.
    #[inline]
    pub fn push(&mut self, time: SimTime, ev: Ev) {
        self.counter += 1;
        let key = key(time, ORDINARY | self.counter);
        if let Ev::ClientArrival { node } = ev {
            return self.lane_set(node, key);
        }
        self.insert(Entry { key, ev });
    }

    /// Schedules fault number `index` of the timeline; it runs before ordinary events at the same time.
    pub fn push_fault(&mut self, time: SimTime, index: u32) {
        self.insert(Entry {
            key: key(time, u64::from(index)),
            ev: Ev::Fault(index),
        });
    }

    #[inline]
    fn insert(&mut self, e: Entry) {
        if self.top_taken {
            self.top_taken = false;
            if let Some(mut top) = self.heap.peek_mut() {
                *top = e; // sifted down when `top` is dropped
                return;
            }
        }
        self.heap.push(e);
    }

    fn lane_set(&mut self, node: NodeIx, key: u128) {
        let n = node.get();
        if self.lane_slot.len() <= n {
            self.lane_slot.resize(n + 1, u32::MAX);
        }
        if self.lane_slot[n] == u32::MAX {
            self.lane_slot[n] = u32::try_from(self.lane.len()).expect("clients fit u32");
            self.lane.push((NONE, node));
        }
        let slot = self.lane_slot[n] as usize;
        self.lane[slot].0 = key;
        if slot == self.lane_first.1 {
            self.find_lane_first();
        } else if key < self.lane_first.0 {
            self.lane_first = (key, slot);
        }
    }

    fn find_lane_first(&mut self) {
        self.lane_first = self
            .lane
            .iter()
            .enumerate()
            .map(|(i, l)| (l.0, i))
            .min()
            .unwrap_or((NONE, 0));
    }

    fn heap_key(&self) -> u128 {
        self.heap.peek().map_or(NONE, |e| e.key)
    }

    /// Time of the earliest event.
    #[must_use]
    #[inline]
    pub fn peek_time(&self) -> Option<SimTime> {
        let k = self.heap_key().min(self.lane_first.0);
        (k != NONE).then(|| time_of(k))
    }

    /// The earliest event, to process now (one must be pending); [`EventQueue::done`] must follow once it is
    /// processed. From the heap it stays on top meanwhile (see the type's docs).
    #[inline]
    pub fn take(&mut self) -> (SimTime, Ev) {
        let (h, l) = (self.heap_key(), self.lane_first.0);
        debug_assert!(h.min(l) != NONE, "an event is pending");
        if l < h {
            let node = self.lane[self.lane_first.1].1;
            self.lane[self.lane_first.1].0 = NONE;
            self.find_lane_first();
            return (time_of(l), Ev::ClientArrival { node });
        }
        self.top_taken = true;
        let top = self.heap.peek().expect("an event is pending");
        (time_of(h), top.ev)
    }

    /// The event [`EventQueue::take`] gave is processed: it leaves the heap if nothing replaced it.
    #[inline]
    pub fn done(&mut self) {
        if self.top_taken {
            self.top_taken = false;
            self.heap.pop();
        }
    }

    /// Removes and returns the earliest event.
    #[cfg(test)]
    pub fn pop(&mut self) -> Option<(SimTime, Ev)> {
        self.peek_time()?;
        let next = self.take();
        self.done();
        Some(next)
    }

    /// Events pending.
    #[must_use]
    pub fn len(&self) -> usize {
        self.heap.len() - usize::from(self.top_taken)
            + self.lane.iter().filter(|l| l.0 != NONE).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_then_faults_then_insertion_order() {
        let mut q = EventQueue::default();
        q.push(SimTime(5), Ev::WindowClose);
        q.push(SimTime(3), Ev::ClientArrival { node: NodeIx(1) });
        q.push(SimTime(5), Ev::ClientArrival { node: NodeIx(2) });
        q.push_fault(SimTime(5), 0);
        let order: Vec<_> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(
            order,
            [
                (SimTime(3), Ev::ClientArrival { node: NodeIx(1) }),
                (SimTime(5), Ev::Fault(0)),
                (SimTime(5), Ev::WindowClose),
                (SimTime(5), Ev::ClientArrival { node: NodeIx(2) }),
            ]
        );
    }

    #[test]
    fn a_queue_entry_is_32_bytes() {
        // The heap moves entries on every push and pop: 40 bytes cost 2-4 % more instructions (callgrind).
        assert_eq!(std::mem::size_of::<Entry>(), 32);
    }

    #[test]
    fn a_queue_without_clients_holds_only_what_was_pushed() {
        let mut q = EventQueue::default();
        assert_eq!(q.peek_time(), None, "an empty queue has no earliest event");
        q.push(SimTime(7), Ev::WindowClose);
        assert_eq!(q.peek_time(), Some(SimTime(7)));
        assert_eq!(q.take(), (SimTime(7), Ev::WindowClose));
        q.done();
        assert_eq!(q.peek_time(), None);
        assert_eq!(q.len(), 0);
    }

    #[test]
    fn arrivals_in_their_lane_and_replaced_tops_keep_the_order_of_one_heap() {
        // The same random pushes, some while an event is being processed, into this queue and into a sorted list.
        let mut rng = crate::rng::Rng::new(4, crate::rng::Stream::Faults, 0);
        let mut q = EventQueue::default();
        let mut reference: Vec<(u64, u64, Ev)> = Vec::new(); // (time, seq, event)
        let mut seq = 0;
        let mut now = 0;
        let mut pending_arrival = [false; 3];
        let mut push = |q: &mut EventQueue, reference: &mut Vec<_>, t: u64, ev: Ev| {
            seq += 1;
            q.push(SimTime(t), ev);
            reference.push((t, seq, ev));
        };
        for c in 0..3 {
            push(
                &mut q,
                &mut reference,
                u64::from(rng.below(50)),
                Ev::ClientArrival { node: NodeIx(c) },
            );
            pending_arrival[c as usize] = true;
        }
        for _ in 0..30_000 {
            if q.peek_time().is_none() {
                break;
            }
            let (t, ev) = q.take();
            reference.sort_unstable_by_key(|&(t, s, _)| (t, s));
            let (rt, _, rev) = reference.remove(0);
            assert_eq!((t, ev), (SimTime(rt), rev));
            now = t.as_us();
            if let Ev::ClientArrival { node } = ev {
                push(
                    &mut q,
                    &mut reference,
                    now + u64::from(rng.below(40)),
                    Ev::ClientArrival { node },
                );
            }
            for _ in 0..rng.below(3) {
                let at = now + u64::from(rng.below(100));
                push(&mut q, &mut reference, at, Ev::WindowClose);
            }
            q.done();
            assert_eq!(q.len(), reference.len());
        }
        assert!(now > 1_000, "ran for a while: {now}");
    }

    #[test]
    fn pops_in_key_order_whatever_the_push_order() {
        // Compare with a sort of the same keys, over many random interleavings of pushes and pops.
        let mut rng = crate::rng::Rng::new(3, crate::rng::Stream::Faults, 0);
        let mut q = EventQueue::default();
        let mut reference: Vec<(u64, u32)> = Vec::new(); // (time, push order)
        let mut pushed = 0u32;
        for _ in 0..20_000 {
            if rng.below(3) > 0 || reference.is_empty() {
                pushed += 1;
                let t = u64::from(rng.below(500));
                q.push(
                    SimTime(t),
                    Ev::ClientArrival {
                        node: NodeIx(pushed),
                    },
                );
                reference.push((t, pushed));
            } else {
                let min = *reference.iter().min().expect("non-empty");
                reference.retain(|&k| k != min);
                let popped = q.pop().expect("non-empty");
                assert_eq!(
                    popped,
                    (
                        SimTime(min.0),
                        Ev::ClientArrival {
                            node: NodeIx(min.1)
                        }
                    )
                );
            }
            assert_eq!(q.len(), reference.len());
        }
    }
}
