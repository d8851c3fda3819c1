//! The sweep panel's logic without a browser: a [`SweepDriver`] steps a load sweep a slice per animation frame
//! (never the learner's own run, which lives in [`crate::runner::Runner`]), and [`charts`] turns its result into
//! the three charts the panel draws against the swept setting — latency p50/p95/p99, error ratio and cost — with the
//! knee marked, plus the sentence that names the knee. Dropping the driver cancels the sweep.

use crate::plot::{ChartData, Series, XAxis};
use sim_core::Scenario;
use sim_core::scenario::Budget;
use sim_core::sweep::{Sweep, SweepError, SweepResult, SweepRun};

/// Events simulated per animation frame while sweeping (about 30–60 ms of work in the browser).
pub const SWEEP_EVENTS_PER_FRAME: u64 = 250_000;

/// Where a sweep stands after a slice.
#[derive(Clone, Debug, PartialEq)]
pub enum Swept {
    /// Still running: share done, 0–1, and the values finished so far.
    Running(f64, SweepResult),
    /// Every run done.
    Done(SweepResult),
    /// A run could not be built (the sentence).
    Failed(String),
}

/// A sweep under way on a copy of the document.
pub struct SweepDriver {
    run: SweepRun,
}

impl SweepDriver {
    /// A sweep of `doc` ready to step.
    ///
    /// # Errors
    /// Why it cannot run ([`Sweep::check`]): its sentence is for the learner.
    pub fn new(doc: &Scenario, sweep: &Sweep) -> Result<SweepDriver, SweepError> {
        SweepRun::new(doc, sweep, &Budget::default()).map(|run| SweepDriver { run })
    }

    /// Simulates up to `events` more events (see [`SWEEP_EVENTS_PER_FRAME`]).
    pub fn slice(&mut self, events: u64) -> Swept {
        let done = self.run.step(events);
        if let Some(e) = self.run.error() {
            return Swept::Failed(e.to_string());
        }
        if done {
            Swept::Done(self.run.result())
        } else {
            Swept::Running(self.run.progress(), self.run.result())
        }
    }
}

/// The three charts of a sweep result against the swept setting (`unit` its unit): latency percentiles (ms),
/// error ratio (%), cost (USD/hour); each marks the knee. Points not finished yet are left out.
#[must_use]
pub fn charts(result: &SweepResult, unit: &'static str) -> [ChartData; 3] {
    let x = XAxis {
        values: result.points.iter().map(|p| p.value).collect(),
        unit,
        mark: result.knee,
        mark_label: "knee",
    };
    let series = |name: &str, class, help: &str, values: Vec<f64>| Series {
        name: name.to_owned(),
        class,
        help: help.to_owned(),
        values,
    };
    let pts = &result.points;
    let chart = |series: Vec<Series>| ChartData {
        series,
        span_s: (0.0, 0.0),
        x: Some(x.clone()),
        alerts: Vec::new(),
    };
    // A value at which nothing succeeded has no latency: a gap, not a drop to 0 ms.
    let latency = |f: fn(&sim_core::sweep::SweepPoint) -> f64| -> Vec<f64> {
        pts.iter()
            .map(|p| if p.error_ratio < 1.0 { f(p) } else { f64::NAN })
            .collect()
    };
    [
        chart(vec![
            series(
                "p50",
                "s1",
                "Half of the requests were faster than this",
                latency(|p| p.latency_ms_p50),
            ),
            series(
                "p95",
                "s2",
                "95 of 100 requests were faster than this",
                latency(|p| p.latency_ms_p95),
            ),
            series(
                "p99",
                "s3",
                "99 of 100 requests were faster than this",
                latency(|p| p.latency_ms_p99),
            ),
        ]),
        chart(vec![series(
            "errors",
            "s3",
            "Failed requests per 100 answered",
            pts.iter().map(|p| 100.0 * p.error_ratio).collect(),
        )]),
        chart(vec![series(
            "cost",
            "s1",
            "What every node costs together, USD per hour",
            pts.iter().map(|p| p.cost_per_hour).collect(),
        )]),
    ]
}

