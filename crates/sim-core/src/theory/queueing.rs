//! Queueing formulas for a station of `c` identical workers fed by Poisson arrivals with exponential service
//! times: M/M/c with an unbounded queue (Erlang C) and M/M/c/K with room for K requests in all (blocking).
//!
//! Sources: Kleinrock, *Queueing Systems, Volume I: Theory* (1975), §3.4 (M/M/m) and §3.7 (M/M/m/K);
//! Little, "A proof for the queuing formula L = λW", Operations Research 9(3), 1961.

/// Erlang C: the probability that an arrival has to wait, in M/M/c with offered load `a` = λ/μ (erlangs).
///
/// `C(c, a) = (aᶜ/c! · 1/(1−ρ)) / (Σ_{k<c} aᵏ/k! + aᶜ/c! · 1/(1−ρ))` with ρ = a/c (Kleinrock §3.4, eq. 3.40).
/// Computed with running terms, so large `c` neither overflows nor loses precision. `None` when `c` is 0, `a`
/// is negative or not finite, or the queue is unstable (ρ ≥ 1: everyone waits, the wait grows without bound).
#[must_use]
pub fn erlang_c(c: u32, a: f64) -> Option<f64> {
    if c == 0 || !a.is_finite() || a < 0.0 {
        return None;
    }
    let rho = a / f64::from(c);
    if rho >= 1.0 {
        return None;
    }
    // Divide through by aᶜ/c! to keep the numbers near 1: sum = Σ_{k<c} (c!/k!)·a^{k−c}.
    let mut ratio = 1.0; // (aᵏ/k!) / (aᶜ/c!) for k = c, going down
    let mut sum = 0.0;
    for k in (0..c).rev() {
        // term_k / term_{k+1} = (k+1)/a
        if a == 0.0 {
            return Some(0.0);
        }
        ratio *= f64::from(k + 1) / a;
        sum += ratio;
        if !sum.is_finite() {
            return Some(0.0);
        }
    }
    let last = 1.0 / (1.0 - rho);
    Some(last / (sum + last))
}

/// What M/M/c predicts for a station.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mmc {
    /// Share of the workers busy, ρ = λ/(cμ) (0–1).
    pub utilization: f64,
    /// Probability an arrival waits for a worker (Erlang C).
    pub wait_probability: f64,
    /// Mean time waiting in the queue, ms: `W_q = C(c, a) / (cμ − λ)`.
    pub wait_ms_mean: f64,
    /// Mean time in the station (wait + service), ms.
    pub response_ms_mean: f64,
    /// Mean requests waiting in the queue, `L_q = λ·W_q` (Little's law).
    pub queue_len_mean: f64,
    /// Mean requests in the station, waiting or in service, `L = λ·W`.
    pub in_station_mean: f64,
}

/// M/M/c with `workers` workers, Poisson arrivals at `arrival_rate_per_s` and exponential service of mean
/// `service_ms_mean`. `None` when there is no worker, a rate or time is not positive and finite, or the queue is
/// unstable (λ ≥ cμ).
#[must_use]
pub fn mmc(workers: u32, arrival_rate_per_s: f64, service_ms_mean: f64) -> Option<Mmc> {
    if !(arrival_rate_per_s.is_finite() && service_ms_mean.is_finite() && service_ms_mean > 0.0) {
        return None;
    }
    let lambda = arrival_rate_per_s / 1_000.0; // per ms
    let mu = 1.0 / service_ms_mean;
    let c = f64::from(workers);
    let a = lambda / mu;
    let p_wait = erlang_c(workers, a)?;
    let wait = p_wait / (c * mu - lambda);
    let response = wait + service_ms_mean;
    Some(Mmc {
        utilization: a / c,
        wait_probability: p_wait,
        wait_ms_mean: wait,
        response_ms_mean: response,
        queue_len_mean: lambda * wait,
        in_station_mean: lambda * response,
    })
}

