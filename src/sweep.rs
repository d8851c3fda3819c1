//! The load sweep panel: runs the document at a range of values of one setting, a few seeds each, in slices of
//! each animation frame with a progress bar and Cancel — on copies of the document, never the learner's own run —
//! and draws p50/p95/p99 latency, error ratio and cost against that setting with the knee marked. The sweep's
//! setting, range and counts are the document's `sweep` (shared with the link); the stepping and charts are
//! `scalelab_shell::sweep`. Also [`SweepButton`], the inspector's way in.

use crate::charts::LineChart;
use crate::ctx::Ctx;
use crate::modal::Modal;
use leptos::prelude::*;
use scalelab_shell::sweep::{Knee, SweepDriver, Swept, charts, knee, value_text};
use sim_core::NodeId;
use sim_core::scenario::Edit;
use sim_core::sweep::{Sweep, SweepResult};

/// Real time a frame gives the sweep, ms (the rest of a 60 Hz frame is left to drawing).
const FRAME_BUDGET_MS: f64 = 10.0;
/// Events per slice within a frame's budget.
const SLICE_EVENTS: u64 = 20_000;

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Where the panel's sweep is.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    /// Nothing started (or cancelled).
    Idle,
    /// Running: share done, 0–1.
    Running(f64),
    /// Finished.
    Done,
    /// Refused or failed: the sentence.
    Failed(String),
}

/// The panel's runtime: the driver (not reactive) and what it publishes once per frame. `Copy`.
#[derive(Clone, Copy)]
struct SweepUi {
    driver: StoredValue<Option<SweepDriver>>,
    generation: StoredValue<u64>,
    status: RwSignal<Status>,
    result: RwSignal<Option<SweepResult>>,
}

impl SweepUi {
    fn new() -> Self {
        SweepUi {
            driver: StoredValue::new(None),
            generation: StoredValue::new(0),
            status: RwSignal::new(Status::Idle),
            result: RwSignal::new(None),
        }
    }

    /// Drops the sweep under way (if any): cancel.
    fn cancel(self) {
        self.generation.set_value(self.generation.get_value() + 1);
        self.driver.set_value(None);
        if matches!(self.status.get_untracked(), Status::Running(_)) {
            self.status.set(Status::Idle);
        }
    }

    fn start(self, ctx: Ctx) {
        self.cancel();
        let doc = ctx.doc.get_untracked();
        let Some(sweep) = doc.sweep.clone() else {
            return;
        };
        match SweepDriver::new(&doc, &sweep) {
            Err(e) => self.status.set(Status::Failed(capitalized(&e.to_string()))),
            Ok(d) => {
                self.driver.set_value(Some(d));
                self.result.set(None);
                self.status.set(Status::Running(0.0));
                let generation = self.generation.get_value();
                request_animation_frame(move || self.tick(generation));
            }
        }
    }

