//! Network partitions (issue 17): a data center cut off from the others. Replication across the cut stops and
//! the replica's backlog grows as w·t at write rate w; when the partition heals the held writes are shipped at once,
//! so without an apply limit the backlog is gone one link latency later, and with an apply rate r it drains in
//! B/(r − w) (the applier serves r writes a second while w keep coming). Requests across the cut fail as
//! "partition"; health checks across it fail, so load balancers and GeoDNS route around it as for an outage.

use crate::support::{add, choose, connect, fault, run, run_checked, set};
use sim_core::metrics::FailureCause;
use sim_core::model::{ComponentKind, Region};
use sim_core::scenario::{Edit, FaultAction};
use sim_core::{NodeId, Scenario, Simulation};

fn place(s: &mut Scenario, node: NodeId, region: Region) {
    s.apply(Edit::SetRegion { node, region }).expect("region");
}

/// Users (writes only, `w` a second) → web → primary in US-East; one replica in EU-West (35 ms away) applying
/// `r` writes a second (0: unlimited), no replication delay beyond the distance.
fn primary_and_far_replica(w: f64, r: f64, seed: u64) -> (Scenario, NodeId) {
    let mut s = Scenario {
        seed,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let primary = add(&mut s, ComponentKind::Database);
    let replica = add(&mut s, ComponentKind::Replica);
    set(&mut s, users, "arrival_rate_per_s", w);
    set(&mut s, users, "read_fraction", 0.0);
    set(&mut s, web, "workers", 64.0);
    set(&mut s, web, "service_time_ms", 1.0);
    set(&mut s, primary, "workers", 32.0);
    set(&mut s, primary, "write_time_ms", 1.0);
    set(&mut s, primary, "replication_lag_ms", 0.0);
    set(&mut s, primary, "apply_rate_per_s", r);
    connect(&mut s, users, web);
    connect(&mut s, web, primary);
    connect(&mut s, primary, replica);
    place(&mut s, replica, Region::EuWest);
    (s, replica)
}

fn backlog(sim: &Simulation, replica: NodeId) -> f64 {
    let n = sim
        .summary()
        .nodes
        .into_iter()
        .find(|n| n.id == replica.0)
        .expect("replica");
    let b = n.replication_backlog_writes.expect("a replica");
    f64::from(u32::try_from(b).expect("a backlog fits u32"))
}

const CUT_S: f64 = 20.0;
const HEAL_S: f64 = 50.0;

/// The scenario of [`primary_and_far_replica`] with EU-West cut off from `CUT_S` to `HEAL_S`.
fn partitioned(w: f64, r: f64, seed: u64) -> (Scenario, NodeId) {
    let (mut s, replica) = primary_and_far_replica(w, r, seed);
    fault(&mut s, CUT_S, replica, FaultAction::Partition);
    fault(&mut s, HEAL_S, replica, FaultAction::Heal);
    (s, replica)
}

#[test]
fn the_backlog_grows_as_w_times_the_partition_and_is_shipped_at_the_heal() {
    // w = 200 writes/s for D = 30 s: w·D = 6 000 held writes (Poisson: sd ≈ 77, 1.3 %); before the cut and after
    // the heal only the writes on the 35 ms link are behind (w·35 ms = 7 on average).
    let w = 200.0;
    for seed in 1..=4 {
        let (s, replica) = partitioned(w, 0.0, seed);
        let mut sim = Simulation::new(&s).expect("valid");
        run_checked(&mut sim, CUT_S - 0.001, 500);
        let before = backlog(&sim, replica);
        let mut seen = Vec::new();
        for at in [30.0, 40.0, HEAL_S - 0.001] {
            run(&mut sim, at);
            seen.push(backlog(&sim, replica));
        }
        // At the heal + 20 ms the shipped writes are still on the 35 ms link; at + 100 ms they are applied.
        run(&mut sim, HEAL_S + 0.02);
        let on_the_link = backlog(&sim, replica);
        run_checked(&mut sim, HEAL_S + 0.1, 50);
        let after = backlog(&sim, replica);
        println!(
            "seed {seed}: behind {before} before, {seen:?} at 30/40/50 s, {on_the_link} at +20 ms, {after} at +100 ms"
        );
        assert!(before < 30.0, "seed {seed}: {before} behind before the cut");
        for (i, &b) in seen.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)] // 10, 20 or 30 s
            let theory = w * 10.0 * (i + 1) as f64;
            assert!(
                (b / theory - 1.0).abs() < 0.06,
                "seed {seed}: {b} behind {}0 s into the cut against w·t = {theory} (tolerance 6 %)",
                i + 1
            );
        }
        assert!(
            on_the_link >= seen[2],
            "seed {seed}: nothing lands before the link's 35 ms ({on_the_link} < {})",
            seen[2]
        );
        assert!(
            after < 30.0,
            "seed {seed}: {after} still behind 100 ms after the heal"
        );
        let n = sim
            .summary()
            .nodes
            .into_iter()
            .find(|n| n.id == replica.0)
            .expect("replica");
        let lag_max = n.replication_lag_ms_max.expect("lag");
        // The first write held waited the whole cut (less the ~5 ms to the first write) plus the 35 ms link.
        assert!(
            (29_950.0..=30_036.0).contains(&lag_max),
            "seed {seed}: longest lag {lag_max} ms against D + 35 ms = 30 035 ms"
        );
    }
}

