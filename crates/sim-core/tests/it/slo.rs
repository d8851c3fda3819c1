//! Service level objectives: alerts raised and cleared at the sim times the rolling definition gives, time in
//! breach and error budget in the summary, alert intervals in the frame, and runs that do not depend on how time
//! is sliced. One web server (embedded database, 4 workers of 10 ms, 100 requests/s) with nothing in front of it.

use crate::support::{add, choose, connect, fault, run, set};
use sim_core::metrics::{LogKind, WindowStats};
use sim_core::model::{ComponentKind, IssueKind};
use sim_core::scenario::{Edit, EditError, FaultAction, MAX_SLOS, Slo};
use sim_core::{NodeId, Scenario, SimTime, Simulation};

fn site(slo: Slo) -> (Scenario, NodeId) {
    let mut s = Scenario {
        duration_s: 90.0,
        ..Scenario::default()
    };
    let users = add(&mut s, ComponentKind::Client);
    set(&mut s, users, "arrival_rate_per_s", 100.0);
    let web = add(&mut s, ComponentKind::WebServer);
    choose(&mut s, web, "embedded_database", "yes");
    set(&mut s, web, "workers", 4.0);
    set(&mut s, web, "service_time_ms", 10.0);
    connect(&mut s, users, web);
    s.apply(Edit::SetSlos(vec![slo])).expect("one SLO");
    (s, web)
}

fn secs(t: SimTime) -> f64 {
    t.as_secs_f64()
}

/// (raised, cleared) times, s, of the log's alerts.
fn logged_alerts(sim: &Simulation) -> Vec<(f64, bool)> {
    sim.frame()
        .log
        .iter()
        .filter_map(|e| match e.kind {
            LogKind::SloBreached { slo: 0 } => Some((secs(e.at), true)),
            LogKind::SloRecovered { slo: 0 } => Some((secs(e.at), false)),
            _ => None,
        })
        .collect()
}

/// Alert changes from the closed windows by the rolling definition: at each window's end, availability over the
/// last `window_s` windows = completed / answered, breached below `min`.
#[allow(clippy::cast_precision_loss)] // counts as a ratio
fn expected_availability_alerts(
    windows: &[WindowStats],
    window_s: usize,
    min: f64,
) -> Vec<(f64, bool)> {
    let mut out = Vec::new();
    let mut breached = false;
    for k in 0..windows.len() {
        let span = &windows[k.saturating_sub(window_s - 1)..=k];
        let completed: u64 = span.iter().map(|w| w.completed).sum();
        let failed: u64 = span.iter().map(|w| w.failed).sum();
        let answered = completed + failed;
        let breach = answered > 0 && (completed as f64 / answered as f64) < min;
        if breach != breached {
            out.push((secs(windows[k].start) + 1.0, breach));
            breached = breach;
        }
    }
    out
}

#[test]
fn a_dead_server_raises_the_availability_alert_in_its_first_window_and_clears_it_when_that_leaves_the_window()
 {
    let (mut s, web) = site(Slo {
        availability_min: Some(0.999),
        latency_ms_p99_max: None,
        window_s: 10,
    });
    fault(&mut s, 30.0, web, FaultAction::Kill);
    fault(&mut s, 50.0, web, FaultAction::Restore);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 90.0);
    let frame = sim.frame();
    let expected = expected_availability_alerts(&frame.windows, 10, 0.999);
    let logged = logged_alerts(&sim);
    assert_eq!(logged, expected);
    // Raised when the window [30 s, 31 s) of failures closes; cleared when the last window holding a failure
    // ([49 s, 50 s), or [50 s, 51 s) for a failure answered just after the restore) leaves the 10 s window.
    assert_eq!(logged[0], (31.0, true));
    assert_eq!(logged.len(), 2, "{logged:?}");
    let cleared = logged[1].0;
    assert!(
        !logged[1].1 && (cleared == 60.0 || cleared == 61.0),
        "{logged:?}"
    );
    assert_eq!(
        frame.slo_alerts,
        vec![vec![(
            SimTime::from_secs_f64(31.0),
            Some(SimTime::from_secs_f64(cleared))
        )]]
    );
    let sum = sim.summary();
    let slo = &sum.slos[0];
    assert_eq!((slo.alerts, slo.window_s), (1, 10));
    assert!((slo.breach_s - (cleared - 31.0)).abs() < 1e-9, "{slo:?}");
    #[allow(clippy::cast_precision_loss)] // request counts
    let want = sum.requests.failed as f64
        / ((1.0 - 0.999) * (sum.requests.completed + sum.requests.failed) as f64);
    let used = slo.error_budget_used.expect("an availability objective");
    assert!((used - want).abs() <= 5e-7, "{used} vs {want}");
    // 20 s of 90 down: about 22 % of requests failed against an allowance of 0.1 %, so about 220 budgets.
    assert!((150.0..300.0).contains(&used), "{used}");
}

