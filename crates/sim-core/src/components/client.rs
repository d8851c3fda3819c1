//! Client kernel: a population of users sending requests. Arrivals are Poisson (exponential gaps, own stream);
//! each request picks a user uniformly, a key by the key distribution, and read or write by the mix (keys stream).
//! A diagram with nothing that tells users apart (DNS caches, sessions, sticky or hashed balancing) or reads keys
//! (databases, caches, shard routers) gets user and key 0 without a draw.
//! Each user caches the DNS answer until its TTL expires, so only some requests pay for a lookup.
//! A shaped client (`traffic` other than constant) draws the same exponential gap at its base rate and warps it
//! through the shape's integrated rate ([`TrafficShape::warp`]), so it too takes one draw per request.

use crate::id::NodeIx;
use crate::metrics::RequestKind;
use crate::model::{ClientConfig, TrafficShape};
use crate::rng::Rng;
use crate::time::{SimDuration, SimTime};
use crate::traffic::KeySampler;

/// One drawn request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Draw {
    /// User id in `[0, users)`.
    pub user: u32,
    /// Key in `[0, key_count)`; 0 is the most popular under Zipf. For a static file, the file.
    pub key: u32,
    /// Read, write, static file or background job.
    pub kind: RequestKind,
}

/// A client node's state.
#[derive(Clone, Debug)]
pub struct Client {
    mean_gap_us: f64,
    read_fraction: f64,
    job_fraction: f64,
    celebrity_keys: u32,
    static_fraction: f64,
    assets: KeySampler,
    /// The CDN serving this client's static files, if connected to one.
    pub cdn: Option<NodeIx>,
    celebrity_share: f64,
    /// Mean processing time of one job, µs.
    pub job_mean_us: f64,
    users: u32,
    keys: KeySampler,
    arrivals: Rng,
    draws: Rng,
    /// One-way internet latency between users and the data center.
    pub half_rtt: SimDuration,
    /// Whether anything in the diagram tells users apart (else every request is user 0, not drawn).
    pub draws_users: bool,
    /// Whether anything in the diagram reads keys (else every request's key is 0, not drawn).
    pub draws_keys: bool,
    /// Per user: the cached DNS answer and when it expires.
    dns_cache: Vec<(NodeIx, SimTime)>,
    /// How the rate changes over the run (constant: gaps are used as drawn).
    shape: TrafficShape,
}

impl Client {
    /// A client with its own arrival and key streams.
    #[must_use]
    pub fn new(cfg: &ClientConfig, arrivals: Rng, draws: Rng) -> Self {
        let rate = cfg.arrival_rate_per_s.max(0.0);
        Client {
            mean_gap_us: if rate > 0.0 {
                1e6 / rate
            } else {
                f64::INFINITY
            },
            read_fraction: cfg.read_fraction.clamp(0.0, 1.0),
            job_fraction: cfg.job_fraction.clamp(0.0, 1.0),
            celebrity_keys: cfg.celebrity_keys,
            static_fraction: cfg.static_fraction.clamp(0.0, 1.0),
            assets: KeySampler::new(cfg.key_distribution, cfg.static_assets, cfg.alpha),
            cdn: None,
            celebrity_share: cfg.celebrity_share.clamp(0.0, 1.0),
            job_mean_us: cfg.job_time_ms.max(0.0) * 1_000.0,
            users: cfg.users.max(1),
            keys: KeySampler::new(cfg.key_distribution, cfg.key_count, cfg.alpha),
            arrivals,
            draws,
            half_rtt: SimDuration::from_ms_f64(cfg.rtt_ms / 2.0),
            draws_users: true,
            draws_keys: true,
            dns_cache: Vec::new(),
            shape: cfg.traffic.clone(),
        }
    }

    /// The next arrival after `now`, or `None` when there is none: a zero base rate, or a shape whose rate stays
    /// zero before the gap is used up. A constant client adds the drawn gap; a shaped one warps it (in base-rate
    /// seconds) through the shape and rounds to the nearest µs, never before `now`.
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    // µs below 2^53 are exact in an f64; the warped time is finite, ≥ now, and rounded before the cast
    pub fn next_arrival(&mut self, now: SimTime) -> Option<SimTime> {
        if !self.mean_gap_us.is_finite() {
            return None;
        }
        let gap = SimDuration(self.arrivals.exponential_us(self.mean_gap_us));
        if self.shape.is_constant() {
            return Some(now + gap);
        }
        let t = self
            .shape
            .warp(now.as_us() as f64 / 1e6, gap.as_us() as f64 / 1e6)?;
        let us = libm::round(t * 1e6);
        // Past ~285 000 years of sim time there is nothing left to schedule.
        (us.is_finite() && us < 9.0e15).then(|| SimTime((us as u64).max(now.as_us())))
    }

