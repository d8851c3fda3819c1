//! Faults and their detection: the scripted timeline (and clicks recorded into it) applied to nodes — kill,
//! restore, flush, reshard, deploy — and the load balancers' active health checks that notice dead backends.

use super::queue::Ev;
use super::{Role, Simulation};
use crate::components::HealthTransition;
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind, LogText};
use crate::model::{ComponentKind, Region, SessionMode};
use crate::scenario::{FaultAction, SLOWDOWN_FACTOR};
use crate::time::SimDuration;

/// Why a node goes down or comes back, as the event log tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Why {
    /// The user's click or the fault timeline.
    User,
    /// A random failure (down) or its repair (back).
    Random,
    /// Its data center's outage or recovery.
    Region(Region),
}

impl Why {
    /// What took the node down, in English after "went down with the" (none for the user's kill).
    pub(super) fn english(self) -> Option<String> {
        match self {
            Why::User => None,
            Why::Random => Some("random failure".to_owned()),
            Why::Region(r) => Some(format!("data center {}", r.title())),
        }
    }

    /// What brought it back, in English after "is back with the" (none for the user's restore).
    pub(super) fn english_back(self) -> Option<String> {
        match self {
            Why::Random => Some("repair".to_owned()),
            other => other.english(),
        }
    }

    /// The log clause for node `label`: `user`, `random` or `region` (with the region's name) by cause.
    pub(super) fn clause(
        self,
        user: &'static str,
        random: &'static str,
        region: &'static str,
        label: &str,
    ) -> LogText {
        match self {
            Why::User => LogText::new(user),
            Why::Random => LogText::new(random),
            Why::Region(r) => LogText::new(region).name("region", r.title()),
        }
        .name("node", label)
    }
}

impl Simulation {
    pub(super) fn on_health_check(&mut self, node: NodeIx) {
        let now = self.now;
        let Role::Lb(lb) = &self.nodes[node].role else {
            unreachable!("health check of a non-balancer")
        };
        let interval = lb.interval;
        let backends: Vec<NodeIx> = lb.balancer.backends.iter().map(|b| b.node).collect();
        if self.nodes[node].alive {
            for (slot, backend) in backends.into_iter().enumerate() {
                let passed = self.nodes[backend].alive && !self.crosses_cut(node, backend);
                let Role::Lb(lb) = &mut self.nodes[node].role else {
                    unreachable!()
                };
                let Some(t) = lb.balancer.probe(slot, passed) else {
                    continue;
                };
                let (lb_label, b) = (self.nodes[node].label.clone(), &self.nodes[backend]);
                let (kind, message, text) = match t {
                    HealthTransition::MarkedUnhealthy => {
                        let after_s = b.down_since.map(|d| now.since(d).as_ms_f64() / 1e3);
                        let after = after_s
                            .map_or(String::new(), |s| format!(", {s:.1} s after it went down"));
                        let text = match after_s {
                            Some(s) => {
                                LogText::new("marked_unhealthy_after").value("seconds", s, 1)
                            }
                            None => LogText::new("marked_unhealthy"),
                        };
                        (
                            LogKind::DetectedUnhealthy {
                                by: self.nodes[node].id,
                            },
                            format!(
                                "{lb_label} marked {} unhealthy (failed health checks{after})",
                                b.label
                            ),
                            text,
                        )
                    }
                    HealthTransition::MarkedHealthy => (
                        LogKind::Recovered {
                            by: self.nodes[node].id,
                        },
                        format!(
                            "{lb_label} marked {} healthy again and sends it traffic",
                            b.label
                        ),
                        LogText::new("marked_healthy"),
                    ),
                };
                let text = text.name("lb", lb_label).name("node", b.label.clone());
                self.log.push(LogEntry {
                    at: now,
                    node: b.id,
                    kind,
                    message,
                    text: vec![text],
                });
            }
        }
        self.schedule(now + interval, Ev::HealthCheck { node });
    }