    /// One animation frame: slices until the frame's budget is spent, then one publish.
    fn tick(self, generation: u64) {
        if self.generation.get_value() != generation {
            return;
        }
        let began = now_ms();
        let mut last = None;
        while now_ms() - began < FRAME_BUDGET_MS {
            let out = self
                .driver
                .try_update_value(|d| d.as_mut().map(|d| d.slice(SLICE_EVENTS)))
                .flatten();
            let running = matches!(out, Some(Swept::Running(..)));
            last = out;
            if !running {
                break;
            }
        }
        match last {
            Some(Swept::Running(p, r)) => {
                if self.result.with_untracked(|old| old.as_ref() != Some(&r)) {
                    self.result.set(Some(r));
                }
                self.status.set(Status::Running(p));
                request_animation_frame(move || self.tick(generation));
            }
            Some(Swept::Done(r)) => {
                self.driver.set_value(None);
                self.result.set(Some(r));
                self.status.set(Status::Done);
            }
            Some(Swept::Failed(e)) => {
                self.driver.set_value(None);
                self.status.set(Status::Failed(capitalized(&e)));
            }
            None => {}
        }
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Sets the document's sweep to one of `node`'s `field` and opens the panel.
fn open_for(ctx: Ctx, node: NodeId, field: &str) {
    let sweep = ctx
        .doc
        .with_untracked(|d| Sweep::for_setting(d, node, field).ok());
    if let Some(sweep) = sweep {
        let same = ctx.doc.with_untracked(|d| d.sweep.as_ref() == Some(&sweep));
        if !same {
            let _ = ctx.dispatch(Edit::SetSweep(Some(Box::new(sweep))));
        }
        ctx.sweep_open.set(true);
    }
}

/// Opens the panel on the document's sweep, or on the default one (the client's arrival rate) when it has none.
pub fn open(ctx: Ctx) {
    let has = ctx.doc.with_untracked(|d| d.sweep.is_some());
    if !has && let Some(s) = ctx.doc.with_untracked(Sweep::default_for) {
        let _ = ctx.dispatch(Edit::SetSweep(Some(Box::new(s))));
    }
    ctx.sweep_open.set(true);
}

/// The inspector's way in: a choice of the node's numeric settings (its arrival rate first for a client) and a
/// Sweep button.
#[component]
pub fn SweepButton(id: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let (kind, fields): (
        Option<sim_core::ComponentKind>,
        Vec<(&'static str, &'static str)>,
    ) = ctx.doc.with_untracked(|d| {
        d.node(id).map_or((None, Vec::new()), |n| {
            let fields = n
                .config
                .numbers()
                .into_iter()
                .map(|(s, _)| (s.name, s.label))
                .collect();
            (Some(n.kind()), fields)
        })
    });
    let Some(kind) = kind else {
        return ().into_any();
    };
    let Some(&(first, _)) = fields.first() else {
        return ().into_any();
    };
    let chosen = RwSignal::new(first.to_owned());
    let select_id = format!("sweep-field-{}", id.0);
    view! {
        <div class="field sweep-entry">
            <label for=select_id.clone()>{crate::tr!("sweep-entry")}</label>
            <span class="field-input">
                <select id=select_id data-testid="sweep-field" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {fields
                        .into_iter()
                        .map(|(name, label)| {
                            view! { <option value=name>{move || crate::i18n::setting_label(kind, name, label)}</option> }
                        })
                        .collect_view()}
                </select>
                <button
                    type="button"
                    class="small"
                    data-testid="sweep-open"
                    title=crate::tr!("sweep-entry-title")
                    on:click=move |_| open_for(ctx, id, &chosen.get_untracked())
                >
                    {crate::tr!("sweep-entry-open")}
                </button>
            </span>
        </div>
    }
    .into_any()
}

/// One number of the sweep document (from, to, values, seeds); `label` is its message id.
#[component]
fn SweepNumber(
    label: &'static str,
    testid: &'static str,
    get: fn(&Sweep) -> f64,
    set: fn(&mut Sweep, f64),
    #[prop(optional)] unit: Option<Signal<String>>,
) -> impl IntoView {
    let ctx = Ctx::expect();
    let value = crate::probe::memo(move |_| ctx.doc.with(|d| d.sweep.as_ref().map(get)));
    let html_id = format!("sweep-{testid}");
    view! {
        <div class="field">
            <label for=html_id.clone()>{move || crate::i18n::t(label)}</label>
            <span class="field-input">
                <input
                    id=html_id
                    type="number"
                    step="any"
                    data-testid=testid
                    prop:value=move || value.get().map(|v| v.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        if let (Ok(v), Some(mut s)) = (
                            event_target_value(&ev).trim().parse::<f64>(),
                            ctx.doc.with_untracked(|d| d.sweep.clone()),
                        ) {
                            set(&mut s, v);
                            let _ = ctx.dispatch(Edit::SetSweep(Some(Box::new(s))));
                        }
                    }
                />
                {unit.map(|u| view! { <span class="unit">{u}</span> })}
            </span>
        </div>
    }
}

/// The panel, shown while `ctx.sweep_open` is set; closing it cancels a sweep under way.
#[component]
pub fn SweepPanel() -> impl IntoView {
    let ctx = Ctx::expect();
    let ui = SweepUi::new();
    Effect::new(move |_| {
        if !ctx.sweep_open.get() {
            ui.cancel();
        }
    });
    // What is swept, in words: "Arrival rate of Users", and the unit.
    let setting = crate::probe::memo(move |_| {
        ctx.doc.with(|d| {
            let s = d.sweep.as_ref()?;
            let spec = s.spec(d).ok()?;
            let node = d.node(s.node)?;
            Some((
                crate::i18n::t_with(
                    "sweep-what",
                    &[
                        (
                            "setting",
                            crate::i18n::setting_label(node.kind(), spec.name, spec.label).into(),
                        ),
                        ("node", node.label.clone().into()),
                    ],
                ),
                spec.unit,
            ))
        })
    });
    let unit = Signal::derive(move || {
        setting
            .get()
            .map(|s| crate::i18n::unit_text(s.1))
            .unwrap_or_default()
    });
    let unit_static = move || setting.get().map_or("", |s| s.1);
    let data = Signal::derive(move || {
        ui.result
            .get()
            .map(|r| charts(&r, unit_static()))
            .unwrap_or_default()
    });
    let chart = move |i: usize| Signal::derive(move || data.get()[i].clone());
    let running = move || matches!(ui.status.get(), Status::Running(_));
    let progress = move || match ui.status.get() {
        Status::Running(p) => p,
        Status::Done => 1.0,
        _ => 0.0,
    };
    let status_text = move || match ui.status.get() {
        Status::Idle => ui.result.with(|r| {
            if r.is_some() {
                crate::i18n::t("sweep-cancelled")
            } else {
                crate::i18n::t("sweep-idle")
            }
        }),
        Status::Running(p) => crate::i18n::t_with(
            "sweep-running",
            &[("percent", crate::i18n::percent(p, 0).into())],
        ),
        Status::Done => ui.result.with(|r| {
            r.as_ref()
                .map(|r| knee_text(knee(r), unit_static()))
                .unwrap_or_default()
        }),
        Status::Failed(e) => e,
    };
    let rows = move || {
        ui.result.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.points
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let knee = r.knee == Some(i);
                            view! {
                                <tr class:knee=knee data-testid="sweep-point">
                                    <th scope="row">{format!("{}{}", value_text(p.value), if knee { crate::i18n::t("sweep-knee-mark") } else { String::new() })}</th>
                                    <td>{format!("{:.0}", p.latency_ms_p50)}</td>
                                    <td>{format!("{:.0}", p.latency_ms_p95)}</td>
                                    <td>{format!("{:.0}", p.latency_ms_p99)}</td>
                                    <td>{crate::i18n::percent(p.error_ratio, 1)}</td>
                                    <td>{format!("{:.3}", p.cost_per_hour)}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                })
        })
    };
    view! {
        <Modal open=ctx.sweep_open title_key="sweep-title" id="sweep" testid="sweep-panel" class="sweep-panel">
            <p class="explain">
                {move || setting.get().map_or_else(
                    || crate::i18n::t("sweep-gone"),
                    |(what, _)| crate::i18n::t_with("sweep-explain", &[("what", what.into())]),
                )}
            </p>
            <div class="sweep-fields">
                <SweepNumber label="sweep-from" testid="sweep-from" get=|s| s.from set=|s, v| s.from = v unit=unit />
                <SweepNumber label="sweep-to" testid="sweep-to" get=|s| s.to set=|s, v| s.to = v unit=unit />
                <SweepNumber label="sweep-points" testid="sweep-points" get=|s| f64::from(s.points) set=|s, v| s.points = whole(v) />
                <SweepNumber label="sweep-seeds" testid="sweep-seeds" get=|s| f64::from(s.seeds) set=|s, v| s.seeds = whole(v) />
            </div>
            <div class="sweep-actions">
                <button type="button" class="primary" data-testid="sweep-run" disabled=running on:click=move |_| ui.start(ctx)>
                    {move || if ui.result.with(Option::is_some) { crate::i18n::t("sweep-run-again") } else { crate::i18n::t("sweep-run") }}
                </button>
                <button type="button" data-testid="sweep-cancel" disabled=move || !running() on:click=move |_| ui.cancel()>
                    {crate::tr!("sweep-cancel")}
                </button>
                <button
                    type="button"
                    class="small"
                    title=crate::tr!("sweep-default-title")
                    on:click=move |_| {
                        if let Some(s) = ctx.doc.with_untracked(Sweep::default_for) {
                            let _ = ctx.dispatch(Edit::SetSweep(Some(Box::new(s))));
                        }
                    }
                >
                    {crate::tr!("sweep-default")}
                </button>
                <progress max="1" prop:value=progress data-testid="sweep-progress" aria-label=crate::tr!("sweep-progress")></progress>
            </div>
            <p class="sweep-status" role="status" data-testid="sweep-status" class:failed=move || matches!(ui.status.get(), Status::Failed(_))>
                {status_text}
            </p>
            <Show when=move || ui.result.with(Option::is_some)>
                <div class="sweep-charts" data-testid="sweep-charts">
                    <LineChart title="chart-latency" unit="unit-ms" data=chart(0) />
                    <LineChart title="metrics-errors" unit="unit-percent" data=chart(1) />
                    <LineChart title="chart-cost" unit="unit-usd-per-hour" data=chart(2) />
                </div>
                <table class="sweep-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || unit.get()}</th>
                            <th scope="col">"p50 ms"</th>
                            <th scope="col">"p95 ms"</th>
                            <th scope="col">"p99 ms"</th>
                            <th scope="col">{crate::tr!("sweep-col-errors")}</th>
                            <th scope="col">{crate::tr!("sweep-col-cost")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </Show>
        </Modal>
    }
}

/// The knee as a sentence in the page's language (English as `knee_sentence` writes it).
fn knee_text(knee: Knee, unit: &str) -> String {
    use crate::i18n::{number, percent, t, t_with, unit_text};
    match knee {
        Knee::None => t("sweep-knee-none"),
        Knee::Errors { value, error_ratio } => t_with(
            "sweep-knee-errors",
            &[
                ("value", value_text(value).into()),
                ("unit", unit_text(unit).into()),
                ("percent", percent(error_ratio, 1).into()),
            ],
        ),
        Knee::Latency {
            value,
            from_ms,
            to_ms,
        } => t_with(
            "sweep-knee-latency",
            &[
                ("value", value_text(value).into()),
                ("unit", unit_text(unit).into()),
                ("from", number(from_ms, 0).into()),
                ("to", number(to_ms, 0).into()),
            ],
        ),
    }
}

/// A typed count as a whole number (out-of-range counts are kept so the check can say what is wrong).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to u32 first
fn whole(v: f64) -> u32 {
    v.round().clamp(0.0, f64::from(u32::MAX)) as u32
}
