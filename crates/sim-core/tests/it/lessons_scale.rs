//! The checks of `lessons.rs` for the chapter's later steps (two data centers to millions of users), one per
//! experiment: each performs the experiment on its preset after warm-up (a restore after the outage it undoes),
//! measures what the promise talks about, and returns the figures. Limits come from the preset's own settings
//! (GeoDNS checks and TTL, warm-up times, failover timeouts).

use crate::lessons::{
    AT_MILLIONS_S, AT_S, Case, Lab, Outcome, arrival_rates, cause, choose, first_log_s, promise,
};
use sim_core::ComponentConfig;
use sim_core::components::dns::{HEALTHY_AFTER, UNHEALTHY_AFTER};
use sim_core::metrics::{FailureCause, LogKind};
use sim_core::scenario::FaultAction;

/// (check interval, TTL) of the GeoDNS, s.
fn dns_timing(case: &Case) -> (f64, f64) {
    let ComponentConfig::Dns(c) = case.config("GeoDNS") else {
        panic!("GeoDNS is a DNS")
    };
    (c.health_check_interval_s, c.ttl_s)
}

/// "US requests fail until GeoDNS's health checks notice and cached answers expire; then Europe serves them,
/// slower": noticed within its checks, the last node-down error before detection + TTL, none after, and a higher
/// mean latency.
pub fn region_moves_after_dns(case: &Case) -> Outcome {
    let at = AT_S;
    let (interval, ttl) = dns_timing(case);
    let detect_max = interval * f64::from(UNHEALTHY_AFTER);
    let end = at + detect_max + ttl + 15.0;
    let mut lab = case.run(&[case.now(at)]);
    lab.to(end);
    let detected = first_log_s(&lab, "US load balancer", |k| {
        matches!(k, LogKind::DetectedUnhealthy { .. })
    });
    let Some(detected) = detected else {
        return Err("GeoDNS never noticed".into());
    };
    let us_down = cause(&lab.failed_here("US load balancer"), FailureCause::NodeDown);
    let last_down = lab.last_node_down_s(at, end).unwrap_or(at);
    let settled = detected + ttl + 1.0;
    let (errors_after, _) = lab.error_ratio(settled, end);
    let mean = |from: f64, to: f64| {
        let w = lab.windows(from, to);
        #[allow(clippy::cast_precision_loss)]
        let m = w.iter().map(|w| w.latency_ms_mean).sum::<f64>() / w.len() as f64;
        m
    };
    let (near, far) = (mean(at - 10.0, at), mean(settled, end));
    promise(
        detected - at <= detect_max
            && us_down > 0
            && last_down < settled
            && errors_after == 0.0
            && far >= near + 20.0,
        format!(
            "GeoDNS noticed after {:.0} s (at most {detect_max} s); {us_down} US requests failed at the dead load \
             balancer, the last in the window at {:.0} s after the outage (TTL {ttl} s); errors after {:.2} %; \
             mean latency {near:.1} ms before, {far:.1} ms with everyone in Europe",
            detected - at,
            last_down - at,
            errors_after * 100.0
        ),
    )
}

/// "GeoDNS sends US users home again once the checks pass" (after an outage): answered with US-East within the
/// passes it needs, and a TTL later the US load balancer carries the US users, without errors.
pub fn region_comes_home(case: &Case) -> Outcome {
    let (down, back) = (AT_S, AT_S + 100.0);
    let (interval, ttl) = dns_timing(case);
    let mut lab = case.run(&[
        (down, "US web 1", FaultAction::RegionOutage),
        case.now(back),
    ]);
    let home_by = back + interval * f64::from(HEALTHY_AFTER + 1) + ttl + 1.0;
    lab.to(home_by);
    let answered = lab
        .sim
        .frame()
        .log
        .iter()
        .filter(|e| e.node == lab.id("US load balancer"))
        .filter(|e| matches!(e.kind, LogKind::Recovered { .. }))
        .map(|e| e.at.as_secs_f64())
        .find(|&t| t >= back);
    let rates = arrival_rates(
        &mut lab,
        &["US load balancer", "US users"],
        home_by,
        home_by + 5.0,
    );
    let (errors, _) = lab.error_ratio(back, home_by + 5.0);
    promise(
        answered.is_some_and(|t| t - back <= interval * f64::from(HEALTHY_AFTER + 1))
            && rates[0] >= 0.95 * rates[1]
            && errors == 0.0,
        format!(
            "GeoDNS answered with US-East again {:?} s after it came back; a TTL later the US load balancer \
             gets {:.0} of the US users' {:.0} requests/s; errors after the return {:.2} %",
            answered.map(|t| t - back),
            rates[0],
            rates[1],
            errors * 100.0
        ),
    )
}