/// Mean response time, ms, of each of `servers` single-worker servers fed **round robin** from one Poisson stream of
/// `arrival_rate_per_s` in all, with exponential service of mean `service_ms_mean`: every server sees Erlang-k
/// interarrival times (k = `servers`), an E_k/M/1 queue.
///
/// G/M/1 (Kleinrock §6.4): `W = 1/(μ(1 − σ))` where σ is the root in (0, 1) of `σ = A*(μ − μσ)`, with the
/// interarrival transform `A*(s) = (λ/(λ + s))ᵏ` (λ the total rate). Solved by fixed-point iteration, which
/// converges for a stable queue. `None` when there is no server, a value is not positive and finite, or a server
/// is overloaded (λ/k ≥ μ). For 4 servers, 320 req/s and 10 ms: 32.674 ms (four M/M/1 queues would wait 50 ms).
#[must_use]
pub fn round_robin_response_ms_mean(
    servers: u32,
    arrival_rate_per_s: f64,
    service_ms_mean: f64,
) -> Option<f64> {
    if servers == 0
        || !(arrival_rate_per_s.is_finite() && arrival_rate_per_s > 0.0)
        || !(service_ms_mean.is_finite() && service_ms_mean > 0.0)
    {
        return None;
    }
    let lambda = arrival_rate_per_s / 1_000.0;
    let mu = 1.0 / service_ms_mean;
    let k = i32::try_from(servers).ok()?;
    if lambda / f64::from(servers) >= mu {
        return None;
    }
    let mut sigma = 0.5;
    for _ in 0..10_000 {
        let next = (lambda / (lambda + mu * (1.0 - sigma))).powi(k);
        if (next - sigma).abs() < 1e-15 {
            sigma = next;
            break;
        }
        sigma = next;
    }
    Some(1.0 / (mu * (1.0 - sigma)))
}

/// What M/M/c/K predicts for a station that holds at most `K` = `workers` + `queue_capacity` requests.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mmck {
    /// Probability an arrival finds the station full and is turned away ("queue full"), `p_K`.
    pub blocking_probability: f64,
    /// Share of the workers busy, from the admitted load `λ(1 − p_K)/(cμ)`.
    pub utilization: f64,
    /// Mean requests in the station, `L = Σ n·p_n`.
    pub in_station_mean: f64,
    /// Mean time in the station of an admitted request, ms: `W = L / (λ(1 − p_K))` (Little's law).
    pub response_ms_mean: f64,
}

