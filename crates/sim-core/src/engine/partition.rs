//! Network partitions (issue 17): a data center cut off from every other one until the link heals.
//!
//! Model. While region R is cut off, the servers in it keep running, and users and the global services (DNS, CDN)
//! still reach them; what stops is every path between a server in R and a server in another region:
//! - a request sent across the cut fails where it would arrive, as "partition" (`flow::forward`);
//! - a load balancer's health check of a backend across the cut fails, and a GeoDNS's check of a target in R fails
//!   (its checkers run outside R), so the balancer and the DNS route around R after their usual detection (and
//!   the DNS's users after their TTL), as for an outage;
//! - a replica set's reads go to the members the reader can reach, and replication across the cut stops: the
//!   primary keeps committing (asynchronously: the partition does not promote anyone) and holds each write for
//!   each replica across the cut, which counts it as behind. At a write rate w the backlog grows as w·t.
//!
//! When the partition heals, the held writes are shipped at once in commit order, each with a fresh shipping delay
//! (the replication delay plus the distance), so with unlimited apply rate the backlog is gone one link latency
//! later; with an apply rate r the replica's applier works through it in commit order while new writes join behind
//! it: a backlog B drains in B/(r − w) (the applier serves r a second and w keep arriving). A write's recorded lag
//! runs from its commit, the wait at the cut included.
//!
//! A single link can be cut too (`FaultEvent::peer`): then only messages between those two nodes stop — requests
//! over it, the balancer's or the GeoDNS's health check over it, replication over it — with the same holding and
//! draining.

use super::queue::Ev;
use super::{Nodes, Role, Simulation};
use crate::components::Shipment;
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind, LogText};
use crate::model::Region;

/// What network partitions are in force: data centers cut off from the others, and single links cut.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cuts {
    /// Data centers cut off from every other one.
    pub regions: Vec<Region>,
    /// Links cut, each an unordered pair of nodes.
    pub links: Vec<(NodeIx, NodeIx)>,
}

impl Cuts {
    /// Whether the link between `a` and `b` (either way) is cut.
    fn link(&self, a: NodeIx, b: NodeIx) -> bool {
        self.links.contains(&(a, b)) || self.links.contains(&(b, a))
    }
}

/// Whether a message between nodes `a` and `b` crosses a partition under `cuts`: their link is cut, or both run in
/// data centers (neither is a global service), in different ones, and one of them is cut off.
#[inline]
pub(super) fn crosses(nodes: &Nodes, cuts: &Cuts, a: NodeIx, b: NodeIx) -> bool {
    if cuts.regions.is_empty() && cuts.links.is_empty() {
        return false;
    }
    let (na, nb) = (&nodes[a], &nodes[b]);
    cuts.link(a, b)
        || (na.region != nb.region
            && !na.kind.is_global()
            && !nb.kind.is_global()
            && (cuts.regions.contains(&na.region) || cuts.regions.contains(&nb.region)))
}

impl Simulation {
    /// Whether a message between nodes `a` and `b` crosses a partition now (see [`crosses`]).
    #[inline]
    pub(super) fn crosses_cut(&self, a: NodeIx, b: NodeIx) -> bool {
        crosses(&self.nodes, &self.cuts, a, b)
    }

    /// Whether a GeoDNS `dns`'s health check of `target` fails for a partition: the link between them is cut, or
    /// the target's data center is cut off (the checkers run outside it; never for a global service).
    pub(super) fn check_cut(&self, dns: NodeIx, target: NodeIx) -> bool {
        self.cuts.link(dns, target) || self.is_cut_off(target)
    }

    /// Whether node `node`'s data center is cut off now (never for a global service).
    pub(super) fn is_cut_off(&self, node: NodeIx) -> bool {
        let n = &self.nodes[node];
        !n.kind.is_global() && self.cuts.regions.contains(&n.region)
    }

