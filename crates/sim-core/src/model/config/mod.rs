//! A component's kind together with its settings, and generic access to them: numeric fields are listed with
//! their [`FieldSpec`] by [`ComponentConfig::numbers`] and changed through [`ComponentConfig::with_number`], which
//! rejects out-of-range values; choice fields likewise through [`ComponentConfig::choices`] /
//! [`ComponentConfig::with_choice`]. The inspector is generic over these lists.

mod kinds;
mod options;

pub use kinds::*;

use super::ComponentKind;
use super::cost::InstanceSize;
use super::field::{self, FieldSpec, RangeError};
use options::*;
use serde::{Deserialize, Serialize};

/// A component's kind together with its settings. In files: `{"kind": "web_server", "workers": 8, …}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ComponentConfig {
    /// See [`ClientConfig`].
    Client(ClientConfig),
    /// See [`DnsConfig`].
    Dns(DnsConfig),
    /// See [`LoadBalancerConfig`].
    LoadBalancer(LoadBalancerConfig),
    /// See [`WebServerConfig`].
    WebServer(WebServerConfig),
    /// See [`DatabaseConfig`].
    Database(DatabaseConfig),
    /// See [`CacheConfig`].
    Cache(CacheConfig),
    /// A read replica: the query settings of [`DatabaseConfig`] (its replication settings are the primary's).
    Replica(DatabaseConfig),
    /// See [`SessionStoreConfig`].
    SessionStore(SessionStoreConfig),
    /// See [`QueueConfig`].
    MessageQueue(QueueConfig),
    /// See [`WorkersConfig`].
    Workers(WorkersConfig),
    /// See [`ShardRouterConfig`].
    ShardRouter(ShardRouterConfig),
    /// See [`CdnConfig`].
    Cdn(CdnConfig),
}

/// A setting chosen from a fixed list (shown as a select).
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceField {
    /// Name in the file, e.g. `"algorithm"`.
    pub name: &'static str,
    /// Label for people.
    pub label: &'static str,
    /// `(id, label)` of each option.
    pub options: &'static [(&'static str, &'static str)],
    /// Id of the current option.
    pub current: &'static str,
}

impl ComponentConfig {
    /// Default settings for a kind (what a palette drop creates).
    #[must_use]
    pub fn default_for(kind: ComponentKind) -> Self {
        match kind {
            ComponentKind::Client => ComponentConfig::Client(ClientConfig::default()),
            ComponentKind::Dns => ComponentConfig::Dns(DnsConfig::default()),
            ComponentKind::LoadBalancer => {
                ComponentConfig::LoadBalancer(LoadBalancerConfig::default())
            }
            ComponentKind::WebServer => ComponentConfig::WebServer(WebServerConfig::default()),
            ComponentKind::Database => ComponentConfig::Database(DatabaseConfig::default()),
            ComponentKind::Cache => ComponentConfig::Cache(CacheConfig::default()),
            ComponentKind::Replica => ComponentConfig::Replica(DatabaseConfig::default()),
            ComponentKind::SessionStore => {
                ComponentConfig::SessionStore(SessionStoreConfig::default())
            }
            ComponentKind::MessageQueue => ComponentConfig::MessageQueue(QueueConfig::default()),
            ComponentKind::Workers => ComponentConfig::Workers(WorkersConfig::default()),
            ComponentKind::ShardRouter => {
                ComponentConfig::ShardRouter(ShardRouterConfig::default())
            }
            ComponentKind::Cdn => ComponentConfig::Cdn(CdnConfig::default()),
        }
    }

    /// The kind these settings belong to.
    #[must_use]
    pub fn kind(&self) -> ComponentKind {
        match self {
            ComponentConfig::Client(_) => ComponentKind::Client,
            ComponentConfig::Dns(_) => ComponentKind::Dns,
            ComponentConfig::LoadBalancer(_) => ComponentKind::LoadBalancer,
            ComponentConfig::WebServer(_) => ComponentKind::WebServer,
            ComponentConfig::Database(_) => ComponentKind::Database,
            ComponentConfig::Cache(_) => ComponentKind::Cache,
            ComponentConfig::Replica(_) => ComponentKind::Replica,
            ComponentConfig::SessionStore(_) => ComponentKind::SessionStore,
            ComponentConfig::MessageQueue(_) => ComponentKind::MessageQueue,
            ComponentConfig::Workers(_) => ComponentKind::Workers,
            ComponentConfig::ShardRouter(_) => ComponentKind::ShardRouter,
            ComponentConfig::Cdn(_) => ComponentKind::Cdn,
        }
    }

