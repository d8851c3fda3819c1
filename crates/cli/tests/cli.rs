//! End-to-end tests of the `scalelab` binary: real processes, real files, real exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn scalelab(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scalelab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("binary finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8")
}

#[test]
fn presets_are_listed_and_printed() {
    let o = scalelab(&["presets"], None);
    assert!(o.status.success());
    assert!(stdout(&o).lines().any(|l| l.starts_with("three_tier\t")));
    let o = scalelab(&["preset", "three_tier"], None);
    assert!(o.status.success());
    assert!(stdout(&o).contains(r#""format": "scalelab""#));
    let o = scalelab(&["preset", "nope"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "presets are: single_server, separate_db, three_tier, replication, cache, cdn, stateless, two_regions, queue, sharding, millions"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_run_prints_the_summary_and_the_same_seed_gives_the_same_hash() {
    let preset = stdout(&scalelab(&["preset", "three_tier"], None));
    let run = |seed: &str| {
        let o = scalelab(
            &["run", "-", "--seed", seed, "--duration-s", "5"],
            Some(&preset),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).expect("JSON summary")
    };
    let a = run("7");
    for key in [
        "seed",
        "duration_s",
        "trace_hash",
        "requests",
        "failed_by_cause",
        "throughput_rps",
        "latency_ms",
        "nodes",
    ] {
        assert!(a.get(key).is_some(), "summary lacks {key}");
    }
    for key in ["total", "completed", "failed", "in_flight"] {
        assert!(a["requests"].get(key).is_some(), "requests lacks {key}");
    }
    for key in ["mean", "p50", "p95", "p99"] {
        assert!(
            a["latency_ms"][key].as_f64().is_some_and(|v| v > 0.0),
            "latency_ms.{key}"
        );
    }
    let node = &a["nodes"][3];
    for key in [
        "id",
        "kind",
        "label",
        "arrived",
        "completed",
        "failed",
        "utilization",
        "queue_mean",
    ] {
        assert!(node.get(key).is_some(), "node lacks {key}");
    }
    assert_eq!(a["seed"], 7);
    assert_eq!(a["duration_s"], 5.0);
    assert_eq!(a["trace_hash"], run("7")["trace_hash"]);
    assert_ne!(a["trace_hash"], run("8")["trace_hash"]);
}

#[test]
fn a_run_reports_each_slo_with_time_in_breach_alerts_and_error_budget() {
    let preset = stdout(&scalelab(&["preset", "three_tier"], None));
    let mut doc: serde_json::Value = serde_json::from_str(&preset).expect("preset JSON");
    doc["faults"] = serde_json::json!([{"at_us": 30_000_000, "node": 4, "action": "kill"}]);
    doc["slos"] = serde_json::json!([{"availability_min": 0.999, "window_s": 60}]);
    let o = scalelab(&["run", "-"], Some(&doc.to_string()));
    assert!(o.status.success(), "{}", stderr(&o));
    let a: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON summary");
    let slo = &a["slos"][0];
    // Web 1 dies at 30 s; its failures until the health check notices fill [30 s, 32 s): the alert is raised when
    // the first of those windows closes and cleared when the last leaves the 60 s window.
    assert_eq!(slo["alerts"], 1);
    assert_eq!(slo["breach_s"], 61.0);
    let (failed, completed) = (
        a["requests"]["failed"].as_f64().expect("failed"),
        a["requests"]["completed"].as_f64().expect("completed"),
    );
    let used = slo["error_budget_used"].as_f64().expect("budget");
    assert!(
        (used - failed / (0.001 * (failed + completed))).abs() < 1e-6,
        "{used}"
    );
    let events: Vec<&str> = a["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["message"].as_str())
        .filter(|m| m.starts_with("SLO 1"))
        .collect();
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(events[0].starts_with("SLO 1 breached over the last 60 s: availability "));
}

#[test]
fn check_grades_the_challenge_with_exit_codes() {
    let preset = stdout(&scalelab(&["preset", "replication"], None));
    let o = scalelab(&["check", "-"], Some(&preset));
    assert_eq!(
        o.status.code(),
        Some(1),
        "async replication loses writes: {}",
        stderr(&o)
    );
    let verdict: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON verdict");
    assert_eq!(verdict["pass"], false);
    assert!(
        verdict["checks"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["name"] == "max_lost_writes"))
    );
    assert_eq!(verdict["score"], 0.5, "one of two checks passes");
    let fixed = preset.replace(
        r#""replication": "asynchronous""#,
        r#""replication": "semi_synchronous""#,
    );
    assert_ne!(fixed, preset);
    let o = scalelab(&["check", "-"], Some(&fixed));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let plain = r#"{"format":"scalelab","version":1}"#;
    let o = scalelab(&["check", "-"], Some(plain));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("has no challenge"), "{}", stderr(&o));
}

/// One grader serves both: what `scalelab check` prints is, value for value, the `result` of the
/// `challenge-result` message an embed posts to its course page for the same document and seed.
#[test]
fn check_prints_the_same_json_as_the_host_message_carries() {
    use scalelab_share::hosts::Host;
    use scalelab_share::protocol::ChildMessage;
    for id in ["single_server", "replication"] {
        let text = stdout(&scalelab(&["preset", id], None));
        let o = scalelab(&["check", "-"], Some(&text));
        let printed: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON verdict");

        let s = sim_core::Scenario::from_json(&text).expect("preset file");
        let graded = s.for_grading();
        let mut sim = sim_core::Simulation::new(&graded).expect("runs");
        sim.step_until(graded.end_time(), u64::MAX);
        let verdict = sim.grade(s.challenge.as_ref().expect("a challenge"));
        let message =
            ChildMessage::challenge_result(&verdict, "https://x/#t/a", &s.name, Host::Xapi)
                .to_json();
        assert_eq!(message["result"], printed, "{id}");
        // And the CLI's text is exactly the verdict serialized (fields in the struct's order).
        assert_eq!(
            serde_json::to_string_pretty(&verdict).expect("serializes") + "\n",
            stdout(&o),
            "{id}: byte for byte"
        );
    }
}

#[test]
fn bad_files_get_a_clear_message_and_exit_code_2() {
    let cases: &[(&str, &str)] = &[
        ("{not json", "not a readable scenario"),
        (r#"{"format":"scalelab","version":99}"#, "newer Scale Lab"),
        (r#"{"format":"scalelab","version":1}"#, "Add a Client"),
        (
            r#"{"format":"scalelab","version":1,"nodes":[{"id":1,"label":"Users","config":{"kind":"client"}}]}"#,
            "Users (n1): Connect this client",
        ),
    ];
    for (text, expected) in cases {
        let o = scalelab(&["run", "-"], Some(text));
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(stderr(&o).contains(expected), "{text}: {}", stderr(&o));
    }
    let o = scalelab(&["run", "/no/such/file.json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read /no/such/file.json"));
    let preset = stdout(&scalelab(&["preset", "single_server"], None));
    let o = scalelab(&["run", "-", "--duration-s", "1e9"], Some(&preset));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Run length must be from 1 s to 86400 s"),
        "{}",
        stderr(&o)
    );
    assert_eq!(scalelab(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn a_run_prints_theory_beside_the_measurement() {
    let preset = stdout(&scalelab(&["preset", "separate_db"], None));
    let o = scalelab(&["run", "-", "--duration-s", "60"], Some(&preset));
    assert!(o.status.success(), "{}", stderr(&o));
    let a: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON summary");
    let nodes = a["nodes"].as_array().expect("nodes");
    let client = nodes
        .iter()
        .find(|n| n["kind"] == "client")
        .expect("client");
    assert!(client.get("theory").is_none(), "no formula covers a client");
    let web = nodes
        .iter()
        .find(|n| n["kind"] == "web_server")
        .expect("web");
    let rows = web["theory"]
        .as_array()
        .expect("a web server has theory rows");
    let util = rows
        .iter()
        .find(|r| r["quantity"] == "utilization")
        .expect("utilization row");
    assert_eq!(util["status"], "predicted");
    let (measured, predicted) = (
        util["measured"].as_f64().expect("measured"),
        util["predicted"].as_f64().expect("predicted"),
    );
    assert!((measured - web["utilization"].as_f64().expect("u")).abs() < 1e-3);
    assert!(
        (measured - predicted).abs() < 0.03,
        "{measured} vs {predicted}"
    );
    let db = nodes.iter().find(|n| n["kind"] == "database").expect("db");
    let wait = db["theory"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["quantity"] == "wait_probability")
        .expect("P(wait) row");
    assert_eq!(wait["status"], "broken");
    assert_eq!(wait["assumption"]["id"], "mixed_service");
    assert!(
        wait["why"]
            .as_str()
            .is_some_and(|w| w.contains("reads and writes"))
    );
}

#[test]
fn a_sweep_prints_a_table_with_the_knee_and_the_same_figures_as_json() {
    let preset = stdout(&scalelab(&["preset", "three_tier"], None));
    let args = [
        "sweep",
        "-",
        "--points",
        "4",
        "--seeds",
        "1",
        "--duration-s",
        "20",
    ];
    let o = scalelab(&args, Some(&preset));
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    assert!(
        table.starts_with(
            "Sweep of Users (n1) Arrival rate (arrival_rate_per_s), 4 values × 1 seeds of 20 s"
        ),
        "{table}"
    );
    // 10 % to 150 % of the web tier's 1 600 requests/s; the last value is past capacity.
    assert!(
        table.contains("\n         160 ") && table.contains("\n        2400 "),
        "{table}"
    );
    assert!(
        table.contains("← knee") && table.contains("Knee at 1653.33 req/s"),
        "{table}"
    );
    let o = scalelab(&[&args[..], &["--json"]].concat(), Some(&preset));
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON sweep");
    let points = json["points"].as_array().expect("points");
    assert_eq!(points.len(), 4);
    assert_eq!(json["knee"], 2);
    let p99 = points[2]["latency_ms_p99"].as_f64().expect("p99");
    assert!(table.contains(&format!("{p99:.1}")), "{p99} in {table}");
    assert!(points[3]["error_ratio"].as_f64().is_some_and(|e| e > 0.05));
}

#[test]
fn a_bad_sweep_gets_a_clear_message_and_exit_code_2() {
    let preset = stdout(&scalelab(&["preset", "three_tier"], None));
    let cases: &[(&[&str], &str)] = &[
        (&["--points", "30"], "a sweep runs 2 to 24 values (got 30)"),
        (
            &["--seeds", "9"],
            "a sweep runs 1 to 8 seeds per value (got 9)",
        ),
        (&["--to", "-1"], "Arrival rate must be from"),
        (
            &["--node", "Nope", "--field", "workers"],
            "no node \"Nope\"; nodes are: n1 (Users)",
        ),
        (
            &["--node", "Web 1", "--field", "alpha"],
            "has no numeric setting \"alpha\"",
        ),
        (&["--node", "Web 1"], "--node needs --field"),
        (&["--max-events", "5000000"], "over the limit of 5000000"),
    ];
    for (extra, expected) in cases {
        let o = scalelab(&[&["sweep", "-"], *extra].concat(), Some(&preset));
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
        assert!(stderr(&o).contains(expected), "{extra:?}: {}", stderr(&o));
    }
}

#[test]
fn a_multi_primary_run_prints_each_primarys_conflicts() {
    let preset = stdout(&scalelab(&["preset", "two_regions"], None));
    let mut doc: serde_json::Value = serde_json::from_str(&preset).expect("preset JSON");
    for n in doc["nodes"].as_array_mut().expect("nodes") {
        if n["label"] == "Primary (US)" {
            n["config"]["replication"] = "multi_primary".into();
        }
    }
    let o = scalelab(&["run", "-", "--duration-s", "30"], Some(&doc.to_string()));
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON summary");
    let nodes = summary["nodes"].as_array().expect("nodes");
    let conflicts: Vec<_> = nodes
        .iter()
        .filter(|n| n.get("conflicts").is_some())
        .map(|n| {
            (
                n["label"].clone(),
                n["role"].clone(),
                n["conflicts"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        conflicts.len(),
        2,
        "both databases are primaries: {conflicts:?}"
    );
    for (label, role, count) in conflicts {
        assert_eq!(role, "primary", "{label}");
        // About 1 write in 40 of the 1 200 each takes over 30 s: 28 expected.
        assert!(
            count.is_some_and(|c| (8..=60).contains(&c)),
            "{label}: {count:?} conflicts"
        );
    }
    let single = scalelab(&["run", "-", "--duration-s", "5"], Some(&preset));
    assert!(
        !stdout(&single).contains("conflicts"),
        "no conflicts key with one primary"
    );
}