    /// A GeoDNS checks each target: it passes if the target runs and, for a load balancer, has a running backend,
    /// and no partition cuts its data center off.
    pub(super) fn on_dns_check(&mut self, node: NodeIx) {
        let now = self.now;
        let Role::Dns(dns) = &self.nodes[node].role else {
            return;
        };
        let interval = dns.check_interval;
        let targets: Vec<NodeIx> = dns.targets.iter().map(|t| t.node).collect();
        self.schedule(now + interval, Ev::DnsCheck { node });
        if !self.nodes[node].alive {
            return;
        }
        for (slot, t) in targets.into_iter().enumerate() {
            // The checkers run outside a data center that a partition cuts off.
            let passed = !self.check_cut(node, t);
            let target = &self.nodes[t];
            let passed = passed
                && target.alive
                && match &target.role {
                    Role::Lb(lb) => lb
                        .balancer
                        .backends
                        .iter()
                        .any(|b| self.nodes[b.node].alive),
                    _ => true,
                };
            let Role::Dns(dns) = &mut self.nodes[node].role else {
                unreachable!()
            };
            let ttl_s = dns.ttl.as_ms_f64() / 1e3;
            let Some(change) = dns.probe(slot, passed) else {
                continue;
            };
            let (dns_label, target) = (self.nodes[node].label.clone(), &self.nodes[t]);
            let place = format!("{} ({})", target.label, target.region.title());
            let (kind, message, text) = match change {
                HealthTransition::MarkedUnhealthy => (
                    LogKind::DetectedUnhealthy {
                        by: self.nodes[node].id,
                    },
                    format!(
                        "{dns_label} stopped answering with {place}: its users move to the nearest healthy data center as their cached answers expire (TTL {ttl_s:.0} s)"
                    ),
                    LogText::new("dns_stopped").value("ttl", ttl_s, 0),
                ),
                HealthTransition::MarkedHealthy => (
                    LogKind::Recovered {
                        by: self.nodes[node].id,
                    },
                    format!("{dns_label} answers with {place} again"),
                    LogText::new("dns_answers"),
                ),
            };
            let text = text
                .name("dns", dns_label)
                .name("node", target.label.clone())
                .name("region", target.region.title());
            self.log.push(LogEntry {
                at: now,
                node: target.id,
                kind,
                message,
                text: vec![text],
            });
        }
    }

    /// Node `node` fails at random (a no-op kill if something else took it down) and is repaired after an
    /// exponential time of mean MTTR, whatever took it down.
    pub(super) fn on_random_failure(&mut self, node: NodeIx) {
        let now = self.now;
        let Some(f) = &mut self.nodes[node].failures else {
            return;
        };
        let repair = SimDuration(f.rng.exponential_us(f.mttr_us).max(1));
        self.kill(node, Why::Random);
        self.schedule(now + repair, Ev::Repair { node });
    }

    /// Node `node` is repaired; its next random failure comes after an exponential time of mean MTBF.
    pub(super) fn on_repair(&mut self, node: NodeIx) {
        let now = self.now;
        let Some(f) = &mut self.nodes[node].failures else {
            return;
        };
        let up = SimDuration(f.rng.exponential_us(f.mtbf_us).max(1));
        self.restore(node, Why::Random);
        self.schedule(now + up, Ev::RandomFailure { node });
    }

