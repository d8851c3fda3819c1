//! Words and numbers for people: sim time as seconds, rates and latencies with units, health, a node's role and
//! the one figure its tier shows, and the outline's spoken summary of a burst of events. Numbers are written the
//! page language's way through one [`NumberStyle`] (decimal comma and `12 %` in Spanish); the plain functions
//! ([`compact`], [`ms`], [`sim_time`]) are the English style.

use sim_core::ComponentKind;
use sim_core::SimTime;
use sim_core::metrics::{DbRole, Health, NodeFrame, PairStatus};
use sim_core::scenario::SLOWDOWN_FACTOR;

/// How a language writes numbers: the decimal mark, the thousands separator and where the percent sign goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NumberStyle {
    /// `1,234.5`, `12.5%`, `12.5k`.
    #[default]
    English,
    /// Spanish (RAE, *Ortografía* 2010): decimal comma, no separator in four-digit numbers, a no-break space from
    /// five digits (`12 345,5`), a space before `%` (`0,5 %`), `mil` and `M` in compact figures.
    Spanish,
    /// Simplified Chinese: `1,234.5` and `0.5%` as in English; compact figures count in 万 (10⁴) and 亿 (10⁸).
    Chinese,
}

/// A no-break space: keeps `12 345` and `0,5 %` on one line.
const NBSP: char = '\u{a0}';

/// `x` with `decimals` digits after the decimal mark, grouped the `style`'s way: `1,234.5` (English, Chinese),
/// `1234,5` and `12 345,5` (Spanish).
#[must_use]
pub fn number_in(style: NumberStyle, x: f64, decimals: usize) -> String {
    let plain = format!("{x:.decimals$}");
    let (sign, rest) = plain
        .strip_prefix('-')
        .map_or(("", plain.as_str()), |r| ("-", r));
    // `-0.0` rounds to "-0": no sign on a zero.
    let sign = if rest.chars().all(|c| c == '0' || c == '.') {
        ""
    } else {
        sign
    };
    let (int, frac) = rest.split_once('.').unwrap_or((rest, ""));
    let es = style == NumberStyle::Spanish;
    let group = if es { NBSP } else { ',' };
    let grouped = if !int.chars().all(|c| c.is_ascii_digit()) || (es && int.len() <= 4) {
        int.to_owned()
    } else {
        let mut out = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(ch);
        }
        out
    };
    let point = if es { "," } else { "." };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{frac}")
    }
}

/// A setting's value as a person reads it in a sentence, in `style`: whole numbers grouped (`4,096`, `4096`,
/// `12 345`), others in their shortest exact form with the language's decimal mark (`0.3`, `0,3`), as the core's
/// own messages write them (`sim_core::model::field::number`).
#[must_use]
pub fn value_in(style: NumberStyle, v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        number_in(style, v, 0)
    } else if v.is_finite() && v.abs() >= 1e-4 && v.abs() < 1e15 {
        let plain = format!("{v}");
        let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
        let int: f64 = int.parse().unwrap_or_default();
        let whole = number_in(style, int, 0);
        let whole = if v < 0.0 && !whole.starts_with('-') {
            format!("-{whole}")
        } else {
            whole
        };
        let point = if style == NumberStyle::Spanish {
            ','
        } else {
            '.'
        };
        format!("{whole}{point}{frac}")
    } else {
        format!("{v:e}")
    }
}

/// A fraction (0.005) as a percentage with `decimals` digits: `0.5%` (English, Chinese), `0,5 %` (Spanish).
#[must_use]
pub fn percent_in(style: NumberStyle, fraction: f64, decimals: usize) -> String {
    let n = number_in(style, fraction * 100.0, decimals);
    if style == NumberStyle::Spanish {
        format!("{n}{NBSP}%")
    } else {
        format!("{n}%")
    }
}

