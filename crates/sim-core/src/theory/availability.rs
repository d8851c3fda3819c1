//! Availability beside the measurement: a node that fails at random (its own MTBF, or the scenario's random
//! failures) is a two-state Markov chain, up → down at rate λ = 1/MTBF and down → up at rate μ = 1/MTTR, started
//! up. Its chance of being up at time t is a + (1 − a)·e^{−(λ+μ)t} with a = μ/(λ+μ) = MTBF/(MTBF + MTTR), so the
//! expected share of `[0, T]` it is up is
//!
//! ```text
//! E[up share] = a + (1 − a)·(1 − e^{−(λ+μ)T}) / ((λ+μ)T)
//! ```
//!
//! which tends to the long-run a (Barlow & Proschan, *Statistical Theory of Reliability and Life Testing*, 1975,
//! ch. 7; the two-state chain: Trivedi, *Probability and Statistics with Reliability, Queuing and Computer
//! Science Applications*, 2nd ed., 2002, §8.4). A short run sees a few failures, so one run's share varies
//! widely around it; the standard deviation of the long-run share over T is about √(2a(1 − a)/((λ+μ)T)).

use super::report::{Broken, Outcome, Quantity, TheoryCheck};
use crate::engine::Simulation;
use crate::id::NodeIx;

const TWO_STATE: &str = "a + (1 − a)(1 − e^{−(λ+μ)T})/((λ+μ)T), a = MTBF/(MTBF + MTTR): a two-state Markov chain \
     started up (Barlow & Proschan 1975 ch. 7)";

/// The expected share of `[0, t_s]` a node is up when it fails after exponential up times of mean `mtbf_s` and is
/// repaired after exponential times of mean `mttr_s`, starting up (see the module's formula). 1 at `t_s` = 0;
/// tends to MTBF/(MTBF + MTTR) as `t_s` grows. Inputs in seconds, all > 0.
#[must_use]
pub fn expected_up_share(mtbf_s: f64, mttr_s: f64, t_s: f64) -> f64 {
    let a = mtbf_s / (mtbf_s + mttr_s);
    let x = (1.0 / mtbf_s + 1.0 / mttr_s) * t_s;
    if x <= 0.0 {
        return 1.0;
    }
    // (1 − e^{−x})/x without cancellation for small x.
    a + (1.0 - a) * (-(-x).exp_m1()) / x
}

const PAIR: &str = "1 − (1 − a)² − a²(1 − e^{−T/MTBF}): an active/passive pair, down while both machines are and for \
     the takeover time T after the active one fails (long run; Trivedi 2002 §8.4)";

/// The long-run share of time a load balancer pair (`engine/lb_pair.rs`) serves when each of its two machines
/// fails after exponential up times of mean `mtbf_s` and is repaired after a mean of `mttr_s`, and the standby
/// takes the address over `takeover_s` after the active machine fails: 1 − (1 − a)² − a²(1 − e^{−T/MTBF}). Both
/// machines are down (1 − a)² of the time; the active one fails while the other runs at rate a²/MTBF, and each
/// such failure costs T unless the other fails first (mean (1 − e^{−T/MTBF})·MTBF). Inputs in seconds, MTBF and
/// MTTR > 0.
#[must_use]
pub fn pair_up_share(mtbf_s: f64, mttr_s: f64, takeover_s: f64) -> f64 {
    let a = mtbf_s / (mtbf_s + mttr_s);
    1.0 - (1.0 - a).powi(2) + a * a * (-takeover_s / mtbf_s).exp_m1()
}

impl Simulation {
    /// The availability row of node `ix` when it fails at random: its share of the run up against
    /// [`expected_up_share`]; broken when a fault of the timeline (a kill, an outage) also took nodes down.
    pub(super) fn availability_checks(&self, ix: NodeIx, out: &mut Vec<TheoryCheck>) {
        let node = &self.nodes[ix];
        let Some(f) = &node.failures else { return };
        let measured = node.availability(self.now);
        let (mtbf_s, mttr_s) = (f.mtbf_us / 1e6, f.mttr_us / 1e6);
        let pair = match &node.role {
            crate::engine::Role::Lb(lb) => lb.pair.as_ref().map(|p| p.takeover.as_ms_f64() / 1e3),
            _ => None,
        };
        let predicted = if self.faulted() {
            Err(Broken::Faults)
        } else if let Some(takeover_s) = pair {
            Ok(pair_up_share(mtbf_s, mttr_s, takeover_s))
        } else {
            Ok(expected_up_share(mtbf_s, mttr_s, self.now.as_secs_f64()))
        };
        out.push(TheoryCheck {
            quantity: Quantity::Availability,
            formula: if pair.is_some() { PAIR } else { TWO_STATE },
            measured,
            outcome: Outcome::of(measured, predicted),
            may_differ: "a run sees few failures: one run's share varies by about √(2a(1 − a)/((λ+μ)T)) around it",
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{expected_up_share, pair_up_share};

    #[test]
    fn a_pair_is_down_while_both_machines_are_and_for_its_takeovers() {
        // a = 0.8: both down 0.04; takeovers 0.64 × (1 − e^{−2/20}) = 0.0609.
        let up = pair_up_share(20.0, 5.0, 2.0);
        assert!((up - 0.8991).abs() < 1e-4, "{up}");
        // An instant takeover is the parallel pair 1 − (1 − a)².
        assert!((pair_up_share(20.0, 5.0, 0.0) - 0.96).abs() < 1e-12);
    }

    #[test]
    fn the_expected_share_starts_at_one_and_tends_to_mtbf_over_mtbf_plus_mttr() {
        assert_eq!(expected_up_share(600.0, 60.0, 0.0), 1.0);
        // Hand-computed: λ + μ = 1/600 + 1/60 = 0.018 33 /s; at T = 120 s, (1 − e^{−2.2})/2.2 = 0.4047, so
        // 0.9091 + 0.0909 × 0.4047 = 0.9459.
        let at_120 = expected_up_share(600.0, 60.0, 120.0);
        assert!((at_120 - 0.9459).abs() < 1e-4, "{at_120}");
        let long = expected_up_share(600.0, 60.0, 1e9);
        assert!((long - 600.0 / 660.0).abs() < 1e-6, "{long}");
        // Tiny T: no cancellation (the share stays within [a, 1] and close to 1).
        let tiny = expected_up_share(600.0, 60.0, 1e-9);
        assert!(tiny <= 1.0 && tiny > 0.999_999, "{tiny}");
    }
}
