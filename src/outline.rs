//! The outline view, for screen readers and anyone who prefers numbers to pictures: a table of every node with
//! its live metrics and what theory predicts for them and a table of every connection with its rate by kind (rendered only while open), and a
//! polite live region that announces the run's events (kills, detections, failovers, promotions, scaling).
//!
//! Announcements are throttled: events arriving within [`THROTTLE_MS`] of the last announcement are gathered
//! and said together (at most three, then "and N more"), so a burst of events is one sentence, not a stream.

use crate::ctx::Ctx;
use crate::format::announcement;
use leptos::prelude::*;
use sim_core::NodeId;
use sim_core::metrics::{DbRole, NodeFrame, RequestKind};
use std::time::Duration;

/// Shortest gap between two announcements, ms of real time.
pub const THROTTLE_MS: f64 = 2_500.0;

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Announcer state, not reactive: log entries already seen, messages waiting, when the last announcement was.
#[derive(Default)]
struct Announcer {
    seen: u64,
    pending: Vec<String>,
    last_ms: Option<f64>,
    timer: bool,
}

/// Says what is pending now, or schedules it for when the throttle allows.
fn flush(state: StoredValue<Announcer>, text: RwSignal<String>) {
    let now = now_ms();
    let wait_ms = state.with_value(|a| a.last_ms.map_or(0.0, |l| THROTTLE_MS - (now - l)));
    if wait_ms > 0.0 {
        if !state.with_value(|a| a.timer) {
            state.update_value(|a| a.timer = true);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // ≤ THROTTLE_MS
            set_timeout(
                move || {
                    state.update_value(|a| a.timer = false);
                    flush(state, text);
                },
                Duration::from_millis(wait_ms.ceil() as u64),
            );
        }
        return;
    }
    let said = state.try_update_value(|a| {
        if a.pending.is_empty() {
            return None;
        }
        a.last_ms = Some(now);
        Some(announcement(&std::mem::take(&mut a.pending)))
    });
    if let Some(Some(s)) = said {
        text.set(s);
    }
}

fn detail(n: &NodeFrame) -> String {
    let mut parts = Vec::new();
    match n.db_role {
        Some(DbRole::Primary) => parts.push("primary".to_owned()),
        Some(DbRole::Replica) => parts.push(format!(
            "replica, {} writes behind",
            n.behind_writes.unwrap_or(0)
        )),
        None => {}
    }
    if let Some(h) = n.hit_ratio {
        parts.push(format!("hit ratio {:.0}%", h * 100.0));
    }
    if let Some(loads) = &n.shard_load_rps {
        let l = loads
            .iter()
            .map(|l| crate::i18n::compact(*l))
            .collect::<Vec<_>>()
            .join(" / ");
        parts.push(format!("shard load {l} req/s"));
    }
    if let Some((running, booting)) = n.instances {
        parts.push(format!("{running} instances, {booting} booting"));
    }
    if let Some(w) = n.workers_active {
        parts.push(format!("{w} workers"));
    }
    parts.join("; ")
}

/// One node's row.
#[component]
fn NodeRow(id: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let node = crate::probe::memo(move |_| {
        ctx.doc.with(|d| {
            d.node(id)
                .map(|n| (n.label.clone(), crate::i18n::kind_title(n.kind())))
        })
    });
    let live = crate::probe::memo(move |_| {
        ctx.frame
            .with(|f| f.as_ref().and_then(|f| f.node(id).cloned()))
    });
    let theory = crate::inspector::theory_memo(ctx, id);
    let theory_text = move || {
        theory.with(|t| {
            t.as_ref()
                .map_or_else(|| "–".to_owned(), scalelab_shell::theory::summary)
        })
    };
    let cell = move |f: fn(&NodeFrame) -> String| {
        move || live.with(|l| l.as_ref().map_or_else(|| "–".to_owned(), f))
    };
    view! {
        <tr data-testid="outline-node" data-node=id.0>
            <th scope="row">{move || node.get().map(|n| n.0).unwrap_or_default()}</th>
            <td>{move || node.get().map(|n| n.1).unwrap_or_default()}</td>
            <td>{cell(|l| crate::i18n::health_title(l.health))}</td>
            <td>{cell(|l| format!("{:.0}%", l.utilization * 100.0))}</td>
            <td>{cell(|l| l.queue_len.to_string())}</td>
            <td>{cell(|l| crate::i18n::compact(l.throughput_rps))}</td>
            <td>{cell(|l| l.failed_here.to_string())}</td>
            <td>{cell(detail)}</td>
            <td data-testid="outline-theory">{theory_text}</td>
        </tr>
    }
}

