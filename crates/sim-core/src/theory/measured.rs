//! Theory beside the measurement: for each node of a run, what the formulas of this module predict from the
//! run's own measured rates, next to what the run measured. Reads the engine, never changes it (nothing here can
//! alter a run or its trace hash); decides, from the document and the run, which assumption a formula needs that
//! the node does not meet, and says so instead of giving a number.
//!
//! Stations (web servers, databases, caches, session stores): utilization by the utilization law `U = λS/c` (any
//! arrivals, any service), Little's law `L = λW` (Little 1961) as a live check, P(wait) and the mean wait from
//! Erlang C at the measured arrival rate (M/M/c, Kleinrock 1975 §3.4), and blocking from M/M/c/K where the queue
//! can fill (ibid. §3.7). Caches: the hit ratio from Che's approximation (LRU) or its FIFO/LFU counterparts with
//! the TTL; CDNs likewise over the static files (LRU, entries expire a TTL after they were fetched). Replica sets: writes lost per failover, `w·L`. Shard routers: keys moved by the last resharding.

use super::report::{Broken, NodeTheory, Outcome, Quantity, TheoryCheck};
use super::{CachePolicy, arrivals, cache_hit_ratio, keys_moved_fraction, mmc, mmck};
use crate::components::CacheStats;
use crate::engine::{Role, Simulation};
use crate::id::{NodeId, NodeIx};
use crate::metrics::FailureCause;
use crate::model::{
    ClientConfig, ComponentConfig, Eviction, KeyDistribution, Replication, ServiceDistribution,
    WritePolicy,
};
use crate::scenario::Scenario;

/// Requests a station must have finished before its averages are compared with a steady state.
pub const STATION_SAMPLES_MIN: u64 = 1_000;
/// Lookups a cache must have served before its hit ratio is compared.
pub const CACHE_LOOKUPS_MIN: u64 = 1_000;
/// Most keys a cache's hit ratio is predicted for: Che's fixed point costs O(keys × 60), and the app recomputes
/// it every simulated second (65 536 keys: a few tens of ms in the browser).
pub const CACHE_KEYS_MAX: u32 = 1 << 16;
/// Largest queue M/M/c/K is evaluated for (its cost is O(K)); a longer queue never fills in a stable run.
const MMCK_QUEUE_MAX: u32 = 100_000;
/// Below this predicted blocking the queue is taken as unbounded (Erlang C applies).
const BLOCKING_NEGLIGIBLE: f64 = 1e-3;

const UTILIZATION_LAW: &str = "utilization law U = λS/c (Denning & Buzen 1978)";
const LITTLE: &str = "Little's law L = λW (Little 1961)";
const ERLANG_C: &str = "Erlang C, M/M/c (Kleinrock 1975 §3.4)";
const ERLANG_K: &str = "M/M/c/K (Kleinrock 1975 §3.7)";
const ROUND_ROBIN: &str = "E_k/M/1, round robin over k servers (Kleinrock 1975 §6.4)";

impl Simulation {
    /// Theory beside the measurement for every node of `scenario` (the document this run was built from), in
    /// document order; a node no formula covers (client, DNS, load balancer…) has no checks.
    #[must_use]
    pub fn theory(&self, scenario: &Scenario) -> Vec<NodeTheory> {
        scenario
            .nodes
            .iter()
            .filter_map(|n| self.node_theory(scenario, n.id))
            .collect()
    }

    /// Theory beside the measurement for node `id`; `None` when the run has no such node (the document changed
    /// since the run was built).
    #[must_use]
    pub fn node_theory(&self, scenario: &Scenario, id: NodeId) -> Option<NodeTheory> {
        let ix = NodeIx::of(self.nodes.0.iter().position(|n| n.id == id)?);
        let mut checks = Vec::new();
        if self.now.as_us() > 0 {
            self.station_checks(scenario, ix, &mut checks);
            self.cache_checks(scenario, ix, &mut checks);
            self.cdn_checks(scenario, ix, &mut checks);
            self.replica_set_checks(ix, &mut checks);
            self.conflict_checks(scenario, ix, &mut checks);
            self.router_checks(ix, &mut checks);
            self.availability_checks(ix, &mut checks);
        }
        Some(NodeTheory { node: id, checks })
    }

    /// Whether a fault has been applied by now (a steady-state formula no longer describes the run).
    pub(super) fn faulted(&self) -> bool {
        self.faults.iter().any(|f| f.at_us <= self.now.as_us())
    }