/// A count or rate without a unit, compact, in `style`: `950`, `1.3k`, `13k`, `3.2M` in English; `1,3 mil`,
/// `3,2 M` in Spanish; `1260`, `1.3万`, `320万`, `1.5亿` in Chinese.
#[must_use]
pub fn compact_in(style: NumberStyle, v: f64) -> String {
    let n = |x: f64, d: usize| number_in(style, x, d);
    match style {
        NumberStyle::Chinese if v >= 1e8 => format!("{}亿", n(v / 1e8, 1)),
        NumberStyle::Chinese if v >= 1e5 => format!("{}万", n(v / 1e4, 0)),
        NumberStyle::Chinese if v >= 1e4 => format!("{}万", n(v / 1e4, 1)),
        NumberStyle::Chinese if v >= 1e3 => n(v, 0).replace(',', ""),
        NumberStyle::Spanish if v >= 1e6 => format!("{}{NBSP}M", n(v / 1e6, 1)),
        NumberStyle::Spanish if v >= 1e4 => format!("{}{NBSP}mil", n(v / 1e3, 0)),
        NumberStyle::Spanish if v >= 1e3 => format!("{}{NBSP}mil", n(v / 1e3, 1)),
        NumberStyle::English if v >= 1e6 => format!("{}M", n(v / 1e6, 1)),
        NumberStyle::English if v >= 1e4 => format!("{}k", n(v / 1e3, 0)),
        NumberStyle::English if v >= 1e3 => format!("{}k", n(v / 1e3, 1)),
        _ if v >= 10.0 || v == 0.0 => n(v, 0),
        _ => n(v, 1),
    }
}

/// A latency in ms with sensible precision, in `style`: `120 ms`, `12.5 ms` (`12,5 ms` in Spanish).
#[must_use]
pub fn ms_in(style: NumberStyle, v: f64) -> String {
    let decimals = if v >= 100.0 { 0 } else { 1 };
    format!("{} ms", number_in(style, v, decimals))
}

/// Sim time in seconds with one decimal, in `style`: `12.3 s` (`12,3 s` in Spanish).
#[must_use]
pub fn sim_time_in(style: NumberStyle, t: SimTime) -> String {
    format!("{} s", number_in(style, t.as_secs_f64(), 1))
}

/// `12.3 s`.
#[must_use]
pub fn sim_time(t: SimTime) -> String {
    sim_time_in(NumberStyle::English, t)
}

/// A count or rate without a unit, compact: `950`, `12.5k`, `3.2M` ([`compact_in`] in English).
#[must_use]
pub fn compact(v: f64) -> String {
    compact_in(NumberStyle::English, v)
}

/// A latency in ms with sensible precision ([`ms_in`] in English).
#[must_use]
pub fn ms(v: f64) -> String {
    ms_in(NumberStyle::English, v)
}

/// The `data-health` value of a health state.
#[must_use]
pub fn health_id(h: Health) -> &'static str {
    match h {
        Health::Healthy => "healthy",
        Health::DownUndetected => "down_undetected",
        Health::Down => "down",
        Health::Recovering => "recovering",
    }
}

/// Health for people, with the reason a beginner needs.
#[must_use]
pub fn health_text(h: Health) -> &'static str {
    match h {
        Health::Healthy => "healthy",
        Health::DownUndetected => "down — not yet detected",
        Health::Down => "down",
        Health::Recovering => "recovering",
    }
}

/// Longer explanation of a health state (tooltips).
#[must_use]
pub fn health_explanation(h: Health) -> &'static str {
    match h {
        Health::Healthy => "Running normally.",
        Health::DownUndetected => {
            "Killed, but the load balancer has not noticed yet: it still sends requests here, and they fail."
        }
        Health::Down => {
            "Killed, and every load balancer in front of it has stopped sending it requests."
        }
        Health::Recovering => {
            "Running again; waiting to pass enough health checks before it gets traffic."
        }
    }
}

/// How many times slower `n` serves now: [`SLOWDOWN_FACTOR`] while a gray failure slows it and it is running
/// (a dead node's status is its health), else `None`.
#[must_use]
pub fn slowdown_of(n: &NodeFrame) -> Option<u32> {
    let down = matches!(n.health, Health::Down | Health::DownUndetected);
    (n.slowed && !down).then_some(SLOWDOWN_FACTOR)
}

/// [`slowdown_of`] in English, for the node's status line: "slowed ×10".
#[must_use]
pub fn slowed_text(n: &NodeFrame) -> Option<String> {
    slowdown_of(n).map(|f| format!("slowed ×{f}"))
}

/// A database's place in its replica set now: `"primary"`, `"replica"`, or `"out of the set"` for a dead member
/// that no longer takes writes (the old primary after a promotion, until it is rebuilt as a replica).
pub fn role_of(n: &NodeFrame) -> Option<&'static str> {
    let down = matches!(n.health, Health::Down | Health::DownUndetected);
    n.db_role.map(|r| match (r, down) {
        (DbRole::Primary, _) => "primary",
        (DbRole::Replica, false) => "replica",
        (DbRole::Replica, true) => "out of the set",
    })
}

