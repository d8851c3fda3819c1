//! The issues list: every validation problem of the document, errors first, each naming its node. Highlighted
//! when Run was refused. Clicking an issue selects its node.

use crate::ctx::Ctx;
use leptos::prelude::*;

/// The issues panel (`data-testid="issues"`).
#[component]
pub fn IssuesPanel() -> impl IntoView {
    let ctx = Ctx::expect();
    let items = move || {
        let mut list = ctx.issues.get();
        list.sort_by_key(|i| !i.is_error());
        ctx.doc.with(|doc| {
            list.into_iter()
                .map(|i| {
                    let who = i.node.and_then(|id| doc.node(id)).map(|n| n.label.clone());
                    (i.node, who, i.to_string(), i.is_error())
                })
                .collect::<Vec<_>>()
        })
    };
    let count = move || {
        ctx.issues
            .with(|l| l.iter().filter(|i| i.is_error()).count())
    };
    view! {
        <section class="issues" class:refused=move || ctx.run_refused.get() aria-label="Issues">
            <h2>
                "Issues "
                <span class="count">{move || {
                    let n = count();
                    if n == 0 { "none blocking".to_string() } else { format!("{n} to fix before running") }
                }}</span>
            </h2>
            <ul data-testid="issues">
                {move || {
                    items()
                        .into_iter()
                        .map(|(node, who, msg, error)| {
                            view! {
                                <li class:error=error class:warning=!error data-testid="issue">
                                    <button
                                        type="button"
                                        class="link"
                                        disabled=node.is_none()
                                        on:click=move |_| {
                                            if let Some(id) = node {
                                                ctx.editor.update(|e| e.select(&[id]));
                                            }
                                        }
                                    >
                                        {if error { "✖ " } else { "⚠ " }}
                                        {who.map(|w| format!("{w}: "))}
                                        {msg}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
