//! Load balancer pairs: a balancer with a standby machine (`standby`, active/passive behind one address) fails
//! requests for its takeover time when its active machine dies, then serves again; a second Kill takes the pair
//! down. With random failures a pair is up 1 − (1 − a)² − a²(1 − e^{−λT}) of the time (see `engine/lb_pair.rs`).
//! Two balancers behind a GeoDNS (active/active) need no setting: the DNS stops answering with a dead one.

use crate::support::{add, choose, connect, fault, run, run_checked, set};
use sim_core::metrics::{FailureCause, LogKind, PairStatus};
use sim_core::model::{ComponentKind, single_points_of_failure};
use sim_core::scenario::{Edit, FaultAction, RandomFailures};
use sim_core::theory::availability::pair_up_share;
use sim_core::theory::{Outcome, Quantity};
use sim_core::{NodeId, Scenario, Simulation};

/// Users at `rate` req/s → a load balancer (with a standby taking over in `takeover_s` when given) → two web
/// servers running their own database.
fn site(rate: f64, takeover_s: Option<f64>, seed: u64) -> (Scenario, NodeId) {
    let mut s = Scenario {
        seed,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    set(&mut s, users, "arrival_rate_per_s", rate);
    let lb = add(&mut s, ComponentKind::LoadBalancer);
    if let Some(t) = takeover_s {
        choose(&mut s, lb, "standby", "yes");
        set(&mut s, lb, "takeover_s", t);
    }
    connect(&mut s, users, lb);
    for _ in 0..2 {
        let web = add(&mut s, ComponentKind::WebServer);
        choose(&mut s, web, "embedded_database", "yes");
        connect(&mut s, lb, web);
    }
    (s, lb)
}

/// Start times (s) of the 1 s windows in which requests failed as "node down".
fn down_windows(sim: &Simulation) -> Vec<f64> {
    sim.frame()
        .windows
        .iter()
        .filter(|w| w.failed_by_cause[FailureCause::NodeDown.index()] > 0)
        .map(|w| w.start.as_secs_f64())
        .collect()
}

/// At 100 req/s, a Kill at 10 s of a balancer whose standby takes over in 2 s fails the requests of those 2 s (about
/// 200, plus the few in flight through the dead machine) and no other; the log tells the takeover at 12 s and the
/// canvas shows "taking over" meanwhile. A second Kill at 20 s takes the pair down until the Restore at 30 s. A
/// balancer without a standby fails every request from 10 s to 30 s.
#[test]
#[allow(clippy::cast_precision_loss)]
fn a_load_balancer_takeover_fails_requests_for_the_takeover_time_only() {
    let mut pooled = 0.0;
    for seed in 1..=4 {
        let (mut s, lb) = site(100.0, Some(2.0), seed);
        fault(&mut s, 10.0, lb, FaultAction::Kill);
        let mut sim = Simulation::new(&s).expect("valid");
        run_checked(&mut sim, 11.0, 100);
        let status = |sim: &Simulation| {
            sim.frame()
                .nodes
                .iter()
                .find(|n| n.id == lb)
                .and_then(|n| n.pair)
        };
        assert_eq!(status(&sim), Some(PairStatus::TakingOver));
        run_checked(&mut sim, 18.0, 100);
        assert_eq!(status(&sim), Some(PairStatus::NoStandby));
        let failed = sim.summary().failed_by_cause["node_down"];
        assert_eq!(
            sim.summary().requests.failed,
            failed,
            "seed {seed}: only node down"
        );
        let windows = down_windows(&sim);
        println!("seed {seed}: {failed} failed in windows {windows:?}");
        // A failure reaches the user one link later: the last of the takeover's lands in the window from 12 s.
        assert!(
            windows.starts_with(&[10.0, 11.0]) && windows.len() <= 3,
            "seed {seed}: failures during the takeover only"
        );
        assert!(
            (160..=250).contains(&failed),
            "seed {seed}: {failed} failed against 100/s × 2 s"
        );
        pooled += failed as f64 / 4.0;
        let took_over = sim
            .frame()
            .log
            .iter()
            .find(|e| e.kind == LogKind::Restored && e.message.contains("took the address over"))
            .map(|e| e.at.as_secs_f64());
        assert_eq!(took_over, Some(12.0), "seed {seed}");

        // The second machine goes down too: the pair is down until restored.
        let mut s2 = s.clone();
        fault(&mut s2, 20.0, lb, FaultAction::Kill);
        fault(&mut s2, 30.0, lb, FaultAction::Restore);
        let mut sim = Simulation::new(&s2).expect("valid");
        run_checked(&mut sim, 40.0, 250);
        let windows = down_windows(&sim);
        let pair_down: Vec<f64> = (20..30).map(f64::from).collect();
        assert!(
            windows
                .iter()
                .all(|&w| (10.0..=12.0).contains(&w) || (20.0..=30.0).contains(&w))
                && pair_down.iter().all(|w| windows.contains(w)),
            "seed {seed}: the pair down from the second Kill to the Restore: {windows:?}"
        );
        assert_eq!(
            sim.frame()
                .nodes
                .iter()
                .find(|n| n.id == lb)
                .and_then(|n| n.pair),
            Some(PairStatus::Ready),
            "restored: both machines"
        );

        // Without a standby the balancer is down from the Kill to the Restore.
        let (mut single, lb) = site(100.0, None, seed);
        fault(&mut single, 10.0, lb, FaultAction::Kill);
        fault(&mut single, 30.0, lb, FaultAction::Restore);
        let mut sim = Simulation::new(&single).expect("valid");
        run(&mut sim, 40.0);
        let windows = down_windows(&sim);
        assert_eq!(windows.first(), Some(&10.0));
        assert!(matches!(windows.last(), Some(&29.0 | &30.0)), "{windows:?}");
        assert_eq!(windows.len() as f64, windows.last().expect("some") - 9.0);
        assert!(sim.frame().nodes.iter().all(|n| n.pair.is_none()));
    }
    assert!((pooled - 200.0).abs() < 20.0, "mean {pooled} against 200");
}

/// MTBF 20 s, MTTR 5 s: each machine is up a = 0.8 of the time and fails at λ = 0.05/s.
const SWITCH: RandomFailures = RandomFailures {
    mtbf_s: 20.0,
    mttr_s: 5.0,
};

/// With random failures over 20 000 s and seeds 1–4, a balancer alone is up a = 0.8; a pair with a 0.1 s takeover
/// 1 − (1 − a)² − a²(1 − e^{−λT}) = 0.9568 and with a 2 s one 0.8991 (each seed within 0.02, the 4-seed mean within
/// 0.01: a node's share up has a standard deviation near 0.005 here).
#[test]
fn a_pair_is_up_one_minus_both_down_minus_the_takeovers() {
    let a = SWITCH.availability();
    for takeover_s in [None, Some(0.1), Some(2.0)] {
        let want = match takeover_s {
            None => a,
            Some(t) => pair_up_share(SWITCH.mtbf_s, SWITCH.mttr_s, t),
        };
        let mut mean = 0.0;
        for seed in 1..=4 {
            let (mut s, lb) = site(1.0, takeover_s, seed);
            s.apply(Edit::SetRandomFailures(Some(SWITCH)))
                .expect("switch on");
            let mut sim = Simulation::new(&s).expect("valid");
            run(&mut sim, 20_000.0);
            let summary = sim.summary();
            let up = summary
                .nodes
                .iter()
                .find(|n| n.id == lb.0)
                .map(|n| n.availability)
                .expect("the balancer");
            // The inspector's Theory section predicts the pair's share, not one machine's.
            let theory = sim.node_theory(&s, lb).expect("a node");
            let row = theory
                .checks
                .iter()
                .find(|c| c.quantity == Quantity::Availability)
                .expect("an availability row");
            if let Outcome::Predicted { predicted, .. } = row.outcome {
                assert!(
                    (predicted - want).abs() < 0.02,
                    "{predicted} against {want}"
                );
            } else {
                panic!("the formula applies: {:?}", row.outcome);
            }
            assert!(
                (up - want).abs() < 0.02,
                "takeover {takeover_s:?}, seed {seed}: up {up:.4} against {want:.4}"
            );
            mean += up / 4.0;
        }
        eprintln!("takeover {takeover_s:?}: balancer up {mean:.4} against {want:.4}");
        assert!(
            (mean - want).abs() < 0.01,
            "{takeover_s:?}: {mean:.4} against {want:.4}"
        );
    }
}

/// Active/active: two balancers behind a GeoDNS (checks every 2 s, 3 failures to stop answering, TTL 5 s) in one
/// data center. Neither is a single point of failure; the GeoDNS answers with the first, and when it dies its users
/// move to the second within detection (6 s) + TTL (5 s), after which nothing fails. A plain DNS keeps answering
/// with the dead one (round robin), so requests fail to the end.
#[test]
fn two_balancers_behind_a_geo_dns_take_over_from_each_other() {
    for geo in [true, false] {
        let mut s = Scenario::default();
        let users = add(&mut s, ComponentKind::Client);
        set(&mut s, users, "arrival_rate_per_s", 100.0);
        let dns = add(&mut s, ComponentKind::Dns);
        if geo {
            choose(&mut s, dns, "geo_routing", "yes");
        }
        set(&mut s, dns, "health_check_interval_s", 2.0);
        set(&mut s, dns, "ttl_s", 5.0);
        connect(&mut s, users, dns);
        let web = add(&mut s, ComponentKind::WebServer);
        choose(&mut s, web, "embedded_database", "yes");
        let web2 = add(&mut s, ComponentKind::WebServer);
        choose(&mut s, web2, "embedded_database", "yes");
        let mut lbs = Vec::new();
        for _ in 0..2 {
            let lb = add(&mut s, ComponentKind::LoadBalancer);
            connect(&mut s, dns, lb);
            connect(&mut s, lb, web);
            connect(&mut s, lb, web2);
            lbs.push(lb);
        }
        let spofs = single_points_of_failure(&s.nodes, &s.edges);
        assert!(
            !spofs.contains(&lbs[0]) && !spofs.contains(&lbs[1]),
            "{spofs:?}"
        );
        fault(&mut s, 20.0, lbs[0], FaultAction::Kill);
        let mut sim = Simulation::new(&s).expect("valid");
        run_checked(&mut sim, 60.0, 500);
        let windows = down_windows(&sim);
        println!("geo {geo}: node down in windows {windows:?}");
        assert_eq!(windows.first(), Some(&20.0), "geo {geo}");
        let last = *windows.last().expect("failures");
        if geo {
            assert!(last <= 31.0, "moved within detection + TTL: {last}");
        } else {
            assert!(
                last >= 58.0,
                "plain DNS still answers with the dead one: {last}"
            );
        }
    }
}

/// Off by default and absent from files when off; on, the file says so and loads back the same. A pair's run with
/// random failures and a Kill replays exactly however it is sliced, and keeps every invariant.
#[test]
fn a_pair_is_absent_from_files_when_off_and_replays_exactly() {
    let (plain, lb) = site(50.0, None, 1);
    let json = plain.to_json();
    assert!(
        !json.contains("standby") && !json.contains("takeover_s"),
        "{json}"
    );
    let (mut paired, _) = site(50.0, Some(1.5), 1);
    let json = paired.to_json();
    assert!(
        json.contains("\"standby\": true") && json.contains("\"takeover_s\": 1.5"),
        "{json}"
    );
    assert_eq!(Scenario::from_json(&json).expect("loads"), paired);
    paired
        .apply(Edit::SetRandomFailures(Some(SWITCH)))
        .expect("switch on");
    fault(&mut paired, 30.0, lb, FaultAction::Kill);
    fault(&mut paired, 45.0, lb, FaultAction::Restore);
    let mut whole = Simulation::new(&paired).expect("valid");
    run(&mut whole, 300.0);
    let mut sliced = Simulation::new(&paired).expect("valid");
    run_checked(&mut sliced, 300.0, 7);
    assert_eq!(whole.trace_hash(), sliced.trace_hash());
    assert_eq!(whole.summary(), sliced.summary());
}

/// Restore while the standby serves (Kill at 10 s, takeover 2 s, Restore at 15 s) brings the failed machine back
/// as the new standby: the log says so at 15 s and nothing fails after the takeover.
#[test]
fn a_restore_gives_the_pair_its_standby_back_without_a_failure() {
    let (mut s, lb) = site(100.0, Some(2.0), 1);
    fault(&mut s, 10.0, lb, FaultAction::Kill);
    fault(&mut s, 15.0, lb, FaultAction::Restore);
    let mut sim = Simulation::new(&s).expect("valid");
    run_checked(&mut sim, 30.0, 250);
    let f = sim.frame();
    assert_eq!(
        f.nodes.iter().find(|n| n.id == lb).and_then(|n| n.pair),
        Some(PairStatus::Ready)
    );
    assert!(down_windows(&sim).iter().all(|&w| w <= 12.0));
    let back = f
        .log
        .iter()
        .find(|e| e.message.contains("standby machine again"))
        .map(|e| e.at.as_secs_f64());
    assert_eq!(back, Some(15.0));
}
