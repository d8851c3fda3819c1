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
        <div class="zoom-buttons" role="group" aria-label=crate::tr!("zoom")>
            <button type="button" title=crate::tr!("zoom-out-title") aria-label=crate::tr!("zoom-out") on:click=move |_| key(Key::ZoomOut)>"−"</button>
            <button
                type="button"
                class="zoom-level"
                title=crate::tr!("zoom-reset-title")
                data-testid="zoom-level"
                on:click=move |_| key(Key::ZoomReset)
            >
                {zoom_pct}
            </button>
            <button type="button" title=crate::tr!("zoom-in-title") aria-label=crate::tr!("zoom-in") on:click=move |_| key(Key::ZoomIn)>"+"</button>
            <button
                type="button"
                title=crate::tr!("zoom-fit-title")
                data-testid="zoom-fit"
                on:click=move |_| key(Key::ZoomFit)
            >
                {crate::tr!("zoom-fit")}
            </button>
            <button
                type="button"
                title=crate::tr!("grid-title")
                data-testid="snap"
                aria-pressed=move || snap().to_string()
                on:click=move |_| ctx.editor.update(|e| e.snap_to_grid = !e.snap_to_grid)
            >
                {crate::tr!("grid")}
            </button>
            <button
                type="button"
                title=crate::tr!("shortcuts-title")
                aria-label=crate::tr!("shortcuts")
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
                    title=crate::tr!("more-actions-title")
                    aria-label=crate::tr!("more-actions")
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
                <span class="bar-label selection-count">{move || crate::i18n::t_with("selection-count", &[("count", n.into())])}</span>
                <Show when=move || !read_only.get()>
                    <button type="button" title=crate::tr!("duplicate-title") data-testid="duplicate" on:click=move |_| key(Key::Duplicate)>
                        {crate::tr!("duplicate")}
                    </button>
                    <button type="button" class="danger" title=crate::tr!("delete-title") data-testid="delete-selection" on:click=move |_| key(Key::Delete)>
                        {crate::tr!("delete")}
                    </button>
                </Show>
            }
            .into_any();
        }
        if let Some((from, to)) = edge.get() {
            return view! {
                <span class="bar-label">{crate::i18n::t_with("at-hand-edge", &[("name", format!("{} → {}", label_of(from), label_of(to)).into())])}</span>
                <span class="hint">{crate::tr!("selection-edge-hint")}</span>
            }
            .into_any();
        }
        view! {
            <span class="hint bar-hint">
                {crate::tr!("selection-hint")}
                <span class="bar-hint-more">{crate::tr!("selection-hint-more")}</span>
            </span>
        }
        .into_any()
    };
    view! {
        <div class="node-bar" role="toolbar" aria-label=crate::tr!("selection") data-testid="selection-bar">
            {content}
        </div>
    }
}
