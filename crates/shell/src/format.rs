//! Words and numbers for people: sim time as seconds, rates and latencies with units, health, a node's role and
//! the one figure its tier shows, and the outline's spoken summary of a burst of events.

use sim_core::ComponentKind;
use sim_core::SimTime;
use sim_core::metrics::{DbRole, Health, NodeFrame};

/// `12.3 s`.
#[must_use]
pub fn sim_time(t: SimTime) -> String {
    format!("{:.1} s", t.as_secs_f64())
}

/// A count or rate without a unit, compact: `950`, `12.5k`, `3.2M`.
#[must_use]
pub fn compact(v: f64) -> String {
    if v >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if v >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if v >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else if v >= 10.0 || v == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A latency in ms with sensible precision.
#[must_use]
pub fn ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0} ms")
    } else {
        format!("{v:.1} ms")
    }
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

/// The one figure that matters most for a node's tier, for its label line.
pub fn tier_detail(n: &NodeFrame) -> Option<String> {
    if let Some(role) = role_of(n) {
        return Some(match n.behind_writes {
            Some(b) if b > 0 && role == "replica" => format!("{role}, {b} behind"),
            _ => role.to_owned(),
        });
    }
    if let Some(h) = n.hit_ratio {
        return Some(format!("{:.0}% hits", h * 100.0));
    }
    if let Some((running, warming)) = n.instances {
        return Some(if warming > 0 {
            format!("{running}+{warming} instances")
        } else {
            format!("{running} instances")
        });
    }
    if let Some(w) = n.workers_active {
        return Some(format!("{w} workers"));
    }
    if let Some(h) = n.hotspot_ratio {
        return Some(format!("hotspot {h:.1}×"));
    }
    (n.kind == ComponentKind::MessageQueue).then(|| format!("{} waiting", n.queue_len))
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
    fn bursts_are_one_sentence() {
        let m = |n: usize| (0..n).map(|i| format!("E{i}.")).collect::<Vec<_>>();
        assert_eq!(announcement(&m(2)), "E0. E1.");
        assert_eq!(announcement(&m(5)), "E0. E1. E2. And 2 more events.");
    }
}
