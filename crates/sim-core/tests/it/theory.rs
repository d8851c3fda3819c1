//! The simulator against queueing theory. One web server (its own database), Poisson arrivals, exponential
//! service, no network latency, an effectively infinite queue: the M/M/c queue. Mean response time must match
//!   M/M/1: W = 1/(μ − λ)                                   (Kleinrock, Queueing Systems I, 1975, §3.2)
//!   M/M/c: W = C(c, a)/(cμ − λ) + 1/μ, with Erlang C
//!          C(c, a) = (a^c/c! · 1/(1−ρ)) / (Σ_{k<c} a^k/k! + a^c/c! · 1/(1−ρ)),  a = λ/μ, ρ = a/c  (ibid. §3.4)
//! within sampling error; and with a bounded queue, the blocking probability of M/M/c/K. A round-robin load
//! balancer over one-worker servers turns Poisson arrivals into Erlang gaps at each server: the E_k/M/1 queue
//!   G/M/1: W = 1/(μ(1 − σ)), σ the root in (0, 1) of σ = A*(μ − μσ), A*(s) = (kλ/(kλ + s))^k for E_k gaps
//!          (Kleinrock, Queueing Systems I, §6.4) The error bar is the standard error from 40 batch means (the batch-means method, Law &
//! Kelton, Simulation Modeling and Analysis, §9.5.3), because successive response times are correlated.

use crate::support::{add, choose, connect, set};
use sim_core::model::ComponentKind;
use sim_core::{Scenario, SimTime, Simulation};

const SERVICE_MS: f64 = 10.0;

fn mmc(c: u32, rho: f64, seed: u64) -> Scenario {
    let mut s = Scenario {
        seed,
        hop_latency_us: 0,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let server = add(&mut s, ComponentKind::WebServer);
    let mu = 1_000.0 / SERVICE_MS;
    set(&mut s, users, "arrival_rate_per_s", rho * f64::from(c) * mu);
    set(&mut s, users, "rtt_ms", 0.0);
    choose(&mut s, users, "key_distribution", "uniform");
    choose(&mut s, server, "embedded_database", "yes");
    set(&mut s, server, "workers", f64::from(c));
    set(&mut s, server, "service_time_ms", SERVICE_MS);
    set(&mut s, server, "queue_capacity", 1_000_000.0);
    set(&mut s, server, "timeout_ms", 600_000.0);
    connect(&mut s, users, server);
    s
}

/// Erlang C: probability that an arrival waits in M/M/c with offered load `a` = λ/μ.
fn erlang_c(c: u32, a: f64) -> f64 {
    let rho = a / f64::from(c);
    let mut term = 1.0; // a^k / k!
    let mut sum = 0.0;
    for k in 0..c {
        sum += term;
        term *= a / f64::from(k + 1);
    }
    let last = term / (1.0 - rho);
    last / (sum + last)
}

/// Theoretical mean response time, ms.
fn mmc_mean_response_ms(c: u32, rho: f64) -> f64 {
    let mu = 1.0 / SERVICE_MS; // per ms
    let lambda = rho * f64::from(c) * mu;
    erlang_c(c, lambda / mu) / (f64::from(c) * mu - lambda) + 1.0 / mu
}

/// Runs until at least `requests` have completed; returns (mean ms, standard error ms from 40 batch means,
/// completed).
#[allow(clippy::cast_precision_loss)]
pub fn measure(s: &Scenario, requests: u64) -> (f64, f64, u64) {
    const BATCHES: u64 = 40;
    let mut sim = Simulation::new(s).expect("valid");
    let lambda = s.nodes.iter().find_map(|n| match &n.config {
        sim_core::ComponentConfig::Client(c) => Some(c.arrival_rate_per_s),
        _ => None,
    });
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )] // a positive batch length of a few seconds
    let batch_us = (requests as f64 / lambda.expect("client") / BATCHES as f64 * 1e6) as u64;
    let mut means = Vec::new();
    let (mut last_n, mut last_sum) = (0u64, 0u64);
    for b in 1..=BATCHES {
        sim.step_until(SimTime(b * batch_us), u64::MAX);
        let h = sim.latency();
        let (n, sum) = (h.count() - last_n, h.sum_us() - last_sum);
        means.push(sum as f64 / n as f64 / 1_000.0);
        (last_n, last_sum) = (h.count(), h.sum_us());
    }
    let mean = means.iter().sum::<f64>() / BATCHES as f64;
    let var = means.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / (BATCHES - 1) as f64;
    (mean, (var / BATCHES as f64).sqrt(), sim.latency().count())
}

