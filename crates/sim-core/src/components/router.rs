//! Shard-router kernel: routes each request to the shard owning its key, counts per-shard load, and plans a live
//! resharding. After "add shard" or "remove shard" the keys that remap are copied at the migration rate, in key
//! order; until a key has been copied its requests still go to its old shard, so load shifts gradually. "Double
//! the shards" goes from n to 2n in one step (as far as connected databases allow), moving the keys once.

use crate::components::ShardMap;
use crate::id::NodeIx;
use crate::model::ShardStrategy;
use crate::time::SimTime;

/// A resharding in progress.
#[derive(Clone, Debug)]
pub struct Migration {
    /// The map before the resharding.
    pub old: ShardMap,
    /// Keys that change shard, ascending (copied in this order).
    pub moved: Vec<u32>,
    /// When copying started.
    pub started: SimTime,
    /// Copy rate.
    pub keys_per_s: f64,
    /// (old shard, new shard) index pairs some moved key goes between, sorted: who copies to whom (for the view).
    pub flows: Vec<(u32, u32)>,
}

impl Migration {
    /// Keys copied by `now`.
    #[must_use]
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    pub fn copied(&self, now: SimTime) -> usize {
        let secs = now.since(self.started).as_us() as f64 / 1e6;
        ((secs * self.keys_per_s) as usize).min(self.moved.len())
    }
}

/// What a request to add or remove a shard did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reshard {
    /// Nothing: no database left to add, or only one shard left to remove.
    Unchanged,
    /// The shards in use went from `from` to `to` (one step, however many shards it adds or removes); `fraction`
    /// of the keys move, copied in about `secs`.
    Started {
        /// Shards in use before.
        from: u32,
        /// Shards in use after.
        to: u32,
        /// Share of the keys that move (0–1), over the whole step.
        fraction: f64,
        /// Time to copy them at the migration rate, s.
        secs: f64,
    },
}

/// A shard router's state.
#[derive(Clone, Debug)]
pub struct Router {
    /// How keys map to shards.
    pub strategy: ShardStrategy,
    /// Points per shard on a consistent-hashing ring.
    pub virtual_nodes: u32,
    /// Size of the key space.
    pub keys: u32,
    /// Every connected database, in edge order; the first `map.shards()` are in use.
    pub shards: Vec<NodeIx>,
    /// The current map.
    pub map: ShardMap,
    /// The resharding under way, if any.
    pub migration: Option<Migration>,
    /// Copy rate of a resharding, keys per second.
    pub migration_keys_per_s: f64,
    /// Requests routed to each connected database since the start, and in the open window.
    pub load: Vec<u64>,
    /// Requests routed in the open window.
    pub window_load: Vec<u64>,
    /// Requests per second of the last closed window.
    pub last_window_load: Vec<f64>,
    /// Share of the keys that moved in the last resharding (0–1, over its whole step: n → 2n counts once).
    pub keys_moved_fraction: f64,
    /// Salt of the shard maps' hashes, from the scenario seed ([`ShardMap::salt_of_seed`]).
    pub salt: u64,
    /// Keys each connected database owns (updated at every window while a migration runs).
    pub key_counts: Vec<u64>,
    /// Shards in use before and after the last resharding (read by the theory panel only).
    pub last_reshard: Option<(u32, u32)>,
}

impl Router {
    /// A router over `shards` (connected databases, in edge order) using the first `active` of them (0: all), its
    /// maps' hashes salted by `salt` ([`ShardMap::salt_of_seed`] of the scenario seed).
    #[must_use]
    pub fn new(
        strategy: ShardStrategy,
        virtual_nodes: u32,
        keys: u32,
        shards: Vec<NodeIx>,
        active: u32,
        migration_keys_per_s: f64,
        salt: u64,
    ) -> Self {
        let connected = u32::try_from(shards.len()).expect("shard count fits u32");
        let active = if active == 0 {
            connected
        } else {
            active.min(connected)
        };
        let map = ShardMap::new(strategy, active, keys, virtual_nodes, salt);
        let mut key_counts = map.key_counts();
        key_counts.resize(shards.len(), 0);
        Router {
            strategy,
            virtual_nodes,
            keys,
            map,
            migration: None,
            migration_keys_per_s,
            load: vec![0; shards.len()],
            window_load: vec![0; shards.len()],
            last_window_load: vec![0.0; shards.len()],
            keys_moved_fraction: 0.0,
            key_counts,
            last_reshard: None,
            salt,
            shards,
        }
    }

