//! Which stations admit requests as they are sent (see `engine::stations`): those that every way into takes the
//! same time, their *lead*. A station admits in arrival order, and sending order is arrival order only when every
//! request takes the same time to get there. Found by following each way a request can be sent — from a client
//! (through its CDN, its DNS's addresses or its entry), from a web server (to its session store and data tier) and
//! from a cache (to its database) — through the nodes passed without waiting (load balancers to every backend,
//! routers to every member of every shard, CDN edges to their origin) to the first station. Every member of a
//! replica set counts as reachable by a query, since promotions move the primary.

use crate::engine::{Role, Simulation};
use crate::id::NodeIx;
use crate::time::SimDuration;
use std::collections::BTreeSet;

/// The lead of every node (`None` for a station reached in different times, and for every other kind).
pub(super) fn leads(sim: &Simulation) -> Vec<Option<SimDuration>> {
    let mut ways: Vec<BTreeSet<SimDuration>> = vec![BTreeSet::new(); sim.nodes.len()];
    for x in sim.nodes.indices() {
        match &sim.nodes[x].role {
            Role::Client(c, entry) => {
                if let Some(cdn) = c.cdn
                    && let Role::Cdn(edge) = &sim.nodes[cdn].role
                {
                    reach(sim, cdn, edge.edge_half_rtt, &mut ways);
                }
                let addresses: Vec<NodeIx> = match &sim.nodes[*entry].role {
                    Role::Dns(d) => d.targets.iter().map(|t| t.node).collect(),
                    _ => vec![*entry],
                };
                for a in addresses {
                    reach(sim, a, c.half_rtt + sim.distance(x, a), &mut ways);
                }
            }
            Role::Web(w) => {
                for to in w
                    .store
                    .into_iter()
                    .chain(w.database.map(|db| members(sim, db)).into_iter().flatten())
                {
                    reach(sim, to, sim.link_latency(x, to), &mut ways);
                }
            }
            Role::Cache(c) => {
                for to in members(sim, c.database) {
                    reach(sim, to, sim.link_latency(x, to), &mut ways);
                }
            }
            _ => {}
        }
    }
    ways.into_iter()
        .map(|w| match w.len() {
            1 => w.first().copied(),
            _ => None,
        })
        .collect()
}

/// The nodes a query addressed to `target` can be sent to: every member of its replica set, or itself.
fn members(sim: &Simulation, target: NodeIx) -> Vec<NodeIx> {
    match &sim.nodes[target].role {
        Role::Db(db) => db
            .set
            .map_or_else(|| vec![target], |s| sim.sets[s as usize].members.clone()),
        _ => vec![target],
    }
}

/// A request sent to `to`, reaching it after `delay`, goes on to the stations it can be admitted at.
fn reach(sim: &Simulation, to: NodeIx, delay: SimDuration, ways: &mut [BTreeSet<SimDuration>]) {
    match &sim.nodes[to].role {
        Role::Lb(lb) => {
            for b in &lb.balancer.backends {
                reach(sim, b.node, delay + sim.link_latency(to, b.node), ways);
            }
        }
        Role::Router(r) => {
            for &shard in &r.shards {
                for m in members(sim, shard) {
                    reach(sim, m, delay + sim.link_latency(to, m), ways);
                }
            }
        }
        Role::Cdn(c) => reach(sim, c.origin, delay + c.origin_latency, ways),
        Role::Web(_) | Role::Db(_) | Role::Cache(_) | Role::Store(_) => {
            ways[to.get()].insert(delay);
        }
        Role::Client(..) | Role::Dns(_) | Role::Queue(_) | Role::Workers(_) => {}
    }
}
