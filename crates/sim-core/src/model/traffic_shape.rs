//! Traffic over time: a client's request rate is its base rate (`arrival_rate_per_s`) times a multiplier m(t) that
//! follows a shape — constant, a linear ramp, a flash crowd, a daily cycle or a scripted piecewise-linear profile.
//!
//! Arrivals stay a Poisson process with the time-varying rate λ(t) = base · m(t), drawn by inverting the integrated
//! rate (Çinlar's method; e.g. Law, *Simulation Modeling and Analysis*, §8.6.2): the client draws the same
//! exponential gap it would draw at a constant rate, as "base-rate seconds" e, and the next arrival is the t₁ with
//! ∫ₜ₀^ₜ₁ m(s) ds = e. So a shaped client consumes exactly one draw per request, like a constant one, a zero rate
//! stretch simply holds no arrivals, and replays stay exact. Piecewise-linear shapes are inverted in closed form
//! per segment; the daily cycle by safeguarded Newton steps on its closed-form integral. Portable: only IEEE
//! arithmetic, `sqrt`, and `libm`'s `sin`/`cos`.
//!
//! This module describes the shape (the document); it must not know about engine state.

use serde::{Deserialize, Serialize};

/// The largest multiple of the base rate a shape may reach (a flash crowd of 100× is already extreme).
pub const MULTIPLE_MAX: f64 = 100.0;
/// The most points a scripted profile may have.
pub const POINTS_MAX: usize = 64;
/// The latest time, s, a shape may name (about 11.6 days: longer than any run the budget allows).
pub const TIME_MAX_S: f64 = 1_000_000.0;

/// How a client's rate changes over the run, as a multiplier of its base rate. In files:
/// `"traffic": {"shape": "flash_crowd", "multiple": 5, "start_s": 60, "rise_s": 5, "duration_s": 30}`; absent
/// means constant.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case", deny_unknown_fields)]
pub enum TrafficShape {
    /// The base rate throughout (m = 1).
    #[default]
    Constant,
    /// From the base rate at `start_s`, linearly to `to_multiple` × base at `start_s + over_s`, then held.
    Ramp {
        /// Multiple of the base rate reached at the end of the ramp, 0–100.
        to_multiple: f64,
        /// When the ramp starts, s.
        start_s: f64,
        /// How long it takes, s (0 = a step).
        over_s: f64,
    },
    /// A spike: from the base rate at `start_s`, up to `multiple` × base over `rise_s`, held for `duration_s`,
    /// and back down over `rise_s`.
    FlashCrowd {
        /// Peak multiple of the base rate, 0–100.
        multiple: f64,
        /// When the rise begins, s.
        start_s: f64,
        /// Rise (and fall) time, s.
        rise_s: f64,
        /// Time at the peak, s.
        duration_s: f64,
    },
    /// A day compressed into `period_s`: m(t) = 1 + a·sin(2πt/P) with a = (r − 1)/(r + 1) for a peak/trough
    /// ratio r, so the rate averages the base rate over a period, peaks at (1 + a) × base a quarter period in,
    /// and bottoms out at (1 − a) × base.
    DailyCycle {
        /// Peak rate over trough rate, 1–100.
        peak_to_trough: f64,
        /// Length of one "day", s (≥ 1).
        period_s: f64,
    },
    /// A scripted profile: `(time_s, multiple)` points, linear between them, held before the first and after the
    /// last. Times must not decrease; at most [`POINTS_MAX`] points.
    Piecewise {
        /// The profile's points.
        points: Vec<(f64, f64)>,
    },
}

/// Why a shape cannot be used (a file may carry one the inspector would never have produced).
#[derive(Clone, Debug, PartialEq)]
pub enum ShapeError {
    /// A number is negative, not finite, or beyond its limit; names the parameter.
    OutOfRange(&'static str, f64),
    /// A profile with no points, more than [`POINTS_MAX`], or times that go back.
    BadProfile(&'static str),
}

impl std::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShapeError::OutOfRange(name, v) => {
                write!(f, "traffic shape: {name} = {v} is out of range")
            }
            ShapeError::BadProfile(why) => write!(f, "traffic profile: {why}"),
        }
    }
}

