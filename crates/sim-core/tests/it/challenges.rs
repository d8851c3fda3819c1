//! The presets' challenges: each fails as shipped, for the reason the chapter teaches, and passes once the
//! student applies the fix — so the grading can fail and can pass.

use crate::support::{choose, connect, set};
use sim_core::scenario::{Edit, presets};
use sim_core::verdict::Verdict;
use sim_core::{Scenario, SimTime, Simulation};

fn grade(s: &Scenario) -> Verdict {
    let graded = s.for_grading();
    let mut sim = Simulation::new(&graded).expect("valid");
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    sim.step_until(SimTime((graded.duration_s * 1e6) as u64), u64::MAX);
    sim.grade(s.challenge.as_ref().expect("a challenge"))
}

fn id(s: &Scenario, label: &str) -> sim_core::NodeId {
    s.nodes.iter().find(|n| n.label == label).expect(label).id
}

fn failed_checks(v: &Verdict) -> Vec<&'static str> {
    v.checks
        .iter()
        .filter(|c| !c.pass)
        .map(|c| c.name)
        .collect()
}

#[test]
fn single_server_passes_only_after_scaling_up() {
    let mut s = presets::get("single_server").expect("preset");
    let users = id(&s, "Users");
    set(&mut s, users, "arrival_rate_per_s", 1_000.0);
    let v = grade(&s);
    // One small server (800 rps) refuses a third of 1000 rps: its bounded queue keeps the p99 of the rest low.
    assert_eq!(
        failed_checks(&v),
        ["max_error_ratio", "min_throughput_rps"],
        "{v:#?}"
    );
    let server = id(&s, "Server");
    choose(&mut s, server, "instance_size", "xlarge");
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

#[test]
fn three_tier_passes_once_the_load_balancer_notices_faster() {
    let mut s = presets::get("three_tier").expect("preset");
    let v = grade(&s);
    assert_eq!(failed_checks(&v), ["max_error_ratio"]);
    assert!(
        v.checks[0].explanation.contains("health check"),
        "{}",
        v.checks[0].explanation
    );
    let lb = id(&s, "Load balancer");
    set(&mut s, lb, "health_check_interval_ms", 250.0);
    set(&mut s, lb, "unhealthy_threshold", 2.0);
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

#[test]
fn replication_passes_with_semi_synchronous_replication() {
    let mut s = presets::get("replication").expect("preset");
    let v = grade(&s);
    assert_eq!(failed_checks(&v), ["max_lost_writes"]);
    let primary = id(&s, "Primary");
    choose(&mut s, primary, "replication", "semi_synchronous");
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

fn check<'a>(v: &'a Verdict, name: &str) -> &'a sim_core::verdict::Check {
    v.checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no check {name}"))
}

#[test]
fn separate_db_passes_once_the_busy_tier_alone_is_sized_up() {
    let mut s = presets::get("separate_db").expect("preset");
    let users = id(&s, "Users");
    set(&mut s, users, "arrival_rate_per_s", 1_500.0);
    let v = grade(&s);
    // One small web server (800 rps) refuses half the traffic; the database has room to spare.
    assert_eq!(
        failed_checks(&v),
        [
            "max_error_ratio",
            "max_latency_ms_p99",
            "min_throughput_rps"
        ],
        "{v:#?}"
    );
    assert!(
        check(&v, "max_latency_ms_p99")
            .explanation
            .contains("Web server"),
        "{v:#?}"
    );
    let web = id(&s, "Web server");
    choose(&mut s, web, "instance_size", "large");
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
    // Growing both tiers alike works too, but costs what the idle database does not need.
    let db = id(&s, "Database");
    choose(&mut s, db, "instance_size", "large");
    assert_eq!(failed_checks(&grade(&s)), ["max_cost_per_hour"]);
}

#[test]
fn cache_passes_when_the_cache_not_the_database_takes_the_reads() {
    let mut s = presets::get("cache").expect("preset");
    let users = id(&s, "Users");
    set(&mut s, users, "arrival_rate_per_s", 3_600.0);
    for web in ["Web 1", "Web 2"] {
        let web = id(&s, web);
        choose(&mut s, web, "instance_size", "large");
    }
    let v = grade(&s);
    // With the web tier sized, a cache of 1,000 entries that expire after 60 s lets too many reads through.
    assert_eq!(
        failed_checks(&v),
        [
            "max_error_ratio",
            "max_latency_ms_p99",
            "min_throughput_rps"
        ],
        "{v:#?}"
    );
    assert!(
        check(&v, "max_latency_ms_p99")
            .explanation
            .contains("Database"),
        "{v:#?}"
    );
    let mut bigger_db = s.clone();
    let db = id(&s, "Database");
    choose(&mut bigger_db, db, "instance_size", "medium");
    assert_eq!(failed_checks(&grade(&bigger_db)), ["max_cost_per_hour"]);
    let cache = id(&s, "Cache");
    set(&mut s, cache, "capacity_entries", 10_000.0);
    set(&mut s, cache, "ttl_s", 600.0);
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

#[test]
fn cdn_passes_with_versioned_file_names() {
    let mut s = presets::get("cdn").expect("preset");
    let v = grade(&s);
    assert_eq!(failed_checks(&v), ["max_stale_files"], "{v:#?}");
    assert!(
        check(&v, "max_stale_files")
            .explanation
            .contains("versioned"),
        "{v:#?}"
    );
    // A short TTL only shortens the damage.
    let cdn = id(&s, "CDN");
    let mut short = s.clone();
    set(&mut short, cdn, "ttl_s", 5.0);
    let v = grade(&short);
    assert_eq!(failed_checks(&v), ["max_stale_files"], "{v:#?}");
    assert!(check(&v, "max_stale_files").measured > 0.0);
    choose(&mut s, cdn, "versioned_urls", "yes");
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

#[test]
fn stateless_passes_with_more_servers_sharing_the_session_store() {
    let mut s = presets::get("stateless").expect("preset");
    let users = id(&s, "Users");
    set(&mut s, users, "arrival_rate_per_s", 1_500.0);
    let v = grade(&s);
    // Web 2 alone cannot carry 1,500 rps once Web 1 is gone.
    assert_eq!(failed_checks(&v), ["max_error_ratio"], "{v:#?}");
    assert!(
        check(&v, "max_error_ratio")
            .explanation
            .contains("queue full"),
        "{v:#?}"
    );
    for web in ["Web 1", "Web 2"] {
        let web = id(&s, web);
        set(&mut s, web, "max_instances", 2.0);
        set(&mut s, web, "min_instances", 2.0);
    }
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
    // The same servers with sessions in their own memory (sticky, or nobody could stay logged in) log out
    // everyone Web 1 was serving.
    let store = id(&s, "Session store");
    s.apply(Edit::DeleteNodes(vec![store])).expect("delete");
    let lb = id(&s, "Load balancer");
    choose(&mut s, lb, "algorithm", "sticky_sessions");
    for web in ["Web 1", "Web 2"] {
        let web = id(&s, web);
        choose(&mut s, web, "sessions", "in_memory");
    }
    let v = grade(&s);
    assert_eq!(failed_checks(&v), ["max_logged_out"], "{v:#?}");
}

#[test]
fn two_regions_passes_once_geodns_notices_and_answers_expire_sooner() {
    let mut s = presets::get("two_regions").expect("preset");
    let v = grade(&s);
    assert_eq!(failed_checks(&v), ["max_error_ratio"], "{v:#?}");
    assert!(
        check(&v, "max_error_ratio")
            .explanation
            .contains("node down"),
        "{v:#?}"
    );
    let dns = id(&s, "GeoDNS");
    set(&mut s, dns, "ttl_s", 5.0);
    let v = grade(&s);
    assert!(
        !v.pass,
        "a short TTL alone: GeoDNS still takes 30 s to notice"
    );
    set(&mut s, dns, "health_check_interval_s", 2.0);
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

#[test]
fn queue_passes_once_the_workers_may_scale_out() {
    let mut s = presets::get("queue").expect("preset");
    let users = id(&s, "Users");
    set(&mut s, users, "arrival_rate_per_s", 1_200.0);
    let v = grade(&s);
    // The site stays fast — the queue absorbs the jobs — but 40 workers cannot keep up with 120 jobs a second.
    assert_eq!(failed_checks(&v), ["max_job_delay_s"], "{v:#?}");
    let workers = id(&s, "Workers");
    set(&mut s, workers, "max_workers", 80.0);
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

#[test]
fn a_backlog_that_never_drains_fails_the_job_delay_even_if_finished_jobs_were_quick() {
    let mut s = presets::get("queue").expect("preset");
    s.apply(Edit::SetDuration(60.0)).expect("duration");
    let workers = id(&s, "Workers");
    let challenge = s.challenge.as_mut().expect("a challenge");
    challenge.faults = vec![sim_core::scenario::FaultEvent {
        at_us: 20_000_000,
        node: workers,
        action: sim_core::scenario::FaultAction::Kill,
        peer: None,
    }];
    let v = grade(&s);
    // Jobs finished before the crash took about a second; the oldest job still waiting has waited 40 s.
    let delay = check(&v, "max_job_delay_s");
    assert!(!delay.pass, "{delay:#?}");
    assert!((39.0..=42.0).contains(&delay.measured), "{delay:#?}");
    assert!(delay.explanation.contains("still wait"), "{delay:#?}");
}

#[test]
fn sharding_passes_once_the_celebrity_shard_gets_capacity() {
    let mut s = presets::get("sharding").expect("preset");
    let users = id(&s, "Users");
    set(&mut s, users, "arrival_rate_per_s", 5_000.0);
    set(&mut s, users, "celebrity_keys", 1.0);
    set(&mut s, users, "celebrity_share", 0.7);
    for web in ["Web 1", "Web 2"] {
        let web = id(&s, web);
        choose(&mut s, web, "instance_size", "medium");
    }
    let v = grade(&s);
    assert_eq!(
        failed_checks(&v),
        ["max_error_ratio", "max_latency_ms_p99"],
        "{v:#?}"
    );
    let busy = &check(&v, "max_latency_ms_p99").explanation;
    assert!(busy.contains("Shard 2"), "{busy}");
    // Bringing in the standby shard does not help: the celebrity's key stays on one shard.
    let router = id(&s, "Shard router");
    let mut more = s.clone();
    set(&mut more, router, "active_shards", 5.0);
    assert!(!grade(&more).pass);
    let hot = id(&s, "Shard 2");
    choose(&mut s, hot, "instance_size", "medium");
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
}

#[test]
fn the_injected_faults_are_part_of_the_graded_run_only() {
    let s = presets::get("three_tier").expect("preset");
    assert!(
        s.faults.is_empty(),
        "the interactive scenario has no scripted failure"
    );
    assert_eq!(s.for_grading().faults.len(), 1);
}

#[test]
fn faults_clicked_while_exploring_do_not_change_the_grade() {
    let s = presets::get("three_tier").expect("preset");
    let shipped = grade(&s);
    assert!(!shipped.pass);
    // Killing Web 1 before the measured window would hide the failover the challenge tests.
    let mut played = s.clone();
    let web1 = played
        .nodes
        .iter()
        .find(|n| n.label == "Web 1")
        .expect("Web 1")
        .id;
    played.faults.push(sim_core::scenario::FaultEvent {
        at_us: 1_000_000,
        node: web1,
        action: sim_core::scenario::FaultAction::Kill,
        peer: None,
    });
    assert_eq!(played.for_grading().faults, s.for_grading().faults);
    assert_eq!(grade(&played), shipped);
}

#[test]
fn millions_passes_once_geodns_moves_users_fast_and_europe_has_room_for_them() {
    let mut s = presets::get("millions").expect("preset");
    let v = grade(&s);
    // Europe has all it needs, but American users keep their cached answer to the dead data center.
    assert_eq!(failed_checks(&v), ["max_error_ratio"], "{v:#?}");
    let why = &check(&v, "max_error_ratio").explanation;
    assert!(
        why.contains("'node down' at US load balancer") && why.contains("cached DNS answers"),
        "{why}"
    );
    // What step 8 taught — GeoDNS that notices and answers that expire in seconds — moves them all at once, onto
    // a European web tier that cannot take them before new instances have warmed up.
    let dns = id(&s, "GeoDNS");
    set(&mut s, dns, "ttl_s", 5.0);
    set(&mut s, dns, "health_check_interval_s", 2.0);
    let v = grade(&s);
    assert_eq!(failed_checks(&v), ["max_error_ratio"], "{v:#?}");
    let why = &check(&v, "max_error_ratio").explanation;
    assert!(
        why.contains("'queue full' at EU web servers") && why.contains("warm up"),
        "{why}"
    );
    // Spare instances where the users go.
    let eu_web = id(&s, "EU web servers");
    set(&mut s, eu_web, "min_instances", 8.0);
    let v = grade(&s);
    assert!(v.pass, "{v:#?}");
    // The same design with Europe's cache reading through US-East's shard router fails with US-East.
    let eu_router = id(&s, "EU shard router");
    s.apply(Edit::DeleteNodes(vec![eu_router])).expect("delete");
    let (eu_cache, us_router) = (id(&s, "EU cache"), id(&s, "US shard router"));
    connect(&mut s, eu_cache, us_router);
    let v = grade(&s);
    assert_eq!(failed_checks(&v), ["max_error_ratio"], "{v:#?}");
}

#[test]
fn every_step_has_a_challenge_that_an_untouched_preset_fails() {
    for p in presets::ALL {
        let s = presets::get(p.id).expect("preset");
        assert!(s.challenge.is_some(), "{} has no challenge", p.id);
        let v = grade(&s);
        assert!(
            !v.pass,
            "{} passes its challenge without any change: {v:#?}",
            p.id
        );
    }
}
