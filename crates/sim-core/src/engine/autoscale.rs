//! Autoscaling at run time, for web-server groups and worker pools alike: every evaluation period the node
//! measures its signal (a group its utilization since the last look, a pool its backlog), the autoscaler kernel
//! (`components::autoscale`) plans, and this module applies the plan — instances or workers starting (taking work
//! after their warm-up) or stopping, and a line in the event log.
//!
//! A web-server node with more than one instance allowed is a group of identical instances behind one address;
//! each instance adds its workers to the station and its price to the bill.

use super::queue::Ev;
use super::{Role, Simulation};
use crate::components::{Autoscaler, Measure, ScalePlan};
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind, LogText};
use crate::time::{SimDuration, SimTime};

/// How often a web group evaluates its utilization.
pub(crate) const EVALUATION_PERIOD: SimDuration = SimDuration::from_secs(10);
/// How often an autoscaled pool reconsiders its size.
pub(crate) const SCALE_INTERVAL: SimDuration = SimDuration::from_secs(5);

/// A web server's instances.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub scaler: Autoscaler,
    /// Target utilization (0–1), for the log.
    pub target: f64,
    /// Workers one instance brings.
    pub workers_per_instance: u32,
    /// Price of one instance, USD per hour.
    pub usd_per_instance: f64,
    /// Busy-worker area and time at the last evaluation.
    pub area_at_eval: u64,
    pub time_at_eval: SimTime,
}

impl Group {
    /// Whether the group can change size at all.
    pub(crate) fn scales(&self) -> bool {
        self.scaler.scales()
    }
}

impl Simulation {
    /// An autoscaled node evaluates its signal.
    pub(super) fn on_scale_tick(&mut self, node: NodeIx) {
        let now = self.now;
        let n = &self.nodes[node];
        let (alive, label, id) = (n.alive, n.label.clone(), n.id);
        let measure = match &n.role {
            Role::Web(w) => {
                let g = &w.group;
                let area = w.station.busy_area_us(now);
                #[allow(clippy::cast_precision_loss)]
                let utilization = {
                    let span =
                        f64::from(w.station.workers()) * now.since(g.time_at_eval).as_us() as f64;
                    if span > 0.0 {
                        (area - g.area_at_eval) as f64 / span
                    } else {
                        0.0
                    }
                };
                if let Role::Web(w) = &mut self.nodes[node].role {
                    w.group.area_at_eval = area;
                    w.group.time_at_eval = now;
                }
                Measure::Utilization(utilization)
            }
            Role::Workers(w) => {
                Measure::Backlog(w.pool.queue.map_or(0, |q| match &self.nodes[q].role {
                    Role::Queue(mq) => mq.messages.len() as u64,
                    _ => 0,
                }))
            }
            _ => return,
        };
        if let Role::Workers(w) = &mut self.nodes[node].role {
            w.pool.account(now, w.scaler.running);
        }
        let scaler = match &mut self.nodes[node].role {
            Role::Web(w) => &mut w.group.scaler,
            Role::Workers(w) => &mut w.scaler,
            _ => return,
        };
        self.queue.push(now + scaler.period, Ev::ScaleTick { node });
        let Some(plan) = scaler.evaluate(now, alive, measure) else {
            return;
        };
        let warm_up_s = scaler.warm_up.as_ms_f64() / 1e3;
        let (message, text) = match (measure, plan) {
            (Measure::Utilization(u), ScalePlan::Start { more, ready_at }) => {
                let target = match &self.nodes[node].role {
                    Role::Web(w) => w.group.target,
                    _ => 0.0,
                };
                self.schedule(ready_at, Ev::WorkersReady { node, count: more });
                (
                    format!(
                        "{label}: utilization {:.0} % over target {:.0} %, starting {more} more instances (ready in {warm_up_s:.0} s)",
                        u * 100.0,
                        target * 100.0,
                    ),
                    LogText::new("scale_up_instances")
                        .value("utilization", u * 100.0, 0)
                        .value("target", target * 100.0, 0)
                        .count("more", more)
                        .value("seconds", warm_up_s, 0),
                )
            }
            (Measure::Utilization(u), ScalePlan::Stop { fewer, left }) => {
                self.resize_group(node);
                (
                    format!(
                        "{label}: utilization {:.0} %, stopping {fewer} instances ({left} left)",
                        u * 100.0
                    ),
                    LogText::new("scale_down_instances")
                        .value("utilization", u * 100.0, 0)
                        .count("fewer", fewer)
                        .count("left", left),
                )
            }
            (Measure::Backlog(depth), ScalePlan::Start { more, ready_at }) => {
                self.schedule(ready_at, Ev::WorkersReady { node, count: more });
                (
                    format!(
                        "{label}: backlog {depth} jobs, starting {more} more workers (ready in {warm_up_s:.0} s)"
                    ),
                    LogText::new("scale_up_workers")
                        .count("backlog", depth)
                        .count("more", more)
                        .value("seconds", warm_up_s, 0),
                )
            }
            (Measure::Backlog(depth), ScalePlan::Stop { fewer, left }) => (
                format!("{label}: backlog {depth} jobs, stopping {fewer} workers ({left} left)"),
                LogText::new("scale_down_workers")
                    .count("backlog", depth)
                    .count("fewer", fewer)
                    .count("left", left),
            ),
        };
        self.log.push(LogEntry {
            at: now,
            node: id,
            kind: LogKind::Scaled,
            message,
            text: vec![LogText::new("node_says").name("node", label.clone()), text],
        });
    }

    /// Instances or workers of `node` finished warming up.
    pub(super) fn on_workers_ready(&mut self, node: NodeIx, count: u32) {
        match &mut self.nodes[node].role {
            Role::Web(w) => {
                w.group.scaler.ready(count);
                self.resize_group(node);
            }
            Role::Workers(w) => {
                w.pool.account(self.now, w.scaler.running);
                w.scaler.ready(count);
                if let Some(q) = w.pool.queue {
                    self.dispatch_jobs(q);
                }
            }
            _ => {}
        }
    }

    /// A web group's station gets the workers of its running instances.
    fn resize_group(&mut self, node: NodeIx) {
        let Role::Web(w) = &mut self.nodes[node].role else {
            return;
        };
        let workers = w.group.scaler.running * w.group.workers_per_instance;
        self.resize_station(node, workers);
    }

    /// Current price of `node`, USD per hour (an autoscaling group pays for every instance running or booting).
    pub(crate) fn node_usd_per_hour(&self, node: NodeIx) -> f64 {
        let n = &self.nodes[node];
        match &n.role {
            Role::Web(w) if w.group.scales() => {
                w.group.usd_per_instance
                    * f64::from(w.group.scaler.running + w.group.scaler.warming)
            }
            _ => n.usd_per_hour,
        }
    }
}
