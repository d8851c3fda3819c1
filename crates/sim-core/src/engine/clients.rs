//! The users' end of a request: a client sends it (to the CDN for a static file, through DNS when the user's cached
//! answer expired, else straight to its entry point) and receives the answer or the error, which is where latency
//! and failures are counted.

use super::flow::complete;
use super::queue::Ev;
use super::request::Request;
use super::{Role, Simulation};
use crate::id::{NodeIx, ReqIx};
use crate::metrics::{FailureCause, RequestKind};
use crate::time::SimTime;

impl Simulation {
    pub(super) fn on_client_arrival(&mut self, node: NodeIx) {
        let now = self.now;
        let n = &mut self.nodes[node];
        let alive = n.alive;
        let Role::Client(client, entry) = &mut n.role else {
            unreachable!("ClientArrival scheduled for a non-client node");
        };
        let entry = *entry;
        if let Some(at) = client.next_arrival(now) {
            self.queue.push(at, Ev::ClientArrival { node });
        }
        if !alive {
            return;
        }
        let draw = client.draw();
        let (half_rtt, cdn) = (client.half_rtt, client.cdn);
        let cached = client.cached_answer(draw.user, now);
        n.counters.arrived += 1;
        let h = self
            .requests
            .insert(Request::new(now, node, draw.user, draw.key, draw.kind));
        self.requests[h].session_user = self.user_offset[node.get()].saturating_add(draw.user);
        self.generated += 1;
        // Static files go to the CDN's nearest edge; while the CDN is down, browsers fall back to the origin.
        if draw.kind == RequestKind::Static
            && let Some(cdn) = cdn
            && self.nodes[cdn].alive
            && let Role::Cdn(c) = &self.nodes[cdn].role
        {
            let edge = c.edge_half_rtt;
            return self.forward(h, node, cdn, edge);
        }
        let to = match (&self.nodes[entry].role, cached) {
            (Role::Dns(_), None) => return self.forward(h, node, entry, crate::SimDuration::ZERO),
            (Role::Dns(_), Some(address)) => address,
            _ => entry,
        };
        let delay = half_rtt + self.distance(node, to);
        self.forward(h, node, to, delay);
    }

    /// The answer to request `h` reaches its user at `at`: counted as a success (with its latency) or a failure.
    pub(super) fn receive(&mut self, h: ReqIx, at: SimTime, failure: Option<FailureCause>) {
        let r = &self.requests[h];
        let n = &mut self.nodes[r.client];
        match failure {
            None => {
                complete(n);
                self.completed += 1;
                let latency = at.since(r.created);
                self.windows.record_success(at, latency);
                self.measured.record(at, Ok(latency));
            }
            Some(cause) => {
                n.counters.failed += 1;
                self.failed += 1;
                self.failed_by_cause[cause.index()] += 1;
                self.windows.record_failure(at, cause);
                self.measured.record(at, Err(cause));
            }
        }
        self.requests.remove(h);
    }

    /// An answer whose receipt lay beyond the next metrics window when it was sent reaches its user.
    pub(super) fn on_client_receive(&mut self, h: ReqIx) {
        let failure = self.requests[h].failure;
        self.receive(h, self.now, failure);
    }
}
