//! The right-hand panel: settings of the selected node (generic over the core's `numbers()`/`choices()`), its
//! connections, its data center, live figures of its tier, Kill/Restore and the tier's own faults during a run, and
//! Delete; with an edge selected, that edge ([`edge`]); with nothing selected, the scenario's own settings.
//! Every change goes through `dispatch`; a refused value shows the core's sentence next to its field.

mod edge;
mod failures;
mod fields;
mod issues;
mod scenario;
mod slos;
mod theory;

pub use theory::theory_memo;

pub use issues::IssuesPanel;

use crate::ctx::{Ctx, RunState};
use crate::i18n::{t, t_with};
use fields::{ChoiceInput, LabelInput, NumberInput};
use leptos::prelude::*;
use sim_core::NodeId;
use sim_core::metrics::{DbRole, NodeFrame};
use sim_core::model::Region;
use sim_core::scenario::Edit;

/// The inspector panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let ctx = Ctx::expect();
    let selected = crate::probe::memo(move |_| ctx.selected_one());
    let count = move || ctx.selection.with(Vec::len);
    let edge = crate::probe::memo(move |_| ctx.selected_edge.get());
    view! {
        <section class="inspector" data-testid="inspector" aria-label=crate::tr!("inspector")>
            {move || match selected.get() {
                Some(id) => view! { <NodeInspector id=id /> }.into_any(),
                None if count() > 1 => view! { <MultiInspector /> }.into_any(),
                None => match edge.get() {
                    Some((from, to)) => view! { <edge::EdgeInspector from=from to=to /> }.into_any(),
                    None => view! { <scenario::ScenarioInspector /> }.into_any(),
                },
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
        <h2>{move || t_with("inspector-selected", &[("count", ctx.selection.with(Vec::len).into())])}</h2>
        <button type="button" class="danger" data-testid="delete" on:click=delete>{crate::tr!("delete")}</button>
    }
}

#[component]
fn NodeInspector(id: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let Some(node) = ctx.editor.with_untracked(|e| e.doc().node(id).cloned()) else {
        return ().into_any();
    };
    let kind = node.kind();
    // Lesson mode: settings are shown, not editable.
    let read_only = ctx
        .editor
        .with_untracked(scalelab_editor::Editor::read_only);
    // The rows follow the document: a client's traffic shape brings its own parameters (and values never
    // re-render the rows: each input reads its own value).
    let rows = crate::probe::memo(move |_| {
        ctx.doc.with(|d| {
            d.node(id).map_or_else(Default::default, |n| {
                let numbers: Vec<_> = n.config.numbers().into_iter().map(|(s, _)| s).collect();
                let choices: Vec<_> = n
                    .config
                    .choices()
                    .into_iter()
                    .map(|c| sim_core::model::ChoiceField { current: "", ..c })
                    .collect();
                (numbers, choices)
            })
        })
    });
    let numbers = move || {
        rows.with(|r| r.0.clone())
            .into_iter()
            .map(|spec| view! { <NumberInput id=id kind=kind spec=spec /> })
            .collect_view()
    };
    let choices = move || {
        rows.with(|r| r.1.clone())
            .into_iter()
            .map(|c| view! { <ChoiceInput id=id kind=kind field=c /> })
            .collect_view()
    };
    // The rule a node follows, stated from its settings (the worker autoscaler's).
    let rule = move || {
        ctx.doc.with(|d| match d.node(id).map(|n| &n.config) {
            Some(sim_core::model::ComponentConfig::Workers(w)) => Some(crate::i18n::sentence(
                &scalelab_shell::rules::workers_autoscaler(w),
            )),
            _ => None,
        })
    };
    let running = move || ctx.run.get() != RunState::Idle;
    let connections = move || {
        ctx.doc.with(|doc| {
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
                        <dt>{t("inspector-health")}</dt>
                        <dd title=crate::i18n::health_explanation(n.health)>{crate::i18n::health_title(n.health)}</dd>
                        <dt>{t("inspector-utilization")}</dt>
                        <dd>{crate::i18n::percent(n.utilization, 0)}</dd>
                        <dt>{t("inspector-queue")}</dt>
                        <dd>{n.queue_len}</dd>
                        <dt>{t("metrics-throughput")}</dt>
                        <dd>{format!("{} {}", crate::i18n::compact(n.throughput_rps), t("unit-req-per-s"))}</dd>
                        <dt>{t("inspector-completed-failed")}</dt>
                        <dd>{format!("{} / {}", crate::i18n::count(n.completed), crate::i18n::count(n.failed))}</dd>
                        {tier_stats(n)}
                    </dl>
                }
            })
        })
    };
    view! {
        <h2 class="inspector-title">
            <crate::canvas::glyph::Glyph kind=kind />
            {move || crate::i18n::kind_title(kind)}
        </h2>
        <p class="explain">{move || crate::i18n::kind_explanation(kind)}</p>
        {move || rule().map(|r| view! { <p class="explain" data-testid="node-rule">{r}</p> })}
        <fieldset class="plain" disabled=read_only>
            <LabelInput id=id />
        </fieldset>
        {stats}
        <crate::actions::NodeActions id=id />
        <div class="fault-buttons">
            <button
                type="button"
                class="danger"
                data-testid="delete"
                disabled=read_only
                on:click=move |_| {
                    let _ = ctx.dispatch(Edit::DeleteNodes(vec![id]));
                }
            >
                {crate::tr!("delete")}
            </button>
        </div>
        <Show when=move || !running()>
            <p class="hint">{crate::tr!("inspector-kill-hint")}</p>
        </Show>
        <theory::TheorySection id=id />
        <crate::sweep::SweepButton id=id />
        <fieldset class="plain" disabled=read_only>
        <h3>{crate::tr!("inspector-settings")}</h3>
        <RegionInput id=id />
        {numbers}
        {choices}
        <h3>{crate::tr!("inspector-sends-to")}</h3>
        <ul class="connections">
            {move || {
                let list = connections();
                if list.is_empty() {
                    return view! { <li class="hint">{crate::tr!("inspector-sends-none")}</li> }.into_any();
                }
                list.into_iter()
                    .map(|(to, label)| {
                        view! {
                            <li>
                                <span>{label}</span>
                                <button
                                    type="button"
                                    class="small"
                                    title=crate::tr!("inspector-remove-title")
                                    on:click=move |_| {
                                        let _ = ctx.dispatch(Edit::Disconnect { from: id, to });
                                    }
                                >
                                    {crate::tr!("inspector-remove")}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </ul>
        </fieldset>
    }
    .into_any()
}

/// Live figures specific to a node's tier, in the page's language.
fn tier_stats(n: &NodeFrame) -> impl IntoView + use<> {
    use crate::i18n::{compact, number, percent, role_text};
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(role) = n.db_role {
        let role = if role == DbRole::Primary {
            "primary"
        } else {
            "replica"
        };
        rows.push((t("inspector-role"), role_text(role)));
    }
    if let Some(behind) = n.behind_writes {
        rows.push((
            t("inspector-behind"),
            t_with("inspector-behind-writes", &[("count", behind.into())]),
        ));
    }
    if let Some(h) = n.hit_ratio {
        rows.push((t("inspector-hit-ratio"), percent(h, 0)));
    }
    if let Some(f) = n.fill_ratio {
        rows.push((t("inspector-full"), percent(f, 0)));
    }
    if let Some((running, warming)) = n.instances {
        rows.push((
            t("inspector-instances"),
            if warming > 0 {
                t_with(
                    "inspector-instances-warming",
                    &[("running", running.into()), ("warming", warming.into())],
                )
            } else {
                running.to_string()
            },
        ));
    }
    if let Some(a) = n.availability {
        rows.push((t("inspector-availability"), percent(a, 2)));
    }
    if let Some(w) = n.workers_active {
        rows.push((t("inspector-workers"), w.to_string()));
    }
    if let Some(load) = &n.shard_load_rps {
        let loads: Vec<String> = load.iter().map(|l| compact(*l)).collect();
        rows.push((t("inspector-shard-load"), loads.join(" · ")));
    }
    if let Some(keys) = &n.shard_keys {
        let keys: Vec<String> = keys.iter().map(std::string::ToString::to_string).collect();
        rows.push((t("inspector-shard-keys"), keys.join(" · ")));
    }
    if let Some(h) = n.hotspot_ratio {
        rows.push((t("inspector-hotspot"), format!("{}×", number(h, 2))));
    }
    if let Some(p) = n.migration_progress {
        rows.push((
            t("inspector-resharding"),
            t_with(
                "inspector-resharding-copied",
                &[("percent", percent(p, 0).into())],
            ),
        ));
    }
    rows.into_iter()
        .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
        .collect_view()
}

/// Which data center the node runs in.
#[component]
fn RegionInput(id: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let current = move || {
        ctx.doc
            .with(|d| d.node(id).map(|n| n.region).unwrap_or_default())
    };
    view! {
        <label class="field">
            <span>{crate::tr!("inspector-region")}</span>
            <select
                data-testid="region"
                on:change=move |ev| {
                    if let Some(region) = Region::from_id(&event_target_value(&ev)) {
                        let _ = ctx.dispatch(Edit::SetRegion { node: id, region });
                    }
                }
            >
                {Region::ALL
                    .into_iter()
                    .map(|r| view! { <option value=r.id() selected=move || current() == r>{move || crate::i18n::region_title(r)}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
