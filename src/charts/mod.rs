//! The metrics panel under the canvas: headline numbers (throughput, latency, errors, cost), the request-dots
//! switch and legend, charts of the last minute of one-second windows (throughput, latency percentiles, errors by
//! cause, cost, and per tier: cache hit ratio, replication lag, stale reads of own writes, queue backlog), per-shard load bars, and the
//! failure reasons explained. Clicking a chart rewinds the run to that second ([`crate::sim_driver::rewind`]).
//!
//! The charts never hide behind a scroll: as many as fit the panel's width are drawn, the open lesson's charts
//! first ([`layout`]); a chip per available chart brings any other into view.

mod bars;
mod line;

pub use bars::{Bar, BarChart};
pub use line::{ChartData, LineChart, Series};
pub use scalelab_shell::plot::nice_max;

use crate::ctx::Ctx;
use crate::i18n::{cause_explanation, cause_title, t, t_attr, t_with};
use leptos::prelude::*;
use scalelab_share::embed::Panel;
use scalelab_shell::charts as layout;
use scalelab_shell::plot::alert_intervals;
use sim_core::NodeId;
use sim_core::metrics::{FailureCause, WindowStats};
use sim_core::model::ComponentKind;
use sim_core::scenario::lessons::{self, Chart};
use sim_core::summary::Availability;

/// Windows shown in the charts (one minute of sim time).
const SHOWN: usize = 60;

fn last_windows(ctx: Ctx) -> Vec<WindowStats> {
    ctx.frame.with(|f| {
        f.as_ref().map_or_else(Vec::new, |f| {
            f.windows[f.windows.len().saturating_sub(SHOWN)..].to_vec()
        })
    })
}

fn span(w: &[WindowStats]) -> (f64, f64) {
    match (w.first(), w.last()) {
        (Some(a), Some(b)) => (a.start.as_secs_f64(), b.start.as_secs_f64() + 1.0),
        _ => (0.0, 0.0),
    }
}

fn cause_class(c: FailureCause) -> &'static str {
    match c {
        FailureCause::NodeDown => "s0",
        FailureCause::NoHealthyBackend => "s1",
        FailureCause::QueueFull => "s2",
        FailureCause::Timeout => "s3",
        FailureCause::LoggedOut => "s4",
        FailureCause::ConnectionLimit => "s5",
        FailureCause::Partition => "s6",
    }
}