    #[allow(clippy::cast_precision_loss, clippy::too_many_lines)] // counts as rates; one table of rows
    fn station_checks(&self, scenario: &Scenario, ix: NodeIx, out: &mut Vec<TheoryCheck>) {
        let node = &self.nodes[ix];
        let Some(st) = node.station() else { return };
        let Some(service) = self.service(ix) else {
            return;
        };
        let t_s = self.now.as_secs_f64();
        let c = st.workers();
        let failed = self.traffic.failed_here_by_cause(ix);
        let refused = failed[FailureCause::QueueFull.index()];
        let timeouts = failed[FailureCause::Timeout.index()];
        let arrived = node.counters.arrived;
        let offered_per_s = arrived as f64 / t_s;
        let admitted_per_s = arrived.saturating_sub(refused) as f64 / t_s;
        let done = st.finished();
        let autoscaling = matches!(&node.role, Role::Web(w) if w.group.scales());
        let faulted = self.faulted();
        let shaped = scenario.nodes.iter().any(|n| {
            matches!(&n.config, crate::model::ComponentConfig::Client(c) if !c.traffic.is_constant())
        });
        let steady = || -> Result<(), Broken> {
            if autoscaling {
                Err(Broken::Autoscaling)
            } else if faulted {
                Err(Broken::Faults)
            } else if shaped {
                Err(Broken::TrafficChanges)
            } else if done.requests < STATION_SAMPLES_MIN {
                Err(Broken::TooFewSamples {
                    have: done.requests,
                    need: STATION_SAMPLES_MIN,
                })
            } else {
                Ok(())
            }
        };

        let utilization = st.busy_area_us(self.now) as f64 / (f64::from(c) * t_s * 1e6);
        out.push(TheoryCheck {
            quantity: Quantity::Utilization,
            formula: UTILIZATION_LAW,
            measured: utilization,
            outcome: Outcome::of(
                utilization,
                steady().map(|()| admitted_per_s * service.mean_ms / 1e3 / f64::from(c)),
            ),
            may_differ: "service times are random: over n requests their mean drifts by about 1/√n",
        });

        let in_station =
            (st.busy_area_us(self.now) + st.queue_area_us(self.now)) as f64 / (t_s * 1e6);
        let little = if done.requests < STATION_SAMPLES_MIN {
            Err(Broken::TooFewSamples {
                have: done.requests,
                need: STATION_SAMPLES_MIN,
            })
        } else {
            let w_s = (done.wait_us + done.service_us) as f64 / done.requests as f64 / 1e6;
            Ok(admitted_per_s * w_s)
        };
        out.push(TheoryCheck {
            quantity: Quantity::InStationMean,
            formula: LITTLE,
            measured: in_station,
            outcome: Outcome::of(in_station, little),
            may_differ: "requests still in the station count in L but not yet in W",
        });

        // The M/M/c assumptions, in the order a learner can fix them.
        let memoryless = steady()
            .and(match service.shape {
                Shape::Exponential => Ok(()),
                Shape::Constant => Err(Broken::NotExponential),
                Shape::Mixed => Err(Broken::MixedService),
            })
            .and_then(|()| match arrivals::poisson_arrivals(scenario, node.id) {
                // One-worker servers fed round robin: E_k/M/1 still has a closed form for the wait.
                Err(Broken::RoundRobinArrivals) if c == 1 => Ok(()),
                other => other,
            })
            .and_then(|()| {
                if timeouts * 100 > arrived {
                    Err(Broken::Timeouts)
                } else {
                    Ok(())
                }
            });
        let bounded = st.capacity() <= MMCK_QUEUE_MAX;
        let blocking = memoryless.clone().and_then(|()| {
            if bounded {
                mmck(c, st.capacity(), offered_per_s, service.mean_ms)
                    .map(|m| m.blocking_probability)
                    .ok_or(Broken::Overloaded)
            } else {
                Ok(0.0)
            }
        });
        if bounded && (refused > 0 || blocking.as_ref().is_ok_and(|&p| p >= 1e-4)) {
            let measured = refused as f64 / arrived.max(1) as f64;
            out.push(TheoryCheck {
                quantity: Quantity::BlockingProbability,
                formula: ERLANG_K,
                measured,
                outcome: Outcome::of(measured, blocking.clone()),
                may_differ: "refusals come in bursts: a few long busy spells decide the count",
            });
        }
        let fills = blocking.as_ref().is_ok_and(|&p| p >= BLOCKING_NEGLIGIBLE);
        let round_robin =
            arrivals::poisson_arrivals(scenario, node.id) == Err(Broken::RoundRobinArrivals);
        let backends = round_robin_backends(scenario, node.id);
        let erlang = memoryless.and_then(|()| {
            if fills {
                Err(Broken::QueueFills)
            } else {
                mmc(c, offered_per_s, service.mean_ms).ok_or(Broken::Overloaded)
            }
        });
        let p_wait = done.waited as f64 / done.requests.max(1) as f64;
        let wait_ms = done.wait_us as f64 / done.requests.max(1) as f64 / 1e3;
        if round_robin && c == 1 {
            let wait = erlang.and_then(|_| {
                super::round_robin_response_ms_mean(
                    backends,
                    offered_per_s * f64::from(backends),
                    service.mean_ms,
                )
                .map(|w| w - service.mean_ms)
                .ok_or(Broken::Overloaded)
            });
            out.push(TheoryCheck {
                quantity: Quantity::WaitMsMean,
                formula: ROUND_ROBIN,
                measured: wait_ms,
                outcome: Outcome::of(wait_ms, wait),
                may_differ: "waits are correlated: a run's mean wanders more than independent samples would",
            });
            return;
        }
        out.push(TheoryCheck {
            quantity: Quantity::WaitProbability,
            formula: ERLANG_C,
            measured: p_wait,
            outcome: Outcome::of(p_wait, erlang.clone().map(|m| m.wait_probability)),
            may_differ: "arrivals and services are random: busy spells cluster, so a run wanders around the mean",
        });
        out.push(TheoryCheck {
            quantity: Quantity::WaitMsMean,
            formula: ERLANG_C,
            measured: wait_ms,
            outcome: Outcome::of(wait_ms, erlang.map(|m| m.wait_ms_mean)),
            may_differ: "waits are correlated: a run's mean wanders more than independent samples would",
        });
    }

