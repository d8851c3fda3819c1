//! What the theory panel shows for one node: for each quantity a formula predicts, the measured value of the run,
//! and either the prediction with its deviation or the assumption that does not hold (a typed reason, never a
//! number that means nothing). Plain data: `measured.rs` fills it from a run, the app and the CLI print it.

use crate::id::NodeId;
use serde::Serialize;
use std::fmt;

/// A quantity the panel compares, with its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Share of the workers busy, 0–1.
    Utilization,
    /// Share of the requests that waited for a worker, 0–1.
    WaitProbability,
    /// Mean time a request waits for a worker, ms.
    WaitMsMean,
    /// Share of the arrivals refused because the queue was full, 0–1.
    BlockingProbability,
    /// Mean requests in the station (waiting or in service); Little's law `L = λW`.
    InStationMean,
    /// Cache: share of the lookups that hit, 0–1.
    HitRatio,
    /// Replica set: acknowledged writes lost per failover.
    WritesLostPerFailover,
    /// Shard router: share of the keys moved by the last resharding, 0–1.
    KeysMovedFraction,
    /// A node that fails at random: share of the run it was up, 0–1.
    Availability,
    /// Multi-primary member: writes concurrent with another primary's write to the same key.
    Conflicts,
}

impl Quantity {
    /// Its name for people, e.g. `"P(wait)"`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Quantity::Utilization => "Utilization",
            Quantity::WaitProbability => "P(wait)",
            Quantity::WaitMsMean => "Mean wait",
            Quantity::BlockingProbability => "Refused (queue full)",
            Quantity::InStationMean => "In station (L = λW)",
            Quantity::HitRatio => "Hit ratio",
            Quantity::WritesLostPerFailover => "Writes lost per failover",
            Quantity::KeysMovedFraction => "Keys moved",
            Quantity::Availability => "Share of time up",
            Quantity::Conflicts => "Conflicts",
        }
    }

    /// Whether the value is a share (shown as a percentage), else a count or a time.
    #[must_use]
    pub fn is_ratio(self) -> bool {
        matches!(
            self,
            Quantity::Utilization
                | Quantity::WaitProbability
                | Quantity::BlockingProbability
                | Quantity::HitRatio
                | Quantity::KeysMovedFraction
                | Quantity::Availability
        )
    }

    /// The value for people: a share as a percentage (`"37.5 %"`), a time in ms, a count with one decimal.
    #[must_use]
    pub fn format(self, v: f64) -> String {
        if self.is_ratio() {
            format!("{:.1} %", 100.0 * v)
        } else if self == Quantity::WaitMsMean {
            format!("{v:.2} ms")
        } else {
            format!("{v:.1}")
        }
    }
}

/// An assumption of the formula that this node, in this run, does not meet: why the panel shows no prediction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "id", rename_all = "snake_case")]
pub enum Broken {
    /// Too few requests finished here for a steady-state average.
    TooFewSamples {
        /// Samples so far.
        have: u64,
        /// Samples the comparison waits for.
        need: u64,
    },
    /// Arrivals outpace the workers (ρ ≥ 1): no steady state.
    Overloaded,
    /// Service times are constant (M/D/c), not exponential.
    NotExponential,
    /// Reads and writes take different mean times: the service is a mix of two exponentials.
    MixedService,
    /// An autoscaling group: the number of workers changes during the run.
    Autoscaling,
    /// A fault (kill, restore, outage, flush) touched the run: no steady state.
    Faults,
    /// A client's rate follows a traffic shape (ramp, flash crowd, daily cycle, profile): no steady state.
    TrafficChanges,
    /// A round-robin balancer hands each of its backends every k-th request: arrivals are more regular than
    /// Poisson (Erlang-k gaps).
    RoundRobinArrivals,
    /// A least-connections or power-of-two-choices balancer steers requests away from busy backends: arrivals are
    /// not Poisson.
    BalancedArrivals,
    /// Only a cache's (or CDN's) misses arrive here: not a Poisson stream.
    BehindCache,
    /// Arrivals are the departures of a station that does not emit a Poisson stream (constant service, an
    /// autoscaling group, irregular arrivals of its own, a queue of jobs).
    IrregularArrivals,
    /// The queue fills: Erlang C assumes room for everyone (the blocking row uses M/M/c/K).
    QueueFills,
    /// Requests time out while they wait: impatient requests leave the queue (reneging).
    Timeouts,
    /// Key popularity is not one Zipf (or uniform) law: celebrity keys, or several clients.
    KeysNotZipf,
    /// Not evaluated: the key space is larger than the formula is evaluated for here (its cost grows with it).
    TooManyKeys {
        /// Keys of the client.
        keys: u32,
        /// Most keys evaluated.
        max: u32,
    },
    /// Nothing to compare yet: no failover in this run.
    NoFailover,
    /// Nothing to compare yet: no resharding in this run.
    NoResharding,
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Broken::TooFewSamples { have, need } => write!(
                f,
                "only {have} samples so far; a steady-state average needs about {need}"
            ),
            Broken::Overloaded => f.write_str(
                "arrivals outpace the workers (ρ ≥ 1): there is no steady state, the queue grows until it is full",
            ),
            Broken::NotExponential => f.write_str(
                "service times are constant, not exponential: this is M/D/c, which waits about half as long",
            ),
            Broken::MixedService => f.write_str(
                "reads and writes take different times: the service is a mix of two exponentials, not one",
            ),
            Broken::Autoscaling => {
                f.write_str("an autoscaling group: the number of workers changes during the run")
            }
            Broken::Faults => f.write_str(
                "a fault changed the system during the run: the formula describes a steady state",
            ),
            Broken::TrafficChanges => f.write_str(
                "the users' rate changes over the run (a traffic shape): the formula describes a steady state",
            ),
            Broken::RoundRobinArrivals => f.write_str(
                "round robin hands each server every k-th request: arrivals are more regular than Poisson, so \
                 requests wait less",
            ),
            Broken::BalancedArrivals => f.write_str(
                "least connections (or two choices) steers requests away from busy servers: arrivals are not Poisson",
            ),
            Broken::BehindCache => {
                f.write_str("only a cache's misses arrive here: not a Poisson stream")
            }
            Broken::IrregularArrivals => f.write_str(
                "requests come from a tier whose output is not a Poisson stream (its own arrivals or service are \
                 not memoryless)",
            ),
            Broken::QueueFills => f.write_str(
                "the queue fills: Erlang C assumes room for everyone (see the refused row, M/M/c/K)",
            ),
            Broken::Timeouts => f.write_str(
                "requests time out while they wait: the queue loses impatient requests",
            ),
            Broken::KeysNotZipf => f.write_str(
                "key popularity is not one Zipf law (celebrity keys, or several clients)",
            ),
            Broken::TooManyKeys { keys, max } => write!(
                f,
                "not evaluated: {keys} keys is more than the {max} the formula is computed for here"
            ),
            Broken::NoFailover => {
                f.write_str("no failover in this run yet: kill the primary to compare")
            }
            Broken::NoResharding => {
                f.write_str("no resharding in this run yet: add or remove a shard to compare")
            }
        }
    }
}

