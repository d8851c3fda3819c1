//! Edges as things: a click on an edge's curve selects it (alone), Delete removes it as one undo step, Tab walks
//! through the nodes and then the edges, and lesson mode can select but not remove. Also what the edge inspector
//! says about an edge: its one-way latency (mirroring the engine) and the requests that travel it.

mod harness;

use harness::Harness;
use scalelab_editor::link::{self, Latency};
use scalelab_editor::{Item, Key, Mode, NODE_H, NODE_W, Press};
use sim_core::ComponentKind as K;
use sim_core::NodeId;
use sim_core::metrics::RequestKind;
use sim_core::model::{Region, edge_allowed};
use sim_core::scenario::{Edit, Scenario, presets};

const A: NodeId = NodeId(1);
const B: NodeId = NodeId(2);
const C: NodeId = NodeId(3);

/// A web server (1) sending to a database (2) on its right and a cache (3) below it.
fn diagram() -> Harness {
    Harness::new()
        .with_node(K::WebServer, 0.0, 0.0)
        .with_node(K::Database, 300.0, 0.0)
        .with_node(K::Cache, 0.0, 200.0)
        .with_edge(1, 2)
        .with_edge(1, 3)
}

/// The middle of edge 1 → 2: halfway between the web server's port and the database's inlet.
const MID_AB: (f64, f64) = ((NODE_W + 300.0) / 2.0, NODE_H / 2.0);
/// The middle of edge 1 → 3 (the curve is point-symmetric about it).
const MID_AC: (f64, f64) = (NODE_W / 2.0, (NODE_H / 2.0 + 200.0 + NODE_H / 2.0) / 2.0);

#[test]
fn a_click_on_an_edge_selects_it_alone_and_a_click_elsewhere_takes_the_selection_back() {
    diagram()
        .click(10.0, 10.0)
        .expect_selection(&[1])
        .pointer_down(MID_AB.0, MID_AB.1)
        .expect_mode(|m| *m == Mode::Idle)
        .expect_edits(&[])
        .expect_edge(Some((1, 2)))
        .expect_selection(&[])
        .pointer_move(MID_AB.0 + 40.0, MID_AB.1 + 40.0)
        .pointer_up(MID_AB.0 + 40.0, MID_AB.1 + 40.0)
        .expect_edits(&[])
        .expect_edge(Some((1, 2)))
        // A node takes the selection; so does the background (it clears both).
        .click(310.0, 10.0)
        .expect_edge(None)
        .expect_selection(&[2])
        .click(MID_AC.0, MID_AC.1)
        .expect_item(Some(Item::Edge(A, C)))
        .click(700.0, 700.0)
        .expect_item(None)
        .expect_selection(&[]);
}

#[test]
fn shift_click_on_an_edge_still_selects_it_alone_and_the_marquee_takes_nodes_only() {
    diagram()
        .click(10.0, 10.0)
        .shift_down(MID_AB.0, MID_AB.1)
        .pointer_up(MID_AB.0, MID_AB.1)
        .expect_edge(Some((1, 2)))
        .expect_selection(&[])
        // A marquee over the whole diagram from an empty corner selects the three nodes, not the edges.
        .drag((-20.0, -20.0), (460.0, 290.0))
        .expect_selection(&[1, 2, 3])
        .expect_edge(None)
        .click(MID_AB.0, MID_AB.1)
        .key(Key::SelectAll)
        .expect_selection(&[1, 2, 3])
        .expect_edge(None);
}

#[test]
fn nodes_are_on_top_of_edges_and_the_hit_area_is_a_few_px_wide_wider_for_a_finger() {
    // A fourth node lying over the middle of edge 1 → 2 takes the press.
    Harness::new()
        .with_node(K::WebServer, 0.0, 0.0)
        .with_node(K::Database, 300.0, 0.0)
        .with_edge(1, 2)
        .with_node(K::Cache, MID_AB.0 - 20.0, -20.0)
        .click(MID_AB.0, MID_AB.1)
        .expect_selection(&[3])
        .expect_edge(None);
    // 10 px off the curve: a mouse misses (and draws a marquee), a finger hits, and pans if it moves on.
    let off = (MID_AB.0, MID_AB.1 + 10.0);
    let finger = Press {
        touch: true,
        ..Press::default()
    };
    diagram()
        .pointer_down(off.0, off.1)
        .expect_mode(|m| matches!(m, Mode::Marquee { .. }))
        .expect_edge(None)
        .pointer_up(off.0, off.1)
        .press(off.0, off.1, finger)
        .expect_mode(|m| matches!(m, Mode::Panning { .. }))
        .expect_edge(Some((1, 2)))
        .pointer_up(off.0, off.1);
    // Zoomed out to 40 %, a finger 30 world px (12 screen px) away still hits: the area is sized on screen.
    let mut h = diagram();
    h.ed.viewport.zoom = 0.4;
    h.press(MID_AB.0, MID_AB.1 + 30.0, finger)
        .expect_edge(Some((1, 2)))
        .pointer_up(MID_AB.0, MID_AB.1 + 30.0)
        .press(MID_AB.0, MID_AB.1 + 40.0, finger)
        .expect_edge(None);
}

