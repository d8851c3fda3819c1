//! The canvas's own buttons: zoom in / out / fit / 1:1, snap to grid, the shortcut sheet; and, while nodes are
//! selected, their actions (break or repair a node; Connect to…, Duplicate, Delete), so that a phone without a
//! keyboard can do everything the shortcuts do. Each editing button sends the same editor command as its key.

use crate::cheatsheet;
use crate::ctx::Ctx;
use leptos::prelude::*;
use scalelab_editor::{Key, Mode};

/// Zoom, grid and help buttons (bottom right of the canvas).
#[component]
pub fn ZoomButtons() -> impl IntoView {
    let ctx = Ctx::expect();
    let key = move |k: Key| {
        ctx.editor.update(|ed| {
            ed.key(k);
        });
    };
    let snap = move || ctx.editor.with(|e| e.snap_to_grid);
    let zoom_pct = move || {
        ctx.editor
            .with(|e| format!("{:.0}%", e.viewport.zoom * 100.0))
    };
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

/// Actions on the selection, at the canvas's top left (a fixed place: a bar floating by the node would cover its
/// neighbours' ports). One node: its name and what can be done to it during a run — Kill or Restore, its tier's
/// faults — in every mode, lesson mode included, and "⋯" for its context menu (with Connect to…, Duplicate and
/// Delete where the diagram can be edited). Several nodes: Duplicate and Delete. Hidden while a gesture is under
/// way.
#[component]
pub fn SelectionBar() -> impl IntoView {
    let ctx = Ctx::expect();
    let idle = Memo::new(move |_| ctx.editor.with(|e| matches!(e.mode(), Mode::Idle)));
    let read_only = Memo::new(move |_| ctx.editor.with(scalelab_editor::Editor::read_only));
    let count = Memo::new(move |_| ctx.editor.with(|e| e.selection().len()));
    let one = Memo::new(move |_| ctx.selected_one());
    let key = move |k: Key| {
        ctx.editor.update(|ed| {
            ed.key(k);
        });
    };
    let menu = use_context::<super::context_menu::ContextMenuState>();
    let ui = use_context::<super::pointer::CanvasUi>();
    let node_bar = move || {
        let id = one.get()?;
        if !idle.get() {
            return None;
        }
        let label = ctx
            .doc
            .with_untracked(|d| d.node(id).map(|n| n.label.clone()))
            .unwrap_or_default();
        Some(view! {
            <div class="node-bar" role="toolbar" aria-label=format!("{label}: actions") data-testid="selection-bar">
                <span class="bar-label">{label.clone()}</span>
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
            </div>
        })
    };
    let many = move || count.get() > 1 && idle.get() && !read_only.get();
    view! {
        {node_bar}
        <Show when=many>
            <div class="selection-bar" role="toolbar" aria-label="Selected nodes" data-testid="selection-bar">
                <span class="selection-count">{move || format!("{} nodes", count.get())}</span>
                <button type="button" title="Duplicate (Ctrl D)" data-testid="duplicate" on:click=move |_| key(Key::Duplicate)>
                    "Duplicate"
                </button>
                <button type="button" class="danger" title="Delete (Del)" data-testid="delete-selection" on:click=move |_| key(Key::Delete)>
                    "Delete"
                </button>
            </div>
        </Show>
    }
}
