//! The scenario file format: versioned JSON with a typed load error the UI can phrase for a person.
//!
//! Rules: a file says `"format": "scalelab"` and its `"version"`; fields added later default, so every older file
//! still loads (a migration step goes here when a field changes meaning); a file from a newer version is refused
//! rather than half-understood; size limits are checked before anything else is trusted.

use super::{MAX_EDGES, MAX_FAULTS, MAX_LABEL_CHARS, MAX_NODES, Scenario};
use std::fmt;

/// Value of the `format` field.
pub const FORMAT: &str = "scalelab";
/// The file format version this build writes (and the newest it reads).
pub const VERSION: u32 = 1;
/// Largest scenario file accepted, bytes.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Why a file could not be loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// Not JSON, or JSON of the wrong shape; carries the parser's message.
    Malformed(String),
    /// JSON, but not a Scale Lab scenario.
    NotAScenario,
    /// Written by a newer Scale Lab.
    TooNew {
        /// Version in the file.
        found: u32,
        /// Newest version this build reads.
        supported: u32,
    },
    /// Over a size limit; says which.
    TooLarge(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Malformed(m) => write!(f, "This is not a readable scenario file: {m}"),
            LoadError::NotAScenario => write!(
                f,
                "This file is JSON but not a Scale Lab scenario (no \"format\": \"scalelab\")"
            ),
            LoadError::TooNew { found, supported } => write!(
                f,
                "This scenario was made by a newer Scale Lab (format version {found}; this one reads up to {supported}). Reload the page to update."
            ),
            LoadError::TooLarge(what) => write!(f, "This scenario is too large: {what}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl Scenario {
    /// Parses a scenario file.
    ///
    /// # Errors
    /// [`LoadError`] for malformed JSON, a non-scenario, a newer version, or a size limit exceeded. Settings out of
    /// range are *not* load errors: the document loads and [`Scenario::validate`] reports them on their nodes.
    pub fn from_json(text: &str) -> Result<Scenario, LoadError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(LoadError::TooLarge(format!(
                "{} bytes, at most {MAX_FILE_BYTES}",
                text.len()
            )));
        }
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| LoadError::Malformed(e.to_string()))?;
        let header = value.as_object().ok_or(LoadError::NotAScenario)?;
        if header.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(LoadError::NotAScenario);
        }
        let found = header
            .get("version")
            .and_then(serde_json::Value::as_u64)
            .ok_or(LoadError::NotAScenario)?;
        if found > u64::from(VERSION) {
            return Err(LoadError::TooNew {
                found: u32::try_from(found).unwrap_or(u32::MAX),
                supported: VERSION,
            });
        }
        let mut s: Scenario =
            serde_json::from_value(value).map_err(|e| LoadError::Malformed(e.to_string()))?;
        s.check_limits()?;
        s.version = VERSION;
        s.faults.sort_by_key(|f| f.at_us);
        Ok(s)
    }

    /// The file text (pretty JSON, stable field order).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .expect("a Scenario always serializes: it holds no maps with non-string keys")
    }

    fn check_limits(&self) -> Result<(), LoadError> {
        let over = |what: &str, n: usize, max: usize| {
            if n > max {
                Err(LoadError::TooLarge(format!("{n} {what}, at most {max}")))
            } else {
                Ok(())
            }
        };
        over("nodes", self.nodes.len(), MAX_NODES)?;
        over("connections", self.edges.len(), MAX_EDGES)?;
        over("faults", self.faults.len(), MAX_FAULTS)?;
        if let Some(n) = self
            .nodes
            .iter()
            .find(|n| n.label.chars().count() > MAX_LABEL_CHARS)
        {
            return Err(LoadError::TooLarge(format!(
                "label of node {} is longer than {MAX_LABEL_CHARS} characters",
                n.id
            )));
        }
        let mut ids: Vec<u32> = self.nodes.iter().map(|n| n.id.0).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(LoadError::Malformed("two nodes share an id".to_owned()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    #[test]
    fn every_preset_round_trips_through_its_file() {
        for p in presets::ALL {
            let s = presets::get(p.id).expect("listed preset exists");
            assert_eq!(
                Scenario::from_json(&s.to_json()).as_ref(),
                Ok(&s),
                "{}",
                p.id
            );
        }
    }

    #[test]
    fn a_minimal_version_1_file_loads_with_defaults() {
        let s = Scenario::from_json(r#"{"format":"scalelab","version":1}"#).expect("loads");
        assert_eq!(s.seed, 1);
        assert!(s.nodes.is_empty());
    }

    #[test]
    fn bad_files_get_a_typed_error() {
        assert!(matches!(
            Scenario::from_json("{nope"),
            Err(LoadError::Malformed(_))
        ));
        assert_eq!(Scenario::from_json("[1,2]"), Err(LoadError::NotAScenario));
        assert_eq!(
            Scenario::from_json(r#"{"format":"other","version":1}"#),
            Err(LoadError::NotAScenario)
        );
        assert_eq!(
            Scenario::from_json(r#"{"format":"scalelab","version":7}"#),
            Err(LoadError::TooNew {
                found: 7,
                supported: 1
            })
        );
        let e = Scenario::from_json(
            r#"{"format":"scalelab","version":1,"nodes":[{"id":1,"config":{"kind":"toaster"}}]}"#,
        );
        assert!(matches!(e, Err(LoadError::Malformed(m)) if m.contains("toaster")));
    }

    #[test]
    fn oversized_scenarios_are_refused() {
        let nodes: Vec<String> = (0..=super::MAX_NODES)
            .map(|i| format!(r#"{{"id":{i},"config":{{"kind":"database"}}}}"#))
            .collect();
        let text = format!(
            r#"{{"format":"scalelab","version":1,"nodes":[{}]}}"#,
            nodes.join(",")
        );
        assert!(
            matches!(Scenario::from_json(&text), Err(LoadError::TooLarge(m)) if m.contains("nodes"))
        );
    }
}
