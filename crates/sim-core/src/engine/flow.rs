//! How a request moves: arrival at a node, service, the walk back to the user, and the periodic events (health
//! checks, metric windows, faults). Each handler asks a component kernel for a plan and applies it.
//!
//! Accounting rule: a node counts a request `arrived` when it reaches the node, and `completed` or `failed` when
//! the answer leaves it on the way back. A node that is down (or was restarted) when the answer comes back fails
//! it with "node down". So at every instant, per node, arrived = completed + failed + in flight.

use super::queue::Ev;
use super::request::{Hop, MAX_DEPTH, NOWHERE, Request};
use super::{NodeRt, Role, Simulation};
use crate::components::SessionCheck;
use crate::components::{Admission, EdgeLookup, Lookup, ServiceTime, Station};
use crate::id::{NodeIx, ReqIx};
use crate::metrics::{FailureCause, RequestKind};
use crate::model::{SessionMode, WritePolicy};
use crate::rng::Rng;
use crate::time::{SimDuration, SimTime};

/// A request arrives at a station (`c` workers + queue): its service starts now and ends after a draw of `service`
/// plus `extra`, or it waits, or the full queue refuses it.
fn admit(
    station: &mut Station,
    now: SimTime,
    h: ReqIx,
    service: ServiceTime,
    rng: &mut Rng,
    extra: SimDuration,
) -> Plan {
    match station.admit(now, h) {
        Admission::Start => Plan::Serve(now + service.sample(rng) + extra),
        Admission::Queued => Plan::Wait,
        Admission::Refused => Plan::Fail(FailureCause::QueueFull),
    }
}

/// What an arrival leads to, decided while the node is borrowed and applied after.
enum Plan {
    /// Service (or a DNS lookup) ends at this time.
    Serve(SimTime),
    /// Queued: a later release starts it.
    Wait,
    /// Sent on to this node (after the link's latency).
    Forward(NodeIx),
    /// Failed here.
    Fail(FailureCause),
    /// A job published to this queue (accepted unless the queue is full).
    Publish,
    /// Answered here at once (a CDN hit).
    Answer,
}

pub(super) fn complete(n: &mut NodeRt) {
    n.counters.completed += 1;
    n.window_completed += 1;
}

impl Simulation {
    pub(super) fn dispatch(&mut self, ev: Ev) {
        match ev {
            Ev::Fault(i) => self.apply_fault(i),
            Ev::ClientArrival { node } => self.on_client_arrival(node),
            Ev::Arrive { req, node } => self.on_arrive(req, node),
            Ev::ServiceDone { req, node, epoch } => self.on_service_done(req, node, epoch),
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
        }
    }

