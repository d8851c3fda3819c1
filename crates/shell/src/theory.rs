//! The words of the theory panel: each row of a node's [`NodeTheory`] as the strings the inspector shows
//! (prediction, measurement, deviation, and the one line on why they may differ or which assumption is broken),
//! and the one-line summary of a node the outline table shows.

use sim_core::theory::{NodeTheory, Outcome, Quantity, TheoryCheck};

/// One row, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TheoryRow {
    /// What is compared (the app names it in the page's language).
    pub quantity: Quantity,
    /// What is compared in English, e.g. `"P(wait)"`.
    pub label: &'static str,
    /// The formula and its source.
    pub formula: &'static str,
    /// The prediction, or `"—"` when an assumption is broken.
    pub predicted: String,
    /// The run's value.
    pub measured: String,
    /// The deviation (percentage points for shares, percent otherwise), or empty.
    pub deviation: String,
    /// Why the two may differ, or which assumption is broken (starting "Not applicable: ").
    pub note: String,
    /// Whether an assumption is broken.
    pub broken: bool,
}

/// `v` with a sign and one decimal, and no sign when it rounds to zero (`+1.2`, `-0.4`, `0.0`).
fn signed(v: f64) -> String {
    let s = format!("{v:+.1}");
    if s == "+0.0" || s == "-0.0" {
        "0.0".to_owned()
    } else {
        s
    }
}

fn deviation(q: Quantity, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Predicted {
            deviation,
            deviation_ratio,
            ..
        } => {
            if q.is_ratio() {
                format!("{} pts", signed(100.0 * deviation))
            } else {
                match deviation_ratio {
                    Some(r) => format!("{} %", signed(100.0 * r)),
                    None => format!("{deviation:+.2}"),
                }
            }
        }
        Outcome::Broken { .. } => String::new(),
    }
}

/// The row of `c` in words.
#[must_use]
pub fn row(c: &TheoryCheck) -> TheoryRow {
    let (predicted, note, broken) = match &c.outcome {
        Outcome::Predicted { predicted, .. } => (
            c.quantity.format(*predicted),
            c.may_differ.to_owned(),
            false,
        ),
        Outcome::Broken { why, .. } => ("—".to_owned(), format!("Not applicable: {why}"), true),
    };
    TheoryRow {
        quantity: c.quantity,
        label: c.quantity.label(),
        formula: c.formula,
        predicted,
        measured: c.quantity.format(c.measured),
        deviation: deviation(c.quantity, &c.outcome),
        note,
        broken,
    }
}

/// The node's rows in one line for the outline: `label measured (theory predicted)` per row with a prediction,
/// `label measured (no theory: why)` for the first broken one; empty when no formula covers the node.
#[must_use]
pub fn summary(t: &NodeTheory) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut said_broken = false;
    for c in &t.checks {
        let r = row(c);
        if r.broken {
            if !said_broken {
                said_broken = true;
                parts.push(format!(
                    "{} {} ({})",
                    r.label,
                    r.measured,
                    r.note.replacen("Not applicable: ", "no theory: ", 1)
                ));
            }
        } else {
            parts.push(format!(
                "{} {} (theory {})",
                r.label, r.measured, r.predicted
            ));
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim_core::scenario::presets;
    use sim_core::{SimTime, Simulation};

    #[test]
    fn rows_read_as_the_panel_shows_them() {
        let s = presets::get("three_tier").expect("preset");
        let mut sim = Simulation::new(&s).expect("valid");
        sim.step_until(SimTime(20_000_000), u64::MAX);
        let web = s.nodes.iter().find(|n| n.label == "Web 1").expect("web").id;
        let t = sim.node_theory(&s, web).expect("a node of the run");
        let rows: Vec<TheoryRow> = t.checks.iter().map(row).collect();
        let u = &rows[0];
        assert_eq!(u.label, "Utilization");
        assert!(
            u.predicted.ends_with(" %") && u.measured.ends_with(" %"),
            "{u:?}"
        );
        assert!(u.deviation.ends_with(" pts"), "{u:?}");
        assert!(!u.broken);
        let wait = rows.iter().find(|r| r.label == "P(wait)").expect("P(wait)");
        assert!(wait.broken && wait.predicted == "—" && wait.deviation.is_empty());
        assert!(
            wait.note.starts_with("Not applicable: round robin"),
            "{}",
            wait.note
        );
        let line = summary(&t);
        assert!(line.starts_with("Utilization "), "{line}");
        assert!(
            line.contains("(theory ")
                && line.contains("P(wait) ")
                && line.contains("no theory: round robin"),
            "{line}"
        );
        assert_eq!(line.matches("no theory").count(), 1, "{line}");
        let users = s
            .nodes
            .iter()
            .find(|n| n.label == "Users")
            .expect("client")
            .id;
        assert_eq!(summary(&sim.node_theory(&s, users).expect("node")), "");
    }
}
