//! Replica-set kernel: a primary and its read replicas. It decides where a query goes (writes to the primary,
//! reads round robin over the nearest running replicas), how a committed write is shipped (to each running replica
//! after its own delay, or received at once by the replica a semi-synchronous primary waits for), and which replica
//! a failover promotes. The owner measures distances and liveness and applies the plans; the kernel keeps the
//! writes in transit, so an event only carries a slot.
//!
//! Model. Each write reaches each replica after its own delay, exponential with the configured mean L plus the
//! distance between their regions, so by Little's law a replica is on average w·L writes behind at write rate w.
//! Asynchronous: the primary acknowledges at commit, and writes still in transit when it dies are lost — about w·L
//! of them (fewer with several replicas, since the most up-to-date is promoted). Semi-synchronous (as MySQL's): the
//! primary acknowledges a write only once its first running replica has received it — one round trip later — so
//! that replica holds every acknowledged write and, being the most up to date, is the one promoted.
//!
//! Apply rate (optional, off at 0). Each replica then applies writes in commit order through one applier (as
//! MySQL's SQL thread) taking an exponential time of mean 1/r per write: write i is applied at
//! `dᵢ = max(aᵢ, dᵢ₋₁) + Sᵢ`, where aᵢ is its arrival (commit + shipping delay) — Lindley's recursion, planned when
//! the write commits, so it costs no event beyond the apply itself. With Poisson writes at rate w < r and no
//! shipping delay the applier is an M/M/1 queue: a write waits 1/(r − w) on average from commit to applied
//! (Kleinrock, Queueing Systems I, 1975, §3.2), and at w > r the backlog grows as (w − r)·t.

use crate::id::NodeIx;
use crate::model::Replication;
use crate::rng::Rng;
use crate::time::{SimDuration, SimTime};

/// How one replica receives a committed write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shipment {
    /// Received before the acknowledgement (the semi-synchronous replica): apply it now.
    Received,
    /// In transit for `delay`; its apply epoch and version wait in slot `slot` ([`ReplicaSet::arrived`]).
    InTransit {
        /// Time to reach the replica.
        delay: SimDuration,
        /// Slot of the write in transit.
        slot: u32,
    },
}

/// A failover's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Promotion {
    /// The member promoted.
    pub new: NodeIx,
    /// Writes the old primary acknowledged that the new one never received.
    pub lost: u64,
}

/// A primary and its replicas.
#[derive(Clone, Debug)]
pub struct ReplicaSet {
    /// Every member, the configured primary first.
    pub members: Vec<NodeIx>,
    /// The current primary.
    pub primary: NodeIx,
    next_read: usize,
    /// Asynchronous or semi-synchronous.
    pub mode: Replication,
    lag_mean_us: f64,
    /// Time a dead primary is given before a replica is promoted.
    pub failover_timeout: SimDuration,
    /// Time to rebuild a lost primary as a replica.
    pub provision_delay: SimDuration,
    /// Writes acknowledged by the current primary's lineage (the yardstick for lost writes).
    pub committed: u64,
    rng: Rng,
    /// `(apply epoch, version)` of each write in transit, by slot: kept here rather than in the event so that every
    /// event fits 16 bytes (the queue moves entries on every push and pop).
    in_transit: Vec<(u32, u32)>,
    free_slots: Vec<u32>,
    shipments: Vec<(NodeIx, Shipment)>,
    /// Replicas promoted so far, and the acknowledged writes they lacked (read by the theory panel only).
    pub failovers: u32,
    /// See `failovers`.
    pub lost_writes: u64,
    /// Mean time one replica's applier takes per write, µs (1/r); 0 = unlimited (applied on arrival).
    apply_mean_us: f64,
    apply_rng: Rng,
    /// Per member (by position in `members`): when its applier finishes the last write planned for it.
    applier_free: Vec<SimTime>,
    /// A user's reads go to the primary for this long after their own write (0: off).
    read_your_writes: SimDuration,
    /// Share of the other reads sent to the primary, 0–1.
    primary_read_share: f64,
    route_rng: Rng,
    /// Each user's latest write (by user id unique across clients), when tracking users.
    own_writes: Option<Vec<OwnWrite>>,
    /// Multi-primary: every member is a primary (see `components::multi_primary`); `None` for one primary.
    pub peers: Option<super::Peers>,
}

/// A user's latest write committed by the primary: when, which key, which version (0: none yet).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OwnWrite {
    /// Commit time at the primary.
    pub at: SimTime,
    /// The key written.
    pub key: u32,
    /// The version it created.
    pub version: u32,
}

