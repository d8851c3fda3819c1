//! Key popularity: uniform, or Zipf(α) over N keys (rank k drawn with probability ∝ 1/k^α; Zipf, "Human Behavior
//! and the Principle of Least Effort", 1949; the standard model of web object popularity, Breslau et al.,
//! "Web caching and Zipf-like distributions", INFOCOM 1999). Zipf is sampled by inverse transform over the CDF,
//! exact and portable.
//!
//! The CDF is not kept whole past [`ZIPF_TABLE_MAX`] entries: a million keys would take 8 MB per sampler, and a
//! document can ask for hundreds of them. Instead the table keeps every B-th CDF value (B a power of two, the
//! smallest that fits) and the running sum at the start of each block; a sample finds its block by binary search
//! and walks inside it, re-adding the same terms in the same order. Every value compared is bit for bit the value
//! the whole table held, so the sampled keys are the same as with the whole table (tested), and the random stream
//! is untouched: one uniform per sample.
//!
//! The binary search starts from a guide table (Chen & Asau, "On generating random variates from an empirical
//! distribution", AIIE Transactions 6(2), 1974): for a uniform u in [j/G, (j+1)/G) the answer lies between the
//! answers for j/G and (j+1)/G, so a search over a handful of entries finds the same key the whole search did.

use crate::model::KeyDistribution;
use crate::rng::Rng;

/// Most CDF entries a Zipf sampler keeps (1 MiB of `f64`). Up to this many keys the whole CDF is kept and a sample
/// is one binary search; above it, blocks of up to 8 keys (at a million keys) are walked, at most 7 `pow` calls.
pub const ZIPF_TABLE_MAX: u32 = 1 << 17;

/// Zipf(α) over `n` keys, kept as described in the module documentation.
#[derive(Clone, Debug)]
pub struct Zipf {
    n: u32,
    alpha: f64,
    /// log2 of the block length B (0: the whole CDF is kept).
    shift: u32,
    /// CDF at the last key of each block: `S(min((b + 1)·B, n)) / S(n)`, where `S(j)` is the sum of the first `j`
    /// terms added in rank order.
    ends: Vec<f64>,
    /// `S(b·B)` for each block (empty when B = 1).
    starts: Vec<f64>,
    /// `S(n)`.
    total: f64,
    /// Guide: `guide[j]` is the first block whose CDF exceeds `j / G`, for `G = guide.len() - 1` (a power of two).
    guide: Vec<u32>,
}

/// Entries of the guide table for `blocks` CDF blocks: the smallest power of two at least `blocks`.
fn guide_len(blocks: u64) -> u64 {
    blocks.next_power_of_two()
}

impl Zipf {
    /// The sampler for `n ≥ 1` keys with exponent `alpha`.
    #[must_use]
    pub fn new(n: u32, alpha: f64) -> Self {
        let n = n.max(1);
        let mut shift = 0;
        while (n - 1) >> shift >= ZIPF_TABLE_MAX {
            shift += 1;
        }
        let block = 1u32 << shift;
        let blocks = ((n - 1) >> shift) as usize + 1;
        let mut ends = Vec::with_capacity(blocks);
        let mut starts = Vec::with_capacity(if shift == 0 { 0 } else { blocks });
        let mut acc = 0.0;
        for k in 1..=n {
            if shift > 0 && (k - 1) % block == 0 {
                starts.push(acc);
            }
            acc += libm::pow(f64::from(k), -alpha);
            if k % block == 0 || k == n {
                ends.push(acc);
            }
        }
        for c in &mut ends {
            *c /= acc;
        }
        let g = guide_len(ends.len() as u64);
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        // j, g ≤ 2^17: exact
        let guide = (0..=g)
            .map(|j| ends.partition_point(|&c| c <= j as f64 / g as f64) as u32)
            .collect();
        Zipf {
            n,
            alpha,
            shift,
            ends,
            starts,
            total: acc,
            guide,
        }
    }

