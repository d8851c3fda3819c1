//! Keyboard command tests of the editor: each reads as the keys a user presses and what the diagram must look like
//! after them (clipboard, select all, arrows, the "connect to…" list, undo of each step).

mod harness;

use harness::Harness;
use scalelab_editor::{GRID, Key, Mode};
use sim_core::scenario::Edit;
use sim_core::{ComponentKind, NodeId};

const A: NodeId = NodeId(1);
const B: NodeId = NodeId(2);

fn three_tier() -> Harness {
    Harness::new()
        .with_node(ComponentKind::LoadBalancer, 0.0, 0.0)
        .with_node(ComponentKind::WebServer, 200.0, 0.0)
        .with_node(ComponentKind::Database, 400.0, 0.0)
}

#[test]
fn copy_paste_keeps_settings_and_inner_connections_and_is_one_undo_step() {
    let mut h = three_tier();
    h.ed.dispatch(Edit::Connect { from: A, to: B })
        .expect("lb → web");
    h.ed.dispatch(Edit::Connect {
        from: B,
        to: NodeId(3),
    })
    .expect("web → db");
    h.ed.dispatch(Edit::SetNumber {
        node: B,
        field: "workers".into(),
        value: 7.0,
    })
    .expect("workers");
    h.ed.dispatch(Edit::SetLabel {
        node: B,
        label: "Checkout".into(),
    })
    .expect("label");
    h.ed.select(&[A, B]);
    let h = h.key(Key::Copy).key(Key::Paste).expect_selection(&[4, 5]);
    let doc = h.ed.doc();
    assert_eq!(doc.nodes.len(), 5);
    let web = doc.node(NodeId(5)).expect("pasted web server");
    assert_eq!(web.label, "Checkout", "a chosen label is kept");
    assert_eq!(
        doc.node(NodeId(4)).map(|n| n.label.as_str()),
        Some("Load balancer 2"),
        "a generated label is generated afresh"
    );
    assert_eq!(web.config, doc.node(B).expect("original").config);
    assert_eq!((web.x, web.y), (200.0 + 2.0 * GRID, 2.0 * GRID));
    assert!(
        doc.edges
            .iter()
            .any(|e| e.from == NodeId(4) && e.to == NodeId(5)),
        "the connection inside the copy is copied"
    );
    assert_eq!(
        doc.edges.len(),
        3,
        "the connection to the database outside the copy is not"
    );
    let h =
        h.key(Key::Paste)
            .expect_selection(&[6, 7])
            .expect_pos(7, 200.0 + 4.0 * GRID, 4.0 * GRID);
    let h = h.key(Key::Undo).key(Key::Undo);
    assert_eq!(h.ed.doc().nodes.len(), 3, "each paste is one undo step");
}

#[test]
fn duplicate_and_cut_work_on_the_selection() {
    let mut h = three_tier();
    h.ed.select(&[NodeId(3)]);
    let h = h
        .key(Key::Duplicate)
        .expect_selection(&[4])
        .expect_pos(4, 400.0 + 2.0 * GRID, 2.0 * GRID)
        .key(Key::Cut)
        .expect_edits(&[Edit::DeleteNodes(vec![NodeId(4)])])
        .expect_selection(&[]);
    let h = h.key(Key::Paste).expect_selection(&[4]);
    assert_eq!(
        h.ed.doc().nodes.len(),
        4,
        "the cut node comes back on paste"
    );
}

#[test]
fn select_all_then_delete_removes_everything_and_undo_restores_it() {
    let h = three_tier()
        .key(Key::SelectAll)
        .expect_selection(&[1, 2, 3])
        .key(Key::Delete);
    assert!(h.ed.doc().nodes.is_empty());
    let h = h.key(Key::Undo);
    assert_eq!(h.ed.doc().nodes.len(), 3);
}

#[test]
fn arrows_move_the_selection_one_grid_step_and_shift_five_each_an_undo_step() {
    let mut h = three_tier();
    h.ed.select(&[A, B]);
    h.key(Key::Nudge {
        dx: 1,
        dy: 0,
        big: false,
    })
    .expect_pos(1, GRID, 0.0)
    .expect_pos(2, 200.0 + GRID, 0.0)
    .key(Key::Nudge {
        dx: 0,
        dy: -1,
        big: true,
    })
    .expect_pos(1, GRID, -5.0 * GRID)
    .key(Key::Undo)
    .expect_pos(1, GRID, 0.0)
    .expect_pos(3, 400.0, 0.0);
}

#[test]
fn the_connect_list_offers_valid_new_targets_and_choosing_one_connects() {
    let mut h = three_tier();
    h.ed.select(&[A]);
    assert_eq!(
        h.ed.connect_targets(A),
        vec![B],
        "a load balancer sends to web servers only"
    );
    let mut h = h
        .key(Key::ConnectMenu)
        .expect_mode(|m| *m == Mode::ChoosingTarget { from: A })
        .pointer_up(250.0, 30.0)
        .expect_mode(|m| *m == Mode::ChoosingTarget { from: A });
    assert_eq!(
        h.ed.choose_target(B),
        vec![Edit::Connect { from: A, to: B }]
    );
    assert_eq!(*h.ed.mode(), Mode::Idle);
    assert!(h.ed.connect_targets(A).is_empty(), "already connected");
    let h = h
        .key(Key::ConnectMenu)
        .key(Key::Escape)
        .expect_mode(|m| *m == Mode::Idle)
        .key(Key::Undo);
    assert!(
        h.ed.doc().edges.is_empty(),
        "the connection is one undo step"
    );
}

#[test]
fn zoom_keys_zoom_about_the_middle_and_fit_shows_everything() {
    let mut h = three_tier();
    h.ed.screen = scalelab_editor::Point::new(400.0, 300.0);
    let h = h.key(Key::ZoomIn);
    assert!((h.ed.viewport.zoom - 1.25).abs() < 1e-12);
    let h = h.key(Key::ZoomReset);
    assert_eq!(h.ed.viewport, scalelab_editor::Viewport::default());
    let h = h.key(Key::ZoomFit);
    assert!(
        h.ed.viewport.zoom < 1.0,
        "540 px of diagram in 400 px of screen"
    );
}
