//! A client's runtime: its kernel with its own arrival and key streams, its CDN (static files) and its entry point
//! (the first connection that is not a CDN: a DNS, a load balancer or a web server).

use super::Topology;
use crate::components::Client;
use crate::engine::Role;
use crate::id::NodeIx;
use crate::model::{ClientConfig, ComponentKind, Node};
use crate::rng::{Rng, Stream};

pub(super) fn client(t: &Topology, n: &Node, c: &ClientConfig) -> Role {
    let s = t.s;
    let mut client = Box::new(Client::new(
        c,
        Rng::new(s.seed, Stream::Arrivals, n.id.0),
        Rng::new(s.seed, Stream::Keys, n.id.0),
    ));
    client.cdn = t.target(n.id, &[ComponentKind::Cdn]);
    client.draws_users = s.draws_users();
    client.draws_keys = s.nodes.iter().any(|n| {
        matches!(
            n.kind(),
            ComponentKind::Database
                | ComponentKind::Replica
                | ComponentKind::Cache
                | ComponentKind::ShardRouter
        )
    });
    let entry = s
        .targets(n.id)
        .find(|t| s.node(*t).is_some_and(|t| t.kind() != ComponentKind::Cdn))
        .map_or(NodeIx(0), |id| t.index(id));
    Role::Client(client, entry)
}
