//! Service level objectives at run time: each closed 1 s window's answers join a rolling window per SLO (counts,
//! and a histogram that windows are added to and taken from, so the rolling p99 is that of every answer in the
//! window, not a mean of per-window p99s); an alert is raised when an objective fails and cleared when it holds
//! again. Evaluated only when the engine closes a window: no events of its own, so runs without SLOs hash as they
//! did. Writing the log sentences is the engine's job (`engine/slo.rs`).
//!
//! Cold start: until a whole window has passed, the rolling window reaches back before the run. Those missing
//! seconds count as healthy, at the traffic seen so far: an alert needs the failures (or answers slower than the
//! p99 limit) to exceed what a whole window's worth of that traffic allows, so a first second of cold caches does
//! not raise a p99 alert on its own, while an outage early in a long window still does at once. Once the window
//! is full this is the plain rule (availability below the minimum, rolling p99 above the maximum).

use super::{Histogram, SparseHistogram};
use crate::scenario::Slo;
use crate::time::SimTime;
use std::collections::VecDeque;

/// One SLO's rolling window and alert history.
#[derive(Clone, Debug)]
pub struct SloState {
    /// The objective.
    pub slo: Slo,
    rolling: Histogram,
    completed: u64,
    failed: u64,
    /// Closed 1 s windows in the rolling window so far: from 1 up to `slo.window_s`, where it stays.
    filled_s: u32,
    /// Alerts raised since the start.
    pub alerts: u64,
    /// Time in breach in alerts already cleared, µs.
    breach_us_cleared: u64,
    /// The last [`SloTracker::INTERVALS`] alerts, oldest first: (raised, cleared; `None` while still raised).
    intervals: VecDeque<(SimTime, Option<SimTime>)>,
}

impl SloState {
    /// Whether the alert is raised now.
    #[must_use]
    pub fn breached(&self) -> bool {
        self.intervals.back().is_some_and(|(_, end)| end.is_none())
    }

    /// Time in breach from the start to `now`, µs: the alerts' intervals, an open one up to `now`.
    #[must_use]
    pub fn breach_us(&self, now: SimTime) -> u64 {
        let open = match self.intervals.back() {
            Some(&(start, None)) => now.since(start).as_us(),
            _ => 0,
        };
        self.breach_us_cleared + open
    }

    /// The kept alert intervals, oldest first: (raised at, cleared at; `None` while raised).
    #[must_use]
    pub fn intervals(&self) -> Vec<(SimTime, Option<SimTime>)> {
        self.intervals.iter().copied().collect()
    }

    /// Successful share of the answers in the rolling window (`None` when nothing was answered).
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // a ratio for display
    pub fn availability(&self) -> Option<f64> {
        let answered = self.completed + self.failed;
        (answered > 0).then(|| self.completed as f64 / answered as f64)
    }

    /// 99th percentile of the successful requests' latencies in the rolling window, µs (0 when none).
    #[must_use]
    pub fn latency_us_p99(&self) -> u64 {
        self.rolling.quantile_us(0.99)
    }

    /// Seconds of the run in the rolling window, 1 to `window_s` (less only in the run's first `window_s` s).
    #[must_use]
    pub fn filled_s(&self) -> u32 {
        self.filled_s
    }

    /// Whether a whole window has passed (before that, the seconds before the run count as healthy).
    #[must_use]
    pub fn window_full(&self) -> bool {
        self.filled_s >= self.slo.window_s
    }

    /// Whether the availability objective fails now: it is set and answered requests fell short, over a window
    /// padded to its whole length with healthy answers at the rate seen so far while it is not yet full
    /// (failed × filled > (1 − min) × answered × window).
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // counts compared as a ratio
    pub fn availability_fails(&self) -> bool {
        match (self.slo.availability_min, self.availability()) {
            (Some(min), Some(a)) if self.window_full() => a < min,
            (Some(min), Some(_)) => {
                let answered = (self.completed + self.failed) as f64;
                self.failed as f64 * f64::from(self.filled_s)
                    > (1.0 - min) * answered * f64::from(self.slo.window_s)
            }
            _ => false,
        }
    }

