//! The "connect to…" list: while the editor is choosing a target (key `C` or the Connect button), a small menu
//! next to the sending node lists the nodes it may send requests to and is not connected to yet. Choosing one
//! connects through the editor; Escape or a press elsewhere closes it. Focus moves into the list when it opens
//! and back to the sending node when it closes, so the whole flow works from the keyboard.

use super::pointer::CanvasUi;
use crate::ctx::Ctx;
use leptos::ev;
use leptos::prelude::*;
use scalelab_editor::{Mode, NODE_H, NODE_W, Point};
use sim_core::NodeId;
use wasm_bindgen::JsCast;

/// Focuses the canvas's node button `id` (after the DOM has caught up).
pub fn focus_node(ui: CanvasUi, id: NodeId) {
    request_animation_frame(move || {
        let Some(el) = ui.el.get_untracked() else {
            return;
        };
        if let Ok(Some(node)) = el.query_selector(&format!("[data-node-id=\"{}\"]", id.0))
            && let Ok(node) = node.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = node.focus();
        }
    });
}

/// Moves focus between the list's buttons with the arrow keys (wrapping).
pub(super) fn arrow_focus(e: ev::KeyboardEvent) {
    let step: i32 = match e.key().as_str() {
        "ArrowDown" | "ArrowRight" => 1,
        "ArrowUp" | "ArrowLeft" => -1,
        _ => return,
    };
    e.prevent_default();
    e.stop_propagation();
    let Some(list) = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(buttons) = list.query_selector_all("button") else {
        return;
    };
    let n = i32::try_from(buttons.length()).unwrap_or(0);
    if n == 0 {
        return;
    }
    let active = document().active_element();
    let at = (0..n)
        .find(|&i| {
            buttons
                .item(u32::try_from(i).unwrap_or(0))
                .zip(active.as_ref())
                .is_some_and(|(b, a)| b.is_same_node(Some(a)))
        })
        .unwrap_or(-step);
    let next = (at + step).rem_euclid(n);
    if let Some(b) = buttons
        .item(u32::try_from(next).unwrap_or(0))
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = b.focus();
    }
}

/// The list, shown while the editor is in [`Mode::ChoosingTarget`].
#[component]
pub fn ConnectMenu(ui: CanvasUi) -> impl IntoView {
    let ctx = Ctx::expect();
    let from = crate::probe::memo(move |_| {
        ctx.mode.with(|m| match m {
            Mode::ChoosingTarget { from } => Some(*from),
            _ => None,
        })
    });
    // Return focus to the sender when the list closes (chosen, Escape, or a press elsewhere).
    Effect::new(move |prev: Option<Option<NodeId>>| {
        let now = from.get();
        if let (Some(Some(was)), None) = (prev, now)
            && !ui.pressing.get_value()
        {
            focus_node(ui, was);
        }
        now
    });
    move || {
        let from = from.get()?;
        let (targets, place, title) = ctx.editor.with_untracked(|e| {
            let targets: Vec<(NodeId, String, String)> = e
                .connect_targets(from)
                .into_iter()
                .filter_map(|id| {
                    e.doc()
                        .node(id)
                        .map(|n| (id, n.label.clone(), crate::i18n::kind_title(n.kind())))
                })
                .collect();
            let node = e.doc().node(from);
            let anchor = node.map_or(Point::default(), |n| Point::new(n.x + NODE_W, n.y + NODE_H));
            let title = node.map(|n| n.label.clone()).unwrap_or_default();
            (targets, e.viewport.to_screen(anchor), title)
        });
        let connect_title = crate::i18n::t_with("connect-title", &[("name", title.into())]);
        let connect_label = connect_title.clone();
        let empty = targets.is_empty();
        let items = targets
            .into_iter()
            .map(|(id, label, kind)| {
                view! {
                    <li>
                        <button
                            type="button"
                            data-testid="connect-target"
                            data-node-id=id.0
                            on:click=move |_| {
                                ctx.editor.update(|ed| {
                                    ed.choose_target(id);
                                });
                            }
                        >
                            <span class="target-label">{label}</span>
                            <span class="target-kind">{kind}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        request_animation_frame(move || {
            if let Some(first) = document()
                .query_selector("[data-testid=connect-menu] button")
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = first.focus();
            }
        });
        Some(view! {
            <div
                class="connect-menu"
                data-testid="connect-menu"
                role="dialog"
                aria-label=connect_label
                style:left=format!("{}px", place.x.max(4.0))
                style:top=format!("{}px", place.y + 4.0)
                on:pointerdown=|e: ev::PointerEvent| e.stop_propagation()
                on:keydown=arrow_focus
            >
                <p class="connect-title">{connect_title}</p>
                <ul>{items}</ul>
                {empty.then(|| view! { <p class="hint">{crate::tr!("connect-none")}</p> })}
                <button
                    type="button"
                    class="small"
                    data-testid="connect-cancel"
                    on:click=move |_| {
                        ctx.editor.update(|ed| {
                            ed.key(scalelab_editor::Key::Escape);
                        });
                    }
                >
                    {crate::tr!("connect-cancel")}
                </button>
            </div>
        })
    }
}
