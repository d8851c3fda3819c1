//! Core throughput benchmark: simulated requests per second of wall time, single thread, on reference scenarios.
//! Run with `cargo bench -p sim-core` for a quick native look; `cargo xtask bench` (crates/bench) is the reference
//! measurement, native and wasm, that writes BENCHMARKS.md. Prints one line per scenario: the best of several
//! runs (the machine's speed varies; the best run is the least disturbed). `SCALELAB_BENCH_QUICK=1` runs a short
//! smoke version for CI.

use sim_core::scenario::presets;
use sim_core::{Scenario, SimTime, Simulation};
use std::time::Instant;

struct Case {
    name: &'static str,
    scenario: Scenario,
    sim_seconds: u64,
}

fn three_tier_scaled(rate: f64) -> Scenario {
    let mut s = presets::get("three_tier").expect("preset");
    let users = s.nodes[0].id;
    s.apply(sim_core::scenario::Edit::SetNumber {
        node: users,
        field: "arrival_rate_per_s".into(),
        value: rate,
    })
    .expect("rate in range");
    // Enough web capacity for the rate: 2 servers × workers × 100 rps per worker at 10 ms.
    let workers = (rate / 100.0).ceil().min(4_096.0);
    for n in s.nodes.clone() {
        if n.kind() == sim_core::ComponentKind::WebServer
            || n.kind() == sim_core::ComponentKind::Database
        {
            s.apply(sim_core::scenario::Edit::SetNumber {
                node: n.id,
                field: "workers".into(),
                value: workers,
            })
            .expect("workers in range");
        }
    }
    s
}

#[allow(clippy::cast_precision_loss)]
fn main() {
    let quick = std::env::var_os("SCALELAB_BENCH_QUICK").is_some();
    let scale = if quick { 20 } else { 1 };
    let cases = [
        Case {
            name: "three_tier preset (600 rps)",
            scenario: presets::get("three_tier").expect("preset"),
            sim_seconds: 3_000 / scale,
        },
        Case {
            name: "three_tier at 20k rps",
            scenario: three_tier_scaled(20_000.0),
            sim_seconds: 100 / scale,
        },
        Case {
            name: "millions (every tier)",
            scenario: presets::get("millions").expect("preset"),
            sim_seconds: 100 / scale,
        },
    ];
    println!(
        "{:<32} {:>14} {:>14} {:>12} {:>10}",
        "scenario", "requests/s", "events/s", "requests", "wall s"
    );
    for case in &cases {
        let mut best: Option<(f64, f64, u64, f64)> = None;
        for _ in 0..if quick { 1 } else { 3 } {
            let mut sim = Simulation::new(&case.scenario).expect("valid");
            let start = Instant::now();
            sim.step_until(SimTime(case.sim_seconds * 1_000_000), u64::MAX);
            let wall = start.elapsed().as_secs_f64();
            let requests = sim.requests_generated();
            let row = (
                requests as f64 / wall,
                sim.events_processed() as f64 / wall,
                requests,
                wall,
            );
            if best.is_none_or(|b| row.0 > b.0) {
                best = Some(row);
            }
        }
        let (rps, eps, n, wall) = best.expect("at least one run");
        println!(
            "{:<32} {:>14.0} {:>14.0} {:>12} {:>10.2}",
            case.name, rps, eps, n, wall
        );
    }
}
