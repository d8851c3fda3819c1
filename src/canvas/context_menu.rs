//! A node's context menu: right click, a long press (touch) or the menu key (Shift+F10, or the ContextMenu key) on
//! a node opens a menu at that spot with what can be done to it — break or repair it (Kill, Restore, the tier's
//! own faults, in every mode including lesson mode) and, where the diagram can be edited, Connect to…, Duplicate
//! and Delete. Escape, a press outside or a choice closes it, and focus returns to the node.

use super::connect_menu::{arrow_focus, focus_node};
use super::pointer::CanvasUi;
use crate::ctx::Ctx;
use leptos::ev;
use leptos::prelude::*;
use scalelab_editor::Key;
use scalelab_shell::actions::{self, NodeAction};
use sim_core::NodeId;
use wasm_bindgen::JsCast;

/// Where the menu is open: the node and the spot, canvas px from its top-left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MenuAt {
    /// The node the menu acts on.
    pub node: NodeId,
    /// Canvas x, px.
    pub x: f64,
    /// Canvas y, px.
    pub y: f64,
}

/// The open menu, provided by the canvas to its nodes.
#[derive(Clone, Copy)]
pub struct ContextMenuState(pub RwSignal<Option<MenuAt>>);

impl ContextMenuState {
    /// Opens the menu for `node` at client coordinates (`x`, `y`), selecting the node.
    pub fn open_at_client(self, ctx: Ctx, ui: CanvasUi, node: NodeId, x: f64, y: f64) {
        let Some(el) = ui.el.get_untracked() else {
            return;
        };
        let r = el.get_bounding_client_rect();
        if !ctx.editor.with_untracked(|e| e.selection() == [node]) {
            ctx.editor.update(|e| e.select(&[node]));
        }
        self.0.set(Some(MenuAt {
            node,
            x: x - r.left(),
            y: y - r.top(),
        }));
    }
}

/// What the menu hangs on: its node, the camera and the node's position.
type Anchor = (
    Option<NodeId>,
    scalelab_editor::Viewport,
    Option<(f64, f64)>,
);

/// The menu, drawn over the canvas while open.
#[component]
pub fn ContextMenu(ui: CanvasUi) -> impl IntoView {
    let ctx = Ctx::expect();
    let state = expect_context::<ContextMenuState>();
    let open = state.0;
    let close = move |refocus: bool| {
        if let Some(at) = open.get_untracked() {
            open.set(None);
            if refocus {
                focus_node(ui, at.node);
            }
        }
    };
    // A pan, a zoom or a move of the node closes the menu (it would float away from it); so does the node going
    // away. (A right press starts a pan in the editor, so the mode alone cannot tell.)
    let anchor = crate::probe::memo(move |_| {
        // Closed, it follows nothing: a pan then costs this memo nothing.
        let Some(node) = open.with(|m| m.map(|m| m.node)) else {
            return (None, scalelab_editor::Viewport::default(), None);
        };
        (
            Some(node),
            ctx.camera.get(),
            ctx.position_now(node).map(|p| (p.x, p.y)),
        )
    });
    Effect::new(move |prev: Option<Anchor>| {
        let now = anchor.get();
        if let Some(p) = prev
            && p.0 == now.0
            && now.0.is_some()
            && (p.1 != now.1 || p.2 != now.2)
        {
            open.set(None);
        }
        if now.0.is_some() && now.2.is_none() {
            open.set(None);
        }
        now
    });
    let editable = move || {
        !ctx.editor
            .with_untracked(scalelab_editor::Editor::read_only)
    };
    let edit_key = move |k: Key| {
        close(k != Key::Delete);
        ctx.editor.update(|ed| {
            ed.key(k);
        });
    };
    move || {
        let at = open.get()?;
        let (label, kind) = ctx
            .doc
            .with_untracked(|d| d.node(at.node).map(|n| (n.label.clone(), n.kind())))?;
        let screen = ctx.editor.with_untracked(|e| e.screen);
        let state = move || {
            ctx.frame.with(|f| {
                f.as_ref()
                    .and_then(|f| f.node(at.node))
                    .map(actions::NodeState::of)
            })
        };
        let error = RwSignal::new(None::<String>);
        let items = actions::for_kind(kind)
            .into_iter()
            .map(|act: NodeAction| {
                view! {
                    <button
                        type="button"
                        role="menuitem"
                        data-testid=format!("menu-{}", act.testid)
                        hidden=move || !actions::shown(act.action, state(), false)
                        disabled=move || !actions::enabled(act.action, state())
                        title=move || crate::i18n::action_text(kind, act.action).1
                        on:click=move |_| match crate::actions::perform(ctx, at.node, act.action) {
                            Ok(()) => close(true),
                            Err(e) => error.set(Some(e)),
                        }
                    >
                        {move || crate::i18n::action_text(kind, act.action).0}
                    </button>
                }
            })
            .collect_view();
        request_animation_frame(|| {
            // A tall menu (a web server's actions with touch-sized buttons on a phone) is lifted until it fits
            // the canvas, and scrolls if the canvas is shorter still.
            if let Some(menu) = document()
                .query_selector("[data-testid=context-menu]")
                .ok()
                .flatten()
                .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
                && let Some(parent) = menu.offset_parent()
            {
                let room = f64::from(parent.client_height());
                let height = f64::from(menu.offset_height());
                let top = f64::from(menu.offset_top());
                if top + height > room - 4.0 {
                    let _ = menu
                        .style()
                        .set_property("top", &format!("{}px", (room - height - 4.0).max(4.0)));
                }
            }
            if let Some(first) = document()
                .query_selector("[data-testid=context-menu] button:not(:disabled):not([hidden])")
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = first.focus();
            }
        });
        let aria = crate::i18n::t_with("at-hand-label", &[("name", label.clone().into())]);
        // Keep the menu inside the canvas (about 210 × 330 px at most).
        let left = at.x.min(screen.x - 214.0).max(4.0);
        let top = at.y.min(screen.y - 200.0).max(4.0);
        Some(view! {
            <div
                class="menu-backdrop"
                on:pointerdown=move |e: ev::PointerEvent| {
                    e.stop_propagation();
                    close(false);
                }
                on:contextmenu=move |e: ev::MouseEvent| {
                    e.prevent_default();
                    close(false);
                }
            ></div>
            <div
                class="context-menu"
                role="menu"
                data-testid="context-menu"
                aria-label=aria
                style:left=format!("{left}px")
                style:top=format!("{top}px")
                on:pointerdown=|e: ev::PointerEvent| e.stop_propagation()
                on:contextmenu=|e: ev::MouseEvent| e.prevent_default()
                on:keydown=move |e: ev::KeyboardEvent| {
                    if e.key() == "Escape" {
                        e.prevent_default();
                        e.stop_propagation();
                        close(true);
                    } else {
                        arrow_focus(e);
                    }
                }
            >
                <p class="menu-title">{label}</p>
                {items}
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <Show when=editable>
                    <hr />
                    <button type="button" role="menuitem" data-testid="menu-connect" on:click=move |_| edit_key(Key::ConnectMenu)>
                        {crate::tr!("menu-connect")}
                    </button>
                    <button type="button" role="menuitem" data-testid="menu-duplicate" on:click=move |_| edit_key(Key::Duplicate)>
                        {crate::tr!("duplicate")}
                    </button>
                    <button type="button" role="menuitem" class="danger" data-testid="menu-delete" on:click=move |_| edit_key(Key::Delete)>
                        {crate::tr!("delete")}
                    </button>
                </Show>
            </div>
        })
    }
}
