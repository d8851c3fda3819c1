//! Two small formulas of the data tier: how many acknowledged writes an asynchronous replica set loses on failover,
//! and how many keys move when a shard router goes from `n` shards to `m`.

use crate::model::ShardStrategy;

/// Expected acknowledged writes lost when the primary of an asynchronous replica set dies: the writes still in
/// transit to the replica that gets promoted, `w·L` by Little's law (w the write rate, L the mean replication lag)
/// — at most that, since the most up-to-date replica is chosen. Semi-synchronous replication loses none.
/// `None` for a negative or non-finite rate or lag.
#[must_use]
pub fn writes_lost_on_failover(
    writes_per_s: f64,
    lag_s_mean: f64,
    semi_synchronous: bool,
) -> Option<f64> {
    if !(writes_per_s.is_finite()
        && writes_per_s >= 0.0
        && lag_s_mean.is_finite()
        && lag_s_mean >= 0.0)
    {
        return None;
    }
    Some(if semi_synchronous {
        0.0
    } else {
        writes_per_s * lag_s_mean
    })
}

/// The share of keys (0–1) that change shard when a router goes from `from` to `to` shards (both at least 1), for
/// keys spread evenly:
/// - modulo `h(k) mod n`: a key stays only where `h mod n = h mod m`, counted over one period of lcm(n, m) hash
///   values — the min(n, m) residues below both counts, so `1 − min(n, m)/lcm(n, m)` move; from n to n + 1 that
///   is `n/(n+1)`, almost everything; doubling, n to 2n, moves half;
/// - consistent hashing (Karger et al., STOC 1997): only the keys the new shard takes (or the old one gives up)
///   move, `|m − n| / max(m, n)` — `1/(n+1)` when one is added;
/// - ranges (equal slices of the key space): a key stays where its old and new slices overlap; from n to n + 1,
///   exactly half the keys move, whatever n.
///
/// `None` when either count is 0.
#[must_use]
pub fn keys_moved_fraction(strategy: ShardStrategy, from: u32, to: u32) -> Option<f64> {
    if from == 0 || to == 0 {
        return None;
    }
    if from == to {
        return Some(0.0);
    }
    let (n, m) = (f64::from(from), f64::from(to));
    Some(match strategy {
        ShardStrategy::ConsistentHashing => (m - n).abs() / n.max(m),
        // Hash values are even over [0, lcm(n, m)): count those whose two residues agree. O(lcm), fine for the
        // router's few dozen shards at most.
        ShardStrategy::Modulo => {
            let l = lcm(u64::from(from), u64::from(to));
            let stay = (0..l)
                .filter(|r| r % u64::from(from) == r % u64::from(to))
                .count();
            #[allow(clippy::cast_precision_loss)] // small counts
            let moved = 1.0 - stay as f64 / l as f64;
            moved
        }
        ShardStrategy::Range => {
            // Slice j covers [j/n, (j+1)/n) before and [j/m, (j+1)/m) after; a key stays in the overlap.
            let stay: f64 = (0..from.min(to))
                .map(|j| {
                    let j = f64::from(j);
                    ((j + 1.0) / n).min((j + 1.0) / m) - (j / n).max(j / m)
                })
                .map(|w| w.max(0.0))
                .sum();
            1.0 - stay
        }
    })
}

fn lcm(a: u64, b: u64) -> u64 {
    let (mut x, mut y) = (a, b);
    while y != 0 {
        (x, y) = (y, x % y);
    }
    a / x * b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_a_shard_moves_almost_everything_with_modulo_and_little_with_consistent_hashing() {
        for n in 1..=9 {
            let modulo = keys_moved_fraction(ShardStrategy::Modulo, n, n + 1).expect("valid");
            let ring =
                keys_moved_fraction(ShardStrategy::ConsistentHashing, n, n + 1).expect("valid");
            let range = keys_moved_fraction(ShardStrategy::Range, n, n + 1).expect("valid");
            let n = f64::from(n);
            assert!(
                (modulo - n / (n + 1.0)).abs() < 1e-12,
                "modulo {n}: {modulo}"
            );
            assert!((ring - 1.0 / (n + 1.0)).abs() < 1e-12, "ring {n}: {ring}");
            assert!((range - 0.5).abs() < 1e-12, "range {n}: {range}");
        }
        // Removing one of five: consistent hashing moves the removed shard's fifth.
        let down = keys_moved_fraction(ShardStrategy::ConsistentHashing, 5, 4).expect("valid");
        assert!((down - 0.2).abs() < 1e-12);
        // 2 → 4 with modulo: h mod 2 = h mod 4 for residues 0 and 1 of 4: half stay.
        let double = keys_moved_fraction(ShardStrategy::Modulo, 2, 4).expect("valid");
        assert!((double - 0.5).abs() < 1e-12);
        assert_eq!(keys_moved_fraction(ShardStrategy::Range, 3, 3), Some(0.0));
        assert_eq!(keys_moved_fraction(ShardStrategy::Modulo, 0, 3), None);
    }

    #[test]
    fn any_step_follows_the_closed_forms() {
        // Modulo 1 − min/lcm and consistent hashing |m − n|/max, for steps of any size, doubling among them.
        for (n, m) in [(2, 4), (3, 6), (4, 6), (3, 5), (8, 4), (1, 7)] {
            let l =
                f64::from(u32::try_from(lcm(u64::from(n), u64::from(m))).expect("small counts"));
            let (nf, mf) = (f64::from(n), f64::from(m));
            let modulo = keys_moved_fraction(ShardStrategy::Modulo, n, m).expect("valid");
            let ring = keys_moved_fraction(ShardStrategy::ConsistentHashing, n, m).expect("valid");
            assert!(
                (modulo - (1.0 - nf.min(mf) / l)).abs() < 1e-12,
                "{n}→{m}: {modulo}"
            );
            assert!(
                (ring - (mf - nf).abs() / nf.max(mf)).abs() < 1e-12,
                "{n}→{m}: {ring}"
            );
        }
    }

    #[test]
    fn writes_lost_follow_little_s_law() {
        assert_eq!(writes_lost_on_failover(200.0, 0.1, false), Some(20.0));
        assert_eq!(writes_lost_on_failover(200.0, 0.1, true), Some(0.0));
        assert_eq!(writes_lost_on_failover(-1.0, 0.1, false), None);
    }
}
