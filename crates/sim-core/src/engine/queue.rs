//! The event queue: a binary heap ordered by `(time, seq)`. Faults use the low half of the sequence space (their
//! timeline index) and every other event the high half (a counter), so at equal times faults run first and a fault
//! injected during a run is ordered exactly as it is when the recorded timeline is replayed.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::id::{NodeIx, ReqIx};
use crate::time::SimTime;

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
        };
        (tag << 56) ^ (u64::from(a) << 32) ^ u64::from(b)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    time: SimTime,
    seq: u64,
    ev: Ev,
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse for earliest-first.
        (other.time, other.seq).cmp(&(self.time, self.seq))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

const ORDINARY: u64 = 1 << 63;

/// Pending events.
#[derive(Clone, Debug, Default)]
pub struct EventQueue {
    heap: BinaryHeap<Entry>,
    counter: u64,
}

impl EventQueue {
    /// Schedules an ordinary event.
    pub fn push(&mut self, time: SimTime, ev: Ev) {
        self.counter += 1;
        self.heap.push(Entry {
            time,
            seq: ORDINARY | self.counter,
            ev,
        });
    }

    /// Schedules fault number `index` of the timeline; it runs before ordinary events at the same time.
    pub fn push_fault(&mut self, time: SimTime, index: u32) {
        self.heap.push(Entry {
            time,
            seq: u64::from(index),
            ev: Ev::Fault(index),
        });
    }

    /// Time of the earliest event.
    #[must_use]
    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|e| e.time)
    }

    /// Removes and returns the earliest event.
    pub fn pop(&mut self) -> Option<(SimTime, Ev)> {
        self.heap.pop().map(|e| (e.time, e.ev))
    }

    /// Events pending.
    #[must_use]
    pub fn len(&self) -> usize {
        self.heap.len()
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