    pub(super) fn apply_fault(&mut self, i: u32) {
        let now = self.now;
        let f = self.faults[i as usize];
        let Some(node) = self.nodes.iter().position(|n| n.id == f.node) else {
            return;
        };
        let node = NodeIx::of(node);
        let n = &mut self.nodes[node];
        match f.action {
            FaultAction::Kill => self.kill(node, Why::User),
            FaultAction::Restore => self.restore(node, Why::User),
            FaultAction::SlowDown | FaultAction::SpeedUp => {
                let slow = f.action == FaultAction::SlowDown;
                let factor = if slow { SLOWDOWN_FACTOR } else { 1 };
                if !f.action.applies_to(n.kind) || n.slowdown == factor {
                    return;
                }
                n.slowdown = factor;
                let message = if slow {
                    format!(
                        "{} slowed down: it still passes health checks but serves {SLOWDOWN_FACTOR}× slower",
                        n.label
                    )
                } else {
                    format!("{} is back to its normal speed", n.label)
                };
                let text = LogText::new(if slow { "slowed_down" } else { "sped_up" })
                    .name("node", n.label.clone());
                let kind = if slow {
                    LogKind::SlowedDown
                } else {
                    LogKind::SpedUp
                };
                self.log.push(LogEntry {
                    at: now,
                    node: f.node,
                    kind,
                    message,
                    text: vec![text],
                });
            }
            FaultAction::RegionOutage | FaultAction::RegionRestore => {
                let region = n.region;
                let down = f.action == FaultAction::RegionOutage;
                // Users, DNS and the CDN are global services: an outage takes down the servers in the region.
                let members: Vec<NodeIx> = self
                    .nodes
                    .indices()
                    .filter(|&m| self.nodes[m].region == region)
                    .filter(|&m| {
                        !matches!(
                            self.nodes[m].kind,
                            ComponentKind::Client | ComponentKind::Dns | ComponentKind::Cdn
                        )
                    })
                    .collect();
                let (message, clause) = if down {
                    (
                        format!(
                            "Data center {} is down: {} nodes stop",
                            region.title(),
                            members.len()
                        ),
                        "region_down",
                    )
                } else {
                    (
                        format!(
                            "Data center {} is back: {} nodes start",
                            region.title(),
                            members.len()
                        ),
                        "region_back",
                    )
                };
                let text = LogText::new(clause)
                    .name("region", region.title())
                    .count("count", members.len() as u64);
                let kind = if down {
                    LogKind::Killed
                } else {
                    LogKind::Restored
                };
                self.regions_down.retain(|&r| r != region);
                if down {
                    self.regions_down.push(region);
                }
                self.log.push(LogEntry {
                    at: now,
                    node: f.node,
                    kind,
                    message,
                    text: vec![text],
                });
                for m in members {
                    if down {
                        self.kill(m, Why::Region(region));
                    } else {
                        self.restore(m, Why::Region(region));
                    }
                }
            }
            FaultAction::Partition | FaultAction::Heal => {
                let peer = f
                    .peer
                    .and_then(|p| self.nodes.iter().position(|n| n.id == p))
                    .map(NodeIx::of);
                if f.peer.is_none() || peer.is_some() {
                    self.partition(node, peer, f.action == FaultAction::Partition);
                }
            }
            FaultAction::Flush => {
                let store = match &mut n.role {
                    Role::Cache(c) => Some(&mut c.store),
                    Role::Cdn(c) => Some(&mut c.store),
                    _ => None,
                };
                if let Some(store) = store {
                    let entries = store.len();
                    store.clear();
                    let message = format!(
                        "{} was flushed ({entries} entries dropped): the next reads miss",
                        n.label
                    );
                    let text = LogText::new("flushed")
                        .name("node", n.label.clone())
                        .count("entries", u64::from(entries));
                    self.log.push(LogEntry {
                        at: now,
                        node: n.id,
                        kind: LogKind::Flushed,
                        message,
                        text: vec![text],
                    });
                }
            }
            FaultAction::AddShard => self.reshard(node, 1),
            FaultAction::Deploy => self.deploy_assets(node),
            FaultAction::RemoveShard => self.reshard(node, -1),
            FaultAction::DoubleShards => self.reshard_double(node),
            FaultAction::FlashCrowd => {
                if let Role::Client(c, _) = &mut n.role {
                    c.set_shape(crate::model::TrafficShape::crowd_from(now.as_secs_f64()));
                    // The pending arrival was drawn at the old rate: draw it again at the new one (arrivals are
                    // memoryless, so this is exact); it replaces the pending one in the client's lane.
                    if let Some(at) = c.next_arrival(now) {
                        self.queue.push(at, Ev::ClientArrival { node });
                    }
                    let message = format!(
                        "A flash crowd reaches {}: 4× its rate within 10 s, for a minute",
                        n.label
                    );
                    self.log.push(LogEntry {
                        at: now,
                        node: n.id,
                        kind: LogKind::Crowd,
                        message,
                        text: vec![LogText::new("crowd").name("node", n.label.clone())],
                    });
                }
            }
        }
    }

