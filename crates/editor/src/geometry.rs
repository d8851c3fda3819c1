//! World-space geometry of the diagram: the fixed node size, where a node's connection port and edge anchors
//! are, the curve an edge is drawn along, and hit testing of nodes, ports and edges. Pure functions over the
//! document; no drawing.

use sim_core::NodeId;
use sim_core::model::Node;
use sim_core::scenario::Scenario;

/// Width of every node on the canvas, world px: room for a 16-character label on one line (longer ones wrap to a
/// second line).
pub const NODE_W: f64 = 160.0;
/// Height of every node on the canvas, world px: a label of up to two lines, the kind line and the live figures.
pub const NODE_H: f64 = 72.0;
/// Radius of the connection port's hit area, world px (the dot drawn is smaller).
pub const PORT_HIT_R: f64 = 11.0;
/// The port's hit radius for a finger, world px: a fingertip covers about 7 mm.
pub const PORT_HIT_R_TOUCH: f64 = 22.0;
/// Half the width of an edge's hit area, world px: a press this close to the curve takes the edge (the canvas
/// draws an invisible stroke twice as wide, so hover and press agree).
pub const EDGE_HIT_R: f64 = 6.0;
/// An edge's hit half-width for a finger, world px, and at least as many screen px when zoomed out.
pub const EDGE_HIT_R_TOUCH: f64 = 14.0;
/// Grid spacing, world px (the canvas background draws the same grid).
pub const GRID: f64 = 20.0;

/// `v` rounded to the nearest grid line.
#[must_use]
pub fn snap(v: f64) -> f64 {
    (v / GRID).round() * GRID
}

/// A point in world (or screen) px.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Horizontal, px, growing to the right.
    pub x: f64,
    /// Vertical, px, growing downwards.
    pub y: f64,
}

impl Point {
    /// A point at `(x, y)`.
    #[must_use]
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }

    /// Euclidean distance to `other`, px.
    #[must_use]
    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// Centre of the connection port of `node`: the middle of its right edge (requests leave to the right).
#[must_use]
pub fn port_center(node: &Node) -> Point {
    port_of(Point::new(node.x, node.y))
}

/// Where an incoming edge ends: the middle of the node's left edge.
#[must_use]
pub fn inlet(node: &Node) -> Point {
    inlet_of(Point::new(node.x, node.y))
}

/// [`port_center`] of a node whose top-left corner is `top_left`.
#[must_use]
pub fn port_of(top_left: Point) -> Point {
    Point::new(top_left.x + NODE_W, top_left.y + NODE_H / 2.0)
}

/// [`inlet`] of a node whose top-left corner is `top_left`.
#[must_use]
pub fn inlet_of(top_left: Point) -> Point {
    Point::new(top_left.x, top_left.y + NODE_H / 2.0)
}

/// Centre of the node's rectangle.
#[must_use]
pub fn center(node: &Node) -> Point {
    Point::new(node.x + NODE_W / 2.0, node.y + NODE_H / 2.0)
}

/// Whether `p` lies inside the node's rectangle (edges included).
#[must_use]
pub fn contains(node: &Node, p: Point) -> bool {
    p.x >= node.x && p.x <= node.x + NODE_W && p.y >= node.y && p.y <= node.y + NODE_H
}

/// The topmost node whose rectangle contains `p` (later nodes are drawn on top).
#[must_use]
pub fn node_at(doc: &Scenario, p: Point) -> Option<NodeId> {
    doc.nodes
        .iter()
        .rev()
        .find(|n| contains(n, p))
        .map(|n| n.id)
}

/// The topmost node whose connection port is under `p`. Ports win over node bodies, since they sit on the edge.
#[must_use]
pub fn port_at(doc: &Scenario, p: Point) -> Option<NodeId> {
    port_within(doc, p, PORT_HIT_R)
}

