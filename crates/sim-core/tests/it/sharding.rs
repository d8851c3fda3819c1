//! Sharding: how many keys move when a shard is added (modulo hashing n/(n+1), consistent hashing about 1/(n+1);
//! Karger et al., STOC 1997), how ranges and celebrities create hotspots, and a live resharding through the engine.

use crate::support::{add, choose, connect, fault, run, run_checked, set};
use sim_core::components::ShardMap;
use sim_core::model::{ComponentKind, ShardStrategy};
use sim_core::scenario::FaultAction;
use sim_core::{NodeId, Scenario, Simulation};

#[allow(clippy::cast_precision_loss)]
fn moved_fraction(strategy: ShardStrategy, n: u32, keys: u32) -> f64 {
    let before = ShardMap::new(strategy, n, keys, 200, 0);
    let after = ShardMap::new(strategy, n + 1, keys, 200, 0);
    before.moved_keys(&after).len() as f64 / f64::from(keys)
}

#[test]
fn modulo_resharding_moves_n_over_n_plus_one_of_the_keys() {
    for n in 2..=8 {
        let got = moved_fraction(ShardStrategy::Modulo, n, 100_000);
        let want = f64::from(n) / f64::from(n + 1);
        eprintln!("modulo {n}→{}: moved {got:.4}, theory {want:.4}", n + 1);
        assert!((got - want).abs() < 0.01, "{n}: {got} vs {want}");
    }
}

#[test]
fn consistent_hashing_moves_about_one_over_n_plus_one() {
    // The keys that move are those of the new shard's v = 200 points: a sum of v arcs of the ring, whose relative
    // standard deviation is 1/√v ≈ 7 % (Karger et al.). Each n is one deterministic draw of it (2→3 … 8→9 move
    // +3.5, +0.4, −5.3, +3.1, +7.7, −13.4 and +7.5 %): each within 3σ, and their mean deviation within 1σ.
    let sigma = 1.0 / 200f64.sqrt();
    let mut deviations = Vec::new();
    for n in 2..=8 {
        let got = moved_fraction(ShardStrategy::ConsistentHashing, n, 100_000);
        let want = 1.0 / f64::from(n + 1);
        eprintln!(
            "consistent hashing {n}→{}: moved {got:.4}, theory {want:.4}",
            n + 1
        );
        let deviation = (got - want).abs() / want;
        assert!(deviation < 3.0 * sigma, "{n}: {got} vs {want}");
        deviations.push(deviation);
    }
    let mean = deviations.iter().sum::<f64>() / 7.0;
    assert!(mean < sigma, "mean deviation {mean} over σ {sigma}");
}

struct Sharded {
    scenario: Scenario,
    router: NodeId,
    shards: Vec<NodeId>,
    users: NodeId,
}

fn sharded(connected: usize, strategy: &str, distribution: &str) -> Sharded {
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let router = add(&mut s, ComponentKind::ShardRouter);
    set(&mut s, users, "arrival_rate_per_s", 1_000.0);
    set(&mut s, users, "key_count", 10_000.0);
    choose(&mut s, users, "key_distribution", distribution);
    set(&mut s, web, "workers", 64.0);
    set(&mut s, web, "service_time_ms", 2.0);
    choose(&mut s, router, "strategy", strategy);
    connect(&mut s, users, web);
    connect(&mut s, web, router);
    let shards = (0..connected)
        .map(|_| {
            let db = add(&mut s, ComponentKind::Database);
            set(&mut s, db, "workers", 32.0);
            connect(&mut s, router, db);
            db
        })
        .collect();
    Sharded {
        scenario: s,
        router,
        shards,
        users,
    }
}

fn router_summary(sim: &Simulation, router: NodeId) -> sim_core::summary::NodeSummary {
    sim.summary()
        .nodes
        .into_iter()
        .find(|n| n.id == router.0)
        .expect("router")
}

