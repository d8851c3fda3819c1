//! Gray failures: a slowed node (service ×10) stays up and keeps passing liveness health checks, so only the
//! balancing algorithm decides how much traffic it still gets. Four web servers of 4 workers, 10 ms each, at
//! ρ = 0.5 (800 requests/s), queues of 100, a 1 s timeout; Web 1 slows down at 0 s. Its capacity falls from 400 to
//! 40 requests/s: random and round robin keep sending it a quarter of the traffic (200/s), so about
//! (200 − 40)/800 = 20 % of all requests fail there (queue full or timed out); least connections and power of two
//! choices see its outstanding requests pile up and route around it.

use crate::support::{add, choose, connect, fault, run, run_checked};
use sim_core::metrics::LogKind;
use sim_core::model::ComponentKind;
use sim_core::scenario::FaultAction;
use sim_core::summary::Summary;
use sim_core::{NodeId, Scenario, Simulation};

fn farm(algorithm: &str, seed: u64) -> (Scenario, NodeId) {
    let mut s = Scenario {
        seed,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let lb = add(&mut s, ComponentKind::LoadBalancer);
    crate::support::set(&mut s, users, "arrival_rate_per_s", 800.0);
    choose(&mut s, lb, "algorithm", algorithm);
    connect(&mut s, users, lb);
    let mut first = None;
    for _ in 0..4 {
        let web = add(&mut s, ComponentKind::WebServer);
        choose(&mut s, web, "embedded_database", "yes");
        crate::support::set(&mut s, web, "workers", 4.0);
        crate::support::set(&mut s, web, "service_time_ms", 10.0);
        crate::support::set(&mut s, web, "queue_capacity", 100.0);
        crate::support::set(&mut s, web, "timeout_ms", 1_000.0);
        connect(&mut s, lb, web);
        first.get_or_insert(web);
    }
    let slow = first.expect("four web servers");
    fault(&mut s, 0.0, slow, FaultAction::SlowDown);
    (s, slow)
}

#[allow(clippy::cast_precision_loss)] // counts as shares
fn error_share(sum: &Summary) -> f64 {
    sum.requests.failed as f64 / (sum.requests.completed + sum.requests.failed) as f64
}

fn share_served_by(sum: &Summary, node: NodeId) -> f64 {
    let n = sum.nodes.iter().find(|n| n.id == node.0).expect("node");
    #[allow(clippy::cast_precision_loss)] // counts as shares
    let share = n.completed as f64 / sum.requests.completed as f64;
    share
}

#[test]
fn a_slow_node_hurts_round_robin_and_random_but_not_least_connections_or_p2c() {
    for seed in [1, 2] {
        let mut results = Vec::new();
        for algorithm in ["random", "round_robin", "least_connections", "p2c"] {
            let (s, slow) = farm(algorithm, seed);
            let mut sim = Simulation::new(&s).expect("valid");
            run_checked(&mut sim, 60.0, 500);
            let sum = sim.summary();
            // Liveness checks never notice: nothing is marked unhealthy.
            assert!(
                !sim.frame()
                    .log
                    .iter()
                    .any(|e| matches!(e.kind, LogKind::DetectedUnhealthy { .. })),
                "{algorithm}: a slow node passes its health checks"
            );
            let (errors, served, p99) = (
                error_share(&sum),
                share_served_by(&sum, slow),
                sum.latency_ms.p99,
            );
            eprintln!(
                "seed {seed} {algorithm}: errors {errors:.4}, slow node served {served:.4}, p99 {p99:.1} ms"
            );
            results.push((algorithm, errors, served, p99));
        }
        for &(algorithm, errors, _, p99) in &results[..2] {
            assert!((0.15..0.25).contains(&errors), "{algorithm}: {errors}");
            assert!(p99 > 500.0, "{algorithm}: p99 {p99}");
        }
        for &(algorithm, errors, served, p99) in &results[2..] {
            assert!(errors < 0.002, "{algorithm}: {errors}");
            // The slow node still serves at most its capacity, 40 of 800 requests/s.
            assert!(served < 0.06, "{algorithm}: {served}");
            assert!(p99 < results[1].3 / 2.0, "{algorithm}: p99 {p99}");
        }
    }
}

#[test]
fn speeding_up_ends_the_errors_and_a_restart_clears_a_slowdown() {
    let (mut s, slow) = farm("round_robin", 3);
    fault(&mut s, 20.0, slow, FaultAction::SpeedUp);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 20.0);
    let before = sim.summary().requests.failed;
    assert!(before > 1_000, "{before} failures while slow");
    // Give the slow node's queue a second to drain, then count.
    run(&mut sim, 22.0);
    let at_22 = sim.summary().requests.failed;
    run(&mut sim, 40.0);
    assert_eq!(
        sim.summary().requests.failed,
        at_22,
        "no failure once at normal speed"
    );
    assert!(
        sim.frame()
            .log
            .iter()
            .any(|e| e.kind == LogKind::SpedUp && e.node == slow)
    );

    // Kill and restore instead: the replaced machine is not slow.
    let (mut s, slow) = farm("round_robin", 3);
    fault(&mut s, 20.0, slow, FaultAction::Kill);
    fault(&mut s, 21.0, slow, FaultAction::Restore);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 30.0);
    let at_30 = sim.summary().requests.failed;
    run(&mut sim, 50.0);
    assert_eq!(sim.summary().requests.failed, at_30);
}

#[test]
fn the_frame_tells_which_node_is_slowed_until_it_speeds_up() {
    let (mut s, slow) = farm("round_robin", 1);
    fault(&mut s, 2.0, slow, FaultAction::SpeedUp);
    let mut sim = Simulation::new(&s).expect("valid");
    let slowed = |sim: &Simulation| {
        sim.frame()
            .nodes
            .iter()
            .filter(|n| n.slowed)
            .map(|n| n.id)
            .collect::<Vec<_>>()
    };
    assert!(slowed(&sim).is_empty(), "nothing is slow before the run");
    run(&mut sim, 1.0);
    assert_eq!(slowed(&sim), [slow]);
    run(&mut sim, 3.0);
    assert!(slowed(&sim).is_empty(), "Speed up undoes it");
}