impl ReplicaSet {
    /// A set of `members` (the primary first) replicating with mean delay `lag`, applying writes as they arrive
    /// and routing reads to replicas only (see [`ReplicaSet::with_apply_rate`] and
    /// [`ReplicaSet::with_read_routing`]).
    #[must_use]
    pub fn new(
        members: Vec<NodeIx>,
        mode: Replication,
        lag: SimDuration,
        failover_timeout: SimDuration,
        provision_delay: SimDuration,
        rng: Rng,
    ) -> Self {
        #[allow(clippy::cast_precision_loss)] // µs as a distribution mean
        let lag_mean_us = lag.as_us() as f64;
        ReplicaSet {
            applier_free: vec![SimTime::ZERO; members.len()],
            apply_mean_us: 0.0,
            apply_rng: rng.clone(),
            read_your_writes: SimDuration::ZERO,
            primary_read_share: 0.0,
            route_rng: rng.clone(),
            own_writes: None,
            peers: (mode == Replication::MultiPrimary).then(|| super::Peers::new(members.len())),
            primary: members[0],
            members,
            next_read: 0,
            mode,
            lag_mean_us,
            failover_timeout,
            provision_delay,
            committed: 0,
            rng,
            in_transit: Vec::new(),
            free_slots: Vec::new(),
            shipments: Vec::new(),
            failovers: 0,
            lost_writes: 0,
        }
    }

    /// The same set with each replica applying at most `apply_rate_per_s` writes a second (0 or less: unlimited),
    /// apply times drawn from `apply_rng` only when limited, so an unlimited set draws exactly what it did before
    /// the setting existed.
    #[must_use]
    pub fn with_apply_rate(mut self, apply_rate_per_s: f64, apply_rng: Rng) -> Self {
        self.apply_mean_us = if apply_rate_per_s > 0.0 {
            1e6 / apply_rate_per_s
        } else {
            0.0
        };
        self.apply_rng = apply_rng;
        self
    }

    /// The same set routing a user's reads to the primary for `read_your_writes` after that user's own write, and
    /// a `primary_read_share` (0–1) of the other reads, drawn from `route_rng` only when the share is above 0.
    /// `track_users`: remember each user's latest write (needed by the window, and to count stale own reads; the
    /// build turns it on with the window).
    #[must_use]
    pub fn with_read_routing(
        mut self,
        read_your_writes: SimDuration,
        primary_read_share: f64,
        route_rng: Rng,
        track_users: bool,
    ) -> Self {
        self.read_your_writes = read_your_writes;
        self.primary_read_share = primary_read_share;
        self.route_rng = route_rng;
        self.own_writes = track_users.then(Vec::new);
        self
    }

    /// Whether the set remembers each user's latest write (and so counts stale own reads).
    #[must_use]
    pub fn tracks_users(&self) -> bool {
        self.own_writes.is_some()
    }

    /// The primary committed `user`'s write of `version` of `key` at `at` (remembered when tracking users).
    pub fn note_own_write(&mut self, user: u32, at: SimTime, key: u32, version: u32) {
        if let Some(table) = &mut self.own_writes {
            let u = user as usize;
            if table.len() <= u {
                table.resize(u + 1, OwnWrite::default());
            }
            table[u] = OwnWrite { at, key, version };
        }
    }

    /// `user`'s latest write committed by the primary, if any is remembered.
    #[must_use]
    pub fn own_write(&self, user: u32) -> Option<OwnWrite> {
        self.own_writes
            .as_ref()
            .and_then(|t| t.get(user as usize).copied())
            .filter(|w| w.version > 0)
    }

    /// Whether a read by `user` at `now` goes to the primary by choice: within the read-your-writes window of the
    /// user's latest write, else with probability `primary_read_share` (no draw at 0).
    fn prefers_primary(&mut self, user: u32, now: SimTime) -> bool {
        if let Some(w) = self.own_write(user)
            && now.since(w.at) < self.read_your_writes
        {
            return true;
        }
        self.primary_read_share > 0.0 && self.route_rng.chance(self.primary_read_share)
    }

    /// Mean replication delay of a write to a replica in the primary's region, µs.
    #[must_use]
    pub fn lag_mean_us(&self) -> f64 {
        self.lag_mean_us
    }

