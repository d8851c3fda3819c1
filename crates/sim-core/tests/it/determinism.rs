//! Same scenario + seed → same run, however time is sliced, and a fault clicked during a run replays exactly
//! from the recorded document.

use crate::support::{fault, run};
use sim_core::id::NodeId;
use sim_core::scenario::{Edit, FaultAction, presets};
use sim_core::{Scenario, SimTime, Simulation};

fn three_tier_with_faults(seed: u64) -> Scenario {
    let mut s = presets::get("three_tier").expect("preset");
    s.seed = seed;
    let web1 = s
        .nodes
        .iter()
        .find(|n| n.label == "Web 1")
        .expect("Web 1")
        .id;
    fault(&mut s, 5.0, web1, FaultAction::Kill);
    fault(&mut s, 12.0, web1, FaultAction::Restore);
    s
}

fn hash_sliced(s: &Scenario, end_us: u64, slice_us: u64, budget: u64) -> u64 {
    let mut sim = Simulation::new(s).expect("valid");
    let mut t = 0;
    while t < end_us {
        t = (t + slice_us).min(end_us);
        while !sim.step_until(SimTime(t), budget).reached {}
    }
    sim.trace_hash()
}

#[test]
fn slicing_time_differently_gives_the_same_trace() {
    let s = three_tier_with_faults(1);
    let end = 20_000_000;
    let h1 = hash_sliced(&s, end, 1_000, u64::MAX);
    assert_eq!(h1, hash_sliced(&s, end, 16_000, u64::MAX), "16 ms slices");
    assert_eq!(h1, hash_sliced(&s, end, 250_000, u64::MAX), "250 ms slices");
    assert_eq!(h1, hash_sliced(&s, end, 250_000, 97), "a tiny event budget");
    assert_eq!(h1, hash_sliced(&s, end, end, u64::MAX), "one call");
}

#[test]
fn another_seed_gives_another_trace_and_the_same_seed_the_same() {
    let a = hash_sliced(&three_tier_with_faults(1), 5_000_000, 5_000_000, u64::MAX);
    let b = hash_sliced(&three_tier_with_faults(2), 5_000_000, 5_000_000, u64::MAX);
    let a2 = hash_sliced(&three_tier_with_faults(1), 5_000_000, 5_000_000, u64::MAX);
    assert_ne!(a, b);
    assert_eq!(a, a2);
}

#[test]
fn a_fault_clicked_during_a_run_replays_exactly_from_the_document() {
    let mut doc = presets::get("three_tier").expect("preset");
    let web2 = doc
        .nodes
        .iter()
        .find(|n| n.label == "Web 2")
        .expect("Web 2")
        .id;
    let mut live = Simulation::new(&doc).expect("valid");
    // The user clicks Kill at an arbitrary frame boundary, then Restore later.
    live.step_until(SimTime(3_216_667), u64::MAX);
    let kill = live.inject(web2, FaultAction::Kill).expect("node in run");
    doc.apply(Edit::AddFault(kill)).expect("record");
    live.step_until(SimTime(7_500_001), 1_000);
    while !live.step_until(SimTime(7_500_001), 1_000).reached {}
    let restore = live
        .inject(web2, FaultAction::Restore)
        .expect("node in run");
    doc.apply(Edit::AddFault(restore)).expect("record");
    run(&mut live, 15.0);

    let mut replay = Simulation::new(&doc).expect("valid");
    run(&mut replay, 15.0);
    assert_eq!(live.trace_hash(), replay.trace_hash());
    assert_eq!(live.summary(), replay.summary());
    assert!(live.inject(NodeId(999), FaultAction::Kill).is_err());
}

#[test]
fn adding_a_fault_does_not_reshuffle_traffic_before_it() {
    // Arrivals and keys have their own streams: a fault late in the run leaves earlier traffic identical.
    let plain = presets::get("three_tier").expect("preset");
    let mut faulty = plain.clone();
    let web1 = faulty
        .nodes
        .iter()
        .find(|n| n.label == "Web 1")
        .expect("Web 1")
        .id;
    fault(&mut faulty, 9.0, web1, FaultAction::Kill);
    let h = |s: &Scenario| {
        let mut sim = Simulation::new(s).expect("valid");
        run(&mut sim, 8.0);
        sim.trace_hash()
    };
    assert_eq!(h(&plain), h(&faulty));
}
