//! Multi-primary replication (the lecture's master–master): every member of a replica set is a primary. A write
//! goes to the nearest running primary, which commits it and ships it to every other member after the usual
//! replication delay. This kernel keeps what the plain replica set does not need: per member and key, until when a
//! write from another primary is still on its way there, so that a commit can tell whether it is *concurrent* with
//! one; and, per write in transit, which primary committed it (in which of its lives), so that a write whose
//! primary died before it arrived is counted lost rather than applied.
//!
//! Conflicts. A write W committed at primary A at time t *conflicts* when some other primary committed a write to
//! the same key that has not reached A by t: neither saw the other, so one of the two versions is overwritten (last
//! writer wins, by commit time). It is counted once, at W. With Poisson writes at rate w_B at B spread uniformly
//! over K keys and each write's delay D from B to A independent, the writes from B to one key still in transit at
//! any moment form an M/G/∞ population, Poisson with mean (w_B/K)·E[D] (Kleinrock, Queueing Systems I, §5.8, the
//! infinite-server queue), so a write at A conflicts with probability 1 − e^{−w_B·E[D]/K}, and the conflicts a
//! second are w_A·(1 − e^{−w_B·E[D]/K}) + w_B·(1 − e^{−w_A·E[D]/K}) ≈ 2·w_A·w_B·E[D]/K when w·E[D] ≪ K.

use crate::id::NodeIx;
use crate::time::{SimDuration, SimTime};

/// The mark of a key with a write held across a network cut (later than any time a run reaches).
const HELD: SimTime = SimTime(u64::MAX);

/// The multi-primary state of one replica set (members by position, as in `ReplicaSet::members`).
#[derive(Clone, Debug, Default)]
pub struct Peers {
    /// Per member, per key: the latest arrival there of a write in transit from another primary (grown on demand).
    incoming_until: Vec<Vec<SimTime>>,
    /// Per write in transit, by the replica set's slot: the primary that committed it and its epoch then.
    origins: Vec<(NodeIx, u32)>,
    /// Per member: its writes that were concurrent with another primary's write to the same key.
    pub conflicts: Vec<u64>,
}

impl Peers {
    /// The state of a set of `members` primaries.
    #[must_use]
    pub fn new(members: usize) -> Self {
        Peers {
            incoming_until: vec![Vec::new(); members],
            origins: Vec::new(),
            conflicts: vec![0; members],
        }
    }

    /// Member `i` commits a write to `key` at `now`: whether another primary's write to that key is still on its
    /// way to `i` (a conflict, counted).
    pub fn commit(&mut self, i: usize, key: u32, now: SimTime) -> bool {
        let conflict = self.incoming_until[i]
            .get(key as usize)
            .is_some_and(|&until| until > now);
        if conflict {
            self.conflicts[i] += 1;
        }
        conflict
    }

    /// Member `to`'s latest arrival of a write to `key` in transit (`SimTime::ZERO` when none), growing the table.
    fn until_mut(&mut self, to: usize, key: u32) -> &mut SimTime {
        let table = &mut self.incoming_until[to];
        let k = key as usize;
        if table.len() <= k {
            table.resize(k + 1, SimTime::ZERO);
        }
        &mut table[k]
    }

    /// A write to `key` committed at `now` by `origin` (epoch `epoch`) leaves for member `to` and arrives after
    /// `delay`, in transit in `slot`.
    #[allow(clippy::too_many_arguments)] // one write's facts
    pub fn shipped(
        &mut self,
        to: usize,
        key: u32,
        now: SimTime,
        delay: SimDuration,
        slot: u32,
        origin: NodeIx,
        epoch: u32,
    ) {
        let until = self.until_mut(to, key);
        *until = (*until).max(now + delay);
        let s = slot as usize;
        if self.origins.len() <= s {
            self.origins.resize(s + 1, (NodeIx::NONE, 0));
        }
        self.origins[s] = (origin, epoch);
    }

    /// A write to `key` is held for member `to` across a network cut: it arrives at no known time, so every commit
    /// of `key` there conflicts until it is shipped ([`Peers::shipped_held`]).
    pub fn hold(&mut self, to: usize, key: u32) {
        *self.until_mut(to, key) = HELD;
    }

    /// A write held for member `to` leaves now ([`Peers::shipped`]); the first of a key's held writes to leave
    /// replaces the mark of [`Peers::hold`] with its arrival.
    #[allow(clippy::too_many_arguments)] // one write's facts
    pub fn shipped_held(
        &mut self,
        to: usize,
        key: u32,
        now: SimTime,
        delay: SimDuration,
        slot: u32,
        origin: NodeIx,
        epoch: u32,
    ) {
        if let Some(until) = self.incoming_until[to].get_mut(key as usize)
            && *until == HELD
        {
            *until = SimTime::ZERO;
        }
        self.shipped(to, key, now, delay, slot, origin, epoch);
    }

