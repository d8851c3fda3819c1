//! Autoscaling groups of web servers: target tracking adds instances when utilization runs over the target (after
//! their warm-up they take traffic and the errors stop), removes them when load drops, and the bill follows.

use crate::support::{add, connect, fault, run_checked, set};
use sim_core::model::ComponentKind;
use sim_core::scenario::FaultAction;
use sim_core::{NodeId, Scenario, Simulation};

struct Group {
    scenario: Scenario,
    web: NodeId,
    clients: Vec<NodeId>,
}

/// Two clients of `rate` rps each → an autoscaling web tier (800 rps per instance) → a large database.
fn group(rate: f64, max_instances: f64, target: f64) -> Group {
    let mut s = Scenario::default();
    let web = add(&mut s, ComponentKind::WebServer);
    let db = add(&mut s, ComponentKind::Database);
    set(&mut s, db, "workers", 256.0);
    set(&mut s, web, "max_instances", max_instances);
    set(&mut s, web, "target_utilization", target);
    set(&mut s, web, "warm_up_s", 20.0);
    set(&mut s, web, "cooldown_s", 30.0);
    connect(&mut s, web, db);
    let clients = (0..2)
        .map(|_| {
            let c = add(&mut s, ComponentKind::Client);
            set(&mut s, c, "arrival_rate_per_s", rate);
            connect(&mut s, c, web);
            c
        })
        .collect();
    Group {
        scenario: s,
        web,
        clients,
    }
}

fn instances(sim: &Simulation, web: NodeId) -> (u32, u32) {
    sim.frame()
        .node(web)
        .and_then(|n| n.instances)
        .expect("an autoscaling group")
}

#[test]
fn a_group_scales_out_until_the_errors_stop() {
    let t = group(1_000.0, 10.0, 0.6);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 5.0, 100);
    assert!(
        sim.summary().requests.failed > 0,
        "one instance (800 rps) cannot carry 2000 rps"
    );
    let web_cost = |sim: &Simulation| {
        sim.summary()
            .nodes
            .iter()
            .find(|n| n.id == t.web.0)
            .map(|n| n.cost_per_hour)
            .expect("web")
    };
    let cost_before = web_cost(&sim);
    run_checked(&mut sim, 240.0, 500);
    let failed = sim.summary().requests.failed;
    run_checked(&mut sim, 300.0, 500);
    let (running, warming) = instances(&sim, t.web);
    // 2000 rps / (800 rps × 0.6 target) ≈ 4.2 instances.
    assert!(
        (4..=8).contains(&running) && warming == 0,
        "{running} running, {warming} warming"
    );
    assert_eq!(
        sim.summary().requests.failed,
        failed,
        "no errors once the group is big enough"
    );
    let cost_after = web_cost(&sim);
    assert!(
        (cost_after - cost_before * f64::from(running)).abs() < 1e-9,
        "the web tier's bill follows its instances: {cost_before} → {cost_after}"
    );
    assert!(
        sim.frame()
            .log
            .iter()
            .any(|e| e.message.contains("starting"))
    );
}

#[test]
fn a_group_scales_in_when_load_drops_and_stops_at_its_maximum() {
    let mut t = group(1_000.0, 3.0, 0.8);
    fault(&mut t.scenario, 200.0, t.clients[1], FaultAction::Kill);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 200.0, 500);
    assert_eq!(instances(&sim, t.web).0, 3, "capped at the maximum");
    run_checked(&mut sim, 400.0, 500);
    let (running, _) = instances(&sim, t.web);
    // 1000 rps / (800 rps × 0.8 target) ≈ 1.6, so 2 instances suffice.
    assert!(running < 3, "{running} instances after the load halved");
    assert!(
        sim.frame()
            .log
            .iter()
            .any(|e| e.message.contains("stopping"))
    );
}