    /// The mean service time of a station node and its shape.
    #[allow(clippy::cast_precision_loss)] // query counts as weights
    fn service(&self, ix: NodeIx) -> Option<Service> {
        let shape = |d: ServiceDistribution| match d {
            ServiceDistribution::Exponential => Shape::Exponential,
            ServiceDistribution::Constant => Shape::Constant,
        };
        Some(match &self.nodes[ix].role {
            Role::Web(w) => Service {
                mean_ms: w.service.mean_us / 1e3,
                shape: shape(w.service.distribution),
            },
            Role::Cache(c) => Service {
                mean_ms: c.lookup.mean_us / 1e3,
                shape: shape(c.lookup.distribution),
            },
            Role::Store(s) => Service {
                mean_ms: s.lookup.mean_us / 1e3,
                shape: shape(s.lookup.distribution),
            },
            Role::Db(d) => {
                let (r, w) = (d.reads as f64, d.writes as f64);
                let mixed = r > 0.0 && w > 0.0 && d.read.mean_us != d.write.mean_us;
                let mean_us = if r + w > 0.0 {
                    (r * d.read.mean_us + w * d.write.mean_us) / (r + w)
                } else {
                    d.read.mean_us
                };
                Service {
                    mean_ms: mean_us / 1e3,
                    shape: if mixed {
                        Shape::Mixed
                    } else {
                        shape(d.read.distribution)
                    },
                }
            }
            _ => return None,
        })
    }

    /// What Che's approximation needs for a cache fed by the clients in `senders` over `keys` keys (a cache's data
    /// keys, a CDN's static files): the one sender and the key popularities it draws with, or the assumption
    /// that fails — faults, several senders, more than [`CACHE_KEYS_MAX`] keys, fewer than
    /// [`CACHE_LOOKUPS_MIN`] lookups.
    fn che_popularities<'a>(
        &self,
        senders: &[&'a ClientConfig],
        keys: fn(&ClientConfig) -> u32,
        stats: CacheStats,
    ) -> Result<(&'a ClientConfig, Vec<f64>), Broken> {
        if self.faulted() {
            return Err(Broken::Faults);
        }
        let [client] = senders else {
            return Err(Broken::KeysNotZipf);
        };
        let keys = keys(client);
        if keys > CACHE_KEYS_MAX {
            return Err(Broken::TooManyKeys {
                keys,
                max: CACHE_KEYS_MAX,
            });
        }
        if stats.lookups < CACHE_LOOKUPS_MIN {
            return Err(too_few_lookups(stats));
        }
        let alpha = match client.key_distribution {
            KeyDistribution::Zipf => client.alpha,
            KeyDistribution::Uniform => 0.0,
        };
        Ok((
            client,
            super::zipf_popularities(client.key_distribution, keys, alpha),
        ))
    }

