//! What a learner can do *to* a node during a run, as one row of buttons shown wherever a node is at hand: the
//! selection bar, the node's context menu, the chapter panel and the inspector. The list, its words and when each
//! can be pressed are [`scalelab_shell::actions`]; pressing one starts the run first when none is going, like a
//! lesson's experiment, and the fault is recorded in the document so the run replays.

use crate::ctx::{Ctx, RunState};
use crate::sim_driver;
use leptos::prelude::*;
use scalelab_shell::actions::{NodeState, enabled, for_kind, shown};
use sim_core::NodeId;
use sim_core::scenario::FaultAction;

/// Performs `action` on `node` now, starting the run first if none is going (an experiment does the same).
///
/// # Errors
/// The sentence to show when the run cannot start (blocking issues) or the engine refuses the action.
pub fn perform(ctx: Ctx, node: NodeId, action: FaultAction) -> Result<(), String> {
    if matches!(ctx.run.get_untracked(), RunState::Idle | RunState::Finished) {
        sim_driver::run(ctx);
        if ctx.run.get_untracked() != RunState::Running {
            return Err(crate::i18n::t("action-blocked"));
        }
    }
    sim_driver::inject(ctx, node, action)
}

/// A row of buttons: every action of node `id`. `on_done` runs after an action was performed (a menu closes).
/// Slow down and Speed up are one toggle (whichever applies is shown); `compact` (the floating bar) also shows Kill
/// or Restore, whichever applies, instead of both.
#[component]
pub fn NodeActions(
    /// The node.
    id: NodeId,
    /// Called after a press that did something.
    #[prop(optional)]
    on_done: Option<Callback<()>>,
    /// One of Kill / Restore at a time.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let ctx = Ctx::expect();
    let Some(kind) = ctx
        .doc
        .with_untracked(|d| d.node(id).map(sim_core::model::Node::kind))
    else {
        return ().into_any();
    };
    let state = move || {
        ctx.frame
            .with(|f| f.as_ref().and_then(|f| f.node(id)).map(NodeState::of))
    };
    let error = RwSignal::new(None::<String>);
    let buttons = for_kind(kind)
        .into_iter()
        .map(|act| {
            let hidden = move || !shown(act.action, state(), compact);
            view! {
                <button
                    type="button"
                    class="action"
                    hidden=hidden
                    class:danger=act.action == FaultAction::Kill
                    data-testid=act.testid
                    disabled=move || !enabled(act.action, state())
                    title=move || crate::i18n::action_text(kind, act.action).1
                    on:click=move |_| {
                        let r = perform(ctx, id, act.action);
                        let ok = r.is_ok();
                        error.set(r.err());
                        if ok && let Some(cb) = on_done {
                            cb.run(());
                        }
                    }
                >
                    {move || crate::i18n::action_text(kind, act.action).0}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="node-actions" role="group" aria-label=crate::tr!("actions-group") data-testid="node-actions">
            {buttons}
        </div>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
    }
    .into_any()
}
