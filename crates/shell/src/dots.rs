//! The sampling model behind the request dots, free of the DOM: the layout of edges and routes, and the state
//! that turns each frame's per-edge counters into a bounded set of moving dots and failure flashes. The app's dots
//! layer paints it.
//!
//! Dots are a picture derived from frames, never fed back into the run: each frame, the per-edge counters' increase
//! says how many requests took each edge; when there are more than can be shown, each edge gets a share of the
//! budget growing with the square root of its traffic (so a quiet edge still shows dots next to a busy one) and a
//! deterministic accumulator samples its requests, so at most [`MAX_DOTS`] are visible. A dot fails with the share
//! of answers the edge's receiver failed meanwhile.
//!
//! Three kinds of path carry dots: the diagram's edges; **routes**, hops the run made over no edge of the
//! diagram (a browser going straight to the address its DNS answered, a web server reading from a replica or
//! writing to a promoted one: [`sim_core::metrics::EdgeFrame::routed`]); and **lookups**, edges into a DNS,
//! where a dot goes to the DNS and comes back, because a DNS answers and forwards nothing. Every path is drawn
//! along the edge's own curve ([`Curve`], the editor's [`geometry::edge_curve`]), so dots ride the edges.

use scalelab_editor::Point;
use scalelab_editor::geometry::{self, inlet, port_center};
use sim_core::metrics::{FailureCause, Frame, RequestKind};
use sim_core::{ComponentKind, NodeId};

/// Most dots visible at once.
pub const MAX_DOTS: usize = 200;
/// Dots started per second of real time at most (with about a second per traversal, ~100 dots are visible:
/// separate dots rather than a string of beads).
pub const SPAWN_PER_S_MAX: f64 = 110.0;
/// How long a failure label stays after a node's last failure, s of real time.
pub const FLASH_S: f64 = 1.6;
/// How long a failed dot's ✕ stays at the end of its edge, s.
pub const CROSS_S: f64 = 0.35;

/// An edge's curve: the cubic Bézier the edge layer draws and the editor hit-tests ([`geometry::edge_curve`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curve(pub [Point; 4]);

impl Curve {
    /// The curve from `a` (a sender's port) to `b` (a receiver's inlet).
    #[must_use]
    pub fn new(a: Point, b: Point) -> Self {
        Curve(geometry::edge_curve(a, b))
    }

    /// The point at `t` in 0–1.
    #[must_use]
    pub fn at(&self, t: f64) -> Point {
        geometry::bezier_at(&self.0, t)
    }

    /// The SVG path data ([`geometry::svg_path`]).
    #[must_use]
    pub fn d(&self) -> String {
        geometry::svg_path(&self.0)
    }

    /// Real seconds a dot takes along it: about 280 px/s, within 0.5–1.6 s.
    fn travel_s(&self) -> f64 {
        (self.0[0].distance(self.0[3]) * 1.15 / 280.0).clamp(0.5, 1.6)
    }
}

/// Band width for an edge carrying `rate_per_s`, world px (0 for an idle edge).
#[must_use]
pub fn band_width_px(rate_per_s: f64) -> f64 {
    if rate_per_s <= 0.0 {
        0.0
    } else {
        (3.0 + 2.4 * (1.0 + rate_per_s).log10()).min(16.0)
    }
}

/// One path dots travel along.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Path {
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// Where it is drawn.
    pub curve: Curve,
    /// A route the run made over no edge of the diagram.
    pub route: bool,
    /// An edge into a DNS: dots go there and back.
    pub lookup: bool,
}

/// Where things are drawn: the diagram's edges (each pair once, in document order), then the routes the run has
/// made so far, and node top-left corners.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    /// Edges, then routes.
    pub paths: Vec<Path>,
    /// Node top-left corners.
    pub nodes: Vec<(NodeId, Point)>,
}

impl Layout {
    /// The layout of `doc` plus the `routes` (sender, receiver) a run made; routes naming a missing node, or
    /// duplicating an edge, are left out.
    pub fn of(doc: &sim_core::Scenario, routes: &[(NodeId, NodeId)]) -> Self {
        let mut paths: Vec<Path> = Vec::with_capacity(doc.edges.len() + routes.len());
        let pairs = doc.edges.iter().map(|e| (e.from, e.to, false));
        for (from, to, route) in pairs.chain(routes.iter().map(|&(a, b)| (a, b, true))) {
            let (Some(a), Some(b)) = (doc.node(from), doc.node(to)) else {
                continue;
            };
            if paths.iter().any(|p| (p.from, p.to) == (from, to)) {
                continue;
            }
            paths.push(Path {
                from,
                to,
                curve: Curve::new(port_center(a), inlet(b)),
                route,
                lookup: b.kind() == ComponentKind::Dns,
            });
        }
        Layout {
            paths,
            nodes: doc
                .nodes
                .iter()
                .map(|n| (n.id, Point::new(n.x, n.y)))
                .collect(),
        }
    }

