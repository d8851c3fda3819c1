//! The geometry and words of a line chart, free of the DOM: the series and their span, the viewBox, a "nice" axis
//! maximum, where point `i` goes and which point a cursor is on, the breaks in a line where values are missing,
//! and the tooltip. The app's `LineChart` draws them as SVG.

use crate::format::{NumberStyle, compact_in, number_in};
use sim_core::SimTime;

/// One line of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// CSS class giving its colour (`s0`…`s3`).
    pub class: &'static str,
    /// Tooltip of the legend entry.
    pub help: String,
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
    /// Another x axis than sim seconds (a sweep's setting), if any.
    pub x: Option<XAxis>,
    /// SLO alerts to shade behind the lines, sim s: (raised at, cleared at; `None` while still raised).
    pub alerts: Vec<(f64, Option<f64>)>,
}

/// An x axis of values of a setting rather than seconds (a load sweep): each point's value, the unit, and a point
/// to mark (the knee).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct XAxis {
    /// The value at each point, in the unit.
    pub values: Vec<f64>,
    /// Unit of the values, e.g. `"req/s"`.
    pub unit: &'static str,
    /// The point marked with a vertical rule and `mark_label`, if any.
    pub mark: Option<usize>,
    /// Text by the marked point, e.g. `"knee"`.
    pub mark_label: &'static str,
}

impl ChartData {
    /// The x axis' label of point `i`: its value and unit on a setting axis, else its sim second.
    #[must_use]
    pub fn x_label(&self, i: usize) -> String {
        self.x_label_in(NumberStyle::English, i)
    }

    /// [`ChartData::x_label`] with numbers written in `style` (`1,2 mil req/s`, `12 s`).
    #[must_use]
    pub fn x_label_in(&self, style: NumberStyle, i: usize) -> String {
        match &self.x {
            Some(x) => format!(
                "{} {}",
                compact_in(style, x.values.get(i).copied().unwrap_or(f64::NAN)),
                x.unit
            ),
            #[allow(clippy::cast_precision_loss)] // small index
            None => format!("{} s", number_in(style, self.span_s.0 + i as f64, 0)),
        }
    }
}

/// Width of a chart's viewBox.
pub const W: f64 = 300.0;
/// Height of a chart's viewBox.
pub const H: f64 = 100.0;
/// Room for the y axis labels, viewBox units.
pub const LEFT: f64 = 40.0;
/// Room for the x axis labels, viewBox units.
pub const BOTTOM: f64 = 18.0;
/// Margin above the plot, viewBox units.
pub const TOP: f64 = 8.0;

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

/// The x position of point `i` of `n`, in viewBox units.
#[allow(clippy::cast_precision_loss)] // at most a few hundred points
pub fn x_of(i: usize, n: usize) -> f64 {
    LEFT + (W - LEFT - 4.0)
        * if n > 1 {
            i as f64 / (n - 1) as f64
        } else {
            0.0
        }
}

/// The point nearest to viewBox x `x` among `n`.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)] // a few hundred points, clamped
pub fn index_at(x: f64, n: usize) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let f = ((x - LEFT) / (W - LEFT - 4.0)).clamp(0.0, 1.0);
    Some(((f * (n - 1) as f64).round() as usize).min(n - 1))
}

/// Every alert interval of a frame's `slo_alerts` (one list per SLO), in sim seconds, for [`ChartData::alerts`].
#[must_use]
pub fn alert_intervals(slo_alerts: &[Vec<(SimTime, Option<SimTime>)>]) -> Vec<(f64, Option<f64>)> {
    slo_alerts
        .iter()
        .flatten()
        .map(|&(from, to)| (from.as_secs_f64(), to.map(SimTime::as_secs_f64)))
        .collect()
}

/// Where an alert from `from_s` to `to_s` (`None`: still raised, so to the right edge) lies on a time chart of
/// `n` one-second windows, the first starting at `start_s`: the band's left and right x in viewBox units. A window
/// is drawn at its middle (point `i` stands for `start_s + i + 0.5`), so the band covers the points of the windows
/// it spans; it is clipped to the plot, and `None` when nothing of it is on the chart.
#[must_use]
#[allow(clippy::cast_precision_loss)] // at most a few hundred points
pub fn band_x(start_s: f64, n: usize, from_s: f64, to_s: Option<f64>) -> Option<(f64, f64)> {
    if n < 2 {
        return None;
    }
    let step = (W - LEFT - 4.0) / (n - 1) as f64;
    let x = |t: f64| (LEFT + (t - start_s - 0.5) * step).clamp(LEFT, W - 4.0);
    let left = x(from_s);
    let right = to_s.map_or(W - 4.0, x);
    (right > left).then_some((left, right))
}

