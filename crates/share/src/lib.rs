//! Scale Lab's share links: a scenario packed into a URL fragment and back, with a typed error for every way a
//! link can be damaged. Pure Rust with no web dependency, so it runs natively (tests, CLI) and in the browser.
//!
//! Two kinds of fragment (an optional leading `#` and surrounding whitespace are ignored):
//! - `d1.<payload>`: a whole document, `payload = base64url_nopad(zlib(compact JSON file text))`
//!   (see `v1.rs` for the choices). `d1` is the *link* format version, independent of the file version inside.
//! - `t/<preset id>`: a built-in scenario by id (`t/three_tier`), short enough to read aloud.
//!
//! Decoding trusts nothing: the fragment length is capped ([`MAX_LINK_BYTES`]) before any work, inflating stops at
//! [`MAX_DOCUMENT_BYTES`] (a decompression bomb cannot allocate more), and the document goes through the core's
//! loader (`Scenario::from_json`: format, file version, node/edge/fault/label limits). Labels and names are carried
//! as plain text and never interpreted. This crate must not touch the DOM, the clock or randomness.

pub mod embed;
mod error;
pub mod export;
pub mod hosts;
mod migrate;
pub mod protocol;
pub mod startup;
mod v1;

pub use error::{LinkError, SizePart};
pub use migrate::LINK_VERSION;

use sim_core::Scenario;
use sim_core::scenario::{lessons, presets};

/// The fragment (without `#`) that shares `doc`: the short `t/<id>` when it is an unchanged preset, else the
/// whole document as `d1.…`.
#[must_use]
pub fn fragment_for(doc: &Scenario) -> String {
    lessons::for_scenario(doc)
        .filter(|l| presets::get(l.preset).as_ref() == Some(doc))
        .and_then(|l| preset_fragment(l.preset))
        .unwrap_or_else(|| encode_fragment(doc))
}

/// Longest fragment [`decode_fragment`] reads, bytes (256 KiB), checked before any decoding. Far above any
/// scenario made by hand (the presets are under 1 KiB) and under every browser's URL limit.
pub const MAX_LINK_BYTES: usize = 256 * 1024;

/// Largest scenario file text a `d1.` link may unpack to, bytes (1 MiB). Smaller than the core's file limit
/// (`sim_core::scenario::format::MAX_FILE_BYTES`, 4 MiB): links are for sharing, very large scenarios go as files.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// What kind of link a fragment was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// A whole document (`d<N>.…`), written with link format version `link_version`. A version older than
    /// [`LINK_VERSION`] was migrated; re-encoding gives a link in today's format.
    Document {
        /// The `N` of `d<N>.`.
        link_version: u32,
    },
    /// A built-in scenario (`t/<id>`); `id` is a `sim_core::scenario::presets::ALL` id.
    Preset {
        /// The preset id, e.g. `"three_tier"`.
        id: String,
    },
}

/// A decoded link: its kind and the scenario, already checked by the core's loader (not yet validated: settings
/// out of range load and are reported by `Scenario::validate`, like a file's).
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// Which kind of link it was.
    pub kind: LinkKind,
    /// The document.
    pub scenario: Scenario,
}

/// The fragment (without `#`) sharing `scenario` as a whole document: `"d1." + base64url_nopad(zlib(compact JSON))`
/// (zlib = deflate with a checksum; why in `v1.rs`). Deterministic for a given scenario and `miniz_oxide` version;
/// the text is ASCII `A–Z a–z 0–9 - _ .`, safe in a URL fragment without escaping.
///
/// Never fails. A scenario whose compact JSON is over [`MAX_DOCUMENT_BYTES`], or whose link is over
/// [`MAX_LINK_BYTES`], gives a link [`decode_fragment`] refuses with [`LinkError::TooLarge`]; callers wanting to
/// warn first compare `encode_fragment(s).len()` with [`MAX_LINK_BYTES`] (only a multi-kilobyte description or
/// thousands of faults get near it).
#[must_use]
pub fn encode_fragment(scenario: &Scenario) -> String {
    let json = serde_json::to_string(scenario)
        .expect("a Scenario always serializes: it holds no maps with non-string keys");
    format!("d{LINK_VERSION}.{}", v1::pack(&json))
}

/// The short fragment (without `#`) for a built-in scenario, `"t/<id>"`, or `None` if `id` is not a preset.
#[must_use]
pub fn preset_fragment(id: &str) -> Option<String> {
    presets::ALL
        .iter()
        .any(|p| p.id == id)
        .then(|| format!("t/{id}"))
}

/// Reads a fragment as found in `location.hash` (with or without the leading `#`; surrounding whitespace ignored).
///
/// # Errors
/// [`LinkError::Empty`] when nothing is left; [`LinkError::TooLarge`] for a fragment over [`MAX_LINK_BYTES`] or a
/// document over [`MAX_DOCUMENT_BYTES`]; [`LinkError::NewerVersion`] for `d<N>.` with `N` above
/// [`LINK_VERSION`]; [`LinkError::UnknownPrefix`] for anything not starting with `d<N>.` or `t/`;
/// [`LinkError::BadEncoding`], [`LinkError::Truncated`], [`LinkError::Corrupt`] for a damaged payload;
/// [`LinkError::UnknownPreset`] for `t/<id>` with an unknown id; [`LinkError::Scenario`] when the core's loader
/// refuses the document. Never panics, whatever the input.
pub fn decode_fragment(fragment: &str) -> Result<Decoded, LinkError> {
    if fragment.len() > MAX_LINK_BYTES {
        return Err(LinkError::TooLarge {
            part: SizePart::Link,
            limit_bytes: MAX_LINK_BYTES,
        });
    }
    let trimmed = fragment.trim();
    let body = trimmed.strip_prefix('#').unwrap_or(trimmed).trim_start();
    if body.is_empty() {
        return Err(LinkError::Empty);
    }
    if let Some(id) = body.strip_prefix("t/") {
        let scenario =
            presets::get(id).ok_or_else(|| LinkError::UnknownPreset(LinkError::echo(id)))?;
        return Ok(Decoded {
            kind: LinkKind::Preset { id: id.to_owned() },
            scenario,
        });
    }
    let (prefix, payload) = body
        .split_once('.')
        .ok_or_else(|| LinkError::UnknownPrefix(LinkError::echo(body)))?;
    let link_version = migrate::parse_prefix(prefix)
        .ok_or_else(|| LinkError::UnknownPrefix(LinkError::echo(prefix)))?;
    let json = migrate::migrate(link_version, payload)?;
    let scenario = Scenario::from_json(&json)?;
    Ok(Decoded {
        kind: LinkKind::Document { link_version },
        scenario,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_whitespace_are_ignored() {
        let plain = decode_fragment("t/three_tier").expect("preset link");
        for dressed in ["#t/three_tier", "  #t/three_tier\n", "\tt/three_tier "] {
            assert_eq!(decode_fragment(dressed).as_ref(), Ok(&plain), "{dressed:?}");
        }
    }

    #[test]
    fn preset_fragments_exist_only_for_presets() {
        assert_eq!(
            preset_fragment("single_server").as_deref(),
            Some("t/single_server")
        );
        assert_eq!(preset_fragment("nope"), None);
    }

    #[test]
    fn an_encoded_link_is_url_safe() {
        let s = presets::get("three_tier").expect("preset");
        let link = encode_fragment(&s);
        assert!(link.starts_with("d1."));
        assert!(
            link.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')),
            "{link}"
        );
    }
}
