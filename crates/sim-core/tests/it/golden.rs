//! Golden summaries: the full JSON summary of each preset run (and of the failover story) is pinned in
//! `tests/golden/`. A change of behaviour shows up as a diff to review; regenerate deliberately with
//! `UPDATE_GOLDEN=1 cargo test -p sim-core --test it golden`.
//!
//! `three_tier_seed1_10s.hash` is also read by the app's wasm test, which must compute the same trace hash in the
//! browser.

use crate::support::{fault, run};
use sim_core::scenario::{FaultAction, presets};
use sim_core::{Scenario, SimTime, Simulation};
use std::path::PathBuf;

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

fn check_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing golden {name}; run with UPDATE_GOLDEN=1 to create it"));
    assert!(
        expected == actual,
        "golden {name} differs:\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

fn summary_json(s: &Scenario, end_s: f64) -> String {
    let mut sim = Simulation::new(s).expect("valid");
    run(&mut sim, end_s);
    serde_json::to_string_pretty(&sim.summary()).expect("summary serializes") + "\n"
}

#[test]
fn preset_summaries_match_their_goldens() {
    for p in presets::ALL {
        check_golden(
            &format!("{}_seed1_60s.json", p.id),
            &summary_json(&presets::get(p.id).expect("preset"), 60.0),
        );
    }
}

#[test]
fn failover_summary_matches_its_golden() {
    let mut s = presets::get("three_tier").expect("preset");
    let web1 = s
        .nodes
        .iter()
        .find(|n| n.label == "Web 1")
        .expect("Web 1")
        .id;
    fault(&mut s, 20.0, web1, FaultAction::Kill);
    fault(&mut s, 40.0, web1, FaultAction::Restore);
    check_golden(
        "three_tier_failover_seed1_60s.json",
        &summary_json(&s, 60.0),
    );
}

#[test]
fn the_wasm_test_s_reference_hash_matches_native() {
    let mut sim = Simulation::new(&presets::get("three_tier").expect("preset")).expect("valid");
    sim.step_until(SimTime(10_000_000), u64::MAX);
    check_golden(
        "three_tier_seed1_10s.hash",
        &format!("{:016x}\n", sim.trace_hash()),
    );
}
