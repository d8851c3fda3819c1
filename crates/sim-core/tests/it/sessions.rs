//! Sessions: why a stateful web tier needs sticky sessions, why a shared session store makes web servers
//! interchangeable, and why the store itself becomes a single point of failure.

use crate::support::{add, choose, connect, fault, run_checked, set};
use sim_core::metrics::FailureCause;
use sim_core::model::ComponentKind;
use sim_core::scenario::FaultAction;
use sim_core::{NodeId, Scenario, Simulation};

struct Tier {
    scenario: Scenario,
    webs: Vec<NodeId>,
    store: Option<NodeId>,
}

/// 1000 users sending 1000 rps through a load balancer to `servers` web servers keeping sessions per `sessions`.
fn tier(servers: usize, algorithm: &str, sessions: &str) -> Tier {
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let lb = add(&mut s, ComponentKind::LoadBalancer);
    let db = add(&mut s, ComponentKind::Database);
    let store = (sessions == "session_store").then(|| add(&mut s, ComponentKind::SessionStore));
    set(&mut s, users, "arrival_rate_per_s", 1_000.0);
    set(&mut s, users, "users", 1_000.0);
    set(&mut s, db, "workers", 32.0);
    choose(&mut s, lb, "algorithm", algorithm);
    connect(&mut s, users, lb);
    let webs: Vec<NodeId> = (0..servers)
        .map(|_| {
            let w = add(&mut s, ComponentKind::WebServer);
            set(&mut s, w, "workers", 32.0);
            choose(&mut s, w, "sessions", sessions);
            connect(&mut s, lb, w);
            connect(&mut s, w, db);
            if let Some(st) = store {
                connect(&mut s, w, st);
            }
            w
        })
        .collect();
    Tier {
        scenario: s,
        webs,
        store,
    }
}

fn logged_out(sim: &Simulation) -> u64 {
    sim.frame().failed(FailureCause::LoggedOut)
}

#[test]
fn a_stateful_tier_behind_round_robin_keeps_logging_users_out() {
    let t = tier(2, "round_robin", "in_memory");
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 20.0, 100);
    let total = sim.summary().requests.total;
    // Each request lands on the server without the session about half the time.
    #[allow(clippy::cast_precision_loss)] // counts of a short run
    let share = logged_out(&sim) as f64 / total as f64;
    assert!(
        (0.4..0.6).contains(&share),
        "{share} of requests logged out"
    );
}

#[test]
fn sticky_sessions_fix_it_until_a_server_dies() {
    let mut t = tier(2, "sticky_sessions", "in_memory");
    fault(&mut t.scenario, 10.0, t.webs[0], FaultAction::Kill);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 10.0, 100);
    assert_eq!(
        logged_out(&sim),
        0,
        "every user stays on the server holding their session"
    );
    run_checked(&mut sim, 25.0, 100);
    let lost = logged_out(&sim);
    let log = sim.frame().log;
    assert!(
        log.iter()
            .any(|e| e.message.contains("users lost their sessions")),
        "{log:?}"
    );
    // The same sentence as data, for a translation: the kill, then the lost sessions with their count.
    let kill = log
        .iter()
        .find(|e| e.message.contains("users lost their sessions"))
        .expect("the kill is logged");
    let ids: Vec<&str> = kill.text.iter().map(|c| c.id).collect();
    assert_eq!(ids, ["killed", "sessions_lost"], "{kill:?}");
    let count = kill
        .message
        .split(": ")
        .nth(1)
        .and_then(|s| s.split(' ').next());
    assert_eq!(
        kill.text[1].args,
        [(
            "count",
            sim_core::metrics::LogArg::Count(count.and_then(|c| c.parse().ok()).expect("a count"))
        )]
    );
    // About half the 1000 users had their session on the dead server; each is logged out once.
    assert!((400..=600).contains(&lost), "{lost} users logged out");
}

#[test]
fn a_shared_session_store_makes_web_servers_interchangeable() {
    let mut t = tier(2, "round_robin", "session_store");
    fault(&mut t.scenario, 10.0, t.webs[0], FaultAction::Kill);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 25.0, 100);
    assert_eq!(
        logged_out(&sim),
        0,
        "nobody is logged out, even when a web server dies"
    );
    let store = t.store.expect("store");
    assert!(sim.counters(store).expect("store").completed > 20_000);
}

#[test]
fn a_dead_session_store_logs_everyone_out() {
    let mut t = tier(2, "round_robin", "session_store");
    let store = t.store.expect("store");
    fault(&mut t.scenario, 10.0, store, FaultAction::Kill);
    fault(&mut t.scenario, 12.0, store, FaultAction::Restore);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 30.0, 100);
    let f = sim.frame();
    assert!(
        f.failed(FailureCause::NodeDown) > 1_500,
        "requests fail while the store is down"
    );
    let lost = f.failed(FailureCause::LoggedOut);
    assert!(
        (900..=1_000).contains(&lost),
        "after the restart each of the 1000 users is logged out once: {lost}"
    );
}

#[test]
fn ip_hash_remaps_most_users_when_a_server_leaves_sticky_only_its_own() {
    let lost = |algorithm: &str| {
        let mut t = tier(4, algorithm, "in_memory");
        fault(&mut t.scenario, 10.0, t.webs[3], FaultAction::Kill);
        let mut sim = Simulation::new(&t.scenario).expect("valid");
        run_checked(&mut sim, 10.0, 250);
        assert_eq!(
            logged_out(&sim),
            0,
            "{algorithm} keeps users in place while nothing changes"
        );
        run_checked(&mut sim, 30.0, 250);
        logged_out(&sim)
    };
    let (hash, sticky) = (lost("ip_hash"), lost("sticky_sessions"));
    // hash mod 4 → mod 3 moves about 3/4 of users; sticky moves only the dead server's quarter.
    assert!((650..=850).contains(&hash), "ip hash: {hash}");
    assert!((180..=320).contains(&sticky), "sticky: {sticky}");
}