#[test]
fn with_an_apply_rate_the_backlog_drains_in_b_over_r_minus_w() {
    // w = 200/s, r = 500/s: B ≈ w·D = 6 000 writes drain at r − w = 300/s, in B/(r − w) ≈ 20 s. The applier's
    // 10 000 apply times sum to 20 s with sd 0.2 s, and B's own spread (1.3 %) moves it by 0.26 s.
    let (w, r) = (200.0, 500.0);
    let mut pooled = 0.0;
    for seed in 1..=4 {
        let (s, replica) = partitioned(w, r, seed);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, HEAL_S);
        let b = backlog(&sim, replica);
        let theory = b / (r - w);
        let mut t = HEAL_S;
        while backlog(&sim, replica) > 30.0 {
            t += 0.1;
            assert!(t < HEAL_S + 60.0, "seed {seed}: not drained after 60 s");
            run(&mut sim, t);
        }
        let drained = t - HEAL_S;
        println!(
            "seed {seed}: backlog {b} at the heal, drained in {drained:.1} s (B/(r − w) = {theory:.1} s)"
        );
        assert!(
            (b / (w * (HEAL_S - CUT_S)) - 1.0).abs() < 0.06,
            "seed {seed}: backlog {b} against w·D = 6000"
        );
        assert!(
            (drained / theory - 1.0).abs() < 0.075,
            "seed {seed}: drained in {drained:.1} s against B/(r − w) = {theory:.1} s (tolerance 7.5 %)"
        );
        pooled += drained / theory / 4.0;
        run_checked(&mut sim, t + 5.0, 500);
    }
    assert!(
        (pooled - 1.0).abs() < 0.04,
        "mean over seeds 1–4: {pooled:.3} × B/(r − w)"
    );
}

