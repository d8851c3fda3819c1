//! A component's kind together with its settings, and generic access to them. Each setting is described once, in
//! the table below: a numeric field names its range ([`FieldSpec`], in `model::field`), a choice field its label
//! (its type's [`Choice`] impl gives the options). From the table come [`ComponentConfig::numbers`] and
//! [`ComponentConfig::with_number`] (which rejects out-of-range values), [`ComponentConfig::choices`] and
//! [`ComponentConfig::with_choice`]; the inspector is generic over these lists. The name in files is the struct
//! field's, checked against the spec when the crate compiles.

pub(crate) mod choice;
mod kinds;
mod options;
mod table;
mod traffic;

pub use choice::Choice;
pub use kinds::*;
pub use options::*;

use super::ComponentKind;
use super::field::{self, FieldSpec, RangeError};
use choice::options_of;
use serde::{Deserialize, Serialize};
use table::{ExtraRows, Number, extra_or, same_name, settings_table};

/// Stands in for a setting name this kind does not have, so the error still reads as a sentence.
const UNKNOWN_FIELD: FieldSpec = FieldSpec {
    name: "",
    label: "Unknown setting",
    unit: "",
    min: 0.0,
    max: 0.0,
    integer: false,
};

settings_table! {
    Client {
        numbers {
            arrival_rate_per_s: f64 = ARRIVAL_RATE,
            read_fraction: f64 = READ_FRACTION,
            users: u32 = USERS,
            key_count: u32 = KEY_COUNT,
            alpha: f64 = ZIPF_ALPHA,
            rtt_ms: f64 = RTT,
            job_fraction: f64 = JOB_FRACTION,
            job_time_ms: f64 = JOB_TIME,
            celebrity_keys: u32 = CELEBRITY_KEYS,
            celebrity_share: f64 = CELEBRITY_SHARE,
            static_fraction: f64 = STATIC_FRACTION,
            static_assets: u32 = STATIC_ASSETS,
        }
        choices { key_distribution = "Key popularity" }
        extra traffic
    }
    Cdn {
        numbers {
            capacity_assets: u32 = CDN_CAPACITY,
            ttl_s: f64 = CDN_TTL,
            edge_rtt_ms: f64 = EDGE_RTT,
            origin_latency_ms: f64 = ORIGIN_LATENCY,
        }
        choices { versioned_urls = "File names carry their version" }
    }
    ShardRouter {
        numbers {
            virtual_nodes: u32 = VIRTUAL_NODES,
            active_shards: u32 = ACTIVE_SHARDS,
            migration_keys_per_s: f64 = MIGRATION_RATE,
        }
        choices { strategy = "Sharding strategy" }
    }
    Dns {
        numbers {
            resolution_ms: f64 = DNS_RESOLUTION,
            ttl_s: f64 = DNS_TTL,
            health_check_interval_s: f64 = DNS_HEALTH_INTERVAL,
        }
        choices { geo_routing = "Send users to the nearest healthy data center (GeoDNS)" }
    }
    LoadBalancer {
        numbers {
            health_check_interval_ms: f64 = HEALTH_INTERVAL,
            unhealthy_threshold: u32 = UNHEALTHY_THRESHOLD,
            healthy_threshold: u32 = HEALTHY_THRESHOLD,
            max_connections: u32 = MAX_CONNECTIONS,
            takeover_s: f64 = TAKEOVER,
        }
        choices { algorithm = "Algorithm", standby = "Standby machine (active/passive pair)" }
    }
    WebServer {
        numbers {
            workers: u32 = WORKERS,
            service_time_ms: f64 = SERVICE_TIME,
            queue_capacity: u32 = QUEUE_CAPACITY,
            timeout_ms: f64 = TIMEOUT,
            min_instances: u32 = MIN_INSTANCES,
            max_instances: u32 = MAX_INSTANCES,
            target_utilization: f64 = TARGET_UTILIZATION,
            warm_up_s: f64 = INSTANCE_WARM_UP,
            cooldown_s: f64 = COOLDOWN,
            mtbf_s: f64 = MTBF,
            mttr_s: f64 = MTTR,
        }
        choices {
            service_distribution = "Service time shape",
            embedded_database = "Also runs the database",
            instance_size = "Instance size",
            sessions = "User sessions live",
        }
    }
    Database {
        numbers {
            workers: u32 = WORKERS,
            read_time_ms: f64 = READ_TIME,
            write_time_ms: f64 = WRITE_TIME,
            queue_capacity: u32 = QUEUE_CAPACITY,
            max_connections: u32 = MAX_CONNECTIONS,
            replication_lag_ms: f64 = REPLICATION_LAG,
            apply_rate_per_s: f64 = APPLY_RATE,
            read_your_writes_s: f64 = READ_YOUR_WRITES,
            primary_read_share: f64 = PRIMARY_READ_SHARE,
            failover_timeout_s: f64 = FAILOVER_TIMEOUT,
            provision_delay_s: f64 = PROVISION_DELAY,
        }
        choices {
            service_distribution = "Query time shape",
            instance_size = "Instance size",
            replication = "Replication to read replicas",
        }
    }
    MessageQueue {
        numbers { capacity_messages: u32 = QUEUE_MESSAGES }
        choices { durable = "Messages survive a crash (durable)" }
    }
    Workers {
        numbers {
            min_workers: u32 = MIN_WORKERS,
            max_workers: u32 = MAX_WORKERS,
            target_backlog_per_worker: u32 = JOBS_PER_WORKER,
            warm_up_s: f64 = WARM_UP,
        }
        choices {}
    }
    SessionStore {
        numbers {
            workers: u32 = WORKERS,
            lookup_time_ms: f64 = LOOKUP_TIME,
            queue_capacity: u32 = QUEUE_CAPACITY,
        }
        choices {}
    }
    // A replica shows the query settings only: its replication settings are the primary's.
    Replica {
        numbers {
            workers: u32 = WORKERS,
            read_time_ms: f64 = READ_TIME,
            write_time_ms: f64 = WRITE_TIME,
            queue_capacity: u32 = QUEUE_CAPACITY,
        }
        choices {
            service_distribution = "Query time shape",
            instance_size = "Instance size",
        }
    }
    Cache {
        numbers {
            capacity_entries: u32 = CACHE_CAPACITY,
            ttl_s: f64 = CACHE_TTL,
            workers: u32 = WORKERS,
            lookup_time_ms: f64 = LOOKUP_TIME,
            queue_capacity: u32 = QUEUE_CAPACITY,
        }
        choices {
            eviction = "Eviction",
            write_policy = "On write",
            refresh_ttl_on_hit = "A hit restarts the TTL",
        }
    }
}

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

    /// Every numeric setting with its range and current value, in inspector order (the table above).
    #[must_use]
    pub fn numbers(&self) -> Vec<(FieldSpec, f64)> {
        self.listed_numbers()
    }

    /// A copy with the numeric setting `name` set to `value`.
    ///
    /// # Errors
    /// [`RangeError`] when the value is outside the field's range (the settings are unchanged), or when this kind
    /// has no such field (reported against a zero-width range so the message still names it).
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
        let mut out = self.clone();
        let known = out.assign_number(name, value);
        debug_assert!(known, "numbers() listed {name}, so the table can set it");
        Ok(out)
    }

    /// Every choice setting with its options and current value, in inspector order (the table above).
    #[must_use]
    pub fn choices(&self) -> Vec<ChoiceField> {
        self.listed_choices()
    }

    /// A copy with the choice setting `name` set to option `id`; `None` if this kind has no such setting or
    /// option.
    #[must_use]
    pub fn with_choice(&self, name: &str, id: &str) -> Option<ComponentConfig> {
        let mut out = self.clone();
        out.assign_choice(name, id)?;
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
