//! One node on the canvas: an absolutely positioned button with its glyph, label, live metrics (utilization bar,
//! queue length, health colour and text), its connection port and a red badge when validation found problems.
//! Each node reads only its own slice of the document and frame, so a moving node re-renders alone. Tab reaches
//! each node in turn and selects it.

use super::context_menu::ContextMenuState;
use super::glyph::Glyph;
use super::pointer::CanvasUi;
use crate::ctx::Ctx;
use crate::format::role_of;
use crate::i18n::{health_explanation, health_title, pair_msg, slowed_title, t, t_with, tier_text};
use leptos::prelude::*;
use sim_core::metrics::{Health, PairStatus};
use sim_core::{ComponentKind, NodeId};
use wasm_bindgen::JsCast;

/// How long a finger rests on a node before its context menu opens, ms (as on phones).
const LONG_PRESS_MS: i32 = 550;

/// The node `id` (renders nothing once the node is gone).
#[component]
pub fn NodeView(id: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let ui = use_context::<CanvasUi>();
    let node = crate::probe::memo(move |_| ctx.doc.with(|d| d.node(id).cloned()));
    let live = crate::probe::memo(move |_| {
        ctx.frame
            .with(|f| f.as_ref().and_then(|f| f.node(id).cloned()))
    });
    let selected = move || ctx.is_selected(id);
    let kind = node.get_untracked().map(|n| n.kind());
    let Some(kind) = kind else {
        return ().into_any();
    };
    let problems = crate::probe::memo(move |_| {
        ctx.issues.with(|all| {
            all.iter()
                .filter(|i| i.node == Some(id))
                .map(|i| (crate::i18n::issue_text(Some(kind), i), i.is_error()))
                .collect::<Vec<_>>()
        })
    });

    let health = move || live.with(|l| l.as_ref().map_or(Health::Healthy, |l| l.health));
    let label = move || node.with(|n| n.as_ref().map(|n| n.label.clone()).unwrap_or_default());
    // Where it is comes from its own position signal: a drag moves this node's view and nothing else's.
    let at = ctx.position(id);
    let left = move || format!("{}px", at.map_or(0.0, |p| p.with(|p| p.x)));
    let top = move || format!("{}px", at.map_or(0.0, |p| p.with(|p| p.y)));
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
    let spof_title = move || {
        t(if kind == ComponentKind::Database {
            "node-spof-database"
        } else {
            "node-spof"
        })
    };
    let region = move || {
        ctx.multi_region.get().then(|| {
            node.with(|n| n.as_ref().map(|n| crate::i18n::region_title(n.region)))
                .unwrap_or_default()
        })
    };
    // A database behind a shard router that owns no keys is a spare shard ("Add shard" brings it in).
    let standby = crate::probe::memo(move |_| {
        kind == ComponentKind::Database
            && ctx.frame.with(|f| {
                f.as_ref().is_some_and(|f| {
                    f.nodes.iter().any(|r| {
                        r.shard_keys.as_ref().is_some_and(|keys| {
                            ctx.doc.with_untracked(|d| {
                                d.targets(r.id)
                                    .filter(|&t| {
                                        d.node(t)
                                            .is_some_and(|n| n.kind() == ComponentKind::Database)
                                    })
                                    .position(|t| t == id)
                                    .is_some_and(|i| keys.get(i) == Some(&0))
                            })
                        })
                    })
                })
            })
    });
    let detail = move || {
        if standby.get() {
            return Some(t("node-standby"));
        }
        live.with(|l| l.as_ref().and_then(tier_text))
    };
    // The one line a far-zoomed node shows under its label: its health when not healthy, else its tier's figure,
    // else how busy it is; before a run, its kind.
    let status = move || {
        live.with(|l| match l {
            None => crate::i18n::kind_title(kind),
            // A pair taking over is down for the takeover only: say so rather than "down".
            Some(l) if l.pair == Some(PairStatus::TakingOver) => {
                t(pair_msg(PairStatus::TakingOver))
            }
            Some(l) if l.health != Health::Healthy => health_title(l.health),
            Some(l) if l.cut_off => t("node-cut-off"),
            Some(l) if l.slowed => slowed_title(l).unwrap_or_default(),
            Some(_) if standby.get() => t("node-standby"),
            Some(l) => tier_text(l).unwrap_or_else(|| {
                if has_workers {
                    t_with(
                        "node-busy",
                        &[("percent", crate::i18n::percent(l.utilization, 0).into())],
                    )
                } else {
                    health_title(l.health)
                }
            }),
        })
    };
    let role = move || live.with(|l| l.as_ref().and_then(role_of));
    let primary = move || role() == Some("primary");
    let tooltip = move || {
        let mut t = crate::i18n::kind_explanation(kind);
        if let Some(l) = live.get() {
            t.push_str(&format!("\n\n{}", health_explanation(l.health)));
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
                    <span class="util" title=t("node-util-title")>
                        <span class="util-fill" style:width=format!("{:.0}%", l.utilization.clamp(0.0, 1.0) * 100.0)></span>
                    </span>
                    <span class="sr-only">{t_with("node-busy-sr", &[("percent", crate::i18n::percent(l.utilization, 0).into())])}</span>
                    <span class="queue" title=t("node-queue-title")>
                        <span aria-hidden="true">"q "</span>
                        {l.queue_len}
                        <span class="sr-only">{t("node-queued-sr")}</span>
                    </span>
                }
            });
            view! {
                <span class="node-meta">
                    {bar}
                    // A slowed node still passes its health checks: what it shows is how much slower it serves.
                    // A node cut off by a partition still runs: what it shows is that the other data centers
                    // do not reach it.
                    {match slowed_title(&l).filter(|_| l.health == Health::Healthy) {
                        _ if l.cut_off && l.health == Health::Healthy => view! { <span class="health-text cut-off-text" data-testid="node-cut-off">{t("node-cut-off")}</span> }.into_any(),
                        Some(s) => view! { <span class="health-text slowed-text" data-testid="node-slowed">{s}</span> }.into_any(),
                        None => view! { <span class="health-text">{health_title(l.health)}</span> }.into_any(),
                    }}
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

    // The context menu: right click, a long press of a finger, or the menu key.
    let menu = use_context::<ContextMenuState>();
    let long_press = StoredValue::new(None::<(i32, f64, f64)>);
    let open_menu = move |x: f64, y: f64| {
        if let (Some(menu), Some(ui)) = (menu, ui) {
            menu.open_at_client(ctx, ui, id, x, y);
        }
    };
    let cancel_long_press = move || {
        if let Some((handle, _, _)) = long_press.get_value() {
            window().clear_timeout_with_handle(handle);
            long_press.set_value(None);
        }
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
            data-health=move || crate::format::health_id(health())
            data-throughput-rps=move || live.with(|l| l.as_ref().map_or(0.0, |l| l.throughput_rps).to_string())
            data-completed=move || live.with(|l| l.as_ref().map_or(0, |l| l.completed).to_string())
            data-role=role
            style:left=left
            style:top=top
            title=tooltip
            on:focus=move |_| {
                // Tab selects the node it reaches; a press selects through the editor (and may be Shift+click).
                let pressing = ui.is_some_and(|ui| ui.pressing.get_value());
                if !pressing && !ctx.selection.with_untracked(|s| s.contains(&id)) {
                    ctx.editor.update(|e| e.select(&[id]));
                }
            }
            on:click=move |e: leptos::ev::MouseEvent| {
                // Enter or Space on the focused node (a keyboard click has no pointer detail).
                if e.detail() == 0 {
                    ctx.editor.update(|e| e.select(&[id]));
                }
            }
            on:contextmenu=move |e: leptos::ev::MouseEvent| {
                e.prevent_default();
                e.stop_propagation();
                cancel_long_press();
                open_menu(f64::from(e.client_x()), f64::from(e.client_y()));
            }
            on:keydown=move |e: leptos::ev::KeyboardEvent| {
                if crate::keys::command_of(&e) == Some(scalelab_shell::keymap::Command::NodeMenu) {
                    e.prevent_default();
                    e.stop_propagation();
                    if let Some(el) = e
                        .current_target()
                        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                    {
                        let r = el.get_bounding_client_rect();
                        open_menu(r.left() + 12.0, r.bottom() + 4.0);
                    }
                }
            }
            on:pointerdown=move |e: leptos::ev::PointerEvent| {
                if e.pointer_type() == "touch" {
                    cancel_long_press();
                    let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
                    let fire = wasm_bindgen::closure::Closure::once_into_js(move || {
                        long_press.set_value(None);
                        open_menu(x, y);
                    });
                    if let Ok(handle) = window().set_timeout_with_callback_and_timeout_and_arguments_0(
                        fire.unchecked_ref(),
                        LONG_PRESS_MS,
                    ) {
                        long_press.set_value(Some((handle, x, y)));
                    }
                }
            }
            on:pointermove=move |e: leptos::ev::PointerEvent| {
                if let Some((_, x, y)) = long_press.get_value()
                    && (f64::from(e.client_x()) - x).hypot(f64::from(e.client_y()) - y) > 8.0
                {
                    cancel_long_press();
                }
            }
            on:pointerup=move |_| cancel_long_press()
            on:pointercancel=move |_| cancel_long_press()
        >
            <span class="node-head">
                <Glyph kind=kind />
                <span class="node-label" title=label>{label}</span>
            </span>
            <span class="node-kind">
                {move || crate::i18n::kind_title(kind)}
                {move || region().map(|r| format!(" · {r}"))}
                {move || detail().map(|d| view! { <span class="node-detail">{format!(" · {d}")}</span> })}
            </span>
            <span class="tags">
                <Show when=spof>
                    <span class="spof" title=spof_title>"SPOF"</span>
                </Show>
                <Show when=primary>
                    <span class="primary-tag" data-testid="primary-tag" title=move || t("node-primary-title")>{move || t("node-primary")}</span>
                </Show>
            </span>
            {meta}
            <span class="node-status" aria-hidden="true">{status}</span>
            {badge}
            <span class="port" data-testid="port" title=move || t("node-port-title") aria-hidden="true"></span>
        </button>
    }
    .into_any()
}
