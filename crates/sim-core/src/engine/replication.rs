//! Database replication at run time: applies the replica-set kernel's plans (`components::replication`) to the
//! databases — routing queries to the current primary or a replica, shipping committed writes, applying them when
//! they arrive, and the failover after the primary died: the most up-to-date replica is promoted, the lost primary
//! is rebuilt as a replica after the provisioning delay (or when the user restores it), and replicas that rejoin or
//! follow a new primary are resynchronised from it.

use super::partition::crosses;
use super::queue::Ev;
use super::{Role, Simulation};
use crate::components::Shipment;
use crate::id::{NodeIx, ReqIx};
use crate::metrics::{LogEntry, LogKind, LogText};
use crate::time::SimDuration;

impl Simulation {
    fn set_of(&self, node: NodeIx) -> Option<u32> {
        match &self.nodes[node].role {
            Role::Db(db) => db.set,
            _ => None,
        }
    }

    /// Where request `h`'s query, sent by node `from` to database `target`, goes (see `ReplicaSet::route`);
    /// targets outside a set are returned unchanged. A read sent to a replica that has not applied its user's
    /// latest write (when the set tracks users) counts as a stale own read there, as of this moment.
    pub(super) fn route_data(&mut self, h: ReqIx, from: NodeIx, target: NodeIx) -> NodeIx {
        let Some(s) = self.set_of(target) else {
            return target;
        };
        let (write, user) = (self.requests[h].is_write(), self.requests[h].session_user);
        let (nodes, regions, cut) = (&self.nodes, &self.nodes, &self.cuts);
        let set = &mut self.sets[s as usize];
        let to = set.route(
            write,
            user,
            self.now,
            |m| nodes[m].alive && !crosses(nodes, cut, from, m),
            |m| super::cdn::region_distance(regions[from].region, regions[m].region),
        );
        if !write
            && to != set.primary
            && let Some(own) = set.own_write(user)
            && self.data_version(to, own.key) < own.version
            && let Role::Db(db) = &mut self.nodes[to].role
        {
            db.stale_own_reads += 1;
        }
        to
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
        let (nodes, cut) = (&self.nodes, &self.cuts);
        self.sets[s as usize]
            .acknowledging_replica(node, |m| nodes[m].alive && !crosses(nodes, cut, node, m))
            .map_or(SimDuration::ZERO, |r| {
                self.link_latency(node, r) + self.link_latency(r, node)
            })
    }

    /// The primary `node` committed `user`'s write of `version` of `key`: remember it as the user's latest and
    /// ship it to every running replica.
    pub(super) fn replicate(&mut self, node: NodeIx, user: u32, key: u32, version: u32) {
        let now = self.now;
        let Some(s) = self.set_of(node) else { return };
        if self.sets[s as usize].is_primary(node) {
            self.sets[s as usize].note_own_write(user, now, key, version);
        }
        let multi = self.sets[s as usize].peers.is_some();
        if multi {
            self.peer_commit(s, node, key);
        }
        let (nodes, cut) = (&self.nodes, &self.cuts);
        let plan = self.sets[s as usize].ship(
            node,
            version,
            now,
            |m| nodes[m].alive && !crosses(nodes, cut, node, m),
            |m| match &nodes[m].role {
                Role::Db(db) => db.apply_epoch,
                _ => 0,
            },
            |m| super::cdn::region_distance(nodes[node].region, nodes[m].region),
        );
        for &(m, shipment) in plan {
            match shipment {
                Shipment::Received => apply_write(&mut self.nodes[m].role, key, version),
                Shipment::InTransit { delay, slot } => {
                    let Role::Db(db) = &mut self.nodes[m].role else {
                        unreachable!("set members are databases")
                    };
                    db.behind += 1;
                    db.lag_max_us = db.lag_max_us.max(delay.as_us());
                    db.lag_sum_us += delay.as_us();
                    db.lag_count += 1;
                    self.windows.record_replication_lag(delay.as_us());
                    self.queue
                        .push(now + delay, Ev::ReplicaApply { node: m, key, slot });
                }
            }
        }
        if multi {
            self.note_peer_shipments(s, node, key);
        }
        self.hold_across_cut(node, s, key, version);
    }

    pub(super) fn on_replica_apply(&mut self, node: NodeIx, key: u32, slot: u32) {
        let s = self.set_of(node).expect("applies go to set members") as usize;
        let (epoch, version) = self.sets[s].arrived(slot);
        let counts = self.peer_write_arrives(s, slot);
        let Role::Db(db) = &mut self.nodes[node].role else {
            unreachable!("applies go to databases")
        };
        if db.apply_epoch != epoch {
            return; // dropped: the primary or this replica died while the write was in transit
        }
        db.behind -= 1;
        if !counts {
            return; // lost: its primary died (multi-primary) before it arrived
        }
        apply_write(&mut self.nodes[node].role, key, version);
    }

