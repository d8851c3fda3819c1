//! Pointer-sequence tests of the editor state machine: each test reads as the gesture a user makes and the edits
//! it must (or must not) produce.

mod harness;

use harness::Harness;
use scalelab_editor::{Key, Mode, NODE_H, NODE_W, Press};
use sim_core::scenario::Edit;
use sim_core::{ComponentKind, NodeId};

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
            x: 200.0 - NODE_W / 2.0,
            y: 100.0 - NODE_H / 2.0,
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
fn a_finger_on_the_background_or_a_pan_press_anywhere_pans_the_camera() {
    let touch = Press {
        touch: true,
        ..Press::default()
    };
    let h = Harness::new()
        .press(100.0, 100.0, touch)
        .pointer_move(130.0, 90.0)
        .pointer_up(130.0, 90.0);
    assert_eq!((h.ed.viewport.pan_x, h.ed.viewport.pan_y), (30.0, -10.0));
    let space = Press {
        pan: true,
        ..Press::default()
    };
    let h = h
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .press(10.0, 10.0, space)
        .expect_mode(|m| matches!(m, Mode::Panning { .. }))
        .pointer_move(20.0, 10.0)
        .pointer_up(20.0, 10.0)
        .expect_pos(1, 0.0, 0.0);
    assert!(!h.ed.can_redo() && h.ed.selection().is_empty());
}

#[test]
fn a_mouse_drag_on_the_background_draws_a_marquee_that_selects_the_nodes_inside() {
    let h = Harness::new()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .with_node(ComponentKind::WebServer, 0.0, 200.0)
        .with_node(ComponentKind::Database, 400.0, 0.0)
        .pointer_down(-20.0, -20.0)
        .expect_mode(|m| matches!(m, Mode::Marquee { .. }))
        .pointer_move(160.0, 100.0)
        .expect_selection(&[1])
        .pointer_move(160.0, 300.0)
        .expect_selection(&[1, 2])
        .pointer_up(160.0, 300.0)
        .expect_mode(|m| *m == Mode::Idle)
        .expect_selection(&[1, 2]);
    assert_eq!(h.ed.viewport.pan_x, 0.0, "the camera stays put");
    // Shift adds a second marquee's nodes; Escape during a marquee restores the selection it started from.
    h.shift_down(390.0, -10.0)
        .pointer_move(600.0, 100.0)
        .expect_selection(&[1, 2, 3])
        .key(Key::Escape)
        .expect_selection(&[1, 2]);
}

#[test]
fn the_selection_moves_together_and_undo_after_the_drag_restores_every_node() {
    Harness::new()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .with_node(ComponentKind::Database, 300.0, 0.0)
        .pointer_down(5.0, 5.0)
        .pointer_up(5.0, 5.0)
        .shift_down(305.0, 5.0)
        .pointer_up(305.0, 5.0)
        .expect_selection(&[1, 2])
        .drag((310.0, 10.0), (360.0, 110.0))
        .expect_pos(1, 50.0, 100.0)
        .expect_pos(2, 350.0, 100.0)
        .key(Key::Undo)
        .expect_pos(1, 0.0, 0.0)
        .expect_pos(2, 300.0, 0.0)
        .key(Key::Redo)
        .expect_pos(1, 50.0, 100.0)
        .expect_selection(&[1, 2])
        .shift_down(55.0, 105.0)
        .pointer_up(55.0, 105.0)
        .expect_selection(&[2]);
}

#[test]
fn with_snapping_the_grabbed_node_lands_on_the_grid_and_the_others_keep_their_offsets() {
    Harness::new()
        .snapping()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .with_node(ComponentKind::Database, 305.0, 7.0)
        .key(Key::SelectAll)
        .drag((10.0, 10.0), (43.0, 18.0))
        .expect_pos(1, 40.0, 0.0)
        .expect_pos(2, 345.0, 7.0);
}

#[test]
fn a_press_that_barely_moves_is_a_click_even_with_snapping() {
    let mut h = Harness::new()
        .snapping()
        .with_node(ComponentKind::WebServer, 7.0, 7.0)
        .pointer_down(10.0, 10.0)
        .pointer_move(11.0, 11.0)
        .pointer_up(11.0, 11.0)
        .expect_pos(1, 7.0, 7.0);
    assert!(
        h.ed.undo() && h.ed.doc().nodes.is_empty(),
        "no move was recorded"
    );
}

#[test]
fn a_finger_finds_the_port_from_further_away() {
    let touch = Press {
        touch: true,
        ..Press::default()
    };
    Harness::new()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .with_node(ComponentKind::Database, 300.0, 0.0)
        .press(NODE_W + 18.0, NODE_H / 2.0, touch)
        .expect_mode(|m| matches!(m, Mode::Connecting { .. }))
        .pointer_move(330.0, 30.0)
        .pointer_up(330.0, 30.0)
        .expect_edits(&[Edit::Connect { from: A, to: B }]);
}

#[test]
fn history_is_bounded_and_keeps_the_latest_steps() {
    let mut h = Harness::new().with_node(ComponentKind::WebServer, 0.0, 0.0);
    for i in 1..=150 {
        let x = f64::from(i) * 10.0;
        h = h.drag((x - 5.0, 5.0), (x + 5.0, 5.0));
    }
    h = h.expect_pos(1, 1500.0, 0.0);
    let mut undone = 0;
    while h.ed.undo() {
        undone += 1;
    }
    assert_eq!(undone, 100, "the default history keeps 100 steps");
    h.expect_pos(1, 500.0, 0.0);
}
