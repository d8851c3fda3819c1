//! Pointer-sequence tests of the editor state machine: each test reads as the gesture a user makes and the edits
//! it must (or must not) produce.

use scalelab_editor::{Editor, Key, Mode, NODE_H, NODE_W, Point};
use sim_core::scenario::{Edit, Scenario};
use sim_core::{ComponentKind, NodeId};

/// Drives an [`Editor`] with pointer events and collects the edits of the last step.
struct Harness {
    ed: Editor,
    last: Vec<Edit>,
}

impl Harness {
    fn new() -> Self {
        Harness {
            ed: Editor::new(Scenario::default()),
            last: Vec::new(),
        }
    }
    fn with_node(mut self, kind: ComponentKind, x: f64, y: f64) -> Self {
        self.ed
            .dispatch(Edit::AddNode { kind, x, y })
            .expect("add node");
        self
    }
    fn pointer_down(mut self, x: f64, y: f64) -> Self {
        self.last = self.ed.pointer_down(Point::new(x, y), false);
        self
    }
    fn pointer_move(mut self, x: f64, y: f64) -> Self {
        self.last = self.ed.pointer_move(Some(Point::new(x, y)));
        self
    }
    fn pointer_up(mut self, x: f64, y: f64) -> Self {
        self.last = self.ed.pointer_up(Some(Point::new(x, y)));
        self
    }
    fn key(mut self, k: Key) -> Self {
        self.last = self.ed.key(k);
        self
    }
    fn palette(mut self, kind: ComponentKind) -> Self {
        self.ed.begin_place(kind);
        self
    }
    fn expect_edits(self, want: &[Edit]) -> Self {
        assert_eq!(self.last, want);
        self
    }
    fn expect_mode(self, pred: impl Fn(&Mode) -> bool) -> Self {
        assert!(pred(self.ed.mode()), "unexpected mode {:?}", self.ed.mode());
        self
    }
    fn expect_pos(self, id: u32, x: f64, y: f64) -> Self {
        let n = self.ed.doc().node(NodeId(id)).expect("node exists");
        assert_eq!((n.x, n.y), (x, y), "position of node {id}");
        self
    }
}

const A: NodeId = NodeId(1);
const B: NodeId = NodeId(2);

#[test]
fn dragging_a_node_moves_it_and_is_one_undo_step() {
    let h = Harness::new()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .pointer_down(10.0, 10.0)
        .expect_mode(|m| matches!(m, Mode::DraggingNodes { .. }))
        .pointer_move(20.0, 15.0)
        .expect_edits(&[Edit::MoveNodes(vec![(A, 10.0, 5.0)])])
        .pointer_move(110.0, 60.0)
        .expect_edits(&[Edit::MoveNodes(vec![(A, 100.0, 50.0)])])
        .pointer_up(110.0, 60.0)
        .expect_edits(&[])
        .expect_pos(1, 100.0, 50.0)
        .key(Key::Undo)
        .expect_pos(1, 0.0, 0.0);
    assert_eq!(
        h.ed.doc().nodes.len(),
        1,
        "undo after the drag only undoes the drag, not the add"
    );
    let h = h.key(Key::Redo).expect_pos(1, 100.0, 50.0);
    assert_eq!(h.ed.selection(), &[A]);
}

#[test]
fn escape_cancels_a_drag_without_history() {
    let mut h = Harness::new()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .pointer_down(10.0, 10.0)
        .pointer_move(60.0, 60.0)
        .key(Key::Escape)
        .expect_edits(&[Edit::MoveNodes(vec![(A, 0.0, 0.0)])])
        .expect_mode(|m| *m == Mode::Idle)
        .pointer_up(60.0, 60.0)
        .expect_pos(1, 0.0, 0.0);
    assert!(h.ed.undo(), "the add is still undoable");
    assert!(
        h.ed.doc().nodes.is_empty(),
        "and the cancelled drag left no entry of its own"
    );
}

#[test]
fn a_click_selects_without_moving_or_recording() {
    let h = Harness::new()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .with_node(ComponentKind::Database, 300.0, 0.0)
        .pointer_down(310.0, 10.0)
        .pointer_up(310.0, 10.0)
        .expect_edits(&[]);
    assert_eq!(h.ed.selection(), &[B]);
    let h = h.pointer_down(900.0, 900.0).pointer_up(900.0, 900.0);
    assert!(
        h.ed.selection().is_empty(),
        "a click on the background clears the selection"
    );
}

