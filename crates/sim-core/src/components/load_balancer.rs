//! Load balancer kernel: picks a backend among those it believes healthy, and turns health-check results into
//! health transitions.
//!
//! Health checking follows the active-check model of HAProxy and AWS ELB: a backend is probed every interval; after
//! `unhealthy_threshold` consecutive failures it stops getting traffic, after `healthy_threshold` consecutive passes
//! it gets traffic again. Between a backend's death and its detection the balancer keeps choosing it — that window
//! is what a user sees as "node down" errors.

use crate::id::NodeIx;
use crate::model::LbAlgorithm;
use crate::rng::Rng;

/// The balancer's view of one backend.
#[derive(Clone, Debug, PartialEq)]
pub struct Backend {
    /// The backend node.
    pub node: NodeIx,
    /// Whether the balancer sends it traffic.
    pub healthy: bool,
    /// Consecutive failed checks.
    pub fails: u32,
    /// Consecutive passed checks.
    pub passes: u32,
    /// Requests sent to it and not yet answered (least connections).
    pub outstanding: u32,
}

/// A change of a backend's health as seen by the balancer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HealthTransition {
    /// Stopped sending it traffic.
    MarkedUnhealthy,
    /// Started sending it traffic again.
    MarkedHealthy,
}

/// The balancer's state.
#[derive(Clone, Debug)]
pub struct LoadBalancer {
    algorithm: LbAlgorithm,
    unhealthy_threshold: u32,
    healthy_threshold: u32,
    next: usize,
    /// Sticky sessions: per global user, the backend slot + 1 its cookie names (0 = no cookie yet).
    sticky: Vec<u32>,
    /// Backends in edge order.
    pub backends: Vec<Backend>,
}

impl LoadBalancer {
    /// A balancer over `backends`, all initially healthy.
    #[must_use]
    pub fn new(
        algorithm: LbAlgorithm,
        unhealthy_threshold: u32,
        healthy_threshold: u32,
        backends: &[NodeIx],
    ) -> Self {
        LoadBalancer {
            algorithm,
            unhealthy_threshold: unhealthy_threshold.max(1),
            healthy_threshold: healthy_threshold.max(1),
            next: 0,
            sticky: Vec::new(),
            backends: backends
                .iter()
                .map(|&node| Backend {
                    node,
                    healthy: true,
                    fails: 0,
                    passes: 0,
                    outstanding: 0,
                })
                .collect(),
        }
    }

