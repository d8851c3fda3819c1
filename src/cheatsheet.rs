//! The shortcut sheet: every keyboard shortcut and pointer or touch gesture of the editor, in a dialog opened with
//! `?` (or the canvas's `?` button) and closed with Escape, the close button or a click outside. Its open state is
//! one app-wide signal, so the canvas button and the key both reach it without a context.

use crate::keys::typing_in_field;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// Whether the sheet is open. An `ArcRwSignal` lives as long as its handles, not as long as a view's owner,
    /// so it survives any component that happened to touch it first.
    static OPEN: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

fn open() -> ArcRwSignal<bool> {
    OPEN.with(Clone::clone)
}

/// Opens the sheet when closed, closes it when open.
pub fn toggle() {
    open().update(|o| *o = !*o);
}

/// What each key or gesture does, grouped as the sheet shows it.
const SECTIONS: &[(&str, &[(&str, &str)])] = &[
    (
        "Run and break",
        &[
            ("R", "Run, or pause the run"),
            (
                "K",
                "Kill the selected node (Restore it when it is down); the run starts if needed",
            ),
            (
                "Shift F10 · Menu key",
                "Open the focused node's menu: Kill, Restore, its tier's faults, and editing",
            ),
            ("Right click · long press", "The same menu, on a node"),
        ],
    ),
    (
        "Edit",
        &[
            ("Ctrl Z", "Undo"),
            ("Ctrl Shift Z · Ctrl Y", "Redo"),
            (
                "Ctrl C · Ctrl X · Ctrl V",
                "Copy, cut, paste (settings and inner connections kept)",
            ),
            ("Ctrl D", "Duplicate the selection"),
            (
                "Delete · Backspace",
                "Delete the selection (nodes, or the selected connection)",
            ),
            ("Ctrl A", "Select every node"),
            (
                "Esc",
                "Cancel the drag, marquee or list in progress; deselect a connection",
            ),
        ],
    ),
    (
        "Keyboard only",
        &[
            (
                "Tab · Shift Tab",
                "Go from node to node, then along the connections (selects each)",
            ),
            ("← → ↑ ↓", "Move the selection one grid step"),
            ("Shift + arrow", "Move it five grid steps"),
            ("Enter", "Edit the focused node in the inspector"),
            (
                "C",
                "Connect the selected node to… (a list of valid targets)",
            ),
        ],
    ),
    (
        "Mouse",
        &[
            ("Click · Shift click", "Select a node · add or remove it"),
            (
                "Click a connection",
                "Select it: the inspector shows what travels it; Delete removes it",
            ),
            (
                "Drag on empty canvas",
                "Select the nodes inside the rectangle (Shift adds)",
            ),
            (
                "Drag a node",
                "Move the selection (snaps to the grid; Grid button toggles)",
            ),
            (
                "Drag from a node's dot",
                "Connect it to the node you release on",
            ),
            ("Space + drag · right or middle drag", "Pan"),
            (
                "Wheel · Ctrl + / Ctrl −",
                "Zoom at the cursor · at the centre",
            ),
            ("Shift 1 · Ctrl 0 (or Shift 0)", "Zoom to fit · reset zoom"),
        ],
    ),
    (
        "Touch",
        &[
            (
                "Tap",
                "Select a node or a connection; tap a component to add it",
            ),
            ("Drag a component", "Place it on the canvas"),
            ("Drag a node · its dot", "Move it · connect it"),
            ("One finger on empty canvas", "Pan"),
            ("Two fingers", "Pinch to zoom, move to pan"),
        ],
    ),
];

/// The sheet (nothing is drawn while it is closed) and its `?` / Escape key listener.
#[component]
pub fn CheatSheet() -> impl IntoView {
    let is_open = open();
    let keys = {
        let is_open = is_open.clone();
        window_event_listener(ev::keydown, move |e| {
            if typing_in_field(&e) {
                return;
            }
            if e.key() == "?" {
                e.prevent_default();
                is_open.update(|o| *o = !*o);
            } else if e.key() == "Escape" && is_open.get_untracked() {
                e.stop_immediate_propagation();
                is_open.set(false);
            }
        })
    };
    on_cleanup(move || keys.remove());
    // Move focus into the dialog when it opens, so Tab and Escape act on it.
    let opened = is_open.clone();
    Effect::new(move |_| {
        if opened.get() {
            request_animation_frame(|| {
                let close = document()
                    .query_selector("[data-testid=cheatsheet-close]")
                    .ok()
                    .flatten()
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(close) = close {
                    let _ = close.focus();
                }
            });
        }
    });

    let shown = is_open.clone();
    view! {
        <Show when=move || shown.get()>
            <div
                class="cheatsheet-backdrop"
                data-testid="cheatsheet"
                on:click=move |e: ev::MouseEvent| {
                    let on_backdrop = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|t| t.class_list().contains("cheatsheet-backdrop"));
                    if on_backdrop {
                        open().set(false);
                    }
                }
            >
                <section class="cheatsheet" role="dialog" aria-modal="true" aria-labelledby="cheatsheet-title">
                    <div class="cheatsheet-head">
                        <h2 id="cheatsheet-title">"Shortcuts and gestures"</h2>
                        <button
                            type="button"
                            class="small"
                            data-testid="cheatsheet-close"
                            on:click=move |_| open().set(false)
                        >
                            "Close (Esc)"
                        </button>
                    </div>
                    <div class="cheatsheet-grid">
                        {SECTIONS
                            .iter()
                            .map(|(title, rows)| {
                                view! {
                                    <div class="cheatsheet-section">
                                        <h3>{*title}</h3>
                                        <dl>
                                            {rows
                                                .iter()
                                                .map(|(keys, what)| view! { <dt><kbd>{*keys}</kbd></dt><dd>{*what}</dd> })
                                                .collect_view()}
                                        </dl>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </section>
            </div>
        </Show>
    }
}
