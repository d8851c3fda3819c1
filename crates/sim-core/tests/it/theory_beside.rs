//! Theory beside the measurement (`Simulation::theory`) on the presets: where every assumption holds, the
//! measured value lands within a stated statistical tolerance of the prediction; where one does not, the row
//! names it instead of giving a number.
//!
//! Tolerances: a 120 s run of `separate_db` completes ~48 000 requests at its web server; the batch-means standard
//! error of the mean wait there is about 8 % of the mean (measured over seeds 1–8 with 40 batches, as in
//! `theory.rs`), so 4 standard errors is 30 %; P(wait) is a share of ~48 000 correlated samples, within 20 %
//! relative. Utilization is an average of ~48 000 services (relative standard error 1/√n ≈ 0.5 %): within 0.02.

use crate::support::{fault, run, set};
use sim_core::scenario::{FaultAction, presets};
use sim_core::theory::{Broken, NodeTheory, Outcome, Quantity, TheoryCheck};
use sim_core::{Scenario, Simulation};

fn theory_of(s: &Scenario, seconds: f64) -> Vec<(String, NodeTheory)> {
    let mut sim = Simulation::new(s).expect("valid");
    run(&mut sim, seconds);
    sim.theory(s)
        .into_iter()
        .map(|t| (s.node(t.node).expect("node").label.clone(), t))
        .collect()
}

fn row<'a>(t: &'a [(String, NodeTheory)], label: &str, q: Quantity) -> &'a TheoryCheck {
    t.iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("no node {label}"))
        .1
        .checks
        .iter()
        .find(|c| c.quantity == q)
        .unwrap_or_else(|| panic!("{label} has no {q:?} row"))
}

/// The prediction of a row that must have one, printed beside the measurement.
fn predicted(label: &str, c: &TheoryCheck) -> f64 {
    let p = c
        .outcome
        .predicted()
        .unwrap_or_else(|| panic!("{label} {:?}: no prediction: {:?}", c.quantity, c.outcome));
    eprintln!(
        "{label} {:?}: measured {:.4}, predicted {p:.4} ({})",
        c.quantity, c.measured, c.formula
    );
    p
}

fn broken(c: &TheoryCheck) -> Option<&Broken> {
    match &c.outcome {
        Outcome::Broken { assumption, .. } => Some(assumption),
        Outcome::Predicted { .. } => None,
    }
}

#[test]
fn a_poisson_fed_web_server_waits_as_erlang_c_predicts() {
    let s = presets::get("separate_db").expect("preset");
    let t = theory_of(&s, 120.0);
    let web = "Web server";
    let u = row(&t, web, Quantity::Utilization);
    assert!((u.measured - predicted(web, u)).abs() < 0.02);
    let p = row(&t, web, Quantity::WaitProbability);
    let want = predicted(web, p);
    assert!(
        (p.measured - want).abs() <= 0.2 * want,
        "P(wait) {} vs {want}",
        p.measured
    );
    let w = row(&t, web, Quantity::WaitMsMean);
    let want = predicted(web, w);
    assert!(
        (w.measured - want).abs() <= 0.3 * want,
        "wait {} vs {want}",
        w.measured
    );
    let l = row(&t, web, Quantity::InStationMean);
    assert!((l.measured - predicted(web, l)).abs() <= 0.01 * l.measured);
}

#[test]
fn three_tier_agrees_where_it_can_and_names_the_broken_assumptions() {
    let s = presets::get("three_tier").expect("preset");
    let t = theory_of(&s, 60.0);
    for web in ["Web 1", "Web 2"] {
        let u = row(&t, web, Quantity::Utilization);
        assert!((u.measured - predicted(web, u)).abs() < 0.02);
        let l = row(&t, web, Quantity::InStationMean);
        assert!((l.measured - predicted(web, l)).abs() <= 0.01 * l.measured);
        assert_eq!(
            broken(row(&t, web, Quantity::WaitProbability)),
            Some(&Broken::RoundRobinArrivals)
        );
    }
    let db = row(&t, "Database", Quantity::Utilization);
    assert!((db.measured - predicted("Database", db)).abs() < 0.02);
    assert_eq!(
        broken(row(&t, "Database", Quantity::WaitMsMean)),
        Some(&Broken::MixedService)
    );
    assert!(
        t.iter()
            .filter(|(l, _)| l == "Users" || l == "Load balancer")
            .all(|(_, n)| n.checks.is_empty())
    );
}

#[test]
fn the_cache_preset_hits_as_che_predicts_with_invalidating_writes() {
    let s = presets::get("cache").expect("preset");
    let t = theory_of(&s, 120.0);
    let h = row(&t, "Cache", Quantity::HitRatio);
    // 137 000 lookups: binomial standard error 0.0013; cold misses of ~1 000 entries cost under 0.01.
    assert!((h.measured - predicted("Cache", h)).abs() < 0.015);
    assert!(h.formula.contains("Che"));
}

#[test]
fn a_key_space_too_large_to_evaluate_says_so() {
    let mut s = presets::get("cache").expect("preset");
    let users = s
        .nodes
        .iter()
        .find(|n| n.label == "Users")
        .expect("users")
        .id;
    s.apply(sim_core::scenario::Edit::SetNumber {
        node: users,
        field: "key_count".into(),
        value: f64::from(sim_core::theory::CACHE_KEYS_MAX) + 1.0,
    })
    .expect("in range");
    let t = theory_of(&s, 5.0);
    assert!(matches!(
        broken(row(&t, "Cache", Quantity::HitRatio)),
        Some(Broken::TooManyKeys { .. })
    ));
}