    /// Replaces the client's traffic shape from now on (a flash crowd sent during a run).
    pub fn set_shape(&mut self, shape: TrafficShape) {
        self.shape = shape;
    }

    /// Draws the next request's user, key and kind.
    pub fn draw(&mut self) -> Draw {
        let user = if self.draws_users {
            self.draws.below(self.users)
        } else {
            0
        };
        let mut key = 0;
        if self.draws_keys {
            key = self.keys.sample(&mut self.draws);
            // Draw celebrities only when configured, so other scenarios keep their random sequence.
            if self.celebrity_keys > 0
                && self.celebrity_share > 0.0
                && self.draws.chance(self.celebrity_share)
            {
                key = self.draws.below(self.celebrity_keys);
            }
        }
        // Draw the job share only when there are jobs, so scenarios without jobs keep their random sequence.
        // Likewise static files.
        if self.static_fraction > 0.0 && self.draws.chance(self.static_fraction) {
            let file = self.assets.sample(&mut self.draws);
            return Draw {
                user,
                key: file,
                kind: RequestKind::Static,
            };
        }
        let kind = if self.job_fraction > 0.0 && self.draws.chance(self.job_fraction) {
            RequestKind::Job
        } else if self.draws.chance(self.read_fraction) {
            RequestKind::Read
        } else {
            RequestKind::Write
        };
        Draw { user, key, kind }
    }

    /// The DNS answer `user` holds at `now`, if it has not expired.
    #[must_use]
    pub fn cached_answer(&self, user: u32, now: SimTime) -> Option<NodeIx> {
        self.dns_cache
            .get(user as usize)
            .filter(|(_, exp)| *exp > now)
            .map(|&(t, _)| t)
    }

    /// `user` caches `target` until `expires`.
    pub fn cache_answer(&mut self, user: u32, target: NodeIx, expires: SimTime) {
        if self.dns_cache.is_empty() {
            self.dns_cache = vec![(NodeIx::NONE, SimTime::ZERO); self.users as usize];
        }
        if let Some(slot) = self.dns_cache.get_mut(user as usize) {
            *slot = (target, expires);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Stream;

    fn client(cfg: &ClientConfig) -> Client {
        Client::new(
            cfg,
            Rng::new(1, Stream::Arrivals, 0),
            Rng::new(1, Stream::Keys, 0),
        )
    }

    #[test]
    fn the_mix_and_users_follow_the_settings() {
        let mut c = client(&ClientConfig {
            read_fraction: 0.7,
            users: 10,
            ..ClientConfig::default()
        });
        let draws: Vec<Draw> = (0..20_000).map(|_| c.draw()).collect();
        let writes = draws
            .iter()
            .filter(|d| d.kind == RequestKind::Write)
            .count();
        assert!((5_700..6_300).contains(&writes), "{writes}");
        assert!(draws.iter().all(|d| d.user < 10));
    }

    #[test]
    fn a_shape_moves_arrivals_and_a_constant_one_does_not() {
        let cfg = ClientConfig {
            arrival_rate_per_s: 10.0,
            ..ClientConfig::default()
        };
        let (mut plain, mut crowd) = (client(&cfg), client(&cfg));
        // ×2 from the start: every gap is half the drawn one (the same draws), within the µs rounding.
        crowd.set_shape(TrafficShape::Ramp {
            to_multiple: 2.0,
            start_s: 0.0,
            over_s: 0.0,
        });
        let (mut a, mut b) = (SimTime::ZERO, SimTime::ZERO);
        for _ in 0..100 {
            let gap = plain.next_arrival(a).expect("a rate").since(a);
            a += gap;
            let next = crowd.next_arrival(b).expect("a rate");
            assert!(next.since(b).as_us().abs_diff(gap.as_us() / 2) <= 1);
            b = next;
        }
        crowd.set_shape(TrafficShape::Ramp {
            to_multiple: 0.0,
            start_s: 0.0,
            over_s: 0.0,
        });
        assert_eq!(
            crowd.next_arrival(b),
            None,
            "a zero rate from now on sends nothing"
        );
    }

    #[test]
    fn a_zero_rate_sends_nothing_and_dns_answers_expire() {
        let mut c = client(&ClientConfig {
            arrival_rate_per_s: 0.0,
            ..ClientConfig::default()
        });
        assert_eq!(c.next_arrival(SimTime::ZERO), None);
        c.cache_answer(3, NodeIx(9), SimTime(100));
        assert_eq!(c.cached_answer(3, SimTime(99)), Some(NodeIx(9)));
        assert_eq!(c.cached_answer(3, SimTime(100)), None);
        assert_eq!(c.cached_answer(4, SimTime(0)), None);
    }
}
