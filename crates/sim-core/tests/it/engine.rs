//! What engine 2 (issue 12) changed and what it kept, each as a run: hops whose outcome is known when a request is
//! sent take no event (a round robin over one-worker servers costs two events a request, the three-tier preset
//! three); a balancer decides when the request is sent, so a request already on its way when the balancer dies is
//! served and fails coming back through it; an answer counts in the window it reaches its user, though it is
//! counted as soon as it leaves the data center; a station that comes back before the requests on their way to it
//! arrive admits them. See ARCHITECTURE.md, "How a request moves".

use crate::support::{add, choose, connect, fault, run, set};
use sim_core::metrics::FailureCause;
use sim_core::model::{ComponentKind, Region};
use sim_core::scenario::{Edit, FaultAction, presets};
use sim_core::{NodeId, Scenario, SimTime, Simulation};

/// Users (rtt `rtt_ms`, `rate` req/s) → load balancer → one web server with its own database, 1 ms of constant
/// service, no hop latency.
fn one_server(rtt_ms: f64, rate: f64) -> (Scenario, NodeId, NodeId) {
    let mut s = Scenario {
        hop_latency_us: 0,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let lb = add(&mut s, ComponentKind::LoadBalancer);
    let web = add(&mut s, ComponentKind::WebServer);
    set(&mut s, users, "arrival_rate_per_s", rate);
    set(&mut s, users, "rtt_ms", rtt_ms);
    choose(&mut s, web, "embedded_database", "yes");
    choose(&mut s, web, "service_distribution", "constant");
    set(&mut s, web, "service_time_ms", 1.0);
    set(&mut s, web, "workers", 64.0);
    connect(&mut s, users, lb);
    connect(&mut s, lb, web);
    (s, lb, web)
}

#[test]
#[allow(clippy::cast_precision_loss)]
fn folded_hops_leave_two_events_a_request_on_rr4_and_three_on_three_tier() {
    let per_request = |s: &Scenario, secs: f64| {
        let mut sim = Simulation::new(s).expect("valid");
        run(&mut sim, secs);
        sim.events_processed() as f64 / sim.requests_generated() as f64
    };
    let rr4 = crate::theory::rr4(1);
    let e = per_request(&rr4, 200.0);
    assert!((2.0..2.02).contains(&e), "rr4: {e} events a request");
    let e = per_request(&presets::get("three_tier").expect("preset"), 120.0);
    assert!((3.0..3.05).contains(&e), "three_tier: {e} events a request");
}

#[test]
fn a_request_on_its_way_when_its_balancer_dies_is_served_and_fails_coming_back() {
    // 50 ms from the users to the balancer: at 1 000 req/s, about 50 requests are on that link when it dies.
    let (mut s, lb, web) = one_server(100.0, 1_000.0);
    fault(&mut s, 1.0, lb, FaultAction::Kill);
    let mut sim = Simulation::new(&s).expect("valid");
    sim.step_until(SimTime(1_000_000), u64::MAX);
    let served_before = sim.counters(web).expect("web").completed;
    sim.step_until(SimTime(1_200_000), u64::MAX);
    let served_after = sim.counters(web).expect("web").completed - served_before;
    assert!(
        (30..80).contains(&served_after),
        "{served_after} requests routed before the kill were served after it"
    );
    run(&mut sim, 2.0);
    let f = sim.frame();
    let at_lb = f.node(lb).expect("lb").failed_here_by_cause;
    assert_eq!(
        at_lb[FailureCause::NodeDown.index()],
        f.failed(FailureCause::NodeDown),
        "every failure is the dead balancer's, those served included"
    );
    assert_eq!(
        f.node(web).expect("web").failed_here,
        0,
        "the server failed nothing"
    );
}

#[test]
#[allow(clippy::cast_possible_wrap)]
fn an_answer_counts_in_the_window_it_reaches_its_user() {
    // 900 ms each way: the first answers reach their users 1.801 s into the run.
    let (s, _, _) = one_server(1_800.0, 1_000.0);
    let mut sim = Simulation::new(&s).expect("valid");
    sim.step_until(SimTime(1_000_000), u64::MAX);
    let f = sim.frame();
    assert_eq!(
        f.windows[0].completed, 0,
        "no answer reached a user in the first second"
    );
    assert!(
        f.totals.completed > 50,
        "answers on their way back are counted when they leave the data center ({})",
        f.totals.completed
    );
    assert_eq!(
        sim.latency().count(),
        f.totals.completed,
        "with their latency to the user"
    );
    // With the data center across an ocean (110 ms more each way), answers leaving late in a window are received
    // beyond the next one and come by an event; both ways count in the window of their receipt, about 1 000 a
    // second once they flow.
    for rtt in [1_800.0, 2_000.0] {
        let (mut s, lb, web) = one_server(rtt, 1_000.0);
        for node in [lb, web] {
            s.apply(Edit::SetRegion {
                node,
                region: Region::ApSoutheast,
            })
            .expect("region");
        }
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 10.0);
        let w = sim.frame().windows;
        assert_eq!(w[0].completed + w[1].completed, 0, "rtt {rtt}");
        for win in &w[3..] {
            assert!(
                (win.completed as i64 - 1_000).abs() < 150,
                "rtt {rtt}: {} answers in a second",
                win.completed
            );
        }
    }
}

#[test]
fn a_web_server_back_before_the_requests_on_their_way_arrive_serves_them() {
    // Users are 20 ms from the data center. A server killed and restored 2 ms later loses only what it held (about
    // 3 requests in service at 300 req/s) and gets the requests that were on their way; restored 40 ms later, the
    // 12 or so arriving in between fail too. Five outages each.
    let down_for = |ms: f64| {
        let mut s = presets::get("three_tier").expect("preset");
        let web1 = s
            .nodes
            .iter()
            .find(|n| n.label == "Web 1")
            .expect("Web 1")
            .id;
        for at in [5.0, 10.0, 15.0, 20.0, 25.0] {
            fault(&mut s, at, web1, FaultAction::Kill);
            fault(&mut s, at + ms / 1e3, web1, FaultAction::Restore);
        }
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 26.0);
        sim.frame().node(web1).expect("web 1").failed_here_by_cause[FailureCause::NodeDown.index()]
    };
    let (brief, longer) = (down_for(2.0), down_for(40.0));
    assert!(
        brief < 35 && longer > 50 && 2 * brief < longer,
        "down 2 ms: {brief} failed; down 40 ms: {longer} failed"
    );
}
