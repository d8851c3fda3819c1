//! Caches against caching theory and the behaviours the chapter teaches.
//!
//! Theory: an LRU cache of C entries under independent requests with Zipf(α) popularity p_i has hit ratio
//!   h = Σ_i p_i (1 − e^{−p_i T_C}),  where T_C solves  Σ_i (1 − e^{−p_i T_C}) = C
//! (Che, Tung & Wang, "Hierarchical Web caching systems: modeling, design and experimental results", IEEE JSAC
//! 2002; shown accurate by Fricker, Robert & Roberts, "A versatile and accurate approximation for LRU cache
//! performance", ITC 2012). Perfect LFU (the C most popular keys pinned) bounds any policy: h ≤ Σ_{i≤C} p_i.

use crate::support::{add, choose, connect, fault, run, set};
use sim_core::components::{CacheStore, Lookup};
use sim_core::model::{ComponentKind, Eviction, KeyDistribution};
use sim_core::rng::{Rng, Stream};
use sim_core::scenario::FaultAction;
use sim_core::time::{SimDuration, SimTime};
use sim_core::traffic::KeySampler;
use sim_core::{NodeId, Scenario, Simulation};

const KEYS: u32 = 10_000;

fn probabilities(alpha: f64) -> Vec<f64> {
    let s = KeySampler::new(KeyDistribution::Zipf, KEYS, alpha);
    (0..KEYS).map(|k| s.probability(k)).collect()
}

/// Che's approximation of the LRU hit ratio.
fn che_hit_ratio(p: &[f64], capacity: u32) -> f64 {
    let filled = |t: f64| p.iter().map(|&q| 1.0 - (-q * t).exp()).sum::<f64>();
    let (mut lo, mut hi) = (0.0, 1.0);
    while filled(hi) < f64::from(capacity) {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if filled(mid) < f64::from(capacity) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    p.iter().map(|&q| q * (1.0 - (-q * lo).exp())).sum()
}

/// Hit ratio of the cache kernel fed `n` Zipf requests after a warm-up of `n / 10`.
#[allow(clippy::cast_precision_loss)]
fn simulated_hit_ratio(eviction: Eviction, alpha: f64, capacity: u32, n: u64) -> f64 {
    let keys = KeySampler::new(KeyDistribution::Zipf, KEYS, alpha);
    let mut rng = Rng::new(11, Stream::Keys, 0);
    let mut cache = CacheStore::new(eviction, capacity, SimDuration::ZERO, false);
    let (mut hits, mut lookups) = (0u64, 0u64);
    for i in 0..n + n / 10 {
        let key = keys.sample(&mut rng);
        let hit = cache.lookup(key, SimTime(i)) != Lookup::Miss;
        if !hit {
            cache.insert(key, 0, SimTime(i));
        }
        if i >= n / 10 {
            lookups += 1;
            hits += u64::from(hit);
        }
    }
    hits as f64 / lookups as f64
}

#[test]
fn lru_hit_ratio_matches_che_s_approximation() {
    for alpha in [0.8, 1.0] {
        let p = probabilities(alpha);
        for capacity in [100, 1_000] {
            let want = che_hit_ratio(&p, capacity);
            let got = simulated_hit_ratio(Eviction::Lru, alpha, capacity, 1_000_000);
            eprintln!(
                "LRU α={alpha} C={capacity}: simulated {got:.4}, Che {want:.4}, error {:+.4}",
                got - want
            );
            assert!(
                (got - want).abs() < 0.01,
                "α={alpha} C={capacity}: {got:.4} vs Che {want:.4}"
            );
        }
    }
}

#[test]
fn no_policy_beats_perfect_lfu_and_lfu_beats_fifo_under_zipf() {
    let p = probabilities(1.0);
    let perfect: f64 = p[..1_000].iter().sum();
    let lfu = simulated_hit_ratio(Eviction::Lfu, 1.0, 1_000, 400_000);
    let lru = simulated_hit_ratio(Eviction::Lru, 1.0, 1_000, 400_000);
    let fifo = simulated_hit_ratio(Eviction::Fifo, 1.0, 1_000, 400_000);
    eprintln!("α=1 C=1000: perfect LFU {perfect:.4}, LFU {lfu:.4}, LRU {lru:.4}, FIFO {fifo:.4}");
    assert!(lfu <= perfect + 0.005 && lru <= perfect && fifo <= perfect);
    assert!(
        lfu > lru && lru > fifo,
        "under a static Zipf popularity, frequency beats recency beats arrival order"
    );
}

/// Client → web → cache → database; reads only unless `read_fraction` says otherwise.
fn cached(
    read_fraction: f64,
    policy: &str,
    capacity: f64,
    ttl_s: f64,
) -> (Scenario, NodeId, NodeId) {
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let cache = add(&mut s, ComponentKind::Cache);
    let db = add(&mut s, ComponentKind::Database);
    set(&mut s, users, "arrival_rate_per_s", 2_000.0);
    set(&mut s, users, "read_fraction", read_fraction);
    set(&mut s, users, "key_count", f64::from(KEYS));
    set(&mut s, users, "alpha", 0.8);
    set(&mut s, web, "workers", 64.0);
    set(&mut s, web, "service_time_ms", 2.0);
    set(&mut s, cache, "capacity_entries", capacity);
    set(&mut s, cache, "ttl_s", ttl_s);
    choose(&mut s, cache, "write_policy", policy);
    set(&mut s, db, "workers", 64.0);
    connect(&mut s, users, web);
    connect(&mut s, web, cache);
    connect(&mut s, cache, db);
    (s, cache, db)
}

#[test]
fn a_cache_in_the_engine_hits_as_che_predicts() {
    let (s, cache, _) = cached(1.0, "invalidate", 1_000.0, 0.0);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 200.0);
    let summary = sim.summary();
    let node = summary
        .nodes
        .iter()
        .find(|n| n.id == cache.0)
        .expect("cache");
    let want = che_hit_ratio(&probabilities(0.8), 1_000);
    let got = node.hit_ratio.expect("a cache reports its hit ratio");
    eprintln!("engine LRU α=0.8 C=1000: {got:.4} vs Che {want:.4}");
    assert!((got - want).abs() < 0.015, "{got} vs {want}");
    assert!(node.evictions.expect("evictions") > 0);
    assert_eq!(summary.requests.failed, 0);
}

