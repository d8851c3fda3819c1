//! Multi-primary replica sets at run time (`components::multi_primary`): each commit checks whether another
//! primary's write to the key is still on its way (a conflict), each shipped write remembers the primary that
//! committed it, and a write whose primary died before it arrived is lost rather than applied. A dead primary needs
//! no failover: writes go to the nearest running one at once.

use super::{Role, Simulation};
use crate::id::NodeIx;

impl Simulation {
    /// Primary `node` of multi-primary set `s` commits a write to `key` now: counts a conflict when another
    /// primary's write to it has not arrived yet.
    pub(super) fn peer_commit(&mut self, s: u32, node: NodeIx, key: u32) {
        let now = self.now;
        let set = &mut self.sets[s as usize];
        let Some(i) = set.members.iter().position(|&m| m == node) else {
            return;
        };
        if let Some(peers) = &mut set.peers {
            peers.commit(i, key, now);
        }
    }

    /// Primary `node` of multi-primary set `s` just shipped its write to `key` (the set's last shipments): notes
    /// when each copy arrives and where it came from.
    pub(super) fn note_peer_shipments(&mut self, s: u32, node: NodeIx, key: u32) {
        let (now, epoch) = (self.now, self.nodes[node].epoch);
        let set = &mut self.sets[s as usize];
        let Some(mut peers) = set.peers.take() else {
            return;
        };
        for &(m, shipment) in set.last_shipments() {
            if let crate::components::Shipment::InTransit { delay, slot } = shipment
                && let Some(i) = set.members.iter().position(|&x| x == m)
            {
                peers.shipped(i, key, now, delay, slot, node, epoch);
            }
        }
        set.peers = Some(peers);
    }

    /// The write in transit in `slot` reached member `node` of set `s`: whether it still counts (`false`: its
    /// primary died after committing it, and it is lost — counted on that primary and the set).
    pub(super) fn peer_write_arrives(&mut self, s: usize, slot: u32) -> bool {
        let Some(peers) = &mut self.sets[s].peers else {
            return true;
        };
        let (origin, epoch) = peers.arrived(slot);
        if origin == NodeIx::NONE || self.nodes[origin].epoch == epoch {
            return true;
        }
        self.sets[s].lost_writes += 1;
        if let Role::Db(db) = &mut self.nodes[origin].role {
            db.lost_writes += 1;
        }
        false
    }

    /// A write to `key` is held for member `m` of set `s` across a network cut: until it is shipped, every commit
    /// of `key` at `m` conflicts with it.
    pub(super) fn peer_hold(&mut self, s: u32, m: NodeIx, key: u32) {
        let set = &mut self.sets[s as usize];
        if let Some(i) = set.members.iter().position(|&x| x == m)
            && let Some(peers) = &mut set.peers
        {
            peers.hold(i, key);
        }
    }

    /// A held write to `key` by `origin` left for member `m` of set `s` now, arriving after `delay` (slot `slot`).
    pub(super) fn peer_shipped_held(
        &mut self,
        s: u32,
        m: NodeIx,
        key: u32,
        delay: crate::time::SimDuration,
        slot: u32,
        origin: NodeIx,
    ) {
        let (now, epoch) = (self.now, self.nodes[origin].epoch);
        let set = &mut self.sets[s as usize];
        if let Some(i) = set.members.iter().position(|&x| x == m)
            && let Some(peers) = &mut set.peers
        {
            peers.shipped_held(i, key, now, delay, slot, origin, epoch);
        }
    }

    /// Multi-primary member `node` of set `s` died: the writes it committed that are still held for the others
    /// across a cut are lost (counted on it and the set).
    pub(super) fn peer_died(&mut self, s: u32, node: NodeIx) {
        let mut lost = 0;
        for i in 0..self.sets[s as usize].members.len() {
            let m = self.sets[s as usize].members[i];
            if let Role::Db(db) = &mut self.nodes[m].role {
                let before = db.held.len();
                db.held.retain(|h| h.3 != node);
                let dropped = (before - db.held.len()) as u64;
                db.behind -= dropped;
                lost += dropped;
            }
        }
        self.sets[s as usize].lost_writes += lost;
        if let Role::Db(db) = &mut self.nodes[node].role {
            db.lost_writes += lost;
        }
    }

    /// Member `node` of set `s` dropped every write in transit to it.
    pub(super) fn peer_forget(&mut self, s: u32, node: NodeIx) {
        let set = &mut self.sets[s as usize];
        if let Some(i) = set.members.iter().position(|&m| m == node)
            && let Some(peers) = &mut set.peers
        {
            peers.forget(i);
        }
    }

    /// Writes of member `node` concurrent with another primary's (`None` outside a multi-primary set).
    pub(crate) fn conflicts(&self, node: NodeIx) -> Option<u64> {
        let Role::Db(db) = &self.nodes[node].role else {
            return None;
        };
        let set = &self.sets[db.set? as usize];
        let i = set.members.iter().position(|&m| m == node)?;
        set.peers.as_ref().map(|p| p.conflicts[i])
    }
}
