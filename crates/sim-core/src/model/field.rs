//! Allowed ranges of numeric settings, shared by validation (which rejects out-of-range values with the range in
//! the message) and by the inspector (which uses them as input bounds and help text).

use std::fmt;

/// One numeric setting: its file name, its label for people, its unit, and its inclusive allowed range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldSpec {
    /// Name in the scenario file, e.g. `"arrival_rate_per_s"`.
    pub name: &'static str,
    /// Label for people, e.g. `"Arrival rate"`.
    pub label: &'static str,
    /// Unit shown after the value, e.g. `"req/s"`; empty for counts.
    pub unit: &'static str,
    /// Smallest allowed value (inclusive).
    pub min: f64,
    /// Largest allowed value (inclusive).
    pub max: f64,
    /// Whether only whole numbers are allowed.
    pub integer: bool,
}

/// A value outside its [`FieldSpec`] range (or not a finite number).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeError {
    /// The setting that was rejected.
    pub field: FieldSpec,
    /// The rejected value.
    pub value: f64,
}

impl fmt::Display for RangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let FieldSpec {
            label,
            unit,
            min,
            max,
            integer,
            ..
        } = self.field;
        let sep = if unit.is_empty() { "" } else { " " };
        let (min, max, value) = (number(min), number(max), number(self.value));
        if !self.value.is_finite() {
            write!(
                f,
                "{label} must be a number from {min}{sep}{unit} to {max}{sep}{unit}"
            )
        } else if integer && self.value.fract() != 0.0 {
            write!(
                f,
                "{label} must be a whole number from {min} to {max}{sep}{unit} (got {value})"
            )
        } else {
            write!(
                f,
                "{label} must be from {min}{sep}{unit} to {max}{sep}{unit} (got {value}{sep}{unit})"
            )
        }
    }
}

impl std::error::Error for RangeError {}

