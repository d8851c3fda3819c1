//! The runtime of background jobs: message queues (capacity, durability, their consuming pools) and worker pools
//! (the queue they consume and the autoscaler that sets how many workers take jobs).

use super::Topology;
use crate::components::{Autoscaler, MessageQueue, Pool, Signal};
use crate::engine::Role;
use crate::engine::autoscale::SCALE_INTERVAL;
use crate::engine::jobs::Workers;
use crate::model::{ComponentKind, Node, QueueConfig, WorkersConfig};
use crate::time::SimDuration;

pub(super) fn message_queue(t: &Topology, n: &Node, q: &QueueConfig) -> Role {
    Role::Queue(Box::new(MessageQueue::new(
        q.capacity_messages,
        q.durable,
        t.targets(n.id, &[ComponentKind::Workers]),
    )))
}

pub(super) fn workers(t: &Topology, n: &Node, w: &WorkersConfig) -> Role {
    Role::Workers(Box::new(Workers {
        pool: Pool {
            queue: t.source(n.id, ComponentKind::MessageQueue),
            ..Pool::default()
        },
        scaler: Autoscaler::new(
            Signal::Backlog {
                per_worker: w.target_backlog_per_worker,
            },
            w.min_workers,
            w.max_workers,
            SimDuration::from_secs_f64(w.warm_up_s),
            SimDuration::ZERO,
            SCALE_INTERVAL,
        ),
    }))
}