/// The one figure that matters most for a node's tier, as data: the app words it in the page's language
/// ([`tier_detail`] is the English).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TierFigure {
    /// A database's place in its replica set ([`role_of`]) and, for a live replica, how many writes it lags.
    Role {
        /// `"primary"`, `"replica"` or `"out of the set"`.
        role: &'static str,
        /// Writes the replica has not applied yet (0 when none or not a replica).
        behind: u64,
        /// A multi-primary primary's writes concurrent with another primary's (0 when none or one primary).
        conflicts: u64,
    },
    /// A cache's or CDN's hit ratio, 0–1.
    Hits(f64),
    /// Instances running and warming up (an autoscaled web tier).
    Instances {
        /// Serving now.
        running: u32,
        /// Started, not yet ready.
        warming: u32,
    },
    /// Workers active (a worker pool).
    Workers(u32),
    /// A shard router's busiest shard over the mean.
    Hotspot(f64),
    /// Messages waiting in a queue.
    Waiting(u32),
    /// A load balancer with a standby machine: the pair's state.
    Pair(PairStatus),
}

/// The one figure that matters most for a node's tier, for its label line.
#[must_use]
pub fn tier_figure(n: &NodeFrame) -> Option<TierFigure> {
    if let Some(p) = n.pair {
        return Some(TierFigure::Pair(p));
    }
    if let Some(role) = role_of(n) {
        let behind = match n.behind_writes {
            Some(b) if role == "replica" => b,
            _ => 0,
        };
        let conflicts = n.conflicts.unwrap_or(0);
        return Some(TierFigure::Role {
            role,
            behind,
            conflicts,
        });
    }
    if let Some(h) = n.hit_ratio {
        return Some(TierFigure::Hits(h));
    }
    if let Some((running, warming)) = n.instances {
        return Some(TierFigure::Instances { running, warming });
    }
    if let Some(w) = n.workers_active {
        return Some(TierFigure::Workers(w));
    }
    if let Some(h) = n.hotspot_ratio {
        return Some(TierFigure::Hotspot(h));
    }
    (n.kind == ComponentKind::MessageQueue).then_some(TierFigure::Waiting(n.queue_len))
}

/// [`tier_figure`] in English, for its label line.
#[must_use]
pub fn tier_detail(n: &NodeFrame) -> Option<String> {
    Some(match tier_figure(n)? {
        TierFigure::Role { role, behind, .. } if behind > 0 => format!("{role}, {behind} behind"),
        TierFigure::Role {
            role, conflicts, ..
        } if conflicts > 0 => format!("{role}, {conflicts} conflicts"),
        TierFigure::Role { role, .. } => role.to_owned(),
        TierFigure::Hits(h) => format!("{:.0}% hits", h * 100.0),
        TierFigure::Instances { running, warming } if warming > 0 => {
            format!("{running}+{warming} instances")
        }
        TierFigure::Instances { running, .. } => format!("{running} instances"),
        TierFigure::Workers(w) => format!("{w} workers"),
        TierFigure::Hotspot(h) => format!("hotspot {h:.1}×"),
        TierFigure::Waiting(q) => format!("{q} waiting"),
        TierFigure::Pair(p) => match p {
            PairStatus::Ready => "active + standby",
            PairStatus::TakingOver => "standby taking over",
            PairStatus::NoStandby => "no standby",
            PairStatus::Down => "pair down",
        }
        .to_owned(),
    })
}