    /// The slot of the backend the next request of `user` (a global user id) goes to, or `None` when no backend
    /// is healthy. Does not change `outstanding`: the engine does, when it sends the request.
    ///
    /// IP hash maps a user to `hash(user) mod (healthy backends)`, so a change in the healthy set remaps most users
    /// (as plain modulo hashing does). Sticky sessions send a user to the backend named by their cookie while it is
    /// healthy, else pick one round robin and rewrite the cookie.
    pub fn choose(&mut self, rng: &mut Rng, user: u32) -> Option<usize> {
        let n = self.backends.len();
        match self.algorithm {
            LbAlgorithm::IpHash => {
                let healthy = self.backends.iter().filter(|b| b.healthy).count();
                if healthy == 0 {
                    return None;
                }
                let pick = crate::rng::splitmix64(u64::from(user)) % healthy as u64;
                self.backends
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.healthy)
                    .nth(usize::try_from(pick).expect("pick < healthy backends, a usize"))
                    .map(|(s, _)| s)
            }
            LbAlgorithm::StickySessions => {
                let u = user as usize;
                if let Some(&slot) = self.sticky.get(u)
                    && slot > 0
                    && self.backends[slot as usize - 1].healthy
                {
                    return Some(slot as usize - 1);
                }
                let slot = (0..n)
                    .map(|i| (self.next + i) % n)
                    .find(|&s| self.backends[s].healthy)?;
                self.next = (slot + 1) % n;
                if self.sticky.len() <= u {
                    self.sticky.resize(u + 1, 0);
                }
                self.sticky[u] = u32::try_from(slot + 1).expect("backends fit u32");
                Some(slot)
            }
            LbAlgorithm::RoundRobin => {
                // Mostly the next backend is healthy: no search, no division.
                let slot = match self.backends.get(self.next) {
                    Some(b) if b.healthy => self.next,
                    _ => (0..n)
                        .map(|i| (self.next + i) % n)
                        .find(|&s| self.backends[s].healthy)?,
                };
                self.next = if slot + 1 == n { 0 } else { slot + 1 };
                Some(slot)
            }
            LbAlgorithm::Random => {
                let healthy = self.backends.iter().filter(|b| b.healthy).count();
                if healthy == 0 {
                    return None;
                }
                let pick = rng.below(u32::try_from(healthy).expect("backends fit u32")) as usize;
                self.backends
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.healthy)
                    .nth(pick)
                    .map(|(s, _)| s)
            }
            LbAlgorithm::PowerOfTwoChoices => {
                let healthy = self.backends.iter().filter(|b| b.healthy).count();
                let slot_of = |k: usize| {
                    self.backends
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| b.healthy)
                        .nth(k)
                        .map(|(s, _)| s)
                };
                match healthy {
                    0 => None,
                    // One candidate: no draw, so a lone backend costs the stream nothing.
                    1 => slot_of(0),
                    _ => {
                        let h = u32::try_from(healthy).expect("backends fit u32");
                        let first = rng.below(h) as usize;
                        // The second from the other h − 1: two distinct backends, each pair equally likely.
                        let mut second = rng.below(h - 1) as usize;
                        if second >= first {
                            second += 1;
                        }
                        let (a, b) = (slot_of(first)?, slot_of(second)?);
                        Some(
                            if self.backends[b].outstanding < self.backends[a].outstanding {
                                b
                            } else {
                                a
                            },
                        )
                    }
                }
            }
            LbAlgorithm::LeastConnections => self
                .backends
                .iter()
                .enumerate()
                .filter(|(_, b)| b.healthy)
                .min_by_key(|(s, b)| (b.outstanding, *s))
                .map(|(s, _)| s),
        }
    }

    /// Records one health-check result for `slot`; returns the transition it caused, if any.
    pub fn probe(&mut self, slot: usize, passed: bool) -> Option<HealthTransition> {
        let (unhealthy_after, healthy_after) = (self.unhealthy_threshold, self.healthy_threshold);
        let b = &mut self.backends[slot];
        if passed {
            b.fails = 0;
            b.passes = b.passes.saturating_add(1);
            if !b.healthy && b.passes >= healthy_after {
                b.healthy = true;
                return Some(HealthTransition::MarkedHealthy);
            }
        } else {
            b.passes = 0;
            b.fails = b.fails.saturating_add(1);
            if b.healthy && b.fails >= unhealthy_after {
                b.healthy = false;
                return Some(HealthTransition::MarkedUnhealthy);
            }
        }
        None
    }

    /// Another machine took the balancer's address over: the connections through the old one are gone (their
    /// outstanding counts drop to 0), but its health view is the standby's, which checked the backends too.
    pub fn drop_connections(&mut self) {
        for b in &mut self.backends {
            b.outstanding = 0;
        }
    }

    /// The balancer itself restarted: it forgets outstanding counts and check history and trusts every backend.
    pub fn reset(&mut self) {
        self.sticky.clear();
        for b in &mut self.backends {
            *b = Backend {
                node: b.node,
                healthy: true,
                fails: 0,
                passes: 0,
                outstanding: 0,
            };
        }
        self.next = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Stream;

    fn ixs(nodes: &[u32]) -> Vec<NodeIx> {
        nodes.iter().map(|&n| NodeIx(n)).collect()
    }

    fn rng() -> Rng {
        Rng::new(1, Stream::Routing, 0)
    }

    #[test]
    fn round_robin_cycles_and_skips_unhealthy_backends() {
        let mut lb = LoadBalancer::new(LbAlgorithm::RoundRobin, 1, 1, &ixs(&[10, 11, 12]));
        let mut r = rng();
        let picks: Vec<_> = (0..4).map(|_| lb.choose(&mut r, 0)).collect();
        assert_eq!(picks, [Some(0), Some(1), Some(2), Some(0)]);
        lb.probe(1, false);
        let picks: Vec<_> = (0..3).map(|_| lb.choose(&mut r, 0)).collect();
        assert_eq!(picks, [Some(2), Some(0), Some(2)]);
    }

    #[test]
    fn least_connections_prefers_the_idlest_then_the_first() {
        let mut lb = LoadBalancer::new(LbAlgorithm::LeastConnections, 1, 1, &ixs(&[1, 2, 3]));
        lb.backends[0].outstanding = 4;
        lb.backends[1].outstanding = 2;
        lb.backends[2].outstanding = 2;
        assert_eq!(lb.choose(&mut rng(), 0), Some(1));
    }

    #[test]
    fn random_only_picks_healthy_backends_and_spreads_evenly() {
        let mut lb = LoadBalancer::new(LbAlgorithm::Random, 1, 1, &ixs(&[1, 2, 3]));
        lb.probe(0, false);
        let mut r = rng();
        let mut counts = [0; 3];
        for _ in 0..6_000 {
            counts[lb.choose(&mut r, 0).expect("two healthy")] += 1;
        }
        assert_eq!(counts[0], 0);
        assert!(counts[1] > 2_800 && counts[2] > 2_800, "{counts:?}");
    }

    #[test]
    fn p2c_picks_the_less_loaded_of_two_distinct_healthy_backends() {
        let mut lb = LoadBalancer::new(LbAlgorithm::PowerOfTwoChoices, 1, 1, &ixs(&[1, 2, 3, 4]));
        lb.probe(3, false);
        lb.backends[0].outstanding = 9;
        lb.backends[1].outstanding = 5;
        lb.backends[2].outstanding = 1;
        let mut r = rng();
        let mut counts = [0; 4];
        for _ in 0..6_000 {
            counts[lb.choose(&mut r, 0).expect("three healthy")] += 1;
        }
        // Pairs of {0, 1, 2}, each 1/3: {0,1} → 1, {0,2} → 2, {1,2} → 2. The busiest never wins; the dead one
        // is never drawn.
        assert_eq!((counts[0], counts[3]), (0, 0), "{counts:?}");
        assert!((1_800..2_200).contains(&counts[1]), "{counts:?}");
        assert!((3_800..4_200).contains(&counts[2]), "{counts:?}");
        lb.probe(0, false);
        lb.probe(2, false);
        assert_eq!(lb.choose(&mut r, 0), Some(1), "one healthy backend left");
    }

    #[test]
    fn sticky_sessions_keep_a_user_on_one_backend_until_it_is_unhealthy() {
        let mut lb = LoadBalancer::new(LbAlgorithm::StickySessions, 1, 1, &ixs(&[1, 2, 3]));
        let mut r = rng();
        let first: Vec<_> = (0..3).map(|u| lb.choose(&mut r, u)).collect();
        assert_eq!(first, [Some(0), Some(1), Some(2)]);
        assert!((0..5).all(|_| lb.choose(&mut r, 1) == Some(1)));
        lb.probe(1, false);
        let moved = lb.choose(&mut r, 1);
        assert!(moved.is_some() && moved != Some(1));
        lb.probe(1, true);
        assert_eq!(
            lb.choose(&mut r, 1),
            moved,
            "the cookie now names the new backend"
        );
    }

    #[test]
    fn ip_hash_is_stable_until_the_healthy_set_changes() {
        let mut lb = LoadBalancer::new(LbAlgorithm::IpHash, 1, 1, &ixs(&[1, 2, 3, 4]));
        let mut r = rng();
        let before: Vec<_> = (0..1_000).map(|u| lb.choose(&mut r, u)).collect();
        let again: Vec<_> = (0..1_000).map(|u| lb.choose(&mut r, u)).collect();
        assert_eq!(before, again);
        lb.probe(3, false);
        let after: Vec<_> = (0..1_000).map(|u| lb.choose(&mut r, u)).collect();
        let moved = before.iter().zip(&after).filter(|(a, b)| a != b).count();
        // hash mod 4 → hash mod 3 moves about 3/4 of the users, not just the dead server's quarter.
        assert!(
            (650..850).contains(&moved),
            "{moved} of 1000 users remapped"
        );
    }

    #[test]
    fn thresholds_count_consecutive_results() {
        let mut lb = LoadBalancer::new(LbAlgorithm::RoundRobin, 3, 2, &ixs(&[7]));
        assert_eq!(lb.probe(0, false), None);
        assert_eq!(lb.probe(0, false), None);
        assert_eq!(lb.probe(0, true), None, "a pass resets the failure count");
        assert_eq!(lb.probe(0, false), None);
        assert_eq!(lb.probe(0, false), None);
        assert_eq!(lb.probe(0, false), Some(HealthTransition::MarkedUnhealthy));
        assert_eq!(lb.choose(&mut rng(), 0), None);
        assert_eq!(lb.probe(0, true), None);
        assert_eq!(lb.probe(0, true), Some(HealthTransition::MarkedHealthy));
        assert_eq!(lb.choose(&mut rng(), 0), Some(0));
    }
}
