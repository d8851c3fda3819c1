//! What the watching views draw from: requests per edge and kind, failures per node and cause, and the
//! replication lag of each window. These are counters the engine never reads, so they must agree with the node
//! counters and must not change a run.

use crate::support::{fault, run};
use sim_core::metrics::{EdgeFrame, FailureCause, RequestKind};
use sim_core::scenario::{FaultAction, presets};
use sim_core::{NodeId, Scenario, Simulation};

fn preset(id: &str) -> Scenario {
    presets::get(id).expect("preset")
}

fn id(s: &Scenario, label: &str) -> NodeId {
    s.nodes.iter().find(|n| n.label == label).expect(label).id
}

#[test]
fn every_edge_is_in_the_frame_and_edges_carry_what_their_receivers_count() {
    let s = preset("three_tier");
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 10.0);
    let f = sim.frame();
    assert!(f.edges.len() >= s.edges.len());
    for (e, d) in f.edges.iter().zip(&s.edges) {
        assert_eq!((e.from, e.to), (d.from, d.to), "document order");
        assert!(!e.routed);
    }
    // Every request reaching a node arrives along one of its incoming edges or routes.
    for n in &f.nodes {
        let inbound: u64 = f
            .edges
            .iter()
            .filter(|e| e.to == n.id)
            .map(EdgeFrame::sent)
            .sum();
        if f.edges.iter().any(|e| e.to == n.id) {
            assert_eq!(inbound, n.arrived, "node {}", n.id);
        }
    }
    // The rate of the last window is about the clients' rate on the first edge.
    let lb = id(&s, "Load balancer");
    let into_lb: f64 = f
        .edges
        .iter()
        .filter(|e| e.to == lb)
        .map(EdgeFrame::rate_per_s)
        .sum();
    let rps = f.windows.last().expect("windows").throughput_rps;
    assert!((into_lb - rps).abs() < 0.2 * rps, "{into_lb} vs {rps}");
}

#[test]
fn reads_and_writes_are_told_apart() {
    let s = preset("three_tier");
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 5.0);
    let f = sim.frame();
    let db = id(&s, "Database");
    let into_db: [u64; 4] = f
        .edges
        .iter()
        .filter(|e| e.to == db)
        .fold([0; 4], |mut a, e| {
            for (sum, n) in a.iter_mut().zip(e.sent_by_kind) {
                *sum += n;
            }
            a
        });
    assert!(into_db[RequestKind::Read.index()] > 0);
    assert!(into_db[RequestKind::Write.index()] > 0);
}

#[test]
fn jobs_and_static_files_have_their_own_kind() {
    let s = preset("queue");
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 10.0);
    let f = sim.frame();
    let e = f
        .edge(id(&s, "Job queue"), id(&s, "Workers"))
        .expect("queue → workers edge");
    assert!(e.sent_by_kind[RequestKind::Job.index()] > 0, "{e:?}");
    assert_eq!(e.sent(), e.sent_by_kind[RequestKind::Job.index()]);

    let s = preset("cdn");
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 10.0);
    let f = sim.frame();
    let e = f
        .edge(id(&s, "Users"), id(&s, "CDN"))
        .expect("users → CDN edge");
    assert!(e.sent_by_kind[RequestKind::Static.index()] > 0, "{e:?}");
    assert_eq!(e.sent(), e.sent_by_kind[RequestKind::Static.index()]);
}

#[test]
fn failures_by_cause_add_up_to_the_failures_at_each_node() {
    let mut s = preset("three_tier");
    let (web1, db) = (id(&s, "Web 1"), id(&s, "Database"));
    fault(&mut s, 5.0, web1, FaultAction::Kill);
    fault(&mut s, 15.0, db, FaultAction::Kill);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 20.0);
    let f = sim.frame();
    for n in &f.nodes {
        assert_eq!(
            n.failed_here_by_cause.iter().sum::<u64>(),
            n.failed_here,
            "node {}",
            n.id
        );
    }
    let w = f.node(web1).expect("web 1");
    assert!(w.failed_here_by_cause[FailureCause::NodeDown.index()] > 0);
}

#[test]
fn windows_carry_the_replication_lag_only_with_replicas() {
    let s = preset("replication");
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 10.0);
    let f = sim.frame();
    assert!(
        f.windows
            .iter()
            .all(|w| w.replica_behind_writes_max.is_some())
    );

    let mut sim = Simulation::new(&preset("three_tier")).expect("valid");
    run(&mut sim, 3.0);
    assert!(
        sim.frame()
            .windows
            .iter()
            .all(|w| w.replica_behind_writes_max.is_none())
    );
}

