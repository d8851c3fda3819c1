//! Shard mapping: which shard owns a key, by modulo hashing, consistent hashing with virtual nodes, or key
//! ranges, and how many keys move when a shard is added or removed.
//!
//! Modulo: shard = h(key) mod n — adding a shard to n remaps n/(n+1) of the keys. Consistent hashing (Karger et
//! al., "Consistent hashing and random trees", STOC 1997): each shard owns v points on a 64-bit ring and a key
//! belongs to the first point clockwise of h(key) — adding a shard moves only about 1/(n+1) of the keys, and more
//! virtual nodes even out the shares. Ranges: shard i owns the i-th contiguous slice of the key space — popular
//! low-numbered keys all land on one shard, a hotspot.
//!
//! The hashes are salted by the scenario seed ([`ShardMap::salt_of_seed`]): every seed draws its own ring (and its
//! own modulo assignment), so a seed sweep averages the moved share and the imbalance over rings instead of
//! repeating one. Seed 1's salt is 0, the unsalted hashes.

use crate::model::ShardStrategy;
use crate::rng::splitmix64;

/// A mapping of keys `[0, keys)` to the active shards `[0, shards)`.
#[derive(Clone, Debug)]
pub struct ShardMap {
    strategy: ShardStrategy,
    shards: u32,
    keys: u32,
    /// Consistent hashing: (point, shard), sorted by point.
    ring: Vec<(u64, u32)>,
    /// XORed into every hashed value (see [`ShardMap::salt_of_seed`]).
    salt: u64,
}

fn key_hash(key: u32, salt: u64) -> u64 {
    splitmix64(u64::from(key) ^ 0x6B65_795F_6861_7368 ^ salt)
}

impl ShardMap {
    /// A map over `keys` keys and `shards` shards (at least 1) with `virtual_nodes` points per shard on the ring,
    /// its hashes salted by `salt` (0: unsalted; a router uses [`ShardMap::salt_of_seed`]). Shard `s`'s points
    /// do not depend on how many shards there are, so growing from n to m shards only adds points.
    #[must_use]
    pub fn new(
        strategy: ShardStrategy,
        shards: u32,
        keys: u32,
        virtual_nodes: u32,
        salt: u64,
    ) -> Self {
        let shards = shards.max(1);
        let mut ring = Vec::new();
        if strategy == ShardStrategy::ConsistentHashing {
            for s in 0..shards {
                for v in 0..virtual_nodes.max(1) {
                    ring.push((splitmix64(((u64::from(s) << 32) | u64::from(v)) ^ salt), s));
                }
            }
            ring.sort_unstable();
        }
        ShardMap {
            strategy,
            shards,
            keys: keys.max(1),
            ring,
            salt,
        }
    }

    /// The salt of a scenario's `seed`: `(seed − 1) × 0x9E37_79B9_7F4A_7C15` (the golden-ratio odd constant, so
    /// distinct seeds give salts differing in their high bits and thus unrelated hashes). Seed 1, every preset's,
    /// gets 0 and keeps the unsalted ring.
    #[must_use]
    pub fn salt_of_seed(seed: u64) -> u64 {
        seed.wrapping_sub(1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    /// Active shards.
    #[must_use]
    pub fn shards(&self) -> u32 {
        self.shards
    }

    /// The shard owning `key`.
    #[must_use]
    #[allow(clippy::cast_possible_truncation)] // results are < shards ≤ u32::MAX
    pub fn shard_of(&self, key: u32) -> u32 {
        match self.strategy {
            ShardStrategy::Modulo => (key_hash(key, self.salt) % u64::from(self.shards)) as u32,
            ShardStrategy::Range => {
                ((u64::from(key.min(self.keys - 1)) * u64::from(self.shards))
                    / u64::from(self.keys)) as u32
            }
            ShardStrategy::ConsistentHashing => {
                let h = key_hash(key, self.salt);
                let i = self.ring.partition_point(|&(p, _)| p < h);
                self.ring[i % self.ring.len()].1
            }
        }
    }

    /// Keys owned by each shard.
    #[must_use]
    pub fn key_counts(&self) -> Vec<u64> {
        let mut counts = vec![0u64; self.shards as usize];
        for k in 0..self.keys {
            counts[self.shard_of(k) as usize] += 1;
        }
        counts
    }

    /// The keys whose shard differs between `self` and `other`, ascending.
    #[must_use]
    pub fn moved_keys(&self, other: &ShardMap) -> Vec<u32> {
        (0..self.keys.min(other.keys))
            .filter(|&k| self.shard_of(k) != other.shard_of(k))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_exactly_one_shard_and_counts_add_up() {
        for strategy in [
            ShardStrategy::Modulo,
            ShardStrategy::ConsistentHashing,
            ShardStrategy::Range,
        ] {
            let m = ShardMap::new(strategy, 5, 10_000, 50, 0);
            let counts = m.key_counts();
            assert_eq!(counts.iter().sum::<u64>(), 10_000);
            assert!(
                counts.iter().all(|&c| c > 1_000),
                "{strategy:?}: {counts:?}"
            );
        }
    }

    #[test]
    fn ranges_are_contiguous() {
        let m = ShardMap::new(ShardStrategy::Range, 4, 100, 1, 0);
        assert_eq!(
            [
                m.shard_of(0),
                m.shard_of(24),
                m.shard_of(25),
                m.shard_of(99)
            ],
            [0, 0, 1, 3]
        );
    }

    #[test]
    fn more_virtual_nodes_even_out_the_shares() {
        let spread = |v| {
            let c = ShardMap::new(ShardStrategy::ConsistentHashing, 8, 100_000, v, 0).key_counts();
            #[allow(clippy::cast_precision_loss)]
            let ratio = *c.iter().max().expect("shards") as f64 / (100_000.0 / 8.0);
            ratio
        };
        assert!(spread(200) < spread(1), "{} vs {}", spread(200), spread(1));
        assert!(spread(200) < 1.2);
    }
}
