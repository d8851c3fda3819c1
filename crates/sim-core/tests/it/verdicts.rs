//! A failed verdict names what really failed the requests: the node and cause that failed most of them in the
//! measured interval, and why from how that node is reached — not a generic sentence about the cause.

use crate::support::{connect, fault, set};
use sim_core::scenario::{Edit, FaultAction, presets};
use sim_core::verdict::{Check, Verdict};
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

fn errors(v: &Verdict) -> &Check {
    v.checks
        .iter()
        .find(|c| c.name == "max_error_ratio")
        .expect("an error limit")
}

/// The last step with the design the chapter first shipped: Europe's cache reads through the one shard router,
/// in US-East. GeoDNS is fast and Europe has room, so the lost router is the only reason requests fail.
fn millions_with_one_router() -> Scenario {
    let mut s = presets::get("millions").expect("preset");
    let dns = id(&s, "GeoDNS");
    set(&mut s, dns, "ttl_s", 5.0);
    set(&mut s, dns, "health_check_interval_s", 2.0);
    let eu_web = id(&s, "EU web servers");
    set(&mut s, eu_web, "min_instances", 8.0);
    s.apply(Edit::DeleteNodes(vec![id(&s, "EU shard router")]))
        .expect("delete");
    let (eu_cache, us_router) = (id(&s, "EU cache"), id(&s, "US shard router"));
    connect(&mut s, eu_cache, us_router);
    s
}

#[test]
fn losing_us_east_with_one_shard_router_blames_the_router_not_a_health_check() {
    let v = grade(&millions_with_one_router());
    let why = &errors(&v).explanation;
    assert!(!errors(&v).pass, "{v:#?}");
    assert!(
        why.contains("'node down' at US shard router")
            && why.contains("went down with data center US-East")
            && why.contains("its own shard router"),
        "{why}"
    );
    assert!(!why.contains("load balancer"), "{why}");
}

#[test]
fn losing_us_east_as_shipped_blames_the_users_cached_dns_answers() {
    let v = grade(&presets::get("millions").expect("preset"));
    let why = &errors(&v).explanation;
    assert!(
        why.contains("'node down' at US load balancer")
            && why.contains("cached DNS answers")
            && why.contains("TTL (60 s)"),
        "{why}"
    );
}

#[test]
fn a_dead_web_server_is_blamed_on_the_load_balancer_that_had_not_noticed() {
    let v = grade(&presets::get("three_tier").expect("preset"));
    let why = &errors(&v).explanation;
    assert!(
        why.contains("'node down' at Web 1")
            && why.contains("Load balancer kept sending it requests"),
        "{why}"
    );
    // The same sentence as clauses, for a translation: what was measured, who failed most, and why.
    let text = &errors(&v).text;
    let ids: Vec<&str> = text.iter().map(|c| c.id).collect();
    assert_eq!(ids, ["error_ratio", "most_at", "why_down_lb"], "{text:?}");
    assert!(
        text[1]
            .args
            .contains(&("node", sim_core::metrics::LogArg::Name("Web 1".into()))),
        "{text:?}"
    );
}

#[test]
fn failures_before_the_measured_interval_are_not_blamed() {
    // The database dies and comes back during warm-up (many failures); Web 1 dies at 60 s, in the measured
    // interval (fewer failures).
    let s = presets::get("three_tier").expect("preset");
    let mut graded = s.for_grading();
    let db = id(&graded, "Database");
    fault(&mut graded, 2.0, db, FaultAction::Kill);
    fault(&mut graded, 8.0, db, FaultAction::Restore);
    let mut sim = Simulation::new(&graded).expect("valid");
    sim.step_until(SimTime(90_000_000), u64::MAX);
    let v = sim.grade(s.challenge.as_ref().expect("a challenge"));
    let why = &errors(&v).explanation;
    assert!(why.contains("at Web 1"), "{why}");
    assert!(!why.contains("Database"), "{why}");
}

/// Grading cannot pass on nothing: with both web servers dead from the start, no request succeeds, and every limit
/// measured over requests fails, saying so — even those that a count of zero would meet (a p99 of no latencies,
/// an error ratio of 0 of 0 when nothing is answered).
#[test]
fn a_check_measured_over_no_request_fails_and_says_so() {
    let mut s = presets::get("three_tier").expect("preset");
    for label in ["Web 1", "Web 2"] {
        let web = id(&s, label);
        s.challenge
            .as_mut()
            .expect("a challenge")
            .faults
            .push(sim_core::scenario::FaultEvent {
                at_us: 1,
                node: web,
                action: FaultAction::Kill,
                peer: None,
            });
    }
    let c = s.challenge.as_mut().expect("a challenge");
    c.min_throughput_rps = Some(0.0);
    c.max_logged_out = Some(0);
    let v = grade(&s);
    assert!(!v.pass, "{v:#?}");
    for name in ["max_latency_ms_p99", "min_throughput_rps"] {
        let check = v.checks.iter().find(|c| c.name == name).expect(name);
        assert!(
            !check.pass
                && check
                    .explanation
                    .contains("no request succeeded between 10 s and 120 s"),
            "{check:?}"
        );
    }
    assert!(!errors(&v).pass);
}

/// A challenge's fault on a node the design no longer has cannot be dodged by deleting the node.
#[test]
fn deleting_the_node_a_challenge_kills_fails_the_grade() {
    let mut s = presets::get("three_tier").expect("preset");
    let web1 = id(&s, "Web 1");
    s.apply(Edit::DeleteNodes(vec![web1])).expect("delete");
    let v = grade(&s);
    let check = v
        .checks
        .iter()
        .find(|c| c.name == "faults_injected")
        .expect("the lost fault is a check");
    assert!(!check.pass && !v.pass);
    assert!(
        check.explanation.contains("a kill of node n") && check.explanation.contains("at 60 s"),
        "{}",
        check.explanation
    );
}

#[test]
fn a_balancer_at_its_connection_limit_is_blamed_with_that_cause() {
    let mut s = presets::get("three_tier").expect("preset");
    let lb = id(&s, "Load balancer");
    set(&mut s, lb, "max_connections", 2.0);
    let v = grade(&s);
    let why = &errors(&v).explanation;
    assert!(
        why.contains("'connection limit' at Load balancer") && why.contains("max_connections"),
        "{why}"
    );
    let ids: Vec<&str> = errors(&v).text.iter().map(|c| c.id).collect();
    assert_eq!(ids, ["error_ratio", "most_at", "why_connection_limit"]);
}