    /// The fault `Partition` (`cut`) or `Heal` on node `node` — with a `peer`, on the link between them: its data
    /// center (or the link) is cut off, or is connected again and the writes held across the cut are shipped. A
    /// no-op when it already is in that state, or for a global node's data center.
    pub(super) fn partition(&mut self, node: NodeIx, peer: Option<NodeIx>, cut: bool) {
        let (message, text, kind) = if let Some(peer) = peer {
            if self.cuts.link(node, peer) == cut || node == peer {
                return;
            }
            if cut {
                self.cuts.links.push((node, peer));
            } else {
                self.cuts
                    .links
                    .retain(|&l| l != (node, peer) && l != (peer, node));
            }
            let (a, b) = (
                self.nodes[node].label.clone(),
                self.nodes[peer].label.clone(),
            );
            if cut {
                (
                    format!(
                        "The link between {a} and {b} is cut: requests, health checks and replication over it fail"
                    ),
                    LogText::new("link_cut").name("node", a).name("peer", b),
                    LogKind::Partitioned,
                )
            } else {
                let shipped = self.ship_held_writes();
                (
                    format!(
                        "The link between {a} and {b} is restored: {shipped} writes held for replicas across it are \
                         shipped"
                    ),
                    LogText::new("link_restored")
                        .name("node", a)
                        .name("peer", b)
                        .count("count", shipped),
                    LogKind::Healed,
                )
            }
        } else {
            let n = &self.nodes[node];
            let region = n.region;
            if n.kind.is_global() || self.cuts.regions.contains(&region) == cut {
                return;
            }
            if cut {
                self.cuts.regions.push(region);
                (
                    format!(
                        "Data center {} is cut off from the others: requests, health checks and replication across \
                         the cut fail",
                        region.title()
                    ),
                    LogText::new("partitioned").name("region", region.title()),
                    LogKind::Partitioned,
                )
            } else {
                self.cuts.regions.retain(|&r| r != region);
                let shipped = self.ship_held_writes();
                (
                    format!(
                        "The partition of data center {} healed: {shipped} writes held for replicas across it are \
                         shipped",
                        region.title()
                    ),
                    LogText::new("healed")
                        .name("region", region.title())
                        .count("count", shipped),
                    LogKind::Healed,
                )
            }
        };
        let id = self.nodes[node].id;
        self.log.push(LogEntry {
            at: self.now,
            node: id,
            kind,
            message,
            text: vec![text],
        });
    }

    /// Primary `primary` committed `version` of `key` now: holds it for every running replica across a cut
    /// (they count it as behind). Called after the set shipped it to the replicas it reaches.
    pub(super) fn hold_across_cut(&mut self, primary: NodeIx, s: u32, key: u32, version: u32) {
        if (self.cuts.regions.is_empty() && self.cuts.links.is_empty())
            || !self.sets[s as usize].is_primary(primary)
        {
            return;
        }
        let now = self.now;
        for i in 0..self.sets[s as usize].members.len() {
            let m = self.sets[s as usize].members[i];
            if m == primary || !self.nodes[m].alive || !self.crosses_cut(primary, m) {
                continue;
            }
            if let Role::Db(db) = &mut self.nodes[m].role {
                db.held.push((key, version, now, primary));
                db.behind += 1;
            }
            self.peer_hold(s, m, key);
        }
    }

    /// Ships every held write whose replica its primary reaches again, in commit order; how many.
    fn ship_held_writes(&mut self) -> u64 {
        let now = self.now;
        let mut shipped = 0;
        for m in self.nodes.indices() {
            let (s, epoch) = match &self.nodes[m].role {
                Role::Db(db) if !db.held.is_empty() => (db.set, db.apply_epoch),
                _ => continue,
            };
            let Some(s) = s else { continue };
            let Role::Db(db) = &mut self.nodes[m].role else {
                unreachable!("matched above")
            };
            let held = std::mem::take(&mut db.held);
            // Writes whose primary is still cut off by another partition stay held, in commit order.
            let (still, held): (Vec<_>, Vec<_>) = held
                .into_iter()
                .partition(|h| crosses(&self.nodes, &self.cuts, h.3, m));
            if let Role::Db(db) = &mut self.nodes[m].role {
                db.held = still;
            }
            for (key, version, committed, origin) in held {
                let distance = self.distance(origin, m);
                let set = &mut self.sets[s as usize];
                let Some(Shipment::InTransit { delay, slot }) =
                    set.ship_held(m, version, now, epoch, distance)
                else {
                    continue;
                };
                self.peer_shipped_held(s, m, key, delay, slot, origin);
                let lag_us = now.since(committed).as_us() + delay.as_us();
                if let Role::Db(db) = &mut self.nodes[m].role {
                    db.lag_max_us = db.lag_max_us.max(lag_us);
                    db.lag_sum_us += lag_us;
                    db.lag_count += 1;
                }
                self.windows.record_replication_lag(lag_us);
                self.queue
                    .push(now + delay, Ev::ReplicaApply { node: m, key, slot });
                shipped += 1;
            }
        }
        shipped
    }

    /// The links cut now (each pair of nodes once), for the views.
    pub(super) fn cut_links(&self) -> impl Iterator<Item = (NodeIx, NodeIx)> + '_ {
        self.cuts.links.iter().copied()
    }
}
