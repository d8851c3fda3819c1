//! Simulated time: integer microseconds. Floats appear only at the edges (settings in milliseconds or seconds,
//! display); inside the engine every instant and duration is a `u64` count of µs, so no event is ever rounded to a
//! frame and native and wasm agree exactly.

use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign, Sub};

/// An instant of simulated time, in microseconds since the start of the run.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct SimTime(pub u64);

/// A span of simulated time, in microseconds.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct SimDuration(pub u64);

/// Microseconds in one millisecond.
pub const US_PER_MS: u64 = 1_000;
/// Microseconds in one second.
pub const US_PER_S: u64 = 1_000_000;

impl SimTime {
    /// Time zero, the start of every run.
    pub const ZERO: SimTime = SimTime(0);

    /// Microseconds since the start of the run.
    #[must_use]
    pub fn as_us(self) -> u64 {
        self.0
    }

    /// Seconds since the start, for display only.
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // display conversion; 2^53 µs is 285 years
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / US_PER_S as f64
    }

    /// The instant `s` seconds after the start, rounded to the nearest µs (negative and NaN give zero, huge values
    /// saturate: see [`SimDuration::from_ms_f64`]). The one conversion from seconds to sim time: a run's end
    /// ([`crate::Scenario::end_time`]), a rewind's target, the CLI's `--duration-s`.
    #[must_use]
    pub fn from_secs_f64(s: f64) -> Self {
        SimTime(SimDuration::from_secs_f64(s).as_us())
    }

    /// The span from `earlier` to `self`; zero if `earlier` is later (never underflows).
    #[must_use]
    pub fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }
}

impl SimDuration {
    /// The zero span.
    pub const ZERO: SimDuration = SimDuration(0);

    /// From whole milliseconds.
    #[must_use]
    pub const fn from_ms(ms: u64) -> Self {
        SimDuration(ms * US_PER_MS)
    }

    /// From whole seconds.
    #[must_use]
    pub const fn from_secs(s: u64) -> Self {
        SimDuration(s * US_PER_S)
    }

    /// From a (settings) value in milliseconds, rounded to the nearest µs; negative and NaN give zero and huge
    /// values saturate, so a bad setting cannot wrap time around.
    #[must_use]
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped before the cast
    pub fn from_ms_f64(ms: f64) -> Self {
        let us = ms * 1_000.0;
        if us.is_nan() || us <= 0.0 {
            SimDuration(0)
        } else if us >= 1.8e19 {
            SimDuration(u64::MAX / 4)
        } else {
            SimDuration(libm::round(us) as u64)
        }
    }

    /// From a (settings) value in seconds; same clamping as [`SimDuration::from_ms_f64`].
    #[must_use]
    pub fn from_secs_f64(s: f64) -> Self {
        Self::from_ms_f64(s * 1_000.0)
    }

    /// Microseconds in this span.
    #[must_use]
    pub fn as_us(self) -> u64 {
        self.0
    }

    /// Milliseconds, for display and summaries.
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // display conversion
    pub fn as_ms_f64(self) -> f64 {
        self.0 as f64 / US_PER_MS as f64
    }
}

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
}

impl AddAssign<SimDuration> for SimTime {
    fn add_assign(&mut self, d: SimDuration) {
        self.0 = self.0.saturating_add(d.0);
    }
}

impl Add for SimDuration {
    type Output = SimDuration;
    fn add(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(d.0))
    }
}

impl Sub for SimTime {
    type Output = SimDuration;
    fn sub(self, earlier: SimTime) -> SimDuration {
        self.since(earlier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_to_the_nearest_microsecond_and_never_go_negative() {
        assert_eq!(SimDuration::from_ms_f64(1.0004), SimDuration(1_000));
        assert_eq!(SimDuration::from_ms_f64(1.0006), SimDuration(1_001));
        assert_eq!(SimDuration::from_ms_f64(-5.0), SimDuration(0));
        assert_eq!(SimDuration::from_ms_f64(f64::NAN), SimDuration(0));
        assert_eq!(SimDuration::from_secs_f64(2.5), SimDuration(2_500_000));
    }

    #[test]
    fn seconds_become_sim_time_rounded_like_settings() {
        assert_eq!(SimTime::from_secs_f64(120.0), SimTime(120_000_000));
        assert_eq!(SimTime::from_secs_f64(0.000_000_6), SimTime(1));
        assert_eq!(SimTime::from_secs_f64(-1.0), SimTime::ZERO);
        assert_eq!(SimTime::from_secs_f64(f64::NAN), SimTime::ZERO);
    }

    #[test]
    fn time_arithmetic_saturates_instead_of_wrapping() {
        assert_eq!(SimTime(5).since(SimTime(9)), SimDuration(0));
        assert_eq!(SimTime(u64::MAX) + SimDuration(10), SimTime(u64::MAX));
    }
}
