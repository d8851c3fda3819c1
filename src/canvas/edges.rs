//! The edge layer: one SVG path with an arrowhead per connection (port of the sender → left side of the
//! receiver), plus the rubber band while a connection is being drawn. Connections no request may take are drawn
//! red and dashed; the selected one thicker, in the accent colour.
//!
//! Each edge also has an invisible hit stroke (`.edge-hit`, [`EDGE_HIT_R`] each side) that takes the pointer
//! (`pointer-events: stroke`, so the cursor shows it can be clicked) and keyboard focus (Tab reaches edges after the
//! nodes, see [`crate::keys`]). What a press selects is still decided by the editor, which hit-tests the same curve
//! ([`geometry::edge_at`]), so hover and press agree; nodes are drawn above edges and win.

use super::pointer::CanvasUi;
use crate::ctx::Ctx;
use leptos::prelude::*;
use scalelab_editor::Mode;
use scalelab_editor::geometry::{self, EDGE_HIT_R, edge_curve, inlet_of, port_center, port_of};
use sim_core::NodeId;
use sim_core::model::edge_allowed;

/// All connections of the document.
#[component]
pub fn EdgeLayer() -> impl IntoView {
    let ctx = Ctx::expect();
    let edges = crate::probe::memo(move |_| {
        ctx.doc
            .with(|d| d.edges.iter().map(|e| (e.from, e.to)).collect::<Vec<_>>())
    });
    let rubber = move || {
        ctx.mode.with(|m| match m {
            Mode::Connecting { from, cursor } => ctx.doc.with_untracked(|d| {
                d.node(*from)
                    .map(|n| geometry::svg_path(&edge_curve(port_center(n), *cursor)))
            }),
            _ => None,
        })
    };
    // Not aria-hidden: the hit strokes are focusable and named; the drawn paths are hidden one by one.
    view! {
        <svg class="edges" width="1" height="1" role="group" aria-label="Connections">
            <defs aria-hidden="true">
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
                    <path d="M0 0 L10 5 L0 10 z" class="arrowhead" />
                </marker>
                <marker id="arrow-selected" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="4" markerHeight="4" orient="auto">
                    <path d="M0 0 L10 5 L0 10 z" class="arrowhead selected" />
                </marker>
            </defs>
            <For each=move || edges.get() key=|k| *k let:pair>
                <EdgeView from=pair.0 to=pair.1 />
            </For>
            {move || rubber().map(|d| view! { <path class="edge rubber" d=d aria-hidden="true" /> })}
        </svg>
    }
}

#[component]
fn EdgeView(from: NodeId, to: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let ui = use_context::<CanvasUi>();
    // What the edge is (from the document) and where it runs (from its two ends' positions, which a drag moves
    // without touching the document): a moved node redraws only its own edges.
    let ends = crate::probe::memo(move |_| {
        ctx.doc.with(|doc| {
            let (a, b) = (doc.node(from)?, doc.node(to)?);
            Some((
                edge_allowed(a.kind(), b.kind()),
                crate::i18n::t_with(
                    "edge-aria",
                    &[
                        ("from", a.label.clone().into()),
                        ("to", b.label.clone().into()),
                    ],
                ),
            ))
        })
    });
    let (pa, pb) = (ctx.position(from), ctx.position(to));
    let path = crate::probe::memo(move |_| match (pa, pb) {
        (Some(a), Some(b)) => geometry::svg_path(&edge_curve(port_of(a.get()), inlet_of(b.get()))),
        _ => String::new(),
    });
    let selected = crate::probe::memo(move |_| ctx.selected_edge.get() == Some((from, to)));
    // During a run, a connection to or from a dead node carries nothing: drawn faded, so the eye follows the live
    // paths (after a promotion, the dead primary's connections fade and the routes to the new one show).
    let dead = crate::probe::memo(move |_| {
        ctx.frame.with(|f| {
            f.as_ref().is_some_and(|f| {
                [from, to].into_iter().any(|n| {
                    f.node(n).is_some_and(|n| {
                        matches!(
                            n.health,
                            sim_core::metrics::Health::Down
                                | sim_core::metrics::Health::DownUndetected
                        )
                    })
                })
            })
        })
    });
    // A connection a partition cuts (its link, or two data centers one of which is cut off) carries nothing:
    // drawn dashed.
    let cut = crate::probe::memo(move |_| {
        let regions_differ = ctx.doc.with(|d| match (d.node(from), d.node(to)) {
            (Some(a), Some(b)) => a.region != b.region,
            _ => false,
        });
        ctx.frame.with(|f| {
            f.as_ref()
                .is_some_and(|f| f.edge_cut(from, to, regions_differ))
        })
    });
    let d = move || path.get();
    let invalid = move || ends.with(|g| g.as_ref().is_some_and(|g| !g.0));
    let name = move || ends.with(|g| g.as_ref().map(|g| g.1.clone()).unwrap_or_default());
    let marker = move || {
        if selected.get() {
            "url(#arrow-selected)"
        } else {
            "url(#arrow)"
        }
    };
    view! {
        <path
            class="edge"
            class:invalid=invalid
            class:selected=move || selected.get()
            class:dead=move || dead.get()
            class:cut=move || cut.get()
            data-testid="edge"
            data-from=from.0
            data-to=to.0
            d=d
            marker-end=marker
            aria-hidden="true"
        />
        // Out of the page's Tab order (-1): Tab reaches edges after the nodes through crate::keys.
        <path
            class="edge-hit"
            data-testid="edge-hit"
            data-from=from.0
            data-to=to.0
            d=d
            stroke-width=2.0 * EDGE_HIT_R
            tabindex="-1"
            role="button"
            aria-pressed=move || selected.get().to_string()
            aria-label=name
            on:focus=move |_| {
                // Focus from the keyboard selects the edge; a press selects through the editor.
                let pressing = ui.is_some_and(|ui| ui.pressing.get_value());
                if !pressing && !selected.get_untracked() {
                    ctx.editor.update(|e| e.select_edge(from, to));
                }
            }
        />
    }
}
