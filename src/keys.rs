//! Keyboard shortcuts: turns key presses on the page into the commands of the keymap
//! ([`scalelab_shell::keymap`], which the shortcut sheet is written from) and carries them out, never while the
//! user types in a field. Enter on a focused node moves focus into the inspector; Space (pan while held) is
//! followed by the canvas itself.
//!
//! Tab on the canvas follows the editor's walk ([`scalelab_editor::Editor::item_after`]): the nodes, which are in
//! the page's own Tab order, then the edges, which are not (their hit strokes come before the nodes in the page),
//! so Tab from the last node, between edges and out of the last edge is steered here. Removing an edge moves focus to its
//! sender, never to the page's body.

use crate::ctx::Ctx;
use leptos::ev;
use leptos::prelude::*;
use scalelab_editor::{Item, Key};
use scalelab_shell::actions;
use scalelab_shell::keymap::{self, Command, KeyPress};
use sim_core::NodeId;
use wasm_bindgen::JsCast;

/// Whether the key event comes from a text field, select or editable element (shortcuts must not fire).
pub fn typing_in_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}

/// The keymap's command for a DOM keyboard event.
pub fn command_of(e: &web_sys::KeyboardEvent) -> Option<Command> {
    let (key, code) = (e.key(), e.code());
    keymap::command(&KeyPress {
        key: &key,
        code: &code,
        ctrl: e.ctrl_key(),
        meta: e.meta_key(),
        shift: e.shift_key(),
        alt: e.alt_key(),
    })
}

/// R: runs, or pauses the run.
fn run_or_pause(ctx: Ctx) {
    if ctx.run.get_untracked() == crate::ctx::RunState::Running {
        crate::sim_driver::pause(ctx);
    } else {
        crate::sim_driver::run(ctx);
    }
}

/// K: kills the selected node, or restores it when it is down (starting the run if needed, like the Kill
/// button). `false` when no single node is selected (then the key does nothing).
fn kill_or_restore(ctx: Ctx) -> bool {
    let Some(id) = ctx.selection.with_untracked(|s| match s.as_slice() {
        [one] => Some(*one),
        _ => None,
    }) else {
        return false;
    };
    let state = ctx.frame.with_untracked(|f| {
        f.as_ref()
            .and_then(|f| f.node(id))
            .map(actions::NodeState::of)
    });
    if let Err(why) = crate::actions::perform(ctx, id, actions::kill_or_restore(state)) {
        ctx.notice.set(Some(why));
    }
    true
}

/// Whether the page has selected text (then Ctrl+C and Ctrl+X copy that text, not the diagram). Read through
/// `Reflect` because web-sys's `Selection` type is not among the app's enabled features.
fn text_selected() -> bool {
    let win = window();
    js_sys::Reflect::get(&win, &"getSelection".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&win).ok())
        .and_then(|sel| js_sys::Reflect::get(&sel, &"isCollapsed".into()).ok())
        .is_some_and(|collapsed| collapsed.as_bool() == Some(false))
}

/// Whether the focused element is a node on the canvas.
fn focus_on_node() -> bool {
    document()
        .active_element()
        .is_some_and(|el| el.get_attribute("data-testid").as_deref() == Some("node"))
}

/// The canvas item (node or edge) that has keyboard focus.
fn focused_item() -> Option<Item> {
    let el = document().active_element()?;
    let num = |name: &str| {
        el.get_attribute(name)
            .and_then(|v| v.parse().ok())
            .map(NodeId)
    };
    match el.get_attribute("data-testid").as_deref() {
        Some("node") => Some(Item::Node(num("data-node-id")?)),
        Some("edge-hit") => Some(Item::Edge(num("data-from")?, num("data-to")?)),
        _ => None,
    }
}

/// The element drawing `item`: a node's button or an edge's hit stroke.
fn item_element(item: Item) -> Option<web_sys::Element> {
    let selector = match item {
        Item::Node(id) => format!("[data-testid=node][data-node-id=\"{}\"]", id.0),
        Item::Edge(a, b) => format!(
            "[data-testid=edge-hit][data-from=\"{}\"][data-to=\"{}\"]",
            a.0, b.0
        ),
    };
    document().query_selector(&selector).ok().flatten()
}

