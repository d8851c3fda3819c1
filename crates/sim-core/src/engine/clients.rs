//! The users' end of a request: a client sends it (to the CDN for a static file, through DNS when the user's cached
//! answer expired, else straight to its entry point) and later receives the answer or the error, which is where
//! latency and failures are counted.

use super::flow::complete;
use super::queue::Ev;
use super::request::Request;
use super::{Role, Simulation};
use crate::id::{NodeIx, ReqIx};
use crate::metrics::RequestKind;

impl Simulation {
    pub(super) fn on_client_arrival(&mut self, node: NodeIx) {
        let now = self.now;
        let alive = self.nodes[node].alive;
        let Role::Client(client, entry) = &mut self.nodes[node].role else {
            unreachable!("ClientArrival scheduled for a non-client node");
        };
        let entry = *entry;
        if let Some(gap) = client.next_gap() {
            self.queue.push(now + gap, Ev::ClientArrival { node });
        }
        if !alive {
            return;
        }
        let draw = client.draw();
        let half_rtt = client.half_rtt;
        let cdn = client.cdn;
        let cached = client.cached_answer(draw.user, now);
        let h = self
            .requests
            .insert(Request::new(now, node, draw.user, draw.key, draw.kind));
        self.requests[h].session_user = self.user_offset[node.get()].saturating_add(draw.user);
        self.nodes[node].counters.arrived += 1;
        self.generated += 1;
        // Static files go to the CDN's nearest edge; while the CDN is down, browsers fall back to the origin.
        if draw.kind == RequestKind::Static
            && let Some(cdn) = cdn
            && self.nodes[cdn].alive
        {
            let edge = match &self.nodes[cdn].role {
                Role::Cdn(c) => c.edge_half_rtt,
                _ => half_rtt,
            };
            self.schedule(now + edge, Ev::Arrive { req: h, node: cdn });
            return;
        }
        let entry_is_dns = matches!(self.nodes[entry].role, Role::Dns(_));
        match (entry_is_dns, cached) {
            (true, None) => self.on_arrive(h, entry),
            (true, Some(address)) => {
                let at = now + half_rtt + self.distance(node, address);
                self.schedule(
                    at,
                    Ev::Arrive {
                        req: h,
                        node: address,
                    },
                );
            }
            (false, _) => {
                let at = now + half_rtt + self.distance(node, entry);
                self.schedule(
                    at,
                    Ev::Arrive {
                        req: h,
                        node: entry,
                    },
                );
            }
        }
    }

    pub(super) fn on_client_receive(&mut self, h: ReqIx) {
        let r = self.requests[h];
        let n = &mut self.nodes[r.client];
        match r.failure {
            None => {
                complete(n);
                self.completed += 1;
                let latency = self.now.since(r.created);
                self.latency.record(latency.as_us());
                self.windows.record_success(latency);
                self.measured.record(self.now, Ok(latency));
            }
            Some(cause) => {
                n.counters.failed += 1;
                self.failed += 1;
                self.failed_by_cause[cause.index()] += 1;
                self.windows.record_failure(cause);
                self.measured.record(self.now, Err(cause));
            }
        }
        self.requests.remove(h);
    }
}
