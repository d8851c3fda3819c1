//! The shortcut sheet: every keyboard shortcut and pointer or touch gesture, written from the keymap
//! ([`scalelab_shell::keymap::SECTIONS`], the same table the keys are handled with), in a dialog opened with `?`
//! (or the canvas's `?` button) and closed with Escape, the close button or a click outside. Its open state is
//! one app-wide signal, so the canvas button and the key both reach it without a context.

use crate::i18n::core_text;
use crate::keys::typing_in_field;
use leptos::ev;
use leptos::prelude::*;
use scalelab_shell::keymap::{self, Command};
use scalelab_shell::messages::{sheet_row_id, sheet_section_id};
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
            if crate::keys::command_of(&e) == Some(Command::Sheet) {
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
                        <h2 id="cheatsheet-title">{crate::tr!("cheatsheet-title")}</h2>
                        <button
                            type="button"
                            class="small"
                            data-testid="cheatsheet-close"
                            on:click=move |_| open().set(false)
                        >
                            {crate::tr!("cheatsheet-close")}
                        </button>
                    </div>
                    <div class="cheatsheet-grid">
                        {keymap::SECTIONS
                            .iter()
                            .map(|(id, title, rows)| {
                                view! {
                                    <div class="cheatsheet-section">
                                        <h3>{move || core_text(&sheet_section_id(id), None, title)}</h3>
                                        <dl>
                                            {rows
                                                .iter()
                                                .map(|row| {
                                                    let msg = sheet_row_id(row.id);
                                                    let keys = {
                                                        let msg = msg.clone();
                                                        move || {
                                                            let english = row.keys();
                                                            if row.keys_in_words() {
                                                                core_text(&msg, Some("keys"), &english)
                                                            } else {
                                                                english
                                                            }
                                                        }
                                                    };
                                                    let what = move || core_text(&msg, None, row.what);
                                                    view! { <dt><kbd>{keys}</kbd></dt><dd>{what}</dd> }
                                                })
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