    /// Kills node `node` (no-op if already down; a load balancer pair loses a machine, see `lb_pair`); `why` is
    /// told in the log.
    pub(super) fn kill(&mut self, node: NodeIx, why: Why) {
        if !self.pair_fault(node, true, why) {
            self.stop(node, why);
        }
    }

    /// Restores node `node` (no-op if running; a load balancer pair gets a machine back, see `lb_pair`); `why` is
    /// told in the log (a random failure's end is its repair).
    pub(super) fn restore(&mut self, node: NodeIx, why: Why) {
        if !self.pair_fault(node, false, why) {
            self.start(node, why);
        }
    }

    /// Stops node `node` itself, whatever it stands for (no-op if already down).
    pub(super) fn stop(&mut self, node: NodeIx, why: Why) {
        let now = self.now;
        let n = &mut self.nodes[node];
        if !n.alive {
            return;
        }
        n.alive = false;
        n.epoch += 1;
        n.down_since = Some(now);
        let message = match why.english() {
            Some(c) => format!("{} went down with the {c}", n.label),
            None => format!("{} was killed", n.label),
        };
        let mut text = vec![why.clause("killed", "killed_random", "killed_region", &n.label)];
        let id = n.id;
        let mut lost_sessions = 0;
        match &mut n.role {
            Role::Web(w) => {
                if w.sessions == SessionMode::InMemory {
                    lost_sessions = self.web_sessions.lose(node);
                }
            }
            Role::Store(st) => lost_sessions = st.table.lose_all(),
            // A cache keeps its data in memory: it comes back cold.
            Role::Cache(c) => c.store.clear(),
            Role::Lb(lb) => lb.balancer.reset(),
            Role::Client(..)
            | Role::Dns(_)
            | Role::Db(_)
            | Role::Queue(_)
            | Role::Workers(_)
            | Role::Router(_)
            | Role::Cdn(_) => {}
        }
        let message = match self.on_jobs_node_killed(node) {
            Some((jobs, clause)) => {
                text.push(clause);
                format!("{message}: {jobs}")
            }
            None => message,
        };
        let message = if lost_sessions > 0 {
            text.push(LogText::new("sessions_lost").count("count", lost_sessions));
            format!("{message}: {lost_sessions} users lost their sessions and will be logged out")
        } else {
            message
        };
        self.log.push(LogEntry {
            at: now,
            node: id,
            kind: LogKind::Killed,
            message,
            text,
        });
        self.station_killed(node);
        self.on_database_killed(node);
    }

    /// Starts node `node` itself (no-op if running).
    pub(super) fn start(&mut self, node: NodeIx, why: Why) {
        let now = self.now;
        let n = &mut self.nodes[node];
        if n.alive {
            return;
        }
        n.alive = true;
        // A restart is a replaced machine: a gray failure does not survive it.
        n.slowdown = 1;
        n.came_up(now);
        let message = match why.english_back() {
            Some(c) => format!("{} is back with the {c}", n.label),
            None => format!("{} was restored", n.label),
        };
        let text = vec![why.clause("restored", "repaired", "restored_region", &n.label)];
        self.log.push(LogEntry {
            at: now,
            node: n.id,
            kind: LogKind::Restored,
            message,
            text,
        });
        self.on_database_restored(node);
        self.on_jobs_node_restored(node);
        self.station_restored(node);
    }
}
