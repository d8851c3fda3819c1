//! The data tier's roles when a request's service ends: a database reads or writes the key (counting stale reads,
//! shipping writes to its replicas), a cache answers a hit or passes a miss on to its database, a session store
//! finds the user's session (or logs them out) and sends the request back to its web server.

use super::flow::complete;
use super::queue::Ev;
use super::{Role, Simulation};
use crate::components::{Lookup, SessionCheck};
use crate::id::{NodeIx, ReqIx};
use crate::metrics::FailureCause;

impl Simulation {
    /// Database `node` executed request `h`'s query.
    pub(super) fn db_done(&mut self, h: ReqIx, node: NodeIx) {
        let now = self.now;
        let (key, write) = (self.requests[h].key, self.requests[h].is_write());
        let latest = self.data_version(self.authority(node), key);
        let Role::Db(db) = &mut self.nodes[node].role else {
            unreachable!("a database")
        };
        if write {
            let k = key as usize;
            if db.versions.len() <= k {
                db.versions.resize(k + 1, 0);
            }
            db.versions[k] = db.versions[k].wrapping_add(1);
            db.writes += 1;
        } else {
            db.reads += 1;
            if db.version(key) < latest {
                db.stale_reads += 1;
            }
        }
        let version = db.version(key);
        self.requests[h].version = version;
        if write {
            let user = self.requests[h].session_user;
            self.replicate(node, user, key, version);
        }
        self.succeed_at(h, node, now);
    }

    /// Cache `node` looked request `h` up: a read hit is answered, anything else goes to the database.
    pub(super) fn cache_done(&mut self, h: ReqIx, node: NodeIx) {
        let now = self.now;
        let (key, write) = (self.requests[h].key, self.requests[h].is_write());
        let Role::Cache(cache) = &mut self.nodes[node].role else {
            unreachable!("a cache")
        };
        let database = cache.database;
        let hit = if write {
            None
        } else {
            cache.window_lookups += 1;
            match cache.store.lookup(key, now) {
                Lookup::Hit(version) => {
                    cache.window_hits += 1;
                    Some(version)
                }
                Lookup::Miss => None,
            }
        };
        match hit {
            Some(version) => {
                let current = self.data_version(self.authority(database), key);
                if let Role::Cache(cache) = &mut self.nodes[node].role
                    && version < current
                {
                    cache.stale_reads += 1;
                }
                self.requests[h].version = version;
                self.succeed_at(h, node, now);
            }
            None => {
                let to = self.route_data(h, node, database);
                self.send_on(h, node, to);
            }
        }
    }

    /// Session store `node` finished a lookup: the request goes back to its web server, which still holds it —
    /// unless the user's session is not here, and they are logged out.
    pub(super) fn store_done(&mut self, h: ReqIx, node: NodeIx) {
        let now = self.now;
        let user = self.requests[h].session_user;
        let Role::Store(store) = &mut self.nodes[node].role else {
            unreachable!("a store lookup")
        };
        if store.table.check(user, node) == SessionCheck::LoggedOut {
            store.forced_logouts += 1;
            return self.fail_at(h, node, FailureCause::LoggedOut, now);
        }
        complete(&mut self.nodes[node]);
        let r = &mut self.requests[h];
        r.depth -= 1;
        let web = r.path[usize::from(r.depth)];
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
}
