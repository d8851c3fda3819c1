//! A small hand-written SVG line chart: several series over the same x positions (one-second windows), a y axis
//! scaled to a "nice" maximum with its unit, and an x axis in sim seconds (or in a swept setting's values, with
//! a marked point: the load sweep's knee). Hovering (or focusing the chart and
//! pressing ←/→, Home, End) shows a vertical rule and a tooltip with every series' value at that second; clicking
//! (or Enter) picks that second, which the metrics panel uses to rewind the run. The geometry and the words are
//! [`scalelab_shell::plot`].
use crate::i18n::{t, t_attr};
use leptos::ev;
use leptos::prelude::*;
use scalelab_shell::plot::{
    BOTTOM, H, LEFT, TOP, W, band_x, index_at, nice_max, segments, tip_text, x_of,
};

pub use scalelab_shell::plot::{ChartData, Series};

/// The chart.
#[component]
pub fn LineChart(
    /// Heading, a message id of the catalogs.
    title: &'static str,
    /// Unit of the y axis, a message id of the catalogs.
    unit: &'static str,
    /// Data, re-read on every change.
    #[prop(into)]
    data: Signal<ChartData>,
    /// Called with the end of the picked second, sim s, when the user clicks a point or presses Enter on it.
    #[prop(optional)]
    on_pick: Option<Callback<f64>>,
) -> impl IntoView {
    #[allow(clippy::cast_precision_loss)] // small index
    let pick = move |i: usize| {
        if let Some(cb) = on_pick {
            cb.run(data.with_untracked(|d| d.span_s.0) + i as f64 + 1.0);
        }
    };
    // The point under the pointer or the keyboard cursor; `None` shows no rule.
    let cursor = RwSignal::new(None::<usize>);
    let points = move || data.with(|d| d.series.iter().map(|s| s.values.len()).max().unwrap_or(0));
    let on_move = move |e: ev::PointerEvent| {
        let Some(el) = e
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        let r = el.get_bounding_client_rect();
        if r.width() > 0.0 {
            let x = (f64::from(e.client_x()) - r.left()) / r.width() * W;
            cursor.set(index_at(x, points()));
        }
    };
    let on_key = move |e: ev::KeyboardEvent| {
        let n = points();
        if n == 0 {
            return;
        }
        let at = cursor.get_untracked().unwrap_or(n - 1).min(n - 1);
        let next = match e.key().as_str() {
            "ArrowLeft" => at.saturating_sub(1),
            "ArrowRight" => (at + 1).min(n - 1),
            "Home" => 0,
            "End" => n - 1,
            "Escape" => {
                cursor.set(None);
                return;
            }
            "Enter" => {
                pick(at);
                return;
            }
            _ => return,
        };
        e.prevent_default();
        cursor.set(Some(next));
    };
    let on_focus = move |_| {
        let n = points();
        if n > 0 && cursor.get_untracked().is_none() {
            cursor.set(Some(n - 1));
        }
    };
    // Clamped: the data may have shrunk (a reset) since the cursor was set.
    let at = move || {
        let n = points();
        cursor.get().filter(|_| n > 0).map(|i| i.min(n - 1))
    };
    let rule = move || {
        at().map(|i| {
            let x = x_of(i, points());
            view! { <line class="rule" x1=x y1=TOP x2=x y2=H - BOTTOM /> }
        })
    };
    let tip = move || {
        at().map(|i| {
            let n = points();
            let left_pct = x_of(i, n) / W * 100.0;
            let mut text = data.with(|d| tip_text(d, i, &t(unit), crate::i18n::number_style(), &t("chart-tip-none")));
            if on_pick.is_some() {
                text.push_str(&t("chart-tip-rewind"));
            }
            let style = if left_pct > 55.0 {
                format!("right: {:.1}%", 100.0 - left_pct)
            } else {
                format!("left: {left_pct:.1}%")
            };
            view! { <div class="chart-tip" role="status" data-testid="chart-tip" style=style>{text}</div> }
        })
    };
    let body = move || {
        let d = data.get();
        let n = d.series.iter().map(|s| s.values.len()).max().unwrap_or(0);
        let ymax = nice_max(
            d.series
                .iter()
                .flat_map(|s| s.values.iter().copied())
                .filter(|v| v.is_finite())
                .fold(0.0, f64::max),
        );
        let x = move |i: usize| x_of(i, n);
        // Sim seconds, or the values of a swept setting with the knee marked.
        let (first_x, last_x) = match &d.x {
            Some(_) => {
                let style = crate::i18n::number_style();
                (
                    d.x_label_in(style, 0),
                    d.x_label_in(style, n.saturating_sub(1)),
                )
            }
            None => (
                format!("{} s", crate::i18n::number(d.span_s.0, 0)),
                crate::i18n::t_with(
                    "chart-sim-time",
                    &[("seconds", crate::i18n::number(d.span_s.1, 0).into())],
                ),
            ),
        };
        let mark =
            d.x.as_ref()
                .and_then(|a| a.mark.filter(|&k| k < n).map(|k| (k, a.mark_label)))
                .map(|(k, label)| {
                    let at = x(k);
                    view! {
                        <line class="mark" x1=at y1=TOP x2=at y2=H - BOTTOM />
                        <text class="mark-label" x=at + 2.0 y=TOP + 6.0>{label}</text>
                    }
                });
        // SLO alerts: a light red band behind the lines for each interval an alert was raised.
        let bands = d
            .alerts
            .iter()
            .filter(|_| d.x.is_none())
            .filter_map(|&(from, to)| band_x(d.span_s.0, n, from, to))
            .map(|(l, r)| {
                view! { <rect class="alert-band" data-testid="alert-band" x=l y=TOP width=r - l height=H - TOP - BOTTOM /> }
            })
            .collect_view();
        let y = move |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - (v / ymax).clamp(0.0, 1.0));
        // One polyline per run of known values: a missing value (NaN, e.g. no latency without a success) is a gap.
        let lines = d
            .series
            .iter()
            .flat_map(|s| {
                segments(&s.values)
                    .into_iter()
                    .map(|seg| {
                        let pts = seg
                            .map(|i| format!("{:.1},{:.1}", x(i), y(s.values[i])))
                            .collect::<Vec<_>>()
                            .join(" ");
                        view! { <polyline class=format!("line {}", s.class) points=pts /> }
                    })
                    .collect::<Vec<_>>()
            })
            .collect_view();
        view! {
            {bands}
            <line class="axis" x1=LEFT y1=TOP x2=LEFT y2=H - BOTTOM />
            <line class="axis" x1=LEFT y1=H - BOTTOM x2=W - 4.0 y2=H - BOTTOM />
            <line class="grid" x1=LEFT y1=y(ymax / 2.0) x2=W - 4.0 y2=y(ymax / 2.0) />
            <text class="tick" x=LEFT - 4.0 y=TOP + 4.0 text-anchor="end">{crate::i18n::compact(ymax)}</text>
            <text class="tick" x=LEFT - 4.0 y=y(ymax / 2.0) + 3.0 text-anchor="end">{crate::i18n::compact(ymax / 2.0)}</text>
            <text class="tick" x=LEFT - 4.0 y=H - BOTTOM text-anchor="end">"0"</text>
            <text class="tick" x=LEFT y=H - 4.0>{first_x}</text>
            <text class="tick" x=W - 4.0 y=H - 4.0 text-anchor="end">{last_x}</text>
            {mark}
            {lines}
            {(n == 0).then(|| view! { <text class="empty" x=(W + LEFT) / 2.0 y=H / 2.0 text-anchor="middle">{crate::tr!("chart-empty")}</text> })}
        }
    };
    let legend = move || {
        let d = data.get();
        let n = d.series.iter().map(|s| s.values.len()).max().unwrap_or(0);
        let alerted = d.x.is_none()
            && d.alerts
                .iter()
                .any(|&(from, to)| band_x(d.span_s.0, n, from, to).is_some());
        let alert = alerted.then(|| {
            view! {
                <li title=t_attr("chart-slo-alert", "help") data-testid="legend-slo-alert">
                    <span class="swatch alert-band"></span>{t("chart-slo-alert")}
                </li>
            }
        });
        let lines = d
            .series
            .into_iter()
            .map(|s| view! { <li title=s.help><span class=format!("swatch {}", s.class)></span>{s.name}</li> })
            .collect_view();
        view! { {lines}{alert} }
    };
    view! {
        <figure class="chart">
            <figcaption>{move || t(title)}<span class="unit">{move || format!(" ({})", t(unit))}</span></figcaption>
            <div class="chart-plot">
                <svg
                    viewBox=format!("0 0 {W} {H}")
                    role="img"
                    tabindex="0"
                    data-testid="chart"
                    aria-label=move || crate::i18n::t_with(
                        if on_pick.is_some() { "chart-aria-rewind" } else { "chart-aria" },
                        &[("title", t(title).into()), ("unit", t(unit).into())],
                    )
                    on:pointermove=on_move
                    on:pointerleave=move |_| cursor.set(None)
                    on:click=move |_| {
                        if let Some(i) = cursor.get_untracked() {
                            pick(i);
                        }
                    }
                    class:pickable=on_pick.is_some()
                    on:keydown=on_key
                    on:focus=on_focus
                    on:blur=move |_| cursor.set(None)
                >
                    {body}
                    {rule}
                </svg>
                {tip}
            </div>
            <ul class="legend">{legend}</ul>
        </figure>
    }
}
