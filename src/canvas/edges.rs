//! The edge layer: one SVG path with an arrowhead per connection (port of the sender → left side of the
//! receiver), plus the rubber band while a connection is being drawn. Connections no request may take are drawn
//! red and dashed.

use crate::ctx::Ctx;
use leptos::prelude::*;
use scalelab_editor::geometry::{inlet, port_center};
use scalelab_editor::{Mode, Point};
use sim_core::NodeId;
use sim_core::model::edge_allowed;

fn curve(a: Point, b: Point) -> String {
    let dx = ((b.x - a.x).abs() / 2.0).max(30.0);
    format!(
        "M{} {} C{} {}, {} {}, {} {}",
        a.x,
        a.y,
        a.x + dx,
        a.y,
        b.x - dx,
        b.y,
        b.x,
        b.y
    )
}

/// All connections of the document.
#[component]
pub fn EdgeLayer() -> impl IntoView {
    let ctx = Ctx::expect();
    let edges = Memo::new(move |_| {
        ctx.editor.with(|e| {
            e.doc()
                .edges
                .iter()
                .map(|e| (e.from, e.to))
                .collect::<Vec<_>>()
        })
    });
    let rubber = move || {
        ctx.editor.with(|e| match e.mode() {
            Mode::Connecting { from, cursor } => {
                e.doc().node(*from).map(|n| curve(port_center(n), *cursor))
            }
            _ => None,
        })
    };
    view! {
        <svg class="edges" width="1" height="1" aria-hidden="true">
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
                    <path d="M0 0 L10 5 L0 10 z" class="arrowhead" />
                </marker>
            </defs>
            <For each=move || edges.get() key=|k| *k let:pair>
                <EdgeView from=pair.0 to=pair.1 />
            </For>
            {move || rubber().map(|d| view! { <path class="edge rubber" d=d /> })}
        </svg>
    }
}

#[component]
fn EdgeView(from: NodeId, to: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let geometry = Memo::new(move |_| {
        ctx.editor.with(|e| {
            let (a, b) = (e.doc().node(from)?, e.doc().node(to)?);
            Some((
                curve(port_center(a), inlet(b)),
                edge_allowed(a.kind(), b.kind()),
            ))
        })
    });
    let d = move || geometry.get().map(|g| g.0).unwrap_or_default();
    let invalid = move || geometry.get().is_some_and(|g| !g.1);
    view! {
        <path
            class="edge"
            class:invalid=invalid
            data-testid="edge"
            data-from=from.0
            data-to=to.0
            d=d
            marker-end="url(#arrow)"
        />
    }
}
