//! Which charts the metrics panel shows, and in which order: every chart the diagram can fill is *available*
//! (a cache hit ratio needs a cache, replication lag needs replicas…); as many as fit the panel's width are
//! *shown*, the open lesson's charts first, then the ones the user brought into view, then the panel's default
//! order. The rest stay one click away on the chip bar above the charts. Pure functions, no DOM.

use sim_core::Scenario;
use sim_core::model::{ComponentConfig, ComponentKind};
use sim_core::scenario::lessons::Chart;

/// Narrowest a chart is drawn, px (its axis labels and legend still read).
pub const CHART_MIN_W_PX: f64 = 220.0;
/// Gap between charts, px (as in the stylesheet).
pub const CHART_GAP_PX: f64 = 14.0;

/// Title of a chart as the chip bar and the chart heading say it.
#[must_use]
pub fn title(c: Chart) -> &'static str {
    match c {
        Chart::Throughput => "Throughput",
        Chart::Latency => "Latency",
        Chart::Errors => "Errors by cause",
        Chart::CacheHitRatio => "Cache hit ratio",
        Chart::CdnHitRatio => "CDN hit ratio",
        Chart::ReplicationLag => "Replication lag",
        Chart::QueueBacklog => "Queue backlog",
        Chart::Jobs => "Jobs",
        Chart::Availability => "Availability",
        Chart::ShardLoad => "Load per shard",
        Chart::Cost => "Cost",
        Chart::StaleOwnReads => "Stale reads of own writes",
    }
}

/// A chart's short name, for its chip.
#[must_use]
pub fn chip(c: Chart) -> &'static str {
    match c {
        Chart::Throughput => "Throughput",
        Chart::Latency => "Latency",
        Chart::Errors => "Errors",
        Chart::CacheHitRatio => "Cache hits",
        Chart::CdnHitRatio => "CDN hits",
        Chart::ReplicationLag => "Replica lag",
        Chart::QueueBacklog => "Queue",
        Chart::Jobs => "Jobs",
        Chart::Availability => "Availability",
        Chart::ShardLoad => "Shard load",
        Chart::Cost => "Cost",
        Chart::StaleOwnReads => "Stale reads",
    }
}

/// The charts `doc` can fill, in the default order: the tier charts only where the diagram has that tier.
#[must_use]
pub fn available(doc: &Scenario) -> Vec<Chart> {
    let has = |k: ComponentKind| doc.nodes.iter().any(|n| n.kind() == k);
    Chart::ALL
        .into_iter()
        .filter(|c| match c {
            Chart::Throughput
            | Chart::Latency
            | Chart::Errors
            | Chart::Cost
            | Chart::Availability => true,
            Chart::CacheHitRatio => has(ComponentKind::Cache),
            Chart::CdnHitRatio => has(ComponentKind::Cdn),
            Chart::ReplicationLag => has(ComponentKind::Replica),
            Chart::StaleOwnReads => has(ComponentKind::Replica) && reads_your_writes(doc),
            Chart::QueueBacklog | Chart::Jobs => has(ComponentKind::MessageQueue),
            Chart::ShardLoad => has(ComponentKind::ShardRouter),
        })
        .collect()
}

/// Whether the replication lag chart also draws the apply backlog: some primary applies writes at a finite rate
/// (`apply_rate_per_s` > 0), so its replicas can fall behind for lack of capacity.
#[must_use]
pub fn shows_apply_backlog(doc: &Scenario) -> bool {
    doc.nodes
        .iter()
        .any(|n| matches!(&n.config, ComponentConfig::Database(d) if d.apply_rate_per_s > 0.0))
}

/// Whether some primary routes a user's reads to itself after their write (`read_your_writes_s` > 0): only then
/// does the run count the reads that miss the user's own write, which the stale own reads chart draws.
#[must_use]
pub fn reads_your_writes(doc: &Scenario) -> bool {
    doc.nodes
        .iter()
        .any(|n| matches!(&n.config, ComponentConfig::Database(d) if d.read_your_writes_s > 0.0))
}

/// How many charts fit side by side in `width_px` (at least one).
#[must_use]
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a few charts, clamped
pub fn columns(width_px: f64) -> usize {
    (((width_px + CHART_GAP_PX) / (CHART_MIN_W_PX + CHART_GAP_PX)).floor() as usize).max(1)
}

