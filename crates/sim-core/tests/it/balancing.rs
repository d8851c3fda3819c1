//! Load-balancing algorithms against each other and against the supermarket model. Poisson arrivals at ρ = 0.9 of
//! n one-worker servers (exponential service, mean 10 ms, no network latency, queues of 10 000, never full at ρ = 0.9), behind one load
//! balancer. Mean response time must order
//!   random (n independent M/M/1, W = 1/(μ − λ/n)) > round robin (E_n/M/1) > power of two choices ≥ least
//!   connections (join the shortest queue),
//! and power of two choices over 16 servers must sit near the mean-field sojourn time of the supermarket model with
//! d = 2 choices (Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing", IEEE TPDS 12(10), 2001,
//! Theorem 3.6 and §3.4): E[T] = Σ_{i≥1} ρ^{(dⁱ − d)/(d − 1)} service times.

use crate::support::{add, choose, connect, fault, run_checked, set};
use crate::theory::measure;
use sim_core::metrics::FailureCause;
use sim_core::model::ComponentKind;
use sim_core::scenario::FaultAction;
use sim_core::{Scenario, Simulation};

const SERVICE_MS: f64 = 10.0;
const RHO: f64 = 0.9;

/// Poisson arrivals at ρ·n·μ → a load balancer with `algorithm` → `n` one-worker web servers.
fn farm(n: u32, algorithm: &str, seed: u64) -> Scenario {
    let mut s = Scenario {
        seed,
        hop_latency_us: 0,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let lb = add(&mut s, ComponentKind::LoadBalancer);
    set(
        &mut s,
        users,
        "arrival_rate_per_s",
        RHO * f64::from(n) * 1_000.0 / SERVICE_MS,
    );
    set(&mut s, users, "rtt_ms", 0.0);
    choose(&mut s, users, "key_distribution", "uniform");
    choose(&mut s, lb, "algorithm", algorithm);
    connect(&mut s, users, lb);
    for _ in 0..n {
        let web = add(&mut s, ComponentKind::WebServer);
        choose(&mut s, web, "embedded_database", "yes");
        set(&mut s, web, "workers", 1.0);
        set(&mut s, web, "service_time_ms", SERVICE_MS);
        set(&mut s, web, "queue_capacity", 10_000.0);
        set(&mut s, web, "timeout_ms", 600_000.0);
        connect(&mut s, lb, web);
    }
    s
}

/// Mean-field sojourn time of the supermarket model, ms: Σ_{i≥1} ρ^{(dⁱ − d)/(d − 1)} mean service times
/// (Mitzenmacher 2001); d = 2 gives 1 + ρ² + ρ⁶ + ρ¹⁴ + …
fn supermarket_response_ms(d: u32, rho: f64) -> f64 {
    let d = f64::from(d);
    (1..40)
        .map(|i| rho.powf((d.powi(i) - d) / (d - 1.0)))
        .take_while(|t| *t > 1e-18)
        .sum::<f64>()
        * SERVICE_MS
}

/// Mean response time, ms, and its standard error over `seeds`, each run `requests` long.
#[allow(clippy::cast_precision_loss)]
fn mean_over_seeds(n: u32, algorithm: &str, seeds: &[u64], requests: u64) -> (f64, f64) {
    let runs: Vec<(f64, f64, u64)> = seeds
        .iter()
        .map(|&seed| measure(&farm(n, algorithm, seed), requests))
        .collect();
    assert!(
        runs.iter().all(|r| r.2 >= requests * 95 / 100),
        "{algorithm}: {runs:?}"
    );
    let k = runs.len() as f64;
    let mean = runs.iter().map(|r| r.0).sum::<f64>() / k;
    let se = runs.iter().map(|r| r.1 * r.1).sum::<f64>().sqrt() / k;
    (mean, se)
}

#[test]
fn supermarket_mean_field_has_its_published_values() {
    // d = 2, ρ = 0.9: 1 + 0.9² + 0.9⁶ + 0.9¹⁴ + 0.9³⁰ + 0.9⁶² + … service times.
    let w = supermarket_response_ms(2, 0.9);
    assert!((w - 26.140).abs() < 0.01, "{w}");
}

#[test]
fn random_is_slower_than_round_robin_is_slower_than_p2c_is_not_faster_than_least_connections() {
    // Measured (seeds 1–4, 200 000 requests each): n = 4: 101.7, 63.7, 37.5, 32.5 ms; n = 16: 98.2, 54.8, 28.3,
    // 16.0 ms. Each gap must exceed 4 combined standard errors.
    let seeds = [1, 2, 3, 4];
    for n in [4u32, 16] {
        let runs: Vec<(&str, (f64, f64))> = ["random", "round_robin", "p2c", "least_connections"]
            .into_iter()
            .map(|alg| (alg, mean_over_seeds(n, alg, &seeds, 200_000)))
            .collect();
        eprintln!("{n} servers at ρ = {RHO}: {runs:?}");
        for pair in runs.windows(2) {
            let ((slow, (a, sa)), (fast, (b, sb))) = (pair[0], pair[1]);
            let se = sa.hypot(sb);
            assert!(
                a - b > 4.0 * se,
                "{n} servers: {slow} {a:.2} ms should be slower than {fast} {b:.2} ms (± {se:.2})"
            );
        }
    }
    // Random is n independent M/M/1 queues: W = 1/(μ − λ/n) = 100 ms; 4 standard errors plus 1 % on the mean.
    let (random, se) = mean_over_seeds(16, "random", &seeds, 200_000);
    assert!((random - 100.0).abs() < 4.0 * se + 1.0, "{random} ± {se}");
}

#[test]
fn p2c_approaches_the_supermarket_mean_field_as_servers_are_added() {
    // The mean field is the limit n → ∞; a finite farm is slower by O(1/n) (Graham, "Chaoticity on path space for
    // a queueing network with selection of the shortest queue among several", J. Appl. Prob. 37, 2000). Measured
    // (seeds 1–6, 400 000 requests each, standard error ≈ 0.5 %): 28.42 ms over 16 servers (+8.7 %), 26.57 ms over
    // 64 (+1.7 %) against 26.14 ms. Tolerance: 0 to 12 % above for 16 servers, 0 to 4 % for 64, and the excess
    // must shrink.
    let want = supermarket_response_ms(2, RHO);
    let seeds = [1, 2, 3, 4, 5, 6];
    let excess = |n: u32| {
        let (got, se) = mean_over_seeds(n, "p2c", &seeds, 400_000);
        let e = (got - want) / want;
        eprintln!(
            "p2c over {n} servers at ρ = {RHO}: {got:.3} ± {se:.3} ms, mean field {want:.3} ms, {:+.2} %",
            100.0 * e
        );
        e
    };
    let (e16, e64) = (excess(16), excess(64));
    assert!((0.0..0.12).contains(&e16), "16 servers: {e16:+.4}");
    assert!((0.0..0.04).contains(&e64), "64 servers: {e64:+.4}");
    assert!(
        e64 < e16,
        "the finite-size excess shrinks: {e16:+.4} → {e64:+.4}"
    );
}

/// A dead backend answers at once ("node down"), so it never has a request outstanding and looks like the idlest
/// until its health checks fail (3 × 1 s here): least connections sends it nearly everything in that window, p2c
/// every pair it is drawn in (half the pairs of 4), round robin one request in 4. Measured node-down failures of
/// ~2 900 requests (seeds 1–3): round robin 180/170/190, p2c 290/264/329, least connections 711/677/750.
#[test]
fn a_dead_backend_draws_p2c_traffic_less_than_least_connections_and_more_than_round_robin() {
    let down = |alg: &str, seed: u64| {
        let mut s = farm(4, alg, seed);
        let web = s.nodes[2].id;
        fault(&mut s, 2.0, web, FaultAction::Kill);
        fault(&mut s, 5.0, web, FaultAction::Restore);
        let mut sim = Simulation::new(&s).expect("valid");
        run_checked(&mut sim, 8.0, 50);
        sim.frame().failed(FailureCause::NodeDown)
    };
    for seed in 1..=3 {
        let [rr, p2c, lc] = ["round_robin", "p2c", "least_connections"].map(|alg| down(alg, seed));
        eprintln!("seed {seed}: node-down round robin {rr}, p2c {p2c}, least connections {lc}");
        assert!(
            rr * 6 < p2c * 5 && p2c * 5 < lc * 3,
            "seed {seed}: round robin {rr}, p2c {p2c}, least connections {lc}"
        );
    }
}
