//! Validation of a topology: every problem, each with the node it concerns, so the canvas can mark the node and
//! the Run button can list them. Never stops at the first problem.

use super::reach::{cycle_members, reachable_from_clients, write_rate_bound_per_s};
use super::{ComponentConfig, ComponentKind, Edge, Node, RangeError, SessionMode};
use crate::id::NodeId;
use std::fmt;

/// Whether a node of kind `from` may send requests to a node of kind `to`.
///
/// Requests flow client → DNS → load balancer → web server → cache → database; a step may be skipped (a client may
/// call a web server directly, a web server a database) but never reversed, which also makes every valid diagram
/// acyclic. A database connects to its read replicas (replication, and reads routed to them).
#[must_use]
pub fn edge_allowed(from: ComponentKind, to: ComponentKind) -> bool {
    use ComponentKind as K;
    match from {
        K::Client => matches!(to, K::Dns | K::LoadBalancer | K::WebServer | K::Cdn),
        K::Cdn => matches!(to, K::LoadBalancer | K::WebServer),
        K::Dns => matches!(to, K::LoadBalancer | K::WebServer),
        K::LoadBalancer => matches!(to, K::WebServer),
        K::WebServer => matches!(
            to,
            K::Database | K::Cache | K::SessionStore | K::MessageQueue | K::ShardRouter
        ),
        K::ShardRouter => matches!(to, K::Database),
        K::MessageQueue => matches!(to, K::Workers),
        K::Cache => matches!(to, K::Database | K::ShardRouter),
        K::Database => matches!(to, K::Replica),
        K::Replica | K::SessionStore | K::Workers => false,
    }
}

