//! One node on the canvas: an absolutely positioned button with its glyph, label, live metrics (utilization bar,
//! queue length, health colour and text), its connection port and a red badge when validation found problems.
//! Each node reads only its own slice of the document and frame, so a moving node re-renders alone.

use super::glyph::Glyph;
use crate::ctx::Ctx;
use crate::format;
use leptos::prelude::*;
use sim_core::NodeId;
use sim_core::metrics::Health;

/// The node `id` (renders nothing once the node is gone).
#[component]
pub fn NodeView(id: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
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
        sim_core::ComponentKind::WebServer | sim_core::ComponentKind::Database
    );
    let aria = move || {
        let mut s = format!("{}: {}", kind.title(), label());
        if let Some(l) = live.get() {
            s.push_str(&format!(", {}", format::health_text(l.health)));
            if has_workers {
                s.push_str(&format!(
                    ", {:.0}% busy, {} queued",
                    l.utilization * 100.0,
                    l.queue_len
                ));
            }
        }
        let n = problems.with(Vec::len);
        if n > 0 {
            s.push_str(&format!(", {n} problem(s)"));
        }
        s
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
                    <span class="queue" title="Requests waiting in the queue">{format!("q {}", l.queue_len)}</span>
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
                        {if errors == 0 { "?" } else { "!" }}
                    </span>
                }
            })
        })
    };

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
            style:left=pos(|n| n.x)
            style:top=pos(|n| n.y)
            aria-label=aria
            title=tooltip
            on:click=move |_| ctx.editor.update(|e| e.select(&[id]))
        >
            <span class="node-head">
                <Glyph kind=kind />
                <span class="node-label">{label}</span>
            </span>
            <span class="node-kind">{kind.title()}</span>
            {meta}
            {badge}
            <span class="port" data-testid="port" title="Drag from here to another node to connect"></span>
        </button>
    }
    .into_any()
}
