//! Database replication: a primary ships every committed write to its read replicas, reads are spread over the
//! replicas, and when the primary has been down for the failover timeout the most up-to-date replica is promoted.
//!
//! Model. Each write reaches each replica after its own delay, exponential with the configured mean L (so, by
//! Little's law, a replica is on average w·L writes behind at write rate w). Asynchronous: the primary acknowledges
//! at commit, and writes still in transit when it dies are lost — about w·L of them (fewer with several replicas,
//! since the most up-to-date is promoted). Semi-synchronous (as MySQL's): the primary acknowledges a write only once
//! its first running replica has received it — one network round trip later — so that replica holds every
//! acknowledged write and, being the most up to date, is the one promoted: nothing acknowledged is lost.
//! After a promotion the lost primary is rebuilt as a replica once the provisioning delay has passed (or when the
//! user restores it). Replicas that rejoin, or that follow a new primary, are resynchronised from it.

use super::queue::Ev;
use super::{Role, Simulation};
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind};
use crate::model::Replication;
use crate::rng::Rng;
use crate::time::SimDuration;

/// A primary and its replicas.
#[derive(Clone, Debug)]
pub(crate) struct ReplicaSet {
    /// The configured primary first.
    pub members: Vec<NodeIx>,
    /// The current primary.
    pub primary: NodeIx,
    next_read: usize,
    pub mode: Replication,
    lag_mean_us: f64,
    failover_timeout: SimDuration,
    provision_delay: SimDuration,
    /// Writes acknowledged by the current primary's lineage (the yardstick for lost writes).
    pub committed: u64,
    rng: Rng,
    /// `(apply epoch, version)` of each write in transit, by slot: kept here rather than in the event so that every
    /// event fits 16 bytes and a queue entry 32 (the queue moves entries on every push and pop).
    in_transit: Vec<(u32, u32)>,
    /// Slots of `in_transit` free for reuse.
    free_slots: Vec<u32>,
}

impl ReplicaSet {
    pub(crate) fn new(
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
        }
    }
}

impl Simulation {
    fn set_of(&self, node: NodeIx) -> Option<u32> {
        match &self.nodes[node].role {
            Role::Db(db) => db.set,
            _ => None,
        }
    }

    /// Where a query node `from` addresses to database `target` goes: writes to the set's current primary, reads
    /// round robin over its nearest running replicas — or to the primary when it runs nearer than all of them (a
    /// data center reads its own copy rather than one across an ocean) or no replica runs. Targets outside a set
    /// are returned unchanged.
    pub(super) fn route_data(&mut self, from: NodeIx, target: NodeIx, write: bool) -> NodeIx {
        let Some(s) = self.set_of(target) else {
            return target;
        };
        let set = &self.sets[s as usize];
        let primary = set.primary;
        if write {
            return primary;
        }
        let nearest = set
            .members
            .iter()
            .filter(|&&m| m != primary && self.nodes[m].alive)
            .map(|&m| self.distance(from, m))
            .min();
        let Some(nearest) =
            nearest.filter(|&d| !self.nodes[primary].alive || d <= self.distance(from, primary))
        else {
            return primary;
        };
        let n = set.members.len();
        for i in 0..n {
            let m = self.sets[s as usize].members[(self.sets[s as usize].next_read + i) % n];
            if m != primary && self.nodes[m].alive && self.distance(from, m) == nearest {
                let set = &mut self.sets[s as usize];
                set.next_read = (set.next_read + i + 1) % n;
                return m;
            }
        }
        primary
    }

    /// Extra time a write at `node` waits before it is acknowledged: under semi-synchronous replication with a
    /// running replica, one network round trip to it (the replica must have *received* the write, not applied it;
    /// across regions that is the distance both ways); else zero.
    pub(super) fn write_ack_delay(&mut self, node: NodeIx, write: bool) -> SimDuration {
        if !write {
            return SimDuration::ZERO;
        }
        let Some(s) = self.set_of(node) else {
            return SimDuration::ZERO;
        };
        let set = &self.sets[s as usize];
        let has_sync_replica = set
            .members
            .iter()
            .any(|&m| m != set.primary && self.nodes[m].alive);
        if set.primary != node || set.mode != Replication::SemiSynchronous || !has_sync_replica {
            return SimDuration::ZERO;
        }
        let replica = set
            .members
            .iter()
            .copied()
            .find(|&m| m != set.primary && self.nodes[m].alive);
        replica.map_or(SimDuration::ZERO, |r| {
            self.link_latency(node, r) + self.link_latency(r, node)
        })
    }

