//! The presets' challenges, one per step of the chapter: what will happen to the design, what it must achieve
//! and a hint. Each fails as the preset ships, for the reason its step teaches, and passes once the student applies
//! that step's idea (the integration tests in `tests/it/challenges.rs` prove both). Faults name their node by
//! label, so each challenge is built from the finished preset.

use crate::id::NodeId;
use crate::scenario::{Challenge, FaultAction, FaultEvent, Scenario};

/// The id of the preset's node labelled `label`.
fn node(s: &Scenario, label: &str) -> NodeId {
    s.nodes
        .iter()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("preset node {label:?}"))
        .id
}

/// `action` on the node labelled `label` at `at_s` seconds.
fn fault(s: &Scenario, at_s: u64, label: &str, action: FaultAction) -> FaultEvent {
    FaultEvent {
        at_us: at_s * 1_000_000,
        node: node(s, label),
        action,
        peer: None,
    }
}

/// The challenge of the `single_server` preset.
pub(super) fn single_server(_: &Scenario) -> Challenge {
    Challenge {
        goal: "Serve 1,000 requests per second with a p99 under 300 ms — on one server (pick a bigger size)".into(),
        measure_from_s: 10.0,
        min_throughput_rps: Some(950.0),
        max_latency_ms_p99: Some(300.0),
        max_error_ratio: Some(0.001),
        ..Challenge::default()
    }
}

/// The challenge of the `separate_db` preset.
pub(super) fn separate_db(_: &Scenario) -> Challenge {
    Challenge {
        goal: "Traffic grows to 1,500 requests per second (set it on Users). Serve it with a p99 under 150 ms and \
               under 0.1 % errors, for under $0.60 per hour (hint: find the busy machine and size just that tier)"
            .into(),
        measure_from_s: 10.0,
        min_throughput_rps: Some(1_000.0),
        max_latency_ms_p99: Some(150.0),
        max_error_ratio: Some(0.001),
        max_cost_per_hour: Some(0.60),
        ..Challenge::default()
    }
}

/// The challenge of the `three_tier` preset.
pub(super) fn three_tier(s: &Scenario) -> Challenge {
    Challenge {
        goal: "Web 1 will crash at 60 s. Keep errors under 0.5 % and p99 under 150 ms at 600 requests per second \
               (hint: how fast does the load balancer notice?)"
            .into(),
        measure_from_s: 10.0,
        min_throughput_rps: Some(570.0),
        max_error_ratio: Some(0.005),
        max_latency_ms_p99: Some(150.0),
        faults: vec![fault(s, 60, "Web 1", FaultAction::Kill)],
        ..Challenge::default()
    }
}

/// The challenge of the `replication` preset.
pub(super) fn replication(s: &Scenario) -> Challenge {
    Challenge {
        goal: "The primary will die at 60 s. Lose no acknowledged write and keep errors under 2 %"
            .into(),
        measure_from_s: 10.0,
        max_lost_writes: Some(0),
        max_error_ratio: Some(0.02),
        faults: vec![fault(s, 60, "Primary", FaultAction::Kill)],
        ..Challenge::default()
    }
}

/// The challenge of the `cache` preset.
pub(super) fn cache(_: &Scenario) -> Challenge {
    Challenge {
        goal: "Traffic triples to 3,600 requests per second (set it on Users). Keep p99 under 150 ms and errors \
               under 0.1 %, for under $1.20 per hour. Give the web tier the workers it needs; a bigger database \
               would break the budget, so let the cache take more of the reads (hint: its size and its TTL)"
            .into(),
        measure_from_s: 10.0,
        min_throughput_rps: Some(3_420.0),
        max_latency_ms_p99: Some(150.0),
        max_error_ratio: Some(0.001),
        max_cost_per_hour: Some(1.20),
        ..Challenge::default()
    }
}