    /// Every numeric setting with its range and current value, in inspector order.
    #[must_use]
    pub fn numbers(&self) -> Vec<(FieldSpec, f64)> {
        match self {
            ComponentConfig::Client(c) => vec![
                (field::ARRIVAL_RATE, c.arrival_rate_per_s),
                (field::READ_FRACTION, c.read_fraction),
                (field::USERS, f64::from(c.users)),
                (field::KEY_COUNT, f64::from(c.key_count)),
                (field::ZIPF_ALPHA, c.alpha),
                (field::RTT, c.rtt_ms),
                (field::JOB_FRACTION, c.job_fraction),
                (field::JOB_TIME, c.job_time_ms),
                (field::CELEBRITY_KEYS, f64::from(c.celebrity_keys)),
                (field::CELEBRITY_SHARE, c.celebrity_share),
                (field::STATIC_FRACTION, c.static_fraction),
                (field::STATIC_ASSETS, f64::from(c.static_assets)),
            ],
            ComponentConfig::Cdn(c) => vec![
                (field::CDN_CAPACITY, f64::from(c.capacity_assets)),
                (field::CDN_TTL, c.ttl_s),
                (field::EDGE_RTT, c.edge_rtt_ms),
                (field::ORIGIN_LATENCY, c.origin_latency_ms),
            ],
            ComponentConfig::ShardRouter(c) => vec![
                (field::VIRTUAL_NODES, f64::from(c.virtual_nodes)),
                (field::ACTIVE_SHARDS, f64::from(c.active_shards)),
                (field::MIGRATION_RATE, c.migration_keys_per_s),
            ],
            ComponentConfig::Dns(c) => vec![
                (field::DNS_RESOLUTION, c.resolution_ms),
                (field::DNS_TTL, c.ttl_s),
                (field::DNS_HEALTH_INTERVAL, c.health_check_interval_s),
            ],
            ComponentConfig::LoadBalancer(c) => vec![
                (field::HEALTH_INTERVAL, c.health_check_interval_ms),
                (field::UNHEALTHY_THRESHOLD, f64::from(c.unhealthy_threshold)),
                (field::HEALTHY_THRESHOLD, f64::from(c.healthy_threshold)),
            ],
            ComponentConfig::WebServer(c) => vec![
                (field::WORKERS, f64::from(c.workers)),
                (field::SERVICE_TIME, c.service_time_ms),
                (field::QUEUE_CAPACITY, f64::from(c.queue_capacity)),
                (field::TIMEOUT, c.timeout_ms),
                (field::MIN_INSTANCES, f64::from(c.min_instances)),
                (field::MAX_INSTANCES, f64::from(c.max_instances)),
                (field::TARGET_UTILIZATION, c.target_utilization),
                (field::INSTANCE_WARM_UP, c.warm_up_s),
                (field::COOLDOWN, c.cooldown_s),
                (field::MTBF, c.mtbf_s),
                (field::MTTR, c.mttr_s),
            ],
            ComponentConfig::Database(c) => vec![
                (field::WORKERS, f64::from(c.workers)),
                (field::READ_TIME, c.read_time_ms),
                (field::WRITE_TIME, c.write_time_ms),
                (field::QUEUE_CAPACITY, f64::from(c.queue_capacity)),
                (field::REPLICATION_LAG, c.replication_lag_ms),
                (field::FAILOVER_TIMEOUT, c.failover_timeout_s),
                (field::PROVISION_DELAY, c.provision_delay_s),
            ],
            ComponentConfig::MessageQueue(c) => {
                vec![(field::QUEUE_MESSAGES, f64::from(c.capacity_messages))]
            }
            ComponentConfig::Workers(c) => vec![
                (field::MIN_WORKERS, f64::from(c.min_workers)),
                (field::MAX_WORKERS, f64::from(c.max_workers)),
                (
                    field::JOBS_PER_WORKER,
                    f64::from(c.target_backlog_per_worker),
                ),
                (field::WARM_UP, c.warm_up_s),
            ],
            ComponentConfig::SessionStore(c) => vec![
                (field::WORKERS, f64::from(c.workers)),
                (field::LOOKUP_TIME, c.lookup_time_ms),
                (field::QUEUE_CAPACITY, f64::from(c.queue_capacity)),
            ],
            ComponentConfig::Replica(c) => vec![
                (field::WORKERS, f64::from(c.workers)),
                (field::READ_TIME, c.read_time_ms),
                (field::WRITE_TIME, c.write_time_ms),
                (field::QUEUE_CAPACITY, f64::from(c.queue_capacity)),
            ],
            ComponentConfig::Cache(c) => vec![
                (field::CACHE_CAPACITY, f64::from(c.capacity_entries)),
                (field::CACHE_TTL, c.ttl_s),
                (field::WORKERS, f64::from(c.workers)),
                (field::LOOKUP_TIME, c.lookup_time_ms),
                (field::QUEUE_CAPACITY, f64::from(c.queue_capacity)),
            ],
        }
    }