    #[allow(clippy::cast_precision_loss)] // counts as rates
    fn cache_checks(&self, scenario: &Scenario, ix: NodeIx, out: &mut Vec<TheoryCheck>) {
        let Role::Cache(cache) = &self.nodes[ix].role else {
            return;
        };
        let Some(ComponentConfig::Cache(cfg)) = scenario.node(self.nodes[ix].id).map(|n| &n.config)
        else {
            return;
        };
        let stats = cache.store.stats;
        let clients = senders(scenario, |_| true);
        let lookups_per_s = stats.lookups as f64 / self.now.as_secs_f64();
        let predicted = (|| {
            let (client, p) = self.che_popularities(&clients, |c| c.key_count, stats)?;
            if client.celebrity_keys > 0 && client.celebrity_share > 0.0 {
                return Err(Broken::KeysNotZipf);
            }
            let policy = match cfg.eviction {
                Eviction::Lru => CachePolicy::Lru,
                Eviction::Fifo => CachePolicy::Fifo,
                Eviction::Lfu => CachePolicy::Lfu,
            };
            // Writes that invalidate: a key is cached only if it was read since its last write, so with a
            // share f of reads its occupancy is f·(1 − e^{−p·t}) (LRU) and the cache behaves like one of C/f
            // entries over every request whose hit ratio is scaled by f. Write-through and no-op writes leave
            // the occupancy of Che's approximation as it is.
            let f = if cfg.write_policy == WritePolicy::Invalidate {
                client.read_fraction.clamp(1e-3, 1.0)
            } else {
                1.0
            };
            let capacity = f64::from(cache.store.capacity()) / f;
            let ttl = (cfg.ttl_s > 0.0).then_some((cfg.ttl_s, lookups_per_s / f));
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // ≤ 1000 × a u32
            cache_hit_ratio(policy, &p, capacity.round() as u64, ttl)
                .map(|h| f * h)
                .ok_or(too_few_lookups(stats))
        })();
        let measured = hit_ratio(stats);
        out.push(TheoryCheck {
            quantity: Quantity::HitRatio,
            formula: match cfg.eviction {
                Eviction::Lru => "Che's approximation, LRU (Che, Tung & Wang 2002)",
                Eviction::Fifo => "Che's approximation, FIFO (Martina et al. 2014)",
                Eviction::Lfu => "perfect LFU: the most popular keys (Martina et al. 2014)",
            },
            measured,
            outcome: Outcome::of(measured, predicted),
            may_differ: "counted from a cold start, so the first misses of every key are in it",
        });
    }

    /// A CDN's edge cache: LRU with entries that expire `ttl_s` after they were fetched, over the static files
    /// (their own popularity, drawn independently of the data keys), so Che's approximation with the TTL cap
    /// applies as for a cache, with no writes to invalidate.
    #[allow(clippy::cast_precision_loss)] // counts as rates
    fn cdn_checks(&self, scenario: &Scenario, ix: NodeIx, out: &mut Vec<TheoryCheck>) {
        let Role::Cdn(cdn) = &self.nodes[ix].role else {
            return;
        };
        let Some(ComponentConfig::Cdn(cfg)) = scenario.node(self.nodes[ix].id).map(|n| &n.config)
        else {
            return;
        };
        let stats = cdn.store.stats;
        let clients = senders(scenario, |c| c.static_fraction > 0.0);
        let lookups_per_s = stats.lookups as f64 / self.now.as_secs_f64();
        let predicted = self
            .che_popularities(&clients, |c| c.static_assets, stats)
            .and_then(|(_, p)| {
                let ttl = (cfg.ttl_s > 0.0).then_some((cfg.ttl_s, lookups_per_s));
                cache_hit_ratio(CachePolicy::Lru, &p, u64::from(cdn.store.capacity()), ttl)
                    .ok_or(too_few_lookups(stats))
            });
        let measured = hit_ratio(stats);
        out.push(TheoryCheck {
            quantity: Quantity::HitRatio,
            formula: "Che's approximation, LRU with a TTL (Che, Tung & Wang 2002; Jung et al. 2003)",
            measured,
            outcome: Outcome::of(measured, predicted),
            may_differ: "counted from a cold start, so the first misses of every file are in it",
        });
    }

