//! The request-dots layer, drawn in the canvas's world layer between the edges and the nodes: every edge gets a
//! translucent band whose thickness grows with its rate (log scale) and a rate label; requests travel along the
//! edges as dots, coloured *and* shaped by kind (read ●, write ■, static ▲, job ◆) and drawn red with a ✕ at the
//! end when they failed; a node that fails requests flashes with the reason.
//!
//! Dots are a picture derived from frames, never fed back into the run: which dots exist, where and whether they
//! failed is decided by the DOM-free sampler ([`scalelab_shell::dots`], natively tested); this layer paints it.
//! Under `prefers-reduced-motion` or with the switch off, nothing moves: bands, rate labels and failure labels
//! remain.
//!
//! Dots and flashes are updated imperatively (a pool of SVG elements whose attributes change), because hundreds
//! of reactive views re-rendered every animation frame would cost more than the simulation.
//!
//! The layer also draws what the run does beyond the diagram ([`scalelab_shell::dots`] has the details): **routes** (dashed,
//! the hops requests take over no drawn edge: browser → the address its DNS answered, web server → a replica or
//! the replica promoted to primary), **lookups** (dots go to a DNS and come back), and **replication streams**
//! from each replica set's current primary to the replicas following it, so a promotion redraws who follows whom.

use crate::ctx::{Ctx, RunState};
use leptos::prelude::*;
use scalelab_editor::NODE_W;
use scalelab_editor::geometry::{inlet, port_center};
use scalelab_shell::dots::{Curve, FLASH_S, Layout, State, band_width_px};
use sim_core::metrics::{Health, RequestKind};
use wasm_bindgen::prelude::*;

/// `localStorage` key of the switch.
const STORAGE_KEY: &str = "scalelab.dots";
const SVG_NS: &str = "http://www.w3.org/2000/svg";

#[wasm_bindgen]
extern "C" {
    type MotionQuery;
    #[wasm_bindgen(catch, js_namespace = window, js_name = matchMedia)]
    fn match_media(query: &str) -> Result<MotionQuery, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn matches(this: &MotionQuery) -> bool;
}

thread_local! {
    static ANIMATE: ArcRwSignal<bool> = ArcRwSignal::new(
        window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .is_none_or(|v| v != "off"),
    );
    static REDUCED: Option<MotionQuery> = match_media("(prefers-reduced-motion: reduce)").ok();
}

/// The request-dots switch (on unless the user turned it off; remembered in `localStorage`).
#[must_use]
pub fn animation_switch() -> ArcRwSignal<bool> {
    ANIMATE.with(Clone::clone)
}

/// Whether the user asked the system for reduced motion (read live, so emulation and settings changes apply).
#[must_use]
pub fn prefers_reduced_motion() -> bool {
    REDUCED.with(|q| q.as_ref().is_some_and(MotionQuery::matches))
}

/// The SVG path of a dot of `kind` centred on the origin (world px).
#[must_use]
pub fn shape(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Read => "M-4.5 0a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0z",
        RequestKind::Write => "M-4 -4h8v8h-8z",
        RequestKind::Static => "M0 -5.2L5 3.6H-5z",
        RequestKind::Job => "M0 -5.5L5.5 0L0 5.5L-5.5 0z",
    }
}

const CROSS: &str = "M-4 -4L4 4M4 -4L-4 4";

fn svg_child(parent: &web_sys::Element, tag: &str) -> Option<web_sys::Element> {
    let el = document().create_element_ns(Some(SVG_NS), tag).ok()?;
    parent.append_child(&el).ok()?;
    Some(el)
}