    /// A copy with the numeric setting `name` set to `value`.
    ///
    /// # Errors
    /// [`RangeError`] when the value is outside the field's range (the settings are unchanged), or when this kind
    /// has no such field (reported against a zero-width range so the message still names it).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked whole and in range first
    pub fn with_number(&self, name: &str, value: f64) -> Result<ComponentConfig, RangeError> {
        let spec = self
            .numbers()
            .into_iter()
            .map(|(s, _)| s)
            .find(|s| s.name == name)
            .ok_or(RangeError {
                field: UNKNOWN_FIELD,
                value,
            })?;
        spec.check(value)?;
        let int = value as u32;
        let mut out = self.clone();
        match (&mut out, name) {
            (ComponentConfig::Client(c), "arrival_rate_per_s") => c.arrival_rate_per_s = value,
            (ComponentConfig::Client(c), "read_fraction") => c.read_fraction = value,
            (ComponentConfig::Client(c), "users") => c.users = int,
            (ComponentConfig::Client(c), "key_count") => c.key_count = int,
            (ComponentConfig::Client(c), "alpha") => c.alpha = value,
            (ComponentConfig::Client(c), "rtt_ms") => c.rtt_ms = value,
            (ComponentConfig::Dns(c), "resolution_ms") => c.resolution_ms = value,
            (ComponentConfig::Dns(c), "ttl_s") => c.ttl_s = value,
            (ComponentConfig::Dns(c), "health_check_interval_s") => {
                c.health_check_interval_s = value;
            }
            (ComponentConfig::LoadBalancer(c), "health_check_interval_ms") => {
                c.health_check_interval_ms = value;
            }
            (ComponentConfig::LoadBalancer(c), "unhealthy_threshold") => {
                c.unhealthy_threshold = int;
            }
            (ComponentConfig::LoadBalancer(c), "healthy_threshold") => c.healthy_threshold = int,
            (ComponentConfig::WebServer(c), "workers") => c.workers = int,
            (ComponentConfig::WebServer(c), "service_time_ms") => c.service_time_ms = value,
            (ComponentConfig::WebServer(c), "queue_capacity") => c.queue_capacity = int,
            (ComponentConfig::WebServer(c), "timeout_ms") => c.timeout_ms = value,
            (ComponentConfig::WebServer(c), "min_instances") => c.min_instances = int,
            (ComponentConfig::WebServer(c), "max_instances") => c.max_instances = int,
            (ComponentConfig::WebServer(c), "target_utilization") => c.target_utilization = value,
            (ComponentConfig::WebServer(c), "warm_up_s") => c.warm_up_s = value,
            (ComponentConfig::WebServer(c), "cooldown_s") => c.cooldown_s = value,
            (ComponentConfig::WebServer(c), "mtbf_s") => c.mtbf_s = value,
            (ComponentConfig::WebServer(c), "mttr_s") => c.mttr_s = value,
            (ComponentConfig::Database(c) | ComponentConfig::Replica(c), "workers") => {
                c.workers = int;
            }
            (ComponentConfig::Database(c) | ComponentConfig::Replica(c), "read_time_ms") => {
                c.read_time_ms = value;
            }
            (ComponentConfig::Database(c) | ComponentConfig::Replica(c), "write_time_ms") => {
                c.write_time_ms = value;
            }
            (ComponentConfig::Database(c) | ComponentConfig::Replica(c), "queue_capacity") => {
                c.queue_capacity = int;
            }
            (ComponentConfig::Client(c), "job_fraction") => c.job_fraction = value,
            (ComponentConfig::Client(c), "job_time_ms") => c.job_time_ms = value,
            (ComponentConfig::Client(c), "celebrity_keys") => c.celebrity_keys = int,
            (ComponentConfig::Client(c), "celebrity_share") => c.celebrity_share = value,
            (ComponentConfig::Client(c), "static_fraction") => c.static_fraction = value,
            (ComponentConfig::Client(c), "static_assets") => c.static_assets = int,
            (ComponentConfig::Cdn(c), "capacity_assets") => c.capacity_assets = int,
            (ComponentConfig::Cdn(c), "ttl_s") => c.ttl_s = value,
            (ComponentConfig::Cdn(c), "edge_rtt_ms") => c.edge_rtt_ms = value,
            (ComponentConfig::Cdn(c), "origin_latency_ms") => c.origin_latency_ms = value,
            (ComponentConfig::ShardRouter(c), "virtual_nodes") => c.virtual_nodes = int,
            (ComponentConfig::ShardRouter(c), "active_shards") => c.active_shards = int,
            (ComponentConfig::ShardRouter(c), "migration_keys_per_s") => {
                c.migration_keys_per_s = value;
            }
            (ComponentConfig::MessageQueue(c), "capacity_messages") => c.capacity_messages = int,
            (ComponentConfig::Workers(c), "min_workers") => c.min_workers = int,
            (ComponentConfig::Workers(c), "max_workers") => c.max_workers = int,
            (ComponentConfig::Workers(c), "target_backlog_per_worker") => {
                c.target_backlog_per_worker = int;
            }
            (ComponentConfig::Workers(c), "warm_up_s") => c.warm_up_s = value,
            (ComponentConfig::SessionStore(c), "workers") => c.workers = int,
            (ComponentConfig::SessionStore(c), "lookup_time_ms") => c.lookup_time_ms = value,
            (ComponentConfig::SessionStore(c), "queue_capacity") => c.queue_capacity = int,
            (ComponentConfig::Database(c), "replication_lag_ms") => c.replication_lag_ms = value,
            (ComponentConfig::Database(c), "failover_timeout_s") => c.failover_timeout_s = value,
            (ComponentConfig::Database(c), "provision_delay_s") => c.provision_delay_s = value,
            (ComponentConfig::Cache(c), "capacity_entries") => c.capacity_entries = int,
            (ComponentConfig::Cache(c), "ttl_s") => c.ttl_s = value,
            (ComponentConfig::Cache(c), "workers") => c.workers = int,
            (ComponentConfig::Cache(c), "lookup_time_ms") => c.lookup_time_ms = value,
            (ComponentConfig::Cache(c), "queue_capacity") => c.queue_capacity = int,
            _ => {
                unreachable!("numbers() listed {name} for this kind but with_number cannot set it")
            }
        }
        Ok(out)
    }

