//! Connection limits (`max_connections`) on load balancers and databases.
//!
//! A database whose limit equals its workers never queues: it is the M/M/c/c loss system, whose blocking
//! probability is Erlang B,
//!   B(0, a) = 1,  B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a)),  a = λ/μ in erlangs
//! (Erlang 1917; Kleinrock, Queueing Systems I, 1975, §3.6, the m-server loss system; the recursion is the
//! standard numerically stable form). The arrivals reach it through a web server with thousands of workers and a
//! near-zero service time, an M/M/∞ stage whose output is Poisson (Burke's theorem), so the database sees Poisson
//! arrivals.

use crate::support::{add, choose, connect, run, run_checked, set};
use sim_core::metrics::FailureCause;
use sim_core::model::ComponentKind;
use sim_core::{Scenario, SimTime, Simulation};

const QUERY_MS: f64 = 10.0;

/// Erlang B: the probability that an arrival finds all `c` servers busy in M/M/c/c with offered load `a` erlangs.
fn erlang_b(c: u32, a: f64) -> f64 {
    (1..=c).fold(1.0, |b, k| a * b / (f64::from(k) + a * b))
}

/// Users → web server (pass-through) → database with `c` workers, `max_connections` = c, reads only, offered load
/// `a` erlangs at the database.
fn loss_db(c: u32, a: f64, seed: u64) -> Scenario {
    let mut s = Scenario {
        seed,
        hop_latency_us: 0,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let db = add(&mut s, ComponentKind::Database);
    set(&mut s, users, "arrival_rate_per_s", a * 1_000.0 / QUERY_MS);
    set(&mut s, users, "rtt_ms", 0.0);
    set(&mut s, users, "read_fraction", 1.0);
    choose(&mut s, users, "key_distribution", "uniform");
    set(&mut s, web, "workers", 4_096.0);
    set(&mut s, web, "service_time_ms", 0.001);
    set(&mut s, web, "timeout_ms", 600_000.0);
    set(&mut s, db, "workers", f64::from(c));
    set(&mut s, db, "read_time_ms", QUERY_MS);
    set(&mut s, db, "queue_capacity", 1_000.0);
    set(&mut s, db, "max_connections", f64::from(c));
    connect(&mut s, users, web);
    connect(&mut s, web, db);
    s
}

#[test]
fn erlang_b_matches_hand_values() {
    assert!((erlang_b(1, 1.0) - 0.5).abs() < 1e-12);
    assert!((erlang_b(2, 1.0) - 0.2).abs() < 1e-12);
    // Published table value: 10 trunks offered 5 erlangs block 1.84 % of calls.
    assert!((erlang_b(10, 5.0) - 0.018_4).abs() < 1e-4);
}

#[test]
fn database_at_its_connection_limit_blocks_as_erlang_b() {
    for (c, a) in [(4, 3.0), (8, 6.0)] {
        let (mut blocked, mut offered) = (0u64, 0u64);
        for seed in 1..=4 {
            let mut sim = Simulation::new(&loss_db(c, a, seed)).expect("valid");
            run(&mut sim, 60.0);
            let f = sim.frame();
            assert_eq!(f.failed(FailureCause::QueueFull), 0, "nothing waits");
            assert_eq!(
                f.totals.failed,
                f.failed(FailureCause::ConnectionLimit),
                "every failure is the connection limit"
            );
            blocked += f.failed(FailureCause::ConnectionLimit);
            offered += f.totals.generated;
        }
        #[allow(clippy::cast_precision_loss)]
        let got = blocked as f64 / offered as f64;
        let want = erlang_b(c, a);
        eprintln!(
            "M/M/{c}/{c} a={a}: blocking {got:.4}, Erlang B {want:.4} over {offered} arrivals"
        );
        // 4 seeds × 60 s ≈ 72 000–144 000 arrivals: the binomial standard error is ≤ 0.0015; 0.01 absolute is
        // more than five of them.
        assert!(
            (got - want).abs() < 0.01,
            "M/M/{c}/{c}: {got:.4} vs {want:.4}"
        );
    }
}

#[test]
fn database_limit_is_checked_after_every_step() {
    let mut sim = Simulation::new(&loss_db(2, 3.0, 9)).expect("valid");
    run_checked(&mut sim, 5.0, 7);
    assert!(sim.frame().failed(FailureCause::ConnectionLimit) > 0);
}

/// Users → load balancer with `max_connections` = `limit` → two one-worker servers (own database) that would
/// queue: 150 req/s against 2 × 100 req/s of service.
fn limited_lb(limit: u32, seed: u64) -> (Scenario, sim_core::id::NodeId) {
    let mut s = Scenario {
        seed,
        hop_latency_us: 0,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let lb = add(&mut s, ComponentKind::LoadBalancer);
    set(&mut s, users, "arrival_rate_per_s", 150.0);
    set(&mut s, users, "rtt_ms", 0.0);
    set(&mut s, lb, "max_connections", f64::from(limit));
    connect(&mut s, users, lb);
    for _ in 0..2 {
        let web = add(&mut s, ComponentKind::WebServer);
        choose(&mut s, web, "embedded_database", "yes");
        set(&mut s, web, "workers", 1.0);
        set(&mut s, web, "service_time_ms", 10.0);
        set(&mut s, web, "queue_capacity", 1_000.0);
        connect(&mut s, lb, web);
    }
    (s, lb)
}

#[test]
fn load_balancer_limit_caps_requests_in_flight() {
    let (s, lb) = limited_lb(3, 5);
    let mut sim = Simulation::new(&s).expect("valid");
    let mut peak = 0;
    for ms in 1..=20_000u64 {
        sim.step_until(SimTime(ms * 1_000), u64::MAX);
        let f = sim.frame();
        let here = f.node(lb).expect("lb").in_flight;
        assert!(
            here <= 3,
            "{here} requests in flight through a balancer limited to 3"
        );
        peak = peak.max(here);
    }
    sim.check_invariants().expect("invariants");
    let f = sim.frame();
    let refused = f.failed(FailureCause::ConnectionLimit);
    eprintln!(
        "balancer limited to 3: peak {peak} in flight, {refused} of {} refused",
        f.totals.generated
    );
    assert_eq!(peak, 3, "the limit is reached");
    assert!(refused > 100, "{refused} refused");
    assert_eq!(
        f.totals.failed, refused,
        "every failure is the connection limit"
    );
}

#[test]
fn unlimited_and_unreached_limits_change_nothing() {
    let hash = |limit: Option<u32>| {
        let (mut s, lb) = limited_lb(0, 11);
        if let Some(l) = limit {
            set(&mut s, lb, "max_connections", f64::from(l));
        }
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 10.0);
        (sim.trace_hash(), sim.frame().totals.failed)
    };
    let base = hash(None);
    assert_eq!(base, hash(Some(1_000_000)), "a limit never reached");
    assert_ne!(base, hash(Some(2)), "a limit reached");
}
