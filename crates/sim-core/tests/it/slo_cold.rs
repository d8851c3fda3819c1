//! SLOs in a run's first window: until a whole rolling window has passed, the seconds before the run count as
//! healthy at the traffic seen so far (`metrics::slo`). A first second of cold DNS caches or a handful of early
//! failures does not raise an alert that no whole window would, while an outage early in a long window still
//! raises at once, and its log entry says how much of the window had run.

use crate::support::{fault, run};
use sim_core::metrics::{LogArg, LogKind, WindowStats};
use sim_core::scenario::{Edit, FaultAction, Slo};
use sim_core::{NodeId, Scenario, Simulation};

fn three_tier(seed: u64, slo: Slo) -> Scenario {
    let mut s = sim_core::scenario::presets::get("three_tier").expect("a preset");
    s.seed = seed;
    s.apply(Edit::SetSlos(vec![slo])).expect("one SLO");
    s
}

fn web_1(s: &Scenario) -> NodeId {
    s.nodes
        .iter()
        .find(|n| n.label == "Web 1")
        .expect("Web 1")
        .id
}

/// (time s, raised) of SLO 0's log entries.
fn alerts(sim: &Simulation) -> Vec<(f64, bool)> {
    sim.frame()
        .log
        .iter()
        .filter_map(|e| match e.kind {
            LogKind::SloBreached { slo: 0 } => Some((e.at.as_secs_f64(), true)),
            LogKind::SloRecovered { slo: 0 } => Some((e.at.as_secs_f64(), false)),
            _ => None,
        })
        .collect()
}

/// Availability alerts recomputed from the frame's windows: over the last `window_s` windows (fewer at the
/// start, padded to `window_s` with healthy answers at the rate seen when `padded`), breached below `min`.
#[allow(clippy::cast_precision_loss)] // counts as ratios
fn recomputed(
    windows: &[WindowStats],
    window_s: usize,
    min: f64,
    padded: bool,
) -> Vec<(f64, bool)> {
    let (mut out, mut breached) = (Vec::new(), false);
    for k in 0..windows.len() {
        let span = &windows[k.saturating_sub(window_s - 1)..=k];
        let failed: u64 = span.iter().map(|w| w.failed).sum();
        let answered: u64 = span.iter().map(|w| w.completed + w.failed).sum();
        let scale = if padded {
            window_s as f64 / span.len() as f64
        } else {
            1.0
        };
        let breach = answered > 0 && failed as f64 > (1.0 - min) * answered as f64 * scale;
        if breach != breached {
            out.push((windows[k].start.as_secs_f64() + 1.0, breach));
            breached = breach;
        }
    }
    out
}

#[test]
fn cold_caches_in_the_first_second_raise_no_p99_alert_that_no_whole_window_would() {
    for seed in 1..=4 {
        let s = three_tier(
            seed,
            Slo {
                latency_ms_p99_max: Some(100.0),
                window_s: 10,
                ..Slo::default()
            },
        );
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 30.0);
        let first = &sim.frame().windows[0];
        // The first second alone is over the limit (cold DNS caches): judging it as the whole window would alert.
        assert!(
            first.completed > 500 && first.latency_ms_p99 > 100.0,
            "seed {seed}: {first:?}"
        );
        assert_eq!(alerts(&sim), [], "seed {seed}");
        assert!(sim.summary().slos[0].breach_s.abs() < 1e-9);
    }
}

#[test]
fn a_few_early_failures_raise_no_alert_but_an_early_outage_in_a_long_window_raises_at_once() {
    let slo = |min| Slo {
        availability_min: Some(min),
        window_s: 60,
        ..Slo::default()
    };
    for seed in 1..=3 {
        // Web 1 down for 50 ms at 5 s: a dozen or so failures of about 3 600 answers so far (0.4 %), 36 000 a
        // minute (0.04 %): no whole minute is below 99.9 %.
        let mut s = three_tier(seed, slo(0.999));
        let web = web_1(&s);
        fault(&mut s, 5.0, web, FaultAction::Kill);
        fault(&mut s, 5.05, web, FaultAction::Restore);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 70.0);
        let frame = sim.frame();
        let windows = &frame.windows;
        let failed: u64 = windows.iter().map(|w| w.failed).sum();
        assert!(failed > 0, "seed {seed}: the kill fails requests");
        assert_eq!(
            alerts(&sim),
            recomputed(windows, 60, 0.999, true),
            "seed {seed}"
        );
        assert_eq!(alerts(&sim), [], "seed {seed}");
        let unpadded = recomputed(windows, 60, 0.999, false);
        assert!(
            unpadded.first().is_some_and(|&(t, up)| up && t <= 6.0),
            "seed {seed}: the elapsed seconds alone fall short ({failed} failed): {unpadded:?}"
        );

        // Web 1 dead from 5 s on: the balancer sends it half the traffic until its health check fails.
        let mut s = three_tier(seed, slo(0.999));
        fault(&mut s, 5.0, web, FaultAction::Kill);
        let mut sim = Simulation::new(&s).expect("valid");
        run(&mut sim, 90.0);
        let got = alerts(&sim);
        assert_eq!(
            got,
            recomputed(&sim.frame().windows, 60, 0.999, true),
            "seed {seed}"
        );
        assert_eq!(got.first(), Some(&(6.0, true)), "seed {seed}: {got:?}");
        let frame = sim.frame();
        let raised = frame
            .log
            .iter()
            .find(|e| e.kind == LogKind::SloBreached { slo: 0 })
            .expect("raised");
        let partial = raised.text.last().expect("clauses");
        assert_eq!(partial.id, "slo_partial");
        assert_eq!(partial.args, [("seconds", LogArg::Count(6))]);
        assert!(raised.message.ends_with(
            "only 6 s of the window have run; the time before the start counts as healthy"
        ));
    }
}