#[test]
fn dragging_from_a_port_to_an_allowed_target_connects() {
    let h = Harness::new()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .with_node(ComponentKind::Database, 300.0, 0.0)
        .pointer_down(NODE_W, NODE_H / 2.0)
        .expect_mode(|m| matches!(m, Mode::Connecting { from, .. } if *from == A))
        .pointer_move(200.0, 30.0)
        .pointer_move(350.0, 30.0)
        .pointer_up(350.0, 30.0)
        .expect_edits(&[Edit::Connect { from: A, to: B }]);
    assert_eq!(h.ed.doc().edges.len(), 1);
}

#[test]
fn connecting_to_an_invalid_target_gives_no_edit_and_says_why() {
    let h = Harness::new()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .with_node(ComponentKind::Database, 300.0, 0.0)
        .pointer_down(300.0 + NODE_W, NODE_H / 2.0)
        .pointer_move(50.0, 30.0)
        .pointer_up(50.0, 30.0)
        .expect_edits(&[]);
    assert!(h.ed.doc().edges.is_empty());
    assert!(
        h.ed.notice()
            .is_some_and(|n| n.contains("cannot send requests")),
        "{:?}",
        h.ed.notice()
    );
    let h = h
        .pointer_down(NODE_W, NODE_H / 2.0)
        .pointer_up(10.0, 10.0)
        .expect_edits(&[]);
    let h = h
        .pointer_down(NODE_W, NODE_H / 2.0)
        .pointer_up(1000.0, 10.0)
        .expect_edits(&[]);
    assert!(
        h.ed.doc().edges.is_empty(),
        "self-loops and drops on the background connect nothing"
    );
}

#[test]
fn dropping_a_palette_item_on_the_canvas_places_it_centred_and_selected() {
    let h = Harness::new()
        .palette(ComponentKind::LoadBalancer)
        .pointer_move(200.0, 100.0)
        .expect_mode(|m| {
            matches!(
                m,
                Mode::PlacingFromPalette {
                    cursor: Some(_),
                    ..
                }
            )
        })
        .pointer_up(200.0, 100.0)
        .expect_edits(&[Edit::AddNode {
            kind: ComponentKind::LoadBalancer,
            x: 130.0,
            y: 68.0,
        }]);
    assert_eq!(h.ed.selection(), &[A]);
    let mut h = h.palette(ComponentKind::Client);
    assert!(
        h.ed.pointer_up(None).is_empty(),
        "released outside the canvas: nothing placed"
    );
    assert_eq!(h.ed.doc().nodes.len(), 1);
}

#[test]
fn delete_removes_the_selection_and_undo_brings_it_back() {
    let h = Harness::new()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .pointer_down(5.0, 5.0)
        .pointer_up(5.0, 5.0)
        .key(Key::Delete)
        .expect_edits(&[Edit::DeleteNodes(vec![A])]);
    assert!(h.ed.doc().nodes.is_empty());
    let h = h.key(Key::Undo);
    assert_eq!(h.ed.doc().nodes.len(), 1);
}

#[test]
fn refused_inspector_edits_keep_the_document_and_history() {
    let mut h = Harness::new().with_node(ComponentKind::WebServer, 0.0, 0.0);
    let before = h.ed.doc().clone();
    let err =
        h.ed.dispatch(Edit::SetNumber {
            node: A,
            field: "workers".into(),
            value: 0.0,
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "Workers must be from 1 to 4096 (got 0)");
    assert_eq!(h.ed.doc(), &before);
    assert!(
        h.ed.undo() && h.ed.doc().nodes.is_empty(),
        "the only undo step is still the add"
    );
}

#[test]
fn only_changes_that_alter_a_run_bump_the_run_revision() {
    let mut h = Harness::new().with_node(ComponentKind::WebServer, 0.0, 0.0);
    let r0 = h.ed.run_revision();
    h = h
        .pointer_down(5.0, 5.0)
        .pointer_move(50.0, 50.0)
        .pointer_up(50.0, 50.0);
    h.ed.dispatch(Edit::SetLabel {
        node: A,
        label: "Web".into(),
    })
    .expect("label");
    assert_eq!(h.ed.run_revision(), r0, "moving and renaming keep the run");
    h.ed.dispatch(Edit::SetNumber {
        node: A,
        field: "workers".into(),
        value: 4.0,
    })
    .expect("workers");
    assert_eq!(h.ed.run_revision(), r0 + 1);
}

#[test]
fn background_drag_pans_the_camera() {
    let h = Harness::new()
        .pointer_down(100.0, 100.0)
        .pointer_move(130.0, 90.0);
    assert_eq!((h.ed.viewport.pan_x, h.ed.viewport.pan_y), (30.0, -10.0));
}
