//! CDN kernel: an edge cache (the cache kernel, LRU with a TTL) of static files in front of the origin. A hit is
//! answered from the edge, close to the user; a miss is fetched from the origin and kept on its way back.
//! Deploying new files at the origin leaves the edges' old copies in place until their TTL expires — each such hit
//! is a stale file served — unless file names carry their version, in which case every lookup after the deploy is
//! for a new name and misses.

use crate::components::{CacheStore, Lookup};
use crate::id::NodeIx;
use crate::model::Eviction;
use crate::time::{SimDuration, SimTime};

/// What a lookup at the edge found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeLookup {
    /// Served from the edge; `stale` when the copy predates the origin's current files.
    Hit {
        /// The copy is older than the last deploy.
        stale: bool,
    },
    /// Fetched from the origin.
    Miss,
}

/// A CDN's state.
#[derive(Clone, Debug)]
pub struct Cdn {
    /// The edge cache.
    pub store: CacheStore,
    /// One-way latency users ↔ nearest edge.
    pub edge_half_rtt: SimDuration,
    /// One-way latency edge ↔ origin.
    pub origin_latency: SimDuration,
    /// Whether file names carry their version.
    pub versioned_urls: bool,
    /// Version of the static files at the origin (deploys so far).
    pub version: u32,
    /// Where misses are fetched.
    pub origin: NodeIx,
    /// Hits that served an old copy.
    pub stale_hits: u64,
    /// Misses fetched from the origin.
    pub origin_requests: u64,
    /// Lookups and hits in the open window.
    pub window_lookups: u64,
    /// Hits in the open window.
    pub window_hits: u64,
    /// Hit ratio of the last closed window (`None` without lookups).
    pub last_window_hit_ratio: Option<f64>,
}

impl Cdn {
    /// An empty CDN of `capacity` files kept for `ttl`, fetching from `origin`.
    #[must_use]
    pub fn new(
        capacity: u32,
        ttl: SimDuration,
        edge_half_rtt: SimDuration,
        origin_latency: SimDuration,
        versioned_urls: bool,
        origin: NodeIx,
    ) -> Self {
        Cdn {
            store: CacheStore::new(Eviction::Lru, capacity, ttl, false),
            edge_half_rtt,
            origin_latency,
            versioned_urls,
            version: 0,
            origin,
            stale_hits: 0,
            origin_requests: 0,
            window_lookups: 0,
            window_hits: 0,
            last_window_hit_ratio: None,
        }
    }

    /// A user asks the edge for `file` at `now`.
    pub fn lookup(&mut self, file: u32, now: SimTime) -> EdgeLookup {
        self.window_lookups += 1;
        match self.store.lookup(file, now) {
            Lookup::Hit(version) => {
                self.window_hits += 1;
                let stale = version < self.version;
                self.stale_hits += u64::from(stale);
                EdgeLookup::Hit { stale }
            }
            Lookup::Miss => {
                self.origin_requests += 1;
                EdgeLookup::Miss
            }
        }
    }

    /// The origin's copy of `file` passes the edge at `now` on its way back: the edge keeps it.
    pub fn fill(&mut self, file: u32, now: SimTime) {
        self.store.insert(file, self.version, now);
    }

    /// New files are deployed at the origin. With versioned names the old copies are never asked for again (the
    /// edge starts empty); otherwise they keep being served until they expire.
    pub fn deploy(&mut self) {
        self.version += 1;
        if self.versioned_urls {
            self.store.clear();
        }
    }

    /// Closes a metrics window: the hit ratio of the window.
    #[allow(clippy::cast_precision_loss)] // a ratio for display
    pub fn close_window(&mut self) {
        self.last_window_hit_ratio =
            (self.window_lookups > 0).then(|| self.window_hits as f64 / self.window_lookups as f64);
        self.window_hits = 0;
        self.window_lookups = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cdn(versioned: bool) -> Cdn {
        let s = SimDuration::from_secs(60);
        Cdn::new(
            100,
            s,
            SimDuration::ZERO,
            SimDuration::ZERO,
            versioned,
            NodeIx(1),
        )
    }

    #[test]
    fn a_miss_is_fetched_once_then_served_from_the_edge() {
        let mut c = cdn(false);
        assert_eq!(c.lookup(7, SimTime(0)), EdgeLookup::Miss);
        c.fill(7, SimTime(0));
        assert_eq!(c.lookup(7, SimTime(1)), EdgeLookup::Hit { stale: false });
        assert_eq!(c.origin_requests, 1);
        c.close_window();
        assert_eq!(c.last_window_hit_ratio, Some(0.5));
        c.close_window();
        assert_eq!(c.last_window_hit_ratio, None);
    }

    #[test]
    fn a_deploy_makes_old_copies_stale_unless_names_are_versioned() {
        let mut c = cdn(false);
        c.fill(7, SimTime(0));
        c.deploy();
        assert_eq!(c.lookup(7, SimTime(1)), EdgeLookup::Hit { stale: true });
        assert_eq!(c.stale_hits, 1);
        let mut v = cdn(true);
        v.fill(7, SimTime(0));
        v.deploy();
        assert_eq!(v.lookup(7, SimTime(1)), EdgeLookup::Miss);
    }
}