/// The topmost node whose connection port lies within `radius` world px of `p`.
#[must_use]
pub fn port_within(doc: &Scenario, p: Point, radius: f64) -> Option<NodeId> {
    doc.nodes
        .iter()
        .rev()
        .find(|n| port_center(n).distance(p) <= radius)
        .map(|n| n.id)
}

/// The cubic Bézier an edge from `a` (the sender's port) to `b` (the receiver's inlet) is drawn along: start,
/// two control points, end. The control points pull the curve out horizontally, at least 30 px, so that an edge
/// leaves and enters its nodes sideways.
#[must_use]
pub fn edge_curve(a: Point, b: Point) -> [Point; 4] {
    let dx = ((b.x - a.x).abs() / 2.0).max(30.0);
    [a, Point::new(a.x + dx, a.y), Point::new(b.x - dx, b.y), b]
}

/// The SVG path data of the cubic Bézier `c` (`M… C…`), to a tenth of a px: what the edge layer draws and the dots
/// ride.
#[must_use]
pub fn svg_path(c: &[Point; 4]) -> String {
    format!(
        "M{:.1} {:.1} C{:.1} {:.1}, {:.1} {:.1}, {:.1} {:.1}",
        c[0].x, c[0].y, c[1].x, c[1].y, c[2].x, c[2].y, c[3].x, c[3].y
    )
}

/// The point at parameter `t` (0–1) of the cubic Bézier `c`.
#[must_use]
pub fn bezier_at(c: &[Point; 4], t: f64) -> Point {
    let u = 1.0 - t;
    let (w0, w1, w2, w3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point::new(
        w0 * c[0].x + w1 * c[1].x + w2 * c[2].x + w3 * c[3].x,
        w0 * c[0].y + w1 * c[1].y + w2 * c[2].y + w3 * c[3].y,
    )
}

/// The curve of the edge `from → to` in `doc`, if both nodes exist.
#[must_use]
pub fn edge_curve_of(doc: &Scenario, from: NodeId, to: NodeId) -> Option<[Point; 4]> {
    Some(edge_curve(
        port_center(doc.node(from)?),
        inlet(doc.node(to)?),
    ))
}

/// Distance from `p` to the curve `c`, px, measured to a 32-segment polyline of it (within a fraction of a px
/// of the true curve at diagram sizes, which is far below a hit area's width).
#[must_use]
pub fn distance_to_curve(c: &[Point; 4], p: Point) -> f64 {
    const SEGMENTS: u32 = 32;
    let mut best = f64::INFINITY;
    let mut prev = c[0];
    for i in 1..=SEGMENTS {
        let next = bezier_at(c, f64::from(i) / f64::from(SEGMENTS));
        best = best.min(distance_to_segment(p, prev, next));
        prev = next;
    }
    best
}

fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0);
    p.distance(Point::new(a.x + t * dx, a.y + t * dy))
}

/// The edge whose curve passes within `radius` world px of `p`, as `(from, to)`: the nearest one, the later in
/// document order on a tie. Callers test nodes first: nodes are drawn over edges.
#[must_use]
pub fn edge_at(doc: &Scenario, p: Point, radius: f64) -> Option<(NodeId, NodeId)> {
    let mut best: Option<((NodeId, NodeId), f64)> = None;
    for e in &doc.edges {
        let Some(c) = edge_curve_of(doc, e.from, e.to) else {
            continue;
        };
        let d = distance_to_curve(&c, p);
        if d <= radius && best.is_none_or(|(_, bd)| d <= bd) {
            best = Some(((e.from, e.to), d));
        }
    }
    best.map(|(e, _)| e)
}