#[test]
fn a_right_press_on_an_edge_selects_it_and_pans_as_before() {
    let right = Press {
        secondary: true,
        ..Press::default()
    };
    diagram()
        .press(MID_AB.0, MID_AB.1, right)
        .expect_mode(|m| matches!(m, Mode::Panning { .. }))
        .expect_edge(Some((1, 2)))
        .pointer_up(MID_AB.0, MID_AB.1)
        // On a node or the background it only pans.
        .press(310.0, 10.0, right)
        .pointer_up(310.0, 10.0)
        .expect_edge(Some((1, 2)))
        .press(700.0, 700.0, right)
        .expect_mode(|m| matches!(m, Mode::Panning { .. }))
        .expect_edge(Some((1, 2)));
}

#[test]
fn delete_removes_the_selected_edge_as_one_undo_step_and_selects_its_sender() {
    let h = diagram()
        .click(MID_AB.0, MID_AB.1)
        .key(Key::Delete)
        .expect_edits(&[Edit::Disconnect { from: A, to: B }])
        .expect_edge(None)
        .expect_selection(&[1]);
    assert_eq!(h.ed.doc().edges.len(), 1, "only that edge went");
    assert_eq!(h.ed.doc().nodes.len(), 3, "no node went with it");
    let h = h.key(Key::Undo);
    assert_eq!(h.ed.doc().edges.len(), 2, "undo brings it back");
    let h = h.key(Key::Redo);
    assert_eq!(h.ed.doc().edges.len(), 1);
    // Cut and nudges do nothing to an edge.
    let h = h
        .key(Key::Undo)
        .click(MID_AB.0, MID_AB.1)
        .key(Key::Cut)
        .expect_edits(&[])
        .key(Key::Nudge {
            dx: 1,
            dy: 0,
            big: false,
        })
        .expect_edits(&[])
        .expect_edge(Some((1, 2)));
    assert_eq!(h.ed.doc().edges.len(), 2);
}

#[test]
fn escape_deselects_the_edge_and_an_undo_that_removes_it_does_too() {
    let mut h = diagram()
        .click(MID_AB.0, MID_AB.1)
        .key(Key::Escape)
        .expect_edge(None);
    // The newest edge selected, then its connection undone: nothing stays selected that is not there.
    h.ed.select_edge(A, C);
    h.key(Key::Undo).expect_edge(None).expect_item(None);
}

#[test]
fn tab_walks_through_the_nodes_then_the_edges_and_shift_tab_walks_back() {
    let h = diagram()
        .tab(true)
        .expect_item(Some(Item::Node(A)))
        .tab(true)
        .tab(true)
        .expect_item(Some(Item::Node(C)))
        .tab(true)
        .expect_item(Some(Item::Edge(A, B)))
        .tab(true)
        .expect_item(Some(Item::Edge(A, C)));
    let mut h = h;
    assert_eq!(
        h.ed.tab(true),
        None,
        "past the last edge Tab leaves the canvas"
    );
    let h = h
        .expect_item(Some(Item::Edge(A, C)))
        .tab(false)
        .tab(false)
        .expect_item(Some(Item::Node(C)));
    assert_eq!(
        h.ed.item_after(Item::Node(A), false),
        None,
        "Shift+Tab from the first node leaves the canvas"
    );
    assert_eq!(
        h.ed.item_after(Item::Edge(C, A), true),
        None,
        "no such edge"
    );
    // From nothing selected, Shift+Tab starts at the last edge.
    let mut h = diagram();
    assert_eq!(h.ed.tab(false), Some(Item::Edge(A, C)));
}

