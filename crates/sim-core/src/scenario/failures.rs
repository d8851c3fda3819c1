//! Random failures across the whole scenario: one switch that makes every machine of the diagram fail now and
//! then and come back after a repair, so a learner sees what each tier's redundancy buys without setting a mean
//! time between failures node by node. Only the document's side lives here (the fields, their ranges, which node
//! fails how often, and the work it adds to a run); the engine draws the failures (`engine/faults.rs`).
//!
//! Each node that fails at random alternates exponential up times of mean MTBF and repairs of mean MTTR, drawn
//! from its own seeded stream, so its long-run availability is MTBF / (MTBF + MTTR) (an alternating renewal
//! process: Barlow & Proschan, *Statistical Theory of Reliability and Life Testing*, 1975, ch. 7).

use crate::model::field::FieldSpec;
use crate::model::{ComponentConfig, ComponentKind, Issue, Node, SessionMode};
use serde::{Deserialize, Serialize};

/// Range of `random_failures_mtbf_s`: 1 s (a demonstration) to about 116 days (a real machine's order).
pub const MTBF_S: FieldSpec = FieldSpec {
    name: "random_failures_mtbf_s",
    label: "Random failures: mean time between failures",
    unit: "s",
    min: 1.0,
    max: 10_000_000.0,
    integer: false,
};

/// Range of `random_failures_mttr_s`: 1 s to about 12 days.
pub const MTTR_S: FieldSpec = FieldSpec {
    name: "random_failures_mttr_s",
    label: "Random failures: mean time to repair",
    unit: "s",
    min: 1.0,
    max: 1_000_000.0,
    integer: false,
};

/// The switch's settings, in inspector order (the app names them by `name`).
pub const FIELDS: [FieldSpec; 2] = [MTBF_S, MTTR_S];

/// Every machine of the diagram fails at random: each node but the users' clients is down, on average, `mttr_s`
/// of every `mtbf_s + mttr_s` seconds, independently of the others. A web server that states its own mean time
/// between failures (`mtbf_s` > 0) keeps its own figures. In files: `"random_failures": {"mtbf_s": 600,
/// "mttr_s": 60}`, absent when off (the default), so documents without it are byte for byte what they were.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RandomFailures {
    /// Mean time between failures of each node, s (exponential); see [`MTBF_S`].
    pub mtbf_s: f64,
    /// Mean time to repair a failed node, s (exponential); see [`MTTR_S`].
    pub mttr_s: f64,
}

impl Default for RandomFailures {
    /// Ten minutes up, one minute to repair (a = 0.909 a node): a run of a few minutes sees several failures.
    fn default() -> Self {
        RandomFailures {
            mtbf_s: 600.0,
            mttr_s: 60.0,
        }
    }
}

impl RandomFailures {
    /// Long-run share of time a node that fails this way is up: MTBF / (MTBF + MTTR), 0–1.
    #[must_use]
    pub fn availability(&self) -> f64 {
        self.mtbf_s / (self.mtbf_s + self.mttr_s)
    }
}

/// Whether nodes of `kind` fail under the scenario's random failures: every machine, not the users' clients.
#[must_use]
pub fn applies_to(kind: ComponentKind) -> bool {
    kind != ComponentKind::Client
}

/// How `node` fails at random in a scenario whose switch is `switch`: `(mtbf_s, mttr_s)`, or `None` when it never
/// does. A web server's own `mtbf_s` (> 0) comes first (its `mttr_s` at least 1 s); else the scenario's figures
/// when the switch is on and the kind [`applies_to`] it.
#[must_use]
pub fn of(switch: Option<&RandomFailures>, node: &Node) -> Option<(f64, f64)> {
    match &node.config {
        ComponentConfig::WebServer(w) if w.mtbf_s > 0.0 => Some((w.mtbf_s, w.mttr_s.max(1.0))),
        _ if applies_to(node.kind()) => switch.map(|r| (r.mtbf_s, r.mttr_s.max(1.0))),
        _ => None,
    }
}

/// Events a run of `d` seconds spends on `node`'s random failures: a failure and a repair per cycle (plus one
/// cycle), and a failure is a kill, which logs out the `users` of a web server keeping sessions in memory.
/// `None` when the node never fails at random.
#[must_use]
pub fn events(
    switch: Option<&RandomFailures>,
    node: &Node,
    d: f64,
    users: u64,
) -> Option<(f64, u64)> {
    let (mtbf_s, mttr_s) = of(switch, node)?;
    let cycles = d / (mtbf_s + mttr_s) + 1.0;
    let sweep = match &node.config {
        ComponentConfig::WebServer(w) if w.sessions == SessionMode::InMemory => users,
        _ => 0,
    };
    Some((
        mtbf_s,
        super::budget::whole(cycles).saturating_mul(2 + sweep),
    ))
}

/// Every problem with the switch's figures: each out of its range, as an [`Issue::scenario`] range error.
#[must_use]
pub fn issues(switch: Option<&RandomFailures>) -> Vec<Issue> {
    let Some(r) = switch else {
        return Vec::new();
    };
    [(MTBF_S, r.mtbf_s), (MTTR_S, r.mttr_s)]
        .into_iter()
        .filter_map(|(spec, v)| spec.check(v).err())
        .map(Issue::scenario)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::NodeId;
    use crate::model::ComponentConfig;

    fn node(kind: ComponentKind) -> Node {
        Node {
            id: NodeId(1),
            label: String::new(),
            x: 0.0,
            y: 0.0,
            region: crate::model::Region::default(),
            config: ComponentConfig::default_for(kind),
        }
    }

    #[test]
    fn every_machine_fails_under_the_switch_and_clients_never() {
        let on = RandomFailures::default();
        for kind in ComponentKind::ALL {
            let got = of(Some(&on), &node(kind));
            if kind == ComponentKind::Client {
                assert_eq!(got, None);
            } else {
                assert_eq!(got, Some((600.0, 60.0)), "{kind:?}");
            }
            assert_eq!(of(None, &node(kind)), None, "{kind:?} off by default");
        }
    }

    #[test]
    fn a_web_servers_own_figures_come_first() {
        let mut web = node(ComponentKind::WebServer);
        if let ComponentConfig::WebServer(w) = &mut web.config {
            w.mtbf_s = 20.0;
            w.mttr_s = 5.0;
        }
        let on = RandomFailures::default();
        assert_eq!(of(Some(&on), &web), Some((20.0, 5.0)));
        assert_eq!(of(None, &web), Some((20.0, 5.0)));
    }

    #[test]
    fn out_of_range_figures_are_issues_and_availability_is_the_share_up() {
        let bad = RandomFailures {
            mtbf_s: 0.5,
            mttr_s: f64::NAN,
        };
        assert_eq!(issues(Some(&bad)).len(), 2);
        assert!(issues(Some(&RandomFailures::default())).is_empty());
        assert!(issues(None).is_empty());
        let a = RandomFailures::default().availability();
        assert!((a - 600.0 / 660.0).abs() < 1e-12);
    }

    #[test]
    fn a_failure_cycle_costs_two_events() {
        let on = RandomFailures {
            mtbf_s: 90.0,
            mttr_s: 10.0,
        };
        let db = node(ComponentKind::Database);
        assert_eq!(events(Some(&on), &db, 1_000.0, 50), Some((90.0, 22)));
        assert_eq!(events(None, &db, 1_000.0, 50), None);
    }
}