    /// Bytes its tables hold (for the memory budget).
    #[must_use]
    pub fn table_bytes(n: u32) -> u64 {
        let n = n.max(1);
        let mut shift = 0;
        while (n - 1) >> shift >= ZIPF_TABLE_MAX {
            shift += 1;
        }
        let blocks = u64::from((n - 1) >> shift) + 1;
        8 * if shift == 0 { blocks } else { 2 * blocks } + 4 * (guide_len(blocks) + 1)
    }

    /// The first key `i` whose CDF exceeds `u` (the last key if none does).
    #[allow(clippy::cast_possible_truncation)] // block indices < 2^17
    fn key_above(&self, u: f64) -> u32 {
        // G is a power of two: u·G is exact, so j/G ≤ u < (j+1)/G (u < 1 from a draw; 1 itself searches the last
        // interval, whose end is the whole table).
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let j = ((u * (self.guide.len() - 1) as f64) as usize).min(self.guide.len() - 2);
        let (lo, hi) = (self.guide[j] as usize, self.guide[j + 1] as usize);
        let b = lo + self.ends[lo..hi].partition_point(|&c| c <= u);
        if b >= self.ends.len() {
            return self.n - 1;
        }
        if self.shift == 0 {
            return b as u32;
        }
        let first = (b as u32) << self.shift;
        let last = (first + (1 << self.shift) - 1).min(self.n - 1);
        let mut acc = self.starts[b];
        for i in first..last {
            acc += libm::pow(f64::from(i + 1), -self.alpha);
            if acc / self.total > u {
                return i;
            }
        }
        last
    }

    /// The CDF at key `i` (probability of a key ≤ `i`), exactly as [`Zipf::key_above`] compares it.
    #[allow(clippy::cast_possible_truncation)] // block indices < 2^17
    fn cdf(&self, i: u32) -> f64 {
        let b = (i >> self.shift) as usize;
        let first = i >> self.shift << self.shift;
        if self.shift == 0 || i == (first + (1 << self.shift) - 1).min(self.n - 1) {
            return self.ends[b];
        }
        let mut acc = self.starts[b];
        for k in first..=i {
            acc += libm::pow(f64::from(k + 1), -self.alpha);
        }
        acc / self.total
    }
}

/// Draws keys in `[0, n)`; key 0 is the most popular under Zipf.
#[derive(Clone, Debug)]
pub enum KeySampler {
    /// Every key equally likely.
    Uniform(u32),
    /// Zipf(α) by inverse transform.
    Zipf(Zipf),
}

impl KeySampler {
    /// A sampler for `n` keys (at least 1).
    #[must_use]
    pub fn new(dist: KeyDistribution, n: u32, alpha: f64) -> Self {
        let n = n.max(1);
        match dist {
            KeyDistribution::Uniform => KeySampler::Uniform(n),
            KeyDistribution::Zipf => KeySampler::Zipf(Zipf::new(n, alpha)),
        }
    }

    /// One key.
    pub fn sample(&self, rng: &mut Rng) -> u32 {
        match self {
            KeySampler::Uniform(n) => rng.below(*n),
            KeySampler::Zipf(z) => z.key_above(rng.unit()),
        }
    }

