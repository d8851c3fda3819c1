//! Message ids for texts the core writes in English and the app translates by a stable name: a setting's label
//! (`setting-<name>`, e.g. `setting-arrival_rate_per_s`) and a choice's option (`choice-<name>-<option>`, e.g.
//! `choice-algorithm-round_robin`). English has no such message (the core's own words are shown); `es.ftl` and
//! `zh.ftl` must have one for every setting of every kind, which the tests here check against the core's tables.
//! The shortcut sheet's rows and sections are translated the same way (`sheet-<row>`, `sheet-section-<id>`; the
//! English is [`crate::keymap`]'s), and what an edge carries (`link-<id>`, `scalelab_editor::link::MEANINGS`).
//! This module must not format or look anything up: the app's `i18n` does that.

/// The message id of a shortcut sheet row (`keymap::Row::id`); its attribute `keys` holds keys written in words.
#[must_use]
pub fn sheet_row_id(id: &str) -> String {
    format!("sheet-{id}")
}

/// The message id of a shortcut sheet section's title (the first element of a `keymap::SECTIONS` entry).
#[must_use]
pub fn sheet_section_id(id: &str) -> String {
    format!("sheet-section-{id}")
}

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
    use super::{choice_id, setting_id, sheet_row_id, sheet_section_id};
    use crate::keymap::SECTIONS;
    use sim_core::ComponentKind;
    use sim_core::model::ComponentConfig;
    use sim_core::scenario::slo;
    use std::collections::BTreeSet;

    /// The message ids of `locales/<lang>.ftl` (lines `id = …`), and `id.attr` for each attribute.
    fn ids(lang: &str) -> BTreeSet<String> {
        let path = format!("{}/../../locales/{lang}.ftl", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("the catalog is readable");
        let mut out = BTreeSet::new();
        let mut current = String::new();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((id, _)) = line.split_once('=') else {
                continue;
            };
            if !line.starts_with(' ') {
                current = id.trim().to_owned();
                out.insert(current.clone());
            } else if let Some(attr) = id.trim().strip_prefix('.') {
                out.insert(format!("{current}.{attr}"));
            }
        }
        out
    }

    /// Every setting and option the inspector can show: each kind's defaults, every configuration one choice
    /// away from them (a client's traffic shape brings its own rows), and a client with a scripted profile.
    fn needed() -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut configs: Vec<ComponentConfig> = Vec::new();
        for kind in ComponentKind::ALL {
            let config = ComponentConfig::default_for(kind);
            for choice in config.choices() {
                for (option, _) in choice.options {
                    configs.extend(config.with_choice(choice.name, option));
                }
            }
            configs.push(config);
        }
        configs.push(ComponentConfig::Client(sim_core::model::ClientConfig {
            traffic: sim_core::model::TrafficShape::Piecewise {
                points: vec![(0.0, 1.0), (60.0, 2.0)],
            },
            ..sim_core::model::ClientConfig::default()
        }));
        // The scenario's SLO fields, shown by the SLO editor and in its refusals and issues.
        for spec in [
            slo::AVAILABILITY_MIN,
            slo::LATENCY_MS_P99_MAX,
            slo::WINDOW_S,
            slo::OBJECTIVES,
            slo::COUNT,
        ] {
            out.insert(setting_id(spec.name));
        }
        for config in configs {
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
        // The scenario's own settings the inspector shows (no node kind).
        for spec in sim_core::scenario::failures::FIELDS {
            out.insert(setting_id(spec.name));
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

    #[test]
    fn every_edge_meaning_is_translated_in_every_language() {
        let needed: BTreeSet<String> = scalelab_editor::link::MEANINGS
            .iter()
            .map(|(id, _)| format!("link-{id}"))
            .collect();
        for lang in ["es", "zh"] {
            let have = ids(lang);
            let missing: Vec<_> = needed.difference(&have).collect();
            assert!(missing.is_empty(), "locales/{lang}.ftl lacks {missing:?}");
            let stale: Vec<_> = have
                .iter()
                .filter(|id| id.starts_with("link-") && !needed.contains(*id))
                .collect();
            assert!(
                stale.is_empty(),
                "locales/{lang}.ftl has {stale:?}, which no edge uses"
            );
        }
    }

    #[test]
    fn every_shortcut_row_is_translated_in_every_language() {
        let mut needed = BTreeSet::new();
        for (section, _, rows) in SECTIONS {
            needed.insert(sheet_section_id(section));
            for row in *rows {
                needed.insert(sheet_row_id(row.id));
                if row.keys_in_words() {
                    needed.insert(format!("{}.keys", sheet_row_id(row.id)));
                }
            }
        }
        assert_eq!(
            needed.iter().filter(|id| !id.contains('.')).count(),
            SECTIONS.len() + SECTIONS.iter().map(|(_, _, r)| r.len()).sum::<usize>(),
            "row and section ids are unique"
        );
        for lang in ["es", "zh"] {
            let have = ids(lang);
            let missing: Vec<_> = needed.difference(&have).collect();
            assert!(missing.is_empty(), "locales/{lang}.ftl lacks {missing:?}");
            let stale: Vec<_> = have
                .iter()
                .filter(|id| id.starts_with("sheet-") && !needed.contains(*id))
                .collect();
            assert!(
                stale.is_empty(),
                "locales/{lang}.ftl has {stale:?}, which no row uses"
            );
        }
    }
}