#[test]
fn writes_across_the_cut_fail_and_geo_dns_moves_the_cut_off_users() {
    // The two-data-centers preset: European writes go to the primary in US-East. Cut EU-West off at 30 s: they
    // fail as "partition" until GeoDNS's 3 checks (10 s apart) fail over EU users and their 60 s answers expire;
    // European reads keep going to the EU replica.
    let mut s = sim_core::scenario::presets::get("two_regions").expect("preset");
    let id = |s: &Scenario, label: &str| s.nodes.iter().find(|n| n.label == label).expect(label).id;
    let (eu_web, replica) = (id(&s, "EU web 1"), id(&s, "Replica (EU)"));
    fault(&mut s, 30.0, eu_web, FaultAction::Partition);
    fault(&mut s, 200.0, eu_web, FaultAction::Heal);
    let mut sim = Simulation::new(&s).expect("valid");
    run_checked(&mut sim, 30.0, 500);
    assert_eq!(sim.summary().requests.failed, 0);
    run_checked(&mut sim, 199.0, 500);
    let f = sim.frame();
    let stopped = f
        .log
        .iter()
        .find(|e| {
            e.message
                .contains("stopped answering with EU load balancer")
        })
        .expect("GeoDNS notices the cut");
    let after = stopped.at.as_secs_f64() - 30.0;
    assert!(
        (20.0..=30.0).contains(&after),
        "3 failed checks 10 s apart: {after} s"
    );
    let failing: Vec<f64> = f
        .windows
        .iter()
        .filter(|w| w.failed_by_cause[FailureCause::Partition.index()] > 0)
        .map(|w| w.start.as_secs_f64())
        .collect();
    let (first, last) = (failing[0], failing[failing.len() - 1]);
    assert!(
        (30.0..31.0).contains(&first),
        "failures start with the cut: {first}"
    );
    assert!(
        (50.0..=121.0).contains(&last),
        "and end once every cached answer has expired: {last}"
    );
    let summary = sim.summary();
    let partitioned = summary.failed_by_cause["partition"];
    println!(
        "GeoDNS stopped answering with Europe {after:.1} s after the cut; partition failures from {first} to {last} s, {partitioned} in all"
    );
    assert_eq!(
        partitioned, summary.requests.failed,
        "every failure is the partition's"
    );
    // Only writes cross: a tenth of Europe's 400 requests a second, for at most the 90 s until failover.
    assert!(
        (200..=3_600).contains(&partitioned),
        "{partitioned} writes failed at the cut"
    );
    let replica_reads = |sim: &Simulation| {
        sim.summary()
            .nodes
            .iter()
            .find(|n| n.id == replica.0)
            .and_then(|n| n.reads)
            .expect("reads")
    };
    assert!(replica_reads(&sim) > 0);
    // Healed: GeoDNS answers with Europe again after 2 passing checks, and the replica catches up.
    run_checked(&mut sim, 260.0, 500);
    let f = sim.frame();
    assert!(
        f.log
            .iter()
            .any(|e| e.at.as_secs_f64() > 200.0
                && e.message.contains("answers with EU load balancer"))
    );
    assert!(f.log.iter().any(|e| {
        e.message
            .starts_with("The partition of data center EU-West healed")
    }));
    let behind = f
        .node(replica)
        .and_then(|n| n.behind_writes)
        .expect("replica");
    assert!(
        behind < 20,
        "{behind} writes behind a minute after the heal"
    );
    assert!(!f.node(replica).expect("replica").cut_off);
}