    /// Probability of key `k` (for theory checks).
    #[must_use]
    pub fn probability(&self, k: u32) -> f64 {
        match self {
            KeySampler::Uniform(n) => 1.0 / f64::from(*n),
            KeySampler::Zipf(z) if k < z.n => z.cdf(k) - if k == 0 { 0.0 } else { z.cdf(k - 1) },
            KeySampler::Zipf(_) => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Stream;

    #[test]
    fn zipf_frequencies_match_their_probabilities() {
        let s = KeySampler::new(KeyDistribution::Zipf, 1_000, 1.0);
        let mut r = Rng::new(5, Stream::Keys, 0);
        let n = 200_000;
        let mut counts = vec![0u32; 1_000];
        for _ in 0..n {
            counts[s.sample(&mut r) as usize] += 1;
        }
        for k in [0u32, 1, 9] {
            let expected = s.probability(k) * f64::from(n);
            let sd = expected.sqrt();
            assert!(
                (f64::from(counts[k as usize]) - expected).abs() < 5.0 * sd,
                "key {k}"
            );
        }
        // H(1000) ≈ 7.4855, so p(0) ≈ 0.1336
        assert!((s.probability(0) - 1.0 / 7.485_470_860_550_345).abs() < 1e-9);
    }

    /// The whole CDF, as the sampler kept it before blocks (the reference the blocked one must equal).
    fn whole_cdf(n: u32, alpha: f64) -> Vec<f64> {
        let mut cdf = Vec::new();
        let mut acc = 0.0;
        for k in 1..=n {
            acc += libm::pow(f64::from(k), -alpha);
            cdf.push(acc);
        }
        for c in &mut cdf {
            *c /= acc;
        }
        cdf
    }

    #[test]
    fn blocked_tables_draw_exactly_the_keys_the_whole_table_drew() {
        for (n, alpha) in [
            (ZIPF_TABLE_MAX + 1, 0.8),
            (300_001, 1.0),
            (1_000_000, 0.8),
            (1_000_000, 0.0),
            (1_000_000, 3.0),
        ] {
            let z = Zipf::new(n, alpha);
            assert!(z.shift > 0, "{n} keys use blocks");
            assert!(
                Zipf::table_bytes(n) <= (2 * 8 + 4) * u64::from(ZIPF_TABLE_MAX) + 4,
                "{n} keys"
            );
            let cdf = whole_cdf(n, alpha);
            let reference = |u: f64| {
                u32::try_from(cdf.partition_point(|&c| c <= u).min(cdf.len() - 1)).expect("key")
            };
            let mut r = Rng::new(9, Stream::Keys, n);
            for _ in 0..20_000 {
                let u = r.unit();
                assert_eq!(z.key_above(u), reference(u), "n {n} α {alpha} u {u}");
            }
            // Block edges and the CDF's own values, where a rounding difference would show.
            for i in [0, 1, 6, 7, 8, 9, n / 2, n - 2, n - 1] {
                assert_eq!(z.cdf(i).to_bits(), cdf[i as usize].to_bits(), "cdf {i}");
                for u in [cdf[i as usize], libm::nextafter(cdf[i as usize], 0.0)] {
                    assert_eq!(z.key_above(u), reference(u), "edge {i}");
                }
            }
        }
    }

    #[test]
    fn small_tables_are_kept_whole() {
        let z = Zipf::new(100_000, 0.8);
        assert_eq!(z.shift, 0);
        assert!(z.starts.is_empty());
        assert_eq!(Zipf::table_bytes(100_000), 800_000 + 4 * (131_072 + 1));
        assert_eq!(
            Zipf::table_bytes(1_000_000),
            2 * 8 * 125_000 + 4 * (131_072 + 1)
        );
    }

    #[test]
    #[allow(clippy::cast_precision_loss)]
    fn the_guide_finds_the_key_the_whole_search_found() {
        for (n, alpha) in [
            (1, 0.8),
            (2, 1.0),
            (10_000, 0.8),
            (10_000, 0.0),
            (100_000, 2.0),
        ] {
            let z = Zipf::new(n, alpha);
            let reference = |u: f64| {
                u32::try_from(z.ends.partition_point(|&c| c <= u).min(z.ends.len() - 1))
                    .expect("key")
            };
            let mut r = Rng::new(2, Stream::Keys, n);
            let g = (z.guide.len() - 1) as f64;
            let edges = (0..z.guide.len() - 1).flat_map(|j| {
                let u = j as f64 / g;
                [u, libm::nextafter(u, 0.0).max(0.0), libm::nextafter(u, 1.0)]
            });
            for u in (0..20_000).map(|_| r.unit()).chain(edges) {
                assert_eq!(z.key_above(u), reference(u), "n {n} α {alpha} u {u}");
            }
        }
    }

    #[test]
    fn uniform_keys_cover_the_range() {
        let s = KeySampler::new(KeyDistribution::Uniform, 4, 0.0);
        let mut r = Rng::new(5, Stream::Keys, 0);
        let mut seen = [false; 4];
        for _ in 0..100 {
            seen[s.sample(&mut r) as usize] = true;
        }
        assert_eq!(seen, [true; 4]);
    }
}