    /// The quantile of the window's own answers that is the p99 of the window padded to its whole length with
    /// instant answers at the rate seen so far: 1 − 0.01 × window / filled (0.99 once full; 0 or less: the
    /// padding alone holds the p99, which cannot fail).
    #[must_use]
    pub fn judged_quantile(&self) -> f64 {
        if self.window_full() {
            0.99
        } else {
            1.0 - 0.01 * f64::from(self.slo.window_s) / f64::from(self.filled_s.max(1))
        }
    }

    /// Whether the latency objective fails now: it is set, and the rolling p99 is above it (while the window is
    /// not yet full, the p99 of the padded window, see [`SloState::judged_quantile`]).
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // µs to compare with a limit in ms
    pub fn latency_fails(&self) -> bool {
        let q = self.judged_quantile();
        self.slo.latency_ms_p99_max.is_some_and(|max_ms| {
            self.rolling.count() > 0
                && q > 0.0
                && self.rolling.quantile_us(q) as f64 > max_ms * 1_000.0
        })
    }
}

/// An alert raised or cleared when a window closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SloAlert {
    /// Index of the SLO in the scenario's list.
    pub slo: usize,
    /// Raised (true) or cleared.
    pub raised: bool,
}

/// Every SLO of a run, with the last closed windows they look back over.
#[derive(Clone, Debug, Default)]
pub struct SloTracker {
    /// Closed windows, newest last: (completed, failed, latencies), as many as the longest SLO window.
    ring: VecDeque<(u64, u64, SparseHistogram)>,
    keep: usize,
    states: Vec<SloState>,
}

impl SloTracker {
    /// Alert intervals kept per SLO (the count and time in breach cover every one).
    pub const INTERVALS: usize = 1_000;

    /// A tracker for `slos` (empty: does nothing).
    #[must_use]
    pub fn new(slos: &[Slo]) -> Self {
        SloTracker {
            ring: VecDeque::new(),
            keep: slos.iter().map(|s| s.window_s as usize).max().unwrap_or(0),
            states: slos
                .iter()
                .map(|slo| SloState {
                    slo: slo.clone(),
                    rolling: Histogram::default(),
                    completed: 0,
                    failed: 0,
                    filled_s: 0,
                    alerts: 0,
                    breach_us_cleared: 0,
                    intervals: VecDeque::new(),
                })
                .collect(),
        }
    }

    /// The SLOs, in the scenario's order.
    #[must_use]
    pub fn states(&self) -> &[SloState] {
        &self.states
    }

    /// A 1 s window closed at `now` with these successful answers' latencies and `failed` failed answers: every
    /// SLO's rolling window takes it in (and lets go of the one that falls out), and alerts whose state changed
    /// are returned, in SLO order.
    pub fn window_closed(
        &mut self,
        now: SimTime,
        latency: &Histogram,
        failed: u64,
    ) -> Vec<SloAlert> {
        if self.states.is_empty() {
            return Vec::new();
        }
        let window = (latency.count(), failed, latency.sparse());
        self.ring.push_back(window);
        let newest = self.ring.len() - 1;
        let mut changed = Vec::new();
        for (i, st) in self.states.iter_mut().enumerate() {
            let (completed, failed, h) = &self.ring[newest];
            st.completed += completed;
            st.failed += failed;
            st.rolling.apply_sparse(h, true);
            st.filled_s = (st.filled_s + 1).min(st.slo.window_s);
            let len = st.slo.window_s as usize;
            if self.ring.len() > len {
                let (completed, failed, h) = &self.ring[newest - len];
                st.completed -= completed;
                st.failed -= failed;
                st.rolling.apply_sparse(h, false);
            }
            let breach = st.availability_fails() || st.latency_fails();
            if breach == st.breached() {
                continue;
            }
            if breach {
                st.alerts += 1;
                if st.intervals.len() == Self::INTERVALS {
                    st.intervals.pop_front();
                }
                st.intervals.push_back((now, None));
            } else if let Some((start, end)) = st.intervals.back_mut() {
                st.breach_us_cleared += now.since(*start).as_us();
                *end = Some(now);
            }
            changed.push(SloAlert {
                slo: i,
                raised: breach,
            });
        }
        if self.ring.len() > self.keep {
            self.ring.pop_front();
        }
        changed
    }
}
