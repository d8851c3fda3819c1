//! A replica's apply rate (`apply_rate_per_s` on the primary): each replica applies writes in commit order through
//! one applier with exponential apply times of mean 1/r. With no shipping delay and Poisson commits at rate w (the
//! primary is an M/M/c station, so its departures are Poisson by Burke's theorem) the applier is an M/M/1 queue:
//! the mean time from commit to applied is 1/(r − w) (Kleinrock, Queueing Systems I, 1975, §3.2), and when writes
//! outpace it the backlog grows as (w − r)·t.

use crate::support::{add, connect, run, set};
use sim_core::model::ComponentKind;
use sim_core::summary::NodeSummary;
use sim_core::{NodeId, Scenario, Simulation};

/// Client (writes only, `writes_per_s`) → web → primary → one replica applying `apply_per_s`, no shipping delay.
fn writes_to_one_replica(writes_per_s: f64, apply_per_s: f64, seed: u64) -> (Scenario, NodeId) {
    let mut s = Scenario {
        seed,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let primary = add(&mut s, ComponentKind::Database);
    let replica = add(&mut s, ComponentKind::Replica);
    set(&mut s, users, "arrival_rate_per_s", writes_per_s);
    set(&mut s, users, "read_fraction", 0.0);
    set(&mut s, web, "workers", 64.0);
    set(&mut s, web, "service_time_ms", 1.0);
    set(&mut s, primary, "workers", 32.0);
    set(&mut s, primary, "write_time_ms", 1.0);
    set(&mut s, primary, "replication_lag_ms", 0.0);
    set(&mut s, primary, "apply_rate_per_s", apply_per_s);
    connect(&mut s, users, web);
    connect(&mut s, web, primary);
    connect(&mut s, primary, replica);
    (s, replica)
}

fn node(sim: &Simulation, id: NodeId) -> NodeSummary {
    sim.summary()
        .nodes
        .into_iter()
        .find(|n| n.id == id.0)
        .expect("node in the summary")
}

/// Mean lag over seeds 1–4 of `seconds` each against 1/(r − w): each seed within `per_seed`, their mean within
/// `pooled` (relative).
fn check_mm1_lag(w: f64, r: f64, seconds: f64, per_seed: f64, pooled: f64) {
    let theory_ms = 1e3 / (r - w);
    let mut mean_of_seeds = 0.0;
    for seed in 1..=4 {
        let (s, replica) = writes_to_one_replica(w, r, seed);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, seconds);
        let n = node(&sim, replica);
        let mean = n.replication_lag_ms_mean.expect("writes were shipped");
        println!(
            "w = {w}/s, r = {r}/s, seed {seed}: mean lag {mean:.3} ms (1/(r − w) = {theory_ms} ms), max {:?} ms",
            n.replication_lag_ms_max
        );
        assert!(
            (mean / theory_ms - 1.0).abs() < per_seed,
            "seed {seed}: mean lag {mean:.3} ms against 1/(r − w) = {theory_ms} ms (tolerance {per_seed})"
        );
        mean_of_seeds += mean / 4.0;
    }
    assert!(
        (mean_of_seeds / theory_ms - 1.0).abs() < pooled,
        "mean over seeds 1–4 {mean_of_seeds:.3} ms against {theory_ms} ms (tolerance {pooled})"
    );
}

#[test]
fn the_mean_replication_lag_is_m_m_1s_sojourn_1_over_r_minus_w() {
    // w = 400/s, r = 500/s: ρ = 0.8, 1/(r − w) = 10 ms. The M/M/1 sample mean converges slowly near saturation
    // (its variance grows as 1/(1 − ρ)⁴): over 1 500 s (600 000 writes) a seed's standard error is about 1.1 %.
    check_mm1_lag(400.0, 500.0, 1_500.0, 0.05, 0.025);
    // ρ = 0.5: 1/(r − w) = 4 ms, standard error about 0.5 % a seed over 500 s.
    check_mm1_lag(250.0, 500.0, 500.0, 0.03, 0.015);
}

#[test]
fn without_an_apply_rate_a_replica_without_shipping_delay_is_never_behind() {
    let (s, replica) = writes_to_one_replica(400.0, 0.0, 1);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 20.0);
    let r = node(&sim, replica);
    assert_eq!(r.replication_lag_ms_mean, Some(0.0));
    assert_eq!(r.replication_backlog_writes, Some(0));
}

#[test]
fn when_writes_outpace_the_applier_the_backlog_grows_as_w_minus_r_times_t() {
    // w = 600/s, r = 500/s: the backlog gains (w − r) = 100 writes a second; over 20 → 60 s that is 4 000, with a
    // standard deviation of about √((w + r)·40 s) ≈ 210 (both counts are Poisson-like).
    for seed in 1..=3 {
        let (s, replica) = writes_to_one_replica(600.0, 500.0, seed);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 20.0);
        let at_20 = node(&sim, replica)
            .replication_backlog_writes
            .expect("a replica");
        run(&mut sim, 60.0);
        let at_60 = node(&sim, replica)
            .replication_backlog_writes
            .expect("a replica");
        let (at_20, at_60) = (
            f64::from(u32::try_from(at_20).expect("a backlog of a minute fits u32")),
            f64::from(u32::try_from(at_60).expect("a backlog of a minute fits u32")),
        );
        let grown = at_60 - at_20;
        println!("seed {seed}: backlog {at_20} at 20 s, {at_60} at 60 s (+{grown}, theory +4000)");
        assert!(
            (grown / 4_000.0 - 1.0).abs() < 0.15,
            "seed {seed}: backlog grew by {grown} from 20 to 60 s against (w − r)·40 s = 4000 (tolerance 15 %)"
        );
        assert!(
            (at_60 / 6_000.0 - 1.0).abs() < 0.15,
            "seed {seed}: backlog {at_60} at 60 s against (w − r)·60 s = 6000 (tolerance 15 %)"
        );
    }
}