    pub(super) fn on_arrive(&mut self, h: ReqIx, node: NodeIx) {
        self.watch_arrival(h, node);
        let now = self.now;
        let extra = self.extra_service(node, h);
        let req = &mut self.requests[h];
        let n = &mut self.nodes[node];
        n.counters.arrived += 1;
        let epoch = n.epoch;
        let plan = if n.alive {
            match &mut n.role {
                Role::Dns(dns) => {
                    req.at = node;
                    Plan::Serve(now + dns.resolution)
                }
                Role::Lb(lb) => match lb.balancer.choose(&mut lb.rng, req.session_user) {
                    None => Plan::Fail(FailureCause::NoHealthyBackend),
                    Some(slot) => {
                        let backend = &mut lb.balancer.backends[slot];
                        backend.outstanding += 1;
                        push_hop(
                            req,
                            Hop {
                                node,
                                epoch,
                                slot: u32::try_from(slot).expect("slot fits u32"),
                            },
                        );
                        Plan::Forward(backend.node)
                    }
                },
                Role::Web(web)
                    if web.sessions == SessionMode::InMemory
                        && req.kind != RequestKind::Static
                        && self.web_sessions.check(req.session_user, node)
                            == SessionCheck::LoggedOut =>
                {
                    web.forced_logouts += 1;
                    Plan::Fail(FailureCause::LoggedOut)
                }
                Role::Web(web) => {
                    req.web_arrival = now;
                    req.at = node;
                    admit(
                        &mut web.station,
                        now,
                        h,
                        web.service,
                        &mut n.service_rng,
                        extra,
                    )
                }
                Role::Db(db) => {
                    req.at = node;
                    let service = if req.is_write() { db.write } else { db.read };
                    admit(&mut db.station, now, h, service, &mut n.service_rng, extra)
                }
                Role::Store(store) => {
                    req.at = node;
                    admit(
                        &mut store.station,
                        now,
                        h,
                        store.lookup,
                        &mut n.service_rng,
                        extra,
                    )
                }
                Role::Cache(cache) => {
                    req.at = node;
                    admit(
                        &mut cache.station,
                        now,
                        h,
                        cache.lookup,
                        &mut n.service_rng,
                        extra,
                    )
                }
                Role::Queue(_) => Plan::Publish,
                Role::Cdn(cdn) => match cdn.lookup(req.key, now) {
                    EdgeLookup::Hit { .. } => Plan::Answer,
                    EdgeLookup::Miss => {
                        push_hop(
                            req,
                            Hop {
                                node,
                                epoch,
                                slot: 0,
                            },
                        );
                        Plan::Forward(cdn.origin)
                    }
                },
                Role::Router(router) => {
                    let shard = router.send(req.key, now);
                    push_hop(
                        req,
                        Hop {
                            node,
                            epoch,
                            slot: u32::try_from(shard).expect("shard fits u32"),
                        },
                    );
                    Plan::Forward(router.shards[shard])
                }
                Role::Client(..) | Role::Workers(_) => {
                    unreachable!("validation forbids request edges into clients and workers")
                }
            }
        } else {
            Plan::Fail(FailureCause::NodeDown)
        };
        match plan {
            Plan::Serve(done) => self.schedule(
                done,
                Ev::ServiceDone {
                    req: h,
                    node,
                    epoch,
                },
            ),
            Plan::Wait => {}
            Plan::Forward(to) => {
                // A database in a replica set serves reads from its replicas.
                let to = self.route_data(node, to, self.requests[h].is_write());
                let at = now + self.link_latency(node, to);
                self.schedule(at, Ev::Arrive { req: h, node: to });
            }
            Plan::Fail(cause) => {
                self.requests[h].at = NOWHERE;
                self.fail_at(h, node, cause);
            }
            Plan::Answer => self.succeed_at(h, node),
            Plan::Publish => {
                let client = self.requests[h].client;
                if self.publish(node, client) {
                    self.succeed_at(h, node);
                    self.dispatch_jobs(node);
                } else {
                    self.fail_at(h, node, FailureCause::QueueFull);
                }
            }
        }
    }

    /// Time added to a request's service at `node`: a web server without a queue does a job inline (its job
    /// time); a semi-synchronous primary waits for a replica's receipt of a write.
    fn extra_service(&mut self, node: NodeIx, h: ReqIx) -> SimDuration {
        let r = self.requests[h];
        match &self.nodes[node].role {
            Role::Web(w) if r.kind == RequestKind::Job && w.queue.is_none() => {
                let mean = self.job_mean_us(r.client);
                SimDuration(self.nodes[node].service_rng.exponential_us(mean))
            }
            _ => self.write_ack_delay(node, r.is_write()),
        }
    }

    fn on_service_done(&mut self, h: ReqIx, node: NodeIx, epoch: u32) {
        let now = self.now;
        self.requests[h].at = NOWHERE;
        if self.nodes[node].epoch != epoch {
            // The node died while serving this request.
            return self.fail_at(h, node, FailureCause::NodeDown);
        }
        let from = self.nodes[self.requests[h].client].region;
        match &mut self.nodes[node].role {
            Role::Dns(dns) => {
                let answer = dns.resolve(from).map(|a| (a, now + dns.ttl));
                let Some((address, expires)) = answer else {
                    return self.fail_at(h, node, FailureCause::NodeDown);
                };
                complete(&mut self.nodes[node]);
                let r = self.requests[h];
                let Role::Client(client, _) = &mut self.nodes[r.client].role else {
                    unreachable!("requests come from clients");
                };
                client.cache_answer(r.user, address, expires);
                let half_rtt = client.half_rtt;
                let at = now + half_rtt + self.distance(r.client, address);
                self.schedule(
                    at,
                    Ev::Arrive {
                        req: h,
                        node: address,
                    },
                );
            }
            Role::Web(web) => {
                let store = web
                    .store
                    .filter(|_| self.requests[h].kind != RequestKind::Static);
                self.start_next(node);
                match store {
                    Some(store) => {
                        self.send_on(h, node, epoch, store);
                    }
                    None => self.web_continue(h, node, epoch),
                }
            }
            Role::Store(_) => self.on_store_done(h, node),
            Role::Db(_) => {
                let r = self.requests[h];
                let authority = self.authority(node);
                let latest = self.data_version(authority, r.key);
                let Role::Db(db) = &mut self.nodes[node].role else {
                    unreachable!()
                };
                if r.is_write() {
                    let key = r.key as usize;
                    if db.versions.len() <= key {
                        db.versions.resize(key + 1, 0);
                    }
                    db.versions[key] = db.versions[key].wrapping_add(1);
                    db.writes += 1;
                } else {
                    db.reads += 1;
                    if db.version(r.key) < latest {
                        db.stale_reads += 1;
                    }
                }
                let version = db.version(r.key);
                self.requests[h].version = version;
                if r.is_write() {
                    self.replicate(node, r.key, version);
                }
                self.start_next(node);
                self.succeed_at(h, node);
            }
            Role::Cache(cache) => {
                let r = self.requests[h];
                let database = cache.database;
                let hit = if r.is_write() {
                    None
                } else {
                    cache.window_lookups += 1;
                    match cache.store.lookup(r.key, now) {
                        Lookup::Hit(version) => {
                            cache.window_hits += 1;
                            Some(version)
                        }
                        Lookup::Miss => None,
                    }
                };
                if let Some(version) = hit {
                    let current = self.data_version(self.authority(database), r.key);
                    if let Role::Cache(cache) = &mut self.nodes[node].role
                        && version < current
                    {
                        cache.stale_reads += 1;
                    }
                }
                self.start_next(node);
                match hit {
                    Some(version) => {
                        self.requests[h].version = version;
                        self.succeed_at(h, node);
                    }
                    None => {
                        let to = self.route_data(node, database, r.is_write());
                        self.send_on(h, node, epoch, to);
                    }
                }
            }
            Role::Client(..)
            | Role::Lb(_)
            | Role::Queue(_)
            | Role::Workers(_)
            | Role::Router(_)
            | Role::Cdn(_) => {
                unreachable!("only DNS, web servers and databases serve requests")
            }
        }
    }

