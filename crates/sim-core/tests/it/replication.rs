//! Replication and failover: reads spread over replicas, a dead replica's reads move, a dead primary is replaced
//! by the most up-to-date replica after the failover timeout, and asynchronous replication with lag L at write
//! rate w loses about w·L acknowledged writes (Little's law: the writes in transit to a replica average
//! w × mean transit time; Little, "A proof for the queuing formula L = λW", Operations Research 1961).

use crate::support::{add, choose, connect, fault, run, run_checked, set};
use sim_core::metrics::{DbRole, FailureCause, LogKind};
use sim_core::model::ComponentKind;
use sim_core::scenario::FaultAction;
use sim_core::{NodeId, Scenario, Simulation};

struct Topology {
    scenario: Scenario,
    primary: NodeId,
    replicas: Vec<NodeId>,
}

/// Client → web → primary with `replicas` read replicas; 2000 rps, `read_fraction` reads.
fn replicated(replicas: usize, read_fraction: f64, lag_ms: f64, seed: u64) -> Topology {
    let mut s = Scenario {
        seed,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let primary = add(&mut s, ComponentKind::Database);
    let replicas: Vec<NodeId> = (0..replicas)
        .map(|_| add(&mut s, ComponentKind::Replica))
        .collect();
    set(&mut s, users, "arrival_rate_per_s", 2_000.0);
    set(&mut s, users, "read_fraction", read_fraction);
    set(&mut s, web, "workers", 64.0);
    set(&mut s, web, "service_time_ms", 2.0);
    set(&mut s, primary, "replication_lag_ms", lag_ms);
    set(&mut s, primary, "failover_timeout_s", 5.0);
    set(&mut s, primary, "provision_delay_s", 20.0);
    set(&mut s, primary, "workers", 32.0);
    connect(&mut s, users, web);
    connect(&mut s, web, primary);
    for &r in &replicas {
        set(&mut s, r, "workers", 32.0);
        connect(&mut s, primary, r);
    }
    Topology {
        scenario: s,
        primary,
        replicas,
    }
}

#[test]
fn writes_go_to_the_primary_and_reads_are_spread_over_replicas() {
    let t = replicated(2, 0.9, 100.0, 1);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 20.0, 100);
    let summary = sim.summary();
    let node = |id: NodeId| {
        summary
            .nodes
            .iter()
            .find(|n| n.id == id.0)
            .expect("node")
            .clone()
    };
    let p = node(t.primary);
    let (r1, r2) = (node(t.replicas[0]), node(t.replicas[1]));
    assert_eq!(
        p.reads,
        Some(0),
        "the primary serves no reads while replicas run"
    );
    assert!(p.writes.expect("writes") > 3_000);
    assert_eq!(
        (r1.writes, r2.writes),
        (Some(0), Some(0)),
        "replicas take no client writes"
    );
    let (a, b) = (r1.reads.expect("reads"), r2.reads.expect("reads"));
    assert!(
        a.abs_diff(b) <= 1,
        "round robin over two replicas: {a} vs {b}"
    );
    assert_eq!((p.role, r1.role), (Some("primary"), Some("replica")));
    assert!(
        r1.stale_reads.expect("stale") > 0,
        "100 ms of lag shows as stale reads"
    );
    assert_eq!(summary.requests.failed, 0);
}

#[test]
fn a_dead_replica_s_reads_move_to_the_others() {
    let mut t = replicated(2, 0.9, 100.0, 2);
    fault(&mut t.scenario, 5.0, t.replicas[0], FaultAction::Kill);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 6.0, 50);
    let failed = sim.summary().requests.failed;
    let (dead, alive) = (
        sim.counters(t.replicas[0]).expect("r1"),
        sim.counters(t.replicas[1]).expect("r2"),
    );
    run_checked(&mut sim, 15.0, 100);
    assert_eq!(
        sim.counters(t.replicas[0]).expect("r1").arrived,
        dead.arrived,
        "no reads to a dead replica"
    );
    let moved = sim.counters(t.replicas[1]).expect("r2").arrived - alive.arrived;
    assert!(
        moved > 9 * 1_700,
        "the surviving replica takes all reads: {moved}"
    );
    assert_eq!(
        sim.summary().requests.failed,
        failed,
        "reads keep succeeding"
    );
}

