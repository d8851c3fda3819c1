//! The scenario file format: versioned JSON with a typed load error the UI can phrase for a person.
//!
//! Rules: a file says `"format": "scalelab"` and its `"version"`; fields added later default, so every older file
//! still loads (a migration step goes here when a field changes meaning); a file from a newer version is refused
//! rather than half-understood; size limits are checked before anything else is trusted. A document must also keep
//! the editor's rules — ids in range and unique, one connection per ordered pair of existing nodes and none to
//! itself, coordinates on the canvas, labels of text — so that a file can never hold what the editor refuses.
//! A leading byte-order mark is ignored (as the app's import does).

use super::{
    MAX_COORDINATE, MAX_EDGES, MAX_FAULTS, MAX_LABEL_CHARS, MAX_NODE_ID, MAX_NODES, Scenario,
    label_forbidden_char,
};
use crate::model::field::number;
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
    /// A Scale Lab scenario whose `"version"` is missing or not a whole number; carries what was found, shortened.
    BadVersion(String),
    /// Breaks a rule the editor keeps (ids, connections, coordinates, labels, faults); says which, and where.
    Invalid(String),
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
            LoadError::BadVersion(found) => write!(
                f,
                "This scenario file's \"version\" must be a whole number such as 1 (it is {found})"
            ),
            LoadError::Invalid(what) => write!(
                f,
                "This scenario breaks a rule of the editor, so it is not opened: {what}"
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
    /// [`LoadError`] for malformed JSON, a non-scenario, a missing or malformed version, a newer version, a size
    /// limit exceeded, or a document the editor could not have made. Settings out of range are *not* load errors:
    /// the document loads and [`Scenario::validate`] reports them on their nodes.
    pub fn from_json(text: &str) -> Result<Scenario, LoadError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(LoadError::TooLarge(format!(
                "{} bytes, at most {MAX_FILE_BYTES}",
                text.len()
            )));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| LoadError::Malformed(e.to_string()))?;
        let header = value.as_object().ok_or(LoadError::NotAScenario)?;
        if header.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(LoadError::NotAScenario);
        }
        let found = match header.get("version") {
            None => return Err(LoadError::BadVersion("missing".to_owned())),
            Some(v) => v
                .as_u64()
                .ok_or_else(|| LoadError::BadVersion(v.to_string().chars().take(40).collect()))?,
        };
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
        let challenge_faults = self.challenge.as_ref().map_or(0, |c| c.faults.len());
        over(
            "faults with the challenge's",
            self.faults.len() + challenge_faults,
            MAX_FAULTS,
        )?;
        let invalid = |what: String| Err(LoadError::Invalid(what));
        for n in &self.nodes {
            if n.label.chars().count() > MAX_LABEL_CHARS {
                return Err(LoadError::TooLarge(format!(
                    "label of node {} is longer than {MAX_LABEL_CHARS} characters",
                    n.id
                )));
            }
            if let Some(c) = label_forbidden_char(&n.label) {
                return invalid(format!(
                    "the label of node {} contains U+{:04X}, a control character or a code point that is not text",
                    n.id,
                    u32::from(c)
                ));
            }
            if n.id.0 > MAX_NODE_ID {
                return invalid(format!(
                    "node id {} is larger than {MAX_NODE_ID}, the largest id a scenario may use",
                    n.id.0
                ));
            }
            for (axis, v) in [("x", n.x), ("y", n.y)] {
                if !(-MAX_COORDINATE..=MAX_COORDINATE).contains(&v) {
                    return invalid(format!(
                        "node {} is at {axis} = {}, outside the canvas (−{m} px to {m} px)",
                        n.id,
                        number(v),
                        m = number(MAX_COORDINATE)
                    ));
                }
            }
        }
        let mut ids: Vec<u32> = self.nodes.iter().map(|n| n.id.0).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return invalid(format!("two nodes have the id {}", w[0]));
        }
        let exists = |id: crate::NodeId| ids.binary_search(&id.0).is_ok();
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(self.edges.len());
        for e in &self.edges {
            for end in [e.from, e.to] {
                if !exists(end) {
                    return invalid(format!(
                        "a connection refers to node {end}, which is not in the scenario"
                    ));
                }
            }
            if e.from == e.to {
                return invalid(format!("node {} is connected to itself", e.from));
            }
            pairs.push((e.from.0, e.to.0));
        }
        pairs.sort_unstable();
        if let Some(w) = pairs.windows(2).find(|w| w[0] == w[1]) {
            return invalid(format!(
                "node n{} is connected to node n{} more than once (the editor keeps one connection per pair)",
                w[0].0, w[0].1
            ));
        }
        if let Some(f) = self.faults.iter().find(|f| !exists(f.node)) {
            return invalid(format!(
                "the fault timeline refers to node {}, which is not in the scenario",
                f.node
            ));
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
    fn versions_that_are_not_whole_numbers_say_so() {
        for (v, shown) in [("-1", "-1"), ("\"1\"", "\"1\""), ("1.0", "1.0")] {
            let e = Scenario::from_json(&format!(r#"{{"format":"scalelab","version":{v}}}"#))
                .unwrap_err();
            assert_eq!(e, LoadError::BadVersion(shown.into()), "{v}");
            assert!(e.to_string().contains("whole number"), "{e}");
        }
        assert_eq!(
            Scenario::from_json(r#"{"format":"scalelab"}"#),
            Err(LoadError::BadVersion("missing".into()))
        );
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let s = Scenario::from_json("\u{feff}{\"format\":\"scalelab\",\"version\":1}");
        assert!(s.is_ok(), "{s:?}");
    }

    #[test]
    fn what_the_editor_refuses_a_file_cannot_hold() {
        let doc = |nodes: &str, edges: &str| {
            Scenario::from_json(&format!(
                r#"{{"format":"scalelab","version":1,"nodes":[{nodes}],"edges":[{edges}]}}"#
            ))
        };
        let two = r#"{"id":1,"config":{"kind":"client"}},{"id":2,"config":{"kind":"web_server"}}"#;
        assert!(doc(two, r#"{"from":1,"to":2}"#).is_ok());
        for (nodes, edges, says) in [
            (
                two,
                r#"{"from":1,"to":2},{"from":1,"to":2}"#,
                "more than once",
            ),
            (two, r#"{"from":1,"to":1}"#, "connected to itself"),
            (two, r#"{"from":1,"to":3}"#, "node n3, which is not"),
            (
                r#"{"id":4294967295,"config":{"kind":"client"}}"#,
                "",
                "larger than 1000000000",
            ),
            (
                r#"{"id":1,"x":1e308,"config":{"kind":"client"}}"#,
                "",
                "x = 1e308, outside the canvas",
            ),
            (
                r#"{"id":1,"label":"a\ufffe","config":{"kind":"client"}}"#,
                "",
                "U+FFFE",
            ),
            (
                r#"{"id":1,"config":{"kind":"client"}},{"id":1,"config":{"kind":"dns"}}"#,
                "",
                "two nodes have the id 1",
            ),
        ] {
            match doc(nodes, edges) {
                Err(e @ LoadError::Invalid(_)) => {
                    assert!(e.to_string().contains(says), "{e}");
                }
                other => panic!("{nodes} {edges}: {other:?}"),
            }
        }
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