    /// The primary `node` committed `version` of `key`: ship it to every running replica.
    pub(super) fn replicate(&mut self, node: NodeIx, key: u32, version: u32) {
        let now = self.now;
        let Some(s) = self.set_of(node) else { return };
        if self.sets[s as usize].primary != node {
            return;
        }
        self.sets[s as usize].committed += 1;
        let semi_sync = self.sets[s as usize].mode == Replication::SemiSynchronous;
        let members = self.sets[s as usize].members.clone();
        let mut acked = false;
        for m in members.into_iter().filter(|&m| m != node) {
            if !self.nodes[m].alive {
                continue;
            }
            if semi_sync && !acked {
                // The acknowledging replica received it before the ack (write_ack_delay); it applies its relay log
                // before any promotion, so it counts as applied.
                acked = true;
                self.apply_write(m, key, version);
                continue;
            }
            // A replica in another region also waits for the write to cross the distance.
            let far = self.distance(node, m);
            let set = &mut self.sets[s as usize];
            let lag = SimDuration(set.rng.exponential_us(set.lag_mean_us)) + far;
            let Role::Db(db) = &mut self.nodes[m].role else {
                unreachable!("set members are databases")
            };
            db.behind += 1;
            db.lag_max_us = db.lag_max_us.max(lag.as_us());
            let epoch = db.apply_epoch;
            let set = &mut self.sets[s as usize];
            let slot = if let Some(slot) = set.free_slots.pop() {
                set.in_transit[slot as usize] = (epoch, version);
                slot
            } else {
                set.in_transit.push((epoch, version));
                u32::try_from(set.in_transit.len() - 1).expect("writes in transit fit u32")
            };
            self.schedule(now + lag, Ev::ReplicaApply { node: m, key, slot });
        }
    }

    fn apply_write(&mut self, node: NodeIx, key: u32, version: u32) {
        let Role::Db(db) = &mut self.nodes[node].role else {
            unreachable!("set members are databases")
        };
        let k = key as usize;
        if db.versions.len() <= k {
            db.versions.resize(k + 1, 0);
        }
        db.versions[k] = db.versions[k].max(version);
        db.applied += 1;
    }

    pub(super) fn on_replica_apply(&mut self, node: NodeIx, key: u32, slot: u32) {
        let s = self.set_of(node).expect("applies go to set members") as usize;
        let (epoch, version) = self.sets[s].in_transit[slot as usize];
        self.sets[s].free_slots.push(slot);
        let Role::Db(db) = &mut self.nodes[node].role else {
            unreachable!("applies go to databases")
        };
        if db.apply_epoch != epoch {
            return; // dropped: the primary or this replica died while the write was in transit
        }
        db.behind -= 1;
        self.apply_write(node, key, version);
    }

    /// Forgets every write in transit to `node`.
    fn drop_in_transit(&mut self, node: NodeIx) {
        if let Role::Db(db) = &mut self.nodes[node].role {
            db.apply_epoch += 1;
            db.behind = 0;
        }
    }

    /// Makes `node` an exact copy of its set's current primary.
    fn resync(&mut self, node: NodeIx, s: u32) {
        self.drop_in_transit(node);
        let set = &self.sets[s as usize];
        let committed = set.committed;
        let versions = match &self.nodes[set.primary].role {
            Role::Db(p) => p.versions.clone(),
            _ => Vec::new(),
        };
        if let Role::Db(db) = &mut self.nodes[node].role {
            db.versions = versions;
            db.applied = committed;
        }
    }

    /// A database node was killed.
    pub(super) fn on_database_killed(&mut self, node: NodeIx) {
        let Some(s) = self.set_of(node) else { return };
        self.drop_in_transit(node);
        if self.sets[s as usize].primary == node {
            let members = self.sets[s as usize].members.clone();
            for m in members {
                self.drop_in_transit(m);
            }
            let at = self.now + self.sets[s as usize].failover_timeout;
            self.schedule(at, Ev::FailoverCheck { set: s });
        }
    }

