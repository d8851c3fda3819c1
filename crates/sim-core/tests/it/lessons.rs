//! The chapter keeps its word: every experiment of every lesson (`scenario::lessons::ALL`) is performed on its
//! preset after warm-up, and its one-sentence promise (`Experiment::expect`) is checked with figures; each
//! lesson's checkable statements (which nodes are single points of failure) and the charts it names are checked
//! against the analysis and a run.
//!
//! Checks are keyed by (preset, experiment title) in [`CHECKS`]: an experiment without one fails
//! `every_experiment_has_a_check`, so a new or renamed experiment cannot ship unchecked. A broken promise reports
//! the sentence and the figures measured. Each run lasts only as long as its promise needs. The checks live in
//! `lessons_web.rs` (steps 1–7) and `lessons_scale.rs` (steps 8–11); the harness they share is here.

use crate::{lessons_scale as scale, lessons_web as web};
use sim_core::metrics::{FailureCause, LogEntry, LogKind, WindowStats};
use sim_core::model::ComponentKind;
use sim_core::scenario::Edit;
use sim_core::scenario::lessons::{self, Chart, Experiment, Lesson};
use sim_core::scenario::{FaultAction, FaultEvent, presets};
use sim_core::{ComponentConfig, NodeId, Scenario, SimTime, Simulation};

/// What a check found: `Ok` with the figures that kept the promise, `Err` with the figures that broke it.
pub type Outcome = Result<String, String>;

/// Checks one experiment's promise on its preset.
pub type CheckFn = fn(&Case) -> Outcome;

/// Every experiment's check, keyed by (preset id, experiment title).
#[rustfmt::skip]
pub const CHECKS: &[(&str, &str, CheckFn)] = &[
    ("single_server", "Kill the server",        web::kill_fails_everything),
    ("separate_db",   "Kill the database",      web::database_down_web_up),
    ("separate_db",   "Kill the web server",    web::web_down_database_idle),
    ("separate_db",   "Slow the database down", web::slow_database_refuses_beyond_its_connections),
    ("three_tier",    "Kill Web 1",             web::web_1_burst_then_web_2),
    ("three_tier",    "Bring Web 1 back",       web::web_1_back_after_checks),
    ("three_tier",    "Kill the database",      web::kill_fails_everything),
    ("three_tier",    "Kill the load balancer", web::lb_down_until_a_standby_takes_over),
    ("three_tier",    "Slow down Web 1",        web::slow_web_1_needs_a_smarter_balancer),
    ("replication",   "Kill the primary",       web::primary_promotion_loses_writes),
    ("replication",   "Kill Replica 1",         web::replica_reads_move),
    ("cache",         "Flush the cache",        web::cache_dip_and_refill),
    ("cache",         "Kill the cache",         web::kill_fails_everything),
    ("cdn",           "Deploy new files",       web::cdn_stale_until_ttl),
    ("cdn",           "Purge the CDN",          web::cdn_purge_refills),
    ("cdn",           "Kill the CDN",           web::cdn_down_origin_busier),
    ("stateless",     "Kill Web 1",             web::stateless_nobody_logged_out),
    ("stateless",     "Kill the session store", web::kill_fails_everything),
    ("two_regions",   "Take US-East down",      scale::region_moves_after_dns),
    ("two_regions",   "Bring US-East back",     scale::region_comes_home),
    ("two_regions",   "Cut EU-West off",        scale::cut_off_writes_fail_replica_behind),
    ("two_regions",   "Heal the partition",     scale::healed_replica_catches_up),
    ("queue",         "Kill the workers",       scale::backlog_grows_site_fast),
    ("queue",         "Bring the workers back", scale::workers_scale_and_drain),
    ("sharding",      "Add a shard",            scale::shard_added_keys_move),
    ("sharding",      "Remove a shard",         scale::shard_removed_load_rises),
    ("millions",      "Take US-East down",      scale::europe_takes_everyone),
    ("millions",      "Flush the US cache",     web::cache_dip_and_refill),
    ("millions",      "Kill Shard 1",           scale::shard_1_writes_until_promotion),
    ("millions",      "Send a flash crowd",     scale::crowd_scales_out_after_warm_up),
    ("millions",      "Kill GeoDNS",            scale::geodns_down_after_ttl),
];

