//! A modal dialog: backdrop, a titled box that takes focus when it opens, a close button, Escape and a click on
//! the backdrop to close. Shown while `open` is set.

use leptos::ev;
use leptos::prelude::*;

/// The dialog. `id` names the title element (`<id>-title`) for `aria-labelledby`; `testid` is the dialog's
/// `data-testid`, and its close button's is `<testid>-close`; `class` is added to the box. `title_key` is the title's message id
/// of the catalogs (`locales/`).
#[component]
pub fn Modal(
    open: RwSignal<bool>,
    title_key: &'static str,
    id: &'static str,
    testid: &'static str,
    class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Div>::new();
    // Keyboard and screen-reader users land in the dialog when it opens.
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            let _ = el.focus();
        }
    });
    let keys = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || keys.remove());
    let title_id = format!("{id}-title");
    let close_testid = format!("{testid}-close");
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| open.set(false)></div>
            <div
                class=format!("modal {class}")
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id.clone()
                data-testid=testid
                tabindex="-1"
                node_ref=dialog
            >
                <div class="modal-head">
                    <h2 id=title_id.clone()>{move || crate::i18n::t(title_key)}</h2>
                    <button
                        type="button"
                        class="small"
                        aria-label=crate::tr!("close")
                        data-testid=close_testid.clone()
                        on:click=move |_| open.set(false)
                    >
                        "×"
                    </button>
                </div>
                {children()}
            </div>
        </Show>
    }
}
