//! How a request moves: it is sent from node to node, and every hop whose outcome is known when it leaves the node
//! before it takes no event of its own. A load balancer's choice, a shard router's and a CDN edge's lookup are made
//! as the request is sent, at the time it would reach them, and the request goes on at once to the next node that
//! makes it wait: a station (`stations`), a DNS lookup (`edge`) or a message queue. The answer walks back
//! (`back`). Each role's part is its own handler: `edge` for the nodes passed without waiting, `web` and `data` for
//! what a station does when a request's service ends.
//!
//! Accounting rule: a node counts a request `arrived` when it is sent there (for a node passed on the way, the same
//! instant) and holds it from then on; it counts it `completed` or `failed` when the answer leaves it on the way
//! back. A node that is down (or was restarted) when the answer comes back fails it with "node down". So at every
//! instant, per node, arrived = completed + failed + in flight.

use super::queue::Ev;
use super::request::{Hop, MAX_DEPTH, Request};
use super::{NodeRt, Role, Simulation};
use crate::id::{NodeIx, ReqIx};
use crate::metrics::FailureCause;
use crate::time::{SimDuration, SimTime};

pub(super) fn complete(n: &mut NodeRt) {
    n.counters.completed += 1;
    n.window_completed += 1;
}

impl Simulation {
    pub(super) fn dispatch(&mut self, ev: Ev) {
        match ev {
            Ev::Fault(i) => self.apply_fault(i),
            Ev::ClientArrival { node } => self.on_client_arrival(node),
            Ev::Arrive { req, node, ticket } => self.on_arrive(req, node, ticket),
            Ev::Done { req, ticket } => self.on_done(req, ticket),
            Ev::Expire { req, ticket } => self.on_expire(req, ticket),
            Ev::ClientReceive { req } => self.on_client_receive(req),
            Ev::HealthCheck { node } => self.on_health_check(node),
            Ev::WindowClose => self.on_window_close(),
            Ev::ReplicaApply { node, key, slot } => self.on_replica_apply(node, key, slot),
            Ev::FailoverCheck { set } => self.on_failover_check(set),
            Ev::Provision { node } => self.on_provision(node),
            Ev::Resume { req, node, epoch } => self.on_resume(req, node, epoch),
            Ev::JobDone { node, epoch, slot } => self.on_job_done(node, epoch, slot),
            Ev::ScaleTick { node } => self.on_scale_tick(node),
            Ev::DnsCheck { node } => self.on_dns_check(node),
            Ev::WorkersReady { node, count } => self.on_workers_ready(node, count),
            Ev::RandomFailure { node } => self.on_random_failure(node),
            Ev::Repair { node } => self.on_repair(node),
            Ev::SecondFailure { node } => self.on_second_failure(node),
            Ev::SecondRepair { node } => self.on_second_repair(node),
            Ev::Takeover { node, takeover } => self.on_takeover(node, takeover),
        }
    }

    /// Request `h` is sent by `from` to `to`, which it reaches after `delay`. The nodes passed without waiting
    /// decide at once, as of the time the request reaches them, and it goes on; the first node that makes it wait
    /// takes it.
    pub(super) fn forward(
        &mut self,
        h: ReqIx,
        mut from: NodeIx,
        mut to: NodeIx,
        mut delay: SimDuration,
    ) {
        let kind = self.requests[h].kind;
        loop {
            let at = self.now + delay;
            self.traffic.arrive(from, to, kind);
            let n = &mut self.nodes[to];
            n.counters.arrived += 1;
            if self.crosses_cut(from, to) {
                return self.fail_at(h, to, FailureCause::Partition, at);
            }
            let n = &self.nodes[to];
            let next = match &n.role {
                Role::Lb(_) => self.pass_balancer(h, to, at),
                Role::Router(_) => self.pass_router(h, to, at),
                Role::Cdn(_) => self.pass_edge(h, to, at),
                Role::Dns(_) => return self.start_lookup(h, to, at),
                Role::Web(_) | Role::Db(_) | Role::Cache(_) | Role::Store(_) => {
                    return self.reach_station(h, to, delay);
                }
                Role::Queue(_) => return self.send_ahead(h, to, at),
                Role::Client(..) | Role::Workers(_) => {
                    unreachable!("validation forbids request edges into clients and workers")
                }
            };
            let Some((next, link)) = next else { return };
            from = to;
            to = next;
            delay = delay + link;
        }
    }

    /// Request `h` reaches `to` at `at` by an event, its admission to be decided then.
    #[inline(never)]
    pub(super) fn send_ahead(&mut self, h: ReqIx, to: NodeIx, at: SimTime) {
        let r = &mut self.requests[h];
        r.at = to;
        let ticket = r.ticket;
        self.schedule(
            at,
            Ev::Arrive {
                req: h,
                node: to,
                ticket,
            },
        );
    }

    /// Request `h` leaves `from` (which it passes again on its way back) for `to`, after the link's latency.
    pub(super) fn send_on(&mut self, h: ReqIx, from: NodeIx, to: NodeIx) {
        let epoch = self.nodes[from].epoch;
        push_hop(
            &mut self.requests[h],
            Hop {
                node: from,
                epoch,
                slot: 0,
            },
        );
        let link = self.link_latency(from, to);
        self.forward(h, from, to, link);
    }

    /// Node `node` answers request `h` successfully, the answer leaving it at `at` — unless a web server has held
    /// it past its timeout.
    pub(super) fn succeed_at(&mut self, h: ReqIx, node: NodeIx, at: SimTime) {
        let timed_out = match &self.nodes[node].role {
            Role::Web(w) => at.since(self.requests[h].web_arrival) > w.timeout,
            _ => false,
        };
        if timed_out {
            return self.fail_at(h, node, FailureCause::Timeout, at);
        }
        complete(&mut self.nodes[node]);
        self.walk_back(h, node, at, None);
    }

    /// Node `node` fails request `h` with `cause` at `at`.
    #[inline(never)]
    pub(super) fn fail_at(&mut self, h: ReqIx, node: NodeIx, cause: FailureCause, at: SimTime) {
        let c = &mut self.nodes[node].counters;
        c.failed += 1;
        c.failed_here += 1;
        self.traffic.failed_here(node, cause);
        self.measured.record_failed_here(at, node, cause);
        self.walk_back(h, node, at, Some(cause));
    }
}

/// Adds a node to pass on the way back. The path has room for the deepest chain validation allows.
pub(super) fn push_hop(req: &mut Request, hop: Hop) {
    let d = usize::from(req.depth);
    debug_assert!(
        d < MAX_DEPTH,
        "path deeper than {MAX_DEPTH}: validation should prevent this, and the hop would be dropped"
    );
    if d < MAX_DEPTH {
        req.path[d] = hop;
        req.depth += 1;
    }
}
