//! The request-dots layer, drawn in the canvas's world layer between the edges and the nodes: every edge gets a
//! translucent band whose thickness grows with its rate (log scale) and a rate label; requests travel along the
//! edges as dots, coloured *and* shaped by kind (read ●, write ■, static ▲, job ◆) and drawn red with a ✕ at the
//! end when they failed; a node that fails requests flashes with the reason.
//!
//! Dots are a picture derived from frames, never fed back into the run: each published frame, the per-edge
//! counters' increase says how many requests took each edge; when there are more than the layer can show, each
//! edge gets a share of the budget growing with the square root of its traffic (so a quiet edge still shows dots
//! next to a busy one) and a deterministic accumulator samples its requests, so at most [`MAX_DOTS`] are visible. A dot fails with the share of
//! answers the edge's receiver failed meanwhile. Under `prefers-reduced-motion` or with the switch off, nothing
//! moves: bands, rate labels and failure labels remain.
//!
//! Dots and flashes are updated imperatively (a pool of SVG elements whose attributes change), because hundreds
//! of reactive views re-rendered every animation frame would cost more than the simulation.

use crate::ctx::{Ctx, RunState};
use leptos::prelude::*;
use scalelab_editor::geometry::{inlet, port_center};
use scalelab_editor::{NODE_W, Point};
use sim_core::NodeId;
use sim_core::metrics::{FailureCause, Frame, RequestKind};
use wasm_bindgen::prelude::*;

/// Most dots visible at once.
pub const MAX_DOTS: usize = 200;
/// Dots started per second of real time at most (with about a second per traversal, ~100 dots are visible:
/// separate dots rather than a string of beads).
const SPAWN_PER_S_MAX: f64 = 110.0;
/// How long a failure label stays after a node's last failure, s of real time.
const FLASH_S: f64 = 1.6;
/// How long a failed dot's ✕ stays at the end of its edge, s.
const CROSS_S: f64 = 0.35;
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

/// Band width for an edge carrying `rate_per_s`, world px (0 for an idle edge).
#[must_use]
pub fn band_width_px(rate_per_s: f64) -> f64 {
    if rate_per_s <= 0.0 {
        0.0
    } else {
        (3.0 + 2.4 * (1.0 + rate_per_s).log10()).min(16.0)
    }
}

/// An edge's curve: the same cubic Bézier the edge layer draws.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Curve {
    a: Point,
    c1: Point,
    c2: Point,
    b: Point,
}

impl Curve {
    fn new(a: Point, b: Point) -> Self {
        let dx = ((b.x - a.x).abs() / 2.0).max(30.0);
        Curve {
            a,
            c1: Point::new(a.x + dx, a.y),
            c2: Point::new(b.x - dx, b.y),
            b,
        }
    }

