//! Instance sizes (vertical scaling) and the price table behind cost per hour.
//!
//! Prices are approximate on-demand list prices of a major cloud provider's general-purpose offerings in one US
//! region (2024), rounded: a 2-vCPU general-purpose VM (m5.large) $0.096/h; a managed database of the same size
//! (RDS db.m5.large, single-AZ) $0.171/h; a managed cache or session-store node (ElastiCache cache.m5.large)
//! $0.156/h; an application load balancer $0.0225/h before capacity units; a hosted DNS zone $0.50 per month.
//! Each size step doubles vCPUs and price, as within one instance family. They are teaching numbers: the point is
//! the ratios (a replica costs a database, a bigger machine costs double), not the cents.

use super::ComponentConfig;
use serde::{Deserialize, Serialize};

/// Machine size of a web server or database. Each step doubles the CPU cores — and so the workers — and the price.
/// 2xlarge is the largest: vertical scaling has a hard limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstanceSize {
    /// 2 vCPU: the workers as configured.
    #[default]
    Small,
    /// 4 vCPU: 2× the workers.
    Medium,
    /// 8 vCPU: 4× the workers.
    Large,
    /// 16 vCPU: 8× the workers.
    Xlarge,
    /// 32 vCPU: 16× the workers; the largest machine available.
    X2large,
}

impl InstanceSize {
    /// Every size, smallest first.
    pub const ALL: [InstanceSize; 5] = [
        InstanceSize::Small,
        InstanceSize::Medium,
        InstanceSize::Large,
        InstanceSize::Xlarge,
        InstanceSize::X2large,
    ];

    /// How many times the configured workers this size runs (and how many times the small price it costs).
    #[must_use]
    pub fn multiplier(self) -> u32 {
        match self {
            InstanceSize::Small => 1,
            InstanceSize::Medium => 2,
            InstanceSize::Large => 4,
            InstanceSize::Xlarge => 8,
            InstanceSize::X2large => 16,
        }
    }

    /// Id in files and choice lists.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            InstanceSize::Small => "small",
            InstanceSize::Medium => "medium",
            InstanceSize::Large => "large",
            InstanceSize::Xlarge => "xlarge",
            InstanceSize::X2large => "2xlarge",
        }
    }

    /// The size with this id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// Hourly price of a small web server (2 vCPU), USD.
pub const WEB_SERVER_USD_PER_HOUR: f64 = 0.096;
/// Hourly price of a small database or read replica, USD.
pub const DATABASE_USD_PER_HOUR: f64 = 0.171;
/// Hourly price of a cache or session-store node, USD.
pub const CACHE_NODE_USD_PER_HOUR: f64 = 0.156;
/// Hourly price of a load balancer, USD.
pub const LOAD_BALANCER_USD_PER_HOUR: f64 = 0.0225;
/// Hourly price of a CDN for a small site: billed per request and per GB; approximated as 1 TB a month at
/// $0.085/GB (730 h in a month), USD.
pub const CDN_USD_PER_HOUR: f64 = 85.0 / 730.0;
/// Hourly price of a DNS zone ($0.50 a month), USD.
pub const DNS_USD_PER_HOUR: f64 = 0.50 / 730.0;

/// What a node costs per hour, USD (clients cost nothing: they are the users).
#[must_use]
pub fn usd_per_hour(config: &ComponentConfig) -> f64 {
    match config {
        ComponentConfig::Client(_) => 0.0,
        ComponentConfig::Dns(_) => DNS_USD_PER_HOUR,
        ComponentConfig::Cdn(_) => CDN_USD_PER_HOUR,
        // A pair with a standby runs two machines.
        ComponentConfig::LoadBalancer(l) if l.standby => 2.0 * LOAD_BALANCER_USD_PER_HOUR,
        ComponentConfig::LoadBalancer(_) | ComponentConfig::ShardRouter(_) => {
            LOAD_BALANCER_USD_PER_HOUR
        }
        ComponentConfig::WebServer(w) => {
            WEB_SERVER_USD_PER_HOUR
                * f64::from(w.instance_size.multiplier())
                * f64::from(w.min_instances.max(1))
        }
        ComponentConfig::Database(d) | ComponentConfig::Replica(d) => {
            DATABASE_USD_PER_HOUR * f64::from(d.instance_size.multiplier())
        }
        ComponentConfig::Cache(_)
        | ComponentConfig::SessionStore(_)
        | ComponentConfig::MessageQueue(_) => CACHE_NODE_USD_PER_HOUR,
        ComponentConfig::Workers(w) => WEB_SERVER_USD_PER_HOUR * f64::from(w.min_workers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ComponentKind;

    #[test]
    fn a_balancer_with_a_standby_pays_for_two_machines() {
        let lb = ComponentConfig::default_for(ComponentKind::LoadBalancer);
        assert!((usd_per_hour(&lb) - LOAD_BALANCER_USD_PER_HOUR).abs() < 1e-12);
        let pair = lb.with_choice("standby", "yes").expect("a yes/no setting");
        assert!((usd_per_hour(&pair) - 2.0 * LOAD_BALANCER_USD_PER_HOUR).abs() < 1e-12);
    }

    #[test]
    fn each_size_doubles_workers_and_price_up_to_a_hard_limit() {
        let mut w = ComponentConfig::default_for(ComponentKind::WebServer);
        let mut last = 0.0;
        for size in InstanceSize::ALL {
            w = w
                .with_choice("instance_size", size.id())
                .expect("size option");
            let price = usd_per_hour(&w);
            assert!(price > last);
            last = price;
        }
        assert!((last - 16.0 * WEB_SERVER_USD_PER_HOUR).abs() < 1e-12);
        assert!(
            w.with_choice("instance_size", "4xlarge").is_none(),
            "there is no bigger machine"
        );
        assert_eq!(
            usd_per_hour(&ComponentConfig::default_for(ComponentKind::Client)),
            0.0
        );
    }
}