#[test]
fn writes_lost_on_failover_stay_under_w_times_l() {
    let mut s = presets::get("replication").expect("preset");
    let primary = s
        .nodes
        .iter()
        .find(|n| n.label == "Primary")
        .expect("primary")
        .id;
    let t = theory_of(&s, 5.0);
    assert_eq!(
        broken(row(&t, "Primary", Quantity::WritesLostPerFailover)),
        Some(&Broken::NoFailover)
    );
    fault(&mut s, 20.0, primary, FaultAction::Kill);
    let t = theory_of(&s, 40.0);
    let c = row(&t, "Primary", Quantity::WritesLostPerFailover);
    let want = predicted("Primary", c);
    // Writes in transit at an instant are Poisson with mean w·L (M/G/∞); the promoted replica lacks at most
    // that many. Four standard deviations above, and not nothing.
    assert!(
        c.measured > 0.0 && c.measured <= want + 4.0 * want.sqrt(),
        "{} vs {want}",
        c.measured
    );
    assert_eq!(
        broken(row(&t, "Web 1", Quantity::Utilization)),
        Some(&Broken::Faults)
    );
}

#[test]
fn keys_moved_by_adding_a_shard_match_consistent_hashing() {
    let mut s = presets::get("sharding").expect("preset");
    let router = s
        .nodes
        .iter()
        .find(|n| n.label == "Shard router")
        .expect("router")
        .id;
    fault(&mut s, 2.0, router, FaultAction::AddShard);
    let t = theory_of(&s, 3.0);
    let c = row(&t, "Shard router", Quantity::KeysMovedFraction);
    assert!((c.measured - predicted("Shard router", c)).abs() < 0.05);
}

#[test]
fn keys_moved_by_doubling_the_shards_are_half_over_the_whole_step() {
    // The sharding preset on 2 of its 5 databases, doubled to 4 in one step: theory |4 − 2| / 4 = 1/2 for the
    // whole step; the preset's ring (seed 1, 100 virtual nodes) is one draw, within 0.1 (σ ≈ 1/√200 relative).
    let mut s = presets::get("sharding").expect("preset");
    let router = s
        .nodes
        .iter()
        .find(|n| n.label == "Shard router")
        .expect("router")
        .id;
    set(&mut s, router, "active_shards", 2.0);
    fault(&mut s, 2.0, router, FaultAction::DoubleShards);
    let t = theory_of(&s, 3.0);
    let c = row(&t, "Shard router", Quantity::KeysMovedFraction);
    let p = predicted("Shard router", c);
    assert!((p - 0.5).abs() < 1e-12, "{p}");
    assert!((c.measured - p).abs() < 0.1, "{}", c.measured);
}

#[test]
fn broken_assumptions_are_named_instead_of_a_number() {
    let mut s = presets::get("separate_db").expect("preset");
    let web = s
        .nodes
        .iter()
        .find(|n| n.label == "Web server")
        .expect("web")
        .id;
    let t = theory_of(&s, 0.5);
    assert!(matches!(
        broken(row(&t, "Web server", Quantity::WaitProbability)),
        Some(Broken::TooFewSamples { need: 1_000, .. })
    ));
    s.apply(sim_core::scenario::Edit::SetChoice {
        node: web,
        field: "service_distribution".into(),
        option: "constant".into(),
    })
    .expect("edit");
    let t = theory_of(&s, 10.0);
    let c = row(&t, "Web server", Quantity::WaitProbability);
    assert_eq!(broken(c), Some(&Broken::NotExponential));
    assert!(matches!(&c.outcome, Outcome::Broken { why, .. } if why.contains("M/D/c")));
}

#[test]
fn the_cdn_preset_hits_as_che_predicts_with_its_ttl() {
    let s = presets::get("cdn").expect("preset");
    let t = theory_of(&s, 120.0);
    let h = row(&t, "CDN", Quantity::HitRatio);
    // ~72 000 lookups of 1 000 files: binomial standard error under 0.002; the cold misses of the files the
    // cache ends up holding cost about 0.01 of a 120 s run.
    assert!((h.measured - predicted("CDN", h)).abs() < 0.02);
    assert!(h.formula.contains("TTL"));
}

#[test]
fn a_small_cdn_with_a_short_ttl_hits_as_predicted() {
    let mut s = presets::get("cdn").expect("preset");
    let cdn = s.nodes.iter().find(|n| n.label == "CDN").expect("cdn").id;
    for (field, value) in [("capacity_assets", 100.0), ("ttl_s", 2.0)] {
        s.apply(sim_core::scenario::Edit::SetNumber {
            node: cdn,
            field: field.into(),
            value,
        })
        .expect("in range");
    }
    let t = theory_of(&s, 120.0);
    let h = row(&t, "CDN", Quantity::HitRatio);
    // Both the capacity (100 of 1 000 files) and the TTL (2 s at 600 lookups/s) end cached periods here, where
    // taking the smaller of the two shares is only an approximation: within 0.03.
    assert!((h.measured - predicted("CDN", h)).abs() < 0.03);
}

#[test]
fn a_shaped_client_leaves_no_steady_state_to_predict() {
    let mut s = presets::get("separate_db").expect("preset");
    let users = s
        .nodes
        .iter()
        .find(|n| n.kind() == sim_core::model::ComponentKind::Client)
        .expect("users")
        .id;
    s.apply(sim_core::scenario::Edit::SetChoice {
        node: users,
        field: "traffic".into(),
        option: "daily_cycle".into(),
    })
    .expect("edit");
    let t = theory_of(&s, 30.0);
    let c = row(&t, "Web server", Quantity::WaitMsMean);
    assert_eq!(broken(c), Some(&Broken::TrafficChanges));
}
