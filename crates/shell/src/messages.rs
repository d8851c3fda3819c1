//! Message ids for texts the core writes in English and the app translates by a stable name: a setting's label
//! (`setting-<name>`, e.g. `setting-arrival_rate_per_s`) and a choice's option (`choice-<name>-<option>`, e.g.
//! `choice-algorithm-round_robin`). English has no such message (the core's own words are shown); `es.ftl` and
//! `zh.ftl` must have one for every setting of every kind, which the tests here check against the core's tables.
//! This module must not format or look anything up: the app's `i18n` does that.

/// The message id of a setting's label, by its stable name (`FieldSpec.name`, `ChoiceField.name`).
#[must_use]
pub fn setting_id(name: &str) -> String {
    format!("setting-{name}")
}

/// The message id of option `option` of the choice setting `name`.
#[must_use]
pub fn choice_id(name: &str, option: &str) -> String {
    format!("choice-{name}-{option}")
}

#[cfg(test)]
mod tests {
    use super::{choice_id, setting_id};
    use sim_core::ComponentKind;
    use sim_core::model::ComponentConfig;
    use std::collections::BTreeSet;

    /// The message ids of `locales/<lang>.ftl` (lines `id = …`; attributes and comments skipped).
    fn ids(lang: &str) -> BTreeSet<String> {
        let path = format!("{}/../../locales/{lang}.ftl", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("the catalog is readable");
        text.lines()
            .filter(|l| !l.starts_with([' ', '#']))
            .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    /// Every message id a node's settings need, over every kind.
    fn needed() -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for kind in ComponentKind::ALL {
            let config = ComponentConfig::default_for(kind);
            for (spec, _) in config.numbers() {
                out.insert(setting_id(spec.name));
            }
            for choice in config.choices() {
                out.insert(setting_id(choice.name));
                for (option, _) in choice.options {
                    out.insert(choice_id(choice.name, option));
                }
            }
        }
        out
    }

    #[test]
    fn ids_are_the_settings_stable_names() {
        assert_eq!(
            setting_id("arrival_rate_per_s"),
            "setting-arrival_rate_per_s"
        );
        assert_eq!(
            choice_id("algorithm", "round_robin"),
            "choice-algorithm-round_robin"
        );
        assert!(needed().contains("choice-algorithm-p2c"));
    }

    #[test]
    fn every_setting_is_translated_in_every_language() {
        let needed = needed();
        for lang in ["es", "zh"] {
            let have = ids(lang);
            let missing: Vec<_> = needed.difference(&have).collect();
            assert!(missing.is_empty(), "locales/{lang}.ftl lacks {missing:?}");
            let stale: Vec<_> = have
                .iter()
                .filter(|id| id.starts_with("setting-") || id.starts_with("choice-"))
                .filter(|id| !needed.contains(*id))
                .collect();
            assert!(
                stale.is_empty(),
                "locales/{lang}.ftl has {stale:?}, which no setting uses"
            );
        }
        let en = ids("en");
        assert!(
            en.iter().all(|id| !needed.contains(id)),
            "English settings come from the core, not locales/en.ftl"
        );
    }
}