fn check(c: u32, rho: f64, requests: u64, max_rel_err: f64) {
    let want = mmc_mean_response_ms(c, rho);
    let (got, se, n) = measure(&mmc(c, rho, 20_261_122), requests);
    let err = (got - want).abs();
    eprintln!(
        "M/M/{c} ρ={rho}: simulated {got:.3} ms ± {se:.3} (n={n}), theory {want:.3} ms, error {:.2} %",
        100.0 * err / want
    );
    assert!(n >= requests * 95 / 100, "only {n} requests completed");
    assert!(
        err <= 4.0 * se,
        "M/M/{c} ρ={rho}: {got:.3} ms is {:.1} standard errors from {want:.3} ms",
        err / se
    );
    assert!(
        err / want <= max_rel_err,
        "M/M/{c} ρ={rho}: relative error {:.3} over {max_rel_err}",
        err / want
    );
}

#[test]
fn erlang_c_matches_published_values() {
    // c = 2, a = 1 (ρ = 0.5): C = 1/3. c = 1: C = ρ.
    assert!((erlang_c(2, 1.0) - 1.0 / 3.0).abs() < 1e-12);
    assert!((erlang_c(1, 0.8) - 0.8).abs() < 1e-12);
    // M/M/1, μ = 100/s, λ = 80/s: W = 1/(μ−λ) = 50 ms.
    assert!((mmc_mean_response_ms(1, 0.8) - 50.0).abs() < 1e-9);
}

#[test]
fn mm1_at_half_load_matches_theory() {
    check(1, 0.5, 200_000, 0.03);
}

#[test]
fn mm1_at_80_percent_load_matches_theory() {
    check(1, 0.8, 400_000, 0.05);
}

#[test]
fn mm4_at_half_load_matches_erlang_c() {
    check(4, 0.5, 200_000, 0.03);
}

#[test]
fn mm4_at_80_percent_load_matches_erlang_c() {
    check(4, 0.8, 400_000, 0.04);
}

#[test]
fn utilization_equals_offered_load() {
    // Little's law at the workers: busy fraction = λ/(cμ) = ρ.
    let mut sim = Simulation::new(&mmc(4, 0.8, 3)).expect("valid");
    sim.step_until(SimTime(1_000_000_000), u64::MAX);
    let u = sim.summary().nodes[1].utilization;
    assert!((u - 0.8).abs() < 0.01, "utilization {u}");
}

/// M/M/c/K blocking probability: the share of arrivals that find all K places (c in service + K − c waiting)
/// taken. With a = λ/μ: P_n = a^n/n! · p0 for n < c, a^n/(c! c^(n−c)) · p0 for c ≤ n ≤ K, p0 normalises; blocking
/// = P_K (Kleinrock, Queueing Systems I, §3.6; arrivals see time averages, PASTA).
fn mmck_blocking(c: u32, k: u32, a: f64) -> f64 {
    let mut terms = Vec::new();
    let mut term = 1.0; // a^n / n! for n < c, then a^n / (c! c^(n−c))
    for n in 0..=k {
        terms.push(term);
        term *= if n < c {
            a / f64::from(n + 1)
        } else {
            a / f64::from(c)
        };
    }
    let total: f64 = terms.iter().sum();
    terms[k as usize] / total
}

