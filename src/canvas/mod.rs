//! The diagram canvas: a pannable, zoomable world layer holding the edge layer (SVG) and the nodes (HTML buttons).
//!
//! Pointer-down on the canvas and pointer moves/ups anywhere in the window are converted to world coordinates and
//! handed to the editor state machine (the window listeners also finish palette drags). This module draws and
//! converts; it decides nothing about what a gesture means.

mod edges;
pub mod glyph;
mod node;

use crate::ctx::Ctx;
use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use scalelab_editor::{Mode, NODE_H, NODE_W, Point, Viewport};

/// Converts client (page) coordinates to a screen point relative to the canvas and whether it lies inside it.
fn to_canvas(el: &web_sys::HtmlDivElement, client_x: f64, client_y: f64) -> (Point, bool) {
    let r = el.get_bounding_client_rect();
    let p = Point::new(client_x - r.left(), client_y - r.top());
    let inside = p.x >= 0.0 && p.y >= 0.0 && p.x <= r.width() && p.y <= r.height();
    (p, inside)
}

/// The canvas with its zoom buttons.
#[component]
pub fn Canvas() -> impl IntoView {
    let ctx = Ctx::expect();
    let el = NodeRef::<Div>::new();

    let world_at = move |client_x: f64, client_y: f64| -> Option<Point> {
        let el = el.get_untracked()?;
        let (screen, inside) = to_canvas(&el, client_x, client_y);
        inside.then(|| ctx.editor.with_untracked(|e| e.viewport.to_world(screen)))
    };
    let on_down = move |e: ev::PointerEvent| {
        if e.button() != 0 {
            return;
        }
        if let Some(p) = world_at(f64::from(e.client_x()), f64::from(e.client_y())) {
            ctx.editor.update(|ed| {
                ed.pointer_down(p, e.shift_key());
            });
        }
    };
    let busy = move || ctx.editor.with_untracked(|e| *e.mode() != Mode::Idle);
    let h_move = window_event_listener(ev::pointermove, move |e| {
        if busy() {
            let p = world_at(f64::from(e.client_x()), f64::from(e.client_y()));
            ctx.editor.update(|ed| {
                ed.pointer_move(p);
            });
        }
    });
    let h_up = window_event_listener(ev::pointerup, move |e| {
        if busy() {
            let p = world_at(f64::from(e.client_x()), f64::from(e.client_y()));
            ctx.editor.update(|ed| {
                ed.pointer_up(p);
            });
        }
    });
    on_cleanup(move || {
        h_move.remove();
        h_up.remove();
    });
    let on_wheel = move |e: ev::WheelEvent| {
        let Some(el) = el.get_untracked() else { return };
        e.prevent_default();
        let (anchor, _) = to_canvas(&el, f64::from(e.client_x()), f64::from(e.client_y()));
        let factor = if e.delta_y() < 0.0 { 1.1 } else { 1.0 / 1.1 };
        ctx.editor
            .update(|ed| ed.viewport = ed.viewport.zoomed_at(anchor, factor));
    };
    let zoom = move |factor: f64| {
        let Some(el) = el.get_untracked() else { return };
        let r = el.get_bounding_client_rect();
        let anchor = Point::new(r.width() / 2.0, r.height() / 2.0);
        ctx.editor
            .update(|ed| ed.viewport = ed.viewport.zoomed_at(anchor, factor));
    };

    // Show the whole diagram when it is mounted, when a preset or file replaces it, and on request.
    let fit = move || {
        let Some(el) = el.get_untracked() else { return };
        let r = el.get_bounding_client_rect();
        ctx.editor.update(|ed| {
            let tops: Vec<Point> = ed
                .doc()
                .nodes
                .iter()
                .map(|n| Point::new(n.x, n.y))
                .collect();
            ed.viewport = Viewport::fit(&tops, NODE_W, NODE_H, r.width(), r.height(), 24.0);
        });
    };
    Effect::new(move |_| {
        ctx.fit_request.track();
        if el.get().is_some() {
            fit();
        }
    });
    let transform = move || ctx.editor.with(|e| e.viewport.css_transform());
    let node_ids = Memo::new(move |_| {
        ctx.editor
            .with(|e| e.doc().nodes.iter().map(|n| n.id).collect::<Vec<_>>())
    });
    let ghost = move || {
        ctx.editor.with(|e| match e.mode() {
            Mode::PlacingFromPalette {
                kind,
                cursor: Some(p),
            } => Some((*kind, *p)),
            _ => None,
        })
    };
    let empty = move || ctx.editor.with(|e| e.doc().nodes.is_empty());
    let panning = move || {
        ctx.editor
            .with(|e| matches!(e.mode(), Mode::Panning { .. }))
    };

    view! {
        <div class="canvas-wrap">
            <div
                class="canvas"
                class:panning=panning
                data-testid="canvas"
                node_ref=el
                on:pointerdown=on_down
                on:wheel=on_wheel
                aria-label="Diagram canvas"
            >
                <div class="world" style:transform=transform>
                    <edges::EdgeLayer />
                    <For each=move || node_ids.get() key=|id| *id let:id>
                        <node::NodeView id=id />
                    </For>
                    {move || {
                        ghost()
                            .map(|(kind, p)| {
                                view! {
                                    <div
                                        class="node ghost"
                                        style:left=format!("{}px", p.x - NODE_W / 2.0)
                                        style:top=format!("{}px", p.y - NODE_H / 2.0)
                                    >
                                        <glyph::Glyph kind=kind />
                                        <span class="node-label">{kind.title()}</span>
                                    </div>
                                }
                            })
                    }}
                </div>
                <Show when=empty>
                    <p class="canvas-hint">
                        "Drag a component from the left onto the canvas. Drag from a node's right-hand dot to another node to connect them."
                    </p>
                </Show>
            </div>
            <div class="zoom-buttons" role="group" aria-label="Zoom">
                <button type="button" title="Zoom in" on:click=move |_| zoom(1.25)>"+"</button>
                <button type="button" title="Zoom out" on:click=move |_| zoom(0.8)>"−"</button>
                <button
                    type="button"
                    title="Show the whole diagram"
                    data-testid="zoom-fit"
                    on:click=move |_| fit()
                >
                    "Fit"
                </button>
                <button
                    type="button"
                    title="Reset zoom and pan"
                    on:click=move |_| ctx.editor.update(|ed| ed.viewport = Default::default())
                >
                    "1:1"
                </button>
            </div>
        </div>
    }
}
