//! Cache hit ratios under the independent reference model (every lookup picks key i with probability pᵢ,
//! independently of the past — what the simulator's clients do), for a cache of C entries:
//!
//! - **LRU**, Che's approximation: a key stays cached while it is asked for within a *characteristic time* T,
//!   the T at which the expected number of cached keys is C: `Σ (1 − e^{−pᵢT}) = C`, and key i hits with
//!   probability `1 − e^{−pᵢT}` (Che, Tung & Wang, "Hierarchical Web caching systems", IEEE JSAC 20(7), 2002;
//!   why it is accurate: Fricker, Robert & Roberts, "A versatile and accurate approximation for LRU cache
//!   performance", ITC 2012).
//! - **FIFO** (and random replacement, which behaves the same under this model): `hᵢ = pᵢT / (1 + pᵢT)` with
//!   `Σ hᵢ = C` (Martina, Garetto & Leonardi, "A unified approach to the performance analysis of caching
//!   systems", INFOCOM 2014; Gelenbe, 1973, for random replacement).
//! - **LFU**: a perfect LFU keeps the C most popular keys, `Σ_{i≤C} pᵢ`. An in-cache LFU (counts forgotten on
//!   eviction, as here) does no better: the value is an upper bound.
//! - **TTL**: an entry expires `D` after it was filled, whatever its use. Alone, key i (lookups at rate λᵢ) hits
//!   with probability `λᵢD / (1 + λᵢD)` (a renewal argument: after each miss it serves a Poisson(λᵢD) number of
//!   hits; Jung, Berger & Balakrishnan, "Modeling TTL-based Internet caches", INFOCOM 2003). With a capacity as
//!   well, each key's share is taken as the smaller of the two (an approximation: the TTL and the eviction both
//!   end a cached period), and T is solved with those shares.

use crate::model::KeyDistribution;
use crate::traffic::KeySampler;

/// Eviction policy, as the formulas know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CachePolicy {
    /// Least recently used (Che's approximation).
    Lru,
    /// First in, first out (or random replacement).
    Fifo,
    /// Least frequently used (the perfect-LFU bound).
    Lfu,
}

/// The popularity of each key, most popular first, exactly as the simulator's clients draw them: uniform, or
/// Zipf(`alpha`) over `keys` keys. Cost: O(`keys`) (`pow` per key for Zipf).
#[must_use]
pub fn zipf_popularities(dist: KeyDistribution, keys: u32, alpha: f64) -> Vec<f64> {
    let s = KeySampler::new(dist, keys, alpha);
    (0..keys.max(1)).map(|k| s.probability(k)).collect()
}

/// Per-key cached share for characteristic time `t` (in lookups), with the TTL cap when given.
fn share(policy: CachePolicy, p: f64, t: f64, ttl: Option<f64>) -> f64 {
    let by_capacity = match policy {
        CachePolicy::Lru => -(-p * t).exp_m1(),
        CachePolicy::Fifo | CachePolicy::Lfu => p * t / (1.0 + p * t),
    };
    match ttl {
        Some(ttl_share) => by_capacity.min(ttl_share),
        None => by_capacity,
    }
}