/// One experiment of one lesson, with its preset.
pub struct Case {
    /// The lesson.
    pub lesson: &'static Lesson,
    /// The experiment whose promise is checked.
    pub experiment: &'static Experiment,
    /// The lesson's preset, as shipped.
    pub doc: Scenario,
}

impl Case {
    /// The id of the node labelled `label`.
    pub fn id(&self, label: &str) -> NodeId {
        id_in(&self.doc, label)
    }

    /// The settings of the node labelled `label`.
    pub fn config(&self, label: &str) -> &ComponentConfig {
        &self.doc.node(self.id(label)).expect("node").config
    }

    /// The experiment, performed at `at_s`, as a timeline entry.
    pub fn now(&self, at_s: f64) -> (f64, &'static str, FaultAction) {
        (at_s, self.experiment.target, self.experiment.action)
    }

    /// A run of `doc` with `faults` (time in s, node label, action) in its timeline.
    pub fn run_of(doc: &Scenario, faults: &[(f64, &str, FaultAction)]) -> Lab {
        let mut doc = doc.clone();
        for &(at_s, label, action) in faults {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let at_us = (at_s * 1e6) as u64;
            doc.faults.push(FaultEvent {
                at_us,
                node: id_in(&doc, label),
                action,
                peer: None,
            });
        }
        doc.faults.sort_by_key(|f| f.at_us);
        Lab {
            sim: Simulation::new(&doc).expect("a preset runs"),
            doc,
        }
    }

    /// A run of the preset with `faults` in its timeline.
    pub fn run(&self, faults: &[(f64, &str, FaultAction)]) -> Lab {
        Case::run_of(&self.doc, faults)
    }
}

/// The id of `doc`'s node labelled `label`.
pub fn id_in(doc: &Scenario, label: &str) -> NodeId {
    doc.nodes
        .iter()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("no node {label:?}"))
        .id
}

/// A running experiment and what it measures.
pub struct Lab {
    /// The run.
    pub sim: Simulation,
    /// Its document (the preset with the experiment's faults).
    pub doc: Scenario,
}

impl Lab {
    /// Runs to `t_s` seconds (no-op if already there).
    pub fn to(&mut self, t_s: f64) -> &mut Self {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let target = SimTime((t_s * 1e6) as u64);
        if target > self.sim.now() {
            self.sim.step_until(target, u64::MAX);
        }
        self
    }

    /// The id of the node labelled `label`.
    pub fn id(&self, label: &str) -> NodeId {
        id_in(&self.doc, label)
    }

    /// The closed one-second windows starting in `[from_s, to_s)`.
    pub fn windows(&self, from_s: f64, to_s: f64) -> Vec<WindowStats> {
        self.sim
            .frame()
            .windows
            .into_iter()
            .filter(|w| (from_s..to_s).contains(&w.start.as_secs_f64()))
            .collect()
    }

    /// Errors / answered requests over the windows in `[from_s, to_s)`, and the number answered.
    #[allow(clippy::cast_precision_loss)]
    pub fn error_ratio(&self, from_s: f64, to_s: f64) -> (f64, u64) {
        let w = self.windows(from_s, to_s);
        let failed: u64 = w.iter().map(|w| w.failed).sum();
        let answered = failed + w.iter().map(|w| w.completed).sum::<u64>();
        let ratio = if answered == 0 {
            0.0
        } else {
            failed as f64 / answered as f64
        };
        (ratio, answered)
    }

    /// Failed requests by cause over the windows in `[from_s, to_s)`.
    pub fn failed_by_cause(&self, from_s: f64, to_s: f64) -> [u64; FailureCause::COUNT] {
        let mut sum = [0; FailureCause::COUNT];
        for w in self.windows(from_s, to_s) {
            for (s, f) in sum.iter_mut().zip(w.failed_by_cause) {
                *s += f;
            }
        }
        sum
    }