/// A number as a person reads it in a message: whole numbers below 10^15 in full (`4096`, `1000000`), very large
/// or very small ones in scientific notation (`1e308`, `2.5e-7`, never 309 digits), others in Rust's shortest
/// round-trip form (`0.3`).
#[must_use]
pub fn number(v: f64) -> String {
    let a = v.abs();
    if !v.is_finite() || (a < 1e15 && (v.fract() == 0.0 || a >= 1e-4)) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

impl FieldSpec {
    /// `Ok` when `value` is finite, within `[min, max]`, and whole if the field is an integer.
    ///
    /// # Errors
    /// A [`RangeError`] naming the field and its allowed range.
    pub fn check(&self, value: f64) -> Result<(), RangeError> {
        let whole_ok = !self.integer || value.fract() == 0.0;
        if value.is_finite() && value >= self.min && value <= self.max && whole_ok {
            Ok(())
        } else {
            Err(RangeError {
                field: *self,
                value,
            })
        }
    }
}

macro_rules! field {
    ($c:ident, $name:literal, $label:literal, $unit:literal, $min:expr, $max:expr, $int:expr) => {
        #[doc = concat!("Range of `", $name, "` (", $label, ").")]
        pub const $c: FieldSpec = FieldSpec {
            name: $name,
            label: $label,
            unit: $unit,
            min: $min,
            max: $max,
            integer: $int,
        };
    };
}

field!(
    ARRIVAL_RATE,
    "arrival_rate_per_s",
    "Arrival rate",
    "req/s",
    0.0,
    1_000_000.0,
    false
);
field!(
    READ_FRACTION,
    "read_fraction",
    "Read share",
    "",
    0.0,
    1.0,
    false
);
field!(USERS, "users", "Users", "", 1.0, 1_000_000.0, true);
field!(
    KEY_COUNT,
    "key_count",
    "Distinct keys",
    "",
    1.0,
    1_000_000.0,
    true
);
field!(ZIPF_ALPHA, "alpha", "Zipf exponent", "", 0.0, 3.0, false);
field!(
    RTT,
    "rtt_ms",
    "Network round trip",
    "ms",
    0.0,
    2_000.0,
    false
);
field!(
    DNS_RESOLUTION,
    "resolution_ms",
    "Lookup time",
    "ms",
    0.0,
    5_000.0,
    false
);
field!(DNS_TTL, "ttl_s", "Record TTL", "s", 0.0, 86_400.0, false);
field!(
    HEALTH_INTERVAL,
    "health_check_interval_ms",
    "Health-check interval",
    "ms",
    100.0,
    60_000.0,
    false
);
field!(
    UNHEALTHY_THRESHOLD,
    "unhealthy_threshold",
    "Failures before unhealthy",
    "",
    1.0,
    20.0,
    true
);
field!(
    HEALTHY_THRESHOLD,
    "healthy_threshold",
    "Passes before healthy",
    "",
    1.0,
    20.0,
    true
);
field!(WORKERS, "workers", "Workers", "", 1.0, 4_096.0, true);
field!(
    SERVICE_TIME,
    "service_time_ms",
    "Service time (mean)",
    "ms",
    0.001,
    60_000.0,
    false
);
field!(
    READ_TIME,
    "read_time_ms",
    "Read query time (mean)",
    "ms",
    0.001,
    60_000.0,
    false
);
field!(
    WRITE_TIME,
    "write_time_ms",
    "Write query time (mean)",
    "ms",
    0.001,
    60_000.0,
    false
);
field!(
    QUEUE_CAPACITY,
    "queue_capacity",
    "Queue capacity",
    "",
    0.0,
    1_000_000.0,
    true
);
field!(
    MAX_CONNECTIONS,
    "max_connections",
    "Connection limit (0 = none)",
    "",
    0.0,
    1_000_000.0,
    true
);
field!(
    TAKEOVER,
    "takeover_s",
    "Standby takeover time",
    "s",
    0.1,
    60.0,
    false
);
field!(
    TIMEOUT,
    "timeout_ms",
    "Timeout",
    "ms",
    1.0,
    600_000.0,
    false
);
field!(
    CACHE_CAPACITY,
    "capacity_entries",
    "Capacity",
    "entries",
    0.0,
    1_000_000.0,
    true
);
field!(
    CACHE_TTL,
    "ttl_s",
    "Entry TTL (0 = never expires)",
    "s",
    0.0,
    86_400.0,
    false
);
field!(
    LOOKUP_TIME,
    "lookup_time_ms",
    "Lookup time (mean)",
    "ms",
    0.001,
    1_000.0,
    false
);
field!(
    REPLICATION_LAG,
    "replication_lag_ms",
    "Replication lag (mean)",
    "ms",
    0.0,
    60_000.0,
    false
);
field!(
    APPLY_RATE,
    "apply_rate_per_s",
    "Writes each replica applies (0 = unlimited)",
    "writes/s",
    0.0,
    1_000_000.0,
    false
);
field!(
    READ_YOUR_WRITES,
    "read_your_writes_s",
    "Read your writes: a user's reads go to the primary after their write for (0 = off)",
    "s",
    0.0,
    3_600.0,
    false
);
field!(
    PRIMARY_READ_SHARE,
    "primary_read_share",
    "Share of other reads sent to the primary",
    "",
    0.0,
    1.0,
    false
);
field!(
    FAILOVER_TIMEOUT,
    "failover_timeout_s",
    "Failover after the primary is down for",
    "s",
    1.0,
    600.0,
    false
);
field!(
    PROVISION_DELAY,
    "provision_delay_s",
    "New replica ready after",
    "s",
    1.0,
    3_600.0,
    false
);
field!(
    JOB_FRACTION,
    "job_fraction",
    "Share that starts a background job",
    "",
    0.0,
    1.0,
    false
);
field!(
    JOB_TIME,
    "job_time_ms",
    "Job processing time (mean)",
    "ms",
    0.001,
    600_000.0,
    false
);
field!(
    QUEUE_MESSAGES,
    "capacity_messages",
    "Capacity",
    "messages",
    0.0,
    10_000_000.0,
    true
);
field!(
    MIN_WORKERS,
    "min_workers",
    "Workers (minimum)",
    "",
    0.0,
    4_096.0,
    true
);
field!(
    MAX_WORKERS,
    "max_workers",
    "Workers (maximum, autoscaling)",
    "",
    0.0,
    4_096.0,
    true
);
field!(
    JOBS_PER_WORKER,
    "target_backlog_per_worker",
    "Scale up when the backlog per worker exceeds",
    "jobs",
    1.0,
    1_000_000.0,
    true
);
field!(
    WARM_UP,
    "warm_up_s",
    "New worker ready after",
    "s",
    0.0,
    3_600.0,
    false
);
field!(
    VIRTUAL_NODES,
    "virtual_nodes",
    "Virtual nodes per shard",
    "",
    1.0,
    1_000.0,
    true
);
field!(
    ACTIVE_SHARDS,
    "active_shards",
    "Shards in use at the start (0 = all connected)",
    "",
    0.0,
    256.0,
    true
);
field!(
    MIGRATION_RATE,
    "migration_keys_per_s",
    "Resharding moves",
    "keys/s",
    1.0,
    10_000_000.0,
    false
);
field!(
    CELEBRITY_KEYS,
    "celebrity_keys",
    "Celebrity keys",
    "",
    0.0,
    1_000.0,
    true
);
field!(
    CELEBRITY_SHARE,
    "celebrity_share",
    "Share of requests for celebrities",
    "",
    0.0,
    1.0,
    false
);
field!(
    STATIC_FRACTION,
    "static_fraction",
    "Share for static files (images, scripts)",
    "",
    0.0,
    1.0,
    false
);
field!(
    STATIC_ASSETS,
    "static_assets",
    "Distinct static files",
    "",
    1.0,
    1_000_000.0,
    true
);
field!(
    CDN_CAPACITY,
    "capacity_assets",
    "Files each edge keeps",
    "files",
    0.0,
    10_000_000.0,
    true
);
field!(
    CDN_TTL,
    "ttl_s",
    "File TTL (0 = until purged)",
    "s",
    0.0,
    31_536_000.0,
    false
);
field!(
    EDGE_RTT,
    "edge_rtt_ms",
    "Round trip users ↔ nearest edge",
    "ms",
    0.0,
    1_000.0,
    false
);
field!(
    ORIGIN_LATENCY,
    "origin_latency_ms",
    "Edge → origin latency (one way)",
    "ms",
    0.0,
    1_000.0,
    false
);
field!(
    DNS_HEALTH_INTERVAL,
    "health_check_interval_s",
    "GeoDNS health-check interval",
    "s",
    1.0,
    600.0,
    false
);
field!(
    MIN_INSTANCES,
    "min_instances",
    "Instances (minimum)",
    "",
    1.0,
    1_000.0,
    true
);
field!(
    MAX_INSTANCES,
    "max_instances",
    "Instances (maximum, autoscaling)",
    "",
    1.0,
    1_000.0,
    true
);
field!(
    TARGET_UTILIZATION,
    "target_utilization",
    "Autoscaling target utilization",
    "",
    0.05,
    1.0,
    false
);
field!(
    INSTANCE_WARM_UP,
    "warm_up_s",
    "New instance ready after",
    "s",
    0.0,
    3_600.0,
    false
);
field!(
    MTBF,
    "mtbf_s",
    "Mean time between random failures (0 = never)",
    "s",
    0.0,
    10_000_000.0,
    false
);
field!(
    MTTR,
    "mttr_s",
    "Mean time to repair a random failure",
    "s",
    1.0,
    1_000_000.0,
    false
);
field!(
    COOLDOWN,
    "cooldown_s",
    "Cooldown between scaling actions",
    "s",
    0.0,
    3_600.0,
    false
);
field!(
    DURATION,
    "duration_s",
    "Run length",
    "s",
    1.0,
    86_400.0,
    false
);
field!(
    HOP_LATENCY,
    "hop_latency_us",
    "Hop latency inside the data center",
    "µs",
    0.0,
    100_000.0,
    true
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_values_name_the_allowed_range() {
        let e = WORKERS.check(0.0).unwrap_err();
        assert_eq!(e.to_string(), "Workers must be from 1 to 4096 (got 0)");
        let e = RTT.check(5_000.0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Network round trip must be from 0 ms to 2000 ms (got 5000 ms)"
        );
        assert!(
            WORKERS
                .check(2.5)
                .unwrap_err()
                .to_string()
                .contains("whole number")
        );
        assert!(ARRIVAL_RATE.check(f64::NAN).is_err());
        assert!(ARRIVAL_RATE.check(f64::INFINITY).is_err());
        assert!(ARRIVAL_RATE.check(250.0).is_ok());
    }

    #[test]
    fn huge_and_tiny_values_are_written_short() {
        assert_eq!(
            ARRIVAL_RATE.check(1e308).unwrap_err().to_string(),
            "Arrival rate must be from 0 req/s to 1000000 req/s (got 1e308 req/s)"
        );
        assert_eq!(number(-1e300), "-1e300");
        assert_eq!(number(2.5e-7), "2.5e-7");
        assert_eq!(number(0.3), "0.3");
        assert_eq!(number(31_536_000.0), "31536000");
        assert_eq!(number(123_456.5), "123456.5");
    }
}
