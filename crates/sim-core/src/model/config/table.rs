//! The machinery behind the per-kind settings table in `super`: the [`settings_table!`] macro turns one row per
//! setting into the generic access the inspector, edits, sweeps and validation use, and checks each row when the
//! crate compiles (a number's [`FieldSpec`](crate::model::field::FieldSpec) must carry the struct field's name and
//! be whole exactly when the field is a `u32`). It owns no setting itself.

use super::ChoiceField;
use crate::model::field::FieldSpec;

/// The Rust types a numeric setting may have, and how they convert to and from the `f64` the inspector edits.
pub(super) trait Number: Copy {
    /// Whether only whole numbers fit (the [`FieldSpec::integer`](crate::model::field::FieldSpec) it needs).
    const INTEGER: bool;
    /// The value as the inspector shows it.
    fn to_f64(self) -> f64;
    /// The value from an `f64` already checked against the field's range (whole and in range when `INTEGER`).
    fn from_f64(value: f64) -> Self;
}

impl Number for f64 {
    const INTEGER: bool = false;
    fn to_f64(self) -> f64 {
        self
    }
    fn from_f64(value: f64) -> Self {
        value
    }
}

impl Number for u32 {
    const INTEGER: bool = true;
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked whole and in range first
    fn from_f64(value: f64) -> Self {
        value as u32
    }
}

/// Settings that depend on another setting's value, so no fixed row can describe them (a traffic shape's
/// parameters exist only for the chosen shape). A kind's block names such a field with `extra field`; its rows come
/// after the fixed ones, and names the fixed rows use are never passed to it.
pub(super) trait ExtraRows {
    /// The numeric settings it has now, with their ranges and values.
    fn numbers(&self) -> Vec<(FieldSpec, f64)>;
    /// Sets the numeric setting `name` (already checked against the range `numbers` gave); `false` if it has none.
    fn assign_number(&mut self, name: &str, value: f64) -> bool;
    /// The choice settings it has now.
    fn choices(&self) -> Vec<ChoiceField>;
    /// Sets the choice `name` to option `id`; `None` if it has no such choice or option.
    fn assign_choice(&mut self, name: &str, id: &str) -> Option<()>;
}

/// The value for a kind with an `extra` field (the second form), else the default (the first).
macro_rules! extra_or {
    ($default:expr ;) => {
        $default
    };
    ($default:expr ; $extra:expr) => {
        $extra
    };
}
pub(super) use extra_or;

/// Whether two strings are equal, usable in a `const` assertion.
pub(super) const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// One block per `ComponentConfig` variant: its numbers as `field: type = SPEC` (a constant of `model::field`, in
/// inspector order), its choices as `field = "label"` (the field's type implements `Choice`, which gives the
/// options), and optionally `extra field` (the field implements [`ExtraRows`]: rows that change with its value). Generates `ComponentConfig::{listed_numbers, assign_number, listed_choices, assign_choice}`; the
/// field's name in files is the struct field's (serde's default), so one row is the setting's whole description.
macro_rules! settings_table {
    ($(
        $variant:ident {
            numbers { $($num:ident : $ty:ty = $spec:ident),* $(,)? }
            choices { $($choice:ident = $label:literal),* $(,)? }
            $(extra $extra:ident)?
        }
    )*) => {
        $($(
            const _: () = assert!(
                same_name(field::$spec.name, stringify!($num))
                    && field::$spec.integer == <$ty as Number>::INTEGER,
                concat!(
                    "field::", stringify!($spec), " must be named `", stringify!($num),
                    "` and be whole exactly when the field is an integer"
                ),
            );
        )*)*

        impl ComponentConfig {
            /// Every numeric setting of this kind with its current value, in table order.
            fn listed_numbers(&self) -> Vec<(FieldSpec, f64)> {
                match self {
                    $(ComponentConfig::$variant(c) => {
                        let fixed = vec![$((field::$spec, <$ty as Number>::to_f64(c.$num))),*];
                        extra_or!(fixed; $([fixed, ExtraRows::numbers(&c.$extra)].concat())?)
                    })*
                }
            }

            /// Sets the numeric setting `name` (already range-checked); `false` if this kind has none.
            fn assign_number(&mut self, name: &str, value: f64) -> bool {
                match self {
                    $(ComponentConfig::$variant(c) => match name {
                        $(stringify!($num) => c.$num = <$ty as Number>::from_f64(value),)*
                        _ => return extra_or!(false; $(ExtraRows::assign_number(&mut c.$extra, name, value))?),
                    },)*
                }
                true
            }

            /// Every choice setting of this kind with its options and current value, in table order.
            #[allow(unused_variables)] // a kind without choices binds its settings and reads none
            fn listed_choices(&self) -> Vec<ChoiceField> {
                match self {
                    $(ComponentConfig::$variant(c) => {
                        let fixed = vec![$(ChoiceField {
                            name: stringify!($choice),
                            label: $label,
                            options: options_of(&c.$choice),
                            current: Choice::id(c.$choice),
                        }),*];
                        extra_or!(fixed; $([fixed, ExtraRows::choices(&c.$extra)].concat())?)
                    })*
                }
            }

            /// Sets the choice setting `name` to option `id`; `None` if this kind has no such setting or option.
            #[allow(unused_variables, clippy::match_single_binding)] // a kind without choices matches no name
            fn assign_choice(&mut self, name: &str, id: &str) -> Option<()> {
                match self {
                    $(ComponentConfig::$variant(c) => match name {
                        $(stringify!($choice) => c.$choice = Choice::from_id(id)?,)*
                        _ => return extra_or!(None; $(ExtraRows::assign_choice(&mut c.$extra, name, id))?),
                    },)*
                }
                Some(())
            }
        }
    };
}
pub(super) use settings_table;
