//! Service level objectives of a scenario: "99.9 % of requests succeed and the p99 stays under 300 ms, over any
//! rolling minute". Only the document's side lives here (the fields, their ranges and the issues of a file that
//! breaks them); the engine evaluates them when a metrics window closes (`metrics::slo`), never here.

use crate::model::field::FieldSpec;
use crate::model::{Issue, IssueKind, RangeError};
use serde::{Deserialize, Serialize};

/// Most SLOs a scenario may state (each keeps a rolling histogram in the run).
pub const MAX_SLOS: usize = 8;

/// Range of `slo_availability_min`: a share of answered requests, 0.5–0.99999 (five nines is what a run of a
/// few minutes can still tell apart).
pub const AVAILABILITY_MIN: FieldSpec = FieldSpec {
    name: "slo_availability_min",
    label: "SLO availability",
    unit: "",
    min: 0.5,
    max: 0.999_99,
    integer: false,
};

/// Range of `slo_latency_ms_p99_max`: 0.1 ms to an hour.
pub const LATENCY_MS_P99_MAX: FieldSpec = FieldSpec {
    name: "slo_latency_ms_p99_max",
    label: "SLO p99 latency",
    unit: "ms",
    min: 0.1,
    max: 3_600_000.0,
    integer: false,
};

/// Range of `slo_window_s`: 10 s to an hour, whole seconds (a whole number of the engine's 1 s windows; the
/// window ring keeps an hour).
pub const WINDOW_S: FieldSpec = FieldSpec {
    name: "slo_window_s",
    label: "SLO window",
    unit: "s",
    min: 10.0,
    max: 3_600.0,
    integer: true,
};

/// Range of the number of objectives an SLO states (1–2): one with neither would never raise an alert.
pub const OBJECTIVES: FieldSpec = FieldSpec {
    name: "slo_objectives",
    label: "Objectives in an SLO (availability, p99 latency)",
    unit: "",
    min: 1.0,
    max: 2.0,
    integer: true,
};

/// Range of the number of SLOs (0 to [`MAX_SLOS`]).
#[allow(clippy::cast_precision_loss)] // a small count
pub const COUNT: FieldSpec = FieldSpec {
    name: "slos",
    label: "Service level objectives",
    unit: "",
    min: 0.0,
    max: MAX_SLOS as f64,
    integer: true,
};

/// One service level objective, judged over a rolling window of the last `window_s` closed 1 s metrics windows.
/// It is breached while either stated objective fails; it must state at least one (see [`OBJECTIVES`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slo {
    /// Lowest share of answered requests answered successfully, 0–1 (0.999 = "three nines"); see
    /// [`AVAILABILITY_MIN`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability_min: Option<f64>,
    /// Highest 99th-percentile end-to-end latency of successful requests, ms; see [`LATENCY_MS_P99_MAX`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms_p99_max: Option<f64>,
    /// Length of the rolling window, s: a whole number from 10 to 3 600 (see [`WINDOW_S`]).
    #[serde(default = "default_window_s")]
    pub window_s: u32,
}

fn default_window_s() -> u32 {
    60
}

impl Default for Slo {
    fn default() -> Self {
        Slo {
            availability_min: None,
            latency_ms_p99_max: None,
            window_s: default_window_s(),
        }
    }
}

/// The longest window, s, and the bytes a run of `slos` holds for them (`None` without SLOs): one ring of the longest window's 1 s windows, each
/// kept as its non-empty latency buckets (counted as 256 pairs of 16 B: latencies fill a few hundred of the
/// 1,248), and a rolling histogram (1,248 counters of 8 B) per SLO. An hour-long window: about 15 MB.
#[must_use]
pub fn memory_bytes(slos: &[Slo]) -> Option<(f64, u64)> {
    let longest = slos.iter().map(|s| s.window_s).max()?;
    let bytes = u64::from(longest) * (256 * 16 + 48) + slos.len() as u64 * 1_248 * 8;
    Some((f64::from(longest), bytes))
}