fn in_range(name: &'static str, v: f64, max: f64) -> Result<(), ShapeError> {
    if v.is_finite() && (0.0..=max).contains(&v) {
        Ok(())
    } else {
        Err(ShapeError::OutOfRange(name, v))
    }
}

/// A piecewise-linear multiplier: points sorted by time, held constant outside them. A ramp's or a crowd's few
/// points are held inline and a profile's borrowed, so evaluating a shape (once per arrival) allocates nothing.
#[derive(Clone, Debug, PartialEq)]
enum Segments<'a> {
    /// The first `.1` points of the array.
    Inline([(f64, f64); 4], usize),
    /// A scripted profile's own points.
    Borrowed(&'a [(f64, f64)]),
}

impl TrafficShape {
    /// Checks every parameter against its range.
    ///
    /// # Errors
    /// The first parameter out of range, or what is wrong with a profile.
    pub fn check(&self) -> Result<(), ShapeError> {
        match self {
            TrafficShape::Constant => Ok(()),
            TrafficShape::Ramp {
                to_multiple,
                start_s,
                over_s,
            } => {
                in_range("to_multiple", *to_multiple, MULTIPLE_MAX)?;
                in_range("start_s", *start_s, TIME_MAX_S)?;
                in_range("over_s", *over_s, TIME_MAX_S)
            }
            TrafficShape::FlashCrowd {
                multiple,
                start_s,
                rise_s,
                duration_s,
            } => {
                in_range("multiple", *multiple, MULTIPLE_MAX)?;
                in_range("start_s", *start_s, TIME_MAX_S)?;
                in_range("rise_s", *rise_s, TIME_MAX_S)?;
                in_range("duration_s", *duration_s, TIME_MAX_S)
            }
            TrafficShape::DailyCycle {
                peak_to_trough,
                period_s,
            } => {
                if !(peak_to_trough.is_finite() && (1.0..=MULTIPLE_MAX).contains(peak_to_trough)) {
                    return Err(ShapeError::OutOfRange("peak_to_trough", *peak_to_trough));
                }
                if !(period_s.is_finite() && (1.0..=TIME_MAX_S).contains(period_s)) {
                    return Err(ShapeError::OutOfRange("period_s", *period_s));
                }
                Ok(())
            }
            TrafficShape::Piecewise { points } => {
                if points.is_empty() {
                    return Err(ShapeError::BadProfile("it has no points"));
                }
                if points.len() > POINTS_MAX {
                    return Err(ShapeError::BadProfile("it has more than 64 points"));
                }
                for &(t, m) in points {
                    in_range("time_s", t, TIME_MAX_S)?;
                    in_range("multiple", m, MULTIPLE_MAX)?;
                }
                if points.windows(2).any(|w| w[1].0 < w[0].0) {
                    return Err(ShapeError::BadProfile("its times go back"));
                }
                Ok(())
            }
        }
    }

    /// The flash crowd a learner sends during a run (`FaultAction::FlashCrowd`), starting at `start_s`: 4× the
    /// base rate after a 10 s rise, for 60 s, back down over 10 s — long enough for an autoscaler with a 30 s
    /// warm-up to add instances while it lasts, and to remove them after.
    #[must_use]
    pub fn crowd_from(start_s: f64) -> TrafficShape {
        TrafficShape::FlashCrowd {
            multiple: 4.0,
            start_s,
            rise_s: 10.0,
            duration_s: 60.0,
        }
    }

    /// Whether this is the constant shape (the engine then draws gaps exactly as before shapes existed).
    #[must_use]
    pub fn is_constant(&self) -> bool {
        matches!(self, TrafficShape::Constant)
    }

