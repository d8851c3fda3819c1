//! Keyboard shortcuts: maps key presses on the page to editor commands, never while the user types in a field.
//! Enter on a focused node moves focus into the inspector. The shortcut sheet (`?`, [`crate::cheatsheet`]) lists
//! them all; Space (pan while held) is followed by the canvas itself.

use crate::ctx::Ctx;
use leptos::ev;
use leptos::prelude::*;
use scalelab_editor::Key;
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

/// The editor command of a key press, if it has one. Digits are read from `code` so Shift+1 and Shift+0 work
/// whatever the keyboard layout prints on those keys.
fn shortcut(e: &web_sys::KeyboardEvent) -> Option<Key> {
    let cmd = e.ctrl_key() || e.meta_key();
    let shift = e.shift_key();
    let nudge = |dx, dy| Some(Key::Nudge { dx, dy, big: shift });
    match (e.code().as_str(), shift, cmd) {
        ("Digit1", true, false) => return Some(Key::ZoomFit),
        ("Digit0", true, false) | ("Digit0" | "Numpad0", false, true) => {
            return Some(Key::ZoomReset);
        }
        _ => {}
    }
    match e.key().as_str() {
        "Escape" => Some(Key::Escape),
        "Delete" | "Backspace" if !cmd => Some(Key::Delete),
        "z" | "Z" if cmd && shift => Some(Key::Redo),
        "z" | "Z" if cmd => Some(Key::Undo),
        "y" | "Y" if cmd => Some(Key::Redo),
        "a" | "A" if cmd => Some(Key::SelectAll),
        "c" | "C" if cmd => Some(Key::Copy),
        "x" | "X" if cmd => Some(Key::Cut),
        "v" | "V" if cmd => Some(Key::Paste),
        "d" | "D" if cmd => Some(Key::Duplicate),
        "c" | "C" if !e.alt_key() => Some(Key::ConnectMenu),
        "+" | "=" => Some(Key::ZoomIn),
        "-" | "_" => Some(Key::ZoomOut),
        "ArrowLeft" if !cmd => nudge(-1, 0),
        "ArrowRight" if !cmd => nudge(1, 0),
        "ArrowUp" if !cmd => nudge(0, -1),
        "ArrowDown" if !cmd => nudge(0, 1),
        _ => None,
    }
}

/// Whether the browser's own meaning of the key should be kept (text copy, scrolling with nothing selected).
fn keep_default(key: Key, has_selection: bool) -> bool {
    match key {
        Key::Copy | Key::Cut => !has_selection,
        Key::Nudge { .. } | Key::Delete => !has_selection,
        _ => false,
    }
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
        if typing_in_field(&e) || e.alt_key() && e.key() != "Escape" {
            return;
        }
        // A dialog (share, chapter) has the keyboard: Delete or Ctrl+Z there must not edit the diagram behind it.
        if ctx.share_open.get_untracked() || ctx.chapter_open.get_untracked() {
            return;
        }
        if e.key() == "Enter" && !e.ctrl_key() && !e.meta_key() && focus_on_node() {
            e.prevent_default();
            focus_inspector();
            return;
        }
        let Some(k) = shortcut(&e) else { return };
        if matches!(k, Key::Copy | Key::Cut) && text_selected() {
            return;
        }
        let has_selection = ctx.editor.with_untracked(|ed| !ed.selection().is_empty());
        if !keep_default(k, has_selection) {
            e.prevent_default();
        }
        ctx.editor.update(|ed| {
            ed.key(k);
        });
    });
    on_cleanup(move || keys.remove());
}