/// The charts to show, at most `slots`, each one slot wide: `picked` (most recent first), then the lesson's, then
/// the rest of `available` in order; only available charts, each once.
#[must_use]
pub fn shown(available: &[Chart], lesson: &[Chart], picked: &[Chart], slots: usize) -> Vec<Chart> {
    packed(available, lesson, picked, slots, 1, |_| 1)
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

/// Columns a chart of `doc` asks for: its charts side by side (the job wait and worker utilization pair; the
/// replication lag and the apply backlog, when shown; one bar chart per shard router), else 1. A pair squeezed
/// into one column draws its axis text at half size, so it takes two where the panel has them.
#[must_use]
pub fn span(c: Chart, doc: &Scenario) -> usize {
    match c {
        Chart::Jobs => 2,
        Chart::ReplicationLag if shows_apply_backlog(doc) => 2,
        Chart::ShardLoad => doc
            .nodes
            .iter()
            .filter(|n| n.kind() == ComponentKind::ShardRouter)
            .count()
            .max(1),
        _ => 1,
    }
}

/// [`shown`] on a grid of `rows` × `columns` cells, with the columns each chart takes: chart `c` asks for
/// `span(c)`; it goes, in the order of [`shown`], into the first row with that much room (as CSS grid's dense
/// auto-placement puts it), else narrower into the first row with any (a pair given one column stacks its
/// charts); once every row is full nothing more is shown.
#[must_use]
pub fn packed(
    available: &[Chart],
    lesson: &[Chart],
    picked: &[Chart],
    columns: usize,
    rows: usize,
    span: impl Fn(Chart) -> usize,
) -> Vec<(Chart, usize)> {
    let mut free = vec![columns.max(1); rows.max(1)];
    let mut out: Vec<(Chart, usize)> = Vec::new();
    for &c in picked.iter().chain(lesson).chain(available) {
        if !available.contains(&c) || out.iter().any(|&(o, _)| o == c) {
            continue;
        }
        let want = span(c).max(1);
        let Some(row) = free
            .iter()
            .position(|&f| f >= want)
            .or_else(|| free.iter().position(|&f| f > 0))
        else {
            break;
        };
        let cells = want.min(free[row]);
        free[row] -= cells;
        out.push((c, cells));
    }
    out
}

/// `picked` after the user brings `c` into view: it goes first; the list remembers only what fits.
#[must_use]
pub fn pick(picked: &[Chart], c: Chart, slots: usize) -> Vec<Chart> {
    std::iter::once(c)
        .chain(picked.iter().copied().filter(|&p| p != c))
        .take(slots.max(1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: [Chart; 5] = [
        Chart::Throughput,
        Chart::Latency,
        Chart::Errors,
        Chart::ReplicationLag,
        Chart::Cost,
    ];

    #[test]
    fn the_lesson_charts_come_first_and_only_what_fits_is_shown() {
        let lesson = [Chart::ReplicationLag, Chart::Errors];
        assert_eq!(
            shown(&DEFAULT, &lesson, &[], 3),
            [Chart::ReplicationLag, Chart::Errors, Chart::Throughput]
        );
        assert_eq!(shown(&DEFAULT, &lesson, &[], 1), [Chart::ReplicationLag]);
        assert_eq!(
            shown(&DEFAULT, &[], &[], 2),
            [Chart::Throughput, Chart::Latency]
        );
    }

    #[test]
    fn a_picked_chart_comes_into_view_first_and_unavailable_ones_never_show() {
        let lesson = [Chart::ReplicationLag, Chart::Errors];
        let picked = pick(&[], Chart::Cost, 3);
        assert_eq!(
            shown(&DEFAULT, &lesson, &picked, 3),
            [Chart::Cost, Chart::ReplicationLag, Chart::Errors]
        );
        assert_eq!(
            shown(&DEFAULT, &[Chart::CacheHitRatio], &[Chart::ShardLoad], 3),
            [Chart::Throughput, Chart::Latency, Chart::Errors]
        );
        let again = pick(&picked, Chart::Latency, 2);
        assert_eq!(again, [Chart::Latency, Chart::Cost]);
        assert_eq!(pick(&again, Chart::Cost, 2), [Chart::Cost, Chart::Latency]);
    }

    #[test]
    fn columns_follow_the_width() {
        assert_eq!(columns(0.0), 1);
        assert_eq!(columns(CHART_MIN_W_PX), 1);
        assert_eq!(columns(2.0 * CHART_MIN_W_PX + CHART_GAP_PX), 2);
        assert_eq!(columns(860.0), 3);
        assert_eq!(columns(470.0), 2);
    }

    #[test]
    fn the_apply_backlog_shows_only_with_a_finite_apply_rate() {
        let mut doc = sim_core::scenario::presets::get("replication").expect("preset");
        assert!(available(&doc).contains(&Chart::ReplicationLag));
        assert!(!shows_apply_backlog(&doc));
        for n in &mut doc.nodes {
            if let ComponentConfig::Database(d) = &mut n.config {
                d.apply_rate_per_s = 50.0;
            }
        }
        assert!(shows_apply_backlog(&doc));
    }

    #[test]
    fn a_pair_takes_two_columns_where_there_are_two_and_stacks_in_one() {
        let queue = sim_core::scenario::presets::get("queue").expect("preset");
        let all = available(&queue);
        let span = |c| span(c, &queue);
        assert_eq!((span(Chart::Jobs), span(Chart::QueueBacklog)), (2, 1));
        // Picked first, the pair fills two of three columns; one single chart joins it.
        let picked = [Chart::Jobs];
        assert_eq!(
            packed(&all, &[], &picked, 3, 1, span),
            [(Chart::Jobs, 2), (Chart::Throughput, 1)]
        );
        assert_eq!(packed(&all, &[], &picked, 2, 1, span), [(Chart::Jobs, 2)]);
        // One column (a phone): the pair stacks in it, a second row takes the next chart.
        assert_eq!(
            packed(&all, &[], &picked, 1, 2, span),
            [(Chart::Jobs, 1), (Chart::Throughput, 1)]
        );
        // A pair after a single chart in a two-column row: the room left, stacked; the order holds.
        assert_eq!(
            packed(&all, &[Chart::Latency, Chart::Jobs], &[], 2, 1, span),
            [(Chart::Latency, 1), (Chart::Jobs, 1)]
        );
        // Two rows of three: the pair goes to the row with room, a single fills the hole before it.
        assert_eq!(
            packed(
                &all,
                &[Chart::Latency, Chart::Errors, Chart::Jobs],
                &[],
                3,
                2,
                span
            ),
            [
                (Chart::Latency, 1),
                (Chart::Errors, 1),
                (Chart::Jobs, 2),
                (Chart::Throughput, 1),
                (Chart::QueueBacklog, 1),
            ]
        );
    }

    #[test]
    fn the_stale_own_reads_chart_needs_replicas_and_read_your_writes() {
        let mut doc = sim_core::scenario::presets::get("replication").expect("preset");
        let on = |doc: &Scenario| available(doc).contains(&Chart::StaleOwnReads);
        assert!(!on(&doc), "read-your-writes is off in the preset");
        for n in &mut doc.nodes {
            if let ComponentConfig::Database(d) = &mut n.config {
                d.read_your_writes_s = 1.0;
            }
        }
        assert!(on(&doc));
        doc.nodes.retain(|n| n.kind() != ComponentKind::Replica);
        assert!(!on(&doc), "no replica, no stale read");
    }

    #[test]
    fn tier_charts_need_their_tier() {
        let three_tier = sim_core::scenario::presets::get("three_tier").expect("preset");
        let a = available(&three_tier);
        assert!(a.contains(&Chart::Errors) && a.contains(&Chart::Cost));
        assert!(!a.contains(&Chart::CacheHitRatio) && !a.contains(&Chart::ReplicationLag));
        assert!(!a.contains(&Chart::Jobs) && a.contains(&Chart::Availability));
        let queue = sim_core::scenario::presets::get("queue").expect("preset");
        let a = available(&queue);
        assert!(a.contains(&Chart::QueueBacklog) && a.contains(&Chart::Jobs));
        let millions = sim_core::scenario::presets::get("millions").expect("preset");
        let a = available(&millions);
        for c in [
            Chart::CacheHitRatio,
            Chart::CdnHitRatio,
            Chart::QueueBacklog,
            Chart::ShardLoad,
        ] {
            assert!(a.contains(&c), "{c:?}");
        }
    }
}