    /// The start of the last window in `[from_s, to_s)` with any failed request, if any.
    pub fn last_failure_s(&self, from_s: f64, to_s: f64) -> Option<f64> {
        self.last_window_s(from_s, to_s, |w| w.failed > 0)
    }

    /// The start of the last window in `[from_s, to_s)` with a request failed as "node down", if any.
    pub fn last_node_down_s(&self, from_s: f64, to_s: f64) -> Option<f64> {
        self.last_window_s(from_s, to_s, |w| {
            w.failed_by_cause[FailureCause::NodeDown.index()] > 0
        })
    }

    fn last_window_s(&self, from_s: f64, to_s: f64, pick: fn(&WindowStats) -> bool) -> Option<f64> {
        self.windows(from_s, to_s)
            .iter()
            .filter(|w| pick(w))
            .map(|w| w.start.as_secs_f64())
            .next_back()
    }

    /// Requests that reached the node labelled `label` per second over `[from_s, to_s)` (runs to `to_s`).
    #[allow(clippy::cast_precision_loss)]
    pub fn arrival_rate(&mut self, label: &str, from_s: f64, to_s: f64) -> f64 {
        let id = self.id(label);
        assert!(
            self.sim.now().as_secs_f64() <= from_s,
            "a rate is measured going forward"
        );
        let before = self.to(from_s).sim.counters(id).expect("node").arrived;
        let after = self.to(to_s).sim.counters(id).expect("node").arrived;
        (after - before) as f64 / (to_s - from_s)
    }

    /// Requests the node labelled `label` failed itself so far, by cause.
    pub fn failed_here(&self, label: &str) -> [u64; FailureCause::COUNT] {
        self.sim
            .frame()
            .node(self.id(label))
            .expect("node")
            .failed_here_by_cause
    }

    /// The log entries about the node labelled `label` that `kind` accepts.
    pub fn log_about(&self, label: &str, kind: fn(&LogKind) -> bool) -> Vec<LogEntry> {
        let id = self.id(label);
        self.sim
            .frame()
            .log
            .into_iter()
            .filter(|e| e.node == id && kind(&e.kind))
            .collect()
    }

    /// Whether the node labelled `label` is running.
    pub fn alive(&self, label: &str) -> bool {
        self.sim.is_alive(self.id(label)).expect("node")
    }
}

/// The fault time of most experiments: after warm-up (caches filled, autoscaling settled).
pub const AT_S: f64 = 20.0;
/// The fault time in the last step, whose web tiers finish their first scale-out at 40 s.
pub const AT_MILLIONS_S: f64 = 30.0;

/// When `case`'s experiment is performed, s.
pub fn at_s(case: &Case) -> f64 {
    if case.lesson.preset == "millions" {
        AT_MILLIONS_S
    } else {
        AT_S
    }
}

/// The count of cause `c` in per-cause `counts`.
pub fn cause(counts: &[u64; FailureCause::COUNT], c: FailureCause) -> u64 {
    counts[c.index()]
}

/// Requests per second reaching each labelled node over `[from_s, to_s)` (runs to `to_s`).
#[allow(clippy::cast_precision_loss)]
pub fn arrival_rates(lab: &mut Lab, labels: &[&str], from_s: f64, to_s: f64) -> Vec<f64> {
    lab.to(from_s);
    let before: Vec<u64> = labels
        .iter()
        .map(|l| lab.sim.counters(lab.id(l)).expect("node").arrived)
        .collect();
    lab.to(to_s);
    labels
        .iter()
        .zip(before)
        .map(|(l, b)| {
            (lab.sim.counters(lab.id(l)).expect("node").arrived - b) as f64 / (to_s - from_s)
        })
        .collect()
}

/// The first log line about the node labelled `label` that `kind` accepts.
pub fn first_log(lab: &Lab, label: &str, kind: fn(&LogKind) -> bool) -> Option<String> {
    lab.log_about(label, kind)
        .first()
        .map(|e| e.message.clone())
}

/// When the first log line about `label` that `kind` accepts was written, s.
pub fn first_log_s(lab: &Lab, label: &str, kind: fn(&LogKind) -> bool) -> Option<f64> {
    lab.log_about(label, kind)
        .first()
        .map(|e| e.at.as_secs_f64())
}

