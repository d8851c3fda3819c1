//! Fixed-bucket log-linear latency histogram (the HdrHistogram layout: Tene, "HdrHistogram: a high dynamic range
//! histogram", 2012, simplified). Values are µs. Values below 64 get exact buckets; above, each power of two is split
//! into 32 equal sub-buckets, so a reported percentile is within 1/64 (1.6 %) of the true value. Recording is a
//! couple of integer ops and never allocates. The histogram knows the range of buckets in use, so merging,
//! clearing and quantiles touch only those (latencies fill a few hundred of the 1,248).
//!
//! The sum is 64-bit: by Little's law the latencies of a run add up to at most its requests in flight (bounded by
//! the memory budget, about a million) times its length (at most a day, 8.64e10 µs), far below 2^64.

const SUB_BITS: u32 = 5;
const SUB: u64 = 1 << SUB_BITS; // 32 sub-buckets per power of two
const LINEAR: u64 = SUB * 2; // values below 64 are exact
const MAX_EXP: u32 = 40; // 2^41 µs ≈ 25 days; larger values saturate
#[allow(clippy::cast_possible_truncation)] // 1,248 buckets
const BUCKETS: usize = (LINEAR + (MAX_EXP as u64 - SUB_BITS as u64) * SUB) as usize;

/// The non-empty buckets of a [`Histogram`] and their sum (see [`Histogram::sparse`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SparseHistogram {
    /// `(bucket index, count)`, ascending by bucket.
    pub buckets: Vec<(u16, u64)>,
    /// Sum of the values, µs.
    pub sum_us: u64,
}

/// Latency histogram over µs values.
#[derive(Clone, Debug)]
pub struct Histogram {
    counts: Box<[u64; BUCKETS]>,
    total: u64,
    sum_us: u64,
    /// Buckets `lo..hi` hold every value (`lo > hi` when empty).
    lo: usize,
    hi: usize,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: Box::new([0; BUCKETS]),
            total: 0,
            sum_us: 0,
            lo: BUCKETS,
            hi: 0,
        }
    }
}

fn bucket_of(v: u64) -> usize {
    let v = v.min((1u64 << (MAX_EXP + 1)) - 1);
    if v < LINEAR {
        return usize::try_from(v).expect("v < 64");
    }
    let e = 63 - v.leading_zeros(); // ≥ 6
    let shift = e - SUB_BITS;
    let mantissa = v >> shift; // in [32, 64)
    usize::try_from(LINEAR + u64::from(e - SUB_BITS - 1) * SUB + (mantissa - SUB))
        .expect("bucket index fits usize")
}

/// Midpoint of a bucket's value range, µs.
fn value_of(bucket: usize) -> u64 {
    let b = bucket as u64;
    if b < LINEAR {
        return b;
    }
    let k = b - LINEAR;
    let shift = k / SUB + 1;
    let mantissa = k % SUB + SUB;
    (mantissa << shift) + (1 << shift) / 2
}

impl Histogram {
    /// Records one value, µs.
    #[inline]
    pub fn record(&mut self, us: u64) {
        let b = bucket_of(us);
        self.counts[b] += 1;
        self.total += 1;
        self.sum_us += us;
        self.lo = self.lo.min(b);
        self.hi = self.hi.max(b + 1);
    }

    /// Adds every value of `other`.
    pub fn merge(&mut self, other: &Histogram) {
        if other.total == 0 {
            return;
        }
        for b in other.lo..other.hi {
            self.counts[b] += other.counts[b];
        }
        self.total += other.total;
        self.sum_us += other.sum_us;
        self.lo = self.lo.min(other.lo);
        self.hi = self.hi.max(other.hi);
    }

