//! Read-your-writes routing on the primary: a user's reads go to the primary for `read_your_writes_s` = t after
//! that user's own write, and a `primary_read_share` q of the other reads go there too; `stale_own_reads` counts
//! reads sent to a replica that had not yet applied the reading user's latest write.
//!
//! Theory. With replication delay D exponential of mean L, a read made s after the user's latest write is stale
//! with probability (1 − q)·P(D > s) when s ≥ t, and never within the window: at s = t that is the issue's
//! (1 − q)·P(delay > t). In the test a user's writes are Poisson at rate a (a thinning of the client's Poisson
//! stream), so the time S from a read back to that user's latest write is exponential with rate a, independent of
//! the read (memorylessness), and the stale share of reads is
//!   E[(1 − q)·e^{−S/L}; S ≥ t] = (1 − q)·P(D > t)·P(S > t)·a/(a + 1/L)
//!     = (1 − q)·a/(a + 1/L)·e^{−(a + 1/L)t},
//! less (1 − q)·a/(a + 1/L)/((a + 1/L)·T) over a run of length T for users who had not written yet.
//! Keys are uniform over a million, so another user's later write to the same key (which would hide a stale read)
//! almost never happens.

use crate::support::{add, choose, connect, run, set};
use sim_core::model::ComponentKind;
use sim_core::{NodeId, Scenario, Simulation};

const USERS: f64 = 100.0;
const RATE_PER_S: f64 = 2_000.0;
const READ_FRACTION: f64 = 0.9;
const LAG_MS: f64 = 200.0;
const RUN_S: f64 = 100.0;

/// Client → web → primary → one replica, replication delay exponential of mean 200 ms.
fn scenario(window_s: f64, primary_share: f64, seed: u64) -> (Scenario, NodeId, NodeId) {
    let mut s = Scenario {
        seed,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let primary = add(&mut s, ComponentKind::Database);
    let replica = add(&mut s, ComponentKind::Replica);
    set(&mut s, users, "arrival_rate_per_s", RATE_PER_S);
    set(&mut s, users, "read_fraction", READ_FRACTION);
    set(&mut s, users, "users", USERS);
    set(&mut s, users, "key_count", 1_000_000.0);
    choose(&mut s, users, "key_distribution", "uniform");
    set(&mut s, web, "workers", 64.0);
    set(&mut s, web, "service_time_ms", 1.0);
    for db in [primary, replica] {
        set(&mut s, db, "workers", 32.0);
        set(&mut s, db, "read_time_ms", 0.1);
        set(&mut s, db, "write_time_ms", 1.0);
    }
    set(&mut s, primary, "replication_lag_ms", LAG_MS);
    set(&mut s, primary, "read_your_writes_s", window_s);
    set(&mut s, primary, "primary_read_share", primary_share);
    connect(&mut s, users, web);
    connect(&mut s, web, primary);
    connect(&mut s, primary, replica);
    (s, primary, replica)
}

/// The expected share of reads that are stale own reads (see the module's doc).
fn theory(window_s: f64, primary_share: f64) -> f64 {
    let a = RATE_PER_S * (1.0 - READ_FRACTION) / USERS;
    let k = a + 1e3 / LAG_MS;
    (1.0 - primary_share) * a / k * ((-k * window_s).exp() - 1.0 / (k * RUN_S))
}

/// Stale own reads ÷ reads over seeds 1–3 against [`theory`]: each seed within `per_seed`, their mean within
/// `pooled` (relative).
fn check(window_s: f64, primary_share: f64, per_seed: f64, pooled: f64) {
    let expected = theory(window_s, primary_share);
    let p_delay = (-window_s * 1e3 / LAG_MS).exp();
    let mut mean = 0.0;
    for seed in 1..=3 {
        let (s, primary, replica) = scenario(window_s, primary_share, seed);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, RUN_S);
        let summary = sim.summary();
        let node = |id: NodeId| summary.nodes.iter().find(|n| n.id == id.0).expect("node");
        let (p, r) = (node(primary), node(replica));
        let reads = p.reads.expect("a database") + r.reads.expect("a database");
        let stale = r.stale_own_reads.expect("counted with the window on");
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        let share = stale as f64 / reads as f64;
        println!(
            "t = {window_s} s, q = {primary_share}, seed {seed}: {stale} stale own reads of {reads} reads = {share:.5} \
             (theory {expected:.5}; (1 − q)·P(delay > t) = {:.4})",
            (1.0 - primary_share) * p_delay
        );
        assert!(
            (share / expected - 1.0).abs() < per_seed,
            "t = {window_s} s, q = {primary_share}, seed {seed}: stale own share {share:.5} against {expected:.5} \
             (tolerance {per_seed})"
        );
        mean += share / 3.0;
    }
    assert!(
        (mean / expected - 1.0).abs() < pooled,
        "t = {window_s} s, q = {primary_share}: mean stale own share {mean:.5} over seeds 1–3 against {expected:.5} \
         (tolerance {pooled})"
    );
}

