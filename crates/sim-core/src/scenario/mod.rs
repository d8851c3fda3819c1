//! The scenario document: everything a user builds and shares — topology, settings, seed, run length and the
//! fault timeline — and its versioned JSON file format.
//!
//! The document is changed only through [`Edit`] commands ([`Scenario::apply`]), which refuse bad input and leave
//! the document untouched when they do. Runtime types never appear here: a run is rebuilt from a document and its
//! seed.

mod budget;
mod budget_lb_pair;
mod budget_replication;
mod challenge;
mod edit;
pub mod failures;
mod format;
pub mod lessons;
pub mod presets;
pub mod slo;

pub use budget::{Budget, Cost, Estimate, FAULTS};
pub use challenge::Challenge;
pub use edit::{Applied, Edit, EditError};
pub use failures::RandomFailures;
pub use format::{FORMAT, LoadError, MAX_FILE_BYTES, VERSION};
pub use slo::{MAX_SLOS, Slo};

use crate::id::NodeId;
use crate::model::{self, ComponentKind, Edge, Issue, IssueKind, Node, field};
use crate::time::SimTime;
use serde::{Deserialize, Serialize};

/// Most nodes a scenario may hold (keeps the canvas and the engine interactive).
pub const MAX_NODES: usize = 500;
/// Most edges a scenario may hold.
pub const MAX_EDGES: usize = 2_000;
/// Most entries in the fault timeline.
pub const MAX_FAULTS: usize = 10_000;
/// Longest node label, in characters.
pub const MAX_LABEL_CHARS: usize = 60;
/// Largest node id. The editor gives a new node the largest id + 1 and, once that would pass this, the smallest
/// free one, so ids never wrap; a file with a larger id is refused.
pub const MAX_NODE_ID: u32 = 1_000_000_000;
/// Farthest a node may sit from the origin on either axis, world px (what the editor clamps a move to).
pub const MAX_COORDINATE: f64 = 1.0e6;

/// The first character of `label` that a label may not hold, if any: control characters (line breaks, tabs,
/// escapes) and Unicode noncharacters such as U+FFFE, which are not text, break an SVG export's XML and may show
/// as nothing. The editor refuses them and so does the loader.
#[must_use]
pub fn label_forbidden_char(label: &str) -> Option<char> {
    label.chars().find(|&c| {
        let v = u32::from(c);
        c.is_control() || (0xFDD0..=0xFDEF).contains(&v) || v & 0xFFFE == 0xFFFE
    })
}

/// What a fault does to its node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultAction {
    /// The node stops: requests it holds fail ("node down"), requests sent to it fail until it is restored.
    Kill,
    /// The node starts again, empty; load balancers send it traffic once it passes their health checks.
    Restore,
    /// A cache drops every entry, a CDN purges its edges (other kinds ignore it): the next reads miss.
    Flush,
    /// A shard router starts using its next connected database: keys that remap migrate to it.
    AddShard,
    /// A shard router stops using its last active shard: its keys migrate to the others.
    RemoveShard,
    /// A shard router starts using as many more connected databases as it has shards in use (n → 2n, or as many
    /// as are connected), in one step: the keys that remap migrate once (half of them, for modulo or consistent
    /// hashing).
    DoubleShards,
    /// New versions of the static files are deployed at the origin (a CDN's edges keep old copies until their TTL
    /// unless file names are versioned).
    Deploy,
    /// Every server in this node's region (data center) goes down; users, DNS and CDNs are global and stay up.
    RegionOutage,
    /// Every node in this node's region comes back.
    RegionRestore,
    /// A flash crowd reaches a client from now on ([`crate::model::TrafficShape::crowd_from`]: its rate climbs to
    /// 4× its base rate over 10 s, stays there 60 s and falls back over 10 s); it replaces the client's traffic
    /// shape, so the base rate follows.
    FlashCrowd,
    /// A gray failure: the node stays up and passes health checks (they test liveness only) but serves every
    /// request [`SLOWDOWN_FACTOR`] times slower — a failing disk, a noisy neighbour — until it speeds up again or
    /// is killed and restored (a replaced machine).
    SlowDown,
    /// A slowed node serves at its normal speed again.
    SpeedUp,
    /// A network partition: this node's region (data center) is cut off from every other data center until
    /// [`FaultAction::Heal`]. Its servers keep running and users still reach them, but requests between it and
    /// the other data centers fail ("partition"), health checks across the cut fail (a GeoDNS's checkers run
    /// outside it, so it stops answering with the cut-off data center), and replication across the cut stops:
    /// writes queue at the primary and are shipped when the link heals.
    Partition,
    /// The partition of this node's data center heals: the queued writes are shipped.
    Heal,
}