    /// The member a query by `user` at `now` goes to: writes to the primary; reads to the running primary within
    /// the user's read-your-writes window or by the primary read share, else round robin over the running replicas
    /// nearest the sender (`distance` from it), or the primary when it runs at least as near as all of them (a data
    /// center reads its own copy rather than one across an ocean) or no replica runs.
    pub fn route(
        &mut self,
        write: bool,
        user: u32,
        now: SimTime,
        alive: impl Fn(NodeIx) -> bool,
        distance: impl Fn(NodeIx) -> SimDuration,
    ) -> NodeIx {
        let primary = self.primary;
        if self.peers.is_some() {
            let to = super::multi_primary::route_to_nearest(
                &self.members,
                write,
                &mut self.next_read,
                &alive,
                &distance,
            );
            return to.unwrap_or(primary);
        }
        if write || (alive(primary) && self.prefers_primary(user, now)) {
            return primary;
        }
        let nearest = self
            .members
            .iter()
            .filter(|&&m| m != primary && alive(m))
            .map(|&m| distance(m))
            .min();
        let Some(nearest) = nearest.filter(|&d| !alive(primary) || d <= distance(primary)) else {
            return primary;
        };
        let n = self.members.len();
        for i in 0..n {
            let m = self.members[(self.next_read + i) % n];
            if m != primary && alive(m) && distance(m) == nearest {
                self.next_read = (self.next_read + i + 1) % n;
                return m;
            }
        }
        primary
    }

    /// The replica a semi-synchronous primary `node` waits for before acknowledging a write (its first running
    /// replica), or `None` when it does not wait (not the primary, asynchronous, or no replica runs).
    #[must_use]
    pub fn acknowledging_replica(
        &self,
        node: NodeIx,
        alive: impl Fn(NodeIx) -> bool,
    ) -> Option<NodeIx> {
        if self.primary != node || self.mode != Replication::SemiSynchronous {
            return None;
        }
        self.members
            .iter()
            .copied()
            .find(|&m| m != self.primary && alive(m))
    }

    /// Primary `node` committed a write of `version` at `now`: counts it and plans its way to every running replica
    /// (`apply_epoch` of each, `distance` from the primary): the delay of an in-transit write runs until it is
    /// applied (its arrival, or with an apply rate the end of its turn at the replica's applier). Nothing is
    /// shipped by a member that is not the primary.
    #[allow(clippy::too_many_arguments)] // the owner's views of the members, one closure each
    pub fn ship(
        &mut self,
        node: NodeIx,
        version: u32,
        now: SimTime,
        alive: impl Fn(NodeIx) -> bool,
        apply_epoch: impl Fn(NodeIx) -> u32,
        distance: impl Fn(NodeIx) -> SimDuration,
    ) -> &[(NodeIx, Shipment)] {
        self.shipments.clear();
        if !self.is_primary(node) {
            return &self.shipments;
        }
        self.committed += 1;
        let mut acked = self.mode != Replication::SemiSynchronous;
        for i in 0..self.members.len() {
            let m = self.members[i];
            if m == node || !alive(m) {
                continue;
            }
            if !acked {
                // The acknowledging replica received it before the ack; it applies its relay log before any
                // promotion, so it counts as applied.
                acked = true;
                self.shipments.push((m, Shipment::Received));
                continue;
            }
            let shipment = self.plan(i, now, apply_epoch(m), version, distance(m));
            self.shipments.push((m, shipment));
        }
        &self.shipments
    }

    /// A write of `version` the primary committed earlier and held back (a network partition cut replica `m`
    /// off) leaves for `m` at `now`, `distance` away, to be applied when the replica's `apply_epoch` still matches;
    /// planned as [`ReplicaSet::ship`] plans a fresh one, behind what `m`'s applier has planned already.
    /// `None` when `m` is not a member.
    pub fn ship_held(
        &mut self,
        m: NodeIx,
        version: u32,
        now: SimTime,
        apply_epoch: u32,
        distance: SimDuration,
    ) -> Option<Shipment> {
        let i = self.members.iter().position(|&x| x == m)?;
        Some(self.plan(i, now, apply_epoch, version, distance))
    }

    /// Plans one write's way to member `i` (`distance` away) from `now`: its delay until applied, and a slot.
    fn plan(
        &mut self,
        i: usize,
        now: SimTime,
        apply_epoch: u32,
        version: u32,
        distance: SimDuration,
    ) -> Shipment {
        let mut delay = SimDuration(self.rng.exponential_us(self.lag_mean_us)) + distance;
        if self.apply_mean_us > 0.0 {
            let start = (now + delay).max(self.applier_free[i]);
            let done = start + SimDuration(self.apply_rng.exponential_us(self.apply_mean_us));
            self.applier_free[i] = done;
            delay = done.since(now);
        }
        let entry = (apply_epoch, version);
        let slot = if let Some(slot) = self.free_slots.pop() {
            self.in_transit[slot as usize] = entry;
            slot
        } else {
            self.in_transit.push(entry);
            u32::try_from(self.in_transit.len() - 1).expect("writes in transit fit u32")
        };
        Shipment::InTransit { delay, slot }
    }

