//! The CDN at run time: an edge cache (the cache kernel, LRU with a TTL) of static files in front of the origin.
//! A hit is answered from the edge, close to the user; a miss is fetched from the origin and kept. Deploying new
//! files at the origin leaves the edges' old copies in place until their TTL expires — each such hit is a stale
//! file served — unless file names carry their version, in which case every lookup after the deploy is for a new
//! name and misses.

use super::{Role, Simulation};
use crate::components::CacheStore;
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind};
use crate::time::SimDuration;

/// A CDN's state.
#[derive(Clone, Debug)]
pub(crate) struct Cdn {
    pub store: CacheStore,
    pub edge_half_rtt: SimDuration,
    pub origin_latency: SimDuration,
    pub versioned_urls: bool,
    /// Version of the static files at the origin (deploys so far).
    pub version: u32,
    pub origin: NodeIx,
    pub stale_hits: u64,
    pub origin_requests: u64,
    pub window_lookups: u64,
    pub window_hits: u64,
    pub last_window_hit_ratio: Option<f64>,
}

impl Simulation {
    /// New static files are deployed behind CDN `node`.
    pub(super) fn deploy_assets(&mut self, node: NodeIx) {
        let now = self.now;
        let n = &mut self.nodes[node];
        let Role::Cdn(cdn) = &mut n.role else { return };
        cdn.version += 1;
        let message = if cdn.versioned_urls {
            // New names: the old copies are never asked for again and age out.
            cdn.store.clear();
            format!(
                "New static files deployed with new names: {} fetches each from the origin once",
                n.label
            )
        } else {
            format!(
                "New static files deployed under the same names: {} keeps serving its old copies until they expire",
                n.label
            )
        };
        self.log.push(LogEntry {
            at: now,
            node: n.id,
            kind: LogKind::Deployed,
            message,
        });
    }

    /// One-way latency of the link between nodes `a` and `b` (either order): edge ↔ origin for a CDN, else the
    /// in-data-center hop plus the distance between their regions.
    pub(super) fn link_latency(&self, a: NodeIx, b: NodeIx) -> SimDuration {
        for n in [a, b] {
            if let Role::Cdn(cdn) = &self.nodes[n].role {
                return cdn.origin_latency;
            }
        }
        self.hop + self.distance(a, b)
    }

    /// Network latency between the regions of nodes `a` and `b` (zero within one region).
    pub(super) fn distance(&self, a: NodeIx, b: NodeIx) -> SimDuration {
        let (ra, rb) = (self.nodes[a].region, self.nodes[b].region);
        if ra == rb {
            SimDuration::ZERO
        } else {
            SimDuration::from_ms_f64(ra.latency_ms(rb))
        }
    }
}
