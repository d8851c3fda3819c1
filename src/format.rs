//! Number and time formatting for people: sim time as seconds, rates, percentages and latencies with units.

use sim_core::SimTime;
use sim_core::metrics::Health;

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
