//! The shell: top bar, palette · canvas · inspector, metrics and event log. Provides the [`Ctx`] context, maps
//! keyboard shortcuts to editor commands (never while the user types in a field), and resets a run when the
//! diagram changes in a way that alters it, saying so.

use crate::canvas::Canvas;
use crate::charts::MetricsPanel;
use crate::controls::TopBar;
use crate::ctx::{Ctx, RunState};
use crate::event_log::EventLog;
use crate::inspector::{Inspector, IssuesPanel};
use crate::palette::Palette;
use crate::sim_driver;
use leptos::ev;
use leptos::prelude::*;
use scalelab_editor::Key;
use wasm_bindgen::JsCast;

fn typing_in_field(e: &web_sys::KeyboardEvent) -> bool {
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

/// The whole app, using `ctx` as its state.
#[component]
pub fn App(ctx: Ctx) -> impl IntoView {
    provide_context(ctx);

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

    // A run belongs to the diagram it started from: when the diagram changes how a run behaves, start over.
    Effect::new(move |prev: Option<u64>| {
        let rev = ctx.editor.with(scalelab_editor::Editor::run_revision);
        if prev.is_some_and(|p| p != rev) && ctx.run.get_untracked() != RunState::Idle {
            sim_driver::stop(ctx);
            ctx.notice.set(Some(
                "You changed the diagram, so the run was reset. Press Run to start again.".into(),
            ));
        }
        ctx.run_refused.set(false);
        rev
    });

    let message = move || {
        ctx.notice
            .get()
            .or_else(|| ctx.editor.with(|e| e.notice().map(str::to_owned)))
    };
    view! {
        <div class="app" data-testid="app">
            <TopBar />
            <Palette />
            <main class="center">
                <Canvas />
                {move || {
                    message()
                        .map(|m| {
                            view! {
                                <div class="notice" role="status" data-testid="notice">
                                    <span>{m}</span>
                                    <button type="button" class="small" aria-label="Dismiss" on:click=move |_| ctx.notice.set(None)>
                                        "×"
                                    </button>
                                </div>
                            }
                        })
                }}
            </main>
            <aside class="side">
                <Inspector />
                <IssuesPanel />
            </aside>
            <footer class="bottom">
                <MetricsPanel />
                <EventLog />
            </footer>
        </div>
    }
}
