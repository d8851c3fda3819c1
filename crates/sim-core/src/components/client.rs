//! Client kernel: a population of users sending requests. Arrivals are Poisson (exponential gaps, own stream);
//! each request picks a user uniformly, a key by the key distribution, and read or write by the mix (keys stream).
//! A diagram with nothing that tells users apart (DNS caches, sessions, sticky or hashed balancing) or reads keys
//! (databases, caches, shard routers) gets user and key 0 without a draw.
//! Each user caches the DNS answer until its TTL expires, so only some requests pay for a lookup.

use crate::id::NodeIx;
use crate::metrics::RequestKind;
use crate::model::ClientConfig;
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
        }
    }

    /// Gap to the next arrival, or `None` when the rate is zero.
    pub fn next_gap(&mut self) -> Option<SimDuration> {
        self.mean_gap_us
            .is_finite()
            .then(|| SimDuration(self.arrivals.exponential_us(self.mean_gap_us)))
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
    fn a_zero_rate_sends_nothing_and_dns_answers_expire() {
        let mut c = client(&ClientConfig {
            arrival_rate_per_s: 0.0,
            ..ClientConfig::default()
        });
        assert_eq!(c.next_gap(), None);
        c.cache_answer(3, NodeIx(9), SimTime(100));
        assert_eq!(c.cached_answer(3, SimTime(99)), Some(NodeIx(9)));
        assert_eq!(c.cached_answer(3, SimTime(100)), None);
        assert_eq!(c.cached_answer(4, SimTime(0)), None);
    }
}
