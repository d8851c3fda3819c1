//! A scenario's challenge: a goal in words and the limits a run must meet to pass it, measured from a given sim
//! time (for example from just before a planned failure) to the end of the run. Graded by [`crate::verdict`].

use super::FaultEvent;
use crate::model::{FieldSpec, Issue, IssueKind};
use serde::{Deserialize, Serialize};

const fn limit(name: &'static str, label: &'static str, unit: &'static str, max: f64) -> FieldSpec {
    FieldSpec {
        name,
        label,
        unit,
        min: 0.0,
        max,
        integer: false,
    }
}

/// Ranges of the challenge's numeric fields, checked like settings (a file may carry anything).
pub const LIMITS: [FieldSpec; 7] = [
    limit("measure_from_s", "Measuring starts at", "s", 86_400.0),
    limit("max_error_ratio", "Most failed requests (share)", "", 1.0),
    limit(
        "max_latency_ms_p99",
        "Highest p99 latency",
        "ms",
        3_600_000.0,
    ),
    limit("min_throughput_rps", "Lowest throughput", "req/s", 1e9),
    limit("max_cost_per_hour", "Highest cost", "USD/h", 1e9),
    limit("max_job_delay_s", "Longest job delay", "s", 86_400.0),
    limit(
        "max_slo_breach_s",
        "Longest time an SLO is breached",
        "s",
        86_400.0,
    ),
];

/// Limits a run must meet. Unset limits are not checked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Challenge {
    /// The goal, for people ("Lose a web server without more than 1 % errors").
    pub goal: String,
    /// Measuring starts at this sim time, s (earlier traffic warms the system up).
    pub measure_from_s: f64,
    /// Most failed requests / answered requests, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_error_ratio: Option<f64>,
    /// Highest 99th-percentile latency of successful requests, ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_latency_ms_p99: Option<f64>,
    /// Lowest rate of successful requests, per second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_throughput_rps: Option<f64>,
    /// Highest price of the whole system at the end, USD per hour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_cost_per_hour: Option<f64>,
    /// Most acknowledged writes lost in failovers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_lost_writes: Option<u64>,
    /// Most requests whose user was logged out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_logged_out: Option<u64>,
    /// Most static-file requests a CDN edge answered with an old copy after a deploy (stale files), counted over
    /// the whole run. Older files have no such limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_stale_files: Option<u64>,
    /// Longest a background job may take, s: the 99th percentile of the time from publishing a job to a worker
    /// finishing it (over the whole run), or the age of the oldest job still waiting at the end when that is
    /// larger — a backlog that never drains cannot hide. Older files have no such limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_job_delay_s: Option<f64>,
    /// Longest any of the scenario's service level objectives may be in breach, s, over the whole run (the
    /// summary's `breach_s`): a challenge written as SLOs. Without SLOs nothing is ever in breach. Older files have
    /// no such limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_slo_breach_s: Option<f64>,
    /// Failures the grader injects (the design must survive them), on top of the scenario's own timeline.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<FaultEvent>,
}

impl Challenge {
    /// Every problem with the challenge's fields for a run of `duration_s`: a limit out of its range (see
    /// [`LIMITS`]), or measuring that starts at or after the end of the run.
    #[must_use]
    pub fn issues(&self, duration_s: f64) -> Vec<Issue> {
        let values = [
            Some(self.measure_from_s),
            self.max_error_ratio,
            self.max_latency_ms_p99,
            self.min_throughput_rps,
            self.max_cost_per_hour,
            self.max_job_delay_s,
            self.max_slo_breach_s,
        ];
        let mut issues: Vec<Issue> = LIMITS
            .iter()
            .zip(values)
            .filter_map(|(spec, v)| spec.check(v?).err())
            .map(|e| Issue {
                node: None,
                kind: IssueKind::Challenge(e),
            })
            .collect();
        if self.measure_from_s.is_finite() && self.measure_from_s >= duration_s {
            issues.push(Issue {
                node: None,
                kind: IssueKind::ChallengeMeasuresNothing {
                    from_s: self.measure_from_s,
                    duration_s,
                },
            });
        }
        issues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_from_before_the_stale_file_and_job_delay_limits_still_load() {
        let old = r#"{"goal":"Lose Web 1","measure_from_s":10.0,"max_error_ratio":0.005}"#;
        let c: Challenge = serde_json::from_str(old).expect("old challenge loads");
        assert_eq!(c.max_stale_files, None);
        assert_eq!(c.max_job_delay_s, None);
        let back = serde_json::to_string(&c).expect("json");
        assert!(
            !back.contains("max_stale_files") && !back.contains("max_job_delay_s"),
            "{back}"
        );
        let new = Challenge {
            max_stale_files: Some(0),
            max_job_delay_s: Some(30.0),
            ..c
        };
        let again: Challenge =
            serde_json::from_str(&serde_json::to_string(&new).expect("json")).expect("loads");
        assert_eq!(again, new);
    }

    #[test]
    fn limits_are_checked_like_settings() {
        let c = Challenge {
            measure_from_s: 500.0,
            max_error_ratio: Some(1.5),
            max_latency_ms_p99: Some(-1.0),
            ..Challenge::default()
        };
        let said: Vec<String> = c.issues(120.0).iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "Challenge: Most failed requests (share) must be from 0 to 1 (got 1.5)",
                "Challenge: Highest p99 latency must be from 0 ms to 3600000 ms (got -1 ms)",
                "Challenge: measuring starts at 500 s but the run ends at 120 s, so nothing would be measured; \
                 start measuring before the end",
            ]
        );
        assert!(Challenge::default().issues(120.0).is_empty());
    }
}
