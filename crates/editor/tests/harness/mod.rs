//! The pointer-sequence harness shared by the editor's test binaries: drives an [`Editor`] with pointer and key
//! events in world px and checks the mode, edits, positions and selection after each step.
#![allow(dead_code)] // each test binary uses its own part of the harness

use scalelab_editor::{Editor, Item, Key, Mode, Point, Press};
use sim_core::ComponentKind;
use sim_core::NodeId;
use sim_core::scenario::{Edit, Scenario};

/// Drives an [`Editor`] with pointer events and collects the edits of the last step.
pub struct Harness {
    pub ed: Editor,
    pub last: Vec<Edit>,
}

impl Harness {
    /// An empty document, grid snapping off (so positions in tests are exact pointer deltas).
    pub fn new() -> Self {
        let mut ed = Editor::new(Scenario::default());
        ed.snap_to_grid = false;
        Harness {
            ed,
            last: Vec::new(),
        }
    }
    pub fn snapping(mut self) -> Self {
        self.ed.snap_to_grid = true;
        self
    }
    pub fn with_node(mut self, kind: ComponentKind, x: f64, y: f64) -> Self {
        self.ed
            .dispatch(Edit::AddNode { kind, x, y })
            .expect("add node");
        self
    }
    pub fn with_edge(mut self, from: u32, to: u32) -> Self {
        self.ed
            .dispatch(Edit::Connect {
                from: NodeId(from),
                to: NodeId(to),
            })
            .expect("connect");
        self
    }
    /// A click: press and release at the same point.
    pub fn click(self, x: f64, y: f64) -> Self {
        self.pointer_down(x, y).pointer_up(x, y)
    }
    /// Tab (`forward`) or Shift+Tab on the canvas.
    pub fn tab(mut self, forward: bool) -> Self {
        self.ed.tab(forward);
        self
    }
    pub fn pointer_down(mut self, x: f64, y: f64) -> Self {
        self.last = self.ed.pointer_down(Point::new(x, y), false);
        self
    }
    pub fn shift_down(mut self, x: f64, y: f64) -> Self {
        self.last = self.ed.pointer_down(Point::new(x, y), true);
        self
    }
    pub fn press(mut self, x: f64, y: f64, press: Press) -> Self {
        self.last = self.ed.press(Point::new(x, y), press);
        self
    }
    pub fn pointer_move(mut self, x: f64, y: f64) -> Self {
        self.last = self.ed.pointer_move(Some(Point::new(x, y)));
        self
    }
    pub fn pointer_up(mut self, x: f64, y: f64) -> Self {
        self.last = self.ed.pointer_up(Some(Point::new(x, y)));
        self
    }
    pub fn drag(self, from: (f64, f64), to: (f64, f64)) -> Self {
        self.pointer_down(from.0, from.1)
            .pointer_move((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0)
            .pointer_move(to.0, to.1)
            .pointer_up(to.0, to.1)
    }
    pub fn key(mut self, k: Key) -> Self {
        self.last = self.ed.key(k);
        self
    }
    pub fn palette(mut self, kind: ComponentKind) -> Self {
        self.ed.begin_place(kind);
        self
    }
    pub fn expect_edits(self, want: &[Edit]) -> Self {
        assert_eq!(self.last, want);
        self
    }
    pub fn expect_mode(self, pred: impl Fn(&Mode) -> bool) -> Self {
        assert!(pred(self.ed.mode()), "unexpected mode {:?}", self.ed.mode());
        self
    }
    pub fn expect_pos(self, id: u32, x: f64, y: f64) -> Self {
        let n = self.ed.doc().node(NodeId(id)).expect("node exists");
        assert_eq!((n.x, n.y), (x, y), "position of node {id}");
        self
    }
    /// The selected edge, `(from, to)` ids, or `None`.
    pub fn expect_edge(self, edge: Option<(u32, u32)>) -> Self {
        let want = edge.map(|(a, b)| (NodeId(a), NodeId(b)));
        assert_eq!(self.ed.selected_edge(), want, "selected edge");
        self
    }
    /// The one selected thing.
    pub fn expect_item(self, item: Option<Item>) -> Self {
        assert_eq!(self.ed.selected_item(), item, "selected item");
        self
    }
    pub fn expect_selection(self, ids: &[u32]) -> Self {
        let want: Vec<NodeId> = ids.iter().map(|&i| NodeId(i)).collect();
        assert_eq!(self.ed.selection(), want.as_slice(), "selection");
        self
    }
}