#[test]
fn in_lesson_mode_an_edge_can_be_selected_but_not_removed() {
    let mut h = diagram();
    h.ed.set_read_only(true);
    let before = h.ed.doc().clone();
    let mut h = h
        .click(MID_AB.0, MID_AB.1)
        .expect_edge(Some((1, 2)))
        .key(Key::Delete)
        .expect_edits(&[])
        .expect_edge(Some((1, 2)));
    assert!(h.ed.remove_selected_edge().is_empty());
    assert_eq!(h.ed.doc(), &before);
    assert_eq!(h.ed.tab(false), Some(Item::Node(C)), "the walk still works");
}

fn lat(parts: &[(&str, u64)]) -> Option<Latency> {
    Some(Latency {
        one_way_us: parts.iter().map(|p| p.1).sum(),
        parts: parts.iter().map(|&(s, us)| (s.to_owned(), us)).collect(),
    })
}

#[test]
fn latency_is_the_hop_plus_the_distance_between_data_centers_as_the_engine_schedules_it() {
    let mut doc = presets::get("three_tier").expect("preset");
    let id = |label: &str| doc.nodes.iter().find(|n| n.label == label).unwrap().id;
    let (users, dns, lb, web, db) = (
        id("Users"),
        id("DNS"),
        id("Load balancer"),
        id("Web 1"),
        id("Database"),
    );
    let hop = doc.hop_latency_us;
    assert_eq!(
        link::latency(&doc, lb, web),
        lat(&[("hop inside a data center", hop)])
    );
    assert_eq!(
        link::latency(&doc, users, dns),
        None,
        "the DNS's lookup time"
    );
    assert_eq!(
        link::latency(&doc, dns, lb),
        lat(&[("half the users' round trip", 20_000)]),
        "the users' requests to the address the DNS gave are drawn on DNS → address"
    );
    doc.apply(Edit::SetRegion {
        node: web,
        region: Region::EuWest,
    })
    .unwrap();
    assert_eq!(
        link::latency(&doc, web, db),
        lat(&[
            ("hop inside a data center", hop),
            ("EU-West → US-East", 35_000)
        ])
    );
    assert_eq!(
        link::latency(&doc, users, web),
        lat(&[
            ("half the users' round trip", 20_000),
            ("US-East → EU-West", 35_000)
        ]),
        "the users' first hop is half their round trip, plus the distance"
    );
}

#[test]
fn latency_through_a_cdn_is_its_own_setting_and_a_queue_hands_jobs_over_in_place() {
    let mut doc = Scenario::default();
    let mut add = |kind| {
        doc.apply(Edit::AddNode {
            kind,
            x: 0.0,
            y: 0.0,
        })
        .unwrap()
        .added
        .unwrap()
    };
    let (users, cdn, web, queue, workers) = (
        add(K::Client),
        add(K::Cdn),
        add(K::WebServer),
        add(K::MessageQueue),
        add(K::Workers),
    );
    assert_eq!(
        link::latency(&doc, users, cdn),
        lat(&[("half the round trip to the nearest CDN edge", 5_000)])
    );
    assert_eq!(
        link::latency(&doc, cdn, web),
        lat(&[("the CDN's edge-to-origin latency", 30_000)])
    );
    assert_eq!(link::latency(&doc, queue, workers), None);
    assert_eq!(link::latency(&doc, NodeId(99), web), None);
}

#[test]
fn every_allowed_edge_says_what_it_carries() {
    let fallback = link::meaning(K::Replica, K::Client);
    for from in K::ALL {
        for to in K::ALL {
            let text = link::meaning(from, to);
            if edge_allowed(from, to) {
                assert_ne!(text, fallback, "{from:?} → {to:?}");
            } else {
                assert!(text.starts_with("No request"), "{from:?} → {to:?}");
                assert!(link::kinds(from, to).is_empty());
            }
        }
    }
    assert_eq!(link::kinds(K::Client, K::Cdn), &[RequestKind::Static]);
    assert_eq!(
        link::kinds(K::WebServer, K::MessageQueue),
        &[RequestKind::Job]
    );
    // Replication and DNS answers are not requests: reads and the users' requests travel routes of their own.
    assert!(link::kinds(K::Database, K::Replica).is_empty());
    assert!(link::kinds(K::Dns, K::LoadBalancer).is_empty());
    assert!(link::kinds(K::MessageQueue, K::Client).is_empty());
}
