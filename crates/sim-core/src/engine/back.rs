//! The answer's way back: from the deepest node it reached, through every node on its path, to its user. Each hop
//! back is a fixed latency, so the whole walk is done when the answer leaves the deepest node, each node counting
//! it then; and nothing on the last mile can fail it, so the user's receipt is recorded then too, stamped with the
//! time it reaches the user (the window it counts in, the graded interval and its latency are those of that time).
//! Only an answer whose receipt falls beyond the next metrics window is delivered by an event.

use super::queue::Ev;
use super::{Role, Simulation};
use crate::id::{NodeIx, ReqIx};
use crate::metrics::FailureCause;
use crate::model::WritePolicy;
use crate::time::{SimDuration, SimTime};

impl Simulation {
    /// The answer to request `h` leaves `from` (the deepest node it reached) at `at` and travels back through its
    /// path. Every node on the way counts it; a node that died meanwhile turns a success into "node down", a web
    /// server past its timeout into "timeout"; caches and CDN edges keep what passes.
    pub(super) fn walk_back(
        &mut self,
        h: ReqIx,
        from: NodeIx,
        at: SimTime,
        mut failure: Option<FailureCause>,
    ) {
        let req = &self.requests[h];
        let mut back = SimDuration::ZERO;
        let mut prev = from;
        for d in (0..usize::from(req.depth)).rev() {
            let hop = req.path[d];
            back = back + self.link_latency(prev, hop.node);
            prev = hop.node;
            let n = &mut self.nodes[hop.node];
            if !n.alive || n.epoch != hop.epoch {
                if failure.is_none() {
                    failure = Some(FailureCause::NodeDown);
                    n.counters.failed_here += 1;
                    self.traffic.failed_here(hop.node, FailureCause::NodeDown);
                    self.measured
                        .record_failed_here(at, hop.node, FailureCause::NodeDown);
                }
                n.counters.failed += 1;
                continue;
            }
            match &mut n.role {
                Role::Lb(lb) => {
                    let b = &mut lb.balancer.backends[hop.slot as usize];
                    debug_assert!(b.outstanding > 0, "an answer for a backend with none out");
                    b.outstanding = b.outstanding.saturating_sub(1);
                }
                Role::Web(w) => {
                    if failure.is_none() && at.since(req.web_arrival) > w.timeout {
                        failure = Some(FailureCause::Timeout);
                        n.counters.failed_here += 1;
                        self.traffic.failed_here(hop.node, FailureCause::Timeout);
                        self.measured
                            .record_failed_here(at, hop.node, FailureCause::Timeout);
                    }
                }
                Role::Cache(cache) => {
                    if failure.is_none() {
                        match (req.is_write(), cache.write_policy) {
                            (false, _) | (true, WritePolicy::WriteThrough) => {
                                cache.store.insert(req.key, req.version, at);
                            }
                            (true, WritePolicy::Invalidate) => {
                                cache.store.invalidate(req.key);
                            }
                            (true, WritePolicy::Nothing) => {}
                        }
                    }
                }
                Role::Cdn(cdn) => {
                    if failure.is_none() {
                        cdn.fill(req.key, at);
                    }
                }
                Role::Client(..)
                | Role::Dns(_)
                | Role::Db(_)
                | Role::Store(_)
                | Role::Queue(_)
                | Role::Workers(_)
                | Role::Router(_) => {}
            }
            if failure.is_some() {
                n.counters.failed += 1;
            } else {
                super::flow::complete(n);
            }
        }
        let client = req.client;
        let Role::Client(c, _) = &self.nodes[client].role else {
            unreachable!("requests come from clients");
        };
        // The last mile: from a CDN edge, or over the internet from the data center.
        let last_mile = match &self.nodes[prev].role {
            Role::Cdn(cdn) => cdn.edge_half_rtt,
            _ => c.half_rtt + self.distance(prev, client),
        };
        let received = at + back + last_mile;
        let r = &mut self.requests[h];
        r.depth = 0;
        r.at = super::NOWHERE;
        if received < self.windows.horizon() {
            self.receive(h, received, failure);
        } else {
            r.failure = failure;
            self.schedule(received, Ev::ClientReceive { req: h });
        }
    }
}
