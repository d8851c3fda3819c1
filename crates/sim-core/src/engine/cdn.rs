//! Links and the CDN at run time: the latency of every link (the in-data-center hop plus the distance between
//! regions; edge ↔ origin for a CDN), and a deploy of new static files behind a CDN (the kernel is
//! `components::cdn`).

use super::{Role, Simulation};
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind};
use crate::model::Region;
use crate::time::SimDuration;

/// Network latency between two regions (zero within one).
pub(super) fn region_distance(a: Region, b: Region) -> SimDuration {
    if a == b {
        SimDuration::ZERO
    } else {
        SimDuration::from_ms_f64(a.latency_ms(b))
    }
}

impl Simulation {
    /// New static files are deployed behind CDN `node`.
    pub(super) fn deploy_assets(&mut self, node: NodeIx) {
        let now = self.now;
        let n = &mut self.nodes[node];
        let Role::Cdn(cdn) = &mut n.role else { return };
        cdn.deploy();
        let message = if cdn.versioned_urls {
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
        region_distance(self.nodes[a].region, self.nodes[b].region)
    }
}