/// Sets choice `field` of `doc`'s node labelled `label` to `option`.
pub fn choose(doc: &mut Scenario, label: &str, field: &str, option: &str) {
    let node = id_in(doc, label);
    doc.apply(Edit::SetChoice {
        node,
        field: field.to_owned(),
        option: option.to_owned(),
    })
    .expect("a valid choice");
}

/// `Ok(figures)` when `kept`, else `Err(figures)`.
pub fn promise(kept: bool, figures: String) -> Outcome {
    if kept { Ok(figures) } else { Err(figures) }
}

/// Labels of the single points of failure of `doc`.
fn spof_labels(doc: &Scenario) -> Vec<String> {
    doc.single_points_of_failure()
        .iter()
        .map(|&id| doc.node(id).expect("node").label.clone())
        .collect()
}

#[test]
fn every_experiment_has_a_check() {
    let mut missing = Vec::new();
    for l in lessons::ALL {
        for e in l.experiments {
            if !CHECKS.iter().any(|c| c.0 == l.preset && c.1 == e.title) {
                missing.push(format!("{} / {}", l.preset, e.title));
            }
        }
    }
    let stale: Vec<_> = CHECKS
        .iter()
        .filter(|c| {
            !lessons::ALL
                .iter()
                .any(|l| l.preset == c.0 && l.experiments.iter().any(|e| e.title == c.1))
        })
        .map(|c| format!("{} / {}", c.0, c.1))
        .collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "experiments without a check of their promise: {missing:?}; checks of no experiment: {stale:?}"
    );
}

