//! Key popularity: uniform, or Zipf(α) over N keys (rank k drawn with probability ∝ 1/k^α; Zipf, "Human Behavior
//! and the Principle of Least Effort", 1949; the standard model of web object popularity, Breslau et al.,
//! "Web caching and Zipf-like distributions", INFOCOM 1999). Zipf is sampled by inverse transform over a
//! precomputed CDF table (binary search), exact and portable.

use crate::model::KeyDistribution;
use crate::rng::Rng;

/// Draws keys in `[0, n)`; key 0 is the most popular under Zipf.
#[derive(Clone, Debug)]
pub enum KeySampler {
    /// Every key equally likely.
    Uniform(u32),
    /// Cumulative probabilities of ranks 1..=n.
    Zipf(Vec<f64>),
}

impl KeySampler {
    /// A sampler for `n` keys (at least 1).
    #[must_use]
    pub fn new(dist: KeyDistribution, n: u32, alpha: f64) -> Self {
        let n = n.max(1);
        match dist {
            KeyDistribution::Uniform => KeySampler::Uniform(n),
            KeyDistribution::Zipf => {
                let mut cdf = Vec::with_capacity(n as usize);
                let mut acc = 0.0;
                for k in 1..=n {
                    acc += libm::pow(f64::from(k), -alpha);
                    cdf.push(acc);
                }
                for c in &mut cdf {
                    *c /= acc;
                }
                KeySampler::Zipf(cdf)
            }
        }
    }

    /// One key.
    #[allow(clippy::cast_possible_truncation)] // index < n ≤ u32::MAX
    pub fn sample(&self, rng: &mut Rng) -> u32 {
        match self {
            KeySampler::Uniform(n) => rng.below(*n),
            KeySampler::Zipf(cdf) => {
                let u = rng.unit();
                cdf.partition_point(|&c| c <= u).min(cdf.len() - 1) as u32
            }
        }
    }

    /// Probability of key `k` (for theory checks).
    #[must_use]
    pub fn probability(&self, k: u32) -> f64 {
        match self {
            KeySampler::Uniform(n) => 1.0 / f64::from(*n),
            KeySampler::Zipf(cdf) => {
                let k = k as usize;
                cdf.get(k)
                    .map_or(0.0, |&c| c - if k == 0 { 0.0 } else { cdf[k - 1] })
            }
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
