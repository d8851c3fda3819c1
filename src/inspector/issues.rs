//! The issues list: every validation problem of the document, errors first, each naming its node. Highlighted
//! when Run was refused. Clicking an issue selects its node.

use crate::ctx::Ctx;
use crate::i18n::{issue_text, t, t_with};
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
                    let node = i.node.and_then(|id| doc.node(id));
                    let msg = issue_text(node.map(sim_core::model::Node::kind), &i);
                    let text = match node {
                        Some(n) => t_with(
                            "issues-on-node",
                            &[("node", n.label.clone().into()), ("issue", msg.into())],
                        ),
                        None => msg,
                    };
                    (i.node, text, i.is_error())
                })
                .collect::<Vec<_>>()
        })
    };
    let count = move || {
        ctx.issues
            .with(|l| l.iter().filter(|i| i.is_error()).count())
    };
    view! {
        <section class="issues" class:refused=move || ctx.run_refused.get() aria-label=crate::tr!("issues")>
            <h2>
                {crate::tr!("issues")}
                " "
                <span class="count">{move || {
                    let n = count();
                    if n == 0 { t("issues-none-blocking") } else { t_with("issues-to-fix", &[("count", n.into())]) }
                }}</span>
            </h2>
            <ul data-testid="issues">
                {move || {
                    items()
                        .into_iter()
                        .map(|(node, text, error)| {
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
                                        {text}
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
