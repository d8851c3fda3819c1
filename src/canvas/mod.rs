//! The diagram canvas: a pannable, zoomable world layer holding the edge layer (SVG) and the nodes (HTML buttons).
//!
//! Pointer events are converted to world coordinates and handed to the editor state machine ([`pointer`]); this
//! module draws the document, the marquee and the rubber band, and decides nothing about what a gesture means.

mod connect_menu;
pub mod context_menu;
mod edges;
pub mod glyph;
mod node;
pub mod pointer;
mod toolbar;

use crate::ctx::Ctx;
use leptos::html::Div;
use leptos::prelude::*;
use pointer::CanvasUi;
use scalelab_editor::{Mode, NODE_H, NODE_W};

/// Below this zoom nodes switch to their far look, where every line of text stays at least 10.5 px on screen: the
/// label and one status line at 10.5 px ÷ zoom (the normal 11 px lines would drop under 10 px).
const FAR_ZOOM: f64 = 0.92;
/// Below this zoom the status line no longer fits under a two-line label: the label alone (health still shows as
/// the node's colour and tint, the primary and SPOF tags stay).
const FARTHER_ZOOM: f64 = 0.62;

/// The canvas with its zoom buttons, selection actions and "connect to…" list.
#[component]
pub fn Canvas() -> impl IntoView {
    let ctx = Ctx::expect();
    let el = NodeRef::<Div>::new();
    let ui = CanvasUi::new(el);
    provide_context(ui);
    provide_context(context_menu::ContextMenuState(RwSignal::new(None)));
    pointer::install(ctx, ui);

    // After a deletion the focused node is gone: keep the keyboard on the canvas, not on the page's body.
    let node_count = crate::probe::memo(move |_| ctx.doc.with(|d| d.nodes.len()));
    Effect::new(move |prev: Option<usize>| {
        let n = node_count.get();
        if prev.is_some_and(|p| n < p) {
            request_animation_frame(move || {
                let lost = document()
                    .active_element()
                    .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"));
                if lost && let Some(el) = el.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
        n
    });

    // Show the diagram when it is mounted, when a preset or file replaces it, and on request: all of it, unless
    // that would make its labels unreadable (then its top-left part; the Fit button shows everything).
    Effect::new(move |_| {
        ctx.fit_request.track();
        if el.get().is_some() {
            ui.measure(ctx);
            ctx.editor
                .update(scalelab_editor::Editor::zoom_to_fit_readable);
        }
    });
    let transform = move || ctx.camera.with(|v| v.css_transform());
    let zoom = crate::probe::memo(move |_| ctx.camera.with(|v| v.zoom));
    // Keyed by id *and* kind: a node view draws its kind once, so a new document that reuses an id for another
    // kind (opening a preset over another) must get a fresh view.
    let node_ids = crate::probe::memo(move |_| {
        ctx.doc
            .with(|d| d.nodes.iter().map(|n| (n.id, n.kind())).collect::<Vec<_>>())
    });
    let ghost = move || {
        ctx.mode.with(|m| match m {
            Mode::PlacingFromPalette {
                kind,
                cursor: Some(p),
            } => Some((*kind, *p)),
            _ => None,
        })
    };
    let empty = move || ctx.doc.with(|d| d.nodes.is_empty());
    let panning = move || ctx.mode.with(|m| matches!(m, Mode::Panning { .. }));
    let marquee = move || {
        ctx.mode.with(|m| match m {
            Mode::Marquee { start, cursor, .. } => {
                let v = ctx.camera.get();
                let (a, b) = (v.to_screen(*start), v.to_screen(*cursor));
                Some((
                    a.x.min(b.x),
                    a.y.min(b.y),
                    (a.x - b.x).abs(),
                    (a.y - b.y).abs(),
                ))
            }
            _ => None,
        })
    };

    view! {
        <div class="canvas-wrap">
            <toolbar::SelectionBar />
            <div
                class="canvas"
                class:panning=panning
                data-testid="canvas"
                tabindex="-1"
                class:space-pan=move || ui.space.get()
                node_ref=el
                on:pointerdown=pointer::on_down(ctx, ui)
                on:wheel=pointer::on_wheel(ctx, ui)
                on:contextmenu=|e: leptos::ev::MouseEvent| e.prevent_default()
                aria-label=crate::tr!("canvas-aria")
            >
                // Far out, nodes show their label only, drawn bigger so it stays about 10 px on screen.
                <div
                    class="world"
                    class:far=move || zoom.get() < FAR_ZOOM
                    class:farther=move || zoom.get() < FARTHER_ZOOM
                    style:transform=transform
                    style=("--z", move || format!("{:.3}", zoom.get()))
                >
                    <edges::EdgeLayer />
                    <crate::dots::DotsLayer />
                    <For each=move || node_ids.get() key=|k| *k let:k>
                        <node::NodeView id=k.0 />
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
                                        <span class="node-label">{crate::i18n::kind_title(kind)}</span>
                                    </div>
                                }
                            })
                    }}
                </div>
                {move || {
                    marquee()
                        .map(|(x, y, w, h)| {
                            view! {
                                <div
                                    class="marquee"
                                    data-testid="marquee"
                                    style:left=format!("{x}px")
                                    style:top=format!("{y}px")
                                    style:width=format!("{w}px")
                                    style:height=format!("{h}px")
                                ></div>
                            }
                        })
                }}
                <connect_menu::ConnectMenu ui=ui />
                <context_menu::ContextMenu ui=ui />
                <Show when=empty>
                    <p class="canvas-hint">
                        {crate::tr!("canvas-empty-hint")}
                    </p>
                </Show>
            </div>
            <div class="canvas-legend">
                <crate::dots::DotsSwitch />
            </div>
            <toolbar::ZoomButtons />
        </div>
    }
}
