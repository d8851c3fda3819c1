//! What a learner can do *to* a node during a run — kill it, bring it back, slow it down, and its tier's own faults (flush a
//! cache, purge or deploy a CDN, add or remove a shard, take its data center down or cut it off) — as one list, the words of its
//! buttons, and when each can be pressed. Which action applies to which kind is the core's rule
//! ([`FaultAction::applies_to`]); the app draws the list wherever a node is at hand.

use sim_core::ComponentKind;
use sim_core::metrics::{Health, NodeFrame, PairStatus};
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
        FaultAction::Partition => (
            "partition",
            "Cut off data center",
            "Cut the network between this node's data center and the others: requests, health checks and replication across it fail",
        ),
        FaultAction::Heal => (
            "heal",
            "Heal partition",
            "Reconnect this data center: the writes held for its replicas are shipped",
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

/// What the actions need to know of a node during a run: its health and whether a gray failure slowed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeState {
    /// Health as the frame has it.
    pub health: Health,
    /// Serving slower after a Slow down ([`NodeFrame::slowed`]).
    pub slowed: bool,
    /// A load balancer pair's state ([`NodeFrame::pair`]).
    pub pair: Option<PairStatus>,
}

impl NodeState {
    /// The state of the node `n` of a frame.
    #[must_use]
    pub fn of(n: &NodeFrame) -> Self {
        Self {
            health: n.health,
            slowed: n.slowed,
            pair: n.pair,
        }
    }

    /// A running node in `health` that is not slowed.
    #[must_use]
    pub fn healthy_as(health: Health) -> Self {
        Self {
            health,
            slowed: false,
            pair: None,
        }
    }
}

/// Whether `action` can be pressed now for a node in `state` (`None` before a run): Kill needs a running node,
/// Restore a dead one, Slow down a running node at full speed and Speed up a running slowed one; the rest need no
/// particular state. A load balancer pair with a machine down can be restored (both machines back) while it
/// serves, and killed (its other machine) while its standby takes over.
#[must_use]
pub fn enabled(action: FaultAction, state: Option<NodeState>) -> bool {
    let down = matches!(
        state.map(|s| s.health),
        Some(Health::Down | Health::DownUndetected)
    );
    let slowed = state.is_some_and(|s| s.slowed);
    let pair = state.and_then(|s| s.pair);
    match action {
        FaultAction::Kill => !down || pair == Some(PairStatus::TakingOver),
        FaultAction::Restore => {
            down || matches!(pair, Some(PairStatus::TakingOver | PairStatus::NoStandby))
        }
        FaultAction::SlowDown => !down && !slowed,
        FaultAction::SpeedUp => !down && slowed,
        FaultAction::Flush
        | FaultAction::Deploy
        | FaultAction::AddShard
        | FaultAction::RemoveShard
        | FaultAction::DoubleShards
        | FaultAction::RegionOutage
        | FaultAction::RegionRestore
        | FaultAction::Partition
        | FaultAction::Heal
        | FaultAction::FlashCrowd => true,
    }
}

/// What the K key does to a node in `state`: kill it, or restore it when it is down.
#[must_use]
pub fn kill_or_restore(state: Option<NodeState>) -> FaultAction {
    if enabled(FaultAction::Kill, state) {
        FaultAction::Kill
    } else {
        FaultAction::Restore
    }
}

/// The one of Slow down / Speed up a node in `state` offers: Speed up while it is slowed, else Slow down (disabled
/// while the node is down, see [`enabled`]).
#[must_use]
pub fn slow_or_speed(state: Option<NodeState>) -> FaultAction {
    if state.is_some_and(|s| s.slowed) {
        FaultAction::SpeedUp
    } else {
        FaultAction::SlowDown
    }
}

