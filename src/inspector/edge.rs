//! The inspector of a selected edge: which two nodes it joins, what travels it (from their kinds), its one-way
//! latency and what that is made of, its live rate per request kind during a run, and "Remove connection" (not in
//! lesson mode). The words and the latency come from [`scalelab_editor::link`]; this view only lays them out.

use crate::canvas::glyph::Glyph;
use crate::ctx::{Ctx, RunState};
use crate::keys;
use leptos::prelude::*;
use scalelab_editor::Item;
use scalelab_editor::link;
use sim_core::NodeId;

/// A latency for people: µs below a millisecond (the in-data-center hop), else ms.
fn duration(us: u64) -> String {
    if us < 1_000 {
        format!("{us} µs")
    } else {
        #[allow(clippy::cast_precision_loss)] // latencies are far below 2^52 µs
        crate::i18n::ms(us as f64 / 1_000.0)
    }
}

/// The inspector of the edge `from → to` (nothing once either node is gone).
#[component]
pub fn EdgeInspector(from: NodeId, to: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let ends = crate::probe::memo(move |_| {
        ctx.doc.with(|d| {
            let (a, b) = (d.node(from)?, d.node(to)?);
            Some((a.label.clone(), a.kind(), b.label.clone(), b.kind()))
        })
    });
    let Some((_, from_kind, _, to_kind)) = ends.get_untracked() else {
        return ().into_any();
    };
    let latency = crate::probe::memo(move |_| ctx.doc.with(|d| link::latency(d, from, to)));
    let read_only = ctx
        .editor
        .with_untracked(scalelab_editor::Editor::read_only);
    let kinds = link::kinds(from_kind, to_kind);
    let running = move || ctx.run.get() != RunState::Idle;
    let label = move |i: usize| {
        ends.with(|e| {
            e.as_ref()
                .map(|e| if i == 0 { e.0.clone() } else { e.2.clone() })
                .unwrap_or_default()
        })
    };
    let rates = move || {
        ctx.frame.with(|f| {
            let by_kind = f
                .as_ref()
                .and_then(|f| f.edge(from, to))
                .map_or([0.0; sim_core::metrics::RequestKind::COUNT], |e| {
                    e.rate_per_s_by_kind
                });
            let total: f64 = kinds.iter().map(|k| by_kind[k.index()]).sum();
            let rows = kinds
                .iter()
                .map(|k| {
                    let rate = by_kind[k.index()];
                    view! {
                        <dt>{crate::i18n::request_kind(*k)}</dt>
                        <dd data-testid=format!("edge-rate-{}", k.id())>{format!("{} {}", crate::i18n::compact(rate), crate::i18n::t("unit-req-per-s"))}</dd>
                    }
                })
                .collect_view();
            view! {
                {rows}
                {(kinds.len() > 1)
                    .then(|| {
                        view! {
                            <dt>{crate::tr!("edge-all")}</dt>
                            <dd data-testid="edge-rate">{format!("{} {}", crate::i18n::compact(total), crate::i18n::t("unit-req-per-s"))}</dd>
                        }
                    })}
            }
        })
    };
    // During a run: cut this link (a network partition of just it), or restore it.
    let link_cut = move || {
        ctx.frame.with(|f| {
            f.as_ref().is_some_and(|f| {
                f.cut_links.contains(&(from, to)) || f.cut_links.contains(&(to, from))
            })
        })
    };
    let link_error = RwSignal::new(None::<String>);
    let toggle_link = move |_| {
        let action = if link_cut() {
            sim_core::scenario::FaultAction::Heal
        } else {
            sim_core::scenario::FaultAction::Partition
        };
        link_error.set(crate::sim_driver::inject_link(ctx, from, to, action).err());
    };
    let remove = move |_| {
        let removed = ctx
            .editor
            .try_update(scalelab_editor::Editor::remove_selected_edge)
            .is_some_and(|edits| !edits.is_empty());
        if removed {
            // The button goes with the edge: keep the keyboard on the diagram, at the sender.
            keys::focus_item(Item::Node(from));
        }
    };
    view! {
        <h2 class="inspector-title" data-testid="edge-title">
            {move || crate::i18n::t_with("edge-title", &[("from", label(0).into()), ("to", label(1).into())])}
        </h2>
        <p class="edge-ends">
            <Glyph kind=from_kind />
            {move || crate::i18n::kind_title(from_kind)}
            <span aria-hidden="true">" → "</span>
            <span class="sr-only">{crate::tr!("edge-to-sr")}</span>
            <Glyph kind=to_kind />
            {move || crate::i18n::kind_title(to_kind)}
        </p>
        <p class="explain" data-testid="edge-meaning">{move || {
            crate::i18n::core_text(
                &format!("link-{}", link::meaning_id(from_kind, to_kind)),
                None,
                link::meaning(from_kind, to_kind),
            )
        }}</p>
        <dl class="node-stats">
            <dt>{crate::tr!("edge-latency")}</dt>
            <dd data-testid="edge-latency">
                {move || latency.get().map_or_else(|| crate::i18n::t("edge-latency-none"), |l| duration(l.one_way_us))}
            </dd>
            {move || {
                latency
                    .get()
                    .filter(|l| l.parts.len() > 1)
                    .map(|l| {
                        let parts: Vec<String> = l
                            .parts
                            .iter()
                            .map(|(what, us)| format!("{} {what}", duration(*us)))
                            .collect();
                        view! { <dd class="edge-latency-parts hint">{parts.join(" + ")}</dd> }
                    })
            }}
        </dl>
        {(!kinds.is_empty())
            .then(|| {
                view! {
                    <h3>{crate::tr!("edge-rates")}</h3>
                    <Show
                        when=running
                        fallback=|| view! { <p class="hint">{crate::tr!("edge-rates-idle")}</p> }
                    >
                        <dl class="node-stats edge-rates">{rates}</dl>
                    </Show>
                }
            })}
        <Show when=move || ctx.run.get() == RunState::Running>
            <div class="fault-buttons">
                <button
                    type="button"
                    class="action"
                    class:danger=move || !link_cut()
                    data-testid="cut-link"
                    title=move || crate::i18n::t(if link_cut() { "edge-restore-link-title" } else { "edge-cut-link-title" })
                    on:click=toggle_link
                >
                    {move || crate::i18n::t(if link_cut() { "edge-restore-link" } else { "edge-cut-link" })}
                </button>
            </div>
            {move || link_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </Show>
        {(!read_only)
            .then(|| {
                view! {
                    <div class="fault-buttons">
                        <button
                            type="button"
                            class="danger"
                            data-testid="remove-edge"
                            title=crate::tr!("edge-remove-title")
                            on:click=remove
                        >
                            {crate::tr!("edge-remove")}
                        </button>
                    </div>
                }
            })}
    }
    .into_any()
}
