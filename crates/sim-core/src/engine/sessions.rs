//! The stateless web tier's session lookup: after its own work a web server asks its session store for the
//! user's session, then carries on to the data tier. A store that lost its sessions (it died) logs users out.

use super::flow::complete;
use super::queue::Ev;
use super::request::NOWHERE;
use super::{Role, Simulation};
use crate::components::SessionCheck;
use crate::id::{NodeIx, ReqIx};
use crate::metrics::{FailureCause, RequestKind};

impl Simulation {
    /// The session store `node` finished a lookup.
    pub(super) fn on_store_done(&mut self, h: ReqIx, node: NodeIx) {
        let now = self.now;
        self.start_next(node);
        let user = self.requests[h].session_user;
        let Role::Store(store) = &mut self.nodes[node].role else {
            unreachable!("a store lookup")
        };
        if store.table.check(user, node) == SessionCheck::LoggedOut {
            store.forced_logouts += 1;
            return self.fail_at(h, node, FailureCause::LoggedOut);
        }
        complete(&mut self.nodes[node]);
        let r = &mut self.requests[h];
        r.depth -= 1;
        let web = r.path[usize::from(r.depth)];
        // Back at (on the way to) the web server, which still holds the request.
        r.at = web.node;
        let at = now + self.link_latency(node, web.node);
        self.schedule(
            at,
            Ev::Resume {
                req: h,
                node: web.node,
                epoch: web.epoch,
            },
        );
    }

    /// The session came back to web server `node`: carry on unless the server died meanwhile.
    pub(super) fn on_resume(&mut self, h: ReqIx, node: NodeIx, epoch: u32) {
        self.requests[h].at = NOWHERE;
        let n = &self.nodes[node];
        if !n.alive || n.epoch != epoch {
            return self.fail_at(h, node, FailureCause::NodeDown);
        }
        self.web_continue(h, node, epoch);
    }

    /// Web server `node` has done its part of request `h`: on to the data tier, or answer if it has none.
    pub(super) fn web_continue(&mut self, h: ReqIx, node: NodeIx, epoch: u32) {
        let Role::Web(web) = &self.nodes[node].role else {
            unreachable!("a web server continues")
        };
        if self.requests[h].kind == RequestKind::Static {
            // A static file comes off the server's disk: no session, no database.
            return self.succeed_at(h, node);
        }
        if self.requests[h].kind == RequestKind::Job {
            // A job goes to the queue, or was done inline during the server's own work.
            return match web.queue {
                Some(queue) => {
                    self.send_on(h, node, epoch, queue);
                }
                None => self.succeed_at(h, node),
            };
        }
        match web.database {
            Some(db) => {
                let to = self.route_data(node, db, self.requests[h].is_write());
                self.send_on(h, node, epoch, to);
            }
            None => self.succeed_at(h, node),
        }
    }
}
