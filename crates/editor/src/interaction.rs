//! The editor state machine. Pointer and key events arrive in world coordinates; the editor hit-tests them against
//! the document, moves between [`Mode`]s, applies the resulting [`Edit`]s and returns the ones it applied.
//!
//! It owns the document, the selection, the camera and the undo history, so that every change goes through one
//! place: a gesture is one undo step (a drag records the document as it was at pointer-down, once, on release),
//! refused edits change nothing and leave a [`Editor::notice`] for the user. It knows nothing about the DOM.
//!
//! Pressing on the empty canvas draws a selection marquee with a mouse (as in draw.io and Excalidraw) and pans with
//! a finger; a press with [`Press::pan`] (Space held, middle or right button) pans anywhere. A press on an edge's
//! curve selects that edge ([`crate::connections`]). Keyboard commands are in [`crate::commands`].

use crate::clipboard::Clip;
use crate::geometry::{
    self, EDGE_HIT_R, EDGE_HIT_R_TOUCH, NODE_H, NODE_W, PORT_HIT_R, PORT_HIT_R_TOUCH, Point, snap,
};
use crate::history::History;
use crate::viewport::Viewport;
use sim_core::model::{IssueKind, edge_allowed};
use sim_core::scenario::{Applied, Edit, EditError, Scenario};
use sim_core::{ComponentKind, NodeId};

/// How far a pressed pointer must travel before a press on a node becomes a drag, screen px (hand jitter).
const DRAG_THRESHOLD_PX: f64 = 3.0;

/// Modifiers of a pointer press.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Press {
    /// Shift: toggle a node in the selection, or add the marquee's nodes to it.
    pub additive: bool,
    /// Pan whatever is under the pointer (Space held, or the middle button).
    pub pan: bool,
    /// A finger: bigger port and edge hit areas, and the empty canvas pans instead of drawing a marquee.
    pub touch: bool,
    /// The secondary (right) button: it pans like [`Press::pan`], and on an edge it also selects that edge, so a
    /// right click on an edge shows what it is.
    pub secondary: bool,
}

/// What the pointer is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// Nothing in progress.
    Idle,
    /// Nodes follow the pointer. `origins` are their positions at pointer-down, `grab` the world point grabbed.
    DraggingNodes {
        /// World point where the drag started.
        grab: Point,
        /// Top-left at pointer-down of the node grabbed: it snaps to the grid, the others keep their offsets.
        lead: Point,
        /// `(node, x, y)` at the start, for the move and for Escape.
        origins: Vec<(NodeId, f64, f64)>,
        /// Whether any move happened (a press without movement is a click).
        moved: bool,
    },
    /// A connection is being drawn from `from`'s port to the pointer.
    Connecting {
        /// The sending node.
        from: NodeId,
        /// Current pointer position, world px.
        cursor: Point,
    },
    /// A palette item is being dragged; `cursor` is `None` while the pointer is outside the canvas.
    PlacingFromPalette {
        /// Kind to place.
        kind: ComponentKind,
        /// Pointer position over the canvas, world px.
        cursor: Option<Point>,
    },
    /// The background is dragged: the camera follows so that `grab` stays under the pointer.
    Panning {
        /// World point grabbed.
        grab: Point,
    },
    /// A selection rectangle from `start` to `cursor` (world px); the selection is `base` plus the nodes inside.
    Marquee {
        /// Corner where the press happened.
        start: Point,
        /// The opposite corner, under the pointer.
        cursor: Point,
        /// Selection kept from before (Shift held), else empty.
        base: Vec<NodeId>,
    },
    /// The "connect to…" list of `from`'s valid targets is open (keyboard connection).
    ChoosingTarget {
        /// The node that will send requests.
        from: NodeId,
    },
}

