//! Links and the CDN at run time: the latency of every link (the in-data-center hop plus the distance between
//! regions; edge ↔ origin for a CDN), and a deploy of new static files behind a CDN (the kernel is
//! `components::cdn`).

use super::{Role, Simulation};
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind, LogText};
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
        let (message, id) = if cdn.versioned_urls {
            (
                format!(
                    "New static files deployed with new names: {} fetches each from the origin once",
                    n.label
                ),
                "deployed_versioned",
            )
        } else {
            (
                format!(
                    "New static files deployed under the same names: {} keeps serving its old copies until they expire",
                    n.label
                ),
                "deployed_same_names",
            )
        };
        self.log.push(LogEntry {
            at: now,
            node: n.id,
            kind: LogKind::Deployed,
            message,
            text: vec![LogText::new(id).name("node", n.label.clone())],
        });
    }

    /// One-way latency of the link between nodes `a` and `b` (either order): edge ↔ origin for a CDN, else the
    /// in-data-center hop plus the distance between their regions.
    #[inline]
    pub(super) fn link_latency(&self, a: NodeIx, b: NodeIx) -> SimDuration {
        let (na, nb) = (&self.nodes[a], &self.nodes[b]);
        match (na.edge_origin, nb.edge_origin) {
            (Some(origin), _) | (_, Some(origin)) => origin,
            (None, None) => self.links[na.region.index()][nb.region.index()],
        }
    }

    /// Network latency between the regions of nodes `a` and `b` (zero within one region).
    #[inline]
    pub(super) fn distance(&self, a: NodeIx, b: NodeIx) -> SimDuration {
        self.distances[self.nodes[a].region.index()][self.nodes[b].region.index()]
    }

    /// The tables [`Simulation::link_latency`] and [`Simulation::distance`] read, for the run's hop latency.
    pub(super) fn region_tables(
        hop: SimDuration,
    ) -> ([[SimDuration; 4]; 4], [[SimDuration; 4]; 4]) {
        let mut distances = [[SimDuration::ZERO; 4]; 4];
        let mut links = [[hop; 4]; 4];
        for a in Region::ALL {
            for b in Region::ALL {
                distances[a.index()][b.index()] = region_distance(a, b);
                links[a.index()][b.index()] = hop + region_distance(a, b);
            }
        }
        (distances, links)
    }
}
