//! Words for the core's closed sets, by message id: component kinds (palette, inspector) and the actions on a
//! node. An exhaustive `match` per set, so a new kind or action fails to compile until it has its messages, and
//! every id is written out where the tidy test can see it is used. A node's settings are translated by their
//! stable names (`setting-<name>`, `choice-<name>-<option>`; English from the core).

use super::{core_text, core_text_with, t, t_attr, t_with};
use fluent_bundle::FluentValue;
use scalelab_shell::format::{TierFigure, tier_figure};
use scalelab_shell::messages::{choice_id, setting_id};
use sim_core::ComponentKind;
use sim_core::metrics::{FailureCause, RequestKind};
use sim_core::metrics::{Health, NodeFrame};
use sim_core::model::{FieldSpec, Issue, IssueKind, RangeError};
use sim_core::scenario::EditError;
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
        FaultAction::DoubleShards => "action-double-shards",
        FaultAction::RegionOutage => "action-region-outage",
        FaultAction::RegionRestore => "action-region-restore",
        FaultAction::Partition => "action-partition",
        FaultAction::Heal => "action-heal",
        FaultAction::FlashCrowd => "action-flash-crowd",
    };
    (t(id), t_attr(id, "title"))
}

fn cause_id(cause: FailureCause) -> &'static str {
    match cause {
        FailureCause::NodeDown => "cause-node_down",
        FailureCause::NoHealthyBackend => "cause-no_healthy_backend",
        FailureCause::QueueFull => "cause-queue_full",
        FailureCause::ConnectionLimit => "cause-connection_limit",
        FailureCause::Timeout => "cause-timeout",
        FailureCause::LoggedOut => "cause-logged_out",
        FailureCause::Partition => "cause-partition",
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
        Chart::Jobs => "chip-jobs",
        Chart::Availability => "chip-availability",
        Chart::StaleOwnReads => "chip-stale-reads",
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

/// A setting's label (`FieldSpec.label`, `ChoiceField.label` = `english`) on a node of `kind`, by the setting's
/// stable name: message `setting-<name>` with `$kind` (the kind's id, so a name several kinds share can read
/// differently on each), else the core's English.
#[must_use]
pub fn setting_label(kind: ComponentKind, name: &str, english: &str) -> String {
    core_text_with(
        &setting_id(name),
        None,
        &[("kind", kind.id().into())],
        english,
    )
}

/// The label of option `option` (`english` in the core) of the choice setting `name`.
#[must_use]
pub fn choice_label(name: &str, option: &str, english: &str) -> String {
    core_text(&choice_id(name, option), None, english)
}

/// A setting's unit (`FieldSpec.unit`, e.g. `"req/s"`) in the page's language; a unit without a message shows as
/// the core writes it.
#[must_use]
pub fn unit_text(unit: &str) -> String {
    match unit {
        "req/s" => t("unit-req-per-s"),
        "ms" => t("unit-ms"),
        "s" => t("unit-s"),
        "files" => t("unit-files"),
        "entries" => t("unit-entries"),
        "keys/s" => t("unit-keys-per-s"),
        "messages" => t("unit-messages"),
        "jobs" => t("unit-jobs"),
        other => other.to_owned(),
    }
}

/// A setting's value with its unit, as a refusal sentence shows it (`0,5 ms`).
fn value_with_unit(v: f64, unit: &str) -> String {
    let n = super::value(v);
    if unit.is_empty() {
        n
    } else {
        format!("{n} {}", unit_text(unit))
    }
}

/// The label of a setting of the scenario as a whole (no node kind), in the page's language (message
/// `setting-<name>` with `kind = none`; English from the core's [`FieldSpec::label`]).
#[must_use]
pub fn scenario_setting_label(spec: FieldSpec) -> String {
    core_text_with(
        &setting_id(spec.name),
        None,
        &[("kind", "none".into())],
        spec.label,
    )
}

/// A value refused by its range, as one sentence in the page's language (message `range-<case>`, English from the
/// core). `kind` is the node's kind when the setting is a node's (its label can depend on it).
#[must_use]
pub fn range_error(kind: Option<ComponentKind>, e: &RangeError) -> String {
    let spec = e.field;
    let label = match kind {
        Some(k) => setting_label(k, spec.name, spec.label),
        None => scenario_setting_label(spec),
    };
    let id = if !e.value.is_finite() {
        "range-not-number"
    } else if spec.integer && e.value.fract() != 0.0 {
        "range-not-whole"
    } else {
        "range-out-of-range"
    };
    core_text_with(
        id,
        None,
        &[
            ("label", label.into()),
            ("min", value_with_unit(spec.min, spec.unit).into()),
            ("max", value_with_unit(spec.max, spec.unit).into()),
            ("value", value_with_unit(e.value, spec.unit).into()),
        ],
        &e.to_string(),
    )
}

/// An edit the core refused, for the field that made it: a value out of range in the page's language, other
/// refusals as the core words them.
#[must_use]
pub fn edit_error(kind: Option<ComponentKind>, e: &EditError) -> String {
    match e {
        EditError::OutOfRange(r) => range_error(kind, r),
        other => other.to_string(),
    }
}

/// `bytes` for people in the page's language: `640 KiB`, `9,5 MiB`.
#[allow(clippy::cast_precision_loss)] // display only
fn bytes_text(bytes: u64) -> String {
    let b = bytes as f64;
    match bytes {
        0..1_048_576 => format!("{} KiB", super::number((b / 1024.0).ceil(), 0)),
        1_048_576..1_073_741_824 => format!("{} MiB", super::number(b / 1_048_576.0, 1)),
        _ => format!("{} GiB", super::number(b / 1_073_741_824.0, 1)),
    }
}

/// A validation issue as one sentence in the page's language: message `issue-<kind>` with its figures as
/// arguments, English from the core. `kind` is the kind of the node it concerns, if any.
#[must_use]
#[allow(clippy::cast_precision_loss)] // counts shown to people
pub fn issue_text(kind: Option<ComponentKind>, issue: &Issue) -> String {
    let count = |n: &usize| -> FluentValue<'static> { (*n as f64).into() };
    let (id, args): (&str, Vec<(&str, FluentValue<'static>)>) = match &issue.kind {
        IssueKind::NoClient => ("issue-no_client", vec![]),
        IssueKind::ClientHasNoTarget => ("issue-client_no_target", vec![]),
        IssueKind::ClientHasManyTargets(n) => {
            ("issue-client_many_targets", vec![("count", count(n))])
        }
        IssueKind::DnsHasNoTarget => ("issue-dns_no_target", vec![]),
        IssueKind::NoBackends => ("issue-no_backends", vec![]),
        IssueKind::NoDatabase => ("issue-no_database", vec![]),
        IssueKind::ManyDatabases(n) => ("issue-many_databases", vec![("count", count(n))]),
        IssueKind::CacheHasNoDatabase => ("issue-cache_no_database", vec![]),
        IssueKind::CacheHasManyDatabases(n) => {
            ("issue-cache_many_databases", vec![("count", count(n))])
        }
        IssueKind::NeedsOneSessionStore(0) => ("issue-needs_session_store", vec![]),
        IssueKind::NeedsOneSessionStore(n) => {
            ("issue-many_session_stores", vec![("count", count(n))])
        }
        IssueKind::SessionStoreUnused => ("issue-session_store_unused", vec![]),
        IssueKind::ClientHasManyCdns(n) => ("issue-client_many_cdns", vec![("count", count(n))]),
        IssueKind::CdnHasNoOrigin => ("issue-cdn_no_origin", vec![]),
        IssueKind::MaxBelowMin => ("issue-max_below_min", vec![]),
        IssueKind::RouterHasNoShards => ("issue-router_no_shards", vec![]),
        IssueKind::WorkersManyQueues(n) => ("issue-workers_many_queues", vec![("count", count(n))]),
        IssueKind::ManyQueues(n) => ("issue-many_queues", vec![("count", count(n))]),
        IssueKind::ReplicaHasNoPrimary => ("issue-replica_no_primary", vec![]),
        IssueKind::ReplicaHasManyPrimaries(n) => {
            ("issue-replica_many_primaries", vec![("count", count(n))])
        }
        IssueKind::EmbeddedAndConnected => ("issue-embedded_and_connected", vec![]),
        IssueKind::InvalidEdge { from, to } => (
            "issue-invalid_edge",
            vec![
                ("from", kind_title(*from).into()),
                ("to", kind_title(*to).into()),
            ],
        ),
        IssueKind::DanglingEdge(node) => (
            "issue-dangling_edge",
            vec![("node", node.to_string().into())],
        ),
        IssueKind::Cycle => ("issue-cycle", vec![]),
        IssueKind::OutOfRange(e) => return range_error(kind, e),
        IssueKind::Scenario(e) => return range_error(None, e),
        IssueKind::Unreachable => ("issue-unreachable", vec![]),
        IssueKind::MultiPrimaryWithoutPeer => ("issue-multi_primary_without_peer", vec![]),
        IssueKind::Traffic(sim_core::model::ShapeError::OutOfRange(name, value)) => (
            "issue-traffic_out_of_range",
            vec![
                ("name", (*name).into()),
                ("value", super::value(*value).into()),
            ],
        ),
        IssueKind::Traffic(sim_core::model::ShapeError::BadProfile(_)) => {
            ("issue-traffic_profile", vec![])
        }
        IssueKind::ApplyRateBelowWrites {
            writes_per_s,
            apply_per_s,
        } => (
            "issue-apply_rate_below_writes",
            vec![
                ("writes", super::value(writes_per_s.round()).into()),
                ("apply", super::value(*apply_per_s).into()),
            ],
        ),
        IssueKind::FaultOnMissingNode(node) => (
            "issue-fault_missing_node",
            vec![("node", node.to_string().into())],
        ),
        IssueKind::Challenge(e) => (
            "issue-challenge",
            vec![("error", range_error(None, e).into())],
        ),
        IssueKind::ChallengeMeasuresNothing { from_s, duration_s } => (
            "issue-challenge_measures_nothing",
            vec![
                ("from", super::value(*from_s).into()),
                ("to", super::value(*duration_s).into()),
            ],
        ),
        IssueKind::OverMemory { bytes, limit } => (
            "issue-over_memory",
            vec![
                ("bytes", bytes_text(*bytes).into()),
                ("limit", bytes_text(*limit).into()),
            ],
        ),
        IssueKind::OverWork { events, limit } => (
            "issue-over_work",
            vec![
                ("events", super::compact(*events as f64).into()),
                ("limit", super::compact(*limit as f64).into()),
            ],
        ),
        IssueKind::Costs {
            setting,
            value,
            amount,
            memory,
        } => {
            let label = match kind {
                Some(k) => setting_label(k, setting.name, setting.label),
                None => setting.label.to_owned(),
            };
            let what = format!("{label} {}", value_with_unit(*value, setting.unit));
            if *memory {
                (
                    "issue-costs_memory",
                    vec![
                        ("setting", what.into()),
                        ("amount", bytes_text(*amount).into()),
                    ],
                )
            } else {
                (
                    "issue-costs_work",
                    vec![
                        ("setting", what.into()),
                        ("amount", super::compact(*amount as f64).into()),
                    ],
                )
            }
        }
    };
    core_text_with(id, None, &args, &issue.to_string())
}

fn health_msg(h: Health) -> &'static str {
    match h {
        Health::Healthy => "health-healthy",
        Health::DownUndetected => "health-down_undetected",
        Health::Down => "health-down",
        Health::Recovering => "health-recovering",
    }
}

/// A node's health for people ("down — not yet detected"), in the page's language.
#[must_use]
pub fn health_title(h: Health) -> String {
    t(health_msg(h))
}

/// What a health state means (tooltips), in the page's language.
#[must_use]
pub fn health_explanation(h: Health) -> String {
    t_attr(health_msg(h), "explain")
}

/// A database's role word (`format::role_of`: "primary", "replica", "out of the set"), in the page's language.
#[must_use]
pub fn role_text(role: &str) -> String {
    match role {
        "primary" => t("role-primary"),
        "replica" => t("role-replica"),
        _ => t("role-out"),
    }
}

/// "slowed ×10" while a gray failure slows a running node ([`scalelab_shell::format::slowdown_of`]), in the page's
/// language.
#[must_use]
pub fn slowed_title(n: &NodeFrame) -> Option<String> {
    scalelab_shell::format::slowdown_of(n).map(|f| t_with("node-slowed", &[("factor", f.into())]))
}

/// The one figure of a node's tier for its label line ("2+1 instances", "95 % aciertos"), in the page's language.
#[must_use]
pub fn tier_text(n: &NodeFrame) -> Option<String> {
    Some(match tier_figure(n)? {
        TierFigure::Role { role, behind, .. } if behind > 0 => t_with(
            "tier-role-behind",
            &[("role", role_text(role).into()), ("count", behind.into())],
        ),
        TierFigure::Role {
            role, conflicts, ..
        } if conflicts > 0 => t_with(
            "tier-role-conflicts",
            &[
                ("role", role_text(role).into()),
                ("count", conflicts.into()),
            ],
        ),
        TierFigure::Role { role, .. } => role_text(role),
        TierFigure::Hits(h) => t_with("tier-hits", &[("percent", super::percent(h, 0).into())]),
        TierFigure::Instances { running, warming } if warming > 0 => t_with(
            "tier-instances-warming",
            &[("running", running.into()), ("warming", warming.into())],
        ),
        TierFigure::Instances { running, .. } => {
            t_with("tier-instances", &[("count", running.into())])
        }
        TierFigure::Workers(w) => t_with("tier-workers", &[("count", w.into())]),
        TierFigure::Hotspot(h) => t_with("tier-hotspot", &[("ratio", super::number(h, 1).into())]),
        TierFigure::Waiting(q) => t_with("tier-waiting", &[("count", q.into())]),
        TierFigure::Pair(p) => t(pair_msg(p)),
    })
}

/// The message id of a load balancer pair's state ("active + standby", "standby taking over", …).
#[must_use]
pub fn pair_msg(p: sim_core::metrics::PairStatus) -> &'static str {
    use sim_core::metrics::PairStatus;
    match p {
        PairStatus::Ready => "tier-pair-ready",
        PairStatus::TakingOver => "tier-pair-taking_over",
        PairStatus::NoStandby => "tier-pair-no_standby",
        PairStatus::Down => "tier-pair-down",
    }
}