/// Writes the EU replica has not applied now.
fn eu_replica_behind(lab: &Lab) -> u64 {
    let id = lab.id("Replica (EU)");
    lab.sim
        .frame()
        .node(id)
        .and_then(|n| n.behind_writes)
        .expect("a replica")
}

/// "Europe's writes fail ('partition') until GeoDNS moves its users to US-East; the EU replica gets no writes and
/// falls further behind every second": partition errors only, none once GeoDNS noticed and a TTL passed, and the
/// replica's backlog growing 10, 20 and 30 s into the cut.
pub fn cut_off_writes_fail_replica_behind(case: &Case) -> Outcome {
    let at = AT_S;
    let (interval, ttl) = dns_timing(case);
    let detect_max = interval * f64::from(UNHEALTHY_AFTER);
    let end = at + detect_max + ttl + 15.0;
    let mut lab = case.run(&[case.now(at)]);
    let behind: Vec<u64> = [10.0, 20.0, 30.0]
        .iter()
        .map(|d| eu_replica_behind(lab.to(at + d)))
        .collect();
    lab.to(end);
    let detected = first_log_s(&lab, "EU load balancer", |k| {
        matches!(k, LogKind::DetectedUnhealthy { .. })
    });
    let Some(detected) = detected else {
        return Err("GeoDNS never noticed the cut".into());
    };
    let causes = lab.failed_by_cause(at, end);
    let (cut, all) = (
        cause(&causes, FailureCause::Partition),
        causes.iter().sum::<u64>(),
    );
    let settled = detected + ttl + 1.0;
    let (errors_after, _) = lab.error_ratio(settled, end);
    promise(
        detected - at <= detect_max
            && cut > 0
            && cut == all
            && errors_after == 0.0
            && behind[0] > 0
            && behind[0] < behind[1]
            && behind[1] < behind[2],
        format!(
            "{cut} of {all} failed requests failed at the cut; GeoDNS noticed after {:.0} s (at most \
             {detect_max} s); errors after {:.2} %; the EU replica was {behind:?} writes behind 10, 20 and 30 s \
             into the cut",
            detected - at,
            errors_after * 100.0
        ),
    )
}

/// "The writes held for the EU replica are shipped at once and it catches up within a second; GeoDNS sends
/// European users home again": a backlog at the heal, a second later no more than the writes usually on their way
/// (three times the count before the cut, or 50), and GeoDNS answering with Europe within its passing checks.
pub fn healed_replica_catches_up(case: &Case) -> Outcome {
    let (cut, heal) = (AT_S, AT_S + 60.0);
    let (interval, _) = dns_timing(case);
    let mut lab = case.run(&[(cut, "EU web 1", FaultAction::Partition), case.now(heal)]);
    // Before the cut the replica runs behind by the writes on their way (w·(lag + distance)).
    let before = eu_replica_behind(lab.to(cut - 0.001));
    let at_heal = eu_replica_behind(lab.to(heal - 0.001));
    let after = eu_replica_behind(lab.to(heal + 1.0));
    let home_by = heal + interval * f64::from(HEALTHY_AFTER + 1);
    lab.to(home_by);
    let answered = lab
        .log_about("EU load balancer", |k| {
            matches!(k, LogKind::Recovered { .. })
        })
        .iter()
        .map(|e| e.at.as_secs_f64())
        .find(|&t| t >= heal);
    promise(
        at_heal > 1_000 && after <= (3 * before).max(50) && answered.is_some(),
        format!(
            "the EU replica was {before} writes behind before the cut, {at_heal} at the heal and {after} a second \
             later; GeoDNS answered \
             with Europe again {:?} s after the heal",
            answered.map(|t| t - heal)
        ),
    )
}