/// What is wrong. [`fmt::Display`] gives the sentence shown to the user.
#[derive(Clone, Debug, PartialEq)]
pub enum IssueKind {
    /// The diagram has no traffic source.
    NoClient,
    /// A client is connected to nothing.
    ClientHasNoTarget,
    /// A client is connected to several entry points.
    ClientHasManyTargets(usize),
    /// A DNS resolves to nothing.
    DnsHasNoTarget,
    /// A load balancer has no web server behind it.
    NoBackends,
    /// A web server has no database and does not run one itself.
    NoDatabase,
    /// A web server is connected to several databases or caches (it needs exactly one data tier).
    ManyDatabases(usize),
    /// A cache has no database behind it to read through to.
    CacheHasNoDatabase,
    /// A cache is connected to several databases.
    CacheHasManyDatabases(usize),
    /// A web server keeps sessions in a session store but is connected to none (or to several).
    NeedsOneSessionStore(usize),
    /// A web server is connected to a session store it does not use.
    SessionStoreUnused,
    /// A client is connected to several CDNs.
    ClientHasManyCdns(usize),
    /// A CDN has no origin to fetch misses from.
    CdnHasNoOrigin,
    /// A maximum number of instances or workers below the minimum.
    MaxBelowMin,
    /// A shard router has no databases to shard over.
    RouterHasNoShards,
    /// A worker pool takes jobs from several queues.
    WorkersManyQueues(usize),
    /// A web server publishes to several queues.
    ManyQueues(usize),
    /// A read replica has no primary database replicating to it.
    ReplicaHasNoPrimary,
    /// A read replica is connected from several databases.
    ReplicaHasManyPrimaries(usize),
    /// A web server runs its own database but is also connected to one.
    EmbeddedAndConnected,
    /// This connection is not a direction requests can flow.
    InvalidEdge {
        /// Kind of the sender.
        from: ComponentKind,
        /// Kind of the receiver.
        to: ComponentKind,
    },
    /// A connection refers to a node that does not exist.
    DanglingEdge(NodeId),
    /// The node is part of a loop of connections.
    Cycle,
    /// A setting is out of its range.
    OutOfRange(RangeError),
    /// A client's traffic profile cannot be used (a file may carry one the inspector would never make).
    Traffic(super::ShapeError),
    /// No client's requests can reach this node (a warning: the node will sit idle).
    Unreachable,
    /// A primary's replicas apply writes at `apply_per_s` while up to `writes_per_s` could reach it (a warning:
    /// replication lag would grow without bound; the bound counts every write of every client that reaches it).
    ApplyRateBelowWrites {
        /// Upper bound of the writes reaching the primary, per s.
        writes_per_s: f64,
        /// The primary's `apply_rate_per_s`.
        apply_per_s: f64,
    },
    /// A database set to multi-primary replication has no replica to be the other primary (a warning: it runs as
    /// a lone database).
    MultiPrimaryWithoutPeer,
    /// A scenario-level setting (run length, hop latency) is out of range.
    Scenario(RangeError),
    /// A fault in the timeline refers to a node that does not exist.
    FaultOnMissingNode(NodeId),
    /// A limit of the scenario's challenge is out of its range.
    Challenge(RangeError),
    /// The challenge starts measuring at or after the end of the run: nothing would be measured (a warning for the
    /// run; grading refuses it).
    ChallengeMeasuresNothing {
        /// When measuring starts, s.
        from_s: f64,
        /// The run length, s.
        duration_s: f64,
    },
    /// The whole run needs more memory than a run may use (the nodes that need most carry a [`IssueKind::Costs`]).
    OverMemory {
        /// Estimated bytes.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The whole run needs more events than a run may take.
    OverWork {
        /// Estimated events.
        events: u64,
        /// The limit.
        limit: u64,
    },
    /// This node's setting takes a large part of a budget the run is over.
    Costs {
        /// The setting.
        setting: super::FieldSpec,
        /// Its value.
        value: f64,
        /// Bytes (when `memory`) or events it costs.
        amount: u64,
        /// Memory (true) or work.
        memory: bool,
    },
}

/// `bytes` for people: "640 KiB", "9.5 MiB", "1.2 GiB".
#[must_use]
#[allow(clippy::cast_precision_loss)] // display only
pub fn bytes_for_people(bytes: u64) -> String {
    let b = bytes as f64;
    match bytes {
        0..1_048_576 => format!("{:.0} KiB", (b / 1024.0).ceil()),
        1_048_576..1_073_741_824 => format!("{:.1} MiB", b / 1_048_576.0),
        _ => format!("{:.1} GiB", b / 1_073_741_824.0),
    }
}

/// A count for people: "35 thousand", "1.2 million", "780 billion".
#[must_use]
#[allow(clippy::cast_precision_loss)] // display only
pub fn count_for_people(n: u64) -> String {
    let v = n as f64;
    match n {
        0..10_000 => n.to_string(),
        10_000..1_000_000 => format!("{:.0} thousand", v / 1e3),
        1_000_000..1_000_000_000 => format!("{} million", one_decimal(v / 1e6)),
        1_000_000_000..1_000_000_000_000 => format!("{} billion", one_decimal(v / 1e9)),
        _ => format!("{} trillion", one_decimal(v / 1e12)),
    }
}

/// `v` with one decimal, without a trailing ".0".
fn one_decimal(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0")
        .map_or_else(|| s.clone(), str::to_owned)
}

impl fmt::Display for IssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IssueKind::NoClient => write!(f, "Add a Client: without users nothing sends requests"),
            IssueKind::ClientHasNoTarget => {
                write!(
                    f,
                    "Connect this client to a DNS, load balancer or web server"
                )
            }
            IssueKind::ClientHasManyTargets(n) => write!(
                f,
                "This client is connected to {n} entry points; connect it to one (a DNS or load balancer spreads traffic)"
            ),
            IssueKind::DnsHasNoTarget => write!(
                f,
                "Connect this DNS to the load balancer or server it resolves to"
            ),
            IssueKind::NoBackends => write!(f, "This load balancer has no web servers behind it"),
            IssueKind::NoDatabase => write!(
                f,
                "This web server has no database: connect one (or a cache in front of one), or set 'Also runs the database' for a single server"
            ),
            IssueKind::ManyDatabases(n) => write!(
                f,
                "This web server is connected to {n} databases or caches; connect it to exactly one"
            ),
            IssueKind::CacheHasNoDatabase => {
                write!(
                    f,
                    "Connect this cache to the database (or shard router) it reads through to on a miss"
                )
            }
            IssueKind::NeedsOneSessionStore(0) => write!(
                f,
                "This web server keeps sessions in a session store: connect it to one"
            ),
            IssueKind::NeedsOneSessionStore(n) => {
                write!(
                    f,
                    "This web server is connected to {n} session stores; connect it to exactly one"
                )
            }
            IssueKind::SessionStoreUnused => write!(
                f,
                "This web server is connected to a session store but keeps sessions elsewhere: set 'User sessions live' to the session store, or remove the connection"
            ),
            IssueKind::ClientHasManyCdns(n) => {
                write!(f, "This client is connected to {n} CDNs; connect it to one")
            }
            IssueKind::CdnHasNoOrigin => write!(
                f,
                "Connect this CDN to its origin (the load balancer or web server that has the files)"
            ),
            IssueKind::MaxBelowMin => write!(f, "The maximum must be at least the minimum"),
            IssueKind::RouterHasNoShards => {
                write!(
                    f,
                    "Connect this shard router to the databases that hold the shards"
                )
            }
            IssueKind::WorkersManyQueues(n) => {
                write!(
                    f,
                    "These workers are connected from {n} message queues; connect them to one"
                )
            }
            IssueKind::ManyQueues(n) => {
                write!(
                    f,
                    "This web server publishes to {n} message queues; connect it to one"
                )
            }
            IssueKind::ReplicaHasNoPrimary => write!(
                f,
                "Connect a database to this read replica (draw the connection from the primary database)"
            ),
            IssueKind::ReplicaHasManyPrimaries(n) => {
                write!(
                    f,
                    "This read replica is connected from {n} databases; a replica has exactly one primary"
                )
            }
            IssueKind::CacheHasManyDatabases(n) => {
                write!(
                    f,
                    "This cache is connected to {n} databases; connect it to exactly one"
                )
            }
            IssueKind::EmbeddedAndConnected => write!(
                f,
                "This server runs its own database but is also connected to a database or cache; remove one of the two"
            ),
            IssueKind::InvalidEdge { from, to } => write!(
                f,
                "A {} cannot send requests to a {} (requests flow client → DNS → load balancer → web server → database)",
                from.title().to_lowercase(),
                to.title().to_lowercase()
            ),
            IssueKind::DanglingEdge(id) => {
                write!(f, "A connection points to node {id}, which does not exist")
            }
            IssueKind::Cycle => write!(
                f,
                "This node is part of a loop of connections; requests would never finish"
            ),
            IssueKind::OutOfRange(e) | IssueKind::Scenario(e) => write!(f, "{e}"),
            IssueKind::Traffic(e) => write!(f, "{e}"),
            IssueKind::Unreachable => {
                write!(f, "No client's requests reach this node; it will sit idle")
            }
            IssueKind::ApplyRateBelowWrites {
                writes_per_s,
                apply_per_s,
            } => write!(
                f,
                "Up to {} writes/s can reach this primary, at or above what each replica applies ({} writes/s): \
                 replicas may fall ever further behind",
                super::field::number(writes_per_s.round()),
                super::field::number(*apply_per_s)
            ),
            IssueKind::MultiPrimaryWithoutPeer => write!(
                f,
                "Multi-primary replication needs a second member: connect a replica, which becomes a primary too"
            ),
            IssueKind::FaultOnMissingNode(id) => {
                write!(
                    f,
                    "The fault timeline refers to node {id}, which does not exist"
                )
            }
            IssueKind::Challenge(e) => write!(f, "Challenge: {e}"),
            IssueKind::ChallengeMeasuresNothing { from_s, duration_s } => write!(
                f,
                "Challenge: measuring starts at {} s but the run ends at {} s, so nothing would be measured; \
                 start measuring before the end",
                super::field::number(*from_s),
                super::field::number(*duration_s)
            ),
            IssueKind::OverMemory { bytes, limit } => write!(
                f,
                "This run would need about {} of memory, more than the {} a run may use: lower the settings \
                 marked on the nodes",
                bytes_for_people(*bytes),
                bytes_for_people(*limit)
            ),
            IssueKind::OverWork { events, limit } => write!(
                f,
                "This run would take about {} events, more than the {} a run may take: lower the settings marked \
                 on the nodes or shorten the run",
                count_for_people(*events),
                count_for_people(*limit)
            ),
            IssueKind::Costs {
                setting,
                value,
                amount,
                memory,
            } => {
                let sep = if setting.unit.is_empty() { "" } else { " " };
                let what = format!(
                    "{} {}{sep}{}",
                    setting.label,
                    super::field::number(*value),
                    setting.unit
                );
                if *memory {
                    write!(
                        f,
                        "{what} takes about {} of the run's memory, which is over its budget: lower it",
                        bytes_for_people(*amount)
                    )
                } else {
                    write!(
                        f,
                        "{what} costs about {} events over the run, which is over its budget: lower it or shorten the run",
                        count_for_people(*amount)
                    )
                }
            }
        }
    }
}