/// Whether the button of `action` is shown for a node in `state`: Slow down and Speed up are one toggle (only
/// [`slow_or_speed`] is shown), and so are Kill and Restore when `compact` (only the enabled one); the rest always.
#[must_use]
pub fn shown(action: FaultAction, state: Option<NodeState>, compact: bool) -> bool {
    match action {
        FaultAction::SlowDown | FaultAction::SpeedUp => action == slow_or_speed(state),
        FaultAction::Kill | FaultAction::Restore if compact => enabled(action, state),
        _ => true,
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
                "region-restore",
                "partition",
                "heal"
            ]
        );
    }

    #[test]
    fn kill_needs_a_live_node_and_restore_a_dead_one() {
        let h = |h| Some(NodeState::healthy_as(h));
        assert!(enabled(FaultAction::Kill, None));
        assert!(enabled(FaultAction::Kill, h(Health::Recovering)));
        assert!(!enabled(FaultAction::Kill, h(Health::Down)));
        assert!(!enabled(FaultAction::Restore, h(Health::Healthy)));
        assert!(enabled(FaultAction::Restore, h(Health::DownUndetected)));
        assert!(enabled(FaultAction::Flush, None));
        assert_eq!(kill_or_restore(h(Health::Down)), FaultAction::Restore);
        assert_eq!(kill_or_restore(None), FaultAction::Kill);
    }

    #[test]
    fn a_pair_missing_a_machine_can_be_restored_and_killed_while_taking_over() {
        let pair = |health, p| {
            Some(NodeState {
                health,
                slowed: false,
                pair: Some(p),
            })
        };
        let whole = pair(Health::Healthy, PairStatus::Ready);
        assert!(enabled(FaultAction::Kill, whole) && !enabled(FaultAction::Restore, whole));
        let serving = pair(Health::Healthy, PairStatus::NoStandby);
        assert!(enabled(FaultAction::Kill, serving) && enabled(FaultAction::Restore, serving));
        let taking_over = pair(Health::Down, PairStatus::TakingOver);
        assert!(
            enabled(FaultAction::Kill, taking_over) && enabled(FaultAction::Restore, taking_over)
        );
        let down = pair(Health::Down, PairStatus::Down);
        assert!(!enabled(FaultAction::Kill, down) && enabled(FaultAction::Restore, down));
    }

    #[test]
    fn slow_down_and_speed_up_are_one_toggle() {
        let up = Some(NodeState::healthy_as(Health::Healthy));
        let slowed = Some(NodeState {
            health: Health::Healthy,
            slowed: true,
            pair: None,
        });
        let slowed_dead = Some(NodeState {
            health: Health::Down,
            slowed: true,
            pair: None,
        });
        // Before a run and at full speed: only Slow down, and it can be pressed.
        for state in [None, up] {
            assert_eq!(slow_or_speed(state), FaultAction::SlowDown);
            assert!(enabled(FaultAction::SlowDown, state));
            assert!(!enabled(FaultAction::SpeedUp, state), "not slow: {state:?}");
            assert!(shown(FaultAction::SlowDown, state, false));
            assert!(!shown(FaultAction::SpeedUp, state, false));
        }
        // Slowed: only Speed up.
        assert_eq!(slow_or_speed(slowed), FaultAction::SpeedUp);
        assert!(enabled(FaultAction::SpeedUp, slowed));
        assert!(!enabled(FaultAction::SlowDown, slowed));
        assert!(shown(FaultAction::SpeedUp, slowed, true));
        assert!(!shown(FaultAction::SlowDown, slowed, true));
        // Down: Speed up is still the one shown, but waits for the node to run.
        assert!(shown(FaultAction::SpeedUp, slowed_dead, false));
        assert!(!enabled(FaultAction::SpeedUp, slowed_dead));
        // Kill and Restore: both in the full row, the applicable one in the compact bar.
        assert!(shown(FaultAction::Restore, up, false));
        assert!(!shown(FaultAction::Restore, up, true));
        assert!(shown(FaultAction::Kill, up, true));
        assert!(shown(FaultAction::Flush, slowed, true));
    }
}
