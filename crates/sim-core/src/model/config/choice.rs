//! Choice settings described once: the [`Choice`] trait (every option's id in files and choice lists, its label
//! for people, in list order) and the [`choice_enum!`] macro that declares a settings enum from one table of
//! `Variant = "id", "label"` rows, deriving the serde name of each variant from the same id. This module owns the
//! ids and labels; which setting uses which enum is the per-kind table in `super`.

use crate::model::cost::InstanceSize;

/// A value chosen from a fixed list of options (shown as a select in the inspector).
///
/// `OPTIONS` is the list in the order people see it; `ALL[i]` is the value of `OPTIONS[i]`, so `id` and `from_id`
/// are inverse on every option.
pub trait Choice: Copy + PartialEq + Sized + 'static {
    /// Every value, in option-list order.
    const ALL: &'static [Self];
    /// `(id, label)` of every value, in the same order as [`Choice::ALL`]: the id is what files and
    /// `with_choice` use, the label what people read.
    const OPTIONS: &'static [(&'static str, &'static str)];

    /// This value's id (e.g. `"round_robin"`).
    #[must_use]
    fn id(self) -> &'static str {
        let i = Self::ALL
            .iter()
            .position(|v| *v == self)
            .expect("Choice::ALL lists every value");
        Self::OPTIONS[i].0
    }

    /// The value with this id; `None` for an id that is not an option.
    #[must_use]
    fn from_id(id: &str) -> Option<Self> {
        Self::OPTIONS
            .iter()
            .position(|(o, _)| *o == id)
            .map(|i| Self::ALL[i])
    }
}

/// The option list of whatever choice type `_value` has (lets the per-kind table name a field, not its type).
pub(super) fn options_of<T: Choice>(_value: &T) -> &'static [(&'static str, &'static str)] {
    T::OPTIONS
}

/// Declares a settings enum from one table: each variant's doc, `Variant = "id", "label"`, and `#[default]` on
/// the default. Generates the enum (`Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize`, each
/// variant's serde name being its id) and its [`Choice`] impl, with options in declaration order.
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal, $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $id)] $variant, )+
        }

        impl $crate::model::config::choice::Choice for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const OPTIONS: &'static [(&'static str, &'static str)] = &[$(($id, $label)),+];
        }
    };
}
pub(crate) use choice_enum;

/// Yes/no settings (`"no"`, `"yes"`); in files they are JSON booleans.
impl Choice for bool {
    const ALL: &'static [Self] = &[false, true];
    const OPTIONS: &'static [(&'static str, &'static str)] = &[("no", "No"), ("yes", "Yes")];
}

/// Instance sizes keep their own serde names: the largest is `"x2large"` in files (serde's name for the variant
/// since version 1) but `"2xlarge"` in choice lists (the cloud's name), so this impl is written by hand.
impl Choice for InstanceSize {
    const ALL: &'static [Self] = &InstanceSize::ALL;
    const OPTIONS: &'static [(&'static str, &'static str)] = &[
        ("small", "small: 2 vCPU, workers ×1"),
        ("medium", "medium: 4 vCPU, workers ×2"),
        ("large", "large: 8 vCPU, workers ×4"),
        ("xlarge", "xlarge: 16 vCPU, workers ×8"),
        ("2xlarge", "2xlarge: 32 vCPU, workers ×16 (largest)"),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::{
        Eviction, KeyDistribution, LbAlgorithm, Replication, ServiceDistribution, SessionMode,
        ShardStrategy, WritePolicy,
    };

    fn round_trips<T: Choice + serde::Serialize + std::fmt::Debug>() {
        assert_eq!(T::ALL.len(), T::OPTIONS.len());
        for (v, (id, _)) in T::ALL.iter().zip(T::OPTIONS) {
            assert_eq!(v.id(), *id);
            assert_eq!(T::from_id(id), Some(*v));
        }
        assert_eq!(T::from_id("bogus"), None);
    }

    #[test]
    fn ids_round_trip_and_serde_names_are_the_ids() {
        round_trips::<bool>();
        round_trips::<InstanceSize>();
        round_trips::<KeyDistribution>();
        round_trips::<LbAlgorithm>();
        round_trips::<SessionMode>();
        round_trips::<ServiceDistribution>();
        round_trips::<ShardStrategy>();
        round_trips::<Replication>();
        round_trips::<Eviction>();
        round_trips::<WritePolicy>();
        for v in LbAlgorithm::ALL {
            let json = serde_json::to_string(v).expect("serializes");
            assert_eq!(json, format!("\"{}\"", v.id()));
        }
        // The one name that differs between a file and a choice list (see the impl).
        let largest = serde_json::to_string(&InstanceSize::X2large).expect("serializes");
        assert_eq!(largest, "\"x2large\"");
        assert_eq!(InstanceSize::X2large.id(), "2xlarge");
        for s in InstanceSize::ALL {
            assert_eq!(Choice::id(s), s.id(), "the hand-written ids agree");
        }
    }
}
