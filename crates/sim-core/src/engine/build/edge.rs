//! The runtime of the nodes a request passes without waiting: DNS (its addresses, GeoDNS health checks), load
//! balancers (their backends), CDNs (edge cache and origin) and shard routers (their databases and key map).

use super::Topology;
use crate::components::{Cdn, Dns, LoadBalancer, Router, ShardMap};
use crate::engine::{Lb, Role};
use crate::model::{
    CdnConfig, ComponentConfig, ComponentKind, DnsConfig, LoadBalancerConfig, Node,
    ShardRouterConfig,
};
use crate::rng::{Rng, Stream};
use crate::time::SimDuration;

/// Where a DNS answer or a CDN miss can send a user.
const ADDRESSES: [ComponentKind; 2] = [ComponentKind::LoadBalancer, ComponentKind::WebServer];

pub(super) fn dns(t: &Topology, n: &Node, d: &DnsConfig) -> Role {
    let addresses: Vec<_> = t
        .targets(n.id, &ADDRESSES)
        .into_iter()
        .map(|a| (a, t.s.nodes[a.get()].region))
        .collect();
    Role::Dns(Dns::new(
        &addresses,
        d.geo_routing,
        SimDuration::from_ms_f64(d.resolution_ms),
        SimDuration::from_secs_f64(d.ttl_s),
        SimDuration::from_secs_f64(d.health_check_interval_s).max(SimDuration(1)),
    ))
}

pub(super) fn load_balancer(t: &Topology, n: &Node, l: &LoadBalancerConfig) -> Role {
    Role::Lb(Lb {
        balancer: LoadBalancer::new(
            l.algorithm,
            l.unhealthy_threshold,
            l.healthy_threshold,
            &t.targets(n.id, &[ComponentKind::WebServer]),
        ),
        rng: Rng::new(t.s.seed, Stream::Routing, n.id.0),
        interval: SimDuration::from_ms_f64(l.health_check_interval_ms).max(SimDuration(1)),
        max_connections: l.max_connections,
        pair: l
            .standby
            .then(|| crate::engine::lb_pair::Pair::new(SimDuration::from_secs_f64(l.takeover_s))),
    })
}

pub(super) fn cdn(t: &Topology, n: &Node, c: &CdnConfig) -> Role {
    Role::Cdn(Box::new(Cdn::new(
        c.capacity_assets,
        SimDuration::from_secs_f64(c.ttl_s),
        SimDuration::from_ms_f64(c.edge_rtt_ms / 2.0),
        SimDuration::from_ms_f64(c.origin_latency_ms),
        c.versioned_urls,
        t.target(n.id, &ADDRESSES)
            .expect("validated: a CDN has an origin"),
    )))
}

pub(super) fn router(t: &Topology, n: &Node, r: &ShardRouterConfig) -> Role {
    // The key space is the largest client's.
    let keys =
        t.s.nodes
            .iter()
            .filter_map(|c| match &c.config {
                ComponentConfig::Client(c) => Some(c.key_count),
                _ => None,
            })
            .max()
            .unwrap_or(1);
    Role::Router(Box::new(Router::new(
        r.strategy,
        r.virtual_nodes,
        keys,
        t.targets(n.id, &[ComponentKind::Database]),
        r.active_shards,
        r.migration_keys_per_s,
        ShardMap::salt_of_seed(t.s.seed),
    )))
}
