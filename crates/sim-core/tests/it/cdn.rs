//! CDN: static files served from edges near users (fast, off the origin); an outage sends them back to the
//! origin; a deploy without versioned file names serves stale files until the TTL, with them a burst of misses.

use crate::support::{add, choose, connect, fault, run, run_checked, set};
use sim_core::model::ComponentKind;
use sim_core::scenario::FaultAction;
use sim_core::{NodeId, Scenario, Simulation};

struct Site {
    scenario: Scenario,
    cdn: Option<NodeId>,
    web: NodeId,
}

/// 1000 rps, half of them static files (1000 files, Zipf 0.8), through a CDN or straight to the origin.
fn site(with_cdn: bool) -> Site {
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let db = add(&mut s, ComponentKind::Database);
    set(&mut s, users, "arrival_rate_per_s", 1_000.0);
    set(&mut s, users, "static_fraction", 0.5);
    set(&mut s, web, "workers", 32.0);
    set(&mut s, web, "service_time_ms", 5.0);
    connect(&mut s, users, web);
    connect(&mut s, web, db);
    let cdn = with_cdn.then(|| {
        let cdn = add(&mut s, ComponentKind::Cdn);
        set(&mut s, cdn, "ttl_s", 30.0);
        connect(&mut s, users, cdn);
        connect(&mut s, cdn, web);
        cdn
    });
    Site {
        scenario: s,
        cdn,
        web,
    }
}

fn cdn_summary(sim: &Simulation, cdn: NodeId) -> sim_core::summary::NodeSummary {
    sim.summary()
        .nodes
        .into_iter()
        .find(|n| n.id == cdn.0)
        .expect("cdn")
}

#[test]
fn a_cdn_serves_static_files_near_users_and_off_the_origin() {
    let (plain, with) = (site(false), site(true));
    let mut a = Simulation::new(&plain.scenario).expect("valid");
    let mut b = Simulation::new(&with.scenario).expect("valid");
    run_checked(&mut a, 30.0, 250);
    run_checked(&mut b, 30.0, 250);
    let cdn = cdn_summary(&b, with.cdn.expect("cdn"));
    let hit = cdn.hit_ratio.expect("hit ratio");
    assert!(
        hit > 0.9,
        "1000 files fit the edge: almost every request hits ({hit})"
    );
    let (origin_a, origin_b) = (
        a.counters(plain.web).expect("web").arrived,
        b.counters(with.web).expect("web").arrived,
    );
    assert!(
        origin_b * 10 < origin_a * 6,
        "the origin sees mostly dynamic requests: {origin_b} vs {origin_a}"
    );
    let (mean_a, mean_b) = (a.summary().latency_ms.mean, b.summary().latency_ms.mean);
    eprintln!("mean latency: origin only {mean_a} ms, with CDN {mean_b} ms; CDN hit ratio {hit}");
    // Half the requests now take a 10 ms round trip to an edge instead of 40 ms to the origin plus its work.
    assert!(
        mean_b < mean_a * 0.7,
        "an edge 10 ms away answers static files: {mean_b} vs {mean_a}"
    );
}

#[test]
fn a_cdn_outage_sends_static_files_to_the_origin() {
    let mut t = site(true);
    let cdn = t.cdn.expect("cdn");
    fault(&mut t.scenario, 10.0, cdn, FaultAction::Kill);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    let origin_rate = |sim: &mut Simulation, from: f64, to: f64| {
        run(sim, from);
        let before = sim.counters(t.web).expect("web").arrived;
        run(sim, to);
        sim.counters(t.web).expect("web").arrived - before
    };
    let before = origin_rate(&mut sim, 8.0, 9.0);
    let during = origin_rate(&mut sim, 12.0, 13.0);
    eprintln!("origin requests/s: {before} with the CDN, {during} during its outage");
    assert!(during > before * 17 / 10, "static files hit the origin");
    assert!(
        sim.summary().requests.failed < 50,
        "browsers fall back; only requests inside the CDN fail"
    );
}

#[test]
fn deploying_without_versioned_names_serves_stale_files_until_the_ttl() {
    let stale_and_origin = |versioned: &str| {
        let mut t = site(true);
        let cdn = t.cdn.expect("cdn");
        choose(&mut t.scenario, cdn, "versioned_urls", versioned);
        fault(&mut t.scenario, 20.0, cdn, FaultAction::Deploy);
        let mut sim = Simulation::new(&t.scenario).expect("valid");
        run(&mut sim, 20.0);
        let origin_before = cdn_summary(&sim, cdn).origin_requests.expect("origin");
        run(&mut sim, 22.0);
        let burst = cdn_summary(&sim, cdn).origin_requests.expect("origin") - origin_before;
        run(&mut sim, 60.0);
        (
            cdn_summary(&sim, cdn).stale_reads.expect("stale"),
            burst,
            sim.frame().log,
        )
    };
    let (stale_plain, burst_plain, log) = stale_and_origin("no");
    let (stale_versioned, burst_versioned, _) = stale_and_origin("yes");
    eprintln!(
        "stale files: {stale_plain} plain, {stale_versioned} versioned; misses in 2 s: {burst_plain} vs {burst_versioned}"
    );
    assert!(
        stale_plain > 1_000,
        "old copies are served until they expire (30 s TTL)"
    );
    assert_eq!(stale_versioned, 0);
    assert!(
        burst_versioned > burst_plain * 3,
        "new names miss once each"
    );
    assert!(
        log.iter()
            .any(|e| e.message.contains("keeps serving its old copies"))
    );
}

#[test]
fn invalidating_the_cdn_sends_a_burst_of_misses_to_the_origin() {
    let mut t = site(true);
    let cdn = t.cdn.expect("cdn");
    fault(&mut t.scenario, 20.0, cdn, FaultAction::Flush);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    let misses_in = |sim: &mut Simulation, from: f64, to: f64| {
        run_checked(sim, from, 100);
        let before = cdn_summary(sim, cdn).origin_requests.expect("origin");
        run_checked(sim, to, 100);
        cdn_summary(sim, cdn).origin_requests.expect("origin") - before
    };
    let warm = misses_in(&mut sim, 19.0, 20.0);
    let purged = misses_in(&mut sim, 20.0, 21.0);
    eprintln!("CDN misses per second: {warm} warm, {purged} right after the purge");
    assert!(purged > warm * 5 + 100, "every file is fetched again");
    assert!(
        sim.frame()
            .log
            .iter()
            .any(|e| e.node == cdn && e.message.contains("flushed"))
    );
}
