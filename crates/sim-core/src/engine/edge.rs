//! The roles a request passes without waiting — a load balancer, a shard router, a CDN edge — each decided as the
//! request is sent, as of the time it reaches the node (`flow::forward`), and the DNS, whose lookup takes time.
//!
//! Deciding at send time is exact for everything a request's own time decides (a router's migration progress, a
//! CDN entry's expiry). What other requests and faults do between the sending and the reaching is seen one link
//! early: a balancer's choice uses its health view and counts when the request leaves the node before it (the
//! link is 20 ms from a browser, 250 µs inside a data center, against health checks a second apart), and a node
//! killed while the request is on that link is noticed on the way back, as "node down" at that node.

use super::flow::{complete, push_hop};
use super::request::Hop;
use super::{Role, Simulation};
use crate::components::EdgeLookup;
use crate::id::{NodeIx, ReqIx};
use crate::metrics::FailureCause;
use crate::time::{SimDuration, SimTime};

impl Simulation {
    /// A load balancer reached at `at` picks a healthy backend; the next node and the link to it.
    pub(super) fn pass_balancer(
        &mut self,
        h: ReqIx,
        lb: NodeIx,
        at: SimTime,
    ) -> Option<(NodeIx, SimDuration)> {
        let n = &mut self.nodes[lb];
        if !n.alive {
            self.fail_at(h, lb, FailureCause::NodeDown, at);
            return None;
        }
        let epoch = n.epoch;
        let Role::Lb(l) = &mut n.role else {
            unreachable!("a load balancer")
        };
        if l.max_connections > 0
            && l.balancer
                .backends
                .iter()
                .map(|b| b.outstanding)
                .sum::<u32>()
                >= l.max_connections
        {
            self.fail_at(h, lb, FailureCause::ConnectionLimit, at);
            return None;
        }
        let req = &mut self.requests[h];
        let Some(slot) = l.balancer.choose(&mut l.rng, req.session_user) else {
            self.fail_at(h, lb, FailureCause::NoHealthyBackend, at);
            return None;
        };
        let backend = &mut l.balancer.backends[slot];
        backend.outstanding += 1;
        let next = backend.node;
        push_hop(
            req,
            Hop {
                node: lb,
                epoch,
                slot: u32::try_from(slot).expect("slot fits u32"),
            },
        );
        Some((next, self.link_latency(lb, next)))
    }

    /// A shard router reached at `at` sends the request to the shard owning its key then (its old shard while the
    /// key is still being copied), and to the member of that shard's replica set that serves it.
    #[inline(never)]
    pub(super) fn pass_router(
        &mut self,
        h: ReqIx,
        router: NodeIx,
        at: SimTime,
    ) -> Option<(NodeIx, SimDuration)> {
        let n = &mut self.nodes[router];
        if !n.alive {
            self.fail_at(h, router, FailureCause::NodeDown, at);
            return None;
        }
        let epoch = n.epoch;
        let Role::Router(r) = &mut n.role else {
            unreachable!("a router")
        };
        let req = &mut self.requests[h];
        let shard = r.send(req.key, at);
        let target = r.shards[shard];
        push_hop(
            req,
            Hop {
                node: router,
                epoch,
                slot: u32::try_from(shard).expect("shard fits u32"),
            },
        );
        let to = self.route_data(h, router, target);
        Some((to, self.link_latency(router, to)))
    }

    /// A CDN edge reached at `at` answers from its cache, or fetches from the origin.
    #[inline(never)]
    pub(super) fn pass_edge(
        &mut self,
        h: ReqIx,
        cdn: NodeIx,
        at: SimTime,
    ) -> Option<(NodeIx, SimDuration)> {
        let n = &mut self.nodes[cdn];
        if !n.alive {
            self.fail_at(h, cdn, FailureCause::NodeDown, at);
            return None;
        }
        let epoch = n.epoch;
        let Role::Cdn(c) = &mut n.role else {
            unreachable!("a CDN")
        };
        let req = &mut self.requests[h];
        match c.lookup(req.key, at) {
            EdgeLookup::Hit { .. } => {
                self.succeed_at(h, cdn, at);
                None
            }
            EdgeLookup::Miss => {
                let (origin, link) = (c.origin, c.origin_latency);
                push_hop(
                    req,
                    Hop {
                        node: cdn,
                        epoch,
                        slot: 0,
                    },
                );
                Some((origin, link))
            }
        }
    }

    /// A DNS reached at `at` starts a lookup; it answers after its resolution time.
    #[inline(never)]
    pub(super) fn start_lookup(&mut self, h: ReqIx, dns: NodeIx, at: SimTime) {
        let n = &self.nodes[dns];
        if !n.alive {
            return self.fail_at(h, dns, FailureCause::NodeDown, at);
        }
        let Role::Dns(d) = &n.role else {
            unreachable!("a DNS")
        };
        let (done, epoch) = (at + d.resolution, n.epoch);
        let r = &mut self.requests[h];
        r.at = dns;
        r.at_epoch = epoch;
        let ticket = r.ticket;
        self.schedule(done, super::queue::Ev::Done { req: h, ticket });
    }

    /// The DNS finished a lookup: the user caches the answer and the browser goes to that address.
    pub(super) fn lookup_done(&mut self, h: ReqIx, dns: NodeIx) {
        let now = self.now;
        let (client, user) = (self.requests[h].client, self.requests[h].user);
        let from = self.nodes[client].region;
        let Role::Dns(d) = &mut self.nodes[dns].role else {
            unreachable!("a DNS")
        };
        let Some((address, expires)) = d.resolve(from).map(|a| (a, now + d.ttl)) else {
            return self.fail_at(h, dns, FailureCause::NodeDown, now);
        };
        complete(&mut self.nodes[dns]);
        let Role::Client(c, _) = &mut self.nodes[client].role else {
            unreachable!("requests come from clients");
        };
        c.cache_answer(user, address, expires);
        let half_rtt = c.half_rtt;
        let delay = half_rtt + self.distance(client, address);
        self.forward(h, client, address, delay);
    }
}