#[test]
#[allow(clippy::cast_precision_loss)]
fn finite_queue_blocking_matches_m_m_c_k() {
    for (c, queue, rho) in [(1u32, 4u32, 0.9), (4, 6, 0.9), (4, 6, 1.2)] {
        let mut s = mmc(c, rho, 77);
        let server = s.nodes[1].id;
        set(&mut s, server, "queue_capacity", f64::from(queue));
        let mut sim = Simulation::new(&s).expect("valid");
        let requests = 300_000.0;
        let lambda = rho * f64::from(c) * 100.0;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        sim.step_until(SimTime((requests / lambda * 1e6) as u64), u64::MAX);
        let f = sim.frame();
        let blocked = f.failed(sim_core::metrics::FailureCause::QueueFull) as f64;
        let got = blocked / f.totals.generated as f64;
        let want = mmck_blocking(c, c + queue, lambda / 100.0);
        eprintln!(
            "M/M/{c}/{} ρ={rho}: blocking {got:.4}, theory {want:.4}",
            c + queue
        );
        // Binomial standard error inflated ×3 for correlation, plus a floor.
        let tolerance = 3.0 * (want * (1.0 - want) / requests).sqrt() * 3.0 + 0.002;
        assert!(
            (got - want).abs() < tolerance,
            "M/M/{c}/{}: {got} vs {want}",
            c + queue
        );
    }
}

/// rr4: Poisson arrivals at 320/s → a round-robin load balancer → 4 web servers with one worker each (their own
/// database, exponential service, mean 10 ms), no network latency. The bench case of the same name.
pub fn rr4(seed: u64) -> Scenario {
    let mut s = Scenario {
        seed,
        hop_latency_us: 0,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let lb = add(&mut s, ComponentKind::LoadBalancer);
    set(&mut s, users, "arrival_rate_per_s", 320.0);
    set(&mut s, users, "rtt_ms", 0.0);
    connect(&mut s, users, lb);
    for _ in 0..4 {
        let web = add(&mut s, ComponentKind::WebServer);
        choose(&mut s, web, "embedded_database", "yes");
        set(&mut s, web, "workers", 1.0);
        set(&mut s, web, "service_time_ms", SERVICE_MS);
        connect(&mut s, lb, web);
    }
    s
}

/// Mean response time of E_k/M/1 with per-server arrival rate `lambda` and service rate `mu` (per ms), ms.
fn ekm1_mean_response_ms(k: u32, lambda: f64, mu: f64) -> f64 {
    let stage = f64::from(k) * lambda;
    let mut sigma = 0.5;
    for _ in 0..200 {
        sigma = (stage / (stage + mu * (1.0 - sigma))).powi(i32::try_from(k).expect("small k"));
    }
    1.0 / (mu * (1.0 - sigma))
}

#[test]
#[allow(clippy::cast_precision_loss)]
fn round_robin_over_four_one_worker_servers_matches_e4_m_1() {
    // Each server sees every 4th arrival: Erlang-4 gaps at 80/s, served at 100/s.
    let want = ekm1_mean_response_ms(4, 0.08, 1.0 / SERVICE_MS);
    assert!((want - 32.674).abs() < 5e-4, "E4/M/1 mean {want}");
    let seeds = 1..=8u64;
    let runs: Vec<(f64, f64, u64)> = seeds
        .clone()
        .map(|seed| measure(&rr4(seed), 512_000))
        .collect();
    let n = runs.len() as f64;
    let got = runs.iter().map(|r| r.0).sum::<f64>() / n;
    let se = runs.iter().map(|r| r.1 * r.1).sum::<f64>().sqrt() / n;
    let err = (got - want).abs();
    eprintln!(
        "E4/M/1 over {n} seeds: simulated {got:.3} ms ± {se:.3}, theory {want:.3} ms, error {:.2} % ({:.1} standard errors)",
        100.0 * err / want,
        err / se
    );
    assert!(runs.iter().all(|r| r.2 >= 500_000), "{runs:?}");
    assert!(
        err <= 4.0 * se,
        "{got:.3} ms is {:.1} standard errors from {want:.3} ms",
        err / se
    );
    assert!(err / want <= 0.02, "relative error {:.4}", err / want);
}
