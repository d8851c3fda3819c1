//! Service level objectives in the engine: when a metrics window closes, its answers go to the SLO tracker
//! (`metrics::slo`) and every alert raised or cleared becomes a log line, in English and as clauses for a
//! translation. No events: this piggybacks on the window closing. An alert raised before a whole window has
//! passed says so (clause `slo_partial`, see the cold-start rule in `metrics::slo`).

use super::Simulation;
use crate::metrics::{LogEntry, LogKind, LogText, SloState};

/// `v` to 6 digits (an objective as a person wrote it: 0.999 × 100 is 99.9, not 99.899…).
fn round6(v: f64) -> f64 {
    libm::round(v * 1e6) / 1e6
}

/// The clauses saying which objectives fail now, with the rolling figures (English, and as data).
#[allow(clippy::cast_precision_loss)] // µs to ms for display
fn failing(st: &SloState) -> (Vec<String>, Vec<LogText>) {
    let (mut en, mut text) = (Vec::new(), Vec::new());
    if st.availability_fails()
        && let (Some(min), Some(a)) = (st.slo.availability_min, st.availability())
    {
        let (a_pct, min_pct) = (a * 100.0, round6(min * 100.0));
        en.push(format!("availability {a_pct:.2} % (objective {min_pct} %)"));
        text.push(
            LogText::new("slo_availability")
                .value("value", a_pct, 2)
                .number("objective", min_pct),
        );
    }
    if st.latency_fails()
        && let Some(max_ms) = st.slo.latency_ms_p99_max
    {
        let p99_ms = st.latency_us_p99() as f64 / 1e3;
        en.push(format!("p99 {p99_ms:.1} ms (objective {max_ms} ms)"));
        text.push(
            LogText::new("slo_latency")
                .value("value", p99_ms, 1)
                .number("objective", max_ms),
        );
    }
    (en, text)
}

impl Simulation {
    /// The open window is closing: its answers join every SLO's rolling window, and changed alerts are logged.
    pub(super) fn slo_window_close(&mut self) {
        let alerts = self.slos.window_closed(
            self.now,
            self.windows.open_latency(),
            self.windows.open_failed(),
        );
        // The log line is about the run, not a node: it names the first node (the diagram is never empty).
        let Some(node) = self.nodes.iter().next().map(|n| n.id) else {
            return;
        };
        for alert in alerts {
            let st = &self.slos.states()[alert.slo];
            let number = u32::try_from(alert.slo + 1).expect("at most 8 SLOs");
            let window_s = st.slo.window_s;
            let (message, text, kind) = if alert.raised {
                let (en, clauses) = failing(st);
                let mut text = vec![
                    LogText::new("slo_breached")
                        .count("slo", number)
                        .count("window", window_s),
                ];
                text.extend(clauses);
                // Raised before a whole window has passed: say how much of it the run has filled.
                let mut en = en;
                if !st.window_full() {
                    let filled = st.filled_s();
                    en.push(format!(
                        "only {filled} s of the window have run; the time before the start counts as healthy"
                    ));
                    text.push(LogText::new("slo_partial").count("seconds", filled));
                }
                (
                    format!(
                        "SLO {number} breached over the last {window_s} s: {}",
                        en.join(": ")
                    ),
                    text,
                    LogKind::SloBreached { slo: number - 1 },
                )
            } else {
                (
                    format!("SLO {number} holds again over the last {window_s} s"),
                    vec![
                        LogText::new("slo_recovered")
                            .count("slo", number)
                            .count("window", window_s),
                    ],
                    LogKind::SloRecovered { slo: number - 1 },
                )
            };
            self.log.push(LogEntry {
                at: self.now,
                node,
                kind,
                message,
                text,
            });
        }
    }
}