fn job_rate_per_s(case: &Case) -> f64 {
    let ComponentConfig::Client(c) = case.config("Users") else {
        panic!("Users are a client")
    };
    c.arrival_rate_per_s * c.job_fraction
}

fn backlog(lab: &Lab, t: f64) -> u64 {
    lab.windows(t, t + 1.0)
        .first()
        .and_then(|w| w.queue_depth)
        .unwrap_or(0)
}

/// "The backlog grows while the site stays fast": the backlog holds the jobs that arrived, p99 within 20 %, no
/// errors.
pub fn backlog_grows_site_fast(case: &Case) -> Outcome {
    let at = AT_S;
    let mut lab = case.run(&[case.now(at)]);
    lab.to(at + 20.0);
    let grown = backlog(&lab, at + 19.0);
    let expected = job_rate_per_s(case) * 19.0;
    let p99 = |from: f64, to: f64| {
        lab.windows(from, to)
            .iter()
            .map(|w| w.latency_ms_p99)
            .fold(0.0, f64::max)
    };
    let (fast_before, fast_after) = (p99(at - 10.0, at), p99(at, at + 20.0));
    let (errors, _) = lab.error_ratio(at, at + 20.0);
    #[allow(clippy::cast_precision_loss)]
    let grew = grown as f64 >= 0.8 * expected;
    promise(
        grew && fast_after <= fast_before * 1.2 && errors == 0.0,
        format!(
            "backlog {} before, {grown} after 19 s (≈ {expected:.0} jobs arrived); worst p99 {fast_before:.1} ms \
             before, {fast_after:.1} ms after; errors {:.2} %",
            backlog(&lab, at - 1.0),
            errors * 100.0
        ),
    )
}

/// "The workers scale out on the backlog and drain it" (after a kill): a scale-out after the restore, and the
/// backlog down to 1 % of its peak within a minute.
pub fn workers_scale_and_drain(case: &Case) -> Outcome {
    let (kill, back) = (AT_S, AT_S + 20.0);
    let ComponentConfig::Workers(w) = case.config("Workers") else {
        panic!("a worker pool")
    };
    let mut lab = case.run(&[(kill, "Workers", FaultAction::Kill), case.now(back)]);
    let end = back + w.warm_up_s + 40.0;
    lab.to(end);
    let peak = (0..40)
        .map(|i| backlog(&lab, kill + f64::from(i)))
        .max()
        .unwrap_or(0);
    let scaled = lab
        .sim
        .frame()
        .log
        .iter()
        .filter(|e| e.node == lab.id("Workers") && matches!(e.kind, LogKind::Scaled))
        .any(|e| e.at.as_secs_f64() >= back && e.message.contains("starting"));
    let drained = (0..60)
        .map(|i| back + f64::from(i))
        .find(|&t| backlog(&lab, t) * 100 <= peak);
    promise(
        scaled && drained.is_some() && peak > 0,
        format!(
            "backlog peaked at {peak}; the pool scaled out after the restore: {scaled}; down to 1 % of the peak \
             {:?} s after the restore (workers warm up in {} s)",
            drained.map(|t| t - back),
            w.warm_up_s
        ),
    )
}