#[test]
fn a_dead_primary_is_replaced_by_the_most_up_to_date_replica() {
    let mut t = replicated(2, 0.9, 300.0, 3);
    fault(&mut t.scenario, 10.0, t.primary, FaultAction::Kill);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 10.0, 100);
    assert_eq!(sim.summary().requests.failed, 0);
    run_checked(&mut sim, 14.9, 100);
    let f = sim.frame();
    let write_failures = f.failed(FailureCause::NodeDown);
    // 200 writes/s fail for the 5 s failover timeout; reads keep working on the replicas.
    assert!(
        (800..=1_200).contains(&write_failures),
        "{write_failures} writes failed while undetected"
    );

    run_checked(&mut sim, 16.0, 100);
    let f = sim.frame();
    let promoted = f
        .log
        .iter()
        .find(|e| matches!(e.kind, LogKind::Promoted { .. }))
        .expect("a promotion");
    assert!(
        (promoted.at.as_secs_f64() - 15.0).abs() < 1e-6,
        "promoted at the failover timeout"
    );
    let LogKind::Promoted { lost_writes } = promoted.kind else {
        unreachable!()
    };
    assert!(promoted.message.contains("promoted to primary") && promoted.message.contains("lost"));
    assert!(t.replicas.contains(&promoted.node));
    assert_eq!(
        f.node(promoted.node).and_then(|n| n.db_role),
        Some(DbRole::Primary)
    );
    // Async, 200 writes/s, 300 ms mean lag: about 60 in transit; the better of two replicas has fewer.
    assert!((10..=90).contains(&lost_writes), "{lost_writes} lost");
    let failed = sim.summary().requests.failed;
    run_checked(&mut sim, 30.0, 250);
    assert_eq!(
        sim.summary().requests.failed,
        failed,
        "writes succeed on the new primary"
    );

    run_checked(&mut sim, 37.0, 250);
    let f = sim.frame();
    assert!(
        f.log
            .iter()
            .any(|e| e.node == t.primary && e.message.contains("rebuilt as a read replica"))
    );
    assert_eq!(
        f.node(t.primary).and_then(|n| n.db_role),
        Some(DbRole::Replica)
    );
    let summary = sim.summary();
    let new_primary = summary
        .nodes
        .iter()
        .find(|n| n.id == promoted.node.0)
        .expect("new primary");
    assert_eq!(new_primary.lost_writes, Some(lost_writes));
}

#[test]
#[allow(clippy::cast_precision_loss)]
fn asynchronous_replication_loses_about_w_times_l_writes() {
    // One replica, w = 200 writes/s, L = 500 ms: w·L = 100 writes in transit when the primary dies.
    let mut total = 0.0;
    let trials = 12;
    for seed in 0..trials {
        let mut t = replicated(1, 0.9, 500.0, 100 + seed);
        fault(&mut t.scenario, 20.0, t.primary, FaultAction::Kill);
        let mut sim = Simulation::new(&t.scenario).expect("valid");
        run(&mut sim, 26.0);
        let lost = sim.frame().log.iter().find_map(|e| match e.kind {
            LogKind::Promoted { lost_writes } => Some(lost_writes),
            _ => None,
        });
        total += lost.expect("promoted") as f64;
    }
    let mean = total / trials as f64;
    eprintln!("lost writes per failover: {mean:.1} (w·L = 100)");
    // Poisson-like with mean 100: standard error over 12 trials ≈ 3.
    assert!((mean - 100.0).abs() < 12.0, "mean lost writes {mean}");
}

#[test]
fn semi_synchronous_replication_loses_nothing_but_writes_take_longer() {
    let run_mode = |mode: &str| {
        let mut t = replicated(2, 0.9, 200.0, 9);
        choose(&mut t.scenario, t.primary, "replication", mode);
        fault(&mut t.scenario, 20.0, t.primary, FaultAction::Kill);
        let mut sim = Simulation::new(&t.scenario).expect("valid");
        run(&mut sim, 19.0);
        let latency = sim.summary().latency_ms.mean;
        run_checked(&mut sim, 27.0, 100);
        let lost = sim.frame().log.iter().find_map(|e| match e.kind {
            LogKind::Promoted { lost_writes } => Some(lost_writes),
            _ => None,
        });
        (lost.expect("promoted"), latency)
    };
    let (async_lost, async_latency) = run_mode("asynchronous");
    let (sync_lost, sync_latency) = run_mode("semi_synchronous");
    eprintln!(
        "async: {async_lost} lost, {async_latency} ms mean; semi-sync: {sync_lost} lost, {sync_latency} ms"
    );
    assert!(async_lost > 0);
    assert_eq!(
        sync_lost, 0,
        "every acknowledged write reached the replica that gets promoted"
    );
    // Each write waits one in-data-center round trip (2 × 250 µs) for the replica's receipt.
    assert!(
        sync_latency > async_latency,
        "{sync_latency} vs {async_latency}"
    );
}

#[test]
fn a_primary_restored_before_the_timeout_keeps_its_role() {
    let mut t = replicated(1, 0.9, 100.0, 4);
    fault(&mut t.scenario, 10.0, t.primary, FaultAction::Kill);
    fault(&mut t.scenario, 12.0, t.primary, FaultAction::Restore);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 20.0, 100);
    let f = sim.frame();
    assert!(
        !f.log
            .iter()
            .any(|e| matches!(e.kind, LogKind::Promoted { .. }))
    );
    assert_eq!(
        f.node(t.primary).and_then(|n| n.db_role),
        Some(DbRole::Primary)
    );
}
