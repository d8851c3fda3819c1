//! The canvas's own buttons: zoom in / out / fit / 1:1, snap to grid, the shortcut sheet; and, while nodes are
//! selected, their actions (break or repair a node; Connect to…, Duplicate, Delete), so that a phone without a
//! keyboard can do everything the shortcuts do. Each editing button sends the same editor command as its key.

use crate::cheatsheet;
use crate::ctx::Ctx;
use leptos::prelude::*;
use scalelab_editor::Key;

/// Zoom, grid and help buttons (bottom right of the canvas).
#[component]
pub fn ZoomButtons() -> impl IntoView {
    let ctx = Ctx::expect();
    let key = move |k: Key| {
        ctx.editor.update(|ed| {
            ed.key(k);
        });
    };
    let snap = move || ctx.snap.get();
    let zoom_pct = move || ctx.camera.with(|v| format!("{:.0}%", v.zoom * 100.0));
    view! {
        <div class="zoom-buttons" role="group" aria-label="Zoom">
            <button type="button" title="Zoom out (Ctrl −)" aria-label="Zoom out" on:click=move |_| key(Key::ZoomOut)>"−"</button>
            <button
                type="button"
                class="zoom-level"
                title="Reset zoom to 100% (Ctrl 0)"
                data-testid="zoom-level"
                on:click=move |_| key(Key::ZoomReset)
            >
                {zoom_pct}
            </button>
            <button type="button" title="Zoom in (Ctrl +)" aria-label="Zoom in" on:click=move |_| key(Key::ZoomIn)>"+"</button>
            <button
                type="button"
                title="Show the whole diagram (Shift 1)"
                data-testid="zoom-fit"
                on:click=move |_| key(Key::ZoomFit)
            >
                "Fit"
            </button>
            <button
                type="button"
                title="Snap nodes to the grid"
                data-testid="snap"
                aria-pressed=move || snap().to_string()
                on:click=move |_| ctx.editor.update(|e| e.snap_to_grid = !e.snap_to_grid)
            >
                "Grid"
            </button>
            <button
                type="button"
                title="Keyboard shortcuts and gestures (?)"
                aria-label="Keyboard shortcuts"
                data-testid="shortcuts"
                on:click=move |_| cheatsheet::toggle()
            >
                "?"
            </button>
        </div>
    }
}

/// The selection strip, a row above the canvas that never covers the diagram: what the selection is and what can be
/// done with it. One node: its name and what can be done to it during a run — Kill or Restore, its tier's faults —
/// in every mode, lesson mode included, and "⋯" for its context menu (with Connect to…, Duplicate and Delete where
/// the diagram can be edited). Several nodes: Duplicate and Delete. A connection: its ends. Nothing: a hint on how
/// to break things.
#[component]
pub fn SelectionBar() -> impl IntoView {
    let ctx = Ctx::expect();
    let read_only = crate::probe::memo(move |_| {
        ctx.editor
            .with_untracked(scalelab_editor::Editor::read_only)
    });
    let count = crate::probe::memo(move |_| ctx.selection.with(Vec::len));
    let one = crate::probe::memo(move |_| ctx.selected_one());
    let edge = crate::probe::memo(move |_| ctx.selected_edge.get());
    let key = move |k: Key| {
        ctx.editor.update(|ed| {
            ed.key(k);
        });
    };
    let menu = use_context::<super::context_menu::ContextMenuState>();
    let ui = use_context::<super::pointer::CanvasUi>();
    let label_of = move |id| {
        ctx.doc
            .with(|d| d.node(id).map(|n| n.label.clone()))
            .unwrap_or_default()
    };
    let content = move || {
        if let Some(id) = one.get() {
            let label = label_of(id);
            return view! {
                <span class="bar-label" data-testid="bar-label">{label}</span>
                <crate::actions::NodeActions id=id compact=true />
                <button
                    type="button"
                    class="more"
                    title="More actions (right click, long press or Shift+F10 on the node)"
                    aria-label="More actions"
                    aria-haspopup="menu"
                    data-testid="more-actions"
                    on:click=move |e: leptos::ev::MouseEvent| {
                        if let (Some(menu), Some(ui)) = (menu, ui) {
                            menu.open_at_client(ctx, ui, id, f64::from(e.client_x()), f64::from(e.client_y()) + 12.0);
                        }
                    }
                >
                    "⋯"
                </button>
            }
            .into_any();
        }
        let n = count.get();
        if n > 1 {
            return view! {
                <span class="bar-label selection-count">{format!("{n} nodes")}</span>
                <Show when=move || !read_only.get()>
                    <button type="button" title="Duplicate (Ctrl D)" data-testid="duplicate" on:click=move |_| key(Key::Duplicate)>
                        "Duplicate"
                    </button>
                    <button type="button" class="danger" title="Delete (Del)" data-testid="delete-selection" on:click=move |_| key(Key::Delete)>
                        "Delete"
                    </button>
                </Show>
            }
            .into_any();
        }
        if let Some((from, to)) = edge.get() {
            return view! {
                <span class="bar-label">{format!("Connection {} → {}", label_of(from), label_of(to))}</span>
                <span class="hint">"What travels it is in the inspector."</span>
            }
            .into_any();
        }
        view! {
            <span class="hint bar-hint">
                "Select a node to break or repair it"
                <span class="bar-hint-more">": Kill, Restore, its own faults. Right click or long press works too"</span>
                "."
            </span>
        }
        .into_any()
    };
    view! {
        <div class="node-bar" role="toolbar" aria-label="Selection" data-testid="selection-bar">
            {content}
        </div>
    }
}