    #[allow(clippy::cast_precision_loss)] // counts as rates
    fn replica_set_checks(&self, ix: NodeIx, out: &mut Vec<TheoryCheck>) {
        let Some(set) = self.sets.iter().find(|s| s.members.first() == Some(&ix)) else {
            return;
        };
        // Writes acknowledged per second while a primary was up (each failover leaves the set without one for
        // its timeout).
        let up_s = self.now.as_secs_f64()
            - f64::from(set.failovers) * set.failover_timeout.as_ms_f64() / 1e3;
        let writes_per_s = set.committed as f64 / up_s.max(1e-3);
        let measured = if set.failovers == 0 {
            0.0
        } else {
            set.lost_writes as f64 / f64::from(set.failovers)
        };
        let predicted = if set.failovers == 0 {
            Err(Broken::NoFailover)
        } else {
            super::writes_lost_on_failover(
                writes_per_s,
                set.lag_mean_us() / 1e6,
                set.mode == Replication::SemiSynchronous,
            )
            .ok_or(Broken::NoFailover)
        };
        out.push(TheoryCheck {
            quantity: Quantity::WritesLostPerFailover,
            formula: "w·L writes in transit, Little's law (Little 1961)",
            measured,
            outcome: Outcome::of(measured, predicted),
            may_differ: "one failover varies by about √(w·L); the most up-to-date replica is promoted, which lowers it",
        });
    }

    fn router_checks(&self, ix: NodeIx, out: &mut Vec<TheoryCheck>) {
        let Role::Router(r) = &self.nodes[ix].role else {
            return;
        };
        let predicted = r
            .last_reshard
            .ok_or(Broken::NoResharding)
            .and_then(|(from, to)| {
                keys_moved_fraction(r.strategy, from, to).ok_or(Broken::NoResharding)
            });
        out.push(TheoryCheck {
            quantity: Quantity::KeysMovedFraction,
            formula: "n → m shards: modulo 1 − min(n, m)/lcm(n, m); consistent hashing |m − n|/max(n, m) (Karger et al. 1997)",
            measured: r.keys_moved_fraction,
            outcome: Outcome::of(r.keys_moved_fraction, predicted),
            may_differ: "a ring with few virtual nodes gives the new shard an uneven share",
        });
    }
}

/// Backends of the round-robin balancer in front of `node` (1 when there is none).
/// The clients of `scenario` that `pick` keeps (every client, or those that ask for static files).
fn senders(scenario: &Scenario, pick: fn(&ClientConfig) -> bool) -> Vec<&ClientConfig> {
    scenario
        .nodes
        .iter()
        .filter_map(|n| match &n.config {
            ComponentConfig::Client(c) if pick(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Hits over lookups (0 before the first lookup).
#[allow(clippy::cast_precision_loss)] // counts as a share
fn hit_ratio(stats: CacheStats) -> f64 {
    if stats.lookups == 0 {
        0.0
    } else {
        stats.hits as f64 / stats.lookups as f64
    }
}

fn too_few_lookups(stats: CacheStats) -> Broken {
    Broken::TooFewSamples {
        have: stats.lookups,
        need: CACHE_LOOKUPS_MIN,
    }
}

fn round_robin_backends(scenario: &Scenario, node: NodeId) -> u32 {
    scenario
        .edges
        .iter()
        .filter(|e| e.to == node)
        .filter(|e| {
            matches!(
                scenario.node(e.from).map(|n| &n.config),
                Some(ComponentConfig::LoadBalancer(_))
            )
        })
        .map(|e| u32::try_from(scenario.targets(e.from).count()).unwrap_or(1))
        .max()
        .unwrap_or(1)
}

#[derive(Clone, Copy, Debug)]
enum Shape {
    Exponential,
    Constant,
    /// Reads and writes of different means.
    Mixed,
}

#[derive(Clone, Copy, Debug)]
struct Service {
    mean_ms: f64,
    shape: Shape,
}