/// Document + editor state. See the module docs.
#[derive(Clone, Debug)]
pub struct Editor {
    pub(crate) doc: Scenario,
    pub(crate) history: History,
    pub(crate) selection: Vec<NodeId>,
    /// The one selected edge, `(from, to)`. Never set together with a node selection: selecting one clears the
    /// other (see [`crate::connections`]).
    pub(crate) selected_edge: Option<(NodeId, NodeId)>,
    pub(crate) mode: Mode,
    /// The camera. The UI changes it freely (pan and zoom buttons); it is not part of the document.
    pub viewport: Viewport,
    /// Size of the canvas on screen, px (set by the UI; zoom keys and zoom to fit use it).
    pub screen: Point,
    /// Whether dragged, placed and nudged nodes land on the [`crate::geometry::GRID`].
    pub snap_to_grid: bool,
    pub(crate) notice: Option<String>,
    pub(crate) run_revision: u64,
    pub(crate) revision: u64,
    pub(crate) drag_before: Option<Scenario>,
    pub(crate) clipboard: Option<Clip>,
    /// Pastes since the last copy: each one lands a step further, so repeated pastes do not pile up.
    pub(crate) pastes: u32,
    /// Lesson mode: see [`Editor::set_read_only`].
    pub(crate) read_only: bool,
}

impl Editor {
    /// An editor on `doc`, with empty history and selection.
    #[must_use]
    pub fn new(doc: Scenario) -> Self {
        Editor {
            doc,
            history: History::default(),
            selection: Vec::new(),
            selected_edge: None,
            mode: Mode::Idle,
            viewport: Viewport::default(),
            screen: Point::new(800.0, 600.0),
            snap_to_grid: true,
            notice: None,
            run_revision: 0,
            revision: 0,
            drag_before: None,
            clipboard: None,
            pastes: 0,
            read_only: false,
        }
    }

    /// Lesson mode (`?readonly=1`): the diagram and its settings cannot change. Nodes and edges can still be
    /// selected (to inspect them, and to kill or restore nodes), the camera moves freely, faults can be recorded (a run's clicks)
    /// and the whole document can be replaced (opening another lesson). Every other edit is refused with
    /// [`EditError::ReadOnly`]; gestures that would edit (drag, connect, place, delete, paste, nudge, undo) do
    /// nothing.
    pub fn set_read_only(&mut self, on: bool) {
        self.read_only = on;
        if on {
            self.mode = Mode::Idle;
        }
    }

    /// Whether the editor is in lesson mode.
    #[must_use]
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// The document.
    #[must_use]
    pub fn doc(&self) -> &Scenario {
        &self.doc
    }

    /// Selected node ids, ascending.
    #[must_use]
    pub fn selection(&self) -> &[NodeId] {
        &self.selection
    }

