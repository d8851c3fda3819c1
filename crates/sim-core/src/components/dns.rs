//! DNS kernel: answers a lookup with one of the addresses it resolves to and says how long the answer may be
//! cached (the record TTL). Plain DNS answers round robin over its targets, dead or alive. GeoDNS (as Route 53's
//! latency-based routing with health checks) answers each user with the nearest target that passes its health
//! checks, and round robin over all of them when none does. Either way a user keeps a cached answer until its TTL
//! expires, so failover is never faster than the TTL.

use crate::components::HealthTransition;
use crate::id::NodeIx;
use crate::model::Region;
use crate::time::SimDuration;

/// Failed checks in a row before GeoDNS stops answering with a target.
pub const UNHEALTHY_AFTER: u32 = 3;
/// Passed checks in a row before GeoDNS answers with a target again.
pub const HEALTHY_AFTER: u32 = 2;

/// One address the DNS can answer with.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// The node answered with.
    pub node: NodeIx,
    /// Its data center.
    pub region: Region,
    /// Whether GeoDNS answers with it.
    pub healthy: bool,
    fails: u32,
    passes: u32,
}

/// A DNS server's state.
#[derive(Clone, Debug)]
pub struct Dns {
    /// Addresses, in edge order.
    pub targets: Vec<Target>,
    next: usize,
    geo: bool,
    /// Time to answer one lookup.
    pub resolution: SimDuration,
    /// How long a user caches an answer.
    pub ttl: SimDuration,
    /// GeoDNS: time between health checks.
    pub check_interval: SimDuration,
}

impl Dns {
    /// A DNS resolving to `targets` (engine node index and region, in edge order); `geo` turns on GeoDNS.
    #[must_use]
    pub fn new(
        targets: &[(NodeIx, Region)],
        geo: bool,
        resolution: SimDuration,
        ttl: SimDuration,
        check_interval: SimDuration,
    ) -> Self {
        Dns {
            targets: targets
                .iter()
                .map(|&(node, region)| Target {
                    node,
                    region,
                    healthy: true,
                    fails: 0,
                    passes: 0,
                })
                .collect(),
            next: 0,
            geo,
            resolution,
            ttl,
            check_interval,
        }
    }

    /// Whether this is a GeoDNS that health-checks its targets.
    #[must_use]
    pub fn is_geo(&self) -> bool {
        self.geo
    }

    /// The address a user in region `from` gets, or `None` if the DNS resolves to nothing.
    pub fn resolve(&mut self, from: Region) -> Option<NodeIx> {
        if self.geo
            && let Some(t) = self.targets.iter().filter(|t| t.healthy).min_by(|a, b| {
                from.latency_ms(a.region)
                    .total_cmp(&from.latency_ms(b.region))
            })
        {
            return Some(t.node);
        }
        let n = self.targets.len();
        let t = self.targets.get(self.next % n.max(1))?.node;
        self.next = (self.next + 1) % n;
        Some(t)
    }

    /// Records one health check of target `slot`; returns the transition it caused.
    pub fn probe(&mut self, slot: usize, passed: bool) -> Option<HealthTransition> {
        let t = &mut self.targets[slot];
        if passed {
            t.fails = 0;
            t.passes += 1;
            if !t.healthy && t.passes >= HEALTHY_AFTER {
                t.healthy = true;
                return Some(HealthTransition::MarkedHealthy);
            }
        } else {
            t.passes = 0;
            t.fails += 1;
            if t.healthy && t.fails >= UNHEALTHY_AFTER {
                t.healthy = false;
                return Some(HealthTransition::MarkedUnhealthy);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dns(geo: bool) -> Dns {
        let s = SimDuration(1);
        Dns::new(
            &[(NodeIx(4), Region::UsEast), (NodeIx(5), Region::EuWest)],
            geo,
            s,
            s,
            s,
        )
    }

    #[test]
    fn plain_dns_rotates_over_targets() {
        let mut d = dns(false);
        let from = Region::EuWest;
        assert_eq!(
            [d.resolve(from), d.resolve(from), d.resolve(from)],
            [Some(NodeIx(4)), Some(NodeIx(5)), Some(NodeIx(4))]
        );
        let s = SimDuration(1);
        assert_eq!(Dns::new(&[], false, s, s, s).resolve(from), None);
    }

    #[test]
    fn geo_dns_answers_the_nearest_healthy_data_center() {
        let mut d = dns(true);
        assert_eq!(d.resolve(Region::EuWest), Some(NodeIx(5)));
        assert_eq!(d.resolve(Region::UsWest), Some(NodeIx(4)));
        for _ in 0..UNHEALTHY_AFTER - 1 {
            assert_eq!(d.probe(1, false), None);
        }
        assert_eq!(d.probe(1, false), Some(HealthTransition::MarkedUnhealthy));
        assert_eq!(
            d.resolve(Region::EuWest),
            Some(NodeIx(4)),
            "Europe fails over to the US"
        );
        d.probe(1, true);
        assert_eq!(d.probe(1, true), Some(HealthTransition::MarkedHealthy));
        assert_eq!(d.resolve(Region::EuWest), Some(NodeIx(5)));
    }
}
