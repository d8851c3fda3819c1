//! Theory beside a multi-primary member's conflicts (`components::multi_primary`): the writes of the other
//! primaries to one key still on their way here form an M/G/∞ population (Kleinrock, Queueing Systems I, 1975,
//! §5.8), Poisson with mean p_k·Σ_j w_j·E[D_j] for a key of popularity p_k, where w_j is member j's measured
//! write rate and E[D_j] = L + the distance between the two data centers. A write here conflicts with probability
//! Σ_k p_k·(1 − e^{−p_k·Σ_j w_j·E[D_j]}), so the n writes here are expected to bring n times that.

use super::report::{Broken, Outcome, Quantity, TheoryCheck};
use crate::engine::{Role, Simulation};
use crate::id::NodeIx;
use crate::model::{ComponentConfig, KeyDistribution};
use crate::scenario::Scenario;

impl Simulation {
    /// The conflicts row of multi-primary member `ix` (nothing for other nodes, or with a limited apply rate,
    /// whose applier adds its queueing to the delay).
    #[allow(clippy::cast_precision_loss)] // counts as rates
    pub(super) fn conflict_checks(
        &self,
        scenario: &Scenario,
        ix: NodeIx,
        out: &mut Vec<TheoryCheck>,
    ) {
        let (Some(measured), Role::Db(db)) = (self.conflicts(ix), &self.nodes[ix].role) else {
            return;
        };
        let Some(set) = db.set.map(|s| &self.sets[s as usize]) else {
            return;
        };
        if set.apply_limited() {
            return;
        }
        let predicted = (|| {
            if self.faulted() {
                return Err(Broken::Faults);
            }
            // Every writing client must draw keys by the same law for one popularity per key.
            let mut writers = scenario.nodes.iter().filter_map(|n| match &n.config {
                ComponentConfig::Client(c) if c.read_fraction < 1.0 => Some(c),
                _ => None,
            });
            let first = writers.next().ok_or(Broken::KeysNotZipf)?;
            let same = |c: &&crate::model::ClientConfig| {
                c.key_count == first.key_count
                    && c.key_distribution == first.key_distribution
                    && (c.key_distribution == KeyDistribution::Uniform || c.alpha == first.alpha)
                    && c.celebrity_keys == 0
            };
            if first.celebrity_keys > 0 || !writers.all(|c| same(&c)) {
                return Err(Broken::KeysNotZipf);
            }
            if first.key_count > super::CACHE_KEYS_MAX {
                return Err(Broken::TooManyKeys {
                    keys: first.key_count,
                    max: super::CACHE_KEYS_MAX,
                });
            }
            let alpha = match first.key_distribution {
                KeyDistribution::Zipf => first.alpha,
                KeyDistribution::Uniform => 0.0,
            };
            let p = super::zipf_popularities(first.key_distribution, first.key_count, alpha);
            let t_s = self.now.as_secs_f64();
            let here = self.nodes[ix].region;
            // Σ_j w_j·E[D_j] over the other members: writes from them in transit here, per unit of popularity.
            let in_transit: f64 = set
                .members
                .iter()
                .filter(|&&m| m != ix)
                .map(|&m| {
                    let writes = match &self.nodes[m].role {
                        Role::Db(d) => d.writes as f64,
                        _ => 0.0,
                    };
                    let there = self.nodes[m].region;
                    let distance_s = if there == here {
                        0.0
                    } else {
                        here.latency_ms(there) / 1e3
                    };
                    writes / t_s * (set.lag_mean_us() / 1e6 + distance_s)
                })
                .sum();
            let share: f64 = p
                .iter()
                .map(|&pk| pk * (1.0 - (-pk * in_transit).exp()))
                .sum();
            Ok(db.writes as f64 * share)
        })();
        let measured = measured as f64;
        out.push(TheoryCheck {
            quantity: Quantity::Conflicts,
            formula: "writes of the other primaries in transit: M/G/∞ (Kleinrock 1975 §5.8)",
            measured,
            outcome: Outcome::of(measured, predicted),
            may_differ: "a Poisson count: about √n either way; no write is in transit at the start",
        });
    }
}