    /// The write in transit in `slot` arrived: the primary that committed it and its epoch then (`NodeIx::NONE`
    /// when it was not shipped by [`Peers::shipped`], as a write held across a network cut).
    pub fn arrived(&mut self, slot: u32) -> (NodeIx, u32) {
        self.origins
            .get_mut(slot as usize)
            .map_or((NodeIx::NONE, 0), |o| {
                std::mem::replace(o, (NodeIx::NONE, 0))
            })
    }

    /// Member `i` dropped every write in transit to it (it died): nothing is on its way there any more.
    pub fn forget(&mut self, i: usize) {
        self.incoming_until[i].clear();
    }

    /// Writes concurrent with another primary's, summed over the members.
    #[must_use]
    pub fn total_conflicts(&self) -> u64 {
        self.conflicts.iter().sum()
    }
}

/// The member a query goes to when every member is a primary: the nearest running one (`distance` from the
/// sender); a write to the first such in member order, a read round robin over them from `next_read` (advanced).
/// `None` when no member runs.
pub fn route_to_nearest(
    members: &[NodeIx],
    write: bool,
    next_read: &mut usize,
    alive: impl Fn(NodeIx) -> bool,
    distance: impl Fn(NodeIx) -> SimDuration,
) -> Option<NodeIx> {
    let nearest = members
        .iter()
        .filter(|&&m| alive(m))
        .map(|&m| distance(m))
        .min()?;
    let n = members.len();
    let start = if write { 0 } else { *next_read };
    (0..n).map(|i| (start + i) % n).find_map(|j| {
        let m = members[j];
        (alive(m) && distance(m) == nearest).then(|| {
            if !write {
                *next_read = (j + 1) % n;
            }
            m
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_conflicts_only_while_another_primarys_write_to_the_key_is_in_transit() {
        let mut p = Peers::new(2);
        assert!(!p.commit(0, 5, SimTime(100)), "nothing in transit");
        p.shipped(0, 5, SimTime(100), SimDuration(50), 3, NodeIx(1), 0);
        assert!(!p.commit(0, 6, SimTime(120)), "another key");
        assert!(!p.commit(1, 5, SimTime(120)), "the other member");
        assert!(p.commit(0, 5, SimTime(149)), "still in transit");
        assert!(!p.commit(0, 5, SimTime(150)), "arrived");
        assert_eq!(p.conflicts, [1, 0]);
        assert_eq!(p.arrived(3), (NodeIx(1), 0));
        assert_eq!(p.arrived(3), (NodeIx::NONE, 0), "a slot is read once");
        p.shipped(0, 5, SimTime(200), SimDuration(50), 3, NodeIx(1), 0);
        p.forget(0);
        assert!(!p.commit(0, 5, SimTime(210)), "dropped writes never arrive");
        p.hold(0, 5);
        assert!(p.commit(0, 5, SimTime(1_000_000)), "held across a cut");
        p.shipped_held(0, 5, SimTime(2_000_000), SimDuration(50), 4, NodeIx(1), 0);
        assert!(
            p.commit(0, 5, SimTime(2_000_049)),
            "shipped at the heal, not arrived"
        );
        assert!(!p.commit(0, 5, SimTime(2_000_050)), "arrived");
        assert_eq!(p.total_conflicts(), 3);
    }

    #[test]
    fn writes_go_to_the_nearest_running_primary_and_reads_round_robin_over_the_nearest() {
        let members = [NodeIx(0), NodeIx(1), NodeIx(2)];
        let far0 = |m: NodeIx| SimDuration::from_ms(if m == NodeIx(0) { 35 } else { 0 });
        let mut next = 0;
        let up = |_| true;
        assert_eq!(
            route_to_nearest(&members, true, &mut next, up, far0),
            Some(NodeIx(1))
        );
        let reads: Vec<_> = (0..3)
            .map(|_| route_to_nearest(&members, false, &mut next, up, far0))
            .collect();
        assert_eq!(reads, [Some(NodeIx(1)), Some(NodeIx(2)), Some(NodeIx(1))]);
        // The near ones dead: the far one takes everything, with no failover wait.
        let only0 = |m: NodeIx| m == NodeIx(0);
        assert_eq!(
            route_to_nearest(&members, true, &mut next, only0, far0),
            Some(NodeIx(0))
        );
        assert_eq!(
            route_to_nearest(&members, true, &mut next, |_| false, far0),
            None
        );
    }
}
