//! What a challenge measures: answered requests from a start time on, with an exact latency histogram of the
//! successful ones (so the p99 is that of the whole interval, not of a single window), and which node failed how
//! many requests (so a verdict can name what failed them).
//!
//! One histogram write per answer: the latencies of a window that starts within the interval join it whole when
//! the window closes (the engine calls [`Measured::window_closed`]); only the window the interval starts in is
//! recorded answer by answer.

use super::{FailureCause, Histogram, WINDOW};
use crate::id::NodeIx;
use crate::time::{SimDuration, SimTime};

/// Counters from `from` on.
#[derive(Clone, Debug, Default)]
pub struct Measured {
    /// Start of the interval.
    pub from: SimTime,
    /// Latencies of successful requests answered in the interval, µs, up to the last closed window (see the module
    /// docs; the engine adds the open ones).
    pub latency: Histogram,
    /// Failed requests answered in the interval, by cause.
    pub failed_by_cause: [u64; FailureCause::COUNT],
    /// Requests each node failed in the interval (the node that was the cause), by engine node index and then
    /// [`FailureCause::index`]; counted when the node fails them, a return trip before their users hear of it.
    /// Grown on demand: a node that failed nothing may have no row.
    pub failed_here: Vec<[u64; FailureCause::COUNT]>,
}

impl Measured {
    /// An empty interval starting at `from`.
    #[must_use]
    pub fn starting(from: SimTime) -> Self {
        Measured {
            from,
            ..Measured::default()
        }
    }

    /// A request answered at `now`: counted if the interval has started.
    pub fn record(&mut self, now: SimTime, outcome: Result<SimDuration, FailureCause>) {
        if now < self.from {
            return;
        }
        match outcome {
            Ok(latency) => {
                let window_start = now.as_us() / WINDOW.as_us() * WINDOW.as_us();
                if window_start < self.from.as_us() {
                    self.latency.record(latency.as_us());
                }
            }
            Err(cause) => self.failed_by_cause[cause.index()] += 1,
        }
    }

    /// The window starting at `start` closed with these answers' latencies: they join the interval if the window
    /// lies in it.
    pub fn window_closed(&mut self, start: SimTime, latency: &Histogram) {
        if start >= self.from {
            self.latency.merge(latency);
        }
    }

    /// Node `node` failed a request with `cause` at `now`: counted if the interval has started.
    pub fn record_failed_here(&mut self, now: SimTime, node: NodeIx, cause: FailureCause) {
        if now < self.from {
            return;
        }
        let i = node.get();
        if self.failed_here.len() <= i {
            self.failed_here.resize(i + 1, [0; FailureCause::COUNT]);
        }
        self.failed_here[i][cause.index()] += 1;
    }

    /// Failed requests in the interval.
    #[must_use]
    pub fn failed(&self) -> u64 {
        self.failed_by_cause.iter().sum()
    }
}