/// The hit ratio (0–1) of a cache of `capacity` entries with `policy`, for key popularities `p` (summing to 1).
/// `ttl` is `(ttl_s, lookups_per_s)`: entries expire `ttl_s` after they are filled, and lookups of all keys
/// together arrive at `lookups_per_s`.
///
/// `None` when `p` is empty or does not sum to about 1, or a TTL value is not positive and finite. A cache as
/// big as the key space (and no TTL) hits every lookup after warm-up: 1. Cost: O(keys × 60) for the bisection.
#[must_use]
pub fn cache_hit_ratio(
    policy: CachePolicy,
    p: &[f64],
    capacity: u64,
    ttl: Option<(f64, f64)>,
) -> Option<f64> {
    let total: f64 = p.iter().sum();
    if p.is_empty() || (total - 1.0).abs() > 1e-6 {
        return None;
    }
    if let Some((ttl_s, rate)) = ttl
        && !(ttl_s.is_finite() && ttl_s > 0.0 && rate.is_finite() && rate > 0.0)
    {
        return None;
    }
    let ttl_share = |q: f64| ttl.map(|(ttl_s, rate)| (q * rate * ttl_s) / (1.0 + q * rate * ttl_s));
    #[allow(clippy::cast_precision_loss)] // a capacity far below 2⁵³
    let c = capacity as f64;
    if policy == CachePolicy::Lfu && ttl.is_none() {
        let mut sorted = p.to_vec();
        sorted.sort_unstable_by(|a, b| b.total_cmp(a));
        let keep = usize::try_from(capacity).unwrap_or(usize::MAX);
        return Some(sorted.iter().take(keep).sum::<f64>().min(1.0));
    }
    // With enough room for every key the capacity never binds: only the TTL (if any) ends a cached period.
    if usize::try_from(capacity).unwrap_or(usize::MAX) >= p.len() {
        return Some(match ttl {
            None => 1.0,
            Some(_) => p.iter().map(|&q| q * ttl_share(q).unwrap_or(1.0)).sum(),
        });
    }
    if capacity == 0 {
        return Some(0.0);
    }
    let filled = |t: f64| {
        p.iter()
            .map(|&q| share(policy, q, t, ttl_share(q)))
            .sum::<f64>()
    };
    // If the TTL alone keeps fewer than C entries, the capacity never binds either.
    if ttl.is_some() && filled(f64::MAX) <= c {
        return Some(p.iter().map(|&q| q * ttl_share(q).unwrap_or(1.0)).sum());
    }
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    while filled(hi) < c {
        hi *= 2.0;
        if !hi.is_finite() {
            return Some(1.0);
        }
    }
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if filled(mid) < c {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let t = 0.5 * (lo + hi);
    Some(
        p.iter()
            .map(|&q| q * share(policy, q, t, ttl_share(q)))
            .sum(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zipf(keys: u32, alpha: f64) -> Vec<f64> {
        zipf_popularities(KeyDistribution::Zipf, keys, alpha)
    }

    #[test]
    fn uniform_keys_hit_in_proportion_to_the_room() {
        // Every key equally popular: whatever the policy, C of N keys are cached, hit ratio C/N.
        let p = zipf_popularities(KeyDistribution::Uniform, 1_000, 0.0);
        for policy in [CachePolicy::Lru, CachePolicy::Fifo, CachePolicy::Lfu] {
            let h = cache_hit_ratio(policy, &p, 250, None).expect("valid");
            assert!((h - 0.25).abs() < 1e-6, "{policy:?}: {h}");
        }
    }

    #[test]
    fn lru_under_zipf_matches_che_s_closed_form() {
        // Zipf α = 0.8 over 10⁴ keys (the setting of Fricker, Robert & Roberts' accuracy study): Che's fixed point
        // computed independently (double precision, bisection to 10⁻³⁰) gives 0.15662 at C = 100 and 0.43666 at
        // C = 1000. The engine's measured hit ratios are checked against this in tests/it/caching.rs.
        let p = zipf(10_000, 0.8);
        let small = cache_hit_ratio(CachePolicy::Lru, &p, 100, None).expect("valid");
        let big = cache_hit_ratio(CachePolicy::Lru, &p, 1_000, None).expect("valid");
        assert!((small - 0.156_62).abs() < 1e-4, "{small}");
        assert!((big - 0.436_66).abs() < 1e-4, "{big}");
    }

    #[test]
    fn lfu_beats_lru_which_beats_fifo_under_zipf() {
        let p = zipf(5_000, 0.9);
        let h = |policy| cache_hit_ratio(policy, &p, 300, None).expect("valid");
        let (lfu, lru, fifo) = (
            h(CachePolicy::Lfu),
            h(CachePolicy::Lru),
            h(CachePolicy::Fifo),
        );
        assert!(lfu > lru && lru > fifo, "lfu {lfu} lru {lru} fifo {fifo}");
    }

    #[test]
    fn a_ttl_alone_follows_the_renewal_formula_and_a_long_one_changes_nothing() {
        // One key asked 10 times a second with a 1 s TTL: each miss is followed by 10 hits on average, 10/11.
        let h = cache_hit_ratio(CachePolicy::Lru, &[1.0], 1, Some((1.0, 10.0))).expect("valid");
        assert!((h - 10.0 / 11.0).abs() < 1e-12, "{h}");
        // A TTL far longer than any key's idle time: Che's value.
        let p = zipf(2_000, 0.8);
        let plain = cache_hit_ratio(CachePolicy::Lru, &p, 200, None).expect("valid");
        let long = cache_hit_ratio(CachePolicy::Lru, &p, 200, Some((1e9, 1_000.0))).expect("valid");
        assert!((plain - long).abs() < 1e-6, "{plain} vs {long}");
        // A short TTL only lowers it; room for every key leaves the TTL alone in charge.
        let short =
            cache_hit_ratio(CachePolicy::Lru, &p, 200, Some((0.05, 1_000.0))).expect("valid");
        assert!(short < plain);
        let roomy =
            cache_hit_ratio(CachePolicy::Lru, &p, 5_000, Some((0.05, 1_000.0))).expect("valid");
        assert!(roomy >= short && roomy < 1.0);
    }

    #[test]
    fn edges_of_the_domain() {
        assert_eq!(cache_hit_ratio(CachePolicy::Lru, &[], 1, None), None);
        assert_eq!(
            cache_hit_ratio(CachePolicy::Lru, &[0.5], 1, None),
            None,
            "does not sum to 1"
        );
        assert_eq!(
            cache_hit_ratio(CachePolicy::Lru, &[0.5, 0.5], 0, None),
            Some(0.0)
        );
        assert_eq!(
            cache_hit_ratio(CachePolicy::Fifo, &[0.5, 0.5], 2, None),
            Some(1.0)
        );
        assert_eq!(
            cache_hit_ratio(CachePolicy::Lru, &[1.0], 1, Some((0.0, 1.0))),
            None
        );
    }
}