/// The challenge of the `cdn` preset.
pub(super) fn cdn(s: &Scenario) -> Challenge {
    Challenge {
        goal: "New versions of the static files go live at 60 s. No user may get an old file, and p99 must stay \
               under 100 ms (hint: how can an edge tell a new file from the copy it already has?)"
            .into(),
        measure_from_s: 10.0,
        max_stale_files: Some(0),
        max_latency_ms_p99: Some(100.0),
        max_error_ratio: Some(0.001),
        faults: vec![fault(s, 60, "CDN", FaultAction::Deploy)],
        ..Challenge::default()
    }
}

/// The challenge of the `stateless` preset.
pub(super) fn stateless(s: &Scenario) -> Challenge {
    Challenge {
        goal: "Traffic grows to 1,500 requests per second (set it on Users) and Web 1 will crash at 60 s. Keep \
               errors under 2 % and p99 under 250 ms, and log nobody out (hint: with sessions in the shared store \
               any server can serve any user, so run more of them)"
            .into(),
        measure_from_s: 10.0,
        // A throughput floor between the untouched preset's and the fixed design's (measured in the tests), so
        // an untouched preset cannot pass by carrying less than the goal's load.
        min_throughput_rps: Some(1_000.0),
        max_error_ratio: Some(0.02),
        max_latency_ms_p99: Some(250.0),
        max_logged_out: Some(0),
        faults: vec![fault(s, 60, "Web 1", FaultAction::Kill)],
        ..Challenge::default()
    }
}

/// The challenge of the `two_regions` preset.
pub(super) fn two_regions(s: &Scenario) -> Challenge {
    Challenge {
        goal: "US-East will go down at 60 s. Keep errors under 5 % of the run's requests (hint: how long until \
               GeoDNS notices, and how long do users keep its old answer?)"
            .into(),
        measure_from_s: 10.0,
        max_error_ratio: Some(0.05),
        faults: vec![fault(s, 60, "US web 1", FaultAction::RegionOutage)],
        ..Challenge::default()
    }
}

/// The challenge of the `queue` preset.
pub(super) fn queue(s: &Scenario) -> Challenge {
    Challenge {
        goal: "Traffic triples to 1,200 requests per second (set it on Users): 120 jobs a second. The workers crash \
               at 60 s and restart at 70 s. Keep the site's p99 under 150 ms and finish every job within 30 s \
               (hint: the queue lets the workers scale on their own: how many may they grow to?)"
            .into(),
        measure_from_s: 10.0,
        min_throughput_rps: Some(1_140.0),
        max_latency_ms_p99: Some(150.0),
        max_error_ratio: Some(0.001),
        max_job_delay_s: Some(30.0),
        faults: vec![
            fault(s, 60, "Workers", FaultAction::Kill),
            fault(s, 70, "Workers", FaultAction::Restore),
        ],
        ..Challenge::default()
    }
}

/// The challenge of the `sharding` preset.
pub(super) fn sharding(_: &Scenario) -> Challenge {
    Challenge {
        goal: "Traffic grows to 5,000 requests per second and a celebrity draws 70 % of it (set it on Users: 1 \
               celebrity key, share 0.7). Keep p99 under 150 ms and errors under 0.1 %, for under $1.60 per hour \
               (hint: size the web tier, then watch the shards: one key lives on one shard, whatever the hashing)"
            .into(),
        measure_from_s: 10.0,
        min_throughput_rps: Some(4_400.0),
        max_latency_ms_p99: Some(150.0),
        max_error_ratio: Some(0.001),
        max_cost_per_hour: Some(1.60),
        ..Challenge::default()
    }
}

/// The challenge of the `millions` preset.
pub(super) fn millions(s: &Scenario) -> Challenge {
    Challenge {
        goal: "US-East will go down at 60 s. Keep errors under 3 % of the run's requests and p99 under 250 ms \
               (hint: Europe has all it needs, but how fast does GeoDNS move the American users there, and can \
               Europe's web tier take them all at once, before new instances have warmed up?)"
            .into(),
        measure_from_s: 10.0,
        max_error_ratio: Some(0.03),
        max_latency_ms_p99: Some(250.0),
        faults: vec![fault(s, 60, "US web servers", FaultAction::RegionOutage)],
        ..Challenge::default()
    }
}
