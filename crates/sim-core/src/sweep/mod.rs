//! The load sweep: run the document at a range of values of one numeric setting, a few seeds each, and report per
//! value the latency percentiles, the error ratio, the throughput and the cost, with the knee marked (the first
//! value where p99 reaches twice its low-load value, or errors pass 1 %): JMT's what-if analysis on a real
//! architecture.
//!
//! This file owns the sweep *document* ([`Sweep`]: which setting, the range, how many points and seeds), its
//! validation against the scenario and the run budget, and the default sweep; `run.rs` steps the runs in slices
//! and collects the figures. A sweep never touches the user's run: each point is a fresh [`crate::Simulation`]
//! built from a copy of the document.

mod run;

pub use run::{SweepPoint, SweepResult, SweepRun, knee};

use crate::id::NodeId;
use crate::model::{ComponentConfig, Issue, field};
use crate::scenario::{Budget, Scenario};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Fewest and most values a sweep runs.
pub const POINTS: std::ops::RangeInclusive<u32> = 2..=24;
/// Fewest and most seeds per value.
pub const SEEDS: std::ops::RangeInclusive<u32> = 1..=8;
/// Default number of values and seeds.
pub const DEFAULT_POINTS: u32 = 10;
/// See [`DEFAULT_POINTS`].
pub const DEFAULT_SEEDS: u32 = 3;
/// The default sweep covers this share of the estimated capacity, from the first to the second.
pub const DEFAULT_RANGE: (f64, f64) = (0.1, 1.5);

/// One sweep, as a document: saved with the scenario's link, so a shared sweep opens ready to run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    /// The node whose setting varies.
    pub node: NodeId,
    /// The numeric setting, as in [`ComponentConfig::numbers`] (e.g. `"arrival_rate_per_s"`).
    pub field: String,
    /// First value, in the setting's unit.
    pub from: f64,
    /// Last value (may be below `from`).
    pub to: f64,
    /// Values run, evenly spaced from `from` to `to` inclusive ([`POINTS`]).
    pub points: u32,
    /// Seeds per value: the scenario's seed, then the next ones ([`SEEDS`]).
    pub seeds: u32,
    /// Simulated length of each run, s; `None`: the scenario's run length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<f64>,
}

/// Why a sweep cannot run.
#[derive(Clone, Debug, PartialEq)]
pub enum SweepError {
    /// The document has no node with this id.
    NoNode(NodeId),
    /// The node has no numeric setting of this name.
    NoField {
        /// The node.
        node: NodeId,
        /// The name asked for.
        field: String,
    },
    /// `from` or `to` is outside the setting's range (or not a number).
    Range(field::RangeError),
    /// `points` outside [`POINTS`].
    Points(u32),
    /// `seeds` outside [`SEEDS`].
    Seeds(u32),
    /// `duration_s` outside the run-length range.
    Duration(field::RangeError),
    /// The scenario cannot run at one of the values (the first such value and its blocking issues).
    Invalid {
        /// The value.
        value: f64,
        /// What blocks it.
        issues: Vec<Issue>,
    },
    /// Every run together would exceed the work budget.
    OverBudget {
        /// Estimated events of all runs.
        events: u64,
        /// The budget's events.
        limit: u64,
    },
}

impl fmt::Display for SweepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SweepError::NoNode(id) => write!(f, "there is no node {id} to sweep"),
            SweepError::NoField { node, field } => {
                write!(f, "node {node} has no numeric setting {field:?}")
            }
            SweepError::Range(e) => write!(f, "{e}"),
            SweepError::Points(n) => write!(
                f,
                "a sweep runs {} to {} values (got {n})",
                POINTS.start(),
                POINTS.end()
            ),
            SweepError::Seeds(n) => write!(
                f,
                "a sweep runs {} to {} seeds per value (got {n})",
                SEEDS.start(),
                SEEDS.end()
            ),
            SweepError::Duration(e) => write!(f, "{e}"),
            SweepError::Invalid { value, issues } => {
                let first = issues.first().map(ToString::to_string).unwrap_or_default();
                write!(
                    f,
                    "the scenario cannot run at {}: {first}",
                    field::number(*value)
                )
            }
            SweepError::OverBudget { events, limit } => write!(
                f,
                "the sweep would need about {events} events, over the limit of {limit}: use fewer values, fewer \
                 seeds or shorter runs"
            ),
        }
    }
}

