//! The walking skeleton's story, checked with numbers: kill a web server behind a load balancer; until the health
//! check notices, its share of requests fails with "node down"; after detection the other server carries all
//! traffic; after a restore and passed health checks, traffic returns.

use crate::support::{add, connect, fault, run, run_checked, set};
use sim_core::metrics::{FailureCause, Health, LogKind};
use sim_core::model::ComponentKind;
use sim_core::scenario::{FaultAction, presets};
use sim_core::{Scenario, SimTime, Simulation};

fn three_tier() -> (Scenario, sim_core::NodeId, sim_core::NodeId) {
    let s = presets::get("three_tier").expect("preset");
    let id = |label: &str| s.nodes.iter().find(|n| n.label == label).expect(label).id;
    let (w1, w2) = (id("Web 1"), id("Web 2"));
    (s, w1, w2)
}

#[test]
#[allow(clippy::cast_precision_loss)]
fn a_killed_server_fails_requests_until_detected_then_the_other_carries_the_load() {
    let (mut s, web1, web2) = three_tier();
    fault(&mut s, 10.0, web1, FaultAction::Kill);
    fault(&mut s, 30.0, web1, FaultAction::Restore);
    let mut sim = Simulation::new(&s).expect("valid");

    run_checked(&mut sim, 10.0, 100);
    assert_eq!(
        sim.summary().requests.failed,
        0,
        "a healthy three-tier system at 600 rps fails nothing"
    );

    run_checked(&mut sim, 13.0, 20);
    let f = sim.frame();
    let detected = f
        .log
        .iter()
        .find(|e| e.node == web1 && matches!(e.kind, LogKind::DetectedUnhealthy { .. }))
        .expect("the load balancer detects the dead server within 3 health-check intervals");
    let delay_s = detected.at.as_secs_f64() - 10.0;
    // Checks every 1 s, unhealthy after 3 consecutive failures: detection 2–3 s after the kill.
    assert!(
        (2.0..=3.0).contains(&delay_s),
        "detected {delay_s} s after the kill"
    );
    assert!(
        detected.message.contains("Web 1") && detected.message.contains("unhealthy"),
        "{}",
        detected.message
    );
    assert_eq!(f.node(web1).map(|n| n.health), Some(Health::Down));

    // Round robin sent Web 1 half of 600 rps while undetected.
    let node_down = f.failed(FailureCause::NodeDown) as f64;
    let expected = 300.0 * delay_s;
    assert!(
        (node_down - expected).abs() < 0.2 * expected,
        "{node_down} node-down failures, expected ≈ {expected}"
    );
    assert_eq!(f.failed(FailureCause::NoHealthyBackend), 0);

    let web1_arrived = sim.counters(web1).expect("web1").arrived;
    let web2_done = sim.counters(web2).expect("web2").completed;
    let failed = sim.summary().requests.failed;
    run_checked(&mut sim, 29.0, 250);
    assert_eq!(
        sim.counters(web1).expect("web1").arrived,
        web1_arrived,
        "no traffic to a server marked unhealthy"
    );
    let carried = (sim.counters(web2).expect("web2").completed - web2_done) as f64 / 16.0;
    assert!(
        (carried - 600.0).abs() < 30.0,
        "Web 2 carries {carried} rps of 600"
    );
    assert_eq!(
        sim.summary().requests.failed,
        failed,
        "no failures once the dead server is out of rotation"
    );

    run_checked(&mut sim, 33.0, 100);
    let f = sim.frame();
    let back = f
        .log
        .iter()
        .find(|e| e.node == web1 && matches!(e.kind, LogKind::Recovered { .. }));
    let back_at = back
        .expect("recovered after passing health checks")
        .at
        .as_secs_f64();
    assert!((30.0..=32.0).contains(&back_at), "recovered at {back_at}");
    assert_eq!(f.node(web1).map(|n| n.health), Some(Health::Healthy));
    assert!(
        sim.counters(web1).expect("web1").arrived > web1_arrived,
        "traffic returns after recovery"
    );
}

#[test]
fn requests_sent_to_a_dead_server_before_detection_show_as_down_undetected() {
    let (mut s, web1, _) = three_tier();
    fault(&mut s, 10.0, web1, FaultAction::Kill);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 10.5);
    assert_eq!(
        sim.frame().node(web1).map(|n| n.health),
        Some(sim_core::metrics::Health::DownUndetected)
    );
}

#[test]
fn killing_the_only_backend_leaves_no_healthy_backend() {
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let lb = add(&mut s, ComponentKind::LoadBalancer);
    let web = add(&mut s, ComponentKind::WebServer);
    let db = add(&mut s, ComponentKind::Database);
    set(&mut s, users, "arrival_rate_per_s", 100.0);
    connect(&mut s, users, lb);
    connect(&mut s, lb, web);
    connect(&mut s, web, db);
    fault(&mut s, 2.0, web, FaultAction::Kill);
    let mut sim = Simulation::new(&s).expect("valid");
    run_checked(&mut sim, 10.0, 50);
    let f = sim.frame();
    assert!(f.failed(FailureCause::NodeDown) > 0);
    assert!(
        f.failed(FailureCause::NoHealthyBackend) > 500,
        "{:?}",
        f.failed_by_cause
    );
    assert_eq!(
        f.totals.completed + f.totals.failed + f.totals.in_flight,
        f.totals.generated
    );
}

#[test]
fn a_dead_database_fails_requests_at_the_database_and_an_overloaded_server_refuses_them() {
    let (mut s, web1, _) = three_tier();
    let db = s
        .nodes
        .iter()
        .find(|n| n.kind() == ComponentKind::Database)
        .expect("db")
        .id;
    fault(&mut s, 1.0, db, FaultAction::Kill);
    let mut sim = Simulation::new(&s).expect("valid");
    run_checked(&mut sim, 3.0, 50);
    let db_counters = sim.counters(db).expect("db");
    assert!(db_counters.failed_here > 1_000, "{db_counters:?}");

    // Overload one server: 8 workers × 10 ms = 800 rps capacity, offered 3000 rps.
    let (mut s, _, _) = three_tier();
    let users = s.nodes[0].id;
    set(&mut s, users, "arrival_rate_per_s", 3_000.0);
    let mut sim = Simulation::new(&s).expect("valid");
    run_checked(&mut sim, 5.0, 100);
    let f = sim.frame();
    assert!(
        f.failed(FailureCause::QueueFull) > 3_000,
        "{:?}",
        f.failed_by_cause
    );
    let u = f.node(web1).expect("web1").utilization;
    assert!(u > 0.95, "an overloaded server is saturated: {u}");
    assert!(sim.now() == SimTime(5_000_000));
}

#[test]
fn dns_answers_are_cached_for_their_ttl() {
    let (s, _, _) = three_tier();
    let dns = s
        .nodes
        .iter()
        .find(|n| n.kind() == ComponentKind::Dns)
        .expect("dns")
        .id;
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 60.0);
    // 1000 users, TTL 300 s: each user looks up about once in the first minute, not per request. A user whose
    // second request starts during the 20 ms of its first lookup looks up again (as a real browser would), so a
    // few more than 1000.
    let lookups = sim.counters(dns).expect("dns").arrived;
    assert!(
        (900..=1_050).contains(&lookups),
        "{lookups} lookups for 1000 users"
    );
    assert!(sim.summary().requests.total > 30_000);
}
