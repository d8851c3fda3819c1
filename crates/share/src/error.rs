//! Why a share link could not be opened: one variant per thing that can go wrong, each phrased as a sentence a
//! person can act on.
//!
//! The UI shows `to_string()` as is; it matches on the variant only to decide what else to offer (reload the page,
//! open the preset menu). Anything a link carries (a preset id, a prefix) is kept as plain text, shortened, and
//! never interpreted: the UI must render it as text, not markup.

use sim_core::scenario::LoadError;
use std::fmt;

/// Longest piece of the link echoed back inside an error, in characters.
const ECHO_MAX_CHARS: usize = 40;

/// Which part of a link went over its size limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizePart {
    /// The fragment text itself (over [`crate::MAX_LINK_BYTES`]).
    Link,
    /// The scenario file text it unpacks to (over [`crate::MAX_DOCUMENT_BYTES`]).
    Document,
}

/// Why [`crate::decode_fragment`] refused a link. `Display` is a sentence for a non-programmer.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// Nothing after the `#` (or only whitespace).
    Empty,
    /// The link does not start with a prefix Scale Lab has ever written (`d1.`, `t/`). Carries the start of the
    /// link, at most 40 characters, as plain text.
    UnknownPrefix(String),
    /// A `d<N>.` link whose link format version `N` is newer than this build reads: reload to update.
    NewerVersion {
        /// The version in the link.
        found: u32,
        /// Newest link version this build reads ([`crate::LINK_VERSION`]).
        supported: u32,
    },
    /// The payload has characters outside base64url (`A–Z a–z 0–9 - _`), e.g. a `+`, `=` or `%` added on the way.
    BadEncoding,
    /// The payload ends too early: the base64url text has an impossible length or the compressed data stops
    /// before its end marker. Almost always a link cut off by a chat app or a line break.
    Truncated,
    /// The compressed data, or the text it unpacks to, is damaged (bad zlib header, invalid deflate data, checksum
    /// mismatch, or not UTF-8).
    Corrupt,
    /// Over a size limit; inflating stops at the limit, so a hostile link cannot allocate more than that.
    TooLarge {
        /// Which part.
        part: SizePart,
        /// The limit it went over, bytes.
        limit_bytes: usize,
    },
    /// A `t/<id>` link to a preset this build does not have. Carries the id, at most 40 characters, as plain text.
    UnknownPreset(String),
    /// The link unpacked fine but the scenario loader refused the document (not a scenario, newer file version,
    /// malformed, over a node, edge, fault or label limit).
    Scenario(LoadError),
}

impl LinkError {
    /// `text` shortened to what an error may echo back (whole characters, never a split code point).
    pub(crate) fn echo(text: &str) -> String {
        text.chars().take(ECHO_MAX_CHARS).collect()
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => {
                write!(f, "This link has no scenario in it: nothing follows the #.")
            }
            LinkError::UnknownPrefix(_) => write!(
                f,
                "This does not look like a Scale Lab scenario link. It may have been changed when it was copied; \
                 try copying it again."
            ),
            LinkError::NewerVersion { found, supported } => write!(
                f,
                "This link was made by a newer Scale Lab (link version {found}; this one reads up to {supported}). \
                 Reload the page to update, then open the link again."
            ),
            LinkError::BadEncoding => write!(
                f,
                "This link contains characters a Scale Lab link never has. It may have been changed when it was \
                 copied; try copying it again."
            ),
            LinkError::Truncated => write!(
                f,
                "This link is incomplete: it was probably cut off when it was copied or sent. Ask for the whole \
                 link."
            ),
            LinkError::Corrupt => write!(
                f,
                "This link is damaged and cannot be read. Try copying it again."
            ),
            LinkError::TooLarge {
                part: SizePart::Link,
                limit_bytes,
            } => write!(
                f,
                "This link is too long to open (more than {} KiB). Share a scenario this large as a file instead.",
                limit_bytes / 1024
            ),
            LinkError::TooLarge {
                part: SizePart::Document,
                limit_bytes,
            } => write!(
                f,
                "This link holds a scenario larger than Scale Lab opens from a link (more than {} KiB). Share it as \
                 a file instead.",
                limit_bytes / 1024
            ),
            LinkError::UnknownPreset(id) => write!(
                f,
                "This link points to a built-in scenario called \"{id}\" that this Scale Lab does not have. Pick one \
                 from the scenario menu instead."
            ),
            LinkError::Scenario(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LinkError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LinkError::Scenario(e) => Some(e),
            _ => None,
        }
    }
}

impl From<LoadError> for LinkError {
    fn from(e: LoadError) -> Self {
        LinkError::Scenario(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_keeps_whole_characters() {
        let long = "é".repeat(100);
        assert_eq!(LinkError::echo(&long).chars().count(), ECHO_MAX_CHARS);
        assert_eq!(LinkError::echo("abc"), "abc");
    }

    #[test]
    fn every_message_is_a_sentence() {
        let all = [
            LinkError::Empty,
            LinkError::UnknownPrefix("x".into()),
            LinkError::NewerVersion {
                found: 9,
                supported: 1,
            },
            LinkError::BadEncoding,
            LinkError::Truncated,
            LinkError::Corrupt,
            LinkError::TooLarge {
                part: SizePart::Link,
                limit_bytes: 256 * 1024,
            },
            LinkError::TooLarge {
                part: SizePart::Document,
                limit_bytes: 1024 * 1024,
            },
            LinkError::UnknownPreset("nope".into()),
            LinkError::Scenario(LoadError::NotAScenario),
        ];
        for e in all {
            let m = e.to_string();
            assert!(m.starts_with(char::is_uppercase), "{m}");
            assert!(m.ends_with('.') || m.ends_with(')'), "{m}");
        }
    }
}
