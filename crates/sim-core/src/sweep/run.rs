//! Stepping a sweep: every (value, seed) pair is a fresh simulation, run to its end in slices of a work budget
//! (so the app can give it a few milliseconds per animation frame, and cancel by dropping it), and the seeds of
//! one value are pooled into one [`SweepPoint`]. Reads runs, changes none.

use super::{Sweep, SweepError};
use crate::engine::Simulation;
use crate::metrics::Histogram;
use crate::scenario::{Budget, Scenario};
use crate::time::SimTime;
use serde::Serialize;

/// The pooled figures of one value of the swept setting (over its seeds).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepPoint {
    /// The setting's value.
    pub value: f64,
    /// Median latency of the successful requests, ms (every seed's requests pooled; within 1.6 %).
    pub latency_ms_p50: f64,
    /// 95th percentile, ms.
    pub latency_ms_p95: f64,
    /// 99th percentile, ms.
    pub latency_ms_p99: f64,
    /// Failed ÷ answered requests, 0–1.
    pub error_ratio: f64,
    /// Successful requests per second of simulated time.
    pub throughput_rps: f64,
    /// What every node costs together at the end of the run, USD per hour (mean over the seeds).
    pub cost_per_hour: f64,
}

/// A sweep's figures so far, with its knee.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepResult {
    /// The sweep.
    pub sweep: Sweep,
    /// One per value finished, in order.
    pub points: Vec<SweepPoint>,
    /// Index into `points` of the knee (see [`knee`]), if one is reached.
    pub knee: Option<usize>,
}

/// The knee of a load curve: the first point whose p99 is at least twice the first point's (the low-load value),
/// or whose error ratio passes 1 %. `None` when no point does (or there are none).
#[must_use]
pub fn knee(points: &[SweepPoint]) -> Option<usize> {
    let base = points.first()?.latency_ms_p99;
    points
        .iter()
        .position(|p| p.error_ratio > 0.01 || (base > 0.0 && p.latency_ms_p99 >= 2.0 * base))
}

/// Pooled totals of the seeds of the value under way.
#[derive(Clone, Debug, Default)]
struct Pool {
    latency: Histogram,
    completed: u64,
    failed: u64,
    seconds: f64,
    cost_per_hour: f64,
    runs: u32,
}

/// A sweep under way. Build it with [`SweepRun::new`], call [`SweepRun::step`] until it returns true, read
/// [`SweepRun::result`] at any time; drop it to cancel.
pub struct SweepRun {
    sweep: Sweep,
    base: Scenario,
    budget: Budget,
    values: Vec<f64>,
    /// Index of the next run to start (value × seeds + seed).
    next: u32,
    current: Option<(Simulation, SimTime)>,
    pool: Pool,
    points: Vec<SweepPoint>,
    error: Option<SweepError>,
    /// Events processed by every run so far.
    events: u64,
}

impl SweepRun {
    /// A sweep of `scenario` ready to step, once [`Sweep::check`] accepts it under `budget`.
    ///
    /// # Errors
    /// What [`Sweep::check`] finds.
    pub fn new(
        scenario: &Scenario,
        sweep: &Sweep,
        budget: &Budget,
    ) -> Result<SweepRun, SweepError> {
        sweep.check(scenario, budget)?;
        let integer = sweep.spec(scenario)?.integer;
        Ok(SweepRun {
            sweep: sweep.clone(),
            base: scenario.clone(),
            budget: *budget,
            values: sweep.values(integer),
            next: 0,
            current: None,
            pool: Pool::default(),
            points: Vec::new(),
            error: None,
            events: 0,
        })
    }

    fn runs_total(&self) -> u32 {
        self.sweep.points * self.sweep.seeds
    }