    /// Forgets every write in transit to `node` (and frees its applier).
    fn drop_in_transit(&mut self, node: NodeIx) {
        if let Role::Db(db) = &mut self.nodes[node].role {
            db.apply_epoch += 1;
            db.behind = 0;
            db.held.clear();
            if let Some(s) = db.set {
                self.sets[s as usize].forget_applier(node);
                self.peer_forget(s, node);
            }
        }
    }

    /// Makes `node` an exact copy of its set's current primary.
    fn resync(&mut self, node: NodeIx, s: u32) {
        self.drop_in_transit(node);
        let set = &self.sets[s as usize];
        let committed = set.committed;
        // Multi-primary: a copy of the first running other primary (none: it keeps its own data).
        let source = if set.peers.is_some() {
            let nodes = &self.nodes;
            let other = set
                .members
                .iter()
                .copied()
                .find(|&m| m != node && nodes[m].alive);
            other.unwrap_or(node)
        } else {
            set.primary
        };
        let versions = match &self.nodes[source].role {
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
        if self.sets[s as usize].peers.is_some() {
            self.peer_died(s, node);
            return; // the other primaries take its writes at once: no failover
        }
        if self.sets[s as usize].is_primary(node) {
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
        if set.is_primary(node) && set.peers.is_none() {
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
        let old = self.sets[s as usize].primary;
        if self.nodes[old].alive {
            return; // restored before the timeout
        }
        let old_label = self.nodes[old].label.clone();
        let nodes = &self.nodes;
        let promotion = self.sets[s as usize].promote(|m| match &nodes[m].role {
            Role::Db(db) if nodes[m].alive => Some(db.applied),
            _ => None,
        });
        let Some(promotion) = promotion else {
            let message = format!(
                "{old_label} (primary) is down and no replica is running to promote: writes fail"
            );
            let id = self.nodes[old].id;
            self.log.push(LogEntry {
                at: now,
                node: id,
                kind: LogKind::NoFailover,
                message,
                text: vec![LogText::new("no_failover").name("node", old_label)],
            });
            let at = now + self.sets[s as usize].failover_timeout;
            self.schedule(at, Ev::FailoverCheck { set: s });
            return;
        };
        let (new, lost) = (promotion.new, promotion.lost);
        self.sets[s as usize].failovers += 1;
        self.sets[s as usize].lost_writes += lost;
        let set = &self.sets[s as usize];
        let provision_at = now + set.provision_delay;
        let members = set.members.clone();
        if let Role::Db(db) = &mut self.nodes[new].role {
            db.lost_writes += lost;
            db.behind = 0;
            db.held.clear();
            db.apply_epoch += 1;
        }
        for m in members {
            if m != new && m != old && self.nodes[m].alive {
                self.resync(m, s);
            }
        }
        let n = &self.nodes[new];
        let down_s = self.sets[s as usize].failover_timeout.as_ms_f64() / 1e3;
        let message = format!(
            "{} promoted to primary ({old_label} down for {down_s:.0} s); {lost} acknowledged writes had not reached it and are lost",
            n.label,
        );
        let text = LogText::new("promoted")
            .name("node", n.label.clone())
            .name("old", old_label)
            .value("seconds", down_s, 0)
            .count("lost", lost);
        self.log.push(LogEntry {
            at: now,
            node: n.id,
            kind: LogKind::Promoted { lost_writes: lost },
            message,
            text: vec![text],
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
        self.nodes[node].came_up(now);
        self.resync(node, s);
        self.station_restored(node);
        let primary = self.nodes[self.sets[s as usize].primary].label.clone();
        let n = &self.nodes[node];
        let message = format!("{} was rebuilt as a read replica of {primary}", n.label);
        let text = LogText::new("rebuilt")
            .name("node", n.label.clone())
            .name("primary", primary);
        self.log.push(LogEntry {
            at: now,
            node: n.id,
            kind: LogKind::Restored,
            message,
            text: vec![text],
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
            .map(|s| self.sets[s as usize].is_primary(node))
    }
}

/// A replica (or the acknowledging one) applies `version` of `key`.
fn apply_write(role: &mut Role, key: u32, version: u32) {
    let Role::Db(db) = role else {
        unreachable!("set members are databases")
    };
    let k = key as usize;
    if db.versions.len() <= k {
        db.versions.resize(k + 1, 0);
    }
    db.versions[k] = db.versions[k].max(version);
    db.applied += 1;
}
