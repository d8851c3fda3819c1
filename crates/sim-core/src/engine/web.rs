//! The web server's role: when its worker is done with a request, the request asks the session store for the
//! user's session (a stateless tier), then goes on to the data tier, or is published as a job, or is answered.
//! A worker is released before the database call (an asynchronous server): workers bound CPU concurrency, not
//! outstanding queries.

use super::{Role, Simulation};
use crate::id::{NodeIx, ReqIx};
use crate::metrics::{FailureCause, RequestKind};

impl Simulation {
    /// Web server `node` has done its own work on request `h`.
    pub(super) fn web_done(&mut self, h: ReqIx, node: NodeIx) {
        let Role::Web(web) = &self.nodes[node].role else {
            unreachable!("a web server")
        };
        match web
            .store
            .filter(|_| self.requests[h].kind != RequestKind::Static)
        {
            Some(store) => self.send_on(h, node, store),
            None => self.web_continue(h, node),
        }
    }

    /// The session came back to web server `node`: carry on unless the server died meanwhile.
    pub(super) fn on_resume(&mut self, h: ReqIx, node: NodeIx, epoch: u32) {
        self.requests[h].at = super::NOWHERE;
        let n = &self.nodes[node];
        if !n.alive || n.epoch != epoch {
            return self.fail_at(h, node, FailureCause::NodeDown, self.now);
        }
        self.web_continue(h, node);
    }

    /// Web server `node` has done its part of request `h`: on to the data tier, or answer if it has none.
    pub(super) fn web_continue(&mut self, h: ReqIx, node: NodeIx) {
        let now = self.now;
        let Role::Web(web) = &self.nodes[node].role else {
            unreachable!("a web server continues")
        };
        let (queue, database) = (web.queue, web.database);
        let r = &self.requests[h];
        match (r.kind, queue, database) {
            // A static file comes off the server's disk: no session, no database.
            (RequestKind::Static, ..) => self.succeed_at(h, node, now),
            // A job goes to the queue, or was done inline during the server's own work.
            (RequestKind::Job, Some(queue), _) => self.send_on(h, node, queue),
            (RequestKind::Job, None, _) | (_, _, None) => self.succeed_at(h, node, now),
            (_, _, Some(db)) => {
                let to = self.route_data(h, node, db);
                self.send_on(h, node, to);
            }
        }
    }
}
