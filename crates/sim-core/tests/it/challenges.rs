//! The presets' challenges: each fails as shipped, for the reason the chapter teaches, and passes once the
//! student applies the fix — so the grading can fail and can pass.

use crate::support::{choose, set};
use sim_core::scenario::presets;
use sim_core::verdict::Verdict;
use sim_core::{Scenario, SimTime, Simulation};

fn grade(s: &Scenario) -> Verdict {
    let graded = s.for_grading();
    let mut sim = Simulation::new(&graded).expect("valid");
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    sim.step_until(SimTime((graded.duration_s * 1e6) as u64), u64::MAX);
    sim.grade(s.challenge.as_ref().expect("a challenge"))
}

fn id(s: &Scenario, label: &str) -> sim_core::NodeId {
    s.nodes.iter().find(|n| n.label == label).expect(label).id
}

fn failed_checks(v: &Verdict) -> Vec<&'static str> {
    v.checks
        .iter()
        .filter(|c| !c.pass)
        .map(|c| c.name)
        .collect()
}

#[test]
fn single_server_passes_only_after_scaling_up() {
    let mut s = presets::get("single_server").expect("preset");
    let users = id(&s, "Users");
    set(&mut s, users, "arrival_rate_per_s", 1_000.0);
    let v = grade(&s);
    // One small server (800 rps) refuses a third of 1000 rps: its bounded queue keeps the p99 of the rest low.
    assert_eq!(
        failed_checks(&v),
        ["max_error_ratio", "min_throughput_rps"],
        "{v:#?}"
    );
    let server = id(&s, "Server");
    choose(&mut s, server, "instance_size", "xlarge");
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

#[test]
fn three_tier_passes_once_the_load_balancer_notices_faster() {
    let mut s = presets::get("three_tier").expect("preset");
    let v = grade(&s);
    assert_eq!(failed_checks(&v), ["max_error_ratio"]);
    assert!(
        v.checks[0].explanation.contains("health check"),
        "{}",
        v.checks[0].explanation
    );
    let lb = id(&s, "Load balancer");
    set(&mut s, lb, "health_check_interval_ms", 250.0);
    set(&mut s, lb, "unhealthy_threshold", 2.0);
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

#[test]
fn replication_passes_with_semi_synchronous_replication() {
    let mut s = presets::get("replication").expect("preset");
    let v = grade(&s);
    assert_eq!(failed_checks(&v), ["max_lost_writes"]);
    let primary = id(&s, "Primary");
    choose(&mut s, primary, "replication", "semi_synchronous");
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

#[test]
fn the_injected_faults_are_part_of_the_graded_run_only() {
    let s = presets::get("three_tier").expect("preset");
    assert!(
        s.faults.is_empty(),
        "the interactive scenario has no scripted failure"
    );
    assert_eq!(s.for_grading().faults.len(), 1);
}

#[test]
fn faults_clicked_while_exploring_do_not_change_the_grade() {
    let s = presets::get("three_tier").expect("preset");
    let shipped = grade(&s);
    assert!(!shipped.pass);
    // Killing Web 1 before the measured window would hide the failover the challenge tests.
    let mut played = s.clone();
    let web1 = played
        .nodes
        .iter()
        .find(|n| n.label == "Web 1")
        .expect("Web 1")
        .id;
    played.faults.push(sim_core::scenario::FaultEvent {
        at_us: 1_000_000,
        node: web1,
        action: sim_core::scenario::FaultAction::Kill,
    });
    assert_eq!(played.for_grading().faults, s.for_grading().faults);
    assert_eq!(grade(&played), shipped);
}