/// SVG elements in use for dots (with the class they show) and flashes, reused from frame to frame.
#[derive(Default)]
struct Pool {
    dots: Vec<(web_sys::Element, &'static str)>,
    flashes: Vec<web_sys::Element>,
}

/// Writes the dots and flashes into the SVG groups.
fn paint(
    st: &State,
    pool: &mut Pool,
    layout: &Layout,
    dots_g: &web_sys::Element,
    flash_g: &web_sys::Element,
    fade: bool,
) {
    while pool.dots.len() < st.dots.len() {
        let Some(el) = svg_child(dots_g, "path") else {
            break;
        };
        pool.dots.push((el, ""));
    }
    for (i, (el, class)) in pool.dots.iter_mut().enumerate() {
        let Some(d) = st.dots.get(i) else {
            if !class.is_empty() {
                let _ = el.set_attribute("class", "dot off");
                *class = "";
            }
            continue;
        };
        let Some(path) = layout.paths.get(d.path) else {
            continue;
        };
        let arrived = d.age_s >= d.travel_s;
        let p = d.position(path);
        let want: &'static str = match (arrived && d.failed, d.failed, d.kind) {
            (true, _, _) => "dot x",
            (false, true, RequestKind::Read) => "dot read failed",
            (false, true, RequestKind::Write) => "dot write failed",
            (false, true, RequestKind::Static) => "dot static failed",
            (false, true, RequestKind::Job) => "dot job failed",
            (false, false, RequestKind::Read) => "dot read",
            (false, false, RequestKind::Write) => "dot write",
            (false, false, RequestKind::Static) => "dot static",
            (false, false, RequestKind::Job) => "dot job",
        };
        if *class != want {
            let _ = el.set_attribute("class", want);
            let _ = el.set_attribute(
                "d",
                if want == "dot x" {
                    CROSS
                } else {
                    shape(d.kind)
                },
            );
            *class = want;
        }
        let _ = el.set_attribute("transform", &format!("translate({:.1} {:.1})", p.x, p.y));
    }
    while pool.flashes.len() < st.flashes.len() {
        let Some(el) = svg_child(flash_g, "text") else {
            break;
        };
        let _ = el.set_attribute("class", "flash");
        let _ = el.set_attribute("text-anchor", "middle");
        pool.flashes.push(el);
    }
    for (i, el) in pool.flashes.iter().enumerate() {
        let flash = st.flashes.get(i).copied().unwrap_or_default();
        let at = st
            .node_map
            .get(i)
            .copied()
            .flatten()
            .and_then(|n| layout.nodes.get(n));
        match (flash.cause, at) {
            (Some(cause), Some((_, p))) if flash.left_s > 0.0 => {
                let _ = el.set_attribute("x", &format!("{:.1}", p.x + NODE_W / 2.0));
                let _ = el.set_attribute("y", &format!("{:.1}", p.y - 7.0));
                let opacity = if fade {
                    (flash.left_s / FLASH_S).sqrt()
                } else {
                    1.0
                };
                let _ = el.set_attribute("opacity", &format!("{opacity:.2}"));
                // The words only when the cause changes: a message lookup per flash and frame is wasted work.
                if el.get_attribute("data-cause").as_deref() != Some(cause.id())
                    || el.text_content().is_none_or(|t| t.is_empty())
                {
                    let _ = el.set_attribute("data-cause", cause.id());
                    let title = untrack(|| crate::i18n::cause_title(cause));
                    el.set_text_content(Some(&format!("✕ {title}")));
                }
            }
            _ => {
                if el.get_attribute("opacity").as_deref() != Some("0") {
                    let _ = el.set_attribute("opacity", "0");
                    el.set_text_content(None);
                }
            }
        }
    }
}

/// A stream of data between databases that is not a request: replication from the current primary to a running
/// replica following it, or keys copied from one shard to another during a resharding.
#[derive(Clone, Debug, PartialEq)]
struct Stream {
    curve: Curve,
    /// `"replication"` or `"migration"` (CSS class and test id).
    kind: &'static str,
    /// Whether the replica set's configured primary was replaced (the stream starts at a promoted replica).
    promoted: bool,
    /// Tooltip.
    title: String,
}