    /// Member `m` dropped every write in transit to it (it died, or was resynchronised): its applier is idle.
    pub fn forget_applier(&mut self, m: NodeIx) {
        if let Some(i) = self.members.iter().position(|&x| x == m) {
            self.applier_free[i] = SimTime::ZERO;
        }
    }

    /// What the last [`ReplicaSet::ship`] planned.
    #[must_use]
    pub fn last_shipments(&self) -> &[(NodeIx, Shipment)] {
        &self.shipments
    }

    /// Whether replicas apply at a limited rate.
    #[must_use]
    pub fn apply_limited(&self) -> bool {
        self.apply_mean_us > 0.0
    }

    /// The write in transit in `slot` arrived: its `(apply epoch, version)`; the slot is free again.
    pub fn arrived(&mut self, slot: u32) -> (u32, u32) {
        self.free_slots.push(slot);
        self.in_transit[slot as usize]
    }

    /// The failover after the primary died: the running member with the most writes applied (`applied` is `None`
    /// for members that are down; ties go to the earlier member) becomes primary, and what the lineage had
    /// acknowledged beyond its writes is lost. `None` when no member can take over.
    pub fn promote(&mut self, applied: impl Fn(NodeIx) -> Option<u64>) -> Option<Promotion> {
        let old = self.primary;
        let (new, applied) = self
            .members
            .iter()
            .copied()
            .filter(|&m| m != old)
            .filter_map(|m| applied(m).map(|a| (m, a)))
            // most writes applied; ties: earliest in member order (max_by_key keeps the last max, so negate)
            .max_by_key(|&(m, a)| (a, std::cmp::Reverse(m)))?;
        let lost = self.committed.saturating_sub(applied);
        self.committed = applied;
        self.primary = new;
        Some(Promotion { new, lost })
    }

