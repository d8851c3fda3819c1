//! Single points of failure: the nodes whose loss alone stops every client's requests from being served.
//!
//! Static analysis of the topology, with the same rules as the engine: a client is served if its entry (a DNS,
//! load balancer or web server) can reach a running web server whose session store (if it uses one) and data tier
//! run. A database with read replicas survives its primary's loss (a replica is promoted), and a load balancer with a
//! standby machine the loss of its active one (the standby takes its address over); a lone database, a lone load
//! balancer, the only DNS, a cache every server reads through, or a shared session store does not. Two balancers
//! behind one DNS are not single points of failure either: a GeoDNS stops answering with the dead one after its
//! health checks, and even a plain DNS's round robin still sends users to the other.

use super::{ComponentConfig, ComponentKind, Edge, Node, SessionMode};
use crate::id::NodeId;

struct Graph<'a> {
    nodes: &'a [Node],
    edges: &'a [Edge],
}

impl Graph<'_> {
    fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    fn targets(&self, id: NodeId, kinds: &[ComponentKind]) -> impl Iterator<Item = &Node> {
        self.edges
            .iter()
            .filter(move |e| e.from == id)
            .filter_map(|e| self.node(e.to))
            .filter(move |n| kinds.contains(&n.kind()))
    }

    /// Whether requests entering at `id` can be served with `removed` gone. `depth` bounds recursion on invalid
    /// (cyclic) diagrams.
    fn serves(&self, id: NodeId, removed: NodeId, depth: u32) -> bool {
        use ComponentKind as K;
        let Some(n) = self.node(id) else { return false };
        // A balancer with a standby machine survives the loss of one machine: the standby takes its address.
        let paired = matches!(&n.config, ComponentConfig::LoadBalancer(l) if l.standby);
        if (id == removed && !paired) || depth > 16 {
            return false;
        }
        match &n.config {
            ComponentConfig::Dns(_) => self
                .targets(id, &[K::LoadBalancer, K::WebServer])
                .any(|t| self.serves(t.id, removed, depth + 1)),
            ComponentConfig::LoadBalancer(_) => self
                .targets(id, &[K::WebServer])
                .any(|t| self.serves(t.id, removed, depth + 1)),
            ComponentConfig::WebServer(w) => {
                let sessions_ok = w.sessions != SessionMode::SessionStore
                    || self
                        .targets(id, &[K::SessionStore])
                        .any(|s| s.id != removed);
                let data_ok = w.embedded_database
                    || self
                        .targets(id, &[K::Database, K::Cache, K::ShardRouter])
                        .any(|t| self.data_ok(t.id, removed, depth + 1));
                sessions_ok && data_ok
            }
            ComponentConfig::Client(_)
            | ComponentConfig::Database(_)
            | ComponentConfig::Replica(_)
            | ComponentConfig::Cache(_)
            | ComponentConfig::SessionStore(_)
            | ComponentConfig::MessageQueue(_)
            | ComponentConfig::Workers(_)
            | ComponentConfig::ShardRouter(_)
            | ComponentConfig::Cdn(_) => false,
        }
    }

    fn data_ok(&self, id: NodeId, removed: NodeId, depth: u32) -> bool {
        let Some(n) = self.node(id) else { return false };
        match n.kind() {
            ComponentKind::Cache => {
                id != removed
                    && depth <= 16
                    && self
                        .targets(id, &[ComponentKind::Database, ComponentKind::ShardRouter])
                        .any(|d| self.data_ok(d.id, removed, depth + 1))
            }
            // Every shard in use must survive: each holds part of the data. A spare one (past `active_shards`,
            // brought in by "Add shard") holds nothing yet, so losing it stops nothing.
            ComponentKind::ShardRouter => {
                let in_use = match &n.config {
                    super::ComponentConfig::ShardRouter(r) if r.active_shards > 0 => {
                        r.active_shards as usize
                    }
                    _ => usize::MAX,
                };
                id != removed
                    && depth <= 16
                    && self
                        .targets(id, &[ComponentKind::Database])
                        .take(in_use)
                        .all(|d| self.data_ok(d.id, removed, depth + 1))
            }
            ComponentKind::Database => {
                id != removed || self.targets(id, &[ComponentKind::Replica]).next().is_some()
            }
            _ => false,
        }
    }

    fn clients_served(&self, removed: NodeId) -> usize {
        self.nodes
            .iter()
            .filter(|c| c.kind() == ComponentKind::Client)
            .filter(|c| {
                self.edges
                    .iter()
                    .filter(|e| e.from == c.id)
                    .any(|e| self.serves(e.to, removed, 0))
            })
            .count()
    }
}

/// Nodes whose loss alone stops all traffic, in document order. Empty when the diagram serves nobody to begin
/// with (validation explains that) or has no single point of failure.
#[must_use]
pub fn single_points_of_failure(nodes: &[Node], edges: &[Edge]) -> Vec<NodeId> {
    let g = Graph { nodes, edges };
    let nothing = NodeId(u32::MAX);
    if g.clients_served(nothing) == 0 {
        return Vec::new();
    }
    nodes
        .iter()
        .filter(|n| n.kind() != ComponentKind::Client)
        .filter(|n| g.clients_served(n.id) == 0)
        .map(|n| n.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::scenario::presets;

    fn spof_labels(id: &str) -> Vec<String> {
        let s = presets::get(id).expect("preset");
        let ids = super::single_points_of_failure(&s.nodes, &s.edges);
        ids.iter()
            .filter_map(|&i| s.node(i))
            .map(|n| n.label.clone())
            .collect()
    }

    #[test]
    fn presets_show_the_chapter_s_single_points_of_failure() {
        assert_eq!(spof_labels("single_server"), ["DNS", "Server"]);
        assert_eq!(
            spof_labels("three_tier"),
            ["DNS", "Load balancer", "Database"],
            "two web servers are redundant"
        );
        assert_eq!(
            spof_labels("replication"),
            ["DNS", "Load balancer"],
            "a replica can be promoted"
        );
        assert_eq!(
            spof_labels("cache"),
            ["DNS", "Load balancer", "Cache", "Database"]
        );
        let mut paired = presets::get("three_tier").expect("preset");
        let lb = paired
            .nodes
            .iter()
            .find(|n| n.label == "Load balancer")
            .expect("a balancer")
            .id;
        paired
            .apply(crate::scenario::Edit::SetChoice {
                node: lb,
                field: "standby".to_owned(),
                option: "yes".to_owned(),
            })
            .expect("standby is a setting");
        let ids = super::single_points_of_failure(&paired.nodes, &paired.edges);
        assert!(!ids.contains(&lb), "a balancer with a standby: {ids:?}");
        assert_eq!(ids.len(), 2, "DNS and database stay: {ids:?}");
        let sharding = spof_labels("sharding");
        assert!(sharding.contains(&"Shard 4".to_owned()), "{sharding:?}");
        assert!(
            !sharding.contains(&"Shard 5".to_owned()),
            "the spare shard holds no data yet: {sharding:?}"
        );
    }
}
