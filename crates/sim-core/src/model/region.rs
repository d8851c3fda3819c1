//! Data-center regions and the network latency between them.
//!
//! One-way latencies are half the typical round-trip times between public-cloud regions in these places, as
//! published by inter-region latency measurements (for example the cloudping.co matrices, 2024), rounded: they set
//! how much slower a request served from the other side of the world is, and how far behind a cross-region replica
//! runs.

use serde::{Deserialize, Serialize};

/// Where a node runs. The servers of one region form a data center; an outage takes all of them down. For users it
/// is where they are; DNS and CDNs are global services and only use it for their distance to others.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// US East (Virginia).
    #[default]
    UsEast,
    /// US West (Oregon).
    UsWest,
    /// Europe (Ireland).
    EuWest,
    /// Asia Pacific (Singapore).
    ApSoutheast,
}

impl Region {
    /// Every region.
    pub const ALL: [Region; 4] = [
        Region::UsEast,
        Region::UsWest,
        Region::EuWest,
        Region::ApSoutheast,
    ];

    /// Id in files, e.g. `"us_west"`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Region::UsEast => "us_east",
            Region::UsWest => "us_west",
            Region::EuWest => "eu_west",
            Region::ApSoutheast => "ap_southeast",
        }
    }

    /// Name for people, e.g. `"US-West"`.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Region::UsEast => "US-East",
            Region::UsWest => "US-West",
            Region::EuWest => "EU-West",
            Region::ApSoutheast => "Asia-Pacific",
        }
    }

    /// The region with this id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Region> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }

    /// Index into per-region tables (the order of [`Region::ALL`]).
    #[must_use]
    pub(crate) fn index(self) -> usize {
        match self {
            Region::UsEast => 0,
            Region::UsWest => 1,
            Region::EuWest => 2,
            Region::ApSoutheast => 3,
        }
    }

    /// One-way network latency to `other`, ms (0 within a region: the in-data-center hop is added separately).
    #[must_use]
    pub fn latency_ms(self, other: Region) -> f64 {
        const ONE_WAY_MS: [[f64; 4]; 4] = [
            // us_east us_west eu_west ap_southeast
            [0.0, 32.0, 35.0, 110.0],
            [32.0, 0.0, 65.0, 85.0],
            [35.0, 65.0, 0.0, 85.0],
            [110.0, 85.0, 85.0, 0.0],
        ];
        ONE_WAY_MS[self.index()][other.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_is_symmetric_zero_within_a_region_and_ids_round_trip() {
        for a in Region::ALL {
            assert_eq!(a.latency_ms(a), 0.0);
            assert_eq!(Region::from_id(a.id()), Some(a));
            for b in Region::ALL {
                assert_eq!(a.latency_ms(b), b.latency_ms(a));
            }
        }
    }
}