/// Ids of the nodes lying entirely inside the rectangle spanned by corners `a` and `b` (any two opposite corners),
/// in document order. Entirely, as in draw.io and Excalidraw: a marquee that grazes a node does not take it.
#[must_use]
pub fn nodes_inside(doc: &Scenario, a: Point, b: Point) -> Vec<NodeId> {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    doc.nodes
        .iter()
        .filter(|n| n.x >= x0 && n.x + NODE_W <= x1 && n.y >= y0 && n.y + NODE_H <= y1)
        .map(|n| n.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim_core::ComponentKind;
    use sim_core::scenario::Edit;

    #[test]
    fn the_later_node_wins_where_two_overlap_and_ports_are_found_on_the_right_edge() {
        let mut doc = Scenario::default();
        let a = doc
            .apply(Edit::AddNode {
                kind: ComponentKind::WebServer,
                x: 0.0,
                y: 0.0,
            })
            .unwrap()
            .added
            .unwrap();
        let b = doc
            .apply(Edit::AddNode {
                kind: ComponentKind::Database,
                x: 100.0,
                y: 0.0,
            })
            .unwrap()
            .added
            .unwrap();
        assert_eq!(node_at(&doc, Point::new(10.0, 10.0)), Some(a));
        assert_eq!(node_at(&doc, Point::new(120.0, 10.0)), Some(b));
        assert_eq!(node_at(&doc, Point::new(500.0, 10.0)), None);
        assert_eq!(
            port_at(&doc, Point::new(NODE_W + 3.0, NODE_H / 2.0)),
            Some(a)
        );
        assert_eq!(port_at(&doc, Point::new(NODE_W / 2.0, NODE_H / 2.0)), None);
        assert_eq!(
            nodes_inside(
                &doc,
                Point::new(-5.0, NODE_H + 6.0),
                Point::new(NODE_W + 5.0, -5.0)
            ),
            vec![a],
            "b sticks out of the rectangle"
        );
        assert_eq!(
            port_within(
                &doc,
                Point::new(NODE_W + 18.0, NODE_H / 2.0),
                PORT_HIT_R_TOUCH
            ),
            Some(a)
        );
    }

    #[test]
    fn no_two_nodes_of_a_preset_overlap() {
        for p in sim_core::scenario::presets::ALL {
            let doc = sim_core::scenario::presets::get(p.id).expect("preset");
            for (i, a) in doc.nodes.iter().enumerate() {
                for b in &doc.nodes[i + 1..] {
                    let apart =
                        (a.x - b.x).abs() >= NODE_W + 8.0 || (a.y - b.y).abs() >= NODE_H + 8.0;
                    assert!(apart, "{}: {:?} and {:?} overlap", p.id, a.label, b.label);
                }
            }
        }
    }

    #[test]
    fn an_edge_is_hit_near_its_curve_only() {
        let mut doc = Scenario::default();
        for (kind, x) in [
            (ComponentKind::WebServer, 0.0),
            (ComponentKind::Database, 300.0),
        ] {
            doc.apply(Edit::AddNode { kind, x, y: 0.0 }).unwrap();
        }
        let (a, b) = (doc.nodes[0].id, doc.nodes[1].id);
        doc.apply(Edit::Connect { from: a, to: b }).unwrap();
        let c = edge_curve_of(&doc, a, b).unwrap();
        let mid = bezier_at(&c, 0.5);
        assert_eq!(mid, Point::new((NODE_W + 300.0) / 2.0, NODE_H / 2.0));
        assert_eq!(edge_at(&doc, mid, EDGE_HIT_R), Some((a, b)));
        let near = Point::new(mid.x, mid.y + EDGE_HIT_R - 0.5);
        assert_eq!(edge_at(&doc, near, EDGE_HIT_R), Some((a, b)));
        let off = Point::new(mid.x, mid.y + EDGE_HIT_R + 1.0);
        assert_eq!(edge_at(&doc, off, EDGE_HIT_R), None);
        assert_eq!(edge_at(&doc, off, EDGE_HIT_R_TOUCH), Some((a, b)));
    }

    #[test]
    fn snapping_rounds_to_the_nearest_grid_line() {
        assert_eq!(snap(29.0), 20.0);
        assert_eq!(snap(31.0), 40.0);
        assert_eq!(snap(-11.0), -20.0);
    }
}