/// Headline numbers (throughput, p95, errors, cost) and the charts: throughput, latency, errors by cause, and —
/// when the system has them — cache hit ratio and message-queue backlog.
#[component]
#[allow(clippy::cast_precision_loss)] // per-window counts, far below 2^52
pub fn MetricsPanel() -> impl IntoView {
    let ctx = Ctx::expect();
    let windows = crate::probe::memo(move |_| last_windows(ctx));
    // SLO alerts, shaded behind the latency, errors and availability lines.
    let alerts = crate::probe::memo(move |_| {
        ctx.frame.with(|f| {
            f.as_ref()
                .map_or_else(Vec::new, |f| alert_intervals(&f.slo_alerts))
        })
    });
    let throughput = Signal::derive(move || {
        let w = windows.get();
        ChartData {
            span_s: span(&w),
            x: None,
            alerts: Vec::new(),
            // Served load, and beside it the offered load: the gap is what queued or failed.
            series: vec![
                Series {
                    name: t("series-completed"),
                    class: "s1",
                    help: t_attr("series-completed", "help"),
                    values: w.iter().map(|w| w.throughput_rps).collect(),
                },
                Series {
                    name: t("series-offered"),
                    class: "s2",
                    help: t_attr("series-offered", "help"),
                    values: w.iter().map(|w| w.offered_rps).collect(),
                },
            ],
        }
    });
    let latency = Signal::derive(move || {
        let w = windows.get();
        // A second in which nothing succeeded has no latency: a gap in the line, not a drop to 0 ms.
        let s = |name: &str, class, help: &str, f: fn(&WindowStats) -> f64| Series {
            name: name.to_owned(),
            class,
            help: t_attr(help, "help"),
            values: w
                .iter()
                .map(|w| if w.completed > 0 { f(w) } else { f64::NAN })
                .collect(),
        };
        ChartData {
            span_s: span(&w),
            x: None,
            alerts: alerts.get(),
            series: vec![
                s("p50", "s1", "series-p50", |w| w.latency_ms_p50),
                s("p95", "s2", "series-p95", |w| w.latency_ms_p95),
                s("p99", "s0", "series-p99", |w| w.latency_ms_p99),
            ],
        }
    });
    // Only the causes that failed something in the shown minute get a line and a legend entry (five entries of
    // zeros would crowd out the chart); with none, one flat line says so.
    let errors = Signal::derive(move || {
        let w = windows.get();
        let seen = |c: FailureCause| w.iter().any(|w| w.failed_by_cause[c.index()] > 0);
        let mut series: Vec<Series> = FailureCause::ALL
            .iter()
            .filter(|&&c| seen(c))
            .map(|&c| Series {
                name: cause_title(c),
                class: cause_class(c),
                help: cause_explanation(c),
                values: w
                    .iter()
                    .map(|w| w.failed_by_cause[c.index()] as f64)
                    .collect(),
            })
            .collect();
        if series.is_empty() {
            series.push(Series {
                name: t("series-no-errors"),
                class: "s1",
                help: t_attr("series-no-errors", "help"),
                values: vec![0.0; w.len()],
            });
        }
        ChartData {
            span_s: span(&w),
            x: None,
            alerts: alerts.get(),
            series,
        }
    });
    // Tier charts appear once the system has the tier: cache hit ratio (%), message-queue backlog (jobs).
    let optional = move |f: fn(&WindowStats) -> Option<f64>, name: &'static str, class| {
        Signal::derive(move || {
            let w = windows.get();
            ChartData {
                span_s: span(&w),
                x: None,
                alerts: Vec::new(),
                series: vec![Series {
                    name: t(name),
                    class,
                    help: t_attr(name, "help"),
                    values: w.iter().map(|w| f(w).unwrap_or(0.0)).collect(),
                }],
            }
        })
    };
    let hit_ratio = optional(
        |w| w.cache_hit_ratio.map(|h| h * 100.0),
        "series-cache-hit",
        "s1",
    );
    let backlog = optional(
        |w| w.queue_depth.map(|d| d as f64),
        "series-waiting-jobs",
        "s2",
    );
    // Replication lag, ms: the mean and the longest delay of the writes shipped in each second (a gap where none
    // was); beside it, when a primary applies at a finite rate, the writes its replicas have yet to apply.
    let lag = Signal::derive(move || {
        let w = windows.get();
        let s = |name: &str, class, f: fn(&WindowStats) -> Option<f64>| Series {
            name: t(name),
            class,
            help: t_attr(name, "help"),
            values: w.iter().map(|w| f(w).unwrap_or(f64::NAN)).collect(),
        };
        ChartData {
            span_s: span(&w),
            x: None,
            alerts: Vec::new(),
            series: vec![
                s("series-lag-mean", "s1", |w| w.replication_lag_ms_mean),
                s("series-lag-max", "s0", |w| w.replication_lag_ms_max),
            ],
        }
    });
    let apply_backlog = optional(
        |w| w.replica_behind_writes_max.map(|d| d as f64),
        "series-writes-behind",
        "s3",
    );
    // Reads that missed the reader's own write, per second (read-your-writes on; a whole second each window).
    let stale_reads = optional(
        |w| w.stale_own_reads.map(|n| n as f64),
        "series-stale-own-reads",
        "s0",
    );
    let shows_backlog = crate::probe::memo(move |_| ctx.doc.with(layout::shows_apply_backlog));
    let job_wait = optional(|w| w.job_wait_ms_mean, "series-job-wait", "s2");
    let utilization = optional(
        |w| w.worker_utilization.map(|u| u * 100.0),
        "series-worker-utilization",
        "s1",
    );
    // Share answered successfully of what was answered each second; a second with no answer is a gap.
    let availability = Signal::derive(move || {
        let w = windows.get();
        ChartData {
            span_s: span(&w),
            x: None,
            alerts: alerts.get(),
            series: vec![Series {
                name: t("series-availability"),
                class: "s1",
                help: t_attr("series-availability", "help"),
                values: w
                    .iter()
                    .map(|w| {
                        if w.completed + w.failed > 0 {
                            (1.0 - w.error_ratio()) * 100.0
                        } else {
                            f64::NAN
                        }
                    })
                    .collect(),
            }],
        }
    });
    let cost_series = Signal::derive(move || {
        let w = windows.get();
        ChartData {
            span_s: span(&w),
            x: None,
            alerts: Vec::new(),
            series: vec![Series {
                name: t("series-cost"),
                class: "s4",
                help: t_attr("series-cost", "help"),
                values: w.iter().map(|w| w.cost_usd_per_hour).collect(),
            }],
        }
    });
    // Shard routers of the diagram (their bars fill from the run).
    let routers = crate::probe::memo(move |_| {
        ctx.doc.with(|d| {
            d.nodes
                .iter()
                .filter(|n| n.kind() == ComponentKind::ShardRouter)
                .map(|n| n.id)
                .collect::<Vec<_>>()
        })
    });
    let cdn_hit_ratio = optional(
        |w| w.cdn_hit_ratio.map(|h| h * 100.0),
        "series-cdn-hit",
        "s4",
    );
    // Which charts: what the diagram can fill, as many as fit, the lesson's first, then what the user picked.
    let charts_el = NodeRef::<leptos::html::Div>::new();
    let width_px = RwSignal::new(860.0);
    // On a phone-wide page the layout stacks and the page scrolls, so charts may stack too (the stylesheets'
    // breakpoints: 760 px for the app, 700 px for an embed, which fits its frame above that).
    let stacked_below_px = if ctx.options.with_value(|o| o.embed) {
        700.0
    } else {
        760.0
    };
    let narrow_page = RwSignal::new(false);
    leptos_use::use_resize_observer(charts_el, move |entries, _| {
        if let Some(e) = entries.first() {
            let w = e.content_rect().width();
            if w > 0.0 {
                width_px.set(w);
            }
        }
        let page_w = window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .unwrap_or(1280.0);
        narrow_page.set(page_w <= stacked_below_px);
    });
    let rows = ctx.options.with_value(|o| {
        if o.embed && o.panel == Panel::Charts {
            2
        } else {
            1
        }
    });
    let columns = crate::probe::memo(move |_| layout::columns(width_px.get()));
    // A phone-wide page scrolls anyway: two charts stacked, so both of a lesson's show.
    let slots =
        crate::probe::memo(move |_| columns.get() * if narrow_page.get() { 2 } else { rows });
    let available = crate::probe::memo(move |_| ctx.doc.with(layout::available));
    let lesson_charts = crate::probe::memo(move |_| {
        ctx.doc
            .with(|d| lessons::for_scenario(d).map_or(&[][..], |l| l.charts))
    });
    let picked = RwSignal::new(Vec::<Chart>::new());
    // Another step (or a diagram replaced by a file or link) starts from its own charts; editing the open one keeps
    // what the learner picked.
    let step =
        crate::probe::memo(move |_| ctx.doc.with(|d| lessons::for_scenario(d).map(|l| l.preset)));
    Effect::new(move |_| {
        step.track();
        ctx.fit_request.track();
        picked.set(Vec::new());
    });
    // A pair of charts takes two columns where the panel has them, else stacks in one (its text stays full size).
    let rows_now = move || if narrow_page.get() { 2 } else { rows };
    let placed = crate::probe::memo(move |_| {
        ctx.doc.with(|d| {
            available.with(|a| {
                picked.with(|p| {
                    let span = |c| layout::span(c, d);
                    layout::packed(a, lesson_charts.get(), p, columns.get(), rows_now(), span)
                })
            })
        })
    });
    let shown =
        crate::probe::memo(move |_| placed.with(|p| p.iter().map(|&(c, _)| c).collect::<Vec<_>>()));
    let cells =
        move |c: Chart| placed.with(|p| p.iter().find(|&&(o, _)| o == c).map_or(1, |&(_, n)| n));
    let cost = move || ctx.frame.with(|f| f.as_ref().map(|f| f.cost_usd_per_hour));
    let last = move || windows.with(|w| w.last().copied());
    let causes = move || {
        ctx.frame.with(|f| {
            f.as_ref().map_or_else(Vec::new, |f| {
                FailureCause::ALL
                    .iter()
                    .filter(|&&c| f.failed(c) > 0)
                    .map(|&c| (c, f.failed(c)))
                    .collect::<Vec<_>>()
            })
        })
    };
    let totals = move || ctx.frame.with(|f| f.as_ref().map(|f| f.totals));
    let pick = Callback::new(move |at_s: f64| {
        if let Err(e) = crate::sim_driver::rewind(ctx, at_s) {
            ctx.notice.set(Some(e));
        }
    });
    view! {
        <section class="metrics" aria-label=tr!("metrics")>
            <div class="headline">
                <div class="big">
                    <span class="label">{tr!("metrics-throughput")}</span>
                    <span class="value">
                        <span data-testid="throughput">{move || crate::i18n::number(last().map_or(0.0, |w| w.throughput_rps), 0)}</span>
                        " "
                        {tr!("unit-req-per-s")}
                    </span>
                </div>
                <div class="big">
                    <span class="label">{tr!("metrics-p95")}</span>
                    // No request succeeded in the last second: there is no latency to show, not 0 ms.
                    <span class="value" data-testid="p95" title=tr!("metrics-p95-title")>
                        {move || last().filter(|w| w.completed > 0).map_or("–".into(), |w| crate::i18n::ms(w.latency_ms_p95))}
                    </span>
                </div>
                <div class="big">
                    <span class="label">{tr!("metrics-errors")}</span>
                    <span class="value" class:bad=move || last().is_some_and(|w| w.failed > 0)>
                        {move || last().map_or("–".into(), |w| crate::i18n::percent(w.error_ratio(), 1))}
                    </span>
                </div>
                <div class="big">
                    <span class="label">{tr!("metrics-cost")}</span>
                    <span class="value" data-testid="cost" title=tr!("metrics-cost-title")>
                        {move || cost().map_or("–".into(), |c| t_with("metrics-cost-value", &[("cost", crate::i18n::number(c, 2).into())]))}
                    </span>
                </div>
                <div class="totals">
                    {move || totals().map(|n| t_with("metrics-totals", &[
                        ("sent", crate::i18n::count(n.generated).into()),
                        ("ok", crate::i18n::count(n.completed).into()),
                        ("failed", crate::i18n::count(n.failed).into()),
                        ("flight", crate::i18n::count(n.in_flight).into()),
                    ]))}
                    <br />
                    <span data-testid="availability" title=tr!("metrics-availability-title")>
                        {move || totals().map(|n| availability_text(n.completed, n.failed))}
                    </span>
                </div>
            </div>
            <div class="chart-chips" role="group" aria-label=tr!("charts-to-show") data-testid="chart-chips">
                <span class="chips-label">{tr!("charts")}</span>
                <For each=move || available.get() key=|c| *c let:c>
                    <button
                        type="button"
                        class="chip"
                        data-chart-chip=c.id()
                        aria-pressed=move || shown.with(|s| s.contains(&c)).to_string()
                        title=move || t_with(if shown.with(|s| s.contains(&c)) { "chip-shown" } else { "chip-show" }, &[("chart", crate::i18n::chart_chip(c).into())])
                        on:click=move |_| picked.update(|p| *p = layout::pick(p, c, slots.get_untracked()))
                    >
                        {move || crate::i18n::chart_chip(c)}
                    </button>
                </For>
            </div>
            <div class="charts" node_ref=charts_el style=move || format!("--cols: {}", columns.get())>
                <For each=move || shown.get() key=|c| *c let:c>
                    <div class="chart-slot" data-chart=c.id() style=move || format!("grid-column: span {0}; --pair-cols: {0}", cells(c))>
                        {match c {
                            Chart::Throughput => view! { <LineChart title="chart-throughput" unit="unit-req-per-s" data=throughput on_pick=pick /> }.into_any(),
                            Chart::Latency => view! { <LineChart title="chart-latency" unit="unit-ms" data=latency on_pick=pick /> }.into_any(),
                            Chart::Errors => view! { <LineChart title="chart-errors" unit="unit-req-per-s" data=errors on_pick=pick /> }.into_any(),
                            Chart::CacheHitRatio => view! { <LineChart title="chart-cache-hit" unit="unit-percent" data=hit_ratio on_pick=pick /> }.into_any(),
                            Chart::CdnHitRatio => view! { <LineChart title="chart-cdn-hit" unit="unit-percent" data=cdn_hit_ratio on_pick=pick /> }.into_any(),
                            Chart::ReplicationLag => view! {
                                <div class="shard-charts">
                                    <LineChart title="chart-replication-lag" unit="unit-ms" data=lag on_pick=pick />
                                    <Show when=move || shows_backlog.get()>
                                        <LineChart title="chart-apply-backlog" unit="unit-writes" data=apply_backlog on_pick=pick />
                                    </Show>
                                </div>
                            }.into_any(),
                            Chart::StaleOwnReads => view! { <LineChart title="chart-stale-own-reads" unit="unit-reads-per-s" data=stale_reads on_pick=pick /> }.into_any(),
                            Chart::QueueBacklog => view! { <LineChart title="chart-queue-backlog" unit="unit-jobs" data=backlog on_pick=pick /> }.into_any(),
                            Chart::Jobs => view! {
                                <div class="shard-charts">
                                    <LineChart title="chart-job-wait" unit="unit-ms" data=job_wait on_pick=pick />
                                    <LineChart title="chart-worker-utilization" unit="unit-percent" data=utilization on_pick=pick />
                                </div>
                            }.into_any(),
                            Chart::Availability => view! { <LineChart title="chart-availability" unit="unit-percent" data=availability on_pick=pick /> }.into_any(),
                            Chart::ShardLoad => view! {
                                <div class="shard-charts">
                                    <For each=move || routers.get() key=|id| *id let:router>
                                        <ShardBars router=router />
                                    </For>
                                </div>
                            }.into_any(),
                            Chart::Cost => view! { <LineChart title="chart-cost" unit="unit-usd-per-hour" data=cost_series on_pick=pick /> }.into_any(),
                        }}
                    </div>
                </For>
            </div>
            <ul class="causes" aria-label=tr!("causes")>
                {move || {
                    causes()
                        .into_iter()
                        .map(|(c, n)| {
                            view! {
                                <li>
                                    <span class=format!("swatch {}", cause_class(c))></span>
                                    <strong>{t_with("cause-count", &[("count", n.into()), ("cause", cause_title(c).into())])}</strong>
                                    ": "
                                    {cause_explanation(c)}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// The run's availability as operators quote it: the share of answered requests answered successfully, its
/// nines and the downtime a year it amounts to (the summary's [`Availability`]).
fn availability_text(completed: u64, failed: u64) -> String {
    let a = Availability::of(completed, failed);
    match a.nines {
        Some(nines) => {
            let h = a.downtime_h_per_year;
            t_with(
                "metrics-availability",
                &[
                    (
                        "percent",
                        crate::i18n::percent(a.requests_answered, 2).into(),
                    ),
                    ("nines", crate::i18n::number(nines, 1).into()),
                    (
                        "hours",
                        crate::i18n::number(h, if h < 10.0 { 2 } else { 0 }).into(),
                    ),
                ],
            )
        }
        None => t_with(
            "metrics-availability-full",
            &[("percent", crate::i18n::percent(1.0, 0).into())],
        ),
    }
}

/// Load per shard of the shard router `router` now, as bars named after the shards' databases.
#[component]
fn ShardBars(router: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let names = crate::probe::memo(move |_| {
        ctx.doc.with(|doc| {
            let title = doc.node(router).map_or_else(String::new, |n| {
                t_with("shard-chart-title", &[("router", n.label.clone().into())])
            });
            let shards = doc
                .targets(router)
                .filter_map(|t| doc.node(t))
                .filter(|n| n.kind() == ComponentKind::Database)
                .map(|n| n.label.clone())
                .collect::<Vec<_>>();
            (title, shards)
        })
    });
    let live = crate::probe::memo(move |_| {
        ctx.frame.with(|f| {
            f.as_ref().and_then(|f| f.node(router)).map(|n| {
                (
                    n.shard_load_rps.clone().unwrap_or_default(),
                    n.hotspot_ratio,
                )
            })
        })
    });
    let bars = Signal::derive(move || {
        let (loads, _) = live.get().unwrap_or_default();
        names.with(|(_, shards)| {
            loads
                .iter()
                .enumerate()
                .map(|(i, &value)| Bar {
                    label: shards
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| t_with("shard-chart-unnamed", &[("n", (i + 1).into())])),
                    value,
                })
                .collect::<Vec<_>>()
        })
    });
    let note = Signal::derive(move || {
        live.get().and_then(|(_, h)| h).map(|h| {
            t_with(
                "shard-chart-hotspot",
                &[("ratio", crate::i18n::number(h, 1).into())],
            )
        })
    });
    view! { <BarChart title=names.get_untracked().0 unit="req/s" bars=bars note=note /> }
}