#[test]
fn a_slowed_server_raises_the_p99_alert_and_clears_it_after_its_backlog_drains() {
    let (mut s, web) = site(Slo {
        availability_min: None,
        latency_ms_p99_max: Some(100.0),
        window_s: 10,
    });
    fault(&mut s, 30.0, web, FaultAction::SlowDown);
    fault(&mut s, 50.0, web, FaultAction::SpeedUp);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 90.0);
    let logged = logged_alerts(&sim);
    // Served 10× slower (100 ms a request at least) from 30 s: the window [30 s, 31 s) already holds more than
    // 1 % of the rolling window's answers above 100 ms.
    assert_eq!(logged.first(), Some(&(31.0, true)), "{logged:?}");
    assert_eq!(logged.len(), 2, "{logged:?}");
    let (cleared, raised) = logged[1];
    assert!(!raised && (60.0..90.0).contains(&cleared), "{logged:?}");
    let frame = sim.frame();
    // The breach is real: the window the slowdown starts in alone has a p99 over the objective.
    let first_slow = frame
        .windows
        .iter()
        .find(|w| secs(w.start) == 30.0)
        .expect("the window [30 s, 31 s)");
    assert!(first_slow.latency_ms_p99 > 100.0, "{first_slow:?}");
    let breached = frame
        .log
        .iter()
        .find(|e| matches!(e.kind, LogKind::SloBreached { .. }))
        .expect("breach logged");
    assert_eq!(breached.text[0].id, "slo_breached");
    assert_eq!(breached.text[1].id, "slo_latency");
    assert!(
        breached
            .message
            .starts_with("SLO 1 breached over the last 10 s: p99 ")
    );
    let slo = &sim.summary().slos[0];
    assert_eq!((slo.alerts, slo.error_budget_used), (1, None));
    assert!((slo.breach_s - (cleared - 31.0)).abs() < 1e-9, "{slo:?}");
}

#[test]
fn slos_do_not_change_the_run_and_slicing_time_does_not_change_the_alerts() {
    let slo = Slo {
        availability_min: Some(0.99),
        latency_ms_p99_max: Some(50.0),
        window_s: 10,
    };
    let (mut s, web) = site(slo);
    fault(&mut s, 20.0, web, FaultAction::Kill);
    fault(&mut s, 25.0, web, FaultAction::Restore);
    let mut plain = s.clone();
    plain.slos.clear();
    let whole = |s: &Scenario| {
        let mut sim = Simulation::new(s).expect("valid");
        run(&mut sim, 60.0);
        sim
    };
    let mut sliced = Simulation::new(&s).expect("valid");
    let mut t = 0;
    while t < 60_000_000 {
        t = (t + 7_000).min(60_000_000);
        while !sliced.step_until(SimTime(t), 50).reached {}
    }
    let (a, b) = (whole(&s), whole(&plain));
    assert_eq!(a.trace_hash(), b.trace_hash(), "SLOs add no events");
    assert_eq!(a.trace_hash(), sliced.trace_hash());
    assert_eq!(a.frame().slo_alerts, sliced.frame().slo_alerts);
    assert_eq!(a.summary().slos, sliced.summary().slos);
    assert_eq!(a.frame().slo_alerts[0].len(), 1);
    // Without SLOs, the document and the summary read as they did before SLOs existed.
    let json = serde_json::to_string(&plain).expect("json");
    assert!(!json.contains("slos"));
    let summary = serde_json::to_string(&b.summary()).expect("json");
    assert!(!summary.contains("slos") && b.frame().slo_alerts.is_empty());
}

#[test]
fn out_of_range_slos_are_issues_and_too_many_are_refused() {
    let (mut s, _) = site(Slo {
        availability_min: Some(1.5),
        latency_ms_p99_max: None,
        window_s: 7,
    });
    let names: Vec<&str> = s
        .errors()
        .iter()
        .filter_map(|i| match &i.kind {
            IssueKind::Scenario(e) => Some(e.field.name),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["slo_availability_min", "slo_window_s"]);
    assert!(Simulation::new(&s).is_err());
    assert_eq!(
        s.apply(Edit::SetSlos(vec![Slo::default(); MAX_SLOS + 1])),
        Err(EditError::TooMany("SLOs", MAX_SLOS))
    );
    s.apply(Edit::SetSlos(Vec::new())).expect("removed");
    assert!(s.errors().is_empty());
}

#[test]
fn a_challenge_written_as_an_slo_fails_when_its_alert_lasts_too_long() {
    let (mut s, web) = site(Slo {
        availability_min: Some(0.999),
        latency_ms_p99_max: None,
        window_s: 10,
    });
    fault(&mut s, 30.0, web, FaultAction::Kill);
    fault(&mut s, 50.0, web, FaultAction::Restore);
    let mut sim = Simulation::new(&s).expect("valid");
    run(&mut sim, 90.0);
    let breach_s = sim.summary().slos[0].breach_s;
    let challenge = |limit: f64| sim_core::scenario::Challenge {
        goal: "Keep SLO 1".to_owned(),
        max_slo_breach_s: Some(limit),
        ..sim_core::scenario::Challenge::default()
    };
    let check = |limit: f64| {
        sim.grade(&challenge(limit))
            .checks
            .into_iter()
            .find(|c| c.name == "max_slo_breach_s")
            .expect("the SLO check")
    };
    // Breached from 31 s to 60 or 61 s.
    let fail = check(10.0);
    assert!(
        !fail.pass && (fail.measured - breach_s).abs() < 1e-9,
        "{fail:?}"
    );
    assert_eq!(fail.text[0].id, "slo_breach");
    assert!(
        fail.explanation.starts_with("SLO 1 was breached for "),
        "{}",
        fail.explanation
    );
    assert!(check(breach_s).pass);
}