/// One sentence for several log messages: the first three, then how many more.
#[must_use]
pub fn announcement(messages: &[String]) -> String {
    let mut s = messages
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    if messages.len() > 3 {
        s.push_str(&format!(" And {} more events.", messages.len() - 3));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multi_primary_primary_shows_its_conflicts_on_its_label_line() {
        let mut s = sim_core::scenario::presets::get("two_regions").expect("preset");
        for n in &mut s.nodes {
            if let sim_core::model::ComponentConfig::Database(db) = &mut n.config {
                db.replication = sim_core::model::Replication::MultiPrimary;
            }
        }
        let mut sim = sim_core::Simulation::new(&s).expect("valid");
        sim.step_until(sim_core::SimTime(30_000_000), u64::MAX);
        let frame = sim.frame();
        let lines: Vec<_> = frame
            .nodes
            .iter()
            .filter(|n| n.conflicts.is_some())
            .filter_map(tier_detail)
            .collect();
        assert_eq!(lines.len(), 2, "both databases are primaries: {lines:?}");
        for line in lines {
            let count: u64 = line
                .strip_prefix("primary, ")
                .and_then(|l| l.strip_suffix(" conflicts"))
                .and_then(|c| c.parse().ok())
                .unwrap_or_else(|| panic!("{line:?}"));
            assert!(count > 0, "{line}");
        }
    }

    #[test]
    fn numbers_read_compactly() {
        assert_eq!(compact(950.0), "950");
        assert_eq!(compact(12_600.0), "13k");
        assert_eq!(compact(1_260.0), "1.3k");
        assert_eq!(compact(3_200_000.0), "3.2M");
        assert_eq!(compact(0.25), "0.2");
        assert_eq!(ms(120.4), "120 ms");
        assert_eq!(sim_time(sim_core::SimTime(12_345_678)), "12.3 s");
    }

    #[test]
    fn numbers_follow_the_language() {
        use NumberStyle::{Chinese as Zh, English as En, Spanish as Es};
        assert_eq!(number_in(En, 1234.5, 1), "1,234.5");
        assert_eq!(number_in(Zh, 1234.5, 1), "1,234.5");
        assert_eq!(number_in(Es, 1234.5, 1), "1234,5");
        assert_eq!(number_in(Es, 12_345.5, 1), "12\u{a0}345,5");
        assert_eq!(number_in(Es, 1_234_567.0, 0), "1\u{a0}234\u{a0}567");
        assert_eq!(number_in(En, -1_234_567.0, 0), "-1,234,567");
        assert_eq!(number_in(En, -0.01, 1), "0.0");
        assert_eq!(percent_in(En, 0.005, 1), "0.5%");
        assert_eq!(percent_in(Zh, 0.005, 1), "0.5%");
        assert_eq!(percent_in(Es, 0.005, 1), "0,5\u{a0}%");
        assert_eq!(percent_in(Es, 0.25, 0), "25\u{a0}%");
        assert_eq!(value_in(Es, 0.3), "0,3");
        assert_eq!(value_in(Es, 12_345.0), "12\u{a0}345");
        assert_eq!(value_in(En, 1_000_000.0), "1,000,000");
        assert_eq!(value_in(Zh, 0.001), "0.001");
        assert_eq!(value_in(Es, -0.5), "-0,5");
        assert_eq!(value_in(En, 1e300), "1e300");
    }

    #[test]
    fn compact_figures_use_each_languages_words() {
        use NumberStyle::{Chinese as Zh, English as En, Spanish as Es};
        assert_eq!(compact_in(Es, 950.0), "950");
        assert_eq!(compact_in(Es, 1_260.0), "1,3\u{a0}mil");
        assert_eq!(compact_in(Es, 12_600.0), "13\u{a0}mil");
        assert_eq!(compact_in(Es, 3_200_000.0), "3,2\u{a0}M");
        assert_eq!(compact_in(Es, 0.25), "0,2");
        assert_eq!(compact_in(Zh, 1_260.0), "1260");
        assert_eq!(compact_in(Zh, 12_600.0), "1.3万");
        assert_eq!(compact_in(Zh, 3_200_000.0), "320万");
        assert_eq!(compact_in(Zh, 150_000_000.0), "1.5亿");
        assert_eq!(compact_in(En, 1_260.0), "1.3k");
        assert_eq!(ms_in(Es, 12.54), "12,5 ms");
        assert_eq!(ms_in(Zh, 12.54), "12.5 ms");
        assert_eq!(sim_time_in(Es, sim_core::SimTime(12_345_678)), "12,3 s");
    }

    #[test]
    fn a_slowed_node_says_so_while_it_runs() {
        let doc = sim_core::scenario::presets::get("three_tier").expect("preset");
        let sim = sim_core::Simulation::new(&doc).expect("valid");
        let frame = sim.frame();
        let mut web = frame
            .nodes
            .iter()
            .find(|n| n.kind == ComponentKind::WebServer)
            .expect("a web server")
            .clone();
        assert_eq!(slowdown_of(&web), None, "not slowed at the start");
        assert_eq!(slowed_text(&web), None);
        web.slowed = true;
        assert_eq!(slowdown_of(&web), Some(10));
        assert_eq!(slowed_text(&web).as_deref(), Some("slowed ×10"));
        web.health = Health::Down;
        assert_eq!(slowdown_of(&web), None, "a dead node shows its health");
    }

    #[test]
    fn bursts_are_one_sentence() {
        let m = |n: usize| (0..n).map(|i| format!("E{i}.")).collect::<Vec<_>>();
        assert_eq!(announcement(&m(2)), "E0. E1.");
        assert_eq!(announcement(&m(5)), "E0. E1. E2. And 2 more events.");
    }
}