#[test]
fn every_experiment_keeps_its_promise() {
    let cases: Vec<(&'static Lesson, &'static Experiment, CheckFn)> = lessons::ALL
        .iter()
        .flat_map(|l| l.experiments.iter().map(move |e| (l, e)))
        .filter_map(|(l, e)| {
            CHECKS
                .iter()
                .find(|c| c.0 == l.preset && c.1 == e.title)
                .map(|c| (l, e, c.2))
        })
        .collect();
    // Longest runs first, spread over the cores: the slowest step alone sets the test's time.
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut order: Vec<usize> = (0..cases.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cases[i].0.preset == "millions"));
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&i) = order.get(k) else { break };
                    let (lesson, experiment, check) = cases[i];
                    let case = Case {
                        lesson,
                        experiment,
                        doc: presets::get(lesson.preset).expect("preset"),
                    };
                    let started = std::time::Instant::now();
                    let outcome = check(&case);
                    let line = (
                        i,
                        format!(
                            "{} / {} ({:.1} s): {}",
                            lesson.preset,
                            experiment.title,
                            started.elapsed().as_secs_f64(),
                            match &outcome {
                                Ok(figures) => format!("kept — {figures}"),
                                Err(figures) =>
                                    format!("BROKEN \"{}\" — {figures}", experiment.expect),
                            }
                        ),
                        outcome.is_ok(),
                    );
                    results.lock().expect("no check panicked").push(line);
                }
            });
        }
    });
    let mut results = results.into_inner().expect("no check panicked");
    results.sort_by_key(|r| r.0);
    for r in &results {
        println!("{}", r.1);
    }
    let broken: Vec<_> = results.iter().filter(|r| !r.2).map(|r| &r.1).collect();
    assert!(
        broken.is_empty(),
        "{} lesson promises broke:\n{}",
        broken.len(),
        broken
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// What each lesson says about single points of failure: the labels the canvas must tag, and must not.
const SPOF_CLAIMS: &[(&str, &[&str], &[&str])] = &[
    // "when it dies the whole site is gone"
    ("single_server", &["Server"], &[]),
    // "either machine is a single point of failure (the canvas tags both SPOF)"
    ("separate_db", &["Web server", "Database"], &[]),
    // two web servers are redundant; "the one database is still a single point of failure"
    ("three_tier", &["Database"], &["Web 1", "Web 2"]),
    // "a replica is promoted"
    ("replication", &[], &["Primary", "Replica 1", "Replica 2"]),
    // "a cache every request passes through is one more single point of failure (the canvas tags it)"
    ("cache", &["Cache", "Database"], &["Web 1", "Web 2"]),
    // "the store is the new single point of failure"; "lose one [web server] without logging anybody out"
    ("stateless", &["Session store"], &["Web 1", "Web 2"]),
    // either data center can serve everyone
    (
        "two_regions",
        &["GeoDNS"],
        &["US load balancer", "EU load balancer", "Primary (US)"],
    ),
    // "One node is still a single point of failure (the canvas tags it): GeoDNS"
    ("millions", &["GeoDNS"], &[]),
];

#[test]
fn every_lesson_s_single_points_of_failure_are_the_analysis_s() {
    let mut wrong = Vec::new();
    for &(preset, tagged, untagged) in SPOF_CLAIMS {
        let doc = presets::get(preset).expect("preset");
        let spof = spof_labels(&doc);
        let missing: Vec<_> = tagged
            .iter()
            .filter(|l| !spof.iter().any(|s| s == *l))
            .collect();
        let extra: Vec<_> = untagged
            .iter()
            .filter(|l| spof.iter().any(|s| s == *l))
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            wrong.push(format!(
                "{preset}: analysis tags {spof:?}; the lesson says {missing:?} are SPOF and {extra:?} are not"
            ));
        }
    }
    // "Only GeoDNS": nothing else may be tagged in the last step.
    let millions = spof_labels(&presets::get("millions").expect("preset"));
    if millions != ["GeoDNS"] {
        wrong.push(format!(
            "millions: the lesson names only GeoDNS, the analysis tags {millions:?}"
        ));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The kind a chart needs in the diagram to have anything to show (`None`: every diagram).
fn chart_needs(chart: Chart) -> Option<ComponentKind> {
    match chart {
        Chart::Throughput | Chart::Latency | Chart::Errors | Chart::Cost | Chart::Availability => {
            None
        }
        Chart::CacheHitRatio => Some(ComponentKind::Cache),
        Chart::CdnHitRatio => Some(ComponentKind::Cdn),
        Chart::ReplicationLag | Chart::StaleOwnReads => Some(ComponentKind::Replica),
        Chart::QueueBacklog | Chart::Jobs => Some(ComponentKind::MessageQueue),
        Chart::ShardLoad => Some(ComponentKind::ShardRouter),
    }
}

#[test]
fn every_lesson_s_charts_have_something_to_show_in_its_preset() {
    let mut wrong = Vec::new();
    for l in lessons::ALL {
        let doc = presets::get(l.preset).expect("preset");
        assert!(!l.charts.is_empty(), "{} names no chart", l.preset);
        let mut sim = Simulation::new(&doc).expect("valid");
        sim.step_until(SimTime(5_000_000), u64::MAX);
        let f = sim.frame();
        let last = f.windows.last().expect("a closed window");
        for &chart in l.charts {
            if let Some(kind) = chart_needs(chart)
                && !doc.nodes.iter().any(|n| n.kind() == kind)
            {
                wrong.push(format!("{}: {} needs a {kind:?}", l.preset, chart.id()));
                continue;
            }
            let shown = match chart {
                Chart::Throughput => last.throughput_rps > 0.0,
                Chart::Latency => last.latency_ms_p99 > 0.0,
                Chart::Errors | Chart::Cost | Chart::Availability => true,
                Chart::CacheHitRatio => last.cache_hit_ratio.is_some(),
                Chart::CdnHitRatio => last.cdn_hit_ratio.is_some(),
                Chart::ReplicationLag => last.replica_behind_writes_max.is_some(),
                Chart::StaleOwnReads => last.stale_own_reads.is_some(),
                Chart::QueueBacklog => last.queue_depth.is_some(),
                Chart::Jobs => last.worker_utilization.is_some(),
                Chart::ShardLoad => f.nodes.iter().any(|n| {
                    n.shard_load_rps
                        .as_ref()
                        .is_some_and(|s| s.iter().sum::<f64>() > 0.0)
                }),
            };
            if !shown {
                wrong.push(format!(
                    "{}: {} shows nothing after 5 s",
                    l.preset,
                    chart.id()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
