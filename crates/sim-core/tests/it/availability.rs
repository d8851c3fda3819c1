//! Availability in the summary: per node the share of the run it was up (time up / time), end to end the share of
//! answered requests that succeeded, with nines and downtime a year (a = 0.999 is "three nines", 8.766 h a year).

use crate::support::{add, choose, connect, fault, run, set};
use sim_core::model::ComponentKind;
use sim_core::scenario::FaultAction;
use sim_core::summary::Availability;
use sim_core::{Scenario, Simulation};

/// Users → (a load balancer →) `servers` web servers with their own database.
fn web(servers: u32, seed: u64) -> Scenario {
    let mut s = Scenario {
        seed,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    set(&mut s, users, "arrival_rate_per_s", 200.0);
    let front = if servers > 1 {
        let lb = add(&mut s, ComponentKind::LoadBalancer);
        connect(&mut s, users, lb);
        lb
    } else {
        users
    };
    for _ in 0..servers {
        let w = add(&mut s, ComponentKind::WebServer);
        choose(&mut s, w, "embedded_database", "yes");
        connect(&mut s, front, w);
    }
    s
}

#[test]
fn nines_and_downtime_follow_the_share_answered() {
    let a = Availability::of(999, 1);
    assert_eq!(
        (a.requests_answered, a.nines, a.downtime_h_per_year),
        (0.999, Some(3.0), 8.766)
    );
    let all = Availability::of(10, 0);
    assert_eq!(
        (all.requests_answered, all.nines, all.downtime_h_per_year),
        (1.0, None, 0.0)
    );
    assert_eq!(Availability::of(0, 0).requests_answered, 1.0);
}

#[test]
#[allow(clippy::cast_precision_loss)]
fn a_node_down_20_of_100_seconds_is_80_percent_available_and_so_is_the_site() {
    for seed in 1..=3 {
        let mut s = web(1, seed);
        let server = s.nodes[1].id;
        fault(&mut s, 10.0, server, FaultAction::Kill);
        fault(&mut s, 30.0, server, FaultAction::Restore);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 100.0);
        let summary = sim.summary();
        assert_eq!(
            summary.nodes[1].availability, 0.8,
            "time up / time, exactly"
        );
        assert_eq!(summary.nodes[0].availability, 1.0);
        // Requests arrive as a Poisson stream: the share sent in the outage is 0.2 ± a few binomial standard
        // errors (√(0.16/20 000) ≈ 0.003); 0.01 allows for requests in service at the kill.
        let e2e = summary.availability.requests_answered;
        assert!((e2e - 0.8).abs() < 0.01, "seed {seed}: {e2e}");
        let nines = summary.availability.nines.expect("failures");
        assert!((nines - 0.7).abs() < 0.03, "seed {seed}: {nines} nines");
    }
}

#[test]
fn a_second_server_behind_a_load_balancer_keeps_the_site_up_but_for_the_detection_window() {
    for seed in 1..=3 {
        let mut s = web(2, seed);
        let server = s.nodes[2].id;
        fault(&mut s, 10.0, server, FaultAction::Kill);
        fault(&mut s, 30.0, server, FaultAction::Restore);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 100.0);
        let summary = sim.summary();
        assert_eq!(summary.nodes[2].availability, 0.8);
        // Only requests sent to the dead server before its health checks fail (3 × 1 s: half of ≤ 3 s of
        // traffic, ≤ 1.5 % of the run) fail.
        let e2e = summary.availability.requests_answered;
        assert!(e2e > 0.985 && e2e < 1.0, "seed {seed}: {e2e}");
    }
}