    /// Whether `node` is the current primary (any member, when every member is a primary).
    #[must_use]
    pub fn is_primary(&self, node: NodeIx) -> bool {
        self.primary == node || (self.peers.is_some() && self.members.contains(&node))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Stream;

    fn set(mode: Replication) -> ReplicaSet {
        ReplicaSet::new(
            vec![NodeIx(0), NodeIx(1), NodeIx(2)],
            mode,
            SimDuration::from_ms(100),
            SimDuration::from_secs(10),
            SimDuration::from_secs(30),
            Rng::new(1, Stream::Replication, 0),
        )
    }

    #[test]
    fn writes_go_to_the_primary_and_reads_round_robin_over_the_nearest_replicas() {
        let mut s = set(Replication::Asynchronous);
        let up = |_| true;
        let near = |_| SimDuration::ZERO;
        assert_eq!(s.route(true, 0, SimTime::ZERO, up, near), NodeIx(0));
        let reads: Vec<_> = (0..4)
            .map(|_| s.route(false, 0, SimTime::ZERO, up, near))
            .collect();
        assert_eq!(reads, [NodeIx(1), NodeIx(2), NodeIx(1), NodeIx(2)]);
        // A replica across an ocean loses to a primary next door.
        let far = |m: NodeIx| SimDuration::from_ms(if m == NodeIx(0) { 0 } else { 35 });
        assert_eq!(s.route(false, 0, SimTime::ZERO, up, far), NodeIx(0));
        // With both replicas down, the primary serves reads.
        assert_eq!(
            s.route(false, 0, SimTime::ZERO, |m| m == NodeIx(0), near),
            NodeIx(0)
        );
    }

    #[test]
    fn asynchronous_writes_travel_to_every_running_replica_in_their_own_time() {
        let mut s = set(Replication::Asynchronous);
        let plan = s
            .ship(
                NodeIx(0),
                7,
                SimTime::ZERO,
                |m| m != NodeIx(2),
                |_| 3,
                |_| SimDuration::ZERO,
            )
            .to_vec();
        assert_eq!(s.committed, 1);
        let [(NodeIx(1), Shipment::InTransit { slot, .. })] = plan[..] else {
            panic!("one replica running: {plan:?}")
        };
        assert_eq!(s.arrived(slot), (3, 7));
        assert!(
            s.ship(
                NodeIx(1),
                8,
                SimTime::ZERO,
                |_| true,
                |_| 0,
                |_| SimDuration::ZERO
            )
            .is_empty(),
            "a replica ships nothing"
        );
        assert_eq!(s.committed, 1);
    }

    #[test]
    fn semi_synchronous_writes_are_received_by_the_first_running_replica() {
        let mut s = set(Replication::SemiSynchronous);
        assert_eq!(
            s.acknowledging_replica(NodeIx(0), |m| m != NodeIx(1)),
            Some(NodeIx(2))
        );
        assert_eq!(s.acknowledging_replica(NodeIx(1), |_| true), None);
        let plan = s
            .ship(
                NodeIx(0),
                1,
                SimTime::ZERO,
                |_| true,
                |_| 0,
                |_| SimDuration::ZERO,
            )
            .to_vec();
        assert_eq!(plan[0], (NodeIx(1), Shipment::Received));
        assert!(matches!(plan[1], (NodeIx(2), Shipment::InTransit { .. })));
    }

    #[test]
    fn a_users_reads_go_to_the_primary_within_the_window_after_their_own_write() {
        let mut s = set(Replication::Asynchronous).with_read_routing(
            SimDuration::from_ms(500),
            0.0,
            Rng::new(1, Stream::Routing, 0),
            true,
        );
        let (up, near) = (|_| true, |_| SimDuration::ZERO);
        s.note_own_write(7, SimTime(1_000_000), 42, 3);
        assert_eq!(
            s.own_write(7),
            Some(OwnWrite {
                at: SimTime(1_000_000),
                key: 42,
                version: 3
            })
        );
        assert_eq!(s.own_write(6), None, "user 6 never wrote");
        assert_eq!(s.route(false, 7, SimTime(1_499_999), up, near), NodeIx(0));
        assert_ne!(s.route(false, 7, SimTime(1_500_000), up, near), NodeIx(0));
        assert_ne!(s.route(false, 6, SimTime(1_100_000), up, near), NodeIx(0));
        // A dead primary cannot serve the window's reads: a replica does.
        assert_ne!(
            s.route(false, 7, SimTime(1_100_000), |m| m != NodeIx(0), near),
            NodeIx(0)
        );
        // The primary read share sends about that share of the other reads to the primary.
        let mut s = set(Replication::Asynchronous).with_read_routing(
            SimDuration::ZERO,
            0.25,
            Rng::new(1, Stream::Routing, 0),
            false,
        );
        let to_primary = (0..10_000)
            .filter(|_| s.route(false, 0, SimTime::ZERO, up, near) == NodeIx(0))
            .count();
        assert!(
            (2_300..2_700).contains(&to_primary),
            "{to_primary} of 10 000 reads (expected 2 500 ± 200, 4.6 standard deviations)"
        );
    }

    #[test]
    fn a_limited_applier_applies_in_commit_order_one_write_at_a_time() {
        let mut s = ReplicaSet::new(
            vec![NodeIx(0), NodeIx(1)],
            Replication::Asynchronous,
            SimDuration::ZERO,
            SimDuration::from_secs(10),
            SimDuration::from_secs(30),
            Rng::new(1, Stream::Replication, 0),
        )
        .with_apply_rate(500.0, Rng::new(1, Stream::ReplicaApply, 0));
        let delay = |plan: &[(NodeIx, Shipment)]| match plan {
            [(_, Shipment::InTransit { delay, .. })] => *delay,
            other => panic!("one write in transit: {other:?}"),
        };
        // Three writes committed at once: each waits for the one before, so the delays grow.
        let mut last = SimDuration::ZERO;
        let mut total = 0;
        for v in 1..=3 {
            let d = delay(s.ship(
                NodeIx(0),
                v,
                SimTime::ZERO,
                |_| true,
                |_| 0,
                |_| SimDuration::ZERO,
            ));
            assert!(
                d >= last,
                "write {v} applied before the one committed before it"
            );
            (last, total) = (d, d.as_us());
        }
        assert!(
            total > 0,
            "three exponential apply times of mean 2 ms add up"
        );
        // A replica that dropped its writes starts its next one from the write's arrival.
        s.forget_applier(NodeIx(1));
        let later = SimTime(10 * total);
        let d = delay(s.ship(NodeIx(0), 4, later, |_| true, |_| 0, |_| SimDuration::ZERO));
        assert!(d.as_us() < 10 * total, "an idle applier starts at once");
    }

    #[test]
    fn the_most_up_to_date_running_replica_is_promoted_and_the_rest_is_lost() {
        let mut s = set(Replication::Asynchronous);
        s.committed = 100;
        let applied = |m: NodeIx| match m.0 {
            1 => Some(90),
            2 => Some(97),
            _ => None,
        };
        assert_eq!(
            s.promote(applied),
            Some(Promotion {
                new: NodeIx(2),
                lost: 3
            })
        );
        assert!(s.is_primary(NodeIx(2)));
        assert_eq!(s.committed, 97);
        assert_eq!(s.promote(|_| None), None, "nobody left to promote");
    }
}
