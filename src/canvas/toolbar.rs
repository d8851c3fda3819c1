//! The canvas's own buttons: zoom in / out / fit / 1:1, snap to grid, the shortcut sheet; and, while nodes are
//! selected, their actions (Connect to…, Duplicate, Delete), so that a phone without a keyboard can do everything
//! the shortcuts do. Each button sends the same editor command as its key.

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

/// Actions on the selection (bottom left of the canvas), shown while something is selected, nothing is dragged and
/// the diagram is editable (not in lesson mode).
#[component]
pub fn SelectionBar() -> impl IntoView {
    let ctx = Ctx::expect();
    let count = Memo::new(move |_| {
        ctx.editor.with(|e| match e.mode() {
            Mode::Idle if !e.read_only() => e.selection().len(),
            _ => 0,
        })
    });
    let key = move |k: Key| {
        ctx.editor.update(|ed| {
            ed.key(k);
        });
    };
    view! {
        <Show when=move || count.get() != 0>
            <div class="selection-bar" role="toolbar" aria-label="Selected nodes" data-testid="selection-bar">
                <span class="selection-count">
                    {move || match count.get() {
                        1 => "1 node".to_owned(),
                        n => format!("{n} nodes"),
                    }}
                </span>
                <Show when=move || count.get() == 1>
                    <button type="button" title="Connect to… (C)" data-testid="connect-to" on:click=move |_| key(Key::ConnectMenu)>
                        "Connect to…"
                    </button>
                </Show>
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
