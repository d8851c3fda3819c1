//! The right-hand panel: settings of the selected node (generic over the core's `numbers()`/`choices()`), its
//! connections, Kill/Restore during a run and Delete; with nothing selected, the scenario's own settings.
//! Every change goes through `dispatch`; a refused value shows the core's sentence next to its field.

mod fields;
mod issues;
mod scenario;

pub use issues::IssuesPanel;

use crate::ctx::{Ctx, RunState};
use crate::format;
use crate::sim_driver;
use fields::{ChoiceInput, LabelInput, NumberInput};
use leptos::prelude::*;
use sim_core::NodeId;
use sim_core::metrics::Health;
use sim_core::scenario::{Edit, FaultAction};

/// The inspector panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let ctx = Ctx::expect();
    let selected = Memo::new(move |_| ctx.selected_one());
    let count = move || ctx.editor.with(|e| e.selection().len());
    view! {
        <section class="inspector" data-testid="inspector" aria-label="Inspector">
            {move || match selected.get() {
                Some(id) => view! { <NodeInspector id=id /> }.into_any(),
                None if count() > 1 => view! { <MultiInspector /> }.into_any(),
                None => view! { <scenario::ScenarioInspector /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn MultiInspector() -> impl IntoView {
    let ctx = Ctx::expect();
    let delete = move |_| {
        let ids = ctx.editor.with_untracked(|e| e.selection().to_vec());
        let _ = ctx.dispatch(Edit::DeleteNodes(ids));
    };
    view! {
        <h2>{move || format!("{} nodes selected", ctx.editor.with(|e| e.selection().len()))}</h2>
        <button type="button" class="danger" data-testid="delete" on:click=delete>"Delete"</button>
    }
}

#[component]
fn NodeInspector(id: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let Some(node) = ctx.editor.with_untracked(|e| e.doc().node(id).cloned()) else {
        return ().into_any();
    };
    let kind = node.kind();
    let numbers = node
        .config
        .numbers()
        .into_iter()
        .map(|(spec, _)| view! { <NumberInput id=id spec=spec /> })
        .collect_view();
    let choices = node
        .config
        .choices()
        .into_iter()
        .map(|c| view! { <ChoiceInput id=id field=c /> })
        .collect_view();
    let live_health = move || {
        ctx.frame
            .with(|f| f.as_ref().and_then(|f| f.node(id)).map(|n| n.health))
    };
    let running = move || ctx.run.get() != RunState::Idle;
    let fault_error = RwSignal::new(None::<String>);
    let fault = move |action: FaultAction| {
        fault_error.set(sim_driver::inject(ctx, id, action).err());
    };
    let alive = move || !matches!(live_health(), Some(Health::Down | Health::DownUndetected));
    let connections = move || {
        ctx.editor.with(|e| {
            let doc = e.doc();
            doc.targets(id)
                .map(|to| {
                    (
                        to,
                        doc.node(to).map(|n| n.label.clone()).unwrap_or_default(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let stats = move || {
        ctx.frame.with(|f| {
            f.as_ref().and_then(|f| f.node(id)).map(|n| {
                view! {
                    <dl class="node-stats">
                        <dt>"Health"</dt>
                        <dd title=format::health_explanation(n.health)>{format::health_text(n.health)}</dd>
                        <dt>"Utilization"</dt>
                        <dd>{format!("{:.0}%", n.utilization * 100.0)}</dd>
                        <dt>"Queue"</dt>
                        <dd>{n.queue_len}</dd>
                        <dt>"Throughput"</dt>
                        <dd>{format!("{} req/s", format::compact(n.throughput_rps))}</dd>
                        <dt>"Completed / failed"</dt>
                        <dd>{format!("{} / {}", n.completed, n.failed)}</dd>
                    </dl>
                }
            })
        })
    };
    view! {
        <h2 class="inspector-title">
            <crate::canvas::glyph::Glyph kind=kind />
            {kind.title()}
        </h2>
        <p class="explain">{kind.explanation()}</p>
        <LabelInput id=id />
        {stats}
        <div class="fault-buttons">
            <button
                type="button"
                data-testid="kill"
                disabled=move || !running() || !alive()
                title="Stop this node now, as if its machine crashed"
                on:click=move |_| fault(FaultAction::Kill)
            >
                "Kill"
            </button>
            <button
                type="button"
                data-testid="restore"
                disabled=move || !running() || alive()
                title="Start this node again"
                on:click=move |_| fault(FaultAction::Restore)
            >
                "Restore"
            </button>
            <button
                type="button"
                class="danger"
                data-testid="delete"
                on:click=move |_| {
                    let _ = ctx.dispatch(Edit::DeleteNodes(vec![id]));
                }
            >
                "Delete"
            </button>
        </div>
        <Show when=move || !running()>
            <p class="hint">"Press Run, then Kill a node to see how the system copes."</p>
        </Show>
        {move || fault_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        <h3>"Settings"</h3>
        {numbers}
        {choices}
        <h3>"Sends requests to"</h3>
        <ul class="connections">
            {move || {
                let list = connections();
                if list.is_empty() {
                    return view! { <li class="hint">"Nothing yet: drag from the dot on the right of the node."</li> }.into_any();
                }
                list.into_iter()
                    .map(|(to, label)| {
                        view! {
                            <li>
                                <span>{label}</span>
                                <button
                                    type="button"
                                    class="small"
                                    title="Remove this connection"
                                    on:click=move |_| {
                                        let _ = ctx.dispatch(Edit::Disconnect { from: id, to });
                                    }
                                >
                                    "Remove"
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </ul>
    }
    .into_any()
}
