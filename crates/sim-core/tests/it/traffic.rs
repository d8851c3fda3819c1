//! Traffic over time, measured by the engine: a shaped client's arrivals, counted in the metrics windows (the
//! offered load), match base × ∫m over each interval as Poisson counts do, for every shape; a ramp to zero stops
//! them; and a flash crowd in front of an autoscaled web tier makes it scale out after the warm-up and back in
//! after the crowd and the cooldown. (That a constant client is unchanged is the goldens' trace hashes.)

use crate::support::{add, choose, connect, run_checked, set};
use sim_core::model::{ComponentKind, TrafficShape};
use sim_core::{ComponentConfig, NodeId, Scenario, SimTime, Simulation};

/// A client of `base` req/s with `shape` → one web server that runs its own database, sized so nothing queues.
fn site(base: f64, shape: &TrafficShape, seed: u64) -> Scenario {
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    choose(&mut s, web, "embedded_database", "yes");
    set(&mut s, web, "workers", 64.0);
    set(&mut s, web, "service_time_ms", 1.0);
    connect(&mut s, users, web);
    set(&mut s, users, "arrival_rate_per_s", base);
    shape_client(&mut s, users, shape);
    s.seed = seed;
    s
}

/// Gives `client` the traffic shape `shape` (a scripted profile has no inspector rows, so the document is set).
fn shape_client(s: &mut Scenario, client: NodeId, shape: &TrafficShape) {
    let node = s
        .nodes
        .iter_mut()
        .find(|n| n.id == client)
        .expect("the client");
    let ComponentConfig::Client(c) = &mut node.config else {
        panic!("not a client");
    };
    c.traffic = shape.clone();
}

/// Requests the clients sent in each 1 s window of a run to `end_s`.
fn offered_per_second(s: &Scenario, end_s: f64) -> Vec<u64> {
    let mut sim = Simulation::new(s).expect("valid");
    run_checked(&mut sim, end_s, 1_000);
    sim.frame().windows.iter().map(|w| w.offered).collect()
}

fn shapes() -> Vec<TrafficShape> {
    vec![
        TrafficShape::Constant,
        TrafficShape::Ramp {
            to_multiple: 3.0,
            start_s: 20.0,
            over_s: 60.0,
        },
        TrafficShape::FlashCrowd {
            multiple: 5.0,
            start_s: 40.0,
            rise_s: 5.0,
            duration_s: 20.0,
        },
        TrafficShape::DailyCycle {
            peak_to_trough: 3.0,
            period_s: 60.0,
        },
        TrafficShape::Piecewise {
            points: vec![
                (0.0, 1.0),
                (30.0, 0.0),
                (50.0, 0.0),
                (60.0, 2.0),
                (90.0, 2.0),
                (90.0, 0.5),
            ],
        },
    ]
}

/// Every shape, 4 seeds, 12 intervals of 10 s at a base rate of 100 req/s: each interval's arrivals summed over
/// the seeds are a Poisson count with mean 4 × base × ∫m over the interval, so they lie within 4 of its standard
/// errors (√mean) of it.
#[test]
#[allow(clippy::cast_precision_loss)] // counts of a few thousand
fn arrivals_follow_the_integral_of_the_rate_for_every_shape() {
    let (base, seeds, bin_s, bins) = (100.0, 4_u64, 10_usize, 12_usize);
    for shape in shapes() {
        let mut counts = vec![0_u64; bins];
        for seed in 1..=seeds {
            let per_s = offered_per_second(&site(base, &shape, seed), (bin_s * bins) as f64);
            assert_eq!(per_s.len(), bin_s * bins);
            for (i, n) in per_s.iter().enumerate() {
                counts[i / bin_s] += n;
            }
        }
        let mut worst: f64 = 0.0;
        let (mut total, mut expected_total) = (0, 0.0);
        for (bin, &count) in counts.iter().enumerate() {
            let (a, b) = ((bin * bin_s) as f64, ((bin + 1) * bin_s) as f64);
            let expected = seeds as f64 * base * (shape.integral(b) - shape.integral(a));
            let z = (count as f64 - expected) / expected.max(1.0).sqrt();
            worst = worst.max(z.abs());
            total += count;
            expected_total += expected;
            assert!(
                z.abs() < 4.0,
                "{shape:?} [{a}, {b}) s: {count} arrivals over {seeds} seeds, expected {expected:.1} (z = {z:.2})"
            );
        }
        eprintln!(
            "{shape:?}: {total} arrivals against {expected_total:.1}, worst interval {worst:.2} standard errors"
        );
    }
}