    /// Every choice setting with its options and current value.
    #[must_use]
    pub fn choices(&self) -> Vec<ChoiceField> {
        match self {
            ComponentConfig::Client(c) => vec![ChoiceField {
                name: "key_distribution",
                label: "Key popularity",
                options: KEY_DISTRIBUTIONS,
                current: match c.key_distribution {
                    KeyDistribution::Zipf => "zipf",
                    KeyDistribution::Uniform => "uniform",
                },
            }],
            ComponentConfig::Dns(c) => vec![ChoiceField {
                name: "geo_routing",
                label: "Send users to the nearest healthy data center (GeoDNS)",
                options: YES_NO,
                current: if c.geo_routing { "yes" } else { "no" },
            }],
            ComponentConfig::LoadBalancer(c) => vec![ChoiceField {
                name: "algorithm",
                label: "Algorithm",
                options: LB_ALGORITHMS,
                current: match c.algorithm {
                    LbAlgorithm::RoundRobin => "round_robin",
                    LbAlgorithm::Random => "random",
                    LbAlgorithm::LeastConnections => "least_connections",
                    LbAlgorithm::IpHash => "ip_hash",
                    LbAlgorithm::StickySessions => "sticky_sessions",
                    LbAlgorithm::PowerOfTwoChoices => "p2c",
                },
            }],
            ComponentConfig::WebServer(c) => vec![
                ChoiceField {
                    name: "service_distribution",
                    label: "Service time shape",
                    options: DISTRIBUTIONS,
                    current: distribution_id(c.service_distribution),
                },
                ChoiceField {
                    name: "embedded_database",
                    label: "Also runs the database",
                    options: YES_NO,
                    current: if c.embedded_database { "yes" } else { "no" },
                },
                size_choice(c.instance_size),
                ChoiceField {
                    name: "sessions",
                    label: "User sessions live",
                    options: SESSION_MODES,
                    current: match c.sessions {
                        SessionMode::None => "none",
                        SessionMode::InMemory => "in_memory",
                        SessionMode::SessionStore => "session_store",
                    },
                },
            ],
            ComponentConfig::Database(c) => vec![
                ChoiceField {
                    name: "service_distribution",
                    label: "Query time shape",
                    options: DISTRIBUTIONS,
                    current: distribution_id(c.service_distribution),
                },
                size_choice(c.instance_size),
                ChoiceField {
                    name: "replication",
                    label: "Replication to read replicas",
                    options: REPLICATIONS,
                    current: match c.replication {
                        Replication::Asynchronous => "asynchronous",
                        Replication::SemiSynchronous => "semi_synchronous",
                    },
                },
            ],
            ComponentConfig::SessionStore(_) | ComponentConfig::Workers(_) => vec![],
            ComponentConfig::Cdn(c) => vec![ChoiceField {
                name: "versioned_urls",
                label: "File names carry their version",
                options: YES_NO,
                current: if c.versioned_urls { "yes" } else { "no" },
            }],
            ComponentConfig::ShardRouter(c) => vec![ChoiceField {
                name: "strategy",
                label: "Sharding strategy",
                options: SHARD_STRATEGIES,
                current: match c.strategy {
                    ShardStrategy::Modulo => "modulo",
                    ShardStrategy::ConsistentHashing => "consistent_hashing",
                    ShardStrategy::Range => "range",
                },
            }],
            ComponentConfig::MessageQueue(c) => vec![ChoiceField {
                name: "durable",
                label: "Messages survive a crash (durable)",
                options: YES_NO,
                current: if c.durable { "yes" } else { "no" },
            }],
            ComponentConfig::Replica(c) => vec![
                ChoiceField {
                    name: "service_distribution",
                    label: "Query time shape",
                    options: DISTRIBUTIONS,
                    current: distribution_id(c.service_distribution),
                },
                size_choice(c.instance_size),
            ],
            ComponentConfig::Cache(c) => vec![
                ChoiceField {
                    name: "eviction",
                    label: "Eviction",
                    options: EVICTIONS,
                    current: match c.eviction {
                        Eviction::Lru => "lru",
                        Eviction::Lfu => "lfu",
                        Eviction::Fifo => "fifo",
                    },
                },
                ChoiceField {
                    name: "write_policy",
                    label: "On write",
                    options: WRITE_POLICIES,
                    current: match c.write_policy {
                        WritePolicy::Invalidate => "invalidate",
                        WritePolicy::WriteThrough => "write_through",
                        WritePolicy::Nothing => "nothing",
                    },
                },
                ChoiceField {
                    name: "refresh_ttl_on_hit",
                    label: "A hit restarts the TTL",
                    options: YES_NO,
                    current: if c.refresh_ttl_on_hit { "yes" } else { "no" },
                },
            ],
        }
    }