#[test]
fn a_balancer_stops_sending_across_the_cut_after_its_health_checks() {
    // A load balancer in US-East with one backend there and one in EU-West, checked every second (3 failures mark
    // a backend unhealthy, 2 passes healthy again).
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let lb = add(&mut s, ComponentKind::LoadBalancer);
    set(&mut s, users, "arrival_rate_per_s", 200.0);
    connect(&mut s, users, lb);
    let mut webs = Vec::new();
    for region in [Region::UsEast, Region::EuWest] {
        let web = add(&mut s, ComponentKind::WebServer);
        choose(&mut s, web, "embedded_database", "yes");
        connect(&mut s, lb, web);
        place(&mut s, web, region);
        webs.push(web);
    }
    fault(&mut s, 20.0, webs[1], FaultAction::Partition);
    fault(&mut s, 40.0, webs[1], FaultAction::Heal);
    let mut sim = Simulation::new(&s).expect("valid");
    run_checked(&mut sim, 40.0, 250);
    let eu_at_heal = sim.counters(webs[1]).expect("eu web").completed;
    run_checked(&mut sim, 60.0, 250);
    let f = sim.frame();
    let failing: Vec<f64> = f
        .windows
        .iter()
        .filter(|w| w.failed_by_cause[FailureCause::Partition.index()] > 0)
        .map(|w| w.start.as_secs_f64())
        .collect();
    assert!(!failing.is_empty(), "requests to Europe fail at first");
    let (first, last) = (failing[0], failing[failing.len() - 1]);
    assert!((20.0..21.0).contains(&first), "{first}");
    println!("partition failures in windows {first}–{last} s");
    assert!((21.0..=24.0).contains(&last), "until 3 checks fail: {last}");
    // Marked healthy again after the heal; Europe serves again.
    let back = f
        .log
        .iter()
        .find(|e| e.at.as_secs_f64() >= 40.0 && e.message.contains("healthy again"))
        .expect("marked healthy after the heal");
    assert!(back.at.as_secs_f64() <= 43.0, "{}", back.at.as_secs_f64());
    assert_eq!(
        sim.summary().requests.failed,
        sim.summary().failed_by_cause["partition"]
    );
    let eu = sim.counters(webs[1]).expect("eu web").completed;
    assert!(
        eu > eu_at_heal + 1_000,
        "Europe serves again after the heal: {eu_at_heal} → {eu}"
    );
}

#[test]
fn a_partitioned_run_replays_exactly_and_an_unused_partition_changes_nothing() {
    let (s, _) = partitioned(200.0, 500.0, 7);
    let hash = |s: &Scenario| {
        let mut sim = Simulation::new(s).expect("valid");
        run(&mut sim, 80.0);
        (sim.trace_hash(), sim.summary().requests)
    };
    assert_eq!(hash(&s), hash(&s));
    // A partition of a data center that shares nothing with the others (all of the run is in US-East) changes no
    // draw and no outcome.
    let (mut alone, replica) = primary_and_far_replica(200.0, 500.0, 7);
    place(&mut alone, replica, Region::UsEast);
    let before = hash(&alone);
    let mut cut = alone.clone();
    fault(&mut cut, 20.0, replica, FaultAction::Partition);
    fault(&mut cut, 50.0, replica, FaultAction::Heal);
    let mut sim = Simulation::new(&cut).expect("valid");
    run(&mut sim, 80.0);
    assert_eq!(sim.summary().requests, before.1);
    // Old files are unchanged: the new actions are written only when used.
    let text = serde_json::to_string(&cut).expect("json");
    assert!(text.contains("\"partition\"") && text.contains("\"heal\""));
    assert!(
        !serde_json::to_string(&alone)
            .expect("json")
            .contains("partition")
    );
}

/// Adds a fault on the link between `node` and `peer` at `at_s` seconds.
fn link_fault(s: &mut Scenario, at_s: f64, node: NodeId, peer: NodeId, action: FaultAction) {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let at_us = (at_s * 1e6) as u64;
    s.apply(Edit::AddFault(sim_core::scenario::FaultEvent {
        at_us,
        node,
        action,
        peer: Some(peer),
    }))
    .expect("fault");
}

