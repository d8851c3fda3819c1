//! Message queue + workers: offloading slow work keeps web latency low, a worker outage grows the backlog without
//! touching web latency, autoscaling follows the backlog, durability decides what a queue crash loses, and the
//! worker pool behaves as the M/M/c queue theory predicts.
//!
//! Theory: a web tier of exponential servers fed by Poisson arrivals emits Poisson departures (Burke, "The output
//! of a queuing system", Operations Research 1956), so jobs reach the queue as a Poisson stream and c workers with
//! exponential job times form an M/M/c queue: mean job latency = C(c, a)/(cμ − λ) + 1/μ (Erlang C).

use crate::support::{add, choose, connect, fault, run, run_checked, set};
use sim_core::model::ComponentKind;
use sim_core::scenario::FaultAction;
use sim_core::{NodeId, Scenario, Simulation};

struct Jobs {
    scenario: Scenario,
    web: NodeId,
    queue: Option<NodeId>,
    workers: Option<NodeId>,
}

/// 200 rps, `job_fraction` of them jobs of 500 ms; with a queue and `workers` workers, or inline.
fn jobs(job_fraction: f64, workers: Option<u32>) -> Jobs {
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let db = add(&mut s, ComponentKind::Database);
    set(&mut s, users, "arrival_rate_per_s", 200.0);
    set(&mut s, users, "job_fraction", job_fraction);
    set(&mut s, users, "job_time_ms", 500.0);
    set(&mut s, web, "workers", 16.0);
    set(&mut s, web, "service_time_ms", 5.0);
    connect(&mut s, users, web);
    connect(&mut s, web, db);
    let (queue, pool) = match workers {
        Some(n) => {
            let q = add(&mut s, ComponentKind::MessageQueue);
            let w = add(&mut s, ComponentKind::Workers);
            set(&mut s, w, "min_workers", f64::from(n));
            set(&mut s, w, "max_workers", f64::from(n));
            connect(&mut s, web, q);
            connect(&mut s, q, w);
            (Some(q), Some(w))
        }
        None => (None, None),
    };
    Jobs {
        scenario: s,
        web,
        queue,
        workers: pool,
    }
}

fn p99_ms(sim: &Simulation) -> f64 {
    sim.summary().latency_ms.p99
}

#[test]
fn offloading_jobs_to_a_queue_keeps_web_latency_low() {
    let inline = jobs(0.1, None);
    let mut a = Simulation::new(&inline.scenario).expect("valid");
    run_checked(&mut a, 30.0, 250);
    let queued = jobs(0.1, Some(16));
    let mut b = Simulation::new(&queued.scenario).expect("valid");
    run_checked(&mut b, 30.0, 250);
    eprintln!(
        "web p99: inline {} ms, queued {} ms",
        p99_ms(&a),
        p99_ms(&b)
    );
    // Inline: 20 jobs/s × 0.5 s keep 10 of 16 web workers busy, so requests queue behind jobs.
    assert!(
        p99_ms(&a) > 500.0,
        "inline jobs make the web tier slow: {}",
        p99_ms(&a)
    );
    assert!(
        p99_ms(&b) < 100.0,
        "published jobs leave the web tier fast: {}",
        p99_ms(&b)
    );
    let summary = b.summary();
    let q = summary
        .nodes
        .iter()
        .find(|n| Some(NodeId(n.id)) == queued.queue)
        .expect("queue");
    // Exponential 500 ms jobs: median 500 · ln 2 ≈ 347 ms, plus little waiting with 16 workers for 10 needed.
    assert!(
        q.job_latency_ms.as_ref().is_some_and(|l| l.p50 > 300.0),
        "{:?}",
        q.job_latency_ms
    );
    assert_eq!(summary.requests.failed, 0);
    assert!(b.counters(queued.web).expect("web").completed > 5_000);
}

#[test]
fn dead_workers_grow_the_backlog_while_web_latency_stays_flat() {
    let mut t = jobs(0.1, Some(16));
    let pool = t.workers.expect("workers");
    fault(&mut t.scenario, 10.0, pool, FaultAction::Kill);
    fault(&mut t.scenario, 40.0, pool, FaultAction::Restore);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 10.0, 250);
    let before = p99_ms(&sim);
    run_checked(&mut sim, 40.0, 250);
    let f = sim.frame();
    let backlog = f.node(t.queue.expect("queue")).expect("queue").queue_len;
    // 20 jobs/s for 30 s, plus the jobs in progress at the kill going back to the queue.
    assert!((500..=750).contains(&backlog), "backlog {backlog}");
    let during = f
        .windows
        .iter()
        .rev()
        .take(25)
        .map(|w| w.latency_ms_p99)
        .fold(0.0, f64::max);
    assert!(
        during < before * 1.5 + 10.0,
        "web p99 {during} ms during the outage vs {before} ms before"
    );
    assert!(
        f.windows
            .last()
            .and_then(|w| w.queue_depth)
            .is_some_and(|d| d > 400)
    );
    run_checked(&mut sim, 120.0, 500);
    let f = sim.frame();
    assert!(
        f.node(t.queue.expect("queue")).expect("queue").queue_len < 50,
        "the backlog drains after restore"
    );
    assert!(
        f.log
            .iter()
            .any(|e| e.message.contains("go back to the queue"))
    );
}