/// Why the run driver refused (`Refusal`), as a notice in the page's language; an engine's own refusal of a fault
/// is its English sentence.
#[must_use]
pub fn refusal_text(why: &scalelab_shell::runner::Refusal) -> String {
    use scalelab_shell::runner::Refusal;
    match why {
        Refusal::Blocked => t("refusal-blocked"),
        Refusal::NoRunToRewind => t("refusal-no-run-to-rewind"),
        Refusal::NoRunToBreak => t("refusal-no-run-to-break"),
        Refusal::ReplayTooLong { at_s } => {
            t_with("refusal-replay-too-long", &[("seconds", (*at_s).into())])
        }
        Refusal::Fault(why) => why.clone(),
    }
}

/// A data center's name in the page's language ("EE. UU. Este").
#[must_use]
pub fn region_title(region: sim_core::model::Region) -> String {
    use sim_core::model::Region;
    t(match region {
        Region::UsEast => "region-us_east",
        Region::UsWest => "region-us_west",
        Region::EuWest => "region-eu_west",
        Region::ApSoutheast => "region-ap_southeast",
    })
}

/// A quantity the theory panel compares ("P(wait)"), in the page's language.
#[must_use]
pub fn quantity_title(q: sim_core::theory::Quantity) -> String {
    use sim_core::theory::Quantity;
    t(match q {
        Quantity::Utilization => "theory-q-utilization",
        Quantity::WaitProbability => "theory-q-wait_probability",
        Quantity::WaitMsMean => "theory-q-wait_ms_mean",
        Quantity::BlockingProbability => "theory-q-blocking_probability",
        Quantity::InStationMean => "theory-q-in_station_mean",
        Quantity::HitRatio => "theory-q-hit_ratio",
        Quantity::WritesLostPerFailover => "theory-q-writes_lost_per_failover",
        Quantity::KeysMovedFraction => "theory-q-keys_moved_fraction",
        Quantity::Availability => "theory-q-availability",
        Quantity::Conflicts => "theory-q-conflicts",
    })
}

/// A rule sentence of [`scalelab_shell::rules`] in the page's language: counts as numbers (so a message can pick
/// its plural form), seconds written with at most one decimal.
#[must_use]
pub fn sentence(s: &scalelab_shell::rules::Sentence) -> String {
    use scalelab_shell::rules::Arg;
    let args: Vec<(&str, FluentValue<'static>)> = s
        .args
        .iter()
        .map(|&(name, arg)| {
            let v = match arg {
                Arg::Count(n) => n.into(),
                Arg::Seconds(v) => {
                    crate::i18n::number(v, if v.fract() == 0.0 { 0 } else { 1 }).into()
                }
            };
            (name, v)
        })
        .collect();
    t_with(s.id, &args)
}
