//! The geometry and words of a line chart, free of the DOM: the series and their span, the viewBox, a "nice" axis
//! maximum, where point `i` goes and which point a cursor is on, the breaks in a line where values are missing,
//! and the tooltip. The app's `LineChart` draws them as SVG.

use crate::format::{NumberStyle, compact_in, number_in};

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
