//! The event log: faults, detections and recoveries of the run, oldest at the top and newest at the bottom, each
//! with its sim time. Keeps itself scrolled to the newest entry. Each entry is a button: clicking it selects the
//! node it is about (the inspector opens on it and the canvas highlights it). Announcing entries to screen
//! readers is the outline's job (throttled), not this list's.

use crate::ctx::Ctx;
use leptos::html::Ol;
use leptos::prelude::*;
use sim_core::NodeId;

/// The log list (`data-testid="event-log"`).
#[component]
pub fn EventLog() -> impl IntoView {
    let ctx = Ctx::expect();
    let entries = crate::probe::memo(move |_| {
        ctx.log.with(|log| {
            log.iter()
                .map(|l| {
                    (
                        crate::i18n::sim_time(l.at),
                        crate::i18n::log_text(l),
                        l.node,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let list = NodeRef::<Ol>::new();
    Effect::new(move |_| {
        entries.track();
        if let Some(el) = list.get() {
            el.set_scroll_top(el.scroll_height());
        }
    });
    let select = move |id: NodeId| {
        let canvas = document()
            .query_selector("[data-testid=canvas]")
            .ok()
            .flatten()
            .map(|el| el.get_bounding_client_rect());
        ctx.editor.update(|e| {
            e.select(&[id]);
            // Jump: a node outside the visible canvas is brought to its middle.
            if let (Some(r), Some(n)) = (canvas, e.doc().node(id)) {
                let s = e.viewport.to_screen(scalelab_editor::geometry::center(n));
                if s.x < 0.0 || s.y < 0.0 || s.x > r.width() || s.y > r.height() {
                    e.viewport = e
                        .viewport
                        .panned(r.width() / 2.0 - s.x, r.height() / 2.0 - s.y);
                }
            }
        });
    };
    let selected = move |id: NodeId| ctx.is_selected(id);
    view! {
        <section class="log" aria-label=crate::tr!("event-log")>
            <h2>{crate::tr!("event-log")}</h2>
            <ol data-testid="event-log" node_ref=list>
                {move || {
                    let e = entries.get();
                    if e.is_empty() {
                        return view! { <li class="hint">{crate::tr!("event-log-empty")}</li> }.into_any();
                    }
                    e.into_iter()
                        .map(|(t, m, id)| {
                            view! {
                                <li data-testid="log-entry">
                                    <button
                                        type="button"
                                        class="log-button"
                                        class:selected=move || selected(id)
                                        data-node=id.0
                                        title=crate::tr!("event-log-select")
                                        on:click=move |_| select(id)
                                    >
                                        <time>{t}</time>
                                        " "
                                        {m}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ol>
        </section>
    }
}
