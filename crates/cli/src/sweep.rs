//! `scalelab sweep`: the load sweep from the command line. Runs the scenario at evenly spaced values of one numeric
//! setting (by default the client's arrival rate from 10 % to 150 % of the web tier's capacity), a few seeds each,
//! and prints per value the latency percentiles, the error ratio, the throughput and the cost, with the knee — as
//! a table, or as JSON with `--json`. The same figures as the app's sweep panel (`sim_core::sweep`).

use pico_args::Arguments;
use sim_core::NodeId;
use sim_core::model::field;
use sim_core::scenario::{Budget, Scenario};
use sim_core::sweep::{Sweep, SweepResult, SweepRun};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// Events per step between progress checks.
const SLICE_EVENTS: u64 = 5_000_000;
/// Progress goes to stderr once a sweep has taken this long, and again at this interval.
const PROGRESS_EVERY: Duration = Duration::from_secs(2);

/// `scalelab sweep FILE [--node ID] [--field NAME] [--from A] [--to B] [--points N] [--seeds K] [--duration-s S]
/// [--seed N] [--max-events N] [--json]`.
pub fn sweep(mut args: Arguments) -> Result<String, String> {
    let seed = super::run::seed_arg(&mut args)?;
    let max_events = super::run::max_events_arg(&mut args)?;
    let json = args.contains("--json");
    let node: Option<String> = opt(&mut args, "--node", "a node id (such as 3 or n3) or label")?;
    let field_name: Option<String> = opt(&mut args, "--field", "a setting name")?;
    let from: Option<f64> = opt(&mut args, "--from", "a number")?;
    let to: Option<f64> = opt(&mut args, "--to", "a number")?;
    let points: Option<u32> = opt(&mut args, "--points", "a whole number from 2 to 24")?;
    let seeds: Option<u32> = opt(&mut args, "--seeds", "a whole number from 1 to 8")?;
    let duration_s: Option<f64> = opt(&mut args, "--duration-s", "a number of seconds")?;
    let file: String = args
        .free_from_str()
        .map_err(|_| format!("sweep needs a scenario FILE\n{}", super::USAGE))?;
    super::run::finish(args)?;
    let scenario = super::run::load(&file, seed)?;
    let mut sweep = Sweep::default_for(&scenario).ok_or_else(|| {
        format!("{file} has no client to sweep the arrival rate of; give --node and --field")
    })?;
    if let Some(n) = node {
        let id = find_node(&scenario, &n)?;
        let Some(f) = field_name else {
            return Err("--node needs --field (the setting to sweep)".to_owned());
        };
        sweep = Sweep::for_setting(&scenario, id, &f).map_err(|e| format!("{file}: {e}"))?;
    } else if let Some(f) = field_name {
        sweep =
            Sweep::for_setting(&scenario, sweep.node, &f).map_err(|e| format!("{file}: {e}"))?;
    }
    sweep.from = from.unwrap_or(sweep.from);
    sweep.to = to.unwrap_or(sweep.to);
    sweep.points = points.unwrap_or(sweep.points);
    sweep.seeds = seeds.unwrap_or(sweep.seeds);
    sweep.duration_s = duration_s;
    let budget = Budget {
        events: max_events,
        ..Budget::default()
    };
    let mut run = SweepRun::new(&scenario, &sweep, &budget).map_err(|e| format!("{file}: {e}"))?;
    let started = Instant::now();
    let mut reported = started;
    while !run.step(SLICE_EVENTS) {
        if reported.elapsed() >= PROGRESS_EVERY {
            reported = Instant::now();
            super::say(&format!(
                "swept {:.0} % in {:.0} s",
                100.0 * run.progress(),
                started.elapsed().as_secs_f64()
            ));
        }
    }
    if let Some(e) = run.error() {
        return Err(format!("{file}: {e}"));
    }
    let result = run.result();
    if json {
        serde_json::to_string_pretty(&result)
            .map_err(|e| format!("cannot serialize the sweep: {e}"))
    } else {
        Ok(table(&scenario, &result))
    }
}

fn opt<T: std::str::FromStr>(
    args: &mut Arguments,
    key: &'static str,
    what: &str,
) -> Result<Option<T>, String>
where
    T::Err: std::fmt::Display,
{
    args.opt_value_from_str(key)
        .map_err(|e| format!("{key} must be {what} ({e})"))
}

/// A node by id (`3` or `n3`) or by label.
fn find_node(scenario: &Scenario, text: &str) -> Result<NodeId, String> {
    let by_id = text
        .strip_prefix('n')
        .unwrap_or(text)
        .parse::<u32>()
        .ok()
        .map(NodeId)
        .filter(|&id| scenario.node(id).is_some());
    by_id
        .or_else(|| {
            scenario
                .nodes
                .iter()
                .find(|n| n.label == text)
                .map(|n| n.id)
        })
        .ok_or_else(|| {
            let known: Vec<String> = scenario
                .nodes
                .iter()
                .map(|n| format!("{} ({})", n.id, n.label))
                .collect();
            format!("no node {text:?}; nodes are: {}", known.join(", "))
        })
}

/// A value with at most two decimals and no trailing zeros: `408.89`, `2400`, `0.35`.
fn short(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The result as a table for people: one line per value, then the knee.
fn table(scenario: &Scenario, result: &SweepResult) -> String {
    let sweep = &result.sweep;
    let spec = sweep.spec(scenario).ok();
    let (label, unit) = spec.map_or(("", ""), |s| (s.label, s.unit));
    let node = scenario
        .node(sweep.node)
        .map_or(String::new(), |n| n.label.clone());
    let runs = match sweep.duration_s {
        Some(d) => format!("{} s", field::number(d)),
        None => format!("{} s", field::number(scenario.duration_s)),
    };
    let mut out = format!(
        "Sweep of {node} ({}) {label} ({}), {} values × {} seeds of {runs}\n",
        sweep.node, sweep.field, sweep.points, sweep.seeds
    );
    let _ = writeln!(
        out,
        "{:>12}  {:>9}  {:>9}  {:>9}  {:>8}  {:>10}  {:>9}",
        if unit.is_empty() {
            "value".to_owned()
        } else {
            unit.to_owned()
        },
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "errors",
        "ok req/s",
        "USD/hour"
    );
    for (i, p) in result.points.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>12}  {:>9.1}  {:>9.1}  {:>9.1}  {:>7.2}%  {:>10.1}  {:>9.3}{}",
            short(p.value),
            p.latency_ms_p50,
            p.latency_ms_p95,
            p.latency_ms_p99,
            100.0 * p.error_ratio,
            p.throughput_rps,
            p.cost_per_hour,
            if result.knee == Some(i) {
                "  ← knee"
            } else {
                ""
            }
        );
    }
    match result
        .knee
        .and_then(|k| result.points.get(k).map(|p| (k, p)))
    {
        Some((_, p)) => {
            let first = result.points.first().map_or(0.0, |f| f.latency_ms_p99);
            let why = if p.error_ratio > 0.01 {
                format!("errors passed 1 % ({:.2} %)", 100.0 * p.error_ratio)
            } else {
                format!(
                    "p99 doubled from {first:.1} ms to {:.1} ms",
                    p.latency_ms_p99
                )
            };
            let _ = write!(out, "Knee at {} {unit}: {why}", short(p.value));
        }
        None => {
            let _ = write!(
                out,
                "No knee: p99 stays under twice its low-load value and errors under 1 %"
            );
        }
    }
    out
}