/// The layer (`data-testid="dots"`, with `data-dots` = dots visible and `data-moving` = whether dots move).
#[component]
pub fn DotsLayer() -> impl IntoView {
    let ctx = Ctx::expect();
    let switch = animation_switch();
    // Routes appear a few times per run at most: the layout is rebuilt only then (or when the diagram changes).
    let routes = crate::probe::memo(move |_| {
        ctx.frame
            .with(|f| f.as_ref().map(Layout::routes_of).unwrap_or_default())
    });
    let layout = crate::probe::memo(move |_| {
        // Nothing is drawn before a run; during one the paths follow the nodes, live during a drag.
        if ctx.run.get() == RunState::Idle {
            return Layout::default();
        }
        ctx.doc.track();
        ctx.moved.track();
        routes.with(|r| ctx.editor.with_untracked(|e| Layout::of(e.doc(), r)))
    });
    // Rate per layout path over the last window (changes once per sim second).
    let rates = crate::probe::memo(move |_| {
        ctx.frame.with(|f| {
            layout.with(|l| {
                l.paths
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        // Same order as the frame unless the document changed mid-run: search only then.
                        f.as_ref()
                            .and_then(|f| {
                                f.edges
                                    .get(i)
                                    .filter(|e| (e.from, e.to) == (p.from, p.to))
                                    .or_else(|| f.edge(p.from, p.to))
                            })
                            .map_or(0.0, sim_core::metrics::EdgeFrame::rate_per_s)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // Bands under the dots, rate labels over them; a route is drawn (dashed) while it carries traffic.
    let active = move || {
        layout.with(|l| {
            rates.with(|r| {
                l.paths
                    .iter()
                    .zip(r)
                    .filter(|(_, r)| **r > 0.0)
                    .map(|(p, &rate)| (p.curve, rate, p.route))
                    .collect::<Vec<_>>()
            })
        })
    };
    let bands = move || {
        active()
            .into_iter()
            .map(|(c, rate, route)| {
                view! {
                    {route.then(|| view! { <path class="route" data-testid="route" d=c.d() /> })}
                    <path class="band" d=c.d() stroke-width=format!("{:.1}", band_width_px(rate)) />
                }
            })
            .collect_view()
    };
    let labels = move || {
        active()
            .into_iter()
            .map(|(c, rate, _)| {
                let mid = c.at(0.5);
                view! {
                    <text class="rate" x=format!("{:.1}", mid.x) y=format!("{:.1}", mid.y - 8.0) text-anchor="middle">
                        {format!("{}/s", crate::i18n::compact(rate))}
                    </text>
                }
            })
            .collect_view()
    };
    // Who replicates from whom now (from each set's current primary to every running member following it), and
    // which shards copy keys to which while a resharding runs.
    let streams = crate::probe::memo(move |_| {
        ctx.frame.with(|f| {
            let Some(f) = f else { return Vec::new() };
            ctx.doc.track();
            ctx.moved.track();
            ctx.editor.with_untracked(|e| {
                let doc = e.doc();
                let curve = |a, b| Some(Curve::new(port_center(doc.node(a)?), inlet(doc.node(b)?)));
                let running = |m| {
                    f.node(m)
                        .is_some_and(|n| !matches!(n.health, Health::Down | Health::DownUndetected))
                };
                let replication = f.replica_sets.iter().flat_map(|set| {
                    set.members
                        .iter()
                        .filter(move |&&m| m != set.primary && running(m))
                        .filter_map(move |&m| {
                            Some(Stream {
                                curve: curve(set.primary, m)?,
                                kind: "replication",
                                promoted: set.promoted(),
                                title: crate::i18n::t("dots-replication-title"),
                            })
                        })
                });
                let migration = f.nodes.iter().flat_map(|r| {
                    let progress = r.migration_progress.unwrap_or(0.0);
                    r.migration_flows.iter().filter_map(move |&(a, b)| {
                        Some(Stream {
                            curve: curve(a, b)?,
                            kind: "migration",
                            promoted: false,
                            title: crate::i18n::t_with(
                                "dots-migration-title",
                                &[("percent", crate::i18n::percent(progress, 0).into())],
                            ),
                        })
                    })
                });
                replication.chain(migration).collect::<Vec<_>>()
            })
        })
    });
    let stream_views = move || {
        streams
            .get()
            .into_iter()
            .map(|s| {
                view! {
                    <path class=s.kind class:promoted=s.promoted data-testid=s.kind d=s.curve.d()>
                        <title>{s.title}</title>
                    </path>
                }
            })
            .collect_view()
    };
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let dots_g = NodeRef::<leptos::svg::G>::new();
    let flash_g = NodeRef::<leptos::svg::G>::new();
    let state = StoredValue::new_local(State::default());
    let pool = StoredValue::new_local(Pool::default());
    let moving_class = {
        let switch = switch.clone();
        move || switch.get() && ctx.run.get() == RunState::Running
    };
    Effect::new(move |_| {
        // A finished run's dots would hang mid-edge forever: clear them (a paused run's stay, frozen).
        let finished = ctx.run.get() == RunState::Finished;
        let moving = switch.get() && !prefers_reduced_motion() && !finished;
        let (Some(svg), Some(dots_g), Some(flash_g)) = (svg.get(), dots_g.get(), flash_g.get())
        else {
            return;
        };
        let now_ms = window().performance().map_or(0.0, |p| p.now());
        layout.with(|l| {
            ctx.frame.with(|f| {
                state.update_value(|st| {
                    match f {
                        Some(f) => {
                            let dt_s = ((now_ms - st.last_ms) / 1000.0).clamp(0.0, 0.1);
                            st.step(f, l, dt_s, moving);
                        }
                        None => st.reset(),
                    }
                    st.last_ms = now_ms;
                    pool.update_value(|pool| paint(st, pool, l, &dots_g, &flash_g, moving));
                    let _ = svg.set_attribute("data-dots", &st.dots.len().to_string());
                    let _ = svg.set_attribute("data-moving", if moving { "true" } else { "false" });
                });
            });
        });
    });
    view! {
        <svg class="dots" class:moving=moving_class width="1" height="1" aria-hidden="true" data-testid="dots" data-dots="0" node_ref=svg>
            <g class="streams">{stream_views}</g>
            <g class="bands">{bands}</g>
            <g class="dot-pool" node_ref=dots_g></g>
            <g class="rates">{labels}</g>
            <g class="flashes" node_ref=flash_g></g>
        </svg>
    }
}

/// The switch for the dots and their legend, for the metrics panel.
#[component]
pub fn DotsSwitch() -> impl IntoView {
    let switch = animation_switch();
    let checked = switch.clone();
    let on_change = move |e: leptos::ev::Event| {
        let on = event_target_checked(&e);
        switch.set(on);
        if let Ok(Some(s)) = window().local_storage() {
            let _ = s.set_item(STORAGE_KEY, if on { "on" } else { "off" });
        }
    };
    let reduced = prefers_reduced_motion();
    let legend = RequestKind::ALL
        .iter()
        .map(|&k| {
            view! {
                <span class="dot-key">
                    <svg viewBox="-7 -7 14 14" width="12" height="12" aria-hidden="true">
                        <path class=format!("dot {}", k.id()) d=shape(k) />
                    </svg>
                    {move || crate::i18n::request_kind(k)}
                </span>
            }
        })
        .collect_view();
    view! {
        <div class="dots-switch">
            <label title=crate::tr!("dots-title")>
                <input type="checkbox" data-testid="dots-toggle" prop:checked=move || checked.get() on:change=on_change />
                " "
                {crate::tr!("dots")}
            </label>
            <span class="dot-legend" aria-label=crate::tr!("dots-legend")>
                {legend}
                <span class="dot-key">
                    <svg viewBox="-7 -7 14 14" width="12" height="12" aria-hidden="true">
                        <path class="dot x" d=CROSS />
                    </svg>
                    {crate::tr!("dots-failed")}
                </span>
            </span>
            {reduced.then(|| view! { <span class="hint">{crate::tr!("dots-reduced")}</span> })}
        </div>
    }
}