#[test]
fn flushing_the_cache_sends_a_burst_of_reads_to_the_database() {
    let (mut s, cache, db) = cached(1.0, "invalidate", 2_000.0, 0.0);
    fault(&mut s, 30.0, cache, FaultAction::Flush);
    let mut sim = Simulation::new(&s).expect("valid");
    let db_reads_in = |sim: &mut Simulation, from: f64, to: f64| {
        run(sim, from);
        let before = sim.counters(db).expect("db").arrived;
        run(sim, to);
        sim.counters(db).expect("db").arrived - before
    };
    let warm = db_reads_in(&mut sim, 29.0, 30.0);
    let flushed = db_reads_in(&mut sim, 30.0, 30.5) * 2;
    let f = sim.frame();
    assert!(
        f.log
            .iter()
            .any(|e| e.node == cache && e.message.contains("flushed"))
    );
    eprintln!("database reads/s: warm {warm}, first half second after the flush {flushed}");
    assert!(
        flushed > warm * 13 / 10,
        "the flush sends the misses to the database: {warm} → {flushed}"
    );
}

#[test]
fn write_policies_decide_stale_reads() {
    let stale = |policy: &str| {
        let (s, cache, _) = cached(0.8, policy, 2_000.0, 0.0);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 60.0);
        let summary = sim.summary();
        summary
            .nodes
            .iter()
            .find(|n| n.id == cache.0)
            .and_then(|n| n.stale_reads)
            .expect("stale reads")
    };
    let (nothing, invalidate, through) = (
        stale("nothing"),
        stale("invalidate"),
        stale("write_through"),
    );
    eprintln!("stale reads: nothing {nothing}, invalidate {invalidate}, write-through {through}");
    assert!(
        nothing > 10_000,
        "leaving cached entries alone on writes serves old data: {nothing}"
    );
    assert!(
        invalidate * 100 < nothing,
        "invalidation leaves only race windows: {invalidate}"
    );
    assert!(
        through * 100 < nothing,
        "write-through keeps entries current: {through}"
    );
}

#[test]
fn a_ttl_bounds_how_long_a_stale_entry_is_served() {
    // Rare writes (1 %): without a TTL a written key is served stale until it is evicted; a 1 s TTL refills it
    // within a second.
    let stale = |ttl: f64| {
        let (s, cache, _) = cached(0.99, "nothing", 2_000.0, ttl);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 60.0);
        sim.summary()
            .nodes
            .iter()
            .find(|n| n.id == cache.0)
            .and_then(|n| n.stale_reads)
            .expect("stale")
    };
    let (forever, one_second) = (stale(0.0), stale(1.0));
    eprintln!("stale reads with writes left in place: no TTL {forever}, 1 s TTL {one_second}");
    assert!(
        one_second * 5 < forever,
        "a 1 s TTL expires stale entries quickly: {one_second} vs {forever}"
    );
}

#[test]
fn a_killed_cache_comes_back_cold() {
    let (mut s, cache, db) = cached(1.0, "invalidate", 2_000.0, 0.0);
    fault(&mut s, 20.0, cache, FaultAction::Kill);
    fault(&mut s, 21.0, cache, FaultAction::Restore);
    let mut sim = Simulation::new(&s).expect("valid");
    crate::support::run_checked(&mut sim, 19.0, 50);
    let db_reads_warm = sim.counters(db).expect("db").arrived;
    crate::support::run_checked(&mut sim, 20.0, 50);
    let db_reads_warm = sim.counters(db).expect("db").arrived - db_reads_warm;
    crate::support::run_checked(&mut sim, 21.0, 50);
    let db_reads_before = sim.counters(db).expect("db").arrived;
    crate::support::run_checked(&mut sim, 22.0, 50);
    let db_reads_cold = sim.counters(db).expect("db").arrived - db_reads_before;
    let f = sim.frame();
    let ratio_at = |s: u64| {
        f.windows
            .iter()
            .find(|w| w.start == SimTime(s * 1_000_000))
            .and_then(|w| w.cache_hit_ratio)
    };
    let (warm, cold) = (ratio_at(19).expect("warm"), ratio_at(21).expect("cold"));
    eprintln!(
        "hit ratio warm {warm:.3} → cold {cold:.3}; database reads/s {db_reads_warm} → {db_reads_cold}"
    );
    assert!(cold < warm - 0.1, "the restarted cache starts empty");
    assert!(
        db_reads_cold > db_reads_warm * 12 / 10,
        "the database takes the misses"
    );
    assert!(f.node(cache).expect("cache").fill_ratio.is_some());
}