/// The router's share of keys that moved in its last resharding, and its keys per connected database.
fn router_keys(lab: &Lab, router: &str) -> (f64, Vec<u64>) {
    let id = lab.id(router).0;
    let s = lab.sim.summary();
    let n = s.nodes.iter().find(|n| n.id == id).expect("router");
    (
        n.keys_moved_fraction.unwrap_or(0.0),
        n.shard_keys.clone().unwrap_or_default(),
    )
}

/// "Keys migrate to the new shard: compare how many move with modulo and with consistent hashing": about 1/5 with
/// consistent hashing (the new shard owns and serves its share), 4/5 or more with modulo.
pub fn shard_added_keys_move(case: &Case) -> Outcome {
    let at = AT_S;
    let mut lab = case.run(&[case.now(at)]);
    lab.to(at + 15.0);
    let (moved, keys) = router_keys(&lab, "Shard router");
    #[allow(clippy::cast_precision_loss)]
    let new_share =
        keys.get(4).copied().unwrap_or(0) as f64 / keys.iter().sum::<u64>().max(1) as f64;
    let rates = arrival_rates(&mut lab, &["Shard 5", "Shard router"], at + 15.0, at + 18.0);
    let mut modulo = case.doc.clone();
    choose(&mut modulo, "Shard router", "strategy", "modulo");
    let mut m = Case::run_of(&modulo, &[case.now(at)]);
    m.to(at + 1.0);
    let (moved_modulo, _) = router_keys(&m, "Shard router");
    promise(
        (0.1..=0.3).contains(&moved)
            && (0.1..=0.3).contains(&new_share)
            && rates[0] >= 0.1 * rates[1]
            && moved_modulo >= 0.7,
        format!(
            "consistent hashing moved {:.1} % of the keys (the new shard owns {:.1} % and takes {:.0} of {:.0} \
             requests/s); modulo would move {:.1} %",
            moved * 100.0,
            new_share * 100.0,
            rates[0],
            rates[1],
            moved_modulo * 100.0
        ),
    )
}

/// "The last shard's keys move to the others, and their load rises": Shard 4 ends with no key and no load, the
/// others with 20 % more load or more.
pub fn shard_removed_load_rises(case: &Case) -> Outcome {
    let at = AT_S;
    let shards = ["Shard 1", "Shard 2", "Shard 3", "Shard 4"];
    let mut lab = case.run(&[case.now(at)]);
    let before = arrival_rates(&mut lab, &shards, at - 5.0, at);
    lab.to(at + 15.0);
    let after = arrival_rates(&mut lab, &shards, at + 15.0, at + 20.0);
    let (_, keys) = router_keys(&lab, "Shard router");
    let rose = (0..3).all(|i| after[i] >= 1.2 * before[i]);
    promise(
        keys.get(3) == Some(&0) && after[3] == 0.0 && rose,
        format!(
            "keys per shard after the migration {keys:?}; requests/s per shard {:.0?} before, {:.0?} after",
            before, after
        ),
    )
}