/// How many times longer a slowed node's service takes (see [`FaultAction::SlowDown`]).
pub const SLOWDOWN_FACTOR: u32 = 10;

impl FaultAction {
    /// Every action, in the order the UI offers them: Kill and Restore, slowing down, the tiers' own, the
    /// data-center outage.
    pub const ALL: [FaultAction; 14] = [
        FaultAction::Kill,
        FaultAction::Restore,
        FaultAction::SlowDown,
        FaultAction::SpeedUp,
        FaultAction::Flush,
        FaultAction::Deploy,
        FaultAction::AddShard,
        FaultAction::RemoveShard,
        FaultAction::DoubleShards,
        FaultAction::RegionOutage,
        FaultAction::RegionRestore,
        FaultAction::Partition,
        FaultAction::Heal,
        FaultAction::FlashCrowd,
    ];

    /// Whether the action does something to a node of `kind`: every node can be killed and restored; a cache
    /// or a CDN flushed; a node with a service time (web server, database, replica, cache, session store) slowed
    /// down; a CDN deployed to; a shard router resharded; a data center taken down or cut off from any node
    /// that runs in one ([`ComponentKind::is_global`] nodes do not); a client sent a flash crowd.
    #[must_use]
    pub fn applies_to(self, kind: ComponentKind) -> bool {
        match self {
            FaultAction::Kill | FaultAction::Restore => true,
            FaultAction::Flush => matches!(kind, ComponentKind::Cache | ComponentKind::Cdn),
            FaultAction::SlowDown | FaultAction::SpeedUp => matches!(
                kind,
                ComponentKind::WebServer
                    | ComponentKind::Database
                    | ComponentKind::Replica
                    | ComponentKind::Cache
                    | ComponentKind::SessionStore
            ),
            FaultAction::Deploy => kind == ComponentKind::Cdn,
            FaultAction::AddShard | FaultAction::RemoveShard | FaultAction::DoubleShards => {
                kind == ComponentKind::ShardRouter
            }
            FaultAction::RegionOutage
            | FaultAction::RegionRestore
            | FaultAction::Partition
            | FaultAction::Heal => !kind.is_global(),
            FaultAction::FlashCrowd => kind == ComponentKind::Client,
        }
    }
}

/// One entry of the fault timeline: at sim time `at_us`, do `action` to `node` (and `peer`, for a link).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultEvent {
    /// When, in µs of sim time.
    pub at_us: u64,
    /// Which node.
    pub node: NodeId,
    /// What happens.
    pub action: FaultAction,
    /// For [`FaultAction::Partition`] and [`FaultAction::Heal`]: cut or restore only the link between `node` and
    /// this node (either way) instead of `node`'s whole data center. Ignored by the other actions; absent from files
    /// when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer: Option<NodeId>,
}

