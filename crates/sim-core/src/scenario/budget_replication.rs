//! The budget's share for a replica set (see `budget.rs`): the writes in transit to its replicas, what a limited
//! applier holds back, and the users' latest writes a read-your-writes window needs. Memory only: a replicated
//! write's apply is its one event whatever the settings, and the events are counted along the request's path.

use super::budget::{EVENT_BYTES, whole};
use crate::model::{DatabaseConfig, FieldSpec, Replication, field};

/// A user's latest write remembered by a replica set (read-your-writes, stale own reads).
const OWN_WRITE_BYTES: u64 = std::mem::size_of::<crate::components::OwnWrite>() as u64;

/// `(setting, its value, bytes)` of a primary `db` with `replicas` replicas, at most `write_rate` writes a second
/// (every client's), `users` users in all, `keys` keys at most, over a run of `d` s. A write in transit is a
/// pending event and its slot, in tables that grow by doubling (counted twice). Multi-primary adds, per member, a
/// time per key (when another primary's write to it arrives) and, per write in transit, its origin.
pub(super) fn costs(
    db: &DatabaseConfig,
    replicas: f64,
    write_rate: f64,
    (users, keys): (u64, u64),
    d: f64,
) -> Vec<(FieldSpec, f64, u64)> {
    let mut out = Vec::new();
    let lag_s = db.replication_lag_ms.clamp(0.0, 1e9) / 1e3 + 0.2;
    let in_transit =
        (2.0 * write_rate * lag_s * replicas + 16.0).min(write_rate * d * replicas + 16.0);
    let (slot_bytes, peer_tables) = if db.replication == Replication::MultiPrimary {
        (EVENT_BYTES + 12 + 8, 2 * (whole(replicas) + 1) * keys * 8)
    } else {
        (EVENT_BYTES + 12, 0)
    };
    out.push((
        field::REPLICATION_LAG,
        db.replication_lag_ms,
        2 * whole(in_transit) * slot_bytes + peer_tables,
    ));
    // A limited applier holds its backlog in transit too: M/M/1's mean ρ/(1 − ρ) with room for bursts while
    // writes stay below its rate, else (w − r)·t more by the end.
    let r = db.apply_rate_per_s;
    if r > 0.0 {
        let rho = write_rate / r;
        let queued = if rho < 1.0 {
            10.0 * rho / (1.0 - rho)
        } else {
            f64::INFINITY
        };
        let backlog =
            ((write_rate - r).max(0.0) * d + queued).min(write_rate * d + 16.0) * replicas;
        out.push((
            field::APPLY_RATE,
            r,
            2 * whole(backlog) * (EVENT_BYTES + 12),
        ));
    }
    // Each user's latest write (time, key, version), for the read-your-writes window.
    if db.read_your_writes_s > 0.0 {
        out.push((
            field::READ_YOUR_WRITES,
            db.read_your_writes_s,
            2 * users * OWN_WRITE_BYTES,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_applier_slower_than_the_writes_is_charged_its_growing_backlog() {
        let db = DatabaseConfig {
            apply_rate_per_s: 500.0,
            read_your_writes_s: 1.0,
            ..DatabaseConfig::default()
        };
        let costs = costs(&db, 1.0, 600.0, (1_000, 10_000), 100.0);
        let bytes = |name: &str| costs.iter().find(|c| c.0.name == name).map(|c| c.2);
        // (w − r)·t = 10 000 writes held back at most, each a pending event and its slot, twice.
        let backlog = bytes("apply_rate_per_s").expect("charged");
        assert!(backlog >= 2 * 10_000 * (EVENT_BYTES + 12), "{backlog} B");
        assert_eq!(bytes("read_your_writes_s"), Some(2 * 1_000 * 16));
        let off = costs_of_default();
        assert_eq!(
            off.len(),
            1,
            "only the writes in transit without the new settings"
        );
    }

    #[test]
    fn multi_primary_is_charged_a_time_per_key_for_each_member() {
        let lag = |db: &DatabaseConfig| costs(db, 1.0, 600.0, (1_000, 10_000), 100.0)[0].2;
        let multi = DatabaseConfig {
            replication: Replication::MultiPrimary,
            ..DatabaseConfig::default()
        };
        // Two members × 10 000 keys × 8 B, twice, beyond the origins of the writes in transit.
        assert!(lag(&multi) >= lag(&DatabaseConfig::default()) + 2 * 2 * 10_000 * 8);
    }

    fn costs_of_default() -> Vec<(FieldSpec, f64, u64)> {
        costs(
            &DatabaseConfig::default(),
            1.0,
            600.0,
            (1_000, 10_000),
            100.0,
        )
    }
}