/// Gives keyboard focus to `item`'s element (an edge's is an SVG path, which has `focus()` like any element).
pub fn focus_item(item: Item) {
    if let Some(el) = item_element(item) {
        let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}

/// Tab out of the canvas forwards, from an edge: focus goes to the first control after the last node, where Tab
/// from the last node would have gone.
fn focus_after_nodes() {
    const TABBABLE: &str = "button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), \
                            textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";
    let doc = document();
    let Ok(nodes) = doc.query_selector_all("[data-testid=node]") else {
        return;
    };
    let Some(last) = nodes.length().checked_sub(1).and_then(|i| nodes.get(i)) else {
        return;
    };
    let Ok(all) = doc.query_selector_all(TABBABLE) else {
        return;
    };
    let after = (0..all.length()).filter_map(|i| all.get(i)).find(|el| {
        let pos = last.compare_document_position(el);
        let shown = el.dyn_ref::<web_sys::Element>().is_some_and(|el| {
            let r = el.get_bounding_client_rect();
            r.width() > 0.0 && r.height() > 0.0
        });
        pos & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
            && pos & web_sys::Node::DOCUMENT_POSITION_CONTAINED_BY == 0
            && shown
    });
    if let Some(el) = after.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Tab or Shift+Tab while `current` has focus: steps the editor's walk where the page's own order differs from
/// it, and leaves the rest (node to node, out of the first or last node) to the browser.
fn tab(ctx: Ctx, e: &web_sys::KeyboardEvent, current: Item) {
    let forward = !e.shift_key();
    let next = ctx
        .editor
        .with_untracked(|ed| ed.item_after(current, forward));
    match (current, next) {
        (_, Some(next @ Item::Edge(..))) | (Item::Edge(..), Some(next @ Item::Node(_))) => {
            e.prevent_default();
            ctx.editor.update(|ed| ed.select_item(next));
            focus_item(next);
        }
        (Item::Edge(..), None) => {
            e.prevent_default();
            focus_after_nodes();
        }
        _ => {}
    }
}

/// Moves focus to the inspector's first field (after it has rendered the selected node).
pub fn focus_inspector() {
    request_animation_frame(|| {
        let field = document()
            .query_selector(
                "[data-testid=inspector] input, [data-testid=inspector] select, [data-testid=inspector] textarea",
            )
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
        }
    });
}

/// Installs the window key listener for the lifetime of the calling component.
pub fn install(ctx: Ctx) {
    let keys = window_event_listener(ev::keydown, move |e| {
        if typing_in_field(&e) {
            return;
        }
        // A dialog (share, chapter) has the keyboard: Delete or Ctrl+Z there must not edit the diagram behind it.
        if ctx.share_open.get_untracked() || ctx.chapter_open.get_untracked() {
            return;
        }
        let Some(command) = command_of(&e) else {
            return;
        };
        let k = match command {
            Command::Walk => {
                if let Some(current) = focused_item() {
                    tab(ctx, &e, current);
                }
                return;
            }
            Command::Inspect => {
                if focus_on_node() {
                    e.prevent_default();
                    focus_inspector();
                }
                return;
            }
            Command::RunPause => {
                e.prevent_default();
                run_or_pause(ctx);
                return;
            }
            Command::KillOrRestore => {
                if kill_or_restore(ctx) {
                    e.prevent_default();
                }
                return;
            }
            // The node's own listener opens its menu; the sheet has its own listener.
            Command::NodeMenu | Command::Sheet => return,
            Command::Editor(k) => k,
        };
        if matches!(k, Key::Copy | Key::Cut) && text_selected() {
            return;
        }
        let (has_selection, edge) = ctx.editor.with_untracked(|ed| {
            (
                !ed.selection().is_empty() || ed.selected_edge().is_some(),
                ed.selected_edge(),
            )
        });
        if !keymap::keeps_default(k, has_selection) {
            e.prevent_default();
        }
        let edits = ctx.editor.try_update(|ed| ed.key(k)).unwrap_or_default();
        if let (Some((from, _)), false) = (edge, edits.is_empty())
            && k == Key::Delete
        {
            // The edge's hit stroke, which may have had focus, is going: keep the keyboard on its sender.
            focus_item(Item::Node(from));
        }
    });
    on_cleanup(move || keys.remove());
}
