//! Keyboard shortcuts: maps key presses on the page to editor commands, never while the user types in a field.

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

fn shortcut(e: &web_sys::KeyboardEvent) -> Option<Key> {
    let cmd = e.ctrl_key() || e.meta_key();
    match e.key().as_str() {
        "Escape" => Some(Key::Escape),
        "Delete" | "Backspace" if !cmd => Some(Key::Delete),
        "z" | "Z" if cmd && e.shift_key() => Some(Key::Redo),
        "z" | "Z" if cmd => Some(Key::Undo),
        "y" | "Y" if cmd => Some(Key::Redo),
        _ => None,
    }
}

/// Installs the window key listener for the lifetime of the calling component.
pub fn install(ctx: Ctx) {
    let keys = window_event_listener(ev::keydown, move |e| {
        if typing_in_field(&e) {
            return;
        }
        if let Some(k) = shortcut(&e) {
            e.prevent_default();
            ctx.editor.update(|ed| {
                ed.key(k);
            });
        }
    });
    on_cleanup(move || keys.remove());
}