    /// A copy with the choice setting `name` set to option `id`; `None` if this kind has no such setting or
    /// option.
    #[must_use]
    pub fn with_choice(&self, name: &str, id: &str) -> Option<ComponentConfig> {
        let mut out = self.clone();
        match (&mut out, name) {
            (ComponentConfig::Client(c), "key_distribution") => {
                c.key_distribution = match id {
                    "zipf" => KeyDistribution::Zipf,
                    "uniform" => KeyDistribution::Uniform,
                    _ => return None,
                };
            }
            (ComponentConfig::LoadBalancer(c), "algorithm") => {
                c.algorithm = match id {
                    "round_robin" => LbAlgorithm::RoundRobin,
                    "random" => LbAlgorithm::Random,
                    "least_connections" => LbAlgorithm::LeastConnections,
                    "ip_hash" => LbAlgorithm::IpHash,
                    "sticky_sessions" => LbAlgorithm::StickySessions,
                    "p2c" => LbAlgorithm::PowerOfTwoChoices,
                    _ => return None,
                };
            }
            (ComponentConfig::WebServer(c), "service_distribution") => {
                c.service_distribution = parse_distribution(id)?;
            }
            (
                ComponentConfig::Database(c) | ComponentConfig::Replica(c),
                "service_distribution",
            ) => {
                c.service_distribution = parse_distribution(id)?;
            }
            (ComponentConfig::Database(c), "replication") => {
                c.replication = match id {
                    "asynchronous" => Replication::Asynchronous,
                    "semi_synchronous" => Replication::SemiSynchronous,
                    _ => return None,
                };
            }
            (ComponentConfig::WebServer(c), "embedded_database") => {
                c.embedded_database = parse_yes_no(id)?;
            }
            (ComponentConfig::WebServer(c), "instance_size") => {
                c.instance_size = InstanceSize::from_id(id)?;
            }
            (ComponentConfig::Database(c) | ComponentConfig::Replica(c), "instance_size") => {
                c.instance_size = InstanceSize::from_id(id)?;
            }
            (ComponentConfig::MessageQueue(c), "durable") => c.durable = parse_yes_no(id)?,
            (ComponentConfig::Dns(c), "geo_routing") => c.geo_routing = parse_yes_no(id)?,
            (ComponentConfig::Cdn(c), "versioned_urls") => c.versioned_urls = parse_yes_no(id)?,
            (ComponentConfig::ShardRouter(c), "strategy") => {
                c.strategy = match id {
                    "modulo" => ShardStrategy::Modulo,
                    "consistent_hashing" => ShardStrategy::ConsistentHashing,
                    "range" => ShardStrategy::Range,
                    _ => return None,
                };
            }
            (ComponentConfig::WebServer(c), "sessions") => {
                c.sessions = match id {
                    "none" => SessionMode::None,
                    "in_memory" => SessionMode::InMemory,
                    "session_store" => SessionMode::SessionStore,
                    _ => return None,
                };
            }
            (ComponentConfig::Cache(c), "eviction") => {
                c.eviction = match id {
                    "lru" => Eviction::Lru,
                    "lfu" => Eviction::Lfu,
                    "fifo" => Eviction::Fifo,
                    _ => return None,
                };
            }
            (ComponentConfig::Cache(c), "write_policy") => {
                c.write_policy = match id {
                    "invalidate" => WritePolicy::Invalidate,
                    "write_through" => WritePolicy::WriteThrough,
                    "nothing" => WritePolicy::Nothing,
                    _ => return None,
                };
            }
            (ComponentConfig::Cache(c), "refresh_ttl_on_hit") => {
                c.refresh_ttl_on_hit = parse_yes_no(id)?;
            }
            _ => return None,
        }
        Some(out)
    }

