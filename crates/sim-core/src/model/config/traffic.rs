//! A client's traffic shape as inspector rows: the choice `traffic` (which shape) and, for the chosen shape only,
//! its parameters as numbers named `traffic_…` with their units last. Choosing a shape fills its sensible
//! defaults. A scripted profile (`piecewise`) is offered only when the file carries one: the inspector cannot edit
//! its points, so it can keep one but not create one. The shape itself (its meaning, its checks) is
//! `model::traffic_shape`; this module only maps it onto the generic settings lists.

use super::ChoiceField;
use super::table::ExtraRows;
use crate::model::field::FieldSpec;
use crate::model::traffic_shape::{MULTIPLE_MAX, TIME_MAX_S, TrafficShape};

/// `(id, label)` of the shapes the inspector can create.
const OPTIONS: &[(&str, &str)] = &[
    ("constant", "Constant"),
    ("ramp", "Linear ramp"),
    ("flash_crowd", "Flash crowd"),
    ("daily_cycle", "Daily cycle"),
];

/// [`OPTIONS`] and the scripted profile, listed while the client carries one.
const OPTIONS_WITH_PROFILE: &[(&str, &str)] = &[
    ("constant", "Constant"),
    ("ramp", "Linear ramp"),
    ("flash_crowd", "Flash crowd"),
    ("daily_cycle", "Daily cycle"),
    ("piecewise", "Scripted profile (from the file)"),
];

const fn spec(
    name: &'static str,
    label: &'static str,
    unit: &'static str,
    min: f64,
    max: f64,
) -> FieldSpec {
    FieldSpec {
        name,
        label,
        unit,
        min,
        max,
        integer: false,
    }
}

/// Range of a ramp's `to_multiple`.
pub const RAMP_TO: FieldSpec = spec(
    "traffic_ramp_to_multiple",
    "Ramp to (multiple of the base rate)",
    "×",
    0.0,
    MULTIPLE_MAX,
);
/// Range of a ramp's `start_s`.
pub const RAMP_START: FieldSpec = spec(
    "traffic_ramp_start_s",
    "Ramp starts at",
    "s",
    0.0,
    TIME_MAX_S,
);
/// Range of a ramp's `over_s`.
pub const RAMP_OVER: FieldSpec = spec("traffic_ramp_over_s", "Ramp lasts", "s", 0.0, TIME_MAX_S);
/// Range of a flash crowd's `multiple`.
pub const CROWD_MULTIPLE: FieldSpec = spec(
    "traffic_crowd_multiple",
    "Crowd peak (multiple of the base rate)",
    "×",
    0.0,
    MULTIPLE_MAX,
);
/// Range of a flash crowd's `start_s`.
pub const CROWD_START: FieldSpec = spec(
    "traffic_crowd_start_s",
    "Crowd arrives at",
    "s",
    0.0,
    TIME_MAX_S,
);
/// Range of a flash crowd's `rise_s`.
pub const CROWD_RISE: FieldSpec = spec(
    "traffic_crowd_rise_s",
    "Crowd builds up (and leaves) over",
    "s",
    0.0,
    TIME_MAX_S,
);
/// Range of a flash crowd's `duration_s`.
pub const CROWD_DURATION: FieldSpec = spec(
    "traffic_crowd_duration_s",
    "Crowd stays at its peak for",
    "s",
    0.0,
    TIME_MAX_S,
);
/// Range of a daily cycle's `peak_to_trough`.
pub const CYCLE_RATIO: FieldSpec = spec(
    "traffic_peak_to_trough",
    "Busiest rate ÷ quietest rate",
    "×",
    1.0,
    MULTIPLE_MAX,
);
/// Range of a daily cycle's `period_s`.
pub const CYCLE_PERIOD: FieldSpec = spec("traffic_day_s", "One day lasts", "s", 1.0, TIME_MAX_S);

/// The shape `id` with its defaults (a flash crowd ×5 at 60 s, building up over 5 s, 30 s at its peak; a ramp
/// to ×2 from 30 s over 60 s; a day of 120 s with a busiest hour 3× the quietest).
fn with_defaults(id: &str) -> Option<TrafficShape> {
    Some(match id {
        "constant" => TrafficShape::Constant,
        "ramp" => TrafficShape::Ramp {
            to_multiple: 2.0,
            start_s: 30.0,
            over_s: 60.0,
        },
        "flash_crowd" => TrafficShape::FlashCrowd {
            multiple: 5.0,
            start_s: 60.0,
            rise_s: 5.0,
            duration_s: 30.0,
        },
        "daily_cycle" => TrafficShape::DailyCycle {
            peak_to_trough: 3.0,
            period_s: 120.0,
        },
        _ => return None,
    })
}

fn id(shape: &TrafficShape) -> &'static str {
    match shape {
        TrafficShape::Constant => "constant",
        TrafficShape::Ramp { .. } => "ramp",
        TrafficShape::FlashCrowd { .. } => "flash_crowd",
        TrafficShape::DailyCycle { .. } => "daily_cycle",
        TrafficShape::Piecewise { .. } => "piecewise",
    }
}

impl ExtraRows for TrafficShape {
    fn numbers(&self) -> Vec<(FieldSpec, f64)> {
        match *self {
            TrafficShape::Constant | TrafficShape::Piecewise { .. } => Vec::new(),
            TrafficShape::Ramp {
                to_multiple,
                start_s,
                over_s,
            } => vec![
                (RAMP_TO, to_multiple),
                (RAMP_START, start_s),
                (RAMP_OVER, over_s),
            ],
            TrafficShape::FlashCrowd {
                multiple,
                start_s,
                rise_s,
                duration_s,
            } => vec![
                (CROWD_MULTIPLE, multiple),
                (CROWD_START, start_s),
                (CROWD_RISE, rise_s),
                (CROWD_DURATION, duration_s),
            ],
            TrafficShape::DailyCycle {
                peak_to_trough,
                period_s,
            } => vec![(CYCLE_RATIO, peak_to_trough), (CYCLE_PERIOD, period_s)],
        }
    }