    /// Requests a station just handed to new workers (`Station::set_workers`) start service, unless they
    /// already timed out (then their worker takes the next one).
    pub(super) fn start_all(&mut self, node: NodeIx, started: &[ReqIx]) {
        for &h in started {
            let (service, timeout, epoch) = match &self.nodes[node].role {
                Role::Web(w) => (w.service, w.timeout, self.nodes[node].epoch),
                _ => unreachable!("only web server groups change their worker count"),
            };
            if !self.begin_service(node, h, epoch, service, Some(timeout)) {
                // It had timed out; its worker takes the next one.
                self.start_next(node);
            }
        }
    }

    /// A worker of `node` is free: hand it the next waiting request, failing those that already timed out.
    pub(super) fn start_next(&mut self, node: NodeIx) {
        let now = self.now;
        loop {
            let n = &mut self.nodes[node];
            let epoch = n.epoch;
            let (next, service, timeout) = match &mut n.role {
                Role::Web(w) => (w.station.release(now), w.service, Some(w.timeout)),
                Role::Db(d) => {
                    let next = d.station.release(now);
                    let write = next.is_some_and(|h| self.requests[h].is_write());
                    (next, if write { d.write } else { d.read }, None)
                }
                Role::Cache(c) => (c.station.release(now), c.lookup, None),
                Role::Store(s) => (s.station.release(now), s.lookup, None),
                Role::Client(..)
                | Role::Dns(_)
                | Role::Lb(_)
                | Role::Queue(_)
                | Role::Workers(_)
                | Role::Router(_)
                | Role::Cdn(_) => {
                    unreachable!("only stations have workers")
                }
            };
            let Some(h) = next else { return };
            if self.begin_service(node, h, epoch, service, timeout) {
                return;
            }
        }
    }

    /// A worker of `node` takes request `h`: unless it waited longer than `timeout` (then it fails as a timeout
    /// and `false` is returned), its service ends after a draw of `service` plus any extra (see
    /// [`Simulation::extra_service`]).
    fn begin_service(
        &mut self,
        node: NodeIx,
        h: ReqIx,
        epoch: u32,
        service: ServiceTime,
        timeout: Option<SimDuration>,
    ) -> bool {
        let now = self.now;
        if timeout.is_some_and(|t| now.since(self.requests[h].web_arrival) > t) {
            self.requests[h].at = NOWHERE;
            self.fail_at(h, node, FailureCause::Timeout);
            return false;
        }
        let extra = self.extra_service(node, h);
        let done = now + service.sample(&mut self.nodes[node].service_rng) + extra;
        self.schedule(
            done,
            Ev::ServiceDone {
                req: h,
                node,
                epoch,
            },
        );
        true
    }

    pub(super) fn succeed_at(&mut self, h: ReqIx, node: NodeIx) {
        let timed_out = match &self.nodes[node].role {
            Role::Web(w) => self.now.since(self.requests[h].web_arrival) > w.timeout,
            _ => false,
        };
        if timed_out {
            return self.fail_at(h, node, FailureCause::Timeout);
        }
        complete(&mut self.nodes[node]);
        self.walk_back(h, node, None);
    }