#[test]
fn autoscaling_follows_the_backlog() {
    let mut t = jobs(0.2, Some(2));
    let pool = t.workers.expect("workers");
    set(&mut t.scenario, pool, "max_workers", 40.0);
    set(&mut t.scenario, pool, "target_backlog_per_worker", 10.0);
    set(&mut t.scenario, pool, "warm_up_s", 10.0);
    let mut sim = Simulation::new(&t.scenario).expect("valid");
    run_checked(&mut sim, 120.0, 500);
    let f = sim.frame();
    let active = f.node(pool).and_then(|n| n.workers_active).expect("pool");
    // 40 jobs/s × 0.5 s needs 20 busy workers; a backlog-proportional autoscaler settles around that.
    assert!(
        (15..=40).contains(&active),
        "scaled out from 2 to {active} workers"
    );
    assert!(
        f.log.iter().any(|e| e.message.contains("starting")),
        "{:?}",
        f.log
    );
    let backlog = f.node(t.queue.expect("queue")).expect("queue").queue_len;
    assert!(backlog < 400, "the backlog is under control: {backlog}");
}

#[test]
fn a_crashed_queue_loses_its_backlog_unless_durable() {
    let lost = |durable: &str| {
        let mut t = jobs(0.1, Some(16));
        let (q, pool) = (t.queue.expect("queue"), t.workers.expect("workers"));
        choose(&mut t.scenario, q, "durable", durable);
        fault(&mut t.scenario, 5.0, pool, FaultAction::Kill);
        fault(&mut t.scenario, 20.0, q, FaultAction::Kill);
        fault(&mut t.scenario, 21.0, q, FaultAction::Restore);
        fault(&mut t.scenario, 21.0, pool, FaultAction::Restore);
        let mut sim = Simulation::new(&t.scenario).expect("valid");
        run_checked(&mut sim, 60.0, 250);
        let summary = sim.summary();
        summary
            .nodes
            .iter()
            .find(|n| n.id == q.0)
            .and_then(|n| n.lost_messages)
            .expect("lost")
    };
    let (volatile, durable) = (lost("no"), lost("yes"));
    assert!(
        (250..=400).contains(&volatile),
        "a volatile queue loses the 15 s backlog: {volatile}"
    );
    assert_eq!(durable, 0);
}

/// Erlang C (see theory.rs).
fn erlang_c(c: u32, a: f64) -> f64 {
    let rho = a / f64::from(c);
    let (mut term, mut sum) = (1.0, 0.0);
    for k in 0..c {
        sum += term;
        term *= a / f64::from(k + 1);
    }
    let last = term / (1.0 - rho);
    last / (sum + last)
}

#[test]
fn the_worker_pool_is_an_m_m_c_queue() {
    // λ = 100 jobs/s, c = 4 workers of μ = 50/s (20 ms jobs): ρ = 0.5.
    let mut s = Scenario {
        seed: 5,
        hop_latency_us: 0,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let q = add(&mut s, ComponentKind::MessageQueue);
    let pool = add(&mut s, ComponentKind::Workers);
    set(&mut s, users, "arrival_rate_per_s", 100.0);
    set(&mut s, users, "job_fraction", 1.0);
    set(&mut s, users, "job_time_ms", 20.0);
    set(&mut s, users, "rtt_ms", 0.0);
    choose(&mut s, web, "embedded_database", "yes");
    set(&mut s, web, "workers", 64.0);
    set(&mut s, web, "service_time_ms", 1.0);
    set(&mut s, pool, "min_workers", 4.0);
    set(&mut s, pool, "max_workers", 4.0);
    connect(&mut s, users, web);
    connect(&mut s, web, q);
    connect(&mut s, q, pool);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 2_000.0);
    let (lambda, mu, c) = (100.0, 50.0, 4);
    let want_ms = 1_000.0 * (erlang_c(c, lambda / mu) / (f64::from(c) * mu - lambda) + 1.0 / mu);
    let summary = sim.summary();
    let queue = summary.nodes.iter().find(|n| n.id == q.0).expect("queue");
    let jobs_done = summary
        .nodes
        .iter()
        .find(|n| n.id == pool.0)
        .and_then(|n| n.jobs_done)
        .expect("jobs");
    let got = sim.job_latency_mean_ms(q).expect("queue latency");
    eprintln!(
        "M/M/4 workers ρ=0.5: mean job latency {got:.3} ms vs Erlang C {want_ms:.3} ms ({jobs_done} jobs)"
    );
    assert!(jobs_done > 190_000);
    assert!((got - want_ms).abs() / want_ms < 0.03, "{got} vs {want_ms}");
    assert!(queue.job_latency_ms.is_some());
}

