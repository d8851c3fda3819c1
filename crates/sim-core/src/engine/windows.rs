//! The one-second metrics window: when it closes, every node's rates, utilization and hit ratios for the window
//! are computed and the window summary joins the ring the charts draw from.

use super::queue::Ev;
use super::{Role, Simulation};
use crate::metrics::WINDOW;

/// `part / whole`, or `None` when there is no whole.
#[allow(clippy::cast_precision_loss)]
fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

impl Simulation {
    #[allow(clippy::cast_precision_loss)] // rates and ratios for display
    pub(super) fn on_window_close(&mut self) {
        let now = self.now;
        let (mut window_hits, mut window_lookups) = (0, 0);
        let secs = now.since(self.window_start).as_us() as f64 / 1e6;
        for n in &mut self.nodes {
            n.last_window_rps = if secs > 0.0 {
                n.window_completed as f64 / secs
            } else {
                0.0
            };
            n.window_completed = 0;
            if let Role::Router(r) = &mut n.role {
                r.close_window(now, secs);
            }
            if let Role::Cdn(c) = &mut n.role {
                c.close_window();
            }
            if let Role::Cache(c) = &mut n.role {
                c.last_window_hit_ratio = ratio(c.window_hits, c.window_lookups);
                window_hits += c.window_hits;
                window_lookups += c.window_lookups;
                c.window_hits = 0;
                c.window_lookups = 0;
            }
            if let Some(st) = n.station() {
                let area = st.busy_area_us(now);
                let span = f64::from(st.workers()) * secs * 1e6;
                n.last_window_utilization = if span > 0.0 {
                    (area - n.window_busy_area_start) as f64 / span
                } else {
                    0.0
                };
                n.window_busy_area_start = area;
            }
        }
        let queues: Vec<u64> = self
            .nodes
            .iter()
            .filter_map(|n| match &n.role {
                Role::Queue(q) => Some(q.messages.len() as u64),
                _ => None,
            })
            .collect();
        let depth = (!queues.is_empty()).then(|| queues.iter().sum());
        self.watch_window_close(secs);
        self.slo_window_close();
        // The window's latencies join the run's and the graded interval's (one write per answer: here).
        self.latency.merge(self.windows.open_latency());
        self.measured
            .window_closed(self.windows.open_start(), self.windows.open_latency());
        self.windows.close(
            now,
            ratio(window_hits, window_lookups),
            depth,
            self.generated,
        );
        self.window_start = now;
        self.schedule(now + WINDOW, Ev::WindowClose);
    }
}
