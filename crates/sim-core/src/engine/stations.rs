//! Stations at run time (web servers, databases, caches, session stores): admission, the end of a request's time
//! there, and what a kill, a restore or a resize does to the requests a station holds.
//!
//! A station computes a request's start and finish when it admits it (`components::station`), so a request costs
//! one event there: its finish (or, past a web server's timeout, the moment it would have reached a worker).
//! Admission must follow arrival order. A request reaching a station at once is admitted at once; one reaching it
//! after a delay is admitted when it is sent if every way into the station takes that same time (its `lead`,
//! found when the run is built: then sending order is arrival order), else by an event at its arrival.

use super::queue::Ev;
use super::{Role, Simulation};
use crate::components::{Admission, SessionCheck};
use crate::id::{NodeIx, ReqIx};
use crate::metrics::{FailureCause, RequestKind};
use crate::model::SessionMode;
use crate::time::{SimDuration, SimTime};

impl Simulation {
    /// Request `h` (counted at `to`) reaches station `to` after `delay`.
    pub(super) fn reach_station(&mut self, h: ReqIx, to: NodeIx, delay: SimDuration) {
        let arrival = self.now + delay;
        let n = &mut self.nodes[to];
        let ahead = n.lead == Some(delay);
        debug_assert!(
            n.lead.is_none() || ahead,
            "a way into {} that takes {delay:?}, not its lead {:?}: build/leads.rs missed it",
            n.label,
            n.lead
        );
        if delay == SimDuration::ZERO || (ahead && n.alive) {
            return self.admit(h, to, arrival);
        }
        if ahead {
            // Down now: admitted on arrival, or at once if it is back before.
            let now = self.now;
            n.inbound.retain(|&(_, _, at)| at >= now);
            n.inbound.push((h, self.requests[h].ticket, arrival));
        }
        self.send_ahead(h, to, arrival);
    }

    /// Request `h` reaches `node` now, as announced by an event.
    pub(super) fn on_arrive(&mut self, h: ReqIx, node: NodeIx, ticket: u32) {
        if self.requests[h].ticket != ticket {
            return; // admitted meanwhile (its station came back), or no longer there
        }
        let now = self.now;
        self.requests[h].at = super::NOWHERE;
        if matches!(self.nodes[node].role, Role::Queue(_)) {
            return self.on_publish(h, node);
        }
        self.admit(h, node, now);
    }

    /// Station `to` admits request `h`, arriving at `arrival`: a start and finish, or it expires, or is refused.
    pub(super) fn admit(&mut self, h: ReqIx, to: NodeIx, arrival: SimTime) {
        let now = self.now;
        let (kind, write) = (self.requests[h].kind, self.requests[h].is_write());
        // Time added to the service: a semi-synchronous primary waits for a replica's receipt of a write; a web
        // server without a queue does a job inline (its job time, drawn before the service).
        let ack = if write {
            self.write_ack_delay(to, write)
        } else {
            SimDuration::ZERO
        };
        let job_mean =
            (kind == RequestKind::Job).then(|| self.job_mean_us(self.requests[h].client));
        let n = &mut self.nodes[to];
        if !n.alive {
            return self.refuse(h, to, FailureCause::NodeDown, arrival);
        }
        let slow = n.slowdown;
        let rng = &mut n.service_rng;
        let plan = match &mut n.role {
            Role::Web(w) => {
                if w.sessions == SessionMode::InMemory
                    && kind != RequestKind::Static
                    && self.web_sessions.check(self.requests[h].session_user, to)
                        == SessionCheck::LoggedOut
                {
                    w.forced_logouts += 1;
                    return self.refuse(h, to, FailureCause::LoggedOut, arrival);
                }
                self.requests[h].web_arrival = arrival;
                let (service, inline) = (w.service, job_mean.filter(|_| w.queue.is_none()));
                w.station.admit(now, arrival, h, Some(w.timeout), || {
                    let extra =
                        inline.map_or(SimDuration::ZERO, |m| SimDuration(rng.exponential_us(m)));
                    slowed(service.sample(rng), slow) + extra
                })
            }
            Role::Db(d) => {
                if d.max_connections > 0 && d.station.in_system(now, arrival) >= d.max_connections {
                    return self.refuse(h, to, FailureCause::ConnectionLimit, arrival);
                }
                let service = if write { d.write } else { d.read };
                d.station.admit(now, arrival, h, None, || {
                    slowed(service.sample(rng), slow) + ack
                })
            }
            Role::Cache(c) => {
                let service = c.lookup;
                c.station
                    .admit(now, arrival, h, None, || slowed(service.sample(rng), slow))
            }
            Role::Store(st) => {
                let service = st.lookup;
                st.station
                    .admit(now, arrival, h, None, || slowed(service.sample(rng), slow))
            }
            _ => unreachable!("only stations admit"),
        };
        self.follow(h, to, plan, arrival);
    }

    /// Station `node` turns request `h`, arriving at `arrival`, away with `cause`.
    #[cold]
    fn refuse(&mut self, h: ReqIx, node: NodeIx, cause: FailureCause, arrival: SimTime) {
        self.requests[h].at = super::NOWHERE;
        self.fail_at(h, node, cause, arrival);
    }