    /// Whether every run is done (or one could not be built: see [`SweepRun::error`]).
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.error.is_some() || (self.current.is_none() && self.next >= self.runs_total())
    }

    /// Events processed by every run so far (the sweep's work).
    #[must_use]
    pub fn events_processed(&self) -> u64 {
        self.events
    }

    /// Why the sweep stopped early, if it did (a run the check accepted could not be built).
    #[must_use]
    pub fn error(&self) -> Option<&SweepError> {
        self.error.as_ref()
    }

    /// Share of the runs done, 0–1, counting the run under way by its simulated time.
    #[must_use]
    pub fn progress(&self) -> f64 {
        let total = f64::from(self.runs_total().max(1));
        let current = self.current.as_ref().map_or(0.0, |(sim, end)| {
            if end.as_us() == 0 {
                1.0
            } else {
                sim.now().as_secs_f64() / end.as_secs_f64()
            }
        });
        let started = f64::from(self.next) - if self.current.is_some() { 1.0 } else { 0.0 };
        ((started + current) / total).clamp(0.0, 1.0)
    }

    /// Processes at most `event_budget` events (at least one run step), starting runs as earlier ones end.
    /// Returns whether the sweep is done.
    pub fn step(&mut self, event_budget: u64) -> bool {
        let mut left = event_budget.max(1);
        while left > 0 && !self.is_done() {
            if self.current.is_none() && !self.start_next() {
                break;
            }
            let Some((sim, end)) = self.current.as_mut() else {
                break;
            };
            let out = sim.step_until(*end, left);
            self.events += out.events;
            left = left.saturating_sub(out.events.max(1));
            if out.reached {
                let (sim, _) = self.current.take().expect("a run was under way");
                self.finish_run(&sim);
            }
        }
        self.is_done()
    }

    /// Steps to the end and returns the result.
    #[must_use]
    pub fn run_to_end(mut self) -> SweepResult {
        while !self.step(u64::MAX) {}
        self.result()
    }

    /// Builds the next run; false (and the error recorded) when it cannot be built.
    fn start_next(&mut self) -> bool {
        let seeds = self.sweep.seeds;
        let (point, seed) = (self.next / seeds, self.next % seeds);
        let Some(&value) = self.values.get(point as usize) else {
            return false;
        };
        let built = self
            .sweep
            .scenario_at(&self.base, value, seed)
            .and_then(|s| {
                Simulation::with_budget(&s, &self.budget)
                    .map(|sim| (sim, s.end_time()))
                    .map_err(|issues| SweepError::Invalid { value, issues })
            });
        match built {
            Ok(run) => {
                self.current = Some(run);
                self.next += 1;
                true
            }
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    #[allow(clippy::cast_precision_loss)] // counts as ratios
    fn finish_run(&mut self, sim: &Simulation) {
        let pool = &mut self.pool;
        pool.latency.merge(&sim.latency());
        pool.completed += sim.completed;
        pool.failed += sim.failed;
        pool.seconds += sim.now().as_secs_f64();
        pool.cost_per_hour += sim
            .nodes
            .indices()
            .map(|i| sim.node_usd_per_hour(i))
            .sum::<f64>();
        pool.runs += 1;
        if pool.runs < self.sweep.seeds {
            return;
        }
        let pool = std::mem::take(&mut self.pool);
        let ms = |q: f64| pool.latency.quantile_us(q) as f64 / 1e3;
        let answered = pool.completed + pool.failed;
        self.points.push(SweepPoint {
            value: self.values[self.points.len()],
            latency_ms_p50: ms(0.50),
            latency_ms_p95: ms(0.95),
            latency_ms_p99: ms(0.99),
            error_ratio: if answered == 0 {
                0.0
            } else {
                pool.failed as f64 / answered as f64
            },
            throughput_rps: if pool.seconds > 0.0 {
                pool.completed as f64 / pool.seconds
            } else {
                0.0
            },
            cost_per_hour: pool.cost_per_hour / f64::from(pool.runs),
        });
    }

    /// The figures of the values finished so far, with the knee among them.
    #[must_use]
    pub fn result(&self) -> SweepResult {
        SweepResult {
            sweep: self.sweep.clone(),
            knee: knee(&self.points),
            points: self.points.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    fn point(value: f64, p99: f64, errors: f64) -> SweepPoint {
        SweepPoint {
            value,
            latency_ms_p50: p99 / 2.0,
            latency_ms_p95: p99 * 0.9,
            latency_ms_p99: p99,
            error_ratio: errors,
            throughput_rps: value,
            cost_per_hour: 1.0,
        }
    }

    #[test]
    fn the_knee_is_where_p99_doubles_or_errors_pass_one_percent() {
        let pts = [
            point(1.0, 50.0, 0.0),
            point(2.0, 90.0, 0.0),
            point(3.0, 100.0, 0.0),
        ];
        assert_eq!(knee(&pts), Some(2));
        let pts = [
            point(1.0, 50.0, 0.0),
            point(2.0, 60.0, 0.02),
            point(3.0, 500.0, 0.5),
        ];
        assert_eq!(knee(&pts), Some(1));
        assert_eq!(knee(&[point(1.0, 50.0, 0.0), point(2.0, 99.0, 0.01)]), None);
        assert_eq!(knee(&[]), None);
    }

    #[test]
    fn slices_give_the_same_figures_as_one_go_and_progress_rises_to_one() {
        let s = presets::get("three_tier").expect("preset");
        let sweep = Sweep {
            from: 200.0,
            to: 1_800.0,
            points: 3,
            seeds: 2,
            duration_s: Some(5.0),
            ..Sweep::default_for(&s).expect("client")
        };
        let budget = Budget::default();
        let whole = SweepRun::new(&s, &sweep, &budget)
            .expect("valid")
            .run_to_end();
        let mut sliced = SweepRun::new(&s, &sweep, &budget).expect("valid");
        let mut last = sliced.progress();
        assert!(last.abs() < f64::EPSILON);
        while !sliced.step(7_919) {
            let p = sliced.progress();
            assert!(p >= last && p < 1.0, "progress {last} then {p}");
            last = p;
        }
        assert!((sliced.progress() - 1.0).abs() < 1e-12);
        assert_eq!(sliced.result(), whole);
        assert_eq!(whole.points.len(), 3);
        let p = &whole.points;
        assert!(
            p[0].latency_ms_p50 <= p[0].latency_ms_p95
                && p[0].latency_ms_p95 <= p[0].latency_ms_p99
        );
        // Throughput follows the offered load below capacity.
        assert!((p[0].throughput_rps - 200.0).abs() < 20.0, "{:?}", p[0]);
        assert!(p[2].latency_ms_p99 > p[0].latency_ms_p99);
    }
}