/// A prediction, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// The formula applies.
    Predicted {
        /// The formula's value, in the quantity's unit.
        predicted: f64,
        /// `measured − predicted`, in the quantity's unit (percentage points ÷ 100 for shares).
        deviation: f64,
        /// `deviation / predicted`, when the prediction is not 0.
        #[serde(skip_serializing_if = "Option::is_none")]
        deviation_ratio: Option<f64>,
    },
    /// An assumption does not hold.
    Broken {
        /// Which.
        assumption: Broken,
        /// It, as a sentence.
        why: String,
    },
}

impl Outcome {
    /// The outcome of comparing `measured` with `predicted`, or `broken`'s reason.
    #[must_use]
    pub fn of(measured: f64, predicted: Result<f64, Broken>) -> Outcome {
        match predicted {
            Ok(p) => Outcome::Predicted {
                predicted: p,
                deviation: measured - p,
                deviation_ratio: (p.abs() > 1e-12).then(|| (measured - p) / p),
            },
            Err(b) => Outcome::Broken {
                why: b.to_string(),
                assumption: b,
            },
        }
    }

    /// The prediction, if the formula applies.
    #[must_use]
    pub fn predicted(&self) -> Option<f64> {
        match self {
            Outcome::Predicted { predicted, .. } => Some(*predicted),
            Outcome::Broken { .. } => None,
        }
    }
}

/// One row of the panel: a quantity, the formula, the measured value and the outcome.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TheoryCheck {
    /// What is compared.
    pub quantity: Quantity,
    /// The formula and its source, e.g. `"Erlang C (M/M/c), Kleinrock 1975 §3.4"`.
    pub formula: &'static str,
    /// The run's value, in the quantity's unit.
    pub measured: f64,
    /// The prediction and deviation, or the broken assumption.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Why the measured value may differ even when every assumption holds (one line).
    pub may_differ: &'static str,
}

/// Every comparison for one node (empty `checks`: no formula applies to its kind).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeTheory {
    /// The node.
    pub node: NodeId,
    /// Its rows, in panel order.
    pub checks: Vec<TheoryCheck>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_carries_the_deviation_or_the_reason() {
        let o = Outcome::of(0.55, Ok(0.5));
        assert!(
            matches!(o, Outcome::Predicted { deviation, deviation_ratio: Some(r), .. }
                if (deviation - 0.05).abs() < 1e-12 && (r - 0.1).abs() < 1e-12)
        );
        assert_eq!(o.predicted(), Some(0.5));
        assert!(matches!(
            Outcome::of(0.0, Ok(0.0)),
            Outcome::Predicted {
                deviation_ratio: None,
                ..
            }
        ));
        let b = Outcome::of(1.0, Err(Broken::Autoscaling));
        assert_eq!(b.predicted(), None);
        assert!(matches!(b, Outcome::Broken { why, .. } if why.contains("autoscaling group")));
    }

    #[test]
    fn quantities_read_in_their_units() {
        assert_eq!(Quantity::WaitProbability.format(0.0612), "6.1 %");
        assert_eq!(Quantity::WaitMsMean.format(0.1524), "0.15 ms");
        assert_eq!(Quantity::WritesLostPerFailover.format(24.0), "24.0");
    }

    #[test]
    fn a_broken_row_serializes_with_its_reason() {
        let json = serde_json::to_value(Outcome::of(
            3.0,
            Err(Broken::TooFewSamples { have: 3, need: 10 }),
        ))
        .expect("serializes");
        assert_eq!(json["status"], "broken");
        assert_eq!(json["assumption"]["id"], "too_few_samples");
        assert_eq!(json["assumption"]["have"], 3);
    }
}
