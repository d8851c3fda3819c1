//! Words for the core's closed sets, by message id: component kinds (palette, inspector) and the actions on a
//! node. An exhaustive `match` per set, so a new kind or action fails to compile until it has its messages, and
//! every id is written out where the tidy test can see it is used.

use super::{t, t_attr};
use sim_core::ComponentKind;
use sim_core::metrics::{FailureCause, RequestKind};
use sim_core::scenario::FaultAction;
use sim_core::scenario::lessons::Chart;

fn kind_id(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Client => "kind-client",
        ComponentKind::Dns => "kind-dns",
        ComponentKind::LoadBalancer => "kind-load_balancer",
        ComponentKind::WebServer => "kind-web_server",
        ComponentKind::Database => "kind-database",
        ComponentKind::Cache => "kind-cache",
        ComponentKind::Replica => "kind-replica",
        ComponentKind::SessionStore => "kind-session_store",
        ComponentKind::MessageQueue => "kind-message_queue",
        ComponentKind::Workers => "kind-workers",
        ComponentKind::ShardRouter => "kind-shard_router",
        ComponentKind::Cdn => "kind-cdn",
    }
}

/// The kind's name for people ("Load balancer"), in the page's language.
#[must_use]
pub fn kind_title(kind: ComponentKind) -> String {
    t(kind_id(kind))
}

/// The kind's one-sentence explanation (the palette's tooltip), in the page's language.
#[must_use]
pub fn kind_explanation(kind: ComponentKind) -> String {
    t_attr(kind_id(kind), "explain")
}

/// The button text and tooltip of `action` on a node of `kind` (a CDN's flush is a purge).
#[must_use]
pub fn action_text(kind: ComponentKind, action: FaultAction) -> (String, String) {
    let id = match action {
        FaultAction::Kill => "action-kill",
        FaultAction::Restore => "action-restore",
        FaultAction::SlowDown => "action-slow-down",
        FaultAction::SpeedUp => "action-speed-up",
        FaultAction::Flush if kind == ComponentKind::Cdn => "action-purge",
        FaultAction::Flush => "action-flush",
        FaultAction::Deploy => "action-deploy",
        FaultAction::AddShard => "action-add-shard",
        FaultAction::RemoveShard => "action-remove-shard",
        FaultAction::RegionOutage => "action-region-outage",
        FaultAction::RegionRestore => "action-region-restore",
    };
    (t(id), t_attr(id, "title"))
}

fn cause_id(cause: FailureCause) -> &'static str {
    match cause {
        FailureCause::NodeDown => "cause-node_down",
        FailureCause::NoHealthyBackend => "cause-no_healthy_backend",
        FailureCause::QueueFull => "cause-queue_full",
        FailureCause::Timeout => "cause-timeout",
        FailureCause::LoggedOut => "cause-logged_out",
    }
}

/// A failure cause's short name ("node down"), in the page's language.
#[must_use]
pub fn cause_title(cause: FailureCause) -> String {
    t(cause_id(cause))
}

/// What a failure cause means, one or two sentences, in the page's language.
#[must_use]
pub fn cause_explanation(cause: FailureCause) -> String {
    t_attr(cause_id(cause), "explain")
}

/// A chart's short name for its chip ("Errors").
#[must_use]
pub fn chart_chip(chart: Chart) -> String {
    t(match chart {
        Chart::Throughput => "chip-throughput",
        Chart::Latency => "chip-latency",
        Chart::Errors => "chip-errors",
        Chart::CacheHitRatio => "chip-cache-hits",
        Chart::CdnHitRatio => "chip-cdn-hits",
        Chart::ReplicationLag => "chip-replica-lag",
        Chart::QueueBacklog => "chip-queue",
        Chart::ShardLoad => "chip-shard-load",
        Chart::Cost => "chip-cost",
    })
}

/// A request kind's word in the dots' legend ("read").
#[must_use]
pub fn request_kind(kind: RequestKind) -> String {
    t(match kind {
        RequestKind::Read => "dots-read",
        RequestKind::Write => "dots-write",
        RequestKind::Static => "dots-static",
        RequestKind::Job => "dots-job",
    })
}