    pub(super) fn fail_at(&mut self, h: ReqIx, node: NodeIx, cause: FailureCause) {
        let c = &mut self.nodes[node].counters;
        c.failed += 1;
        c.failed_here += 1;
        self.traffic.failed_here(node, cause);
        self.measured.record_failed_here(self.now, node, cause);
        self.walk_back(h, node, Some(cause));
    }

    /// The answer travels back through the request's path to its user. Every node on the way counts it; a node
    /// that died meanwhile turns a success into "node down"; a web server past its timeout into "timeout".
    /// `from` is the node that answered (the deepest one reached).
    fn walk_back(&mut self, h: ReqIx, from: NodeIx, mut failure: Option<FailureCause>) {
        let req = self.requests[h];
        let mut back = SimDuration::ZERO;
        let mut prev = from;
        for hop in req.hops() {
            back = back + self.link_latency(prev, hop.node);
            prev = hop.node;
            let n = &mut self.nodes[hop.node];
            if !n.alive || n.epoch != hop.epoch {
                if failure.is_none() {
                    failure = Some(FailureCause::NodeDown);
                    n.counters.failed_here += 1;
                    self.traffic.failed_here(hop.node, FailureCause::NodeDown);
                    self.measured
                        .record_failed_here(self.now, hop.node, FailureCause::NodeDown);
                }
                n.counters.failed += 1;
                continue;
            }
            match &mut n.role {
                Role::Lb(lb) => {
                    let b = &mut lb.balancer.backends[hop.slot as usize];
                    b.outstanding = b.outstanding.saturating_sub(1);
                }
                Role::Web(w) => {
                    if failure.is_none() && self.now.since(req.web_arrival) > w.timeout {
                        failure = Some(FailureCause::Timeout);
                        n.counters.failed_here += 1;
                        self.traffic.failed_here(hop.node, FailureCause::Timeout);
                        self.measured
                            .record_failed_here(self.now, hop.node, FailureCause::Timeout);
                    }
                }
                Role::Cache(cache) => {
                    if failure.is_none() {
                        match (req.is_write(), cache.write_policy) {
                            (false, _) | (true, WritePolicy::WriteThrough) => {
                                cache.store.insert(req.key, req.version, self.now);
                            }
                            (true, WritePolicy::Invalidate) => {
                                cache.store.invalidate(req.key);
                            }
                            (true, WritePolicy::Nothing) => {}
                        }
                    }
                }
                Role::Client(..)
                | Role::Dns(_)
                | Role::Db(_)
                | Role::Store(_)
                | Role::Queue(_)
                | Role::Workers(_)
                | Role::Router(_) => {}
                Role::Cdn(cdn) => {
                    if failure.is_none() {
                        cdn.fill(req.key, self.now);
                    }
                }
            }
            if failure.is_some() {
                n.counters.failed += 1;
            } else {
                complete(n);
            }
        }
        let Role::Client(client, _) = &self.nodes[req.client].role else {
            unreachable!("requests come from clients");
        };
        // The last mile: from a CDN edge, or over the internet from the data center.
        let last_mile = match &self.nodes[prev].role {
            Role::Cdn(cdn) => cdn.edge_half_rtt,
            _ => client.half_rtt + self.distance(prev, req.client),
        };
        let arrives = self.now + back + last_mile;
        let r = &mut self.requests[h];
        r.depth = 0;
        r.failure = failure;
        r.at = NOWHERE;
        self.schedule(arrives, Ev::ClientReceive { req: h });
    }
}

impl Simulation {
    /// Request `h` leaves `from` (epoch `epoch`), which it passes again on its way back, for `to`: it arrives after
    /// the link's latency.
    pub(super) fn send_on(&mut self, h: ReqIx, from: NodeIx, epoch: u32, to: NodeIx) {
        push_hop(
            &mut self.requests[h],
            Hop {
                node: from,
                epoch,
                slot: 0,
            },
        );
        let at = self.now + self.link_latency(from, to);
        self.schedule(at, Ev::Arrive { req: h, node: to });
    }
}

pub(super) fn push_hop(req: &mut Request, hop: Hop) {
    let d = usize::from(req.depth);
    debug_assert!(
        d < MAX_DEPTH,
        "path deeper than {MAX_DEPTH}: validation should prevent this"
    );
    if d < MAX_DEPTH {
        req.path[d] = hop;
        req.depth += 1;
    }
}