#[test]
fn uniform_keys_spread_evenly_and_shard_key_counts_cover_the_key_space() {
    let t = sharded(4, "consistent_hashing", "uniform");
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 30.0, 250);
    let r = router_summary(&sim, t.router);
    assert_eq!(
        r.shard_keys.as_ref().map(|k| k.iter().sum::<u64>()),
        Some(10_000)
    );
    let hotspot = r.hotspot_ratio.expect("hotspot");
    assert!(hotspot < 1.25, "hotspot ratio {hotspot}");
    assert!(
        t.shards
            .iter()
            .all(|&db| sim.counters(db).expect("shard").completed > 5_000)
    );
}

#[test]
fn range_sharding_of_skewed_keys_makes_a_hotspot_hashing_does_not() {
    let hotspot = |strategy: &str| {
        let t = sharded(4, strategy, "zipf");
        let mut sim = Simulation::new(&t.scenario).expect("valid");
        run(&mut sim, 30.0);
        router_summary(&sim, t.router)
            .hotspot_ratio
            .expect("hotspot")
    };
    let (range, hash) = (hotspot("range"), hotspot("modulo"));
    eprintln!("Zipf(0.8) over 4 shards: hotspot ratio range {range:.2}, modulo {hash:.2}");
    assert!(
        range > 1.8,
        "the popular low ids all live on the first shard: {range}"
    );
    assert!(hash < 1.4, "hashing spreads popular keys: {hash}");
}

#[test]
fn a_celebrity_makes_a_hotspot_even_with_hashing() {
    let mut t = sharded(4, "consistent_hashing", "uniform");
    set(&mut t.scenario, t.users, "celebrity_keys", 1.0);
    set(&mut t.scenario, t.users, "celebrity_share", 0.4);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run(&mut sim, 30.0);
    let hotspot = router_summary(&sim, t.router)
        .hotspot_ratio
        .expect("hotspot");
    // 40 % of all traffic on one key: its shard takes 0.4 + 0.6/4 = 55 % → 2.2 × the mean.
    assert!((hotspot - 2.2).abs() < 0.25, "hotspot ratio {hotspot}");
}

#[test]
fn adding_a_shard_live_moves_a_fifth_of_the_keys_gradually() {
    let mut t = sharded(5, "consistent_hashing", "uniform");
    set(&mut t.scenario, t.router, "active_shards", 4.0);
    set(&mut t.scenario, t.router, "migration_keys_per_s", 500.0);
    fault(&mut t.scenario, 10.0, t.router, FaultAction::AddShard);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 10.0, 250);
    assert_eq!(
        sim.counters(t.shards[4]).expect("new shard").arrived,
        0,
        "not in use before the resharding"
    );
    run_checked(&mut sim, 11.0, 100);
    let f = sim.frame();
    let r = f.node(t.router).expect("router");
    let progress = r.migration_progress.expect("migrating");
    assert!(progress > 0.0 && progress < 1.0, "{progress}");
    let early = sim.counters(t.shards[4]).expect("new shard").arrived;
    run_checked(&mut sim, 30.0, 250);
    let summary = router_summary(&sim, t.router);
    let moved = summary.keys_moved_fraction.expect("moved");
    assert!((moved - 0.2).abs() < 0.05, "keys moved {moved}");
    let log = sim.frame().log;
    assert!(
        log.iter()
            .any(|e| e.message.contains("added a shard (4 → 5)")),
        "{log:?}"
    );
    let keys = summary.shard_keys.expect("keys");
    assert_eq!(keys.iter().sum::<u64>(), 10_000);
    assert!(
        keys[4] > 1_500,
        "the new shard owns its share after the copy: {keys:?}"
    );
    let late = sim.counters(t.shards[4]).expect("new shard").arrived;
    assert!(late - early > 3_000, "traffic follows the copied keys");
    assert!(
        early < 150,
        "load shifts gradually while keys are copied: {early}"
    );
}