impl std::error::Error for SweepError {}

impl Sweep {
    /// The value of point `i` (of `points`), rounded to a whole number for an integer setting.
    #[must_use]
    pub fn value(&self, i: u32, integer: bool) -> f64 {
        let t = f64::from(i) / f64::from(self.points.max(2) - 1);
        let v = self.from + (self.to - self.from) * t;
        if integer { libm::round(v) } else { v }
    }

    /// Every value, in order.
    #[must_use]
    pub fn values(&self, integer: bool) -> Vec<f64> {
        (0..self.points).map(|i| self.value(i, integer)).collect()
    }

    /// The setting swept, as the node's settings describe it.
    ///
    /// # Errors
    /// [`SweepError::NoNode`] or [`SweepError::NoField`].
    pub fn spec(&self, scenario: &Scenario) -> Result<field::FieldSpec, SweepError> {
        let node = scenario
            .node(self.node)
            .ok_or(SweepError::NoNode(self.node))?;
        node.config
            .numbers()
            .into_iter()
            .map(|(s, _)| s)
            .find(|s| s.name == self.field)
            .ok_or_else(|| SweepError::NoField {
                node: self.node,
                field: self.field.clone(),
            })
    }

    /// The scenario of point `value` and seed number `seed` (0-based): a copy with the setting changed, the seed
    /// advanced and the run length replaced.
    ///
    /// # Errors
    /// As [`Sweep::spec`], or [`SweepError::Range`] for a value outside the setting's range.
    pub fn scenario_at(
        &self,
        scenario: &Scenario,
        value: f64,
        seed: u32,
    ) -> Result<Scenario, SweepError> {
        let mut s = scenario.clone();
        let node = s
            .nodes
            .iter_mut()
            .find(|n| n.id == self.node)
            .ok_or(SweepError::NoNode(self.node))?;
        node.config = node
            .config
            .with_number(&self.field, value)
            .map_err(SweepError::Range)?;
        s.seed = s.seed.wrapping_add(u64::from(seed));
        if let Some(d) = self.duration_s {
            s.duration_s = d;
        }
        Ok(s)
    }

    /// Checks the sweep against `scenario` and `budget`: the node and setting exist, both ends are in the
    /// setting's range, the counts are in [`POINTS`] and [`SEEDS`], the scenario runs at every value, and all the
    /// runs together fit the budget's work (each run alone must fit its memory, as any run must).
    ///
    /// # Errors
    /// The first [`SweepError`] found, in that order.
    pub fn check(&self, scenario: &Scenario, budget: &Budget) -> Result<(), SweepError> {
        let spec = self.spec(scenario)?;
        spec.check(self.from).map_err(SweepError::Range)?;
        spec.check(self.to).map_err(SweepError::Range)?;
        if !POINTS.contains(&self.points) {
            return Err(SweepError::Points(self.points));
        }
        if !SEEDS.contains(&self.seeds) {
            return Err(SweepError::Seeds(self.seeds));
        }
        if let Some(d) = self.duration_s {
            field::DURATION.check(d).map_err(SweepError::Duration)?;
        }
        let mut events: u64 = 0;
        for value in self.values(spec.integer) {
            let s = self.scenario_at(scenario, value, 0)?;
            let issues = s.errors_within(budget);
            if !issues.is_empty() {
                return Err(SweepError::Invalid { value, issues });
            }
            events =
                events.saturating_add(s.estimate().events.saturating_mul(u64::from(self.seeds)));
        }
        if events > budget.events {
            return Err(SweepError::OverBudget {
                events,
                limit: budget.events,
            });
        }
        Ok(())
    }