    fn segments(&self) -> Option<Segments<'_>> {
        Some(match *self {
            // An empty profile is refused by `check`; evaluated anyway, it is the base rate, not a panic.
            TrafficShape::Constant | TrafficShape::DailyCycle { .. } => return None,
            TrafficShape::Piecewise { ref points } if points.is_empty() => return None,
            TrafficShape::Ramp {
                to_multiple,
                start_s,
                over_s,
            } => Segments::Inline(
                [
                    (start_s, 1.0),
                    (start_s + over_s, to_multiple),
                    (0.0, 0.0),
                    (0.0, 0.0),
                ],
                2,
            ),
            TrafficShape::FlashCrowd {
                multiple,
                start_s,
                rise_s,
                duration_s,
            } => {
                let top = start_s + rise_s;
                let down = top + duration_s;
                Segments::Inline(
                    [
                        (start_s, 1.0),
                        (top, multiple),
                        (down, multiple),
                        (down + rise_s, 1.0),
                    ],
                    4,
                )
            }
            TrafficShape::Piecewise { ref points } => Segments::Borrowed(points),
        })
    }

    /// The amplitude a of a daily cycle with peak/trough ratio `r`.
    fn amplitude(r: f64) -> f64 {
        (r - 1.0) / (r + 1.0)
    }

    /// The multiplier m(t) at `t_s` seconds into the run (the client's rate is base × m).
    #[must_use]
    pub fn multiplier_at(&self, t_s: f64) -> f64 {
        match *self {
            TrafficShape::Constant => 1.0,
            TrafficShape::DailyCycle {
                peak_to_trough,
                period_s,
            } => {
                let a = Self::amplitude(peak_to_trough);
                1.0 + a * libm::sin(std::f64::consts::TAU * t_s / period_s)
            }
            _ => self.segments().map_or(1.0, |s| s.at(t_s)),
        }
    }

    /// ∫₀ᵗ m(s) ds, in base-rate seconds: the expected number of arrivals by `t_s` is base × this.
    #[must_use]
    pub fn integral(&self, t_s: f64) -> f64 {
        match *self {
            TrafficShape::Constant => t_s,
            TrafficShape::DailyCycle {
                peak_to_trough,
                period_s,
            } => {
                let a = Self::amplitude(peak_to_trough);
                let w = std::f64::consts::TAU / period_s;
                t_s + a / w * (1.0 - libm::cos(w * t_s))
            }
            _ => self.segments().map_or(t_s, |s| s.integral(t_s)),
        }
    }

    /// The largest multiplier the shape reaches (the peak the memory and work budget must allow for).
    #[must_use]
    pub fn peak_multiplier(&self) -> f64 {
        match *self {
            TrafficShape::Constant => 1.0,
            TrafficShape::DailyCycle { peak_to_trough, .. } => {
                1.0 + Self::amplitude(peak_to_trough)
            }
            _ => self
                .segments()
                .map_or(1.0, |s| s.points().iter().map(|p| p.1).fold(0.0, f64::max)),
        }
    }

    /// The next arrival after `t0_s`: the t₁ ≥ t₀ with ∫ₜ₀^ₜ₁ m(s) ds = `e_s` (an exponential gap drawn at the
    /// base rate, in seconds), or `None` when the rate is zero from some point on and `e_s` is never reached.
    #[must_use]
    pub fn warp(&self, t0_s: f64, e_s: f64) -> Option<f64> {
        match *self {
            TrafficShape::Constant => Some(t0_s + e_s),
            TrafficShape::DailyCycle {
                peak_to_trough,
                period_s,
            } => Some(self.warp_cycle(Self::amplitude(peak_to_trough), period_s, t0_s, e_s)),
            _ => self
                .segments()
                .map_or(Some(t0_s + e_s), |s| s.warp(t0_s, e_s)),
        }
    }

    /// Solves Λ(t₁) = Λ(t₀) + e for the daily cycle. Λ is increasing with slope m ∈ [1 − a, 1 + a], so t₁ lies
    /// in [t₀ + e/(1 + a), t₀ + e/(1 − a)]; Newton steps from t₀ + e/m(t₀), kept inside the bracket (bisection
    /// when a step leaves it), converge in a step or two for gaps short against the period.
    fn warp_cycle(&self, a: f64, period_s: f64, t0: f64, e: f64) -> f64 {
        let target = self.integral(t0) + e;
        let (mut lo, mut hi) = (t0 + e / (1.0 + a), t0 + e / (1.0 - a));
        // A gap is usually tiny against the period: the rate at t₀ already lands within rounding of the answer,
        // so Newton needs a step or two from there (a bracket midpoint needed five or six).
        let m0 = 1.0 + a * libm::sin(std::f64::consts::TAU * t0 / period_s);
        let mut t = (t0 + e / m0).clamp(lo, hi);
        for _ in 0..60 {
            let f = self.integral(t) - target;
            if f.abs() <= 1e-12 * (1.0 + target.abs()) {
                break;
            }
            if f > 0.0 {
                hi = t;
            } else {
                lo = t;
            }
            if hi - lo <= 1e-12 * (1.0 + hi.abs()) {
                break;
            }
            let slope = 1.0 + a * libm::sin(std::f64::consts::TAU * t / period_s);
            let next = t - f / slope;
            t = if next > lo && next < hi {
                next
            } else {
                0.5 * (lo + hi)
            };
        }
        t
    }
}

