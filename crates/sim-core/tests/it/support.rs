//! Helpers shared by the integration tests: building small scenarios with edits, and stepping a run while
//! checking every invariant after each step.

use sim_core::id::NodeId;
use sim_core::model::ComponentKind;
use sim_core::scenario::{Edit, FaultAction, FaultEvent};
use sim_core::{Scenario, SimTime, Simulation};

/// Adds a node and returns its id.
pub fn add(s: &mut Scenario, kind: ComponentKind) -> NodeId {
    s.apply(Edit::AddNode {
        kind,
        x: 0.0,
        y: 0.0,
    })
    .expect("add node")
    .added
    .expect("new id")
}

/// Sets a numeric setting, panicking with the refusal if it is out of range.
pub fn set(s: &mut Scenario, node: NodeId, field: &str, value: f64) {
    s.apply(Edit::SetNumber {
        node,
        field: field.to_owned(),
        value,
    })
    .unwrap_or_else(|e| panic!("{field}: {e}"));
}

/// Sets a choice setting.
pub fn choose(s: &mut Scenario, node: NodeId, field: &str, option: &str) {
    s.apply(Edit::SetChoice {
        node,
        field: field.to_owned(),
        option: option.to_owned(),
    })
    .expect("choice");
}

/// Connects two nodes.
pub fn connect(s: &mut Scenario, from: NodeId, to: NodeId) {
    s.apply(Edit::Connect { from, to }).expect("connect");
}

/// Adds a fault at `at_s` seconds.
pub fn fault(s: &mut Scenario, at_s: f64, node: NodeId, action: FaultAction) {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let at_us = (at_s * 1e6) as u64;
    s.apply(Edit::AddFault(FaultEvent {
        at_us,
        node,
        action,
        peer: None,
    }))
    .expect("fault");
}

/// Runs to `end_s` in steps of `step_ms`, checking invariants after every step.
pub fn run_checked(sim: &mut Simulation, end_s: f64, step_ms: u64) {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let end = (end_s * 1e6) as u64;
    let mut t = sim.now().as_us();
    while t < end {
        t = (t + step_ms * 1_000).min(end);
        let out = sim.step_until(SimTime(t), u64::MAX);
        assert!(out.reached);
        if let Err(v) = sim.check_invariants() {
            panic!(
                "invariants broken at {t} µs (seed {}):\n{}",
                sim.seed(),
                v.join("\n")
            );
        }
    }
}

/// Runs to `end_s` in one call.
pub fn run(sim: &mut Simulation, end_s: f64) {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    sim.step_until(SimTime((end_s * 1e6) as u64), u64::MAX);
}