#[test]
fn cutting_one_link_holds_replication_over_it_and_spares_the_rest() {
    // Primary, replica and a second replica all in US-East; only the link primary — replica 1 is cut 20 → 50 s.
    // Replica 1's backlog grows as w·D = 6 000; replica 2, over an intact link, stays current; no request fails.
    let w = 200.0;
    for seed in 1..=3 {
        let (mut s, replica) = primary_and_far_replica(w, 0.0, seed);
        place(&mut s, replica, Region::UsEast);
        let primary = s
            .nodes
            .iter()
            .find(|n| n.kind() == ComponentKind::Database)
            .expect("primary")
            .id;
        let other = add(&mut s, ComponentKind::Replica);
        connect(&mut s, primary, other);
        link_fault(&mut s, CUT_S, replica, primary, FaultAction::Partition);
        link_fault(&mut s, HEAL_S, primary, replica, FaultAction::Heal);
        let mut sim = Simulation::new(&s).expect("valid");
        run_checked(&mut sim, HEAL_S - 0.001, 500);
        let (cut, intact) = (backlog(&sim, replica), backlog(&sim, other));
        assert_eq!(sim.frame().cut_links, vec![(replica, primary)]);
        run_checked(&mut sim, HEAL_S + 0.1, 50);
        let after = backlog(&sim, replica);
        println!(
            "seed {seed}: {cut} behind over the cut link at the heal, {intact} over the intact one; {after} 100 ms after"
        );
        assert!(
            (cut / (w * (HEAL_S - CUT_S)) - 1.0).abs() < 0.06,
            "seed {seed}: {cut} behind against w·D = 6000"
        );
        assert!(
            intact < 10.0,
            "seed {seed}: {intact} behind over the intact link"
        );
        assert!(after < 10.0, "seed {seed}: {after} behind after the heal");
        assert_eq!(sim.summary().requests.failed, 0);
        assert!(sim.frame().cut_links.is_empty());
    }
}

#[test]
fn cutting_a_balancer_s_link_to_one_backend_fails_it_over_in_the_same_data_center() {
    // One load balancer, two web servers in one data center; the link to Web 2 is cut 20 → 40 s: requests sent
    // over it fail as "partition" until 3 checks (1 s apart) fail, then Web 1 takes them all.
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let lb = add(&mut s, ComponentKind::LoadBalancer);
    set(&mut s, users, "arrival_rate_per_s", 200.0);
    connect(&mut s, users, lb);
    let webs: Vec<NodeId> = (0..2)
        .map(|_| {
            let web = add(&mut s, ComponentKind::WebServer);
            choose(&mut s, web, "embedded_database", "yes");
            connect(&mut s, lb, web);
            web
        })
        .collect();
    link_fault(&mut s, 20.0, lb, webs[1], FaultAction::Partition);
    link_fault(&mut s, 40.0, lb, webs[1], FaultAction::Heal);
    let mut sim = Simulation::new(&s).expect("valid");
    run_checked(&mut sim, 60.0, 250);
    let f = sim.frame();
    let failing: Vec<f64> = f
        .windows
        .iter()
        .filter(|w| w.failed_by_cause[FailureCause::Partition.index()] > 0)
        .map(|w| w.start.as_secs_f64())
        .collect();
    println!("partition failures over the cut link in windows {failing:?}");
    assert!((20.0..21.0).contains(&failing[0]), "{failing:?}");
    assert!(
        (21.0..=24.0).contains(&failing[failing.len() - 1]),
        "{failing:?}"
    );
    assert_eq!(
        sim.summary().requests.failed,
        sim.summary().failed_by_cause["partition"]
    );
    assert!(f.log.iter().any(|e| e.message.contains("is restored")));
}

#[test]
fn a_link_fault_names_its_peer_in_files_and_goes_with_it() {
    let (mut s, replica) = primary_and_far_replica(10.0, 0.0, 1);
    let primary = s.nodes[2].id;
    fault(&mut s, 1.0, replica, FaultAction::Partition);
    let plain = serde_json::to_string(&s.faults).expect("json");
    assert!(!plain.contains("peer"), "{plain}");
    link_fault(&mut s, 2.0, replica, primary, FaultAction::Partition);
    let text = serde_json::to_string(&s).expect("json");
    let back: Scenario = serde_json::from_str(&text).expect("reads back");
    assert_eq!(back.faults, s.faults);
    assert_eq!(back.faults[1].peer, Some(primary));
    // Deleting the peer deletes the link's fault, not the other one.
    s.apply(Edit::DeleteNodes(vec![primary])).expect("delete");
    assert_eq!(s.faults.len(), 1);
    assert_eq!(s.faults[0].peer, None);
}
