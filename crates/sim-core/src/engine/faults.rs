//! Faults and their detection: the scripted timeline (and clicks recorded into it) applied to nodes — kill,
//! restore, flush, reshard, deploy — and the load balancers' active health checks that notice dead backends.

use super::queue::Ev;
use super::{Role, Simulation};
use crate::components::HealthTransition;
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind};
use crate::model::{ComponentKind, SessionMode};
use crate::scenario::{FaultAction, SLOWDOWN_FACTOR};
use crate::time::SimDuration;

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
                let passed = self.nodes[backend].alive;
                let Role::Lb(lb) = &mut self.nodes[node].role else {
                    unreachable!()
                };
                let Some(t) = lb.balancer.probe(slot, passed) else {
                    continue;
                };
                let (lb_label, b) = (self.nodes[node].label.clone(), &self.nodes[backend]);
                let (kind, message) = match t {
                    HealthTransition::MarkedUnhealthy => {
                        let after = b.down_since.map_or(String::new(), |d| {
                            format!(
                                ", {:.1} s after it went down",
                                now.since(d).as_ms_f64() / 1e3
                            )
                        });
                        (
                            LogKind::DetectedUnhealthy {
                                by: self.nodes[node].id,
                            },
                            format!(
                                "{lb_label} marked {} unhealthy (failed health checks{after})",
                                b.label
                            ),
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
                    ),
                };
                self.log.push(LogEntry {
                    at: now,
                    node: b.id,
                    kind,
                    message,
                });
            }
        }
        self.schedule(now + interval, Ev::HealthCheck { node });
    }

    /// A GeoDNS checks each target: it passes if the target runs and, for a load balancer, has a running backend.
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
            let target = &self.nodes[t];
            let passed = target.alive
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
            let (kind, message) = match change {
                HealthTransition::MarkedUnhealthy => (
                    LogKind::DetectedUnhealthy {
                        by: self.nodes[node].id,
                    },
                    format!(
                        "{dns_label} stopped answering with {place}: its users move to the nearest healthy data center as their cached answers expire (TTL {ttl_s:.0} s)"
                    ),
                ),
                HealthTransition::MarkedHealthy => (
                    LogKind::Recovered {
                        by: self.nodes[node].id,
                    },
                    format!("{dns_label} answers with {place} again"),
                ),
            };
            self.log.push(LogEntry {
                at: now,
                node: target.id,
                kind,
                message,
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
        self.kill(node, Some("random failure"));
        self.schedule(now + repair, Ev::Repair { node });
    }

    /// Node `node` is repaired; its next random failure comes after an exponential time of mean MTBF.
    pub(super) fn on_repair(&mut self, node: NodeIx) {
        let now = self.now;
        let Some(f) = &mut self.nodes[node].failures else {
            return;
        };
        let up = SimDuration(f.rng.exponential_us(f.mtbf_us).max(1));
        self.restore(node, Some("repair"));
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
            FaultAction::Kill => self.kill(node, None),
            FaultAction::Restore => self.restore(node, None),
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
                });
            }
            FaultAction::RegionOutage | FaultAction::RegionRestore => {
                let region = n.region;
                let down = f.action == FaultAction::RegionOutage;
                let cause = format!("data center {}", region.title());
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
                let message = if down {
                    format!(
                        "Data center {} is down: {} nodes stop",
                        region.title(),
                        members.len()
                    )
                } else {
                    format!(
                        "Data center {} is back: {} nodes start",
                        region.title(),
                        members.len()
                    )
                };
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
                });
                for m in members {
                    if down {
                        self.kill(m, Some(&cause));
                    } else {
                        self.restore(m, Some(&cause));
                    }
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
                    self.log.push(LogEntry {
                        at: now,
                        node: n.id,
                        kind: LogKind::Flushed,
                        message,
                    });
                }
            }
            FaultAction::AddShard => self.reshard(node, 1),
            FaultAction::Deploy => self.deploy_assets(node),
            FaultAction::RemoveShard => self.reshard(node, -1),
        }
    }

    /// Kills node `node` (no-op if already down); `cause` names a data-center outage for the log.
    pub(super) fn kill(&mut self, node: NodeIx, cause: Option<&str>) {
        let now = self.now;
        let n = &mut self.nodes[node];
        if !n.alive {
            return;
        }
        n.alive = false;
        n.epoch += 1;
        n.down_since = Some(now);
        let message = match cause {
            Some(c) => format!("{} went down with the {c}", n.label),
            None => format!("{} was killed", n.label),
        };
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
            Some(jobs) => format!("{message}: {jobs}"),
            None => message,
        };
        let message = if lost_sessions > 0 {
            format!("{message}: {lost_sessions} users lost their sessions and will be logged out")
        } else {
            message
        };
        self.log.push(LogEntry {
            at: now,
            node: id,
            kind: LogKind::Killed,
            message,
        });
        self.station_killed(node);
        self.on_database_killed(node);
    }

    /// Restores node `node` (no-op if running); `cause` names a data-center recovery for the log.
    pub(super) fn restore(&mut self, node: NodeIx, cause: Option<&str>) {
        let now = self.now;
        let n = &mut self.nodes[node];
        if n.alive {
            return;
        }
        n.alive = true;
        // A restart is a replaced machine: a gray failure does not survive it.
        n.slowdown = 1;
        n.came_up(now);
        let message = match cause {
            Some(c) => format!("{} is back with the {c}", n.label),
            None => format!("{} was restored", n.label),
        };
        self.log.push(LogEntry {
            at: now,
            node: n.id,
            kind: LogKind::Restored,
            message,
        });
        self.on_database_restored(node);
        self.on_jobs_node_restored(node);
        self.station_restored(node);
    }
}
