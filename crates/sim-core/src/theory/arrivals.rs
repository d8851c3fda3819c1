//! Whether the requests reaching a node form a Poisson stream, decided from the diagram alone: the assumption
//! every M/M/c formula makes about arrivals. Clients send Poisson streams; splitting one at random (a random or
//! hashing balancer, a shard router) keeps it Poisson; so does merging several; and the departures of a stable
//! M/M/c station are Poisson again (Burke's theorem, Burke 1956). Round robin, least connections and a cache's
//! misses do not. No run is read here.

use super::Broken;
use crate::id::NodeId;
use crate::model::{ComponentConfig, LbAlgorithm, ServiceDistribution};
use crate::scenario::Scenario;

/// Longest chain of senders followed back from a node (diagrams are small; a cycle stops here too).
const DEPTH_MAX: u32 = 16;

/// `Ok` when the requests reaching `node` form a Poisson stream, else the first reason found that they do not.
///
/// # Errors
/// The broken assumption: [`Broken::RoundRobinArrivals`], [`Broken::BalancedArrivals`], [`Broken::BehindCache`]
/// or [`Broken::IrregularArrivals`].
pub fn poisson_arrivals(scenario: &Scenario, node: NodeId) -> Result<(), Broken> {
    arrivals(scenario, node, 0)
}

fn arrivals(scenario: &Scenario, node: NodeId, depth: u32) -> Result<(), Broken> {
    if depth > DEPTH_MAX {
        return Err(Broken::IrregularArrivals);
    }
    // A replica's reads come by read routing from its primary's senders, round robin over the replicas.
    let replica = matches!(
        scenario.node(node).map(|n| &n.config),
        Some(ComponentConfig::Replica(_))
    );
    if replica {
        for edge in scenario.edges.iter().filter(|e| e.to == node) {
            if matches!(
                scenario.node(edge.from).map(|n| &n.config),
                Some(ComponentConfig::Database(_))
            ) {
                let replicas = scenario
                    .targets(edge.from)
                    .filter(|&t| {
                        matches!(
                            scenario.node(t).map(|n| &n.config),
                            Some(ComponentConfig::Replica(_))
                        )
                    })
                    .count();
                if replicas > 1 {
                    return Err(Broken::RoundRobinArrivals);
                }
                return arrivals(scenario, edge.from, depth + 1);
            }
        }
    }
    for edge in scenario.edges.iter().filter(|e| e.to == node) {
        let Some(from) = scenario.node(edge.from) else {
            continue;
        };
        match &from.config {
            ComponentConfig::Client(_) => {}
            ComponentConfig::Dns(_) | ComponentConfig::ShardRouter(_) => {
                arrivals(scenario, from.id, depth + 1)?;
            }
            ComponentConfig::LoadBalancer(lb) => {
                let backends = scenario.targets(from.id).count();
                match lb.algorithm {
                    LbAlgorithm::RoundRobin | LbAlgorithm::StickySessions if backends > 1 => {
                        return Err(Broken::RoundRobinArrivals);
                    }
                    LbAlgorithm::LeastConnections | LbAlgorithm::PowerOfTwoChoices
                        if backends > 1 =>
                    {
                        return Err(Broken::BalancedArrivals);
                    }
                    _ => arrivals(scenario, from.id, depth + 1)?,
                }
            }
            ComponentConfig::WebServer(w) => {
                // Burke: a stable M/M/c station with Poisson arrivals sends a Poisson stream on.
                let memoryless = w.service_distribution == ServiceDistribution::Exponential
                    && w.max_instances <= w.min_instances;
                if !memoryless || arrivals(scenario, from.id, depth + 1).is_err() {
                    return Err(Broken::IrregularArrivals);
                }
            }
            ComponentConfig::Cache(_) | ComponentConfig::Cdn(_) => {
                return Err(Broken::BehindCache);
            }
            // A primary's edge to a replica carries replication, not requests.
            ComponentConfig::Database(_) | ComponentConfig::Replica(_) => {}
            ComponentConfig::SessionStore(_)
            | ComponentConfig::MessageQueue(_)
            | ComponentConfig::Workers(_) => return Err(Broken::IrregularArrivals),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    fn id(s: &Scenario, label: &str) -> NodeId {
        s.nodes
            .iter()
            .find(|n| n.label == label)
            .unwrap_or_else(|| panic!("no node {label}"))
            .id
    }

    #[test]
    fn a_web_server_fed_by_a_client_gets_poisson_arrivals_and_so_does_its_database() {
        let s = presets::get("separate_db").expect("preset");
        let web = s
            .nodes
            .iter()
            .find(|n| n.kind() == crate::ComponentKind::WebServer);
        assert_eq!(poisson_arrivals(&s, web.expect("web").id), Ok(()));
        assert_eq!(poisson_arrivals(&s, id(&s, "Database")), Ok(()));
    }

    #[test]
    fn round_robin_breaks_poisson_arrivals_and_the_break_travels_downstream() {
        let mut s = presets::get("three_tier").expect("preset");
        assert_eq!(
            poisson_arrivals(&s, id(&s, "Web 1")),
            Err(Broken::RoundRobinArrivals)
        );
        assert_eq!(
            poisson_arrivals(&s, id(&s, "Database")),
            Err(Broken::IrregularArrivals)
        );
        let lb = id(&s, "Load balancer");
        if let Some(ComponentConfig::LoadBalancer(c)) = s
            .nodes
            .iter_mut()
            .find(|n| n.id == lb)
            .map(|n| &mut n.config)
        {
            c.algorithm = LbAlgorithm::Random;
        }
        assert_eq!(poisson_arrivals(&s, id(&s, "Web 1")), Ok(()));
        assert_eq!(poisson_arrivals(&s, id(&s, "Database")), Ok(()));
    }

    #[test]
    fn replicas_share_reads_round_robin() {
        let s = presets::get("replication").expect("preset");
        assert_eq!(
            poisson_arrivals(&s, id(&s, "Replica 1")),
            Err(Broken::RoundRobinArrivals)
        );
    }

    #[test]
    fn a_database_behind_a_cache_sees_only_misses() {
        let s = presets::get("cache").expect("preset");
        assert_eq!(
            poisson_arrivals(&s, id(&s, "Database")),
            Err(Broken::BehindCache)
        );
    }
}