/// "US users fail until GeoDNS notices and their cached answers expire; then Europe serves everyone: its replicas
/// are promoted and its web servers scale out, refusing some requests until the new instances are warm".
pub fn europe_takes_everyone(case: &Case) -> Outcome {
    let at = AT_MILLIONS_S;
    let (interval, ttl) = dns_timing(case);
    let ComponentConfig::WebServer(eu) = case.config("EU web servers") else {
        panic!("a web tier")
    };
    let detect_max = interval * f64::from(UNHEALTHY_AFTER);
    let end = at + detect_max + ttl + eu.warm_up_s + 15.0;
    let mut lab = case.run(&[case.now(at)]);
    let eu_before = lab.arrival_rate("EU load balancer", at - 10.0, at);
    lab.to(end - 10.0);
    let rates = arrival_rates(
        &mut lab,
        &["EU load balancer", "US load balancer"],
        end - 10.0,
        end,
    );
    let Some(detected) = first_log_s(&lab, "US load balancer", |k| {
        matches!(k, LogKind::DetectedUnhealthy { .. })
    }) else {
        return Err("GeoDNS never noticed".into());
    };
    let promoted = lab
        .sim
        .frame()
        .log
        .iter()
        .filter(|e| matches!(e.kind, LogKind::Promoted { .. }))
        .count();
    let last_down = lab.last_node_down_s(at, end).unwrap_or(at);
    let moved = detected + ttl + 1.0;
    let (errors_after, _) = lab.error_ratio(moved + eu.warm_up_s, end);
    let refused = cause(&lab.failed_here("EU web servers"), FailureCause::QueueFull);
    let instances = lab
        .sim
        .frame()
        .node(lab.id("EU web servers"))
        .and_then(|n| n.instances)
        .map_or(0, |(running, _)| running);
    promise(
        detected - at <= detect_max
            && last_down < moved
            && promoted == 4
            && errors_after < 0.01
            && rates[1] == 0.0
            && rates[0] >= 2.2 * eu_before
            && instances > eu.min_instances,
        format!(
            "GeoDNS noticed after {:.0} s; {promoted} shard replicas promoted; the last 'node down' in the window \
             at {:.0} s after the outage (detection + TTL: {:.0} s); {refused} requests refused while Europe \
             scaled out to {instances} instances (from {}); errors {:.2} % from {:.0} s on; Europe's load balancer \
             takes {:.0} requests/s (was {eu_before:.0}), US-East's {:.0}",
            detected - at,
            last_down - at,
            moved - at,
            eu.min_instances,
            errors_after * 100.0,
            moved + eu.warm_up_s - at,
            rates[0],
            rates[1]
        ),
    )
}

/// "Only writes for Shard 1's users fail, until its European replica is promoted; its reads and the other shards
/// carry on, and the log counts the writes lost".
pub fn shard_1_writes_until_promotion(case: &Case) -> Outcome {
    let at = AT_MILLIONS_S;
    let ComponentConfig::Database(db) = case.config("Shard 1") else {
        panic!("a database")
    };
    let failover = db.failover_timeout_s;
    let end = at + failover + 6.0;
    let mut lab = case.run(&[case.now(at)]);
    lab.to(end);
    let promotions: Vec<_> = lab
        .sim
        .frame()
        .log
        .into_iter()
        .filter_map(|e| match e.kind {
            LogKind::Promoted { lost_writes } => Some((e.node, e.at.as_secs_f64(), lost_writes)),
            _ => None,
        })
        .collect();
    let [(who, when, lost)] = promotions[..] else {
        return Err(format!("expected one promotion, got {promotions:?}"));
    };
    let failed: u64 = lab.failed_by_cause(at, end).iter().sum();
    let at_shard_1 = cause(&lab.failed_here("Shard 1"), FailureCause::NodeDown);
    let (during, _) = lab.error_ratio(at + 1.0, when.floor());
    let (after, _) = lab.error_ratio(when.floor() + 1.0, end);
    promise(
        who == lab.id("Shard 1 replica (EU)")
            && when - at <= failover + 0.5
            && lost > 0
            && at_shard_1 >= failed.saturating_sub(10)
            && during > 0.0
            && during < 0.03
            && after == 0.0,
        format!(
            "{at_shard_1} of {failed} failures at Shard 1; {:.2} % of requests failed until its replica was \
             promoted {:.1} s later with {lost} writes lost; {:.2} % after",
            during * 100.0,
            when - at,
            after * 100.0
        ),
    )
}