/// The document. In files: `{"format": "scalelab", "version": 1, …}`; every field but `format` and `version` has a
/// default, so older files load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    /// Always `"scalelab"`.
    pub format: String,
    /// File format version; see [`VERSION`].
    pub version: u32,
    /// Title shown in the UI.
    pub name: String,
    /// A few sentences about what the scenario shows.
    pub description: String,
    /// Seed of every random stream of the run.
    pub seed: u64,
    /// Length of a run, s of sim time.
    pub duration_s: f64,
    /// One-way latency of a hop between two nodes inside the data center, µs.
    pub hop_latency_us: u64,
    /// Components.
    pub nodes: Vec<Node>,
    /// Connections, in backend order.
    pub edges: Vec<Edge>,
    /// Fault timeline, sorted by time (stable for equal times).
    pub faults: Vec<FaultEvent>,
    /// The challenge a run of this scenario is graded against, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge: Option<Challenge>,
    /// The load sweep last set up on this document (setting, range, seeds), if any: shared with its link so the
    /// reader can run it. Checked only when it runs ([`crate::sweep::Sweep::check`]); it never changes a run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sweep: Option<crate::sweep::Sweep>,
    /// Service level objectives the run raises alerts against (at most [`MAX_SLOS`]); omitted from files when
    /// empty, so documents without them are byte for byte what they were.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub slos: Vec<Slo>,
    /// Every machine fails at random with these figures ([`RandomFailures`]); omitted from files when off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub random_failures: Option<RandomFailures>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            format: FORMAT.to_owned(),
            version: VERSION,
            name: "Untitled".to_owned(),
            description: String::new(),
            seed: 1,
            duration_s: 120.0,
            hop_latency_us: 250,
            nodes: Vec::new(),
            edges: Vec::new(),
            faults: Vec::new(),
            challenge: None,
            sweep: None,
            slos: Vec::new(),
            random_failures: None,
        }
    }
}

impl Scenario {
    /// Whether clients draw a user for each request: only when something in the diagram tells users apart (DNS
    /// caches, sessions, sticky or hashing balancers, a primary's read-your-writes window), so other scenarios keep
    /// their random sequence.
    #[must_use]
    pub fn draws_users(&self) -> bool {
        use crate::model::{ComponentConfig, LbAlgorithm, SessionMode};
        self.nodes.iter().any(|n| match &n.config {
            ComponentConfig::Dns(_) | ComponentConfig::SessionStore(_) => true,
            ComponentConfig::LoadBalancer(l) => matches!(
                l.algorithm,
                LbAlgorithm::StickySessions | LbAlgorithm::IpHash
            ),
            ComponentConfig::WebServer(w) => w.sessions != SessionMode::None,
            ComponentConfig::Database(d) => d.read_your_writes_s > 0.0,
            _ => false,
        })
    }

    /// When a run of this document ends: [`Scenario::duration_s`] as sim time ([`SimTime::from_secs_f64`]).
    #[must_use]
    pub fn end_time(&self) -> SimTime {
        SimTime::from_secs_f64(self.duration_s)
    }

    /// The node with this id.
    #[must_use]
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// Ids of the nodes `id` sends requests to, in edge order.
    pub fn targets(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.edges
            .iter()
            .filter(move |e| e.from == id)
            .map(|e| e.to)
    }

    /// The id the next added node gets: one more than the largest present (ids are not reused while the node
    /// exists; after deletion the largest may be reused, which is harmless because nothing refers to it). Past
    /// [`MAX_NODE_ID`] the smallest free id from 1, so an id never wraps (there are at most [`MAX_NODES`] nodes).
    #[must_use]
    pub fn next_node_id(&self) -> NodeId {
        match self.nodes.iter().map(|n| n.id.0).max() {
            None => NodeId(1),
            Some(max) if max < MAX_NODE_ID => NodeId(max + 1),
            Some(_) => {
                let mut ids: Vec<u32> = self.nodes.iter().map(|n| n.id.0).collect();
                ids.sort_unstable();
                let mut free = 1;
                for id in ids {
                    if id == free {
                        free += 1;
                    } else if id > free {
                        break;
                    }
                }
                NodeId(free)
            }
        }
    }

    /// Every problem with the document: topology issues ([`model::validate`]), scenario-level ranges, faults on
    /// missing nodes, the challenge's limits, and the default [`Budget`] (what a browser tab can afford).
    #[must_use]
    pub fn validate(&self) -> Vec<Issue> {
        self.validate_within(&Budget::default())
    }

