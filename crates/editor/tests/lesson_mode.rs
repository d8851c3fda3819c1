//! Lesson mode (read-only): a reader can select, pan, zoom and record faults, and nothing they do with the pointer
//! or the keyboard changes the diagram. Also: which edits count as changing the run (and so reset it).

mod harness;

use harness::Harness;
use scalelab_editor::{Key, Mode, NODE_H, NODE_W};
use sim_core::scenario::{Edit, EditError, FaultAction, FaultEvent};
use sim_core::{ComponentKind, NodeId};

fn lesson() -> Harness {
    let mut h = Harness::new()
        .with_node(ComponentKind::WebServer, 0.0, 0.0)
        .with_node(ComponentKind::Database, 300.0, 0.0);
    h.ed.set_read_only(true);
    h
}

#[test]
fn pointer_gestures_select_and_pan_but_never_edit() {
    let h = lesson();
    let before = h.ed.doc().clone();
    // Drag a node: it is selected, not moved.
    let h = h.drag((10.0, 10.0), (120.0, 90.0));
    assert_eq!(h.ed.doc(), &before);
    assert_eq!(h.ed.selection(), &[NodeId(1)]);
    // Drag from a port: no connection. Drag on the background: the camera pans.
    let port = (NODE_W, NODE_H / 2.0);
    let h = h.drag(port, (310.0, 10.0));
    assert_eq!(h.ed.doc(), &before);
    let mut h = h.pointer_down(150.0, 300.0);
    assert!(matches!(h.ed.mode(), Mode::Panning { .. }));
    h = h.pointer_up(150.0, 300.0);
    // Placing from the palette does nothing.
    h.ed.begin_place(ComponentKind::Cache);
    assert_eq!(h.ed.mode(), &Mode::Idle);
    assert!(h.ed.add_at_default_spot(ComponentKind::Cache).is_empty());
    assert_eq!(h.ed.doc(), &before);
}

#[test]
fn editing_keys_do_nothing_and_camera_keys_still_work() {
    let mut h = lesson();
    let before = h.ed.doc().clone();
    h.ed.select(&[NodeId(1)]);
    for k in [
        Key::Delete,
        Key::Duplicate,
        Key::Cut,
        Key::Paste,
        Key::Nudge {
            dx: 1,
            dy: 0,
            big: true,
        },
        Key::ConnectMenu,
        Key::Undo,
    ] {
        assert!(h.ed.key(k).is_empty(), "{k:?}");
        assert_eq!(h.ed.doc(), &before, "{k:?}");
    }
    assert_eq!(h.ed.mode(), &Mode::Idle);
    let zoom = h.ed.viewport.zoom;
    h.ed.key(Key::ZoomIn);
    assert!(h.ed.viewport.zoom > zoom);
}

#[test]
fn only_faults_and_whole_documents_pass_dispatch() {
    let mut h = lesson();
    let refused = h.ed.dispatch(Edit::SetLabel {
        node: NodeId(1),
        label: "mine".into(),
    });
    assert_eq!(refused, Err(EditError::ReadOnly));
    assert!(h.ed.notice().is_some_and(|n| n.contains("full playground")));
    let fault = FaultEvent {
        at_us: 5_000_000,
        node: NodeId(1),
        action: FaultAction::Kill,
        peer: None,
    };
    h.ed.dispatch(Edit::AddFault(fault))
        .expect("a clicked fault is recorded");
    assert_eq!(h.ed.doc().faults, vec![fault]);
    h.ed.dispatch(Edit::Replace(Box::default()))
        .expect("another lesson can be opened");
    assert!(h.ed.doc().nodes.is_empty());
    // Undo stays off in lesson mode; off again, editing works.
    assert!(!h.ed.undo());
    h.ed.set_read_only(false);
    assert!(h.ed.undo());
}

#[test]
fn moving_a_node_to_another_data_center_changes_the_run() {
    // The run (and a challenge verdict) depends on where nodes run: a region change must reset it.
    let mut h = Harness::new().with_node(ComponentKind::WebServer, 0.0, 0.0);
    let before = h.ed.run_revision();
    h.ed.dispatch(Edit::SetRegion {
        node: NodeId(1),
        region: sim_core::model::Region::EuWest,
    })
    .expect("region");
    assert!(h.ed.run_revision() > before);
    // A label does not.
    let after = h.ed.run_revision();
    h.ed.dispatch(Edit::SetLabel {
        node: NodeId(1),
        label: "Checkout".into(),
    })
    .expect("label");
    assert_eq!(h.ed.run_revision(), after);
}

#[test]
fn turning_random_failures_on_or_changing_them_changes_the_run_and_undo_turns_them_off() {
    let mut h = Harness::new().with_node(ComponentKind::WebServer, 0.0, 0.0);
    let before = h.ed.run_revision();
    let on = sim_core::scenario::RandomFailures::default();
    h.ed.dispatch(Edit::SetRandomFailures(Some(on)))
        .expect("on");
    assert!(h.ed.run_revision() > before);
    let once = h.ed.run_revision();
    h.ed.dispatch(Edit::SetRandomFailures(Some(
        sim_core::scenario::RandomFailures {
            mtbf_s: 120.0,
            ..on
        },
    )))
    .expect("shorter MTBF");
    assert!(h.ed.run_revision() > once);
    assert!(h.ed.undo());
    assert_eq!(h.ed.doc().random_failures, Some(on));
    assert!(h.ed.undo());
    assert_eq!(h.ed.doc().random_failures, None);
}