    fn assign_number(&mut self, name: &str, value: f64) -> bool {
        let slot = match (self, name) {
            (TrafficShape::Ramp { to_multiple: v, .. }, "traffic_ramp_to_multiple")
            | (TrafficShape::Ramp { start_s: v, .. }, "traffic_ramp_start_s")
            | (TrafficShape::Ramp { over_s: v, .. }, "traffic_ramp_over_s")
            | (TrafficShape::FlashCrowd { multiple: v, .. }, "traffic_crowd_multiple")
            | (TrafficShape::FlashCrowd { start_s: v, .. }, "traffic_crowd_start_s")
            | (TrafficShape::FlashCrowd { rise_s: v, .. }, "traffic_crowd_rise_s")
            | (TrafficShape::FlashCrowd { duration_s: v, .. }, "traffic_crowd_duration_s")
            | (
                TrafficShape::DailyCycle {
                    peak_to_trough: v, ..
                },
                "traffic_peak_to_trough",
            )
            | (TrafficShape::DailyCycle { period_s: v, .. }, "traffic_day_s") => v,
            _ => return false,
        };
        *slot = value;
        true
    }

    fn choices(&self) -> Vec<ChoiceField> {
        let options = if matches!(self, TrafficShape::Piecewise { .. }) {
            OPTIONS_WITH_PROFILE
        } else {
            OPTIONS
        };
        vec![ChoiceField {
            name: "traffic",
            label: "Traffic over time",
            options,
            current: id(self),
        }]
    }

    fn assign_choice(&mut self, name: &str, id: &str) -> Option<()> {
        if name != "traffic" {
            return None;
        }
        if id == "piecewise" {
            // Only a profile the file brought can be kept; the inspector has no way to make one.
            return matches!(self, TrafficShape::Piecewise { .. }).then_some(());
        }
        if self::id(self) != id {
            *self = with_defaults(id)?;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{ComponentConfig, ComponentKind, TrafficShape};

    fn client(shape: TrafficShape) -> ComponentConfig {
        let ComponentConfig::Client(mut c) = ComponentConfig::default_for(ComponentKind::Client)
        else {
            unreachable!("a client's default is a client");
        };
        c.traffic = shape;
        ComponentConfig::Client(c)
    }

    fn names(cfg: &ComponentConfig) -> Vec<&'static str> {
        cfg.numbers()
            .into_iter()
            .map(|(s, _)| s.name)
            .filter(|n| n.starts_with("traffic_"))
            .collect()
    }

    #[test]
    fn only_the_chosen_shapes_parameters_are_listed() {
        let constant = client(TrafficShape::Constant);
        assert!(names(&constant).is_empty());
        let crowd = constant
            .with_choice("traffic", "flash_crowd")
            .expect("an option");
        assert_eq!(
            names(&crowd),
            [
                "traffic_crowd_multiple",
                "traffic_crowd_start_s",
                "traffic_crowd_rise_s",
                "traffic_crowd_duration_s"
            ]
        );
        let ComponentConfig::Client(c) = &crowd else {
            unreachable!()
        };
        assert_eq!(
            c.traffic,
            TrafficShape::FlashCrowd {
                multiple: 5.0,
                start_s: 60.0,
                rise_s: 5.0,
                duration_s: 30.0
            }
        );
        // Set one, read it back, and a parameter of another shape is refused.
        let later = crowd
            .with_number("traffic_crowd_start_s", 90.0)
            .expect("in range");
        assert!(later.numbers().contains(&(super::CROWD_START, 90.0)));
        assert!(crowd.with_number("traffic_day_s", 60.0).is_err());
        assert!(crowd.with_number("traffic_crowd_multiple", 101.0).is_err());
        // Choosing the same shape again keeps its parameters.
        assert_eq!(
            later.with_choice("traffic", "flash_crowd"),
            Some(later.clone())
        );
        for id in ["ramp", "daily_cycle", "constant"] {
            let cfg = later.with_choice("traffic", id).expect("an option");
            assert!(
                cfg.range_errors().is_empty(),
                "{id}'s defaults are in range"
            );
            for (spec, v) in cfg.numbers() {
                assert_eq!(
                    cfg.with_number(spec.name, v).as_ref(),
                    Ok(&cfg),
                    "{}",
                    spec.name
                );
            }
        }
    }

    #[test]
    fn a_profile_is_kept_but_never_created() {
        let constant = client(TrafficShape::Constant);
        let listed = |cfg: &ComponentConfig| {
            cfg.choices()
                .into_iter()
                .find(|c| c.name == "traffic")
                .expect("a traffic choice")
        };
        assert!(!listed(&constant).options.iter().any(|o| o.0 == "piecewise"));
        assert_eq!(constant.with_choice("traffic", "piecewise"), None);
        let profile = client(TrafficShape::Piecewise {
            points: vec![(0.0, 1.0), (10.0, 3.0)],
        });
        assert_eq!(listed(&profile).current, "piecewise");
        assert!(listed(&profile).options.iter().any(|o| o.0 == "piecewise"));
        assert_eq!(
            profile.with_choice("traffic", "piecewise"),
            Some(profile.clone())
        );
        assert!(names(&profile).is_empty());
    }
}