impl Segments<'_> {
    fn points(&self) -> &[(f64, f64)] {
        match self {
            Segments::Inline(points, n) => &points[..*n],
            Segments::Borrowed(points) => points,
        }
    }

    fn at(&self, t: f64) -> f64 {
        let p = self.points();
        let i = p.partition_point(|q| q.0 <= t);
        if i == 0 {
            return p[0].1;
        }
        if i == p.len() {
            return p[p.len() - 1].1;
        }
        let ((a, ma), (b, mb)) = (p[i - 1], p[i]);
        if b <= a {
            mb
        } else {
            ma + (mb - ma) * (t - a) / (b - a)
        }
    }

    /// ∫₀ᵗ m, walking the segments (each a trapezoid between its own two points, so a step — two points at one
    /// time — counts its left and right values on the right sides).
    fn integral(&self, t: f64) -> f64 {
        let p = self.points();
        let (t_first, m_first) = p[0];
        if t <= t_first {
            return m_first * t;
        }
        let mut total = m_first * t_first;
        for w in p.windows(2) {
            let ((a, ma), (b, mb)) = (w[0], w[1]);
            if b <= a {
                continue;
            }
            if t < b {
                let mt = ma + (mb - ma) * (t - a) / (b - a);
                return total + 0.5 * (ma + mt) * (t - a);
            }
            total += 0.5 * (ma + mb) * (b - a);
        }
        let (t_last, m_last) = p[p.len() - 1];
        total + m_last * (t - t_last)
    }

    /// The t₁ with ∫ₜ₀^ₜ₁ m = e: whole segments are skipped by their area; inside the last one, m is linear,
    /// m(t₀ + x) = m₀ + kx, and x solves m₀x + kx²/2 = e, taken as 2e / (m₀ + √(m₀² + 2ke)) (no cancellation).
    fn warp(&self, t0: f64, mut e: f64) -> Option<f64> {
        let p = self.points();
        let mut t = t0;
        // Breakpoints after t, then the open end.
        let start = p.partition_point(|q| q.0 <= t);
        for i in start..=p.len() {
            let m0 = self.at(t);
            let Some(&(b, mb)) = p.get(i) else {
                // Past the last point the multiplier holds.
                return (m0 > 0.0).then(|| t + e / m0);
            };
            let len = b - t;
            if len <= 0.0 {
                continue;
            }
            let area = 0.5 * (m0 + mb) * len;
            if area < e {
                e -= area;
                t = b;
                continue;
            }
            let k = (mb - m0) / len;
            let disc = (m0 * m0 + 2.0 * k * e).max(0.0);
            let denom = m0 + disc.sqrt();
            let x = if denom > 0.0 { 2.0 * e / denom } else { 0.0 };
            return Some(t + x.min(len));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Rng, Stream};

    fn flash() -> TrafficShape {
        TrafficShape::FlashCrowd {
            multiple: 5.0,
            start_s: 20.0,
            rise_s: 5.0,
            duration_s: 30.0,
        }
    }

    fn shapes() -> Vec<TrafficShape> {
        vec![
            TrafficShape::Constant,
            TrafficShape::Ramp {
                to_multiple: 4.0,
                start_s: 10.0,
                over_s: 60.0,
            },
            flash(),
            TrafficShape::DailyCycle {
                peak_to_trough: 3.0,
                period_s: 40.0,
            },
            TrafficShape::Piecewise {
                points: vec![
                    (0.0, 1.0),
                    (20.0, 0.0),
                    (30.0, 0.0),
                    (35.0, 2.0),
                    (35.0, 0.5),
                ],
            },
        ]
    }

    #[test]
    fn the_multiplier_follows_each_shape() {
        let f = flash();
        assert_eq!(f.multiplier_at(0.0), 1.0);
        assert!((f.multiplier_at(22.5) - 3.0).abs() < 1e-12);
        assert_eq!(f.multiplier_at(40.0), 5.0);
        assert!((f.multiplier_at(57.5) - 3.0).abs() < 1e-12);
        assert_eq!(f.multiplier_at(100.0), 1.0);
        assert_eq!(f.peak_multiplier(), 5.0);
        let day = TrafficShape::DailyCycle {
            peak_to_trough: 3.0,
            period_s: 40.0,
        };
        // a = 0.5: peak 1.5 a quarter in, trough 0.5 three quarters in, mean 1 over a period.
        assert!((day.multiplier_at(10.0) - 1.5).abs() < 1e-12);
        assert!((day.multiplier_at(30.0) - 0.5).abs() < 1e-12);
        assert!((day.integral(40.0) - 40.0).abs() < 1e-9);
        assert!((day.multiplier_at(10.0) / day.multiplier_at(30.0) - 3.0).abs() < 1e-9);
    }

    #[test]
    fn integrals_match_the_trapezoids() {
        // Flash crowd: 20 s at 1, rise 5 s averaging 3, 30 s at 5, fall 5 s averaging 3, then 1.
        assert!((flash().integral(100.0) - (20.0 + 15.0 + 150.0 + 15.0 + 40.0)).abs() < 1e-9);
        let ramp = TrafficShape::Ramp {
            to_multiple: 0.0,
            start_s: 10.0,
            over_s: 10.0,
        };
        assert!((ramp.integral(50.0) - 15.0).abs() < 1e-12);
        // Numeric check of every shape's integral against a fine Riemann sum.
        for s in shapes() {
            let n = 200_000;
            let dt = 100.0 / f64::from(n);
            let sum: f64 = (0..n)
                .map(|i| s.multiplier_at((f64::from(i) + 0.5) * dt) * dt)
                .sum();
            assert!(
                (sum - s.integral(100.0)).abs() < 1e-3,
                "{s:?}: {sum} vs {}",
                s.integral(100.0)
            );
        }
    }

    #[test]
    fn warping_inverts_the_integral() {
        for s in shapes() {
            for &(t0, e) in &[
                (0.0, 0.001),
                (10.0, 0.025),
                (11.0, 0.01),
                (3.0, 7.0),
                (19.9, 0.5),
                (33.0, 2.0),
                (55.0, 40.0),
            ] {
                let t1 = s.warp(t0, e).expect("the rate is positive again later");
                assert!(t1 >= t0);
                let got = s.integral(t1) - s.integral(t0);
                assert!(
                    (got - e).abs() < 1e-7,
                    "{s:?} from {t0} by {e}: reached {got} at {t1}"
                );
            }
        }
        let off = TrafficShape::Ramp {
            to_multiple: 0.0,
            start_s: 0.0,
            over_s: 10.0,
        };
        // Only 5 base-rate seconds of traffic remain: a gap of 6 is never reached.
        assert!(off.warp(0.0, 6.0).is_none());
        assert!((off.warp(0.0, 5.0).unwrap() - 10.0).abs() < 1e-6);
    }

    /// Poisson counts: arrivals drawn by warping exponential gaps fall in each 5 s bin with mean base·∫m and
    /// variance equal to the mean (dispersion index 1), for every shape.
    #[test]
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )] // small counts, bins and times
    fn arrivals_are_poisson_with_the_shaped_rate() {
        let base = 40.0;
        let bins = 20;
        let reps = 400;
        for s in shapes() {
            let mut counts = vec![vec![0u32; bins]; reps];
            for (rep, row) in counts.iter_mut().enumerate() {
                let mut rng = Rng::new(7 + rep as u64, Stream::Arrivals, 0);
                let mut t = 0.0;
                loop {
                    let gap_us = rng.exponential_us(1e6 / base);
                    let Some(next) = s.warp(t, gap_us as f64 / 1e6) else {
                        break;
                    };
                    t = next;
                    let bin = (t / 5.0) as usize;
                    if bin >= bins {
                        break;
                    }
                    row[bin] += 1;
                }
            }
            for bin in 0..bins {
                let expected =
                    base * (s.integral(5.0 * (bin + 1) as f64) - s.integral(5.0 * bin as f64));
                let xs: Vec<f64> = counts.iter().map(|r| f64::from(r[bin])).collect();
                let mean = xs.iter().sum::<f64>() / reps as f64;
                let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (reps - 1) as f64;
                // The mean of 400 Poisson counts has standard error √(λ/400); allow 4 of them.
                let se = (expected / reps as f64).sqrt().max(1e-9);
                assert!(
                    (mean - expected).abs() < 4.0 * se + 1e-9,
                    "{s:?} bin {bin}: {mean} vs {expected}"
                );
                if expected > 20.0 {
                    // The sample variance of 400 Poisson counts has a relative standard error of about √(2/400)
                    // = 7 %; allow 30 % (4 of them).
                    assert!(
                        (var / expected - 1.0).abs() < 0.3,
                        "{s:?} bin {bin}: dispersion {}",
                        var / expected
                    );
                }
            }
        }
    }

    #[test]
    fn bad_shapes_are_refused_with_the_parameter_named() {
        let bad = TrafficShape::FlashCrowd {
            multiple: 500.0,
            start_s: 0.0,
            rise_s: 1.0,
            duration_s: 1.0,
        };
        assert_eq!(bad.check(), Err(ShapeError::OutOfRange("multiple", 500.0)));
        let back = TrafficShape::Piecewise {
            points: vec![(5.0, 1.0), (4.0, 2.0)],
        };
        assert!(matches!(back.check(), Err(ShapeError::BadProfile(_))));
        let nan = TrafficShape::DailyCycle {
            peak_to_trough: f64::NAN,
            period_s: 10.0,
        };
        assert!(nan.check().is_err());
        let empty = TrafficShape::Piecewise { points: vec![] };
        assert!(empty.check().is_err());
        assert_eq!(
            empty.warp(1.0, 2.0),
            Some(3.0),
            "evaluated anyway: the base rate"
        );
        for s in shapes() {
            assert_eq!(s.check(), Ok(()), "{s:?}");
        }
        let json =
            r#"{"shape":"flash_crowd","multiple":5,"start_s":20,"rise_s":5,"duration_s":30}"#;
        assert_eq!(serde_json::from_str::<TrafficShape>(json).unwrap(), flash());
    }
}
