//! What a learner can do *to* a node during a run — kill it, bring it back, and its tier's own faults (flush a
//! cache, purge or deploy a CDN, add or remove a shard, take its data center down) — as one list and one row of
//! buttons, shown wherever a node is at hand: the selection bar, the node's context menu, the chapter panel and
//! the inspector. Pressing an action starts the run first when none is going, like a lesson's experiment, and the
//! fault is recorded in the document so the run replays.

use crate::ctx::{Ctx, RunState};
use crate::sim_driver;
use leptos::prelude::*;
use sim_core::metrics::Health;
use sim_core::scenario::FaultAction;
use sim_core::{ComponentKind, NodeId};

/// One action on a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeAction {
    /// The fault it injects.
    pub action: FaultAction,
    /// `data-testid` of its button.
    pub testid: &'static str,
    /// Button text.
    pub label: &'static str,
    /// Tooltip: what it does.
    pub title: &'static str,
}

const fn a(
    action: FaultAction,
    testid: &'static str,
    label: &'static str,
    title: &'static str,
) -> NodeAction {
    NodeAction {
        action,
        testid,
        label,
        title,
    }
}

/// Every action that makes sense for a node of `kind`: Kill and Restore first, then the tier's own, then the
/// data-center outage for nodes that run in one (users, DNS and CDNs are global).
#[must_use]
pub fn for_kind(kind: ComponentKind) -> Vec<NodeAction> {
    let mut out = vec![
        a(
            FaultAction::Kill,
            "kill",
            "Kill",
            "Stop this node now, as if its machine crashed",
        ),
        a(
            FaultAction::Restore,
            "restore",
            "Restore",
            "Start this node again",
        ),
    ];
    match kind {
        ComponentKind::Cache => out.push(a(
            FaultAction::Flush,
            "flush",
            "Flush",
            "Drop every cached entry: the next reads all miss",
        )),
        ComponentKind::Cdn => {
            out.push(a(
                FaultAction::Flush,
                "flush",
                "Purge",
                "Purge every edge: each file is fetched from the origin again",
            ));
            out.push(a(
                FaultAction::Deploy,
                "deploy",
                "Deploy new files",
                "Release new versions of the static files at the origin",
            ));
        }
        ComponentKind::ShardRouter => {
            out.push(a(
                FaultAction::AddShard,
                "add-shard",
                "Add shard",
                "Start using the next connected database; moved keys are copied",
            ));
            out.push(a(
                FaultAction::RemoveShard,
                "remove-shard",
                "Remove shard",
                "Stop using the last shard; its keys move to the others",
            ));
        }
        ComponentKind::Client
        | ComponentKind::Dns
        | ComponentKind::LoadBalancer
        | ComponentKind::WebServer
        | ComponentKind::SessionStore
        | ComponentKind::Database
        | ComponentKind::Replica
        | ComponentKind::MessageQueue
        | ComponentKind::Workers => {}
    }
    match kind {
        ComponentKind::Client | ComponentKind::Dns | ComponentKind::Cdn => {}
        ComponentKind::LoadBalancer
        | ComponentKind::WebServer
        | ComponentKind::SessionStore
        | ComponentKind::Cache
        | ComponentKind::Database
        | ComponentKind::Replica
        | ComponentKind::ShardRouter
        | ComponentKind::MessageQueue
        | ComponentKind::Workers => {
            out.push(a(
                FaultAction::RegionOutage,
                "region-outage",
                "Data center outage",
                "Take down every server in this node's data center",
            ));
            out.push(a(
                FaultAction::RegionRestore,
                "region-restore",
                "Data center back",
                "Bring this data center back",
            ));
        }
    }
    out
}

/// Performs `action` on `node` now, starting the run first if none is going (an experiment does the same).
///
/// # Errors
/// The sentence to show when the run cannot start (blocking issues) or the engine refuses the action.
pub fn perform(ctx: Ctx, node: NodeId, action: FaultAction) -> Result<(), String> {
    if matches!(ctx.run.get_untracked(), RunState::Idle | RunState::Finished) {
        sim_driver::run(ctx);
        if ctx.run.get_untracked() != RunState::Running {
            return Err("Fix the problems listed under Issues, then try again.".into());
        }
    }
    sim_driver::inject(ctx, node, action)
}

/// Whether `action` can be pressed now for a node in `health` (`None` before a run): Kill needs a running node,
/// Restore a dead one; the rest need no particular state.
#[must_use]
pub fn enabled(action: FaultAction, health: Option<Health>) -> bool {
    let down = matches!(health, Some(Health::Down | Health::DownUndetected));
    match action {
        FaultAction::Kill => !down,
        FaultAction::Restore => down,
        _ => true,
    }
}

/// A row of buttons: every action of node `id`. `on_done` runs after an action was performed (a menu closes).
/// `compact` (the floating bar) shows Kill or Restore, whichever applies, instead of both.
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
    let health = move || {
        ctx.frame
            .with(|f| f.as_ref().and_then(|f| f.node(id)).map(|n| n.health))
    };
    let error = RwSignal::new(None::<String>);
    let buttons = for_kind(kind)
        .into_iter()
        .map(|act| {
            let toggled = compact && matches!(act.action, FaultAction::Kill | FaultAction::Restore);
            let hidden = move || toggled && !enabled(act.action, health());
            view! {
                <button
                    type="button"
                    class="action"
                    hidden=hidden
                    class:danger=act.action == FaultAction::Kill
                    data-testid=act.testid
                    disabled=move || !enabled(act.action, health())
                    title=act.title
                    on:click=move |_| {
                        let r = perform(ctx, id, act.action);
                        let ok = r.is_ok();
                        error.set(r.err());
                        if ok && let Some(cb) = on_done {
                            cb.run(());
                        }
                    }
                >
                    {act.label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="node-actions" role="group" aria-label="Break or repair this node" data-testid="node-actions">
            {buttons}
        </div>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
    }
    .into_any()
}

// Unit tests of the app crate run under wasm-bindgen-test (in Node), as plain `#[test]`s are not run there.
#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn every_kind_can_be_killed_and_tiers_have_their_own_faults() {
        for kind in ComponentKind::ALL {
            let acts = for_kind(kind);
            assert_eq!(acts[0].action, FaultAction::Kill, "{kind:?}");
            assert_eq!(acts[1].action, FaultAction::Restore, "{kind:?}");
        }
        let has = |k, f| for_kind(k).iter().any(|a| a.action == f);
        assert!(has(ComponentKind::Cache, FaultAction::Flush));
        assert!(has(ComponentKind::Cdn, FaultAction::Deploy));
        assert!(has(ComponentKind::ShardRouter, FaultAction::AddShard));
        assert!(has(ComponentKind::WebServer, FaultAction::RegionOutage));
        assert!(
            !has(ComponentKind::Dns, FaultAction::RegionOutage),
            "DNS is global"
        );
    }

    #[wasm_bindgen_test]
    fn kill_needs_a_live_node_and_restore_a_dead_one() {
        assert!(enabled(FaultAction::Kill, None));
        assert!(enabled(FaultAction::Kill, Some(Health::Recovering)));
        assert!(!enabled(FaultAction::Kill, Some(Health::Down)));
        assert!(!enabled(FaultAction::Restore, Some(Health::Healthy)));
        assert!(enabled(FaultAction::Restore, Some(Health::DownUndetected)));
        assert!(enabled(FaultAction::Flush, None));
    }
}