    /// The default sweep of `scenario`: its first client's arrival rate from 10 % to 150 % of the estimated
    /// capacity ([`estimated_capacity_per_s`]; the client's own rate when there is no web tier), 10 values, 3 seeds.
    /// `None` without a client.
    #[must_use]
    pub fn default_for(scenario: &Scenario) -> Option<Sweep> {
        let (id, rate) = scenario.nodes.iter().find_map(|n| match &n.config {
            ComponentConfig::Client(c) => Some((n.id, c.arrival_rate_per_s)),
            _ => None,
        })?;
        let capacity = estimated_capacity_per_s(scenario).unwrap_or(rate);
        let spec = field::ARRIVAL_RATE;
        let clamp = |v: f64| v.clamp(spec.min, spec.max);
        Some(Sweep {
            node: id,
            field: spec.name.to_owned(),
            from: clamp(round_nicely(DEFAULT_RANGE.0 * capacity)),
            to: clamp(round_nicely(DEFAULT_RANGE.1 * capacity)),
            points: DEFAULT_POINTS,
            seeds: DEFAULT_SEEDS,
            duration_s: None,
        })
    }
}

impl Sweep {
    /// A sweep of `node`'s setting `field`: the default sweep when that is the default's setting (the first
    /// client's arrival rate), else from half to twice the current value, clamped to the setting's range; 10
    /// values, 3 seeds.
    ///
    /// # Errors
    /// [`SweepError::NoNode`] or [`SweepError::NoField`].
    pub fn for_setting(
        scenario: &Scenario,
        node: NodeId,
        field: &str,
    ) -> Result<Sweep, SweepError> {
        if let Some(d) = Sweep::default_for(scenario).filter(|d| d.node == node && d.field == field)
        {
            return Ok(d);
        }
        let n = scenario.node(node).ok_or(SweepError::NoNode(node))?;
        let (spec, current) = n
            .config
            .numbers()
            .into_iter()
            .find(|(s, _)| s.name == field)
            .ok_or_else(|| SweepError::NoField {
                node,
                field: field.to_owned(),
            })?;
        let (mut from, mut to) = (
            (current / 2.0).clamp(spec.min, spec.max),
            (current * 2.0).clamp(spec.min, spec.max),
        );
        if from >= to {
            (from, to) = (spec.min, spec.max.min(spec.min.max(1.0) * 10.0));
        }
        if spec.integer {
            (from, to) = (libm::floor(from), libm::ceil(to));
        }
        Ok(Sweep {
            node,
            field: spec.name.to_owned(),
            from,
            to,
            points: DEFAULT_POINTS,
            seeds: DEFAULT_SEEDS,
            duration_s: None,
        })
    }
}

/// The requests per second the web tier can serve: the sum over web servers (and, with an embedded database,
/// single servers) of workers ÷ mean service time, every instance of an autoscaling group at its minimum — the
/// utilization law at ρ = 1. `None` when the scenario has no web server.
#[must_use]
pub fn estimated_capacity_per_s(scenario: &Scenario) -> Option<f64> {
    let per_s: Vec<f64> = scenario
        .nodes
        .iter()
        .filter_map(|n| match &n.config {
            ComponentConfig::WebServer(w) if w.service_time_ms > 0.0 => Some(
                f64::from(w.workers)
                    * f64::from(w.instance_size.multiplier())
                    * f64::from(w.min_instances.max(1))
                    * 1_000.0
                    / w.service_time_ms,
            ),
            _ => None,
        })
        .collect();
    (!per_s.is_empty()).then(|| per_s.iter().sum())
}

