//! Data centers: requests crossing regions pay the distance; GeoDNS sends each user to the nearest healthy data
//! center; a data-center outage fails users over only after GeoDNS's health checks notice and their cached DNS
//! answers expire; a replica in another region lags by at least the distance.

use crate::support::{add, choose, connect, fault, run, run_checked, set};
use sim_core::metrics::FailureCause;
use sim_core::model::{ComponentKind, Region};
use sim_core::scenario::{Edit, FaultAction};
use sim_core::{NodeId, Scenario, Simulation};

fn place(s: &mut Scenario, node: NodeId, region: Region) {
    s.apply(Edit::SetRegion { node, region }).expect("region");
}

/// Users in `user_region` → one web server (with its database) in `server_region`.
fn one_server(user_region: Region, server_region: Region) -> Scenario {
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    set(&mut s, users, "arrival_rate_per_s", 100.0);
    choose(&mut s, web, "embedded_database", "yes");
    set(&mut s, web, "service_time_ms", 1.0);
    set(&mut s, web, "workers", 16.0);
    connect(&mut s, users, web);
    place(&mut s, users, user_region);
    place(&mut s, web, server_region);
    s
}

#[test]
fn crossing_the_atlantic_adds_the_round_trip() {
    let latency = |server| {
        let mut sim = Simulation::new(&one_server(Region::EuWest, server)).expect("valid");
        run(&mut sim, 30.0);
        sim.summary().latency_ms.mean
    };
    let (local, remote) = (latency(Region::EuWest), latency(Region::UsEast));
    // EU-West ↔ US-East is 35 ms each way.
    assert!(
        (remote - local - 70.0).abs() < 2.0,
        "local {local} ms, across {remote} ms"
    );
}

struct TwoRegions {
    scenario: Scenario,
    us_users: NodeId,
    us_lb: NodeId,
}

/// GeoDNS over a load balancer + two web servers in US-East and in EU-West; users in both regions.
fn two_regions() -> TwoRegions {
    let mut s = Scenario::default();
    let dns = add(&mut s, ComponentKind::Dns);
    choose(&mut s, dns, "geo_routing", "yes");
    set(&mut s, dns, "ttl_s", 60.0);
    set(&mut s, dns, "health_check_interval_s", 10.0);
    let mut us_lb = NodeId(0);
    let mut us_users = NodeId(0);
    for region in [Region::UsEast, Region::EuWest] {
        let users = add(&mut s, ComponentKind::Client);
        let lb = add(&mut s, ComponentKind::LoadBalancer);
        set(&mut s, users, "arrival_rate_per_s", 200.0);
        connect(&mut s, users, dns);
        connect(&mut s, dns, lb);
        for n in [users, lb] {
            place(&mut s, n, region);
        }
        for _ in 0..2 {
            let web = add(&mut s, ComponentKind::WebServer);
            choose(&mut s, web, "embedded_database", "yes");
            set(&mut s, web, "service_time_ms", 2.0);
            connect(&mut s, lb, web);
            place(&mut s, web, region);
        }
        if region == Region::UsEast {
            (us_lb, us_users) = (lb, users);
        }
    }
    TwoRegions {
        scenario: s,
        us_users,
        us_lb,
    }
}

#[test]
fn geo_dns_serves_each_region_from_its_own_data_center() {
    let t = two_regions();
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 30.0, 250);
    let mean = sim.summary().latency_ms.mean;
    // 40 ms to the local data center and a few ms inside it; crossing the Atlantic would add 70 ms.
    assert!(mean < 60.0, "nobody crosses the ocean: mean {mean} ms");
    assert_eq!(sim.summary().requests.failed, 0);
}

#[test]
fn a_data_center_outage_fails_over_after_health_checks_and_the_dns_ttl() {
    let mut t = two_regions();
    fault(&mut t.scenario, 100.0, t.us_lb, FaultAction::RegionOutage);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 100.0, 500);
    assert_eq!(sim.summary().requests.failed, 0);
    run_checked(&mut sim, 250.0, 500);
    let f = sim.frame();
    let detected = f
        .log
        .iter()
        .find(|e| e.message.contains("stopped answering"))
        .expect("GeoDNS notices");
    let delay = detected.at.as_secs_f64() - 100.0;
    assert!(
        (20.0..=30.0).contains(&delay),
        "3 failed checks 10 s apart: {delay} s"
    );
    // US users fail until GeoDNS notices and then their 60 s answers expire: between 20 and 90 s of failures.
    let failing: Vec<f64> = f
        .windows
        .iter()
        .filter(|w| w.failed_by_cause[FailureCause::NodeDown.index()] > 0)
        .map(|w| w.start.as_secs_f64())
        .collect();
    let (first, last) = (failing[0], failing[failing.len() - 1]);
    assert!(
        (100.0..101.0).contains(&first),
        "failures start with the outage: {first}"
    );
    assert!(
        (120.0..=191.0).contains(&last),
        "and end once every cached answer has expired: {last}"
    );
    // Afterwards US users are served from Europe: slower, but served.
    let late = f
        .windows
        .iter()
        .rev()
        .take(20)
        .map(|w| w.latency_ms_mean)
        .sum::<f64>()
        / 20.0;
    assert!(
        late > 40.0,
        "half the users now cross the ocean: mean {late} ms"
    );
    assert!(
        f.log
            .iter()
            .any(|e| e.message.contains("Data center US-East is down"))
    );
    assert!(sim.counters(t.us_users).expect("us users").completed > 0);
}