/// The outline (`data-testid="outline"`) and the live region (`data-testid="announcer"`).
#[component]
pub fn Outline() -> impl IntoView {
    let ctx = Ctx::expect();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let state = StoredValue::new(Announcer::default());
    Effect::new(move |_| {
        let fresh = ctx.frame.with(|f| {
            let Some(f) = f else {
                state.update_value(|a| {
                    a.seen = 0;
                    a.pending.clear();
                });
                return false;
            };
            let seen = state.with_value(|a| a.seen);
            let seen = if f.log_total < seen { 0 } else { seen };
            let new = usize::try_from(f.log_total - seen).unwrap_or(usize::MAX);
            let messages = f
                .log
                .iter()
                .skip(f.log.len().saturating_sub(new))
                .map(|l| {
                    format!(
                        "{}: {}",
                        crate::i18n::sim_time(l.at),
                        crate::i18n::log_text(l)
                    )
                })
                .collect::<Vec<_>>();
            state.update_value(|a| {
                a.seen = f.log_total;
                a.pending.extend(messages);
            });
            new > 0
        });
        if fresh {
            flush(state, text);
        }
    });
    let node_ids = crate::probe::memo(move |_| {
        ctx.doc
            .with(|d| d.nodes.iter().map(|n| n.id).collect::<Vec<_>>())
    });
    // Rows change once per sim second (window rates), not every frame.
    let edge_rows = crate::probe::memo(move |_| {
        let labels = ctx.doc.with(|d| {
            d.edges
                .iter()
                .map(|ed| {
                    let name = |id| d.node(id).map(|n| n.label.clone()).unwrap_or_default();
                    (ed.from, ed.to, name(ed.from), name(ed.to))
                })
                .collect::<Vec<_>>()
        });
        ctx.frame.with(|f| {
            labels
                .into_iter()
                .map(|(from, to, a, b)| {
                    let traffic = f.as_ref().and_then(|f| f.edge(from, to));
                    let rate = traffic
                        .map_or_else(|| "–".to_owned(), |t| crate::i18n::compact(t.rate_per_s()));
                    let kinds = traffic.map_or_else(String::new, |t| {
                        RequestKind::ALL
                            .iter()
                            .filter(|k| t.rate_per_s_by_kind[k.index()] > 0.0)
                            .map(|k| {
                                format!(
                                    "{} {}",
                                    k.id(),
                                    crate::i18n::compact(t.rate_per_s_by_kind[k.index()])
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    });
                    (a, b, rate, kinds)
                })
                .collect::<Vec<_>>()
        })
    });
    let edges = move || {
        edge_rows
            .get()
            .into_iter()
            .map(|(a, b, rate, kinds)| {
                view! {
                    <tr data-testid="outline-edge">
                        <th scope="row">{a}</th>
                        <td>{b}</td>
                        <td>{rate}</td>
                        <td>{kinds}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let tables = move || {
        open.get().then(|| {
            view! {
                <table class="outline-table">
                    <caption>{crate::tr!("outline-nodes")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{crate::tr!("outline-node")}</th>
                            <th scope="col">{crate::tr!("outline-kind")}</th>
                            <th scope="col">{crate::tr!("outline-health")}</th>
                            <th scope="col">{crate::tr!("outline-busy")}</th>
                            <th scope="col">{crate::tr!("outline-queue")}</th>
                            <th scope="col">{crate::tr!("outline-done")}</th>
                            <th scope="col">{crate::tr!("outline-failed")}</th>
                            <th scope="col">{crate::tr!("outline-details")}</th>
                            <th scope="col">{crate::tr!("outline-theory-col")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || node_ids.get() key=|id| *id let:id>
                            <NodeRow id=id />
                        </For>
                    </tbody>
                </table>
                <table class="outline-table">
                    <caption>{crate::tr!("outline-connections")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{crate::tr!("outline-from")}</th>
                            <th scope="col">{crate::tr!("outline-to")}</th>
                            <th scope="col">{crate::tr!("outline-rps")}</th>
                            <th scope="col">{crate::tr!("outline-by-kind")}</th>
                        </tr>
                    </thead>
                    <tbody>{edges}</tbody>
                </table>
            }
        })
    };
    view! {
        <section class="outline-wrap" aria-label=crate::tr!("outline")>
            <details class="outline" data-testid="outline" on:toggle=move |e| {
                open.set(event_target::<web_sys::HtmlElement>(&e).has_attribute("open"));
            }>
                <summary>{crate::tr!("outline")}</summary>
                {tables}
            </details>
            <div class="sr-only" role="status" aria-live="polite" data-testid="announcer">{move || text.get()}</div>
        </section>
    }
}
