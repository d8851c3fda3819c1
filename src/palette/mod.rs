//! The component palette: one item per kind. Pressing an item starts a placement gesture in the editor (the
//! canvas's window listeners follow the pointer and drop it on release over the canvas); a click (press and
//! release on the item, or Enter) adds the node at a free spot. Tooltips carry each kind's explanation for beginners.

use crate::canvas::glyph::Glyph;
use crate::ctx::Ctx;
use leptos::ev;
use leptos::prelude::*;
use sim_core::ComponentKind;

/// The palette column.
#[component]
pub fn Palette() -> impl IntoView {
    let ctx = Ctx::expect();
    let items = ComponentKind::ALL.map(|kind| {
        let on_down = move |e: ev::PointerEvent| {
            if e.button() == 0 {
                e.prevent_default();
                ctx.editor.update(|ed| ed.begin_place(kind));
            }
        };
        view! {
            <li>
                <button
                    type="button"
                    class="palette-item"
                    data-testid=format!("palette-{}", kind.id())
                    title=move || crate::i18n::kind_explanation(kind)
                    aria-label=move || crate::i18n::t_with("palette-add", &[
                        ("kind", crate::i18n::kind_title(kind).into()),
                        ("explanation", crate::i18n::kind_explanation(kind).into()),
                    ])
                    on:pointerdown=on_down
                    on:click=move |_| ctx.editor.update(|ed| {
                        ed.add_at_default_spot(kind);
                    })
                >
                    <Glyph kind=kind />
                    <span>{move || crate::i18n::kind_title(kind)}</span>
                </button>
            </li>
        }
    });
    view! {
        <nav class="palette" aria-label=crate::tr!("palette-heading")>
            <h2>{crate::tr!("palette-heading")}</h2>
            <ul>{items.into_iter().collect_view()}</ul>
            <p class="hint">{crate::tr!("palette-hint")}</p>
        </nav>
    }
}
