//! Autoscaling groups of web servers: a web-server node with more than one instance allowed is a group of identical
//! instances behind one address. Every evaluation period the group compares its utilization since the last look
//! with the target and aims for `ceil(running × utilization / target)` instances (target tracking, as cloud
//! autoscalers do), between its minimum and maximum. New instances take traffic after their warm-up; after any
//! action the group waits out its cooldown. Each instance adds its workers to the station and its price to the
//! bill.

use super::queue::Ev;
use super::{Role, Simulation};
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind};
use crate::time::{SimDuration, SimTime};

/// How often a group evaluates its utilization.
pub(crate) const EVALUATION_PERIOD: SimDuration = SimDuration::from_secs(10);

/// A web server's autoscaling state.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub min: u32,
    pub max: u32,
    pub target: f64,
    pub warm_up: SimDuration,
    pub cooldown: SimDuration,
    /// Instances taking traffic, and booting.
    pub running: u32,
    pub warming: u32,
    /// Workers one instance brings.
    pub workers_per_instance: u32,
    /// Price of one instance, USD per hour.
    pub usd_per_instance: f64,
    pub last_action: Option<SimTime>,
    /// Busy-worker area and time at the last evaluation.
    pub area_at_eval: u128,
    pub time_at_eval: SimTime,
}

impl Group {
    /// Whether the group can change size at all.
    pub(crate) fn scales(&self) -> bool {
        self.max > self.min
    }
}

impl Simulation {
    pub(super) fn on_group_tick(&mut self, node: NodeIx) {
        let now = self.now;
        self.schedule(now + EVALUATION_PERIOD, Ev::ScaleTick { node });
        let n = &mut self.nodes[node];
        let (alive, label, id) = (n.alive, n.label.clone(), n.id);
        let Role::Web(w) = &mut n.role else { return };
        let g = &mut w.group;
        let area = w.station.busy_area_us(now);
        #[allow(clippy::cast_precision_loss)]
        let utilization = {
            let span = f64::from(w.station.workers()) * now.since(g.time_at_eval).as_us() as f64;
            if span > 0.0 {
                (area - g.area_at_eval) as f64 / span
            } else {
                0.0
            }
        };
        g.area_at_eval = area;
        g.time_at_eval = now;
        let cooling = g.last_action.is_some_and(|t| now.since(t) < g.cooldown);
        if !alive || cooling {
            return;
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        // clamped to [min, max] below
        let wanted = libm::ceil(f64::from(g.running) * utilization / g.target.max(0.01)) as u32;
        let desired = wanted.clamp(g.min, g.max);
        let message = if desired > g.running + g.warming {
            let more = desired - g.running - g.warming;
            g.warming += more;
            g.last_action = Some(now);
            let ready = now + g.warm_up;
            let message = format!(
                "{label}: utilization {:.0} % over target {:.0} %, starting {more} more instances (ready in {:.0} s)",
                utilization * 100.0,
                g.target * 100.0,
                g.warm_up.as_ms_f64() / 1e3
            );
            self.schedule(ready, Ev::WorkersReady { node, count: more });
            message
        } else if desired < g.running && g.warming == 0 {
            let fewer = g.running - desired;
            g.running = desired;
            g.last_action = Some(now);
            let workers = g.running * g.workers_per_instance;
            let started = w.station.set_workers(now, workers);
            self.start_all(node, &started);
            format!(
                "{label}: utilization {:.0} %, stopping {fewer} instances ({desired} left)",
                utilization * 100.0
            )
        } else {
            return;
        };
        self.log.push(LogEntry {
            at: now,
            node: id,
            kind: LogKind::Scaled,
            message,
        });
    }

    pub(super) fn on_instances_ready(&mut self, node: NodeIx, count: u32) {
        let now = self.now;
        let Role::Web(w) = &mut self.nodes[node].role else {
            return;
        };
        let g = &mut w.group;
        g.warming = g.warming.saturating_sub(count);
        g.running += count;
        let workers = g.running * g.workers_per_instance;
        let started = w.station.set_workers(now, workers);
        self.start_all(node, &started);
    }

    /// Current price of `node`, USD per hour (an autoscaling group pays for every instance running or booting).
    pub(crate) fn node_usd_per_hour(&self, node: NodeIx) -> f64 {
        let n = &self.nodes[node];
        match &n.role {
            Role::Web(w) if w.group.scales() => {
                w.group.usd_per_instance * f64::from(w.group.running + w.group.warming)
            }
            _ => n.usd_per_hour,
        }
    }
}