/// The first reason one SLO is refused by an edit, checked in the order availability, p99 latency, window,
/// objectives stated (see [`OBJECTIVES`]); `Ok` when every field is in its range.
///
/// # Errors
/// The field's [`RangeError`] (its spec and the refused value).
pub fn check(slo: &Slo) -> Result<(), RangeError> {
    [
        (AVAILABILITY_MIN, slo.availability_min),
        (LATENCY_MS_P99_MAX, slo.latency_ms_p99_max),
        (WINDOW_S, Some(f64::from(slo.window_s))),
    ]
    .into_iter()
    .try_for_each(|(spec, v)| v.map_or(Ok(()), |v| spec.check(v)))?;
    #[allow(clippy::cast_precision_loss)] // 0–2
    let stated = [slo.availability_min, slo.latency_ms_p99_max]
        .iter()
        .flatten()
        .count() as f64;
    OBJECTIVES.check(stated)
}

/// Every problem with a scenario's SLOs: more than [`MAX_SLOS`], an SLO without an objective, or a field out of
/// its range; each as an
/// [`IssueKind::Scenario`] range error (the scenario as a whole, no node).
#[must_use]
pub fn issues(slos: &[Slo]) -> Vec<Issue> {
    #[allow(clippy::cast_precision_loss)] // a count checked against a small range
    let mut errors: Vec<_> = COUNT.check(slos.len() as f64).err().into_iter().collect();
    for s in slos {
        let objectives = [s.availability_min, s.latency_ms_p99_max];
        #[allow(clippy::cast_precision_loss)] // 0–2
        let stated = objectives.iter().flatten().count() as f64;
        errors.extend(OBJECTIVES.check(stated).err());
        errors.extend(
            [
                (AVAILABILITY_MIN, s.availability_min),
                (LATENCY_MS_P99_MAX, s.latency_ms_p99_max),
                (WINDOW_S, Some(f64::from(s.window_s))),
            ]
            .into_iter()
            .filter_map(|(spec, v)| spec.check(v?).err()),
        );
    }
    errors
        .into_iter()
        .map(|e| Issue {
            node: None,
            kind: IssueKind::Scenario(e),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_count_are_checked_and_a_good_slo_has_no_issue() {
        let good = Slo {
            availability_min: Some(0.999),
            latency_ms_p99_max: Some(300.0),
            window_s: 60,
        };
        assert!(issues(std::slice::from_ref(&good)).is_empty());
        let bad = Slo {
            availability_min: Some(1.0),
            latency_ms_p99_max: Some(f64::NAN),
            window_s: 5,
        };
        let names: Vec<&str> = issues(&[bad])
            .iter()
            .map(|i| match &i.kind {
                IssueKind::Scenario(e) => e.field.name,
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(
            names,
            [
                "slo_availability_min",
                "slo_latency_ms_p99_max",
                "slo_window_s"
            ]
        );
        let many = vec![good; MAX_SLOS + 1];
        assert_eq!(issues(&many).len(), 1);
        let none = issues(&[Slo::default()]);
        assert_eq!(none.len(), 1);
        assert_eq!(
            none[0].to_string(),
            "Objectives in an SLO (availability, p99 latency) must be from 1 to 2 (got 0)"
        );
        let hour = Slo {
            window_s: 3_600,
            ..Slo::default()
        };
        let (longest, bytes) = memory_bytes(&[hour, Slo::default()]).expect("two SLOs");
        assert_eq!((longest, bytes), (3_600.0, 3_600 * 4_144 + 2 * 9_984));
        assert_eq!(memory_bytes(&[]), None);
    }

    #[test]
    fn check_refuses_the_first_field_out_of_range_then_an_slo_without_objective() {
        let ok = Slo {
            latency_ms_p99_max: Some(250.0),
            window_s: 10,
            ..Slo::default()
        };
        assert_eq!(check(&ok), Ok(()));
        let wide = Slo {
            window_s: 3_601,
            ..ok.clone()
        };
        assert_eq!(check(&wide).map_err(|e| e.field.name), Err("slo_window_s"));
        let tight = Slo {
            availability_min: Some(0.999_999),
            ..wide
        };
        assert_eq!(
            check(&tight).map_err(|e| (e.field.name, e.value)),
            Err(("slo_availability_min", 0.999_999))
        );
        assert_eq!(
            check(&Slo::default()).map_err(|e| (e.field.name, e.value)),
            Err(("slo_objectives", 0.0))
        );
    }

    #[test]
    fn an_slo_reads_with_the_default_window_and_writes_only_what_is_set() {
        let s: Slo = serde_json::from_str(r#"{"availability_min":0.99}"#).expect("loads");
        assert_eq!(s.window_s, 60);
        assert_eq!(
            serde_json::to_string(&s).expect("json"),
            r#"{"availability_min":0.99,"window_s":60}"#
        );
    }
}