#[test]
fn without_routing_a_user_misses_their_own_write_as_often_as_theory_says() {
    // Stale own reads are counted while the window is on (the set then remembers each user's latest write): a 1 ms
    // window (e^{−0.007}: 0.7 % fewer stale reads than none) measures the case without routing.
    check(0.001, 0.0, 0.05, 0.03);
}

#[test]
fn the_window_and_the_primary_share_cut_stale_own_reads_by_p_delay_over_t_and_1_minus_q() {
    check(0.2, 0.0, 0.06, 0.03);
    check(0.2, 0.5, 0.08, 0.04);
    check(0.5, 0.0, 0.15, 0.08);
}

#[test]
fn a_window_longer_than_any_delay_leaves_no_stale_own_read() {
    // P(D > 3 s) = e^{−15}: no read after the window finds the write missing. The replica still gets the reads of
    // users who have not written for 3 s (e^{−6} = 0.25 % of them).
    let (s, _, replica) = scenario(3.0, 0.0, 1);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 60.0);
    let r = sim
        .summary()
        .nodes
        .into_iter()
        .find(|n| n.id == replica.0)
        .expect("replica");
    assert_eq!(r.stale_own_reads, Some(0));
    let reads = r.reads.expect("a database");
    assert!(
        reads > 100,
        "the replica still serves the other reads ({reads})"
    );
}

#[test]
fn each_window_counts_its_stale_own_reads_and_they_add_up_to_the_replica_s() {
    for seed in 1..=3 {
        let (s, _, replica) = scenario(0.1, 0.0, seed);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 30.0);
        let frame = sim.frame();
        let per_window: Vec<u64> = frame
            .windows
            .iter()
            .map(|w| w.stale_own_reads.expect("counted with the window on"))
            .collect();
        assert_eq!(per_window.len(), 30);
        let total = sim
            .summary()
            .nodes
            .iter()
            .find(|n| n.id == replica.0)
            .and_then(|n| n.stale_own_reads)
            .expect("the replica's count");
        // The run ends as its 30th window closes: nothing is read after it.
        assert_eq!(per_window.iter().sum::<u64>(), total, "seed {seed}");
        // 1 800 reads a second, 14.2 % of them stale by theory (t = 0.1 s against a 200 ms delay): about 255 a
        // window, every window some.
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        let mean = total as f64 / 30.0;
        let expected = theory(0.1, 0.0) * RATE_PER_S * READ_FRACTION;
        assert!(
            (mean / expected - 1.0).abs() < 0.05,
            "seed {seed}: {mean:.1} a second against {expected:.1}"
        );
        assert!(
            per_window.iter().all(|&n| n > 0),
            "seed {seed}: {per_window:?}"
        );
    }
    let (mut s, primary, _) = scenario(0.1, 0.0, 1);
    set(&mut s, primary, "read_your_writes_s", 0.0);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 5.0);
    assert!(
        sim.frame()
            .windows
            .iter()
            .all(|w| w.stale_own_reads.is_none())
    );
}