    /// The connected database index (into `shards`) that serves `key` at `now`.
    #[must_use]
    pub fn route(&self, key: u32, now: SimTime) -> usize {
        if let Some(m) = &self.migration
            && let Ok(i) = m.moved.binary_search(&key)
            && i >= m.copied(now)
        {
            return m.old.shard_of(key) as usize;
        }
        self.map.shard_of(key) as usize
    }

    /// Routes `key` at `now` and counts the request on its shard: the shard index.
    pub fn send(&mut self, key: u32, now: SimTime) -> usize {
        let shard = self.route(key, now);
        self.load[shard] += 1;
        self.window_load[shard] += 1;
        shard
    }

    /// Keys each connected database owns at `now`, counting keys not yet copied at their old shard.
    #[must_use]
    pub fn effective_key_counts(&self, now: SimTime) -> Vec<u64> {
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

    /// Changes the shards in use by `delta` (±1, or any step) at `now`, if it can, and starts copying the keys
    /// that move. The count stays within 1 and the connected databases.
    pub fn reshard(&mut self, delta: i32, now: SimTime) -> Reshard {
        let target = self.map.shards().saturating_add_signed(delta);
        self.reshard_to(target, now)
    }

    /// Doubles the shards in use at `now` (n → 2n, or as many as are connected), in one step: each key moves at
    /// most once, and `fraction` is the whole step's — 1/2 for modulo and consistent hashing.
    pub fn double(&mut self, now: SimTime) -> Reshard {
        let target = self.map.shards().saturating_mul(2);
        self.reshard_to(target, now)
    }

    /// Uses `target` shards from `now` (clamped to 1 … connected databases), copying the keys that move at the
    /// migration rate; [`Reshard::Unchanged`] if the clamped count is the current one.
    pub fn reshard_to(&mut self, target: u32, now: SimTime) -> Reshard {
        let current = self.map.shards();
        let target = target.clamp(1, u32::try_from(self.shards.len()).unwrap_or(1).max(1));
        if target == current {
            return Reshard::Unchanged;
        }
        let new = ShardMap::new(
            self.strategy,
            target,
            self.keys,
            self.virtual_nodes,
            self.salt,
        );
        let moved = self.map.moved_keys(&new);
        #[allow(clippy::cast_precision_loss)] // at most 2^32 keys
        let fraction = moved.len() as f64 / f64::from(self.keys);
        #[allow(clippy::cast_precision_loss)] // at most 2^32 keys
        let secs = moved.len() as f64 / self.migration_keys_per_s;
        let old = std::mem::replace(&mut self.map, new);
        self.keys_moved_fraction = fraction;
        self.last_reshard = Some((current, target));
        let mut flows: Vec<(u32, u32)> = moved
            .iter()
            .map(|&k| (old.shard_of(k), self.map.shard_of(k)))
            .collect();
        flows.sort_unstable();
        flows.dedup();
        self.migration = Some(Migration {
            old,
            moved,
            started: now,
            keys_per_s: self.migration_keys_per_s,
            flows,
        });
        self.key_counts = self.effective_key_counts(now);
        Reshard::Started {
            from: current,
            to: target,
            fraction,
            secs,
        }
    }

    /// Closes a metrics window of `secs` seconds at `now`.
    #[allow(clippy::cast_precision_loss)]
    pub fn close_window(&mut self, now: SimTime, secs: f64) {
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
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn migration_progress(&self, now: SimTime) -> Option<f64> {
        self.migration.as_ref().map(|m| {
            if m.moved.is_empty() {
                1.0
            } else {
                m.copied(now) as f64 / m.moved.len() as f64
            }
        })
    }

    /// The hotspot ratio (max / mean) of `load` over the shards in use.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn hotspot_ratio(&self, load: &[f64]) -> Option<f64> {
        let active = &load[..(self.map.shards() as usize).min(load.len())];
        let mean = active.iter().sum::<f64>() / active.len().max(1) as f64;
        (mean > 0.0).then(|| active.iter().copied().fold(0.0, f64::max) / mean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn router(strategy: ShardStrategy) -> Router {
        Router::new(
            strategy,
            100,
            10_000,
            vec![NodeIx(5), NodeIx(6), NodeIx(7)],
            2,
            1_000.0,
            0,
        )
    }

    #[test]
    fn a_new_shard_takes_its_keys_as_they_are_copied() {
        let mut r = router(ShardStrategy::Modulo);
        assert_eq!(r.key_counts.iter().sum::<u64>(), 10_000);
        assert_eq!(r.key_counts[2], 0, "a spare database owns nothing");
        let Reshard::Started {
            from,
            to,
            fraction,
            secs,
        } = r.reshard(1, SimTime(0))
        else {
            panic!("a third database was connected")
        };
        assert_eq!((from, to), (2, 3));
        // Modulo 2 → 3 moves about 2/3 of the keys, copied at 1000 keys/s.
        assert!((fraction - 2.0 / 3.0).abs() < 0.03, "{fraction}");
        assert!((secs - fraction * 10.0).abs() < 1e-9);
        let moved = r.migration.as_ref().expect("copying").moved.clone();
        assert_eq!(
            r.route(moved[0], SimTime(0)),
            r.migration.as_ref().expect("m").old.shard_of(moved[0]) as usize
        );
        assert_eq!(
            r.route(moved[0], SimTime(1_000_000)),
            r.map.shard_of(moved[0]) as usize
        );
        let halfway = r.effective_key_counts(SimTime(2_000_000));
        assert!(halfway[2] > 0 && halfway[2] < r.map.key_counts()[2]);
        r.close_window(SimTime(20_000_000), 1.0);
        assert!(r.migration.is_none(), "done after the copy time");
        assert_eq!(r.key_counts, r.map.key_counts());
    }

    #[test]
    fn the_router_cannot_go_past_its_databases_or_below_one_shard() {
        let mut r = router(ShardStrategy::ConsistentHashing);
        assert!(matches!(r.reshard(1, SimTime(0)), Reshard::Started { .. }));
        assert_eq!(r.reshard(1, SimTime(0)), Reshard::Unchanged);
        assert!(matches!(r.reshard(-1, SimTime(0)), Reshard::Started { .. }));
        assert!(matches!(r.reshard(-1, SimTime(0)), Reshard::Started { .. }));
        assert_eq!(r.reshard(-1, SimTime(0)), Reshard::Unchanged);
    }

    #[test]
    fn doubling_stops_at_the_connected_databases() {
        let mut r = Router::new(
            ShardStrategy::Modulo,
            100,
            10_000,
            (0..5).map(NodeIx).collect(),
            2,
            1_000.0,
            0,
        );
        let Reshard::Started {
            from, to, fraction, ..
        } = r.double(SimTime(0))
        else {
            panic!("two more databases are connected")
        };
        // Modulo 2 → 4: a key stays iff h mod 4 = h mod 2, half of them.
        assert_eq!((from, to), (2, 4));
        assert!((fraction - 0.5).abs() < 0.02, "{fraction}");
        assert_eq!(r.keys_moved_fraction, fraction);
        assert!(matches!(
            r.double(SimTime(0)),
            Reshard::Started { from: 4, to: 5, .. }
        ));
        assert_eq!(r.double(SimTime(0)), Reshard::Unchanged);
    }

    #[test]
    fn load_is_counted_per_shard_and_per_window() {
        let mut r = router(ShardStrategy::Modulo);
        for k in 0..100 {
            r.send(k, SimTime(0));
        }
        assert_eq!(r.load.iter().sum::<u64>(), 100);
        r.close_window(SimTime(1_000_000), 0.5);
        assert_eq!(r.last_window_load.iter().sum::<f64>(), 200.0);
        assert!(r.hotspot_ratio(&r.last_window_load).expect("load") >= 1.0);
    }
}
