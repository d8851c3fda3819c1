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
    assert_eq!(f.edges.len(), s.edges.len());
    for (e, d) in f.edges.iter().zip(&s.edges) {
        assert_eq!((e.from, e.to), (d.from, d.to), "document order");
    }
    // Every request reaching a node arrives along one of its incoming edges (three_tier has no shortcut).
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