/// The index ranges of `values` between missing (non-finite) ones.
pub fn segments(values: &[f64]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, v) in values.iter().enumerate() {
        match (v.is_finite(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..values.len());
    }
    out
}

/// The tooltip text at point `i`: its sim time (or setting value), then `name value unit` per series, numbers
/// written in `style`; a series with no value there shows `none` (the page language's word for it).
pub fn tip_text(d: &ChartData, i: usize, unit: &str, style: NumberStyle, none: &str) -> String {
    let values = d
        .series
        .iter()
        .filter_map(|s| {
            s.values.get(i).map(|v| {
                if v.is_finite() {
                    format!("{} {} {unit}", s.name, compact_in(style, *v))
                } else {
                    format!("{} {none}", s.name)
                }
            })
        })
        .collect::<Vec<_>>()
        .join(" · ");
    format!("{}: {values}", d.x_label_in(style, i))
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

    #[test]
    fn missing_values_split_the_line() {
        let n = f64::NAN;
        assert!(super::segments(&[]).is_empty());
        assert_eq!(super::segments(&[1.0, 2.0]), vec![0..2]);
        assert_eq!(super::segments(&[n, 1.0, n, n, 2.0, 3.0]), vec![1..2, 4..6]);
        assert!(super::segments(&[n]).is_empty());
    }

    #[test]
    fn alert_bands_cover_the_windows_they_span_and_are_clipped_to_the_plot() {
        use super::{LEFT, W, alert_intervals, band_x, x_of};
        use sim_core::SimTime;
        // 61 windows from 100 s: point i is the window 100 + i .. 101 + i, drawn at its middle.
        let (n, start) = (61, 100.0);
        // Raised at 110 s, cleared at 120 s: from the middle of window 109 to the middle of window 119.
        let (l, r) = band_x(start, n, 110.0, Some(120.0)).expect("on the chart");
        assert!((l - (x_of(9, n) + x_of(10, n)) / 2.0).abs() < 1e-9, "{l}");
        assert!((r - (x_of(19, n) + x_of(20, n)) / 2.0).abs() < 1e-9, "{r}");
        assert!(l < x_of(10, n) && r > x_of(19, n), "covers points 10..=19");
        // Still raised: to the right edge. Raised before the chart's first second: from the left edge.
        assert_eq!(band_x(start, n, 150.0, None).map(|b| b.1), Some(W - 4.0));
        assert_eq!(band_x(start, n, 20.0, Some(105.5)).map(|b| b.0), Some(LEFT));
        // Cleared before the chart begins, or no chart at all: nothing to draw.
        assert_eq!(band_x(start, n, 20.0, Some(90.0)), None);
        assert_eq!(band_x(start, 1, 20.0, None), None);
        assert_eq!(
            band_x(start, n, 170.0, None),
            None,
            "raised after the last window"
        );
        // A frame's alerts, every SLO's together, in seconds.
        let frame = vec![
            vec![(SimTime(30_000_000), Some(SimTime(50_500_000)))],
            vec![(SimTime(40_000_000), None)],
        ];
        assert_eq!(alert_intervals(&frame), [(30.0, Some(50.5)), (40.0, None)]);
    }

    #[test]
    fn the_cursor_snaps_to_the_nearest_point() {
        assert_eq!(super::index_at(0.0, 0), None);
        assert_eq!(super::index_at(0.0, 10), Some(0));
        assert_eq!(super::index_at(super::W, 10), Some(9));
        assert_eq!(super::index_at(super::x_of(4, 10) + 1.0, 10), Some(4));
    }

    #[test]
    fn the_tooltip_writes_numbers_the_readers_way() {
        use super::{ChartData, Series, tip_text};
        use crate::format::NumberStyle;
        let d = ChartData {
            series: vec![
                Series {
                    name: "p95".into(),
                    class: "s0",
                    help: String::new(),
                    values: vec![12.5, 1_260.0],
                },
                Series {
                    name: "p99".into(),
                    class: "s1",
                    help: String::new(),
                    values: vec![f64::NAN, 2.5],
                },
            ],
            span_s: (10.0, 11.0),
            x: None,
            alerts: Vec::new(),
        };
        assert_eq!(
            tip_text(&d, 1, "ms", NumberStyle::English, "none"),
            "11 s: p95 1.3k ms · p99 2.5 ms"
        );
        assert_eq!(
            tip_text(&d, 1, "ms", NumberStyle::Spanish, "ninguno"),
            "11 s: p95 1,3\u{a0}mil ms · p99 2,5 ms"
        );
        assert_eq!(
            tip_text(&d, 0, "毫秒", NumberStyle::Chinese, "无"),
            "10 s: p95 12 毫秒 · p99 无"
        );
    }
}
