//! Service-time sampling: a mean and a shape, drawn from the node's own random stream.

use crate::model::ServiceDistribution;
use crate::rng::Rng;
use crate::time::SimDuration;

/// A service-time distribution with its mean in µs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServiceTime {
    /// Mean, µs.
    pub mean_us: f64,
    /// Shape.
    pub distribution: ServiceDistribution,
}

impl ServiceTime {
    /// From a mean in ms (a setting).
    #[must_use]
    pub fn from_ms(mean_ms: f64, distribution: ServiceDistribution) -> Self {
        ServiceTime {
            mean_us: mean_ms * 1_000.0,
            distribution,
        }
    }

    /// One draw, µs (at least 1 µs so a request always takes time).
    pub fn sample(&self, rng: &mut Rng) -> SimDuration {
        let us = match self.distribution {
            ServiceDistribution::Exponential => rng.exponential_us(self.mean_us),
            ServiceDistribution::Constant => {
                SimDuration::from_ms_f64(self.mean_us / 1_000.0).as_us()
            }
        };
        SimDuration(us.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Stream;

    #[test]
    fn constant_is_exact_and_exponential_varies() {
        let mut r = Rng::new(3, Stream::Service, 0);
        let c = ServiceTime::from_ms(2.5, ServiceDistribution::Constant);
        assert!((0..10).all(|_| c.sample(&mut r) == SimDuration(2_500)));
        let e = ServiceTime::from_ms(2.5, ServiceDistribution::Exponential);
        let draws: Vec<_> = (0..10).map(|_| e.sample(&mut r)).collect();
        assert!(draws.windows(2).any(|w| w[0] != w[1]));
    }
}
