//! The shard router at run time: routes each request to the shard owning its key, counts per-shard load, and
//! reshards live. After "add shard" or "remove shard" the keys that remap are copied at the migration rate, in key
//! order; until a key has been copied its requests still go to its old shard, so load shifts gradually.

use super::{Role, Simulation};
use crate::components::ShardMap;
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind};
use crate::model::ShardStrategy;
use crate::time::SimTime;

/// A resharding in progress.
#[derive(Clone, Debug)]
pub(crate) struct Migration {
    pub old: ShardMap,
    /// Keys that change shard, ascending (copied in this order).
    pub moved: Vec<u32>,
    pub started: SimTime,
    pub keys_per_s: f64,
    /// (old shard, new shard) index pairs some moved key goes between, sorted: who copies to whom (for the view).
    pub flows: Vec<(u32, u32)>,
}

impl Migration {
    /// Keys copied by `now`.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    pub(crate) fn copied(&self, now: SimTime) -> usize {
        let secs = now.since(self.started).as_us() as f64 / 1e6;
        ((secs * self.keys_per_s) as usize).min(self.moved.len())
    }
}

/// A shard router's state.
#[derive(Clone, Debug)]
pub(crate) struct Router {
    pub strategy: ShardStrategy,
    pub virtual_nodes: u32,
    pub keys: u32,
    /// Every connected database, in edge order; the first `map.shards()` are in use.
    pub shards: Vec<NodeIx>,
    pub map: ShardMap,
    pub migration: Option<Migration>,
    pub migration_keys_per_s: f64,
    /// Requests routed to each connected database since the start, and in the open window.
    pub load: Vec<u64>,
    pub window_load: Vec<u64>,
    pub last_window_load: Vec<f64>,
    /// Share of the keys that moved in the last resharding.
    pub keys_moved_fraction: f64,
    /// Keys each connected database owns (updated at every window while a migration runs).
    pub key_counts: Vec<u64>,
}

impl Router {
    /// The connected database index (into `shards`) that serves `key` at `now`.
    pub(crate) fn route(&self, key: u32, now: SimTime) -> usize {
        if let Some(m) = &self.migration
            && let Ok(i) = m.moved.binary_search(&key)
            && i >= m.copied(now)
        {
            return m.old.shard_of(key) as usize;
        }
        self.map.shard_of(key) as usize
    }

    /// Keys each connected database owns at `now`, counting keys not yet copied at their old shard.
    pub(crate) fn effective_key_counts(&self, now: SimTime) -> Vec<u64> {
        let mut counts = vec![0u64; self.shards.len()];
        for (s, c) in self.map.key_counts().into_iter().enumerate() {
            counts[s] = c;
        }
        if let Some(m) = &self.migration {
            for &k in &m.moved[m.copied(now)..] {
                counts[self.map.shard_of(k) as usize] -= 1;
                counts[m.old.shard_of(k) as usize] += 1;
            }
        }
        counts
    }

    /// Closes a metrics window of `secs` seconds at `now`.
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn close_window(&mut self, now: SimTime, secs: f64) {
        for (last, w) in self.last_window_load.iter_mut().zip(&mut self.window_load) {
            *last = if secs > 0.0 { *w as f64 / secs } else { 0.0 };
            *w = 0;
        }
        if self.migration.is_some() {
            self.key_counts = self.effective_key_counts(now);
            if self
                .migration
                .as_ref()
                .is_some_and(|m| m.copied(now) == m.moved.len())
            {
                self.migration = None;
            }
        }
    }

    /// Share of the current resharding's keys already copied (`None` when none runs).
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn migration_progress(&self, now: SimTime) -> Option<f64> {
        self.migration.as_ref().map(|m| {
            if m.moved.is_empty() {
                1.0
            } else {
                m.copied(now) as f64 / m.moved.len() as f64
            }
        })
    }

    /// The hotspot ratio (max / mean) of `load` over the shards in use.
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn hotspot_ratio(&self, load: &[f64]) -> Option<f64> {
        let active = &load[..(self.map.shards() as usize).min(load.len())];
        let mean = active.iter().sum::<f64>() / active.len().max(1) as f64;
        (mean > 0.0).then(|| active.iter().copied().fold(0.0, f64::max) / mean)
    }
}

impl Simulation {
    /// Router `node` changes its number of shards in use by `delta` (±1), if it can.
    pub(super) fn reshard(&mut self, node: NodeIx, delta: i32) {
        let now = self.now;
        let label = self.nodes[node].label.clone();
        let id = self.nodes[node].id;
        let Role::Router(r) = &mut self.nodes[node].role else {
            return;
        };
        let current = r.map.shards();
        let target = current
            .saturating_add_signed(delta)
            .clamp(1, u32::try_from(r.shards.len()).unwrap_or(1));
        if target == current {
            let message = if delta > 0 {
                format!(
                    "{label}: no more connected databases to add as shards; connect another database first"
                )
            } else {
                format!("{label}: cannot remove the last shard")
            };
            self.log.push(LogEntry {
                at: now,
                node: id,
                kind: LogKind::Resharded,
                message,
            });
            return;
        }
        let new = ShardMap::new(r.strategy, target, r.keys, r.virtual_nodes);
        let moved = r.map.moved_keys(&new);
        #[allow(clippy::cast_precision_loss)]
        let fraction = moved.len() as f64 / f64::from(r.keys);
        #[allow(clippy::cast_precision_loss)] // at most 2^32 keys
        let secs = moved.len() as f64 / r.migration_keys_per_s;
        let old = std::mem::replace(&mut r.map, new);
        r.keys_moved_fraction = fraction;
        let verb = if delta > 0 {
            "added a shard"
        } else {
            "removed a shard"
        };
        let message = format!(
            "{label}: {verb} ({current} → {target}); {:.1} % of the keys move, copied in about {secs:.0} s",
            fraction * 100.0
        );
        let mut flows: Vec<(u32, u32)> = moved
            .iter()
            .map(|&k| (old.shard_of(k), r.map.shard_of(k)))
            .collect();
        flows.sort_unstable();
        flows.dedup();
        r.migration = Some(Migration {
            old,
            moved,
            started: now,
            keys_per_s: r.migration_keys_per_s,
            flows,
        });
        r.key_counts = r.effective_key_counts(now);
        self.log.push(LogEntry {
            at: now,
            node: id,
            kind: LogKind::Resharded,
            message,
        });
    }
}
