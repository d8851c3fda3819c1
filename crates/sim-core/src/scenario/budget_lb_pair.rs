//! The budget's share for a load balancer pair (see `budget.rs` and `engine/lb_pair.rs`): events only, since the
//! pair's state is a few words in its node. Each Kill of a pair plans one takeover; with random failures the
//! second machine adds its own failures and repairs, and each failure of the active machine a takeover.

use super::Scenario;
use super::failures;
use crate::model::{ComponentConfig, FieldSpec, field};
use crate::scenario::FaultAction;

/// `(node, setting, its value, events)` for every load balancer with a standby in `s`, over a run of `d` s.
pub(super) fn costs(s: &Scenario, d: f64) -> Vec<(crate::NodeId, FieldSpec, f64, u64)> {
    s.nodes
        .iter()
        .filter_map(|n| match &n.config {
            ComponentConfig::LoadBalancer(lb) if lb.standby => Some((n, lb.takeover_s)),
            _ => None,
        })
        .map(|(n, takeover_s)| {
            let kills = s
                .faults
                .iter()
                .filter(|f| f.node == n.id && f.action == FaultAction::Kill)
                .count() as u64;
            // The second machine's failure and repair per cycle, and at most a takeover per failure of either.
            let random =
                failures::of(s.random_failures.as_ref(), n).map_or(0, |(mtbf_s, mttr_s)| {
                    super::budget::whole(d / (mtbf_s + mttr_s) + 1.0).saturating_mul(4)
                });
            (
                n.id,
                field::TAKEOVER,
                takeover_s,
                kills.saturating_add(random),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::scenario::{Edit, RandomFailures, presets};

    #[test]
    fn a_pair_costs_its_second_machine_s_cycles_and_takeovers() {
        let mut s = presets::get("three_tier").expect("preset");
        assert!(super::costs(&s, 600.0).is_empty(), "no standby, no cost");
        let lb = s
            .nodes
            .iter()
            .find(|n| n.label == "Load balancer")
            .expect("lb")
            .id;
        s.apply(Edit::SetChoice {
            node: lb,
            field: "standby".to_owned(),
            option: "yes".to_owned(),
        })
        .expect("standby");
        s.apply(Edit::SetRandomFailures(Some(RandomFailures {
            mtbf_s: 50.0,
            mttr_s: 10.0,
        })))
        .expect("switch");
        let c = super::costs(&s, 600.0);
        // 600 / 60 + 1 = 11 cycles, 4 events each.
        assert_eq!(c, [(lb, crate::model::field::TAKEOVER, 3.0, 44)]);
        let d = s.duration_s;
        let charged = s
            .estimate()
            .costs
            .iter()
            .find(|c| c.node == Some(lb) && c.setting == crate::model::field::TAKEOVER)
            .map(|c| c.events);
        assert_eq!(
            charged,
            Some(4 * crate::scenario::budget::whole(d / 60.0 + 1.0)),
            "the estimate charges them"
        );
    }
}
