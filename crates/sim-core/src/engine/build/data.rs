//! The runtime of the data tier: databases and read replicas (two service times, per-key versions; replica sets
//! are formed in `build`), session stores and caches.

use super::Topology;
use crate::components::{CacheStore, ServiceTime, SessionTable, Station};
use crate::engine::{Cache, Db, Role, Store};
use crate::model::{
    CacheConfig, ComponentKind, DatabaseConfig, Node, ServiceDistribution, SessionStoreConfig,
};
use crate::time::SimDuration;

pub(super) fn database(d: &DatabaseConfig) -> Role {
    Role::Db(Db {
        station: Station::new(
            d.workers.saturating_mul(d.instance_size.multiplier()),
            d.queue_capacity,
        ),
        max_connections: d.max_connections,
        read: ServiceTime::from_ms(d.read_time_ms, d.service_distribution),
        write: ServiceTime::from_ms(d.write_time_ms, d.service_distribution),
        versions: Vec::new(),
        reads: 0,
        writes: 0,
        set: None,
        applied: 0,
        apply_epoch: 0,
        behind: 0,
        held: Vec::new(),
        lag_max_us: 0,
        lag_sum_us: 0,
        lag_count: 0,
        stale_own_reads: 0,
        stale_reads: 0,
        lost_writes: 0,
    })
}

pub(super) fn session_store(c: &SessionStoreConfig) -> Role {
    Role::Store(Box::new(Store {
        station: Station::new(c.workers, c.queue_capacity),
        table: SessionTable::default(),
        lookup: ServiceTime::from_ms(c.lookup_time_ms, ServiceDistribution::Exponential),
        forced_logouts: 0,
    }))
}

pub(super) fn cache(t: &Topology, n: &Node, c: &CacheConfig) -> Role {
    Role::Cache(Box::new(Cache {
        station: Station::new(c.workers, c.queue_capacity),
        store: CacheStore::new(
            c.eviction,
            c.capacity_entries,
            SimDuration::from_secs_f64(c.ttl_s),
            c.refresh_ttl_on_hit,
        ),
        lookup: ServiceTime::from_ms(c.lookup_time_ms, ServiceDistribution::Exponential),
        write_policy: c.write_policy,
        database: t
            .target(n.id, &[ComponentKind::Database, ComponentKind::ShardRouter])
            .expect("validated: a cache has a database"),
        stale_reads: 0,
        window_lookups: 0,
        window_hits: 0,
        last_window_hit_ratio: None,
    }))
}