/// A ramp from 200 req/s down to nothing between 10 and 20 s: 200 × 15 = 3 000 arrivals expected (Poisson,
/// within 4 × √3000 ≈ 219), none after 20 s, and nothing left to schedule: the run ends with the queue empty.
#[test]
#[allow(clippy::cast_precision_loss)]
fn a_ramp_to_zero_stops_arrivals() {
    let off = TrafficShape::Ramp {
        to_multiple: 0.0,
        start_s: 10.0,
        over_s: 10.0,
    };
    for seed in 1..=3 {
        let s = site(200.0, &off, seed);
        let per_s = offered_per_second(&s, 60.0);
        let total: u64 = per_s.iter().sum();
        assert!(
            (total as f64 - 3_000.0).abs() < 4.0 * 3_000_f64.sqrt(),
            "seed {seed}: {total} arrivals"
        );
        assert!(
            per_s[20..].iter().all(|&n| n == 0),
            "seed {seed}: arrivals after the ramp ended: {:?}",
            &per_s[18..]
        );
        let mut sim = Simulation::new(&s).expect("valid");
        sim.step_until(SimTime::from_secs_f64(60.0), u64::MAX);
        assert_eq!(sim.frame().totals.in_flight, 0, "seed {seed}");
    }
}

/// Per second: (running, warming) instances of `web`.
fn instances_each_second(s: &Scenario, web: NodeId, end_s: u32) -> Vec<(u32, u32)> {
    let mut sim = Simulation::new(s).expect("valid");
    (1..=end_s)
        .map(|t| {
            run_checked(&mut sim, f64::from(t), 1_000);
            sim.frame()
                .node(web)
                .and_then(|n| n.instances)
                .expect("an autoscaling group")
        })
        .collect()
}

/// 600 req/s → an autoscaled web tier (800 req/s per instance, 2 instances at least, target 60 %, warm-up 20 s,
/// cooldown 30 s); a crowd ×4 arrives at 60 s (rise 5 s), stays 60 s and leaves by 130 s. Expected: no scaling
/// before the crowd (37.5 % busy); instances start at the first evaluation (every 10 s) after the rise begins and
/// take traffic a warm-up later; the group shrinks only once the crowd leaves (from 125 s) and the cooldown since
/// its last scale-out has passed, and is back to its minimum by 200 s.
#[test]
fn a_flash_crowd_scales_the_web_tier_out_after_the_warm_up_and_back_in_after_the_cooldown() {
    let mut s = Scenario::default();
    let users = add(&mut s, ComponentKind::Client);
    let web = add(&mut s, ComponentKind::WebServer);
    let db = add(&mut s, ComponentKind::Database);
    set(&mut s, db, "workers", 256.0);
    set(&mut s, web, "min_instances", 2.0);
    set(&mut s, web, "max_instances", 10.0);
    set(&mut s, web, "target_utilization", 0.6);
    set(&mut s, web, "warm_up_s", 20.0);
    set(&mut s, web, "cooldown_s", 30.0);
    connect(&mut s, users, web);
    connect(&mut s, web, db);
    set(&mut s, users, "arrival_rate_per_s", 600.0);
    choose(&mut s, users, "traffic", "flash_crowd");
    set(&mut s, users, "traffic_crowd_multiple", 4.0);
    set(&mut s, users, "traffic_crowd_start_s", 60.0);
    set(&mut s, users, "traffic_crowd_duration_s", 60.0);
    for seed in 1..=2 {
        s.seed = seed;
        let per_s = instances_each_second(&s, web, 240);
        let at = |t: usize| per_s[t - 1];
        let first = |from: usize, pick: &dyn Fn((u32, u32)) -> bool| {
            (from..=per_s.len()).find(|&t| pick(at(t)))
        };
        let started = first(1, &|(_, warming)| warming > 0).expect("the group scales out");
        let grown = first(1, &|(running, _)| running > 2).expect("instances take traffic");
        let peak = per_s.iter().map(|p| p.0).max().expect("seconds");
        let peak_at = first(1, &|(running, _)| running == peak).expect("the peak");
        let shrunk = first(peak_at, &|(running, _)| running < peak).expect("the group scales in");
        eprintln!(
            "seed {seed}: instances started at {started} s, first ready at {grown} s, {peak} at {peak_at} s, \
             fewer from {shrunk} s, {} at 240 s",
            at(240).0
        );
        // Evaluations every 10 s: the first one after the rise begins starts instances.
        assert!(
            (61..=70).contains(&started),
            "seed {seed}: started at {started} s"
        );
        // They take traffic one warm-up later (sampled each second).
        assert!(
            (started + 20..=started + 21).contains(&grown),
            "seed {seed}: first instance ready at {grown} s"
        );
        assert!(
            peak >= 4,
            "seed {seed}: peak {peak} instances for 2400 req/s"
        );
        // Not while the crowd is at its peak (until 125 s); by the second evaluation after it left.
        assert!(
            (125..=150).contains(&shrunk),
            "seed {seed}: shrank at {shrunk} s"
        );
        let minimum = first(shrunk, &|p| p == (2, 0)).expect("back to the minimum");
        assert!(
            minimum <= 200,
            "seed {seed}: back to 2 instances at {minimum} s"
        );
        assert_eq!(at(240), (2, 0), "seed {seed}: back to the minimum");
    }
}