    /// The routes of a frame (sender, receiver), in frame order.
    pub fn routes_of(f: &Frame) -> Vec<(NodeId, NodeId)> {
        f.edges
            .iter()
            .filter(|e| e.routed)
            .map(|e| (e.from, e.to))
            .collect()
    }
}

/// One dot on its way.
#[derive(Clone, Copy, Debug)]
pub struct Dot {
    /// Index into [`Layout::paths`].
    pub path: usize,
    /// What it carries.
    pub kind: RequestKind,
    /// Drawn red, ending in a ✕.
    pub failed: bool,
    /// Real seconds since it left.
    pub age_s: f64,
    /// Real seconds the whole trip takes (there and back for a lookup).
    pub travel_s: f64,
}

impl Dot {
    /// Where the dot is on `path` now: along the curve, and back again on a lookup that got its answer.
    pub fn position(&self, path: &Path) -> Point {
        let t = (self.age_s / self.travel_s).clamp(0.0, 1.0);
        if path.lookup && !self.failed {
            path.curve.at(if t < 0.5 { 2.0 * t } else { 2.0 - 2.0 * t })
        } else {
            path.curve.at(t)
        }
    }
}

/// A failure label over a node.
#[derive(Clone, Copy, Debug, Default)]
pub struct Flash {
    /// The cause of the latest failure there.
    pub cause: Option<FailureCause>,
    /// Real seconds it stays.
    pub left_s: f64,
}

/// What the layer remembers between frames (not reactive).
#[derive(Default)]
pub struct State {
    now_us: Option<u64>,
    /// `performance.now()` of the previous frame, ms.
    pub last_ms: f64,
    /// Per frame edge: counters at the previous frame, sampling carry per kind, failure carry.
    sent: Vec<[u64; RequestKind::COUNT]>,
    carry: Vec<[f64; RequestKind::COUNT]>,
    fail_carry: Vec<f64>,
    /// Per frame node: (completed, failed, failed here by cause) at the previous frame, smoothed failure share.
    answers: Vec<(u64, u64, [u64; FailureCause::COUNT])>,
    fail_share: Vec<f64>,
    /// Per frame node, the failure label shown over it.
    pub flashes: Vec<Flash>,
    /// Dots on their way.
    pub dots: Vec<Dot>,
    /// Frame edge → layout path, frame node → layout node.
    edge_map: Vec<Option<usize>>,
    /// Frame node → layout node.
    pub node_map: Vec<Option<usize>>,
}

impl State {
    /// Forgets the run (a new one starts, or it was rewound).
    pub fn reset(&mut self) {
        *self = State::default();
    }

    /// Maps frame edges and nodes onto the layout (same order unless the document changed mid-run).
    fn map(&mut self, f: &Frame, layout: &Layout) {
        let edges_ok = self.edge_map.len() == f.edges.len()
            && f.edges.iter().zip(&self.edge_map).all(|(e, m)| {
                m.and_then(|i| layout.paths.get(i))
                    .is_some_and(|l| (l.from, l.to) == (e.from, e.to))
            });
        if !edges_ok {
            self.edge_map = f
                .edges
                .iter()
                .map(|e| {
                    layout
                        .paths
                        .iter()
                        .position(|l| (l.from, l.to) == (e.from, e.to))
                })
                .collect();
        }
        let nodes_ok = self.node_map.len() == f.nodes.len()
            && f.nodes.iter().zip(&self.node_map).all(|(n, m)| {
                m.and_then(|i| layout.nodes.get(i))
                    .is_some_and(|l| l.0 == n.id)
            });
        if !nodes_ok {
            self.node_map = f
                .nodes
                .iter()
                .map(|n| layout.nodes.iter().position(|l| l.0 == n.id))
                .collect();
        }
    }