    /// Values recorded.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.total
    }

    /// Exact sum of the recorded values, µs.
    #[must_use]
    pub fn sum_us(&self) -> u64 {
        self.sum_us
    }

    /// Exact mean of the recorded values, µs (0 when empty).
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // statistics for display
    pub fn mean_us(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.sum_us as f64 / self.total as f64
        }
    }

    /// The `q`-quantile (0 < q ≤ 1), µs, within 1.6 %; 0 when empty. Nearest-rank definition.
    #[must_use]
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    pub fn quantile_us(&self, q: f64) -> u64 {
        if self.total == 0 {
            return 0;
        }
        let rank = (libm::ceil(q.clamp(0.0, 1.0) * self.total as f64) as u64).max(1);
        let mut seen = 0;
        for i in self.lo..self.hi {
            seen += self.counts[i];
            if seen >= rank {
                return value_of(i);
            }
        }
        value_of(self.hi.max(1) - 1)
    }

    /// Several quantiles (ascending `qs`) in one pass over the buckets, as [`Histogram::quantile_us`] gives each.
    #[must_use]
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    pub fn quantiles_us<const N: usize>(&self, qs: [f64; N]) -> [u64; N] {
        let mut out = [0; N];
        if self.total == 0 {
            return out;
        }
        let rank = |q: f64| (libm::ceil(q.clamp(0.0, 1.0) * self.total as f64) as u64).max(1);
        let (mut k, mut seen) = (0, 0);
        for i in self.lo..self.hi {
            seen += self.counts[i];
            while k < N && seen >= rank(qs[k]) {
                out[k] = value_of(i);
                k += 1;
            }
            if k == N {
                return out;
            }
        }
        for o in &mut out[k..] {
            *o = value_of(self.hi.max(1) - 1);
        }
        out
    }

    /// The non-empty buckets as `(bucket, count)` pairs in bucket order, with the sum, µs: a compact copy of a
    /// window's latencies (a few hundred pairs, not 1,248 counters) to add to or take from a rolling histogram.
    #[must_use]
    pub fn sparse(&self) -> SparseHistogram {
        let buckets = (self.lo..self.hi.max(self.lo))
            .filter(|&b| self.counts[b] > 0)
            .map(|b| {
                (
                    u16::try_from(b).expect("1,248 buckets fit u16"),
                    self.counts[b],
                )
            })
            .collect();
        SparseHistogram {
            buckets,
            sum_us: self.sum_us,
        }
    }

    /// Adds (`add`) or takes away (`!add`) the values of `part`; taking away values never added is a bug.
    pub fn apply_sparse(&mut self, part: &SparseHistogram, add: bool) {
        for &(b, c) in &part.buckets {
            let b = usize::from(b);
            if add {
                self.counts[b] += c;
                self.total += c;
                self.lo = self.lo.min(b);
                self.hi = self.hi.max(b + 1);
            } else {
                self.counts[b] = self.counts[b]
                    .checked_sub(c)
                    .expect("a window taken from a rolling histogram was added to it");
                self.total -= c;
            }
        }
        if add {
            self.sum_us += part.sum_us;
        } else {
            self.sum_us -= part.sum_us;
            // The bucket range may stay wider than needed (a superset still holds every value) until empty.
            if self.total == 0 {
                self.clear();
            }
        }
    }

    /// Forgets every value.
    pub fn clear(&mut self) {
        if self.lo < self.hi {
            self.counts[self.lo..self.hi].fill(0);
        }
        self.total = 0;
        self.sum_us = 0;
        self.lo = BUCKETS;
        self.hi = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_lands_in_a_bucket_whose_midpoint_is_within_1_6_percent() {
        let mut v = 1u64;
        while v < (1 << 40) {
            for x in [v, v + v / 3, v * 2 - 1] {
                let mid = value_of(bucket_of(x));
                #[allow(clippy::cast_precision_loss)]
                let err = (mid as f64 - x as f64).abs() / x as f64;
                assert!(err <= 1.0 / 64.0 + 1e-12, "x={x} mid={mid} err={err}");
            }
            v = v * 3 / 2 + 1;
        }
        assert!(bucket_of(u64::MAX) < BUCKETS);
    }

    #[test]
    fn quantiles_follow_nearest_rank() {
        let mut h = Histogram::default();
        for v in 1..=100 {
            h.record(v * 1_000);
        }
        let close = |got: u64, want: u64| got.abs_diff(want) * 64 <= want;
        assert!(close(h.quantile_us(0.5), 50_000), "{}", h.quantile_us(0.5));
        assert!(
            close(h.quantile_us(0.99), 99_000),
            "{}",
            h.quantile_us(0.99)
        );
        assert!((h.mean_us() - 50_500.0).abs() < 1e-9);
        let qs = [0.0, 0.5, 0.95, 0.99, 1.0];
        assert_eq!(h.quantiles_us(qs), qs.map(|q| h.quantile_us(q)));
        h.clear();
        assert_eq!((h.count(), h.quantile_us(0.5)), (0, 0));
    }

    #[test]
    fn a_merge_equals_recording_everything_in_one() {
        let (mut a, mut b, mut all) = (
            Histogram::default(),
            Histogram::default(),
            Histogram::default(),
        );
        for v in [3u64, 70, 5_000, 123_456, 9] {
            a.record(v);
            all.record(v);
        }
        for v in [1u64, 1 << 30, 800] {
            b.record(v);
            all.record(v);
        }
        a.merge(&b);
        a.merge(&Histogram::default());
        for q in [0.01, 0.3, 0.5, 0.9, 1.0] {
            assert_eq!(a.quantile_us(q), all.quantile_us(q), "q {q}");
        }
        assert_eq!((a.count(), a.sum_us()), (all.count(), all.sum_us()));
        assert_eq!(*a.counts, *all.counts);
        b.clear();
        assert_eq!(*b.counts, [0; BUCKETS]);
    }

    #[test]
    fn a_rolling_histogram_adds_and_takes_away_windows_exactly() {
        let (mut w1, mut w2, mut rolling) = (
            Histogram::default(),
            Histogram::default(),
            Histogram::default(),
        );
        for v in [3u64, 70, 5_000] {
            w1.record(v);
        }
        for v in [800u64, 1 << 30] {
            w2.record(v);
        }
        let (s1, s2) = (w1.sparse(), w2.sparse());
        assert_eq!(s1.buckets.len(), 3);
        rolling.apply_sparse(&s1, true);
        rolling.apply_sparse(&s2, true);
        rolling.apply_sparse(&s1, false);
        assert_eq!(*rolling.counts, *w2.counts);
        assert_eq!((rolling.count(), rolling.sum_us()), (2, 800 + (1 << 30)));
        assert_eq!(rolling.quantile_us(0.99), w2.quantile_us(0.99));
        rolling.apply_sparse(&s2, false);
        assert_eq!((rolling.count(), rolling.lo, rolling.hi), (0, BUCKETS, 0));
    }
}
