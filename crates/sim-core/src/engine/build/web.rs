//! A web server's runtime: its station (every instance's workers), its autoscaler when it is a group, its service
//! and timeout, and where it sends what (data tier, session store, message queue).

use super::Topology;
use crate::components::{Autoscaler, ServiceTime, Signal, Station};
use crate::engine::autoscale::{EVALUATION_PERIOD, Group};
use crate::engine::{Role, Web};
use crate::model::{ComponentKind, Node, SessionMode, WebServerConfig};
use crate::time::{SimDuration, SimTime};

pub(super) fn web_server(t: &Topology, n: &Node, w: &WebServerConfig) -> Role {
    let instances = w.min_instances.max(1);
    let workers_per_instance = w.workers.saturating_mul(w.instance_size.multiplier());
    Role::Web(Web {
        station: Station::new(
            workers_per_instance.saturating_mul(instances),
            w.queue_capacity,
        ),
        group: Group {
            scaler: Autoscaler::new(
                Signal::Utilization {
                    target: w.target_utilization,
                },
                instances,
                w.max_instances,
                SimDuration::from_secs_f64(w.warm_up_s),
                SimDuration::from_secs_f64(w.cooldown_s),
                EVALUATION_PERIOD,
            ),
            target: w.target_utilization,
            workers_per_instance,
            usd_per_instance: crate::model::cost::usd_per_hour(&n.config) / f64::from(instances),
            area_at_eval: 0,
            time_at_eval: SimTime::ZERO,
        },
        service: ServiceTime::from_ms(w.service_time_ms, w.service_distribution),
        timeout: SimDuration::from_ms_f64(w.timeout_ms),
        database: if w.embedded_database {
            None
        } else {
            t.target(
                n.id,
                &[
                    ComponentKind::Database,
                    ComponentKind::Cache,
                    ComponentKind::ShardRouter,
                ],
            )
        },
        sessions: w.sessions,
        store: match w.sessions {
            SessionMode::SessionStore => t.target(n.id, &[ComponentKind::SessionStore]),
            SessionMode::None | SessionMode::InMemory => None,
        },
        forced_logouts: 0,
        queue: t.target(n.id, &[ComponentKind::MessageQueue]),
    })
}