    fn at(&self, t: f64) -> Point {
        let u = 1.0 - t;
        let (w0, w1, w2, w3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        Point::new(
            w0 * self.a.x + w1 * self.c1.x + w2 * self.c2.x + w3 * self.b.x,
            w0 * self.a.y + w1 * self.c1.y + w2 * self.c2.y + w3 * self.b.y,
        )
    }

    fn d(&self) -> String {
        format!(
            "M{:.1} {:.1} C{:.1} {:.1}, {:.1} {:.1}, {:.1} {:.1}",
            self.a.x, self.a.y, self.c1.x, self.c1.y, self.c2.x, self.c2.y, self.b.x, self.b.y
        )
    }

    /// Real seconds a dot takes along it: about 280 px/s, within 0.5–1.6 s.
    fn travel_s(&self) -> f64 {
        (self.a.distance(self.b) * 1.15 / 280.0).clamp(0.5, 1.6)
    }
}

/// Where things are drawn, from the document: edges (sender, receiver, curve) and node top-left corners.
#[derive(Clone, Debug, PartialEq, Default)]
struct Layout {
    edges: Vec<(NodeId, NodeId, Curve)>,
    nodes: Vec<(NodeId, Point)>,
}

impl Layout {
    fn of(doc: &sim_core::Scenario) -> Self {
        Layout {
            edges: doc
                .edges
                .iter()
                .filter_map(|ed| {
                    let (a, b) = (doc.node(ed.from)?, doc.node(ed.to)?);
                    Some((ed.from, ed.to, Curve::new(port_center(a), inlet(b))))
                })
                .collect(),
            nodes: doc
                .nodes
                .iter()
                .map(|n| (n.id, Point::new(n.x, n.y)))
                .collect(),
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Dot {
    edge: usize,
    kind: RequestKind,
    failed: bool,
    age_s: f64,
    travel_s: f64,
}

#[derive(Clone, Copy, Debug, Default)]
struct Flash {
    cause: Option<FailureCause>,
    left_s: f64,
}

/// What the layer remembers between frames (not reactive).
#[derive(Default)]
struct State {
    now_us: Option<u64>,
    last_ms: f64,
    /// Per frame edge: counters at the previous frame, sampling carry per kind, failure carry.
    sent: Vec<[u64; RequestKind::COUNT]>,
    carry: Vec<[f64; RequestKind::COUNT]>,
    fail_carry: Vec<f64>,
    /// Per frame node: (completed, failed, failed here by cause) at the previous frame, smoothed failure share.
    answers: Vec<(u64, u64, [u64; FailureCause::COUNT])>,
    fail_share: Vec<f64>,
    flashes: Vec<Flash>,
    dots: Vec<Dot>,
    /// Frame edge → layout edge, frame node → layout node.
    edge_map: Vec<Option<usize>>,
    node_map: Vec<Option<usize>>,
    /// SVG elements in use for dots (with the shape class they show) and flashes.
    pool: Vec<(web_sys::Element, &'static str)>,
    flash_pool: Vec<web_sys::Element>,
}

impl State {
    fn reset(&mut self) {
        let (pool, flash_pool) = (
            std::mem::take(&mut self.pool),
            std::mem::take(&mut self.flash_pool),
        );
        *self = State {
            pool,
            flash_pool,
            ..State::default()
        };
    }

    /// Maps frame edges and nodes onto the layout (same order unless the document changed mid-run).
    fn map(&mut self, f: &Frame, layout: &Layout) {
        let edges_ok = self.edge_map.len() == f.edges.len()
            && f.edges.iter().zip(&self.edge_map).all(|(e, m)| {
                m.and_then(|i| layout.edges.get(i))
                    .is_some_and(|l| (l.0, l.1) == (e.from, e.to))
            });
        if !edges_ok {
            self.edge_map = f
                .edges
                .iter()
                .map(|e| {
                    layout
                        .edges
                        .iter()
                        .position(|l| (l.0, l.1) == (e.from, e.to))
                })
                .collect();
        }
        let nodes_ok = self.node_map.len() == f.nodes.len()
            && f.nodes.iter().zip(&self.node_map).all(|(n, m)| {
                m.and_then(|i| layout.nodes.get(i))
                    .is_some_and(|l| l.0 == n.id)
            });
        if !nodes_ok {
            self.node_map = f
                .nodes
                .iter()
                .map(|n| layout.nodes.iter().position(|l| l.0 == n.id))
                .collect();
        }
    }

    /// Advances by one published frame, `dt_s` of real time after the previous one.
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    fn step(&mut self, f: &Frame, layout: &Layout, dt_s: f64, moving: bool) {
        if self.now_us.is_some_and(|t| f.now.as_us() < t) || self.sent.len() != f.edges.len() {
            self.reset();
        }
        self.map(f, layout);
        let first = self.now_us.is_none();
        let advanced = self.now_us != Some(f.now.as_us());
        self.now_us = Some(f.now.as_us());
        let dt_s = if advanced { dt_s } else { 0.0 };
        self.sent.resize(f.edges.len(), [0; RequestKind::COUNT]);
        self.carry.resize(f.edges.len(), [0.0; RequestKind::COUNT]);
        self.fail_carry.resize(f.edges.len(), 0.0);
        self.answers
            .resize(f.nodes.len(), (0, 0, [0; FailureCause::COUNT]));
        self.fail_share.resize(f.nodes.len(), 0.0);
        self.flashes.resize(f.nodes.len(), Flash::default());

        // Failure shares and flashes per node.
        for (i, n) in f.nodes.iter().enumerate() {
            let (c0, f0, h0) = self.answers[i];
            let (dc, df) = (n.completed.saturating_sub(c0), n.failed.saturating_sub(f0));
            if !first && dc + df > 0 {
                let share = df as f64 / (dc + df) as f64;
                self.fail_share[i] = 0.7 * self.fail_share[i] + 0.3 * share;
            }
            let fresh = FailureCause::ALL
                .iter()
                .map(|c| {
                    (
                        n.failed_here_by_cause[c.index()].saturating_sub(h0[c.index()]),
                        *c,
                    )
                })
                .max_by_key(|(d, _)| *d)
                .filter(|(d, _)| *d > 0);
            let flash = &mut self.flashes[i];
            flash.left_s = (flash.left_s - dt_s).max(0.0);
            if let (false, Some((_, cause))) = (first, fresh) {
                *flash = Flash {
                    cause: Some(cause),
                    left_s: FLASH_S,
                };
            }
            self.answers[i] = (n.completed, n.failed, n.failed_here_by_cause);
        }

        // Age the dots; drop those that arrived (a failed one lingers as a ✕).
        for d in &mut self.dots {
            d.age_s += dt_s;
        }
        self.dots
            .retain(|d| d.age_s < d.travel_s + if d.failed { CROSS_S } else { 0.0 });
        if !moving {
            self.dots.clear();
        }

        // New dots: the requests each edge carried since the last frame, sampled to the budget.
        let deltas: Vec<[u64; RequestKind::COUNT]> = f
            .edges
            .iter()
            .zip(&self.sent)
            .map(|(e, s)| {
                let mut d = [0; RequestKind::COUNT];
                for k in 0..RequestKind::COUNT {
                    d[k] = e.sent_by_kind[k].saturating_sub(s[k]);
                }
                d
            })
            .collect();
        for (s, e) in self.sent.iter_mut().zip(&f.edges) {
            *s = e.sent_by_kind;
        }
        if first || !moving || dt_s <= 0.0 {
            return;
        }
        let room = MAX_DOTS.saturating_sub(self.dots.len()) as f64;
        let budget = room.min(SPAWN_PER_S_MAX * dt_s);
        let weight = |d: &[u64; RequestKind::COUNT]| (d.iter().sum::<u64>() as f64).sqrt();
        let weights: f64 = deltas.iter().map(weight).sum();
        let to_index = |id: NodeId| f.nodes.iter().position(|n| n.id == id);
        for (e, delta) in deltas.iter().enumerate() {
            let Some(li) = self.edge_map[e] else { continue };
            let sent = delta.iter().sum::<u64>();
            if sent == 0 {
                continue;
            }
            let p = (budget * weight(delta) / weights / sent as f64).min(1.0);
            let curve = layout.edges[li].2;
            let share = to_index(f.edges[e].to).map_or(0.0, |i| self.fail_share[i]);
            for kind in RequestKind::ALL {
                let k = kind.index();
                self.carry[e][k] += delta[k] as f64 * p;
                let n = self.carry[e][k].floor();
                self.carry[e][k] -= n;
                let n = n as usize;
                for j in 0..n {
                    if self.dots.len() >= MAX_DOTS {
                        break;
                    }
                    self.fail_carry[e] += share;
                    let failed = self.fail_carry[e] >= 1.0;
                    if failed {
                        self.fail_carry[e] -= 1.0;
                    }
                    self.dots.push(Dot {
                        edge: li,
                        kind,
                        failed,
                        // Spread over the frame, as if each had started when it was sent.
                        age_s: dt_s * j as f64 / n as f64,
                        travel_s: curve.travel_s(),
                    });
                }
            }
        }
    }
}

fn svg_child(parent: &web_sys::Element, tag: &str) -> Option<web_sys::Element> {
    let el = document().create_element_ns(Some(SVG_NS), tag).ok()?;
    parent.append_child(&el).ok()?;
    Some(el)
}

/// Writes the dots and flashes into the SVG groups.
fn paint(
    st: &mut State,
    layout: &Layout,
    dots_g: &web_sys::Element,
    flash_g: &web_sys::Element,
    fade: bool,
) {
    while st.pool.len() < st.dots.len() {
        let Some(el) = svg_child(dots_g, "path") else {
            break;
        };
        st.pool.push((el, ""));
    }
    for (i, (el, class)) in st.pool.iter_mut().enumerate() {
        let Some(d) = st.dots.get(i) else {
            if !class.is_empty() {
                let _ = el.set_attribute("class", "dot off");
                *class = "";
            }
            continue;
        };
        let Some((_, _, curve)) = layout.edges.get(d.edge) else {
            continue;
        };
        let arrived = d.age_s >= d.travel_s;
        let p = curve.at((d.age_s / d.travel_s).min(1.0));
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
    while st.flash_pool.len() < st.flashes.len() {
        let Some(el) = svg_child(flash_g, "text") else {
            break;
        };
        let _ = el.set_attribute("class", "flash");
        let _ = el.set_attribute("text-anchor", "middle");
        st.flash_pool.push(el);
    }
    for (i, el) in st.flash_pool.iter().enumerate() {
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
                let _ = el.set_attribute("data-cause", cause.id());
                el.set_text_content(Some(&format!("✕ {}", cause.title())));
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

/// The layer (`data-testid="dots"`, with `data-dots` = dots visible and `data-moving` = whether dots move).
#[component]
pub fn DotsLayer() -> impl IntoView {
    let ctx = Ctx::expect();
    let switch = animation_switch();
    let layout = Memo::new(move |_| ctx.editor.with(|e| Layout::of(e.doc())));
    // Rate per layout edge over the last window (changes once per sim second).
    let rates = Memo::new(move |_| {
        ctx.frame.with(|f| {
            layout.with(|l| {
                l.edges
                    .iter()
                    .enumerate()
                    .map(|(i, (a, b, _))| {
                        // Same order as the frame unless the document changed mid-run: search only then.
                        f.as_ref()
                            .and_then(|f| {
                                f.edges
                                    .get(i)
                                    .filter(|e| (e.from, e.to) == (*a, *b))
                                    .or_else(|| f.edge(*a, *b))
                            })
                            .map_or(0.0, sim_core::metrics::EdgeFrame::rate_per_s)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // Bands under the dots, rate labels over them.
    let active = move || {
        layout.with(|l| {
            rates.with(|r| {
                l.edges
                    .iter()
                    .zip(r)
                    .filter(|(_, r)| **r > 0.0)
                    .map(|((_, _, c), &rate)| (*c, rate))
                    .collect::<Vec<_>>()
            })
        })
    };
    let bands = move || {
        active()
            .into_iter()
            .map(|(c, rate)| {
                view! { <path class="band" d=c.d() stroke-width=format!("{:.1}", band_width_px(rate)) /> }
            })
            .collect_view()
    };
    let labels = move || {
        active()
            .into_iter()
            .map(|(c, rate)| {
                let mid = c.at(0.5);
                view! {
                    <text class="rate" x=format!("{:.1}", mid.x) y=format!("{:.1}", mid.y - 8.0) text-anchor="middle">
                        {format!("{}/s", crate::format::compact(rate))}
                    </text>
                }
            })
            .collect_view()
    };
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let dots_g = NodeRef::<leptos::svg::G>::new();
    let flash_g = NodeRef::<leptos::svg::G>::new();
    let state = StoredValue::new_local(State::default());
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
                    paint(st, l, &dots_g, &flash_g, moving);
                    let _ = svg.set_attribute("data-dots", &st.dots.len().to_string());
                    let _ = svg.set_attribute("data-moving", if moving { "true" } else { "false" });
                });
            });
        });
    });
    view! {
        <svg class="dots" width="1" height="1" aria-hidden="true" data-testid="dots" data-dots="0" node_ref=svg>
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
                    {k.id()}
                </span>
            }
        })
        .collect_view();
    view! {
        <div class="dots-switch">
            <label title="Draw requests as dots moving along the connections (a sample when traffic is heavy)">
                <input type="checkbox" data-testid="dots-toggle" prop:checked=move || checked.get() on:change=on_change />
                " Request dots"
            </label>
            <span class="dot-legend" aria-label="Dot shapes: circle read, square write, triangle static file, diamond job; red with a cross: failed">
                {legend}
                <span class="dot-key">
                    <svg viewBox="-7 -7 14 14" width="12" height="12" aria-hidden="true">
                        <path class="dot x" d=CROSS />
                    </svg>
                    "failed"
                </span>
            </span>
            {reduced.then(|| view! { <span class="hint">"Reduced motion: edge rates only"</span> })}
        </div>
    }
}

// Unit tests of the app crate run under wasm-bindgen-test (in Node), as plain `#[test]`s are not run there.
#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn bands_grow_with_the_rate_and_stay_bounded() {
        assert_eq!(band_width_px(0.0), 0.0);
        assert!(band_width_px(10.0) < band_width_px(1_000.0));
        assert!(band_width_px(1e9) <= 16.0);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn curves_start_and_end_at_their_ports() {
        let c = Curve::new(Point::new(0.0, 0.0), Point::new(100.0, 50.0));
        assert_eq!(c.at(0.0), Point::new(0.0, 0.0));
        assert_eq!(c.at(1.0), Point::new(100.0, 50.0));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn sampling_caps_the_dots_and_nothing_moves_without_motion() {
        let doc = sim_core::scenario::presets::get("three_tier").expect("preset");
        let layout = Layout::of(&doc);
        let mut sim = sim_core::Simulation::new(&doc).expect("valid");
        let mut st = State::default();
        // Ten sim seconds at 1× speed, one frame per 1/60 s.
        for i in 1..=600u64 {
            sim.step_until(sim_core::SimTime(i * 16_667), u64::MAX);
            st.step(&sim.frame(), &layout, 1.0 / 60.0, true);
            assert!(st.dots.len() <= MAX_DOTS);
        }
        assert!(!st.dots.is_empty(), "traffic makes dots");
        let kinds: Vec<RequestKind> = st.dots.iter().map(|d| d.kind).collect();
        assert!(kinds.contains(&RequestKind::Read));
        sim.step_until(sim_core::SimTime(601 * 16_667), u64::MAX);
        st.step(&sim.frame(), &layout, 1.0 / 60.0, false);
        assert!(
            st.dots.is_empty(),
            "reduced motion or the switch clears the dots"
        );
    }
}
