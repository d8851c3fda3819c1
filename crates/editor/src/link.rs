//! What an edge means, for the edge inspector: which requests travel it (from the two nodes' kinds) and how long
//! one takes to cross it. The latency mirrors the engine's scheduling (`engine/cdn.rs` `link_latency` and
//! `distance`, `engine/clients.rs` for the users' first hop) without running it; `tests/edges.rs` pins the
//! rules. Pure functions over the document; no drawing and no engine change.

use sim_core::metrics::RequestKind;
use sim_core::model::{ComponentConfig, Region, edge_allowed};
use sim_core::scenario::Scenario;
use sim_core::{ComponentKind, NodeId, SimDuration};

/// A one-way latency and what it is made of, for people.
#[derive(Clone, Debug, PartialEq)]
pub struct Latency {
    /// Time for a request to cross the edge, µs.
    pub one_way_us: u64,
    /// Its parts, each a phrase and µs (e.g. `("hop inside a data center", 250)`); they add up to the total.
    pub parts: Vec<(String, u64)>,
}

/// The one-way latency of a request along `from → to` in `doc`, as the engine schedules it:
/// - users → CDN: half the CDN's edge round trip; users → anything else: half the users' round trip plus the
///   distance between the users' and the receiver's data centers;
/// - DNS → address: the edge stands for the users' requests going straight to the address the DNS answered (the
///   run draws them on a dashed route from the users): as users → address, for the first client using this DNS;
/// - CDN → origin: the CDN's origin latency;
/// - any other edge: the in-data-center hop (`hop_latency_us`) plus [`Region::latency_ms`] between the two nodes.
///
/// `None` when the edge carries nothing with a network delay of its own: a user's DNS lookup (its time is the
/// DNS's lookup time), a queue handing jobs to its workers, a DNS no client uses. Also `None` when either node is
/// missing.
#[must_use]
pub fn latency(doc: &Scenario, from: NodeId, to: NodeId) -> Option<Latency> {
    let (a, b) = (doc.node(from)?, doc.node(to)?);
    let distance = |x: Region, y: Region| {
        let us = if x == y {
            0
        } else {
            SimDuration::from_ms_f64(x.latency_ms(y)).as_us()
        };
        (format!("{} → {}", x.title(), y.title()), us)
    };
    let mut parts = match (&a.config, &b.config) {
        (ComponentConfig::Client(_), ComponentConfig::Dns(_))
        | (ComponentConfig::MessageQueue(_), _) => return None,
        (ComponentConfig::Dns(_), _) => {
            let users = doc
                .edges
                .iter()
                .filter(|e| e.to == from)
                .filter_map(|e| doc.node(e.from))
                .find(|n| n.kind() == ComponentKind::Client)?;
            return latency(doc, users.id, to);
        }
        (ComponentConfig::Client(_), ComponentConfig::Cdn(cdn)) => vec![(
            "half the round trip to the nearest CDN edge".to_owned(),
            SimDuration::from_ms_f64(cdn.edge_rtt_ms / 2.0).as_us(),
        )],
        (ComponentConfig::Client(users), _) => vec![
            (
                "half the users' round trip".to_owned(),
                SimDuration::from_ms_f64(users.rtt_ms / 2.0).as_us(),
            ),
            distance(a.region, b.region),
        ],
        (ComponentConfig::Cdn(cdn), _) | (_, ComponentConfig::Cdn(cdn)) => vec![(
            "the CDN's edge-to-origin latency".to_owned(),
            SimDuration::from_ms_f64(cdn.origin_latency_ms).as_us(),
        )],
        _ => vec![
            ("hop inside a data center".to_owned(), doc.hop_latency_us),
            distance(a.region, b.region),
        ],
    };
    parts.retain(|(_, us)| *us > 0);
    Some(Latency {
        one_way_us: parts.iter().map(|(_, us)| us).sum(),
        parts,
    })
}

/// The kinds of request counted on `from → to` (a run's per-edge rates); empty when the edge carries none. A
/// request that reaches a node over no edge of the diagram is counted on a route of its own (see
/// `sim_core::metrics::Traffic`): the users' requests to the address a DNS gave go users → address, reads go
/// web server → replica, so DNS → address and database → replica carry no request.
#[must_use]
pub fn kinds(from: ComponentKind, to: ComponentKind) -> &'static [RequestKind] {
    use ComponentKind as K;
    use RequestKind as R;
    if !edge_allowed(from, to) {
        return &[];
    }
    match (from, to) {
        (K::Client, K::Cdn) | (K::Cdn, _) => &[R::Static],
        (K::Dns | K::Database, _) => &[],
        (K::Client | K::LoadBalancer, _) => &[R::Read, R::Write, R::Static, R::Job],
        (K::WebServer, K::SessionStore) => &[R::Read, R::Write, R::Job],
        (K::WebServer, K::MessageQueue) | (K::MessageQueue, _) => &[R::Job],
        (K::WebServer | K::Cache | K::ShardRouter, _) => &[R::Read, R::Write],
        _ => &[],
    }
}