/// M/M/c/K: `workers` workers and room for `queue_capacity` more, Poisson arrivals at `arrival_rate_per_s`,
/// exponential service of mean `service_ms_mean`. Stable at any load: past capacity, arrivals are blocked.
///
/// `p_n ∝ aⁿ/n!` for n ≤ c and `aᶜ/c! · ρ^{n−c}` for c < n ≤ K (Kleinrock §3.7). `None` when there is no worker
/// or a rate or time is not positive and finite. Cost: O(K) — callers cap K (the engine's queues are bounded).
#[must_use]
pub fn mmck(
    workers: u32,
    queue_capacity: u32,
    arrival_rate_per_s: f64,
    service_ms_mean: f64,
) -> Option<Mmck> {
    if workers == 0
        || !(arrival_rate_per_s.is_finite() && arrival_rate_per_s > 0.0)
        || !(service_ms_mean.is_finite() && service_ms_mean > 0.0)
    {
        return None;
    }
    let lambda = arrival_rate_per_s / 1_000.0;
    let mu = 1.0 / service_ms_mean;
    let c = f64::from(workers);
    let k_max = u64::from(workers) + u64::from(queue_capacity);
    // Unnormalised p_n, rescaled whenever it grows large so that nothing overflows.
    let (mut term, mut total, mut weighted, mut last) = (1.0_f64, 1.0_f64, 0.0_f64, 1.0_f64);
    for n in 1..=k_max {
        #[allow(clippy::cast_precision_loss)] // n ≤ 2³² + 2³², far below 2⁵³
        let busy = (n as f64).min(c);
        term *= lambda / (mu * busy);
        #[allow(clippy::cast_precision_loss)]
        let nf = n as f64;
        total += term;
        weighted += nf * term;
        last = term;
        if total > 1e200 {
            term /= 1e200;
            total /= 1e200;
            weighted /= 1e200;
            last /= 1e200;
        }
    }
    let p_full = last / total;
    let in_station = weighted / total;
    let admitted = lambda * (1.0 - p_full);
    Some(Mmck {
        blocking_probability: p_full,
        utilization: (admitted / (c * mu)).min(1.0),
        in_station_mean: in_station,
        response_ms_mean: if admitted > 0.0 {
            in_station / admitted
        } else {
            0.0
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1e-12)
    }

    #[test]
    fn erlang_c_matches_hand_values_and_tables() {
        // c = 1: C = ρ.
        assert!(close(erlang_c(1, 0.7).expect("stable"), 0.7, 1e-12));
        // c = 2, a = 1: C = 1/3; c = 3, a = 2: C = 4/9 (from the closed form by hand).
        assert!(close(erlang_c(2, 1.0).expect("stable"), 1.0 / 3.0, 1e-12));
        assert!(close(erlang_c(3, 2.0).expect("stable"), 4.0 / 9.0, 1e-12));
        // Call-centre tables (e.g. Cooper, Introduction to Queueing Theory, 2nd ed., Table 4): 10 agents
        // offered 8 erlangs wait with probability 0.4092.
        assert!(close(erlang_c(10, 8.0).expect("stable"), 0.4092, 5e-4));
        // Many servers at moderate load: tiny, not NaN (running terms, no factorial overflow).
        let big = erlang_c(1_000, 800.0).expect("stable");
        assert!(big.is_finite() && (0.0..1e-6).contains(&big), "{big}");
        assert_eq!(erlang_c(4, 4.0), None, "ρ = 1 is unstable");
        assert_eq!(erlang_c(0, 0.5), None);
        assert_eq!(erlang_c(3, 0.0), Some(0.0));
    }

    #[test]
    fn mm1_mean_response_is_one_over_mu_minus_lambda() {
        // λ = 80/s, service 10 ms (μ = 100/s): W = 1/(μ − λ) = 50 ms, ρ = 0.8, L = 4.
        let m = mmc(1, 80.0, 10.0).expect("stable");
        assert!(close(m.response_ms_mean, 50.0, 1e-12));
        assert!(close(m.utilization, 0.8, 1e-12));
        assert!(close(m.in_station_mean, 4.0, 1e-12));
        assert!(close(m.wait_probability, 0.8, 1e-12));
        assert_eq!(mmc(1, 100.0, 10.0), None);
        assert_eq!(mmc(2, 1.0, 0.0), None);
    }

    #[test]
    fn round_robin_over_four_servers_is_e4_m_1() {
        // The rr4 reference case: 32.674 ms, between a pooled M/M/4 queue and four independent M/M/1 queues.
        let rr = round_robin_response_ms_mean(4, 320.0, 10.0).expect("stable");
        assert!(close(rr, 32.674, 1e-4), "{rr}");
        let pooled = mmc(4, 320.0, 10.0).expect("stable").response_ms_mean;
        let random = mmc(1, 80.0, 10.0).expect("stable").response_ms_mean;
        assert!(pooled < rr && rr < random, "{pooled} < {rr} < {random}");
        // One server: E₁/M/1 is M/M/1.
        let one = round_robin_response_ms_mean(1, 80.0, 10.0).expect("stable");
        assert!(close(one, 50.0, 1e-9), "{one}");
        assert_eq!(round_robin_response_ms_mean(4, 400.0, 10.0), None);
    }

    #[test]
    fn mmck_blocks_as_the_erlang_loss_formula_without_a_queue() {
        // M/M/c/c is Erlang B: c = 2, a = 1 ⇒ B = (1/2) / (1 + 1 + 1/2) = 0.2.
        let m = mmck(2, 0, 100.0, 10.0).expect("valid");
        assert!(close(m.blocking_probability, 0.2, 1e-12));
        // M/M/1/K with ρ = 1 and K = 4 (one in service, three waiting): the 5 states are equally likely,
        // p_K = 1/(K+1) = 0.2, and the mean is K/2 = 2.
        let m = mmck(1, 3, 100.0, 10.0).expect("valid");
        assert!(close(m.blocking_probability, 0.2, 1e-12));
        assert!(close(m.in_station_mean, 2.0, 1e-12));
        // A big queue at low load: blocking vanishes and the mean response approaches M/M/c's.
        let k = mmck(4, 10_000, 200.0, 10.0).expect("valid");
        let c = mmc(4, 200.0, 10.0).expect("stable");
        assert!(k.blocking_probability < 1e-12);
        assert!(close(k.response_ms_mean, c.response_ms_mean, 1e-9));
        // Overload: blocking takes the excess, utilization stays below 1.
        let o = mmck(2, 50, 1_000.0, 10.0).expect("valid");
        assert!(
            o.blocking_probability > 0.79 && o.utilization <= 1.0,
            "{o:?}"
        );
    }
}