    /// [`Scenario::validate`] with another budget (the CLI's `--max-events`).
    #[must_use]
    pub fn validate_within(&self, budget: &Budget) -> Vec<Issue> {
        let mut issues = model::validate(&self.nodes, &self.edges);
        if let Err(e) = field::DURATION.check(self.duration_s) {
            issues.push(Issue {
                node: None,
                kind: IssueKind::Scenario(e),
            });
        }
        #[allow(clippy::cast_precision_loss)] // range check of a setting
        if let Err(e) = field::HOP_LATENCY.check(self.hop_latency_us as f64) {
            issues.push(Issue {
                node: None,
                kind: IssueKind::Scenario(e),
            });
        }
        for f in &self.faults {
            for id in std::iter::once(f.node).chain(f.peer) {
                if self.node(id).is_none() {
                    issues.push(Issue {
                        node: None,
                        kind: IssueKind::FaultOnMissingNode(id),
                    });
                }
            }
        }
        if let Some(c) = &self.challenge {
            issues.extend(c.issues(self.duration_s));
        }
        issues.extend(slo::issues(&self.slos));
        issues.extend(failures::issues(self.random_failures.as_ref()));
        issues.extend(self.budget_issues(budget));
        issues
    }

    /// The issues of a document over `budget`: one for the scenario as a whole and one on each of the nodes whose
    /// settings cost most, largest first, until what remains would fit (at most 10 nodes).
    #[must_use]
    pub fn budget_issues(&self, budget: &Budget) -> Vec<Issue> {
        let estimate = self.estimate();
        let mut issues = Vec::new();
        for memory in [true, false] {
            let (total, limit) = if memory {
                (estimate.memory_bytes, budget.memory_bytes)
            } else {
                (estimate.events, budget.events)
            };
            if total <= limit {
                continue;
            }
            issues.push(Issue {
                node: None,
                kind: if memory {
                    IssueKind::OverMemory {
                        bytes: total,
                        limit,
                    }
                } else {
                    IssueKind::OverWork {
                        events: total,
                        limit,
                    }
                },
            });
            let amount = |c: &Cost| if memory { c.memory_bytes } else { c.events };
            let mut costs: Vec<&Cost> = estimate.costs.iter().filter(|c| amount(c) > 0).collect();
            costs.sort_by_key(|c| std::cmp::Reverse(amount(c)));
            let mut rest = total;
            for c in costs.into_iter().take(10) {
                if rest <= limit {
                    break;
                }
                rest -= amount(c);
                issues.push(Issue {
                    node: c.node,
                    kind: IssueKind::Costs {
                        setting: c.setting,
                        value: c.value,
                        amount: amount(c),
                        memory,
                    },
                });
            }
        }
        issues
    }

    /// Only the issues that block a run under `budget`.
    #[must_use]
    pub fn errors_within(&self, budget: &Budget) -> Vec<Issue> {
        self.validate_within(budget)
            .into_iter()
            .filter(Issue::is_error)
            .collect()
    }

    /// Nodes whose loss alone stops all traffic (see [`model::single_points_of_failure`]).
    #[must_use]
    pub fn single_points_of_failure(&self) -> Vec<crate::id::NodeId> {
        model::single_points_of_failure(&self.nodes, &self.edges)
    }

    /// The scenario as its challenge grades it: the challenge's injected faults (sorted by time, those on nodes
    /// that no longer exist dropped) *replace* the scenario's own recorded faults. The design is graded, not the
    /// faults a student clicked while exploring — which could otherwise dodge the test (kill a server before the
    /// measured window and its failover is never measured). Without a challenge, a copy of itself.
    #[must_use]
    pub fn for_grading(&self) -> Scenario {
        let mut s = self.clone();
        if let Some(c) = &self.challenge {
            s.faults = c
                .faults
                .iter()
                .copied()
                .filter(|f| {
                    self.node(f.node).is_some() && f.peer.is_none_or(|p| self.node(p).is_some())
                })
                .collect();
            s.faults.sort_by_key(|f| f.at_us);
        }
        s
    }

    /// Only the issues that block a run.
    #[must_use]
    pub fn errors(&self) -> Vec<Issue> {
        self.validate()
            .into_iter()
            .filter(Issue::is_error)
            .collect()
    }
}