/// "Page requests of users whose cached answer has expired fail at once, and within one TTL every page request
/// fails, while the CDN still serves the static files".
pub fn geodns_down_after_ttl(case: &Case) -> Outcome {
    let at = AT_MILLIONS_S;
    let (_, ttl) = dns_timing(case);
    let mut lab = case.run(&[case.now(at)]);
    lab.to(at + 5.0);
    let (first, _) = lab.error_ratio(at, at + 5.0);
    lab.to(at + ttl + 1.0);
    let pages = arrival_rates(
        &mut lab,
        &["US load balancer", "EU load balancer", "CDN"],
        at + ttl + 1.0,
        at + ttl + 5.0,
    );
    let (later, _) = lab.error_ratio(at + ttl + 1.0, at + ttl + 5.0);
    // Counted when GeoDNS fails them, a return trip before the users hear of it (and the windows count them).
    let at_dns = cause(&lab.failed_here("GeoDNS"), FailureCause::NodeDown);
    let by_cause = lab.failed_by_cause(at, at + ttl + 5.0);
    let failed: u64 = by_cause.iter().sum();
    promise(
        first > 0.0
            && first < later
            && pages[0] == 0.0
            && pages[1] == 0.0
            && pages[2] > 0.0
            && cause(&by_cause, FailureCause::NodeDown) == failed
            && at_dns >= failed,
        format!(
            "errors {:.1} % in the first 5 s, {:.1} % a TTL ({ttl} s) later; {failed} failed, {at_dns} at GeoDNS; \
             then the load \
             balancers get {:.0} and {:.0} requests/s, the CDN {:.0}/s",
            first * 100.0,
            later * 100.0,
            pages[0],
            pages[1],
            pages[2]
        ),
    )
}

/// "US traffic climbs to 4× in 10 s: the US web servers refuse requests until the instances they start have warmed
/// up; once the crowd has left, the extra instances are stopped": sent at 60 s, once the first scale-out has
/// settled, the US group starts instances within one evaluation (10 s) of the crowd and they take traffic a
/// warm-up later; while they warm, over 1 % of requests fail (none the 20 s before); the group first shrinks after
/// the crowd has left (80 s after it came), and ends smaller than at its peak.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)] // seconds
pub fn crowd_scales_out_after_warm_up(case: &Case) -> Outcome {
    let at = 60_usize;
    let ComponentConfig::WebServer(us) = case.config("US web servers") else {
        panic!("a web tier")
    };
    let mut lab = case.run(&[case.now(at as f64)]);
    let web = lab.id("US web servers");
    // (running, warming) instances at the end of each second 1..=240.
    let mut per_s = vec![(0, 0)];
    for t in 1..=240_u32 {
        lab.to(f64::from(t));
        let n = lab.sim.frame().node(web).and_then(|n| n.instances);
        per_s.push(n.expect("an autoscaling group"));
    }
    let first = |from: usize, pick: &dyn Fn((u32, u32)) -> bool| {
        (from..per_s.len()).find(|&t| pick(per_s[t]))
    };
    let before = per_s[at].0;
    let (Some(started), Some(grown)) = (
        first(at, &|(_, warming)| warming > 0),
        first(at, &|(running, _)| running > before),
    ) else {
        return Err(format!("the US group never scaled out: {per_s:?}"));
    };
    let peak = per_s.iter().map(|p| p.0).max().unwrap_or(0);
    let peak_at = first(at, &|(running, _)| running == peak).unwrap_or(at);
    let shrunk = first(peak_at, &|(running, _)| running < peak).unwrap_or(per_s.len());
    let last = per_s[per_s.len() - 1].0;
    let (errors_before, _) = lab.error_ratio(at as f64 - 20.0, at as f64);
    let (errors_warming, _) = lab.error_ratio(at as f64 + 5.0, grown as f64);
    promise(
        started - at <= 10
            && (grown - started) as f64 >= us.warm_up_s
            && errors_warming > 0.01
            && errors_before == 0.0
            && shrunk >= at + 80
            && last < peak,
        format!(
            "{before} instances before; more started {} s after the crowd, ready {} s later (warm-up {:.0} s), \
             {peak} at the peak ({peak_at} s), fewer from {shrunk} s, {last} at 240 s; errors {:.1} % while they \
             warmed (the 20 s before: {:.1} %)",
            started - at,
            grown - started,
            us.warm_up_s,
            errors_warming * 100.0,
            errors_before * 100.0,
        ),
    )
}