/// λ jobs/s straight into a queue (every request publishes one) served by a fixed pool of `c` workers of 20 ms
/// jobs (μ = 50/s), no network latency.
fn fixed_pool(lambda: f64, c: u32, seed: u64) -> (Scenario, NodeId, NodeId) {
    let mut s = Scenario {
        seed,
        hop_latency_us: 0,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let q = add(&mut s, ComponentKind::MessageQueue);
    let pool = add(&mut s, ComponentKind::Workers);
    set(&mut s, users, "arrival_rate_per_s", lambda);
    set(&mut s, users, "job_fraction", 1.0);
    set(&mut s, users, "job_time_ms", 20.0);
    set(&mut s, users, "rtt_ms", 0.0);
    choose(&mut s, web, "embedded_database", "yes");
    set(&mut s, web, "workers", 64.0);
    set(&mut s, web, "service_time_ms", 1.0);
    set(&mut s, pool, "min_workers", f64::from(c));
    set(&mut s, pool, "max_workers", f64::from(c));
    connect(&mut s, users, web);
    connect(&mut s, web, q);
    connect(&mut s, q, pool);
    (s, q, pool)
}

#[test]
#[allow(clippy::cast_precision_loss)]
fn queue_figures_match_m_m_c_job_wait_depth_and_utilization() {
    // M/M/4 at ρ = 0.8: λ = 160 jobs/s, μ = 50/s. Wq = C(c, a)/(cμ − λ) (Erlang C, Kleinrock §3.4), the mean
    // backlog Lq = λ·Wq (Little), the busy share ρ.
    let (lambda, mu, c) = (160.0, 50.0, 4);
    let wait_s =
        sim_core::theory::erlang_c(c, lambda / mu).expect("stable") / (f64::from(c) * mu - lambda);
    let (want_wait_ms, want_depth) = (1e3 * wait_s, lambda * wait_s);
    for seed in 1..=4 {
        let (s, q, _) = fixed_pool(lambda, c, seed);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 1_000.0);
        let summary = sim.summary();
        let queue = summary.nodes.iter().find(|n| n.id == q.0).expect("queue");
        let (wait, depth, util) = (
            queue.job_wait_ms_mean.expect("wait"),
            queue.depth_mean.expect("depth"),
            queue.worker_utilization.expect("utilization"),
        );
        eprintln!(
            "seed {seed}: job wait {wait:.3} ms (Erlang C {want_wait_ms:.3}), depth {depth:.3} (λWq {want_depth:.3}), \
             utilization {util:.4} (ρ 0.8)"
        );
        // 160 000 jobs a seed; the seeds spread by 3 % (14.98, 14.14, 14.17, 14.94 ms for seeds 1–4): 8 % is over
        // 2.5 of that spread.
        assert!(
            (wait - want_wait_ms).abs() / want_wait_ms < 0.08,
            "seed {seed}: wait {wait} vs {want_wait_ms}"
        );
        assert!(
            (depth - want_depth).abs() / want_depth < 0.08,
            "seed {seed}: depth {depth} vs {want_depth}"
        );
        assert!((util - 0.8).abs() < 0.01, "seed {seed}: utilization {util}");
    }
}

#[test]
#[allow(clippy::cast_precision_loss)]
fn a_backlog_drains_at_the_spare_capacity() {
    // M/M/4 at ρ = 0.5 (λ = 100 jobs/s, cμ = 200/s); the pool dies for 20 s, so about 2 000 jobs pile up, then
    // drain at cμ − λ = 100 jobs/s: the fluid estimate depth_max/(cμ − λ) ≈ 20 s, with a random part of about
    // √(T(λ + cμ))/(cμ − λ) ≈ 0.8 s. Tolerance 10 %.
    for seed in 1..=3 {
        let (mut s, q, pool) = fixed_pool(100.0, 4, seed);
        fault(&mut s, 10.0, pool, FaultAction::Kill);
        fault(&mut s, 30.0, pool, FaultAction::Restore);
        let mut sim = Simulation::new(&s).expect("valid");
        run_checked(&mut sim, 30.0, 1_000);
        let mid = sim.summary();
        let queue = mid.nodes.iter().find(|n| n.id == q.0).expect("queue");
        assert_eq!(
            queue.depth_max_drain_s, None,
            "still draining at the restore"
        );
        run(&mut sim, 120.0);
        let summary = sim.summary();
        let queue = summary.nodes.iter().find(|n| n.id == q.0).expect("queue");
        let depth = queue.depth_max.expect("depth") as f64;
        let want = depth / 100.0;
        let got = queue.depth_max_drain_s.expect("drained by 120 s");
        eprintln!("seed {seed}: backlog {depth}, drained in {got:.2} s, fluid {want:.2} s");
        assert!(
            (1_800.0..2_300.0).contains(&depth),
            "seed {seed}: backlog {depth}"
        );
        assert!(
            (got - want).abs() / want < 0.10,
            "seed {seed}: {got} s vs {want} s"
        );
    }
}