/// The budget charges a shaped client base × ∫m requests over the run and holds its peak rate in flight.
#[test]
fn a_shaped_client_costs_its_expected_arrivals_and_holds_its_peak() {
    let s = sim_core::scenario::presets::get("three_tier").expect("preset");
    let base = s.estimate();
    let mut crowd = s.clone();
    for n in &mut crowd.nodes {
        if let ComponentConfig::Client(c) = &mut n.config {
            // Over the 120 s run ∫m = 10 + 15 + 150 + 15 + 65 = 255: 2.125 times the constant rate's arrivals.
            c.traffic = TrafficShape::FlashCrowd {
                multiple: 5.0,
                start_s: 10.0,
                rise_s: 5.0,
                duration_s: 30.0,
            };
        }
    }
    let shaped = crowd.estimate();
    assert!(
        shaped.events * 10 > base.events * 18,
        "{} vs {}",
        shaped.events,
        base.events
    );
    assert!(shaped.memory_bytes > base.memory_bytes);
}

/// A flash crowd sent during a run (`FaultAction::FlashCrowd` at 30 s) to a constant client of 100 req/s: over
/// the 80 s it lasts, base × ∫m = 100 × (25 + 240 + 25) = 29 000 arrivals per seed, and 100 per second again
/// after; over 4 seeds each within 4 standard errors of its Poisson mean.
#[test]
#[allow(clippy::cast_precision_loss)]
fn a_flash_crowd_sent_during_a_run_follows_its_shape() {
    let crowd = TrafficShape::crowd_from(30.0);
    let (mut during, mut after) = (0, 0);
    for seed in 1..=4 {
        let mut s = site(100.0, &TrafficShape::Constant, seed);
        let users = s.nodes[0].id;
        crate::support::fault(
            &mut s,
            30.0,
            users,
            sim_core::scenario::FaultAction::FlashCrowd,
        );
        let per_s = offered_per_second(&s, 150.0);
        during += per_s[30..110].iter().sum::<u64>();
        after += per_s[110..150].iter().sum::<u64>();
    }
    let expected = 4.0 * 100.0 * (crowd.integral(110.0) - crowd.integral(30.0));
    assert!((expected - 116_000.0).abs() < 1e-6);
    for (what, count, mean) in [("during", during, expected), ("after", after, 16_000.0)] {
        let z = (count as f64 - mean) / mean.sqrt();
        eprintln!("{what} the crowd: {count} arrivals against {mean} (z = {z:.2})");
        assert!(z.abs() < 4.0, "{what} the crowd: {count} against {mean}");
    }
}

/// A shaped client with a flash crowd sent at 20.5 s replays exactly: the trace hash does not depend on how the
/// run is sliced, and another seed gives another run.
#[test]
fn shaped_runs_replay_exactly_however_they_are_sliced() {
    let day = TrafficShape::DailyCycle {
        peak_to_trough: 4.0,
        period_s: 30.0,
    };
    let hash = |seed: u64, slice_ms: u64| {
        let mut s = site(300.0, &day, seed);
        let users = s.nodes[0].id;
        crate::support::fault(
            &mut s,
            20.5,
            users,
            sim_core::scenario::FaultAction::FlashCrowd,
        );
        let mut sim = Simulation::new(&s).expect("valid");
        run_checked(&mut sim, 60.0, slice_ms);
        sim.trace_hash()
    };
    let whole = hash(1, 60_000);
    assert_eq!(hash(1, 1_000), whole);
    assert_eq!(hash(1, 37), whole);
    assert_ne!(hash(2, 1_000), whole);
}
