//! Where requests travel, for the watching views (request dots, edge thickness, failure flashes): requests sent
//! along each edge of the diagram by kind, and requests each node failed by cause.
//!
//! Counting only: the engine writes these counters and never reads them, so they cannot change a run. The hot
//! path costs one table lookup (diagrams up to [`Traffic::DENSE_NODES_MAX`] nodes; a binary search over the
//! sender's outgoing edges beyond) and one increment per arrival.
//!
//! A request can reach a node over no edge of the diagram: a browser goes straight to the address its DNS
//! answered, a web server reads from a replica or writes to the replica promoted in the primary's place. Such a
//! hop is counted on a **route**: an edge the run made, appended the first time that pair of nodes is seen (so
//! at most nodes² of them, and allocation only then), flagged [`EdgeFrame::routed`] so the views can draw the
//! path the request really took instead of one it did not.

use super::FailureCause;
use crate::id::{NodeId, NodeIx};

/// What a request asks for, as the dots show it (colour and shape).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RequestKind {
    /// Reads data (a page view, a lookup).
    Read,
    /// Changes data.
    Write,
    /// A static file (image, script), served by a CDN or a web server.
    Static,
    /// A background job published to a message queue or done by a worker.
    Job,
}

impl RequestKind {
    /// Every kind, in display order.
    pub const ALL: [RequestKind; 4] = [
        RequestKind::Read,
        RequestKind::Write,
        RequestKind::Static,
        RequestKind::Job,
    ];
    /// Number of kinds (length of per-kind arrays).
    pub const COUNT: usize = 4;

    /// The kind of a request with these flags (a static file or job wins over read/write).
    #[must_use]
    pub fn of(write: bool, asset: bool, job: bool) -> Self {
        match (asset, job, write) {
            (true, _, _) => RequestKind::Static,
            (false, true, _) => RequestKind::Job,
            (false, false, true) => RequestKind::Write,
            (false, false, false) => RequestKind::Read,
        }
    }

    /// Index into per-kind arrays.
    #[must_use]
    pub fn index(self) -> usize {
        match self {
            RequestKind::Read => 0,
            RequestKind::Write => 1,
            RequestKind::Static => 2,
            RequestKind::Job => 3,
        }
    }

    /// Id for CSS classes and tests, e.g. `"read"`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            RequestKind::Read => "read",
            RequestKind::Write => "write",
            RequestKind::Static => "static",
            RequestKind::Job => "job",
        }
    }
}

/// One edge's traffic.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeFrame {
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// Requests sent along the edge since the start, indexed by [`RequestKind::index`].
    pub sent_by_kind: [u64; RequestKind::COUNT],
    /// Requests per second along the edge over the last closed window, indexed by [`RequestKind::index`].
    pub rate_per_s_by_kind: [f64; RequestKind::COUNT],
    /// `true` for a route: a hop the run made over no edge of the diagram (see the module docs).
    pub routed: bool,
}

impl EdgeFrame {
    /// Requests per second of every kind over the last closed window.
    #[must_use]
    pub fn rate_per_s(&self) -> f64 {
        self.rate_per_s_by_kind.iter().sum()
    }

    /// Requests of every kind sent since the start.
    #[must_use]
    pub fn sent(&self) -> u64 {
        self.sent_by_kind.iter().sum()
    }
}

const NO_EDGE: u32 = u32::MAX;

/// The counters. Node and edge arguments are engine indexes (document order).
#[derive(Clone, Debug, Default)]
pub struct Traffic {
    /// Nodes in the run.
    nodes: usize,
    /// For small diagrams, the edge of every (sender, receiver) pair, fallback included (`sender × nodes +
    /// receiver`); empty for large ones.
    dense: Vec<u32>,
    /// Per sender: (receiver, edge), sorted by receiver.
    out: Vec<Vec<(u32, u32)>>,
    /// Node ids by engine index.
    ids: Vec<NodeId>,
    /// Edges of the diagram (the first ones, in document order); the rest are routes.
    drawn: usize,
    ends: Vec<(NodeId, NodeId)>,
    sent: Vec<[u64; RequestKind::COUNT]>,
    window_start_sent: Vec<[u64; RequestKind::COUNT]>,
    last_window_rate: Vec<[f64; RequestKind::COUNT]>,
    failed_here: Vec<[u64; FailureCause::COUNT]>,
}

impl Traffic {
    /// Largest diagram whose edge lookups use a table (128² entries, 64 KB).
    pub const DENSE_NODES_MAX: usize = 128;