    /// Every out-of-range numeric setting (a file may carry values the inspector would have refused).
    #[must_use]
    pub fn range_errors(&self) -> Vec<RangeError> {
        self.numbers()
            .into_iter()
            .filter_map(|(spec, v)| spec.check(v).err())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_number_can_be_set_and_read_back() {
        for kind in ComponentKind::ALL {
            let cfg = ComponentConfig::default_for(kind);
            assert!(
                cfg.range_errors().is_empty(),
                "defaults of {kind:?} are out of range"
            );
            for (spec, _) in cfg.numbers() {
                let v = if spec.integer {
                    libm::floor((spec.min + spec.max) / 2.0)
                } else {
                    (spec.min + spec.max) / 2.0
                };
                let changed = cfg
                    .with_number(spec.name, v)
                    .expect("in-range value accepted");
                let read = changed
                    .numbers()
                    .into_iter()
                    .find(|(s, _)| s.name == spec.name)
                    .map(|(_, v)| v);
                assert_eq!(read, Some(v), "{kind:?}.{}", spec.name);
            }
        }
    }

    #[test]
    fn out_of_range_settings_are_refused_and_leave_the_config_alone() {
        let cfg = ComponentConfig::default_for(ComponentKind::WebServer);
        let err = cfg.with_number("workers", 0.0).unwrap_err();
        assert_eq!(err.field.name, "workers");
        assert!(cfg.with_number("no_such_setting", 1.0).is_err());
    }

    #[test]
    fn every_listed_choice_option_can_be_selected() {
        for kind in ComponentKind::ALL {
            let cfg = ComponentConfig::default_for(kind);
            for choice in cfg.choices() {
                for (id, _) in choice.options {
                    let changed = cfg
                        .with_choice(choice.name, id)
                        .expect("listed option accepted");
                    let now = changed
                        .choices()
                        .into_iter()
                        .find(|c| c.name == choice.name)
                        .map(|c| c.current);
                    assert_eq!(now, Some(*id));
                }
                assert!(cfg.with_choice(choice.name, "bogus").is_none());
            }
        }
    }
}
