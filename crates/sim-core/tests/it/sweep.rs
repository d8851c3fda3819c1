//! The load sweep on the presets: the three-tier preset's default sweep (its arrival rate from 10 % to 150 % of
//! the web tier's 1 600 requests/s) finds the knee near that capacity.

use sim_core::scenario::{Budget, presets};
use sim_core::sweep::{Sweep, SweepRun, estimated_capacity_per_s};

#[test]
fn three_tier_s_knee_is_near_the_web_tier_s_capacity() {
    let s = presets::get("three_tier").expect("preset");
    let sweep = Sweep {
        duration_s: Some(60.0),
        ..Sweep::default_for(&s).expect("a client")
    };
    let capacity = estimated_capacity_per_s(&s).expect("a web tier");
    let result = SweepRun::new(&s, &sweep, &Budget::default())
        .expect("fits the budget")
        .run_to_end();
    for p in &result.points {
        eprintln!(
            "{:>6.0} req/s: p50 {:>8.1} p95 {:>8.1} p99 {:>8.1} ms, errors {:>6.2} %, {:>6.0} req/s, ${:.3}/h",
            p.value,
            p.latency_ms_p50,
            p.latency_ms_p95,
            p.latency_ms_p99,
            100.0 * p.error_ratio,
            p.throughput_rps,
            p.cost_per_hour
        );
    }
    let knee = result
        .knee
        .expect("the sweep passes the web tier's capacity");
    let at = result.points[knee].value;
    eprintln!("knee at {at} req/s, capacity {capacity} req/s");
    // Points are 160 req/s apart (10 % of capacity): the knee is the first point at or past about 90 % of it,
    // and no later than the first point past it.
    assert!(
        at >= 0.85 * capacity && at <= 1.15 * capacity,
        "knee at {at} req/s, capacity {capacity} req/s"
    );
    let before = &result.points[knee - 1];
    assert!(before.error_ratio < 0.01);
    // Below the knee, throughput follows the offered load; past it, it stays at the capacity.
    assert!((before.throughput_rps - before.value).abs() < 0.03 * before.value);
    let last = result.points.last().expect("points");
    assert!(
        last.throughput_rps < 1.1 * capacity && last.error_ratio > 0.05,
        "{last:?}"
    );
}