/// A swept value as people read it: whole above 100 (`1653`), two significant decimals below (`0.35`, `12.5`).
#[must_use]
pub fn value_text(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// Where a sweep's knee is and why, as data for a sentence in any language.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Knee {
    /// p99 stays under twice its low-load value and errors under 1 %.
    None,
    /// More than 1 % of requests fail at `value`.
    Errors {
        /// The swept setting's value at the knee.
        value: f64,
        /// The share of requests failing there, 0–1.
        error_ratio: f64,
    },
    /// p99 doubled at `value`.
    Latency {
        /// The swept setting's value at the knee.
        value: f64,
        /// p99 at the first value, ms.
        from_ms: f64,
        /// p99 at the knee, ms.
        to_ms: f64,
    },
}

/// The sweep's knee ([`Knee`]).
#[must_use]
pub fn knee(result: &SweepResult) -> Knee {
    let Some(p) = result.knee.and_then(|k| result.points.get(k)) else {
        return Knee::None;
    };
    if p.error_ratio > 0.01 {
        Knee::Errors {
            value: p.value,
            error_ratio: p.error_ratio,
        }
    } else {
        Knee::Latency {
            value: p.value,
            from_ms: result.points.first().map_or(0.0, |f| f.latency_ms_p99),
            to_ms: p.latency_ms_p99,
        }
    }
}

/// The knee as a sentence in English: where it is and why (p99 doubled, or errors passed 1 %), or that there is
/// none yet.
#[must_use]
pub fn knee_sentence(result: &SweepResult, unit: &str) -> String {
    match knee(result) {
        Knee::None => {
            "No knee: p99 stays under twice its low-load value and errors under 1 %.".to_owned()
        }
        Knee::Errors { value, error_ratio } => format!(
            "Knee at {} {unit}: {:.1} % of requests fail.",
            value_text(value),
            100.0 * error_ratio
        ),
        Knee::Latency {
            value,
            from_ms,
            to_ms,
        } => format!(
            "Knee at {} {unit}: p99 doubled from {from_ms:.0} ms to {to_ms:.0} ms.",
            value_text(value)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim_core::scenario::presets;

    fn small_sweep() -> (Scenario, Sweep) {
        let s = presets::get("three_tier").expect("preset");
        let sweep = Sweep {
            from: 400.0,
            to: 2_000.0,
            points: 3,
            seeds: 1,
            duration_s: Some(5.0),
            ..Sweep::default_for(&s).expect("a client")
        };
        (s, sweep)
    }

    #[test]
    fn a_sweep_runs_in_slices_to_its_result_and_charts_mark_the_knee() {
        let (s, sweep) = small_sweep();
        let mut d = SweepDriver::new(&s, &sweep).expect("runs");
        let mut slices = 0;
        let result = loop {
            slices += 1;
            match d.slice(5_000) {
                Swept::Running(p, partial) => {
                    assert!((0.0..1.0).contains(&p));
                    assert!(partial.points.len() < 3);
                }
                Swept::Done(r) => break r,
                Swept::Failed(e) => panic!("{e}"),
            }
        };
        assert!(slices > 3, "slices of 5 000 events: {slices}");
        assert_eq!(result.points.len(), 3);
        // 2 000 req/s is past the web tier's 1 600.
        assert_eq!(result.knee, Some(2));
        let [latency, errors, cost] = charts(&result, "req/s");
        assert_eq!(latency.series.len(), 3);
        assert_eq!(latency.x.as_ref().and_then(|x| x.mark), Some(2));
        assert_eq!(latency.x_label(1), "1.2k req/s");
        assert!(errors.series[0].values[2] > 1.0);
        assert!(cost.series[0].values.iter().all(|&c| c > 0.0));
        let sentence = knee_sentence(&result, "req/s");
        assert!(sentence.starts_with("Knee at 2000 req/s: "), "{sentence}");
        assert_eq!(value_text(1_653.333), "1653");
        assert_eq!(value_text(0.35), "0.35");
        assert_eq!(value_text(12.5), "12.5");
    }

    #[test]
    fn a_sweep_that_cannot_run_says_why() {
        let (s, mut sweep) = small_sweep();
        sweep.seeds = 0;
        let e = SweepDriver::new(&s, &sweep).err().expect("refused");
        assert_eq!(e.to_string(), "a sweep runs 1 to 8 seeds per value (got 0)");
    }
}
