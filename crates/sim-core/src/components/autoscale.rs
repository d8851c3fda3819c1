//! Autoscaler kernel: one target-tracking autoscaler for web-server groups (instances, on utilization) and worker
//! pools (workers, on backlog). Every evaluation period the owner measures its signal and the autoscaler answers
//! with a plan: start more units (they take work after the warm-up), stop some at once, or nothing. After an action
//! it waits out its cooldown.
//!
//! Target tracking as cloud autoscalers do it (AWS "target tracking scaling policies"): a group at utilization u
//! with target t wants ⌈running · u / t⌉ instances; a pool with b jobs waiting and a target of k per worker wants
//! ⌈b / k⌉ workers; either is clamped to [min, max]. A group only shrinks when nothing is warming up.

use crate::time::{SimDuration, SimTime};

/// What the autoscaler tracks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Signal {
    /// Busy share of the workers since the last evaluation, aiming at `target` (0–1).
    Utilization {
        /// Target utilization.
        target: f64,
    },
    /// Jobs waiting, aiming at `per_worker` waiting jobs per worker.
    Backlog {
        /// Target backlog per worker.
        per_worker: u32,
    },
}

/// A measurement of the signal at an evaluation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// Utilization since the last evaluation (0–1).
    Utilization(f64),
    /// Jobs waiting now.
    Backlog(u64),
}

/// What to do after an evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalePlan {
    /// Start `more` units, ready at `ready_at` (then call [`Autoscaler::ready`]).
    Start {
        /// Units started.
        more: u32,
        /// When they finish warming up.
        ready_at: SimTime,
    },
    /// `fewer` units stopped now; `left` run.
    Stop {
        /// Units stopped.
        fewer: u32,
        /// Units running after the stop.
        left: u32,
    },
}

/// An autoscaler's state. Units are instances for a web group, workers for a pool.
#[derive(Clone, Debug)]
pub struct Autoscaler {
    /// Fewest units.
    pub min: u32,
    /// Most units.
    pub max: u32,
    /// Time from start to taking work.
    pub warm_up: SimDuration,
    /// Quiet time after an action.
    pub cooldown: SimDuration,
    /// Time between evaluations.
    pub period: SimDuration,
    /// Units taking work.
    pub running: u32,
    /// Units warming up.
    pub warming: u32,
    signal: Signal,
    last_action: Option<SimTime>,
}

impl Autoscaler {
    /// An autoscaler running `min` units (at least one for a utilization signal, which needs a unit to measure).
    #[must_use]
    pub fn new(
        signal: Signal,
        min: u32,
        max: u32,
        warm_up: SimDuration,
        cooldown: SimDuration,
        period: SimDuration,
    ) -> Self {
        Autoscaler {
            min,
            max: max.max(min),
            warm_up,
            cooldown,
            period,
            running: min,
            warming: 0,
            signal,
            last_action: None,
        }
    }

    /// Whether it can change size at all.
    #[must_use]
    pub fn scales(&self) -> bool {
        self.max > self.min
    }

    /// The units the signal asks for, before clamping.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to [min, max] by the caller
    fn wanted(&self, measure: Measure) -> u32 {
        match (self.signal, measure) {
            (Signal::Utilization { target }, Measure::Utilization(u)) => {
                libm::ceil(f64::from(self.running) * u / target.max(0.01)) as u32
            }
            (Signal::Backlog { per_worker }, Measure::Backlog(depth)) => {
                u32::try_from(depth.div_ceil(u64::from(per_worker.max(1)))).unwrap_or(u32::MAX)
            }
            (Signal::Utilization { .. }, Measure::Backlog(_))
            | (Signal::Backlog { .. }, Measure::Utilization(_)) => self.running,
        }
    }

    /// Evaluates `measure` at `now`. A unit that is down (`alive` false) or cooling down does nothing.
    pub fn evaluate(&mut self, now: SimTime, alive: bool, measure: Measure) -> Option<ScalePlan> {
        let cooling = self
            .last_action
            .is_some_and(|t| now.since(t) < self.cooldown);
        if !alive || cooling {
            return None;
        }
        let desired = self.wanted(measure).clamp(self.min, self.max);
        if desired > self.running + self.warming {
            let more = desired - self.running - self.warming;
            self.warming += more;
            self.last_action = Some(now);
            Some(ScalePlan::Start {
                more,
                ready_at: now + self.warm_up,
            })
        } else if desired < self.running && self.warming == 0 {
            let fewer = self.running - desired;
            self.running = desired;
            self.last_action = Some(now);
            Some(ScalePlan::Stop {
                fewer,
                left: desired,
            })
        } else {
            None
        }
    }

    /// `count` units finished warming up and take work.
    pub fn ready(&mut self, count: u32) {
        self.warming = self.warming.saturating_sub(count);
        self.running += count;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group() -> Autoscaler {
        Autoscaler::new(
            Signal::Utilization { target: 0.5 },
            2,
            10,
            SimDuration::from_secs(30),
            SimDuration::from_secs(60),
            SimDuration::from_secs(10),
        )
    }

    #[test]
    fn a_busy_group_starts_what_the_target_asks_for_then_cools_down() {
        let mut g = group();
        // 2 instances at 90 % with a 50 % target want ⌈3.6⌉ = 4.
        let plan = g.evaluate(SimTime(0), true, Measure::Utilization(0.9));
        assert_eq!(
            plan,
            Some(ScalePlan::Start {
                more: 2,
                ready_at: SimTime(30_000_000)
            })
        );
        assert_eq!((g.running, g.warming), (2, 2));
        assert_eq!(
            g.evaluate(SimTime(10_000_000), true, Measure::Utilization(1.0)),
            None,
            "cooling down"
        );
        g.ready(2);
        assert_eq!((g.running, g.warming), (4, 0));
        // After the cooldown, 4 instances at 10 % want 1, clamped to the minimum of 2.
        assert_eq!(
            g.evaluate(SimTime(70_000_000), true, Measure::Utilization(0.1)),
            Some(ScalePlan::Stop { fewer: 2, left: 2 })
        );
    }

    #[test]
    fn nothing_happens_while_down_or_warming_and_the_maximum_holds() {
        let mut g = group();
        assert_eq!(
            g.evaluate(SimTime(0), false, Measure::Utilization(1.0)),
            None
        );
        let Some(ScalePlan::Start { more, .. }) =
            g.evaluate(SimTime(0), true, Measure::Utilization(100.0))
        else {
            panic!("starts instances")
        };
        assert_eq!(more, 8, "up to the maximum of 10");
        assert_eq!(
            g.evaluate(SimTime(61_000_000), true, Measure::Utilization(0.0)),
            None,
            "no shrinking while instances warm up"
        );
    }

    #[test]
    fn a_pool_tracks_its_backlog_per_worker() {
        let mut p = Autoscaler::new(
            Signal::Backlog { per_worker: 10 },
            1,
            20,
            SimDuration::from_secs(5),
            SimDuration::ZERO,
            SimDuration::from_secs(5),
        );
        // 95 waiting jobs at 10 per worker want 10 workers.
        assert_eq!(
            p.evaluate(SimTime(0), true, Measure::Backlog(95)),
            Some(ScalePlan::Start {
                more: 9,
                ready_at: SimTime(5_000_000)
            })
        );
        p.ready(9);
        assert_eq!(
            p.evaluate(SimTime(5_000_000), true, Measure::Backlog(0)),
            Some(ScalePlan::Stop { fewer: 9, left: 1 }),
            "no cooldown: an empty queue shrinks at once"
        );
    }
}