    /// A database node was restored: a primary keeps its role (its replicas catch up), anything else rejoins as
    /// a replica of the current primary.
    pub(super) fn on_database_restored(&mut self, node: NodeIx) {
        let Some(s) = self.set_of(node) else { return };
        let set = &self.sets[s as usize];
        if set.primary == node {
            let replicas: Vec<NodeIx> =
                set.members.iter().copied().filter(|&m| m != node).collect();
            for m in replicas {
                if self.nodes[m].alive {
                    self.resync(m, s);
                }
            }
        } else {
            self.resync(node, s);
        }
    }

    pub(super) fn on_failover_check(&mut self, s: u32) {
        let now = self.now;
        let set = &self.sets[s as usize];
        let old = set.primary;
        if self.nodes[old].alive {
            return; // restored before the timeout
        }
        let candidate = set
            .members
            .iter()
            .copied()
            .filter(|&m| m != old && self.nodes[m].alive)
            .max_by_key(|&m| match &self.nodes[m].role {
                // most writes applied; ties: earliest in member order (max_by_key keeps the last max, so negate)
                Role::Db(db) => (db.applied, std::cmp::Reverse(m)),
                _ => (0, std::cmp::Reverse(m)),
            });
        let old_label = self.nodes[old].label.clone();
        let Some(new) = candidate else {
            let message = format!(
                "{old_label} (primary) is down and no replica is running to promote: writes fail"
            );
            let id = self.nodes[old].id;
            self.log.push(LogEntry {
                at: now,
                node: id,
                kind: LogKind::NoFailover,
                message,
            });
            let at = now + self.sets[s as usize].failover_timeout;
            self.schedule(at, Ev::FailoverCheck { set: s });
            return;
        };
        let applied = match &self.nodes[new].role {
            Role::Db(db) => db.applied,
            _ => 0,
        };
        let set = &mut self.sets[s as usize];
        let lost = set.committed.saturating_sub(applied);
        set.committed = applied;
        set.primary = new;
        let provision_at = now + set.provision_delay;
        let members = set.members.clone();
        if let Role::Db(db) = &mut self.nodes[new].role {
            db.lost_writes += lost;
            db.behind = 0;
            db.apply_epoch += 1;
        }
        for m in members {
            if m != new && m != old && self.nodes[m].alive {
                self.resync(m, s);
            }
        }
        let n = &self.nodes[new];
        let message = format!(
            "{} promoted to primary ({old_label} down for {:.0} s); {lost} acknowledged writes had not reached it and are lost",
            n.label,
            self.sets[s as usize].failover_timeout.as_ms_f64() / 1e3
        );
        self.log.push(LogEntry {
            at: now,
            node: n.id,
            kind: LogKind::Promoted { lost_writes: lost },
            message,
        });
        self.schedule(provision_at, Ev::Provision { node: old });
    }

    pub(super) fn on_provision(&mut self, node: NodeIx) {
        let now = self.now;
        let Some(s) = self.set_of(node) else { return };
        if self.nodes[node].alive {
            return; // the user restored it meanwhile; it rejoined as a replica then
        }
        if self.regions_down.contains(&self.nodes[node].region) {
            // Nothing is rebuilt in a data center that is down: the node rejoins as a replica when its data center
            // is back (`restore`).
            return;
        }
        self.nodes[node].alive = true;
        self.nodes[node].down_since = None;
        self.resync(node, s);
        let primary = self.nodes[self.sets[s as usize].primary].label.clone();
        let n = &self.nodes[node];
        let message = format!("{} was rebuilt as a read replica of {primary}", n.label);
        self.log.push(LogEntry {
            at: now,
            node: n.id,
            kind: LogKind::Restored,
            message,
        });
    }

    /// The node whose data is authoritative for queries addressed to `target`: its set's current primary, or
    /// `target` itself outside a set.
    pub(super) fn authority(&self, target: NodeIx) -> NodeIx {
        self.set_of(target)
            .map_or(target, |s| self.sets[s as usize].primary)
    }

    /// Version of `key` held by database `node` (0 for other kinds).
    pub(super) fn data_version(&self, node: NodeIx, key: u32) -> u32 {
        match &self.nodes[node].role {
            Role::Db(db) => db.version(key),
            _ => 0,
        }
    }

    /// Whether `node` is the current primary of a replica set (`None` outside a set).
    pub(crate) fn is_primary(&self, node: NodeIx) -> Option<bool> {
        self.set_of(node)
            .map(|s| self.sets[s as usize].primary == node)
    }
}