    /// Advances by one published frame, `dt_s` of real time after the previous one.
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    pub fn step(&mut self, f: &Frame, layout: &Layout, dt_s: f64, moving: bool) {
        // Time going back is a new run (or a rewind); fewer edges is another diagram. More edges is the same run
        // with a new route: the new ones start from zero below.
        if self.now_us.is_some_and(|t| f.now.as_us() < t) || self.sent.len() > f.edges.len() {
            self.reset();
        }
        self.map(f, layout);
        let first = self.now_us.is_none();
        let advanced = self.now_us != Some(f.now.as_us());
        self.now_us = Some(f.now.as_us());
        let dt_s = if advanced { dt_s } else { 0.0 };
        // A route new since the last frame was made since then: all its requests are this frame's.
        self.sent.resize(f.edges.len(), [0; RequestKind::COUNT]);
        self.carry.resize(f.edges.len(), [0.0; RequestKind::COUNT]);
        self.fail_carry.resize(f.edges.len(), 0.0);
        self.answers
            .resize(f.nodes.len(), (0, 0, [0; FailureCause::COUNT]));
        self.fail_share.resize(f.nodes.len(), 0.0);
        self.flashes.resize(f.nodes.len(), Flash::default());

        // Failure shares and flashes per node.
        for (i, n) in f.nodes.iter().enumerate() {
            let (c0, f0, h0) = self.answers[i];
            let (dc, df) = (n.completed.saturating_sub(c0), n.failed.saturating_sub(f0));
            if !first && dc + df > 0 {
                let share = df as f64 / (dc + df) as f64;
                self.fail_share[i] = 0.7 * self.fail_share[i] + 0.3 * share;
            }
            let fresh = FailureCause::ALL
                .iter()
                .map(|c| {
                    (
                        n.failed_here_by_cause[c.index()].saturating_sub(h0[c.index()]),
                        *c,
                    )
                })
                .max_by_key(|(d, _)| *d)
                .filter(|(d, _)| *d > 0);
            let flash = &mut self.flashes[i];
            flash.left_s = (flash.left_s - dt_s).max(0.0);
            if let (false, Some((_, cause))) = (first, fresh) {
                *flash = Flash {
                    cause: Some(cause),
                    left_s: FLASH_S,
                };
            }
            self.answers[i] = (n.completed, n.failed, n.failed_here_by_cause);
        }

        // Age the dots; drop those that arrived (a failed one lingers as a ✕).
        for d in &mut self.dots {
            d.age_s += dt_s;
        }
        self.dots
            .retain(|d| d.age_s < d.travel_s + if d.failed { CROSS_S } else { 0.0 });
        if !moving {
            self.dots.clear();
        }

        // New dots: the requests each edge carried since the last frame, sampled to the budget.
        let deltas: Vec<[u64; RequestKind::COUNT]> = f
            .edges
            .iter()
            .zip(&self.sent)
            .map(|(e, s)| {
                let mut d = [0; RequestKind::COUNT];
                for k in 0..RequestKind::COUNT {
                    d[k] = e.sent_by_kind[k].saturating_sub(s[k]);
                }
                d
            })
            .collect();
        for (s, e) in self.sent.iter_mut().zip(&f.edges) {
            *s = e.sent_by_kind;
        }
        if first || !moving || dt_s <= 0.0 {
            return;
        }
        let room = MAX_DOTS.saturating_sub(self.dots.len()) as f64;
        let budget = room.min(SPAWN_PER_S_MAX * dt_s);
        let weight = |d: &[u64; RequestKind::COUNT]| (d.iter().sum::<u64>() as f64).sqrt();
        let weights: f64 = deltas.iter().map(weight).sum();
        let to_index = |id: NodeId| f.nodes.iter().position(|n| n.id == id);
        for (e, delta) in deltas.iter().enumerate() {
            let Some(li) = self.edge_map[e] else { continue };
            let sent = delta.iter().sum::<u64>();
            if sent == 0 {
                continue;
            }
            let p = (budget * weight(delta) / weights / sent as f64).min(1.0);
            let path = layout.paths[li];
            let share = to_index(f.edges[e].to).map_or(0.0, |i| self.fail_share[i]);
            for kind in RequestKind::ALL {
                let k = kind.index();
                self.carry[e][k] += delta[k] as f64 * p;
                let n = self.carry[e][k].floor();
                self.carry[e][k] -= n;
                let n = n as usize;
                for j in 0..n {
                    if self.dots.len() >= MAX_DOTS {
                        break;
                    }
                    self.fail_carry[e] += share;
                    let failed = self.fail_carry[e] >= 1.0;
                    if failed {
                        self.fail_carry[e] -= 1.0;
                    }
                    let round_trip = path.lookup && !failed;
                    self.dots.push(Dot {
                        path: li,
                        kind,
                        failed,
                        // Spread over the frame, as if each had started when it was sent.
                        age_s: dt_s * j as f64 / n as f64,
                        travel_s: path.curve.travel_s() * if round_trip { 2.0 } else { 1.0 },
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_grow_with_the_rate_and_stay_bounded() {
        assert_eq!(band_width_px(0.0), 0.0);
        assert!(band_width_px(10.0) < band_width_px(1_000.0));
        assert!(band_width_px(1e9) <= 16.0);
    }

    #[test]
    fn curves_start_and_end_at_their_ports() {
        let c = Curve::new(Point::new(0.0, 0.0), Point::new(100.0, 50.0));
        assert_eq!(c.at(0.0), Point::new(0.0, 0.0));
        assert_eq!(c.at(1.0), Point::new(100.0, 50.0));
    }

    #[test]
    fn sampling_caps_the_dots_and_nothing_moves_without_motion() {
        let doc = sim_core::scenario::presets::get("three_tier").expect("preset");
        let layout = Layout::of(&doc, &[]);
        let mut sim = sim_core::Simulation::new(&doc).expect("valid");
        let mut st = State::default();
        // Ten sim seconds at 1× speed, one frame per 1/60 s.
        for i in 1..=600u64 {
            sim.step_until(sim_core::SimTime(i * 16_667), u64::MAX);
            st.step(&sim.frame(), &layout, 1.0 / 60.0, true);
            assert!(st.dots.len() <= MAX_DOTS);
        }
        assert!(!st.dots.is_empty(), "traffic makes dots");
        let kinds: Vec<RequestKind> = st.dots.iter().map(|d| d.kind).collect();
        assert!(kinds.contains(&RequestKind::Read));
        sim.step_until(sim_core::SimTime(601 * 16_667), u64::MAX);
        st.step(&sim.frame(), &layout, 1.0 / 60.0, false);
        assert!(
            st.dots.is_empty(),
            "reduced motion or the switch clears the dots"
        );
    }

    #[test]
    fn requests_are_drawn_on_routes_and_lookups_come_back() {
        let doc = sim_core::scenario::presets::get("three_tier").expect("preset");
        let id = |label: &str| doc.nodes.iter().find(|n| n.label == label).expect(label).id;
        let (users, dns, lb) = (id("Users"), id("DNS"), id("Load balancer"));
        let mut sim = sim_core::Simulation::new(&doc).expect("valid");
        let mut st = State::default();
        let mut layout = Layout::of(&doc, &[]);
        for i in 1..=300u64 {
            sim.step_until(sim_core::SimTime(i * 16_667), u64::MAX);
            let f = sim.frame();
            let routes = Layout::routes_of(&f);
            if layout.paths.len() != doc.edges.len() + routes.len() {
                layout = Layout::of(&doc, &routes);
            }
            st.step(&f, &layout, 1.0 / 60.0, true);
        }
        let route = layout
            .paths
            .iter()
            .position(|p| (p.from, p.to) == (users, lb))
            .expect("a route from the browsers to the load balancer");
        assert!(layout.paths[route].route);
        assert!(
            st.dots.iter().any(|d| d.path == route),
            "dots travel the route"
        );
        let via_dns = layout
            .paths
            .iter()
            .position(|p| (p.from, p.to) == (dns, lb))
            .expect("edge");
        assert!(
            !st.dots.iter().any(|d| d.path == via_dns),
            "nothing passes through the DNS"
        );
        let lookup = layout
            .paths
            .iter()
            .position(|p| p.to == dns)
            .expect("users → DNS");
        assert!(layout.paths[lookup].lookup);
        let there_and_back = Dot {
            path: lookup,
            kind: RequestKind::Read,
            failed: false,
            age_s: 0.75,
            travel_s: 1.0,
        };
        let p = &layout.paths[lookup];
        assert_eq!(
            there_and_back.position(p),
            p.curve.at(0.5),
            "on its way back"
        );
        let failed = Dot {
            failed: true,
            ..there_and_back
        };
        assert_eq!(
            failed.position(p),
            p.curve.at(0.75),
            "a failed lookup gets no answer back"
        );
    }
}