    /// Counters for `nodes` (in engine order) and the diagram's `edges` (sender, receiver). Edges naming unknown
    /// nodes are ignored.
    #[must_use]
    pub fn new(nodes: &[NodeId], edges: &[(NodeId, NodeId)]) -> Self {
        let index = |id: NodeId| {
            nodes
                .iter()
                .position(|n| *n == id)
                .and_then(|i| u32::try_from(i).ok())
        };
        let mut out = vec![Vec::new(); nodes.len()];
        let mut ends = Vec::with_capacity(edges.len());
        for &(from, to) in edges {
            let (Some(a), Some(b)) = (index(from), index(to)) else {
                continue;
            };
            if out[a as usize].iter().any(|&(r, _)| r == b) {
                continue; // a second edge between the same nodes carries nothing of its own
            }
            let e = u32::try_from(ends.len()).expect("edge count fits u32");
            ends.push((from, to));
            out[a as usize].push((b, e));
        }
        for o in &mut out {
            o.sort_unstable();
        }
        let mut t = Traffic {
            nodes: nodes.len(),
            dense: Vec::new(),
            out,
            ids: nodes.to_vec(),
            drawn: ends.len(),
            sent: vec![[0; RequestKind::COUNT]; ends.len()],
            window_start_sent: vec![[0; RequestKind::COUNT]; ends.len()],
            last_window_rate: vec![[0.0; RequestKind::COUNT]; ends.len()],
            failed_here: vec![[0; FailureCause::COUNT]; nodes.len()],
            ends,
        };
        if nodes.len() <= Self::DENSE_NODES_MAX {
            let n = u32::try_from(nodes.len()).expect("checked above");
            t.dense = (0..n)
                .flat_map(|a| (0..n).map(move |b| (a, b)))
                .map(|(a, b)| {
                    t.search(a, b)
                        .map_or(NO_EDGE, |e| u32::try_from(e).unwrap_or(NO_EDGE))
                })
                .collect();
        }
        t
    }

    /// The edge (or route) a request from `from` reaching `to` is counted on, if one exists yet.
    #[inline]
    fn edge(&self, from: u32, to: u32) -> Option<usize> {
        if self.dense.is_empty() {
            return self.search(from, to);
        }
        let e = self
            .dense
            .get(from as usize * self.nodes + to as usize)
            .copied()
            .unwrap_or(NO_EDGE);
        (e != NO_EDGE).then_some(e as usize)
    }

    /// [`Traffic::edge`] without the table.
    fn search(&self, from: u32, to: u32) -> Option<usize> {
        let o = self.out.get(from as usize)?;
        o.binary_search_by_key(&to, |&(b, _)| b)
            .ok()
            .map(|i| o[i].1 as usize)
    }

    /// Appends the route `from → to` (both engine indexes) and returns its edge, or `None` for an unknown node.
    #[cold]
    fn add_route(&mut self, from: u32, to: u32) -> Option<usize> {
        let (&a, &b) = (self.ids.get(from as usize)?, self.ids.get(to as usize)?);
        let e = self.ends.len();
        let e32 = u32::try_from(e).expect("at most nodes² edges, which fits u32");
        self.ends.push((a, b));
        self.sent.push([0; RequestKind::COUNT]);
        self.window_start_sent.push([0; RequestKind::COUNT]);
        self.last_window_rate.push([0.0; RequestKind::COUNT]);
        let o = &mut self.out[from as usize];
        let at = o.partition_point(|&(r, _)| r < to);
        o.insert(at, (to, e32));
        if let Some(slot) = self.dense.get_mut(from as usize * self.nodes + to as usize) {
            *slot = e32;
        }
        Some(e)
    }

    /// A request of `kind` sent by node `from` reached node `to` (engine indexes). A pair with no edge in the
    /// diagram gets a route the first time it is seen.
    #[inline]
    pub fn arrive(&mut self, from: NodeIx, to: NodeIx, kind: RequestKind) {
        let (from, to) = (from.0, to.0);
        let e = match self.edge(from, to) {
            Some(e) => e,
            None => match self.add_route(from, to) {
                Some(e) => e,
                None => return,
            },
        };
        self.sent[e][kind.index()] += 1;
    }

    /// Node `node` failed a request with `cause`.
    #[inline]
    pub fn failed_here(&mut self, node: NodeIx, cause: FailureCause) {
        if let Some(f) = self.failed_here.get_mut(node.get()) {
            f[cause.index()] += 1;
        }
    }

    /// Closes a metrics window `secs` long: the per-edge rates become this window's.
    #[allow(clippy::cast_precision_loss)] // rates for display
    pub fn close_window(&mut self, secs: f64) {
        for ((sent, start), rate) in self
            .sent
            .iter()
            .zip(&mut self.window_start_sent)
            .zip(&mut self.last_window_rate)
        {
            for k in 0..RequestKind::COUNT {
                rate[k] = if secs > 0.0 {
                    (sent[k] - start[k]) as f64 / secs
                } else {
                    0.0
                };
            }
            *start = *sent;
        }
    }

