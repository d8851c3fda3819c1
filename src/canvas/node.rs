//! One node on the canvas: an absolutely positioned button with its glyph, label, live metrics (utilization bar,
//! queue length, health colour and text), its connection port and a red badge when validation found problems.
//! Each node reads only its own slice of the document and frame, so a moving node re-renders alone. Tab reaches
//! each node in turn and selects it.

use super::glyph::Glyph;
use super::pointer::CanvasUi;
use crate::ctx::Ctx;
use crate::format;
use leptos::prelude::*;
use sim_core::metrics::{DbRole, Health, NodeFrame};
use sim_core::{ComponentKind, NodeId};

/// The node `id` (renders nothing once the node is gone).
#[component]
pub fn NodeView(id: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let ui = use_context::<CanvasUi>();
    let node = Memo::new(move |_| ctx.editor.with(|e| e.doc().node(id).cloned()));
    let live = Memo::new(move |_| {
        ctx.frame
            .with(|f| f.as_ref().and_then(|f| f.node(id).cloned()))
    });
    let selected = move || ctx.editor.with(|e| e.selection().contains(&id));
    let problems = Memo::new(move |_| {
        ctx.issues.with(|all| {
            all.iter()
                .filter(|i| i.node == Some(id))
                .map(|i| (i.to_string(), i.is_error()))
                .collect::<Vec<_>>()
        })
    });
    let kind = node.get_untracked().map(|n| n.kind());
    let Some(kind) = kind else {
        return ().into_any();
    };

    let health = move || live.with(|l| l.as_ref().map_or(Health::Healthy, |l| l.health));
    let label = move || node.with(|n| n.as_ref().map(|n| n.label.clone()).unwrap_or_default());
    let pos = move |f: fn(&sim_core::model::Node) -> f64| {
        move || node.with(|n| format!("{}px", n.as_ref().map_or(0.0, f)))
    };
    let busy = move || live.with(|l| l.as_ref().is_some_and(|l| l.utilization > 0.85));
    let has_workers = matches!(
        kind,
        ComponentKind::WebServer
            | ComponentKind::Database
            | ComponentKind::Replica
            | ComponentKind::Cache
            | ComponentKind::SessionStore
            | ComponentKind::Workers
    );
    let spof = move || ctx.spofs.with(|s| s.contains(&id));
    let region = move || {
        ctx.multi_region.get().then(|| {
            node.with(|n| n.as_ref().map(|n| n.region.title()))
                .unwrap_or_default()
        })
    };
    let detail = move || live.with(|l| l.as_ref().and_then(tier_detail));
    let role = move || {
        live.with(|l| {
            l.as_ref().and_then(|l| l.db_role).map(|r| {
                if r == DbRole::Primary {
                    "primary"
                } else {
                    "replica"
                }
            })
        })
    };
    let tooltip = move || {
        let mut t = kind.explanation().to_string();
        if let Some(l) = live.get() {
            t.push_str(&format!("\n\n{}", format::health_explanation(l.health)));
        }
        problems.with(|p| {
            for (msg, _) in p {
                t.push_str(&format!("\n⚠ {msg}"));
            }
        });
        t
    };
    let meta = move || {
        live.get().map(|l| {
            let bar = has_workers.then(|| {
                view! {
                    <span class="util" title="Utilization: share of workers busy">
                        <span class="util-fill" style:width=format!("{:.0}%", l.utilization.clamp(0.0, 1.0) * 100.0)></span>
                    </span>
                    <span class="sr-only">{format!("{:.0}% busy,", l.utilization * 100.0)}</span>
                    <span class="queue" title="Requests waiting in the queue">
                        <span aria-hidden="true">"q "</span>
                        {l.queue_len}
                        <span class="sr-only">" queued,"</span>
                    </span>
                }
            });
            view! {
                <span class="node-meta">
                    {bar}
                    <span class="health-text">{format::health_text(l.health)}</span>
                </span>
            }
        })
    };
    let badge = move || {
        problems.with(|p| {
            let errors = p.iter().filter(|(_, e)| *e).count();
            (!p.is_empty()).then(|| {
                let text = p.iter().map(|(m, _)| m.as_str()).collect::<Vec<_>>().join("\n");
                view! {
                    <span class="badge" class:warning=errors == 0 title=text data-testid="node-issue">
                        <span aria-hidden="true">{if errors == 0 { "?" } else { "!" }}</span>
                        <span class="sr-only">{format!(", {} problem(s)", p.len())}</span>
                    </span>
                }
            })
        })
    };

    // No aria-label: the button is named by its visible text plus the sr-only figures above, so what a screen reader
    // or voice control hears is what the node shows (WCAG 2.5.3, label in name).
    view! {
        <button
            type="button"
            class="node"
            class:selected=selected
            class:busy=busy
            data-testid="node"
            data-node-id=id.0
            data-kind=kind.id()
            data-health=move || format::health_id(health())
            data-throughput-rps=move || live.with(|l| l.as_ref().map_or(0.0, |l| l.throughput_rps).to_string())
            data-completed=move || live.with(|l| l.as_ref().map_or(0, |l| l.completed).to_string())
            data-role=role
            style:left=pos(|n| n.x)
            style:top=pos(|n| n.y)
            title=tooltip
            on:focus=move |_| {
                // Tab selects the node it reaches; a press selects through the editor (and may be Shift+click).
                let pressing = ui.is_some_and(|ui| ui.pressing.get_value());
                if !pressing && !ctx.editor.with_untracked(|e| e.selection().contains(&id)) {
                    ctx.editor.update(|e| e.select(&[id]));
                }
            }
            on:click=move |e: leptos::ev::MouseEvent| {
                // Enter or Space on the focused node (a keyboard click has no pointer detail).
                if e.detail() == 0 {
                    ctx.editor.update(|e| e.select(&[id]));
                }
            }
        >
            <span class="node-head">
                <Glyph kind=kind />
                <span class="node-label">{label}</span>
            </span>
            <span class="node-kind">
                {kind.title()}
                {move || region().map(|r| format!(" · {r}"))}
                {move || detail().map(|d| view! { <span class="node-detail">{format!(" · {d}")}</span> })}
            </span>
            <Show when=spof>
                <span class="spof" title="Single point of failure: if this node dies, all traffic stops">"SPOF"</span>
            </Show>
            {meta}
            {badge}
            <span class="port" data-testid="port" title="Drag from here to another node to connect" aria-hidden="true"></span>
        </button>
    }
    .into_any()
}

/// The one figure that matters most for a node's tier, for its label line.
fn tier_detail(n: &NodeFrame) -> Option<String> {
    if let Some(role) = n.db_role {
        let role = if role == DbRole::Primary {
            "primary"
        } else {
            "replica"
        };
        return Some(match n.behind_writes {
            Some(b) if b > 0 => format!("{role}, {b} behind"),
            _ => role.to_owned(),
        });
    }
    if let Some(h) = n.hit_ratio {
        return Some(format!("{:.0}% hits", h * 100.0));
    }
    if let Some((running, warming)) = n.instances {
        return Some(if warming > 0 {
            format!("{running}+{warming} instances")
        } else {
            format!("{running} instances")
        });
    }
    if let Some(w) = n.workers_active {
        return Some(format!("{w} workers"));
    }
    if let Some(h) = n.hotspot_ratio {
        return Some(format!("hotspot {h:.1}×"));
    }
    (n.kind == ComponentKind::MessageQueue).then(|| format!("{} waiting", n.queue_len))
}