    /// Schedules what `plan` says for request `h` at station `node`.
    fn follow(&mut self, h: ReqIx, node: NodeIx, plan: Admission, arrival: SimTime) {
        let epoch = self.nodes[node].epoch;
        let r = &mut self.requests[h];
        let ticket = r.ticket;
        let ev = match plan {
            Admission::Refused => return self.refuse(h, node, FailureCause::QueueFull, arrival),
            Admission::Expires { at } => (at, Ev::Expire { req: h, ticket }),
            Admission::Serves { finish, .. } => (finish, Ev::Done { req: h, ticket }),
        };
        r.at = node;
        r.at_epoch = epoch;
        self.schedule(ev.0, ev.1);
    }

    /// A request's time at its node ends (service, or a DNS lookup): unless the node died meanwhile, its role
    /// decides what comes next.
    pub(super) fn on_done(&mut self, h: ReqIx, ticket: u32) {
        let r = &mut self.requests[h];
        if r.ticket != ticket {
            return; // replaced by a newer plan, or failed when its station died
        }
        let node = r.at;
        r.at = super::NOWHERE;
        let n = &self.nodes[node];
        if n.epoch != r.at_epoch {
            // The node died while serving this request.
            return self.fail_at(h, node, FailureCause::NodeDown, self.now);
        }
        match &n.role {
            Role::Web(_) => self.web_done(h, node),
            Role::Db(_) => self.db_done(h, node),
            Role::Cache(_) => self.cache_done(h, node),
            Role::Store(_) => self.store_done(h, node),
            Role::Dns(_) => self.lookup_done(h, node),
            Role::Client(..)
            | Role::Lb(_)
            | Role::Queue(_)
            | Role::Workers(_)
            | Role::Router(_)
            | Role::Cdn(_) => unreachable!("only stations and DNS hold requests"),
        }
    }

    /// A request reached the head of its web server's queue past the timeout.
    pub(super) fn on_expire(&mut self, h: ReqIx, ticket: u32) {
        let r = &mut self.requests[h];
        if r.ticket != ticket {
            return;
        }
        let node = r.at;
        r.at = super::NOWHERE;
        self.fail_at(h, node, FailureCause::Timeout, self.now);
    }

    /// Station `node` died: its waiting requests fail now; those admitted ahead and still on their way reach it by
    /// an event (admitted then if it is back); those in service fail when their service would have ended.
    pub(super) fn station_killed(&mut self, node: NodeIx) {
        let now = self.now;
        let Some(station) = self.nodes[node].station_mut() else {
            return;
        };
        let reset = station.reset(now);
        for &(h, arrival) in &reset.on_the_way {
            let r = &mut self.requests[h];
            r.ticket = r.ticket.wrapping_add(1);
            let ticket = r.ticket;
            self.nodes[node].inbound.push((h, ticket, arrival));
            self.send_ahead(h, node, arrival);
        }
        for h in reset.waiting {
            let r = &mut self.requests[h];
            r.ticket = r.ticket.wrapping_add(1);
            r.at = super::NOWHERE;
            self.fail_at(h, node, FailureCause::NodeDown, now);
        }
    }

    /// Station `node` is back: requests that were sent while it was down and have not arrived yet are admitted.
    pub(super) fn station_restored(&mut self, node: NodeIx) {
        let now = self.now;
        let inbound = std::mem::take(&mut self.nodes[node].inbound);
        for (h, ticket, arrival) in inbound {
            let r = &mut self.requests[h];
            if arrival < now || r.ticket != ticket {
                continue; // arrived while it was down, and failed
            }
            r.ticket = r.ticket.wrapping_add(1);
            self.admit(h, node, arrival);
        }
    }

    /// Web group `node` now has `workers` workers: every request it holds that has not started is planned again.
    pub(super) fn resize_station(&mut self, node: NodeIx, workers: u32) {
        let now = self.now;
        let job_means: Vec<(NodeIx, f64)> = self
            .nodes
            .indices()
            .filter(|&c| matches!(self.nodes[c].role, Role::Client(..)))
            .map(|c| (c, self.job_mean_us(c)))
            .collect();
        let n = &mut self.nodes[node];
        let slow = n.slowdown;
        let rng = &mut n.service_rng;
        let Role::Web(w) = &mut n.role else {
            unreachable!("only web groups change their worker count")
        };
        let (service, inline_jobs) = (w.service, w.queue.is_none());
        let requests = &self.requests;
        let plans = w.station.set_workers(now, workers, Some(w.timeout), |h| {
            let r = &requests[h];
            let extra = job_means
                .iter()
                .find(|(c, _)| *c == r.client)
                .filter(|_| inline_jobs && r.kind == RequestKind::Job)
                .map_or(SimDuration::ZERO, |&(_, m)| {
                    SimDuration(rng.exponential_us(m))
                });
            slowed(service.sample(rng), slow) + extra
        });
        for (h, plan) in plans {
            let r = &mut self.requests[h];
            r.ticket = r.ticket.wrapping_add(1);
            let arrival = r.web_arrival;
            self.follow(h, node, plan, arrival);
        }
    }
}

/// A service time drawn at a node slowed down `factor` times (1: as drawn; see `FaultAction::SlowDown`).
#[inline]
fn slowed(service: SimDuration, factor: u32) -> SimDuration {
    if factor == 1 {
        service
    } else {
        SimDuration(service.0.saturating_mul(u64::from(factor)))
    }
}