/// `v` rounded to two significant digits (160, 2400, 0.35), so a sweep's ends read as a person would type them.
fn round_nicely(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return v;
    }
    let scale = libm::pow(10.0, libm::floor(libm::log10(v)) - 1.0);
    libm::round(v / scale) * scale
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    fn three_tier_sweep() -> (Scenario, Sweep) {
        let s = presets::get("three_tier").expect("preset");
        let sweep = Sweep::default_for(&s).expect("a client");
        (s, sweep)
    }

    #[test]
    fn the_default_sweep_spans_the_web_tier_s_capacity() {
        let (s, sweep) = three_tier_sweep();
        // Two web servers of 8 workers at 10 ms: 1 600 requests/s.
        assert_eq!(estimated_capacity_per_s(&s), Some(1_600.0));
        assert_eq!(sweep.field, "arrival_rate_per_s");
        assert_eq!((sweep.from, sweep.to), (160.0, 2_400.0));
        assert_eq!((sweep.points, sweep.seeds), (10, 3));
        assert_eq!(sweep.check(&s, &Budget::default()), Ok(()));
        let v = sweep.values(false);
        assert_eq!(v.len(), 10);
        assert!((v[0] - 160.0).abs() < 1e-9 && (v[9] - 2_400.0).abs() < 1e-9);
    }

    #[test]
    fn a_bad_sweep_says_what_is_wrong() {
        let (s, sweep) = three_tier_sweep();
        let budget = Budget::default();
        let bad = |f: &dyn Fn(&mut Sweep)| {
            let mut w = sweep.clone();
            f(&mut w);
            w.check(&s, &budget).expect_err("refused")
        };
        assert!(matches!(
            bad(&|w| w.node = NodeId(999)),
            SweepError::NoNode(_)
        ));
        assert!(matches!(
            bad(&|w| w.field = "nope".into()),
            SweepError::NoField { .. }
        ));
        let e = bad(&|w| w.to = -5.0);
        assert!(e.to_string().contains("Arrival rate must be from"), "{e}");
        assert_eq!(bad(&|w| w.points = 25), SweepError::Points(25));
        assert_eq!(bad(&|w| w.points = 1), SweepError::Points(1));
        assert_eq!(bad(&|w| w.seeds = 0), SweepError::Seeds(0));
        assert!(matches!(
            bad(&|w| w.duration_s = Some(0.0)),
            SweepError::Duration(_)
        ));
        let small = Budget {
            events: 1_000_000,
            ..Budget::default()
        };
        let e = sweep.check(&s, &small).expect_err("over budget");
        assert!(
            matches!(
                e,
                SweepError::OverBudget { .. } | SweepError::Invalid { .. }
            ),
            "{e}"
        );
    }

    #[test]
    fn integer_settings_sweep_whole_numbers() {
        let (s, mut sweep) = three_tier_sweep();
        let web = s.nodes.iter().find(|n| n.label == "Web 1").expect("web").id;
        sweep.node = web;
        sweep.field = "workers".into();
        sweep.from = 1.0;
        sweep.to = 8.0;
        sweep.points = 4;
        let spec = sweep.spec(&s).expect("a setting");
        assert!(spec.integer);
        assert_eq!(sweep.values(spec.integer), vec![1.0, 3.0, 6.0, 8.0]);
        let at = sweep.scenario_at(&s, 3.0, 2).expect("in range");
        assert_eq!(at.seed, s.seed + 2);
        assert!(matches!(
            at.node(web).map(|n| &n.config),
            Some(ComponentConfig::WebServer(w)) if w.workers == 3
        ));
    }

    #[test]
    fn sweeps_round_trip_as_json_and_older_documents_lack_the_duration() {
        let (_, sweep) = three_tier_sweep();
        let json = serde_json::to_string(&sweep).expect("serializes");
        assert!(!json.contains("duration_s"));
        assert_eq!(serde_json::from_str::<Sweep>(&json).expect("reads"), sweep);
    }

    #[test]
    fn any_numeric_setting_gets_a_sweep_around_its_value() {
        let (s, default) = three_tier_sweep();
        assert_eq!(
            Sweep::for_setting(&s, default.node, "arrival_rate_per_s"),
            Ok(default.clone())
        );
        let web = s.nodes.iter().find(|n| n.label == "Web 1").expect("web").id;
        let w = Sweep::for_setting(&s, web, "service_time_ms").expect("a setting");
        assert_eq!((w.from, w.to), (5.0, 20.0));
        assert_eq!(w.check(&s, &Budget::default()), Ok(()));
        let read = Sweep::for_setting(&s, default.node, "read_fraction").expect("a setting");
        assert!(read.from < read.to && read.to <= 1.0, "{read:?}");
        assert!(matches!(
            Sweep::for_setting(&s, web, "nope"),
            Err(SweepError::NoField { .. })
        ));
    }

    #[test]
    fn ends_are_rounded_to_two_digits() {
        assert!((round_nicely(1_234.0) - 1_200.0).abs() < 1e-9);
        assert!((round_nicely(0.0347) - 0.035).abs() < 1e-12);
    }
}