/// One problem, with the node it concerns (`None` for the diagram as a whole).
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    /// The node to mark on the canvas, if any.
    pub node: Option<NodeId>,
    /// What is wrong.
    pub kind: IssueKind,
}

impl Issue {
    /// A setting of the scenario as a whole out of its range: [`IssueKind::Scenario`] on no node.
    #[must_use]
    pub fn scenario(e: RangeError) -> Issue {
        Issue {
            node: None,
            kind: IssueKind::Scenario(e),
        }
    }

    /// Whether this issue blocks a run (everything but warnings: an unreachable node, and a challenge that would
    /// measure nothing — the run itself is fine, and grading it fails or, in `scalelab check`, is refused).
    #[must_use]
    pub fn is_error(&self) -> bool {
        !matches!(
            self.kind,
            IssueKind::Unreachable
                | IssueKind::ChallengeMeasuresNothing { .. }
                | IssueKind::ApplyRateBelowWrites { .. }
                | IssueKind::MultiPrimaryWithoutPeer
        )
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)
    }
}

/// Every problem with the topology, in a stable order (by node order, then by check).
#[must_use]
pub fn validate(nodes: &[Node], edges: &[Edge]) -> Vec<Issue> {
    let mut issues = Vec::new();
    let index_of = |id: NodeId| nodes.iter().position(|n| n.id == id);
    let out: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            edges
                .iter()
                .filter(|e| e.from == n.id)
                .filter_map(|e| index_of(e.to))
                .collect()
        })
        .collect();

    if !nodes.iter().any(|n| n.kind() == ComponentKind::Client) {
        issues.push(Issue {
            node: None,
            kind: IssueKind::NoClient,
        });
    }
    for e in edges {
        for end in [e.from, e.to] {
            if index_of(end).is_none() {
                issues.push(Issue {
                    node: index_of(e.from).map(|_| e.from),
                    kind: IssueKind::DanglingEdge(end),
                });
            }
        }
    }
    let in_cycle = cycle_members(&out);
    let reachable = reachable_from_clients(nodes, &out);

    for (i, node) in nodes.iter().enumerate() {
        let mut add = |kind| {
            issues.push(Issue {
                node: Some(node.id),
                kind,
            });
        };
        for e in edges.iter().filter(|e| e.from == node.id) {
            if let Some(j) = index_of(e.to)
                && !edge_allowed(node.kind(), nodes[j].kind())
            {
                add(IssueKind::InvalidEdge {
                    from: node.kind(),
                    to: nodes[j].kind(),
                });
            }
        }
        let targets_of =
            |kind: ComponentKind| out[i].iter().filter(|&&j| nodes[j].kind() == kind).count();
        match &node.config {
            ComponentConfig::Client(_) => {
                // One entry point for dynamic requests, plus at most one CDN for static files.
                let cdns = targets_of(ComponentKind::Cdn);
                match out[i].len() - cdns {
                    0 => add(IssueKind::ClientHasNoTarget),
                    1 => {}
                    n => add(IssueKind::ClientHasManyTargets(n)),
                }
                if cdns > 1 {
                    add(IssueKind::ClientHasManyCdns(cdns));
                }
            }
            ComponentConfig::Dns(_) => {
                if targets_of(ComponentKind::LoadBalancer) + targets_of(ComponentKind::WebServer)
                    == 0
                {
                    add(IssueKind::DnsHasNoTarget);
                }
            }
            ComponentConfig::LoadBalancer(_) => {
                if targets_of(ComponentKind::WebServer) == 0 {
                    add(IssueKind::NoBackends);
                }
            }
            ComponentConfig::WebServer(w) => {
                match (
                    w.embedded_database,
                    targets_of(ComponentKind::Database)
                        + targets_of(ComponentKind::Cache)
                        + targets_of(ComponentKind::ShardRouter),
                ) {
                    (false, 0) => add(IssueKind::NoDatabase),
                    (false, 1) | (true, 0) => {}
                    (false, n) => add(IssueKind::ManyDatabases(n)),
                    (true, _) => add(IssueKind::EmbeddedAndConnected),
                }
                if targets_of(ComponentKind::MessageQueue) > 1 {
                    add(IssueKind::ManyQueues(targets_of(
                        ComponentKind::MessageQueue,
                    )));
                }
                match (w.sessions, targets_of(ComponentKind::SessionStore)) {
                    (SessionMode::SessionStore, 1)
                    | (SessionMode::None | SessionMode::InMemory, 0) => {}
                    (SessionMode::SessionStore, n) => add(IssueKind::NeedsOneSessionStore(n)),
                    (SessionMode::None | SessionMode::InMemory, _) => {
                        add(IssueKind::SessionStoreUnused);
                    }
                }
            }
            ComponentConfig::SessionStore(_) | ComponentConfig::MessageQueue(_) => {}
            ComponentConfig::Cdn(_) => {
                if targets_of(ComponentKind::LoadBalancer) + targets_of(ComponentKind::WebServer)
                    == 0
                {
                    add(IssueKind::CdnHasNoOrigin);
                }
            }
            ComponentConfig::ShardRouter(_) => {
                if targets_of(ComponentKind::Database) == 0 {
                    add(IssueKind::RouterHasNoShards);
                }
            }
            ComponentConfig::Workers(_) => {
                let queues = edges
                    .iter()
                    .filter(|e| e.to == node.id)
                    .filter(|e| {
                        index_of(e.from)
                            .is_some_and(|j| nodes[j].kind() == ComponentKind::MessageQueue)
                    })
                    .count();
                if queues > 1 {
                    add(IssueKind::WorkersManyQueues(queues));
                }
            }
            ComponentConfig::Cache(_) => {
                match targets_of(ComponentKind::Database) + targets_of(ComponentKind::ShardRouter) {
                    0 => add(IssueKind::CacheHasNoDatabase),
                    1 => {}
                    n => add(IssueKind::CacheHasManyDatabases(n)),
                }
            }
            ComponentConfig::Database(_) => {}
            ComponentConfig::Replica(_) => {
                let primaries = edges
                    .iter()
                    .filter(|e| e.to == node.id)
                    .filter(|e| {
                        index_of(e.from).is_some_and(|j| nodes[j].kind() == ComponentKind::Database)
                    })
                    .count();
                match primaries {
                    0 => add(IssueKind::ReplicaHasNoPrimary),
                    1 => {}
                    n => add(IssueKind::ReplicaHasManyPrimaries(n)),
                }
            }
        }
        let max_below_min = match &node.config {
            ComponentConfig::WebServer(w) => w.max_instances < w.min_instances,
            ComponentConfig::Workers(w) => w.max_workers < w.min_workers,
            _ => false,
        };
        if max_below_min {
            add(IssueKind::MaxBelowMin);
        }
        if in_cycle[i] {
            add(IssueKind::Cycle);
        }
        for e in node.config.range_errors() {
            add(IssueKind::OutOfRange(e));
        }
        // Shapes the inspector edits are range-checked above, row by row; a scripted profile only here.
        if let ComponentConfig::Client(c) = &node.config
            && let super::TrafficShape::Piecewise { .. } = c.traffic
            && let Err(e) = c.traffic.check()
        {
            add(IssueKind::Traffic(e));
        }
        if !reachable[i] && node.kind() != ComponentKind::Client {
            add(IssueKind::Unreachable);
        }
        if let ComponentConfig::Database(db) = &node.config
            && db.replication == super::Replication::MultiPrimary
            && !out[i]
                .iter()
                .any(|&j| nodes[j].kind() == ComponentKind::Replica)
        {
            add(IssueKind::MultiPrimaryWithoutPeer);
        }
        if let ComponentConfig::Database(db) = &node.config
            && db.apply_rate_per_s > 0.0
            && out[i]
                .iter()
                .any(|&j| nodes[j].kind() == ComponentKind::Replica)
        {
            let writes_per_s = write_rate_bound_per_s(nodes, &out, i);
            if writes_per_s >= db.apply_rate_per_s {
                add(IssueKind::ApplyRateBelowWrites {
                    writes_per_s,
                    apply_per_s: db.apply_rate_per_s,
                });
            }
        }
    }
    issues
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
