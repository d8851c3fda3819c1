//! A small hand-written SVG line chart: several series over the same x positions (one-second windows), a y axis
//! scaled to a "nice" maximum with its unit, and an x axis in sim seconds. No interaction, no library.

use leptos::prelude::*;

/// One line of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text.
    pub name: &'static str,
    /// CSS class giving its colour (`s0`…`s3`).
    pub class: &'static str,
    /// Tooltip of the legend entry.
    pub help: &'static str,
    /// Values, oldest first.
    pub values: Vec<f64>,
}

/// What a chart shows: series plus the sim-time span of the x axis.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChartData {
    /// The lines.
    pub series: Vec<Series>,
    /// Sim time of the first and last point, s.
    pub span_s: (f64, f64),
}

const W: f64 = 300.0;
const H: f64 = 110.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 18.0;
const TOP: f64 = 8.0;

/// The smallest of 1, 2, 5 × 10ⁿ at or above `v` (axis maximum).
#[must_use]
pub fn nice_max(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|&c| c >= v)
        .unwrap_or(10.0 * p)
}

/// The chart.
#[component]
pub fn LineChart(
    /// Heading.
    title: &'static str,
    /// Unit of the y axis.
    unit: &'static str,
    /// Data, re-read on every change.
    #[prop(into)]
    data: Signal<ChartData>,
) -> impl IntoView {
    let body = move || {
        let d = data.get();
        let n = d.series.iter().map(|s| s.values.len()).max().unwrap_or(0);
        let ymax = nice_max(
            d.series
                .iter()
                .flat_map(|s| s.values.iter().copied())
                .fold(0.0, f64::max),
        );
        #[allow(clippy::cast_precision_loss)] // at most a few hundred points
        let x = move |i: usize| {
            LEFT + (W - LEFT - 4.0)
                * if n > 1 {
                    i as f64 / (n - 1) as f64
                } else {
                    0.0
                }
        };
        let y = move |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - (v / ymax).clamp(0.0, 1.0));
        let lines = d
            .series
            .iter()
            .map(|s| {
                let pts = s
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, &v)| format!("{:.1},{:.1}", x(i), y(v)))
                    .collect::<Vec<_>>()
                    .join(" ");
                view! { <polyline class=format!("line {}", s.class) points=pts /> }
            })
            .collect_view();
        view! {
            <line class="axis" x1=LEFT y1=TOP x2=LEFT y2=H - BOTTOM />
            <line class="axis" x1=LEFT y1=H - BOTTOM x2=W - 4.0 y2=H - BOTTOM />
            <line class="grid" x1=LEFT y1=y(ymax / 2.0) x2=W - 4.0 y2=y(ymax / 2.0) />
            <text class="tick" x=LEFT - 4.0 y=TOP + 4.0 text-anchor="end">{crate::format::compact(ymax)}</text>
            <text class="tick" x=LEFT - 4.0 y=y(ymax / 2.0) + 3.0 text-anchor="end">{crate::format::compact(ymax / 2.0)}</text>
            <text class="tick" x=LEFT - 4.0 y=H - BOTTOM text-anchor="end">"0"</text>
            <text class="tick" x=LEFT y=H - 4.0>{format!("{:.0} s", d.span_s.0)}</text>
            <text class="tick" x=W - 4.0 y=H - 4.0 text-anchor="end">{format!("{:.0} s sim time", d.span_s.1)}</text>
            {lines}
            {(n == 0).then(|| view! { <text class="empty" x=(W + LEFT) / 2.0 y=H / 2.0 text-anchor="middle">"Run to see data"</text> })}
        }
    };
    let legend = move || {
        data.get()
            .series
            .into_iter()
            .map(|s| view! { <li title=s.help><span class=format!("swatch {}", s.class)></span>{s.name}</li> })
            .collect_view()
    };
    view! {
        <figure class="chart">
            <figcaption>{title}<span class="unit">{format!(" ({unit})")}</span></figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=format!("{title} chart, {unit}")>
                {body}
            </svg>
            <ul class="legend">{legend}</ul>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn axis_maxima_are_round() {
        assert_eq!(super::nice_max(0.0), 1.0);
        assert_eq!(super::nice_max(7.0), 10.0);
        assert_eq!(super::nice_max(120.0), 200.0);
        assert_eq!(super::nice_max(500.0), 500.0);
    }
}
