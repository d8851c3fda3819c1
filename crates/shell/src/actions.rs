//! What a learner can do *to* a node during a run — kill it, bring it back, slow it down, and its tier's own faults (flush a
//! cache, purge or deploy a CDN, add or remove a shard, take its data center down) — as one list, the words of its
//! buttons, and when each can be pressed. Which action applies to which kind is the core's rule
//! ([`FaultAction::applies_to`]); the app draws the list wherever a node is at hand.

use sim_core::ComponentKind;
use sim_core::metrics::Health;
use sim_core::scenario::FaultAction;

/// One action on a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeAction {
    /// The fault it injects.
    pub action: FaultAction,
    /// `data-testid` of its button.
    pub testid: &'static str,
    /// Button text.
    pub label: &'static str,
    /// Tooltip: what it does.
    pub title: &'static str,
}

/// The words of `action` on a node of `kind` (a CDN's flush is a purge).
#[must_use]
pub fn describe(action: FaultAction, kind: ComponentKind) -> NodeAction {
    let (testid, label, title) = match action {
        FaultAction::Kill => (
            "kill",
            "Kill",
            "Stop this node now, as if its machine crashed",
        ),
        FaultAction::Restore => ("restore", "Restore", "Start this node again"),
        FaultAction::SlowDown => (
            "slow-down",
            "Slow down",
            "Serve 10× slower while still passing health checks (a gray failure)",
        ),
        FaultAction::SpeedUp => ("speed-up", "Speed up", "Serve at normal speed again"),
        FaultAction::Flush if kind == ComponentKind::Cdn => (
            "flush",
            "Purge",
            "Purge every edge: each file is fetched from the origin again",
        ),
        FaultAction::Flush => (
            "flush",
            "Flush",
            "Drop every cached entry: the next reads all miss",
        ),
        FaultAction::Deploy => (
            "deploy",
            "Deploy new files",
            "Release new versions of the static files at the origin",
        ),
        FaultAction::AddShard => (
            "add-shard",
            "Add shard",
            "Start using the next connected database; moved keys are copied",
        ),
        FaultAction::RemoveShard => (
            "remove-shard",
            "Remove shard",
            "Stop using the last shard; its keys move to the others",
        ),
        FaultAction::DoubleShards => (
            "double-shards",
            "Double the shards",
            "Start using as many more connected databases as there are shards in use; keys that move are copied once",
        ),
        FaultAction::RegionOutage => (
            "region-outage",
            "Data center outage",
            "Take down every server in this node's data center",
        ),
        FaultAction::RegionRestore => (
            "region-restore",
            "Data center back",
            "Bring this data center back",
        ),
        FaultAction::FlashCrowd => (
            "flash-crowd",
            "Flash crowd",
            "A crowd arrives now: 4× these users' rate for over a minute",
        ),
    };
    NodeAction {
        action,
        testid,
        label,
        title,
    }
}

/// Every action that makes sense for a node of `kind`, in [`FaultAction::ALL`] order: Kill and Restore first,
/// then the tier's own, then the data-center outage for nodes that run in one.
#[must_use]
pub fn for_kind(kind: ComponentKind) -> Vec<NodeAction> {
    FaultAction::ALL
        .into_iter()
        .filter(|a| a.applies_to(kind))
        .map(|a| describe(a, kind))
        .collect()
}

/// Whether `action` can be pressed now for a node in `health` (`None` before a run): Kill and slowing down or
/// speeding up need a running node, Restore a dead one; the rest need no particular state.
#[must_use]
pub fn enabled(action: FaultAction, health: Option<Health>) -> bool {
    let down = matches!(health, Some(Health::Down | Health::DownUndetected));
    match action {
        FaultAction::Kill | FaultAction::SlowDown | FaultAction::SpeedUp => !down,
        FaultAction::Restore => down,
        FaultAction::Flush
        | FaultAction::Deploy
        | FaultAction::AddShard
        | FaultAction::RemoveShard
        | FaultAction::DoubleShards
        | FaultAction::RegionOutage
        | FaultAction::RegionRestore
        | FaultAction::FlashCrowd => true,
    }
}

/// What the K key does to a node in `health`: kill it, or restore it when it is down.
#[must_use]
pub fn kill_or_restore(health: Option<Health>) -> FaultAction {
    if enabled(FaultAction::Kill, health) {
        FaultAction::Kill
    } else {
        FaultAction::Restore
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_can_be_killed_and_tiers_have_their_own_faults() {
        for kind in ComponentKind::ALL {
            let acts = for_kind(kind);
            assert_eq!(acts[0].action, FaultAction::Kill, "{kind:?}");
            assert_eq!(acts[1].action, FaultAction::Restore, "{kind:?}");
        }
        let has = |k, f| for_kind(k).iter().any(|a| a.action == f);
        assert!(has(ComponentKind::Cache, FaultAction::Flush));
        assert!(has(ComponentKind::Cdn, FaultAction::Deploy));
        assert!(has(ComponentKind::ShardRouter, FaultAction::AddShard));
        assert!(has(ComponentKind::WebServer, FaultAction::RegionOutage));
        assert!(has(ComponentKind::Client, FaultAction::FlashCrowd));
        assert!(
            !has(ComponentKind::Dns, FaultAction::RegionOutage),
            "DNS is global"
        );
        assert!(!has(ComponentKind::WebServer, FaultAction::Flush));
    }

    #[test]
    fn the_rows_read_as_before() {
        let cdn: Vec<_> = for_kind(ComponentKind::Cdn)
            .iter()
            .map(|a| a.label)
            .collect();
        assert_eq!(cdn, ["Kill", "Restore", "Purge", "Deploy new files"]);
        let router: Vec<_> = for_kind(ComponentKind::ShardRouter)
            .iter()
            .map(|a| a.testid)
            .collect();
        assert_eq!(
            router,
            [
                "kill",
                "restore",
                "add-shard",
                "remove-shard",
                "double-shards",
                "region-outage",
                "region-restore"
            ]
        );
    }

    #[test]
    fn kill_needs_a_live_node_and_restore_a_dead_one() {
        assert!(enabled(FaultAction::Kill, None));
        assert!(enabled(FaultAction::Kill, Some(Health::Recovering)));
        assert!(!enabled(FaultAction::Kill, Some(Health::Down)));
        assert!(!enabled(FaultAction::Restore, Some(Health::Healthy)));
        assert!(enabled(FaultAction::Restore, Some(Health::DownUndetected)));
        assert!(enabled(FaultAction::Flush, None));
        assert_eq!(kill_or_restore(Some(Health::Down)), FaultAction::Restore);
        assert_eq!(kill_or_restore(None), FaultAction::Kill);
    }
}
