//! A small SVG bar chart: one bar per shard with its load now (requests per second over the last window), labelled
//! with the shard's name and value, so a hot shard stands out. Each bar is focusable and says its value.

use leptos::prelude::*;

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Label under the bar (a shard's node label).
    pub label: String,
    /// Height, in the chart's unit.
    pub value: f64,
}

const W: f64 = 300.0;
const H: f64 = 100.0;
const BOTTOM: f64 = 18.0;
const TOP: f64 = 12.0;

/// The chart; `note` is a line under it (e.g. the hotspot ratio).
#[component]
pub fn BarChart(
    /// Heading.
    title: String,
    /// Unit of the values.
    unit: &'static str,
    /// Bars, re-read on every change.
    #[prop(into)]
    bars: Signal<Vec<Bar>>,
    /// A sentence under the chart.
    #[prop(into)]
    note: Signal<Option<String>>,
) -> impl IntoView {
    let body = move || {
        let b = bars.get();
        if b.is_empty() {
            return view! { <text class="empty" x=W / 2.0 y=H / 2.0 text-anchor="middle">{crate::tr!("chart-empty")}</text> }
                .into_any();
        }
        let max = super::nice_max(b.iter().map(|b| b.value).fold(0.0, f64::max));
        #[allow(clippy::cast_precision_loss)] // a handful of shards
        let slot = (W - 8.0) / b.len().max(1) as f64;
        b.into_iter()
            .enumerate()
            .map(|(i, bar)| {
                #[allow(clippy::cast_precision_loss)]
                let x = 4.0 + slot * i as f64;
                let h = (H - TOP - BOTTOM) * (bar.value / max).clamp(0.0, 1.0);
                let value = crate::i18n::compact(bar.value);
                let said = format!("{}: {value} {}", bar.label, crate::i18n::unit_text(unit));
                let tip = said.clone();
                view! {
                    <g class="bar" tabindex="0" role="img" aria-label=said>
                        <title>{tip}</title>
                        <rect x=x + slot * 0.15 y=H - BOTTOM - h width=slot * 0.7 height=h.max(0.5) />
                        <text class="tick" x=x + slot / 2.0 y=H - BOTTOM - h - 3.0 text-anchor="middle">{value}</text>
                        <text class="tick" x=x + slot / 2.0 y=H - 5.0 text-anchor="middle">{bar.label}</text>
                    </g>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <figure class="chart bars" data-testid="shard-bars">
            <figcaption>{title}<span class="unit">{move || format!(" ({})", crate::i18n::unit_text(unit))}</span></figcaption>
            <svg viewBox=format!("0 0 {W} {H}")>
                <line class="axis" x1=4.0 y1=H - BOTTOM x2=W - 4.0 y2=H - BOTTOM />
                {body}
            </svg>
            <p class="legend">{move || note.get()}</p>
        </figure>
    }
}
