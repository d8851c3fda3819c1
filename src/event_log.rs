//! The event log: faults, detections and recoveries of the run, oldest at the top and newest at the bottom, each
//! with its sim time. Keeps itself scrolled to the newest entry.

use crate::ctx::Ctx;
use crate::format;
use leptos::html::Ol;
use leptos::prelude::*;

/// The log list (`data-testid="event-log"`).
#[component]
pub fn EventLog() -> impl IntoView {
    let ctx = Ctx::expect();
    let entries = Memo::new(move |_| {
        ctx.frame.with(|f| {
            f.as_ref().map_or_else(Vec::new, |f| {
                f.log
                    .iter()
                    .map(|l| (format::sim_time(l.at), l.message.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let list = NodeRef::<Ol>::new();
    Effect::new(move |_| {
        entries.track();
        if let Some(el) = list.get() {
            el.set_scroll_top(el.scroll_height());
        }
    });
    view! {
        <section class="log" aria-label="Event log">
            <h2>"Event log"</h2>
            <ol data-testid="event-log" node_ref=list aria-live="polite">
                {move || {
                    let e = entries.get();
                    if e.is_empty() {
                        return view! { <li class="hint">"Kills, detections and recoveries appear here during a run."</li> }.into_any();
                    }
                    e.into_iter()
                        .map(|(t, m)| view! { <li data-testid="log-entry"><time>{t}</time>" "{m}</li> })
                        .collect_view()
                        .into_any()
                }}
            </ol>
        </section>
    }
}