    /// The gesture in progress.
    #[must_use]
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The last refusal, as a sentence for the user (cleared by the next successful change).
    #[must_use]
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Counts changes that alter what a run would do (settings, topology, seed, run length; not positions, labels
    /// or recorded faults). The UI resets a run when it changes.
    #[must_use]
    pub fn run_revision(&self) -> u64 {
        self.run_revision
    }

    /// Counts changes to the document, each step of a drag included: the UI republishes the document when it moves.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Applies one edit as its own undo step.
    ///
    /// # Errors
    /// The core's [`EditError`] (also kept as the notice); the document is unchanged.
    pub fn dispatch(&mut self, edit: Edit) -> Result<Applied, EditError> {
        if self.read_only
            && !matches!(
                edit,
                Edit::AddFault(_) | Edit::ClearFaults | Edit::Replace(_) | Edit::SetSweep(_)
            )
        {
            self.notice = Some(EditError::ReadOnly.to_string());
            return Err(EditError::ReadOnly);
        }
        let before = self.doc.clone();
        let replace = matches!(edit, Edit::Replace(_));
        match self.doc.apply(edit) {
            Ok(applied) => {
                self.changed_from(&before);
                if before != self.doc {
                    self.history.record(before);
                }
                if replace {
                    self.selection.clear();
                    self.selected_edge = None;
                }
                Ok(applied)
            }
            Err(e) => {
                self.notice = Some(e.to_string());
                Err(e)
            }
        }
    }

    /// Selects exactly `ids` (unknown ids are ignored); any selected edge is deselected.
    pub fn select(&mut self, ids: &[NodeId]) {
        self.selected_edge = None;
        self.selection = ids
            .iter()
            .copied()
            .filter(|&id| self.doc.node(id).is_some())
            .collect();
        self.selection.sort_unstable();
        self.selection.dedup();
    }

    /// Adds a node of `kind` at a free spot near the top-left of the visible area (click on a palette item).
    pub fn add_at_default_spot(&mut self, kind: ComponentKind) -> Vec<Edit> {
        if self.read_only {
            return Vec::new();
        }
        let origin = self.viewport.to_world(Point::new(40.0, 40.0));
        let origin = if self.snap_to_grid {
            Point::new(snap(origin.x), snap(origin.y))
        } else {
            origin
        };
        let mut spot = origin;
        for i in 0..200 {
            let (col, row) = (f64::from(i % 5), f64::from(i / 5));
            spot = Point::new(
                origin.x + col * (NODE_W + 40.0),
                origin.y + row * (NODE_H + 40.0),
            );
            let free = self
                .doc
                .nodes
                .iter()
                .all(|n| (n.x - spot.x).abs() >= NODE_W || (n.y - spot.y).abs() >= NODE_H);
            if free {
                break;
            }
        }
        self.add_node(kind, spot)
    }

    /// Pointer pressed at world point `p` on the canvas. `additive` (Shift) toggles the node in the selection.
    pub fn pointer_down(&mut self, p: Point, additive: bool) -> Vec<Edit> {
        self.press(
            p,
            Press {
                additive,
                ..Press::default()
            },
        )
    }

    /// Pointer pressed at world point `p` on the canvas, with the press's modifiers. A port starts a connection,
    /// a node a drag of the selection, an edge selects it, the background a marquee (mouse) or a pan (finger, or
    /// `press.pan`).
    pub fn press(&mut self, p: Point, press: Press) -> Vec<Edit> {
        if matches!(self.mode, Mode::ChoosingTarget { .. }) {
            self.mode = Mode::Idle;
        }
        if self.mode != Mode::Idle {
            return Vec::new();
        }
        // A finger's hit area is at least EDGE_HIT_R_TOUCH on screen too: a phone shows a diagram zoomed out.
        let edge_r = if press.touch {
            EDGE_HIT_R_TOUCH / self.viewport.zoom.min(1.0)
        } else {
            EDGE_HIT_R
        };
        if press.pan || press.secondary {
            if press.secondary
                && geometry::node_at(&self.doc, p).is_none()
                && let Some((from, to)) = geometry::edge_at(&self.doc, p, edge_r)
            {
                self.select_edge(from, to);
            }
            self.mode = Mode::Panning { grab: p };
            return Vec::new();
        }
        if self.read_only {
            // Select what was pressed, pan on the background; nothing that edits.
            if let Some(id) = geometry::node_at(&self.doc, p) {
                self.select(&[id]);
            } else if let Some((from, to)) = geometry::edge_at(&self.doc, p, edge_r) {
                self.select_edge(from, to);
                self.mode = Mode::Panning { grab: p };
            } else {
                self.select(&[]);
                self.mode = Mode::Panning { grab: p };
            }
            return Vec::new();
        }
        let port_r = if press.touch {
            PORT_HIT_R_TOUCH
        } else {
            PORT_HIT_R
        };
        if let Some(from) = geometry::port_within(&self.doc, p, port_r) {
            self.mode = Mode::Connecting { from, cursor: p };
        } else if let Some(id) = geometry::node_at(&self.doc, p) {
            self.selected_edge = None;
            if press.additive {
                if self.selection.contains(&id) {
                    self.selection.retain(|&s| s != id);
                    return Vec::new();
                }
                self.selection.push(id);
                self.selection.sort_unstable();
            } else if !self.selection.contains(&id) {
                self.selection = vec![id];
            }
            let origins = self
                .doc
                .nodes
                .iter()
                .filter(|n| self.selection.contains(&n.id))
                .map(|n| (n.id, n.x, n.y))
                .collect();
            let lead = self.doc.node(id).map_or(p, |n| Point::new(n.x, n.y));
            self.drag_before = Some(self.doc.clone());
            self.mode = Mode::DraggingNodes {
                grab: p,
                lead,
                origins,
                moved: false,
            };
        } else if let Some((from, to)) = geometry::edge_at(&self.doc, p, edge_r) {
            // An edge is selected on its own (Shift does not add it to nodes) and is not dragged; a finger that
            // moves on pans, as it would have on the background beside the edge.
            self.select_edge(from, to);
            if press.touch {
                self.mode = Mode::Panning { grab: p };
            }
        } else {
            self.selected_edge = None;
            let base = if press.additive {
                self.selection.clone()
            } else {
                self.selection.clear();
                Vec::new()
            };
            self.mode = if press.touch {
                Mode::Panning { grab: p }
            } else {
                Mode::Marquee {
                    start: p,
                    cursor: p,
                    base,
                }
            };
        }
        Vec::new()
    }

    /// A palette item was pressed: the next moves carry a ghost of `kind`, release over the canvas places it.
    pub fn begin_place(&mut self, kind: ComponentKind) {
        if self.read_only {
            return;
        }
        self.mode = Mode::PlacingFromPalette { kind, cursor: None };
    }

    /// Pointer moved to world point `p` (`None`: outside the canvas).
    pub fn pointer_move(&mut self, p: Option<Point>) -> Vec<Edit> {
        let (snap_on, zoom) = (self.snap_to_grid, self.viewport.zoom);
        match &mut self.mode {
            Mode::Idle | Mode::ChoosingTarget { .. } => Vec::new(),
            Mode::Marquee {
                start,
                cursor,
                base,
            } => {
                if let Some(p) = p {
                    *cursor = p;
                    let mut sel = base.clone();
                    sel.extend(geometry::nodes_inside(&self.doc, *start, p));
                    sel.sort_unstable();
                    sel.dedup();
                    self.selection = sel;
                }
                Vec::new()
            }
            Mode::PlacingFromPalette { cursor, .. } => {
                *cursor = p;
                Vec::new()
            }
            Mode::Connecting { cursor, .. } => {
                if let Some(p) = p {
                    *cursor = p;
                }
                Vec::new()
            }
            Mode::Panning { grab } => {
                if let Some(p) = p {
                    let (dx, dy) = (
                        (p.x - grab.x) * self.viewport.zoom,
                        (p.y - grab.y) * self.viewport.zoom,
                    );
                    self.viewport = self.viewport.panned(dx, dy);
                }
                Vec::new()
            }
            Mode::DraggingNodes {
                grab,
                lead,
                origins,
                moved,
            } => {
                let Some(p) = p else { return Vec::new() };
                if !*moved && p.distance(*grab) * zoom < DRAG_THRESHOLD_PX {
                    return Vec::new();
                }
                let (dx, dy) = if snap_on {
                    (
                        snap(lead.x + p.x - grab.x) - lead.x,
                        snap(lead.y + p.y - grab.y) - lead.y,
                    )
                } else {
                    ((p.x - grab.x).round(), (p.y - grab.y).round())
                };
                *moved = true;
                let edit = Edit::MoveNodes(
                    origins
                        .iter()
                        .map(|&(id, x, y)| (id, x + dx, y + dy))
                        .collect(),
                );
                self.apply_silently(edit)
            }
        }
    }

    /// Pointer released at world point `p` (`None`: outside the canvas).
    pub fn pointer_up(&mut self, p: Option<Point>) -> Vec<Edit> {
        if matches!(self.mode, Mode::ChoosingTarget { .. }) {
            // The release of the click that picks an item in the list: the list stays open for that click.
            return Vec::new();
        }
        match std::mem::replace(&mut self.mode, Mode::Idle) {
            Mode::Idle | Mode::Panning { .. } | Mode::ChoosingTarget { .. } => Vec::new(),
            Mode::Marquee { start, base, .. } => {
                if let Some(p) = p {
                    let mut sel = base;
                    sel.extend(geometry::nodes_inside(&self.doc, start, p));
                    sel.sort_unstable();
                    sel.dedup();
                    self.selection = sel;
                }
                Vec::new()
            }
            Mode::PlacingFromPalette { kind, .. } => match p {
                Some(p) => {
                    let top_left = Point::new(p.x - NODE_W / 2.0, p.y - NODE_H / 2.0);
                    let top_left = if self.snap_to_grid {
                        Point::new(snap(top_left.x), snap(top_left.y))
                    } else {
                        top_left
                    };
                    self.add_node(kind, top_left)
                }
                None => Vec::new(),
            },
            Mode::DraggingNodes { moved, .. } => {
                if let Some(before) = self.drag_before.take()
                    && moved
                    && before != self.doc
                {
                    self.history.record(before);
                }
                Vec::new()
            }
            Mode::Connecting { from, .. } => {
                let target = p.and_then(|p| {
                    geometry::node_at(&self.doc, p).or_else(|| geometry::port_at(&self.doc, p))
                });
                match target {
                    Some(to) if to != from => self.connect(from, to),
                    _ => Vec::new(),
                }
            }
        }
    }

    /// Goes back one step; `false` when there is nothing to undo or a gesture is in progress.
    pub fn undo(&mut self) -> bool {
        if self.mode != Mode::Idle || self.read_only {
            return false;
        }
        match self.history.undo(&self.doc) {
            Some(prev) => self.replace_from_history(prev),
            None => false,
        }
    }

    /// Goes forward one step; `false` when there is nothing to redo or a gesture is in progress.
    pub fn redo(&mut self) -> bool {
        if self.mode != Mode::Idle || self.read_only {
            return false;
        }
        match self.history.redo(&self.doc) {
            Some(next) => self.replace_from_history(next),
            None => false,
        }
    }

    fn replace_from_history(&mut self, doc: Scenario) -> bool {
        let before = std::mem::replace(&mut self.doc, doc);
        self.changed_from(&before);
        true
    }

    pub(crate) fn cancel(&mut self) -> Vec<Edit> {
        match std::mem::replace(&mut self.mode, Mode::Idle) {
            Mode::DraggingNodes {
                origins,
                moved: true,
                ..
            } => {
                self.drag_before = None;
                self.apply_silently(Edit::MoveNodes(origins))
            }
            Mode::Marquee { base, .. } => {
                self.selection = base;
                Vec::new()
            }
            _ => {
                self.drag_before = None;
                Vec::new()
            }
        }
    }

    fn add_node(&mut self, kind: ComponentKind, top_left: Point) -> Vec<Edit> {
        let edit = Edit::AddNode {
            kind,
            x: top_left.x.round(),
            y: top_left.y.round(),
        };
        match self.dispatch(edit.clone()) {
            Ok(Applied { added: Some(id) }) => {
                self.select(&[id]);
                vec![edit]
            }
            _ => Vec::new(),
        }
    }

    pub(crate) fn connect(&mut self, from: NodeId, to: NodeId) -> Vec<Edit> {
        let (Some(a), Some(b)) = (self.doc.node(from), self.doc.node(to)) else {
            return Vec::new();
        };
        if !edge_allowed(a.kind(), b.kind()) {
            self.notice = Some(
                IssueKind::InvalidEdge {
                    from: a.kind(),
                    to: b.kind(),
                }
                .to_string(),
            );
            return Vec::new();
        }
        let edit = Edit::Connect { from, to };
        if self.dispatch(edit.clone()).is_ok() {
            vec![edit]
        } else {
            Vec::new()
        }
    }

    /// Applies a layout-only edit without a history entry (the gesture records one at its end).
    pub(crate) fn apply_silently(&mut self, edit: Edit) -> Vec<Edit> {
        match self.doc.apply(edit.clone()) {
            Ok(_) => {
                self.revision += 1;
                vec![edit]
            }
            Err(e) => {
                self.notice = Some(e.to_string());
                Vec::new()
            }
        }
    }

    pub(crate) fn changed_from(&mut self, before: &Scenario) {
        self.notice = None;
        self.revision += 1;
        if !same_run(before, &self.doc) {
            self.run_revision += 1;
        }
        let doc = &self.doc;
        self.selection.retain(|&id| doc.node(id).is_some());
        if let Some((from, to)) = self.selected_edge
            && !doc.edges.iter().any(|e| e.from == from && e.to == to)
        {
            self.selected_edge = None;
        }
    }
}

/// Whether two documents give the same run, ignoring layout, labels, texts and the fault timeline (faults are
/// recorded from the running simulation itself). SLOs count: the engine judges the ones it started with.
fn same_run(a: &Scenario, b: &Scenario) -> bool {
    a.seed == b.seed
        && a.duration_s.to_bits() == b.duration_s.to_bits()
        && a.hop_latency_us == b.hop_latency_us
        && a.random_failures == b.random_failures
        && a.edges == b.edges
        && a.slos == b.slos
        && a.nodes.len() == b.nodes.len()
        && a.nodes
            .iter()
            .zip(&b.nodes)
            .all(|(x, y)| x.id == y.id && x.region == y.region && x.config == y.config)
}