#[test]
fn windows_carry_the_cdn_hit_ratio_only_with_a_cdn() {
    let mut sim = Simulation::new(&preset("cdn")).expect("valid");
    run(&mut sim, 10.0);
    let f = sim.frame();
    let last = f.windows.last().expect("windows");
    assert!(last.cdn_hit_ratio.is_some_and(|h| h > 0.5), "{last:?}");
    assert!(last.cost_usd_per_hour > 0.0);

    let mut sim = Simulation::new(&preset("three_tier")).expect("valid");
    run(&mut sim, 3.0);
    assert!(
        sim.frame()
            .windows
            .iter()
            .all(|w| w.cdn_hit_ratio.is_none())
    );
}

/// Sum of `kind` sent along every edge or route from `from` to `to`.
fn sent(f: &sim_core::metrics::Frame, from: NodeId, to: NodeId, kind: RequestKind) -> u64 {
    f.edge(from, to).map_or(0, |e| e.sent_by_kind[kind.index()])
}

#[test]
fn requests_go_from_the_browser_to_the_address_dns_gave_not_through_the_dns() {
    let s = preset("three_tier");
    let (users, dns, lb) = (id(&s, "Users"), id(&s, "DNS"), id(&s, "Load balancer"));
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 10.0);
    let f = sim.frame();
    let lookups = f.edge(users, dns).expect("users → DNS").sent();
    let direct = f.edge(users, lb).expect("a route users → load balancer");
    assert!(direct.routed, "{direct:?}");
    assert_eq!(
        f.edge(dns, lb).expect("DNS → load balancer edge").sent(),
        0,
        "a DNS answers lookups and forwards nothing"
    );
    assert_eq!(direct.sent(), f.node(lb).expect("lb").arrived);
    assert!(
        lookups > 0 && lookups < direct.sent() / 5,
        "browsers cache answers: {lookups} lookups for {} requests",
        direct.sent()
    );
}

#[test]
fn after_a_promotion_writes_go_to_the_new_primary_and_reads_to_the_replicas() {
    let mut s = preset("replication");
    let primary = id(&s, "Primary");
    let replicas = [id(&s, "Replica 1"), id(&s, "Replica 2")];
    let webs = [id(&s, "Web 1"), id(&s, "Web 2")];
    fault(&mut s, 10.0, primary, FaultAction::Kill);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 9.0);
    let before = sim.frame();
    assert_eq!(before.replica_sets.len(), 1);
    assert_eq!(before.replica_sets[0].primary, primary);
    assert!(!before.replica_sets[0].promoted());
    // Reads travel from the web servers straight to the replicas, not through the primary.
    for r in replicas {
        assert_eq!(sent(&before, primary, r, RequestKind::Read), 0);
        let reads: u64 = webs
            .iter()
            .map(|&w| sent(&before, w, r, RequestKind::Read))
            .sum();
        assert!(reads > 0, "reads reach {r}");
    }

    run(&mut sim, 40.0);
    let after = sim.frame();
    let set = &after.replica_sets[0];
    assert!(set.promoted(), "{set:?}");
    assert!(replicas.contains(&set.primary));
    assert_eq!(
        set.members[0], primary,
        "the configured primary stays listed first"
    );
    // Writes after the promotion go from the web servers to the new primary, never out of the dead one.
    let new_primary = set.primary;
    let writes_to_new: u64 = webs
        .iter()
        .map(|&w| sent(&after, w, new_primary, RequestKind::Write))
        .sum();
    assert!(writes_to_new > 0, "writes reach the promoted replica");
    for r in replicas {
        for kind in RequestKind::ALL {
            assert_eq!(
                sent(&after, primary, r, kind),
                0,
                "nothing leaves the dead primary"
            );
        }
    }
}

#[test]
fn a_resharding_says_which_shards_copy_keys_to_which() {
    let mut s = preset("sharding");
    let router = id(&s, "Shard router");
    let new = id(&s, "Shard 5");
    fault(&mut s, 5.0, router, FaultAction::AddShard);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 4.0);
    assert!(
        sim.frame()
            .node(router)
            .expect("router")
            .migration_flows
            .is_empty()
    );
    run(&mut sim, 6.0);
    let f = sim.frame();
    let flows = &f.node(router).expect("router").migration_flows;
    assert!(!flows.is_empty(), "keys are being copied");
    assert!(
        flows.iter().all(|&(from, to)| to == new && from != new),
        "{flows:?}"
    );
    run(&mut sim, 120.0);
    assert!(
        sim.frame()
            .node(router)
            .expect("router")
            .migration_flows
            .is_empty(),
        "done copying"
    );
}

#[test]
fn a_frame_can_carry_only_the_windows_and_log_a_view_shows() {
    let mut s = preset("three_tier");
    let web = id(&s, "Web 1");
    fault(&mut s, 70.0, web, FaultAction::Kill);
    fault(&mut s, 75.0, web, FaultAction::Restore);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 90.0);
    let (full, short) = (sim.frame(), sim.frame_last(60, 1));
    assert_eq!(full.windows.len(), 90);
    assert_eq!(short.windows, full.windows[30..]);
    assert_eq!(short.log, full.log[full.log.len() - 1..]);
    assert_eq!((short.nodes, short.edges), (full.nodes, full.edges));
}