/// What every kind of edge carries, by stable id (the app's message is `link-<id>`): one or two English
/// sentences each. [`meaning_id`] picks one for a pair of kinds.
pub const MEANINGS: &[(&str, &str)] = &[
    (
        "invalid",
        "No request can travel this connection: remove it, or connect nodes that talk to each other.",
    ),
    (
        "client_dns",
        "Name lookups: a user whose cached answer expired asks the DNS where the site is before sending a \
         request. The lookup's time is the DNS's own lookup time.",
    ),
    (
        "client_cdn",
        "Static files (images, scripts, styles): users fetch them from the CDN's nearest edge instead of the \
         origin.",
    ),
    (
        "client",
        "Every request the users send: page reads, writes and jobs, and static files unless a CDN serves them.",
    ),
    (
        "cdn",
        "Static files the CDN's edges do not have (a first request, or an expired one), fetched from the origin.",
    ),
    (
        "dns",
        "An address the DNS answers with (GeoDNS: the nearest one). Users then send their requests straight \
         to that address, drawn during a run as a dashed route from the users; nothing passes through the DNS.",
    ),
    (
        "load_balancer",
        "The requests the load balancer hands to this web server, by its algorithm, while the server passes \
         its health checks.",
    ),
    (
        "web_cache",
        "Reads and writes of the requests this server handles: reads are answered by the cache when it has \
         the key; misses and writes go on to the database behind it.",
    ),
    (
        "web_session_store",
        "Session lookups: every request but static files checks its user's session here, so any web server \
         can serve any user.",
    ),
    (
        "web_queue",
        "Jobs published: the server answers the user at once and leaves the slow work to the queue.",
    ),
    (
        "web_router",
        "Reads and writes of the requests this server handles, sent to the shard that holds each key.",
    ),
    (
        "web",
        "Queries: the reads and writes of the requests this server handles. With replicas, reads go to them \
         and writes to whichever database is primary now, drawn during a run as dashed routes.",
    ),
    (
        "cache",
        "Cache misses and writes: what the cache cannot answer goes on to the data behind it (read-through).",
    ),
    (
        "router",
        "The reads and writes whose keys live on this shard.",
    ),
    (
        "queue",
        "Jobs: the workers take the next waiting job from the queue whenever one of them is free.",
    ),
    (
        "replication",
        "Replication: the primary copies every write to this replica, which applies it after the replication \
         lag (plus the distance between data centers). No request travels it: reads reach the replicas \
         straight from the web servers. After a promotion the replicas follow the new primary.",
    ),
    ("nothing", "No request can travel this connection."),
];

/// The id in [`MEANINGS`] of what the edge `from → to` carries.
#[must_use]
pub fn meaning_id(from: ComponentKind, to: ComponentKind) -> &'static str {
    use ComponentKind as K;
    if !edge_allowed(from, to) {
        return "invalid";
    }
    match (from, to) {
        (K::Client, K::Dns) => "client_dns",
        (K::Client, K::Cdn) => "client_cdn",
        (K::Client, _) => "client",
        (K::Cdn, _) => "cdn",
        (K::Dns, _) => "dns",
        (K::LoadBalancer, _) => "load_balancer",
        (K::WebServer, K::Cache) => "web_cache",
        (K::WebServer, K::SessionStore) => "web_session_store",
        (K::WebServer, K::MessageQueue) => "web_queue",
        (K::WebServer, K::ShardRouter) => "web_router",
        (K::WebServer, _) => "web",
        (K::Cache, _) => "cache",
        (K::ShardRouter, _) => "router",
        (K::MessageQueue, _) => "queue",
        (K::Database, _) => "replication",
        _ => "nothing",
    }
}

/// One or two sentences on what the edge `from → to` carries, from the two nodes' kinds (English).
#[must_use]
pub fn meaning(from: ComponentKind, to: ComponentKind) -> &'static str {
    let id = meaning_id(from, to);
    MEANINGS
        .iter()
        .find(|(m, _)| *m == id)
        .map_or("", |(_, english)| english)
}