    /// Every edge's traffic, in document order. Cost: O(edges).
    #[must_use]
    pub fn edges(&self) -> Vec<EdgeFrame> {
        self.ends
            .iter()
            .zip(&self.sent)
            .zip(&self.last_window_rate)
            .enumerate()
            .map(|(i, ((&(from, to), sent), rate))| EdgeFrame {
                from,
                to,
                sent_by_kind: *sent,
                rate_per_s_by_kind: *rate,
                routed: i >= self.drawn,
            })
            .collect()
    }

    /// Requests node `node` failed since the start, indexed by [`FailureCause::index`] (zeros for an unknown
    /// node).
    #[must_use]
    pub fn failed_here_by_cause(&self, node: NodeIx) -> [u64; FailureCause::COUNT] {
        self.failed_here
            .get(node.get())
            .copied()
            .unwrap_or([0; FailureCause::COUNT])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_on_the_direct_edge_or_on_a_route() {
        let ids = [NodeId(1), NodeId(2), NodeId(3)];
        let mut t = Traffic::new(&ids, &[(ids[0], ids[1]), (ids[1], ids[2])]);
        t.arrive(NodeIx(0), NodeIx(1), RequestKind::Read);
        t.arrive(NodeIx(0), NodeIx(2), RequestKind::Write); // no edge 0→2: a route, not the edge 1→2
        t.arrive(NodeIx(0), NodeIx(2), RequestKind::Write);
        t.arrive(NodeIx(9), NodeIx(0), RequestKind::Read); // an unknown sender is not counted
        let e = t.edges();
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].sent_by_kind, [1, 0, 0, 0]);
        assert_eq!(e[1].sent_by_kind, [0, 0, 0, 0], "1→2 carried nothing");
        assert_eq!((e[2].from, e[2].to), (ids[0], ids[2]));
        assert_eq!(e[2].sent_by_kind, [0, 2, 0, 0]);
        assert_eq!(
            e.iter().map(|e| e.routed).collect::<Vec<_>>(),
            [false, false, true]
        );
        t.close_window(0.5);
        assert_eq!(t.edges()[0].rate_per_s(), 2.0);
        assert_eq!(t.edges()[2].rate_per_s(), 4.0);
        t.close_window(1.0);
        assert_eq!(t.edges()[0].rate_per_s(), 0.0);
    }

    #[test]
    fn routes_are_found_again_with_and_without_the_table() {
        let ids: Vec<NodeId> = (0..4).map(NodeId).collect();
        let edges = [(ids[0], ids[1])];
        let mut small = Traffic::new(&ids, &edges);
        let mut large = Traffic::new(&ids, &edges);
        large.dense.clear(); // as for a diagram over DENSE_NODES_MAX nodes
        for t in [&mut small, &mut large] {
            for (a, b) in [(0, 3), (0, 2), (0, 3), (2, 1), (0, 1)] {
                t.arrive(NodeIx(a), NodeIx(b), RequestKind::Read);
            }
            let e = t.edges();
            assert_eq!(e.len(), 4, "one edge and three routes");
            assert_eq!(e[0].sent(), 1, "the edge 0→1");
            assert_eq!(e[1].sent(), 2, "0→3 counted twice on one route");
            assert_eq!((e[2].sent(), e[3].sent()), (1, 1), "0→2 and 2→1");
            for a in 0..4 {
                for b in 0..4 {
                    assert_eq!(t.edge(a, b), t.search(a, b), "{a} → {b}");
                }
            }
        }
    }

    #[test]
    fn the_table_and_the_search_agree() {
        let ids: Vec<NodeId> = (0..5).map(NodeId).collect();
        let edges = [
            (ids[0], ids[1]),
            (ids[1], ids[2]),
            (ids[3], ids[2]),
            (ids[2], ids[4]),
        ];
        let t = Traffic::new(&ids, &edges);
        assert!(!t.dense.is_empty());
        for a in 0..5 {
            for b in 0..5 {
                assert_eq!(t.edge(a, b), t.search(a, b), "{a} → {b}");
            }
        }
    }

    #[test]
    fn kinds_prefer_static_and_job() {
        assert_eq!(RequestKind::of(true, true, false), RequestKind::Static);
        assert_eq!(RequestKind::of(true, false, true), RequestKind::Job);
        assert_eq!(RequestKind::of(true, false, false), RequestKind::Write);
        assert_eq!(RequestKind::of(false, false, false), RequestKind::Read);
    }
}
