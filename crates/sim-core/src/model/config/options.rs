//! The option lists of choice settings (id, label for people) and their small parsing helpers, shared by
//! [`super::ComponentConfig::choices`] and [`super::ComponentConfig::with_choice`].

use super::ChoiceField;
use super::kinds::ServiceDistribution;
use crate::model::cost::InstanceSize;
use crate::model::field::FieldSpec;

/// Stands in for a setting name this kind does not have, so the error still reads as a sentence.
pub(super) const UNKNOWN_FIELD: FieldSpec = FieldSpec {
    name: "",
    label: "Unknown setting",
    unit: "",
    min: 0.0,
    max: 0.0,
    integer: false,
};

pub(super) const SHARD_STRATEGIES: &[(&str, &str)] = &[
    ("consistent_hashing", "Consistent hashing (virtual nodes)"),
    ("modulo", "hash(user id) mod number of shards"),
    ("range", "Ranges of user ids"),
];
pub(super) const INSTANCE_SIZES: &[(&str, &str)] = &[
    ("small", "small: 2 vCPU, workers ×1"),
    ("medium", "medium: 4 vCPU, workers ×2"),
    ("large", "large: 8 vCPU, workers ×4"),
    ("xlarge", "xlarge: 16 vCPU, workers ×8"),
    ("2xlarge", "2xlarge: 32 vCPU, workers ×16 (largest)"),
];

pub(super) fn size_choice(size: InstanceSize) -> ChoiceField {
    ChoiceField {
        name: "instance_size",
        label: "Instance size",
        options: INSTANCE_SIZES,
        current: size.id(),
    }
}

pub(super) const SESSION_MODES: &[(&str, &str)] = &[
    ("none", "No logins"),
    ("in_memory", "In this server's memory (stateful)"),
    ("session_store", "In a shared session store (stateless)"),
];
pub(super) const LB_ALGORITHMS: &[(&str, &str)] = &[
    ("round_robin", "Round robin"),
    ("random", "Random"),
    ("least_connections", "Least connections"),
    ("ip_hash", "IP hash"),
    ("sticky_sessions", "Sticky sessions (cookie)"),
    ("p2c", "Power of two choices (P2C)"),
];
pub(super) const DISTRIBUTIONS: &[(&str, &str)] =
    &[("exponential", "Exponential"), ("constant", "Constant")];
pub(super) const KEY_DISTRIBUTIONS: &[(&str, &str)] =
    &[("zipf", "Zipf (skewed)"), ("uniform", "Uniform")];
pub(super) const YES_NO: &[(&str, &str)] = &[("no", "No"), ("yes", "Yes")];
pub(super) const EVICTIONS: &[(&str, &str)] = &[
    ("lru", "LRU (least recently used)"),
    ("lfu", "LFU (least frequently used)"),
    ("fifo", "FIFO (oldest first)"),
];
pub(super) const REPLICATIONS: &[(&str, &str)] = &[
    ("asynchronous", "Asynchronous (fast writes, may lose some)"),
    (
        "semi_synchronous",
        "Semi-synchronous (slower writes, no loss)",
    ),
];
pub(super) const WRITE_POLICIES: &[(&str, &str)] = &[
    ("invalidate", "Invalidate the entry"),
    ("write_through", "Write through (update the entry)"),
    ("nothing", "Nothing (stale reads)"),
];

pub(super) fn parse_yes_no(id: &str) -> Option<bool> {
    match id {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

pub(super) fn distribution_id(d: ServiceDistribution) -> &'static str {
    match d {
        ServiceDistribution::Exponential => "exponential",
        ServiceDistribution::Constant => "constant",
    }
}

pub(super) fn parse_distribution(id: &str) -> Option<ServiceDistribution> {
    match id {
        "exponential" => Some(ServiceDistribution::Exponential),
        "constant" => Some(ServiceDistribution::Constant),
        _ => None,
    }
}