#[test]
fn a_replica_across_the_ocean_lags_by_at_least_the_distance() {
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let primary = add(&mut s, ComponentKind::Database);
    let replica = add(&mut s, ComponentKind::Replica);
    set(&mut s, users, "arrival_rate_per_s", 500.0);
    set(&mut s, users, "read_fraction", 0.8);
    set(&mut s, primary, "replication_lag_ms", 1.0);
    connect(&mut s, users, web);
    connect(&mut s, web, primary);
    connect(&mut s, primary, replica);
    // European users read their own data center's replica (the nearest copy); their writes cross to the primary.
    for n in [users, web, replica] {
        place(&mut s, n, Region::EuWest);
    }
    let mut sim = Simulation::new(&s).expect("valid");
    run_checked(&mut sim, 20.0, 250);
    let summary = sim.summary();
    let r = summary
        .nodes
        .iter()
        .find(|n| n.id == replica.0)
        .expect("replica");
    assert!(
        r.replication_lag_ms_max.expect("lag") >= 35.0,
        "{:?}",
        r.replication_lag_ms_max
    );
    assert!(
        r.stale_reads.expect("stale") > 50,
        "reads in Europe miss recent writes: {:?}",
        r.stale_reads
    );
}

#[test]
fn each_data_center_reads_its_nearest_copy() {
    // Two data centers, the primary in US-East and its replica in EU-West, 400 users a second on each side.
    let s = sim_core::scenario::presets::get("two_regions").expect("preset");
    let mut sim = Simulation::new(&s).expect("valid");
    run_checked(&mut sim, 20.0, 500);
    let summary = sim.summary();
    let reads = |label: &str| {
        summary
            .nodes
            .iter()
            .find(|n| n.label == label)
            .and_then(|n| n.reads)
            .expect(label)
    };
    let (us, eu) = (reads("Primary (US)"), reads("Replica (EU)"));
    #[allow(clippy::cast_precision_loss)]
    let eu_share = eu as f64 / (us + eu) as f64;
    assert!(
        (0.45..=0.55).contains(&eu_share),
        "Europe reads its replica, America its primary: {eu} of {} reads in Europe",
        us + eu
    );
    // Reads cross no ocean: only Europe's writes (a tenth of its half) pay the 70 ms round trip.
    assert!(summary.latency_ms.mean < 65.0, "{:?}", summary.latency_ms);
}

#[test]
fn nothing_is_rebuilt_in_a_data_center_that_is_down() {
    let mut s = sim_core::scenario::presets::get("two_regions").expect("preset");
    let id = |s: &Scenario, label: &str| s.nodes.iter().find(|n| n.label == label).expect(label).id;
    let (us_web, primary) = (id(&s, "US web 1"), id(&s, "Primary (US)"));
    fault(&mut s, 10.0, us_web, FaultAction::RegionOutage);
    fault(&mut s, 80.0, us_web, FaultAction::RegionRestore);
    let mut sim = Simulation::new(&s).expect("valid");
    // Promoted after the failover timeout (10 s); the lost primary would be rebuilt 30 s later, but US-East is down.
    run_checked(&mut sim, 79.0, 500);
    assert_eq!(sim.is_alive(primary), Some(false));
    run_checked(&mut sim, 81.0, 500);
    assert_eq!(sim.is_alive(primary), Some(true));
    assert_eq!(
        sim.frame().node(primary).and_then(|n| n.db_role),
        Some(sim_core::metrics::DbRole::Replica),
        "it comes back with its data center, as a replica of the promoted one"
    );
}

#[test]
fn an_outage_stops_exactly_the_nodes_its_action_applies_to() {
    // The UI offers "Data center outage" where `FaultAction::applies_to` says so; the engine must agree on who
    // goes down: every node of the region but the global ones.
    let mut s = sim_core::scenario::presets::get("millions").expect("preset");
    let us_web = s
        .nodes
        .iter()
        .find(|n| n.label == "US web servers")
        .expect("US web servers");
    let (id, region) = (us_web.id, us_web.region);
    fault(&mut s, 5.0, id, FaultAction::RegionOutage);
    let mut sim = Simulation::new(&s).expect("valid");
    run_checked(&mut sim, 6.0, 500);
    for n in s.nodes.iter().filter(|n| n.region == region) {
        let applies = FaultAction::RegionOutage.applies_to(n.kind());
        assert_eq!(sim.is_alive(n.id), Some(!applies), "{}", n.label);
    }
}
